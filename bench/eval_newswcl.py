"""Labels per entity against NewsWCL50 (dev: events 0-2, five outlets each).

    python bench/eval_newswcl.py --data ../shared/data [--show K]

Each event becomes one comparison of its five articles (sentences joined by a
space, as the corpus gives them). Comparator's labels (appositives, roles,
relative clauses, predicates, anaphoric descriptions) are extracted, then for
every annotated actor mention (``ACTOR``/``ACTOR-I`` codes):

- descriptive mentions (no word of the actor's name: "the dictator",
  "North Korean leader") count as found when a label of the same article
  matches them (one contains the other, or rapidfuzz token_set_ratio >= 80);
- titled names ("President Trump", "CIA Director Mike Pompeo") count as found
  when a role label of the same article holds the title words.

Recall is printed per event and overall. Data is read from ``--data`` only.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import add_data_argument, data_file  # noqa: E402
from comparator.types import Article  # noqa: E402

ACTOR_CODES = ("ACTOR", "ACTOR-I")
HONORIFICS = {"mr", "mrs", "ms", "dr", "the", "a", "an", "'s", "s"}


ROLE_WORDS = {
    "leader", "president", "minister", "director", "secretary", "senator", "chairman", "chair", "governor",
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "king", "dictator", "chancellor",
    "ambassador", "general", "commander", "judge", "attorney", "adviser", "advisor", "aide", "administration",
    "regime", "government", "lawmakers", "prosecutor", "counsel", "candidate", "nominee", "envoy", "head",
    "chief", "premier", "representative", "rep", "sen", "gov", "lawyer", "agent", "analyst",
}


def split_mention(mention: str) -> tuple[list[str], list[str]]:
    """(role words, name words) of an annotated mention; lower-case words count as role words."""
    role, name = [], []
    for raw in re.findall(r"[A-Za-z0-9][A-Za-z0-9.'-]*", mention):
        low = raw.lower().strip(".'")
        if low in HONORIFICS or not low:
            continue
        (role if raw[0].islower() or low in ROLE_WORDS else name).append(low)
    return role, name


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower()) if w]


def labels_by_article(articles: list[Article]) -> dict[str, list[tuple[str, str]]]:
    """Article id -> [(label text, kind)] from comparator's label extraction."""
    from comparator.claims import extract_claims
    from comparator.comparison import Comparison
    from comparator.config import Settings
    from comparator.detect import Context
    from comparator.entities import add_entities
    from comparator.framing import extract_labels
    from comparator.nlp import parse_articles

    docs = parse_articles(articles)
    claims = tuple(c for a in articles for c in extract_claims(a, docs[a.id]))
    comp = Comparison(articles=tuple(articles), claims=claims)
    ctx = Context(settings=Settings(), docs=docs)
    comp = add_entities(comp, ctx)
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for lab in extract_labels(comp, ctx):
        out[lab.article].append((lab.text, lab.kind))
    return out


def matches(mention: str, label: str) -> bool:
    from rapidfuzz import fuzz

    m, lab = " ".join(words(mention)), " ".join(words(label))
    if not m or not lab:
        return False
    return m in lab or lab in m or fuzz.token_set_ratio(m, lab) >= 80


def main() -> None:
    parser = add_data_argument(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    parser.add_argument("--show", type=int, default=0, help="print K missed descriptive mentions")
    args = parser.parse_args()
    arts_path = data_file(args.data, "newswcl50-dev", "articles_dev.jsonl")
    ann_path = data_file(args.data, "newswcl50-dev", "annotations_dev.csv")
    rows = [json.loads(line) for line in arts_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open(ann_path, encoding="utf-8", newline="") as fh:
        anns = [r for r in csv.DictReader(fh) if r["code_type"] in ACTOR_CODES]

    events: dict[str, list[Article]] = defaultdict(list)
    for row in rows:
        aid = f"{row['event_id']}_{row['publisher_id']}"
        events[str(row["event_id"])].append(Article(id=aid, outlet=row["publisher_id"],
                                                    text=" ".join(row["sentences"])))
    totals = {"desc": [0, 0], "title": [0, 0]}
    missed = []
    for event in sorted(events):
        labels = labels_by_article(sorted(events[event], key=lambda a: a.id))
        counts = {"desc": [0, 0], "title": [0, 0]}
        for ann in anns:
            if ann["event_id"] != event:
                continue
            aid = f"{event}_{ann['publisher_id']}"
            mention = ann["code_mention"]
            role, name = split_mention(mention)
            if not role:
                continue  # a bare name is not a label
            if not name:
                kind = "desc"
                ok = any(matches(mention, text) for text, _ in labels.get(aid, []))
            else:
                kind = "title"
                ok = any(matches(" ".join(role), text) for text, k in labels.get(aid, []) if k == "role")
            counts[kind][0] += ok
            counts[kind][1] += 1
            if kind == "desc" and not ok:
                missed.append(mention)
        for k in totals:
            totals[k][0] += counts[k][0]
            totals[k][1] += counts[k][1]
        print(f"event {event}: descriptive mentions {counts['desc'][0]}/{counts['desc'][1]} "
              f"= {counts['desc'][0] / max(counts['desc'][1], 1):.3f}; titled names "
              f"{counts['title'][0]}/{counts['title'][1]} = {counts['title'][0] / max(counts['title'][1], 1):.3f}")
    d, t = totals["desc"], totals["title"]
    print(f"all events: descriptive mentions recall {d[0] / max(d[1], 1):.3f} ({d[0]}/{d[1]}); "
          f"titled names recall {t[0] / max(t[1], 1):.3f} ({t[0]}/{t[1]})")
    if args.show:
        print("missed:", missed[: args.show])


if __name__ == "__main__":
    main()
