"""DisjointSet against a brute-force oracle; alignment components in reading order."""

from hypothesis import given, strategies as st

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
