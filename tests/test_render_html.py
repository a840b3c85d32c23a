"""The HTML report, checked as text and parsed markup (fast; no browser, no models)."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from comparator.comparison import Comparison
from comparator.render.html import json_for_script, render_html, safe_url
from comparator.render.html_rows import alignment_groups, build_rows, word_diff
from comparator.types import Alignment, Article, Claim, Label
from factories import HOSTILE, make_comparison

TEMPLATES = Path(__file__).resolve().parent.parent / "comparator" / "render" / "templates"
OUR_TAGS = {
    "html", "head", "meta", "title", "style", "body", "a", "header", "h1", "h2", "p", "table", "caption",
    "thead", "tbody", "tr", "th", "td", "span", "code", "nav", "ul", "ol", "li", "main", "section", "div",
    "form", "fieldset", "legend", "label", "input", "q", "mark", "ins", "details", "summary", "svg", "desc",
    "text", "g", "rect", "line", "footer", "script", "article", "h3",
}


class Page(HTMLParser):
    """Every start tag with its attributes, plus the text inside marks and scripts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[tuple[tuple[str, ...], str]] = []  # (finding ids, text)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._stack: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("mark", "script"):
            self._stack.append((tag, a, []))

    def handle_endtag(self, tag):
        if self._stack and self._stack[-1][0] == tag:
            _, a, parts = self._stack.pop()
            text = "".join(parts)
            if tag == "mark":
                self.marks.append((tuple((a.get("data-findings") or "").split()), text))
            else:
                self.scripts.append((a, text))

    def handle_data(self, data):
        for _, _, parts in self._stack:
            parts.append(data)

    def with_attr(self, name: str) -> list[tuple[str, dict[str, str | None]]]:
        return [(t, a) for t, a in self.tags if name in a]


def five_outlets(n: int = 5) -> Comparison:
    """The factory comparison grown to ``n`` outlets, each extra one aligned with alpha:1."""
    comp = make_comparison()
    articles, claims, alignments = list(comp.articles), list(comp.claims), list(comp.alignments)
    for i in range(n - len(articles)):
        aid = f"extra{i + 1}"
        text = f"Outlet {i + 1} says the bridge toll increase was halted by a judge."
        articles.append(Article(id=aid, outlet=f"Extra Outlet {i + 1}", text=text, source_path=f"{aid}.md"))
        claims.append(Claim(id=f"{aid}:0", article=aid, index=0, paragraph=0, text=text, start=0, end=len(text)))
        alignments.append(Alignment(claims=("alpha:1", f"{aid}:0"), score=0.8, semantic=0.8, lexical=0.5))
    return dataclasses.replace(comp, articles=tuple(articles), claims=tuple(claims), alignments=tuple(alignments))


@pytest.fixture(scope="module")
def hostile_html() -> str:
    return render_html(make_comparison(hostile=True))


@pytest.fixture(scope="module")
def plain_html() -> str:
    return render_html(make_comparison())


# -- escaping and safety ----------------------------------------------------------------------
def test_hostile_markup_is_escaped_everywhere(hostile_html):
    assert "window.__pwned = 1" in hostile_html  # the text is shown ...
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in hostile_html  # ... escaped
    assert "<script>window" not in hostile_html
    assert len(re.findall(r"<script\b", hostile_html, re.I)) == 2  # only our own two
    page = Page(hostile_html)
    assert not [t for t, _ in page.tags if t not in OUR_TAGS], "an input tag became markup"
    handlers = [(t, k) for t, a in page.tags for k in a if k.lower().startswith("on")]
    assert handlers == []
    assert all(t != "img" and t != "textarea" for t, _ in page.tags)


def crowded_row(n: int = 6) -> Comparison:
    """The factory with ``n`` divergent-fact findings on one row (R6)."""
    comp = make_comparison()
    first = comp.findings[0]
    extra = tuple(dataclasses.replace(first, id=f"divergent_fact-{i:03d}", message=f"Copy {i}.")
                  for i in range(2, n + 1))
    return dataclasses.replace(comp, findings=(first,) + extra + comp.findings[1:])


