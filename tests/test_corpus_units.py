"""Corpus mode parts without models: streaming input, bootstrap statistics, story grouping."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from comparator.corpus.aggregates import MIN_EVENTS, RESAMPLES, outlet_statistics
from comparator.corpus.events import event_key
from comparator.corpus.grouping import GroupingSettings, StoryKey, group_stories
from comparator.corpus.inputs import BadRecord, EventFolder, iter_inputs
from comparator.errors import MissingPathError, UnsupportedFormatError
from comparator.types import Article


def _counts(rows):
    return pd.DataFrame(rows, columns=["event", "outlet", "metric", "category", "value"])


def _events(outlet, omitted, compared):
    rows = []
    for n, (o, c) in enumerate(zip(omitted, compared)):
        rows += [(f"e{n}", outlet, "events", "", 1.0), (f"e{n}", outlet, "omitted", "", float(o)),
                 (f"e{n}", outlet, "compared_facts", "", float(c))]
    return rows


def test_ratio_of_sums_and_a_deterministic_bootstrap_interval():
    omitted, compared = [1, 0, 2, 1, 3, 0, 1, 2], [4, 5, 4, 6, 5, 3, 4, 5]
    table = outlet_statistics(_counts(_events("A", omitted, compared)))
    row = table[table["statistic"] == "omission rate"].iloc[0]
    assert row["value"] == pytest.approx(100 * sum(omitted) / sum(compared))
    assert row["ci_low"] <= row["value"] <= row["ci_high"] and row["events"] == len(omitted)
    # brute-force oracle: the same resampling by hand
    rng = np.random.default_rng(0)
    o, c = np.array(omitted, float), np.array(compared, float)
    picks = rng.integers(0, len(o), size=(RESAMPLES, len(o)))
    manual = 100 * o[picks].sum(1) / c[picks].sum(1)
    low, high = np.percentile(manual, [2.5, 97.5])
    assert abs(row["ci_low"] - low) < 5 and abs(row["ci_high"] - high) < 5  # another seed, same distribution
    again = outlet_statistics(_counts(_events("A", omitted, compared)))
    pd.testing.assert_frame_equal(table, again)


def test_no_interval_from_too_few_events_and_no_rank_column():
    table = outlet_statistics(_counts(_events("A", [1] * (MIN_EVENTS - 1), [3] * (MIN_EVENTS - 1))))
    assert table["ci_low"].isna().all() and "rank" not in table.columns


def test_loaded_language_total_and_per_category():
    rows = []
    for n in range(6):
        rows += [(f"e{n}", "A", "events", "", 1.0), (f"e{n}", "A", "own_words", "", 500.0),
                 (f"e{n}", "A", "loaded_own", "epithet", 1.0), (f"e{n}", "A", "loaded_own", "scare_quotes", 2.0)]
    table = outlet_statistics(_counts(rows))
    loaded = table[table["statistic"] == "loaded language (own voice)"].set_index("category", drop=False)
    assert loaded.loc[loaded["category"].isna(), "value"].iloc[0] == pytest.approx(6.0)  # 3 per 500 words
    assert loaded.loc["epithet", "value"] == pytest.approx(2.0)


def _key(i, vec, when=0.0, ents=("riverton",)):
    v = np.asarray(vec, dtype=np.float32)
    return StoryKey(i, when, v / np.linalg.norm(v), frozenset(ents))


def test_grouping_average_link_does_not_chain():
    # a-b similar, b-c similar, a-c not: single link would chain all three
    import math

    a, b, c = ([math.cos(math.radians(d)), math.sin(math.radians(d)), 0] for d in (0, 25, 60))
    labels = group_stories([_key(0, a), _key(1, b), _key(2, c)], GroupingSettings(threshold=0.75))
    assert labels[0] == labels[1] != labels[2]


def test_grouping_needs_a_shared_entity_and_the_date_window():
    v = [1, 0, 0]
    assert len(set(group_stories([_key(0, v), _key(1, v, ents=("salem",))]))) == 2
    assert len(set(group_stories([_key(0, v, when=0), _key(1, v, when=10)]))) == 2
    assert len(set(group_stories([_key(0, v, when=0), _key(1, v, when=1)]))) == 1
    assert len(set(group_stories([_key(0, v, when=None), _key(1, v, when=1)]))) == 1
    # without a date, only a near-identical key joins (the undated threshold)
    close = [1, 0.5, 0]  # cosine 0.89 with v
    loose = [1, 0.9, 0]  # cosine 0.74 with v
    assert len(set(group_stories([_key(0, v, when=None), _key(1, close, when=1)]))) == 1
    assert len(set(group_stories([_key(0, v, when=None), _key(1, loose, when=1)]))) == 2
    assert len(set(group_stories([_key(0, v, when=0), _key(1, loose, when=1)]))) == 1


def _headed(i, vec, title, when=0.0, named=True):
    from comparator.corpus.grouping import headline_key

    v = np.asarray(vec, dtype=np.float32)
    return StoryKey(i, when, v / np.linalg.norm(v), frozenset({"riverton"}), headline_key(title) if named else "")


def test_identical_headlines_in_the_window_are_one_story():
    # leads that say opposite things (cosine 0 here) under the same headline on the same day: one story
    a, b = [1, 0, 0], [0, 1, 0]
    assert len(set(group_stories([_headed(0, a, "Pellam fire update"), _headed(1, b, "Pellam Fire Update!")]))) == 1
    assert len(set(group_stories([_headed(0, a, "Pellam’s fire: update", when=0),
                                  _headed(1, b, "Pellam's fire update", when=2)]))) == 1


@pytest.mark.parametrize("first, second", [
    (dict(title="Pellam fire update"), dict(title="Pellam fire update", when=10)),   # outside the window
    (dict(title="Pellam fire update"), dict(title="Pellam fire update", when=None)),  # undated
    (dict(title="Letters to the editor", named=False), dict(title="Letters to the editor", named=False)),
    (dict(title="Pellam update"), dict(title="Pellam update")),  # too short to tell
    (dict(title="Pellam fire update"), dict(title="Pellam flood update")),
])
def test_headlines_join_only_when_identical_dated_and_named(first, second):
    keys = [_headed(0, [1, 0, 0], **first), _headed(1, [0, 1, 0], **second)]
    assert len(set(group_stories(keys))) == 2


def test_only_headlines_that_name_something_are_kept_for_joining():
    from comparator.corpus.grouping import key_text, story_keys
    from tests.conftest import FakeEncoder

    titles = ["Pellam fire update", "Letters to the editor", "Police blotter for the week", None]
    texts = [key_text(t, "The council met on Tuesday.") for t in titles]
    keys = story_keys(texts, ["2024-06-20"] * 4, FakeEncoder(), titles=titles)
    assert [k.headline for k in keys] == ["pellam fire update", "", "", ""]


def test_event_keys_are_file_safe_and_distinct():
    keys = {event_key(n) for n in ["a/b", "a b", "A-B", "../x", "é"]}
    assert len(keys) == 5 and all("/" not in k and not k.startswith(".") for k in keys)


def test_streaming_input_kinds_and_bad_records(tmp_path):
    (tmp_path / "c.jsonl").write_text(
        json.dumps({"story": 7, "outlet": "X", "text": "Some words here.", "date": "2024-01-02"}) + "\n"
        "not json\n" + json.dumps({"outlet": "Y"}) + "\n", encoding="utf-8")
    items = list(iter_inputs([tmp_path / "c.jsonl"], event_field="story", date_field="date"))
    assert isinstance(items[0], Article) and items[0].meta["event"] == "7" and items[0].published == "2024-01-02"
    assert [type(i) for i in items[1:]] == [BadRecord, BadRecord]
    assert "text" in items[2].reason
    folder = tmp_path / "events"
    (folder / "one").mkdir(parents=True)
    (folder / "two").mkdir()
    assert [type(i) for i in iter_inputs([folder])] == [EventFolder, EventFolder]
    with pytest.raises(MissingPathError):
        list(iter_inputs([tmp_path / "nope.jsonl"]))
    (tmp_path / "x.txt").write_text("hi")
    with pytest.raises(UnsupportedFormatError):
        list(iter_inputs([tmp_path / "x.txt"]))


def test_input_is_streamed_not_read_whole(tmp_path, monkeypatch):
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps({"event": f"e{i}", "outlet": "X", "text": f"Text {i}."}) + "\n"
                            for i in range(50)), encoding="utf-8")
    stream = iter_inputs([path])
    first = next(stream)
    assert first.meta["event"] == "e0"  # produced before the rest of the file is parsed
    assert sum(1 for _ in stream) == 49


def test_interval_plot_is_static_deterministic_svg():
    from comparator.corpus.plots import interval_plot

    rows = pd.DataFrame({"outlet": ["B Post", "A Times"], "value": [2.0, 1.0], "ci_low": [1.5, 0.5],
                         "ci_high": [2.5, 1.5]}).astype({"ci_low": "Float64", "ci_high": "Float64"})
    one, two = interval_plot(rows, "omission rate", "%"), interval_plot(rows, "omission rate", "%")
    assert one == two and one.lstrip().startswith("<?xml") and "<svg" in one
    assert "<script" not in one and "http://www.w3.org" in one and "href=\"http" not in one
    assert "A Times" in one and "B Post" in one  # svg.fonttype none: labels stay text


def test_worker_processes_run_onnx_on_one_thread_each(monkeypatch):
    from pathlib import Path

    from comparator.embed.onnx import THREADS_ENV, OnnxModel

    monkeypatch.delenv(THREADS_ENV, raising=False)
    assert OnnxModel(Path("m.onnx"), ()).threads == 0  # one process: ONNX Runtime's default
    monkeypatch.setenv(THREADS_ENV, "1")
    assert OnnxModel(Path("m.onnx"), ()).threads == 1
    assert OnnxModel(Path("m.onnx"), (), threads=3).threads == 3


def test_unreachable_dask_scheduler_is_a_config_error(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    from comparator.corpus import compare_corpus, runner
    from comparator.errors import ConfigError

    monkeypatch.setattr(runner, "CONNECT_TIMEOUT", 2)
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"event": "e", "outlet": "X", "text": "Words."}) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot connect to the Dask scheduler"):
        compare_corpus([path], tmp_path / "out", scheduler="dask", address="tcp://127.0.0.1:9")
