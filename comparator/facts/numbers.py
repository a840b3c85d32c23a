"""Numbers in news prose: "7.6 million", "forty-seven thousand", "$10bn", "over 47,000".

spaCy finds the spans (CARDINAL, MONEY, PERCENT, QUANTITY...) and ``token.like_num``;
this module only adds the glue it lacks: turning the words into a value, reading
the qualifier ("over", "roughly") and deciding whether two written values agree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1, "single": 1,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {
    "hundred": 100, "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "dozen": 12,
}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "last": -1,
}
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}

#: qualifier phrase -> (low factor, high factor) applied to the value.
QUALIFIERS: dict[str, tuple[float, float]] = {
    # lower bounds: "over 47,000" is read as "somewhat over" (up to +50%), not "any number above"
    "over": (1.0, 1.5), "more than": (1.0, 1.5), "at least": (1.0, 1.5), "upwards of": (1.0, 1.5),
    "in excess of": (1.0, 1.5), "above": (1.0, 1.5), "well over": (1.0, 2.0), "just over": (1.0, 1.1),
    # upper bounds: "up to 40", "fewer than 10"
    "under": (0.5, 1.0), "less than": (0.5, 1.0), "fewer than": (0.5, 1.0), "up to": (0.5, 1.0),
    "at most": (0.5, 1.0), "below": (0.5, 1.0), "as many as": (0.5, 1.0), "as much as": (0.5, 1.0),
    "as high as": (0.5, 1.0), "as few as": (1.0, 1.5), "as little as": (1.0, 1.5), "as low as": (1.0, 1.5), "just under": (0.9, 1.0), "nearly": (0.85, 1.0),
    "almost": (0.85, 1.0), "close to": (0.85, 1.02), "nearly all": (0.85, 1.0),
    # approximations
    "about": (0.85, 1.15), "around": (0.85, 1.15), "roughly": (0.85, 1.15),
    "approximately": (0.85, 1.15), "some": (0.85, 1.15), "an estimated": (0.8, 1.2),
    "estimated": (0.8, 1.2), "more or less": (0.85, 1.15),
}
#: plural scale words used vaguely: "millions of", "thousands of" -> (lowest, highest) value meant.
#: "hundreds" is read as 100-999 (so "more than 150" fits it), "dozens" as 24-144 (two to twelve dozen).
_VAGUE_SCALES = {"dozens": (24, 144), "scores": (40, 200), "hundreds": (100, 999), "thousands": (1e3, 9999),
                 "millions": (1e6, 9.99e6), "billions": (1e9, 9.99e9)}
#: "tens of thousands", "hundreds of thousands": a vague count of a scale
_VAGUE_OF = re.compile(r"(?:several\s+|many\s+)?(tens|dozens|hundreds)\s+of\s+(thousands|millions|billions)")
#: "half a million", "a quarter million", "a quarter of a million", "three-quarters of a billion"
_FRACTION_OF = re.compile(r"(?:(a|one|two|three)[\s-]+)?(half|halves|quarter|quarters|third|thirds)[\s-]+(?:of\s+)?"
                          r"(?:a|an|one)?\s*(thousand|million|billion|trillion|dozen)")
#: a share written in words: "two-thirds", "three quarters", "half"
_SHARE = re.compile(r"(?:(a|one|two|three)[\s-]+)?(half|quarter|quarters|third|thirds)")
_FRACTION_VALUE = {"half": 0.5, "halves": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3, "thirds": 1 / 3}
_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, None: 1}
#: a vague count of a scale word: "several hundred", "a few thousand", "a couple of million" -> the range of
#: counts meant (read loosely, so that "several hundred" fits "roughly 300" and "a few hundred" "nearly 400")
VAGUE_COUNTS = {"several": (2, 9), "a few": (2, 6), "few": (2, 6), "a couple of": (2, 3), "a couple": (2, 3),
                "a handful of": (2, 5)}
_VAGUE_COUNT = re.compile(r"\b(several|a few|few|a couple of|a couple|a handful of)\s+(hundred|thousand|million|billion|dozen)\b")
#: a ratio read as a share: "four in ten", "one out of five", "three of every four"
RATIO = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3})\s+(?:in|out\s+of|of\s+every)\s+"
                   r"(two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|a\s+hundred|\d{1,4})\b", re.I)
CURRENCIES = {"$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD", "usd": "USD",
              "€": "EUR", "euro": "EUR", "euros": "EUR", "eur": "EUR", "£": "GBP", "pound": "GBP",
              "pounds": "GBP", "gbp": "GBP", "¥": "JPY", "yen": "JPY", "cents": "USD-cent",
              "c$": "CAD", "a$": "AUD"}

_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
_WORD = re.compile(r"(?:us|c|a)\$|[a-z]+|\d[\d,]*(?:\.\d+)?|\.\d+|[$€£¥%]")


@dataclass(frozen=True)
class Number:
    """A parsed number: value, the qualifier that bounds it, and its written precision."""

    value: float
    qualifier: str | None = None
    step: float = 0.0  # half-width implied by rounding ("7.6 million" -> 50,000)
    high: float | None = None  # upper end of a range ("10 to 20")
    vague: bool = False  # "millions of"
    coarse: float = 0.0  # half a unit of the last digit of a whole number: "17" -> 0.5, "7 million" -> 500,000

    def interval(self) -> tuple[float, float]:
        """The values this written number allows, qualifier and rounding included."""
        step = self.step or (_implicit_step(self.value) if self.qualifier is None else 0.0)
        low, high = self.value - step, (self.high if self.high is not None else self.value) + step
        if self.vague:
            return self.value, (self.high if self.high is not None else self.value * 10)
        if self.qualifier in QUALIFIERS:
            lo_f, hi_f = QUALIFIERS[self.qualifier]
            top = self.high if self.high is not None else self.value
            low, high = min(low, self.value * lo_f), max(high, top * hi_f)
            if hi_f <= 1.0:
                high = top * hi_f + step
            if lo_f >= 1.0:
                low = self.value * lo_f - step
        return low, high


def _implicit_step(value: float) -> float:
    """Round numbers ("300", "47,000") are often rounded in news copy: allow 2%."""
    if value >= 100 and value == int(value) and int(value) % 100 == 0:
        return 0.02 * value
    return 0.0


def _digits(token: str) -> tuple[float, float] | None:
    """'47,000' -> (47000, 0); '7.6' -> (7.6, 0.05) as (value, half-step of last decimal)."""
    token = token.replace(",", "")
    try:
        value = float(token)
    except ValueError:
        return None
    decimals = len(token.split(".", 1)[1]) if "." in token else 0
    return value, (0.5 * 10 ** -decimals if decimals else 0.0)


def words_to_number(words: list[str]) -> tuple[float, float] | None:
    """Value and half-step of a tokenised number: ['7.6','million'], ['forty','seven','thousand']."""
    total, current, step, seen, last_digits = 0.0, 0.0, 0.0, False, False
    for w in words:
        if w in ("and", "-", "point"):
            continue
        d = _digits(w) if w[0].isdigit() or w[0] == "." else None
        if d is not None:
            if last_digits or (seen and current and current % 1000):  # "10 20", "500,000 1.6": two numbers
                return None
            last_digits = True
            current += d[0]
            step = d[1]
            seen = True
        elif w in _UNITS:
            current += _UNITS[w]
            seen, last_digits = True, False
        elif w in _TENS:
            current += _TENS[w]
            seen, last_digits = True, False
        elif w in _SCALES and seen:
            last_digits = False
            scale = _SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                step *= scale
                current = 0.0
        elif w in _FRACTIONS and seen:
            current *= _FRACTIONS[w]
        else:
            return None
    if not seen:
        return None
    return total + current, step


#: Unicode vulgar fractions ("2 ½", "¾"), read with :func:`unicodedata.numeric`
VULGAR = re.compile(r"(\d*)\s?([\u00bc-\u00be\u2150-\u215e])")


def _vulgar(m: re.Match[str]) -> str:
    import unicodedata

    return format_value(float(m.group(1) or 0) + unicodedata.numeric(m.group(2)))


def _split(text: str) -> list[str]:
    text = VULGAR.sub(_vulgar, text)  # "2 ½" -> "2.5"
    text = text.lower().replace("\u2011", "-").replace("\u2013", " to ").replace("\u2014", " to ")
    # "10bn", "1.2m", "$5k": split a scale suffix from its digits
    text = re.sub(r"(\d)(bn|mn|mln|tn|m|b|k)\b", r"\1 \2", text)
    text = re.sub(r"(\d)\s*-\s*(\d)", r"\1 to \2", text)
    return _WORD.findall(text)


#: Longest run of digits read as a number (a 309-digit figure overflows a float).
MAX_DIGITS = 30


def parse_number(text: str) -> Number | None:
    """Parse the number in a span ("over 47,000", "forty-seven thousand", "10 to 20").

    Returns ``None`` when no number can be read. Currency and unit words are ignored
    here (see :func:`currency_of`); so are numbers with more than :data:`MAX_DIGITS`
    digits or beyond a float's range (not a fact anyone reports).
    """
    if re.search(rf"\d{{{MAX_DIGITS + 1}}}", text.replace(",", "").replace(".", "")):
        return None
    number = _parse_number(text)
    if number is None or not all(math.isfinite(v) for v in (number.value, number.high or 0.0)):
        return None
    return number


def _parse_number(text: str) -> Number | None:
    low = " " + " ".join(_split(text)) + " "
    qualifier = None
    for q in sorted(QUALIFIERS, key=len, reverse=True):
        if f" {q} " in low:
            qualifier = q
            low = low.replace(f" {q} ", " ", 1)
            break
    phrase = " ".join(low.split())
    m = _VAGUE_OF.search(phrase)
    if m:  # "tens of thousands" = 10,000-99,999
        scale = _SCALES[m.group(2).rstrip("s")]
        lo, hi = {"tens": (10, 99), "dozens": (24, 144), "hundreds": (100, 999)}[m.group(1)]
        return Number(lo * scale, qualifier, high=hi * scale, vague=True)
    m = _VAGUE_COUNT.search(phrase)
    if m:  # "several hundred" = 200-900
        lo, hi = VAGUE_COUNTS[m.group(1)]
        return Number(lo * _SCALES[m.group(2)], qualifier, high=hi * _SCALES[m.group(2)], vague=True)
    m = _FRACTION_OF.search(phrase)
    if m:  # "half a million" = 500,000
        value = _COUNT.get(m.group(1), 1) * _FRACTION_VALUE[m.group(2)] * _SCALES[m.group(3)]
        return Number(value, qualifier, coarse=0.02 * value)
    words = [w for w in low.split() if w not in CURRENCIES and w not in ("%", "percent", "per", "cent", "of", "the")]
    if words and words[0] in ("several", "many") and len(words) == 2:
        words = words[1:]
    if len(words) == 1 and words[0] in _VAGUE_SCALES:
        lo, hi = _VAGUE_SCALES[words[0]]
        return Number(lo, qualifier, high=hi, vague=True)
    sep = "to" if "to" in words else "through" if "through" in words else ("and" if words[:1] == ["between"] and "and" in words else None)
    if sep is not None:
        i = words.index(sep)
        left = [w for w in words[:i] if w not in ("between", "from")]
        a, b = words_to_number(left), words_to_number(words[i + 1:])
        if a and b:
            scale_right = [w for w in words[i + 1:] if w in _SCALES]
            if scale_right and not any(w in _SCALES for w in left) and a[0] < 1000:  # "10 to 20 million"
                a = (a[0] * _SCALES[scale_right[-1]], a[1] * _SCALES[scale_right[-1]])
            return Number(min(a[0], b[0]), qualifier, max(a[1], b[1]), high=max(a[0], b[0]))
    parsed = words_to_number(words)
    if parsed is None:
        return None
    scale = max([_SCALES[w] for w in words if w in _SCALES and w != "dozen"] or [1])
    return Number(parsed[0], qualifier, parsed[1], coarse=0.0 if parsed[1] else 0.5 * scale)


def parse_share(text: str) -> float | None:
    """'two-thirds' -> 0.667, 'half' -> 0.5, 'three quarters' -> 0.75 (a share in words), else None."""
    m = _SHARE.fullmatch(" ".join(text.lower().replace("-", " ").split()))
    if not m or (m.group(2) in ("thirds", "quarters") and m.group(1) in (None, "a", "one")):
        return None
    return _COUNT.get(m.group(1), 1) * _FRACTION_VALUE[m.group(2)]


def parse_ratio(text: str) -> float | None:
    """'four in ten' -> 0.4, 'one out of five' -> 0.2 (a share written as a ratio), else None."""
    m = RATIO.search(text.lower())
    if not m:
        return None
    top, bottom = (words_to_number(g.split()) for g in m.groups())
    if not top or not bottom or not 0 < top[0] < bottom[0] or 1800 <= bottom[0] <= 2100:
        return None  # "won 2 in 2019": a year, not a ratio
    return top[0] / bottom[0]


#: length of a unit of time in days (a month and a year on average: 30.44 and 365.25 days)
DAYS = {"second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "fortnight": 14.0,
        "month": 30.44, "year": 365.25, "decade": 3652.5, "century": 36525.0}


#: units of time that are exact multiples of a commoner one: a duration in them is stated in that unit, so that
#: "two decades" and "12 years" compare as 20 and 12 years (a decade is 10 years, a century 100, a fortnight 2 weeks)
MULTIPLE_UNITS = {"decade": ("year", 10.0), "century": ("year", 100.0), "fortnight": ("week", 2.0)}


def in_base_unit(number: Number, unit: str) -> tuple[Number, str]:
    """A duration in a multiple unit restated in its base unit ('two decades' -> (20, 'year')); others as given."""
    if unit not in MULTIPLE_UNITS:
        return number, unit
    base, factor = MULTIPLE_UNITS[unit]
    return Number(number.value * factor, number.qualifier, number.step * factor,
                  None if number.high is None else number.high * factor, number.vague, number.coarse * factor), base


def in_days(number: Number, unit: str | None) -> Number | None:
    """A duration in ``unit`` as days ('two decades' -> 7305 days), or None for another unit."""
    factor = DAYS.get(unit or "")
    if factor is None:
        return None
    return Number(number.value * factor, number.qualifier, number.step * factor,
                  None if number.high is None else number.high * factor, number.vague, number.coarse * factor)


def parse_ordinal(text: str) -> int | None:
    """'second' -> 2, '21st' -> 21, 'last' -> -1."""
    t = text.lower().strip()
    if t in _ORDINALS:
        return _ORDINALS[t]
    m = re.fullmatch(r"(\d+)(st|nd|rd|th)", t)
    if m:
        return int(m.group(1))
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ORDINALS:
        return _TENS[parts[0]] + _ORDINALS[parts[1]]
    return None


def currency_of(text: str) -> str | None:
    """The ISO currency of a money span ("$10bn" -> "USD"), or None."""
    for w in _split(text):
        if w in CURRENCIES:
            return CURRENCIES[w]
    return None


def qualifier_class(qualifier: str | None) -> str:
    """'lower' (over, at least), 'upper' (under, up to), 'approx' (about) or 'exact'."""
    if qualifier not in QUALIFIERS:
        return "exact"
    lo_f, hi_f = QUALIFIERS[qualifier]
    if lo_f >= 1.0:
        return "lower"
    if hi_f <= 1.0:
        return "upper"
    return "approx"


#: largest share of a finer figure that a whole number may round away: "17" for 17.3 moves it 1.7 %, "4 percent"
#: for 4.4 percent 9 %, "3%" for 2.7 percent 11 % (paraphrases in MRPC); "1 trillion" for 1.2 trillion 17 % and
#: "1 million" for 1.4 million 29 % are other figures. Tuned on MRPC train (bench/eval_divergence.py).
ROUNDING_SHARE = 0.15


def _rounding(whole: Number, finer: Number) -> float:
    """Half-width a whole number may round away against a finer one: half its last digit, at most
    ROUNDING_SHARE of the finer value (less the finer value's own half-step)."""
    return min(whole.coarse, max(0.0, ROUNDING_SHARE * abs(finer.value) - finer.step))


def numbers_agree(a: Number, b: Number, tolerance: float = 0.001) -> bool:
    """Whether two written numbers can describe the same value (qualifiers, rounding).

    Two bounds of the same direction ("at least 23" / "at least 26") or two
    approximations must state the same value (within rounding, 5% for
    approximations); otherwise the ranges the qualifiers allow must overlap.
    """
    if a.high is not None and b.high is not None and not (a.vague or b.vague):  # two ranges: both ends must agree
        return numbers_agree(Number(a.value, None, a.step), Number(b.value, None, b.step), tolerance) and \
            numbers_agree(Number(a.high, None, a.step), Number(b.high, None, b.step), tolerance)
    for x, y in ((a, b), (b, a)):  # "as many as 1.5 million" states the top of "500,000 to 1.6 million"
        if qualifier_class(x.qualifier) == "upper" and x.qualifier not in ("under", "less than", "fewer than",
                                                                          "below", "nearly", "almost") \
                and y.high is not None and not y.vague and y.qualifier is None and x.high is None:
            return numbers_agree(Number(x.value, None, x.step, coarse=x.coarse),
                                 Number(y.high, None, y.step, coarse=y.coarse), tolerance)
    # a whole number against a finer one may be its rounding: "17 percent" ~ "17.3 percent", "4 percent" ~
    # "4.4 percent"; not when rounding would move the value by more than ROUNDING_SHARE ("$1 trillion" /
    # "$1.2 trillion" are two figures)
    if not a.step and b.step and a.qualifier is None:
        a = Number(a.value, a.qualifier, _rounding(a, b), a.high, a.vague)
    elif not b.step and a.step and b.qualifier is None:
        b = Number(b.value, b.qualifier, _rounding(b, a), b.high, b.vague)
    ca, cb = qualifier_class(a.qualifier), qualifier_class(b.qualifier)
    if ca == cb == "exact" and a.step and a.step == b.step and a.high is None and b.high is None:
        # same precision: "4.3" and "4.4" only touch at 4.35; values within the tolerance still agree
        return abs(a.value - b.value) < a.step or abs(a.value - b.value) <= tolerance * max(abs(a.value), abs(b.value))
    if ca == cb and ca in ("lower", "upper", "approx") and not (a.vague or b.vague):
        slack = (0.05 if ca == "approx" else tolerance) * max(abs(a.value), abs(b.value))
        step = max(a.step or _implicit_step(a.value), b.step or _implicit_step(b.value))
        return abs(a.value - b.value) <= slack + step
    a_lo, a_hi = a.interval()
    b_lo, b_hi = b.interval()
    slack = tolerance * max(abs(a.value), abs(b.value))
    return a_lo <= b_hi + slack and b_lo <= a_hi + slack


def format_value(value: float) -> str:
    """Stable text of a value for normal forms: 7600000 -> '7600000', 0.5 -> '0.5'."""
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return f"{value:.6g}"


QUALIFIER_WORDS = frozenset({"about", "around", "roughly", "approximately", "nearly", "almost", "some",
                             "over", "under", "more", "less", "than", "at", "least", "most", "up", "to",
                             "fewer", "estimated", "an", "just", "well", "close"})


_HALF_DOZEN = re.compile(r"\b(?:an?\s+)?half[\s-]+(?:an?\s+)?dozen\b", re.I)
_A_DOZEN = re.compile(r"\ban?\s+dozen\b", re.I)
_A_SCORE = re.compile(r"\ba\s+score\s+of\s+(?=(?:centur(?:y|ie)|decade|year|month|week|day|hour|minute)s\b)", re.I)


_AND_A_HALF = re.compile(r"\b(\d+|[a-z]+)\s+and\s+a\s+half\b", re.I)
_PART_OF_A = re.compile(r"\b(?:an?\s+)?(half|quarter)(?:\s+of)?[\s-]+(?:an?\s+)?"
                        r"(?=(?:centur(?:y|ie)|decade|year|month|fortnight|week|day|hour|minute)s?\b)", re.I)


def _plus_half(m: re.Match[str]) -> str:
    whole = words_to_number([m.group(1).lower()])
    return m.group() if whole is None else format_value(whole[0] + 0.5)


def number_words(text: str) -> str:
    """Only the words of a number, its qualifier and range: 'additional six to eight months' -> 'six to eight'."""
    # "a dozen" is 12 and "half a dozen" 6 (the article is otherwise dropped: "a year" is no count)
    text = _A_DOZEN.sub("one dozen", _HALF_DOZEN.sub("six", text))
    text = _A_SCORE.sub("twenty ", text)  # "a score of years" is 20 years
    # "two and a half years" is 2.5, "half a century" 0.5, "a quarter century" 0.25 (of the unit that follows)
    text = _AND_A_HALF.sub(_plus_half, text)
    text = _PART_OF_A.sub(lambda m: "0.5" if m.group(1).lower() == "half" else "0.25", text)
    keep = set(QUALIFIER_WORDS) | {"to", "and", "between", "through", "as", "many", "much"} | set(_SCALES) \
        | set(_TENS) | (set(_UNITS) - {"a", "an"})
    words = [w for w in _split(text) if w in keep or w[0].isdigit() or w[0] == "."]
    while words and words[-1] in ("to", "and", "as", "between", "through"):
        words.pop()
    return " ".join(words)
