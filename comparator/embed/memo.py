"""Vectors encoded ahead, in one call, for several comparisons (corpus mode).

Each comparison encodes its ~15 sentences in a call of its own, padded to its
longest sentence. :class:`VectorMemo` wraps an encoder: :meth:`VectorMemo.prime`
encodes the texts of several events at once (deduplicated, batched by length
by the encoder, so far less padding and per-call overhead), and
:meth:`VectorMemo.encode` answers from those vectors, sending only texts it has
not seen to the wrapped encoder. The vectors are the same: a text's vector does
not depend on the texts it is batched with (attention is masked; checked
bit-for-bit in ``tests/test_corpus_speed.py``).
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

__all__ = ["VectorMemo"]


class VectorMemo:
    """An encoder (``name``, ``sha256``, ``encode(texts) -> (n, dim) float32``) answering from primed vectors.

    Every other attribute (``backend``, ``onnx_sha256``, ``timings``...) is the
    wrapped encoder's. ``hits`` and ``misses`` count texts answered from the
    memo and sent to the wrapped encoder. Memory: one vector per primed text,
    until :meth:`clear`.
    """

    def __init__(self, encoder: Any) -> None:
        self.inner = encoder
        self._vectors: dict[str, np.ndarray] = {}
        self.hits = 0
        self.misses = 0

    def __getattr__(self, name: str) -> Any:  # name, sha256, backend, timings...
        if name == "inner":  # not yet set (e.g. while unpickling)
            raise AttributeError(name)
        return getattr(self.inner, name)

    def prime(self, texts: Sequence[str]) -> None:
        """Encode the ``texts`` not yet held, in one call to the wrapped encoder."""
        todo = list(dict.fromkeys(str(t) for t in texts if str(t) not in self._vectors))
        if todo:
            self._vectors.update(zip(todo, self.inner.encode(todo)))

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Rows for ``texts``: primed vectors, the rest from the wrapped encoder (then kept)."""
        texts = [str(t) for t in texts]
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        if missing:
            self._vectors.update(zip(missing, self.inner.encode(missing)))
        if not texts:
            return self.inner.encode([])
        return np.stack([self._vectors[t] for t in texts]).astype(np.float32, copy=False)

    def clear(self) -> None:
        """Forget every vector held."""
        self._vectors.clear()
