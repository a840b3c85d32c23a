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
DENIALS = frozenset({"deny", "dispute", "refute", "reject"})


@dataclass(frozen=True)
class Stance:
    """How a claim asserts one verb: negated? hedged? and the span of the verb group."""

    negated: bool
    uncertain: bool
    start: int
    end: int  # article offsets of the verb group ("did not block", "could violate")
    finite: bool = True  # "blocked", "did not block" (not "to block", "blocking")
    modal: bool = False  # any modal auxiliary ("would", "should", "could"...)


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
        if _denied(tok):  # "denied that her campaign coordinated" = "said her campaign did not coordinate"
            neg = [] if neg else [tok]
        if _conditional(tok):
            continue  # "if the cuts are not repealed": a condition, not a statement
        modal = [c for c in kids if c.dep_ == "aux" and c.tag_ == "MD"]
        mods = [c for c in modal if c.lower_ in _MODALS]
        hedges = [c for c in kids if c.dep_ == "advmod" and c.lower_ in _HEDGES]
        group = [tok] + [c for c in kids if c.dep_ in ("aux", "auxpass", "neg") or c in hedges]
        group = [t for t in group if abs(t.i - tok.i) <= 4]
        if _denied(tok) and tok.i - tok.head.i <= 8:
            group.append(tok.head)  # the evidence reads "denied that ... destroyed"
        start = min(t.idx for t in group)
        end = max(t.idx + len(t.text) for t in group)
        finite = tok.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") and c.lower_ != "to"
            for c in kids)
        found[lemma] = Stance(bool(neg), bool(mods or hedges), start, end, finite, bool(modal))
    return {k: v for k, v in found.items() if counts[k] == 1}


def _denied(tok: Any) -> bool:
    """Whether a verb is the complement clause of a denial ("denied that it coordinated")."""
    head = tok.head
    return tok.dep_ == "ccomp" and head is not tok and head.lemma_.lower() in DENIALS \
        and not any(c.dep_ == "neg" for c in head.children)


def _conditional(tok: Any) -> bool:
    """Whether a verb heads an "if"/"unless" clause."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children)
