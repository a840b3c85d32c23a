"""The editor's first screen: one set of counts, key facts x outlets, one profile per outlet, headlines.

Everything here is a plain, deterministic view of a :class:`Comparison` (no
model runs): every renderer (HTML, Markdown, ``report.json``'s ``overview``,
``to_frame``) shows the same numbers and rows.

- **Key facts** (named by a leading outlet's lede when there is one) are fact groups (:func:`comparator.groups.fact_groups`) that an
  outlet leads with or that two or more outlets carry; lead facts first, then by
  how many outlets carry them, then reading order. Each cell says ``reports``,
  ``differs`` (a ``divergent_fact`` finding cites its sentence), ``does_not``
  (an ``omission`` finding charges the outlet with leaving it out) or
  ``not_matched`` (no sentence matched, and no finding says it is missing: it
  may be told in other words, so the report does not say "does not").
- **Outlet profiles** and **headlines** are in :mod:`comparator.render.outlets`.
- The ranking of differences is in :mod:`comparator.render.ranking`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping

from comparator.groups import FactGroup, fact_groups
from comparator.render.outlets import Headline, OutletProfile, clip, headlines, profiles
from comparator.render.ranking import RankedItem, rank_differences
from comparator.types import Claim

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison

__all__ = ["CELL_STATES", "Counts", "FactCell", "Headline", "KeyFact", "OutletProfile", "Overview",
           "overview"]

#: Key-fact rows shown before the rest are folded.
KEY_FACTS = 12
CELL_STATES: tuple[str, ...] = ("reports", "differs", "does_not", "not_matched")
CELL_LABELS = {"reports": "reports", "differs": "differs", "does_not": "does not",
               "not_matched": "no match"}


@dataclass(frozen=True)
class Counts:
    """The one set of counts every renderer uses."""

    articles: int
    sentences: int  # story sentences: claims that are not boilerplate (headlines, captions...)
    facts: int  # fact groups of those sentences
    shared_facts: int  # fact groups carried by two or more outlets
    findings: int
    ranked: int  # differences in the ranked list

    def to_dict(self) -> dict[str, int]:
        return {"articles": self.articles, "sentences": self.sentences, "facts": self.facts,
                "shared_facts": self.shared_facts, "findings": self.findings, "ranked": self.ranked}

    def sentence(self) -> str:
        """'5 outlets, 212 story sentences, 31 facts shared by two or more outlets, 95 findings.'"""
        def n(k: int, one: str, many: str) -> str:
            return f"{k} {one if k == 1 else many}"
        return (f"{n(self.articles, 'outlet', 'outlets')}, {n(self.sentences, 'story sentence', 'story sentences')}, "
                f"{n(self.shared_facts, 'fact', 'facts')} shared by two or more outlets, "
                f"{n(self.findings, 'finding', 'findings')}.")


@dataclass(frozen=True)
class FactCell:
    article: str
    state: str  # one of CELL_STATES
    claim: str | None  # the outlet's sentence (first, when it has several)
    text: str  # the sentence, or why the cell says what it says
    finding: str | None  # the finding behind "differs" / "does_not"

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "state": self.state, "claim": self.claim, "text": self.text,
                "finding": self.finding}


@dataclass(frozen=True)
class KeyFact:
    id: str  # the fact group id
    gist: str
    claims: tuple[str, ...]
    carried_by: tuple[str, ...]
    lead_of: tuple[str, ...]  # articles whose lede is this fact
    cells: tuple[FactCell, ...]  # in article order

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "gist": self.gist, "claims": list(self.claims), "carried_by": list(self.carried_by),
                "lead_of": list(self.lead_of), "cells": [c.to_dict() for c in self.cells]}


@dataclass(frozen=True)
class Overview:
    counts: Counts
    ranked: tuple[RankedItem, ...]
    key_facts: tuple[KeyFact, ...]  # every key fact; renderers show KEY_FACTS and fold the rest
    only_in: tuple[tuple[str, int], ...]  # (article, facts only it carries), article order
    outlets: tuple[OutletProfile, ...]
    headlines: tuple[Headline, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"counts": self.counts.to_dict(), "ranked": [r.to_dict() for r in self.ranked],
                "key_facts": [k.to_dict() for k in self.key_facts],
                "only_in": {a: n for a, n in self.only_in},
                "outlets": [o.to_dict() for o in self.outlets], "headlines": [h.to_dict() for h in self.headlines]}


# -- helpers ------------------------------------------------------------------------------------------
def groups_of(comp: "Comparison") -> tuple[FactGroup, ...]:
    """:func:`comparator.groups.fact_groups` of ``comp`` (story sentences, singletons kept), computed
    once per record: the matrix, the side by side, the counts and the ranking all use these groups."""
    memo = comp.__dict__.get("_fact_groups")
    if memo is None:
        memo = fact_groups(comp)
        object.__setattr__(comp, "_fact_groups", memo)
    return memo


def ledes(comp: "Comparison") -> dict[str, Claim]:
    """Article id -> its lede: the first story sentence (not boilerplate, not a headline)."""
    out: dict[str, Claim] = {}
    for c in sorted(comp.claims, key=lambda c: c.start):
        if not c.boilerplate and c.kind != "headline" and c.article not in out:
            out[c.article] = c
    return out


def _omission_sides(comp: "Comparison") -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Omission finding id -> (carried_by, missing_from) article ids, in article order."""
    order = {a.id: i for i, a in enumerate(comp.articles)}
    out = {}
    for f in comp.findings:
        if f.kind != "omission":
            continue
        details = f.details if isinstance(f.details, Mapping) else {}
        carried = details.get("carried_by") or sorted({e.article for e in f.evidence})
        missing = details["missing_from"] if "missing_from" in details else [
            a.id for a in comp.articles if a.id not in carried]  # [] when every other outlet says part of it
        out[f.id] = (tuple(sorted((a for a in carried if a in order), key=order.get)),
                     tuple(sorted((a for a in missing if a in order), key=order.get)))
    return out


