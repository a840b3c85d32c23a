"""Embeddings: model resolution and pin, the sqlite cache, lazy loading; real-model tests are slow."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from comparator import embed
from comparator.config import Settings
from comparator.embed import (CACHE_FILE, EmbeddingCache, Encoder, ModelSpec, cache_path, load_encoder,
                              model_store, read_spec)
from comparator.embed import encoder as encoder_module
from comparator.errors import ModelError


class CountingEncoder(Encoder):
    """An Encoder whose backend is deterministic unit vectors; counts the texts it computes."""

    def __init__(self, cache=None, sha256="f" * 64, dim=8, explode=False):
        spec = ModelSpec(folder=Path("fake"), weights=Path("fake/model.safetensors"), dim=dim,
                         max_seq_length=256, pooling="mean", normalize=True)
        super().__init__(name="fake", sha256=sha256, spec=spec, cache=cache)
        self.seen, self.explode = [], explode

    def _compute(self, texts):
        if self.explode:
            raise AssertionError(f"model used for {texts!r}")
        self.seen.extend(texts)
        out = np.array([[(hash(t) >> s) % 7 + 1.0 for s in range(self.dim)] for t in texts], np.float32)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def fake_encoder(tmp_path, cache: bool = True, **kw) -> CountingEncoder:
    return CountingEncoder(cache=EmbeddingCache(tmp_path / CACHE_FILE) if cache else None, **kw)


# -- fast: no model ---------------------------------------------------------------


def test_cache_round_trip_skips_the_model(tmp_path):
    first = fake_encoder(tmp_path)
    v1 = first.encode(["b", "a", "b"])
    assert v1.shape == (3, 8) and v1.dtype == np.float32
    assert sorted(first.seen) == ["a", "b"]  # each distinct text encoded once
    np.testing.assert_allclose(np.linalg.norm(v1, axis=1), 1.0, rtol=1e-6)
    second = fake_encoder(tmp_path, explode=True)
    np.testing.assert_array_equal(second.encode(["b", "a", "b"]), v1)
    third = fake_encoder(tmp_path)
    third.encode(["a", "c"])
    assert third.seen == ["c"]


def test_cache_keys_depend_on_the_model_hash(tmp_path):
    fake_encoder(tmp_path).encode(["a"])
    other = fake_encoder(tmp_path, sha256="e" * 64)
    other.encode(["a"])
    assert other.seen == ["a"]


def test_no_cache_writes_nothing(tmp_path):
    enc = fake_encoder(tmp_path, cache=False)
    enc.encode(["a", "b"])
    assert list(tmp_path.iterdir()) == []


def test_corrupt_cache_file_warns_and_falls_back(tmp_path, caplog):
    (tmp_path / CACHE_FILE).write_bytes(b"this is not a sqlite database" * 100)
    enc = fake_encoder(tmp_path)
    with caplog.at_level(logging.WARNING, logger="comparator.embed"):
        out = enc.encode(["a", "b"])
    assert out.shape == (2, 8)
    assert "unusable" in caplog.text and CACHE_FILE in caplog.text
    assert enc.encode(["a"]).shape == (1, 8)  # still works, without the cache


def test_locked_cache_file_warns_and_falls_back(tmp_path, caplog):
    import sqlite3

    fake_encoder(tmp_path).encode(["a"])
    holder = sqlite3.connect(str(tmp_path / CACHE_FILE))
    holder.execute("BEGIN EXCLUSIVE")
    try:
        enc = fake_encoder(tmp_path)
        with caplog.at_level(logging.WARNING, logger="comparator.embed"):
            assert enc.encode(["a", "b"]).shape == (2, 8)
        assert "unusable" in caplog.text
    finally:
        holder.rollback()
        holder.close()


def test_cache_in_an_unwritable_place_does_not_crash(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    enc = CountingEncoder(cache=EmbeddingCache(blocker / "sub" / CACHE_FILE))
    assert enc.encode(["a"]).shape == (1, 8)


def test_empty_input_gives_zero_rows_without_loading(tmp_path):
    enc = fake_encoder(tmp_path, explode=True)
    out = enc.encode([])
    assert out.shape == (0, 8) and out.dtype == np.float32 and not enc.loaded


def test_cache_location_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPARATOR_CACHE_DIR", str(tmp_path / "env"))
    assert cache_path(Settings()) == tmp_path / "env" / CACHE_FILE
    assert cache_path(Settings(cache_dir=str(tmp_path / "set"))) == tmp_path / "set" / CACHE_FILE
    monkeypatch.delenv("COMPARATOR_CACHE_DIR")
    assert cache_path(Settings()).name == CACHE_FILE


def test_model_store_location_does_not_follow_cache_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("COMPARATOR_MODEL_DIR", raising=False)
    monkeypatch.setenv("COMPARATOR_CACHE_DIR", str(tmp_path / "env"))
    assert model_store(Settings(cache_dir=str(tmp_path / "c"))).folder == tmp_path / "env" / "models"
    monkeypatch.setenv("COMPARATOR_MODEL_DIR", str(tmp_path / "m"))
    assert model_store(Settings()).folder == tmp_path / "m"
    assert model_store(Settings(model_dir=str(tmp_path / "s"))).folder == tmp_path / "s"


def test_missing_or_invalid_model_folder_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="not found"):
        load_encoder(Settings(model=str(tmp_path / "nope" / "model"), cache=False))
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="not a sentence-transformers model folder"):
        load_encoder(Settings(model=str(tmp_path / "empty"), cache=False))


def test_unknown_backend_is_refused_by_the_settings_schema(tmp_path):
    from comparator.errors import ConfigError

    with pytest.raises(ConfigError, match="backend.*expected one of onnx, torch"):
        load_encoder(Settings(backend="tpu", cache=False))


def _st_folder(path, pooling="mean", normalize=True, window=None):
    path.mkdir()
    modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]
    if normalize:
        modules.append({"idx": 2, "name": "2", "path": "2_Normalize",
                        "type": "sentence_transformers.models.Normalize"})
    (path / "modules.json").write_text(json.dumps(modules))
    (path / "1_Pooling").mkdir()
    (path / "1_Pooling" / "config.json").write_text(json.dumps({
        "word_embedding_dimension": 16, "pooling_mode_cls_token": pooling == "cls",
        "pooling_mode_mean_tokens": pooling == "mean", "pooling_mode_max_tokens": pooling == "max"}))
    if window:
        (path / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": window}))
    (path / "model.safetensors").write_bytes(b"weights")
    return path


def test_model_spec_reads_pooling_window_and_normalisation(tmp_path):
    spec = read_spec(_st_folder(tmp_path / "a", pooling="cls", normalize=False, window=128))
    assert (spec.pooling, spec.normalize, spec.max_seq_length, spec.dim) == ("cls", False, 128, 16)
    spec = read_spec(_st_folder(tmp_path / "b"))
    assert (spec.pooling, spec.normalize, spec.max_seq_length) == ("mean", True, 256)


def test_local_folder_is_hashed_not_pinned(tmp_path):
    folder = _st_folder(tmp_path / "my-model")
    enc = load_encoder(Settings(model=str(folder), cache_dir=str(tmp_path / "c"), backend="torch"))
    import hashlib

    assert enc.sha256 == hashlib.sha256(b"weights").hexdigest()
    assert enc.name == "my-model" and not enc.loaded and enc.onnx_sha256 is None


def test_unwritable_model_store_is_a_model_error_before_torch(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    folder = _st_folder(tmp_path / "my-model")
    code = ("import sys; from comparator.config import Settings; from comparator.embed import load_encoder\n"
            "from comparator.errors import ModelError\n"
            f"try:\n    load_encoder(Settings(model={str(folder)!r}, cache=False, model_dir={str(blocker / 'm')!r}))\n"
            "except ModelError as exc:\n    print(exc); print('torch' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "cannot write the ONNX export" in out.stdout and out.stdout.splitlines()[-1] == "False", out


def test_hub_name_fails_offline_with_advice(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError, match="need internet"):
        load_encoder(Settings(model="nobody-here/no-such-model-xyz", cache=False))


def test_pinned_hash_mismatch_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(encoder_module, "PINNED_SHA256", "0" * 64)
    with pytest.raises(ModelError, match="differ from the pinned") as info:
        load_encoder(Settings(cache_dir=str(tmp_path), model_dir=str(tmp_path / "m")))
    assert "pip install --force-reinstall" in str(info.value)


def test_importing_embed_does_not_import_torch():
    code = ("import sys, comparator.embed; heavy = {'torch', 'sentence_transformers', 'transformers', "
            "'onnxruntime'} & set(sys.modules); sys.exit(int(bool(heavy)))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_only_the_embed_package_imports_the_heavy_libraries():
    root = Path(embed.__file__).resolve().parent.parent
    pattern = re.compile(r"^\s*(from|import)\s+(torch|sentence_transformers|transformers|onnxruntime)\b", re.M)
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if "embed" not in p.relative_to(root).parts and pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


# -- slow: the real model ------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    cache = tmp_path_factory.mktemp("embcache")
    return load_encoder(Settings(cache_dir=str(cache))), cache


@pytest.mark.slow
def test_default_model_loads_offline_and_matches_the_pin(real):
    enc, _ = real
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    assert enc.name == "sentence-transformers/all-MiniLM-L6-v2"
    assert enc.sha256 == embed.PINNED_SHA256 and enc.backend == "onnx" and len(enc.onnx_sha256) == 64
    assert enc.encode([]).shape == (0, 384) and not enc.loaded  # dim from the folder's config
    v = enc.encode(["A judge blocked the agency from sharing addresses.",
                    "The agency was barred by a judge from handing over addresses.",
                    "Rye bread sales rose in the spring."])
    assert v.shape == (3, 384) and v.dtype == np.float32 and enc.loaded
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, rtol=1e-5)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.3
    assert {"import", "model_load", "encode"} <= set(enc.timings)


@pytest.mark.slow
def test_real_cache_round_trip_loads_no_model(real):
    enc, cache = real
    texts = ["The toll rose to 12 dollars.", "Commuters sued in January."]
    first = enc.encode(texts)
    again = load_encoder(Settings(cache_dir=str(cache)))
    np.testing.assert_array_equal(again.encode(texts), first)
    assert not again.loaded and "model_load" not in again.timings and "encode" not in again.timings


@pytest.mark.slow
def test_real_model_without_cache_writes_no_vectors(tmp_path):
    enc = load_encoder(Settings(cache=False, cache_dir=str(tmp_path)))
    assert enc.encode(["Nothing is written."]).shape == (1, 384)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_real_model_with_corrupt_cache_file(tmp_path):
    (tmp_path / CACHE_FILE).write_bytes(os.urandom(4096))
    enc = load_encoder(Settings(cache_dir=str(tmp_path)))
    assert enc.sha256 == embed.PINNED_SHA256
    assert enc.encode(["Still works."]).shape == (1, 384)
