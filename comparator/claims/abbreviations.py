"""Abbreviations after which a sentence does not end: titles before a name, initials, months.

spaCy's English tokenizer splits ``Lt.``, ``Sgt.``, ``Supt.``, ``Insp.``...
into a word and a period, and its parser then starts a new sentence at the
name that follows (``…, police spokesperson Lt. | Hana Morrow said.``), so the
attribution is lost. :func:`continues_sentence` tells the boundary component
(:func:`comparator.nlp.set_boundaries`) that the token after such an
abbreviation continues the sentence:

- a rank, title or honorific (:data:`TITLES`) before a capitalised word or an
  initial: ``Sgt. Lena Duarte``, ``Lt. Gov. Ro``, ``Rev. A. Bo``;
- an initial (one capital letter and a period) before a capitalised word:
  ``J. R. R. Tolkien``;
- a month or a numbering abbreviation before a number: ``Jan. 9``, ``No. 14``;
- a place prefix before a capitalised word: ``St. Clair``, ``Mt. Baker``, ``Ft. Worth``;
- a lower-case abbreviation of approximation or measure (:data:`QUANTITY_ABBREVIATIONS`) before an
  amount or a lower-case word: ``approx. $40 million``, ``est. 3,000 acres``, ``avg. $45 each``.

Words that often end a sentence (``U.S.``, ``D.C.``, ``Inc.``, ``Corp.``,
``Jr.``, ``Sr.``, ``Ave.``) are deliberately not listed: after them a capitalised word may well
start a new sentence ("…stay in the U.S. The rest…"); a following lowercase
word already continues the sentence. Sources: AP Stylebook title
abbreviations (military, police, clergy, government), the US Government
Publishing Office style manual (ch. 9, abbreviations) and UK police ranks.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["DATE_ABBREVIATIONS", "QUANTITY_ABBREVIATIONS", "abbreviation_before", "add_tokenizer_exceptions", "NUMBER_ABBREVIATIONS", "PLACE_ABBREVIATIONS", "TITLES",
           "continues_sentence"]

from comparator.honorifics import TITLES  # noqa: E402  (one list for boundaries and names)

#: Month abbreviations (AP style) written before a day number.
DATE_ABBREVIATIONS: frozenset[str] = frozenset({
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
})

#: Abbreviations written before a number.
NUMBER_ABBREVIATIONS: frozenset[str] = frozenset({
    "No", "Nos", "no", "nos", "Vol", "vol", "Art", "art", "Fig", "fig", "Ch", "ch", "pp", "p",
    "Sec", "sec", "Para", "para", "Rte", "Hwy", "Apt", "Ste", "Rm",
})

#: Lower-case abbreviations of approximation and measure written before an amount ("approx. $40 million",
#: "est. 3,000 acres", "avg. $45", "ca. 1920"): after them a number, a currency sign or a lower-case word
#: continues the sentence. Sources: US GPO Style Manual (2016) ch. 9 (standard word abbreviations: "approx.",
#: "avg.", "est.", "incl."), Chicago Manual of Style 10.43 ("ca.", "cf.", "viz.") and AP style ("vs.").
QUANTITY_ABBREVIATIONS: frozenset[str] = frozenset({
    "approx", "appr", "appx", "apprx", "est", "avg", "av", "ca", "abt", "incl", "excl", "cf", "viz", "vs",
    "esp", "resp",
})
#: Signs that open an amount after a quantity abbreviation ("approx. $40", "est. €3 million").
_AMOUNT = re.compile(r"^(?:[A-Z]{0,3}[$€£¥₹]|[$€£¥₹]|[+\-−~≈<>]?\d)")

#: Place-name prefixes written before a name.
PLACE_ABBREVIATIONS: frozenset[str] = frozenset({"St", "Ste", "Mt", "Ft", "Pt"})

_INITIAL = re.compile(r"^[A-Z]$")


def _capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper() and any(ch.isalpha() for ch in word)


def continues_sentence(abbreviation: str, following: str) -> bool:
    """Whether ``following`` (the next word) continues the sentence after ``abbreviation``.

    ``abbreviation`` is the word before a period, without it (``"Sgt"`` for
    ``Sgt.``); ``following`` is the text of the next token.

    >>> continues_sentence("Sgt", "Lena"), continues_sentence("Jan", "9"), continues_sentence("US", "The")
    (True, True, False)
    """
    if not following:
        return False
    if abbreviation in TITLES:
        return _capitalised(following) or following[0].isdigit()  # "Sgt. 1st Class Jane Roe"
    if abbreviation in PLACE_ABBREVIATIONS or _INITIAL.match(abbreviation):
        return _capitalised(following)
    if abbreviation in DATE_ABBREVIATIONS or abbreviation in NUMBER_ABBREVIATIONS:
        return following[0].isdigit()
    if abbreviation.lower() in QUANTITY_ABBREVIATIONS and abbreviation[:1].islower():
        return bool(_AMOUNT.match(following)) or following[0].islower()
    return False


def abbreviation_before(doc: "Doc", i: int) -> str:
    """The word whose period ends right before token ``i`` of ``doc``, without the period.

    ``"Sgt"`` when the tokens before ``i`` are ``Sgt.`` or ``Sgt`` ``.`` (spaCy
    splits unknown abbreviations); ``""`` when no period ends right there.
    """
    if i < 1:
        return ""
    prev = doc[i - 1]
    if prev.text.endswith(".") and len(prev.text) > 1 and prev.whitespace_:
        return prev.text[:-1]
    if prev.text == "." and prev.whitespace_ and i >= 2 and not doc[i - 2].whitespace_:
        return doc[i - 2].text
    return ""


def add_tokenizer_exceptions(nlp) -> None:  # noqa: ANN001 - spacy Language
    """Keep every listed abbreviation one token (``Sgt.``, not ``Sgt`` ``.``) in ``nlp``'s tokenizer,
    so the tagger and NER see a title, not a name followed by a full stop."""
    from spacy.symbols import ORTH

    for word in sorted(TITLES | DATE_ABBREVIATIONS | PLACE_ABBREVIATIONS | {"No", "Nos", "Vol", "Art", "Fig"}):
        nlp.tokenizer.add_special_case(f"{word}.", [{ORTH: f"{word}."}])
