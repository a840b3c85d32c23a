"""People an article mentions, and who "he" / "she" / "the judge" refers to.

A :class:`Timeline` holds every person mention outside quotes in reading
order: PERSON entities (their full name, cleaned of titles, is the canonical
form of every shorter mention: "Talwani" -> "Indira Talwani"), definite role
descriptions that name a known person ("the chief justice" -> "John
Roberts"), resolved pronouns, and proper-noun subjects the NER did not call a
person ("Rubilio Sandoz said", tagged ORG), which may be people.

Pronouns resolve to the nearest preceding compatible person in the same or
the previous paragraph (:meth:`Timeline.pronoun`): the nearest sentence holding
a candidate decides; there the most salient one (subject of the main clause,
then subject of any clause, then any mention) wins, and a tie, or a proper noun
the NER may have missed as a person, leaves the pronoun unresolved rather than
jumping to an earlier name. Gender evidence comes from titles (Mr., Ms.,
Mrs.), gendered role nouns (spokeswoman) and earlier resolved pronouns; first
names are never read as gender cues.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from comparator.claims.quotes import Segment, inside
from comparator.facts.names import clean_name

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

SUBJECTS = ("nsubj", "nsubjpass")
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
#: Role nouns that name the same job ("the spokesman" finds "a DHS spokesperson"),
#: and title abbreviations spelled out ("Sen. Warren" is found by "the senator").
ROLE_SYNONYMS = {
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "congressman": "lawmaker",
    "congresswoman": "lawmaker", "chairman": "chair", "chairwoman": "chair",
    "sen.": "senator", "rep.": "representative", "gov.": "governor", "lt.": "lieutenant",
    "gen.": "general", "sgt.": "sergeant", "atty.": "attorney", "dr.": "doctor",
    "pres.": "president", "capt.": "captain", "col.": "colonel", "det.": "detective",
    "supt.": "superintendent", "cmdr.": "commander", "adm.": "admiral", "maj.": "major",
}
#: Words that tell a person's gender, so "she said" skips Mr. Smith.
GENDER_CUES = {
    "mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f",
    "spokesman": "m", "spokeswoman": "f", "congressman": "m", "congresswoman": "f",
    "chairman": "m", "chairwoman": "f", "businessman": "m", "businesswoman": "f",
}
#: Nouns for people by role or job: a speaker only with a name (appositive), a known person
#: ("the judge" after "Judge Maria Lopez") or an organisation ("DHS spokesperson").
PERSON_NOUNS = frozenset("""
spokesperson spokesman spokeswoman spokespeople official officer representative aide adviser
advisor lawyer attorney counsel director secretary minister president chair chairman chairwoman
governor senator lawmaker legislator congressman congresswoman judge justice mayor leader member
source analyst expert economist professor researcher scientist executive manager employee worker
resident witness neighbor neighbour friend relative teacher student doctor nurse agent
investigator prosecutor detective sheriff chief commander general colonel captain sergeant
lieutenant administrator commissioner ambassador diplomat envoy negotiator candidate voter
activist organizer organiser protester protestor demonstrator critic supporter opponent owner
founder ceo insider observer historian author writer editor reporter journalist correspondent
columnist commentator host consultant strategist pollster staffer superintendent principal
partner plaintiff defendant victim survivor parent mother father son daughter wife husband
brother sister customer passenger rider driver farmer immigrant migrant refugee soldier veteran
clerk coordinator participant marcher monitor people person man woman official police
""".split())
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_NOT_PERSON_WORDS = frozenset({
    "department", "agency", "office", "house", "court", "university", "committee", "council",
    "party", "campaign", "inc", "inc.", "corp", "corp.", "group", "news", "times", "post",
    "service", "bureau", "administration", "association", "foundation", "institute", "center",
})


def role(word: str) -> str:
    word = word.lower()
    return ROLE_SYNONYMS.get(word, word)


def last_name(text: str) -> str:
    """The last word of a name ("Donald Trump Jr." -> "Trump"), straight apostrophes."""
    words = [w.strip(",") for w in text.replace("’", "'").split()]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    words = [w for w in words if w and w.lower() not in _NAME_SUFFIXES]
    return words[-1] if words else text


def full_name(ent: "Span") -> str:
    """A PERSON entity's name without titles or possessive ("Mr. Sellers's" -> "Sellers")."""
    name = clean_name(ent.text.replace("’", "'"), "PERSON")
    words = [w for w in name.split() if w.lower() not in _NAME_SUFFIXES]
    return " ".join(words) or ent.text


