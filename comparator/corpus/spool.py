"""Spool the input into one JSONL file per event, streaming (see :mod:`.events` for the layout).

Records with an event field go straight to their event's file. Records without
one are written to a holding file while their story keys are computed in
batches; :func:`comparator.corpus.grouping.group_stories` then clusters them
together with the labelled events' articles (read back from their spool files):
unlabelled articles clustered with exactly one labelled event join it, the rest
become stories of their own, and the holding file is streamed once more into
the event files. Bad
records are appended to ``state/bad_records.jsonl`` with their reason.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Sequence

from comparator.corpus.events import event_key
from comparator.corpus.grouping import GroupingSettings, group_stories, key_text, story_keys
from comparator.corpus.inputs import BadRecord, EventFolder, article_from_json, article_to_json, iter_inputs

__all__ = ["SpoolStats", "spool_inputs"]

log = logging.getLogger("comparator")
#: Event files kept open at once while spooling (least recently used closed first).
OPEN_FILES = 64
#: Articles whose story keys are computed together.
KEY_BATCH = 256


@dataclass(frozen=True)
class SpoolStats:
    """What the input held: articles read, records skipped, events, articles grouped by story."""

    articles: int
    bad_records: int
    events: int
    grouped: int


class _Writers:
    """Append lines to many files with a bounded number of open handles."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.open: OrderedDict[str, IO[str]] = OrderedDict()
        self.seen: set[str] = set()

    def write(self, key: str, header: dict[str, Any], line: str) -> None:
        handle = self.open.pop(key, None)
        if handle is None:
            new = key not in self.seen
            handle = (self.folder / f"{key}.jsonl").open("w" if new else "a", encoding="utf-8")
            if new:
                self.seen.add(key)
                handle.write(json.dumps(header, sort_keys=True, ensure_ascii=False) + "\n")
            if len(self.open) >= OPEN_FILES:
                self.open.popitem(last=False)[1].close()
        self.open[key] = handle
        if line:
            handle.write(line + "\n")

    def close(self) -> None:
        for handle in self.open.values():
            handle.close()
        self.open.clear()


def spool_inputs(inputs: Sequence[str | Path], out: Path, *, encoder_factory: Any, event_field: str = "event",
                 date_field: str = "published", grouping: GroupingSettings | None = None) -> SpoolStats:
    """Write ``out/spool/`` from ``inputs`` (replacing the previous spool only when complete)."""
    from comparator.render.atomic import ensure_dir

    staging = out / "spool.partial"
    shutil.rmtree(staging, ignore_errors=True)
    ensure_dir(staging)
    ensure_dir(out / "state")
    writers = _Writers(staging)
    holding = (staging / "_ungrouped.jsonl").open("w", encoding="utf-8")
    bad_log = (out / "state" / "bad_records.jsonl").open("w", encoding="utf-8")
    keys, batch_texts, batch_dates, batch_titles = [], [], [], []
    articles = bad = grouped = 0
    encoder = None

    def flush() -> None:
        nonlocal encoder
        if batch_texts:
            encoder = encoder or encoder_factory()
            keys.extend(story_keys(batch_texts, batch_dates, encoder, offset=len(keys), titles=batch_titles))
            batch_texts.clear()
            batch_dates.clear()
            batch_titles.clear()

    try:
        for item in iter_inputs(inputs, event_field=event_field, date_field=date_field):
            if isinstance(item, BadRecord):
                bad += 1
                bad_log.write(json.dumps({"where": item.where, "reason": item.reason}, ensure_ascii=False) + "\n")
            elif isinstance(item, EventFolder):
                name = Path(item.path).name
                writers.write(event_key(f"{name}\0{item.path}"), {"event": name, "folder": item.path}, "")
            elif "event" in item.meta and str(item.meta["event"]).strip():
                articles += 1
                name = str(item.meta["event"]).strip()
                writers.write(event_key(name), {"event": name, "folder": None}, article_to_json(item))
            else:
                articles += 1
                grouped += 1
                holding.write(article_to_json(item) + "\n")
                batch_texts.append(key_text(item.title, item.text))
                batch_dates.append(item.published)
                batch_titles.append(item.title)
                if len(batch_texts) >= KEY_BATCH:
                    flush()
        flush()
        holding.close()
        if keys:
            writers.close()  # the labelled events' files are read (and later appended to) below
            labelled = _labelled_keys(staging, writers.seen, encoder or encoder_factory(), offset=len(keys))
            labels = group_stories(keys + [k for k, _ in labelled], grouping)
            joins = _joins(labels, len(keys), [name for _, name in labelled])
            _assign_stories(staging, writers, labels[:len(keys)], joins)
            joined = sum(1 for label in labels[:len(keys)] if joins.get(label))
            log.info("%d article(s) without an event joined a labelled event", joined)
    finally:
        holding.close()
        bad_log.close()
        writers.close()
    (staging / "_ungrouped.jsonl").unlink(missing_ok=True)
    shutil.rmtree(out / "spool", ignore_errors=True)
    staging.rename(out / "spool")
    return SpoolStats(articles=articles, bad_records=bad, events=len(writers.seen), grouped=grouped)


