"""Loading articles: every format, encoding and bad input, ids, folders, the seed corpus."""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comparator.config import Settings
from comparator.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    IdenticalArticlesError,
    InputError,
    MalformedRecordError,
    MissingPathError,
    NotEnoughArticlesError,
    TooLargeError,
    UnsupportedFormatError,
)
from comparator.load import check_articles, load_article_file, load_articles
from comparator.load.fields import slug
from comparator.types import Article

DATA = Path(__file__).parent / "data" / "load"

BODY = "A judge ruled on Monday.\nThe ruling was appealed.\n"


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode(encoding)
    path.write_bytes(content)
    return path


def one(path: Path, **kw) -> Article:
    (art,) = load_article_file(path, **kw)
    return art


# --- the seed corpus -------------------------------------------------------------------------


def _body_after_front_matter(path: Path) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    close = lines.index("---", 1)
    return "\n".join(lines[close + 1:])


def test_seed_corpus_loads(seed_dir):
    arts = load_articles([seed_dir])
    assert [a.id for a in arts] == ["daily-caller", "fox-news"]
    assert [a.outlet for a in arts] == ["Daily Caller News Foundation", "Fox News"]
    for art in arts:
        path = seed_dir / f"{art.id}.md"
        assert art.text == _body_after_front_matter(path)
        assert art.source_path == str(path)
        assert art.encoding == "utf-8"
        assert art.title is None and art.url is None and art.published is None  # empty → unknown
        assert "outlet_source" not in art.meta
        assert art.meta["source_file"].endswith(".txt")
    assert arts[0].text.startswith("\nScreen Capture")
    check_articles(arts)


# --- text and markdown -----------------------------------------------------------------------


def test_plain_text_without_front_matter_uses_file_stem_as_outlet(tmp_path):
    art = one(write(tmp_path / "Le Monde.txt", BODY))
    assert art.text == BODY
    assert art.outlet == "Le Monde"
    assert art.meta["outlet_source"] == "filename"
    assert art.meta["format"] == "text"
    assert art.id == "le-monde"
    assert art.title is None and art.published is None


def test_markdown_front_matter_fields_and_meta(tmp_path):
    src = (
        "---\n"
        "outlet: The Example Times\n"
        "title: 'Judge rules: appeal likely'\n"
        "url: https://example.org/story\n"
        "published: 2025-08-07\n"
        "author: R. Writer\n"
        "tags: [courts, tax]\n"
        "---\n" + BODY
    )
    art = one(write(tmp_path / "times.md", src))
    assert art.outlet == "The Example Times"
    assert art.title == "Judge rules: appeal likely"
    assert art.url == "https://example.org/story"
    assert art.published == "2025-08-07"
    assert art.text == BODY
    assert art.meta == {"author": "R. Writer", "format": "markdown", "tags": ["courts", "tax"]}
    assert list(art.meta) == sorted(art.meta)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("August 7, 2025", "2025-08-07"),
        ("'2025-08-07T14:30:00Z'", "2025-08-07T14:30:00+00:00"),
        ("Thu, 07 Aug 2025 09:15:00 -0400", "2025-08-07T09:15:00-04:00"),
        ("7 août 2025", "2025-08-07"),
        ("", None),
    ],
)
def test_published_is_normalised_to_iso(tmp_path, raw, iso):
    art = one(write(tmp_path / "a.md", f"---\noutlet: X\npublished: {raw}\n---\n{BODY}"))
    assert art.published == iso


def test_relative_or_partial_dates_are_not_invented(tmp_path):
    art = one(write(tmp_path / "a.md", f"---\noutlet: X\npublished: yesterday\n---\n{BODY}"))
    assert art.published is None
    assert art.meta["published_raw"] == "yesterday"
    art = one(write(tmp_path / "b.md", f"---\noutlet: X\npublished: August 2025\n---\n{BODY}"))
    assert art.published is None


def test_empty_front_matter_values_mean_unknown(tmp_path):
    art = one(write(tmp_path / "fox.md", f"---\noutlet:\ntitle:\nurl: ''\n---\n{BODY}"))
    assert art.outlet == "fox" and art.meta["outlet_source"] == "filename"
    assert art.title is None and art.url is None


