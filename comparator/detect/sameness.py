"""Whether two facts of aligned claims are about the same thing: the gate before any value is compared.

Two values are compared only when they fill the same role of the same
predicate about the same subject (issue 12): numbers count the same noun or
hang on the same verb, dates date the same event, people and places are named
in the same slot. Read from spaCy's dependency parse of each claim;
:func:`same_thing` returns 2 (surely), 1 (perhaps: the role score of
:mod:`.roles` decides) or 0 (never compared).
"""

from __future__ import annotations

from typing import Any

from comparator.detect.roles import (PERSONAL, PLACES, Side, honorific, one_word_apart, placelike, same_anchor,
                                     stem, window)
from comparator.detect.person_slots import passive_object, same_description, share_given
from comparator.facts.names import name_key, same_given, same_referent
from comparator.types import Fact

__all__ = ["event_of", "fact_tokens", "other_participants", "same_thing"]

#: words shared by any two reported sentences: no evidence of the same event
_LIGHT = frozenset({"say", "tell", "be", "have", "do", "add", "report", "accord", "state", "note"})
#: verbs that report speech: their subjects fill one slot, the speaker's
_REPORTING = frozenset({"say", "tell", "add", "state", "write", "note", "explain", "insist", "argue", "claim"})
_TIME_NOUNS = frozenset({"morning", "afternoon", "evening", "night", "day", "week", "month", "year", "weekend",
                         "time", "hour", "date", "period", "quarter", "season"})
#: alignment score (combined, 0-1) a claim pair needs before two people named in the same slot of the same
#: verb are compared: between the median and the upper quartile of the alignments kept on the gold events (0.39 / 0.45 /
#: 0.56), where the pair is surely one statement; docs/EVALUATION.md, "Divergent facts"
SAME_SLOT_MIN_SCORE = 0.5




def fact_tokens(side: Side, fact: Fact) -> list[Any]:
    """spaCy tokens of a fact inside its claim (empty without a parse)."""
    if side.span is None:
        return []
    return [t for t in side.span if fact.start <= t.idx < fact.end]


def event_of(side: Side, fact: Fact) -> tuple[str | None, set[str]]:
    """The verb a fact hangs on and the nouns that verb is about (subject, agent, object).

    "the House voted Wednesday" -> ("vote", {"house"}); "followed by the House on
    Thursday" -> ("follow", {"house"}). Read from the dependency parse; (None, set())
    without one.
    """
    toks = fact_tokens(side, fact)
    if not toks:
        return None, set()
    root = min(toks, key=lambda t: abs(t.i - t.head.i) if t.head not in toks else 99)
    tok = root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok not in toks:
            break
        if tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None, set()
    about: set[str] = set()
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            about.add(child.lemma_.lower())
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            about.update(g.lemma_.lower() for g in child.children if g.dep_ == "pobj")
    about -= {t.lemma_.lower() for t in toks}
    about -= {"it", "they", "he", "she", "this", "that", "which", "who"}
    return tok.lemma_.lower(), about


