"""Corpus mode under hostile or changing input: exit codes, kept results, stable fingerprints, fact counts,
unlabelled records joining labelled events, copyable keys (invented text; fake encoder, real spaCy)."""

from __future__ import annotations

import json
import os
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from comparator.corpus import compare_corpus
from comparator.errors import EmptyInputError, NotEnoughArticlesError
from tests.corpus_data import STORIES


def _records(event_field: str | None = "event") -> list[dict]:
    rows = []
    for event, (date, articles) in STORIES.items():
        for outlet, title, text in articles:
            row = {"published": date, "outlet": outlet, "title": title, "text": text}
            if event_field:
                row[event_field] = event
            rows.append(row)
    return rows


def _write(path, rows, extra: list[str] | None = None):
    path.write_text("\n".join([json.dumps(r) for r in rows] + (extra or [])) + "\n", encoding="utf-8")
    return path


# -- 1. no readable record / no comparable event: exit 2 with what, where and how to fix --------------------

@pytest.mark.parametrize("content", [b"", b"\n  \n", os.urandom(64) + b"\n" + bytes(range(128, 256)) + b"\n",
                                     b'{"outlet": "A"}\n[1, 2]\n{"text": \n'])
def test_input_without_readable_records_exits_2(tmp_path, content):
    from comparator.cli import cli

    src = tmp_path / "in.jsonl"
    src.write_bytes(content)
    result = CliRunner().invoke(cli, ["corpus", str(src), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and str(src) in result.output
    assert "no" in result.output and "'outlet' and 'text'" in result.output  # what, and how to fix
    assert not (tmp_path / "out" / "corpus.html").exists()


def test_no_readable_records_raises_from_the_api(tmp_path, fake_encoder):
    src = tmp_path / "in.jsonl"
    src.write_text('{"outlet": "A"}\n', encoding="utf-8")
    with pytest.raises(EmptyInputError, match=r"1 unreadable.*#L1"):
        compare_corpus([src], tmp_path / "out", encoder=fake_encoder)


@pytest.mark.slow
def test_no_comparable_event_raises(tmp_path, fake_encoder):
    rows = [{"event": f"e{n}", "outlet": f"Outlet {n}", "text": f"Story number {n} happened in Town {n}."}
            for n in range(3)]
    with pytest.raises(NotEnoughArticlesError, match="no comparable event: 3 skipped"):
        compare_corpus([_write(tmp_path / "in.jsonl", rows)], tmp_path / "out", encoder=fake_encoder)
    assert (tmp_path / "out" / "tables" / "events.csv").is_file()  # the reasons are still written


def test_json_errors_give_the_column_on_their_own_line(tmp_path):
    from comparator.corpus.inputs import BadRecord, iter_records

    src = tmp_path / "in.jsonl"
    src.write_text('{"outlet": "A", "text": \r\n{"outlet": "B", "text": "x" "y"}\n', encoding="utf-8")
    bad = [r for r in iter_records(src) if isinstance(r, BadRecord)]
    assert [b.where.rsplit("#", 1)[1] for b in bad] == ["L1", "L2"]
    assert "column 25" in bad[0].reason and "column 29" in bad[1].reason


# -- 2 and 3. reruns: results are kept; fingerprints depend only on the event's own articles ------------------

@pytest.mark.slow
def test_rerun_with_another_input_keeps_results_and_reports_only_this_input(tmp_path, fake_encoder):
    rows = _records()
    out = tmp_path / "out"
    first = compare_corpus([_write(tmp_path / "all.jsonl", rows)], out, encoder=fake_encoder)
    assert first.done == len(STORIES)
    one = [r for r in rows if r["event"] == "harbor-strike"]
    second = compare_corpus([_write(tmp_path / "one.jsonl", one)], out, encoder=fake_encoder)
    assert (second.events, second.resumed, second.done) == (1, 1, 0)
    assert len(list((out / "data" / "claims").glob("event=*"))) == len(STORIES)  # nothing deleted
    assert list(second.to_frame("events")["name"]) == ["harbor-strike"]
    assert set(second.to_frame("claims")["event"]) == {e for e in second.to_frame("events")["key"]}
    outlets = second.to_frame("outlets")
    assert set(outlets["outlet"]) == {"Riverton Ledger", "Valley Post"}  # County Wire is not in this input
    assert set(outlets.loc[outlets["statistic"] == "lede reported late by another outlet", "denominator"]) <= {1.0}
    # the first input again: every event resumes from the kept results
    again = compare_corpus([tmp_path / "all.jsonl"], out, encoder=fake_encoder)
    assert (again.resumed, again.done) == (len(STORIES), 0)


@pytest.mark.slow
def test_unchanged_events_resume_whatever_else_changed_in_the_input(tmp_path, fake_encoder):
    rows = _records()
    out = tmp_path / "out"
    compare_corpus([_write(tmp_path / "a.jsonl", rows)], out, encoder=fake_encoder)
    # other records added before them, the order reversed, a bad line, another file name and folder
    other = {"event": "new-event", "outlet": "Valley Post", "text": "A bridge opened in Salem on Friday."}
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    src = _write(moved / "renamed.jsonl", [other, dict(other, outlet="County Wire")] + rows[::-1],
                 extra=['{"broken": '])
    again = compare_corpus([src], out, encoder=fake_encoder)
    assert again.resumed == len(STORIES) and again.done + again.skipped + again.failed == 1


@pytest.mark.slow
def test_grouped_stories_keep_their_name_and_results_when_the_input_is_reordered(tmp_path, fake_encoder):
    rows = _records(event_field=None)
    out = tmp_path / "out"
    first = compare_corpus([_write(tmp_path / "a.jsonl", rows)], out, encoder=fake_encoder)
    names = set(first.to_frame("events")["name"])
    again = compare_corpus([_write(tmp_path / "b.jsonl", rows[::-1])], out, encoder=fake_encoder)
    assert set(again.to_frame("events")["name"]) == names
    assert again.done == 0 and again.resumed + again.skipped == again.events


def test_fingerprint_ignores_place_and_order_but_not_content(tmp_path):
    from comparator.corpus.events import fingerprint

    def spool(name, articles):
        path = tmp_path / name
        lines = [json.dumps({"event": "e", "folder": None})] + [json.dumps(a, sort_keys=True) for a in articles]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    a = {"id": "a", "outlet": "A", "text": "One.", "source_path": "/tmp/x/in.jsonl#L3", "meta": {}}
    b = {"id": "b", "outlet": "B", "text": "Two.", "source_path": "/tmp/x/in.jsonl#L4", "meta": {}}
    base = fingerprint(spool("1.jsonl", [a, b]), None, "ctx")
    assert fingerprint(spool("2.jsonl", [dict(b, source_path="/y/other.jsonl#L90"), dict(a, source_path="z#L1")]),
                       None, "ctx") == base
    assert fingerprint(spool("3.jsonl", [a, dict(b, text="Three.")]), None, "ctx") != base
    assert fingerprint(spool("4.jsonl", [a, b]), None, "ctx2") != base


# -- 4. divergent facts are counted once per fact per outlet ---------------------------------------------

def _claim(cid, article):
    return SimpleNamespace(id=cid, article=article, index=int(cid.split(":")[1]), boilerplate=False,
                           voice="reported", text="x", start=0)


def test_divergent_facts_count_each_fact_once_per_outlet():
    from comparator.corpus.metrics import event_tables

    arts = [SimpleNamespace(id=i, outlet=i.upper()) for i in ("a", "b", "c")]
    claims = [_claim(f"{x}:{n}", x) for x in "abc" for n in range(3)]
    # three shared facts: claims n of a, b, c aligned together
    aligns = [SimpleNamespace(claims=(f"a:{n}", f"b:{n}", f"c:{n}")) for n in range(3)]

    def ev(cid):
        return SimpleNamespace(article=cid.split(":")[0], claim=cid, voice="reported")

    # outlet a diverges on facts 0 and 1, each found against both b and c (four findings, two facts)
    findings = [SimpleNamespace(kind="divergent_fact", details={}, evidence=(ev(f"a:{n}"), ev(f"{o}:{n}")))
                for n in (0, 1) for o in "bc"]
    comp = SimpleNamespace(articles=arts, claims=claims, alignments=aligns, findings=findings, entities=[],
                           extras={}, claims_of=lambda a: [c for c in claims if c.article == a])
    rows = {(r["article"], r["metric"]): r["value"] for r in event_tables(comp)["outlet_events"]}
    assert rows[("a", "shared_facts")] == 3 and rows[("a", "divergent")] == 2  # 66.7 per 100, not 4/3
    assert rows[("b", "divergent")] == 2 and rows[("c", "divergent")] == 2
    assert all(rows.get((x, "divergent"), 0) <= rows[(x, "shared_facts")] for x in "abc")


# -- 5. records without an event join the labelled event of their story ------------------------------------

@pytest.mark.slow
def test_unlabelled_records_join_their_labelled_event(tmp_path, fake_encoder):
    rows = _records()
    # an outlet's article on the harbor strike, without the event field (near the labelled ones' words)
    loose = {"published": "2024-03-07", "outlet": "Harbor Daily", "title": "Dock workers strike at Port Salem",
             "text": "About 1,200 dock workers walked off the job at Port Salem on Thursday in a fight over pay.\n\n"
                     "Talks between the union and the port authority broke down after six weeks."}
    unrelated = {"published": "2024-03-08", "outlet": "Harbor Daily", "title": "Zoo welcomes panda cub",
                 "text": "The Glenwood Zoo announced the birth of a panda cub named Bao on Friday."}
    corpus = compare_corpus([_write(tmp_path / "in.jsonl", rows + [loose, unrelated])], tmp_path / "out",
                            encoder=fake_encoder)
    events = corpus.to_frame("events")
    strike = events[events["name"] == "harbor-strike"].iloc[0]
    assert strike["articles"] == 3 and strike["outlets"] == 3
    # the unrelated one stays a story of its own (one outlet: skipped), never joins a labelled event
    assert events["name"].str.startswith("Zoo welcomes panda cub [").sum() == 1
    md = (tmp_path / "out" / "corpus.md").read_text(encoding="utf-8")
    assert "\u2060" not in md.split("## Events not compared", 1)[1]


# -- 6. event keys in corpus.md are copyable as-is -------------------------------------------------------

def test_event_names_and_keys_in_markdown_hold_no_invisible_characters():
    from comparator.corpus.report import _event_md

    text = _event_md("Fire at dock 7 [bdaff489]", "fire-at-dock-7-bdaff48912")
    assert "\u2060" not in text
    assert "`[bdaff489]`" in text and "`fire-at-dock-7-bdaff48912`" in text
    assert "`" * 2 + " `a` " + "`" * 2 in _event_md("x", "`a`")


# -- an empty event folder is skipped with its reason, not failed and retried (review2-corpus) ----------------

def test_an_empty_event_folder_is_skipped_not_failed(tmp_path, fake_encoder):
    events = tmp_path / "events"
    (events / "empty").mkdir(parents=True)
    story = events / "ferry"
    story.mkdir()
    (story / "a.md").write_text("---\noutlet: Island Observer\n---\nThe Gullholm ferry authority will raise "
                                "fares by 15% on July 1.\n", encoding="utf-8")
    (story / "b.md").write_text("---\noutlet: Coast Herald\n---\nFerry fares to Gullholm will rise 15% on "
                                "July 1, the authority said.\n", encoding="utf-8")
    first = compare_corpus([events], tmp_path / "out", encoder=fake_encoder)
    assert (first.done, first.skipped, first.failed) == (1, 1, 0)
    table = first.to_frame("events").set_index("name")
    assert table.loc["empty", "status"] == "skipped" and "no article files" in table.loc["empty", "reason"]
    again = compare_corpus([events], tmp_path / "out", encoder=fake_encoder)
    assert (again.failed, again.skipped) == (0, 1)


def test_skip_reason_only_for_inputs_with_nothing_to_compare():
    from comparator.corpus.events import skip_reason
    from comparator.errors import IdenticalArticlesError, ModelError

    assert skip_reason(EmptyInputError("folder contains no article files.")).startswith("nothing to compare")
    assert skip_reason(NotEnoughArticlesError("found 1 article")) is not None
    assert skip_reason(IdenticalArticlesError("copies")) is None and skip_reason(ModelError("x")) is None


# -- identical headlines on the same day are one story, whatever their leads say (review2-corpus/noevent) ------

def test_identical_headlines_without_an_event_field_are_one_story(tmp_path, fake_encoder):
    rows = [
        {"outlet": "Harbor Times", "title": "Pellam warehouse fire update", "published": "2024-06-20",
         "text": "Detectives arrested a 34-year-old man on Wednesday after crews found gasoline cans near "
                 "a loading dock.\n\nTwo firefighters were hurt battling the blaze overnight."},
        {"outlet": "Wexham Gazette", "title": "Pellam Warehouse Fire: Update", "published": "2024-06-20",
         "text": "Investigators say nobody is in custody yet.\n\nCity officials reported no injuries among "
                 "emergency responders."},
        {"outlet": "Coast Herald", "title": "Pellam warehouse fire update", "published": "2024-07-30",
         "text": "The owner of the burned warehouse said he would rebuild by spring."},
    ]
    corpus = compare_corpus([_write(tmp_path / "in.jsonl", rows)], tmp_path / "out", encoder=fake_encoder)
    events = corpus.to_frame("events")
    compared = events[events["status"] == "done"]
    assert len(compared) == 1 and compared.iloc[0]["outlets"] == 2  # the July article is another story
    assert len(events) == 2
