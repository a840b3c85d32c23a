"""Regression tests for reviewer-found defects of ``comparator check`` (invented text)."""

from __future__ import annotations

import json
import logging

import pytest

from comparator.check.config import config_file, load_check_settings
from comparator.errors import FetchError, MissingPathError


# -- config discovery: nearest file at or above the current folder --------------------------------

def test_check_settings_are_found_in_a_parent_folder(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.comparator.check]\nfail-on = "info"\nsources = ["wire"]\n',
                                             encoding="utf-8")
    sub = tmp_path / "drafts" / "june"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    s = load_check_settings()
    assert s.fail_on == "info" and s.config == str(tmp_path / "pyproject.toml")
    assert s.sources == (str(tmp_path / "wire"),)


def test_a_pyproject_without_a_comparator_table_is_passed_over(tmp_path):
    (tmp_path / ".comparator.toml").write_text('[check]\nfail-on = "warning"\n', encoding="utf-8")
    sub = tmp_path / "pkg"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[tool.black]\nline-length = 100\n', encoding="utf-8")
    assert config_file(sub) == tmp_path / ".comparator.toml"
    assert load_check_settings(sub).fail_on == "warning"


def test_the_search_stops_at_the_repository_root(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.comparator.check]\nfail-on = "info"\n', encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    assert config_file(repo / "sub") is None
    s = load_check_settings(repo / "sub")
    assert s.fail_on == "error" and s.config is None


