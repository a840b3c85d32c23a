"""Opposite outcomes of the same event are a ``status`` divergence (review 2, kinds e-missed-contradiction
and e-denied-vs-did-not): approved / rejected, signed / vetoed, keep open / close, denied / admitted,
won / lost, "arrested a man" / "no arrests", "two were injured" / "no one was injured". The reviewer's
sentences first, then invented variants with other names, verbs and shapes; the controls keep apart two
decisions on different objects, one side telling both outcomes, "no other arrests", and a plea.
"""

from __future__ import annotations

import pytest

from comparator.detect.divergence import find_divergences, pair_comparison
from comparator.detect.statuses import OPPOSITE, OUTCOME_ANTONYMS


@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


def found(nlp, a, b):
    comp, ctx = pair_comparison(a, b, outlets=("Alpha", "Beta"), nlp=nlp)
    return find_divergences(comp, ctx)


@pytest.mark.parametrize("a, b", [
    ("Police arrested a 34-year-old man in connection with the warehouse fire.",
     "No arrests have been made in connection with the warehouse fire."),
    ("Police arrested a 34-year-old man on Monday in connection with the warehouse fire in Pellam.",
     "No one has been arrested in connection with the warehouse fire in Pellam, police said."),
    ("The mayor signed the budget on Tuesday.", "The mayor vetoed the budget on Tuesday."),
    ("Two firefighters were injured fighting the blaze.", "No firefighters were injured fighting the blaze."),
    ("The school board voted to keep the Eastgate school open.", "The school board voted to close the Eastgate school."),
    ("The city council approved the demolition of the burned building on Wednesday.",
     "The city council rejected the demolition of the burned building on Wednesday."),
    ("The agent, Lars Ekdahl, denied ever meeting Solvik.", "The agent, Lars Ekdahl, admitted meeting Solvik twice."),
    # variants
    ("Deputies detained and arrested two teenagers after the break-in at the Orrin pharmacy.",
     "Nobody was arrested after the break-in at the Orrin pharmacy, deputies said."),
    ("Governor Ilse Brandt vetoed the water rights bill on Friday.",
     "Governor Ilse Brandt signed the water rights bill on Friday."),
    ("Three passengers were hurt when the tram derailed near Kolby station.",
     "No passengers were injured when the tram derailed near Kolby station."),
    ("The county closed the Brisk Lane library last month, officials said.",
     "The county voted to keep the Brisk Lane library open, officials said."),
    ("The planning board rejected the Halden tower proposal on Monday.",
     "The planning board approved the Halden tower proposal on Monday."),
    ("Senator Ruth Akers admitted taking the donation from the Vail fund.",
     "Senator Ruth Akers denied taking the donation from the Vail fund."),
    ("Marta Quist won the Dunmore mayoral race by 300 votes.", "Marta Quist lost the Dunmore mayoral race by 300 votes."),
])
def test_opposite_outcomes_are_a_status_divergence(nlp, a, b):
    got = found(nlp, a, b)
    statuses = [f for f in got if f.kind == "divergent_fact" and f.details.get("type") == "status"]
    assert statuses, [f.message for f in got]
    # the details of the outcome one side denies are that contradiction, not details the other lacks
    assert [f.message for f in got if f.kind == "detail_only"] == []


@pytest.mark.parametrize("a, b", [
    ("The governor signed the tax bill and vetoed the school bill.",
     "The governor vetoed the school bill but signed the tax bill."),
    ("The mayor signed the budget on Tuesday.", "The mayor vetoed the zoning bill on Tuesday."),
    ("Police arrested one man; no other arrests were made.", "Police arrested a man after the fire."),
    ("Nobody was hurt in the crash.", "No one was injured in the crash."),
    ("Halvorsen pleaded not guilty to the charges.", "Halvorsen denied the charges in court."),
    ("The hospital admitted two patients overnight.", "The hospital denied two patients overnight visits."),
    ("Two firefighters were injured fighting the blaze.", "No residents were injured in the blaze."),
    ("The team lost its coach to a rival in May.", "The team won its opener in May."),
    ("The council could reject the plan next week.", "The council approved the plan."),
])
def test_other_decisions_are_not_a_contradiction(nlp, a, b):
    got = [f for f in found(nlp, a, b) if f.details.get("type") == "status"]
    assert got == [], [f.message for f in got]


def test_the_antonym_table_is_symmetric():
    assert all((y, x) in OPPOSITE for x, y in OUTCOME_ANTONYMS)


@pytest.mark.parametrize("a, b", [
    ("The shelter is scheduled to open on March 1.", "The shelter will hold 320 beds and open in mid-March."),
    ("The Vell bridge is set to close for repairs in June.", "The Vell bridge closed for repairs in June."),
])
def test_a_scheduled_outcome_against_a_done_one_is_not_a_contradiction(nlp, a, b):
    got = [f for f in found(nlp, a, b) if f.details.get("type") == "status"]
    assert got == [], [f.message for f in got]