def test_crlf_and_cr_line_ends_become_lf_and_body_is_exact(tmp_path):
    src = "---\r\noutlet: X\r\n---\r\n\r\nFirst line.\r\nSecond line.\r\n"
    art = one(write(tmp_path / "a.md", src))
    assert art.text == "\nFirst line.\nSecond line.\n"
    art = one(write(tmp_path / "b.txt", "One.\rTwo.\r"))
    assert art.text == "One.\nTwo.\n"


def test_text_starting_with_a_rule_but_no_front_matter(tmp_path):
    src = "--- not front matter\nBody here.\n"
    assert one(write(tmp_path / "a.md", src)).text == src


def test_malformed_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path / "bad.md", "---\noutlet: X\ntitle: [unclosed\nurl: y\n---\nBody.\n")
    with pytest.raises(MalformedRecordError) as err:
        one(path)
    assert "bad.md" in str(err.value)
    assert err.value.line is not None and 3 <= err.value.line <= 5
    assert f"bad.md:{err.value.line}:" in str(err.value)
    assert "YAML" in str(err.value)


def test_unclosed_front_matter(tmp_path):
    with pytest.raises(MalformedRecordError, match=r"open\.md:1: .*never closed"):
        one(write(tmp_path / "open.md", "---\noutlet: X\nBody without a closing line.\n"))


def test_front_matter_must_be_a_mapping(tmp_path):
    with pytest.raises(MalformedRecordError, match="list.md.*key: value"):
        one(write(tmp_path / "list.md", "---\n- a\n- b\n---\nBody.\n"))
    with pytest.raises(MalformedRecordError, match="'outlet' must be a single value"):
        one(write(tmp_path / "nested.md", "---\noutlet: [a, b]\n---\nBody.\n"))


@pytest.mark.parametrize("content", ["", "   \n\t\n", "---\noutlet: X\n---\n", "---\noutlet: X\n---\n  \n\n"])
def test_empty_inputs(tmp_path, content):
    path = write(tmp_path / "empty.md", content)
    with pytest.raises(EmptyInputError, match="empty.md"):
        one(path)


def test_front_matter_only_names_the_line(tmp_path):
    with pytest.raises(EmptyInputError, match=r"fm\.md:4: has front matter but no article text"):
        one(write(tmp_path / "fm.md", "---\noutlet: X\n---\n"))


# --- encodings -------------------------------------------------------------------------------

SAMPLE = "---\noutlet: Café Zeitung\n---\n“Naïve” résumé — 5 €.\n"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),  # platform order, with BOM
        (b"\xff\xfe" + SAMPLE.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "utf-16"),
        (SAMPLE.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings(tmp_path, raw, encoding):
    art = one(write(tmp_path / "a.md", raw))
    assert art.encoding == encoding
    assert art.outlet == "Café Zeitung"  # the BOM did not hide the front matter
    assert art.text == "“Naïve” résumé — 5 €.\n"


@pytest.mark.parametrize(
    ("name", "content", "codec", "expected"),
    [
        ("c.jsonl", '{"outlet": "Zeitung", "text": "Naïve café."}\n{"outlet": "B", "text": "Other."}\n',
         "utf-16", "utf-16"),
        ("c.csv", "outlet,text\nZeitung,Naïve café.\nB,Other.\n", "cp1252", "cp1252"),
        ("p.html", "<html><body><article><p>" + "Naïve café owners protested on Monday. " * 4
         + "</p></article></body></html>", "cp1252", "cp1252"),
    ],
)
def test_encodings_of_corpora_and_html(tmp_path, name, content, codec, expected):
    arts = load_articles([write(tmp_path / name, content, encoding=codec)])
    assert {a.encoding for a in arts} == {expected}
    assert "Naïve café" in arts[0].text


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP"),
        (b"Some text\x00\x00with NUL bytes", "NUL"),
        (bytes(range(1, 9)) * 20 + b"a little text", "control"),
    ],
)
def test_binary_files_are_refused(tmp_path, raw, kind):
    with pytest.raises(BinaryInputError) as err:
        one(write(tmp_path / "scan.txt", raw))
    msg = str(err.value)
    assert "scan.txt" in msg and "binary" in msg and kind in msg
    assert "Markdown, HTML, JSON, JSONL or CSV" in msg


def test_text_that_merely_starts_like_a_magic_number_is_text(tmp_path):
    assert one(write(tmp_path / "mz.txt", "MZ Holdings said on Monday it would appeal.\n")).encoding == "utf-8"


