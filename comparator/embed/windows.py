"""Word pieces, overlapping windows for long sentences, and pooling (numpy; no torch).

Both backends share this module, so they see the same ids and pool the same
way; only the transformer itself differs.

Long sentences: the model reads at most ``max_seq_length`` word pieces
(256 for all-MiniLM-L6-v2, special tokens included). sentence-transformers
silently cuts the rest, so news at the end of a 300-word sentence would be
lost. Here a longer text is split into windows of ``max_seq_length - specials``
content pieces that overlap by :data:`OVERLAP` pieces, each window gets the
special tokens, and the windows' token vectors are pooled together: mean
pooling averages every token of every window (the overlap counts twice, a
small price for keeping each window's context), CLS pooling averages the
windows' CLS vectors, max pooling takes the element-wise max.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

#: Word pieces shared by consecutive windows of a long sentence.
OVERLAP = 64
#: Rows per call into the transformer.
BATCH = 32


@dataclass(frozen=True)
class Window:
    """One model input: ``ids`` (word pieces with specials) of text number ``text``."""

    text: int
    ids: tuple[int, ...]


def load_tokenizer(path: str) -> Any:
    """A ``tokenizers.Tokenizer`` from ``tokenizer.json`` with its own truncation and padding off."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(path)
    return prepare_tokenizer(tok)


def prepare_tokenizer(tok: Any) -> Any:
    tok.no_truncation()
    tok.no_padding()
    return tok


def windows(tok: Any, texts: Sequence[str], max_len: int, overlap: int = OVERLAP) -> list[Window]:
    """Every text's windows, in text order (one window unless it exceeds ``max_len`` pieces)."""
    out: list[Window] = []
    for i, text in enumerate(texts):
        enc = tok.encode(text.strip())
        ids, special = list(enc.ids), list(enc.special_tokens_mask)
        if len(ids) <= max_len:
            out.append(Window(i, tuple(ids)))
            continue
        lead = 0
        while lead < len(ids) and special[lead]:
            lead += 1
        tail = len(ids)
        while tail > lead and special[tail - 1]:
            tail -= 1
        prefix, body, suffix = ids[:lead], ids[lead:tail], ids[tail:]
        width = max(1, max_len - len(prefix) - len(suffix))
        step = max(1, width - min(overlap, width // 2))
        start = 0
        while True:
            out.append(Window(i, tuple(prefix + body[start:start + width] + suffix)))
            if start + width >= len(body):
                break
            start += step
    return out


def pool(windows_: Sequence[Window], hidden: Sequence[np.ndarray], n_texts: int, mode: str) -> np.ndarray:
    """Pool per-window token vectors (``hidden[k]`` is ``(len(ids), dim)``) into one row per text.

    Rows are L2-normalised float32; see the module docstring for the modes.
    """
    dim = hidden[0].shape[1] if hidden else 0
    acc = np.zeros((n_texts, dim), dtype=np.float64)
    weight = np.zeros(n_texts, dtype=np.float64)
    if mode == "max":
        acc[:] = -np.inf
    for w, h in zip(windows_, hidden):
        h = h.astype(np.float64)
        if mode == "mean":
            acc[w.text] += h.sum(axis=0)
            weight[w.text] += h.shape[0]
        elif mode == "cls":
            acc[w.text] += h[0]
            weight[w.text] += 1
        else:
            acc[w.text] = np.maximum(acc[w.text], h.max(axis=0))
            weight[w.text] = 1
    out = acc / np.maximum(weight, 1e-12)[:, None]
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    out = np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)
    return out.astype(np.float32)


RunBatch = Callable[[np.ndarray, np.ndarray], np.ndarray]


#: Padded word pieces per call into the transformer (rows x longest window), besides the row cap.
#: Windows are sorted by length, so small calls pad little: on 658 news sentences (allsides-dev,
#: one ONNX thread) 256 pieces per call took 4.0 s of CPU against 7.8 s for calls of up to 64 rows
#: of one event and 4.2-5.2 s for 8-64 rows or 512-1,024 pieces across eight events (issue 16).
TOKENS_PER_CALL = 256


def _calls(lengths: Sequence[int], batch: int, tokens: int = TOKENS_PER_CALL) -> list[list[int]]:
    """Window indices per call: ascending length, at most ``batch`` rows and ``tokens`` padded pieces."""
    order = sorted(range(len(lengths)), key=lambda k: (lengths[k], k))
    calls: list[list[int]] = []
    for k in order:
        if calls and len(calls[-1]) < batch and (len(calls[-1]) + 1) * lengths[k] <= tokens:
            calls[-1].append(k)
        else:
            calls.append([k])
    return calls


def encode_windows(windows_: Sequence[Window], run: RunBatch, batch: int = BATCH) -> list[np.ndarray]:
    """Token vectors of every window through ``run(input_ids, attention_mask) -> (b, n, dim)``.

    Windows are batched in order of length, at most ``batch`` and
    :data:`TOKENS_PER_CALL` padded pieces per call (so little padding); a
    window's result does not depend on which others share its call (the
    attention mask hides padding; bit-identical with the ONNX backend,
    ``tests/test_corpus_speed.py``).
    """
    result: list[np.ndarray | None] = [None] * len(windows_)
    for chunk in _calls([len(w.ids) for w in windows_], max(1, batch)):
        width = max(len(windows_[k].ids) for k in chunk)
        ids = np.zeros((len(chunk), width), dtype=np.int64)
        mask = np.zeros((len(chunk), width), dtype=np.int64)
        for row, k in enumerate(chunk):
            n = len(windows_[k].ids)
            ids[row, :n] = windows_[k].ids
            mask[row, :n] = 1
        hidden = run(ids, mask)
        for row, k in enumerate(chunk):
            result[k] = np.asarray(hidden[row, :len(windows_[k].ids)], dtype=np.float32)
    return [r for r in result if r is not None]
