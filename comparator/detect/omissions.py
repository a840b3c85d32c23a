"""``omission`` findings: what some outlets report and others leave out.

Aligned claims are grouped into facts (:func:`comparator.groups.fact_groups`:
every member supports the group, no chaining through one bridge). A fact that
some outlet lacks is one finding: which outlets carry it, which don't. One
finding per fact, not per claim. Say nothing rather than guess:

* an outlet is not charged when one of its claims is close to the fact
  (cosine >= :data:`NEAREST_MAX`) and that claim has no counterpart of its own:
  it may say the fact in other words -- unless fact-level evidence says otherwise:
  the fact's distinctive anchors (amounts, counts, dates, names;
  :mod:`comparator.detect.omission_anchors`) appear nowhere in that outlet's
  article, its closest claim is below :data:`ANCHOR_MAX`, shares no content
  phrase with the fact and none of its claims aligns with it (``_anchor_missing``;
  thresholds chosen by leave-one-event-out, ``bench/tune_omissions.py``);
* quote fragments and truncated excerpts (a few words, or a text cut off with
  "…") are not facts to omit, nor are sentences about the reporting (a scoop
  credit, a comment request: :mod:`comparator.detect.newsroom_notes`);
* an article marked ``truncated`` (a teaser, an excerpt) is not charged with
  what its carriers say after the point where it stops (a fact whose first claim
  sits, in its own article, past the truncated article's last claim);
* carriers must each say the fact: a group is cut into pieces whose members are
  all close (cosine >= :data:`SUPPORT_MIN`) to the piece's lead claim, so two
  different statements by one speaker are two facts (``support_pieces``);
* an outlet that carries the same quoted words (a run of :data:`QUOTE_WORDS`
  words of a carrier's quotation), or a near-identical sentence (rapidfuzz ratio
  >= :data:`SAME_SENTENCE`), is never charged, whoever it credits the quote to;
* an outlet that states the fact's value slot -- the same distinctive date or
  number, or another value for the same slot (a divergence, not an omission) --
  is never charged (:mod:`comparator.detect.omission_slots`);
* an outlet that says part of the fact (a claim sharing at least
  :data:`PARTIAL_WORDS` and :data:`PARTIAL_SHARE` of its content words) is not
  said to leave it out: it is listed as lacking the fact's absent anchors
  (``details["partial"]``), or not charged when no anchor is absent -- unless that claim
  states another value in the fact's slot (``$35,000`` for ``$37,000``: a different fact;
  :func:`comparator.detect.omission_clauses.other_fact`), when the outlet is charged;
* an outlet whose sentence says the fact at clause level (most of its content lemmas, or a
  window of a longer sentence close to it: :mod:`comparator.detect.omission_clauses`) is
  treated like one that says part of it -- unless its nearest claim was close and the fact's
  absent anchors charged it (``_anchor_missing``: those anchors are the evidence); so is an
  outlet that speaks of the fact's subject ("the inspection") when only the fact's date or
  amount is absent from it (``subject_claim``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

import numpy as np

from comparator.detect import and_list
from comparator.detect.newsroom_notes import newsroom_note
from comparator.detect.omission_clauses import attribution, clause_carrier, other_fact, same_event, subject_claim
from comparator.detect.omission_slots import slot_claim
from comparator.groups import fact_groups
from comparator.types import Claim, Evidence, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context

SNIPPET_CHARS = 110
#: An outlet whose nearest claim has at least this cosine with the fact is not charged with
#: omitting it: the largest value with omission precision >= 0.9 on the gold-dev events
#: (``bench/tune_alignment.py``; with the fact scorer's alignments the rule picks 0.45 on all four
#: events, P 0.907, and leave-one-event-out gives pooled P 0.905; see docs/EVALUATION.md).
NEAREST_MAX = 0.45
#: ... unless that close claim already has a near-identical partner (alignment score at least
#: this) in the carrier: then it is spoken for, and the fact is still missing.
NEAR_IDENTICAL = 0.9
#: ... and it adds less than this share of the fact's content words to what that partner says (the
#: split rule's coverage: "adding that service should be back by Wednesday" is more than its twin).
TWIN_COVERAGE = 0.2
#: A fact whose distinctive anchors are absent from an outlet's whole article is charged even
#: when a claim there is this close or closer, up to this cosine (above: the outlet may say it).
ANCHOR_MAX = 0.75
#: Anchor kinds (Fact.kind) that count as fact-level evidence.
ANCHOR_KINDS: tuple[str, ...] = ("money", "percent", "quantity", "date", "name")
#: Anchor kinds that are a fact's value: an outlet that speaks of the fact's subject without
#: them reports it without them (:func:`comparator.detect.omission_clauses.subject_claim`).
VALUE_ANCHORS: tuple[str, ...] = ("money", "percent", "quantity", "date")
#: Only anchors outside quotation marks, from claims that are not wholly quoted (False: quotes too).
ANCHOR_AUTHORIAL = False
#: The close claim blocks the anchor charge when it shares a two-word content phrase with the fact.
PHRASE_GUARD = True
#: Evidence made only of absent names, this many or more, is a list of examples that another
#: outlet may sum up ("business interests", "the liberal justices"): no charge (0: off).
LIST_NAMES = 3
#: How much absent-anchor evidence charges the fact: a name or a date counts 1, an amount, a
#: count or a percentage counts :data:`NUMBER_WEIGHT` (numbers are rarely paraphrased away).
ANCHOR_MIN = 2
NUMBER_WEIGHT = 2
#: Share of the fact's anchors that must be absent (0: the weight rule alone decides).
ANCHOR_SHARE = 0.0
#: A quoted claim with fewer content words than this is a quote fragment, not a fact (an
#: authorial one needs one fewer: "The final tally was 97-1." is a fact).
MIN_WORDS = 4
#: A group member carries the fact only when its cosine with the piece's lead claim is at least
#: this (the same bar as :data:`NEAREST_MAX`: a claim this close is "the fact in other words").
SUPPORT_MIN = NEAREST_MAX
#: A run of this many words of a carrier's quotation found in an outlet's article: it carries the quote.
QUOTE_WORDS = 6
#: rapidfuzz ``ratio`` (0-100) at or above which an outlet's sentence is the same sentence.
SAME_SENTENCE = 90.0
#: An outlet's claim that shares at least this many content words, and this share of the fact's
#: content words, says part of the fact ("a five-hour meeting" of "150 people came to the
#: five-hour meeting").
PARTIAL_WORDS = 3
PARTIAL_SHARE = 0.3
#: ... and, when sentence vectors are known, has at least this cosine with the fact's claim
#: (shared words in an unrelated sentence -- "two blocks from the hotel" -- are not a part of it).
PARTIAL_COSINE = 0.33
_CUT = ("…", "...", "[…]", "[...]")
_REPORTING = frozenset({"said", "says", "say", "told", "added", "adds", "stated", "wrote", "according",
                        "asked", "noted", "spokesman", "spokeswoman", "spokesperson"})


def claim_groups(comp: "Comparison") -> list[list[Claim]]:
    """Fact groups of non-boilerplate claims (:func:`comparator.groups.fact_groups`), in reading order."""
    return [[comp.claim(i) for i in g.claims] for g in fact_groups(comp)]


def support_pieces(members: list[str], supports: "Callable[[str, str], bool | None]") -> list[list[str]]:
    """Cut a fact group (claim ids, reading order) into pieces whose members all support the
    piece's lead: the member most others support (ties: the earliest) and the members that
    support it, then the same for the rest. ``supports(a, b)`` is None when unknown (counted as
    support: nothing to cut on). Returns the pieces, each in reading order, the first lead's first."""
    def ok(a: str, b: str) -> bool:
        v = supports(a, b)
        return True if v is None else bool(v)

    rest = list(members)
    pieces: list[list[str]] = []
    while rest:
        lead = max(rest, key=lambda a: (sum(ok(a, b) for b in rest if b != a), -rest.index(a)))
        piece = [c for c in rest if c == lead or ok(lead, c)]
        pieces.append(piece)
        rest = [c for c in rest if c not in piece]
    return pieces


