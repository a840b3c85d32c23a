"""The model store: ONNX exports of local weights, kept in the cache folder and keyed by their sha256.

Layout under ``<cache folder>/models/``::

    hashes.json                    path -> (size, mtime_ns, sha256) of weights files seen
    <weights sha256>/model.onnx    the exported transformer (fp32)
    <weights sha256>/export.json   written last: the ONNX file's sha256 and size, versions, parity

An export counts only when ``export.json`` exists and the ONNX file's size
matches it; both files are written to a temporary name and renamed into place,
so an interrupted export leaves nothing that would be used.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODELS_DIR = "models"
ONNX_FILE = "model.onnx"
META_FILE = "export.json"
HASHES_FILE = "hashes.json"


@dataclass(frozen=True)
class ExportedModel:
    """An ONNX export ready to run: its file, sha256, inputs and the weights it came from."""

    path: Path
    sha256: str
    weights_sha256: str
    inputs: tuple[str, ...]
    meta: dict[str, Any]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class ModelStore:
    """Exports and remembered weight hashes in ``folder`` (created on first write).

    Reading never fails: a missing, unreadable or half-written store just
    means "not exported yet" or "hash the weights again".
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    # -- weights hashes ---------------------------------------------------------
    def _hashes(self) -> dict[str, Any]:
        try:
            data = json.loads((self.folder / HASHES_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def weights_sha256(self, path: Path) -> str:
        """sha256 of ``path``, remembered by (resolved path, size, mtime) so repeats only stat it."""
        path = Path(path).resolve()
        st = path.stat()
        known = self._hashes().get(str(path))
        if (isinstance(known, dict) and known.get("size") == st.st_size
                and known.get("mtime_ns") == st.st_mtime_ns and isinstance(known.get("sha256"), str)):
            return known["sha256"]
        value = file_sha256(path)
        hashes = self._hashes()
        hashes[str(path)] = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": value}
        try:
            atomic_write(self.folder / HASHES_FILE,
                         json.dumps(hashes, indent=1, sort_keys=True).encode("utf-8"))
        except OSError:
            pass  # an unwritable cache folder only costs hashing again next time
        return value

    # -- exports ------------------------------------------------------------------
    def export_dir(self, weights_sha256: str, variant: str = "") -> Path:
        return self.folder / (weights_sha256 + (f"-{variant}" if variant else ""))

    def find(self, weights_sha256: str, variant: str = "") -> ExportedModel | None:
        """The complete export for these weights, or None."""
        folder = self.export_dir(weights_sha256, variant)
        try:
            meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
            size = (folder / ONNX_FILE).stat().st_size
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("onnx_size") != size or meta.get("weights_sha256") != weights_sha256:
            return None
        sha, inputs = meta.get("onnx_sha256"), meta.get("inputs")
        if not isinstance(sha, str) or not isinstance(inputs, list):
            return None
        return ExportedModel(path=folder / ONNX_FILE, sha256=sha, weights_sha256=weights_sha256,
                             inputs=tuple(map(str, inputs)), meta=meta)

    def commit(self, weights_sha256: str, onnx_tmp: Path, meta: dict[str, Any],
               variant: str = "") -> ExportedModel:
        """Move a checked temporary ONNX file into place, then write its ``export.json``."""
        folder = self.export_dir(weights_sha256, variant)
        folder.mkdir(parents=True, exist_ok=True)
        meta = dict(meta, weights_sha256=weights_sha256, onnx_sha256=file_sha256(onnx_tmp),
                    onnx_size=onnx_tmp.stat().st_size)
        os.replace(onnx_tmp, folder / ONNX_FILE)
        atomic_write(folder / META_FILE, json.dumps(meta, indent=1, sort_keys=True).encode("utf-8"))
        found = self.find(weights_sha256, variant)
        assert found is not None
        return found
