"""Loaded language and subject labels judged in context (issue 13; field cases e-framing-label-term-dump,
e-invasion-of-privacy, e-reported-speech-as-own-voice, e-headline-framing-ignored and their kinds).

Texts are invented for the tests; each test stands for a kind of input, with a second example of the kind.
"""

from __future__ import annotations

import dataclasses

import pytest

from comparator.detect.framing import find_framing_labels
from comparator.detect.loaded import find_loaded_language
from comparator.framing import add_labels
from comparator.framing.candidates import article_candidates, selected
from comparator.framing.params import Params, shipped
from tests.test_labels import build


def _loaded(texts: dict[str, str]):
    comp, ctx = build(texts)
    return comp, ctx, find_loaded_language(comp, ctx)


def _own(findings, text_lower: str):
    return [f for f in findings if f.severity == "warning"
            and any(ev.text.lower() == text_lower and ev.voice == "authorial" for ev in f.evidence)]


def _exact(comp, findings):
    for f in findings:
        for ev in f.evidence:
            assert comp.article(ev.article).text[ev.start:ev.end] == ev.text


# -- e-invasion-of-privacy: fixed expressions defuse a term ---------------------------------------------

@pytest.mark.parametrize("text, word", [
    ("Two donors filed an invasion of privacy lawsuit against the campaign last July. "
     "The invasion of privacy case is still pending.", "invasion"),
    ("The senator suffered a heart attack on Sunday and was taken to hospital.", "attack"),
])
def test_fixed_expression_is_not_loaded(text, word):
    comp, ctx, found = _loaded({"a": text, "b": "The campaign declined to comment on Monday."})
    assert not [f for f in found if word in f.details["term"].lower()]
    cands = [c for c in article_candidates(comp, ctx, "a") if c.text.lower() == word]
    assert cands and all(c.blocked == "fixed_expression" for c in cands)


def test_invasion_outside_the_fixed_expression_is_still_a_candidate():
    comp, ctx = build({"a": "Officials prepared for an invasion at the southern border.",
                       "b": "The mayor spoke about arrivals at the southern border."})
    cands = [c for c in article_candidates(comp, ctx, "a") if c.text == "invasion"]
    assert cands and cands[0].blocked is None and cands[0].voice == "authorial"


# -- attribution words are not loaded -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The governor reportedly considered the plan for weeks.",
    "The governor vowed to sign the budget by Friday.",
    "The man allegedly took the documents home in May.",
])
def test_attribution_words_are_not_loaded(text):
    _, _, found = _loaded({"a": text, "b": "The governor signed the budget on Friday."})
    assert [f.details["term"] for f in found] == []


# -- conflict verbs need a political actor --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Gangs threaten to kill him if he returns to the city.",
    "The new statute attacks the problem at its root, officials said.",
])
def test_literal_or_non_political_conflict_verb_is_not_loaded(text):
    _, _, found = _loaded({"a": text, "b": "The city council met on Tuesday."})
    assert not [f for f in found if f.details["category"] == "conflict_verb"]


@pytest.mark.parametrize("text, term", [
    ("Senator Ana Ruiz slammed the Republicans for the delay.", "slam"),
    ("He blasted the ruling on Monday.", "blast"),
])
def test_political_conflict_verb_is_loaded(text, term):
    _, _, found = _loaded({"a": text, "b": "The city council met on Tuesday."})
    assert [f for f in found if f.details["term"] == term and f.severity == "warning"]


# -- e-reported-speech-as-own-voice: attributed wording is the speaker's ---------------------------------

@pytest.mark.parametrize("text, word, speaker", [
    ("Some on the right also pushed back, describing the proposal as amnesty.", "amnesty", "Some on the right"),
    ("Republicans branded the bill an amnesty for lawbreakers.", "amnesty", "Republicans"),
    ("Minutes later, Corrigan claimed Republicans are often attacked for supporting him.", "attacked", "Corrigan"),
    ("The senator denounced what critics call a reckless amnesty.", "reckless", "critics"),
])
def test_reported_wording_is_the_speakers(text, word, speaker):
    comp, ctx, found = _loaded({"a": text, "b": "Conservative groups criticized the proposal."})
    assert not _own(found, word)
    mine = [f for f in found if any(ev.text.lower() == word for ev in f.evidence)]
    for f in mine:
        assert f.severity == "info" and f.details["voice"] == "quoted" and f.details["reported"]
        assert speaker in f.details["speaker"]
        assert "reports" in f.message
    _exact(comp, found)


