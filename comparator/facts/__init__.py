"""Typed facts inside claims: quantities, money, percentages, durations, dates, ordinals, names.

spaCy's entities (CARDINAL, MONEY, DATE, ORDINAL, PERSON, LAW...) give the spans;
:mod:`.numbers` and :mod:`.dates` give their normal forms; the dependency parse
gives the *anchor* (the noun a number counts, the event a date is attached to),
which the divergence detector uses to pair facts across outlets.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Iterable, Mapping, Sequence

from comparator.facts.compare import facts_agree
from comparator.facts.dates import DateValue, dates_agree, parse_date, parse_time
from comparator.facts.vague import deadline
from comparator.facts.names import clean_name, name_key
from comparator.facts.words import lone_month_is_date, numeric_dates, scores, word_numbers
from comparator.facts.tokens import (GLUED_NUMBER, age_unit, day_after_month, is_age, month_day_head, month_name,
                                     noun_after_names, time_zone, year_like)
from comparator.facts.numbers import (
    QUALIFIER_WORDS,
    Number,
    currency_of,
    format_value,
    in_base_unit,
    number_words,
    numbers_agree,
    parse_number,
    parse_ordinal,
)
from comparator.types import Article, Claim, Fact

__all__ = [
    "DateValue",
    "Number",
    "attach_facts",
    "clean_name",
    "dates_agree",
    "extract_facts",
    "facts_agree",
    "name_key",
    "numbers_agree",
    "parse_date",
    "parse_number",
    "parse_ordinal",
    "parse_time",
]

NAME_LABELS = ("PERSON", "ORG", "GPE", "LOC", "LAW", "NORP", "FAC", "EVENT", "PRODUCT")
_TIME_UNITS = ("year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "fortnight")
#: spellings of the same unit (spaCy lemmatises "kilograms" but not "kg")
UNIT_ABBREVIATIONS = {"kg": "kilogram", "kilo": "kilogram", "km": "kilometre", "kilometer": "kilometre",
                       "lb": "pound", "lbs": "pound", "mi": "mile", "ft": "foot", "feet": "foot", "m": "metre",
                       "meter": "metre", "cm": "centimetre", "mm": "millimetre", "in": "inch", "oz": "ounce"}
_RATE_WORDS = frozenset({"once", "twice", "thrice", "times", "percent", "cent", "dollars", "euros", "pounds"})
_RELATIVE_WORDS = ("ago", "later", "earlier", "before", "after")  # "two years ago" is a date
_APPROX = ("about", "around", "roughly", "approximately", "nearly", "almost", "some", "estimated",
           "an estimated", "close to", "more or less")


def attach_facts(claims: tuple[Claim, ...], docs: Mapping[str, Any],
                 articles: Sequence[Article]) -> tuple[Claim, ...]:
    """Claims with ``facts`` filled from the spaCy Doc of their article (boilerplate: none)."""
    published = {a.id: a.published for a in articles}
    out = []
    for claim in claims:
        doc = docs.get(claim.article)
        if claim.boilerplate or doc is None:
            out.append(claim if not claim.facts else dataclasses.replace(claim, facts=()))
            continue
        facts = extract_facts(doc, claim.start, claim.end, published.get(claim.article))
        out.append(dataclasses.replace(claim, facts=facts))
    return tuple(out)


def extract_facts(doc: Any, start: int, end: int, published: str | None = None) -> tuple[Fact, ...]:
    """Facts of the character range ``start:end`` of ``doc.text``, in text order."""
    from comparator.chunks import ents_in  # O(log n) per claim, not O(entities)

    ents = ents_in(doc, start, end)
    facts: list[Fact] = []
    absorbed: set[int] = set()
    for i, ent in enumerate(ents):
        if i in absorbed:
            continue
        if ent.label_ == "LAW" and i + 1 < len(ents):
            nxt = ents[i + 1]  # "the Tax Act" + "of" + "1976" -> one law
            if nxt.label_ == "DATE" and nxt.start == ent.end + 1 and doc[ent.end].lower_ == "of":
                absorbed.add(i + 1)
                ent = doc[ent.start:nxt.end]
                ent_label = "LAW"
            else:
                ent_label = ent.label_
        else:
            ent_label = ent.label_
        if ent_label in ("DATE", "CARDINAL") and day_after_month(ent):  # "the Sept." + "29" + "trial date"
            ent, ent_label = doc[ent.start - 1:ent.end], "DATE"
        if ent_label == "DATE":
            cut = month_day_head(ent) or _before_duration(ent)
            if cut is not None:  # "June 9, seven days after": the day, then the rest as its own fact
                rest = _fact_of(doc[cut.end + 1:ent.end], "DATE", published) if cut.end + 1 < ent.end else None
                ent = cut
                if rest is not None:
                    facts.append(rest)
        if ent_label in NAME_LABELS and all(t.like_num or not t.is_alpha for t in ent):
            ent_label = "CARDINAL"  # "the 1999 Olympics" with "1999" tagged EVENT: a number, not a name
        if ent_label == "CARDINAL" and len(ent) == 1 and year_like(ent[0]):
            ent_label = "DATE"  # "the 1996 Olympics", "restate its 2000 results"
        if ent_label in ("CARDINAL", "MONEY", "QUANTITY"):
            ent, ent_label = _extend_numeric(ent, ent_label)
        fact = _fact_of(ent, ent_label, published)
        if fact is None and ent_label == "DATE":
            parts = _date_range(ent, published)  # "between May and April", "July 1, 2019 to June 30, 2020"
            if parts:
                facts.extend(parts)
                continue
        if fact is None and ent_label == "DATE" and any(t.like_num for t in ent) \
                and not any(t.shape_ == "dddd" for t in ent):  # "Between 50 and 100" tagged DATE
            fact = _fact_of(ent, "CARDINAL", published)
        if fact is not None:
            facts.append(fact)
    # digits of entities that gave no fact stay free for the bare-number pass
    # digits inside names ("Flight 77", "Windows Server 2003") are facts of their own too (a law's year is not)
    # character offsets covered by facts, once (a per-token scan over facts is quadratic in long sentences)
    in_any = {i for f in facts for i in range(f.start, f.end)}
    in_number_owner = {i for f in facts if not (f.kind == "name" and f.unit != "LAW") for i in range(f.start, f.end)}
    covered = {t.i for e in ents for t in e
               if e.label_ == "TIME" or t.idx in (in_number_owner if t.like_num else in_any)}
    facts.extend(_bare_numbers(doc, start, end, covered, published))
    facts.extend(_bare_months(doc, start, end, covered, facts, published))
    facts = word_numbers(doc, start, end, facts)
    facts = scores(doc, start, end, facts)
    facts = numeric_dates(doc, start, end, facts, published)
    inside = [f for f in facts if start <= f.start and f.end <= end]  # glue never leaves the claim
    return tuple(sorted(inside, key=lambda f: (f.start, f.end, f.kind)))


def _extend_numeric(span: Any, label: str) -> tuple[Any, str]:
    """Take in what NER left out: "$" + "10bn", "1.2" + "m", "300" + "euros" (-> MONEY)."""
    from comparator.facts.numbers import _SCALES, CURRENCIES, VULGAR

    doc, start, end = span.doc, span.start, span.end
    while start > 0 and doc[start - 1].lower_ in CURRENCIES and not doc[start - 1].is_alpha:
        start -= 1
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and doc[end + 1].lower_ in _SCALES and doc[end - 1].like_num:
        end += 2  # "$100-million"
    while end < len(doc) and doc[end].lower_ in _SCALES and doc[end].lower_ not in ("hundred", "dozen") \
            and doc[end - 1].like_num:
        end += 1
    if end + 1 < len(doc) and doc[end].lower_ == "percentage" and doc[end + 1].lemma_.lower() == "point":
        return doc[start:end + 2], "PERCENT"  # "2 percentage points": kept apart from "2 percent"
    if end < len(doc) and (doc[end].lower_ in ("percent", "%") or (
            doc[end].lower_ == "per" and end + 1 < len(doc) and doc[end + 1].lower_ == "cent")):
        end += 1 if doc[end].lower_ != "per" else 2
        return doc[start:end], "PERCENT"
    if end < len(doc) and doc[end].lower_ in CURRENCIES and doc[end].is_alpha \
            and doc[end].lower_ not in ("pound", "pounds"):  # weight as often as money
        end += 1
    if end < len(doc) and len(doc[end].text) == 1 and VULGAR.fullmatch(doc[end].text) and doc[end - 1].like_num:
        end += 1  # "2" + "½"
    wider = doc[start:end]
    if any(t.lower_ in CURRENCIES for t in wider):
        label = "MONEY"
    return wider, label


#: words that open a length of time NER ran into a date: "March 8 after eight months of repairs"
_DURATION_OPENERS = frozenset({"after", "before", "following", "for"})  # "a year for a decade": a rate, then a length


def _before_duration(span: Any) -> Any | None:
    """The date part of a DATE entity that runs on into a duration ("on Friday, March 8 after eight months"
    -> "Friday, March 8"; the caller reads the rest, "eight months", as a duration), or None. The rest must be
    a number and a unit of time with nothing relative ("two years later") in it."""
    toks = list(span)
    for k, t in enumerate(toks[1:-1], start=1):
        if t.lower_ not in _DURATION_OPENERS:
            continue
        rest = toks[k + 1:]
        if any(r.lower_ in _RELATIVE_WORDS for r in rest) or not any(r.like_num or r.lower_ in ("a", "an") for r in rest):
            return None
        if not any(r.lemma_.lower() in _TIME_UNITS for r in rest):
            return None
        return span.doc[toks[0].i:t.i]
    return None


def _span_text(span: Any) -> tuple[str, int, int]:
    """Text and offsets of a span without a leading article ("the") or trailing possessive."""
    tokens = list(span)
    while tokens and tokens[0].lower_ in ("the", "a", "an") and len(tokens) > 1 \
            and not (tokens[0].lower_ != "the" and tokens[1].lower_ in ("dozen", "half", "score")):  # "a dozen" is 12
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].tag_ == "POS":
        tokens = tokens[:-1]
    s, e = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return span.doc[tokens[0].i:tokens[-1].i + 1].text, s, e  # Doc.text would join every token


def _qualifier(span: Any, text: str) -> str | None:
    """'over', 'roughly'... inside the span or in the two words before it."""
    from comparator.facts.numbers import QUALIFIERS

    before = " ".join(t.lower_ for t in span.doc[max(span.start - 2, 0):span.start])
    inside = " " + " ".join(text.lower().split()) + " "
    for q in sorted(QUALIFIERS, key=len, reverse=True):
        if inside.startswith(f" {q} ") or (" " + before + " ").endswith(f" {q} "):
            return q
    return None


def anchor_of(span: Any) -> str | None:
    """What a fact is about: the noun a number counts, the word a date or name hangs on."""
    root = span.root
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "poss", "npadvmod") and head != root:
        while head.dep_ in ("compound", "amod") and head.head != head and head.pos_ in ("NOUN", "PROPN", "ADJ"):
            head = head.head
        if head.pos_ == "PROPN" and (root.like_num or root.pos_ == "NUM"):
            counted = noun_after_names(span)
            if counted is not None:
                return counted.lemma_.lower()  # "2,100 Kroger and Fry's Food stores" counts stores
        if head.pos_ in ("NOUN", "PROPN", "VERB", "ADJ"):
            return head.lemma_.lower()
    for child in root.children:  # "millions of aliens", "47,000 of them"
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0].lemma_.lower()
    while head.dep_ == "prep" and head.head != head:
        head = head.head
    if head != root and head.pos_ in ("NOUN", "PROPN", "VERB", "AUX", "ADJ"):
        return head.lemma_.lower()
    return None


def one_of(span: Any) -> bool:
    """Whether a number span is the partitive "one of" ("one of several cities", "one of the few"): it
    picks a member of a group and counts nothing, so it is not a quantity fact."""
    doc = span.doc
    return span.text.lower() == "one" and span.end < len(doc) and doc[span.end].lower_ == "of"


#: words that join the two ends of a range inside a QUANTITY span
_RANGE_WORDS = frozenset({"to", "through", "between", "and", "from"})


def _fact_of(span: Any, label: str, published: str | None) -> Fact | None:
    text, s, e = _span_text(span)
    if label == "DATE" and text.isdigit() and len(text) < 4:
        label = "CARDINAL"  # "Peterson, 61," is an age, not the year 1961
    anchor = anchor_of(span)
    if label == "CARDINAL" and one_of(span):
        return None  # "one of several mid-sized cities": a member of a group, not a count
    if label in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT"):
        words = [t for t in span if not (t.is_alpha and t.lemma_.lower() in _TIME_UNITS)]
        bare = text.replace("percentage points", "").replace("percentage point", "")
        num = parse_number(bare if label != "QUANTITY" else " ".join(
            t.text for t in words if t.like_num or t.lower_ in _RANGE_WORDS))  # "300,000 to 1.4 million"
        if num is None:
            return None
        qualifier = num.qualifier or _qualifier(span, text)
        kind = {"MONEY": "money", "PERCENT": "percent"}.get(label, "quantity")
        if kind == "money" and currency_of(text) is None:
            kind = "quantity"  # "more than 80 million people" tagged MONEY
        if kind == "money" and "£" not in text and "pound" in text.lower():
            kind = "quantity"  # "100 pounds overweight": a weight as often as money
        if "%" in text or "percent" in text.lower() or "per cent" in text.lower():
            kind = "percent"
        unit = currency_of(text) if kind == "money" else ("%" if kind == "percent" else None)
        if "percentage point" in text.lower():
            kind, unit = "percent", "pp"
        if label == "QUANTITY":
            words = [t.lemma_.lower() for t in span if t.is_alpha and not t.like_num and t.lower_ not in QUALIFIER_WORDS]
            unit = UNIT_ABBREVIATIONS.get(words[-1], words[-1]) if words else None
        elif kind == "quantity":
            unit = _hyphen_unit(span) or ("pound" if "pound" in text.lower() else None) or age_unit(span)
        normal = _number_normal(kind, num, unit, qualifier)
        if unit == "pp":
            normal = normal[:-1] + "pp"
        return Fact(kind=kind, text=text, start=s, end=e, normal=normal, value=num.value, unit=unit,
                    qualifier=qualifier, approximate=_approximate(qualifier, num), anchor=anchor)
    if label == "DATE" and parse_date(text) is not None and parse_date(text).until is not None:
        duration = None  # "the 19th century", "the 1990s": a range of years, not a length of time
    elif label in ("DATE", "TIME"):
        duration = _duration(span)
    if label in ("DATE", "TIME"):
        if duration is not None and is_age(span):  # "52-year-old", "30 years old": an age, not a span of time
            num, unit = duration
            qualifier = num.qualifier or _qualifier(span, text)
            return Fact(kind="quantity", text=text, start=s, end=e, normal=_number_normal("quantity", num, "age", qualifier),
                        value=num.value, unit="age", qualifier=qualifier, approximate=_approximate(qualifier, num),
                        anchor=anchor)
        if duration is not None:
            num, unit = in_base_unit(*duration)  # "two decades" -> 20 years, comparable with "12 years"
            qualifier = num.qualifier or _qualifier(span, text)
            return Fact(kind="duration", text=text, start=s, end=e,
                        normal=_number_normal("duration", num, unit, qualifier), value=num.value,
                        unit=unit, qualifier=qualifier, approximate=_approximate(qualifier, num),
                        anchor=anchor)
        if label == "TIME":
            if any(t.lower_ not in ("second", "last") and parse_ordinal(t.lower_) is not None for t in span):
                return None  # "in the 89th minute" of a match: not a clock time
            qualifier = _qualifier(span, text)
            clock = parse_time(text[len(qualifier):] if qualifier and text.lower().startswith(qualifier) else text)
            if clock is None:
                return None
            return Fact(kind="time", text=text, start=s, end=e, normal=clock, value=clock, anchor=anchor,
                        qualifier=qualifier, approximate=qualifier is not None, unit=time_zone(span))
        from comparator.facts.tense import clause_tense

        if not lone_month_is_date(span):
            return None  # "Theresa May", "May we ask": a word that only looks like a month
        date = parse_date(text, published, clause_tense(span))
        if date is None:
            return None
        if date.qualifier and date.day is None and deadline(span):  # "by the end of March": not a range of days
            date = dataclasses.replace(date, qualifier=f"by {date.qualifier}")
        return Fact(kind="date", text=text, start=s, end=e, normal=date.normal,
                    value=date.normal, unit=date.period, qualifier=date.qualifier,
                    approximate=date.qualifier is not None or date.period in ("week", "year"),
                    anchor=anchor)
    if label == "ORDINAL":
        value = parse_ordinal(text)
        if value is None:
            return None
        return Fact(kind="ordinal", text=text, start=s, end=e, normal=f"#{value}", value=value,
                    anchor=anchor)
    if label in NAME_LABELS:
        name = clean_name(text, label)
        if not name:
            return None
        return Fact(kind="name", text=text, start=s, end=e, normal=name_key(name), value=name,
                    unit=label, anchor=_name_role(span))
    return None


def _name_role(span: Any) -> str:
    """The grammatical role of a name: 'subject', 'object', 'of' (pobj of "of"), 'appos'..."""
    root = span.root
    while root.dep_ in ("compound", "appos", "conj") and root.head != root:
        root = root.head
    dep = root.dep_
    if dep in ("nsubj", "nsubjpass", "csubj"):
        return "subject"
    if dep in ("dobj", "obj"):
        return "object"
    if dep == "pobj":
        return root.head.lower_
    return dep


def _date_range(span: Any, published: str | None) -> list[Fact]:
    """The two ends of a date range that dateparser cannot read as one date."""
    seps = [t for t in span if t.lower_ in ("to", "and", "through", "until", "-", "\u2013")]
    if len(seps) != 1:
        return []
    sep = seps[0]
    out = []
    for part in (span.doc[span.start:sep.i], span.doc[sep.i + 1:span.end]):
        toks = [t for t in part if t.lower_ not in ("between", "from")]
        if not toks:
            return []
        sub = span.doc[toks[0].i:toks[-1].i + 1]
        fact = _fact_of(sub, "DATE", published)
        if fact is None or fact.kind != "date":
            return []
        out.append(fact)
    return out


def _hyphen_unit(span: Any) -> str | None:
    """'three-term congressman' -> 'term': a number glued to a noun measures that noun."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "-" and not doc[span.end].whitespace_ \
            and doc[span.end + 1].is_alpha:
        return doc[span.end + 1].lemma_.lower()
    return None


