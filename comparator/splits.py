"""Split matches: one claim says in one sentence what another outlet says in two.

Used by :func:`comparator.align.align_claims` (method ``<model>+split``) and
re-exported from :mod:`comparator.align`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np

from comparator.scorers import tokens

if TYPE_CHECKING:  # pragma: no cover
    from comparator.align import AlignmentModel


def unique_coverage(row: str, part: str, other: str) -> float:
    """Share of ``row``'s content words that ``part`` has and ``other`` lacks."""
    words = tokens(row).words
    if not words:
        return 0.0
    return len((words & tokens(part).words) - tokens(other).words) / len(words)


@dataclass(frozen=True)
class Split:
    """Claim ``row`` says in one sentence what columns ``first`` and ``second`` say in two."""

    row: int
    first: int
    second: int
    probability: float  # of ``row`` against the two columns' texts joined


def find_splits(model: "AlignmentModel", prob: np.ndarray, texts_rows: Sequence[str],
                unit_rows: np.ndarray, texts_cols: Sequence[str], unit_cols: np.ndarray,
                threshold: float) -> list[Split]:
    """For each row, the best union of two of its top candidate columns that matches it better.

    A union is scored like a single claim: the columns' texts joined (in their
    order) and the normalised sum of their vectors. It counts only when both
    parts contribute: its probability reaches ``threshold`` and beats the row's
    best single match by at least ``model.split_gain``, and each column covers at
    least ``model.split_coverage`` of the row's content words that the other
    column does not (:func:`unique_coverage`), and each column alone reaches
    ``model.split_part_floor``. A rapidfuzz score of a union rarely drops below
    that of its parts, so the gain alone would let a weak second part ride along.
    """
    k = min(model.split_candidates, prob.shape[1])
    if k < 2 or prob.shape[0] == 0:
        return []
    rows, firsts, seconds = [], [], []
    ranked = np.argsort(-prob, axis=1, kind="stable")[:, :k]  # by probability, ties by column
    for i in range(prob.shape[0]):
        top = sorted(ranked[i].tolist())
        top = [j for j in top if prob[i, j] >= model.split_part_floor]
        for x, j in enumerate(top):
            for m in top[x + 1:]:
                one, two = texts_cols[j], texts_cols[m]
                if min(unique_coverage(texts_rows[i], one, two), unique_coverage(texts_rows[i], two, one)) \
                        < model.split_coverage:
                    continue  # one part adds too little: decided before the union is scored
                rows.append(i), firsts.append(j), seconds.append(m)
    if not rows:
        return []
    union = unit_cols[firsts] + unit_cols[seconds]
    union /= np.maximum(np.linalg.norm(union, axis=1, keepdims=True), 1e-12)
    cos = np.clip(np.einsum("ij,ij->i", unit_rows[rows], union), -1.0, 1.0)
    joined = [f"{texts_cols[j]} {texts_cols[m]}" for j, m in zip(firsts, seconds)]
    p_union = model.pair_probability(cos, [texts_rows[i] for i in rows], joined)
    best: dict[int, Split] = {}
    row_best = prob.max(axis=1)
    for n, i in enumerate(rows):
        p = float(p_union[n])
        if p < threshold or p <= row_best[i] + model.split_gain:
            continue
        if i in best and p <= best[i].probability:
            continue
        best[i] = Split(i, firsts[n], seconds[n], p)
    return [best[i] for i in sorted(best)]
