"""The seed event end to end, with the real model and spaCy (issue 2's acceptance checks)."""

import json

import pytest

from conftest import claim_containing

pytestmark = pytest.mark.slow


def _aligned(comp, a, b) -> bool:
    return any({a.id, b.id} <= set(al.claims) for al in comp.alignments)


def _omission_for(comp, claim, missing_article):
    for f in comp.findings:
        if f.kind == "omission" and claim.id in {e.claim for e in f.evidence}:
            return missing_article in f.details["missing_from"]
    return False


def test_two_outlets_loaded(seed_comparison):
    assert [a.outlet for a in seed_comparison.articles] == ["Daily Caller News Foundation", "Fox News"]


def test_irs_addresses_claims_align(seed_comparison):
    dc = claim_containing(seed_comparison, "Daily Caller", "ordered the Internal Revenue Service (IRS) to stop sharing home addresses with ICE")
    fox = claim_containing(seed_comparison, "Fox", "blocking the Internal Revenue Service (IRS) from providing residential addresses to Immigration and Customs Enforcement (ICE)")
    assert _aligned(seed_comparison, dc, fox)


def test_second_judge_claims_align(seed_comparison):
    dc = claim_containing(seed_comparison, "Daily Caller", "The ruling makes Talwani the second federal judge")
    fox = claim_containing(seed_comparison, "Fox", "Talwani is the second judge to block")
    assert _aligned(seed_comparison, dc, fox)


def test_omissions_each_way(seed_comparison):
    """The lawsuit and the addresses figure are carried by one outlet each, and each is reported as
    missing from the other: the other outlet has an IRS sentence close to it (cosine 0.43 / 0.52),
    but not the fact's anchors ("roughly $10 billion", "over 47,000"), so the omission stands
    (fact-level evidence, comparator.detect.omission_anchors). Every omission names its carriers
    and non-carriers correctly."""
    lawsuit = claim_containing(seed_comparison, "Daily Caller", "$10 billion")
    addresses = claim_containing(seed_comparison, "Fox", "over 47,000 addresses")
    assert _omission_for(seed_comparison, lawsuit, "fox-news")
    assert _omission_for(seed_comparison, addresses, "daily-caller")
    omissions = [f for f in seed_comparison.findings if f.kind == "omission"]
    for f in omissions:
        carried = {e.article for e in f.evidence}
        assert carried == set(f.details["carried_by"])
        assert not carried & set(f.details["missing_from"])
    assert not _omission_for(seed_comparison, lawsuit, "daily-caller")
    assert not _omission_for(seed_comparison, addresses, "fox-news")


def test_caption_and_footer_are_boilerplate(seed_comparison):
    caption = claim_containing(seed_comparison, "Daily Caller", "Screen Capture/PBS NewsHour")
    footer = claim_containing(seed_comparison, "Daily Caller", "All content created by the Daily Caller News Foundation")
    assert caption.boilerplate and footer.boilerplate
    assert not any(al for al in seed_comparison.alignments if caption.id in al.claims or footer.id in al.claims)
    real = [c for c in seed_comparison.claims if c.boilerplate]
    assert all("Talwani" not in c.text for c in real)


def test_quotes_and_speakers(seed_comparison):
    second = claim_containing(seed_comparison, "Daily Caller", "Second, there is significant hardship")
    assert second.voice in ("quoted", "mixed") and second.speaker == "Indira Talwani"
    for text in ("We disagree with this activist judge", "Information sharing across agencies is essential"):
        dhs = claim_containing(seed_comparison, "Fox", text)
        assert dhs.voice == "quoted"
        assert "DHS" in dhs.speaker and "spokesperson" in dhs.speaker


def test_claim_offsets_are_exact(seed_comparison):
    for c in seed_comparison.claims:
        assert seed_comparison.article(c.article).text[c.start:c.end] == c.text
    for f in seed_comparison.findings:
        for e in f.evidence:
            assert seed_comparison.article(e.article).text[e.start:e.end] == e.text


def test_report_matches_schema_and_is_deterministic(seed_comparison, seed_dir, tmp_path):
    import comparator
    from comparator.render.json import to_json, validate

    data = json.loads(to_json(seed_comparison))
    validate(data)
    assert data["tool"]["embedding_model_sha256"]
    again = comparator.compare([seed_dir], cache_dir=str(tmp_path))
    assert to_json(again) == to_json(seed_comparison)


def test_frames(seed_comparison):
    for name in ("claims", "alignments", "findings"):
        frame = seed_comparison.to_frame(name)
        assert len(frame) > 0
