"""Field case 16: news at the end (or start) of a ~330-piece sentence is not cut at the model's window.

tests/data/corpora/long-sentence/{end,start} are copies of the field case
(invented text): Lakeview Courier buries "the board voted 5-2 to sell the
Lakeview bus depot to Corvin Logistics for $18 million" at the end (or start)
of one 300-word sentence; Metro Ledger says $16 million in a short one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CASE = Path(__file__).resolve().parent / "data" / "corpora" / "long-sentence"


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    import comparator

    cache = str(tmp_path_factory.mktemp("cache"))
    return {name: comparator.compare([CASE / name], cache_dir=cache) for name in ("end", "start")}


def _long_and_short(comp):
    long = next(c for c in comp.claims if "Corvin" in c.text and comp.article(c.article).outlet == "Lakeview Courier")
    short = next(c for c in comp.claims if "Corvin" in c.text and comp.article(c.article).outlet == "Metro Ledger")
    return long, short


@pytest.mark.slow
@pytest.mark.parametrize("where", ["end", "start"])
def test_long_sentence_is_longer_than_the_window_and_still_aligns(runs, where):
    from comparator.embed import load_encoder
    from comparator.embed.windows import windows

    comp = runs[where]
    long, short = _long_and_short(comp)
    enc = load_encoder(comparator_settings())
    enc._load()
    assert len(windows(enc._tokenizer, [long.text], enc.spec.max_seq_length)) >= 2
    pairs = [set(a.claims) for a in comp.alignments]
    assert {long.id, short.id} in pairs


@pytest.mark.slow
@pytest.mark.parametrize("where", ["end", "start"])
def test_the_price_divergence_is_found_and_neither_is_an_omission(runs, where):
    comp = runs[where]
    long, short = _long_and_short(comp)
    prices = [f for f in comp.findings if f.kind == "divergent_fact" and "$18 million" in f.message
              and "$16 million" in f.message]
    assert prices, [f.message for f in comp.findings]
    omitted = {e.claim for f in comp.findings if f.kind == "omission" for e in f.evidence}
    assert long.id not in omitted and short.id not in omitted


def comparator_settings():
    from comparator.config import Settings

    return Settings(cache=False)
