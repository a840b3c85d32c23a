"""Do two facts of the same kind state compatible values? (qualifiers, rounding, partial dates)"""

from __future__ import annotations

import dataclasses
import re

from comparator.facts.dates import DateValue, dates_agree, parse_date
from comparator.facts.numbers import DAYS, Number, in_base_unit, in_days, number_words, numbers_agree, parse_number
from comparator.types import Fact

_WORDY = re.compile(r"\b(?:half|quarter|quarters|third|thirds|dozens|scores|hundreds|thousands|millions|billions)\b",
                    re.I)
_PERCENT_SIGN = re.compile(r"%|\bper\s*cent|\bpercent|\bpct\b", re.I)
NUMERIC_KINDS = ("quantity", "money", "percent", "duration")
_TIME_UNITS = ("year", "month", "week", "day", "hour", "minute", "second", "decade", "century")


def facts_agree(a: Fact, b: Fact) -> bool | None:
    """Whether two facts of the same kind state compatible values (None: not comparable)."""
    if a.kind != b.kind:
        return None
    if "score" in (a.unit, b.unit):  # "3-2" and "2-3": the same result told from either side
        return None if a.unit != b.unit else sorted(str(a.value).split("-")) == sorted(str(b.value).split("-"))
    if a.kind in NUMERIC_KINDS:
        if a.kind == "duration" and a.unit != b.unit and a.unit in DAYS and b.unit in DAYS:
            return _durations_agree(a, b)
        if (a.unit or None) != (b.unit or None) and a.kind in ("money", "duration", "percent"):
            # "3 percent" and "3 percentage points" are different quantities: not comparable
            return None
        na, nb = _number_of(a), _number_of(b)
        if na is None or nb is None:
            return a.normal == b.normal
        if a.qualifier and not na.qualifier:
            na = dataclasses.replace(na, qualifier=a.qualifier)
        if b.qualifier and not nb.qualifier:
            nb = dataclasses.replace(nb, qualifier=b.qualifier)
        return numbers_agree(na, nb)
    if a.kind == "date":
        da, db = parse_date(a.text), parse_date(b.text)
        if a.normal == b.normal:
            return True
        if da is None or db is None:
            return None
        if not a.normal.startswith("rel:"):
            da = _from_normal(a)
        if not b.normal.startswith("rel:"):
            db = _from_normal(b)
        return dates_agree(da, db)
    if a.kind == "ordinal":
        return a.value == b.value
    if a.kind == "name":
        from comparator.facts.names import same_referent

        return same_referent(str(a.value), str(b.value))
    if a.kind == "time":
        if a.qualifier or b.qualifier:  # "about 3 p.m." vs "3:22 p.m." agree; "around 5 p.m." vs "around 2 p.m." do not
            gap = _minutes(a.normal, b.normal)
            return None if gap is None else gap <= 60
        return a.normal == b.normal
    return a.normal == b.normal


#: relative tolerance between two durations written in different units: months and years vary in length
#: ("eight months" is 240-248 days, "a decade" 3,652 or 3,653)
UNIT_TOLERANCE = 0.04


def _durations_agree(a: Fact, b: Fact) -> bool | None:
    """Two durations in different units compared in days: "a decade" = "ten years", "48-hour" = "two-day"."""
    na, nb = _number_of(a), _number_of(b)
    if na is None or nb is None:
        return None
    if a.qualifier and not na.qualifier:
        na = dataclasses.replace(na, qualifier=a.qualifier)
    if b.qualifier and not nb.qualifier:
        nb = dataclasses.replace(nb, qualifier=b.qualifier)
    da, db = in_days(na, a.unit), in_days(nb, b.unit)
    if da is None or db is None:
        return None
    return numbers_agree(da, db, UNIT_TOLERANCE)


def _number_of(f: Fact) -> Number | None:
    """The Number a numeric fact states (re-read from its text, else from its value)."""
    if f.kind == "percent" and isinstance(f.value, (int, float)) and not _PERCENT_SIGN.search(f.text):
        return Number(float(f.value), f.qualifier)  # a share in words: "a third of" (33.33), "four in ten" (40)
    if ".." in f.normal or _WORDY.search(f.text):  # "hundreds", "half a million": the whole phrase
        num = parse_number(f.text)
        if num is not None:
            return num
    num = parse_number(_numeric_text(f))
    if num is None and isinstance(f.value, (int, float)):
        return Number(float(f.value), f.qualifier)
    return _in_fact_unit(f, num)


#: a unit of time written in a duration's text that its fact states in a base unit ("two decades": year 20)
_MULTIPLE_UNIT = re.compile(r"\b(decade|centur(?:y|ie)|fortnight)s?\b", re.I)


def _in_fact_unit(f: Fact, num: Number | None) -> Number | None:
    """The number read from a duration's text restated in its fact's unit ("two decades" -> 20 for year 20)."""
    m = _MULTIPLE_UNIT.search(f.text) if num is not None and f.kind == "duration" else None
    if m is None:
        return num
    unit = m.group(1).lower().replace("centurie", "century")
    scaled, base = in_base_unit(num, unit)
    return scaled if base == f.unit else num


def _numeric_text(f: Fact) -> str:
    if f.kind in ("duration", "quantity"):
        return number_words(f.text)
    return f.text


def _from_normal(f: Fact) -> DateValue:
    """Rebuild the DateValue of a resolved date fact from its normal form."""
    core, _, qualifier = f.normal.partition(" ")
    if ".." in core:  # a decade or century: "1990..1999"
        first, _, last = core.partition("..")
        return DateValue(year=int(first), until=int(last), period=f.unit or "decade", qualifier=qualifier or None)
    parts = core.split("-") if core != "-" else ["-"]
    if core.startswith("-"):
        parts = ["-"] + [p for p in core[1:].split("-") if p]
    year = int(parts[0]) if parts[0] not in ("-", "") else None
    month = int(parts[1]) if len(parts) > 1 else None
    day = int(parts[2]) if len(parts) > 2 else None
    if qualifier.startswith("week"):  # "2025-03-03 week" (a calendar week), "... week mid"
        qualifier = qualifier[4:].strip()
    return DateValue(year=year, month=month, day=day, period=f.unit or "day", qualifier=qualifier or None)


def _minutes(x: str, y: str) -> int | None:
    """Minutes between two clock normal forms ("T17:05"), or None when one is not a clock time."""
    try:
        hx, mx = (int(p) for p in x.lstrip("T").split(":")[:2])
        hy, my = (int(p) for p in y.lstrip("T").split(":")[:2])
    except ValueError:
        return None
    return abs((hx * 60 + mx) - (hy * 60 + my))
