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

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from comparator.detect import Context
from comparator.facts import facts_agree
from comparator.facts.names import name_key, same_referent
from comparator.facts.stance import verb_stances
from comparator.types import Claim, Evidence, Fact, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison

__all__ = ["ROLE_THRESHOLD", "find_divergences", "pair_comparison"]

#: fact kinds compared for divergence, and those reported when one side lacks them
COMPARED = ("quantity", "money", "percent", "duration", "date", "time", "ordinal", "name")
DETAIL_KINDS = ("quantity", "money", "percent", "duration", "date")
PERSONAL = ("PERSON",)  # name facts compared for divergence
DETAIL_NAMES = ("PERSON", "LAW")  # name facts worth a detail_only
ROLE_THRESHOLD = 0.55
SINGLE_BONUS = 0.4
_KIND_WORDS = {"quantity": "number", "money": "amount", "percent": "percentage", "duration": "duration",
               "date": "date", "ordinal": "rank", "name": "name"}


@dataclass(frozen=True)
class _Side:
    """One claim of a pair with what the detector needs from it."""

    claim: Claim
    outlet: str
    text: str  # the whole article text (evidence offsets are article offsets)
    span: Any  # spaCy Span of the claim, or None without a parse


def find_divergences(comp: "Comparison", ctx: Context) -> list[Finding]:
    """``divergent_fact`` and ``detail_only`` findings over every aligned pair (ids left "")."""
    order = {a.id: i for i, a in enumerate(comp.articles)}
    seen: set[tuple] = set()
    out: list[Finding] = []
    lacking: dict[tuple[str, str], tuple[_Side, _Side, dict[tuple[int, int], Fact], float]] = {}
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
    for (claim_id, other_article), (side, other, facts, score) in sorted(lacking.items()):
        done = matched_in.get((side.claim.article, other_article), set())
        keep = [f for span, f in sorted(facts.items()) if span not in done]
        if keep:  # a fact no aligned claim of the other article carries
            out.append(_detail_finding(side, other, keep, score))
    return out


def _side(comp: "Comparison", ctx: Context, claim: Claim) -> _Side:
    article = comp.article(claim.article)
    doc = ctx.docs.get(claim.article) if ctx.docs else None
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand") if doc is not None else None
    return _Side(claim, article.outlet, article.text, span)


def _facts(side: _Side) -> list[Fact]:
    return [f for f in side.claim.facts if f.kind in COMPARED]


def _compare_pair(a: _Side, b: _Side, score: float = 1.0) -> tuple[list[Finding], list[tuple[_Side, _Side, list[Fact]]], dict]:
    """One aligned pair: divergent_fact findings, facts one side lacks, and the fact spans matched."""
    fa, fb = _facts(a), _facts(b)
    fa, fb = _as_years(fa, fb), _as_years(fb, fa)
    agreed_a: set[int] = set()
    agreed_b: set[int] = set()
    exact = _exact_names(fa, fb)  # "Axelrod" pairs with "Axelrod", not with "Nina Axelrod"
    for i, x in enumerate(fa):
        for j, y in enumerate(fb):
            if x.kind == y.kind and (exact.get(i) == j if i in exact or j in exact.values() else _agree(x, y)):
                agreed_a.add(i)
                agreed_b.add(j)
    agreed_normals_a = {fa[i].normal: fa[i] for i in agreed_a}
    agreed_normals_b = {fb[j].normal: fb[j] for j in agreed_b}
    candidates = []
    for i, x in enumerate(fa):
        if i in agreed_a:
            continue
        for j, y in enumerate(fb):
            if j in agreed_b or x.kind != y.kind or not _comparable(a, x, b, y):
                continue
            if facts_agree(x, y) is not False:
                continue
            role = _role_score(a, x, fa, agreed_normals_a, b, y, fb, agreed_normals_b)
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
        near = sorted(_near_agreed(a, fa[i], agreed_normals_a) & _near_agreed(b, fb[j], agreed_normals_b))
        context = agreed_normals_a[near[0]].text if near else None
        findings.append(_divergence(a, fa[i], b, fb[j], role, score, context))
    findings.extend(_polarity_findings(a, b, score))
    extra = []
    for side, other, facts, done in ((a, b, fa, agreed_a | used_a), (b, a, fb, agreed_b | used_b)):
        kinds = {(f.kind, f.unit if f.kind == "name" else None) for f in _facts(other)}
        lacking = [f for k, f in enumerate(facts) if k not in done and _worth_detail(f, other)
                   and (f.kind, f.unit if f.kind == "name" else None) not in kinds]
        if lacking:
            extra.append((side, other, lacking))
    matched = {
        (a.claim.article, b.claim.article): {(fa[k].start, fa[k].end) for k in agreed_a | used_a},
        (b.claim.article, a.claim.article): {(fb[k].start, fb[k].end) for k in agreed_b | used_b},
    }
    return findings, extra, matched


