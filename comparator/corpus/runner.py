"""Run events on a scheduler: in this process, a local process pool, or a Dask cluster.

Events are the unit of work, sent to workers in batches of
:data:`~comparator.corpus.worker.BATCH_EVENTS` (compared together, see
:mod:`comparator.batched`; each event still gets its own tables, marker and
outcome). Every scheduler keeps a bounded number of batches in flight
(:data:`IN_FLIGHT` per worker) while the task list is read lazily, so memory
does not grow with the corpus. Each worker process loads the models
once: the process pool through its initializer, Dask through
:class:`comparator.corpus.dask_plugin.ModelPlugin` (a ``distributed.WorkerPlugin``). Workers write their
event's Parquet files and markers themselves (the output folder must be shared
by every node of a multi-node cluster); only the small
:class:`~comparator.corpus.events.EventOutcome` travels back.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from comparator.corpus.events import EventOutcome, EventTask
from comparator.corpus.worker import BATCH_EVENTS, iter_events, run_events, worker_encoder
from comparator.errors import ConfigError

__all__ = ["IN_FLIGHT", "SCHEDULERS", "check_scheduler", "run_tasks"]

log = logging.getLogger("comparator")
SCHEDULERS = ("processes", "dask")
#: Batches of events queued per worker beyond the one it is running.
IN_FLIGHT = 2
PLUGIN_NAME = "comparator-models"
#: Seconds to wait for a remote Dask scheduler before giving up.
CONNECT_TIMEOUT = 10

Report = Callable[[EventOutcome], None]


def init_process(settings: Any) -> None:
    """Load the encoder and spaCy into this worker process (once).

    Several workers share the machine's cores, so each runs ONNX Runtime on
    one thread (``COMPARATOR_ONNX_THREADS``, unless set): per-core thread pools
    in every process oversubscribe the cores and their busy-waiting threads
    stall each other.
    """
    import os

    from comparator.embed.onnx import THREADS_ENV

    os.environ.setdefault(THREADS_ENV, "1")
    worker_encoder(settings)  # load the encoder (and below, spaCy) once per pool process
    from comparator.nlp import load_nlp

    load_nlp()


def _run_in_pool(tasks: list[EventTask], out: str, settings: Any) -> list[EventOutcome]:
    return run_events(tasks, out, settings)


def _run_on_dask_worker(tasks: list[EventTask], out: str, settings: Any) -> list[EventOutcome]:
    return run_events(tasks, out, settings)  # the plugin already loaded the models in this process


def _batches(tasks: Iterable[EventTask], size: int = BATCH_EVENTS) -> Iterator[list[EventTask]]:
    batch: list[EventTask] = []
    for task in tasks:
        batch.append(task)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _failed(task: EventTask, reason: str, out: Path) -> EventOutcome:
    from comparator.corpus.events import read_marker, write_marker

    marker = read_marker(out, "done", task.key)  # finished before its batch's worker died: keep it
    if marker is not None and marker.get("fingerprint") == task.fingerprint:
        return EventOutcome(**marker)
    outcome = EventOutcome(key=task.key, name=task.name, status="failed", fingerprint=task.fingerprint,
                           reason=reason)
    write_marker(out, outcome)
    return outcome


def check_scheduler(scheduler: str, workers: int, address: str | None) -> None:
    """:class:`ConfigError` for an unknown scheduler, a worker count below 1, or an address without dask."""
    if scheduler not in SCHEDULERS:
        raise ConfigError(f"unknown scheduler {scheduler!r}.", hint=f"Choose one of: {', '.join(SCHEDULERS)}.")
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ConfigError(f"--workers must be a whole number, 1 or more, not {workers!r}.",
                          hint="Use --workers 2 on a 2-core machine.")
    if address and scheduler != "dask":
        raise ConfigError("--address needs --scheduler dask.", hint="Add --scheduler dask, or drop --address.")


def run_tasks(tasks: Iterable[EventTask], *, out: Path, settings: Any, scheduler: str = "processes",
              workers: int = 1, address: str | None = None, report: Report = lambda o: None,
              encoder: Any | None = None) -> None:
    """Run every task, calling ``report`` with each outcome as it arrives.

    ``scheduler="processes"`` with ``workers=1`` runs in this process; more workers
    use a spawn-started process pool. ``scheduler="dask"`` connects to
    ``address`` (``tcp://host:8786``) or starts a ``LocalCluster`` of ``workers``
    single-threaded processes. Raises :class:`ConfigError` for an unknown
    scheduler, a bad worker count, or an address without ``--scheduler dask``.
    """
    check_scheduler(scheduler, workers, address)
    if scheduler == "dask":
        _run_dask(iter(tasks), out=out, settings=settings, workers=workers, address=address, report=report)
    elif workers == 1:
        encoder = encoder or worker_encoder(settings)
        for batch in _batches(tasks):
            for outcome in iter_events(batch, out, settings, encoder):
                report(outcome)
    else:
        _run_pool(iter(tasks), out=out, settings=settings, workers=workers, report=report)


def _run_pool(tasks: Iterator[EventTask], *, out: Path, settings: Any, workers: int, report: Report) -> None:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    context = multiprocessing.get_context("spawn")  # no fork after threads/onnxruntime started
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=init_process,
                             initargs=(settings,)) as pool:
        running: dict[Any, list[EventTask]] = {}
        for batch in _chain_limit(_batches(tasks), running, workers * IN_FLIGHT,
                                  lambda: _drain(running, report, out, wait, FIRST_COMPLETED)):
            running[pool.submit(_run_in_pool, batch, str(out), settings)] = batch
        while running:
            _drain(running, report, out, wait, FIRST_COMPLETED)


def _chain_limit(tasks: Iterator[list[EventTask]], running: dict, limit: int, drain: Callable[[], None]
                 ) -> Iterator[list[EventTask]]:
    for task in tasks:
        while len(running) >= limit:
            drain()
        yield task


def _drain(running: dict, report: Report, out: Path, wait: Any, first: Any) -> None:
    done, _ = wait(list(running), return_when=first)
    for future in done:
        batch = running.pop(future)
        try:
            outcomes = future.result()
        except Exception as exc:  # a worker process died (killed, out of memory): keep the reason
            outcomes = [_failed(task, f"worker process failed: {type(exc).__name__}: {exc}", out) for task in batch]
        for outcome in outcomes:
            report(outcome)


def _run_dask(tasks: Iterator[EventTask], *, out: Path, settings: Any, workers: int, address: str | None,
              report: Report) -> None:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:  # pragma: no cover - a hard dependency
        raise ConfigError("Dask is not installed.", hint="pip install 'dask[distributed]>=2024.1'") from None

    if not log.isEnabledFor(logging.DEBUG):
        logging.getLogger("distributed").setLevel(logging.WARNING)  # cluster chatter only with -vv
    cluster = None
    if address:
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ConfigError(f"cannot connect to the Dask scheduler at {address} ({type(exc).__name__}: {exc}).",
                              hint="Start one with `dask scheduler` and pass its tcp://HOST:PORT, or drop "
                                   "--address to use a local cluster.") from None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        from comparator.corpus.dask_plugin import ModelPlugin

        client.register_plugin(ModelPlugin(settings), name=PLUGIN_NAME)
        slots = max(1, len(client.scheduler_info().get("workers", {})) or workers) * IN_FLIGHT
        pending: dict[Any, list[EventTask]] = {}
        queue = as_completed()

        def submit(batch: list[EventTask]) -> None:
            future = client.submit(_run_on_dask_worker, batch, str(out), settings, key=f"events-{batch[0].key}",
                                   pure=False, retries=0)
            pending[future] = batch
            queue.add(future)

        for batch in _batches(tasks):
            submit(batch)
            if len(pending) >= slots:
                _collect(next(queue), pending, report, out)
        for future in queue:
            _collect(future, pending, report, out)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _collect(future: Any, pending: dict, report: Report, out: Path) -> None:
    batch = pending.pop(future)
    try:
        outcomes = future.result()
    except Exception as exc:  # KilledWorker and friends: the batch's unfinished events fail, with the reason
        outcomes = [_failed(task, f"dask worker failed: {type(exc).__name__}: {exc}", out) for task in batch]
    future.release()
    for outcome in outcomes:
        report(outcome)
