"""The on-disk embedding cache: one sqlite file, validated on every read.

Rows are keyed by ``sha256(model identity + NUL + text)`` and also carry the
model identity (the weights' sha256, or the hub name) and the vector's
dimension, so a row written for other weights is never used even if its key
collided. Anything that cannot be trusted makes the cache step aside with one
warning and the texts are encoded again:

* a file that is not sqlite, or whose pages are damaged (``DatabaseError``),
  or is locked: the cache is off for this run;
* an ``embeddings`` table whose columns are not the expected ones (another
  program's file, or a future schema): the cache is off for this run;
* a row whose vector has the wrong length or dimension, holds NaN/inf, is all
  zeros, is not unit-length, or names other weights: that row is ignored and
  overwritten with the fresh vector.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from comparator.config import Settings

log = logging.getLogger("comparator.embed")

CACHE_FILE = "embeddings.sqlite3"
TABLE = "embeddings"
COLUMNS = ("key", "model", "dim", "vec")
#: Stored vectors are L2-normalised float32; a norm further than this from 1 means damage.
NORM_TOLERANCE = 1e-3


def cache_dir(settings: "Settings") -> Path:
    """The cache folder: ``settings.cache_dir``, ``$COMPARATOR_CACHE_DIR`` or the user cache folder."""
    folder = settings.cache_dir or os.environ.get("COMPARATOR_CACHE_DIR")
    if not folder:
        import platformdirs

        folder = platformdirs.user_cache_dir("comparator")
    return Path(folder).expanduser()


def cache_path(settings: "Settings") -> Path:
    """Where the sqlite vector cache lives (``CACHE_FILE`` in :func:`cache_dir`)."""
    return cache_dir(settings) / CACHE_FILE


def valid_vector(blob: object, dim: object, expected_dim: int | None) -> np.ndarray | None:
    """The float32 vector in ``blob`` if it is whole, finite and unit-length, else None."""
    if not isinstance(blob, bytes) or not isinstance(dim, int) or dim <= 0 or len(blob) != 4 * dim:
        return None
    if expected_dim is not None and dim != expected_dim:
        return None
    vec = np.frombuffer(blob, dtype=np.float32)
    if not np.all(np.isfinite(vec)):
        return None
    norm = float(np.linalg.norm(vec))
    if abs(norm - 1.0) > NORM_TOLERANCE:
        return None
    return vec


class EmbeddingCache:
    """Vectors in one sqlite file; any sqlite failure or schema mismatch turns it off with a warning.

    A corrupt or locked file never stops a run: the cache then behaves as empty
    (reads miss, writes are dropped). Invalid rows are skipped (and counted in
    :attr:`rejected`) and get overwritten by the caller's fresh vectors.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None
        self._failed = False
        self.rejected = 0

    def _conn(self) -> sqlite3.Connection | None:
        if self._failed:
            return None
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(str(self.path), timeout=2.0)
                db.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} "
                           "(key TEXT PRIMARY KEY, model TEXT NOT NULL, dim INTEGER, vec BLOB)")
                db.commit()
                columns = tuple(row[1] for row in db.execute(f"PRAGMA table_info({TABLE})"))
                self._db = db
                if columns != COLUMNS:
                    self._fail(f"its {TABLE!r} table has columns {', '.join(columns)}, "
                               f"expected {', '.join(COLUMNS)}")
            except (sqlite3.Error, OSError) as exc:
                self._fail(exc)
        return self._db

    def _fail(self, why: object) -> None:
        log.warning("embedding cache %s is unusable (%s); encoding without it. "
                    "Delete the file or pass --no-cache to silence this.", self.path, why)
        self._failed = True
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:  # pragma: no cover
                pass
        self._db = None

    def get_vectors(self, keys: Sequence[str], *, model: str,
                    dim: int | None = None) -> dict[str, np.ndarray]:
        """Valid cached vectors of ``model`` for ``keys``; missing or invalid keys are absent."""
        db, found, bad = self._conn(), {}, 0
        if db is None:
            return found
        try:
            for i in range(0, len(keys), 500):
                chunk = list(keys[i:i + 500])
                marks = ",".join("?" * len(chunk))
                for key, owner, d, blob in db.execute(
                    f"SELECT key, model, dim, vec FROM {TABLE} WHERE key IN ({marks})", chunk
                ):
                    vec = valid_vector(blob, d, dim) if owner == model else None
                    if vec is None:
                        bad += 1
                    else:
                        found[key] = vec
        except sqlite3.Error as exc:
            self._fail(exc)
            return {}
        if bad:
            self.rejected += bad
            log.warning("embedding cache %s: ignored %d damaged or foreign vector(s) "
                        "(wrong size, NaN, zero, or other weights); encoding them again.", self.path, bad)
        return found

    def put_vectors(self, items: dict[str, np.ndarray], *, model: str) -> None:
        """Store ``key -> vector`` rows for ``model`` (replacing any old row)."""
        db = self._conn()
        if db is None or not items:
            return
        rows = [(k, model, int(v.shape[0]), np.ascontiguousarray(v, dtype=np.float32).tobytes())
                for k, v in sorted(items.items())]
        try:
            with db:
                db.executemany(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            self._fail(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
