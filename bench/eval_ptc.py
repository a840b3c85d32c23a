"""Loaded language against the Propaganda Techniques Corpus (SemEval-2020 Task 11, train split).

    python bench/eval_ptc.py --data ../shared/data [--limit N] [--show K]

Every article is parsed as comparator parses an article; loaded-language
candidates are found and selected exactly as the ``loaded_language`` detector
does (context rules, VADER prior, the parameters chosen on BASIL by
cross-validation: a transfer test, nothing is tuned on PTC). ``--before``
matches the bare lexicon instead (the pre-issue-13 behaviour). Then, against
the gold spans of ``Loaded_Language`` and ``Name_Calling,Labeling``:

- precision: share of comparator's spans that overlap a gold span of those two
  techniques (and, for reference, of any technique);
- recall: share of those gold spans that overlap one of comparator's spans;
- the same precision for the spans in the outlet's own voice only;
- the SemEval-2020 Task 11 span-identification measure (Da San Martino et al.
  2020): precision and recall with partial credit for character overlap,
  restricted to the two techniques (the task's reference F1 ~0.5 is over all
  14 techniques with trained models, so it is a scale, not a like-for-like
  comparison).

Data is read from ``--data`` and never written anywhere.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import add_data_argument, data_dir  # noqa: E402
from comparator.types import Article  # noqa: E402

TARGET = ("Loaded_Language", "Name_Calling,Labeling")
#: Lexicon categories that are loaded language or labelling in PTC's sense (certainty, hedging and
#: verbs of saying are other techniques, or none).
LOADED_CATEGORIES = ("epithet", "evaluative", "intensifier", "partisan_identity", "scare_term",
                     "conflict_verb", "immigration_term")


def gold(labels: Path) -> list[tuple[str, int, int]]:
    out = []
    if labels.is_file():
        for line in labels.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 4:
                out.append((parts[1], int(parts[2]), int(parts[3])))
    return out


def _overlap(span: tuple[int, int], others: list[tuple[int, int]]) -> int:
    """Characters of ``span`` covered by the union of ``others``."""
    covered = set()
    for s, e in others:
        covered.update(range(max(s, span[0]), min(e, span[1])))
    return len(covered)


def main() -> None:
    parser = add_data_argument(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--lexicon", action="append", default=[], help="extra lexicon file(s)")
    parser.add_argument("--show", type=int, default=0, help="print the K most frequent misses/false alarms")
    parser.add_argument("--before", action="store_true", help="bare lexicon matches (pre-issue-13 behaviour)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override one selection parameter for a what-if run (e.g. subjectivity_min=0.8); "
                             "the shipped setting is the one chosen on BASIL")
    args = parser.parse_args()
    root = data_dir(args.data, "ptc-train")
    files = sorted((root / "train-articles").glob("article*.txt"))
    files = files[: args.limit] if args.limit else files

    from comparator.claims import extract_claims
    from comparator.config import Settings
    from comparator.framing.lexicon import lexicon_for
    from comparator.framing.match import find_terms
    from comparator.framing.voice import ClaimIndex
    from comparator.nlp import parse_articles

    from comparator.comparison import Comparison
    from comparator.detect import Context
    from comparator.framing.candidates import article_candidates, selected
    from comparator.framing.params import shipped

    settings = Settings(lexicons=tuple(args.lexicon))
    lex = lexicon_for(settings)
    params = shipped()
    for item in args.set:
        import dataclasses

        name, _, value = item.partition("=")
        params = dataclasses.replace(params, **{name: float(value)})
    if args.set:
        print(f"what-if setting: {params}")
    si_p_num = si_p_den = si_r_num = si_r_den = 0.0
    articles = [Article(id=f.stem.replace("article", ""), outlet="ptc",
                        text=open(f, encoding="utf-8").read()) for f in files]
    docs = parse_articles(articles)
    hit = n = own_hit = own_n = any_hit = 0
    g_hit = g_n = cat_recall = 0
    per_cat: Counter = Counter()
    per_cat_hit: Counter = Counter()
    missed: Counter = Counter()
    alarms: Counter = Counter()
    for a in articles:
        spans = gold(root / "train-labels-task2-technique-classification" / f"article{a.id}.task2-TC.labels")
        target = [(s, e) for t, s, e in spans if t in TARGET]
        claims = extract_claims(a, docs[a.id])
        mine = []
        if args.before:
            index = ClaimIndex(claims)
            for m in find_terms(lex, docs[a.id]):
                voice = index.voice(a.id, m.start, m.end).voice
                mine.append((m.start, m.end, m.entry.category, voice, m.text))
        else:
            comp = Comparison(articles=(a,), claims=claims)
            ctx = Context(settings=settings, docs={a.id: docs[a.id]})
            for c in article_candidates(comp, ctx, a.id):
                if selected(c, params):
                    mine.append((c.start, c.end, c.category, c.voice, c.text))
        si_p_num += sum(_overlap((s, e), target) / max(e - s, 1) for s, e, *_ in mine)
        si_p_den += len(mine)
        si_r_num += sum(_overlap((gs, ge), [(s, e) for s, e, *_ in mine]) / max(ge - gs, 1) for gs, ge in target)
        si_r_den += len(target)
        for s, e, cat, voice, text in mine:
            ok = any(s < ge and gs < e for gs, ge in target)
            n += 1
            hit += ok
            any_hit += any(s < ge and gs < e for _, gs, ge in spans)
            per_cat[cat] += 1
            per_cat_hit[cat] += ok
            if voice == "authorial":
                own_n += 1
                own_hit += ok
            if not ok:
                alarms[text.lower()] += 1
        for gs, ge in target:
            g_n += 1
            found = any(s < ge and gs < e for s, e, *_ in mine)
            cat_recall += any(s < ge and gs < e for s, e, cat, *_ in mine if cat in LOADED_CATEGORIES)
            g_hit += found
            if not found:
                missed[a.text[gs:ge].lower()] += 1
    p, r = hit / max(n, 1), g_hit / max(g_n, 1)
    print(f"articles: {len(articles)}  gold spans ({' + '.join(TARGET)}): {g_n}  comparator spans: {n}")
    print(f"precision: {p:.3f} ({hit}/{n})  [any technique: {any_hit / max(n, 1):.3f}]")
    print(f"recall:    {r:.3f} ({g_hit}/{g_n})")
    print(f"F1:        {2 * p * r / max(p + r, 1e-9):.3f}")
    sp, sr = si_p_num / max(si_p_den, 1), si_r_num / max(si_r_den, 1)
    print(f"SemEval-2020 SI measure (partial overlap credit): P {sp:.3f}  R {sr:.3f}  "
          f"F1 {2 * sp * sr / max(sp + sr, 1e-9):.3f}")
    print(f"precision, own voice only: {own_hit / max(own_n, 1):.3f} ({own_hit}/{own_n})")
    ln = sum(per_cat[c] for c in LOADED_CATEGORIES)
    lh = sum(per_cat_hit[c] for c in LOADED_CATEGORIES)
    print(f"precision, {'/'.join(LOADED_CATEGORIES)} only: {lh / max(ln, 1):.3f} ({lh}/{ln})")
    print(f"recall, {'/'.join(LOADED_CATEGORIES)} only: {cat_recall / max(g_n, 1):.3f} ({cat_recall}/{g_n}); "
          f"F1 {2 * (lh / max(ln, 1)) * (cat_recall / max(g_n, 1)) / max(lh / max(ln, 1) + cat_recall / max(g_n, 1), 1e-9):.3f}")
    for cat in sorted(per_cat):
        print(f"  {cat:<20} {per_cat_hit[cat]:>4}/{per_cat[cat]:<4}")
    if args.show:
        print("most frequent false alarms:", alarms.most_common(args.show))
        print("most frequent misses:", missed.most_common(args.show))


if __name__ == "__main__":
    main()