@pytest.mark.parametrize(
    "raw",
    [
        ("Суд заблокировал передачу данных налоговой службы. " * 3).encode("cp1251"),
        ("法院周四阻止了税务数据共享。" * 3).encode("gbk"),
        b"Bad bytes \x81\x8d\x8f here",  # undefined in cp1252
    ],
)
def test_undecodable_text_asks_for_utf8(tmp_path, raw):
    with pytest.raises(EncodingError) as err:
        one(write(tmp_path / "ru.txt", raw))
    assert "ru.txt:1:" in str(err.value) and "UTF-8" in str(err.value)


# --- HTML ------------------------------------------------------------------------------------


def test_html_page_main_text_and_metadata():
    art = one(DATA / "harbor-gazette.html")
    assert art.outlet == "The Harbor Gazette"
    assert art.title == "Council Approves Harbor Seawall After Long Debate"
    assert art.published == "2024-03-14"
    assert art.url == "https://harborgazette.example/news/2024/03/14/council-approves-seawall"
    assert art.id == "harbor-gazette"
    assert art.meta["format"] == "html" and art.meta["author"] == "Dana Whitcombe"
    lines = art.text.split("\n")
    assert len(lines) == 5  # one line per paragraph
    assert lines[0].startswith("The city council voted 7 to 2")
    assert lines[-1].startswith("Mayor Thomas Reilly")
    for chrome in ("Subscribe", "Related stories", "Privacy policy", "All rights reserved", "Sports"):
        assert chrome not in art.text
    assert "Council Approves Harbor Seawall" not in art.text  # headline kept in title only


def test_html_without_metadata_invents_nothing(tmp_path):
    page = (
        "<html><body><article>"
        "<p>The bridge toll will rise next spring after a long and heated public hearing downtown.</p>"
        "<p>Commuter groups said they would challenge the decision in court within weeks.</p>"
        "</article></body></html>"
    )
    art = one(write(tmp_path / "city-news.htm", page))
    assert art.outlet == "city-news" and art.meta["outlet_source"] == "filename"
    assert art.published is None and art.url is None
    assert art.text.split("\n")[1].startswith("Commuter groups")


def test_html_declared_legacy_charset(tmp_path):
    page = ('<html><head><meta charset="windows-1251"><meta property="og:site_name" content="Вести">'
            "</head><body><article><p>" + "Суд в четверг заблокировал передачу данных налоговой службы. " * 3
            + "</p></article></body></html>")
    art = one(write(tmp_path / "vesti.html", page, encoding="cp1251"))
    assert art.encoding == "cp1251" and art.outlet == "Вести"
    assert art.text.startswith("Суд в четверг")
    with pytest.raises(EncodingError, match="vesti.txt"):  # plain text has no declared charset
        one(write(tmp_path / "vesti.txt", "Суд в четверг заблокировал.", encoding="cp1251"))


def test_html_without_article_text(tmp_path):
    page = "<html><head><title>Sign in</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    with pytest.raises(EmptyInputError, match="login.html.*no article text"):
        one(write(tmp_path / "login.html", page))


