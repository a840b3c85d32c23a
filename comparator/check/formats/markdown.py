"""A Markdown summary for ``$GITHUB_STEP_SUMMARY`` or a merge-request comment: counts, then a table."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from comparator.check.records import CheckResult

ICONS = {"error": "🔴 error", "warning": "🟡 warning", "info": "🔵 info"}


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: pipes, backticks, angle brackets and line breaks escaped."""
    text = " ".join(text.split())
    for ch in "\\|`*_<>[]":
        text = text.replace(ch, "\\" + ch)
    return text


def render(result: "CheckResult", *, color: bool = False) -> str:
    counts = result.counts()
    status = "❌ failed" if result.failed else "✅ passed"
    lines = [f"## comparator check: {status}", "",
             f"{len(result.drafts)} draft(s) against {len(result.sources)} source(s): "
             f"**{counts['error']}** error(s), **{counts['warning']}** warning(s), **{counts['info']}** info "
             f"(fails on {result.fail_on}).", ""]
    if result.findings:
        lines += ["| Where | Level | Rule | Finding |", "|---|---|---|---|"]
        for f in result.findings:
            where = f"{f.location.path}:{f.location.line}:{f.location.column}"
            lines.append(f"| {cell(where)} | {ICONS[f.level]} | `{f.rule}` | {cell(f.message)} |")
        lines.append("")
    tally = {k: sum(d.quotes.get(k, 0) for d in result.drafts)
             for k in ("found", "misquote", "misattribution", "unverified")}
    if any(tally.values()):
        lines += [f"Quotations: {tally['found']} found in the sources, {tally['misquote']} misquoted, "
                  f"{tally['misattribution']} credited to someone else, {tally['unverified']} not found.", ""]
    hidden = sum(d.suppressed for d in result.drafts), sum(d.baselined for d in result.drafts)
    if any(hidden):
        lines += [f"{hidden[0]} finding(s) suppressed inline, {hidden[1]} accepted in the baseline.", ""]
    return "\n".join(lines)
