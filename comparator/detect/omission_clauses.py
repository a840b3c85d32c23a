"""Clause-level evidence for omissions: a fact said inside a longer sentence, or a different fact.

Sentence cosine misses a fact that another outlet folds into a longer sentence ("The vote came
after more than four hours of public comment." inside a 150-word sentence that also tells the
vote; "spoke at the clinic on Thursday" as a participial clause; "saying it raised fares"):
the whole sentence's vector is about something else. Before an outlet is charged with leaving a
fact out, :func:`clause_carrier` looks for the fact's content inside each of its sentences:

* words: the outlet's sentence holds at least :data:`CLAUSE_COVER` of the fact's content lemmas
  (spaCy lemmas, stop words, punctuation and reporting verbs left out; numbers kept) and at
  least :data:`CLAUSE_WORDS` of them;
* the event: the outlet's sentence has a verb with the lemma, direct object and polarity of the
  fact's main predicate ("saying it protected wetlands" for "It protects the wetlands that
  shield our coast from storms", :func:`says_predicate`);
* meaning: the outlet's sentence holds the fact's main predicate (its root verb, the verb a
  reporting verb introduces, or a copula's complement: "raises" in "It raises fares ...") and a
  window of it about as long as the fact (sliding word windows that hold at least two of the
  shared lemmas) has cosine >= :data:`CLAUSE_COSINE` with the fact (the comparison's encoder,
  ``ctx.shared["encoder"]``) -- without the predicate, windows about the story's subject ("Brightwater
  ... lease the building") come as close to any fact about it (0.69-0.71);

and in both cases every distinctive number the fact writes is written there too (a different
tally is another fact), and a negated fact ("had not served") needs a negation there (a window:
the same polarity as the fact). Precision first for the charge: such an outlet is not said to leave the
fact out.

:func:`other_fact` tells "reports it without X" from "does not": a claim that shares words with
the fact but states another value in the same slot ("$35,000 a month" beside "the rent would rise
to $37,000"; "4 to 1" beside "7 to 2") reports a different fact, so the outlet lacks this one.
Used by :mod:`comparator.detect.omissions`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np

from comparator.types import Claim

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context

#: Share of the fact's content lemmas that one sentence of the outlet must hold (the three
#: review cases hold 0.83-1.0; "approved by the county board ... 4 to 1" holds 0.6 of "approved
#: by the city council ... 7 to 2", and its numbers differ).
CLAUSE_COVER = 0.8
#: ... and at least this many of them.
CLAUSE_WORDS = 3
#: Cosine between the fact and a window of the outlet's sentence at or above which the window
#: says the fact ("saying it raised fares" / "It raises fares on the people who can least afford
#: it." 0.72; "after more than four hours of public comment" / "The vote came after more than
#: four hours of public comment." 0.73; unrelated windows sharing two words stay below 0.5).
CLAUSE_COSINE = 0.65
#: A window is used only for a sentence at least this many words longer than the window (a
#: sentence of the window's length is already compared whole).
LONGER_BY = 4
#: The window route needs a fact with at least this many content lemmas: a shorter fact turns on
#: each of its words ("I served during the Vietnam era" is not "he had served in Vietnam", 0.68).
WINDOW_KEYS = 4
#: Words of the shortest window: a participial clause ("saying it raised fares").
CLAUSE_WIDTH = 6
#: Most windows encoded for one (fact, sentence) pair.
MAX_WINDOWS = 40
#: Value kinds whose differing values make a different fact (same kind and unit; counts also the
#: same counted noun).
VALUE_KINDS = ("money", "percent", "quantity")
_REPORTING = frozenset({"say", "tell", "add", "state", "write", "accord", "note", "ask", "report"})
_WORD = re.compile(r"[A-Za-z0-9$%][\w$%,.'’-]*")


def _lemma_tokens(ctx: "Context", comp: "Comparison", claim: Claim) -> list[tuple[str, str]]:
    """(surface, key) per word of ``claim``: key is the lower-cased lemma of a content word, or ""
    for a stop word, punctuation or reporting verb. Without a parse: lower-cased words, a
    plural "s" dropped."""
    memo = ctx.shared.setdefault("omission_clauses.tokens", {}) if ctx.shared is not None else {}
    key = (claim.id, claim.start, claim.end, claim.text)
    if key not in memo:
        memo[key] = _lemma_tokens_of(ctx, claim)
    return memo[key]


def _lemma_tokens_of(ctx: "Context", claim: Claim) -> list[tuple[str, str]]:
    doc = (ctx.docs or {}).get(claim.article)
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand") if doc is not None else None
    out: list[tuple[str, str]] = []
    if span is not None and len(span):
        for t in span:
            if t.is_punct or t.is_space:
                continue
            lemma = t.lemma_.lower().strip()
            if t.like_num:
                key = t.text.lower().strip("$%,.")
            elif t.is_stop or lemma in _REPORTING or not any(ch.isalnum() for ch in lemma):
                key = ""
            else:
                key = lemma
            out.append((t.text, key))
        return out
    from comparator.detect.omission_anchors import _STOP

    for w in _WORD.findall(claim.text):
        low = w.lower().rstrip(".,'’")
        key = "" if low in _STOP or low in _REPORTING or low in {"said", "says", "told"} else low
        if len(key) > 3 and key.endswith("s"):
            key = key[:-1]
        out.append((w, key))
    return out


def _span(ctx: "Context", claim: Claim) -> Any:
    doc = (ctx.docs or {}).get(claim.article)
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand") if doc is not None else None
    return span if span is not None and len(span) else None


def _predicate(ctx: "Context", claim: Claim) -> str | None:
    """The lemma of the claim's main predicate (:func:`_predicate_token`), or None."""
    head = _predicate_token(ctx, claim)
    return head.lemma_.lower() if head is not None else None


