"""``loaded_language``: lexicon terms, in the outlet's own voice (warning) or in a quote (info)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from comparator.framing.common import claim_index, quote_text, someone, term_matches
from comparator.types import Evidence, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context

#: How sure we are that a category's terms are loaded in news copy.
CATEGORY_CONFIDENCE = {
    "partisan_identity": 0.85, "epithet": 0.85, "immigration_term": 0.75, "scare_term": 0.7,
    "conflict_verb": 0.6, "speech_verb": 0.5, "evaluative": 0.6, "intensifier": 0.5,
    "certainty": 0.5, "hedging": 0.45, "style_rule": 0.6,
}


def find_loaded_language(comp: "Comparison", ctx: "Context") -> list[Finding]:
    """One finding per (article, term, voice, speaker), every occurrence as evidence."""
    index = claim_index(comp, ctx)
    groups: dict[tuple, list[Evidence]] = {}
    meta: dict[tuple, object] = {}
    for article in comp.articles:
        for m in term_matches(comp, ctx, article.id):
            sv = index.voice(article.id, m.start, m.end)
            key = (article.id, m.entry.source, m.entry.term, sv.voice, sv.speaker or "")
            groups.setdefault(key, []).append(Evidence(
                article=article.id, claim=sv.claim.id if sv.claim else None, text=m.text,
                start=m.start, end=m.end, voice=sv.voice, speaker=sv.speaker))
            meta.setdefault(key, m.entry)
    findings = []
    for key in sorted(groups):
        article_id, _, _, voice, speaker = key
        entry = meta[key]
        evidence = tuple(groups[key])
        outlet = comp.article(article_id).outlet
        said = quote_text(evidence[0].text)
        category = entry.category.replace("_", " ")
        if voice == "authorial":
            message = (f"{outlet} uses {said} ({category}) in its own voice; "
                       f"a neutral alternative is {quote_text(entry.neutral)}.")
            severity = "warning"
        else:
            message = (f"{outlet} quotes {someone(speaker or None)} using {said} ({category}); "
                       f"the outlet does not adopt it in its own voice.")
            severity = "info"
        times = len(evidence)
        if times > 1:
            message = message[:-1] + f" ({times} times)."
        findings.append(Finding(
            id="", kind="loaded_language", severity=severity,
            confidence=CATEGORY_CONFIDENCE.get(entry.category, 0.5) * (1.0 if voice == "authorial" else 0.8),
            message=message, evidence=evidence,
            details={"term": entry.term, "category": entry.category, "neutral": entry.neutral,
                     "rationale": entry.rationale, "lexicon": entry.source, "voice": voice,
                     "speaker": speaker or None, "count": times},
        ))
    return findings
