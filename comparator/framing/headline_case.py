"""Title-case and all-caps headlines, read as running text.

spaCy's English models learn capitals as a strong cue for proper nouns, so a
headline in title case ("Senate Slams Plan To Expand Border Wall") comes back
as a row of PROPN tokens, and neither the lexicon (whose entries declare their
parts of speech) nor the VADER adjectives find anything in it. Truecasing
before tagging is the usual remedy (Lita et al., "tRuEcasIng", ACL 2003); here
the truecaser is the article itself:

- :func:`is_title_case`: most content words of the headline start with a
  capital (or the whole headline is upper case);
- :func:`sentence_case`: each word after the first is lower-cased unless the
  article's body writes it capitalised in mid-sentence and never in lower case
  (a name: "Senate", "Pelosi"), or it is an acronym ("GOP") in a headline that
  is not all capitals, or it has inner capitals ("McConnell"). Offsets are kept:
  the result has the same length as the input, word for word.

Headlinese also drops articles and auxiliaries, so the small English model
often tags a present-tense headline verb as a plural noun ("Senate slams plan"
-> ``slams/NOUN``). :func:`headline_verb` recognises that shape (a bare noun
right after the headline's subject, with no determiner or modifier of its own,
followed by more words) so that entries whose part of speech is VERB can match it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.detect import Context

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
#: Function words that style guides leave lower case in titles (AP and Chicago title case).
SMALL_WORDS = frozenset({"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by",
                         "in", "of", "off", "on", "per", "to", "up", "via", "vs", "is", "be"})
#: Share of a headline's content words (after the first word) that must be capitalised.
TITLE_CASE_SHARE = 0.75


def is_title_case(text: str) -> bool:
    """Whether ``text`` is a title-case or all-caps headline: at least two content words after the
    first, and at least :data:`TITLE_CASE_SHARE` of them capitalised (an all-caps line counts)."""
    words = [w for w in _WORD.findall(text)]
    letters = [ch for ch in text if ch.isalpha()]
    if len(words) >= 3 and letters and all(ch.isupper() for ch in letters):
        return True
    content = [w for w in words[1:] if w.lower() not in SMALL_WORDS]
    if len(content) < 2:
        return False
    return sum(w[0].isupper() for w in content) >= TITLE_CASE_SHARE * len(content)


def _body_usage(body: str) -> dict[str, tuple[str | None, bool]]:
    """lower-case word -> (its spelling when capitalised in mid-sentence, or None; seen in lower case)."""
    usage: dict[str, tuple[str | None, bool]] = {}
    for m in _WORD.finditer(body):
        word = m.group(0)
        before = body[:m.start()].rstrip(" \t\"'\u201c\u2018(")
        sentence_start = not before or before[-1] in ".!?:\n"
        key = word.lower()
        cap, low = usage.get(key, (None, False))
        if word.islower():
            low = True
        elif not sentence_start and cap is None:
            cap = word
        usage[key] = (cap, low)
    return usage


def sentence_case(text: str, body: str) -> str:
    """``text`` with ordinary words lower-cased (names the body capitalises kept, in the body's
    spelling when the headline is all capitals); same length as ``text``."""
    usage = _body_usage(body)
    shouting = all(ch.isupper() for ch in text if ch.isalpha())
    out = []
    last = 0
    for n, m in enumerate(_WORD.finditer(text)):
        word = m.group(0)
        out.append(text[last:m.start()])
        last = m.end()
        lower = word.lower()
        if len(lower) != len(word):
            out.append(word)
            continue
        cap, low = usage.get(lower, (None, False))
        if cap is not None and not low:  # a name in the body
            out.append(cap if shouting and len(cap) == len(word) else word)
        elif n == 0:
            out.append(word[0] + lower[1:] if shouting else word)
        elif word == "I" or (not shouting and ((len(word) > 1 and word.isupper())
                                               or any(ch.isupper() for ch in word[1:]))):
            out.append(word)  # an acronym or a name with inner capitals ("GOP", "McConnell")
        else:
            out.append(lower)
    out.append(text[last:])
    result = "".join(out)
    return result if len(result) == len(text) else text


def body_names(body: str) -> frozenset[str]:
    """Lower-case words the body writes capitalised in mid-sentence and never in lower case (names)."""
    return frozenset(k for k, (cap, low) in _body_usage(body).items() if cap is not None and not low)


#: Penn tags of singular and plural nouns, for subject-verb agreement in a headline.
_SINGULAR, _PLURAL = ("NN", "NNP"), ("NNS", "NNPS")


def headline_verb(tok: Any) -> bool:
    """A headline word tagged as a noun that reads as the headline's main verb ("Senate slams plan",
    "Trump blasts Pelosi over shutdown", "GOP leaders slam plan"): right after the subject, agreeing
    with it as a verb would (an -s form after a singular noun, a bare form after a plural one), with no
    determiner, possessive or adjective of its own, words after it, and a subject that is a name in the
    article (``doc.user_data["headline_names"]``), a named entity or a political actor. "Border battle
    looms" (no agreement) and "Shark attacks rise" (no actor) are not verbs."""
    from comparator.framing.context import _is_actor

    if tok.pos_ not in ("NOUN", "PROPN") or tok.i == 0 or tok.i + 1 >= len(tok.doc):
        return False
    prev, nxt = tok.doc[tok.i - 1], tok.doc[tok.i + 1]
    if nxt.is_punct or any(c.dep_ in ("det", "poss", "amod", "nummod") for c in tok.children):
        return False
    agrees = (prev.tag_ in _SINGULAR and tok.tag_ in _PLURAL) or (prev.tag_ in _PLURAL and tok.tag_ in _SINGULAR)
    if not agrees:
        return False
    names = tok.doc.user_data.get("headline_names", frozenset())
    if prev.lower_ in names or prev.ent_type_:
        return True
    if prev.pos_ == "PROPN":
        return prev.i > 0  # a capital the re-casing kept in mid-headline
    return _is_actor(prev)


def recased_headlines(comp: "Comparison", ctx: "Context", article_id: str) -> list[tuple[Any, int]]:
    """(sentence-cased spaCy Doc, offset of its first character in the article) for each title-case or
    all-caps headline claim of the article, memoised in ``ctx.shared``. The body that decides which
    words are names is the article's text before the appended headline (without the headline itself)."""
    memo = ctx.shared.setdefault("framing.recased_headlines", {})
    if article_id in memo:
        return memo[article_id]
    from comparator.nlp import load_nlp

    article = comp.article(article_id)
    head = article.meta.get("headline_start")
    body = article.text[:head] if isinstance(head, int) else article.text
    out = []
    for claim in comp.claims_of(article_id):
        text = article.text[claim.start:claim.end]
        if claim.kind == "headline" and is_title_case(text):
            rest = body.replace(text, "")
            recased = sentence_case(text, rest)
            if recased != text:
                doc = load_nlp()(recased)
                doc.user_data["headline_names"] = body_names(rest)
                out.append((doc, claim.start))
    memo[article_id] = out
    return out
