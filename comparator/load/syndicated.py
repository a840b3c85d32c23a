"""Syndicated copies: outlets carrying the same (wire) text are compared once.

:func:`drop_syndicated` keeps the first article of every group of copies (in
input order) and returns the groups; :func:`syndicated_findings` reports each
group as a finding of kind ``syndicated`` (severity ``info``). Two texts are
copies when their bodies are equal after whitespace and case folding, or
nearly so (rapidfuzz ``fuzz.ratio`` of the folded bodies at least
:data:`MIN_COPY_RATIO`, for wire copies that differ in a dateline or a
trailing credit) with every difference within :data:`EDGE_CHARS` (at most a tenth of the
body) of either end: a copy whose story differs anywhere else (a quote reworded, a number
changed) is compared, since that difference is a finding. The comparison refuses to run only when fewer than two
distinct articles are left (:class:`~comparator.errors.IdenticalArticlesError`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from comparator.errors import IdenticalArticlesError
from comparator.types import Article, Claim, Evidence, Finding

__all__ = ["MIN_COPY_RATIO", "Syndication", "drop_syndicated", "syndicated_findings"]

#: rapidfuzz ratio (0-100) from which two bodies count as the same copy.
MIN_COPY_RATIO = 97.0
#: How far from the start or the end of a body a near-copy may differ (a dateline, a credit line).
EDGE_CHARS = 200


@dataclass(frozen=True)
class Syndication:
    """One text carried by several outlets: the article compared and the copies left out."""

    kept: Article
    copies: tuple[Article, ...]


def _fold(article: Article) -> str:
    from comparator.load.headline import body_text

    return " ".join(body_text(article).split()).casefold()


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 0.95 * max(len(a), len(b)):
        return False
    from rapidfuzz import fuzz

    if fuzz.ratio(a, b, score_cutoff=MIN_COPY_RATIO) == 0:
        return False
    from rapidfuzz.distance import Indel

    edge_a, edge_b = min(EDGE_CHARS, len(a) // 10), min(EDGE_CHARS, len(b) // 10)
    for op in Indel.opcodes(a, b):
        if op.tag == "equal":
            continue
        inner_a = op.src_start >= edge_a and op.src_end <= len(a) - edge_a
        inner_b = op.dest_start >= edge_b and op.dest_end <= len(b) - edge_b
        if inner_a or inner_b:
            return False  # the story itself differs: compare the two
    return True


def drop_syndicated(articles: Sequence[Article]) -> tuple[tuple[Article, ...], tuple[Syndication, ...]]:
    """``(articles to compare, groups of copies)``; raises when fewer than two distinct remain."""
    kept: list[tuple[Article, str]] = []
    copies: dict[str, list[Article]] = {}
    for art in articles:
        key = _fold(art)
        first = next((k for k, f in kept if _same(f, key)), None)
        if first is None:
            kept.append((art, key))
        else:
            copies.setdefault(first.id, []).append(art)
    groups = tuple(Syndication(k, tuple(copies[k.id])) for k, _ in kept if k.id in copies)
    if groups and len(kept) < 2:
        g = groups[0]
        names = ", ".join(a.source_path or a.id for a in (g.kept, *g.copies))
        raise IdenticalArticlesError(
            f"{names} contain the same text, so fewer than two distinct articles are left to compare.",
            hint="Add an article of the same event written by another outlet; copies of one wire story "
                 "are compared once.",
        )
    return tuple(a for a, _ in kept), groups


def syndicated_findings(groups: Sequence[Syndication], claims: Sequence[Claim]) -> list[Finding]:
    """One ``syndicated`` finding per group; evidence: the first story claim of the kept copy."""
    out = []
    for g in groups:
        outlets = [g.kept.outlet] + [a.outlet for a in g.copies]
        first = next((c for c in claims if c.article == g.kept.id and not c.boilerplate), None)
        evidence = () if first is None else (Evidence(article=g.kept.id, claim=first.id, text=first.text,
                                                      start=first.start, end=first.end, voice=first.voice,
                                                      speaker=first.speaker),)
        others = ", ".join(outlets[1:])
        out.append(Finding(
            id="",
            kind="syndicated",
            severity="info",
            confidence=1.0,
            message=f"{others} carr{'ies' if len(g.copies) == 1 else 'y'} the same text as {g.kept.outlet} "
                    f"(syndicated copy); it is compared once, as {g.kept.outlet}.",
            evidence=evidence,
            details={
                "kept": g.kept.id,
                "copies": [{"id": a.id, "outlet": a.outlet, "source_path": a.source_path, "url": a.url}
                           for a in g.copies],
            },
        ))
    return out
