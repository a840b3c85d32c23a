"""The default backend: the exported transformer through ONNX Runtime (CPU, fp32), no torch.

Tokenisation is the model's own ``tokenizer.json`` through the ``tokenizers``
library, and pooling/normalisation follow the model's sentence-transformers
config (:mod:`comparator.embed.windows`), so vectors equal the PyTorch ones
to about 1e-7.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from comparator.errors import ModelError


def _env_threads() -> int:
    import os

    value = os.environ.get(THREADS_ENV, "").strip()
    return int(value) if value.isdigit() else 0


#: Environment variable: ONNX Runtime intra-op threads per process (unset or 0: one per core).
THREADS_ENV = "COMPARATOR_ONNX_THREADS"
#: Environment variable: ``1`` lets idle ONNX Runtime threads busy-wait between ops, ``0`` makes them
#: sleep; unset: busy-wait unless the machine is already busy (:func:`spinning`).
SPIN_ENV = "COMPARATOR_ONNX_SPIN"


def spinning(threads: int) -> bool:
    """Whether ONNX Runtime's intra-op threads may busy-wait (its default) for a session of ``threads``.

    Busy-waiting threads only pay off on idle cores: with the load average at or
    above the core count, they fight the jobs already running for the same cores.
    Measured on this 2-core machine at load 10 (658 sentences, two threads):
    21.5-24.0 s with busy-waiting against 13.9-17.4 s without, and 11.0-13.7 s on
    one thread. The vectors are bit-identical either way (only waiting changes).
    """
    import os

    value = os.environ.get(SPIN_ENV, "").strip()
    if value in ("0", "1"):
        return value == "1"
    if threads == 1:
        return True  # nothing to wait for
    try:
        return os.getloadavg()[0] < (os.cpu_count() or 1)
    except OSError:  # pragma: no cover - platforms without a load average
        return True


class OnnxModel:
    """An ONNX Runtime session over an exported transformer, opened on first use.

    ``run(input_ids, attention_mask)`` returns token vectors ``(batch, len, dim)``
    float32; ``inputs`` are the graph's input names (``token_type_ids`` gets zeros).
    """

    def __init__(self, path: Path, inputs: tuple[str, ...], *, threads: int | None = None) -> None:
        self.path = Path(path)
        self.inputs = inputs
        # 0 = ONNX Runtime's default (one thread per core); $COMPARATOR_ONNX_THREADS overrides it, e.g. 1 in
        # each of several worker processes sharing the cores (corpus mode), where busy-waiting pools collide
        self.threads = threads if threads is not None else _env_threads()
        self._session: Any = None

    def session(self) -> Any:
        if self._session is None:
            try:
                import onnxruntime as ort
            except ImportError as exc:  # pragma: no cover - install problem
                raise ModelError(f"onnxruntime cannot be imported ({exc}).",
                                 hint="Install it with `pip install onnxruntime`, or use --backend torch.") from None
            opts = ort.SessionOptions()
            opts.log_severity_level = 3
            if self.threads:
                opts.intra_op_num_threads = self.threads
            if not spinning(self.threads):
                opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
            try:
                self._session = ort.InferenceSession(str(self.path), sess_options=opts,
                                                     providers=["CPUExecutionProvider"])
            except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own types
                raise ModelError(f"onnxruntime cannot open the exported model ({exc}).", path=str(self.path),
                                 hint="Delete that folder and run `comparator model prepare` again.") from None
        return self._session

    def run(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        return self.session().run(["last_hidden_state"], feed)[0]
