"""Corpus mode: many events, per-outlet statistics across them, scale-out on Dask.

* :mod:`.inputs`: streaming JSONL/CSV/Parquet records and folders of event folders;
* :mod:`.grouping`: story grouping (articles -> events) when records carry no event;
* :mod:`.spool` / :mod:`.events`: one file per event on disk, fingerprints, done/failed markers;
* :mod:`.worker` / :mod:`.runner`: one event through ``compare``'s pipeline, on a process pool or Dask;
* :mod:`.metrics` / :mod:`.aggregates`: per-event counts, per-outlet statistics with bootstrap intervals;
* :mod:`.report` / :mod:`.plots`: tables, corpus.md and a self-contained corpus.html.
"""

from comparator.corpus.api import Corpus, compare_corpus
from comparator.corpus.grouping import GroupingSettings

__all__ = ["Corpus", "GroupingSettings", "compare_corpus"]
