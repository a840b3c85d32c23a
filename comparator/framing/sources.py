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
            if c.speaker not in cell["wordings"]:
                cell["wordings"].append(c.speaker)
    order = {a.id: i for i, a in enumerate(comp.articles)}
    shown_of: dict[str, str] = {}
    for (key, aid) in sorted(cells, key=lambda k: (order[k[1]], k[0])):
        shown_of.setdefault(key, cells[(key, aid)]["shown"])
    rows = [SourceRow(source=key, speaker=shown_of[key], entity=cell["entity"], article=aid,
                      outlet=comp.article(aid).outlet, quotes=cell["quotes"], quoted_chars=cell["chars"],
                      wordings=tuple(cell["wordings"]))
            for (key, aid), cell in cells.items()]
    return tuple(sorted(rows, key=lambda r: (r.source, order[r.article])))
