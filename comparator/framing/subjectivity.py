"""Adjective subjectivity from Pattern's English sentiment lexicon: a second published prior.

Pattern (De Smedt & Daelemans, "Pattern for Python", JMLR 13, 2012) rates about
2,900 English adjective senses (WordNet 3) for polarity (-1..1) and
subjectivity (0 = objective, 1 = subjective), by hand or inferred; the lexicon
(``en-sentiment.xml``, PDDL) ships inside the maintained ``textblob`` package
(MIT). We read the file only (no TextBlob scoring rules): a word's prior is the
mean over its adjective senses. VADER (:mod:`comparator.framing.valence`) says
how strongly positive or negative a word is; this lexicon says how much it is
opinion rather than description ("sweeping", "reckless", "draconian" versus
"federal", "new"), which is what an editor reads as loaded. Which subjectivity
and polarity count is chosen by cross-validation (:mod:`comparator.framing.params`).

When textblob is not installed, :func:`subjectivity_of` returns None for every
word (the other candidates still work).
"""

from __future__ import annotations

from functools import lru_cache


def _lexicon_text() -> str | None:
    """``textblob/en/en-sentiment.xml`` read from the installed package's folder, or None.

    The file is located with ``importlib.util.find_spec``, which does not run the
    package: importing textblob imports NLTK, several seconds for one data file.
    """
    from importlib.util import find_spec
    from pathlib import Path

    try:
        spec = find_spec("textblob")
    except (ImportError, ValueError):  # pragma: no cover - broken install
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        try:
            return (Path(folder) / "en" / "en-sentiment.xml").read_text(encoding="utf-8")
        except OSError:
            continue
    return None


@lru_cache(maxsize=1)
def pattern_lexicon() -> dict[str, tuple[float, float]]:
    """word -> (mean polarity in [-1, 1], mean subjectivity in [0, 1]) over its adjective senses;
    {} when textblob is absent."""
    text = _lexicon_text()
    if text is None:  # pragma: no cover - optional dependency
        return {}
    from xml.etree import ElementTree  # the package's own data file, not user input

    sums: dict[str, list[float]] = {}
    for word in ElementTree.fromstring(text).iter("word"):
        form, pos = (word.get("form") or "").lower(), word.get("pos") or ""
        if not form.isalpha() or not pos.startswith("JJ"):
            continue
        try:
            polarity, subjectivity = float(word.get("polarity", "")), float(word.get("subjectivity", ""))
        except ValueError:
            continue
        acc = sums.setdefault(form, [0.0, 0.0, 0.0])
        acc[0] += polarity
        acc[1] += subjectivity
        acc[2] += 1
    return {w: (p / n, s / n) for w, (p, s, n) in sums.items()}


def subjectivity_of(token) -> tuple[float, float] | None:
    """(polarity, subjectivity) of an adjective token (its lower-case form, else its lemma), or None."""
    if token.pos_ != "ADJ":
        return None
    lex = pattern_lexicon()
    return lex.get(token.lower_) or lex.get(token.lemma_.lower())
