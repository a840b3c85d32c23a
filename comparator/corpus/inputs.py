"""Streaming corpus input: article records one at a time, never the whole corpus in memory.

Inputs are JSONL (``.jsonl``/``.ndjson``), CSV (``.csv``) and Parquet
(``.parquet``) files with one article per record, or a folder. A folder holding
sub-folders is a folder of event folders (each sub-folder is one event, loaded
by :func:`comparator.load.load_articles` in the worker); a folder holding
record files is read like those files.

Records are validated by the same code as ``comparator compare``
(:mod:`comparator.load.records`); a record that cannot be used is reported as a
:class:`BadRecord` (with its reason) and skipped, so one bad line does not stop
a corpus. ``event_field`` and ``date_field`` name the record fields holding the
event and the publication date when they are not ``event`` and ``published``.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from comparator.errors import ComparatorError, InputError, MissingPathError, UnsupportedFormatError
from comparator.types import Article

__all__ = ["BadRecord", "EventFolder", "RECORD_SUFFIXES", "iter_inputs"]

#: File suffix -> record format read by :func:`iter_records`.
RECORD_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
#: Rows read from Parquet at a time (a bounded batch, whatever the file size).
PARQUET_BATCH = 512


@dataclass(frozen=True)
class BadRecord:
    """A record skipped with its reason (``where`` is ``path#L<line>`` or ``path#<index>``)."""

    where: str
    reason: str


@dataclass(frozen=True)
class EventFolder:
    """A folder holding one event's article files (a folder of event folders)."""

    path: str


Item = Article | BadRecord | EventFolder


def iter_inputs(paths: Sequence[str | Path], *, event_field: str = "event",
                date_field: str = "published") -> Iterator[Item]:
    """Articles, skipped records and event folders from ``paths``, in input order, one at a time.

    Raises :class:`MissingPathError` for a missing path and
    :class:`UnsupportedFormatError` for a file of another kind, before anything
    is read from it. Each :class:`Article` carries its event (if any) in
    ``meta["event"]``.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise MissingPathError("does not exist.", path=str(raw),
                                   hint="Pass JSONL/CSV/Parquet files or a folder of event folders.")
        if path.is_dir():
            yield from _folder(path, event_field=event_field, date_field=date_field)
        elif path.suffix.lower() in RECORD_SUFFIXES:
            yield from iter_records(path, event_field=event_field, date_field=date_field)
        else:
            raise UnsupportedFormatError(
                f"is not a corpus file (supported: {', '.join(sorted(RECORD_SUFFIXES))}, or a folder).",
                path=str(raw), hint="Convert it to JSONL with one article record per line.")


def _folder(path: Path, *, event_field: str, date_field: str) -> Iterator[Item]:
    entries = sorted(p for p in path.iterdir() if not p.name.startswith((".", "_")))
    subfolders = [p for p in entries if p.is_dir()]
    if subfolders:
        for sub in subfolders:
            yield EventFolder(str(sub))
        return
    files = [p for p in entries if p.is_file() and p.suffix.lower() in RECORD_SUFFIXES]
    if not files:
        raise InputError("holds neither event folders nor JSONL/CSV/Parquet files.", path=str(path),
                         hint="Put one folder per event in it, or corpus files with one article per record.")
    for file in files:
        yield from iter_records(file, event_field=event_field, date_field=date_field)


def iter_records(path: Path, *, event_field: str = "event", date_field: str = "published") -> Iterator[Item]:
    """Articles (or :class:`BadRecord`) from one JSONL/CSV/Parquet file, streamed."""
    fmt = RECORD_SUFFIXES[path.suffix.lower()]
    rows = {"jsonl": _jsonl_rows, "csv": _csv_rows, "parquet": _parquet_rows}[fmt](path)
    for data, where, line in rows:
        if isinstance(data, BadRecord):
            yield data
            continue
        yield _to_article(data, path=path, where=where, line=line, fmt=fmt,
                          event_field=event_field, date_field=date_field)


Row = tuple[Any, str, int | None]


def _jsonl_rows(path: Path) -> Iterator[Row]:
    from comparator.load.records import _loads, _object

    with path.open("rb") as handle:
        for n, raw in enumerate(handle, start=1):
            where = f"{path}#L{n}"
            try:
                # without its line break, so a decode error's column is on this line (not "line 2 column 1")
                line = raw.decode("utf-8-sig" if n == 1 else "utf-8").rstrip("\r\n")
                if not line.strip():
                    continue
                data = _object(_loads(line, str(path), n, "One JSON object per line."), str(path), f"line {n}", n)
            except UnicodeDecodeError as exc:
                yield BadRecord(where, f"not UTF-8 ({exc.reason} at byte {exc.start})"), where, n
                continue
            except ComparatorError as exc:
                yield BadRecord(where, exc.message), where, n
                continue
            yield data, where, n


def _csv_rows(path: Path) -> Iterator[Row]:
    from comparator.load.records import _delimiter

    csv.field_size_limit(max(csv.field_size_limit(), 20_000_000))
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        handle.seek(0)
        reader = csv.reader(handle, delimiter=_delimiter(first), quotechar='"', doublequote=True, strict=True)
        try:
            header = [h.strip() for h in next(reader, [])]
            index = 0
            for row in reader:
                where = f"{path}#{index}"
                if not any(cell.strip() for cell in row):
                    continue
                index += 1
                if len(row) > len(header):
                    yield BadRecord(where, f"{len(row)} fields but the header has {len(header)}"), where, None
                    continue
                yield {h: v for h, v in zip(header, row) if h}, where, reader.line_num
        except (csv.Error, UnicodeDecodeError) as exc:
            # the rest of the file cannot be framed into records: report it once, stop this file
            yield BadRecord(f"{path}:{reader.line_num}", f"unreadable CSV from here on ({exc})"), str(path), None


def _parquet_rows(path: Path) -> Iterator[Row]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise InputError(f"is not a readable Parquet file ({exc}).", path=str(path)) from None
    index = 0
    for batch in parquet.iter_batches(batch_size=PARQUET_BATCH):
        for data in batch.to_pylist():
            yield {k: v for k, v in data.items() if v is not None}, f"{path}#{index}", None
            index += 1


def _to_article(data: dict[str, Any], *, path: Path, where: str, line: int | None, fmt: str,
                event_field: str, date_field: str) -> Item:
    from comparator.load.fields import json_ready
    from comparator.load.records import RawRecord, _article

    data = {str(k): json_ready(v) for k, v in data.items()}
    if event_field != "event" and event_field in data:
        data["event"] = data.pop(event_field)
    if date_field != "published" and date_field in data and "published" not in data:
        data["published"] = data.pop(date_field)
    for key in ("event", "published"):
        if key in data and not isinstance(data[key], (str, dict, list)):
            data[key] = str(data[key])
    try:
        if "url" in data and not str(data.get("text") or "").strip():
            raise InputError("has a url but no text; corpus mode does not fetch pages.", path=where)
        return _article(RawRecord(data, where, where, line), path=path, file=str(path), encoding="utf-8",
                        fmt=fmt if fmt != "parquet" else "jsonl")
    except ComparatorError as exc:
        return BadRecord(where, exc.message)


def article_to_json(article: Article) -> str:
    """One spool line: every :class:`Article` field, as JSON."""
    from dataclasses import asdict

    return json.dumps(asdict(article), ensure_ascii=False, sort_keys=True, default=str)


def article_from_json(line: str) -> Article:
    data = json.loads(line)
    data["meta"] = data.get("meta") or {}
    return Article(**data)
