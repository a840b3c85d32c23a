"""Parts of speech per lexicon category and entry, and multi-word idioms matched on lemmas (issue 13).

Kinds: (1) a conflict-verb entry reported on a noun ("the latest setback ..." shown as a conflict verb
with the verb phrase "ruling against" as its alternative); (2) idioms that must match inflected and
determiner-varied forms ("takes/took/taking a swipe at", "pulled no punches"). Sentences are invented.
"""

from __future__ import annotations

import pytest
import yaml

from comparator.errors import ConfigError
from comparator.framing.lexicon import DEFAULT_LEXICON, default_lexicon, load_lexicon
from comparator.framing.match import find_terms, lemma_pattern


@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


def _found(nlp, text: str, lex=None):
    return [(m.text, m.entry.category, m.entry.neutral) for m in find_terms(lex or default_lexicon(), nlp(text))]


# -- every category declares its parts of speech ----------------------------------------------------------

def test_every_default_category_declares_its_parts_of_speech():
    raw = yaml.safe_load(DEFAULT_LEXICON.read_text(encoding="utf-8"))["categories"]
    for name, spec in raw.items():
        assert isinstance(spec, dict) and spec.get("pos") and spec.get("description"), name
    lex = default_lexicon()
    assert lex.category_pos["conflict_verb"] == ("VERB",)
    assert lex.category_pos["speech_verb"] == ("VERB",)
    assert set(lex.category_pos["conflict_noun"]) == {"NOUN", "PROPN"}


def test_conflict_verbs_are_verbs_and_conflict_nouns_are_nouns():
    lex = default_lexicon()
    verbs = [e for e in lex.entries if e.category == "conflict_verb"]
    nouns = [e for e in lex.entries if e.category == "conflict_noun"]
    assert verbs and nouns
    assert all(e.pos == ("VERB",) for e in verbs)
    assert all(set(e.pos) <= {"NOUN", "PROPN"} and e.pos for e in nouns)
    assert {"setback", "backlash", "crackdown", "war on"} <= {e.term for e in nouns}


def test_verb_and_noun_alternatives_fit_their_part_of_speech(nlp):
    """A verb entry's alternative reads as a verb ("They will criticise it"), a noun entry's as a noun
    ("It was the dispute"), checked with spaCy's tagger on every plain alternative (not the
    parenthesised instructions such as "(state what was decided)")."""
    wrong = []
    for e in default_lexicon().entries:
        if "(" in e.neutral or not e.pos:
            continue
        if e.pos == ("VERB",):
            doc = nlp(f"They will {e.neutral} the plan.")
            if doc[2].pos_ != "VERB":
                wrong.append((e.term, e.neutral, doc[2].pos_))
        elif set(e.pos) <= {"NOUN", "PROPN"}:
            doc = nlp(f"It was the {e.neutral}.")
            if not any(t.pos_ in ("NOUN", "PROPN") for t in doc[3:-1]) or any(t.pos_ == "VERB" for t in doc[3:-1]):
                wrong.append((e.term, e.neutral, [t.pos_ for t in doc[3:-1]]))
    assert not wrong


@pytest.mark.parametrize("text, term, category", [
    ("The ruling marks the latest setback in the administration's effort to share tax data.", "setback",
     "conflict_noun"),
    ("It was another setback for the governor's housing plan.", "setback", "conflict_noun"),
    ("The backlash from rural voters surprised the party.", "backlash", "conflict_noun"),
])
def test_a_noun_is_never_reported_as_a_conflict_verb(nlp, text, term, category):
    found = _found(nlp, text)
    assert [(t, c) for t, c, _ in found] == [(term, category)]
    assert not any(n.startswith("ruling against") for _, _, n in found)


@pytest.mark.parametrize("text, expected", [
    ("Democrats clashed with Republicans over the bill.", ("clashed", "conflict_verb", "disagree")),
    ("The clash between the two parties grew louder.", ("clash", "conflict_noun", "disagreement")),
    ("The two senators battled over the budget for weeks.", ("battled", "conflict_verb", "contest")),
    ("The budget battle lasted for weeks.", ("battle", "conflict_noun", "dispute")),
])
def test_a_word_that_is_noun_and_verb_gets_the_alternative_of_its_part_of_speech(nlp, text, expected):
    assert _found(nlp, text) == [expected]


# -- the loader validates and documents pos -----------------------------------------------------------------

