"""Labels per entity: how each outlet describes a person, organisation or group.

From spaCy's dependency parse around every entity mention: role nouns and
pre-modifiers ("U.S. District Judge"), appositives and set-off participles
(", appointed to the bench by President Barack Obama,"), descriptive relative
clauses ("who was nominated by ..."), predicate nominals ("is the second
judge"). Definite descriptions elsewhere ("the Obama judge", "this activist
judge") are resolved to the entity whose role noun they share, preferring the
one whose other labels share their modifiers, then the one mentioned last.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from comparator.framing.common import claim_index, doc_of, term_matches
from comparator.framing.voice import span_voice
from comparator.types import Entity, EntityMention, Label

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context

LABELLED = ("PERSON", "ORG", "NORP")
_PREMOD_DEPS = {"compound", "amod", "nmod", "nummod", "npadvmod"}
_DESCRIPTIVE_VERBS = {"be", "serve", "lead", "head", "chair", "run", "represent", "become", "remain"}
_APPOINTING = {"appoint", "nominate", "elect", "name", "confirm", "pick", "tap"}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "mx"}
_DEMONSTRATIVE = {"the", "this", "that", "these", "those"}
#: Loaded label categories, most loaded first.
LOADED_ORDER = ("partisan_identity", "epithet", "immigration_term", "scare_term", "evaluative",
                "intensifier", "conflict_verb", "conflict_noun", "speech_verb", "style_rule", "appointment")


@dataclass(frozen=True)
class _Anchor:
    """A resolved entity mention with its spaCy span."""

    entity: Entity
    mention: EntityMention
    span: Any


def _trim(doc: Any, start: int, end: int) -> Any:
    """Token span without surrounding punctuation, possessive markers or leading "and"."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "case"):
        end -= 1
    return doc[start:end] if end > start else None


def _role_head(span: Any) -> Any:
    """The rightmost noun of a label span (its head noun), or None."""
    for tok in reversed(list(span)):
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "poss":
            return tok
    return None


def _premodifiers(doc: Any, span: Any) -> Any:
    """Title and modifier words right before the name: "U.S. District Judge" in "U.S. District Judge Indira Talwani"."""
    root = span.root
    left = [t for t in root.subtree if t.i < span.start]
    keep = []
    for t in sorted(left, key=lambda t: -t.i):
        if t.i != (keep[-1].i - 1 if keep else span.start - 1):
            break
        if t.dep_ in ("det", "poss", "case", "punct", "cc", "prep") or t.pos_ in ("DET", "ADP", "PRON"):
            break
        keep.append(t)
    if not keep:
        return None
    return _trim(doc, min(t.i for t in keep), span.start)


def _clause(doc: Any, tok: Any) -> Any:
    """The clause headed by ``tok``, cut at its first comma or dash (", ruling in November...")."""
    end = tok.right_edge.i + 1
    for t in doc[tok.i + 1:end]:
        if t.text in {",", "\u2014", "\u2013", "--", ";", "("}:
            end = t.i
            break
    return _trim(doc, tok.left_edge.i, end)


def _is_description(lab: Any, kind: str, names: set[str]) -> bool:
    """A description rather than another name: not an alias, and headed by a common noun or a verb."""
    text = lab.text.lower()
    if text in names or (text.startswith("the ") and text[4:] in names):
        return False
    if kind in ("appositive", "relative_clause", "predicate") and any(t.pos_ in ("VERB", "AUX") for t in lab):
        return True
    head = _role_head(lab)
    if head is None:
        return False
    if kind == "role":
        if all(t.lower_.rstrip(".") in _HONORIFICS for t in lab):
            return False
        return head.pos_ == "NOUN" or head.is_title
    return head.pos_ == "NOUN"


def _is_descriptive(verb: Any) -> bool:
    if verb.lemma_.lower() in _DESCRIPTIVE_VERBS:
        return True
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or verb.tag_ == "VBN"


def _set_off(doc: Any, tok: Any) -> bool:
    """The clause starting at ``tok`` follows a comma, dash or parenthesis."""
    i = tok.left_edge.i - 1
    return i >= 0 and doc[i].text in {",", "\u2014", "\u2013", "-", "--", "("}


