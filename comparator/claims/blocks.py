"""Quotations without quote marks: reposted embeds and bulleted statements.

Two shapes of real copy quote someone's words as paragraphs of their own:

- an embedded post shown again as a plain paragraph right after the quote that
  gave it (``"Mike Pompeo met with Kim…" he tweeted.`` then the post itself):
  :func:`reposts` makes it part of that quote's chain, so it is quoted and has
  the same speaker;
- a bulleted statement after a lead-in that ends with a colon and attributes
  it (``a statement was sent out by X:`` then ``-Here are the
  facts: …``): :func:`bulleted_statements` quotes every bullet paragraph as one
  chain, which takes the lead-in's speaker (see :mod:`comparator.claims.speakers`).

Quoted words inside such paragraphs keep their own quotes; the new spans fill
the rest of the paragraph.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from comparator.claims.quotes import (
    CLOSING, OPENING, REPORTING_VERBS, STRAIGHT, Quote, _renumber, paragraphs)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

#: A reposted paragraph matches an earlier quote when their texts are this similar (rapidfuzz ratio).
MIN_REPOST_RATIO = 92
#: ...and at least this long (characters), so "Thank you." is not a repost.
MIN_REPOST_CHARS = 40
BULLETS = "-–—•*·▪"
#: Nouns that make a colon lead-in introduce a statement ("a set of response points:").
STATEMENT_NOUNS = frozenset({"statement", "points", "remarks", "excerpt", "list", "post", "message",
                             "letter", "memo", "email", "tweet", "text", "release", "transcript"})
_MARKS = re.compile("[" + OPENING + CLOSING + STRAIGHT + "‘’]")


def _normal(text: str) -> str:
    return " ".join(_MARKS.sub("", text).split()).lower()


def _gaps(start: int, end: int, taken: Sequence[Quote]) -> list[tuple[int, int]]:
    """``[start, end)`` minus the quoted spans in it (marks included), trimmed."""
    out, at = [], start
    for q in sorted(taken, key=lambda q: q.start):
        lo = q.open_mark if q.open_mark is not None else q.start
        hi = q.close_mark + 1 if q.close_mark is not None else q.end
        if hi <= start or lo >= end:
            continue
        out.append((at, lo))
        at = max(at, hi)
    out.append((at, end))
    return [(a, b) for a, b in out if b > a]


def _pieces(text: str, start: int, end: int, taken: Sequence[Quote]) -> list[tuple[int, int]]:
    kept = []
    for a, b in _gaps(start, end, taken):
        while a < b and (text[a].isspace() or text[a] in BULLETS):
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if any(c.isalnum() for c in text[a:b]):
            kept.append((a, b))
    return kept


def reposts(text: str, quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    """``quotes`` plus a span for every unmarked paragraph that repeats the quote just before it."""
    from rapidfuzz import fuzz

    chains: dict[int, list[Quote]] = {}
    for q in quotes:
        chains.setdefault(q.chain, []).append(q)
    out = list(quotes)
    with_quotes = {q.paragraph for q in quotes}
    for p_index, (a, b) in enumerate(paragraphs(text)):
        if p_index in with_quotes or b - a < MIN_REPOST_CHARS:
            continue
        mine = _normal(text[a:b])
        for chain, spans in chains.items():
            if not any(q.paragraph in (p_index - 1, p_index - 2) for q in spans):
                continue
            said = _normal(" ".join(text[q.start:q.end] for q in spans))
            if fuzz.ratio(mine, said) >= MIN_REPOST_RATIO:
                out.append(Quote(a, b, p_index, chain, None, None))
                break
    return _renumber(out)


def bulleted_statements(text: str, doc: "Doc", quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    """``quotes`` plus one chain over the bullet paragraphs that follow an attributing
    colon lead-in (a reporting verb or a statement noun in the lead-in's paragraph)."""
    paras = paragraphs(text)
    out = list(quotes)
    chain = max((q.chain for q in quotes), default=-1)
    i = 0
    while i < len(paras) - 1:
        a, b = paras[i]
        if text[b - 1] != ":" or not _attributing(doc, a, b):
            i += 1
            continue
        j = i + 1
        chain += 1
        added = False
        while j < len(paras) and text[paras[j][0]] in BULLETS:
            taken = [q for q in quotes if q.paragraph == j]
            for s, e in _pieces(text, paras[j][0], paras[j][1], taken):
                out.append(Quote(s, e, j, chain, None, None))
                added = True
            j += 1
        if not added:
            chain -= 1
        i = max(j, i + 1)
    return _renumber(out)


def _attributing(doc: "Doc", start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    sent = list(span)[-1].sent if len(span) else None
    words = [t for t in span if sent is None or t.sent == sent]
    return any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in REPORTING_VERBS for t in words) or \
        any(t.lemma_.lower() in STATEMENT_NOUNS for t in words)
