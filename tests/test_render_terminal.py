"""The terminal summary printed after ``comparator compare``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from comparator.render.terminal import summary
from comparator.types import Finding
from factories import make_comparison


def test_summary_plain():
    out = summary(make_comparison(), [Path("reports/report.json"), Path("reports/report.md")], color=False)
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert lines[0] == "Compared 3 outlets, 8 story sentences, 2 facts shared by two or more outlets, 3 findings."
    assert "  Alpha Daily     5 claims (2 boilerplate), 2 in shared facts" in lines
    assert "  Beta News       3 claims, 2 in shared facts" in lines
    assert "Findings: 1 error, 1 warning, 1 info" in lines
    assert "  divergent_fact: 1 (1 error)" in lines
    top = lines.index("Most important 2 (ranked):")  # the lone-carrier omission is not ranked
    assert lines[top + 1].split()[:2] == ["error", "divergent_fact"]
    assert lines[top + 2].split()[:2] == ["warning", "framing_label"]
    assert lines[-2:] == ["  reports/report.json", "  reports/report.md"]


def test_summary_color_only_when_asked():
    comp = make_comparison()
    colored = summary(comp, [], color=True)
    assert "\x1b[31m1 error\x1b[0m" in colored
    assert "\x1b[" not in summary(comp, [], color=False)


def test_top_five_are_the_ranked_differences_with_duplicates_folded():
    comp = make_comparison()
    extra = tuple(Finding(id=f"wording-{i:03d}", kind="wording", severity="info", confidence=0.99,
                          message=f"wording {i}", evidence=()) for i in range(6))
    late_error = dataclasses.replace(comp.findings[0], id="divergent_fact-002", confidence=0.1)
    comp = dataclasses.replace(comp, findings=(*extra, *comp.findings, late_error))
    out = summary(comp, [], color=False).splitlines()
    head = out.index("Most important 5 (ranked):")
    top = out[head + 1:head + 6]
    # the same evidence as divergent_fact-001 is one difference, not two
    assert [line.split()[:2] for line in top] == [["error", "divergent_fact"], ["warning", "framing_label"],
                                                  ["info", "wording"], ["info", "wording"], ["info", "wording"]]
    assert "wording 5" not in "\n".join(top)


def test_hostile_metadata_cannot_send_escape_sequences():
    comp = make_comparison()
    art = dataclasses.replace(comp.articles[0], outlet="Evil\x1b[2J\x1b]0;pwned\x07 Daily\nSecond line")
    f = dataclasses.replace(comp.findings[0], message="bad\x1b[31m message\r\rover")
    comp = dataclasses.replace(comp, articles=(art, *comp.articles[1:]), findings=(f, *comp.findings[1:]))
    out = summary(comp, [], color=False)
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert "Second line" in out and out.count("\n") == summary(make_comparison(), [], color=False).count("\n")


def test_table_files_are_listed_by_folder():
    written = [Path("out/report.json")] + [Path("out/t") / f"{n}.{e}" for n in ("claims", "findings")
                                           for e in ("csv", "parquet")]
    lines = summary(make_comparison(), written, color=False).splitlines()
    assert lines[-3:] == ["Written:", "  out/report.json", "  out/t/ (claims, findings as CSV and Parquet)"]
