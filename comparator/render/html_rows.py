"""Side-by-side rows for the HTML report: aligned groups, unaligned claims, marked-up segments.

Rows are the connected components of ``comp.alignments`` plus every claim no
alignment touches, ordered by relative reading position. Each claim is cut into
:class:`Segment` records carrying quote, evidence and word-diff flags; the
template turns them into escaped markup (nothing here builds HTML).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from comparator.groups import alignment_components
from comparator.render.overview import groups_of
from comparator.types import Claim, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Segment:
    """A run of claim text with uniform markup flags."""

    text: str
    quote: bool = False
    findings: tuple[str, ...] = ()  # ids of findings whose evidence covers this run
    anchors: tuple[str, ...] = ()  # finding ids whose first evidence starts here
    diff: str | None = None  # "changed" (substituted word) | "only" (no counterpart)
    whole: bool = False  # every evidence span here covers its whole claim (styled lighter)


@dataclass(frozen=True)
class ClaimView:
    """One claim as shown in a cell."""

    id: str
    article: str
    index: int
    segments: tuple[Segment, ...]
    voice: str
    speaker: str | None
    boilerplate: bool
    boilerplate_reason: str | None
    findings: tuple[str, ...]  # ids of findings with evidence in this claim


@dataclass(frozen=True)
class Row:
    """One row of the side-by-side view: a cell (list of claims) per article column."""

    id: str  # "row-<n>", n from 1
    number: int
    cells: tuple[tuple[ClaimView, ...], ...]  # in article order
    aligned: bool
    boilerplate: bool
    findings: tuple[str, ...]  # finding ids with evidence in the row, in finding order
    fact: str | None = None  # the fact group (comparator.groups.fact_groups) the row shows
    folded: tuple[int, ...] = ()  # numbers of the "only in one outlet" rows folded into this one


# -- components -----------------------------------------------------------------------------
def alignment_groups(comp: "Comparison") -> list[tuple[str, ...]]:
    """Connected components of the alignment graph, each sorted by (article order, index)."""
    return alignment_components(comp, include_boilerplate=True, singletons=False)


def row_groups(comp: "Comparison") -> list[tuple[str, ...]]:
    """Connected components of the alignments, split so a row holds one claim per outlet
    where it can: alignments merge strongest first, a merge that would put two claims of
    one article together is refused, and a claim left alone joins its best partner's row."""
    article = {c.id: c.article for c in comp.claims}
    parent: dict[str, str] = {}
    arts: dict[str, set[str]] = {}

    def find(x: str) -> str:
        if x not in parent:
            parent[x], arts[x] = x, {article[x]}
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    best: dict[str, str] = {}
    for al in sorted(comp.alignments, key=lambda a: (-a.score, a.claims)):
        ids = [c for c in al.claims if c in article]
        for i, x in enumerate(ids):
            for y in ids[i + 1:]:
                if article[x] == article[y]:
                    continue
                best.setdefault(x, y)  # strongest first, so the first partner seen is the best
                best.setdefault(y, x)
                rx, ry = find(x), find(y)
                if rx != ry and not arts[rx] & arts[ry]:
                    keep, drop = min(rx, ry), max(rx, ry)
                    parent[drop] = keep
                    arts[keep] |= arts.pop(drop)
    groups: dict[str, list[str]] = {}
    for cid in sorted(parent):
        groups.setdefault(find(cid), []).append(cid)
    for root, members in sorted(groups.items()):
        if len(members) == 1 and members[0] in best:
            target = find(best[members[0]])
            if target != root and len(groups.get(target, ())) > 1:
                groups[target].append(members[0])
                members.clear()
    order = {a.id: i for i, a in enumerate(comp.articles)}

    def claim_key(cid: str) -> tuple[int, int]:
        c = comp.claim(cid)
        return (order.get(c.article, len(order)), c.index)

    out = [tuple(sorted(g, key=claim_key)) for g in groups.values() if len(g) > 1]
    return sorted(out, key=lambda g: [claim_key(c) for c in g])


def _ordered_items(comp: "Comparison") -> list[tuple[Claim, ...]]:
    """Fact groups (:func:`comparator.groups.fact_groups`, no chaining) and single unaligned claims,
    in relative reading order."""
    order = {a.id: i for i, a in enumerate(comp.articles)}
    sizes = {a.id: max(1, len(comp.claims_of(a.id))) for a in comp.articles}

    def pos(c: Claim) -> float:
        return (c.index + 0.5) / sizes.get(c.article, 1)

    items: list[tuple[tuple[float, int, int], tuple[Claim, ...]]] = []
    grouped: set[str] = set()
    for group in (g for g in groups_of(comp) if len(g.claims) > 1):
        claims = tuple(comp.claim(cid) for cid in group.claims)
        grouped.update(group.claims)
        mean = sum(pos(c) for c in claims) / len(claims)
        items.append(((round(mean, 9), order.get(claims[0].article, 99), claims[0].index), claims))
    for c in comp.claims:
        if c.id not in grouped:
            items.append(((round(pos(c), 9), order.get(c.article, 99), c.index), (c,)))
    items.sort(key=lambda kv: kv[0])
    # consecutive boilerplate (captions, footers...) collapses into one row
    merged: list[tuple[Claim, ...]] = []
    for _, claims in items:
        prev = merged[-1] if merged else None
        if prev and len(claims) == 1 and claims[0].boilerplate and all(p.boilerplate for p in prev):
            merged[-1] = prev + claims
        else:
            merged.append(claims)
    return merged


