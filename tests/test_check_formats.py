"""comparator check's output formats, on a hand-made result: each as its specification or consumer reads it."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from comparator.check.config import OUTPUT_FORMATS
from comparator.check.formats import is_check_output, render
from comparator.check.formats.rdjson import byte_column
from comparator.check.records import CheckFinding, CheckResult, DraftResult, Location, SourceSpan

SCHEMA = Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json"


@pytest.fixture()
def result(tmp_path) -> CheckResult:
    draft = tmp_path / "draft.md"
    draft.write_text("---\ntitle: T\n---\nCafé “city” here, 50% | <b>\n", encoding="utf-8")
    loc = Location(str(draft), 4, 7, 4, 11, "city", 6, 10)
    src = SourceSpan("Harbor Wire", Location("sources/wire.md", 10, 3, 10, 7, "town", 40, 44))
    findings = (
        CheckFinding("misquote", "error", "quotation differs: “city” here, “town”\nin the source, 50%, a|b",
                     loc, (src,), "abc123", {"diff": [{"draft": "city", "source": "town"}]}),
        CheckFinding("unsupported", "info", "no source supports this sentence.",
                     Location(str(draft), 4, 1, 4, 30, "Café", 0, 4), (), "def456"),
        CheckFinding("loaded_language", "warning", "“x” in the draft's own voice.",
                     Location("page.html", 12, 1, 12, 1, "x", 0, 1, exact=False), (), "ghi789"),
    )
    return CheckResult((DraftResult(str(draft), findings[:2], suppressed=1), DraftResult("page.html", findings[2:])),
                       ("sources/wire.md",), "error", "0.1.0")


def test_every_format_renders_and_is_recognised_as_ours(result, tmp_path):
    for fmt in OUTPUT_FORMATS:
        text = render(result, fmt)
        assert text
        out = tmp_path / f"out.{fmt}"
        out.write_text(text, encoding="utf-8")
        assert is_check_output(str(out)), fmt
    mine = tmp_path / "notes.txt"
    mine.write_text("my own notes\n", encoding="utf-8")
    assert not is_check_output(str(mine))


def test_sarif_is_valid_against_the_2_1_0_schema(result):
    import jsonschema

    log = json.loads(render(result, "sarif"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    first = run["results"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    assert first["ruleId"] == "misquote" and first["level"] == "error"
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == "misquote"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (4, 7, 11)
    assert first["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "sources/wire.md"
    assert run["results"][1]["level"] == "note"  # info is SARIF's "note"
    assert "endLine" not in run["results"][2]["locations"][0]["physicalLocation"]["region"]  # nearest line only


def test_sarif_schema_rejects_a_broken_log(result):
    import jsonschema

    log = json.loads(render(result, "sarif"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(log)


def test_github_workflow_commands_escape_data_and_properties(result):
    lines = render(result, "github").splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("::error file=")
    assert ",line=4,col=7,endLine=4,endColumn=11,title=comparator misquote::" in lines[0]
    assert "%0Ain the source, 50%25, a|b" in lines[0] and "\n" not in lines[0]
    assert lines[1].startswith("::notice ") and lines[2].startswith("::warning file=page.html,line=12,col=1,title=")


def test_junit_xml_fails_only_at_the_fail_level(result):
    root = ET.fromstring(render(result, "junit").split("\n", 1)[1])
    assert root.tag == "testsuites" and root.get("tests") == "3" and root.get("failures") == "1"
    suite = root.find("testsuite")
    failures = suite.findall("testcase/failure")
    assert len(failures) == 1 and failures[0].get("type") == "misquote"
    assert suite.findall("testcase/system-out")[0].text.endswith("no source supports this sentence.")


def test_rdjson_counts_columns_in_utf8_bytes(result):
    data = json.loads(render(result, "rdjson"))
    d = data["diagnostics"][0]
    # "Café “" is 6 characters but 9 bytes: column 7 -> byte column 10
    assert d["location"]["range"]["start"] == {"line": 4, "column": 10}
    assert d["severity"] == "ERROR" and d["code"] == {"value": "misquote"}
    assert byte_column("missing.md", 3, 5) == 5


def test_gitlab_code_quality(result):
    issues = json.loads(render(result, "gitlab"))
    assert [i["severity"] for i in issues] == ["major", "info", "minor"]
    assert issues[0]["location"] == {"path": result.drafts[0].path, "lines": {"begin": 4}}
    assert len({i["fingerprint"] for i in issues}) == 3


def test_markdown_summary_escapes_table_cells(result):
    text = render(result, "markdown")
    assert text.startswith("## comparator check: ❌ failed")
    row = next(line for line in text.splitlines() if "`misquote`" in line)
    assert "a\\|b" in row and row.count(" | ") == 3
    assert "1 finding(s) suppressed inline" in text


def test_text_and_json(result):
    text = render(result, "text")
    assert text.splitlines()[0].endswith(":4:7: error misquote quotation differs: “city” here, “town” in the source, "
                                         "50%, a|b")
    assert "fails on error: failed" in text
    assert "\x1b[" in render(result, "text", color=True) and "\x1b[" not in text
    data = json.loads(render(result, "json"))
    assert data["failed"] is True and data["counts"] == {"error": 1, "warning": 1, "info": 1}
    assert render(result, "json") == render(result, "json")


def test_github_commands_neutralise_control_characters():
    from comparator.check.formats.github import escape_data, escape_property

    assert escape_data("a\x1b[31mb\u202ec") == "a\ufffd[31mb\ufffdc"
    assert escape_property("x:y,z\n") == "x%3Ay%2Cz%0A"


def test_ci_files_run_the_check():
    import yaml

    root = Path(__file__).resolve().parent.parent
    hook, = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "comparator-check" and hook["entry"] == "comparator check" and hook["language"] == "python"
    action = yaml.safe_load((root / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite" and {"drafts", "sources", "fail-on"} <= set(action["inputs"])
    script = "\n".join(step.get("run", "") for step in action["runs"]["steps"])
    assert "--output-format github" in script and "GITHUB_STEP_SUMMARY" in script
    assert "comparator model prepare" in script
