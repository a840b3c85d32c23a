"""``emphasis``: what an outlet leads with that other outlets report only late.

One finding per lede (not per pair of outlets): it lists every outlet that
carries the lede's fact in the bottom half of its article.

The lead is the first story sentence (the lede). A finding needs the other
outlet's aligned counterpart, in the bottom half of its article: absence is
the omission detector's call, made with its own guards, so this detector never
says "does not report it" (an unaligned lede is often paraphrased elsewhere).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from comparator.groups import alignment_components
from comparator.types import Claim, Evidence, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context

LEAD_SENTENCES = 1  # the lede: the first non-boilerplate sentence


def _body(comp: "Comparison", article_id: str) -> list[Claim]:
    return sorted((c for c in comp.claims_of(article_id) if not c.boilerplate), key=lambda c: c.start)


def _snippet(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("\u2026" if len(parts) > words else "")


def _groups(comp: "Comparison") -> dict[str, set[str]]:
    """Claim id -> every claim joined to it through a chain of alignments."""
    out: dict[str, set[str]] = {}
    for group in alignment_components(comp, include_boilerplate=True, singletons=False):
        for cid in group:
            out[cid] = set(group) - {cid}
    return out


def find_emphasis(comp: "Comparison", ctx: "Context") -> list[Finding]:
    """Ledes whose aligned counterpart in another outlet is in the bottom half of its article."""
    if len(comp.articles) < 2:
        return []
    bodies = {a.id: _body(comp, a.id) for a in comp.articles}
    position = {c.id: (i, len(bodies[c.article])) for cs in bodies.values() for i, c in enumerate(cs)}
    partners = _groups(comp)
    findings = []
    for article in comp.articles:
        for lead in bodies[article.id][:LEAD_SENTENCES]:
            late = []  # (other article, its counterpart, position, length): one finding per lead
            for other in comp.articles:
                if other.id == article.id or not bodies[other.id]:
                    continue
                mates = sorted((p for p in partners.get(lead.id, ()) if p.startswith(other.id + ":")
                                and p in position), key=lambda p: position[p][0])
                if not mates:
                    continue  # unaligned is not "absent": the omission detector decides that
                idx, total = position[mates[0]]
                if idx >= total / 2:
                    late.append((other, comp.claim(mates[0]), idx, total))
            if not late:
                continue
            where = [f"{o.outlet} {'reports it only' if i == 0 else ''} in sentence {idx + 1} of {total}"
                     .replace("  ", " ") for i, (o, _, idx, total) in enumerate(late)]
            where_text = where[0] if len(where) == 1 else ", ".join(where[:-1]) + " and " + where[-1]
            message = f"{article.outlet} leads with \u201c{_snippet(lead.text)}\u201d; {where_text}."
            evidence = (Evidence(article=lead.article, claim=lead.id, text=lead.text, start=lead.start,
                                 end=lead.end, voice=lead.voice, speaker=lead.speaker),)
            evidence += tuple(Evidence(article=m.article, claim=m.id, text=m.text, start=m.start, end=m.end,
                                       voice=m.voice, speaker=m.speaker) for _, m, _, _ in late)
            first = late[0]
            details = {"lead_article": article.id, "other_article": first[0].id,
                       "other_position": first[2] + 1, "other_length": first[3],
                       "late": [{"article": o.id, "position": idx + 1, "length": total}
                                for o, _, idx, total in late]}
            confidence = max(0.5 + 0.4 * (idx / max(total - 1, 1) - 0.5) for _, _, idx, total in late)
            findings.append(Finding(id="", kind="emphasis", severity="info", confidence=confidence,
                                    message=message, evidence=evidence, details=details))
    return findings
