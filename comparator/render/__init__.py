"""Renderers: ``report.json``, ``report.md``, ``report.html``, CSV/Parquet tables, terminal summary.

Importing this package is cheap: pandas and jinja2 load only when a table or
the HTML report is asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from comparator.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison

__all__ = ["FORMATS", "write_reports"]

#: Report formats and their file names.
FORMATS: dict[str, str] = {"json": "report.json", "md": "report.md", "html": "report.html"}


def _renderer(fmt: str) -> Callable[["Comparison"], str]:
    if fmt == "json":
        from comparator.render.json import to_json

        return to_json
    if fmt == "md":
        from comparator.render.markdown import render_markdown

        return render_markdown
    from comparator.render.html import render_html

    return render_html


def _formats(formats: Sequence[str] | str) -> list[str]:
    """Validated, de-duplicated formats in the order given (``"json,md"`` also accepted)."""
    if isinstance(formats, str):
        formats = formats.split(",")
    if not isinstance(formats, (list, tuple)) or not all(isinstance(f, str) for f in formats):
        raise ConfigError(f"formats must be a list of format names, not {formats!r:.60}.",
                          hint=f"Choose from: {', '.join(FORMATS)} (e.g. formats=['json', 'md']).")
    out: list[str] = []
    for fmt in formats:
        fmt = fmt.strip().lower()
        if fmt not in FORMATS:
            raise ConfigError(f"unknown report format {fmt!r}.",
                              hint=f"Choose from: {', '.join(FORMATS)}.")
        if fmt not in out:
            out.append(fmt)
    return out


def write_reports(
    comp: "Comparison",
    out_dir: str | Path,
    *,
    formats: Sequence[str] = ("json", "md", "html"),
    tables_dir: str | Path | None = None,
    inputs: Sequence[str | Path] | None = None,
) -> list[Path]:
    """Write the reports into ``out_dir`` (created if missing) and return the written paths.

    Every file is rendered in memory first, then written as one set
    (:class:`comparator.render.atomic.AtomicSet`): an existing report set is
    replaced only by a complete new one. With ``tables_dir``, the tables of
    :mod:`comparator.render.tables` are also written as CSV and Parquet.

    Raises :class:`OutputError` when ``out_dir`` or ``tables_dir`` holds an
    input (``inputs``, default: the articles' source paths) or when a target
    exists that comparator did not write (see :mod:`comparator.render.guard`).
    """
    from comparator.render.atomic import AtomicSet, ensure_dir
    from comparator.render.guard import check_output, remove_stale_temps

    chosen = _formats(formats)
    if inputs is None:
        inputs = [a.source_path for a in comp.articles if a.source_path]
    report_names = [FORMATS[fmt] for fmt in chosen]
    check_output(out_dir, inputs, report_names)
    if tables_dir is not None:
        from comparator.render.tables import TABLES

        table_names = [f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet")]
        check_output(tables_dir, inputs, table_names)
    directory = ensure_dir(out_dir)
    remove_stale_temps(directory, report_names)
    rendered = [(directory / FORMATS[fmt], _renderer(fmt)(comp)) for fmt in chosen]
    with AtomicSet() as files:
        for path, text in rendered:
            files.add_bytes(path, text.encode("utf-8"))
        written = [path for path, _ in rendered]
        if tables_dir is not None:
            from comparator.render.tables import write_tables

            tables = ensure_dir(tables_dir)
            remove_stale_temps(tables, table_names)
            written += write_tables(comp, tables, staged=files)
        files.commit()
    return written
