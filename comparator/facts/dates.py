"""Dates: absolute, partial, relative and vague, normalised with dateparser.

dateparser reads the expression; the glue here finds out which parts the text
really states (by parsing against two different reference dates and keeping the
parts that do not move), resolves relative dates against the article's
publication date when it is known, and reads vague qualifiers ("early 2025").
Nothing is ever guessed: a part the text does not give stays unknown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from comparator.facts.vague import SLACK_DAYS, day_span, meet, month_span, season, week_of_month

_BASES = (dt.datetime(2031, 10, 24, 12), dt.datetime(2013, 3, 3, 12))
_VAGUE = ("early", "mid", "late", "the end of", "the start of", "the beginning of", "the middle of",
          "end of", "start of", "beginning of", "middle of", "the fall of", "the spring of",
          "the summer of", "the winter of", "mid-", "the first half of", "the second half of", "first half of",
          "second half of")
_LEAD = re.compile(r"^(?:in|on|at|since|by|from|until|during|of)\s+", re.I)


@dataclass(frozen=True)
class DateValue:
    """What a date expression states. ``None`` parts are unknown (not guessed)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    relative: str | None = None  # the unresolved expression ("thursday", "last week")
    period: str = "day"  # day | week | month | year | decade | century
    qualifier: str | None = None  # early | late | mid ...
    until: int | None = None  # last year of a decade or century ("the 1990s" -> 1990..1999)

    @property
    def normal(self) -> str:
        if self.relative is not None:
            return f"rel:{self.relative}"
        if self.until is not None and self.year is not None:
            return f"{self.year:04d}..{self.until:04d}" + (f" {self.qualifier}" if self.qualifier else "")
        y = f"{self.year:04d}" if self.year else "-"
        if self.month is None:
            return f"{y}" + (f" {self.qualifier}" if self.qualifier else "")
        m = f"{self.month:02d}"
        core = f"{y}-{m}" if self.day is None else f"{y}-{m}-{self.day:02d}"
        if self.period == "week":
            core += " week"
        return core + (f" {self.qualifier}" if self.qualifier else "")


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"(?:(last|this|next|past|coming)\s+)?(%s)(?:\s+(?:morning|afternoon|evening|night))?"
                      % "|".join(_WEEKDAYS), re.I)
_DECADE = re.compile(r"(?:the\s+)?(?:(early|mid|late)[- ]?)?(?:(\d{3})0|'(\d)0)'?s", re.I)
_CENTURY = re.compile(r"(?:the\s+)?(?:(early|mid|late)[- ]?)?(\d{1,2})(?:st|nd|rd|th)[- ]century", re.I)
_CENTURY_WORDS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_CENTURY_WORDS.update({"twenty-first": 21, "twenty first": 21, "twenty-second": 22})
_NUMERIC = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})")


@lru_cache(maxsize=16)
def _parser(base: dt.datetime, prefer: str = "past"):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": prefer})


@lru_cache(maxsize=4096)
def _parse(text: str, base: dt.datetime, prefer: str = "past") -> tuple[dt.datetime | None, str | None]:
    """dateparser's reading of ``text`` with ``base`` as "now": (date, period)."""
    data = _parser(base, prefer).get_date_data(text)
    return data.date_obj, data.period


def parse_date(text: str, published: str | None = None, prefer: str | None = "past") -> DateValue | None:
    """Read a date expression ("April 7, 2025", "June 5", "Thursday", "early 2025", "the 1990s").

    Relative expressions are resolved against ``published`` (ISO date) when given,
    and otherwise kept as ``relative``: dateparser's ``RELATIVE_BASE`` is the
    publication day. ``prefer`` is the tense of the clause ("past", "future", or
    ``None`` when it is unclear): a bare weekday is the publication day itself when
    it names that day, else the nearest such day before ("past") or after
    ("future"); with ``None`` it stays unresolved. Decades and centuries are year
    ranges (``until``); numeric dates with two-digit years take the century that
    puts them nearest the publication year. Returns ``None`` when nothing can be read.
    """
    t = " ".join(text.replace("\u2019", "'").split())
    t = _LEAD.sub("", t)
    span = _year_range(t)
    if span is not None:
        return span
    t = _four_digit_year(t, published)
    week = week_of_month(t)
    if week is not None:  # "the third week of February": days 15-21 of that month
        return DateValue(year=week[0], month=week[1], period="month", qualifier=week[2])
    named = season(t, _published(published))
    if named is not None:  # "this spring", "spring 2027": months of a year; a bare "spring" is not resolved
        if named[0] is None:
            return DateValue(relative=" ".join(t.lower().split()), period="year", qualifier=named[1])
        return DateValue(year=named[0], period="year", qualifier=named[1])
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
        return _relative(t, period, published, qualifier, prefer)
    if same_md:
        return DateValue(year=a_obj.year if same_year else None, month=a_obj.month, day=a_obj.day,
                         period="day", qualifier=qualifier)
    return _relative(t, period, published, qualifier, prefer)


