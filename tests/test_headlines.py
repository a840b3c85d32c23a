"""Headlines take part as their own claims (detect/headlines.py), the headlines side by side mark one that
differs, and the kinds of false divergences the five-outlet invented event showed (a weekday in a reduced
relative clause, "since October" against "in November", "one of several cities", a name span that ran on).
All text is invented."""

from __future__ import annotations

import pytest

import comparator
from comparator.types import Article

BODY_A = ("The Senate on Tuesday passed a bipartisan infrastructure bill by a vote of 69-30.\n\n"
          "The bill would fund roads, bridges and broadband across the country.")
BODY_B = ("The Senate approved a bipartisan infrastructure package on Tuesday, 69-30.\n\n"
          "Money would go to roads, bridges and broadband.")


def _articles(title_a: str, title_b: str, body_a: str = BODY_A, body_b: str = BODY_B,
              published: tuple[str, str] = ("2021-08-10", "2021-08-10")) -> list[Article]:
    return [Article(id="a", outlet="Outlet A", title=title_a, text=body_a, published=published[0]),
            Article(id="b", outlet="Outlet B", title=title_b, text=body_b, published=published[1])]


def _headline_findings(comp):
    return [f for f in comp.findings if f.kind == "divergent_fact" and f.details.get("headline")]


@pytest.fixture(scope="module")
def encoder():
    from tests.conftest import FakeEncoder

    return FakeEncoder()


def test_a_money_figure_that_differs_between_two_headlines_is_a_divergent_fact(encoder):
    comp = comparator.compare(_articles("Senate passes $1 trillion infrastructure bill",
                                        "Senate passes $1.2 trillion infrastructure bill"), encoder=encoder)
    found = _headline_findings(comp)
    assert [[e.text for e in f.evidence] for f in found] == [["$1 trillion", "$1.2 trillion"]]
    f = found[0]
    assert f.details["type"] == "number" and f.details["headline"] is True
    assert "in the headlines" in f.message
    heads = {c.id for c in comp.claims if c.kind == "headline"}
    assert {e.claim for e in f.evidence} <= heads
    for e in f.evidence:  # evidence is the exact text at its offsets
        assert comp.article(e.article).text[e.start:e.end] == e.text
    # headlines stay boilerplate and never make omissions
    assert all(c.boilerplate for c in comp.claims if c.kind == "headline")
    assert not any(e.claim in heads for o in comp.findings if o.kind == "omission" for e in o.evidence)


def test_the_headlines_side_by_side_mark_the_headline_that_differs(encoder):
    from comparator.render.overview import overview

    comp = comparator.compare(_articles("Senate passes $1 trillion infrastructure bill",
                                        "Senate passes $1.2 trillion infrastructure bill"), encoder=encoder)
    rows = overview(comp).headlines
    assert [h.differs for h in rows] == [True, True]
    ranked = [r for r in overview(comp).ranked if r.kind == "divergent_fact"]
    assert ranked and "in a headline" in ranked[0].reason
    from comparator.render.markdown import render_markdown

    assert "(≠ another headline)" in render_markdown(comp)


def test_title_case_headline_numbers_keep_their_scale_word(encoder):
    from comparator.render.overview import overview

    comp = comparator.compare(_articles("Senate Passes $1 Trillion Infrastructure Bill",
                                        "Senate Passes $1.2 Trillion Infrastructure Bill"), encoder=encoder)
    assert [h.numbers for h in overview(comp).headlines] == [("$1 Trillion",), ("$1.2 Trillion",)]


@pytest.mark.parametrize("title_a, title_b", [
    ("Senate passes $1.2 trillion infrastructure bill", "Senate passes $1.2 trillion infrastructure bill"),
    ("Senate passes $1.2 trillion infrastructure bill", "Senators back $1.2 trillion plan for roads"),
    ("Senate passes $1 trillion infrastructure bill", "Senate passes infrastructure bill in 69-30 vote"),
])
def test_equal_or_absent_headline_figures_give_nothing(encoder, title_a, title_b):
    comp = comparator.compare(_articles(title_a, title_b), encoder=encoder)
    assert _headline_findings(comp) == []
    from comparator.render.overview import overview

    assert not any(h.differs for h in overview(comp).headlines)


def test_a_headline_and_an_unrelated_body_number_give_nothing(encoder):
    body_b = BODY_B + "\n\nThe state expects 2,000 new construction jobs in the first year."
    comp = comparator.compare(_articles("Senate approves bill backed by 1,800 mayors",
                                        "Senate approves infrastructure bill", body_b=body_b), encoder=encoder)
    assert _headline_findings(comp) == []


def test_a_headline_figure_against_the_other_outlets_body_on_the_same_thing(encoder):
    body_b = BODY_B + "\n\nThe infrastructure bill would cost $1.2 trillion over eight years."
    comp = comparator.compare(_articles("Senate passes $1 trillion infrastructure bill",
                                        "Senate passes infrastructure bill", body_b=body_b), encoder=encoder)
    found = _headline_findings(comp)
    assert [[e.text for e in f.evidence] for f in found] == [["$1 trillion", "$1.2 trillion"]]
    assert found[0].details["aligned"] is False and "headline" in found[0].message


