"""Quoted spans and the voice of a sentence (authorial, quoted, mixed).

Quote marks are paired per paragraph (a paragraph is one line of the text):
curly “ ” (and „ « »), and straight ``"`` whose direction is read from the
characters around it (any Unicode space before it counts, e.g. a no-break space
after "saying:"; a doubled opener ``""We`` is one mark). Single quotes ‘ ’ only nest inside double quotes,
unless a paragraph has no double marks at all (British style, see
:func:`find_quotes`); the same glyph is the apostrophe. An
opening mark left open at the end of a paragraph closes there; when the next
paragraph starts with an opening mark the quote continues (news convention)
and both spans share one ``chain`` number, hence one speaker. Two repairs for
copied web text: a closing mark that nothing opened ends a block quote whose
middle paragraphs lost their opening marks (:func:`_bridge`), and a double
quote inside an open one nests when the paragraph has closers for both.
:func:`comparator.claims.titles.is_title` tells a quoted name (the “Today” show) from
quoted words (re-exported here).

Everything here works on plain text plus token attributes; spaCy itself is
only imported by :mod:`comparator.nlp`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from comparator.types import Voice

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
_OPEN_CONTEXT = " \t([{—–-/:;,"  # a straight quote after these (or at line start) opens

#: A sentence is "quoted" when the words outside the quote are at most this many...
MAX_BARE_RESIDUE = 3
#: ...or an attribution clause ("…,” a DHS spokesperson told Fox News Digital.) this long.
MAX_ATTRIBUTION_WORDS = 25

#: Verbs (lemmas) that attribute speech or writing to their subject: reporting verbs, verbs of
#: manner ("grumbled", "exclaimed", "thundered"), evaluative verbs that frame a quoted phrase
#: ("called … ", "denounced … as", "dismissed … as", "branded", "accused … of") and verbs of
#: publishing a statement ("released", "circulated", "tweeted").
REPORTING_VERBS = frozenset("""
acknowledge add admit agree allege announce answer argue ask assert assure boast brag
call caution charge cite claim comment complain concede conclude confirm contend continue
counter declare demand deny describe emphasize emphasise explain find insist joke lament
maintain note observe posit post predict proclaim quip quote read recall recount reiterate
remark reply report respond retort rule say shout state stress suggest tell testify tweet
urge vow warn write
grumble exclaim promise pledge denounce dismiss thunder brand label dub term characterize
characterise accuse blast slam hail decry condemn criticize criticise praise mock scoff sigh
hint disclose point muse wonder plead beg snap yell scream whisper mutter murmur bellow roar
fume rail bemoan lash opine object protest concur swear threaten vent gush rave cry
release issue circulate publish text email message refer
""".split())

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Segment:
    """A sentence's character range in the article text and its paragraph index."""

    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Quote:
    """Quoted text between two marks (``start``/``end`` exclude the marks)."""

    start: int
    end: int
    paragraph: int  # index of the non-blank line holding it
    chain: int  # quotes continued across paragraphs share a chain
    open_mark: int | None  # offset of the opening mark (None: continued without one)
    close_mark: int | None  # offset of the closing mark (None: open at paragraph end)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank line, whitespace trimmed."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        line = m.group()
        stripped = line.strip()
        if stripped:
            start = m.start() + (len(line) - len(line.lstrip()))
            out.append((start, start + len(stripped)))
    return out


def _opens(text: str, i: int, para_start: int, single: bool) -> bool:
    """Whether the mark at ``i`` opens a quote (curly openers always do)."""
    ch = text[i]
    if ch in OPENING:
        return True
    if ch not in (("'", "‘") if single else (STRAIGHT,)):
        return False
    before = text[i - 1] if i > para_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    # any Unicode spacing counts (a no-break space after "saying:" in copied web text)
    opener_context = before.isspace() or before in _OPEN_CONTEXT or before in OPENING
    if ch == STRAIGHT:
        return opener_context and not after.isspace()
    return opener_context and (after.isalpha() or after in OPENING or after == STRAIGHT)


