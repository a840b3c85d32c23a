"""Quote integrity: each quotation of the draft looked up in the sources, and kept in one of four bins.

- **found**: the quotation's words are in a source, in order, after folding
  typography (curly and straight marks, dashes, whitespace, case); a marked
  ellipsis (``...``, ``…``, ``[...]``) may stand for any cut inside the same
  source, a bracketed insertion (``[the mayor]``) for at most
  :data:`MAX_BRACKET_WORDS` source words. Nothing is reported;
- **misquote**: not found verbatim, but a source quotes the same passage with other
  words (:func:`comparator.detect.quotations.quotation_diff`: at least
  :data:`~comparator.detect.quotations.MIN_SHARED` shared words in order, a
  changed stretch that changes the sense); the word diff is given;
- **misattribution**: found (verbatim or as a misquote), but the source credits it to
  a speaker who cannot be the draft's (:func:`~comparator.detect.quotations.same_speaker`),
  both speakers being named in or just before the claim, not only inferred;
- **unverified**: in none of the sources.

Precision before recall: a quotation whose speaker is unknown on either side is
never called a misattribution, and a passage that shares words with a source
but differs too much to be one quotation is "unverified", not "misquoted".
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


def check_quotes(comp: "Comparison", draft_id: str, source_ids: Sequence[str]) -> list[QuoteCheck]:
    """A :class:`QuoteCheck` for every quotation of the draft's claims (headline included)."""
    from comparator.detect.quotations import quotation_diff, same_speaker

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
                span = find_verbatim(draft.text[qs:qe], src.text)
                if span:
                    found = (src, span, ())
                    break
            if found is None:
                best = None
                for src in sources:
                    for sc in comp.claims_of(src.id):
                        for qb in sc.quotes:
                            got = quotation_diff(draft.text, (qs, qe), src.text, qb)
                            if got and got[1] and (best is None or got[0] > best[0]):
                                best = (got[0], src, qb, got[1])
                if best is not None:
                    _, src, qb, diffs = best
                    found = (src, qb, tuple((d.a, d.b, d.a_start, d.a_end) for d in diffs))
            if found is None:
                out.append(QuoteCheck("unverified", claim, qs, qe))
                continue
            src, (ss, se), diff = found
            _, source_speaker = _speaker_of(comp, src, ss)
            if diff:
                out.append(QuoteCheck("misquote", claim, qs, qe, src.id, ss, se, source_speaker, diff))
            if said_by and source_speaker and same_speaker(said_by, source_speaker) is False:
                out.append(QuoteCheck("misattribution", claim, qs, qe, src.id, ss, se, source_speaker))
            elif not diff:
                out.append(QuoteCheck("found", claim, qs, qe, src.id, ss, se, source_speaker))
    return out
