"""Output safety: never write where the inputs are, never replace a file comparator did not write.

comparator recognises its own outputs by their content, not a side file:

- ``report.json``: a JSON object whose ``tool.name`` is ``"comparator"``;
- ``report.md``: first line ``## Comparison: ...`` and a ``comparator <version> ·`` line;
- ``report.html``: ``<meta name="generator" content="comparator ...">`` in its head;
- ``<table>.csv`` / ``<table>.parquet``: exactly the columns of :data:`comparator.render.tables.COLUMNS`.

:func:`check_output` refuses an output folder that holds input articles (a
second run would read the reports as articles) and any existing target that is
not one of these. :func:`is_own_output` lets the loaders skip comparator's own
reports when a folder is read. :func:`remove_stale_temps` removes temporary
files left by a killed run (``.report.json.XXXX.tmp``).
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Iterable

from comparator.errors import OutputError

__all__ = ["check_output", "is_own_output", "own_names", "remove_stale_temps"]

_REPORTS = ("report.json", "report.md", "report.html")
_HEAD_BYTES = 8192
#: A temporary file older than this (seconds) is left over from a killed run.
STALE_AFTER = 60.0


def _table_names() -> tuple[str, ...]:
    from comparator.render.tables import TABLES

    return tuple(f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet"))


def own_names() -> tuple[str, ...]:
    """Every file name comparator writes into an output or tables folder."""
    return _REPORTS + _table_names()


def _head(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(_HEAD_BYTES)


def is_own_output(path: str | Path) -> bool:
    """True when ``path`` is a report or table comparator wrote (by content; see module doc)."""
    path = Path(path)
    name = path.name
    try:
        if not path.is_file():
            return False
        if name == "report.json":
            if path.stat().st_size > 200_000_000:
                return False
            data = json.loads(path.read_text(encoding="utf-8"))
            return isinstance(data, dict) and isinstance(data.get("tool"), dict) \
                and data["tool"].get("name") == "comparator" and "schema_version" in data
        if name == "report.md":
            lines = _head(path).decode("utf-8", "replace").split("\n")[:4]
            return bool(lines) and lines[0].startswith("## Comparison:") \
                and any(re.match(r"comparator \S+ · ", line) for line in lines[1:])
        if name == "report.html":
            return re.search(rb'<meta name="generator" content="comparator[ "]', _head(path)) is not None
        stem, _, ext = name.rpartition(".")
        from comparator.render.tables import COLUMNS

        if stem not in COLUMNS:
            return False
        columns = list(COLUMNS[stem])
        if ext == "csv":
            first = _head(path).decode("utf-8", "replace").split("\n", 1)[0].strip()
            return first == ",".join(columns)
        if ext == "parquet":
            import pyarrow.parquet as pq

            return list(pq.read_schema(path).names) == columns
    except Exception:  # noqa: BLE001 - unreadable or malformed means: not ours
        return False
    return False


def _inside(paths: Iterable[str | Path]) -> dict[Path, str]:
    """Resolved folder -> an input shown to the user, for every input file's folder and input folder."""
    out: dict[Path, str] = {}
    for p in paths:
        raw = str(p).split("#", 1)[0] if not Path(str(p)).exists() else str(p)
        path = Path(raw).expanduser()
        try:
            resolved = path.resolve()
        except (OSError, RuntimeError):
            continue
        if path.is_dir():
            out.setdefault(resolved, str(p))
        elif path.exists():
            out.setdefault(resolved.parent, str(p))
    return out


def check_output(directory: str | Path, inputs: Iterable[str | Path], names: Iterable[str]) -> None:
    """Refuse to write ``names`` into ``directory`` when it holds inputs or non-comparator files.

    ``inputs`` are the paths the user gave (files or folders; ``path#3`` record
    paths are accepted). Raises :class:`OutputError` naming the folder or file.
    """
    directory = Path(directory)
    try:
        resolved = directory.expanduser().resolve()
    except (OSError, RuntimeError):
        return  # ensure_dir reports unusable folders
    folders = _inside(inputs)
    if resolved in folders:
        raise OutputError(
            f"the output folder holds the input {folders[resolved]!r}; reports written there would be "
            "read as articles by the next run, and could replace an article.",
            path=str(directory),
            hint="Write the reports to another folder (e.g. -o reports/<event>).",
        )
    for name in names:
        target = directory / name
        if target.is_symlink() or target.exists():
            if target.is_dir() and not target.is_symlink():
                raise OutputError("is a folder; a report file cannot replace it.", path=str(target),
                                  hint="Move the folder away or choose another output folder.")
            if not is_own_output(target):
                raise OutputError(
                    "exists and was not written by comparator; it is left as it is.",
                    path=str(target),
                    hint="Choose another output folder, or move the file away if it may be replaced.",
                )


def remove_stale_temps(directory: str | Path, names: Iterable[str], *, older_than: float = STALE_AFTER) -> int:
    """Delete ``.<name>.XXXXXXXX.tmp`` files (ours, by name) older than ``older_than`` seconds; return how many."""
    directory = Path(directory)
    patterns = [re.compile(rf"\.{re.escape(n)}\.[A-Za-z0-9_]{{8}}\.tmp") for n in names]
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    for entry in entries:
        if not any(p.fullmatch(entry.name) for p in patterns):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime >= older_than:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed
