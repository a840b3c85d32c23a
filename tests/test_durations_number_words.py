"""Durations in decades, centuries, fortnights and dozens, and number words opening a sentence (review 3).

"a dozen years" is 12 years, "a score of years" 20 and "half a century" 50; "two decades" and "12 years" are two lengths, so are "in a
decade" and "in eight years" (a duration in a multiple unit is stated in its base unit so that it is compared,
about/nearly widening it). "Eleven growers" opening a sentence is a count of growers, never November. The
reviewer's sentences come first in each list; the others are invented variants with other nouns and shapes.
"""

from __future__ import annotations

import pytest

from comparator.detect.divergence import find_divergences, pair_comparison
from comparator.facts import extract_facts
from comparator.facts.numbers import number_words, parse_number


@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


def numeric_findings(nlp, a, b):
    comp, ctx = pair_comparison(a, b, outlets=("Alpha", "Beta"), published="2025-06-18", nlp=nlp)
    return [f.message for f in find_divergences(comp, ctx)
            if f.kind == "detail_only" or f.details.get("type") in ("number", "duration")]


SAME = [
    ("The clinic program ran for a dozen years before it was cut.",
     "The clinic program ran for 12 years before it was cut."),
    ("The mine stayed shut for half a dozen months.", "The mine stayed shut for six months."),
    ("The Vessel Street depot was in use for half a century.", "The Vessel Street depot was in use for 50 years."),
    ("The strike at the Orlen plant lasted a fortnight.", "The strike at the Orlen plant lasted two weeks."),
    ("The drought has lasted about two decades, scientists said.", "The drought has lasted 18 years, scientists said."),
    ("The drought has lasted nearly a decade, scientists said.", "The drought has lasted nine years, scientists said."),
    ("The Tarn glacier survey lasted two and a half years.", "The Tarn glacier survey lasted 2.5 years."),
    ("The feud between the two ferry firms lasted a score of years.",
     "The feud between the two ferry firms lasted 20 years."),
    ("Eleven orchard growers sued the district on Wednesday.",
     "A group of eleven growers sued the district on Wednesday."),
]


@pytest.mark.parametrize("a, b", SAME)
def test_equal_durations_and_counts_give_no_finding(nlp, a, b):
    assert numeric_findings(nlp, a, b) == []


DIFFERENT = [
    ("The retrofit of the Calder Bridge will take two decades, engineers said.",
     "Engineers said the Calder Bridge retrofit will take 12 years."),
    ("The Hollins Reservoir is at its lowest in a decade.", "The Hollins Reservoir is at its lowest in eight years."),
    ("The levy will raise $2.4 million a year for a decade.", "The levy will raise $2.4 million a year for eight years."),
    ("The tax will bring in $40 million a year for two decades.",
     "The tax will bring in $40 million a year for 15 years."),
    ("The Vessel Street depot was in use for a century.", "The Vessel Street depot was in use for 60 years."),
    ("The strike at the Orlen plant lasted a fortnight.", "The strike at the Orlen plant lasted three weeks."),
    ("The pier was closed for a dozen years.", "The pier was closed for ten years."),
    ("The farm has been idle for a score of years, neighbours said.",
     "The farm has been idle for 12 years, neighbours said."),
    ("The drought has lasted about a decade, scientists said.", "The drought has lasted six years, scientists said."),
    ("Eleven growers sued the irrigation district on Wednesday.",
     "Twelve growers sued the irrigation district on Wednesday."),
    ("Ten nurses quit the Marlow clinic in March.", "Twelve nurses quit the Marlow clinic in March."),
    ("Nine council members voted for the plan.", "Seven council members voted for the plan."),
]


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_durations_and_counts_diverge(nlp, a, b):
    assert len(numeric_findings(nlp, a, b)) == 1


@pytest.mark.parametrize("text, value", [("a dozen years", 12), ("half a dozen months", 6), ("a half-dozen weeks", 6),
                                         ("two dozen years", 24), ("half a century", 0.5), ("a quarter century", 0.25),
                                         ("two and a half years", 2.5), ("a score of years", 20), ("six to eight months", 6)])
def test_number_words_of_durations(text, value):
    assert parse_number(number_words(text)).value == value


@pytest.mark.parametrize("text, normal", [("The program ran for a dozen years.", "year 12"),
                                          ("The survey took two decades.", "year 20"),
                                          ("The depot was in use for half a century.", "year 50"),
                                          ("Hearings will be held within a fortnight.", "week 2")])
def test_multiple_units_are_stated_in_their_base_unit(nlp, text, normal):
    assert [f.normal for f in extract_facts(nlp(text), 0, len(text), "2025-06-18") if f.kind == "duration"] == [normal]


@pytest.mark.parametrize("text, count", [
    ("Eleven orchard growers sued the irrigation district on Wednesday over cuts to their water allocation.", 11),
    ("Eleven growers sued the irrigation district on Wednesday.", 11),
    ("Twelve lorry drivers blocked the depot on Monday.", 12),
])
def test_a_number_word_opening_a_sentence_is_a_count_not_a_month(nlp, text, count):
    facts = extract_facts(nlp(text), 0, len(text), "2025-06-18")
    assert not [f for f in facts if f.kind == "date" and f.normal.startswith("--")]
    assert [f.value for f in facts if f.kind == "quantity"] == [count]
