"""Syndicated copies: reported as a finding, compared once; an error only below two distinct articles."""

from __future__ import annotations

import json

import pytest

import comparator
from comparator.errors import IdenticalArticlesError
from comparator.load.syndicated import drop_syndicated
from comparator.types import Article

WIRE = ("The county board voted 5-2 on Tuesday to close the Millbrook landfill by 2028.\n"
        "The vote ends a decade of disputes over odors and truck traffic, board chair Ines Vargas said.\n")
OTHER = ("Millbrook's landfill will shut in 2028 after a split vote of the county board on Tuesday.\n"
         "Neighbours had complained for years about smells and lorries, chair Ines Vargas said.\n")


def write(folder, name, outlet, body):
    (folder / name).write_text(f"---\noutlet: {outlet}\ntitle: {outlet} story\n---\n{body}", encoding="utf-8")


def test_copies_are_a_finding_and_the_rest_runs(tmp_path, fake_encoder):
    write(tmp_path, "a.md", "Valley Post", WIRE)
    write(tmp_path, "b.md", "River Times", WIRE.replace("\n", "\n\n"))  # same words, other wrapping
    write(tmp_path, "c.md", "Hill Courier", OTHER)
    comp = comparator.compare([tmp_path], encoder=fake_encoder)
    assert [a.outlet for a in comp.articles] == ["Valley Post", "Hill Courier"]
    found = [f for f in comp.findings if f.kind == "syndicated"]
    assert len(found) == 1 and found[0].severity == "info"
    assert "River Times" in found[0].message and "Valley Post" in found[0].message
    assert found[0].details["copies"][0]["outlet"] == "River Times"
    ev = found[0].evidence[0]
    assert comp.article(ev.article).text[ev.start:ev.end] == ev.text
    report = json.loads(json.dumps(comp.to_dict()))
    assert any(f["kind"] == "syndicated" for f in report["findings"])


def test_only_copies_left_is_an_error(tmp_path, fake_encoder):
    write(tmp_path, "a.md", "Valley Post", WIRE)
    write(tmp_path, "b.md", "River Times", WIRE)
    with pytest.raises(IdenticalArticlesError, match="fewer than two distinct"):
        comparator.compare([tmp_path], encoder=fake_encoder)


def test_near_copy_with_a_different_credit_line_is_a_copy():
    long = WIRE * 3
    a = Article(id="a", outlet="A", text=long + "Reporting by Jo Bloggs.")
    b = Article(id="b", outlet="B", text=long + "Reporting by J. Bloggs.")
    c = Article(id="c", outlet="C", text=OTHER)
    kept, groups = drop_syndicated([a, b, c])
    assert [x.id for x in kept] == ["a", "c"] and groups[0].copies == (b,)


def test_different_articles_are_not_copies():
    kept, groups = drop_syndicated([Article(id="a", outlet="A", text=WIRE),
                                    Article(id="c", outlet="C", text=OTHER)])
    assert len(kept) == 2 and groups == ()


def test_a_near_copy_with_a_reworded_quote_is_compared_not_dropped():
    from comparator.load.syndicated import _same

    body = "The council met on Tuesday and approved the budget after a long debate. " * 12
    a = body + '"We will not raise taxes this year," the mayor said. ' + body
    b = body + '"We will not raise fees this year," the mayor said. ' + body
    assert not _same(a, b)  # the difference is inside the story: a finding, not a copy
    assert _same("WASHINGTON (AP) - " + body + body, "NEW YORK (AP) - " + body + body)  # dateline only
