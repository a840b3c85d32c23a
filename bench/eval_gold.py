"""Score comparator against the hand-annotated gold events, per event and pooled.

    python bench/eval_gold.py --data ../shared/data [--events seed-irs-ice,...] [--out DIR] [--json]

For every event folder in ``<data>/gold-dev`` (or ``--gold DIR``) this runs
``comparator.compare`` in one process (models loaded once), writes the JSON
report to ``<out>/<event>/report.json``, scores it with the project's scorer
``<data>/../eval/goldcheck.py --json`` (boilerplate, voice, speaker,
alignment, omission and divergent-fact figures; see that file for the exact
definitions), and pools the counts with ``<data>/../eval/pool.py``
(micro-averages over events).

goldcheck maps a claim to gold sentences by searching its text in the file,
so a repeated sentence (an embedded tweet that repeats a quoted paragraph) is
mapped to its first occurrence. The extra columns ``bp P@o``/``bp R@o`` score
boilerplate with claims mapped by their offsets instead (body offset + the
front matter's length), which is exact for repeats.

The data is licensed for local evaluation only: the script reads it and
writes reports under ``--out`` (default: a temporary folder), never into the
repository.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import add_data_argument, data_dir  # noqa: E402

COLUMNS = (
    ("boilerplate_p", "bp P"), ("boilerplate_r", "bp R"), ("voice_acc", "voice"),
    ("speaker_acc", "speaker"), ("align_p", "al P"), ("align_r", "al R"), ("align_f1", "al F1"),
    ("omission_p", "om P"), ("omission_r", "om R"), ("divergent_p", "dv P"),
    ("divergent_r", "dv R"), ("divergent_findings", "dv n"), ("bp_offsets_p", "bp P@o"),
    ("bp_offsets_r", "bp R@o"),
)


def boilerplate_by_offsets(event: Path, report: Path, gold_file: Path) -> dict[str, int]:
    """Boilerplate counts (tp, fp, fn) with claims mapped to gold sentences by exact offsets."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    rep = json.loads((report / "report.json").read_text(encoding="utf-8"))
    story = {s["id"] for s in gold["sentences"] if s["kind"] == "story"}
    files = {a["id"]: Path(a.get("source_path") or "").name for a in rep["articles"]}
    counts = {"tp": 0, "fp": 0, "fn": 0}
    for c in rep["claims"]:
        name = files.get(c["article"], "")
        if not (event / name).is_file():
            continue
        content = (event / name).read_text(encoding="utf-8")
        body_at = content.index("\n---\n", 4) + 5 if content.startswith("---\n") else 0
        lo, hi = body_at + c["start"], body_at + c["end"]
        if " ".join(content[lo:hi].split()) != " ".join(c["text"].split()):
            continue  # an appended headline: not in the file's body
        for s in gold["sentences"]:
            overlap = min(hi, s["end"]) - max(lo, s["start"])
            if s["file"] == name and overlap > 0 and overlap >= 0.5 * min(hi - lo, s["end"] - s["start"]):
                truth, pred = s["id"] not in story, bool(c["boilerplate"])
                counts["tp"] += pred and truth
                counts["fp"] += pred and not truth
                counts["fn"] += (not pred) and truth
    return counts


def _offset_figures(c: dict[str, int]) -> dict[str, float]:
    return {"bp_offsets_p": round(c["tp"] / max(1, c["tp"] + c["fp"]), 3),
            "bp_offsets_r": round(c["tp"] / max(1, c["tp"] + c["fn"]), 3)}


def events(gold: Path, only: str | None) -> list[Path]:
    """Event folders that have a ``<name>.gold.json`` beside them (or a ``gold.json`` inside)."""
    found = sorted(
        p for p in gold.iterdir()
        if p.is_dir() and ((gold / f"{p.name}.gold.json").exists() or (p / "gold.json").exists())
    )
    if only:
        wanted = set(only.split(","))
        found = [p for p in found if p.name in wanted]
    return found