# -- word diff -------------------------------------------------------------------------------
def _words(text: str) -> list[tuple[int, int, str]]:
    from rapidfuzz.utils import default_process

    return [(m.start(), m.end(), default_process(m.group()) or m.group()) for m in _WORD.finditer(text)]


def word_diff(text: str, others: Sequence[str]) -> list[tuple[int, int, str]]:
    """Character ranges of ``text`` holding words that none of ``others`` shares in place.

    Returns ``(start, end, kind)`` with kind ``changed`` (a word substituted in some
    other claim) or ``only`` (no counterpart anywhere), from rapidfuzz word-level
    opcodes; adjacent words of one kind are joined.
    """
    from rapidfuzz.distance import Levenshtein

    words = _words(text)
    if not words or not others:
        return []
    tokens = [w[2] for w in words]
    matched: set[int] = set()
    replaced: set[int] = set()
    for other in others:
        other_tokens = [w[2] for w in _words(other)]
        for op in Levenshtein.opcodes(tokens, other_tokens):
            span = range(op.src_start, op.src_end)
            if op.tag == "equal":
                matched.update(span)
            elif op.tag == "replace":
                replaced.update(span)
    flags = {i: ("changed" if i in replaced else "only") for i in range(len(words)) if i not in matched}
    out: list[tuple[int, int, str]] = []
    for i in sorted(flags):
        start, end, _ = words[i]
        if out and out[-1][2] == flags[i] and i - 1 in flags and flags[i - 1] == flags[i]:
            out[-1] = (out[-1][0], end, flags[i])  # join with the whitespace between
        else:
            out.append((start, end, flags[i]))
    return out


# -- segments --------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    finding: str


def evidence_spans(comp: "Comparison") -> tuple[dict[str, list[_Span]], dict[str, tuple[str, int]]]:
    """Evidence clipped to each claim it overlaps (claim id -> spans), and each finding's anchor.

    The anchor is ``(claim id, article offset)`` of the finding's first evidence span
    that falls inside a claim.
    """
    import bisect

    by_article: dict[str, list[Claim]] = {}
    for c in comp.claims:
        by_article.setdefault(c.article, []).append(c)
    starts: dict[str, list[int]] = {}
    for art, claims in by_article.items():
        claims.sort(key=lambda c: (c.start, c.end))
        starts[art] = [c.start for c in claims]
    by_id = {c.id: c for c in comp.claims}
    spans: dict[str, list[_Span]] = {}
    anchors: dict[str, tuple[str, int]] = {}
    for f in comp.findings:
        for ev in f.evidence:
            # claims are sentences in text order: only a window around the evidence can overlap it
            claims = by_article.get(ev.article, [])
            k = max(bisect.bisect_right(starts.get(ev.article, []), ev.start) - 2, 0)
            window = []
            while k < len(claims) and claims[k].start <= ev.end:
                window.append(claims[k])
                k += 1
            own = by_id.get(ev.claim)
            if own is not None and own.article == ev.article and own not in window:
                window.append(own)
            hits = [c for c in window
                    if c.id == ev.claim or (c.start < ev.end and ev.start < c.end)
                    or (ev.start == ev.end and c.start <= ev.start <= c.end)]
            for c in sorted(hits, key=lambda c: c.start):
                s, e = max(ev.start, c.start), min(ev.end, c.end)
                if e < s:  # evidence claim id given but offsets outside it: mark the claim
                    s, e = c.start, c.end
                spans.setdefault(c.id, []).append(_Span(s, e, f.id))
                anchors.setdefault(f.id, (c.id, s))
    return spans, anchors


def claim_segments(claim: Claim, evidence: Iterable[_Span], anchors: dict[str, int],
                   diffs: Sequence[tuple[int, int, str]] = ()) -> tuple[Segment, ...]:
    """Cut ``claim.text`` at every quote, evidence and diff boundary (article offsets in,
    diff offsets relative to the claim)."""
    base, n = claim.start, len(claim.text)
    quotes = [(max(0, s - base), min(n, e - base)) for s, e in claim.quotes]
    if claim.voice == "quoted" and not quotes:
        quotes = [(0, n)]
    evs = [(max(0, sp.start - base), min(n, sp.end - base), sp.finding) for sp in evidence]
    anchor_at = {fid: min(max(0, off - base), n) for fid, off in anchors.items()}
    bounds = {0, n}
    for s, e in quotes + [(s, e) for s, e, _ in evs] + [(s, e) for s, e, _ in diffs]:
        bounds.update((min(max(s, 0), n), min(max(e, 0), n)))
    bounds.update(anchor_at.values())
    cuts = sorted(bounds)
    out: list[Segment] = []
    placed: set[str] = set()
    for a, b in zip(cuts, cuts[1:]):
        here = tuple(sorted(f for f, off in anchor_at.items() if off <= a and f not in placed))
        placed.update(here)
        out.append(Segment(
            text=claim.text[a:b],
            quote=any(s <= a and b <= e for s, e in quotes),
            findings=tuple(sorted({f for s, e, f in evs if s <= a and b <= e})),
            whole=all(s <= 0 and e >= n for s, e, _ in evs if s <= a and b <= e),
            anchors=here,
            diff=next((k for s, e, k in diffs if s <= a and b <= e), None),
        ))
    left = tuple(sorted(set(anchor_at) - placed))
    if left:
        if out:
            out[-1] = dataclasses.replace(out[-1], anchors=out[-1].anchors + left)
        else:
            out.append(Segment("", anchors=left))
    return tuple(out)


