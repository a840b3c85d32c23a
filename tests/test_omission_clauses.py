"""Omissions at clause level (invented text; the review's cases and variants of each kind).

Kind 1: a fact that another outlet says inside a longer sentence (a clause, a participle, a
paraphrase of a quotation) is not charged as left out. Kind 2: "reports it without X" only
when the other sentence carries the same fact minus X; a sentence stating another value in the
fact's slot is a different fact, and the outlet is charged ("does not"). Real spaCy and encoder.
"""

from __future__ import annotations

import textwrap

import pytest

from comparator.types import Claim, Fact

pytestmark = pytest.mark.filterwarnings("ignore")


def _article(outlet: str, body: str) -> str:
    return textwrap.dedent(f"""\
        ---
        outlet: {outlet}
        published: 2024-05-02
        ---

        """) + textwrap.dedent(body).strip() + "\n"


@pytest.fixture(scope="module")
def compare_pair(tmp_path_factory):
    import comparator

    cache = tmp_path_factory.mktemp("cache")

    def run(a: str, b: str):
        folder = tmp_path_factory.mktemp("event")
        (folder / "a.md").write_text(_article("Harbor Times", a), encoding="utf-8")
        (folder / "b.md").write_text(_article("Wexham Gazette", b), encoding="utf-8")
        return comparator.compare([folder], cache_dir=str(cache))
    return run


def _omission(comp, words: str):
    """The omission finding whose evidence holds ``words``, or None."""
    for f in comp.findings:
        if f.kind == "omission" and any(words in e.text for e in f.evidence):
            return f
    return None


LONG_SENTENCE = (
    'After a meeting that stretched past midnight and included more than four hours of public commen'
    't from residents of the Eastgate, Mill Road and Quay Street neighborhoods, many of whom said th'
    'ey had waited decades for the city to do something with the abandoned property, which has been '
    'fenced off since the freight line closed and which several speakers described as a magnet for i'
    'llegal dumping, vandalism and fires, and after council members debated competing proposals for '
    'a park, a housing cooperative and a solar farm, and after the city attorney warned that the sta'
    'te grant that paid for the environmental cleanup required a decision before the end of the year'
    ' or the money would have to be returned, and after a motion to delay the vote until January fai'
    'led on a tie, the Pellam city council voted 6-3 to sell the old rail yard to Brightline Homes f'
    'or $9 million.'
)

CLAUSE_CASES = [
    pytest.param(  # the review's long sentence
        LONG_SENTENCE,
        "The Pellam city council voted 6-3 to sell the old rail yard to Brightline Homes for $7 million.\n\n"
        "The vote came after more than four hours of public comment.",
        "more than four hours of public comment.", id="long-sentence"),
    pytest.param(  # a variant: the testimony folded into a long lead sentence
        "After a hearing that ran late into the night and included nearly three hours of testimony from "
        "fishermen, dock workers and owners of the small shops along the waterfront, several of whom said the "
        "expansion would price them out of the harbor their families had worked for generations, and after "
        "board members argued over traffic studies, parking and the height of the proposed hotel, and after a "
        "motion to postpone the vote failed, the Tarrow zoning board approved the marina expansion 5-2.",
        "The Tarrow zoning board approved the marina expansion 5-2.\n\n"
        "The vote came after nearly three hours of testimony.",
        "nearly three hours of testimony", id="long-sentence-variant"),
    pytest.param(  # the review's participle clause
        "Health Commissioner Rosa Almquist urged parents to get their children vaccinated before school "
        "starts, speaking at the clinic on Thursday.",
        "Health Commissioner Rosa Almquist spoke at the clinic on Thursday. She urged parents to vaccinate "
        "their children before school starts.",
        "spoke at the clinic on Thursday", id="participle"),
    pytest.param(  # a variant (kept as a guard: sentence alignment already handles it)
        "Police Chief Owen Hart promised more patrols near the bus depot, visiting the shelter on Wednesday.",
        "Police Chief Owen Hart visited the shelter on Wednesday. He promised more patrols near the bus depot.",
        "visited the shelter on Wednesday", id="participle-variant"),
    pytest.param(  # the review's quotation told as a clause
        "Mayor Odile Farrant vetoed the transit budget on Tuesday, saying it raised fares.",
        "Mayor Odile Farrant vetoed the transit budget on Tuesday.\n\n"
        "\"This budget spends money we do not have. It raises fares on the people who can least afford it,\" "
        "Farrant told the council.",
        "It raises fares on the people", id="quote-as-clause"),
    pytest.param(  # a variant: another verb, the quotation with more detail than the clause
        "Governor Ilse Marrow signed the water bill on Monday after a two-year fight with farm groups, "
        "saying it protected wetlands.",
        "Governor Ilse Marrow signed the water bill on Monday after a two-year fight with farm groups.\n\n"
        "\"We owe this to our grandchildren. It protects the wetlands that shield our coast from storms,\" "
        "Marrow said.",
        "It protects the wetlands", id="quote-as-clause-variant"),
]