def _as_years(facts: list[Fact], other: list[Fact]) -> list[Fact]:
    """Read a bare four-digit count as a year when the other claim states years ("its 2000 results")."""
    if not any(f.kind == "date" and f.unit == "year" and f.normal.isdigit() for f in other):
        return facts
    return [dataclasses.replace(f, kind="date", normal=f.text, value=f.text, unit="year")
            if f.kind == "quantity" and f.text.isdigit() and len(f.text) == 4 and 1900 <= int(f.text) <= 2100
            else f for f in facts]


def _exact_names(fa: list[Fact], fb: list[Fact]) -> dict[int, int]:
    """Name facts written the same on both sides, paired one to one in text order."""
    out: dict[int, int] = {}
    for i, x in enumerate(fa):
        for j, y in enumerate(fb):
            if x.kind == y.kind == "name" and j not in out.values() and x.normal == y.normal:
                out[i] = j
                break
    return out


def _agree(x: Fact, y: Fact) -> bool:
    if x.kind == "date" and x.unit != y.unit and x.normal != y.normal:
        return False  # "February" is compatible with "2003" but does not state it: both stay open
    if x.kind == "name":  # spaCy's label may differ ("Kollar-Kotelly" ORG, "Colleen Kollar-Kotelly" PERSON)
        return same_referent(str(x.value), str(y.value)) or name_key(x.text) == name_key(y.text)
    return facts_agree(x, y) is True


def _comparable(a: _Side, x: Fact, b: _Side, y: Fact) -> bool:
    """Whether x and y can state the same kind of thing (people, currency, unit)."""
    if x.kind == "name":
        return x.unit in PERSONAL and y.unit in PERSONAL or (
            _given(x) is not None and _given(x) == _given(y)) or _one_word_apart(x, y)
    if x.kind in ("money", "duration") and x.unit != y.unit:
        return False
    if x.kind == "time" and x.unit and y.unit and x.unit != y.unit:
        return False  # "7 p.m. EST" and "8am (AEST)" may be the same moment
    if x.kind == "quantity" and (x.unit or y.unit) and x.unit != y.unit:
        # "3km" vs "two miles", "three-term" vs "88,747 votes"; but "80 basis points" ~ "50-basis-point"
        if "age" in (x.unit, y.unit) and None in (x.unit, y.unit):  # "Walsh, also 40," vs "Walsh, 70,"
            return _same_anchor(x.anchor, y.anchor)
        return (x.unit is None and _next_word(a, x) == y.unit) or (y.unit is None and _next_word(b, y) == x.unit)
    return True


def _next_word(side: _Side, fact: Fact) -> str | None:
    """Lemma of the noun right after a fact ("basis" in "80 basis points"), if one follows."""
    from comparator.facts import UNIT_ABBREVIATIONS

    if side.span is None:
        return "?"  # unknown: not comparable with a unit
    for t in side.span:
        if t.idx >= fact.end:
            if not t.is_alpha or t.pos_ not in ("NOUN", "PROPN"):
                return None
            return UNIT_ABBREVIATIONS.get(t.lemma_.lower(), t.lemma_.lower())
    return None


def _window(side: _Side, fact: Fact, size: int = 6) -> set[str]:
    """Content lemmas around a fact inside its claim (numbers and the fact itself left out)."""
    if side.span is None:
        words = side.claim.text.lower().split()
        return {w.strip(".,;:\"'") for w in words} - {fact.text.lower()}
    toks = [t for t in side.span if not (t.idx >= fact.start and t.idx < fact.end)]
    pos = [k for k, t in enumerate(side.span) if t.idx >= fact.start and t.idx < fact.end]
    if not pos:
        return set()
    lo, hi = max(pos[0] - size, 0), pos[-1] + size + 1
    near = [t for t in side.span[lo:hi] if t in toks]
    return {t.lemma_.lower() for t in near if t.is_alpha and not t.is_stop and not t.like_num and t.ent_type_ != "DATE"}


