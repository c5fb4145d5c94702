"""Every file Kirjuri writes (`-o`, exports, reports, the TUI's export): whole or not at all.

A file is written to a temporary file beside it and renamed over the name only once it
is complete, so a full disk or a killed process leaves the old file (or none), never a
truncated one. It is never the open ledger (an SQLite file or its journal), and an
existing file is replaced only when the user said ``--force``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

from ledger.domain.refusals import Rejected
from ledger.store.log import StoreError, Target

#: the files SQLite keeps beside a database while it is in use
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


class OutputError(StoreError):
    """A file could not be written (a full disk, a permission refused): nothing was written."""


def ledger_files(target: Target | None) -> list[Path]:
    """The files an SQLite ledger lives in (none for PostgreSQL)."""
    if target is None or target.sqlite_path is None:
        return []
    path = target.sqlite_path
    return [path.with_name(path.name + suffix) for suffix in SQLITE_COMPANIONS]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def check_output(path: Path, *, force: bool = False, protect: Iterable[Path] = (), field: str = "output") -> None:
    """Refuse, before any work is done, an output that would be lost or would destroy something."""
    if any(_same_file(path, guarded) for guarded in protect):
        raise Rejected(field, str(path), "output.is_ledger")
    if path.is_dir():
        raise Rejected(field, str(path), "output.is_folder")
    if not path.parent.is_dir():
        raise Rejected(field, str(path), "output.no_folder")
    if path.exists() and not force:
        raise Rejected(field, str(path), "output.exists")


def _fresh_mode(path: Path, mode: int) -> None:
    """As any file or folder written here (``mode`` less the umask), not mkstemp's owner-only 0600."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, mode & ~umask)


def _cannot(path: Path, exc: OSError) -> OutputError:
    return OutputError(f"{path}: cannot write: {exc.strerror or exc} (nothing was written)")


@contextmanager
def atomic_path(path: Path, *, force: bool = False, protect: Iterable[Path] = (),
                field: str = "output") -> Iterator[Path]:
    """A temporary file beside ``path`` for the block to write; renamed over ``path`` when the block ends.

    For a writer that needs a name rather than an open file (SQLite's backup API, pg_dump).
    Refused as ``write_atomic`` refuses; if the block fails, the temporary file (and any
    journal SQLite left beside it) is removed and ``path`` is as it was.
    """
    protect = list(protect)
    check_output(path, force=force, protect=protect, field=field)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise _cannot(path, exc) from None
    tmp = Path(name)
    try:
        _fresh_mode(tmp, 0o666)
        yield tmp
        if path.exists() and not force:  # written meanwhile by someone else: theirs stays
            raise Rejected(field, str(path), "output.exists")
        if any(_same_file(path, guarded) for guarded in protect):
            raise Rejected(field, str(path), "output.is_ledger")
        os.replace(tmp, path)
    except OSError as exc:
        raise _cannot(path, exc) from None
    finally:
        for leftover in (tmp.with_name(tmp.name + suffix) for suffix in SQLITE_COMPANIONS):
            with suppress(FileNotFoundError):
                leftover.unlink()


def write_atomic(path: Path, write: Callable[[IO], None], *, binary: bool = False, force: bool = False,
                 protect: Iterable[Path] = (), field: str = "output", encoding: str = "utf-8",
                 newline: str | None = None) -> Path:
    """Write ``path`` through ``write(fh)`` into a temporary file, then rename it into place.

    Refused (``Rejected``) when ``path`` is a protected file (the ledger), a folder, in a
    missing folder, or exists without ``force``; ``OutputError`` when the disk refuses
    (full, read-only, no permission). Either way ``path`` is as it was.
    """
    with atomic_path(path, force=force, protect=protect, field=field) as tmp:
        write_whole(tmp, write, binary=binary, encoding=encoding, newline=newline)
    return path


def write_whole(path: Path, write: Callable[[IO], None], *, binary: bool = False, encoding: str = "utf-8",
                newline: str | None = None) -> None:
    """Write a file ``atomic_path`` or ``atomic_folder`` gave through ``write(fh)``, on the disk before it is renamed."""
    kwargs = {} if binary else {"encoding": encoding, "newline": newline}
    with open(path, "wb" if binary else "w", **kwargs) as fh:
        write(fh)
        fh.flush()
        os.fsync(fh.fileno())


@contextmanager
def atomic_folder(path: Path, *, protect: Iterable[Path] = (), field: str = "output") -> Iterator[Path]:
    """A new folder: the block fills a temporary folder beside ``path``, renamed to ``path`` when it ends.

    A full disk or a killed process leaves no folder half-filled. ``path`` must not exist yet
    (an existing folder's files are each replaced with ``write_atomic``).
    """
    if any(_same_file(path, guarded) for guarded in protect):
        raise Rejected(field, str(path), "output.is_ledger")
    if path.exists():
        raise Rejected(field, str(path), "output.exists")
    if not path.parent.is_dir():
        raise Rejected(field, str(path), "output.no_folder")
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))
    except OSError as exc:
        raise _cannot(path, exc) from None
    try:
        _fresh_mode(tmp, 0o777)
        yield tmp
        if path.exists():  # made meanwhile by someone else: theirs stays
            raise Rejected(field, str(path), "output.exists")
        os.rename(tmp, path)
    except OSError as exc:
        raise _cannot(path, exc) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
