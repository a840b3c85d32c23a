"""Token-level tests the fact extractor uses for what NER leaves out: years, ages, months, zones."""

from __future__ import annotations

import re
from typing import Any

from comparator.facts.dates import parse_date

GLUED_NUMBER = re.compile(r"[A-Za-z&]+-(\d+)")
ZONE = re.compile(r"(?:[A-Z]{1,3}[SD]?T|GMT|UTC)")


def time_zone(span: Any) -> str | None:
    """The time-zone abbreviation written with a clock time ("7 p.m. EST", "8am (AEST)"), if any."""
    doc = span.doc
    for tok in list(span) + [t for t in doc[span.end:span.end + 2] if t.text != "("]:
        if ZONE.fullmatch(tok.text):
            return tok.text
    return None


def is_age(span: Any) -> bool:
    """'52-year-old', '30 years old': a duration in years followed by "old"."""
    doc = span.doc
    return any(t.lower_ == "old" for t in span) or (span.end < len(doc) and doc[span.end].lower_ == "old")


def age_unit(span: Any) -> str | None:
    """'Peterson, 30,': a small whole number set off by commas right after a person's name is an age."""
    doc = span.doc
    if len(span) != 1 or not span[0].is_digit or int(span[0].text) > 120 or span.start < 2:
        return None
    before, name = doc[span.start - 1], doc[span.start - 2]
    after = doc[span.end] if span.end < len(doc) else None
    if before.text == "," and (name.ent_type_ == "PERSON" or name.pos_ == "PROPN" and not name.ent_type_) \
            and (after is None or after.is_punct):
        return "age"
    return None


def month_name(tok: Any) -> bool:
    """A capitalised proper-noun token dateparser reads as a month ("June", "Sept."), not "May" the verb."""
    if not tok.is_title or tok.pos_ != "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE"):
        return False
    date = parse_date(tok.text)
    return date is not None and date.period == "month" and date.relative is None


def year_like(tok: Any) -> bool:
    """A four-digit 1900-2100 number that does not count a plural noun ("2000 troops")."""
    if not (tok.shape_ == "dddd" and 1900 <= int(tok.text) <= 2100):
        return False
    return not (tok.dep_ == "nummod" and tok.head.tag_ == "NNS")
