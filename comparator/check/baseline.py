"""A baseline: findings a team has accepted, so a check can be adopted on existing copy.

The file is JSON (``{"comparator_check_baseline": 1, "findings": [{"fingerprint", "rule", "path",
"text"}...]}``), written atomically and sorted, so it diffs well in review. Findings are
matched by fingerprint (:func:`fingerprint`), which leaves line numbers out: a finding
stays accepted when the paragraphs above it are edited. An existing file that is not a
baseline is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable

from comparator.check.records import CheckFinding
from comparator.errors import ConfigError, OutputError

MARKER = "comparator_check_baseline"
VERSION = 1


def fingerprint(rule: str, path: str, draft_text: str, context: str, source_text: str = "") -> str:
    """A stable id: sha256 (first 20 hex digits) of the rule, the draft's file name, the finding's words,
    the sentence they are in and the source words (whitespace folded)."""
    parts = [rule, Path(path).name, " ".join(draft_text.split()), " ".join(context.split()),
             " ".join(source_text.split())]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def read_baseline(path: str | Path) -> frozenset[str]:
    """The accepted fingerprints in a baseline file; :class:`ConfigError` if it is not one."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("baseline file does not exist.", path=str(p),
                          hint="Create it with --write-baseline, or leave --baseline out.") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"cannot read the baseline ({exc}).", path=str(p),
                          hint="Write it again with --write-baseline.") from None
    if not isinstance(data, dict) or data.get(MARKER) != VERSION or not isinstance(data.get("findings"), list):
        raise ConfigError("is not a comparator check baseline.", path=str(p),
                          hint="Write one with 'comparator check ... --write-baseline FILE'.")
    return frozenset(str(f.get("fingerprint")) for f in data["findings"] if isinstance(f, dict))


def baseline_text(findings: Iterable[CheckFinding]) -> str:
    """The baseline file's text for ``findings`` (sorted, deterministic)."""
    rows = sorted({(f.fingerprint, f.rule, f.location.path, f.location.text) for f in findings})
    data = {MARKER: VERSION, "findings": [{"fingerprint": fp, "rule": r, "path": p, "text": t}
                                          for fp, r, p, t in rows]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_baseline(path: str | Path, findings: Iterable[CheckFinding]) -> Path:
    """Write (atomically) a baseline of ``findings``; refuses to replace a file that is not a baseline."""
    from comparator.render.atomic import write_text

    p = Path(path)
    if p.exists():
        if p.is_dir():
            raise OutputError("the baseline path is a folder.", path=str(p), hint="Give a file path.")
        try:
            read_baseline(p)
        except ConfigError:
            raise OutputError("exists and is not a comparator check baseline; it was left as it is.",
                              path=str(p), hint="Choose another file name for the baseline.") from None
    write_text(p, baseline_text(findings))
    return p
