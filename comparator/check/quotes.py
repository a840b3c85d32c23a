"""Quote integrity: each quotation of the draft looked up in the sources, and kept in one of four bins.

- **found**: the quotation's words are in a source, in order, after folding
  typography (curly and straight marks, dashes, whitespace, case); a marked
  ellipsis (``...``, ``…``, ``[...]``) may stand for any cut inside the same
  source, a bracketed insertion (``[the mayor]``) for at most
  :data:`MAX_BRACKET_WORDS` source words; a quotation a source breaks with its
  attribution (“We cannot,” she said, “keep patching”) is found across the break.
  Nothing is reported;
- **misquote**: not found verbatim, but a source quotes the same passage
  (:func:`comparator.detect.quotations.quotation_diff`: at least
  :data:`~comparator.detect.quotations.MIN_SHARED` shared words in order, at most
  :data:`~comparator.detect.quotations.MAX_CHANGED` changed) with other words
  (:func:`word_diff`: any changed word, not only those that change the sense as
  between outlets; punctuation and the spelling of the same word or number do not
  count); the word diff is given;
- **misattribution**: found (verbatim or as a misquote), but the source credits it to
  a speaker who cannot be the draft's (:func:`_other_speaker`), both speakers being
  named in or just before the claim, not only inferred;
- **unverified**: in none of the sources.

Precision before recall: a quotation whose speaker is unknown on either side is
never called a misattribution, and a passage that shares words with a source
but differs too much to be one quotation is "unverified", not "misquoted".
A quotation that matches a source quotation word for word except for
punctuation is found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from comparator.comparison import Comparison
    from comparator.types import Article, Claim

#: source words a bracketed insertion may stand for ("[the mayor]" for "she", "[Brandt]" for "the mayor")
MAX_BRACKET_WORDS = 4
#: characters an ellipsis may skip in the source (one quotation, not two statements far apart)
MAX_ELLIPSIS_GAP = 2000

_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                       "‚": "'", "‛": "'", "′": "'", "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-",
                       "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
_CUT = re.compile(r"\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|(?:\.\s*){3}|…|\[[^\]]{1,80}\]")
_EDGE = " \t\n\"',.;:!?-"


@dataclass(frozen=True)
class QuoteCheck:
    """What the sources say about one quotation of the draft (``kind``: found | misquote | misattribution |
    unverified). ``source``/``source_start``/``source_end`` give the matching source span when found;
    ``diff`` the (draft words, source words, draft start, draft end) of each misquoted stretch."""

    kind: str
    claim: "Claim"
    start: int
    end: int
    source: str | None = None
    source_start: int = 0
    source_end: int = 0
    source_speaker: str | None = None
    diff: tuple[tuple[str, str, int, int], ...] = ()


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` with typography folded and whitespace runs made one space, lower case; and for each
    folded character the offset of the original character it came from."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text.translate(_FOLD)):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            ch = " "
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
        where.append(i)
    return "".join(out), where


def segments(quote: str) -> list[tuple[str, str]]:
    """The folded pieces of a quotation between cuts, each with the cut before it ("", "ellipsis", "bracket")."""
    folded, _ = fold(quote)
    pieces: list[tuple[str, str]] = []
    last, cut = 0, ""
    for m in _CUT.finditer(folded):
        pieces.append((folded[last:m.start()].strip(_EDGE), cut))
        cut = "bracket" if m.group().startswith("[") and "." not in m.group() and "…" not in m.group() else "ellipsis"
        last = m.end()
    pieces.append((folded[last:].strip(_EDGE), cut))
    out, pending = [], ""
    for text, before in pieces:
        if text:
            cuts = (before, pending)
            out.append((text, ("ellipsis" if "ellipsis" in cuts else before or pending) if out else ""))
            pending = ""
        else:
            pending = pending or before
    return out


def _boundary(hay: str, start: int, end: int) -> bool:
    return (start == 0 or not hay[start - 1].isalnum()) and (end == len(hay) or not hay[end].isalnum())


def find_verbatim(quote: str, source: str) -> tuple[int, int] | None:
    """(start, end) offsets in ``source`` of ``quote`` found as the module docstring says, else None."""
    parts = segments(quote)
    if not parts:
        return None
    hay, where = fold(source)
    first_text = parts[0][0]
    pos = 0
    while True:
        at = hay.find(first_text, pos)
        if at < 0:
            return None
        pos = at + 1
        if not _boundary(hay, at, at + len(first_text)):
            continue
        end = at + len(first_text)
        ok = True
        for text, cut in parts[1:]:
            nxt = hay.find(text, end)
            while nxt >= 0 and not _boundary(hay, nxt, nxt + len(text)):
                nxt = hay.find(text, nxt + 1)
            gap = hay[end:nxt] if nxt >= 0 else ""
            if nxt < 0 or (cut == "bracket" and len(gap.split()) > MAX_BRACKET_WORDS) or \
                    (cut != "bracket" and (len(gap) > MAX_ELLIPSIS_GAP or (cut == "" and gap.strip(_EDGE)))):
                ok = False
                break
            end = nxt + len(text)
        if ok:
            return where[at], where[end - 1] + 1


_CUT_WORDS = ("...", "…", "[", "]")


def _parenthesised(text: str, words: list[tuple[str, int, int]]) -> bool:
    """Whether ``words`` (non-empty) are exactly the inside of a pair of parentheses in ``text``."""
    if not words:
        return False
    start, end = words[0][1], words[-1][2]
    before, after = text[:start].rstrip(), text[end:].lstrip()
    return before.endswith("(") and after.startswith(")") and "(" not in text[start:end]


def word_diff(draft: str, qa: tuple[int, int], source: str, qb: tuple[int, int]) -> list[tuple[str, str, int, int]]:
    """Every changed stretch between a draft quotation and the source quotation it matches.

    (draft words, source words, draft start, draft end); a stretch with no draft words
    is anchored on the draft word before it. Stricter than the cross-outlet
    comparison of :func:`comparator.detect.quotations.quotation_diff`: a quotation
    must be the speaker's words, so any changed word counts, except the same word
    written another way (case, apostrophes, "F.T.C."/"FTC", "2"/"two"), stretches the
    draft marks as cuts or insertions (ellipsis, brackets) and an editor's words in
    parentheses inside the quotation (on either side). Words beyond either end of
    the other side's quotation are not a change: each outlet quotes its own excerpt
    of the statement (measured on real copy: those were excerpts, not misquotes).
    """
    from rapidfuzz.distance import Levenshtein

    from comparator.detect.quotations import _words
    from comparator.facts.numbers import parse_number

    wa, wb = _words(draft, *qa), _words(source, *qb)
    ops: list[list] = []  # [tag, src_start, src_end, dest_start, dest_end], adjacent changes merged
    for op in Levenshtein.opcodes([w for w, _, _ in wa], [w for w, _, _ in wb]):
        tag = "equal" if op.tag == "equal" else "change"
        if ops and ops[-1][0] == tag == "change":
            ops[-1][2], ops[-1][4] = op.src_end, op.dest_end
        else:
            ops.append([tag, op.src_start, op.src_end, op.dest_start, op.dest_end])
    out = []
    for i, (tag, s0, s1, d0, d1) in enumerate(ops):
        if tag == "equal":
            continue
        left, right = wa[s0:s1], wb[d0:d1]
        if (i == 0 or i == len(ops) - 1) and not (left and len(left) == len(right)):
            continue  # one side quotes a longer excerpt of the statement: not a change of its words
            # (a same-length substitution at an end, "clear" / "unclear", is a change of the words)
        if any(w in _CUT_WORDS for w, _, _ in left):
            continue  # a declared cut or insertion
        if _parenthesised(draft, left) or _parenthesised(source, right):
            continue  # an editor's "(local)" inside the quotation, in the draft or in the source
        a_text = " ".join(draft[s0:e0] for _, s0, e0 in left)
        b_text = " ".join(source[s0:e0] for _, s0, e0 in right)
        flat_a, flat_b = (re.sub(r"[^a-z0-9]", "", t.lower()) for t in (a_text, b_text))
        if flat_a == flat_b:
            continue
        na, nb = parse_number(a_text) if a_text else None, parse_number(b_text) if b_text else None
        if na is not None and nb is not None and na.value == nb.value:
            continue
        if left:
            start, end = left[0][1], left[-1][2]
        else:
            anchor = wa[max(s0 - 1, 0)]
            start, end = anchor[1], anchor[2]
        out.append((a_text, b_text, start, end))
    return out


def _named(comp: "Comparison", claim: "Claim", speaker: str) -> bool:
    """Whether ``speaker``'s last name is written in the claim outside its quotes, or in the claim before."""
    last = speaker.split()[-1].lower() if speaker.split() else ""
    if not last:
        return False
    text = comp.article(claim.article).text
    outside = list(text[claim.start:claim.end])
    for qs, qe in claim.quotes:
        for i in range(max(qs, claim.start), min(qe, claim.end)):
            outside[i - claim.start] = " "
    words = re.findall(r"[\w'’-]+", "".join(outside).lower())
    if last in words:
        return True
    before = [c for c in comp.claims_of(claim.article) if c.index == claim.index - 1]
    return bool(before) and last in re.findall(r"[\w'’-]+", before[0].text.lower())


