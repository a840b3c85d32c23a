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
) -> list[Path]:
    """Write the reports into ``out_dir`` (created if missing) and return the written paths.

    Every file is rendered in memory first, then written atomically: an
    existing report is replaced only by a complete new one. With ``tables_dir``,
    the tables of :mod:`comparator.render.tables` are also written as CSV and Parquet.
    """
    from comparator.render.atomic import ensure_dir, write_text

    chosen = _formats(formats)
    directory = ensure_dir(out_dir)
    if tables_dir is not None:
        ensure_dir(tables_dir)
    rendered = [(directory / FORMATS[fmt], _renderer(fmt)(comp)) for fmt in chosen]
    written = [write_text(path, text) for path, text in rendered]
    if tables_dir is not None:
        from comparator.render.tables import write_tables

        written += write_tables(comp, tables_dir)
    return written
