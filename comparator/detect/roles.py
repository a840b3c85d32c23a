"""Which facts of two aligned claims fill the same role (the matching half of divergence detection).

A number, date or name on one side is paired with the one on the other side
that counts the same noun, hangs on the same event or names the same kind of
person; :func:`role_score` weighs those cues. ``divergence.py`` reports the
pairs whose values disagree.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from comparator.facts import facts_agree
from comparator.facts.names import name_key, same_referent
from comparator.types import Claim, Fact

PERSONAL = ("PERSON",)  # name facts compared for divergence
#: place-like names compared when spelled alike and hung on the same noun ("in Norfolk" / "the Norwalk event")
PLACES = ("GPE", "LOC", "FAC")
SINGLE_BONUS = 0.4  # role bonus for the only unmatched fact of its kind on both sides


@dataclass(frozen=True)
class Side:
    """One claim of a pair with what the detector needs from it."""

    claim: Claim
    outlet: str
    text: str  # the whole article text (evidence offsets are article offsets)
    span: Any  # spaCy Span of the claim, or None without a parse
    published: str | None = None  # the article's publication date (ISO), when known


def as_years(facts: list[Fact], other: list[Fact]) -> list[Fact]:
    """Read a bare four-digit count as a year when the other claim states years ("its 2000 results")."""
    if not any(f.kind == "date" and f.unit == "year" and f.normal.isdigit() for f in other):
        return facts
    return [dataclasses.replace(f, kind="date", normal=f.text, value=f.text, unit="year")
            if f.kind == "quantity" and f.text.isdigit() and len(f.text) == 4 and 1900 <= int(f.text) <= 2100
            else f for f in facts]


def exact_names(fa: list[Fact], fb: list[Fact]) -> dict[int, int]:
    """Name facts written the same on both sides, paired one to one in text order."""
    out: dict[int, int] = {}
    for i, x in enumerate(fa):
        for j, y in enumerate(fb):
            if x.kind == y.kind == "name" and j not in out.values() and x.normal == y.normal:
                out[i] = j
                break
    return out


def name_begins(x: str, y: str) -> bool:
    """Whether one name of two or more words is the first words of the other: an entity span that ran on
    ("Harborview Inn" / "Harborview Inn to Port Alder County"), the same name, not another one."""
    kx, ky = name_key(x).split(), name_key(y).split()
    short, long = sorted((kx, ky), key=len)
    return len(short) >= 2 and len(long) > len(short) and long[:len(short)] == short


def agree(x: Fact, y: Fact) -> bool:
    if x.kind == "date" and x.unit != y.unit and x.normal != y.normal:
        return False  # "February" is compatible with "2003" but does not state it: both stay open
    if x.kind == "name":  # spaCy's label may differ ("Kollar-Kotelly" ORG, "Colleen Kollar-Kotelly" PERSON)
        return same_referent(str(x.value), str(y.value)) or name_key(x.text) == name_key(y.text) or \
            name_begins(x.text, y.text)
    return facts_agree(x, y) is True


#: publication dates at most this many days apart name one day with one bare weekday ("Friday")
SAME_WEEKDAY_DAYS = 1


def same_weekday(a: Side, x: Fact, b: Side, y: Fact) -> bool:
    """The same bare weekday ("Friday", "on Friday morning"), both told in the past (or both ahead), in
    articles published :data:`SAME_WEEKDAY_DAYS` day apart: one day, whatever each resolved to. A
    publication date a day off (a print date, another time zone) would otherwise turn the later
    paper's "Friday" into the week before. Articles of the same day keep their resolution ("will vote
    on Monday" / "voted on Monday" are two days)."""
    import datetime as dt

    from comparator.facts.dates import weekday_of

    if x.kind != "date" or y.kind != "date":
        return False
    wx, wy = weekday_of(x.text), weekday_of(y.text)
    if wx is None or wx != wy:
        return False
    try:
        pa, pb = (dt.date.fromisoformat(p[:10]) for p in (a.published, b.published))  # type: ignore[index]
        da, db = dt.date.fromisoformat(x.normal[:10]), dt.date.fromisoformat(y.normal[:10])
    except (TypeError, ValueError):
        return False
    return 1 <= abs((pa - pb).days) <= SAME_WEEKDAY_DAYS and (da <= pa) == (db <= pb)


