"""An outlet that states a fact's value slot is never charged with omitting the fact
(comparator/detect/omission_slots.py); scoop credits and comment requests are not facts to omit
(comparator/detect/newsroom_notes.py). Invented text throughout; the end-to-end runs use the real models."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from comparator.detect.divergence import pair_comparison
from comparator.detect.newsroom_notes import is_newsroom_note
from comparator.detect.omission_slots import distinctive, same_value, slot_claim
from comparator.types import Claim, Fact

ROOT = Path(__file__).resolve().parent.parent
SIBLING = Path(__file__).parent / "data" / "slot_omissions"


@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


def fact(kind, text, normal, value=None, unit=None):
    return Fact(kind=kind, text=text, start=0, end=len(text), normal=normal, value=value if value is not None else normal,
                unit=unit)


def test_distinctive_values_and_the_very_same_value():
    march1 = fact("date", "March 1", "--03-01", unit="day")
    assert distinctive(march1)
    assert not distinctive(fact("date", "Tuesday", "2026-02-10", unit="day"))  # no digits: said of many days
    assert not distinctive(fact("date", "2024", "2024", unit="year"))
    assert not distinctive(fact("quantity", "two", "2", 2.0))
    assert not distinctive(fact("quantity", "4", "4", 4.0))
    assert distinctive(fact("money", "$4.2 million", "USD 4200000", 4200000.0, "USD"))
    assert same_value(march1, fact("date", "March 1, 2026", "2026-03-01", unit="day"))
    assert not same_value(march1, fact("date", "March 11", "--03-11", unit="day"))
    assert not same_value(march1, fact("date", "2024", "2024", unit="year"))  # compatible is not the same
    about140 = fact("quantity", "about 140", "~140", 140.0)
    assert not same_value(fact("quantity", "more than 150", ">150", 150.0), about140)
    assert same_value(fact("quantity", "140", "140", 140.0), fact("quantity", "140", "140", 140.0))
    rooms = dataclasses.replace(fact("quantity", "160", "160", 160.0), anchor="room")
    glued = dataclasses.replace(fact("quantity", "160", "room 160", 160.0, "room"), anchor="hotel")
    assert same_value(rooms, glued)  # "160 rooms" / "a 160-room hotel"
    assert not same_value(dataclasses.replace(rooms, anchor="floor"), glued)


def _unaligned(nlp, a, b, published="2026-02-11"):
    comp, ctx = pair_comparison(a, b, outlets=("Alpha", "Beta"), published=published, nlp=nlp)
    return dataclasses.replace(comp, alignments=()), ctx


@pytest.mark.parametrize("a, b", [
    # the same day in a sentence the alignment did not join
    ("The first residents are expected to move in on March 1.",
     "The former inn is to open as a 320-bed shelter on March 1."),
    # the same amount
    ("The county will pay $4.2 million for the first year.", "The conversion will cost $4.2 million, paid by the state."),
    # another value for the same slot: the same verb
    ("The new library opens on April 3.", "The new library opens in late April after a long delay."),
    # another count of the same noun
    ("The hall has 240 seats.", "Workers are installing 270 seats in the renovated hall."),
])
def test_an_outlet_that_states_the_value_slot_is_not_charged(nlp, a, b):
    comp, ctx = _unaligned(nlp, a, b)
    assert slot_claim(comp, ctx, [comp.claim("a:0")], "b") == "b:0"


@pytest.mark.parametrize("a, b", [
    # a shared subject alone is not the same slot
    ("Ortega will meet the winner of the party's runoff on June 22.",
     "In a radio debate in May, Ortega said he had never served in the navy."),
    # a compatible value is not the same value: "about 140" does not say "more than 150"
    ("More than 150 people came to the meeting, which lasted five hours.",
     "The county has been housing about 140 of them in a gym."),
    # no distinctive value in the fact: nothing to look for
    ("The mayor said the plan was a mistake.", "The mayor said on March 1 that the plan would go ahead."),
    # other verbs, other anchors
    ("The council will vote on the budget on May 14.", "The library closed on May 2 for repairs."),
])
def test_values_of_other_slots_do_not_excuse_an_omission(nlp, a, b):
    comp, ctx = _unaligned(nlp, a, b)
    assert slot_claim(comp, ctx, [comp.claim("a:0")], "b") is None


def _claim(text):
    return Claim(id="x:0", article="x", index=0, paragraph=0, start=0, end=len(text), text=text)


@pytest.mark.parametrize("text, note", [
    ("The deal was first reported by the Harbor Herald.", True),
    ("Politico first reported the plan on Tuesday.", True),
    ("The Harbor Herald was the first to report the deal.", True),
    ("The Ledger broke the news on Monday.", True),
    ("The Valley Tribune first reported the plan on Monday.", True),
    ("Brightwater Hospitality did not answer calls seeking comment on Wednesday.", True),
    ("A spokesman did not immediately respond to a request for comment.", True),
    ("The company declined to comment.", True),
    ("Mayor Ortiz could not be reached for comment.", True),
    # facts, not notes about the reporting
    ("As first reported by the Harbor Herald, the county will close the gym in May.", False),
    ("Police first reported the fire at 3 a.m.", False),
    ("The governor did not answer questions from reporters about the budget gap.", False),
    ("The company declined to say how many workers it would cut.", False),
    ("The county did not respond to the union's demand for higher wages.", False),
])
def test_scoop_credits_and_comment_requests(nlp, text, note):
    assert is_newsroom_note(_claim(text), nlp(text)[:]) is note
    if note:  # the words alone say so too (no parse)
        assert is_newsroom_note(_claim(text)) is True


def test_a_quoted_sentence_is_never_a_newsroom_note(nlp):
    text = '"The company declined to comment," she said.'
    claim = dataclasses.replace(_claim(text), voice="quoted")
    assert not is_newsroom_note(claim, nlp(text)[:])


# -- end to end (real models) --------------------------------------------------------------------------

def _run(folder):
    import comparator

    comp = comparator.compare(sorted(folder.glob("*.md")))
    dates = sorted(tuple(sorted(e.text for e in f.evidence)) for f in comp.findings
                   if f.kind == "divergent_fact" and f.details.get("type") == "date")
    counts = sorted(tuple(sorted(e.text for e in f.evidence)) for f in comp.findings
                    if f.kind == "divergent_fact" and f.details.get("type") == "number")
    omitted = [f.evidence[0].text for f in comp.findings if f.kind == "omission"]
    return comp, dates, counts, omitted


@pytest.mark.slow
def test_invented_library_event_end_to_end():
    """Four outlets: "reopen in late April" against "April 3", a 240-seat against a 270-seat auditorium; the
    first readers "on April 3" is not an omission of the outlets that give a date; the scoop credit and the
    comment request are not facts."""
    comp, dates, counts, omitted = _run(SIBLING)
    assert ("April 3", "late April") in dates
    assert all(pair == ("April 3", "late April") for pair in dates)
    assert counts and all(set(pair) == {"240", "270"} for pair in counts)
    assert not any("April 3" in t or "first reported" in t or "comment" in t for t in omitted)


@pytest.mark.slow
def test_port_alder_shelter_end_to_end():
    """corpora/port-alder-shelter: mid-March against March 1 (four pairs), the 350-bed shelter against 320 beds,
    and no omission of "The first residents are expected to move in on March 1."."""
    comp, dates, counts, omitted = _run(ROOT / "corpora" / "port-alder-shelter")
    assert dates == [("March 1", "mid-March")] * 4
    beds = [pair for pair in counts if any("35" in t for t in pair)]
    assert len(beds) == 4 and all(any(t.startswith("320") for t in pair) for pair in beds)
    assert not any("move in on March 1" in t for t in omitted)


def test_a_count_glued_to_its_noun_is_the_same_ranked_difference():
    """"320 beds" / "350-bed shelter" and "320-bed shelter" / "350-bed shelter" are one item of the ranked list."""
    from comparator.render.ranking import same_difference
    from comparator.types import Finding

    def div(normal, kind="quantity"):
        return Finding(id="", kind="divergent_fact", severity="warning", confidence=0.6, message="m", evidence=(),
                       details={"type": "number", "kind": kind, "normal": normal, "qualifier": [None, None]})

    assert same_difference(div(["320", "bed 350"])) == same_difference(div(["bed 320", "bed 350"]))
    assert same_difference(div(["320", "bed 350"])) != same_difference(div(["320", "bed 360"]))
    assert same_difference(div(["USD 4800000", "USD 4200000"], "money")) != \
        same_difference(div(["4800000", "4200000"], "money"))  # currencies stay
