"""Alignment: selection rule, ordering, the shipped model file, and the seed event (slow)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from comparator.align import (AlignmentModel, align_claims, find_splits, load_model,
                              select_counterparts, select_pairs, unique_coverage)
from comparator.errors import ConfigError
from comparator.scorers import FEATURES, token_set_ratio
from comparator.types import Claim


def make_claims(articles: dict[str, list[str]]) -> list[Claim]:
    out = []
    for aid, sentences in articles.items():
        pos = 0
        for i, s in enumerate(sentences):
            out.append(Claim(id=f"{aid}:{i}", article=aid, index=i, paragraph=i, text=s,
                             start=pos, end=pos + len(s)))
            pos += len(s) + 1
    return out


ARTICLES = {
    "alpha": [
        "A city judge on Monday halted the bridge toll increase planned by the transit agency.",
        "The toll would have risen to 12 dollars in March.",
        "Commuter groups had sued the agency in January over the plan.",
    ],
    "beta": [
        "The weather was cold and windy across the region all week.",
        "On Monday a city judge halted the planned bridge toll increase of the transit agency.",
        "The toll would have risen to 14 dollars in March, officials said.",
    ],
    "gamma": [
        "Bakeries reported record sales of rye bread this spring.",
    ],
}


def test_aligns_matching_claims_one_to_one_and_orders_them(fake_encoder):
    claims = make_claims(ARTICLES)
    vectors = fake_encoder.encode([c.text for c in claims])
    got = align_claims(claims, vectors)
    pairs = [a.claims for a in got]
    assert ("alpha:0", "beta:1") in pairs
    assert ("alpha:1", "beta:2") in pairs  # same claim, different number: aligned
    assert not any("gamma:0" in p for p in pairs)
    assert not any("beta:0" in p for p in pairs)
    assert pairs == sorted(pairs, key=lambda p: [(c.split(":")[0], int(c.split(":")[1])) for c in p])
    model = load_model()
    for a in got:
        assert a.method in (model.method, model.method + "+counterpart", model.method + "+split")
        assert 0.0 <= a.score <= 1.0 and a.score >= model.counterpart_floor
        if a.method == model.method:
            assert a.score >= model.threshold
        i, j = (next(k for k, c in enumerate(claims) if c.id == cid) for cid in a.claims)
        assert a.semantic == pytest.approx(float(vectors[i] @ vectors[j]), abs=1e-5)
        assert a.lexical == pytest.approx(token_set_ratio(claims[i].text, claims[j].text), abs=1e-5)


def test_result_does_not_depend_on_claim_order_within_articles(fake_encoder):
    claims = make_claims(ARTICLES)
    vectors = fake_encoder.encode([c.text for c in claims])
    perm = [2, 1, 0, 5, 3, 4, 6]
    shuffled = align_claims([claims[i] for i in perm], vectors[perm])
    assert shuffled == align_claims(claims, vectors)


def test_min_score_overrides_the_fitted_threshold(fake_encoder):
    claims = make_claims(ARTICLES)
    vectors = fake_encoder.encode([c.text for c in claims])
    assert align_claims(claims, vectors, min_score=1.01) == ()
    loose = align_claims(claims, vectors, min_score=0.0)
    # every claim gets at least its best match in each other article
    touched = {cid for a in loose for cid in a.claims}
    assert touched == {c.id for c in claims}


def test_a_sentence_split_in_two_aligns_with_both_parts(fake_encoder):
    claims = make_claims({
        "long": ["The judge blocked the tax agency from sharing home addresses with immigration agents, "
                 "and she said the data deal breaks the taxpayer privacy law."],
        "short": ["The judge blocked the tax agency from sharing home addresses with immigration agents.",
                  "She said the data deal breaks the taxpayer privacy law.",
                  "Officials plan to appeal the ruling next week."],
    })
    vectors = fake_encoder.encode([c.text for c in claims])
    pairs = {a.claims for a in align_claims(claims, vectors)}
    assert pairs == {("long:0", "short:0"), ("long:0", "short:1")}


def test_single_article_and_empty_inputs_align_nothing(fake_encoder):
    claims = make_claims({"solo": ["One claim.", "Another claim."]})
    assert align_claims(claims, fake_encoder.encode([c.text for c in claims])) == ()
    assert align_claims([], np.zeros((0, 8), dtype=np.float32)) == ()
    with pytest.raises(ValueError, match="one vector row per claim"):
        align_claims(claims, np.zeros((3, 8), dtype=np.float32))


@settings(max_examples=80, deadline=None)
@given(prob=arrays(np.float64, st.tuples(st.integers(0, 5), st.integers(0, 5)),
                   elements=st.floats(0, 1)),
       threshold=st.floats(0, 1), margin=st.floats(0, 0.5), mutual=st.booleans())
def test_select_pairs_matches_brute_force(prob, threshold, margin, mutual):
    want = []
    for i in range(prob.shape[0]):
        for j in range(prob.shape[1]):
            p = prob[i, j]
            near_row = p >= max(prob[i, :]) - margin
            near_col = p >= max(prob[:, j]) - margin
            if p >= threshold and ((near_row and near_col) if mutual else (near_row or near_col)):
                want.append((i, j))
    assert select_pairs(prob, threshold, margin, mutual=mutual) == want


@settings(max_examples=80, deadline=None)
@given(prob=arrays(np.float64, st.tuples(st.integers(0, 5), st.integers(0, 5)),
                   elements=st.floats(0, 1)),
       floor=st.floats(0, 1), mutual=st.booleans())
def test_select_counterparts_matches_brute_force(prob, floor, mutual):
    want = []
    for i in range(prob.shape[0]):
        for j in range(prob.shape[1]):
            p = prob[i, j]
            row_best, col_best = p >= max(prob[i, :]), p >= max(prob[:, j])
            if p >= floor and ((row_best and col_best) if mutual else (row_best or col_best)):
                want.append((i, j))
    assert select_counterparts(prob, floor, mutual) == want


def _tiered_model(**kw) -> AlignmentModel:
    """Probability = logistic(10 * cosine - 5)."""
    base = dict(method="cos", features=("cosine",), coef=(10.0,), intercept=-5.0, threshold=0.5,
                margin=0.1, split_candidates=0, floor=0.2, mutual=True)
    return AlignmentModel(**{**base, **kw})


def test_counterparts_below_the_paraphrase_threshold_align_when_mutually_best():
    """a0-b0 is the mutual best match below the paraphrase threshold; a1's best is b0 too."""
    claims = make_claims({"a": ["alpha claim number one", "alpha claim number two"],
                          "b": ["beta claim number one", "beta claim number two"]})
    cos = np.array([[0.45, 0.1], [0.4, 0.05]])
    a = np.stack([np.r_[row, np.sqrt(1 - row @ row), 0.0] for row in cos])
    vectors = np.concatenate([a, np.eye(4)[:2]])
    p = 1 / (1 + np.exp(-(10 * cos - 5)))  # a0-b0 0.378, a1-b0 0.269, others < 0.02
    got = align_claims(claims, vectors, model=_tiered_model())
    assert [(x.claims, x.method) for x in got] == [(("a:0", "b:0"), "cos+counterpart")]
    assert got[0].score == pytest.approx(p[0, 0])
    # either-side best also takes a1-b0 (a1's best, above the floor); b1's best is below it
    either = align_claims(claims, vectors, model=_tiered_model(mutual=False))
    assert [x.claims for x in either] == [("a:0", "b:0"), ("a:1", "b:0")]
    # without a floor only the paraphrase rule applies; min_score replaces both operating points
    assert align_claims(claims, vectors, model=_tiered_model(floor=None)) == ()
    assert [(x.claims, x.method) for x in align_claims(claims, vectors, min_score=0.3,
                                                       model=_tiered_model())] == [
        (("a:0", "b:0"), "cos")]