def _speaker_of(comp: "Comparison", article: "Article", start: int) -> tuple["Claim | None", str | None]:
    for c in comp.claims_of(article.id):
        if c.start <= start < c.end:
            return c, c.speaker if (c.speaker and _named(comp, c, c.speaker)) else None
    return None, None


def _in_quote_stream(quote: str, comp: "Comparison", source: "Article") -> tuple[int, int] | None:
    """``quote`` found in the source's quoted words of one paragraph joined across an attribution
    (“We cannot keep patching,” she said, “a plant this old.”): (start, end) in the source text, or None."""
    by_paragraph: dict[int, list[tuple[int, int]]] = {}
    for c in comp.claims_of(source.id):
        by_paragraph.setdefault(c.paragraph, []).extend(c.quotes)
    for pieces in by_paragraph.values():
        pieces = sorted(set(pieces))
        if len(pieces) < 2:
            continue
        joined, marks = "", []
        for qs, qe in pieces:
            marks.append((len(joined), qs))
            joined += source.text[qs:qe].strip(_EDGE) + " "
        span = find_verbatim(quote, joined)
        if span:
            def back(at: int) -> int:
                base, orig = max((m for m in marks if m[0] <= at), key=lambda m: m[0])
                lead = len(source.text[orig:]) - len(source.text[orig:].lstrip(_EDGE))
                return orig + lead + at - base
            return back(span[0]), back(span[1] - 1) + 1
    return None


