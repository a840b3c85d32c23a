"""The first-screen view (comparator.render.overview / ranking / source_types): model-free, deterministic."""

from __future__ import annotations

import dataclasses

import pytest

from comparator.render.overview import overview
from comparator.render.ranking import KIND_WEIGHT, LEAD_BONUS, rank_differences, same_difference
from comparator.render.source_types import classify_speaker
from comparator.types import Evidence, Finding
from factories import make_comparison


def _with(comp, *findings):
    return dataclasses.replace(comp, findings=(*comp.findings, *findings))


def _ev(comp, claim_id, phrase=None):
    c = comp.claim(claim_id)
    start = c.start if phrase is None else comp.article(c.article).text.index(phrase, c.start)
    end = c.end if phrase is None else start + len(phrase)
    return Evidence(article=c.article, claim=c.id, text=comp.article(c.article).text[start:end], start=start,
                    end=end, voice=c.voice, speaker=c.speaker)


def test_score_is_the_documented_formula_and_lead_facts_rank_first():
    comp = make_comparison()
    lead = Finding(id="divergent_fact-002", kind="divergent_fact", severity="error", confidence=0.6,
                   message="Alpha says Monday; Beta says Tuesday.",
                   evidence=(_ev(comp, "alpha:1", "on Monday"), _ev(comp, "beta:0", "Judge Rivera")),
                   details={"type": "date", "fact": "date", "normal": ["mon", "tue"]})
    view = overview(_with(comp, lead))
    first = view.ranked[0]
    assert first.finding == "divergent_fact-002"
    assert first.score == pytest.approx((KIND_WEIGHT["divergent_fact"] + LEAD_BONUS) * (0.5 + 0.5 * 0.6), abs=1e-4)
    assert first.reason == "Outlets disagree on a lead fact (date)"
    assert [r.rank for r in view.ranked] == list(range(1, len(view.ranked) + 1))


def test_ties_break_deterministically_whatever_the_input_order():
    comp = make_comparison()
    twins = [Finding(id=f"wording-00{i}", kind="wording", severity="info", confidence=0.5, message=f"w{i}",
                     evidence=(_ev(comp, cid),)) for i, cid in ((1, "beta:2"), (2, "alpha:3"))]
    a = overview(_with(comp, *twins)).ranked
    b = overview(_with(comp, *reversed(twins))).ranked
    assert [r.finding for r in a] == [r.finding for r in b]
    wordings = [r.finding for r in a if r.kind == "wording"]
    assert wordings == ["wording-002", "wording-001"]  # alpha (first article) before beta


def test_the_same_difference_between_other_outlets_is_collapsed():
    comp = make_comparison()
    base = comp.findings[0]
    again = dataclasses.replace(base, id="divergent_fact-002", details={"type": "number", "normal": ["14", "12"]},
                                evidence=(_ev(comp, "beta:2", "14 dollars"),))
    comp = _with(dataclasses.replace(comp, findings=(dataclasses.replace(
        base, details={"type": "number", "normal": ["12", "14"]}), *comp.findings[1:])), again)
    assert same_difference(comp.findings[0]) == same_difference(again)
    ranked = overview(comp).ranked
    assert [r.finding for r in ranked if r.kind == "divergent_fact"] == ["divergent_fact-001"]
    assert ranked[0].also == ("divergent_fact-002",)


def test_per_kind_cap_lets_other_kinds_in():
    comp = make_comparison()
    many = [Finding(id=f"divergent_fact-{i:03d}", kind="divergent_fact", severity="error", confidence=0.9,
                    message=f"d{i}", evidence=(), details={"type": "number", "normal": [str(i), "x"]})
            for i in range(2, 12)]
    ranked = overview(_with(comp, *many)).ranked
    assert len(ranked) == 10
    assert sum(r.kind == "divergent_fact" for r in ranked) == 9  # 4 while others wait, then filled by score
    assert "framing_label-001" in [r.finding for r in ranked]


def test_omission_carried_by_most_is_ranked_and_charged_in_the_matrix():
    comp = make_comparison()
    missing = Finding(id="omission-002", kind="omission", severity="info", confidence=0.8,
                      message="Alpha Daily and Beta News report the toll; Gamma Wire does not.",
                      evidence=(_ev(comp, "alpha:3"), _ev(comp, "beta:2")),
                      details={"carried_by": ["alpha", "beta"], "missing_from": ["gamma"]})
    view = overview(_with(comp, missing))
    item = next(r for r in view.ranked if r.finding == "omission-002")
    assert item.reason == "2 of 3 outlets report a fact that Gamma Wire leaves out"
    fact = next(k for k in view.key_facts if k.id == "fact-3")
    assert [c.state for c in fact.cells] == ["differs", "differs", "does_not"]
    assert fact.cells[2].finding == "omission-002"
    gamma = next(p for p in view.outlets if p.article == "gamma")
    assert gamma.leaves_out == ("omission-002",)
    assert "It leaves out 1 fact most others carry: “Alpha Daily and Beta News" not in gamma.paragraph
    assert "It leaves out 1 fact most others carry: “The toll would have risen to 12 dollars in March”" \
        in gamma.paragraph


