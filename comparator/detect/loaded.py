"""``loaded_language``: loaded terms in the outlet's own voice (warning) or someone else's (info).

Candidates come from :mod:`comparator.framing.candidates` (the lexicon, plus
words VADER rates as strongly evaluative), judged in their sentence
(attribution words, fixed expressions and literal conflict verbs are dropped;
reported wording such as "describing the proposal as amnesty" is the
speaker's). A term counts once per article and voice, whatever category
matched it. Headlines and decks get their own findings, in the outlet's voice;
scare quotes (a word the outlet puts in quotation marks with nobody quoted) are
reported as the outlet's framing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from comparator.framing.candidates import Candidate, analysed, article_candidates, by_valence, selected
from comparator.framing.common import claim_index, doc_of, quote_text, someone
from comparator.framing.params import Params, shipped
from comparator.framing.scare import scare_ranges
from comparator.types import Evidence, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context

#: How sure we are that a category's terms are loaded in news copy.
CATEGORY_CONFIDENCE = {
    "partisan_identity": 0.85, "epithet": 0.85, "immigration_term": 0.75, "scare_term": 0.7,
    "conflict_verb": 0.6, "conflict_noun": 0.6, "speech_verb": 0.5, "evaluative": 0.6, "intensifier": 0.5,
    "certainty": 0.5, "hedging": 0.45, "style_rule": 0.6,
}
VALENCE_CONFIDENCE = 0.5
SCARE_CONFIDENCE = 0.6


def _key(c: Candidate) -> tuple:
    return (c.article, c.headline, c.term.lower(), c.voice, c.speaker or "")


def _prior_rationale(c: Candidate, params: Params) -> str:
    if by_valence(c, params):
        return f"VADER rates this word {c.valence:+.1f} on a -4..4 scale (Hutto & Gilbert 2014)."
    return (f"Pattern rates this adjective {c.subjectivity:.2f} subjective on a 0..1 scale, polarity "
            f"{c.polarity:+.2f} (De Smedt & Daelemans 2012).")


def _prior_source(c: Candidate, params: Params) -> str:
    return "vader_lexicon.txt" if by_valence(c, params) else "en-sentiment.xml"


def _warns(c: Candidate, params: Params) -> bool:
    """A finding in the outlet's own voice is a warning when a style guide rules on the term, the user's
    own lexicon lists it, or its category's measured precision earns it (:meth:`Params.warns`)."""
    if c.entry is not None and c.entry.tier == "info":
        return False
    if c.entry is not None and (c.entry.guide or not c.entry.source.startswith("default.yaml:")):
        return True
    return params.warns("valence" if c.origin == "valence" else c.category)


def _message(outlet: str, c: Candidate, times: int, params: Params | None = None) -> tuple[str, str, float]:
    said = quote_text(c.text)
    where = "its headline" if c.headline else "its own voice"
    if c.origin == "valence":
        if by_valence(c, params or shipped()):
            what = f"a strongly {'negative' if (c.valence or 0) < 0 else 'positive'} word"
        else:
            what = "a word of opinion, not description"
        neutral = "describe what happened instead"
        confidence = VALENCE_CONFIDENCE
    else:
        what = c.category.replace("_", " ")
        neutral = f"a neutral alternative is {quote_text(c.entry.neutral)}" if c.entry else ""
        confidence = CATEGORY_CONFIDENCE.get(c.category, 0.5)
    if c.voice == "authorial":
        message = f"{outlet} uses {said} ({what}) in {where}; {neutral}."
        severity = "warning" if _warns(c, params or shipped()) else "info"
    elif c.reported:
        message = (f"{outlet} reports {someone(c.speaker)} using {said} ({what}); "
                   f"the wording is attributed, not the outlet's own.")
        severity, confidence = "info", confidence * 0.7
    else:
        message = (f"{outlet} quotes {someone(c.speaker)} using {said} ({what}); "
                   f"the outlet does not adopt it in its own voice.")
        severity, confidence = "info", confidence * 0.8
    if times > 1:
        message = message[:-1] + f" ({times} times)."
    return message, severity, round(confidence, 3)


