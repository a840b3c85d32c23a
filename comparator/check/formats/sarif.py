"""SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), one run, every rule described.

Columns count Unicode code points (``columnKind: unicodeCodePoints``); a region's
``endColumn`` is one past its last character, as SARIF §3.30 says. Source spans
are ``relatedLocations``; ``partialFingerprints["comparatorCheck/v1"]`` is the
baseline fingerprint. Levels: error, warning, info -> ``note``. Validated in
tests against the specification's JSON schema (tests/data/sarif-schema-2.1.0.json).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from comparator.check.rules import RULES

if TYPE_CHECKING:  # pragma: no cover
    from comparator.check.records import CheckResult, Location

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def uri(path: str) -> str:
    """A SARIF artifact URI: a relative path with ``/`` separators, or a ``file://`` URI for an absolute one."""
    if path.startswith(("http://", "https://")):
        return path
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix())


def _location(loc: "Location", index: int | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": loc.line, "startColumn": loc.column}
    if loc.exact:
        region.update(endLine=loc.end_line, endColumn=max(loc.end_column, 1))
    region["snippet"] = {"text": loc.text}
    out: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": uri(loc.path)}, "region": region}}
    if index is not None:
        out["id"] = index
    return out


def to_sarif(result: "CheckResult") -> dict[str, Any]:
    """The SARIF log as a dict."""
    index = {r.code: i for i, r in enumerate(RULES)}
    rules = [{"id": r.code, "name": r.code, "shortDescription": {"text": r.name}, "help": {"text": r.help},
              "defaultConfiguration": {"level": LEVELS[r.level]}} for r in RULES]
    results = []
    for f in result.findings:
        item: dict[str, Any] = {"ruleId": f.rule, "ruleIndex": index[f.rule], "level": LEVELS[f.level],
                                "message": {"text": f.message}, "locations": [_location(f.location)],
                                "partialFingerprints": {"comparatorCheck/v1": f.fingerprint}}
        if f.sources:
            item["relatedLocations"] = [
                {**_location(s.location, i), "message": {"text": s.outlet}} for i, s in enumerate(f.sources)]
        if f.details:
            item["properties"] = {"details": dict(f.details)}
        results.append(item)
    driver = {"name": "comparator", "version": result.tool_version or "0", "semanticVersion": result.tool_version or "0",
              "informationUri": "https://pypi.org/project/comparator/", "rules": rules}
    return {"$schema": SCHEMA_URI, "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results,
                      "invocations": [{"executionSuccessful": True, "exitCode": result.exit_code}]}]}


def render(result: "CheckResult", *, color: bool = False) -> str:
    return json.dumps(to_sarif(result), ensure_ascii=False, indent=2) + "\n"
