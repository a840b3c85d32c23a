"""The Dask worker plugin that loads comparator's models once per worker process.

Imported only when ``--scheduler dask`` is used (it imports ``distributed``).
"""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin

from comparator.corpus.runner import init_process

__all__ = ["ModelPlugin"]


class ModelPlugin(WorkerPlugin):
    """Loads the sentence encoder and the spaCy pipeline when a worker starts (or joins later)."""

    name = "comparator-models"

    def __init__(self, settings: Any) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        init_process(self.settings)
