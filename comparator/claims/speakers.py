"""Who is quoted: attribution from the dependency parse, resolved to a short name.

An attribution is a reporting verb outside the quotes ("said", "wrote",
"told", "added", "continued", "reads"...) and its subject, or "according to
X". The subject becomes a canonical speaker:

- a person: the surname ("U.S. District Judge Indira Talwani" -> "Talwani");
- a document of a person: "Talwani's order reads" -> "Talwani";
- a pronoun (he/she): the most recent person, preferring grammatical subjects;
- a definite description ("the Obama judge", "the spokesperson"): the most
  recent person or anonymous source introduced with that role noun;
- an anonymous source of an organisation: "a Department of Homeland Security
  (DHS) spokesperson" -> "DHS spokesperson" (the acronym in parentheses wins);
- an organisation: its name ("Politico noted" -> "Politico").

Each quote chain (see :mod:`comparator.claims.quotes`) gets the speaker of the
nearest attribution in its paragraphs, preferring one in the same sentence,
then one before the quote (a partial quote only looks in its own sentence).
A quote with no attribution in its own sentence takes the speaker of the
previous quote in its paragraph; a paragraph that is all quotation with no
attribution keeps the speaker of the quoted paragraph just before it; a
paragraph ending in a colon attributes the quote that follows it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping, Sequence

from comparator.claims.quotes import (
    CLOSING, REPORTING_VERBS, STRAIGHT, Quote, Segment, inside, opens_inside_clause)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_SUBJECTS = ("nsubj", "nsubjpass")
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "'s", "’s"})
#: Nouns for texts whose author speaks through them ("Talwani's order reads").
DOCUMENT_NOUNS = frozenset({
    "brief", "complaint", "decision", "filing", "judgment", "lawsuit", "letter", "memo",
    "motion", "opinion", "order", "post", "report", "ruling", "statement", "tweet",
})
#: Role nouns that name the same job ("the spokesman" finds "a DHS spokesperson"),
#: and title abbreviations spelled out ("Sen. Warren" is found by "the senator").
ROLE_SYNONYMS = {
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "congressman": "lawmaker",
    "congresswoman": "lawmaker", "chairman": "chair", "chairwoman": "chair",
    "sen.": "senator", "rep.": "representative", "gov.": "governor", "lt.": "lieutenant",
    "gen.": "general", "sgt.": "sergeant", "atty.": "attorney", "dr.": "doctor",
    "pres.": "president", "capt.": "captain", "col.": "colonel", "det.": "detective",
}
#: Words that tell a person's gender, so "she said" skips Mr. Smith.
GENDER_CUES = {
    "mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f",
    "spokesman": "m", "spokeswoman": "f", "congressman": "m", "congresswoman": "f",
    "chairman": "m", "chairwoman": "f", "businessman": "m", "businesswoman": "f",
}
_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}


@dataclass(frozen=True)
class Referent:
    """A person or anonymous source mentioned at ``offset``, with the roles it was given."""

    offset: int
    name: str
    roles: frozenset[str]
    subject: int = 0  # 2: subject of the main verb, 1: of another verb, 0: not a subject
    gender: str | None = None  # "f" | "m" when a title or role noun says so


@dataclass(frozen=True)
class Attribution:
    """A reporting verb (at ``offset``) and the speaker it names."""

    offset: int
    paragraph: int
    speaker: str


@dataclass(frozen=True)
class Speakers:
    """The speaker of each quote chain (chains without one are absent)."""

    by_chain: Mapping[int, str] = field(default_factory=dict)

    def of(self, chain: int) -> str | None:
        return self.by_chain.get(chain)


def _role(word: str) -> str:
    word = word.lower()
    return ROLE_SYNONYMS.get(word, word)


def surname(ent: "Span") -> str:
    """The last name of a PERSON entity ("Donald Trump Jr." -> "Trump", "Colleen
    Kollar-Kotelly" -> "Kollar-Kotelly"), apostrophes made straight ("O’Neill" -> "O'Neill")."""
    words = [w.strip(",") for w in ent.text.replace("’", "'").split()]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    words = [w for w in words if w and w.lower() not in _NAME_SUFFIXES]
    return words[-1] if words else ent.text


@dataclass
class _Timeline:
    """Referents in reading order; anonymous sources are added as they are met."""

    items: list[Referent]

    def add(self, ref: Referent) -> None:
        keys = [r.offset for r in self.items]
        self.items.insert(bisect.bisect_right(keys, ref.offset), ref)

    def names(self) -> set[str]:
        return {r.name for r in self.items}

    def before(self, offset: int) -> list[Referent]:
        return [r for r in self.items if r.offset < offset][::-1]

    def by_role(self, role: str, offset: int, qualifier: str | None = None) -> str | None:
        """The most recent referent given ``role`` (and ``qualifier``: "the Texas governor")."""
        roles_of: dict[str, set[str]] = {}
        for r in self.items:  # roles gathered over all mentions of the name
            roles_of.setdefault(r.name, set()).update(r.roles)
        for r in self.before(offset):
            if role in roles_of[r.name] and (
                    qualifier is None or qualifier.lower() in roles_of[r.name]
                    or qualifier.lower() in r.name.lower()):
                return r.name
        return None

    def pronoun(self, offset: int, gender: str | None) -> str | None:
        """The person "he"/"she" at ``offset`` most likely means (gender cues respected)."""
        genders: dict[str, set[str]] = {}
        for r in self.items:
            if r.gender:
                genders.setdefault(r.name, set()).add(r.gender)
        people = [r for r in self.before(offset) if "person" in r.roles
                  and (gender is None or genders.get(r.name, {gender}) == {gender})]
        for salience in (2, 1, 0):  # the most recent main-clause subject first
            best = next((r for r in people if r.subject >= salience), None)
            if best is not None:
                return best.name
        return None


def _people(doc: "Doc", quoted: Sequence[tuple[int, int]]) -> list[Referent]:
    """Every PERSON mention outside quotes, with its title and appositive nouns as roles."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or inside(ent.start_char, quoted):
            continue
        root = ent.root
        words = [t.text.lower() for t in ent if t.i != root.i]
        for left in root.lefts:
            if left.i < ent.start and left.dep_ in ("compound", "nmod", "amod"):
                words += [t.text.lower() for t in left.subtree if t.pos_ in ("NOUN", "PROPN")]
        for child in root.rights:
            if child.dep_ == "appos":
                words += [t.text.lower() for t in child.subtree if t.pos_ == "NOUN"]
        gender = next((GENDER_CUES[w] for w in words if w in GENDER_CUES), None)
        roles = frozenset({"person"} | {_role(w) for w in words})
        out.append(Referent(ent.start_char, surname(ent), roles,
                            subject=_salience(root), gender=gender))
    return out


def _salience(token: "Token") -> int:
    if token.dep_ not in _SUBJECTS:
        return 0
    return 2 if token.head.dep_ == "ROOT" else 1


def _entity_of(token: "Token") -> "Span | None":
    from comparator.chunks import ent_at  # O(log n), not O(entities)

    return ent_at(token.doc, token.i)


def _organisation(head: "Token") -> str | None:
    """The organisation an anonymous source speaks for, acronym first."""
    lefts = [t for left in head.lefts if left.dep_ != "det" for t in left.subtree]
    rights = [t for r in head.rights if r.dep_ == "prep" and r.lower_ in ("for", "of", "at")
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
    nouns = [t.lower_ for t in head.lefts if t.dep_ == "compound" and t.pos_ == "NOUN"]
    return " ".join(nouns) or None  # "a police spokeswoman", "an administration official"


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def resolve(subject: "Token", timeline: _Timeline) -> str | None:
    """A canonical speaker for the subject of a reporting verb (None if unknown)."""
    lower = subject.lower_
    if lower in _PRONOUN_GENDER:
        return timeline.pronoun(subject.idx, _PRONOUN_GENDER[lower])
    if subject.pos_ == "PRON":
        return None
    ent = _entity_of(subject)
    if ent is not None and ent.label_ == "PERSON":
        return surname(ent)
    if subject.lemma_.lower() in DOCUMENT_NOUNS:
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        if owner is None and subject.i >= 2 and subject.doc[subject.i - 1].lower_ in ("'s", "’s"):
            owner = subject.doc[subject.i - 2]  # "Park's ruling" parsed without the poss arc
        if owner is None:  # "a statement from the White House"
            preps = [p for p in subject.rights if p.dep_ == "prep" and p.lower_ in ("from", "by")]
            owner = next((o for p in preps for o in p.children if o.dep_ == "pobj"), None)
        if owner is not None:
            return resolve(owner, timeline)
        org = _organisation(subject)  # "a White House memo reads" -> "White House memo"
        return f"{org} {subject.lower_}" if org else subject.lower_
    if ent is not None and ent.label_ in ("ORG", "GPE", "NORP", "FAC") and subject.pos_ == "PROPN":
        return _strip_the(ent.text)
    if subject.pos_ == "NOUN":
        role = _role(subject.lemma_)
        det = next((c.lower_ for c in subject.children if c.dep_ in ("det", "poss")), None)
        org = _organisation(subject)
        if det in _DEFINITE:
            known = timeline.by_role(role, subject.idx, org)
            if known or org is None:
                return known or subject.lower_
        name = f"{org} {subject.lower_}" if org else subject.lower_
        timeline.add(Referent(subject.idx, name, frozenset({role}),
                              gender=GENDER_CUES.get(subject.lower_)))
        return name
    if subject.pos_ == "PROPN":
        lefts = [t for t in subject.lefts if t.dep_ == "compound" or t.is_punct and t.text == "-"]
        first = lefts[0].idx if lefts else subject.idx
        name = subject.doc[lefts[0].i if lefts else subject.i:subject.i + 1].text.replace("’", "'")
        last = name.split()[-1]
        return last if last in timeline.names() else name  # a known surname the NER missed
    return None


def _subject_of(verb: "Token") -> "Token | None":
    if verb.lemma_.lower() == "accord":
        for to in verb.children:
            if to.lower_ == "to":
                return next((c for c in to.children if c.dep_ == "pobj"), None)
        return None
    head = verb
    for _ in range(3):  # "He paused, then added:", "Steele issued a statement saying:"
        subj = next((c for c in head.children if c.dep_ in _SUBJECTS), None)
        climb = head.dep_ in ("conj", "advcl", "acl", "xcomp", "dobj") and head.head is not head
        if subj is not None or not climb:
            return subj
        head = head.head
    return None


def _tail_subject(verb: "Token") -> "Token | None":
    """The subject in ``…,” Park's ruling reads.`` when the parser missed the verb:
    the head noun of the words between the closing quote mark and ``verb``."""
    doc = verb.doc
    if verb.i + 1 < len(doc) and not (doc[verb.i + 1].is_punct or doc[verb.i + 1].is_space):
        return None
    words = []
    for t in reversed(doc[max(0, verb.i - 8):verb.i]):
        if t.is_punct:
            if t.text not in CLOSING + STRAIGHT:
                return None
            break
        words.append(t)
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return None
    heads = [t for t in words if t.pos_ in ("NOUN", "PROPN", "PRON")]
    return heads[0] if heads else None  # words run right to left: the last noun


def find_attributions(doc: "Doc", quotes: Sequence[Quote],
                      sentences: Sequence[Segment]) -> tuple[Attribution, ...]:
    """Reporting verbs outside quotes whose subject resolves to a speaker, in order."""
    quoted = [(q.start, q.end) for q in quotes]
    timeline = _Timeline(_people(doc, quoted))
    starts = [s.start for s in sentences]
    out = []
    for token in doc:
        lemma = token.lemma_.lower()
        if lemma not in REPORTING_VERBS and lemma != "accord":
            continue
        if inside(token.idx, quoted):
            continue
        subject = _subject_of(token) if token.pos_ in ("VERB", "AUX") else _tail_subject(token)
        if subject is None:
            continue
        speaker = resolve(subject, timeline)
        if speaker:
            i = bisect.bisect_right(starts, token.idx) - 1
            if i >= 0:
                out.append(Attribution(token.idx, sentences[i].paragraph, speaker))
    return tuple(out)


def assign_speakers(text: str, doc: "Doc", quotes: Sequence[Quote],
                    sentences: Sequence[Segment]) -> Speakers:
    """The speaker of every quote chain."""
    attributions = find_attributions(doc, quotes, sentences)
    chains: dict[int, list[Quote]] = {}
    for q in quotes:
        chains.setdefault(q.chain, []).append(q)
    by_chain: dict[int, str] = {}
    last_by_paragraph: dict[int, str] = {}
    for chain in sorted(chains):
        spans = chains[chain]
        paras = {q.paragraph for q in spans}
        paras |= _introduced_by_colon(text, min(paras), sentences)
        sents = [s for s in sentences if any(s.start < q.end and q.start < s.end for q in spans)]
        partial = all(s.start < q.start and opens_inside_clause(text, s.start, q.start)
                      for q in spans for s in sents if s.start <= q.start < s.end)
        best: tuple[int, int, int] | None = None
        speaker: str | None = None
        for a in attributions:
            if a.paragraph not in paras:
                continue
            same = any(s.start <= a.offset < s.end for s in sents)
            if partial and not same:
                continue  # a partial quote is attributed inside its own sentence only
            dist = min(min(abs(a.offset - q.start), abs(a.offset - q.end)) for q in spans)
            key = (0 if same else 1, 0 if same or a.offset < spans[0].start else 1, dist)
            if best is None or key < best:
                best, speaker = key, a.speaker
        first_para = spans[0].paragraph
        if (best is None or best[0] == 1) and first_para in last_by_paragraph:
            speaker = last_by_paragraph[first_para]  # “X,” he said. “Y.”: Y is his too
        elif best is None:
            speaker = _continued_speaker(text, spans, sentences, last_by_paragraph)
        if speaker:
            by_chain[chain] = speaker
            for p in paras if not partial else ():  # a title in quotes is nobody's words
                last_by_paragraph[p] = speaker
    return Speakers(by_chain)


def _introduced_by_colon(text: str, paragraph: int, sentences: Sequence[Segment]) -> set[int]:
    """The previous paragraph when it ends with a colon ("…said in a statement:")."""
    prev = [s for s in sentences if s.paragraph == paragraph - 1]
    return {paragraph - 1} if prev and text[prev[-1].end - 1] == ":" else set()


def _continued_speaker(text: str, spans: Sequence[Quote], sentences: Sequence[Segment],
                       last_by_paragraph: Mapping[int, str]) -> str | None:
    """A paragraph that is all quotation, right after a quoted paragraph, keeps its speaker."""
    first = spans[0].paragraph
    para = [s for s in sentences if s.paragraph == first]
    if not para:
        return None
    ranges = [(q.start, q.end) for q in spans]
    if any(text[i].isalnum() and not inside(i, ranges) for i in range(para[0].start, para[-1].end)):
        return None
    return last_by_paragraph.get(first - 1)
