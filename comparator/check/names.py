"""Names the draft gives differently from the sources, in its own voice (``divergent_fact``, type ``name``).

"County engineer Priya Natarajan said..." where a source has "county engineer
Priya Nandakumar": the same role word right before the name, the same first
name, a different surname: a misspelt or wrong name. Precision first, so a
finding needs all of: a full (two or more word) PERSON mention of the draft
(spaCy NER, :attr:`Claim.mentions`) outside quotation marks; the draft's name
found in no source; exactly one other surname for that first name and role in
the sources; and a role word (the word before the name: "engineer",
"chair", "owner", not "said" or a function word) that both texts put there.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from comparator.check.findings import Builder

#: Words before a name that are not a role (speech verbs, function words are spaCy's stop words).
_NOT_ROLES = frozenset({"said", "says", "told", "tells", "asked", "added", "noted", "wrote", "according",
                        "explained", "argued", "mr", "mrs", "ms", "dr", "by", "with", "from", "as"})
_WORD = re.compile(r"[A-Za-z][\w'’-]*\.?$")


def _role_before(text: str, start: int) -> str | None:
    """The lower-cased word right before offset ``start`` when it can be a role ("engineer"), else None."""
    from spacy.lang.en.stop_words import STOP_WORDS

    before = text[max(0, start - 60):start].rstrip()
    if not before or before[-1] in ",;:\"“”'’)(—–-":
        return None
    word = before.split()[-1].rstrip(".").lower()
    if not _WORD.match(word) or word in STOP_WORDS or word in _NOT_ROLES:
        return None
    return word


#: Generational suffixes after a surname ("John G. Roberts Jr."): not the surname.
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _split(name: str) -> tuple[str, str] | None:
    """(first name, surname), lower case, of a full name; None for one word or a lower-case word."""
    parts = [p for p in re.split(r"\s+", name.strip()) if p]
    while parts and parts[-1].rstrip(".,").lower() in _SUFFIXES:
        parts.pop()
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return None
    return parts[0].lower(), re.sub(r"['’]s$", "", parts[-1]).lower()


def _words(name: str) -> set[str]:
    return {w.strip(".,").lower() for w in name.split()}


def add_name_divergences(b: "Builder", source_ids: Sequence[str]) -> None:
    """``divergent_fact`` (type ``name``) findings for the draft's full names a source gives with another
    surname under the same role (see the module docstring for every condition)."""
    draft_text = b.comp.article(b.draft_id).text
    # (first name, role) -> {surname: (source article, start, end, name text)}
    in_sources: dict[tuple[str, str], dict[str, tuple[str, int, int, str]]] = {}
    source_texts = []
    for sid in source_ids:
        text = b.comp.article(sid).text
        source_texts.append(" ".join(text.split()).lower())
        for claim in b.comp.claims_of(sid):
            for m in claim.mentions:
                parts = _split(m.text) if m.label == "PERSON" else None
                role = _role_before(text, m.start) if parts else None
                if parts and role:
                    in_sources.setdefault((parts[0], role), {}).setdefault(parts[1], (sid, m.start, m.end, m.text))
    taken = [(f.location.start, f.location.end) for f in b.out if f.rule == "divergent_fact"]
    for claim in b.comp.claims_of(b.draft_id):
        if claim.boilerplate:
            continue
        for m in claim.mentions:
            parts = _split(m.text) if m.label == "PERSON" else None
            if not parts or any(qs <= m.start < qe for qs, qe in claim.quotes):
                continue
            name = " ".join(m.text.split()).lower()
            if any(name in t for t in source_texts):
                continue
            role = _role_before(draft_text, m.start)
            others = {s: v for s, v in in_sources.get((parts[0], role), {}).items() if s != parts[1]} \
                if role else {}
            if len(others) != 1:
                continue
            sid, s_start, s_end, s_name = next(iter(others.values()))
            if parts[1] in _words(s_name) or _split(s_name)[1] in _words(m.text):
                continue  # one name inside the other ("John G. Roberts" / "Roberts"): the same person
            if any(s < m.end and m.start < e for s, e in taken):
                continue
            span = b.source(sid, s_start, s_end)
            b.add("divergent_fact", m.start, m.end,
                  f"name: the draft says “{m.text}” ({role}); {b.cite(span)} says “{s_name}” ({role}).", [span],
                  details={"type": "name", "fact": "name", "normal": [m.text, s_name]})
