"""Negation and certainty of the verbs of a claim, read from spaCy's dependency parse.

"blocked" vs "did not block" (a ``neg`` child), "violates" vs "could violate"
(an epistemic modal auxiliary or a hedging adverb). Only main-clause verbs
count: a condition ("unless the cuts are not repealed") or an infinitive
("refused to recuse") carries its polarity elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: epistemic modals only: "would"/"will"/"can" shift with reported speech and tense, not certainty
_MODALS = frozenset({"could", "may", "might"})
#: hedging adverbs; attribution adverbs ("reportedly", "allegedly") are left out: paraphrases drop them
_HEDGES = frozenset({"potentially", "possibly", "likely", "probably", "perhaps", "maybe", "conceivably"})
_MAIN_DEPS = frozenset({"ROOT", "conj", "ccomp", "parataxis"})
_LIGHT_VERBS = frozenset({"be", "have", "do", "say", "tell", "add", "note", "report", "state", "write",
                          "deny", "dispute", "reject"})
#: verbs whose complement clause they assert to be false ("denied that X" = "said not X")
DENIALS = frozenset({"deny", "dispute", "refute", "reject", "dismiss", "rebut"})
#: phrasal denials, verb + particle ("brushed aside claims that", "laughed off reports that")
_PHRASAL_DENIALS = frozenset({("brush", "aside"), ("wave", "off"), ("laugh", "off"), ("shrug", "off"),
                              ("push", "back")})
#: nouns whose content clause a denial rejects ("rejected suggestions her team was losing")
_CLAIM_NOUNS = frozenset({"suggestion", "claim", "report", "allegation", "accusation", "notion", "idea",
                          "speculation", "rumor", "rumour", "assertion", "charge", "contention", "insinuation"})
#: subjects or objects that negate their clause ("no workers were evacuated", "found nothing")
_NOBODY = frozenset({"nobody", "nothing", "none", "no-one"})
_RELATIVES = frozenset({"that", "which", "who", "whom", "whose", "where", "when"})
#: modals that only mark the future or reported future ("will"/"would" shift with reported speech):
#: "would not appeal" against "would appeal" is an opposite statement, "could" against "will" is not
_FUTURE = {"will": "will", "would": "will", "shall": "will", "'ll": "will", "wo": "will"}


@dataclass(frozen=True)
class Stance:
    """How a claim asserts one verb: negated? hedged? and the span of the verb group."""

    negated: bool
    uncertain: bool
    start: int
    end: int  # article offsets of the verb group ("did not block", "could violate")
    finite: bool = True  # "blocked", "did not block" (not "to block", "blocking")
    modal: bool = False  # any modal auxiliary ("would", "should", "could"...)
    modals: tuple[str, ...] = ()  # the modal auxiliaries, lower-cased, "will"/"would"/"shall" as "will"
    nobody: str = ""  # lemma of the "no" noun that negates the verb ("no workers" -> worker), "*" for "nobody"
    args: tuple[str, ...] = ()  # lemmas of the verb's subject and object


def verb_stances(span: Any) -> dict[str, Stance]:
    """Per verb lemma used once in the span: is it negated, is it hedged, and where."""
    counts: dict[str, int] = {}
    found: dict[str, Stance] = {}
    for tok in span:
        if tok.pos_ != "VERB" or tok.lemma_.lower() in _LIGHT_VERBS or tok.dep_ not in _MAIN_DEPS:
            continue
        lemma = tok.lemma_.lower()
        counts[lemma] = counts.get(lemma, 0) + 1
        kids = list(tok.children)
        neg = [c for c in kids if c.dep_ == "neg" or c.lower_ in ("never", "nor", "neither")]
        nobody = [t for c in kids if c.dep_ in ("nsubj", "nsubjpass", "dobj") for t in _nobody(c)]
        neg = [] if neg and nobody else neg + nobody  # "no workers were evacuated"; "not ... nothing" is rare
        denial = denial_of(tok)
        if denial is not None:  # "denied that her campaign coordinated" = "said her campaign did not coordinate"
            neg = [] if neg else [tok]
        if _conditional(tok):
            continue  # "if the cuts are not repealed": a condition, not a statement
        modal = [c for c in kids if c.dep_ == "aux" and c.tag_ == "MD"]
        mods = [c for c in modal if c.lower_ in _MODALS]
        hedges = [c for c in kids if c.dep_ == "advmod" and c.lower_ in _HEDGES]
        group = [tok] + [c for c in kids if c.dep_ in ("aux", "auxpass", "neg") or c in hedges] + nobody
        group = [t for t in group if abs(t.i - tok.i) <= 4]
        if denial is not None and tok.i - denial.i <= 8:
            group.append(denial)  # the evidence reads "denied that ... destroyed"
        start = min(t.idx for t in group)
        end = max(t.idx + len(t.text) for t in group)
        finite = tok.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") and c.lower_ != "to"
            for c in kids)
        found[lemma] = Stance(bool(neg), bool(mods or hedges), start, end, finite, bool(modal),
                              tuple(sorted(_FUTURE.get(c.lower_, c.lower_) for c in modal)),
                              ("*" if nobody[-1].lower_ in _NOBODY else nobody[-1].lemma_.lower()) if nobody else "",
                              tuple(sorted(c.lemma_.lower() for c in kids if c.dep_ in ("nsubj", "nsubjpass", "dobj"))))
    return {k: v for k, v in found.items() if counts[k] == 1}


def same_modality(x: Stance, y: Stance) -> bool:
    """Whether two verb groups carry the same modality, so opposite polarity is an opposite statement:
    no modal on either side, or the same future/reported-future modal ("will not close" / "will close",
    "would not appeal" / "would appeal"), not "could be charged" / "was not charged"."""
    return x.modals == y.modals and all(m == "will" for m in x.modals)


def same_referent(x: Stance, y: Stance) -> bool:
    """Whether a "no" noun that negates one side names an argument of the other side's verb: "no workers
    were evacuated" / "workers were evacuated", not "no residents were injured" / "two firefighters were
    injured" (other people) nor "nobody was hurt" (left to the status check, which reads "nobody")."""
    for s, o in ((x, y), (y, x)):
        if s.negated and s.nobody and (s.nobody == "*" or s.nobody not in o.args):
            return False
    return True