def _duration(span: Any) -> tuple[Number, str] | None:
    """'five-year', '15 years', 'two weeks' -> (number, unit); relative dates are not durations."""
    lows = [t.lower_ for t in span]
    if any(w in _RELATIVE_WORDS for w in lows):
        return None
    ordinal = any(parse_ordinal(w) is not None and w not in ("second", "last") for w in lows)
    if ordinal and not any(t.like_num and parse_ordinal(t.lower_) is None for t in span):
        return None  # "in the 89th minute", "the third day": a point in time ("the first 30 seconds" is a length)
    units = [t.lemma_.lower() for t in span if t.lemma_.lower() in _TIME_UNITS or t.lower_.rstrip("s") in _TIME_UNITS]
    nums = [t.text for t in span if t.like_num or t.lower_ in ("a", "an", "half")]
    if not units or not nums:
        return None
    num = parse_number(number_words(span.text))
    if num is None and any(w in ("a", "an") for w in lows):
        prev = span.doc[span.start - 1] if span.start > 0 else None
        if prev is not None and (prev.like_num or prev.lower_ in _RATE_WORDS or prev.ent_type_ == "MONEY"
                                 or not prev.is_alpha and prev.lower_ in ("$", "€", "£", "%")):
            return None  # "$5 million a year", "twice a week": a rate, not a length of time
        num = Number(1.0)  # "a decade", "an hour"
    if num is None:
        return None
    unit = units[-1].rstrip("s") if units[-1].rstrip("s") in _TIME_UNITS else units[-1]
    return num, unit


