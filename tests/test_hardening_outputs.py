"""Outputs never overwrite the user's files or get read as inputs; terminal output is inert (issue 10)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from comparator.cli import cli
from comparator.errors import OutputError
from comparator.render import write_reports
from comparator.render.atomic import AtomicSet
from comparator.render.guard import check_output, is_own_output, remove_stale_temps
from factories import make_comparison

SEED = Path(__file__).resolve().parent.parent / "corpora" / "irs-ice-talwani"


def _event(tmp_path: Path) -> Path:
    ev = tmp_path / "event"
    ev.mkdir()
    for f in sorted(SEED.glob("*.md")):
        (ev / f.name).write_bytes(f.read_bytes())
    return ev


def _no_model(monkeypatch):
    import comparator.nlp

    monkeypatch.setattr(comparator.nlp, "load_nlp", lambda: pytest.fail("analysis ran"))


@pytest.mark.parametrize("extra", [[], ["--format", "md"]])
def test_output_folder_holding_the_inputs_is_refused_before_analysis(tmp_path, monkeypatch, extra):
    ev = _event(tmp_path)
    before = {p.name: p.read_bytes() for p in ev.iterdir()}
    _no_model(monkeypatch)
    result = CliRunner().invoke(cli, ["compare", str(ev), "-o", str(ev), *extra])
    assert result.exit_code == 2 and "holds the input" in result.output
    assert {p.name: p.read_bytes() for p in ev.iterdir()} == before


def test_users_article_named_report_md_is_never_replaced(tmp_path, monkeypatch):
    ev = _event(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.md").write_text("My own notes, not a report.\n")
    _no_model(monkeypatch)
    result = CliRunner().invoke(cli, ["compare", str(ev), "-o", str(out)])
    assert result.exit_code == 2 and "not written by comparator" in result.output
    assert (out / "report.md").read_text() == "My own notes, not a report.\n"


def test_tables_folder_with_users_claims_csv_is_refused(tmp_path, monkeypatch):
    ev = _event(tmp_path)
    tables = tmp_path / "tables"
    tables.mkdir()
    (tables / "claims.csv").write_text("name,phone\nAnn,555\n")
    _no_model(monkeypatch)
    result = CliRunner().invoke(cli, ["compare", str(ev), "-o", str(tmp_path / "out"), "--tables", str(tables)])
    assert result.exit_code == 2 and "claims.csv" in result.output
    assert (tables / "claims.csv").read_text() == "name,phone\nAnn,555\n"
    result = CliRunner().invoke(cli, ["compare", str(ev), "-o", str(tmp_path / "out"), "--tables", str(ev)])
    assert result.exit_code == 2 and "holds the input" in result.output


def test_comparator_recognises_and_replaces_its_own_outputs(tmp_path):
    comp = make_comparison()
    written = write_reports(comp, tmp_path / "out", tables_dir=tmp_path / "tables")
    assert all(is_own_output(p) for p in written), [p for p in written if not is_own_output(p)]
    again = write_reports(comp, tmp_path / "out", tables_dir=tmp_path / "tables")
    assert again == written
    for name, text in [("report.json", '{"tool": {"name": "other"}}'), ("report.md", "# Notes\n"),
                       ("report.html", "<html>mine</html>"), ("claims.csv", "a,b\n")]:
        path = tmp_path / name
        path.write_text(text)
        assert not is_own_output(path)


def test_a_folder_in_the_way_changes_nothing(tmp_path):
    out = tmp_path / "out"
    old = write_reports(make_comparison(), out, formats=["json", "md"])
    before = [p.read_bytes() for p in old]
    (out / "report.html").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        write_reports(make_comparison(hostile=True), out)
    assert [p.read_bytes() for p in old] == before  # the set stays all old
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]


def test_failure_while_staging_leaves_the_old_set_and_no_temp_files(tmp_path, monkeypatch):
    import comparator.render.tables as tables

    out, tdir = tmp_path / "out", tmp_path / "tables"
    old = write_reports(make_comparison(), out, tables_dir=tdir)
    before = [p.read_bytes() for p in old]

    def broken(comp, name):
        if name == "entities":
            raise KeyboardInterrupt
        return real(comp, name)

    real = tables.to_frame
    monkeypatch.setattr(tables, "to_frame", broken)
    with pytest.raises(KeyboardInterrupt):
        write_reports(make_comparison(hostile=True), out, tables_dir=tdir)
    assert [p.read_bytes() for p in old] == before
    assert not [p for d in (out, tdir) for p in d.iterdir() if p.name.endswith(".tmp")]


def test_atomic_set_commits_all_or_discards_all(tmp_path):
    with AtomicSet() as files:
        files.add_bytes(tmp_path / "a", b"1")
        files.add_bytes(tmp_path / "b", b"2")
        assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".tmp")) == []
        files.commit()
    assert (tmp_path / "a").read_bytes() == b"1" and (tmp_path / "b").read_bytes() == b"2"
    with pytest.raises(RuntimeError):
        with AtomicSet() as files:
            files.add_bytes(tmp_path / "a", b"new")
            raise RuntimeError
    assert (tmp_path / "a").read_bytes() == b"1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]


def test_stale_temp_files_from_a_killed_run_are_removed(tmp_path):
    stale = tmp_path / ".report.json.abcd1234.tmp"
    fresh = tmp_path / ".report.md.efgh5678.tmp"
    other = tmp_path / ".notes.txt.abcd1234.tmp"
    for p in (stale, fresh, other):
        p.write_text("x")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    assert remove_stale_temps(tmp_path, ["report.json", "report.md"]) == 1
    assert not stale.exists() and fresh.exists() and other.exists()
    os.utime(fresh, (old, old))
    write_reports(make_comparison(), tmp_path, formats=["md"])
    assert not fresh.exists()


def test_sigterm_unwinds_so_temp_files_are_removed():
    import signal

    from comparator.cli import _terminate

    with pytest.raises(SystemExit) as exc:
        _terminate(signal.SIGTERM, None)
    assert exc.value.code == 128 + signal.SIGTERM


def test_own_reports_in_an_input_folder_are_skipped(tmp_path):
    from comparator.load import load_articles

    ev = _event(tmp_path)
    write_reports(make_comparison(), tmp_path / "r", formats=["json", "md"])
    for name in ("report.json", "report.md"):
        (ev / name).write_bytes((tmp_path / "r" / name).read_bytes())
    assert sorted(a.source_path.rsplit("/", 1)[-1] for a in load_articles([ev])) == \
        sorted(p.name for p in SEED.glob("*.md"))


def test_check_output_accepts_a_fresh_folder(tmp_path):
    check_output(tmp_path / "new", [SEED], ["report.json"])


# -- terminal output is inert ----------------------------------------------------------------------

ESC = "Evil\x1b[31m Outlet\x1b]0;TITLE\x07 and \x1b]52;c;ZWNobw==\x07 \u202eRTL \x9b2J"


def test_error_messages_are_inert(tmp_path):
    bad = tmp_path / "\x1b]0;PWNED\x07red.md"
    bad.write_text("")
    result = CliRunner().invoke(cli, ["compare", str(bad), str(bad)])
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\x07" not in result.output and "red.md" in result.output


def test_claims_command_output_is_inert(tmp_path, monkeypatch):
    import comparator.cli as cli_module

    art = tmp_path / "esc.md"
    art.write_text(f"---\noutlet: {json.dumps(ESC)}\n---\nThe judge ruled. {ESC} Officials said so.\n")
    result = CliRunner().invoke(cli, ["claims", str(art)])
    assert result.exit_code == 0, result.output
    assert not any(ch in result.output for ch in "\x1b\x07\x9b\u202e")
    assert "Evil" in result.output and "Officials said so." in result.output
    result = CliRunner().invoke(cli, ["claims", "--json", str(art)])
    assert not any(ch in result.output for ch in "\x1b\x07\x9b\u202e")
    texts = [json.loads(line)["text"] for line in result.output.splitlines()]
    assert any("\x1b]52;" in t for t in texts)  # the JSON data itself is unchanged
    assert cli_module.inert("a\x1bb") == "a\ufffdb"


def test_log_lines_are_inert(caplog):
    import logging

    from comparator.cli import _InertFormatter

    record = logging.LogRecord("comparator", logging.WARNING, __file__, 1, "file %s", ("\x1b]0;x\x07.md",), None)
    assert "\x1b" not in _InertFormatter("%(message)s").format(record)


@pytest.mark.parametrize("flag", [["--min-score", "nan"], ["--min-score", "7.5"], ["--min-score", "-inf"]])
def test_cli_values_are_refused_before_any_model_loads(tmp_path, monkeypatch, flag):
    ev = _event(tmp_path)
    _no_model(monkeypatch)
    result = CliRunner().invoke(cli, ["compare", str(ev), "-o", str(tmp_path / "out"), *flag])
    assert result.exit_code == 2 and "--min-score" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
