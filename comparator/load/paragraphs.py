"""Paragraphs of hard-wrapped text: which single line breaks are only wrapping.

Wire copy, e-mail, text pasted from a PDF or a terminal, and Markdown written
with soft wraps break lines inside a paragraph. Downstream every line is a
paragraph (sentences never cross a line break), so :func:`unwrap` replaces
each *soft* line break by a space **of the same length**: every character
keeps its offset, so offsets into ``Article.text`` are offsets into the body
as it is in the file, and ``article.text[c.start:c.end] == c.text`` holds.
In Markdown block quotes the ``>`` markers of continuation lines become
spaces too (same length again).

Which breaks are soft:

- Markdown (``.md``): the lines of one CommonMark paragraph (parsed with
  ``markdown-it-py``), so headings, list items, block quotes, table rows,
  code blocks and hard breaks (two trailing spaces or a backslash) stay
  their own lines;
- plain text (``.txt``): lines of one block (a run of non-blank lines) unless
  the next line starts a list item, a block quote, a heading or a table row.

and, for both, only when the line looks wrapped: the block has no line longer
than :data:`MAX_WRAP_WIDTH` (text with one paragraph per long line is left
alone), and either the next word would not have fitted on the line (the
classic re-flow test: ``len(line) + 1 + len(next word) > width``, with
``width`` the longest line of the candidate blocks, at least
:data:`MIN_WRAP_WIDTH`) or the next line starts in lowercase (a sentence
never does).
"""

from __future__ import annotations

import re
from typing import Iterable

__all__ = ["MAX_WRAP_WIDTH", "MIN_WRAP_WIDTH", "soft_breaks", "unwrap"]

#: A block holding a line longer than this is not hard-wrapped (one paragraph per line).
MAX_WRAP_WIDTH = 120
#: Wrap widths below this are not assumed (a short line above another one is a real break);
#: newspaper columns pasted from a PDF wrap at 30-45 characters.
MIN_WRAP_WIDTH = 30

#: Plain-text lines that start their own paragraph: bullets, numbered items, quotes, headings, tables.
_STRUCTURE = re.compile(r"^\s*(?:[-*+•–]\s|\d{1,3}[.)]\s|>|#{1,6}\s|\|)")
_QUOTE_MARKERS = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE)


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line (end excludes the newline)."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _candidate_pairs(text: str, lines: list[tuple[int, int]], fmt: str) -> Iterable[tuple[int, int]]:
    """Pairs ``(i, i + 1)`` of line numbers inside one paragraph block."""
    if fmt == "markdown":
        from markdown_it import MarkdownIt

        tokens = MarkdownIt("commonmark").enable("table").parse(text)
        for i, tok in enumerate(tokens):
            if tok.type != "inline" or tok.map is None or i == 0 or tokens[i - 1].type != "paragraph_open":
                continue
            first, last = tok.map
            for n in range(first, min(last, len(lines)) - 1):
                line = text[lines[n][0]:lines[n][1]]
                if line.endswith(("  ", "\\")):  # a Markdown hard break
                    continue
                yield n, n + 1
        return
    for n in range(len(lines) - 1):
        a, b = (text[s:e] for s, e in (lines[n], lines[n + 1]))
        if a.strip() and b.strip() and not _STRUCTURE.match(b):
            yield n, n + 1


def _content(text: str, span: tuple[int, int], fmt: str) -> str:
    line = text[span[0]:span[1]]
    if fmt == "markdown":
        line = _QUOTE_MARKERS.sub("", line)
    return line.strip()


def soft_breaks(text: str, fmt: str = "text") -> list[int]:
    """Offsets of the ``\\n`` characters of ``text`` that only wrap a paragraph.

    ``fmt`` is ``"markdown"`` or ``"text"`` (anything else: plain text rules).
    ``text`` must have LF line ends.
    """
    if "\n" not in text:
        return []
    lines = _lines(text)
    pairs = list(_candidate_pairs(text, lines, fmt))
    if not pairs:
        return []
    # blocks: maximal chains of candidate pairs; a block with a long line is not wrapped
    blocks: list[list[int]] = []
    for a, b in pairs:
        if blocks and blocks[-1][-1] == a:
            blocks[-1].append(b)
        else:
            blocks.append([a, b])
    widths = {n: len(_content(text, lines[n], fmt)) for block in blocks for n in block}
    wrapped = [block for block in blocks if max(widths[n] for n in block) <= MAX_WRAP_WIDTH]
    if not wrapped:
        return []
    # the wrap width: no line of a wrapped paragraph is longer, its last line included
    width = max([MIN_WRAP_WIDTH] + [widths[n] for block in wrapped for n in block])
    out = []
    for block in wrapped:
        for a, b in zip(block, block[1:]):
            nxt = _content(text, lines[b], fmt)
            word = nxt.split()[0] if nxt.split() else ""
            full = widths[a] + 1 + len(word) > width
            if full or (word[:1].islower()):
                out.append(lines[a][1])
    return out


def unwrap(text: str, fmt: str = "text") -> str:
    """``text`` with soft line breaks (and Markdown quote markers after them) replaced by spaces.

    The result has exactly the length of ``text`` and differs only at those
    characters, so offsets are unchanged.
    """
    breaks = soft_breaks(text, fmt)
    if not breaks:
        return text
    chars = list(text)
    for pos in breaks:
        chars[pos] = " "
        if fmt == "markdown":
            m = _QUOTE_MARKERS.match(text, pos + 1)
            if m and m.end() > pos + 1:
                for i in range(pos + 1, m.end()):
                    chars[i] = " "
    return "".join(chars)
