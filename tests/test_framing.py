"""Framing detectors on small texts written for the tests, and the seed expectations end to end."""

from __future__ import annotations

import dataclasses

import pytest

from comparator.comparison import Comparison
from comparator.config import Settings
from comparator.detect import Context
from comparator.detect.emphasis import find_emphasis
from comparator.detect.framing import find_framing_labels
from comparator.detect.loaded import find_loaded_language
from comparator.detect.sourcing import find_sourcing
from comparator.detect.wording import find_wording
from comparator.framing import add_labels
from comparator.types import Alignment, Article, Claim
from tests.factories import make_comparison
from tests.test_labels import build


def _evidence_is_exact(comp, findings):
    for f in findings:
        assert f.id == ""
        for ev in f.evidence:
            assert comp.article(ev.article).text[ev.start:ev.end] == ev.text


def test_framing_label_per_entity_with_voice_and_speaker():
    comp, ctx = build({
        "a": "U.S. District Judge Maria Okafor, appointed by President Ronald Reagan, blocked the toll plan "
             "on Monday.\nThe Reagan judge said the toll ignored commuters.",
        "b": "U.S. District Judge Maria Okafor blocked the toll plan on Monday.\n"
             "\u201cThis activist judge has ignored the law,\u201d a city spokesperson said.",
    })
    comp = add_labels(comp, ctx)
    found = [f for f in find_framing_labels(comp, ctx) if f.entity]
    okafor = next(e.id for e in comp.entities if e.name == "Maria Okafor")
    assert [f.entity for f in found] == [okafor]
    f = found[0]
    assert f.severity == "warning"
    assert "A Post calls Okafor \u201cthe Reagan judge\u201d in its own voice" in f.message
    assert "B Post quotes a " in f.message
    assert "spokesperson calling Okafor \u201cthis activist judge\u201d" in f.message
    quoted = [d for d in f.details["labels"]["b"] if d["text"] == "This activist judge"][0]
    assert quoted["voice"] == "quoted" and quoted["category"] == "epithet"
    assert f.details["categories"] == ["epithet", "partisan_identity"]
    _evidence_is_exact(comp, found)


def test_same_labels_make_no_finding():
    comp, ctx = build({"a": "U.S. District Judge Maria Okafor blocked the toll plan on Monday.",
                       "b": "U.S. District Judge Maria Okafor halted the toll plan on Monday."})
    assert [f for f in find_framing_labels(add_labels(comp, ctx), ctx) if f.entity] == []


def test_group_terms_by_concept():
    comp, ctx = build({"a": "Officials detained 40 illegal aliens near the border on Friday.",
                       "b": "Officials detained 40 immigrants near the border on Friday."})
    found = [f for f in find_framing_labels(add_labels(comp, ctx), ctx) if f.entity is None]
    assert len(found) == 1
    f = found[0]
    assert f.details["concept"] == "immigrants"
    assert [t["text"] for t in f.details["terms"]["a"]] == ["illegal aliens"]
    assert [t["text"] for t in f.details["terms"]["b"]] == ["immigrants"]
    assert f.severity == "warning"  # a loaded term in one outlet's own voice only
    _evidence_is_exact(comp, found)


def test_loaded_language_voice_sets_severity():
    comp, ctx = build({"a": "The mayor slammed the toll plan on Monday.\n"
                            "\u201cIt is a disastrous plan,\u201d Mayor Dana Whitfield said.",
                       "b": "The mayor criticised the toll plan on Monday."})
    found = {f.details["term"]: f for f in find_loaded_language(comp, ctx)}
    assert found["slam"].severity == "warning" and found["slam"].evidence[0].voice == "authorial"
    assert found["disastrous"].severity == "info"
    assert found["disastrous"].evidence[0].voice == "quoted"
    assert "Whitfield" in found["disastrous"].message and "quotes" in found["disastrous"].message
    _evidence_is_exact(comp, found.values())


def _aligned(a: str, b: str):
    comp, ctx = build({"a": a, "b": b})
    al = Alignment(claims=("a:0", "b:0"), score=0.9, semantic=0.9, lexical=0.8)
    return dataclasses.replace(comp, alignments=(al,)), ctx


def test_wording_substitution_with_connotation():
    comp, ctx = _aligned("The mayor slammed the toll plan on Monday.", "The mayor criticised the toll plan on Monday.")
    found = find_wording(comp, ctx)
    assert [(f.evidence[0].text, f.evidence[1].text) for f in found] == [("slammed", "criticised")]
    _evidence_is_exact(comp, found)


