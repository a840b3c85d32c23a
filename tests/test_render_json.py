"""report.json: deterministic text, JSON-native guard, and the schema in docs/."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from comparator.errors import OutputError
from comparator.render.json import to_json, to_native, validate
from comparator.render.schema import SCHEMA, schema_text
from factories import make_comparison

DOCS_SCHEMA = Path(__file__).resolve().parent.parent / "docs" / "report.schema.json"


def _with_details(comp, details):
    first = dataclasses.replace(comp.findings[0], details=details)
    return dataclasses.replace(comp, findings=(first, *comp.findings[1:]))


def test_to_json_is_byte_identical_and_round_trips():
    a, b = to_json(make_comparison()), to_json(make_comparison())
    assert a == b
    assert a.endswith("}\n") and not a.endswith("\n\n")
    data = json.loads(a)
    assert data == make_comparison().to_dict()
    assert list(data)[:7] == ["schema_version", "tool", "articles", "claims", "alignments", "entities",
                              "findings"]
    assert make_comparison().to_json() == a  # Comparison.to_json delegates here


def test_to_json_keeps_non_ascii_literal():
    comp = make_comparison()
    art = dataclasses.replace(comp.articles[0], outlet="Zürcher Blatt — “Tagblatt”")
    text = to_json(dataclasses.replace(comp, articles=(art, *comp.articles[1:])))
    assert "Zürcher Blatt — “Tagblatt”" in text
    assert "\\u" not in text


def test_numpy_values_become_python_numbers():
    comp = _with_details(make_comparison(), {"score": np.float32(0.5), "n": np.int64(3),
                                             "flag": np.bool_(True), "vec": np.array([1, 2])})
    data = json.loads(to_json(comp))
    assert data["findings"][0]["details"] == {"score": 0.5, "n": 3, "flag": True, "vec": [1, 2]}
    assert type(to_native(np.float64(0.25))) is float
    assert type(to_native(np.int32(7))) is int


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf"), np.float64("nan")])
def test_nan_and_infinity_are_rejected_with_their_place(bad):
    comp = _with_details(make_comparison(), {"nearest": {"beta": {"semantic": bad}}})
    with pytest.raises(OutputError) as err:
        to_json(comp)
    assert "report.findings[0].details.nearest.beta.semantic" in str(err.value)
    assert err.value.code == "E400"


def test_unknown_types_and_keys_are_rejected():
    with pytest.raises(OutputError, match=r"details\.ids is a set"):
        to_json(_with_details(make_comparison(), {"ids": {"a", "b"}}))
    with pytest.raises(OutputError, match="non-string key 1"):
        to_json(_with_details(make_comparison(), {1: "x"}))


def test_extras_are_written_sorted_after_the_contract():
    comp = dataclasses.replace(make_comparison(), extras={"sourcing": [], "future_section": [{"a": 1}]})
    data = json.loads(to_json(comp))
    assert list(data)[-2:] == ["future_section", "sourcing"]
    validate(data)  # unknown top-level sections are allowed (1.x only adds)


def test_known_extra_sections_are_checked():
    comp = dataclasses.replace(make_comparison(), extras={"labels": [{"a": 1}]})
    with pytest.raises(OutputError, match="labels"):
        validate(json.loads(to_json(comp)))


# -- schema ----------------------------------------------------------------------------

def test_docs_schema_is_the_module_schema():
    assert DOCS_SCHEMA.read_text(encoding="utf-8") == schema_text(), \
        "regenerate: python -m comparator.render.schema > docs/report.schema.json"


def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("hostile", [False, True])
def test_factory_reports_validate(hostile):
    validate(json.loads(to_json(make_comparison(hostile=hostile))))


def _mutations():
    def bad_severity(d): d["findings"][0]["severity"] = "fatal"
    def no_evidence_text(d): del d["findings"][0]["evidence"][0]["text"]
    def confidence_2(d): d["findings"][0]["confidence"] = 2
    def version_2(d): d["schema_version"] = "2.0"
    def no_claims(d): del d["claims"]
    def bad_voice(d): d["claims"][0]["voice"] = "narrator"
    def negative_offset(d): d["claims"][1]["start"] = -1
    def lone_alignment(d): d["alignments"][0]["claims"] = ["alpha:1"]
    def empty_message(d): d["findings"][1]["message"] = ""
    def string_index(d): d["claims"][0]["index"] = "0"
    return [bad_severity, no_evidence_text, confidence_2, version_2, no_claims, bad_voice,
            negative_offset, lone_alignment, empty_message, string_index]


@pytest.mark.parametrize("mutate", _mutations(), ids=lambda f: f.__name__)
def test_mutated_reports_fail_validation(mutate):
    data = json.loads(to_json(make_comparison()))
    validate(data)
    broken = copy.deepcopy(data)
    mutate(broken)
    with pytest.raises(OutputError, match="does not match docs/report.schema.json"):
        validate(broken)


def test_validation_error_names_the_place():
    data = json.loads(to_json(make_comparison()))
    data["findings"][2]["severity"] = "fatal"
    with pytest.raises(OutputError, match=r"report\.findings\[2\]\.severity: 'fatal' is not one of"):
        validate(data)


def test_open_kinds_null_voice_and_minor_versions_are_valid():
    data = json.loads(to_json(make_comparison()))
    data["schema_version"] = "1.7"
    data["findings"][0]["kind"] = "a_future_kind"
    data["findings"][0]["evidence"][0]["voice"] = None
    data["findings"][0]["evidence"][0]["claim"] = None
    data["tool"] = None
    validate(data)


def test_overview_section_is_in_the_contract():
    data = json.loads(to_json(make_comparison()))
    assert data["schema_version"] == "1.1"
    assert list(data)[7] == "overview"
    assert set(data["overview"]) == {"counts", "ranked", "key_facts", "only_in", "outlets", "headlines"}
    validate(data)
    bad = copy.deepcopy(data)
    bad["overview"]["key_facts"][0]["cells"][0]["state"] = "maybe"
    with pytest.raises(OutputError):
        validate(bad)
