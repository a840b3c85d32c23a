"""Checks on what the loaders are given: API arguments, Article records, file kinds, outlet names.

Every problem is an :class:`InputError` subclass naming the path (or the
function) and the field, so Python callers get the same messages as the CLI.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Mapping

from comparator.errors import InputError, MissingPathError
from comparator.types import Article

__all__ = ["distinct_outlets"]


def _check_sources(sources: object) -> list[str | Path | Article]:
    """``sources`` as a list of paths and Articles; :class:`InputError` for anything else (API misuse)."""
    import os

    if sources is None or isinstance(sources, (bytes, Mapping)) or not isinstance(sources, Iterable):
        raise InputError(f"sources must be a list of paths or Article records, not {type(sources).__name__}.",
                         path="load_articles()", hint="Pass e.g. ['event/'] or ['a.md', 'b.md'].")
    out: list[str | Path | Article] = []
    for i, source in enumerate(sources):
        if isinstance(source, Article):
            out.append(source)
        elif isinstance(source, str) or (isinstance(source, os.PathLike) and isinstance(os.fspath(source), str)):
            text = os.fspath(source)
            if not text or "\x00" in text:
                raise MissingPathError("is not a usable path (empty or containing a NUL character).",
                                       path=repr(text), hint="Pass the path of an article file or folder.")
            out.append(source)
        else:
            raise InputError(f"source {i} is a {type(source).__name__}, not a path or an Article.",
                             path="load_articles()", hint="Pass str or pathlib.Path paths, or Article records.")
    return out


def _check_article(article: Article) -> None:
    """An Article built in Python has text fields of the right types (InputError naming the field)."""
    where = article.source_path if isinstance(article.source_path, str) and article.source_path else None
    for name in ("id", "outlet", "text"):
        value = getattr(article, name)
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"Article field {name!r} must be non-empty text, not {value!r:.40}.",
                             path=where or f"Article(id={article.id!r:.40})",
                             hint=f"Set {name}= to a string when building the Article.")
    for name in ("title", "url", "published", "source_path"):
        value = getattr(article, name)
        if value is not None and not isinstance(value, str):
            raise InputError(f"Article field {name!r} must be text or None, not {type(value).__name__}.",
                             path=where or f"Article(id={article.id!r:.40})")
    if not isinstance(article.meta, Mapping):
        raise InputError(f"Article field 'meta' must be a mapping, not {type(article.meta).__name__}.",
                         path=where or f"Article(id={article.id!r:.40})")


def distinct_outlets(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Give a repeated outlet name (same letters, any case) `` (2)``, `` (3)`` suffixes, in input order.

    Two files from one outlet are two articles; without this, a finding would
    read "Only Fox News reports ... (Fox News does not)".
    """
    import dataclasses
    import logging

    taken: set[str] = set()
    out: list[Article] = []
    for art in articles:
        name, n = art.outlet, 1
        while name.casefold() in taken:
            n += 1
            name = f"{art.outlet} ({n})"
        taken.add(name.casefold())
        if name != art.outlet:
            logging.getLogger("comparator").warning(
                "%s: outlet %r already names another article; this one is shown as %r.",
                art.source_path or art.id, art.outlet, name)
            art = dataclasses.replace(art, outlet=name, meta={**art.meta, "outlet_given": art.outlet})
        out.append(art)
    return tuple(out)


def _kind_of(path: Path, shown: str) -> str:
    """``file``, ``dir``, ``missing`` or a description of a special file; :class:`InputError` if unreachable."""
    import errno
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "missing"
    except PermissionError:
        raise InputError("cannot be reached (permission denied on a folder above it).", path=shown,
                         hint="Fix the folder's permissions (chmod u+x) or copy the article elsewhere.") from None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.ENAMETOOLONG):
            return "missing"
        raise InputError(f"cannot be read ({exc.strerror or exc}).", path=shown) from None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device or other special file"
