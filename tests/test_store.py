"""The store: append-only at the database level, shared safely by several writers,
honest about a missing ledger, and never fooled by a foreign checkpoint.

Runs on SQLite and PostgreSQL alike (``ledger``/``target`` fixtures).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from conftest import KV, KV_MUUTOS, Clock, race, small_city
from pg_server import fresh_database

from events.codec import GENESIS, canonical, chain_hash, decode_raw
from events.model import Line
from ledger.store import guard
from ledger.app import Kirjuri
from ledger.fold.projections import figures
from ledger.domain.rules import Rejected
from ledger.fold.state import LedgerState
from ledger.store.log import LEDGER_STREAM, StoreError, Target

D = dt.date


# --- helpers ------------------------------------------------------------------------------


def raw_rows(target: Target, sql: str, params=()) -> list[tuple]:
    if target.is_postgres:
        with psycopg.connect(target.postgres_url) as conn:
            return conn.execute(sql, params).fetchall()
    with closing(sqlite3.connect(target.sqlite_path)) as conn:
        return conn.execute(sql, params).fetchall()


def events_table(target: Target) -> str:
    return "kirjuri_events" if target.is_postgres else "stored_events"


def stored(target: Target) -> list[tuple]:
    table = events_table(target)
    rows = raw_rows(target, f"SELECT originator_id, originator_version, topic, state FROM {table} "
                            "ORDER BY originator_version")
    return [(a, b, c, bytes(d)) for a, b, c, d in rows]


def tamper(target: Target, sql: str) -> Exception:
    """Run ``sql`` as a raw client; return the error it must raise (and roll back)."""
    if target.is_postgres:
        with psycopg.connect(target.postgres_url) as conn:
            with pytest.raises(psycopg.Error) as info:
                conn.execute(sql)
            conn.rollback()
        return info.value
    with closing(sqlite3.connect(target.sqlite_path)) as conn:
        with pytest.raises(sqlite3.DatabaseError) as info:
            conn.execute(sql)
            conn.commit()
        conn.rollback()
    return info.value


def assert_chain(app: Kirjuri) -> list:
    """The whole stored log: seq 1..N without gaps, every hash linked to the previous one."""
    prev, expected, records = GENESIS, 1, []
    for rows in app.eventlog.read_raw():
        for seq, data in rows:
            raw = decode_raw(data)
            assert raw.seq == seq == expected
            assert raw.prev == prev
            assert raw.hash == chain_hash(prev, bytes(raw.event))
            prev, expected = raw.hash, expected + 1
            records.append(raw)
    assert app.eventlog.head_seq() == len(records)
    return records


def fold(app: Kirjuri) -> LedgerState:
    state = LedgerState()
    for records in app.eventlog.read():
        state.apply_all(records)
    return state


@pytest.fixture
def city(ledger) -> Kirjuri:
    small_city(ledger)
    ledger.adopt(2025, [Line("JL", "MENOT", -1_000_00), Line("KP", "MENOT", -500_00)], decision=KV)
    return ledger


# --- append-only --------------------------------------------------------------------------------


def test_raw_update_is_refused(city, target):
    before = stored(target)
    error = tamper(target, f"UPDATE {events_table(target)} SET topic = 'x' WHERE originator_version = 2")
    assert "append-only" in str(error)
    error = tamper(target, f"UPDATE {events_table(target)} SET state = state")
    assert "append-only" in str(error)
    assert stored(target) == before
    assert_chain(city)


def test_raw_delete_is_refused(city, target):
    before = stored(target)
    error = tamper(target, f"DELETE FROM {events_table(target)} WHERE originator_version = {len(before)}")
    assert "append-only" in str(error)
    error = tamper(target, f"DELETE FROM {events_table(target)}")
    assert "append-only" in str(error)
    assert stored(target) == before
    other = Kirjuri(target)
    try:
        assert other.state.fingerprint() == city.state.fingerprint()
    finally:
        other.close()


@pytest.mark.parametrize("target", ["postgres"], indirect=True)
def test_raw_truncate_is_refused_on_postgres(city, target):
    before = stored(target)
    error = tamper(target, f"TRUNCATE {events_table(target)}")
    assert "append-only" in str(error)
    assert stored(target) == before


def test_raw_overwrite_by_insert_is_refused(city, target):
    """Rewriting an event through an INSERT that replaces the existing row is an update too.

    SQLite: ``INSERT OR REPLACE`` deletes the conflicting row; PostgreSQL: ``ON CONFLICT DO UPDATE``.
    The guard (ledger/store/guard.py) refuses the row first: its position is taken. On SQLite a raw
    client has no guard function and cannot insert at all; one that registered Kirjuri's is
    refused all the same.
    """
    table = events_table(target)
    before = stored(target)
    originator = before[1][0]
    if target.is_postgres:
        sql = (f"INSERT INTO {table} (originator_id, originator_version, topic, state) "
               f"VALUES ('{originator}', 2, 'x', '\\x7b7d'::bytea) "
               "ON CONFLICT (originator_id, originator_version) DO UPDATE SET topic = EXCLUDED.topic, "
               "state = EXCLUDED.state")
        assert "its position is taken" in str(tamper(target, sql))
    else:
        sql = (f"INSERT OR REPLACE INTO {table} (originator_id, originator_version, topic, state) "
               f"VALUES ('{originator}', 2, 'x', X'7b7d')")
        assert "no such function: kirjuri_guard" in str(tamper(target, sql))
        with closing(sqlite3.connect(target.sqlite_path)) as conn:
            checked = guard.Guard(LEDGER_STREAM)
            checked.register(conn)
            with pytest.raises(sqlite3.IntegrityError, match="append-only|its position is taken"):
                conn.execute(f"INSERT OR REPLACE INTO {table} VALUES (?, 2, 'x', X'7b7d', ?, ?)",
                             (originator, *checked.stamp()))
    assert stored(target) == before


def test_the_ledger_still_appends_after_refused_tampering(city, target):
    tamper(target, f"DELETE FROM {events_table(target)}")
    city.amend(2025, [Line("JL", "MENOT", -1_00)], effective=D(2025, 3, 1), decision=KV_MUUTOS)
    assert len(assert_chain(city)) == city.state.seq == 10


# --- two writers ------------------------------------------------------------------------------------


def test_two_instances_write_alternately(city, target, clock):
    other = Kirjuri(target, author="toinen", clock=clock)
    try:
        for i in range(3):
            a = city.amend(2025, [Line("JL", "MENOT", -(i + 1) * 100)], effective=D(2025, 3, 1), decision=KV_MUUTOS)
            assert other.refresh() == 1
            assert other.state.head == city.state.head == a.hash
            b = other.amend(2025, [Line("KP", "MENOT", -(i + 1) * 10)], effective=D(2025, 3, 1), decision=KV_MUUTOS)
            assert b.seq == a.seq + 1 and b.event.author == "toinen"
            assert city.refresh() == 1
            assert city.state.fingerprint() == other.state.fingerprint()
        assert city.refresh() == 0 and other.refresh() == 0
        for app in (city, other):
            assert figures(app.state, 2025, "JL").get("MENOT", "MUUTOS") == -600
            assert figures(app.state, 2025, "KP").get("MENOT", "MUUTOS") == -60
        assert city.state.fingerprint() == fold(city).fingerprint()
        assert len(assert_chain(city)) == 9 + 6
    finally:
        other.close()


def test_stale_instance_appends_after_the_other(city, target, clock):
    stale = Kirjuri(target, author="vanha", clock=clock)
    try:
        seq_before = stale.state.seq
        first = city.amend(2025, [Line("JL", "MENOT", -100)], effective=D(2025, 3, 1), decision=KV_MUUTOS)
        assert stale.state.seq == seq_before  # not refreshed
        second = stale.amend(2025, [Line("KP", "MENOT", -200)], effective=D(2025, 3, 1), decision=KV_MUUTOS)
        assert second.seq == first.seq + 1
        assert second.prev == first.hash
        records = assert_chain(city)
        assert [r.seq for r in records][-2:] == [first.seq, second.seq]
        city.refresh()
        assert city.state.fingerprint() == stale.state.fingerprint() == fold(city).fingerprint()
        assert figures(city.state, 2025, "HP").get("MENOT", "MUUTOS") == -300
    finally:
        stale.close()


def test_writer_that_loses_a_race_retries_after_the_winner(city, target, clock):
    loser = Kirjuri(target, author="hidas", clock=clock)
    try:
        raced = race(loser, lambda: city.amend(2025, [Line("JL", "MENOT", -100)], effective=D(2025, 3, 1), decision=KV_MUUTOS))
        mine = loser.amend(2025, [Line("KP", "MENOT", -200)], effective=D(2025, 3, 1), decision=KV_MUUTOS)
        winner = raced[0]
        assert mine.seq == winner.seq + 1 and mine.prev == winner.hash
        records = assert_chain(city)
        assert len(records) == mine.seq
        # neither write was lost
        city.refresh()
        for app in (city, loser):
            assert figures(app.state, 2025, "JL").get("MENOT", "MUUTOS") == -100
            assert figures(app.state, 2025, "KP").get("MENOT", "MUUTOS") == -200
        assert loser.state.fingerprint() == city.state.fingerprint() == fold(city).fingerprint()
    finally:
        loser.close()


def test_race_loser_is_checked_again_against_the_winner(city, target, clock):
    """Both adopt TA for the same cell at once: the second is rejected after the retry, nothing written."""
    loser = Kirjuri(target, author="hidas", clock=clock)
    try:
        raced = race(loser, lambda: city.adopt(2025, [Line("TY", "MENOT", -100)], decision=KV))
        with pytest.raises(Rejected) as info:
            loser.adopt(2025, [Line("TY", "MENOT", -999)], decision=KV)
        assert info.value.field == "lines[1].account"
        assert len(raced) == 1
        assert city.eventlog.head_seq() == raced[0].seq
        assert loser.state.fingerprint() == fold(city).fingerprint()
        assert figures(loser.state, 2025, "TY").get("MENOT", "TA") == -100
    finally:
        loser.close()


# --- opening --------------------------------------------------------------------------------------------


def test_opening_a_missing_sqlite_file(tmp_path):
    path = tmp_path / "nowhere" / "ledger.sqlite"
    with pytest.raises(StoreError, match="kirjuri init"):
        Kirjuri(Target(sqlite_path=path))
    assert not path.exists()


def test_opening_a_database_without_a_ledger(target):
    """An empty PostgreSQL database is one to run init on; an SQLite file of another program's is not."""
    said = "kirjuri init"
    if target.sqlite_path is not None:
        with closing(sqlite3.connect(target.sqlite_path)) as conn:
            conn.execute("CREATE TABLE something_else (x integer)")
            conn.commit()
        said = r"is another program's SQLite database \(tables something_else\), not a Kirjuri ledger"
    with pytest.raises(StoreError, match=said):
        Kirjuri(target)
    if target.sqlite_path is not None:
        with pytest.raises(StoreError, match=said):
            Kirjuri(target, create=True)  # init adds no table to it


