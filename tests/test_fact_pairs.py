"""Divergent facts in sentences that do not align as wholes (detect/fact_pairs.py), titles "former" against
current, weekdays of papers published a day apart, ages against years, and quotations with an outlet's
insertion. All text is invented; the end-to-end field case uses the real model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from comparator.detect.divergence import find_divergences, pair_comparison

CASES = Path(__file__).parent / "data" / "field_divergence"


@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


def findings(nlp, a, b, *, aligned=False, published=None, kind="divergent_fact"):
    """Findings of two one-claim articles, aligned with each other or (default) not aligned at all."""
    comp, ctx = pair_comparison(a, b, outlets=("Alpha", "Beta"), published=published, nlp=nlp)
    if not aligned:
        comp = dataclasses.replace(comp, alignments=())
    found = find_divergences(comp, ctx)
    texts = {x.id: x.text for x in comp.articles}
    for f in found:
        for e in f.evidence:
            assert texts[e.article][e.start:e.end] == e.text
    return [f for f in found if f.kind == kind]


# -- counts of the same noun in sentences that do not align --------------------------------------------

@pytest.mark.parametrize("a, b, texts", [
    ("He said the chain's habits shape pay and promotion at its more than 2,100 Harlow and Pike Market stores "
     "nationwide.",
     "The workers, who were employed in 1,800 stores in 90 job grades, share too little, the firm says.",
     ["more than 2,100", "1,800"]),
    ("Delays hit travellers at all 260 stations on the network, the operator said.",
     "Staff at 310 stations walked out on Tuesday, the union said.", ["260", "310"]),
    ("The judges said the class covers as many as 2.5 million nurses who worked for the hospital group.",
     "A suit that covers up to 2.6 million nurses reached the court on Tuesday.",
     ["as many as 2.5 million", "2.6 million"]),
    # a number glued to its noun counts that noun: "a 350-bed shelter" counts beds (port-alder-shelter kind)
    ("Taxpayers will foot the bill for a 350-bed shelter after the board rammed through the plan.",
     "The shelter will have 320 beds, county staff told the board.", ["350", "320"]),
    ("The club is building a 1,200-seat stadium on the old rail yard.",
     "Fans will sit in 1,400 seats when the ground opens next year.", ["1,200", "1,400"]),
])
def test_the_same_count_told_otherwise_in_sentences_that_do_not_align(nlp, a, b, texts):
    found = findings(nlp, a, b)
    assert [[e.text for e in f.evidence] for f in found] == [texts]
    assert found[0].details["type"] == "number" and found[0].details["aligned"] is False
    assert "do not align" in found[0].message


@pytest.mark.parametrize("a, b", [
    ("A group of at least 380 nurses run the night wards.", "The class covers 2.5 million nurses."),  # a part
    ("The storm killed 120 people in the valley.", "The storm injured 150 people in the valley."),  # other roles
    ("The flood damaged 400 homes.", "The flood destroyed 350 homes."),  # other counts of homes
    ("The chain has 2,100 stores and plans 300 more stores.", "The workers were employed in 1,800 stores."),  # which?
    ("The chain runs 45 stores in the state.", "Workers walked out at 60 stores."),  # small counts
    ("The chain runs thousands of stores.", "Workers walked out at 1,800 stores."),  # vague: agrees
    ("The 320-bed shelter opens in March.", "The shelter has 320 beds."),  # the same figure, glued or not
    ("The building has a 150-year history.", "About 180 years of records were lost."),  # not a count of a noun
])
def test_counts_that_are_not_the_same_figure_are_not_compared(nlp, a, b):
    assert findings(nlp, a, b) == []


def test_aligned_sentences_are_compared_once_in_context(nlp):
    a = "The chain operates 2,100 stores in the region, the company said."
    b = "The chain operates 1,800 stores in the region, the company said."
    found = findings(nlp, a, b, aligned=True)
    assert len(found) == 1 and "aligned" not in found[0].details


# -- statuses of a named subject in sentences that do not align ----------------------------------------

@pytest.mark.parametrize("a, b", [
    ("No formal charges have been filed yet against Sayer, though officials said he would likely be "
     "prosecuted in federal court.",
     "Sayer has been charged with five federal crimes, including illegal mailing of explosives, the Justice "
     "Department said."),  # field case e-missed-contradiction, on two unaligned sentences
    ("Prosecutors have not charged Delaney with any crime, her lawyer said on Tuesday.",
     "Delaney was charged on Monday with two counts of fraud after a search of her office."),
    ("Ortega died in the fire at the warehouse, the fire chief told reporters.",
     "Ortega survived and was taken to a hospital in the city, a neighbour said."),
])
def test_a_status_asserted_and_negated_about_one_named_subject(nlp, a, b):
    found = [f for f in findings(nlp, a, b, published="2024-03-06") if f.details["type"] == "status"]
    assert len(found) == 1 and found[0].details["aligned"] is False


@pytest.mark.parametrize("a, b", [
    ("The mayor was not charged, officials said.", "Delaney was charged with fraud."),  # other subjects
    ("Delaney could be charged next week, officials said.", "Delaney was not charged, her lawyer said."),  # modal
    ("The council is expected to approve the Brandt plan.", "The council approved the Brandt plan."),  # not named
])
def test_statuses_that_do_not_contradict_across_sentences(nlp, a, b):
    assert [f for f in findings(nlp, a, b, published="2024-03-06") if f.details["type"] == "status"] == []


@pytest.mark.slow
def test_missed_contradiction_field_case_end_to_end():
    import comparator

    comp = comparator.compare(sorted((CASES / "e-missed-contradiction").glob("*.md")))
    found = {f.details.get("type") for f in comp.findings if f.kind == "divergent_fact"}
    assert {"status", "date"} <= found


# -- titles: former against current --------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("The senator will face the winner of the primary, either former Rep. Tom Hale or former Acme Mining "
     "executive Dana Whitlock.",
     "Whitlock, the CEO of Acme Mining Corporation, is one of the candidates running to face the senator."),
    ("Lena Park, a former NASA engineer, said the launch was delayed.",
     "NASA engineer Lena Park says the launch is delayed again."),
    ("Ex-FBI agent Mara Quist will testify on Monday, her lawyer said.",
     "Mara Quist, an agent of the FBI, is expected to testify."),
    ("Former Acme Mining CEO Dana Whitlock said the mine would close.",
     "Acme Mining CEO Dana Whitlock said the mine would close."),  # one statement, aligned or not
])
def test_a_former_post_against_a_current_one(nlp, a, b):
    found = [f for f in findings(nlp, a, b) if f.details.get("fact") == "title"]
    assert len(found) == 1
    assert found[0].details["type"] == "status" and sorted(found[0].details["status"]) == ["current", "former"]


@pytest.mark.parametrize("a, b", [
    ("Former President Alan Brandt said the plan would fail.", "President Brandt signed the plan in 2010."),
    ("Former Acme Mining executive Dana Whitlock is running.", "Whitlock, the CEO of Borel Foods, is running."),
    ("Former Acme Mining executive Dana Whitlock is running.",
     "Whitlock, then the CEO of Acme Mining Corporation, was sued in 2008."),
    ("Dana Whitlock, a former Acme Mining executive, is running.",
     "Whitlock, the CEO of Acme Mining Corporation, was in the room when the deal was signed."),  # past
    ("Former Acme Mining CEO Dana Whitlock is running.",
     "In 2008, Acme Mining CEO Dana Whitlock said the mine would close."),  # history: the title then
])
def test_titles_that_do_not_contradict(nlp, a, b):
    assert [f for f in findings(nlp, a, b) if f.details.get("fact") == "title"] == []


# -- weekdays of papers a day apart, ages against years, insertions in quotations -------------------------

@pytest.mark.parametrize("a, b, published", [
    ("The agency said on Friday that the adviser was offered an unpaid post.",
     "The adviser was offered an unpaid post, according to an agency report out Friday morning.",
     ("2010-05-27", "2010-05-28")),  # the later paper's date a day off: one Friday, not the week before
    ("Crews reopened the bridge on Tuesday after the storm.", "Crews reopened the bridge Tuesday after the storm.",
     ("2024-05-08", "2024-05-07")),
])
def test_one_weekday_in_papers_published_a_day_apart(nlp, a, b, published):
    assert findings(nlp, a, b, aligned=True, published=published) == []


def test_the_same_paper_day_keeps_the_tense_of_each_weekday(nlp):
    found = findings(nlp, "The school board will vote on the budget on Monday.",
                     "The school board voted on the budget on Monday.", aligned=True,
                     published=("2024-03-06", "2024-03-07"))
    assert "date" in [f.details["type"] for f in found]  # one ahead, one behind: two Mondays


@pytest.mark.parametrize("a, b", [
    ("The school, built in 1962, will close in June, the district said.",
     "The district said the 45-year-old school building will close in June."),
    ("The library was built in 1962 and needs a new roof.", "The 45-year-old library needs a new roof."),
    ("The bridge opened in 1931 and carries 20,000 cars a day.", "The 76-year-old bridge carries 20,000 cars a day."),
])
def test_an_age_and_a_year_are_one_fact_not_two_details(nlp, a, b):
    assert findings(nlp, a, b, aligned=True, published="2007-05-01", kind="detail_only") == []


@pytest.mark.parametrize("a, b", [
    ('He said "nobody can follow the plan any more, and soon (rebel commander Yusuf) al-Harrani will outlast '
     'the whole coalition."',
     'He said "nobody can follow the plan any more, and soon (rebel commander Youssef) Harrani will outlast '
     'the whole coalition."'),
    ('"We told [Mayor] Ortiz that the plant would close by the end of the summer," she said.',
     '"We told [Mayor Lana] Ortiz that the plant would close by the end of the summer," she said.'),
])
def test_an_outlets_insertion_in_a_quotation_is_not_a_divergence(nlp, a, b):
    assert findings(nlp, a, b, aligned=True) == []


@pytest.mark.parametrize("a, b, n", [
    ('"The vaccine mandate for federal workers will stand until the spring," she said.',
     '"The vaccination mandate for federal workers will stand until the spring," she said.', 0),
    ('"We expect the approval of the new harbour plan this year," the mayor said.',
     '"We expect them to approve the new harbour plan this year," the mayor said.', 0),
    ('"The deal is legal for every member of the union," he said.',
     '"The deal is illegal for every member of the union," he said.', 1),  # a negating prefix is no family
])
def test_a_word_and_its_derivation_are_one_wording(nlp, a, b, n):
    assert len([f for f in findings(nlp, a, b, aligned=True) if f.details["type"] == "quote_wording"]) == n


def test_a_range_inside_one_quantity_span(nlp):
    from comparator.facts import extract_facts

    text = "Guesses of how many tenants the rule would reach range from 300,000 to 1.4 million."
    facts = [f for f in extract_facts(nlp(text), 0, len(text)) if f.kind == "quantity"]
    assert [f.normal for f in facts] == ["300000..1400000"]


# -- the per-type precision table (bench/divergence_types.py) -------------------------------------------

def test_per_type_counts_use_the_scorers_matching(tmp_path):
    import json
    import sys
    import types

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.divergence_types import type_counts

    event = tmp_path / "ev"
    event.mkdir()
    (event / "a.md").write_text("One. Two.", encoding="utf-8")
    (event / "b.md").write_text("Uno. Dos.", encoding="utf-8")
    gold = {"sentences": [{"id": "a#0", "file": "a.md", "start": 0, "end": 4},
                          {"id": "a#1", "file": "a.md", "start": 5, "end": 9},
                          {"id": "b#0", "file": "b.md", "start": 0, "end": 4},
                          {"id": "b#1", "file": "b.md", "start": 5, "end": 9}],
            "divergences": [{"id": "D01", "sentences": ["a#0", "b#0"]}]}
    (tmp_path / "ev.gold.json").write_text(json.dumps(gold), encoding="utf-8")

    def locate(content, text, hint=0):
        i = content.find(text)
        return (i, i + len(text)) if i >= 0 else None

    gc = types.SimpleNamespace(gold_path=lambda ev: Path(ev).parent / (Path(ev).name + ".gold.json"), locate=locate)
    claims = [{"id": f"{art}:{k}", "article": art, "text": t, "start": 0}
              for art, texts in (("a", ["One.", "Two."]), ("b", ["Uno.", "Dos."])) for k, t in enumerate(texts)]
    finding = lambda kind, x, y: {"kind": "divergent_fact", "details": {"type": kind},  # noqa: E731
                                  "evidence": [{"claim": x}, {"claim": y}]}
    report = {"articles": [{"id": "a", "source_path": "a.md"}, {"id": "b", "source_path": "b.md"}],
              "claims": claims,
              "findings": [finding("number", "a:0", "b:0"), finding("number", "a:1", "b:1"),
                           finding("status", "a:0", "b:0"), {"kind": "omission", "evidence": []}]}
    found, ok = type_counts(event, report, gc)
    assert dict(found) == {"number": 2, "status": 1} and dict(ok) == {"number": 1, "status": 1}
