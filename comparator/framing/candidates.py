"""Candidate loaded terms with the features a selection rule reads.

Two origins: ``lexicon`` (an entry of the loaded-language lexicon matched in
the article) and ``valence`` (a word VADER rates as evaluative, see
:mod:`comparator.framing.valence`, or an adjective Pattern rates as subjective,
see :mod:`comparator.framing.subjectivity`). Each :class:`Candidate` carries its
sentence context: whether a rule defuses it (``blocked``: attribution word,
fixed expression, literal conflict), whose voice it is in (quote, reported
wording, or the outlet's), and whether it sits in a headline. Which
candidates become findings is decided by :func:`selected` with
:class:`comparator.framing.params.Params`, whose values were chosen by
leave-one-year-out cross-validation (``bench/eval_basil.py --fit``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from comparator.framing import context as cx
from comparator.framing.common import claim_index, doc_of, doc_terms
from comparator.framing.headline_case import recased_headlines
from comparator.framing.lexicon import LexiconEntry
from comparator.framing.subjectivity import subjectivity_of
from comparator.framing.valence import valence_of

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context
    from comparator.framing.params import Params

_CONFLICT = ("conflict_verb", "scare_term")
VALENCE_CATEGORY = "evaluative"
#: Parts of speech a VADER word may have to be a candidate at all (the CV chooses among them).
VALENCE_POS = ("ADJ", "ADV", "VERB", "NOUN")


@dataclass(frozen=True)
class Candidate:
    """One possibly loaded term in an article, with its context."""

    article: str
    claim: str
    start: int
    end: int
    text: str
    term: str  # lexicon term, or the word's lemma for valence candidates
    category: str
    origin: str  # lexicon | valence
    pos: str  # spaCy coarse tag of the match's head
    valence: float | None  # VADER mean rating in [-4, 4], when rated
    voice: str  # authorial | quoted (a quote, or wording reported as someone's)
    speaker: str | None
    reported: bool  # voice comes from a verb of calling/saying, not quote marks
    headline: bool
    blocked: str | None  # attribution | fixed_expression | literal | None
    entry: LexiconEntry | None = None
    polarity: float | None = None  # Pattern's mean adjective polarity in [-1, 1], when rated
    subjectivity: float | None = None  # Pattern's mean adjective subjectivity in [0, 1], when rated


def analysed(claim) -> bool:
    """Claims framing reads: non-boilerplate body claims, and headlines/decks (which the loading stage
    marks boilerplate so that body comparisons skip them)."""
    return claim is not None and (not claim.boilerplate or claim.kind == "headline")


def _voice(index, article: str, start: int, end: int, span) -> tuple[str, str | None, bool]:
    sv = index.voice(article, start, end)
    if sv.voice != "authorial":
        return sv.voice, sv.speaker, False
    who = cx.reported_by(span) if span is not None else None
    # the claims stage's indirect-speech ranges (``Claim.reported``, issue 11), when it provides them
    ranges = getattr(sv.claim, "reported", None) or ()
    if not who and any(a <= start and end <= b for a, b in ranges):
        who = sv.claim.speaker or "someone"
    if who:
        return "quoted", who, True
    return "authorial", None, False


def _blocked(span, category: str) -> str | None:
    if span is None:
        return None
    if cx.is_attribution(span):
        return "attribution"
    if cx.in_fixed_expression(span):
        return "fixed_expression"
    if category in _CONFLICT and cx.literal_conflict(span):
        return "literal"
    if cx.literal_disaster(span):
        return "literal"
    return None


def _doc_candidates(comp: "Comparison", ctx: "Context", article_id: str, doc: Any, offset: int,
                    skip: list[tuple[int, int]], headline: bool) -> list[Candidate]:
    """Candidates in ``doc``, whose character 0 is the article's ``offset``; ranges in ``skip`` are
    read from another Doc."""
    index = claim_index(comp, ctx)
    text = comp.article(article_id).text
    out: list[Candidate] = []
    taken: set[int] = set()

    def keep(start: int, end: int):
        if any(a <= start < b for a, b in skip):
            return None
        claim = index.at(article_id, start, end)
        return claim if analysed(claim) else None

    for m in doc_terms(ctx, doc, headline=headline):
        start, end = m.start + offset, m.end + offset
        claim = keep(start, end)
        if claim is None:
            continue
        span = cx.tokens_of(doc, m.start, m.end)
        if span is not None:
            taken.update(range(span.start, span.end))
        voice, speaker, reported = _voice(index, article_id, start, end, span)
        out.append(Candidate(
            article=article_id, claim=claim.id, start=start, end=end, text=text[start:end], term=m.entry.term,
            category=m.entry.category, origin="lexicon", pos=span.root.pos_ if span is not None else "",
            valence=None, voice=voice, speaker=speaker, reported=reported, headline=claim.kind == "headline",
            blocked=_blocked(span, m.entry.category), entry=m.entry))
    for tok in doc:
        if tok.i in taken or tok.pos_ not in VALENCE_POS or tok.ent_type_ or tok.is_stop or not tok.is_alpha:
            continue
        v = valence_of(tok)
        ps = subjectivity_of(tok)
        if v is None and ps is None:
            continue
        start, end = tok.idx + offset, tok.idx + offset + len(tok.text)
        claim = keep(start, end)
        if claim is None:
            continue
        span = doc[tok.i:tok.i + 1]
        voice, speaker, reported = _voice(index, article_id, start, end, span)
        out.append(Candidate(
            article=article_id, claim=claim.id, start=start, end=end, text=text[start:end],
            term=tok.lemma_.lower(), category=VALENCE_CATEGORY, origin="valence", pos=tok.pos_, valence=v,
            voice=voice, speaker=speaker, reported=reported, headline=claim.kind == "headline",
            blocked=_blocked(span, "conflict_verb" if tok.pos_ == "VERB" else VALENCE_CATEGORY),
            polarity=ps[0] if ps else None, subjectivity=ps[1] if ps else None))
    return out


def article_candidates(comp: "Comparison", ctx: "Context", article_id: str) -> list[Candidate]:
    """Every candidate of one article (memoised in ``ctx.shared``), in text order. A title-case
    headline is read from its own sentence-cased parse instead of the article's."""
    memo = ctx.shared.setdefault("framing.candidates", {})
    if article_id in memo:
        return memo[article_id]
    heads = recased_headlines(comp, ctx, article_id)
    ranges = [(offset, offset + len(hdoc.text)) for hdoc, offset in heads]
    out = _doc_candidates(comp, ctx, article_id, doc_of(comp, ctx, article_id), 0, ranges, headline=False)
    for hdoc, offset in heads:
        out += _doc_candidates(comp, ctx, article_id, hdoc, offset, [], headline=True)
    out.sort(key=lambda c: (c.start, c.end))
    memo[article_id] = out
    return out


def selected(c: Candidate, params: "Params") -> bool:
    """Whether a candidate becomes a finding under ``params``."""
    if c.blocked:
        return False
    if c.origin == "lexicon":
        if c.entry is not None and (c.entry.guide or not c.entry.source.startswith("default.yaml:")):
            return True  # a style guide rules on it, or the user's own lexicon asks for it
        return c.category in params.categories
    return by_valence(c, params) or by_subjectivity(c, params)


def by_valence(c: Candidate, params: "Params") -> bool:
    """A word VADER rates strongly enough, of a part of speech the setting reads."""
    if c.valence is None or c.pos not in params.valence_pos:
        return False
    return (-c.valence if c.valence < 0 else c.valence * params.positive_weight) >= params.valence_min


def by_subjectivity(c: Candidate, params: "Params") -> bool:
    """An adjective Pattern rates subjective (and polar) enough, when the setting reads subjectivity."""
    if params.subjectivity_min is None or c.subjectivity is None or c.polarity is None:
        return False
    return c.subjectivity >= params.subjectivity_min and abs(c.polarity) >= params.polarity_min
