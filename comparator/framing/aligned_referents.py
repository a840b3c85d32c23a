"""Subjects named differently in claims that say the same thing: "the caravan" / "the migrants".

Head-noun vectors cannot tell that two outlets' words name one referent when the
words are not near-synonyms (MiniLM cosine: caravan / migrant 0.38, below
border / wall 0.52). The comparison's alignments can: when two outlets' claims
are aligned (they say the same thing) and each has exactly one subject mention
as its grammatical subject, with different head words, the two words name the
same thing in that event, as in cross-document coreference from parallel
sentences (Bagga & Baldwin, COLING 1998, use the shared context of two mentions
the same way). To keep precision, a pair is merged only when the outlets'
vocabularies are complementary: neither outlet ever uses the other's word, so
"caravan" (only in A) and "migrants" (only in B) merge, while "agents" and
"officers" that both outlets use side by side do not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.framing.subjects import Mention

#: Dependency labels of a claim's grammatical subject.
SUBJECT_ROLES = ("nsubj", "nsubjpass")


def merge_by_alignment(comp: "Comparison", ms: Sequence["Mention"], refs: Sequence[str | None]) -> list[str | None]:
    """``refs`` (one referent or None per mention) with referents merged through aligned claims.

    A mention without a referent takes part under its head word; after merging, a group is named by its
    concept (a referent that was already set) or else by its most frequent head, and mentions whose key
    merged with nothing keep their original referent (None stays None)."""
    if not comp.alignments:
        return list(refs)
    keys = [r if r is not None else m.head for m, r in zip(ms, refs)]
    used: dict[str, set[str]] = {}
    subjects: dict[str, list[int]] = {}
    for i, m in enumerate(ms):
        used.setdefault(m.article, set()).add(keys[i])
        if m.role in SUBJECT_ROLES and not m.headline:
            subjects.setdefault(m.claim, []).append(i)
    claim_article = {c.id: c.article for c in comp.claims}
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    for al in comp.alignments:
        ids = [c for c in al.claims if len(subjects.get(c, ())) == 1]
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                a, b = claim_article.get(ids[x]), claim_article.get(ids[y])
                ka, kb = keys[subjects[ids[x]][0]], keys[subjects[ids[y]][0]]
                if a is None or b is None or a == b or ka == kb:
                    continue
                if kb in used.get(a, ()) or ka in used.get(b, ()):
                    continue  # both outlets use both words: two things, or no contrast
                ra, rb = find(ka), find(kb)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    if not parent:
        return list(refs)
    concepts = {r for r in refs if r is not None}
    size = Counter(keys)
    groups: dict[str, list[str]] = {}
    for k in set(keys):
        groups.setdefault(find(k), []).append(k)
    name: dict[str, str] = {}
    for root, members in groups.items():
        if len(members) < 2:
            continue
        named = sorted(k for k in members if k in concepts)
        name[root] = named[0] if named else max(sorted(members), key=lambda k: size[k])
    return [name.get(find(k), r) for k, r in zip(keys, refs)]
