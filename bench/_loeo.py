"""Leave-one-event-out tables shared by the gold-dev tuning scripts (no data leaves the folder).

:func:`held_out_table` holds each event out in turn, lets ``choose`` pick a
setting on the other events, scores the held-out event with it, prints one
Markdown row per event and a pooled row, and returns the held-out counts.
Used by ``bench/tune_alignment.py``, ``bench/tune_omissions.py`` and
``bench/fit_fact_scorer.py``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Hashable, Sequence


def pool(rows: Sequence[dict[str, int]]) -> dict[str, int]:
    """Sum count dictionaries key by key (micro-averaging over events)."""
    total: dict[str, int] = defaultdict(int)
    for r in rows:
        for k, v in r.items():
            total[k] += v
    return dict(total)


def _cell(v: object) -> str:
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def held_out_table(names: Sequence[str], choose: Callable[[list[str]], Hashable],
                   result: Callable[[Hashable, str], dict[str, int]],
                   figures: Callable[[dict[str, int]], Sequence[object]], *, setting: str,
                   columns: Sequence[str]) -> list[dict[str, int]]:
    """Print the leave-one-event-out table; return the held-out counts, one dict per event.

    ``choose(train_names)`` picks a setting on the training events, ``result(setting, name)``
    gives an event's counts under it, ``figures(counts)`` the printed columns.
    """
    print(f"| held out | {setting} | " + " | ".join(columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    held = []
    for name in names:
        key = choose([n for n in names if n != name])
        row = result(key, name)
        held.append(row)
        print(f"| {name} | {key} | " + " | ".join(_cell(v) for v in figures(row)) + " |")
    print("| **LOEO pooled** | | " + " | ".join(_cell(v) for v in figures(pool(held))) + " |")
    return held
