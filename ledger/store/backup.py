"""`kirjuri backup FILE`: a consistent copy of a live ledger, checked before it is kept.

SQLite: the backup API (``sqlite3.Connection.backup``) copies the database in one step
inside a read transaction, so clerks in other processes keep writing (WAL) and the copy is
the ledger as it stood at one moment. The head (seq and hash) is read in that same
transaction, the copy is opened as a ledger and must have that head.

PostgreSQL: ``pg_dump -Fc`` of the ledger's database, in the snapshot the head was read
in (``pg_export_snapshot``). The whole database, not ``-t`` per table: the events table
needs its trigger function and the eventsourcing library's insert function and type,
which ``-t`` leaves out, and such an archive does not restore. The archive is then read
back with ``pg_restore``: it must hold the append-only triggers and the events up to that
head.

The backup is written to a temporary file beside FILE and moved into place only once it
checked out (``ledger.reports.output.atomic_path``): a refused or failed backup leaves nothing behind.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from events.codec import GENESIS, decode_stored_many
from ledger.app import Kirjuri
from ledger.reports.output import atomic_path, check_output, ledger_files
from ledger.domain.refusals import Rejected
from ledger.store.log import LEDGER_STREAM, StoreError, Target
from ledger.locale.reason import Reason

#: where Debian's PostgreSQL packages put their programs, one directory per major version
PG_BINDIRS = "/usr/lib/postgresql/*/bin"


@dataclass(frozen=True)
class Head:
    """What a backup holds: how many events, the last position and its hash."""

    count: int
    seq: int
    hash: str


@dataclass(frozen=True)
class Backup:
    file: Path
    head: Head


def backup(target: Target, file: Path, *, force: bool = False) -> Backup:
    """Copy the ledger at ``target`` to ``file`` and check the copy; refuse before writing anything."""
    file = Path(file)
    guarded = ledger_files(target)
    check_output(file, force=force, protect=guarded, field="file")
    pg_dump = None
    if target.is_postgres:
        pg_dump = pg_tool("pg_dump")
        if pg_dump is None:
            raise Rejected("pg_dump", "pg_dump", "backup.no_pg_dump", where=PG_BINDIRS)
    with atomic_path(file, force=force, protect=guarded, field="file") as tmp:
        head = _postgres(target, tmp, pg_dump) if pg_dump else _sqlite(target, tmp)
    return Backup(file, head)


def _version(path: str) -> tuple[int, ...]:
    # /usr/lib/postgresql/15/bin/pg_dump -> (15,)
    version = Path(path).parent.parent.name
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def pg_tool(name: str) -> str | None:
    """A PostgreSQL program: the highest version in PG_BINDIRS, else the one on PATH, else None.

    pg_dump must be at least as new as the server, so the newest installed is the one to use.
    """
    found = [p for p in glob.glob(os.path.join(PG_BINDIRS, name)) if os.access(p, os.X_OK)]
    if found:
        return max(found, key=_version)
    return shutil.which(name)


# --- SQLite ------------------------------------------------------------------------------------


def _table(target: Target) -> str:
    """The events table of the ledger at ``target``; refuses a missing file, a database that is no ledger,
    and a ledger whose last event is damaged (``Damaged``: the head a copy is checked against is unknown)."""
    ledger = Kirjuri(target, load=False)
    try:
        seq = ledger.eventlog.head_seq()
        if seq:
            ledger.eventlog.read_seqs([seq])
        return ledger.eventlog.table
    finally:
        ledger.close()


def _head(count: int, seq: int | None, state: bytes | None) -> Head:
    if not seq:
        return Head(count, 0, GENESIS)
    [record] = decode_stored_many([bytes(state)])
    return Head(count, seq, record.hash)


def _sqlite(target: Target, tmp: Path) -> Head:
    table = _table(target)
    try:
        return _sqlite_copy(target, table, tmp)
    except sqlite3.Error as exc:
        raise StoreError(Reason("store.copy_failed", target=target.describe(), reason=str(exc))) from None


def _sqlite_copy(target: Target, table: str, tmp: Path) -> Head:
    with closing(sqlite3.connect(target.sqlite_path, isolation_level=None, timeout=30)) as src:
        # one read transaction: the head read here and the pages copied are the same snapshot
        src.execute("BEGIN")
        copied = _sqlite_head(src, table)
        with closing(sqlite3.connect(tmp)) as dst:
            src.backup(dst)
        src.execute("COMMIT")
    ledger = Kirjuri(Target(sqlite_path=tmp), load=False)  # the copy opens as a ledger
    try:
        seq = ledger.eventlog.head_seq()
        hash_ = ledger.eventlog.hash_at(seq) if seq else GENESIS
    finally:
        ledger.close()
    with closing(sqlite3.connect(tmp, isolation_level=None)) as dst:
        # a file of its own: no -wal beside it to be left behind when it is copied elsewhere
        dst.execute("PRAGMA journal_mode=DELETE")
        found = Head(_sqlite_head(dst, table).count, seq, hash_)
    if found != copied:
        raise StoreError(Reason("store.copy_head_differs", seq=found.seq, hash=found.hash, ledger_seq=copied.seq,
                                ledger_hash=copied.hash))
    return copied


def _sqlite_head(conn: sqlite3.Connection, table: str) -> Head:
    count, seq = conn.execute(f"SELECT COUNT(*), MAX(originator_version) FROM {table} WHERE originator_id = ?",
                              (LEDGER_STREAM,)).fetchone()
    row = conn.execute(f"SELECT state FROM {table} WHERE originator_id = ? AND originator_version = ?",
                       (LEDGER_STREAM, seq)).fetchone()
    return _head(count, seq, row and row[0])


# --- PostgreSQL ----------------------------------------------------------------------------------


def _postgres(target: Target, tmp: Path, pg_dump: str) -> Head:
    import psycopg

    try:
        conn = psycopg.connect(target.postgres_url, connect_timeout=10)
    except psycopg.OperationalError as exc:
        raise Rejected("db", target.describe(), "db.unreachable", reason=_one_line(str(exc), " ")) from None
    with conn:
        table = _table(target)
        try:
            copied = _dump(target, conn, table, tmp, pg_dump)
        except psycopg.Error as exc:
            raise StoreError(Reason("store.failed", target=target.describe(), reason=_one_line(str(exc)))) from None
    found = _archive_head(Path(pg_dump).with_name("pg_restore"), tmp, table)
    if found != copied:
        raise StoreError(Reason("store.archive_head_differs", seq=found.seq, hash=found.hash, count=found.count,
                                ledger_seq=copied.seq, ledger_hash=copied.hash, ledger_count=copied.count))
    return copied


def _dump(target: Target, conn, table: str, tmp: Path, pg_dump: str) -> Head:
    """Read the head in a snapshot, export it, and have pg_dump dump that same snapshot while it is held."""
    from psycopg import IsolationLevel
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    conn.isolation_level = IsolationLevel.REPEATABLE_READ
    conn.read_only = True
    snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
    count, seq = conn.execute(f"SELECT COUNT(*), MAX(originator_version) FROM {table} WHERE originator_id = %s",
                              (LEDGER_STREAM,)).fetchone()
    row = conn.execute(f"SELECT state FROM {table} WHERE originator_id = %s AND originator_version = %s",
                       (LEDGER_STREAM, seq)).fetchone()
    copied = _head(count, seq, row and row[0])
    # the password through the environment, never on a command line anyone may list
    params = conninfo_to_dict(target.postgres_url)
    env = dict(os.environ, PGCONNECT_TIMEOUT="10")
    if params.get("password"):
        env["PGPASSWORD"] = str(params.pop("password"))
    dumped = subprocess.run(
        [pg_dump, "--format=custom", "--no-password", f"--snapshot={snapshot}", f"--file={tmp}",
         f"--dbname={make_conninfo(**params)}"],
        env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
    )
    conn.rollback()
    if dumped.returncode != 0:
        raise StoreError(Reason("store.pg_dump_failed", reason=_one_line(dumped.stderr)))
    return copied


def _one_line(text: str, sep: str = "; ") -> str:
    """A program's message on one line."""
    return sep.join(line.strip() for line in text.splitlines() if line.strip()) or "no message"


