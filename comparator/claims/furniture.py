"""Page furniture that only the whole article reveals: sections, repeats, decks, labels, structure.

:mod:`.boilerplate` judges one paragraph by its wording; the rules here look
at the article (paragraphs in order, ``Article.meta``):

- **structure** (HTML): spans the loader marked from the page's markup
  (``Article.meta["furniture"]``: ``[start, end, kind]`` lists; see
  :mod:`comparator.load.structure`);
- **headline** region: the title the pipeline appended to the text
  (``Article.meta["headline_start"]``; see :mod:`comparator.load.headline`);
- **related section**: a line such as "More from the Harbor Herald", "Related
  stories" or "Read next" starts a block of teasers (one-sentence paragraphs
  of at most :data:`MAX_TEASER_WORDS` words without quotations) that runs
  until the story goes on or the body ends; Markdown paragraphs that are only
  links are ``related`` too;
- **repeats**: a paragraph whose words appear inside another paragraph's
  quotation (an embedded post or pull quote) is ``embed``; a later verbatim
  copy of a paragraph is ``duplicate`` (or the first copy's kind);
- **subheads**: a short line without a subject and without end punctuation below
  the first story paragraph (Markdown headings and short lines set wholly in bold too);
- **top captions**: above the story, a one-sentence paragraph that ends in a
  full date ("... near Harbor Park on April 29, 2023.") is a photo caption;
- **deck**: a one-sentence paragraph above a dateline paragraph ("PALM BEACH, Fla. —").
  A present-tense first sentence is not enough: that rule fired on 33 of 184 first
  paragraphs of BASIL, NewsWCL50 and AllSides dev articles, nearly all of them ledes
  ("The port has reopened after ..."); docs/EVALUATION.md, issue 12 part B.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Mapping, Sequence

from comparator.claims.quotes import Segment

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["RELATED_HEADING", "article_reasons", "label_end"]

#: A line that opens a block of links to other stories.
RELATED_HEADING = re.compile(
    r"^\W*(more (from|stories|on this( story)?|news|coverage|in)\b|related( stories| articles| coverage| "
    r"content| reading| links| news)?\W*$|read (next|more|also)\W*$|also (read|on)\b|recommended( for you| "
    r"stories| reading)?\W*$|you (may|might) (also )?(like|be interested|have missed)|(most|top) (read|popular|"
    r"viewed|shared|stories)\b|(don't|do not) miss\W*$|trending( now| stories)?\W*$|editors'? picks\W*$|"
    r"latest (news|stories|headlines)\W*$|what to read next\b|further reading\W*$|see also\W*$)",
    re.IGNORECASE,
)

#: A related label followed by the teaser itself on the same line: one link, not a section heading.
_LABELLED_TEASER = re.compile(r"^[^:]{1,40}:\s*\w[^:]*\w")

#: Run-in labels split off the start of a paragraph as their own ``subhead`` claim.
_LABELS = (
    r"UPDATED?|BREAKING(?: NEWS)?|CORRECTION|CLARIFICATION|EDITOR'?’?S NOTE|EXCLUSIVE|ANALYSIS|"
    r"DEVELOPING|LIVE UPDATES|FIRST ON [A-Z]+|"
    r"Why it matters|Driving the news|The big picture|Between the lines|What they'?’?re saying|"
    r"What we'?’?re watching|What'?’?s next|What to watch|The other side|Zoom (?:in|out)|Go deeper|"
    r"By the numbers|Yes, but|Flashback|(?:The )?bottom line|Catch up quick|State of play|Reality check|"
    r"Context|Key quote|The backdrop|Our thought bubble|Be smart|The intrigue|Threat level|Case in point|"
    r"Of note|Worth noting|For the record|Background|Editor'?’?s note|Update|Correction"
)
LABEL = re.compile(rf"^(?:{_LABELS})\s*:(?=\s+\S)")
LABEL_ONLY = re.compile(rf"^(?:{_LABELS})\s*:\s*$")

_MONTHS = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|March|April|May|June|July|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|" \
          r"Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
_CAPTION_DATE = re.compile(rf"\b(?:on|in) {_MONTHS} \d{{1,2}}, \d{{4}}(?:,? in [A-Z][^.!?]{{0,60}})?\.?$")
_DATELINE = re.compile(r"^(?!(?:FILE|PHOTO|VIDEO|UPDATE|WATCH)\b)[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}"
                       r"(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)?\s*(?:\([^)]{1,30}\)\s*)?[—–]{1,2}\s|"
                       r"^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)?\s*"
                       r"\([A-Za-z ]{2,20}\)\s*(?:[—–-]{1,2}\s)?")
_NEWS_DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                        "yesterday", "today", "tonight"})
MAX_SUBHEAD_WORDS = 8
#: A paragraph repeating another's quotation is an embed from this many words (shorter: a catchphrase).
MIN_EMBED_WORDS = 6


_MD_HEADING = re.compile(r"^#{1,6}\s+\S")
#: A Markdown image alone on its line (its alt text describes the picture): a caption.
_MD_IMAGE = re.compile(r"^\s*(?:\[\s*)?!\[[^\]]*\]\([^)]*\)(?:\s*\]\([^)]*\))?\s*$")
#: A short line set wholly in bold ("**Why it matters**", "__What happens next__"): a subhead when its words
#: are at most MAX_SUBHEAD_WORDS and do not end a sentence ("**The council voted 5-4.**" stays story).
_MD_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<inner>[^*_\n]*[^*_\n.!?…\"”’)\s])\s*\1\s*$")
_MD_LINKS_ONLY = re.compile(r"^[\W\d]*(\[[^\]]{3,}\]\([^)\s]+\)[\W]*)+$")
#: Teasers below a related-stories heading are at most this many words, one sentence, no quotation.
MAX_TEASER_WORDS = 35


def _teaser(line: str, sentences: int, quoted: bool) -> bool:
    """A teaser headline or one-line summary in a block of links (not a story paragraph)."""
    return sentences == 1 and not quoted and len(line.split()) <= MAX_TEASER_WORDS


def label_end(text: str, start: int, end: int) -> int | None:
    """End offset of a run-in label ("UPDATE:") opening ``text[start:end]``, else None."""
    m = LABEL.match(text[start:end])
    return start + m.end() if m else None


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


#: Verbs whose present tense is news prose, not a caption ("says", "has", "remains"...).
_NOT_CAPTION_VERBS = frozenset({"be", "have", "say", "tell", "remain", "continue", "report", "claim", "add",
                                "want", "need", "seem", "appear", "believe", "think", "know", "expect", "plan",
                                "face", "hold", "mean", "include", "argue", "insist", "deny", "note", "write"})
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _caption_sentence(doc: "Doc", start: int, end: int) -> bool:
    """A picture caption: a named person's action in the simple present ("The mayor speaks to reporters
    as she visits ..."), one sentence, no quotation, no weekday; news prose tells past events in the past."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 5 or len(span) > 45 or not span.text.rstrip().endswith("."):
        return False
    root = span.root
    if root.tag_ != "VBZ" or root.lemma_.lower() in _NOT_CAPTION_VERBS:
        return False
    subject = [c for c in root.children if c.dep_ == "nsubj"]
    if not subject or subject[0].ent_type_ != "PERSON":
        return False
    return not any(t.lower_ in _WEEKDAYS for t in span)


