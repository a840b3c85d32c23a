"""Fact-level omission evidence: distinctive anchors absent from another outlet's whole article.

Hand-built claims and facts (no models); texts written for the project.
"""

from __future__ import annotations

import numpy as np

from comparator.comparison import Comparison
from comparator.config import Settings
from comparator.detect import Context
from comparator.detect import omissions
from comparator.detect.omission_anchors import absent_anchors, anchors_of, attribution_line, present, shared_phrase
from comparator.types import Alignment, Article, Claim, Fact, Mention

SUIT = "Mayor Dana Whitlock is suing the Port Authority for roughly $40 million over the leaked audit."


def _fact(text: str, phrase: str, kind: str, normal: str, value=None, unit=None, offset: int = 0) -> Fact:
    i = text.index(phrase)
    return Fact(kind=kind, text=phrase, start=offset + i, end=offset + i + len(phrase), normal=normal,
                value=value, unit=unit)


def _mention(text: str, phrase: str, label: str, offset: int = 0) -> Mention:
    i = text.index(phrase)
    return Mention(text=phrase, start=offset + i, end=offset + i + len(phrase), label=label)


def _claim(cid: str, text: str, facts=(), mentions=(), voice="authorial", quotes=()) -> Claim:
    art, idx = cid.split(":")
    return Claim(id=cid, article=art, index=int(idx), paragraph=0, text=text, start=0, end=len(text),
                 voice=voice, facts=tuple(facts), mentions=tuple(mentions), quotes=tuple(quotes))


def _suit_claim(cid: str = "a:0") -> Claim:
    return _claim(cid, SUIT,
                  facts=[_fact(SUIT, "roughly $40 million", "money", "roughly USD 40000000", 4e7, "USD"),
                         _fact(SUIT, "Dana Whitlock", "name", "dana whitlock", "Dana Whitlock")],
                  mentions=[_mention(SUIT, "Dana Whitlock", "PERSON"),
                            _mention(SUIT, "roughly $40 million", "MONEY")])


def _two_outlets(b_text: str, *, b_facts=(), cosine: float = 0.6, alignments=()) -> tuple[Comparison, Context]:
    a0 = _suit_claim()
    b0 = _claim("b:0", b_text, facts=b_facts)
    comp = Comparison(
        articles=(Article(id="a", outlet="Alpha Daily", text=SUIT), Article(id="b", outlet="Beta News", text=b_text)),
        claims=(a0, b0), alignments=tuple(alignments))
    va = np.array([1.0, 0.0])
    vb = np.array([cosine, np.sqrt(1 - cosine ** 2)])
    return comp, Context(settings=Settings(), shared={"vectors": {"a:0": va, "b:0": vb}})


def _missing(comp, ctx) -> list[str]:
    found = omissions.find_omissions(comp, ctx)
    return [m for f in found for m in f.details["missing_from"]]


CLOSE = "A judge stopped the Port Authority from releasing records to the city."


def test_a_distinctive_amount_absent_from_the_other_article_is_an_omission_despite_a_close_sentence():
    comp, ctx = _two_outlets(CLOSE, cosine=0.6)
    assert 0.4 <= 0.6 < omissions.ANCHOR_MAX
    assert _missing(comp, ctx) == ["b"]


def test_the_same_amount_in_other_words_blocks_the_charge():
    """'$40 million' and '40 million dollars' (read as a plain quantity) are the same number."""
    text = "The mayor wants 40 million dollars in a lawsuit against the port."
    other = _fact(text, "40 million dollars", "quantity", "40000000", 4e7)
    comp, ctx = _two_outlets(text, b_facts=[other])
    assert _missing(comp, ctx) == []
    # the digits written in the text count even when no fact was typed
    comp, ctx = _two_outlets("The suit seeks $40,000,000 from the port, the mayor's office said.")
    assert _missing(comp, ctx) == []


def test_a_near_claim_sharing_a_content_phrase_blocks_the_charge():
    """'the leaked audit' / 'leaked audits': the near claim may be the fact without its number."""
    comp, ctx = _two_outlets("The mayor took the port authority to court over leaked audits.")
    assert _missing(comp, ctx) == []


