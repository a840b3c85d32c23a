"""Speed-ups of the detectors and alignment (issue 16) give exactly what the slower code gave.

Each test checks a fast path against the straightforward computation it replaced, on invented text
or random inputs; none asserts a timing.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from comparator import scorers
from comparator.config import Settings
from comparator.detect import Context
from comparator.framing import context as cx
from comparator.framing import subjects
from comparator.framing.lexicon import lexicon_for
from comparator.nlp import load_nlp

_WORDS = ("the judge blocked rule 10 percent Senate $2 billion migrants caravan March Ortiz said on "
          "Tuesday that it would cost 1,200 jobs and the plan's critics called it an invasion of privacy").split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(0, 18))]
    if words:
        words[0] = words[0].capitalize()
    return " ".join(words)


@pytest.mark.parametrize("workers", [1, -1])
def test_score_matrix_is_the_same_in_one_thread_or_many(workers):
    rng = random.Random(3)
    a = [_sentence(rng) for _ in range(40)]
    b = [_sentence(rng) for _ in range(40)]  # 1,600 pairs: at or above PARALLEL_PAIRS
    small = scorers.score_matrix(a[:5], b[:5], "partial_ratio", workers=workers)
    big = scorers.score_matrix(a, b, "partial_ratio", workers=workers)
    assert np.array_equal(big[:5, :5], small)
    assert np.array_equal(small, scorers.score_matrix(a[:5], b[:5], "partial_ratio", workers=-1))


def _fixed_by_whole_sentence(span) -> bool:
    """The former in_fixed_expression: every word of the sentence read, every window tried."""
    sent = span.sent
    lemmas = [t.lemma_.lower() for t in sent]
    lowers = [t.lower_ for t in sent]
    lo, hi = span.start - sent.start, span.end - sent.start
    for expr in cx.FIXED_EXPRESSIONS:
        n = len(expr)
        for i in range(max(0, hi - n), min(lo + 1, len(lemmas) - n + 1)):
            if all(lemmas[j] == w or lowers[j] == w for j, w in zip(range(i, i + n), expr)) and i <= lo \
                    and hi <= i + n:
                return True
    return False


def test_fixed_expressions_read_only_the_words_near_the_span():
    doc = load_nlp()("Two donors filed an invasion of privacy lawsuit. The cold war ended. "
                     "A heart attack killed him after the terrorist attack on the world war memorial. "
                     "Privacy invasion, they said.")
    seen = 0
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 6) + 1):
            span = doc[start:end]
            assert cx.in_fixed_expression(span) == _fixed_by_whole_sentence(span), span.text
            seen += cx.in_fixed_expression(span)
    assert seen >= 10


def test_concept_heads_are_parsed_once_per_lexicon(monkeypatch):
    first = subjects.concept_heads(Context(settings=Settings()))
    calls = []
    nlp = load_nlp()
    real_pipe = type(nlp).pipe

    def counting_pipe(self, *args, **kwargs):
        calls.append(1)
        return real_pipe(self, *args, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", counting_pipe)
    again = subjects.concept_heads(Context(settings=Settings()))  # a new comparison, same lexicon
    assert again is first and not calls
    assert first[0].get("migrant") == first[0].get("immigrant") is not None
    lex = lexicon_for(Settings())
    subjects._HEADS_MEMO.clear()
    fresh = subjects._parsed_concept_heads(lex, nlp)
    assert calls and fresh == first
