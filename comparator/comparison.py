"""The :class:`Comparison` record that carries everything from step to step."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

from comparator.types import (
    Alignment,
    Article,
    Claim,
    Entity,
    Finding,
    ToolInfo,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

SCHEMA_VERSION = "1.1"  # 1.1: the "overview" section (ranked differences, key facts, outlets)


@dataclass(frozen=True)
class Comparison:
    """Articles, claims, alignments, entities and findings of one event."""

    articles: tuple[Article, ...]
    claims: tuple[Claim, ...] = ()
    alignments: tuple[Alignment, ...] = ()
    entities: tuple[Entity, ...] = ()
    findings: tuple[Finding, ...] = ()
    tool: ToolInfo | None = None
    # Wall-clock seconds per stage; never written to report.json (not deterministic).
    timings: Mapping[str, float] = field(default_factory=dict, compare=False)
    # Extra, JSON-ready sections added by later stages (e.g. "labels", "sourcing").
    extras: Mapping[str, Any] = field(default_factory=dict)

    # -- lookups -----------------------------------------------------------------
    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

    def claim(self, claim_id: str) -> Claim:
        index = self.__dict__.get("_claim_index")
        if index is None:
            index = {c.id: c for c in self.claims}
            object.__setattr__(self, "_claim_index", index)
        return index[claim_id]

    def claims_of(self, article_id: str) -> tuple[Claim, ...]:
        return tuple(c for c in self.claims if c.article == article_id)

    def outlet_of(self, claim_or_article_id: str) -> str:
        return self.article(claim_or_article_id.split(":", 1)[0]).outlet

    # -- export ------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The report contract (see ``docs/report.schema.json``)."""
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "tool": self.tool.to_dict() if self.tool else None,
            "articles": [a.to_dict() for a in self.articles],
            "claims": [c.to_dict() for c in self.claims],
            "alignments": [a.to_dict() for a in self.alignments],
            "entities": [e.to_dict() for e in self.entities],
            "findings": [f.to_dict() for f in self.findings],
        }
        from comparator.render.overview import overview

        out["overview"] = overview(self).to_dict()
        for key in sorted(self.extras):
            out[key] = self.extras[key]
        return out

    def to_json(self) -> str:
        """Deterministic JSON text of :meth:`to_dict`."""
        from comparator.render.json import to_json

        return to_json(self)

    def to_frame(self, name: str) -> "pd.DataFrame":
        """A pandas DataFrame of one table of :mod:`comparator.render.tables` (``claims``, ``alignments``,
        ``findings``, ``evidence``, ``entities``, ``ranked``, ``key_facts`` or ``outlets``)."""
        from comparator.render.tables import to_frame

        return to_frame(self, name)
