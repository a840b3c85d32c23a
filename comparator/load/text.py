"""Plain-text and Markdown articles with optional YAML front matter.

A file may start with a front matter block::

    ---
    outlet: Fox News
    title: Judge blocks IRS data sharing
    published: 2025-11-21
    url: https://example.com/story
    ---
    Body text...

``Article.text`` is the body after the closing ``---`` line exactly, so claim
offsets are offsets into the body. The only changes made to the text are
that CRLF and lone CR line ends become LF, and that soft line breaks inside a
hard-wrapped paragraph become spaces of the same length
(:func:`comparator.load.paragraphs.unwrap`), so offsets stay offsets into the
body as it is in the file. Keys other than outlet, title, url and
published (``date`` is accepted for published) are kept in ``Article.meta``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from comparator.errors import EmptyInputError, MalformedRecordError
from comparator.load.fields import build_article, check_value, newlines
from comparator.types import Article

FIELDS = ("outlet", "title", "url", "published")
_OPEN = "---"
_CLOSE = ("---", "...")


@dataclass(frozen=True)
class FrontMatter:
    """A file split into its front matter mapping and its body (``body_line``: 1-based line it starts on)."""

    data: Mapping[str, Any]
    body: str
    body_line: int


def split_front_matter(text: str, path: str) -> FrontMatter:
    """Split ``---`` YAML front matter from the body; ``text`` must already have LF line ends."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _OPEN:
        return FrontMatter({}, text, 1)
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _CLOSE), None)
    if close is None:
        raise MalformedRecordError(
            "front matter opened with '---' on line 1 is never closed.",
            path=path,
            line=1,
            hint="Add a line with '---' after the last metadata line, or remove the first line.",
        )
    block = "\n".join(lines[1:close])
    body = "\n".join(lines[close + 1 :])
    return FrontMatter(_parse_yaml(block, path), body, close + 2)


def _parse_yaml(block: str, path: str) -> Mapping[str, Any]:
    import yaml

    from comparator.load.safe_yaml import load

    try:
        data = load(block)
    except (RecursionError, ValueError) as exc:  # nesting too deep, integers over 4,300 digits
        raise MalformedRecordError(
            f"front matter cannot be read ({'nested too deeply' if isinstance(exc, RecursionError) else exc}).",
            path=path, line=2,
            hint="Write one 'key: value' per line with plain values.",
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise MalformedRecordError(
            f"front matter is not valid YAML ({problem}).",
            path=path,
            line=mark.line + 2 if mark is not None else None,  # +1 for 1-based, +1 for '---'
            hint="Write one 'key: value' per line; quote values that contain ': ' or start with a symbol.",
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MalformedRecordError(
            f"front matter must be 'key: value' lines, not a YAML {type(data).__name__}.",
            path=path,
            line=2,
            hint="Write one 'key: value' per line (outlet, title, url, published...).",
        )
    for key in FIELDS:
        value = data.get(key)
        if isinstance(value, (dict, list)):
            raise MalformedRecordError(
                f"front matter field {key!r} must be a single value, not a YAML {type(value).__name__}.",
                path=path,
                hint=f"Write it as '{key}: some text'.",
            )
    check_value(data, path=path, where="front matter", line=2)
    return {str(k): v for k, v in data.items()}


def parse_text(text: str, *, path: Path, source_path: str, encoding: str, fmt: str) -> Article:
    """An :class:`Article` from decoded file text (``fmt``: ``text`` or ``markdown``)."""
    text = newlines(text)
    if not text.strip():
        raise EmptyInputError(
            "is empty (or only whitespace).",
            path=source_path,
            hint="Put the article text in the file, or leave the file out.",
        )
    fm = split_front_matter(text, source_path)
    if not fm.body.strip():
        raise EmptyInputError(
            "has front matter but no article text after it.",
            path=source_path,
            line=fm.body_line,
            hint="Put the article body after the closing '---' line.",
        )
    fields = dict(fm.data)
    if fields.get("published") in (None, "") and "date" in fields:
        fields["published"] = fields.pop("date")
    extra = {k: v for k, v in fields.items() if k not in FIELDS}
    from comparator.load.paragraphs import soft_breaks, unwrap

    body = unwrap(fm.body, fmt)
    if body != fm.body:
        extra["soft_line_breaks"] = len(soft_breaks(fm.body, fmt))
    return build_article(
        path=path, source_path=source_path, text=body, encoding=encoding, fmt=fmt,
        fields=fields, extra=extra,
    )
