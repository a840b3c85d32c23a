"""Label extraction per entity: appositives, relative clauses, roles, predicates, anaphora, voice."""

from __future__ import annotations

import pytest

from comparator.comparison import Comparison
from comparator.config import Settings
from comparator.detect import Context
from comparator.framing import add_labels, extract_labels
from comparator.types import Article


def build(texts: dict[str, str]) -> tuple[Comparison, Context]:
    """Articles -> spaCy -> claims -> entities, as the pipeline does (no embeddings)."""
    from comparator.claims import extract_claims
    from comparator.entities import add_entities
    from comparator.nlp import parse_articles

    articles = tuple(Article(id=k, outlet=k.title() + " Post", text=v) for k, v in texts.items())
    docs = parse_articles(articles)
    claims = tuple(c for a in articles for c in extract_claims(a, docs[a.id]))
    comp = Comparison(articles=articles, claims=claims)
    ctx = Context(settings=Settings(), docs=docs)
    return add_entities(comp, ctx), ctx


def labels_for(comp, ctx, surname):
    ent = next(e for e in comp.entities if e.name.endswith(surname))
    return [lab for lab in extract_labels(comp, ctx) if lab.entity == ent.id]


def test_appositive_role_and_relative_clause():
    comp, ctx = build({"a": (
        "Federal Judge Maria Okafor, appointed to the court by President George Bush, halted the toll plan on "
        "Monday.\nMayor Dana Whitfield, who was elected in 2019, said the city would appeal.")})
    okafor = {(lab.kind, lab.text) for lab in labels_for(comp, ctx, "Okafor")}
    assert ("role", "Federal Judge") in okafor
    assert ("appositive", "appointed to the court by President George Bush") in okafor
    whitfield = {(lab.kind, lab.text) for lab in labels_for(comp, ctx, "Whitfield")}
    assert ("relative_clause", "who was elected in 2019") in whitfield
    assert ("role", "Mayor") in whitfield
    appointed = next(lab for lab in labels_for(comp, ctx, "Okafor") if lab.kind == "appositive")
    assert appointed.category == "appointment"
    assert comp.article("a").text[appointed.start:appointed.end] == appointed.text


def test_predicate_nominal():
    comp, ctx = build({"a": "Judge Maria Okafor blocked the toll plan.\nMaria Okafor is a former public defender."})
    assert ("predicate", "a former public defender") in {(l.kind, l.text) for l in labels_for(comp, ctx, "Okafor")}


def test_anaphora_resolves_by_modifier_then_recency():
    comp, ctx = build({"a": (
        "U.S. District Judge Maria Okafor, appointed by President Ronald Reagan, blocked the toll plan.\n"
        "U.S. District Judge Paul Brennan, appointed by President Jimmy Carter, ruled on a related case.\n"
        "The Reagan judge said the plan ignored commuters.\n"
        "Brennan wrote a separate order. This unusual judge cited no precedent.")})
    labels = extract_labels(comp, ctx)
    names = {e.id: e.name for e in comp.entities}
    anaphors = {lab.text: names[lab.entity] for lab in labels if lab.kind == "anaphor"}
    assert anaphors["The Reagan judge"] == "Maria Okafor"  # modifier "Reagan" beats recency (Brennan)
    assert anaphors["This unusual judge"] == "Paul Brennan"  # most recently mentioned judge
    reagan = next(lab for lab in labels if lab.text == "The Reagan judge")
    assert reagan.category == "partisan_identity"


def test_label_inside_a_quote_is_quoted_with_speaker():
    comp, ctx = build({"a": (
        "Judge Maria Okafor halted the toll plan on Monday, angering Mayor Dan Reyes.\n"
        "\u201cThis activist judge has ignored the law,\u201d the mayor said.\n"
        "The mayor later criticised this rogue judge in a statement.")})
    labels = {lab.text: lab for lab in labels_for(comp, ctx, "Okafor")}
    quoted = labels["This activist judge"]
    assert quoted.voice == "quoted" and quoted.kind == "anaphor"
    assert quoted.speaker == "Dan Reyes"  # "the mayor" alone would be a bare role: unattributed
    assert quoted.category == "epithet"
    own = labels["this rogue judge"]
    assert own.voice == "authorial" and own.speaker is None


def test_names_are_not_labels():
    comp, ctx = build({"a": "The Internal Revenue Service (IRS) shared data with Immigration and Customs "
                            "Enforcement (ICE), the agency said."})
    texts = {lab.text for lab in extract_labels(comp, ctx)}
    assert not texts & {"IRS", "ICE", "Internal Revenue Service", "Immigration and Customs Enforcement"}


def test_add_labels_fills_extras():
    comp, ctx = build({"a": "Federal Judge Maria Okafor halted the plan.\n\u201cWe will appeal,\u201d "
                            "Mayor Dana Whitfield said.",
                       "b": "Judge Maria Okafor stopped the plan."})
    out = add_labels(comp, ctx)
    assert any(d["text"] == "Federal Judge" for d in out.extras["labels"])
    for d in out.extras["labels"]:
        assert out.article(d["article"]).text[d["start"]:d["end"]] == d["text"]
        assert out.claim(d["claim"]).start <= d["start"] < d["end"] <= out.claim(d["claim"]).end
    rows = out.extras["sourcing"]
    assert [(r["speaker"], r["article"], r["quotes"]) for r in rows] == [("Dana Whitfield", "a", 1)]


@pytest.mark.parametrize("text", ["", "No names here at all."])
def test_no_entities_no_labels(text):
    comp, ctx = build({"a": text or "Nothing."})
    assert extract_labels(comp, ctx) == ()


def test_labels_round_trip_through_extras():
    from comparator.framing import label_from_dict, labels_of

    comp, ctx = build({"a": "Federal Judge Maria Okafor halted the plan. The Reagan judge ruled fast."})
    out = add_labels(comp, ctx)
    restored = tuple(label_from_dict(d) for d in out.extras["labels"])
    assert restored == extract_labels(comp, ctx)
    fresh = Context(settings=Settings(), docs=ctx.docs)
    assert labels_of(out, fresh) == restored
