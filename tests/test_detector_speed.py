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


def _splits_scoring_every_union(model, prob, texts_rows, unit_rows, texts_cols, unit_cols, threshold):
    """The former find_splits: every union of two top candidates scored, coverage checked after."""
    from comparator.splits import Split, unique_coverage

    k = min(model.split_candidates, prob.shape[1])
    if k < 2 or prob.shape[0] == 0:
        return []
    rows, firsts, seconds = [], [], []
    for i in range(prob.shape[0]):
        top = sorted(sorted(range(prob.shape[1]), key=lambda j: (-prob[i, j], j))[:k])
        top = [j for j in top if prob[i, j] >= model.split_part_floor]
        for x, j in enumerate(top):
            for m in top[x + 1:]:
                rows.append(i), firsts.append(j), seconds.append(m)
    if not rows:
        return []
    union = unit_cols[firsts] + unit_cols[seconds]
    union /= np.maximum(np.linalg.norm(union, axis=1, keepdims=True), 1e-12)
    cos = np.clip(np.einsum("ij,ij->i", unit_rows[rows], union), -1.0, 1.0)
    joined = [f"{texts_cols[j]} {texts_cols[m]}" for j, m in zip(firsts, seconds)]
    p_union = model.pair_probability(cos, [texts_rows[i] for i in rows], joined)
    best = {}
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


def test_splits_skip_unions_whose_parts_add_too_little_with_the_same_result():
    from comparator.align import load_model
    from comparator.splits import find_splits

    model = load_model()
    rng = np.random.default_rng(12)
    pyrng = random.Random(12)
    found = 0
    for _ in range(60):
        n_rows, n_cols = int(rng.integers(1, 7)), int(rng.integers(2, 8))
        cols = [_sentence(pyrng) for _ in range(n_cols)]
        rows = [" ".join(pyrng.sample(cols, 2)) if pyrng.random() < 0.6 else _sentence(pyrng) for _ in range(n_rows)]
        unit_rows, unit_cols = rng.normal(size=(n_rows, 8)), rng.normal(size=(n_cols, 8))
        unit_rows /= np.linalg.norm(unit_rows, axis=1, keepdims=True)
        unit_cols /= np.linalg.norm(unit_cols, axis=1, keepdims=True)
        prob = model.probability(unit_rows @ unit_cols.T, rows, cols).probability
        for threshold in (0.0, model.threshold):
            got = find_splits(model, prob, rows, unit_rows, cols, unit_cols, threshold)
            assert got == _splits_scoring_every_union(model, prob, rows, unit_rows, cols, unit_cols, threshold)
            found += len(got)
    assert found  # the comparison is not vacuous


def test_own_scores_are_the_probabilitys_semantic_and_lexical():
    from comparator.align import _own_scores, load_model

    model = load_model()
    rng = np.random.default_rng(5)
    pyrng = random.Random(5)
    a, b = [_sentence(pyrng) for _ in range(6)], [_sentence(pyrng) for _ in range(4)]
    cosine = rng.uniform(-1.1, 1.1, size=(6, 4))
    full, own = model.probability(cosine, a, b), _own_scores(model, cosine, a, b)
    assert np.array_equal(own.semantic, full.semantic) and np.array_equal(own.lexical, full.lexical)
    assert own.lexical.dtype == full.lexical.dtype == np.float64


def test_article_terms_are_found_once_for_candidates_and_labels(monkeypatch):
    from comparator.framing import candidates, common
    from tests.test_labels import build

    comp, ctx = build({"courier": "Critics slammed the radical plan on Tuesday. The mayor defended it.",
                       "ledger": "The mayor defended the plan on Tuesday. Critics said it was a giveaway."})
    calls = []
    real = common.find_terms

    def counting(lex, doc, headline=False):
        calls.append((id(doc), headline))
        return real(lex, doc, headline=headline)

    monkeypatch.setattr(common, "find_terms", counting)
    assert any(common.term_matches(comp, ctx, a.id) for a in comp.articles)  # "slammed", "radical"
    for article in comp.articles:
        via_labels = common.term_matches(comp, ctx, article.id)
        via_candidates = candidates.article_candidates(comp, ctx, article.id)
        assert {(m.start, m.end) for m in via_labels} <= {(c.start, c.end) for c in via_candidates}
    assert len(calls) == len(set(calls)) == len(comp.articles)


def test_according_to_is_read_only_in_docs_that_write_it():
    nlp = load_nlp()
    doc = nlp("According to critics, the radical plan failed. The mayor called it a success.")
    plain = nlp("The radical plan failed. The mayor called it a success.")
    assert cx.according_to(doc[6:7]) == "critics"  # "plan"
    assert cx.according_to(plain[1:2]) is None
    assert doc.user_data[cx._ACCORDING_KEY] is True and plain.user_data[cx._ACCORDING_KEY] is False
    assert cx.according_to(doc[10:11]) is None  # the second sentence has no "according to" above it


def test_month_words_are_read_once_per_word():
    from comparator.facts import tokens as ft

    doc = load_nlp()("Officials met in June and again in Sept. with Jordan and May Smith.")
    got = {t.text: ft.month_name(t) for t in doc if t.is_title}
    assert got["June"] is True and got.get("Jordan") is False
    assert ft._reads_as_month("June") is True and ft._reads_as_month("Jordan") is False


def test_pattern_lexicon_is_read_without_importing_textblob():
    import os
    import subprocess
    import sys
    from pathlib import Path

    pytest.importorskip("textblob")
    from importlib.resources import files

    from comparator.framing.subjectivity import _lexicon_text

    assert _lexicon_text() == files("textblob").joinpath("en", "en-sentiment.xml").read_text(encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    code = ("import sys; from comparator.framing.subjectivity import pattern_lexicon; "
            "print(len(pattern_lexicon()) > 1000, 'textblob' in sys.modules, 'nltk' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "False"]
