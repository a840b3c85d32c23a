"""comparator check end to end with the real model: the invented example in examples/check/.

The draft (examples/check/draft.md) was written from the two sources with six
planted faults, one per rule that reads the sources; clean.md tells the same
story faithfully (curly quotes, a marked ellipsis and a bracketed insertion
included) and must pass.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from comparator.check import check
from comparator.cli import cli

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "check"
DRAFT, CLEAN, SOURCES = EXAMPLE / "draft.md", EXAMPLE / "clean.md", EXAMPLE / "sources"
SCHEMA = Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json"

#: (rule, line, column) of every planted fault in draft.md, and the words found there
PLANTED = [
    ("divergent_fact", 6, 63, "$58 million"),      # the wire says $48 million
    ("misquote", 10, 58, "city"),                  # "... for a town half our size"
    ("misattribution", 12, 76, "This bill will land on the people least able to pay it,"),  # Reyes said it
    ("unverified_quote", 14, 107, "Every family in Riverton will have cleaner water by 2029,"),
    ("loaded_language", 18, 26, "staggering"),
    ("unsupported", 20, 1, "The new plant will also power the neighbouring public library with rooftop solar panels."),
]


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def result(cache):
    from comparator.config import Settings

    return check([DRAFT, CLEAN], [SOURCES], settings=Settings(cache_dir=cache))


def test_every_planted_fault_is_found_at_its_line_and_column(result):
    draft = result.drafts[0]
    got = [(f.rule, f.location.line, f.location.column, f.location.text) for f in draft.findings]
    assert got == PLANTED
    lines = DRAFT.read_text(encoding="utf-8").split("\n")
    for f in draft.findings:
        assert lines[f.location.line - 1][f.location.column - 1:].startswith(f.location.text)


def test_messages_name_the_source_and_show_the_diff(result):
    by_rule = {f.rule: f for f in result.drafts[0].findings}
    assert "Harbor Wire" in by_rule["divergent_fact"].message and "$48 million" in by_rule["divergent_fact"].message
    assert by_rule["divergent_fact"].sources[0].location.line == 6
    assert by_rule["misquote"].details["diff"] == [{"draft": "city", "source": "town"}]
    assert "wire.md:10" in by_rule["misquote"].message
    assert by_rule["misattribution"].details["source_speaker"] == "Tomas Reyes"
    assert "“large”" in by_rule["loaded_language"].message
    assert [f.level for f in result.drafts[0].findings] == ["error", "error", "error", "warning", "warning", "info"]


def test_the_clean_draft_passes(result, cache):
    assert result.drafts[1].findings == ()
    assert result.exit_code == 1  # the faulty draft fails the whole call


def _run(args, cache, **kw):
    return CliRunner().invoke(cli, ["check", *args, "--cache-dir", cache], catch_exceptions=False, **kw)


def test_cli_exit_codes(cache, tmp_path):
    assert _run([str(CLEAN), "--source-dir", str(SOURCES)], cache).exit_code == 0
    bad = _run([str(DRAFT), "--source-dir", str(SOURCES)], cache)
    assert bad.exit_code == 1
    assert f"{DRAFT}:6:63: error divergent_fact" in bad.output
    # only warnings and info left: passes at the default fail level, fails at --fail-on warning
    off = ["--rule", "divergent_fact=off", "--rule", "misquote=off", "--rule", "misattribution=warning"]
    assert _run([str(DRAFT), "--source-dir", str(SOURCES), *off], cache).exit_code == 0
    assert _run([str(DRAFT), "--source-dir", str(SOURCES), *off, "--fail-on", "warning"], cache).exit_code == 1
    # usage and input errors: 2, one message, no traceback
    for args in ([str(DRAFT)], [str(DRAFT), "--source", str(tmp_path / "missing.md")],
                 [str(DRAFT), "--source-dir", str(SOURCES), "--rule", "misquote=loud"],
                 [str(DRAFT), "--source-dir", str(SOURCES), "-o", str(DRAFT)]):
        out = _run(args, cache)
        assert out.exit_code == 2, args
        assert "Traceback" not in out.output


def test_cli_writes_valid_sarif_atomically_and_keeps_user_files(cache, tmp_path):
    import jsonschema

    target = tmp_path / "check.sarif"
    out = _run([str(DRAFT), "--source-dir", str(SOURCES), "--output-format", "sarif", "-o", str(target)], cache)
    assert out.exit_code == 1 and "error misquote" in out.output  # text on stdout, SARIF in the file
    log = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == [p[0] for p in PLANTED]
    mine = tmp_path / "notes.txt"
    mine.write_text("mine\n", encoding="utf-8")
    assert _run([str(DRAFT), "--source-dir", str(SOURCES), "-o", str(mine)], cache).exit_code == 2
    assert mine.read_text(encoding="utf-8") == "mine\n"


def test_inline_suppressions_and_baseline(cache, tmp_path):
    text = DRAFT.read_text(encoding="utf-8").split("\n")
    text.insert(17, "<!-- comparator-disable-next-line loaded_language -->")   # before the "staggering" line
    text.insert(9, "[//]: # (comparator-disable-next-line misquote)")           # before the misquote
    draft = tmp_path / "draft.md"
    draft.write_text("\n".join(text), encoding="utf-8")
    res = _run([str(draft), "--source-dir", str(SOURCES), "--output-format", "json"], cache)
    data = json.loads(res.output)
    rules = [(f["rule"], f["location"]["line"]) for f in data["drafts"][0]["findings"]]
    assert rules == [("divergent_fact", 6), ("misattribution", 13), ("unverified_quote", 15), ("unsupported", 22)]
    assert data["drafts"][0]["suppressed"] == 2
    baseline = tmp_path / "baseline.json"
    assert _run([str(draft), "--source-dir", str(SOURCES), "--write-baseline", str(baseline)], cache).exit_code == 0
    # an edit above the findings moves their lines; the baseline still accepts them
    draft.write_text(draft.read_text(encoding="utf-8").replace("2026-03-12\n---\n", "2026-03-12\n---\n\n\n\n", 1),
                     encoding="utf-8")
    res = _run([str(draft), "--source-dir", str(SOURCES), "--baseline", str(baseline)], cache)
    assert res.exit_code == 0, res.output
    assert "in the baseline" in res.output


def test_a_saved_html_draft_points_at_the_nearest_line(cache, tmp_path):
    body = [p for p in DRAFT.read_text(encoding="utf-8").split("---", 2)[2].split("\n\n") if p.strip()]
    html = ["<html><head><title>Council approves Eastside water plant upgrade</title></head><body>",
            "<article>", "<h1>Council approves Eastside water plant upgrade</h1>"]
    html += [f"<p>{p.strip()}</p>" for p in body] + ["</article></body></html>"]
    page = tmp_path / "draft.html"
    page.write_text("\n".join(html), encoding="utf-8")
    res = check([page], [SOURCES], cache_dir=cache)
    got = {(f.rule, f.location.line) for f in res.drafts[0].findings}
    assert ("divergent_fact", 4) in got and ("unsupported", 11) in got
    assert all(not f.location.exact for f in res.drafts[0].findings)


SEED = Path(__file__).resolve().parent.parent / "corpora" / "irs-ice-talwani"
SEED_CASE = Path(__file__).parent / "data" / "check" / "seed"


def test_a_draft_written_from_the_seed_sources(cache):
    """A draft from the seed event's two stories (tests/data/check/seed/) with one planted fault per rule."""
    res = check([SEED_CASE / "draft.md", SEED_CASE / "clean.md"], [SEED], cache_dir=cache)
    got = [(f.rule, f.location.line, f.location.column) for f in res.drafts[0].findings]
    assert got == [("divergent_fact", 10, 103),   # 74,000 addresses; Fox News says 47,000
                   ("misquote", 12, 83),          # "tilt strongly"; the judge wrote "tilt heavily"
                   ("misattribution", 14, 2),     # Talwani's words credited to Kollar-Kotelly
                   ("unverified_quote", 16, 2),   # a quotation no source has
                   ("framing_label", 18, 1),      # "the rogue judge" vs "the Obama judge" / "this activist judge"
                   ("loaded_language", 18, 5),    # "rogue judge" in the draft's own voice
                   ("unsupported", 20, 1)]        # a resignation no source reports
    assert res.drafts[1].findings == ()          # curly/straight marks, "…" and "[and]" in clean.md are fine
    assert res.drafts[0].findings[2].details["source_speaker"] == "Indira Talwani"
    assert dict(res.drafts[0].quotes) == {"misquote": 1, "misattribution": 1, "unverified": 1}
    assert dict(res.drafts[1].quotes) == {"found": 2}