def _labelled_keys(staging: Path, seen: set[str], encoder: Any, *, offset: int) -> list[tuple[Any, str]]:
    """Story keys of the articles of labelled events (read back from their spool files), with the event name.

    Event folders and stories are left out: only events named by the input can be joined.
    """
    texts: list[str] = []
    dates: list[str | None] = []
    titles: list[str | None] = []
    names: list[str] = []
    for key in sorted(seen):
        with (staging / f"{key}.jsonl").open("r", encoding="utf-8") as handle:
            header = json.loads(handle.readline())
            if header.get("folder") or header.get("grouped"):
                continue
            for line in handle:
                art = article_from_json(line)
                texts.append(key_text(art.title, art.text))
                dates.append(art.published)
                titles.append(art.title)
                names.append(header["event"])
    keys = story_keys(texts, dates, encoder, offset=offset, titles=titles) if texts else []
    return list(zip(keys, names))


def _joins(labels: list[int], unlabelled: int, events: list[str]) -> dict[int, str]:
    """Story number -> the labelled event its unlabelled members join.

    A story joins an event when the grouping rules put the unlabelled articles
    in one cluster with articles of exactly one labelled event; a cluster
    holding articles of two labelled events is ambiguous and stays a story of
    its own (precision first).
    """
    found: dict[int, set[str]] = {}
    for label, name in zip(labels[unlabelled:], events):
        found.setdefault(label, set()).add(name)
    wanted = set(labels[:unlabelled])
    ambiguous = sum(1 for label in labels[:unlabelled] if len(found.get(label, ())) > 1)
    if ambiguous:
        log.warning("%d article(s) without an event match more than one labelled event; each such group is "
                    "compared as a story of its own", ambiguous)
    return {label: next(iter(names)) for label, names in found.items() if label in wanted and len(names) == 1}


def _assign_stories(staging: Path, writers: _Writers, labels: list[int], joins: dict[int, str] | None = None) -> None:
    """Stream the holding file into one event file per story, named by a headline and its members' hash.

    A story in ``joins`` goes into that labelled event's file instead.
    """
    joins = joins or {}
    members: dict[int, list[bytes]] = {}  # a story's name hashes what its articles say, not where they were
    titles: dict[int, str] = {}
    with (staging / "_ungrouped.jsonl").open("r", encoding="utf-8") as handle:
        for label, line in zip(labels, handle):
            art = article_from_json(line)
            said = json.dumps([art.outlet, art.title, art.text, art.published], ensure_ascii=False)
            members.setdefault(label, []).append(hashlib.sha256(said.encode("utf-8")).digest())
            if art.title and art.title.strip() and (label not in titles or art.title.strip() < titles[label]):
                titles[label] = art.title.strip()  # the first in sort order: the same whatever the input order
    names = {label: f"{titles.get(label, 'untitled story')[:80]} "
                    f"[{hashlib.sha256(b''.join(sorted(m))).hexdigest()[:8]}]" for label, m in members.items()}
    with (staging / "_ungrouped.jsonl").open("r", encoding="utf-8") as handle:
        for label, line in zip(labels, handle):
            if label in joins:
                writers.write(event_key(joins[label]), {"event": joins[label], "folder": None}, line.rstrip("\n"))
                continue
            name = names[label]
            writers.write(event_key(name), {"event": name, "folder": None, "grouped": True}, line.rstrip("\n"))