#: Present-tense verbs of schedules and states: "The law takes effect on Jan. 1, 2025." is news, not a caption.
_SCHEDULE_VERBS = frozenset({"take", "begin", "start", "open", "close", "end", "expire", "apply", "run", "go",
                             "come", "return", "reopen", "resume", "fall", "last", "cost", "mark", "stand",
                             "become", "get", "make", "set", "stay", "lead", "follow", "see"})
_WEEKDAY_RX = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH_DAY = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|" \
             r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?) \d{1,2}"
#: How a photo caption ends: "... near Orrin on Aug. 13, 2024." or "... in Orrin, Tuesday." (AP caption style).
_CAPTION_END = re.compile(rf"(?:\bon |, )(?:{_WEEKDAY_RX},? )?(?P<full>{_MONTH_DAY},? \d{{4}})\.$|"
                          rf", {_WEEKDAY_RX}(?:, (?P<date>{_MONTH_DAY}(?:,? \d{{4}})?))?\.$")
#: Prepositions that place a picture ("near Orrin", "along Route 9", "outside the Eastgate branch").
_PLACE = re.compile(r"\b(?:near|in|at|along|outside|inside|across|over|on|from|by|behind|beside|under)\s+"
                    r"(?:the\s+)?(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
                    r"Oct|Nov|Dec)[A-Z]\w")


def _dated_caption(doc: "Doc", start: int, end: int, published: str | None) -> bool:
    """A photo caption anywhere in the body: one sentence in the simple present ("Firefighters battle
    flames ...", "Residents watch ..."), placed ("near Orrin") and ending in the picture's date ("on Aug. 13,
    2024." / ", Tuesday."). News prose tells a dated past event in the past tense and a future one with a
    schedule verb; a stated full date after the publication date is not a picture's date. Needs the
    publication date for a full date (without it the rule does not guess)."""
    line = doc.text[start:end].rstrip()
    m = _CAPTION_END.search(line)
    if m is None or not _PLACE.search(line[:m.start() + 1]):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 6 or len(span) > 45:
        return False
    if any(t.tag_ in ("MD", "VBD") or (t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in _NOT_CAPTION_VERBS)
           or (t.tag_ in ("VBZ", "VBP") and t.lemma_.lower() in _SCHEDULE_VERBS) for t in span):
        return False  # a past, modal, reported or scheduled statement: news prose
    root = span.root
    if root.tag_ in ("VBZ", "VBP"):
        if not any(c.dep_ == "nsubj" for c in root.children):
            return False
    elif any(t.pos_ in ("VERB", "AUX") for t in span):
        return False  # the simple present, or no verb the parser found ("Firefighters battle flames ...")
    stated = m.group("full") or m.group("date")
    if stated is None:
        return True  # ", Tuesday.": the day of the picture
    if not published:
        return False
    from comparator.facts.dates import parse_date

    when = parse_date(stated, published)
    day = published[:10]
    return when is not None and when.year is not None and when.month is not None and when.day is not None \
        and f"{when.year:04d}-{when.month:02d}-{when.day:02d}" <= day


