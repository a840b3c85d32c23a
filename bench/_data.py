"""Locate the evaluation data folder for bench scripts (never used by tests or the package).

Every bench script takes ``--data`` (default ``<repo>/../shared/data``). The data is licensed for
local evaluation only: scripts read it, never copy it into the repository.

>>> from bench._data import add_data_argument, data_dir   # doctest: +SKIP
>>> parser = argparse.ArgumentParser(); add_data_argument(parser)
>>> root = data_dir(parser.parse_args().data, "mrpc-train")
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"


def add_data_argument(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the shared ``--data`` option to ``parser``."""
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help=f"evaluation data folder (default: {DEFAULT_DATA})",
    )
    return parser


def data_dir(data: str | Path | None = None, *subfolders: str) -> Path:
    """The data folder (or a subfolder of it); exits with a clear message when absent."""
    root = Path(data) if data is not None else DEFAULT_DATA
    path = root.joinpath(*subfolders)
    if not path.exists():
        what = "/".join(subfolders) if subfolders else "the evaluation data folder"
        sys.exit(
            f"error: {what} not found at {path}. This benchmark needs the local evaluation data "
            f"(licensed for local use only, not shipped with the repository); pass its location "
            f"with --data PATH (default {DEFAULT_DATA})."
        )
    return path


def data_file(data: str | Path | None, *parts: str) -> Path:
    """A file inside the data folder; exits with a clear message when absent."""
    path = data_dir(data, *parts)
    if not path.is_file():
        sys.exit(f"error: expected a file at {path}; pass the data folder with --data PATH.")
    return path
