"""Omissions must not contradict the articles: carriers each say the fact, an outlet that carries the
same quotation (whoever it credits) is never charged, and an outlet that says part of a fact is said
to lack the detail, not to leave the fact out (invented text, hand-built comparisons, fake vectors)."""

from __future__ import annotations

import re

import numpy as np

from comparator.comparison import Comparison
from comparator.config import Settings
from comparator.detect import Context
from comparator.detect.omissions import find_omissions, support_pieces
from comparator.types import Alignment, Article, Claim, Fact


def _comp(articles: dict[str, list[str]], alignments: list[tuple[str, str, float]],
          facts: dict[str, tuple[Fact, ...]] | None = None) -> Comparison:
    arts, claims = [], []
    for aid, sentences in articles.items():
        text = ""
        for i, s in enumerate(sentences):
            if text:
                text += " "
            start = len(text)
            text += s
            quotes = tuple((start + m.start() + 1, start + m.end() - 1) for m in re.finditer(r'"[^"]+"', s))
            claims.append(Claim(id=f"{aid}:{i}", article=aid, index=i, paragraph=i, text=s, start=start,
                                end=len(text), voice="quoted" if quotes else "authorial",
                                quotes=quotes, facts=(facts or {}).get(f"{aid}:{i}", ())))
        arts.append(Article(id=aid, outlet=aid.title() + " News", text=text))
    als = tuple(Alignment(claims=(a, b), score=s, semantic=s, lexical=s) for a, b, s in alignments)
    return Comparison(articles=tuple(arts), claims=tuple(claims), alignments=als)


def _vectors(comp: Comparison, same: list[set[str]], close: dict[tuple[str, str], float] | None = None) -> dict:
    """Orthogonal unit vectors; claims in one set of ``same`` share a vector; ``close`` sets a cosine."""
    ids = [c.id for c in comp.claims]
    eye = np.eye(len(ids))
    vecs = {cid: eye[i] for i, cid in enumerate(ids)}
    for s in same:
        first = sorted(s)[0]
        for cid in s:
            vecs[cid] = vecs[first]
    for (a, b), cos in (close or {}).items():
        vecs[b] = cos * vecs[a] + np.sqrt(1 - cos ** 2) * eye[ids.index(b)]
    return vecs


def _omissions(comp: Comparison, vecs: dict):
    return find_omissions(comp, Context(settings=Settings(), shared={"vectors": vecs}))


QUOTE = '"We will not leave anyone sleeping on the pier tonight," said {}.'


def test_an_outlet_carrying_the_same_quote_credited_to_someone_else_is_not_charged():
    comp = _comp({
        "a": [QUOTE.format("harbor chief Ines Roy"), "The ferry resumed at noon."],
        "b": [QUOTE.format("harbor chief Ines Roy"), "The ferry resumed at noon."],
        "c": [QUOTE.format("Mayor Otto Veld"), "Ines Roy said the pier would reopen on Friday.",
              "The ferry resumed at noon."],
        "d": [QUOTE.format("Mayor Otto Veld"), "The ferry resumed at noon."],
    }, [("a:0", "b:0", 0.95), ("c:0", "d:0", 0.95), ("a:0", "c:1", 0.8), ("b:0", "c:1", 0.8),
        ("a:1", "b:1", 0.95), ("a:1", "c:2", 0.95), ("a:1", "d:1", 0.95)])
    vecs = _vectors(comp, [{"a:0", "b:0", "c:0", "d:0"}, {"a:1", "b:1", "c:2", "d:1"}])
    found = _omissions(comp, vecs)
    quoted = [f for f in found if "leave anyone" in f.message]
    assert quoted == []  # neither "c and d do not" nor "a and b do not": all four carry it


def test_carriers_must_each_say_the_fact_not_only_share_its_speaker():
    comp = _comp({
        "a": ["Ada Holm, a geologist at Rift College, said the cliff had moved two metres in a year."],
        "b": ["Ada Holm, a geologist at Rift College, said the new sea wall was built too low."],
        "c": ["Ada Holm, a geologist at Rift College, said the sea wall stood too low for winter storms."],
        "d": ["The council met on Monday."],
    }, [("a:0", "b:0", 0.8), ("a:0", "c:0", 0.8), ("b:0", "c:0", 0.9)])
    vecs = _vectors(comp, [], {("b:0", "c:0"): 0.85, ("a:0", "b:0"): 0.3})
    found = _omissions(comp, vecs)
    for f in found:
        said = {e.claim for e in f.evidence}
        assert not ("a:0" in said and said & {"b:0", "c:0"}), f.message  # two statements, two facts
    wall = next(f for f in found if {e.claim for e in f.evidence} == {"b:0", "c:0"})
    assert wall.details["carried_by"] == ["b", "c"]


def test_support_pieces_cut_a_group_at_its_lead():
    ok = {frozenset(p) for p in [("x", "y"), ("y", "z"), ("x", "z"), ("p", "q")]}
    pieces = support_pieces(["x", "p", "y", "q", "z"], lambda a, b: frozenset((a, b)) in ok)
    assert pieces == [["x", "y", "z"], ["p", "q"]]
    assert support_pieces(["x", "p"], lambda a, b: None) == [["x", "p"]]  # unknown: nothing to cut


def test_an_outlet_with_part_of_the_fact_lacks_the_detail_it_does_not_leave_it_out():
    crowd = Fact(kind="quantity", text="More than 200", start=0, end=13, normal="more than 200", value=200.0,
                 qualifier="more than", anchor="people")
    comp = _comp({
        "a": ["More than 200 people came to the hearing, which lasted six hours."],
        "b": ["More than 200 people attended the six-hour hearing."],
        "c": ["The council backed the levy 5-2 after a six-hour hearing full of farmers."],
    }, [("a:0", "b:0", 0.9)], facts={"a:0": (crowd,), "b:0": (crowd,)})
    vecs = _vectors(comp, [{"a:0", "b:0"}], {("a:0", "c:0"): 0.4})
    [f] = [f for f in _omissions(comp, vecs) if f.details["carried_by"] == ["a", "b"]]
    assert f.details["missing_from"] == []
    assert f.details["partial"] == {"c": {"claim": "c:0", "lacks": ["More than 200"]}}
    assert "C News reports it without “More than 200”" in f.message
    assert "does not" not in f.message


def test_an_outlet_with_part_of_the_fact_and_every_anchor_is_not_charged():
    comp = _comp({
        "a": ["Crews cleared the flooded rail tunnel overnight, officials said."],
        "b": ["Crews cleared the flooded rail tunnel overnight."],
        "c": ["By morning crews had cleared the rail tunnel, which had flooded."],
    }, [("a:0", "b:0", 0.9)])
    vecs = _vectors(comp, [{"a:0", "b:0"}], {("a:0", "c:0"): 0.4})
    assert [f for f in _omissions(comp, vecs) if f.details["carried_by"] == ["a", "b"]] == []


def test_a_short_fact_stated_by_its_shared_tally_is_one_fact_whatever_its_cosine():
    comp = _comp({
        "a": ["The final tally was 88-3."],
        "b": ["This followed an 88-3 vote hours earlier in the Senate."],
    }, [("a:0", "b:0", 0.1)])
    vecs = _vectors(comp, [], {("a:0", "b:0"): 0.3})
    assert _omissions(comp, vecs) == []