def _supporting(members: tuple[str, ...], gist: str, semantic: Mapping[frozenset[str], float],
                text: "Callable[[str], str]") -> set[str]:
    """The members of a fact group that say the row's fact: the piece holding ``gist`` when the group
    is cut where two members are not aligned with a cosine of at least
    :data:`comparator.detect.omissions.SUPPORT_MIN` (a "reports" cell rests on the outlet's own
    sentence saying it, not on a shared speaker or a chain through another sentence)."""
    from comparator.detect.omissions import SUPPORT_MIN, shared_number, support_pieces

    def supports(a: str, b: str) -> bool:  # not aligned with each other: not shown to say it
        key = frozenset((a, b))
        return key in semantic and (semantic[key] >= SUPPORT_MIN or shared_number(text(a), text(b)))

    return next((set(p) for p in support_pieces(list(members), supports) if gist in p), set(members))


def _odd_values(comp: "Comparison", members: set[str]) -> dict[str, str]:
    """Claim id -> a ``divergent_fact`` finding in which that claim's value is the odd one out among
    the group's claims: its value differs from the value most outlets give (a tie marks every side).
    Values are the findings' ``details.normal`` per evidence, compared per ``details.kind``."""
    values: dict[tuple[str, str], dict[str, str]] = {}  # (kind, claim) -> value; and claim -> findings
    cited: dict[str, list[str]] = {}
    for f in comp.findings:
        if f.kind != "divergent_fact":
            continue
        details = f.details if isinstance(f.details, Mapping) else {}
        normal = details.get("normal")
        kind = str(details.get("kind") or details.get("fact") or "")
        for n, e in enumerate(f.evidence):
            if not e.claim or e.claim not in members:
                continue
            cited.setdefault(e.claim, []).append(f.id)
            if isinstance(normal, (list, tuple)) and n < len(normal):
                values.setdefault((kind, e.claim), {})[str(normal[n])] = f.id
    out: dict[str, str] = {}
    kinds = {k for k, _ in values}
    for kind in sorted(kinds):
        by_article: dict[str, set[str]] = {}
        for (k, cid), vals in values.items():
            if k == kind:
                by_article.setdefault(comp.claim(cid).article, set()).update(vals)
        counts: dict[str, int] = {}
        for vals in by_article.values():
            for v in vals:
                counts[v] = counts.get(v, 0) + 1
        top = max(counts.values())
        majority = [v for v, n in counts.items() if n == top]
        usual = majority[0] if len(majority) == 1 else None  # a tie: every side differs
        for (k, cid), vals in sorted(values.items()):
            if k == kind and any(v != usual for v in vals):
                out.setdefault(cid, cited[cid][0])
    for cid, fids in cited.items():  # a finding without per-claim values: both sides, as before
        if not any(cid == c for _, c in values):
            out.setdefault(cid, fids[0])
    return out


