"""One event through ``compare``'s pipeline, its rows written to the Parquet datasets.

:func:`run_events` is what every scheduler runs (in-process, a process pool or a
Dask worker). The encoder is passed in, loaded once per worker process
(:func:`worker_encoder`); spaCy is cached by :func:`comparator.nlp.load_nlp`.
No exception escapes: a failed event comes back as an outcome with its reason.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterator

from comparator.corpus.events import EventOutcome, EventTask, skip_reason, write_marker

__all__ = ["BATCH_EVENTS", "EVENT_TABLES", "iter_events", "run_event", "run_events", "worker_encoder"]

#: Events compared together by :func:`run_events` (one spaCy stream, one encoder call; see
#: :mod:`comparator.batched`). Memory grows with it (the docs of a batch); speed levels off above ~8.
BATCH_EVENTS = 8

#: Per-event Parquet datasets written under ``data/`` (partitioned by event).
EVENT_TABLES = ("claims", "alignments", "findings", "evidence", "entities",
                "outlet_events", "labels", "leads", "sourcing")

_ENCODERS: dict[Any, Any] = {}


def worker_encoder(settings: Any) -> Any:
    """The embedding encoder for ``settings``, loaded once per process."""
    key = (settings.model, settings.backend, settings.model_dir, settings.cache, settings.cache_dir)
    if key not in _ENCODERS:
        from comparator.embed import load_encoder

        _ENCODERS[key] = load_encoder(settings)
    return _ENCODERS[key]


def _articles(task: EventTask) -> tuple[Any, ...]:
    from comparator.corpus.inputs import article_from_json
    from comparator.load.fields import unique_ids

    if task.folder:
        from comparator.load import load_articles

        return load_articles([task.folder])
    with open(task.spool, "r", encoding="utf-8") as handle:
        handle.readline()  # header
        return unique_ids(article_from_json(line) for line in handle if line.strip())


#: Tables of one event written at once: each file is still written, fsynced and renamed (and its folder
#: fsynced) before the event's marker, but the waits overlap (3x faster per event, issue 16).
WRITE_THREADS = 9
_POOL: list[Any] = []


def _write_one(out: Path, key: str, name: str, frame: Any) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from comparator.render.atomic import atomic_path, ensure_dir

    folder = ensure_dir(out / "data" / name / f"event={key}")
    with atomic_path(folder / "part-0.parquet") as tmp:
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp)


def _write(out: Path, key: str, frames: dict[str, Any]) -> None:
    """Write every table of the event atomically; returns once all are on disk (raises the first error)."""
    from concurrent.futures import ThreadPoolExecutor, wait

    if not _POOL:
        _POOL.append(ThreadPoolExecutor(max_workers=WRITE_THREADS, thread_name_prefix="comparator-write"))
    futures = [_POOL[0].submit(_write_one, out, key, name, frame) for name, frame in frames.items()]
    wait(futures)
    for future in futures:
        future.result()


def _frames(comp: Any) -> dict[str, Any]:
    import pandas as pd

    from comparator.corpus.metrics import COLUMNS, event_tables
    from comparator.render.tables import to_frame

    frames = {name: to_frame(comp, name) for name in ("claims", "alignments", "findings", "evidence", "entities")}
    for name, rows in event_tables(comp).items():
        columns = COLUMNS[name]
        frames[name] = pd.DataFrame(rows, columns=list(columns)).astype(columns)
    return frames


#: ``Comparison.timings`` keys that are pipeline stages (the encoder's own keys are process totals).
STAGES = ("load", "parse", "claims", "facts", "embed", "align", "detect")


def _stages(comp: Any, write_s: float) -> dict[str, float]:
    stages = {k: round(float(comp.timings[k]), 4) for k in STAGES if k in (comp.timings or {})}
    stages["write"] = round(write_s, 4)
    return stages


def _failed(base: dict[str, Any], exc: BaseException) -> EventOutcome:
    """An event's outcome for a :class:`ComparatorError`: skipped with the reason when nothing can be
    compared (an empty folder, one article), so it is not retried every run; failed otherwise."""
    skip = skip_reason(exc)
    return EventOutcome(**base, status="skipped" if skip else "failed", reason=skip or str(exc))


def run_event(task: EventTask, out: str | Path, settings: Any, encoder: Any | None = None) -> EventOutcome:
    """Compare one event and write its tables and done marker; failures come back with a reason."""
    from comparator.errors import ComparatorError
    from comparator.pipeline import compare

    out = Path(out)
    started = time.perf_counter()
    base = {"key": task.key, "name": task.name, "fingerprint": task.fingerprint}
    try:
        articles = _articles(task)
        outlets = len({a.outlet for a in articles})
        if outlets < 2:
            outcome = EventOutcome(**base, status="skipped", articles=len(articles), outlets=outlets,
                                   reason=f"{len(articles)} article(s) from one outlet: nothing to compare")
        else:
            comp = compare(list(articles), settings=settings, encoder=encoder or worker_encoder(settings))
            t0 = time.perf_counter()
            _write(out, task.key, _frames(comp))
            outcome = EventOutcome(**base, status="done", articles=len(articles), outlets=outlets,
                                   sentences=sum(1 for c in comp.claims),
                                   seconds=round(time.perf_counter() - started, 3),
                                   stages=_stages(comp, time.perf_counter() - t0))
    except ComparatorError as exc:
        outcome = _failed(base, exc)
    except Exception as exc:  # noqa: BLE001 - one event's bug must not stop the corpus; the reason is kept
        outcome = EventOutcome(**base, status="failed", reason=f"{type(exc).__name__}: {exc}")
    write_marker(out, outcome)
    return outcome


def run_events(tasks: list[EventTask], out: str | Path, settings: Any, encoder: Any | None = None
               ) -> list[EventOutcome]:
    """:func:`iter_events` as a list (for process pools and Dask workers)."""
    return list(iter_events(tasks, out, settings, encoder))


def iter_events(tasks: list[EventTask], out: str | Path, settings: Any, encoder: Any | None = None
                ) -> Iterator[EventOutcome]:
    """:func:`run_event` for several events, compared together (:func:`comparator.batched.compare_events`).

    The same tables, markers and outcomes as running each event alone, yielded
    in the order of ``tasks``, each right after its marker is written (its
    tables first): a consumer that stops early leaves no later event marked.
    """
    from comparator.batched import compare_events
    from comparator.errors import ComparatorError

    out = Path(out)
    started = time.perf_counter()
    early: dict[int, EventOutcome] = {}
    ready: dict[int, tuple[Any, ...]] = {}
    for i, task in enumerate(tasks):
        base = {"key": task.key, "name": task.name, "fingerprint": task.fingerprint}
        try:
            articles = _articles(task)
        except ComparatorError as exc:
            early[i] = _failed(base, exc)
            continue
        except Exception as exc:  # noqa: BLE001 - as in run_event
            early[i] = EventOutcome(**base, status="failed", reason=f"{type(exc).__name__}: {exc}")
            continue
        outlets = len({a.outlet for a in articles})
        if outlets < 2:
            early[i] = EventOutcome(**base, status="skipped", articles=len(articles), outlets=outlets,
                                    reason=f"{len(articles)} article(s) from one outlet: nothing to compare")
        else:
            ready[i] = articles
    order = sorted(ready)
    comps = dict(zip(order, compare_events([list(ready[i]) for i in order], settings=settings,
                                           encoder=encoder or worker_encoder(settings)) if order else []))
    shared = (time.perf_counter() - started) / max(1, len(order))
    for i, task in enumerate(tasks):
        outcome = early.get(i)
        if outcome is None:
            outcome = _finish_event(task, ready[i], comps[i], out, shared)
        write_marker(out, outcome)
        yield outcome


def _finish_event(task: EventTask, articles: tuple[Any, ...], comp: Any, out: Path, shared: float) -> EventOutcome:
    """Write a compared event's tables; its outcome (failed with the reason if ``comp`` is an exception)."""
    from comparator.errors import ComparatorError

    base = {"key": task.key, "name": task.name, "fingerprint": task.fingerprint}
    t0 = time.perf_counter()
    try:
        if isinstance(comp, BaseException):
            raise comp
        _write(out, task.key, _frames(comp))
        return EventOutcome(**base, status="done", articles=len(articles), outlets=len({a.outlet for a in articles}),
                            sentences=sum(1 for c in comp.claims), seconds=round(shared + time.perf_counter() - t0, 3),
                            stages=_stages(comp, time.perf_counter() - t0))
    except ComparatorError as exc:
        return _failed(base, exc)
    except Exception as exc:  # noqa: BLE001 - one event's bug must not stop the corpus; the reason is kept
        return EventOutcome(**base, status="failed", reason=f"{type(exc).__name__}: {exc}")
