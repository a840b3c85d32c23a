"""What newsrooms align on besides wording: anchors, hubness and a pronoun's antecedent.

Three small, pure helpers of :mod:`comparator.align`:

* :func:`anchor_matrix` -- pairs of claims that share an *anchor*: a number
  with its unit or a vote tally ("97-1", "$1.2 trillion", "47,000 addresses"),
  or a long word sequence (``words`` words or more, typically a shared
  quotation). Bare years and one-digit numbers are not anchors (too common).
* :func:`hub_scores` -- a pair's probability minus the mean of the ``k``
  best probabilities of its row and of its column (the *margin* criterion of
  bitext mining, Artetxe & Schwenk 2019, "Margin-based parallel corpus mining
  with multilingual sentence embeddings", ACL, in its difference form): a short
  sentence similar to everything ("Hurdles to asylum") is a *hub* whose
  neighbours all score alike, so none of its pairs stands out.
* :func:`reading_texts` -- a claim that opens with a personal pronoun ("She
  encouraged ...") is read together with its antecedent sentence (the nearest
  earlier claim of the same paragraph that does not itself open with one), so
  "she" carries the name the previous sentence gave her.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

import numpy as np

from comparator.types import Claim

#: Personal pronouns that, opening a sentence, refer to someone named before ("It" is left out:
#: "It takes two-thirds ..." is usually an expletive, not a reference).
PRONOUNS = frozenset({"he", "she", "they", "his", "her", "their", "him", "them"})
#: How far back (claims of the same paragraph) an antecedent is looked for.
ANTECEDENT_WINDOW = 3

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
#: A number token (digits with separators, an optional currency sign, a tally "97-1", a percent).
_NUMBER = re.compile(r"[$€£]?\d[\d,.]*(?:-\d[\d,.]*)?%?")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_UNIT_STOP = frozenset({"the", "a", "an", "and", "or", "of", "in", "on", "to", "at", "by", "for", "was",
                        "is", "were", "are", "with", "from", "that", "than", "as"})


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


@lru_cache(maxsize=2048)  # a claim's text is read once per article pair and rule (one event's claims fit)
def number_anchors(text: str) -> frozenset[str]:
    """Numbers with their unit: ``"97-1"`` (a tally carries its own unit), ``"$10 billion"`` ->
    ``"$10 billion"``, ``"47,000 addresses"`` -> ``"47000 addresses"``, ``"3%"``.

    Years (1800-2099) and one-digit numbers alone are not anchors.
    """
    out = set()
    for m in _NUMBER.finditer(text):
        tok = m.group().rstrip(".,")
        digits = re.sub(r"[^\d-]", "", tok)
        if "-" in digits.strip("-") or tok.endswith("%") or tok[0] in "$€£":
            after = _WORD.match(text[m.end():].lstrip())
            unit = after.group().lower() if after and after.group().lower() in (
                "million", "billion", "trillion", "thousand") else ""
            out.add(f"{tok[0] if tok[0] in '$€£' else ''}{digits}{'%' if tok.endswith('%') else ''}"
                    f"{' ' + unit if unit else ''}")
            continue
        if len(digits) < 2 or _YEAR.fullmatch(digits):
            continue
        after = _WORD.match(text[m.end():].lstrip())
        if after and after.group().lower() not in _UNIT_STOP and not after.group()[0].isdigit():
            out.add(f"{digits} {after.group().lower()}")
    return frozenset(out)


@lru_cache(maxsize=2048)
def _grams(text: str, n: int) -> frozenset[tuple[str, ...]]:
    w = _words(text)
    return frozenset(tuple(w[i:i + n]) for i in range(len(w) - n + 1))


def anchor_matrix(texts_a: Sequence[str], texts_b: Sequence[str], *, words: int = 5,
                  names: int = 0) -> np.ndarray:
    """Boolean (len(a), len(b)): the two claims share a number with its unit, ``words`` words in a
    row, or (``names`` > 0) at least ``names`` capitalised name words ("Kara", "Lind").

    >>> anchor_matrix(["The final tally was 97-1."], ["This followed a 97-1 vote."]).tolist()
    [[True]]
    """
    out = np.zeros((len(texts_a), len(texts_b)), dtype=bool)
    na = [number_anchors(t) for t in texts_a]
    nb = [number_anchors(t) for t in texts_b]
    ga = [_grams(t, words) for t in texts_a]
    gb = [_grams(t, words) for t in texts_b]
    if names > 0:
        from comparator.scorers import tokens

        ma = [tokens(t).names for t in texts_a]
        mb = [tokens(t).names for t in texts_b]
    for i in range(len(texts_a)):
        for j in range(len(texts_b)):
            out[i, j] = bool(na[i] & nb[j]) or bool(ga[i] & gb[j]) or (
                names > 0 and len(ma[i] & mb[j]) >= names)
    return out


def hub_scores(prob: np.ndarray, k: int) -> np.ndarray:
    """``prob`` minus the mean of the ``k`` nearest neighbours' scores of its row and its column.

    Shape as ``prob``; ``k`` is capped by the matrix sides; ``k <= 0`` returns ``prob`` unchanged.
    (Measured against a variant that leaves the pair out of its own neighbourhood: that one
    chose less stable thresholds under leave-one-event-out on gold-dev, held-out precision 0.69
    against 0.80.)
    """
    prob = np.asarray(prob, dtype=np.float64)
    if k <= 0 or prob.size == 0:
        return prob.copy()
    kr, kc = min(k, prob.shape[1]), min(k, prob.shape[0])
    row = -np.sort(-prob, axis=1)[:, :kr].mean(axis=1, keepdims=True)
    col = -np.sort(-prob, axis=0)[:kc, :].mean(axis=0, keepdims=True)
    return prob - (row + col) / 2.0


def pronoun_led(text: str) -> bool:
    """Whether ``text`` opens with a personal pronoun (:data:`PRONOUNS`)."""
    first = _WORD.match(text.lstrip("\"'“‘( "))
    return bool(first) and first.group().lower() in PRONOUNS


def antecedents(claims: Sequence[Claim]) -> dict[int, int]:
    """Position of each pronoun-led claim -> position of its antecedent claim, within ``claims``.

    The antecedent is the nearest earlier claim of the same article and paragraph
    (at most :data:`ANTECEDENT_WINDOW` back) that does not open with a pronoun.
    """
    pos = {(c.article, c.index): n for n, c in enumerate(claims)}
    out: dict[int, int] = {}
    for n, c in enumerate(claims):
        if not pronoun_led(c.text):
            continue
        for back in range(1, ANTECEDENT_WINDOW + 1):
            m = pos.get((c.article, c.index - back))
            if m is None or claims[m].paragraph != c.paragraph:
                break
            if not pronoun_led(claims[m].text):
                out[n] = m
                break
    return out


def reading_texts(claims: Sequence[Claim], unit: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Texts and unit vectors as an editor reads them: a pronoun-led claim with its antecedent.

    Returns (texts, vectors) parallel to ``claims``; other claims are unchanged.
    """
    texts = [c.text for c in claims]
    vectors = np.array(unit, dtype=np.float64, copy=True)
    for n, m in antecedents(claims).items():
        texts[n] = f"{claims[m].text} {claims[n].text}"
        v = unit[n] + unit[m]
        norm = np.linalg.norm(v)
        vectors[n] = v / norm if norm > 0 else v
    return texts, vectors
