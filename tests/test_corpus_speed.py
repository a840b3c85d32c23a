"""Issue 16 throughput work changes no output: batched parse and encode, memo, aggregates without dask."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from comparator.config import Settings
from comparator.corpus import compare_corpus
from tests.corpus_data import STORIES, write_jsonl

pytestmark = pytest.mark.slow  # spaCy


def _events():
    from comparator.types import Article

    events = []
    for name, (date, rows) in STORIES.items():
        events.append([Article(id=f"{name}-{k}", outlet=outlet, title=title, text=text, published=date)
                       for k, (outlet, title, text) in enumerate(rows)])
    return events


def _signature(doc):
    return [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_, t.is_sent_start)
            for t in doc]


def test_one_parse_stream_gives_the_same_docs_as_one_event_at_a_time():
    from comparator.nlp import parse_articles, parse_many

    events = _events()
    together = parse_many(events)
    assert [list(d) for d in together] == [[a.id for a in e] for e in events]
    for articles, docs in zip(events, together):
        alone = parse_articles(articles)
        for a in articles:
            assert _signature(docs[a.id]) == _signature(alone[a.id])


class CountingEncoder:
    name, sha256, dim = "counting", "1" * 64, 8

    def __init__(self):
        self.calls = []

    def encode(self, texts):
        self.calls.append(list(texts))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, len(t) % self.dim] = 1.0
        return out


def test_vector_memo_answers_primed_texts_and_forwards_the_rest():
    from comparator.embed.memo import VectorMemo

    inner = CountingEncoder()
    memo = VectorMemo(inner)
    memo.prime(["a b", "c", "a b"])
    assert inner.calls == [["a b", "c"]]  # deduplicated, one call
    rows = memo.encode(["c", "a b", "dddd"])
    assert inner.calls[-1] == ["dddd"]  # only the unseen text
    assert np.array_equal(rows, inner.encode(["c", "a b", "dddd"]))
    assert (memo.hits, memo.misses) == (2, 1)
    assert memo.name == "counting" and memo.encode([]).shape == (0, 8)
    memo.clear()
    memo.encode(["c"])
    assert inner.calls[-1] == ["c"]


def test_a_sentence_vector_does_not_depend_on_its_batch():
    """The real ONNX model: one call for several events gives bit-identical vectors (what VectorMemo relies on)."""
    from comparator.embed import load_encoder

    enc = load_encoder(Settings(cache=False))
    texts = [t for e in _events() for a in e for t in a.text.split("\n\n")]
    alone = np.concatenate([enc.encode(texts[i:i + 3]) for i in range(0, len(texts), 3)])
    together = enc.encode(texts)
    assert np.array_equal(alone, together)


def test_compare_events_equals_compare_event_by_event(fake_encoder):
    from comparator.batched import compare_events
    from comparator.pipeline import compare

    events = _events()
    broken = [events[0][0]]  # one article: fails alone, the others go on
    results = compare_events(events + [broken], settings=Settings(cache=False), encoder=fake_encoder)
    assert isinstance(results[-1], Exception)
    for articles, comp in zip(events, results):
        alone = compare(articles, settings=Settings(cache=False), encoder=fake_encoder)
        assert comp.to_json() == alone.to_json()
        assert {"parse", "embed", "align", "detect"} <= set(comp.timings)


def test_a_corpus_run_is_the_same_in_batches_of_one(tmp_path, fake_encoder, monkeypatch):
    from bench.compare_corpus_outputs import compare_outputs

    corpus = write_jsonl(tmp_path / "c.jsonl")
    batched = compare_corpus([corpus], tmp_path / "a", encoder=fake_encoder)
    assert set(batched.timings) >= {"spool", "parse", "embed", "detect", "write", "report"}
    import comparator.corpus.worker as worker

    monkeypatch.setattr(worker, "BATCH_EVENTS", 1)
    import comparator.corpus.runner as runner

    monkeypatch.setattr(runner, "BATCH_EVENTS", 1)
    compare_corpus([corpus], tmp_path / "b", encoder=fake_encoder)
    results = compare_outputs(tmp_path / "a", tmp_path / "b")
    assert all(same for _, same, _ in results), [r for r in results if not r[1]]
    marker = json.loads(next((tmp_path / "a" / "state" / "done").glob("*.json")).read_text())
    assert marker["stages"]["parse"] >= 0 and "write" in marker["stages"]


def test_aggregates_are_the_same_with_dask_and_with_pyarrow(tmp_path, fake_encoder, monkeypatch):
    import comparator.corpus.aggregates as agg

    out = tmp_path / "out"
    corpus = compare_corpus([write_jsonl(tmp_path / "c.jsonl")], out, encoder=fake_encoder)

    def tables():
        return [agg.event_counts(out), agg.lead_entities(out), corpus.to_frame("claims"),
                agg.read_events(out / "data" / "labels"), agg.framing_map(out)]

    small = tables()
    monkeypatch.setattr(agg, "DASK_MIN_EVENTS", 1)
    large = tables()
    assert all(len(t) > 0 for t in small[:4])
    for a, b in zip(small, large):
        assert list(a.columns) == list(b.columns)
        assert a.astype(str).to_dict("records") == b.astype(str).to_dict("records")


def test_pattern_lexicon_does_not_import_textblob():
    code = ("import sys; from comparator.framing.subjectivity import pattern_lexicon; n = len(pattern_lexicon()); "
            "print(n, 'textblob' in sys.modules, 'nltk' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 1000 and out[1:] == ["False", "False"]


def test_encoder_calls_hold_few_padded_pieces():
    from comparator.embed.windows import TOKENS_PER_CALL, _calls

    lengths = [30, 5, 5, 200, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12]
    calls = _calls(lengths, batch=64)
    assert sorted(k for c in calls for k in c) == list(range(len(lengths)))
    assert all(len(c) * max(lengths[k] for k in c) <= TOKENS_PER_CALL or len(c) == 1 for c in calls)
    assert [lengths[k] for c in calls for k in c] == sorted(lengths)  # ascending length
    assert max(len(c) for c in _calls([5] * 100, batch=8)) == 8  # the row cap still holds


def test_onnx_threads_sleep_instead_of_spinning_on_a_busy_machine(monkeypatch):
    import os

    from comparator.embed import onnx

    monkeypatch.delenv(onnx.SPIN_ENV, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (50.0, 50.0, 50.0))
    assert not onnx.spinning(0) and onnx.spinning(1)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert onnx.spinning(0)
    monkeypatch.setenv(onnx.SPIN_ENV, "0")
    assert not onnx.spinning(0)
