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

Recall is printed per event and overall, beside a **chance control**: the same
annotations scored against the labels of another event's article by the same
outlet (event e+1, cyclically). A result counts only by how far it beats the
control (generic titles such as "President" match in any article).

``--subjects`` adds the event's central subjects (EVENT/OBJECT/MISC codes:
"nuclear weapons", "the summit"): recall of annotated mentions among
comparator's subject mentions (:mod:`comparator.framing.subjects`), its
control, and how often two outlets' mentions of the same code land in the same
referent (uses the packaged MiniLM through ``comparator.embed.load_encoder``).
Data is read from ``--data`` only.
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
SUBJECT_CODES = ("EVENT", "OBJECT", "MISC")
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


def labels_by_article(articles: list[Article], encoder=None, aligned: bool = False) -> tuple[dict, dict]:
    """(article id -> [(label text, kind)] from comparator's label extraction,
    article id -> [(subject mention text, referent)] when ``encoder`` is given)."""
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
    names = {e.id: e.name for e in comp.entities}
    for lab in extract_labels(comp, ctx):
        out[lab.article].append((lab.text, lab.kind, names.get(lab.entity, "")))
    subjects: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if encoder is not None:
        from comparator.framing.subjects import _referents, mentions

        ctx.shared["encoder"] = encoder
        if aligned:  # the whole pipeline, so that referents are also merged through aligned claims
            import comparator

            comp = comparator.compare(list(articles))
            ctx = Context(settings=Settings(), docs=parse_articles(comp.articles))
            ctx.shared["encoder"] = encoder
        ms = mentions(comp, ctx)
        for m, ref in zip(ms, _referents(ms, ctx, comp if aligned else None)):
            subjects[m.article].append((m.text, ref or ""))
    return out, subjects


def matches(mention: str, label: str) -> bool:
    from rapidfuzz import fuzz

    m, lab = " ".join(words(mention)), " ".join(words(label))
    if not m or not lab:
        return False
    return m in lab or lab in m or fuzz.token_set_ratio(m, lab) >= 80


def actor_words(code_name: str) -> set[str]:
    """Name words of an ACTOR code ("PRK\\Jong Un" -> {"jong", "un"}); empty for group codes
    ("USA\\USA-I", "USA\\USA-Misc")."""
    name = code_name.split("\\")[-1]
    if "-" in name or name.isupper():
        return set()
    return set(words(name))


_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their"}


def matches_strict(mention: str, label: str) -> bool:
    """The same description, not one contained in another: determiners aside, the same head (last word)
    and rapidfuzz token_sort_ratio >= 80 ("the reclusive leader" = "reclusive leader", but "leader" is
    not "North Korean leader Kim Jong Un")."""
    from rapidfuzz import fuzz

    m = [w for w in words(mention) if w not in _DETERMINERS]
    lab = [w for w in words(label) if w not in _DETERMINERS]
    if not m or not lab or m[-1] != lab[-1]:
        return False
    return fuzz.token_sort_ratio(" ".join(m), " ".join(lab)) >= 80


