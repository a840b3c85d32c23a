"""Helpers the framing detectors share: parses, the lexicon, term matches (memoised in ``ctx.shared``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from comparator.framing.lexicon import Lexicon, lexicon_for
from comparator.framing.match import TermMatch, find_terms
from comparator.framing.voice import ClaimIndex

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context


def doc_of(comp: "Comparison", ctx: "Context", article_id: str) -> Any:
    """The spaCy Doc of an article's text (``ctx.docs``, else parsed once and memoised)."""
    doc = ctx.docs.get(article_id) if ctx.docs else None
    if doc is not None:
        return doc
    memo = ctx.shared.setdefault("framing.docs", {})
    if article_id not in memo:
        from comparator.nlp import load_nlp

        memo[article_id] = load_nlp()(comp.article(article_id).text)
    return memo[article_id]


def lexicon(ctx: "Context") -> Lexicon:
    return lexicon_for(ctx.settings)


def claim_index(comp: "Comparison", ctx: "Context") -> ClaimIndex:
    key = ("framing.claim_index", id(comp.claims))
    if key not in ctx.shared:
        ctx.shared[key] = ClaimIndex(comp.claims)
    return ctx.shared[key]


def doc_terms(ctx: "Context", doc: Any, headline: bool = False) -> list[TermMatch]:
    """:func:`find_terms` of the lexicon in one Doc, memoised in ``ctx.shared`` (the article's terms
    are read by :func:`term_matches` and by the candidates of :mod:`comparator.framing.candidates`)."""
    memo = ctx.shared.setdefault("framing.doc_terms", {})
    key = (id(doc), headline)
    if key not in memo or memo[key][0] is not doc:
        memo[key] = (doc, find_terms(lexicon(ctx), doc, headline=headline))  # the Doc kept: its id stays its own
    return memo[key][1]


def term_matches(comp: "Comparison", ctx: "Context", article_id: str) -> list[TermMatch]:
    """Lexicon terms in an article's non-boilerplate claims."""
    memo = ctx.shared.setdefault("framing.terms", {})
    if article_id not in memo:
        index = claim_index(comp, ctx)
        found = []
        for m in doc_terms(ctx, doc_of(comp, ctx, article_id)):
            claim = index.at(article_id, m.start, m.end)
            if claim is not None and not claim.boilerplate:
                found.append(m)
        memo[article_id] = found
    return memo[article_id]


def quote_text(text: str) -> str:
    """Typographic quotes around a phrase, for messages."""
    return f"\u201c{' '.join(text.split())}\u201d"


def someone(speaker: str | None) -> str:
    """The speaker for a message: "a DHS spokesperson" for a role, a name as written."""
    if not speaker:
        return "an unnamed source"
    words = speaker.split()
    if words[0].lower() in ("a", "an", "the", "this", "that") or not words[-1].islower():
        return speaker
    if words[-1].endswith("s") and not words[-1].endswith("ss"):
        return speaker  # "officials", "DHS officials"
    return ("an " if speaker[0].lower() in "aeiou" else "a ") + speaker


def lower_det(text: str) -> str:
    """ "The Obama judge" -> "the Obama judge" (a determiner is not a name)."""
    first, _, rest = text.partition(" ")
    if first in ("The", "This", "That", "These", "Those", "A", "An") and rest:
        return first.lower() + " " + rest
    return text
