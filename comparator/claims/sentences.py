"""One claim per sentence: exact offsets, paragraph, voice, speaker, boilerplate, entities.

Sentences come from the spaCy parse (see :mod:`comparator.nlp` for the
boundaries preset before parsing), cut again at every line break so no
sentence crosses a paragraph, trimmed of surrounding whitespace, and cleaned
by four post-rules: a piece without letters or digits (a stray quote mark)
joins its neighbour, a piece starting in lowercase joins the previous one, and
a piece that does not end with . ! ? … (a dateline, "Name:") joins the next,
and a short attribution after a quote ending in ? or ! ("“Why?” Lee asked.")
joins the quote.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from comparator.claims.abbreviations import abbreviation_before, continues_sentence
from comparator.claims.blocks import bulleted_statements, reposts
from comparator.claims.boilerplate import covers_paragraph, match_reason, paragraph_reason
from comparator.claims.furniture import LABEL_ONLY, article_reasons, label_end
from comparator.claims.quotes import (
    REPORTING_VERBS, Segment, classify_voice, clip, find_quotes, is_title, paragraphs)
from comparator.claims.speakers import assign_speakers
from comparator.types import Article, Claim, Mention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

CLOSERS = "\"'”’»)]} "
#: Furniture kinds whose claims are headline claims (``Claim.kind == "headline"``).
HEADLINE_REASONS = ("headline", "deck")


def segment(text: str, doc: "Doc") -> tuple[Segment, ...]:
    """Sentence ranges of ``text`` in reading order (never across a line break)."""
    has_sents = doc.has_annotation("SENT_START") or doc.has_annotation("DEP")
    starts = sorted({s.start_char for s in doc.sents if not _after_abbreviation(doc, s.start)}) \
        if has_sents else []
    out: list[Segment] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs(text)):
        lo, hi = bisect.bisect_right(starts, p_start), bisect.bisect_left(starts, p_end)
        cuts = [p_start] + starts[lo:hi] + [p_end]
        pieces = [_trim(text, a, b) for a, b in zip(cuts, cuts[1:])]
        merged: list[tuple[int, int]] = []
        for a, b in pieces:
            if a >= b:
                continue
            piece = text[a:b]
            if merged and (not any(ch.isalnum() for ch in piece) or piece[0].islower()):
                merged[-1] = (merged[-1][0], b)
            elif merged and not any(ch.isalnum() for ch in text[merged[-1][0]:merged[-1][1]]):
                merged[-1] = (merged[-1][0], b)
            else:
                merged.append((a, b))
        joined: list[tuple[int, int]] = []
        for a, b in merged:  # "WASHINGTON --" | "The Senate…": no end punctuation, join the next
            if joined and (not _ends_sentence(text[joined[-1][0]:joined[-1][1]])
                           or _tail_attribution(text, doc, joined[-1][1], a, b)):
                joined[-1] = (joined[-1][0], b)
            else:
                joined.append((a, b))
        if joined:  # "UPDATE: The senator said…": the run-in label is a claim of its own
            cut = label_end(text, *joined[0])
            if cut is not None:
                rest = _trim(text, cut, joined[0][1])
                joined[0:1] = [(joined[0][0], cut), rest]
        out.extend(Segment(a, b, p_index) for a, b in joined
                   if any(ch.isalnum() for ch in text[a:b]))
    return tuple(out)


def _after_abbreviation(doc: "Doc", i: int) -> bool:
    """Token ``i`` follows a title, initial or month abbreviation it belongs with (``Sgt. | Lena``).

    The parser may still start a sentence there although the boundary component
    said not to; this drops such starts (see :mod:`.abbreviations`).
    """
    return i > 0 and continues_sentence(abbreviation_before(doc, i), doc[i].text)


def _tail_attribution(text: str, doc: "Doc", prev_end: int, start: int, end: int) -> bool:
    """``“Why now?” | Warren asked.``: a short attribution after a quote ending in ? or !."""
    tail = text[max(0, prev_end - 8):prev_end]
    core = tail.rstrip(CLOSERS)
    if not core.endswith(("?", "!")) or not any(ch in "”\"" for ch in tail[len(core):]):
        return False
    span = doc.char_span(start, end, alignment_mode="expand") or ()
    words = [t for t in span if t.is_alpha]
    return 0 < len(words) <= 6 and any(t.lemma_.lower() in REPORTING_VERBS for t in words)


def _ends_sentence(piece: str) -> bool:
    """The piece ends with . ! ? or … (possibly inside closing quotes or brackets)."""
    core = piece.rstrip(CLOSERS)
    return bool(core) and core[-1] in ".!?…"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _has_verb(doc: "Doc", start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def _boilerplate(text: str, doc: "Doc", sentences: tuple[Segment, ...], article: Article | None = None,
                 quotes: tuple[tuple[int, int], ...] = ()) -> list[str | None]:
    """The furniture kind of every sentence (None for story text): wording rules, then article rules."""
    reasons: list[str | None] = [None] * len(sentences)
    by_para: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        by_para.setdefault(s.paragraph, []).append(i)
    at_top = True
    for p in sorted(by_para):
        idx = by_para[p]
        start, end = sentences[idx[0]].start, sentences[idx[-1]].end
        has_verb = _has_verb(doc, start, end)
        reason = paragraph_reason(text[start:end], has_verb=has_verb, at_top=at_top)
        if reason and covers_paragraph(reason, len(idx)):
            for i in idx:
                reasons[i] = reason
        else:
            for i in idx:
                reasons[i] = match_reason(text[sentences[i].start:sentences[i].end])
        at_top = at_top and all(reasons[i] for i in idx)
    for i, s in enumerate(sentences):
        if LABEL_ONLY.match(text[s.start:s.end]):
            reasons[i] = "subhead"
    meta = article.meta if article is not None else {}
    return article_reasons(text, doc, sentences, reasons, meta, quotes,
                           article.published if article is not None else None)


from comparator.chunks import ents_in  # noqa: E402


def _mentions(doc: "Doc", start: int, end: int) -> tuple[Mention, ...]:
    """Entities inside ``[start, end)``, found by bisection (O(log n) per claim)."""
    return tuple(
        Mention(text=e.text, start=e.start_char, end=e.end_char, label=e.label_)
        for e in ents_in(doc, start, end)
    )


#: A quoted fragment of at most this many words, in an unattributed sentence, is a scare quote.
MAX_SCARE_WORDS = 3


def extract_claims(article: Article, doc: "Doc") -> tuple[Claim, ...]:
    """One :class:`Claim` per sentence of ``article`` (``doc`` is the parse of its text)."""
    text = article.text
    sentences = segment(text, doc)
    quotes = tuple(q for q in find_quotes(text) if not is_title(text, q))  # names aren't words
    quotes = bulleted_statements(text, doc, reposts(text, quotes))
    speakers = assign_speakers(text, doc, quotes, sentences)
    reasons = _boilerplate(text, doc, sentences, article, tuple((q.start, q.end) for q in quotes))
    marked = {q.chain for q in quotes if q.open_mark is not None or q.close_mark is not None}
    q_ends = [q.end for q in quotes]  # quotes are disjoint and in order: ends are sorted too
    q_starts = [q.start for q in quotes]
    claims = []
    for index, (s, reason) in enumerate(zip(sentences, reasons)):
        near = quotes[bisect.bisect_right(q_ends, s.start):bisect.bisect_left(q_starts, s.end)]
        ranges = clip(near, s.start, s.end)
        voice = classify_voice(text, doc, s.start, s.end, ranges)
        speaker = None
        scare: tuple[tuple[int, int], ...] = ()
        chains = [q.chain for q in near if q.start < s.end and s.start < q.end]
        if voice == "mixed" and index not in speakers.attributed and _scare(text, quotes, chains, ranges):
            voice, scare = "authorial", ranges  # the outlet's own sentence, distancing a word
        if voice == "authorial":
            ranges = ()  # only marks, no quoted words
        else:
            chains.sort(key=lambda c: c not in marked)  # words in marks before a block around them
            speaker = next((speakers.of(c) for c in chains if speakers.of(c)), None)
        claims.append(Claim(
            id=f"{article.id}:{index}",
            article=article.id,
            index=index,
            paragraph=s.paragraph,
            text=text[s.start:s.end],
            start=s.start,
            end=s.end,
            voice=voice,
            speaker=speaker,
            boilerplate=reason is not None,
            boilerplate_reason=reason,
            kind="headline" if reason in HEADLINE_REASONS else "body",
            quotes=ranges,
            mentions=_mentions(doc, s.start, s.end),
            speaker_reason="unattributed" if voice != "authorial" and speaker is None else None,
            scare_quotes=scare,
            reported=_unquoted([(max(a, s.start), min(b, s.end)) for a, b in speakers.reported
                                if a < s.end and s.start < b], ranges),
        ))
    return tuple(claims)


def _unquoted(spans, quoted) -> tuple[tuple[int, int], ...]:
    """``spans`` minus the parts inside ``quoted`` (quoted words are quotes, not reported speech)."""
    out = []
    for s, e in spans:
        cuts = sorted((max(s, qs), min(e, qe)) for qs, qe in quoted if qs < e and s < qe)
        at = s
        for cs, ce in cuts:
            if cs > at:
                out.append((at, cs))
            at = max(at, ce)
        if e > at:
            out.append((at, e))
    return tuple((a, b) for a, b in out if b > a)


def _scare(text: str, quotes, chains: list[int], ranges) -> bool:
    """Every quoted fragment of the sentence is 1-3 words, closed on both sides, and its
    quote belongs to no longer quotation running over other sentences."""
    if not ranges:
        return False
    for s, e in ranges:
        words = text[s:e].split()
        if not 1 <= len(words) <= MAX_SCARE_WORDS:
            return False
    for c in set(chains):
        spans = [q for q in quotes if q.chain == c]
        if len(spans) > 1 or any(q.open_mark is None or q.close_mark is None for q in spans):
            return False
    return True