_NUMBER = re.compile(r"\$?\d[\d,.]*(?:[-–]\d[\d,.]*)?%?")
_YEAR_ONLY = re.compile(r"^(?:1[89]|20)\d\d$")


def shared_number(a: str, b: str) -> bool:
    """Whether two sentences write the same distinctive number ("97-1", "$35,000", "150"; not a
    bare year or a one-digit count): a short fact stated by its tally is the same fact whatever
    its cosine ("The final tally was 97-1." / "a 97-1 vote")."""
    def numbers(t: str) -> set[str]:
        found = {m.group().rstrip(".,") for m in _NUMBER.finditer(t)}
        return {n for n in found if len(n.strip("$%")) >= 2 and not _YEAR_ONLY.match(n)}
    return bool(numbers(a) & numbers(b))


def _cosine_support(comp: "Comparison", vectors: dict) -> "Callable[[str, str], bool | None]":
    def supports(a: str, b: str) -> bool | None:
        if a not in vectors or b not in vectors:
            return None
        return (float(np.dot(vectors[a], vectors[b])) >= SUPPORT_MIN
                or shared_number(comp.claim(a).text, comp.claim(b).text))
    return supports


_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def says_same(comp: "Comparison", group: list[Claim], article_id: str) -> bool:
    """Whether ``article_id`` carries a carrier's quotation (a run of :data:`QUOTE_WORDS` of its
    quoted words anywhere in the article's text, whoever it is credited to) or a near-identical
    sentence (rapidfuzz ``ratio`` >= :data:`SAME_SENTENCE` with one of its claims)."""
    from rapidfuzz import fuzz

    text = comp.article(article_id).text
    runs = _runs(_words(text), QUOTE_WORDS)
    for c in group:
        source = comp.article(c.article).text
        for lo, hi in c.quotes:
            if _runs(_words(source[lo:hi]), QUOTE_WORDS) & runs:
                return True
    theirs = [" ".join(o.text.split()) for o in comp.claims_of(article_id) if not o.boilerplate]
    return any(fuzz.ratio(" ".join(c.text.split()), t) >= SAME_SENTENCE for c in group for t in theirs)


