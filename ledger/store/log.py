"""The event log on the eventsourcing library: SQLite by default, PostgreSQL by URL.

The library's application recorder owns the events table and its optimistic
concurrency: the whole ledger is one sequence (originator ``LEDGER_STREAM``), so the
primary key (originator_id, originator_version) makes two writers that raced for the
same position collide, and the hash chain can never fork. Kirjuri adds what the
library does not: triggers that make the table append-only, a checkpoint table for
the folded state, and a bulk read path that decodes rows without per-event objects.

On PostgreSQL every statement runs on a connection of the library's pool, in a
transaction of Kirjuri's own (``EventLog._cursor``), appends included: a server that
went away (a restart, a lost network) is said in one line as ``Unavailable``, never as
a hidden retry, and the pool is drained so the next call connects afresh.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
import shutil
import sqlite3
from contextlib import ExitStack, closing, contextmanager, nullcontext, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, NamedTuple
from urllib.parse import unquote, urlparse

from eventsourcing.persistence import ApplicationRecorder, IntegrityError, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore

from events.codec import chain_hash, decode_stored_many, split_stored
from events.model import Stored
from ledger.store import guard
from ledger.store.chain import Chain, single
from ledger.audit.findings import Finding
from ledger.domain.refusals import Rejected, why
from ledger.locale.reason import Reason, said

LEDGER_STREAM = "kirjuri-ledger"
CHUNK = 50_000
#: how long a write on an SQLite ledger waits for another writer's lock before the ledger is called busy
SQLITE_LOCK_SECONDS = 30


class StoreError(RuntimeError):
    """The database is not a usable Kirjuri ledger (missing, not initialised, damaged).

    Its text (``str``) is English; ``said`` says it in the language asked for: the ``Reason`` it was raised
    with (``StoreError(Reason("store.no_ledger", path=…))``), or the ``refusal`` a subclass carries. A text
    that is another program's own (a database's message) is said as it is.
    """

    def said(self, lang: str) -> str:
        """The error in ``lang``, in one line."""
        refusal = getattr(self, "refusal", None)
        if isinstance(refusal, Rejected):
            return f"{said(refusal.field, lang)}: {refusal.value!r} {why(refusal, lang)}"
        return said(self.args[0], lang) if self.args else ""


class Refused(StoreError):
    """The database refused this role a write (PostgreSQL's "permission denied"): nothing was written."""


class Damaged(StoreError):
    """A stored row breaks the hash chain (``ledger.store.chain``): the log is good only up to before it.

    ``finding`` says where and what; ``refusal`` says it as a ``Rejected`` (code "ledger.damaged")
    in either language, and ``notice`` the warning a reader of the prefix gets.
    """

    def __init__(self, target: Target, finding: Finding):
        self.target, self.finding = target, finding
        self.refusal = Rejected("ledger", target.describe(), "ledger.damaged", position=finding.seq,
                                finding=(finding.code, finding.params))
        super().__init__(str(self.refusal))

    def notice(self, last: int) -> Rejected:
        """What a command that shows the prefix up to ``last`` says beside it."""
        return Rejected("ledger", self.target.describe(), "ledger.damaged_notice", position=self.finding.seq,
                        last=last, finding=(self.finding.code, self.finding.params))


class Unusable(StoreError):
    """The SQLite file cannot be used as it is: not a database, damaged, a full disk, a permission
    refused. SQLite rolled back what the call began: nothing was written. ``refusal`` says which,
    naming the file and what to do, as a ``Rejected`` (codes "file.*") in either language."""

    def __init__(self, refusal: Rejected):
        self.refusal = refusal
        super().__init__(str(refusal))


#: an error number of the operating system, as the SQLite result code that means the same for the file
OS_ERRORS = {errno.ENOSPC: "SQLITE_FULL", errno.EDQUOT: "SQLITE_FULL", errno.EACCES: "SQLITE_CANTOPEN",
             errno.EPERM: "SQLITE_CANTOPEN", errno.ENOENT: "SQLITE_CANTOPEN", errno.ENOTDIR: "SQLITE_CANTOPEN",
             errno.EEXIST: "SQLITE_CANTOPEN", errno.EISDIR: "SQLITE_CANTOPEN", errno.EROFS: "SQLITE_READONLY"}


def sqlite_failure(exc: BaseException, target: Target) -> Unusable | None:
    """``exc`` as ``Unusable`` if SQLite (directly, or through the library's own errors) or the operating
    system said the ledger's file cannot be used; else None."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, sqlite3.Error):
            primary = "_".join((getattr(seen, "sqlite_errorname", "") or "").split("_")[:2])
            if primary == "SQLITE_IOERR" and _disk_full(target):
                primary = "SQLITE_FULL"  # SQLite says "disk I/O error" when its -shm or -wal cannot grow
            refusal = _unusable(primary, target.describe(), _one_line(str(seen)))
            return None if refusal is None else Unusable(refusal)
        if isinstance(seen, OSError) and seen.errno is not None:
            primary = OS_ERRORS.get(seen.errno, "SQLITE_IOERR")
            return Unusable(_unusable(primary, target.describe(), _one_line(seen.strerror or str(seen))))
        seen = seen.__cause__ or seen.__context__
    return None


def _disk_full(target: Target) -> bool:
    """Whether the disk the ledger's file is on has (next to) no room left."""
    try:
        return shutil.disk_usage(target.sqlite_path.parent).free < 1 << 20  # type: ignore[union-attr]
    except (OSError, AttributeError):
        return False


def _unusable(primary: str, where: str, reason: str) -> Rejected | None:
    """What SQLite's primary result code means for the ledger's file, and what to do; None for a
    failure of the statement itself (a missing table, a constraint), which the caller says."""
    match primary:
        case "SQLITE_NOTADB":
            return Rejected("db", where, "file.not_a_database", reason=reason)
        case "SQLITE_CORRUPT":
            return Rejected("db", where, "file.damaged", reason=reason)
        case "SQLITE_FULL":
            return Rejected("db", where, "file.disk_full", reason=reason)
        case "SQLITE_READONLY":
            return Rejected("db", where, "file.read_only", reason=reason)
        case "SQLITE_CANTOPEN" | "SQLITE_PERM" | "SQLITE_AUTH":
            return Rejected("db", where, "file.cannot_open", reason=reason)
        case "SQLITE_IOERR":
            return Rejected("db", where, "file.io", reason=reason)
        case "SQLITE_BUSY" | "SQLITE_LOCKED":
            return Rejected("db", where, "file.busy", reason=reason)
    return None


@contextmanager
def sqlite_failures(target: Target) -> Iterator[None]:
    """Around a call on an SQLite ledger: a file that cannot be used raises ``Unusable`` in one line."""
    try:
        yield
    except StoreError:
        raise
    except Exception as exc:
        failure = sqlite_failure(exc, target) if target.sqlite_path is not None else None
        if failure is None:
            raise
        raise failure from None


def another_programs(target: Target, *, create: bool = False) -> None:
    """Refuse, before SQLite touches it, a file that is no ledger: one that is not an SQLite database,
    an empty one (unless ``create``: `kirjuri init`), or one that holds another program's tables.
    Kirjuri neither takes it for an empty ledger nor writes a byte to it (``kirjuri init`` on the
    wrong file, a mistyped --db)."""
    path = target.sqlite_path
    if path is None or not path.is_file():
        return
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if not header:
        if not create:
            raise StoreError(Reason("store.not_a_ledger", target=target.describe()))
        return
    if header != SQLITE_HEADER:
        raise Unusable(Rejected("db", target.describe(), "file.not_a_database", reason="no SQLite header"))
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                   "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    if tables and "stored_events" not in tables:
        raise Unusable(Rejected("db", target.describe(), "file.another_program", tables=tuple(tables[:5])))


#: how every SQLite database file begins
SQLITE_HEADER = b"SQLite format 3\x00"


def _one_line(text: str) -> str:
    return " ".join(text.split())
class Guarded(StoreError):
    """The events table's guard refused a row (``ledger.store.guard``): nothing was written."""


class Stamp(NamedTuple):
    """What the database stored with an event: when (its clock) and who (its role; on SQLite the OS user)."""

    at: dt.datetime | None
    by: str | None


def checkpoint_digest(seq: int, head: str, state: bytes) -> str:
    """A checkpoint's own hash, stored with it: a checkpoint whose bytes changed since is not used."""
    return hashlib.sha256(f"kirjuri checkpoint\n{seq}\n{head}\n".encode() + state).hexdigest()


class Unavailable(StoreError):
    """PostgreSQL could not be reached, or the connection broke: the call did not complete.

    ``stored`` is False when nothing was written, None when the connection broke while a
    write was being committed (then it may be stored: the next write, or a retry with the
    same event ids, finds out, and a retry never stores it twice). ``refusal`` says the
    same as a ``Rejected`` in either language (codes "db.unreachable", "db.commit_unconfirmed").
    """

    def __init__(self, target: Target, reason: str, stored: bool | None = False):
        if stored is None:
            self.refusal = Rejected("db", target.describe(), "db.commit_unconfirmed", reason=reason)
            message = str(self.refusal)
        else:
            self.refusal = Rejected("db", target.describe(), "db.unreachable", reason=reason)
            message = f"{self.refusal} (nothing was written)"
        self.stored = stored
        super().__init__(message)

    def said(self, lang: str) -> str:
        line = super().said(lang)
        return line if self.stored is None else Reason("store.nothing_written", what=line).said(lang)


@dataclass(frozen=True)
class Target:
    """Where a ledger lives: an SQLite file or a PostgreSQL database."""

    sqlite_path: Path | None = None
    postgres_url: str | None = None

    @property
    def is_postgres(self) -> bool:
        return self.postgres_url is not None

    def describe(self) -> str:
        if self.postgres_url:
            url = urlparse(self.postgres_url)
            return f"postgresql://{url.hostname}:{url.port or 5432}{url.path}"
        return str(self.sqlite_path)

    def env(self, *, create_table: bool) -> dict[str, str]:
        """The eventsourcing environment for this target."""
        env = {"ORIGINATOR_ID_TYPE": "text", "CREATE_TABLE": "y" if create_table else "n"}
        if self.postgres_url is None:
            env |= {
                "PERSISTENCE_MODULE": "eventsourcing.sqlite",
                "SQLITE_DBNAME": str(self.sqlite_path),
                "APPLICATION_RECORDER_TOPIC": "ledger.store.log:BatchSQLiteRecorder",
                # a clerk's write waits this long for another's (an import holds the lock for seconds) before
                # it is told the ledger is busy: the library's 5 s ran out under load in the clerks' race
                "SQLITE_LOCK_TIMEOUT": str(SQLITE_LOCK_SECONDS),
            }
            return env
        url = urlparse(self.postgres_url)
        return env | {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": url.path.lstrip("/"),
            "POSTGRES_HOST": url.hostname or "127.0.0.1",
            "POSTGRES_PORT": str(url.port or 5432),
            "POSTGRES_USER": unquote(url.username or ""),
            "POSTGRES_PASSWORD": unquote(url.password or ""),
            # how long a call waits for a connection while the server is away, before Unavailable
            "POSTGRES_CONNECT_TIMEOUT": "10",
            # POSTGRES_PRE_PING stays off: the pool's check costs a round trip per call, and on a failed
            # check it sleeps 1, 2, 4 s before trying the next pooled connection, so after a restart
            # (five stale connections) a call timed out; EventLog._begin replaces a stale connection
            # when its BEGIN fails and drains the rest of the pool instead
            # the library's recorder without its EXCLUSIVE table lock, which a clerk role
            # (INSERT and SELECT only, see ledger/store/dbsetup.py) may not take
            "APPLICATION_RECORDER_TOPIC": "ledger.store.dbsetup:NoLockRecorder",
        }


class BatchSQLiteRecorder(SQLiteApplicationRecorder):
    """The library's SQLite recorder, inserting a batch with one executemany, on guarded connections.

    The stock recorder executes one INSERT per event to collect rowids, which Kirjuri
    does not use (the log position is originator_version); one call per batch more
    than doubles the bulk append rate. Errors are still mapped by the library, but for
    the guard's refusals (``Guarded``). Every connection the library's pool opens gets
    the guard's function (``ledger.store.guard.Guard``), which the events table's trigger calls:
    the pool makes its connections lazily, so wrapping its factory here covers each one.
    """

    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name)
        self.guard = guard.Guard(LEDGER_STREAM)
        #: whether the events table has the stamp columns (set by ``EventLog`` once it has looked)
        self.stamped = False
        pool, checked = datastore.pool, self.guard
        create = pool._create_connection  # noqa: SLF001

        def guarded_connection():
            connection = create()
            checked.register(connection._sqlite_conn)  # noqa: SLF001
            return connection

        pool._create_connection = guarded_connection  # noqa: SLF001

    def _insert_events(self, c, stored_events, **_kwargs):  # type: ignore[override]
        rows = [(s.originator_id, s.originator_version, s.topic, s.state) for s in stored_events]
        sql = self.insert_events_statement
        if self.stamped:
            stamp = self.guard.stamp()
            rows = [row + stamp for row in rows]
            sql = (f"INSERT INTO {self.events_table_name} (originator_id, originator_version, topic, state, "
                   "stored_at, stored_by) VALUES (?, ?, ?, ?, ?, ?)")
        try:
            c.executemany(sql, rows)
        except sqlite3.IntegrityError as exc:
            raise guarded(exc, self.guard.last_refusal) or exc from None


