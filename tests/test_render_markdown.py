"""report.md: structure, escaping of hostile text, and truncation under the comment limit."""

from __future__ import annotations

import re

import pytest

from comparator.comparison import Comparison
from comparator.render.markdown import MAX_CHARS, escape, render_markdown
from comparator.types import Alignment, Article, Claim, Evidence, Finding, ToolInfo
from factories import HOSTILE, make_comparison

markdown_it = pytest.importorskip("markdown_it")


def to_html(md: str) -> str:
    """Render like GitHub would, raw HTML passed through (so unescaped markup would show)."""
    return markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(md)


def _table_rows(md: str) -> list[str]:
    return [line for line in md.splitlines() if line.startswith("|")]


def _cells(row: str) -> int:
    return len(re.split(r"(?<!\\)\|", row)) - 2


def test_structure():
    md = render_markdown(make_comparison())
    assert md.startswith("## Comparison: Alpha Daily · Beta News · Gamma Wire\n")
    assert "comparator 0.0.0-test" in md
    for heading in ("### Most important differences", "### Key facts × outlets", "### Headlines", "### Outlets",
                    "### Summary", "### Shared facts", "### Omissions"):
        assert f"\n{heading}\n" in md
    assert "| divergent\\_fact | 1 | 0 | 0 | 1 |" in md
    assert "| **all** | 1 | 1 | 1 | **3** |" in md
    assert "| Alpha Daily | 5 | 2 | 2 | 1 | 1 |" in md  # claims, boilerplate, in shared facts, cited, omits
    assert "\n3 outlets, 8 story sentences, 2 facts shared by two or more outlets, 3 findings.\n" in md
    assert "alignments" not in md.split("### Summary")[0]  # one set of counts, the HTML's
    assert "| **lead** · A city judge on Monday halted the bridge toll increase. | ✓ | ✓ | ✓ |" in md
    assert "| The toll would have risen to 12 dollars in March. | ≠ differs | ≠ differs | · |" in md
    assert "**Gamma Wire**: Gamma Wire has no headline in the input. It leads with" in md
    assert "_Facts only one outlet reports: Alpha Daily 0 · Beta News 0 · Gamma Wire 1 (listed under Omissions)._" in md
    # evidence quoted with outlet, voice and speaker
    assert "> **Beta News** (quoted, mayor's spokesperson): “This radical judge”" in md
    assert "> **Alpha Daily** (authorial): “12 dollars”" in md
    assert "**2. Outlets name Rivera differently** · framing\\_label · `framing_label-001`" in md
    # aligned claims side by side: alpha:1, beta:0 and gamma:0 form one row
    assert ("| 0.90 | A city judge on Monday halted the bridge toll increase. | Judge Rivera stopped the toll "
            "hike on Monday. | The bridge toll increase was blocked by a judge. |") in md
    assert "| 0.86 | The toll would have risen to 12 dollars in March. | The toll was set to rise to 14 dollars. | — |" in md
    assert "#### Not in Alpha Daily (1)" in md and "#### Not in Gamma Wire" not in md
    assert "- Gamma Wire: “Commuter groups had sued in January.”" in md
    assert md.endswith("_Full report: `report.html` (interactive) and `report.json` (data)._\n")


def test_differences_are_ranked_and_lone_carrier_omissions_left_to_the_omissions_section():
    md = render_markdown(make_comparison())
    ranked = md[md.index("### Most important differences"):md.index("### Key facts")]
    positions = [ranked.index(f"· `{fid}`") for fid in ("divergent_fact-001", "framing_label-001")]
    assert positions == sorted(positions)
    assert "omission-001" not in ranked


def test_tables_render_with_one_column_per_outlet():
    md = render_markdown(make_comparison())
    for row in _table_rows(md):
        assert row.endswith("|")
    aligned = md[md.index("### Shared facts"):md.index("### Omissions")]
    assert {_cells(r) for r in _table_rows(aligned)} == {4}
    html = to_html(md)
    assert html.count("<table>") == 5  # key facts, headlines, kinds, outlets, shared facts
    assert "<th>Gamma Wire</th>" in html


