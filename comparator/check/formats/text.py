"""Human text: one ``file:line:col: level rule message`` line per finding, then a summary line."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from comparator.check.records import CheckResult

_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _clean(text: str) -> str:
    from comparator.render.terminal import _clean as inert

    return inert(text, 2000)


def render(result: "CheckResult", *, color: bool = False) -> str:
    """The findings as lines; ANSI colours for levels when ``color``; control characters made inert."""
    import click

    lines = []
    for f in result.findings:
        level = click.style(f.level, fg=_COLORS[f.level], bold=True) if color else f.level
        where = f"{f.location.path}:{f.location.line}:{f.location.column}"
        lines.append(f"{_clean(where)}: {level} {f.rule} {_clean(f.message)}")
    counts = result.counts()
    drafts = len(result.drafts)
    hidden = sum(d.suppressed for d in result.drafts), sum(d.baselined for d in result.drafts)
    summary = (f"{drafts} draft{'s' if drafts != 1 else ''} checked against {len(result.sources)} "
               f"source{'s' if len(result.sources) != 1 else ''}: {counts['error']} error(s), "
               f"{counts['warning']} warning(s), {counts['info']} info")
    if any(hidden):
        summary += f" ({hidden[0]} suppressed inline, {hidden[1]} in the baseline)"
    summary += f"; fails on {result.fail_on}: {'failed' if result.failed else 'passed'}."
    lines.append(summary)
    return "\n".join(lines) + "\n"
