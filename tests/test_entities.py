"""Cross-outlet entities on the seed corpus (spaCy only, no embeddings) and on hand-written text."""

from __future__ import annotations

import json

import pytest

from comparator.comparison import Comparison
from comparator.config import Settings
from comparator.detect import Context
from comparator.entities import add_entities
from comparator.types import Article, Claim


def _prepare(articles):
    from comparator.claims import extract_claims
    from comparator.facts import attach_facts
    from comparator.nlp import parse_articles

    docs = parse_articles(articles)
    claims = tuple(c for a in articles for c in extract_claims(a, docs[a.id]))
    claims = attach_facts(claims, docs, articles)
    comp = Comparison(articles=tuple(articles), claims=claims)
    return add_entities(comp, Context(settings=Settings(), docs=docs))


@pytest.fixture(scope="module")
def seed(seed_dir):
    from comparator.load import load_articles

    return _prepare(load_articles([seed_dir]))


def _entity(comp, surface):
    hits = [e for e in comp.entities if surface == e.name or surface in e.aliases]
    assert len(hits) == 1, (surface, [(e.id, e.name, e.aliases) for e in comp.entities])
    return hits[0]


def test_mentions_are_exact_and_skip_boilerplate(seed):
    texts = {a.id: a.text for a in seed.articles}
    boiler = {c.id for c in seed.claims if c.boilerplate}
    for e in seed.entities:
        for m in e.mentions:
            assert texts[m.article][m.start:m.end] == m.text
            assert m.claim not in boiler
    assert [e.id for e in seed.entities] == [f"E{i:03d}" for i in range(1, len(seed.entities) + 1)]


def test_talwani_is_one_entity_across_outlets(seed):
    talwani = _entity(seed, "Indira Talwani")
    assert talwani.label == "PERSON"
    assert "Talwani" in talwani.aliases
    assert {m.article for m in talwani.mentions} == {a.id for a in seed.articles}
    assert all("Judge" not in m.text for m in talwani.mentions)  # titles stripped


@pytest.mark.parametrize("acronym, long_name", [
    ("ICE", "Immigration and Customs Enforcement"),
    ("IRS", "Internal Revenue Service"),
    ("DHS", "Department of Homeland Security"),
])
def test_agencies_are_one_entity(seed, acronym, long_name):
    ent = _entity(seed, acronym)
    assert ent is _entity(seed, long_name)
    assert {m.article for m in ent.mentions} == {a.id for a in seed.articles}
    assert ent.name == long_name


def test_surnames_link_to_full_names(seed):
    assert _entity(seed, "Kollar-Kotelly") is _entity(seed, "Colleen Kollar-Kotelly")
    assert _entity(seed, "Obama") is _entity(seed, "Barack Obama")
    assert _entity(seed, "Barack Obama") is not _entity(seed, "Bill Clinton")


def test_coverage_says_who_mentions_whom(seed):
    cov = seed.extras["entity_coverage"]
    assert list(cov) == [e.id for e in seed.entities]
    law = _entity(seed, "Tax Act of 1976")
    assert law.label == "LAW"
    row = cov[law.id]
    assert [r["outlet"] for r in row["mentioned_by"]] == ["Fox News"]
    assert [r["outlet"] for r in row["never_mentioned_by"]] == ["Daily Caller News Foundation"]
    json.dumps(cov)  # JSON-ready


def test_deterministic(seed, seed_dir):
    from comparator.load import load_articles

    again = _prepare(load_articles([seed_dir]))
    assert [e.to_dict() for e in again.entities] == [e.to_dict() for e in seed.entities]


def test_definition_in_parentheses_links_new_acronym():
    text_a = "The Federal Widget Bureau (FWB) fined Acme. Officials at FWB said so."
    text_b = "Regulators at the FWB fined Acme on Monday."
    arts = [Article(id="a", outlet="A", text=text_a), Article(id="b", outlet="B", text=text_b)]
    comp = _prepare(arts)
    bureau = _entity(comp, "FWB")
    assert bureau.name == "Federal Widget Bureau"
    assert {m.article for m in bureau.mentions} == {"a", "b"}


def test_claim_mentions_are_used_when_present():
    from comparator.types import Mention

    text = "Ms. Rivera met Rivera's staff."
    art = Article(id="a", outlet="A", text=text)
    claim = Claim(id="a:0", article="a", index=0, paragraph=0, text=text, start=0, end=len(text),
                  mentions=(Mention("Ms. Rivera", 0, 10, "PERSON"), Mention("Rivera's", 15, 23, "PERSON")))
    comp = add_entities(Comparison(articles=(art,), claims=(claim,)), Context(settings=Settings()))
    assert [(e.name, [m.text for m in e.mentions]) for e in comp.entities] == [("Rivera", ["Rivera", "Rivera"])]


@pytest.mark.slow
def test_seed_pipeline_entities(seed_comparison):
    comp = seed_comparison
    names = {e.name: e for e in comp.entities}
    talwani = [e for e in comp.entities if "Talwani" in (e.name,) + e.aliases]
    assert len(talwani) == 1
    assert {m.article for m in talwani[0].mentions} == {a.id for a in comp.articles}
    for long_name in ("Immigration and Customs Enforcement", "Internal Revenue Service",
                      "Department of Homeland Security"):
        assert long_name in names
        assert {m.article for m in names[long_name].mentions} == {a.id for a in comp.articles}
    assert "entity_coverage" in comp.extras