def _near_agreed(side: _Side, fact: Fact, agreed: dict[str, Fact], chars: int = 60) -> set[str]:
    return {n for n, f in agreed.items() if abs(f.start - fact.start) <= chars and f is not fact}


def _role_score(a: _Side, x: Fact, fa: list[Fact], agreed_a: dict[str, Fact],
                b: _Side, y: Fact, fb: list[Fact], agreed_b: dict[str, Fact]) -> float:
    """How sure it is that x and y fill the same role (0-1)."""
    score = 0.0
    same_anchor = _same_anchor(x.anchor, y.anchor)
    if same_anchor:
        score += 0.4
        if x.kind != "name" and _lone_anchor(x, fa, agreed_a) and _lone_anchor(y, fb, agreed_b):
            score += 0.2  # the only open figure counting "genes" on each side
    elif x.kind == "ordinal":
        return 0.0  # "second judge" vs "first (of two requests)": only the same noun counts
    elif x.kind != "name":  # each anchor shows up in the other claim: "found abandoned June 15" / "found June 25"
        score += 0.1 * (_has_lemma(b, x.anchor) + _has_lemma(a, y.anchor))
    if x.kind == "name":
        if _one_word_apart(x, y) and x.unit not in PERSONAL:
            return 0.9
        gx, gy = name_key(str(x.value)).split(), name_key(str(y.value)).split()
        same_given = len(gx) >= 2 and len(gy) >= 2 and gx[:-1] == gy[:-1]
        lone = same_anchor and len(_open_facts(x, fa, agreed_a)) == 1 and len(_open_facts(y, fb, agreed_b)) == 1 \
            and _honorific(a, x) and _honorific(b, y)
        if not same_given and not _distinct_people(a, x, b, y, lone):
            return 0.0
        if same_given:
            score += 0.45  # "Rick Perry" vs "Rick Villeneuve": same given name, another surname
    wa, wb = _window(a, x), _window(b, y)
    if wa and wb:
        score += 0.4 * len(wa & wb) / min(len(wa), len(wb))
    open_a, open_b = _open_facts(x, fa, agreed_a), _open_facts(y, fb, agreed_b)
    if len(open_a) == 1 and len(open_b) == 1:
        score += SINGLE_BONUS  # the only unmatched fact of its kind on both sides
        if x.kind in ("date", "time"):
            score += 0.15  # aligned claims with one date each date the same event
    if _near_agreed(a, x, agreed_a) & _near_agreed(b, y, agreed_b):
        score += 0.2
    if x.kind != "name" and len(open_a) == 1 and len(open_b) == 1 \
            and (_neighbour(a, x, -1) or 1) == (_neighbour(b, y, -1) or 2):
        score += 0.1  # the only open figures, after the same word: "within 90 days" / "within 60 days"
    return min(score, 1.0)


def _neighbour(side: _Side, fact: Fact, step: int) -> str | None:
    """The lower-cased word just before (step -1) or after (step 1) a fact, punctuation skipped."""
    text = side.claim.text
    rel_start, rel_end = fact.start - side.claim.start, fact.end - side.claim.start
    words = (text[:rel_start].split() if step < 0 else text[rel_end:].split())
    words = [w.strip(".,;:!?\"'()[]").lower() for w in words]
    words = [w for w in words if w]
    if not words:
        return None
    return words[-1] if step < 0 else words[0]


def _lone_anchor(x: Fact, facts: list[Fact], agreed: dict[str, Fact]) -> bool:
    """Whether x is the only open fact of its kind hanging on its anchor."""
    return not any(f is not x and f.kind == x.kind and agreed.get(f.normal) is not f
                   and _same_anchor(f.anchor, x.anchor) for f in facts)


def _has_lemma(side: _Side, lemma: str | None) -> bool:
    if not lemma or side.span is None:
        return False
    return any(_stem(t.lemma_) == _stem(lemma) for t in side.span)


