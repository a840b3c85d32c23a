"""Views of a Comparison shared by the renderers: counts, top findings, aligned rows, omissions.

Everything here is deterministic (ordered by article order, claim index and
severity) and model-free, so every renderer shows the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from comparator.groups import alignment_components
from comparator.render.overview import groups_of
from comparator.types import FINDING_KINDS, SEVERITIES, SEVERITY_RANK, Claim, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison

__all__ = [
    "AlignedRow",
    "OutletStats",
    "aligned_rows",
    "finding_articles",
    "kind_severity_counts",
    "kinds_present",
    "omissions_by_article",
    "outlet_stats",
    "shared_fact_rows",
    "top_findings",
]


@dataclass(frozen=True)
class OutletStats:
    """Per-article numbers for summary tables."""

    article: str
    outlet: str
    claims: int  # all claims, boilerplate included
    boilerplate: int
    aligned: int  # story sentences in a fact shared with another outlet (fact groups, not chains)
    findings: int  # findings citing this article in their evidence
    omitted: int  # omission findings listing this article as missing


@dataclass(frozen=True)
class AlignedRow:
    """One group of aligned claims (a connected component), one tuple of claims per article."""

    cells: tuple[tuple[Claim, ...], ...]  # in comp.articles order
    score: float  # best alignment score inside the group


def kinds_present(comp: "Comparison") -> list[str]:
    """Finding kinds in the report: known kinds in contract order, then others sorted."""
    present = {f.kind for f in comp.findings}
    return [k for k in FINDING_KINDS if k in present] + sorted(present - set(FINDING_KINDS))


def kind_severity_counts(comp: "Comparison") -> dict[str, dict[str, int]]:
    """``{kind: {severity: count}}`` for every kind present and every severity."""
    counts = {k: {s: 0 for s in SEVERITIES} for k in kinds_present(comp)}
    for f in comp.findings:
        counts[f.kind][f.severity] = counts[f.kind].get(f.severity, 0) + 1
    return counts


def top_findings(comp: "Comparison", n: int) -> list[Finding]:
    """The ``n`` most important findings: severity first, then confidence, then report order."""
    ranked = sorted(enumerate(comp.findings),
                    key=lambda p: (SEVERITY_RANK.get(p[1].severity, 9), -p[1].confidence, p[0]))
    return [f for _, f in ranked[:n]]


def finding_articles(comp: "Comparison", finding: Finding) -> list[str]:
    """Article ids cited in a finding's evidence, in article order."""
    cited = {e.article for e in finding.evidence}
    return [a.id for a in comp.articles if a.id in cited]


def omissions_by_article(comp: "Comparison") -> dict[str, list[Finding]]:
    """For each article id, the omission findings it is missing from (``details.missing_from``).

    Without that detail, an article is missing from an omission when none of its
    evidence comes from it.
    """
    out: dict[str, list[Finding]] = {a.id: [] for a in comp.articles}
    for f in comp.findings:
        if f.kind != "omission":
            continue
        missing = f.details.get("missing_from") if f.details else None
        if not isinstance(missing, (list, tuple)):
            cited = set(finding_articles(comp, f))
            missing = [a for a in out if a not in cited]
        for article_id in missing:
            if article_id in out:
                out[article_id].append(f)
    return out


def aligned_rows(comp: "Comparison") -> list[AlignedRow]:
    """Groups of aligned claims, in the reading order of their first claim."""
    rows = []
    for group in alignment_components(comp, include_boilerplate=True, singletons=False):
        members = set(group)
        score = max(al.score for al in comp.alignments if members.intersection(al.claims))
        claims = [comp.claim(i) for i in group]
        cells = tuple(tuple(c for c in claims if c.article == a.id) for a in comp.articles)
        rows.append(AlignedRow(cells=cells, score=score))
    return rows


def shared_fact_rows(comp: "Comparison") -> list[AlignedRow]:
    """Facts carried by two or more outlets (:func:`comparator.groups.fact_groups`), in reading order:
    the rows every format counts as "facts shared by two or more outlets"."""
    rows = []
    for g in groups_of(comp):
        if len(g.articles) < 2:
            continue
        claims = [comp.claim(i) for i in g.claims]
        rows.append(AlignedRow(cells=tuple(tuple(c for c in claims if c.article == a.id) for a in comp.articles),
                               score=g.score))
    return rows


def outlet_stats(comp: "Comparison") -> list[OutletStats]:
    """One :class:`OutletStats` per article, in article order (``aligned``: its story sentences in a
    fact shared with another outlet, the same facts as :func:`shared_fact_rows`)."""
    aligned = {cid for g in groups_of(comp) if len(g.articles) > 1 for cid in g.claims}
    omitted = omissions_by_article(comp)
    out = []
    for a in comp.articles:
        claims = comp.claims_of(a.id)
        out.append(OutletStats(
            article=a.id,
            outlet=a.outlet,
            claims=len(claims),
            boilerplate=sum(c.boilerplate for c in claims),
            aligned=sum(1 for c in claims if c.id in aligned and not c.boilerplate),
            findings=sum(1 for f in comp.findings if any(e.article == a.id for e in f.evidence)),
            omitted=len(omitted[a.id]),
        ))
    return out
