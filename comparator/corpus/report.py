"""The corpus report: tables (Parquet + CSV), ``corpus.md`` and a self-contained ``corpus.html``.

The HTML page loads nothing: its style is pinned by a Content-Security-Policy
hash (``default-src 'none'``, like the event report) and each plot is a static
SVG from :mod:`.plots` embedded as a ``data:`` image (an SVG image cannot run
script or fetch anything). Every plotted number is also in the table under it.
All files are written atomically (:mod:`comparator.render.atomic`).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["write_corpus_report"]

EVENT_COLUMNS = {"key": "string", "name": "string", "status": "string", "articles": "Int64", "outlets": "Int64",
                 "sentences": "Int64", "seconds": "Float64", "reason": "string", "fingerprint": "string"}
BAD_COLUMNS = {"where": "string", "reason": "string"}
CSS = ("body{font:15px/1.45 system-ui,sans-serif;margin:0;background:#fafafa;color:#222}"
       "main{max-width:60rem;margin:auto;padding:1rem 1.5rem}table{border-collapse:collapse;margin:.5rem 0 1.5rem;"
       "font-size:13px}th,td{border-bottom:1px solid #ddd;padding:.2rem .6rem;text-align:left;vertical-align:top}"
       "figure{margin:0}img{max-width:100%}.unit{color:#555}footer{color:#777;font-size:12px;margin-top:2rem}")


def events_frame(out: Path) -> "pd.DataFrame":
    """One row per event from the done/failed markers (status, counts, reason)."""
    import pandas as pd

    from comparator.corpus.events import live_keys

    rows, live = [], live_keys(out)
    for kind in ("done", "failed"):
        for path in sorted((out / "state" / kind).glob("*.json")):
            if path.stem in live:  # an earlier input's events are kept on disk, not reported
                rows.append(json.loads(path.read_text(encoding="utf-8")))
    frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    frame["status"] = frame["status"].replace({"resumed": "done"})
    return frame.astype(EVENT_COLUMNS).sort_values("key").reset_index(drop=True)


def bad_records_frame(out: Path) -> "pd.DataFrame":
    import pandas as pd

    path = out / "state" / "bad_records.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")] if path.is_file() else []
    return pd.DataFrame(rows, columns=list(BAD_COLUMNS)).astype(BAD_COLUMNS)


def _write_table(out: Path, name: str, frame: "pd.DataFrame") -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from comparator.render.atomic import atomic_path, ensure_dir, write_text

    folder = ensure_dir(out / "tables")
    with atomic_path(folder / f"{name}.parquet") as tmp:
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp)
    write_text(folder / f"{name}.csv", frame.to_csv(index=False, lineterminator="\n"))
    return [folder / f"{name}.parquet", folder / f"{name}.csv"]


def _fmt(value: Any, digits: int = 2) -> str:
    import pandas as pd

    return "" if value is None or pd.isna(value) else f"{float(value):,.{digits}f}"


def _sections(outlets: "pd.DataFrame") -> list[dict[str, Any]]:
    from comparator.corpus.aggregates import STATISTICS
    from comparator.corpus.plots import interval_plot

    notes = {
        "loaded language (own voice)": "Lexicon terms in the outlet's own (authorial) voice, not in quotes.",
        "omission rate": "Facts at least one other outlet reports, left out per the omission detector; "
                         "claims neither aligned nor found omitted are not compared.",
        "divergent facts": "Numbers, dates or names that disagree with the aligned sentence of another outlet.",
        "sourcing mix": "Quoted sentences by who is quoted: a named person, an organisation, or an unnamed source "
                        "or role.",
        "lede reported late by another outlet": "Events where another outlet reports this outlet's lede only "
                                                "in the bottom half of its article.",
    }
    sections = []
    for stat in STATISTICS:
        part = outlets[outlets["statistic"] == stat.name]
        if part.empty:
            continue
        # plotted: outlets with an interval only (a dot from one or two events would look like a finding)
        headline = part[part["category"].isna() & part["ci_low"].notna()]
        svg = None
        if not headline.empty:
            text = interval_plot(headline, stat.name, stat.unit)
            svg = "data:image/svg+xml;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")
        rows = [{"outlet": r.outlet, "category": None if _missing(r.category) else r.category,
                 "value": _fmt(r.value),
                 "ci": f"{_fmt(r.ci_low)} – {_fmt(r.ci_high)}" if not _missing(r.ci_low) else "too few events",
                 "events": int(r.events)} for r in part.itertuples()]
        sections.append({"title": stat.name, "unit": stat.unit, "note": notes.get(stat.name, ""), "svg": svg,
                         "rows": rows, "categories": stat.by_category})
    return sections


def _missing(value: Any) -> bool:
    import pandas as pd

    return value is None or bool(pd.isna(value))


#: A grouped story's name ends with its member hash: "Headline [0123abcd]".
_STORY_HASH = re.compile(r"^(.*?) ?(\[[0-9a-f]{8}\])$", re.DOTALL)


def _code(text: str) -> str:
    """``text`` as a Markdown code span, copyable as-is (no escapes, no invisible characters)."""
    text = " ".join(str(text).split())
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _event_md(name: str, key: str | None) -> str:
    """An event's name for Markdown: the headline escaped, its story hash and its key as code spans.

    :func:`comparator.render.markdown.escape` puts an invisible word joiner
    (U+2060) into hex runs so GitHub does not autolink them as commits; hashes
    and keys must stay copyable, so they go in code spans (never autolinked).
    """
    from comparator.render.markdown import escape

    match = _STORY_HASH.match(name)
    head, tag = (match.group(1), match.group(2)) if match else (name, None)
    text = escape(head) + (f" {_code(tag)}" if tag else "")
    return text + (f" (key {_code(key)})" if key else "")


def _markdown(summary: dict[str, Any], sections: list[dict[str, Any]], framing: "pd.DataFrame",
              leads: "pd.DataFrame", problems: list[dict[str, Any]]) -> str:
    from comparator.render.markdown import escape

    lines = ["# Corpus report", "",
             f"{summary['done'] + summary['resumed']} of {summary['events']} events compared "
             f"({summary['skipped']} skipped, {summary['failed']} failed), {summary['outlets']} outlets. "
             "Outlets are compared statistic by statistic, never ranked on one score; intervals are 95 % "
             "bootstrap intervals over events.", ""]
    for sec in sections:
        lines += [f"## {sec['title']}", "", f"{sec['unit']}. {escape(sec['note'])}", ""]
        head = "| outlet |" + (" category |" if sec["categories"] else "") + " value | 95 % interval | events |"
        lines += [head, "|" + "---|" * (head.count("|") - 1)]
        for r in sec["rows"]:
            cat = f" {escape(r['category'] or 'all')} |" if sec["categories"] else ""
            lines.append(f"| {escape(r['outlet'])} |{cat} {r['value']} | {r['ci']} | {r['events']} |")
        lines.append("")
    lines += ["## Framing map", "", "| entity | outlet | label | uses | events |", "|---|---|---|---|---|"]
    for r in framing.itertuples():
        lines.append(f"| {escape(r.entity)} | {escape(r.outlet)} | {escape(r.label)} | {r.uses} | {r.events} |")
    lines += ["", "## What each outlet leads with", "", "| outlet | entity | ledes | share of events |",
              "|---|---|---|---|"]
    for r in leads.itertuples():
        lines.append(f"| {escape(r.outlet)} | {escape(r.entity)} | {r.ledes} | {_fmt(r.share)} |")
    lines += ["", "## Events not compared", ""]
    lines += [f"- {_event_md(p['name'], p['key'])}: {p['status']}, {escape(p['reason'])}"
              for p in problems] or ["none"]
    return "\n".join(lines) + "\n"


def write_corpus_report(out: Path) -> list[Path]:
    """Aggregate the per-event datasets and write tables/, corpus.md and corpus.html; the paths written."""
    from comparator import __version__
    from comparator.corpus.aggregates import MIN_EVENTS, TOP_LABELS, event_counts, framing_map, lead_entities, \
        outlet_statistics
    from comparator.render.atomic import write_text

    outlets = outlet_statistics(event_counts(out))
    framing, leads = framing_map(out), lead_entities(out)
    events, bad = events_frame(out), bad_records_frame(out)
    written: list[Path] = []
    for name, frame in (("outlets", outlets), ("framing_map", framing), ("lead_entities", leads),
                        ("events", events), ("bad_records", bad)):
        written += _write_table(out, name, frame)
    counts = events["status"].value_counts()
    summary = {"events": len(events), "done": int(counts.get("done", 0)), "resumed": 0,
               "skipped": int(counts.get("skipped", 0)), "failed": int(counts.get("failed", 0)),
               "bad_records": len(bad), "outlets": int(outlets["outlet"].nunique()) if len(outlets) else 0}
    problems = [{"name": r.name, "key": r.key, "status": r.status, "reason": r.reason or ""}
                for r in events.itertuples() if r.status != "done"]
    sections = _sections(outlets)
    framing_rows = [{k: getattr(r, k) for k in ("entity", "outlet", "label", "uses", "events")}
                    for r in framing.itertuples()]
    lead_rows = [{"outlet": r.outlet, "entity": r.entity, "ledes": r.ledes, "share": _fmt(r.share)}
                 for r in leads.itertuples()]
    csp = ("default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
           f"style-src 'sha256-{base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()}'")
    template = _template()
    html = template.render(csp=csp, css=CSS, summary=summary, sections=sections, framing=framing_rows,
                           leads=lead_rows, problems=problems, min_events=MIN_EVENTS, top_labels=TOP_LABELS,
                           version=__version__)
    written.append(write_text(out / "corpus.html", html))
    written.append(write_text(out / "corpus.md", _markdown(summary, sections, framing, leads, problems)))
    return written


def _template() -> Any:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
                      autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    return env.get_template("corpus.html.j2")
