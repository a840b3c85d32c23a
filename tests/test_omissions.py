"""Omission findings from hand-built comparisons (no models)."""

import dataclasses

from comparator.detect import Context, finalize_findings
from comparator.detect.omissions import claim_groups, find_omissions
from comparator.config import Settings
from factories import make_comparison


def _findings(comp):
    return find_omissions(comp, Context(settings=Settings()))


def test_groups_are_connected_components():
    comp = make_comparison()
    groups = {tuple(c.id for c in g) for g in claim_groups(comp)}
    assert ("alpha:1", "beta:0", "gamma:0") in groups
    assert all("alpha:0" not in g and "alpha:4" not in g for g in groups)  # boilerplate left out


def test_claim_carried_by_all_outlets_is_not_an_omission():
    comp = make_comparison()
    found = _findings(comp)
    evidence_claims = {e.claim for f in found for e in f.evidence}
    assert "alpha:1" not in evidence_claims


def test_partial_coverage_names_who_carries_and_who_does_not():
    comp = make_comparison()
    by_claims = {tuple(e.claim for e in f.evidence): f for f in _findings(comp)}
    f = by_claims[("alpha:3", "beta:2")]
    assert f.details["carried_by"] == ["alpha", "beta"]
    assert f.details["missing_from"] == ["gamma"]
    assert "Gamma Wire does not" in f.message
    only = by_claims[("gamma:1",)]
    assert only.message.startswith("Only Gamma Wire reports")
    assert only.details["missing_from"] == ["alpha", "beta"]
    assert "Alpha Daily" in only.message and "Beta News" in only.message


def test_evidence_is_exact_article_text():
    comp = make_comparison(hostile=True)
    for f in _findings(comp):
        for e in f.evidence:
            assert comp.article(e.article).text[e.start:e.end] == e.text


def test_confidence_uses_nearest_claim_similarity():
    comp = make_comparison()
    import numpy as np

    vecs = {c.id: np.eye(len(comp.claims))[i] for i, c in enumerate(comp.claims)}
    vecs["alpha:2"] = vecs["gamma:1"]  # pretend gamma:1 says nearly what alpha:2 says
    ctx = Context(settings=Settings(), shared={"vectors": vecs})
    found = {tuple(e.claim for e in f.evidence): f for f in find_omissions(comp, ctx)}
    assert found[("gamma:1",)].confidence == 0.0
    assert found[("alpha:3", "beta:2")].confidence == 1.0


def test_finalize_orders_and_numbers_deterministically():
    comp = make_comparison()
    found = _findings(comp)
    order = {a.id: i for i, a in enumerate(comp.articles)}
    a = finalize_findings(found, order)
    b = finalize_findings(list(reversed(found)), order)
    assert a == b
    assert [f.id for f in a] == [f"omission-{i:03d}" for i in range(1, len(a) + 1)]
    mixed = finalize_findings(found + [dataclasses.replace(comp.findings[0], id="")], order)
    assert mixed[0].kind == "divergent_fact"  # errors first
