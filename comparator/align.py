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

Across the whole comparison, a *fact score* (:mod:`comparator.fact_scores`: the
pair's margin over each claim's nearest neighbours, its rank, words rare in the
comparison, shared names, place in the articles) vets each part of a split
(``split_fact_floor``) and aligns a pair that is the best of its row or column
when it reaches ``fact_threshold`` (method ``<model>+fact``).
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
from comparator.fact_scores import FactScorer
from comparator.scorers import FEATURES, feature_matrix, pair_features, score_matrix, tokens
from comparator.splits import Split, find_splits, unique_coverage  # noqa: F401  (re-exported)
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
    paraphrase_mutual: bool = False  # paraphrases must be within ``margin`` of row AND column best
    hub_k: int = 0  # neighbours in the hubness correction (:func:`comparator.anchors.hub_scores`)
    hub_margin: float = -1.0  # counterparts need a hub-corrected score at or above this
    anchor_floor: float | None = None  # anchored pairs (shared number+unit, long quote) from here
    anchor_words: int = 5  # shared words in a row that anchor a pair
    anchor_names: int = 0  # shared capitalised name words that anchor a pair (0 = off)
    context_names: int = 0  # ... that anchor a pronoun-led claim read with its antecedent (0 = off)
    context: bool = False  # pronoun-led claims are read with their antecedent
    closure_floor: float | None = None  # pairs closing a triangle of alignments from here
    split_part_floor: float = 0.0  # each part of a split must reach this probability alone
    fact_scorer: "FactScorer | None" = None  # comparison-wide pair scores (comparator.fact_scores)
    fact_threshold: float | None = None  # pairs whose fact score reaches this align (+fact)
    split_fact_floor: float = 0.0  # each part of a split must reach this fact score

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
            paraphrase_mutual=bool(data.get("paraphrase_mutual", False)),
            hub_k=int(data.get("hub_k", 0)),
            hub_margin=float(data.get("hub_margin", -1.0)),
            anchor_floor=None if data.get("anchor_floor") is None else float(data["anchor_floor"]),
            anchor_words=int(data.get("anchor_words", 5)),
            anchor_names=int(data.get("anchor_names", 0)),
            context_names=int(data.get("context_names", 0)),
            context=bool(data.get("context", False)),
            closure_floor=None if data.get("closure_floor") is None else float(data["closure_floor"]),
            split_part_floor=float(data.get("split_part_floor", 0.0)),
            fact_scorer=None if data.get("fact_scorer") is None else FactScorer.from_dict(
                data["fact_scorer"]),
            fact_threshold=None if data.get("fact_threshold") is None else float(data["fact_threshold"]),
            split_fact_floor=float(data.get("split_fact_floor", 0.0)),
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


def select_pairs(prob: np.ndarray, threshold: float, margin: float, *, mutual: bool = False
                 ) -> list[tuple[int, int]]:
    """(row, column) pairs at or above ``threshold`` and within ``margin`` of their row or (``mutual``:
    and) column best.

    With ``mutual`` a weaker pair never rides along beside a near-identical one: a
    claim whose partner already has a much better match elsewhere is left out.
    """
    if prob.size == 0:
        return []
    near_row = prob >= prob.max(axis=1, keepdims=True) - margin
    near_col = prob >= prob.max(axis=0, keepdims=True) - margin
    keep = (prob >= threshold) & ((near_row & near_col) if mutual else (near_row | near_col))
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


#: Fewer content words than this (stop words left out, numbers counted) cannot state a fact:
#: a subhead ("Hurdles to asylum"), a caption credit, a one-word quote.
MIN_CONTENT_WORDS = 3


def alignable(text: str) -> bool:
    """Whether a claim has enough content words (:data:`MIN_CONTENT_WORDS`) to take part."""
    return len(tokens(text).words) >= MIN_CONTENT_WORDS


def _pair_found(model: AlignmentModel, prob: np.ndarray, hub: np.ndarray, anchored: np.ndarray,
                threshold: float, floor: float, loose: bool) -> dict[tuple[int, int], str]:
    """(row, column) -> method suffix of the single-claim rules for one pair of articles."""
    found: dict[tuple[int, int], str] = {
        rc: "" for rc in select_pairs(prob, threshold, model.margin,
                                      mutual=model.paraphrase_mutual and not loose)}
    if loose:
        return found
    for r, c in select_counterparts(prob, floor, model.mutual):
        if hub[r, c] >= model.hub_margin:
            found.setdefault((r, c), "+counterpart")
    if model.anchor_floor is not None and prob.size:
        best = (prob >= prob.max(axis=1, keepdims=True)) | (prob >= prob.max(axis=0, keepdims=True))
        near = (prob >= prob.max(axis=1, keepdims=True) - model.margin) & \
            (prob >= prob.max(axis=0, keepdims=True) - model.margin)
        for r, c in zip(*np.nonzero(anchored & best & near & (prob >= model.anchor_floor))):
            found.setdefault((int(r), int(c)), "+anchor")
    return found