#: A "Photo:" line that only names the photographer or agency ("Photo: Ana Ruiz / Lake Sentinel").
_PHOTO_CREDIT_LINE = re.compile(r"^\W*(?:photo|image|picture|video)s?\s*:\s*[^.!?]{0,60}[/|][^.!?]{0,60}$|"
                                r"^\W*(?:photo|image|picture|video)s?\s*:\s*\(?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}\)?$",
                                re.IGNORECASE)
#: Captions are short.
MAX_CAPTION_WORDS = 35


def _caption_shape(doc: "Doc", start: int, end: int) -> bool:
    """A sentence that can be a picture's caption: at most :data:`MAX_CAPTION_WORDS` words, verbless or in
    the simple present, with no past, modal or reporting verb (news prose tells events in the past)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span.text.split()) > MAX_CAPTION_WORDS:
        return False
    return not any(t.tag_ in ("MD", "VBD", "VBN") and t.dep_ not in ("amod", "acl", "relcl")
                   or t.lemma_.lower() in ("say", "tell", "report", "announce", "add") for t in span)


#: Question words that open a section subhead ("Where evacuees can go", "How to help").
_WH_HEADING = re.compile(r"^(?:what|where|why|how|who|when|which|whose)\b", re.IGNORECASE)


def _is_clause(doc: "Doc", start: int, end: int) -> bool:
    """The span has a subject (a clause), as opposed to a noun phrase such as "Hurdles to asylum"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for t in span)


