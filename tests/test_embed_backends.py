"""The two backends agree, the export is atomic and checked, and runs after it never import torch.

Real-model tests (slow). A tiny random BERT saved as a sentence-transformers
folder (CLS pooling, no Normalize) stands in for "another local model".
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from comparator.config import Settings
from comparator.embed import load_encoder, prepare_model, read_spec
from comparator.embed.store import META_FILE, ONNX_FILE, ModelStore
from comparator.embed.windows import Window, pool, windows
from comparator.errors import ModelError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "irs-ice-talwani"
LONG_CASE = Path(__file__).resolve().parent / "data" / "corpora" / "long-sentence"
HEAVY = ("torch", "transformers", "sentence_transformers")

PARITY_TEXTS = [
    "A federal judge blocked the agency from sharing taxpayer addresses.",
    "",
    " ",
    "—",
    "…",
    "Ja.",
    "Zürich’s mayor met São Paulo’s delegation; 東京 and Москва sent notes (€5,2 Mio.).",
    "😀 🇺🇸 emoji-only? 👍",
    "The board met for six hours and heard residents, unions and two former mayors. " * 30,
    "word " * 600,
]


def _env(**extra):
    env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=str(ROOT))
    env.update(extra)
    return env


# -- fast: windows and pooling --------------------------------------------------------


class _Enc:
    def __init__(self, ids, special):
        self.ids, self.special_tokens_mask = ids, special


class _Tok:
    """Word i -> id i+10, wrapped in [CLS]=1 ... [SEP]=2."""

    def encode(self, text):
        words = text.split()
        return _Enc([1] + [10 + i for i in range(len(words))] + [2], [1] + [0] * len(words) + [1])


def test_short_text_is_one_window_with_its_specials():
    assert windows(_Tok(), ["a b c"], max_len=8) == [Window(0, (1, 10, 11, 12, 2))]


def test_long_text_is_split_into_overlapping_windows_covering_every_piece():
    wins = windows(_Tok(), ["w " * 20, "short"], max_len=8, overlap=2)
    first = [w for w in wins if w.text == 0]
    assert all(len(w.ids) <= 8 and w.ids[0] == 1 and w.ids[-1] == 2 for w in first)
    covered = {i for w in first for i in w.ids[1:-1]}
    assert covered == set(range(10, 30))  # nothing cut off
    assert first[0].ids[-3:-1] == first[1].ids[1:3]  # consecutive windows share `overlap` pieces
    assert [w.text for w in wins][-1] == 1


def test_mean_pooling_over_windows_is_the_token_mean():
    wins = [Window(0, (1, 2)), Window(0, (3, 4, 5)), Window(1, (6,))]
    hidden = [np.array([[1.0, 0], [1, 0]]), np.array([[0, 1.0], [0, 1], [0, 1]]), np.array([[2.0, 2]])]
    out = pool(wins, hidden, 2, "mean")
    np.testing.assert_allclose(out[0], np.array([2, 3]) / np.linalg.norm([2, 3]), rtol=1e-6)
    np.testing.assert_allclose(out[1], [2 ** -0.5, 2 ** -0.5], rtol=1e-6)
    cls = pool(wins, hidden, 2, "cls")
    np.testing.assert_allclose(cls[0], [2 ** -0.5, 2 ** -0.5], rtol=1e-6)


# -- slow: the packaged model through both backends ------------------------------------


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    cache = tmp_path_factory.mktemp("bk")
    onnx = load_encoder(Settings(cache=False, cache_dir=str(cache)))
    torch = load_encoder(Settings(cache=False, cache_dir=str(cache), backend="torch"))
    return onnx, torch


@pytest.mark.slow
def test_onnx_and_torch_agree_within_1e5(both):
    onnx, torch = both
    a, b = onnx.encode(PARITY_TEXTS), torch.encode(PARITY_TEXTS)
    assert a.shape == b.shape == (len(PARITY_TEXTS), 384)
    assert float(np.max(np.abs(a - b))) <= 1e-5
    assert onnx.backend == "onnx" and torch.backend == "torch" and torch.onnx_sha256 is None
    assert len(onnx.onnx_sha256) == 64 and onnx.sha256 == torch.sha256


@pytest.mark.slow
def test_short_sentences_equal_sentence_transformers(both):
    from sentence_transformers import SentenceTransformer

    onnx, _ = both
    st = SentenceTransformer(str(onnx.spec.folder), device="cpu")
    texts = PARITY_TEXTS[:8]
    ref = st.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    assert float(np.max(np.abs(onnx.encode(texts) - ref))) <= 1e-5


@pytest.mark.slow
def test_a_vector_does_not_depend_on_its_batch(both):
    onnx, _ = both
    alone = onnx.encode([PARITY_TEXTS[0]])
    together = onnx.encode(PARITY_TEXTS)
    np.testing.assert_array_equal(alone[0], together[0])


@pytest.mark.slow
def test_news_at_the_end_of_a_long_sentence_still_counts(both):
    """Truncated at 256 pieces, the sentence would lose its last clause entirely."""
    onnx, _ = both
    news = "The board voted to sell the bus depot to Corvin Logistics for $18 million."
    filler = ", ".join(f"the {w} Street maintenance shed" for w in
                       ["Alder", "Bellamy", "Carrow", "Dunlin", "Elm", "Fenwick", "Garner", "Hollis"] * 6)
    long = f"After a debate about {filler}, the board voted to sell the bus depot to Corvin Logistics for $18 million."
    onnx._load()
    assert len(windows(onnx._tokenizer, [long], 256)) > 1
    v_news, v_long, v_head = onnx.encode([news, long, f"After a debate about {filler}."])
    assert float(v_news @ v_long) > float(v_news @ v_head) + 0.05


# -- slow: another local model on both backends, and the export itself -----------------


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory, both):
    """A 2-layer random BERT with the packaged vocabulary, CLS pooling, no Normalize module."""
    import torch
    from sentence_transformers import SentenceTransformer, models
    from transformers import BertConfig, BertModel

    src = both[0].spec.folder
    root = tmp_path_factory.mktemp("tiny")
    bert_dir = root / "bert"
    torch.manual_seed(0)
    vocab = sum(1 for _ in open(src / "vocab.txt", encoding="utf-8"))
    cfg = BertConfig(vocab_size=vocab, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=64, max_position_embeddings=64)
    BertModel(cfg).save_pretrained(bert_dir)
    for name in ("vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"):
        shutil.copy(src / name, bert_dir / name)
    word = models.Transformer(str(bert_dir), max_seq_length=24)
    st = SentenceTransformer(modules=[word, models.Pooling(32, pooling_mode="cls")], device="cpu")
    st.save(str(root / "tiny-st"))
    return root / "tiny-st"


@pytest.mark.slow
def test_another_local_model_runs_on_both_backends(tiny_model, tmp_path):
    spec = read_spec(tiny_model)
    assert (spec.pooling, spec.normalize, spec.max_seq_length, spec.dim) == ("cls", False, 24, 32)
    settings = Settings(model=str(tiny_model), cache=False, model_dir=str(tmp_path / "models"))
    onnx = load_encoder(settings)
    torch = load_encoder(settings.replace(backend="torch"))
    a, b = onnx.encode(PARITY_TEXTS), torch.encode(PARITY_TEXTS)
    assert a.shape == (len(PARITY_TEXTS), 32) and onnx.name == "tiny-st"
    assert float(np.max(np.abs(a - b))) <= 1e-5


@pytest.mark.slow
def test_a_failed_parity_check_leaves_nothing_behind(tiny_model, tmp_path, monkeypatch):
    import comparator.embed.torch as torch_backend

    monkeypatch.setattr(torch_backend, "PARITY_TOLERANCE", -1.0)
    store = tmp_path / "models"
    with pytest.raises(ModelError, match="disagrees with PyTorch"):
        prepare_model(Settings(model=str(tiny_model), model_dir=str(store)))
    assert [p for p in store.rglob("*") if p.is_file() and p.name != "hashes.json"] == []


@pytest.mark.slow
def test_half_written_export_is_redone_and_the_export_says_one_line(tiny_model, tmp_path):
    store = tmp_path / "models"
    code = ("import sys; from comparator.config import Settings; from comparator.embed import load_encoder; "
            f"e = load_encoder(Settings(model={str(tiny_model)!r}, cache=False, model_dir={str(store)!r})); "
            "print(e.onnx_sha256)")
    first = subprocess.run([sys.executable, "-c", code], env=_env(), capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    lines = [ln for ln in first.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "exporting tiny-st to ONNX once" in lines[0]
    sha = first.stdout.strip()
    (folder,) = [p for p in store.iterdir() if p.is_dir()]
    meta = json.loads((folder / META_FILE).read_text())
    assert meta["onnx_sha256"] == sha and meta["parity_max_abs_diff"] <= 1e-5
    # an export interrupted before export.json was written is not used, and is redone
    (folder / META_FILE).unlink()
    (folder / ONNX_FILE).write_bytes(b"partial")
    assert ModelStore(store).find(folder.name) is None
    again = subprocess.run([sys.executable, "-c", code], env=_env(), capture_output=True, text=True)
    assert again.returncode == 0 and again.stdout.strip() == sha and "exporting" in again.stderr
    # once exported: silent, and no torch
    code3 = code + "; print(sorted(m for m in sys.modules if m.split('.')[0] in %r))" % (HEAVY,)
    third = subprocess.run([sys.executable, "-c", code3], env=_env(), capture_output=True, text=True)
    assert third.returncode == 0 and third.stderr.strip() == "" and third.stdout.splitlines()[-1] == "[]"


# -- slow: whole runs -----------------------------------------------------------------------


@pytest.mark.slow
def test_a_run_after_the_export_never_imports_torch(tmp_path):
    prepare_model(Settings())
    code = ("import sys, comparator; comparator.compare([%r], cache_dir=%r); "
            "heavy = sorted(m for m in sys.modules if m.split('.')[0] in %r); print(heavy); "
            "sys.exit(1 if heavy else 0)") % (str(SEED), str(tmp_path), HEAVY)
    proc = subprocess.run([sys.executable, "-c", code], env=_env(), capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
def test_report_json_is_byte_identical_cached_uncached_torch_onnx(tmp_path):
    from comparator import compare
    from comparator.render.json import to_json

    cache = str(tmp_path / "c")
    texts = {
        "uncached": to_json(compare([SEED], cache=False)),
        "filling": to_json(compare([SEED], cache_dir=cache)),
        "cached": to_json(compare([SEED], cache_dir=cache)),
        "torch": to_json(compare([SEED], cache=False, backend="torch")),
    }
    assert texts["uncached"] == texts["filling"] == texts["cached"]
    onnx_tool = json.loads(texts["uncached"])["tool"]
    assert onnx_tool["embedding_backend"] == "onnx" and len(onnx_tool["embedding_onnx_sha256"]) == 64
    same_tool = texts["torch"].replace('"embedding_backend": "torch"', '"embedding_backend": "onnx"').replace(
        '"embedding_onnx_sha256": null', f'"embedding_onnx_sha256": "{onnx_tool["embedding_onnx_sha256"]}"')
    assert same_tool == texts["uncached"]


@pytest.mark.slow
def test_cli_model_prepare_and_backend_flag(tmp_path):
    from click.testing import CliRunner

    from comparator.cli import cli

    prepared = CliRunner().invoke(cli, ["model", "prepare"])
    assert prepared.exit_code == 0, prepared.output
    assert "model.onnx" in prepared.output and "sha256" in prepared.output
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("A judge blocked the sale of the depot on Monday.\n\nThe city will appeal.\n", encoding="utf-8")
    b.write_text("The depot sale was blocked by a judge on Monday.\n\nCommuters cheered.\n", encoding="utf-8")
    for backend in ("torch", "onnx"):
        out = tmp_path / backend
        result = CliRunner().invoke(cli, ["compare", str(a), str(b), "-o", str(out), "--format", "json",
                                          "--backend", backend, "--no-cache", "-q"])
        assert result.exit_code == 0, result.output
        tool = json.loads((out / "report.json").read_text(encoding="utf-8"))["tool"]
        assert tool["embedding_backend"] == backend
        assert (tool["embedding_onnx_sha256"] is None) == (backend == "torch")
    bad = CliRunner().invoke(cli, ["compare", str(a), str(b), "--backend", "tpu"])
    assert bad.exit_code == 2 and "tpu" in bad.output
