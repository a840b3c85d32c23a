"""Comparison-wide pair features and the fact scorer (no models: exact matrices and fakes)."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from comparator.align import align_claims, load_model
from comparator.errors import ConfigError
from comparator.fact_scores import FEATURES, FactScorer, pair_features, rare_weights
from test_align import make_claims
from test_align_rules import _model, _vectors


def _only(feature: str, coef: float, intercept: float) -> FactScorer:
    return FactScorer(features=(feature,), mean=(0.0,), scale=(1.0,), coef=(coef,), intercept=intercept)


def test_pair_features_measure_rank_rarity_names_and_position():
    a = ["Senator Kara Lind voted against the levee bill.", "Rain fell all day."]
    b = ["The weather was wet.", "On Tuesday, Kara Lind opposed the levee bill.", "Nothing else."]
    prob = np.array([[0.1, 0.8, 0.0], [0.5, 0.1, 0.0]])
    cos = np.array([[0.2, 0.9, 0.1], [0.6, 0.2, 0.0]])
    idf = rare_weights(a + b)
    out = pair_features(prob, cos, a, b, idf, np.zeros((2, 3), bool))
    assert out.shape == (2, 3, len(FEATURES))
    f = {name: out[..., k] for k, name in enumerate(FEATURES)}
    assert f["row_rank"][0, 1] == 0 and f["column_rank"][0, 1] == 0 and f["row_rank"][0, 2] > 0
    assert f["rare_share"][0, 1] > 0.5 and f["rare_share"][1, 1] == 0
    assert f["names"][0, 1] == 2  # "kara", "lind"
    assert f["cosine_ratio"][0, 1] > 1 > f["cosine_ratio"][0, 2]  # stands out from its neighbours
    assert f["position"][0, 1] == 0 and f["position_gap"][1, 2] == 0 and f["position_gap"][0, 2] == 1
    assert pair_features(np.zeros((0, 2)), np.zeros((0, 2)), [], ["x", "y"], idf,
                         np.zeros((0, 2), bool)).shape == (0, 2, len(FEATURES))


def test_fact_scorer_round_trips_and_rejects_unknown_features():
    s = FactScorer.from_dict({"features": ["cosine"], "mean": [0.5], "scale": [0.1], "coef": [2.0],
                              "intercept": 0.0})
    x = np.zeros((1, 2, len(FEATURES)))
    x[0, 1, FEATURES.index("cosine")] = 0.9
    got = s.score(x)
    assert got.shape == (1, 2) and got[0, 1] > 0.99 and got[0, 0] < 0.01
    with pytest.raises(ValueError):
        FactScorer.from_dict({"features": ["nope"], "mean": [0], "scale": [1], "coef": [1], "intercept": 0})


def test_a_malformed_fact_scorer_is_a_config_error(tmp_path):
    from importlib import resources

    shipped = json.loads((resources.files("comparator") / "data" / "alignment.json").read_text())
    shipped["fact_scorer"] = {"features": ["cosine"], "mean": [0.0], "scale": [1.0], "coef": [1.0, 2.0],
                              "intercept": 0.0}
    path = tmp_path / "alignment.json"
    path.write_text(json.dumps(shipped))
    with pytest.raises(ConfigError):
        load_model(str(path))


def test_the_fact_rule_adds_a_pair_the_comparison_supports():
    """a0-b0 is below every pair rule (probability .27), but its fact score is high."""
    claims = make_claims({"a": ["Kara Lind's levee bill failed the vote.", "Rain fell all day long."],
                          "b": ["Kara Lind lost the levee vote.", "Officials expect dry weather soon."]})
    vectors = _vectors(np.array([[0.4, 0.0], [0.0, 0.05]]))
    rare = _only("rare_share", 40.0, -10.0)  # ~1 when the two share rare words, ~0 otherwise
    model = _model(floor=0.5, hub_k=0, fact_scorer=rare, fact_threshold=0.9)
    got = {a.claims: a.method for a in align_claims(claims, vectors, model=model)}
    assert got == {("a:0", "b:0"): "cos+fact"}
    assert not align_claims(claims, vectors, model=dataclasses.replace(model, fact_threshold=None))


def test_very_large_article_pairs_are_left_to_the_rules(monkeypatch):
    """Above MAX_DENSE_PAIRS the dense fact features are not built: the pair rules decide alone."""
    import comparator.align as align

    claims = make_claims({"a": ["Kara Lind's levee bill failed the vote.", "Rain fell all day long."],
                          "b": ["Kara Lind lost the levee vote.", "Officials expect dry weather soon."]})
    vectors = _vectors(np.array([[0.4, 0.0], [0.0, 0.05]]))
    model = _model(floor=0.5, hub_k=0, fact_scorer=_only("rare_share", 40.0, -10.0), fact_threshold=0.9)
    monkeypatch.setattr(align, "MAX_DENSE_PAIRS", 3)
    assert not align_claims(claims, vectors, model=model)


def test_a_split_part_the_comparison_does_not_support_is_left_out():
    """b0 says what a0 and a1 say; the fact score supports only the a0 part."""
    claims = make_claims({"a": ["The levee bill passed the Senate.", "Officials expect dry weather soon."],
                          "b": ["The levee bill passed the Senate, and dry weather is expected."]})
    u = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.62, 0.62, 0.48]])
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    plain = _model(threshold=0.9, floor=0.99, hub_k=0, split_candidates=2)
    split = {a.claims for a in align_claims(claims, u, model=plain) if a.method.endswith("+split")}
    assert split == {("a:0", "b:0"), ("a:1", "b:0")}
    gated = dataclasses.replace(plain, fact_scorer=_only("rare_share", 40.0, -10.0), split_fact_floor=0.5)
    assert {a.claims for a in align_claims(claims, u, model=gated)} == {("a:0", "b:0")}


def test_shipped_model_has_the_fact_scorer_on():
    model = load_model()
    assert model.fact_scorer is not None and model.fact_threshold is not None
    assert model.split_fact_floor > 0 and set(model.fact_scorer.features) <= set(FEATURES)


def test_fact_scorer_saturates_without_an_overflow_warning():
    import warnings

    scorer = _only(FEATURES[0], coef=1.0, intercept=0.0)
    x = np.zeros((3, len(FEATURES)))
    x[:, 0] = [-5000.0, 0.0, 5000.0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        p = scorer.score(x)
    assert p[0] == 0.0 and p[1] == 0.5 and p[2] == 1.0
