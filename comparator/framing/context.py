"""Judge a candidate loaded term in its sentence: defused, literal, attributed, or the outlet's own.

Every rule here reads spaCy's parse of the sentence around a match (token
offsets, parts of speech, dependency labels, entity types); none reads a list
of dev annotations. The rules and their sources:

- **Attribution words are not loaded** (:data:`ATTRIBUTION`): verbs and adverbs
  that say where a claim comes from ("reportedly", "allegedly", "vowed") are
  the ordinary machinery of attribution (AP Stylebook, "said" and attribution;
  Reuters Handbook of Journalism, "Attribution"). BASIL marks none of them as
  lexical bias in 2010-2011, and flagging them was the largest single source of
  false alarms measured in held-out years (issue 13).
- **Fixed expressions defuse a term** (:data:`FIXED_EXPRESSIONS`): a loaded word
  inside the name of a legal cause of action ("invasion of privacy",
  Restatement (Second) of Torts section 652B), a medical term ("heart attack")
  or a historical name ("Cold War") is a name, not a frame.
- **Conflict verbs need a political actor** (:func:`literal_conflict`): "slammed",
  "attacked", "threatened" frame disagreement only when someone argues with
  someone (a political actor, or people in civic life: residents, merchants,
  parents); a gang that threatens to kill, a statute that "attacks" a problem,
  someone who slams a van into a wall, or a storm that batters a coast is literal (or
  a dead metaphor).
- **Reported wording is the speaker's** (:func:`reported_by`): a term inside the
  complement of a verb of calling or saying ("describing the proposal as
  amnesty", "what critics call a giveaway", "Corrigan claimed Republicans are
  attacked") is the subject's wording, reported by the outlet; so is a clause under
  "according to X" ("According to critics, the radical plan ...": :func:`according_to`).
"""

from __future__ import annotations

from typing import Any

#: Lemmas of attribution verbs/adverbs: never loaded language on their own.
ATTRIBUTION = frozenset({
    "say", "tell", "report", "reportedly", "allege", "allegedly", "alleged", "vow", "pledge", "promise",
    "according", "state", "announce", "add", "note", "explain", "claim", "assert", "contend", "argue",
    "suggest", "indicate",
})  # not "supposedly", "purportedly", "apparently": they cast doubt, so the lexicon's hedging tier decides

#: Fixed expressions (lower-case lemmas) whose words are names, not frames.
FIXED_EXPRESSIONS = (
    ("invasion", "of", "privacy"), ("privacy", "invasion"), ("heart", "attack"), ("panic", "attack"),
    ("asthma", "attack"), ("cold", "war"), ("civil", "war"), ("world", "war"), ("war", "crime"),
    ("attack", "ad"), ("shock", "wave"), ("assault", "weapon"), ("sexual", "assault"),
    ("death", "threat"), ("hate", "crime"), ("battle", "ground"), ("battleground", "state"),
    ("illegal", "drug"), ("terrorist", "attack"),
)
_LONGEST_FIXED = max(len(e) for e in FIXED_EXPRESSIONS)
_FIXED_WORDS = frozenset(w for e in FIXED_EXPRESSIONS for w in e)

