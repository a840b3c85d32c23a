"""Vague dates as ranges: "mid-March", "early 2025", "the third week of February", "this spring".

A vague date states a stretch of time, not a point. Two dates are told
otherwise only when their stretches do not meet: "mid-March" (about the 11th
to the 20th) against "March 1" is a divergence, "early March" against "March 8"
is not. The stretches are the conventional thirds of a month and of a year
(early / mid / late; "the start of", "the middle of", "the end of"; its first
and second half), the
weeks of a month (first = days 1-7, second 8-14, third 15-21, fourth 22-28,
last = the month's last seven days) and the seasons of the northern
hemisphere, taken wide (the union of the meteorological and the astronomical
season: spring = March to June). Winter spans two years and is never
resolved. :data:`SLACK_DAYS` keeps the ends soft ("mid-March" meets "March 10").

dateparser reads the month and year; this module only reads the qualifier
around them (dateparser reads neither "the third week of February" nor "this
spring").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

__all__ = ["DAY_SPANS", "DEADLINE_WORDS", "MONTH_SPANS", "SLACK_DAYS", "WEEK_ORDINALS", "day_span", "deadline",
           "month_span", "season", "week_of_month"]

#: days of the month a month qualifier covers (end 31 = the month's last day)
DAY_SPANS: dict[str, tuple[int, int]] = {
    "early": (1, 10), "start": (1, 10), "beginning": (1, 10),
    "mid": (11, 20), "middle": (11, 20),
    "late": (21, 31), "end": (21, 31),
    "first half": (1, 15), "second half": (16, 31),
}
#: months of the year a year qualifier or a season covers (northern hemisphere, wide)
MONTH_SPANS: dict[str, tuple[int, int]] = {
    "early": (1, 4), "start": (1, 4), "beginning": (1, 4),
    "mid": (4, 9), "middle": (4, 9),
    "late": (9, 12), "end": (10, 12),
    "first half": (1, 6), "second half": (7, 12),
    "spring": (3, 6), "summer": (6, 9), "fall": (9, 12), "autumn": (9, 12),
}
#: a range's ends are this many days soft: "mid-March" (11-20) meets "March 10" but not "March 1"
SLACK_DAYS = 1
#: words before a date that make it a deadline, not a point: "by the end of March" holds March 10
DEADLINE_WORDS = frozenset({"by", "before", "until", "till", "through", "than"})  # "no later than"
WEEK_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 5, "final": 5}

_MONTHS = "|".join(m.lower() for m in calendar.month_name[1:]) + "|" + "|".join(
    m.lower() for m in calendar.month_abbr[1:]) + "|sept"
_WEEK = re.compile(r"(?:the\s+)?(first|second|third|fourth|last|final)\s+week\s+(?:of|in)\s+(%s)\.?"
                   r"(?:,?\s+(\d{4}))?" % _MONTHS, re.I)
_SEASON = re.compile(r"(?:(this|next|last|past|coming|the)\s+)?(spring|summer|fall|autumn|winter)"
                     r"(?:\s+(?:of\s+)?(\d{4}))?", re.I)


def week_of_month(text: str) -> tuple[int | None, int, str] | None:
    """'the third week of February' -> (None, 2, 'third week'); (year, month, qualifier) or None."""
    m = _WEEK.fullmatch(" ".join(text.split()))
    if not m:
        return None
    name = m.group(2).lower()[:3]
    month = [a.lower()[:3] for a in calendar.month_abbr].index(name)
    return (int(m.group(3)) if m.group(3) else None), month, f"{m.group(1).lower()} week"


def season(text: str, published: dt.datetime | None) -> tuple[int | None, str] | None:
    """'this spring' -> (the publication year, 'spring'); 'spring 2027' -> (2027, 'spring').

    Returns (year, season) -- year None when the text does not fix it (a bare "spring", or no
    publication date) -- or None when ``text`` is not a season. "fall" and "autumn" are one season;
    "last"/"next" are the season before/after the publication day's."""
    m = _SEASON.fullmatch(" ".join(text.split()))
    if not m:
        return None
    which, name = (m.group(1) or "").lower(), m.group(2).lower()
    name = "fall" if name == "autumn" else name
    if m.group(3):
        return int(m.group(3)), name
    if which in ("", "the") or published is None or name == "winter":
        return None, name
    lo, hi = MONTH_SPANS[name]
    year = published.year
    if which in ("last", "past"):
        year -= 1 if published.month <= hi else 0
    elif which in ("next", "coming"):
        year += 1 if published.month >= lo else 0
    return year, name


def day_span(qualifier: str | None, year: int | None, month: int) -> tuple[int, int] | None:
    """Days of ``month`` a qualifier covers ("mid" -> (11, 20); "third week" -> (15, 21)), or None."""
    if not qualifier:
        return None
    last = calendar.monthrange(year or 2001, month)[1] if not (month == 2 and year is None) else 29
    if qualifier.endswith(" week"):
        n = WEEK_ORDINALS.get(qualifier.split()[0])
        if n is None:
            return None
        return (last - 6, last) if n == 5 else (7 * (n - 1) + 1, 7 * n)
    span = DAY_SPANS.get(qualifier)
    if span is None:
        return None
    return span[0], min(span[1], last)


def month_span(qualifier: str | None) -> tuple[int, int] | None:
    """Months of a year a qualifier or season covers ("early" -> (1, 4), "spring" -> (3, 6)), or None."""
    return MONTH_SPANS.get(qualifier or "")


def meet(a: tuple[int, int], b: tuple[int, int], slack: int = 0) -> bool:
    """Whether two closed ranges meet, each end ``slack`` units soft."""
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def deadline(span: "object") -> bool:
    """Whether the spaCy span of a date follows a deadline word ("by the end of March", "before mid-May",
    "no later than early June"): such a date bounds an event from above and is no range to compare."""
    start = getattr(span, "start", 0)
    doc = getattr(span, "doc", None)
    if doc is None or start == 0:
        return False
    return doc[start - 1].lower_ in DEADLINE_WORDS or (
        len(span) > 0 and span[0].lower_ in DEADLINE_WORDS)
