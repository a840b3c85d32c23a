"""Status contradictions on the same predicate: charged / not charged, passed / set to vote, dead / alive.

Each claim's status words (a small list of legal, legislative and life-or-death
predicates, as verbs, nouns or adjectives) are read from spaCy's dependency
parse with their polarity ("no formal charges have been filed", "was not
charged"), their mode (done, or only expected: "is expected to vote", "will
sign") and whom they are about (subject, or "against X" for a charge). Two
claims contradict when they say opposite things about the same status of the
same subject: one asserts it and the other negates it, one says it happened
and the other that it is still to come, or one says dead and the other alive.
A negation that sits in a condition ("if he is not charged") or under a modal
("could be charged") is not a status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from comparator.types import Evidence, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.detect.roles import Side

#: status lemma -> the status it states (nouns and verbs of one status share a key)
STATUS_WORDS = {
    "charge": "charged", "indict": "charged", "indictment": "charged",
    "arrest": "arrested", "convict": "convicted", "conviction": "convicted",
    "acquit": "acquitted", "acquittal": "acquitted",
    "pass": "passed", "approve": "passed", "vote": "voted", "sign": "signed", "veto": "vetoed",
    "die": "dead", "dead": "dead", "kill": "dead", "alive": "alive", "survive": "alive",
    "resign": "resigned", "release": "released", "confirm": "confirmed",
}
#: statuses that befall their holder: with an active verb they are about its object ("police arrested Ruiz")
PATIENT_STATUSES = frozenset({"charged", "arrested", "convicted", "acquitted", "released", "dead"})
#: statuses that exclude each other on the same subject
OPPOSITE = {("dead", "alive"), ("alive", "dead"), ("convicted", "acquitted"), ("acquitted", "convicted")}
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_FUTURE_HEADS = frozenset({"expect", "schedule", "set", "plan", "slate", "due", "poise", "prepare", "intend"})
_MODALS = frozenset({"could", "may", "might", "would", "should", "can", "must"})
_PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "who", "which", "that"})


@dataclass(frozen=True)
class Status:
    """One status word of a claim: what it states, about whom, asserted or negated, done or expected."""

    status: str
    subject: str | None
    negated: bool
    expected: bool  # "is expected to vote", "will sign": not done yet
    start: int
    end: int  # article offsets of the status word group


def statuses(span: Any) -> list[Status]:
    """The status words of a claim span (nothing under a condition or an uncertain modal)."""
    out = []
    for tok in span:
        key = STATUS_WORDS.get(tok.lemma_.lower())
        if key is None or tok.pos_ not in ("VERB", "NOUN", "ADJ"):
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in ("vote", "pass", "release", "sign"):
            continue  # "a vote", "a pass": events or things, not a status
        if _conditional(tok):
            continue
        kids = list(tok.children)
        verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ in ("nsubjpass", "nsubj", "dobj") else tok
        vkids = list(verb.children)
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in vkids):
            continue  # "could be charged", "would likely be prosecuted"
        negated = any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in kids + vkids)
        negated = negated or any(c.dep_ == "det" and c.lower_ == "no" for c in kids)
        negated = negated or _yet_to(verb)
        expected = any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in vkids) or (
            verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _FUTURE_HEADS) or (
            verb.head.lemma_.lower() in _FUTURE_HEADS and verb.dep_ in ("xcomp", "advcl"))
        group = [t for t in [tok, verb] + [c for c in kids + vkids if c.dep_ in ("neg", "aux", "auxpass")
                                          or (c.dep_ == "det" and c.lower_ == "no")]
                 if abs(t.i - tok.i) <= 6]
        out.append(Status(key, _subject(tok, verb, key in PATIENT_STATUSES), negated, expected,
                          min(t.idx for t in group), max(t.idx + len(t.text) for t in group)))
    return out


def _conditional(tok: Any) -> bool:
    """Inside an "if"/"unless"/"whether" clause."""
    cur = tok
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in cur.children):
            return True
        if cur.head is cur:
            return False
        cur = cur.head
    return False


def _yet_to(verb: Any) -> bool:
    """'has yet to be charged': a negation written without "not"."""
    head = verb.head
    return verb.dep_ == "xcomp" and any(c.lower_ == "yet" for c in head.children)


def _subject(tok: Any, verb: Any, patient: bool = False) -> str | None:
    """Whom a status is about: "charges against Sayer" -> sayer; "Sayer was charged" -> sayer; for a
    status that befalls someone (``patient``), the object of an active verb: "prosecutors charged Delaney"
    -> delaney."""
    if patient and tok is verb and tok.pos_ == "VERB":
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if objs:
            return _name(objs[0])
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("against", "of"):
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return _name(objs[0])
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "against":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return _name(objs[0])
    for v in (verb, verb.head) if verb.dep_ == "xcomp" else (verb,):  # "is expected to approve"
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c is not tok:
                return _name(c)
    return None


def _name(tok: Any) -> str | None:
    if tok.lower_ in _PRONOUNS:
        return None
    return tok.lemma_.lower() if tok.pos_ != "PROPN" else tok.text.lower()


def _contradict(x: Status, y: Status) -> str | None:
    if x.subject is None or y.subject is None or x.subject != y.subject:
        return None
    if x.status == y.status:
        if x.negated != y.negated and not (x.expected or y.expected):
            return "negated"
        if x.expected != y.expected and not (x.negated or y.negated):
            return "expected"
        return None
    if (x.status, y.status) in OPPOSITE and not (x.negated or y.negated):
        return "opposite"
    return None


def status_findings(a: "Side", b: "Side", score: float) -> Iterable[Finding]:
    """``divergent_fact`` findings (``details.type`` "status") between two aligned claims."""
    from comparator.detect.divergence import _evidence
    from comparator.detect.severity import severity_of

    if a.span is None or b.span is None:
        return []
    out: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    for x in statuses(a.span):
        for y in statuses(b.span):
            how = _contradict(x, y)
            if how is None or (x.start, y.start) in seen:
                continue
            seen.add((x.start, y.start))
            ta, tb = a.text[x.start:x.end], b.text[y.start:y.end]
            out.append(Finding(
                id="", kind="divergent_fact", severity=severity_of("status"),
                confidence=round(0.55 + 0.35 * min(max(score, 0.0), 1.0), 4),
                message=f"{a.outlet} says “{ta}”; {b.outlet} says “{tb}” (about {x.subject}).",
                evidence=(_evidence(a, x.start, x.end), _evidence(b, y.start, y.end)),
                details={"type": "status", "fact": "status", "status": [x.status, y.status],
                         "contradiction": how, "subject": x.subject,
                         "negated": [x.negated, y.negated], "expected": [x.expected, y.expected]}))
    return out