def test_hostile_text_is_inert():
    md = render_markdown(make_comparison(hostile=True))
    assert "<script" not in md and "<img" not in md and "</div>" not in md
    assert "&lt;script&gt;window.\\_\\_pwned = 1&lt;/script&gt;" in md
    html = to_html(md)
    assert "<script" not in html and "<img" not in html and "<textarea" not in html
    assert "&lt;script&gt;" in html  # shown as text
    assert "javascript:" not in md  # the hostile url is never linked
    # the hostile outlet name does not break the table: every row keeps its column count
    for table in re.findall(r"(?:^\|.*\n)+", md, flags=re.M):
        rows = _table_rows(table)
        assert len({_cells(r) for r in rows}) == 1, rows


@pytest.mark.parametrize("text, shown", [
    ("a | b", "a \\| b"),
    ("line one\nline two", "line one line two"),
    ("[click](https://evil.example)", "\\[click\\](https\u2060://evil.example)"),
    ("**bold** _it_ `code`", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\`"),
    ("ping @octocat", "ping @\u2060octocat"),
    ("&amp; <b>", "&amp;amp; &lt;b&gt;"),
])
def test_escape(text, shown):
    assert escape(text) == shown


@pytest.mark.parametrize("text, shown", [("# Not a heading", "\\# Not a heading"), ("- no list", "\\- no list"),
                                         ("12. no list", "12\\. no list"), ("12 dollars", "12 dollars")])
def test_escape_at_line_start(text, shown):
    assert escape(text, line_start=True) == shown
    html = to_html(shown)
    assert "<h1>" not in html and "<li>" not in html


def test_hostile_message_cannot_start_markup():
    comp = make_comparison()
    import dataclasses

    f = dataclasses.replace(comp.findings[0], message="# Heading\n\n<script>x</script> [a](b)")
    md = render_markdown(dataclasses.replace(comp, findings=(f, *comp.findings[1:])))
    html = to_html(md)
    assert "<h1>" not in html and "<script" not in html and '<a href="b"' not in html


OUTLETS = ["Alpha Daily", "Beta News", "Gamma Wire", "Delta Post", "Epsilon Times", "Zeta Herald"]


def _big(n: int, outlets: int = 3, filler: int = 0) -> Comparison:
    """``outlets`` articles of ``n`` claims each, all aligned row by row except the last, which is omitted."""
    articles, claims = [], []
    for name in OUTLETS[:outlets]:
        aid = name.split()[0].lower()
        sentences = [f"{name} sentence number {i} says the toll rose by {i} dollars | on day {i}"
                     + " and more" * filler + "." for i in range(n)]
        text = " ".join(sentences)
        pos = 0
        for i, s in enumerate(sentences):
            claims.append(Claim(id=f"{aid}:{i}", article=aid, index=i, paragraph=i // 5, text=s,
                                start=pos, end=pos + len(s)))
            pos += len(s) + 1
        articles.append(Article(id=aid, outlet=name, text=text))
    ids = [a.id for a in articles]
    carried, missing = ids[:-1], ids[-1]
    by_id = {c.id: c for c in claims}
    alignments = tuple(Alignment(claims=tuple(f"{a}:{i}" for a in carried), score=0.9, semantic=0.8, lexical=0.7)
                       for i in range(n))
    findings = tuple(
        Finding(id=f"omission-{i:04d}", kind="omission", severity="info", confidence=0.5,
                message=f"{articles[-1].outlet} does not report item {i}.",
                evidence=tuple(Evidence(article=a, claim=f"{a}:{i}", text=by_id[f"{a}:{i}"].text,
                                        start=by_id[f"{a}:{i}"].start, end=by_id[f"{a}:{i}"].end) for a in carried),
                details={"carried_by": carried, "missing_from": [missing]})
        for i in range(n))
    tool = ToolInfo(name="comparator", version="9.9", embedding_model="fake", embedding_model_sha256=None,
                    nlp_model="none")
    return Comparison(articles=tuple(articles), claims=tuple(claims), alignments=alignments,
                      findings=findings, tool=tool)


def _assert_whole_tables(md: str) -> None:
    for table in re.findall(r"(?:^\|.*\n)+", md, flags=re.M):
        rows = _table_rows(table)
        assert all(r.endswith("|") for r in rows) and len({_cells(r) for r in rows}) == 1, rows


def test_thousands_of_claims_are_capped_with_notes():
    md = render_markdown(_big(3000))
    assert len(md) <= MAX_CHARS
    assert "| omission | 0 | 0 | 3000 | 3000 |" in md
    assert "**10. 2 of 3 outlets report a fact that Gamma Wire leaves out**" in md
    assert "_2950 more shared facts not shown; see `report.html` and `report.json` for everything._" in md
    assert "#### Not in Gamma Wire (3000)" in md
    assert "_2980 more omissions from Gamma Wire not shown; see `report.html`" in md
    assert "Parts were left out to fit a comment." in md
    _assert_whole_tables(md)


def test_budget_truncation_keeps_whole_rows_and_points_to_full_reports():
    comp = _big(2000, outlets=6, filler=30)  # long claims in six columns: the budget runs out
    md = render_markdown(comp)
    assert MAX_CHARS - 2000 < len(md) <= MAX_CHARS  # the budget is used, not thrown away
    assert "### Summary" in md and "### Most important differences" in md
    assert re.search(r"_\d+ more shared facts not shown; see `report.html` and `report.json`", md)
    assert "Parts were left out to fit a comment." in md
    assert md.endswith("(data)._\n")
    _assert_whole_tables(md)
    html = to_html(md)
    assert html.count("<table>") == 5


def test_small_limit_still_valid_and_under_limit():
    comp = _big(50)
    for limit in (1500, 3000, 8000):
        md = render_markdown(comp, max_chars=limit)
        assert len(md) <= limit
        assert md.endswith("(data)._\n")


def test_long_claims_are_clipped_in_cells():
    comp = _big(2)
    long_claim = Claim(id="alpha:0", article="alpha", index=0, paragraph=0, text="word " * 5000, start=0, end=25000)
    comp = Comparison(articles=comp.articles, claims=(long_claim, *comp.claims[1:]), alignments=comp.alignments)
    md = render_markdown(comp)
    assert len(md) < 10_000
    assert "word word …" in md or "word…" in md


def test_deterministic():
    assert render_markdown(make_comparison(hostile=True)) == render_markdown(make_comparison(hostile=True))


from html.parser import HTMLParser  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text += data


_MD_CHARS = st.lists(st.sampled_from(list("ab1 \n\t#*_`[]()<>!|~&;@\\-+=.:/\"'{}") + ["&amp;", "http://x", "www.x.com"]),
                     max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(_MD_CHARS)
def test_escape_is_inert_and_lossless(text):
    """Whatever the input, the rendered paragraph has no markup and shows exactly the text."""
    shown = escape(text, line_start=True)
    parser = _Text()
    parser.feed(to_html(shown))
    assert set(parser.tags) <= {"p"}, (text, shown, parser.tags)
    shown_text = parser.text.strip()
    assert shown_text.replace("\u2060", "") == " ".join(text.split())
    assert "@" not in shown_text.replace("@\u2060", "")  # nobody is pinged


def test_the_outlet_table_says_omissions_are_counted_only_on_evidence():
    from comparator.render.markdown import OMITS_NOTE

    md = render_markdown(make_comparison())
    table_end = md.index("| outlet | claims |")
    assert OMITS_NOTE in md[table_end:] and "not proof of full coverage" in OMITS_NOTE