def test_a_headline_that_rounds_its_own_body_is_not_compared_with_the_other_body(encoder):
    body_a = BODY_A + "\n\nThe infrastructure bill would cost $1.2 trillion over eight years."
    body_b = BODY_B + "\n\nThe infrastructure bill would cost $1.2 trillion over eight years."
    comp = comparator.compare(_articles("Senate passes $1 trillion infrastructure bill",
                                        "Senate passes infrastructure bill", body_a=body_a, body_b=body_b),
                              encoder=encoder)
    assert _headline_findings(comp) == []


# -- number rounding: a whole number rounds a finer one only closely -----------------------------------

@pytest.mark.parametrize("a, b, agree", [
    ("17", "17.3", True), ("4 million", "4.2 million", True), ("4", "4.4", True), ("3", "2.7", True),
    ("1 trillion", "1.2 trillion", False),
    ("1 million", "1.4 million", False), ("10 million", "10.4 million", True),
])
def test_a_whole_number_rounds_a_finer_one_only_within_fifteen_percent(a, b, agree):
    from comparator.facts.numbers import numbers_agree, parse_number

    assert numbers_agree(parse_number(a), parse_number(b)) is agree
    assert numbers_agree(parse_number(b), parse_number(a)) is agree


# -- kinds of false divergences from the ranked list --------------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


def _pair(nlp, a, b, published=None):
    from comparator.detect.divergence import find_divergences, pair_comparison

    comp, ctx = pair_comparison(a, b, outlets=("Alpha", "Beta"), published=published, nlp=nlp)
    return [f for f in find_divergences(comp, ctx) if f.kind == "divergent_fact"]


@pytest.mark.parametrize("a, b, published", [
    # a weekday in a reduced relative clause ("a plan the board approved on Tuesday") is past, not the
    # "will lease" of the main clause: both papers mean the same Tuesday
    ("The county board on Tuesday approved a plan to turn the old inn into a shelter.",
     "The owner will lease the inn to the county for $35,000 a month under a plan the county board "
     "approved on Tuesday.", ("2026-02-11", "2026-02-12")),
    ("The council on Monday adopted the budget for the new library.",
     "The city will hire six librarians under a budget the council adopted on Monday.",
     ("2026-03-04", "2026-03-04")),
])
def test_a_weekday_in_a_relative_clause_is_resolved_in_its_own_tense(nlp, a, b, published):
    assert [f.message for f in _pair(nlp, a, b, published)] == []


def test_the_resolution_reads_the_clause_tense():
    from comparator.facts.tense import clause_tense
    from comparator.nlp import load_nlp

    doc = load_nlp()("The owner will lease the inn under a plan the county board approved on Tuesday.")
    assert clause_tense(doc[-2:-1]) == "past"
    doc = load_nlp()("The county will vote on Tuesday.")
    assert clause_tense(doc[-2:-1]) == "future"


@pytest.mark.parametrize("a, b", [
    ("She arrived in Port Alder on a bus in November with her husband and two children.",
     "Since October, about 900 asylum seekers have arrived in Port Alder on buses."),
    ("The mill has been closed since 2019, its owners said.", "The mill closed in 2021 after a fire."),
])
def test_a_period_since_a_date_is_not_compared_with_a_day_in_it(nlp, a, b):
    assert [f.message for f in _pair(nlp, a, b, "2026-02-11") if f.details.get("type") == "date"] == []


def test_two_period_starts_are_still_compared(nlp):
    found = _pair(nlp, "Since October, about 900 people have arrived in Port Alder on buses.",
                  "Since September, about 900 people have arrived in Port Alder on buses.", "2026-02-11")
    assert [f.details["type"] for f in found] == ["date"]


@pytest.mark.parametrize("a, b", [
    ("Since October, about 900 asylum seekers have arrived in Port Alder.",
     "Port Alder is one of several mid-sized cities that have received buses of migrants since October."),
    ("About 40 families arrived in the town this winter.", "The town is one of the few places with a shelter."),
])
def test_one_of_a_group_is_not_a_count(nlp, a, b):
    assert [f.message for f in _pair(nlp, a, b)] == []


def test_one_of_is_no_fact_but_a_count_after_it_is(nlp):
    from comparator.facts import extract_facts

    text = "One of the 12 jurors was dismissed."
    assert [(f.kind, f.text) for f in extract_facts(nlp(text), 0, len(text))] == [("quantity", "12")]


def test_a_name_span_that_ran_on_is_the_same_name(nlp):
    from comparator.detect.roles import name_begins

    assert name_begins("Harborview Inn", "Harborview Inn to Port Alder County")
    assert not name_begins("Wendy Marlow", "Debbie Marlow")
    assert not name_begins("Marlow", "Marlow Street")  # one word: not enough to say
    found = _pair(nlp, "The conversion of the former Harborview Inn will cost $4.2 million in its first year.",
                  "Brightwater will lease its idle Harborview Inn to Port Alder County for $35,000 a month.")
    assert [f for f in found if f.details.get("type") == "name"] == []


