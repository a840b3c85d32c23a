"""Tables of the HTML report: finding counts, entity labels, sourcing (key facts: comparator.render.overview).

Plain records only; the templates escape and lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping, Sequence

from comparator.types import FINDING_KINDS, SEVERITIES

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison


@dataclass(frozen=True)
class CountRow:
    """Findings of one kind (or one outlet): total and per severity, in SEVERITIES order."""

    key: str
    label: str
    total: int
    by_severity: tuple[int, ...]


@dataclass(frozen=True)
class LabelUse:
    """One label text as used by one outlet: voice, speaker and how often."""

    text: str
    voice: str
    speaker: str | None
    category: str | None
    count: int


@dataclass(frozen=True)
class TableRow:
    """A row header and one cell per article column."""

    key: str
    label: str
    cells: tuple[Any, ...]
    total: int = 0
    spread: int = 0  # number of article columns with something in them


@dataclass(frozen=True)
class LabelTable:
    source: str  # "labels" (from the labels stage) or "mentions" (entity mentions only)
    rows: tuple[TableRow, ...]  # cells: tuple[LabelUse, ...]


def kind_label(kind: str) -> str:
    return kind.replace("_", " ").capitalize()


def _sev_counts(severities: Sequence[str]) -> tuple[int, ...]:
    return tuple(sum(1 for s in severities if s == sev) for sev in SEVERITIES)


def finding_counts(comp: "Comparison", outlets_of: Mapping[str, tuple[str, ...]]
                   ) -> tuple[tuple[CountRow, ...], tuple[CountRow, ...]]:
    """Counts by kind (known kinds first) and by outlet (articles a finding concerns)."""
    kinds = sorted({f.kind for f in comp.findings},
                   key=lambda k: (FINDING_KINDS.index(k) if k in FINDING_KINDS else 99, k))
    by_kind = tuple(
        CountRow(k, kind_label(k), sum(1 for f in comp.findings if f.kind == k),
                 _sev_counts([f.severity for f in comp.findings if f.kind == k]))
        for k in kinds)
    by_outlet = tuple(
        CountRow(a.id, a.outlet, sum(1 for f in comp.findings if a.id in outlets_of[f.id]),
                 _sev_counts([f.severity for f in comp.findings if a.id in outlets_of[f.id]]))
        for a in comp.articles)
    return by_kind, by_outlet


def _uses(items: list[tuple[str, str, str | None, str | None]]) -> tuple[LabelUse, ...]:
    counts: dict[tuple[str, str, str, str], int] = {}
    for text, voice, speaker, category in items:
        key = (text, voice, speaker or "", category or "")
        counts[key] = counts.get(key, 0) + 1
    return tuple(LabelUse(t, v, s or None, c or None, n)
                 for (t, v, s, c), n in sorted(counts.items(), key=lambda kv: (kv[0][0].lower(), kv[0])))


def label_table(comp: "Comparison") -> LabelTable:
    """Entity x outlet -> labels with voice, from ``extras["labels"]`` or else entity mentions."""
    col = {a.id: i for i, a in enumerate(comp.articles)}
    names = {e.id: e.name for e in comp.entities}
    raw = comp.extras.get("labels") if isinstance(comp.extras, Mapping) else None
    cells: dict[str, list[list[tuple[str, str, str | None, str | None]]]] = {}
    if isinstance(raw, (list, tuple)) and raw:
        source = "labels"
        for lab in raw:
            if not isinstance(lab, Mapping) or lab.get("article") not in col:
                continue
            ent = str(lab.get("entity"))
            row = cells.setdefault(ent, [[] for _ in comp.articles])
            row[col[lab["article"]]].append((str(lab.get("text", "")), str(lab.get("voice") or "authorial"),
                                             lab.get("speaker"), lab.get("category")))
    else:
        source = "mentions"
        for e in comp.entities:
            row = cells.setdefault(e.id, [[] for _ in comp.articles])
            for m in e.mentions:
                if m.article not in col:
                    continue
                try:
                    claim = comp.claim(m.claim)
                    voice, speaker = claim.voice, claim.speaker
                except KeyError:
                    voice, speaker = "authorial", None
                row[col[m.article]].append((m.text, voice, speaker, None))
    rows = []
    for ent, per in cells.items():
        uses = tuple(_uses(items) for items in per)
        total = sum(u.count for cell in uses for u in cell)
        if total:
            rows.append(TableRow(ent, names.get(ent, ent), uses, total, sum(1 for cell in uses if cell)))
    rows.sort(key=lambda r: (-r.total, r.label.lower(), r.key))
    return LabelTable(source, tuple(rows))


UNATTRIBUTED = "(unattributed)"


def sourcing_table(comp: "Comparison") -> tuple[TableRow, ...]:
    """Speaker x outlet: number of quoted (or partly quoted) claims per article."""
    col = {a.id: i for i, a in enumerate(comp.articles)}
    counts: dict[str, list[int]] = {}
    for c in comp.claims:
        if c.boilerplate or c.voice not in ("quoted", "mixed") or c.article not in col:
            continue
        speaker = (c.speaker or "").strip() or UNATTRIBUTED
        counts.setdefault(speaker, [0] * len(col))[col[c.article]] += 1
    rows = [TableRow(s, s, tuple(v), sum(v)) for s, v in counts.items()]
    rows.sort(key=lambda r: (r.key == UNATTRIBUTED, -r.total, r.key.lower(), r.key))
    return tuple(rows)