def comparable(a: Side, x: Fact, b: Side, y: Fact) -> bool:
    """Whether x and y can state the same kind of thing (people, currency, unit)."""
    if x.kind == "name":
        return x.unit in PERSONAL and y.unit in PERSONAL or (
            given(x) is not None and given(x) == given(y)) or one_word_apart(x, y) or other_given(x, y) or (
            placelike(x, y))
    if x.kind in ("money", "duration", "percent") and x.unit != y.unit:
        return False
    if x.kind == "time" and x.unit and y.unit and x.unit != y.unit:
        return False  # "7 p.m. EST" and "8am (AEST)" may be the same moment
    if x.kind == "date" and ({date_tense(a, x), date_tense(b, y)} == {"past", "future"} or _later(a, x, b, y)
                             or _later(b, y, a, x)) and two_events(a, x, b, y):
        return False  # "cast the deciding vote on Wednesday" / "will close at the end of June", "voted ... to
        # close the branch at the end of June" / "shut the doors on Wednesday": two events
    if x.kind == "date" and period_start(a, x) != period_start(b, y):
        since, point, pub = (x, y, a.published) if period_start(a, x) else (y, x, b.published)
        if inside_period(since, point, pub):
            return False  # "arrived since October" (a period's start) / "arrived in November" (a day in it)
    if x.kind == "quantity" and (x.unit or y.unit) and x.unit != y.unit:
        # "3km" vs "two miles", "three-term" vs "88,747 votes"; but "80 basis points" ~ "50-basis-point"
        if "age" in (x.unit, y.unit) and None in (x.unit, y.unit):  # "Walsh, also 40," vs "Walsh, 70,"
            return same_anchor(x.anchor, y.anchor)
        return (x.unit is None and next_word(a, x) == y.unit) or (y.unit is None and next_word(b, y) == x.unit)
    return True


#: words that make a date the start of an open period ("since October", "ever since 2019")
PERIOD_START = frozenset({"since"})


def period_start(side: Side, fact: Fact) -> bool:
    """Whether a date opens a period that runs to now ("since October"), rather than dating a point in it;
    read from the word before the date (or its first word, when the fact includes it)."""
    first = fact.text.split()[0].lower() if fact.text.split() else ""
    before = side.text[max(0, fact.start - 12):fact.start].split()
    return first in PERIOD_START or bool(before) and before[-1].lower() in PERIOD_START


def date_tense(side: Side, fact: Fact) -> str | None:
    """"past", "future" or None: the tense of the clause a date sits in
    (:func:`comparator.facts.tense.clause_tense`), None without a parse."""
    from comparator.facts.tense import clause_tense

    if side.span is None:
        return None
    toks = [t for t in side.span if fact.start <= t.idx < fact.end]
    return clause_tense(toks[0].doc[toks[0].i:toks[-1].i + 1]) if toks else None


def _later(a: Side, x: Fact, b: Side, y: Fact) -> bool:
    return infinitive(a, x) and not infinitive(b, y) and date_tense(b, y) == "past"


def infinitive(side: Side, fact: Fact) -> bool:
    """Whether a date hangs on a to-infinitive under a past verb ("voted on Wednesday to close the branch
    at the end of June"): it dates the infinitive's event, which comes after the past one."""
    toks = [t for t in side.span if fact.start <= t.idx < fact.end] if side.span is not None else []
    if not toks:
        return False
    tok = min(toks, key=lambda t: abs(t.i - t.head.i) if t.head not in toks else 99)
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and tok not in toks:
            return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.head.tag_ == "VBD"
        if tok.head is tok:
            return False
        tok = tok.head
    return False


def two_events(a: Side, x: Fact, b: Side, y: Fact) -> bool:
    """Whether two dates hang on other verbs about other participants ("cast the vote" / "will close
    the branch"); "the House voted Wednesday" / "followed by the House on Thursday" share the House, and
    "will vote" / "voted" share the verb: one event, whose date is compared (see
    :func:`comparator.detect.sameness.event_of`)."""
    from comparator.detect.sameness import event_of

    vx, about_x = event_of(a, x)
    vy, about_y = event_of(b, y)
    return vx is not None and vy is not None and vx != vy and not ({stem(w) for w in about_x}
                                                                    & {stem(w) for w in about_y})


_YMD = re.compile(r"(\d{4}|-)-(\d{2})(?:-(\d{2}))?|(\d{4})")


def _ymd(normal: str) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of a date fact's normal form ("2026-02-10", "--11", "2025-10", "2019"), or None."""
    m = _YMD.fullmatch(normal)
    if m is None:
        return None
    if m.group(4):
        return int(m.group(4)), None, None
    year = int(m.group(1)) if m.group(1) != "-" else None
    return year, int(m.group(2)), int(m.group(3)) if m.group(3) else None


