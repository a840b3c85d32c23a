"""Who each outlet quotes, and how much: the speaker x outlet table behind ``sourcing`` findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from comparator.types import Label

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison

_DETS = ("a ", "an ", "the ", "this ", "that ")


@dataclass(frozen=True)
class SourceRow:
    """One speaker quoted by one outlet: quoted claims and quoted characters."""

    source: str  # stable key: entity id, or the normalised speaker text
    speaker: str  # how the speaker is shown (entity name or the first wording used)
    entity: str | None
    article: str
    outlet: str
    quotes: int
    quoted_chars: int
    wordings: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"source": self.source, "speaker": self.speaker, "entity": self.entity,
                "article": self.article, "outlet": self.outlet, "quotes": self.quotes,
                "quoted_chars": self.quoted_chars, "wordings": list(self.wordings)}


def _normal(text: str) -> str:
    text = " ".join(text.replace("\u2019", "'").split()).lower().strip(" ,.")
    for det in _DETS:
        if text.startswith(det):
            text = text[len(det):]
    return text


def _head(text: str) -> str:
    words = _normal(text).split()
    return words[-1] if words else ""


class _Resolver:
    """Map speaker wordings to one key: an entity, a resolved label, or a shared head noun."""

    def __init__(self, comp: "Comparison", labels: Iterable[Label]) -> None:
        self.names: dict[str, tuple[str, str]] = {}
        for e in comp.entities:
            forms = {e.name, *e.aliases, *(m.text for m in e.mentions)}
            if e.label == "PERSON" and len(e.name.split()) > 1:
                forms.add(e.name.split()[-1])
            for form in forms:
                self.names.setdefault(_normal(form), (e.id, e.name))
        for lab in labels:
            name = next((e.name for e in comp.entities if e.id == lab.entity), lab.entity)
            self.names.setdefault(_normal(lab.text), (lab.entity, name))
        self.keys: list[tuple[str, str]] = []  # (key, shown) of non-entity speakers seen so far

    def resolve(self, speaker: str) -> tuple[str, str, str | None]:
        norm = _normal(speaker)
        if norm in self.names:
            eid, name = self.names[norm]
            return eid, name, eid
        from rapidfuzz import fuzz

        for key, shown in self.keys:
            if fuzz.token_set_ratio(norm, key) >= 90 or (_head(norm) == _head(key) and
                                                       len(norm.split()) == 1):
                return key, shown, None
        self.keys.append((norm, speaker))
        return norm, speaker, None


def sourcing_table(comp: "Comparison", labels: Iterable[Label] = ()) -> tuple[SourceRow, ...]:
    """Rows sorted by source then article order; only quoted or mixed claims with a speaker count."""
    resolver = _Resolver(comp, labels)
    cells: dict[tuple[str, str], dict] = {}
    for article in comp.articles:
        for c in sorted(comp.claims_of(article.id), key=lambda c: c.start):
            if c.boilerplate or not c.speaker or c.voice == "authorial":
                continue
            key, shown, eid = resolver.resolve(c.speaker)
            cell = cells.setdefault((key, article.id), {"shown": shown, "entity": eid, "quotes": 0,
                                                        "chars": 0, "wordings": []})
            cell["quotes"] += 1
            cell["chars"] += sum(e - s for s, e in c.quotes)
            cell.setdefault("grams", set()).update(_quote_grams(article.text, c.quotes))
            if c.speaker not in cell["wordings"]:
                cell["wordings"].append(c.speaker)
    cells = _merge_same_quotation(cells)
    order = {a.id: i for i, a in enumerate(comp.articles)}
    shown_of: dict[str, str] = {}
    for (key, aid) in sorted(cells, key=lambda k: (order[k[1]], k[0])):
        shown_of.setdefault(key, cells[(key, aid)]["shown"])
    rows = [SourceRow(source=key, speaker=shown_of[key], entity=cell["entity"], article=aid,
                      outlet=comp.article(aid).outlet, quotes=cell["quotes"], quoted_chars=cell["chars"],
                      wordings=tuple(cell["wordings"]))
            for (key, aid), cell in cells.items()]
    return tuple(sorted(rows, key=lambda r: (r.source, order[r.article])))


#: Two outlets quoting a run of at least this many identical words quote the same source
#: (shorter runs, "a disaster", are catchphrases several people use).
MIN_SHARED_QUOTE_WORDS = 5


def _quote_grams(text: str, quotes: Iterable[tuple[int, int]]) -> set[tuple[str, ...]]:
    """Runs of :data:`MIN_SHARED_QUOTE_WORDS` words inside the quoted ranges (lower case, words only)."""
    import re

    out: set[tuple[str, ...]] = set()
    n = MIN_SHARED_QUOTE_WORDS
    for s, e in quotes:
        words = re.findall(r"\w+", text[s:e].replace("\u2019", "'").lower())
        out.update(tuple(words[i:i + n]) for i in range(len(words) - n + 1))
    return out


def _named(cell: dict) -> bool:
    """The source is shown by a person's or organisation's name ("Tom Reddy"), not a role ("town's mayor")."""
    words = str(cell["shown"]).replace("'s", "").split()
    return cell["entity"] is not None or bool(words) and all(w[:1].isupper() for w in words)


def _merge_same_quotation(cells: dict[tuple[str, str], dict]) -> dict[tuple[str, str], dict]:
    """One source for the same quotation credited to two speaker wordings in two outlets: "a
    decision the town's mayor called “a death sentence for our farms”" and "a ruling Mayor Tom
    Reddy called “a death sentence for our farms”" are one person, named where an outlet names
    them. Two different names stay two sources (the ``attribution`` finding reports that)."""
    keys = sorted({k for k, _ in cells})
    parent = {k: k for k in keys}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    by_key: dict[str, list[tuple[str, dict]]] = {}
    for (key, aid), cell in cells.items():
        by_key.setdefault(key, []).append((aid, cell))
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            ra, rb = root(a), root(b)
            if ra == rb:
                continue
            shared = any(ca.get("grams", set()) & cb.get("grams", set())
                         for aa, ca in by_key[a] for ab, cb in by_key[b] if aa != ab)
            if not shared or all(_named(c) for _, c in by_key[a]) and all(_named(c) for _, c in by_key[b]):
                continue
            named_a = any(_named(c) for _, c in by_key[ra])
            named_b = any(_named(c) for _, c in by_key[rb])
            keep, drop = (rb, ra) if named_b and not named_a else (ra, rb)
            parent[drop] = keep
    if all(parent[k] == k for k in keys):
        return cells
    merged: dict[tuple[str, str], dict] = {}
    for (key, aid), cell in sorted(cells.items(), key=lambda kv: (kv[0][0] != root(kv[0][0]), kv[0])):
        target = root(key)
        into = merged.get((target, aid))
        if into is None:
            head = by_key[target][0][1]  # the kept source's name and entity
            merged[(target, aid)] = {**cell, "shown": head["shown"], "entity": head["entity"],
                                     "wordings": list(cell["wordings"])}
            continue
        into["quotes"] += cell["quotes"]
        into["chars"] += cell["chars"]
        into["wordings"] += [w for w in cell["wordings"] if w not in into["wordings"]]
    return merged
