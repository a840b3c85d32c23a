"""Hard-wrapped text: soft line breaks joined (same length), Markdown structure kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from comparator import nlp
from comparator.claims import extract_claims
from comparator.load import load_article_file
from comparator.load.paragraphs import soft_breaks, unwrap

FIELD = Path(__file__).parent / "data" / "field" / "07-hard-wrapped-lines"


def claims_of(article):
    return extract_claims(article, nlp.parse_articles([article])[article.id])


def per_paragraph(claims) -> list[int]:
    counts: dict[int, int] = {}
    for c in claims:
        if not c.boilerplate:
            counts[c.paragraph] = counts.get(c.paragraph, 0) + 1
    return [counts[p] for p in sorted(counts)]


@pytest.mark.parametrize("wrapped", [
    FIELD / "input" / "ridgeway-gazette.txt",
    FIELD / "variant-markdown" / "input" / "ridgeway-gazette.md",
])
def test_field_case_claims_per_paragraph_equal_the_unwrapped_version(wrapped):
    art = load_article_file(wrapped)[0]
    unwrapped = load_article_file(FIELD / "input" / "valley-business-journal.md")[0]
    claims = claims_of(art)
    assert per_paragraph(claims) == per_paragraph(claims_of(unwrapped)) == [1, 1, 1]
    assert "-- which has long been its biggest earner --" in claims[0].text
    assert claims[0].text.endswith("the company said on Monday.")
    for c in claims:
        assert art.text[c.start:c.end] == c.text and "\n" not in c.text


def test_offsets_are_offsets_into_the_file_body():
    path = FIELD / "input" / "ridgeway-gazette.txt"
    raw = path.read_text(encoding="utf-8")
    body = raw.split("---\n", 2)[2]
    art = load_article_file(path)[0]
    assert len(art.text) == len(body)
    assert [i for i, (a, b) in enumerate(zip(art.text, body)) if a != b] == \
        [i for i, ch in enumerate(body) if ch == "\n" and art.text[i] == " "]
    assert art.meta["soft_line_breaks"] == 5


# An invented case of the same kind: an e-mailed press release wrapped at 60 columns,
# a sentence ending mid-line, a bulleted list and a sign-off that must stay apart.
EMAIL = """\
The county board voted 5-2 on Tuesday to close the Millbrook
landfill by 2028. The vote ends a decade of disputes over odors
and truck traffic on Route 9, board chair Ines Vargas said.

The plan calls for:
- a transfer station at the old rail yard
- curbside compost pickup from next spring

Contact: press office
"""


def test_invented_email_wrapped_at_sixty_columns():
    text = unwrap(EMAIL, "text")
    lines = text.split("\n")
    assert lines[0].startswith("The county board") and lines[0].endswith("board chair Ines Vargas said.")
    assert "- a transfer station at the old rail yard" in lines
    assert "- curbside compost pickup from next spring" in lines
    assert "Contact: press office" in lines
    assert len(text) == len(EMAIL)


def test_one_paragraph_per_long_line_is_left_alone():
    text = ("Screen Capture/PBS NewsHour\n"
            + "A federal judge on Thursday blocked the agency from using taxpayer data, a ruling that "
              "the administration said it would appeal as soon as possible, officials said.\n"
            + "The ruling marks the latest setback for the administration in its data-sharing plans, "
              "which critics have called unlawful from the start of the program.\n")
    assert soft_breaks(text, "text") == []
    assert soft_breaks(text, "markdown") == []


MARKDOWN = """\
## Hurdles to asylum

Migrants who fail credible-fear interviews risk being
quickly deported, lawyers said.

> "We are asking for a fair hearing," said one
> organizer at the fence.

- first item that is long enough to be wrapped by an editor at
  sixty columns
- second item

| City | Arrivals |
|------|----------|
| Tovar | 200 |
"""


def test_markdown_structure_is_respected():
    text = unwrap(MARKDOWN, "markdown")
    lines = text.split("\n")
    assert lines[0] == "## Hurdles to asylum"
    assert "Migrants who fail credible-fear interviews risk being quickly deported, lawyers said." in lines
    quote = next(line for line in lines if line.startswith('> "We'))
    assert quote.split() == '> "We are asking for a fair hearing," said one organizer at the fence.'.split()
    assert any(line.startswith("- first item") and line.endswith("sixty columns") for line in lines)
    assert "- second item" in lines
    assert "| Tovar | 200 |" in lines and "| City | Arrivals |" in lines
    assert len(text) == len(MARKDOWN)


def test_markdown_hard_break_is_kept():
    text = "First line of an address block  \nSecond line of the same address block\n"
    assert unwrap(text, "markdown") == text


# invented: a newspaper column pasted from a PDF, wrapped at about 38 characters
COLUMN = """\
Crews closed the Front Street main
shortly after 5 a.m. on Monday, and
service should be back by Wednesday,
utilities director Owen Pryce said.

By Mara Lindqvist
Staff writer
"""


def test_narrow_pdf_column_is_rejoined_but_a_byline_block_is_not():
    lines = unwrap(COLUMN, "text").split("\n")
    assert lines[0] == ("Crews closed the Front Street main shortly after 5 a.m. on Monday, and service "
                        "should be back by Wednesday, utilities director Owen Pryce said.")
    assert "By Mara Lindqvist" in lines and "Staff writer" in lines


def test_short_credit_above_a_paragraph_is_not_joined():
    text = 'Photo by Jane Roe/Getty Images\nThe mayor spoke on Friday. "We will rebuild," she said.\n'
    assert unwrap(text, "text") == text and unwrap(text, "markdown") == text
