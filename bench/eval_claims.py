"""Claims: sentence boundaries, quote detection and speakers against BASIL (dev split).

    python bench/eval_claims.py --data ../shared/data [--limit N] [--show K]

Each BASIL article is rebuilt as comparator would see it: one paragraph per
line, the paragraph's sentences joined by a space. Then:

1. Sentence boundaries: precision/recall/F1 of comparator's sentence starts
   against BASIL's sentence list (paragraph starts, which are given, excluded).
2. Quotes: every BASIL phrase span labelled ``quote`` yes/no; comparator says
   "quoted" when at least half of the span's letters lie in ``Claim.quotes``
   (of every claim the span covers: a span may run over several sentences).
3. Speakers: for quoted spans whose BASIL speaker is a named person (its last
   part is the last word of a PERSON entity of the article), the share where
   comparator's speaker is that surname.
4. Boilerplate false alarms: BASIL bodies are story text only, so every
   claim flagged as boilerplate is a false alarm.
5. Speed: seconds per article for parse + claims (model load excluded).

Data is read from ``--data`` and never written anywhere.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import add_data_argument, data_file  # noqa: E402
from comparator.claims import extract_claims  # noqa: E402
from comparator.nlp import load_nlp, parse_articles  # noqa: E402
from comparator.types import Article  # noqa: E402


def rebuild(row: dict) -> tuple[str, list[int], list[int]]:
    """Article text, the start offset of every BASIL sentence, and which start a paragraph."""
    text, starts, para_starts, last_para = "", [], [], None
    for s in row["sentences"]:
        if last_para is not None:
            text += "\n" if s["paragraph_index"] != last_para else " "
        if s["paragraph_index"] != last_para:
            para_starts.append(len(text))
        starts.append(len(text))
        text += s["text"]
        last_para = s["paragraph_index"]
    return text, starts, para_starts


def main() -> None:
    parser = add_data_argument(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--show", type=int, default=0, help="print K errors of each kind")
    args = parser.parse_args()
    path = data_file(args.data, "basil-dev", "basil_dev.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[: args.limit] if args.limit else rows

    load_nlp()
    articles, gold = [], []
    for i, row in enumerate(rows):
        text, starts, para_starts = rebuild(row)
        articles.append(Article(id=f"a{i}", outlet=row["source"].lower(), text=text))
        gold.append((starts, para_starts))
    t0 = time.perf_counter()
    docs = parse_articles(articles)
    claims = {a.id: extract_claims(a, docs[a.id]) for a in articles}
    seconds = (time.perf_counter() - t0) / len(articles)
    words = sum(len(a.text.split()) for a in articles) / len(articles)

    t1 = time.perf_counter()
    for a in articles:
        extract_claims(a, docs[a.id])
    claims_s = (time.perf_counter() - t1) / len(articles)
    # a BASIL speaker counts as a named person when its last part is a PERSON surname in the text
    people = {a.id: {e[-1].text for e in docs[a.id].ents if e.label_ == "PERSON"} for a in articles}
    tp = fp = fn = 0
    q = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    spk_ok = spk_n = 0
    errors: dict[str, list[str]] = {"boundary": [], "quote": [], "speaker": []}
    for article, row, (starts, para_starts) in zip(articles, rows, gold):
        mine = {c.start for c in claims[article.id]} - set(para_starts)
        theirs = set(starts) - set(para_starts)
        tp, fp, fn = tp + len(mine & theirs), fp + len(mine - theirs), fn + len(theirs - mine)
        for off in sorted(mine ^ theirs)[:1]:
            errors["boundary"].append(repr(article.text[max(0, off - 60):off + 40]))
        by_claim = claims[article.id]
        all_quotes = [r for c in by_claim for r in c.quotes]
        for span in row["phrase_level_annotations"]:
            if span.get("sentence_index") is None or span.get("id") == "title":
                continue
            s = starts[span["sentence_index"]] + span["start"]
            e = starts[span["sentence_index"]] + span["end"]
            letters = [i for i in range(s, min(e, len(article.text))) if article.text[i].isalnum()]
            claim = next((c for c in by_claim if c.start <= s < c.end), None)
            if not letters or claim is None:
                continue
            # a span may run over several sentences: count its letters in any claim's quotes
            inside = sum(1 for i in letters if any(a <= i < b for a, b in all_quotes))
            pred, want = inside * 2 >= len(letters), span.get("quote") == "yes"
            q[("t" if pred == want else "f") + ("p" if pred else "n")] += 1
            if pred != want:
                errors["quote"].append(f"gold={want} {claim.text[:160]!r} span={span['txt']!r}")
            speaker = span.get("speaker") or ""
            if want and pred and speaker.split("_")[-1] in people[article.id]:
                spk_n += 1
                surname = speaker.split("_")[-1].lower()
                if (claim.speaker or "").lower().endswith(surname):
                    spk_ok += 1
                else:
                    errors["speaker"].append(f"gold={speaker} got={claim.speaker} {claim.text[:140]!r}")

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    bp, br = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    qp, qr = q["tp"] / max(q["tp"] + q["fp"], 1), q["tp"] / max(q["tp"] + q["fn"], 1)
    print(f"articles: {len(articles)} (mean {words:.0f} words); parse+claims {seconds:.3f} s/article "
          f"(claims alone {claims_s:.3f})")
    print(f"sentence boundaries: P={bp:.3f} R={br:.3f} F1={f1(bp, br):.3f} (tp={tp} fp={fp} fn={fn})")
    print(f"quoted spans: P={qp:.3f} R={qr:.3f} F1={f1(qp, qr):.3f} "
          f"accuracy={(q['tp'] + q['tn']) / max(sum(q.values()), 1):.3f} ({q})")
    print(f"speaker = gold surname: {spk_ok}/{spk_n} = {spk_ok / max(spk_n, 1):.3f}")
    flagged = [c for cl in claims.values() for c in cl if c.boilerplate]
    total = sum(len(cl) for cl in claims.values())
    print(f"boilerplate on BASIL story sentences (false alarms): {len(flagged)}/{total}")
    for c in flagged[: args.show]:
        errors.setdefault("boilerplate", []).append(f"{c.boilerplate_reason}: {c.text[:140]!r}")
    for kind, items in errors.items():
        for item in items[: args.show]:
            print(f"  [{kind}] {item}")


if __name__ == "__main__":
    main()
