"""Field cases of alignment and omissions (invented text, real model and spaCy: slow).

Each stands for a kind: a pronoun-led sentence, a short fact stated by a shared
tally, a subhead that became a hub, a weaker pair riding along beside an
identical one (tests/data/alignment/<case>/).
"""

from __future__ import annotations

from pathlib import Path

import pytest

CASES = Path(__file__).resolve().parent / "data" / "alignment"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def compare_case(tmp_path_factory):
    import comparator

    cache = str(tmp_path_factory.mktemp("cache"))
    done = {}

    def run(name):
        if name not in done:
            done[name] = comparator.compare([CASES / name], cache_dir=cache)
        return done[name]

    return run


def _pairs(comp):
    return {frozenset(comp.claim(c).text for c in a.claims) for a in comp.alignments}


def _omitted(comp):
    return [f.evidence[0].text for f in comp.findings if f.kind == "omission"]


def test_pronoun_led_sentence_aligns_with_its_antecedent_s_claim(compare_case):
    comp = compare_case("e-pronoun-sentence-misaligned")
    she = "She encouraged asylum-seekers to stay in Tovar."
    lind = ("Interior Secretary Kara Lind has encouraged the migrants to seek shelter in the first "
            "safe country they enter, including Tovar.")
    assert frozenset({she, lind}) in _pairs(comp)
    assert not any(she in p and "She defended the migrants' right to seek asylum in Ostia." in p
                   for p in _pairs(comp))
    assert not any(t.startswith("Interior Secretary Kara Lind has encouraged") for t in _omitted(comp))


def test_a_short_fact_aligns_on_its_shared_tally(compare_case):
    comp = compare_case("e-short-fact-not-aligned")
    pair = frozenset({"The final tally was 97-1.", "This followed a 97-1 vote hours earlier in the Senate."})
    assert pair in _pairs(comp)
    assert not any("97-1" in t for t in _omitted(comp))


def test_a_subhead_is_no_hub_and_a_repeated_caption_is_reported_once(compare_case):
    comp = compare_case("e-subhead-and-caption-hubs")
    assert not any("Hurdles to asylum" in p for p in _pairs(comp))
    caption = [t for t in _omitted(comp) if t.startswith("Marchers and supporters gathered")]
    assert len(caption) <= 1


def test_a_weaker_match_does_not_ride_along(compare_case):
    comp = compare_case("e-weaker-match-rides-along")
    senate = "The water bill passed the Senate on Tuesday by a vote of 60 to 40."
    house = "The water bill passed the House on Tuesday by a vote of 220 to 210."
    assert _pairs(comp) == {frozenset({senate})}  # the identical sentences, one pair
    assert house in _omitted(comp)
    assert not [f for f in comp.findings if f.kind == "divergent_fact"]
