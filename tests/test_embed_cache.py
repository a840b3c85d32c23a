"""The embedding cache validates what it reads: each kind of damage falls back to encoding, with a warning."""

from __future__ import annotations

import logging
import sqlite3

import numpy as np
import pytest

from comparator.embed import CACHE_FILE, EmbeddingCache
from tests.test_embed import CountingEncoder

WARN = logging.WARNING


def _primed(tmp_path, texts=("a", "b")):
    enc = CountingEncoder(cache=EmbeddingCache(tmp_path / CACHE_FILE))
    good = enc.encode(list(texts))
    enc.cache.close()
    return good


def _fresh(tmp_path):
    return CountingEncoder(cache=EmbeddingCache(tmp_path / CACHE_FILE))


def _set_row(tmp_path, text, **changes):
    """Overwrite columns of the cached row of ``text``."""
    key = _fresh(tmp_path)._key(text)
    db = sqlite3.connect(str(tmp_path / CACHE_FILE))
    with db:
        for column, value in changes.items():
            db.execute(f"UPDATE embeddings SET {column} = ? WHERE key = ?", (value, key))
    db.close()


def _assert_recomputed(tmp_path, caplog, good, expect_text, texts=("a", "b")):
    enc = _fresh(tmp_path)
    with caplog.at_level(WARN, logger="comparator.embed"):
        out = enc.encode(list(texts))
    np.testing.assert_array_equal(out, good)
    assert expect_text in caplog.text
    return enc


@pytest.mark.parametrize("damage", ["nan", "inf", "zero", "not_unit", "short_blob", "wrong_dim_column",
                                    "text_blob"])
def test_damaged_vector_is_recomputed_and_replaced(tmp_path, caplog, damage):
    good = _primed(tmp_path)
    vec = good[0].copy()
    if damage == "nan":
        vec[3] = np.nan
        change = {"vec": vec.tobytes()}
    elif damage == "inf":
        vec[0] = np.inf
        change = {"vec": vec.tobytes()}
    elif damage == "zero":
        change = {"vec": np.zeros_like(vec).tobytes()}
    elif damage == "not_unit":
        change = {"vec": (vec * 3).tobytes()}
    elif damage == "short_blob":
        change = {"vec": vec.tobytes()[:-4]}
    elif damage == "wrong_dim_column":
        change = {"dim": 7}
    else:
        change = {"vec": "not bytes"}
    _set_row(tmp_path, "a", **change)
    enc = _assert_recomputed(tmp_path, caplog, good, "ignored 1 damaged or foreign vector")
    assert enc.seen == ["a"] and enc.cache.rejected == 1
    caplog.clear()
    again = _fresh(tmp_path)  # the fresh vector replaced the bad row
    with caplog.at_level(WARN, logger="comparator.embed"):
        again.encode(["a", "b"])
    assert again.seen == [] and caplog.text == ""


def test_vector_of_another_dimension_is_recomputed(tmp_path, caplog):
    _primed(tmp_path)
    bigger = CountingEncoder(cache=EmbeddingCache(tmp_path / CACHE_FILE), dim=16)
    with caplog.at_level(WARN, logger="comparator.embed"):
        out = bigger.encode(["a"])
    assert out.shape == (1, 16) and bigger.seen == ["a"] and "damaged or foreign" in caplog.text


def test_row_of_other_weights_under_our_key_is_not_used(tmp_path, caplog):
    good = _primed(tmp_path)
    _set_row(tmp_path, "b", model="e" * 64)
    enc = _assert_recomputed(tmp_path, caplog, good, "damaged or foreign")
    assert enc.seen == ["b"]


def test_table_with_wrong_schema_turns_the_cache_off(tmp_path, caplog):
    db = sqlite3.connect(str(tmp_path / CACHE_FILE))
    db.execute("CREATE TABLE embeddings (key TEXT PRIMARY KEY, vector TEXT)")
    db.execute("INSERT INTO embeddings VALUES ('x', 'y')")
    db.commit()
    db.close()
    enc = _fresh(tmp_path)
    with caplog.at_level(WARN, logger="comparator.embed"):
        out = enc.encode(["a", "b"])
    assert out.shape == (2, 8) and sorted(enc.seen) == ["a", "b"]
    assert "unusable" in caplog.text and "columns key, vector" in caplog.text
    db = sqlite3.connect(str(tmp_path / CACHE_FILE))  # the user's file is left as it was
    assert db.execute("SELECT * FROM embeddings").fetchall() == [("x", "y")]
    db.close()


def test_garbage_pages_in_a_real_database_fall_back(tmp_path, caplog):
    good = _primed(tmp_path, texts=[f"text {i}" for i in range(300)])
    path = tmp_path / CACHE_FILE
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    for i in range(page, len(data)):  # keep the header page, scribble over every other page
        data[i] = (i * 131) % 251
    path.write_bytes(bytes(data))
    enc = _fresh(tmp_path)
    with caplog.at_level(WARN, logger="comparator.embed"):
        out = enc.encode([f"text {i}" for i in range(300)])
    np.testing.assert_array_equal(out, good)
    assert "embedding cache" in caplog.text


def test_truncated_database_file_falls_back(tmp_path, caplog):
    good = _primed(tmp_path, texts=[f"text {i}" for i in range(300)])
    path = tmp_path / CACHE_FILE
    path.write_bytes(path.read_bytes()[:5000])
    enc = _fresh(tmp_path)
    with caplog.at_level(WARN, logger="comparator.embed"):
        out = enc.encode([f"text {i}" for i in range(300)])
    np.testing.assert_array_equal(out, good)
    assert "embedding cache" in caplog.text
