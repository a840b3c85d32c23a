"""Selection parameters for loaded-language candidates, chosen by cross-validation.

``comparator/data/framing.json`` holds the values ``bench/eval_basil.py --fit``
selected: for each BASIL dev year held out in turn, every setting is scored on
the other year and the one with the highest precision at lex recall >= 0.5 is
kept; the shipped values are the setting chosen on both years together, and
the held-out scores of the per-fold choices are what docs/EVALUATION.md
reports. The file records the grid, the folds and their scores (no
annotations, no words from the data).

Severity follows measured precision: a shown category is a warning only when
the one-sided 95 % Wilson lower bound of its own-voice precision on all BASIL
dev articles reaches 0.4 (``bench/_framing_cv.py``, ``warning_categories``);
the rest are info, so a category that is right half the time (intensifiers on
BASIL: 5 of 10) does not fill the first screen with warnings.
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
    subjectivity_min: float | None = None  # Pattern adjective subjectivity at least this (0..1); None: unused
    polarity_min: float = 0.0  # ... and |Pattern polarity| at least this (0..1)
    #: Categories whose measured precision earns a warning (``valence`` for VADER words); the others are
    #: shown as info. None: every shown lexicon category warns (VADER words are info).
    warning_categories: tuple[str, ...] | None = None

    def warns(self, category: str) -> bool:
        """Whether findings of ``category`` are warnings (see :data:`warning_categories`)."""
        if self.warning_categories is None:
            return category != "valence"
        return category in self.warning_categories


@lru_cache(maxsize=1)
def shipped() -> Params:
    """The parameters in ``comparator/data/framing.json`` (defaults when the file is absent)."""
    if not PARAMS_FILE.is_file():  # pragma: no cover - the file ships with the package
        return Params()
    data = json.loads(PARAMS_FILE.read_text(encoding="utf-8"))["selected"]
    return Params(categories=tuple(data["categories"]), valence_pos=tuple(data["valence_pos"]),
                  valence_min=float(data["valence_min"]), positive_weight=float(data["positive_weight"]),
                  warning_categories=tuple(data["warning_categories"]) if "warning_categories" in data else None,
                  subjectivity_min=data.get("subjectivity_min"), polarity_min=float(data.get("polarity_min", 0.0)))
