"""Lexical similarity scorers with one signature, and batch matrices shaped like rapidfuzz ``cdist``.

Every scorer is ``(a, b, *, score_cutoff=None) -> float`` in [0, 1] (a score
below ``score_cutoff`` is returned as 0, as in rapidfuzz). The rapidfuzz ones
are its ``fuzz`` functions on ``utils.default_process``-ed text, divided by 100.
The token scorers compare sets of content words, numbers and capitalised names:

>>> token_set_ratio("The judge blocked the rule", "the rule was blocked by the judge")
1.0
>>> number_agreement("fined $10 billion", "fined $12 billion")
0.0
>>> score_matrix(["a b", "c"], ["b a", "d"]).shape
(2, 2)

:func:`feature_matrix` stacks every scorer in :data:`FEATURES` for all pairs of
two lists of texts; set overlaps are computed with sparse-free numpy products of
0/1 vocabulary matrices and checked in tests against the per-pair scorers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

import numpy as np
from rapidfuzz import fuzz, process, utils

Scorer = Callable[..., float]

_WORD = re.compile(r"[^\W_]+(?:['’.,-][^\W_]+)*")
_NUMBER = re.compile(r"\d")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "first": "1st", "second": "2nd", "third": "3rd",
}


def _cut(score: float, score_cutoff: float | None) -> float:
    score = min(1.0, max(0.0, float(score)))
    return 0.0 if score_cutoff is not None and score < score_cutoff else score


# -- rapidfuzz scorers ----------------------------------------------------------


def _rf(func: Callable[..., float]) -> Scorer:
    def scorer(a: str, b: str, *, score_cutoff: float | None = None) -> float:
        return _cut(func(a, b, processor=utils.default_process) / 100.0, score_cutoff)

    scorer.__name__ = func.__name__
    scorer.__doc__ = f"rapidfuzz ``fuzz.{func.__name__}`` / 100 on default-processed text."
    scorer._rapidfuzz = func  # type: ignore[attr-defined]
    return scorer


token_set_ratio = _rf(fuzz.token_set_ratio)
token_sort_ratio = _rf(fuzz.token_sort_ratio)
ratio = _rf(fuzz.ratio)
partial_ratio = _rf(fuzz.partial_ratio)


# -- token-set scorers ----------------------------------------------------------


@dataclass(frozen=True)
class Tokens:
    """The token sets of one text that the set scorers compare."""

    words: frozenset[str]  # content words (lower-cased, stop words removed)
    numbers: frozenset[str]  # numerals, digits only ("10,000" -> "10000"), plus number words
    names: frozenset[str]  # capitalised words not opening the sentence (lower-cased)
    length: int  # all word tokens


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from comparator.nlp import stop_words

    return frozenset(w.lower() for w in stop_words())


@lru_cache(maxsize=20_000)
def tokens(text: str) -> Tokens:
    """Split ``text`` into :class:`Tokens` (cached: texts are compared many times)."""
    stop = _stop_words()
    words, numbers, names = set(), set(), set()
    found = _WORD.findall(text)
    for i, tok in enumerate(found):
        low = tok.lower().replace("’", "'")
        if _NUMBER.search(tok):
            numbers.add(re.sub(r"[^\d.]", "", tok).rstrip(".") or tok)
        elif low in _NUMBER_WORDS:
            numbers.add(_NUMBER_WORDS[low])
        if low not in stop:
            words.add(low)
        if i > 0 and tok[0].isupper() and low not in stop:
            names.add(low)
    return Tokens(frozenset(words), frozenset(numbers), frozenset(names), len(found))


def _overlap(x: frozenset[str], y: frozenset[str], empty: float) -> float:
    """|x & y| / min(|x|, |y|): how much of the smaller set the larger one contains."""
    if not x or not y:
        return empty if not x and not y else 0.0
    return len(x & y) / min(len(x), len(y))


def _agreement(x: frozenset[str], y: frozenset[str]) -> float:
    """Jaccard of two sets; 1 when neither side has any (nothing to disagree on)."""
    if not x and not y:
        return 1.0
    return len(x & y) / len(x | y)


def content_overlap(a: str, b: str, *, score_cutoff: float | None = None) -> float:
    """Share of the shorter text's content words that the other text also has."""
    return _cut(_overlap(tokens(a).words, tokens(b).words, 1.0), score_cutoff)


def content_jaccard(a: str, b: str, *, score_cutoff: float | None = None) -> float:
    """Jaccard overlap of content words."""
    return _cut(_agreement(tokens(a).words, tokens(b).words), score_cutoff)


def number_agreement(a: str, b: str, *, score_cutoff: float | None = None) -> float:
    """Jaccard of the numbers two texts state; 1 when neither states one."""
    return _cut(_agreement(tokens(a).numbers, tokens(b).numbers), score_cutoff)


def name_agreement(a: str, b: str, *, score_cutoff: float | None = None) -> float:
    """Jaccard of capitalised names; 1 when neither has one."""
    return _cut(_agreement(tokens(a).names, tokens(b).names), score_cutoff)


def length_ratio(a: str, b: str, *, score_cutoff: float | None = None) -> float:
    """Shorter / longer length in word tokens (1 for two empty texts)."""
    la, lb = tokens(a).length, tokens(b).length
    return _cut(1.0 if max(la, lb) == 0 else min(la, lb) / max(la, lb), score_cutoff)


#: Every scorer by name, in feature order.
SCORERS: dict[str, Scorer] = {
    "token_set_ratio": token_set_ratio,
    "token_sort_ratio": token_sort_ratio,
    "ratio": ratio,
    "partial_ratio": partial_ratio,
    "content_overlap": content_overlap,
    "content_jaccard": content_jaccard,
    "number_agreement": number_agreement,
    "name_agreement": name_agreement,
    "length_ratio": length_ratio,
}
FEATURES: tuple[str, ...] = tuple(SCORERS)


