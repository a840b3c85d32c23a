"""Cross-outlet entity resolution: one :class:`Entity` per real-world referent.

Mentions come from spaCy's NER (``Claim.mentions``, or the article's Doc when a
claim has none). Names are cleaned (titles, "the", possessives), then linked:
equal keys, acronym definitions ("Immigration and Customs Enforcement (ICE)"),
acronyms built from initials ("Department of Homeland Security" = "DHS"),
surnames of an unambiguous full name ("Talwani" = "Indira Talwani") and
rapidfuzz near-duplicates. Acronyms and full names the NER missed elsewhere are
then found by exact, word-bounded search in the claims.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from typing import Any

from comparator.chunks import ents_in
from comparator.comparison import Comparison
from comparator.detect import Context
from comparator.facts.names import (
    acronym_of,
    clean_name,
    is_acronym,
    name_key,
    surname,
)
from comparator.types import Claim, Entity, EntityMention, Mention

__all__ = ["add_entities", "resolve_entities", "entity_coverage"]

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "LAW", "FAC", "EVENT", "PRODUCT")
_LAW_YEAR = re.compile(r" of (?:1[6-9]|20)\d\d\b")
_NOT_A_NAME = re.compile(r"(?:'s|\u2019s)?\s+(?:[A-Z]\w|administration\b|organization\b|campaign\b|judge\b|era\b)")


@dataclasses.dataclass(frozen=True)
class _Raw:
    """One cleaned mention before linking."""

    article: str
    claim: str
    text: str
    start: int
    end: int
    label: str
    order: int  # position in reading order (article order, then offset)

    @property
    def key(self) -> str:
        return name_key(self.text)


def add_entities(comp: Comparison, ctx: Context) -> Comparison:
    """``comp`` with ``entities`` filled and ``extras["entity_coverage"]`` (who mentions whom)."""
    entities = resolve_entities(comp, ctx.docs)
    extras = dict(comp.extras)
    extras["entity_coverage"] = entity_coverage(comp, entities)
    return dataclasses.replace(comp, entities=entities, extras=extras)


def _claim_mentions(claim: Claim, docs: Any) -> tuple[Mention, ...]:
    if claim.mentions:
        return claim.mentions
    doc = docs.get(claim.article) if docs else None
    if doc is None:
        return ()
    return tuple(Mention(text=e.text, start=e.start_char, end=e.end_char, label=e.label_)
                 for e in ents_in(doc, claim.start, claim.end))  # O(log n) per claim


def _clean_span(text: str, start: int, mention: str, label: str) -> tuple[str, int, int] | None:
    """Offsets of the cleaned name inside the mention (titles/"the"/possessive trimmed)."""
    name = clean_name(mention, label)
    if not name:
        return None
    i = mention.find(name)
    if i < 0:  # cleaning changed inner characters (apostrophes, spaces): keep the raw span
        name, i = mention.strip(), mention.find(mention.strip())
    s = start + i
    return text[s:s + len(name)], s, s + len(name)


def _raw_mentions(comp: Comparison, docs: Any) -> list[_Raw]:
    raws: list[_Raw] = []
    order = 0
    for article in comp.articles:
        for claim in sorted(comp.claims_of(article.id), key=lambda c: c.start):
            if claim.boilerplate:
                continue
            for m in sorted(_claim_mentions(claim, docs), key=lambda m: (m.start, m.end)):
                if m.label not in ENTITY_LABELS:
                    continue
                end = m.end
                if m.label == "LAW":  # "the Tax Act" + " of 1976": the year is part of the law's name
                    year = _LAW_YEAR.match(article.text, end)
                    end = year.end() if year and year.end() <= claim.end else end
                cleaned = _clean_span(article.text, m.start, article.text[m.start:end], m.label)
                if cleaned is None or not name_key(cleaned[0]):
                    continue
                if _is_title_part(article.text, cleaned[2]):
                    continue  # "U.S." of "U.S. District Judge"
                raws.append(_Raw(article.id, claim.id, cleaned[0], cleaned[1], cleaned[2], m.label, order))
                order += 1
    return raws


def _is_title_part(text: str, end: int) -> bool:
    nxt = text[end:end + 40].split()
    return bool(nxt) and nxt[0].lower().strip(",") in ("district", "attorney", "army", "navy", "senate",
                                                         "house", "supreme", "circuit", "marshal")


def _acronym_links(comp: Comparison, raws: list[_Raw]) -> dict[str, str]:
    """key of an acronym -> key of the name it abbreviates, from "Long Name (ACR)" and initials."""
    links: dict[str, str] = {}
    texts = {a.id: a.text for a in comp.articles}
    longs = sorted({r.key: r.text for r in raws if not is_acronym(r.text)}.items())
    for r in raws:  # explicit definitions: "Internal Revenue Service (IRS)"
        after = texts[r.article][r.end:r.end + 14]
        m = re.match(r"\s*[(\[]\s*([A-Z][A-Za-z.&]{1,9})\s*[)\]]", after)
        if m and not is_acronym(r.text):
            links[name_key(m.group(1))] = r.key
    for r in raws:  # initials: "Department of Homeland Security" ~ "DHS"
        if is_acronym(r.text) and r.key not in links:
            target = [k for k, t in longs if acronym_of(t) == r.text.replace(".", "")]
            if len(target) == 1:
                links[r.key] = target[0]
    return links


def resolve_entities(comp: Comparison, docs: Any = None) -> tuple[Entity, ...]:
    """Group the named mentions of all articles into entities (ids E001... by first mention)."""
    raws = _raw_mentions(comp, docs or {})
    if not raws:
        return ()
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    labels: dict[str, Counter] = {}
    for r in raws:
        find(r.key)
        labels.setdefault(r.key, Counter())[r.label] += 1
    for acr, long_key in sorted(_acronym_links(comp, raws).items()):
        if acr in parent:
            union(acr, long_key)
    keys = sorted(parent)
    full_persons = [k for k in keys if len(k.split()) >= 2 and labels[k].get("PERSON")]
    text_of = {r.key: r.text for r in raws}
    for k in keys:  # surnames -> the one full name that ends with them
        if " " not in text_of[k] and not is_acronym(text_of[k]):
            owners = [p for p in full_persons if name_key(surname(text_of[p]) or "") == k]
            if len(owners) == 1:
                union(k, owners[0])
    from rapidfuzz import fuzz

    multi = [k for k in keys if len(k) >= 8]
    for i, a in enumerate(multi):  # spelling variants
        for b in multi[i + 1:]:
            if fuzz.ratio(a, b) >= 92 and _label_of(labels, a) == _label_of(labels, b):
                union(a, b)

    raws = _search_more(comp, raws, {find(r.key) for r in raws}, find)
    groups: dict[str, list[_Raw]] = {}
    for r in raws:
        groups.setdefault(find(r.key), []).append(r)
    ordered = sorted(groups.values(), key=lambda rs: min(r.order for r in rs))
    entities = []
    for n, rs in enumerate(ordered, 1):
        forms = sorted({r.text for r in rs})
        name = max(forms, key=lambda t: (not is_acronym(t), len(t.split()), len(t), t))
        label_count = Counter(r.label for r in rs if r.text == name) or Counter(r.label for r in rs)
        label = sorted(label_count.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        mentions = tuple(EntityMention(article=r.article, claim=r.claim, text=r.text, start=r.start, end=r.end)
                         for r in sorted(rs, key=lambda r: r.order))
        entities.append(Entity(id=f"E{n:03d}", name=name, label=label,
                               aliases=tuple(f for f in forms if f != name), mentions=mentions))
    return tuple(entities)


def _label_of(labels: dict[str, Counter], key: str) -> str:
    return labels[key].most_common(1)[0][0]


def _search_more(comp: Comparison, raws: list[_Raw], roots: set[str], find: Any) -> list[_Raw]:
    """Add exact occurrences of acronyms and multi-word names the NER missed."""
    taken: dict[str, list[tuple[int, int]]] = {}
    for r in raws:
        taken.setdefault(r.article, []).append((r.start, r.end))
    persons = {find(r.key) for r in raws if r.label == "PERSON" and len(r.text.split()) >= 2}
    forms = sorted({(r.text, r.key, r.label) for r in raws
                    if is_acronym(r.text) or len(r.text.split()) >= 2 or find(r.key) in persons},
                   key=lambda f: (-len(f[0]), f))
    extra: list[_Raw] = []
    order = len(raws)
    for article in comp.articles:
        spans = taken.setdefault(article.id, [])
        for claim in sorted(comp.claims_of(article.id), key=lambda c: c.start):
            if claim.boilerplate:
                continue
            for text, key, label in forms:
                for m in re.finditer(r"(?<![\w-])" + re.escape(text) + r"(?![\w-])", claim.text):
                    s, e = claim.start + m.start(), claim.start + m.end()
                    if _NOT_A_NAME.match(claim.text, m.end()):
                        continue  # "Trump administration", "Obama judge": a modifier, not the person
                    if any(s < te and ts < e for ts, te in spans):
                        continue
                    spans.append((s, e))
                    extra.append(_Raw(article.id, claim.id, text, s, e, label, order))
                    order += 1
    merged = raws + extra
    # reading order: article order, then offset
    art_rank = {a.id: i for i, a in enumerate(comp.articles)}
    merged.sort(key=lambda r: (art_rank[r.article], r.start, r.end))
    return [dataclasses.replace(r, order=i) for i, r in enumerate(merged)]


def entity_coverage(comp: Comparison, entities: tuple[Entity, ...]) -> dict[str, Any]:
    """Per entity id: which outlets mention it (with counts) and which never do."""
    out: dict[str, Any] = {}
    for ent in entities:
        counts = Counter(m.article for m in ent.mentions)
        out[ent.id] = {
            "name": ent.name,
            "mentioned_by": [{"article": a.id, "outlet": a.outlet, "mentions": counts[a.id]}
                             for a in comp.articles if counts.get(a.id)],
            "never_mentioned_by": [{"article": a.id, "outlet": a.outlet}
                                   for a in comp.articles if not counts.get(a.id)],
        }
    return out
