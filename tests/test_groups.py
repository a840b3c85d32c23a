"""DisjointSet against a brute-force oracle; alignment components in reading order."""

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from comparator.groups import DisjointSet, alignment_components
from factories import make_comparison


def _oracle(n: int, edges: list[tuple[int, int]]) -> set[frozenset[int]]:
    """Components by repeated merging of overlapping sets (quadratic, obviously right)."""
    sets = [{i} for i in range(n)]
    for a, b in edges:
        sa = next(s for s in sets if a in s)
        sb = next(s for s in sets if b in s)
        if sa is not sb:
            sets.remove(sb)
            sa |= sb
    return {frozenset(s) for s in sets}


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # no timing on a shared machine
@given(st.integers(1, 30).flatmap(
    lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=40))))
def test_disjoint_set_matches_oracle(case):
    n, edges = case
    ds = DisjointSet(range(n))
    for a, b in edges:
        ds.union(a, b)
    assert {frozenset(g) for g in ds.groups().values()} == _oracle(n, edges)
    for root, members in ds.groups().items():
        assert root == min(members)  # deterministic roots


def test_alignment_components_reading_order():
    comp = make_comparison()
    groups = alignment_components(comp)
    assert ("alpha:1", "beta:0", "gamma:0") in groups
    assert ("alpha:3", "beta:2") in groups
    assert all("alpha:0" not in g for g in groups)  # boilerplate left out by default
    firsts = [g[0] for g in groups]
    assert firsts == sorted(firsts, key=lambda i: (["alpha", "beta", "gamma"].index(i.split(":")[0]), int(i.split(":")[1])))
    assert all(len(g) > 1 for g in alignment_components(comp, singletons=False))


# -- fact groups: no chaining ------------------------------------------------------

import dataclasses  # noqa: E402

from comparator.comparison import Comparison  # noqa: E402
from comparator.groups import FACT_SUPPORT, FactGroup, fact_groups  # noqa: E402
from comparator.types import Alignment, Article, Claim  # noqa: E402


def _chain_comparison(edges: list[tuple[str, str, float]], articles: str = "abcd") -> Comparison:
    arts = tuple(Article(id=a, outlet=a.upper(), text="x" * 40) for a in articles)
    claims = tuple(Claim(id=f"{a}:{i}", article=a, index=i, paragraph=0, text="x", start=i, end=i + 1)
                   for a in articles for i in range(3))
    als = tuple(Alignment(claims=(x, y), score=s, semantic=s, lexical=s) for x, y, s in edges)
    return Comparison(articles=arts, claims=claims, alignments=als)


def test_fact_groups_do_not_chain_unrelated_claims_through_a_bridge():
    """a-b, b-c, c-d: a chain of four claims; a and d share nothing."""
    comp = _chain_comparison([("a:0", "b:0", 0.9), ("b:0", "c:0", 0.8), ("c:0", "d:0", 0.7)])
    groups = {g.claims for g in fact_groups(comp, singletons=False)}
    assert ("a:0", "b:0", "c:0") in groups  # c is aligned with one of a, b: half of them
    assert ("d:0",) not in groups and not any("d:0" in g and "a:0" in g for g in groups)
    assert ("a:0", "b:0", "c:0", "d:0") not in groups


def test_fact_groups_complete_triangle_and_split_sentence():
    comp = _chain_comparison([("a:0", "b:0", 0.9), ("a:0", "c:0", 0.8), ("b:0", "c:0", 0.7),
                              ("a:1", "b:1", 0.6), ("a:1", "b:2", 0.6)])
    groups = fact_groups(comp, singletons=False)
    assert [g.claims for g in groups] == [("a:0", "b:0", "c:0"), ("a:1", "b:1", "b:2")]
    assert groups[0].articles == ("a", "b", "c") and groups[0].score == pytest.approx(0.8)
    assert [g.id for g in groups] == ["fact-1", "fact-2"]
    assert groups[0].to_dict()["claims"] == ["a:0", "b:0", "c:0"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcd"), st.integers(0, 2), st.sampled_from("abcd"),
                          st.integers(0, 2), st.floats(0.1, 1.0)), max_size=25))
def test_every_member_supports_its_fact_group(raw):
    edges = [(f"{a}:{i}", f"{b}:{j}", s) for a, i, b, j, s in raw if a != b]
    comp = _chain_comparison(edges)
    groups = fact_groups(comp)
    members = [cid for g in groups for cid in g.claims]
    assert sorted(members) == sorted(c.id for c in comp.claims)  # a partition
    linked = {frozenset((x, y)) for x, y, _ in edges}
    for g in groups:
        for m in g.claims:
            others = [o for o in g.claims if o[0] != m[0]]
            if others:
                assert sum(frozenset((m, o)) in linked for o in others) >= FACT_SUPPORT * len(others)
    assert fact_groups(dataclasses.replace(comp, alignments=comp.alignments[::-1])) == groups
    assert all(isinstance(g, FactGroup) for g in groups)
