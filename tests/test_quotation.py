"""Evidence and ledes inside our curly quotes write their own marks as a nested quotation, balanced."""

from __future__ import annotations

import pytest

from comparator.render.quotation import nested_quotation


@pytest.mark.parametrize("text, shown", [
    # the first sentence of a multi-sentence quotation: its opening mark gets its closing one
    ('"We disagree with this judge\'s ruling.', "\u2018We disagree with this judge's ruling.\u2019"),
    # the last sentence of one: its closing mark gets its opening one
    ('The plan fails the families it promised to help," Reyes said.',
     "\u2018The plan fails the families it promised to help,\u2019 Reyes said."),
    # a quotation inside a sentence stays as it is, in single marks
    ('She called it "a blank check" on Tuesday.', "She called it \u2018a blank check\u2019 on Tuesday."),
    # a clipped quotation closes before the ellipsis
    ('"Nobody asked the parents\u2026', "\u2018Nobody asked the parents\u2019\u2026"),
    # nothing to do
    ("The board voted 4 to 1.", "The board voted 4 to 1."),
])
def test_marks_inside_a_quoted_span_are_nested_and_balanced(text, shown):
    assert nested_quotation(text) == shown


def test_markdown_evidence_shows_no_stray_straight_mark():
    from comparator.render.markdown import _quote
    from comparator.types import Evidence

    class _Comp:
        def article(self, _):
            raise KeyError

    ev = Evidence(article="a", claim="a:1", start=0, end=10, text='"We disagree with this ruling.',
                  voice="quoted", speaker="a spokesperson")
    line = _quote(_Comp(), ev)
    assert '"' not in line and line.endswith("\u201c\u2018We disagree with this ruling.\u2019\u201d")