def _mention_labels(doc: Any, span: Any) -> list[tuple[Any, str]]:
    """(label span, kind) for the parse around one mention."""
    out: list[tuple[Any, str]] = []
    root = span.root
    pre = _premodifiers(doc, span)
    if pre is not None:
        head = _role_head(pre)
        out.append((pre, "role" if head is not None and head.i == pre.end - 1 else "premodifier"))
    for child in root.children:
        if child.i < span.end:
            continue
        if child.dep_ == "appos":
            lab = _clause(doc, child)
            if lab is not None:
                out.append((lab, "appositive"))
        elif child.dep_ == "acl" and _set_off(doc, child) and _is_descriptive(child):
            lab = _clause(doc, child)
            if lab is not None:
                out.append((lab, "appositive"))
        elif child.dep_ == "relcl" and _is_descriptive(child):
            lab = _clause(doc, child)
            if lab is not None:
                out.append((lab, "relative_clause"))
    if root.dep_ == "appos" and root.head.i < span.start and root.head.pos_ in ("NOUN", "PROPN"):
        head = root.head
        lab = _trim(doc, head.left_edge.i, head.i + 1)
        if lab is not None:
            out.append((lab, "appositive"))
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
        for child in root.head.children:
            if child.dep_ in ("attr", "acomp") and child.i > root.i and child.pos_ in ("NOUN", "PROPN"):
                lab = _trim(doc, child.left_edge.i, child.i + 1)
                if lab is not None:
                    out.append((lab, "predicate"))
    if root.dep_ == "nsubjpass" and root.head.lemma_ in _APPOINTING:  # "X was nominated by ..."
        verb = root.head
        first = min([verb.i] + [c.i for c in verb.children if c.dep_ in ("auxpass", "aux") and c.i > root.i])
        lab = _clause(doc, verb)
        if lab is not None and first < lab.end:
            out.append((doc[first:lab.end], "predicate"))
    if root.dep_ == "dobj":  # "makes Talwani the second federal judge"
        for child in root.head.children:
            if child.dep_ in ("oprd", "ccomp", "xcomp") and child.pos_ == "NOUN" and child.i > root.i:
                lab = _trim(doc, child.left_edge.i, child.i + 1)
                if lab is not None:
                    out.append((lab, "predicate"))
    return out


def _names_a_role(lab: Any, kind: str) -> bool:
    """A title ("U.S. District Judge") or a short noun phrase ("a former prosecutor"): its head noun
    is a role that later descriptions ("the Obama judge") can pick up."""
    if kind == "role":
        return True
    if kind not in ("appositive", "predicate"):
        return False
    words = [t for t in lab if not t.is_punct]
    return len(words) <= 4 and not any(t.pos_ in ("VERB", "AUX", "ADP") for t in words)


def _anchors(comp: "Comparison", ctx: "Context", article_id: str) -> list[_Anchor]:
    doc = doc_of(comp, ctx, article_id)
    out = []
    for ent in comp.entities:
        if ent.label not in LABELLED:
            continue
        for m in ent.mentions:
            if m.article != article_id:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and len(span):
                out.append(_Anchor(ent, m, span))
    out.sort(key=lambda a: (a.span.start, a.span.end, a.entity.id))
    return out


def _category(matches: Iterable[Any], start: int, end: int, tokens: Iterable[Any]) -> str | None:
    cats = [m.entry.category for m in matches if m.start >= start and m.end <= end]
    if any(t.lemma_.lower() in ("appoint", "nominate", "appointee", "nominee") for t in tokens):
        cats.append("appointment")
    ranked = sorted(cats, key=lambda c: LOADED_ORDER.index(c) if c in LOADED_ORDER else len(LOADED_ORDER))
    return ranked[0] if ranked else None


def _words(text: str) -> set[str]:
    return {w.strip(".,\u2019'").lower() for w in text.split() if len(w) > 2}