def _closes(text: str, i: int, single: bool) -> bool:
    """Whether the mark at ``i`` may close an open quote (an apostrophe inside a word does not)."""
    ch = text[i]
    if not single:
        return ch in CLOSING or ch == STRAIGHT
    if ch not in ("'", "’"):
        return False
    after = text[i + 1] if i + 1 < len(text) else " "
    return not text[i - 1].isspace() and not after.isalnum()


def _single_style(text: str, start: int, end: int) -> bool:
    """A paragraph with no double quote marks quotes with single ones (British style)."""
    return not any(ch in OPENING or ch in CLOSING or ch == STRAIGHT for ch in text[start:end])


def find_quotes(text: str) -> tuple[Quote, ...]:
    """Every quoted span of ``text``, in reading order.

    Double marks are used; a paragraph without any double mark is read with
    single marks ‘…’ / '…' instead, where an apostrophe inside a word never
    closes, and a quote left open at the paragraph end only counts when it
    opened the paragraph (so "the '90s" does not quote the rest of the line).
    """
    quotes: list[Quote] = []
    chain = -1  # the last chain number handed out
    current = -1  # the chain of the quote being read
    carried = False  # previous paragraph ended inside a quote (chain ``current``)
    for p_index, (p_start, p_end) in enumerate(paragraphs(text)):
        single = _single_style(text, p_start, p_end)
        open_at: int | None = None
        open_mark: int | None = None
        first_mark = True
        orphan: int | None = None  # a closing mark met before any opening one
        skip_to = -1  # end of a nested “inner” quote, read as part of the outer one
        for i in range(p_start, p_end):
            if i <= skip_to:
                continue
            if open_at is None and _opens(text, i, p_start, single):
                continues = carried and first_mark and i == p_start
                if not continues:
                    chain += 1
                    current = chain
                open_at, open_mark = i + 1, i
                if not single and i + 1 < p_end and text[i + 1] in OPENING + STRAIGHT:
                    open_at, skip_to = i + 2, i + 1  # a doubled opener (""We…) is one mark
                first_mark = False
            elif not single and text[i] in OPENING and (
                    inner := _nested(text, i, p_end, text[open_mark] == STRAIGHT)):
                skip_to = inner  # “He called it “theft” twice.”: the inner pair nests
            elif not single and text[i] in OPENING:  # a new opener: the open quote lost its closer
                stop = _rstrip(text, open_at, i)
                quotes.append(Quote(open_at, stop, p_index, current, open_mark, None))
                chain += 1
                current = chain
                open_at, open_mark = i + 1, i
            elif _closes(text, i, single):
                if open_at is not None:
                    quotes.append(Quote(open_at, i, p_index, current, open_mark, i))
                elif first_mark and carried and not single:  # continued without its opening mark
                    quotes.append(Quote(p_start, i, p_index, current, None, i))
                elif first_mark and not single:
                    orphan = i
                open_at = None
                first_mark = False
        if open_at is not None and single and open_mark != p_start:
            open_at = None  # a stray single mark mid-paragraph: not a quote
        carried = open_at is not None
        if open_at is not None:
            quotes.append(Quote(open_at, p_end, p_index, current, open_mark, None))
        if orphan is not None and _ends_quotation(text, orphan, p_end):
            chain += 1
            quotes = _bridge(text, quotes, p_index, orphan, chain)
    return _renumber(q for q in quotes if q.end > q.start)


def _nested(text: str, i: int, p_end: int, outer_straight: bool = False) -> int | None:
    """The closing mark of a double-quoted quote opening at ``i`` inside an open one, when
    the rest of the paragraph has closers for both (“He called it “theft” twice.”), or
    a curly pair inside a straight quote with a straight mark after it ("…these large
    “Marches” of people…")."""
    rest = text[i + 1:p_end]
    curly_closers = sum(rest.count(c) for c in CLOSING)
    needed = sum(rest.count(c) for c in OPENING) + (1 if outer_straight else 2)
    if curly_closers < needed:
        return None
    if outer_straight:
        first_close = min(rest.find(c) for c in CLOSING if c in rest)
        if STRAIGHT not in rest[first_close:]:
            return None
    depth = 0
    for j in range(i + 1, p_end):
        if text[j] in OPENING:
            depth += 1
        elif text[j] in CLOSING:
            if depth == 0:
                return j
            depth -= 1
    return None


