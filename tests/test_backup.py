"""Backups and restores as a department runs them, on the Kemijärvi example: `kirjuri backup`
while a clerk writes, pg_dump → pg_restore, export → restore across backends, and
`kirjuri verify` after each, which must still catch an edit behind the application's back."""

from __future__ import annotations

import gc
import os
import socket
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing, suppress
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from conftest import EXAMPLES, HALL_KS_SAID, HALL_KS_SEQ, restore_example
from pg_server import fresh_database, postgres_url
from psycopg import sql
from typer.testing import CliRunner

from ledger.store import backup as backups
from ledger.app import Kirjuri
from cli.app import app
from ledger.fold.projections import figures
from ledger.store.log import Target, resolve_target

runner = CliRunner()
KEMIJARVI = EXAMPLES / "kemijarvi.json"
#: the example's head, as `kirjuri head` prints it
HEAD = "#161 f4b70d9ebfc05f4fe001f1fb6e6c853c02b197c9d3a3a8164ae6ea9e6587a90b"
#: a TA-muutos of -12 000 € on Joukkoliikenne, stored as -1 200 000 cents
AMEND = ("amend", "2026", "JOUKKOLIIKENNE:MENOT=-12 000", "--effective", "15.6.2026", "--decision", "KV 9.6.2026 § 41")
AMOUNT = b'"MENOT",-1200000]'


def kirjuri(db: str, *args: str):
    return runner.invoke(app, ["--db", db, "--author", "testi", *args])


def head(db: str) -> str:
    result = kirjuri(db, "head")
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def verified(db: str) -> str:
    """`kirjuri verify` on ``db`` (the Kemijärvi example and after it) passes every check but for the one finding
    true of the example's book (``conftest.HALL_KS_SAID``), as on the ledger it was copied from; its first line."""
    result = kirjuri(db, "verify")
    assert result.exit_code == 1, result.output
    assert books_finding_only(result.stdout), result.stdout
    first = result.stdout.splitlines()[0]
    assert first.endswith("FAILED"), result.stdout
    return first


def books_finding_only(said: str) -> bool:
    """What `kirjuri verify` printed fails the overruns check alone, on the example book's own finding."""
    lines = said.splitlines()
    failing = [line.split()[0] for line in lines[2:] if line.split()[1:2] == ["FAIL"]]
    return failing == ["overruns"] and f"overruns: 1 finding\n  #{HALL_KS_SEQ} " in said and HALL_KS_SAID["en"] in said


def backed_up(db: str, file: Path) -> tuple[int, str]:
    """`kirjuri backup FILE`: one line naming the file, the number of events and the head; (seq, hash)."""
    result = kirjuri(db, "backup", str(file))
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    prefix = f"wrote {file}: "
    assert line.startswith(prefix), line
    count, events, word, hash_ = line[len(prefix):].split()
    assert (events, word) == ("events,", "head") and len(hash_) == 64
    return int(count), hash_


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def pg_restore(archive: Path, url: str) -> None:
    restored = subprocess.run([backups.pg_tool("pg_restore"), "--exit-on-error", f"--dbname={url}", str(archive)],
                              capture_output=True, text=True)
    assert restored.returncode == 0, restored.stderr


# --- SQLite: the backup API while a clerk writes ---------------------------------------------------

#: a clerk in a process of its own: a TA-muutos after another until the stop file appears,
#: each position printed once it is committed
CLERK = r"""
import datetime as dt
import sys
from pathlib import Path

from events.model import Decision, Line
from ledger.app import Kirjuri
from ledger.store.log import Target

ledger = Kirjuri(Target(sqlite_path=Path(sys.argv[1])), author="kirjanpitäjä")
stop = Path(sys.argv[2])
decision = Decision(body="valtuusto", date=dt.date(2026, 6, 9), section="41")
while not stop.exists():
    record = ledger.amend(2026, [Line("JOUKKOLIIKENNE", "MENOT", -100)], effective=dt.date(2026, 6, 15),
                          decision=decision)
    print(record.seq, flush=True)
"""


