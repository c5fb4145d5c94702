"""A department's PostgreSQL (`kirjuri db init`): the database itself refuses what a role may not do.

One database on the test server is set up as a department would: ``db init`` as the
database's owner (role ``kirjuri``, CREATEDB CREATEROLE), then the clerk restores the
example through KIRJURI_DATABASE_URL. Every refusal asserted here is PostgreSQL's own
(InsufficientPrivilege), never a check in Kirjuri's code, and the events stay as they were.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from pg_server import fresh_database, postgres_url
from psycopg import errors, sql
from typer.testing import CliRunner

from ledger.app import Kirjuri
from cli.app import app
from ledger.store.log import StoreError, Target

EXAMPLE = Path(__file__).parent / "data" / "kemijarvi-small.json"
runner = CliRunner()
PASSWORDS = {"clerk": "clerk-secret-1", "auditor": "auditor-secret-2", "committee": "committee-secret-3"}
ENV = {f"KIRJURI_{kind.upper()}_PASSWORD": password for kind, password in PASSWORDS.items()}
AMEND = ["amend", "2025", "JOUKKO:MENOT=-12 000", "--effective", "15.6.2025",
         "--decision", "KV 9.6.2025 § 41"]


@dataclass
class Department:
    admin: str
    owner: str
    names: dict[str, str]
    urls: dict[str, str]  # with passwords, as a role's KIRJURI_DATABASE_URL
    printed: str  # what db init printed


def _with_password(url: str, password: str) -> str:
    parts = urlsplit(url)
    user, host = parts.netloc.split("@")
    return urlunsplit((parts.scheme, f"{user}:{password}@{host}", parts.path, "", ""))


def db_init(admin: str, names: dict[str, str], owner: str):
    options = [f"--{kind}={name}" for kind, name in names.items()]
    return runner.invoke(app, ["--lang", "en", "db", "init", "--url", admin, f"--owner={owner}", *options], env=ENV)


def as_role(dept: Department, kind: str, *args: str):
    """`kirjuri ARGS` with the role's URL in KIRJURI_DATABASE_URL, as a clerk's terminal has it."""
    return runner.invoke(app, ["--author", "testi", *args],
                         env={"KIRJURI_DATABASE_URL": dept.urls[kind], "KIRJURI_DB": ""})


@pytest.fixture(scope="module")
def dept():
    with department() as made:
        yield made


@contextlib.contextmanager
def department():
    """A fresh database set up by `db init`, the example restored by its clerk; dropped afterwards."""
    admin = fresh_database("roles")
    tag = uuid.uuid4().hex[:8]
    owner = f"kirjuri_owner_{tag}"
    names = {kind: f"kirjuri_{kind}_{tag}" for kind in PASSWORDS}
    result = db_init(admin, names, owner)
    assert result.exit_code == 0, result.output
    urls = {}
    for kind, name in names.items():
        line = next(line for line in result.stdout.splitlines() if f"//{name}@" in line)
        printed = line.split("KIRJURI_DATABASE_URL=")[1].split()[0]
        urls[kind] = _with_password(printed, PASSWORDS[kind])
    dept = Department(admin, owner, names, urls, result.stdout)
    try:
        restored = as_role(dept, "clerk", "restore", str(EXAMPLE))
        assert restored.exit_code == 0, restored.output
        yield dept
    finally:
        # roles are the whole server's: drop them with the database (best effort: a CLI run leaves its pool to gc)
        gc.collect()
        with psycopg.connect(postgres_url(), autocommit=True) as conn, contextlib.suppress(psycopg.Error):
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(
                sql.Identifier(urlsplit(admin).path.lstrip("/"))))
            for name in (*names.values(), owner):
                conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


def count(dept: Department) -> tuple[int, int]:
    """(events, checkpoints), read as the admin."""
    with psycopg.connect(dept.admin) as conn:
        events = conn.execute("SELECT count(*) FROM kirjuri_events").fetchone()[0]
        checkpoints = conn.execute("SELECT count(*) FROM kirjuri_checkpoints").fetchone()[0]
    return events, checkpoints


def privileges(dept: Department) -> dict[tuple[str, str, str], bool]:
    checks = ("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")
    with psycopg.connect(dept.admin) as conn:
        return {
            (kind, table, check): conn.execute("SELECT has_table_privilege(%s, %s, %s)",
                                               (name, table, check)).fetchone()[0]
            for kind, name in dept.names.items()
            for table in ("kirjuri_events", "kirjuri_checkpoints")
            for check in checks
        }


def committee_verifies(dept: Department, *args: str) -> bool:
    """`kirjuri verify` as the committee reports what it reports as the admin, chain intact.

    (The example's own verdict is FAILED: one decision dated after it was recorded.)
    """
    theirs = as_role(dept, "committee", "--lang", "en", "verify", *args)
    ours = runner.invoke(app, ["--db", dept.admin, "--lang", "en", "verify", *args])
    assert theirs.stdout == ours.stdout and theirs.exit_code == ours.exit_code, theirs.output
    return theirs.stdout.splitlines()[2].split()[:2] == ["chain", "pass"] and "refused" not in theirs.output


def refused_line(result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# --- db init ---------------------------------------------------------------------------------


def test_db_init_prints_each_roles_url_and_never_a_password(dept):
    for name in dept.names.values():
        assert f"KIRJURI_DATABASE_URL=postgresql://{name}@127.0.0.1:" in dept.printed
    for password in (*PASSWORDS.values(), "kirjuri:kirjuri"):
        assert password not in dept.printed
    assert f"owned by {dept.owner} (NOLOGIN)" in dept.printed


def test_the_tables_belong_to_an_owner_that_cannot_log_in(dept):
    with psycopg.connect(dept.admin) as conn:
        owners = dict(conn.execute(
            "SELECT c.relname, pg_get_userbyid(c.relowner) FROM pg_class c "
            "WHERE c.relname IN ('kirjuri_events', 'kirjuri_checkpoints', 'kirjuri_events_notification_id_seq')"
        ).fetchall())
        can_login = dict(conn.execute("SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname = ANY(%s)",
                                      ([dept.owner, *dept.names.values()],)).fetchall())
        public = conn.execute("SELECT has_schema_privilege('public', 'public', 'USAGE'), "
                              "has_schema_privilege('public', 'public', 'CREATE'), "
                              "has_database_privilege('public', current_database(), 'CONNECT')").fetchone()
    assert set(owners.values()) == {dept.owner} and len(owners) == 3
    with psycopg.connect(dept.admin) as conn:
        functions = dict(conn.execute("SELECT proname, pg_get_userbyid(proowner) FROM pg_proc "
                                      "WHERE proname IN ('kirjuri_append_only', 'kirjuri_guard')").fetchall())
    assert functions == {"kirjuri_append_only": dept.owner, "kirjuri_guard": dept.owner}
    assert can_login == {dept.owner: False, **{name: True for name in dept.names.values()}}
    assert public == (False, False, False)


def test_each_role_has_exactly_its_rights(dept):
    granted = {key for key, allowed in privileges(dept).items() if allowed}
    assert granted == {
        ("clerk", "kirjuri_events", "SELECT"), ("clerk", "kirjuri_events", "INSERT"),
        ("clerk", "kirjuri_checkpoints", "SELECT"),
        ("auditor", "kirjuri_events", "SELECT"), ("auditor", "kirjuri_checkpoints", "SELECT"),
        ("committee", "kirjuri_events", "SELECT"), ("committee", "kirjuri_checkpoints", "SELECT"),
    }


def test_db_init_run_again_is_harmless(dept, english):
    before, rights = count(dept), privileges(dept)
    again = db_init(dept.admin, dept.names, dept.owner)
    assert again.exit_code == 0, again.output
    assert count(dept) == before and privileges(dept) == rights
    assert committee_verifies(dept)


def test_db_init_refuses_sqlite_in_one_line(tmp_path, english):
    path = tmp_path / "ledger.sqlite"
    line = refused_line(runner.invoke(app, ["db", "init", "--url", str(path)]))
    assert line.startswith(f"kirjuri: url: '{path}' is not a PostgreSQL database: db init is for PostgreSQL")
    assert not path.exists()


def test_db_init_refuses_one_name_for_two_roles(english):
    line = refused_line(runner.invoke(app, ["db", "init", "--url", "postgresql://x@127.0.0.1:1/nowhere",
                                            "--clerk", "kirjuri_auditor"]))
    assert line.startswith("kirjuri: auditor: 'kirjuri_auditor' is also the clerk role")


def test_db_init_refuses_a_role_with_more_rights_than_it_gives(dept, english):
    before, rights = count(dept), privileges(dept)
    line = refused_line(runner.invoke(app, ["db", "init", "--url", dept.admin, "--auditor", "kirjuri"]))
    assert line.startswith("kirjuri: auditor: 'kirjuri' is an existing role with more rights than the ledger gives it")
    assert count(dept) == before and privileges(dept) == rights


def test_db_init_as_the_clerk_is_refused_by_the_database_in_one_line(dept, english):
    before, rights = count(dept), privileges(dept)
    options = [f"--{kind}={name}" for kind, name in dept.names.items() if kind != "clerk"]
    line = refused_line(runner.invoke(app, ["db", "init", "--url", dept.urls["clerk"], f"--owner={dept.owner}",
                                            f"--clerk={dept.names['clerk']}_2", *options]))
    assert "the database refused: permission denied" in line and "run db init as a superuser" in line
    assert dept.urls["clerk"].split("@")[0].split(":")[-1] not in line  # the password
    assert count(dept) == before and privileges(dept) == rights


def test_db_init_that_cannot_connect_says_so_in_one_line():
    line = refused_line(runner.invoke(app, ["db", "init", "--url", "postgresql://admin:pw@127.0.0.1:1/kirjuri"]))
    assert line.startswith("kirjuri: postgresql://127.0.0.1:1/kirjuri: connection failed") and ":pw@" not in line


def test_a_role_db_init_did_not_name_cannot_connect(dept):
    stranger = f"kirjuri_stranger_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dept.admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD 'x'").format(sql.Identifier(stranger)))
    admin = urlsplit(dept.admin)
    url = f"postgresql://{stranger}:x@{admin.hostname}:{admin.port}{admin.path}"
    try:
        with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
            psycopg.connect(url).close()
    finally:
        with psycopg.connect(dept.admin, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(stranger)))


# --- the auditor: reads, and every write is the database's refusal --------------------------------


def test_auditor_reads_with_the_cli(dept):
    events, _ = count(dept)
    result = as_role(dept, "auditor", "head")
    assert result.exit_code == 0 and result.stdout.startswith(f"#{events} ")


def test_auditor_amend_on_the_cli_is_refused_by_the_database_in_one_line(dept, english):
    before = count(dept)
    line = refused_line(as_role(dept, "auditor", *AMEND))
    assert line == (f"kirjuri: the database refused role {dept.names['auditor']} writing to table kirjuri_events: "
                    "permission denied (nothing was written; this role may only read the ledger)")
    assert count(dept) == before


def test_init_as_a_reader_opens_the_tables_the_owner_installed_and_creates_nothing(dept, english):
    before = count(dept)
    result = as_role(dept, "auditor", "init")
    assert result.exit_code == 0, result.output
    assert f"({before[0]} events)" in result.stdout
    assert count(dept) == before
    line = refused_line(as_role(dept, "auditor", "restore", str(EXAMPLE)))
    assert line.startswith("kirjuri: db: ") and "restore needs an empty ledger" in line


def test_auditor_writes_through_the_api_are_refused_by_the_database(dept):
    before = count(dept)
    ledger = Kirjuri(Target(postgres_url=dept.urls["auditor"]), author="tarkastaja")
    try:
        assert ledger.state.seq == before[0]
        with pytest.raises(StoreError, match=f"role {dept.names['auditor']} writing to table kirjuri_events"):
            ledger.rename_unit("JOUKKO", "Joukkoliikenne ja liikkuminen", effective=dt.date(2026, 1, 1))
        ledger.checkpoint()  # a cache the auditor may not write: skipped, not an error
    finally:
        ledger.close()
    assert count(dept) == before


#: raw SQL past appending: refused to every role Kirjuri logs in as, the clerk included
BEYOND_APPENDING = [
    "UPDATE kirjuri_events SET topic = 'x'",
    "DELETE FROM kirjuri_events",
    "TRUNCATE kirjuri_events",
    "ALTER TABLE kirjuri_events DISABLE TRIGGER kirjuri_append_only",
    "ALTER TABLE kirjuri_events DISABLE TRIGGER ALL",
    "DROP TRIGGER kirjuri_append_only ON kirjuri_events",
    "DROP TRIGGER kirjuri_no_truncate ON kirjuri_events",
    "DROP TABLE kirjuri_events",
]


@pytest.mark.parametrize("statement", [
    "INSERT INTO kirjuri_events (originator_id, originator_version, topic, state) "
    "VALUES ('kirjuri-ledger', 999999, 'x', '\\x00')",
    *BEYOND_APPENDING,
    "INSERT INTO kirjuri_checkpoints VALUES (999999, 'x', '\\x00')",
    "DELETE FROM kirjuri_checkpoints",
    "CREATE TABLE kirjuri_shadow (x int)",
])
@pytest.mark.parametrize("kind", ["auditor", "committee"])
def test_readers_raw_sql_writes_are_refused_by_the_database(dept, kind, statement):
    before = count(dept)
    with psycopg.connect(dept.urls[kind]) as conn:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(statement)
    assert count(dept) == before


# --- the clerk: appends through Kirjuri, and nothing else ---------------------------------------------


def test_clerk_amends_on_the_cli_and_through_the_api(dept):
    events, _ = count(dept)
    result = as_role(dept, "clerk", *AMEND)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"kirjattu #{events + 1} ")
    ledger = Kirjuri(Target(postgres_url=dept.urls["clerk"]), author="kirjanpitäjä")
    try:
        assert ledger.state.seq == events + 1
        before = count(dept)[1], ledger.eventlog.checkpointed_seq()
        ledger.checkpoint()  # only the owner role writes the cache every reader starts from: skipped
        assert (count(dept)[1], ledger.eventlog.checkpointed_seq()) == before
    finally:
        ledger.close()
    assert count(dept)[0] == events + 1
    assert committee_verifies(dept)


@pytest.mark.parametrize("statement", [
    *BEYOND_APPENDING,
    "INSERT INTO kirjuri_checkpoints VALUES (999999, 'x', '\\x00')",
    "DELETE FROM kirjuri_checkpoints",
    "DROP TRIGGER kirjuri_guard ON kirjuri_events",
    "ALTER TABLE kirjuri_events DISABLE TRIGGER kirjuri_guard",
    "ALTER TABLE kirjuri_events OWNER TO CURRENT_USER",
    "CREATE OR REPLACE FUNCTION kirjuri_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$",
    "CREATE OR REPLACE FUNCTION kirjuri_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
    "UPDATE kirjuri_checkpoints SET head = 'x'",
    "TRUNCATE kirjuri_checkpoints",
    "CREATE TABLE kirjuri_shadow (x int)",
    "CREATE TEMP TABLE kirjuri_shadow (x int)",
])
def test_clerks_raw_sql_beyond_appending_is_refused_by_the_database(dept, statement):
    before = count(dept)
    with psycopg.connect(dept.urls["clerk"]) as conn:
        with pytest.raises(errors.InsufficientPrivilege):
            conn.execute(statement)
    assert count(dept) == before


# --- the committee --------------------------------------------------------------------------------


def test_committee_reads_and_verifies_against_the_head_in_the_minutes(dept, english):
    head = as_role(dept, "clerk", "head").stdout.split()[1]
    assert committee_verifies(dept, "--expect-head", head)
    assert "head           pass" in as_role(dept, "committee", "verify", "--expect-head", head).stdout
    assert as_role(dept, "committee", "show", "HALL", "--year", "2025").exit_code == 0