def inside_period(since: Fact, point: Fact, published: str | None) -> bool:
    """Whether the date ``point`` falls in the period that runs from ``since`` to publication ("since
    October" holds "in November"; "since May 10" does not hold "on May 1"). Months without a year are
    ordered back from the publication month (in February, October comes before November, both before
    February). False when either date cannot be read."""
    s, p = _ymd(since.normal), _ymd(point.normal)
    if s is None or p is None:
        return False
    if s[0] is not None and p[0] is not None:
        return (p[0], p[1] or 0, p[2] or 0) >= (s[0], s[1] or 0, s[2] or 0)
    if s[1] is None or p[1] is None:
        return False
    pub = _ymd(published[:10]) if published else None
    shift = pub[1] if pub and pub[1] else 12

    def key(d: tuple[int | None, int | None, int | None]) -> tuple[int, int]:
        return ((d[1] or 0) - shift - 1) % 12, d[2] or 0

    return key(p) >= key(s)


def next_word(side: Side, fact: Fact) -> str | None:
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


def window(side: Side, fact: Fact, size: int = 6) -> set[str]:
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


def near_agreed(side: Side, fact: Fact, agreed: dict[str, Fact], chars: int = 60) -> set[str]:
    return {n for n, f in agreed.items() if abs(f.start - fact.start) <= chars and f is not fact}


def role_score(a: Side, x: Fact, fa: list[Fact], agreed_a: dict[str, Fact],
                b: Side, y: Fact, fb: list[Fact], agreed_b: dict[str, Fact]) -> float:
    """How sure it is that x and y fill the same role (0-1)."""
    score = 0.0
    anchored = same_anchor(x.anchor, y.anchor)
    if anchored:
        score += 0.4
        if x.kind != "name" and lone_anchor(x, fa, agreed_a) and lone_anchor(y, fb, agreed_b):
            score += 0.2  # the only open figure counting "genes" on each side
    elif x.kind == "ordinal":
        return 0.0  # "second judge" vs "first (of two requests)": only the same noun counts
    elif x.kind != "name":  # each anchor shows up in the other claim: "found abandoned June 15" / "found June 25"
        score += 0.1 * (has_lemma(b, x.anchor) + has_lemma(a, y.anchor))
    if x.kind == "name":
        if one_word_apart(x, y) and x.unit not in PERSONAL:
            return 0.9
        if placelike(x, y):
            return 0.9  # past same_thing: spelled alike, on the same noun ("in Norfolk" / "in Norwalk")
        gx, gy = name_key(str(x.value)).split(), name_key(str(y.value)).split()
        same_given = len(gx) >= 2 and len(gy) >= 2 and gx[:-1] == gy[:-1] or other_given(x, y)
        lone = anchored and len(open_facts(x, fa, agreed_a)) == 1 and len(open_facts(y, fb, agreed_b)) == 1 \
            and honorific(a, x) and honorific(b, y)
        if not same_given and not distinct_people(a, x, b, y, lone):
            return 0.0
        if same_given:
            score += 0.45  # "Rick Perry" vs "Rick Villeneuve": same given name, another surname
    wa, wb = window(a, x), window(b, y)
    if wa and wb:
        score += 0.4 * len(wa & wb) / min(len(wa), len(wb))
    open_a, open_b = open_facts(x, fa, agreed_a), open_facts(y, fb, agreed_b)
    if len(open_a) == 1 and len(open_b) == 1:
        score += SINGLE_BONUS  # the only unmatched fact of its kind on both sides
        if x.kind in ("date", "time"):
            score += 0.15  # aligned claims with one date each date the same event
    if near_agreed(a, x, agreed_a) & near_agreed(b, y, agreed_b):
        score += 0.2
    if x.kind != "name" and len(open_a) == 1 and len(open_b) == 1 \
            and (neighbour(a, x, -1) or 1) == (neighbour(b, y, -1) or 2):
        score += 0.1  # the only open figures, after the same word: "within 90 days" / "within 60 days"
    return min(score, 1.0)


def neighbour(side: Side, fact: Fact, step: int) -> str | None:
    """The lower-cased word just before (step -1) or after (step 1) a fact, punctuation skipped."""
    text = side.claim.text
    rel_start, rel_end = fact.start - side.claim.start, fact.end - side.claim.start
    words = (text[:rel_start].split() if step < 0 else text[rel_end:].split())
    words = [w.strip(".,;:!?\"'()[]").lower() for w in words]
    words = [w for w in words if w]
    if not words:
        return None
    return words[-1] if step < 0 else words[0]


