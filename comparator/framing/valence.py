"""Word valence from VADER's lexicon: a published, maintained prior for evaluative words.

VADER (Hutto & Gilbert, ICWSM 2014; package ``vaderSentiment``, MIT licence)
ships ``vader_lexicon.txt``: about 7,500 words and emoticons, each rated by ten
human raters from -4 (extremely negative) to +4 (extremely positive). We read
that file only (no VADER scoring rules) and use the mean rating of single
lower-case words as the prior of a word being evaluative. Which parts of
speech and which minimum |valence| count is not decided here: see
:data:`comparator.framing.params.PARAMS` (chosen by leave-one-year-out
cross-validation in ``bench/eval_basil.py --fit``).

When the package is not installed, :func:`valence_of` returns None for every
word (the lexicon terms still work).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def vader_lexicon() -> dict[str, float]:
    """word -> mean valence in [-4, 4] (single alphabetic words only); {} when vaderSentiment is absent."""
    try:
        from importlib.resources import files

        text = files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # pragma: no cover - optional dependency
        return {}
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        word = parts[0].strip()
        if not word.isalpha() or not word.islower():
            continue
        try:
            out[word] = float(parts[1])
        except ValueError:
            continue
    return out


def valence_of(token) -> float | None:
    """VADER valence of a spaCy token (its lower-case form, else its lemma), or None."""
    lex = vader_lexicon()
    v = lex.get(token.lower_)
    if v is None:
        v = lex.get(token.lemma_.lower())
    return v
