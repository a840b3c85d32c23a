"""Severity of a divergent fact by its type, from the precision measured on the gold events.

A type is an ``error`` only where its precision on the hand-annotated gold
events is at least 0.9; every other type is a ``warning``. The figures are
measured with ``bench/divergence_types.py`` (pooled over gold-dev; it says
when this table is out of date) beside ``bench/eval_divergence.py`` (MRPC
paraphrases), and written down in
docs/EVALUATION.md ("Divergent facts only about the same thing", the severity table);
update both together.
"""

from __future__ import annotations

#: divergent-fact types (``details.type``)
TYPES = ("number", "date", "name", "quote_wording", "attribution", "status", "certainty")

#: precision on the gold-dev events (divergent findings of the type that match a gold divergence /
#: all findings of the type) and how many findings it rests on; docs/EVALUATION.md, severity table.
MEASURED_PRECISION: dict[str, tuple[float | None, int]] = {
    # python bench/divergence_types.py --data ../shared/data, pooled over the 4 gold-dev events: 7 divergent
    # findings, all matching a gold divergence; no type has MIN_FINDINGS findings yet, so none is an error
    "number": (1.0, 2),
    "date": (None, 0),
    "name": (1.0, 1),
    "quote_wording": (1.0, 3),
    "attribution": (None, 0),
    "status": (1.0, 1),
    "certainty": (None, 0),
}
#: the precision a type needs to be an error
ERROR_PRECISION = 0.9
#: fewer findings than this is not a measurement: the type stays a warning. 5 because at 3 of 3 the
#: 95 % Wilson lower bound of the precision is 0.44 and one false error on the first screen costs an
#: editor's trust (Wilson 1927, "Probable inference, the law of succession, and statistical inference")
MIN_FINDINGS = 5

_KIND_TYPE = {"quantity": "number", "money": "number", "percent": "number", "duration": "number",
              "ordinal": "number", "date": "date", "time": "date", "name": "name"}


def type_of(kind: str) -> str:
    """``details.type`` of a fact kind: quantity/money/percent/duration/ordinal -> number, time -> date."""
    return _KIND_TYPE.get(kind, kind)


def severity_of(kind_type: str) -> str:
    """'error' when the type's measured gold precision is >= 0.9 on enough findings, else 'warning'."""
    precision, n = MEASURED_PRECISION.get(kind_type, (None, 0))
    if precision is not None and n >= MIN_FINDINGS and precision >= ERROR_PRECISION:
        return "error"
    return "warning"
