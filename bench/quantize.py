"""Dynamic int8 quantisation of the ONNX export: speed and agreement with fp32.

    python bench/quantize.py [--data ../shared/data] [--pairs 1000]

Quantises the fp32 export with onnxruntime's ``quantize_dynamic`` (int8
weights of MatMul/Gemm, activations quantised at run time) into a temporary
folder, then compares the two on:

* speed: encoding the first ``--pairs`` MRPC train pairs' sentences (both
  backends warmed up, same process, same batches);
* MRPC (Dolan & Brockett 2005, train split): cosine of each pair under fp32
  and int8 (max/mean |difference|), and whether the decision at the fp32
  accuracy-optimal cosine threshold agrees;
* the gold events (``<data>/gold-dev``): are alignments and findings of
  ``compare()`` the same (report.json minus the ``tool`` section)?

Prints a Markdown summary. Nothing is shipped from here: the int8 model is
offered only if every gold event is unchanged (see docs/EVALUATION.md).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench._data import add_data_argument, data_dir  # noqa: E402


def read_mrpc(path: Path, limit: int) -> tuple[list[str], list[str], np.ndarray]:
    a, b, y = [], [], []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            a.append(row["#1 String"])
            b.append(row["#2 String"])
            y.append(int(row["Quality"]))
            if len(a) >= limit:
                break
    return a, b, np.array(y)


def encoders(tmp: Path):
    from comparator.config import Settings
    from comparator.embed import Encoder, load_encoder
    from comparator.embed.store import ExportedModel, file_sha256

    fp32 = load_encoder(Settings(cache=False))
    from onnxruntime.quantization import QuantType, quantize_dynamic

    int8_path = tmp / "model-int8.onnx"
    t0 = time.perf_counter()
    quantize_dynamic(str(fp32.export.path), str(int8_path), weight_type=QuantType.QInt8)
    seconds = time.perf_counter() - t0
    exp = fp32.export
    int8_export = ExportedModel(path=int8_path, sha256=file_sha256(int8_path), weights_sha256=exp.weights_sha256,
                                inputs=exp.inputs, meta=dict(exp.meta, precision="int8"))
    int8 = Encoder(name=fp32.name, sha256=fp32.sha256, spec=fp32.spec, export=int8_export)
    sizes = (exp.path.stat().st_size / 1e6, int8_path.stat().st_size / 1e6)
    return fp32, int8, seconds, sizes


def timed_encode(enc, texts: list[str]) -> tuple[np.ndarray, float]:
    enc.encode(texts[:8])  # warm-up (session, first-run allocations)
    t0 = time.perf_counter()
    out = enc.encode(texts)
    return out, time.perf_counter() - t0


def best_threshold(cos: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    best = (0.0, 0.0)
    for t in np.unique(np.round(cos, 3)):
        acc = float(np.mean((cos >= t) == y))
        if acc > best[1]:
            best = (float(t), acc)
    return best


def gold_events(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir())


def strip_tool(text: str) -> dict:
    data = json.loads(text)
    data.pop("tool", None)
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_data_argument(parser)
    parser.add_argument("--pairs", type=int, default=1000, help="MRPC pairs to use (default 1000)")
    args = parser.parse_args(argv)
    mrpc = data_dir(args.data, "mrpc-train", "msr_paraphrase_train.txt")
    gold = data_dir(args.data, "gold-dev")
    from comparator import compare
    from comparator.render.json import to_json

    with tempfile.TemporaryDirectory(prefix="comparator-int8-") as tmp_name:
        fp32, int8, q_seconds, sizes = encoders(Path(tmp_name))
        a, b, y = read_mrpc(mrpc, args.pairs)
        texts = a + b
        # interleave the two timings twice and keep the faster of each
        v32, t32 = timed_encode(fp32, texts)
        v8, t8 = timed_encode(int8, texts)
        _, t32b = timed_encode(fp32, texts)
        _, t8b = timed_encode(int8, texts)
        t32, t8 = min(t32, t32b), min(t8, t8b)
        n = len(a)
        c32 = np.sum(v32[:n] * v32[n:], axis=1)
        c8 = np.sum(v8[:n] * v8[n:], axis=1)
        thr, acc32 = best_threshold(c32, y)
        acc8 = float(np.mean((c8 >= thr) == y))
        agree = float(np.mean((c32 >= thr) == (c8 >= thr)))
        vec_diff = float(np.max(np.abs(v32 - v8)))

        rows = []
        for event in gold_events(gold):
            r32 = strip_tool(to_json(compare([event], encoder=fp32)))
            r8 = strip_tool(to_json(compare([event], encoder=int8)))
            al32 = {tuple(x["claims"]) for x in r32["alignments"]}
            al8 = {tuple(x["claims"]) for x in r8["alignments"]}
            f32 = {(f["kind"], f["message"]) for f in r32["findings"]}
            f8 = {(f["kind"], f["message"]) for f in r8["findings"]}
            rows.append((event.name, len(al32), len(al32 ^ al8), len(f32), len(f32 ^ f8), r32 == r8))

    print(f"int8 = onnxruntime quantize_dynamic(QInt8 weights) of the fp32 export: "
          f"{sizes[0]:.0f} MB -> {sizes[1]:.0f} MB, quantised in {q_seconds:.1f} s.\n")
    print(f"Encoding {len(texts)} MRPC sentences (same process, warmed up, best of 2): "
          f"fp32 {t32:.2f} s, int8 {t8:.2f} s (**{t32 / t8:.2f}x**).\n")
    print(f"MRPC, first {n} train pairs: max |vector difference| {vec_diff:.3f}; cosine difference "
          f"max {float(np.max(np.abs(c32 - c8))):.3f}, mean {float(np.mean(np.abs(c32 - c8))):.4f}; at the "
          f"fp32-optimal threshold {thr:.3f}: accuracy fp32 {acc32:.3f}, int8 {acc8:.3f}, decisions agree on "
          f"{agree:.1%} of pairs.\n")
    print("| gold event | alignments (fp32) | alignments changed | findings (fp32) | findings changed | "
          "report identical |")
    print("|---|---:|---:|---:|---:|---|")
    for name, na, da, nf, df, same in rows:
        print(f"| {name} | {na} | {da} | {nf} | {df} | {'yes' if same else 'no'} |")
    ship = all(r[-1] for r in rows)
    print(f"\nVerdict: {'int8 keeps every gold report identical' if ship else 'int8 changes gold results: not shipped'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