def _quote_streams(comp: "Comparison", article: "Article") -> dict[int, list[tuple[int, int]]]:
    """Paragraph -> the paragraph's quoted ranges in order (a quotation's sentences are split over claims)."""
    streams: dict[int, set[tuple[int, int]]] = {}
    for c in comp.claims_of(article.id):
        for qs, qe in c.quotes:
            if article.text[qs:qe].strip(_EDGE):
                streams.setdefault(c.paragraph, set()).add((qs, qe))
    return {p: sorted(ranges) for p, ranges in streams.items()}


def _joined(text: str, pieces: Sequence[tuple[int, int]]) -> tuple[str, list[tuple[int, int, int]]]:
    """The quoted pieces joined by spaces, and (joined start, text start, text end) of each piece."""
    joined, marks = "", []
    for qs, qe in pieces:
        piece = text[qs:qe]
        lead = len(piece) - len(piece.lstrip(_EDGE))
        core = piece.strip(_EDGE)
        marks.append((len(joined), qs + lead, qs + lead + len(core)))
        joined += core + " "
    return joined, marks


def _back(marks: list[tuple[int, int, int]], at: int) -> int:
    base, start, _ = max((m for m in marks if m[0] <= at), key=lambda m: m[0])
    return start + at - base


def _stream_misquote(comp: "Comparison", draft: "Article", claim: "Claim", qs: int, qe: int,
                     sources: Sequence["Article"]) -> tuple["Article", tuple[int, int], tuple] | None:
    """A misquote found sentence by sentence: the draft's quoted words of the paragraph (“We had no
    choice,” she said. “The law is unclear.”) against each source paragraph's quoted words (“We had no
    choice. The law is clear.”), so a changed word in a short quoted sentence is judged with the words
    of the same quotation around it. The same thresholds as one quotation (at least
    :data:`~comparator.detect.quotations.MIN_SHARED` shared words, at most
    :data:`~comparator.detect.quotations.MAX_CHANGED` changed, a third of the shared); only changes
    inside ``[qs, qe)`` are this quotation's. Returns (source, its quoted span, diff) or None."""
    from comparator.detect.quotations import MAX_CHANGED, quotation_diff

    pieces = _quote_streams(comp, draft).get(claim.paragraph, [])
    if (qs, qe) not in pieces:
        return None
    dj, dmarks = _joined(draft.text, pieces)
    at = pieces.index((qs, qe))
    pa = dmarks[at][0]
    pb = pa + dmarks[at][2] - dmarks[at][1]
    best = None
    for src in sources:
        for spieces in _quote_streams(comp, src).values():
            sj, smarks = _joined(src.text, spieces)
            got = quotation_diff(dj, (0, len(dj)), sj, (0, len(sj)))
            if not got:
                continue
            diff = word_diff(dj, (0, len(dj)), sj, (0, len(sj)))
            changed = sum(max(len(a.split()), len(b.split())) for a, b, _, _ in diff)
            inside = [d for d in diff if pa <= d[2] < pb]
            if not inside or changed > MAX_CHANGED or changed * 3 > got[0]:
                continue
            if best is None or got[0] > best[0]:
                best = (got[0], src, spieces, inside)
    if best is None:
        return None
    _, src, spieces, inside = best
    words = set(re.findall(r"\w+", draft.text[qs:qe].lower()))
    ss, se = max(spieces, key=lambda r: (len(words & set(re.findall(r"\w+", src.text[r[0]:r[1]].lower()))), -r[0]))
    return src, (ss, se), tuple((a, b, _back(dmarks, s), _back(dmarks, e - 1) + 1) for a, b, s, e in inside)