def _content(text: str) -> set[str]:
    """Content words, lower-cased, a plural "s" dropped; capitalised words (names, the story's
    places: shared by every sentence about a person, not a part of one fact) left out."""
    from comparator.detect.omission_anchors import _STOP

    names = {w.lower() for w in re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’]*", text.strip())}
    out = set()
    for w in _words(text.replace("-", " ")):
        if w in names:
            continue
        if w in _STOP or w in _REPORTING:
            continue
        out.add(w[:-1] if len(w) > 3 and w.endswith("s") else w)
    return out


def partial_claim(comp: "Comparison", lead: Claim, article_id: str, vectors: dict | None = None) -> str | None:
    """The claim of ``article_id`` that says part of ``lead`` (shares at least
    :data:`PARTIAL_WORDS` and :data:`PARTIAL_SHARE` of its content words and, with ``vectors``,
    has cosine >= :data:`PARTIAL_COSINE` with it), or None."""
    fact = _content(lead.text)
    if not fact:
        return None
    vectors = vectors or {}
    best, best_n = None, 0
    for c in comp.claims_of(article_id):
        if c.boilerplate:
            continue
        if lead.id in vectors and c.id in vectors and float(np.dot(vectors[lead.id], vectors[c.id])) < PARTIAL_COSINE:
            continue
        n = len(fact & _content(c.text))
        if n > best_n:
            best, best_n = c.id, n
    if best_n >= PARTIAL_WORDS and best_n >= PARTIAL_SHARE * len(fact):
        return best
    return None