_OBJECT = ("dobj", "obj")


#: Verbs too light to name an event by themselves ("has 160 rooms", "would have its own room").
LIGHT_VERBS = frozenset({"have", "be", "get", "make", "take", "do", "give", "go", "come", "put", "set"})


def _verb_object(token: Any) -> tuple[str, str, bool] | None:
    """(verb lemma, direct object lemma, negated) of a verb token with a noun object, or None
    (a light verb: None)."""
    objs = [t for t in token.children if t.dep_ in _OBJECT and t.pos_ in ("NOUN", "PROPN")]
    if token.pos_ not in ("VERB", "AUX") or not objs or token.lemma_.lower() in LIGHT_VERBS:
        return None
    negated = any(t.dep_ == "neg" for t in token.children)
    return token.lemma_.lower(), objs[0].lemma_.lower(), negated


def _subject(token: Any) -> str | None:
    """The lemma of a verb token's noun subject; None when it has none or a pronoun (which
    may stand for anyone: "saying it raised fares")."""
    subj = [t for t in token.children if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")]
    return subj[0].lemma_.lower() if subj else None


def says_predicate(ctx: "Context", fact: Claim, claim: Claim) -> bool:
    """Whether ``claim`` has a verb with the same lemma, object lemma and polarity as the fact's
    main predicate (not a light verb, :data:`LIGHT_VERBS`), and no other noun subject ("saying
    it raised fares" for "It raises fares on the people ..."; "saying it protected wetlands" for
    "It protects the wetlands that shield our coast ..."): the same event told in a clause,
    perhaps with fewer details. False without a parse."""
    head = _predicate_token(ctx, fact)
    mine = _verb_object(head) if head is not None else None
    span = _span(ctx, claim)
    if mine is None or span is None:
        return False
    who = _subject(head)
    return any(_verb_object(t) == mine and (who is None or _subject(t) in (None, who)) for t in span)


def _predicate_token(ctx: "Context", claim: Claim) -> Any:
    """The claim's main predicate token: its root verb, the verb a reporting verb introduces ("X
    said the lease would cover ..." -> "cover"), or a copula's complement ("was unmoved" ->
    "unmoved"); None without a parse."""
    span = _span(ctx, claim)
    if span is None:
        return None
    head = span.root
    for _ in range(3):
        if head.lemma_.lower() in _REPORTING:
            nxt = [t for t in head.children if t.dep_ in ("ccomp", "xcomp", "parataxis") and t.i < span.end]
        elif head.lemma_.lower() == "be":
            nxt = [t for t in head.children if t.dep_ in ("acomp", "attr") and t.i < span.end]
        else:
            break
        if not nxt:
            break
        head = nxt[0]
    return head


_NEGATION = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "none", "neither", "nor", "without"})


