"""Corpora of article records: JSON (a list, or ``{"articles": [...]}``), JSONL and CSV.

Record fields: ``text`` and ``outlet`` (required; a record with an http(s) ``url``
and no ``text`` is fetched, see :mod:`comparator.load.fetch`), ``title``, ``url``,
``published``, ``event``; other fields are kept in ``Article.meta``. Article
ids are slugs of the outlet; ``source_path`` is ``path#L<line>`` for JSONL and
``path#<index>`` (0-based record index) for JSON and CSV. The event of each
record is kept in ``meta["event"]``; :func:`select_event` picks one event.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from comparator.errors import EmptyInputError, InputError, MalformedRecordError
from comparator.load.fields import MAX_DEPTH, MAX_INT_DIGITS, blank, build_article, check_value, newlines, slug
from comparator.types import Article

FIELDS = ("outlet", "title", "url", "published", "text")
REQUIRED = ("text", "outlet")


@dataclass(frozen=True)
class RawRecord:
    """One record as read from a corpus file, before validation."""

    data: Mapping[str, Any]
    source_path: str  # "path#L3" or "path#0"
    where: str  # "line 3" or "record 1 (line 2)", for messages
    line: int | None


def parse_records(text: str, *, path: Path, source_path: str, encoding: str, fmt: str,
                  max_field: int = 20_000_000) -> tuple[Article, ...]:
    """Articles from a decoded JSON/JSONL/CSV corpus (``fmt``: ``json``, ``jsonl``, ``csv``)."""
    text = newlines(text)
    if not text.strip():
        raise EmptyInputError("is empty (or only whitespace).", path=source_path,
                              hint=f"Put one article record per {'line' if fmt == 'jsonl' else 'entry'}.")
    if fmt == "csv":
        raws = list(_csv_records(text, source_path, max_field))
    elif fmt == "jsonl":
        raws = list(_jsonl_records(text, source_path))
    else:
        raws = list(_json_records(text, source_path))
    if not raws:
        raise EmptyInputError("contains no article records.", path=source_path,
                              hint="A corpus needs one record per article, each with 'outlet' and 'text'.")
    return tuple(_article(raw, path=path, file=source_path, encoding=encoding, fmt=fmt) for raw in raws)


def _int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise _TooLong(digits)
    return int(digits)


class _TooLong(ValueError):
    pass


def _loads(text: str, file: str, line: int | None, hint: str) -> Any:
    """``json.loads`` with integers of at most :data:`MAX_INT_DIGITS` digits and bounded nesting."""
    try:
        return json.loads(text, parse_int=_int)
    except json.JSONDecodeError as exc:
        where = f"line {line} " if line is not None else ""
        raise MalformedRecordError(
            f"{where}is not valid JSON ({exc.msg}, column {exc.colno}).",
            path=file, line=line if line is not None else exc.lineno, hint=hint,
        ) from None
    except _TooLong as exc:
        raise MalformedRecordError(
            f"holds an integer of {len(str(exc))} digits (more than {MAX_INT_DIGITS}).",
            path=file, line=line, hint="Store such values as text (in quotes).",
        ) from None
    except RecursionError:
        raise MalformedRecordError(
            f"is nested too deeply to read (more than {MAX_DEPTH} levels are refused).",
            path=file, line=line, hint="Flatten the records: each article is one object of text fields.",
        ) from None


def _json_records(text: str, file: str) -> Iterator[RawRecord]:
    data = _loads(text, file, None, "Fix the JSON syntax (a list of article objects, or {\"articles\": [...]}).")
    if isinstance(data, dict) and "articles" in data:
        data = data["articles"]
    if not isinstance(data, list):
        raise MalformedRecordError(
            f"must hold a list of article objects, or {{\"articles\": [...]}}, not a JSON {_kind(data)}.",
            path=file,
            hint="Wrap the records in [ ... ] or in {\"articles\": [ ... ]}.",
        )
    for i, item in enumerate(data):
        yield RawRecord(_object(item, file, f"record {i}", None), f"{file}#{i}", f"record {i}", None)


def _jsonl_records(text: str, file: str) -> Iterator[RawRecord]:
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        item = _loads(line, file, n, "Each line of a .jsonl file must be one complete JSON object.")
        yield RawRecord(_object(item, file, f"line {n}", n), f"{file}#L{n}", f"line {n}", n)


def _csv_records(text: str, file: str, max_field: int) -> Iterator[RawRecord]:
    if csv.field_size_limit() < max_field:
        csv.field_size_limit(max_field)
    # RFC 4180 (the csv module's ``excel`` dialect: "" inside quoted fields, quoted
    # line breaks); only the delimiter is guessed, from the header line.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]),
                        quotechar='"', doublequote=True, strict=True)
    try:
        header = [h.strip() for h in next(reader, [])]
        if not any(header):
            raise MalformedRecordError("has no header row.", path=file, line=1,
                                       hint="The first line must name the columns, e.g. outlet,title,text.")
        index = 0
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise MalformedRecordError(
                    f"row {index} has {len(row)} fields but the header has {len(header)}.",
                    path=file, line=line,
                    hint="Quote fields that contain the delimiter with double quotes.",
                )
            data = {h: v for h, v in zip(header, row) if h}
            where = f"record {index} (line {line})"
            yield RawRecord(data, f"{file}#{index}", where, line)
            index += 1
    except csv.Error as exc:
        raise MalformedRecordError(f"is not valid CSV ({exc}).", path=file, line=reader.line_num,
                                   hint="Check the quoting on that line.") from None


def _delimiter(header: str) -> str:
    """``,`` unless the header (outside double quotes) holds more ``;`` or tabs than commas."""
    bare = "".join(part for i, part in enumerate(header.split('"')) if i % 2 == 0)
    counts = {d: bare.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _kind(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean"}.get(type(value), type(value).__name__)


def _object(item: Any, file: str, where: str, line: int | None) -> Mapping[str, Any]:
    if not isinstance(item, dict):
        raise MalformedRecordError(
            f"{where} is a JSON {_kind(item)}, not an object.",
            path=file, line=line,
            hint='Each article must be an object like {"outlet": "...", "text": "..."}.',
        )
    return item


def _article(raw: RawRecord, *, path: Path, file: str, encoding: str, fmt: str) -> Article:
    data = raw.data
    check_value(data, path=file, where=raw.where, line=raw.line)
    from comparator.load.fetch import is_url

    if blank(data.get("text")) and is_url(data.get("url")) and not blank(data.get("outlet")):
        return _fetched(raw, fmt=fmt)
    for key in REQUIRED:
        if blank(data.get(key)):
            state = "is empty" if key in data else "has no"
            what = f"{raw.where} {state} {key!r}" if state == "has no" else f"{raw.where}: {key!r} is empty"
            raise MalformedRecordError(
                f"{what}; every record needs 'text' and 'outlet'.",
                path=file, line=raw.line,
                hint=f"Add the {key!r} field to that record (fields found: {', '.join(sorted(data)) or 'none'}).",
            )
    for key in (*FIELDS, "event"):
        value = data.get(key)
        if isinstance(value, (dict, list)):
            raise MalformedRecordError(
                f"{raw.where}: field {key!r} must be text, not a JSON {_kind(value)}.",
                path=file, line=raw.line,
            )
    text = newlines(str(data["text"]))
    extra = {k: v for k, v in data.items() if k not in FIELDS and not blank(v)}
    if "event" in extra:
        extra["event"] = str(extra["event"]).strip()
    return build_article(
        path=path, source_path=raw.source_path, text=text, encoding=encoding, fmt=fmt,
        fields=data, extra=extra, article_id=slug(str(data["outlet"])),
    )


def _fetched(raw: RawRecord, *, fmt: str) -> Article:
    """A record with a URL and no text: the page is fetched (see :mod:`comparator.load.fetch`)."""
    import dataclasses

    from comparator.config import Settings
    from comparator.load.fetch import load_url

    data = raw.data
    page = load_url(str(data["url"]).strip(), max_bytes=Settings().max_file_bytes)
    extra = {k: v for k, v in data.items() if k not in FIELDS and not blank(v)}
    if "event" in extra:
        extra["event"] = str(extra["event"]).strip()
    fields = {k: (data.get(k) if not blank(data.get(k)) else getattr(page, k)) for k in ("title", "published")}
    return dataclasses.replace(
        page, id=slug(str(data["outlet"])), outlet=str(data["outlet"]).strip(), source_path=raw.source_path,
        title=fields["title"], published=fields["published"],
        meta={**page.meta, **extra, "format": fmt, "fetched_from": str(data["url"]).strip()},
    )


def select_event(articles: Sequence[Article], event: str | None, sources: Sequence[str]) -> tuple[Article, ...]:
    """Keep one event's records: ``event`` if given, else fail when records span several events."""
    counts = Counter(str(a.meta["event"]) for a in articles if "event" in a.meta)
    listing = ", ".join(f"{name!r} ({n} article{'s' if n != 1 else ''})" for name, n in sorted(counts.items()))
    where = ", ".join(sorted(set(sources)))
    if event is not None:
        kept = tuple(a for a in articles if str(a.meta.get("event", "")) == event)
        if not kept:
            raise InputError(
                f"no record has event {event!r} (events found: {listing or 'none'}).",
                path=where,
                hint="Pick one of the events listed (the CLI option is --event).",
            )
        return kept
    if len(counts) > 1:
        raise InputError(
            f"records belong to {len(counts)} different events: {listing}.",
            path=where,
            hint="comparator compares articles about one event: pick one with event=... "
                 "(the CLI option is --event).",
        )
    return tuple(articles)