def _lacking(comp: "Comparison", group: list[Claim], article_id: str,
             kinds: tuple[str, ...] = ()) -> list[str]:
    """The texts of the group's anchors (amounts, counts, dates, names; or only ``kinds``)
    absent from ``article_id``."""
    from comparator.detect import omission_anchors as oa

    anchors = oa.anchors_of([c for c in group if not is_fragment(c)], kinds=kinds or ANCHOR_KINDS)
    text = comp.article(article_id).text
    facts = [g for c in comp.claims_of(article_id) for g in c.facts]
    values = {g.value for g in facts if g.kind in oa.NUMERIC and isinstance(g.value, (int, float))}

    def said(f) -> bool:  # a number must be the same value ("more than 150" is not said by "350")
        if f.kind in oa.NUMERIC and isinstance(f.value, (int, float)):
            return f.value in values or oa._digits_in(f, text)
        return oa.present(f, facts, text)

    gone = [f for f in anchors if not said(f)]
    texts = sorted({" ".join(f.text.split()) for f in gone}, key=lambda t: (-len(t), t))
    out: list[str] = []
    for t in texts:  # "Lincoln Elementary School" covers "Lincoln Elementary"
        if not any(t.lower() in o.lower() for o in out):
            out.append(t)
    return out


def _absent_values(comp: "Comparison", group: list[Claim], article_id: str) -> list[str]:
    """The texts of the group's dates and amounts (:data:`VALUE_ANCHORS`, vague dates such as
    "the third week of February" included) that ``article_id`` does not state: none of its
    claims' facts has the same normal form and the text is not in its article."""
    theirs = {g.normal for c in comp.claims_of(article_id) for g in c.facts}
    text = " ".join(comp.article(article_id).text.split()).lower()
    out: list[str] = []
    for c in group:
        if is_fragment(c):
            continue
        for f in c.facts:
            words = " ".join(f.text.split())
            if f.kind in VALUE_ANCHORS and f.normal not in theirs and words.lower() not in text and words not in out:
                out.append(words)
    return out


def is_fragment(claim: Claim) -> bool:
    """A quote fragment or a truncated excerpt: too few words, a text cut off with an ellipsis or
    starting mid-sentence (lower case), an attribution alone ("Lena Duarte said."), or a lead-in
    ending with a colon ("Here's an excerpt from the Harbor Herald report:"), which announces what
    follows rather than stating it."""
    from comparator.scorers import tokens

    text = claim.text.strip().rstrip("\"'”’)")
    if text.endswith(_CUT) or text[:1].islower() or text.endswith(":"):
        return True
    words = tokens(claim.text).words
    if len(words) < (MIN_WORDS if claim.voice != "authorial" else MIN_WORDS - 1):
        return True
    lower = {w.lower() for w in re.findall(r"\b[a-z0-9][\w'’-]*", claim.text)}
    return not (words & lower) - _REPORTING


def _spoken_for(comp: "Comparison", group: list[Claim], claim_id: str | None,
                twins: dict[str, list[str]]) -> bool:
    """Whether the close claim ``claim_id`` is fully accounted for by a near-identical partner: it
    says nothing of the fact that its partner does not say too (it reports another fact)."""
    from comparator.align import unique_coverage

    if claim_id is None or claim_id not in twins:
        return False
    fact = " ".join(c.text for c in group)
    near = comp.claim(claim_id).text
    return all(unique_coverage(fact, near, twin) < TWIN_COVERAGE for twin in twins[claim_id])