def _stem(word: str) -> str:
    """'marines' ~ 'marine': anchors compared without a plural ending."""
    w = word.lower()
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


def _one_word_apart(x: Fact, y: Fact) -> bool:
    """'Russell 2000 index' vs 'Russell 2003 index': the same name but for one number."""
    wx, wy = name_key(str(x.value)).split(), name_key(str(y.value)).split()
    diff = [(p, q) for p, q in zip(wx, wy) if p != q]
    return len(wx) == len(wy) >= 2 and len(diff) == 1 and any(ch.isdigit() for ch in diff[0][0] + diff[0][1])


def _given(f: Fact) -> str | None:
    """Given names of a multi-word name ("Rick" of "Gov. Rick Perry")."""
    words = name_key(str(f.value)).split()
    return " ".join(words[:-1]) if len(words) >= 2 else None


#: courtesy titles written before a surname only ("Ms Ward", never "Ms Fatima" in news copy)
_SURNAME_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof"})


def _honorific(side: _Side, fact: Fact) -> bool:
    """Whether a one-word name follows a courtesy title, inside its span or just before it."""
    words = fact.text.split()
    before = side.text[:fact.start].split()
    word = words[0] if len(words) > 1 else (before[-1] if before else "")
    return word.lower().rstrip(".") in _SURNAME_TITLES


def _distinct_people(a: _Side, x: Fact, b: _Side, y: Fact, lone: bool = False) -> bool:
    """Names whose surname the other claim never uses: not "Saddam" vs "Hussein".

    Two one-word names count only when ``lone``: each is the only unmatched person
    of its claim and both fill the same grammatical role ("Ms Ward said" / "Ms Reid said").
    """
    kx, ky = name_key(str(x.value)).split(), name_key(str(y.value)).split()
    if not kx or not ky or (len(kx) < 2 and len(ky) < 2 and not lone):
        return False
    return kx[-1] not in name_key(b.claim.text).split() and ky[-1] not in name_key(a.claim.text).split()


def _open_facts(x: Fact, facts: list[Fact], agreed: dict[str, Fact]) -> list[Fact]:
    """The facts of x's kind on its side that agree with nothing on the other side (x included)."""
    return [f for f in facts if f is x or (
        f.kind == x.kind and agreed.get(f.normal) is not f and not f.normal.startswith("rel:")
        and (f.kind != "name" or f.unit in PERSONAL))]


def _same_anchor(x: str | None, y: str | None) -> bool:
    """'marines' ~ 'marine', 'shiite' ~ "shi'ite": anchors equal up to plural and spelling."""
    if not x or not y:
        return False
    from rapidfuzz import fuzz

    sx, sy = _stem(x), _stem(y)
    return sx == sy or (min(len(sx), len(sy)) >= 5 and fuzz.ratio(sx, sy) >= 85)


def _voice(side: _Side, start: int, end: int) -> str:
    if side.claim.voice != "mixed":
        return side.claim.voice
    inside = any(qs <= start and end <= qe for qs, qe in side.claim.quotes)
    return "quoted" if inside else "authorial"


def _evidence(side: _Side, start: int, end: int) -> Evidence:
    voice = _voice(side, start, end)
    return Evidence(article=side.claim.article, claim=side.claim.id, text=side.text[start:end], start=start,
                    end=end, voice=voice, speaker=side.claim.speaker if voice != "authorial" else None)


def _phrase(side: _Side, fact: Fact) -> str:
    """The fact with the noun it counts when that follows closely: '7.6 million individuals'."""
    if side.span is not None and fact.anchor and fact.kind in ("quantity", "ordinal"):
        for t in side.span:
            if t.idx >= fact.end and t.idx - fact.end <= 25 and t.lemma_.lower() == fact.anchor:
                return side.text[fact.start:t.idx + len(t.text)]
    return fact.text