def test_a_very_close_or_aligned_claim_blocks_the_charge():
    comp, ctx = _two_outlets(CLOSE, cosine=min(0.99, omissions.ANCHOR_MAX + 0.05))
    assert _missing(comp, ctx) == []
    weak = Alignment(claims=("a:0", "b:0"), score=0.3, semantic=0.6, lexical=0.1)
    comp, ctx = _two_outlets(CLOSE, cosine=0.6, alignments=[weak])
    assert "b" not in _missing(comp, ctx)


def test_one_absent_name_alone_is_not_enough():
    """A name weighs 1, an amount 2; the charge needs 2."""
    text = "Mayor Dana Whitlock sued the port authority over the audit this week."
    c = _claim("a:0", text, facts=[_fact(text, "Dana Whitlock", "name", "dana whitlock", "Dana Whitlock")],
               mentions=[_mention(text, "Dana Whitlock", "PERSON")])
    assert [f.text for f in absent_anchors(anchors_of([c]), [], CLOSE)] == ["Dana Whitlock"]
    comp = Comparison(articles=(Article(id="a", outlet="A", text=text), Article(id="b", outlet="B", text=CLOSE)),
                      claims=(c, _claim("b:0", CLOSE)))
    ctx = Context(settings=Settings(), shared={"vectors": {"a:0": np.array([1.0, 0.0]),
                                                           "b:0": np.array([0.6, 0.8])}})
    assert _missing(comp, ctx) == []


def test_weak_anchors_are_left_out():
    text = "Two officials said hundreds of files from 2019 reached Washington on 12 March 2025."
    c = _claim("a:0", text, facts=[
        _fact(text, "Two", "quantity", "2", 2.0),
        _fact(text, "hundreds", "quantity", "about 100-999", 100.0),
        _fact(text, "2019", "quantity", "2019", 2019.0),
        _fact(text, "Washington", "name", "washington", "Washington"),
        _fact(text, "12 March 2025", "date", "2025-03-12"),
    ], mentions=[_mention(text, "Washington", "GPE")])
    # a small count, a vague quantity, a bare year and a place are not distinctive; the date is
    assert [f.text for f in anchors_of([c])] == ["12 March 2025"]


def test_an_attribution_line_has_no_anchors():
    text = "The story was first reported by the Harbor Ledger."
    c = _claim("a:0", text, facts=[_fact(text, "Harbor Ledger", "name", "harbor ledger", "Harbor Ledger")],
               mentions=[_mention(text, "Harbor Ledger", "ORG")])
    assert attribution_line(c)
    assert anchors_of([c]) == []
    assert not attribution_line(_suit_claim())


def test_names_are_found_by_surname_or_acronym():
    name = Fact(kind="name", text="Dana Whitlock", start=0, end=13, normal="dana whitlock", value="Dana Whitlock")
    assert present(name, [], "Whitlock declined to comment.")
    org = Fact(kind="name", text="Port Harbor Authority", start=0, end=21, normal="port harbor authority",
               value="Port Harbor Authority")
    assert present(org, [], "The PHA said nothing.")
    assert not present(org, [], "The agency said nothing.")


def test_shared_phrase_matches_plurals_not_stopwords():
    assert shared_phrase("a recent poll put his approval rating at 30%", "sapped his approval ratings")
    assert not shared_phrase("the judge said on the record", "the mayor said of the port")


def test_a_list_of_names_is_examples_another_outlet_may_sum_up(monkeypatch):
    """'Harbor Bank, Delta Freight and Orion Shipping' vs 'business groups': three absent names
    and nothing else absent is no charge (without the guard, three names would weigh 3)."""
    text = "Harbor Bank, Delta Freight and Orion Shipping filed briefs backing the Port Authority."
    names = ("Harbor Bank", "Delta Freight", "Orion Shipping")
    c = _claim("a:0", text, facts=[_fact(text, n, "name", n.lower(), n) for n in names],
               mentions=[_mention(text, n, "ORG") for n in names])
    other = "Business groups lined up behind the Port Authority in the case."
    comp = Comparison(articles=(Article(id="a", outlet="A", text=text), Article(id="b", outlet="B", text=other)),
                      claims=(c, _claim("b:0", other)))
    ctx = Context(settings=Settings(), shared={"vectors": {"a:0": np.array([1.0, 0.0]),
                                                           "b:0": np.array([0.6, 0.8])}})
    assert len(absent_anchors(anchors_of([c]), [], other)) == 3
    assert _missing(comp, ctx) == []
    monkeypatch.setattr(omissions, "LIST_NAMES", 0)
    assert _missing(comp, ctx) == ["b"]