def test_unique_coverage_counts_row_words_only_one_part_has():
    row = "The judge blocked the tax agency from sharing addresses and cited privacy law"
    assert unique_coverage(row, "The judge blocked the tax agency", "She cited privacy law") == \
        pytest.approx(4 / 9)  # judge blocked tax agency / 9 content words of the row
    assert unique_coverage(row, "The judge blocked it", "The judge blocked the tax agency") == 0.0
    assert unique_coverage("", "a", "b") == 0.0


def test_a_union_counts_only_when_both_parts_contribute():
    """Row = e0 + e1 in meaning; the union must beat the best single by ``split_gain`` and each
    part must cover alone ``split_coverage`` of the row's content words."""
    model = AlignmentModel(method="cos", features=("cosine",), coef=(10.0,), intercept=-7.0,
                           threshold=0.8, margin=0.0, split_candidates=3, split_gain=0.1,
                           split_coverage=0.2)
    e = np.eye(4, dtype=np.float32)
    row = (e[0] + e[1]) / np.sqrt(2)
    texts = ["The judge blocked the tax agency from sharing addresses and cited the privacy law."]
    both = ["The judge blocked the tax agency from sharing addresses.", "She cited the privacy law.",
            "Gamma happened."]
    prob = np.array([[0.6, 0.5, 0.1]])  # union scores logistic(10 * 1 - 7) = 0.953
    [split] = find_splits(model, prob, texts, row[None], both, e[:3], 0.8)
    assert (split.first, split.second) == (0, 1)
    # second part repeats the first one's words plus one new word: it does not contribute
    weak = ["The judge blocked the tax agency from sharing addresses.",
            "The judge blocked the tax agency, she said.", "Gamma happened."]
    assert find_splits(model, prob, texts, row[None], weak, e[:3], 0.8) == []
    # the union beats the best single, but by less than split_gain
    close = np.array([[0.9, 0.5, 0.1]])
    assert find_splits(model, close, texts, row[None], both, e[:3], 0.8) == []


