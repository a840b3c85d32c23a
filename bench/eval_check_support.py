"""The ``unsupported`` rule of ``comparator check`` against the gold events' fact annotations.

    python bench/eval_check_support.py --data ../shared/data [--sweep]

Each article of each gold event (``<data>/gold-dev/<event>/``) is checked as a draft
against the event's other articles. A gold story sentence of the draft in its own
(or mixed) voice is *truly unsupported* when no gold fact links it to a sentence of
another outlet. A flagged draft sentence is scored by the gold sentences it overlaps:
a hit when any of them is truly unsupported. Precision = hits / flagged; recall =
truly unsupported sentences flagged / truly unsupported. ``--sweep`` prints the
same figures per event over a grid of the two bars (cosine, lexical) of
:mod:`comparator.check.support`, to choose them on some events and read them on the others.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _gold(event_json: Path) -> tuple[dict, dict]:
    """(sentences by file, the set of sentence ids linked to another outlet's sentence by a fact)."""
    gold = json.loads(event_json.read_text(encoding="utf-8"))
    by_file: dict[str, list[dict]] = {}
    for s in gold["sentences"]:
        by_file.setdefault(s["file"], []).append(s)
    linked = set()
    for fact in gold["facts"]:
        files = {sid.split("#")[0] for sid in fact["sentences"]}
        if len(files) >= 2:
            linked.update(fact["sentences"])
    return by_file, linked


def _scores(draft: Path, others: list[Path], encoder) -> list[tuple[int, int, float, float]]:
    """(start, end, cosine, lexical) of every unaligned candidate sentence of the draft (bars at 1.0)."""
    import comparator.check.support as support
    from comparator.check.runner import _load_draft
    from comparator.config import Settings
    from comparator.load import load_articles
    from comparator.pipeline import compare

    settings = Settings()
    sources = load_articles(others, settings=settings)
    d = _load_draft(draft, settings, {a.id for a in sources})
    comp = compare([d, *sources], settings=settings, encoder=encoder)
    ids = [a.id for a in sources if a.id in {x.id for x in comp.articles}]
    saved = support.MAX_COSINE, support.MAX_LEXICAL
    support.MAX_COSINE, support.MAX_LEXICAL = 2.0, 2.0
    try:
        found = support.unsupported_claims(comp, d.id, ids, encoder)
    finally:
        support.MAX_COSINE, support.MAX_LEXICAL = saved
    return [(c.start, c.end, cos, lex) for c, cos, lex in found]


def _score(rows, cos_bar: float, lex_bar: float) -> tuple[int, int, int, int]:
    """(flagged, hits, truly unsupported, truly unsupported flagged) over rows of (scores, gold, linked)."""
    flagged = hits = truth = caught = 0
    for scores, sentences, linked in rows:
        own = [s for s in sentences if s["kind"] == "story" and s["voice"] in ("authorial", "mixed")]
        unsupported = {s["id"] for s in own if s["id"] not in linked}
        truth += len(unsupported)
        marked = set()
        for start, end, cos, lex in scores:
            if cos >= cos_bar or lex >= lex_bar:
                continue
            flagged += 1
            over = {s["id"] for s in sentences if s["start"] < end and start < s["end"]}
            if over & unsupported:
                hits += 1
            marked |= over & unsupported
        caught += len(marked)
    return flagged, hits, truth, caught


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    parser.add_argument("--sweep", action="store_true")
    args = parser.parse_args(argv)
    import comparator.check.support as support
    from comparator.config import Settings
    from comparator.embed import load_encoder

    root = Path(args.data) / "gold-dev"
    encoder = load_encoder(Settings())
    per_event: dict[str, list] = {}
    for gold_file in sorted(root.glob("*.gold.json")):
        event = root / gold_file.name.removesuffix(".gold.json")
        by_file, linked = _gold(gold_file)
        files = sorted(p for p in event.iterdir() if p.name in by_file)
        for draft in files:
            rows = _scores(draft, [p for p in files if p != draft], encoder)
            per_event.setdefault(event.name, []).append((rows, by_file[draft.name], linked))
    bars = [(support.MAX_COSINE, support.MAX_LEXICAL)]
    if args.sweep:
        bars = [(c, x) for c in (0.35, 0.4, 0.45, 0.5, 0.55, 0.6) for x in (0.5, 0.55, 0.6, 0.65, 0.7, 2.0)]
    print("| cosine bar | lexical bar | event | flagged | precision | recall |")
    print("|---:|---:|---|---:|---:|---:|")
    for cos_bar, lex_bar in bars:
        pooled = [0, 0, 0, 0]
        for name, rows in per_event.items():
            f, h, t, c = _score(rows, cos_bar, lex_bar)
            pooled = [a + b for a, b in zip(pooled, (f, h, t, c))]
            print(f"| {cos_bar} | {lex_bar} | {name} | {f} | {h / f if f else 0:.3f} | {c / t if t else 0:.3f} |")
        f, h, t, c = pooled
        print(f"| {cos_bar} | {lex_bar} | **pooled** | {f} | **{h / f if f else 0:.3f}** | {c / t if t else 0:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
