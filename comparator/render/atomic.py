"""Atomic file writing: a report is either the old complete file or the new complete file.

Each write goes to a temporary file in the target's own folder (so
``os.replace`` is a same-filesystem rename), is flushed and fsynced, and only
then replaces the target. On any failure the temporary file is removed and an
existing target is left untouched. Nothing is written outside the target's folder.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from comparator.errors import OutputError

__all__ = ["AtomicSet", "atomic_path", "ensure_dir", "write_bytes", "write_text"]


def ensure_dir(directory: str | Path) -> Path:
    """Create ``directory`` (and parents) if missing; :class:`OutputError` if unusable."""
    path = Path(directory)
    if path.exists() and not path.is_dir():
        raise OutputError("the output folder is an existing file, not a folder.", path=str(path),
                          hint="Pass a folder path (e.g. --out reports/) or move the file away.")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError("a parent of the output folder is a file, not a folder.", path=str(path),
                          hint="Pass a folder path whose parents are folders.") from None
    except OSError as exc:
        raise OutputError(f"cannot create the output folder ({exc.strerror or exc}).", path=str(path),
                          hint="Choose a folder you can write to, or fix its permissions.") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise OutputError("the output folder is not writable.", path=str(path),
                          hint="Choose a folder you can write to, or fix its permissions (chmod u+w).")
    return path


def _default_mode(target: Path) -> int:
    """The existing file's permissions, or what a plain ``open(..., "w")`` would give."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(directory: Path) -> None:
    """Persist the rename itself (best effort: not every platform can open a folder)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success it atomically becomes ``target``.

    Use it for writers that want a path (``DataFrame.to_parquet``). If the
    block raises, the temporary file is deleted and ``target`` is unchanged.
    """
    target = Path(target)
    directory = target.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot create a file in the output folder ({exc.strerror or exc}).",
                          path=str(directory), hint="Check the folder exists and is writable.") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:  # the writer may have closed without fsync
            os.fsync(fh.fileno())
        os.chmod(tmp, _default_mode(target))
        if target.is_dir():
            raise OutputError("cannot replace a folder with a report file.", path=str(target),
                              hint="Move the folder away or choose another output folder.")
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write the file ({exc.strerror or exc}).", path=str(target),
                              hint="Check free disk space and the folder's permissions.") from exc
        raise
    _fsync_dir(directory)


def write_bytes(target: str | Path, data: bytes) -> Path:
    """Atomically write ``data`` to ``target``; returns ``target`` as a Path."""
    target = Path(target)
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)  # atomic_path fsyncs before the rename
    return target


def write_text(target: str | Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Atomically write ``text`` (``\\n`` line endings kept as is) to ``target``."""
    return write_bytes(target, text.encode(encoding))


class AtomicSet:
    """Several files replaced together: all are written to temporary files first, then renamed.

    >>> with AtomicSet() as files:            # doctest: +SKIP
    ...     files.add_bytes(out / "report.json", data)
    ...     with files.path(out / "claims.parquet") as tmp:
    ...         frame.to_parquet(tmp)
    ...     written = files.commit()

    Nothing is replaced until :meth:`commit`, which first checks every target
    (no folder in the way) and only then renames the temporary files in one
    tight loop, so a failure while rendering or writing leaves the whole old
    set in place. Leaving the block without committing (an exception,
    ``KeyboardInterrupt``, ``SystemExit`` from SIGTERM) deletes every temporary
    file. Only SIGKILL during the renames themselves (microseconds) can mix
    old and new files; temporary files it leaves are removed by the next run
    (:func:`comparator.render.guard.remove_stale_temps`).
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []  # (temporary, target)

    def __enter__(self) -> "AtomicSet":
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def _temp(self, target: Path) -> Path:
        try:
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        except OSError as exc:
            raise OutputError(f"cannot create a file in the output folder ({exc.strerror or exc}).",
                              path=str(target.parent), hint="Check the folder exists and is writable.") from None
        os.close(fd)
        tmp = Path(name)
        self._staged.append((tmp, target))
        return tmp

    def add_bytes(self, target: str | Path, data: bytes) -> None:
        """Stage ``data`` for ``target``."""
        tmp = self._temp(Path(target))
        try:
            tmp.write_bytes(data)
        except OSError as exc:
            raise OutputError(f"cannot write the file ({exc.strerror or exc}).", path=str(target),
                              hint="Check free disk space and the folder's permissions.") from None

    @contextmanager
    def path(self, target: str | Path) -> Iterator[Path]:
        """A temporary path a writer fills in for ``target`` (e.g. ``DataFrame.to_parquet``)."""
        tmp = self._temp(Path(target))
        try:
            yield tmp
        except OSError as exc:
            raise OutputError(f"cannot write the file ({exc.strerror or exc}).", path=str(target),
                              hint="Check free disk space and the folder's permissions.") from None

    def commit(self) -> list[Path]:
        """Fsync every staged file, check the targets, then rename them all; return the targets."""
        for tmp, target in self._staged:
            if target.is_dir() and not target.is_symlink():
                raise OutputError("cannot replace a folder with a report file.", path=str(target),
                                  hint="Move the folder away or choose another output folder.")
        try:
            for tmp, target in self._staged:
                with open(tmp, "rb+") as fh:
                    os.fsync(fh.fileno())
                os.chmod(tmp, _default_mode(target))
        except OSError as exc:
            raise OutputError(f"cannot write the file ({exc.strerror or exc}).", path=str(tmp),
                              hint="Check free disk space and the folder's permissions.") from None
        done: list[Path] = []
        try:
            for tmp, target in self._staged:
                os.replace(tmp, target)
                done.append(target)
        except OSError as exc:
            raise OutputError(f"cannot write the file ({exc.strerror or exc}); "
                              f"{len(done)} of {len(self._staged)} files were replaced.", path=str(target),
                              hint="Check free disk space and the folder's permissions.") from None
        finally:
            self._staged = [(t, g) for t, g in self._staged if g not in done]
        for directory in dict.fromkeys(t.parent for t in done):
            _fsync_dir(directory)
        return done

    def discard(self) -> None:
        """Delete every temporary file not yet renamed."""
        for tmp, _ in self._staged:
            try:
                tmp.unlink()
            except FileNotFoundError:
                pass
            except OSError:  # pragma: no cover - best effort
                pass
        self._staged = []
