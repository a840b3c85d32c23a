"""``compare_corpus``: many events, per-outlet statistics across them, one corpus report.

>>> corpus = compare_corpus(["articles.jsonl"], "reports/corpus", workers=2)   # doctest: +SKIP
>>> corpus.to_frame("outlets")                                                  # doctest: +SKIP
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from comparator.corpus.events import EventOutcome, iter_tasks, live_keys, read_marker
from comparator.corpus.grouping import GroupingSettings
from comparator.errors import ConfigError, EmptyInputError, NotEnoughArticlesError, OutputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from comparator.config import Settings

__all__ = ["Corpus", "MARKER", "compare_corpus"]

log = logging.getLogger("comparator")
#: The file that marks a folder as a corpus output (so a rerun may write into it).
MARKER = ".comparator-corpus"
#: Tables written to ``tables/`` and returned by :meth:`Corpus.to_frame`.
TABLES = ("outlets", "framing_map", "lead_entities", "events", "bad_records")


@dataclass(frozen=True)
class Corpus:
    """A finished corpus run: counts, where everything is, and the tables as DataFrames.

    ``to_frame(name)`` reads ``name`` from the output folder: one of :data:`TABLES`
    (aggregates), or a per-event dataset (``claims``, ``alignments``, ``findings``,
    ``evidence``, ``entities``, ``outlet_events``, ``labels``, ``leads``,
    ``sourcing``; with an ``event`` column), so nothing is held in memory.
    """

    out_dir: Path
    events: int
    done: int
    resumed: int
    skipped: int
    failed: int
    bad_records: int
    sentences: int
    seconds: float
    written: tuple[Path, ...] = field(default=(), compare=False)
    #: Seconds per stage summed over this run's compared events (``parse``, ``embed``... ``write``, see
    #: :class:`EventOutcome`), plus ``spool`` and ``report`` for the whole run; wall clock, not outputs.
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    def to_frame(self, name: str) -> "pd.DataFrame":
        import pandas as pd

        from comparator.corpus.worker import EVENT_TABLES

        if name in TABLES:
            return pd.read_parquet(self.out_dir / "tables" / f"{name}.parquet")
        if name in EVENT_TABLES:
            from comparator.corpus.aggregates import read_events

            folder = self.out_dir / "data" / name
            if not any(folder.glob("event=*/*.parquet")):
                return pd.DataFrame()
            frame = read_events(folder, keys=live_keys(self.out_dir))  # not an earlier input's events
            frame["event"] = frame["event"].astype("string")
            return frame
        raise ConfigError(f"unknown corpus table {name!r}.",
                          hint=f"Choose one of: {', '.join(TABLES + EVENT_TABLES)}.")


def _check_out(out: Path, inputs: Sequence[str | Path]) -> None:
    from comparator.render.atomic import ensure_dir

    if out.exists() and out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise OutputError("is not empty and was not written by `comparator corpus`; nothing was overwritten.",
                          path=str(out), hint="Choose a new or empty folder, or the folder of an earlier corpus run.")
    resolved = out.resolve()
    for item in inputs:
        src = Path(item).resolve()
        if src == resolved or resolved in src.parents or (src.is_dir() and src in resolved.parents):
            raise OutputError("the output folder overlaps an input.", path=str(out),
                              hint="Write the corpus report outside the input folders.")
    ensure_dir(out)
    (out / MARKER).write_text(json.dumps({"tool": "comparator corpus"}) + "\n", encoding="utf-8")


def _context(settings: "Settings", grouping: GroupingSettings, event_field: str, date_field: str) -> str:
    from comparator import __version__

    return json.dumps({"version": __version__, "settings": settings.to_report(), "grouping": grouping.to_report(),
                       "event_field": event_field, "date_field": date_field}, sort_keys=True)


def compare_corpus(
    inputs: Sequence[str | Path] | str | Path,
    out_dir: str | Path,
    *,
    settings: "Settings | None" = None,
    event_field: str = "event",
    date_field: str = "published",
    grouping: GroupingSettings | None = None,
    scheduler: str = "processes",
    workers: int = 1,
    address: str | None = None,
    progress: bool = False,
    on_event: Callable[[EventOutcome], None] | None = None,
    encoder: Any | None = None,
) -> Corpus:
    """Compare every event of a corpus and write the corpus report to ``out_dir``.

    ``inputs``: JSONL/CSV/Parquet files (one article per record) or folders (a
    folder of event folders, or of such files). Events come from ``event_field``;
    records without it are grouped into stories (:mod:`comparator.corpus.grouping`).
    Each event runs ``compare``'s pipeline on ``scheduler`` (``processes`` with
    ``workers`` processes, 1 = in this process; or ``dask`` at ``address`` or on
    a LocalCluster of ``workers``). A rerun into the same ``out_dir`` skips
    events already done with the same articles and settings. Results of events
    not in this input (an earlier run's) are kept on disk, never deleted, and
    left out of the report and tables. Failed events are
    recorded with their reason (``to_frame("events")``) and skipped.
    ``encoder`` replaces the embedding model as in ``compare`` (in-process runs
    only: ``workers=1`` with the ``processes`` scheduler). ``on_event`` is called
    with each :class:`EventOutcome` as it arrives.

    Raises :class:`OutputError` when ``out_dir`` holds files not written by a
    corpus run, :class:`ConfigError` for bad scheduler options, and input errors
    for missing or unsupported input paths.
    """
    from comparator.config import Settings, load_settings
    from comparator.corpus.report import write_corpus_report
    from comparator.corpus.runner import run_tasks
    from comparator.corpus.spool import spool_inputs
    from comparator.corpus.worker import worker_encoder

    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    if not inputs:
        raise ConfigError("no corpus input given.", hint="Pass JSONL/CSV/Parquet files or a folder of event folders.")
    settings = settings if isinstance(settings, Settings) else load_settings(overrides_source="compare_corpus()")
    grouping = grouping or GroupingSettings()
    from comparator.corpus.runner import check_scheduler

    check_scheduler(scheduler, workers, address)  # before anything is read or written
    out = Path(out_dir)
    if encoder is not None and (scheduler != "processes" or workers != 1):
        raise ConfigError("a custom encoder runs in this process only.",
                          hint="Use workers=1 with the processes scheduler, or drop encoder=.")
    _check_out(out, inputs)
    started = time.perf_counter()
    timings: dict[str, float] = {}
    stats = spool_inputs(inputs, out, encoder_factory=lambda: encoder or worker_encoder(settings), event_field=event_field,
                         date_field=date_field, grouping=grouping)
    timings["spool"] = time.perf_counter() - started
    log.info("spooled %d articles into %d events (%d grouped by story, %d bad records)",
             stats.articles, stats.events, stats.grouped, stats.bad_records)
    if stats.events == 0:
        _refuse_empty(inputs, out, stats.bad_records)
    if stats.bad_records:
        log.warning("skipped %d unreadable record(s): %s; every one with its reason in %s", stats.bad_records,
                    "; ".join(_bad_places(out, 5)), out / "tables" / "bad_records.csv")
    context = _context(settings, grouping, event_field, date_field)
    tally = {"done": 0, "resumed": 0, "skipped": 0, "failed": 0, "sentences": 0}
    bar = _progress(stats.events) if progress else None

    def report(outcome: EventOutcome) -> None:
        tally[outcome.status] += 1
        tally["sentences"] += outcome.sentences if outcome.status in ("done",) else 0
        if outcome.status == "done":
            for stage, seconds in (outcome.stages or {}).items():
                timings[stage] = timings.get(stage, 0.0) + seconds
        if outcome.status == "failed":
            log.warning("event %r failed and was skipped: %s", outcome.name, outcome.reason)
        if bar is not None:
            bar.update(1)
        if on_event is not None:
            on_event(outcome)

    def pending():  # type: ignore[no-untyped-def]
        for task in iter_tasks(out, context):
            marker = read_marker(out, "done", task.key)
            if marker is not None and marker.get("fingerprint") == task.fingerprint:
                status = "skipped" if marker.get("status") == "skipped" else "resumed"
                report(EventOutcome(**{**marker, "status": status}))
                continue
            yield task

    try:
        run_tasks(pending(), out=out, settings=settings, scheduler=scheduler, workers=workers, address=address,
                  report=report, encoder=encoder)
    finally:
        if bar is not None:
            bar.render_finish()
    t0 = time.perf_counter()
    written = write_corpus_report(out)
    timings["report"] = time.perf_counter() - t0
    if tally["done"] + tally["resumed"] == 0:
        _refuse_incomparable(inputs, out, tally)
    return Corpus(out_dir=out, events=stats.events, done=tally["done"], resumed=tally["resumed"],
                  skipped=tally["skipped"], failed=tally["failed"], bad_records=stats.bad_records,
                  sentences=tally["sentences"], seconds=round(time.perf_counter() - started, 3),
                  written=tuple(written), timings={k: round(v, 3) for k, v in timings.items()})


def _progress(total: int) -> Any:
    import sys

    import click

    bar = click.progressbar(length=total, label="events", show_eta=True, show_pos=True, file=sys.stderr)
    bar.__enter__()
    return bar


def _inputs_label(inputs: Sequence[str | Path]) -> str:
    return ", ".join(str(i) for i in inputs[:3]) + (f" (+{len(inputs) - 3} more)" if len(inputs) > 3 else "")


def _bad_places(out: Path, limit: int) -> list[str]:
    """The first ``limit`` skipped records as ``where: reason`` (from ``state/bad_records.jsonl``)."""
    places: list[str] = []
    try:
        with (out / "state" / "bad_records.jsonl").open("r", encoding="utf-8") as handle:
            for line in handle:
                if len(places) >= limit:
                    break
                record = json.loads(line)
                places.append(f"{record['where']} ({str(record['reason']).rstrip('.')})")
    except (OSError, ValueError, KeyError):
        pass
    return places


def _refuse_empty(inputs: Sequence[str | Path], out: Path, bad: int) -> None:
    """:class:`EmptyInputError`: the input held no readable article record (nothing to compare)."""
    places = _bad_places(out, 1)
    first = f"; the first: {places[0]}" if places else ""
    what = (f"holds no readable article record ({bad} unreadable{first})" if bad
            else "holds no article record")
    raise EmptyInputError(f"{what}; nothing was compared.", path=_inputs_label(inputs),
                          hint="Give JSONL/CSV/Parquet records with 'outlet' and 'text' (one article per "
                               "line or row), or a folder of event folders.")


def _refuse_incomparable(inputs: Sequence[str | Path], out: Path, tally: dict[str, int]) -> None:
    """:class:`NotEnoughArticlesError`: no event could be compared (all skipped or failed)."""
    raise NotEnoughArticlesError(
        f"has no comparable event: {tally['skipped']} skipped (one outlet) and {tally['failed']} failed; "
        f"the reasons are in {out / 'tables' / 'events.csv'}.", path=_inputs_label(inputs),
        hint="Each event needs articles from at least two outlets: give an event field (--event-field) "
             "or more articles per story.")
