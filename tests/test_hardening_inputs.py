"""Hostile or careless inputs (issue 10): each kind gets a message naming the file, never a traceback.

Cases follow ``../shared/hardening-cases`` (invented text), one test per kind.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comparator.config import Settings, load_settings
from comparator.errors import (
    BinaryInputError,
    ComparatorError,
    ConfigError,
    InputError,
    MalformedRecordError,
    UnsupportedFormatError,
)
from comparator.load import load_articles, load_article_file
from comparator.load.decode import decode_bytes

BODY = "A judge ruled on Monday that the agency must stop.\nThe ruling was appealed on Tuesday.\n"
QUOTED = 'He said "no" to the plan, and "yes, maybe" to the rest.'


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# -- YAML: aliases refused (front matter, lexicons), impossible dates kept as text --------------

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b]\n"


def test_front_matter_alias_bomb_is_refused(tmp_path):
    f = write(tmp_path / "bad.md", f"---\noutlet: X\n{BOMB}---\n{BODY}")
    with pytest.raises(MalformedRecordError, match="aliases") as err:
        load_article_file(f)
    assert err.value.path == str(f)


def test_self_referencing_alias_is_refused(tmp_path):
    f = write(tmp_path / "loop.md", f"---\noutlet: X\nloop: &l [*l]\n---\n{BODY}")
    with pytest.raises(MalformedRecordError, match="aliases"):
        load_article_file(f)


def test_impossible_calendar_date_stays_text(tmp_path):
    f = write(tmp_path / "d.md", f"---\noutlet: X\npublished: 2025-13-45\n---\n{BODY}")
    (art,) = load_article_file(f)
    assert art.published is None and art.meta["published_raw"] == "2025-13-45"


def test_front_matter_nested_too_deep_is_refused(tmp_path):
    f = write(tmp_path / "deep.md", "---\nextra: " + "[" * 60 + "]" * 60 + "\n---\n" + BODY)
    with pytest.raises(MalformedRecordError, match="nested"):
        load_article_file(f)


def test_lexicon_alias_bomb_is_refused(tmp_path):
    from comparator.framing.lexicon import load_lexicon

    f = write(tmp_path / "lex.yaml", "extends: existence\nmessage: &m 'x'\ntokens: [*m]\n")
    with pytest.raises(ConfigError, match="aliases") as err:
        load_lexicon(f)
    assert err.value.path == str(f) and err.value.line == 3


# -- CSV: RFC 4180 --------------------------------------------------------------------------------

def test_csv_doubled_quotes_are_rfc4180(tmp_path):
    f = write(tmp_path / "c.csv", 'outlet,text\nA,"' + QUOTED.replace('"', '""') + '"\nB,"Other text."\n')
    arts = load_article_file(f)
    assert arts[0].text == QUOTED


def test_csv_written_by_pandas_round_trips(tmp_path):
    pd = pytest.importorskip("pandas")
    texts = [QUOTED, "Line one.\nLine two, with a comma.", "Semi; colon\ttab \u2028 separator", 'Ends with "',
             "=1+2 is not a formula"]
    frame = pd.DataFrame({"outlet": [f"Outlet {i}" for i in range(len(texts))], "title": ["t"] * len(texts),
                          "text": texts})
    f = tmp_path / "corpus.csv"
    frame.to_csv(f, index=False)
    arts = load_article_file(f)
    assert [a.text for a in arts] == texts
    assert [a.outlet for a in arts] == list(frame["outlet"])


def test_csv_semicolon_delimiter_still_works(tmp_path):
    f = write(tmp_path / "c.csv", 'outlet;text\nA;"One; two."\nB;Three.\n')
    assert [a.text for a in load_article_file(f)] == ["One; two.", "Three."]


def test_csv_unterminated_quote_names_the_file(tmp_path):
    f = write(tmp_path / "c.csv", 'outlet,text\nA,"never closed\nB,text\n')
    with pytest.raises(MalformedRecordError, match="not valid CSV") as err:
        load_article_file(f)
    assert err.value.path == str(f)


def test_csv_line_separator_inside_unquoted_field_is_text(tmp_path):
    f = write(tmp_path / "c.csv", "outlet,text\nA,First\u2028second.\nB,Other.\n")
    arts = load_article_file(f)
    assert arts[0].text == "First\u2028second." and len(arts) == 2


def test_csv_bom_and_quoted_newlines(tmp_path):
    f = write(tmp_path / "c.csv", b"\xef\xbb\xbfoutlet,text\r\nA,\"One.\r\nTwo.\"\r\nB,Three.\r\n")
    arts = load_article_file(f)
    assert arts[0].outlet == "A" and arts[0].text == "One.\nTwo."


# -- JSON: bounded depth and integer size, no lone surrogates -------------------------------------

@pytest.mark.parametrize("payload, words", [
    ('[{"outlet": "A", "text": "t", "x": ' + "[" * 200_000 + "]" * 200_000 + "}]", "nested too deeply"),
    ('[{"outlet": "A", "text": "t", "x": ' + "[" * 40 + "]" * 40 + "}]", "nested more than"),
    ('[{"outlet": "A", "text": "t", "n": ' + "9" * 5000 + "}]", "integer of 5000 digits"),
    ('[{"outlet": "A", "text": "bad \\ud800 text"}]', "lone surrogate"),
])
def test_hostile_json_is_refused_with_the_file_named(tmp_path, payload, words):
    f = write(tmp_path / "c.json", payload)
    with pytest.raises(MalformedRecordError, match=words) as err:
        load_article_file(f)
    assert err.value.path == str(f)


def test_jsonl_huge_int_names_the_line(tmp_path):
    f = write(tmp_path / "c.jsonl", '{"outlet": "A", "text": "t"}\n{"outlet": "B", "text": "u", "n": ' + "1" * 400 + "}\n")
    with pytest.raises(MalformedRecordError) as err:
        load_article_file(f)
    assert err.value.line == 2


# -- settings: one schema for files, flags and Settings(...) ------------------------------------

@pytest.mark.parametrize("text, words", [
    ("[tool.comparator]\nmin_score = nan\n", "finite"),
    ("[tool.comparator]\nmin_score = 7.5\n", "from 0 to 1"),
    ("[tool.comparator]\nbatch_size = 0\n", "batch_size"),
    ("[tool.comparator]\nbatch_size = -3\n", "from 1 to"),
    ("[tool.comparator]\ncache = \"maybe\"\n", "true or false"),
    ("[tool.comparator]\nmax_claims = true\n", "not true/false"),
    ("[tool.comparator]\nlexicons = [1, 2]\n", "list of file paths"),
    ("tool = 5\n", "'tool' is not a table"),
    ("[tool]\ncomparator = 3\n", "not a table"),
])
def test_bad_pyproject_values_name_file_and_setting(tmp_path, text, words):
    (tmp_path / "pyproject.toml").write_text(text)
    with pytest.raises(ConfigError, match=words) as err:
        load_settings(tmp_path)
    assert err.value.path == str(tmp_path / "pyproject.toml")


def test_setup_cfg_percent_is_text_not_interpolation(tmp_path):
    (tmp_path / "setup.cfg").write_text("[tool:comparator]\nmodel = 100%\n")
    with pytest.raises(ConfigError, match="'model'") as err:
        load_settings(tmp_path)
    assert err.value.path == str(tmp_path / "setup.cfg")
    (tmp_path / "setup.cfg").write_text("[tool:comparator]\ncache_dir = /tmp/100%cache\n")
    assert load_settings(tmp_path).cache_dir == "/tmp/100%cache"


@pytest.mark.parametrize("kwargs", [dict(min_score=math.nan), dict(min_score=7.5), dict(batch_size=0),
                                    dict(max_file_bytes=-1), dict(min_score=math.inf), dict(lexicons=5)])
def test_settings_in_python_use_the_same_schema(kwargs):
    with pytest.raises(ConfigError):
        Settings(**kwargs)
    with pytest.raises(ConfigError):
        Settings().replace(**kwargs)


def test_cli_override_is_named_as_a_flag(tmp_path):
    with pytest.raises(ConfigError, match="'--min-score'") as err:
        load_settings(tmp_path, min_score="nan")
    assert err.value.path == "command line"


# -- files that are not regular, readable files -------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_input_and_lexicon_are_refused_without_blocking(tmp_path):
    from comparator.framing.lexicon import load_lexicon

    fifo = tmp_path / "lex.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="special file"):
        load_lexicon(fifo)
    art = tmp_path / "a.md"
    os.mkfifo(art)
    with pytest.raises(UnsupportedFormatError, match="FIFO"):
        load_articles([art])
    write(tmp_path / "ev" / "good.md", BODY)
    os.mkfifo(tmp_path / "ev" / "pipe.md")
    with pytest.raises(UnsupportedFormatError, match="FIFO") as err:
        load_articles([tmp_path / "ev"])
    assert err.value.path.endswith("pipe.md")


def test_symlink_loop_is_named(tmp_path):
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match="symbolic link") as err:
        load_articles([loop])
    assert err.value.path == str(loop)


def test_unreadable_file_is_named(tmp_path, monkeypatch):
    f = write(tmp_path / "ev" / "locked.md", BODY)
    write(tmp_path / "ev" / "other.md", BODY + "More.\n")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(InputError, match="permission denied") as err:
        load_articles([tmp_path / "ev"])
    assert err.value.path == str(f)


def test_unlistable_folder_is_named(tmp_path, monkeypatch):
    ev = tmp_path / "ev"
    write(ev / "a.md", BODY)

    def iterdir(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", iterdir)
    with pytest.raises(InputError, match="may not list") as err:
        load_articles([ev])
    assert err.value.path == str(ev)


# -- binary sniffing: prose that starts like a magic number is text --------------------------------

@pytest.mark.parametrize("start", ["%PDF files are hard to read", "GIF89a was the format", "PK was his name",
                                   "MZ said", "RIFF between them"])
def test_prose_starting_like_a_magic_number_is_text(start):
    text = f"{start}, the judge said on Thursday.\nThe ruling covers 47,000 addresses.\n"
    assert decode_bytes(text.encode(), "x.txt").text == text


@pytest.mark.parametrize("data", [b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
                                  b"GIF89a\x01\x00\x01\x00\x80\x00\x00", b"\x89PNG\r\n\x1a\nxxxx"])
def test_real_binary_files_are_still_refused(data):
    with pytest.raises(BinaryInputError):
        decode_bytes(data, "x.txt")


# -- outlets, language ------------------------------------------------------------------------------

def test_duplicate_outlets_across_files_are_told_apart(tmp_path, caplog):
    write(tmp_path / "a.md", "---\noutlet: Fox News\n---\n" + BODY)
    write(tmp_path / "b.md", "---\noutlet: Fox News\n---\nA different story entirely.\n")
    arts = load_articles([tmp_path / "a.md", tmp_path / "b.md"])
    assert [a.outlet for a in arts] == ["Fox News", "Fox News (2)"]
    assert arts[1].meta["outlet_given"] == "Fox News"
    assert "Fox News (2)" in caplog.text


def test_duplicate_outlets_in_one_corpus_are_told_apart(tmp_path):
    f = write(tmp_path / "c.jsonl", '{"outlet": "Fox News", "text": "One."}\n{"outlet": "fox news", "text": "Two."}\n')
    assert [a.outlet for a in load_articles([f])] == ["Fox News", "fox news (2)"]


def test_non_english_article_gets_a_warning(tmp_path, caplog):
    german = ("Ein Bundesrichter hat am Donnerstag entschieden, dass die Steuerbehörde keine Adressen an die "
              "Einwanderungsbehörde weitergeben darf. Die Regierung kündigte an, gegen das Urteil Berufung "
              "einzulegen. Die Entscheidung betrifft nach Angaben der Behörden rund 47.000 Menschen, die in "
              "den vergangenen Monaten ihre Steuererklärung abgegeben hatten und nun um ihre Daten fürchten.\n")
    write(tmp_path / "de.md", german)
    write(tmp_path / "en.md", BODY * 5)
    caplog.set_level("WARNING")
    load_articles([tmp_path / "de.md", tmp_path / "en.md"])
    assert "de.md" in caplog.text and "English" in caplog.text
    assert "en.md" not in caplog.text


# -- the Python API: ComparatorError subclasses only --------------------------------------------------

@pytest.mark.parametrize("sources", [None, 123, [123], [b"/tmp/x.md"], [None], "", [""], {"a": 1}])
def test_api_rejects_bad_sources_with_comparator_errors(sources):
    with pytest.raises(ComparatorError):
        load_articles(sources)


@pytest.mark.parametrize("field, value", [("text", None), ("text", 5), ("outlet", None), ("id", 3),
                                          ("title", 7), ("meta", "x")])
def test_api_rejects_malformed_articles(field, value):
    from comparator.types import Article

    kwargs = dict(id="a", outlet="A", text="Some text.")
    kwargs[field] = value
    with pytest.raises(InputError, match=field):
        load_articles([Article(**kwargs)])


def test_compare_rejects_bad_arguments_before_any_model(monkeypatch):
    import comparator
    import comparator.nlp

    monkeypatch.setattr(comparator.nlp, "load_nlp", lambda: pytest.fail("model loaded"))
    for call in (lambda: comparator.compare(None), lambda: comparator.compare([1, 2]),
                 lambda: comparator.compare(["a.md", "b.md"], min_score="nan"),
                 lambda: comparator.compare(["a.md"], settings="fast"),
                 lambda: comparator.compare(["a.md"], bogus=1)):
        with pytest.raises(ComparatorError):
            call()


def test_write_reports_rejects_bad_formats_type(tmp_path):
    from comparator.render import write_reports
    from factories import make_comparison

    with pytest.raises(ComparatorError):
        write_reports(make_comparison(), tmp_path, formats=None)
    with pytest.raises(ComparatorError):
        write_reports(make_comparison(), tmp_path, formats=[5])


# -- size: refused before parsing when far over the limit ---------------------------------------------

def test_text_far_over_max_claims_is_refused_before_parsing(tmp_path, monkeypatch):
    import comparator
    import comparator.nlp
    from comparator.errors import TooLargeError
    from comparator.types import Article

    monkeypatch.setattr(comparator.nlp, "parse_articles", lambda arts: pytest.fail("parsed"))
    huge = Article(id="a", outlet="A", text="The judge ruled on Thursday. " * 70_000)
    with pytest.raises(TooLargeError, match="sentences"):
        comparator.compare([huge, Article(id="b", outlet="B", text=BODY)])


def test_json_record_file_stays_loadable(tmp_path):
    f = write(tmp_path / "c.json", json.dumps([{"outlet": "A", "text": "One.", "n": 10**50,
                                                "tags": [["a", ["b"]]]}]))
    (art,) = load_article_file(f)
    assert art.meta["n"] == 10**50


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"), min_size=1)
                .filter(lambda t: t.strip() and not t.startswith("\ufeff")), min_size=1, max_size=4))
def test_any_text_round_trips_through_pandas_to_csv(tmp_path, texts):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"outlet": [f"Outlet {i}" for i in range(len(texts))], "text": texts})
    f = tmp_path / "round.csv"
    frame.to_csv(f, index=False)
    try:
        arts = load_article_file(f)
    except ComparatorError as err:  # e.g. control characters: refused as binary, with the file named
        assert err.path == str(f)
        return
    assert [a.text for a in arts] == texts
