"""Loading articles: files, folders (one folder = one event), corpora and Article records.

>>> arts = load_articles(["corpora/irs-ice-talwani"])     # doctest: +SKIP
>>> check_articles(arts)                                    # doctest: +SKIP

Supported files: ``.txt``/``.md`` (optional YAML front matter), ``.html``/``.htm``
(trafilatura; also ``http(s)://`` URLs, fetched by :mod:`.fetch`), ``.json``/``.jsonl``/``.csv`` (article records). A folder
contributes its supported files sorted by name, skipping hidden files, files
starting with ``_`` and ``README*``; sub-folders are not entered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

from comparator.config import Settings
from comparator.errors import (
    EmptyInputError,
    IdenticalArticlesError,
    InputError,
    MissingPathError,
    NotEnoughArticlesError,
    TooLargeError,
    UnsupportedFormatError,
)
from comparator.load.decode import Decoded, decode_bytes
from comparator.load.checks import _check_article, _check_sources, _kind_of, distinct_outlets
from comparator.load.fields import slug, unique_ids
from comparator.types import Article

__all__ = ["SUPPORTED_SUFFIXES", "check_articles", "load_article_file", "load_articles"]

#: File suffix -> format name.
SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}
_RECORD_FORMATS = {"json", "jsonl", "csv"}


def _supported() -> str:
    return ", ".join(sorted(SUPPORTED_SUFFIXES))


def load_articles(
    sources: Sequence[str | Path | Article],
    *,
    settings: Settings | None = None,
    event: str | None = None,
) -> tuple[Article, ...]:
    """Articles from files, folders and :class:`Article` records, as one event.

    ``event`` picks one event from corpus records (JSON/JSONL/CSV) that carry
    several. Ids are made unique with ``-2``, ``-3`` suffixes in input order.
    """
    settings = settings or Settings()
    if isinstance(sources, (str, Path, Article)):
        sources = [sources]
    sources = _check_sources(sources)
    if event is not None and not isinstance(event, str):
        raise InputError(f"event must be text, not {type(event).__name__}.", path="load_articles()")
    loaded: list[tuple[bool, Article]] = []  # (from a corpus file?, article), in source order
    record_files: list[str] = []
    for source in sources:
        if isinstance(source, Article):
            _check_article(source)
            if ":" in source.id:
                raise InputError(f"article id {source.id!r} contains ':'.", path=source.source_path,
                                 hint=f"Claim ids are '<article>:<index>'; use an id like {slug(source.id)!r}.")
            loaded.append((False, source))
            continue
        from comparator.load.fetch import is_url

        if is_url(source):
            from comparator.load.fetch import load_url

            loaded.append((False, load_url(str(source).strip(), max_bytes=settings.max_file_bytes)))
            continue
        for path, shown in _expand(source):
            is_record = SUPPORTED_SUFFIXES.get(path.suffix.lower()) in _RECORD_FORMATS
            if is_record:
                record_files.append(shown)
            loaded.extend((is_record, a) for a in load_article_file(path, settings=settings, shown=shown))
    if record_files:
        from comparator.load.records import select_event

        kept = {id(a) for a in select_event([a for rec, a in loaded if rec], event, record_files)}
        loaded = [(rec, a) for rec, a in loaded if not rec or id(a) in kept]
    articles = distinct_outlets(unique_ids(a for _, a in loaded))
    from comparator.load.language import warn_if_not_english

    for article in articles:
        warn_if_not_english(article)
    return articles


def _expand(source: str | Path) -> list[tuple[Path, str]]:
    """``(path, shown)`` pairs for a file or folder source (``shown`` = path as the user gave it)."""
    path = Path(source).expanduser()
    shown = str(path)
    kind = _kind_of(path, shown)
    if kind == "missing":
        if path.is_symlink():
            raise MissingPathError("is a symbolic link that cannot be followed (it points to a missing "
                                   "file or loops back on itself).", path=shown,
                                   hint="Point the link at the article file, or pass the file itself.")
        raise MissingPathError("does not exist.", path=shown, hint=_did_you_mean(path))
    if kind == "file":
        return [(path, shown)]
    if kind != "dir":
        raise UnsupportedFormatError(f"is {kind}, neither a file nor a folder.", path=shown,
                                     hint="Pass article files or a folder of them.")
    try:
        entries = sorted(p.name for p in path.iterdir())
    except PermissionError:
        raise InputError("is a folder comparator may not list (permission denied).", path=shown,
                         hint="Fix its permissions (chmod u+rx) or pass the article files themselves.") from None
    except OSError as exc:
        raise InputError(f"is a folder that cannot be read ({exc.strerror or exc}).", path=shown) from None
    picked: list[tuple[Path, str]] = []
    skipped: list[str] = []
    for name in entries:
        child = path / name
        if name.startswith((".", "_")) or name.lower().startswith("readme"):
            continue
        if child.suffix.lower() not in SUPPORTED_SUFFIXES:
            if _kind_of(child, str(child)) == "file":
                skipped.append(name)
            continue
        kind = _kind_of(child, str(child))
        if kind == "dir":
            continue
        if kind == "missing":
            raise MissingPathError("is a symbolic link that cannot be followed (missing target or a loop).",
                                   path=str(child), hint="Fix or remove the link.")
        if kind != "file":
            raise UnsupportedFormatError(f"is {kind}, not an article file.", path=str(child),
                                         hint="Remove it from the folder or rename it with a leading '_'.")
        if name.lower() in _OWN_OUTPUTS and _own_output(child):
            import logging

            logging.getLogger("comparator").info("%s: skipped (a report comparator wrote).", child)
            continue
        picked.append((child, str(child)))
    if not picked:
        found = f" (found only: {', '.join(skipped[:8])}{', ...' if len(skipped) > 8 else ''})" if skipped else ""
        raise EmptyInputError(
            f"folder contains no article files{found}.",
            path=shown,
            hint=f"Put one article per file in it; supported: {_supported()}.",
        )
    return picked


#: Names of the reports and tables comparator writes; a folder's files with these
#: names are skipped when their content shows comparator wrote them.
_OWN_OUTPUTS = frozenset({"report.json", "report.md", "report.html", "claims.csv", "alignments.csv",
                          "findings.csv", "evidence.csv", "entities.csv"})


def _own_output(path: Path) -> bool:
    from comparator.render.guard import is_own_output

    return is_own_output(path)


def _did_you_mean(path: Path) -> str:
    parent = path.parent if str(path.parent) else Path(".")
    hint = "Check the spelling and that you are in the right folder."
    if parent.is_dir():
        import difflib

        try:
            names = sorted(p.name for p in parent.iterdir() if not p.name.startswith("."))
        except OSError:
            return hint
        # Only a close match (difflib ratio >= 0.8: a typo or two), or the same name with another
        # suffix; a shared extension alone ("missing.md" / "bin.md") suggests nothing.
        same_stem = [n for n in names if Path(n).stem == path.stem and n != path.name]
        best = same_stem[:1] or difflib.get_close_matches(path.name, names, n=1, cutoff=0.8)
        if best:
            hint = f"Did you mean {str(parent / best[0])!r}? " + hint
    elif str(path.parent) not in ("", "."):
        hint = f"The folder {str(path.parent)!r} does not exist either. " + hint
    return hint


def load_article_file(path: str | Path, *, settings: Settings | None = None,
                      shown: str | None = None) -> tuple[Article, ...]:
    """The article(s) in one file: one for text/Markdown/HTML, several for corpora.

    ``Article.truncated`` is set for bodies ending in an ellipsis or a paywall
    notice (:func:`comparator.load.headline.is_truncated`).
    """
    import dataclasses

    from comparator.load.headline import is_truncated

    return tuple(a if a.truncated or not is_truncated(a.text) else dataclasses.replace(a, truncated=True)
                 for a in _load_file(path, settings=settings, shown=shown))


def _load_file(path: str | Path, *, settings: Settings | None = None,
               shown: str | None = None) -> tuple[Article, ...]:
    settings = settings or Settings()
    path = Path(path)
    shown = shown or str(path)
    kind = _kind_of(path, shown)
    if kind == "missing":
        raise MissingPathError("does not exist or is not a file.", path=shown, hint=_did_you_mean(path))
    if kind != "file":
        raise UnsupportedFormatError(f"is {'a folder' if kind == 'dir' else kind}, not an article file.",
                                     path=shown, hint="Pass a regular article file.")
    fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(
            f"has an unsupported file type {path.suffix or '(no extension)'!r}.",
            path=shown,
            hint=f"Supported: {_supported()}. Save the article as one of these (e.g. .txt).",
        )
    size = path.stat().st_size
    if size > settings.max_file_bytes:
        raise TooLargeError(
            f"is {size:,} bytes, over the limit of {settings.max_file_bytes:,}.",
            path=shown,
            hint="Split the corpus into smaller files, or raise max_file_bytes in [tool.comparator].",
        )
    if size == 0:
        raise EmptyInputError("is empty (0 bytes).", path=shown,
                              hint="Put the article text in the file, or leave the file out.")
    try:
        data = path.read_bytes()
    except PermissionError:
        raise InputError("cannot be read (permission denied).", path=shown,
                         hint="Fix its permissions (chmod u+r) or leave the file out.") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc}).", path=shown) from None
    if fmt == "html":
        from comparator.load.html import decode_html, parse_html

        decoded = decode_html(data, shown)
        return (parse_html(decoded.text, path=path, source_path=shown, encoding=decoded.encoding,
                           warnings=decoded.warnings),)
    decoded: Decoded = decode_bytes(data, shown)
    if fmt in ("text", "markdown"):
        from comparator.load.text import parse_text

        art = parse_text(decoded.text, path=path, source_path=shown, encoding=decoded.encoding, fmt=fmt)
        if decoded.warnings:
            import dataclasses

            art = dataclasses.replace(art, meta={**art.meta, "warnings": list(decoded.warnings)})
        return (art,)
    from comparator.load.records import parse_records

    return parse_records(decoded.text, path=path, source_path=shown, encoding=decoded.encoding,
                         fmt=fmt, max_field=settings.max_file_bytes)


def _normal(text: str) -> str:
    return " ".join(text.split())


def check_articles(articles: Iterable[Article]) -> None:
    """Refuse inputs that cannot be compared: fewer than two articles, or duplicates."""
    articles = tuple(articles)
    if len(articles) < 2:
        where = ", ".join(a.source_path or a.id for a in articles) or "the given paths"
        raise NotEnoughArticlesError(
            f"found {len(articles)} article{'s' if len(articles) != 1 else ''} (from {where}); "
            "comparator needs two or more articles of the same event.",
            hint="Add another outlet's article about the same event (a folder holds one event).",
        )
    seen: dict[str, Article] = {}
    ids: set[str] = set()
    for art in articles:
        if art.id in ids:
            raise InputError(f"two articles share the id {art.id!r}.", path=art.source_path,
                             hint="Give each article a unique id (load_articles does this for you).")
        ids.add(art.id)
        key = _normal(art.text)
        if key in seen:
            first = seen[key]
            raise IdenticalArticlesError(
                f"{first.source_path or first.id} and {art.source_path or art.id} contain the same text.",
                hint="Remove one of them: comparing an article with itself finds nothing.",
            )
        seen[key] = art
