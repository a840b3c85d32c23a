"""Flat tables: stable columns, real values, CSV/Parquet files that read back the same."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from comparator.comparison import Comparison
from comparator.errors import ConfigError
from comparator.render.tables import COLUMNS, TABLES, to_frame, write_tables
from comparator.types import Alignment, Article
from factories import make_comparison


@pytest.mark.parametrize("name", TABLES)
def test_columns_and_dtypes_are_stable(name):
    frame = to_frame(make_comparison(), name)
    assert list(frame.columns) == list(COLUMNS[name])
    assert {c: str(t) for c, t in frame.dtypes.items()} == COLUMNS[name]


@pytest.mark.parametrize("name", TABLES)
def test_empty_comparison_gives_empty_typed_frames(name):
    comp = Comparison(articles=(Article(id="a", outlet="A", text="x"),))
    frame = to_frame(comp, name)
    assert len(frame) == 0
    assert {c: str(t) for c, t in frame.dtypes.items()} == COLUMNS[name]


def test_claims_frame():
    frame = to_frame(make_comparison(), "claims").set_index("id")
    assert len(frame) == 10
    row = frame.loc["beta:1"]
    assert row["outlet"] == "Beta News" and row["voice"] == "quoted"
    assert row["speaker"] == "mayor's spokesperson" and row["paragraph"] == 0
    assert frame.loc["alpha:0", "boilerplate"] and frame.loc["alpha:0", "boilerplate_reason"] == "caption"
    assert pd.isna(frame.loc["alpha:1", "speaker"])
    assert frame["n_facts"].sum() == 0


def test_claim_offsets_point_into_article_text():
    comp = make_comparison()
    texts = {a.id: a.text for a in comp.articles}
    for row in to_frame(comp, "claims").itertuples():
        assert texts[row.article][row.start:row.end] == row.text


def test_alignments_frame_has_one_row_per_pair():
    comp = make_comparison()
    frame = to_frame(comp, "alignments")
    assert frame[["claim_a", "claim_b"]].values.tolist() == [["alpha:1", "beta:0"], ["alpha:1", "gamma:0"],
                                                            ["alpha:3", "beta:2"]]
    assert frame.loc[0, "outlet_b"] == "Beta News" and frame.loc[0, "score"] == pytest.approx(0.91)
    assert frame.loc[2, "text_b"] == "The toll was set to rise to 14 dollars."
    triple = dataclasses.replace(comp, alignments=(Alignment(claims=("alpha:1", "beta:0", "gamma:0"), score=0.8,
                                                             semantic=0.7, lexical=0.6),))
    frame = to_frame(triple, "alignments")
    assert frame[["claim_a", "claim_b"]].values.tolist() == [["alpha:1", "beta:0"], ["alpha:1", "gamma:0"],
                                                            ["beta:0", "gamma:0"]]
    assert set(frame["alignment"]) == {0}


def test_findings_and_evidence_frames():
    comp = make_comparison()
    findings = to_frame(comp, "findings").set_index("id")
    assert list(findings.index) == ["divergent_fact-001", "framing_label-001", "omission-001"]
    assert findings.loc["divergent_fact-001", "outlets"] == "Alpha Daily; Beta News"
    assert findings.loc["divergent_fact-001", "n_evidence"] == 2
    assert findings.loc["framing_label-001", "entity"] == "E1"
    assert pd.isna(findings.loc["omission-001", "entity"])
    evidence = to_frame(comp, "evidence")
    assert len(evidence) == 4
    first = evidence.iloc[1]
    assert (first["finding"], first["position"], first["outlet"], first["text"]) == \
        ("divergent_fact-001", 1, "Beta News", "14 dollars")
    texts = {a.id: a.text for a in comp.articles}
    for row in evidence.itertuples():
        assert texts[row.article][row.start:row.end] == row.text


def test_entities_frame_lists_who_mentions_and_who_does_not():
    frame = to_frame(make_comparison(), "entities")
    row = frame.iloc[0]
    assert (row["id"], row["name"], row["label"], row["aliases"], row["n_mentions"]) == \
        ("E1", "Rivera", "PERSON", "Judge Rivera", 1)
    assert row["outlets"] == "Beta News"
    assert row["missing_from"] == "Alpha Daily; Gamma Wire"


def test_unknown_table_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown table 'claim'.*claims, alignments, findings, evidence, entities"):
        to_frame(make_comparison(), "claim")


def test_comparison_to_frame_delegates():
    comp = make_comparison()
    pd.testing.assert_frame_equal(comp.to_frame("claims"), to_frame(comp, "claims"))


def test_write_tables_round_trips(tmp_path):
    comp = make_comparison(hostile=True)
    written = write_tables(comp, tmp_path / "tables")
    assert [p.name for p in written] == [f"{n}.{ext}" for n in TABLES for ext in ("csv", "parquet")]
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == sorted(p.name for p in written)
    for name in TABLES:
        frame = to_frame(comp, name)
        back = pd.read_parquet(tmp_path / "tables" / f"{name}.parquet")
        pd.testing.assert_frame_equal(back, frame, check_dtype=False)
        csv = pd.read_csv(tmp_path / "tables" / f"{name}.csv", keep_default_na=False)
        assert list(csv.columns) == list(frame.columns) and len(csv) == len(frame)
    csv = pd.read_csv(tmp_path / "tables" / "claims.csv")
    assert csv["text"].str.contains("<script>", regex=False).any()  # data, not markup: kept as is


def test_csv_defuses_spreadsheet_formulas_but_parquet_keeps_text(tmp_path):
    comp = make_comparison()
    art = dataclasses.replace(comp.articles[1], outlet="=HYPERLINK(\"http://evil.example\")")
    comp = dataclasses.replace(comp, articles=(comp.articles[0], art, comp.articles[2]))
    write_tables(comp, tmp_path)
    csv = pd.read_csv(tmp_path / "claims.csv")
    assert set(csv.loc[csv["article"] == "beta", "outlet"]) == {"'=HYPERLINK(\"http://evil.example\")"}
    parquet = pd.read_parquet(tmp_path / "claims.parquet")
    assert set(parquet.loc[parquet["article"] == "beta", "outlet"]) == {"=HYPERLINK(\"http://evil.example\")"}


def test_tables_are_deterministic(tmp_path):
    comp = make_comparison()
    write_tables(comp, tmp_path / "a")
    write_tables(comp, tmp_path / "b")
    for name in TABLES:
        for ext in ("csv", "parquet"):
            assert (tmp_path / "a" / f"{name}.{ext}").read_bytes() == (tmp_path / "b" / f"{name}.{ext}").read_bytes()


def test_first_screen_frames_match_the_report_overview():
    comp = make_comparison()
    ranked = to_frame(comp, "ranked")
    assert list(ranked["finding"]) == ["divergent_fact-001", "framing_label-001"]
    assert list(ranked["rank"]) == [1, 2] and ranked["reason"].notna().all()
    facts = to_frame(comp, "key_facts")
    assert len(facts) == 2 * 3  # two key facts x three outlets, long form
    row = facts[(facts["fact"] == "fact-3") & (facts["article"] == "gamma")].iloc[0]
    assert row["state"] == "not_matched" and pd.isna(row["claim"])
    assert set(facts[facts["fact"] == "fact-1"]["lead"]) == {True}
    outlets = to_frame(comp, "outlets").set_index("article")
    assert outlets.loc["gamma", "only_here"] == 1 and outlets.loc["beta", "quotes_politicians"] == 1
    assert outlets.loc["alpha", "paragraph"] == comp.to_dict()["overview"]["outlets"][0]["paragraph"]
