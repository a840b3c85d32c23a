"""Framing against BASIL (dev split): voice of annotated spans, recall of `lex` spans, precision.

    python bench/eval_basil.py --data ../shared/data [--full] [--limit N] [--show K]

Each BASIL triplet (one event told by three outlets) becomes one comparison;
each article is rebuilt as comparator would see it (one paragraph per line,
sentences joined by a space). Then:

1. Voice accuracy: every annotated span (``quote`` yes/no) against the voice
   comparator gives its text: "quoted" when at least half of the span's
   letters lie in ``Claim.quotes`` (or the claim is quoted without ranges).
2. Lex recall: share of ``lex`` spans overlapped by the evidence of a
   ``framing_label``, ``loaded_language`` or ``wording`` finding.
3. Precision: share of comparator's *authorial* ``loaded_language`` and
   ``framing_label`` evidence spans that overlap any BASIL span (lex or inf)
   of the same article.

Without ``--full`` the comparison has no alignments (spaCy only, fast), so no
``wording`` findings; ``--full`` runs :func:`comparator.compare` (embeddings,
alignment, every detector). Data is read from ``--data`` and never written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import add_data_argument, data_file  # noqa: E402
from comparator.types import Article  # noqa: E402

KINDS = ("framing_label", "loaded_language", "wording")


def rebuild(row: dict) -> tuple[str, list[int]]:
    """Article text and the start offset of every BASIL sentence."""
    text, starts, last = "", [], None
    for s in row["sentences"]:
        if starts:
            text += "\n" if s["paragraph_index"] != last else " "
        starts.append(len(text))
        text += s["text"]
        last = s["paragraph_index"]
    return text, starts


def gold_spans(row: dict, starts: list[int]) -> list[dict]:
    """BASIL phrase spans with article offsets (title spans and unresolved ones skipped)."""
    out = []
    for span in row["phrase_level_annotations"]:
        i = span.get("sentence_index")
        if span.get("id") == "title" or i is None or i < 0 or i >= len(starts):
            continue
        s, e = starts[i] + int(span["start"]), starts[i] + int(span["end"])
        out.append({"start": s, "end": e, "bias": span["bias"], "quote": span["quote"] == "yes",
                    "txt": span["txt"]})
    return out


def compare_triplet(articles: list[Article], full: bool):
    """The Comparison of one triplet, its findings (framing detectors only without ``full``) and the
    detector context (None with ``full``)."""
    if full:
        import comparator

        comp = comparator.compare(articles)
        return comp, list(comp.findings), None
    from comparator.claims import extract_claims
    from comparator.comparison import Comparison
    from comparator.config import Settings
    from comparator.detect import Context
    from comparator.detect.framing import find_framing_labels
    from comparator.detect.loaded import find_loaded_language
    from comparator.entities import add_entities
    from comparator.framing import add_labels
    from comparator.nlp import parse_articles

    docs = parse_articles(articles)
    claims = tuple(c for a in articles for c in extract_claims(a, docs[a.id]))
    comp = Comparison(articles=tuple(articles), claims=claims)
    ctx = Context(settings=Settings(), docs=docs)
    comp = add_labels(add_entities(comp, ctx), ctx)
    return comp, find_framing_labels(comp, ctx) + find_loaded_language(comp, ctx), ctx


def quoted_share(claims, start: int, end: int) -> bool:
    """Comparator's voice for a span: quoted when >= half its letters lie in ``Claim.quotes``."""
    for c in claims:
        if c.start <= start < c.end:
            if not c.quotes:
                return c.voice == "quoted"
            letters = list(range(start, min(end, c.end)))
            inside = [i for i in letters if any(qs <= i < qe for qs, qe in c.quotes)]
            return bool(letters) and len(inside) * 2 >= len(letters)
    return False


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main() -> None:
    parser = add_data_argument(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    parser.add_argument("--full", action="store_true", help="run the whole pipeline (embeddings, wording)")
    parser.add_argument("--limit", type=int, default=None, help="first N triplets only")
    parser.add_argument("--show", type=int, default=0, help="print K misses and K false alarms")
    parser.add_argument("--cv", action="store_true",
                        help="leave-one-year-out and leave-one-source-out scores of the selection parameters")
    parser.add_argument("--fit", action="store_true",
                        help="--cv, then write the setting chosen on all dev articles to comparator/data/framing.json")
    args = parser.parse_args()
    if args.cv or args.fit:
        from bench._cv_report import cross_validate

        cross_validate(args, rebuild, gold_spans, compare_triplet)
        return
    path = data_file(args.data, "basil-dev", "basil_dev.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    triplets: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        triplets[row["triplet_uuid"]].append(row)
    keys = sorted(triplets)[: args.limit] if args.limit else sorted(triplets)

    voice_ok = voice_n = 0
    lex_hit = lex_n = 0
    prec_hit = prec_n = 0
    by_cat: Counter = Counter()
    by_cat_hit: Counter = Counter()
    misses, alarms, wrong = [], [], []
    for key in keys:
        group = sorted(triplets[key], key=lambda r: r["source"].lower())
        articles, gold = [], {}
        for i, row in enumerate(group):
            text, starts = rebuild(row)
            aid = f"{row['source'].lower()}{i}"
            articles.append(Article(id=aid, outlet=row["source"].lower(), text=text))
            gold[aid] = gold_spans(row, starts)
        comp, findings, _ = compare_triplet(articles, args.full)
        evidence = defaultdict(list)
        own = defaultdict(list)
        for f in findings:
            if f.kind not in KINDS:
                continue
            for ev in f.evidence:
                evidence[ev.article].append((ev.start, ev.end))
                if f.kind in ("framing_label", "loaded_language") and ev.voice == "authorial":
                    cat = f.details.get("category") or ",".join(f.details.get("categories", [])) or "label"
                    own[ev.article].append((ev.start, ev.end, cat, ev.text))
        for a in articles:
            claims = comp.claims_of(a.id)
            for g in gold[a.id]:
                voice_n += 1
                said = quoted_share(claims, g["start"], g["end"])
                voice_ok += said == g["quote"]
                if said != g["quote"]:
                    wrong.append(f"{'quoted' if g['quote'] else 'authorial'} span read as "
                                 f"{'quoted' if said else 'authorial'}: {a.text[max(0, g['start'] - 50):g['end'] + 30]!r}")
                if g["bias"] == "lex":
                    lex_n += 1
                    hit = any(overlaps((g["start"], g["end"]), e) for e in evidence[a.id])
                    lex_hit += hit
                    if not hit:
                        misses.append(g["txt"])
            for s, e, cat, text in sorted(set(own[a.id])):
                ok = any(overlaps((s, e), (g["start"], g["end"])) for g in gold[a.id])
                prec_n += 1
                prec_hit += ok
                by_cat[cat] += 1
                by_cat_hit[cat] += ok
                if not ok:
                    alarms.append(f"{cat}: {text}")
    print(f"triplets: {len(keys)}  articles: {sum(len(triplets[k]) for k in keys)}  mode: "
          f"{'full pipeline' if args.full else 'framing only (no alignments)'}")
    print(f"voice accuracy: {voice_ok / max(voice_n, 1):.3f}  ({voice_ok}/{voice_n} annotated spans)")
    print(f"lex recall:     {lex_hit / max(lex_n, 1):.3f}  ({lex_hit}/{lex_n} lex spans)")
    print(f"precision:      {prec_hit / max(prec_n, 1):.3f}  ({prec_hit}/{prec_n} authorial evidence spans)")
    for cat in sorted(by_cat):
        print(f"  {cat:<22} {by_cat_hit[cat]:>3}/{by_cat[cat]:<3} overlap a BASIL span")
    if args.show:
        print("missed lex spans:", misses[: args.show])
        print("unmatched authorial evidence:", alarms[: args.show])
        print("voice errors:", *wrong[: args.show], sep="\n  ")


if __name__ == "__main__":
    main()