def _resolve(tok: Any, anchors: list[_Anchor], roles: dict[str, set[str]], context: dict[str, set[str]],
             modifiers: set[str]) -> str | None:
    """Id of the entity an anaphoric description refers to (None when no entity fits)."""
    lemma = tok.lemma_.lower()
    candidates = sorted(eid for eid, nouns in roles.items() if lemma in nouns)
    last_seen: dict[str, int] = {}
    for a in anchors:
        if a.span.start < tok.i:
            last_seen[a.entity.id] = a.span.start

    def score(eid: str) -> tuple:
        overlap = len(modifiers & context.get(eid, set()))
        return (overlap, eid in last_seen, last_seen.get(eid, -1))

    fitting = [eid for eid in candidates if score(eid)[0] or score(eid)[1]]
    if not fitting:
        return None
    return max(fitting, key=lambda eid: (score(eid), eid))


def extract_labels(comp: "Comparison", ctx: "Context") -> tuple[Label, ...]:
    """Every label of every person/organisation/group entity, in article order."""
    index = claim_index(comp, ctx)
    entities = {e.id: e for e in comp.entities}
    found: dict[tuple, Label] = {}
    roles: dict[str, set[str]] = {}
    context: dict[str, set[str]] = {}
    per_article: dict[str, tuple[Any, list[_Anchor], list[Any]]] = {}
    names = {m.text.lower() for e in comp.entities for m in e.mentions}
    names |= {n.lower() for e in comp.entities for n in (e.name, *e.aliases)}

    def add(ent: Entity, article_id: str, lab: Any, kind: str, matches: list[Any]) -> None:
        claim = index.at(article_id, lab.start_char, lab.end_char)
        if claim is None or claim.boilerplate:
            return
        sv = span_voice(claim, lab.start_char, lab.end_char)
        key = (ent.id, article_id, lab.start_char, lab.end_char)
        if key not in found:
            found[key] = Label(entity=ent.id, article=article_id, claim=claim.id, text=lab.text,
                               start=lab.start_char, end=lab.end_char, kind=kind, voice=sv.voice,
                               speaker=sv.speaker,
                               category=_category(matches, lab.start_char, lab.end_char, lab))

    for article in comp.articles:
        doc = doc_of(comp, ctx, article.id)
        anchors = _anchors(comp, ctx, article.id)
        matches = term_matches(comp, ctx, article.id)
        per_article[article.id] = (doc, anchors, matches)
        for a in anchors:
            for lab, kind in _mention_labels(doc, a.span):
                if not _is_description(lab, kind, names):
                    continue
                add(a.entity, article.id, lab, kind, matches)
                head = _role_head(lab)
                if head is not None and _names_a_role(lab, kind):
                    roles.setdefault(a.entity.id, set()).add(head.lemma_.lower())
                context.setdefault(a.entity.id, set()).update(_words(lab.text))
    # anaphoric descriptions: "the Obama judge", "this activist judge"
    for article in comp.articles:
        doc, anchors, matches = per_article[article.id]
        taken = {i for a in anchors for i in range(a.span.start, a.span.end)}
        for tok in doc:
            if tok.pos_ != "NOUN" or tok.i in taken or tok.dep_ == "compound":
                continue
            left = [t for t in tok.lefts]
            det = [t for t in left if t.dep_ == "det" and t.lower_ in _DEMONSTRATIVE]
            mods = [t for t in left if t.dep_ in _PREMOD_DEPS and t.pos_ not in ("NUM",)
                    and t.lower_ not in ("first", "second", "third", "last", "same", "other")]
            if not det or not mods:
                continue
            modifiers = {t.lower_ for m in mods for t in m.subtree}
            eid = _resolve(tok, anchors, roles, context, modifiers)
            if eid is None:
                continue
            lab = _trim(doc, det[0].i, tok.i + 1)
            if lab is not None:
                add(entities[eid], article.id, lab, "anaphor", matches)
    order = {a.id: i for i, a in enumerate(comp.articles)}
    return tuple(sorted(found.values(), key=lambda l: (order[l.article], l.start, l.end, l.entity)))


def label_from_dict(d: dict) -> Label:
    """A :class:`Label` back from ``Label.to_dict()`` output (``comp.extras["labels"]``)."""
    return Label(**{k: d.get(k) for k in ("entity", "article", "claim", "text", "start", "end", "kind",
                                           "voice", "speaker", "category")})