def same_thing(a: Side, x: Fact, b: Side, y: Fact, score: float = 1.0) -> int:
    """Whether two facts can be about the same thing: 2 surely, 1 perhaps, 0 not (never compared).

    2: numbers count the same noun (their anchors agree) or hang on the same verb;
    dates date the same event (the same anchor, the same verb, or a verb about the
    same subject: "the House voted Wednesday" / "followed by the House on
    Thursday"), or share words around them ("sales rose at a steady pace in April" / "sales climbed at a
    quick pace in October"). 0: the verbs name other participants ("passed the Senate" /
    "passed the House"), or each fact belongs to a different noun ("the 2001
    attacks" / "a 1976 law", "5,000 infants" / "2,000 children"), or two dates
    hang on other verbs with no shared words around them. 1: nothing says either way;
    the role score decides. People differ by one name part only
    ("Wendy Marlow" / "Debbie Marlow") or fill the same role of the same verb as
    the only person on each side (when the claims' alignment ``score`` is at least
    SAME_SLOT_MIN_SCORE); places are spelled alike and hang on the same noun.
    """
    if x.kind == "name":
        if _same_name_slot(a, x, b, y):
            return 2
        if score < SAME_SLOT_MIN_SCORE:
            return 0
        return 1 if _same_slot(a, x, b, y) or same_description(a, x, b, y) else 0
    if other_participants(a, x, b, y):
        return 0  # "passed the Senate" / "passed the House": another event
    if same_anchor(x.anchor, y.anchor) or _same_name_frame(a, x, b, y):
        return 2
    shared = len((window(a, x) & window(b, y)) - _LIGHT)
    nouns = _noun_anchor(a, x), _noun_anchor(b, y)
    if all(nouns) and (x.kind in ("date", "time") or shared < 2):
        # each belongs to its own noun ("the 2001 attacks" / "a 1976 law") unless one noun names the other
        # ("March crude oil futures" / "September crude oil", "dockworkers" / "workers")
        if related_nouns(a, x, b, y):
            return 1
        vx, _ = event_of(a, x)
        return 1 if score >= SAME_SLOT_MIN_SCORE and vx not in _LIGHT | {None} and vx == event_of(b, y)[0] \
            and _lone_on_verb(a, x, vx) and _lone_on_verb(b, y, vx) else 0  # "the court's 1987 ruling
        # upheld" / "in a 1989 case, the court upheld": the only year on the same verb
    vx, about_x = event_of(a, x)
    vy, about_y = event_of(b, y)
    if vx is not None and vx == vy and vx not in ("be", "have", "say"):
        return 2
    if x.kind in ("date", "time") and {stem(w) for w in about_x} & {stem(w) for w in about_y}:
        return 2
    if x.kind in ("date", "time") and shared < 1 + (not _lone_open(x, a, y, b)):
        if not any(nouns) and score >= SAME_SLOT_MIN_SCORE and _lone_unit(x, a, y, b):
            return 1  # the only month (day, year, time) of each of two close statements: "factory output expanded
            # in June" / "manufacturing grew in December"; the role score decides
        return 0  # dates of other verbs in other words date other events: "closed since 2019" / "voted on Wednesday"
    return 1


def _name_frame(side: Side, fact: Fact) -> tuple[str, ...] | None:
    """The two words before and the word after a number written inside a proper name ("the Meridian 500
    Index" -> ("the", "meridian", "index")); None when no proper noun touches the number."""
    toks = fact_tokens(side, fact)
    if not toks:
        return None
    doc = toks[0].doc
    before = [t for t in doc[max(toks[0].i - 2, 0):toks[0].i]]
    after = [t for t in doc[toks[-1].i + 1:toks[-1].i + 2]]
    if len(before) < 2 or not after or not any(t.pos_ == "PROPN" for t in before + after):
        return None
    return tuple(t.lower_ for t in before + after)


def _same_name_frame(a: Side, x: Fact, b: Side, y: Fact) -> bool:
    """Two numbers in the same place of one name ("Meridian 400 Index" / "Meridian 500 Index")."""
    if x.kind not in ("quantity", "date"):
        return False
    fx = _name_frame(a, x)
    return fx is not None and fx == _name_frame(b, y)


def _lone_unit(x: Fact, a: Side, y: Fact, b: Side) -> bool:
    """Whether x and y are of one unit (month, day, year, clock time...) and the only facts of that kind and unit
    in their claims: "in March" beside "Wednesday" is still the only month."""
    if x.unit != y.unit:
        return False
    return sum(f.kind == x.kind and f.unit == x.unit for f in a.claim.facts) == 1 \
        and sum(f.kind == y.kind and f.unit == y.unit for f in b.claim.facts) == 1


def _lone_on_verb(side: Side, fact: Fact, verb: str) -> bool:
    """Whether ``fact`` is the only fact of its kind and unit in its claim that hangs on ``verb``."""
    return sum(f.kind == fact.kind and f.unit == fact.unit and event_of(side, f)[0] == verb
               for f in side.claim.facts) == 1


def _compound_nouns(side: Side, fact: Fact) -> set[str]:
    """Stems of the noun a fact modifies and of the nouns compounded with it ("crude oil futures":
    {"crude", "oil", "future"}); empty without a parse."""
    for t in fact_tokens(side, fact)[:1]:
        head = t.head
        while head.dep_ == "compound" and head.head is not head:
            head = head.head
        return {stem(w.lemma_) for w in [*head.lefts, head]
                if w.pos_ in ("NOUN", "PROPN") and (w is head or w.dep_ == "compound")}
    return set()