def _scare_findings(comp: "Comparison", ctx: "Context") -> list[Finding]:
    found = []
    for article in comp.articles:
        doc = None
        for claim in sorted(comp.claims_of(article.id), key=lambda c: c.start):
            if not analysed(claim) or (claim.speaker and claim.kind != "headline"):
                continue  # a partial quote of the claim's speaker is the speaker's wording
            if doc is None:
                doc = doc_of(comp, ctx, article.id)
            found += [(article, claim, s, e) for s, e in scare_ranges(claim, doc)]
    in_headlines = {(a.id, a.text[s:e].lower()) for a, c, s, e in found if c.kind == "headline"}
    findings = []
    for article, claim, s, e in found:
        text = article.text[s:e]
        if claim.kind != "headline" and (article.id, text.lower()) not in in_headlines \
                and not _used_plainly(comp, text):
            continue  # only scare quotes readers meet first, or on a word other copy uses plainly
        where = "its headline" if claim.kind == "headline" else "its own voice"
        findings.append(Finding(
            id="", kind="loaded_language", severity="info", confidence=SCARE_CONFIDENCE,
            message=(f"{article.outlet} puts {quote_text(text)} in scare quotes in {where}, "
                     f"distancing itself from the word."),
            evidence=(Evidence(article=article.id, claim=claim.id, text=text, start=s, end=e,
                               voice="authorial", speaker=None),),
            details={"term": text, "category": "scare_quotes", "neutral": "", "rationale":
                     "Quotation marks with nobody quoted signal the outlet's doubt about the word.",
                     "lexicon": "", "voice": "authorial", "speaker": None, "count": 1,
                     "headline": claim.kind == "headline", "origin": "scare_quotes"}))
    return findings


#: Capitalised kickers that are page furniture, not framing ("BREAKING:", "WATCH:").
FURNITURE_KICKERS = frozenset({"breaking", "exclusive", "watch", "update", "updated", "live", "video", "photos",
                               "opinion", "analysis", "editorial", "listen", "new", "just in", "developing",
                               "review", "explainer", "correction", "poll", "read"})
_KICKER = re.compile(r"^\s*([A-Z][A-Z'\u2019 -]{2,40}[A-Z])\s*:")


def _kicker_findings(comp: "Comparison") -> list[Finding]:
    """A headline or deck that opens with a shouted label ("DESPERATION:"): the outlet's own framing,
    info, or a warning when VADER rates the word (a published valence prior)."""
    from comparator.framing.valence import vader_lexicon

    findings = []
    for article in comp.articles:
        for claim in comp.claims_of(article.id):
            m = _KICKER.match(claim.text) if claim.kind == "headline" else None
            if m is None or m.group(1).strip().lower() in FURNITURE_KICKERS:
                continue
            word = m.group(1).strip()
            rated = [vader_lexicon().get(w) for w in word.lower().split()]
            rated = [v for v in rated if v is not None]
            valence = max(rated, key=abs) if rated else None
            start = claim.start + m.start(1)
            findings.append(Finding(
                id="", kind="loaded_language", severity="warning" if valence is not None else "info",
                confidence=VALENCE_CONFIDENCE if valence is not None else 0.4,
                message=(f"{article.outlet} opens its headline with the capitalised label "
                         f"{quote_text(word + ':')}, framing the story before it is told."),
                evidence=(Evidence(article=article.id, claim=claim.id, text=word, start=start,
                                   end=start + len(word), voice="authorial", speaker=None),),
                details={"term": word, "category": "headline_kicker", "neutral": "", "rationale":
                         "A shouted one-word label ahead of a headline states the outlet's judgement.",
                         "lexicon": "vader_lexicon.txt" if valence is not None else "", "voice": "authorial",
                         "speaker": None, "count": 1, "headline": True, "origin": "kicker",
                         "valence": valence}))
    return findings


def _used_plainly(comp: "Comparison", text: str) -> bool:
    """Whether ``text`` also appears without quotation marks somewhere in the compared articles."""
    pattern = re.compile(r"(?<![\w\"'\u201c\u2018])" + re.escape(text) + r"(?![\w\"'\u201d\u2019])", re.IGNORECASE)
    return any(pattern.search(a.text) for a in comp.articles)


def find_loaded_language(comp: "Comparison", ctx: "Context") -> list[Finding]:
    """One finding per (article, headline or body, term, voice, speaker), every occurrence as evidence."""
    params = shipped()
    claim_index(comp, ctx)
    groups: dict[tuple, list[Candidate]] = {}
    for article in comp.articles:
        for c in article_candidates(comp, ctx, article.id):
            if selected(c, params):
                groups.setdefault(_key(c), []).append(c)
    findings = []
    for key in sorted(groups):
        cands = groups[key]
        first = cands[0]
        outlet = comp.article(first.article).outlet
        message, severity, confidence = _message(outlet, first, len(cands), params)
        evidence = tuple(Evidence(article=c.article, claim=c.claim, text=c.text, start=c.start, end=c.end,
                                  voice=c.voice, speaker=c.speaker) for c in cands)
        entry = first.entry
        findings.append(Finding(
            id="", kind="loaded_language", severity=severity, confidence=confidence, message=message,
            evidence=evidence,
            details={"term": entry.term if entry else first.term, "category": first.category,
                     "neutral": entry.neutral if entry else "", "rationale": entry.rationale if entry else
                     _prior_rationale(first, params),
                     "lexicon": entry.source if entry else _prior_source(first, params), "voice": first.voice,
                     "speaker": first.speaker or None, "count": len(cands), "headline": first.headline,
                     "origin": first.origin, "reported": first.reported}))
    return findings + _scare_findings(comp, ctx) + _kicker_findings(comp)
