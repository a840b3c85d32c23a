"""``sourcing``: a source quoted by only some outlets (from ``extras["sourcing"]``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from comparator.detect import and_list
from comparator.framing import labels_of, sourcing_table
from comparator.framing.common import someone
from comparator.types import Evidence, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context


def _rows(comp: "Comparison", ctx: "Context") -> list[dict]:
    if "sourcing" in comp.extras:
        return list(comp.extras["sourcing"])
    return [r.to_dict() for r in sourcing_table(comp, labels_of(comp, ctx))]


def find_sourcing(comp: "Comparison", ctx: "Context") -> list[Finding]:
    """One finding per source that some outlets quote and others do not."""
    if len(comp.articles) < 2:
        return []
    rows = _rows(comp, ctx)
    order = {a.id: i for i, a in enumerate(comp.articles)}
    by_source: dict[str, list[dict]] = {}
    for r in rows:
        by_source.setdefault(r["source"], []).append(r)
    findings = []
    for source in sorted(by_source):
        rs = sorted(by_source[source], key=lambda r: order[r["article"]])
        quoting = [r["article"] for r in rs]
        silent = [a.id for a in comp.articles if a.id not in quoting]
        if silent:
            silent = _not_carrying(comp, rs, silent)
        if not silent:
            continue
        who = someone(rs[0]["speaker"])
        outlets = and_list([r["outlet"] for r in rs])
        count = sum(r["quotes"] for r in rs)
        missing = and_list([comp.article(a).outlet for a in silent])
        message = (f"Only {outlets} quote{'s' if len(rs) == 1 else ''} {who} "
                   f"({count} quoted sentence{'s' if count != 1 else ''}); {missing} "
                   f"{'does' if len(silent) == 1 else 'do'} not.")
        evidence = []
        for c in sorted(comp.claims, key=lambda c: (order.get(c.article, 99), c.start)):
            if c.article in quoting and c.speaker and c.voice != "authorial" and not c.boilerplate \
                    and c.speaker in next(r["wordings"] for r in rs if r["article"] == c.article):
                evidence.append(Evidence(article=c.article, claim=c.id, text=c.text, start=c.start, end=c.end,
                                         voice=c.voice, speaker=c.speaker))
        share = sum(r["quoted_chars"] for r in rs)
        findings.append(Finding(
            id="", kind="sourcing", severity="info", confidence=min(0.9, 0.5 + 0.1 * count),
            message=message, evidence=tuple(evidence), entity=rs[0]["entity"],
            details={"source": source, "speaker": rs[0]["speaker"], "quoted_by": quoting,
                     "not_quoted_by": silent, "quotes": count, "quoted_chars": share},
        ))
    return findings


def _not_carrying(comp: "Comparison", rows: list[dict], silent: list[str]) -> list[str]:
    """The ``silent`` articles that do not carry the source's quotations at all: an outlet that
    prints the same words (a run of :data:`~comparator.framing.sources.MIN_SHARED_QUOTE_WORDS`
    words) with an unknown speaker ("“…,” he said") quotes the source too, unattributed; the
    same words credited to another name stay a finding (the ``attribution`` check reports that)."""
    from comparator.framing.sources import _quote_grams

    wordings = {r["article"]: set(r["wordings"]) for r in rows}
    grams: set = set()
    for c in comp.claims:
        if c.article in wordings and c.speaker in wordings[c.article] and c.voice != "authorial":
            grams |= _quote_grams(comp.article(c.article).text, c.quotes)
    if not grams:
        return silent
    out = []
    for aid in silent:
        text = comp.article(aid).text
        if not any(c.article == aid and c.quotes and not c.speaker and not c.boilerplate
                   and _quote_grams(text, c.quotes) & grams for c in comp.claims):
            out.append(aid)
    return out
