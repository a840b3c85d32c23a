"""Run-in labels that lead into a quotation: "The bottom line: “…,” Falk said.".

Explainer-style copy opens a paragraph with a short label and a colon, then the quotation
(often after a no-break, thin or zero-width space copied from the web page). The label is
furniture, not the outlet's words around the quote: :func:`comparator.claims.quotes.classify_voice`
reads the sentence from after it, so it stays ``quoted``. The known labels that are split
off as ``subhead`` claims are in :mod:`comparator.claims.furniture`; this rule needs no list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from comparator.claims.quotes import OPENING, STRAIGHT

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["MAX_LABEL_WORDS", "after_label"]

#: A run-in label before a quotation ("The bottom line:", "The mayor's view:") has at most this many words.
MAX_LABEL_WORDS = 6
#: Spaces the ``str.isspace`` test misses but copied web text puts after a label's colon.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
#: Penn tags of a clause's verb: a lead-in with one is a clause ("Maya added:"), not a label.
_FINITE_OR_PARTICIPLE = frozenset({"VBD", "VBZ", "VBP", "VBN", "MD"})


def after_label(text: str, doc: "Doc", start: int, end: int, ranges: Sequence[tuple[int, int]]) -> int:
    """Where the sentence starts once a run-in label that leads into its first quotation is
    skipped: ``The mayor's view: “Nobody asked…,” Brandt told the council.`` (a phrase
    without finite verb or participle, of at most :data:`MAX_LABEL_WORDS` words, ending in a
    colon right before the opening mark, any space between). Else ``start``: "Maya added:
    “…”" is a clause and stays. Offsets are characters of ``text``; ``ranges`` the quoted
    spans (marks excluded)."""
    first = min((r[0] for r in ranges if start <= r[0] < end), default=None)
    if first is None:
        return start
    i = first - 1
    while i > start and (text[i] in OPENING + STRAIGHT + "‘'" or text[i].isspace() or text[i] in _ZERO_WIDTH):
        i -= 1
    if i <= start or text[i] != ":":
        return start
    label = text[start:i]
    if not 1 <= len(label.split()) <= MAX_LABEL_WORDS or any(ch in label for ch in ".!?:;\"“”"):
        return start
    span = doc.char_span(start, i, alignment_mode="expand")
    if span is None or any(t.tag_ in _FINITE_OR_PARTICIPLE for t in span):
        return start  # a clause ("Maya added:"); a gerund label ("Driving the news:") is no clause
    return i + 1