def build_rows(comp: "Comparison") -> tuple[Row, ...]:
    """Every claim of ``comp`` placed once, in rows of aligned claims and unaligned claims."""
    spans, anchors = evidence_spans(comp)
    finding_rank = {f.id: i for i, f in enumerate(comp.findings)}
    col = {a.id: i for i, a in enumerate(comp.articles)}
    partners: dict[str, set[str]] = {}
    for al in comp.alignments:
        for cid in al.claims:
            partners.setdefault(cid, set()).update(o for o in al.claims if o != cid)
    by_id = {c.id: c for c in comp.claims}
    anchored: dict[str, dict[str, int]] = {}  # claim id -> {finding: offset}, built once (not per claim)
    for f, (cid, off) in anchors.items():
        anchored.setdefault(cid, {})[f] = off
    fact_of = {cid: g.id for g in groups_of(comp) for cid in g.claims}
    rows: list[Row] = []
    for number, claims in enumerate(_ordered_items(comp), start=1):
        boiler = all(c.boilerplate for c in claims)
        aligned = not boiler and len({c.article for c in claims}) > 1
        cells: list[list[ClaimView]] = [[] for _ in comp.articles]
        row_findings: set[str] = set()
        for c in claims:
            # diff against the claims this one is aligned with, not the whole component
            others = [by_id[o].text for o in sorted(partners.get(c.id, ()))
                      if o in by_id and by_id[o].article != c.article] if aligned else []
            diffs = word_diff(c.text, others) if others else []
            own = spans.get(c.id, [])
            anchor_here = anchored.get(c.id, {})
            fids = tuple(sorted({sp.finding for sp in own}, key=lambda f: finding_rank.get(f, 0)))
            row_findings.update(fids)
            if c.article in col:
                cells[col[c.article]].append(ClaimView(
                    id=c.id, article=c.article, index=c.index,
                    segments=claim_segments(c, own, anchor_here, diffs),
                    voice=c.voice, speaker=c.speaker, boilerplate=c.boilerplate,
                    boilerplate_reason=c.boilerplate_reason, findings=fids))
        rows.append(Row(
            id=f"row-{number}", number=number, cells=tuple(tuple(cell) for cell in cells),
            aligned=aligned, boilerplate=boiler,
            findings=tuple(sorted(row_findings, key=lambda f: finding_rank.get(f, 0))),
            fact=fact_of.get(claims[0].id) if not boiler else None))
    return tuple(rows)


def fold_rows(rows: Sequence[Row]) -> tuple[Row, ...]:
    """Runs of consecutive "only in one outlet" rows (story sentences no other outlet matched) joined
    into one row, so the side by side stays readable with 5-7 outlets: each column's sentences of the
    run sit together (the template folds them). Aligned and boilerplate rows are kept as they are."""
    out: list[Row] = []
    run: list[Row] = []

    def flush() -> None:
        if not run:
            return
        cells = tuple(tuple(cv for r in run for cv in r.cells[i]) for i in range(len(run[0].cells)))
        findings = tuple(dict.fromkeys(f for r in run for f in r.findings))
        out.append(dataclasses.replace(run[0], cells=cells, findings=findings,
                                       folded=tuple(r.number for r in run)))
        run.clear()

    for r in rows:
        if not r.aligned and not r.boilerplate:
            run.append(r)
        else:
            flush()
            out.append(r)
    flush()
    return tuple(out)


def finding_articles(comp: "Comparison", f: Finding) -> tuple[str, ...]:
    """Article ids a finding concerns: its evidence plus ``details`` carried_by/missing_from."""
    known = {a.id for a in comp.articles}
    ids = {ev.article for ev in f.evidence if ev.article in known}
    for key in ("carried_by", "missing_from"):
        value = f.details.get(key) if isinstance(f.details, dict) or hasattr(f.details, "get") else None
        if isinstance(value, (list, tuple)):
            ids.update(v for v in value if isinstance(v, str) and v in known)
    order = {a.id: i for i, a in enumerate(comp.articles)}
    return tuple(sorted(ids, key=lambda a: order[a]))
