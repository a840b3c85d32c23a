"""Divergent facts in headlines and decks: "$1 trillion" in one outlet's headline, "$1.2 trillion" in another's.

Headline claims (``Claim.kind == "headline"``) are boilerplate for the story
(alignment, omissions and goldcheck's story sentences never see them), so the
aligned-pair comparison of :mod:`.divergence` never reads them. Here they take
part as their own claims:

- **headline against headline**: the headlines (and decks) of two outlets about
  one event tell the same story, so every pair of them is compared with the very
  rules aligned body claims go through (:func:`comparator.detect.divergence._compare_pair`:
  facts matched by value first, then only values about the same thing, same anchor,
  event or subject, are compared). The pair's score is the cosine of the two
  headlines' sentence embeddings (the comparison's encoder), or rapidfuzz
  ``token_set_ratio`` without one. Only numbers, dates, names and statuses are
  kept: a headline's missing detail is not a finding, nor is a polarity or
  wording difference in a dozen words;
- **headline against the other outlet's body**: a headline number or amount is
  compared with a body sentence of another outlet only when the two facts are
  surely about the same thing (they count the same noun, or one belongs to the
  subject or object of the verb the other hangs on: "$1 trillion infrastructure
  bill" / "the bill would cost $1.2 trillion"; and
  :func:`comparator.detect.sameness.same_thing` does not rule it out),
  the body gives exactly one such value of that kind for that anchor, the
  headline's value is nowhere in its own article's body (there, the body
  sentences are compared as such), and neither article states the other's
  value anywhere (a headline rounding its own body's "$1.2 trillion" to "$1
  trillion" is not a contradiction).

Every finding is a ``divergent_fact`` with ``details.headline`` True and a
message that says "in the headlines" / "in its headline". Headlines never
create omissions (:mod:`.omissions` skips boilerplate).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import numpy as np

from comparator.detect import Context, roles
from comparator.facts import extract_facts, facts_agree
from comparator.types import Claim, Fact, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison

__all__ = ["HEADLINE_TYPES", "BODY_KINDS", "find_headline_divergences", "headline_scores"]

#: ``details.type`` of the findings kept between two headlines
HEADLINE_TYPES = frozenset({"number", "date", "name", "status"})
#: fact kinds of a headline compared with the other outlet's body
BODY_KINDS = ("quantity", "money", "percent")
#: ``details.fact`` of polarity findings, not kept in a headline (a dozen words seldom share a verb's scope)
_POLARITY = frozenset({"negation", "certainty"})


def find_headline_divergences(comp: "Comparison", ctx: Context) -> list[Finding]:
    """``divergent_fact`` findings between headlines, and between a headline and another outlet's body.

    Returns findings with ids "" (:func:`comparator.detect.finalize_findings` numbers them), each with
    ``details.headline`` True.
    """
    order = {a.id: i for i, a in enumerate(comp.articles)}
    heads = sorted((c for c in comp.claims if c.kind == "headline"),
                   key=lambda c: (order.get(c.article, 99), c.start))
    if not heads:
        return []
    sides = {c.id: _headline_side(comp, ctx, c) for c in heads}
    scores = headline_scores(ctx, heads) if len({c.article for c in heads}) > 1 else {}
    out: list[Finding] = []
    told: set[tuple[str, int, str]] = set()  # (headline claim, fact start, other article) already reported
    for i, ca in enumerate(heads):
        for cb in heads[i + 1:]:
            if ca.article == cb.article:
                continue
            a, b = sides[ca.id], sides[cb.id]
            if a.span is None or b.span is None:
                continue
            found, _, _ = _compare(a, b, scores[ca.id, cb.id])
            for f in found:
                if f.kind != "divergent_fact" or f.details.get("type") not in HEADLINE_TYPES \
                        or f.details.get("fact") in _POLARITY:
                    continue
                out.append(_mark(f, "in the headlines"))
                ea, eb = f.evidence
                told.update({(ca.id, ea.start, cb.article), (cb.id, eb.start, ca.article)})
    out.extend(_body_findings(comp, ctx, heads, sides, told, order))
    return out


def _compare(a: roles.Side, b: roles.Side, score: float) -> tuple[list[Finding], Any, Any]:
    from comparator.detect.divergence import _compare_pair

    return _compare_pair(a, b, score)


def _headline_side(comp: "Comparison", ctx: Context, claim: Claim) -> roles.Side:
    """The headline as a :class:`roles.Side`, with its facts read from the article's parse (the claims stage
    attaches none to boilerplate)."""
    from comparator.detect.divergence import _side

    article = comp.article(claim.article)
    doc = ctx.docs.get(claim.article) if ctx.docs else None
    if doc is not None and not claim.facts:
        claim = dataclasses.replace(claim, facts=extract_facts(doc, claim.start, claim.end, article.published))
    return _side(comp, ctx, claim)


def headline_scores(ctx: Context, heads: list[Claim]) -> dict[tuple[str, str], float]:
    """How close each two headlines are, in [0, 1], keyed by both orders of their claim ids: the cosine of
    their embeddings by the comparison's encoder (``ctx.shared["encoder"]``, one batch), else rapidfuzz
    ``token_set_ratio`` / 100 (:func:`comparator.scorers.token_set_ratio`)."""
    from comparator.scorers import token_set_ratio

    encoder = ctx.shared.get("encoder") if ctx.shared else None
    unit = None
    if encoder is not None:
        vecs = np.asarray(encoder.encode([c.text for c in heads]), dtype=float)
        if vecs.ndim == 2 and vecs.shape[0] == len(heads):
            norms = np.linalg.norm(vecs, axis=1, keepdims=True)
            unit = vecs / np.where(norms > 0, norms, 1.0)
    out: dict[tuple[str, str], float] = {}
    for i, ca in enumerate(heads):
        for k, cb in enumerate(heads):
            if k <= i:
                continue
            score = float(unit[i] @ unit[k]) if unit is not None else token_set_ratio(ca.text, cb.text)
            out[ca.id, cb.id] = out[cb.id, ca.id] = min(1.0, max(0.0, score))
    return out


def _same_subject(a: roles.Side, x: Fact, b: roles.Side, y: Fact) -> bool:
    """Whether two amounts are surely about one thing: they count or price the same noun ("$1 trillion
    infrastructure bill" / "a $1.2 trillion bill"), or one belongs to the noun that is the subject or object
    of the verb the other hangs on ("$1 trillion infrastructure bill" / "the bill would cost $1.2
    trillion")."""
    from comparator.detect.sameness import event_of

    if roles.same_anchor(x.anchor, y.anchor):
        return True
    return bool(x.anchor and x.anchor in event_of(b, y)[1]) or bool(y.anchor and y.anchor in event_of(a, x)[1])


def _mark(f: Finding, where: str) -> Finding:
    message = f.message.rstrip(".") + f" ({where})."
    return dataclasses.replace(f, message=message, details={**f.details, "headline": True})


# -- a headline against the other outlet's body ---------------------------------------------------

def _body_findings(comp: "Comparison", ctx: Context, heads: list[Claim], sides: dict[str, roles.Side],
                   told: set, order: dict[str, int]) -> list[Finding]:
    from comparator.detect.divergence import _divergence, _side
    from comparator.detect.fact_pairs import MAX_RATIO
    from comparator.detect.sameness import same_thing

    body: dict[str, list[Claim]] = {}
    for c in comp.claims:
        if not c.boilerplate and c.kind != "headline":
            body.setdefault(c.article, []).append(c)
    out: list[Finding] = []
    for h in heads:
        a = sides[h.id]
        own = [f for c in body.get(h.article, []) for f in c.facts]
        for x in a.claim.facts:
            if x.kind not in BODY_KINDS or not isinstance(x.value, (int, float)):
                continue
            if any(facts_agree(x, f) for f in own):
                continue  # the outlet's body states its headline's value: body sentences are compared as such
            for art in sorted(body, key=lambda k: order.get(k, 99)):
                if art == h.article or (h.id, x.start, art) in told:
                    continue
                theirs = [(c, f) for c in body[art] for f in c.facts if f.kind == x.kind]
                if any(facts_agree(x, f) for _, f in theirs) or any(
                        facts_agree(x, f) for c in heads if c.article == art for f in sides[c.id].claim.facts):
                    continue  # the other outlet gives the headline's value somewhere
                hits = []
                for c, y in theirs:
                    if not isinstance(y.value, (int, float)):
                        continue
                    b = _side(comp, ctx, c)
                    if not _same_subject(a, x, b, y):
                        continue
                    if any(facts_agree(y, f) for f in own):
                        continue  # the headline's own article states the body's value: the headline rounds
                    lo, hi = sorted((abs(float(x.value)), abs(float(y.value))))
                    if lo == 0 or hi > MAX_RATIO * lo:
                        continue  # another figure, not the same one told otherwise
                    if facts_agree(x, y) is False and same_thing(a, x, b, y, 0.0) != 0:
                        hits.append((b, y))
                if len({y.normal for _, y in hits}) != 1:
                    continue  # none, or several values for that anchor: which one is the same is unknown
                b, y = hits[0]
                f = _divergence(a, x, b, y, 0.0, 0.0)
                details = {k: v for k, v in f.details.items() if k != "role_score"}
                f = dataclasses.replace(f, confidence=0.6, details={**details, "aligned": False})
                out.append(_mark(f, f"in {a.outlet}'s headline"))
                told.add((h.id, x.start, art))
    return out
