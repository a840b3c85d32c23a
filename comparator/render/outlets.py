"""One paragraph per outlet and the headlines side by side (parts of :mod:`comparator.render.overview`).

An outlet's profile: its headline, its lede (and who else leads with the same fact), what only it
reports (omission findings it alone carries), what it leaves out that most others carry (omission
findings carried by more than half of the other outlets), whom it quotes by source type
(:mod:`comparator.render.source_types`) and its label choices (``framing_label`` findings' dominant
labels). Model-free and deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

from comparator.render.source_types import (
    SOURCE_TYPE_LABELS,
    SOURCE_TYPES,
    appositives,
    classify_speaker,
    entity_roles,
)
from comparator.render.quotation import nested_quotation
from comparator.types import Claim

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.groups import FactGroup

__all__ = ["Headline", "OutletProfile", "clip", "headline_claims", "headlines", "profiles"]

#: Facts listed by name in a profile sentence ("only it reports ...").
PROFILE_FACTS = 3
GIST_CHARS = 110
_NUMBER = re.compile(r"[$€£]?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|trillion|thousand|percent|%))?", re.I)


def clip(text: str, limit: int = GIST_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


@dataclass(frozen=True)
class OutletProfile:
    article: str
    outlet: str
    headline: str | None
    lead: str | None  # the lede sentence
    lead_claim: str | None
    lead_shared_by: tuple[str, ...]  # other articles that lead with the same fact
    only_here: tuple[str, ...]  # omission finding ids carried by this article alone
    leaves_out: tuple[str, ...]  # omission finding ids missing here, carried by most others
    sources: tuple[tuple[str, int], ...]  # (source type, quoted sentences), SOURCE_TYPES order
    labels: tuple[tuple[str, str], ...]  # (what is named, this outlet's dominant label)
    paragraph: str

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "outlet": self.outlet, "headline": self.headline, "lead": self.lead,
                "lead_claim": self.lead_claim, "lead_shared_by": list(self.lead_shared_by),
                "only_here": list(self.only_here), "leaves_out": list(self.leaves_out),
                "sources": {k: n for k, n in self.sources}, "labels": [list(p) for p in self.labels],
                "paragraph": self.paragraph}


@dataclass(frozen=True)
class Headline:
    article: str
    outlet: str
    text: str | None
    claim: str | None
    labels: tuple[str, ...]  # framing or loaded terms found in the headline
    numbers: tuple[str, ...]  # numbers, amounts and dates in the headline
    differs: bool  # a headline divergent_fact (details.headline) has evidence in this headline

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "outlet": self.outlet, "text": self.text, "claim": self.claim,
                "labels": list(self.labels), "numbers": list(self.numbers), "differs": self.differs}


def headline_claims(comp: "Comparison") -> dict[str, Claim]:
    out: dict[str, Claim] = {}
    for c in comp.claims:
        if c.kind == "headline" and c.boilerplate_reason != "deck" and c.article not in out:
            out[c.article] = c
    return out


def _sources(comp: "Comparison") -> dict[str, dict[str, int]]:
    """Article id -> {source type: quoted sentences}."""
    roles = entity_roles(comp.extras.get("labels") if isinstance(comp.extras, Mapping) else None)
    rows = comp.extras.get("sourcing") if isinstance(comp.extras, Mapping) else None
    wordings: dict[str, list[str]] = {}
    entity: dict[str, str | None] = {}
    for r in rows if isinstance(rows, (list, tuple)) else ():
        if isinstance(r, Mapping) and r.get("source"):
            key = str(r["source"])
            wordings.setdefault(key, []).extend([str(r.get("speaker") or "")] + [str(w) for w in r.get("wordings") or ()])
            entity.setdefault(key, r.get("entity"))
    story = [c.text for c in comp.claims if not c.boilerplate]
    kind_of = {k: classify_speaker(w, [*roles.get(str(entity.get(k)), ()),
                                       *(a for name in dict.fromkeys(w) for a in appositives(name, story))])
               for k, w in sorted(wordings.items())}
    out: dict[str, dict[str, int]] = {a.id: {} for a in comp.articles}
    speaker_kind: dict[tuple[str, str], str] = {}
    for r in rows if isinstance(rows, (list, tuple)) else ():
        if isinstance(r, Mapping) and r.get("source"):
            for w in r.get("wordings") or ():
                speaker_kind[(str(r.get("article")), str(w))] = kind_of[str(r["source"])]
    for c in comp.claims:
        if c.boilerplate or c.voice == "authorial" or c.article not in out:
            continue
        if not c.speaker:
            kind = "unattributed"
        else:
            kind = speaker_kind.get((c.article, c.speaker)) or classify_speaker([c.speaker])
        out[c.article][kind] = out[c.article].get(kind, 0) + 1
    return out


def _labels(comp: "Comparison") -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {a.id: [] for a in comp.articles}
    for f in comp.findings:
        if f.kind != "framing_label" or not isinstance(f.details, Mapping):
            continue
        dominant = f.details.get("dominant")
        what = str(f.details.get("concept") or f.entity or "the subject")
        if isinstance(dominant, Mapping):
            for a, label in dominant.items():
                if a in out and (what, str(label)) not in out[a]:
                    out[a].append((what, str(label)))
    return out


def _series(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


_DOUBLE = re.compile(r'["\u201c\u201d]')


def _quote(text: str, limit: int = 90) -> str:
    """“text”, clipped, without the sentence's own quotation marks or final full stop; quotation
    marks inside it become single ones (‘ ’) and stay balanced when the clip cuts a quotation
    or the sentence closes a quotation opened before it (:func:`comparator.render.quotation.nested_quotation`)."""
    inner = " ".join(text.split())
    marks = _DOUBLE.findall(inner)
    body = inner.rstrip(".")
    if len(marks) == 2 and _DOUBLE.match(body) and body[-1:] in '"\u201d':
        inner = body[1:-1].strip()  # a sentence that is one quotation: drop its marks
    inner = nested_quotation(clip(inner, limit).rstrip("."))
    return f"\u201c{inner}\u201d"


def _paragraph(comp: "Comparison", p: OutletProfile, gists: Mapping[str, str]) -> str:
    outlet = {a.id: a.outlet for a in comp.articles}
    parts = [f"{p.outlet} headlines {_quote(p.headline)}." if p.headline else f"{p.outlet} has no headline in the input."]
    if p.lead:
        shared = (f"; {_series([outlet[a] for a in p.lead_shared_by])} also lead{'s' if len(p.lead_shared_by) == 1 else ''} with it"
                  if p.lead_shared_by else "; no other outlet leads with it")
        parts.append(f"It leads with {_quote(p.lead)}{shared}.")
    if p.only_here:
        named = [_quote(gists[f], 70) for f in p.only_here[:PROFILE_FACTS]]
        more = f" and {len(p.only_here) - PROFILE_FACTS} more" if len(p.only_here) > PROFILE_FACTS else ""
        parts.append(f"Only it reports {len(p.only_here)} fact{'s' if len(p.only_here) != 1 else ''}, such as "
                     f"{_series(named)}{more}." if len(p.only_here) > 1 else f"Only it reports {named[0]}.")
    if p.leaves_out:
        named = [_quote(gists[f], 70) for f in p.leaves_out[:PROFILE_FACTS]]
        more = f" and {len(p.leaves_out) - PROFILE_FACTS} more" if len(p.leaves_out) > PROFILE_FACTS else ""
        parts.append(f"It leaves out {len(p.leaves_out)} fact{'s' if len(p.leaves_out) != 1 else ''} most others "
                     f"carry: {_series(named)}{more}.")
    if p.sources:
        named = [f"{SOURCE_TYPE_LABELS[k]} ({n})" for k, n in p.sources if k != "unattributed"]
        loose = dict(p.sources).get("unattributed", 0)
        loose_text = f"{loose} quoted sentence{' is' if loose == 1 else 's are'} unattributed"
        if named:
            parts.append("It quotes " + _series(named) + (f"; {loose_text}" if loose else "") + ".")
        else:
            parts.append(loose_text[0].upper() + loose_text[1:] + ".")
    else:
        parts.append("It quotes no one.")
    if p.labels:
        parts.append("Label choices: " + "; ".join(f"{_quote(lab, 40)} for {what}" for what, lab in p.labels) + ".")
    return " ".join(parts)


def profiles(comp: "Comparison", groups: tuple[FactGroup, ...], lede: Mapping[str, Claim],
              omissions: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> tuple[OutletProfile, ...]:
    if len(comp.articles) < 2:
        return ()  # nothing to compare one outlet with
    heads = headline_claims(comp)
    group_of = {cid: g for g in groups for cid in g.claims}
    sources = _sources(comp)
    labels = _labels(comp)
    by_id = {f.id: f for f in comp.findings}
    gists = {fid: (by_id[fid].evidence[0].text if by_id[fid].evidence else by_id[fid].message) for fid in omissions}
    n = len(comp.articles)
    out = []
    for a in comp.articles:
        lead = lede.get(a.id)
        shared: tuple[str, ...] = ()
        if lead is not None and lead.id in group_of:
            mates = set(group_of[lead.id].claims)
            shared = tuple(o for o, c in lede.items() if o != a.id and c.id in mates)
            shared = tuple(x.id for x in comp.articles if x.id in shared)
        only = tuple(fid for fid, (carried, _) in omissions.items() if carried == (a.id,))
        leaves = tuple(fid for fid, (carried, missing) in omissions.items()
                       if a.id in missing and len(carried) > (n - 1) / 2)  # most of the others
        src = tuple((k, sources[a.id][k]) for k in SOURCE_TYPES if sources[a.id].get(k))
        headline = heads[a.id].text if a.id in heads else a.title
        profile = OutletProfile(a.id, a.outlet, headline, lead.text if lead else None, lead.id if lead else None,
                                shared, only, leaves, src, tuple(labels[a.id]), "")
        out.append(OutletProfile(**{**profile.__dict__, "paragraph": _paragraph(comp, profile, gists)}))
    return tuple(out)


def headlines(comp: "Comparison") -> tuple[Headline, ...]:
    if len(comp.articles) < 2:
        return ()
    heads = headline_claims(comp)
    terms: dict[str, list[str]] = {}
    for f in comp.findings:
        if f.kind not in ("framing_label", "loaded_language"):
            continue
        for e in f.evidence:
            c = heads.get(e.article)
            if c is not None and c.start <= e.start and e.end <= c.end and e.text not in terms.setdefault(e.article, []):
                terms[e.article].append(e.text)
    numeric = ("quantity", "money", "percent", "date", "duration", "ordinal")
    differs: set[str] = set()  # articles whose headline a headline divergent_fact points into
    for f in comp.findings:
        if f.kind == "divergent_fact" and f.details.get("headline"):
            for e in f.evidence:
                c = heads.get(e.article)
                if c is not None and c.start <= e.start and e.end <= c.end:
                    differs.add(e.article)
    out = []
    for a in comp.articles:
        c = heads.get(a.id)
        facts = [f for f in (c.facts if c else ()) if f.kind in numeric]
        text = c.text if c else a.title
        # headlines carry no parsed facts (they are boilerplate to the facts stage): list the numbers as
        # written; "differs" when a headline divergent_fact (comparator.detect.headlines) points into it
        numbers = [f.text for f in facts] or [m.group().strip() for m in _NUMBER.finditer(text or "")]
        out.append(Headline(a.id, a.outlet, text, c.id if c else None, tuple(terms.get(a.id, ())),
                            tuple(numbers), a.id in differs))
    return tuple(out)
