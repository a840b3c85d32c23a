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

from comparator.facts.stance import denial_of
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
    # outcomes with an antonym (OUTCOME_ANTONYMS)
    "reject": "rejected", "injure": "injured", "wound": "injured", "hurt": "injured", "deny": "denied", "admit": "admitted",
    "close": "closed", "shut": "closed", "open": "open", "reopen": "open", "win": "won", "lose": "lost",
    "guilty": "convicted",
}
#: statuses that befall their holder: with an active verb they are about its object ("police arrested Ruiz",
#: "the board voted to close the school", "keep the school open")
PATIENT_STATUSES = frozenset({"charged", "arrested", "convicted", "acquitted", "released", "dead", "injured",
                              "closed", "open"})
#: opposite outcomes of the same event, one asserted against the other: antonym pairs of WordNet's
#: adjective/verb antonymy (approve-reject, sign-veto, open-close, deny-admit, win-lose, convict-acquit,
#: dead-alive; Miller 1995, "WordNet: a lexical database for English"), kept to outcomes news reports as
#: done (a vote, a signature, a verdict, a ruling on a place, an admission)
OUTCOME_ANTONYMS = (("dead", "alive"), ("convicted", "acquitted"), ("passed", "rejected"), ("signed", "vetoed"),
                    ("open", "closed"), ("denied", "admitted"), ("won", "lost"))
#: statuses that exclude each other on the same subject
OPPOSITE = {pair for x, y in OUTCOME_ANTONYMS for pair in ((x, y), (y, x))}
#: outcomes whose object must be the same on both sides (both named and equal, or both unnamed): "won the
#: race" / "lost the race", not "won the seat" / "lost the vote"; "denied meeting X" / "admitted meeting X"
_SAME_OBJECT = frozenset({"won", "lost", "denied", "admitted"})
#: statuses read only as opposite outcomes: "scheduled to open" against "opened" is a schedule kept, not a
#: contradiction, so done-against-expected is left to the statuses above (charged, passed, voted...)
_OUTCOMES_ONLY = frozenset({"rejected", "injured", "denied", "admitted", "closed", "open", "won", "lost"})
#: outcomes only read in the active voice ("was admitted to hospital", "was denied bail" are other senses)
_ACTIVE_ONLY = frozenset({"denied", "admitted", "won", "lost"})
#: what one admits or denies as a statement ("denied the allegations"), not "admitted two patients"; a
#: clause or a gerund ("denied ever meeting him", "admitted that he lied") always is
_CLAIM_NOUNS = frozenset({"allegation", "charge", "claim", "accusation", "report", "wrongdoing", "guilt",
                          "responsibility", "involvement", "role", "affair", "link", "contact", "knowledge", "error",
                          "mistake", "fault", "relationship", "payment", "bribe", "lie", "theft", "assault"})
#: subjects that say "nobody": "no one was arrested", "nobody was hurt"
_NOBODY = frozenset({"one", "nobody", "none", "noone", "no-one"})
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
    object: str | None = None  # what an outcome is about: "budget" of "signed the budget", "meet" of "denied meeting"


def statuses(span: Any) -> list[Status]:
    """The status words of a claim span (nothing under a condition or an uncertain modal)."""
    out = []
    for tok in span:
        key = STATUS_WORDS.get(tok.lemma_.lower())
        if key == "voted" and tok.pos_ == "VERB" and any(
                c.dep_ in ("prt", "prep") and c.lower_ == "down" and c.i == tok.i + 1 for c in tok.children):
            key = "rejected"  # "voted down a bill" (WordNet: vote down = reject)
        if key is None or tok.pos_ not in ("VERB", "NOUN", "ADJ"):
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in ("vote", "pass", "release", "sign", "win", "loss",
                                                         "close", "open", "admission", "wound"):
            continue  # "a vote", "a pass": events or things, not a status
        if key in ("open", "closed") and (tok.pos_ == "NOUN" or tok.dep_ in ("amod", "compound")):
            continue  # "an open letter", "a closed-door meeting"
        if key == "convicted" and (tok.pos_ == "NOUN" or tok.pos_ == "ADJ" and tok.head.lemma_.lower() in ("plead", "enter")):
            continue  # "pleaded not guilty" is a plea, not a verdict; "his conviction" may be an earlier one
        if key in _ACTIVE_ONLY and (tok.pos_ != "VERB" or any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)):
            continue
        if _conditional(tok):
            continue
        kids = list(tok.children)
        verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ in ("nsubjpass", "nsubj", "dobj") else tok
        if tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "oprd") and key in ("open", "closed", "convicted", "injured"):
            verb = tok.head  # "remains open", "keep the school open", "was found guilty"
        vkids = list(verb.children)
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in vkids):
            continue  # "could be charged", "would likely be prosecuted"
        negated = any(c.dep_ == "neg" or c.lower_ in ("never", "no") for c in kids + vkids)
        negated = negated or any(c.dep_ == "det" and c.lower_ == "no" for c in kids)
        negated = negated or _yet_to(verb)
        if denial_of(verb) is not None:
            negated = not negated  # "rejected suggestions her team was losing" = "said it was not losing"
        holder = _subject_token(tok, verb, key in PATIENT_STATUSES)
        nobody = holder is not None and (holder.lower_ in _NOBODY and any(
            c.dep_ == "det" and c.lower_ == "no" for c in holder.children) or holder.lower_ in ("nobody", "none"))
        if nobody or holder is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in holder.children):
            negated = True  # "no firefighters were injured", "police arrested no one"
        subject = "*" if nobody else (_name(holder) if holder is not None else None)
        if subject is None and negated and any(c.dep_ == "det" and c.lower_ == "no" for c in kids) \
                and not any(c.lower_ in ("other", "further", "more", "additional", "new") for c in kids):
            subject = "*"  # "no arrests have been made": nobody, whoever it would be
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):  # "will hold 320 beds and open in March"
            vkids = vkids + [c for c in verb.head.children if c.dep_ == "aux"]
        expected = any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in vkids) or (
            verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _FUTURE_HEADS) or (
            verb.head.lemma_.lower() in _FUTURE_HEADS and verb.dep_ in ("xcomp", "advcl"))
        hkids = [c for c in holder.children if c.dep_ == "det" and c.lower_ == "no"] if holder is not None else []
        group = [t for t in [tok, verb] + [c for c in kids + vkids if c.dep_ in ("neg", "aux", "auxpass", "prt")
                                          or (c.lower_ == "down" and c.i == tok.i + 1)
                                          or (c.dep_ == "det" and c.lower_ == "no")] + hkids
                 if abs(t.i - tok.i) <= 6]
        if subject == "*" and holder is not None and any(
                c.lower_ in ("other", "further", "more", "additional", "new") for c in holder.children):
            subject = None  # "no other arrests": someone was arrested
        obj = _object(tok, verb) if key not in PATIENT_STATUSES else None
        if key in ("denied", "admitted") and not _a_statement(verb):
            continue  # "the hospital admitted two patients", "was denied bail"
        out.append(Status(key, subject, negated, expected,
                          min(t.idx for t in group), max(t.idx + len(t.text) for t in group), obj))
    return out


