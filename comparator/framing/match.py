"""Find lexicon terms in a parsed article: spaCy PhraseMatcher on lemmas and text, plus regexes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from comparator.framing.lexicon import Lexicon, LexiconEntry


@dataclass(frozen=True)
class TermMatch:
    """A lexicon entry found at ``start:end`` (character offsets into the parsed text)."""

    entry: LexiconEntry
    start: int
    end: int
    text: str


def _matchers(lex: Lexicon, vocab: Any) -> tuple[Any, Any, list[LexiconEntry]]:
    """(lower-case PhraseMatcher, lemma PhraseMatcher, phrase entries), built once per vocab."""
    cache = lex.__dict__.setdefault("_matchers", {})
    key = id(vocab)
    if key in cache:
        return cache[key]
    from comparator.nlp import lemma_docs, load_nlp, phrase_matcher

    nlp = load_nlp()
    phrases = [e for e in lex.entries if not e.regex]
    lower, lemma = phrase_matcher(vocab, "LOWER"), phrase_matcher(vocab, "LEMMA")
    lemma_entries = [e for e in phrases if e.match == "lemma"]
    for i, e in enumerate(phrases):
        lower.add(str(i), [nlp.make_doc(e.term)])
    index = {id(e): i for i, e in enumerate(phrases)}
    for e, doc in zip(lemma_entries, lemma_docs([e.term for e in lemma_entries])):
        lemma.add(str(index[id(e)]), [doc])
    cache[key] = (lower, lemma, phrases)
    return cache[key]


def _regexes(lex: Lexicon) -> list[tuple[re.Pattern, LexiconEntry]]:
    cached = lex.__dict__.get("_regexes")
    if cached is None:
        cached = [(re.compile(rf"(?<![\w-])(?:{e.regex})(?![\w-])", re.IGNORECASE), e)
                  for e in lex.entries if e.regex]
        object.__setattr__(lex, "_regexes", cached)
    return cached


def find_terms(lex: Lexicon, doc: Any) -> list[TermMatch]:
    """Every lexicon term in ``doc``; overlapping matches keep the longest (then earliest entry)."""
    found: list[tuple[int, int, int, LexiconEntry]] = []
    order = {id(e): i for i, e in enumerate(lex.entries)}
    if any(not e.regex for e in lex.entries):
        lower, lemma, phrases = _matchers(lex, doc.vocab)
        for matcher in (lower, lemma):
            for match_id, s, e in matcher(doc):
                entry = phrases[int(doc.vocab.strings[match_id])]
                span = doc[s:e]
                if entry.pos and span.root.pos_ not in entry.pos:
                    continue
                found.append((span.start_char, span.end_char, order[id(entry)], entry))
    for pattern, entry in _regexes(lex):
        for m in pattern.finditer(doc.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and span.text.strip():
                found.append((span.start_char, span.end_char, order[id(entry)], entry))
    # longest first, then earliest entry; drop anything overlapping a kept match
    found.sort(key=lambda t: (-(t[1] - t[0]), t[0], t[2]))
    kept: list[tuple[int, int, int, LexiconEntry]] = []
    for item in found:
        if all(item[1] <= k[0] or item[0] >= k[1] for k in kept):
            kept.append(item)
    kept.sort(key=lambda t: (t[0], t[1], t[2]))
    return [TermMatch(entry=e, start=s, end=t, text=doc.text[s:t]) for s, t, _, e in kept]