def score(eval_dir: Path, script: str, *args: str) -> str:
    run = subprocess.run(
        [sys.executable, str(eval_dir / script), *args], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        sys.exit(f"error: {script} failed: {run.stderr.strip()[-2000:]}")
    return run.stdout


def main(argv: list[str] | None = None) -> None:
    parser = add_data_argument(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    parser.add_argument("--gold", type=Path, help="gold events folder (default: <data>/gold-dev)")
    parser.add_argument("--events", help="comma-separated event names (default: all)")
    parser.add_argument("--out", type=Path, help="where reports go (default: a temporary folder)")
    parser.add_argument("--json", action="store_true", help="print one JSON line per event and pooled")
    args = parser.parse_args(argv)

    gold = args.gold or data_dir(args.data, "gold-dev")
    eval_dir = Path(args.data).parent / "eval" if args.gold is None else args.gold.parent.parent / "eval"
    if not (eval_dir / "goldcheck.py").exists():
        sys.exit(f"error: the scorer {eval_dir / 'goldcheck.py'} is missing; pass --data <shared>/data.")
    out = args.out or Path(tempfile.mkdtemp(prefix="comparator-gold-"))

    import comparator

    rows: list[tuple[str, dict]] = []
    lines = []
    offsets_total = {"tp": 0, "fp": 0, "fn": 0}
    for event in events(gold, args.events):
        comp = comparator.compare([event])
        report = out / event.name
        comparator.write_reports(comp, report, formats=("json",))
        line = score(eval_dir, "goldcheck.py", str(event), str(report), "--json").strip()
        lines.append(line)
        gold_file = gold / f"{event.name}.gold.json"
        by_offsets = boilerplate_by_offsets(event, report, gold_file if gold_file.exists() else event / "gold.json")
        for k, v in by_offsets.items():
            offsets_total[k] += v
        rows.append((event.name, {**json.loads(line), **_offset_figures(by_offsets)}))
    pooled_file = out / "gold.jsonl"
    pooled_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pooled = json.loads(score(eval_dir, "pool.py", str(pooled_file)))
    pooled.update(_offset_figures(offsets_total))

    if args.json:
        for name, row in rows:
            print(json.dumps({"event": name, **row}, sort_keys=True))
        print(json.dumps({"event": "pooled", **pooled}, sort_keys=True))
        return
    flat = [(name, {**_flat(row), **{k: v for k, v in row.items() if k.startswith("bp_offsets")}})
            for name, row in rows] + [("pooled", pooled)]
    width = max(len(n) for n, _ in flat)
    print(f"{'event':<{width}}  " + "  ".join(f"{h:>7}" for _, h in COLUMNS))
    for name, row in flat:
        print(f"{name:<{width}}  " + "  ".join(f"{_fmt(row.get(k)):>7}" for k, _ in COLUMNS))
    print(f"\nreports: {out}")


def _flat(row: dict) -> dict:
    """goldcheck's --json line → the pooled keys (computed from its counts, so both agree)."""
    c = row.get("counts", {})

    def r(a: str, b: str) -> float | None:
        return round(c[a] / c[b], 3) if c.get(b) else None

    ap, ar = r("align_tp", "align_pred"), r("align_tp", "align_gold")
    return {
        "boilerplate_p": round(c.get("bp_tp", 0) / max(1, c.get("bp_tp", 0) + c.get("bp_fp", 0)), 3),
        "boilerplate_r": round(c.get("bp_tp", 0) / max(1, c.get("bp_tp", 0) + c.get("bp_fn", 0)), 3),
        "voice_acc": r("voice_ok", "voice_n"), "speaker_acc": r("speaker_ok", "speaker_n"),
        "align_p": ap, "align_r": ar,
        "align_f1": round(2 * ap * ar / (ap + ar), 3) if ap and ar else 0.0,
        "omission_p": r("om_ok", "om_n"), "omission_r": r("om_found", "om_gold"),
        "divergent_p": r("dv_ok", "dv_n"), "divergent_r": r("dv_found", "dv_gold"),
        "divergent_findings": c.get("dv_n", 0),
    }


def _fmt(v: object) -> str:
    if v is None:
        return "-"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


if __name__ == "__main__":
    main()