def test_a_vale_rule_as_the_house_lexicon(cache, tmp_path):
    vale = tmp_path / "House.yml"
    vale.write_text("extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: warning\n"
                    "ignorecase: true\nswap:\n  solar panels: solar modules\n", encoding="utf-8")
    res = _run([str(DRAFT), "--source-dir", str(SOURCES), "--lexicon", str(vale), "--output-format", "json"], cache)
    loaded = [f for f in json.loads(res.output)["drafts"][0]["findings"] if f["rule"] == "loaded_language"]
    house = [f for f in loaded if f["details"]["term"] == "solar panels"]
    assert len(house) == 1 and house[0]["location"]["line"] == 20
    assert "“solar modules”" in house[0]["message"]


def test_settings_from_pyproject_and_flags_winning(cache, tmp_path, monkeypatch):
    shutil.copytree(SOURCES, tmp_path / "wire")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.comparator.check]\nsources = ["wire"]\nfail-on = "info"\n'
        '[tool.comparator.check.rules]\nunsupported = "off"\ndivergent_fact = "warning"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    res = _run([str(DRAFT), "--output-format", "json"], cache)
    data = json.loads(res.output)
    rules = {f["rule"]: f["level"] for f in data["drafts"][0]["findings"]}
    assert "unsupported" not in rules and rules["divergent_fact"] == "warning" and res.exit_code == 1
    assert data["fail_on"] == "info"
    # a flag wins over the file
    res = _run([str(DRAFT), "--rule", "unsupported=info", "--fail-on", "error", "--rule", "misquote=off",
                "--rule", "misattribution=off", "--output-format", "json"], cache)
    data = json.loads(res.output)
    assert "unsupported" in {f["rule"] for f in data["drafts"][0]["findings"]} and res.exit_code == 0


def test_the_docs_show_the_example_as_it_runs(cache, monkeypatch):
    root = EXAMPLE.parent.parent
    monkeypatch.chdir(root)
    out = _run(["examples/check/draft.md", "--source-dir", "examples/check/sources"], cache).output
    docs = (root / "docs" / "check.md").read_text(encoding="utf-8")
    assert out in docs, "docs/check.md shows an older output: paste the command's output again"
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert all(line in out for line in readme.split("\n") if line.startswith("examples/check/draft.md:"))


def test_a_draft_inside_the_source_folder_is_not_its_own_source(cache):
    res = check([SOURCES / "wire.md"], [SOURCES], cache_dir=cache)
    assert [Path(s).name for s in res.sources] == ["earlier-story.md"]
    assert all(s.location.path.endswith("earlier-story.md") for f in res.findings for s in f.sources)
