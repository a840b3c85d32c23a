"""Divergent facts only about the same thing: dates against each article's publication day, quantities
as ranges, polarity, and the quote_wording / attribution / status checks.

Each field case of issue 12 (tests/data/field_divergence/, copied from the field cases) is checked on
hand-aligned sentence pairs, so the comparison logic is tested whatever the alignment does, and each
kind has one more invented case beside it. The end-to-end runs at the bottom use the real model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from comparator.detect.divergence import find_divergences, pair_comparison
from comparator.detect.severity import ERROR_PRECISION, MEASURED_PRECISION, MIN_FINDINGS, severity_of, type_of
from comparator.facts import extract_facts
from comparator.facts.dates import parse_date
from comparator.facts.numbers import numbers_agree, parse_number, parse_share

CASES = Path(__file__).parent / "data" / "field_divergence"


@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


def divergent(nlp, a, b, published=None, speakers=None):
    comp, ctx = pair_comparison(a, b, outlets=("Alpha", "Beta"), published=published, nlp=nlp,
                                speakers=speakers)
    found = find_divergences(comp, ctx)
    texts = {x.id: x.text for x in comp.articles}
    for f in found:
        for e in f.evidence:
            assert texts[e.article][e.start:e.end] == e.text
    return [f for f in found if f.kind == "divergent_fact"]


def types(found):
    return sorted(f.details["type"] for f in found)


# -- dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, published, prefer, normal", [
    ("Wednesday", "2025-01-01", "past", "2025-01-01"),  # a Wednesday article: "Wednesday" is that day
    ("Sunday", "2023-06-04", "past", "2023-06-04"),
    ("Sunday", "2023-06-04", "future", "2023-06-04"),
    ("Sunday", "2023-06-05", "past", "2023-06-04"),  # published Monday: the day before
    ("Sunday", "2025-01-01", "past", "2024-12-29"),
    ("Friday", "2025-01-01", "future", "2025-01-03"),  # "by Friday": ahead
    ("Thursday", "2023-10-27", "future", "2023-11-02"),
    ("last Friday", "2025-01-01", "future", "2024-12-27"),
    ("next Friday", "2025-01-01", "past", "2025-01-03"),
    ("Wednesday afternoon", "2023-10-27", "past", "2023-10-25"),
    ("two days ago", "2025-01-01", "past", "2024-12-30"),
    ("Friday", "2025-01-01", None, "rel:friday"),  # tense unclear: not compared
    ("Friday", None, "past", "rel:friday"),  # publication day unknown: not compared
    ("the 1990s", None, "past", "1990..1999"),
    ("the '80s", None, "past", "1980..1989"),
    ("the 19th century", None, "past", "1801..1900"),
    ("the twentieth century", None, "past", "1901..2000"),
    ("6/4/23", "2023-06-05", "past", "2023-06-04"),
    ("06/04/2023", None, "past", "2023-06-04"),
    ("3/9/98", "2001-01-01", "past", "1998-03-09"),
])
def test_dates_resolve_against_the_publication_day(text, published, prefer, normal):
    assert parse_date(text, published, prefer).normal == normal


def test_decades_are_ranges():
    from comparator.facts.dates import dates_agree

    assert dates_agree(parse_date("the 1990s"), parse_date("1994")) is True
    assert dates_agree(parse_date("the 1990s"), parse_date("2001")) is False
    assert dates_agree(parse_date("the 19th century"), parse_date("1850")) is True


@pytest.mark.parametrize("text, published, expected", [
    ("An ice storm knocked out power on Sunday, the utility said on Wednesday.", "2025-01-01",
     {"Sunday": "2024-12-29", "Wednesday": "2025-01-01"}),
    ("Crews expect to restore power to all customers by Friday, Nora Bright said.", "2025-01-01",
     {"Friday": "2025-01-03"}),
    ("The House will vote on Thursday.", "2023-10-27", {"Thursday": "2023-11-02"}),
    ("The vote is scheduled for Thursday.", "2023-10-27", {"Thursday": "2023-11-02"}),
    ("The council met Tuesday and will vote Thursday.", "2024-03-06",
     {"Tuesday": "2024-03-05", "Thursday": "2024-03-07"}),
])
def test_weekdays_follow_the_tense_of_their_clause(nlp, text, published, expected):
    facts = {f.text: f.normal for f in extract_facts(nlp(text), 0, len(text), published) if f.kind == "date"}
    assert facts == expected


@pytest.mark.parametrize("text", [
    "Theresa May said the plan would pass.",
    "Prime Minister May said the plan would pass.",
    "May we ask what the plan is, the senator said.",
])
def test_words_that_only_look_like_months_are_not_dates(nlp, text):
    assert not [f for f in extract_facts(nlp(text), 0, len(text), "2024-01-01") if f.kind == "date"]


def test_a_month_after_a_preposition_is_a_date(nlp):
    text = "The plan passed in May, months after protesters march on the capitol."
    dates = [f.text for f in extract_facts(nlp(text), 0, len(text), "2024-06-01") if f.kind == "date"]
    assert dates == ["May"]


# -- quantities -----------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b, agree", [
    ("hundreds", "more than 150", True),
    ("hundreds", "50", False),
    ("dozens", "more than 30", True),
    ("dozens", "3", False),
    ("half a million", "500,000", True),
    ("half a million", "800,000", False),
    ("a quarter million", "250,000", True),
    ("a quarter of a million", "400,000", False),
    ("tens of thousands", "40,000", True),
    ("tens of thousands", "400", False),
    ("hundreds of thousands", "300,000", True),
    ("as many as 1.5 million", "from 400,000 to 1.6 million", False),  # the top of a range is its maximum
    ("up to 1.6 million", "400,000 to 1.6 million", True),
    ("under 40", "10 to 30", True),
])
def test_vague_quantities_are_ranges(a, b, agree):
    assert numbers_agree(parse_number(a), parse_number(b)) is agree


def test_shares_in_words():
    assert round(parse_share("two-thirds"), 3) == 0.667
    assert parse_share("three quarters") == 0.75
    assert parse_share("thirds") is None


@pytest.mark.parametrize("a, b, n", [
    ("Two-thirds of voters backed the measure.", "67 percent of voters backed the measure.", 0),
    ("Two-thirds of voters backed the measure.", "40 percent of voters backed the measure.", 1),
    ("Unemployment rose 2 percentage points last year.", "Unemployment rose 2 percent last year.", 0),
    ("Dozens of people were evacuated from the tower.", "More than 30 people were evacuated from the tower.", 0),
    ("Tens of thousands of fans filled the square.", "About 40,000 fans filled the square.", 0),
])
def test_word_quantities_compare_as_ranges(nlp, a, b, n):
    found = [f for f in divergent(nlp, a, b) if f.details["type"] == "number"]
    assert len(found) == n, [f.message for f in found]


# -- the same thing: role, anchor, subject ----------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("The bill amends a 1976 law that gives foreign governments immunity.",
     "The bill lets families sue foreign governments over the 2001 attacks."),  # field case
    ("The treaty replaced a 1998 agreement on fishing rights.",
     "The treaty follows the 2003 dispute over fishing rights."),  # invented: two nouns, two dates
    ("The water bill passed the Senate on Tuesday by a vote of 60 to 40.",
     "The water bill passed the House on Tuesday by a vote of 220 to 210."),  # other chamber
    ("The Dalton administration on Tuesday announced rangers will stop mass inspections.",
     "Interior Secretary Dana Whitfield on Tuesday issued a memo ordering rangers to stop mass inspections."),
    ("Justice Ruth Bader Ginsburg asked about back pay.", "Justice Stephen Breyer asked about back pay."),
])
def test_facts_about_different_things_are_not_compared(nlp, a, b):
    assert divergent(nlp, a, b, published="2023-09-28") == []


def test_dates_of_the_same_subject_compare_across_verbs(nlp):
    found = divergent(nlp, "The override is expected to begin in the Senate on Wednesday, followed by the House "
                           "on Thursday.",
                      "The House voted Wednesday afternoon to override the veto, hours after the Senate.",
                      published="2023-10-27")
    dates = [f for f in found if f.details["type"] == "date"]
    assert [[e.text for e in f.evidence] for f in dates] == [["Thursday", "Wednesday"]]


def test_dates_of_the_same_event_invented(nlp):
    found = divergent(nlp, "The school board will vote on the budget on Monday.",
                      "The school board voted on the budget on Monday.", published="2024-03-06")
    assert [f.details["normal"] for f in found if f.details["type"] == "date"] == [["2024-03-11", "2024-03-04"]]


def test_a_place_spelled_alike_on_the_same_noun(nlp):
    found = divergent(nlp, "The attorney general said he had misspoken at the event in Norfolk in March.",
                      "The attorney general said he had misspoken at the event in Norwalk in March.")
    assert [f.details["type"] for f in found] == ["name"]
    assert divergent(nlp, "The attorney general spoke at the event in Hartford in March.",
                     "The attorney general spoke at the event in Boston in March.") == []  # not alike


def test_a_place_name_ner_missed_on_the_same_noun(nlp):
    found = divergent(nlp, "The governor apologised for his remarks at a 2011 event in Norfolk.",
                      "In a statement, the governor apologised for what he said during the Norwalk event.")
    assert [[e.text for e in f.evidence] for f in found if f.details["type"] == "name"] == [["Norfolk", "Norwalk"]]
    assert "date" not in types(found)


def test_another_given_name_is_a_name_divergence(nlp):
    found = divergent(nlp, "Wendy Marlow signed the contract.", "Debbie Marlow signed the contract.")
    assert [f.details["type"] for f in found] == ["name"]


# -- polarity and status -------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("Governor Lana Ortiz has repeatedly said that her campaign did not coordinate with the Halvard mining "
     "company.", "Governor Lana Ortiz has repeatedly denied that her campaign coordinated with the Halvard "
     "mining company."),  # field case
    ("The agency said it did not destroy the records.", "The agency denied that it destroyed the records."),
    ("The plant will close if the state does not pay.", "The plant will close if the state pays."),
])
def test_denial_equals_saying_not_and_conditions_are_not_negations(nlp, a, b):
    found = [f for f in divergent(nlp, a, b) if f.details["type"] == "status"]
    assert found == [], [f.message for f in found]


def test_denial_against_assertion_is_a_status_contradiction(nlp):
    found = divergent(nlp, "The mayor said the agency destroyed the records.",
                      "The mayor denied that the agency destroyed the records.")
    assert types(found) == ["status"]


@pytest.mark.parametrize("a, b, contradiction", [
    ("No formal charges have been filed yet against Sayer, though officials said he would likely be "
     "prosecuted.", "Sayer has been charged with five federal crimes, the Justice Department said.",
     "negated"),  # field case
    ("Prosecutors said Ramos was not charged after the search.", "Ramos was charged after the search.",
     "negated"),
    ("The council is expected to approve the budget.", "The council approved the budget on Monday.",
     "expected"),
    ("The pilot died in the crash, officials said.", "The pilot survived the crash, officials said.", "opposite"),
])
def test_status_contradictions(nlp, a, b, contradiction):
    found = [f for f in divergent(nlp, a, b, published="2024-03-06") if f.details["type"] == "status"]
    assert [f.details.get("contradiction") for f in found] == [contradiction], [f.message for f in found]


@pytest.mark.parametrize("a, b", [
    ("Ramos could be charged next week.", "Ramos was not charged, officials said."),  # a modal, not a status
    ("The pilot died in the crash.", "The co-pilot survived the crash."),  # another subject
])
def test_status_needs_the_same_subject_and_no_modal(nlp, a, b):
    assert [f for f in divergent(nlp, a, b) if f.details["type"] == "status"] == []


# -- quotations ------------------------------------------------------------------------------------

def test_quote_wording_field_case(nlp):
    found = divergent(nlp, "\u201cThis can be good news in that we will now counter for the party server, the "
                           "Wendy Marlow servers and documents held by the mystery man,\u201d President Corrigan "
                           "tweeted.",
                      "\u201cThis can be good news in that we will now counter for the party server, the Debbie "
                      "Marlow servers and documents held by the mystery man,\u201d President Corrigan tweeted.")
    assert types(found) == ["quote_wording"]
    assert found[0].details["diff"] == ["Wendy", "Debbie"]


@pytest.mark.parametrize("a, b, diff", [
    ('"We learned a very hard lesson during the years I spent there," he said.',
     '"We learned a hard lesson during the years I spent there," he said.', ["very", None]),
    ('"The plan will bring new jobs to our town over the next four years," she said.',
     '"The plan will bring new jobs to our town over the next few years," she said.', ["four", "few"]),
])
def test_quote_wording_invented(nlp, a, b, diff):
    found = divergent(nlp, a, b)
    assert [f.details.get("diff") for f in found] == [diff]


@pytest.mark.parametrize("a, b", [
    ('"It is normal for the lab to ask its own teams to try new tools," she said.',
     '"It\'s normal for the lab to ask its own team to try new tools," she said.'),
    ('"We learned a hard lesson ... during the years I spent there," he said.',
     '"We learned a hard lesson during the years I spent there in the navy," he said.'),
    ('"We will not tolerate this kind of behaviour from anyone," Maya said.',
     'The minister said: "We will not tolerate this kind of behaviour."'),
])
def test_quote_variants_that_say_the_same(nlp, a, b):
    assert divergent(nlp, a, b) == []


def test_attribution_to_another_speaker(nlp):
    a = '"We will not raise taxes on working families this year," Senator Alma Reyes said on Monday.'
    b = '"We will not raise taxes on working families this year," Senator Tomas Oduya said on Monday.'
    found = divergent(nlp, a, b, speakers=("Alma Reyes", "Tomas Oduya"))
    assert "attribution" in types(found)


def test_attribution_needs_a_speaker_named_in_the_sentence(nlp):
    a = '"We will not raise taxes on working families this year," she said.'
    b = '"We will not raise taxes on working families this year," Senator Tomas Oduya said.'
    assert "attribution" not in types(divergent(nlp, a, b, speakers=("Alma Reyes", "Tomas Oduya")))


# -- field cases on hand-aligned pairs ---------------------------------------------------------------

def test_weekday_vs_dateline_pairs(nlp):
    pub = "2025-01-01"
    assert divergent(nlp, "An ice storm knocked out power to 30,000 customers in Pell County on Dec. 29, the "
                          "utility said on Jan. 1.",
                     "An ice storm knocked out power to 30,000 customers in Pell County on Sunday, the utility "
                     "said on Wednesday.", published=pub) == []
    assert divergent(nlp, "Crews expect to restore power to all customers by Jan. 3, utility spokesperson Nora "
                          "Bright said.",
                     "Crews expect to restore power to all customers by Friday, utility spokesperson Nora Bright "
                     "said.", published=pub) == []


def test_weekday_vs_dateline_invented(nlp):
    pub = "2024-03-04"  # a Monday
    assert divergent(nlp, "The strike began on March 4 and talks resume on March 7.",
                     "The strike began on Monday and talks resume on Thursday.", published=pub) == []
    found = divergent(nlp, "The strike began on March 1.", "The strike began on Monday.", published=pub)
    assert types(found) == ["date"]


def test_weekday_on_publication_day_with_other_publication_days(nlp):
    sentence = "Hundreds of farmers marched to the state capitol in Marrow City on {} to protest the new tax."
    assert divergent(nlp, sentence.format("June 4, 2023"), sentence.format("Sunday"), published="2023-06-04") == []
    assert divergent(nlp, sentence.format("Sunday"), sentence.format("Sunday"),
                     published=("2023-06-04", "2023-06-05")) == []
    # invented: a Tuesday article's "Tuesday" and a Thursday article's "Tuesday" are the same day
    assert divergent(nlp, sentence.format("Tuesday"), sentence.format("Tuesday"),
                     published=("2024-05-07", "2024-05-09")) == []
    found = divergent(nlp, sentence.format("Tuesday"), sentence.format("Tuesday"),
                      published=("2024-05-07", "2024-05-16"))
    assert types(found) == ["date"]


def test_number_words_field_case(nlp):
    pairs = [("The settlement is worth $2,400,000.", "The settlement is worth 2.4 million dollars."),
             ("500,000 households will receive a refund check.", "Half a million households will receive a refund "
                                                                 "check."),
             ("250,000 of those households are in rural counties.", "A quarter million of those households are "
                                                                   "in rural counties."),
             ("Verra Power booked a $1.2 billion charge.", "Verra Power booked a $1.2bn charge."),
             ("11 regional offices will handle the claims.", "Eleven regional offices will handle the claims.")]
    for a, b in pairs:
        comp, ctx = pair_comparison(a, b, nlp=nlp)
        assert find_divergences(comp, ctx) == [], (a, b)
    found = divergent(nlp, "800,000 households will receive a refund check.",
                      "Half a million households will receive a refund check.")
    assert types(found) == ["number"]
    found = divergent(nlp, "Refunds will be mailed within 60 days.", "Refunds will be mailed within 30 days.")
    assert types(found) == ["number"]


def test_long_sentence_facts_compare_once_aligned(nlp):
    long = next((CASES / "16-long-sentence-variant-key-clause-first").glob("lakeview*.md")).read_text()
    long = long.split("---", 2)[2].strip().split("\n\n")[0]
    short = "The board voted 5-2 on Wednesday to sell the Lakeview bus depot to Corvin Logistics for $16 million."
    found = divergent(nlp, long, short, published="2025-05-15")
    assert [[e.text for e in f.evidence] for f in found] == [["$18 million", "$16 million"]]
    # the key clause last, as in the field case itself
    last = long.replace("The board voted 5-2 to sell the Lakeview bus depot to Corvin Logistics for $18 million "
                        "after", "After") + ""
    last = last.rstrip(".") + ", the board voted 5-2 to sell the Lakeview bus depot to Corvin Logistics for $18 million."
    found = divergent(nlp, last, short, published="2025-05-15")
    assert [[e.text for e in f.evidence] for f in found] == [["$18 million", "$16 million"]]


def test_hundreds_vs_more_than_150(nlp):
    assert divergent(nlp, "More than 150 migrants reached the border crossing at Port Vell on Sunday.",
                     "A caravan of hundreds of migrants reached the border crossing at Port Vell on Sunday.",
                     published="2023-05-10") == []
    found = divergent(nlp, "Fewer than 50 migrants reached the border crossing.",
                      "Hundreds of migrants reached the border crossing.")
    assert types(found) == ["number"]


# -- severity follows measured precision -------------------------------------------------------------

def test_severity_follows_measured_precision():
    for kind_type, (precision, n) in MEASURED_PRECISION.items():
        expected = "error" if precision is not None and n >= MIN_FINDINGS and precision >= ERROR_PRECISION \
            else "warning"
        assert severity_of(kind_type) == expected
    assert severity_of("no-such-type") == "warning"
    assert type_of("money") == "number" and type_of("time") == "date" and type_of("name") == "name"


# -- end to end on the field cases (real model) ---------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("case", ["12-weekday-vs-dateline", "e-date-weekday-on-publication-day",
                                  "e-hundreds-vs-more-than-150", "e-unrelated-dates-and-names",
                                  "e-denied-vs-did-not"])
def test_field_cases_report_no_divergence(case):
    import comparator

    comp = comparator.compare(sorted((CASES / case).glob("*.md")))
    assert [f.message for f in comp.findings if f.kind == "divergent_fact"] == []


@pytest.mark.slow
def test_number_words_end_to_end_only_the_real_difference():
    import comparator

    comp = comparator.compare(sorted((CASES / "13-number-words").glob("*.md")))
    found = [[e.text for e in f.evidence] for f in comp.findings if f.kind in ("divergent_fact", "detail_only")]
    assert found == [["60 days", "30 days"]]


@pytest.mark.slow
@pytest.mark.parametrize("case, kind_type", [("13-number-words-variant-real-divergence", "number"),
                                             ("e-quote-wording-differs", "quote_wording")])
def test_field_cases_report_the_divergence(case, kind_type):
    import comparator

    comp = comparator.compare(sorted((CASES / case).glob("*.md")))
    assert kind_type in {f.details.get("type") for f in comp.findings if f.kind == "divergent_fact"}


def test_people_in_the_same_slot_need_a_strong_alignment(nlp):
    import dataclasses

    a = "Lowe said it was possible that the firm could rebut the charges at a trial."
    b = "Justice Samuel T. Aldana said it was possible that the firm could rebut the charges at a trial."
    comp, ctx = pair_comparison(a, b, nlp=nlp)
    strong = [f for f in find_divergences(comp, ctx) if f.details.get("type") == "name"]
    weak = dataclasses.replace(comp, alignments=tuple(dataclasses.replace(al, score=0.33)
                                                      for al in comp.alignments))
    assert [f for f in find_divergences(weak, ctx) if f.details.get("type") == "name"] == []
    assert len(strong) == 1  # one statement, two people in its subject slot: compared (a warning)
