"""Attribution kinds from the second review (invented siblings of the field cases, see
``../shared/field-cases/e-appositive-role-as-speaker``, ``e-non-reporting-verb-attribution``,
``e-quote-after-nbsp-is-authorial``): each test group pins one kind with the reviewer's
example and variants of our own (other names, verbs and sentence shapes).
"""

from __future__ import annotations

import pytest

from comparator.claims.canonical import SpeakerNames
from factories import claims_of, find


def who(text: str, part: str):
    c = find(claims_of(text), part)
    return c.voice, c.speaker


# -- e-appositive-role-as-speaker: "A nurse at the clinic, Tamsin Orue, 41, told reporters: …" ------
@pytest.mark.parametrize("text, speaker", [
    ('A nurse at the clinic, Tamsin Orue, 41, told reporters: "We were given two weeks\' notice."',
     "Tamsin Orue"),
    ('A driver for the company, Selma Ruiz, 29, said: "I was never paid."', "Selma Ruiz"),
    ('A mechanic from Dorrin, Ivo Brandt, 52, said: "The brakes were worn out."', "Ivo Brandt"),
    # our variants: other roles, prepositions, a trailing attribution, no age
    ('A cook at the shelter, Rosa Ibarra, 38, said: "We ran out of food by noon."', "Rosa Ibarra"),
    ('"The bus never came," a commuter from Hallam, Petra Novak, 23, told reporters.', "Petra Novak"),
    ('A spokesman for the utility, Denis Farrow, told reporters: "Power will be back tonight."',
     "Denis Farrow"),
    ('An engineer with the city, Mara Lindqvist, said: "The bridge is safe."', "Mara Lindqvist"),
    ('A member of the board of Acme Corp, Jo Hart, said: "We disagree."', "Jo Hart"),  # nested modifiers
    ('A spokeswoman for Mayor Ann Lee, Dora Kim, said: "The mayor is away."', "Dora Kim"),  # name after name
    # a direct appositive the NER tags an organisation
    ('The hospital\'s chief executive, Marcus Leland, a former banker, said: "The numbers do not work."',
     "Marcus Leland"),
])
def test_the_name_after_a_role_phrase_is_the_speaker(text, speaker):
    (claim,) = claims_of(text)
    assert claim.voice == "quoted" and claim.speaker == speaker


@pytest.mark.parametrize("text, speaker", [
    ('A worker at the plant, Ridgeview Steel, said: "We saw smoke."', "Ridgeview Steel worker"),
    ('Residents of the town, Millbrook, said: "We were never told."', "Millbrook residents"),
])
def test_an_organisation_naming_the_modifier_is_no_person(text, speaker):
    (claim,) = claims_of(text)
    assert claim.speaker == speaker  # the role tied to its organisation, as "DHS spokesperson"


def test_a_trailing_name_the_ner_calls_a_place_is_no_org_role():
    # "Tamsin Orue" without an age is tagged a place: never "Tamsin Orue nurse"
    (claim,) = claims_of('A nurse at the clinic, Tamsin Orue, told reporters: "We were given notice."')
    assert claim.speaker in (None, "Tamsin Orue")


def test_a_surname_speaker_is_the_full_name_another_outlet_gives():
    names = SpeakerNames((), ["Tamsin Orue", "Orue", "Hal Venn"])
    assert names("Orue") == "Tamsin Orue"
    assert names("Venn") == "Hal Venn"
    two = SpeakerNames((), ["Tom Hale", "Ann Hale", "Hale"])
    assert two("Hale") == "Hale"  # two Hales: left as it is
    assert SpeakerNames((), ["DHS spokesperson"])("spokesperson") == "spokesperson"
    assert SpeakerNames((), ["Mayor Elena Brandt", "Brandt"])("Brandt") == "Brandt"  # a title is no name


def test_surname_and_full_name_in_two_outlets_are_no_misattribution():
    import comparator
    from comparator.types import Article

    quote = "We were given two weeks' notice and no plan for our patients"
    a = Article(id="a", outlet="Wexham Gazette", text=f'"{quote}," Orue said.\n\nThe county will vote on Friday.')
    b = Article(id="b", outlet="Harbor Times",
                text=f'A nurse at the clinic, Tamsin Orue, 41, told reporters: "{quote}."\n\n'
                     "The county will vote on Friday.")
    report = comparator.compare([a, b])
    assert {c.speaker for c in report.claims if quote[:20] in c.text} == {"Tamsin Orue"}
    assert not [f for f in report.findings if f.details.get("type") == "attribution"]
    assert not [f for f in report.findings if f.kind == "sourcing" and "Orue" in f.message]