@pytest.mark.parametrize("a, b", [
    ("On Monday the mayor criticised the plan.", "The mayor criticised the plan on Monday."),  # reordering
    ("The mayor criticised the plan on Monday.", "The mayor criticised the plan on Tuesday."),  # no connotation
])
def test_wording_ignores_reordering_and_neutral_swaps(a, b):
    comp, ctx = _aligned(a, b)
    assert find_wording(comp, ctx) == []


def test_wording_polarity_shift_without_lexicon_term():
    comp, ctx = _aligned("The council's plan will help drivers.", "The council's plan will hurt drivers.")
    found = find_wording(comp, ctx)
    assert [(f.evidence[0].text, f.evidence[1].text) for f in found] == [("help", "hurt")]
    assert found[0].details["polarity_shift"] == 2


def test_sourcing_on_hand_built_comparison():
    comp = make_comparison()
    ctx = Context(settings=Settings())
    found = find_sourcing(comp, ctx)
    messages = sorted(f.message for f in found)
    assert len(found) == 2
    assert messages[0].startswith("Only Alpha Daily quotes Rivera")
    assert messages[1].startswith("Only Beta News quotes a mayor's spokesperson")
    _evidence_is_exact(comp, found)


def test_sourcing_no_finding_when_every_outlet_quotes_the_source():
    comp, ctx = build({"a": "\u201cWe will appeal,\u201d Mayor Dana Whitfield said on Monday.",
                       "b": "\u201cThe city will appeal,\u201d Whitfield said."})
    comp = add_labels(comp, ctx)
    assert find_sourcing(comp, ctx) == []
    rows = comp.extras["sourcing"]
    assert {r["article"] for r in rows} == {"a", "b"} and len({r["source"] for r in rows}) == 1


def _four_sentence_outlets(ids, pairs) -> Comparison:
    """Outlets ``ids`` each with the text "One. Two. Three. Four." and the given aligned claim pairs."""
    texts = ["One.", "Two.", "Three.", "Four."]
    arts, claims = [], []
    for aid in ids:
        arts.append(Article(id=aid, outlet=aid.upper(), text=" ".join(texts)))
        pos = 0
        for i, t in enumerate(texts):
            claims.append(Claim(id=f"{aid}:{i}", article=aid, index=i, paragraph=0, text=t, start=pos,
                                end=pos + len(t)))
            pos += len(t) + 1
    return Comparison(articles=tuple(arts), claims=tuple(claims),
                      alignments=tuple(Alignment(claims=p, score=0.9, semantic=0.9, lexical=0.9) for p in pairs))


def test_emphasis_only_for_a_lede_reported_late_never_for_an_unaligned_one():
    comp = make_comparison()
    # each outlet's 2nd sentence is carried by nobody else, and the ledes lead everywhere: an unaligned
    # sentence may be paraphrased elsewhere, so "does not report it" is never said (omissions decide)
    assert find_emphasis(comp, Context(settings=Settings())) == []
    late = _four_sentence_outlets(("x", "y"), [("x:0", "y:3"), ("x:1", "y:1")])
    found = find_emphasis(late, Context(settings=Settings()))
    late_ones = [f for f in found if f.details["other_position"]]
    assert [(f.details["lead_article"], f.details["other_position"]) for f in found] == [("x", 4)]
    assert "reports it only in sentence 4 of 4" in late_ones[0].message


@pytest.mark.slow
def test_seed_framing_end_to_end(seed_comparison):
    comp = seed_comparison
    talwani = next(e for e in comp.entities if e.name.endswith("Talwani"))
    labels = [f for f in comp.findings if f.kind == "framing_label" and f.entity == talwani.id]
    assert len(labels) == 1
    f = labels[0]
    assert f.severity == "warning"
    dc = [d for d in f.details["labels"]["daily-caller"] if "Obama judge" in d["text"]]
    fox = [d for d in f.details["labels"]["fox-news"] if "activist judge" in d["text"]]
    assert dc and all(d["voice"] == "authorial" for d in dc)
    assert fox and fox[0]["voice"] == "quoted" and "spokesperson" in fox[0]["speaker"].lower()
    assert "calls Talwani \u201cthe Obama judge\u201d in its own voice" in f.message
    assert "Fox News quotes a DHS spokesperson calling Talwani \u201cthis activist judge\u201d" in f.message
    assert any(d["text"].lower() == "the obama judge" for d in comp.to_dict()["labels"])
    sourcing = [f for f in comp.findings if f.kind == "sourcing"]
    assert any("spokesperson" in f.message and f.details["quoted_by"] == ["fox-news"] for f in sourcing)
    assert not any(f.entity == talwani.id for f in sourcing)
    concepts = {f.details.get("concept") for f in comp.findings if f.kind == "framing_label" and not f.entity}
    assert "immigrants" in concepts
    loaded = {(f.details["term"], f.details["voice"]) for f in comp.findings if f.kind == "loaded_language"}
    assert ("activist judge", "quoted") in loaded and ("illegal migrant", "authorial") in loaded


