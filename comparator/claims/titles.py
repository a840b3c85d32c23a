"""Quoted names, not quoted words: the “Today” show, a story "called “How X Won the West”"."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from comparator.claims.quotes import Quote

#: Words a quoted name may hold in lower case ("Meet the Press") and the determiners
#: that make a capitalised quote a name inside a noun phrase (the “Today” show).
_TITLE_SMALL_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "from", "in", "of", "on",
                                "or", "the", "to", "with"})
_NAME_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "its", "their", "our", "my",
                               "your", "this"})
MAX_TITLE_WORDS = 6
MIN_HEADLINE_WORDS = 5


def is_title(text: str, quote: Quote) -> bool:
    """A quoted name, not quoted words: a title-case phrase (small words such as "of" may
    stay lower case) either short and right after a determiner or possessive (``The
    "Celebrity Apprentice" star``, ``the “Today” show``) or a headline of at least
    :data:`MIN_HEADLINE_WORDS` words, at most ending in ? or ! (a story "called “How X
    Won the West”"). Titles of shows, books, stories and campaigns are nobody's words."""
    if quote.open_mark is None or quote.close_mark is None:
        return False
    inner = text[quote.start:quote.end]
    words = inner.rstrip("?!").split()
    if not words or any(ch in ".,;:!?…" for ch in inner.rstrip("?!")):
        return False
    if not words[0][0].isupper() or any(
            not w[0].isupper() and w.lower() not in _TITLE_SMALL_WORDS for w in words):
        return False
    if len(words) >= MIN_HEADLINE_WORDS:
        return True
    before = text[max(0, quote.open_mark - 40):quote.open_mark].split()
    if not before or len(words) > MAX_TITLE_WORDS or inner != inner.rstrip("?!"):
        return False
    prev = before[-1].replace("’", "'")
    return prev.lower() in _NAME_DETERMINERS or prev.endswith("'s")
