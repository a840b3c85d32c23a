"""Long texts through spaCy in pieces: parse any length the file limits admit.

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters, error E088)
and its parser needs about 1 GB per 100,000 characters at once. :func:`pipe_texts`
cuts longer texts into chunks of at most :data:`CHUNK_CHARS` characters at a
paragraph break (else a sentence end, else a space), parses each chunk and
joins them with ``Doc.from_docs`` so the result is one ``Doc`` whose text is
exactly the input (offsets unchanged). Memory is bounded by one chunk; time
grows linearly with length (some per-Doc steps cost tokens squared, e.g.
setting ``Token.is_sent_start`` scans the Doc, so chunks are kept small:
20,000 characters, longer than nearly every news article, cut at a paragraph
break, where comparator starts a new sentence anyway).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable, Iterator

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["CHUNK_CHARS", "pipe_texts", "split_text"]

#: Longest piece given to spaCy at once (characters).
CHUNK_CHARS = 20_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s")


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters; ``"".join(pieces) == text``.

    Cuts after the last line break in the window, else after the last sentence
    end, else after the last whitespace, else at ``limit`` exactly.
    """
    if limit < 2:
        raise ValueError("limit must be at least 2")
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = window.rfind("\n") + 1
        if cut < limit // 4:
            ends = [m.end() for m in _SENTENCE_END.finditer(window, limit // 4)]
            cut = ends[-1] if ends else 0
        if cut < limit // 4:
            spaces = [m.end() for m in re.finditer(r"\s+", window[limit // 4:])]
            cut = limit // 4 + spaces[-1] if spaces else 0
        if cut <= 0:
            cut = limit
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def pipe_texts(nlp: Any, texts: Iterable[str], limit: int | None = None) -> Iterator["Doc"]:
    """``nlp.pipe(texts)``, with texts longer than ``limit`` parsed in chunks and joined into one Doc.

    ``limit`` defaults to :data:`CHUNK_CHARS` (and never exceeds ``nlp.max_length``).
    """
    from spacy.tokens import Doc

    limit = min(limit or CHUNK_CHARS, getattr(nlp, "max_length", CHUNK_CHARS))
    texts = list(texts)
    short = [t for t in texts if len(t) <= limit]
    parsed = iter(nlp.pipe(short))
    for text in texts:
        if len(text) <= limit:
            yield next(parsed)
            continue
        docs = list(nlp.pipe(split_text(text, limit)))
        doc = Doc.from_docs(docs, ensure_whitespace=False)
        if doc.text != text:  # pragma: no cover - from_docs keeps text exactly without ensure_whitespace
            raise AssertionError("chunked parse changed the text")
        yield doc


# -- linear-time views of a parsed Doc --------------------------------------------------
# ``Doc.text`` and ``Doc.ents`` are rebuilt from every token on each access, so
# code that asks for them once per claim costs claims x tokens. These helpers
# compute them once per Doc (kept in ``doc.user_data``) and answer by bisection.

_TEXT_KEY, _ENTS_KEY = "comparator.text", "comparator.ents"


def doc_text(doc: Any) -> str:
    """``doc.text``, computed once per Doc."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def ents_in(doc: Any, start: int, end: int) -> list[Any]:
    """Entities of ``doc`` lying inside the characters ``start:end``, in order: O(log n + hits)."""
    import bisect

    cached = doc.user_data.get(_ENTS_KEY)
    if cached is None:
        ents = tuple(doc.ents)
        cached = doc.user_data[_ENTS_KEY] = (ents, [e.start_char for e in ents], [e.start for e in ents])
    ents, starts, _ = cached
    i = bisect.bisect_left(starts, start)
    out = []
    while i < len(ents) and ents[i].start_char < end:
        if ents[i].end_char <= end:
            out.append(ents[i])
        i += 1
    return out


def ent_at(doc: Any, i: int) -> Any:
    """The entity covering token ``i`` of ``doc``, or None: O(log n)."""
    import bisect

    ents_in(doc, 0, 0)  # fills the cache
    ents, _, token_starts = doc.user_data[_ENTS_KEY]
    k = bisect.bisect_right(token_starts, i) - 1
    if k >= 0 and ents[k].start <= i < ents[k].end:
        return ents[k]
    return None
