"""Anchors, hubness correction and pronoun antecedents used by alignment (no models)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from comparator.anchors import (anchor_matrix, antecedents, hub_scores, number_anchors, pronoun_led,
                                reading_texts)
from comparator.types import Claim


def test_numbers_with_units_and_tallies_are_anchors_years_are_not():
    assert number_anchors("The final tally was 97-1.") == {"97-1"}
    assert "47000 addresses" in number_anchors("The IRS shared 47,000 addresses with ICE.")
    assert "$10 billion" in number_anchors("a lawsuit seeking $10 billion in damages")
    assert number_anchors("In 2019 the law was passed on 5 votes.") == frozenset()


def test_anchor_matrix_shared_number_or_long_word_sequence():
    a = ["The final tally was 97-1.", 'He said "we have learned something important here" on Monday.']
    b = ["This followed a 97-1 vote hours earlier in the Senate.",
         'Asked about it, he said: "We have learned something important here."',
         "The House voted 348-77 to override the veto."]
    got = anchor_matrix(a, b)
    assert got.tolist() == [[True, False, False], [False, True, False]]


@settings(max_examples=60, deadline=None)
@given(prob=arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 6)), elements=st.floats(0, 1)),
       k=st.integers(0, 8))
def test_hub_scores_match_brute_force(prob, k):
    got = hub_scores(prob, k)
    for i in range(prob.shape[0]):
        for j in range(prob.shape[1]):
            if k <= 0:
                want = prob[i, j]
            else:
                row = sorted(prob[i], reverse=True)[:min(k, prob.shape[1])]
                col = sorted(prob[:, j], reverse=True)[:min(k, prob.shape[0])]
                want = prob[i, j] - (np.mean(row) + np.mean(col)) / 2
            assert abs(got[i, j] - want) < 1e-9


def test_a_hub_row_scores_below_a_distinct_match():
    """Row 0 is similar to every column (a subhead); row 1 matches column 1 only."""
    prob = np.array([[0.5, 0.5, 0.45], [0.05, 0.5, 0.05], [0.1, 0.1, 0.1]])
    hub = hub_scores(prob, 2)
    assert hub[1, 1] > hub[0, 1] + 0.1


def _claims(article, texts, paragraph=0):
    out, pos = [], 0
    for i, t in enumerate(texts):
        out.append(Claim(id=f"{article}:{i}", article=article, index=i, paragraph=paragraph, text=t,
                         start=pos, end=pos + len(t)))
        pos += len(t) + 1
    return out


def test_pronoun_led_sentence_is_read_with_its_named_antecedent():
    claims = _claims("a", ["Another marcher, Mia Sorel, teared up.", "She said it was her first time.",
                           "She defended the right to seek asylum.", "It rained all day."])
    assert [pronoun_led(c.text) for c in claims] == [False, True, True, False]
    assert antecedents(claims) == {1: 0, 2: 0}  # past another pronoun-led sentence
    unit = np.eye(4)
    texts, vectors = reading_texts(claims, unit)
    assert texts[2] == "Another marcher, Mia Sorel, teared up. She defended the right to seek asylum."
    assert texts[3] == "It rained all day."
    assert np.allclose(vectors[2], (unit[0] + unit[2]) / np.sqrt(2))


def test_antecedent_stays_in_the_paragraph():
    claims = _claims("a", ["Kara Lind spoke."]) + [
        Claim(id="a:1", article="a", index=1, paragraph=1, text="She left.", start=17, end=26)]
    assert antecedents(claims) == {}
