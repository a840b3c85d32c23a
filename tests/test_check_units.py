"""comparator check, the parts that need no model: quotation folding, suppressions, settings, baseline, locations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from comparator.check.baseline import fingerprint, read_baseline, write_baseline
from comparator.check.config import CheckSettings, load_check_settings
from comparator.check.locations import line_map
from comparator.check.quotes import find_verbatim, fold, segments
from comparator.check.records import CheckFinding, CheckResult, DraftResult, Location
from comparator.check.rules import RULE_CODES, at_or_above
from comparator.check.suppress import blank_comments, parse_suppressions
from comparator.errors import ConfigError, OutputError
from comparator.load import load_article_file
from comparator.load.headline import with_headline

SOURCE = ('"We cannot keep patching a plant that was designed for a town half our size," '
          "Mayor Elena Brandt said. \u201cThe water meets the standard today, but the margin is thinner "
          "than we would like,\u201d Okafor said.")


# -- quotations: folding, ellipses, brackets ------------------------------------------------------

@pytest.mark.parametrize("quote", [
    "We cannot keep patching a plant that was designed for a town half our size,",   # straight marks
    "we cannot keep patching a plant",                                                 # case, excerpt
    "The water meets the standard today \u2014 but",                                   # dash for a comma? no
])
def test_found_verbatim_or_not(quote):
    found = find_verbatim(quote, SOURCE)
    assert (found is None) == ("\u2014" in quote)


def test_typography_is_folded_both_ways():
    src = "He said \u201cit\u2019s a long\u2013term\u00a0plan\u201d."
    assert find_verbatim("it's a long-term plan", src) is not None
    assert find_verbatim("It\u2019s  a long\u2014term plan", "it's a long-term plan") is not None
    folded, where = fold("A\u00a0\u00a0B")
    assert folded == "a b" and where == [0, 1, 3]


def test_marked_ellipsis_and_bracketed_insertion():
    assert find_verbatim("The water meets the standard today ... the margin is thinner", SOURCE)
    assert find_verbatim("The water meets the standard today \u2026 [but] the margin is thinner", SOURCE)
    assert find_verbatim("[The plant] was designed for a town half our size", SOURCE)
    # an unmarked cut is not verbatim
    assert find_verbatim("The water meets the standard today the margin is thinner", SOURCE) is None
    # a bracket stands for a few words, not a paragraph
    assert find_verbatim("We cannot keep patching [it] our size", SOURCE) is None
    # pieces must come in the source's order
    assert find_verbatim("the margin is thinner ... The water meets the standard", SOURCE) is None


def test_words_match_whole_words_only():
    assert find_verbatim("town half", SOURCE) is not None
    assert find_verbatim("own half", SOURCE) is None


def test_segments_name_their_cuts():
    assert segments("a b [...] c d [x] e") == [("a b", ""), ("c d", "ellipsis"), ("e", "bracket")]


# -- suppressions ---------------------------------------------------------------------------------

def test_suppression_comments():
    text = "\n".join([
        "line one",                                                   # 1
        "<!-- comparator-disable-next-line misquote -->",             # 2
        "line three",                                                 # 3
        "line four <!-- comparator-disable-line -->",                 # 4
        "<!-- comparator-disable loaded_language, unsupported -->",   # 5
        "line six",                                                   # 6
        "<!-- comparator-enable loaded_language -->",                 # 7
        "[//]: # (comparator-disable-next-line divergent_fact)",      # 8
        "line nine",                                                  # 9
    ])
    s = parse_suppressions(text, "d.md")
    assert not s.allows("misquote", 3) and s.allows("misquote", 1) and s.allows("divergent_fact", 3)
    assert all(not s.allows(code, 4) for code in RULE_CODES)
    assert not s.allows("loaded_language", 6) and s.allows("loaded_language", 9)
    assert not s.allows("unsupported", 9)  # never re-enabled: off to the end
    assert not s.allows("divergent_fact", 9) and s.allows("divergent_fact", 8)


def test_unknown_rule_in_a_suppression_names_the_line():
    with pytest.raises(ConfigError, match=r"d\.md:3: .*'misquot'"):
        parse_suppressions("a\nb\n<!-- comparator-disable misquot -->\n", "d.md")


def test_comments_are_blanked_without_moving_offsets():
    text = "A <!-- x\ny --> B\n[//]: # (comparator-disable)\nC"
    out = blank_comments(text)
    assert len(out) == len(text) and out.count("\n") == text.count("\n")
    assert out.split() == ["A", "B", "C"]


# -- settings ---------------------------------------------------------------------------------------

def test_settings_from_pyproject_and_flags(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.comparator.check]\nfail-on = "warning"\nsources = ["wire"]\n'
        '[tool.comparator.check.rules]\nunsupported = "off"\nloaded_language = "error"\n', encoding="utf-8")
    s = load_check_settings(tmp_path)
    assert s.fail_on == "warning" and s.level_of("unsupported") == "off"
    assert s.level_of("loaded_language") == "error" and s.level_of("misquote") == "error"
    assert s.sources == (str(tmp_path / "wire"),)
    s2 = load_check_settings(tmp_path, fail_on="info", rules=(("unsupported", "info"),))
    assert s2.fail_on == "info" and s2.level_of("unsupported") == "info" and s2.level_of("loaded_language") == "error"


def test_the_check_table_is_not_an_analysis_setting(tmp_path):
    from comparator.config import load_settings

    (tmp_path / "pyproject.toml").write_text('[tool.comparator]\nmin_score = 0.6\n[tool.comparator.check]\n'
                                              'fail-on = "warning"\n', encoding="utf-8")
    assert load_settings(tmp_path).min_score == 0.6
    assert load_check_settings(tmp_path).fail_on == "warning"


def test_comparator_toml_wins_over_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.comparator.check]\nfail-on = "warning"\n', encoding="utf-8")
    (tmp_path / ".comparator.toml").write_text('[check]\nfail-on = "info"\n', encoding="utf-8")
    assert load_check_settings(tmp_path).fail_on == "info"


@pytest.mark.parametrize("body, pattern", [
    ('[tool.comparator.check]\nfail-on = "fatal"\n', "'fail-on' has an invalid value 'fatal'"),
    ('[tool.comparator.check.rules]\nmisqoute = "off"\n', "unknown rule 'misqoute'"),
    ('[tool.comparator.check.rules]\nmisquote = "loud"\n', "invalid level 'loud'"),
    ('[tool.comparator.check]\nsources = 3\n', "expected a list of paths"),
    ('[tool.comparator.check]\ncolour = true\n', "unknown check setting 'colour'"),
    ("[tool.comparator.check\n", "cannot read check settings"),
])
def test_bad_settings_name_file_and_key(tmp_path, body, pattern):
    (tmp_path / "pyproject.toml").write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=pattern) as err:
        load_check_settings(tmp_path)
    assert "pyproject.toml" in str(err.value)


def test_settings_schema_applies_in_python_too():
    with pytest.raises(ConfigError, match="CheckSettings"):
        CheckSettings(fail_on="never")


def test_levels_order():
    assert at_or_above("error", "warning") and at_or_above("warning", "warning")
    assert not at_or_above("info", "warning") and not at_or_above("off", "info")


# -- baseline ---------------------------------------------------------------------------------------

def _finding(rule="misquote", line=3, text="city"):
    loc = Location("d.md", line, 5, line, 9, text, 10, 14)
    return CheckFinding(rule, "error", "m", loc, (), fingerprint(rule, "d.md", text, "the sentence"))


def test_fingerprint_ignores_lines_and_folders():
    assert fingerprint("r", "a/d.md", "x  y", "s") == fingerprint("r", "b/d.md", "x y", "s")
    assert fingerprint("r", "d.md", "x", "s") != fingerprint("r2", "d.md", "x", "s")
    assert _finding(line=3).fingerprint == _finding(line=30).fingerprint


def test_baseline_round_trip_and_refusals(tmp_path):
    target = tmp_path / "baseline.json"
    write_baseline(target, [_finding(), _finding("unsupported", text="the sentence")])
    first = target.read_text(encoding="utf-8")
    assert read_baseline(target) == {_finding().fingerprint, _finding("unsupported", text="the sentence").fingerprint}
    write_baseline(target, [_finding("unsupported", text="the sentence"), _finding()])
    assert target.read_text(encoding="utf-8") == first  # sorted: same findings, same bytes
    mine = tmp_path / "notes.json"
    mine.write_text('{"my": "notes"}', encoding="utf-8")
    with pytest.raises(OutputError, match="not a comparator check baseline"):
        write_baseline(mine, [_finding()])
    assert json.loads(mine.read_text(encoding="utf-8")) == {"my": "notes"}
    with pytest.raises(ConfigError, match="does not exist"):
        read_baseline(tmp_path / "missing.json")


def test_result_exit_codes():
    def result(level, fail_on):
        f = _finding()
        f = CheckFinding(f.rule, level, f.message, f.location)
        return CheckResult((DraftResult("d.md", (f,)),), ("s.md",), fail_on)

    assert result("error", "error").exit_code == 1
    assert result("warning", "error").exit_code == 0
    assert result("info", "info").exit_code == 1
    assert CheckResult((DraftResult("d.md", ()),), (), "info").exit_code == 0


# -- locations --------------------------------------------------------------------------------------

def _locate(path: Path, needle: str):
    article = with_headline(load_article_file(path)[0])
    start = article.text.index(needle)
    return line_map(article).locate(start, start + len(needle))


@pytest.mark.parametrize("encoding, newline, bom", [("utf-8", "\n", b""), ("utf-8", "\r\n", b"\xef\xbb\xbf"),
                                                    ("utf-16", "\r\n", b""), ("cp1252", "\n", b"")])
def test_front_matter_and_encodings(tmp_path, encoding, newline, bom):
    text = newline.join(["---", "outlet: Ledger", "title: Council votes", "---", "First paragraph here.", "",
                         "Second paragraph, caf\u00e9 \u201cquoted words\u201d and more.", ""])
    path = tmp_path / "draft.md"
    path.write_bytes(bom + text.encode(encoding))
    loc = _locate(path, "quoted words")
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (7, 25, 7, 37)  # "Second paragraph, café “" is 24 characters
    assert loc.text == "quoted words" and loc.exact
    title = _locate(path, "votes")
    assert (title.line, title.column, title.end_column) == (3, 16, 21) and title.exact  # in the title: line


def test_a_folded_title_points_at_its_line(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text("---\ntitle: >\n  Council\n  votes\n---\nBody text of the draft here.\n", encoding="utf-8")
    loc = _locate(path, "votes")
    assert loc.line == 2 and not loc.exact


def test_hard_wrapped_paragraphs_keep_their_lines(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("The council met on Wednesday and\nvoted to approve the upgrade of\nthe plant.\n", encoding="utf-8")
    loc = _locate(path, "approve the upgrade")
    assert (loc.line, loc.column) == (2, 10)


def test_html_points_at_the_nearest_line(tmp_path):
    para = "The council voted on Wednesday to approve the upgrade of the Eastside water plant in Riverton."
    html = ("<html><head><title>Council votes</title></head><body>\n<nav>Home</nav>\n<article>\n<h1>Council votes</h1>\n"
            f"<p>{para}</p>\n<p>Second paragraph of the story tells more about the vote and its cost to residents.</p>\n"
            "<p>Construction starts in September and takes about three years, officials said on Wednesday.</p>\n"
            "</article></body></html>\n")
    path = tmp_path / "draft.html"
    path.write_text(html, encoding="utf-8")
    loc = _locate(path, "Construction starts in September")
    assert loc.line == 7 and not loc.exact
    assert _locate(path, "Second paragraph").line == 6


# -- misquote word diff -------------------------------------------------------------------------------

def _diff(draft: str, source: str) -> list[tuple[str, str]]:
    from comparator.check.quotes import word_diff

    return [(a, b) for a, b, _, _ in word_diff(draft, (0, len(draft)), source, (0, len(source)))]


PLANT = "We cannot keep patching a plant that was designed for a town half our size"


@pytest.mark.parametrize("draft, expected", [
    (PLANT.replace("town", "city"), [("city", "town")]),
    (PLANT.replace("patching a", "patching the"), [("the", "a")]),   # any changed word, even "a" -> "the"
    (PLANT.replace("cannot", "can"), [("can", "cannot")]),
    (PLANT + " and then some", []),                                    # a longer excerpt of the statement
    ("Number one, " + PLANT, []),
    (PLANT.replace("these", "x").replace("a plant", "a (big) plant"), []),  # an editor's words in parentheses
    (PLANT.replace("designed for", "designed both for"), [("both", "")]),   # a word the source does not have
    ("cannot keep patching a plant", []),                              # an excerpt
    ("We cannot keep patching a plant ... designed for a town", []),   # a marked cut
    ("We cannot keep patching [the Eastside plant] that was designed", []),
    (PLANT.replace("keep patching", "keep, patching"), []),            # punctuation only
])
def test_word_diff_is_strict_about_words_only(draft, expected):
    assert _diff(draft, PLANT) == expected


def test_word_diff_points_at_the_changed_words():
    from comparator.check.quotes import word_diff

    draft = PLANT.replace("town", "city")
    (a, b, start, end), = word_diff(draft, (0, len(draft)), PLANT, (0, len(PLANT)))
    assert draft[start:end] == "city"


@pytest.mark.parametrize("a, b, other", [
    ("Brandt", "Tomas Reyes", True),
    ("Mayor Elena Brandt", "Brandt", False),
    ("Richard Blumenthal", "Blumenthal campaign", False),   # a person and their campaign: one side
    ("a spokesman for Brandt", "Elena Brandt", False),
])
def test_other_speaker(a, b, other):
    from comparator.check.quotes import _other_speaker

    assert _other_speaker(a, b) is other


def test_a_quotation_broken_by_its_attribution_is_found_across_the_break():
    from comparator.check.quotes import _in_quote_stream
    from comparator.comparison import Comparison
    from comparator.types import Article, Claim

    text = "“We cannot keep patching,” Brandt said, “a plant that was designed for a town half our size.”"
    src = Article(id="wire", outlet="Wire", text=text)
    q1 = (1, text.index("”"))
    q2 = (text.index("“a") + 1, len(text) - 1)
    claim = Claim(id="wire:0", article="wire", index=0, paragraph=0, text=text, start=0, end=len(text),
                  voice="quoted", speaker="Brandt", quotes=(q1, q2))
    comp = Comparison(articles=(src,), claims=(claim,))
    start, end = _in_quote_stream("We cannot keep patching a plant that was designed", comp, src)
    assert text[start:end] == "We cannot keep patching,” Brandt said, “a plant that was designed"
    assert _in_quote_stream("We cannot keep a plant", comp, src) is None
