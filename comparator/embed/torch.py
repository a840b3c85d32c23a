"""The PyTorch side: the fallback backend and the one-time ONNX export (imports torch lazily).

This is the only module that imports torch, transformers or
sentence-transformers, and only inside functions: the default ONNX backend
calls :func:`export_onnx` once per weights file, after which no run imports
them again.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from comparator.embed.protocol import ModelSpec
from comparator.embed.windows import encode_windows, pool, prepare_tokenizer, windows
from comparator.errors import ModelError

#: Opset of the export: supported by every onnxruntime since 1.14.
OPSET = 17
#: Largest |torch - onnx| accepted on the pooled, normalised parity sentences.
PARITY_TOLERANCE = 1e-5
#: Sentences the export is checked on before it is used (short, empty-ish, non-ASCII, long).
PARITY_SENTENCES: tuple[str, ...] = (
    "A federal judge blocked the agency from sharing taxpayer addresses.",
    ".",
    "",
    "Der Richter stoppte die Weitergabe – 5,2 Mio. € für Zürich; 東京で会議、José Ñúñez said “no”.",
    "The board voted 5-2 to sell the depot for $18 million. " * 40,
)


class TorchModel:
    """A sentence-transformers model on the CPU, run on our own word-piece windows.

    ``run(input_ids, attention_mask)`` returns token vectors ``(batch, len, dim)``
    as float32; ``tokenizer`` is the model's fast tokenizer (``tokenizers``).
    """

    def __init__(self, source: str, *, progress: bool = False) -> None:
        if Path(source).exists():
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
        else:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        self.timings: dict[str, float] = {}
        t0 = time.perf_counter()
        try:
            import torch
            from sentence_transformers import SentenceTransformer
            if not progress:
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
        except ImportError as exc:  # pragma: no cover - install problem
            raise ModelError(f"the torch backend cannot be imported ({exc}).",
                             hint="Install torch and sentence-transformers, or use --backend onnx "
                                  "with a model exported by `comparator model prepare`.") from None
        t1 = time.perf_counter()
        self.timings["import"] = t1 - t0
        try:
            st = SentenceTransformer(source, device="cpu")
        except Exception as exc:  # noqa: BLE001 - third-party loaders raise anything
            if Path(source).exists():
                raise ModelError(f"cannot load the sentence-transformers model ({exc}).", path=source,
                                 hint="Point --model at a folder saved with SentenceTransformer.save().") from None
            raise ModelError(
                f"cannot load the hub model {source!r} offline ({type(exc).__name__}).",
                hint="Hub names need internet access (and HF_HUB_OFFLINE unset) on first use; "
                     "download the model once and pass its local folder with --model PATH, "
                     "or use the packaged default all-MiniLM-L6-v2.",
            ) from None
        st.eval()
        self.timings["model_load"] = time.perf_counter() - t1
        self._torch = torch
        self.st = st
        self.transformer = st[0].auto_model
        self.tokenizer = prepare_tokenizer(st.tokenizer.backend_tokenizer)
        import inspect

        self.takes_token_types = "token_type_ids" in inspect.signature(self.transformer.forward).parameters

    def _inputs(self, ids: np.ndarray, mask: np.ndarray) -> dict[str, Any]:
        torch = self._torch
        feed = {"input_ids": torch.from_numpy(ids), "attention_mask": torch.from_numpy(mask)}
        if self.takes_token_types:
            feed["token_type_ids"] = torch.zeros_like(feed["input_ids"])
        return feed

    def run(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with self._torch.inference_mode():
            out = self.transformer(**self._inputs(ids, mask), return_dict=True)
        return out.last_hidden_state.float().numpy()

    def encode(self, texts: Sequence[str], spec: ModelSpec) -> np.ndarray:
        """Pooled, normalised rows through the same windows the ONNX backend uses."""
        wins = windows(self.tokenizer, texts, spec.max_seq_length)
        return pool(wins, encode_windows(wins, self.run), len(texts), spec.pooling)


def export_onnx(spec: ModelSpec, dest_folder: Path) -> tuple[Path, dict[str, Any]]:
    """Export the transformer of ``spec`` to a temporary ONNX file in ``dest_folder`` and check it.

    Returns ``(temporary path, metadata)``; the caller renames the file into
    place. Raises :class:`ModelError` (and removes the file) if onnxruntime's
    vectors differ from torch's by more than :data:`PARITY_TOLERANCE` on
    :data:`PARITY_SENTENCES`. Takes about 10 s for all-MiniLM-L6-v2.
    """
    from comparator.embed.onnx import OnnxModel

    dest_folder.mkdir(parents=True, exist_ok=True)  # an unwritable store fails before torch loads
    fd, tmp_name = tempfile.mkstemp(prefix=".export-", suffix=".onnx", dir=dest_folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        model = TorchModel(str(spec.folder))
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    torch = model._torch
    names = ["input_ids", "attention_mask"] + (["token_type_ids"] if model.takes_token_types else [])

    class _Hidden(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, *args: Any) -> Any:
            return self.inner(**dict(zip(names, args)), return_dict=True).last_hidden_state

    # a padded batch of two, so the traced graph is the general one
    ids = np.array([[101, 1037, 3231, 102], [101, 1037, 102, 0]], dtype=np.int64) % model.transformer.config.vocab_size
    mask = np.array([[1, 1, 1, 1], [1, 1, 1, 0]], dtype=np.int64)
    feed = model._inputs(ids, mask)
    axes = {n: {0: "batch", 1: "sequence"} for n in names + ["last_hidden_state"]}
    t0 = time.perf_counter()
    try:
        import warnings

        with warnings.catch_warnings(), torch.inference_mode():
            warnings.simplefilter("ignore")
            torch.onnx.export(_Hidden(model.transformer).eval(), tuple(feed[n] for n in names), str(tmp),
                              input_names=names, output_names=["last_hidden_state"],
                              dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True,
                              dynamo=False)
        seconds = time.perf_counter() - t0
        onnx_model = OnnxModel(tmp, tuple(names))
        spec_tok = model.tokenizer
        wins = windows(spec_tok, PARITY_SENTENCES, spec.max_seq_length)
        a = pool(wins, encode_windows(wins, model.run), len(PARITY_SENTENCES), spec.pooling)
        b = pool(wins, encode_windows(wins, onnx_model.run), len(PARITY_SENTENCES), spec.pooling)
        diff = float(np.max(np.abs(a - b)))
        if not diff <= PARITY_TOLERANCE:
            raise ModelError(f"the ONNX export disagrees with PyTorch (max difference {diff:.2e} > "
                             f"{PARITY_TOLERANCE:g}); it was not kept.", path=str(spec.folder),
                             hint="Use --backend torch for this model.")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    import onnxruntime
    import transformers

    meta = {"inputs": names, "opset": OPSET, "precision": "float32", "parity_max_abs_diff": diff,
            "parity_sentences": len(PARITY_SENTENCES), "export_seconds": round(seconds, 2),
            "torch": torch.__version__, "transformers": transformers.__version__,
            "onnxruntime": onnxruntime.__version__}
    return tmp, meta