def _archive_head(pg_restore: Path, archive: Path, table: str) -> Head:
    """Read the archive back: the append-only triggers must be in it, and the events up to the head."""
    if not os.access(pg_restore, os.X_OK):
        raise StoreError(Reason("store.no_pg_restore", path=str(pg_restore)))
    listing = subprocess.run([str(pg_restore), "--list", str(archive)], capture_output=True, text=True,
                             stdin=subprocess.DEVNULL)
    if listing.returncode != 0:
        raise StoreError(Reason("store.archive_unreadable", reason=_one_line(listing.stderr)))
    for needed in ("FUNCTION public kirjuri_append_only", f"TRIGGER public {table} kirjuri_append_only"):
        if needed not in listing.stdout:
            raise StoreError(Reason("store.archive_lacks", needed=needed))
    with subprocess.Popen([str(pg_restore), "--data-only", f"--table={table}", "--file=-", str(archive)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                          text=True) as proc:
        head = _copy_head(proc.stdout)
        _out, errors = proc.communicate()
    if proc.returncode != 0:
        raise StoreError(Reason("store.archive_events_unreadable", reason=_one_line(errors)))
    return head


def _copy_head(lines: Iterable[str]) -> Head:
    """The ledger's rows in pg_restore's COPY text: how many, and the one at the highest position."""
    columns: list[str] | None = None
    count, seq, state = 0, None, None
    for line in lines:
        if columns is None:
            if line.startswith("COPY ") and "FROM stdin;" in line:
                columns = [c.strip() for c in line[line.index("(") + 1:line.index(")")].split(",")]
                at_id, at_seq, at_state = (columns.index(c) for c in ("originator_id", "originator_version", "state"))
            continue
        if line.rstrip("\n") == "\\.":
            break
        fields = line.rstrip("\n").split("\t")
        if fields[at_id] != LEDGER_STREAM:
            continue
        count += 1
        if seq is None or int(fields[at_seq]) > seq:
            seq, state = int(fields[at_seq]), fields[at_state]
    if state is None:
        return Head(count, 0, GENESIS)
    # bytea in COPY text: \\x followed by hex (the backslash itself escaped)
    return _head(count, seq, bytes.fromhex(state.removeprefix("\\\\x")))
