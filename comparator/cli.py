"""The ``comparator`` command: parse flags, call one public function, print, map errors.

Every error comparator raises on purpose (:class:`ComparatorError`) exits with
code 2 and a one-paragraph message; nothing here does analysis.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import Any, Callable

import click

from comparator import __version__
from comparator.errors import ComparatorError

EXIT_INPUT = 2
FORMATS = ("json", "md", "html")


def inert(text: str, limit: int = 100_000) -> str:
    """``text`` safe to print on a terminal: control and format characters (ANSI/OSC
    escapes, bidi overrides, lone surrogates) become U+FFFD, whitespace runs one space."""
    from comparator.render.terminal import _clean

    return _clean(text, limit)


def _fail(message: str) -> None:
    click.echo(f"comparator: error: {inert(message)}", err=True)
    sys.exit(EXIT_INPUT)


def _inert_json(text: str) -> str:
    """JSON text with every control/format character written as a ``\\uXXXX`` escape (same data)."""
    import unicodedata

    def escape(ch: str) -> str:
        if ord(ch) <= 0x7E or unicodedata.category(ch)[0] != "C":
            return ch
        units = ch.encode("utf-16-be", "surrogatepass")
        return "".join(f"\\u{int.from_bytes(units[i:i + 2], 'big'):04x}" for i in range(0, len(units), 2))

    return "".join(escape(ch) for ch in text)


def _terminate(signum: int, frame: Any) -> None:
    """SIGTERM unwinds like Ctrl-C, so temporary report files are removed on the way out."""
    raise SystemExit(128 + signum)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn ComparatorError (and interrupts) into messages and exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ComparatorError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            click.echo("comparator: interrupted", err=True)
            sys.exit(130)

    return wrapper


def analysis_options(func: Callable[..., Any] | None = None, *, event: bool = True) -> Any:
    """Flags shared by every command that compares articles (``event=False``: without --event)."""
    if func is None:
        return functools.partial(analysis_options, event=event)
    decorators = [
        click.option("--model", default=None, metavar="NAME|DIR",
                     help="Sentence-transformers model: a local folder or a hub name "
                          "(default: the packaged all-MiniLM-L6-v2, offline)."),
        click.option("--backend", type=click.Choice(["onnx", "torch"]), default=None,
                     help="Embedding backend: onnx (default; ONNX Runtime, no torch at run time) or torch."),
        click.option("--min-score", type=float, default=None, metavar="NUMBER 0..1",
                     help="Alignment threshold on the combined score (default: fitted on MRPC)."),
        click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=False),
                     help="Extra loaded-language lexicon (YAML, or a Vale substitution/existence rule). Repeatable."),
        click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache."),
        click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
                     help="Embedding cache folder (default: the platform's user cache folder)."),
        click.option("--event", default=None,
                     help="For JSON/JSONL/CSV corpora holding several events: the event to compare."),
    ]
    if not event:
        decorators.pop()
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def output_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Flags that choose where and how reports are written."""
    decorators = [
        click.option("-o", "--output", "output", type=click.Path(file_okay=False), default=None,
                     help="Report folder (default: reports/<event folder name>)."),
        click.option("--format", "formats", default=",".join(FORMATS), show_default=True,
                     help="Comma-separated report formats: json, md, html."),
        click.option("--tables", "tables_dir", type=click.Path(file_okay=False), default=None,
                     help="Also write claims, alignments, findings and entities as CSV and Parquet here."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def verbosity_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")(func)
    func = click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")(func)
    return func


class _InertFormatter(logging.Formatter):
    """Log lines carry file names and article text: print them with escapes neutralised."""

    def format(self, record: logging.LogRecord) -> str:
        return inert(super().format(record))


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, format="comparator: %(levelname)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setFormatter(_InertFormatter("comparator: %(levelname)s: %(message)s"))


def _default_output(paths: tuple[str, ...]) -> Path:
    if len(paths) == 1 and Path(paths[0]).is_dir():
        name = Path(paths[0]).resolve().name
    else:
        name = "comparison"
    return Path("reports") / (re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "comparison")


def _parse_formats(value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise click.BadParameter(f"{', '.join(unknown) or 'nothing'} is not a report format; "
                                 f"choose from {', '.join(FORMATS)}.", param_hint="--format")
    return formats


def _use_color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="comparator")
def cli() -> None:
    """Show how different news outlets tell the same story.

    Give it two or more articles about one event (text/Markdown with front
    matter, saved HTML pages, JSON/JSONL/CSV corpora, or a folder of them).
    It aligns their claims and reports omissions, divergent facts and framing.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@analysis_options
@output_options
@verbosity_options
@handle_errors
def compare(paths: tuple[str, ...], model: str | None, backend: str | None, min_score: float | None,
            lexicons: tuple[str, ...], no_cache: bool, cache_dir: str | None, event: str | None,
            output: str | None, formats: str, tables_dir: str | None, quiet: bool, verbose: int) -> None:
    """Compare the articles in PATHS (files, folders or http(s) URLs; together one event).

    Writes report.json, report.md and report.html to the output folder and
    prints a short summary. Exit code 2 on bad input.
    """
    from comparator.config import load_settings
    from comparator.pipeline import compare as run_compare
    from comparator.render import FORMATS as FILES
    from comparator.render import write_reports
    from comparator.render.guard import check_output, own_names
    from comparator.render.terminal import summary

    _setup_logging(verbose, quiet)
    chosen = _parse_formats(formats)
    settings = load_settings(model=model, backend=backend, min_score=min_score, lexicons=lexicons or None,
                             cache=False if no_cache else None, cache_dir=cache_dir)
    out_dir = Path(output) if output else _default_output(paths)
    # refuse unsafe output folders now, not after the analysis
    check_output(out_dir, paths, [FILES[f] for f in chosen])
    if tables_dir is not None:
        check_output(tables_dir, paths, [n for n in own_names() if not n.startswith("report.")])
    progress = not quiet and sys.stderr.isatty()
    comp = run_compare(list(paths), settings=settings, event=event, progress=progress)
    written = write_reports(comp, out_dir, formats=chosen, tables_dir=tables_dir, inputs=list(paths))
    if not quiet:
        click.echo(summary(comp, written, color=_use_color()))
    if verbose:
        stages = ", ".join(f"{k} {v:.2f}s" for k, v in comp.timings.items())
        click.echo(f"timings: {stages}", err=True)


@cli.command()
@click.argument("path", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")
@click.option("--event", default=None, help="For corpora holding several events: the event to show.")
@handle_errors
def claims(path: str, as_json: bool, event: str | None) -> None:
    """Print the claims of the article(s) in PATH with voice, speaker and boilerplate.

    Use it to inspect sentence segmentation and quote attribution.
    """
    from comparator.claims import extract_claims
    from comparator.load import load_articles
    from comparator.nlp import parse_articles

    from comparator.load.headline import with_headline

    articles = tuple(with_headline(a) for a in load_articles([path], event=event))
    docs = parse_articles(articles)
    for article in articles:
        found = extract_claims(article, docs[article.id])
        if as_json:
            for c in found:
                record = {k: v for k, v in c.to_dict().items() if k not in ("facts", "mentions")}
                click.echo(_inert_json(json.dumps(record, ensure_ascii=False)))
            continue
        click.echo(f"# {inert(article.outlet)} ({inert(article.source_path or article.id)}): {len(found)} claims")
        for c in found:
            flag = f"boilerplate:{c.boilerplate_reason}" if c.boilerplate else c.voice
            who = c.speaker or c.speaker_reason  # "unattributed": a quote with no speaker
            speaker = f" [{inert(who)}]" if who else ""
            click.echo(f"{inert(c.id):>16}  {flag:<20}{speaker} {inert(c.text)}")


@cli.group()
def model() -> None:
    """Prepare or inspect the embedding model (the ONNX export the default backend runs)."""


@model.command("prepare")
@click.option("--model", "model_name", default=None, metavar="NAME|DIR",
              help="Sentence-transformers model: a local folder or a hub name (default: the packaged one).")
@click.option("--model-dir", type=click.Path(file_okay=False), default=None,
              help="Folder of exported models (default: $COMPARATOR_MODEL_DIR or models/ in the user cache).")
@handle_errors
def prepare(model_name: str | None, model_dir: str | None) -> None:
    """Export the model to ONNX now, so no later run needs torch (for CI images; `make setup` runs it).

    Does nothing if the export already exists. Prints where it is and its sha256.
    """
    from comparator.config import load_settings
    from comparator.embed import prepare_model

    settings = load_settings(model=model_name, model_dir=model_dir)
    exported = prepare_model(settings)
    click.echo(f"{exported.path}  sha256 {exported.sha256}  "
               f"(weights {exported.weights_sha256[:12]}, parity {exported.meta.get('parity_max_abs_diff', 0):.1e})")


# The mode commands live in their own packages; they import the shared options above, so they come last.
from comparator.check.cli import check as _check_command  # noqa: E402
from comparator.corpus.cli import corpus as _corpus_command  # noqa: E402

cli.add_command(_check_command)
cli.add_command(_corpus_command)


def main() -> None:
    """Console-script entry point."""
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    cli(prog_name="comparator")
