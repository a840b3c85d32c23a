"""Events on disk: the spool (one JSONL file per event) and the per-event state markers.

Layout under the corpus output folder::

    spool/<key>.jsonl            line 1: {"event": name, "folder": path|null}; then one Article per line
    state/done/<key>.json        an event finished (or was skipped with a reason), with its fingerprint
    state/failed/<key>.json      an event failed, with its reason (retried by the next run)
    data/<table>/event=<key>/part-0.parquet   the event's rows (hive-partitioned Parquet datasets)

An event's **fingerprint** is the sha256 of its articles' content (not their
place in the input; or its folder's files), comparator's version, the result-affecting settings and the grouping
settings: a rerun skips an event whose done marker holds the same fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator

__all__ = ["EventOutcome", "EventTask", "event_key", "iter_tasks", "live_keys", "read_marker", "skip_reason",
           "write_marker"]


@dataclass(frozen=True)
class EventTask:
    """One unit of work: an event's spool file (or folder), its name, key and fingerprint."""

    key: str
    name: str
    spool: str
    folder: str | None
    fingerprint: str


@dataclass(frozen=True)
class EventOutcome:
    """What became of one event: ``status`` is ``done``, ``resumed``, ``skipped`` or ``failed``.

    ``stages``: seconds per pipeline stage of a compared event (``load``, ``parse``,
    ``claims``, ``facts``, ``embed``, ``align``, ``detect``, and ``write`` for its
    Parquet files; batched stages are shared out, see :mod:`comparator.batched`).
    """

    key: str
    name: str
    status: str
    fingerprint: str
    articles: int = 0
    outlets: int = 0
    sentences: int = 0
    seconds: float = 0.0
    reason: str | None = None
    stages: dict[str, float] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def event_key(name: str) -> str:
    """A file-safe, collision-free key for an event name: a readable slug plus a hash."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()[:40] or "event"
    return f"{slug}-{hashlib.sha256(name.encode('utf-8')).hexdigest()[:10]}"


def _hash_folder(folder: Path, digest: Any) -> None:
    for child in sorted(folder.iterdir()):
        if child.is_file() and not child.name.startswith((".", "_")):
            digest.update(child.name.encode("utf-8") + b"\0")
            with child.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)


#: Article fields that say where a record came from, not what it says: left out of the fingerprint.
PLACE_FIELDS = ("source_path",)


def _article_digest(line: str) -> bytes:
    data = json.loads(line)
    for name in PLACE_FIELDS:
        data.pop(name, None)
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).digest()


def fingerprint(spool: Path, folder: str | None, context: str) -> str:
    """sha256 of the event's own articles and ``context`` (version and settings, as JSON).

    Only what the articles say counts: each spooled article is hashed without
    its place in the input (:data:`PLACE_FIELDS`: file name and line number) and
    the article hashes are sorted, so other records in the file, their order and
    the input's path do not change an unchanged event's fingerprint. An event
    folder adds its files' names and bytes (not the folder's path).
    """
    digest = hashlib.sha256(context.encode("utf-8"))
    with spool.open("r", encoding="utf-8") as handle:
        handle.readline()  # the header holds the event name and folder path: the key already covers them
        for item in sorted(_article_digest(line) for line in handle if line.strip()):
            digest.update(item)
    if folder:
        _hash_folder(Path(folder), digest)
    return digest.hexdigest()


def iter_tasks(out: Path, context: str) -> Iterator[EventTask]:
    """Every spooled event, in key order, one at a time."""
    for spool in sorted((out / "spool").glob("*.jsonl")):
        with spool.open("r", encoding="utf-8") as handle:
            header = json.loads(handle.readline())
        yield EventTask(key=spool.stem, name=header["event"], spool=str(spool), folder=header.get("folder"),
                        fingerprint=fingerprint(spool, header.get("folder"), context))


def live_keys(out: Path) -> set[str]:
    """Keys of the events in the current input (the spool): the only ones reported.

    Results of events an earlier run had and this input has not are kept on
    disk (nothing the user owns is deleted; a rerun with that input resumes
    them) but left out of the tables, the report and ``Corpus.to_frame``.
    """
    return {path.stem for path in (out / "spool").glob("*.jsonl")}


def skip_reason(exc: BaseException) -> str | None:
    """Why an event that raised ``exc`` is *skipped* rather than *failed*, else None.

    An event whose input holds nothing to compare (an empty event folder, fewer
    than two articles) fails the same way on every run, so it is skipped with
    the reason, not retried by the next run as a failure is. (Copies of one
    article stay a failure: the user is told to fix the input.)
    """
    from comparator.errors import EmptyInputError, NotEnoughArticlesError

    if isinstance(exc, (EmptyInputError, NotEnoughArticlesError)):
        return f"nothing to compare: {exc}"
    return None


def read_marker(out: Path, kind: str, key: str) -> dict[str, Any] | None:
    path = out / "state" / kind / f"{key}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_marker(out: Path, outcome: EventOutcome) -> None:
    """Record ``outcome``: a done/skipped marker replaces any failed one, and the reverse."""
    from comparator.render.atomic import ensure_dir, write_text

    kind = "failed" if outcome.status == "failed" else "done"
    other = "done" if kind == "failed" else "failed"
    ensure_dir(out / "state" / kind)
    write_text(out / "state" / kind / f"{outcome.key}.json",
               json.dumps(outcome.to_dict(), sort_keys=True, ensure_ascii=False) + "\n")
    (out / "state" / other / f"{outcome.key}.json").unlink(missing_ok=True)
