"""Whom an outlet quotes, by source type: officials, politicians, advocates, experts, law enforcement,
affected people, companies, unattributed.

A speaker's type comes from role words in how it is named ("a DHS spokesperson",
"Sen. Ana Ruiz", "police chief") and in the role or appositive labels the
framing stage found for it ("U.S. District Judge"), checked most specific type
first. A name with no role word anywhere is ``other`` ("people of no stated role"): the
report never guesses a person's type from a bare name. Quoted claims without a
speaker are ``unattributed``. Model-free and deterministic.

The role-word lists are this module's own, written for English news; they are
the common job titles and group nouns of wire copy, not a learned model.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping, Sequence

__all__ = ["SOURCE_TYPES", "SOURCE_TYPE_LABELS", "classify_speaker"]

#: Source types in the order the report lists them.
SOURCE_TYPES: tuple[str, ...] = ("officials", "politicians", "law_enforcement", "experts", "advocates",
                                 "companies", "affected_people", "other", "unattributed")
SOURCE_TYPE_LABELS: dict[str, str] = {
    "officials": "officials", "politicians": "politicians", "law_enforcement": "law enforcement",
    "experts": "experts", "advocates": "advocates", "companies": "companies",
    "affected_people": "affected people", "other": "people of no stated role",
    "unattributed": "unattributed",
}

# Checked in this order: the first type with a role word wins ("police spokesperson" is law
# enforcement, "company spokeswoman" a company, "union president" an advocate, "DHS spokesperson"
# an official). Ambiguous words ("executive", "board", "manager", "business") are left out.
_ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("law_enforcement", ("police", "sheriff", "detective", "trooper", "fbi",
                         "border patrol", "constable", "prosecutor", "district attorney", "marshal",
                         "investigator", "coast guard", "fire chief", "firefighter")),
    ("experts", ("professor", "economist", "analyst", "researcher", "scientist", "expert", "scholar",
                 "historian", "lecturer", "academic", "engineer", "epidemiologist", "physician", "doctor",
                 "dr.", "university", "institute", "think tank", "statistician")),
    ("companies", ("company", "corporation", "corp.", "inc.", "ltd", "llc", "firm", "ceo", "chief executive",
                   "chairman of the board", "bank", "airline", "retailer", "operator",
                   "manufacturer", "developer", "contractor", "shareholder", "investor")),
    ("advocates", ("advocate", "activist", "association", "coalition", "union", "campaigner", "organizer",
                   "organiser", "alliance", "nonprofit", "non-profit", "charity", "rights group", "aclu",
                   "group", "network", "federation", "society", "league", "movement")),
    ("politicians", ("senator", "sen.", "rep.", "representative", "congressman", "congresswoman",
                     "lawmaker", "legislator", "governor", "gov.", "mayor", "council member", "councilman",
                     "councilwoman", "councillor", "councilor", "supervisor", "commissioner", "alderman", "assemblyman", "assemblywoman",
                     "candidate", "minister", "prime minister", "president", "vice president",
                     "speaker of the house", "majority leader", "minority leader", "democrat", "republican",
                     "politician", "mp")),
    ("officials", ("spokesperson", "spokesman", "spokeswoman", "official", "department", "agency",
                   "ministry", "administration", "judge", "justice", "court", "secretary",
                   "director", "authority", "white house", "government", "inspector", "administrator",
                   "superintendent", "regulator", "office", "dhs", "county manager", "city manager", "chair",
                   "chairwoman", "chairman", "chairperson", "attorney general", "ambassador",
                   "chief", "clerk", "auditor", "treasurer", "planner")),
    ("affected_people", ("resident", "parent", "worker", "patient", "victim", "survivor", "family",
                         "mother", "father", "neighbor", "neighbour", "student", "customer", "passenger",
                         "commuter", "tenant", "homeowner", "employee", "migrant", "refugee", "rider",
                         "shopper", "voter", "driver", "farmer", "nurse", "teacher", "owner",
                         "witness", "fisherman", "fisher", "crew member", "member of the public")),
)
_PATTERNS = tuple((kind, re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len,
                                                                                           reverse=True))
                                    + r")(?:s|es)?(?![\w])", re.IGNORECASE))
                  for kind, words in _ROLE_WORDS)


def classify_speaker(wordings: Iterable[str], roles: Sequence[str] = ()) -> str:
    """The source type (a key of :data:`SOURCE_TYPE_LABELS`) of one speaker.

    ``wordings`` are how the outlets name the speaker; ``roles`` the role or
    appositive labels found for its entity, most telling first. The wordings decide
    first (they are how this outlet presents the source); then each role text in
    turn, so "U.S. District Judge" decides before "appointed by President Obama".
    Returns ``"other"`` when neither names a role.
    """
    texts = [" ; ".join(t for t in wordings if t)] + [t for t in roles if t]
    for text in texts:  # one at a time: "Judge X" decides before "appointed by President Y"
        for kind, pattern in _PATTERNS:
            if text and pattern.search(text):
                return kind
    return "other"


def appositives(name: str, texts: Iterable[str]) -> list[str]:
    """Appositives right after ``name`` in ``texts``: "Samir Haddad, director of the Harbor Refugee
    Coalition, said" gives "director of the Harbor Refugee Coalition" (a fallback for speakers whose
    role the framing stage did not record)."""
    if not name.strip():
        return []
    pattern = re.compile(re.escape(name.strip()) + r",\s+([^,.;\"\u201c\u201d]{3,80})[,.]")
    out: list[str] = []
    for text in texts:
        for m in pattern.finditer(text):
            if m.group(1) not in out:
                out.append(m.group(1))
    return out


def entity_roles(labels: object) -> dict[str, list[str]]:
    """Entity id -> texts of its ``role`` labels, then its ``appositive`` ones (``extras["labels"]``)."""
    out: dict[str, list[str]] = {}
    if not isinstance(labels, (list, tuple)):
        return out
    ordered = sorted((lab for lab in labels if isinstance(lab, Mapping)), key=lambda lab: lab.get("kind") != "role")
    for lab in ordered:
        if lab.get("kind") in ("role", "appositive") and lab.get("entity"):
            text = str(lab.get("text") or "")
            if text and text not in out.setdefault(str(lab["entity"]), []):
                out[str(lab["entity"])].append(text)
    return out
