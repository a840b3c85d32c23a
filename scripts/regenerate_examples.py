"""Regenerate the committed example report (every format) from the demo corpus.

    make examples        # or: python scripts/regenerate_examples.py

tests/test_examples.py fails when the committed files are out of date.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = "corpora/irs-ice-talwani"  # relative, so source paths in the report are machine-independent
TARGET = ROOT / "reports" / "examples" / "irs-ice-talwani"


def build(out_dir: Path, cache_dir: str | None = None) -> list[Path]:
    """Compare the demo corpus and write every format (and the tables) into ``out_dir``."""
    import comparator

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        overrides = {"cache_dir": cache_dir} if cache_dir else {}
        comp = comparator.compare([CORPUS], **overrides)
        return comparator.write_reports(comp, out_dir, formats=("json", "md", "html"),
                                        tables_dir=out_dir / "tables")
    finally:
        os.chdir(cwd)


if __name__ == "__main__":
    written = build(TARGET)
    for path in written:
        print(path.relative_to(ROOT), file=sys.stderr)