def test_a_backup_taken_while_a_clerk_writes_is_a_verified_prefix_of_the_live_chain(tmp_path, english):
    live = restore_example(tmp_path, "kemijarvi")
    db, start = live.target.sqlite_path, live.state.seq
    live.close()
    out, stop = tmp_path / "backups", tmp_path / "stop"
    out.mkdir()
    copy = out / "kemijarvi-backup.sqlite"
    with open(tmp_path / "clerk.err", "w") as errors, subprocess.Popen(
        [sys.executable, "-c", CLERK, str(db), str(stop)], stdout=subprocess.PIPE, stderr=errors, text=True,
    ) as clerk:
        try:
            assert int(clerk.stdout.readline() or 0) == start + 1, "the clerk wrote nothing"
            seq, hash_ = backed_up(str(db), copy)
            # the clerk goes on writing after the copy was taken
            written = next((int(line) for line in iter(clerk.stdout.readline, "") if int(line) > seq), None)
        finally:
            stop.touch()
            clerk.communicate(timeout=120)
    assert clerk.returncode == 0, (tmp_path / "clerk.err").read_text()
    assert written is not None, (tmp_path / "clerk.err").read_text()
    assert files(out) == [copy.name], "the copy is one file: no -wal beside it, no temporary left"

    ledger = Kirjuri(Target(sqlite_path=copy))
    assert (ledger.state.seq, ledger.state.head) == (seq, hash_)
    ledger.close()
    assert start < seq < Kirjuri(Target(sqlite_path=db), load=False).eventlog.head_seq()
    verified(str(copy))
    # a prefix of the live chain: the live ledger holds the copy's head at the copy's position
    assert Kirjuri(Target(sqlite_path=db), load=False).eventlog.hash_at(seq) == hash_
    extends = kirjuri(str(db), "verify", "--expect-head", hash_)
    assert extends.exit_code == 1 and f"at #{seq}," in extends.stdout and books_finding_only(extends.stdout), \
        extends.stdout


# --- PostgreSQL: pg_dump -Fc, then pg_restore into an empty database ------------------------------


@pytest.fixture
def source() -> str:
    """The example in a PostgreSQL database, with one TA-muutos of the department's own at #162."""
    url = fresh_database("backup_source")
    assert kirjuri(url, "restore", str(KEMIJARVI)).exit_code == 0
    assert kirjuri(url, *AMEND).exit_code == 0
    return url


def test_a_pg_dump_backup_restores_into_an_empty_database_with_the_same_head(source, tmp_path, english):
    archive = tmp_path / "kirjuri.dump"
    seq, hash_ = backed_up(source, archive)
    assert head(source) == f"#{seq} {hash_}" and seq == 162
    assert files(tmp_path) == [archive.name]

    restored = fresh_database("backup_restored")
    pg_restore(archive, restored)
    assert head(restored) == head(source)
    assert verified(restored) == verified(source)
    # a working ledger: a clerk appends to it (the library's insert function came along)
    assert kirjuri(restored, "amend", "2026", "JOUKKOLIIKENNE:MENOT=1 000", "--effective", "16.6.2026",
                   "--decision", "KV 9.6.2026 § 42").exit_code == 0
    assert head(restored).startswith("#163 ")
    verified(restored)


# --- a restored ledger against tampering --------------------------------------------------------------


def _raw(target: Target, sql: str, *params) -> None:
    """One committed statement as a raw database client (``?`` placeholders)."""
    if target.is_postgres:
        with psycopg.connect(target.postgres_url) as conn:
            conn.execute(sql.replace("?", "%s"), params)
        return
    with closing(sqlite3.connect(target.sqlite_path)) as conn:
        conn.execute(sql, params)
        conn.commit()


