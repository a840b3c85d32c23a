"""Omission findings from hand-built comparisons (no models)."""

import dataclasses

from comparator.detect import Context, finalize_findings
import numpy as np
import pytest

from comparator.detect.omissions import claim_groups, find_omissions, is_fragment
from comparator.types import Claim
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
    vecs["beta:1"] = 0.3 * vecs["gamma:1"] + np.sqrt(0.91) * vecs["beta:1"]  # cosine 0.3
    for al in comp.alignments:  # aligned claims say the same fact: close vectors
        vecs[al.claims[1]] = vecs[al.claims[0]]
    ctx = Context(settings=Settings(), shared={"vectors": vecs})
    found = {tuple(e.claim for e in f.evidence): f for f in find_omissions(comp, ctx)}
    assert found[("gamma:1",)].confidence == pytest.approx(0.7)
    assert found[("gamma:1",)].details["nearest"]["beta"] == {"claim": "beta:1", "semantic": 0.3}
    assert found[("alpha:3", "beta:2")].confidence == 1.0


def test_an_outlet_with_a_close_unaligned_claim_is_not_charged():
    """alpha:2 says nearly what gamma:1 says but aligned with nothing: it may be a paraphrase."""
    comp = make_comparison()
    vecs = {c.id: np.eye(len(comp.claims))[i] for i, c in enumerate(comp.claims)}
    vecs["alpha:2"] = vecs["gamma:1"]
    ctx = Context(settings=Settings(), shared={"vectors": vecs})
    found = {tuple(e.claim for e in f.evidence): f for f in find_omissions(comp, ctx)}
    assert found[("gamma:1",)].details["missing_from"] == ["beta"]
    # the close claim has a near-identical partner that says all it says: the fact is still missing
    vecs["alpha:1"] = vecs["gamma:1"]
    vecs["alpha:2"] = np.eye(len(comp.claims))[2]
    twin = dataclasses.replace(comp.alignments[0], score=0.95)  # alpha:1 = beta:0
    comp2 = dataclasses.replace(comp, alignments=(twin,) + comp.alignments[1:])
    found = {tuple(e.claim for e in f.evidence): f for f in find_omissions(comp2, ctx)}
    assert found[("gamma:1",)].details["missing_from"] == ["alpha", "beta"]
    # ... but not when the close claim says more than its twin, namely the fact itself
    said = dataclasses.replace(comp2.claim("alpha:1"),
                               text="A city judge on Monday halted the toll; commuter groups had sued in January.")
    comp3 = dataclasses.replace(comp2, claims=tuple(said if c.id == "alpha:1" else c for c in comp2.claims))
    found = {tuple(e.claim for e in f.evidence): f for f in find_omissions(comp3, ctx)}
    assert found[("gamma:1",)].details["missing_from"] == ["beta"]


def _replace_claim(comp, claim_id, **kw):
    claims = tuple(dataclasses.replace(c, **kw) if c.id == claim_id else c for c in comp.claims)
    return dataclasses.replace(comp, claims=claims)


def test_quote_fragments_and_cut_excerpts_are_not_omissions():
    comp = make_comparison()
    assert any(tuple(e.claim for e in f.evidence) == ("gamma:1",) for f in _findings(comp))
    for kw in ({"text": "Commuter groups had sued in January …"},
               {"text": '"ignores commuters"', "voice": "quoted"}):
        cut = _replace_claim(comp, "gamma:1", **kw)
        assert not any(tuple(e.claim for e in f.evidence) == ("gamma:1",) for f in _findings(cut))
    assert is_fragment(Claim(id="x:0", article="x", index=0, paragraph=0, text="It passed.", start=0,
                             end=10))
    assert not is_fragment(Claim(id="x:0", article="x", index=0, paragraph=0,
                                 text="The final tally was 97-1.", start=0, end=25))
    for text in ("Lena Duarte said.", "airfield, the company said on Monday.",  # attribution, mid-sentence
                 "Here's an excerpt from the Harbor Herald report:",  # a lead-in announcing what follows
                 "The mayor posted this statement on Friday evening:"):
        assert is_fragment(Claim(id="x:0", article="x", index=0, paragraph=0, text=text, start=0,
                                 end=len(text)))


def test_a_truncated_article_is_not_charged_with_what_comes_after_its_end():
    comp = make_comparison()
    arts = tuple(dataclasses.replace(a, truncated=True) if a.id == "gamma" else a for a in comp.articles)
    cut = dataclasses.replace(comp, articles=arts)
    found = {tuple(e.claim for e in f.evidence): f for f in _findings(cut)}
    # alpha:3/beta:2 (the 12/14 dollars) sit past gamma's last claim (index 1): not charged
    assert ("alpha:3", "beta:2") not in found
    # gamma itself still names what it carries, and early facts are still compared
    assert found[("gamma:1",)].details["missing_from"] == ["alpha", "beta"]
    assert ("alpha:3", "beta:2") in {tuple(e.claim for e in f.evidence) for f in _findings(comp)}


def test_a_repeated_paragraph_is_one_omission():
    comp = make_comparison()
    twin = dataclasses.replace(comp.claim("gamma:1"), id="gamma:9", index=9)
    dup = dataclasses.replace(comp, claims=comp.claims + (twin,))
    texts = [f.evidence[0].text for f in _findings(dup) if f.evidence[0].article == "gamma"]
    assert texts.count("Commuter groups had sued in January.") == 1


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
