"""Story grouping on allsides-dev: pairwise precision and recall, fitted on one half, judged on the other.

    python bench/eval_grouping.py --data ../shared/data [--no-dates]

allsides-dev holds 252 stories (even AllSides story ids) told by left, center
and right outlets. The split is fixed: half A is ``story_id // 2`` even (tune),
half B odd (held out). For each half, every article is grouped by
:func:`comparator.corpus.grouping.group_stories` and scored on the article pairs
put in one event: precision = pairs grouped together that are one story / pairs
grouped together; recall = same-story pairs grouped together / same-story pairs.

The threshold is chosen on A only: the highest recall whose precision is at
least 0.95 (precision first: a false merge fakes corroboration). B is reported
at that threshold. AllSides gives one timestamp per story (every article of a
story carries it), so the date window is easier here than on crawled data;
``--no-dates`` drops dates (every pair is a candidate) for the harder setting:
it fits ``undated_threshold``, the threshold for pairs without dates.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

GRID = [round(0.40 + 0.02 * i, 2) for i in range(26)]
MIN_PRECISION = 0.95


def pairs(labels: list[int]) -> set[tuple[int, int]]:
    by: dict[int, list[int]] = {}
    for n, lab in enumerate(labels):
        by.setdefault(lab, []).append(n)
    return {p for members in by.values() for p in combinations(members, 2)}


def score(pred: list[int], gold: list[int]) -> tuple[float, float, int, int]:
    got, want = pairs(pred), pairs(gold)
    hit = len(got & want)
    return (hit / len(got) if got else 1.0), (hit / len(want) if want else 1.0), len(got), len(want)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--no-dates", action="store_true")
    parser.add_argument("--no-headlines", action="store_true", help="without the identical-headline rule")
    args = parser.parse_args()

    from comparator.config import Settings
    from comparator.corpus.grouping import GroupingSettings, group_stories, key_text, story_keys
    from comparator.embed import load_encoder

    rows = [json.loads(line) for line in (args.data / "allsides-dev" / "articles_dev.jsonl").open()]
    halves = {"A (tune)": [r for r in rows if (r["story_id"] // 2) % 2 == 0],
              "B (held out)": [r for r in rows if (r["story_id"] // 2) % 2 == 1]}
    encoder = load_encoder(Settings())
    keys = {}
    for name, part in halves.items():
        texts = [key_text(r.get("title"), r["text"]) for r in part]
        dates = [None if args.no_dates else r.get("date") for r in part]
        titles = None if args.no_headlines else [r.get("title") for r in part]
        keys[name] = (story_keys(texts, dates, encoder, titles=titles), [r["story_id"] for r in part])

    def run(name: str, threshold: float) -> tuple[float, float, int, int]:
        ks, gold = keys[name]
        grouping = GroupingSettings(threshold=threshold, undated_threshold=threshold if args.no_dates else 1.0)
        return score(group_stories(ks, grouping), gold)

    best, best_key = None, None
    print("threshold  P(A)   R(A)")
    for t in GRID:
        p, r, _, _ = run("A (tune)", t)
        print(f"  {t:.2f}    {p:.3f}  {r:.3f}")
        key = (p >= MIN_PRECISION, r if p >= MIN_PRECISION else p)
        if best_key is None or key > best_key:
            best, best_key = t, key
    for name in halves:
        p, r, got, want = run(name, best)
        stories = len(set(keys[name][1]))
        print(f"{name}: threshold {best:.2f}  pairwise P {p:.3f}  R {r:.3f}  "
              f"({got} pairs grouped, {want} same-story pairs, {len(keys[name][1])} articles, {stories} stories)")


if __name__ == "__main__":
    main()