def _key_facts(comp: "Comparison", groups: tuple[FactGroup, ...], lede: Mapping[str, Claim],
               omissions: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> tuple[KeyFact, ...]:
    lead_claims = {c.id: a for a, c in lede.items()}
    group_of = {cid: g.id for g in groups for cid in g.claims}
    semantic: dict[frozenset[str], float] = {}
    for al in comp.alignments:
        for x, a in enumerate(al.claims):
            for b in al.claims[x + 1:]:
                key = frozenset((a, b))
                semantic[key] = max(semantic.get(key, -1.0), al.semantic)
    def gist_of(g: FactGroup) -> str:
        return next((c for c in g.claims if c in lead_claims), g.claims[0])

    saying_in = {g.id: _supporting(g.claims, gist_of(g), semantic, lambda c: comp.claim(c).text) for g in groups}
    charged: dict[tuple[str, str], str] = {}  # (group, article) -> omission finding
    by_id = {f.id: f for f in comp.findings}
    for fid, (_, missing) in omissions.items():
        # the row's fact only: an omission about another statement in the same group is not this one
        gids = {group_of[e.claim] for e in by_id[fid].evidence
                if e.claim in group_of and e.claim in saying_in[group_of[e.claim]]}
        for gid in gids:
            for a in missing:
                charged.setdefault((gid, a), fid)
    sizes = {a.id: max(1, sum(1 for c in comp.claims_of(a.id) if not c.boilerplate)) for a in comp.articles}
    rows = []
    for g in groups:
        leads = tuple(lead_claims[c] for c in g.claims if c in lead_claims)
        if len(g.articles) < 2 and not leads:
            continue
        claims = [comp.claim(c) for c in g.claims]
        saying = saying_in[g.id]
        differs = _odd_values(comp, set(g.claims))
        cells = []
        for a in comp.articles:
            own = [c for c in claims if c.article == a.id and c.id in saying]
            if own:
                fid = next((differs[c.id] for c in own if c.id in differs), None)
                cells.append(FactCell(a.id, "differs" if fid else "reports", own[0].id, clip(own[0].text, 300), fid))
            elif (g.id, a.id) in charged:
                fid = charged[(g.id, a.id)]
                cells.append(FactCell(a.id, "does_not", None, clip(by_id[fid].message, 300), fid))
            else:
                cells.append(FactCell(a.id, "not_matched", None,
                                      f"No sentence of {a.outlet} was matched to this fact; it may tell it in "
                                      "other words.", None))
        position = sum((c.index + 0.5) / sizes.get(c.article, 1) for c in claims) / len(claims)
        rows.append(((-len(set(leads)), -len(g.articles), round(position, 9), g.claims[0]),
                     KeyFact(g.id, clip(next((c.text for c in claims if c.id in lead_claims), claims[0].text)), g.claims, g.articles, tuple(sorted(set(leads), key=[
                         a.id for a in comp.articles].index)), tuple(cells))))
    rows.sort(key=lambda r: r[0])
    return tuple(k for _, k in rows)


def overview(comp: "Comparison") -> Overview:
    """The first-screen view of ``comp`` (memoised on the record: it is frozen)."""
    memo = comp.__dict__.get("_overview")
    if memo is not None:
        return memo
    groups = groups_of(comp)
    lede = ledes(comp)
    omissions = _omission_sides(comp)
    key = _key_facts(comp, groups, lede, omissions)
    ranked = rank_differences(comp, groups, lede, omissions)
    counts = Counts(articles=len(comp.articles), sentences=sum(1 for c in comp.claims if not c.boilerplate),
                    facts=len(groups), shared_facts=sum(1 for g in groups if len(g.articles) > 1),
                    findings=len(comp.findings), ranked=len(ranked))
    only = tuple((a.id, sum(1 for carried, _ in omissions.values() if carried == (a.id,))) for a in comp.articles)
    result = Overview(counts, ranked, key, only, profiles(comp, groups, lede, omissions), headlines(comp))
    object.__setattr__(comp, "_overview", result)
    return result