#: Verbs of calling, describing and saying whose complement carries the subject's wording.
REPORTING = frozenset({
    "call", "describe", "label", "brand", "dub", "term", "characterize", "characterise", "portray",
    "depict", "paint", "cast", "deride", "denounce", "decry", "condemn", "say", "claim", "allege",
    "argue", "contend", "insist", "assert", "complain", "charge", "accuse", "warn", "tell", "write",
    "tweet", "suggest", "believe", "view", "consider", "see", "regard", "dismiss",
})
_COMPLEMENT_DEPS = frozenset({"ccomp", "oprd", "xcomp", "dobj", "attr", "prep", "pobj", "advcl", "acomp",
                              "conj", "pcomp", "relcl", "amod", "compound", "nsubjpass", "nsubj", "dative"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass")

#: Nouns that name people or bodies that argue in public (a subject that makes a conflict verb a frame).
POLITICAL_ACTORS = frozenset({
    "president", "senator", "lawmaker", "legislator", "congressman", "congresswoman", "representative",
    "governor", "mayor", "official", "administration", "party", "republican", "democrat", "candidate",
    "critic", "opponent", "supporter", "leader", "minister", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "lawyer", "attorney", "judge", "court", "justice", "committee", "congress", "senate",
    "house", "white", "campaign", "group", "activist", "advocate", "union", "chairman", "chair", "speaker",
    "conservative", "liberal", "progressive", "caucus", "member", "aide", "adviser", "advisor", "staff",
    "commentator", "pundit", "host", "author", "writer", "columnist", "editorial", "board", "rival",
    "challenger", "incumbent", "nominee", "delegate", "ally", "donor", "lobbyist", "economist", "expert",
    "business", "company", "industry", "organization", "network", "newspaper", "government", "state",
    "country", "nation", "agency", "department", "office", "mp", "politician", "pol", "gop", "dnc", "rnc",
    "council", "councillor", "councilor", "parliament", "legislature", "assembly", "commission", "commissioner",
    "panel", "ministry", "regulator", "prosecutor", "democrats", "republicans", "opposition", "coalition",
})
_VIOLENT = frozenset({"kill", "shoot", "murder", "bomb", "stab", "hurt", "harm", "injure", "destroy",
                      "burn", "blow", "rape", "behead", "execute", "strike", "invade", "flood", "erupt",
                      "collapse"})
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def tokens_of(doc: Any, start: int, end: int) -> Any:
    """The spaCy span covering character offsets ``start:end`` (expanded to whole tokens), or None."""
    return doc.char_span(start, end, alignment_mode="expand")


def is_attribution(span: Any) -> bool:
    """Every word of the span is an attribution word ("reportedly", "vowed", "alleged")."""
    words = [t for t in span if not t.is_punct]
    return bool(words) and all(t.lemma_.lower() in ATTRIBUTION or t.lower_ in ATTRIBUTION for t in words)


def in_fixed_expression(span: Any) -> bool:
    """The span lies inside one of :data:`FIXED_EXPRESSIONS` in its sentence."""
    sent = span.sent
    lo, hi = span.start - sent.start, span.end - sent.start
    if hi - lo > _LONGEST_FIXED:
        return False  # no expression is long enough to hold the span
    # only the words an expression holding the span can reach: [hi - longest, lo + longest)
    base = max(0, hi - _LONGEST_FIXED)
    near = sent[base:min(len(sent), lo + _LONGEST_FIXED)]
    lemmas = [t.lemma_.lower() for t in near]
    lowers = [t.lower_ for t in near]
    if _FIXED_WORDS.isdisjoint(lemmas) and _FIXED_WORDS.isdisjoint(lowers):
        return False  # no word of any expression nearby
    size = len(sent)
    for expr in FIXED_EXPRESSIONS:
        n = len(expr)
        for i in range(max(0, hi - n), min(lo + 1, size - n + 1)):
            window = range(i - base, i - base + n)
            if all(lemmas[j] == w or lowers[j] == w for j, w in zip(window, expr)) and i <= lo and hi <= i + n:
                return True
    return False


#: Nouns for people in civic life who take sides in local news (residents, merchants, parents...): a
#: subject that makes a conflict verb a frame as much as a political actor does ("Merchants slammed the
#: schedule"). People and groups only; a thing (a statute, a storm) never makes the verb a frame.
CIVIC_PEOPLE = frozenset({
    "merchant", "resident", "owner", "homeowner", "parent", "teacher", "neighbor", "neighbour", "retailer",
    "shopkeeper", "customer", "shopper", "farmer", "landlord", "tenant", "commuter", "employee", "employer",
    "nurse", "doctor", "physician", "scientist", "researcher", "professor", "citizen", "taxpayer",
    "businessman", "businesswoman", "entrepreneur", "consumer", "patient", "executive", "manager", "founder",
    "investor", "analyst", "banker", "developer", "villager", "townspeople", "community", "association",
    "pastor", "bishop", "priest", "rabbi", "imam", "veteran", "retiree", "reader", "viewer", "environmentalist",
    "conservationist", "scholar", "historian", "journalist", "reporter", "editor", "publisher", "lawyer",
    "landowner", "rancher", "fisherman", "trucker", "restaurateur", "vendor", "operator", "official",
})
#: Prepositions of motion after a conflict verb with an object ("slammed the van into a trailer", "slammed
#: it against the wall"): the verb is physical, not a frame.
_MOTION_PREPS = frozenset({"into", "against", "onto"})


def _is_actor(tok: Any) -> bool:
    if tok.pos_ == "PRON":
        return tok.lower_ not in ("it", "this", "that", "which")
    if tok.ent_type_ in _ACTOR_ENTS and tok.ent_type_ != "LAW":
        return True
    if tok.pos_ == "PROPN" and not tok.ent_type_ == "LAW":
        return True
    lemma = tok.lemma_.lower()
    return lemma in POLITICAL_ACTORS or lemma in CIVIC_PEOPLE or lemma in PEOPLE_NOUNS


def literal_conflict(span: Any) -> bool:
    """A conflict verb used literally: its subject is not a political actor (a gang, a law, a storm),
    or it governs violence ("threaten to kill"). Spans that are not verbs are never literal here."""
    verb = span.root
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    for child in verb.children:
        if child.dep_ in ("xcomp", "dobj", "ccomp") and child.lemma_.lower() in _VIOLENT:
            return True
        if child.dep_ == "prep" and child.lower_ in _MOTION_PREPS \
                and any(c.dep_ == "dobj" for c in verb.children):
            return True  # caused motion: "slammed the van into a trailer" (not "railed against", "tore into")
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ in ("xcomp", "conj", "advcl", "relcl"):
        head = verb.head
        subjects = [c for c in head.children if c.dep_ == "nsubj"] or (
            [head] if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN") else [])
    if not subjects:
        return False  # passive or subjectless: keep the frame ("was slammed by critics")
    return not any(_is_actor(s) for s in subjects)


#: Natural-disaster metaphors ("a flood of migrants", "swarming the border"): loaded only when what
#: floods or swarms is people; a literal flood, tide or wave is the news itself.
DISASTER_METAPHORS = frozenset({"flood", "flooding", "swarm", "tide", "wave", "deluge", "torrent", "tsunami",
                                "avalanche", "influx", "stream", "pour"})
#: Nouns for people and groups (besides PERSON/NORP/GPE/ORG entities) that a disaster metaphor can frame.
PEOPLE_NOUNS = frozenset({
    "migrant", "immigrant", "alien", "refugee", "asylum", "seeker", "people", "person", "crowd", "foreigner",
    "newcomer", "caravan", "family", "child", "worker", "voter", "protester", "demonstrator", "traveler",
    "visitor", "tourist", "student", "applicant", "crosser", "illegal", "illegals", "member", "supporter",
})


def _people(tok: Any) -> bool:
    """A person or group, or a count of them ("millions of illegal aliens")."""
    if tok.ent_type_ in ("PERSON", "NORP") or tok.lemma_.lower() in PEOPLE_NOUNS \
            or (tok.pos_ == "PRON" and tok.lower_ in ("they", "them")):
        return True
    return any(_people(g) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)


def literal_disaster(span: Any) -> bool:
    """A disaster metaphor (:data:`DISASTER_METAPHORS`) that is not about people: no person or group
    as its subject or object, its "of" complement ("a flood of migrants") or the noun it describes
    ("migrants flooding the border"); then it is a literal flood or wave ("Army reservists join
    flood cleanup", "the river flooded")."""
    if not any(t.lemma_.lower() in DISASTER_METAPHORS or t.lower_ in DISASTER_METAPHORS for t in span):
        return False
    root = span.root
    near = list(root.children)
    near += [g for c in root.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    if root.dep_ in ("acl", "relcl", "amod", "compound"):
        near.append(root.head)  # the noun the word describes
    if root.dep_ in ("xcomp", "conj", "advcl", "ccomp"):
        near += [c for c in root.head.children if c.dep_ in ("nsubj", "dobj")]
    return not any(tok.dep_ not in ("det", "punct", "aux") and _people(tok) for tok in near)


def reported_by(span: Any) -> str | None:
    """Who the wording belongs to when the span sits in the complement of a verb of calling or saying
    whose subject is someone other than the outlet ("Some on the right", "critics", "Corrigan");
    None when the span is the outlet's own wording (or is the reporting verb itself)."""
    tok = span.root
    child = tok
    node = tok.head
    hops = 0
    while node is not child and hops < 8:
        if node.lemma_.lower() in REPORTING and node.pos_ in ("VERB", "AUX") and child.dep_ in _COMPLEMENT_DEPS \
                and child.dep_ not in _SUBJECT_DEPS and node.i not in range(span.start, span.end):
            subject = _subject_of(node)
            if subject is not None and subject.lower_ not in ("we", "i"):
                return _phrase(subject)
        child, node = node, node.head
        hops += 1
    return according_to(span)


_ACCORDING_KEY = "comparator.framing.has_according"


def according_to(span: Any) -> str | None:
    """The source of an "according to X" phrase attached to a clause above the span ("According to
    critics, the radical plan ..." -> "critics"): the wording is attributed to X, not the outlet's own.
    None when there is no such phrase or the span lies inside it."""
    memo = getattr(getattr(span, "doc", None), "user_data", None)
    if memo is not None:  # once per Doc: most articles never write "according"
        if _ACCORDING_KEY not in memo:
            memo[_ACCORDING_KEY] = any(t.lower_ == "according" for t in span.doc)
        if not memo[_ACCORDING_KEY]:
            return None
    node = span.root
    for _ in range(8):
        for prep in node.children:
            if prep.lower_ != "according" or prep.dep_ != "prep" or prep.i in range(span.start, span.end):
                continue
            for to in prep.children:
                if to.lower_ == "to":
                    source = next((c for c in to.children if c.dep_ == "pobj"), None)
                    if source is not None and not (span.start <= source.i < span.end):
                        return _phrase(source)
        if node.head is node:
            break
        node = node.head
    return None


def _subject_of(verb: Any) -> Any:
    for c in verb.children:
        if c.dep_ == "nsubj":
            return c
    if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head is not verb:  # "X pushed back, describing ..."
        for c in verb.head.children:
            if c.dep_ == "nsubj":
                return c
    return None


def _phrase(tok: Any) -> str:
    """The subject's words ("Some on the right", "critics"), cut at a comma."""
    sub = list(tok.subtree)
    words = []
    for t in sub:
        if t.is_punct and t.text in ",;:(" and words:
            break
        words.append(t)
    text = "".join(t.text_with_ws for t in words).strip()
    first = words[0] if words else None
    if first is not None and first.is_sent_start and first.pos_ != "PROPN" and not first.ent_type_ \
            and text[:1].isupper() and text[1:2].islower():
        text = text[0].lower() + text[1:]  # "Opponents called it ..." -> "opponents" (not a name)
    return text or tok.text
