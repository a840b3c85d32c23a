"""Corpus mode end to end in one process (fake encoder, real spaCy): events, tables, report, resume."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from click.testing import CliRunner

from comparator.corpus import compare_corpus
from comparator.errors import OutputError
from tests.corpus_data import STORIES, write_jsonl

pytestmark = pytest.mark.slow  # spaCy


@pytest.fixture()
def corpus_file(tmp_path):
    bad = ['{"outlet": "Broken", "text": ', json.dumps({"event": "solo", "outlet": "Lone Times",
                                                        "text": "Only one outlet covered this."}),
           json.dumps({"event": "copies", "outlet": "A Paper", "text": "The same words twice, word for word."}),
           json.dumps({"event": "copies", "outlet": "B Paper", "text": "The same words twice, word for word."})]
    return write_jsonl(tmp_path / "corpus.jsonl", extra_lines=bad)


def test_events_tables_and_report(corpus_file, tmp_path, fake_encoder):
    out = tmp_path / "out"
    seen = []
    corpus = compare_corpus([corpus_file], out, encoder=fake_encoder, on_event=seen.append)
    assert corpus.events == len(STORIES) + 2
    assert (corpus.done, corpus.skipped, corpus.failed, corpus.bad_records) == (len(STORIES), 1, 1, 1)
    events = corpus.to_frame("events").set_index("name")
    assert events.loc["solo", "status"] == "skipped" and "one outlet" in events.loc["solo", "reason"]
    assert events.loc["copies", "status"] == "failed" and "E111" in events.loc["copies", "reason"]
    assert "line 1" in corpus.to_frame("bad_records")["where"].iloc[0] or "#L" in \
        corpus.to_frame("bad_records")["where"].iloc[0]
    # per-event datasets are partitioned by event and carry the event column
    claims = corpus.to_frame("claims")
    assert set(claims["event"]) == {o.key for o in seen if o.status == "done"}
    assert (out / "data" / "claims").is_dir() and len(list((out / "data" / "claims").glob("event=*"))) == 3
    outlets = corpus.to_frame("outlets")
    assert set(outlets["statistic"]) >= {"omission rate", "loaded language (own voice)", "divergent facts"}
    # same columns on disk (CSV) as in the DataFrame
    assert list(pd.read_csv(out / "tables" / "outlets.csv").columns) == list(outlets.columns)
    assert (outlets["ci_low"].isna()).all()  # fewer than MIN_EVENTS events per outlet: no interval guessed
    html = (out / "corpus.html").read_text(encoding="utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert not re.search(r"(src|href)=\"https?:", html) and "<script" not in html
    assert "No plot: no outlet is in 5 or more events." in html  # no dot without an interval
    assert (out / "corpus.md").read_text(encoding="utf-8").startswith("# Corpus report")


def test_resume_skips_finished_events_and_reruns_failed_ones(corpus_file, tmp_path, fake_encoder):
    out = tmp_path / "out"
    calls = []

    def stop_after_two(outcome):
        calls.append(outcome)
        if sum(o.status == "done" for o in calls) == 2:
            raise KeyboardInterrupt  # like Ctrl-C in the middle of a run

    with pytest.raises(KeyboardInterrupt):
        compare_corpus([corpus_file], out, encoder=fake_encoder, on_event=stop_after_two)
    finished = {o.key for o in calls if o.status == "done"}
    again = compare_corpus([corpus_file], out, encoder=fake_encoder)
    assert again.resumed == 2 and again.done == len(STORIES) - 2
    assert again.failed == 1  # a failed event is tried again, never marked done
    third = compare_corpus([corpus_file], out, encoder=fake_encoder)
    assert third.done == 0 and third.resumed == len(STORIES)
    assert finished <= set(third.to_frame("claims")["event"])


def test_changed_settings_or_inputs_recompute(corpus_file, tmp_path, fake_encoder):
    out = tmp_path / "out"
    compare_corpus([corpus_file], out, encoder=fake_encoder)
    from comparator.config import Settings

    changed = compare_corpus([corpus_file], out, encoder=fake_encoder, settings=Settings(min_score=0.9))
    assert changed.resumed == 0 and changed.done == len(STORIES)
    # an event dropped from the input is not reported, but its results are kept (nothing is deleted)
    lines = corpus_file.read_text(encoding="utf-8").splitlines()
    corpus_file.write_text("\n".join(l for l in lines if "school-closure" not in l) + "\n", encoding="utf-8")
    fewer = compare_corpus([corpus_file], out, encoder=fake_encoder, settings=Settings(min_score=0.9))
    assert fewer.resumed == len(STORIES) - 1
    assert len(list((out / "data" / "claims").glob("event=*"))) == len(STORIES)
    assert fewer.to_frame("claims")["event"].nunique() == len(STORIES) - 1
    assert not fewer.to_frame("events")["name"].eq("school-closure").any()


def test_csv_and_parquet_inputs_give_the_same_events(corpus_file, tmp_path, fake_encoder):
    rows = [json.loads(l) for l in corpus_file.read_text().splitlines()[:7]]
    frame = pd.DataFrame(rows)
    frame.to_csv(tmp_path / "c.csv", index=False)
    frame.to_parquet(tmp_path / "c.parquet", index=False)
    a = compare_corpus([tmp_path / "c.csv"], tmp_path / "o1", encoder=fake_encoder)
    b = compare_corpus([tmp_path / "c.parquet"], tmp_path / "o2", encoder=fake_encoder)
    assert a.done == b.done == len(STORIES)
    pd.testing.assert_frame_equal(a.to_frame("outlets"), b.to_frame("outlets"))


def test_folder_of_event_folders(tmp_path, fake_encoder, seed_dir):
    import shutil

    root = tmp_path / "events"
    shutil.copytree(seed_dir, root / "irs-ice")
    corpus = compare_corpus([root], tmp_path / "out", encoder=fake_encoder)
    assert corpus.done == 1 and corpus.to_frame("events")["name"].tolist() == ["irs-ice"]


def test_records_without_event_are_grouped_into_stories(tmp_path, fake_encoder):
    path = write_jsonl(tmp_path / "c.jsonl", event_field="not_used")
    rows = [json.loads(l) for l in path.read_text().splitlines()]
    path.write_text("\n".join(json.dumps({k: v for k, v in r.items() if k != "not_used"}) for r in rows) + "\n")
    corpus = compare_corpus([path], tmp_path / "out", encoder=fake_encoder)
    events = corpus.to_frame("events")
    claims = corpus.to_frame("claims")
    # precision first: no event mixes two stories (each story's outlets stay apart from the others')
    for _, part in claims.groupby("event"):
        texts = " ".join(part["text"])
        hits = [any(w in texts for w in words) for words in (["Riverton"], ["Port Salem"], ["Lincoln"])]
        assert sum(hits) <= 1
    assert len(events) >= 3


def test_refuses_a_folder_it_did_not_write(corpus_file, tmp_path, fake_encoder):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    with pytest.raises(OutputError):
        compare_corpus([corpus_file], out, encoder=fake_encoder)
    assert (out / "notes.txt").read_text() == "keep me"


def test_cli_errors_exit_2_without_traceback(tmp_path, corpus_file):
    from comparator.cli import cli

    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    result = CliRunner().invoke(cli, ["corpus", str(corpus_file), "-o", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    result = CliRunner().invoke(cli, ["corpus", str(corpus_file), "-o", str(tmp_path / "o"), "--address",
                                      "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--scheduler dask" in result.output
    assert not (tmp_path / "o").exists()  # refused before anything was written
