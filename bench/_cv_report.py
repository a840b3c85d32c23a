"""``eval_basil.py --cv/--fit``: build the per-article candidate data and print the cross-validation."""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from pathlib import Path

from bench._data import data_file
from bench._framing_cv import (ArticleData, category_counts, choose, pooled, run_cv, score, warning_categories,
                               wilson_lower)
from comparator.types import Article

PARAMS_FILE = Path(__file__).resolve().parent.parent / "comparator" / "data" / "framing.json"


def _params_dict(p) -> dict:
    out = {"categories": list(p.categories), "valence_pos": list(p.valence_pos), "valence_min": p.valence_min,
           "positive_weight": p.positive_weight, "subjectivity_min": p.subjectivity_min,
           "polarity_min": p.polarity_min}
    if p.warning_categories is not None:
        out["warning_categories"] = list(p.warning_categories)
    return out


def collect(args, rebuild, gold_spans, compare_triplet) -> tuple[list[ArticleData], tuple[str, ...]]:
    from comparator.framing.candidates import article_candidates
    from comparator.framing.common import lexicon

    path = data_file(args.data, "basil-dev", "basil_dev.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    triplets: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        triplets[row["triplet_uuid"]].append(row)
    keys = sorted(triplets)[: args.limit] if args.limit else sorted(triplets)
    arts: list[ArticleData] = []
    categories: tuple[str, ...] = ()
    for key in keys:
        group = sorted(triplets[key], key=lambda r: r["source"].lower())
        articles, gold, meta = [], {}, {}
        for i, row in enumerate(group):
            text, starts = rebuild(row)
            aid = f"{row['source'].lower()}{i}"
            articles.append(Article(id=aid, outlet=row["source"].lower(), text=text))
            gold[aid] = gold_spans(row, starts)
            meta[aid] = (row["file"].split("/")[1], row["source"].lower())
        comp, findings, ctx = compare_triplet(articles, False)
        categories = tuple(sorted(lexicon(ctx).categories))
        for a in articles:
            fixed_all, fixed_own = [], []
            for f in findings:
                if f.kind == "framing_label" or f.details.get("origin") == "scare_quotes":
                    for ev in f.evidence:
                        if ev.article == a.id:
                            fixed_all.append((ev.start, ev.end))
                            if ev.voice == "authorial":
                                fixed_own.append((ev.start, ev.end))
            arts.append(ArticleData(year=meta[a.id][0], source=meta[a.id][1], gold=gold[a.id],
                                    candidates=article_candidates(comp, ctx, a.id), fixed_all=fixed_all,
                                    fixed_own=fixed_own, text=a.text))
    return arts, categories


def _fmt(s: dict) -> str:
    return f"R {s['recall']:.3f} ({s['lex']})  P {s['precision']:.3f} ({s['own']})"


def cross_validate(args, rebuild, gold_spans, compare_triplet) -> None:
    arts, categories = collect(args, rebuild, gold_spans, compare_triplet)
    out = {"method": "grid search, highest training precision at training lex recall >= 0.5 (bench/_framing_cv.py)",
           "folds": {}}
    for by in ("year", "source"):
        rows = run_cv(arts, categories, by)
        print(f"leave-one-{by}-out (held-out scores; setting chosen on the other {by}s):")
        for r in rows:
            print(f"  {r['held_out']:<6} test {_fmt(r['test'])}   train {_fmt(r['train'])}   "
                  f"pos={'+'.join(r['params'].valence_pos) or '-'} vmin={r['params'].valence_min} "
                  f"pos_w={r['params'].positive_weight} subj={r['params'].subjectivity_min}/{r['params'].polarity_min} "
                  f"floor={r['category_floor']} "
                  f"dropped={sorted(set(categories) - set(r['params'].categories))}")
        pool = pooled(rows, arts, by)
        print(f"  pooled held-out: {_fmt(pool)}")
        out["folds"][by] = [{"held_out": r["held_out"], "test": r["test"], "train": r["train"],
                             "params": _params_dict(r["params"])} for r in rows]
        out["folds"][by + "_pooled"] = pool
    # ablation: what the published prior and the context rules give without the hand lexicon's categories
    rows = run_cv(arts, (), "year")
    print(f"ablation, VADER + context rules only (no hand-lexicon category; style-guide entries kept), "
          f"leave-one-year-out pooled: {_fmt(pooled(rows, arts, 'year'))}")
    out["ablation_no_hand_categories_year_pooled"] = pooled(rows, arts, "year")
    floor, params, tr = choose(arts, categories)
    print(f"chosen on all dev articles (in-sample, for reference only): {_fmt(tr)}  {_params_dict(params)}")
    for by in ("year", "source"):
        for key in sorted({getattr(a, by) for a in arts}):
            print(f"  in-sample {by} {key}: {_fmt(score([a for a in arts if getattr(a, by) == key], params))}")
    counts = category_counts(arts, params)
    print("own-voice precision per category on all dev articles (severity: warning when the Wilson lower "
          "bound >= 0.4):")
    for k, (h, n) in sorted(counts.items()):
        print(f"  {k:<20} {h:>3}/{n:<3} = {h / n:.2f}  lower bound {wilson_lower(h, n):.2f}")
    params = dataclasses.replace(params, warning_categories=warning_categories(arts, params))
    print(f"warning categories: {list(params.warning_categories)}")
    if args.fit:
        out["category_precision"] = {k: f"{h}/{n}" for k, (h, n) in sorted(counts.items())}
        out["selected"] = _params_dict(params)
        out["selected_category_floor"] = floor
        PARAMS_FILE.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {PARAMS_FILE}")