def _renumber(quotes: Iterable[Quote]) -> tuple[Quote, ...]:
    """Chains numbered 0, 1, 2... in reading order of their first span."""
    ordered = sorted(quotes, key=lambda q: q.start)
    numbers: dict[int, int] = {}
    for q in ordered:
        numbers.setdefault(q.chain, len(numbers))
    return tuple(Quote(q.start, q.end, q.paragraph, numbers[q.chain], q.open_mark, q.close_mark)
                 for q in ordered)


#: How many paragraphs back a closing mark with no opener may find its quote's opening paragraph.
MAX_BRIDGED_PARAGRAPHS = 4


def _ends_quotation(text: str, mark: int, p_end: int) -> bool:
    """The closing mark at ``mark``, met before any opening one, ends a quotation: it
    follows a word or , . ? ! (not a space, nor a digit as in 55")."""
    before = text[mark - 1] if mark else " "
    return not before.isspace() and not before.isdigit() and (
        mark == p_end - 1 or before in ",.?!…")


def _marks(text: str, start: int, end: int) -> tuple[int, int, int]:
    """Counts of curly openers, curly closers and straight marks in ``text[start:end]``."""
    part = text[start:end]
    return (sum(part.count(c) for c in OPENING), sum(part.count(c) for c in CLOSING),
            part.count(STRAIGHT))


