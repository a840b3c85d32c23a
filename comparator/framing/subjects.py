"""The event's central subjects and how each outlet names them ("migrants" / "illegal aliens"; "wall" / "barrier").

A *mention* is a noun phrase whose head noun is a subject word: the head of
the phrase, not a modifier, so "a migrant shelter" and "anti-immigrant
protesters" are not mentions of the migrants. Subject words are grouped into
referents:

- by the lexicon's ``concepts`` (every phrase of a concept contributes its head
  noun: "immigrants" groups immigrant, migrant, alien, asylum seeker, ...);
- when an encoder is available (``ctx.shared["encoder"]``, the packaged MiniLM
  through :func:`comparator.embed.load_encoder`), by cosine similarity of the
  head nouns' vectors at or above :data:`SAME_REFERENT` ("wall" / "barrier"),
  among nouns that at least two outlets use at least :data:`MIN_MENTIONS`
  times in all;
- through the comparison's alignments: the subjects of two aligned claims whose
  outlets never use each other's word ("the caravan" / "the migrants"; see
  :mod:`comparator.framing.aligned_referents`).

A mention's *label* is the head noun with its adjective and noun modifiers
("illegal immigrants", "steel barrier"); each outlet's *dominant* label is its
most frequent one. :func:`outlet_subjects` returns, per referent, each
outlet's label counts and a handful of evidence mentions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from comparator.framing import context as cx
from comparator.framing.candidates import analysed
from comparator.framing.common import claim_index, doc_of, lexicon

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context

#: Cosine similarity of two head nouns' MiniLM vectors at which they name the same referent.
SAME_REFERENT = 0.62
MIN_MENTIONS = 3
EVIDENCE_PER_OUTLET = 3
_MOD_DEPS = ("amod", "compound", "nmod")
#: Nouns too general to be an event's subject.
GENERIC = frozenset({"people", "person", "year", "time", "day", "week", "month", "way", "thing", "part",
                     "lot", "number", "percent", "state", "country", "official", "today", "report",
                     "statement", "news", "story", "article", "case", "issue", "question", "point"})


@dataclass(frozen=True)
class Mention:
    """One naming of a subject in an article's own voice (or headline)."""

    article: str
    claim: str
    text: str
    start: int
    end: int
    head: str  # lemma of the head noun
    label: str  # lower-case modifiers + head lemma ("illegal immigrant")
    headline: bool
    role: str = ""  # dependency label of the head noun ("nsubj": the claim's subject)


@dataclass(frozen=True)
class OutletSubject:
    """How one article names one referent: label counts (most frequent first) and a few mentions."""

    article: str
    counts: tuple[tuple[str, int], ...]
    evidence: tuple[Mention, ...]

    @property
    def dominant(self) -> str:
        return self.counts[0][0]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


def _head_lemma(nlp_doc: Any) -> str | None:
    """Lemma of the phrase's head noun ("crackdown" in "crackdown on illegal immigration")."""
    root = nlp_doc[:].root
    if root.pos_ in ("NOUN", "PROPN"):
        return root.lemma_.lower()
    nouns = [t for t in nlp_doc if t.pos_ in ("NOUN", "PROPN")]
    return nouns[-1].lemma_.lower() if nouns else None


def concept_heads(ctx: "Context") -> tuple[dict[str, str], dict[str, str]]:
    """(single head noun lemma -> concept, multi-word label -> concept) from the lexicon's concept phrases.

    A one-word phrase ("migrants") names its concept wherever it heads a noun phrase; a longer one
    ("deportation campaign") only as a whole label, so "campaign" alone stays unrelated.
    """
    key = "framing.concept_heads"
    if key not in ctx.shared:
        from comparator.nlp import load_nlp

        lex = lexicon(ctx)
        nlp = load_nlp()
        ctx.shared[key] = _parsed_concept_heads(lex, nlp)
    return ctx.shared[key]


#: (lexicon, pipeline, heads) of the last parse: the lexicon and spaCy pipeline are loaded once per
#: process, so a corpus run parses the concept phrases once instead of once per event.
_HEADS_MEMO: list[tuple[Any, Any, tuple[dict[str, str], dict[str, str]]]] = []


def _parsed_concept_heads(lex: Any, nlp: Any) -> tuple[dict[str, str], dict[str, str]]:
    for memo_lex, memo_nlp, heads in _HEADS_MEMO:
        if memo_lex is lex and memo_nlp is nlp:
            return heads
    single: dict[str, str] = {}
    multi: dict[str, str] = {}
    pairs = [(name, p) for name in sorted(lex.concepts) for p in lex.concepts[name]]
    pairs += [(e.concept, e.term) for e in lex.entries if e.concept and not e.regex]
    for (name, _), doc in zip(pairs, nlp.pipe([p for _, p in pairs])):
        words = [t for t in doc if not t.is_punct]
        if not words:
            continue
        if len(words) == 1:
            single.setdefault(words[0].lemma_.lower(), name)
        elif doc[:].root.i == words[-1].i and words[-1].pos_ in ("NOUN", "PROPN"):
            multi.setdefault(" ".join([t.lower_ for t in words[:-1]] + [words[-1].lemma_.lower()]), name)
    heads = (single, multi)
    _HEADS_MEMO[:] = [*_HEADS_MEMO[-3:], (lex, nlp, heads)]
    return heads


def _mods(tok: Any) -> list[Any]:
    """The modifiers a label keeps: adjective/noun/verb modifiers within three words, not names or
    ordinals ("first residents" is labelled and quoted as "residents")."""
    return [c for c in tok.lefts if c.dep_ in _MOD_DEPS and c.pos_ in ("ADJ", "NOUN", "VERB")
            and not c.ent_type_ and c.i >= tok.i - 3]


