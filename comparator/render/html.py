"""The HTML report: one self-contained page (inline CSS/JS/SVG, no network requests).

Everything from the input (article text, titles, outlets, URLs, speakers,
messages) is untrusted: it reaches the page only through jinja2 autoescaping,
or, for the script, through :func:`json_for_script`. The page's own style and
script are pinned by a Content-Security-Policy hash, so injected markup could
not run even if escaping failed.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Mapping, Sequence
from urllib.parse import urlsplit

from comparator.render.quotation import nested_quotation
from comparator.types import SEVERITIES

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

    from comparator.comparison import Comparison
    from comparator.render.html_rows import Row

__all__ = ["render_html", "json_for_script", "safe_url"]

SEVERITY_ICON = {"error": "✖", "warning": "⚠", "info": "ℹ"}
VOICE_ICON = {"authorial": "✎", "quoted": "❝", "mixed": "❞"}
VOICE_LABEL = {"authorial": "authorial", "quoted": "quoted", "mixed": "partly quoted"}
CELL_ICON = {"reports": "✓", "differs": "≠", "does_not": "✗", "not_matched": "·"}
MAX_COLUMNS = 6  # more outlets than this: the reader picks which columns to show
PICKER_FROM = 4  # the column picker appears from this many outlets
ROW_CARDS = 2  # finding cards shown in a side-by-side row before the rest fold
OPEN_FINDINGS = 30  # up to this many findings, every kind's list starts open; above, folded by kind


@dataclass(frozen=True)
class ArticleView:
    id: str
    outlet: str
    title: str | None
    url: str | None  # http(s) only, else None
    raw_url: str | None  # shown as text when not a safe link
    published: str | None
    source_path: str | None
    column: int
    visible: bool


@dataclass(frozen=True)
class EvidenceView:
    article: str
    outlet: str
    claim: str | None
    text: str
    voice: str | None
    speaker: str | None


@dataclass(frozen=True)
class FindingView:
    id: str
    kind: str
    kind_label: str
    severity: str
    confidence: float
    message: str
    entity: str | None
    articles: tuple[str, ...]
    outlets: tuple[str, ...]
    evidence: tuple[EvidenceView, ...]
    rows: tuple[str, ...]  # row ids holding its evidence
    has_anchor: bool


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL, else None (``javascript:`` etc. stay text)."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(ch in url for ch in "\"'<> \n\t"):
        return url
    return None


def json_for_script(data: Any) -> str:
    """JSON text safe inside ``<script type="application/json">``: ``<``, ``>``, ``&`` escaped."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@lru_cache(maxsize=1)
