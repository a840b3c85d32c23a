"""The canonical speaker a subject token names (see :mod:`comparator.claims.speakers`).

:func:`resolve` turns the subject of a reporting verb into a speaker: a person's full
name as the article gives it, the person an appositive or a title abbreviation names,
a pronoun's or a definite role description's referent (:mod:`.referents`), a document's
author, an institution owned by a name ("Blumenthal's campaign"), a role tied to its
organisation ("DHS spokesperson"), an organisation or group; None for anything else
(a bare role noun, a thing, a word inside the quotation).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from comparator.claims.quotes import inside
from comparator.claims.referents import (
    GENDER_CUES, PERSON_NOUNS, PRONOUN_GENDER, ROLE_SYNONYMS, Referent, Timeline, antecedent,
    full_name, role)
from comparator.chunks import doc_text
from comparator.facts.names import TITLE_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: Nouns for texts whose author speaks through them ("Talwani's order reads").
DOCUMENT_NOUNS = frozenset({
    "brief", "complaint", "decision", "filing", "judgment", "lawsuit", "letter", "memo",
    "motion", "opinion", "order", "post", "report", "ruling", "statement", "tweet", "suit",
    "excerpt", "transcript", "passage",
})
#: Common nouns that stand for an institution ("a police spokeswoman", "an administration official").
INSTITUTION_NOUNS = frozenset("""
police administration campaign government military army navy company agency department court
state city county school hospital union party ministry embassy council committee prosecution
defense defence team club church university office board
""".split())



def _entity_of(token: "Token") -> "Span | None":
    """The entity ``token`` is part of (from its IOB tags, without scanning ``doc.ents``)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    from spacy.tokens import Span

    return Span(doc, start, end, label=token.ent_type_)


def _organisation(head: "Token") -> str | None:
    """The organisation an anonymous source speaks for, acronym first."""
    lefts = [t for left in head.lefts if left.dep_ not in ("det", "poss") for t in left.subtree]
    rights = [t for r in head.rights if r.dep_ == "prep" and r.lower_ in ("for", "of", "at", "with")
              for t in r.subtree][1:]
    for group in (lefts, rights):
        for t in group:
            prev = t.doc[t.i - 1] if t.i else None
            in_parens = prev is not None and prev.text == "("
            if in_parens and t.is_upper and t.is_alpha and len(t.text) > 1:
                return t.text
        for t in group:
            ent = _entity_of(t)
            if ent is not None and ent.label_ in ("ORG", "GPE", "NORP", "FAC"):
                return _strip_the(ent.text)
        names = [t.text for t in group if t.pos_ == "PROPN" and t.ent_type_ != "PERSON"]
        if names:
            return " ".join(names)
    nouns = [t.lower_ for t in head.lefts if t.dep_ == "compound" and t.lower_ in INSTITUTION_NOUNS]
    if nouns:
        return " ".join(nouns)  # "a police spokeswoman", "an administration official"
    owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
    if owner is not None:  # "the minister's spokesman"
        return owner.text.replace("’", "'") + "'s"
    return None


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _appositive(subject: "Token") -> "Token | None":
    """The name in "the campaign's manager, Brad Parlow, said" (a proper-noun appositive), or
    the name that closes a role phrase with a prepositional modifier, "A nurse at the clinic,
    Tamsin Orue, 41, told" (see :func:`_trailing_name`)."""
    for child in subject.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return child
    return _trailing_name(subject)


def _trailing_name(subject: "Token") -> "Token | None":
    """The person named after a role noun's prepositional modifier: "A nurse at the clinic,
    Tamsin Orue, 41, told", "A driver for the company, Selma Ruiz, said".

    The parser hangs such a name on the modifier's object ("clinic", also nested: "a member of
    the board of Acme Corp, Jo Hart,"), not on the role noun.
    It is the speaker only when it closes the subject phrase (the verb follows it, after an
    age or its own appositives) and the object it follows is no person noun ("a
    friend of the victim, Ana Ruiz," may name the victim: no speaker then)."""
    if subject.lemma_.lower() in INSTITUTION_NOUNS or subject.lemma_.lower() in DOCUMENT_NOUNS:
        return None
    last = max((t.i for t in subject.subtree if not t.is_punct), default=subject.i)  # a punct-only subject ("'90s")
    if subject.head.i < last:
        return None  # the verb comes first: "…,” said a nurse at the clinic, Tamsin Orue"
    for name in subject.subtree:
        obj = name.head
        if name.dep_ != "appos" or name.pos_ != "PROPN" or obj.dep_ != "pobj" or not _closes_phrase(name, last):
            continue
        if not _modifies(obj, subject):
            return None
        if obj.ent_type_ == "PERSON" and name.ent_type_ == "PERSON":
            return name  # "a spokeswoman for Mayor Ann Lee, Dora Kim,": a name does not rename a name
        if obj.lemma_.lower() in PERSON_NOUNS or obj.ent_type_ == "PERSON":
            return None
        return name
    return None