def _negated(words) -> bool:
    """Whether the words hold a negation ("not", "n't", "never", "no", ...)."""
    for w in words:
        low = w.lower().replace("’", "'").strip(".,;:!?\"'‘“”")
        if low in _NEGATION or low.endswith("n't"):
            return True
    return False


_NUMBER = re.compile(r"\d[\d,.]*")


def _numbers(text: str) -> set[str]:
    """Distinctive numbers a text writes (digits only; "2,100" -> "2100")."""
    return {m.group().rstrip(".,").replace(",", "") for m in _NUMBER.finditer(text)}


def _encode(ctx: "Context", texts: list[str]) -> np.ndarray | None:
    encoder: Any = (ctx.shared or {}).get("encoder")
    if encoder is None or not texts:
        return None
    cache: dict[str, np.ndarray] = ctx.shared.setdefault("omission_clauses.vectors", {})
    todo = [t for t in dict.fromkeys(texts) if t not in cache]
    if todo:
        rows = np.asarray(encoder.encode(todo), dtype=np.float32)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        rows = rows / np.where(norms == 0, 1.0, norms)
        cache.update(zip(todo, rows))
    return np.asarray([cache[t] for t in texts])


def _quoted_text(comp: "Comparison", claim: Claim) -> str | None:
    """The words a quoted claim quotes (its quotation spans, without the attribution), or None
    when it quotes nothing or fewer than four words."""
    text = comp.article(claim.article).text
    parts = [text[lo:hi] for lo, hi in claim.quotes if claim.start <= lo < hi <= claim.end]
    said = " ".join(" ".join(parts).split()).strip(" ,\"“”")
    return said if len(said.split()) >= 4 else None


def _window_cosine(ctx: "Context", comp: "Comparison", fact: Claim, fact_tokens: list[tuple[str, str]],
                   fact_keys: int, theirs: list[tuple[str, str]], shared: set[str], vectors: dict) -> float:
    """Highest cosine between ``fact`` (the words it quotes, when it quotes: the attribution is
    not in the other outlet's clause) and a word window of the other sentence that holds two or
    more of the ``shared`` lemmas (0 when nothing can be encoded). Windows are
    :data:`CLAUSE_WIDTH` words long, as long as the fact's content (its content lemmas plus
    two) and as the fact (its words plus two), sliding
    by two words, over a sentence at least :data:`LONGER_BY` words longer than the window."""
    texts: list[str] = []
    for width in sorted({CLAUSE_WIDTH, max(4, fact_keys + 2), max(4, len(fact_tokens) + 2)}):
        if len(theirs) < width + LONGER_BY:
            continue
        starts = list(range(0, len(theirs) - width + 1, 2))
        if starts[-1] != len(theirs) - width:
            starts.append(len(theirs) - width)  # the sentence's last words too
        for lo in starts:
            part = theirs[lo:lo + width]
            if sum(1 for _, k in part if k and k in shared) >= 2:
                texts.append(" ".join(w for w, _ in part))
    negated = _negated(w for w, _ in fact_tokens)
    texts = [t for t in dict.fromkeys(texts) if _negated(t.split()) == negated][:MAX_WINDOWS]
    if not texts:
        return 0.0
    said = _quoted_text(comp, fact)
    mine = None if said else vectors.get(fact.id)
    rows = _encode(ctx, texts + ([] if mine is not None else [said or fact.text]))
    if rows is None:
        return 0.0
    if mine is None:
        mine, rows = rows[-1], rows[:-1]
    mine = np.asarray(mine, dtype=np.float32)
    mine = mine / (np.linalg.norm(mine) or 1.0)
    return float((rows @ mine).max())