def test_opening_an_initialised_empty_ledger(target):
    Kirjuri(target, create=True).close()
    app = Kirjuri(target)
    try:
        assert app.state.seq == 0 and app.state.head == GENESIS
        assert app.eventlog.head_seq() == 0
    finally:
        app.close()


# --- checkpoints ------------------------------------------------------------------------------------------


def other_target(target: Target, tmp_path: Path) -> Target:
    if target.is_postgres:
        return Target(postgres_url=fresh_database("k"))
    return Target(sqlite_path=tmp_path / "other.sqlite")


def copy_checkpoint(source: Target, dest: Target) -> tuple[int, str]:
    """The source's newest checkpoint, its own digest with it, into ``dest`` as a raw client."""
    rows = raw_rows(source, "SELECT seq, head, state, digest FROM kirjuri_checkpoints ORDER BY seq DESC")
    seq, head, state, digest = rows[0]
    sql = "INSERT INTO kirjuri_checkpoints (seq, head, state, digest) VALUES (?, ?, ?, ?)"
    if dest.is_postgres:
        with psycopg.connect(dest.postgres_url) as conn:
            conn.execute(sql.replace("?", "%s"), (seq, head, bytes(state), digest))
    else:
        with closing(sqlite3.connect(dest.sqlite_path)) as conn:
            conn.execute(sql, (seq, head, bytes(state), digest))
            conn.commit()
    return seq, head


