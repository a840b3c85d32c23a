"""Alignment decided across the comparison: no ride-along, no hubs, anchors, headlines,
boilerplate, pronoun context and triangle closure (no models: a fake encoder or exact vectors)."""

from __future__ import annotations

import dataclasses

import numpy as np

from comparator.align import AlignmentModel, align_claims, alignable, load_model
from comparator.types import Claim
from test_align import make_claims


def _model(**kw) -> AlignmentModel:
    """Probability = logistic(10 * cosine - 5): 0.5 at cosine 0.5."""
    base = dict(method="cos", features=("cosine",), coef=(10.0,), intercept=-5.0, threshold=0.5,
                margin=0.1, split_candidates=0, floor=0.2, mutual=True, paraphrase_mutual=True,
                hub_k=2, hub_margin=0.0)
    return AlignmentModel(**{**base, **kw})


def _vectors(cos_rows: np.ndarray) -> np.ndarray:
    """Unit vectors for rows (article a) and columns (article b) with the given cosines."""
    n_a, n_b = cos_rows.shape
    b = np.eye(n_b + n_a)[:n_b]
    a = []
    for k, row in enumerate(cos_rows):
        v = np.zeros(n_b + n_a)
        v[:n_b] = row
        v[n_b + k] = np.sqrt(max(0.0, 1 - row @ row))
        a.append(v)
    return np.concatenate([np.array(a), b])


def test_a_weaker_pair_never_rides_along_beside_a_near_identical_one():
    """a0 (Senate) = b0 (Senate); a1 (House) is close to b0 too, but b0 has its identical partner."""
    claims = make_claims({"a": ["The bill passed the Senate by 60 to 40 votes.",
                                "The bill passed the House by 220 to 210 votes."],
                          "b": ["The bill passed the Senate by 60 to 40 votes.",
                                "The governor is expected to sign the bill soon."]})
    vectors = _vectors(np.array([[1.0, 0.1], [0.6, 0.1]]))  # probabilities .99 and .73
    got = [a.claims for a in align_claims(claims, vectors, model=_model())]
    assert got == [("a:0", "b:0")]
    either = _model(paraphrase_mutual=False)  # the old rule kept the House sentence as well
    assert ("a:1", "b:0") in [a.claims for a in align_claims(claims, vectors, model=either)]


def test_boilerplate_and_too_short_claims_never_align():
    claims = make_claims({"a": ["Hurdles to asylum", "Migrants must prove they fear persecution."],
                          "b": ["To qualify for asylum, migrants must prove they fear persecution."]})
    claims[1] = dataclasses.replace(claims[1], boilerplate=True, boilerplate_reason="caption")
    vectors = _vectors(np.array([[0.9], [0.95]]))
    assert not alignable("Hurdles to asylum") and alignable("The final tally was 97-1.")
    assert align_claims(claims, vectors, model=_model()) == ()
    assert align_claims(claims, vectors, model=_model(), min_score=0.0) == ()


def test_headline_claims_take_part_as_their_own_claims():
    claims = make_claims({"a": ["Judge blocks IRS from sharing taxpayer data with ICE",
                                "The weather stayed cold over the weekend in Boston."],
                          "b": ["A federal judge on Thursday blocked the IRS from sharing taxpayer "
                                "addresses with immigration agents."]})
    claims[0] = dataclasses.replace(claims[0], kind="headline", index=-1)
    vectors = _vectors(np.array([[0.8], [0.05]]))
    got = align_claims(claims, vectors, model=_model())
    assert [a.claims for a in got] == [("a:0", "b:0")]


def test_a_shared_number_with_its_unit_anchors_a_short_fact():
    """'The final tally was 97-1.' is far below the threshold, yet states the 97-1 Senate vote."""
    claims = make_claims({"a": ["The Senate voted Wednesday to override the veto of the bill.",
                                "The final tally was 97-1."],
                          "b": ["Congress on Wednesday rejected the veto of the bill.",
                                "This followed a 97-1 vote hours earlier in the Senate."]})
    vectors = _vectors(np.array([[0.9, 0.3], [0.1, 0.3]]))  # a1-b1 probability 0.12
    model = _model(floor=0.5, anchor_floor=0.05)
    got = {a.claims: a.method for a in align_claims(claims, vectors, model=model)}
    assert got == {("a:0", "b:0"): "cos", ("a:1", "b:1"): "cos+anchor"}
    assert ("a:1", "b:1") not in {a.claims for a in align_claims(
        claims, vectors, model=dataclasses.replace(model, anchor_floor=None))}


def test_pronoun_led_sentence_aligns_with_the_claim_about_its_antecedent():
    """Ledger's 'She encouraged ...' is about Lind (previous sentence), not the marcher."""
    courier = ["Another marcher, Mia Sorel, teared up when she reached the park.",
               "She defended the right of migrants to seek asylum in Ostia.",
               "Interior Secretary Kara Lind has encouraged migrants to stay in Tovar."]
    ledger = ["Interior Secretary Kara Lind issued a statement on the march.",
              "She encouraged asylum-seekers to stay in Tovar."]
    claims = make_claims({"courier": courier}) + make_claims({"ledger": ledger})
    claims = [dataclasses.replace(c, paragraph=0) for c in claims]
    sorel, lind, asylum, stay = np.eye(5)[:4]
    vectors = np.stack([sorel, asylum, (lind + stay) / np.sqrt(2),  # courier
                        lind, 0.8 * asylum + 0.6 * stay])  # ledger
    plain = {a.claims for a in align_claims(claims, vectors, model=_model(threshold=0.9, floor=0.3))}
    assert ("courier:1", "ledger:1") in plain  # by its own words, "She" matches the wrong woman
    read = {a.claims for a in align_claims(claims, vectors,
                                           model=_model(threshold=0.9, floor=0.3, context=True))}
    assert ("courier:2", "ledger:1") in read and ("courier:1", "ledger:1") not in read


def test_triangle_closure_adds_the_third_side_only():
    """a0-b0 and b0-c0 align; a0-c0 is close enough to close the triangle; a1 chains nothing."""
    claims = make_claims({"a": ["The president hosted the prime minister at his estate for two days of talks."],
                          "b": ["Trump welcomed Japanese Prime Minister Abe to his Florida club."],
                          "c": ["Abe met Trump in Florida to talk about trade and North Korea."]})
    u = np.array([[1.0, 0.0, 0.0], [0.8, 0.6, 0.0], [0.45, 0.75, 0.485]])  # a-c probability .38
    u /= np.linalg.norm(u, axis=1, keepdims=True)
    model = _model(threshold=0.9, floor=0.55, hub_k=0, closure_floor=0.3)
    got = {a.claims: a.method for a in align_claims(claims, u, model=model)}
    assert got[("a:0", "b:0")] == "cos" and got[("b:0", "c:0")] == "cos"
    assert got[("a:0", "c:0")] == "cos+closure"
    assert ("a:0", "c:0") not in {a.claims for a in align_claims(
        claims, u, model=dataclasses.replace(model, closure_floor=None))}


def test_shipped_model_turns_the_comparison_rules_on():
    model = load_model()
    assert model.paraphrase_mutual and model.hub_k > 0 and model.context
    assert model.anchor_floor is not None and model.closure_floor is not None
