"""Typed records of a check: where a finding is in the draft, the source span behind it, the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from comparator.check.rules import at_or_above


@dataclass(frozen=True)
class Location:
    """A place in a file: ``path`` as given, 1-based ``line``/``column`` (Unicode characters) and the end.

    ``start``/``end`` are character offsets into the article text the finding was
    made on (``Article.text``); ``text`` is the exact span. ``exact`` is False when
    the line is the nearest one (saved HTML pages: the text was extracted from markup).
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    start: int
    end: int
    exact: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "text": self.text, "start": self.start, "end": self.end,
                "exact": self.exact}


@dataclass(frozen=True)
class SourceSpan:
    """The source passage a finding rests on: the article (``outlet``, ``path``) and its location."""

    outlet: str
    location: Location

    def to_dict(self) -> dict[str, Any]:
        return {"outlet": self.outlet, **self.location.to_dict()}


@dataclass(frozen=True)
class CheckFinding:
    """One finding of one rule at one place in a draft.

    ``fingerprint`` identifies it across edits that move it (rule, draft file name,
    the draft's words and the source's), for baselines and SARIF
    ``partialFingerprints``. ``details`` is rule-specific and JSON-ready (e.g. the
    word diff of a misquote).
    """

    rule: str
    level: str
    message: str
    location: Location
    sources: tuple[SourceSpan, ...] = ()
    fingerprint: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "level": self.level, "message": self.message,
                "location": self.location.to_dict(), "sources": [s.to_dict() for s in self.sources],
                "fingerprint": self.fingerprint, "details": dict(self.details)}


@dataclass(frozen=True)
class DraftResult:
    """The findings on one draft, how many were suppressed inline or by the baseline, and how its
    quotations fared (``quotes``: found / misquote / misattribution / unverified -> count)."""

    path: str
    findings: tuple[CheckFinding, ...]
    suppressed: int = 0
    baselined: int = 0
    quotes: Mapping[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "findings": [f.to_dict() for f in self.findings],
                "suppressed": self.suppressed, "baselined": self.baselined,
                "quotes": {k: self.quotes.get(k, 0) for k in ("found", "misquote", "misattribution", "unverified")}}


@dataclass(frozen=True)
class CheckResult:
    """Every draft's result, the sources used and the level at which the check fails."""

    drafts: tuple[DraftResult, ...]
    sources: tuple[str, ...]
    fail_on: str
    tool_version: str = ""
    #: The config file the check settings came from (pyproject.toml / .comparator.toml), None if none.
    config: str | None = None

    @property
    def findings(self) -> tuple[CheckFinding, ...]:
        return tuple(f for d in self.drafts for f in d.findings)

    @property
    def failed(self) -> bool:
        """Whether any finding is at or above ``fail_on`` (the CLI then exits 1)."""
        return any(at_or_above(f.level, self.fail_on) for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.level] = out.get(f.level, 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"tool": {"name": "comparator check", "version": self.tool_version}, "fail_on": self.fail_on,
                "config": self.config, "failed": self.failed, "counts": self.counts(), "sources": list(self.sources),
                "drafts": [d.to_dict() for d in self.drafts]}