# -- e-non-reporting-verb-attribution: "brushed off the protesters as “a mob”" --------------------
@pytest.mark.parametrize("text, part, speaker", [
    ('The governor\'s spokesman, Ade Okon, brushed off the protesters as "a mob."', "brushed", "Ade Okon"),
    ('Governor Lydia Crane spoke on Monday.\nCrane shot back that her critics were "radical extremists."',
     "shot back", "Lydia Crane"),
    ('Environmental lawyer Priya Ganesan ridiculed the governor\'s claim as "pure fantasy."', "ridiculed",
     "Priya Ganesan"),
    # our variants: other verbs of characterising and retorting
    ('Ines Moll, a councillor, derided the budget as "a fairy tale."', "derided", "Ines Moll"),
    ('Mayor Ines Moll spoke first.\nMoll fired back that the audit was "a hatchet job."', "fired back",
     "Ines Moll"),
    ('Senator Lena Ostrow lampooned the proposal as "a tax on breathing."', "lampooned", "Lena Ostrow"),
    ('The mayor\'s aide, Piet Kroon, brushed off the criticism as "noise."', "brushed", "Piet Kroon"),
    ('Senator Lena Ostrow likened the plan to "a Ponzi scheme."', "likened", "Lena Ostrow"),
    ('Senator Lena Ostrow hit out at the plan as "a con on taxpayers."', "hit out", "Lena Ostrow"),
    ('Senator Lena Ostrow waved away the report as "fake news."', "waved", "Lena Ostrow"),
    ('Senator Lena Ostrow painted her rival as "a puppet of the banks."', "painted", "Lena Ostrow"),
])
def test_quoted_words_framed_by_a_non_reporting_verb_are_the_subjects(text, part, speaker):
    voice, found = who(text, part)
    assert voice == "mixed" and found in (speaker, speaker.split()[-1])  # a surname is the same person


@pytest.mark.parametrize("text, speaker", [
    ('"We cannot lower it," Piet Hagen shot back.', "Piet Hagen"),
    ('"That is simply false," Senator Lena Ostrow fired back on Tuesday.', "Lena Ostrow"),
])
def test_a_quotation_with_a_retort_tail_is_quoted(text, speaker):
    (claim,) = claims_of(text)
    assert (claim.voice, claim.speaker) == ("quoted", speaker)


@pytest.mark.parametrize("text, part", [
    ('The flood left the valley as "a lake" for a week.', "flood"),  # no person: a scare quote stays authorial
    ('Councillor Ines Moll walked back to the hall, which locals call "the barn."', "walked"),
    ('The storm left the harbour as "a graveyard of boats."', "storm"),
    ('Senator Lena Ostrow sent the letter to "the wrong address."', "letter"),  # "to" frames only comparisons
])
def test_no_speaker_without_a_person_framing_the_quote(text, part):
    c = find(claims_of(text), part)
    assert c.speaker is None


# -- e-quote-after-nbsp-is-authorial: a run-in label before the quotation --------------------------
@pytest.mark.parametrize("text, part, speaker", [
    ('The bottom line: "We start again when they pay us what we are worth," union chief Odo Falk said.',
     "We start", "Odo Falk"),
    ('Mayor Ilka Brandt spoke first.\nThe mayor\'s view:\u2009"Nobody asked the residents first," Brandt '
     'told the council.', "Nobody", "Ilka Brandt"),
    ('Mayor Ilka Brandt spoke first.\nThe mayor\'s view: "Nobody asked the residents first," Brandt told '
     'the council.', "Nobody", "Ilka Brandt"),
    # our variants: other labels, spaces and quote marks
    ('Mayor Ilka Brandt spoke first.\nDriving the news:\u200b“The deal is dead,” Brandt said.', "dead",
     "Ilka Brandt"),
    ('The landlord\'s reply: "We followed the law," said Piet Kroon, who owns the building.', "law", "Piet Kroon"),
    ('Her verdict:\u00a0"It is a sham," said Senator Lena Ostrow.', "sham", "Lena Ostrow"),
    ('The other side:\u3000"Every day costs us $40 million," port director Hanne Moe told reporters.',
     "Every day", "Hanne Moe"),
])
def test_a_run_in_label_before_a_quotation_leaves_it_quoted_and_attributed(text, part, speaker):
    c = find(claims_of(text), part)
    assert (c.voice, c.speaker, c.boilerplate) == ("quoted", speaker, False)