def _a_statement(verb: Any) -> bool:
    """Whether what a verb admits or denies is a statement: a clause, a gerund or a claim noun."""
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            return True
        if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in _CLAIM_NOUNS:
            return True
    return False


def _object(tok: Any, verb: Any) -> str | None:
    """What an outcome is about: the object of its verb ("signed the budget" -> budget) or the verb of its
    complement ("denied ever meeting Solvik" -> meet)."""
    downs = [g for c in verb.children if c.dep_ in ("prt", "prep") and c.lower_ == "down" and c.i == verb.i + 1
             for g in c.children if g.dep_ in ("pobj", "dobj")]  # "voted down a bill": object under the particle
    for c in [g for g in verb.children if g.dep_ in ("dobj", "obj")] + downs:
        name = _name(c)
        mods = [g.lower_ for g in c.children if g.dep_ in ("compound", "amod", "nmod") and g.i < c.i]
        return " ".join(mods + [name]) if name and mods else name  # "tax bill" is not "school bill"
    for c in verb.children:
        if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            objs = [g for g in c.children if g.dep_ in ("dobj", "obj")]
            return c.lemma_.lower() + (" " + (_name(objs[0]) or "") if objs else "")
    return None


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
    holder = _subject_token(tok, verb, patient)
    return _name(holder) if holder is not None else None


def _subject_token(tok: Any, verb: Any, patient: bool = False) -> Any | None:
    """The token :func:`_subject` names (None when there is none)."""
    if patient and (tok.i == verb.i and tok.pos_ == "VERB" or tok.dep_ == "oprd"):
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if not objs and verb.dep_ == "conj" and verb.head.pos_ == "VERB" and tok.pos_ == "VERB":
            objs = [c for c in verb.head.children if c.dep_ == "dobj" and c.i > tok.i]  # "detained and arrested two men"
        if objs:
            return objs[0]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("against", "of"):
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "against":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    for v in (verb, verb.head) if verb.dep_ in ("xcomp", "conj") else (verb,):  # "is expected to approve"
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i:  # spaCy makes a new Token on each access
                return c
    return None


def _name(tok: Any) -> str | None:
    if tok.lower_ in _PRONOUNS:
        return None
    return tok.lemma_.lower() if tok.pos_ != "PROPN" else tok.text.lower()


def _contradict(x: Status, y: Status) -> str | None:
    if x.subject is None or y.subject is None:
        return None
    if "*" in (x.subject, y.subject):  # "no one was arrested" against "police arrested a man"
        nobody, other = (x, y) if x.subject == "*" else (y, x)
        if x.status == y.status and nobody.negated and not other.negated and not (x.expected or y.expected) \
                and other.subject != "*":
            return "negated"
        return None
    if x.subject != y.subject:
        return None
    if x.status == y.status:
        if x.negated != y.negated and not (x.expected or y.expected):
            return "negated"
        if x.expected != y.expected and not (x.negated or y.negated) and x.status not in _OUTCOMES_ONLY:
            return "expected"
        return None
    if (x.status, y.status) in OPPOSITE and not (x.negated or y.negated or x.expected or y.expected):
        if x.object and y.object and x.object != y.object:
            return None  # "signed the budget" / "vetoed the zoning bill": two decisions
        if {x.status, y.status} & _SAME_OBJECT and (x.object is None) != (y.object is None):
            return None
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
    sa, sb = statuses(a.span), statuses(b.span)
    held_a, held_b = {(s.subject, s.status) for s in sa}, {(s.subject, s.status) for s in sb}
    for x in sa:
        for y in sb:
            how = _contradict(x, y)
            if how is None or (x.start, y.start) in seen:
                continue
            if how == "opposite" and ((x.subject, y.status) in held_a or (y.subject, x.status) in held_b):
                continue  # "signed one bill and vetoed another" on either side: both outcomes are told
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
