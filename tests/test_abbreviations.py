"""Sentence boundaries: titles, ranks, honorifics, initials and months before a name or number."""

from __future__ import annotations

from pathlib import Path

import pytest

from comparator import nlp
from comparator.claims import extract_claims
from comparator.claims.abbreviations import TITLES, continues_sentence
from comparator.load import load_article_file
from comparator.types import Article

FIELD = Path(__file__).parent / "data" / "field" / "06-abbreviations"


def sentences(text: str) -> list[str]:
    article = Article(id="t", outlet="T", text=text)
    return [c.text for c in extract_claims(article, nlp.parse_articles([article])["t"])]


# every title of the tested list, in the position that used to split: mid-sentence before a name
@pytest.mark.parametrize("title", sorted(TITLES))
def test_every_listed_title_keeps_the_attribution(title):
    text = f"The fire was under control by noon, {title}. Dana Ruiz said."
    assert sentences(text) == [text]


@pytest.mark.parametrize("text", [
    "Supt. Irene Vale said classes would resume on Feb. 3.",
    "The report was written by J. R. Hartley of the county office.",
    "The bill, listed as No. 14, passed on Jan. 9 with one vote to spare.",
    "Crews reached Mt. Baker and Ft. Worth before the storm, Lt. Gov. Ana Ruiz said.",
    "The suspect was arrested on Elm Ave. near the school, Det. Sgt. Ana Cruz said.",
    "The contract was signed by Acme Corp. and Delta Inc. on Monday.",
])
def test_sentences_that_stay_whole(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize("text, parts", [
    ("Most of the money will stay in the U.S. The rest goes to Canada.", 2),
    ("The plant was sold to Acme Inc. The new owner plans to expand.", 2),
])
def test_sentence_ends_after_words_that_often_end_one(text, parts):
    assert len(sentences(text)) == parts


def test_continues_sentence_rules():
    assert continues_sentence("Sgt", "Lena") and continues_sentence("A", "Smith")
    assert continues_sentence("Jan", "9") and continues_sentence("No", "14")
    assert not continues_sentence("Jan", "The") and not continues_sentence("US", "The")
    assert not continues_sentence("Sgt", "") and not continues_sentence("Inc", "The")


def test_field_case_capitol_wire_is_one_sentence_per_paragraph():
    art = load_article_file(FIELD / "input" / "capitol-wire.md")[0]
    claims = extract_claims(art, nlp.parse_articles([art])[art.id])
    assert len(claims) == 4 and [c.paragraph for c in claims] == [0, 1, 2, 3]
    assert claims[2].text.endswith("Sgt. Lena Duarte said.")


def test_field_case_probe_of_titles():
    art = load_article_file(FIELD / "probe-titles.md")[0]
    claims = extract_claims(art, nlp.parse_articles([art])[art.id])
    by_para: dict[int, int] = {}
    for c in claims:
        by_para[c.paragraph] = by_para.get(c.paragraph, 0) + 1
    # every paragraph is one sentence except "…in the U.S. The rest goes to Canada."
    assert sorted(by_para.values()) == [1] * 9 + [2]


def test_titles_are_one_token_so_ner_sees_the_name():
    doc = nlp.load_nlp()("Security was handled by the state police, Sgt. Lena Duarte said.")
    assert "Sgt." in [t.text for t in doc]
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Lena Duarte"]


def test_rank_before_an_ordinal():
    text = "The convoy left at dawn, Sgt. 1st Class Jane Roe said."
    assert sentences(text) == [text]


# approximation and measure abbreviations before an amount (review2-abbrev*, kind 06-abbreviations)
@pytest.mark.parametrize("text", [
    "The firm, Hollis & Co., had revenue of approx. $40 million, according to Dept. of Defense records.",
    "Damage reached approx. 200 homes, the insurer said.",
    "The loss was est. 3,000 acres, the ranger said.",
    "Tickets cost avg. $45 each, organizers said.",
    "The bill came to approx. €40 million, the auditor said.",
    "The mill, built ca. 1890, employed abt. 300 workers at its peak.",
    "Attendance was est. 12,000 people, incl. staff, the organizers said.",
    "The grant covers approx. half the cost, the school board said.",
])
def test_quantity_abbreviation_before_an_amount_keeps_the_sentence(text):
    assert sentences(text) == [text]


@pytest.mark.parametrize("text, parts", [
    ("The figures were only approx. The final count comes next week.", 2),
    ("Revenue rose 4% in the quarter. Costs were not disclosed.", 2),
])
def test_quantity_abbreviation_before_a_capital_still_ends(text, parts):
    assert len(sentences(text)) == parts


def test_continues_sentence_after_quantity_abbreviations():
    assert continues_sentence("approx", "$") and continues_sentence("est", "3,000")
    assert continues_sentence("avg", "US$") and continues_sentence("ca", "1920")
    assert not continues_sentence("approx", "The") and not continues_sentence("Est", "3")