def _anchor_missing(comp: "Comparison", group: list[Claim], article_id: str, sim: float,
                    aligned: dict[str, set[str]], near: str | None = None) -> bool:
    """Whether the fact is missing from ``article_id`` by fact-level evidence although a loosely
    similar claim exists there: the fact's distinctive anchors (an amount, a count, a date, a
    name; :mod:`comparator.detect.omission_anchors`) are said nowhere in that article, its
    closest claim has cosine below :data:`ANCHOR_MAX`, and none of its claims aligns with the fact."""
    from comparator.detect import omission_anchors as oa

    if sim >= ANCHOR_MAX:
        return False
    members = {c.id for c in group}
    theirs = list(comp.claims_of(article_id))
    if any(aligned.get(c.id, set()) & members for c in theirs):
        return False
    carriers = [c for c in group if not is_fragment(c) and (c.voice != "quoted" or not ANCHOR_AUTHORIAL)]
    anchors = oa.anchors_of(carriers, kinds=ANCHOR_KINDS, authorial_only=ANCHOR_AUTHORIAL)
    if not anchors:
        return False
    if PHRASE_GUARD and near is not None and any(
            oa.shared_phrase(c.text, comp.claim(near).text) for c in group):
        return False
    text = comp.article(article_id).text
    gone = oa.absent_anchors(anchors, theirs, text)
    names = [f for f in gone if f.kind == oa.NAME]
    if LIST_NAMES and len(names) == len(gone) and len(names) >= LIST_NAMES:
        return False  # a list of examples ("Acme Bank, Norbridge Motors and Tessel Labs") an outlet may sum up
    weight = sum(NUMBER_WEIGHT if f.kind in oa.NUMERIC else 1 for f in gone)
    return weight >= ANCHOR_MIN and len(gone) >= ANCHOR_SHARE * len(anchors)


