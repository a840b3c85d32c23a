"""Quantities written in words that spaCy's NER leaves untagged, and month words that are not dates.

"half a million", "a quarter million", "tens of thousands", "hundreds of
migrants", "two-thirds of voters": :mod:`.numbers` reads their values (vague
counts as ranges, fractions of a scale as values, shares as percentages); this
module finds them in a claim and builds their facts. :func:`lone_month_is_date`
keeps "Theresa May" and "May we ask" out of the dates.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from comparator.chunks import doc_text
from comparator.types import Fact

_PHRASE = re.compile(
    r"\b(?:(?:several|many)\s+)?(?:tens|dozens|hundreds)\s+of\s+(?:thousands|millions|billions)\b"
    r"|\b(?:(?:a|one|two|three)[\s-]+)?(?:half|quarter|quarters|third|thirds)\s+(?:of\s+)?(?:a|an|one)?\s*"
    r"(?:thousand|million|billion|trillion)\b"
    r"|\b(?:(?:several|many)\s+)?(?:dozens|scores|hundreds|thousands|millions|billions)\b(?=\s+of\b|\s+[a-z]+)"
    r"|\b(?:two|three)[\s-](?:thirds|quarters)\b", re.I)
_MONTHS = frozenset(m.lower() for m in list(calendar.month_name)[1:] + list(calendar.month_abbr)[1:] + ["Sept"])
_SHARE_WORDS = ("thirds", "quarters")
#: words before a month that make it a date ("in May", "last May", "early March", "May 5")
_MONTH_LEAD = frozenset({"in", "on", "since", "until", "till", "by", "from", "to", "through", "during", "last",
                         "next", "this", "early", "mid", "late", "of", "before", "after", "between", "and",
                         "that", "every", "each", "around", "throughout", "-", "mid-", "the", "past"})


def word_numbers(doc: Any, start: int, end: int, facts: list[Fact]) -> list[Fact]:
    """``facts`` plus the word quantities of ``doc.text[start:end]`` no fact covers yet.

    A word quantity that contains a smaller number fact ("a million" inside "half
    a million") replaces it.
    """
    from comparator.facts import anchor_of
    from comparator.facts.numbers import format_value, parse_number, parse_share

    text = doc_text(doc)
    out = list(facts)
    for m in _PHRASE.finditer(text, start, end):
        s, e = m.start(), m.end()
        if any(f.start < e and s < f.end and not (s <= f.start and f.end <= e and f.kind == "quantity")
               for f in out):
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        phrase = m.group()
        if phrase.lower().split()[-1].replace("-", " ").split()[-1] in _SHARE_WORDS:
            share = parse_share(phrase)
            if share is None:
                continue
            value = round(100 * share, 2)
            fact = Fact(kind="percent", text=phrase, start=s, end=e, normal=f"about {format_value(value)} %",
                        value=value, unit="%", qualifier="about", approximate=True, anchor=anchor_of(span))
        else:
            num = parse_number(phrase)
            if num is None:
                continue
            normal = format_value(num.value) + (".." + format_value(num.high) if num.high is not None else "")
            fact = Fact(kind="quantity", text=phrase, start=s, end=e, normal=normal, value=num.value,
                        qualifier=num.qualifier, approximate=num.vague, anchor=anchor_of(span))
        out = [f for f in out if not (s <= f.start and f.end <= e)] + [fact]
    return out + _count_words(doc, start, end, out)


def _count_words(doc: Any, start: int, end: int, facts: list[Fact]) -> list[Fact]:
    """Number words counting a noun that NER left untagged ("Eleven regional offices" opening a sentence)."""
    from comparator.facts import anchor_of
    from comparator.facts.numbers import format_value, parse_number

    span = doc.char_span(start, end, alignment_mode="expand")
    out = []
    for tok in span if span is not None else []:
        if not (tok.is_alpha and tok.like_num and tok.pos_ == "NUM" and tok.dep_ == "nummod"):
            continue
        if any(f.start <= tok.idx < f.end for f in facts):
            continue
        num = parse_number(tok.text)
        if num is None:
            continue
        out.append(Fact(kind="quantity", text=tok.text, start=tok.idx, end=tok.idx + len(tok.text),
                        normal=format_value(num.value), value=num.value, anchor=anchor_of(doc[tok.i:tok.i + 1])))
    return out


def lone_month_is_date(span: Any) -> bool:
    """Whether a month word with no day or year is a date: "in May", "last March", not "Theresa May said"."""
    toks = [t for t in span if t.lower_ not in ("the",)]
    if len(toks) != 1:
        return True
    tok = toks[0]
    if tok.lower_.rstrip(".") not in _MONTHS:
        return True
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and (nxt.like_num or nxt.lower_ in ("'s",)):
        return True
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ") and nxt.ent_type_ != "PERSON" \
            and not (tok.lower_ == "may" and nxt.pos_ == "PROPN"):
        return True  # "November sales", "April heating oil futures", "March U.S. retail sales"
    if prev is None or prev.is_sent_start and prev.is_punct:
        return False  # "May we ask", "March on!" opening a sentence
    if prev.ent_type_ == "PERSON" or (prev.pos_ == "PROPN" and prev.is_title and prev.lower_ not in _MONTH_LEAD):
        return False  # "Theresa May", "Prime Minister May"
    return prev.lower_ in _MONTH_LEAD or prev.pos_ in ("ADP", "DET", "ADJ") or prev.is_punct


_NUMERIC_DATE = re.compile(r"(?<![\w/.-])\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})(?![\w/.-])")


def numeric_dates(doc: Any, start: int, end: int, facts: list[Fact], published: str | None) -> list[Fact]:
    """``facts`` plus numeric dates ("6/4/23", "06/04/2023") that no fact covers (month first, US style)."""
    from comparator.facts import anchor_of
    from comparator.facts.dates import parse_date

    out = list(facts)
    for m in _NUMERIC_DATE.finditer(doc_text(doc), start, end):
        s, e = m.start(), m.end()
        if any(f.start < e and s < f.end and f.kind == "date" for f in out):
            continue
        date = parse_date(m.group(), published)
        if date is None or date.relative is not None or date.day is None:
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        out = [f for f in out if not (f.start < e and s < f.end)]
        out.append(Fact(kind="date", text=m.group(), start=s, end=e, normal=date.normal, value=date.normal,
                        unit=date.period, anchor=anchor_of(span) if span is not None else None))
    return out
