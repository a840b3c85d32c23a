"""One speaker name per person across the outlets of a comparison.

Each article's claims name a speaker as that article gives it ("Kim",
"Mr. Trump" -> "Trump", "Dick Blumenthal"). After the entities of the
comparison are built (:mod:`comparator.entities`), :func:`canonical_speakers`
replaces a speaker that names a PERSON entity with the entity's name: an
exact form or alias of the entity, the one entity whose surname (or, for
family-name-first names such as "Kim Jong Un", first name) it is, or a
near-duplicate spelling (rapidfuzz ratio >= :data:`MIN_SPELLING_RATIO`). A full name
(two or three capitalised words) that a claim gives as its speaker counts as a person
for the surname rule even when the NER tagged it otherwise ("Orue" -> "Tamsin Orue"). Role
speakers ("DHS spokesperson") and organisations are left as they are.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Iterable

from comparator.facts.names import TITLE_WORDS, name_key

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.types import Entity

#: Two spellings of one name (rapidfuzz ratio of their keys) at least this similar are one speaker.
MIN_SPELLING_RATIO = 90


def _person_like(speaker: str) -> bool:
    words = speaker.replace("'", "").replace(".", "").replace("-", "").split()
    return bool(words) and len(words) <= 4 and all(w[:1].isupper() for w in words)


def is_role(speaker: str) -> bool:
    """Whether a speaker is a role, not a name: its last word is lower case ("board chair",
    "DHS spokesperson", "minister's spokesman", "Ridgeview Steel worker"). A role may be
    the person another outlet names, so it is never a *different* speaker from a name."""
    words = speaker.split()
    return bool(words) and words[-1][:1].islower()


class SpeakerNames:
    """Speaker text -> the name of the PERSON entity it denotes (or itself)."""

    def __init__(self, entities: "tuple[Entity, ...]", speakers: "Iterable[str]" = ()) -> None:
        self.persons = [e for e in entities if e.label == "PERSON"]
        self.forms: dict[str, str] = {}
        for e in self.persons:
            for form in (e.name, *e.aliases):
                self.forms.setdefault(name_key(form), e.name)
        self.full = [(name_key(e.name).split(), e.name) for e in self.persons if len(e.name.split()) > 1]
        # full names the claims give as speakers, when the NER tagged them otherwise ("A nurse at
        # the clinic, Tamsin Orue, 41," -> "Tamsin Orue", a GPE): "Orue" elsewhere is that person;
        # not a name with a title in front, nor a surname an entity already owns
        known = {name for _, name in self.full}
        surnames = {ws[-1] for ws, _ in self.full}
        for name in sorted(set(speakers) - known):
            words, first = name_key(name).split(), name.split()[0].lower()
            titled = first in TITLE_WORDS or first.rstrip(".") in TITLE_WORDS  # "Mayor Elena Brandt"
            if _person_like(name) and 2 <= len(words) <= 3 and name_key(name) not in self.forms \
                    and words[-1] not in surnames and not titled:
                self.full.append((words, name))

    def __call__(self, speaker: str) -> str:
        key = name_key(speaker)
        if key in self.forms and " " in self.forms[key]:
            return self.forms[key]
        if not _person_like(speaker) or not key:
            return speaker
        words = key.split()
        last, first = words[-1], words[0]
        owners = {name for ws, name in self.full if ws[-1] == last}
        if len(owners) > 1:  # "Tom Hale" among "Tom Hale" and "Ann Hale"
            owners = {name for ws, name in self.full if ws[-1] == last and ws[0] == first}
        if len(words) == 1 and not owners:  # "Kim" -> "Kim Jong Un"
            owners = {name for ws, name in self.full if ws[0] == last}
        if len(owners) == 1:
            return owners.pop()
        if key in self.forms:
            return self.forms[key]
        from rapidfuzz import fuzz

        close = {name for ws, name in self.full
                 if len(key) >= 6 and fuzz.ratio(key, " ".join(ws)) >= MIN_SPELLING_RATIO}
        return close.pop() if len(close) == 1 else speaker


def canonical_speakers(comp: "Comparison", ctx: Any = None) -> "Comparison":
    """``comp`` with every claim's speaker replaced by its entity's name where one fits
    (an enricher: runs after :func:`comparator.entities.add_entities`)."""
    if not comp.entities and not any(c.speaker for c in comp.claims):
        return comp
    names = SpeakerNames(comp.entities, (c.speaker for c in comp.claims if c.speaker))
    claims = tuple(dataclasses.replace(c, speaker=names(c.speaker)) if c.speaker else c
                   for c in comp.claims)
    return dataclasses.replace(comp, claims=claims)
