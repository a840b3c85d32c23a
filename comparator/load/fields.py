"""Field normalisation shared by every loader: dates, ids, outlet fallback, meta.

Values are never invented: an empty or unparseable value becomes ``None``
(an unparseable date keeps its raw text in ``meta["published_raw"]``).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Mapping

from comparator.types import Article

#: Relative expressions ("yesterday", "3 days ago") are not accepted: they would
#: be resolved against today's date, which is an invented value.
_DATEPARSER_SETTINGS = {
    "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
}


#: Languages tried for month names after English ("7 août 2025", "7. Mai 2025").
DATE_LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "nl"]


def newlines(text: str) -> str:
    """CRLF and lone CR become LF; nothing else changes (offsets stay meaningful)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def blank(value: Any) -> bool:
    """True for values that mean "unknown": None, empty or whitespace-only strings."""
    return value is None or (isinstance(value, str) and not value.strip())


def text_value(value: Any) -> str | None:
    """A scalar metadata value as stripped text, or None when empty."""
    if blank(value):
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value).strip()


def iso_date(value: Any) -> tuple[str | None, str | None]:
    """``(iso, raw)``: ISO date (or datetime when a time is given) and the raw text if unparsed.

    YAML already turns ``2025-08-07`` into a :class:`datetime.date`; strings go
    through dateparser (absolute dates only).
    """
    if blank(value):
        return None, None
    if isinstance(value, _dt.datetime):
        return _iso(value), None
    if isinstance(value, _dt.date):
        return value.isoformat(), None
    raw = str(value).strip()
    import dateparser

    # English first (unambiguous), then a few common news languages: dateparser's
    # detection over all its languages takes seconds on a miss.
    for languages in (["en"], DATE_LANGUAGES):
        parsed = dateparser.parse(raw, languages=languages, settings=_DATEPARSER_SETTINGS)
        if parsed is not None:
            break
    if parsed is None:
        return None, raw
    return _iso(parsed), None


def _iso(moment: _dt.datetime) -> str:
    if moment.tzinfo is None and moment.time() == _dt.time(0, 0):
        return moment.date().isoformat()
    return moment.isoformat()


def slug(text: str, default: str = "article") -> str:
    """ASCII, lowercase, hyphen-separated; never contains ``:`` (claim ids are ``id:index``)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    cleaned = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return cleaned or default


def unique_ids(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Give repeated ids ``-2``, ``-3``... suffixes, in input order."""
    import dataclasses

    taken: set[str] = set()
    out: list[Article] = []
    for art in articles:
        base, new, n = art.id, art.id, 1
        while new in taken:
            n += 1
            new = f"{base}-{n}"
        taken.add(new)
        out.append(art if new == art.id else dataclasses.replace(art, id=new))
    return tuple(out)


def json_ready(value: Any) -> Any:
    """Metadata as plain JSON data: dates to ISO text, mappings sorted by key."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): json_ready(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    return value


def build_article(
    *,
    path: Path,
    source_path: str,
    text: str,
    encoding: str | None,
    fmt: str,
    fields: Mapping[str, Any],
    extra: Mapping[str, Any],
    article_id: str | None = None,
) -> Article:
    """An :class:`Article` from loader output; ``fields`` holds outlet/title/url/published."""
    meta: dict[str, Any] = {str(k): json_ready(v) for k, v in extra.items()}
    meta["format"] = fmt
    outlet = text_value(fields.get("outlet"))
    if outlet is None:
        outlet = path.stem
        meta["outlet_source"] = "filename"
    published, raw = iso_date(fields.get("published"))
    if raw is not None:
        meta["published_raw"] = raw
    return Article(
        id=article_id if article_id is not None else slug(path.stem),
        outlet=outlet,
        text=text,
        title=text_value(fields.get("title")),
        url=text_value(fields.get("url")),
        published=published,
        source_path=source_path,
        encoding=encoding,
        meta=dict(sorted(meta.items())),
    )


#: Deepest nesting accepted in a metadata value (record fields, front matter).
MAX_DEPTH = 32
#: Longest integer accepted in JSON (digits); longer ones are refused, not parsed.
MAX_INT_DIGITS = 100


def check_value(value: Any, *, path: str, where: str, line: int | None = None) -> None:
    """Refuse metadata nested deeper than :data:`MAX_DEPTH` or holding lone surrogates.

    Walks iteratively (no recursion, so any depth is safe to check). Raises
    :class:`MalformedRecordError` naming ``path``, ``where`` and the field.
    """
    from comparator.errors import MalformedRecordError

    stack: list[tuple[Any, int, str]] = [(value, 0, "")]
    while stack:
        item, depth, key = stack.pop()
        if depth > MAX_DEPTH:
            raise MalformedRecordError(
                f"{where}: field {key or '(top)'!r} is nested more than {MAX_DEPTH} levels deep.",
                path=path, line=line, hint="Flatten the value; metadata fields hold text, numbers or short lists.")
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise MalformedRecordError(
                    f"{where}: field {key or '(top)'!r} holds a lone surrogate escape (\\ud800-\\udfff), "
                    "which is not a character.",
                    path=path, line=line, hint="Re-export the data as valid UTF-8 text.")
        elif isinstance(item, Mapping):
            for k, v in item.items():
                if isinstance(k, str) and _SURROGATE.search(k):
                    raise MalformedRecordError(f"{where}: a field name holds a lone surrogate escape.",
                                               path=path, line=line, hint="Re-export the data as valid UTF-8 text.")
                stack.append((v, depth + 1, key or str(k)))
        elif isinstance(item, (list, tuple)):
            stack.extend((v, depth + 1, key) for v in item)


_SURROGATE = re.compile("[\ud800-\udfff]")
