"""Per event, per outlet: the counts the corpus aggregates add up across events.

One long table (``outlet_events``: article, outlet, metric, category, value) so
every statistic is a ratio of sums over events (see :mod:`.aggregates`):

- ``own_words``: words in the outlet's own-voice (authorial), non-boilerplate sentences;
- ``loaded_own`` (category = lexicon category): loaded-language spans in own voice;
- ``shared_facts``: claim groups the outlet shares with at least one other outlet
  (alignment components, :func:`comparator.groups.alignment_components`);
- ``omitted``: facts other outlets report that the omission detector says it leaves out;
- ``compared_facts``: ``shared_facts + omitted`` (the omission rate's denominator;
  claims neither aligned nor found omitted are "not compared", never counted as omitted);
- ``divergent``: shared facts (as above) on which the outlet diverges from another outlet, each
  counted once however many outlets it diverges from and however many findings say so (so it
  never exceeds ``shared_facts``; a finding whose claim is in no shared fact is not counted);
- ``quotes`` (category = source type, see :func:`source_type`): quoted sentences;
- ``lede_late``: 1 when another outlet reports the outlet's lede only in its bottom half
  (the ``emphasis`` detector); ``events``: 1 (the denominator of per-event rates).

Plus ``labels`` (the framing map: how each outlet describes each entity in its
own voice) and ``leads`` (each outlet's lede and the entities in it).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison

__all__ = ["COLUMNS", "event_tables", "source_type"]

COLUMNS: dict[str, dict[str, str]] = {
    "outlet_events": {"article": "string", "outlet": "string", "metric": "string", "category": "string",
                      "value": "Float64"},
    "labels": {"article": "string", "outlet": "string", "entity": "string", "entity_label": "string",
               "label": "string", "kind": "string", "category": "string"},
    "leads": {"article": "string", "outlet": "string", "lede": "string", "entities": "string"},
    "sourcing": {"article": "string", "outlet": "string", "source": "string", "speaker": "string",
                 "source_type": "string", "quotes": "Int64"},
}
_ORGANISATION = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})


def source_type(entity_label: str | None) -> str:
    """``named person`` (spaCy PERSON), ``organisation`` (ORG, GPE, NORP, FAC, LOC), else ``unnamed or role``.

    A speaker no entity resolves to ("a DHS spokesperson", "officials") is
    ``unnamed or role``: comparator does not guess whom a role stands for.
    """
    if entity_label == "PERSON":
        return "named person"
    if entity_label in _ORGANISATION:
        return "organisation"
    return "unnamed or role"


def _words(text: str) -> int:
    return len(text.split())


def event_tables(comp: "Comparison") -> dict[str, list[dict[str, Any]]]:
    """The per-event rows of :data:`COLUMNS`'s tables for one comparison."""
    from comparator.groups import alignment_components

    outlet = {a.id: a.outlet for a in comp.articles}
    entity = {e.id: e for e in comp.entities}
    counts: Counter[tuple[str, str, str]] = Counter()
    for a in comp.articles:
        counts[(a.id, "events", "")] = 1
        counts[(a.id, "own_words", "")] += 0
    for c in comp.claims:
        if not c.boilerplate and c.voice == "authorial":
            counts[(c.article, "own_words", "")] += _words(c.text)
    fact_of: dict[str, str] = {}  # claim id -> its shared fact (alignment component)
    for n, group in enumerate(alignment_components(comp, singletons=False)):
        arts = {cid.split(":", 1)[0] for cid in group}
        if len({outlet.get(a) for a in arts}) < 2:
            continue
        fact_of.update((cid, f"fact{n}") for cid in group)
        for a in arts:
            counts[(a, "shared_facts", "")] += 1
            counts[(a, "compared_facts", "")] += 1
    divergent: set[tuple[str, str]] = set()  # (article, fact): once per fact, however many outlet pairs
    for f in comp.findings:
        details = f.details or {}
        if f.kind == "loaded_language":
            for e in f.evidence:
                if e.voice == "authorial":
                    counts[(e.article, "loaded_own", str(details.get("category") or "uncategorised"))] += 1
        elif f.kind == "omission":
            for a in details.get("missing_from") or ():
                counts[(a, "omitted", "")] += 1
                counts[(a, "compared_facts", "")] += 1
        elif f.kind == "divergent_fact":
            for e in f.evidence:
                if e.claim and e.claim in fact_of:  # a fact outside the shared ones is not in the rate
                    divergent.add((e.article, fact_of[e.claim]))
        elif f.kind == "emphasis" and details.get("lead_article"):
            counts[(str(details["lead_article"]), "lede_late", "")] = 1
    for a, _fact in divergent:
        counts[(a, "divergent", "")] += 1
    sourcing = []
    for row in comp.extras.get("sourcing", ()) or ():
        ent = entity.get(row.get("entity") or "")
        kind = source_type(ent.label if ent else None)
        counts[(row["article"], "quotes", kind)] += int(row.get("quotes") or 0)
        sourcing.append({"article": row["article"], "outlet": outlet.get(row["article"]),
                         "source": row.get("source"), "speaker": row.get("speaker"), "source_type": kind,
                         "quotes": int(row.get("quotes") or 0)})
    metrics = [{"article": a, "outlet": outlet.get(a, a), "metric": m, "category": cat or None, "value": float(v)}
               for (a, m, cat), v in sorted(counts.items()) if a in outlet]
    labels = []
    for lab in comp.extras.get("labels", ()) or ():
        if lab.get("voice") != "authorial":
            continue
        ent = entity.get(lab.get("entity") or "")
        labels.append({"article": lab["article"], "outlet": outlet.get(lab["article"]),
                       "entity": ent.name if ent else None, "entity_label": ent.label if ent else None,
                       "label": " ".join(str(lab["text"]).lower().split()), "kind": lab.get("kind"),
                       "category": lab.get("category")})
    return {"outlet_events": metrics, "labels": labels, "leads": _leads(comp), "sourcing": sourcing}


def _leads(comp: "Comparison") -> list[dict[str, Any]]:
    by_claim: dict[str, list[str]] = {}
    for ent in comp.entities:
        for m in ent.mentions:
            by_claim.setdefault(m.claim, []).append(ent.name)
    rows = []
    for a in comp.articles:
        body = sorted((c for c in comp.claims_of(a.id) if not c.boilerplate), key=lambda c: c.start)
        if not body:
            continue
        lede = body[0]
        rows.append({"article": a.id, "outlet": a.outlet, "lede": lede.text,
                     "entities": "; ".join(sorted(set(by_claim.get(lede.id, ()))))})
    return rows
