"""The ranked list of differences at the top of the report: a documented score, one reason each.

Score of a finding (higher first)::

    score = (KIND_WEIGHT[kind] + bonuses) * (0.5 + 0.5 * confidence)

Bonuses (added before the confidence factor):

- ``LEAD_BONUS`` when its evidence touches a *lead fact* (a fact group holding
  some outlet's lede) -- for divergences, omissions and wordings (not for a
  detail one outlet adds: that stays minor even on a lead fact);
- ``HEADLINE_BONUS`` when its evidence lies in a headline (labels, loaded terms, wording, and
  divergences between headlines, ``details.headline``);
- ``ATTRIBUTION_BONUS`` for a quotation credited to different speakers;
- for an omission, ``CARRIER_BONUS`` times the share of the other outlets that
  carry the fact (a fact most outlets report and one leaves out ranks above one
  two of seven carry).

Severity is not used: it is highest exactly where precision is lowest (a
divergence is an error whether or not the pairing is right). Not ranked at all:
divergences whose two spans read the same or one contains the other
("Tuesday" / "Tuesday": the difference, if real, is in context a one-line item
cannot show); omissions carried by one outlet alone (those are "only in X" facts, folded
under the matrix and named in the outlet's profile). Duplicates collapse: a
finding of the same family (labels, loaded terms and rewordings; divergences and
details) whose evidence spans all lie inside a higher-ranked finding's spans, or
or a rewording whose changed words lie inside a higher-ranked divergence's spans ("approved" /
"rejected" told as a status contradiction), or
that states the same difference between another pair of outlets
(:func:`same_difference`: the same two values, qualifiers aside ("about $1.2 million" /
"$1.2 million"), the same missing detail, the same loaded term), is listed under it (``also``), not as its own item. The list holds
at most ``PER_KIND`` items of one kind while other kinds have items to show. Ties break on kind order
(:data:`comparator.types.FINDING_KINDS`), then the first evidence's article
order and offset, then the finding id: the same report gives the same list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

from comparator.types import FINDING_KINDS, Claim, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.groups import FactGroup

__all__ = ["KIND_WEIGHT", "RANKED", "RankedItem", "rank_differences", "score_of"]

#: Most ranked differences shown.
RANKED = 10
#: At most this many of one kind while other kinds have differences to show.
PER_KIND = 4
KIND_WEIGHT: dict[str, float] = {
    "divergent_fact": 3.0, "framing_label": 2.0, "emphasis": 2.0, "omission": 1.5, "sourcing": 1.2,
    "loaded_language": 1.2, "wording": 1.0, "detail_only": 0.8, "syndicated": 0.5,
}
LEAD_BONUS = 2.0
HEADLINE_BONUS = 1.5
ATTRIBUTION_BONUS = 1.0
CARRIER_BONUS = 1.0
#: Kinds that can say the same thing about the same words (a label, a loaded term, a rewording).
_FAMILY = {"framing_label": "words", "loaded_language": "words", "wording": "words",
           "divergent_fact": "facts", "detail_only": "facts"}
_LEAD_KINDS = ("divergent_fact", "omission", "wording")  # a missing detail stays minor, even on a lead fact
_HEADLINE_KINDS = ("framing_label", "loaded_language", "wording")


@dataclass(frozen=True)
class RankedItem:
    rank: int  # from 1
    finding: str
    also: tuple[str, ...]  # findings collapsed into this one
    kind: str
    score: float
    reason: str  # one line: why it ranks here
    message: str
    articles: tuple[str, ...]
    claim: str | None  # the claim holding its first evidence

    def to_dict(self) -> dict[str, Any]:
        return {"rank": self.rank, "finding": self.finding, "also": list(self.also), "kind": self.kind,
                "score": round(self.score, 4), "reason": self.reason, "message": self.message,
                "articles": list(self.articles), "claim": self.claim}


def _outlets(comp: "Comparison", ids: Any) -> str:
    names = [a.outlet for a in comp.articles if a.id in set(ids)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else "an outlet"


def score_of(comp: "Comparison", f: Finding, lead_claims: set[str], headline_claims: set[str],
             omissions: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]) -> tuple[float, str] | None:
    """``(score, reason)`` of one finding, or None when it is not ranked (see the module docstring)."""
    details = f.details if isinstance(f.details, Mapping) else {}
    claims = {e.claim for e in f.evidence if e.claim}
    lead = bool(claims & lead_claims) and f.kind in _LEAD_KINDS
    headline = bool(claims & headline_claims) and (f.kind in _HEADLINE_KINDS or bool(details.get("headline")))
    bonus = LEAD_BONUS * lead + HEADLINE_BONUS * headline
    fact = "a lead fact" if lead else "a fact"
    if f.kind == "omission":
        carried, missing = omissions.get(f.id, ((), ()))
        if len(carried) < 2 or not missing:
            return None
        others = max(1, len(comp.articles) - 1)
        bonus += CARRIER_BONUS * min(1.0, (len(carried)) / others)
        reason = f"{len(carried)} of {len(comp.articles)} outlets report {fact} that {_outlets(comp, missing)} " \
                 f"{'leaves' if len(missing) == 1 else 'leave'} out"
    elif f.kind == "divergent_fact":
        if _reads_the_same(f):
            return None
        kind = details.get("type")
        if kind == "attribution":
            bonus += ATTRIBUTION_BONUS
            reason = "A quotation credited to different speakers"
        elif kind == "quote_wording":
            reason = "The same quotation in different words"
        else:
            what = details.get("fact") or details.get("kind")
            reason = f"Outlets disagree on {fact}" + (f" ({what})" if what else "") + (" in a headline" if headline else "")
    elif f.kind == "emphasis":
        lead_article = details.get("lead_article")
        reason = f"A fact only {_outlets(comp, [lead_article])} leads with" if lead_article else "A fact one outlet leads with"
    elif f.kind == "framing_label":
        names = {e.id: e.name for e in comp.entities}
        what = details.get("concept") or names.get(f.entity or "", "") or "the same subject"
        reason = f"A headline label for {what}" if headline else f"Outlets name {what} differently"
    elif f.kind == "loaded_language":
        reason = "A loaded term in a headline" if headline else "A loaded term in the outlet's own voice"
    elif f.kind == "sourcing":
        reason = "A source only some outlets quote"
    elif f.kind == "wording":
        reason = "A headline worded differently" if headline else "The same sentence in different words"
    elif f.kind == "detail_only":
        reason = "A detail only one outlet gives"
    else:
        reason = f"{f.kind.replace('_', ' ').capitalize()}"
    weight = KIND_WEIGHT.get(f.kind, 0.5)
    return (weight + bonus) * (0.5 + 0.5 * max(0.0, min(1.0, f.confidence))), reason


def _reads_the_same(f: Finding) -> bool:
    """Two fact spans whose words are the same, or one inside the other ("Tuesday" / "Tuesday",
    "Harborview Inn" / "Harborview Inn to Port Alder County"): the disagreement, if any, lies in
    context a one-line item cannot show, so it is not put in front of an editor first. A status
    ("arrested" / "No one has been arrested") shows its negation in its own span and is always ranked."""
    if f.details.get("type") in ("attribution", "quote_wording", "status") if isinstance(f.details, Mapping) else False:
        return False
    texts = [" ".join(e.text.lower().split()) for e in f.evidence[:2]]
    if len(texts) < 2 or not all(texts):
        return False
    a, b = texts
    return a == b or a in b or b in a


def _spans(f: Finding) -> frozenset[tuple[str, int, int]]:
    return frozenset((e.article, e.start, e.end) for e in f.evidence)


def same_difference(f: Finding) -> tuple | None:
    """What a finding says, independent of which pair of outlets says it: the same disagreement
    ("end of June" against "Wednesday") between other outlets is the same difference."""
    d = f.details if isinstance(f.details, Mapping) else {}
    if f.kind == "divergent_fact" and isinstance(d.get("normal"), (list, tuple)):
        quals = d.get("qualifier") if isinstance(d.get("qualifier"), (list, tuple)) else ()
        values = [_unqualified(str(v), quals[k] if k < len(quals) else None) for k, v in enumerate(d["normal"])]
        if d.get("kind") == "quantity":  # "a 320-bed shelter" ("bed 320") and "320 beds" ("320") are one figure
            values = [v.split(" ", 1)[1] if " " in v and v.split(" ", 1)[0].isalpha() else v for v in values]
        return (f.kind, d.get("type"), frozenset(values))
    if f.kind == "divergent_fact" and isinstance(d.get("speaker"), (list, tuple)):
        return (f.kind, "attribution", frozenset(str(v) for v in d["speaker"]))
    if f.kind == "detail_only" and isinstance(d.get("facts"), (list, tuple)):
        return (f.kind, frozenset(str(x.get("normal")) for x in d["facts"] if isinstance(x, Mapping)),
                d.get("carried_by"))
    if f.kind == "loaded_language" and d.get("term"):
        return (f.kind, d.get("term"), tuple(sorted({e.article for e in f.evidence})))
    return None


def _unqualified(normal: str, qualifier: Any) -> str:
    """A value's normal form without its qualifier ("about USD 1200000" -> "USD 1200000"): "about $1.2
    million" against "$1.5 million" is the same difference as "$1.2 million" against it."""
    if isinstance(qualifier, str) and qualifier and normal.startswith(qualifier + " "):
        return normal[len(qualifier) + 1:]
    return normal