def _bridge(text: str, quotes: list[Quote], p_index: int, close: int, chain: int) -> list[Quote]:
    """A quote ending at the orphan closing mark ``close`` of paragraph ``p_index``.

    It runs back over paragraphs to one that opens with a quote mark left open
    (more openers than closers): a block quote whose middle paragraphs lost
    their marks. Crossed paragraphs hold only balanced inner quotes and do not
    end with a mark. With no such opening paragraph, a mark that ends its
    paragraph quotes that paragraph alone (``…according to records."``); one
    inside it (``…," he said``) is left a stray mark."""
    paras = paragraphs(text)
    first = p_index
    for j in range(p_index - 1, max(-1, p_index - 1 - MAX_BRIDGED_PARAGRAPHS), -1):
        a, b = paras[j]
        opens, closes, straight = _marks(text, a, b)
        if text[a] in OPENING or (text[a] == STRAIGHT and b > a + 1 and not text[a + 1].isspace()):
            if opens > closes or straight % 2 == 1:
                first = j
            break
        if opens != closes or straight % 2 or text[b - 1] in CLOSING + STRAIGHT:
            break
    if first == p_index and close != paras[p_index][1] - 1:
        return quotes
    doubled = first < p_index and text[paras[first][0] + 1:paras[first][0] + 2] in (OPENING + STRAIGHT)
    outer_mark = paras[first][0]
    if doubled:  # ""We…," he said. "…" | …records.": an excerpt opening with a quote keeps it
        first += 1
    kept = [q for q in quotes if not (first <= q.paragraph < p_index
                                      or q.paragraph == p_index and q.start < close)]
    for j in range(first, p_index + 1):
        a, b = paras[j]
        start = a + 1 if j == first and first < p_index and not doubled else a
        end = close if j == p_index else b
        mark = outer_mark if doubled and j == first else (a if start > a else None)
        kept.append(Quote(start, end, j, chain, mark, close if j == p_index else None))
    return sorted(kept, key=lambda q: q.start)


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def clip(quotes: Iterable[Quote], start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Quoted ranges inside ``[start, end)``, clipped to it."""
    out = []
    for q in quotes:
        s, e = max(q.start, start), min(q.end, end)
        if e > s:
            out.append((s, e))
    return tuple(out)


class Ranges(tuple):
    """Sorted, disjoint ``(start, end)`` pairs that :func:`inside` searches by bisection
    (an article's quotes: membership tests stay O(log n) on long texts)."""

    def __new__(cls, ranges: Iterable[tuple[int, int]]) -> "Ranges":
        self = super().__new__(cls, sorted(ranges))
        self.starts = [r[0] for r in self]
        return self


def inside(offset: int, ranges: Sequence[tuple[int, int]]) -> bool:
    if isinstance(ranges, Ranges):
        i = bisect.bisect_right(ranges.starts, offset) - 1
        return i >= 0 and offset < ranges[i][1]
    return any(s <= offset < e for s, e in ranges)


def classify_voice(text: str, doc: "Doc", start: int, end: int,
                   ranges: Sequence[tuple[int, int]]) -> "Voice":
    """``quoted``: the sentence opens or closes with quotation and the rest is at most an
    attribution ("…,” Talwani wrote."); ``mixed``: a partial quote inside the outlet's
    own sentence (cited the “chilling effect”); ``authorial``: no quoted words."""
    if any(inside(i, ranges) for i in range(start, end) if text[i].isalnum()):
        start = after_label(text, doc, start, end, ranges)
    letters = [i for i in range(start, end) if text[i].isalnum()]
    quoted = [i for i in letters if inside(i, ranges)]
    if not quoted:
        return "authorial"
    first = next(r for r in ranges if r[0] <= quoted[0] < r[1])
    last = next(r for r in ranges if r[0] <= quoted[-1] < r[1])
    runs_on = first[1] < end and _embedded_after(text, first[1], end)  # “Oppenheimer” won…
    opens = quoted[0] == letters[0] and not runs_on
    closes = quoted[-1] == letters[-1] and (
        last[0] <= start or not opens_inside_clause(text, start, last[0])
        or _after_reporting_verb(doc, last[0]))
    if not (opens or closes):
        return "mixed"  # e.g. had "demonstrated…", cited the “chilling effect”
    span = doc.char_span(start, end, alignment_mode="expand") or ()
    residue = [t for t in span if (t.is_alpha or t.like_num) and not inside(t.idx, ranges)]
    if len(residue) <= MAX_BARE_RESIDUE:
        return "quoted"
    if len(residue) <= MAX_ATTRIBUTION_WORDS and any(_is_attribution(t) for t in residue):
        return "quoted"
    return "mixed"


def opens_inside_clause(text: str, start: int, q_start: int) -> bool:
    """The quote at ``q_start`` opens right after a word of the sentence starting at
    ``start`` (a partial quote: had "demonstrated…"), not after , : — or the sentence start."""
    i = q_start - 1
    while i >= start and (text[i] in OPENING or text[i] in STRAIGHT or text[i] in "‘'"):
        i -= 1
    while i >= start and text[i].isspace():
        i -= 1
    return i >= start and (text[i].isalnum() or text[i] in "’'")


def _after_reporting_verb(doc: "Doc", q_start: int) -> bool:
    """The quote follows its reporting verb directly: ``Trump wrote "We will win."``."""
    before = [t for t in doc if t.idx + len(t) <= q_start and not t.is_punct and not t.is_space]
    if not before:
        return False
    return before[-1].lemma_.lower() in REPORTING_VERBS and before[-1].pos_ == "VERB"


def _embedded_after(text: str, q_end: int, end: int) -> bool:
    """The quote closes with a word running on ("a 'chilling effect' the agreement…")
    rather than with , . ? ! or an attribution."""
    i = q_end
    while i < end and (text[i] in CLOSING or text[i] in STRAIGHT or text[i] in "’'"):
        i += 1
    if i >= end:
        return False
    last = q_end - 1
    while last > 0 and text[last].isspace():
        last -= 1
    if text[last] in ",.?!…:;—–-":
        return False  # the quote ends a clause: what follows is attribution or a new sentence
    return True


def _is_attribution(token) -> bool:
    if token.lemma_.lower() == "accord" and any(c.lower_ == "to" for c in token.children):
        return True
    if token.pos_ == "VERB" and any(c.dep_ in ("advmod", "prt") and c.lower_ == "back" for c in token.children):
        return True  # a retort: "“…,” Piet Hagen shot back."
    return token.lemma_.lower() in REPORTING_VERBS and token.pos_ in ("VERB", "AUX")


from comparator.claims.titles import is_title  # noqa: E402  (re-export; titles imports Quote)
from comparator.claims.leadins import after_label  # noqa: E402  (leadins imports the quote marks)