@pytest.mark.parametrize("foreign_is_longer", [False, True])
def test_checkpoint_from_another_ledger_is_ignored(city, target, tmp_path, foreign_is_longer):
    foreign_target = other_target(target, tmp_path)
    foreign = Kirjuri(foreign_target, create=True, author="muu", clock=Clock())
    try:
        small_city(foreign)
        foreign.adopt(2025, [Line("JL", "MENOT", -7_777_00)], decision=KV)
        extra = 5 if foreign_is_longer else 0
        for i in range(extra):
            foreign.amend(2025, [Line("TY", "MENOT", -1 - i)], effective=D(2025, 2, 1), decision=KV_MUUTOS)
        foreign.checkpoint()
    finally:
        foreign.close()
    seq, head = copy_checkpoint(foreign_target, target)
    assert seq == city.state.seq + extra
    assert head != city.state.head

    reopened = Kirjuri(target)
    try:
        assert reopened.state.fingerprint() == fold(reopened).fingerprint() == city.state.fingerprint()
        assert figures(reopened.state, 2025, "JL").get("MENOT", "TA") == -1_000_00
        # and it keeps writing a correct chain on top
        reopened.amend(2025, [Line("JL", "MENOT", -1_00)], effective=D(2025, 3, 1), decision=KV_MUUTOS)
        assert len(assert_chain(reopened)) == reopened.state.seq
    finally:
        reopened.close()


def test_matching_checkpoint_gives_the_same_state(city, target):
    city.checkpoint()
    city.amend(2025, [Line("JL", "MENOT", -1_00)], effective=D(2025, 3, 1), decision=KV_MUUTOS)
    reopened = Kirjuri(target)
    try:
        assert reopened.state.fingerprint() == city.state.fingerprint() == fold(city).fingerprint()
    finally:
        reopened.close()


def test_stored_event_bytes_are_the_canonical_encoding(city):
    for raw, records in zip(assert_chain(city), [r for rs in city.eventlog.read() for r in rs]):
        assert canonical(records.event) == bytes(raw.event)


def test_a_checkpoint_from_another_version_is_ignored_and_replaced(city, target):
    """An older Kirjuri's checkpoint must not lock the ledger: rebuild from the log, write a new one."""
    city.checkpoint()
    seq, head, _state = city.eventlog.latest_checkpoint()
    import msgspec
    city.eventlog.save_checkpoint(seq, head, msgspec.msgpack.encode({"format": 1, "seq": seq}))
    reopened = Kirjuri(target)
    assert reopened.state.fingerprint() == city.state.fingerprint()
    assert LedgerState.from_checkpoint(reopened.eventlog.latest_checkpoint()[2]).fingerprint() == city.state.fingerprint()
