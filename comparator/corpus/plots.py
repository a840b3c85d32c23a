"""Static SVG plots of per-outlet statistics (matplotlib's SVG backend; no pyplot, no network).

Each plot shows one statistic: a dot per outlet with its 95 % bootstrap
interval as a bar, outlets in alphabetical order (compared, never ranked).
Output is byte-identical for the same data (fixed ``svg.hashsalt``, no date).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["interval_plot"]


def interval_plot(rows: "pd.DataFrame", title: str, unit: str) -> str:
    """SVG text: ``rows`` (outlet, value, ci_low, ci_high) as dots with interval bars."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    rows = rows.sort_values("outlet", ascending=False)
    with matplotlib.rc_context({"svg.hashsalt": "comparator-corpus", "svg.fonttype": "none",
                                "font.family": "sans-serif", "font.size": 9}):
        fig = Figure(figsize=(6.4, 0.6 + 0.28 * max(len(rows), 1)))
        FigureCanvasSVG(fig)
        ax = fig.add_subplot(1, 1, 1)
        y = list(range(len(rows)))
        values = rows["value"].astype(float).tolist()
        lows = rows["ci_low"].astype("Float64").fillna(rows["value"]).astype(float).tolist()
        highs = rows["ci_high"].astype("Float64").fillna(rows["value"]).astype(float).tolist()
        ax.hlines(y, lows, highs, color="#4a6fa5", linewidth=2)
        ax.plot(values, y, "o", color="#1f3b63", markersize=4)
        ax.set_yticks(y, [str(o) for o in rows["outlet"]])
        ax.set_xlabel(unit)
        ax.set_title(title, loc="left")
        ax.grid(axis="x", color="#dddddd", linewidth=0.5)
        ax.set_xlim(left=0)
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "comparator"})
    return buffer.getvalue()