def _modifies(obj: "Token", subject: "Token") -> bool:
    """``obj`` hangs on ``subject`` through prepositional phrases only ("a member [of the board
    [of Acme Corp]]"), not inside a clause."""
    t = obj
    while t.i != subject.i:  # tokens are views: compare indices, not identity
        if t.dep_ not in ("pobj", "prep") or t.head.i == t.i:
            return False
        t = t.head
    return True


def _closes_phrase(name: "Token", last: int) -> bool:
    """Nothing but commas and an age (", 23,") follows ``name`` (its last word) up to token ``last``."""
    return all(t.is_punct or t.like_num for t in name.doc[name.i + 1:last + 1])


def _aged(name: "Token") -> bool:
    """``name`` is followed by an age: "Tamsin Orue, 41,"."""
    doc = name.doc
    return name.i + 2 < len(doc) and doc[name.i + 1].text == "," and doc[name.i + 2].like_num


def _modifier_name(subject: "Token", named: "Token", line: Timeline) -> str | None:
    """"A worker at the plant, Ridgeview Steel, said" parsed with the name on "worker": an
    organisation or place that names the modifier's object ("plant"), not the person; the
    speaker is the role tied to it ("Ridgeview Steel worker"), as for "a DHS spokesperson"."""
    if subject.lemma_.lower() not in PERSON_NOUNS or _is_person_name(named, line):
        return None
    if not any(c.dep_ == "prep" and subject.i < c.i < named.i for c in subject.children):
        return None
    ent = _entity_of(named)
    if ent is None or not (ent.label_ in ("ORG", "NORP") or ent.label_ == "GPE" and len(ent) == 1):
        return None
    return f"{_strip_the(ent.text)} {subject.lower_}".replace("’", "'")


def _is_person_name(name: "Token", line: Timeline) -> bool:
    """A PERSON entity, a name followed by an age ("Tamsin Orue, 41,", which the NER may tag
    a place) or a person the article names elsewhere."""
    if name.ent_type_ == "PERSON" or _aged(name):
        return True
    return line.canonical(name.text, name.idx) is not None


def resolve(subject: "Token", line: Timeline, quoted: Sequence[tuple[int, int]] = ()) -> str | None:
    """A canonical speaker for the subject of a reporting verb (None if there is none)."""
    if inside(subject.idx, quoted):
        return None  # a name inside the quotation is not its speaker
    lower = subject.lower_
    if lower in PRONOUN_GENDER:
        return line.pronouns.get(subject.i)
    if subject.lower_ == "who" and (person := antecedent(subject)) is not None:
        return resolve(person, line, quoted)
    if subject.pos_ == "PRON":
        return None
    if subject.pos_ == "NOUN" and (named := _appositive(subject)) is not None:
        if named.head.i == subject.i and (org := _modifier_name(subject, named, line)) is not None:
            return org
        if named.head.i == subject.i or _is_person_name(named, line):
            return resolve(named, line, quoted)
        if named.ent_type_ != "ORG":  # "a spokesman for the firm, Acme Corp.," stays an "Acme Corp. spokesman"
            return None  # "a nurse at the clinic, Tamsin Orue," tagged a place: no "Tamsin Orue nurse"
    if (named := _after_title(subject)) is not None:
        return resolve(named, line, quoted)
    ent = _entity_of(subject)
    if ent is not None and ent.label_ == "PERSON":
        name = full_name(ent)
        return line.canonical(name, ent.start_char) or name if " " not in name else name
    if subject.i in line.maybe:
        return line.maybe[subject.i]
    if subject.lemma_.lower() in DOCUMENT_NOUNS:
        return _document_author(subject, line, quoted)
    if (subject.pos_ == "PROPN" or subject.is_title) and (known := line.canonical(subject.text, subject.idx)):
        return known  # a person's name the NER tagged otherwise ("exclaimed Tanaka", ORG)
    if ent is not None and ent.label_ in ("ORG", "GPE", "NORP", "FAC") and subject.pos_ == "PROPN":
        return _group(subject, ent)
    if subject.pos_ == "NOUN":
        return _role_speaker(subject, line)
    if subject.pos_ == "PROPN" and subject.is_title:
        lefts = [t for t in subject.lefts if t.dep_ == "compound" or t.is_punct and t.text == "-"]
        first = lefts[0].idx if lefts else subject.idx
        name = doc_text(subject.doc)[first:subject.idx + len(subject.text)].replace("’", "'")
        return line.canonical(name.split()[-1], subject.idx) or name  # a known name the NER missed
    return None


