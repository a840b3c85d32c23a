"""CPU seconds per event of each enricher, detector, the alignment and the facts stage, with ``compare()``
called directly (models loaded once, no corpus runner), on events built from allsides-dev.

    python bench/detector_cost.py --data ../shared/data [--events 60] [--save DIR] [--against DIR]
    python bench/detector_cost.py --folders DIR... --save DIR   # report.json of event folders

Each stage is timed with ``time.process_time()`` (CPU of this process, so other jobs on a shared
machine blur it less than wall clock; the encoder's threads are counted where a detector encodes).
The first event runs once as a warm-up (its one-off imports and lexicon loads are printed apart),
then every event is compared and timed. ``--save DIR`` writes each event's ``report.json`` text (``render.json.to_json``) to DIR;
``--against DIR`` checks that every one is byte-identical to a saved run (the speed-ups' rule: no
output changes) and exits 1 listing those that differ. Nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench._data import add_data_argument, data_dir  # noqa: E402

#: Stages timed besides the enrichers and detectors: module, attribute, label.
STAGES = (("comparator.align", "align_claims", "align_claims"),
          ("comparator.facts", "attach_facts", "attach_facts"))


def _timed(func, totals: dict, name: str):
    def run(*args, **kwargs):
        t0 = time.process_time()
        try:
            out = func(*args, **kwargs)
            return list(out) if name.startswith("find_") and not isinstance(out, list) else out
        finally:
            totals[name] += time.process_time() - t0
    return run


def instrument(totals: dict) -> None:
    """Wrap every enricher, detector and :data:`STAGES` function so its CPU time adds to ``totals``."""
    import importlib

    import comparator.pipeline as pipeline

    enrichers, detectors = pipeline._enrichers, pipeline._detectors
    pipeline._enrichers = lambda: [_timed(f, totals, f.__name__) for f in enrichers()]
    pipeline._detectors = lambda: [_timed(f, totals, f.__name__) for f in detectors()]
    for module, attr, label in STAGES:
        mod = importlib.import_module(module)
        setattr(mod, attr, _timed(getattr(mod, attr), totals, label))


def events(data: str | None, n: int, tmp: Path) -> dict[str, list]:
    """Event name -> its articles, for the first ``n`` allsides-dev stories (bench/corpus.py's build)."""
    from bench.corpus import build
    from comparator.corpus.inputs import iter_records
    from comparator.types import Article

    rows = [json.loads(line) for line in (data_dir(data, "allsides-dev") / "articles_dev.jsonl").open()]
    build(rows, n, tmp / "events.jsonl")
    grouped: dict[str, list] = defaultdict(list)
    here = os.getcwd()
    os.chdir(tmp)  # a relative source path, so reports of two runs can be compared byte for byte
    try:
        for item in iter_records(Path("events.jsonl")):
            if isinstance(item, Article):
                grouped[item.meta["event"]].append(item)
    finally:
        os.chdir(here)
    return {k: v for k, v in grouped.items() if len({a.outlet for a in v}) >= 2}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_data_argument(parser)
    parser.add_argument("--events", type=int, default=60)
    parser.add_argument("--folders", nargs="*", default=[], help="event folders instead of allsides-dev")
    parser.add_argument("--save", type=Path, help="write each event's report.json text here")
    parser.add_argument("--against", type=Path, help="check byte-identity with a --save folder")
    args = parser.parse_args()

    from comparator.config import Settings
    from comparator.embed import load_encoder
    from comparator.pipeline import compare
    from comparator.render.json import to_json

    totals: dict[str, float] = defaultdict(float)
    instrument(totals)
    settings = Settings(cache=False)
    encoder = load_encoder(settings)
    with tempfile.TemporaryDirectory(prefix="detector-cost-") as name:
        work = {Path(f).name: [f] for f in args.folders} if args.folders else events(args.data, args.events,
                                                                                       Path(name))
        first = next(iter(work.values()))
        compare(first, settings=settings, encoder=encoder)  # warm-up: its one-off costs are reported apart
        warm_up = {k: round(v, 3) for k, v in sorted(totals.items(), key=lambda kv: -kv[1]) if v >= 0.05}
        totals.clear()
        reports: dict[str, str] = {}
        sentences, t0 = 0, time.perf_counter()
        for key, sources in work.items():
            try:
                comp = compare(sources, settings=settings, encoder=encoder)
                sentences += len(comp.claims)
                reports[key] = to_json(comp)
            except Exception as exc:  # noqa: BLE001 - an event folder that cannot be compared is recorded
                reports[key] = f"ERROR {type(exc).__name__}: {exc}\n"
        wall = time.perf_counter() - t0
    n = max(1, len(work))
    per_event = {k: round(v / n, 4) for k, v in sorted(totals.items(), key=lambda kv: -kv[1])}
    detect = sum(v for k, v in totals.items() if k not in {label for _, _, label in STAGES})
    print(json.dumps({"events": len(work), "sentences": sentences, "wall_s": round(wall, 1),
                      "cpu_s_per_event": per_event, "detect_cpu_s_per_event": round(detect / n, 4),
                      "first_event_cpu_s_over_0.05": warm_up}))
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for key, text in reports.items():
            (args.save / f"{key}.json").write_text(text, encoding="utf-8")
    if args.against:
        differ = [k for k, text in reports.items()
                  if not (args.against / f"{k}.json").is_file()
                  or (args.against / f"{k}.json").read_text(encoding="utf-8") != text]
        print(json.dumps({"identical": len(reports) - len(differ), "differ": differ}))
        if differ:
            sys.exit(1)


if __name__ == "__main__":
    main()