@dataclass(frozen=True)
class Referent:
    """A mention at ``offset`` of ``name`` (the canonical key of one person)."""

    offset: int
    name: str
    roles: frozenset[str]
    paragraph: int
    sentence: int
    subject: int = 0  # 2: subject of the main verb, 1: of another verb, 0: not a subject
    gender: str | None = None  # "f" | "m" when a title or role noun says so
    person: bool = True  # False: a proper noun the NER did not tag PERSON


@dataclass
class Timeline:
    """Person mentions of one article in reading order."""

    items: list[Referent]
    sentences: Sequence[Segment]
    genders: dict[str, set[str]] = field(default_factory=dict)
    pronouns: dict[int, str | None] = field(default_factory=dict)  # token index -> name
    maybe: dict[int, str] = field(default_factory=dict)  # subject token -> possible person
    named: dict[int, str] = field(default_factory=dict)  # token of a PERSON entity -> its name
    all_quoted: frozenset[int] = frozenset()  # paragraphs that are quotation only
    _starts: list[int] = field(default_factory=list)  # sentence starts, for locate()

    def add(self, ref: Referent) -> None:
        keys = [r.offset for r in self.items]
        self.items.insert(bisect.bisect_right(keys, ref.offset), ref)
        if ref.gender:
            self.genders.setdefault(ref.name, set()).add(ref.gender)

    def names(self) -> set[str]:
        return {r.name for r in self.items}

    def gender(self, name: str) -> str | None:
        g = self.genders.get(name, set())
        return next(iter(g)) if len(g) == 1 else None

    def locate(self, offset: int) -> tuple[int, int]:
        """(sentence index, paragraph) of a character offset."""
        if len(self._starts) != len(self.sentences):
            self._starts = [s.start for s in self.sentences]
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return i, (self.sentences[i].paragraph if self.sentences else 0)

    def canonical(self, word: str, offset: int) -> str | None:
        """The full name a one-word mention stands for: the one known name whose first or
        last word it is (the most recent before ``offset`` when several are)."""
        word = word.replace("’", "'")
        owners = [r for r in self.items if r.person and word in (r.name.split()[0], r.name.split()[-1])]
        names = {r.name for r in owners}
        if len(names) <= 1:
            return next(iter(names), None)
        before = [r for r in owners if r.offset < offset]
        return before[-1].name if before else None

    def by_role(self, role_word: str, offset: int, qualifiers: Sequence[str] = ()) -> str | None:
        """The most recent person given ``role_word`` (and every qualifier: "the chief justice")."""
        roles_of: dict[str, set[str]] = {}
        for r in self.items:  # roles gathered over all mentions of the name
            roles_of.setdefault(r.name, set()).update(r.roles)
        for r in reversed([r for r in self.items if r.offset < offset]):
            have = roles_of[r.name]
            if role_word in have and all(q in have or q in r.name.lower() for q in qualifiers):
                return r.name
        return None

    def pronoun(self, offset: int, gender: str | None) -> str | None:
        """The person "he"/"she" at ``offset`` refers to, or None when unsure (see module doc)."""
        sent, para = self.locate(offset)
        prev = para - 1
        while prev in self.all_quoted:  # the paragraph before a quote running over paragraphs
            prev -= 1
        window = [r for r in self.items if r.offset < offset and r.paragraph in (para, prev)]
        for s in sorted({r.sentence for r in window}, reverse=True):
            here = [r for r in window if r.sentence == s]
            fits = [r for r in here if self._fits(r, gender)]
            blockers = [r for r in here if not r.person and self.gender(r.name) is None]
            if not fits and not blockers:
                continue  # only people of the other gender here: look further back
            if not fits:
                return None  # a name the NER may have missed: do not jump past it
            top = max(r.subject for r in fits)
            names = {r.name for r in fits if r.subject == top}
            if any(b.subject >= top for b in blockers):
                return None
            if len(names) == 1 or top == 0:  # only objects here: the nearest one
                return [r for r in fits if r.subject == top][-1].name
            return None  # two subjects as salient as each other
        return None

    def _fits(self, r: Referent, gender: str | None) -> bool:
        known = self.gender(r.name)
        if not r.person:
            return known is not None and known == gender
        return gender is None or known in (None, gender)


