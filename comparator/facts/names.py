"""Names of people, organisations, places and laws: cleaning and "same referent?" tests.

spaCy finds the names; this glue strips what is not the name (titles such as
"U.S. District Judge", "former President", a leading "the", possessives),
builds acronyms ("Internal Revenue Service" -> "IRS") and decides whether two
names can denote the same referent (surname of a full name, acronym, rapidfuzz
near-duplicate).
"""

from __future__ import annotations

import re
import unicodedata

from comparator.honorifics import TITLES  # noqa: E402

#: title words dropped from the front of a name ("U.S. District Judge Indira Talwani").
TITLE_WORDS = frozenset("""
former acting deputy assistant associate chief senior vice late then current
us u.s. federal district circuit appeals supreme court state county city
judge justice president secretary director commissioner attorney general governor
senator sen. rep. representative congressman congresswoman mayor minister prime
chairman chairwoman chair ceo spokesman spokeswoman spokesperson ambassador
dr. dr mr. mr mrs. mrs ms. ms prof. professor gen. general col. lt. sgt. officer
king queen prince princess pope rev. sir lady lord speaker leader
trooper constable detective inspector sheriff adm. admiral capt. captain cpl. corporal sgt sergeant
lieutenant commander chancellor cardinal bishop archbishop rabbi imam witness
councilman councilwoman councilmember councillor councilor alderman alderwoman selectman supervisor
assemblyman assemblywoman assemblymember delegate lawmaker legislator trustee superintendent
marshal colonel brigadier ensign
""".split()) | frozenset(
    # every abbreviated rank, title and honorific the sentence splitter knows ("Lt.", "Cllr."):
    # one list for sentence boundaries and for names (comparator.claims.abbreviations.TITLES)
    f"{t.lower()}{dot}" for t in TITLES for dot in ("", "."))
_LEADING = ("the ", "a ", "an ")
_ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "on", "in", "&", "to", "at"})
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def clean_name(text: str, label: str | None = None) -> str:
    """'U.S. District Judge Indira Talwani's' -> 'Indira Talwani'; 'the IRS' -> 'IRS'.

    Titles are stripped from people's names only (``label`` PERSON or unknown):
    "Federal Reserve" keeps its first word.
    """
    name = " ".join(text.replace("\u2019", "'").split())
    name = _POSSESSIVE.sub("", name).strip(" ,;:-\u2014\u2013")
    low = name.lower()
    for lead in _LEADING:
        if low.startswith(lead):
            name = name[len(lead):]
            low = name.lower()
    words = name.split()
    while label in (None, "PERSON") and len(words) > 1 and words[0].lower() in TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def name_key(name: str) -> str:
    """Comparison key: lowercase ASCII words, no punctuation ('Kollar-Kotelly' -> 'kollar kotelly')."""
    return " ".join(re.findall(r"[a-z0-9]+", _ascii(name).lower()))


def acronym_of(name: str) -> str | None:
    """Initials of the capitalised words: 'Department of Homeland Security' -> 'DHS'."""
    words = [w for w in re.split(r"[\s\-]+", clean_name(name, "ORG")) if w]
    if len(words) < 2:
        return None
    letters = [w[0] for w in words if w.lower() not in _ACRONYM_SKIP and w[0].isalpha()]
    if len(letters) < 2 or not all(c.isupper() for c in letters):
        return None
    return "".join(letters)


def is_acronym(name: str) -> bool:
    """'ICE', 'U.S.', 'DHS' (all capitals, at most a few dots)."""
    bare = name.replace(".", "")
    return 2 <= len(bare) <= 8 and bare.isalpha() and bare.isupper()


def surname(name: str) -> str | None:
    """Last word of a multi-word person name, ignoring 'Jr.'/'III'."""
    words = [w for w in clean_name(name).split() if w.rstrip(".").lower() not in ("jr", "sr", "ii", "iii", "iv")]
    return words[-1] if len(words) >= 2 else None


def same_given(a: str, b: str) -> bool:
    """Given names of one person: equal, an initial ("J" / "John"), a short form ("Tim" / "Timothy") or
    another transliteration (rapidfuzz ratio >= 80, five letters or more)."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if (len(short) == 1 and long_.startswith(short)) or (len(short) >= 3 and long_.startswith(short)):
        return True
    from rapidfuzz import fuzz

    return len(short) >= 5 and fuzz.ratio(a, b) >= 80  # a transliteration: "Muqtada" / "Moqtada"


def same_referent(a: str, b: str) -> bool:
    """Whether two names can denote the same referent without further context.

    Equal keys, an acronym of the other, a surname (or given-name-dropped form) of
    the other, or a rapidfuzz near-duplicate (ratio >= 90, for spelling variants).
    """
    from rapidfuzz import fuzz

    ca, cb = clean_name(a), clean_name(b)
    ka, kb = name_key(ca), name_key(cb)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if is_acronym(ca) and acronym_of(cb) == ca.replace(".", ""):
        return True
    if is_acronym(cb) and acronym_of(ca) == cb.replace(".", ""):
        return True
    wa, wb = ka.split(), kb.split()
    if len(wa) >= 2 and len(wb) >= 2 and wa[-1] == wb[-1] and same_given(wa[0], wb[0]):
        return True  # "Tom Harrow" ~ "Thomas Harrow", "Ben Adair" ~ "Benjamin L. Adair"
    if len(wa) >= 2 and len(wb) >= 2 and wa[0] == wb[0] and fuzz.ratio(wa[-1], wb[-1]) < 60:
        return False  # one given name, two unlike surnames: two people ("Ann Lee" / "Ann Park")
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) < len(long_) and short == long_[-len(short):]:
        return True  # "Talwani" ~ "Indira Talwani"; "Homeland Security" ~ "Department of Homeland Security"
    if len(short) < len(long_) and short == long_[:len(short)] and len(short) >= 2:
        return True  # "Treasury Department" ~ "Treasury Department of ..."
    if len(short) == 1 or short[:-1] == long_[:len(short) - 1]:
        if fuzz.ratio(short[-1], long_[-1]) >= 85 and min(len(short[-1]), len(long_[-1])) >= 5:
            return True  # "Schroder" ~ "Gerhard Schroeder", "Jeffrey" ~ "Jeffery"
    return fuzz.ratio(ka, kb) >= 85 and len(ka) >= 6  # "al-Qaida" ~ "Al Qaeda"