def _stored(target: Target, seq: int) -> tuple[str, bytes]:
    """The events table and the bytes stored at ``seq``."""
    ledger = Kirjuri(target, load=False)
    [[(_seq, data)]] = ledger.eventlog.read_raw(seq - 1, seq)
    ledger.close()
    return ledger.eventlog.table, data


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_restored_ledger_refuses_an_update_and_verify_finds_one_made_with_the_triggers_dropped(
        kind, tmp_path, request, english):
    if kind == "sqlite":
        example = restore_example(tmp_path, "kemijarvi")
        example.close()
        original = str(example.target.sqlite_path)
        assert kirjuri(original, *AMEND).exit_code == 0
        restored = tmp_path / "restored.sqlite"
        backed_up(original, restored)  # an SQLite backup is restored by using the file
        target = Target(sqlite_path=restored)
    else:
        original = request.getfixturevalue("source")
        backed_up(original, tmp_path / "kirjuri.dump")
        target = Target(postgres_url=fresh_database("backup_tampered"))
        pg_restore(tmp_path / "kirjuri.dump", target.postgres_url)
    db = str(target.sqlite_path or target.postgres_url)
    before = head(db)
    table, data = _stored(target, 162)
    assert data.count(AMOUNT) == 1
    edit = f"UPDATE {table} SET state = ? WHERE originator_version = ?"
    with pytest.raises((sqlite3.IntegrityError, psycopg.errors.RaiseException), match="append-only"):
        _raw(target, edit, data.replace(AMOUNT, AMOUNT.replace(b"-1", b"-9")), 162)
    assert head(db) == before

    drop = f"DROP TRIGGER kirjuri_append_only ON {table}" if target.is_postgres else "DROP TRIGGER kirjuri_no_update"
    _raw(target, drop)
    _raw(target, edit, data.replace(AMOUNT, AMOUNT.replace(b"-1", b"-9")), 162)
    result = kirjuri(db, "verify")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].endswith("FAILED")
    assert "chain: 1 finding" in result.stdout and "  #162 " in result.stdout, result.stdout


# --- export and restore across backends ---------------------------------------------------------------


def test_export_and_restore_move_a_ledger_from_sqlite_to_postgresql_and_back(kemijarvi, tmp_path, english):
    """tests/test_cli.py restores into SQLite only; here SQLite → PostgreSQL → SQLite, verified at each step."""
    sqlite_db = str(kemijarvi.target.sqlite_path)
    assert kirjuri(sqlite_db, "record", "toteuma", "2026", "JOUKKOLIIKENNE:MENOT=-100 000,50",
                   "--period", "1.1.2026-31.3.2026").exit_code == 0
    first = tmp_path / "from-sqlite.json"
    assert kirjuri(sqlite_db, "export", "-o", str(first)).exit_code == 0

    postgres_db = fresh_database("backup_moved")
    result = kirjuri(postgres_db, "restore", str(first))
    assert result.exit_code == 0, result.output
    assert head(postgres_db) == head(sqlite_db) == f"#162 {result.stdout.split()[-1]}"
    assert verified(postgres_db) == verified(sqlite_db)

    second = tmp_path / "from-postgresql.json"
    assert kirjuri(postgres_db, "export", "-o", str(second)).exit_code == 0
    assert second.read_bytes() == first.read_bytes()
    back = str(tmp_path / "back.sqlite")
    assert kirjuri(back, "restore", str(second)).exit_code == 0
    assert head(back) == head(sqlite_db)
    verified(back)
    states = [Kirjuri(resolve_target(db)).state for db in (sqlite_db, postgres_db, back)]
    assert states[0].fingerprint() == states[1].fingerprint() == states[2].fingerprint()
    assert {figures(state, 2026, "JOUKKOLIIKENNE").get("MENOT", "TOTEUMA") for state in states} == {-100_000_50}


# --- refusals: one line naming the field and the value, nothing written -------------------------------


