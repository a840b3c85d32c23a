"""The comparison-wide alignment rules on STS-B news batches: kept or beaten?

    python bench/eval_sts_rules.py [--data ../shared/data] [--cache-dir DIR]

Re-runs the counterpart study of ``bench/fit_alignment.py`` (STS-B train, news
genre, topical batches of 20 with two-sentence merges; gold: STS score >= 2.5)
with the shipped model three times: with the rules of issue 12 off (paraphrase either
side, no hubness gate, no anchors, no pronoun context, no triangle closure, no
split-part floor, no fact scorer: the previous behaviour), with the rules but
without the comparison-wide fact scorer (:mod:`comparator.fact_scores`), and
as shipped (``comparator/data/alignment.json``). Floors are not re-tuned: both use the
shipped counterpart floor. Prints precision, recall and F1 of the alignments on
all batches, and the split errors. Only numbers are printed.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import add_data_argument, data_dir  # noqa: E402
from bench.fit_alignment import (STS_POSITIVE, batch_alignments, plan_merges,  # noqa: E402
                                 read_sts_news, rule_scores, topical_batches)


def main(argv: list[str] | None = None) -> int:
    parser = add_data_argument(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    parser.add_argument("--cache-dir", default=None, help="embedding cache folder")
    args = parser.parse_args(argv)
    sts = data_dir(args.data, "sts-train", "sts-train.csv")

    from comparator.align import load_model
    from comparator.config import Settings
    from comparator.embed import load_encoder

    shipped = load_model()
    previous = replace(shipped, paraphrase_mutual=False, hub_k=0, hub_margin=-1.0, anchor_floor=None,
                       context=False, closure_floor=None, split_part_floor=0.0,
                       fact_scorer=None, fact_threshold=None, split_fact_floor=0.0)
    without_facts = replace(shipped, fact_scorer=None, fact_threshold=None, split_fact_floor=0.0)
    sa, sb, sy = read_sts_news(sts)
    encoder = load_encoder(Settings(cache_dir=args.cache_dir))
    va, vb = encoder.encode(sa), encoder.encode(sb)
    positive = sy >= STS_POSITIVE
    duplicate = float(np.median(np.sum(va * vb, axis=1)[positive]))
    batches = topical_batches(va, vb, duplicate)
    partner = plan_merges(batches, positive)
    rows = sorted(partner)
    joined = dict(zip(rows, encoder.encode([f"{sa[i]} {sa[partner[i]]}" for i in rows])))
    mask = np.zeros(len(sy), dtype=bool)
    for b in batches:
        mask[b] = True
    print(f"STS-B train news, {int(mask.sum())} pairs in {len(batches)} batches, gold: score >= "
          f"{STS_POSITIVE}; counterpart floor {shipped.counterpart_floor}")
    print("| rules | precision | recall | F1 | alignments | merged recall | split errors |")
    print("|---|---|---|---|---|---|---|")
    for name, model in (("previous (issue-12 rules off)", previous),
                        ("issue-12 rules, no fact scorer", without_facts), ("shipped", shipped)):
        found = batch_alignments(model, sa, sb, va, vb, batches, partner, joined)
        r = rule_scores(found, positive & mask, model.counterpart_floor, partner)
        print(f"| {name} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
              f"{r['alignments']} | {r['merged_recall']:.3f} | {r['split_errors']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