def lone_anchor(x: Fact, facts: list[Fact], agreed: dict[str, Fact]) -> bool:
    """Whether x is the only open fact of its kind hanging on its anchor."""
    return not any(f is not x and f.kind == x.kind and agreed.get(f.normal) is not f
                   and same_anchor(f.anchor, x.anchor) for f in facts)


def has_lemma(side: Side, lemma: str | None) -> bool:
    if not lemma or side.span is None:
        return False
    return any(stem(t.lemma_) == stem(lemma) for t in side.span)


#: irregular plurals spaCy's lemmatiser keeps as they are
_PLURALS = {"people": "person", "persons": "person", "children": "child", "men": "man", "women": "woman"}


def stem(word: str) -> str:
    """'marines' ~ 'marine', 'people' ~ 'person': anchors compared without a plural ending."""
    w = _PLURALS.get(word.lower(), word.lower())
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


def one_word_apart(x: Fact, y: Fact) -> bool:
    """'Russell 2000 index' vs 'Russell 2003 index': the same name but for one number."""
    wx, wy = name_key(str(x.value)).split(), name_key(str(y.value)).split()
    diff = [(p, q) for p, q in zip(wx, wy) if p != q]
    return len(wx) == len(wy) >= 2 and len(diff) == 1 and any(ch.isdigit() for ch in diff[0][0] + diff[0][1])


def placelike(x: Fact, y: Fact) -> bool:
    """One of two names is a place and the other a place or an organisation (NER often calls a little-known
    town an ORG): compared as places when spelled alike and hung on the same noun."""
    return (x.unit in PLACES or y.unit in PLACES) and {x.unit, y.unit} <= set(PLACES) | {"ORG"}


def other_given(x: Fact, y: Fact) -> bool:
    """'Wendy Marlow' / 'Debbie Marlow', 'Matthew Harrowgate' (ORG) / 'Matthew Whitley' (PERSON): two full
    names of which NER calls at least one a person, sharing exactly one of given name and surname."""
    kx, ky = name_key(str(x.value)).split(), name_key(str(y.value)).split()
    return len(kx) >= 2 and len(ky) >= 2 and (kx[-1] == ky[-1]) != (kx[0] == ky[0]) \
        and "PERSON" in (x.unit, y.unit) and {x.unit, y.unit} <= {"PERSON", "ORG"}


def given(f: Fact) -> str | None:
    """Given names of a multi-word name ("Rick" of "Gov. Rick Perry")."""
    words = name_key(str(f.value)).split()
    return " ".join(words[:-1]) if len(words) >= 2 else None


#: courtesy titles written before a surname only ("Ms Ward", never "Ms Fatima" in news copy)
_SURNAME_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof"})


def honorific(side: Side, fact: Fact) -> bool:
    """Whether a one-word name follows a courtesy title, inside its span or just before it."""
    words = fact.text.split()
    before = side.text[:fact.start].split()
    word = words[0] if len(words) > 1 else (before[-1] if before else "")
    return word.lower().rstrip(".") in _SURNAME_TITLES


def distinct_people(a: Side, x: Fact, b: Side, y: Fact, lone: bool = False) -> bool:
    """Names whose surname the other claim never uses: not "Saddam" vs "Hussein".

    Two one-word names count only when ``lone``: each is the only unmatched person
    of its claim and both fill the same grammatical role ("Ms Ward said" / "Ms Reid said").
    """
    kx, ky = name_key(str(x.value)).split(), name_key(str(y.value)).split()
    if not kx or not ky or (len(kx) < 2 and len(ky) < 2 and not lone):
        return False
    return kx[-1] not in name_key(b.claim.text).split() and ky[-1] not in name_key(a.claim.text).split()


def open_facts(x: Fact, facts: list[Fact], agreed: dict[str, Fact]) -> list[Fact]:
    """The facts of x's kind on its side that agree with nothing on the other side (x included)."""
    return [f for f in facts if f is x or (
        f.kind == x.kind and agreed.get(f.normal) is not f and not f.normal.startswith("rel:")
        and (f.kind != "name" or f.unit in PERSONAL))]


def same_anchor(x: str | None, y: str | None) -> bool:
    """'marines' ~ 'marine', 'shiite' ~ "shi'ite": anchors equal up to plural and spelling."""
    if not x or not y:
        return False
    from rapidfuzz import fuzz

    sx, sy = stem(x), stem(y)
    return sx == sy or (min(len(sx), len(sy)) >= 5 and fuzz.ratio(sx, sy) >= 85)