def _after_title(subject: "Token") -> "Token | None":
    """"said Sgt. Lena Duarte" tokenised as "Sgt" "." "Lena Duarte": the name after the title."""
    doc = subject.doc
    word = subject.lower_.rstrip(".")
    if word + "." not in ROLE_SYNONYMS and word not in TITLE_WORDS and word + "." not in TITLE_WORDS:
        return None
    i = subject.i + 1
    if i < len(doc) and doc[i].text == ".":
        i += 1
    if i < len(doc) and doc[i].ent_type_ == "PERSON" and i != subject.i:
        ent = _entity_of(doc[i])
        return ent.root if ent is not None and ent.root.i != subject.i else None
    return None


def _group(subject: "Token", ent: "Span") -> str:
    """An organisation or group; "Democrats close to Blumenthal's campaign" keeps its modifier."""
    if ent.label_ == "NORP" and subject.tag_ in ("NNPS", "NNS"):
        words = list(subject.subtree)
        if len(words) <= 8 and not any(t.is_punct and t.text != "'s" for t in words):
            return subject.doc[words[0].i:words[-1].i + 1].text.replace("’", "'")
    return _strip_the(ent.text)


def _document_author(subject: "Token", line: Timeline, quoted: Sequence[tuple[int, int]]) -> str | None:
    owner = next((c for c in subject.children if c.dep_ == "poss"
                  or c.dep_ == "compound" and c.pos_ == "PROPN"), None)  # "the Ledger report"
    if owner is None and subject.i >= 2 and subject.doc[subject.i - 1].lower_ in ("'s", "’s"):
        owner = subject.doc[subject.i - 2]  # "Park's ruling" parsed without the poss arc
    if owner is None:  # "a statement from the White House"
        preps = [p for p in subject.rights if p.dep_ == "prep" and p.lower_ in ("from", "by")]
        owner = next((o for p in preps for o in p.children if o.dep_ == "pobj"), None)
    if owner is not None:
        return resolve(owner, line, quoted)
    org = _organisation(subject)  # "a White House memo reads" -> "White House memo"
    return f"{org} {subject.lower_}" if org else None


def _role_speaker(subject: "Token", line: Timeline) -> str | None:
    """A role noun: the known person it describes, or the role tied to its organisation."""
    lemma = subject.lemma_.lower()
    if lemma in INSTITUTION_NOUNS and lemma not in PERSON_NOUNS:
        return _owned_institution(subject, line)
    if lemma not in PERSON_NOUNS and subject.lower_ not in PERSON_NOUNS:
        return None  # "the investigation found", "complaints": not a speaker
    the_role = role(lemma)
    det = next((c.lower_ for c in subject.children if c.dep_ in ("det", "poss")), None)
    org = _organisation(subject)
    if det in _DEFINITE:
        quals = [c.lower_ for c in subject.children if c.dep_ in ("amod", "compound")]
        known = line.by_role(the_role, subject.idx, quals) or (
            line.by_role(the_role, subject.idx) if org is None else None)
        if known:
            return known
    if org is None:
        return None  # a bare role noun ("a demonstrator said") names nobody
    name = f"{org} {subject.lower_}"
    sent, para = line.locate(subject.idx)
    line.add(Referent(subject.idx, name, frozenset({the_role}), para, sent,
                      gender=GENDER_CUES.get(subject.lower_)))
    return name


def _owned_institution(subject: "Token", line: Timeline) -> str | None:
    """"Blumenthal's campaign", "his campaign", "the Trump administration" -> "Blumenthal
    campaign", "Trump administration"; a bare "the campaign" names nobody."""
    owner = next((c for c in subject.children if c.dep_ == "poss"
                  or c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    if owner is None:
        return None
    if owner.lower_ in PRONOUN_GENDER:
        name = line.pronouns.get(owner.i)
        return f"{name.split()[-1]} {subject.lower_}" if name else None
    if owner.pos_ != "PROPN":
        return None
    first = min([t.i for t in owner.lefts if t.dep_ == "compound"] + [owner.i])
    return f"{subject.doc[first:owner.i + 1].text.replace('’', chr(39))} {subject.lower_}"
