"""Comparison-wide pair scores: does a pair of claims state one fact, given everything else compared?

The fitted pair scorer (:mod:`comparator.align`) reads two sentences alone. An
editor also reads them against the rest of the comparison: a pair that stands
out from each claim's nearest neighbours (the *margin* of bitext mining, Artetxe
& Schwenk 2019, "Margin-based parallel corpus mining with multilingual sentence
embeddings", ACL, ratio form), that shares words rare *in this comparison* (IDF
over its claims, Sparck Jones 1972), shares names, and sits at a like place in
both articles (ledes with ledes). :func:`pair_features` stacks those measures for
one pair of articles; :class:`FactScorer` is a standardised logistic model over
them whose coefficients are plain data in ``comparator/data/alignment.json``
(key ``fact_scorer``), fitted by ``bench/fit_fact_scorer.py --write`` on the
gold-dev events and judged there by leave-one-event-out (docs/EVALUATION.md).
Evaluated with numpy only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

#: Feature names, in the order :func:`pair_features` stacks them (last axis).
FEATURES: tuple[str, ...] = (
    "probability",  # the fitted pair scorer's probability (claims as read, with antecedents)
    "cosine",  # cosine of the two claims' vectors as read
    "cosine_margin",  # cosine minus the mean of the two claims' k nearest cosines
    "cosine_ratio",  # cosine over that mean (the bitext-mining ratio margin)
    "row_rank",  # log(1 + rank of the pair's probability in its row), 0 = the row's best
    "column_rank",  # the same in its column
    "anchor",  # 1 when the two share a number with its unit or a long word sequence
    "rare_share",  # IDF-weighted share of the smaller claim's content words that both have
    "rare_sum",  # IDF-weighted sum of the shared content words
    "names",  # shared capitalised name words
    "position_gap",  # |relative position of one in its article - of the other in its|
    "position",  # the earlier of the two relative positions (0 = the lede)
)
#: Nearest neighbours in the margin features (as :func:`comparator.anchors.hub_scores`).
NEIGHBOURS = 4


@dataclass(frozen=True)
class FactScorer:
    """A logistic model over standardised :data:`FEATURES`: ``sigmoid(((x - mean) / scale) @ coef + b)``."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def score(self, stacked: np.ndarray) -> np.ndarray:
        """Probabilities for ``stacked`` of shape (..., len(FEATURES)); the result has shape (...)."""
        cols = [FEATURES.index(f) for f in self.features]
        x = (np.asarray(stacked, dtype=np.float64)[..., cols] - np.asarray(self.mean)) / np.asarray(self.scale)
        from scipy.special import expit  # a logistic without exp overflow warnings for large |z|

        return expit(x @ np.asarray(self.coef) + self.intercept)

    @classmethod
    def from_dict(cls, data: dict) -> "FactScorer":
        """From the ``fact_scorer`` object of alignment.json; raises KeyError/TypeError/ValueError."""
        features = tuple(str(f) for f in data["features"])
        unknown = [f for f in features if f not in FEATURES]
        sizes = {len(data["mean"]), len(data["scale"]), len(data["coef"])}
        if unknown or sizes != {len(features)}:
            raise ValueError(f"fact_scorer lists unknown features {unknown} or mismatched lengths")
        return cls(features=features, mean=tuple(float(v) for v in data["mean"]),
                   scale=tuple(float(v) for v in data["scale"]),
                   coef=tuple(float(v) for v in data["coef"]), intercept=float(data["intercept"]))


def rare_weights(texts: Sequence[str]) -> dict[str, float]:
    """IDF of each content word over ``texts`` (one comparison's claims): ``log(N / df)``."""
    from comparator.scorers import tokens

    df: dict[str, int] = {}
    for t in texts:
        for w in tokens(t).words:
            df[w] = df.get(w, 0) + 1
    n = max(1, len(texts))
    return {w: math.log(n / d) for w, d in df.items()}


def _ranks(prob: np.ndarray, axis: int) -> np.ndarray:
    return np.argsort(np.argsort(-prob, axis=axis, kind="stable"), axis=axis, kind="stable")


def pair_features(prob: np.ndarray, cosine: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str],
                  idf: dict[str, float], anchored: np.ndarray) -> np.ndarray:
    """(len(a), len(b), len(FEATURES)) measures of every pair of two articles' claims.

    ``prob`` and ``cosine`` are the pair scorer's matrices (claims as read);
    ``texts_*`` the claims' own texts in article order; ``idf`` from
    :func:`rare_weights` over the whole comparison; ``anchored`` from
    :func:`comparator.anchors.anchor_matrix`.
    """
    from comparator.scorers import tokens

    prob = np.asarray(prob, dtype=np.float64)
    cos = np.asarray(cosine, dtype=np.float64)
    na, nb = prob.shape
    out = np.zeros((na, nb, len(FEATURES)), dtype=np.float64)
    if prob.size == 0:
        return out
    kr, kc = min(NEIGHBOURS, nb), min(NEIGHBOURS, na)
    near = (-np.sort(-cos, axis=1)[:, :kr].mean(axis=1, keepdims=True)
            - np.sort(-cos, axis=0)[:kc, :].mean(axis=0, keepdims=True)) / 2.0
    out[..., 0] = prob
    out[..., 1] = cos
    out[..., 2] = cos - near
    out[..., 3] = cos / np.maximum(near, 1e-6)
    out[..., 4] = np.log1p(_ranks(prob, 1))
    out[..., 5] = np.log1p(_ranks(prob, 0))
    out[..., 6] = np.asarray(anchored, dtype=np.float64)
    ta, tb = [tokens(t) for t in texts_a], [tokens(t) for t in texts_b]
    wa = [sum(idf.get(w, 0.0) for w in t.words) for t in ta]
    wb = [sum(idf.get(w, 0.0) for w in t.words) for t in tb]
    pa = np.arange(na) / max(1, na - 1)
    pb = np.arange(nb) / max(1, nb - 1)
    for i in range(na):
        for j in range(nb):
            shared = sum(idf.get(w, 0.0) for w in ta[i].words & tb[j].words)
            out[i, j, 7] = shared / (min(wa[i], wb[j]) + 1e-9)
            out[i, j, 8] = shared
            out[i, j, 9] = len(ta[i].names & tb[j].names)
    out[..., 10] = np.abs(pa[:, None] - pb[None, :])
    out[..., 11] = np.minimum(pa[:, None], pb[None, :])
    return out
