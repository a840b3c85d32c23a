"""Ranking of status contradictions (review 2): a status whose span holds the other side's verb
("arrested" / "No one has been arrested") is ranked, and a rewording of the very words of a status
contradiction ("approved" -> "rejected") is folded under it, not listed as a second item."""

from __future__ import annotations

import dataclasses

from comparator.render.overview import overview
from comparator.types import Evidence, Finding
from factories import make_comparison


def _ev(comp, claim_id, phrase):
    c = comp.claim(claim_id)
    start = comp.article(c.article).text.index(phrase, c.start)
    return Evidence(article=c.article, claim=c.id, text=phrase, start=start, end=start + len(phrase),
                    voice=c.voice, speaker=c.speaker)


def _status(comp, a_phrase, b_phrase):
    return Finding(id="divergent_fact-009", kind="divergent_fact", severity="warning", confidence=0.8,
                   message="Alpha says one thing; Beta the opposite.",
                   evidence=(_ev(comp, "alpha:1", a_phrase), _ev(comp, "beta:0", b_phrase)),
                   details={"type": "status", "fact": "status", "status": ["arrested", "arrested"]})


def test_a_status_whose_span_holds_the_other_verb_is_ranked():
    comp = make_comparison()
    f = _status(comp, "Monday", "the toll hike on Monday")  # one span inside the other, like a negated status
    comp = dataclasses.replace(comp, findings=(*comp.findings, f))
    assert "divergent_fact-009" in [r.finding for r in overview(comp).ranked]


def test_a_rewording_of_a_status_contradiction_is_folded_under_it():
    comp = make_comparison()
    wa, wb = comp.claim("alpha:1").text.split()[1], comp.claim("beta:0").text.split()[1]
    f = _status(comp, wa, wb)
    wording = Finding(id="wording-009", kind="wording", severity="info", confidence=0.9, message="w",
                      evidence=(_ev(comp, "alpha:1", wa), _ev(comp, "beta:0", wb)))
    comp = dataclasses.replace(comp, findings=(*comp.findings, f, wording))
    ranked = overview(comp).ranked
    assert "wording-009" not in [r.finding for r in ranked]
    assert "wording-009" in next(r.also for r in ranked if r.finding == "divergent_fact-009")
