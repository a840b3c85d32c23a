"""HTML decoding order: BOM, then the declared charset, then detection; charset and warnings recorded."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

import pytest

from comparator.load import load_article_file
from comparator.load.charset import declared_charset, decode_html

FIELD = Path(__file__).parent / "data" / "field" / "04-legacy-charset"

NAMES_PL = ("Słubice", "Łucja Wąsik", "Żabie Pole", "Zbigniew Łęcki")


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>T</title></head><body><article><p>{body}</p>" \
           f"<p>{body}</p></article></body></html>"


def test_field_case_iso_8859_2_page_is_read_with_its_charset():
    art = load_article_file(FIELD / "input" / "oder-courier.html")[0]
    assert art.encoding == "iso8859-2"
    for name in NAMES_PL:
        assert name in art.text
    assert not any(ch in art.text for ch in "£¯¹³")
    assert art.to_dict()["encoding"] == "iso8859-2" and art.to_dict()["warnings"] == []


def test_field_case_iso_8859_1_is_read_as_windows_1252():
    art = load_article_file(FIELD / "variant-iso-8859-1" / "input" / "elbe-courier.html")[0]
    assert art.encoding == "cp1252"
    for name in ("Lütjenburg-Süd", "Jürgen Köhler", "Renée Größmann"):
        assert name in art.text


# invented: a Czech page declaring windows-1250 only through http-equiv
def test_http_equiv_declaration():
    html = page("Starosta Jiří Šťastný řekl, že hráz vydržela.",
                '<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">')
    data = html.encode("cp1250")
    assert declared_charset(data) == "windows-1250"
    decoded = decode_html(data, "x.html")
    assert decoded.encoding == "cp1250" and "Jiří Šťastný" in decoded.text and not decoded.warnings


def test_bom_wins_over_the_declaration():
    html = page("Łucja Wąsik said so.", '<meta charset="iso-8859-2">')
    decoded = decode_html(codecs.BOM_UTF8 + html.encode("utf-8"), "x.html")
    assert decoded.encoding == "utf-8-sig" and "Łucja Wąsik" in decoded.text


def test_server_charset_wins_over_the_page():
    html = page("Łucja Wąsik said so.", '<meta charset="utf-8">')
    decoded = decode_html(html.encode("iso-8859-2"), "x.html", http_charset="ISO-8859-2")
    assert decoded.encoding == "iso8859-2" and "Łucja Wąsik" in decoded.text


def test_misdeclared_page_falls_back_with_a_warning(caplog):
    html = page("Naïve café owners protested on Monday.", '<meta charset="utf-8">')
    with caplog.at_level(logging.WARNING):
        decoded = decode_html(html.encode("cp1252"), "x.html")
    assert "Naïve café" in decoded.text and decoded.encoding == "cp1252"
    assert any("declares charset 'utf-8'" in w for w in decoded.warnings)
    assert "x.html" in caplog.text


def test_undeclared_non_western_page_is_detected_with_a_warning():
    text = ("Суд в четверг запретил иммиграционной службе использовать налоговые данные. " * 6)
    decoded = decode_html(page(text).encode("cp1251"), "x.html")
    assert "Суд в четверг" in decoded.text
    assert decoded.warnings and "detected" in decoded.warnings[0]


def test_unknown_declared_charset_is_ignored_with_a_warning():
    html = page("Plain words here.", '<meta charset="x-made-up">')
    decoded = decode_html(html.encode("utf-8"), "x.html")
    assert decoded.encoding == "utf-8" and "unknown charset" in decoded.warnings[0]


def test_warnings_reach_the_article(tmp_path):
    path = tmp_path / "p.html"
    path.write_bytes(page("Naïve café owners protested on Monday, the city said in a statement.",
                          '<meta charset="utf-8">').encode("cp1252"))
    art = load_article_file(path)[0]
    assert art.meta["warnings"] and art.to_dict()["warnings"] == art.meta["warnings"]


@pytest.mark.parametrize("label, codec", [("ISO-8859-1", "cp1252"), ("latin1", "cp1252"),
                                          ("us-ascii", "cp1252"), ("iso-8859-9", "cp1254")])
def test_whatwg_aliases(label, codec):
    from comparator.load.charset import _codec

    assert _codec(label) == codec


# invented: the Border Post story saved as ISO-8859-2 plain text (no declaration possible)
def test_legacy_text_file_is_detected_not_mojibake(tmp_path):
    body = ("The Oder flood crest passed Słubice on Monday without breaching the town's barriers, "
            "mayor Łucja Wąsik said.\n\nSome 1,200 people from the Żabie Pole district had been evacuated.\n\n"
            "Fire chief Zbigniew Łęcki said extra pumps were on their way.\n")
    path = tmp_path / "border-post.txt"
    path.write_bytes(("---\noutlet: Border Post\n---\n" + body).encode("iso-8859-2"))
    art = load_article_file(path)[0]
    assert "Łucja Wąsik" in art.text and "Łęcki" in art.text
    assert art.encoding != "cp1252" and art.meta["warnings"]


def test_western_text_file_stays_cp1252(tmp_path):
    path = tmp_path / "elbe.txt"
    path.write_bytes("Mayor Jürgen Köhler said Renée Größmann’s crews worked through the night; "
                     "the café reopened at 8 a.m. and £5 buys a meal.\n".encode("cp1252"))
    art = load_article_file(path)[0]
    assert art.encoding == "cp1252" and "Größmann’s" in art.text and "warnings" not in art.meta


def test_legacy_declaration_on_utf8_bytes_is_read_as_utf8_with_a_warning():
    html = page("Łucja Wąsik and Jürgen Köhler said so.", '<meta charset="iso-8859-1">')
    decoded = decode_html(html.encode("utf-8"), "x.html")
    assert "Łucja Wąsik" in decoded.text and "Ã" not in decoded.text
    assert decoded.encoding == "utf-8" and "bytes are UTF-8" in decoded.warnings[0]


def test_utf8_declaration_on_latin2_bytes_is_detected():
    body = "Flood barriers held in Słubice, mayor Łucja Wąsik said, and Zbigniew Łęcki agreed. " * 3
    decoded = decode_html(page(body, '<meta charset="utf-8">').encode("iso-8859-2"), "x.html")
    assert "Łucja Wąsik" in decoded.text and decoded.warnings
