"""Facts: number, date, ordinal and name normalisers, and extraction from spaCy docs."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from comparator.facts import attach_facts, extract_facts, facts_agree, parse_date, parse_number, parse_ordinal
from comparator.facts.dates import dates_agree, parse_time
from comparator.facts.names import TITLE_WORDS, acronym_of, clean_name, same_referent
from comparator.facts.numbers import currency_of, numbers_agree
from comparator.types import Article, Claim

# -- numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, value, qualifier", [
    ("7.6 million", 7_600_000, None),
    ("over 47,000", 47_000, "over"),
    ("forty-seven thousand", 47_000, None),
    ("47 thousand", 47_000, None),
    ("roughly $10 billion", 1e10, "roughly"),
    ("$10bn", 1e10, None),
    ("$1.2m", 1_200_000, None),
    ("four", 4, None),
    ("one hundred and five", 105, None),
    ("12 percent", 12, None),
    ("more than 2,100", 2_100, "more than"),
])
def test_parse_number(text, value, qualifier):
    num = parse_number(text)
    assert num is not None
    assert num.value == pytest.approx(value)
    assert num.qualifier == qualifier


def test_parse_number_range_and_garbage():
    num = parse_number("10 to 20 million")
    assert (num.value, num.high) == (10e6, 20e6)
    assert parse_number("between 50 and 100").high == 100
    assert parse_number("the judge") is None
    assert parse_number("10 20") is None


def test_currency():
    assert currency_of("$10bn") == "USD"
    assert currency_of("300 euros") == "EUR"
    assert currency_of("47,000") is None


@pytest.mark.parametrize("a, b, agree", [
    ("roughly $10 billion", "$10 billion", True),
    ("over 47,000", "47,000", True),
    ("over 47,000", "about 40,000", False),
    ("7.6 million", "7.3 million", False),
    ("7.6 million", "7,600,000", True),
    ("at least 23", "at least 26", False),
    ("under 10", "less than 10", True),
    ("300", "296", True),  # a round number may be rounded
    ("40", "43", False),
    ("17 percent", "17.3 percent", True),  # a whole number may round a finer one
    ("8 million", "7.3 million", False),
    ("between 50 and 100", "between 80 and 100", False),  # ranges: both ends must agree
    ("as many as 4,200", "as many as 1,200", False),
])
def test_numbers_agree(a, b, agree):
    assert numbers_agree(parse_number(a), parse_number(b)) is agree


def _words(n: int) -> str:
    """English words for 0 < n < 1,000,000 (test oracle, written independently of the parser)."""
    ones = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen " \
           "fifteen sixteen seventeen eighteen nineteen".split()
    tens = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()

    def under_1000(k: int) -> str:
        parts = []
        if k >= 100:
            parts.append(ones[k // 100] + " hundred")
            k %= 100
        if k >= 20:
            parts.append(tens[k // 10] + ("-" + ones[k % 10] if k % 10 else ""))
        elif k or not parts:
            parts.append(ones[k])
        return " ".join(parts)

    if n >= 1000:
        rest = n % 1000
        return under_1000(n // 1000) + " thousand" + (" " + under_1000(rest) if rest else "")
    return under_1000(n)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_same_value_other_form_agrees(n):
    forms = [f"{n:,}", str(n), _words(n)]
    if n % 1000 == 0:
        forms.append(f"{n // 1000} thousand")
    nums = [parse_number(f) for f in forms]
    assert all(x is not None and x.value == n for x in nums), forms
    assert all(numbers_agree(nums[0], x) for x in nums)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999_999), st.integers(min_value=1, max_value=999_999))
def test_different_value_never_agrees(n, m):
    if abs(n - m) <= 0.03 * max(n, m):  # within the rounding a round number allows
        return
    assert not numbers_agree(parse_number(f"{n:,}"), parse_number(_words(m)))


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=99), st.integers(min_value=0, max_value=9))
def test_scaled_decimals(whole, tenth):
    a = parse_number(f"{whole}.{tenth} million")
    b = parse_number(f"{whole}.{tenth}m")
    c = parse_number(f"{(whole * 10 + tenth) * 100_000:,}")
    assert a.value == pytest.approx(b.value) == pytest.approx(c.value)
    assert numbers_agree(a, c) and numbers_agree(a, b)
    other = parse_number(f"{whole}.{(tenth + 3) % 10} million")
    assert not numbers_agree(a, other)


# -- dates -----------------------------------------------------------------------------------------


def test_absolute_partial_vague():
    assert parse_date("April 7, 2025").normal == "2025-04-07"
    assert parse_date("June 5").normal == "--06-05"  # year unknown, never guessed
    assert parse_date("August 2025").normal == "2025-08"
    assert parse_date("in November").normal == "--11"
    early = parse_date("early 2025")
    assert (early.year, early.qualifier) == (2025, "early")


def test_relative_resolved_only_with_publication_date():
    assert parse_date("Thursday").relative == "thursday"
    assert parse_date("Thursday").normal == "rel:thursday"
    assert parse_date("Thursday", "2025-10-24").normal == "2025-10-23"
    assert parse_date("last week", "2025-10-24").period == "week"
    assert parse_date("yesterday", published=None).relative == "yesterday"


def test_dates_agree():
    assert dates_agree(parse_date("Aug. 7"), parse_date("August 7, 2025")) is True
    assert dates_agree(parse_date("June 5"), parse_date("June 24")) is False
    assert dates_agree(parse_date("early 2025"), parse_date("March 3, 2025")) is True
    assert dates_agree(parse_date("2024"), parse_date("March 3, 2025")) is False
    assert dates_agree(parse_date("Monday"), parse_date("Friday")) is None  # unresolved: not compared


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2040, 12, 31)),
       st.integers(min_value=1, max_value=300))
def test_date_forms(day, shift):
    forms = [day.strftime("%B %-d, %Y"), day.strftime("%b. %-d, %Y"), day.isoformat(),
             day.strftime("%-d %B %Y")]
    values = [parse_date(f) for f in forms]
    assert {v.normal for v in values} == {day.isoformat()}, forms
    other = parse_date((day + dt.timedelta(days=shift)).strftime("%B %-d, %Y"))
    assert dates_agree(values[0], other) is False


def test_times():
    assert parse_time("5:05 p.m.") == "T17:05"
    assert parse_time("7 p.m. EDT") == "T19:00"
    assert parse_time("this morning") is None  # no clock time stated: never invented


def test_time_with_qualifier_is_not_a_number(nlp):
    text = "A jet spotted them around 5 p.m. Tuesday."
    facts = extract_facts(nlp(text), 0, len(text))
    assert [(f.kind, f.text, f.normal, f.qualifier) for f in facts] == [
        ("time", "around 5 p.m.", "T17:00", "around"), ("date", "Tuesday", "rel:tuesday", None)]


# -- ordinals and names ----------------------------------------------------------------------------


def test_ordinals():
    assert parse_ordinal("second") == 2
    assert parse_ordinal("21st") == 21
    assert parse_ordinal("twenty-first") == 21
    assert parse_ordinal("judge") is None


def test_names():
    assert clean_name("U.S. District Judge Indira Talwani") == "Indira Talwani"
    assert clean_name("the Department of Homeland Security") == "Department of Homeland Security"
    assert clean_name("Talwani's") == "Talwani"
    assert clean_name("former President Barack Obama") == "Barack Obama"
    assert acronym_of("Internal Revenue Service") == "IRS"
    assert acronym_of("Immigration and Customs Enforcement") == "ICE"
    assert acronym_of("the Department of Homeland Security") == "DHS"
    assert same_referent("Judge Talwani", "Indira Talwani")
    assert same_referent("IRS", "Internal Revenue Service")
    assert not same_referent("Indira Talwani", "Colleen Kollar-Kotelly")
    assert not same_referent("Barack Obama", "Bill Clinton")


# -- extraction from spaCy -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from comparator.nlp import load_nlp

    return load_nlp()


TEXT = ("The plaintiffs were four community groups. A court in 2024 cited the Tax Act of 1976. "
        "ICE transferred over 47,000 addresses in August 2025, a judge said on Thursday. "
        "He got a five-year sentence for leaking 15 years of records. She is the second judge to rule.")


def test_extract_facts(nlp):
    doc = nlp(TEXT)
    facts = extract_facts(doc, 0, len(TEXT))
    for f in facts:
        assert TEXT[f.start:f.end] == f.text
    by_text = {f.text: f for f in facts}
    assert by_text["four"].value == 4 and by_text["four"].anchor == "group"
    assert by_text["Tax Act of 1976"].kind == "name" and by_text["Tax Act of 1976"].unit == "LAW"
    assert by_text["over 47,000"].qualifier == "over" and by_text["over 47,000"].value == 47000
    assert by_text["over 47,000"].anchor == "address"
    assert by_text["August 2025"].normal == "2025-08"
    assert by_text["Thursday"].normal == "rel:thursday"
    assert (by_text["five-year"].kind, by_text["five-year"].value, by_text["five-year"].unit) == ("duration", 5, "year")
    assert (by_text["15 years"].kind, by_text["15 years"].value) == ("duration", 15)
    assert by_text["second"].kind == "ordinal" and by_text["second"].value == 2
    assert "1976" not in by_text  # folded into the law's name


def test_money_glue(nlp):
    text = "The firm lost $10bn, or 300 euros a share, and 8.8 per cent of its value."
    facts = {f.text: f for f in extract_facts(nlp(text), 0, len(text))}
    assert facts["$10bn"].kind == "money" and facts["$10bn"].unit == "USD" and facts["$10bn"].value == 1e10
    assert facts["300 euros"].unit == "EUR"
    assert facts["8.8 per cent"].kind == "percent"


def test_attach_facts_resolves_relative_dates_and_skips_boilerplate(nlp):
    text = "A judge ruled on Thursday. All rights reserved 2025."
    art = Article(id="a", outlet="A", text=text, published="2025-10-24")
    claims = (Claim(id="a:0", article="a", index=0, paragraph=0, text=text[:26], start=0, end=26),
              Claim(id="a:1", article="a", index=1, paragraph=0, text=text[27:], start=27, end=len(text),
                    boilerplate=True))
    out = attach_facts(claims, {"a": nlp(text)}, [art])
    assert [f.normal for f in out[0].facts] == ["2025-10-23"]
    assert out[1].facts == ()


def test_facts_agree_across_forms(nlp):
    a = "ICE got 47,000 addresses on Aug. 7 for $10bn."
    b = "ICE got forty-seven thousand addresses on August 7 for roughly $10 billion."
    fa = [f for f in extract_facts(nlp(a), 0, len(a)) if f.kind != "name"]
    fb = [f for f in extract_facts(nlp(b), 0, len(b)) if f.kind != "name"]
    assert [f.kind for f in fa] == [f.kind for f in fb]
    assert all(facts_agree(x, y) for x, y in zip(fa, fb))


_NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9).map(str.capitalize).filter(
    lambda w: w.lower() not in TITLE_WORDS)  # a name, not "Judge" or "Then"


@settings(max_examples=300, deadline=None)
@given(_NAME, _NAME, _NAME, st.sampled_from(["Judge", "U.S. District Judge", "former President", "Secretary"]))
def test_name_forms_property(given_name, surname, other, title):
    full = f"{given_name} {surname}"
    assert same_referent(f"{title} {full}", full)
    assert same_referent(f"{surname}'s", full)
    assert clean_name(f"{title} {full}") == full
    from rapidfuzz import fuzz

    if fuzz.ratio(other.lower(), surname.lower()) < 60:  # another surname: another person
        assert not same_referent(f"{given_name} {other}", full)
        assert not same_referent(f"{title} {other}", full)


def test_same_precision_numbers_must_be_equal():
    assert not numbers_agree(parse_number("4.3 billion"), parse_number("4.4 billion"))
    assert numbers_agree(parse_number("4.3 billion"), parse_number("4.35 billion"))
    assert numbers_agree(parse_number("109.54"), parse_number("109.51"))  # within the 0.1% tolerance
    assert parse_number("US$10 million").value == 1e7 and currency_of("US$10 million") == "USD"


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=900), st.integers(min_value=1, max_value=9))
def test_years_ago_compared_by_count(n, extra):
    same = dates_agree(parse_date(f"{n} years ago"), parse_date(f"{n} years ago"))
    other = dates_agree(parse_date(f"{n} years ago"), parse_date(f"{n + extra} years ago"))
    assert same is True
    assert other is numbers_agree(parse_number(str(n)), parse_number(str(n + extra)))  # "100" allows rounding
    assert other is False or n + extra >= 100  # a round hundred allows 2%
    # weeks and days are never guessed: the articles may be published days apart
    assert dates_agree(parse_date("two weeks ago"), parse_date("three weeks ago")) is None


def test_time_qualifier_allows_an_hour():
    from comparator.facts.compare import facts_agree as agree
    from comparator.types import Fact

    def t(text, clock, q=None):
        return Fact(kind="time", text=text, start=0, end=len(text), normal=clock, qualifier=q)
    assert agree(t("about 3 p.m.", "T15:00", "about"), t("3:22 p.m.", "T15:22")) is True
    assert agree(t("around 5 p.m.", "T17:00", "around"), t("around 2 p.m.", "T14:00", "around")) is False


def test_facts_spacy_leaves_out(nlp):
    text = ("Lena Ortiz, 30, a 47-year-old's aide, saved another $100-million by 2003; the month of June "
            "ended no later than December 7 when the Delta-40 rose 68.6 per cent at 8am (AEST).")
    facts = {f.text: f for f in extract_facts(nlp(text), 0, len(text))}
    for f in facts.values():
        assert text[f.start:f.end] == f.text
    assert facts["30"].unit == "age" and facts["47-year-old"].unit == "age"
    assert facts["$100-million"].value == 1e8
    assert facts["June"].kind == "date" and facts["June"].normal == "--06"
    assert facts["December 7"].normal == "--12-07"
    assert facts["40"].unit == "delta"
    assert facts["68.6 per cent"].kind == "percent"
    assert facts["8am"].unit == "AEST"
    assert facts["2003"].kind == "date"


def test_one_given_name_with_unlike_surnames_is_two_people():
    assert not same_referent("Aaaaaa Aaaa", "Aaaaaa Aab")  # found by the property test above
    assert not same_referent("Ann Lee", "Ann Park")
    assert same_referent("Gerhard Schroder", "Gerhard Schroeder")


@pytest.mark.parametrize("titled, name", [
    ("Councilman Tom Berger", "Tom Berger"), ("Lt. Col. Ana Reyes", "Ana Reyes"),
    ("Cllr. Ruth Obi", "Ruth Obi"), ("Assemblywoman Jo Park", "Jo Park"), ("Sgt. Lena Duarte", "Lena Duarte"),
])
def test_civic_and_abbreviated_titles_are_not_part_of_a_name(titled, name):
    assert clean_name(titled) == name and same_referent(titled, name)
