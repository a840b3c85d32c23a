"""HTML articles: main text, title, date and site name with trafilatura (imported lazily).

Paragraphs of the main text become lines of ``Article.text``. A first line
that repeats the title is dropped (the title is kept in ``Article.title``).
Navigation, footers, related links and reader comments are left out. Bytes
are decoded by :func:`comparator.load.charset.decode_html` (BOM, declared
charset, detection), which records the charset and any fallback warnings.
"""

from __future__ import annotations

from pathlib import Path

from comparator.errors import EmptyInputError
from comparator.load.charset import decode_html  # noqa: F401  (re-exported: load/__init__ uses it)
from comparator.load.fields import build_article, newlines
from comparator.types import Article

#: Extractions shorter than this many characters count as "no article text"
#: (trafilatura's ``MIN_OUTPUT_SIZE``; its default of 1 lets a lone "Home" link through).
MIN_TEXT_CHARS = 50


def _config():
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", str(MIN_TEXT_CHARS))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def parse_html(html: str, *, path: Path, source_path: str, encoding: str,
               warnings: tuple[str, ...] = ()) -> Article:
    """An :class:`Article` from decoded HTML.

    ``Article.meta`` gets ``furniture`` (``[start, end, kind]`` spans of the
    text that the page's markup marks as captions, related links, paywall
    prompts...; see :mod:`comparator.load.structure`) and ``warnings`` (the
    decoding fallbacks taken) when there are any.
    """
    import trafilatura

    if not html.strip():
        raise EmptyInputError("is empty (or only whitespace).", path=source_path,
                              hint="Save the article page again, or leave the file out.")
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
        config=_config(),
    )
    body = newlines(getattr(doc, "text", None) or "") if doc is not None else ""
    lines = [line.strip() for line in body.split("\n")]
    title = getattr(doc, "title", None)
    if lines and title and lines[0] == title.strip():
        lines = lines[1:]
    text = "\n".join(line for line in lines if line)
    if not text:
        raise EmptyInputError(
            "contains no article text that could be extracted from the HTML.",
            path=source_path,
            hint="Check that the page is the article itself (not a login or cookie page), "
                 "or paste its text into a .txt file.",
        )
    fields = {
        "outlet": getattr(doc, "sitename", None),
        "title": title,
        "url": getattr(doc, "url", None),
        "published": getattr(doc, "date", None),
    }
    extra: dict = {}
    from comparator.load.structure import furniture_spans

    spans = furniture_spans(text, html)
    description = " ".join((getattr(doc, "description", None) or "").split()).casefold()
    first = text.split("\n", 1)[0]
    if description and " ".join(first.split()).casefold() == description:
        spans = [[0, len(first), "deck"]] + [sp for sp in spans if sp[0] != 0]
    if spans:
        extra["furniture"] = spans
    if warnings:
        extra["warnings"] = list(warnings)
    for key in ("author", "hostname", "description", "language"):
        value = getattr(doc, key, None)
        if value:
            extra[key] = value
    return build_article(path=path, source_path=source_path, text=text, encoding=encoding,
                         fmt="html", fields=fields, extra=extra)
