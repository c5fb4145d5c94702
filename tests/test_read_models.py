"""Read models: Kirjuri's read model is the folded ledger state, and its checkpoint is one row
holding the position (seq, and the head hash at it) and the state folded to exactly there,
written in one transaction with the trimming of older ones.

After a restart the ledger opens from its checkpoint and reads only the events after it; the
catch-up persists a new checkpoint when one is due, so the next restart reads less; the state
after catch-up equals a fold of the whole log (so each event is folded exactly once); a writer
killed with SIGKILL while it writes a checkpoint leaves the old checkpoints or the new ones,
never a mix; and two processes checkpointing the same position at once both succeed.
(That a checkpoint at any cut, plus the rest, equals the whole fold is a hypothesis property in
tests/test_ledger_invariants.py.)

Runs on SQLite and PostgreSQL alike (``ledger``/``target`` fixtures).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
import threading
import time
from contextlib import closing
from itertools import cycle

import psycopg
import pytest
from conftest import KV, small_city, sqlite_write_locked

import ledger.app as app_module
from events.model import Decision, Line
from ledger.app import Kirjuri
from ledger.fold.state import LedgerState
from ledger.store.log import EventLog, Target, resolve_target

ON = dt.date(2025, 3, 1)
#: within the fiscal year and not after the test clock's first reading (2.1.2025), as verify's authority check wants
KV_MUUTOS = Decision(body="valtuusto", date=dt.date(2025, 1, 2), section="1")
PATIENCE = 120


@pytest.fixture
def city(ledger) -> Kirjuri:
    small_city(ledger)
    ledger.adopt(2025, [Line("JL", "MENOT", -1_000_00), Line("KP", "MENOT", -500_00)], decision=KV)
    return ledger


def amend(app: Kirjuri, count: int) -> None:
    for i in range(count):
        app.amend(2025, [Line("JL" if i % 2 else "KP", "MENOT", -(i + 1) * 100)], effective=ON, decision=KV_MUUTOS)


def state_at(app: Kirjuri, seq: int | None = None) -> LedgerState:
    """The log folded from the first event, up to ``seq`` (default: all of it)."""
    state = LedgerState()
    for records in app.eventlog.read(upto=seq):
        state.apply_all(records)
    return state


class Reads:
    """Every event row read from the store, by the bulk path (``read_raw``) or by position (``read_seqs``,
    and ``hash_at``: a checkpoint's anchor)."""

    def __init__(self, monkeypatch):
        self.rows, self.seqs = 0, []
        read_raw, read_seqs, hash_at = EventLog.read_raw, EventLog.read_seqs, EventLog.hash_at

        def counted_raw(log, *args, **kwargs):
            for rows in read_raw(log, *args, **kwargs):
                self.rows += len(rows)
                yield rows

        def counted_seqs(log, seqs):
            self.seqs += list(seqs)
            return read_seqs(log, seqs)

        def counted_hash(log, seq):
            self.seqs.append(seq)
            return hash_at(log, seq)

        monkeypatch.setattr(EventLog, "read_raw", counted_raw)
        monkeypatch.setattr(EventLog, "read_seqs", counted_seqs)
        monkeypatch.setattr(EventLog, "hash_at", counted_hash)

    def reset(self) -> None:
        self.rows, self.seqs = 0, []


def stored_checkpoints(app: Kirjuri) -> list[int]:
    return [seq for seq, _head, _state in app.eventlog.checkpoints()]


# --- catching up after a restart -------------------------------------------------------------------


def test_a_restart_opens_from_the_checkpoint_and_reads_only_the_events_after_it(city, target, monkeypatch):
    at = city.checkpoint()
    amend(city, 7)
    whole = state_at(city)
    reads = Reads(monkeypatch)
    reopened = Kirjuri(target)
    try:
        # the 7 events after the checkpoint, and the checkpoint's own event (its head must match)
        assert reads.rows == 7 and reads.seqs == [at]
        assert reopened.state.seq == city.state.seq == at + 7
        assert reopened.state.fingerprint() == whole.fingerprint()
        # a running ledger catches up on what another process wrote the same way: those events only
        amend(city, 3)
        reads.reset()
        assert reopened.refresh() == 3
        assert reads.rows == 3 and reads.seqs == []
        assert reopened.state.fingerprint() == state_at(city).fingerprint()
    finally:
        reopened.close()


def test_the_catch_up_checkpoints_when_due_so_the_next_restart_reads_only_what_came_since(target, monkeypatch):
    monkeypatch.setattr(app_module, "CHECKPOINT_EVERY", 5)
    # a writer that never checkpoints: every checkpoint below is the catch-up's own
    writer = Kirjuri(target, create=True, author="testi", use_checkpoints=False)
    try:
        small_city(writer)
        writer.adopt(2025, [Line("JL", "MENOT", -1_000_00)], decision=KV)  # 9 events
        reads = Reads(monkeypatch)

        def reopen() -> tuple[int, list[int]]:
            reads.reset()
            app = Kirjuri(target)
            try:
                read = reads.rows
                assert app.state.fingerprint() == state_at(writer).fingerprint()
                return read, stored_checkpoints(app)
            finally:
                app.close()

        assert reopen() == (9, [9])  # the whole log, once; due (9 >= 5): checkpointed at the head
        assert reopen() == (0, [9])
        amend(writer, 3)
        assert reopen() == (3, [9])  # 3 since: not due yet
        assert reopen() == (3, [9])
        amend(writer, 3)
        assert reopen() == (6, [9, 15])  # 6 since: due, and the two newest are kept
        assert reopen() == (0, [9, 15])
        amend(writer, 5)
        assert reopen() == (5, [15, 20])
    finally:
        writer.close()


def test_two_processes_checkpointing_the_same_position_at_once_both_succeed(city, target):
    """Two clerks that open a grown ledger at once both find a checkpoint due at the same head."""
    other = Kirjuri(target, author="toinen")
    try:
        amend(city, 2)
        other.refresh()
        errors: list[BaseException] = []
        for _round in range(20):
            start = threading.Barrier(2)

            def save(app: Kirjuri, start: threading.Barrier = start) -> None:
                start.wait()
                try:
                    app.checkpoint()
                except BaseException as exc:  # noqa: BLE001 - reported below
                    errors.append(exc)

            threads = [threading.Thread(target=save, args=(app,)) for app in (city, other)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        assert errors == []
        assert stored_checkpoints(city) == [city.state.seq]
        assert city.verify().passed
    finally:
        other.close()


# --- a checkpoint writer killed while it writes ------------------------------------------------------


def _checkpointer(db: str, seqs: list[int]) -> None:
    """Write the checkpoints at ``seqs`` over and over, as the ledger writes them, until killed."""
    app = Kirjuri(resolve_target(db), author="checkpointer", use_checkpoints=False)
    states = {seq: state_at(app, seq) for seq in seqs}
    for seq in cycle(seqs):
        app.checkpoint(states[seq])


def _held_back(target: Target, seq: int):
    """PostgreSQL: an open transaction sharing a lock on the checkpoint row at ``seq``, so a writer
    that trims it waits there, inside its transaction, after inserting its own row."""
    conn = psycopg.connect(target.postgres_url)
    conn.execute("SELECT seq FROM kirjuri_checkpoints WHERE seq = %s FOR SHARE", (seq,))
    return conn


def _wait_until_writing(target: Target, proc) -> None:
    """Until the checkpointer is inside a checkpoint transaction (it writes nothing else).

    PostgreSQL: its backend waits for the held-back row's lock. SQLite: a probe's BEGIN
    IMMEDIATE is refused at once (it holds the write lock).
    """
    deadline = time.monotonic() + PATIENCE
    if target.is_postgres:
        probe = psycopg.connect(target.postgres_url, autocommit=True)

        def inside() -> bool:
            return probe.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                 "AND datname = current_database()").fetchone()[0] > 0
    else:
        probe = sqlite3.connect(target.sqlite_path, timeout=0, isolation_level=None)

        def inside() -> bool:
            return sqlite_write_locked(probe)
    try:
        while not inside():
            if not proc.is_alive():
                pytest.fail(f"the checkpointer ended ({proc.exitcode}) before it was seen writing")
            if time.monotonic() > deadline:
                pytest.fail(f"the checkpointer was not seen writing in {PATIENCE} s")
            time.sleep(0.0002)
    finally:
        probe.close()


def raw_checkpoints(target: Target) -> list[tuple[int, str, bytes]]:
    if target.is_postgres:
        with psycopg.connect(target.postgres_url) as conn:
            rows = conn.execute("SELECT seq, head, state FROM kirjuri_checkpoints ORDER BY seq").fetchall()
    else:
        with closing(sqlite3.connect(target.sqlite_path)) as conn:
            rows = conn.execute("SELECT seq, head, state FROM kirjuri_checkpoints ORDER BY seq").fetchall()
    return [(seq, head, bytes(state)) for seq, head, state in rows]


def test_a_checkpoint_writer_killed_while_it_writes_leaves_whole_checkpoints(city, target):
    amend(city, 30)
    a, b, c = 13, 26, city.state.seq
    city.checkpoint(state_at(city, a))
    city.checkpoint(state_at(city, b))
    assert stored_checkpoints(city) == [a, b]
    db = target.postgres_url or str(target.sqlite_path)

    held = _held_back(target, a) if target.is_postgres else None
    ctx = multiprocessing.get_context("spawn")
    proc = ctx.Process(target=_checkpointer, args=(db, [c, a, b]))
    proc.start()
    try:
        _wait_until_writing(target, proc)
    finally:
        proc.kill()  # SIGKILL, inside the checkpoint's transaction
        proc.join()
        if held is not None:
            held.rollback()
            held.close()
    assert proc.exitcode == -9

    rows = raw_checkpoints(target)
    seqs = [seq for seq, _head, _state in rows]
    print(f"\ncheckpoints after the kill: {seqs} (before: {[a, b]})")
    if target.is_postgres:
        # it was held inside its first write, with c inserted and a not yet trimmed: none of it stays
        assert seqs == [a, b]
    else:
        # the old pair, or the new one it committed (each later write leaves that pair as it is)
        assert seqs in ([a, b], [b, c]), seqs
    for seq, head, blob in rows:  # each row whole: its position, its head and its state agree
        restored = LedgerState.from_checkpoint(blob)
        assert (restored.seq, restored.head) == (seq, head) == (seq, city.eventlog.hash_at(seq))
        assert restored.fingerprint() == state_at(city, seq).fingerprint()

    reopened = Kirjuri(target)
    try:
        assert reopened.state.fingerprint() == state_at(city).fingerprint()
        report = reopened.verify()
        assert report.passed and next(check for check in report.checks if check.name == "checkpoints").passed
    finally:
        reopened.close()
