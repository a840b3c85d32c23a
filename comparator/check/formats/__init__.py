"""Output formats of ``comparator check``, one module each, every one ``render(result, *, color=False) -> str``.

- ``text``: ``file:line:col: level rule message`` (coloured on a TTY), as compilers and linters print;
- ``json``: :meth:`CheckResult.to_dict`, deterministic;
- ``github``: GitHub Actions workflow commands (``::error file=…``), shown as pull-request annotations;
- ``sarif``: SARIF 2.1.0 (GitHub code scanning, most CI dashboards);
- ``junit``: JUnit XML (one test suite per draft, one failing test case per finding);
- ``rdjson``: reviewdog's Diagnostic Format (JSON), for ``reviewdog -f=rdjson``;
- ``gitlab``: GitLab Code Quality report (``artifacts:reports:codequality``);
- ``markdown``: a summary for ``$GITHUB_STEP_SUMMARY`` or a merge-request comment.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from comparator.check.config import OUTPUT_FORMATS

if TYPE_CHECKING:  # pragma: no cover
    from comparator.check.records import CheckResult

#: format name -> module name (``json`` would shadow the standard library inside this package)
_MODULES = {name: f"comparator.check.formats.{'json_format' if name == 'json' else name}" for name in OUTPUT_FORMATS}


def render(result: "CheckResult", fmt: str, *, color: bool = False) -> str:
    """``result`` in output format ``fmt`` (one of :data:`OUTPUT_FORMATS`); ``KeyError`` for another name."""
    return importlib.import_module(_MODULES[fmt]).render(result, color=color)


#: What each format's output starts with or contains near its start, to recognise a file comparator wrote.
_MARKERS = (b'"name": "comparator check"', b'"name": "comparator"', b'<testsuites name="comparator check"',
            b"## comparator check:", b"title=comparator ", b'"check_name": "', b" checked against ")


def is_check_output(path: str) -> bool:
    """Whether the existing file at ``path`` looks like an output of ``comparator check`` (any format).

    An empty file and an empty GitLab report (``[]``) count as outputs.
    """
    from pathlib import Path

    try:
        with Path(path).open("rb") as fh:
            head = fh.read(65536)
    except OSError:
        return False
    if not head.strip() or head.strip() == b"[]":
        return True
    return any(m in head for m in _MARKERS)
