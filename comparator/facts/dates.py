"""Dates: absolute, partial, relative and vague, normalised with dateparser.

dateparser reads the expression; the glue here finds out which parts the text
really states (by parsing against two different reference dates and keeping the
parts that do not move), resolves relative dates against the article's
publication date when it is known, and reads vague qualifiers ("early 2025").
Nothing is ever guessed: a part the text does not give stays unknown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

_BASES = (dt.datetime(2031, 10, 24, 12), dt.datetime(2013, 3, 3, 12))
_VAGUE = ("early", "mid", "late", "the end of", "the start of", "the beginning of", "the middle of",
          "end of", "start of", "beginning of", "middle of", "the fall of", "the spring of",
          "the summer of", "the winter of", "mid-")
_LEAD = re.compile(r"^(?:in|on|at|since|by|from|until|during|of)\s+", re.I)


@dataclass(frozen=True)
class DateValue:
    """What a date expression states. ``None`` parts are unknown (not guessed)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    relative: str | None = None  # the unresolved expression ("thursday", "last week")
    period: str = "day"  # day | week | month | year
    qualifier: str | None = None  # early | late | mid ...

    @property
    def normal(self) -> str:
        if self.relative is not None:
            return f"rel:{self.relative}"
        y = f"{self.year:04d}" if self.year else "-"
        if self.month is None:
            return f"{y}" + (f" {self.qualifier}" if self.qualifier else "")
        m = f"{self.month:02d}"
        core = f"{y}-{m}" if self.day is None else f"{y}-{m}-{self.day:02d}"
        if self.period == "week":
            core += " week"
        return core + (f" {self.qualifier}" if self.qualifier else "")


@lru_cache(maxsize=8)
def _parser(base: dt.datetime):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})


@lru_cache(maxsize=4096)
def _parse(text: str, base: dt.datetime) -> tuple[dt.datetime | None, str | None]:
    """dateparser's reading of ``text`` with ``base`` as "now": (date, period)."""
    data = _parser(base).get_date_data(text)
    return data.date_obj, data.period


def parse_date(text: str, published: str | None = None) -> DateValue | None:
    """Read a date expression ("April 7, 2025", "June 5", "Thursday", "early 2025").

    Relative expressions are resolved against ``published`` (ISO date) when given,
    and otherwise kept as ``relative``. Returns ``None`` when dateparser cannot read it.
    """
    t = " ".join(text.replace("\u2019", "'").split())
    t = _LEAD.sub("", t)
    qualifier = None
    low = t.lower()
    for q in sorted(_VAGUE, key=len, reverse=True):
        if low.startswith(q + " ") or (q.endswith("-") and low.startswith(q)):
            qualifier = q.replace("the ", "").replace(" of", "").rstrip("-")
            t = t[len(q):].strip()
            break
    if not t:
        return None
    a_obj, a_period = _parse(t, _BASES[0])
    b_obj, _ = _parse(t, _BASES[1])
    if a_obj is None or b_obj is None:
        return None
    period = a_period or "day"
    same_year = a_obj.year == b_obj.year
    same_md = (a_obj.month, a_obj.day) == (b_obj.month, b_obj.day)
    if period == "year":
        if not same_year:
            return _relative(t, period, published, qualifier)
        return DateValue(year=a_obj.year, period="year", qualifier=qualifier)
    if period == "month":
        if a_obj.month != b_obj.month:
            return _relative(t, period, published, qualifier)
        return DateValue(year=a_obj.year if same_year else None, month=a_obj.month, period="month",
                         qualifier=qualifier)
    if same_md and not same_year and period == "week":
        return _relative(t, period, published, qualifier)
    if same_md:
        return DateValue(year=a_obj.year if same_year else None, month=a_obj.month, day=a_obj.day,
                         period="day", qualifier=qualifier)
    return _relative(t, period, published, qualifier)


def _relative(text: str, period: str, published: str | None, qualifier: str | None) -> DateValue | None:
    """A date that depends on when the article was written: resolve it only if we know."""
    base = _published(published)
    if base is None:
        return DateValue(relative=" ".join(text.lower().split()), period=period, qualifier=qualifier)
    obj, per = _parse(text, base)
    if obj is None:
        return None
    if per == "month":
        return DateValue(year=obj.year, month=obj.month, period="month", qualifier=qualifier)
    if per == "year":
        return DateValue(year=obj.year, period="year", qualifier=qualifier)
    if per == "week":
        monday = obj - dt.timedelta(days=obj.weekday())
        return DateValue(year=monday.year, month=monday.month, day=monday.day, period="week",
                         qualifier=qualifier)
    return DateValue(year=obj.year, month=obj.month, day=obj.day, period="day", qualifier=qualifier)


def _published(published: str | None) -> dt.datetime | None:
    if not published:
        return None
    try:
        d = dt.datetime.fromisoformat(str(published).replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt.datetime(d.year, d.month, d.day, 12)


def dates_agree(a: DateValue, b: DateValue) -> bool | None:
    """True/False when the parts both state agree/disagree; None when they cannot be compared.

    Unresolved relative dates compare only with the very same expression;
    "early 2025" agrees with any 2025 date.
    """
    if a.relative is not None or b.relative is not None:
        # Unresolved: "Monday" in one article and "Friday" in another may be the same day
        # when they were published on different days. Never guessed.
        if a.relative == b.relative:
            return True
        return _years_ago_agree(a.relative, b.relative)
    for x, y in ((a.year, b.year), (a.month, b.month)):
        if x is not None and y is not None and x != y:
            return False
    if a.period == "week" or b.period == "week":
        if a.day is not None and b.day is not None and a.year and b.year and a.month and b.month:
            da, db = dt.date(a.year, a.month, a.day), dt.date(b.year, b.month, b.day)
            return abs((da - db).days) < 7
        return True
    if a.day is not None and b.day is not None and a.day != b.day:
        return False
    return True



_AGO = re.compile(r"(.+?)\s+(year|decade|century|centurie)s?\s+ago")


def _years_ago_agree(a: str | None, b: str | None) -> bool | None:
    """'47 years ago' vs '17 years ago': two stories of one event are not decades apart.

    Only counts of years (decades, centuries) are compared: "two weeks ago" and "last
    week" may be the same day in articles published a week apart. None otherwise.
    """
    from comparator.facts.numbers import numbers_agree, parse_number

    ma, mb = _AGO.fullmatch(a or ""), _AGO.fullmatch(b or "")
    if not ma or not mb or ma.group(2) != mb.group(2):
        return None
    na, nb = parse_number(ma.group(1)), parse_number(mb.group(1))
    if na is None or nb is None:
        return None
    return numbers_agree(na, nb)


def parse_time(text: str) -> str | None:
    """Clock time of day stated by ``text`` ("5:05 p.m." -> "T17:05"), or None.

    Only when the text fixes it: the hour and minute must not move with the reference date.
    """
    t = " ".join(text.replace(".", "").split())
    if not any(ch.isdigit() for ch in t):
        return None  # "this morning", "Sunday night": dateparser would invent an hour
    a_obj, _ = _parse(t, _BASES[0])
    b_obj, _ = _parse(t, _BASES[1])
    if a_obj is None or b_obj is None or (a_obj.hour, a_obj.minute) != (b_obj.hour, b_obj.minute):
        return None
    if (a_obj.hour, a_obj.minute) == (_BASES[0].hour, _BASES[0].minute):
        return None  # dateparser kept the reference clock: the text gives no time
    return f"T{a_obj.hour:02d}:{a_obj.minute:02d}"