# -- a term counts once, whatever matched it -----------------------------------------------------------

def test_a_term_counts_once_per_article_and_voice():
    _, _, found = _loaded({"a": "The radical plan passed. Critics said nothing about the radical plan.",
                           "b": "The plan passed on Monday."})
    radical = [f for f in found if "radical" in f.details["term"] and f.details["voice"] == "authorial"]
    assert len(radical) == 1
    spans = [(ev.start, ev.end) for f in found for ev in f.evidence]
    assert len(spans) == len(set(spans))  # no span reported under two categories


# -- style-guide-neutral terms are at most info ------------------------------------------------------

def test_style_guide_neutral_term_is_info():
    _, _, found = _loaded({"a": "Officials detained 40 undocumented immigrants on Friday.",
                           "b": "Officials detained 40 people on Friday."})
    assert not [f for f in found if f.details["term"].startswith("undocumented") and f.severity != "info"]
    from comparator.detect.loaded import _message

    cand = next(c for c in article_candidates(*build({"a": "Officials detained 40 undocumented immigrants.",
                                                      "b": "Officials met."}), "a")
                if c.text.startswith("undocumented"))
    assert cand.entry.tier == "info" and _message("A Post", cand, 1)[1] == "info"


# -- VADER prior: strongly evaluative words in the outlet's own voice --------------------------------

def test_valence_prior_finds_a_word_outside_the_hand_lexicon():
    params = shipped()
    comp, ctx, found = _loaded({"a": "The mayor made a pathetic attempt to save the plan.",
                                "b": "The mayor tried to save the plan."})
    cands = [c for c in article_candidates(comp, ctx, "a") if c.text == "pathetic"]
    assert cands and cands[0].origin == "valence" and cands[0].valence < -2
    shown = [f for f in found if f.details["term"] == "pathetic" and f.details["origin"] == "valence"]
    assert bool(shown) == selected(cands[0], params)
    strict = Params(categories=params.categories, valence_pos=("ADJ",), valence_min=2.5, positive_weight=0.0)
    assert selected(cands[0], strict)  # |-2.7| >= 2.5
    assert not selected(cands[0], dataclasses.replace(strict, valence_min=3.0))
    assert not selected(cands[0], dataclasses.replace(strict, valence_pos=("VERB",)))


def test_params_shape():
    p = shipped()
    assert isinstance(p, Params) and 0 < p.valence_min <= 4 and set(p.valence_pos) <= {"ADJ", "ADV", "VERB", "NOUN"}


# -- e-framing-label-term-dump: subjects by their head noun, dominant label per outlet ---------------

def test_modifier_uses_are_not_mentions_of_the_subject():
    comp, ctx = build({
        "courier": "The migrants reached the border on Sunday. There did not appear to be any anti-immigrant "
                   "protesters present.",
        "ledger": "Migrants slept in a migrant shelter near the border. Immigrant rights activists marched "
                  "beside the migrants.",
    })
    found = [f for f in find_framing_labels(add_labels(comp, ctx), ctx) if f.entity is None]
    assert found == []


def test_dominant_label_per_outlet_with_counts_and_few_spans():
    a = " ".join(["Officials detained illegal aliens near the border."] * 5)
    b = "Officials detained immigrants near the border. The immigrants were released. Immigrants waited."
    comp, ctx = build({"a": a, "b": b})
    found = [f for f in find_framing_labels(add_labels(comp, ctx), ctx) if f.entity is None]
    assert len(found) == 1
    f = found[0]
    assert f.details["dominant"] == {"a": "illegal alien", "b": "immigrant"}
    assert f.details["counts"]["a"]["illegal alien"] == 5
    assert "always says" in f.message and "(all 5 times)" in f.message
    assert sum(1 for ev in f.evidence if ev.article == "a") <= 3
    assert f.severity == "warning"
    _exact(comp, found)


# -- e-headline-framing-ignored: headlines in the outlet's voice; scare quotes ------------------------

def _with_headline(texts: dict[str, str]):
    comp, ctx = build(texts)
    # as the loading stage marks them: headline claims are boilerplate so body comparisons skip them
    claims = tuple(dataclasses.replace(c, kind="headline", boilerplate=True, boilerplate_reason="headline")
                   if c.index == 0 else c for c in comp.claims)
    comp = dataclasses.replace(comp, claims=claims)
    return comp, ctx


