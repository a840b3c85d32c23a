"""Quantities written in words that spaCy's NER leaves untagged, and month words that are not dates.

"half a million", "a quarter million", "tens of thousands", "hundreds of
migrants", "two-thirds of voters": :mod:`.numbers` reads their values (vague
counts as ranges, fractions of a scale as values, shares as percentages); this
module finds them in a claim and builds their facts. :func:`lone_month_is_date`
keeps "Theresa May" and "May we ask" out of the dates.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from comparator.chunks import doc_text
from comparator.types import Fact

_PHRASE = re.compile(
    r"\b(?:(?:several|many)\s+)?(?:tens|dozens|hundreds)\s+of\s+(?:thousands|millions|billions)\b"
    r"|\b(?:(?:a|one|two|three)[\s-]+)?(?:half|quarter|quarters|third|thirds)\s+(?:of\s+)?(?:a|an|one)?\s*"
    r"(?:thousand|million|billion|trillion)\b"
    r"|\b(?:(?:several|many)\s+)?(?:dozens|scores|hundreds|thousands|millions|billions)\b(?=\s+of\b|\s+[a-z]+)"
    r"|\b(?:two|three)[\s-](?:thirds|quarters)\b"
    r"|\b(?:several|a\s+few|a\s+couple\s+of|a\s+couple|a\s+handful\s+of)\s+(?:hundred|thousand|million|billion|dozen)\b",
    re.I)
#: a share of a group in words: "a third of", "half of", "one in five", "four out of ten"
_SHARE_OF = re.compile(
    r"\b(?:(?:a|one)[\s-]+(?:half|third|quarter|fifth|tenth)|half|(?:two|three|four)[\s-]+(?:thirds|quarters|fifths|tenths))"
    r"(?=\s+of\s+(?:the|its|their|his|her|our|all|those|these|a|an)?\b)"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\s+(?:in|out\s+of|of\s+every)\s+"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|twenty|a\s+hundred|\d{1,4})\b(?!\s*(?:years?|months?|days?|%))",
    re.I)
_SHARE_VALUE = {"half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25, "fifth": 0.2,
                "fifths": 0.2, "tenth": 0.1, "tenths": 0.1}
#: words before "half of" / "a third of" that make it a part of something, not a share of a group
_NOT_A_SHARE = frozenset({"first", "second", "third", "final", "last", "latter", "former", "other", "top", "bottom",
                          "back", "front", "early", "late", "better", "next", "previous", "northern", "southern",
                          "eastern", "western", "upper", "lower"})
#: a fortnight, which spaCy's NER does not tag as a DATE
_FORTNIGHT = re.compile(r"\b(a|one|two|three|four|\d{1,2})\s+fortnights?\b", re.I)
#: currency words after a number written in words: "three-quarters of a billion dollars"
_CURRENCY_AFTER = re.compile(r"\s+(dollars?|euros?|pounds sterling|yen)\b", re.I)
_CURRENCY_BEFORE = re.compile(r"(?:US\$|C\$|A\$|[$€£¥])\s*$")
_MONTHS = frozenset(m.lower() for m in list(calendar.month_name)[1:] + list(calendar.month_abbr)[1:] + ["Sept"])
_SHARE_WORDS = ("thirds", "quarters")
#: words before a month that make it a date ("in May", "last May", "early March", "May 5")
_MONTH_LEAD = frozenset({"in", "on", "since", "until", "till", "by", "from", "to", "through", "during", "last",
                         "next", "this", "early", "mid", "late", "of", "before", "after", "between", "and",
                         "that", "every", "each", "around", "throughout", "-", "mid-", "the", "past"})


def word_numbers(doc: Any, start: int, end: int, facts: list[Fact]) -> list[Fact]:
    """``facts`` plus the word quantities of ``doc.text[start:end]`` no fact covers yet.

    A word quantity that contains a smaller number fact ("a million" inside "half
    a million") replaces it.
    """
    from comparator.facts import anchor_of
    from comparator.facts.numbers import format_value, parse_number, parse_share

    text = doc_text(doc)
    out = list(facts)
    for m in _PHRASE.finditer(text, start, end):
        s, e = m.start(), m.end()
        if any(f.start < e and s < f.end and not (s <= f.start and f.end <= e and f.kind == "quantity")
               for f in out):
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        phrase = m.group()
        if phrase.lower().split()[-1].replace("-", " ").split()[-1] in _SHARE_WORDS:
            share = parse_share(phrase)
            if share is None:
                continue
            value = round(100 * share, 2)
            fact = Fact(kind="percent", text=phrase, start=s, end=e, normal=f"about {format_value(value)} %",
                        value=value, unit="%", qualifier="about", approximate=True, anchor=anchor_of(span))
        else:
            num = parse_number(phrase)
            if num is None:
                continue
            normal = format_value(num.value) + (".." + format_value(num.high) if num.high is not None else "")
            fact = Fact(kind="quantity", text=phrase, start=s, end=e, normal=normal, value=num.value,
                        qualifier=num.qualifier, approximate=num.vague, anchor=anchor_of(span))
            fact = _as_money(text, fact, end)
        out = [f for f in out if not (s <= f.start and f.end <= e)] + [fact]
    out = _shares(doc, text, start, end, out)
    out = _fortnights(doc, text, start, end, out)
    return out + _count_words(doc, start, end, out)


def _as_money(text: str, fact: Fact, end: int) -> Fact:
    """A word quantity with a currency next to it is an amount: "three-quarters of a billion dollars"."""
    from comparator.facts.numbers import CURRENCIES

    after = _CURRENCY_AFTER.match(text, fact.end, end)
    before = _CURRENCY_BEFORE.search(text, max(0, fact.start - 3), fact.start)
    word = after.group(1).lower() if after else before.group().strip().lower() if before else None
    currency = CURRENCIES.get(word or "") or CURRENCIES.get((word or "").rstrip("s"))
    if currency is None and word and word.startswith("pound"):
        currency = "GBP"
    if currency is None:
        return fact
    return Fact(kind="money", text=fact.text, start=fact.start, end=fact.end,
                normal=f"{currency} {fact.normal}", value=fact.value, unit=currency, qualifier=fact.qualifier,
                approximate=fact.approximate, anchor=fact.anchor)


def _shares(doc: Any, text: str, start: int, end: int, facts: list[Fact]) -> list[Fact]:
    """``facts`` plus shares of a group in words as percentages: "a third of" (about 33 %), "half of" (50 %),
    "four in ten" (about 40 %). A number or ordinal fact inside the phrase ("third", "four", "ten") is
    replaced by the share."""
    from comparator.facts import anchor_of
    from comparator.facts.numbers import format_value, parse_ratio

    out = list(facts)
    for m in _SHARE_OF.finditer(text, start, end):
        s, e = m.start(), m.end()
        if any(f.start < e and s < f.end and not (s <= f.start and f.end <= e and f.kind in ("quantity", "ordinal"))
               for f in out):
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        before = text[max(start, s - 12):s].lower().split()
        if before and before[-1] in _NOT_A_SHARE:
            continue  # "the second half of the year", "the other half of the team": a part, not a share
        words = m.group().lower().replace("-", " ").split()
        if words[-1] in _SHARE_VALUE:
            count = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}.get(words[0], 1)
            share = count * _SHARE_VALUE[words[-1]]
        else:
            share = parse_ratio(m.group())
        if share is None:
            continue
        value = round(100 * share, 2)
        exact = value == int(value) and words[-1] in ("half", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths")
        qualifier = None if exact else "about"
        normal = (f"{qualifier} " if qualifier else "") + f"{format_value(value)} %"
        fact = Fact(kind="percent", text=m.group(), start=s, end=e, normal=normal, value=value, unit="%",
                    qualifier=qualifier, approximate=not exact, anchor=anchor_of(span))
        out = [f for f in out if not (s <= f.start and f.end <= e)] + [fact]
    return out


def _fortnights(doc: Any, text: str, start: int, end: int, facts: list[Fact]) -> list[Fact]:
    """``facts`` plus "a fortnight", "two fortnights" (durations NER leaves untagged)."""
    from comparator.facts import anchor_of
    from comparator.facts.numbers import format_value, words_to_number

    out = list(facts)
    for m in _FORTNIGHT.finditer(text, start, end):
        s, e = m.start(), m.end()
        if any(f.start < e and s < f.end for f in out):
            continue
        count = words_to_number([m.group(1).lower()])
        span = doc.char_span(s, e, alignment_mode="expand")
        if count is None or span is None:
            continue
        weeks = 2 * count[0]  # stated in weeks, as "two weeks" is (numbers.MULTIPLE_UNITS)
        out.append(Fact(kind="duration", text=m.group(), start=s, end=e, normal=f"week {format_value(weeks)}",
                        value=weeks, unit="week", anchor=anchor_of(span)))
    return out


def _count_words(doc: Any, start: int, end: int, facts: list[Fact]) -> list[Fact]:
    """Number words counting a noun that NER left untagged ("Eleven regional offices" opening a sentence)."""
    from comparator.facts import anchor_of
    from comparator.facts.numbers import format_value, parse_number

    span = doc.char_span(start, end, alignment_mode="expand")
    out = []
    for tok in span if span is not None else []:
        if not (tok.is_alpha and tok.like_num and (tok.pos_ == "NUM" and tok.dep_ == "nummod" or _opens_count(tok))):
            continue
        if any(f.start <= tok.idx < f.end for f in facts):
            continue
        num = parse_number(tok.text)
        if num is None:
            continue
        out.append(Fact(kind="quantity", text=tok.text, start=tok.idx, end=tok.idx + len(tok.text),
                        normal=format_value(num.value), value=num.value, anchor=anchor_of(doc[tok.i:tok.i + 1])))
    return out


def _opens_count(tok: Any) -> bool:
    """A capitalised number word opening a sentence before the noun it counts ("Eleven growers sued",
    "Eleven orchard growers"): the parser often tags it PROPN or compound, but it is a count, not a name."""
    head = tok.head
    return tok.is_sent_start and tok.is_title and tok.dep_ in ("nummod", "compound", "amod", "nmod") \
        and head.i > tok.i and head.pos_ == "NOUN" and all(t.pos_ in ("NOUN", "ADJ") for t in tok.doc[tok.i + 1:head.i])


def lone_month_is_date(span: Any) -> bool:
    """Whether a month word with no day or year is a date: "in May", "last March", not "Theresa May said"."""
    toks = [t for t in span if t.lower_ not in ("the",)]
    if len(toks) != 1:
        return True
    tok = toks[0]
    if tok.lower_.rstrip(".") not in _MONTHS:
        return True
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and (nxt.like_num or nxt.lower_ in ("'s",)):
        return True
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ") and nxt.ent_type_ != "PERSON" \
            and not (tok.lower_ == "may" and nxt.pos_ == "PROPN"):
        return True  # "November sales", "April heating oil futures", "March U.S. retail sales"
    if prev is None or prev.is_sent_start and prev.is_punct:
        return False  # "May we ask", "March on!" opening a sentence
    if prev.ent_type_ == "PERSON" or (prev.pos_ == "PROPN" and prev.is_title and prev.lower_ not in _MONTH_LEAD):
        return False  # "Theresa May", "Prime Minister May"
    return prev.lower_ in _MONTH_LEAD or prev.pos_ in ("ADP", "DET", "ADJ") or prev.is_punct


_NUMERIC_DATE = re.compile(r"(?<![\w/.-])\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})(?![\w/.-])")


def numeric_dates(doc: Any, start: int, end: int, facts: list[Fact], published: str | None) -> list[Fact]:
    """``facts`` plus numeric dates ("6/4/23", "06/04/2023") that no fact covers (month first, US style)."""
    from comparator.facts import anchor_of
    from comparator.facts.dates import parse_date

    out = list(facts)
    for m in _NUMERIC_DATE.finditer(doc_text(doc), start, end):
        s, e = m.start(), m.end()
        if any(f.start < e and s < f.end and f.kind == "date" for f in out):
            continue
        date = parse_date(m.group(), published)
        if date is None or date.relative is not None or date.day is None:
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        out = [f for f in out if not (f.start < e and s < f.end)]
        out.append(Fact(kind="date", text=m.group(), start=s, end=e, normal=date.normal, value=date.normal,
                        unit=date.period, anchor=anchor_of(span) if span is not None else None))
    return out


#: a result written as two small numbers joined by a dash: "3-2", "2–0"; a score, not the figures 3 and 2
_SCORE = re.compile(r"(?<![\w.,/$€£%-])(\d{1,3})\s?[-\u2013]\s?(\d{1,3})(?![\w,/%-]|\.\d|\s*(?:percent|per cent|years?|"
                    r"months?|weeks?|days?|hours?|minutes?|million|billion|thousand|p\.?m|a\.?m))")
#: words that make a dashed pair of small numbers a score rather than a range
_SCORE_WORDS = re.compile(r"\b(?:score[sd]?|scoring|won|wins?|winning|beat|beaten|beats|lost|loses?|losing|defeat(?:ed|s)?|"
                          r"victory|draw|drew|tied?|match|game|final|goals?|points?|sets?|innings|led|leads?|trail(?:ed|s)?|"
                          r"vote[ds]?|voting|ruled|ruling|margin|deficit|edge|series|record|tally|advantage)\b", re.I)


def scores(doc: Any, start: int, end: int, facts: list[Fact]) -> list[Fact]:
    """``facts`` with each score ("won 3-2", "a 5-4 ruling", "the final score was 3-2") as one fact of unit
    "score" in place of its two numbers. A dashed pair is a score when the sentence speaks of winning, losing,
    a match or a vote, or when its first number is not below its second (never a range "10-20")."""
    from comparator.facts import anchor_of

    text = doc_text(doc)
    out = list(facts)
    context = _SCORE_WORDS.search(text, start, end) is not None
    for m in _SCORE.finditer(text, start, end):
        left, right = int(m.group(1)), int(m.group(2))
        if max(left, right) > 200 or not (context or left >= right):
            continue
        s, e = m.start(), m.end()
        if any(f.start < e and s < f.end and f.kind not in ("quantity",) for f in out):
            continue  # part of a date or an amount
        span = doc.char_span(s, e, alignment_mode="expand")
        out = [f for f in out if not (f.start < e and s < f.end)]
        out.append(Fact(kind="quantity", text=m.group(), start=s, end=e, normal=f"score {left}-{right}",
                        value=f"{left}-{right}", unit="score",
                        anchor=anchor_of(span) if span is not None else None))
    return out
