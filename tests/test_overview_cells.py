"""Key-facts matrix cells rest on what each outlet's sentence says (invented text, hand-built
comparisons): "differs" only for the odd value out, "reports" only for a sentence that says the fact."""

from __future__ import annotations

import dataclasses

from comparator.render.overview import overview
from comparator.types import Evidence, Finding
from test_omission_carriers import _comp


def _diverge(comp, n, a, b, va, vb, ta, tb):
    ev = []
    for cid, t in ((a, ta), (b, tb)):
        c = comp.claim(cid)
        lo = comp.article(c.article).text.index(t, c.start)
        ev.append(Evidence(article=c.article, claim=cid, text=t, start=lo, end=lo + len(t)))
    return Finding(id=f"divergent_fact-{n:03d}", kind="divergent_fact", severity="warning", confidence=0.9,
                   message=f"{a} says {ta}; {b} says {tb}.", evidence=tuple(ev),
                   details={"type": "number", "kind": "money", "normal": [va, vb]})


def _cells(comp, claim_id):
    row = next(k for k in overview(comp).key_facts if claim_id in k.claims)
    return {c.article: c.state for c in row.cells}


def _cost_comp(values: dict[str, str]):
    ids = list(values)
    comp = _comp({a: [f"The repairs will cost {v} million, the port said."] for a, v in values.items()},
                 [(f"{x}:0", f"{y}:0", 0.9) for i, x in enumerate(ids) for y in ids[i + 1:]])
    findings, n = [], 0
    for i, x in enumerate(ids):
        for y in ids[i + 1:]:
            if values[x] != values[y]:
                n += 1
                findings.append(_diverge(comp, n, f"{x}:0", f"{y}:0", f"USD {values[x]}", f"USD {values[y]}",
                                         f"{values[x]} million", f"{values[y]} million"))
    return dataclasses.replace(comp, findings=tuple(findings))


def test_only_the_odd_value_out_is_marked_differs():
    comp = _cost_comp({"a": "$7.5", "b": "$6.5", "c": "$6.5", "d": "$6.5"})
    assert _cells(comp, "a:0") == {"a": "differs", "b": "reports", "c": "reports", "d": "reports"}


def test_a_tie_marks_both_sides_differs():
    comp = _cost_comp({"a": "$7.5", "b": "$6.5", "c": "$7.5", "d": "$6.5"})
    assert set(_cells(comp, "a:0").values()) == {"differs"}


def test_a_reports_cell_rests_on_a_sentence_that_says_the_fact():
    comp = _comp({
        "a": ["Ada Holm, a geologist at Rift College, said the cliff had moved two metres in a year."],
        "b": ["Ada Holm, a geologist at Rift College, said the cliff had shifted two metres in twelve months."],
        "c": ["Ada Holm, a geologist at Rift College, said the sea wall was built too low."],
    }, [("a:0", "b:0", 0.9), ("a:0", "c:0", 0.8), ("b:0", "c:0", 0.8)])
    als = tuple(dataclasses.replace(al, semantic=0.3) if "c:0" in al.claims else al for al in comp.alignments)
    comp = dataclasses.replace(comp, alignments=als)
    cells = _cells(comp, "a:0")
    assert cells["a"] == cells["b"] == "reports"
    assert cells["c"] != "reports"


def test_an_omission_of_another_statement_in_the_group_is_not_charged_in_this_row():
    comp = _comp({
        "a": ["Ada Holm, a geologist at Rift College, said the cliff had moved two metres in a year."],
        "b": ["Ada Holm, a geologist at Rift College, said the cliff had shifted two metres in twelve months."],
        "c": ["Ada Holm, a geologist at Rift College, said the sea wall was built too low.", "Rain fell."],
        "d": ["The council met on Monday."],
    }, [("a:0", "b:0", 0.9), ("a:0", "c:0", 0.8), ("b:0", "c:0", 0.8)])
    als = tuple(dataclasses.replace(al, semantic=0.3) if "c:0" in al.claims else al for al in comp.alignments)
    c0 = comp.claim("c:0")
    wall = Finding(id="omission-001", kind="omission", severity="info", confidence=0.9,
                   message="Only C News reports: the sea wall (D News does not).",
                   evidence=(Evidence(article="c", claim="c:0", text=c0.text, start=c0.start, end=c0.end),),
                   details={"carried_by": ["c"], "missing_from": ["d"]})
    comp = dataclasses.replace(comp, alignments=als, findings=(wall,))
    cells = _cells(comp, "a:0")
    assert cells["a"] == cells["b"] == "reports"
    assert cells["d"] == "not_matched"  # D is charged with the wall, another fact, not with the cliff
