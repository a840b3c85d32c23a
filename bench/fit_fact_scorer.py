"""Fit the comparison-wide fact scorer and choose its two operating points by leave-one-event-out.

    python bench/fit_fact_scorer.py --data ../shared/data [--write]

For every gold-dev event this runs ``comparator.compare`` once (claims and
vectors, machinery of ``bench/tune_alignment.py``), collects the
:func:`comparator.fact_scores.pair_features` of every cross-outlet pair of
claims (:func:`comparator.align.align_claims` with ``features=``) and labels a
pair positive when the two claims' gold sentences share a fact (goldcheck's
definition). A standardised logistic regression (scikit-learn, C=1) over those
features is the fact scorer.

Two operating points of :func:`comparator.align.align_claims` use it:
``split_fact_floor`` (each part of a split needs this fact score) and
``fact_threshold`` (a pair that is the best of its row or column aligns from
this fact score, method ``+fact``). Selection rule, fixed before looking: the
best pooled alignment F1 among the settings whose precision is >= 0.85 on every
training event (none: pooled precision >= 0.85; none: the most precise).
Scores on the training events come from scorers fitted without that event
(nested leave-one-event-out), so thresholds are never chosen on in-sample
scores. Each event is held out in turn: fitted and chosen on the other three,
scored on it ("LOEO", the figures to report). ``--write`` stores the scorer
fitted on all four and the setting the same rule picks (on all four, from
leave-one-out scores) in ``comparator/data/alignment.json``. Only numbers are
printed; no text or label leaves the data folder.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import add_data_argument, data_dir  # noqa: E402
from bench._loeo import held_out_table, pool  # noqa: E402
from bench.tune_alignment import _align, load_event, score  # noqa: E402

SPLIT_FLOORS = [0.0, 0.2, 0.3, 0.4]
THRESHOLDS = [0.7, 0.8, 0.9, 0.95, None]  # None: no +fact rule (the split gate alone)
ALIGN_P = 0.85
C = 1.0


def collect(ev, base):
    """Features (n, k) and labels (n,) of every cross-outlet claim pair of one event."""
    import numpy as np

    from comparator.align import align_claims

    feats: dict = {}
    align_claims(ev.comparable, ev.vectors, model=dataclasses.replace(base, fact_scorer=None),
                 features=feats)
    facts = {cid: {f for g in gs for f in ev.facts_of.get(g, ())} for cid, gs in ev.claim_gold.items()}
    xs, ys = [], []
    for ids_a, ids_b, stacked in feats.values():
        for r, a in enumerate(ids_a):
            for c, b in enumerate(ids_b):
                xs.append(stacked[r, c])
                ys.append(bool(facts[a] & facts[b]))
    return np.array(xs), np.array(ys)


def fit(data, names):
    """A FactScorer fitted on the pooled pairs of ``names``."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from comparator.fact_scores import FEATURES, FactScorer

    x = np.vstack([data[n][0] for n in names])
    y = np.concatenate([data[n][1] for n in names])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    lr = LogisticRegression(C=C, max_iter=5000).fit((x - mean) / scale, y)
    return FactScorer(features=FEATURES, mean=tuple(round(float(v), 6) for v in mean),
                      scale=tuple(round(float(v), 6) for v in scale),
                      coef=tuple(round(float(v), 6) for v in lr.coef_[0]),
                      intercept=round(float(lr.intercept_[0]), 6))


def run(ev, base, scorer, floor, threshold) -> dict[str, int]:
    from comparator.align import align_claims

    model = dataclasses.replace(base, fact_scorer=scorer, split_fact_floor=floor,
                                fact_threshold=threshold)
    return score(ev, align_claims(ev.comparable, ev.vectors, model=model), [])


def choose(rows: dict) -> tuple:
    """The rule of the module docstring over ``rows``: setting -> list of per-event counts."""
    def fig(key):
        return _align(pool(rows[key]))
    strict = [k for k in rows if all(_align(r)[0] >= ALIGN_P for r in rows[k])]
    loose = [k for k in rows if fig(k)[0] >= ALIGN_P]
    if strict or loose:
        return max(strict or loose, key=lambda k: (fig(k)[2], fig(k)[0]))
    return max(rows, key=lambda k: fig(k)[0])


