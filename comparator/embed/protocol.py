"""What every encoder offers, and what a sentence-transformers folder says about its model.

:class:`TextEncoder` is the shape ``compare(..., encoder=...)`` accepts.
:class:`ModelSpec` is read from the model folder's own sentence-transformers
files (``modules.json``, ``sentence_bert_config.json``, ``1_Pooling/config.json``),
so both backends pool and normalise exactly as the model was trained to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from comparator.errors import ModelError

WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
POOLING_MODES = ("mean", "cls", "max")
#: Used when neither sentence_bert_config.json nor config.json states a window.
FALLBACK_MAX_SEQ_LENGTH = 256


@runtime_checkable
class TextEncoder(Protocol):
    """Anything that turns texts into L2-normalised float32 rows.

    ``name`` and ``sha256`` (of the weights, or None) go into the report's
    ``tool`` section; ``encode(texts)`` returns an array of shape
    ``(len(texts), dim)``.
    """

    name: str
    sha256: str | None

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...  # pragma: no cover


@dataclass(frozen=True)
class ModelSpec:
    """A local sentence-transformers model: files, window, pooling and normalisation.

    ``max_seq_length`` counts word pieces including the special tokens;
    ``pooling`` is one of :data:`POOLING_MODES`; ``normalize`` says whether the
    folder ends in a ``Normalize`` module (comparator L2-normalises every vector
    for cosine anyway, so this only matters for parity checks).
    """

    folder: Path
    weights: Path
    dim: int | None
    max_seq_length: int
    pooling: str
    normalize: bool

    @property
    def tokenizer_file(self) -> Path:
        return self.folder / "tokenizer.json"


def weights_file(folder: Path) -> Path | None:
    """The folder's weights file (safetensors preferred), or None."""
    for name in WEIGHT_FILES:
        if (folder / name).is_file():
            return folder / name
    return None


def _json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the model's configuration ({exc}).", path=str(path),
                         hint="Save the model again with SentenceTransformer.save(PATH).") from None
    return data if isinstance(data, dict) else {}


def _modules(folder: Path) -> list[dict]:
    try:
        data = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read modules.json ({exc}).", path=str(folder / "modules.json"),
                         hint="Save the model again with SentenceTransformer.save(PATH).") from None
    return [m for m in data if isinstance(m, dict)] if isinstance(data, list) else []


def read_spec(folder: Path) -> ModelSpec:
    """The :class:`ModelSpec` of a sentence-transformers folder; :class:`ModelError` if unusable.

    Pooling comes from the ``Pooling`` module's config (mean, CLS or max
    tokens; a plain transformers folder without ``modules.json`` gets mean
    pooling, as sentence-transformers itself does); the window from
    ``sentence_bert_config.json`` ``max_seq_length``, else the tokenizer's
    ``model_max_length`` (where sentence-transformers 6 saves it), else the
    transformer's ``max_position_embeddings``, else 256.
    """
    folder = Path(folder)
    weights = weights_file(folder) if folder.is_dir() else None
    modules = _modules(folder) if folder.is_dir() else []
    if weights is None or not (modules or (folder / "config.json").is_file()):
        raise ModelError(
            "not a sentence-transformers model folder (needs modules.json or config.json "
            f"and one of {', '.join(WEIGHT_FILES)}).",
            path=str(folder), hint="Save a model with SentenceTransformer.save(PATH) and pass PATH.",
        )
    pooling, dim, normalize = "mean", None, False
    for module in modules:
        kind = str(module.get("type", ""))
        if kind.endswith("Pooling"):
            cfg = _json(folder / str(module.get("path", "")) / "config.json")
            dim = cfg.get("word_embedding_dimension") or cfg.get("embedding_dimension")
            if cfg.get("pooling_mode_cls_token"):
                pooling = "cls"
            elif cfg.get("pooling_mode_max_tokens"):
                pooling = "max"
            elif cfg.get("pooling_mode") in POOLING_MODES:
                pooling = str(cfg["pooling_mode"])
            elif cfg.get("pooling_mode_mean_sqrt_len_tokens") or cfg.get("pooling_mode_weightedmean_tokens") \
                    or cfg.get("pooling_mode_lasttoken"):
                raise ModelError("this model's pooling mode is not supported (only mean, CLS and max).",
                                 path=str(folder), hint="Use a model with mean or CLS pooling.")
        elif kind.endswith("Normalize"):
            normalize = True
        elif not kind.endswith("Transformer") and kind:
            raise ModelError(f"this model has a {kind.rsplit('.', 1)[-1]} module comparator cannot run.",
                             path=str(folder),
                             hint="Use a model made of Transformer, Pooling and Normalize modules.")
    window = _json(folder / "sentence_bert_config.json").get("max_seq_length")
    config = _json(folder / "config.json")
    if not window:  # sentence-transformers >= 6 keeps it as the tokenizer's model_max_length
        stated = _json(folder / "tokenizer_config.json").get("model_max_length")
        if isinstance(stated, int) and 0 < stated < 100_000:
            window = stated
    if not window:
        window = config.get("max_position_embeddings") or FALLBACK_MAX_SEQ_LENGTH
    if dim is None:
        dim = config.get("hidden_size")
    return ModelSpec(folder=folder, weights=weights, dim=int(dim) if dim else None,
                     max_seq_length=int(window), pooling=pooling, normalize=normalize)
