"""From article offsets to file, line and column: what an editor or a CI annotation points at.

``Article.text`` of a text or Markdown file is its body after the front matter,
with CRLF/CR read as LF and soft line breaks as spaces of the same length
(:mod:`comparator.load.text`), so an offset maps exactly to a line and column
of the file: the front matter's lines are added back, and columns count Unicode
characters (a BOM, removed on decoding, is not counted; SARIF ``columnKind``
``unicodeCodePoints``). A headline claim (the title appended to the text by
:mod:`comparator.load.headline`) points into the ``title:`` line of the front
matter (exactly when the value is on that line as written; else at the line). Saved HTML pages are read by trafilatura, so offsets have no exact place
in the file: the span's first words are looked up in the page's text nodes
(lxml, which records each element's source line) and the finding points at the
nearest line, column 1, ``exact=False``. Corpus records point at line 1.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

from comparator.check.records import Location
from comparator.types import Article

_SPACE = re.compile(r"\s+")
#: words of a span looked up in an HTML page's text (enough to be unique, few enough to stay in one node)
HTML_PROBE_WORDS = 6


class LineMap:
    """Offsets of one article's text -> :class:`Location` in its file. Build with :func:`line_map`."""

    def __init__(self, article: Article, path: str, *, body: str | None = None, first_line: int = 1,
                 title_line: int = 1, title_text: str = "", html_lines: list[tuple[int, int]] | None = None,
                 html_text: str = "") -> None:
        self.article = article
        self.path = path
        self.body = body
        self.first_line = first_line
        self.title_line = title_line
        self.title_text = title_text
        self.html_lines = html_lines
        self.html_text = html_text
        text = body if body is not None else article.text
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def _line_col(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.first_line + i, offset - self._starts[i] + 1

    def locate(self, start: int, end: int) -> Location:
        """The :class:`Location` of ``article.text[start:end]`` (end exclusive; the end column too)."""
        text = self.article.text[start:end]
        headline = self.article.meta.get("headline_start")
        if isinstance(headline, int) and start >= headline:
            return self._in_title(start - headline, end - headline, text, start, end)
        if self.html_lines is not None:
            line = self._html_line(text)
            return Location(self.path, line, 1, line, 1, text, start, end, exact=False)
        if self.body is None:
            return Location(self.path, 1, 1, 1, 1, text, start, end, exact=False)
        line, col = self._line_col(start)
        end_line, end_col = self._line_col(max(end, start))
        return Location(self.path, line, col, end_line, end_col, text, start, end)

    def _in_title(self, lo: int, hi: int, text: str, start: int, end: int) -> Location:
        """A span of the headline: exact on a one-line ``title:`` whose value is the title as read."""
        m = re.match(r"(\s*title\s*:\s*)([\"']?)(.*?)\2\s*$", self.title_text)
        title = self.article.text[self.article.meta["headline_start"]:]
        if m and m.group(3) == title:
            col = len(m.group(1)) + len(m.group(2)) + 1
            return Location(self.path, self.title_line, col + lo, self.title_line, col + hi, text, start, end)
        return Location(self.path, self.title_line, 1, self.title_line, 1, text, start, end, exact=False)

    def _html_line(self, text: str) -> int:
        words = _SPACE.sub(" ", text).strip().split(" ")
        for n in (HTML_PROBE_WORDS, 3, 1):
            probe = " ".join(words[:n]).casefold()
            if not probe:
                break
            at = self.html_text.find(probe)
            if at >= 0:
                i = bisect.bisect_right([p for p, _ in self.html_lines], at) - 1
                return self.html_lines[max(i, 0)][1]
        return 1


def _title_line(front: str) -> int:
    for i, line in enumerate(front.split("\n")):
        if re.match(r"\s*title\s*:", line):
            return i + 1
    return 1


def _html_index(html: str) -> tuple[list[tuple[int, int]], str]:
    """The page's text nodes joined (whitespace folded, case folded) and (offset, source line) marks."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return [], ""
    marks: list[tuple[int, int]] = []
    parts: list[str] = []
    size = 0
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style", "head", "title"):
            continue
        for piece, line in ((el.text, el.sourceline), (el.tail, el.sourceline)):
            if piece and piece.strip():
                folded = _SPACE.sub(" ", piece).casefold()
                marks.append((size, line or 1))
                parts.append(folded)
                size += len(folded)
    joined = "".join(parts)
    return marks, joined


def line_map(article: Article) -> LineMap:
    """A :class:`LineMap` for an article loaded from a file (its ``source_path``), by the file's kind.

    Reads the file again with the loader's own decoding; raises the loader's
    :class:`~comparator.errors.InputError` subclasses if it can no longer be read.
    """
    from comparator.load import SUPPORTED_SUFFIXES
    from comparator.load.fields import newlines

    shown = article.source_path or article.id
    path = Path(shown.split("#", 1)[0]) if article.source_path else None
    kind = SUPPORTED_SUFFIXES.get(path.suffix.lower()) if path is not None else None
    if path is None or kind is None or not path.is_file():
        return LineMap(article, shown)
    data = path.read_bytes()
    if kind == "html":
        from comparator.load.charset import decode_html

        marks, joined = _html_index(decode_html(data, shown).text)
        return LineMap(article, shown, html_lines=marks, html_text=joined)
    if kind not in ("text", "markdown"):
        return LineMap(article, shown)
    from comparator.load.decode import decode_bytes
    from comparator.load.text import split_front_matter

    text = newlines(decode_bytes(data, shown).text)
    fm = split_front_matter(text, shown)
    lines = text.split("\n")
    title_line = _title_line("\n".join(lines[: fm.body_line - 1]))
    title_text = lines[title_line - 1] if fm.body_line > 1 else ""
    return LineMap(article, shown, body=fm.body, first_line=fm.body_line, title_line=title_line,
                   title_text=title_text)
