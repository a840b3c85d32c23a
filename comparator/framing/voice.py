"""Whose voice a span is in: the outlet's own, or a quote (and whose)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterable

from comparator.types import Claim


@dataclass(frozen=True)
class SpanVoice:
    """The claim holding a span, and the voice and speaker of the span itself."""

    claim: Claim | None
    voice: str  # authorial | quoted
    speaker: str | None


class ClaimIndex:
    """Find the claim of an article that holds a character offset (binary search)."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        self._by_article: dict[str, list[Claim]] = {}
        for c in sorted(claims, key=lambda c: (c.article, c.start, c.end)):
            self._by_article.setdefault(c.article, []).append(c)
        self._starts = {a: [c.start for c in cs] for a, cs in self._by_article.items()}

    def claims_of(self, article: str) -> list[Claim]:
        return self._by_article.get(article, [])

    def at(self, article: str, start: int, end: int | None = None) -> Claim | None:
        claims = self._by_article.get(article, [])
        i = bisect.bisect_right(self._starts.get(article, []), start) - 1
        if i >= 0 and claims[i].start <= start < max(claims[i].end, start + 1):
            return claims[i]
        return None

    def voice(self, article: str, start: int, end: int) -> SpanVoice:
        claim = self.at(article, start, end)
        if claim is None:
            return SpanVoice(None, "authorial", None)
        return span_voice(claim, start, end)


def span_voice(claim: Claim, start: int, end: int) -> SpanVoice:
    """Quoted when the span lies inside one of ``claim.quotes`` (or the claim is a quote without ranges).

    Partial quotes count as quoted too (BASIL's annotators mostly agree: measured in
    ``bench/eval_basil.py``), so "cited the “chilling effect”" is the speaker's wording.
    """
    if claim.quotes:
        inside = any(qs <= start and end <= qe + 1 for qs, qe in claim.quotes)
        return SpanVoice(claim, "quoted" if inside else "authorial", claim.speaker if inside else None)
    if claim.voice == "quoted":
        return SpanVoice(claim, "quoted", claim.speaker)
    return SpanVoice(claim, "authorial", None)