def test_shipped_model_file_is_complete_and_transparent():
    model = load_model()
    assert model.features[0] == "cosine"
    assert set(model.features[1:]) <= set(FEATURES)
    assert len(model.coef) == len(model.features)
    assert 0.0 < model.threshold < 1.0 and 0.0 <= model.margin < 0.5
    assert 0.0 < model.counterpart_floor < model.threshold  # the counterpart point is looser
    assert model.split_gain > 0.0 and 0.0 < model.split_coverage < 0.5
    from importlib import resources

    data = json.loads((resources.files("comparator") / "data" / "alignment.json").read_text("utf-8"))
    assert data["metrics"]["combined"]["accuracy"] > data["metrics"]["cosine"]["accuracy"]
    assert data["metrics"]["combined"]["accuracy"] > data["metrics"]["token_set_ratio"]["accuracy"]
    assert data["floor_criterion"] and "counterpart_sts_news" in data["metrics"]


def test_malformed_model_file_is_a_config_error(tmp_path):
    bad = tmp_path / "alignment.json"
    bad.write_text(json.dumps({"method": "x", "features": ["cosine", "nope"], "coef": [1, 2],
                               "intercept": 0, "threshold": 0.5}))
    with pytest.raises(ConfigError, match="unknown features"):
        load_model(str(bad))
    bad.write_text("{not json")
    with pytest.raises(ConfigError, match="cannot read"):
        load_model(str(bad))


def test_model_probability_is_a_logistic_of_the_listed_features():
    model = AlignmentModel(method="t", features=("cosine", "token_set_ratio"), coef=(2.0, 3.0),
                           intercept=-1.0, threshold=0.5, margin=0.0)
    scores = model.probability(np.array([[0.5]]), ["a b c"], ["a b c"])
    assert scores.probability[0, 0] == pytest.approx(1 / (1 + np.exp(-(-1 + 2 * 0.5 + 3 * 1.0))))


