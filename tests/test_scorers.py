"""Scorers: hypothesis properties (bounds, symmetry, identity) and matrices vs a per-pair oracle."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comparator import scorers
from comparator.scorers import FEATURES, SCORERS, feature_matrix, pair_features, score_matrix

WORDS = ["judge", "Judge", "blocked", "the", "IRS", "ICE", "from", "sharing", "addresses", "on",
         "Thursday", "10", "$10", "billion", "47,000", "two", "Talwani", "ruling", "a", "data",
         "—", ",", "(IRS)", "second", "U.S.", "court"]
sentence = st.lists(st.sampled_from(WORDS), min_size=0, max_size=14).map(" ".join)
text = st.one_of(sentence, st.text(max_size=40))

SYMMETRIC = list(FEATURES)  # every scorer here is order-independent


@settings(max_examples=150, deadline=None)
@given(a=text, b=text)
def test_every_scorer_is_bounded(a, b):
    for name, fn in SCORERS.items():
        value = fn(a, b)
        assert 0.0 <= value <= 1.0, (name, a, b, value)


@settings(max_examples=150, deadline=None)
@given(a=sentence, b=sentence)
def test_scorers_are_symmetric(a, b):
    for name in SYMMETRIC:
        fn = SCORERS[name]
        assert fn(a, b) == pytest.approx(fn(b, a), abs=1e-6), name


@settings(max_examples=100, deadline=None)
@given(a=sentence.filter(lambda s: any(ch.isalnum() for ch in s)))
def test_identity_scores_one(a):
    for name, fn in SCORERS.items():
        assert fn(a, a) == pytest.approx(1.0), name


@settings(max_examples=60, deadline=None)
@given(a=sentence, b=sentence, cutoff=st.floats(0, 1))
def test_score_cutoff_zeroes_low_scores(a, b, cutoff):
    for fn in SCORERS.values():
        full = fn(a, b)
        cut = fn(a, b, score_cutoff=cutoff)
        assert cut == (full if full >= cutoff else 0.0)


@settings(max_examples=40, deadline=None)
@given(qs=st.lists(text, max_size=6), cs=st.lists(text, max_size=6))
def test_matrices_match_the_per_pair_oracle(qs, cs):
    for name, fn in SCORERS.items():
        got = score_matrix(qs, cs, name)
        assert got.shape == (len(qs), len(cs)) and got.dtype == np.float32
        want = np.array([[fn(q, c) for c in cs] for q in qs], dtype=np.float64).reshape(len(qs), len(cs))
        np.testing.assert_allclose(got, want, atol=1e-5, err_msg=name)


def test_feature_matrix_stacks_named_features_and_pairs_agree():
    qs = ["The judge blocked the IRS on Thursday.", "Bananas are yellow."]
    cs = ["On Thursday the IRS was blocked by a judge.", "A court ruled.", "Yellow bananas."]
    fm = feature_matrix(qs, cs)
    assert fm.values.shape == (2, 3, len(FEATURES)) and fm.names == FEATURES
    pf = pair_features([qs[0], qs[1]], [cs[0], cs[2]])
    np.testing.assert_allclose(pf.values[0], fm.values[0, 0], atol=1e-5)
    np.testing.assert_allclose(pf.values[1], fm.values[1, 2], atol=1e-5)
    np.testing.assert_allclose(fm["token_set_ratio"], score_matrix(qs, cs), atol=1e-6)


def test_token_features_read_numbers_names_and_content_words():
    t = scorers.tokens("On Thursday Judge Talwani blocked 47,000 transfers and two requests.")
    assert {"47000", "2"} <= t.numbers
    assert {"thursday", "judge", "talwani"} <= t.names
    assert "on" not in t.words and "blocked" in t.words
    assert scorers.number_agreement("fined $10 billion", "fined $12 billion") == 0.0
    assert scorers.number_agreement("fined $10 billion", "a $10 billion fine") == 1.0
    assert scorers.number_agreement("no numbers here", "none here either") == 1.0


def test_containment_scores_partial_overlap_high_where_jaccard_is_low():
    long = "Talwani is the second federal judge to block the agreement, after a ruling in November in Washington."
    short = "Talwani is the second judge to block the agreement."
    assert scorers.content_overlap(long, short) == pytest.approx(1.0)
    assert scorers.content_jaccard(long, short) < 0.6
    assert scorers.length_ratio(long, short) < 0.6


def test_unknown_scorer_and_empty_inputs():
    with pytest.raises(ValueError, match="unknown scorer"):
        score_matrix(["a"], ["b"], "nope")
    assert score_matrix([], ["b"]).shape == (0, 1)
    assert feature_matrix(["a"], []).values.shape == (1, 0, len(FEATURES))
    with pytest.raises(ValueError):
        pair_features(["a"], [])