def align_claims(claims: Sequence[Claim], vectors: np.ndarray, *, min_score: float | None = None,
                 model: AlignmentModel | None = None, features: dict | None = None
                 ) -> tuple[Alignment, ...]:
    """Alignments between claims of different articles (row ``i`` of ``vectors`` is ``claims[i]``).

    Boilerplate claims and claims too short to state a fact (:func:`alignable`) never align. Rules, per pair of articles, on the fitted
    probability (of the claims as read, :func:`comparator.anchors.reading_texts`
    when ``model.context``):

    * paraphrase (``<method>``): at or above ``threshold``, within ``margin`` of the
      best of its row and (``paraphrase_mutual``) of its column;
    * counterpart (``+counterpart``): mutual best, at or above the floor, and its
      hubness-corrected score (:func:`comparator.anchors.hub_scores`, ``hub_k``)
      at or above ``hub_margin``;
    * anchor (``+anchor``): the two share a number with its unit or a long word
      sequence, the best of its row or column and within ``margin`` of both bests,
      at or above ``anchor_floor``;
    * split (``+split``): one claim says what two of the other say (:func:`find_splits`),
      each part with a fact score at or above ``split_fact_floor``;
    * fact (``+fact``): the comparison-wide fact score (:mod:`comparator.fact_scores`,
      ``fact_scorer``) at or above ``fact_threshold``, the best of its row or column (both
      fact rules only between articles with at most :data:`MAX_DENSE_PAIRS` claim pairs);

    then, across the comparison, a pair closing a triangle (both aligned with one
    claim of a third article) at or above ``closure_floor`` (``+closure``).

    ``min_score`` replaces every operating point by one threshold (the
    paraphrase rule alone, either-side best, at ``min_score``). Each alignment joins
    two claims, ordered by article (first appearance in ``claims``) then index;
    the result is sorted the same way. ``features`` (for fitting the fact scorer,
    ``bench/tune_alignment.py``), when given, is filled with (article, article) ->
    (claim ids of the first, of the second, :func:`comparator.fact_scores.pair_features`).
    """
    from comparator.anchors import anchor_matrix, antecedents, hub_scores, reading_texts
    from comparator.fact_scores import pair_features, rare_weights

    model = model or load_model()
    vectors = np.asarray(vectors)
    if vectors.ndim != 2 or vectors.shape[0] != len(claims):
        raise ValueError(f"align_claims needs one vector row per claim: {len(claims)} claims, "
                         f"vectors of shape {vectors.shape}")
    keep = [i for i, c in enumerate(claims) if not c.boilerplate and alignable(c.text)]
    claims, vectors = [claims[i] for i in keep], vectors[keep]
    loose = min_score is not None
    if min_score is None:
        threshold, floor = model.threshold, model.counterpart_floor
    else:
        threshold = floor = float(min_score)
    unit = _normalise(vectors) if len(claims) else vectors
    resolved: set[int] = set()
    if model.context and len(claims):
        texts, reading = reading_texts(claims, unit)
        resolved = set(antecedents(claims))
    else:
        texts, reading = [c.text for c in claims], unit
    order: dict[str, int] = {}
    rows: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        order.setdefault(c.article, len(order))
        rows.setdefault(c.article, []).append(i)
    for idx in rows.values():
        idx.sort(key=lambda i: (claims[i].index, claims[i].id))
    articles = sorted(order, key=order.__getitem__)
    # (claim position, claim position) -> (score, semantic, lexical, method); positions in ``claims``
    found: dict[tuple[int, int], tuple[float, float, float, str]] = {}
    matrices: dict[tuple[str, str], PairScores] = {}
    idf: dict[str, float] | None = None
    for x, art_a in enumerate(articles):
        for art_b in articles[x + 1:]:
            ia, ib = rows[art_a], rows[art_b]
            texts_a, texts_b = [texts[i] for i in ia], [texts[j] for j in ib]
            scores = model.probability(reading[ia] @ reading[ib].T, texts_a, texts_b)
            own = scores if reading is unit else _own_scores(
                model, unit[ia] @ unit[ib].T, [claims[i].text for i in ia], [claims[j].text for j in ib])
            matrices[art_a, art_b] = scores
            prob = scores.probability
            anchored = anchor_matrix(texts_a, texts_b, words=model.anchor_words,
                                     names=model.anchor_names) \
                if model.anchor_floor is not None and not loose else np.zeros(prob.shape, bool)
            if model.context_names and model.anchor_floor is not None and not loose:
                # a pronoun read with its antecedent anchors on the name the antecedent gave it
                ra = np.array([i in resolved for i in ia])[:, None]
                rb = np.array([j in resolved for j in ib])[None, :]
                anchored |= (ra | rb) & anchor_matrix(texts_a, texts_b, words=10_000,
                                                       names=model.context_names)
            hub = hub_scores(prob, model.hub_k)
            fact = None
            # above MAX_DENSE_PAIRS (hundreds of sentences a side) the rules decide alone: the fact
            # features are dense per pair (about 100 bytes and a set intersection each)
            if (model.fact_scorer is not None or features is not None) and not loose \
                    and prob.size <= MAX_DENSE_PAIRS:
                if idf is None:
                    idf = rare_weights([c.text for c in claims])
                own_a, own_b = [claims[i].text for i in ia], [claims[j].text for j in ib]
                stacked = pair_features(prob, scores.semantic, own_a, own_b, idf,
                                        anchor_matrix(own_a, own_b))
                if features is not None:
                    features[art_a, art_b] = ([claims[i].id for i in ia], [claims[j].id for j in ib],
                                              stacked)
                if model.fact_scorer is not None:
                    fact = model.fact_scorer.score(stacked)

            def add(r: int, c: int, score: float, suffix: str) -> None:
                found.setdefault((ia[r], ib[c]), (
                    score, float(np.clip(own.semantic[r, c], -1.0, 1.0)), float(own.lexical[r, c]),
                    model.method + suffix))

            for (r, c), suffix in _pair_found(model, prob, hub, anchored, threshold, floor,
                                              loose).items():
                add(r, c, float(prob[r, c]), suffix)
            splits = [(s.row, c, s) for s in find_splits(
                model, prob, texts_a, reading[ia], texts_b, reading[ib], threshold)
                for c in (s.first, s.second)]
            splits += [(r, s.row, s) for s in find_splits(
                model, prob.T, texts_b, reading[ib], texts_a, reading[ia], threshold)
                for r in (s.first, s.second)]
            for r, c, s in splits:  # a part the comparison does not support is left out
                if fact is None or fact[r, c] >= model.split_fact_floor:
                    add(r, c, s.probability, "+split")
            if fact is not None and model.fact_threshold is not None:
                best = (prob >= prob.max(axis=1, keepdims=True)) | (prob >= prob.max(axis=0, keepdims=True))
                for r, c in zip(*np.nonzero((fact >= model.fact_threshold) & best)):
                    add(int(r), int(c), float(prob[r, c]), "+fact")
    if model.closure_floor is not None and not loose:
        _close_triangles(model, claims, rows, matrices, found)
    out = [Alignment(claims=(claims[i].id, claims[j].id), score=score, semantic=sem, lexical=lex,
                     method=method) for (i, j), (score, sem, lex, method) in found.items()]
    position = {c.id: (order[c.article], c.index) for c in claims}
    out.sort(key=lambda a: tuple(position[cid] for cid in a.claims))
    return tuple(out)