def _inside(small: frozenset, big: frozenset) -> bool:
    return bool(small) and all(any(a == b and s >= bs and e <= be for b, bs, be in big) for a, s, e in small)


def rank_differences(comp: "Comparison", groups: "tuple[FactGroup, ...]", lede: Mapping[str, Claim],
                     omissions: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]],
                     n: int = RANKED) -> tuple[RankedItem, ...]:
    """The ``n`` most important differences of ``comp`` (see the module docstring)."""
    lead_groups = [g for g in groups if any(c.id in g.claims for c in lede.values())]
    lead_claims = {cid for g in lead_groups for cid in g.claims} | {c.id for c in lede.values()}
    headline_claims = {c.id for c in comp.claims if c.kind == "headline"}
    order = {a.id: i for i, a in enumerate(comp.articles)}
    kind_rank = {k: i for i, k in enumerate(FINDING_KINDS)}
    scored = []
    for f in comp.findings:
        got = score_of(comp, f, lead_claims, headline_claims, omissions)
        if got is None:
            continue
        first = f.evidence[0] if f.evidence else None
        key = (-round(got[0], 9), kind_rank.get(f.kind, len(kind_rank)),
               order.get(first.article, 99) if first else 99, first.start if first else -1, f.id)
        scored.append((key, got, f))
    scored.sort(key=lambda t: t[0])
    items: list[tuple[tuple[float, str], Finding, list[str]]] = []
    by_place: dict[tuple[str, str], list[int]] = {}  # (family, claim or article) -> items citing it
    by_same: dict[tuple, int] = {}
    for _, got, f in scored:
        spans, same = _spans(f), same_difference(f)
        family = _FAMILY.get(f.kind, f.kind)
        host = by_same.get(same) if same is not None else None
        if host is None and f.evidence:
            place = f.evidence[0].claim or f.evidence[0].article
            # a rewording whose words are a divergence's own ("approved" / "rejected" told as a status
            # contradiction) is that divergence, not a second item
            for fam in (family, "facts") if f.kind == "wording" else (family,):
                host = next((i for i in by_place.get((fam, place), ()) if _inside(spans, _spans(items[i][1]))),
                            None)
                if host is not None:
                    break
        if host is not None:
            items[host][2].append(f.id)
            continue
        items.append((got, f, []))
        for place in {e.claim or e.article for e in f.evidence}:
            by_place.setdefault((family, place), []).append(len(items) - 1)
        if same is not None:
            by_same[same] = len(items) - 1
    # at most PER_KIND of one kind in the list while other kinds wait; then fill by score
    kept, seen = [], {}  # type: ignore[var-annotated]
    for item in items:
        if len(kept) < n and seen.get(item[1].kind, 0) < PER_KIND:
            kept.append(item)
            seen[item[1].kind] = seen.get(item[1].kind, 0) + 1
    chosen = {id(item) for item in kept}
    kept += [item for item in items if id(item) not in chosen][: n - len(kept)]
    position = {id(item): i for i, item in enumerate(items)}
    kept.sort(key=lambda item: position[id(item)])
    out = []
    for rank, ((score, reason), f, also) in enumerate(kept, start=1):
        arts = tuple(a.id for a in comp.articles if a.id in {e.article for e in f.evidence}
                     or a.id in omissions.get(f.id, ((), ()))[0])
        out.append(RankedItem(rank=rank, finding=f.id, also=tuple(also), kind=f.kind, score=round(score, 4),
                              reason=reason, message=f.message, articles=arts,
                              claim=f.evidence[0].claim if f.evidence else None))
    return tuple(out)
