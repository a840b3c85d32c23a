"""Atomic writing and ``write_reports``: complete files or untouched ones, never strays."""

from __future__ import annotations

import json
import os
import stat

import pytest

import comparator.render.atomic as atomic
from comparator.errors import ConfigError, OutputError
from comparator.render import write_reports
from comparator.render.atomic import atomic_path, ensure_dir, write_text
from factories import make_comparison


def _names(directory):
    return sorted(p.name for p in directory.iterdir())


def test_write_text_creates_and_replaces(tmp_path):
    target = tmp_path / "report.md"
    assert write_text(target, "one\n") == target
    write_text(target, "two ü\n")
    assert target.read_text(encoding="utf-8") == "two ü\n"
    assert _names(tmp_path) == ["report.md"]  # no temp files left


def test_new_files_get_normal_permissions(tmp_path):
    target = write_text(tmp_path / "r.json", "{}")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    os.chmod(target, 0o640)
    write_text(target, "{}\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # an existing file keeps its mode


def test_failure_inside_the_block_leaves_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "claims.parquet"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            assert tmp.parent == tmp_path and tmp != target
            tmp.write_text("half a fi")
            raise RuntimeError("writer crashed")
    assert target.read_text() == "old"
    assert _names(tmp_path) == ["claims.parquet"]


def test_failed_replace_is_an_output_error_and_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("old")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(OutputError, match="No space left on device") as err:
        write_text(target, "new")
    assert err.value.path == str(target)
    assert target.read_text() == "old"
    assert _names(tmp_path) == ["report.json"]


def test_ensure_dir_creates_nested_folders(tmp_path):
    assert ensure_dir(tmp_path / "a" / "b").is_dir()


def test_output_dir_that_is_a_file_is_an_output_error(tmp_path):
    f = tmp_path / "reports"
    f.write_text("not a folder")
    with pytest.raises(OutputError, match="existing file, not a folder") as err:
        write_reports(make_comparison(), f, formats=["json"])
    assert err.value.path == str(f) and "--out" in str(err.value)
    with pytest.raises(OutputError, match="parent of the output folder is a file"):
        ensure_dir(f / "sub")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output_dir_is_an_output_error(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="not writable"):
            write_reports(make_comparison(), locked, formats=["json"])
    finally:
        locked.chmod(0o700)


def test_unwritable_output_dir_via_access_check(tmp_path, monkeypatch):
    """Same check as above, also when the tests run as root."""
    monkeypatch.setattr(atomic.os, "access", lambda path, mode: False)
    with pytest.raises(OutputError, match="not writable") as err:
        write_reports(make_comparison(), tmp_path, formats=["json"])
    assert "chmod" in str(err.value)


# -- write_reports ------------------------------------------------------------------

def test_write_reports_json_and_md(tmp_path):
    out = tmp_path / "new" / "reports"
    written = write_reports(make_comparison(), out, formats=("json", "md"))
    assert written == [out / "report.json", out / "report.md"]
    assert _names(out) == ["report.json", "report.md"]
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["schema_version"] == "1.1"
    assert (out / "report.md").read_text(encoding="utf-8").startswith("## Comparison: Alpha Daily")
    assert _names(tmp_path) == ["new"]  # nothing written elsewhere


def test_write_reports_accepts_a_comma_string_and_dedupes(tmp_path):
    written = write_reports(make_comparison(), tmp_path, formats="md, json,md")
    assert [p.name for p in written] == ["report.md", "report.json"]


def test_unknown_format_lists_valid_ones(tmp_path):
    with pytest.raises(ConfigError, match="unknown report format 'pdf'.*json, md, html"):
        write_reports(make_comparison(), tmp_path / "out", formats=["json", "pdf"])
    assert not (tmp_path / "out").exists()  # nothing created for a bad call


def test_write_reports_with_tables(tmp_path):
    written = write_reports(make_comparison(), tmp_path / "r", formats=["json"], tables_dir=tmp_path / "t")
    names = [p.name for p in written]
    assert names[0] == "report.json"
    for table in ("claims", "alignments", "findings", "entities"):
        assert f"{table}.csv" in names and f"{table}.parquet" in names
    assert _names(tmp_path / "t") == sorted(names[1:])


def test_render_failure_leaves_existing_reports_untouched(tmp_path, monkeypatch):
    import comparator.render.markdown as markdown

    old = write_reports(make_comparison(), tmp_path, formats=["json", "md"])
    before = [p.read_bytes() for p in old]

    def broken(comp):
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(markdown, "render_markdown", broken)
    with pytest.raises(RuntimeError):
        write_reports(make_comparison(), tmp_path, formats=["json", "md"])
    assert [p.read_bytes() for p in old] == before  # everything renders before anything is written
    assert _names(tmp_path) == ["report.json", "report.md"]


def test_reports_are_byte_identical_across_runs(tmp_path):
    a = write_reports(make_comparison(), tmp_path / "a", formats=["json", "md"])
    b = write_reports(make_comparison(), tmp_path / "b", formats=["json", "md"])
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def test_html_report_is_written_when_the_renderer_exists(tmp_path):
    pytest.importorskip("comparator.render.html")
    written = write_reports(make_comparison(), tmp_path, formats=["html"])
    assert written == [tmp_path / "report.html"]
    assert "<html" in (tmp_path / "report.html").read_text(encoding="utf-8").lower()