@pytest.mark.parametrize("a,b,fact", CLAUSE_CASES)
def test_a_fact_said_inside_a_longer_sentence_is_not_charged(compare_pair, a, b, fact):
    comp = compare_pair(a, b)
    f = _omission(comp, fact)
    assert f is None or "a" not in f.details["missing_from"], f.message


def test_a_fact_the_other_outlet_does_not_say_is_still_charged(compare_pair):
    comp = compare_pair(
        "Mayor Odile Farrant vetoed the transit budget on Tuesday, saying it raised fares.",
        "Mayor Odile Farrant vetoed the transit budget on Tuesday, saying it raised fares.\n\n"
        "Council President Reuben Ostrowski said the council would override the veto next week.")
    f = _omission(comp, "override the veto")
    assert f is not None and f.details["missing_from"] == ["a"]


DIFFERENT_FACT_CASES = [
    pytest.param(  # the review's two votes
        "The school tax measure was approved by the county board on Monday by a vote of 4 to 1.",
        "The school tax measure was approved by the county board on Monday by a vote of 4 to 1.\n\n"
        "The school tax measure was approved by the city council on Monday by a vote of 7 to 2.",
        "vote of 7 to 2", id="another-tally"),
    pytest.param(  # port-alder's rent if extended
        "The county will lease the hotel from its owner for $35,000 a month.",
        "The county will lease the hotel from its owner for $35,000 a month.\n\n"
        "If the lease is extended, the rent would rise to $37,000 a month.",
        "$37,000", id="another-amount"),
    pytest.param(  # variants: a rent, a ticket price, another body's margin
        "The district will rent the old armory to the youth league for $1,200 a month.",
        "The district will rent the old armory to the youth league for $1,200 a month.\n\n"
        "If the league adds evening games, its monthly rent would go up to $1,800.",
        "$1,800", id="another-rent-variant"),
    pytest.param(
        "The museum charges adult visitors a ticket price of $18.",
        "The museum charges adult visitors a ticket price of $18.\n\n"
        "When the new wing opens, the adult ticket price will rise to $24.",
        "$24", id="another-price-variant"),
    pytest.param(
        "The library levy was approved by the township trustees on Tuesday by a margin of 3 to 0.",
        "The library levy was approved by the township trustees on Tuesday by a margin of 3 to 0.\n\n"
        "The library levy was approved by the county commission on Tuesday by a margin of 5 to 4.",
        "margin of 5 to 4", id="another-margin-variant"),
]


@pytest.mark.parametrize("a,b,fact", DIFFERENT_FACT_CASES)
def test_another_value_in_the_slot_is_a_different_fact_not_a_weaker_report(compare_pair, a, b, fact):
    comp = compare_pair(a, b)
    f = _omission(comp, fact)
    assert f is not None, "the different fact must be charged"
    assert f.details["missing_from"] == ["a"], f.message
    assert "reports it without" not in f.message


def _claim(cid: str, facts: tuple[Fact, ...]) -> Claim:
    return Claim(id=cid, article=cid.split(":")[0], index=0, paragraph=0, text="x", start=0, end=1,
                 voice="authorial", facts=facts)


def _fact(kind: str, value: float, unit: str | None = None, anchor: str | None = None) -> Fact:
    return Fact(kind=kind, text=str(value), start=0, end=1, normal=str(value), value=value, unit=unit, anchor=anchor)


class _Comp:
    def __init__(self, claims):
        self._claims = {c.id: c for c in claims}

    def claim(self, cid):
        return self._claims[cid]


@pytest.mark.parametrize("group_facts,their_facts,other", [
    ((_fact("money", 37000.0, "USD"),), (_fact("money", 35000.0, "USD"),), True),
    ((_fact("quantity", 7.0), _fact("quantity", 2.0, anchor="vote")),
     (_fact("quantity", 4.0), _fact("quantity", 1.0, anchor="vote")), True),
    # 150 people vs a 4-1 tally: different slots, the same fact minus its count
    ((_fact("quantity", 150.0, anchor="people"), _fact("duration", 5.0, "hour")),
     (_fact("quantity", 4.0, anchor="approve"), _fact("quantity", 1.0), _fact("duration", 5.0, "hour")), False),
    ((_fact("money", 35000.0, "USD"),), (_fact("money", 35000.0, "USD"),), False),
    ((_fact("percent", 4.0),), (), False),
])
def test_other_fact_compares_values_of_one_slot(group_facts, their_facts, other):
    from comparator.detect.omission_clauses import other_fact

    comp = _Comp([_claim("a:0", group_facts), _claim("b:0", their_facts)])
    assert other_fact(comp, [comp.claim("a:0")], "b:0") is other


@pytest.mark.parametrize("words,negated", [
    ("he had not served in Vietnam".split(), True), ("She didn't vote".split(), True),
    ("They never paid".split(), True), ("He served in Vietnam".split(), False),
])
def test_negation_is_read_from_words(words, negated):
    from comparator.detect.omission_clauses import _negated

    assert _negated(words) is negated


SUBJECT_CASES = [
    pytest.param(  # port-alder's inspection: mentioned without its date
        "The hotel will open as a shelter next month.\n\nThe building must pass an inspection before families "
        "move in.",
        "The hotel will open as a shelter next month.\n\nCounty Manager Tom Reyes said the inspection was "
        "scheduled for the third week of February.",
        "third week of February", id="inspection-date"),
    pytest.param(  # a variant: a search resumed on a date
        "Divers found no trace of the missing kayaker on Sunday.\n\nVolunteers plan to continue the search once "
        "the ice on the lake melts.",
        "Divers found no trace of the missing kayaker on Sunday.\n\nSheriff Ada Quill said the search would "
        "resume on March 3.",
        "March 3", id="search-date"),
    pytest.param(  # a variant: a renovation priced
        "The courthouse will close for a year starting in June.\n\nThe renovation of the old courthouse will "
        "add an elevator and new wiring.",
        "The courthouse will close for a year starting in June.\n\nThe county said the renovation would cost "
        "$4.5 million.",
        "$4.5 million", id="renovation-cost"),
]


@pytest.mark.parametrize("a,b,fact", SUBJECT_CASES)
def test_an_outlet_that_mentions_the_thing_without_its_value_reports_it_without(compare_pair, a, b, fact):
    comp = compare_pair(a, b)
    f = _omission(comp, fact)
    assert f is not None
    assert "a" not in f.details["missing_from"], f.message
    assert "a" in f.details.get("partial", {}), f.message
    assert "reports it without" in f.message


