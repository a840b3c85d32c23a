"""The pipeline's findings and the quote/support checks, as :class:`CheckFinding` records at draft lines.

Only what concerns the draft is kept: a divergent fact between the draft and a
source (not between two sources), loaded language in the draft's own voice
(not in a quotation or reported speech), a framing label the draft uses
differently from a source. The pipeline's quotation checks
(``quote_wording``/``attribution`` divergences of aligned sentences) are left
to :mod:`comparator.check.quotes`, which looks every quotation up in every source.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Sequence

from comparator.check.baseline import fingerprint
from comparator.check.records import CheckFinding, SourceSpan

if TYPE_CHECKING:  # pragma: no cover
    from comparator.check.config import CheckSettings
    from comparator.check.locations import LineMap
    from comparator.check.quotes import QuoteCheck
    from comparator.comparison import Comparison
    from comparator.types import Claim

_QUOTE_TYPES = {"quote_wording", "attribution"}


class Builder:
    """Makes :class:`CheckFinding` records for one draft: levels from the settings, locations from line maps."""

    def __init__(self, comp: "Comparison", draft_id: str, maps: dict[str, "LineMap"],
                 settings: "CheckSettings") -> None:
        self.comp = comp
        self.draft_id = draft_id
        self.maps = maps
        self.settings = settings
        self.out: list[CheckFinding] = []

    def source(self, article: str, start: int, end: int) -> SourceSpan:
        return SourceSpan(self.comp.article(article).outlet, self.maps[article].locate(start, end))

    def cite(self, span: SourceSpan) -> str:
        return f"{span.outlet} ({span.location.path}:{span.location.line})"

    def claim_at(self, start: int) -> "Claim | None":
        for c in self.comp.claims_of(self.draft_id):
            if c.start <= start < c.end:
                return c
        return None

    def add(self, rule: str, start: int, end: int, message: str | Callable[[], str],
            sources: Sequence[SourceSpan] = (), details: dict[str, Any] | None = None) -> None:
        level = self.settings.level_of(rule)
        if level == "off":
            return
        loc = self.maps[self.draft_id].locate(start, end)
        claim = self.claim_at(start)
        fp = fingerprint(rule, loc.path, loc.text, claim.text if claim else "",
                         " ".join(s.location.text for s in sources))
        text = message() if callable(message) else message
        self.out.append(CheckFinding(rule, level, text, loc, tuple(sources), fp, details or {}))


def _q(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return "“" + (text if len(text) <= limit else text[: limit - 1].rstrip() + "…") + "”"


def add_pipeline_findings(b: Builder, source_ids: Sequence[str]) -> None:
    """divergent_fact, loaded_language and framing_label findings of the comparison that concern the draft."""
    sources = set(source_ids)
    facts: dict[tuple[int, int], list] = {}
    for f in b.comp.findings:
        mine = [e for e in f.evidence if e.article == b.draft_id]
        theirs = [e for e in f.evidence if e.article in sources]
        if f.kind == "divergent_fact" and f.details.get("type") not in _QUOTE_TYPES and mine and theirs:
            facts.setdefault((mine[0].start, mine[0].end), []).append((f, mine[0], theirs[0]))
        elif f.kind == "loaded_language" and mine:
            for e in mine:
                if e.voice != "authorial" or f.details.get("reported"):
                    continue
                d = f.details
                alt = f"a neutral alternative is {_q(d['neutral'])}" if d.get("neutral") else \
                    (d.get("rationale") or "consider a neutral word")
                b.add("loaded_language", e.start, e.end,
                      f"{_q(e.text)} ({str(d.get('category', 'loaded')).replace('_', ' ')}) in the draft's own "
                      f"voice; {alt}.",
                      details={k: d.get(k) for k in ("term", "category", "neutral", "rationale", "lexicon")})
        elif f.kind == "framing_label" and mine and theirs:
            spans = [b.source(e.article, e.start, e.end) for e in theirs]
            b.add("framing_label", mine[0].start, mine[0].end, f.message, spans,
                  details={"entity": f.entity, **{k: v for k, v in f.details.items() if isinstance(k, str)}})
    for (start, end), found in sorted(facts.items()):
        spans, said = [], []
        for f, _, e in found:
            span = b.source(e.article, e.start, e.end)
            if any(s.location.path == span.location.path and s.location.start == span.location.start
                   for s in spans):
                continue
            spans.append(span)
            said.append(f"{b.cite(span)} says {_q(e.text)}")
        what = found[0][0].details.get("fact") or "fact"
        draft_text = b.comp.article(b.draft_id).text[start:end]
        b.add("divergent_fact", start, end, f"{what}: the draft says {_q(draft_text)}; {'; '.join(said)}.", spans,
              details={"type": found[0][0].details.get("type"), "fact": what,
                       "normal": list(found[0][0].details.get("normal") or [])})


def add_quote_findings(b: Builder, checks: Sequence["QuoteCheck"], n_sources: int) -> None:
    """misquote, misattribution and unverified_quote findings from :func:`comparator.check.quotes.check_quotes`."""
    text = b.comp.article(b.draft_id).text
    for q in checks:
        quote = text[q.start:q.end]
        if q.kind == "unverified":
            who = f" (credited to {q.claim.speaker})" if q.claim.speaker else ""
            b.add("unverified_quote", q.start, q.end,
                  f"quotation {_q(quote, 60)}{who} is not in any of the {n_sources} source"
                  f"{'s' if n_sources != 1 else ''}.", details={"quote": quote, "speaker": q.claim.speaker})
            continue
        if q.kind == "found" or q.source is None:
            continue
        span = b.source(q.source, q.source_start, q.source_end)
        if q.kind == "misquote":
            changes = "; ".join(f"{_q(a) if a else '(nothing)'} here, {_q(s) if s else '(nothing)'} in the source"
                                for a, s, _, _ in q.diff)
            first, start, end = q.diff[0][0], q.diff[0][2], q.diff[0][3]
            at = text.find(first, start, end) if first else -1
            if at >= 0:  # the changed words themselves, not the stretch widened to a neighbour word
                start, end = at, at + len(first)
            b.add("misquote", start, end, f"quotation differs from {b.cite(span)}: {changes}.", [span],
                  details={"quote": quote, "diff": [{"draft": a, "source": s} for a, s, _, _ in q.diff]})
        elif q.kind == "misattribution":
            b.add("misattribution", q.start, q.end,
                  f"quotation credited to {q.claim.speaker}; {b.cite(span)} credits it to {q.source_speaker}.",
                  [span], details={"quote": quote, "speaker": q.claim.speaker, "source_speaker": q.source_speaker})


def drop_facts_in_misquotes(b: Builder, checks: Sequence["QuoteCheck"]) -> None:
    """Remove divergent_fact findings inside a quotation that has a misquote finding: one fault, one
    finding (a word dropped from a quotation is both a negation divergence and a misquote; the misquote,
    with its word diff, is the more specific). Facts outside quotations, and in quotations found verbatim
    or unverified, are kept."""
    spans = [(q.start, q.end) for q in checks if q.kind == "misquote" and q.source is not None]
    if not spans:
        return
    b.out = [f for f in b.out if f.rule != "divergent_fact"
             or not any(f.location.start < end and start < f.location.end for start, end in spans)]


def add_unsupported(b: Builder, found: Sequence[tuple["Claim", float, float]], n_sources: int) -> None:
    """unsupported findings from :func:`comparator.check.support.unsupported_claims`."""
    for claim, cos, lex in found:
        b.add("unsupported", claim.start, claim.end,
              f"no source supports this sentence (closest source sentence: similarity {cos:.2f}, "
              f"shared words {lex:.2f}; {n_sources} source{'s' if n_sources != 1 else ''} checked).",
              details={"cosine": cos, "lexical": lex})
