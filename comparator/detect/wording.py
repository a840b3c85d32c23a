"""``wording``: phrases one aligned claim substitutes for another's, when the swap changes connotation.

A word-level diff (rapidfuzz Levenshtein opcodes over lemmas) of every aligned
pair. A substitution counts when both sides hold content words, it is not a
reordering (the words do not reappear elsewhere in the other claim), and the
lexicon marks one side as loaded or the polarity lexicon scores them apart.
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Any

from comparator.framing.common import claim_index, doc_of, lexicon, quote_text, term_matches
from comparator.types import Claim, Evidence, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context

MAX_PHRASE = 4  # tokens per side
MIN_SHARED = 0.4  # share of tokens two aligned claims must share for a word diff to mean anything
MIN_SHIFT = 1.0  # polarity difference that counts as a change of connotation


def _tokens(doc: Any, claim: Claim) -> list[Any]:
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    return [t for t in span if not t.is_punct and not t.is_space] if span is not None else []


def _content(tokens: list[Any]) -> list[Any]:
    return [t for t in tokens if t.is_alpha and not t.is_stop]


def _blocks(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """Merged non-equal opcodes where both sides are non-empty."""
    from rapidfuzz.distance import Levenshtein

    out: list[list[int]] = []
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            continue
        if out and out[-1][1] == op.src_start and out[-1][3] == op.dest_start:
            out[-1][1], out[-1][3] = op.src_end, op.dest_end
        else:
            out.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    return [tuple(x) for x in out if x[1] > x[0] and x[3] > x[2]]


def _shared(a: list[str], b: list[str]) -> float:
    """Share of tokens the two sequences have in common (rapidfuzz Indel on token lists)."""
    from rapidfuzz.distance import Indel

    return Indel.normalized_similarity(a, b)


def _kind(tokens: list[Any]) -> str:
    """Coarse part of speech of a phrase's last content word (nouns and names alike)."""
    content = _content(tokens) or tokens
    pos = content[-1].pos_
    return "NOUN" if pos in ("NOUN", "PROPN") else pos


def _trim(tokens: list[Any]) -> list[Any]:
    while tokens and (tokens[0].is_stop or not tokens[0].is_alpha):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_stop or not tokens[-1].is_alpha):
        tokens = tokens[:-1]
    return tokens


def _polarity(tokens: list[Any], scores: dict) -> float:
    return sum(scores.get(t.lemma_.lower(), scores.get(t.lower_, 0.0)) for t in tokens)


def find_wording(comp: "Comparison", ctx: "Context") -> list[Finding]:
    """One finding per substituted phrase pair whose connotation differs."""
    scores = dict(lexicon(ctx).polarity)
    findings: dict[tuple, Finding] = {}
    order = {a.id: i for i, a in enumerate(comp.articles)}
    for al in comp.alignments:
        claims = sorted((comp.claim(c) for c in al.claims), key=lambda c: (order[c.article], c.start))
        for ca, cb in combinations(claims, 2):
            if ca.article == cb.article:
                continue
            ta, tb = _tokens(doc_of(comp, ctx, ca.article), ca), _tokens(doc_of(comp, ctx, cb.article), cb)
            la, lb = [t.lemma_.lower() for t in ta], [t.lemma_.lower() for t in tb]
            blocks = _blocks(la, lb)
            if not la or not lb or _shared(la, lb) < MIN_SHARED:
                continue
            for i1, i2, j1, j2 in blocks:
                if i1 == 0 or j1 == 0 or i2 == len(la) or j2 == len(lb):
                    continue  # only substitutions framed by the same words on both sides
                pa, pb = _trim(ta[i1:i2]), _trim(tb[j1:j2])
                if not pa or not pb or len(pa) > MAX_PHRASE or len(pb) > MAX_PHRASE:
                    continue
                if _kind(pa) != _kind(pb):
                    continue  # a noun for a noun, a verb for a verb...
                ca_words = {t.lemma_.lower() for t in _content(pa)}
                cb_words = {t.lemma_.lower() for t in _content(pb)}
                if not ca_words or not cb_words:
                    continue
                rest_a, rest_b = set(la[:i1] + la[i2:]), set(lb[:j1] + lb[j2:])
                if ca_words <= rest_b and cb_words <= rest_a:
                    continue  # reordering, not substitution
                sa, ea = pa[0].idx, pa[-1].idx + len(pa[-1])
                sb, eb = pb[0].idx, pb[-1].idx + len(pb[-1])
                terms = [m for aid, s, e in ((ca.article, sa, ea), (cb.article, sb, eb))
                         for m in term_matches(comp, ctx, aid) if m.start < e and s < m.end]
                shift = _polarity(pa, scores) - _polarity(pb, scores)
                if not terms and abs(shift) < MIN_SHIFT:
                    continue
                a_art, b_art = comp.article(ca.article), comp.article(cb.article)
                ta_text, tb_text = a_art.text[sa:ea], b_art.text[sb:eb]
                reason = (f"{quote_text(terms[0].text)} is {terms[0].entry.category.replace('_', ' ')}"
                          if terms else f"the first is more {'positive' if shift > 0 else 'negative'} in tone")
                message = (f"Where {a_art.outlet} writes {quote_text(ta_text)}, {b_art.outlet} writes "
                           f"{quote_text(tb_text)} in the matching sentence ({reason}).")
                va, vb = claim_index(comp, ctx).voice(ca.article, sa, ea), claim_index(comp, ctx).voice(cb.article, sb, eb)
                key = (ca.article, sa, ea, cb.article, sb, eb)
                findings.setdefault(key, Finding(
                    id="", kind="wording", severity="info", confidence=0.6 if terms else 0.45,
                    message=message,
                    evidence=(Evidence(article=ca.article, claim=ca.id, text=ta_text, start=sa, end=ea,
                                       voice=va.voice, speaker=va.speaker),
                              Evidence(article=cb.article, claim=cb.id, text=tb_text, start=sb, end=eb,
                                       voice=vb.voice, speaker=vb.speaker)),
                    details={"a": ta_text, "b": tb_text, "polarity_shift": round(shift, 2),
                             "categories": sorted({m.entry.category for m in terms}),
                             "alignment": list(al.claims)}))
    return [findings[k] for k in sorted(findings)]
