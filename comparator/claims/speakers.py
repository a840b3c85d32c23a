"""Who is quoted: evidence from the dependency parse, or "unattributed".

A speaker is given only when the text attributes the words:

- a reporting or evaluative verb outside the quotes whose subject is the
  speaker ("said", "wrote", "tweeted", "grumbled", "called … ",
  "denounced … as", "accused … of"; see :data:`REPORTING_VERBS`), or
  "according to X"; a passive verb's agent ("were circulated by X");
- a colon lead-in: the subject of the clause that ends with the colon, in the
  same sentence or at the end of the previous paragraph ("Maya added:");
- the attribution tail after the last sentence of a multi-sentence quote (the
  whole quote chain shares one speaker, across paragraphs when the quote
  continues there, see :mod:`comparator.claims.quotes`);
- within one paragraph, a quote right after an attributed quote or sentence
  ("“X,” he said. “Y.”").

Otherwise the quote has no speaker (the claim says ``speaker_reason =
"unattributed"``); a new quoted paragraph never inherits a speaker.

The subject becomes a canonical speaker (:func:`resolve`): a person's full
name as the article gives it ("Talwani" -> "Indira Talwani"); the person an
appositive names ("the campaign's manager, Brad Parlow," -> "Brad Parlow");
a pronoun's referent (:mod:`comparator.claims.referents`); a definite role
description's known person ("the judge" -> "Maria Lopez"); the author of a
document ("Talwani's order reads"); an anonymous source tied to its
organisation ("a Department of Homeland Security (DHS) spokesperson" -> "DHS
spokesperson"); an organisation ("Politico noted" -> "Politico"). Never a bare
role noun ("a demonstrator"), a non-person noun ("a month-long investigation
found"), a word inside the quotation, or a lower-case phrase without an
organisation.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping, Sequence

from comparator.claims.quotes import (
    CLOSING, OPENING, REPORTING_VERBS, STRAIGHT, Quote, Segment, inside, opens_inside_clause)
from comparator.claims.referents import (
    GENDER_CUES, PRONOUN_GENDER, SUBJECTS, Referent, Timeline, antecedent, build_timeline,
    ROLE_SYNONYMS, full_name, role)
from comparator.facts.names import TITLE_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
#: Nouns for texts whose author speaks through them ("Talwani's order reads").
DOCUMENT_NOUNS = frozenset({
    "brief", "complaint", "decision", "filing", "judgment", "lawsuit", "letter", "memo",
    "motion", "opinion", "order", "post", "report", "ruling", "statement", "tweet", "suit",
    "excerpt", "transcript", "passage",
})
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
#: Common nouns that stand for an institution ("a police spokeswoman", "an administration official").
INSTITUTION_NOUNS = frozenset("""
police administration campaign government military army navy company agency department court
state city county school hospital union party ministry embassy council committee prosecution
defense defence team club church university office board
""".split())


@dataclass(frozen=True)
class Attribution:
    """A reporting verb (at ``offset``) and the speaker it names (None: a subject that is
    no canonical speaker, e.g. "Critics said": the quote stays unattributed)."""

    offset: int
    paragraph: int
    sentence: int
    speaker: str | None


@dataclass(frozen=True)
class Speakers:
    """The speaker of each quote chain (chains without one are absent), and the sentences
    (indices) holding attribution evidence, so a quote there is no scare quote."""

    by_chain: Mapping[int, str] = field(default_factory=dict)
    attributed: frozenset[int] = frozenset()

    def of(self, chain: int) -> str | None:
        return self.by_chain.get(chain)


def _entity_of(token: "Token") -> "Span | None":
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


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
    """The name in "the campaign's manager, Brad Parlow, said" (a proper-noun appositive)."""
    for child in subject.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return child
    return None


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
        return resolve(named, line, quoted)
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
        name = subject.doc.text[first:subject.idx + len(subject.text)].replace("’", "'")
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


def _subject_of(verb: "Token") -> "Token | None":
    if verb.lemma_.lower() == "accord":
        for to in verb.children:
            if to.lower_ == "to":
                return next((c for c in to.children if c.dep_ == "pobj"), None)
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:  # "were circulated by Democrats", "a statement released by the mayor"
        return next((c for c in agent.children if c.dep_ == "pobj"), None)
    head = verb
    for _ in range(3):  # "He paused, then added:", "Steele issued a statement saying:"
        subj = next((c for c in head.children if c.dep_ in SUBJECTS), None)
        if subj is not None and subj.dep_ == "nsubjpass" and head.lemma_.lower() != "quote":
            return None  # a passive without agent ("it was announced") names nobody
        if subj is None and head is verb and head.dep_ == "acl" and head.head.pos_ in ("PROPN", "NOUN") \
                and head.tag_ in ("VBD", "VBN") and head.head.i < head.i:
            return head.head  # "…,” Frank Sharp, the executive director…, tweeted": misparsed
        if subj is None and head is verb and (near := _inverted(verb) or _left_name(verb)) is not None:
            return near
        climb = head.dep_ in ("conj", "advcl", "acl", "xcomp", "dobj") and head.head is not head
        if subj is not None or not climb:
            return subj
        head = head.head
    return None


def _inverted(verb: "Token") -> "Token | None":
    """``“…,” grumbled Wes Parnell.``: after a closing quote mark the subject follows the verb
    and the parser often reads it as an object."""
    i = verb.i - 1
    while i >= 0 and verb.doc[i].is_punct and verb.doc[i].text not in CLOSING + STRAIGHT + "’'":
        i -= 1
    if i < 0 or verb.doc[i].text not in CLOSING + STRAIGHT + "’'":
        return None
    return next((c for c in verb.rights if c.dep_ in ("dobj", "attr", "npadvmod", "oprd")
                 and c.pos_ in ("PROPN", "NOUN")), None)


def _left_name(verb: "Token") -> "Token | None":
    """A person named before a verb the parser left without subject, with no other clause in
    between ("…and Justice Ruth Bader Ginsburg said it was…", "…,” the campaign's manager,
    Brad Parlow, said", "Blumenthal, advocating for troops…, clearly says, “…”")."""
    doc = verb.doc
    for i in range(verb.i - 1, verb.sent.start - 1, -1):
        t = doc[i]
        if t.ent_type_ == "PERSON" and t.pos_ == "PROPN":
            return t
        if t.text in OPENING + CLOSING + STRAIGHT or t.dep_ in SUBJECTS or t.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return None
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


def find_attributions(doc: "Doc", quotes: Sequence[Quote], sentences: Sequence[Segment],
                      line: Timeline | None = None) -> tuple[Attribution, ...]:
    """Reporting verbs outside quotes that have a subject, in order (speaker None when the
    subject is no canonical speaker)."""
    quoted = [(q.start, q.end) for q in quotes if q.chain in _marked(quotes)]
    line = line or build_timeline(doc, quoted, sentences)
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
        i = bisect.bisect_right(starts, token.idx) - 1
        if i >= 0:
            out.append(Attribution(token.idx, sentences[i].paragraph, i, resolve(subject, line, quoted)))
    return tuple(out)


def assign_speakers(text: str, doc: "Doc", quotes: Sequence[Quote],
                    sentences: Sequence[Segment]) -> Speakers:
    """The speaker of every quote chain that has attribution evidence (see module doc)."""
    marked = _marked(quotes)
    quoted = [(q.start, q.end) for q in quotes if q.chain in marked]
    line = build_timeline(doc, quoted, sentences)
    attributions = find_attributions(doc, quotes, sentences, line)
    chains: dict[int, list[Quote]] = {}
    for q in quotes:
        chains.setdefault(q.chain, []).append(q)
    by_chain: dict[int, str] = {}
    last_by_paragraph: dict[int, str | None] = {}
    for chain in sorted(chains):
        spans = chains[chain]
        own = [i for i, s in enumerate(sentences) if any(s.start < q.end and q.start < s.end for q in spans)]
        partial = all(sentences[i].start < q.start and opens_inside_clause(text, sentences[i].start, q.start)
                      for q in spans for i in own if sentences[i].start <= q.start < sentences[i].end)
        # a block without marks (bullets after "…circulated by X:") holds its own reporting
        # verbs: only its lead-in attributes it
        found = [a for a in attributions if a.sentence in own] if chain in marked else []
        if found:
            best = min(found, key=lambda a: min(min(abs(a.offset - q.start), abs(a.offset - q.end))
                                                for q in spans))
            speaker = best.speaker
        else:
            speaker = _colon_lead_in(text, doc, spans, own, sentences, attributions, line, quoted)
            first = spans[0].paragraph
            if speaker is None and not partial and own and chain in marked:
                speaker = _earlier_in_paragraph(own[0], sentences, attributions, last_by_paragraph, first)
        if speaker:
            by_chain[chain] = speaker
        if not partial:
            for q in spans:
                last_by_paragraph[q.paragraph] = speaker
    return Speakers(by_chain, frozenset(a.sentence for a in attributions))


def _marked(quotes: Sequence[Quote]) -> set[int]:
    """Chains with at least one quote mark (the others are blocks, see :mod:`.blocks`)."""
    return {q.chain for q in quotes if q.open_mark is not None or q.close_mark is not None}


def _earlier_in_paragraph(sentence: int, sentences: Sequence[Segment], attributions: Sequence[Attribution],
                          last_by_paragraph: Mapping[int, str | None], paragraph: int) -> str | None:
    """“X,” he said. “Y.” — or "Lee said the plan was unfair. “It hurts.”": within one
    paragraph a quote with no attribution of its own keeps the nearest earlier speaker."""
    earlier = [a for a in attributions if a.paragraph == paragraph and a.sentence < sentence]
    if paragraph in last_by_paragraph:
        return last_by_paragraph[paragraph]
    return earlier[-1].speaker if earlier else None


def _colon_lead_in(text: str, doc: "Doc", spans: Sequence[Quote], own: Sequence[int],
                   sentences: Sequence[Segment], attributions: Sequence[Attribution],
                   line: Timeline, quoted: Sequence[tuple[int, int]]) -> str | None:
    """The speaker a colon introduces: "Maya added: “…”" in the same sentence, or a
    paragraph ending "…said in a statement:" just before the quote's first paragraph."""
    first = spans[0]
    mark = first.open_mark if first.open_mark is not None else first.start
    i = mark - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    if i >= 0 and text[i] == ":" and own and sentences[own[0]].start < i:
        return _clause_speaker(doc, sentences[own[0]].start, i, attributions, own[0], line, quoted)
    at = bisect.bisect_right([s.start for s in sentences], mark) - 1  # the opening mark's paragraph
    if at < 0:
        return None
    para = sentences[at].paragraph
    opening = min(s.start for s in sentences if s.paragraph == para)
    if text[opening:mark].strip().strip("-–—•*·▪"):
        return None  # the quote does not open its paragraph: no paragraph lead-in
    prev = [j for j, s in enumerate(sentences) if s.paragraph == para - 1]
    if prev and text[sentences[prev[-1]].end - 1] == ":":
        s = sentences[prev[-1]]
        return _clause_speaker(doc, s.start, s.end - 1, attributions, prev[-1], line, quoted)
    return None


def _clause_speaker(doc: "Doc", start: int, colon: int, attributions: Sequence[Attribution],
                    sentence: int, line: Timeline, quoted: Sequence[tuple[int, int]]) -> str | None:
    """The attribution in the lead-in (nearest the colon), else the subject of its main verb
    ("Trump also took credit for…: “…”")."""
    found = [a for a in attributions if a.sentence == sentence and a.offset < colon]
    if found:
        return found[-1].speaker
    span = doc.char_span(start, colon, alignment_mode="expand")
    if span is None:
        return None
    roots = [t for t in span if t.head.i == t.i or not (span.start <= t.head.i < span.end)]
    for root in roots:
        if root.pos_ in ("VERB", "AUX"):
            subj = _subject_of(root)
            if subj is not None:
                return resolve(subj, line, quoted)
    return None
