"""reviewdog's Diagnostic Format, JSON (``reviewdog -f=rdjson``): one ``DiagnosticResult``.

reviewdog positions count columns in UTF-8 bytes (its ``Position.column``), so
character columns are converted with the line's text, read again from the draft.
Severities: ERROR, WARNING, INFO.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from comparator.check.records import CheckResult

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


@lru_cache(maxsize=64)
def _lines(path: str) -> tuple[str, ...]:
    from comparator.load.decode import decode_bytes
    from comparator.load.fields import newlines

    from comparator.errors import ComparatorError

    try:
        return tuple(newlines(decode_bytes(Path(path).read_bytes(), path).text).split("\n"))
    except (OSError, ComparatorError):  # a file gone or unreadable only loses byte columns
        return ()


def byte_column(path: str, line: int, column: int) -> int:
    """The 1-based UTF-8 byte column of character ``column`` on ``line`` of ``path`` (``column`` if unreadable)."""
    lines = _lines(path)
    if not 1 <= line <= len(lines):
        return column
    return len(lines[line - 1][: column - 1].encode("utf-8")) + 1


def render(result: "CheckResult", *, color: bool = False) -> str:
    diagnostics: list[dict[str, Any]] = []
    for f in result.findings:
        loc = f.location
        rng: dict[str, Any] = {"start": {"line": loc.line, "column": byte_column(loc.path, loc.line, loc.column)}}
        if loc.exact:
            rng["end"] = {"line": loc.end_line, "column": byte_column(loc.path, loc.end_line, loc.end_column)}
        diagnostics.append({"message": f.message, "location": {"path": loc.path, "range": rng},
                            "severity": SEVERITIES[f.level], "code": {"value": f.rule}})
    data = {"source": {"name": "comparator check"}, "severity": "INFO" if not diagnostics else
            SEVERITIES[min((f.level for f in result.findings), key=["error", "warning", "info"].index)],
            "diagnostics": diagnostics}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