UNRELATED_SUBJECT_CASES = [
    pytest.param(  # review3-caption1: only "beaches" links the two sentences
        "Health officials closed all six public beaches on Lake Orrin on Monday because of a toxic algae bloom."
        "\n\nTests will be repeated every 48 hours, the county health department said.",
        "All six public beaches on Lake Orrin were closed Monday due to toxic algae.\n\nThe county will retest "
        "the water every 48 hours.\n\nThe beaches drew 200,000 visitors last summer.",
        "200,000 visitors", id="beaches-visitors"),
    pytest.param(
        "The city reopened the museum on Friday after a two-year renovation.\n\nThe mayor cut a ribbon at the "
        "main entrance.",
        "The city reopened its museum on Friday after a two-year renovation.\n\nThe mayor cut a ribbon at the "
        "main entrance.\n\nThe museum sold 40,000 tickets in 2019.",
        "40,000 tickets", id="museum-tickets"),
    pytest.param(
        "Crews shut the bridge on Monday for emergency repairs.\n\nDetours will add 20 minutes to commutes, "
        "officials said.",
        "Crews shut the Elm River span on Monday for emergency repairs.\n\nDetours will add 20 minutes to "
        "commutes, officials said.\n\nThe bridge carried 30,000 cars a day last year.",
        "30,000 cars", id="bridge-cars"),
]


@pytest.mark.parametrize("a,b,fact", UNRELATED_SUBJECT_CASES)
def test_a_shared_subject_noun_alone_is_not_reports_it_without(compare_pair, a, b, fact):
    comp = compare_pair(a, b)
    f = _omission(comp, fact)
    assert f is not None
    assert "a" in f.details["missing_from"], f.message
    assert "reports it without" not in f.message


OTHER_EVENT_CASES = [
    pytest.param(  # review3-without2: "cover $600 million" vs "object to the cost"
        "The council voted Tuesday to approve a stadium for the Harriers.\n\nTaxpayers object to the cost.\n\n"
        "Fans have waited years for a new stadium.",
        "The city council approved a new stadium for the Harriers on Tuesday.\n\nTaxpayers will cover $600 "
        "million of the cost.\n\nThe stadium will seat 42,000 fans.",
        "$600 million", id="stadium-cost"),
    pytest.param(
        "The state approved drought aid for farmers on Thursday.\n\nFarmers criticized the aid.\n\n"
        "The aid program starts in June.",
        "The state approved drought aid for farmers on Thursday.\n\nFarmers will receive $40 million of "
        "the aid.\n\nThe aid program starts in June.",
        "$40 million", id="drought-aid"),
    pytest.param(
        "The city council voted Monday to build a new library downtown.\n\nResidents object to the price.\n\n"
        "Construction starts in the fall.",
        "The city council voted Monday to build a new library downtown.\n\nResidents will cover $25 million "
        "of the price.\n\nConstruction starts in the fall.",
        "$25 million", id="library-price"),
    pytest.param(
        "The county board approved a new jail on Wednesday.\n\nTaxpayers objected to the expense.\n\n"
        "The jail will open in 2027.",
        "The county board approved a new jail on Wednesday.\n\nTaxpayers will shoulder $90 million of the "
        "expense.\n\nThe jail will open in 2027.",
        "$90 million", id="jail-expense"),
]


@pytest.mark.parametrize("a,b,fact", OTHER_EVENT_CASES)
def test_an_aligned_sentence_telling_another_event_is_not_the_fact_without_its_value(compare_pair, a, b, fact):
    # precision first: "Taxpayers object to the cost." is not "the matching sentence" of the $600 million
    # (no detail_only) nor the fact "without" it; the weak alignment itself is align.py's business
    comp = compare_pair(a, b)
    assert not [f for f in comp.findings if f.kind == "detail_only" and fact in f.message]
    f = _omission(comp, fact)
    assert f is None or "reports it without" not in f.message
