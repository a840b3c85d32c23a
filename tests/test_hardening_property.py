"""Property test (issue 10): random and hostile bytes through the loaders and the claims stage.

Whatever the input, comparator either raises one of its own errors
(:class:`ComparatorError`) or returns articles whose claims satisfy the
offsets invariant ``article.text[start:end] == text``. The claims stage runs on
a blank spaCy English pipeline with a sentencizer (no model), so 2,000+
examples fit in CI's budget.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from comparator.claims import extract_claims
from comparator.errors import ComparatorError
from comparator.facts.numbers import parse_number
from comparator.load.decode import decode_bytes
from comparator.load.records import parse_records
from comparator.load.text import parse_text

HOSTILE = [
    "\x1b[31m", "\x1b]0;TITLE\x07", "\x1b]52;c;ZWNobw==\x07", "\u202e", "\u2028", "\u2029", "\x85", "\ufeff",
    "“", "”", "‘", "’", '"', "'", "«", "»", "—", "…", "\n", "\r\n", "\r", "\t", "\x0c", "\x00",
    "%PDF", "GIF89a", "PK\x03\x04", "---", "...", "&a", "*a", "<<: *a", "{", "}", "[", "]", ":", "#", "|",
    "9" * 40, "9" * 400, "1e308", "-0", "NaN", "2025-02-30", "2025-13-45", "Mr.", "U.S.", "said", " said ",
    "<script>", "&amp;", "\\", "\\u0000", "Fox News", "@octocat", "#1", "\U0001F600", "e\u0301", "ﬁ",
]
pieces = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12),
                   st.text(alphabet="abc ABC.,!?\n“”\"'", max_size=30))
texts = st.lists(pieces, max_size=25).map("".join)
values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), texts,
                   st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=4), st.integers(), max_size=2))


@pytest.fixture(scope="module")
def blank_nlp():
    from comparator.nlp import _import_spacy

    _import_spacy()
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _check_claims(articles, nlp) -> None:
    for article in articles:
        assert isinstance(article.text, str) and article.text.strip()
        for claim in extract_claims(article, nlp(article.text)):
            assert article.text[claim.start:claim.end] == claim.text
            for m in claim.mentions:
                assert article.text[m.start:m.end] == m.text
            for s, e in claim.quotes:
                assert claim.start <= s <= e <= claim.end


def _load(data: bytes, suffix: str):
    path = Path(f"case{suffix}")
    decoded = decode_bytes(data, str(path))
    if suffix in (".md", ".txt"):
        return (parse_text(decoded.text, path=path, source_path=str(path), encoding=decoded.encoding,
                           fmt="markdown"),)
    return parse_records(decoded.text, path=path, source_path=str(path), encoding=decoded.encoding,
                         fmt=suffix[1:], max_field=1_000_000)


def _front_matter(meta: dict, body: str) -> str:
    lines = []
    for key, value in meta.items():
        lines.append(f"{key}: {value if isinstance(value, str) else json.dumps(value)}")
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def _csv(records: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["outlet", "title", "text", "event"], extrasaction="ignore")
    writer.writeheader()
    for r in records:
        writer.writerow({k: r.get(k, "") for k in ("outlet", "title", "text", "event")})
    return out.getvalue()


record = st.fixed_dictionaries({"outlet": texts, "text": texts},
                               optional={"title": values, "published": values, "url": values, "extra": values})
files = st.one_of(
    st.tuples(st.just(".md"), st.builds(_front_matter, st.dictionaries(
        st.sampled_from(["outlet", "title", "published", "url", "date", "tags", "x"]), values, max_size=4), texts)),
    st.tuples(st.just(".txt"), texts),
    st.tuples(st.just(".json"), st.lists(record, max_size=3).map(lambda rs: json.dumps(rs, ensure_ascii=False))),
    st.tuples(st.just(".jsonl"), st.lists(record, max_size=3).map(
        lambda rs: "\n".join(json.dumps(r, ensure_ascii=False) for r in rs))),
    st.tuples(st.just(".csv"), st.lists(record, max_size=3).map(_csv)),
    st.tuples(st.sampled_from([".md", ".json", ".jsonl", ".csv"]), texts),
)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files, encodings)
def test_loaders_and_claims_raise_only_comparator_errors(blank_nlp, case, encoding):
    suffix, text = case
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8", "surrogatepass")
    try:
        articles = _load(data, suffix)
    except ComparatorError as exc:
        assert str(exc).startswith("[E") and exc.path  # says what and where
        return
    _check_claims(articles, blank_nlp)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200), st.sampled_from([".md", ".json", ".jsonl", ".csv"]))
def test_random_bytes_raise_only_comparator_errors(data, suffix):
    try:
        _load(data, suffix)
    except ComparatorError:
        pass


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["9" * 400, "1e308", "million", "billion", "to", "between", "and",
                                           "-", ",", ".", "about", "47,000", "forty-seven", "half"]),
                          st.integers().map(str), st.text(max_size=6)), max_size=8).map(" ".join))
def test_number_parsing_never_raises_and_stays_finite(text):
    import math

    number = parse_number(text)
    if number is not None:
        assert math.isfinite(number.value)