def test_config_key_cannot_be_set_in_the_file(tmp_path):
    from comparator.errors import ConfigError

    (tmp_path / ".git").mkdir()
    (tmp_path / ".comparator.toml").write_text('[check]\nconfig = "x.toml"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown check setting"):
        load_check_settings(tmp_path)


def test_json_output_names_the_config_file():
    from comparator.check.records import CheckResult

    data = CheckResult((), ("wire.md",), "error", "1", "/proj/pyproject.toml").to_dict()
    assert data["config"] == "/proj/pyproject.toml"
    assert CheckResult((), (), "error").to_dict()["config"] is None


# -- fetch errors: one message, plain words --------------------------------------------------------

@pytest.mark.parametrize("raw, words", [
    ("download error: https://x.invalid/a _SafeHTTPSConnectionPool(host='x.invalid', port=443): Max retries "
     "exceeded with url: /a (Caused by NameResolutionError(\"Failed to resolve 'x.invalid' ([Errno -2] Name "
     "or service not known)\"))", "host name x.invalid could not be found"),
    ("download error: https://x.invalid/a HTTPSConnectionPool(host='x.invalid', port=443): Read timed out.",
     "did not answer within"),
    ("download error: https://x.invalid/a ... [Errno 111] Connection refused", "refused the connection"),
    ("download error: https://x.invalid/a SSLError(SSLCertVerificationError(1, 'CERTIFICATE_VERIFY_FAILED'))",
     "secure (TLS) connection"),
])
def test_fetch_failure_is_one_plain_message(monkeypatch, caplog, raw, words):
    import trafilatura.downloads as downloads

    from comparator.load.fetch import fetch_page

    def failing(url, **kwargs):
        logging.getLogger("trafilatura.downloads").error(raw)
        return None

    monkeypatch.setattr(downloads, "fetch_response", failing)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(FetchError) as err:
        fetch_page("https://x.invalid/a", max_bytes=1000)
    text = str(err.value)
    assert words in text
    assert "Pool" not in text and "Caused by" not in text and "Errno" not in text
    assert not [r for r in caplog.records if r.name.startswith("trafilatura")]  # not logged a second time


# -- "did you mean": close matches only --------------------------------------------------------------

def test_missing_file_suggests_only_a_close_name(tmp_path):
    from comparator.load import load_articles

    (tmp_path / "bin.md").write_text("x", encoding="utf-8")
    (tmp_path / "council-vote.md").write_text("x", encoding="utf-8")
    with pytest.raises(MissingPathError) as err:
        load_articles([tmp_path / "missing.md"])
    assert "Did you mean" not in str(err.value)
    with pytest.raises(MissingPathError) as err:
        load_articles([tmp_path / "council-vot.md"])
    assert "council-vote.md" in str(err.value)
    with pytest.raises(MissingPathError) as err:
        load_articles([tmp_path / "council-vote.txt"])
    assert "council-vote.md" in str(err.value)


# -- the same draft twice; a draft among the sources ------------------------------------------------

class _Encoder:
    name = "fake"
    sha256 = "0"
    backend = "fake"

    def encode(self, texts):
        import zlib

        import numpy as np

        out = np.zeros((len(texts), 64), dtype="float32")
        for i, t in enumerate(texts):
            for w in str(t).lower().split():
                out[i, zlib.crc32(w.encode()) % 64] += 1.0  # stable across runs (hash() is salted)
            out[i] /= max(float(np.linalg.norm(out[i])), 1e-9)
        return out


def test_the_same_draft_twice_is_checked_once(tmp_path, caplog, monkeypatch):
    from comparator.check import check

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    draft = tmp_path / "draft.md"
    draft.write_text("The library board approved a budget of $2 million on Tuesday.\n", encoding="utf-8")
    src = tmp_path / "wire.md"
    src.write_text("The library board approved a budget of $2 million on Tuesday, officials said.\n",
                   encoding="utf-8")
    caplog.set_level(logging.WARNING)
    result = check([str(draft), "./draft.md"], [str(src), str(draft)], encoder=_Encoder(), cache=False)
    assert [d.path for d in result.drafts] == [str(draft)]
    assert "more than once" in caplog.text and "also among the sources" in caplog.text
    assert json.loads(json.dumps(result.to_dict()))["drafts"][0]["path"] == str(draft)


# -- one fault, one finding: a word dropped from a quotation -------------------------------------------

def _write_pair(tmp_path, source: str, draft: str):
    (tmp_path / ".git").mkdir(exist_ok=True)
    src = tmp_path / "wire.md"
    src.write_text("---\noutlet: Harbor Wire\n---\n" + source, encoding="utf-8")
    d = tmp_path / "draft.md"
    d.write_text("---\noutlet: Gazette\n---\n" + draft, encoding="utf-8")
    return d, src


def test_a_negation_dropped_from_a_quotation_is_one_misquote(tmp_path, monkeypatch):
    from comparator.check import check

    monkeypatch.chdir(tmp_path)
    lead = "The harbor authority will dredge the north channel this summer, officials said Thursday.\n\n"
    d, src = _write_pair(
        tmp_path,
        lead + '"We are not cancelling the ferry service lightly, but the old pier is simply unsafe," harbor director '
               'Elena Brandt said.\n',
        lead + '"We are cancelling the ferry service lightly, but the old pier is simply unsafe," harbor director '
               'Elena Brandt said.\n')
    result = check([str(d)], [str(src)], encoder=_Encoder(), cache=False)
    found = [(f.rule, f.location.line) for f in result.drafts[0].findings]
    assert found.count(("misquote", 6)) == 1
    assert not [r for r, line in found if r == "divergent_fact" and line == 6]
    mq = next(f for f in result.drafts[0].findings if f.rule == "misquote")
    assert mq.details["diff"] == [{"draft": "", "source": "not"}]


# -- conflict verbs: people in civic life criticising something are a frame ------------------------------

def _conflict_terms(text: str):
    from tests.test_framing_context import _loaded

    _, _, found = _loaded({"a": text, "b": "The city council met on Tuesday."})
    return [f.details["term"] for f in found if f.details["category"] == "conflict_verb" and f.severity == "warning"]


@pytest.mark.parametrize("text, term", [
    ("Downtown shopkeepers slammed the parking rules at Thursday's hearing.", "slam"),
    ("Parents blasted the school board's decision at the hearing.", "blast"),
    ("Residents attacked the proposal at a packed meeting on Tuesday.", "attack"),
])
def test_civic_subject_criticising_something_is_a_conflict_frame(text, term):
    assert term in _conflict_terms(text)


@pytest.mark.parametrize("text", [
    "Gangs threaten to kill him if he returns to the city.",
    "The new statute attacks the problem at its root, officials said.",
    "He slammed the van into a parked trailer on Elm Street.",
    "The truck slammed into a bridge support in August.",
])
def test_literal_conflict_verbs_stay_quiet(text):
    assert _conflict_terms(text) == []


# -- names in the draft's own voice --------------------------------------------------------------------

_HARBOR = ("The harbor authority will dredge the north channel this summer, officials said Thursday.\n\n"
           "Harbor director Elena Brandt said the work would take about six weeks.\n\n"
           "Ferry captain Marco Ellison said crossings would be cut to four a day.\n")


def _names(tmp_path, monkeypatch, draft: str):
    from comparator.check import check

    monkeypatch.chdir(tmp_path)
    d, src = _write_pair(tmp_path, _HARBOR, draft)
    result = check([str(d)], [str(src)], encoder=_Encoder(), cache=False)
    return [f for f in result.drafts[0].findings if f.rule == "divergent_fact" and f.details.get("type") == "name"]


def test_a_wrong_surname_under_the_same_role_is_a_name_divergence(tmp_path, monkeypatch):
    found = _names(tmp_path, monkeypatch,
                   "The harbor authority will dredge the north channel this summer, officials said Thursday.\n\n"
                   "Dredging crews arrive in June.\n\n"
                   "Harbor director Elena Brandstetter praised the contract at a council meeting on Monday.\n")
    assert [(f.location.text, f.location.line) for f in found] == [("Elena Brandstetter", 8)]
    assert "Elena Brandt" in found[0].message and found[0].sources[0].outlet == "Harbor Wire"


@pytest.mark.parametrize("draft", [
    # another role: another person who may share the first name
    "Deputy mayor Elena Vasquez praised the plan at a council meeting on Monday.\n",
    # no role word before the name
    "The plan won praise at a council meeting on Monday, said Elena Vasquez.\n",
    # inside a quotation: the speaker's words, checked by the quotation rules
    '"Ask Elena Vasquez about the schedule," harbor director Elena Brandt said.\n',
    # the same name as the source
    "Harbor director Elena Brandt said the work would take about six weeks.\n",
])
def test_names_without_the_same_role_and_first_name_are_not_compared(tmp_path, monkeypatch, draft):
    assert _names(tmp_path, monkeypatch, draft) == []


@pytest.mark.parametrize("text, term", [
    ("Critics railed against the plan at the hearing.", "rail against"),
    ("Neighbors railed against the zoning change on Monday.", "rail against"),
])
def test_a_preposition_without_an_object_keeps_the_frame(text, term):
    assert term in _conflict_terms(text)


def test_a_middle_initial_or_suffix_is_not_another_surname(tmp_path, monkeypatch):
    from comparator.check.names import _split

    assert _split("John G. Roberts Jr.") == ("john", "roberts")
    assert _split("Elena Brandt's") == ("elena", "brandt")
    found = _names(tmp_path, monkeypatch,
                   "Dredging crews arrive in June.\n\n"
                   "Harbor director Elena M. Brandt Jr. praised the contract at a council meeting on Monday.\n")
    assert found == []


# -- a flipped word in one sentence of a multi-sentence quotation (review2-check) ------------------------------

_LEAD = "The state water board on Oct. 10 ordered Corliss to stop pumping from the Vane aquifer.\n\n"


@pytest.mark.parametrize("source, draft, diff", [
    ('"We had no choice. The law is clear," Halloran said.\n',
     '"We had no choice," Halloran said. "The law is unclear."\n', ("unclear", "clear")),
    ('"We had no choice. The law is clear," Halloran said.\n',
     '"We had no choice. The law is unclear," Halloran said.\n', ("unclear", "clear")),
    ('"The pier is safe. We will reopen it in May," director Elena Brandt said.\n',
     '"The pier is unsafe," director Elena Brandt said. "We will reopen it in May."\n', ("unsafe", "safe")),
    ('Brandt said: "Costs went up. Nobody was told about it."\n',
     'Brandt said: "Costs went up. Everybody was told about it."\n', ("Everybody", "Nobody")),
])
def test_a_changed_word_in_a_short_quoted_sentence_is_a_misquote(tmp_path, monkeypatch, source, draft, diff):
    from comparator.check import check

    monkeypatch.chdir(tmp_path)
    d, src = _write_pair(tmp_path, _LEAD + source, _LEAD + draft)
    result = check([str(d)], [str(src)], encoder=_Encoder(), cache=False)
    found = [f for f in result.drafts[0].findings if f.rule in ("misquote", "unverified_quote")]
    assert [f.rule for f in found] == ["misquote"], [f.message for f in found]
    assert found[0].details["diff"] == [{"draft": diff[0], "source": diff[1]}]
    assert result.failed


def test_a_different_short_sentence_in_a_quoted_paragraph_stays_unverified(tmp_path, monkeypatch):
    from comparator.check import check

    monkeypatch.chdir(tmp_path)
    d, src = _write_pair(tmp_path, _LEAD + '"We had no choice. The law is clear," Halloran said.\n',
                         _LEAD + '"We had no choice," Halloran said. "Farmers will have to adapt."\n')
    result = check([str(d)], [str(src)], encoder=_Encoder(), cache=False)
    assert [f.rule for f in result.drafts[0].findings if "quote" in f.rule] == ["unverified_quote"]
