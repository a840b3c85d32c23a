"""Polarity and opposite outcomes on hand-aligned sentence pairs (review 3).

Denials of a claim noun's content ("rejected suggestions her team was losing") and "no"/"nobody"
subjects or objects negate their clause, and the excerpt keeps the negating word; opposite polarity
under the same future modal ("will not close" / "will close") is an opposite statement; a verdict
verb ("convicted") and "voted down" are outcomes with an antonym (invented text).
"""

from __future__ import annotations

import pytest

from comparator.detect.divergence import find_divergences, pair_comparison


@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


def divergent(nlp, a, b):
    comp, ctx = pair_comparison(a, b, outlets=("Alpha", "Beta"), nlp=nlp)
    found = [f for f in find_divergences(comp, ctx) if f.kind == "divergent_fact"]
    texts = {x.id: x.text for x in comp.articles}
    for f in found:
        for e in f.evidence:
            assert texts[e.article][e.start:e.end] == e.text
    return found


@pytest.mark.parametrize("a, b", [
    ("Rovers coach Bianca Ferro rejected suggestions her team was losing on purpose.",
     "Coach Bianca Ferro said her team was not losing on purpose."),
    ("The minister dismissed claims that the hospital was closed.",
     "The minister said the hospital was not closed."),
    ("The mayor brushed aside reports that the council had approved the plan.",
     "The mayor said the council had not approved the plan."),
    ("The company disputed that any workers were evacuated.",
     "The company said no workers were evacuated."),
    ("The firm denied that it dumped waste in the river.",
     "The firm said it dumped no waste in the river."),
    ("Police said nobody was arrested at the rally.",
     "Police said they did not arrest anyone at the rally."),
    ("The inspectors found no cracks in the dam.", "The inspectors found leaks in the dam."),
    ("No residents were evacuated from the tower.", "Two guards were evacuated from the tower."),
])
def test_a_denied_claim_or_a_no_subject_is_saying_not(nlp, a, b):
    assert divergent(nlp, a, b) == []


@pytest.mark.parametrize("a, b, neg", [
    ("The company said no workers were evacuated.", "The company said workers were evacuated.",
     "no workers were evacuated"),
    ("The inspectors found no cracks in the dam.", "The inspectors found cracks in the dam.", "found no cracks"),
])
def test_the_excerpt_keeps_the_negating_word(nlp, a, b, neg):
    found = divergent(nlp, a, b)
    assert len(found) == 1 and found[0].evidence[0].text == neg


def test_a_reduced_relative_under_a_denial_is_not_denied(nlp):
    from comparator.detect.statuses import statuses

    got = statuses(nlp("The agency rejected a report the panel released in May.")[:])
    assert [s.negated for s in got if s.status == "released"] == [False]
    got = statuses(nlp("The coach rejected suggestions her team was losing on purpose.")[:])
    assert [s.negated for s in got if s.status == "lost"] == [True]


def test_a_relative_clause_under_a_denial_is_not_denied(nlp):
    found = divergent(nlp, "The board rejected the report which the auditors had approved.",
                      "The board said the auditors had not approved the report.")
    assert found and found[0].details.get("negated") == [False, True]


@pytest.mark.parametrize("a, b", [
    ("The Barrow paper mill will not close next year, its owner said Monday.",
     "The Barrow paper mill will close next year, its owner said Monday."),
    ("Prosecutors said they will seek the death penalty.", "Prosecutors said they will not seek the death penalty."),
    ("Prosecutors said they would not appeal.", "Prosecutors said they would appeal."),
    ("The union said it won't strike in March.", "The union said it will strike in March."),
])
def test_opposite_polarity_under_the_same_future_modal(nlp, a, b):
    found = divergent(nlp, a, b)
    assert [f.details["fact"] for f in found] == ["negation"]


@pytest.mark.parametrize("a, b", [
    ("The council could close the library.", "The council will not close the library."),
    ("Officials said the bridge may not reopen.", "Officials said the bridge will reopen."),
])
def test_different_modals_are_not_opposite_statements(nlp, a, b):
    assert [f for f in divergent(nlp, a, b) if f.details.get("fact") == "negation"] == []


@pytest.mark.parametrize("a, b, statuses", [
    ("A jury acquitted former county treasurer Lyle Benton of embezzlement on Wednesday.",
     "A jury convicted former county treasurer Lyle Benton of embezzlement on Wednesday.",
     ["acquitted", "convicted"]),
    ("A judge convicted Mara Quill of fraud on Monday.", "A judge acquitted Mara Quill of fraud on Monday.",
     ["convicted", "acquitted"]),
    ("The state Senate passed a bill on Tuesday that cuts the cod quota by 30 percent.",
     "The state Senate voted down a bill on Tuesday that would have cut the cod quota by 30 percent.",
     ["passed", "rejected"]),
    ("The city council voted down the parking ordinance.", "The city council approved the parking ordinance.",
     ["rejected", "passed"]),
])
def test_opposite_outcomes(nlp, a, b, statuses):
    found = divergent(nlp, a, b)
    assert [f.details.get("status") for f in found] == [statuses]


def test_voted_down_excerpt_and_another_object(nlp):
    found = divergent(nlp, "The Senate voted down the tax bill.", "The Senate passed the tax bill.")
    assert found and found[0].evidence[0].text == "voted down"
    assert divergent(nlp, "The Senate voted down the tax bill.", "The Senate passed the school bill.") == []