def salience(token: "Token") -> int:
    """2: subject of the main verb; 1: subject of another verb (or "X, who said"); 0: any
    other mention."""
    if token.dep_ in SUBJECTS:  # "A said…, and B said…": both main clauses
        main = token.head.dep_ == "ROOT" or token.head.dep_ == "conj" and token.head.head.dep_ == "ROOT"
        return 2 if main else 1
    doc = token.doc
    nxt = token.i + 1
    while nxt < len(doc) and doc[nxt].ent_iob_ == "I":
        nxt += 1
    if nxt < len(doc) and doc[nxt].text == ",":
        nxt += 1
    if nxt < len(doc) and doc[nxt].lower_ == "who" and doc[nxt].dep_ in SUBJECTS:
        return 1
    return 0


def antecedent(who: "Token") -> "Token | None":
    """The person a relative "who" follows ("Justice Antonin Scalia who said…")."""
    i = who.i - 1
    if i >= 0 and who.doc[i].text == ",":
        i -= 1
    return who.doc[i] if i >= 0 and who.doc[i].ent_type_ == "PERSON" else None


def _gender_words(doc: "Doc", ent: "Span") -> list[str]:
    words = [t.text.lower() for t in ent]
    if ent.start:
        words.append(doc[ent.start - 1].text.lower())
    root = ent.root
    for child in list(root.lefts) + list(root.rights):
        if child.dep_ in ("compound", "appos", "nmod", "amod") and not (ent.start <= child.i < ent.end):
            words += [t.text.lower() for t in child.subtree if t.pos_ in ("NOUN", "PROPN")]
    return words


def _roles(doc: "Doc", ent: "Span") -> set[str]:
    root = ent.root
    words = [t.text.lower() for t in ent if t.i != root.i]
    if ent.start and doc[ent.start - 1].pos_ == "PROPN" and doc[ent.start - 1].is_title:
        words.append(doc[ent.start - 1].text.lower())  # "Justice" before "Antonin Scalia"
    for left in root.lefts:
        if left.i < ent.start and left.dep_ in ("compound", "nmod", "amod"):
            words += [t.text.lower() for t in left.subtree if t.pos_ in ("NOUN", "PROPN", "ADJ")]
    for child in root.rights:
        if child.dep_ == "appos":
            words += [t.text.lower() for t in child.subtree if t.pos_ in ("NOUN", "ADJ")]
    return {role(w) for w in words}


def _maybe_person(token: "Token") -> bool:
    """A capitalised proper-noun subject that reads like a personal name (no organisation word,
    no article): "Rubilio Sandoz said", which the NER may have tagged ORG."""
    if token.pos_ != "PROPN" or token.ent_type_ not in ("", "ORG", "PERSON"):
        return False
    words = [t for t in token.lefts if t.dep_ == "compound"] + [token]
    if any(c.dep_ == "det" for c in token.children) or not 1 <= len(words) <= 3:
        return False
    return all(t.is_title and t.lower_ not in _NOT_PERSON_WORDS for t in words)