def guarded(exc: BaseException, detail: str | None = None) -> Guarded | None:
    """``exc`` as ``Guarded`` if it is the guard's refusal (not of a position another writer took,
    which the writer retries as a lost race); else None. ``detail``: the SQLite guard's own sentence."""
    text = str(exc)
    if guard.REFUSED not in text or guard.REASONS["taken"] in text:
        return None
    return Guarded(f"{detail or text.strip().splitlines()[0]} (nothing was written)")


def lost_connection(exc: BaseException) -> str | None:
    """Why, if ``exc`` says the server cannot be reached or the connection broke; else None.

    psycopg's OperationalError or InterfaceError without an SQLSTATE (refused, timed out,
    closed), a connection exception (class 08) or a server shutting down (57P01-57P03);
    not a statement's own failure (a lock timeout, a cancelled query), which says more.
    The library's own errors are looked through to the psycopg error they were raised from.
    """
    import psycopg

    cause = exc if isinstance(exc, psycopg.Error) else exc.__cause__
    if not isinstance(cause, (psycopg.OperationalError, psycopg.InterfaceError)):
        return None
    state = cause.sqlstate
    if state is not None and not state.startswith("08") and state not in ("57P01", "57P02", "57P03"):
        return None
    return " ".join(str(cause).split()) or type(cause).__name__