def _other_speaker(a: str, b: str) -> bool:
    """Whether speakers ``a`` and ``b`` cannot be one voice: not the same referent
    (:func:`~comparator.detect.quotations.same_speaker`), and neither names the other's
    surname ("Blumenthal" / "the Blumenthal campaign", "Brandt" / "a spokesman for Brandt":
    a person and their campaign or office speak for one side)."""
    from comparator.detect.quotations import same_speaker

    if same_speaker(a, b) is not False:
        return False
    wa, wb = re.findall(r"[\w'’-]+", a.lower()), re.findall(r"[\w'’-]+", b.lower())
    return not (wa and wb and (wa[-1] in wb or wb[-1] in wa))


def check_quotes(comp: "Comparison", draft_id: str, source_ids: Sequence[str]) -> list[QuoteCheck]:
    """A :class:`QuoteCheck` for every quotation of the draft's claims (headline included)."""
    from comparator.detect.quotations import MAX_CHANGED, _words, quotation_diff

    draft = comp.article(draft_id)
    sources = [comp.article(s) for s in source_ids]
    out: list[QuoteCheck] = []
    seen: set[tuple[int, int]] = set()
    for claim in comp.claims_of(draft_id):
        for qs, qe in claim.quotes:
            if (qs, qe) in seen or not draft.text[qs:qe].strip(_EDGE):
                continue
            seen.add((qs, qe))
            said_by = claim.speaker if claim.speaker and _named(comp, claim, claim.speaker) else None
            found = None
            for src in sources:
                span = find_verbatim(draft.text[qs:qe], src.text) or _in_quote_stream(draft.text[qs:qe], comp, src)
                if span:
                    found = (src, span, ())
                    break
            if found is None:
                best = None
                for src in sources:
                    for sc in comp.claims_of(src.id):
                        for qb in sc.quotes:
                            got = quotation_diff(draft.text, (qs, qe), src.text, qb)
                            if got and (best is None or got[0] > best[0]):
                                best = (got[0], src, qb)
                if best is not None:
                    shared, src, qb = best
                    diff = tuple(word_diff(draft.text, (qs, qe), src.text, qb))
                    changed = sum(max(len(a.split()), len(b.split())) for a, b, _, _ in diff)
                    words = len(_words(draft.text, qs, qe))
                    # at most MAX_CHANGED changed words (else another quotation); with none, "found"
                    # needs most of the quotation in the source (not a shared phrase in other words)
                    if changed <= MAX_CHANGED and changed * 3 <= shared and (diff or shared * 2 >= words):
                        found = (src, qb, diff)
            if found is None:
                found = _stream_misquote(comp, draft, claim, qs, qe, sources)
            if found is None:
                out.append(QuoteCheck("unverified", claim, qs, qe))
                continue
            src, (ss, se), diff = found
            _, source_speaker = _speaker_of(comp, src, ss)
            if diff:
                out.append(QuoteCheck("misquote", claim, qs, qe, src.id, ss, se, source_speaker, diff))
            if said_by and source_speaker and _other_speaker(said_by, source_speaker):
                out.append(QuoteCheck("misattribution", claim, qs, qe, src.id, ss, se, source_speaker))
            elif not diff:
                out.append(QuoteCheck("found", claim, qs, qe, src.id, ss, se, source_speaker))
    return out