def _year_range(text: str) -> DateValue | None:
    """'the 1990s', "the '90s", 'the 19th century', 'the nineteenth century' -> a range of years."""
    m = _DECADE.fullmatch(text)
    if m:
        start = int(m.group(2)) * 10 if m.group(2) else 1900 + int(m.group(3)) * 10
        return DateValue(year=start, until=start + 9, period="decade", qualifier=m.group(1) and m.group(1).lower())
    m = _CENTURY.fullmatch(text)
    number = int(m.group(2)) if m else None
    qualifier = m.group(1) if m else None
    if m is None:
        low = text.lower()
        low = low[4:] if low.startswith("the ") else low
        for q in ("early ", "mid-", "mid ", "late "):
            if low.startswith(q):
                qualifier, low = q.strip(" -"), low[len(q):]
        if low.endswith(" century") and low[:-8] in _CENTURY_WORDS:
            number = _CENTURY_WORDS[low[:-8]]
    if number is None or not 1 <= number <= 22:
        return None
    return DateValue(year=(number - 1) * 100 + 1, until=number * 100, period="century",
                     qualifier=qualifier and qualifier.lower())


def _four_digit_year(text: str, published: str | None) -> str:
    """'6/4/23' -> '6/4/2023': a two-digit year in the century nearest the publication year."""
    m = _NUMERIC.fullmatch(text)
    if not m or len(m.group(4)) == 4:
        return text
    base = _published(published)
    ref = base.year if base is not None else dt.date.today().year
    yy = int(m.group(4))
    year = min((c + yy for c in (ref // 100 * 100 - 100, ref // 100 * 100, ref // 100 * 100 + 100)),
               key=lambda y: abs(y - ref))
    return f"{m.group(1)}{m.group(2)}{m.group(3)}{m.group(2)}{year}"


def weekday_of(text: str) -> str | None:
    """The weekday a bare weekday form names ("Friday", "on Friday morning", "this Friday" -> "friday");
    None for any other text, "last Friday" and "next Friday" included."""
    m = _WEEKDAY.fullmatch(re.sub(r"^(?:on|early|late)\s+", "", text.strip(), flags=re.I))
    if m is None or (m.group(1) or "").lower() not in ("", "this"):
        return None
    return m.group(2).lower()


def _weekday(text: str, base: dt.datetime, prefer: str | None) -> DateValue | None | str:
    """A weekday read against the publication day; "skip" when the text is not a weekday form."""
    m = _WEEKDAY.fullmatch(text)
    if not m:
        return "skip"
    modifier, day = (m.group(1) or "").lower(), _WEEKDAYS.index(m.group(2).lower())
    if modifier in ("last", "past"):
        prefer = "past"
    elif modifier in ("next", "coming"):
        prefer = "future"
    if modifier in ("", "this") and day == base.weekday():
        obj = base  # a Wednesday article saying "Wednesday" means that very day
    elif prefer is None:
        return None
    else:
        obj, _ = _parse(m.group(2), base, prefer)
        if obj is None:
            return None
    return DateValue(year=obj.year, month=obj.month, day=obj.day, period="day")


def _relative(text: str, period: str, published: str | None, qualifier: str | None,
              prefer: str | None = "past") -> DateValue | None:
    """A date that depends on when the article was written: resolve it only if we know."""
    base = _published(published)
    if base is None:
        return DateValue(relative=" ".join(text.lower().split()), period=period, qualifier=qualifier)
    day = _weekday(text, base, prefer)
    if day != "skip":
        if day is None:  # the tense does not say which week: not compared
            return DateValue(relative=" ".join(text.lower().split()), period=period, qualifier=qualifier)
        return dataclasses.replace(day, qualifier=qualifier)
    obj, per = _parse(text, base, prefer or "past")
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
    if a.until is not None or b.until is not None:  # a decade or century: the year ranges must overlap
        if a.year is None or b.year is None:
            return None
        return a.year <= (b.until or b.year) and b.year <= (a.until or a.year)
    for x, y in ((a.year, b.year), (a.month, b.month)):
        if x is not None and y is not None and x != y:
            return False
    ranges = _ranges_agree(a, b)
    if ranges is not None:
        return ranges
    if a.period == "week" or b.period == "week":
        if a.day is not None and b.day is not None and a.year and b.year and a.month and b.month:
            da, db = dt.date(a.year, a.month, a.day), dt.date(b.year, b.month, b.day)
            return abs((da - db).days) < 7
        return True
    if a.day is not None and b.day is not None and a.day != b.day:
        return False
    return True



def _ranges_agree(a: DateValue, b: DateValue) -> bool | None:
    """Vague dates as ranges (:mod:`.vague`): "mid-March" vs "March 1" -> False, "early March" vs
    "March 8" -> True; "early 2025" vs "October 2025" -> False (the same year must be stated on both
    sides). None when neither side is a vague range the other can be set against."""
    if a.month is not None and a.month == b.month and a.period != "week" and b.period != "week":
        year = a.year or b.year  # "late Tuesday" has a day: its qualifier is the time of day, not a range of days
        sa = day_span(a.qualifier, year, a.month) if a.day is None else None
        sb = day_span(b.qualifier, year, b.month) if b.day is None else None
        if sa is None and sb is None:
            return None
        ra = sa or ((a.day, a.day) if a.day is not None else None)
        rb = sb or ((b.day, b.day) if b.day is not None else None)
        if ra is None or rb is None:
            return None
        return meet(ra, rb, SLACK_DAYS)
    if a.year is None or a.year != b.year or (a.month is not None and b.month is not None):
        return None
    ma = month_span(a.qualifier) if a.month is None else (a.month, a.month)
    mb = month_span(b.qualifier) if b.month is None else (b.month, b.month)
    if ma is None or mb is None:
        return None
    return meet(ma, mb)


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