def test_category_pos_is_inherited_and_entry_pos_overrides_it(tmp_path, nlp):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "categories:\n"
        "  fight_word: {description: a fight word, pos: [VERB]}\n"
        "terms:\n"
        "  - {term: brawl, category: fight_word, neutral: argue, rationale: r}\n"
        "  - {term: scuffle, category: fight_word, pos: NOUN, neutral: dispute, rationale: r}\n"
        "  - {term: fracas, category: fight_word, pos: any, neutral: dispute, rationale: r}\n", encoding="utf-8")
    lex = load_lexicon(path)
    by_term = {e.term: e.pos for e in lex.entries}
    assert by_term == {"brawl": ("VERB",), "scuffle": ("NOUN",), "fracas": ()}
    assert lex.category_pos["fight_word"] == ("VERB",)
    assert [m.text for m in find_terms(lex, nlp("The brawl ended when the senators brawled again."))] == ["brawled"]


def test_user_entry_in_a_default_category_inherits_its_parts_of_speech(tmp_path, nlp):
    path = tmp_path / "user.yaml"
    path.write_text("terms:\n  - {term: wallop, category: conflict_verb, neutral: criticise, rationale: r}\n",
                    encoding="utf-8")
    entry = load_lexicon(path).entries[0]
    assert entry.pos == ("VERB",)
    assert [m.text for m in find_terms(load_lexicon(path), nlp("The senator walloped the plan. It was a wallop."))
            ] == ["walloped"]


@pytest.mark.parametrize("categories, words", [
    ("  fight_word: {description: a fight word, pos: VERBZ}\n", "unknown part of speech"),
    ("  fight_word: {pos: VERB}\n", "needs a 'description'"),
    ("  fight_word: {description: x, pos: VERB, colour: red}\n", "needs a 'description'"),
    ("  fight_word: {description: x, pos: {a: b}}\n", "must be text or a list"),
])
def test_bad_category_pos_is_a_config_error_with_a_line(tmp_path, categories, words):
    path = tmp_path / "bad.yaml"
    path.write_text("categories:\n" + categories +
                    "terms:\n  - {term: brawl, category: fight_word, neutral: argue, rationale: r}\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=words) as info:
        load_lexicon(path)
    assert info.value.line == 2


# -- multi-word idioms on lemmas with a determiner slot -------------------------------------------------------

@pytest.mark.parametrize("text, matched", [
    ("The senator took a swipe at the governor on Tuesday.", "took a swipe at"),
    ("The governor takes another swipe at the senator in her new book.", "takes another swipe at"),
    ("Critics have been taking swipes at the plan for months.", "taking swipes at"),
    ("The mayor took a thinly veiled swipe at her rival.", None),  # two modifiers: beyond the slot
    ("The mayor took a parting swipe at her rival.", "took a parting swipe at"),
    ("The mayor pulled no punches in her speech.", "pulled no punches"),
    ("The chairman is pulling no punches.", "pulling no punches"),
    ("Republicans went on the attack over the budget.", "went on the attack"),
    ("The campaign is going on the offensive.", None),  # not the idiom's words
])
def test_idioms_match_inflected_and_determiner_varied_forms(nlp, text, matched):
    found = [t for t, c, _ in _found(nlp, text) if c == "conflict_verb"]
    assert found == ([matched] if matched else [])


def test_lemma_pattern_has_an_optional_determiner_and_adjective_slot(nlp):
    from comparator.nlp import lemma_docs

    swipe, fact = lemma_docs(["take a swipe at", "in fact"])
    pattern = lemma_pattern(swipe)
    assert pattern[1] == {"POS": {"IN": ["DET", "PRON"]}, "OP": "?"} and pattern[2] == {"DEP": {"IN": ["amod", "compound"]}, "OP": "?"}
    assert {"LEMMA": {"IN": ["swipe"]}} in pattern
    assert lemma_pattern(fact) is None  # no determiner: the lemma PhraseMatcher covers it


def test_idiom_is_a_finding_in_the_outlets_voice_and_literal_uses_are_not():
    from comparator.detect.loaded import find_loaded_language
    from tests.test_labels import build

    comp, ctx = build({"a": "Senator Jane Park took a swipe at the governor's budget on Tuesday.",
                       "b": "The bear took a swipe at the hiker near the trail."})
    found = find_loaded_language(comp, ctx)
    own = [f for f in found if f.details["category"] == "conflict_verb"]
    assert [(f.evidence[0].article, f.evidence[0].text, f.severity) for f in own] == [
        ("a", "took a swipe at", "warning")]
    assert "criticise" in own[0].message


def test_setback_is_never_reported_as_a_conflict_verb_by_the_detector():
    from comparator.detect.loaded import find_loaded_language
    from tests.test_labels import build

    comp, ctx = build({"a": "The ruling marks the latest setback in the administration's effort to share tax data.",
                       "b": "Senator Jane Park slammed the ruling on Tuesday."})
    found = find_loaded_language(comp, ctx)
    assert not [f for f in found if "ruling against" in f.message or
                (f.details["category"] == "conflict_verb" and f.details["term"] == "setback")]
    assert [f.evidence[0].text for f in found if f.details["category"] == "conflict_verb"] == ["slammed"]
