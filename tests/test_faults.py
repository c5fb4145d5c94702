"""Faults: a writer killed with SIGKILL in the middle of a bulk import, and PostgreSQL restarted
under a clerk who keeps writing.

A bulk import is one transaction: killed while it writes, the ledger holds all of its events or
none, ``kirjuri verify`` passes, running the import again completes it and a third run records
nothing. The kill lands inside the write because the test watches from outside for the importer
holding the write lock (SQLite: a probe's BEGIN IMMEDIATE is refused; PostgreSQL: its backend
holds a RowExclusiveLock on the events table) and only then sends SIGKILL.

A PostgreSQL restart (on a private cluster of this test's own) fails the write it interrupts
in one line naming the database, writes nothing half, and the same long-lived ``Kirjuri``
writes again once the server is back; in the end every amendment the clerk was told was
accepted is stored exactly once.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import queue
import sqlite3
import subprocess
import sys
import time
import traceback
import uuid
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from conftest import KV, small_city, sqlite_write_locked
from pg_server import _Cluster

from events.codec import seal, split_stored
from events.model import Decision, Line, UnitRenamed
from ledger.app import Kirjuri
from ledger.books import longformat
from ledger.fold.projections import figures
from ledger.store.log import StoreError, Target, Unavailable, resolve_target

ON = dt.date(2025, 3, 1)
KV_MUUTOS = Decision(body="valtuusto", date=dt.date(2025, 2, 24), section="9")
#: TA-muutos rows in the bulk import, each an event of its own: its write takes a few tenths of a second
AMENDMENTS = 6000
#: how long the watcher waits for what it watches before it fails the test (a guard, not a measurement)
PATIENCE = 120


def kirjuri_argv() -> list[str]:
    """The installed `kirjuri` beside this Python, else its entry point run by this Python."""
    script = Path(sys.executable).with_name("kirjuri")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from cli.app import main; main()"]


def where(target: Target) -> str:
    return target.postgres_url or str(target.sqlite_path)


def cli(target: Target, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*kirjuri_argv(), "--db", where(target), "--author", "testi", *args],
                          capture_output=True, text=True, timeout=PATIENCE, **kwargs)


def stored_count(target: Target) -> int:
    """The events the database holds, counted by raw SQL (nothing of Kirjuri's in between)."""
    if target.is_postgres:
        with psycopg.connect(target.postgres_url) as conn:
            return conn.execute("SELECT count(*) FROM kirjuri_events").fetchone()[0]
    with closing(sqlite3.connect(target.sqlite_path)) as conn:
        return conn.execute("SELECT count(*) FROM stored_events").fetchone()[0]


def long_table(path: Path, amendments: int) -> Path:
    """A long table registering 40 units under small_city's KJ, their TA, then ``amendments``
    TA-muutos rows each with a note of its own (so each is an event of its own)."""
    rows = ["year;column;unit;unit_path;unit_name;level;account;amount;decision;effective;note"]
    codes = [f"Y{t}{u:02d}" for t in range(4) for u in range(10)]
    for code in codes:
        rows.append(f"2025;TA;{code};KJ/T{code[1]}/V{code[1]}/{code};Yksikkö {code};;MENOT;-1 000 000;"
                    "KV 9.12.2024 § 80;;")
    for i in range(amendments):
        rows.append(f"2025;MUUTOS;{codes[i % len(codes)]};;;;MENOT;-{i % 997 + 1},{i % 100:02d};"
                    f"KV 24.2.2025 § 9;1.3.2025;muutos {i}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def wait_inside_write(target: Target, proc: subprocess.Popen, table: str) -> None:
    """Return once another connection is inside a write transaction on ``table``.

    SQLite: this probe's BEGIN IMMEDIATE is refused at once (the writer holds the write lock;
    readers never hold it in WAL mode). PostgreSQL: a backend other than the probe's holds a
    RowExclusiveLock on the table in this database (taken by its first INSERT or DELETE, held
    until it commits or rolls back). Fails the test if the process ends first.
    """
    deadline = time.monotonic() + PATIENCE
    if target.is_postgres:
        probe = psycopg.connect(target.postgres_url, autocommit=True)
        sql = ("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
               "WHERE c.relname = %s AND l.mode = 'RowExclusiveLock' AND l.granted "
               "AND l.pid <> pg_backend_pid() AND l.database = "
               "(SELECT oid FROM pg_database WHERE datname = current_database())")

        def inside() -> bool:
            return probe.execute(sql, (table,)).fetchone()[0] > 0
    else:
        probe = sqlite3.connect(target.sqlite_path, timeout=0, isolation_level=None)

        def inside() -> bool:
            return sqlite_write_locked(probe)
    try:
        while not inside():
            if proc.poll() is not None:
                out, err = proc.communicate()
                pytest.fail(f"the writer ended before it was seen writing ({proc.returncode}):\n{out}\n{err}")
            if time.monotonic() > deadline:
                pytest.fail(f"the writer was not seen writing {table} in {PATIENCE} s")
            time.sleep(0.0005)
    finally:
        probe.close()


# --- a bulk import killed while it writes ----------------------------------------------------------


def test_an_import_killed_while_it_writes_is_all_or_nothing_and_a_rerun_completes_it(target, clock, tmp_path):
    app = Kirjuri(target, create=True, author="testi", clock=clock)
    small_city(app)
    base = app.state.seq
    table = long_table(tmp_path / "big.csv", AMENDMENTS)
    total = len(longformat.plan(app.state, longformat.read_long(table)).writes)
    assert total == AMENDMENTS + 1 + 48  # the TA, the amendments, 4 toimiala + 4 vastuualue + 40 units
    events_table = app.eventlog.table
    app.close()

    importer = subprocess.Popen([*kirjuri_argv(), "--db", where(target), "--author", "testi", "import", str(table),
                                 "--apply"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_inside_write(target, importer, events_table)
    finally:
        importer.kill()  # SIGKILL: no handler, no rollback of its own, no atexit
        importer.communicate()
    assert importer.returncode == -9

    # all or nothing: the import is one transaction
    killed = stored_count(target)
    print(f"\nkilled while writing: {killed - base} of the import's {total} events stored")
    assert killed in (base, base + total), killed
    verified = cli(target, "--lang", "en", "verify")
    assert verified.returncode == 0 and "PASSED" in verified.stdout, verified.stdout + verified.stderr

    # the same import again completes it: what the killed run left out, exactly once
    again = cli(target, "import", str(table), "--apply")
    assert again.returncode == 0, again.stderr
    assert stored_count(target) == base + total
    if killed == base:
        assert f"kirjattu {total} tapahtumaa" in again.stdout
    # and a third run records nothing: event ids are the file's hash and the row
    third = cli(target, "--lang", "en", "import", str(table), "--apply")
    assert third.returncode == 0, third.stderr
    assert "0 units and 0 events to record" in third.stdout
    assert f"{AMENDMENTS + 40} rows already in the ledger" in third.stdout
    assert stored_count(target) == base + total

    reopened = Kirjuri(target)
    try:
        assert reopened.state.seq == reopened.eventlog.head_seq() == base + total
        assert figures(reopened.state, 2025, "Y000").get("MENOT", "TA") == -1_000_000_00
        assert reopened.verify().passed
    finally:
        reopened.close()


# --- PostgreSQL restarted under a clerk who keeps writing --------------------------------------------


def _clerk(url: str, stop, reports) -> None:
    """One long-lived Kirjuri amending JL, one key per amendment; a failure is reported and the same
    amendment (the same key) sent again until it is accepted."""
    try:
        app = Kirjuri(resolve_target(url), author="clerk")
        i = 0
        while not stop.is_set():
            key, cents = f"r{i}", -(i % 97 + 1) * 100
            try:
                record = app.amend(2025, [Line("JL", "MENOT", cents)], effective=ON, decision=KV_MUUTOS, key=key)
            except StoreError as exc:
                reports.put(("failed", key, type(exc).__name__, str(exc)))
                time.sleep(0.05)
                continue
            reports.put(("accepted", key, record.seq, cents, time.time()))
            i += 1
            time.sleep(0.005)
        app.close()
        reports.put(("done",))
    except BaseException as exc:  # noqa: BLE001 - every error goes back to the test
        reports.put(("error", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"))


class Reports:
    """What the clerk said, in order, read as the test goes."""

    def __init__(self, source, proc):
        self.source, self.proc = source, proc
        #: (key, seq, cents, when)
        self.accepted: list[tuple[str, int, int, float]] = []
        #: (key, kind of error, message, how many were accepted before it)
        self.failed: list[tuple[str, str, str, int]] = []
        self.done = False

    def until(self, condition) -> None:
        deadline = time.monotonic() + PATIENCE
        while not condition():
            try:
                report = self.source.get(timeout=1)
            except queue.Empty:
                if not self.proc.is_alive():
                    pytest.fail(f"the clerk process ended ({self.proc.exitcode}) without saying so")
                if time.monotonic() > deadline:
                    pytest.fail(f"the clerk did not get there in {PATIENCE} s: {self.accepted[-3:]} {self.failed}")
                continue
            kind, *rest = report
            if kind == "error":
                pytest.fail(f"the clerk failed: {rest[0]}")
            elif kind == "accepted":
                self.accepted.append(tuple(rest))
            elif kind == "failed":
                self.failed.append((*rest, len(self.accepted)))
            else:
                self.done = True


class Server:
    """pg_ctl on the test's private cluster (tests/pg_server.py's _Cluster)."""

    def __init__(self, cluster: _Cluster):
        self.cluster = cluster

    def pg_ctl(self, *args: str) -> None:
        c = self.cluster
        c._run("pg_ctl", "-D", c.data, "-l", c.log, "-w", "-t", "60", *args)

    def restart(self) -> None:
        self.pg_ctl("-m", "fast", "restart")  # the options it was started with (postmaster.opts)

    def stop(self) -> None:
        self.pg_ctl("-m", "fast", "stop")

    def start(self) -> None:
        c = self.cluster
        self.pg_ctl("-o", f"-c listen_addresses=127.0.0.1 -p {c.port} -k {c.sock}", "start")


def hold_next_position(url: str) -> psycopg.Connection:
    """An open transaction holding an uncommitted row at the log's next position: a writer that
    appends there waits for it inside its own transaction, on the primary key. The row is a sealed
    event after the head, as the guard (ledger/store/guard.py) takes only such a row."""
    conn = psycopg.connect(url)
    while True:
        seq, state = conn.execute("SELECT originator_version, state FROM kirjuri_events "
                                  "ORDER BY originator_version DESC LIMIT 1").fetchone()
        blocker = UnitRenamed(id=uuid.uuid4().hex, effective=dt.date(2025, 3, 1), author="blocker",
                              recorded_at=dt.datetime.now(dt.timezone.utc), code="JL", name="Joukkoliikenne")
        _record, data = seal(blocker, seq + 1, split_stored(bytes(state)).hash)
        try:
            conn.execute("INSERT INTO kirjuri_events (originator_id, originator_version, topic, state) "
                         "VALUES ('kirjuri-ledger', %s, 'unit_renamed', %s)", (seq + 1, data))
        except psycopg.errors.UniqueViolation:  # a writer took it first: the next one then
            conn.rollback()
            continue
        return conn


def wait_for_waiters(url: str, count: int) -> None:
    """Until ``count`` backends of this database wait for a lock (the blocker's row)."""
    deadline = time.monotonic() + PATIENCE
    with psycopg.connect(url, autocommit=True) as probe:
        while probe.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                            "AND datname = current_database()").fetchone()[0] < count:
            if time.monotonic() > deadline:
                pytest.fail(f"{count} writers did not come to wait in {PATIENCE} s")
            time.sleep(0.01)


@pytest.fixture
def server():
    cluster = _Cluster()  # its own: the shared test server is not restarted under other tests
    try:
        url = cluster.start()
        yield Server(cluster), url
    finally:
        cluster.stop()


def test_a_postgres_restart_fails_the_interrupted_write_in_one_line_and_the_clerk_writes_on(server, clock, english):
    control, url = server
    target = Target(postgres_url=url)
    app = Kirjuri(target, create=True, author="testi", clock=clock)
    small_city(app)
    app.adopt(2025, [Line("JL", "MENOT", -1_000_000_00)], decision=KV)
    base = app.state.seq
    app.close()

    ctx = multiprocessing.get_context("spawn")
    stop, source = ctx.Event(), ctx.Queue()
    proc = ctx.Process(target=_clerk, args=(url, stop, source))
    proc.start()
    reports = Reports(source, proc)
    try:
        reports.until(lambda: len(reports.accepted) >= 5)

        # 1. a restart while the clerk's INSERT, and a one-shot `kirjuri amend`, wait inside their transactions
        blocker = hold_next_position(url)
        one_shot = subprocess.Popen(
            [*kirjuri_argv(), "--db", url, "--author", "testi", "amend", "2025", "JL:MENOT=-7", "--effective",
             "1.3.2025", "--decision", "KV 24.2.2025 § 9", "--key", "cli-1"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for_waiters(url, 2)
        control.restart()
        back = time.time()
        blocker.close()
        out, err = one_shot.communicate(timeout=PATIENCE)
        assert one_shot.returncode == 1, out + err
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert err.startswith(f"kirjuri: db: '{target.describe()}' cannot be reached: "), err
        assert err.rstrip().endswith("(nothing was written)"), err
        # the clerk is told, in one line naming the database, then the same amendment is accepted
        reports.until(lambda: reports.failed)
        key, kind, message, before = reports.failed[0]
        assert key == f"r{before}" and kind == Unavailable.__name__
        assert "\n" not in message and target.describe() in message
        # the restart lands before its COMMIT (held at the blocker) or, on a loaded machine, during it: either
        # way the clerk is told which, and the retry under the same key is stored once (checked below)
        assert "nothing was written" in message or "the write may be stored" in message, message
        reports.until(lambda: sum(when > back for *_rest, when in reports.accepted) >= 3)
        assert reports.accepted[before][0] == key

        # 2. the server away for a while: the clerk waits or is told, and writes on when it is back
        control.stop()
        time.sleep(1)
        control.start()
        back = time.time()
        reports.until(lambda: sum(when > back for *_rest, when in reports.accepted) >= 3)
    finally:
        stop.set()
        reports.until(lambda: reports.done)
        proc.join(timeout=30)
        if proc.is_alive():
            proc.kill()

    assert all("\n" not in m and target.describe() in m for _k, _kind, m, _n in reports.failed), reports.failed
    keys = [key for key, *_rest in reports.accepted]
    assert len(set(keys)) == len(keys)
    app = Kirjuri(target, author="testi")
    try:
        # every accepted amendment once, where the clerk was told, and nothing else
        assert app.state.seq == app.eventlog.head_seq() == base + len(keys)
        records = app.records(range(base + 1, base + len(keys) + 1))
        assert sorted((r.event.id, r.seq) for r in records.values()) == sorted(
            (key, seq) for key, seq, *_rest in reports.accepted)
        assert "cli-1" not in app.state.ids
        assert figures(app.state, 2025, "JL").get("MENOT", "MUUTOS") == sum(c for _k, _s, c, _t in reports.accepted)
        assert app.verify().passed
    finally:
        app.close()
