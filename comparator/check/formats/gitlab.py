"""GitLab Code Quality report (``artifacts: reports: codequality``): a JSON list of issues.

Each issue has ``description``, ``check_name``, ``fingerprint`` (unique per
issue, as GitLab requires), ``severity`` (error -> ``major``, warning ->
``minor``, info -> ``info``) and ``location.path`` / ``location.lines.begin``.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from comparator.check.records import CheckResult

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(result: "CheckResult", *, color: bool = False) -> str:
    issues = []
    seen: dict[str, int] = {}
    for f in result.findings:
        n = seen[f.fingerprint] = seen.get(f.fingerprint, 0) + 1
        fp = hashlib.md5(f"{f.fingerprint}:{n}".encode(), usedforsecurity=False).hexdigest()
        issues.append({"description": f.message, "check_name": f.rule, "fingerprint": fp,
                       "severity": SEVERITIES[f.level],
                       "location": {"path": f.location.path, "lines": {"begin": f.location.line}}})
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
