"""Divergent-fact precision per ``details.type`` on the gold events: the table behind severity.py.

    python bench/divergence_types.py --data ../shared/data [--reports DIR]

For every gold event this runs ``comparator.compare`` (or, with ``--reports``,
reads the ``<DIR>/<event>/report.json`` that ``bench/eval_gold.py --out DIR``
wrote) and counts, per divergence type, the ``divergent_fact`` findings and
those whose evidence matches a gold divergence, with the project scorer's own
rules (``<data>/../eval/goldcheck.py``: claims are mapped to gold sentences by
their text; a finding matches when its sentences hold two of a gold
divergence's, or all of them). It prints one row per type with the severity
:func:`comparator.detect.severity.severity_of` would give from the measured
figures, and says where ``MEASURED_PRECISION`` (the table the code uses) is out
of date. Data is read from ``--data`` and never written into the repository.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import add_data_argument, data_dir  # noqa: E402
from bench.eval_gold import events  # noqa: E402


def _goldcheck(eval_dir: Path):
    spec = importlib.util.spec_from_file_location("goldcheck", eval_dir / "goldcheck.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def type_counts(event: Path, report: dict, gc) -> tuple[Counter, Counter]:
    """(findings, matching findings) per ``details.type`` of one event's report."""
    gold = json.loads(gc.gold_path(event).read_text(encoding="utf-8"))
    contents = {p.name: p.read_text(encoding="utf-8") for p in event.glob("*.md")}
    files = {a["id"]: Path(a.get("source_path") or "").name or f"{a['id']}.md" for a in report["articles"]}
    by_file: dict[str, list[dict]] = {}
    for s in gold["sentences"]:
        by_file.setdefault(s["file"], []).append(s)
    claim_gold: dict[str, set[str]] = {}
    for c in report["claims"]:
        name = files.get(c["article"], "")
        loc = gc.locate(contents.get(name, ""), c["text"], c.get("start", 0))
        hits = set()
        if loc:
            lo, hi = loc
            for s in by_file.get(name, []):
                overlap = min(hi, s["end"]) - max(lo, s["start"])
                if overlap > 0 and overlap >= 0.5 * min(hi - lo, s["end"] - s["start"]):
                    hits.add(s["id"])
        claim_gold[c["id"]] = hits
    gold_sets = [set(d["sentences"]) for d in gold.get("divergences", [])]
    found, ok = Counter(), Counter()
    for f in report["findings"]:
        if f["kind"] != "divergent_fact":
            continue
        kind = f.get("details", {}).get("type", "?")
        sentences = set().union(*(claim_gold.get(e.get("claim"), set()) for e in f["evidence"]))
        found[kind] += 1
        ok[kind] += any(len(sentences & d) >= 2 or (len(d) >= 2 and d <= sentences) for d in gold_sets)
    return found, ok


def main(argv: list[str] | None = None) -> None:
    parser = add_data_argument(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    parser.add_argument("--reports", type=Path, help="read <DIR>/<event>/report.json instead of running")
    args = parser.parse_args(argv)
    gold = data_dir(args.data, "gold-dev")
    eval_dir = Path(args.data).parent / "eval"
    if not (eval_dir / "goldcheck.py").exists():
        sys.exit(f"error: the scorer {eval_dir / 'goldcheck.py'} is missing; pass --data <shared>/data.")
    gc = _goldcheck(eval_dir)
    from comparator.detect.severity import ERROR_PRECISION, MEASURED_PRECISION, MIN_FINDINGS, TYPES

    found, ok = Counter(), Counter()
    out = Path(tempfile.mkdtemp(prefix="comparator-types-")) if args.reports is None else args.reports
    for event in events(gold, None):
        path = out / event.name / "report.json"
        if args.reports is None:
            import comparator

            comparator.write_reports(comparator.compare([event]), out / event.name, formats=("json",))
        f, k = type_counts(event, json.loads(path.read_text(encoding="utf-8")), gc)
        found.update(f)
        ok.update(k)
    print("| type | findings | match a gold divergence | precision | severity | in severity.py |")
    print("|---|---|---|---|---|---|")
    stale = []
    for kind in sorted(set(TYPES) | set(found)):
        n, m = found[kind], ok[kind]
        precision = round(m / n, 2) if n else None
        error = precision is not None and n >= MIN_FINDINGS and precision >= ERROR_PRECISION
        severity = "error" if error else ("warning" + (f" (n < {MIN_FINDINGS})" if 0 < n < MIN_FINDINGS else ""))
        recorded = MEASURED_PRECISION.get(kind, (None, 0))
        same = recorded == (precision if precision is None else float(precision), n)
        stale += [] if same else [kind]
        print(f"| {kind} | {n} | {m if n else '–'} | {'–' if precision is None else f'{precision:.2f}'} | "
              f"{severity} | {'same' if same else f'{recorded} (stale)'} |")
    total, hits = sum(found.values()), sum(ok.values())
    print(f"\nall types: {hits}/{total} findings match a gold divergence")
    if stale:
        print("MEASURED_PRECISION in comparator/detect/severity.py is out of date for: " + ", ".join(stale))


if __name__ == "__main__":
    main()