def hostile_everywhere() -> Comparison:
    """The hostile factory with markup also in speakers, messages, ids, kinds, entity names,
    labels, paths, dates, tool names and the event name."""
    comp = make_comparison(hostile=True)
    evil = HOSTILE + "'\"&"
    claims = tuple(dataclasses.replace(c, speaker=evil if c.speaker else None,
                                       boilerplate_reason=evil if c.boilerplate else None)
                   for c in comp.claims)
    findings = tuple(dataclasses.replace(f, id=f.id + evil, kind=f.kind + evil, message=evil,
                                         severity=f.severity, entity=evil,
                                         evidence=tuple(dataclasses.replace(e, speaker=evil) for e in f.evidence))
                     for f in comp.findings)
    entities = tuple(dataclasses.replace(e, name=evil, id=evil) for e in comp.entities)
    articles = tuple(dataclasses.replace(a, source_path=evil, published=evil, id=a.id) for a in comp.articles)
    tool = dataclasses.replace(comp.tool, name=evil, version=evil, embedding_model=evil,
                               embedding_model_sha256=evil, nlp_model=evil)
    label = {"entity": evil, "article": "beta", "claim": "beta:1", "text": evil, "start": 0, "end": 1,
             "kind": evil, "voice": evil, "speaker": evil, "category": evil}
    comp = dataclasses.replace(comp, claims=claims, findings=findings, entities=entities, articles=articles,
                               tool=tool, extras={"event": evil, "labels": [label]})
    return comp


def test_every_other_untrusted_field_is_escaped():
    html = render_html(hostile_everywhere())
    assert len(re.findall(r"<script\b", html, re.I)) == 2
    page = Page(html)
    assert not [t for t, _ in page.tags if t not in OUR_TAGS]
    assert [(t, k) for t, a in page.tags for k in a if k.lower().startswith("on")] == []
    assert html.count("&lt;script&gt;window.__pwned = 1&lt;/script&gt;") > 20
    json.loads(page.scripts[0][1])


def test_only_our_scripts_and_data_block(hostile_html):
    page = Page(hostile_html)
    assert len(page.scripts) == 2
    (data_attrs, data_text), (js_attrs, js_text) = page.scripts
    assert data_attrs == {"type": "application/json", "id": "report-data"}
    assert js_attrs == {}
    assert js_text == (TEMPLATES / "report.js").read_text(encoding="utf-8")
    assert "<" not in data_text and ">" not in data_text and "&" not in data_text
    data = json.loads(data_text)
    assert data["columns"][0]["outlet"] == "Alpha Daily" + HOSTILE  # round-trips exactly
    assert [f["id"] for f in data["findings"]] == ["divergent_fact-001", "framing_label-001", "omission-001"]


