"""Framing field cases end to end (the real pipeline and models), and invented siblings of each kind.

Field cases (``tests/data/field_framing``, copied from ``../shared/field-cases``): e-framing-label-term-dump,
e-headline-framing-ignored, e-invasion-of-privacy, e-reported-speech-as-own-voice. Each stands for a kind;
the siblings below are invented texts of the same kind. Also: title-case headlines read in sentence case
(issue 13, "Senate Slams Plan"), and severities that follow measured precision.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import comparator
from comparator.framing.headline_case import is_title_case, sentence_case
from comparator.framing.params import Params, shipped
from tests.test_labels import build

CASES = Path(__file__).parent / "data" / "field_framing"
FRAMING = ("loaded_language", "framing_label")


def _compare_dir(path: Path):
    return [f for f in comparator.compare(sorted(path.glob("*.md"))).findings if f.kind in FRAMING]


def _compare(tmp_path: Path, articles: list[tuple[str, str | None, str]]):
    """Compare invented articles (outlet, title or None, body) written as Markdown with front matter."""
    for outlet, title, body in articles:
        head = f"---\noutlet: {outlet}\n" + (f'title: "{title}"\n' if title else "") + "published: 2023-04-21\n---\n\n"
        (tmp_path / f"{outlet.split()[0].lower()}.md").write_text(head + body + "\n", encoding="utf-8")
    return _compare_dir(tmp_path)


def _own_warnings(found, word: str):
    return [f for f in found if f.severity == "warning" and any(
        ev.text.lower() == word and ev.voice == "authorial" for ev in f.evidence)]


# -- the four field cases, end to end ---------------------------------------------------------------

def test_field_case_label_term_dump():
    found = _compare_dir(CASES / "e-framing-label-term-dump")
    assert [f for f in found if f.kind == "framing_label" and f.entity is None] == []


def test_field_case_headline_framing():
    found = _compare_dir(CASES / "e-headline-framing-ignored")
    kicker = [f for f in found if f.details.get("category") == "headline_kicker"]
    assert [(f.evidence[0].text, f.evidence[0].voice) for f in kicker] == [("DESPERATION", "authorial")]
    scare = [f for f in found if f.details.get("category") == "scare_quotes"]
    assert {(f.evidence[0].text, f.details["headline"]) for f in scare} == {("caravan", True), ("caravan", False)}


def test_field_case_invasion_of_privacy():
    found = _compare_dir(CASES / "e-invasion-of-privacy")
    assert not [f for f in found if "invasion" in str(f.details.get("term", "")).lower()]


def test_field_case_reported_speech():
    found = _compare_dir(CASES / "e-reported-speech-as-own-voice")
    assert not _own_warnings(found, "amnesty") and not _own_warnings(found, "attacked")
    for f in found:
        if any(ev.text.lower() in ("amnesty", "attacked") for ev in f.evidence):
            assert f.severity == "info" and f.details["voice"] == "quoted"


# -- headlines: title case and all caps read as running text ---------------------------------------

def test_title_case_detection():
    assert is_title_case("Senate Slams Plan To Expand Border Wall")
    assert is_title_case("COUNCIL SLAMS MAYOR OVER TOLL HIKE")
    assert not is_title_case("Senate slams plan to expand border wall")
    assert not is_title_case("DESPERATION: Unity Party files lawsuit against Halvard")
    assert not is_title_case("Trump")


def test_sentence_case_keeps_names_the_body_capitalises_and_every_offset():
    body = "The Senate voted on Tuesday. Senator Ruth Alvarez said the GOP plan was costly, and the plan failed."
    for title, expected in [
        ("Senate Slams Plan To Expand Border Wall", "Senate slams plan to expand border wall"),
        ("Alvarez Rips GOP Plan As McConnell Waits", "Alvarez rips GOP plan as McConnell waits"),
        ("SENATE SLAMS ALVAREZ PLAN", "Senate slams Alvarez plan"),
    ]:
        got = sentence_case(title, body)
        assert got == expected and len(got) == len(title)


@pytest.mark.parametrize("title, word, category", [
    ("Senate Slams Plan To Expand Border Wall", "Slams", "conflict_verb"),
    ("Alvarez Rips Disastrous Toll Plan", "Disastrous", "evaluative"),
    ("COUNCIL SLAMS MAYOR OVER TOLL HIKE", "SLAMS", "conflict_verb"),
])
def test_title_case_headline_terms_are_found(tmp_path, title, word, category):
    found = _compare(tmp_path, [
        ("Evening Courier", title, "The Senate and the Council met on Tuesday. Senator Ruth Alvarez and Mayor "
                                   "Dana Whitfield discussed the toll plan and the border wall."),
        ("Daily Ledger", "Senate votes on toll and wall plans", "Senators and council members met on Tuesday "
                                                                "to discuss a toll plan and the border wall."),
    ])
    hits = [f for f in found if f.details.get("headline") and f.evidence[0].text == word]
    assert [(f.details["category"], f.severity, f.evidence[0].voice) for f in hits] == [
        (category, "warning", "authorial")]
    assert "its headline" in hits[0].message


@pytest.mark.parametrize("title, verbs", [
    ("Senate Slams Plan To Expand Border Wall", ["slams"]),
    ("Trump Blasts Pelosi Over Shutdown", ["blasts"]),
    ("Border Battle Looms", []),  # no subject-verb agreement: a noun compound
    ("Shark Attacks Rise Along Coast", []),  # the subject is no actor: literal attacks
])
def test_headline_verb_tagged_as_a_noun(title, verbs):
    from comparator.framing.headline_case import body_names, headline_verb
    from comparator.nlp import load_nlp

    body = "The Senate met. Senator Trump and Speaker Pelosi spoke about the wall."
    doc = load_nlp()(sentence_case(title, body))
    doc.user_data["headline_names"] = body_names(body)
    assert [t.text for t in doc if headline_verb(t)] == verbs


def test_neutral_title_case_headline_has_no_finding(tmp_path):
    found = _compare(tmp_path, [
        ("Evening Courier", "Senate Votes On Border Wall Plan", "The Senate voted on Tuesday on a plan to "
                                                                "expand the border wall."),
        ("Daily Ledger", "Senate votes on border wall plan", "Senators voted on Tuesday on a proposal to "
                                                             "extend the border wall."),
    ])
    assert [f for f in found if f.details.get("headline")] == []


def test_scare_quotes_in_a_headline_are_the_outlets_framing(tmp_path):
    found = _compare(tmp_path, [
        ("Evening Courier", "Council passes 'reform' of tolls", "The council passed the toll plan on Monday."),
        ("Daily Ledger", "Council passes toll reform", "The council passed the toll reform on Monday."),
    ])
    scare = [f for f in found if f.details.get("category") == "scare_quotes"]
    assert [(f.evidence[0].text, f.details["headline"], f.evidence[0].voice) for f in scare] == [
        ("reform", True, "authorial")]


# -- siblings of e-framing-label-term-dump: modifiers are not mentions of the subject -----------------

@pytest.mark.parametrize("a, b", [
    ("The refugees crossed the river on Monday. A refugee camp official counted them.",
     "Refugees crossed the river on Monday. Refugee advocates welcomed the refugees."),
    ("Workers extended the wall near the river. Wall opponents protested on Friday.",
     "The wall was extended near the river. Anti-wall activists gathered near the wall construction site."),
    ("Asylum seekers waited at the bridge. Asylum seeker support groups brought water.",
     "The asylum seekers waited at the bridge for a second day."),
])
def test_modifier_uses_do_not_make_a_subject_finding(a, b):
    from comparator.detect.framing import find_framing_labels
    from comparator.framing import add_labels

    comp, ctx = build({"a": a, "b": b})
    assert [f for f in find_framing_labels(add_labels(comp, ctx), ctx) if f.entity is None] == []


# -- siblings of e-invasion-of-privacy: fixed expressions are names, not frames -----------------------

@pytest.mark.parametrize("text, word", [
    ("The witness suffered a panic attack during the hearing on Monday.", "attack"),
    ("The court opened a war crimes trial in The Hague on Monday.", "war"),
    ("The campaign aired attack ads against the mayor in March.", "attack"),
])
def test_fixed_expression_siblings_are_not_loaded(text, word):
    from comparator.detect.loaded import find_loaded_language

    comp, ctx = build({"a": text, "b": "The council met on Monday to discuss the budget."})
    assert not [f for f in find_loaded_language(comp, ctx) if word in f.details["term"].lower()]


# -- siblings of e-reported-speech-as-own-voice: called / dismissed as / what critics call -------------

@pytest.mark.parametrize("text, word, speaker", [
    ("Opponents called the measure a giveaway to developers.", "giveaway", "opponents"),
    ("What critics call a radical agenda passed the House on Friday.", "radical", "critics"),
    ("The mayor dismissed the audit as a disgraceful smear.", "disgraceful", "the mayor"),
    ("According to critics, the radical plan would gut the agency.", "radical", "critics"),
    ("The radical plan, according to opponents, would cost billions.", "radical", "opponents"),
])
def test_reported_speech_siblings_are_the_speakers(text, word, speaker):
    from comparator.detect.loaded import find_loaded_language

    comp, ctx = build({"a": text, "b": "The council met on Monday to discuss the budget."})
    found = find_loaded_language(comp, ctx)
    assert not _own_warnings(found, word)
    mine = [f for f in found if any(ev.text.lower() == word for ev in f.evidence)]
    assert mine, "the wording is still reported, as the speaker's"
    for f in mine:
        assert f.severity == "info" and f.details["voice"] == "quoted" and f.details["reported"]
        assert f.details["speaker"].lower() == speaker and f"reports {speaker} using" in f.message.lower()


# -- severities follow measured precision ---------------------------------------------------------------

def test_shipped_warning_categories_come_from_measured_precision():
    import json

    from comparator.framing.params import PARAMS_FILE

    data = json.loads(PARAMS_FILE.read_text(encoding="utf-8"))
    warn = shipped().warning_categories
    assert warn is not None and set(warn) <= set(data["category_precision"]) | {"valence"}
    for cat, counts in data["category_precision"].items():
        hits, n = map(int, counts.split("/"))
        if cat in warn:
            assert n >= 5 and hits / n >= 0.5  # a warning needs evidence, not one lucky match


def test_low_precision_category_is_info_and_style_guide_term_still_warns():
    from comparator.detect.loaded import find_loaded_language

    comp, ctx = build({"a": "Officials announced a massive expansion and detained illegal aliens on Friday.",
                       "b": "Officials announced an expansion on Friday."})
    found = find_loaded_language(comp, ctx)
    massive = [f for f in found if f.details["term"] == "massive"]
    assert massive and all(f.severity == "info" for f in massive)
    assert [f for f in found if "illegal alien" in f.details["term"] and f.severity == "warning"]
    assert Params(warning_categories=("epithet",)).warns("epithet")
    assert not Params(warning_categories=("epithet",)).warns("intensifier")
    assert not Params().warns("valence") and Params().warns("intensifier")


def test_title_case_headline_names_the_subject():
    from comparator.framing.subjects import mentions
    from tests.test_framing_context import _with_headline

    comp, ctx = _with_headline({
        "a": "Illegal Aliens Cross Border In Record Numbers\nImmigrants crossed the border on Monday.",
        "b": "Immigrants cross border\nImmigrants crossed the border on Monday.",
    })
    heads = [(m.text, m.label) for m in mentions(comp, ctx) if m.headline and m.article == "a"]
    assert ("Illegal Aliens", "illegal alien") in heads
    assert ("Border", "border") in heads  # read as a common noun, not a name


# -- the event's subject: outlets' different words for one referent, through aligned claims -----------

def _aligned(texts: dict[str, str], pairs: list[tuple[str, str]]):
    import dataclasses

    from comparator.types import Alignment

    comp, ctx = build(texts)
    alignments = tuple(Alignment(claims=p, score=0.9, semantic=0.9, lexical=0.5) for p in pairs)
    return dataclasses.replace(comp, alignments=alignments), ctx


def test_aligned_claims_join_two_outlets_words_for_one_subject():
    from comparator.detect.framing import find_framing_labels
    from comparator.framing import add_labels

    comp, ctx = _aligned({
        "a": "The caravan reached the border on Sunday. The caravan camped near the bridge overnight.",
        "b": "The migrants reached the border on Sunday. The migrants camped near the bridge overnight.",
    }, [("a:0", "b:0"), ("a:1", "b:1")])
    found = [f for f in find_framing_labels(add_labels(comp, ctx), ctx) if f.entity is None]
    assert len(found) == 1 and found[0].details["dominant"] == {"a": "caravan", "b": "migrant"}
    assert found[0].severity == "info"  # neither word is loaded: a difference to see, not a warning


def test_aligned_subjects_both_outlets_use_are_not_joined():
    from comparator.framing.subjects import outlet_subjects

    comp, ctx = _aligned({
        "a": "The agents detained two men on Sunday. The officers and the agents left.",
        "b": "The officers detained two men on Sunday. The agents and the officers left.",
    }, [("a:0", "b:0")])
    refs = outlet_subjects(comp, ctx)
    assert not any({"agent", "officer"} <= {lab for r in rows for lab, _ in r.counts} for rows in refs.values())


def test_caravan_and_migrants_end_to_end(tmp_path):
    found = _compare(tmp_path, [
        ("Evening Courier", None, "The caravan reached the border. The caravan camped overnight. Members of the "
                                  "caravan waited."),
        ("Daily Ledger", None, "The migrants reached the border. The migrants camped overnight. Migrant advocates "
                               "met the migrants."),
    ])
    subject = [f for f in found if f.kind == "framing_label" and f.entity is None]
    assert [f.details["dominant"] for f in subject] == [{"evening": "caravan", "daily": "migrant"}]
    assert "advocates" not in " ".join(ev.text for f in subject for ev in f.evidence)