def _own_scores(model: AlignmentModel, cosine: np.ndarray, texts_a: Sequence[str], texts_b: Sequence[str]
                ) -> PairScores:
    """The semantic and lexical matrices of :meth:`AlignmentModel.probability` (the claims as written:
    all an alignment records of them), without the probability's other features; its
    ``probability`` is NaN (never read) unless the articles are large enough for the candidate path."""
    cosine = np.clip(np.asarray(cosine, dtype=np.float64), -1.0, 1.0)
    if cosine.size > MAX_DENSE_PAIRS:
        return model.probability(cosine, texts_a, texts_b)
    lexical = score_matrix(texts_a, texts_b, "token_set_ratio").astype(np.float64)
    return PairScores(probability=np.full(cosine.shape, np.nan), semantic=cosine, lexical=lexical)


def _close_triangles(model: AlignmentModel, claims: Sequence[Claim], rows: dict[str, list[int]],
                     matrices: dict[tuple[str, str], PairScores],
                     found: dict[tuple[int, int], tuple[float, float, float, str]]) -> None:
    """Add (i, j) of two articles when both align with one claim of a third and their own
    probability reaches ``closure_floor``: one step, never a chain (pairs added here do not
    close further triangles)."""
    neighbours: dict[int, set[int]] = {}
    for i, j in found:
        neighbours.setdefault(i, set()).add(j)
        neighbours.setdefault(j, set()).add(i)
    where = {i: (art, n) for art, idx in rows.items() for n, i in enumerate(idx)}
    added: dict[tuple[int, int], tuple[float, float, float, str]] = {}
    for k, near in neighbours.items():
        for i in near:
            for j in near:
                (art_i, r), (art_j, c) = where[i], where[j]
                if art_i == art_j or art_i == claims[k].article or art_j == claims[k].article:
                    continue
                if (art_i, art_j) not in matrices:
                    continue
                if (i, j) in found or (i, j) in added:
                    continue
                scores = matrices[art_i, art_j]
                p = float(scores.probability[r, c])
                if p >= model.closure_floor:  # type: ignore[operator]
                    added[i, j] = (p, float(np.clip(scores.semantic[r, c], -1.0, 1.0)),
                                   float(scores.lexical[r, c]), model.method + "+closure")
    found.update(added)
