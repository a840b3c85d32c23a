"""Sentences about the reporting, not the story: never a fact an outlet can leave out.

Two kinds newsrooms write in set phrases:

* **scoop credits** -- which outlet had the story first: "The deal was first
  reported by the Harbor Herald.", "The Ledger first reported the deal on
  Tuesday.", "The Harbor Herald was the first to report the deal." A sentence
  whose main clause is the credit; "As first reported by X, the county will ..."
  states a fact in its main clause and stays a fact;
* **comment requests** -- "Brightwater did not answer calls seeking comment on
  Wednesday.", "A spokesman did not immediately respond to a request for
  comment.", "The company declined to comment.", "X could not be reached for
  comment.": whether one outlet reached someone is that outlet's work, not an
  event another outlet omits.

Read from spaCy's dependency parse when the claim's span is given (the credit or
the request must be the sentence's main verb), else from the words alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from comparator.types import Claim

if TYPE_CHECKING:  # pragma: no cover
    from comparator.detect import Context

__all__ = ["MAX_WORDS", "is_newsroom_note", "newsroom_note"]

#: longer sentences say more than the credit or the request: kept as facts
MAX_WORDS = 25
_SCOOP_VERBS = frozenset({"report", "reveal", "disclose", "break"})
#: words that name a news outlet or its story: the one credited with a scoop must be one ("Police first
#: reported the fire" is a fact about the fire)
MEDIA = frozenset({"news", "newspaper", "paper", "times", "post", "journal", "wire", "tribune", "herald", "gazette",
                   "radio", "magazine", "outlet", "network", "channel", "station", "press", "reuters", "bloomberg",
                   "politico", "axios", "cnn", "nbc", "abc", "cbs", "bbc", "npr", "fox", "msnbc", "daily", "ledger",
                   "courier", "chronicle", "observer", "insider", "publication", "website", "site", "blog",
                   "agency", "television", "tv", "story", "report", "reporter", "reporters", "newsroom", "bureau",
                   "telegraph", "guardian", "examiner", "inquirer", "register", "dispatch", "bulletin", "review"})
_SCOOP = re.compile(r"\b(?:first\s+(?:reported|revealed|disclosed|broke)|(?:was|were)\s+the\s+first\s+"
                    r"(?:outlet\s+|news\s+organi[sz]ation\s+|newspaper\s+)?to\s+(?:report|reveal|break)|"
                    r"broke\s+the\s+(?:news|story))\b", re.I)
_SUBORDINATE_SCOOP = re.compile(r"^\s*(?:as|which\s+was)\s+first\s+reported\b|,\s*(?:as|which\s+was)\s+first\s+"
                                r"reported\b|,\s*which\s+first\s+reported\b", re.I)
_COMMENT = re.compile(r"\b(?:(?:did\s+not|didn[’']t|could\s+not|couldn[’']t|has\s+not|hasn[’']t|have\s+not|"
                      r"haven[’']t|would\s+not|wouldn[’']t)\s+(?:immediately\s+)?(?:respond|reply|return|answer)"
                      r"\w*\b[^.;]*\b(?:comment|request|inquir|message|e-?mail|call)\w*|declined\s+(?:to\s+comment|"
                      r"(?:a\s+)?requests?\s+(?:for|to)\s+comment|comment)|(?:could\s+not|couldn[’']t)\s+be\s+"
                      r"reached\s+(?:for\s+comment)?|no\s+comment\s+was\s+(?:immediately\s+)?available)", re.I)


def is_newsroom_note(claim: Claim, span: Any = None) -> bool:
    """Whether ``claim`` is a scoop credit or a comment request (see the module docstring).

    ``span`` is the claim's spaCy span (optional): with it, the phrase must hold the sentence's root verb."""
    text = " ".join(claim.text.split())
    if len(text.split()) > MAX_WORDS or claim.voice == "quoted":
        return False
    scoop = _SCOOP.search(text) and not _SUBORDINATE_SCOOP.search(text)
    comment = _COMMENT.search(text)
    if not scoop and not comment:
        return False
    if span is None:
        head = text[:(_SCOOP.search(text) or _COMMENT.search(text)).start()]
        return bool(comment) or bool(set(re.findall(r"[a-z]+", head.lower())) & MEDIA) or " by " in text
    roots = [t for t in span if t.dep_ == "ROOT"]
    if len(roots) != 1:
        return False
    root = roots[0]
    if scoop and _media_subject(root):
        if root.lemma_.lower() in _SCOOP_VERBS and any(c.lower_ == "first" for c in root.children):
            return True
        if root.lemma_.lower() == "be" and any(c.lower_ == "first" for c in root.subtree):
            return True  # "X was the first to report ..."
        if root.lemma_.lower() == "break" and any(c.lemma_.lower() in ("news", "story") for c in root.children):
            return True
    if comment:
        if root.lemma_.lower() in ("respond", "reply", "return", "answer", "decline", "reach", "be"):
            return True
    return False


def newsroom_note(ctx: "Context", claim: Claim) -> bool:
    """:func:`is_newsroom_note` on the claim's span of its article's parse (``ctx.docs``), when known."""
    doc = ctx.docs.get(claim.article) if ctx.docs else None
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand") if doc is not None else None
    return is_newsroom_note(claim, span)


def _media_subject(root: Any) -> bool:
    """Whether the subject (or the passive's agent) of ``root`` names a news outlet or its story."""
    words: set[str] = set()
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            words.update(t.lower_ for t in child.subtree)
        if child.dep_ == "agent":
            words.update(t.lower_ for t in child.subtree)
    return bool(words & MEDIA)
