"""``omission`` findings: what some outlets report and others leave out.

Claims joined by alignments form groups (connected components). A group of
non-boilerplate claims that lacks some outlet is one finding: which outlets
carry it, which don't. One finding per group, not per claim, so a story told
in two sentences by one outlet is not reported twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from comparator.groups import alignment_components
from comparator.types import Claim, Evidence, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context

SNIPPET_CHARS = 110


def claim_groups(comp: "Comparison") -> list[list[Claim]]:
    """Connected components of aligned non-boilerplate claims, in reading order."""
    return [[comp.claim(i) for i in group] for group in alignment_components(comp)]


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[:SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _join(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _nearest(comp: "Comparison", ctx: "Context", group: list[Claim], article_id: str) -> tuple[str | None, float]:
    """The claim of ``article_id`` most similar to the group, and its cosine (0 if unknown)."""
    vectors = ctx.shared.get("vectors") or {}
    candidates = [c for c in comp.claims_of(article_id) if not c.boilerplate and c.id in vectors]
    mine = [vectors[c.id] for c in group if c.id in vectors]
    if not candidates or not mine:
        return None, 0.0
    sims = np.asarray(mine) @ np.asarray([vectors[c.id] for c in candidates]).T
    flat = int(np.argmax(sims))
    return candidates[flat % len(candidates)].id, float(sims.max())


def find_omissions(comp: "Comparison", ctx: "Context") -> list[Finding]:
    """One ``omission`` per group of aligned claims that some outlets do not carry."""
    outlets = {a.id: a.outlet for a in comp.articles}
    order = [a.id for a in comp.articles]
    findings: list[Finding] = []
    for group in claim_groups(comp):
        carried = sorted({c.article for c in group}, key=order.index)
        missing = [a for a in order if a not in carried]
        if not missing:
            continue
        nearest = {a: _nearest(comp, ctx, group, a) for a in missing}
        best = max((sim for _, sim in nearest.values()), default=0.0)
        lead = group[0]
        carriers = _join([outlets[a] for a in carried])
        absent = _join([outlets[a] for a in missing])
        verb = "reports" if len(carried) == 1 else "report"
        message = f"{'Only ' if len(carried) == 1 else ''}{carriers} {verb}: “{_snippet(lead.text)}” ({absent} {'does' if len(missing) == 1 else 'do'} not)."
        article_text = {a.id: a.text for a in comp.articles}
        evidence = tuple(
            Evidence(article=c.article, claim=c.id, text=article_text[c.article][c.start:c.end],
                     start=c.start, end=c.end, voice=c.voice, speaker=c.speaker)
            for c in group
        )
        findings.append(
            Finding(
                id="",
                kind="omission",
                severity="info",
                confidence=max(0.0, min(1.0, 1.0 - best)),
                message=message,
                evidence=evidence,
                details={
                    "carried_by": carried,
                    "missing_from": missing,
                    "nearest": {a: {"claim": cid, "semantic": round(sim, 4)} for a, (cid, sim) in nearest.items()},
                },
            )
        )
    return findings