def test_headline_gets_its_own_findings_and_scare_quotes():
    comp, ctx = _with_headline({
        "courier": "Asylum-seeking 'caravan' poised to test government\nAsylum-seekers in a \"caravan\" from "
                   "the south are poised to test the government.",
        "ledger": "Radical lawsuit filed against Halvard\nThe Unity Party filed a lawsuit Friday against the "
                  "Halvard mining company.",
    })
    found = find_loaded_language(comp, ctx)
    scare = [f for f in found if f.details["category"] == "scare_quotes"]
    assert {(f.evidence[0].text, f.details["headline"]) for f in scare} == {("caravan", True), ("caravan", False)}
    assert all(f.evidence[0].voice == "authorial" for f in scare)
    head = [f for f in found if f.details.get("headline") and f.details["category"] != "scare_quotes"]
    assert [f.details["term"] for f in head] == ["radical"] and "its headline" in head[0].message
    _exact(comp, found)


def test_speakers_partial_quote_is_not_a_scare_quote():
    _, _, found = _loaded({"a": "The judge cited the \u201cchilling effect\u201d of the rule, she said.",
                           "b": "The judge ruled on Monday."})
    assert not [f for f in found if f.details["category"] == "scare_quotes"]


@pytest.mark.parametrize("headline, expected", [
    ("DESPERATION: Unity Party files lawsuit against Halvard", ("DESPERATION", "warning")),
    ("CHAOS: Council meeting ends early", ("CHAOS", "warning")),
    ("BREAKING: Unity Party files lawsuit against Halvard", None),
])
def test_headline_kicker(headline, expected):
    comp, ctx = _with_headline({"a": headline + "\nThe Unity Party filed a lawsuit Friday.",
                                "b": "Unity Party sues Halvard\nThe Unity Party filed a lawsuit Friday."})
    found = [f for f in find_loaded_language(comp, ctx) if f.details["category"] == "headline_kicker"]
    if expected is None:
        assert found == []
    else:
        assert [(f.evidence[0].text, f.severity) for f in found] == [expected]
        assert "opens its headline" in found[0].message
        _exact(comp, found)


def test_claims_stage_reported_ranges_are_read_when_present():
    from comparator.types import Claim

    if "reported" in {f.name for f in dataclasses.fields(Claim)}:
        WithReported = Claim
    else:
        @dataclasses.dataclass(frozen=True)
        class WithReported(Claim):  # the claims stage's Claim.reported (issue 11), on a branch without it
            reported: tuple = ()

    comp, ctx = build({"a": "The plan is a disastrous mess for the city.", "b": "The plan passed."})
    text = comp.article("a").text
    start = text.index("disastrous")

    def with_range(c):
        fields = {f.name: getattr(c, f.name) for f in dataclasses.fields(c)}
        fields["reported"] = ((start, len(text)),)
        return WithReported(**fields)

    claims = tuple(with_range(c) if c.article == "a" else c for c in comp.claims)
    comp = dataclasses.replace(comp, claims=claims)
    cands = [c for c in article_candidates(comp, ctx, "a") if c.text == "disastrous"]
    assert cands and cands[0].voice == "quoted" and cands[0].reported


# -- disaster metaphors: loaded only when people are what floods ----------------------------------------

@pytest.mark.parametrize("text, word, literal", [
    ("Army reservists join the flood cleanup in Riverton.", "flood", True),
    ("Floods destroyed two shelters near the river on Sunday.", "Floods", True),
    ("Water flooded the basement where the families slept.", "flooded", True),
    ("A flood of migrants reached the border crossing on Sunday.", "flood", False),
    ("The governor said millions of illegal aliens flood into the state.", "flood", False),
    ("Migrants flooding the border overwhelmed the agents.", "flooding", False),
])
def test_a_disaster_metaphor_is_loaded_only_about_people(text, word, literal):
    comp, ctx = build({"a": text, "b": "The county opened a shelter on Sunday."})
    cands = [c for c in article_candidates(comp, ctx, "a") if word.lower() in c.text.lower()]
    assert cands, "the lexicon should propose the word as a candidate"
    assert all((c.blocked == "literal") is literal for c in cands)
