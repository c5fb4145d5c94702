"""`kirjuri db init`: a PostgreSQL ledger a department can hand out by role.

Run once by a superuser (or the database's owner with CREATEROLE), and again at will:
every step is idempotent. It

- installs the ledger's schema exactly as the application does (``Kirjuri(create=True)``:
  the library's events table, Kirjuri's checkpoint table, the append-only triggers, and the
  guard that checks every row appended, ``ledger.store.guard``),
- hands every object of it to an owner role that cannot log in, so no login role owns
  the tables and none can drop or disable their triggers,
- creates the login roles: the *clerk* appends events (INSERT and SELECT on the events
  table and the notification id sequence), the *auditor* and the *committee* only read
  (SELECT); every login role only reads the checkpoint cache, which the owner role writes
  (``kirjuri checkpoint``, or the application run as a member of it),
- takes PUBLIC's default rights on the database and its schema away.

The database itself refuses everything else: a write as the auditor, an UPDATE or a DROP
TRIGGER as the clerk. ``NoLockRecorder`` is the recorder the application appends through
on PostgreSQL: the library's, without its EXCLUSIVE table lock, which PostgreSQL grants
only to a role that may UPDATE, DELETE or TRUNCATE the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from eventsourcing.persistence import ProgrammingError
from eventsourcing.postgres import PostgresApplicationRecorder

from ledger.domain.refusals import Rejected
from ledger.store.log import StoreError, Target
from ledger.locale.reason import Reason

SCHEMA = "public"
CHECKPOINTS = "kirjuri_checkpoints"
APPEND_ONLY_FUNCTION = "kirjuri_append_only"
GUARD_FUNCTION = "kirjuri_guard"
ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
#: what each login role may do, as printed
RIGHTS = {"clerk": "append events (INSERT, SELECT)", "auditor": "read (SELECT)", "committee": "read (SELECT)"}


class NoLockRecorder(PostgresApplicationRecorder):
    """The library's PostgreSQL application recorder without ``LOCK TABLE ... IN EXCLUSIVE MODE``.

    The library takes that lock so notification ids commit in the order they were
    issued, for followers that tail the table by notification id. Kirjuri has no
    followers: it reads by originator_version, whose primary key already makes two
    writers racing for the same position collide. PostgreSQL grants the lock only to a
    role with UPDATE, DELETE or TRUNCATE on the table, which the clerk must not have.
    """

    def _lock_table(self, curs, **_kwargs) -> None:  # type: ignore[override]
        return None

    def create_table(self) -> None:
        """The library's, except that a role which may not create (a clerk) opens tables the owner made."""
        try:
            super().create_table()
        except ProgrammingError as exc:
            if getattr(exc.__cause__, "sqlstate", None) != "42501":
                raise
            with self.datastore.transaction(commit=False) as curs:
                curs.execute("SELECT to_regclass(%s) AS found", (f"{self.datastore.schema}.{self.events_table_name}",))
                row = curs.fetchone()
            if row is None or row["found"] is None:
                raise
            self.datastore.register_type_adapters()


@dataclass(frozen=True)
class Roles:
    owner: str = "kirjuri_owner"
    clerk: str = "kirjuri_clerk"
    auditor: str = "kirjuri_auditor"
    committee: str = "kirjuri_committee"

    def logins(self) -> dict[str, str]:
        return {"clerk": self.clerk, "auditor": self.auditor, "committee": self.committee}


@dataclass
class Setup:
    """What ``init_database`` did: the URL for each login role, without a password."""

    database: str
    owner: str
    urls: dict[str, str] = field(default_factory=dict)
    created: list[str] = field(default_factory=list)
    without_password: list[tuple[str, str]] = field(default_factory=list)


def role_url(url: str, role: str) -> str:
    """The database's URL for ``role``, with no password in it."""
    parts = urlparse(url)
    host = parts.hostname or "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"postgresql://{role}@{host}:{parts.port or 5432}{parts.path}"


def check_roles(roles: Roles) -> None:
    names = {"owner": roles.owner, **roles.logins()}
    seen: dict[str, str] = {}
    for kind, name in names.items():
        if not ROLE_NAME.fullmatch(name) or name.startswith("pg_"):
            raise Rejected(kind, name, "db.role_name")
        if name in seen:
            raise Rejected(kind, name, "db.role_twice", other=seen[name])
        seen[name] = kind


def init_database(url: str, roles: Roles = Roles(), passwords: dict[str, str | None] | None = None) -> Setup:
    """Install the schema, its owner and the login roles on the PostgreSQL database at ``url``."""
    target = Target(postgres_url=url) if url.startswith(("postgresql://", "postgres://")) else None
    if target is None:
        raise Rejected("url", url, "db.init_postgres_only")
    check_roles(roles)
    import psycopg
    from eventsourcing.persistence import PersistenceError

    try:
        return _init(target, roles, passwords or {})
    except (psycopg.Error, PersistenceError) as exc:
        cause = exc.__cause__ if isinstance(exc.__cause__, psycopg.Error) else exc
        first = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
        if getattr(cause, "sqlstate", None) == "42501":
            raise StoreError(Reason("store.init_refused", target=target.describe(), reason=first)) from None
        raise StoreError(f"{target.describe()}: {first}") from None


