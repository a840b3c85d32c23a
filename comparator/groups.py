"""Grouping claims: a small disjoint-set (union-find), alignment components, and fact groups.

:func:`alignment_components` joins claims by chains of alignments (for display rows);
:func:`fact_groups` groups them into facts without chaining (for omissions and
divergences: every member must support the group).
"""

from __future__ import annotations

from dataclasses import dataclass
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


#: A claim joins a fact group only if it is aligned with at least this share of the group's
#: claims from other articles (1.0 would be complete linkage; 0.5 lets a triangle miss one edge
#: but stops chains: in A-B-C-D, A is aligned with one of three).
FACT_SUPPORT = 0.5


@dataclass(frozen=True)
class FactGroup:
    """Claims of one or more articles that report one fact (no chaining: every member supports it).

    ``claims`` are ids in reading order (article order, then index); ``articles``
    the ids of the articles that carry the fact, in article order; ``score`` the
    mean score of the alignments inside the group (0 for a one-claim group).
    """

    id: str  # "fact-1", ... in reading order of the first claim
    claims: tuple[str, ...]
    articles: tuple[str, ...]
    score: float

    def to_dict(self) -> dict:
        return {"id": self.id, "claims": list(self.claims), "articles": list(self.articles),
                "score": round(self.score, 4)}


def _supported(members: set[str], article: dict[str, str], edges: dict[str, set[str]],
               support: float) -> bool:
    for m in members:
        others = [o for o in members if article[o] != article[m]]
        if others and len(edges.get(m, set()).intersection(others)) < support * len(others):
            return False
    return True


def fact_groups(comp: "Comparison", *, include_boilerplate: bool = False, singletons: bool = True,
                support: float = FACT_SUPPORT) -> tuple[FactGroup, ...]:
    """Group aligned claims into facts without chaining unrelated claims through one bridge.

    Alignments are taken strongest first (score, then claim ids); two groups merge
    only if, in the merged group, every claim is aligned with at least ``support``
    of its members from other articles (a density form of complete linkage). Each
    claim belongs to exactly one group; ``singletons`` keeps one-claim groups.
    Deterministic: the same comparison gives the same groups and ids.
    """
    claims = [c for c in comp.claims if include_boilerplate or not c.boilerplate]
    article = {c.id: c.article for c in claims}
    order = {a.id: n for n, a in enumerate(comp.articles)}
    position = {c.id: (order.get(c.article, len(order)), c.index) for c in claims}
    edges: dict[str, set[str]] = {}
    scores: dict[frozenset[str], float] = {}
    pairs = []
    for al in comp.alignments:
        ids = [i for i in al.claims if i in article]
        for x, a in enumerate(ids):
            for b in ids[x + 1:]:
                if article[a] == article[b]:
                    continue
                edges.setdefault(a, set()).add(b)
                edges.setdefault(b, set()).add(a)
                key = frozenset((a, b))
                scores[key] = max(scores.get(key, 0.0), al.score)
                pairs.append((a, b) if position[a] <= position[b] else (b, a))
    group_of = {c.id: frozenset([c.id]) for c in claims}
    for a, b in sorted(set(pairs), key=lambda p: (-scores[frozenset(p)], position[p[0]], position[p[1]])):
        ga, gb = group_of[a], group_of[b]
        if ga is gb or ga == gb:
            continue
        merged = ga | gb
        if _supported(set(merged), article, edges, support):
            for m in merged:
                group_of[m] = merged
    seen: set[frozenset[str]] = set()
    out = []
    for c in sorted(claims, key=lambda c: position[c.id]):
        g = group_of[c.id]
        if g in seen or (len(g) == 1 and not singletons):
            continue
        seen.add(g)
        members = tuple(sorted(g, key=position.__getitem__))
        inner = sorted(s for k, s in scores.items() if k <= g)
        arts = tuple(sorted({article[m] for m in members}, key=lambda a: order.get(a, len(order))))
        out.append(FactGroup(id=f"fact-{len(out) + 1}", claims=members, articles=arts,
                             score=float(sum(inner) / len(inner)) if inner else 0.0))
    return tuple(out)
