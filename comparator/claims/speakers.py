"""Who is quoted: evidence from the dependency parse, or "unattributed".

A speaker is given only when the text attributes the words:

- a reporting or evaluative verb outside the quotes whose subject is the
  speaker ("said", "wrote", "tweeted", "grumbled", "called … ",
  "denounced … as", "accused … of"; see :data:`REPORTING_VERBS`), or
  "according to X"; a passive verb's agent ("were circulated by X");
- any other verb whose parse frames the quotation as its subject's words, with a person
  as subject (:func:`_frames_quotation`): a quoted characterisation in its "as" phrase
  ("brushed off the protesters as “a mob”", "ridiculed the claim as …") or the
  that-clause of a retort ("shot back that her critics were “…”");
- a colon lead-in: the subject of the clause that ends with the colon, in the
  same sentence or at the end of the previous paragraph ("Maya added:");
- the attribution tail after the last sentence of a multi-sentence quote (the
  whole quote chain shares one speaker, across paragraphs when the quote
  continues there, see :mod:`comparator.claims.quotes`), also when it opens the
  next sentence (``“…John?” Obama continued, …``) and reports nothing of its own;
- within one paragraph, a quote right after an attributed quote or sentence
  ("“X,” he said. “Y.”").

Otherwise the quote has no speaker (the claim says ``speaker_reason =
"unattributed"``); a new quoted paragraph never inherits a speaker.

The subject is found in the dependency parse (with repairs for inverted and
misparsed attributions, and a run-in label the parser reads as a second subject:
"The bottom line: “…,” Falk said") and becomes a canonical speaker
(:func:`comparator.claims.resolve.resolve`): a person's full
name as the article gives it ("Talwani" -> "Indira Talwani"); the person an
appositive names ("the campaign's manager, Brad Parlow," -> "Brad Parlow");
the person named at the end of a role phrase ("A nurse at the clinic, Tamsin Orue, 41,"
-> "Tamsin Orue"); a pronoun's referent (:mod:`comparator.claims.referents`); a definite role
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
    CLOSING, OPENING, REPORTING_VERBS, STRAIGHT, Quote, Ranges, Segment, inside, opens_inside_clause)
from comparator.claims.referents import SUBJECTS, Timeline, build_timeline
from comparator.claims.resolve import DOCUMENT_NOUNS, PERSON_NOUNS, resolve

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["Attribution", "Speakers", "assign_speakers", "find_attributions", "resolve",
           "DOCUMENT_NOUNS", "PERSON_NOUNS"]


@dataclass(frozen=True)
class Attribution:
    """A reporting verb (at ``offset``) and the speaker it names (None: a subject that is
    no canonical speaker, e.g. "Critics said": the quote stays unattributed)."""

    offset: int
    paragraph: int
    sentence: int
    speaker: str | None
    own_content: bool = False  # the verb reports a clause of its own ("Critics argued the toll…")
    reported: tuple[int, int] | None = None  # that clause, or the "as …" of "describing X as Y"


@dataclass(frozen=True)
class Speakers:
    """The speaker of each quote chain (chains without one are absent), and the sentences
    (indices) holding attribution evidence, so a quote there is no scare quote."""

    by_chain: Mapping[int, str] = field(default_factory=dict)
    attributed: frozenset[int] = frozenset()
    reported: tuple[tuple[int, int], ...] = ()  # indirect speech: someone else's words, unquoted

    def of(self, chain: int) -> str | None:
        return self.by_chain.get(chain)


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
        subj = _nearest_subject(head)
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


def _nearest_subject(verb: "Token") -> "Token | None":
    """The subject of ``verb``; of two (the parser reads a lead-in label as one: "The bottom
    line: “…,” union chief Odo Falk said"), the one nearest the verb that is no label
    ending in a colon."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if len(subjects) > 1:
        labels = [s for s in subjects if any(c.text == ":" and c.dep_ == "punct" for c in s.rights)]
        subjects = [s for s in subjects if s not in labels] or subjects
        subjects.sort(key=lambda s: abs(s.i - verb.i))
    return subjects[0] if subjects else None


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
    between ("…and Justice Ann Lowe said it was…", "…,” the campaign's manager,
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


#: Verbs whose "as …" (or second object) carries the subject's characterisation, not the outlet's.
_CHARACTERISING = frozenset({"describe", "call", "brand", "label", "dub", "term", "characterize",
                             "characterise", "denounce", "dismiss", "refer", "hail", "condemn", "decry",
                             "criticize", "criticise", "praise", "blast", "slam", "mock"})


def _reported(verb: "Token", quoted: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The characters of indirect speech a reporting verb introduces: its clausal complement
    ("Corrigan claimed [Republicans are often attacked…]") or, for a characterising verb, the
    characterisation ("describing the proposal as [amnesty]", "called the plan [a disaster]")."""
    parts = [c for c in verb.children if c.dep_ == "ccomp"]
    if verb.lemma_.lower() in _CHARACTERISING:
        heads = [verb] + [c for c in verb.children if c.dep_ == "dobj"]  # "as" may hang on the object
        parts += [o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ == "as"
                  for o in p.children if o.dep_ == "pobj"]
        parts += [c for c in verb.children if c.dep_ in ("oprd", "xcomp")]
    for part in parts:
        words = [t for t in part.subtree if not t.is_punct]
        if words and not inside(words[0].idx, quoted):
            return words[0].idx, words[-1].idx + len(words[-1])
    return None


def find_attributions(doc: "Doc", quotes: Sequence[Quote], sentences: Sequence[Segment],
                      line: Timeline | None = None) -> tuple[Attribution, ...]:
    """Reporting verbs outside quotes that have a subject, in order (speaker None when the
    subject is no canonical speaker)."""
    marked = _marked(quotes)
    quoted = Ranges((q.start, q.end) for q in quotes if q.chain in marked)
    line = line or build_timeline(doc, quoted, sentences)
    starts = [s.start for s in sentences]
    out = []
    for token in doc:
        lemma = token.lemma_.lower()
        listed = lemma in REPORTING_VERBS or lemma == "accord"
        if not listed and not (quoted and _frames_quotation(token, quoted)):
            continue
        if inside(token.idx, quoted):
            continue
        subject = _subject_of(token) if token.pos_ in ("VERB", "AUX") else _tail_subject(token)
        if subject is None:
            continue
        i = bisect.bisect_right(starts, token.idx) - 1
        if i >= 0:
            speaker = resolve(subject, line, quoted)
            if speaker is None and not listed:
                continue  # "the storm left the town as “a ghost town”": no speech act without a speaker
            content = any(c.dep_ in ("ccomp", "dobj") and not inside(c.idx, quoted) for c in token.children)
            out.append(Attribution(token.idx, sentences[i].paragraph, i, speaker,
                                   content, _reported(token, quoted)))
    return tuple(out)


#: Verbs of comparison whose "to" phrase carries the subject's characterisation ("likened the
#: plan to “a Ponzi scheme”"); a short list because "to" is mostly a plain direction.
_COMPARING = frozenset({"liken", "compare", "equate"})
#: Adverbs/particles that make a verb a retort: "shot back", "fired back", "hit back" that … .
_RETORT_PARTICLES = frozenset({"back"})
#: Particles of a phrasal verb the parser may read as a preposition with the object as its
#: object ("laughed [off the accusation] as “…”", "hit out [at the plan] as …"): that object
#: counts as the verb's, as a ``prt`` particle's does ("brushed off [the accusation]").
_PARTICLE_PREPS = frozenset({"at", "off", "away", "down"})


def _frames_quotation(verb: "Token", quoted: Sequence[tuple[int, int]]) -> bool:
    """A verb outside :data:`REPORTING_VERBS` that still credits quoted words to its subject,
    read from the parse rather than a word list (issue: non-reporting-verb attribution):

    - a characterisation in quotes in its "as" phrase, with an object: "brushed off the
      protesters as “a mob”", "ridiculed the claim as “pure fantasy”", "hit out at the plan
      as …" (the "as" may hang on the verb or on its object), or in the "to" phrase of a verb
      of comparison ("likened the plan to “a Ponzi scheme”");
    - a retort, the verb with "back" and a that-clause holding the quote: "shot back that her
      critics were “radical extremists”", "fired back that …".
    """
    if verb.pos_ != "VERB":
        return False

    def quotes_in(token: "Token") -> bool:
        return any(inside(t.idx, quoted) for t in token.subtree if not t.is_punct)

    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")] + [
        o for p in verb.children if p.dep_ == "prt" or p.dep_ == "prep" and p.lower_ in _PARTICLE_PREPS
        for o in p.children if o.dep_ == "pobj"]  # brushed off [X], hit out at [X], laughed off [X]
    framing = ("as", "to") if verb.lemma_.lower() in _COMPARING else ("as",)
    if objects:
        for head in [verb] + objects:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in framing and not inside(prep.idx, quoted) \
                        and any(o.dep_ == "pobj" and quotes_in(o) for o in prep.children):
                    return True
    if any(c.dep_ in ("advmod", "prt") and c.lower_ in _RETORT_PARTICLES for c in verb.children):
        return any(c.dep_ == "ccomp" and quotes_in(c) for c in verb.children)
    return False


def assign_speakers(text: str, doc: "Doc", quotes: Sequence[Quote],
                    sentences: Sequence[Segment]) -> Speakers:
    """The speaker of every quote chain that has attribution evidence (see module doc)."""
    marked = _marked(quotes)
    quoted = Ranges((q.start, q.end) for q in quotes if q.chain in marked)
    line = build_timeline(doc, quoted, sentences)
    attributions = find_attributions(doc, quotes, sentences, line)
    chains: dict[int, list[Quote]] = {}
    for q in quotes:
        chains.setdefault(q.chain, []).append(q)
    starts = [s.start for s in sentences]
    by_chain: dict[int, str] = {}
    last_by_paragraph: dict[int, str | None] = {}
    for chain in sorted(chains):
        spans = chains[chain]
        own = sorted({i for q in spans for i in range(max(0, bisect.bisect_right(starts, q.start) - 1),
                                                      bisect.bisect_left(starts, q.end))
                      if sentences[i].start < q.end and q.start < sentences[i].end})
        partial = all(sentences[i].start < q.start and opens_inside_clause(text, sentences[i].start, q.start)
                      for q in spans for i in own if sentences[i].start <= q.start < sentences[i].end)
        # a block without marks (bullets after "…circulated by X:") holds its own reporting
        # verbs: only its lead-in attributes it
        found = [a for a in attributions if a.sentence in own] if chain in marked else []
        if found:
            best = min(found, key=lambda a: min(min(abs(a.offset - q.start), abs(a.offset - q.end))
                                                for q in spans))
            speaker = best.speaker
        elif (tail := _tail_after(text, spans, own, sentences, attributions)) is not None:
            speaker = tail.speaker
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
    return Speakers(by_chain, frozenset(a.sentence for a in attributions),
                    tuple(a.reported for a in attributions if a.reported))


#: An attribution opening the sentence after a quote (``“…John?” Obama continued, calling…``)
#: has its verb within this many characters of that sentence's start.
MAX_TAIL_LEAD = 40


def _tail_after(text: str, spans: Sequence[Quote], own: Sequence[int], sentences: Sequence[Segment],
                attributions: Sequence[Attribution]) -> Attribution | None:
    """The attribution that opens the next sentence of the paragraph, right after the quote's
    closing mark (the splitter cut “…?” | Obama continued, … after a question)."""
    last = spans[-1]
    if not own or last.close_mark is None or own[-1] + 1 >= len(sentences):
        return None
    nxt = sentences[own[-1] + 1]
    if nxt.paragraph != last.paragraph or text[last.close_mark + 1:nxt.start].strip():
        return None
    return next((a for a in attributions if nxt.start <= a.offset < nxt.start + MAX_TAIL_LEAD
                 and a.sentence == own[-1] + 1 and not a.own_content), None)


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
    return _label_speaker(span, roots, line, quoted)


#: Penn tags of a clause's verb: a lead-in with one is a clause, not a run-in label.
_CLAUSE_TAGS = frozenset({"VBD", "VBZ", "VBP", "VBN", "MD"})


def _label_speaker(span: "Span", roots: Sequence["Token"], line: Timeline,
                   quoted: Sequence[tuple[int, int]]) -> str | None:
    """The person a verbless run-in label names: "per X" ("The port authority's view, per
    spokesman Otto Brandt: “…”"), else the possessor of the label's head noun, a pronoun
    resolved like other pronoun speakers ("Her message to shippers: “…”") or a person's name
    ("Marsh's pitch: “…”"). None for a label naming nobody ("The bottom line:") or an
    organisation ("The port authority's view:"), and for a clause."""
    if any(t.tag_ in _CLAUSE_TAGS for t in span):
        return None
    for t in span:
        if t.lower_ == "per" and t.dep_ == "prep":
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return resolve(obj, line, quoted)
    head = next((t for t in roots if t.pos_ in ("NOUN", "PROPN")), None)
    owner = next((c for c in head.children if c.dep_ == "poss"), None) if head is not None else None
    if owner is None:
        return None
    if owner.pos_ == "PRON":
        return line.pronouns.get(owner.i)
    if owner.pos_ == "PROPN" and owner.ent_type_ == "PERSON":
        return resolve(owner, line, quoted)
    return None
