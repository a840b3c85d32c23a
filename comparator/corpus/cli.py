"""``comparator corpus``: the thin command over :func:`comparator.corpus.compare_corpus`."""

from __future__ import annotations

import sys

import click

from comparator.cli import analysis_options, handle_errors, inert, verbosity_options


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False),
              help="Corpus output folder (new, empty, or an earlier corpus run's folder to resume).")
@click.option("--event-field", default="event", show_default=True,
              help="Record field naming each article's event; records without it are grouped into stories.")
@click.option("--date-field", default="published", show_default=True,
              help="Record field holding the publication date (read when 'published' is absent).")
@click.option("--group-threshold", type=click.FloatRange(0, 1), default=None, metavar="NUMBER 0..1",
              help="Story grouping: headline+lead similarity needed to join (default: fitted, 0.68).")
@click.option("--window-days", type=click.FloatRange(0), default=None, metavar="DAYS",
              help="Story grouping: articles further apart in time are never one story (default: 3).")
@click.option("--scheduler", type=click.Choice(["processes", "dask"]), default="processes", show_default=True,
              help="processes: a local process pool (1 worker = this process); dask: a Dask cluster.")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True,
              help="Worker processes (each loads the models once). With dask and no --address: a LocalCluster.")
@click.option("--address", default=None, metavar="tcp://HOST:PORT",
              help="Dask scheduler to connect to (with --scheduler dask); see docs/corpus.md for multi-node use.")
@analysis_options(event=False)
@verbosity_options
@handle_errors
def corpus(inputs: tuple[str, ...], output: str, event_field: str, date_field: str, group_threshold: float | None,
           window_days: float | None, scheduler: str, workers: int, address: str | None, model: str | None,
           backend: str | None, min_score: float | None, lexicons: tuple[str, ...], no_cache: bool,
           cache_dir: str | None, quiet: bool, verbose: int) -> None:
    """Compare every event of a corpus and write per-outlet statistics across events.

    INPUTS are JSONL/CSV/Parquet files with one article per record, or a folder
    of event folders. Writes corpus.html, corpus.md, tables/ (CSV and Parquet)
    and data/ (per-event Parquet datasets) to --output. Rerunning into the same
    folder resumes: finished events are skipped. Failed events are listed with
    their reason and do not stop the run. Exit code 2 on bad input or options.
    """
    import dataclasses

    from comparator.cli import _setup_logging
    from comparator.config import load_settings
    from comparator.corpus import GroupingSettings, compare_corpus

    _setup_logging(verbose, quiet)
    settings = load_settings(model=model, backend=backend, min_score=min_score, lexicons=lexicons or None,
                             cache=False if no_cache else None, cache_dir=cache_dir)
    grouping = GroupingSettings()
    if group_threshold is not None:
        grouping = dataclasses.replace(grouping, threshold=group_threshold)
    if window_days is not None:
        grouping = dataclasses.replace(grouping, window_days=window_days)
    result = compare_corpus(list(inputs), output, settings=settings, event_field=event_field,
                            date_field=date_field, grouping=grouping, scheduler=scheduler, workers=workers,
                            address=address, progress=not quiet and sys.stderr.isatty())
    if not quiet:
        click.echo(f"{result.events} events: {result.done} compared, {result.resumed} already done, "
                   f"{result.skipped} skipped, {result.failed} failed"
                   + (f"; {result.bad_records} unreadable records" if result.bad_records else "")
                   + f" ({result.sentences:,} sentences in {result.seconds:.1f} s).")
        if result.timings:
            click.echo("time by stage: " + ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items()) + ".")
        click.echo(f"report: {inert(str(result.out_dir / 'corpus.html'))}")
