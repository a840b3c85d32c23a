"""Token-level tests the fact extractor uses for what NER leaves out: years, ages, months, zones."""

from __future__ import annotations

import re
from functools import lru_cache
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
    """A capitalised proper-noun token dateparser reads as a month ("June", "Sept."), not "May" the verb nor a
    number word ("Eleven", "Twelve")."""
    if not tok.is_title or tok.pos_ != "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE"):
        return False
    if tok.like_num:  # "Eleven growers" opening a sentence: dateparser reads "Eleven" as November
        return False
    return _reads_as_month(tok.text)


@lru_cache(maxsize=4096)
def _reads_as_month(text: str) -> bool:
    """dateparser reads the word alone as a month (a pure function of the text: asked once per word)."""
    date = parse_date(text)
    return date is not None and date.period == "month" and date.relative is None


def year_like(tok: Any) -> bool:
    """A four-digit 1900-2100 number that does not count a plural noun ("2000 troops")."""
    if not (tok.shape_ == "dddd" and 1900 <= int(tok.text) <= 2100):
        return False
    return not (tok.dep_ == "nummod" and tok.head.tag_ == "NNS")


#: tokens that may sit between names before the noun a number counts ("Kroger and Fry's Food stores")
_NAME_GLUE = frozenset({"and", "&", "-", "'s", "’s", "'", "or", ","})


def noun_after_names(span: Any, reach: int = 10) -> Any | None:
    """The common noun closing a run of names right after a number, or None.

    "2,100 Kroger and Fry's Food stores" -> "stores", "3,000 Ford and GM workers" ->
    "workers" (spaCy's small model often hangs the number on the first name of a
    coordination); "3 Krogers closed" -> None. Reads at most ``reach`` tokens.
    """
    doc = span.doc
    named = False
    for i in range(span.end, min(span.end + reach, len(doc))):
        tok = doc[i]
        if tok.pos_ == "PROPN":
            named = True
        elif tok.lower_ in _NAME_GLUE or tok.tag_ == "POS":
            continue
        elif tok.pos_ == "NOUN" and named:
            while i + 1 < len(doc) and doc[i + 1].pos_ == "NOUN" and tok.dep_ == "compound":
                i += 1
                tok = doc[i]
            return tok
        else:
            return None
    return None


#: punctuation that ends a date NER ran on into what follows ("June 9, seven days after", "Jan. 11 - two months")
_DATE_BREAKS = frozenset({",", "-", "--", "—", "–", ";"})


def month_day_head(span: Any) -> Any | None:
    """The month-and-day a DATE entity opens with when NER ran it on past a comma or dash, or None.

    "June 9, seven days" -> "June 9"; "Jan. 11 - two months" -> "Jan. 11"; "June 9, 2003" and "June 9"
    -> None (a year after the comma belongs to the date).
    """
    toks = list(span)
    if len(toks) < 4 or not month_name(toks[0]) or not (toks[1].like_num and toks[1].text.isdigit()):
        return None
    if toks[2].text not in _DATE_BREAKS:
        return None
    if toks[3].shape_ == "dddd" or (toks[3].text.isdigit() and len(toks) == 4):
        return None  # "June 9, 2003"
    return span.doc[toks[0].i:toks[2].i]


def day_after_month(span: Any) -> bool:
    """Whether an entity is a lone day number (1-31) written right after a month NER left untagged:
    "the Sept. 29 trial date" (entity "29")."""
    if len(span) != 1 or span.start == 0 or not span[0].text.isdigit() or not 1 <= int(span[0].text) <= 31:
        return False
    prev = span.doc[span.start - 1]
    return not prev.ent_type_ and month_name(prev)