def ceiling(data, names) -> None:
    """Print what any threshold on the held-out fact score could reach, and why gold pairs are hard.

    Every cross-outlet claim pair of an event is ranked by a scorer fitted on the other three
    events (no rules, no best-of-row condition); pooled over the four held-out rankings.
    """
    import numpy as np
    from sklearn.metrics import precision_recall_curve

    from comparator.fact_scores import FEATURES

    scores = np.concatenate([fit(data, [m for m in names if m != n]).score(data[n][0]) for n in names])
    y = np.concatenate([data[n][1] for n in names])
    p, r, _ = precision_recall_curve(y, scores)
    f1 = 2 * p * r / np.maximum(p + r, 1e-9)
    best = int(np.argmax(f1))
    at = p >= ALIGN_P
    print(f"ceiling of the held-out fact score over all {len(y)} pairs ({int(y.sum())} gold): recall at "
          f"precision >= {ALIGN_P} {r[at].max():.3f} (F1 {f1[at].max():.3f}); best F1 {f1[best]:.3f} "
          f"(P {p[best]:.3f} R {r[best]:.3f})")
    x = np.vstack([data[n][0] for n in names])
    gold, cos = x[y], FEATURES.index("cosine")
    rr, cr = FEATURES.index("row_rank"), FEATURES.index("column_rank")
    print(f"gold pairs neither the best of their row nor of their column: {np.mean((gold[:, rr] > 0) & (gold[:, cr] > 0)):.3f}; "
          f"cosine < 0.5: {np.mean(gold[:, cos] < 0.5):.3f}; pairs at cosine >= 0.5: "
          f"{int((x[:, cos] >= 0.5).sum())}, of which gold {int((gold[:, cos] >= 0.5).sum())}")


def main(argv: list[str] | None = None) -> int:
    parser = add_data_argument(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    parser.add_argument("--write", action="store_true", help="store the fit in alignment.json")
    parser.add_argument("--ceiling", action="store_true",
                        help="only the ceiling of a pair ranking (no rules, no grid): fast")
    args = parser.parse_args(argv)
    gold = data_dir(args.data, "gold-dev")

    from comparator.align import MODEL_FILE, align_claims, load_model
    from comparator.config import load_settings
    from comparator.embed import load_encoder

    encoder = load_encoder(load_settings())
    events = {p.name: load_event(p, encoder) for p in sorted(gold.iterdir()) if p.is_dir()}
    names = sorted(events)
    base = load_model()
    data = {n: collect(events[n], base) for n in names}
    ceiling(data, names)
    if args.ceiling:
        return 0
    settings = [(f, t) for f in SPLIT_FLOORS for t in THRESHOLDS]
    out_of_fold: dict[tuple[str, ...], object] = {}

    def scorer_without(held: tuple[str, ...]):
        key = tuple(sorted(held))
        if key not in out_of_fold:
            out_of_fold[key] = fit(data, [n for n in names if n not in key])
        return out_of_fold[key]

    cache: dict = {}

    def counts(name: str, held: tuple[str, ...], setting) -> dict[str, int]:
        key = (name, tuple(sorted(held)), setting)
        if key not in cache:
            cache[key] = run(events[name], base, scorer_without(held), *setting)
        return cache[key]

    def choose_on(train: list[str]) -> tuple:
        # each training event scored by a scorer fitted without it (and without the held-out one)
        outside = tuple(n for n in names if n not in train)
        return choose({s: [counts(n, outside + (n,), s) for n in train] for s in settings})

    print("pairs per event: " + ", ".join(f"{n} {len(data[n][1])} ({int(data[n][1].sum())} positive)"
                                          for n in names))
    without = dataclasses.replace(base, fact_scorer=None, fact_threshold=None, split_fact_floor=0.0)
    base_rows = [score(events[n], align_claims(events[n].comparable, events[n].vectors, model=without), [])
                 for n in names]
    print("rules without the fact scorer: " + " / ".join(
        f"{n} P {_align(r)[0]:.3f} R {_align(r)[1]:.3f}" for n, r in zip(names, base_rows))
        + " | pooled P/R/F1 " + " / ".join(f"{v:.3f}" for v in _align(pool(base_rows))))
    print()
    held_out_table(names, lambda train: choose_on(train),
                   lambda s, name: counts(name, (name,), s), _align,
                   setting="(split_fact_floor, fact_threshold) chosen on the other three",
                   columns=("P", "R", "F1"))
    shipped = choose({s: [counts(n, (n,), s) for n in names] for s in settings})
    rows = [counts(n, (n,), shipped) for n in names]
    print(f"\nchosen on all four (leave-one-out scores): {shipped}: per event P "
          + ", ".join(f"{_align(r)[0]:.3f}" for r in rows)
          + "; pooled P/R/F1 " + " / ".join(f"{v:.3f}" for v in _align(pool(rows))))
    if args.write:
        final = fit(data, names)
        path = Path(__file__).resolve().parent.parent / "comparator" / "data" / MODEL_FILE
        model = json.loads(path.read_text(encoding="utf-8"))
        model["fact_scorer"] = {"features": list(final.features), "mean": list(final.mean),
                                "scale": list(final.scale), "coef": list(final.coef),
                                "intercept": final.intercept}
        model["split_fact_floor"], model["fact_threshold"] = shipped
        path.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