# -- the invented five-outlet event, with the real model ----------------------------------------------

@pytest.mark.slow
def test_port_alder_ranked_divergences_are_the_real_ones(tmp_path):
    from pathlib import Path

    corpus = Path(__file__).resolve().parent.parent / "corpora" / "port-alder-shelter"
    comp = comparator.compare([corpus], cache_dir=str(tmp_path))
    found = [f for f in comp.findings if f.kind == "divergent_fact"]
    kinds = {f.details.get("type") for f in found}
    assert kinds == {"number", "attribution", "date"}
    beds = [sorted(e.text[:3] for e in f.evidence) for f in found
            if f.details["type"] == "number" and f.details["kind"] == "quantity"]
    assert len(beds) == 4 and all(b == ["320", "350"] for b in beds)  # a 350-bed shelter vs 320 beds
    assert all(sorted(f.details["normal"]) == ["USD 4200000", "USD 4800000"]
               for f in found if f.details["type"] == "number" and f.details["kind"] == "money")
    assert all(sorted(e.text for e in f.evidence) == ["March 1", "mid-March"]
               for f in found if f.details["type"] == "date")
    assert not _headline_findings(comp)  # "$4.2 million" in a headline is its own body's figure


def test_headline_scores_fall_back_to_the_lexical_score_without_an_encoder():
    from comparator.config import Settings
    from comparator.detect import Context
    from comparator.detect.headlines import headline_scores
    from comparator.types import Claim

    heads = [Claim(id=f"{k}:9", article=k, index=9, paragraph=9, text=t, start=0, end=len(t), kind="headline",
                   boilerplate=True) for k, t in (("a", "Senate passes bill"), ("b", "Senate passes the bill"))]
    scores = headline_scores(Context(settings=Settings(), docs={}), heads)
    assert scores["a:9", "b:9"] == scores["b:9", "a:9"] == 1.0


def test_a_day_before_the_period_starts_is_still_compared():
    from comparator.detect.roles import inside_period
    from comparator.types import Fact

    def date(normal):
        return Fact(kind="date", text=normal, start=0, end=1, normal=normal, value=normal)

    assert inside_period(date("--10"), date("--11"), "2026-02-11")  # since October, in November
    assert inside_period(date("--10"), date("--01"), "2026-02-11")  # since October, in January
    assert not inside_period(date("--05-10"), date("--05-01"), "2026-07-01")  # since May 10, on May 1
    assert inside_period(date("2019"), date("2021"), None)
    assert not inside_period(date("2021"), date("2019"), None)


def test_a_vulgar_fraction_is_read_with_its_whole_number(nlp):
    from comparator.facts import extract_facts
    from comparator.facts.numbers import parse_number

    assert parse_number("2 ½").value == parse_number("2½").value == 2.5
    assert parse_number("¾").value == 0.75
    text = "A 20-ounce bottle actually contains 2 ½ servings."
    assert [(f.text, f.normal) for f in extract_facts(nlp(text), 0, len(text)) if f.text.startswith("2 ")] == \
        [("2 ½", "2.5")]
    assert _pair(nlp, "A 20-ounce soda bottle actually contains 2 ½ 8-ounce servings.",
                 "A 20-ounce soda bottle actually contains 2.5 servings.") == []


def test_a_past_date_and_a_future_date_date_two_events(nlp):
    found = _pair(nlp, "Council member Dana Okafor cast the deciding vote on Wednesday to close the Eastside "
                       "library branch.", "The Eastside branch will close at the end of June.", "2026-03-12")
    assert [f.message for f in found if f.details.get("type") == "date"] == []
    found = _pair(nlp, "The county board voted on Tuesday to approve the shelter.",
                  "The county board voted on Monday to approve the shelter.", "2026-02-12")
    assert [f.details.get("type") for f in found] == ["date"]  # two past days of one vote: still compared


def test_a_date_on_a_to_infinitive_dates_the_later_event(nlp):
    found = _pair(nlp, "The Riverton city council voted 5-4 on Wednesday night to close the Eastside branch "
                       "library at the end of June.",
                  "A divided Riverton council on Wednesday shut the doors on the Eastside branch library.",
                  "2026-03-12")
    assert [f.message for f in found if f.details.get("type") == "date"] == []


def test_a_qualifier_does_not_make_another_difference():
    from comparator.render.ranking import same_difference
    from comparator.types import Finding

    def div(normal, qualifier):
        return Finding(id="", kind="divergent_fact", severity="warning", confidence=0.8, message="m", evidence=(),
                       details={"type": "number", "normal": normal, "qualifier": qualifier})

    assert same_difference(div(["USD 1200000", "roughly USD 1500000"], [None, "roughly"])) == \
        same_difference(div(["about USD 1200000", "roughly USD 1500000"], ["about", "roughly"]))
    assert same_difference(div(["USD 1200000", "USD 1500000"], [None, None])) != \
        same_difference(div(["USD 1100000", "USD 1500000"], [None, None]))
