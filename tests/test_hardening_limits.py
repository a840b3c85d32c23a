"""Bounded time and memory (issue 10): lexicon regexes, long texts in chunks, linear-time lookups."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comparator.chunks import split_text
from comparator.errors import ConfigError
from comparator.framing.lexicon import load_lexicon

LEX = "terms:\n  - regex: '{}'\n    category: epithet\n    neutral: x\n    rationale: y\n"


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)+$", r"(a|aa)+$", r"(x+x+)+y", r"(.*a){25}$"])
def test_catastrophic_regexes_are_refused_when_the_lexicon_loads(tmp_path, monkeypatch, pattern):
    import comparator.framing.match as match

    monkeypatch.setattr(match, "MATCH_TIMEOUT", 0.2)
    f = tmp_path / "lex.yaml"
    f.write_text(LEX.format(pattern))
    try:
        lex = load_lexicon(f)
    except ConfigError as err:
        assert "takes too long" in err.message and err.path == str(f) and err.line == 2
        return
    # the probes did not catch it: matching either finishes or stops with a clean error
    (compiled, entry), = match._regexes(lex)
    try:
        match._finditer(compiled, entry, "a" * 5000 + "!" + "word " * 2000)
    except ConfigError as err:
        assert "took over" in err.message and err.path == "lex.yaml:2"


def test_inline_flags_anywhere_are_accepted(tmp_path):
    f = tmp_path / "lex.yaml"
    f.write_text(LEX.format("(?i)obama judge") + LEX.format("x(?i)biden pick").split("\n", 1)[1])
    lex = load_lexicon(f)
    assert [e.regex for e in lex.entries] == ["(?i)obama judge", "x(?i)biden pick"]
    vale = tmp_path / "rule.yml"
    vale.write_text("extends: existence\nmessage: 'Avoid %s'\ntokens:\n  - '(?i)radical'\n")
    assert load_lexicon(vale).entries[0].regex == "(?-i:(?i)radical)"


def test_regex_timeout_while_matching_is_a_config_error():
    from comparator.framing.lexicon import LexiconEntry
    from comparator.framing.match import _finditer

    class Slow:
        def finditer(self, text, timeout):
            raise TimeoutError("regex timed out")

    entry = LexiconEntry(term="x", category="c", neutral="n", rationale="r", regex="(a+)+", source="lex.yaml:4")
    with pytest.raises(ConfigError, match="took over") as err:
        _finditer(Slow(), entry, "aaaa")
    assert err.value.path == "lex.yaml:4"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .\n", max_size=400), st.integers(min_value=2, max_value=60))
def test_split_text_keeps_every_character_and_respects_the_limit(text, limit):
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)
    assert all(pieces[:-1])


def test_split_text_prefers_paragraph_breaks():
    text = ("A sentence here. " * 3 + "\n") * 10
    pieces = split_text(text, 120)
    assert all(p.endswith("\n") for p in pieces[:-1])


@pytest.mark.slow
def test_text_over_spacys_limit_is_parsed_in_chunks(monkeypatch):
    import comparator.chunks as chunks
    from comparator.claims import extract_claims
    from comparator.nlp import load_nlp, parse_articles
    from comparator.types import Article

    text = ('The judge ruled on Thursday. “We will appeal,” said Maria Lopez, a lawyer.\n' * 40)
    monkeypatch.setattr(chunks, "CHUNK_CHARS", 500)
    nlp = load_nlp()
    monkeypatch.setattr(nlp, "max_length", 1000)  # spaCy itself would refuse the whole text (E088)
    art = Article(id="a", outlet="A", text=text)
    doc = parse_articles([art])["a"]
    assert doc.text == text
    claims = extract_claims(art, doc)
    assert len(claims) == 80 and all(text[c.start:c.end] == c.text for c in claims)
    assert sum(1 for c in claims if c.speaker) >= 30


def test_large_articles_align_on_candidate_pairs_only(monkeypatch):
    """Above MAX_DENSE_PAIRS, lexical features are computed for O(n) candidate pairs, not n x m."""
    import comparator.align as align
    import comparator.scorers as scorers

    model = align.load_model()
    rng = np.random.default_rng(0)
    n = 60
    words = [f"w{i}" for i in range(200)]
    a = [" ".join(rng.choice(words, 8)) for _ in range(n)]
    b = list(reversed(a))
    cos = np.eye(n)[::-1] * 0.9 + rng.uniform(-0.1, 0.3, (n, n))
    dense = model.probability(cos, a, b)
    seen = []
    real = scorers.pair_features

    def counting(x, y, names=scorers.FEATURES):
        seen.append(len(x))
        return real(x, y, names)

    monkeypatch.setattr(align, "pair_features", counting)
    monkeypatch.setattr(align, "MAX_DENSE_PAIRS", 10)
    sparse = model.probability(cos, a, b)
    assert sum(seen) <= 2 * n * align.CANDIDATES
    # every row's best pair is the same in both modes
    assert (dense.probability.argmax(axis=1) == sparse.probability.argmax(axis=1)).all()
    np.testing.assert_allclose(sparse.probability.max(axis=1), dense.probability.max(axis=1))


def test_doc_lookups_are_cached_and_match_spacy():
    from comparator.chunks import doc_text, ent_at, ents_in
    from comparator.nlp import _import_spacy

    _import_spacy()
    import spacy
    from spacy.tokens import Span

    nlp = spacy.blank("en")
    doc = nlp("Maria Lopez met John Smith in Boston on Friday.")
    doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 3, 5, "PERSON"), Span(doc, 6, 7, "GPE")]
    assert doc_text(doc) == doc.text
    assert [e.text for e in ents_in(doc, 0, len(doc.text))] == ["Maria Lopez", "John Smith", "Boston"]
    assert [e.text for e in ents_in(doc, 12, 36)] == ["John Smith", "Boston"]
    assert [e.text for e in ents_in(doc, 17, 36)] == ["Boston"]  # John Smith only partly inside
    assert ent_at(doc, 4).text == "John Smith" and ent_at(doc, 2) is None