def test_bad_files_are_refused_and_nothing_is_written(kemijarvi, tmp_path, english):
    db = str(kemijarvi.target.sqlite_path)
    existing = tmp_path / "old.sqlite"
    existing.write_bytes(b"an older backup")
    before = files(tmp_path)
    refusals = [
        (existing, "already exists: give another file, or --force to replace it"),
        (tmp_path / "missing" / "b.sqlite", "is in a folder that does not exist"),
        (tmp_path, "is a folder: give the file to write"),
        (Path(db), "is the ledger itself: write to another file"),
    ]
    for file, why in refusals:
        result = kirjuri(db, "backup", str(file), *(["--force"] if file == Path(db) else []))
        assert result.exit_code == 1
        assert result.stderr == f"kirjuri: file: {str(file)!r} {why}\n"
        assert result.stdout == ""
    assert files(tmp_path) == before and existing.read_bytes() == b"an older backup"
    assert head(db) == HEAD

    forced = kirjuri(db, "backup", str(existing), "--force")
    assert forced.exit_code == 0, forced.output
    assert forced.stdout == f"wrote {existing}: 161 events, head {HEAD.split()[1]}\n"
    assert head(str(existing)) == HEAD
    assert files(tmp_path) == before


def test_a_missing_ledger_is_refused_before_anything_is_written(tmp_path):
    result = kirjuri(str(tmp_path / "none.sqlite"), "backup", str(tmp_path / "b.sqlite"))
    assert result.exit_code == 1 and "kirjuri init" in result.stderr
    assert files(tmp_path) == []


def test_without_pg_dump_a_postgresql_backup_is_refused(monkeypatch, tmp_path, english):
    monkeypatch.setattr(backups, "PG_BINDIRS", str(tmp_path / "nowhere" / "*" / "bin"))
    monkeypatch.setenv("PATH", str(tmp_path))
    result = kirjuri("postgresql://kirjuri@127.0.0.1:5432/kirjuri", "backup", str(tmp_path / "k.dump"))
    assert result.exit_code == 1
    assert result.stderr == (f"kirjuri: pg_dump: 'pg_dump' is not on PATH nor in {tmp_path}/nowhere/*/bin: "
                             "install the PostgreSQL client (apt-get install postgresql-client)\n")
    assert files(tmp_path) == []


def test_a_server_that_cannot_be_reached_is_named_without_its_password(tmp_path, english):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://kirjuri:salasana@127.0.0.1:{port}/kirjuri"
    result = kirjuri(url, "backup", str(tmp_path / "k.dump"))
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"kirjuri: db: 'postgresql://127.0.0.1:{port}/kirjuri' cannot be reached: "), line
    assert "salasana" not in result.output
    assert files(tmp_path) == []


def _fake_pg_dump(tmp_path: Path, body: str) -> None:
    """A pg_dump of version 99 (so the one chosen) running ``body``; the real pg_restore beside it."""
    bindir = tmp_path / "fake" / "99" / "bin"
    bindir.mkdir(parents=True, exist_ok=True)
    script = bindir / "pg_dump"
    script.write_text(f"#!{sys.executable}\nimport subprocess, sys\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    if not (bindir / "pg_restore").exists():
        os.symlink(backups.pg_tool("pg_restore"), bindir / "pg_restore")


def test_a_failed_or_wrong_pg_dump_writes_nothing(source, monkeypatch, tmp_path, english):
    real = backups.pg_tool("pg_dump")
    monkeypatch.setattr(backups, "PG_BINDIRS", str(tmp_path / "fake" / "*" / "bin"))
    out = tmp_path / "out"
    out.mkdir()
    archive = out / "kirjuri.dump"

    _fake_pg_dump(tmp_path, "print('pg_dump: error: query failed: permission denied for table x', "
                            "file=sys.stderr)\nsys.exit(1)")
    result = kirjuri(source, "backup", str(archive))
    assert result.exit_code == 1
    assert result.stderr == ("kirjuri: pg_dump failed: pg_dump: error: query failed: permission denied for table x "
                             "(nothing was written)\n")
    assert files(out) == []

    # an archive of another database (an empty ledger) is not what was copied
    other = fresh_database("backup_other")
    assert kirjuri(other, "init").exit_code == 0
    _fake_pg_dump(tmp_path, f"args = [a for a in sys.argv[1:] if not a.startswith(('--snapshot=', '--dbname='))]\n"
                            f"sys.exit(subprocess.run([{real!r}, *args, {'--dbname=' + other!r}]).returncode)")
    result = kirjuri(source, "backup", str(archive))
    assert result.exit_code == 1
    assert result.stderr.startswith("kirjuri: the archive's head #0 ") and "is not the ledger's #162 " in result.stderr
    assert files(out) == []
    assert resolve_target(source).is_postgres and head(source).startswith("#162 ")


# --- a department's database: its roles and rights come back with `db init` -------------------------


def _as(url: str, role: str, password: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, f"{role}:{password}@{parts.hostname}:{parts.port}", parts.path, "", ""))


