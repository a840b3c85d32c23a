"""``framing_label``: an entity, group or event that outlets describe with different labels or terms."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from comparator.framing import labels_of
from comparator.framing.common import lexicon, lower_det, quote_text, someone
from comparator.framing.labels import LOADED_ORDER
from comparator.framing.subjects import outlet_subjects
from comparator.types import Evidence, Finding, Label

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context

#: Label categories that make a label loaded (appointment facts are not).
LOADED = tuple(c for c in LOADED_ORDER if c != "appointment")
SAME_LABEL = 85  # rapidfuzz token_sort_ratio at which two labels count as the same wording


def _normal(text: str) -> str:
    words = [w.strip(".,\u2019'\"").lower() for w in text.split()]
    return " ".join(w for w in words if w and w not in ("the", "a", "an", "this", "that", "who", "was", "is"))


def _label_key(lab: Label) -> str:
    """What a label says, for comparing outlets: an appointment is who appointed ("Obama"), not how."""
    if lab.category == "appointment":
        names = [w.strip(".,\u2019'") for w in lab.text.split()[1:] if w[:1].isupper()]
        names = [w for w in names if w.lower() not in ("president", "former", "the", "gov", "governor")]
        if names:
            return "appointed by " + names[-1].lower()
    return _normal(lab.text)


def _rank(lab: Label) -> tuple:
    cat = LOADED_ORDER.index(lab.category) if lab.category in LOADED_ORDER else len(LOADED_ORDER)
    return (cat, lab.voice != "authorial", lab.start)


def _unshared(mine: list[str], others: list[str]) -> list[str]:
    from rapidfuzz import fuzz

    # token_sort, not token_set: "judge" must not absorb "activist judge"
    return [m for m in mine if not any(fuzz.token_sort_ratio(m, o) >= SAME_LABEL for o in others)]


def _short(entity) -> str:
    if entity.label == "PERSON" and len(entity.name.split()) > 1:
        return entity.name.split()[-1]
    return entity.name


def _polarity(text: str, scores: dict) -> float:
    words = [w.strip(".,\u2019'\"").lower() for w in text.split()]
    return sum(scores.get(w, scores.get(w[:-1], 0.0) if w.endswith("s") else 0.0) for w in words)


def _entity_findings(comp: "Comparison", labels: Iterable[Label], polarity: dict) -> list[Finding]:
    by_entity: dict[str, list[Label]] = {}
    for lab in labels:
        by_entity.setdefault(lab.entity, []).append(lab)
    entities = {e.id: e for e in comp.entities}
    order = {a.id: i for i, a in enumerate(comp.articles)}
    findings = []
    for eid in sorted(by_entity):
        ent = entities.get(eid)
        if ent is None:
            continue
        labs = sorted(by_entity[eid], key=lambda l: (order[l.article], l.start))
        present = sorted({m.article for m in ent.mentions} | {l.article for l in labs}, key=order.get)
        if len(present) < 2:
            continue
        per: dict[str, list[Label]] = {a: [l for l in labs if l.article == a] for a in present}
        norms = {a: [_label_key(l) for l in ls] for a, ls in per.items()}
        unshared: list[Label] = []
        for a, ls in per.items():
            rest = [n for b in present if b != a for n in norms[b]]
            keep = set(_unshared(norms[a], rest))
            # a different job title ("Gov." vs "Governor") is not framing unless the lexicon says so
            unshared += [l for l in ls if _label_key(l) in keep and (l.kind != "role" or l.category in LOADED)]
        loaded = [l for l in unshared if l.category in LOADED]
        marked = [l for l in unshared if l.category or _polarity(l.text, polarity)]
        if not marked:
            continue  # labels differ only in neutral wording: not framing
        if any(l.voice == "authorial" for l in loaded):
            severity, confidence = "warning", 0.9
        elif loaded:
            severity, confidence = "info", 0.75
        else:
            severity, confidence = "info", 0.5
        short = _short(ent)
        parts = []
        for a in present:
            outlet = comp.article(a).outlet
            if not per[a]:
                parts.append(f"{outlet} uses no label for {short}")
                continue
            top = min(per[a], key=_rank)
            said = quote_text(lower_det(top.text))
            verb = ("describes", " as") if top.kind in ("appositive", "relative_clause") else ("calls", "")
            if top.voice == "authorial":
                parts.append(f"{outlet} {verb[0]} {short}{verb[1]} {said} in its own voice")
            else:
                parts.append(f"{outlet} quotes {someone(top.speaker)} calling {short} {said}")
        message = "; ".join(parts) + "."
        details = {
            "entity_name": ent.name,
            "categories": sorted({l.category for l in loaded if l.category}),
            "labels": {a: [{"text": l.text, "kind": l.kind, "voice": l.voice, "speaker": l.speaker,
                            "category": l.category, "claim": l.claim} for l in per[a]] for a in present},
        }
        evidence = tuple(Evidence(article=l.article, claim=l.claim, text=l.text, start=l.start, end=l.end,
                                  voice=l.voice, speaker=l.speaker)
                         for l in sorted(marked, key=lambda l: (_rank(l)[:1], order[l.article], l.start)))
        findings.append(Finding(id="", kind="framing_label", severity=severity, confidence=confidence,
                                message=message, evidence=evidence, entity=eid, details=details))
    return findings


def _warns(category: str | None) -> bool:
    """Whether a loaded label of ``category`` is a warning: style-guide entries always, lexicon
    categories when their measured precision earns it (:meth:`comparator.framing.params.Params.warns`)."""
    from comparator.framing.params import shipped

    return category == GUIDE or (category is not None and shipped().warns(category))


#: Pseudo-category of a subject label that a style guide rules on ("illegal alien").
GUIDE = "style_guide"


def _loaded_label(label: str, lex_terms: dict[str, str]) -> str | None:
    """The lexicon category of a label (or of the lexicon term it contains), if any."""
    words = label.split()
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            cat = lex_terms.get(" ".join(words[i:i + n]))
            if cat:
                return cat
    return None


def _subject_findings(comp: "Comparison", ctx: "Context") -> list[Finding]:
    """Each outlet's dominant label for each central subject, when outlets' labels differ."""
    lex = lexicon(ctx)
    lex_terms: dict[str, str] = {}
    guide_terms: dict[str, str] = {}  # the same, with style-guide entries as GUIDE (for the severity)
    for e in lex.entries:
        if not e.regex:
            for term in {e.term.lower(), e.term.lower()[:-1] if e.term.lower().endswith("s") else e.term.lower()}:
                lex_terms.setdefault(term, e.category)
                guide_terms.setdefault(term, GUIDE if e.guide else e.category)
    findings = []
    for ref, rows in outlet_subjects(comp, ctx).items():
        if len(rows) < 2:
            continue
        dominant = {r.article: r.dominant for r in rows}
        heads = {d.split()[-1] for d in dominant.values()}
        loaded = {a: _loaded_label(d, lex_terms) for a, d in dominant.items()}
        if len(set(dominant.values())) < 2:
            continue  # every outlet names it the same way
        if not any(loaded.values()) and (len(heads) < 2 or not all(
                r.total >= 2 and r.counts[0][1] * 2 > r.total for r in rows)):
            continue  # neutral labels differ only in modifiers, or no outlet has a clear habit
        parts = []
        for r in rows:
            outlet = comp.article(r.article).outlet
            top, n = r.counts[0]
            said = quote_text(next(m.text for m in r.evidence if m.label == top) if any(
                m.label == top for m in r.evidence) else top)
            other = [f"{quote_text(l)} {k}" for l, k in r.counts[1:3]]
            extra = f" (also {', '.join(other)})" if other else ""
            verb = "mostly says" if n < r.total else ("always says" if n > 1 else "says")
            count = f"{n} of {r.total}" if n < r.total else ("once" if n == 1 else f"all {n} times")
            parts.append(f"{outlet} {verb} {said} ({count}){extra}")
        message = f"Outlets name the {ref} differently: " + "; ".join(parts) + "."
        differs = any(_warns(_loaded_label(d, guide_terms)) for d in dominant.values())
        details = {"concept": ref, "dominant": dominant,
                   "counts": {r.article: dict(r.counts) for r in rows},
                   "terms": {r.article: [{"text": m.text, "voice": "authorial", "speaker": None, "normal": m.label,
                                          "category": _loaded_label(m.label, lex_terms), "claim": m.claim,
                                          "headline": m.headline} for m in r.evidence] for r in rows}}
        evidence = tuple(Evidence(article=m.article, claim=m.claim, text=m.text, start=m.start, end=m.end,
                                  voice="authorial", speaker=None) for r in rows for m in r.evidence)
        findings.append(Finding(id="", kind="framing_label", severity="warning" if differs else "info",
                                confidence=0.7 if differs else 0.5, message=message, evidence=evidence,
                                entity=None, details=details))
    return findings


def find_framing_labels(comp: "Comparison", ctx: "Context") -> list[Finding]:
    """One finding per entity whose labels differ across outlets, and per concept named differently."""
    polarity = dict(lexicon(ctx).polarity)
    return (_entity_findings(comp, labels_of(comp, ctx), polarity)
            + _subject_findings(comp, ctx))
