"""Are two ``comparator corpus`` output folders the same, apart from run times?

    python bench/compare_corpus_outputs.py REFERENCE CANDIDATE

Compares every Parquet dataset under ``data/`` (claims, alignments, findings,
labels, sourcing...) and every corpus table under ``tables/`` row by row, after
sorting rows on all columns (workers may finish events in any order), plus
``corpus.md``. The columns that hold wall-clock times (``seconds`` of the events
table and the ``seconds`` of the run summary) are left out. Prints one line per
table and exits 1 on any difference: used to check that a speed-up changes no
output (issue 16).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

#: Columns holding wall-clock times, which differ between any two runs.
TIMING_COLUMNS = ("seconds",)
#: Lines of corpus.md that carry run times (the run summary's stage table).
_TIMING_LINE = re.compile(r"\b\d+(\.\d+)?\s*s\b|sentences/s|seconds")


def _frame(path: Path, dataset: bool):  # type: ignore[no-untyped-def]
    import pyarrow.dataset as ds

    if dataset:
        table = ds.dataset(path, format="parquet", partitioning="hive").to_table()
    else:
        import pyarrow.parquet as pq

        table = pq.read_table(path)
    frame = table.to_pandas()
    frame = frame.drop(columns=[c for c in TIMING_COLUMNS if c in frame.columns])
    frame = frame[sorted(frame.columns)]
    text = frame.astype(str)
    order = text.sort_values(list(text.columns)).index if len(text.columns) else text.index
    return frame.loc[order].reset_index(drop=True)


def _same(a, b) -> tuple[bool, str]:  # type: ignore[no-untyped-def]
    if list(a.columns) != list(b.columns):
        return False, f"columns differ: {sorted(set(a.columns) ^ set(b.columns))}"
    if len(a) != len(b):
        return False, f"{len(a)} vs {len(b)} rows"
    for col in a.columns:
        left, right = a[col].astype(str).tolist(), b[col].astype(str).tolist()
        if left != right:
            bad = next(i for i, (x, y) in enumerate(zip(left, right)) if x != y)
            return False, f"column {col!r} row {bad}: {left[bad]!r} vs {right[bad]!r}"
    return True, f"{len(a)} rows"


def compare_outputs(ref: Path, new: Path) -> list[tuple[str, bool, str]]:
    """``(table, same, detail)`` for every dataset, table and corpus.md of ``ref`` and ``new``."""
    results: list[tuple[str, bool, str]] = []
    names = sorted({p.name for p in (ref / "data").iterdir()} | {p.name for p in (new / "data").iterdir()})
    for name in names:
        if not (ref / "data" / name).is_dir() or not (new / "data" / name).is_dir():
            results.append((f"data/{name}", False, "missing on one side"))
            continue
        results.append((f"data/{name}", *_same(_frame(ref / "data" / name, True), _frame(new / "data" / name, True))))
    tables = sorted({p.name for p in (ref / "tables").glob("*.parquet")} | {p.name for p in (new / "tables").glob("*.parquet")})
    for name in tables:
        if not (ref / "tables" / name).is_file() or not (new / "tables" / name).is_file():
            results.append((f"tables/{name}", False, "missing on one side"))
            continue
        results.append((f"tables/{name}", *_same(_frame(ref / "tables" / name, False), _frame(new / "tables" / name, False))))
    md = [[line for line in (d / "corpus.md").read_text(encoding="utf-8").splitlines()
           if not _TIMING_LINE.search(line)] for d in (ref, new)]
    results.append(("corpus.md", md[0] == md[1], f"{len(md[0])} lines without timings"))
    return results


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    results = compare_outputs(Path(sys.argv[1]), Path(sys.argv[2]))
    for name, same, detail in results:
        print(f"{'same' if same else 'DIFFERENT':9} {name}: {detail}")
    sys.exit(0 if all(same for _, same, _ in results) else 1)


if __name__ == "__main__":
    main()