def denial_of(tok: Any) -> Any | None:
    """The denial verb whose complement a verb is, or None: "denied that it coordinated",
    "rejected suggestions her team was losing", "brushed aside claims that the city was warned"
    (a content clause of a claim noun the denial takes as object; a relative clause is not)."""
    head = tok.head
    if head is tok:
        return None
    if tok.dep_ in ("acl", "relcl", "ccomp") and head.pos_ == "NOUN" and head.lemma_.lower() in _CLAIM_NOUNS \
            and not any(c.lower_ in _RELATIVES and c.dep_ != "mark" for c in tok.children) \
            and (any(c.dep_ == "mark" for c in tok.children) or _complete(tok)):
        noun = head
        head = noun.head
        if noun.dep_ == "pobj" and head.dep_ == "prep":  # "pushed back on reports that"
            head = head.head
        elif noun.dep_ not in ("dobj", "obj"):
            return None
    elif tok.dep_ != "ccomp":
        return None
    if any(c.dep_ == "neg" for c in head.children) or head.pos_ != "VERB":
        return None
    lemma = head.lemma_.lower()
    prts = {c.lower_ for c in head.children if c.dep_ in ("prt", "advmod")}
    if lemma in DENIALS or any((lemma, p) in _PHRASAL_DENIALS for p in prts):
        return head
    return None


def _complete(tok: Any) -> bool:
    """Whether a clause without "that" has no object gap, so it is content, not a reduced relative:
    "suggestions her team was losing" (progressive), "claims the city was warned" (passive), "reports
    the plant leaked chlorine" (its own object); not "a report the panel released" (the report is the
    object)."""
    kids = list(tok.children)
    return tok.tag_ == "VBG" or any(c.dep_ in ("auxpass", "nsubjpass", "dobj", "ccomp", "attr", "acomp", "xcomp")
                                    for c in kids)


def _nobody(tok: Any) -> list[Any]:
    """The tokens that make a subject or object say "none": "no workers", "nobody", "no one"."""
    if tok.lower_ in _NOBODY:
        return [tok]
    dets = [c for c in tok.children if c.dep_ == "det" and c.lower_ == "no"]
    if dets and not any(c.lower_ in ("other", "further", "more", "additional", "longer") for c in tok.children):
        return dets + [tok]
    return []


def _conditional(tok: Any) -> bool:
    """Whether a verb heads an "if"/"unless" clause."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children)
