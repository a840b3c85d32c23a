"""Terms for the same group or event: "illegal migrants" vs "immigrants" vs "illegal aliens".

Phrases are found with the lexicon's ``concepts`` (and entries carrying a
``concept``), widened to their noun chunk ("the latest setback" -> "latest
setback"), and grouped by concept per article with their voice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from comparator.framing.common import claim_index, doc_of, lexicon
from comparator.framing.lexicon import Lexicon, LexiconEntry
from comparator.framing.match import find_terms

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context

CONCEPT_CATEGORY = "concept_term"


@dataclass(frozen=True)
class Term:
    """One naming of a concept in an article."""

    concept: str
    article: str
    claim: str
    text: str
    start: int
    end: int
    voice: str
    speaker: str | None
    normal: str  # lower-cased lemmas, used to compare outlets' choices
    loaded: str | None  # lexicon category when the term itself is a loaded entry


def concept_lexicon(lex: Lexicon) -> Lexicon:
    """A lexicon of every concept phrase (memoised on ``lex``)."""
    cached = lex.__dict__.get("_concept_lexicon")
    if cached is None:
        entries = [LexiconEntry(term=p, category=CONCEPT_CATEGORY, neutral="", rationale="", concept=name,
                                source=f"concepts:{name}")
                   for name in sorted(lex.concepts) for p in lex.concepts[name]]
        entries += [e for e in lex.entries if e.concept]
        cached = Lexicon(entries=tuple(entries), concepts=lex.concepts)
        object.__setattr__(lex, "_concept_lexicon", cached)
    return cached


def _widen(doc: Any, span: Any) -> Any:
    """The noun chunk around a match, without leading determiners, possessives or quantities."""
    start, end = span.start, span.end
    for chunk in doc.noun_chunks:
        if chunk.start <= span.start < chunk.end or chunk.start < span.end <= chunk.end:
            start, end = min(start, chunk.start), max(end, chunk.end)
    while start < end - 1 and (doc[start].pos_ in ("DET", "PRON", "NUM", "PART") or doc[start].dep_ in
                               ("det", "poss", "nummod", "case") or doc[start].is_punct):
        start += 1
    return doc[start:end]


def find_concept_terms(comp: "Comparison", ctx: "Context") -> list[Term]:
    """Every concept term in every article's non-boilerplate claims."""
    lex = lexicon(ctx)
    clex = concept_lexicon(lex)
    loaded = {e.term.lower(): e.category for e in lex.entries if not e.regex}
    index = claim_index(comp, ctx)
    out = []
    for article in comp.articles:
        doc = doc_of(comp, ctx, article.id)
        for m in find_terms(clex, doc):
            sv = index.voice(article.id, m.start, m.end)
            if sv.claim is None or sv.claim.boilerplate:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            wide = _widen(doc, span) if span is not None and m.entry.category == CONCEPT_CATEGORY else span
            if wide is None:
                continue
            text = m.text if m.entry.regex else wide.text
            start = m.start if m.entry.regex else wide.start_char
            end = m.end if m.entry.regex else wide.end_char
            normal = " ".join(t.lemma_.lower() for t in wide if not t.is_punct)
            category = loaded.get(m.text.lower()) or (m.entry.category if m.entry.category != CONCEPT_CATEGORY
                                                      else None)
            out.append(Term(concept=m.entry.concept or "", article=article.id, claim=sv.claim.id, text=text,
                            start=start, end=end, voice=sv.voice, speaker=sv.speaker,
                            normal=m.entry.term.lower() if m.entry.regex else normal, loaded=category))
    return out