def clause_carrier(comp: "Comparison", ctx: "Context", group: list[Claim], article_id: str,
                   vectors: dict | None = None) -> str | None:
    """The claim of ``article_id`` that says one of the group's claims at clause level (see the
    module doc), or None. ``vectors``: claim id -> sentence vector, when known."""
    from comparator.detect.omissions import is_fragment

    vectors = vectors or {}
    theirs = [c for c in comp.claims_of(article_id) if not c.boilerplate]
    tokens = {c.id: _lemma_tokens(ctx, comp, c) for c in theirs}
    for fact in (c for c in group if not is_fragment(c)):
        mine = _lemma_tokens(ctx, comp, fact)
        keys = {k for _, k in mine if k}
        if len(keys) < CLAUSE_WORDS:
            continue
        numbers = _numbers(fact.text)
        negated = _negated(w for w, _ in mine)
        for c in theirs:
            if numbers and not numbers <= _numbers(c.text):
                continue
            if negated and not _negated(w for w, _ in tokens[c.id]):
                continue  # "had not served" is not said by "I served"
            shared = keys & {k for _, k in tokens[c.id] if k}
            if len(shared) >= CLAUSE_WORDS and len(shared) >= CLAUSE_COVER * len(keys):
                return c.id
            if says_predicate(ctx, fact, c):
                return c.id
            if len(keys) < WINDOW_KEYS or len(shared) < 2 or _predicate(ctx, fact) not in shared:
                continue
            if _window_cosine(ctx, comp, fact, mine, len(keys), tokens[c.id], shared, vectors) >= CLAUSE_COSINE:
                return c.id
    return None


def other_fact(comp: "Comparison", group: list[Claim], claim_id: str) -> bool:
    """Whether ``claim_id`` states another value in one of the group's value slots: a money,
    percent or count value of the same kind and unit (counts: the same counted noun) that no
    group claim states, where the group states one that the claim does not."""
    claim = comp.claim(claim_id)
    mine = [f for c in group for f in c.facts if f.kind in VALUE_KINDS and isinstance(f.value, (int, float))]
    theirs = [f for f in claim.facts if f.kind in VALUE_KINDS and isinstance(f.value, (int, float))]
    my_values = {(f.kind, f.value) for f in mine}
    their_values = {(f.kind, f.value) for f in theirs}
    for g in mine:
        if (g.kind, g.value) in their_values:
            continue
        for p in theirs:
            if p.kind != g.kind or p.unit != g.unit or (p.kind, p.value) in my_values:
                continue
            if p.kind == "quantity" and p.anchor != g.anchor:
                continue
            return True
    return False


#: A claim about the fact's subject must have at least this cosine with the fact to say it
#: without its value (:data:`comparator.detect.omissions.PARTIAL_COSINE`'s bar).
SUBJECT_COSINE = 0.33
#: A claim sharing only the subject's noun must also hold the fact's predicate lemma or every other noun
#: of its clause (values aside: "the inspection was scheduled for <date>"), or have at least this cosine
#: with the fact: "The beaches drew 200,000 visitors last summer." is not told by "closed all six public
#: beaches" (review3-caption1: a fact about the visitors, not the beaches' date).
SUBJECT_STRONG_COSINE = 0.7
_VALUE_ENTS = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "QUANTITY", "PERCENT", "ORDINAL"})
#: ... and the subject's noun must be in at most this many of the outlet's claims (the thing is
#: mentioned in passing; a story's topic, "the talks" of a story about talks, is not).
SUBJECT_MENTIONS = 1


