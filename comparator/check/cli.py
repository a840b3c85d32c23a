"""The ``comparator check`` command (registered on the ``comparator`` group by :mod:`comparator.cli`).

Parses flags, calls :func:`comparator.check.check`, writes the chosen format and
exits 0 (nothing at or above the fail level), 1 (findings at or above it) or 2
(usage or input error, one message, no traceback).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from comparator.check.config import OUTPUT_FORMATS
from comparator.check.rules import LEVELS, OFF, RULE_CODES
from comparator.cli import analysis_options, handle_errors, verbosity_options


def _rule_levels(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    out = []
    for value in values:
        code, sep, level = value.partition("=")
        code, level = code.strip(), level.strip()
        if not sep or code not in RULE_CODES or level not in LEVELS + (OFF,):
            raise click.BadParameter(f"{value!r}: write RULE=LEVEL with a rule of {', '.join(RULE_CODES)} and a "
                                     f"level of {', '.join(LEVELS + (OFF,))}.", param_hint="--rule")
        out.append((code, level))
    return tuple(out)


def _not_an_input(output: str, inputs: list[str], example: str = "-o check.sarif") -> None:
    from comparator.errors import OutputError

    resolved = Path(output).resolve()
    for item in inputs:
        p = Path(item)
        if p.exists() and (p.resolve() == resolved or (p.is_dir() and p.resolve() in resolved.parents)):
            raise OutputError("is one of the inputs (or inside an input folder); it was not overwritten.",
                              path=output, hint=f"Write it somewhere else, e.g. {example}.")


def _check_target(output: str, inputs: list[str]) -> None:
    from comparator.check.formats import is_check_output
    from comparator.errors import OutputError

    target = Path(output)
    if target.is_dir():
        raise OutputError("is a folder; -o takes a file path.", path=output, hint="Give a file name, e.g. -o check.sarif.")
    _not_an_input(output, inputs)
    if target.exists() and not is_check_output(output):
        raise OutputError("exists and was not written by comparator check; it was left as it is.", path=output,
                          hint="Choose another file name, or move the file away.")


@click.command("check")
@click.argument("drafts", nargs=-1, required=True, type=click.Path())
@click.option("--source", "sources", multiple=True, metavar="PATH",
              help="A source the drafts are based on: a file, folder or URL (anything compare reads). Repeatable.")
@click.option("--source-dir", "source_dirs", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="A folder of sources (wire copy, the outlet's earlier stories, notes). Repeatable.")
@click.option("--output-format", "output_format", type=click.Choice(OUTPUT_FORMATS), default=None,
              help="Output format (default: text, or output-format in [tool.comparator.check]).")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
              help="Write the output to this file (atomically) instead of standard output.")
@click.option("--fail-on", type=click.Choice(LEVELS), default=None,
              help="Exit 1 when a finding is at this level or above (default: error).")
@click.option("--rule", "rules", multiple=True, metavar="RULE=LEVEL",
              help=f"Set a rule's level (error, warning, info) or turn it off; rules: {', '.join(RULE_CODES)}. "
                   "Repeatable.")
@click.option("--baseline", type=click.Path(dir_okay=False), default=None,
              help="Leave out findings accepted in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None,
              help="Write every finding to this baseline file (accepting them) and exit 0.")
@analysis_options
@verbosity_options
@handle_errors
def check(drafts: tuple[str, ...], sources: tuple[str, ...], source_dirs: tuple[str, ...],
          output_format: str | None, output: str | None, fail_on: str | None, rules: tuple[str, ...],
          baseline: str | None, write_baseline: str | None, model: str | None, backend: str | None,
          min_score: float | None, lexicons: tuple[str, ...], no_cache: bool, cache_dir: str | None,
          event: str | None, quiet: bool, verbose: int) -> None:
    """Check DRAFTS (articles being written) against their sources, like a linter.

    Every draft is compared with the same sources: numbers, dates and names the
    sources give differently, quotations not found verbatim (misquoted, credited
    to someone else, or unverified), sentences no source supports, loaded
    language in the draft's own voice and framing labels. Findings point at the
    draft's file:line:col. Exit code 0: nothing at or above --fail-on; 1:
    findings at or above it; 2: bad usage or input.
    """
    from comparator.check.baseline import write_baseline as save_baseline
    from comparator.check.config import load_check_settings
    from comparator.check.formats import render
    from comparator.check.runner import check as run_check
    from comparator.cli import _setup_logging, _use_color
    from comparator.config import load_settings
    from comparator.render.atomic import write_text

    _setup_logging(verbose, quiet)
    check_settings = load_check_settings(sources=sources, source_dirs=source_dirs, fail_on=fail_on,
                                         output_format=output_format, rules=_rule_levels(rules),
                                         lexicons=lexicons, baseline=baseline)
    settings = load_settings(model=model, backend=backend, min_score=min_score, lexicons=lexicons or None,
                             cache=False if no_cache else None, cache_dir=cache_dir)
    inputs = list(drafts) + list(check_settings.sources) + list(check_settings.source_dirs)
    if output:
        _check_target(output, inputs)
    if write_baseline:
        _not_an_input(write_baseline, inputs, "--write-baseline .comparator-baseline.json")
    progress = not quiet and sys.stderr.isatty()
    result = run_check(list(drafts), settings=settings, check_settings=check_settings, event=event,
                       progress=progress, baseline="" if write_baseline else None)
    if write_baseline:
        written = save_baseline(write_baseline, result.findings)
        if not quiet:
            click.echo(f"baseline: {len(result.findings)} finding(s) accepted in {written}", err=True)
        sys.exit(0)
    fmt = check_settings.output_format
    text = render(result, fmt, color=fmt == "text" and output is None and _use_color())
    if output:
        write_text(output, text)
        if not quiet and fmt != "text":
            click.echo(render(result, "text", color=_use_color()), nl=False)
    elif not quiet or fmt != "text":
        click.echo(text, nl=False)
    sys.exit(result.exit_code)
