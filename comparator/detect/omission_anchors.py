"""Fact-level evidence for omissions: distinctive anchors a fact carries and another article lacks.

A loosely similar sentence (an IRS sentence beside an IRS lawsuit) does not say a fact; a fact
whose distinctive anchors -- an amount with its unit, a count, a percentage, a calendar date, a
rare name -- appear nowhere in another outlet's article (none of its claims' facts agree with
them, and their words are not in its text) is missing there. Anchors come from
:attr:`comparator.types.Claim.facts` (normal forms, so "$10 billion" and "10 billion dollars"
agree through :func:`comparator.facts.compare.facts_agree` or by value) and are also looked up
in the article's text ("$40,000,000" read with :func:`comparator.facts.numbers.parse_number`;
a name by surname or acronym), so a value the fact extractor did not type still counts as said.
Used by :mod:`comparator.detect.omissions`; weights and guards are documented there and in
docs/EVALUATION.md ("Omissions by fact-level evidence").
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from comparator.types import Claim, Fact

#: Fact kinds that make an anchor. Ordinals ("second"), times and relative weekdays are left
#: out: too common, or resolved against each article's own date.
NUMERIC = ("money", "percent", "quantity")
#: A bare count below this is not distinctive ("two", "three").
MIN_COUNT = 10
#: Names: the fact kind "name", kept when its spaCy label is in :data:`NAME_LABELS`.
NAME = "name"
#: An attribution line keeps at most this many content words besides its source and reporting
#: verb ("The story was first carried by the Harbor Herald."): it says who reported, not what.
ATTRIBUTION_WORDS = 3
#: spaCy labels of the names that are distinctive: people, organisations, laws, works, events,
#: buildings. Places and groups (GPE, LOC, NORP: "Washington", "Pyongyang", "Republican") are
#: the story's setting, written in many ways, not a fact's anchor.
NAME_LABELS = frozenset({"PERSON", "ORG", "LAW", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT"})
#: Words that make a name the source of the report, not part of the fact ("first reported by the
#: Washington Post", "according to Politico", "Reuters reported"): attribution lines.
_SOURCE_BEFORE = re.compile(r"(?:according\s+to|reported\s+by|told|cited\s+by|via)\s+(?:the\s+)?$", re.I)
_SOURCE_AFTER = re.compile(r"^\W*(?:first\s+)?(?:reported|reports|said|says|noted|wrote|told|confirmed|added)\b", re.I)
_DATE_FULL = re.compile(r"^\d{4}-\d\d(?:-\d\d)?$")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


def _value(f: Fact) -> float | None:
    return float(f.value) if isinstance(f.value, (int, float)) else None


def _is_source(claim: Claim, f: Fact) -> bool:
    """Whether the name ``f`` is who reported or said the claim (an attribution, not the fact)."""
    lo, hi = f.start - claim.start, f.end - claim.start
    return bool(_SOURCE_BEFORE.search(claim.text[max(0, lo - 30):lo])
                or _SOURCE_AFTER.match(claim.text[hi:hi + 30]))


def attribution_line(claim: Claim) -> bool:
    """Whether ``claim`` only says who reported something: a name in a source position
    ("according to X", "first reported by X", "X reported") and at most
    :data:`ATTRIBUTION_WORDS` other content words."""
    from comparator.scorers import tokens

    sources = [f for f in claim.facts if f.kind == NAME and _is_source(claim, f)]
    if not sources:
        return False
    rest = claim.text
    for f in sources:
        rest = rest.replace(f.text, " ")
    words = {w for w in tokens(rest).words if w.lower() not in _REPORTING}
    return len(words) <= ATTRIBUTION_WORDS


_REPORTING = frozenset({"reported", "reports", "report", "said", "says", "according", "told", "noted",
                        "wrote", "confirmed", "added", "first", "cited", "news"})


def anchors_of(claims: Iterable[Claim], *, kinds: Sequence[str] = (*NUMERIC, "date", NAME),
               authorial_only: bool = False) -> list[Fact]:
    """Distinctive facts of ``claims``: amounts, percentages, counts of at least
    :data:`MIN_COUNT` (not a bare year), calendar dates with a month, and names.

    ``authorial_only`` keeps only facts outside quotation marks (a quote's words are the
    speaker's; another outlet may paraphrase them without the numbers).
    """
    out: list[Fact] = []
    for c in claims:
        if attribution_line(c):
            continue
        for f in c.facts:
            if f.kind not in kinds:
                continue
            if authorial_only and any(lo <= f.start < hi for lo, hi in c.quotes):
                continue
            if f.kind in NUMERIC:
                v = _value(f)
                if f.kind == "quantity" and (v is None or abs(v) < MIN_COUNT or _YEAR.match(f.text.strip())):
                    continue
                if not re.search(r"\d", f.text):  # "hundreds", "dozens": vague, said in many ways
                    continue
            elif f.kind == "date":
                if not _DATE_FULL.match(f.normal):
                    continue
            elif f.kind == NAME:
                labels = {m.label for m in c.mentions if m.start < f.end and f.start < m.end}
                if not labels & NAME_LABELS:
                    continue
            out.append(f)
    return out


_WRITTEN = re.compile(r"\d[\d,.]*(?:\s*(?:thousand|million|billion|trillion|bn|mn|m|k)\b)?", re.I)


def _digits_in(f: Fact, text: str) -> bool:
    """Whether the number of ``f`` is written in ``text``: the same value read from any number
    there ("$40 million" / "$40,000,000" / "40 million"; :func:`comparator.facts.numbers.parse_number`)."""
    from comparator.facts.numbers import parse_number

    v = _value(f)
    if v is None:
        return False
    for m in _WRITTEN.finditer(text):
        num = parse_number(m.group().rstrip(".,"))
        if num is not None and abs(num.value - v) <= 1e-6 * max(1.0, abs(v)):
            return True
    return False


def _name_in(f: Fact, facts: Sequence[Fact], text: str) -> bool:
    from comparator.facts.names import acronym_of, clean_name, same_referent, surname

    name = str(f.value or f.text)
    if any(g.kind == NAME and same_referent(name, str(g.value or g.text)) for g in facts):
        return True
    low = text.lower()
    clean = clean_name(name)
    forms = {clean, surname(clean) or "", acronym_of(clean) or ""}
    return any(len(x) >= 3 and re.search(rf"\b{re.escape(x.lower())}\b", low) for x in forms if x)


def present(f: Fact, facts: Sequence[Fact], text: str) -> bool:
    """Whether anchor ``f`` is said in an article with ``facts`` (all its claims' facts) and
    ``text``: an agreeing fact of the same kind (:func:`facts_agree`), or the same words."""
    from comparator.facts.compare import facts_agree

    if f.kind == NAME:
        return _name_in(f, facts, text)
    if any(g.kind == f.kind and facts_agree(f, g) for g in facts):
        return True
    v = _value(f)
    if f.kind in NUMERIC and v is not None and any(
            g.kind in NUMERIC and _value(g) is not None and abs(_value(g) - v) <= 1e-6 * abs(v) for g in facts):
        return True  # "$10 billion" read as money in one article, "10 billion dollars" as a quantity
    if f.kind == "date":
        return f.text.strip().lower() in text.lower()
    return _digits_in(f, text)


def absent_anchors(anchors: Sequence[Fact], claims: Sequence[Claim], text: str) -> list[Fact]:
    """The anchors not said anywhere in an article (its ``claims`` and its full ``text``)."""
    facts = [g for c in claims for g in c.facts]
    return [f for f in anchors if not present(f, facts, text)]


_STOP = frozenset({"the", "a", "an", "and", "or", "of", "in", "on", "to", "at", "by", "for", "with", "from",
                   "that", "this", "as", "is", "was", "are", "were", "be", "been", "has", "have", "had",
                   "it", "its", "his", "her", "their", "he", "she", "they", "said", "says", "not", "but",
                   "who", "which", "will", "would", "s"})
_TOKEN = re.compile(r"[A-Za-z0-9]+")


def _bigrams(text: str) -> set[tuple[str, str]]:
    """Adjacent content-word pairs, lowercased, a plural "s" dropped; pairs of capitalised words
    (a shared name such as "Port Authority" is the story's subject, not this fact's words) left out."""
    raw = _TOKEN.findall(text.replace("’", "'"))
    words = [w.lower()[:-1] if len(w) > 3 and w.lower().endswith("s") else w.lower() for w in raw]
    return {(a, b) for (a, b), (ra, rb) in zip(zip(words, words[1:]), zip(raw, raw[1:]))
            if a not in _STOP and b not in _STOP and not (ra[0].isupper() and rb[0].isupper())}


def shared_phrase(fact_text: str, near_text: str) -> bool:
    """Whether two texts share a two-word content phrase ("approval ratings", "class-action
    treatment" / "class action nature" do not; "approval rating" / "approval ratings" do): the
    near claim may be the same fact without its numbers."""
    return bool(_bigrams(fact_text) & _bigrams(near_text))