def test_json_for_script_escapes_markup_characters():
    text = json_for_script({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_no_remote_resources(hostile_html, plain_html):
    for html in (hostile_html, plain_html):
        page = Page(html)
        assert page.with_attr("src") == []
        for tag, attrs in page.with_attr("href"):
            href = attrs["href"] or ""
            if href.startswith("#"):
                continue
            assert tag == "a" and href == "https://alpha.example/toll", (tag, href)
            assert "noreferrer" in (attrs.get("rel") or "")
        assert not re.search(r"url\(|@import", Page_style(html))
        assert not [t for t, a in page.tags if t == "link"]
        csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv"))
        assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp


def Page_style(html: str) -> str:
    return html[html.index("<style>"): html.index("</style>")]


def test_javascript_url_is_text_not_link(hostile_html):
    assert 'href="javascript:' not in hostile_html.lower()
    assert "javascript:alert(1)" in hostile_html
    assert '<span class="unsafe-url"' in hostile_html


@pytest.mark.parametrize("url, expected", [
    ("https://a.example/x?y=1", "https://a.example/x?y=1"),
    ("HTTP://a.example", "HTTP://a.example"),
    ("javascript:alert(1)", None),
    (" JavaScript:alert(1)", None),
    ("data:text/html,<b>", None),
    ("//a.example/x", None),
    ("https://a.example/\"onmouseover=x", None),
    (None, None),
])
def test_safe_url(url, expected):
    assert safe_url(url) == expected


# -- findings and evidence ----------------------------------------------------------------------
def test_every_finding_is_listed_anchored_and_shown_beside_its_row(plain_html):
    comp = make_comparison()
    page = Page(plain_html)
    ids = {a["id"] for _, a in page.with_attr("id")}
    for f in comp.findings:
        assert f"ev-{f.id}" in ids  # the scroll target
        summary = [a for t, a in page.tags if t == "li" and a.get("data-finding") == f.id]
        cards = [a for t, a in page.tags if t == "div" and a.get("data-finding") == f.id]
        links = [a for t, a in page.tags if t == "a" and a.get("data-target") == f.id]
        assert len(summary) == 1 and len(cards) >= 1 and len(links) >= 2
        assert all(a["href"] == f"#ev-{f.id}" for a in links)


def test_evidence_spans_are_marked_inside_claims(plain_html):
    comp = make_comparison()
    page = Page(plain_html)
    for f in comp.findings:
        marked = [text for fids, text in page.marks if f.id in fids]
        assert "".join(marked) == "".join(ev.text for ev in f.evidence), f.id
    assert ("divergent_fact-001",) in [fids for fids, _ in page.marks]


def test_summary_is_ranked_by_severity_with_counts(plain_html):
    page = Page(plain_html)
    order = [a["data-finding"] for t, a in page.tags if t == "li" and "data-finding" in a]
    assert order == ["divergent_fact-001", "framing_label-001", "omission-001"]
    assert re.search(r"<th scope=\"row\">Beta News</th><td>1</td><td>1</td><td>1</td><td>3</td>", plain_html)
    assert '<p class="filter-status" id="filter-status" role="status" aria-live="polite"></p>' in plain_html


# -- side by side ---------------------------------------------------------------------------------
def test_rows_are_connected_components_and_every_claim_appears_once():
    comp = make_comparison()
    assert alignment_groups(comp) == [("alpha:1", "beta:0", "gamma:0"), ("alpha:3", "beta:2")]
    rows = build_rows(comp)
    placed = [cv.id for r in rows for cell in r.cells for cv in cell]
    assert sorted(placed) == sorted(c.id for c in comp.claims)
    first = next(r for r in rows if r.aligned)
    assert [[cv.id for cv in cell] for cell in first.cells] == [["alpha:1"], ["beta:0"], ["gamma:0"]]
    for cell_claims in (r.cells for r in rows if not r.aligned and not r.boilerplate):
        assert sum(1 for cell in cell_claims if cell) == 1


def test_unaligned_claims_carry_a_text_marker(plain_html):
    assert plain_html.count("only in Gamma Wire") == 1  # gamma:1
    assert plain_html.count("only in Beta News") == 1  # beta:1
    assert "— no matching sentence in Gamma Wire" in plain_html  # not "not in": it may say it otherwise


def test_word_diff_marks_only_the_differing_words():
    text = "The toll would have risen to 12 dollars in March."
    marks = [(text[s:e], k) for s, e, k in word_diff(text, ["The toll was set to rise to 14 dollars."])]
    flagged = " ".join(m for m, _ in marks)
    assert "12" in flagged and "March." in flagged
    assert "toll" not in flagged and "dollars" not in flagged
    assert word_diff(text, [text]) == []
    assert word_diff(text, []) == []


def test_word_diff_is_rendered_and_escaped(hostile_html):
    assert '<ins class="diff diff-only"' in hostile_html or '<span class="diff diff-changed"' in hostile_html
    assert 'onerror=&#34;window.__pwned=2&#34;' in hostile_html


def test_quotes_are_styled_and_attributed():
    comp = make_comparison()
    claim = comp.claim("beta:1")
    comp = dataclasses.replace(comp, claims=tuple(
        dataclasses.replace(c, quotes=((claim.start, claim.start + 36),)) if c.id == "beta:1" else c
        for c in comp.claims))
    html = render_html(comp)
    assert '<span class="quote"><mark class="ev" data-findings="framing_label-001">This radical judge' in html
    assert '<span class="quote"> has overstepped,</span>&#34; a mayor' in html  # outside the range: plain
    assert 'quoted: <span class="speaker">mayor&#39;s spokesperson</span>' in html
    assert 'partly quoted: <span class="speaker">Rivera</span>' in html


def test_boilerplate_is_collapsed(plain_html):
    assert plain_html.count('<details class="boiler">') == 2
    assert "Boilerplate (caption)" in plain_html and "Boilerplate (footer)" in plain_html


def test_column_picker_only_with_many_outlets(plain_html):
    assert 'id="column-picker"' not in plain_html
    html5 = render_html(five_outlets(5))
    assert 'id="column-picker"' in html5
    assert "Extra Outlet 2" in html5 and ' hidden>' not in html5.split('id="sbs"')[1].split("</thead>")[0]
    html7 = render_html(five_outlets(7))
    head = html7.split('id="sbs"')[1].split("</thead>")[0]
    assert '<th scope="col" data-col="6" hidden>' in head  # the seventh starts hidden
    assert '<th scope="col" data-col="5">' in head


# -- tables ---------------------------------------------------------------------------------------
def test_label_table_prefers_label_records():
    comp = make_comparison()
    beta1 = comp.claim("beta:1")
    start = comp.article("beta").text.index("This radical judge")
    label = Label(entity="E1", article="beta", claim="beta:1", text="This radical judge", start=start,
                  end=start + 18, kind="premodifier", voice="quoted", speaker=beta1.speaker, category="epithet")
    html = render_html(dataclasses.replace(comp, extras={"labels": [label.to_dict()]}))
    section = html.split('id="labels"')[1].split("</section>")[0]
    assert "“This radical judge”" in section and "epithet" in section
    assert "quoted: mayor&#39;s spokesperson" in section
    assert "Judge Rivera" not in section  # mentions are the fallback only


def test_label_table_falls_back_to_entity_mentions(plain_html):
    section = plain_html.split('id="labels"')[1].split("</section>")[0]
    assert "“Judge Rivera”" in section and "from entity mentions" in section


def test_sourcing_counts_quoted_claims_per_speaker(plain_html):
    section = plain_html.split('id="sourcing"')[1].split("</section>")[0]
    assert '<th scope="row">mayor&#39;s spokesperson</th><td>—</td><td>1</td><td>—</td><td>1</td>' in section
    assert '<th scope="row">Rivera</th><td>1</td><td>—</td><td>—</td><td>1</td>' in section


def test_key_facts_matrix_labels_every_cell_for_hover_and_keyboard(plain_html):
    section = plain_html.split('id="matrix"')[1].split("</section>")[0]
    assert "<svg" not in plain_html  # the unlabelled coverage grid is gone
    rows = section.split('<tr data-fact="')[1:]
    assert [r.split('"')[0] for r in rows] == ["fact-1", "fact-3"]  # the lead fact first
    assert '<span class="lead-tag">lead' in rows[0] and "lead-tag" not in rows[1]
    cells = re.findall(r'<td class="cell st-(\w+)">(.*?)</td>', rows[1])
    assert [state for state, _ in cells] == ["differs", "differs", "not_matched"]
    differs, _, missing = (body for _, body in cells)
    assert 'data-target="divergent_fact-001"' in differs
    assert 'aria-label="Alpha Daily differs: The toll would have risen to 12 dollars in March."' in differs
    assert '<span class="tip" aria-hidden="true">The toll would have risen to 12 dollars in March.</span>' in differs
    assert 'tabindex="0" role="img" aria-label="Gamma Wire no match: No sentence of Gamma Wire' in missing
    reports = re.findall(r'<td class="cell st-reports"><a class="cell-link" href="#claim-([^"]+)"', rows[0])
    assert reports == ["alpha:1", "beta:0", "gamma:0"]
    assert all(f'id="claim-{cid}"' in plain_html for cid in reports)


def test_first_screen_order_and_one_set_of_counts(plain_html):
    order = [plain_html.index(f'id="{s}"') for s in ("ranked", "matrix", "headlines", "outlets", "findings",
                                                      "side", "labels", "sourcing", "sources")]
    assert order == sorted(order)
    assert "3 outlets, 8 story sentences, 2 facts shared by two or more outlets, 3 findings." in plain_html
    assert "aligned claim rows" not in plain_html
    ranked = plain_html.split('id="ranked"')[1].split("</section>")[0]
    assert ranked.index("divergent_fact-001") < ranked.index("framing_label-001")
    assert "omission-001" not in ranked  # a fact one outlet alone carries is not a ranked difference
    assert '<span class="visually-hidden">Why it ranks: </span>Outlets disagree on a fact<' in ranked


def test_outlet_paragraphs_and_headlines(plain_html):
    section = plain_html.split('id="outlets"')[1].split("</section>")[0]
    assert section.count('<article class="profile"') == 3
    assert "Gamma Wire has no headline in the input. It leads with" in section
    assert "Only it reports “Commuter groups had sued in January”." in section
    heads = plain_html.split('id="headlines"')[1].split("</section>")[0]
    assert "<td>Judge halts toll</td>" in heads and "(no headline)" in heads


def test_only_in_rows_are_folded_under_one_row(plain_html):
    side = plain_html.split('id="side"')[1].split("</section>")[0]
    assert 'class="only-run"' in side
    assert "only in Gamma Wire: 1 sentence" in side


# -- page structure -------------------------------------------------------------------------------
def test_accessibility_basics(plain_html):
    assert '<html lang="en">' in plain_html
    assert plain_html.index('class="skip"') < plain_html.index("<h1>")
    assert plain_html.count("<h1>") == 1
    assert "@media print" in plain_html and ":focus-visible" in plain_html
    for sev, word in (("error", "Error"), ("warning", "Warning"), ("info", "Info")):
        assert re.search(rf'<span class="sev sev-{sev}"><span aria-hidden="true">.</span> {word}</span>', plain_html)


def test_header_names_event_tool_and_models(plain_html):
    assert "<h1>Judge halts toll</h1>" in plain_html
    assert "embedding model <code>fake</code> (sha256 <code>000000000000</code>…)" in plain_html
    assert "NLP pipeline <code>none</code>" in plain_html
    comp = make_comparison()
    arts = tuple(dataclasses.replace(a, source_path=f"corpora/toll-event/{a.id}.md") for a in comp.articles)
    assert "<h1>toll-event</h1>" in render_html(dataclasses.replace(comp, articles=arts))


def test_render_is_deterministic():
    assert render_html(make_comparison()) == render_html(make_comparison())


def test_empty_findings_and_no_tool():
    comp = dataclasses.replace(make_comparison(), findings=(), tool=None, alignments=())
    html = render_html(comp)
    assert "No findings" in html and "tool information unavailable" in html


@pytest.mark.slow
def test_seed_report_renders(seed_comparison):
    html = render_html(seed_comparison)
    page = Page(html)
    assert len(page.scripts) == 2 and page.with_attr("src") == []
    for f in seed_comparison.findings:
        assert f'id="finding-{f.id}"' in html
    assert "Fox News" in html and "Daily Caller News Foundation" in html


def _chained() -> Comparison:
    """Four outlets' claims chained by alignments: one connected component, two stories."""
    comp = make_comparison()
    links = [(("alpha:1", "beta:0"), 0.9), (("alpha:3", "beta:2"), 0.85), (("beta:0", "gamma:0"), 0.8),
             (("gamma:0", "alpha:3"), 0.7), (("gamma:1", "beta:0"), 0.6)]
    return dataclasses.replace(comp, alignments=tuple(
        Alignment(claims=ids, score=s, semantic=s, lexical=0.5) for ids, s in links))


def test_chained_components_split_into_rows_of_one_claim_per_outlet():
    from comparator.render.html_rows import row_groups

    comp = _chained()
    assert alignment_groups(comp) == [("alpha:1", "alpha:3", "beta:0", "beta:2", "gamma:0", "gamma:1")]
    # gamma:0-alpha:3 would put two alpha claims in one row: refused. gamma:1 finds no row
    # without a gamma claim and joins its best partner's row (beta:0) as a second claim.
    assert row_groups(comp) == [("alpha:1", "beta:0", "gamma:0", "gamma:1"), ("alpha:3", "beta:2")]
    rows = build_rows(comp)
    placed = sorted(cv.id for r in rows for cell in r.cells for cv in cell)
    assert placed == sorted(c.id for c in comp.claims)


def test_crowded_rows_collapse_extra_findings():
    html = render_html(crowded_row(6))
    row = html.split('id="row-6"')[1].split("</tr>")[0]
    assert row.count('<div class="fcard ') == 6
    assert "<summary>4 more findings in this row</summary>" in row
    assert row.index('data-finding="divergent_fact-003"') > row.index("more findings")
