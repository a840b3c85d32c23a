"""Divergent facts between aligned claims: numbers, dates, ordinals, people, negation, certainty.

For every aligned pair of claims from two outlets, facts of the same kind are
first matched by value (facts that agree, qualifiers and rounding allowed, are
set aside), then the rest are paired by *role*: the same anchor (the noun a
number counts, the event a date hangs on), similar words around them, and
agreeing facts next to both. A pair in the same role whose values disagree is a
``divergent_fact`` (error); a fact one side carries and the other lacks is a
``detail_only`` (info). A negation or certainty mismatch on the same verb is a
``divergent_fact`` with severity "warning".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable

from comparator.detect import Context, and_list, roles, same_value, sameness
from comparator.detect.severity import severity_of, type_of
from comparator.detect.statuses import status_findings
from comparator.facts import facts_agree
from comparator.facts.names import name_key
from comparator.facts.stance import same_modality, same_referent, verb_stances
from comparator.types import Claim, Evidence, Fact, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison

__all__ = ["ROLE_THRESHOLD", "find_divergences", "pair_comparison"]

#: fact kinds compared for divergence, and those reported when one side lacks them
COMPARED = ("quantity", "money", "percent", "duration", "date", "time", "ordinal", "name")
DETAIL_KINDS = ("quantity", "money", "percent", "duration", "date")
DETAIL_NAMES = ("PERSON", "LAW")  # name facts worth a detail_only
ROLE_THRESHOLD = 0.55
#: added to the role score of a pair :func:`sameness.same_thing` ties surely (2) to the same thing (same anchor,
#: event or subject)
GATE_BONUS = 0.2
_KIND_WORDS = {"quantity": "number", "money": "amount", "percent": "percentage", "duration": "duration",
               "date": "date", "ordinal": "rank", "name": "name"}


def find_divergences(comp: "Comparison", ctx: Context) -> list[Finding]:
    """``divergent_fact`` and ``detail_only`` findings over every aligned pair (ids left "").

    Computed once per comparison and kept in ``ctx.shared`` (the omission detector reads them:
    an outlet that tells a fact's value otherwise is not charged with leaving it out)."""
    memo = ctx.shared.get("divergences")
    if memo is not None and memo[0] is comp:
        return list(memo[1])
    found = _find_divergences(comp, ctx)
    ctx.shared["divergences"] = (comp, tuple(found))
    return found


def _find_divergences(comp: "Comparison", ctx: Context) -> list[Finding]:
    order = {a.id: i for i, a in enumerate(comp.articles)}
    seen: set[tuple] = set()
    out: list[Finding] = []
    lacking: dict[tuple[str, str], tuple[roles.Side, roles.Side, dict[tuple[int, int], Fact], float]] = {}
    matched_in: dict[tuple[str, str], set[tuple[int, int]]] = {}
    for al in sorted(comp.alignments, key=lambda a: a.claims):
        claims = sorted((comp.claim(c) for c in al.claims), key=lambda c: (order.get(c.article, 99), c.start))
        for i, ca in enumerate(claims):
            for cb in claims[i + 1:]:
                if ca.article == cb.article or ca.boilerplate or cb.boilerplate:
                    continue
                a, b = _side(comp, ctx, ca), _side(comp, ctx, cb)
                found, extra, matched = _compare_pair(a, b, al.score)
                for key, spans in matched.items():
                    matched_in.setdefault(key, set()).update(spans)
                for f in found:
                    key = (f.kind, tuple((e.article, e.start, e.end) for e in f.evidence))
                    if key not in seen:
                        seen.add(key)
                        out.append(f)
                for side, other, facts in extra:
                    key = (side.claim.id, other.claim.article)
                    prev = lacking.get(key, (side, other, {}, 0.0))
                    prev[2].update({(f.start, f.end): f for f in facts})
                    lacking[key] = (prev[0], prev[1], prev[2], max(prev[3], al.score))
    from comparator.detect.fact_pairs import title_findings, unaligned_divergences
    from comparator.detect.omission_clauses import same_event

    for f in unaligned_divergences(comp, ctx) + title_findings(comp, ctx):
        key = (f.kind, tuple((e.article, e.start, e.end) for e in f.evidence))
        if key not in seen:  # facts of sentences that do not align, and titles "former" against current
            seen.add(key)
            out.append(f)
    stated: dict[str, list[Fact]] = {}
    for c in comp.claims:
        if not c.boilerplate:
            stated.setdefault(c.article, []).extend(f for f in c.facts if f.kind in DETAIL_KINDS)
    for (claim_id, other_article), (side, other, facts, score) in sorted(lacking.items()):
        done = matched_in.get((side.claim.article, other_article), set())
        keep = [f for span, f in sorted(facts.items()) if span not in done
                and not same_value.stated_elsewhere(f, stated.get(other_article, []))]
        if keep and not same_event(ctx, side.claim, other.claim, ctx.shared.get("vectors")):
            continue  # another event with shared words (review3-without2): the omission detector charges it
        if keep:  # a fact no aligned claim of the other article carries
            out.append(_detail_finding(side, other, keep, score))
    return out


def _side(comp: "Comparison", ctx: Context, claim: Claim) -> roles.Side:
    article = comp.article(claim.article)
    doc = ctx.docs.get(claim.article) if ctx.docs else None
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand") if doc is not None else None
    return roles.Side(claim, article.outlet, article.text, span, article.published)


def _facts(side: roles.Side) -> list[Fact]:
    return [f for f in side.claim.facts if f.kind in COMPARED]


def _compare_pair(a: roles.Side, b: roles.Side, score: float = 1.0) -> tuple[list[Finding], list[tuple[roles.Side, roles.Side, list[Fact]]], dict]:
    """One aligned pair: divergent_fact findings, facts one side lacks, and the fact spans matched."""
    fa, fb = _facts(a), _facts(b)
    fa, fb = roles.as_years(fa, fb), roles.as_years(fb, fa)
    fa, fb = fa + sameness.untagged_places(a, fb), fb + sameness.untagged_places(b, fa)
    agreed_a: set[int] = set()
    agreed_b: set[int] = set()
    exact = roles.exact_names(fa, fb)  # "Axelrod" pairs with "Axelrod", not with "Nina Axelrod"
    for i, x in enumerate(fa):
        for j, y in enumerate(fb):
            if x.kind == y.kind and (exact.get(i) == j if i in exact or j in exact.values() else
                                     roles.agree(x, y) or roles.same_weekday(a, x, b, y)):
                agreed_a.add(i)
                agreed_b.add(j)
    agreed_normals_a = {fa[i].normal: fa[i] for i in agreed_a}
    agreed_normals_b = {fb[j].normal: fb[j] for j in agreed_b}
    candidates = []
    for i, x in enumerate(fa):
        if i in agreed_a:
            continue
        for j, y in enumerate(fb):
            if j in agreed_b or x.kind != y.kind or not roles.comparable(a, x, b, y):
                continue
            gate = sameness.same_thing(a, x, b, y, score)
            if not gate:
                continue  # different subjects, events or counted nouns: never compared
            if facts_agree(x, y) is not False:
                continue
            role = roles.role_score(a, x, fa, agreed_normals_a, b, y, fb, agreed_normals_b)
            role = min(1.0, role + (GATE_BONUS if gate == 2 else 0.0))
            if role >= ROLE_THRESHOLD:
                candidates.append((role, i, j))
    findings: list[Finding] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for role, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        near = sorted(roles.near_agreed(a, fa[i], agreed_normals_a) & roles.near_agreed(b, fb[j], agreed_normals_b))
        context = agreed_normals_a[near[0]].text if near else None
        findings.append(_divergence(a, fa[i], b, fb[j], role, score, context))
    status = list(status_findings(a, b, score))
    findings.extend(status)
    taken = {(e.article, e.start) for f in status for e in f.evidence}
    findings.extend(f for f in _polarity_findings(a, b, score)
                    if not any((e.article, e.start) in taken for e in f.evidence))
    from comparator.detect.quotations import quotation_pairs

    pairs = quotation_pairs(a, b)
    quoted = _quotation_findings(a, b, score, pairs)
    # a name changed inside a quotation is told once, as the quotation's wording; a name right after an
    # outlet's bracketed insertion ("(rebel commander Yusuf) al-Harrani" / "(... Youssef) Harrani") is
    # that outlet's rendering of the insertion's name, not another person
    spans = [(e.article, e.start, e.end) for f in quoted for e in f.evidence]
    texts = {a.claim.article: a.text, b.claim.article: b.text}
    findings = [f for f in findings if f.details.get("type") != "name" or not (any(
        e.article == art and s0 <= e.start and e.end <= e1 for e in f.evidence for art, s0, e1 in spans) or any(
        _AFTER_INSERTION.search(texts[e.article][max(0, e.start - 3):e.start]) for e in f.evidence))]
    findings, quoted = same_value.fold_quote_wording(findings, quoted)
    findings.extend(quoted)
    ages_a, ages_b = _age_and_year(fa, fb), _age_and_year(fb, fa)
    extra = []
    if any(f.details.get("type") == "status" for f in findings):  # "arrested a 34-year-old man" / "no arrests": the details of an outcome the other side denies
        ages_a, ages_b = set(range(len(fa))), set(range(len(fb)))  # are that contradiction, not missing details
    for side, other, facts, done in ((a, b, fa, agreed_a | used_a | ages_a), (b, a, fb, agreed_b | used_b | ages_b)):
        kinds = {(f.kind, f.unit if f.kind == "name" else None) for f in _facts(other)}
        lacking = [f for k, f in enumerate(facts) if k not in done and _worth_detail(f, other)
                   and (f.kind, f.unit if f.kind == "name" else None) not in kinds
                   and not same_value.value_in(f, _facts(other))]
        if lacking:
            extra.append((side, other, lacking))
    matched = {
        (a.claim.article, b.claim.article): {(fa[k].start, fa[k].end) for k in agreed_a | used_a},
        (b.claim.article, a.claim.article): {(fb[k].start, fb[k].end) for k in agreed_b | used_b},
    }
    return findings, extra, matched


_YEAR = re.compile(r"^\d{4}$")
#: a closing bracket right before a name: the name follows an outlet's insertion ("(commander Yusuf) al-Harrani")
_AFTER_INSERTION = re.compile(r"[)\]]\s*$")


def _age_and_year(facts: list[Fact], other: list[Fact]) -> set[int]:
    """Indexes of the ages ("45-year-old") and bare years ("built in 1962") in ``facts`` when the other
    side gives the other form: one fact in two units, not a detail either side lacks."""
    ages = [k for k, f in enumerate(facts) if f.kind == "quantity" and f.unit == "age"]
    years = [k for k, f in enumerate(facts) if f.kind == "date" and _YEAR.match(f.normal)]
    out: set[int] = set()
    if ages and any(f.kind == "date" and _YEAR.match(f.normal) for f in other):
        out.update(ages)
    if years and any(f.kind == "quantity" and f.unit == "age" for f in other):
        out.update(years)
    return out


def _voice(side: roles.Side, start: int, end: int) -> str:
    if side.claim.voice != "mixed":
        return side.claim.voice
    inside = any(qs <= start and end <= qe for qs, qe in side.claim.quotes)
    return "quoted" if inside else "authorial"


def _evidence(side: roles.Side, start: int, end: int) -> Evidence:
    voice = _voice(side, start, end)
    return Evidence(article=side.claim.article, claim=side.claim.id, text=side.text[start:end], start=start,
                    end=end, voice=voice, speaker=side.claim.speaker if voice != "authorial" else None)


def _phrase(side: roles.Side, fact: Fact) -> str:
    """The fact with the noun it counts when that follows closely: '7.6 million individuals'."""
    if side.span is not None and fact.anchor and fact.kind in ("quantity", "ordinal"):
        for t in side.span:
            if t.idx >= fact.end and t.idx - fact.end <= 25 and t.lemma_.lower() == fact.anchor:
                return side.text[fact.start:t.idx + len(t.text)]
    return fact.text


def _divergence(a: roles.Side, x: Fact, b: roles.Side, y: Fact, role: float, score: float,
                context: str | None = None) -> Finding:
    """The error finding for two facts in the same role; ``context`` is an agreeing fact next to both."""
    what = _KIND_WORDS.get(x.kind, x.kind)
    tail = f" (both next to “{context}”)" if context else ""
    message = f"{a.outlet} says {_phrase(a, x)}; {b.outlet} says {_phrase(b, y)}{tail}."
    if x.kind == "name":
        message = f"{a.outlet} names {x.text}; {b.outlet} names {y.text} in the same role{tail}."
    confidence = round(min(0.99, (0.5 + 0.5 * role) * (0.6 + 0.4 * min(max(score, 0.0), 1.0))), 4)
    return Finding(
        id="", kind="divergent_fact", severity=severity_of(type_of(x.kind)), confidence=confidence,
        message=message, evidence=(_evidence(a, x.start, x.end), _evidence(b, y.start, y.end)),
        details={"type": type_of(x.kind), "fact": what, "kind": x.kind, "normal": [x.normal, y.normal],
                 "anchor": [x.anchor, y.anchor], "qualifier": [x.qualifier, y.qualifier],
                 "role_score": round(role, 4)},
    )


def _worth_detail(fact: Fact, other: roles.Side) -> bool:
    """Dates and numbers always; laws and people only when the other article never names them."""
    if fact.kind == "name":
        if fact.unit not in DETAIL_NAMES:
            return False
        words = name_key(str(fact.value)).split()
        return bool(words) and words[-1] not in name_key(other.text).split()
    if fact.kind == "date" and fact.normal.startswith("rel:"):
        return False  # "Thursday" against a claim without a day: not a detail worth flagging
    return fact.kind in DETAIL_KINDS


def _describe(f: Fact) -> str:
    """'the date “in November”', 'the law “Tax Act of 1976”', 'the figure “7.3 million”'."""
    what = {"date": "the date", "time": "the time", "duration": "the duration", "money": "the amount",
            "percent": "the percentage", "quantity": "the figure"}.get(f.kind)
    if f.kind == "quantity" and f.unit == "score":
        what = "the score"
    if f.kind == "name":
        what = {"LAW": "the law", "PERSON": "the name"}.get(f.unit or "", "the name")
    return f"{what} “{f.text}”"


def _detail_finding(side: roles.Side, other: roles.Side, facts: list[Fact], score: float) -> Finding:
    """detail_only: the facts of ``side`` that no aligned claim of ``other``'s article carries."""
    message = f"{side.outlet} gives {and_list([_describe(f) for f in facts])}; " \
              f"the matching sentence of {other.outlet} does not."
    evidence = tuple(_evidence(side, f.start, f.end) for f in facts) + (
        _evidence(other, other.claim.start, other.claim.end),)
    return Finding(id="", kind="detail_only", severity="info",
                   confidence=round(0.5 + 0.4 * min(max(score, 0.0), 1.0), 4), message=message,
                   evidence=evidence,
                   details={"facts": [{"kind": f.kind, "text": f.text, "normal": f.normal} for f in facts],
                            "carried_by": side.claim.article, "missing_from": other.claim.article})


# -- the same quotation: other words, another speaker ---------------------------------------------

def _quotation_findings(a: roles.Side, b: roles.Side, score: float, pairs: list | None = None) -> list[Finding]:
    """quote_wording (the same quotation with other words) and attribution (with another speaker).

    ``pairs`` is :func:`comparator.detect.quotations.quotation_pairs` of (a, b) when already computed.
    """
    from comparator.detect.quotations import quotation_pairs, same_speaker

    out: list[Finding] = []
    conf = round(0.55 + 0.35 * min(max(score, 0.0), 1.0), 4)
    for qa, qb, shared, diffs in (quotation_pairs(a, b) if pairs is None else pairs):
        for d in diffs or []:
            ta, tb = d.a or "(nothing)", d.b or "(nothing)"
            message = (f"{a.outlet} and {b.outlet} quote the same words differently: "
                       f"“{ta}” in {a.outlet}, “{tb}” in {b.outlet}.")
            out.append(Finding(
                id="", kind="divergent_fact", severity=severity_of("quote_wording"), confidence=conf,
                message=message, evidence=(_evidence(a, d.a_start, d.a_end), _evidence(b, d.b_start, d.b_end)),
                # an absent side is null, not an empty quotation ""
                details={"type": "quote_wording", "fact": "quotation", "diff": [d.a or None, d.b or None],
                         "shared_words": shared}))
        if shared >= 8 and same_speaker(a.claim.speaker, b.claim.speaker) is False \
                and _named_outside_quotes(a) and _named_outside_quotes(b):
            message = (f"{a.outlet} credits these words to {a.claim.speaker}; "
                       f"{b.outlet} credits the same quotation to {b.claim.speaker}.")
            out.append(Finding(
                id="", kind="divergent_fact", severity=severity_of("attribution"), confidence=conf,
                message=message, evidence=(_evidence(a, *qa), _evidence(b, *qb)),
                details={"type": "attribution", "fact": "speaker",
                         "speaker": [a.claim.speaker, b.claim.speaker], "shared_words": shared}))
    return out


def _named_outside_quotes(side: roles.Side) -> bool:
    """Whether the claim's speaker is named in its own words (outside quotation marks), not inferred."""
    speaker = side.claim.speaker
    if not speaker:
        return False
    last = speaker.split()[-1]
    text, start = side.claim.text, side.claim.start
    for m in re.finditer(rf"\b{re.escape(last)}\b", text):
        if not any(qs <= start + m.start() < qe for qs, qe in side.claim.quotes):
            return True
    return False


# -- negation and certainty ------------------------------------------------------------------------

def _polarity_findings(a: roles.Side, b: roles.Side, score: float) -> Iterable[Finding]:
    if a.span is None or b.span is None:
        return []
    sa, sb = verb_stances(a.span), verb_stances(b.span)
    out = []
    for lemma in sorted(set(sa) & set(sb)):
        x, y = sa[lemma], sb[lemma]
        if not (x.finite and y.finite):
            continue  # "refused to recuse" vs "would not recuse": the polarity sits elsewhere
        if x.negated != y.negated and (x.modal or y.modal) and not same_modality(x, y):
            continue  # "could be charged" / "was not charged": a modal is not the opposite statement
        if x.negated != y.negated and not same_referent(x, y):
            continue  # "no residents were injured" / "two firefighters were injured": other people
        if x.negated != y.negated:
            what, details = "negation", {"type": "status", "negated": [x.negated, y.negated]}
        elif x.uncertain != y.uncertain and not (x.modal and y.modal):  # "would" vs "could": tense, mood
            what, details = "certainty", {"type": "certainty", "hedged": [x.uncertain, y.uncertain]}
        else:
            continue
        ta, tb = a.text[x.start:x.end], b.text[y.start:y.end]
        message = f"{a.outlet} says “{ta}”; {b.outlet} says “{tb}”."
        out.append(Finding(
            id="", kind="divergent_fact", severity=severity_of(details["type"]),
            confidence=round(0.55 + 0.35 * min(max(score, 0.0), 1.0), 4), message=message,
            evidence=(_evidence(a, x.start, x.end), _evidence(b, y.start, y.end)),
            details={"fact": what, "verb": lemma, **details}))
    return out


# -- a one-pair comparison, for evaluation and tests ------------------------------------------------

def pair_comparison(text_a: str, text_b: str, *, outlets: tuple[str, str] = ("Outlet A", "Outlet B"),
                    published: str | tuple[str | None, str | None] | None = None, nlp: Any = None,
                    speakers: tuple[str | None, str | None] | None = None) -> tuple["Comparison", Context]:
    """Two one-sentence articles, one claim each, aligned with each other (facts attached).

    ``published`` is one ISO date for both articles or a pair (a, b).
    Quoted ranges are found with :func:`comparator.claims.quotes.find_quotes`; ``speakers``
    (optional) gives each claim's speaker, as the claims stage would.
    ``nlp`` defaults to :func:`comparator.nlp.load_nlp`. Used by ``bench/eval_divergence.py``
    to run :func:`find_divergences` on sentence pairs without embeddings.
    """
    from comparator.comparison import Comparison
    from comparator.config import Settings
    from comparator.facts import attach_facts
    from comparator.types import Alignment, Article

    if nlp is None:
        from comparator.nlp import load_nlp

        nlp = load_nlp()
    dates = published if isinstance(published, tuple) else (published, published)
    articles = tuple(Article(id=aid, outlet=outlet, text=text, published=day)
                     for aid, outlet, text, day in (("a", outlets[0], text_a, dates[0]),
                                                    ("b", outlets[1], text_b, dates[1])))
    docs = {a.id: nlp(a.text) for a in articles}
    from comparator.claims.quotes import clip, find_quotes

    claims = tuple(Claim(id=f"{a.id}:0", article=a.id, index=0, paragraph=0, text=a.text, start=0,
                         end=len(a.text), quotes=clip(find_quotes(a.text), 0, len(a.text)),
                         speaker=speakers[k] if speakers else None,
                         voice="mixed" if find_quotes(a.text) else "authorial")
                   for k, a in enumerate(articles))
    claims = attach_facts(claims, docs, articles)
    comp = Comparison(articles=articles, claims=claims,
                      alignments=(Alignment(claims=("a:0", "b:0"), score=1.0, semantic=1.0, lexical=1.0,
                                            method="given"),))
    return comp, Context(settings=Settings(), docs=docs)
