"""Vague dates as ranges (comparator/facts/vague.py): "mid-March" against "March 1" diverges, "early March"
against "March 8" does not. Unit tests on the date glue, then hand-aligned invented sentence pairs through
the divergence detector."""

from __future__ import annotations

import pytest

from comparator.detect.divergence import find_divergences, pair_comparison
from comparator.facts.dates import dates_agree, parse_date
from comparator.facts.vague import day_span, month_span, season, week_of_month


@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


PUB = "2026-02-11"


@pytest.mark.parametrize("a, b, agree", [
    ("mid-March", "March 1", False),  # days 11-20 against the 1st
    ("mid-March", "March 10", True),  # a day of slack at each end
    ("mid-March", "March 15", True),
    ("early March", "March 8", True),
    ("early March", "March 25", False),
    ("late March", "March 2", False),
    ("the end of March", "March 29", True),
    ("the beginning of March", "March 20", False),
    ("early March", "late March", False),
    ("March", "mid-March", True),  # a whole month holds any part of it
    ("mid-March", "April 2", False),  # other months, as before
    ("the third week of February", "February 18", True),
    ("the third week of February", "February 3", False),
    ("the last week of February", "February 23", True),
    ("the first week of May", "May 12", False),
    ("this spring", "March 1, 2026", True),
    ("this spring", "September 2026", False),
    ("next fall", "this spring", False),
    ("early 2026", "October 2026", False),
    ("early 2026", "2026", True),
    ("late 2026", "November 2026", True),
    ("the second half of March", "March 3", False),
    ("the first half of March", "March 9", True),
    ("the first half of 2026", "October 2026", False),
    ("the second half of 2026", "the first half of 2026", False),
])
def test_vague_dates_compare_as_ranges(a, b, agree):
    assert dates_agree(parse_date(a, PUB, "future"), parse_date(b, PUB, "future")) is agree


@pytest.mark.parametrize("a, b", [
    ("late Tuesday", "Tuesday"),  # a day: "late" is the time of day, not a range of days
    ("early 2026", "March"),  # no year on one side: never guessed
    ("spring", "September 2026"),  # a bare season: which year is not said
    ("this winter", "March 2026"),  # winter spans two years: not resolved
])
def test_vague_dates_that_are_not_set_against_each_other(a, b):
    assert dates_agree(parse_date(a, PUB, "future"), parse_date(b, PUB, "future")) is not False


def test_the_glue_reads_weeks_of_a_month_and_seasons():
    import datetime as dt

    assert week_of_month("the third week of February") == (None, 2, "third week")
    assert week_of_month("the last week of Sept. 2025") == (2025, 9, "last week")
    assert week_of_month("the third week") is None
    assert day_span("third week", 2026, 2) == (15, 21)
    assert day_span("last week", 2026, 2) == (22, 28)
    assert day_span("mid", 2026, 4) == (11, 20)
    assert day_span("late", 2026, 4) == (21, 30)
    assert month_span("spring") == (3, 6) and month_span("early") == (1, 4)
    pub = dt.datetime(2026, 2, 11)
    assert season("this spring", pub) == (2026, "spring")
    assert season("last fall", pub) == (2025, "fall")
    assert season("next summer", dt.datetime(2026, 7, 1)) == (2027, "summer")
    assert season("autumn 2024", None) == (2024, "fall")
    assert season("this winter", pub) == (None, "winter")
    assert parse_date("the third week of February", PUB).normal == "--02 third week"
    assert parse_date("this spring", PUB).normal == "2026 spring"
    assert parse_date("this spring").normal.startswith("rel:")  # no publication day: not resolved


def divergent(nlp, a, b, published=PUB):
    comp, ctx = pair_comparison(a, b, outlets=("Alpha", "Beta"), published=published, nlp=nlp)
    return [f for f in find_divergences(comp, ctx) if f.kind == "divergent_fact"]


@pytest.mark.parametrize("a, b, texts", [
    ("The shelter will have 320 beds and is set to open in mid-March.",
     "The former inn is to open as a 320-bed shelter on March 1.", ["mid-March", "March 1"]),
    ("The renovated library is set to reopen in late April.", "The renovated library is scheduled to reopen on April 3.",
     ["late April", "April 3"]),
    ("A building inspection is planned for the third week of February.",
     "A building inspection is planned for February 3.", ["third week of February", "February 3"]),
    ("The new bridge will open to traffic in early June, the agency said.",
     "The new bridge will open to traffic on June 24, the agency said.", ["early June", "June 24"]),
])
def test_a_vague_date_and_a_day_outside_it_diverge(nlp, a, b, texts):
    found = divergent(nlp, a, b)
    assert [sorted(e.text for e in f.evidence) for f in found] == [sorted(texts)]
    assert found[0].details["type"] == "date" and found[0].severity == "warning"


@pytest.mark.parametrize("a, b", [
    ("The renovated library is set to reopen in early April.", "The renovated library will reopen on April 8."),
    ("The shelter will open in mid-March.", "The shelter will open in March."),
    ("The board approved the plan late Tuesday.", "The board approved the plan on Tuesday."),
    ("The new bridge will open this spring.", "The new bridge will open on April 2."),
    # a deadline bounds the event from above: "by the end of March" holds March 10
    ("The bridge will be finished by the end of March.", "The bridge will be finished on March 10."),
    ("The bridge will be finished no later than mid-March.", "The bridge will be finished on March 2."),
    ("The repairs must be done before late April.", "The repairs will be done on April 6."),
])
def test_a_vague_date_and_a_day_inside_it_agree(nlp, a, b):
    assert divergent(nlp, a, b) == []