def test_loading_text_does_not_import_trafilatura(tmp_path):
    write(tmp_path / "a.txt", BODY)
    code = (
        "import sys; from comparator.load import load_articles; "
        f"load_articles([{str(tmp_path / 'a.txt')!r}]); "
        "assert 'trafilatura' not in sys.modules, 'trafilatura imported eagerly'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr


# --- corpora: JSON, JSONL, CSV ---------------------------------------------------------------

RECORDS = [
    {"event": "toll", "outlet": "City Post", "title": "Toll rises", "published": "March 3, 2024",
     "url": "https://post.example/a", "text": "The toll rises.", "author": "A. B."},
    {"event": "toll", "outlet": "City Post", "text": "The toll rises again."},
    {"event": "toll", "outlet": "Harbor Radio", "text": "A toll increase was approved."},
]


def test_json_list_and_articles_object(tmp_path):
    for name, payload in (("list.json", RECORDS), ("obj.json", {"articles": RECORDS})):
        arts = load_articles([write(tmp_path / name, json.dumps(RECORDS if name == "list.json" else payload))])
        assert [a.id for a in arts] == ["city-post", "city-post-2", "harbor-radio"]
        assert [a.source_path for a in arts] == [f"{tmp_path / name}#{i}" for i in range(3)]
        assert arts[0].published == "2024-03-03" and arts[0].title == "Toll rises"
        assert arts[0].meta == {"author": "A. B.", "event": "toll", "format": "json"}
        assert arts[1].title is None


def test_jsonl_records_and_line_numbers(tmp_path):
    lines = [json.dumps(r) for r in RECORDS]
    path = write(tmp_path / "c.jsonl", lines[0] + "\n\n" + lines[1] + "\n" + lines[2] + "\n")
    arts = load_articles([path])
    assert [a.source_path for a in arts] == [f"{path}#L1", f"{path}#L3", f"{path}#L4"]
    assert [a.outlet for a in arts] == ["City Post", "City Post (2)", "Harbor Radio"]  # told apart


def test_jsonl_malformed_line(tmp_path):
    path = write(tmp_path / "c.jsonl", json.dumps(RECORDS[0]) + "\n{\"outlet\": \"X\", text}\n")
    with pytest.raises(MalformedRecordError) as err:
        load_articles([path])
    assert err.value.line == 2 and "c.jsonl:2:" in str(err.value) and "not valid JSON" in str(err.value)


def test_jsonl_record_must_be_object(tmp_path):
    with pytest.raises(MalformedRecordError, match=r"c\.jsonl:1: line 1 is a JSON array"):
        load_articles([write(tmp_path / "c.jsonl", "[1, 2]\n")])


@pytest.mark.parametrize("missing", ["text", "outlet"])
def test_missing_required_field_names_field_and_line(tmp_path, missing):
    bad = {k: v for k, v in RECORDS[2].items() if k != missing}
    path = write(tmp_path / "c.jsonl", json.dumps(RECORDS[0]) + "\n" + json.dumps(bad) + "\n")
    with pytest.raises(MalformedRecordError) as err:
        load_articles([path])
    assert err.value.line == 2
    assert f"has no {missing!r}" in str(err.value) and "c.jsonl:2:" in str(err.value)


def test_json_syntax_error_has_line(tmp_path):
    with pytest.raises(MalformedRecordError) as err:
        load_articles([write(tmp_path / "c.json", '[\n{"outlet": "X",\n "text": }\n]')])
    assert err.value.line == 3 and "c.json:3:" in str(err.value)


def test_json_must_be_a_list(tmp_path):
    with pytest.raises(MalformedRecordError, match="c.json.*not a JSON string"):
        load_articles([write(tmp_path / "c.json", '"just text"')])


def test_empty_text_field_is_reported(tmp_path):
    with pytest.raises(MalformedRecordError, match=r"c\.json: record 1: 'text' is empty"):
        load_articles([write(tmp_path / "c.json", json.dumps([RECORDS[0], {"outlet": "Y", "text": "  "}]))])


def test_csv_records_with_quoted_multiline_text(tmp_path):
    src = (
        "event,outlet,title,published,text\n"
        'toll,City Post,Toll rises,2024-03-03,"First paragraph.\nSecond, with a comma."\n'
        "toll,Harbor Radio,,,A toll increase was approved.\n"
    )
    path = write(tmp_path / "c.csv", src)
    arts = load_articles([path])
    assert [a.id for a in arts] == ["city-post", "harbor-radio"]
    assert arts[0].text == "First paragraph.\nSecond, with a comma."
    assert arts[0].published == "2024-03-03" and arts[1].title is None
    assert [a.source_path for a in arts] == [f"{path}#0", f"{path}#1"]


def test_csv_semicolon_delimiter(tmp_path):
    arts = load_articles([write(tmp_path / "c.csv", "outlet;text\nA;One text.\nB;Two text.\n")])
    assert [a.outlet for a in arts] == ["A", "B"]


def test_csv_errors_name_the_line(tmp_path):
    with pytest.raises(MalformedRecordError) as err:
        load_articles([write(tmp_path / "c.csv", "outlet,text\nA,fine\nB,too,many\n")])
    assert err.value.line == 3 and "c.csv:3:" in str(err.value)
    with pytest.raises(MalformedRecordError, match=r"c2\.csv:2: record 0 \(line 2\) has no 'text'"):
        load_articles([write(tmp_path / "c2.csv", "outlet,title\nA,T\n")])


def test_several_events_must_be_picked(tmp_path):
    recs = RECORDS + [{"event": "flood", "outlet": "River News", "text": "The river flooded."}]
    path = write(tmp_path / "c.jsonl", "\n".join(json.dumps(r) for r in recs))
    with pytest.raises(InputError) as err:
        load_articles([path])
    msg = str(err.value)
    assert "'flood' (1 article)" in msg and "'toll' (3 articles)" in msg and "--event" in msg
    assert [a.outlet for a in load_articles([path], event="flood")] == ["River News"]
    assert len(load_articles([path], event="toll")) == 3
    with pytest.raises(InputError, match="no record has event 'fire'"):
        load_articles([path], event="fire")


# --- paths, folders, ids ---------------------------------------------------------------------


def test_unknown_extension_lists_supported(tmp_path):
    with pytest.raises(UnsupportedFormatError) as err:
        load_articles([write(tmp_path / "story.docx", "text")])
    assert "story.docx" in str(err.value) and ".md" in str(err.value) and ".jsonl" in str(err.value)


def test_missing_path_suggests_close_name(tmp_path):
    write(tmp_path / "fox-news.md", BODY)
    with pytest.raises(MissingPathError) as err:
        load_articles([tmp_path / "fox-new.md"])
    assert "fox-new.md" in str(err.value) and "Did you mean" in str(err.value)
    assert "fox-news.md" in str(err.value)


def test_too_large_is_checked_before_reading(tmp_path, monkeypatch):
    path = write(tmp_path / "big.txt", "x" * 100)

    def no_read(self):
        raise AssertionError("file was read")

    monkeypatch.setattr(pathlib.Path, "read_bytes", no_read)
    with pytest.raises(TooLargeError, match=r"big\.txt: is 100 bytes, over the limit of 10"):
        load_articles([path], settings=Settings(max_file_bytes=10))


def test_folder_rules(tmp_path):
    folder = tmp_path / "event"
    for name in ("b.md", "a.txt", "c.html", ".hidden.md", "_draft.md", "README.md", "readme.txt", "notes.pdf"):
        write(folder / name, BODY + name if not name.endswith(".html") else
              "<html><body><article><p>" + "A paragraph long enough to be the article text here. " * 3
              + "</p></article></body></html>")
    write(folder / "sub" / "d.md", BODY)
    arts = load_articles([folder])
    assert [a.id for a in arts] == ["a", "b", "c"]
    assert [Path(a.source_path).name for a in arts] == ["a.txt", "b.md", "c.html"]


def test_folder_without_articles(tmp_path):
    write(tmp_path / "ev" / "README.md", BODY)
    write(tmp_path / "ev" / "scan.pdf", b"%PDF-1.4")
    with pytest.raises(EmptyInputError) as err:
        load_articles([tmp_path / "ev"])
    assert "ev" in str(err.value) and "scan.pdf" in str(err.value) and ".txt" in str(err.value)


def test_ids_are_unique_across_sources_and_articles_pass_through(tmp_path):
    a = write(tmp_path / "one" / "cnn.md", BODY)
    b = write(tmp_path / "two" / "cnn.md", BODY + "More.\n")
    given_article = Article(id="cnn", outlet="CNN", text="Typed in.")
    arts = load_articles([a, given_article, b])
    assert [x.id for x in arts] == ["cnn", "cnn-2", "cnn-3"]
    assert arts[1].text == "Typed in." and arts[1].outlet == "CNN (2)"  # same outlet twice: told apart
    assert [x.outlet for x in arts] == ["cnn", "CNN (2)", "cnn (3)"]  # outlets from file names
    with pytest.raises(InputError, match="contains ':'"):
        load_articles([Article(id="a:1", outlet="X", text="t")])


@given(st.text())
def test_slug_is_safe_for_claim_ids(text):
    out = slug(text)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", out)
    assert ":" not in out


# --- check_articles --------------------------------------------------------------------------


def test_not_enough_articles(tmp_path):
    arts = load_articles([write(tmp_path / "ev" / "only.md", BODY)])
    with pytest.raises(NotEnoughArticlesError) as err:
        check_articles(arts)
    msg = str(err.value)
    assert "found 1 article" in msg and "only.md" in msg and "two or more articles of the same event" in msg
    with pytest.raises(NotEnoughArticlesError, match="found 0 articles"):
        check_articles([])


def test_identical_articles_name_both_files(tmp_path):
    a = write(tmp_path / "a.md", "---\noutlet: A\n---\nSame   text\nhere.\n")
    b = write(tmp_path / "b.txt", "Same text here.")
    with pytest.raises(IdenticalArticlesError) as err:
        check_articles(load_articles([a, b]))
    assert "a.md" in str(err.value) and "b.txt" in str(err.value)
