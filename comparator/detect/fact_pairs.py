"""Divergent facts in sentences that do not align as wholes: the same count, status or title told otherwise.

Alignment pairs whole sentences, but a fact often sits in sentences that say
other things around it: one outlet gives "the more than 2,100 stores" in a
sentence about a chain's culture, another "the workers were employed in 1,800
stores" in one about a lawsuit. Here every pair of story claims of two articles
that no alignment joins is searched for facts that share an anchor newsrooms
use, and compared only then:

- **count**: two exact quantities counting the same noun (the same lemma, a
  noun right after the number, or glued to it: "a 350-bed shelter" / "320 beds"), each the only exact count of that noun in its
  article, both at least :data:`MIN_COUNT`, within :data:`MAX_RATIO` of each
  other (the same figure told otherwise, not a part of it: "at least 380 nurses"
  against "2.5 million nurses" is another group) and disagreeing once qualifiers
  are read ("up to 2.6 million" / "as many as 2.5 million"); counts of people
  also need the same verb (killed / injured are other counts);
- **status**: the same named subject (a proper noun) with a status asserted in
  one claim and negated in the other ("charged with five federal crimes" / "no
  formal charges have been filed against Sayer"), or opposite (dead / alive),
  read by :mod:`.statuses`; an expected status against a done one is left to
  aligned pairs, where the predicate is surely the same;
- **title** (also on aligned pairs): the same person called "former" holder of
  a post at an organisation in one article ("former Acme Mining executive Dana
  Whitlock") and its current holder in the other, in a present-tense clause
  ("Whitlock, the CEO of Acme Mining Corporation, is ..."); the organisation
  must be named on both sides (equal names or one the acronym of the other).

All are ``divergent_fact`` findings with the severity their type's measured
precision gives (:mod:`.severity`); ``details.aligned`` is False for the count
and status checks, which say so in the message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from comparator.detect import roles
from comparator.facts import facts_agree
from comparator.facts.names import acronym_of, name_key
from comparator.types import Fact, Finding

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context

__all__ = ["MAX_RATIO", "MIN_COUNT", "count_noun", "person_titles", "title_findings", "unaligned_divergences"]

#: smallest count compared across sentences that do not align ("two justices" are seldom the same two)
MIN_COUNT = 100
#: largest ratio between two counts compared across sentences that do not align: 2,100 / 1,800 = 1.17 and
#: 2.6 / 2.5 million are one figure told otherwise; 2.5 million / 380 is another group
MAX_RATIO = 1.5
#: nouns that count people: their counts differ by role (killed, injured, arrested), so the verb must agree
PEOPLE = frozenset({"person", "people", "man", "woman", "child", "resident", "worker", "employee", "member",
                    "voter", "student", "soldier", "troop", "civilian", "victim", "passenger", "patient",
                    "migrant", "refugee", "protester", "officer", "customer", "household", "family"})
#: words that make a title a past one: "former", "ex-", "onetime"
FORMER = frozenset({"former", "ex", "onetime", "erstwhile", "then", "outgoing", "retired", "late"})
#: capitalised posts, not organisations ("the CEO of ...")
TITLE_ACRONYMS = frozenset({"CEO", "CFO", "COO", "CTO", "CIO", "VP", "MP", "DA", "AG", "GM", "MD"})
#: words that end an organisation's name without naming it ("Acme Mining Corporation" = "Acme Mining")
ORG_SUFFIXES = frozenset({"corporation", "corp", "inc", "co", "company", "group", "ltd", "llc", "plc", "holdings"})
#: confidence of a finding from sentences that do not align (no alignment score to lean on)
UNALIGNED_CONFIDENCE = 0.6


def unaligned_divergences(comp: "Comparison", ctx: "Context") -> list[Finding]:
    """count and status findings between story claims of two articles that no alignment joins (ids "")."""
    from comparator.detect.divergence import _side

    together: set[frozenset[str]] = set()
    for al in comp.alignments:
        ids = list(al.claims)
        together.update(frozenset((x, y)) for i, x in enumerate(ids) for y in ids[i + 1:])
    order = {a.id: i for i, a in enumerate(comp.articles)}
    story = [c for c in comp.claims if not c.boilerplate and c.kind != "headline"]
    sides: dict[str, roles.Side] = {}

    def side(claim_id: str) -> roles.Side:
        if claim_id not in sides:
            sides[claim_id] = _side(comp, ctx, comp.claim(claim_id))
        return sides[claim_id]

    out: list[Finding] = []
    out.extend(_count_findings(comp, story, together, order, side))
    out.extend(_status_findings(story, together, order, side))
    return out


# -- counts ----------------------------------------------------------------------------------------

def count_noun(fact: Fact) -> str | None:
    """The noun a quantity counts: its anchor ("320 beds"), or the noun glued to it by a hyphen ("a
    350-bed shelter" counts beds, not shelters: the fact's unit, written outside its text). None for
    ages and for measures written with the number ("12 miles")."""
    if fact.kind != "quantity":
        return None
    if fact.unit is None:
        return fact.anchor
    if fact.unit != "age" and fact.unit.isalpha() and fact.unit not in fact.text.lower():
        return fact.unit
    return None


def _counted_noun(side: roles.Side, fact: Fact) -> Any:
    """The noun token a quantity counts (right after it), or None."""
    noun = count_noun(fact)
    if side.span is None or not noun:
        return None
    for t in side.span:
        if t.idx >= fact.end and t.idx - fact.end <= 40 and t.lemma_.lower() == noun and t.pos_ == "NOUN":
            return t
    return None


def _modifiers(noun: Any) -> set[str]:
    """Lower-case adjectives and participles on the counted noun ("damaged homes" -> {"damage"})."""
    return {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "VERB")
            and c.text.islower()}


def _verb_of(noun: Any) -> str | None:
    """The verb whose direct argument the counted noun is ("damaged 400 homes" -> damage), else None."""
    if noun.dep_ in ("dobj", "nsubj", "nsubjpass") and noun.head.pos_ == "VERB":
        return noun.head.lemma_.lower()
    return None


def _exact(fact: Fact) -> bool:
    return fact.kind == "quantity" and not fact.approximate and count_noun(fact) is not None \
        and ".." not in fact.normal and isinstance(fact.value, float) and fact.value >= MIN_COUNT


def _count_findings(comp: "Comparison", story: list, together: set, order: dict, side) -> Iterable[Finding]:
    from comparator.detect.divergence import _divergence
    from comparator.detect.sameness import event_of

    by_article: dict[str, dict[str, list[tuple[Any, Fact]]]] = {}
    for c in story:
        for f in c.facts:
            noun = count_noun(f)
            if noun and not f.approximate:
                by_article.setdefault(c.article, {}).setdefault(roles.stem(noun), []).append((c, f))
    arts = sorted(by_article, key=lambda a: order.get(a, 99))
    for i, art_a in enumerate(arts):
        for art_b in arts[i + 1:]:
            for anchor in sorted(set(by_article[art_a]) & set(by_article[art_b])):
                xs, ys = by_article[art_a][anchor], by_article[art_b][anchor]
                exact_x = {f.normal for _, f in xs if _exact(f)}
                exact_y = {f.normal for _, f in ys if _exact(f)}
                if len(exact_x) != 1 or len(exact_y) != 1:
                    continue  # no count, or several (parts, other groups): which one is the same is unknown
                if any(facts_agree(f, g) for _, f in xs for _, g in ys if _exact(f) or _exact(g)):
                    continue  # the same figure is told somewhere: nothing diverges
                (ca, x), (cb, y) = next((c, f) for c, f in xs if _exact(f)), next((c, f) for c, f in ys if _exact(f))
                if frozenset((ca.id, cb.id)) in together:
                    continue  # aligned: compared in context by divergence.py
                if max(x.value, y.value) > MAX_RATIO * min(x.value, y.value):
                    continue
                a, b = side(ca.id), side(cb.id)
                na, nb = _counted_noun(a, x), _counted_noun(b, y)
                if na is None or nb is None:
                    continue
                ma, mb = _modifiers(na), _modifiers(nb)
                if ma and mb and not ma & mb:
                    continue  # "damaged homes" / "destroyed homes": other counts
                if _verb_of(na) is not None and _verb_of(nb) is not None and _verb_of(na) != _verb_of(nb):
                    continue  # "damaged 400 homes" / "destroyed 350 homes": the object of other verbs
                if anchor in PEOPLE or roles.stem(anchor) in PEOPLE:
                    va, vb = event_of(a, x)[0], event_of(b, y)[0]
                    if va is not None and vb is not None and va != vb:
                        continue  # "killed 120 people" / "injured 150 people"
                finding = _divergence(a, x, b, y, 0.0, 0.0)
                yield _unaligned(finding, "in sentences that do not align")


def _unaligned(finding: Finding, where: str) -> Finding:
    import dataclasses

    message = finding.message.rstrip(".") + f" ({where})."
    details = {k: v for k, v in finding.details.items() if k != "role_score"}
    return dataclasses.replace(finding, message=message, confidence=UNALIGNED_CONFIDENCE,
                               details={**details, "aligned": False})


# -- statuses --------------------------------------------------------------------------------------

def _status_findings(story: list, together: set, order: dict, side) -> Iterable[Finding]:
    from comparator.detect.statuses import status_findings, statuses

    named: dict[str, list] = {}  # claim id -> its statuses about a named subject
    for c in story:
        s = side(c.id)
        if s.span is None:
            continue
        found = [st for st in statuses(s.span) if st.subject and _proper_subject(s.span, st.subject)]
        if found:
            named[c.id] = found
    claims = sorted((c for c in story if c.id in named), key=lambda c: (order.get(c.article, 99), c.start))
    seen: set[tuple[str, str, str]] = set()
    for i, ca in enumerate(claims):
        for cb in claims[i + 1:]:
            if ca.article == cb.article or frozenset((ca.id, cb.id)) in together:
                continue
            keys_a = {(st.subject, st.status) for st in named[ca.id]}
            if not keys_a & {(st.subject, st.status) for st in named[cb.id]} and not _opposite(named[ca.id],
                                                                                             named[cb.id]):
                continue
            for f in status_findings(side(ca.id), side(cb.id), 0.0):
                key = (ca.article, cb.article, f.details.get("subject") or "")
                if f.details.get("contradiction") == "expected" or key in seen:
                    continue
                seen.add(key)
                yield _unaligned(f, "in sentences that do not align")


def _proper_subject(span: Any, subject: str) -> bool:
    """Whether a status subject is a proper name in the claim ("Sayer", not "the bill")."""
    return any(t.pos_ == "PROPN" and t.text.lower() == subject for t in span)


def _opposite(xs: list, ys: list) -> bool:
    from comparator.detect.statuses import OPPOSITE

    return any(x.subject == y.subject and (x.status, y.status) in OPPOSITE for x in xs for y in ys)


# -- titles: "former" against current --------------------------------------------------------------

def person_titles(span: Any) -> list[tuple[str, bool, tuple[str, ...], int, int, bool]]:
    """(surname, former, organisations, start, end, present) for each titled person in a claim span.

    The title is the words before the name that lean on it ("former Acme Mining executive Dana
    Whitlock") or its appositive ("Whitlock, the CEO of Acme Mining Corporation"); organisations are the
    ORG entities and all-capital words in it; ``present`` says whether the title holds now (see
    :func:`_present`); start/end are document character offsets of the title and name.
    """
    out = []
    doc = span.doc
    people = [ent for ent in span.ents if ent.label_ == "PERSON"]
    named = {t.i for ent in span.ents for t in ent}
    people += [doc[t.i:t.i + 1] for t in span if t.pos_ == "PROPN" and t.i not in named and t.text[:1].isupper()
               and any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in t.children)]  # "Whitlock, the CEO of"
    for ent in people:
        root = ent.root
        title: list[Any] = []
        k = ent.start - 1
        while k >= span.start and doc[k].dep_ in ("compound", "amod", "nmod", "punct") \
                and ent.start <= _climb(doc[k], ent) < ent.end and doc[k].text not in (",", "(", ")"):
            title.insert(0, doc[k])
            k -= 1
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                title.extend(t for t in child.subtree if t.i >= span.start and t.i < span.end)
        if not any(t.pos_ == "NOUN" or t.text in TITLE_ACRONYMS or (
                t.is_alpha and t.is_lower and t.lower_ not in FORMER
                and t.pos_ not in ("DET", "ADP", "CCONJ", "PRON", "PART")) for t in title):
            continue  # a name alone, or only an honorific ("Rep."): no post to compare
        words = [t.lower_.rstrip("-") for t in title]
        former = any(w in FORMER or w.startswith("ex-") for w in words)
        orgs = tuple(sorted({e.text for e in doc.ents if e.label_ == "ORG" and any(e.start <= t.i < e.end
                                                                                  for t in title)}
                            | {t.text for t in title if t.text.isupper() and len(t.text) >= 2 and t.is_alpha
                               and t.text not in TITLE_ACRONYMS} | set(_proper_runs(title))))
        start = min([t.idx for t in title] + [ent.start_char])
        end = max([t.idx + len(t.text) for t in title] + [ent.end_char])
        out.append((ent[-1].text, former, orgs, start, end, _present(root)))
    return out


def _proper_runs(title: list[Any]) -> list[str]:
    """Runs of capitalised proper nouns in a title ("Acme Mining" in "former Acme Mining CEO"), for when
    NER misses the organisation; posts ("CEO") and abbreviated honorifics ("Rep.") end a run."""
    runs, cur = [], []
    for t in title + [None]:
        if t is not None and t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha \
                and t.text not in TITLE_ACRONYMS:
            cur.append(t.text)
            continue
        if len(cur) >= 2 or (cur and cur[0].isupper()):
            runs.append(" ".join(cur))
        cur = []
    return runs


def _climb(tok: Any, ent: Any) -> int:
    """Index of the first token at or above ``tok`` that sits in ``ent`` (or -1)."""
    cur = tok
    for _ in range(6):
        if ent.start <= cur.i < ent.end:
            return cur.i
        if cur.head is cur:
            break
        cur = cur.head
    return -1


#: verbs news copy reports with under a person's current title ("Acme CEO Dana Whitlock said")
REPORTING = frozenset({"say", "tell", "add", "write", "announce", "state", "note", "argue", "warn", "claim"})


def _present(tok: Any) -> bool:
    """Whether the title holds now: the name's clause is in the present tense, or the name is the
    subject of a reporting verb ("said", "told") in a sentence without a year (news copy gives current
    titles there; "In 2008, Acme CEO Dana Whitlock said" is history)."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX"):
            aux = [c for c in cur.children if c.dep_ in ("aux", "auxpass")]
            tags = {cur.tag_} | {c.tag_ for c in aux}
            if bool(tags & {"VBZ", "VBP"}) and "VBD" not in tags and not any(c.lower_ in ("will", "would")
                                                                               for c in aux):
                return True
            sentence = cur.sent
            return cur.lemma_.lower() in REPORTING and tok.dep_ in ("nsubj", "appos") and not any(
                e.label_ == "DATE" and any(t.like_num and len(t.text) == 4 for t in e) for e in sentence.ents)
        if cur.head is cur:
            return False
        cur = cur.head
    return False


def _org_key(name: str) -> str:
    words = name_key(name).split()
    while words and words[-1] in ORG_SUFFIXES:
        words.pop()
    if words and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def _same_org(xs: tuple[str, ...], ys: tuple[str, ...]) -> bool:
    """Whether two titles name one organisation: equal names but for "Corporation", "Inc."..., or one
    the acronym of the other ("WWE" / "World Wrestling Entertainment")."""
    for x in xs:
        for y in ys:
            kx, ky = _org_key(x), _org_key(y)
            if kx and (kx == ky or (acronym_of(x) or "").lower() == ky.replace(" ", "")
                       or (acronym_of(y) or "").lower() == kx.replace(" ", "")):
                return True
    return False


def title_findings(comp: "Comparison", ctx: "Context") -> list[Finding]:
    """``status`` findings: one article calls a person a former holder of a post, another its holder."""
    from comparator.detect.divergence import _evidence, _side
    from comparator.detect.severity import severity_of

    order = {a.id: i for i, a in enumerate(comp.articles)}
    titled: dict[str, list] = {}
    for c in comp.claims:
        if c.boilerplate or c.kind == "headline":
            continue
        s = _side(comp, ctx, c)
        if s.span is not None:
            for t in person_titles(s.span):
                if t[2]:
                    titled.setdefault(c.article, []).append((s, t))
    out: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    arts = sorted(titled, key=lambda a: order.get(a, 99))
    for i, art_a in enumerate(arts):
        for art_b in arts[i + 1:]:
            for sa, (name_a, former_a, orgs_a, s0, e0, present_a) in titled[art_a]:
                for sb, (name_b, former_b, orgs_b, s1, e1, present_b) in titled[art_b]:
                    if name_key(name_a) != name_key(name_b) or former_a == former_b:
                        continue
                    if not (present_b if former_a else present_a) or not _same_org(orgs_a, orgs_b):
                        continue
                    key = (art_a, art_b, name_key(name_a))
                    if key in seen:
                        continue
                    seen.add(key)
                    ta, tb = sa.text[s0:e0], sb.text[s1:e1]
                    message = (f"{sa.outlet} says “{ta}” (a former post); {sb.outlet} says “{tb}” (a current one)."
                               if former_a else
                               f"{sa.outlet} says “{ta}” (a current post); {sb.outlet} says “{tb}” (a former one).")
                    out.append(Finding(
                        id="", kind="divergent_fact", severity=severity_of("status"),
                        confidence=UNALIGNED_CONFIDENCE, message=message,
                        evidence=(_evidence(sa, s0, e0), _evidence(sb, s1, e1)),
                        details={"type": "status", "fact": "title", "status": ["former" if former_a else "current",
                                                                              "former" if former_b else "current"],
                                 "contradiction": "former", "subject": name_a}))
    return out