def test_a_departments_database_is_restored_by_db_init_then_pg_restore_of_the_data(tmp_path, english):
    """The README's commands: the owner, the roles and their rights from `db init`, the events from the archive."""
    tag = uuid.uuid4().hex[:8]
    roles = {kind: f"kirjuri_{kind}_{tag}" for kind in ("owner", "clerk", "auditor", "committee")}
    env = {f"KIRJURI_{kind.upper()}_PASSWORD": f"{kind}-pw" for kind in ("clerk", "auditor", "committee")}
    source, restored = fresh_database("backup_dept"), fresh_database("backup_dept_restored")

    def as_role(url: str, kind: str, *args: str):
        return kirjuri(_as(url, roles[kind], f"{kind}-pw"), *args)

    def db_init(url: str) -> None:
        result = runner.invoke(app, ["db", "init", "--url", url, *(f"--{k}={v}" for k, v in roles.items())], env=env)
        assert result.exit_code == 0, result.output

    try:
        db_init(source)
        assert as_role(source, "clerk", "restore", str(KEMIJARVI)).exit_code == 0
        archive = tmp_path / "kirjuri.dump"
        # a read-only role may not read the id sequence: the administrator takes the backup
        refused = as_role(source, "auditor", "backup", str(archive))
        assert refused.exit_code == 1 and refused.stdout == ""
        assert refused.stderr.startswith("kirjuri: pg_dump failed: pg_dump: error: ") and "permission denied" in \
            refused.stderr and refused.stderr.endswith("(nothing was written)\n")
        assert files(tmp_path) == []
        assert backed_up(source, archive) == (161, HEAD.split()[1])

        db_init(restored)
        # the archive's rows are in the order they lie on disk, not in log order: the guard, which takes
        # each row only at the head's position plus one, is off while they load; verify checks them after
        restoring = subprocess.run([backups.pg_tool("pg_restore"), "--data-only", "--disable-triggers", "--exit-on-error",
                                    f"--dbname={restored}", str(archive)], capture_output=True, text=True)
        assert restoring.returncode == 0, restoring.stderr
        assert as_role(restored, "committee", "head").stdout.strip() == HEAD
        stamps = "SELECT originator_version, stored_at, stored_by FROM kirjuri_events ORDER BY 1"
        with psycopg.connect(source) as a, psycopg.connect(restored) as b:
            kept = a.execute(stamps).fetchall()
            assert kept == b.execute(stamps).fetchall() and {by for _seq, _at, by in kept} == {roles["clerk"]}
        committee = as_role(restored, "committee", "verify")
        assert committee.exit_code == 1 and books_finding_only(committee.stdout), committee.stdout
        assert as_role(restored, "clerk", *AMEND).exit_code == 0
        written = as_role(restored, "auditor", *AMEND)
        assert written.exit_code == 1 and "the database refused role" in written.stderr
        with psycopg.connect(_as(restored, roles["clerk"], "clerk-pw")) as conn, \
                pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE kirjuri_events SET topic = 'x'")
        assert as_role(restored, "committee", "head").stdout.startswith("#162 ")
    finally:
        # roles are the whole server's: drop them with the databases, as far as the server lets this role
        # (a CLI run leaves its connection pool open to the process's end, and only a superuser ends those)
        gc.collect()
        statements = [sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(urlsplit(url).path.lstrip("/")))
                      for url in (source, restored)]
        statements += [sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)) for name in roles.values()]
        with psycopg.connect(postgres_url(), autocommit=True) as conn:
            for statement in statements:
                with suppress(psycopg.Error):
                    conn.execute(statement)
