"""The CLI: bad input gives exit code 2 and a message naming the file; reports land atomically."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from comparator.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _two(tmp_path, a="The council approved the budget on Monday.", b="On Monday the budget passed the council."):
    (tmp_path / "a.txt").write_text(a, encoding="utf-8")
    (tmp_path / "b.txt").write_text(b, encoding="utf-8")
    return tmp_path / "a.txt", tmp_path / "b.txt"


@pytest.mark.parametrize(
    "setup, expect",
    [
        (lambda d: [str(d / "missing.txt"), str(d / "b.txt")], "missing.txt"),
        (lambda d: (d / "empty.txt").write_text("") and None or [str(d / "empty.txt"), str(d / "b.txt")], "empty.txt"),
        (lambda d: (d / "pic.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)) and None
         or [str(d / "pic.txt"), str(d / "b.txt")], "pic.txt"),
        (lambda d: (d / "notes.docx").write_bytes(b"PK\x03\x04 not really") and None
         or [str(d / "notes.docx"), str(d / "b.txt")], "notes.docx"),
        (lambda d: (d / "c.jsonl").write_text('{"outlet": "A", "text": "One."}\n{broken\n') and None
         or [str(d / "c.jsonl")], "c.jsonl"),
        (lambda d: [str(d / "b.txt")], "b.txt"),  # one article only
        (lambda d: (d / "copy.txt").write_text((d / "b.txt").read_text()) and None
         or [str(d / "b.txt"), str(d / "copy.txt")], "copy.txt"),
    ],
    ids=["missing", "empty", "binary", "unknown-extension", "malformed-jsonl", "single", "identical"],
)
def test_bad_input_exit_2_with_message(tmp_path, setup, expect):
    _two(tmp_path)
    args = setup(tmp_path)
    result = run("compare", *args, "-o", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert expect in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_malformed_jsonl_names_the_line(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"outlet": "A", "text": "One."}\n{broken\n{"outlet": "B", "text": "Two."}\n')
    result = run("compare", str(tmp_path / "c.jsonl"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and ":2" in result.output


def test_unknown_format_is_a_usage_error(tmp_path):
    a, b = _two(tmp_path)
    result = run("compare", str(a), str(b), "--format", "pdf")
    assert result.exit_code == 2 and "pdf" in result.output


def test_real_process_has_no_traceback(tmp_path):
    out = subprocess.run([sys.executable, "-m", "comparator", "compare", str(tmp_path / "nope.txt"),
                          str(tmp_path / "nope2.txt")], capture_output=True, text=True)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and "nope.txt" in out.stderr


def test_claims_command_prints_voice_and_boilerplate(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text('Photo by Jane Roe/Getty Images\nThe mayor spoke on Friday. "We will rebuild," she said.\n',
                    encoding="utf-8")
    result = run("claims", str(path))
    assert result.exit_code == 0, result.output
    assert "boilerplate" in result.output and "quoted" in result.output
    result = run("claims", str(path), "--json")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {r["voice"] for r in rows} >= {"authorial", "quoted"}


@pytest.mark.slow
def test_compare_writes_reports_and_replaces_atomically(tmp_path, seed_dir):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    from comparator.render import write_reports
    from factories import make_comparison

    write_reports(make_comparison(), out, formats=["json"])  # an earlier run's report: replaced
    result = run("compare", str(seed_dir), "-o", str(out), "--cache-dir", str(tmp_path / "cache"),
                 "--tables", str(tmp_path / "tables"))
    assert result.exit_code == 0, result.output
    assert (out / "keep.txt").read_text() == "mine"
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["schema_version"].startswith("1.")
    assert (out / "report.md").stat().st_size > 0 and (out / "report.html").stat().st_size > 0
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".")]
    assert {p.suffix for p in (tmp_path / "tables").iterdir()} == {".csv", ".parquet"}
    assert "omission" in result.output


def test_broken_lexicon_fails_before_any_model_loads(tmp_path):
    a, b = _two(tmp_path)
    bad = tmp_path / "style.yml"
    bad.write_text("terms:\n  - term: slammed\n    category: not-a-category\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from comparator.cli import cli\n"
        f"r = CliRunner().invoke(cli, ['compare', {str(a)!r}, {str(b)!r}, '--lexicon', {str(bad)!r}, '-o', {str(tmp_path / 'o')!r}])\n"
        "print(r.exit_code, 'torch' in sys.modules)\n"
        "print(r.output)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, rest = out.stdout.split("\n", 1)
    assert first == "2 False"
    assert "style.yml:2" in rest


def test_too_many_sentences_is_refused_before_the_model_loads(tmp_path):
    a, b = _two(tmp_path, a="One thing happened. " * 40, b="Another thing happened. " * 40)
    (tmp_path / "pyproject.toml").write_text("[tool.comparator]\nmax_claims = 50\n")
    code = (
        "import os, sys\n"
        f"os.chdir({str(tmp_path)!r})\n"
        "from click.testing import CliRunner\n"
        "from comparator.cli import cli\n"
        "r = CliRunner().invoke(cli, ['compare', 'a.txt', 'b.txt', '-o', 'out'])\n"
        "print(r.exit_code, 'torch' in sys.modules)\n"
        "print(r.output)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, rest = out.stdout.split("\n", 1)
    assert first == "2 False", out.stdout
    assert "max_claims" in rest and "a.txt" in rest
