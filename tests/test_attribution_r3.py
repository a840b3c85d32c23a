"""Attribution kinds from the third review (invented siblings, inputs like /tmp/review3-*): a bare
role is never a different speaker from a name; run-in labels that name their speaker; verb-particle
+ "as" frames; sourcing that does not say "does not" when the other outlet carries the quotation.
"""

from __future__ import annotations

import pytest

from comparator.detect.divergence import find_divergences, pair_comparison
from comparator.detect.quotations import same_speaker
from factories import claims_of, find


@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


# -- a role without a name is not another speaker ---------------------------------------------------
@pytest.mark.parametrize("a, b", [
    ("Naomi Greer", "board chair"), ("police spokeswoman", "Hal Brenner"),
    ("Tom Reddy", "minister's spokesman"), ("DHS spokesperson", "Ana Ruiz"),
])
def test_a_role_is_never_a_different_speaker_from_a_name(a, b):
    assert same_speaker(a, b) is None


def test_two_names_can_still_differ():
    assert same_speaker("Alma Reyes", "Tomas Oduya") is False


@pytest.mark.parametrize("a, b, speakers", [
    ('"This was about a pattern of financial mismanagement," board chair Naomi Greer said.',
     '"This was about a pattern of financial mismanagement," the board chair said.',
     ("Naomi Greer", "board chair")),
    ('"We will not reopen the plant before the spring thaw," a company spokeswoman said.',
     '"We will not reopen the plant before the spring thaw," plant manager Selma Ruiz said.',
     ("company spokeswoman", "Selma Ruiz")),
    ('"The search will go on through the night and into tomorrow," police chief Hal Brenner said.',
     '"The search will go on through the night and into tomorrow," the police chief said.',
     ("Hal Brenner", "police chief")),
])
def test_a_role_and_a_name_with_one_quotation_are_no_attribution_finding(nlp, a, b, speakers):
    comp, ctx = pair_comparison(a, b, outlets=("Alpha", "Beta"), nlp=nlp, speakers=speakers)
    found = [f for f in find_divergences(comp, ctx) if f.kind == "divergent_fact"]
    assert not [f for f in found if f.details.get("type") == "attribution"]


# -- sourcing: the other outlet prints the same quotation with an unknown speaker -------------------
@pytest.mark.parametrize("a, b", [
    ('Sculptor Oyelaran Vasquez-Tull won the prize.\n\nThe jury was chaired by critic Margaret Ashdown.\n\n'
     'Vasquez-Tull, 52, works from a converted foundry in Leeds.\n\n'
     '"I have been pouring metal for 30 years and this is '
     'the first time anyone noticed," he said.',
     'Oyelaran Vasquez-Tull won the prize.\n\n"I have been pouring metal for 30 years and this is the first '
     'time anyone noticed," Vasquez-Tull said.'),
    ('The council met on Monday.\n\n\u201cWe will not reopen the plant before spring,\u201d she told '
     'reporters.',
     'The council met on Monday.\n\n\u201cWe will not reopen the plant before spring,\u201d Selma Ruiz told '
     'reporters.'),
    ('Critics were unmoved.\n\nThe plan is "a tax on breathing and a gift to the banks," one of them said.',
     'Senator Lena Ostrow called the plan "a tax on breathing and a gift to the banks."'),
])
def test_no_sourcing_gap_when_the_other_outlet_prints_the_quotation_unattributed(a, b):
    from comparator.detect.sourcing import find_sourcing
    from comparator.framing import add_labels
    from tests.test_labels import build

    comp, ctx = build({"a": a, "b": b})
    unknown = [c for c in comp.claims if c.article == "a" and c.quotes and not c.speaker]
    assert unknown  # the premise: outlet a does not name the speaker
    assert find_sourcing(add_labels(comp, ctx), ctx) == []


def test_a_sourcing_gap_stays_when_the_other_outlet_lacks_the_quotation():
    from comparator.detect.sourcing import find_sourcing
    from comparator.framing import add_labels
    from tests.test_labels import build

    comp, ctx = build({"a": 'The council met.\n\n"We will fight this in every court," he said.',
                       "b": 'The council met.\n\n"We will not reopen the plant before spring," Selma Ruiz said.'})
    assert len(find_sourcing(add_labels(comp, ctx), ctx)) == 1


# -- a phrasal verb + "as" frames the quotation, whichever way the parser reads the particle ---------
@pytest.mark.parametrize("text, part, speaker", [
    ('Ferro laughed off the accusation as "something a bored columnist dreamed up."', "laughed",
     "Ferro"),
    ('Senator Lena Ostrow shrugged off the poll as "a snapshot taken on a bad day."', "shrugged",
     "Lena Ostrow"),
    ('Mayor Ines Moll laughed off the leak as "a storm in a teacup."', "laughed", "Ines Moll"),
    ('Senator Lena Ostrow laughed off the poll as "a snapshot taken on a bad day."', "laughed",
     "Lena Ostrow"),
    ('Mayor Ines Moll played down the leak as "a storm in a teacup."', "played", "Ines Moll"),
    ('Coach Piet Kroon laughed away the rumour as "pure invention."', "laughed", "Piet Kroon"),
])
def test_a_phrasal_verb_with_as_credits_the_quotation_to_its_subject(text, part, speaker):
    c = find(claims_of(text), part)
    assert c.voice == "mixed" and c.speaker and c.speaker.split()[-1] == speaker.split()[-1]


@pytest.mark.parametrize("text, part", [
    ('The ferry set off at dawn as "the last boat of the season."', "ferry"),
    ('The fog rolled off the hills as "a grey blanket" by noon.', "fog"),
])
def test_a_phrasal_verb_without_a_person_frames_nothing(text, part):
    assert find(claims_of(text), part).speaker is None


# -- a run-in label that names its speaker: a possessive pronoun or name, "per X" -------------------
@pytest.mark.parametrize("text, part, speaker", [
    ('Union president Marisol Quant spoke on Tuesday.\n\nHer message to shippers: "Find another port if '
     'you can."', "Find another", "Marisol Quant"),
    ('Governor Elena Marsh unveiled a housing plan on Monday.\n\nHer pitch in one line: "Build more, build '
     'faster, build everywhere."', "Build more", "Elena Marsh"),
    ('Coach Piet Kroon faced reporters after the loss.\n\nHis verdict on the season: "We were not good '
     'enough, week after week."', "not good", "Piet Kroon"),
    ('Dockworkers stayed off the job.\n\nThe port authority\'s view, per spokesman Otto Brandt: "The '
     'contract offer is fair and final."', "fair and final", "Otto Brandt"),
    ('The council voted on Monday.\n\nThe landlord\'s answer, per owner Piet Kroon: "We followed the law to '
     'the letter."', "the law", "Piet Kroon"),
    ('The council voted on Monday.\n\nThe union\'s reply, per its president, Hanne Moe: "We will strike '
     'again in May."', "strike", "Hanne Moe"),
])
def test_a_run_in_label_naming_a_person_gives_the_speaker(text, part, speaker):
    c = find(claims_of(text), part)
    assert c.speaker == speaker


@pytest.mark.parametrize("text, part", [
    ('Dockworkers stayed off the job.\n\nThe bottom line: "Find another port if you can."', "Find another"),
    ('Dockworkers stayed off the job.\n\nThe port authority\'s view: "The contract offer is fair and '
     'final."', "fair and final"),
])
def test_a_run_in_label_naming_nobody_leaves_the_quotation_unattributed(text, part):
    assert find(claims_of(text), part).speaker is None
