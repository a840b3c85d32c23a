"""Leave-one-year-out (and per-source) cross-validation of the loaded-language selection parameters.

Used by ``bench/eval_basil.py --cv`` / ``--fit``. Every candidate of every
article is computed once (with its context features); a setting of
:class:`comparator.framing.params.Params` is then scored without re-parsing.

Selection rule (the same on every fold), precision first as the project guide
asks of anything shown to a person: among the grid's settings whose lex recall
on the training articles reaches ``TARGET_RECALL`` (the issue's 0.5), the one
with the highest training precision; ties go to higher recall, then to the
simpler setting (fewer parts of speech, higher valence threshold). Lexicon
categories are kept when their own training precision reaches the category
floor (a grid dimension), so a category is chosen by the data, never by
reading the held-out year.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from comparator.framing.candidates import Candidate, selected
from comparator.framing.params import Params

TARGET_RECALL = 0.5
POS_CHOICES = ((), ("ADJ",), ("ADJ", "ADV"), ("ADJ", "ADV", "VERB"), ("ADJ", "ADV", "VERB", "NOUN"))
VALENCE_MINS = (1.5, 1.9, 2.3, 2.7, 3.1)
POSITIVE_WEIGHTS = (0.0, 0.5, 1.0)
CATEGORY_FLOORS = (0.0, 0.3, 0.4, 0.5)
#: Pattern subjectivity prior (None: unused) and the |polarity| it also needs.
SUBJECTIVITY_CHOICES = ((None, 0.0),) + tuple((s, p) for s in (0.6, 0.8, 0.95) for p in (0.0, 0.3, 0.5))


@dataclass
class ArticleData:
    """One BASIL article: its year, source, gold spans, candidates and fixed (non-parametrised) evidence."""

    year: str
    source: str
    gold: list[dict]
    candidates: list[Candidate]
    fixed_all: list[tuple[int, int]] = field(default_factory=list)  # framing_label + scare-quote evidence
    fixed_own: list[tuple[int, int]] = field(default_factory=list)  # ... in the outlet's own voice
    text: str = ""


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(arts: list[ArticleData], params: Params) -> dict:
    """Lex recall, precision (authorial evidence overlapping any BASIL span) and counts."""
    lex_hit = lex_n = p_hit = p_n = 0
    for a in arts:
        chosen = [c for c in a.candidates if selected(c, params)]
        evidence = [(c.start, c.end) for c in chosen] + a.fixed_all
        own = sorted({(c.start, c.end) for c in chosen if c.voice == "authorial"} | set(a.fixed_own))
        for g in a.gold:
            if g["bias"] == "lex":
                lex_n += 1
                lex_hit += any(_overlaps((g["start"], g["end"]), e) for e in evidence)
        for e in own:
            p_n += 1
            p_hit += any(_overlaps(e, (g["start"], g["end"])) for g in a.gold)
    return {"recall": lex_hit / max(lex_n, 1), "precision": p_hit / max(p_n, 1), "lex": f"{lex_hit}/{lex_n}",
            "own": f"{p_hit}/{p_n}"}


def category_counts(arts: list[ArticleData], params: Params | None = None) -> dict[str, tuple[int, int]]:
    """category -> (own-voice candidates overlapping a BASIL span, own-voice candidates), unblocked
    lexicon candidates; with ``params``, also the VADER candidates it selects (as ``valence``)."""
    hit: dict[str, int] = {}
    n: dict[str, int] = {}
    for a in arts:
        for c in a.candidates:
            if c.blocked or c.voice != "authorial":
                continue
            if c.origin == "lexicon":
                key = c.category
            elif params is not None and selected(c, params):
                key = "valence"
            else:
                continue
            n[key] = n.get(key, 0) + 1
            hit[key] = hit.get(key, 0) + any(_overlaps((c.start, c.end), (g["start"], g["end"])) for g in a.gold)
    return {k: (hit[k], n[k]) for k in n}


#: A shown category is a warning only when the one-sided 95 % Wilson lower bound (z = 1.645; Wilson,
#: JASA 1927) of its own-voice precision on the BASIL articles reaches ``WARNING_LOWER_BOUND``: a
#: category right 5 times in 10 (lower bound 0.27) is info, one right 11 times in 16 (0.48) warns.
WARNING_LOWER_BOUND = 0.4
WILSON_Z = 1.645


def wilson_lower(hits: int, n: int, z: float = WILSON_Z) -> float:
    """Lower bound of the Wilson score interval for ``hits`` successes in ``n`` trials (0 when n == 0)."""
    if n == 0:
        return 0.0
    p = hits / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - margin) / (1 + z * z / n)


def warning_categories(arts: list[ArticleData], params: Params) -> tuple[str, ...]:
    """Categories (and ``valence`` for VADER words) whose measured precision earns a warning."""
    counts = category_counts(arts, params)
    return tuple(sorted(k for k, (h, n) in counts.items() if wilson_lower(h, n) >= WARNING_LOWER_BOUND))


def _category_precision(arts: list[ArticleData]) -> dict[str, float]:
    return {k: h / n for k, (h, n) in category_counts(arts).items()}


def grid(train: list[ArticleData], all_categories: tuple[str, ...]):
    """Every setting of the grid, with categories chosen by their training precision."""
    prec = _category_precision(train)
    for floor, pos, vmin, pw, (smin, pmin) in itertools.product(CATEGORY_FLOORS, POS_CHOICES, VALENCE_MINS,
                                                                 POSITIVE_WEIGHTS, SUBJECTIVITY_CHOICES):
        if not pos and (vmin != VALENCE_MINS[0] or pw != POSITIVE_WEIGHTS[0]):
            continue
        cats = tuple(c for c in all_categories if prec.get(c, 1.0) >= floor)
        yield floor, Params(categories=cats, valence_pos=pos, valence_min=vmin, positive_weight=pw,
                            subjectivity_min=smin, polarity_min=pmin)


def choose(train: list[ArticleData], all_categories: tuple[str, ...]) -> tuple[float, Params, dict]:
    best = None
    for floor, params in grid(train, all_categories):
        s = score(train, params)
        ok = s["recall"] >= TARGET_RECALL
        key = (ok, s["precision"] if ok else s["recall"], s["recall"], -len(params.valence_pos),
               params.valence_min, params.subjectivity_min is None, params.subjectivity_min or 0.0,
               params.polarity_min, floor)
        if best is None or key > best[0]:
            best = (key, floor, params, s)
    return best[1], best[2], best[3]


def folds(arts: list[ArticleData], by: str) -> list[tuple[str, list[ArticleData], list[ArticleData]]]:
    keys = sorted({getattr(a, by) for a in arts})
    return [(k, [a for a in arts if getattr(a, by) != k], [a for a in arts if getattr(a, by) == k]) for k in keys]


def run_cv(arts: list[ArticleData], all_categories: tuple[str, ...], by: str) -> list[dict]:
    """One row per held-out value of ``by`` (year or source): chosen setting, train and held-out scores."""
    rows = []
    for key, train, test in folds(arts, by):
        floor, params, tr = choose(train, all_categories)
        rows.append({"held_out": key, "category_floor": floor, "params": params, "train": tr,
                     "test": score(test, params)})
    return rows


def pooled(rows: list[dict], arts: list[ArticleData], by: str) -> dict:
    """Held-out scores pooled over folds (each article scored with the setting of its own fold)."""
    lex_hit = lex_n = p_hit = p_n = 0
    for row in rows:
        s = row["test"]
        a, b = map(int, s["lex"].split("/"))
        c, d = map(int, s["own"].split("/"))
        lex_hit, lex_n, p_hit, p_n = lex_hit + a, lex_n + b, p_hit + c, p_n + d
    return {"recall": lex_hit / max(lex_n, 1), "precision": p_hit / max(p_n, 1), "lex": f"{lex_hit}/{lex_n}",
            "own": f"{p_hit}/{p_n}"}
