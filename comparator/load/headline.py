"""Headlines as claims, and truncated articles.

**Headline offsets.** A headline claim (``Claim.kind == "headline"``) must
index ``Article.text`` like every claim (``article.text[c.start:c.end] ==
c.text``). :func:`with_headline` therefore appends the title to the text the
comparison indexes, after a blank line::

    <body exactly as loaded>\\n\\n<title>

and records where it starts in ``Article.meta["headline_start"]``. Appending
(not prepending) keeps every body offset, claim index and paragraph number
what the loader produced; ``text[:headline_start - 2]`` is the body. The
comparison (:func:`comparator.compare`) and ``comparator claims`` apply it;
:func:`comparator.load.load_articles` does not, so loaded articles are the
body alone. A title that repeats the body's first paragraph (a Markdown ``#``
heading) is not appended; that paragraph is the headline instead.

Headline and deck claims are page furniture for the body comparison:
``boilerplate`` is true (reason ``headline`` or ``deck``), so alignment,
omissions and emphasis never see them; detectors that compare headlines
select ``kind == "headline"``.

**Truncation.** :func:`is_truncated`: the body ends in an ellipsis or its
last paragraphs are a paywall notice (see ``paywall`` rules in
:mod:`comparator.claims.boilerplate`).
"""

from __future__ import annotations

import dataclasses
import re

from comparator.types import Article

__all__ = ["HEADLINE_SEPARATOR", "body_text", "is_truncated", "with_headline"]

HEADLINE_SEPARATOR = "\n\n"
#: How many of the last paragraphs are checked for a paywall notice.
TAIL_PARAGRAPHS = 4
_ELLIPSIS = re.compile(r"(…|\.\.\.|\[\.\.\.\]|\[…\])[\"'”’»)\]]*\s*$")


def _norm(text: str) -> str:
    return " ".join(text.lstrip("#").split()).casefold()


def with_headline(article: Article) -> Article:
    """``article`` with its title appended to the indexed text (see module docstring)."""
    meta = dict(article.meta)
    if "headline_start" in meta or not article.title or not article.title.strip():
        return article
    title = " ".join(article.title.split())
    first = next((line for line in article.text.split("\n") if line.strip()), "")
    if _norm(first) == _norm(title):
        return article
    text = article.text
    while not text.endswith(HEADLINE_SEPARATOR):
        text += "\n"
    meta["headline_start"] = len(text)
    return dataclasses.replace(article, text=text + title, meta=meta)


def body_text(article: Article) -> str:
    """The article's body: the text without an appended headline."""
    start = article.meta.get("headline_start")
    return article.text[:start].rstrip("\n") if isinstance(start, int) else article.text


def is_truncated(text: str) -> bool:
    """Whether a body ends before the story does: an ellipsis, or a paywall notice at the end."""
    from comparator.claims.boilerplate import match_reason

    body = text.rstrip()
    if not body:
        return False
    if _ELLIPSIS.search(body):
        return True
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    tail = lines[-TAIL_PARAGRAPHS:]
    return any(match_reason(line) == "paywall" for line in tail) or any(
        match_reason(part) == "paywall" for line in tail for part in re.split(r"(?<=[.!?])\s+", line))
