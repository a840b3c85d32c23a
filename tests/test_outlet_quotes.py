"""An outlet paragraph quotes its headline and lede with balanced quotation marks (invented text)."""

from __future__ import annotations

import pytest

from comparator.render.outlets import _quote


def _balanced(text: str) -> bool:
    inner = text[1:-1]
    depth = 0
    for ch in inner:
        if ch == "\u2018":
            depth += 1
        elif ch == "\u2019" and depth:
            depth -= 1
    return text[0] == "\u201c" and text[-1] == "\u201d" and depth == 0 and '"' not in inner \
        and "\u201c" not in inner and "\u201d" not in inner


@pytest.mark.parametrize("sentence,want", [
    # the review's lede: a quotation closed before the attribution (its opening mark was stripped)
    ('"This is a decision for the whole state," Mayor Lin Okoro said.',
     "\u201c\u2018This is a decision for the whole state,\u2019 Mayor Lin Okoro said\u201d"),
    ('"We were given two weeks\' notice," Orue said.',
     "\u201c\u2018We were given two weeks' notice,\u2019 Orue said\u201d"),
    ("\u201cWe will rebuild the pier,\u201d the harbor master told reporters.",
     "\u201c\u2018We will rebuild the pier,\u2019 the harbor master told reporters\u201d"),
    # a sentence that is one quotation keeps no marks of its own
    ('"This budget spends money we do not have."', "\u201cThis budget spends money we do not have\u201d"),
    # a scare quote in the middle
    ('The board called the plan "a blank check" on Tuesday.',
     "\u201cThe board called the plan \u2018a blank check\u2019 on Tuesday\u201d"),
    # a paragraph that closes a quotation opened in the paragraph before
    ('We will override her," Reuben Ostrowski wrote.', "\u201c\u2018We will override her,\u2019 Reuben Ostrowski wrote\u201d"),
    ("No quotation at all here.", "\u201cNo quotation at all here\u201d"),
])
def test_quoted_lede_keeps_its_quotation_marks_balanced(sentence, want):
    assert _quote(sentence) == want
    assert _balanced(want)


@pytest.mark.parametrize("sentence", [
    ('A nurse at the clinic, Tamsin Orue, 41, told reporters: "We were given two weeks\' notice and no plan for our '
     'patients at all."'),
    ('Council member Ada Pike said the county "has broken every promise it made to the families of the Eastgate '
     'neighborhood since the flood."'),
])
def test_a_clipped_quotation_is_closed_before_the_ellipsis(sentence):
    got = _quote(sentence, 60)
    assert _balanced(got), got
    assert got.endswith("\u2019\u2026\u201d")
