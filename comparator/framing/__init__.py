"""Framing: labels per entity, the event's subjects, loaded-language candidates in context, the lexicon, sourcing.

:func:`add_labels` is the pipeline enricher: it stores every :class:`Label`
(as dicts) in ``comp.extras["labels"]`` and the speaker x outlet table in
``comp.extras["sourcing"]``; the framing detectors read them back.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from comparator.framing.labels import extract_labels, label_from_dict
from comparator.framing.lexicon import Lexicon, LexiconEntry, default_lexicon, lexicon_for, load_lexicon
from comparator.framing.sources import SourceRow, sourcing_table

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context

__all__ = ["Lexicon", "LexiconEntry", "SourceRow", "add_labels", "default_lexicon", "extract_labels",
           "label_from_dict", "labels_of", "lexicon_for", "load_lexicon", "sourcing_table"]


def add_labels(comp: "Comparison", ctx: "Context") -> "Comparison":
    """``comp`` with ``extras["labels"]`` and ``extras["sourcing"]`` filled (runs after entities)."""
    labels = extract_labels(comp, ctx)
    ctx.shared["framing.labels"] = labels
    rows = sourcing_table(comp, labels)
    extras = dict(comp.extras)
    extras["labels"] = [lab.to_dict() for lab in labels]
    extras["sourcing"] = [row.to_dict() for row in rows]
    return dataclasses.replace(comp, extras=extras)


def labels_of(comp: "Comparison", ctx: "Context") -> tuple:
    """The labels of ``comp``: from the enricher's memo, ``extras["labels"]``, or extracted now."""
    if "framing.labels" in ctx.shared:
        return ctx.shared["framing.labels"]
    if "labels" in comp.extras:
        return tuple(label_from_dict(d) for d in comp.extras["labels"])
    labels = extract_labels(comp, ctx)
    ctx.shared["framing.labels"] = labels
    return labels