def _init(target: Target, roles: Roles, passwords: dict[str, str | None]) -> Setup:
    import psycopg
    from psycopg import sql

    from ledger.app import Kirjuri

    url = target.postgres_url
    setup = Setup(database=target.describe(), owner=roles.owner)
    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        me, superuser = conn.execute(
            "SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()
        names = {"owner": roles.owner, **roles.logins()}
        for kind, name in names.items():
            if name == me:
                raise Rejected(kind, name, "db.role_privileged")
        for kind, name in names.items():
            if _ensure_role(conn, name, login=kind != "owner", password=passwords.get(kind)):
                setup.created.append(name)
                if kind != "owner" and not passwords.get(kind):
                    setup.without_password.append((kind, name))
        if not superuser and not _has_role(conn, me, roles.owner, "USAGE"):
            conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(roles.owner), sql.Identifier(me)))
        dba = conn.execute(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()").fetchone()[0]
        for kind, name in roles.logins().items():
            # a login role that owns the database or can act as the owner could drop the triggers
            if _member(conn, roles.owner, name):
                conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(roles.owner), sql.Identifier(name)))
            if name == dba or _has_role(conn, name, roles.owner, "MEMBER"):
                raise Rejected(kind, name, "db.role_privileged")
        conn.execute(sql.SQL("GRANT USAGE, CREATE ON SCHEMA {} TO {}").format(
            sql.Identifier(SCHEMA), sql.Identifier(roles.owner)))

        # the schema, exactly as the application installs it
        ledger = Kirjuri(target, create=True, load=False, author=me)
        try:
            recorder = ledger.recorder
            events = recorder.events_table_name  # type: ignore[attr-defined]
            row_type = recorder.stored_event_type_name  # type: ignore[attr-defined]
            insert_function = recorder.pg_function_name_insert_events  # type: ignore[attr-defined]
        finally:
            ledger.close()

        _grant(conn, roles, events=events, row_type=row_type,
               functions=(APPEND_ONLY_FUNCTION, GUARD_FUNCTION, insert_function))
    for kind, name in roles.logins().items():
        setup.urls[kind] = role_url(url, name)
    return setup


def _ensure_role(conn, name: str, *, login: bool, password: str | None) -> bool:
    """Create the role, or bring an existing one to what it should be; True if created."""
    from psycopg import sql

    row = conn.execute(
        "SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolbypassrls OR rolreplication FROM pg_roles "
        "WHERE rolname = %s", (name,)).fetchone()
    if row is not None and row[0]:
        raise Rejected("role", name, "db.role_privileged")
    options = sql.SQL("LOGIN" if login else "NOLOGIN")
    if password:
        # hashed here (SCRAM): the password itself never reaches the server or its logs
        hashed = conn.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256").decode()
        options = sql.SQL("{} PASSWORD {}").format(options, sql.Literal(hashed))
    verb = "CREATE" if row is None else "ALTER"
    conn.execute(sql.SQL(verb + " ROLE {} {}").format(sql.Identifier(name), options))
    return row is None


def _member(conn, group: str, role: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member "
        "WHERE g.rolname = %s AND r.rolname = %s", (group, role)).fetchone()
    return row is not None


def _has_role(conn, role: str, group: str, mode: str) -> bool:
    return bool(conn.execute("SELECT pg_has_role(%s, %s, %s)", (role, group, mode)).fetchone()[0])


def _grant(conn, roles: Roles, *, events: str, row_type: str, functions: tuple[str, ...]) -> None:
    """Ownership to the owner role, then exactly the rights each login role needs; one transaction."""
    from psycopg import sql

    ident = sql.Identifier
    schema = ident(SCHEMA)
    owner = ident(roles.owner)
    logins = sql.SQL(", ").join(ident(name) for name in roles.logins().values())
    readers = sql.SQL(", ").join(ident(name) for name in (roles.auditor, roles.committee))
    clerk = ident(roles.clerk)
    tables = [sql.SQL("{}.{}").format(schema, ident(name)) for name in (events, CHECKPOINTS)]
    events_t, checkpoints_t = tables
    database = conn.info.dbname

    with conn.transaction():
        sequence = conn.execute("SELECT pg_get_serial_sequence(%s, 'notification_id')",
                                (f"{SCHEMA}.{events}",)).fetchone()[0]
        procedures = [row[0] for row in conn.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = %s AND p.proname = ANY(%s)", (SCHEMA, list(functions))).fetchall()]
        for table in tables:
            conn.execute(sql.SQL("ALTER TABLE {} OWNER TO {}").format(table, owner))  # its sequence and indexes too
        conn.execute(sql.SQL("ALTER TYPE {}.{} OWNER TO {}").format(schema, ident(row_type), owner))
        for procedure in procedures:
            conn.execute(sql.SQL("ALTER FUNCTION {} OWNER TO {}").format(sql.SQL(procedure), owner))
            conn.execute(sql.SQL("REVOKE ALL ON FUNCTION {} FROM PUBLIC").format(sql.SQL(procedure)))

        conn.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(ident(database)))
        conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(ident(database), logins))
        conn.execute(sql.SQL("REVOKE ALL ON SCHEMA {} FROM PUBLIC").format(schema))
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(schema, logins))

        # start from nothing, so a second run after a change of policy converges
        for table in tables:
            conn.execute(sql.SQL("REVOKE ALL ON TABLE {} FROM PUBLIC, {}").format(table, logins))
        if sequence:
            conn.execute(sql.SQL("REVOKE ALL ON SEQUENCE {} FROM PUBLIC, {}").format(sql.SQL(sequence), logins))
            conn.execute(sql.SQL("GRANT USAGE ON SEQUENCE {} TO {}").format(sql.SQL(sequence), clerk))
        conn.execute(sql.SQL("GRANT USAGE ON TYPE {}.{} TO {}").format(schema, ident(row_type), clerk))
        conn.execute(sql.SQL("GRANT SELECT, INSERT ON TABLE {} TO {}").format(events_t, clerk))
        # checkpoints are a cache every reader starts from: only the owner role writes them
        conn.execute(sql.SQL("GRANT SELECT ON TABLE {} TO {}").format(checkpoints_t, logins))
        conn.execute(sql.SQL("GRANT SELECT ON TABLE {} TO {}").format(events_t, readers))
