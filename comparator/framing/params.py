"""Selection parameters for loaded-language candidates, chosen by cross-validation.

``comparator/data/framing.json`` holds the values ``bench/eval_basil.py --fit``
selected: for each BASIL dev year held out in turn, every setting is scored on
the other year and the one with the highest precision at lex recall >= 0.5 is
kept; the shipped values are the setting chosen on both years together, and
the held-out scores of the per-fold choices are what docs/EVALUATION.md
reports. The file records the grid, the folds and their scores (no
annotations, no words from the data).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

PARAMS_FILE = Path(__file__).resolve().parent.parent / "data" / "framing.json"


@dataclass(frozen=True)
class Params:
    """Which candidates are shown: lexicon categories, and VADER words by part of speech and strength."""

    categories: tuple[str, ...] = ("partisan_identity", "epithet", "immigration_term", "scare_term",
                                   "conflict_verb", "speech_verb", "evaluative", "intensifier", "certainty",
                                   "style_rule")
    valence_pos: tuple[str, ...] = ("ADJ",)
    valence_min: float = 2.0  # |VADER mean rating| at least this (scale -4..4)
    positive_weight: float = 1.0  # positive ratings count this much (praise is loaded less often in news)


@lru_cache(maxsize=1)
def shipped() -> Params:
    """The parameters in ``comparator/data/framing.json`` (defaults when the file is absent)."""
    if not PARAMS_FILE.is_file():  # pragma: no cover - the file ships with the package
        return Params()
    data = json.loads(PARAMS_FILE.read_text(encoding="utf-8"))["selected"]
    return Params(categories=tuple(data["categories"]), valence_pos=tuple(data["valence_pos"]),
                  valence_min=float(data["valence_min"]), positive_weight=float(data["positive_weight"]))
