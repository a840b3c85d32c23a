"""Does a contextual scorer over MiniLM phrase vectors beat the lexical priors on a held-out year?

    python bench/framing_scorer_cv.py --data ../shared/data

For every unblocked candidate in the outlet's own voice (``bench/_cv_report.collect``),
features are (a) lexical priors only: lexicon or VADER origin, |valence|, sign,
category and part of speech; (b) those plus the packaged MiniLM's vector of the
candidate in a window of four words either side (through
``comparator.embed.load_encoder``); (c) those plus the vector of the word alone.
A logistic regression (scikit-learn, balanced classes) is trained on one BASIL
year and its threshold chosen there (highest recall at training precision >=
0.55); the other year is the test. Candidate-level counts are printed:
``hits/selected`` on the held-out year. Data is read from ``--data`` only and
nothing is written. The result (see docs/EVALUATION.md) decides whether the
detector ships a learned scorer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import eval_basil  # noqa: E402
from bench._cv_report import collect  # noqa: E402
from bench._data import add_data_argument  # noqa: E402
from bench._framing_cv import _overlaps  # noqa: E402

WINDOW = 4
MIN_TRAIN_PRECISION = 0.55


def main() -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from comparator.config import Settings
    from comparator.embed import load_encoder

    parser = add_data_argument(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    args = parser.parse_args()
    args.limit = None
    arts, _ = collect(args, eval_basil.rebuild, eval_basil.gold_spans, eval_basil.compare_triplet)
    rows = []
    for a in arts:
        for c in a.candidates:
            if c.blocked or c.voice != "authorial":
                continue
            window = " ".join(a.text[:c.start].split()[-WINDOW:] + [c.text] + a.text[c.end:].split()[:WINDOW])
            gold = any(_overlaps((c.start, c.end), (g["start"], g["end"])) for g in a.gold)
            rows.append((a.year, c, window, gold))
    cats = sorted({r[1].category for r in rows})

    def prior(c) -> list[float]:
        v = abs(c.valence) if c.valence is not None else 0.0
        return ([c.origin == "lexicon", v / 4, (c.valence or 0) < 0] + [c.category == k for k in cats]
                + [c.pos == p for p in ("ADJ", "ADV", "VERB", "NOUN")])

    enc = load_encoder(Settings())
    priors = np.asarray([prior(r[1]) for r in rows], dtype=float)
    ctx_vecs = np.asarray(enc.encode([r[2] for r in rows]))
    word_vecs = np.asarray(enc.encode([r[1].text for r in rows]))
    y = np.asarray([r[3] for r in rows])
    years = np.asarray([r[0] for r in rows])
    print(f"candidates: {len(rows)} ({int(y.sum())} overlap a BASIL span)")
    for name, X in (("priors", priors), ("priors + context vector", np.hstack([ctx_vecs, priors])),
                    ("priors + word vector", np.hstack([word_vecs, priors]))):
        for C in (0.03, 0.3, 1.0):
            cells = []
            for test in sorted(set(years)):
                tr, te = years != test, years == test
                model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced").fit(X[tr], y[tr])
                p_tr, p_te = model.predict_proba(X[tr])[:, 1], model.predict_proba(X[te])[:, 1]
                best = None
                for th in np.linspace(0.2, 0.9, 29):
                    sel = p_tr >= th
                    if not sel.any():
                        continue
                    prec = y[tr][sel].mean()
                    key = (prec >= MIN_TRAIN_PRECISION, y[tr][sel].sum() if prec >= MIN_TRAIN_PRECISION else prec)
                    if best is None or key > best[0]:
                        best = (key, th)
                sel = p_te >= best[1]
                cells.append(f"{test}: {int(y[te][sel].sum())}/{int(sel.sum())} "
                             f"(P {y[te][sel].mean() if sel.any() else 0:.2f}, of {int(y[te].sum())})")
            print(f"  {name:<26} C={C:<5} " + "  ".join(cells))


if __name__ == "__main__":
    main()