def _environment() -> "jinja2.Environment":
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("comparator.render", "templates"),
        autoescape=jinja2.select_autoescape(["html", "htm", "xml", "j2", "svg"],
                                            default_for_string=True, default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _static(name: str) -> str:
    env = _environment()
    source, _, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
    return source


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def event_title(comp: "Comparison") -> str:
    """``extras["event"]``, else the folder all articles share, else the first title."""
    event = comp.extras.get("event") if hasattr(comp.extras, "get") else None
    if isinstance(event, str) and event.strip():
        return event.strip()
    folders = {PurePath(a.source_path.split("#", 1)[0]).parent.name if a.source_path else ""
               for a in comp.articles}
    if len(folders) == 1 and "" not in folders:
        return folders.pop()
    for a in comp.articles:
        if a.title:
            return a.title
    return "Untitled event"


def _articles(comp: "Comparison") -> tuple[ArticleView, ...]:
    out = []
    for i, a in enumerate(comp.articles):
        link = safe_url(a.url)
        out.append(ArticleView(id=a.id, outlet=a.outlet, title=a.title, url=link,
                               raw_url=None if link else (a.url or None), published=a.published,
                               source_path=a.source_path, column=i, visible=i < MAX_COLUMNS))
    return tuple(out)


def _findings(comp: "Comparison", rows: "Sequence[Row]", anchors: Mapping[str, Any]) -> tuple[FindingView, ...]:
    from comparator.render.html_rows import finding_articles
    from comparator.render.html_tables import kind_label

    outlet = {a.id: a.outlet for a in comp.articles}
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    rows_of: dict[str, list[str]] = {}  # finding -> row ids, built once (not per finding)
    for r in rows:
        for fid in r.findings:
            rows_of.setdefault(fid, []).append(r.id)
    views = []
    for pos, f in enumerate(comp.findings):
        arts = finding_articles(comp, f)
        views.append((rank.get(f.severity, 9), pos, FindingView(
            id=f.id, kind=f.kind, kind_label=kind_label(f.kind), severity=f.severity,
            confidence=f.confidence, message=f.message, entity=f.entity, articles=arts,
            outlets=tuple(outlet[a] for a in arts),
            evidence=tuple(EvidenceView(ev.article, outlet.get(ev.article, ev.article), ev.claim,
                                          nested_quotation(ev.text),
                                        ev.voice, ev.speaker) for ev in f.evidence),
            rows=tuple(rows_of.get(f.id, ())),
            has_anchor=f.id in anchors)))
    return tuple(v for _, _, v in sorted(views, key=lambda t: (t[0], t[1])))


def _payload(articles: Sequence[ArticleView], findings: Sequence[FindingView]) -> dict[str, Any]:
    return {
        "columns": [{"article": a.id, "outlet": a.outlet, "column": a.column, "visible": a.visible}
                    for a in articles],
        "findings": [{"id": f.id, "kind": f.kind, "severity": f.severity, "articles": list(f.articles),
                      "rows": list(f.rows)} for f in findings],
        "maxColumns": MAX_COLUMNS,
    }


def render_html(comp: "Comparison") -> str:
    """The report of ``comp`` as one self-contained HTML page (works from ``file://``)."""
    from markupsafe import Markup

    from comparator.render.html_rows import build_rows, evidence_spans, fold_rows
    from comparator.render.html_tables import finding_counts, label_table, sourcing_table
    from comparator.render.overview import CELL_LABELS, KEY_FACTS, overview
    from comparator.render.source_types import SOURCE_TYPE_LABELS

    rows = build_rows(comp)
    view = overview(comp)
    _, anchors = evidence_spans(comp)
    articles = _articles(comp)
    findings = _findings(comp, rows, anchors)
    by_kind, by_outlet = finding_counts(comp, {f.id: f.articles for f in findings})
    css, js = _static("report.css"), _static("report.js")
    csp = ("default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
           f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}")
    tool = comp.tool
    context = {
        "title": event_title(comp),
        "articles": articles,
        "tool": tool,
        "sha_prefix": (tool.embedding_model_sha256 or "")[:12] if tool else "",
        "findings": findings,
        "finding_by_id": {f.id: f for f in findings},
        "by_kind": by_kind,
        "by_outlet": by_outlet,
        "severities": SEVERITIES,
        "kinds": tuple((c.key, c.label) for c in by_kind),
        # kind groups of the findings list: in the order of each kind's most severe finding
        "kind_groups": tuple(sorted(((c.key, c.label) for c in by_kind),
                                    key=lambda kl: next(i for i, f in enumerate(findings) if f.kind == kl[0]))),
        "rows": fold_rows(rows),
        "labels": label_table(comp),
        "sourcing": sourcing_table(comp),
        "counts": view.counts,
        "ranked": view.ranked,
        "key_facts": view.key_facts[:KEY_FACTS],
        "more_facts": view.key_facts[KEY_FACTS:],
        "cell_labels": CELL_LABELS,
        "cell_icons": CELL_ICON,
        "profiles": view.outlets,
        "headlines": view.headlines,
        "only_in": dict(view.only_in),
        "source_labels": SOURCE_TYPE_LABELS,
        "outlet_of": {a.id: a.outlet for a in comp.articles},
        "picker": len(articles) >= PICKER_FROM,
        "open_findings": OPEN_FINDINGS,
        "cards": ROW_CARDS,
        "max_columns": MAX_COLUMNS,
        "severity_icon": SEVERITY_ICON,
        "voice_icon": VOICE_ICON,
        "voice_label": VOICE_LABEL,
        "css": Markup(css),  # the package's own static files, not input
        "js": Markup(js),
        "csp": csp,
        "data_json": Markup(json_for_script(_payload(articles, findings))),
    }
    return _environment().get_template("report.html.j2").render(**context)
