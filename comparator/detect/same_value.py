"""The same value told twice: a detail the other outlet states elsewhere or as another kind, and a figure
changed inside a quotation told once.

:func:`stated_elsewhere` and :func:`value_in` keep a ``detail_only`` finding to facts the other outlet
does not state (review 2: "three-quarters of a billion" / "$750 million", "The final score was 3-2." in
another sentence, "half of the 200" / "100 of the 200"); :func:`fold_quote_wording` folds a
``quote_wording`` difference into the number or date divergence it repeats ("eleven years" / "twelve
years" inside the same quotation).
"""

from __future__ import annotations

import dataclasses

from comparator.facts import facts_agree
from comparator.types import Evidence, Fact, Finding

__all__ = ["fold_quote_wording", "stated_elsewhere", "value_in"]


def stated_elsewhere(fact: Fact, others: list[Fact]) -> bool:
    """Whether the other article states the same value in another sentence ("The final score was 3-2." apart
    from the sentence that matches): then the detail is not one only one outlet gives. Bare single figures
    (a lone "3") are too common to count as the same detail, so only facts of some weight are matched:
    scores, amounts, percentages, durations, dates and figures of 1,000 or more."""
    if fact.kind == "quantity" and fact.unit != "score" and isinstance(fact.value, (int, float)) \
            and abs(fact.value) < 1000:
        return False
    return any(g.kind == fact.kind and facts_agree(fact, g) for g in others) or value_in(fact, others)


def value_in(fact: Fact, others: list[Fact]) -> bool:
    """Whether ``others`` state the value of ``fact`` as another kind: an amount NER read without its currency
    ("three-quarters of a billion" / "$750 million") is the same figure, not a detail one side lacks; a
    share ("half of the workers") is told by two counts of the other side ("100 of the 200 workers")."""
    if fact.kind == "percent" and fact.unit == "%" and isinstance(fact.value, (int, float)):
        counts = sorted({float(g.value) for g in others if g.kind == "quantity" and isinstance(g.value, (int, float))
                         and g.value > 0 and g.unit != "score"})
        return any(abs(100 * x / y - fact.value) <= 2.0 for i, x in enumerate(counts) for y in counts[i + 1:])
    if fact.kind not in ("quantity", "money"):
        return False
    for g in others:
        if g.kind in ("quantity", "money") and g.kind != fact.kind and g.unit != "score" and fact.unit != "score":
            as_other = Fact(kind=g.kind, text=fact.text, start=fact.start, end=fact.end, normal=fact.normal,
                            value=fact.value, unit=g.unit, qualifier=fact.qualifier, approximate=fact.approximate)
            if facts_agree(as_other, g):
                return True
    return False


def _overlaps(x: Evidence, y: Evidence) -> bool:
    return x.article == y.article and x.start < y.end and y.start < x.end


def fold_quote_wording(findings: list[Finding], quoted: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """One changed word inside the same quotation is one finding: a number or date divergence whose two
    spans overlap the two spans of a ``quote_wording`` difference ("eleven years" / "twelve years" inside
    "program eleven years" / "program twelve years") keeps the typed divergence (its values can be checked;
    the wording finding says only that words differ) and takes the wording in: ``details.quote_wording``
    holds the quotation's differing words, the message opens "In the same quotation," and the
    ``quote_wording`` finding is dropped. Names already go the other way (told once, as the quotation's
    wording, above)."""
    out = list(findings)
    kept: list[Finding] = []
    for q in quoted:
        host = None
        if q.details.get("type") == "quote_wording" and len(q.evidence) == 2:
            host = next((k for k, f in enumerate(out) if f.details.get("type") in ("number", "date")
                         and len(f.evidence) == 2 and all(_overlaps(e, qe) for e, qe in zip(f.evidence, q.evidence))),
                        None)
        if host is None:
            kept.append(q)
            continue
        f = out[host]
        details = dict(f.details)
        details.setdefault("quote_wording", list(q.details.get("diff", [])))
        out[host] = dataclasses.replace(f, confidence=max(f.confidence, q.confidence), details=details,
                                        message="In the same quotation, " + f.message)
    return out, kept
