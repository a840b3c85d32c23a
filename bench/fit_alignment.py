"""Fit the claim-alignment model on MRPC train and write ``comparator/data/alignment.json``.

    python bench/fit_alignment.py [--data ../shared/data] [--cache-dir DIR] [--no-write]

Encodes the MRPC train pairs with the real model (through comparator's on-disk
cache, so a rerun encodes nothing), builds the lexical features of
:mod:`comparator.scorers`, and reports 5-fold cross-validated accuracy and F1
(decision threshold tuned on the training folds) for cosine alone,
token_set_ratio alone, the shipped combination, and, for reference, the
MRPC-optimal combination that also uses length-sensitive features. The shipped
model is refitted on all of MRPC train; its threshold is the mean of the
per-fold accuracy-optimal thresholds.

The *counterpart* operating point (a claim of the other outlet that reports
(part of) the same fact) is chosen on STS-B train, news genre, with "score >=
2.5" as positive (>= 2 "share some details", >= 3 "roughly equivalent"). The
news pairs are grouped into topical batches of 20 (a pair plus the 19 pairs
whose first sentence is nearest to it, skipping near-duplicates of the event:
any cross-pair cosine >= the median cosine of positive pairs), the first sentences forming one
"article" and the second the other. In each batch two rows say what two
positive pairs say in one claim (their first sentences joined, to exercise
many-to-one alignment and the split rule). ``comparator.align.align_claims``
is run on each batch; an alignment is correct iff it joins a row with the
second sentence of a pair scored >= 2.5 that the row states. For each rule
(mutual-best vs either-side-best counterparts; no splits, the previous split
rule, stricter ones) the floor is the F1-optimal one (grid 0.05..0.50) chosen
on odd batches and scored on even ones and vice versa (held-out, reported);
the rule with the best held-out F1 ships with its floor chosen on all batches.

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
#: Split rule, fixed a priori (STS has no natural splits and the simulated ones below, two unrelated
#: sentences joined, are easier than real ones): a union must beat the best single match by as much
#: as an extra match may trail it, and each part must cover alone >= 20% of the row's content words
#: (4 of 20), so a part adding a word or two to a long sentence does not count.
SPLIT_GAIN, SPLIT_COVERAGE = MARGIN, 0.2
STS_POSITIVE = 2.5  # STS-B: 2 = "not equivalent, but share some details", 3 = "roughly equivalent"
BATCH = 20  # claims per simulated article (the seed articles have 17 and 20)
MERGES = 2  # per batch, 2 x 2 positive pairs whose first sentences are joined into one claim
FLOORS = np.round(np.arange(0.05, 0.501, 0.01), 2)
FOLDS, SEED, C = 5, 0, 10.0
GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)


#: Rules decided across a whole comparison (hubness gate, anchors, pronoun context, triangle
#: closure...): chosen on gold-dev by ``bench/tune_alignment.py``, not by this fit, so a refit
#: carries them over from the shipped file.
RULE_KEYS = ("paraphrase_mutual", "hub_k", "hub_margin", "anchor_floor", "anchor_words", "anchor_names",
             "context_names", "context", "closure_floor", "split_part_floor", "rules_criterion")


def _comparison_rules() -> dict:
    try:
        shipped = json.loads(OUT.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: shipped[k] for k in RULE_KEYS if k in shipped}


def read_mrpc(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    return [r[3] for r in rows], [r[4] for r in rows], np.array([int(r[0]) for r in rows])


def read_sts_news(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    a, b, y = [], [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            r = line.rstrip("\n").split("\t")  # some lines carry extra fields after s2
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


def topical_batches(va: np.ndarray, vb: np.ndarray, duplicate: float, size: int = BATCH
                    ) -> list[np.ndarray]:
    """Indices of pairs grouped greedily: an unused pair (seeded order) plus its nearest unused ones.

    STS news repeats events (many pairs are variants of one headline), so a pair joins a batch only
    if none of its sentences has a cosine >= ``duplicate`` with a sentence of a pair already in it:
    otherwise a "wrong" cross-pair alignment would often be a true counterpart. Batches of fewer
    than ``size // 2`` pairs are dropped.
    """
    rng = np.random.default_rng(SEED)
    unused = np.ones(len(va), dtype=bool)
    out = []
    for i in rng.permutation(len(va)):
        if not unused[i]:
            continue
        cand = np.flatnonzero(unused)
        members: list[int] = []
        for k in cand[np.argsort(-(va[cand] @ va[i]), kind="stable")][:10 * size]:
            if members:
                m = np.array(members)
                cross = np.maximum.reduce([va[m] @ va[k], va[m] @ vb[k], vb[m] @ va[k], vb[m] @ vb[k]])
                if cross.max() >= duplicate:
                    continue
            members.append(int(k))
            if len(members) == size:
                break
        unused[members] = False
        if len(members) >= size // 2:
            out.append(np.sort(np.array(members)))
    return out


def plan_merges(batches, positive: np.ndarray) -> dict[int, int]:
    """Per batch, the first ``2 * MERGES`` positive pairs joined two by two: {row i: absorbed pair k}."""
    partner: dict[int, int] = {}
    for idx in batches:
        pos = [int(k) for k in idx if positive[k]][:2 * MERGES]
        partner.update({pos[n]: pos[n + 1] for n in range(0, len(pos) - 1, 2)})
    return partner


def batch_alignments(model, sa, sb, va, vb, batches, partner: dict[int, int], joined: dict[int, np.ndarray]
                     ) -> list[list[tuple[int, int, float, str]]]:
    """``align_claims`` on every batch with the counterpart floor at 0 (filtered per floor later).

    Side "a" has the first sentences, a row ``i`` in ``partner`` saying ``sa[i] sa[k]`` in one claim
    (vector ``joined[i]``) and ``sa[k]`` dropped; side "b" has all second sentences.
    """
    from dataclasses import replace

    from comparator.align import align_claims
    from comparator.types import Claim

    loose = replace(model, floor=0.0)
    absorbed = set(partner.values())
    out = []
    for idx in batches:
        rows = [int(k) for k in idx if int(k) not in absorbed]
        texts_a = [f"{sa[k]} {sa[partner[k]]}" if k in partner else sa[k] for k in rows]
        claims = [Claim(id=f"{side}:{k}", article=side, index=k, paragraph=k, text=text,
                        start=0, end=len(text))
                  for side, ks, texts in (("a", rows, texts_a), ("b", [int(k) for k in idx],
                                                                [sb[int(k)] for k in idx]))
                  for k, text in zip(ks, texts)]
        vectors = np.concatenate([np.stack([joined[k] if k in partner else va[k] for k in rows]), vb[idx]])
        found = []
        for al in align_claims(claims, vectors, model=loose):
            i, j = (int(cid.split(":")[1]) for cid in al.claims)
            found.append((i, j, al.score, al.method))
        out.append(found)
    return out


def rule_scores(found, positive: np.ndarray, floor: float, partner: dict[int, int]) -> dict[str, float]:
    """Precision, recall, F1 of the alignments kept at ``floor``.

    Gold: row ``i`` - column ``j`` when pair ``j`` is scored >= 2.5 and ``j`` is ``i`` or the pair
    merged into row ``i``; ``positive`` marks the gold pairs of the batches scored.
    """
    kept = [(i, j, m) for batch in found for i, j, s, m in batch
            if not m.endswith("+counterpart") or s >= floor]
    good = [positive[j] and (i == j or partner.get(i) == j) for i, j, _ in kept]
    tp, gold = sum(good), int(positive.sum())
    prec, rec = tp / max(1, len(kept)), tp / max(1, gold)
    merged = [g for (i, j, _), g in zip(kept, good) if i in partner]
    return {"precision": prec, "recall": rec, "f1": 2 * prec * rec / max(1e-9, prec + rec),
            "alignments": len(kept),
            "merged_recall": sum(merged) / max(1, sum(int(positive[i]) + int(positive[k])
                                                      for i, k in partner.items())),
            "splits": sum(1 for *_, m in kept if m.endswith("+split")),
            "split_errors": sum(1 for (*_, m), g in zip(kept, good) if m.endswith("+split") and not g)}


def best_floor(found, positive, partner) -> float:
    f1 = [rule_scores(found, positive, t, partner)["f1"] for t in FLOORS]
    return float(FLOORS[int(np.argmax(f1))])


#: Rules compared: (counterparts mutual?, split_gain, split_coverage, split_candidates).
VARIANTS = {
    "mutual, no splits": (True, 0.0, 0.0, 0),
    "mutual, previous splits": (True, 0.0, 0.0, SPLIT_CANDIDATES),
    "mutual, splits gain .1 coverage .1": (True, 0.1, 0.1, SPLIT_CANDIDATES),
    "mutual, splits gain .1 coverage .2": (True, 0.1, 0.2, SPLIT_CANDIDATES),
    "mutual, splits gain .1 coverage .3": (True, 0.1, 0.3, SPLIT_CANDIDATES),
    "either, no splits": (False, 0.0, 0.0, 0),
    "either, splits gain .1 coverage .2": (False, 0.1, 0.2, SPLIT_CANDIDATES),
}


def counterpart_study(model, sa, sb, sy, encoder) -> dict:
    """Choose and measure the counterpart rule on STS-B news batches (see the module docstring)."""
    from dataclasses import replace

    va, vb = encoder.encode(sa), encoder.encode(sb)
    positive = sy >= STS_POSITIVE
    duplicate = float(np.median(np.sum(va * vb, axis=1)[positive]))
    batches = topical_batches(va, vb, duplicate)
    partner = plan_merges(batches, positive)
    rows = sorted(partner)
    joined = dict(zip(rows, encoder.encode([f"{sa[i]} {sa[partner[i]]}" for i in rows])))
    halves = [[b for n, b in enumerate(batches) if n % 2 == h] for h in (0, 1)]

    def gold(batch_list):
        mask = np.zeros(len(sy), dtype=bool)
        for b in batch_list:
            mask[b] = True
        return positive & mask

    in_batches = gold(batches)
    result: dict = {"pairs": int(sum(len(b) for b in batches)), "positives": int(in_batches.sum()),
                    "batches": len(batches), "batch_size": BATCH, "merged_rows": len(partner),
                    "label": f"STS score >= {STS_POSITIVE}", "duplicate_cosine": round(duplicate, 4),
                    "rules": {}}
    for name, (mutual, gain, coverage, candidates) in VARIANTS.items():
        m = replace(model, mutual=mutual, split_gain=gain, split_coverage=coverage,
                    split_candidates=candidates)
        found = {h: batch_alignments(m, sa, sb, va, vb, halves[h], partner, joined) for h in (0, 1)}
        held = []
        for h in (0, 1):
            t = best_floor(found[h], gold(halves[h]), partner)
            held.append(rule_scores(found[1 - h], gold(halves[1 - h]), t, partner))
        allfound = found[0] + found[1]
        floor = best_floor(allfound, in_batches, partner)
        result["rules"][name] = {
            "mutual": mutual, "split_gain": gain, "split_coverage": coverage,
            "split_candidates": candidates, "floor": floor,
            "heldout": {k: round(float(np.mean([r[k] for r in held])), 4)
                        for k in ("precision", "recall", "f1", "merged_recall")},
            "at_floor": {k: round(float(v), 4)
                         for k, v in rule_scores(allfound, in_batches, floor, partner).items()},
            "paraphrase_only": {k: round(float(v), 4)
                                for k, v in rule_scores(allfound, in_batches, 1.01, partner).items()},
        }
    # the per-pair view: the probability alone at each floor, on all STS news pairs
    from comparator.align import COSINE
    from comparator.scorers import pair_features

    lex = pair_features(sa, sb, tuple(f for f in model.features if f != COSINE))
    p = model._logistic(np.sum(va * vb, axis=1).astype(np.float64), lex)
    for t in sorted({r["floor"] for r in result["rules"].values()} | {model.threshold}):
        pred = p >= t
        tp = float(np.sum(pred & positive))
        result.setdefault("per_pair", {})[f"{t:.3f}"] = {
            "precision": round(tp / max(1.0, float(pred.sum())), 4),
            "recall": round(tp / max(1.0, float(positive.sum())), 4)}
    return result


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
        "split_gain": 0.0,
        "split_coverage": 0.0,
        "floor": None,
        "mutual": True,
        "floor_criterion": None,
        **_comparison_rules(),
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
        from comparator.align import _parse_model

        study = counterpart_study(_parse_model(fit, "fit"), sa, sb, sy, encoder)
        rules = study["rules"]
        shipped = [k for k in rules if rules[k]["split_candidates"] == SPLIT_CANDIDATES
                   and rules[k]["split_gain"] == SPLIT_GAIN and rules[k]["split_coverage"] == SPLIT_COVERAGE]
        chosen = max(shipped, key=lambda k: (rules[k]["heldout"]["f1"], k))
        r = rules[chosen]
        fit.update(floor=r["floor"], mutual=r["mutual"], split_gain=r["split_gain"],
                   split_coverage=r["split_coverage"], split_candidates=r["split_candidates"])
        fit["floor_criterion"] = (
            f"counterpart rule with the best held-out F1 given the a-priori split rule ({chosen}) and "
            f"its F1-optimal counterpart floor on STS-B "
            f"train news pairs (gold: score >= {STS_POSITIVE}) in topical batches of {BATCH} with "
            f"{MERGES} two-sentence merges each")
        fit["metrics"]["counterpart_sts_news"] = study

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
    if "counterpart_sts_news" in fit["metrics"]:
        st = fit["metrics"]["counterpart_sts_news"]
        print(f"\nCounterpart rule on STS-B train news ({st['pairs']} pairs, {st['positives']} with "
              f"{st['label']}, in {st['batches']} topical batches of <= {st['batch_size']} without "
              f"cross-pair cosines >= {st['duplicate_cosine']:.2f}; {st['merged_rows']} rows say two "
              f"pairs' first sentences in one claim):\n")
        print("| rule | floor | held-out P | R | F1 | merged-row R | all batches P | R | F1 | splits (wrong) |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        first = next(iter(st["rules"].values()))["paraphrase_only"]
        print(f"| paraphrase threshold only ({threshold:.3f}), no splits | – | – | – | – | – | "
              f"{first['precision']:.3f} | {first['recall']:.3f} | {first['f1']:.3f} | 0 (0) |")
        for key, r in st["rules"].items():
            a_, h = r["at_floor"], r["heldout"]
            print(f"| {key} | {r['floor']:.2f} | {h['precision']:.3f} | {h['recall']:.3f} | "
                  f"{h['f1']:.3f} | {h['merged_recall']:.3f} | {a_['precision']:.3f} | {a_['recall']:.3f} | "
                  f"{a_['f1']:.3f} | {a_['splits']:.0f} ({a_['split_errors']:.0f}) |")
        print("\nPer pair (probability alone, all STS news pairs): " + "; ".join(
            f"p >= {t}: precision {v['precision']:.3f}, recall {v['recall']:.3f}"
            for t, v in st["per_pair"].items()))
        print(f"\nShipped: {fit['floor_criterion']}: floor {fit['floor']}")
    print("\nShipped coefficients: " + ", ".join(
        f"{f} {c:+.3f}" for f, c in zip(fit["features"], fit["coef"])) + f", intercept {fit['intercept']:+.3f}")
    if not args.no_write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps(fit, indent=2, sort_keys=False) + "\n", encoding="utf-8")
        print(f"\nwrote {OUT.relative_to(REPO)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
