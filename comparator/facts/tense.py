"""Which way a date points: the tense of the clause it sits in, read from spaCy's dependency parse.

A bare weekday is resolved against the publication day in the direction the
clause gives: "knocked out power on Sunday" (past), "expect to restore power by
Friday", "the House will vote Thursday", "is expected to begin on Wednesday"
(future). When the clause does not say (a present-tense verb: "the House votes
Thursday" may be a schedule or a headline's past), the answer is ``None`` and
the weekday is not compared.
"""

from __future__ import annotations

from typing import Any

#: auxiliaries that put a clause in the future
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
#: verbs and adjectives that announce a scheduled or expected event ("is expected to", "set to", "due to")
FUTURE_VERBS = frozenset({"expect", "schedule", "set", "plan", "slate", "due", "poise", "intend", "aim",
                          "prepare", "hope", "vow", "promise", "threaten", "go", "likely", "to"})
_PAST_TAGS = frozenset({"VBD"})
_DATE_DEPS = frozenset({"pobj", "prep", "npadvmod", "nmod", "compound", "appos", "conj", "cc", "det", "amod",
                        "nummod", "advmod", "tmod", "obl"})


def clause_tense(span: Any) -> str | None:
    """'past', 'future' or None (unclear) for a date span, from the verbs that govern it."""
    tok = span.root
    by = False
    steps = 0
    while tok.pos_ not in ("VERB", "AUX") and tok.head is not tok and steps < 6:
        if tok.dep_ == "pobj" and tok.head.lower_ in ("by", "until", "before"):
            by = True
        if tok.dep_ not in _DATE_DEPS:
            break
        tok = tok.head
        steps += 1
    if tok.pos_ not in ("VERB", "AUX"):
        return "past"  # "Sunday's march", "the Monday meeting": reported events
    verb = tok
    for _ in range(4):
        kids = list(verb.children)
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in kids):
            return "future"
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ == "going" for c in kids):
            return "future"
        if verb is not tok and verb.lemma_.lower() in FUTURE_VERBS:
            return "future"
        if verb.lemma_.lower() in ("schedule", "set", "slate", "due") and verb.tag_ == "VBN":
            return "future"  # "the vote is scheduled for Friday"
        if verb.tag_ in _PAST_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP")
                                          and c.lemma_ in ("have", "be", "do") and verb.tag_ == "VBN"
                                          and c.lemma_ == "have" for c in kids):
            return "past"
        if verb.tag_ == "VBN" and any(c.dep_ == "nsubj" for c in kids) \
                and not any(c.dep_ in ("aux", "auxpass") for c in kids):
            return "past"  # "a plan the county board approved on Tuesday": a past verb read as a participle
        finite = verb.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(c.dep_ in ("aux", "auxpass") for c in kids)
        if verb.dep_ in ("xcomp", "advcl", "conj", "acl", "relcl") and verb.head is not verb and not finite \
                and verb.head.pos_ in ("VERB", "AUX", "ADJ"):  # never onto a noun ("a plan ... approved")
            verb = verb.head  # "expect to restore ... by Friday", "followed by the House on Thursday"
            continue
        break
    if verb.tag_ in ("VBD", "VBN"):
        return "past"
    if by:
        return "future"  # "power back by Friday"
    if verb.tag_ in ("VBZ", "VBP", "VB", "VBG"):
        return None  # "the House votes Thursday": a schedule, or a headline's past
    return "past"
