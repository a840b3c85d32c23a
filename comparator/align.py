"""Align claims across outlets: cosine + rapidfuzz features through a fitted logistic model.

The model (feature list, coefficients, threshold, extra-match margin and the
metrics of its fit) is plain data in ``comparator/data/alignment.json``, written
by ``bench/fit_alignment.py`` and evaluated here with numpy only.

For every pair of articles each claim is scored against every claim of the
other. Two operating points share that probability:

* *paraphrase* (``threshold``, MRPC-fitted): a pair is kept when it reaches the
  threshold and is the best match of its row or column, or within ``margin`` of
  that best (method ``<model>``);
* *counterpart* (``floor``, chosen on STS-B news pairs scored >= 2.5, "the two
  sentences share the main fact"): a pair below the threshold is still kept
  when it reaches the floor and is the best match of its row and of its column
  (``mutual``) or of either (method ``<model>+counterpart``).

A claim that says in one sentence what the other outlet splits in two also
aligns with both parts: the union of two of its top candidates (joined texts,
summed vectors) is scored like one claim and counts when it reaches the
threshold, beats every single match by ``split_gain`` and each part covers at
least ``split_coverage`` of the claim's content words that the other part
does not (:func:`find_splits`; method ``<model>+split``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Sequence

import numpy as np

from comparator.errors import ConfigError
from comparator.scorers import FEATURES, feature_matrix, pair_features, tokens
from comparator.types import Alignment, Claim

COSINE = "cosine"
MODEL_FILE = "alignment.json"


@dataclass(frozen=True)
class AlignmentModel:
    """A logistic model over ``features`` (``"cosine"`` and names of :mod:`comparator.scorers`)."""

    method: str
    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float  # probability at or above which two claims align
    margin: float  # extra matches within this of the row/column best are kept
    split_candidates: int = 0  # unions of two claims tried among each claim's top candidates
    floor: float | None = None  # counterpart operating point; None = ``threshold`` (off)
    mutual: bool = True  # counterparts must be the best of their row AND column
    split_gain: float = 0.0  # a union must beat the best single match by this much
    split_coverage: float = 0.0  # share of the row's content words each part alone covers

    @property
    def counterpart_floor(self) -> float:
        return self.threshold if self.floor is None else min(self.floor, self.threshold)

    def _logistic(self, cosine: np.ndarray, lex) -> np.ndarray:
        z = np.full(cosine.shape, self.intercept, dtype=np.float64)
        for name, w in zip(self.features, self.coef):
            z += w * (cosine if name == COSINE else lex[name].astype(np.float64))
        return 1.0 / (1.0 + np.exp(-z))

    def pair_probability(self, cosine: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str]
                         ) -> np.ndarray:
        """Probabilities of the pairs ``(texts_a[i], texts_b[i])`` given their cosines."""
        names = tuple(f for f in self.features if f != COSINE)
        lex = pair_features(texts_a, texts_b, names)
        return self._logistic(np.asarray(cosine, dtype=np.float64), lex)

    def probability(self, cosine: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str]
                    ) -> "PairScores":
        """Scores of every (a, b) pair given their cosine matrix."""
        lexical_names = tuple(dict.fromkeys(
            [f for f in self.features if f != COSINE] + ["token_set_ratio"]))
        cosine = np.clip(np.asarray(cosine, dtype=np.float64), -1.0, 1.0)
        if cosine.size > MAX_DENSE_PAIRS:
            return self._candidate_probability(cosine, texts_a, texts_b, lexical_names)
        lex = feature_matrix(texts_a, texts_b, lexical_names)
        prob = self._logistic(cosine, lex)
        return PairScores(probability=prob, semantic=cosine,
                          lexical=lex["token_set_ratio"].astype(np.float64))


    def _candidate_probability(self, cosine: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str],
                               names: tuple[str, ...]) -> "PairScores":
        """:meth:`probability` for large articles: lexical features only for candidate pairs.

        Candidates are each row's and each column's :data:`CANDIDATES` highest
        cosines; every other pair gets probability 0 (it cannot be a row's or
        column's best). Cost: the cosine matrix (one BLAS product) plus
        O((rows + columns) x CANDIDATES) scorer calls, instead of rows x columns.
        """
        k_r, k_c = min(CANDIDATES, cosine.shape[1]), min(CANDIDATES, cosine.shape[0])
        keep = np.zeros(cosine.shape, dtype=bool)
        if k_r:
            top = np.argpartition(-cosine, k_r - 1, axis=1)[:, :k_r]
            keep[np.arange(cosine.shape[0])[:, None], top] = True
        if k_c:
            top = np.argpartition(-cosine, k_c - 1, axis=0)[:k_c, :]
            keep[top, np.arange(cosine.shape[1])[None, :]] = True
        rows, cols = np.nonzero(keep)
        lex = pair_features([texts_a[i] for i in rows], [texts_b[j] for j in cols], names)
        prob = np.zeros(cosine.shape, dtype=np.float64)
        lexical = np.zeros(cosine.shape, dtype=np.float64)
        prob[rows, cols] = self._logistic(cosine[rows, cols], lex)
        lexical[rows, cols] = lex["token_set_ratio"].astype(np.float64)
        return PairScores(probability=prob, semantic=cosine, lexical=lexical)


#: Above this many claim pairs between two articles (about 500 x 500 sentences;
#: real news articles have under 100 each) only candidate pairs get lexical
#: features (:meth:`AlignmentModel._candidate_probability`), so cost grows
#: linearly with sentences apart from one matrix product.
MAX_DENSE_PAIRS = 250_000
#: Candidates per claim in that mode: its highest-cosine claims in the other article.
CANDIDATES = 8


@dataclass(frozen=True)
class PairScores:
    """Matrices over (claims of one article) x (claims of another)."""

    probability: np.ndarray
    semantic: np.ndarray
    lexical: np.ndarray


def _parse_model(data: dict, source: str) -> AlignmentModel:
    try:
        model = AlignmentModel(
            method=str(data["method"]),
            features=tuple(str(f) for f in data["features"]),
            coef=tuple(float(c) for c in data["coef"]),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
            margin=float(data.get("margin", 0.0)),
            split_candidates=int(data.get("split_candidates", 0)),
            floor=None if data.get("floor") is None else float(data["floor"]),
            mutual=bool(data.get("mutual", True)),
            split_gain=float(data.get("split_gain", 0.0)),
            split_coverage=float(data.get("split_coverage", 0.0)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"alignment model is malformed ({exc!r}).", path=source,
                          hint="Regenerate it with `python bench/fit_alignment.py`.") from None
    unknown = [f for f in model.features if f != COSINE and f not in FEATURES]
    if unknown or len(model.coef) != len(model.features):
        raise ConfigError(
            f"alignment model lists unknown features {unknown} or {len(model.coef)} coefficients "
            f"for {len(model.features)} features.", path=source,
            hint="Regenerate it with `python bench/fit_alignment.py`.")
    return model


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> AlignmentModel:
    """The shipped alignment model, or the one in the JSON file at ``path``."""
    try:
        if path is None:
            source = f"comparator/data/{MODEL_FILE}"
            text = (resources.files("comparator") / "data" / MODEL_FILE).read_text(encoding="utf-8")
        else:
            source, text = path, Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read the alignment model ({exc}).", path=source,
                          hint="Reinstall comparator or regenerate the file with "
                               "`python bench/fit_alignment.py`.") from None
    return _parse_model(data, source)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    v = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return np.divide(v, norms, out=np.zeros_like(v), where=norms > 0)


def select_pairs(prob: np.ndarray, threshold: float, margin: float) -> list[tuple[int, int]]:
    """(row, column) pairs at or above ``threshold`` and within ``margin`` of their row or column best."""
    if prob.size == 0:
        return []
    row_best = prob.max(axis=1, keepdims=True)
    col_best = prob.max(axis=0, keepdims=True)
    keep = (prob >= threshold) & ((prob >= row_best - margin) | (prob >= col_best - margin))
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(keep))]


def select_counterparts(prob: np.ndarray, floor: float, mutual: bool) -> list[tuple[int, int]]:
    """(row, column) pairs at or above ``floor`` that are the best of their row and (``mutual``) or
    (otherwise) of their column."""
    if prob.size == 0:
        return []
    is_row_best = prob >= prob.max(axis=1, keepdims=True)
    is_col_best = prob >= prob.max(axis=0, keepdims=True)
    best = (is_row_best & is_col_best) if mutual else (is_row_best | is_col_best)
    keep = (prob >= floor) & best
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(keep))]


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


def find_splits(model: AlignmentModel, prob: np.ndarray, texts_rows: Sequence[str],
                unit_rows: np.ndarray, texts_cols: Sequence[str], unit_cols: np.ndarray,
                threshold: float) -> list[Split]:
    """For each row, the best union of two of its top candidate columns that matches it better.

    A union is scored like a single claim: the columns' texts joined (in their
    order) and the normalised sum of their vectors. It counts only when both
    parts contribute: its probability reaches ``threshold`` and beats the row's
    best single match by at least ``model.split_gain``, and each column covers at
    least ``model.split_coverage`` of the row's content words that the other
    column does not (:func:`unique_coverage`). A rapidfuzz score of a union
    rarely drops below that of its parts, so the gain alone would let a weak
    second part ride along.
    """
    k = min(model.split_candidates, prob.shape[1])
    if k < 2 or prob.shape[0] == 0:
        return []
    rows, firsts, seconds = [], [], []
    columns = np.arange(prob.shape[1])
    for i in range(prob.shape[0]):
        top = sorted(int(j) for j in np.lexsort((columns, -prob[i]))[:k])  # best k, ties by column
        for x, j in enumerate(top):
            for m in top[x + 1:]:
                rows.append(i), firsts.append(j), seconds.append(m)
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
        row, one, two = texts_rows[i], texts_cols[firsts[n]], texts_cols[seconds[n]]
        if min(unique_coverage(row, one, two), unique_coverage(row, two, one)) < model.split_coverage:
            continue
        best[i] = Split(i, firsts[n], seconds[n], p)
    return [best[i] for i in sorted(best)]


def align_claims(claims: Sequence[Claim], vectors: np.ndarray, *, min_score: float | None = None,
                 model: AlignmentModel | None = None) -> tuple[Alignment, ...]:
    """Alignments between claims of different articles (row ``i`` of ``vectors`` is ``claims[i]``).

    ``min_score`` replaces both operating points by one threshold (the
    paraphrase rule alone, at ``min_score``). Each alignment joins
    two claims, ordered by article (first appearance in ``claims``) then index;
    the result is sorted the same way.
    """
    model = model or load_model()
    vectors = np.asarray(vectors)
    if vectors.ndim != 2 or vectors.shape[0] != len(claims):
        raise ValueError(f"align_claims needs one vector row per claim: {len(claims)} claims, "
                         f"vectors of shape {vectors.shape}")
    if min_score is None:
        threshold, floor = model.threshold, model.counterpart_floor
    else:
        threshold = floor = float(min_score)
    unit = _normalise(vectors) if len(claims) else vectors
    order: dict[str, int] = {}
    rows: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        order.setdefault(c.article, len(order))
        rows.setdefault(c.article, []).append(i)
    for idx in rows.values():
        idx.sort(key=lambda i: (claims[i].index, claims[i].id))
    articles = sorted(order, key=order.__getitem__)
    out: list[Alignment] = []
    for x, art_a in enumerate(articles):
        for art_b in articles[x + 1:]:
            ia, ib = rows[art_a], rows[art_b]
            cosine = unit[ia] @ unit[ib].T
            scores = model.probability(cosine, [claims[i].text for i in ia],
                                       [claims[j].text for j in ib])
            # (row in a, column in b) -> (score, method); single matches first, then splits
            found: dict[tuple[int, int], tuple[float, str]] = {
                (r, c): (float(scores.probability[r, c]), model.method)
                for r, c in select_pairs(scores.probability, threshold, model.margin)
            }
            counterpart_method = f"{model.method}+counterpart"
            for r, c in select_counterparts(scores.probability, floor, model.mutual):
                found.setdefault((r, c), (float(scores.probability[r, c]), counterpart_method))
            texts_a, texts_b = [claims[i].text for i in ia], [claims[j].text for j in ib]
            split_method = f"{model.method}+split"
            for s in find_splits(model, scores.probability, texts_a, unit[ia], texts_b, unit[ib],
                                 threshold):
                for c in (s.first, s.second):
                    found.setdefault((s.row, c), (s.probability, split_method))
            for s in find_splits(model, scores.probability.T, texts_b, unit[ib], texts_a, unit[ia],
                                 threshold):
                for r in (s.first, s.second):
                    found.setdefault((r, s.row), (s.probability, split_method))
            for (r, c), (score, method) in found.items():
                out.append(Alignment(
                    claims=(claims[ia[r]].id, claims[ib[c]].id),
                    score=score,
                    semantic=float(np.clip(scores.semantic[r, c], -1.0, 1.0)),
                    lexical=float(scores.lexical[r, c]),
                    method=method,
                ))
    position = {c.id: (order[c.article], c.index) for c in claims}
    out.sort(key=lambda a: tuple(position[cid] for cid in a.claims))
    return tuple(out)
