"""Scare quotes: a word or short phrase put in quotation marks by the outlet, with nobody quoted.

The claims stage (issue 11) may record scare-quote ranges on each claim; this
module reads them through :func:`scare_ranges` and, when a claim carries no
such field, finds simple ones itself: one to three words between quotation
marks (straight, curly or single), in a sentence with no verb of saying or
calling and no "according to" (so 'cited the "chilling effect"' stays the
speaker's partial quote). Style guides treat these as the writer's own
distancing device (AP Stylebook, "quotation marks": "in place of 'so-called'").
"""

from __future__ import annotations

import re
from typing import Any

from comparator.framing.context import REPORTING
from comparator.types import Claim

#: Claim attributes the claims stage may use for scare-quote ranges (article offsets), first found wins.
FIELDS = ("scare_quotes", "scare_quote_spans", "distancing_quotes")
_SHORT = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[(\[—-]))"  # after a space, a bracket or a dash
                    r"([\"\u201c\u2018'])([A-Za-z][\w'\u2019-]*(?:[ -][\w'\u2019-]+){0,2})"  # 1-3 words
                    r"([\"\u201d\u2019'])(?=[\s,.;:!?)\u2014-]|$)")
_PAIRS = {'"': '"', "\u201c": "\u201d", "\u2018": "\u2019", "'": "'"}
_SAYING_EXTRA = ("according", "so-called", "dubbed", "titled", "entitled", "named", "show", "book", "film",
                 "song", "movie", "program", "programme", "operation", "bill", "act", "hashtag", "slogan")


def scare_ranges(claim: Claim, doc: Any = None) -> tuple[tuple[int, int], ...]:
    """Scare-quoted ranges of ``claim`` (article offsets, quote marks excluded)."""
    for name in FIELDS:
        got = getattr(claim, name, None)
        if got is not None:
            return tuple((int(s), int(e)) for s, e in got)
    return detect(claim, doc)


def detect(claim: Claim, doc: Any = None) -> tuple[tuple[int, int], ...]:
    """Simple scare quotes in ``claim.text`` (see module docstring)."""
    out = []
    for m in _SHORT.finditer(claim.text):
        if _PAIRS.get(m.group(1)) != m.group(3):
            continue
        if m.group(1) == "'" and m.group(2).endswith("s") and m.group(2).count("'"):
            continue
        s, e = claim.start + m.start(2), claim.start + m.end(2)
        if doc is not None and _attributed(doc, s, e):
            continue
        if doc is None and any(w in claim.text.lower().split() for w in ("said", "says", "called", "according")):
            continue
        out.append((s, e))
    return tuple(out)


def _attributed(doc: Any, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    for tok in span.sent:
        if tok.i in range(span.start, span.end):
            continue
        lemma = tok.lemma_.lower()
        if (lemma in REPORTING and tok.pos_ in ("VERB", "AUX")) or lemma in _SAYING_EXTRA \
                or tok.lower_ in _SAYING_EXTRA:
            return True
    return any(t.ent_type_ in ("WORK_OF_ART", "LAW", "ORG", "EVENT") or t.pos_ == "PROPN" for t in span)