def _label(tok: Any) -> str:
    return " ".join([m.lower_ for m in _mods(tok)] + [tok.lemma_.lower()])


def mentions(comp: "Comparison", ctx: "Context") -> list[Mention]:
    """Every head noun of a noun phrase in the outlets' own voice (body and headlines; a title-case
    headline is read in sentence case, :mod:`comparator.framing.headline_case`)."""
    memo = ctx.shared.get("framing.subject_mentions")
    if memo is not None:
        return memo
    from comparator.framing.headline_case import recased_headlines

    out = []
    for article in comp.articles:
        heads = recased_headlines(comp, ctx, article.id)
        skip = [(offset, offset + len(hdoc.text)) for hdoc, offset in heads]
        out += _doc_mentions(comp, ctx, article, doc_of(comp, ctx, article.id), 0, skip)
        for hdoc, offset in heads:
            out += _doc_mentions(comp, ctx, article, hdoc, offset, [])
    order = {a.id: i for i, a in enumerate(comp.articles)}
    out.sort(key=lambda m: (order[m.article], m.start))
    ctx.shared["framing.subject_mentions"] = out
    return out


def _doc_mentions(comp: "Comparison", ctx: "Context", article: Any, doc: Any, offset: int,
                  skip: list[tuple[int, int]]) -> list[Mention]:
    index = claim_index(comp, ctx)
    out = []
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.dep_ in ("compound", "amod", "npadvmod") or tok.ent_type_:
            continue
        lemma = tok.lemma_.lower()
        if not tok.is_alpha and "-" not in tok.text or lemma in GENERIC:
            continue
        # the quoted span is the label's own words, so a count of "X" counts occurrences of "X"
        start = offset + min([tok.idx] + [c.idx for c in _mods(tok)])
        end = offset + tok.idx + len(tok.text)
        if any(a <= start < b for a, b in skip):
            continue
        sv = index.voice(article.id, start, end)
        if not analysed(sv.claim) or sv.voice != "authorial":
            continue
        one = doc[tok.i:tok.i + 1]
        ranges = getattr(sv.claim, "reported", None) or ()  # indirect speech (claims stage)
        if cx.reported_by(one) or cx.in_fixed_expression(one) or any(a <= start and end <= b for a, b in ranges):
            continue
        out.append(Mention(article=article.id, claim=sv.claim.id, text=article.text[start:end], start=start,
                           end=end, head=lemma, label=_label(tok), headline=sv.claim.kind == "headline",
                           role=tok.dep_))
    return out


def _concept_of(m: Mention, single: dict[str, str], multi: dict[str, str]) -> str | None:
    if m.head in single:
        return single[m.head]
    words = m.label.split()
    for i in range(len(words) - 1):
        got = multi.get(" ".join(words[i:]))
        if got:
            return got
    return None


def _referents(ms: list[Mention], ctx: "Context", comp: "Comparison | None" = None) -> list[str | None]:
    """The referent of each mention (a concept name, a discovered head noun, or None); with ``comp``,
    merged through its aligned claims (:mod:`comparator.framing.aligned_referents`)."""
    out = _by_words(ms, ctx)
    if comp is None:
        return out
    from comparator.framing.aligned_referents import merge_by_alignment

    return merge_by_alignment(comp, ms, out)


def _by_words(ms: list[Mention], ctx: "Context") -> list[str | None]:
    single, multi = concept_heads(ctx)
    out = [_concept_of(m, single, multi) for m in ms]
    encoder = ctx.shared.get("encoder")
    if encoder is None:
        return out
    per_head: dict[str, Counter] = {}
    for m, ref in zip(ms, out):
        if ref is None:
            per_head.setdefault(m.head, Counter())[m.article] += 1
    frequent = sorted(h for h, c in per_head.items() if len(c) >= 2 and sum(c.values()) >= MIN_MENTIONS)
    others = sorted(h for h, c in per_head.items() if h not in frequent and sum(c.values()) >= MIN_MENTIONS - 1)
    if not frequent:
        return out
    import numpy as np

    words = frequent + others
    vecs = np.asarray(encoder.encode(words), dtype=float)
    vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9)
    sims = vecs @ vecs.T
    group: dict[str, str] = {}
    for i, h in enumerate(frequent):
        if h in group:
            continue
        group[h] = h
        for j in range(len(words)):
            if words[j] not in group and sims[i, j] >= SAME_REFERENT:
                group[words[j]] = h
    return [ref if ref is not None else group.get(m.head) for m, ref in zip(ms, out)]


def outlet_subjects(comp: "Comparison", ctx: "Context") -> dict[str, list[OutletSubject]]:
    """referent -> one :class:`OutletSubject` per article that names it (article order)."""
    ms = mentions(comp, ctx)
    order = {a.id: i for i, a in enumerate(comp.articles)}
    by: dict[str, dict[str, list[Mention]]] = {}
    for m, ref in zip(ms, _referents(ms, ctx, comp)):
        if ref is not None:
            by.setdefault(ref, {}).setdefault(m.article, []).append(m)
    out: dict[str, list[OutletSubject]] = {}
    for ref in sorted(by):
        rows = []
        for aid in sorted(by[ref], key=order.get):
            found = sorted(by[ref][aid], key=lambda m: m.start)
            counts = Counter(m.label for m in found)
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], next(m.start for m in found if m.label == kv[0])))
            dominant = ranked[0][0]
            ev = [m for m in found if m.headline] + [m for m in found if m.label == dominant and not m.headline]
            ev += [m for m in found if m not in ev]
            rows.append(OutletSubject(article=aid, counts=tuple(ranked), evidence=tuple(ev[:EVIDENCE_PER_OUTLET])))
        out[ref] = rows
    return out