def _number_normal(kind: str, num: Number, unit: str | None, qualifier: str | None) -> str:
    value = format_value(num.value)
    if num.high is not None:
        value += ".." + format_value(num.high)
    parts = [p for p in (qualifier, unit if kind != "percent" else None, value) if p]
    if kind == "percent":
        parts.append("%")
    return " ".join(parts)


def _approximate(qualifier: str | None, num: Number) -> bool:
    return num.vague or (qualifier is not None and qualifier in _APPROX)


def _bare_numbers(doc: Any, start: int, end: int, covered: set[int], published: str | None = None) -> Iterable[Fact]:
    """Digit numbers spaCy's NER left out ("7.6m", "68.6 per cent", "US$10 million", a year)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    out: list[Fact] = []
    for tok in span:
        glued = GLUED_NUMBER.fullmatch(tok.text) if tok.i not in covered else None
        if glued:  # "CAC-40", "F-16": the number of a name written as one token
            num = parse_number(glued.group(1))
            if num is not None:
                out.append(Fact(kind="quantity", text=glued.group(1), start=tok.idx + glued.start(1),
                                end=tok.idx + glued.end(1), normal=format_value(num.value), value=num.value,
                                unit=tok.text[:glued.start(1) - 1].lower(), anchor=anchor_of(doc[tok.i:tok.i + 1])))
            continue
        if tok.i in covered or not tok.like_num or not any(ch.isdigit() for ch in tok.text):
            continue
        if tok.i > 0 and doc[tok.i - 1].text in ("#", "No.", "no."):
            continue
        if out and out[-1].start <= tok.idx < out[-1].end:
            continue  # taken in by the previous number ("10" of "US$10 million")
        sub, label = doc[tok.i:tok.i + 1], "DATE" if year_like(tok) else "CARDINAL"
        if tok.i > span.start and month_name(doc[tok.i - 1]) and doc[tok.i - 1].i not in covered \
                and tok.shape_ in ("d", "dd"):
            sub, label = doc[tok.i - 1:tok.i + 1], "DATE"  # "December 7" that NER left untagged
        elif label == "CARDINAL":
            sub, label = _extend_numeric(sub, label)
        fact = _fact_of(sub, label, published)
        if fact is not None and not any(t.i in covered for t in sub):
            out.append(fact)
    return out


def _bare_months(doc: Any, start: int, end: int, covered: set[int], taken: list[Fact],
                 published: str | None = None) -> Iterable[Fact]:
    """Month names NER left untagged ("in the month of June", "last May")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    out = []
    taken_chars = {i for f in taken for i in range(f.start, f.end)}
    for tok in span:
        if tok.i in covered or tok.idx in taken_chars or not month_name(tok):
            continue
        fact = _fact_of(doc[tok.i:tok.i + 1], "DATE", published)
        if fact is not None:
            out.append(fact)
    return out


