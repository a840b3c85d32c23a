"""Fit the claim-alignment model on MRPC train and write ``comparator/data/alignment.json``.

    python bench/fit_alignment.py [--data ../shared/data] [--cache-dir DIR] [--no-write]

Encodes the MRPC train pairs with the real model (through comparator's on-disk
cache, so a rerun encodes nothing), builds the lexical features of
:mod:`comparator.scorers`, and reports 5-fold cross-validated accuracy and F1
(decision threshold tuned on the training folds) for cosine alone,
token_set_ratio alone, the shipped combination, and, for reference, the
MRPC-optimal combination that also uses length-sensitive features. The shipped
model is refitted on all of MRPC train; its threshold is the mean of the
per-fold accuracy-optimal thresholds. If STS-B train is present, the script also
reports how well that threshold separates STS news pairs scored >= 3 ("roughly
equivalent, some important information differs or is missing") from the rest.

Only numbers leave this script: no MRPC/STS text or label is written anywhere.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np

try:
    from bench._data import add_data_argument, data_dir
except ImportError:  # run as ``python bench/fit_alignment.py``
    from _data import add_data_argument, data_dir

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "comparator" / "data" / "alignment.json"
METHOD = "logreg-mrpc-v1"
#: Shipped features: none of them penalises one claim for saying more than the other, so a
#: short claim contained in a long one still scores high (news claims overlap partially).
#: name_agreement was dropped (weight ~0, no CV gain).
SHIPPED = ("cosine", "token_set_ratio", "partial_ratio", "content_overlap", "number_agreement")
MARGIN = 0.1  # extra matches within this probability of a row/column best are kept
SPLIT_CANDIDATES = 4  # unions of two claims are tried among a claim's top candidates
FOLDS, SEED, C = 5, 0, 10.0
GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)


def read_mrpc(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    return [r[3] for r in rows], [r[4] for r in rows], np.array([int(r[0]) for r in rows])


def read_sts_news(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    a, b, y = [], [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = line.rstrip("\n").split("\t")
            if len(r) >= 7 and r[0] == "main-news":
                a.append(r[5]), b.append(r[6]), y.append(float(r[4]))
    return a, b, np.array(y)


def cosines(encoder, a: list[str], b: list[str]) -> np.ndarray:
    va, vb = encoder.encode(a), encoder.encode(b)
    return np.sum(va * vb, axis=1).astype(np.float64)


def design(cos: np.ndarray, lex, features: tuple[str, ...]) -> np.ndarray:
    cols = [cos if f == "cosine" else lex[f].astype(np.float64) for f in features]
    return np.stack(cols, axis=1)


def best_threshold(p: np.ndarray, y: np.ndarray) -> float:
    acc = [((p >= t) == y).mean() for t in GRID]
    return float(GRID[int(np.argmax(acc))])


def scores(pred: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    tp = float(np.sum(pred & (y == 1)))
    f1 = 2 * tp / max(1.0, float(pred.sum() + (y == 1).sum()))
    return float((pred == y).mean()), f1


def cross_validate(X: np.ndarray, y: np.ndarray) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    accs, f1s, ths = [], [], []
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(X, y):
        model = LogisticRegression(C=C, max_iter=5000).fit(X[train], y[train])
        th = best_threshold(model.predict_proba(X[train])[:, 1], y[train])
        acc, f1 = scores(model.predict_proba(X[test])[:, 1] >= th, y[test])
        accs.append(acc), f1s.append(f1), ths.append(th)
    return {"accuracy": float(np.mean(accs)), "accuracy_sd": float(np.std(accs)),
            "f1": float(np.mean(f1s)), "f1_sd": float(np.std(f1s)), "threshold": float(np.mean(ths))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_data_argument(parser)
    parser.add_argument("--cache-dir", default=None, help="embedding cache folder (default: comparator's)")
    parser.add_argument("--no-write", action="store_true", help="print the table, leave alignment.json alone")
    args = parser.parse_args(argv)
    mrpc = data_dir(args.data, "mrpc-train", "msr_paraphrase_train.txt")

    from sklearn.linear_model import LogisticRegression

    from comparator.config import Settings
    from comparator.embed import load_encoder
    from comparator.scorers import FEATURES, pair_features

    t0 = time.perf_counter()
    a, b, y = read_mrpc(mrpc)
    encoder = load_encoder(Settings(cache_dir=args.cache_dir), progress=True)
    cos = cosines(encoder, a, b)
    lex = pair_features(a, b, FEATURES)
    print(f"MRPC train: {len(y)} pairs ({int(y.sum())} paraphrases); encoded in "
          f"{time.perf_counter() - t0:.1f}s", file=sys.stderr)

    full = ("cosine",) + FEATURES
    rows = {
        "cosine": ("cosine only (threshold tuned in folds)", ("cosine",)),
        "token_set_ratio": ("token_set_ratio only", ("token_set_ratio",)),
        "combined": ("shipped: " + " + ".join(SHIPPED), SHIPPED),
        "mrpc_optimal": ("reference, not shipped: cosine + all " + str(len(FEATURES)) + " lexical", full),
    }
    metrics = {key: cross_validate(design(cos, lex, feats), y) for key, (_, feats) in rows.items()}

    X = design(cos, lex, SHIPPED)
    model = LogisticRegression(C=C, max_iter=5000).fit(X, y)
    threshold = round(metrics["combined"]["threshold"], 3)
    fit = {
        "method": METHOD,
        "features": list(SHIPPED),
        "coef": [round(float(c), 6) for c in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "threshold": threshold,
        "threshold_criterion": "mean of the accuracy-optimal thresholds of the 5 MRPC training folds",
        "margin": MARGIN,
        "split_candidates": SPLIT_CANDIDATES,
        "encoder": {"name": encoder.name, "sha256": encoder.sha256},
        "data": f"MRPC train ({len(y)} pairs), {FOLDS}-fold stratified CV, seed {SEED}, C={C}",
        "metrics": {k: {m: round(v, 4) for m, v in d.items()} for k, d in metrics.items()},
    }

    sts = Path(args.data) / "sts-train" / "sts-train.csv"
    if sts.is_file():
        sa, sb, sy = read_sts_news(sts)
        scos, slex = cosines(encoder, sa, sb), pair_features(sa, sb, FEATURES)
        label = sy >= 3.0
        for key, feats, m, th in (
            ("sts_news_ge3", SHIPPED, model, threshold),
            ("sts_news_ge3_mrpc_optimal", full,
             LogisticRegression(C=C, max_iter=5000).fit(design(cos, lex, full), y),
             metrics["mrpc_optimal"]["threshold"]),
        ):
            p = m.predict_proba(design(scos, slex, feats))[:, 1]
            fit["metrics"][key] = {
                "pairs": len(sy),
                "accuracy_at_threshold": round(float(((p >= th) == label).mean()), 4),
                "best_threshold": best_threshold(p, label),
                "best_accuracy": round(float(max(((p >= t) == label).mean() for t in GRID)), 4),
            }

    print("| model (5-fold CV on MRPC train, 4,076 pairs) | accuracy | F1 | threshold |")
    print("|---|---|---|---|")
    for key, (label_, _) in rows.items():
        m = metrics[key]
        print(f"| {label_} | {m['accuracy']:.3f} ± {m['accuracy_sd']:.3f} | "
              f"{m['f1']:.3f} ± {m['f1_sd']:.3f} | {m['threshold']:.2f} |")
    if "sts_news_ge3" in fit["metrics"]:
        s, r = fit["metrics"]["sts_news_ge3"], fit["metrics"]["sts_news_ge3_mrpc_optimal"]
        print(f"\nTransfer to STS-B train, news genres ({s['pairs']} pairs), score >= 3 vs < 3: "
              f"shipped model {s['accuracy_at_threshold']:.3f} at its threshold {threshold:.2f} "
              f"(best threshold there {s['best_threshold']:.2f}: {s['best_accuracy']:.3f}); "
              f"MRPC-optimal reference {r['accuracy_at_threshold']:.3f} "
              f"(best {r['best_accuracy']:.3f}).")
    print("\nShipped coefficients: " + ", ".join(
        f"{f} {c:+.3f}" for f, c in zip(fit["features"], fit["coef"])) + f", intercept {fit['intercept']:+.3f}")
    if not args.no_write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(fit, indent=2, sort_keys=False) + "\n", encoding="utf-8")
        print(f"\nwrote {OUT.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
