"""Sentence embeddings: the only package that touches onnxruntime, torch or sentence-transformers.

* :mod:`.protocol`: the :class:`TextEncoder` shape and :class:`ModelSpec` (read from the model folder);
* :mod:`.windows`: word pieces, overlapping windows for long sentences, pooling (numpy);
* :mod:`.onnx`: the default backend (onnxruntime + tokenizers, no torch);
* :mod:`.torch`: the PyTorch backend and the one-time ONNX export;
* :mod:`.store`: exported models in the cache folder, keyed by the weights' sha256;
* :mod:`.cache`: the validated sqlite vector cache;
* :mod:`.encoder`: :func:`load_encoder` and :class:`Encoder`, which tie them together.

Importing this package imports none of the heavy libraries.
"""

from comparator.embed.cache import CACHE_FILE, EmbeddingCache, cache_dir, cache_path
from comparator.embed.encoder import (
    BACKENDS,
    DEFAULT_NAME,
    PINNED_SHA256,
    PRECISION,
    Encoder,
    ensure_export,
    load_encoder,
    model_store,
    prepare_model,
    resolve_model,
)
from comparator.embed.protocol import ModelSpec, TextEncoder, read_spec
from comparator.embed.store import ExportedModel, ModelStore

__all__ = [
    "BACKENDS", "CACHE_FILE", "DEFAULT_NAME", "PINNED_SHA256", "PRECISION", "EmbeddingCache", "Encoder",
    "ExportedModel", "ModelSpec", "ModelStore", "TextEncoder", "cache_dir", "cache_path", "ensure_export",
    "load_encoder", "model_store", "prepare_model", "read_spec", "resolve_model",
]
