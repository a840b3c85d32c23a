"""Lexicon loading (comparator YAML, Vale rules, broken files) and matching with spaCy."""

from __future__ import annotations

from pathlib import Path

import pytest

from comparator.config import Settings
from comparator.errors import ConfigError
from comparator.framing.lexicon import default_lexicon, lexicon_for, load_lexicon
from comparator.framing.match import find_terms

DATA = Path(__file__).parent / "data" / "lexicons"
REQUIRED = {"partisan_identity", "epithet", "immigration_term", "conflict_verb", "intensifier",
            "certainty", "hedging"}


@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


def test_default_lexicon_is_complete():
    lex = default_lexicon()
    assert REQUIRED <= set(lex.categories)
    assert len(lex.entries) > 150
    for e in lex.entries:
        assert e.category in lex.categories
        assert e.neutral and e.rationale and e.term
    assert lex.concept_of("illegal aliens") == "immigrants"
    assert lex.polarity["blow"] < 0


def test_user_lexicon_merges_with_default():
    lex = lexicon_for(Settings(lexicons=(str(DATA / "user.yaml"),)))
    terms = {e.term for e in lex.entries}
    assert {"toll grab", "gouge", "activist judge"} <= terms
    assert "transport_slang" in lex.categories
    assert lex.concept_of("motorists") == "commuters"
    only_user = lexicon_for(Settings(lexicons=(str(DATA / "user.yaml"),), use_default_lexicon=False))
    assert "activist judge" not in {e.term for e in only_user.entries}


def test_vale_substitution_and_existence_rules():
    swap = load_lexicon(DATA / "vale-swap.yml")
    assert [(e.term, e.neutral) for e in swap.entries] == [("toll hike", "toll increase"),
                                                           ("commuter tax|driver tax", "toll")]
    assert swap.entries[0].rationale == "Prefer 'toll increase' over 'toll hike'."
    assert swap.entries[1].source == "vale-swap.yml:8"
    exist = load_lexicon(DATA / "vale-existence.yml")
    assert [e.term for e in exist.entries] == ["gridlock nightmare", "carmageddon"]
    assert all(e.category == "style_rule" for e in exist.entries)


@pytest.mark.parametrize("name, line, words", [
    ("broken-yaml.yaml", 4, "not valid YAML"),
    ("missing-field.yaml", 6, "missing 'neutral'"),
    ("unknown-category.yaml", 2, "unknown category 'road_rage'"),
    ("bad-regex.yml", 5, "bad regular expression"),
    ("bad-regex-native.yaml", 6, "bad regular expression"),
])
def test_broken_files_name_file_and_line(name, line, words):
    with pytest.raises(ConfigError) as info:
        load_lexicon(DATA / name)
    err = info.value
    assert err.path.endswith(name)
    assert err.line == line
    assert words in err.message
    assert f"{name}:{line}:" in str(err)


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_lexicon(tmp_path / "nope.yaml")


def test_lemma_phrase_and_regex_matching(nlp):
    doc = nlp("The senator slammed the Obama-appointed judge and blasted illegal aliens policy. "
              "Illegals were mentioned. The illegal plan was rejected.")
    found = {(m.text, m.entry.category) for m in find_terms(default_lexicon(), doc)}
    assert ("slammed", "conflict_verb") in found  # lemma "slam"
    assert ("blasted", "conflict_verb") in found
    assert ("Obama-appointed", "partisan_identity") in found  # regex
    assert ("illegal aliens", "immigration_term") in found
    assert ("Illegals", "immigration_term") in found  # exact (lower-case) match
    assert not any(t == "illegal" for t, _ in found)  # "illegals" is exact: no lemma match on "illegal"


def test_overlapping_matches_keep_the_longest(nlp):
    doc = nlp("Officials backed the mass deportation campaign.")
    texts = [m.text for m in find_terms(default_lexicon(), doc)]
    assert texts == ["mass deportation campaign"]


def test_vale_rules_match_case_insensitively(nlp):
    lex = load_lexicon(DATA / "vale-swap.yml")
    doc = nlp("Critics called it a Driver Tax, not a toll hike.")
    assert [m.text for m in find_terms(lex, doc)] == ["Driver Tax", "toll hike"]


def test_user_vale_rule_drives_the_loaded_language_detector():
    from comparator.detect.loaded import find_loaded_language
    from tests.test_labels import build

    comp, ctx = build({"a": "The council approved the toll hike on Monday.", "b": "The council met."})
    ctx = ctx.__class__(settings=Settings(lexicons=(str(DATA / "vale-swap.yml"),)), docs=ctx.docs)
    found = [f for f in find_loaded_language(comp, ctx) if f.details["category"] == "style_rule"]
    assert [(f.evidence[0].text, f.details["neutral"], f.severity) for f in found] == [
        ("toll hike", "toll increase", "warning")]
    assert "toll increase" in found[0].message


def test_unknown_part_of_speech_is_rejected(tmp_path):
    bad = tmp_path / "pos.yaml"
    bad.write_text("terms:\n  - term: slam\n    category: conflict_verb\n    neutral: criticise\n"
                   "    rationale: test\n    pos: VERBS\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown part of speech") as info:
        load_lexicon(bad)
    assert info.value.line == 2


try:
    from hypothesis import given, settings as hsettings, strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:
    WORDS = ["the", "mayor", "slammed", "illegal", "aliens", "plan", "Obama", "judge", "very", "clearly",
             "massive", "crackdown", "on", "illegal", "immigration", "said", ",", "and", "regime"]

    @hsettings(max_examples=40, deadline=None)
    @given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
    def test_matches_are_exact_sorted_and_disjoint(words):
        from comparator.nlp import load_nlp

        doc = load_nlp()(" ".join(words))
        found = find_terms(default_lexicon(), doc)
        for m in found:
            assert doc.text[m.start:m.end] == m.text and m.text.strip() == m.text
        for a, b in zip(found, found[1:]):
            assert a.end <= b.start


def test_vale_rules_are_case_sensitive_unless_ignorecase(nlp):
    lex = load_lexicon(DATA / "vale-case.yml")
    doc = nlp("Call it a TOLL GRAB or a toll grab.")
    assert [m.text for m in find_terms(lex, doc)] == ["TOLL GRAB"]


def test_tier_and_guide_fields(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("terms:\n"
                    "  - {term: newcomer, category: epithet, neutral: resident, rationale: r, tier: info,"
                    " guide: \"House style 2024\"}\n", encoding="utf-8")
    entry = load_lexicon(path).entries[0]
    assert entry.tier == "info" and entry.guide == "House style 2024"
    path.write_text("terms:\n  - {term: newcomer, category: epithet, neutral: resident, rationale: r, tier: loud}\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown tier") as exc:
        load_lexicon(path)
    assert exc.value.line == 2


def test_style_guide_entries_in_default_lexicon():
    lex = default_lexicon()
    guided = {e.term for e in lex.entries if e.guide}
    assert {"illegal immigrant", "illegal alien", "anchor baby"} <= guided
    assert all(e.tier == "info" for e in lex.entries if e.term.startswith("undocumented"))