def build_timeline(doc: "Doc", quoted: Sequence[tuple[int, int]],
                   sentences: Sequence[Segment]) -> Timeline:
    """Every person mention outside quotes, then pronouns and role descriptions resolved in order."""
    line = Timeline([], sentences, all_quoted=_quoted_paragraphs(doc.text, quoted, sentences))
    persons = [e for e in doc.ents if e.label_ == "PERSON" and not inside(e.start_char, quoted)
               and not (e.root.dep_ == "compound" and e.root.head.pos_ == "NOUN")]  # "the Bridgeport rally"
    fulls: dict[str, str] = {}
    for ent in persons:
        name = full_name(ent)
        if len(name.split()) > 1:
            fulls.setdefault(last_name(name), name)
    for ent in persons:
        name = full_name(ent)
        if len(name.split()) == 1:
            name = fulls.get(name.replace("’", "'"), name)
        words = _gender_words(doc, ent)
        gender = next((GENDER_CUES[w] for w in words if w in GENDER_CUES), None)
        sent, para = line.locate(ent.start_char)
        line.add(Referent(ent.start_char, name, frozenset({"person"} | _roles(doc, ent)),
                          para, sent, subject=salience(ent.root), gender=gender))
        line.named.update({t.i: name for t in ent})
    in_person = {t.i for e in persons for t in e}
    for token in doc:
        if token.dep_ in SUBJECTS and token.i not in in_person and _maybe_person(token) \
                and not inside(token.idx, quoted):
            first = min([t.i for t in token.lefts if t.dep_ == "compound"] + [token.i])
            name = doc[first:token.i + 1].text.replace("’", "'")
            sent, para = line.locate(token.idx)
            known = line.canonical(last_name(name), token.idx)
            line.add(Referent(doc[first].idx, known or name, frozenset(), para, sent,
                              subject=salience(token), person=known is not None))
            line.maybe[token.i] = known or name
    _resolve_in_order(doc, line, quoted)
    return line


def _quoted_paragraphs(text: str, quoted: Sequence[tuple[int, int]],
                       sentences: Sequence[Segment]) -> frozenset[int]:
    marked = bytearray(len(text) + 1)
    for a, b in quoted:  # one pass over the quoted characters, not quotes x characters
        marked[a:b] = b"\x01" * (b - a)
    spans: dict[int, list[Segment]] = {}
    for s in sentences:
        spans.setdefault(s.paragraph, []).append(s)
    return frozenset(p for p, ss in spans.items()
                     if all(marked[i] for s in ss for i in range(s.start, s.end) if text[i].isalnum()))


def _resolve_in_order(doc: "Doc", line: Timeline, quoted: Sequence[tuple[int, int]]) -> None:
    """Resolve pronouns and definite role descriptions left to right; each resolved one
    becomes a mention itself (so "he said" two sentences later finds the same person)."""
    for token in doc:
        if inside(token.idx, quoted):
            continue
        lower = token.lower_
        if lower in PRONOUN_GENDER and token.pos_ == "PRON":
            gender = PRONOUN_GENDER[lower]
            name = _own_subject(token, line) or line.pronoun(token.idx, gender)
            line.pronouns[token.i] = name
            if name is not None:
                sent, para = line.locate(token.idx)
                line.add(Referent(token.idx, name, frozenset({"person"}), para, sent,
                                  subject=salience(token), gender=gender))
        elif token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                          for c in token.children) and token.dep_ in SUBJECTS:
            quals = [c.lower_ for c in token.children if c.dep_ in ("amod", "compound")]
            name = line.by_role(role(token.lemma_), token.idx, quals)
            sent, para = line.locate(token.idx)
            if name is not None:
                line.add(Referent(token.idx, name, frozenset({role(token.lemma_)}), para, sent,
                                  subject=salience(token)))
            elif token.lemma_.lower() in PERSON_NOUNS:  # "The congressman also said…", nobody known:
                line.add(Referent(token.idx, f"the {token.lower_}", frozenset(), para, sent,  # a
                                  subject=salience(token), person=False))  # later "he" stays unsure


def _own_subject(pronoun: "Token", line: Timeline) -> str | None:
    """"Rubilio Sandoz said he fled", "Scalia, who said he was whipsawed": a pronoun inside
    the clause of a verb refers to that verb's subject when it is a named person (or a
    proper noun the NER did not tag PERSON, which this makes a person of the pronoun's
    gender) of a compatible gender."""
    head = pronoun.head
    gender = PRONOUN_GENDER.get(pronoun.lower_)
    for _ in range(4):
        subj = next((c for c in head.children if c.dep_ in SUBJECTS and c.i < pronoun.i), None)
        if subj is not None:
            if subj.lower_ == "who":
                subj = antecedent(subj) or subj
            name = line.maybe.get(subj.i) or line.named.get(subj.i)
            if name is None or line.gender(name) not in (None, gender):
                return None
            return name
        if head.head is head:
            return None
        head = head.head
    return None