def related_nouns(a: Side, x: Fact, b: Side, y: Fact) -> bool:
    """Whether the nouns two facts modify name one thing: one ends the other after a word of 3+ letters
    ("dockworkers" / "workers", "firefighter" / "fighters"; heads of 4+ letters), or one is a word of the
    other's compound ("March crude oil futures" / "September crude oil"). Spelling only: "attacks" / "law",
    "infections" / "cases" are not related."""
    sx, sy = stem(x.anchor or ""), stem(y.anchor or "")
    if not sx or not sy:
        return False
    short, long_ = sorted((sx, sy), key=len)
    if len(short) >= 4 and long_.endswith(short) and len(long_) - len(short) >= 3:
        return True  # a compound's head: "dock|workers", not "p|layers" or "br|others"
    return sy in _compound_nouns(a, x) or sx in _compound_nouns(b, y)


def _lone_open(x: Fact, a: Side, y: Fact, b: Side) -> bool:
    """Whether x and y are the only facts of their kind in their claims."""
    return sum(f.kind == x.kind for f in a.claim.facts) == 1 and sum(f.kind == y.kind for f in b.claim.facts) == 1


def _same_slot(a: Side, x: Fact, b: Side, y: Fact) -> bool:
    """Two people in the same grammatical role of the same verb ("Muqtada al Okonjo said" / "Moqtada al-Sadr
    said"): the role score decides whether they are compared."""
    if x.unit not in PERSONAL and y.unit not in PERSONAL:
        return False
    if {x.anchor, y.anchor} == {"subject", "object"} and passive_object(a, x, b, y):
        return True  # "Tomas Reyes was found" / "police found Delgado": the one found
    if x.anchor != y.anchor or x.anchor in ("conj", "compound", "npadvmod", "ROOT", None):
        return False  # the same role: subject, object, "to" (pobj of "to")...
    kx, ky = name_key(str(x.value)).split(), name_key(str(y.value)).split()
    if len(kx) >= 2 and len(ky) >= 2 and not same_given(kx[0], ky[0]):
        return False  # two full names of two people ("Ruth Bader Ginsburg" / "Stephen Breyer")
    vx, _ = event_of(a, x)
    vy, _ = event_of(b, y)
    if vx in _REPORTING and vy in _REPORTING:
        return True  # "Tutu told Reuters" / "Archbishop Harrowgate said": the speaker slot
    return vx is not None and vx == vy


def _noun_anchor(side: Side, fact: Fact) -> bool:
    """Whether the fact's anchor is a noun it modifies ("2001 attacks"), not a verb or a stand-in."""
    if not fact.anchor or side.span is None or fact.anchor in _TIME_NOUNS:
        return False  # "Wednesday afternoon": part of the date, not a thing it dates
    for t in fact_tokens(side, fact)[:1]:
        head = t.head
        while head.dep_ in ("compound",) and head.head is not head:
            head = head.head
        if head.lemma_.lower() == fact.anchor and head.pos_ == "NOUN" and t.dep_ in (
                "nummod", "compound", "amod", "nmod", "poss", "quantmod"):
            return True
        if t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.head.pos_ == "NOUN" \
                and t.head.head.lemma_.lower() == fact.anchor:
            return True  # "an interview on Monday", "the attacks of 2001"
    return False


