"""Per outlet, across events: ratio-of-sums statistics with bootstrap confidence intervals over events.

Every statistic is ``scale * sum(numerator) / sum(denominator)`` over the events
an outlet covers (:data:`STATISTICS`; the counts come from
:mod:`comparator.corpus.metrics`). Its 95 % interval is a percentile bootstrap
that resamples **events** with replacement (:data:`RESAMPLES` times, fixed
seed): events are the independent units, the sentences inside one are not
(a cluster bootstrap; Efron & Tibshirani, *An Introduction to the Bootstrap*,
1993, ch. 13; Field & Welsh, "Bootstrapping clustered data", JRSS B 69(3), 2007).
Intervals from fewer than :data:`MIN_EVENTS` events are left empty ("too few
events"), never guessed. Outlets are compared statistic by statistic, never
ranked on one "bias" score.

The per-event counts are read from the Parquet dataset (:func:`read_events`:
pyarrow straight into pandas up to :data:`DASK_MIN_EVENTS` events, dask.dataframe
beyond) and reduced to one row per (event, outlet, metric, category) before the bootstrap.
Only the current input's events count (:func:`comparator.corpus.events.live_keys`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from comparator.corpus.events import live_keys

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["DASK_MIN_EVENTS", "MIN_EVENTS", "read_events", "RESAMPLES", "STATISTICS", "Statistic", "event_counts", "framing_map", "lead_entities",
           "outlet_statistics"]

RESAMPLES = 2000
MIN_EVENTS = 5
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Statistic:
    """``scale * sum(numerator) / sum(denominator)``; ``by_category`` splits the numerator by category."""

    name: str
    numerator: str
    denominator: str
    scale: float
    unit: str
    by_category: bool = False
    total: bool = False  # with by_category: also one row over all categories (category None)


STATISTICS: tuple[Statistic, ...] = (
    Statistic("loaded language (own voice)", "loaded_own", "own_words", 1000.0, "per 1,000 own-voice words", True,
              True),
    Statistic("omission rate", "omitted", "compared_facts", 100.0, "% of facts others report"),
    Statistic("divergent facts", "divergent", "shared_facts", 100.0, "per 100 shared facts"),
    Statistic("sourcing mix", "quotes", "quotes", 100.0, "% of quoted sentences", True),
    Statistic("lede reported late by another outlet", "lede_late", "events", 100.0, "% of events"),
)

COLUMNS = {"outlet": "string", "statistic": "string", "category": "string", "value": "Float64",
           "ci_low": "Float64", "ci_high": "Float64", "events": "Int64", "numerator": "Float64",
           "denominator": "Float64", "unit": "string"}


#: From this many event partitions on, datasets are read and reduced with dask.dataframe (partition by
#: partition, in parallel); below it pyarrow reads them straight into pandas: on a few hundred events
#: dask's import, graph and scheduler cost more than the read itself (2.8 s of a 60-event run's report
#: against 0.1 s; issue 16), and the numbers are the same (``tests/test_corpus_speed.py``).
DASK_MIN_EVENTS = 2000


def _event_parts(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("event=*") if any(p.glob("*.parquet")))


def read_events(folder: Path, columns: list[str] | None = None, keys: set[str] | None = None) -> "pd.DataFrame":
    """A per-event dataset (hive-partitioned by ``event``) as one pandas frame, ``event`` as strings.

    ``keys`` keeps only those events. Small datasets are read with pyarrow, those
    of :data:`DASK_MIN_EVENTS` events or more with dask.dataframe; an empty frame
    when no event has a file.
    """
    import pandas as pd

    parts = _event_parts(folder)
    if not parts:
        return pd.DataFrame(columns=columns or [])
    if len(parts) >= DASK_MIN_EVENTS:
        import dask.dataframe as dd

        frame = dd.read_parquet(str(folder), dataset={"partitioning": "hive"}, columns=columns).compute()
    else:
        import pyarrow as pa
        import pyarrow.dataset as ds

        partitioning = ds.partitioning(pa.schema([("event", pa.string())]), flavor="hive")
        data = ds.dataset([str(f) for p in parts for f in sorted(p.glob("*.parquet"))], format="parquet",
                          partitioning=partitioning, partition_base_dir=str(folder))
        frame = data.to_table(columns=columns).to_pandas()
    frame["event"] = frame["event"].astype(str)
    if keys is not None:
        frame = frame[frame["event"].isin(keys)]
    return frame.reset_index(drop=True)


def event_counts(out: Path) -> "pd.DataFrame":
    """One row per (event, outlet, metric, category) with the summed value."""
    import pandas as pd

    folder = out / "data" / "outlet_events"
    if not _event_parts(folder):
        return pd.DataFrame(columns=["event", "outlet", "metric", "category", "value"])
    if len(_event_parts(folder)) >= DASK_MIN_EVENTS:
        import dask.dataframe as dd

        lazy = dd.read_parquet(str(folder), dataset={"partitioning": "hive"})
        lazy = lazy.assign(category=lazy["category"].fillna(""), event=lazy["event"].astype(str))
        lazy = lazy[lazy["event"].isin(sorted(live_keys(out)))]
        summed = lazy.groupby(["event", "outlet", "metric", "category"])["value"].sum().reset_index().compute()
    else:
        frame = read_events(folder, keys=live_keys(out))
        frame = frame.assign(category=frame["category"].fillna(""))
        summed = frame.groupby(["event", "outlet", "metric", "category"])["value"].sum().reset_index()
    return summed.sort_values(["outlet", "metric", "category", "event"]).reset_index(drop=True)


def _seed(*parts: str) -> int:
    return int.from_bytes(hashlib.sha256("\0".join(parts).encode("utf-8")).digest()[:8], "big")


def _interval(num, den, seed: int) -> tuple[float | None, float | None]:  # type: ignore[no-untyped-def]
    import numpy as np

    n = len(num)
    if n < MIN_EVENTS:
        return None, None
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, n, size=(RESAMPLES, n))
    tops, bottoms = num[picks].sum(axis=1), den[picks].sum(axis=1)
    ratios = tops[bottoms > 0] / bottoms[bottoms > 0]
    if len(ratios) < RESAMPLES // 2:
        return None, None
    tail = (1 - CONFIDENCE) / 2 * 100
    low, high = np.percentile(ratios, [tail, 100 - tail])
    return float(low), float(high)


def outlet_statistics(counts: "pd.DataFrame") -> "pd.DataFrame":
    """Per outlet and statistic (and category): value, 95 % CI, events, numerator and denominator."""
    import numpy as np
    import pandas as pd

    rows = []
    for outlet, part in counts.groupby("outlet", sort=True):
        events = sorted(part.loc[part["metric"] == "events", "event"].unique())
        index = {e: i for i, e in enumerate(events)}

        def vector(metric: str, category: str | None = None, part=part, index=index):  # type: ignore[no-untyped-def]
            sel = part[part["metric"] == metric]
            if category is not None:
                sel = sel[sel["category"] == category]
            out = np.zeros(len(index))
            for event, value in zip(sel["event"], sel["value"]):
                if event in index:
                    out[index[event]] += float(value)
            return out

        for stat in STATISTICS:
            den = vector(stat.denominator)
            categories: list[str | None] = [None] if not stat.by_category or stat.total else []
            if stat.by_category:
                categories += sorted(set(part.loc[part["metric"] == stat.numerator, "category"]))
            for cat in categories:
                num = vector(stat.numerator, cat)
                keep = den > 0
                if not keep.any():
                    continue
                n, d = num[keep], den[keep]
                low, high = _interval(n, d, _seed(str(outlet), stat.name, cat or ""))
                rows.append({"outlet": outlet, "statistic": stat.name, "category": cat or None,
                             "value": stat.scale * n.sum() / d.sum(),
                             "ci_low": None if low is None else stat.scale * low,
                             "ci_high": None if high is None else stat.scale * high,
                             "events": int(keep.sum()), "numerator": float(n.sum()), "denominator": float(d.sum()),
                             "unit": stat.unit})
    frame = pd.DataFrame(rows, columns=list(COLUMNS)).astype(COLUMNS)
    return frame.sort_values(["statistic", "category", "outlet"], na_position="first").reset_index(drop=True)


MAP_COLUMNS = {"entity": "string", "outlet": "string", "label": "string", "uses": "Int64", "events": "Int64",
               "entity_events": "Int64"}
#: An entity is on the framing map when it recurs in at least this many events.
RECURRING_EVENTS = 2
#: Labels shown per entity and outlet.
TOP_LABELS = 3


def framing_map(out: Path) -> "pd.DataFrame":
    """The labels each outlet uses in its own voice for recurring entities (in >= 2 events), top 3 each."""
    import pandas as pd

    folder = out / "data" / "labels"
    if not _event_parts(folder):
        return pd.DataFrame(columns=list(MAP_COLUMNS)).astype(MAP_COLUMNS)
    labels = read_events(folder, ["entity", "outlet", "label", "event"], live_keys(out)).dropna(subset=["entity"])
    spread = labels.groupby("entity")["event"].nunique().rename("entity_events")
    recurring = spread[spread >= RECURRING_EVENTS]
    labels = labels[labels["entity"].isin(recurring.index)]
    table = (labels.groupby(["entity", "outlet", "label"]).agg(uses=("event", "size"), events=("event", "nunique"))
             .reset_index().join(recurring, on="entity"))
    table = table.sort_values(["entity", "outlet", "uses", "label"], ascending=[True, True, False, True])
    table = table.groupby(["entity", "outlet"]).head(TOP_LABELS)
    return table[list(MAP_COLUMNS)].astype(MAP_COLUMNS).reset_index(drop=True)


LEAD_COLUMNS = {"outlet": "string", "entity": "string", "ledes": "Int64", "events": "Int64", "share": "Float64"}


def lead_entities(out: Path) -> "pd.DataFrame":
    """Emphasis: the entities each outlet's ledes name most often (top 5), with the share of its events."""
    import pandas as pd

    folder = out / "data" / "leads"
    if not _event_parts(folder):
        return pd.DataFrame(columns=list(LEAD_COLUMNS)).astype(LEAD_COLUMNS)
    leads = read_events(folder, ["outlet", "entities", "event"], live_keys(out))
    events = leads.groupby("outlet").size().rename("events")
    named = leads.assign(entity=leads["entities"].fillna("").str.split("; ")).explode("entity")
    named = named[named["entity"].fillna("") != ""]
    table = named.groupby(["outlet", "entity"]).size().rename("ledes").reset_index().join(events, on="outlet")
    table["share"] = table["ledes"] / table["events"]
    table = table.sort_values(["outlet", "ledes", "entity"], ascending=[True, False, True]).groupby("outlet").head(5)
    return table[list(LEAD_COLUMNS)].astype(LEAD_COLUMNS).reset_index(drop=True)
