"""Equivalent amounts written two ways are one value, not two details or a divergence (review 2, kinds
13-number-words and e-hundreds-vs-more-than-150).

Fractions of a scale word ("three-quarters of a billion dollars" = "$750 million"), shares in words ("a
third of", "half of", "four in ten") as percentages, durations in other units compared in days ("a decade" =
"ten years", "a fortnight" = "two weeks"), vague counts as ranges ("several hundred" ~ "roughly 300") and a
sports score ("3-2") as one value. Each pair is invented; the reviewer's sentences are the first of each
group, the others are variants with other names, verbs and shapes. Controls with other values must still
diverge.
"""

from __future__ import annotations

import pytest

from comparator.detect.divergence import find_divergences, pair_comparison
from comparator.facts.numbers import in_days, numbers_agree, parse_number, parse_ratio


@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


def findings(nlp, a, b):
    comp, ctx = pair_comparison(a, b, outlets=("Alpha", "Beta"), published="2024-04-22", nlp=nlp)
    return find_divergences(comp, ctx), comp


EQUIVALENT = [
    # the reviewer's pairs
    ("The port authority approved a three-quarters of a billion dollar expansion on Monday.",
     "The port authority approved a $750 million expansion on Monday."),
    ("The project will create nine hundred jobs over a decade.", "The project will create 900 jobs over ten years."),
    ("A third of the budget comes from federal grants, officials said.",
     "About 33% of the budget comes from federal grants, officials said."),
    ("The authority will hold public hearings within a fortnight.",
     "The authority will hold public hearings within two weeks."),
    ("Four in ten commuters switched to the bus during the shutdown, the authority said.",
     "Forty percent of commuters switched to the bus during the shutdown, the authority said."),
    ("Half of the crew had been furloughed.", "50% of the crew had been furloughed."),
    ("Several hundred travelers spent the night in the terminal.",
     "Roughly 300 travelers spent the night in the terminal."),
    ("A few hundred runners did not finish the race.", "Nearly 400 runners did not finish the race."),
    ("The Kessel Street bridge reopened to traffic on Friday after eight months of repairs, city officials said.",
     "The Kessel Street bridge reopened to traffic on Friday, March 8 after eight months of repairs, city officials said."),
    # variants of each kind
    ("The city council approved half a billion dollars for the tunnel.",
     "The city council approved $500 million for the tunnel."),
    ("The study of the Tarn glacier lasted two decades.", "The study of the Tarn glacier lasted 20 years."),
    ("Lab results are due within a fortnight.", "Lab results are due within 14 days."),
    ("The Gullholm ferry resumed service after a two-day shutdown.",
     "The Gullholm ferry resumed service after a 48-hour shutdown."),
    ("Three in four voters in Marsh County backed the levy.", "75 percent of voters in Marsh County backed the levy."),
    ("One in five children in the district lives in poverty.",
     "About 20% of children in the district live in poverty."),
    ("A quarter of the hospital budget goes to staffing.", "25 percent of the hospital budget goes to staffing."),
    ("Several thousand protesters marched to the capitol.", "About 5,000 protesters marched to the capitol."),
    ("A few dozen residents attended the zoning meeting.", "About 30 residents attended the zoning meeting."),
    ("Orvik Athletic beat Lund City 2-1 in the semi-final.", "Orvik Athletic won the semi-final 2-1 against Lund City."),
]


@pytest.mark.parametrize("a, b", EQUIVALENT)
def test_equivalent_amounts_give_no_finding(nlp, a, b):
    found, _ = findings(nlp, a, b)
    numeric = [f for f in found if f.kind == "detail_only" or f.details.get("type") in ("number", "duration")]
    assert numeric == [], [f.message for f in numeric]


DIFFERENT = [
    ("Four in ten commuters switched to the bus.", "Sixty percent of commuters switched to the bus."),
    ("Half of the crew had been furloughed.", "30% of the crew had been furloughed."),
    ("Several hundred travelers spent the night in the terminal.",
     "About 40 travelers spent the night in the terminal."),
    # an ordinal before a counted length is still a length ("the first 30 seconds")
    ("In the first 40 seconds of the test, the engine overheated, engineers said.",
     "In the first 90 seconds of the test, the engine overheated, engineers said."),
    ("Applications doubled in the first three weeks after the launch.",
     "Applications doubled in the first five weeks after the launch."),
    # a tally read as a score on both sides, whichever number leads
    ("No club has come back from a 2-5 deficit in the cup.", "No club has come back from a 2-4 deficit in the cup."),
    ("Republicans hold a 9-7 edge on the county board.", "Republicans hold a 10-7 edge on the county board."),
]


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_other_values_still_diverge(nlp, a, b):
    found, _ = findings(nlp, a, b)
    assert [f for f in found if f.kind == "divergent_fact"], [f.message for f in found]


