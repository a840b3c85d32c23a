"""A warning for articles that do not look English (comparator's models are English-only).

The test is the share of English stop words (spaCy's list) among an article's
words: English news prose runs at 35-50 %, other languages in Latin script at
under 10 % ("a", "in", "no" are shared), other scripts at 0. Below
:data:`MIN_STOP_SHARE`, with at least :data:`MIN_WORDS` words, a warning is
logged; the article is still compared (a mixed or quoted passage is not refused).
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from comparator.types import Article

__all__ = ["MIN_STOP_SHARE", "MIN_WORDS", "english_share", "warn_if_not_english"]

MIN_STOP_SHARE = 0.15
MIN_WORDS = 40
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SAMPLE = 20_000  # characters looked at (the start of the article is enough)

log = logging.getLogger("comparator")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from comparator.nlp import _import_spacy

    _import_spacy()
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def english_share(text: str) -> tuple[float, int]:
    """``(share of English stop words, number of words)`` in the first 20,000 characters of ``text``."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text[:_SAMPLE])]
    if not words:
        return 0.0, 0
    stops = _stop_words()
    return sum(1 for w in words if w in stops) / len(words), len(words)


def warn_if_not_english(article: Article) -> bool:
    """Log a warning (and return True) when ``article`` does not look like English prose."""
    share, n = english_share(article.text)
    if n >= MIN_WORDS and share < MIN_STOP_SHARE:
        log.warning("%s: the text does not look English (%.0f%% English function words); comparator "
                    "supports English only, so its claims, quotes and findings may be wrong.",
                    article.source_path or article.id, share * 100)
        return True
    return False
