"""Corpus mode on a Dask LocalCluster and a process pool, two workers each (real models, loaded once per worker)."""

from __future__ import annotations

import pytest

from comparator.corpus import compare_corpus
from tests.corpus_data import STORIES, write_jsonl

pytestmark = pytest.mark.slow


def test_local_cluster_two_processes_matches_one_process(tmp_path):
    pytest.importorskip("distributed")
    from comparator.config import Settings

    path = write_jsonl(tmp_path / "c.jsonl")
    settings = Settings(cache_dir=str(tmp_path / "cache"))
    on_dask = compare_corpus([path], tmp_path / "dask", settings=settings, scheduler="dask", workers=2)
    assert on_dask.done == len(STORIES) and on_dask.failed == 0
    serial = compare_corpus([path], tmp_path / "serial", settings=settings)
    for name in ("outlets", "framing_map", "lead_entities"):
        a, b = on_dask.to_frame(name), serial.to_frame(name)
        assert a.equals(b), name
    claims = on_dask.to_frame("claims").sort_values(["event", "id"]).reset_index(drop=True)
    assert claims.equals(serial.to_frame("claims").sort_values(["event", "id"]).reset_index(drop=True))
    # the local process pool (spawn, models loaded by its initializer) gives the same tables
    pool = compare_corpus([path], tmp_path / "pool", settings=settings, scheduler="processes", workers=2)
    assert pool.done == len(STORIES)
    assert pool.to_frame("outlets").equals(serial.to_frame("outlets"))
    # a rerun on the cluster resumes everything
    again = compare_corpus([path], tmp_path / "dask", settings=settings, scheduler="dask", workers=2)
    assert again.resumed == len(STORIES) and again.done == 0