# -- batch matrices -------------------------------------------------------------


def _incidence(sets: Sequence[frozenset[str]], vocab: dict[str, int]) -> np.ndarray:
    out = np.zeros((len(sets), len(vocab)), dtype=np.float32)
    for i, s in enumerate(sets):
        for tok in s:
            out[i, vocab[tok]] = 1.0
    return out


def _set_matrices(xs: Sequence[frozenset[str]], ys: Sequence[frozenset[str]]
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(intersection sizes, |x| column, |y| row) for all pairs, via 0/1 matrix products."""
    vocab = {t: i for i, t in enumerate(sorted(set().union(*xs, *ys)))}
    inter = _incidence(xs, vocab) @ _incidence(ys, vocab).T
    nx = np.array([len(s) for s in xs], dtype=np.float32)[:, None]
    ny = np.array([len(s) for s in ys], dtype=np.float32)[None, :]
    return inter, nx, ny


def _overlap_matrix(xs, ys, empty: float) -> np.ndarray:
    inter, nx, ny = _set_matrices(xs, ys)
    small = np.minimum(nx, ny)
    out = np.divide(inter, small, out=np.zeros_like(inter), where=small > 0)
    out[(nx == 0) & (ny == 0)] = empty
    return out


def _jaccard_matrix(xs, ys) -> np.ndarray:
    inter, nx, ny = _set_matrices(xs, ys)
    union = nx + ny - inter
    return np.divide(inter, union, out=np.ones_like(inter), where=union > 0)


#: Below this many pairs :func:`score_matrix` runs rapidfuzz ``cdist`` in one thread: measured on
#: 8 x 8 news sentences, ``workers=-1`` took twice as long (thread start-up), and the same from 20 x 20.
PARALLEL_PAIRS = 1024


def score_matrix(queries: Sequence[str], choices: Sequence[str],
                 scorer: str | Scorer = "token_set_ratio", *,
                 score_cutoff: float | None = None, workers: int = -1) -> np.ndarray:
    """``scorer(q, c)`` for every query (rows) and choice (columns), float32 in [0, 1].

    Like ``rapidfuzz.process.cdist`` (which it uses for the rapidfuzz scorers).
    """
    name = scorer if isinstance(scorer, str) else scorer.__name__
    if name not in SCORERS:
        raise ValueError(f"unknown scorer {name!r}; known: {', '.join(FEATURES)}")
    queries, choices = list(queries), list(choices)
    if not queries or not choices:
        return np.zeros((len(queries), len(choices)), dtype=np.float32)
    rf = getattr(SCORERS[name], "_rapidfuzz", None)
    if rf is not None:
        if len(queries) * len(choices) < PARALLEL_PAIRS:
            workers = 1  # threads cost more than they save on two articles' claims (each cell is the same)
        out = process.cdist(queries, choices, scorer=rf, processor=utils.default_process,
                            dtype=np.float32, workers=workers) / np.float32(100.0)
    else:
        tq, tc = [tokens(q) for q in queries], [tokens(c) for c in choices]
        if name == "content_overlap":
            out = _overlap_matrix([t.words for t in tq], [t.words for t in tc], 1.0)
        elif name == "content_jaccard":
            out = _jaccard_matrix([t.words for t in tq], [t.words for t in tc])
        elif name == "number_agreement":
            out = _jaccard_matrix([t.numbers for t in tq], [t.numbers for t in tc])
        elif name == "name_agreement":
            out = _jaccard_matrix([t.names for t in tq], [t.names for t in tc])
        else:  # length_ratio
            lq = np.array([t.length for t in tq], dtype=np.float32)[:, None]
            lc = np.array([t.length for t in tc], dtype=np.float32)[None, :]
            big = np.maximum(lq, lc)
            out = np.divide(np.minimum(lq, lc), big, out=np.ones((len(tq), len(tc)), np.float32),
                            where=big > 0)
    out = np.clip(out.astype(np.float32, copy=False), 0.0, 1.0)
    if score_cutoff is not None:
        out[out < score_cutoff] = 0.0
    return out


@dataclass(frozen=True)
class FeatureMatrix:
    """Lexical features of all (query, choice) pairs: ``values[i, j, k]`` is feature ``names[k]``."""

    names: tuple[str, ...]
    values: np.ndarray  # float32, shape (len(queries), len(choices), len(names))

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[..., self.names.index(name)]


def feature_matrix(queries: Sequence[str], choices: Sequence[str],
                   names: Sequence[str] = FEATURES) -> FeatureMatrix:
    """Every scorer in ``names`` for every pair, stacked on the last axis."""
    names = tuple(names)
    stack = [score_matrix(queries, choices, n) for n in names]
    values = np.stack(stack, axis=-1) if stack else np.zeros((len(queries), len(choices), 0), np.float32)
    return FeatureMatrix(names, values.astype(np.float32, copy=False))


def pair_features(a: Sequence[str], b: Sequence[str], names: Sequence[str] = FEATURES) -> FeatureMatrix:
    """Features of aligned pairs ``(a[i], b[i])``: ``values`` has shape (len(a), len(names))."""
    if len(a) != len(b):
        raise ValueError(f"pair_features needs equal lengths, got {len(a)} and {len(b)}")
    names = tuple(names)
    values = np.array([[SCORERS[n](x, y) for n in names] for x, y in zip(a, b)], dtype=np.float32)
    return FeatureMatrix(names, values.reshape(len(a), len(names)))