def main() -> None:
    parser = add_data_argument(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    parser.add_argument("--show", type=int, default=0, help="print K missed descriptive mentions")
    parser.add_argument("--subjects", action="store_true", help="also score subject mentions (loads MiniLM)")
    parser.add_argument("--aligned", action="store_true",
                        help="with --subjects: run the whole pipeline and merge referents through aligned claims")
    args = parser.parse_args()
    arts_path = data_file(args.data, "newswcl50-dev", "articles_dev.jsonl")
    ann_path = data_file(args.data, "newswcl50-dev", "annotations_dev.csv")
    rows = [json.loads(line) for line in arts_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with open(ann_path, encoding="utf-8", newline="") as fh:
        anns = [r for r in csv.DictReader(fh) if r["code_type"] in ACTOR_CODES + SUBJECT_CODES]

    events: dict[str, list[Article]] = defaultdict(list)
    for row in rows:
        aid = f"{row['event_id']}_{row['publisher_id']}"
        events[str(row["event_id"])].append(Article(id=aid, outlet=row["publisher_id"],
                                                    text=" ".join(row["sentences"])))
    encoder = None
    if args.subjects:
        from comparator.config import Settings
        from comparator.embed import load_encoder

        encoder = load_encoder(Settings())
    labels, subjects = {}, {}
    for event in sorted(events):
        lab, sub = labels_by_article(sorted(events[event], key=lambda a: a.id), encoder, args.aligned)
        labels.update(lab)
        subjects.update(sub)
    order = sorted(events)
    other = {e: order[(i + 1) % len(order)] for i, e in enumerate(order)}
    totals = {k: [0, 0, 0] for k in ("desc", "desc_strict", "desc_actor", "title", "subj")}
    missed = []
    same_ref = [0, 0]
    diff_ref = [0, 0]
    for event in order:
        counts = {k: [0, 0, 0] for k in ("desc", "desc_strict", "desc_actor", "title", "subj")}
        found_refs: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for ann in anns:
            if ann["event_id"] != event:
                continue
            pub = ann["publisher_id"]
            aid, ctrl = f"{event}_{pub}", f"{other[event]}_{pub}"
            mention = ann["code_mention"]
            if ann["code_type"] in SUBJECT_CODES:
                if not args.subjects or not words(mention):
                    continue
                hits = [ref for text, ref in subjects.get(aid, []) if matches(mention, text)]
                ok = bool(hits)
                ctrl_ok = any(matches(mention, text) for text, _ in subjects.get(ctrl, []))
                kind = "subj"
                if hits and hits[0]:
                    found_refs[ann["code_name"]].append((pub, hits[0]))
            else:
                role, name = split_mention(mention)
                if not role:
                    continue  # a bare name is not a label
                if not name:
                    kind = "desc"
                    ok = any(matches(mention, text) for text, *_ in labels.get(aid, []))
                    ctrl_ok = any(matches(mention, text) for text, *_ in labels.get(ctrl, []))
                    strict = counts["desc_strict"]
                    strict[0] += any(matches_strict(mention, text) for text, *_ in labels.get(aid, []))
                    strict[1] += 1
                    strict[2] += any(matches_strict(mention, text) for text, *_ in labels.get(ctrl, []))
                    actor = actor_words(ann["code_name"])
                    if actor:  # the label must be attached to the annotated actor
                        own = counts["desc_actor"]
                        own[0] += any(matches(mention, text) for text, _, ent in labels.get(aid, [])
                                      if actor & set(words(ent)))
                        own[1] += 1
                        own[2] += any(matches(mention, text) for text, _, ent in labels.get(ctrl, [])
                                      if actor & set(words(ent)))
                else:
                    kind = "title"
                    ok = any(matches(" ".join(role), text) for text, k, _ in labels.get(aid, []) if k == "role")
                    ctrl_ok = any(matches(" ".join(role), text) for text, k, _ in labels.get(ctrl, []) if k == "role")
            counts[kind][0] += ok
            counts[kind][1] += 1
            counts[kind][2] += ctrl_ok
            if kind == "desc" and not ok:
                missed.append(mention)
        for code, found in found_refs.items():
            pubs = sorted({p for p, _ in found})
            for i, p1 in enumerate(pubs):
                for p2 in pubs[i + 1:]:
                    r1 = {r for p, r in found if p == p1}
                    r2 = {r for p, r in found if p == p2}
                    same_ref[0] += bool(r1 & r2)
                    same_ref[1] += 1
        codes = sorted(found_refs)
        for i, c1 in enumerate(codes):  # control: mentions of *different* codes that share a referent
            for c2 in codes[i + 1:]:
                for p1, r1 in found_refs[c1]:
                    for p2, r2 in found_refs[c2]:
                        if p1 != p2:
                            diff_ref[0] += r1 == r2
                            diff_ref[1] += 1
        for k in totals:
            for j in range(3):
                totals[k][j] += counts[k][j]
        print(f"event {event}: " + "; ".join(_fmt(k, counts[k]) for k in counts if counts[k][1]))
    print("all events: " + "; ".join(_fmt(k, totals[k]) for k in totals if totals[k][1]))
    if args.subjects:
        print(f"same code, two outlets, same referent: {same_ref[0] / max(same_ref[1], 1):.3f} "
              f"({same_ref[0]}/{same_ref[1]} outlet pairs); different codes, same referent (control): "
              f"{diff_ref[0] / max(diff_ref[1], 1):.3f} ({diff_ref[0]}/{diff_ref[1]})")
    if args.show:
        print("missed:", missed[: args.show])


def _fmt(kind: str, c: list[int]) -> str:
    name = {"desc": "descriptive mentions", "desc_strict": "descriptive mentions (same description, strict)",
            "desc_actor": "descriptive mentions among the annotated actor's own labels",
            "title": "titled names", "subj": "subject mentions"}[kind]
    r, ctrl = c[0] / max(c[1], 1), c[2] / max(c[1], 1)
    return f"{name} {r:.3f} ({c[0]}/{c[1]}), control {ctrl:.3f}, margin {r - ctrl:+.3f}"


if __name__ == "__main__":
    main()
