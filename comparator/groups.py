"""Grouping by equivalence: a small disjoint-set (union-find) and alignment components."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, Hashable, Iterable, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison

K = TypeVar("K", bound=Hashable)


class DisjointSet(Generic[K]):
    """Union-find with path halving; the smaller key becomes the root, so results are deterministic."""

    def __init__(self, items: Iterable[K] = ()) -> None:
        self.parent: dict[K, K] = {}
        for item in items:
            self.find(item)

    def __contains__(self, item: object) -> bool:
        return item in self.parent

    def find(self, item: K) -> K:
        parent = self.parent
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: K, b: K) -> K:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)  # type: ignore[operator]
            self.parent[hi] = lo
            return lo
        return ra

    def groups(self) -> dict[K, list[K]]:
        """Root -> members, members in insertion order."""
        out: dict[K, list[K]] = {}
        for item in self.parent:
            out.setdefault(self.find(item), []).append(item)
        return out


def alignment_components(comp: "Comparison", *, include_boilerplate: bool = False,
                         singletons: bool = True) -> list[tuple[str, ...]]:
    """Claim ids joined by chains of alignments, each in reading order (article order, index).

    Components are sorted by their first claim. ``singletons`` keeps claims that
    align with nothing as one-claim groups.
    """
    claims = [c for c in comp.claims if include_boilerplate or not c.boilerplate]
    sets: DisjointSet[str] = DisjointSet(c.id for c in claims)
    for al in comp.alignments:
        ids = [i for i in al.claims if i in sets]
        for other in ids[1:]:
            sets.union(ids[0], other)
    order = {a.id: n for n, a in enumerate(comp.articles)}
    position = {c.id: (order.get(c.article, len(order)), c.index) for c in claims}
    groups = [tuple(sorted(members, key=position.__getitem__)) for members in sets.groups().values()]
    if not singletons:
        groups = [g for g in groups if len(g) > 1]
    return sorted(groups, key=lambda g: position[g[0]])