def test_counts_are_one_set():
    view = overview(make_comparison())
    assert view.counts.to_dict() == {"articles": 3, "sentences": 8, "facts": 5, "shared_facts": 2,
                                     "findings": 3, "ranked": 2}
    assert make_comparison().to_dict()["overview"]["counts"] == view.counts.to_dict()


def test_overview_is_byte_stable():
    assert make_comparison().to_json() == make_comparison().to_json()


@pytest.mark.parametrize("wordings, roles, kind", [
    (["a DHS spokesperson"], [], "officials"),
    (["Sen. Ana Ruiz"], [], "politicians"),
    (["police chief Mark Dale"], [], "law_enforcement"),
    (["Professor Lin Wei"], [], "experts"),
    (["Maria Delgado of the Eastside Neighbors Association"], [], "advocates"),
    (["a company spokeswoman"], [], "companies"),
    (["a longtime resident"], [], "affected_people"),
    (["Indira Talwani"], ["U.S. District Judge"], "officials"),
    (["Indira Talwani"], [], "other"),  # a bare name is never guessed
    (["union president Joe Park"], [], "advocates"),
])
def test_source_types_from_role_words(wordings, roles, kind):
    assert classify_speaker(wordings, roles) == kind


def test_unattributed_quotes_are_counted_as_such():
    comp = make_comparison()
    claims = tuple(dataclasses.replace(c, speaker=None) if c.id == "beta:1" else c for c in comp.claims)
    view = overview(dataclasses.replace(comp, claims=claims))
    beta = next(p for p in view.outlets if p.article == "beta")
    assert dict(beta.sources) == {"unattributed": 1}
    assert "1 quoted sentence is unattributed." in beta.paragraph


def test_rank_differences_needs_no_findings():
    comp = dataclasses.replace(make_comparison(), findings=())
    assert rank_differences(comp, (), {}, {}) == ()


def test_a_divergence_whose_spans_read_the_same_is_not_ranked():
    comp = make_comparison()
    same = Finding(id="divergent_fact-002", kind="divergent_fact", severity="error", confidence=0.99,
                   message="Alpha Daily says Monday; Beta News says Monday.",
                   evidence=(_ev(comp, "alpha:1", "Monday"), _ev(comp, "beta:0", "Monday")),
                   details={"type": "date", "normal": ["2025-03-03", "2025-03-10"]})
    assert "divergent_fact-002" not in [r.finding for r in overview(_with(comp, same)).ranked]


def test_a_role_in_an_appositive_after_the_name_classifies_the_speaker():
    from comparator.render.source_types import appositives

    texts = ["Samir Haddad, director of the Harbor Refugee Coalition, said 60 volunteers signed up.",
             "Joan Pike, who has lived on Harbor Street for 30 years, said she was worried."]
    assert appositives("Samir Haddad", texts) == ["director of the Harbor Refugee Coalition"]
    assert classify_speaker(["Samir Haddad"], appositives("Samir Haddad", texts)) == "advocates"
    assert classify_speaker(["Joan Pike"], appositives("Joan Pike", texts)) == "other"  # no role word


def test_a_role_label_decides_before_an_appositive_naming_someone_else():
    from comparator.render.source_types import entity_roles

    labels = [{"entity": "E2", "kind": "appositive", "text": "appointed to the bench by President Barack Obama"},
              {"entity": "E2", "kind": "role", "text": "U.S. District Judge"}]
    roles = entity_roles(labels)["E2"]
    assert roles[0] == "U.S. District Judge"
    assert classify_speaker(["Indira Talwani"], roles) == "officials"


def test_leaves_out_needs_more_than_half_of_the_other_outlets():
    from test_render_html import five_outlets

    comp = five_outlets(5)  # alpha, beta, gamma, extra1, extra2
    two = Finding(id="omission-002", kind="omission", severity="info", confidence=0.8, message="two carry it",
                  evidence=(_ev(comp, "alpha:3"), _ev(comp, "beta:2")),
                  details={"carried_by": ["alpha", "beta"], "missing_from": ["gamma", "extra1", "extra2"]})
    three = dataclasses.replace(two, id="omission-003", message="three carry it",
                                details={"carried_by": ["alpha", "beta", "extra1"],
                                         "missing_from": ["gamma", "extra2"]})
    gamma = next(p for p in overview(_with(comp, two, three)).outlets if p.article == "gamma")
    assert gamma.leaves_out == ("omission-003",)  # 3 of the 4 others, not 2 of 4