def test_sourcing_table_joins_later_mentions_of_a_role():
    from comparator.framing import sourcing_table

    text = ('"We will appeal," a transit agency spokesperson said.\n"The ruling is wrong," the spokesperson added.')
    first = text.index("\n")
    art = Article(id="a", outlet="A Post", text=text)
    other = Article(id="b", outlet="B Post", text="The court ruled.")
    claims = (
        Claim(id="a:0", article="a", index=0, paragraph=0, text=text[:first], start=0, end=first,
              voice="quoted", speaker="transit agency spokesperson", quotes=((1, 16),)),
        Claim(id="a:1", article="a", index=1, paragraph=1, text=text[first + 1:], start=first + 1,
              end=len(text), voice="quoted", speaker="spokesperson", quotes=((first + 2, first + 20),)),
        Claim(id="b:0", article="b", index=0, paragraph=0, text=other.text, start=0, end=len(other.text)),
    )
    comp = Comparison(articles=(art, other), claims=claims)
    rows = sourcing_table(comp)
    assert [(r.speaker, r.quotes, r.quoted_chars, r.wordings) for r in rows] == [
        ("transit agency spokesperson", 2, 33, ("transit agency spokesperson", "spokesperson"))]
    found = find_sourcing(comp, Context(settings=Settings()))
    assert [f.message for f in found] == [
        "Only A Post quotes a transit agency spokesperson (2 quoted sentences); B Post does not."]


def test_plain_title_does_not_hide_a_loaded_label():
    comp, ctx = build({"a": "Judge Maria Okafor blocked the toll plan on Monday.",
                       "b": "Judge Maria Okafor blocked the toll plan on Monday.\n"
                            "\u201cThis activist judge is wrong,\u201d Mayor Dana Whitfield said."})
    found = [f for f in find_framing_labels(add_labels(comp, ctx), ctx) if f.entity]
    assert len(found) == 1 and found[0].severity == "info"  # loaded, but only in a quote
    assert [e.text for e in found[0].evidence] == ["This activist judge"]
    assert "A Post calls Okafor \u201cJudge\u201d in its own voice" in found[0].message


def test_series_of_outlets_reads_as_english():
    from comparator.detect import and_list

    assert and_list(["Fox News"]) == "Fox News"
    assert and_list(["Fox News", "HuffPost"]) == "Fox News and HuffPost"
    assert and_list(["Breitbart", "Fox News", "HuffPost"]) == "Breitbart, Fox News and HuffPost"


def test_emphasis_is_one_finding_per_lead_listing_every_late_outlet():
    comp = _four_sentence_outlets(("x", "y", "z"), [("x:0", "y:3"), ("x:0", "z:2")])
    found = [f for f in find_emphasis(comp, Context(settings=Settings())) if f.details["lead_article"] == "x"]
    assert len(found) == 1
    f = found[0]
    assert [d["article"] for d in f.details["late"]] == ["y", "z"]
    assert [e.claim for e in f.evidence] == ["x:0", "y:3", "z:2"]
    assert "Y reports it only in sentence 4 of 4 and Z in sentence 3 of 4." in f.message


def test_a_label_quoted_in_a_framing_count_is_the_words_it_counts():
    """An ordinal is not part of a label: "the first tenants" counts as "tenants", so the quoted
    text must be "tenants", never "first tenants" claimed three times when it appears once."""
    from comparator.framing.subjects import mentions

    comp, ctx = build({"a": "The first tenants moved into the tower on Monday.\nThe tenants said the rooms were cold."})
    for m in mentions(comp, ctx):
        assert m.text.lower().split()[0] != "first"
        assert m.text.lower().rstrip("s") == m.label.rstrip("s") or len(m.label.split()) > 1