def test_a_score_is_one_value_not_two_figures(nlp):
    _, comp = findings(nlp, "Pellam FC beat Dorrin United 3-2 in the final.", "The final score was 3-2.")
    for claim in comp.claims:
        facts = [(f.text, f.unit) for f in claim.facts if f.kind == "quantity"]
        assert facts == [("3-2", "score")]


def test_a_range_is_not_a_score(nlp):
    _, comp = findings(nlp, "Prices rose 10-20 percent in the region.", "The agency hired 10-20 staff.")
    assert all(f.unit != "score" for c in comp.claims for f in c.facts)


def test_a_match_minute_is_neither_a_duration_nor_a_clock_time(nlp):
    _, comp = findings(nlp, "Ines Marlowe scored in the 89th minute.", "Marlowe scored late.")
    assert [f.kind for f in comp.claims[0].facts if f.kind in ("duration", "time")] == []


def test_a_score_told_in_another_sentence_is_no_detail_only(nlp):
    from comparator.comparison import Comparison
    from comparator.detect import Context
    from comparator.config import Settings
    from comparator.facts import attach_facts
    from comparator.types import Alignment, Article, Claim

    a_text = "Pellam FC beat Dorrin United in the regional cup final on Saturday. The final score was 3-2."
    b_text = "Pellam FC won the regional cup final 3-2 against Dorrin United on Saturday."
    arts = (Article(id="a", outlet="Alpha", text=a_text, published="2024-04-22"),
            Article(id="b", outlet="Beta", text=b_text, published="2024-04-22"))
    cut = a_text.index("The final")
    claims = (Claim(id="a:0", article="a", index=0, paragraph=0, text=a_text[:cut - 1], start=0, end=cut - 1),
              Claim(id="a:1", article="a", index=1, paragraph=0, text=a_text[cut:], start=cut, end=len(a_text)),
              Claim(id="b:0", article="b", index=0, paragraph=0, text=b_text, start=0, end=len(b_text)))
    docs = {x.id: nlp(x.text) for x in arts}
    claims = attach_facts(claims, docs, arts)
    comp = Comparison(articles=arts, claims=claims, alignments=(
        Alignment(claims=("a:0", "b:0"), score=0.9, semantic=0.9, lexical=0.9, method="given"),))
    found = find_divergences(comp, Context(settings=Settings(), docs=docs))
    assert [f.message for f in found if f.kind == "detail_only"] == []


@pytest.mark.parametrize("text, low, high", [
    ("several hundred", 200, 900), ("a few hundred", 200, 600), ("a couple of thousand", 2000, 3000),
])
def test_vague_counts_of_a_scale_are_ranges(text, low, high):
    n = parse_number(text)
    assert (n.value, n.high, n.vague) == (low, high, True)
    assert numbers_agree(n, parse_number(f"about {low + 50}"))


@pytest.mark.parametrize("text, share", [("four in ten", 0.4), ("one out of five", 0.2),
                                         ("three of every four", 0.75), ("ten in four", None)])
def test_ratios_read_as_shares(text, share):
    assert parse_ratio(text) == share


def test_durations_compare_in_days():
    decade = in_days(parse_number("1"), "decade")
    assert numbers_agree(decade, in_days(parse_number("ten"), "year"), 0.04)
    assert not numbers_agree(decade, in_days(parse_number("five"), "year"), 0.04)


@pytest.mark.parametrize("text", ["Ferry traffic dipped in the second half of the season.",
                                  "The other half of the squad trained in Lyon.",
                                  "The team won 2 in 2019."])
def test_a_part_or_a_year_is_not_a_share(nlp, text):
    _, comp = findings(nlp, text, text)
    assert [f.text for f in comp.claims[0].facts if f.kind == "percent"] == []


@pytest.mark.parametrize("text", ["The plant costs $5 million a year to run.", "The board meets twice a year."])
def test_a_rate_is_not_a_duration(nlp, text):
    _, comp = findings(nlp, text, text)
    assert [f.text for f in comp.claims[0].facts if f.kind == "duration"] == []


@pytest.mark.parametrize("a, b", [("Half of the 200 workers were laid off.", "100 of the 200 workers were laid off."),
                                  ("A quarter of the 80 stalls stayed shut.", "20 of the 80 stalls stayed shut.")])
def test_a_share_told_as_two_counts_is_no_detail(nlp, a, b):
    found, _ = findings(nlp, a, b)
    assert [f.message for f in found if f.kind == "detail_only"] == []