def _same_name_slot(a: Side, x: Fact, b: Side, y: Fact) -> bool:
    from rapidfuzz import fuzz

    kx, ky = name_key(str(x.value)).split(), name_key(str(y.value)).split()
    if not kx or not ky:
        return False
    if one_word_apart(x, y):
        return True
    if len(kx) >= 2 and len(ky) >= 2 and "PERSON" in (x.unit, y.unit) and {x.unit, y.unit} <= {"PERSON", "ORG"}:
        # NER may call one of two full names an ORG ("Marta Villeneuve" ORG / "Marta Okonjo")
        if share_given(kx, ky):
            return kx[-1] != ky[-1]  # another surname ("Tom Harrow" / "Thomas Brannigan", "J. Ellis Norwood")
        if kx[-1] == ky[-1]:  # another given name: a relative ("Lois" / "Elizabeth Smart") unless in one slot
            vx, _ = event_of(a, x)
            vy, _ = event_of(b, y)
            return vx is not None and vx == vy and x.anchor == y.anchor
        return False
    if placelike(x, y):
        return fuzz.ratio(" ".join(kx), " ".join(ky)) >= 60 and _name_anchor(a, x) is not None \
            and same_anchor(_name_anchor(a, x), _name_anchor(b, y))
    if x.unit in PERSONAL and y.unit in PERSONAL:  # the only person of each claim, in the same role of the same verb
        if len([f for f in _people(a)]) != 1 or len([f for f in _people(b)]) != 1:
            return False
        if len(kx) >= 2 and len(ky) >= 2:
            return False  # two full names of different people ("Ruth Bader Ginsburg" / "Stephen Breyer")
        if not (honorific(a, x) if len(kx) == 1 else honorific(b, y)):
            return False  # a bare surname may be anyone's: only "Mr. Harrigan" is a surname for sure
        vx, _ = event_of(a, x)
        vy, _ = event_of(b, y)
        return vx is not None and vx == vy and x.anchor == y.anchor and x.anchor in ("subject", "object")
    return False


def _people(side: Side) -> list[Fact]:
    return [f for f in side.claim.facts if f.kind == "name" and f.unit in PERSONAL]


def _name_anchor(side: Side, fact: Fact) -> str | None:
    """The noun a place name hangs on: 'event' in "the 2008 event in Norfolk" and "the Norwalk event"."""
    from comparator.facts import anchor_of

    toks = fact_tokens(side, fact)
    if not toks:
        return None
    return anchor_of(toks[0].doc[toks[0].i:toks[-1].i + 1])


def _arguments(side: Side, fact: Fact) -> dict[str, str]:
    """The verb a fact hangs on and its named arguments: {"verb": "pass", "nsubj": "House", "dobj": "Senate"}."""
    toks = fact_tokens(side, fact)
    if not toks:
        return {}
    tok = toks[0]
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok not in toks or tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return {}
    out = {"verb": tok.lemma_.lower()}
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.pos_ == "PROPN" and c not in toks:
            words = [t.text for t in c.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [c.text]
            out[c.dep_] = " ".join(words)
    return out


def other_participants(a: Side, x: Fact, b: Side, y: Fact) -> bool:
    """Whether the verbs of two facts name different participants in the same slot ("the Senate"/"the House").

    Only the same verb is checked ("passed the Senate" / "passed the House"); names sharing a word
    ("Gartner" / "Gartner Inc.") or denoting one referent are the same participant.
    """
    ax, ay = _arguments(a, x), _arguments(b, y)
    if ax.get("verb") is None or ax.get("verb") != ay.get("verb"):
        return False  # other verbs: a paraphrase may name its subject otherwise ("UConn" / "the Huskies")
    for k in (set(ax) & set(ay)) - {"verb"}:
        if same_referent(ax[k], ay[k]) or set(name_key(ax[k]).split()) & set(name_key(ay[k]).split()):
            continue
        return True
    return False


def untagged_places(side: Side, other: list[Fact]) -> list[Fact]:
    """Place names NER left untagged in ``side`` that modify the noun a place of ``other`` hangs on.

    "the Norwalk event" (no entity) beside "the 2008 event in Norfolk" (GPE): a
    capitalised proper noun compounded with the same common noun becomes a name
    fact of the same unit, so the two are compared. Nothing else is added.
    """
    from rapidfuzz import fuzz

    if side.span is None:
        return []
    out = []
    taken = {(f.start, f.end) for f in side.claim.facts}
    for place in other:
        if place.kind != "name" or place.unit not in PLACES:
            continue
        for tok in side.span:
            if tok.pos_ != "PROPN" or not tok.is_title or tok.ent_type_ or tok.is_sent_start \
                    or tok.dep_ != "compound" or tok.head.pos_ != "NOUN":
                continue
            if (tok.idx, tok.idx + len(tok.text)) in taken or fuzz.ratio(tok.lower_, name_key(str(place.value))) < 60:
                continue
            out.append(Fact(kind="name", text=tok.text, start=tok.idx, end=tok.idx + len(tok.text),
                            normal=name_key(tok.text), value=tok.text, unit=place.unit, anchor="compound"))
            taken.add((tok.idx, tok.idx + len(tok.text)))
    return out
