"""The compact summary printed after ``comparator compare``.

Colour is plain ANSI and only when asked (the CLI decides from the TTY and
``NO_COLOR``). Control characters from article metadata are replaced, so an
article cannot send escape sequences to the terminal.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from comparator.render.common import kind_severity_counts, outlet_stats
from comparator.types import SEVERITIES

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison

__all__ = ["summary"]

TOP = 5
WIDTH = 100  # longest finding message shown

_SEVERITY_COLOR = {"error": "31", "warning": "33", "info": "36"}  # red, yellow, cyan


def _clean(text: str | None, limit: int = WIDTH) -> str:
    """One printable line: control/format characters become U+FFFD, whitespace collapses."""
    if not text:
        return ""
    text = " ".join(text.split())
    text = "".join("\ufffd" if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summary(comp: "Comparison", written: Sequence[Path], *, color: bool) -> str:
    """Outlets and claim counts, findings by kind and severity, the five ranked first, and report paths."""

    def paint(text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if color else text

    from comparator.render.overview import overview

    lines = [paint(f"Compared {overview(comp).counts.sentence()}", "1")]
    stats = outlet_stats(comp)
    width = max((len(_clean(s.outlet, 40)) for s in stats), default=0)
    for s in stats:
        extra = f" ({s.boilerplate} boilerplate)" if s.boilerplate else ""
        lines.append(f"  {_clean(s.outlet, 40):<{width}}  {s.claims:>4} claims{extra}, {s.aligned} in shared facts")

    by_sev = {s: sum(1 for f in comp.findings if f.severity == s) for s in SEVERITIES}
    lines.append("")
    lines.append(paint("Findings: ", "1") + ", ".join(
        paint(f"{n} {s}", _SEVERITY_COLOR[s]) if n else f"{n} {s}" for s, n in by_sev.items()))
    for kind, counts in kind_severity_counts(comp).items():
        parts = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        lines.append(f"  {_clean(kind, 30)}: {sum(counts.values())} ({parts})")

    top = overview(comp).ranked[:TOP]
    if top:
        by_id = {f.id: f for f in comp.findings}
        lines += ["", paint(f"Most important {len(top)} (ranked):", "1")]
        for r in top:
            sev = paint(f"{by_id[r.finding].severity:<7}", _SEVERITY_COLOR.get(by_id[r.finding].severity, "0"))
            lines.append(f"  {sev} {_clean(r.kind, 20):<15} {_clean(r.message)}")

    if written:
        lines += ["", paint("Written:", "1")]
        tables: dict[Path, list[str]] = {}
        for p in map(Path, written):
            if p.suffix in (".csv", ".parquet"):
                tables.setdefault(p.parent, []).append(p.stem)
            else:
                lines.append(f"  {paint(_clean(str(p), 500), '2')}")
        for folder, stems in tables.items():
            names = ", ".join(dict.fromkeys(stems))
            lines.append(f"  {paint(_clean(str(folder), 500), '2')}/ ({names} as CSV and Parquet)")
    return "\n".join(lines) + "\n"