def subject_claim(comp: "Comparison", ctx: "Context", group: list[Claim], article_id: str,
                  vectors: dict | None = None) -> str | None:
    """The claim of ``article_id`` that speaks of the thing a fact gives a value for ("the
    inspection" of "the inspection was scheduled for the third week of February": "The building
    must pass an inspection before families move in."), or None: a claim whose nouns include the
    head noun of the subject of the fact's main predicate -- a common noun with a definite
    article, "the inspection", named in at most :data:`SUBJECT_MENTIONS` of the outlet's claims
    (not "the county" of a county story) -- with cosine >= :data:`SUBJECT_COSINE` with the fact and no
    other value in its slot (:func:`other_fact`). Used only when the fact's absent anchors are
    all dates or amounts: the outlet then reports it without them."""
    from comparator.detect.omissions import is_fragment

    vectors = vectors or {}
    theirs = [c for c in comp.claims_of(article_id) if not c.boilerplate]
    for fact in (c for c in group if not is_fragment(c)):
        head = _predicate_token(ctx, fact)
        subj = [t for t in (head.children if head is not None else ())
                if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"]
        if not subj or not any(d.lower_ == "the" and d.dep_ == "det" for d in subj[0].children):
            continue
        noun = subj[0].lemma_.lower()
        spans = {c.id: _span(ctx, c) for c in theirs}
        mentions = [c for c in theirs if spans[c.id] is not None
                    and any(t.pos_ == "NOUN" and t.lemma_.lower() == noun for t in spans[c.id])]
        if len(mentions) > SUBJECT_MENTIONS:
            continue  # the story's own actor ("the county"), not one thing the fact dates or prices
        extra = {t.lemma_.lower() for t in head.subtree if t.pos_ in ("NOUN", "PROPN") and t.i != subj[0].i
                 and not t.like_num and t.ent_type_ not in _VALUE_ENTS}
        for c in mentions:
            cos = float(np.dot(vectors[fact.id], vectors[c.id])) if fact.id in vectors and c.id in vectors else None
            if cos is not None and cos < SUBJECT_COSINE:
                continue
            lemmas = {t.lemma_.lower() for t in spans[c.id]}
            if not (extra <= lemmas or head.lemma_.lower() in lemmas
                    or (cos is not None and cos >= SUBJECT_STRONG_COSINE)):
                continue  # only the subject's noun is shared ("the beaches" of "The beaches drew 200,000 visitors")
            if fact.id not in vectors or c.id not in vectors or other_fact(comp, group, c.id):
                continue
            return c.id
    return None


#: Cosine at or above which two claims tell the same event whatever their verbs (see :func:`same_event`).
SAME_EVENT_COSINE = SUBJECT_STRONG_COSINE


def same_event(ctx: "Context", fact: Claim, claim: Claim, vectors: dict | None = None) -> bool:
    """Whether ``claim`` can tell ``fact`` with fewer details ("reports it without"): one holds the
    other's main predicate lemma (:func:`_predicate_token`), or their cosine is at least
    :data:`SAME_EVENT_COSINE`. "Taxpayers object to the cost." does not tell "Taxpayers will cover
    $600 million of the cost." (cosine 0.61; review3-without2). True without a parse or vectors
    (nothing to judge by)."""
    vectors = vectors or {}
    if fact.id in vectors and claim.id in vectors and \
            float(np.dot(vectors[fact.id], vectors[claim.id])) >= SAME_EVENT_COSINE:
        return True
    mine, theirs = _span(ctx, fact), _span(ctx, claim)
    head, other = _predicate_token(ctx, fact), _predicate_token(ctx, claim)
    if mine is None or theirs is None or head is None or other is None or \
            fact.id not in vectors or claim.id not in vectors:
        return True
    return head.lemma_.lower() in {t.lemma_.lower() for t in theirs} or \
        other.lemma_.lower() in {t.lemma_.lower() for t in mine}


def attribution(ctx: "Context", claim: Claim) -> str:
    """The words of ``claim`` outside its main predicate's clause when a reporting verb
    introduces it ("County Manager Tom Reyes said" of "County Manager Tom Reyes said the
    inspection was scheduled ..."); "" without a parse or a reporting verb."""
    span = _span(ctx, claim)
    head = _predicate_token(ctx, claim)
    if span is None or head is None or head == span.root:
        return ""
    inside = {t.i for t in head.subtree}
    return " ".join(t.text for t in span if t.i not in inside)