def _divergence(a: _Side, x: Fact, b: _Side, y: Fact, role: float, score: float,
                context: str | None = None) -> Finding:
    """The error finding for two facts in the same role; ``context`` is an agreeing fact next to both."""
    what = _KIND_WORDS.get(x.kind, x.kind)
    tail = f" (both next to “{context}”)" if context else ""
    message = f"{a.outlet} says {_phrase(a, x)}; {b.outlet} says {_phrase(b, y)}{tail}."
    if x.kind == "name":
        message = f"{a.outlet} names {x.text}; {b.outlet} names {y.text} in the same role{tail}."
    confidence = round(min(0.99, (0.5 + 0.5 * role) * (0.6 + 0.4 * min(max(score, 0.0), 1.0))), 4)
    return Finding(
        id="", kind="divergent_fact", severity="error", confidence=confidence, message=message,
        evidence=(_evidence(a, x.start, x.end), _evidence(b, y.start, y.end)),
        details={"fact": what, "kind": x.kind, "normal": [x.normal, y.normal],
                 "anchor": [x.anchor, y.anchor], "qualifier": [x.qualifier, y.qualifier],
                 "role_score": round(role, 4)},
    )


def _worth_detail(fact: Fact, other: _Side) -> bool:
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
    if f.kind == "name":
        what = {"LAW": "the law", "PERSON": "the name"}.get(f.unit or "", "the name")
    return f"{what} “{f.text}”"


def _detail_finding(side: _Side, other: _Side, facts: list[Fact], score: float) -> Finding:
    """detail_only: the facts of ``side`` that no aligned claim of ``other``'s article carries."""
    message = f"{side.outlet} gives {_join([_describe(f) for f in facts])}; " \
              f"the matching sentence of {other.outlet} does not."
    evidence = tuple(_evidence(side, f.start, f.end) for f in facts) + (
        _evidence(other, other.claim.start, other.claim.end),)
    return Finding(id="", kind="detail_only", severity="info",
                   confidence=round(0.5 + 0.4 * min(max(score, 0.0), 1.0), 4), message=message,
                   evidence=evidence,
                   details={"facts": [{"kind": f.kind, "text": f.text, "normal": f.normal} for f in facts],
                            "carried_by": side.claim.article, "missing_from": other.claim.article})


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# -- negation and certainty ------------------------------------------------------------------------

def _polarity_findings(a: _Side, b: _Side, score: float) -> Iterable[Finding]:
    if a.span is None or b.span is None:
        return []
    sa, sb = verb_stances(a.span), verb_stances(b.span)
    out = []
    for lemma in sorted(set(sa) & set(sb)):
        x, y = sa[lemma], sb[lemma]
        if not (x.finite and y.finite):
            continue  # "refused to recuse" vs "would not recuse": the polarity sits elsewhere
        if x.negated != y.negated:
            what, details = "negation", {"negated": [x.negated, y.negated]}
        elif x.uncertain != y.uncertain and not (x.modal and y.modal):  # "would" vs "could": tense, mood
            what, details = "certainty", {"hedged": [x.uncertain, y.uncertain]}
        else:
            continue
        ta, tb = a.text[x.start:x.end], b.text[y.start:y.end]
        message = f"{a.outlet} says “{ta}”; {b.outlet} says “{tb}”."
        out.append(Finding(
            id="", kind="divergent_fact", severity="warning",
            confidence=round(0.55 + 0.35 * min(max(score, 0.0), 1.0), 4), message=message,
            evidence=(_evidence(a, x.start, x.end), _evidence(b, y.start, y.end)),
            details={"fact": what, "verb": lemma, **details}))
    return out


# -- a one-pair comparison, for evaluation and tests ------------------------------------------------

def pair_comparison(text_a: str, text_b: str, *, outlets: tuple[str, str] = ("Outlet A", "Outlet B"),
                    published: str | None = None, nlp: Any = None) -> tuple["Comparison", Context]:
    """Two one-sentence articles, one claim each, aligned with each other (facts attached).

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
    articles = tuple(Article(id=aid, outlet=outlet, text=text, published=published)
                     for aid, outlet, text in (("a", outlets[0], text_a), ("b", outlets[1], text_b)))
    docs = {a.id: nlp(a.text) for a in articles}
    claims = tuple(Claim(id=f"{a.id}:0", article=a.id, index=0, paragraph=0, text=a.text, start=0,
                         end=len(a.text)) for a in articles)
    claims = attach_facts(claims, docs, articles)
    comp = Comparison(articles=articles, claims=claims,
                      alignments=(Alignment(claims=("a:0", "b:0"), score=1.0, semantic=1.0, lexical=1.0,
                                            method="given"),))
    return comp, Context(settings=Settings(), docs=docs)