# -- the seed event, real model (slow) -----------------------------------------------


@pytest.mark.slow
def test_seed_event_alignments(seed_comparison):
    from tests.conftest import claim_containing

    comp = seed_comparison
    pairs = {frozenset(a.claims) for a in comp.alignments}
    dc_order = claim_containing(comp, "Daily Caller", "ordered the Internal Revenue Service")
    fox_lead = claim_containing(comp, "Fox", "dealt the Trump administration a blow")
    assert frozenset({dc_order.id, fox_lead.id}) in pairs
    dc_second = claim_containing(comp, "Daily Caller", "the second federal judge to temporarily block")
    fox_second = claim_containing(comp, "Fox", "Talwani is the second judge to block")
    assert frozenset({dc_second.id, fox_second.id}) in pairs
    lawsuit = claim_containing(comp, "Daily Caller", "$10 billion")
    addresses = claim_containing(comp, "Fox", "47,000 addresses")
    aligned = {cid for a in comp.alignments for cid in a.claims}
    assert lawsuit.id not in aligned and addresses.id not in aligned
    # counterpart operating point: same fact, different wording, mutual best with a clear margin
    got = {frozenset(a.claims): a for a in comp.alignments}
    dc_blocked = claim_containing(comp, "Daily Caller", "The Obama judge blocked the government agencies")
    fox_blocks = claim_containing(comp, "Fox", "The judge's order blocks ICE and the IRS")
    assert got[frozenset({dc_blocked.id, fox_blocks.id})].method.endswith("+counterpart")
    # anchor through a pronoun's antecedent: Fox "She said that the plaintiffs had ..." is read with
    # "... Talwani addressed the chilling effect this could have on tax filings by immigrants ...",
    # which shares "could have on tax filings" with the Daily Caller sentence
    dc_chill = claim_containing(comp, "Daily Caller", "chilling effect")
    fox_quote = claim_containing(comp, "Fox", "She said that the plaintiffs had")
    assert got[frozenset({dc_chill.id, fox_quote.id})].method.endswith("+anchor")
    # stricter split rule: "second judge" adds little to the order sentence, so no union
    assert frozenset({dc_order.id, fox_second.id}) not in pairs


def test_union_of_two_claims_aligns_when_it_beats_every_single_match():
    """Row claim = e1 + e2; each part alone is below the threshold, their union is above."""
    from comparator.align import find_splits

    model = AlignmentModel(method="cos", features=("cosine",), coef=(10.0,), intercept=-7.0,
                           threshold=0.8, margin=0.0, split_candidates=3)
    e = np.eye(4, dtype=np.float32)
    row = (e[0] + e[1]) / np.sqrt(2)
    claims = make_claims({"one": ["Alpha and beta happened today downtown."],
                          "two": ["Alpha happened today downtown.", "Beta happened today downtown.",
                                  "Gamma happened today downtown."]})
    vectors = np.stack([row, e[0], e[1], e[2]])
    got = align_claims(claims, vectors, model=model)
    assert [(a.claims, a.method) for a in got] == [
        (("one:0", "two:0"), "cos+split"), (("one:0", "two:1"), "cos+split")]
    assert got[0].score == pytest.approx(1 / (1 + np.exp(-3.0)))
    assert got[0].semantic == pytest.approx(np.sqrt(0.5), abs=1e-6)
    # the union must beat the best single match: not when a single claim says it all
    prob = np.array([[0.97, 0.5, 0.1]])  # union scores 0.953
    assert find_splits(model, prob, ["x"], row[None], ["a", "b", "c"], e[:3], 0.8) == []
    assert align_claims(claims, vectors, model=AlignmentModel(
        method="cos", features=("cosine",), coef=(10.0,), intercept=-7.0, threshold=0.8,
        margin=0.0, split_candidates=0)) == ()
