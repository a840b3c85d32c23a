"""Divergent facts about the same thing, said in other words (issue 12, "Divergent facts only about the same
thing"): the kinds the sameness gate used to refuse.

Numbers counting related nouns ("workers" / "dockworkers"), dates on synonymous verbs ("expanded in June" /
"grew in December"), a year of two nouns on the same verb, people described by the same role or filling the
patient slot of one verb in the passive and the active, numbers inside one name, a number before a
coordinated name (the counted noun comes after the names), and month-day dates NER split or ran on. All
text is invented; pairs are hand-aligned (as in tests/test_divergence_kinds.py) so the comparison logic is
tested whatever the alignment does, and one end-to-end run uses the real models.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from comparator.detect.divergence import find_divergences, pair_comparison
from comparator.facts import extract_facts

CASES = Path(__file__).parent / "data" / "field_divergence"


@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


def found(nlp, a, b, published=None, score=None):
    comp, ctx = pair_comparison(a, b, outlets=("Alpha", "Beta"), published=published, nlp=nlp)
    if score is not None:  # a weaker alignment than the hand-made one
        comp = dataclasses.replace(comp, alignments=tuple(dataclasses.replace(al, score=score)
                                                          for al in comp.alignments))
    return [[e.text for e in f.evidence] for f in find_divergences(comp, ctx) if f.kind == "divergent_fact"]


# -- numbers counting related nouns ---------------------------------------------------------------------

@pytest.mark.parametrize("a, b, pair", [
    ("About 1,200 workers joined the strike on Monday.", "About 1,500 dockworkers walked off the job on Monday.",
     ["About 1,200", "About 1,500"]),
    ("Union officials said 1,200 workers joined the strike.",
     "Union officials said 1,500 dockworkers walked off the job.", ["1,200", "1,500"]),
    # each number on its own noun, other verbs, one shared word: refused before the nouns were related
    ("Police said 40 fighters reached the ridge overnight.", "Police said 65 firefighters were sent up the slope.",
     ["40", "65"]),
])
def test_numbers_counting_a_noun_and_its_compound(nlp, a, b, pair):
    assert pair in found(nlp, a, b)


def test_related_nouns_by_spelling_only():
    from comparator.detect.sameness import related_nouns
    from comparator.detect.roles import Side
    from comparator.types import Claim, Fact

    def side(anchor):
        fact = Fact(kind="quantity", text="40", start=0, end=2, normal="40", value=40, anchor=anchor)
        return Side(Claim(id="a:0", article="a", index=0, paragraph=0, text="40", start=0, end=2, facts=(fact,)),
                    "A", "40", None), fact

    (a, x), (b, y) = side("workers"), side("dockworkers")
    assert related_nouns(a, x, b, y)
    (a, x), (b, y) = side("attacks"), side("law")
    assert not related_nouns(a, x, b, y)
    (a, x), (b, y) = side("men"), side("women")  # three letters: too short to be a compound's head
    assert not related_nouns(a, x, b, y)
    (a, x), (b, y) = side("layers"), side("players")  # one letter before it: not a compound
    assert not related_nouns(a, x, b, y)


def test_a_date_on_a_noun_compounded_with_the_other(nlp):
    pairs = found(nlp, "March crude oil futures rose 40 cents to $61.20 a barrel.",
                  "September crude oil gained 40 cents to $61.20 a barrel.")
    assert ["March", "September"] in pairs


def test_unrelated_nouns_stay_apart(nlp):
    # each date belongs to its own noun, the verbs differ: still never compared
    assert found(nlp, "The treaty replaced a 1998 agreement on fishing rights.",
                 "The treaty follows the 2003 dispute over fishing rights.") == []


def test_a_year_of_two_nouns_on_the_same_verb(nlp):
    pairs = found(nlp, "The court's 1987 ruling upheld the rights of tenants in rent disputes.",
                  "In a 1989 case, the appeals court upheld the rights of tenants in rent disputes.")
    assert ["1987", "1989"] in pairs


# -- dates on synonymous verbs ------------------------------------------------------------------------

SYNONYM_VERBS = ("Factory output expanded in June, the institute said.",
                 "Manufacturing grew in December, according to a survey released Thursday.")


def test_the_only_month_of_two_close_statements_on_synonymous_verbs(nlp):
    pairs = found(nlp, *SYNONYM_VERBS)
    assert ["June", "December"] in pairs
    assert not any("Thursday" in p for p in pairs)  # a weekday is not the month's counterpart


def test_synonymous_verbs_need_a_strong_alignment(nlp):
    assert ["June", "December"] not in found(nlp, *SYNONYM_VERBS, score=0.33)


def test_two_dates_of_one_unit_on_other_verbs_stay_apart(nlp):
    # two months on one side: which one the other month answers is unknown, so nothing is compared
    pairs = found(nlp, "Sales rose in March and fell in May, the company said.",
                  "The company's sales expanded in August.")
    assert pairs == []


# -- people named differently in different slots --------------------------------------------------------

def test_people_described_by_the_same_role(nlp):
    pairs = found(nlp, "Ms Quillan, the chief financial officer, will not be at the hearing.",
                  "Ms Ortega, 54, its chief financial officer, skipped the hearing.")
    assert ["Ms Quillan", "Ms Ortega"] in pairs


def test_two_full_names_with_other_given_names_are_two_people_whatever_their_role(nlp):
    assert found(nlp, "Maria Lopez, the spokeswoman, declined to comment.",
                 "Janet Kimball, a spokeswoman, declined to comment.") == []


def test_the_passive_subject_is_the_active_object(nlp):
    pairs = found(nlp, "Tomas Reyes, 41, was found in his car near the harbor on Sunday.",
                  "Police found Delgado in his car near the harbor on Sunday.")
    assert ["Tomas Reyes", "Delgado"] in pairs


def test_a_given_name_after_an_initial(nlp):
    pairs = found(nlp, '"We will name an interim chairman soon," said board secretary J. Ellis Norwood in a statement.',
                  '"We will name an interim chairman soon," said Ellis Hartley, the board secretary.')
    assert ["J. Ellis Norwood", "Ellis Hartley"] in pairs


# -- numbers and names -----------------------------------------------------------------------------------

def test_a_number_before_coordinated_names_counts_the_noun_after_them(nlp):
    text = "More than 2,100 Kroger and Fry's Food stores will stock the vaccine."
    doc = nlp(text)
    facts = [f for f in extract_facts(doc, 0, len(text)) if f.kind == "quantity"]
    assert [f.anchor for f in facts] == ["store"]
    assert ["More than 2,100", "1,200"] in found(nlp, text, "The vaccine will be stocked at 1,200 stores.")


def test_a_number_inside_one_name(nlp):
    pairs = found(nlp, "The Meridian 400 Index fell 8 points to 1,412 on Tuesday.",
                  "The Meridian 500 Index shed 8 points to 1,412 on Tuesday.")
    assert ["400", "500"] in pairs


# -- month-day dates NER split or ran on -------------------------------------------------------------------

@pytest.mark.parametrize("text, date, other", [
    ("The ferry resumed service on June 9, five days after the storm.", "June 9", "five days"),
    ("The bridge stays shut until Jan. 11 - two months after the crack was found.", "Jan. 11", "two months"),
    ("The council postponed the Sept. 29 budget hearing.", "Sept. 29", None),  # "29" tagged CARDINAL
    ("Lawyers asked to delay the Oct. 14 sentencing date.", "Oct. 14", None),  # "14" tagged DATE
])
def test_month_day_dates_are_read_whole_and_alone(nlp, text, date, other):
    doc = nlp(text)
    facts = extract_facts(doc, 0, len(text), "2003-06-20")
    assert date in [f.text for f in facts if f.kind == "date"]
    if other:
        assert other in [f.text for f in facts]


def test_a_year_after_the_comma_stays_in_the_date(nlp):
    text = "The plant opened on June 9, 2003, in the valley."
    facts = extract_facts(nlp(text), 0, len(text))
    assert [f.normal for f in facts if f.kind == "date"] == ["2003-06-09"]


# -- end to end (real models) ----------------------------------------------------------------------------

@pytest.mark.slow
def test_strike_counts_across_outlets_end_to_end():
    import comparator

    comp = comparator.compare(sorted((CASES / "e-strike-workers-dockworkers").glob("*.md")))
    numbers = [sorted(e.text for e in f.evidence) for f in comp.findings
               if f.kind == "divergent_fact" and f.details.get("type") == "number"]
    assert numbers and all(n == ["About 1,200", "About 1,500"] for n in numbers)
    assert all(f.severity == "warning" for f in comp.findings if f.kind == "divergent_fact")
