"""People named differently in different slots of one statement: when two names can be one person (issue 12).

Read from spaCy's dependency parse of each claim: the same role noun describing the only person of each
claim ("Ms Quillan, the chief financial officer" / "Ms Ortega, its chief financial
officer"), the passive subject and the
active object of one verb ("Tomas Reyes was found" / "police found Delgado"), and full names sharing a given name
("J. Ellis Norwood" / "Ellis Hartley"). Used by :func:`comparator.detect.sameness.same_thing`.
"""

from __future__ import annotations

from typing import Any

from comparator.detect.roles import PERSONAL, Side
from comparator.facts.names import name_key, same_given
from comparator.types import Fact

__all__ = ["descriptions", "passive_object", "same_description", "share_given"]


def _tokens(side: Side, fact: Fact) -> list[Any]:
    if side.span is None:
        return []
    return [t for t in side.span if fact.start <= t.idx < fact.end]


def _people(side: Side) -> list[Fact]:
    return [f for f in side.claim.facts if f.kind == "name" and f.unit in PERSONAL]


def share_given(kx: list[str], ky: list[str]) -> bool:
    """Whether two full names (name keys split in words) share a given name: the first words match
    (:func:`same_given`), or any other non-initial word before the surname is one name ("J. Ellis Norwood" /
    "Ellis Hartley", "Daughter Lena Voss" / "Lena Marsh")."""
    if same_given(kx[0], ky[0]):
        return True
    gx = {w for w in kx[:-1] if len(w.rstrip(".")) > 1}
    gy = {w for w in ky[:-1] if len(w.rstrip(".")) > 1}
    return bool(gx & gy)


#: nouns that describe anyone: no evidence that two descriptions name one person
_GENERIC_ROLES = frozenset({"man", "woman", "person", "people", "mr", "ms", "mrs", "one", "member", "resident",
                            "official", "democrat", "republican", "year", "age", "former", "new", "chief",
                            "senior", "top", "local", "other", "deputy", "acting", "interim", "first", "retired"})


def descriptions(side: Side, fact: Fact) -> set[str]:
    """Role nouns a person's name is apposed to or modified by, in lemmas: "the board's chairman, retired
    Adm. Jon X" and "Jonathan Y Jr., the board chairman" -> {"chairman", ...}; "her owner Ada X" -> {"owner"}.

    Lower-case common nouns only (capitalised titles such as "Justice" or "Senator" are shared by many
    people); read from the dependency parse (appos, compound, and the noun the name is apposed to)."""
    toks = _tokens(side, fact)
    if not toks:
        return set()
    root = max(toks, key=lambda t: t.i if t.head not in toks else -1)
    near = [c for c in root.children if c.dep_ in ("appos", "compound") and c not in toks]
    if root.dep_ == "appos" and root.head not in toks:
        near.append(root.head)
    out = set()
    for n in near:
        for w in n.subtree:
            if w.i <= n.i and w.text.islower() and w not in toks and (
                    w.pos_ == "NOUN" or w.pos_ == "ADJ" and w.dep_ in ("amod", "compound") and w.head.pos_ == "NOUN"):
                out.add(w.lemma_.lower())  # "chief financial officer": "financial" is tagged ADJ
    return out - _GENERIC_ROLES


def same_description(a: Side, x: Fact, b: Side, y: Fact) -> bool:
    """Two people, each the only person of a close statement, described by the same role noun ("Ms Quillan, the
    chief financial officer" / "Ms Ortega, its chief financial officer"): compared (the role score decides) whatever slot
    each name fills. Two full names with other given names are never compared."""
    if x.unit not in PERSONAL or y.unit not in PERSONAL or len(_people(a)) != 1 or len(_people(b)) != 1:
        return False
    kx, ky = name_key(str(x.value)).split(), name_key(str(y.value)).split()
    if len(kx) >= 2 and len(ky) >= 2 and not share_given(kx, ky) and len(kx[0].rstrip(".")) > 1 \
            and len(ky[0].rstrip(".")) > 1 and kx[0][0] != ky[0][0]:
        return False  # "Ruth Bader Ginsburg" / "Stephen Breyer": two people
    return bool(descriptions(a, x) & descriptions(b, y))


def passive_object(a: Side, x: Fact, b: Side, y: Fact) -> bool:
    """The subject of a passive verb and the object of the same verb in the active ("Tomas Reyes was found in his car" /
    "police found Delgado"): one role, the patient."""
    deps = []
    for side, fact in ((a, x), (b, y)):
        toks = _tokens(side, fact)
        heads = [t for t in toks if t.head not in toks]
        if len(heads) != 1:
            return False
        deps.append((heads[0].dep_, heads[0].head.lemma_.lower()))
    return {deps[0][0], deps[1][0]} == {"nsubjpass", "dobj"} and deps[0][1] == deps[1][1]