def _beyond_end(comp: "Comparison", group: list[Claim], article_id: str) -> bool:
    """Whether ``article_id`` is truncated and the fact starts after its last claim position."""
    article = comp.article(article_id)
    if not getattr(article, "truncated", False):
        return False
    last = max((c.index for c in comp.claims_of(article_id)), default=-1)
    return min(c.index for c in group) > last


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[:SNIPPET_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _nearest(comp: "Comparison", ctx: "Context", group: list[Claim], article_id: str) -> tuple[str | None, float]:
    """The claim of ``article_id`` most similar to the group, and its cosine (0 if unknown)."""
    vectors = ctx.shared.get("vectors") or {}
    candidates = [c for c in comp.claims_of(article_id) if not c.boilerplate and c.id in vectors]
    mine = [vectors[c.id] for c in group if c.id in vectors]
    if not candidates or not mine:
        return None, 0.0
    sims = np.asarray(mine) @ np.asarray([vectors[c.id] for c in candidates]).T
    flat = int(np.argmax(sims))
    return candidates[flat % len(candidates)].id, float(sims.max())


def find_omissions(comp: "Comparison", ctx: "Context") -> list[Finding]:
    """One ``omission`` per group of aligned claims that some outlets do not carry."""
    outlets = {a.id: a.outlet for a in comp.articles}
    order = [a.id for a in comp.articles]
    findings: list[Finding] = []
    claim_article = {c.id: c.article for c in comp.claims}
    twins: dict[str, list[str]] = {}  # claim -> texts of its near-identical partners elsewhere
    for al in comp.alignments:
        if al.score < NEAR_IDENTICAL:
            continue
        for cid in al.claims:
            twins.setdefault(cid, []).extend(
                comp.claim(o).text for o in al.claims if claim_article.get(o) != claim_article.get(cid))
    aligned: dict[str, set[str]] = {}  # claim -> claims it is aligned with (any score)
    for al in comp.alignments:
        for cid in al.claims:
            aligned.setdefault(cid, set()).update(o for o in al.claims if o != cid)
    reported: set[tuple[tuple[str, str], ...]] = set()
    vectors = ctx.shared.get("vectors") or {}
    supports = _cosine_support(comp, vectors)
    pieces = [[comp.claim(i) for i in piece] for group in claim_groups(comp)
              for piece in support_pieces([c.id for c in group], supports)]
    for group in pieces:
        if all(is_fragment(c) or newsroom_note(ctx, c) for c in group):
            continue  # a quote fragment, a lead-in, a scoop credit or a comment request: not a fact
        texts = tuple(sorted({(c.article, " ".join(c.text.split())) for c in group}))
        if texts in reported:  # a paragraph the page repeats (a duplicated caption) is one fact
            continue
        reported.add(texts)
        carried = sorted({c.article for c in group}, key=order.index)
        missing = [a for a in order if a not in carried and not _beyond_end(comp, group, a)]
        nearest = {a: _nearest(comp, ctx, group, a) for a in missing}
        by_anchor = {a for a in missing
                     if nearest[a][1] >= NEAREST_MAX and not _spoken_for(comp, group, nearest[a][0], twins)}
        missing = [a for a in missing if a not in by_anchor
                   or _anchor_missing(comp, group, a, nearest[a][1], aligned, nearest[a][0])]
        missing = [a for a in missing if not says_same(comp, group, a)]
        missing = [a for a in missing if slot_claim(comp, ctx, group, a) is None]  # states the value: not left out
        partial: dict[str, dict] = {}
        for a in list(missing):
            part = next((p for p in (partial_claim(comp, c, a, vectors) for c in group) if p is not None), None)
            if part is not None and not any(same_event(ctx, c, comp.claim(part), vectors) for c in group):
                part = None  # shares words, tells another event: not "reports it without"
            if part is not None and other_fact(comp, group, part):
                continue  # another value in the fact's slot ("$35,000" for "$37,000"): a different fact
            if part is None and a not in by_anchor:  # (not when absent anchors charged it)
                part = clause_carrier(comp, ctx, group, a, vectors)  # said inside a longer sentence
            if part is None:
                values = _absent_values(comp, group, a)
                speakers = " ".join([c.speaker or "" for c in group] + [attribution(ctx, c) for c in group]).lower()
                others = [t for t in _lacking(comp, group, a) if t not in values and t.lower() not in speakers]
                if values and not others:  # only a date or an amount is absent (and who said it)
                    part = subject_claim(comp, ctx, group, a, vectors)  # "the inspection", without its date
                    if part is not None:
                        missing.remove(a)
                        partial[a] = {"claim": part, "lacks": values}
                        continue
            if part is None:
                continue
            missing.remove(a)  # it says part of the fact: never "leaves it out"
            lacks = _lacking(comp, group, a)
            if lacks:
                partial[a] = {"claim": part, "lacks": lacks}
        nearest = {a: nearest[a] for a in order if a in missing or a in partial}
        if not missing and not partial:
            continue
        best = max((sim for _, sim in nearest.values()), default=0.0)
        lead = group[0]
        carriers = and_list([outlets[a] for a in carried])
        verb = "reports" if len(carried) == 1 else "report"
        sides = []
        if missing:
            sides.append(f"{and_list([outlets[a] for a in missing])} {'does' if len(missing) == 1 else 'do'} not")
        for a, p in partial.items():
            lacks = and_list([f"“{t}”" for t in p["lacks"]])
            sides.append(f"{outlets[a]} reports it without {lacks}")
        message = f"{'Only ' if len(carried) == 1 else ''}{carriers} {verb}: “{_snippet(lead.text)}” ({'; '.join(sides)})."
        article_text = {a.id: a.text for a in comp.articles}
        evidence = tuple(
            Evidence(article=c.article, claim=c.id, text=article_text[c.article][c.start:c.end],
                     start=c.start, end=c.end, voice=c.voice, speaker=c.speaker)
            for c in group
        )
        findings.append(
            Finding(
                id="",
                kind="omission",
                severity="info",
                confidence=max(0.0, min(1.0, 1.0 - best)),
                message=message,
                evidence=evidence,
                details={
                    "carried_by": carried,
                    "missing_from": missing,
                    "nearest": {a: {"claim": cid, "semantic": round(sim, 4)} for a, (cid, sim) in nearest.items()},
                    **({"partial": partial} if partial else {}),
                },
            )
        )
    return findings