@pytest.mark.parametrize("text, label", [
    ('The bottom line: "We start again."', True),
    ('Driving the news:\u200b“The deal is dead.”', True),
    ('Maya Ross added: "We will win."', False),  # a clause, not a label
    ('The plan, which the council adopted after a long and bitter debate: "a disaster."', False),
])
def test_only_a_short_verbless_phrase_is_a_label(text, label):
    from comparator import nlp
    from comparator.claims.leadins import after_label
    from comparator.claims.quotes import find_quotes
    from comparator.types import Article

    doc = nlp.parse_articles([Article(id="t", outlet="T", text=text)])["t"]
    ranges = [(q.start, q.end) for q in find_quotes(text)]
    assert (after_label(text, doc, 0, len(text), ranges) > 0) is label


def test_a_colon_after_a_reporting_clause_still_attributes():
    c = find(claims_of('Maya Ross added in a long statement on the lawsuit: "We will win."'), "win")
    assert c.speaker == "Maya Ross"


def test_a_repeated_paragraph_keeps_its_label_apart_from_its_quotation():
    text = ("Union chief Odo Falk spoke first.\n\nThe bottom line: \"We start again Monday,\" Falk said.\n\n"
            "The bottom line:\u3000\"We start again Monday,\" Falk said.")
    claims = claims_of(text)
    assert [c.boilerplate_reason for c in claims if "We start" in c.text] == [None, "duplicate"]
    assert all(c.speaker == "Odo Falk" for c in claims if "We start" in c.text)


# -- the same quotation credited to a role in one outlet and a name in another: one source ----------
@pytest.mark.parametrize("a, b, name", [
    ("The state water board ordered the town of Corliss to stop pumping by Dec. 1, a decision the town's "
     "mayor called \"a death sentence for our farms.\"",
     "The state water board ordered Corliss to halt pumping by Dec. 1, a ruling Mayor Tom Reddy called "
     "\"a death sentence for our farms.\"", "Tom Reddy"),
    # our variants: an anonymous spokesperson, a trailing attribution, the other order of outlets
    ("\u201cWe will not reopen the plant before spring,\u201d Selma Ruiz, the plant manager, told reporters.",
     "\u201cWe will not reopen the plant before spring,\u201d a company spokeswoman said.", "Selma Ruiz"),
    ("The police chief said the search \u201cwill go on through the night and into tomorrow.\u201d",
     "Chief Hal Brenner said the search \u201cwill go on through the night and into tomorrow.\u201d",
     "Hal Brenner"),
])
def test_one_quotation_credited_to_a_role_and_a_name_is_one_source(a, b, name):
    from comparator.detect.sourcing import find_sourcing
    from comparator.framing import add_labels
    from tests.test_labels import build

    comp, ctx = build({"a": a, "b": b})
    comp = add_labels(comp, ctx)
    assert find_sourcing(comp, ctx) == []
    rows = comp.extras["sourcing"]
    assert len({r["source"] for r in rows}) == 1 and {r["speaker"] for r in rows} == {name}


def test_different_quotations_or_two_names_stay_two_sources():
    from comparator.detect.sourcing import find_sourcing
    from comparator.framing import add_labels
    from tests.test_labels import build

    comp, ctx = build({"a": "\u201cWe will not reopen the plant before spring,\u201d Selma Ruiz told reporters.",
                       "b": "\u201cThe plant stays shut until the inspection is over,\u201d a company "
                            "spokeswoman said."})
    assert len(find_sourcing(add_labels(comp, ctx), ctx)) == 2
    comp, ctx = build({"a": "\u201cWe will not reopen the plant before spring,\u201d Selma Ruiz told reporters.",
                       "b": "\u201cWe will not reopen the plant before spring,\u201d Omar Haddad told reporters."})
    assert len(find_sourcing(add_labels(comp, ctx), ctx)) == 2  # a misattribution, not one person
