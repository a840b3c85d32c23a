"""Divergent facts: false alarms on paraphrases and recall on perturbed paraphrases (MRPC train).

    python bench/eval_divergence.py --data ../shared/data [--limit N] [--show K]

1. False alarms: every MRPC train pair labelled 1 (paraphrase) is treated as an
   aligned pair of two one-sentence articles; the share flagged with a
   ``divergent_fact`` is reported (target <= 5%), also per ``details.type``
   (quote_wording flags the same quotation worded differently, which MRPC's
   paraphrase label does not rule out: it is shown apart).
2. Recall: from the same pairs, the script picks (fixed seed) one number, month
   or person surname written identically in both sentences and changes
   it in the first sentence; the share flagged with a ``divergent_fact`` whose
   evidence covers the changed token (and the unchanged one in the other
   sentence) is reported (target >= 90%).

The perturbation choice uses plain string matching and spaCy's PERSON entities,
not comparator's fact extractor, so the two stay independent. Data is read from
``--data`` and never written anywhere.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import add_data_argument, data_file  # noqa: E402

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
SURNAMES = ["Harrowgate", "Lindqvist", "Okonjo", "Brannigan", "Castellanos", "Villeneuve", "Marchetti"]
NUMBER = re.compile(r"(?<![\w.,])\d+(?:,\d{3})*(?:\.\d+)?(?![\w])")


def read_pairs(path: Path, label: str = "1") -> list[tuple[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r[3], r[4]) for r in rows[1:] if len(r) >= 5 and r[0] == label]


def _change_number(tok: str, before: str) -> str:
    """A different, still plausible value: another day after a month, a year 3 later, else one digit."""
    months = "|".join(MONTHS + [m[:3] for m in MONTHS] + ["Sept"])
    if re.search(rf"\b(?:{months})\.?\s*$", before) and tok.isdigit() and int(tok) <= 31:
        return str(int(tok) % 19 + 9)  # another day of the month: 1 -> 10, 10 -> 19, 24 -> 14
    if re.fullmatch(r"(19|20)\d\d", tok):
        return str(int(tok) + 3)
    for i, ch in enumerate(tok):
        if ch.isdigit():
            new = str((int(ch) + 3) % 10)
            if new == "0" and i == 0:
                new = "1"
            return tok[:i] + new + tok[i + 1:]
    return tok


def candidates(s1: str, s2: str, doc1) -> list[tuple[str, int, int, str, int, int]]:
    """(type, start, end in s1, replacement, start, end of the same text in s2)."""
    out = []
    for m in NUMBER.finditer(s1):
        same = list(re.finditer(r"(?<![\w.,])" + re.escape(m.group()) + r"(?![\w.,]\d)(?![\w])", s2))
        m2 = same[0] if len(same) == 1 else None  # ambiguous when written twice
        if m2:
            out.append(("number", m.start(), m.end(), _change_number(m.group(), s1[:m.start()]),
                        m2.start(), m2.end()))
    # Weekdays are left alone: without publication dates, "Monday" in one article and
    # "Friday" in another may be the same day, so the detector rightly does not compare them.
    for names, kind in ((MONTHS, "date"),):
        for i, name in enumerate(names):
            for m in re.finditer(rf"\b{name}\b", s1):
                m2 = re.search(rf"\b{name}\b", s2)
                if m2:
                    repl = names[(i + len(names) // 2) % len(names)]
                    out.append((kind, m.start(), m.end(), repl, m2.start(), m2.end()))
    for ent in doc1.ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        last = ent[-1]
        m2 = re.search(rf"\b{re.escape(last.text)}\b", s2)
        if m2 and last.text[:1].isupper():
            repl = SURNAMES[sum(map(ord, last.text)) % len(SURNAMES)]
            out.append(("name", last.idx, last.idx + len(last.text), repl, m2.start(), m2.end()))
    return sorted(set(out))


def _diagnose(comp, st: int, en: int, st2: int, en2: int) -> str:
    """Why a perturbed pair was missed: no fact on a side, different kinds, or no pairing."""
    fa = [f for f in comp.claim("a:0").facts if f.start <= st and en <= f.end]
    fb = [f for f in comp.claim("b:0").facts if f.start <= st2 and en2 <= f.end]
    if not fa or not fb:
        return "no-fact-" + ("both" if not fa and not fb else "a" if not fa else "b")
    if not {f.kind for f in fa} & {f.kind for f in fb}:
        return "kind"
    return "unpaired-or-agree"


def main() -> None:
    parser = add_data_argument(argparse.ArgumentParser(description=__doc__.split("\n\n")[0]))
    parser.add_argument("--limit", type=int, default=0, help="use only the first N paraphrase pairs")
    parser.add_argument("--show", type=int, default=0, help="print K false alarms and K misses")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    path = data_file(args.data, "mrpc-train", "msr_paraphrase_train.txt")

    from comparator.detect.divergence import find_divergences, pair_comparison
    from comparator.nlp import load_nlp

    pairs = read_pairs(path)
    if args.limit:
        pairs = pairs[: args.limit]
    nlp = load_nlp()
    t0 = time.perf_counter()
    texts = sorted({t for p in pairs for t in p})
    docs = dict(zip(texts, nlp.pipe(texts, batch_size=64)))
    rng = random.Random(args.seed)

    flagged, by_fact, alarms = 0, Counter(), []
    by_type: Counter = Counter()  # pairs flagged per details.type
    plan = []
    for s1, s2 in pairs:
        comp, ctx = pair_comparison(s1, s2, nlp=docs.__getitem__)
        found = [f for f in find_divergences(comp, ctx) if f.kind == "divergent_fact"]
        if found:
            flagged += 1
            for f in found:
                by_fact[f"{f.severity}:{f.details.get('fact')}"] += 1
            for kind_type in {f.details.get("type") for f in found}:
                by_type[kind_type] += 1
            by_type["(facts: not quote_wording)"] += any(f.details.get("type") != "quote_wording" for f in found)
            alarms.append((s1, s2, found))
        cands = candidates(s1, s2, docs[s1])
        if cands:
            plan.append((s1, s2, rng.choice(cands)))

    new_texts = []
    perturbed = []
    for s1, s2, (kind, st, en, repl, st2, en2) in plan:
        p1 = s1[:st] + repl + s1[en:]
        perturbed.append((kind, p1, s2, st, st + len(repl), st2, en2))
        new_texts.append(p1)
    docs.update(zip(new_texts, nlp.pipe(new_texts, batch_size=64)))
    hit, hit_any, per_kind, misses = 0, 0, Counter(), []
    totals = Counter(k for k, *_ in perturbed)
    for kind, p1, s2, st, en, st2, en2 in perturbed:
        comp, ctx = pair_comparison(p1, s2, nlp=docs.__getitem__)
        found = [f for f in find_divergences(comp, ctx) if f.kind == "divergent_fact"]
        # the counterpart is the unchanged text in the second sentence; a name or month written
        # there more than once ("Axelrod died ... his daughter, Nina Axelrod") counts at any place
        word = re.escape(s2[st2:en2])
        places = [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w]){word}(?![\w])", s2)] \
            if kind != "number" else [(st2, en2)]
        right = [f for f in found
                 if any(e.article == "a" and e.start <= st and en <= e.end for e in f.evidence)
                 and any(e.article == "b" and e.start <= p and q <= e.end for e in f.evidence for p, q in places)]
        hit_any += bool(found)
        if right:
            hit += 1
            per_kind[kind] += 1
        else:
            misses.append((kind, p1, s2, found, _diagnose(comp, st, en, st2, en2)))
    secs = time.perf_counter() - t0

    n, m = len(pairs), len(perturbed)
    print(f"paraphrase pairs: {n}")
    print(f"false alarms (pairs with a divergent_fact): {flagged} = {100 * flagged / max(n, 1):.1f}%")
    print("  by severity:fact: " + ", ".join(f"{k}={v}" for k, v in sorted(by_fact.items())))
    print("  pairs by details.type: " + ", ".join(f"{k}={v} ({100 * v / max(n, 1):.1f}%)"
                                                for k, v in sorted(by_type.items())))
    print(f"perturbed pairs: {m} ({', '.join(f'{k}={v}' for k, v in sorted(totals.items()))})")
    print(f"recall with the right spans: {hit} = {100 * hit / max(m, 1):.1f}%"
          f" (any divergent_fact: {100 * hit_any / max(m, 1):.1f}%)")
    print("  by change: " + ", ".join(f"{k}={100 * per_kind[k] / totals[k]:.1f}%" for k in sorted(totals)))
    print(f"time: {secs:.1f}s")
    for s1, s2, found in alarms[: args.show]:
        print("\nFALSE ALARM\n  A:", s1, "\n  B:", s2)
        for f in found:
            print("  ->", f.severity, f.message, dict(f.details))
    print("  misses by cause: " + ", ".join(f"{k}={v}" for k, v in sorted(Counter(m[4] for m in misses).items())))
    for kind, p1, s2, found, cause in misses[: args.show]:
        print(f"\nMISS ({kind}; {cause})\n  A:", p1, "\n  B:", s2)
        for f in found:
            print("  ->", f.severity, f.message)


if __name__ == "__main__":
    main()
