"""``report.md``: a GitHub-flavoured Markdown summary sized for a pull-request comment.

Every piece of article text or metadata is escaped (HTML, Markdown, table
pipes, @-mentions), so a hostile article shows as text. The output stays under
:data:`MAX_CHARS`; whole rows or sections that do not fit are left out with a
note pointing to ``report.html`` and ``report.json``.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from comparator.render.common import (
    finding_articles,
    kind_severity_counts,
    omissions_by_article,
    outlet_stats,
    shared_fact_rows,
)
from comparator.render.overview import CELL_LABELS, KEY_FACTS, overview
from comparator.render.quotation import nested_quotation
from comparator.types import SEVERITIES, Evidence

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison

__all__ = ["MAX_CHARS", "escape", "render_markdown"]

MAX_CHARS = 65_000  # GitHub's limit for a comment body is 65,536
ALIGNED_ROWS = 50  # rows of the aligned-claims table at most
OMISSION_ROWS = 20  # omissions listed per outlet at most
CELL_CHARS = 300  # longest article text shown in one table cell
QUOTE_CHARS = 500  # longest evidence quote
_RESERVE = 400  # kept free for the closing note
_MORE = "see `report.html` and `report.json` for everything"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|~$])")  # $ opens GitHub math
_WJ = "\u2060"  # word joiner: invisible, but breaks GitHub's autolinks
#: GitHub references: #1, org/repo#3, GH-2 (any case); a word joiner after the mark stops the link.
_ISSUE_REF = re.compile(r"(#|\bGH-)(?=\d)", re.IGNORECASE)
#: Commit SHAs (7-40 hex characters with a digit and a letter) and autolinked URLs.
_SHA = re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])([0-9a-f]{6})([0-9a-f]{1,34})\b", re.IGNORECASE)
_AUTOLINK = re.compile(r"\b(https?|ftp|www)(?=(?::|\\?\.))", re.IGNORECASE)
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))([.)]?)")


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _escape_line_start(m: re.Match[str]) -> str:
    lead, mark, punct = m.groups()
    return f"{lead}{mark}\\{punct}" if punct else f"{lead}\\{mark}"


def escape(text: str | None, limit: int | None = None, *, line_start: bool = False) -> str:
    """Article text made inert in Markdown: one line, HTML and Markdown syntax shown literally.

    ``<``/``>``/``&`` become entities, Markdown punctuation and ``|`` are
    backslash-escaped (``$`` too: GitHub math), ``@`` gets a word joiner so no
    one is pinged, and so do GitHub references (``#1``, ``org/repo#3``,
    ``GH-2``), commit SHAs and URLs, so nothing links; bidirectional-override
    characters become U+FFFD. With ``line_start`` a leading ``#``, ``-``,
    ``1.``… cannot start a heading or a list.
    """
    if not text:
        return ""
    text = _clip(text, limit) if limit else " ".join(text.split())
    text = html.escape(text, quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if line_start:
        text = _LINE_START.sub(_escape_line_start, text)
    text = _ISSUE_REF.sub(lambda m: m.group(1) + _WJ, text)
    text = _SHA.sub(lambda m: m.group(1) + _WJ + m.group(2), text)
    text = _AUTOLINK.sub(lambda m: m.group(1) + _WJ, text)
    text = _BIDI.sub("\ufffd", text)
    return text.replace("@", "@" + _WJ)


class _Doc:
    """Markdown lines under a character budget."""

    def __init__(self, limit: int) -> None:
        self.lines: list[str] = []
        self.size = 0
        self.limit = limit
        self.truncated = False

    def fits(self, lines: list[str], reserve: int = _RESERVE) -> bool:
        return self.size + sum(len(s) + 1 for s in lines) + reserve <= self.limit

    def add(self, lines: list[str]) -> None:
        self.lines.extend(lines)
        self.size += sum(len(s) + 1 for s in lines)

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


def _section(doc: _Doc, head: list[str], rows: list[list[str]], what: str, foot: list[str] | None = None,
             max_rows: int | None = None) -> None:
    """Add a section: its head, as many whole rows as fit (at most ``max_rows``), then a note for the rest."""
    foot = foot or []
    if not doc.fits(head + (rows[0] if rows else []) + foot):
        doc.truncated = True
        note = [f"_{what}: left out to keep this comment short._", ""]
        if doc.fits(note):
            doc.add(note)
        return
    doc.add(head)
    shown = 0
    for row in rows[:max_rows]:
        if not doc.fits(row + foot):
            break
        doc.add(row)
        shown += 1
    if shown < len(rows):
        doc.truncated = True
        doc.add(["", f"_{len(rows) - shown} more {what} not shown; {_MORE}._"])
    doc.add(foot + [""])


def _title(comp: "Comparison") -> list[str]:
    outlets = " · ".join(escape(a.outlet, 80) for a in comp.articles[:8])
    if len(comp.articles) > 8:
        outlets += f" and {len(comp.articles) - 8} more"
    tool = comp.tool
    tool_line = "comparator"
    if tool is not None:
        tool_line = f"{escape(tool.name, 40)} {escape(tool.version, 40)} · embeddings {escape(tool.embedding_model, 80)}" \
                    f" · NLP {escape(tool.nlp_model, 80)}"
    return [f"## Comparison: {outlets}", "", f"{tool_line}  ", overview(comp).counts.sentence(), ""]


def _summary(comp: "Comparison") -> list[str]:
    lines = ["### Summary", ""]
    counts = kind_severity_counts(comp)
    if counts:
        lines += ["| kind | " + " | ".join(SEVERITIES) + " | total |",
                  "|---|" + "---:|" * (len(SEVERITIES) + 1)]
        for kind, by_sev in counts.items():
            cells = [str(by_sev.get(s, 0)) for s in SEVERITIES]
            lines.append(f"| {escape(kind, 40)} | " + " | ".join(cells) + f" | {sum(by_sev.values())} |")
        totals = [str(sum(1 for f in comp.findings if f.severity == s)) for s in SEVERITIES]
        lines.append("| **all** | " + " | ".join(totals) + f" | **{len(comp.findings)}** |")
    else:
        lines.append("No findings.")
    lines += ["", "| outlet | claims | boilerplate | in shared facts | cited in findings | omits |",
              "|---|---:|---:|---:|---:|---:|"]
    for s in outlet_stats(comp):
        lines.append(f"| {escape(s.outlet, 80)} | {s.claims} | {s.boilerplate} | {s.aligned} | {s.findings} | {s.omitted} |")
    lines += ["", OMITS_NOTE]
    return lines


#: What the "omits" column can and cannot say (see comparator.detect.omissions): precision first.
OMITS_NOTE = ("_omits_: facts other outlets report that this one is charged with leaving out, only on evidence "
              "(no similar sentence anywhere in it, or a number or name of the fact absent from its whole text). "
              "A fact it may have told in other words is not counted, so a low number is not proof of full coverage.")


def _quote(comp: "Comparison", ev: Evidence) -> str:
    try:
        outlet = comp.article(ev.article).outlet
    except KeyError:
        outlet = ev.article
    speaker = ev.speaker or ("unattributed" if ev.voice in ("quoted", "mixed") else None)
    who = ", ".join(w for w in (ev.voice, escape(speaker, 80)) if w)
    who = f" ({who})" if who else ""
    return f"> **{escape(outlet, 80)}**{who}: “{escape(nested_quotation(ev.text), QUOTE_CHARS)}”"


def _ranked_rows(comp: "Comparison") -> list[list[str]]:
    """The ranked differences (:mod:`comparator.render.ranking`): reason, message, up to three quotes."""
    rows = []
    by_id = {f.id: f for f in comp.findings}
    for r in overview(comp).ranked:
        f = by_id[r.finding]
        also = f" · {len(r.also)} more like it" if r.also else ""
        row = [f"**{r.rank}. {escape(r.reason, 200)}**{also} · {escape(f.kind, 40)} · `{_code(f.id)}`", "",
               escape(f.message, 1000, line_start=True), ""]
        for ev in f.evidence[:3]:
            row += [_quote(comp, ev), ">"]
        if f.evidence:
            row.pop()
        if len(f.evidence) > 3:
            more = len(f.evidence) - 3
            row += ["", f"_…and {more} more span{'s' if more > 1 else ''}._"]
        rows.append(row + [""])
    return rows


_CELL_MARK = {"reports": "✓", "differs": "≠ differs", "does_not": "✗ does not", "not_matched": "·"}


def _key_facts(comp: "Comparison") -> tuple[list[str], list[list[str]]]:
    head = ["### Key facts × outlets", "",
            "_✓ reports · ≠ differs (a divergence finding) · ✗ does not (an omission finding says so) · "
            f"· {CELL_LABELS['not_matched']} (no matching sentence; it may say it in other words)._", "",
            "| fact | " + " | ".join(escape(a.outlet, 40) for a in comp.articles) + " |",
            "|---|" + ":---:|" * len(comp.articles)]
    rows = []
    for k in overview(comp).key_facts[:KEY_FACTS]:
        lead = "**lead** · " if k.lead_of else ""
        rows.append([f"| {lead}{escape(k.gist, 120)} | " + " | ".join(_CELL_MARK[c.state] for c in k.cells) + " |"])
    return head, rows


def _headlines(comp: "Comparison") -> list[str]:
    lines = ["### Headlines", "", "| outlet | headline | labels | numbers |", "|---|---|---|---|"]
    for h in overview(comp).headlines:
        labels = ", ".join(f"“{escape(t, 60)}”" for t in h.labels) or "—"
        numbers = ", ".join(escape(n, 40) for n in h.numbers) or "—"
        if h.differs:
            numbers += " (≠ another headline)"
        lines.append(f"| {escape(h.outlet, 60)} | {escape(h.text, 200) or '(no headline)'} | {labels} | {numbers} |")
    return lines + [""]


def _profiles(comp: "Comparison") -> list[list[str]]:
    return [[f"**{escape(p.outlet, 80)}**: {escape(p.paragraph, 1500)}", ""] for p in overview(comp).outlets]


def _code(text: str) -> str:
    """Text safe inside a single-backtick code span."""
    return " ".join(text.replace("`", "'").split())[:80]


def _aligned(comp: "Comparison") -> tuple[list[str], list[list[str]]]:
    head = ["### Shared facts", "", "_Facts two or more outlets carry; score: mean alignment score inside the fact._", "",
            "| score | " + " | ".join(escape(a.outlet, 60) for a in comp.articles) + " |",
            "|---:|" + "---|" * len(comp.articles)]
    rows = []
    for row in shared_fact_rows(comp):
        cells = [" <br> ".join(escape(c.text, CELL_CHARS) for c in claims) or "—" for claims in row.cells]
        rows.append([f"| {row.score:.2f} | " + " | ".join(cells) + " |"])
    return head, rows


def _omissions(comp: "Comparison") -> list[tuple[list[str], list[list[str]], str]]:
    """One (head, rows, label) per article that misses something."""
    out = []
    outlets = {a.id: a.outlet for a in comp.articles}
    for article_id, findings in omissions_by_article(comp).items():
        if not findings:
            continue
        head = [f"#### Not in {escape(outlets[article_id], 80)} ({len(findings)})", ""]
        rows = []
        for f in findings:
            carriers = ", ".join(escape(outlets.get(a, a), 60) for a in finding_articles(comp, f))
            lead = f.evidence[0].text if f.evidence else f.message
            rows.append([f"- {carriers}: “{escape(lead, CELL_CHARS)}”"])
        out.append((head, rows, f"omissions from {escape(outlets[article_id], 60)}"))
    return out


def render_markdown(comp: "Comparison", *, max_chars: int = MAX_CHARS) -> str:
    """The Markdown report, in the HTML report's order: ranked differences, key facts x outlets,
    headlines, one paragraph per outlet, then the summary, shared facts and omissions."""
    doc = _Doc(max_chars)
    doc.add(_title(comp))
    ranked = _ranked_rows(comp)
    head = ["### Most important differences", "",
            "_Ranked by kind, lead fact, headline and confidence (not severity); duplicates folded in._", ""]
    if ranked:
        _section(doc, head, ranked, "ranked differences")
    head, rows = _key_facts(comp)
    view = overview(comp)
    only = [f"{escape(a.outlet, 60)} {n}" for a, (_, n) in zip(comp.articles, view.only_in)]
    foot = [f"_Facts only one outlet reports: {' · '.join(only)} (listed under Omissions)._"] \
        if any(n for _, n in view.only_in) else []
    if rows:
        _section(doc, head, rows, "key facts", foot=[""] + foot if foot else None)
    _section(doc, _headlines(comp), [], "headlines")
    _section(doc, ["### Outlets", ""], _profiles(comp), "outlet paragraphs")
    _section(doc, _summary(comp), [], "summary")
    head, rows = _aligned(comp)
    if rows:
        _section(doc, head, rows, "shared facts", max_rows=ALIGNED_ROWS)
    omissions = _omissions(comp)
    if omissions:
        if doc.fits(["### Omissions", ""]):
            doc.add(["### Omissions", ""])
        for head, rows, label in omissions:
            _section(doc, head, rows, label, max_rows=OMISSION_ROWS)
    cut = "Parts were left out to fit a comment. " if doc.truncated else ""
    doc.add(["---", f"_{cut}Full report: `report.html` (interactive) and `report.json` (data)._"])
    text = doc.text()
    assert len(text) <= max_chars, len(text)
    return text