def refused_because(target: Target) -> str | None:
    """Why the server refuses a connection of its own (refused, no such database, a wrong
    password), which the library's pool, retrying in the background, reports as a timeout."""
    import psycopg

    try:
        psycopg.connect(target.postgres_url or "", connect_timeout=5).close()
    except psycopg.Error as exc:
        return " ".join(str(exc).split()) or type(exc).__name__
    return None


@contextmanager
def connecting(target: Target) -> Iterator[None]:
    """Around opening the library's recorder, which connects at once: a server that is away
    raises ``Unavailable`` in one line, not the pool's traceback; an SQLite file that cannot be
    used (not a database, no permission), ``Unusable``."""
    try:
        with sqlite_failures(target):
            yield
    except Exception as exc:
        reason = lost_connection(exc) if target.is_postgres else None
        if reason is None:
            raise
        raise Unavailable(target, refused_because(target) or reason) from None


def default_sqlite_path() -> Path:
    """$XDG_DATA_HOME/kirjuri/kirjuri.sqlite (normally ~/.local/share/kirjuri/kirjuri.sqlite)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "kirjuri" / "kirjuri.sqlite"


def resolve_target(db: str | None = None) -> Target:
    """``--db`` (a path or a postgresql:// URL), else KIRJURI_DATABASE_URL, else KIRJURI_DB, else the default file."""
    chosen = db or os.environ.get("KIRJURI_DATABASE_URL") or os.environ.get("KIRJURI_DB")
    if chosen and chosen.startswith(("postgresql://", "postgres://")):
        return Target(postgres_url=chosen)
    return Target(sqlite_path=Path(chosen) if chosen else default_sqlite_path())


class EventLog:
    """Append and read the ledger's stored events through the library's recorder."""

    def __init__(self, recorder: ApplicationRecorder, target: Target):
        self.recorder = recorder
        self.target = target
        self.table = recorder.events_table_name  # type: ignore[attr-defined]
        self.pg = target.is_postgres
        self.ph = "%s" if self.pg else "?"
        #: PostgreSQL's schema of the tables (the library's setting; "public" unless told otherwise)
        self.schema = getattr(recorder.datastore, "schema", "main")  # type: ignore[attr-defined]
        #: whether the events table has the stamp columns, the checkpoints their digest (``survey``)
        self.stamped = self.digested = False
        #: whether this role may write checkpoints (PostgreSQL: the owner's; None until asked)
        self._may_checkpoint: bool | None = None if self.pg else True

    # --- schema ------------------------------------------------------------------

    def install_schema(self) -> None:
        """Create Kirjuri's side tables, the columns, the append-only triggers and the guard (idempotent).

        A role that may not (a clerk, an auditor) opens what the owner installed, as it is.
        """
        statements = self._schema_pg() if self.pg else []
        try:
            with self._cursor(commit=True) as c:
                if not self.pg:
                    self._schema_sqlite(c)
                for statement in statements:
                    c.execute(statement)
        except Refused:
            # a clerk or an auditor (ledger/store/dbsetup.py) opens what the owner installed
            if not self.is_installed():
                raise
        self.survey()

    def _schema_pg(self) -> list[str]:
        statements = [
            "CREATE TABLE IF NOT EXISTS kirjuri_checkpoints "
            "(seq bigint PRIMARY KEY, head text NOT NULL, state bytea NOT NULL, digest text)",
            "ALTER TABLE kirjuri_checkpoints ADD COLUMN IF NOT EXISTS digest text",
            f"ALTER TABLE {self.table} ADD COLUMN IF NOT EXISTS stored_at timestamptz, "
            "ADD COLUMN IF NOT EXISTS stored_by text",
        ]
        return statements + [
            "CREATE OR REPLACE FUNCTION kirjuri_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'kirjuri: the event log is append-only (% refused)', TG_OP; END $$",
            f"CREATE OR REPLACE TRIGGER kirjuri_append_only BEFORE UPDATE OR DELETE ON {self.table} "
            "FOR EACH ROW EXECUTE FUNCTION kirjuri_append_only()",
            f"CREATE OR REPLACE TRIGGER kirjuri_no_truncate BEFORE TRUNCATE ON {self.table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION kirjuri_append_only()",
            *guard.postgres_statements(f"{self.schema}.{self.table}", LEDGER_STREAM),
        ]

    def _schema_sqlite(self, c) -> None:
        c.execute("CREATE TABLE IF NOT EXISTS kirjuri_checkpoints "
                  "(seq bigint PRIMARY KEY, head text NOT NULL, state BLOB NOT NULL, digest text)")
        for table, column in (("kirjuri_checkpoints", "digest"), (self.table, "stored_at"), (self.table, "stored_by")):
            if column not in _sqlite_columns(c, table):
                c.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT")
        for op in ("UPDATE", "DELETE"):
            c.execute(
                f"CREATE TRIGGER IF NOT EXISTS kirjuri_no_{op.lower()} BEFORE {op} ON {self.table} "
                f"BEGIN SELECT RAISE(ABORT, 'kirjuri: the event log is append-only ({op} refused)'); END"
            )
        # INSERT OR REPLACE deletes the row it replaces without firing delete triggers
        c.execute(
            f"CREATE TRIGGER IF NOT EXISTS kirjuri_no_replace BEFORE INSERT ON {self.table} "
            f"WHEN EXISTS (SELECT 1 FROM {self.table} WHERE originator_id = NEW.originator_id "
            "AND originator_version = NEW.originator_version) "
            "BEGIN SELECT RAISE(ABORT, 'kirjuri: the event log is append-only (REPLACE refused)'); END"
        )
        wanted = guard.sqlite_trigger(self.table)
        c.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'kirjuri_guard'")
        if c.fetchone() != (wanted,):  # replaced only when it is another version's: an open changes nothing
            c.execute("DROP TRIGGER IF EXISTS kirjuri_guard")
            c.execute(wanted)

    def survey(self) -> bool:
        """Look at the schema as stored: set ``stamped`` and ``digested``; True if it is this version's:
        the stamp and digest columns, and no guard of another version's. (A guard that is missing where
        the columns are was dropped by someone with the owner's rights, after a version with the guard
        made them: opening does not put it back; `kirjuri init` or `kirjuri db init` does.)"""
        with self._cursor() as c:
            if self.pg:
                c.execute(
                    "SELECT (SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass(%s) "
                    "AND attname IN ('stored_at', 'stored_by') AND NOT attisdropped) = 2, "
                    "EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('kirjuri_checkpoints') "
                    "AND attname = 'digest' AND NOT attisdropped), "
                    "NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass(%s) "
                    "AND tgname = 'kirjuri_guard') "
                    "OR obj_description(to_regprocedure('kirjuri_guard()'), 'pg_proc') IS NOT DISTINCT FROM %s",
                    (self.table, self.table, guard.VERSION))
                self.stamped, self.digested, guard_current = c.fetchone()
            else:
                columns = _sqlite_columns(c, self.table)
                self.stamped = {"stored_at", "stored_by"} <= columns
                self.digested = "digest" in _sqlite_columns(c, "kirjuri_checkpoints")
                c.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'kirjuri_guard'")
                row = c.fetchone()
                guard_current = row is None or guard.VERSION in row[0]
        if not self.pg:
            self.recorder.stamped = self.stamped  # type: ignore[attr-defined]
        return bool(self.stamped and self.digested and guard_current)

    def upgrade(self) -> None:
        """Give a ledger an older version made what this one needs (columns, triggers, the guard), if
        this role may: on SQLite any writer, on PostgreSQL the owner (``kirjuri db init`` run again).
        A role that may not (a clerk, a read-only file) goes on with the ledger as it is."""
        if self.survey():
            return
        with suppress(Refused, sqlite3.OperationalError):
            self.install_schema()

    def server_now(self) -> dt.datetime:
        """The database server's clock (PostgreSQL), in UTC: a write's recorded time by default."""
        with self._cursor() as c:
            return _server_now(c)

    def is_installed(self) -> bool:
        """Both tables exist with their columns: LIMIT 0 asks that without reading a row."""
        try:
            with self._cursor() as c:
                c.execute("SELECT seq FROM kirjuri_checkpoints LIMIT 0")
                c.fetchall()
                c.execute(f"SELECT originator_version FROM {self.table} LIMIT 0")
                c.fetchall()
        except (Unavailable, Unusable):
            raise  # a server that is away, a file that is no database, says so, not "run kirjuri init"
        except Exception:  # noqa: BLE001 - any other failure means "not a Kirjuri ledger"
            return False
        return True

    # --- raw access ----------------------------------------------------------------

    @contextmanager
    def _cursor(self, commit: bool = False) -> Iterator:
        """A plain DB-API cursor (tuples, no per-row objects) on the library's own pool."""
        datastore = self.recorder.datastore  # type: ignore[attr-defined]
        if self.pg:
            with self._refusals(), self._pg_cursor(commit) as c:
                yield c
        else:
            with sqlite_failures(self.target), datastore.get_connection(commit=commit) as conn:
                raw: sqlite3.Connection = conn._sqlite_conn  # noqa: SLF001
                c = raw.cursor()
                c.row_factory = None
                c.execute("BEGIN IMMEDIATE" if commit else "BEGIN")
                try:
                    yield c
                except BaseException:
                    raw.rollback()
                    raise
                else:
                    raw.commit()
                finally:
                    c.close()

    @contextmanager
    def _pg_cursor(self, commit: bool) -> Iterator:
        """One PostgreSQL transaction; a connection lost on the way raises ``Unavailable``.

        Lost before COMMIT was sent, the server rolled the transaction back: nothing was
        written. Lost while committing, a write may or may not be stored (``stored`` None).
        """
        stack, conn = self._begin(commit)
        committing = False
        try:
            with stack:
                with conn.cursor(row_factory=_tuple_row()) as c:
                    yield c
                committing = commit
        except Exception as exc:
            reason = lost_connection(exc)
            if reason is None:
                raise
            self._drain()
            raise Unavailable(self.target, reason, stored=None if committing else False) from None

    def _begin(self, commit: bool) -> tuple[ExitStack, object]:
        """A pooled connection inside BEGIN, as an ExitStack that ends both.

        A pooled connection the server has closed since (a restart) fails at BEGIN, before
        anything is sent: it is dropped with every other pooled connection (the restart closed
        them all) and a fresh one is taken, once. A server that cannot be reached raises
        ``Unavailable`` after the pool's timeout (POSTGRES_CONNECT_TIMEOUT).
        """
        datastore = self.recorder.datastore  # type: ignore[attr-defined]
        retried = False
        while True:
            stack, conn = ExitStack(), None
            try:
                conn = stack.enter_context(datastore.get_connection())
                stack.enter_context(conn.transaction(force_rollback=not commit))
                return stack, conn
            except Exception as exc:
                error: BaseException = exc
                try:
                    stack.__exit__(type(exc), exc, exc.__traceback__)
                except Exception as mapped:  # the library's own name for the same error
                    error = mapped
                reason = lost_connection(error)
                if reason is None:
                    raise error  # noqa: B904 - the library's error, chained to psycopg's
                self._drain()
                if conn is None:  # no connection came in the pool's time: the server is away
                    raise Unavailable(self.target, refused_because(self.target) or reason) from None
                if retried:
                    raise Unavailable(self.target, reason) from None
                retried = True

    def _drain(self) -> None:
        """Close every pooled connection: a server that closed one (a restart) closed them all."""
        with suppress(Exception):
            self.recorder.datastore.pool.drain()  # type: ignore[attr-defined]

    # --- events ----------------------------------------------------------------------

    def append(self, records: list[tuple[Stored, bytes]]) -> None:
        """Write sealed records in one transaction; raise IntegrityError if a position is taken.

        SQLite: the library's recorder (``BatchSQLiteRecorder``). PostgreSQL: one INSERT per
        record (psycopg pipelines them) in a transaction of ``_cursor``: the library's insert
        retries a lost connection ten times, each waiting up to the pool's timeout, and its
        single pipelined statement hung at sync on imports of ~20 000 events.
        """
        if self.pg:
            with self._cursor(commit=True) as c:
                LockedLog(self, c).append(records)
            return
        with self._refusals(), sqlite_failures(self.target), self.recorder.guard.vouching(records):  # type: ignore[attr-defined]
            self.recorder.insert_events(
                [
                    StoredEvent(
                        originator_id=LEDGER_STREAM,
                        originator_version=record.seq,
                        topic=record.event.__struct_config__.tag,  # type: ignore[arg-type]
                        state=data,
                    )
                    for record, data in records
                ]
            )

    @contextmanager
    def _refusals(self) -> Iterator[None]:
        """A write the database refused to this role (a read-only login): one line naming the role and table."""
        try:
            yield
        except Refused:
            raise
        except Exception as exc:
            refused = self.refusal(exc)
            if refused is None:
                raise
            raise refused from None

    def refusal(self, exc: BaseException) -> Refused | None:
        """``exc`` as Refused if it is PostgreSQL's "permission denied" (SQLSTATE 42501), else None."""
        cause = exc if getattr(exc, "sqlstate", None) else exc.__cause__
        if getattr(cause, "sqlstate", None) != "42501":
            return None
        found = re.search(r"permission denied for (?:table|relation|sequence|schema) (\S+)", str(cause))
        table = found.group(1) if found else self.table
        role = unquote(urlparse(self.target.postgres_url or "").username or "") or Reason("store.this_role")
        key = "store.role_refused_checkpoints" if table == "kirjuri_checkpoints" else "store.role_refused"
        return Refused(Reason(key, role=role, table=table))

    def head_seq(self) -> int:
        with self._cursor() as c:
            c.execute(f"SELECT MAX(originator_version) FROM {self.table} WHERE originator_id = {self.ph}",
                      (LEDGER_STREAM,))
            row = c.fetchone()
        return row[0] or 0

    def seqs_of(self, topic: str) -> list[int]:
        """s23-rules: the positions of the events of one kind (``topic``), in log order: the few rules adoptions
        ``kirjuri verify`` needs before it reads the log."""
        with self._cursor() as c:
            c.execute(f"SELECT originator_version FROM {self.table} WHERE originator_id = {self.ph} "
                      f"AND topic = {self.ph} ORDER BY originator_version", (LEDGER_STREAM, topic))
            return [row[0] for row in c.fetchall()]

    def read_raw(self, after: int = 0, upto: int | None = None, *, topic: bool = False,
                 chunk: int = CHUNK) -> Iterator[list[tuple]]:
        """Rows (seq, stored bytes) in log order, in chunks of ``chunk``; (seq, topic, bytes) with ``topic``."""
        columns = "originator_version, topic, state" if topic else "originator_version, state"
        while True:
            sql = (
                f"SELECT {columns} FROM {self.table} WHERE originator_id = {self.ph} "
                f"AND originator_version > {self.ph}"
            )
            params: list = [LEDGER_STREAM, after]
            if upto is not None:
                sql += f" AND originator_version <= {self.ph}"
                params.append(upto)
            sql += f" ORDER BY originator_version LIMIT {int(chunk)}"
            with self._cursor() as c:
                c.execute(sql, params)
                rows = [(*row[:-1], _stored(row[-1])) for row in c.fetchall()]
            if not rows:
                return
            yield rows
            after = rows[-1][0]
            if len(rows) < chunk:
                return

    def read(self, after: int = 0, upto: int | None = None, *, head: str | None = None) -> Iterator[list[Stored]]:
        """Decoded records in log order, in chunks, each checked in the hash chain (see ``read_sealed``)."""
        for chunk in self.read_sealed(after, upto, head=head):
            yield [record for record, _data in chunk]

    def read_sealed(self, after: int = 0, upto: int | None = None, *, head: str | None = None,
                    chunk: int = CHUNK) -> Iterator[list[tuple[Stored, bytes]]]:
        """Records and their stored bytes in log order, in chunks (one msgspec call per chunk).

        Each row is checked in the hash chain (``ledger.store.chain``) from ``after``, whose hash is
        ``head`` (from the first event: none needed; mid-log without it, the first link is taken on
        trust). At the first row that breaks it, the rows before it are yielded, then ``Damaged``.
        """
        chain = Chain(after, head)
        for rows in self.read_raw(after, upto, chunk=chunk):
            good = chain.extend(rows)
            if good:
                yield good
            if chain.broken is not None:
                raise Damaged(self.target, chain.broken)

    def read_seqs(self, seqs: list[int]) -> dict[int, Stored]:
        """Selected records by position (for history and reversal), each decoded and its hash recomputed
        on its own: a row that does not hold raises ``Damaged``, never shows what it says."""
        out: dict[int, Stored] = {}
        for i in range(0, len(seqs), 500):
            part = seqs[i:i + 500]
            marks = ",".join([self.ph] * len(part))
            with self._cursor() as c:
                c.execute(
                    f"SELECT originator_version, state FROM {self.table} WHERE originator_id = {self.ph} "
                    f"AND originator_version IN ({marks})",
                    [LEDGER_STREAM, *part],
                )
                rows = [(seq, _stored(state)) for seq, state in c.fetchall()]
            for seq, data in rows:
                record, wrong = single(seq, data)
                if wrong is not None:
                    raise Damaged(self.target, wrong)
                out[seq] = record
        return out

    # --- writing under the writer lock -------------------------------------------------

    @contextmanager
    def locked(self) -> Iterator[LockedLog]:
        """One write transaction holding the ledger's writer lock, committed when the block ends.

        No other Kirjuri writer appends until it ends, so what is read inside it is the whole
        log and the position after it is free: writers queue instead of racing for the next
        position and folding the log again after each lost race. PostgreSQL: a
        transaction-scoped advisory lock (needs no rights on any table); SQLite: BEGIN
        IMMEDIATE. An error inside the block rolls the transaction back: nothing is written.
        """
        with self._cursor(commit=True) as c:
            if self.pg:
                c.execute("SELECT pg_advisory_xact_lock(%s)", (WRITER_LOCK,))
            yield LockedLog(self, c)

    # --- checkpoints -------------------------------------------------------------------

    def save_checkpoint(self, seq: int, head: str, state: bytes, keep: int = 2, *, quietly: bool = True) -> bool:
        """Store a checkpoint and drop all but the newest ``keep``: they are a cache, not history.

        One transaction: the position (seq, head), the state it folds to and their digest
        (``checkpoint_digest``) are one row, and the row and the trimming commit together or
        not at all. A checkpoint at the same seq is replaced (one an older version wrote, or
        one a reader would not trust); two processes checkpointing the same seq at once store
        one (ON CONFLICT: the second waits for the first and keeps its row; a plain INSERT
        failed the second writer's command on PostgreSQL with a duplicate key).
        On PostgreSQL only the owner role writes checkpoints (``kirjuri db init``): any other
        role writes none and opens all the same, and after one refusal does not ask again;
        ``quietly=False`` raises the refusal instead (``kirjuri checkpoint``). True if written.
        """
        if quietly and not self.may_checkpoint():
            return False
        columns, values = ("seq, head, state, digest", (seq, head, state, checkpoint_digest(seq, head, state))) \
            if self.digested else ("seq, head, state", (seq, head, state))
        marks = ", ".join([self.ph] * len(values))
        try:
            with self._cursor(commit=True) as c:
                c.execute(f"DELETE FROM kirjuri_checkpoints WHERE seq = {self.ph}", (seq,))
                c.execute(f"INSERT INTO kirjuri_checkpoints ({columns}) VALUES ({marks}) "
                          "ON CONFLICT (seq) DO NOTHING", values)
                c.execute(
                    "DELETE FROM kirjuri_checkpoints WHERE seq NOT IN "
                    f"(SELECT seq FROM kirjuri_checkpoints ORDER BY seq DESC LIMIT {int(keep)})"
                )
        except Refused:
            self._may_checkpoint = False
            if not quietly:
                raise
            return False
        return True

    def may_checkpoint(self) -> bool:
        """Whether this role may write checkpoints: asked of PostgreSQL once, before the first try."""
        if self._may_checkpoint is None:
            with self._cursor() as c:
                c.execute("SELECT has_table_privilege('kirjuri_checkpoints', 'INSERT') "
                          "AND has_table_privilege('kirjuri_checkpoints', 'DELETE')")
                self._may_checkpoint = bool(c.fetchone()[0])
        return self._may_checkpoint

    def trusted_checkpoint(self, tries: int = 3, upto: int | None = None) -> tuple[tuple[int, str, bytes] | None, bool]:
        """The newest checkpoint a reader may start from, and whether a newer one was passed over.

        Trusted only if it is anchored twice: its digest is the hash of its own seq, head and
        state (``checkpoint_digest``), and the event stored at its position hashes to its head,
        recomputed from the row's bytes (``hash_at``), not taken from the hash the row
        states. One planted or altered row, or one from another ledger, is passed over (the
        caller folds from the log instead, and replaces it when its role may). Of the newest
        ``tries`` only: a checkpoint's state is fetched after its anchor in the log held. ``upto``: none
        past this position (the last good event of a damaged log).
        """
        where, params = ("", []) if upto is None else (f" WHERE seq <= {self.ph}", [upto])
        with self._cursor() as c:
            digest = "digest" if self.digested else "NULL"
            c.execute(f"SELECT seq, head, {digest} FROM kirjuri_checkpoints{where} ORDER BY seq DESC "
                      f"LIMIT {int(tries)}", params)
            candidates = c.fetchall()
        for seq, head, digest in candidates:
            if digest is None or self.hash_at(seq) != head:
                continue
            with self._cursor() as c:
                c.execute(f"SELECT state FROM kirjuri_checkpoints WHERE seq = {self.ph}", (seq,))
                row = c.fetchone()
            state = None if row is None else _stored(row[0])
            if isinstance(state, bytes) and checkpoint_digest(seq, head, state) == digest:
                return (seq, head, state), (seq, head, digest) != tuple(candidates[0])
        return None, bool(candidates)

    def hash_at(self, seq: int) -> str | None:
        """The hash of the event stored at ``seq``, recomputed from its bytes (None if they are no sealed
        record at that position, or the hash they state is not theirs)."""
        with self._cursor() as c:
            c.execute(f"SELECT state FROM {self.table} WHERE originator_id = {self.ph} "
                      f"AND originator_version = {self.ph}", (LEDGER_STREAM, seq))
            row = c.fetchone()
        sealed = None if row is None or not isinstance(row[0], (bytes, memoryview)) else split_stored(bytes(row[0]))
        if sealed is None or sealed.seq != seq or chain_hash(sealed.prev, sealed.event) != sealed.hash:
            return None
        return sealed.hash

    def latest_checkpoint(self, upto: int | None = None) -> tuple[int, str, bytes] | None:
        sql = "SELECT seq, head, state FROM kirjuri_checkpoints"
        params: list = []
        if upto is not None:
            sql += f" WHERE seq <= {self.ph}"
            params.append(upto)
        with self._cursor() as c:
            c.execute(sql + " ORDER BY seq DESC LIMIT 1", params)
            row = c.fetchone()
        return None if row is None else (row[0], row[1], _stored(row[2]))  # type: ignore[return-value]

    def checkpoints(self, *, digests: bool = False) -> list[tuple]:
        """Every stored checkpoint (seq, head, state), oldest first; with ``digests`` (seq, head, state,
        digest), the digest None where the row has none."""
        digest = "digest" if self.digested else "NULL"
        with self._cursor() as c:
            c.execute(f"SELECT seq, head, state, {digest} FROM kirjuri_checkpoints ORDER BY seq")
            rows = [(seq, head, _stored(state), stored) for seq, head, state, stored in c.fetchall()]
        return rows if digests else [row[:3] for row in rows]

    def stamps(self, seqs: list[int]) -> dict[int, Stamp]:
        """What the database stored with each event at ``seqs``: when and by whom (none on a ledger
        an older version made and no one has yet upgraded)."""
        if not self.stamped:
            return {}
        out: dict[int, Stamp] = {}
        for i in range(0, len(seqs), 500):
            part = seqs[i:i + 500]
            marks = ",".join([self.ph] * len(part))
            with self._cursor() as c:
                c.execute(f"SELECT originator_version, stored_at, stored_by FROM {self.table} "
                          f"WHERE originator_id = {self.ph} AND originator_version IN ({marks})",
                          [LEDGER_STREAM, *part])
                rows = c.fetchall()
            for seq, at, by in rows:
                out[seq] = Stamp(_stamp_time(at), by)
        return out
    def checkpointed_seq(self) -> int:
        with self._cursor() as c:
            c.execute("SELECT MAX(seq) FROM kirjuri_checkpoints")
            row = c.fetchone()
        return row[0] or 0

#: the key of the PostgreSQL advisory lock that queues the ledger's writers ("kirj" in ASCII)
WRITER_LOCK = 0x6B69726A


class LockedLog:
    """The log inside ``EventLog.locked``: read what others appended, then append."""

    def __init__(self, log: EventLog, cursor):
        self.log, self.cursor = log, cursor

    def read(self, after: int, head: str) -> list[Stored]:
        """The records after ``after`` (whose hash is ``head``), in log order, as this transaction sees
        them, each checked in the hash chain: a row that breaks it raises ``Damaged``."""
        log = self.log
        self.cursor.execute(
            f"SELECT originator_version, state FROM {log.table} WHERE originator_id = {log.ph} "
            f"AND originator_version > {log.ph} ORDER BY originator_version",
            (LEDGER_STREAM, after),
        )
        chain = Chain(after, head)
        records = [record for record, _data in chain.extend([(seq, _stored(state))
                                                              for seq, state in self.cursor.fetchall()])]
        if chain.broken is not None:
            raise Damaged(log.target, chain.broken)
        return records

    def now(self) -> dt.datetime:
        """The server's clock inside this transaction (PostgreSQL): the recorded time of what it appends."""
        return _server_now(self.cursor)

    def append(self, records: list[tuple[Stored, bytes]]) -> None:
        """Insert sealed records; IntegrityError if a position is taken (a writer that takes no lock),
        ``Guarded`` if the table's guard refuses a row. On PostgreSQL the guard writes the stamps; on
        SQLite the writer does, and the guard checks them."""
        log = self.log
        columns = "originator_id, originator_version, topic, state"
        rows = [(LEDGER_STREAM, record.seq, record.event.__struct_config__.tag, data) for record, data in records]
        sqlite_guard = None if log.pg else log.recorder.guard  # type: ignore[attr-defined]
        if sqlite_guard is not None and log.stamped:
            columns += ", stored_at, stored_by"
            stamp = sqlite_guard.stamp()
            rows = [row + stamp for row in rows]
        marks = ", ".join([log.ph] * (len(columns.split(","))))
        try:
            with sqlite_guard.vouching(records) if sqlite_guard else nullcontext():
                self.cursor.executemany(f"INSERT INTO {log.table} ({columns}) VALUES ({marks})", rows)
        except sqlite3.IntegrityError as exc:
            raise guarded(exc, sqlite_guard.last_refusal if sqlite_guard else None) or IntegrityError(str(exc)) from exc
        except Exception as exc:
            if getattr(exc, "sqlstate", None) == "23505":  # PostgreSQL: unique_violation
                raise IntegrityError(str(exc)) from exc
            if getattr(exc, "sqlstate", None) == "23514":  # check_violation: the guard's, if it says so
                raise guarded(exc) or exc from None
            raise


def _stored(value: object) -> object:
    """A stored event's value as bytes (PostgreSQL gives a memoryview); a value of another type (text,
    a number, NULL, which SQLite lets into the BLOB column) as it is, for the chain check to name."""
    return bytes(value) if isinstance(value, (memoryview, bytearray)) else value
def _stamp_time(value) -> dt.datetime | None:
    """A stored_at as stored: PostgreSQL's timestamptz, or SQLite's ISO text (None if it is neither)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc)
    try:
        return dt.datetime.fromisoformat(value).astimezone(dt.timezone.utc) if isinstance(value, str) else None
    except ValueError:
        return None


def _server_now(cursor) -> dt.datetime:
    cursor.execute("SELECT clock_timestamp()")
    return cursor.fetchone()[0].astimezone(dt.timezone.utc)


def _sqlite_columns(cursor, table: str) -> set[str]:
    cursor.execute(f"PRAGMA table_info({table})")
    return {row[1] for row in cursor.fetchall()}


def _tuple_row():
    from psycopg.rows import tuple_row

    return tuple_row


__all__ = ["Damaged", "EventLog", "Guarded", "IntegrityError", "LEDGER_STREAM", "Refused", "Stamp", "StoreError",
           "Target", "Unavailable", "Unusable", "checkpoint_digest", "resolve_target"]