def article_reasons(text: str, doc: "Doc", sentences: Sequence[Segment], reasons: list[str | None],
                    meta: Mapping[str, object], quotes: Sequence[tuple[int, int]],
                    published: str | None = None) -> list[str | None]:
    """``reasons`` (one per sentence, from the wording rules) completed by the article-level rules
    (``published``: the article's ISO date, for the dates of photo captions)."""
    reasons = list(reasons)
    paras: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        paras.setdefault(s.paragraph, []).append(i)
    order = sorted(paras)
    span = {p: (sentences[paras[p][0]].start, sentences[paras[p][-1]].end) for p in order}

    def mark(p: int, kind: str, *, force: bool = False) -> None:
        for i in paras[p]:
            if force or reasons[i] is None:
                reasons[i] = kind

    # structure from the page (HTML) and the appended headline
    for start, end, kind in meta.get("furniture", ()) or ():  # type: ignore[union-attr]
        for i, s in enumerate(sentences):
            if s.start < end and start < s.end and min(end, s.end) - max(start, s.start) >= (s.end - s.start) / 2:
                reasons[i] = reasons[i] if reasons[i] in ("footer", "paywall") else kind
    head = meta.get("headline_start")
    body = [p for p in order if not (isinstance(head, int) and span[p][0] >= head)]
    for p in order:
        if p not in body:
            mark(p, "headline", force=True)
    for n, p in enumerate(body):  # Markdown headings: "# Title" on top is the headline, others subheads
        line = text[span[p][0]:span[p][1]]
        if _MD_HEADING.match(line):
            mark(p, "headline" if n == 0 and line.startswith("# ") else "subhead", force=True)
        elif len(paras[p]) == 1 and (m := _MD_BOLD_LINE.match(line)) and \
                len(m.group("inner").split()) <= MAX_SUBHEAD_WORDS:
            mark(p, "subhead")

    # a related-stories section runs to the end of the body
    for n, p in enumerate(body):
        line = text[span[p][0]:span[p][1]].strip().lstrip("#").strip()
        if RELATED_HEADING.match(line) and len(line.split()) <= 8 and len(paras[p]) == 1 \
                and not _LABELLED_TEASER.match(line):  # "More coverage: Storm cleanup goes on" is one link
            mark(p, "related", force=reasons[paras[p][0]] in (None, "subhead"))
            for q in body[n + 1:]:
                a, b = span[q]
                if not _teaser(text[a:b], len(paras[q]), any(qa < b and a < qb for qa, qb in quotes)):
                    break  # the story goes on after an inline box of links
                mark(q, "related")
            break
    for p in body:  # Markdown paragraphs that are only links: "[Council delays vote](/local/vote)"
        line = text[span[p][0]:span[p][1]]
        if _MD_IMAGE.match(line):
            mark(p, "caption", force=reasons[paras[p][0]] == "related")  # "![Patrons outside ...](eastgate.jpg)"
        elif _MD_LINKS_ONLY.match(line):
            mark(p, "related")

    # repeats: embedded posts / pull quotes, and verbatim copies
    seen: dict[str, int] = {}
    for p in body:
        key = _norm(text[span[p][0]:span[p][1]])
        if not key:
            continue
        if key in seen:
            earlier = paras[seen[key]]
            if len(earlier) == len(paras[p]):  # sentence by sentence: a copied "Label:" stays the only subhead
                for i, j in zip(paras[p], earlier):
                    reasons[i] = reasons[i] or reasons[j] or "duplicate"
            else:
                mark(p, reasons[earlier[0]] or "duplicate")
            continue
        seen[key] = p
        a, b = span[p]
        elsewhere = [_norm(text[qa:qb]) for qa, qb in quotes if qb <= a or qa >= b]
        if len(key.split()) >= MIN_EMBED_WORDS and any(key in q for q in elsewhere):
            mark(p, "embed")  # the words of a quotation in another paragraph, again: a tweet, a pull quote

    # top of the article: captions, decks, anything above a dateline
    top = [p for p in body if True]
    first_story = next((n for n, p in enumerate(top) if not all(reasons[i] for i in paras[p])), None)
    if first_story is not None:
        dateline_at = next((n for n, p in enumerate(top[first_story:first_story + 3], first_story)
                            if not all(reasons[i] for i in paras[p])
                            and _DATELINE.match(text[span[p][0]:span[p][1]])), None)
        if dateline_at is not None and dateline_at > first_story:
            for p in top[first_story:dateline_at]:
                if len(paras[p]) == 1:
                    mark(p, "deck")
        else:
            p = top[first_story]
            a, b = span[p]
            one = len(paras[p]) == 1 and not any(qa < b and a < qb for qa, qb in quotes)
            if one and _CAPTION_DATE.search(text[a:b]):
                mark(p, "caption")
                for q in body:  # its copies further down
                    if q != p and _norm(text[span[q][0]:span[q][1]]) == _norm(text[a:b]):
                        mark(q, "caption", force=True)

    # photo captions in the body: "The mayor speaks to reporters as she visits ...", "Firefighters battle
    # flames along Route 9 near Orrin on Aug. 13, 2024." (and its later copies, caption rather than duplicate)
    lead = next((p for p in body if not all(reasons[i] for i in paras[p])), None)
    for p in body:
        idx = paras[p]
        if p == lead:
            continue
        if len(idx) == 1 and reasons[idx[0]] is None:
            a, b = span[p]
            if not any(qa < b and a < qb for qa, qb in quotes) and (
                    _caption_sentence(doc, a, b) or _dated_caption(doc, a, b, published)):
                mark(p, "caption")
                key = _norm(text[a:b])
                for q in body:
                    if q != p and reasons[paras[q][0]] == "duplicate" and _norm(text[span[q][0]:span[q][1]]) == key:
                        mark(q, "caption", force=True)

    # an unprefixed caption right above its credit line ("Swimmers at Birch Point, where the bloom is
    # thickest." / "Credit: Lake Sentinel"): one short sentence, no quotation, not past, modal or reported
    # (its own paragraph, or the paragraph is the caption and its credit)
    in_body = set(body)
    for i in range(len(sentences) - 1):
        s, nxt = sentences[i], sentences[i + 1]
        idx = paras[s.paragraph]
        if s.paragraph == lead or s.paragraph not in in_body or reasons[i] is not None or idx[0] != i:
            continue
        if any(reasons[j] not in ("credit", "caption") for j in idx[1:]):
            continue
        if not (reasons[i + 1] == "credit" or _PHOTO_CREDIT_LINE.match(text[nxt.start:nxt.end])):
            continue
        if not any(ta < s.end and s.start < tb for ta, tb in quotes) and _caption_shape(doc, s.start, s.end):
            reasons[i] = "caption"

    # subheads below the first story paragraph
    started = False
    for p in body:
        idx = paras[p]
        if not started:
            started = not all(reasons[i] for i in idx)
            continue
        a, b = span[p]
        line = text[a:b]
        if len(idx) != 1 or reasons[idx[0]]:
            continue
        if line.startswith("#") or (len(line.split()) <= MAX_SUBHEAD_WORDS and line.rstrip()[-1] not in
                                    ".!?…:;\"”’)," and (_WH_HEADING.match(line) or not _is_clause(doc, a, b))):
            mark(p, "subhead")
    return reasons
