"""Find lexicon terms in a parsed article: spaCy PhraseMatcher on text and lemmas, a token Matcher on
lemmas for multi-word terms with a determiner slot ("take a swipe at" -> "took another swipe at"), plus
regexes. Every match must have a head whose part of speech the entry allows (``LexiconEntry.pos``)."""

from __future__ import annotations

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


#: Articles in a multi-word term that stand for any determiner slot when matching on lemmas.
DETERMINER_SLOT = frozenset({"a", "an", "the"})


def lemma_pattern(term_doc: Any) -> list[dict] | None:
    """A spaCy ``Matcher`` pattern for a multi-word term (a lemmatised Doc), or None when the term has
    no determiner slot (the lemma PhraseMatcher covers it). Each article ("a", "an", "the") becomes an
    optional determiner or possessive followed by at most one optional modifier (an ``amod`` or
    ``compound`` dependent: "a sharp swipe", "a parting swipe"); every other word matches on its lemma
    (spaCy Matcher, ``LEMMA``, ``DEP`` and ``OP: "?"``; the article must be parsed)."""
    if len(term_doc) < 2 or not any(t.lower_ in DETERMINER_SLOT for t in term_doc):
        return None
    pattern: list[dict] = []
    for t in term_doc:
        if t.lower_ in DETERMINER_SLOT:
            pattern.append({"POS": {"IN": ["DET", "PRON"]}, "OP": "?"})
            pattern.append({"DEP": {"IN": ["amod", "compound"]}, "OP": "?"})
        else:
            pattern.append({"LEMMA": {"IN": sorted({t.lemma_, t.lemma_.lower()})}})
    return pattern


def _matchers(lex: Lexicon, vocab: Any) -> tuple[Any, Any, Any, list[LexiconEntry]]:
    """(lower-case PhraseMatcher, lemma PhraseMatcher, lemma token Matcher, phrase entries), once per vocab."""
    cache = lex.__dict__.setdefault("_matchers", {})
    key = id(vocab)
    if key in cache:
        return cache[key]
    from spacy.matcher import Matcher

    from comparator.nlp import lemma_docs, load_nlp, phrase_matcher

    nlp = load_nlp()
    phrases = [e for e in lex.entries if not e.regex]
    lower, lemma = phrase_matcher(vocab, "LOWER"), phrase_matcher(vocab, "LEMMA")
    slots = Matcher(vocab)
    lemma_entries = [e for e in phrases if e.match == "lemma"]
    for i, e in enumerate(phrases):
        lower.add(str(i), [nlp.make_doc(e.term)])
    index = {id(e): i for i, e in enumerate(phrases)}
    for e, doc in zip(lemma_entries, lemma_docs([e.term for e in lemma_entries])):
        pattern = lemma_pattern(doc)
        if pattern is None:
            lemma.add(str(index[id(e)]), [doc])
        else:
            slots.add(str(index[id(e)]), [pattern])
    cache[key] = (lower, lemma, slots, phrases)
    return cache[key]


def _pos_ok(entry: LexiconEntry, span: Any, headline: bool = False) -> bool:
    """The head of the matched words has one of the entry's parts of speech (any when it lists none);
    in a headline, a verb entry also accepts a noun-tagged headline verb ("Senate slams plan", see
    :func:`comparator.framing.headline_case.headline_verb`)."""
    if not entry.pos or span.root.pos_ in entry.pos:
        return True
    if headline and "VERB" in entry.pos:
        from comparator.framing.headline_case import headline_verb

        return headline_verb(span.root)
    return False


#: Seconds one lexicon regex may search one article (the ``regex`` package's
#: ``timeout``); past it the run stops with a :class:`ConfigError` naming the entry.
MATCH_TIMEOUT = 5.0


def wrap_pattern(pattern: str) -> str:
    """A lexicon regex as matched: whole words only (no letter, digit or hyphen either side)."""
    return rf"(?<![\w-])(?:{pattern})(?![\w-])"


def _regexes(lex: Lexicon) -> list[tuple[Any, LexiconEntry]]:
    import regex

    cached = lex.__dict__.get("_regexes")
    if cached is None:
        cached = [(regex.compile(wrap_pattern(e.regex), regex.IGNORECASE), e)
                  for e in lex.entries if e.regex]
        object.__setattr__(lex, "_regexes", cached)
    return cached


def _finditer(pattern: Any, entry: LexiconEntry, text: str) -> list[Any]:
    from comparator.errors import ConfigError

    try:
        return list(pattern.finditer(text, timeout=MATCH_TIMEOUT))
    except TimeoutError:
        raise ConfigError(f"lexicon regular expression {entry.regex!r} took over {MATCH_TIMEOUT:g} s "
                          "on one article (catastrophic backtracking).", path=entry.source,
                          hint="Simplify the pattern (no nested repetition such as (a+)+).") from None


def find_terms(lex: Lexicon, doc: Any, headline: bool = False) -> list[TermMatch]:
    """Every lexicon term in ``doc``; overlapping matches keep the longest (then earliest entry).
    ``headline``: ``doc`` is a headline read in sentence case (verb entries accept headline verbs)."""
    found: list[tuple[int, int, int, LexiconEntry]] = []
    order = {id(e): i for i, e in enumerate(lex.entries)}
    if any(not e.regex for e in lex.entries):
        lower, lemma, slots, phrases = _matchers(lex, doc.vocab)
        for matcher in (lower, lemma, slots) if len(slots) else (lower, lemma):
            for match_id, s, e in matcher(doc):
                entry = phrases[int(doc.vocab.strings[match_id])]
                span = doc[s:e]
                if not _pos_ok(entry, span, headline):
                    continue
                found.append((span.start_char, span.end_char, order[id(entry)], entry))
    from comparator.chunks import doc_text

    text = doc_text(doc)  # Doc.text joins every token on each access
    for pattern, entry in _regexes(lex):
        for m in _finditer(pattern, entry, text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and span.text.strip() and _pos_ok(entry, span, headline):
                found.append((span.start_char, span.end_char, order[id(entry)], entry))
    # longest first, then earliest entry; drop anything overlapping a kept match
    found.sort(key=lambda t: (-(t[1] - t[0]), t[0], t[2]))
    kept: list[tuple[int, int, int, LexiconEntry]] = []
    for item in found:
        if all(item[1] <= k[0] or item[0] >= k[1] for k in kept):
            kept.append(item)
    kept.sort(key=lambda t: (t[0], t[1], t[2]))
    return [TermMatch(entry=e, start=s, end=t, text=text[s:t]) for s, t, _, e in kept]
