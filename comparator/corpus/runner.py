"""Run events on a scheduler: in this process, a local process pool, or a Dask cluster.

Events are the unit of work. Every scheduler keeps a bounded number of events
in flight (:data:`IN_FLIGHT` per worker) while the task list is read lazily, so
memory does not grow with the corpus. Each worker process loads the models
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
from comparator.corpus.worker import run_event, worker_encoder
from comparator.errors import ConfigError

__all__ = ["IN_FLIGHT", "SCHEDULERS", "check_scheduler", "run_tasks"]

log = logging.getLogger("comparator")
SCHEDULERS = ("processes", "dask")
#: Events queued per worker beyond the one it is running.
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


def _run_in_pool(task: EventTask, out: str, settings: Any) -> EventOutcome:
    return run_event(task, out, settings)


def _run_on_dask_worker(task: EventTask, out: str, settings: Any) -> EventOutcome:
    return run_event(task, out, settings)  # the plugin already loaded the models in this process


def _failed(task: EventTask, reason: str, out: Path) -> EventOutcome:
    from comparator.corpus.events import write_marker

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
        for task in tasks:
            report(run_event(task, out, settings, encoder))
    else:
        _run_pool(iter(tasks), out=out, settings=settings, workers=workers, report=report)


def _run_pool(tasks: Iterator[EventTask], *, out: Path, settings: Any, workers: int, report: Report) -> None:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    context = multiprocessing.get_context("spawn")  # no fork after threads/onnxruntime started
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=init_process,
                             initargs=(settings,)) as pool:
        running: dict[Any, EventTask] = {}
        for task in _chain_limit(tasks, running, workers * IN_FLIGHT, lambda: _drain(running, report, out, wait,
                                                                                      FIRST_COMPLETED)):
            running[pool.submit(_run_in_pool, task, str(out), settings)] = task
        while running:
            _drain(running, report, out, wait, FIRST_COMPLETED)


def _chain_limit(tasks: Iterator[EventTask], running: dict, limit: int, drain: Callable[[], None]
                 ) -> Iterator[EventTask]:
    for task in tasks:
        while len(running) >= limit:
            drain()
        yield task


def _drain(running: dict, report: Report, out: Path, wait: Any, first: Any) -> None:
    done, _ = wait(list(running), return_when=first)
    for future in done:
        task = running.pop(future)
        try:
            outcome = future.result()
        except Exception as exc:  # a worker process died (killed, out of memory): keep the reason
            outcome = _failed(task, f"worker process failed: {type(exc).__name__}: {exc}", out)
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
        pending: dict[Any, EventTask] = {}
        queue = as_completed()

        def submit(task: EventTask) -> None:
            future = client.submit(_run_on_dask_worker, task, str(out), settings, key=f"event-{task.key}",
                                   pure=False, retries=0)
            pending[future] = task
            queue.add(future)

        for task in tasks:
            submit(task)
            if len(pending) >= slots:
                _collect(next(queue), pending, report, out)
        for future in queue:
            _collect(future, pending, report, out)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _collect(future: Any, pending: dict, report: Report, out: Path) -> None:
    task = pending.pop(future)
    try:
        outcome = future.result()
    except Exception as exc:  # KilledWorker and friends: the event is failed, with the reason
        outcome = _failed(task, f"dask worker failed: {type(exc).__name__}: {exc}", out)
    future.release()
    report(outcome)
