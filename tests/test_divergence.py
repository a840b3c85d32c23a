"""Divergent facts and detail_only findings: sentence pairs, the seed corpus with hand-made alignments,
and (slow) the seed corpus end to end."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from conftest import claim_containing

from comparator.comparison import Comparison
from comparator.config import Settings
from comparator.detect import Context
from comparator.detect.divergence import find_divergences, pair_comparison
from comparator.detect.severity import severity_of
from comparator.types import Alignment


@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


def _findings(nlp, a, b, kind="divergent_fact", published=None):
    comp, ctx = pair_comparison(a, b, outlets=("Alpha", "Beta"), published=published, nlp=nlp)
    found = find_divergences(comp, ctx)
    texts = {x.id: x.text for x in comp.articles}
    for f in found:
        assert f.id == ""
        for e in f.evidence:
            assert texts[e.article][e.start:e.end] == e.text
    return [f for f in found if f.kind == kind]


def _spans(f):
    return [e.text for e in f.evidence]


@pytest.mark.parametrize("a, b, span_a, span_b", [
    ("ICE asked for 7.6 million records in June.", "ICE asked for 7.3 million records in June.",
     "7.6 million", "7.3 million"),
    ("The first request came on June 5.", "The first request came on June 24.", "June 5", "June 24"),
    ("Over 47,000 addresses were sent.", "About 40,000 addresses were sent.", "Over 47,000", "About 40,000"),
    ("She is the second judge to block the deal.", "She is the first judge to block the deal.",
     "second", "first"),
    ("Judge Maria Okafor ruled against the agency.", "Judge Maria Delgado ruled against the agency.",
     "Maria Okafor", "Maria Delgado"),
    ("The company paid $4.5 billion for the mine.", "The company paid $5.5 billion for the mine.",
     "$4.5 billion", "$5.5 billion"),
])
def test_value_disagreement_is_reported_with_both_spans(nlp, a, b, span_a, span_b):
    found = _findings(nlp, a, b)
    assert len(found) == 1, [f.message for f in found]
    f = found[0]
    assert f.severity == severity_of(f.details["type"])  # error only where gold precision >= 0.9
    assert _spans(f) == [span_a, span_b]
    assert "Alpha" in f.message and "Beta" in f.message
    assert 0.5 <= f.confidence <= 1.0


@pytest.mark.parametrize("a, b", [
    ("Trump is suing for roughly $10 billion.", "Trump is suing for $10 billion."),
    ("The IRS sent over 47,000 addresses.", "The IRS sent 47,000 addresses."),
    ("The IRS sent 47,000 addresses.", "The IRS sent forty-seven thousand addresses."),
    ("The IRS sent 47,000 addresses.", "The IRS sent 47 thousand addresses."),
    ("The firm lost $10bn last year.", "The firm lost $10 billion last year."),
    ("The data arrived Aug. 7.", "The data arrived August 7, 2025."),
    ("The agencies began talks in early 2025.", "The agencies began talks in March 2025."),
    ("Judge Talwani ruled on Thursday.", "Indira Talwani ruled on Thursday."),
    ("The IRS shared home addresses with ICE.", "The IRS shared residential addresses with ICE."),
    ("Talwani, appointed to the bench by President Barack Obama, ruled.",
     "Talwani, who was nominated by former President Barack Obama, ruled."),
    ("The arrangement potentially violates privacy rights.", "The arrangement could violate privacy rights."),
    ("The judge said it would sell.", "The judge said it will sell."),
])
def test_agreeing_forms_are_not_flagged(nlp, a, b):
    assert _findings(nlp, a, b) == []


def test_unresolved_relative_dates_are_not_compared(nlp):
    assert _findings(nlp, "The judge ruled on Monday.", "The judge ruled on Friday.") == []
    # ...but they are once both publication dates are known
    found = _findings(nlp, "The judge ruled on Monday.", "The judge ruled on Friday.", published="2025-10-24")
    assert [_spans(f) for f in found] == [["Monday", "Friday"]]


def test_negation_and_certainty_are_warnings(nlp):
    neg = _findings(nlp, "The judge blocked the agreement.", "The judge did not block the agreement.")
    assert [(f.severity, f.details["fact"], _spans(f)) for f in neg] == [
        ("warning", "negation", ["blocked", "did not block"])]
    hedge = _findings(nlp, "The deal violates taxpayer privacy.", "The deal could violate taxpayer privacy.")
    assert [(f.severity, f.details["fact"], _spans(f)) for f in hedge] == [
        ("warning", "certainty", ["violates", "could violate"])]


def test_detail_only_for_a_date_and_a_law(nlp):
    found = _findings(nlp, "Kollar-Kotelly ruled in November that the deal broke the law.",
                      "Kollar-Kotelly ruled that the deal broke the law.", kind="detail_only")
    assert len(found) == 1
    assert found[0].severity == "info"
    assert _spans(found[0])[0] == "November"
    assert found[0].details["carried_by"] == "a" and found[0].details["missing_from"] == "b"
    law = _findings(nlp, "The sharing could violate the Tax Act of 1976, she said.",
                    "The sharing could violate privacy protections, she said.", kind="detail_only")
    assert [_spans(f)[0] for f in law] == ["Tax Act of 1976"]


def test_no_detail_only_for_ordinary_entities(nlp):
    assert _findings(nlp, "ICE asked the IRS for data.", "ICE asked for data.", kind="detail_only") == []


def test_evidence_voice_follows_quotes(nlp):
    comp, ctx = pair_comparison('He said "we sent 500 files" today.', "He said they sent 900 files today.", nlp=nlp)
    a = comp.claims[0]
    q = a.text.index('"')
    quoted = dataclasses.replace(a, voice="mixed", speaker="He", quotes=((q, a.text.index('"', q + 1) + 1),))
    comp = dataclasses.replace(comp, claims=(quoted, comp.claims[1]))
    found = [f for f in find_divergences(comp, ctx) if f.kind == "divergent_fact"]
    assert found and found[0].evidence[0].voice == "quoted" and found[0].evidence[0].speaker == "He"
    assert found[0].evidence[1].voice == "authorial"


# -- the seed corpus, spaCy only, alignments made by hand -----------------------------------------


def _seed(path):
    from comparator.claims import extract_claims
    from comparator.entities import add_entities
    from comparator.facts import attach_facts
    from comparator.load import load_articles
    from comparator.nlp import parse_articles

    articles = load_articles([path])
    docs = parse_articles(articles)
    claims = tuple(c for a in articles for c in extract_claims(a, docs[a.id]))
    claims = attach_facts(claims, docs, articles)
    comp = Comparison(articles=tuple(articles), claims=claims)
    ctx = Context(settings=Settings(), docs=docs)
    return add_entities(comp, ctx), ctx


def _align(comp, *pairs):
    als = []
    for dc_text, fox_text in pairs:
        a = claim_containing(comp, "Daily Caller", dc_text)
        b = claim_containing(comp, "Fox", fox_text)
        als.append(Alignment(claims=(a.id, b.id), score=0.8, semantic=0.8, lexical=0.5, method="test"))
    return dataclasses.replace(comp, alignments=tuple(als))


SEED_PAIRS = [
    ("stop sharing home addresses with ICE", "from providing residential addresses"),
    ("The ruling makes Talwani the second federal judge", "Talwani is the second judge to block"),
    ("The ruling makes Talwani the second federal judge", "The first was U.S. District Judge Colleen"),
]


@pytest.fixture(scope="module")
def seed_pairs(seed_dir):
    comp, ctx = _seed(seed_dir)
    comp = _align(comp, *SEED_PAIRS)
    return comp, find_divergences(comp, ctx)


def test_seed_paraphrases_are_not_divergent(seed_pairs):
    comp, found = seed_pairs
    assert [f.message for f in found if f.kind == "divergent_fact"] == []


def test_seed_detail_only_in_november(seed_pairs):
    comp, found = seed_pairs
    details = [f for f in found if f.kind == "detail_only"]
    november = [f for f in details if "November" in _spans(f)]
    assert len(november) == 1
    assert november[0].evidence[0].article == "daily-caller"
    assert "Daily Caller News Foundation" in november[0].message


def _perturbed_copy(seed_dir, tmp_path):
    dest = tmp_path / "event"
    shutil.copytree(seed_dir, dest)
    fox = dest / "fox-news.md"
    fox.write_text(fox.read_text(encoding="utf-8").replace("7.6 million", "6.7 million"), encoding="utf-8")
    dc = dest / "daily-caller.md"
    text = dc.read_text(encoding="utf-8")
    anchor = "The ruling marks the latest setback"
    assert anchor in text
    dc.write_text(text.replace(anchor, "ICE first asked for data on 7.6 million individuals in a June 5 request. "
                               + anchor), encoding="utf-8")
    return dest


def test_seed_changed_number_is_divergent(seed_dir, tmp_path):
    comp, ctx = _seed(_perturbed_copy(seed_dir, tmp_path))
    comp = _align(comp, *SEED_PAIRS, ("ICE first asked for data on 7.6 million", "initial June 5 query"))
    found = [f for f in find_divergences(comp, ctx) if f.kind == "divergent_fact"]
    assert len(found) == 1, [f.message for f in found]
    f = found[0]
    assert f.severity == severity_of(f.details["type"])
    assert [(e.article, e.text) for e in f.evidence] == [("daily-caller", "7.6 million"), ("fox-news", "6.7 million")]
    assert f.details["normal"] == ["7600000", "6700000"]
    assert "Fox News" in f.message and "Daily Caller News Foundation" in f.message


# -- end to end with the real model ---------------------------------------------------------------


@pytest.mark.slow
def test_seed_end_to_end(seed_comparison):
    comp = seed_comparison
    for f in comp.findings:
        if f.kind != "divergent_fact":
            continue
        texts = " ".join(e.text for e in f.evidence)
        assert "address" not in texts and "Obama" not in texts, f.message
    dc = claim_containing(comp, "Daily Caller", "ruling in November")
    november = [f for f in comp.findings if f.kind == "detail_only" and dc.id in {e.claim for e in f.evidence}]
    assert november and "November" in [e.text for e in november[0].evidence]


@pytest.mark.slow
def test_seed_end_to_end_changed_number(seed_dir, tmp_path):
    import comparator

    comp = comparator.compare([_perturbed_copy(seed_dir, tmp_path)], cache_dir=str(tmp_path / "cache"))
    found = [f for f in comp.findings if f.kind == "divergent_fact" and f.details.get("type") == "number"]
    spans = [[(e.article, e.text) for e in f.evidence] for f in found]
    assert [("daily-caller", "7.6 million"), ("fox-news", "6.7 million")] in spans, [f.message for f in found]


def test_detail_only_counts_every_aligned_claim_of_the_other_outlet(nlp):
    from comparator.facts import attach_facts
    from comparator.types import Article, Claim

    text_a = "ICE asked for 7.6 million records on June 5."
    text_b = "ICE asked for 7.6 million records. The request came on June 5, officials said."
    arts = (Article(id="a", outlet="Alpha", text=text_a), Article(id="b", outlet="Beta", text=text_b))
    cut = text_b.index("The request")
    claims = (Claim(id="a:0", article="a", index=0, paragraph=0, text=text_a, start=0, end=len(text_a)),
              Claim(id="b:0", article="b", index=0, paragraph=0, text=text_b[:cut - 1], start=0, end=cut - 1),
              Claim(id="b:1", article="b", index=1, paragraph=0, text=text_b[cut:], start=cut, end=len(text_b)))
    docs = {"a": nlp(text_a), "b": nlp(text_b)}
    claims = attach_facts(claims, docs, arts)
    one = (Alignment(claims=("a:0", "b:0"), score=0.9, semantic=0.9, lexical=0.5),)
    comp = Comparison(articles=arts, claims=claims, alignments=one)
    ctx = Context(settings=Settings(), docs=docs)
    found = [f for f in find_divergences(comp, ctx) if f.kind == "detail_only"]
    # Beta states "June 5" in another sentence: not a detail only Alpha gives (review 2, shortfact), even
    # when that sentence is not aligned
    assert found == []
    text_c = text_b.replace("June 5", "June 9")  # another day in the other sentence: still a detail
    arts_c = (arts[0], Article(id="b", outlet="Beta", text=text_c))
    docs_c = {"a": docs["a"], "b": nlp(text_c)}
    claims_c = attach_facts(claims[:2] + (dataclasses.replace(claims[2], text=text_c[cut:]),), docs_c, arts_c)
    found = find_divergences(Comparison(articles=arts_c, claims=claims_c, alignments=one),
                             Context(settings=Settings(), docs=docs_c))
    assert [[e.text for e in f.evidence[:-1]] for f in found if f.kind == "detail_only"] == [["June 5"]]
    both = one + (Alignment(claims=("a:0", "b:1"), score=0.8, semantic=0.8, lexical=0.4),)
    comp = dataclasses.replace(comp, alignments=both)
    assert [f for f in find_divergences(comp, ctx) if f.kind == "detail_only"] == []


# -- pairing improvements (own sentences; measured on MRPC by bench/eval_divergence.py) ---------------

@pytest.mark.parametrize("a, b, span_a, span_b", [
    # same given name, another surname, even when the other surname appears elsewhere in the claim
    ("Okafor retired in May, said his son, Daniel Brenner.", "Okafor retired in May, said his son, Daniel Okafor.",
     "Daniel Brenner", "Daniel Okafor"),
    # one-word names after the same courtesy title, each the only person of its claim
    ("Ms Whitcombe said the budget was tight.", "Ms Abernathy said the budget was tight.",
     "Ms Whitcombe", "Ms Abernathy"),
    # a date NER leaves untagged: month name + day
    ("The hand-over must start no later than December 7.", "The hand-over will start no later than June 7.",
     "December 7", "June 7"),
    # a bare month; a partial date does not set aside a month that disagrees ("February" vs "2024")
    ("The agency lifted its outlook in February to 8.9 percent for 2024.",
     "The agency lifted its outlook in August to 8.9 percent for 2024.", "February", "August"),
    # ages: "Ortiz, 30," against "Ortiz, 32,"
    ("Lena Ortiz, 30, was charged on Tuesday.", "Lena Ortiz, 32, was charged on Tuesday.", "30", "32"),
    # a year inside a product name, and a four-digit count read as a year against years
    ("The firm will ship Atlas Server 2006 to its clients.", "The firm will ship Atlas Server 2003 to its clients.",
     "2006", "2003"),
    # same precision: 4.3 and 4.4 only touch at 4.35
    ("Spending should reach $7.4 billion, up from $4.3 billion.",
     "Spending should reach $4.4 billion, up from $4.3 billion.", "$7.4 billion", "$4.4 billion"),
    # numbers glued to a name with a hyphen
    ("The Delta-70 index fell sharply.", "The Delta-40 index fell sharply.", "70", "40"),
    # counts of years ago (two stories of one event are not decades apart)
    ("I hear what I heard 47 years ago.", "I hear what I heard 17 years ago.", "47 years ago", "17 years ago"),
])
def test_pairing_improvements(nlp, a, b, span_a, span_b):
    found = _findings(nlp, a, b)
    assert [_spans(f) for f in found] == [[span_a, span_b]], [f.message for f in found]


@pytest.mark.parametrize("a, b", [
    ("Saddam loyalists attacked the convoy.", "Hussein loyalists attacked the convoy."),  # no title: maybe one man
    ("Mr. Ferraro met the board.", "Giulia met the board."),  # a surname vs a given name
    ("The vote closes at 7 p.m. EST on Sunday.", "The vote closes at 8am (AEST) on Monday."),  # other time zones
    ("Rates rose about 3 p.m. on Friday.", "Rates rose at 3:22 p.m. on Friday."),
    ("The band played 40 years ago.", "The band played about 40 years ago."),
])
def test_pairing_improvements_do_not_flag(nlp, a, b):
    assert [f for f in _findings(nlp, a, b) if f.kind == "divergent_fact"] == []
