"""Whether an outlet states a fact's value slot: then it does not leave the fact out.

An omission says "this outlet does not report it". When the outlet does report
the fact's value -- the same date, amount or count in a sentence that the
alignment did not join to the fact, or another value for the same slot (a
divergence, not an omission) -- that is false. The slots are the ones the
divergence detector reads (:mod:`comparator.detect.sameness`,
:mod:`comparator.facts`); an outlet is not charged when one of its story claims

* states every distinctive value of a carrier's claim (a date or a number written
  with digits: "March 1", "$4.2 million", "320"; not a weekday, a bare year or a
  one-digit count), each the very same value (:func:`same_value`; a day of a month,
  an amount in its unit -- not a merely compatible one): "The
  first residents are expected to move in on March 1." is said by "The shelter
  is to open on March 1.";
* states a value that a ``divergent_fact`` finding of type number or date sets
  against such a claim's value: "mid-March" against that "March 1" is the slot
  told otherwise;
* states another value of the same kind (and unit, for amounts) for the same thing as a
  carrier's distinctive value (:func:`comparator.detect.sameness.same_thing`
  surely, 2) with the same anchor noun or the same (not light) verb -- a shared
  subject alone is not enough -- in a sentence the alignment did not join: "The shelter opens on March 1." / "The shelter opens
  in mid-March.".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from comparator.facts import facts_agree
from comparator.types import Claim, Fact

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context
    from comparator.detect.roles import Side

__all__ = ["VALUE_KINDS", "distinctive", "same_value", "slot_claim"]

#: fact kinds that hold a value an outlet can state or tell otherwise
VALUE_KINDS = ("date", "quantity", "money", "percent")
#: smallest count that identifies a fact by its value ("two showers" is said of many things)
MIN_VALUE = 10
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


def distinctive(fact: Fact) -> bool:
    """Whether a fact's value identifies the fact: written with digits, a date with its month (not a
    bare year), a number of at least :data:`MIN_VALUE` that is not a year."""
    if fact.kind not in VALUE_KINDS or not any(ch.isdigit() for ch in fact.text):
        return False
    if fact.kind == "date":
        return not fact.normal.startswith("rel:") and fact.unit in ("day", "month", "week") \
            and not _YEAR.match(fact.text.strip())
    if _YEAR.match(fact.text.strip()):
        return False
    return isinstance(fact.value, (int, float)) and abs(float(fact.value)) >= MIN_VALUE


def same_value(f: Fact, g: Fact) -> bool:
    """Whether two distinctive facts state the very same value: the same amount in the same unit, or
    the same day of the same month (a year stated on one side only is allowed: "March 1" /
    "March 1, 2026"). Not mere compatibility: "about 140" is not "more than 150"."""
    if f.kind != g.kind or not distinctive(g):
        return False
    if f.kind == "date":
        df, dg = _ymd(f.normal), _ymd(g.normal)
        if df is None or dg is None or df[1:] != dg[1:] or None in df[1:]:
            return False
        return df[0] is None or dg[0] is None or df[0] == dg[0]
    if float(f.value) != float(g.value):
        return False
    if (f.unit or None) != (g.unit or None):  # "160 rooms" / "a 160-room hotel": one count of rooms
        from comparator.detect.fact_pairs import count_noun
        from comparator.detect.roles import stem

        nf, ng = count_noun(f), count_noun(g)
        return f.kind == "quantity" and nf is not None and ng is not None and stem(nf) == stem(ng)
    return facts_agree(f, g) is True


def _ymd(normal: str) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of a resolved day's normal form ("2026-03-01", "--03-01"), else None."""
    m = re.fullmatch(r"(\d{4}|-)-(\d\d)-(\d\d)", normal.strip())
    if not m:
        return None
    return (int(m.group(1)) if m.group(1) != "-" else None), int(m.group(2)), int(m.group(3))


def _states_all(claim: Claim, values: list[Fact]) -> bool:
    return all(any(same_value(f, g) for g in claim.facts) for f in values)


def slot_claim(comp: "Comparison", ctx: "Context", group: list[Claim], article_id: str) -> str | None:
    """The id of a story claim of ``article_id`` that states the value slot of the fact ``group`` (its
    carriers' claims), or None (see the module docstring for the three ways)."""
    carriers = [c for c in group if c.article != article_id]
    values = {c.id: [f for f in c.facts if distinctive(f)] for c in carriers}
    values = {k: v for k, v in values.items() if v}
    if not values:
        return None
    theirs = [c for c in comp.claims_of(article_id) if not c.boilerplate and c.kind != "headline"]
    for cid, vs in values.items():
        for o in theirs:
            if _states_all(o, vs):
                return o.id
    told = _told_otherwise(comp, ctx, values, article_id)
    if told is not None:
        return told
    return _same_slot(comp, ctx, carriers, values, theirs)


def _told_otherwise(comp: "Comparison", ctx: "Context", values: dict[str, list[Fact]], article_id: str) -> str | None:
    """A claim of ``article_id`` whose value a number/date divergence sets against a claim that states
    all of a carrier's distinctive values."""
    from comparator.detect.divergence import find_divergences

    for d in find_divergences(comp, ctx):
        if d.kind != "divergent_fact" or d.details.get("type") not in ("number", "date") or len(d.evidence) != 2:
            continue
        for mine, other in ((d.evidence[0], d.evidence[1]), (d.evidence[1], d.evidence[0])):
            if mine.article != article_id or other.article == article_id or not mine.claim or not other.claim:
                continue
            oc = comp.claim(other.claim)
            if any(_states_all(oc, vs) for vs in values.values()):
                return mine.claim
    return None


def _same_slot(comp: "Comparison", ctx: "Context", carriers: list[Claim], values: dict[str, list[Fact]],
               theirs: list[Claim]) -> str | None:
    """A claim of the outlet with a distinctive value of the same kind and unit for surely the same thing
    (:func:`same_thing` == 2) as a carrier's distinctive value."""
    from comparator.detect.divergence import _side
    from comparator.detect.sameness import same_thing

    by_id = {c.id: c for c in carriers}
    for cid, vs in values.items():
        a = _side(comp, ctx, by_id[cid])
        for o in theirs:
            ys = [g for g in o.facts if g.kind in VALUE_KINDS and not g.normal.startswith("rel:")]
            if not ys:
                continue
            b = None
            for x in vs:
                for y in ys:
                    if y.kind != x.kind or (x.kind != "date" and (y.unit or None) != (x.unit or None)):
                        continue
                    b = b or _side(comp, ctx, o)
                    if same_thing(a, x, b, y, 0.0) == 2 and _same_predicate(a, x, b, y):
                        return o.id
    return None


def _same_predicate(a: "Side", x: Fact, b: "Side", y: Fact) -> bool:
    """The same counted noun or event noun (the facts' anchors), or the same verb that is not a light
    one: a shared subject alone ("Blumenthal will face ... on August 10" / "Blumenthal stated in a March
    debate") is not the same slot in sentences no alignment joins."""
    from comparator.detect.roles import same_anchor
    from comparator.detect.sameness import _LIGHT, event_of

    if x.anchor and y.anchor and same_anchor(x.anchor, y.anchor):
        return True
    vx, vy = event_of(a, x)[0], event_of(b, y)[0]
    return vx is not None and vx == vy and vx not in _LIGHT
