"""Detectors: one module per finding kind, each ``(Comparison, Context) -> list[Finding]``.

Detectors return findings with an empty ``id``; :func:`finalize_findings` sorts
them deterministically and numbers them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

from comparator.types import FINDING_KINDS, SEVERITY_RANK, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.config import Settings


@dataclass(frozen=True)
class Context:
    """What detectors need beyond the Comparison: parses and settings."""

    settings: "Settings"
    docs: Mapping[str, Any] = field(default_factory=dict)  # article id -> spaCy Doc of article.text
    shared: dict[str, Any] = field(default_factory=dict)  # memo for values several detectors reuse


Detector = Callable[["Comparison", Context], list[Finding]]


def and_list(names: Sequence[str]) -> str:
    """Outlet or person names as an English series: "A", "A and B", "A, B and C"."""
    names = list(names)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def finalize_findings(findings: Iterable[Finding], article_order: Mapping[str, int]) -> tuple[Finding, ...]:
    """Sort findings (severity, kind, position of first evidence) and give stable ids."""

    kind_rank = {k: i for i, k in enumerate(FINDING_KINDS)}

    def key(f: Finding) -> tuple:
        first = f.evidence[0] if f.evidence else None
        return (
            SEVERITY_RANK.get(f.severity, 9),
            kind_rank.get(f.kind, len(kind_rank)),
            f.kind,
            article_order.get(first.article, 99) if first else 99,
            first.start if first else -1,
            f.message,
        )

    ordered = sorted(findings, key=key)
    counters: dict[str, int] = {}
    out = []
    for f in ordered:
        counters[f.kind] = counters.get(f.kind, 0) + 1
        out.append(dataclasses.replace(f, id=f"{f.kind}-{counters[f.kind]:03d}"))
    return tuple(out)
