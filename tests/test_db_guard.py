"""The database refuses what would break the log (ledger/store/guard.py), and a checkpoint cannot fool a reader.

Every attack is made as a raw database client makes it, never through Kirjuri's write path:
on SQLite through a connection that has registered Kirjuri's guard function (the sqlite3 shell,
without it, cannot append at all), on PostgreSQL as the ledger's owner role (``target``
fixture) and as the clerk role `kirjuri db init` makes (``dept``, set up as
tests/test_db_roles.py does). Each refused row leaves the ledger as it was: the same rows, the
same head, and Kirjuri opens it and appends on.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from contextlib import closing
from dataclasses import dataclass
from typing import Callable

import msgspec
import psycopg
import pytest
from conftest import KV, KV_MUUTOS, small_city
from psycopg import errors
from test_db_roles import AMEND, as_role, count, dept, refused_line  # noqa: F401 - dept is a fixture
from test_store import events_table, stored
from test_verify import execute, unlock
from typer.testing import CliRunner

from events.codec import canonical, chain_hash, split_stored
from events.model import (
    AMOUNT_LIMIT,
    AppropriationCarried,
    Decision,
    Line,
    Move,
    ProjectChanged,
    ProjectClosed,
    ProjectOpened,
    Reallocated,
    Stored,
    TaAmended,
)
from ledger.store import guard
from ledger.app import Kirjuri
from cli.app import app as cli
from ledger.fold.projections import figures
from ledger.fold.state import LedgerState
from ledger.store.log import LEDGER_STREAM, Guarded, Target, checkpoint_digest

D = dt.date
UTC = dt.timezone.utc
runner = CliRunner()


# --- rows as a raw client writes them -------------------------------------------------------------------


def record_bytes(body: bytes, seq: int, prev: str, hash_: str | None = None) -> bytes:
    """A stored record laid out as ``events.codec.seal`` lays it out, around event bytes taken as they are
    (``seal`` itself would refuse some of the hostile ones)."""
    digest = hash_ or chain_hash(prev, body)
    return (b'{"event":' + body + b',"hash":"' + digest.encode() + b'","prev":"' + prev.encode()
            + b'","seq":' + str(seq).encode() + b"}")


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str
    recorded_at: dt.datetime


class Recorded(msgspec.Struct):
    recorded_at: dt.datetime


def head_of(target: Target) -> Head:
    _stream, seq, _topic, data = stored(target)[-1]
    sealed = split_stored(data)
    return Head(seq, sealed.hash, msgspec.json.decode(sealed.event, type=Recorded).recorded_at)


def amendment(head: Head, **changes) -> TaAmended:
    """A TA-muutos that would be accepted after ``head``: recorded a second after it."""
    fields = dict(id=uuid.uuid4().hex, effective=D(2025, 3, 1), recorded_at=head.recorded_at + dt.timedelta(seconds=1),
                  author="hyökkääjä", decision=KV, year=2025, lines=(Line("JL", "MENOT", -100),))
    return TaAmended(**(fields | changes))


@dataclass(frozen=True)
class Row:
    seq: int
    topic: str
    state: bytes
    stream: str = LEDGER_STREAM


def sealed_row(head: Head, body: bytes | None = None, **changes) -> Row:
    body = canonical(amendment(head, **changes)) if body is None else body
    return Row(head.seq + 1, "ta_amended", record_bytes(body, head.seq + 1, head.hash))


def moved(head: Head, old: bytes, new: bytes) -> Row:
    """A reallocation after ``head`` with ``old`` in its bytes made ``new``."""
    event = Reallocated(id=uuid.uuid4().hex, effective=D(2025, 3, 1), author="hyökkääjä", decision=KV, year=2025,
                        recorded_at=head.recorded_at + dt.timedelta(seconds=1),
                        moves=(Move(from_unit="JL", from_account="MENOT", to_unit="KP", to_account="MENOT", amount=-100),))
    body = canonical(event)
    assert old in body
    return Row(head.seq + 1, "reallocated", record_bytes(body.replace(old, new), head.seq + 1, head.hash))


#: each attack: the row a raw client sends after ``head``, and the guard's reason for refusing it
ATTACKS: dict[str, tuple[Callable[[Head], Row], str]] = {
    "junk bytes": (lambda h: Row(h.seq + 1, "ta_amended", b"\x00junk"), "layout"),
    "a record without its closing": (lambda h: Row(h.seq + 1, "ta_amended", sealed_row(h).state[:-1]), "layout"),
    "the head's position again": (lambda h: Row(h.seq, "ta_amended", sealed_row(h).state), "taken"),
    "a position past the head's plus one": (
        lambda h: Row(h.seq + 2, "ta_amended", record_bytes(canonical(amendment(h)), h.seq + 2, h.hash)), "position"),
    "a record naming another position": (
        lambda h: Row(h.seq + 1, "ta_amended", record_bytes(canonical(amendment(h)), h.seq + 2, h.hash)), "seq"),
    "a wrong link": (
        lambda h: Row(h.seq + 1, "ta_amended", record_bytes(canonical(amendment(h)), h.seq + 1, "f" * 64)), "link"),
    "a wrong hash": (
        lambda h: Row(h.seq + 1, "ta_amended", record_bytes(canonical(amendment(h)), h.seq + 1, h.hash, "e" * 64)),
        "hash"),
    "an event that is not JSON": (lambda h: sealed_row(h, b'{"kind":"ta_amended","id":'), "json"),
    "an unknown kind": (lambda h: Row(h.seq + 1, "budget_doubled", sealed_row(h, canonical(amendment(h)).replace(
        b'"kind":"ta_amended"', b'"kind":"budget_doubled"')).state), "json"),
    "a kind that is not its topic": (lambda h: Row(h.seq + 1, "unit_renamed", sealed_row(h).state), "topic"),
    "a year as text": (lambda h: sealed_row(h, canonical(amendment(h)).replace(b'"year":2025', b'"year":"2025"')),
                       "field"),
    "year 0": (lambda h: sealed_row(h, year=0), "field"),
    "a field no event has": (lambda h: sealed_row(h, canonical(amendment(h)).replace(
        b'"v":1', b'"v":1,"approved_by":"everyone"')), "field"),
    "an amount with a fraction": (lambda h: sealed_row(h, canonical(amendment(h)).replace(b'-100]', b'-100.5]')),
                                  "field"),
    "an amount past the limit": (lambda h: sealed_row(h, lines=(Line("JL", "MENOT", -(AMOUNT_LIMIT + 1)),)),
                                 "amount"),
    "an amount past int64": (lambda h: sealed_row(h, lines=(Line("JL", "MENOT", -99_999_999_999_999_999_999),)),
                             "amount"),
    "a line of two": (lambda h: sealed_row(h, canonical(amendment(h)).replace(b'"MENOT",-100]', b'"MENOT"]')),
                      "field"),
    "a line's amount as text": (lambda h: sealed_row(h, canonical(amendment(h)).replace(b'-100]', b'"-100"]')),
                                "field"),
    "a move with a field no move has": (lambda h: moved(h, b'"amount":-100}', b'"amount":-100,"approved":true}'),
                                        "field"),
    "a move without its amount": (lambda h: moved(h, b',"amount":-100}', b'}'), "field"),
    "a move's amount past the limit": (lambda h: moved(h, b'"amount":-100}', b'"amount":-100000000000000}'),
                                       "amount"),
    "a recorded time in 2035": (lambda h: sealed_row(h, recorded_at=dt.datetime(2035, 1, 1, tzinfo=UTC)), "future"),
    "a recorded time before the head's": (
        lambda h: sealed_row(h, recorded_at=h.recorded_at - dt.timedelta(days=1)), "earlier"),
    "another stream": (lambda h: Row(h.seq + 1, "ta_amended", sealed_row(h).state, stream="other-stream"), "stream"),
}


def insert(target: Target, row: Row, stamps: tuple | None = None) -> str:
    """Send ``row`` as a raw client; return the database's refusal (the test fails if it is accepted).

    SQLite: a connection with Kirjuri's guard registered, sending the stamps it would (or ``stamps``).
    PostgreSQL: the connection's role, naming no stamps (or ``stamps``)."""
    table = events_table(target)
    columns, values = "originator_id, originator_version, topic, state", [row.stream, row.seq, row.topic, row.state]
    if target.is_postgres:
        if stamps is not None:
            columns, values = columns + ", stored_at, stored_by", values + list(stamps)
        marks = ", ".join(["%s"] * len(values))
        with psycopg.connect(target.postgres_url) as conn, pytest.raises(psycopg.Error) as info:
            conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)
        return str(info.value)
    checked = guard.Guard(LEDGER_STREAM)
    values += list(checked.stamp() if stamps is None else stamps)
    with closing(sqlite3.connect(target.sqlite_path)) as conn, pytest.raises(sqlite3.DatabaseError) as info:
        checked.register(conn)
        conn.execute(f"INSERT INTO {table} ({columns}, stored_at, stored_by) VALUES (?, ?, ?, ?, ?, ?)", values)
        conn.commit()
    return str(info.value)


@pytest.fixture
def city(ledger) -> Kirjuri:
    small_city(ledger)
    ledger.adopt(2025, [Line("JL", "MENOT", -1_000_00)], decision=KV)
    return ledger


def chain_holds(ledger: Kirjuri) -> bool:
    """`kirjuri verify`'s chain check (the rules of authority judge the test's dates, not the log)."""
    return next(check for check in ledger.verify().checks if check.name == "chain").passed


def unchanged_and_writable(target: Target, before: list, fingerprint: tuple) -> None:
    """The rows are those before the attack; Kirjuri opens the same state and appends on."""
    assert stored(target) == before
    ledger = Kirjuri(target, author="testi")
    try:
        assert ledger.state.fingerprint() == fingerprint
        written = ledger.amend(2025, [Line("JL", "MENOT", -1)], effective=D(2025, 3, 2), decision=KV_MUUTOS)
        assert written.seq == len(before) + 1 and chain_holds(ledger)
    finally:
        ledger.close()


# --- every attack, on both backends ------------------------------------------------------------------------


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_the_database_refuses_a_row_that_would_break_the_log(city, target, attack):
    make, reason = ATTACKS[attack]
    before, fingerprint = stored(target), city.state.fingerprint()
    row = make(head_of(target))
    refusal = insert(target, row)
    assert guard.REASONS[reason] in refusal, refusal
    unchanged_and_writable(target, before, fingerprint)


def test_a_spelling_the_encoding_never_writes(city, target):
    """White space outside the strings: SQLite's guard refuses it (it re-encodes every row it decodes);
    PostgreSQL's does not ask for the canonical spelling, since the row still decodes for every reader,
    and verify reports it."""
    row = sealed_row(head_of(target), canonical(amendment(head_of(target))).replace(b'"year":2025', b'"year": 2025'))
    if not target.is_postgres:
        assert guard.REASONS["canonical"] in insert(target, row)
        return
    execute(target, ("INSERT INTO kirjuri_events (originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?)",
                     (row.stream, row.seq, row.topic, row.state)))
    reopened = Kirjuri(target)
    try:
        [chain] = [check for check in reopened.verify().checks if check.name == "chain"]
        assert [(f.seq, f.code) for f in chain.findings] == [(row.seq, "chain.not_canonical")]
    finally:
        reopened.close()


def test_a_row_the_guard_would_take_is_taken_from_a_raw_client(city, target):
    """The attacks above are refused for what they break, not for coming from a raw client."""
    row = sealed_row(head_of(target))
    table = events_table(target)
    if target.is_postgres:
        execute(target, (f"INSERT INTO {table} (originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?)",
                         (row.stream, row.seq, row.topic, row.state)))
    else:
        checked = guard.Guard(LEDGER_STREAM)
        with closing(sqlite3.connect(target.sqlite_path)) as conn:
            checked.register(conn)
            conn.execute(f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, ?)",
                         (row.stream, row.seq, row.topic, row.state, *checked.stamp()))
            conn.commit()
    reopened = Kirjuri(target)
    try:
        assert reopened.state.seq == row.seq and chain_holds(reopened)
    finally:
        reopened.close()


@pytest.mark.parametrize("target", ["sqlite"], indirect=True)
def test_the_sqlite3_shell_cannot_append_at_all(city, target):
    """A connection without Kirjuri's function: even a row the guard would take is refused."""
    row, before = sealed_row(head_of(target)), stored(target)
    with closing(sqlite3.connect(target.sqlite_path)) as conn:
        with pytest.raises(sqlite3.OperationalError, match="no such function: kirjuri_guard"):
            conn.execute("INSERT INTO stored_events VALUES (?, ?, ?, ?, ?, ?)",
                         (row.stream, row.seq, row.topic, row.state, *guard.Guard(LEDGER_STREAM).stamp()))
        assert conn.execute("SELECT count(*) FROM stored_events").fetchone()[0] == len(before)  # reading works


@pytest.mark.parametrize("target", ["sqlite"], indirect=True)
@pytest.mark.parametrize("stamps", [(dt.datetime.now(UTC).isoformat(), "joku-muu"), (None, None),
                                    ("2035-01-01T00:00:00+00:00", guard.os_user())])
def test_on_sqlite_the_stamps_are_the_writers_own(city, target, stamps):
    """The writer's OS user and its clock now: another name, none, or another time is refused."""
    before, fingerprint = stored(target), city.state.fingerprint()
    refusal = insert(target, sealed_row(head_of(target)), stamps)
    assert guard.REASONS["stamp"] in refusal
    unchanged_and_writable(target, before, fingerprint)


def test_kirjuri_says_a_refused_write_in_one_line(city, monkeypatch):
    """A write Kirjuri itself sealed wrong (here: a clock ahead of the database's) is the guard's refusal,
    said as one line with the event's position, and nothing is written."""
    before = stored(city.target)
    city.clock = lambda: dt.datetime.now(UTC) + dt.timedelta(days=1)
    with pytest.raises(Guarded) as info:
        city.amend(2025, [Line("JL", "MENOT", -1)], effective=D(2025, 3, 2), decision=KV_MUUTOS)
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{guard.REFUSED} event #{len(before) + 1}: ")
    assert guard.REASONS["future"] in message and message.endswith("(nothing was written)")
    assert stored(city.target) == before


@pytest.mark.parametrize("amount", [-(AMOUNT_LIMIT + 1), -99_999_999_999_999_999_999])
def test_kirjuris_own_append_of_an_amount_past_the_limit_is_refused(city, target, amount):
    """The issue's first attack reached the log through Kirjuri's own write path: whatever checks come
    before it, the database refuses the row (on SQLite also when the writer vouches for its bytes)."""
    head, before = head_of(target), stored(target)
    event = amendment(head, lines=(Line("JL", "MENOT", amount),))
    body = canonical(event)
    record = Stored(seq=head.seq + 1, prev=head.hash, hash=chain_hash(head.hash, body), event=event)
    with pytest.raises(Guarded, match=guard.REASONS["amount"]):
        city.eventlog.append([(record, record_bytes(body, head.seq + 1, head.hash))])
    assert stored(target) == before


# --- the stamps: the database's, next to the author the client names ------------------------------------------


def test_the_database_stamps_each_event_and_history_shows_it(target):
    ledger = Kirjuri(target, create=True, author="kirjoittaja")  # the server's clock on PostgreSQL
    try:
        small_city(ledger)
        written = ledger.adopt(2025, [Line("JL", "MENOT", -1_000_00)], decision=KV)
        stamp = ledger.stamps([written.seq])[written.seq]
        now = dt.datetime.now(UTC)
        assert abs(stamp.at - now) < dt.timedelta(minutes=1) and abs(written.event.recorded_at - now) < \
            dt.timedelta(minutes=1)
        role = target.postgres_url.split("//")[1].split(":")[0] if target.is_postgres else guard.os_user()
        assert stamp.by == role
    finally:
        ledger.close()
    history = runner.invoke(cli, ["--db", str(target.sqlite_path or target.postgres_url), "history", "JL"])
    assert history.exit_code == 0, history.output
    lines = history.stdout.splitlines()
    at = lines.index(next(line for line in lines if line.startswith(f"#{written.seq} ")))
    assert "kirjoittaja" in lines[at]
    assert lines[at + 1].startswith("    tallennettu ") and lines[at + 1].endswith(f"  {role}")


def test_a_writer_whose_clock_says_2035(target, monkeypatch):
    """The issue's clerk "recorded 1.1.2035": on PostgreSQL the recorded time is the server's clock; on
    SQLite, where the writer's clock is all there is, the guard refuses a time that far ahead of it."""
    monkeypatch.setattr("ledger.app.utc_now", lambda: dt.datetime(2035, 1, 1, tzinfo=UTC))
    ledger = Kirjuri(target, create=True, author="kello")
    try:
        on = D(2020, 1, 1)
        if target.is_postgres:
            written = ledger.register_unit("KJ", "Kemijärven kaupunki", "kaupunki", None, effective=on)
            assert abs(written.event.recorded_at - dt.datetime.now(UTC)) < dt.timedelta(minutes=1)
        else:
            with pytest.raises(Guarded, match=guard.REASONS["future"]):
                ledger.register_unit("KJ", "Kemijärven kaupunki", "kaupunki", None, effective=on)
            assert ledger.eventlog.head_seq() == 0
    finally:
        ledger.close()


@pytest.mark.parametrize("target", ["postgres"], indirect=True)
def test_on_postgresql_the_owner_may_name_the_stamps_a_restore_keeps(city, target):
    """The role that may act as the table's owner restores rows with their stamps (as pg_restore does);
    a clerk may not (``test_a_clerks_own_stamps_are_refused``)."""
    row = sealed_row(head_of(target))
    stamp = (dt.datetime(2025, 1, 2, 8, 0, tzinfo=UTC), "kirjuri_clerk")
    execute(target, ("INSERT INTO kirjuri_events (originator_id, originator_version, topic, state, stored_at, "
                     "stored_by) VALUES (?, ?, ?, ?, ?, ?)", (row.stream, row.seq, row.topic, row.state, *stamp)))
    assert tuple(city.stamps([row.seq])[row.seq]) == stamp


# --- checkpoints: anchored to the log and to their own digest ---------------------------------------------


def invented(state: LedgerState, delta: int = -500_000_00) -> bytes:
    """``state`` with one figure invented: JL's TA MENOT ``delta`` more (the issue's −991 300 for −491 300)."""
    forged = LedgerState.from_checkpoint(state.to_checkpoint())
    forged.cells[(2025, "JL")][("MENOT", "TA")].rest[1] += delta
    return forged.to_checkpoint()


def plant(target: Target, seq: int, head: str, state: bytes, digest: str | None) -> None:
    """Replace every checkpoint by one row, as a raw client with the owner's rights."""
    execute(target, ("DELETE FROM kirjuri_checkpoints", ()),
            ("INSERT INTO kirjuri_checkpoints (seq, head, state, digest) VALUES (?, ?, ?, ?)",
             (seq, head, state, digest)))


def ta_menot(target: Target, unit: str = "JL") -> int:
    """What a reader opening the ledger now is shown: the unit's TA MENOT for 2025."""
    reader = Kirjuri(target)
    try:
        return figures(reader.state, 2025, unit).get("MENOT", "TA")
    finally:
        reader.close()


def checkpoint_findings(target: Target) -> list[str]:
    ledger = Kirjuri(target, load=False)
    try:
        return [f.code for check in ledger.verify().checks if check.name == "checkpoints" for f in check.findings]
    finally:
        ledger.close()


@pytest.mark.parametrize("digest, finding", [("none", "checkpoint.differs"),
                                             ("the genuine one's", "checkpoint.digest")])
def test_a_planted_checkpoint_with_invented_figures_is_not_shown(city, target, digest, finding):
    """The issue's attack, by the owner's rights: a checkpoint at the head whose state says JL's TA is
    -501 000 where the log says -1 000. verify names it; readers fold from the log instead."""
    genuine = city.state.to_checkpoint()
    seq, head = city.state.seq, city.state.head
    plant(target, seq, head, invented(city.state), None if digest == "none" else checkpoint_digest(seq, head, genuine))
    assert checkpoint_findings(target) == [finding]
    assert ta_menot(target) == -1_000_00 == figures(city.state, 2025, "JL").get("MENOT", "TA")
    shown = runner.invoke(cli, ["--db", str(target.sqlite_path or target.postgres_url), "show", "JL", "--year", "2025"])
    assert "-1\u00a0000" in shown.stdout and "-501\u00a0000" not in shown.stdout
    # the owner's reader replaced it with one folded from the log: verify then passes
    assert checkpoint_findings(target) == []


def test_a_state_of_another_position_under_this_ones_is_not_used(city, target):
    """The true state one event earlier, stored as the head's with a digest made for it: the anchor and
    the digest hold, but the state says another position."""
    earlier = LedgerState()
    for records in city.eventlog.read(upto=city.state.seq - 1):
        earlier.apply_all(records)
    state, seq, head = earlier.to_checkpoint(), city.state.seq, city.state.head
    plant(target, seq, head, state, checkpoint_digest(seq, head, state))
    reader = Kirjuri(target)
    try:
        assert reader.state.fingerprint() == city.state.fingerprint()
    finally:
        reader.close()


def test_verify_finds_invented_figures_even_under_a_digest_made_for_them(city, target):
    """Whoever can act as the owner and has read how the digest is made can plant a checkpoint readers
    take (as they could drop the triggers): verify folds the log and finds it."""
    forged, seq, head = invented(city.state), city.state.seq, city.state.head
    plant(target, seq, head, forged, checkpoint_digest(seq, head, forged))
    assert checkpoint_findings(target) == ["checkpoint.differs"]


def test_a_checkpoint_is_anchored_to_the_events_bytes_not_to_the_hash_they_state(city, target):
    city.checkpoint()
    seq = city.state.seq
    assert city.eventlog.trusted_checkpoint()[0][0] == seq
    _stream, _seq, _topic, data = stored(target)[-1]
    unlock(target)
    execute(target, (f"UPDATE {events_table(target)} SET state = ? WHERE originator_version = ?",
                     (data.replace(b'"MENOT",-100000]', b'"MENOT",-900000]'), seq)))
    assert city.eventlog.hash_at(seq) is None
    assert city.eventlog.trusted_checkpoint() == (None, True)


def test_kirjuri_checkpoint_writes_one_at_the_head_folded_from_the_log(city, target, english):
    db = str(target.sqlite_path or target.postgres_url)
    forged, seq, head = invented(city.state), city.state.seq, city.state.head
    plant(target, seq, head, forged, checkpoint_digest(seq, head, forged))
    result = runner.invoke(cli, ["--db", db, "checkpoint"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote a checkpoint at #{seq} {head}\n"
    assert checkpoint_findings(target) == [] and ta_menot(target) == -1_000_00


# --- a department's PostgreSQL: the clerk `db init` made, and the administrator -------------------------------


def admin_target(dept) -> Target:
    return Target(postgres_url=dept.admin)


def as_clerk(dept, statement: str, params=()) -> psycopg.Error:
    """``statement`` as the clerk's raw client; the database's refusal."""
    with psycopg.connect(dept.urls["clerk"]) as conn, pytest.raises(psycopg.Error) as info:
        conn.execute(statement, params)
    return info.value


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_clerks_raw_row_that_would_break_the_log_is_refused(dept, attack):
    make, reason = ATTACKS[attack]
    before = stored(admin_target(dept))
    row = make(head_of(admin_target(dept)))
    refusal = as_clerk(dept, "INSERT INTO kirjuri_events (originator_id, originator_version, topic, state) "
                             "VALUES (%s, %s, %s, %s)", (row.stream, row.seq, row.topic, row.state))
    assert guard.REASONS[reason] in str(refusal), refusal
    assert stored(admin_target(dept)) == before


def test_after_a_clerks_junk_row_every_role_still_reads_and_the_clerk_writes(dept):
    """The issue's attack: one junk row took the shared ledger down for everyone. Now it is refused."""
    events, _ = count(dept)
    refusal = as_clerk(dept, "INSERT INTO kirjuri_events (originator_id, originator_version, topic, state) "
                             "VALUES ('kirjuri-ledger', %s, 'ta_amended', '\\x00')", (events + 1,))
    assert isinstance(refusal, errors.CheckViolation)
    for kind in ("clerk", "auditor", "committee"):
        head = as_role(dept, kind, "head")
        assert head.exit_code == 0 and head.stdout.startswith(f"#{events} "), head.output
    written = as_role(dept, "clerk", *AMEND)
    assert written.exit_code == 0 and written.stdout.startswith(f"kirjattu #{events + 1} "), written.output


def test_a_clerks_own_stamps_are_refused_and_the_database_writes_its_own(dept):
    row = sealed_row(head_of(admin_target(dept)))
    refusal = as_clerk(dept, "INSERT INTO kirjuri_events (originator_id, originator_version, topic, state, "
                             "stored_at, stored_by) VALUES (%s, %s, %s, %s, %s, %s)",
                       (row.stream, row.seq, row.topic, row.state, dt.datetime(2035, 1, 1, tzinfo=UTC), "valtuusto"))
    assert guard.REASONS["stamp"] in str(refusal)
    written = as_role(dept, "clerk", "--author", "joku muu", *AMEND)
    assert written.exit_code == 0, written.output
    seq = int(written.stdout.split()[1].lstrip("#"))
    ledger = Kirjuri(admin_target(dept), load=False)
    try:
        stamp = ledger.stamps([seq])[seq]
        record = ledger.records([seq])[seq]
    finally:
        ledger.close()
    # who: the role the database knows, beside the author the client named; when: the server's clock, also
    # the recorded time the application took from it
    assert stamp.by == dept.names["clerk"] and record.event.author == "joku muu"
    assert dt.timedelta(0) <= stamp.at - record.event.recorded_at < dt.timedelta(seconds=5)
    lines = as_role(dept, "committee", "history", "JOUKKO", "--limit", "1").stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"#{seq} "))
    assert lines[at].endswith("  joku muu") and lines[at + 1].endswith(f"  {dept.names['clerk']}")


@pytest.mark.parametrize("statement", [
    "INSERT INTO kirjuri_checkpoints (seq, head, state, digest) VALUES (1, 'x', '\\x00', 'y')",
    "DELETE FROM kirjuri_checkpoints",
    "UPDATE kirjuri_checkpoints SET state = '\\x00'",
])
def test_a_clerk_cannot_plant_or_remove_a_checkpoint(dept, statement):
    assert isinstance(as_clerk(dept, statement), errors.InsufficientPrivilege)


def test_only_the_administrator_writes_a_checkpoint_and_readers_open_from_it(dept, english):
    line = refused_line(as_role(dept, "clerk", "checkpoint"))
    assert line == (f"kirjuri: the database refused role {dept.names['clerk']} writing to table kirjuri_checkpoints: "
                    "permission denied (nothing was written; checkpoints are written by the ledger's owner role: run "
                    "`kirjuri checkpoint` as the database administrator)")
    events, _ = count(dept)
    written = runner.invoke(cli, ["--db", dept.admin, "checkpoint"])
    assert written.exit_code == 0 and written.stdout.startswith(f"wrote a checkpoint at #{events} "), written.output
    committee = Kirjuri(Target(postgres_url=dept.urls["committee"]))
    try:
        (seq, _head, _state), _passed_over = committee.eventlog.trusted_checkpoint()
        assert seq == events == committee.state.seq
    finally:
        committee.close()


def test_a_checkpoint_the_owner_planted_is_not_what_the_committee_is_shown(dept, english):
    events, _ = count(dept)
    ledger = Kirjuri(admin_target(dept))
    try:
        state, seq, head = ledger.state, ledger.state.seq, ledger.state.head
        true_ta = figures(state, 2025, "JOUKKO").get("MENOT", "TA")
        forged = LedgerState.from_checkpoint(state.to_checkpoint())
        forged.cells[(2025, "JOUKKO")][("MENOT", "TA")].rest[1] -= 500_000_00
        plant(admin_target(dept), seq, head, forged.to_checkpoint(), None)
    finally:
        ledger.close()
    assert true_ta == -348_070_00
    shown = as_role(dept, "committee", "show", "JOUKKO", "--year", "2025")
    assert shown.exit_code == 0 and "-348\u00a0070" in shown.stdout and "-848\u00a0070" not in shown.stdout
    verified = as_role(dept, "committee", "verify")
    assert verified.exit_code == 1 and "checkpoints    FAIL" in verified.stdout
    # the administrator's checkpoint, folded from the log, replaces it
    assert runner.invoke(cli, ["--db", dept.admin, "checkpoint"]).exit_code == 0
    assert "checkpoints    pass" in as_role(dept, "committee", "verify").stdout


# --- a ledger an older version made ---------------------------------------------------------------------------


def make_old(target: Target) -> None:
    """The ledger as the version before the guard left it: no guard, no stamp or digest columns."""
    table = events_table(target)
    statements = [f"DROP TRIGGER kirjuri_guard ON {table}", "DROP FUNCTION kirjuri_guard()"] if target.is_postgres \
        else ["DROP TRIGGER kirjuri_guard"]
    statements += [f"ALTER TABLE {table} DROP COLUMN stored_at", f"ALTER TABLE {table} DROP COLUMN stored_by",
                   "ALTER TABLE kirjuri_checkpoints DROP COLUMN digest"]
    execute(target, *[(sql, ()) for sql in statements])


def guarded_now(target: Target) -> bool:
    ledger = Kirjuri(target, load=False)
    try:
        return ledger.eventlog.survey() and ledger.eventlog.stamped and ledger.eventlog.digested
    finally:
        ledger.close()


def test_an_older_ledger_gets_the_guard_when_a_writer_opens_it(city, target):
    city.checkpoint()
    seq = city.state.seq
    city.close()
    make_old(target)
    reopened = Kirjuri(target, author="testi")  # SQLite: any writer; PostgreSQL: the owner (this role)
    try:
        assert reopened.eventlog.survey() and reopened.state.seq == seq
        # its old checkpoint has no digest: not trusted, so folded from the log and replaced by one that has
        assert reopened.eventlog.trusted_checkpoint()[0][0] == seq
        written = reopened.amend(2025, [Line("JL", "MENOT", -1)], effective=D(2025, 3, 2), decision=KV_MUUTOS)
        stamps = reopened.stamps([seq, written.seq])
        assert tuple(stamps[seq]) == (None, None) and stamps[written.seq].by is not None
        assert chain_holds(reopened)
    finally:
        reopened.close()
    assert guard.REASONS["layout"] in insert(target, Row(written.seq + 1, "ta_amended", b"junk"))


def test_a_read_only_ledger_reads_an_older_ledger_as_it_is_and_leaves_it_so(city, target):
    """`kirjuri serve` opens read-only, with no login: opening must change nothing, not even the schema."""
    city.checkpoint()
    seq, head = city.state.seq, city.state.head
    city.close()
    make_old(target)
    viewer = Kirjuri(target, read_only=True)
    try:
        assert viewer.state.seq == seq and viewer.state.head == head and viewer.damage is None
        viewer.checkpoint()  # the quiet checkpoint a reader may not write: silent, and nothing written
    finally:
        viewer.close()
    assert not guarded_now_read_only(target)
    assert guarded_now(target)  # a writer that opens it afterwards still brings it up to date


def guarded_now_read_only(target: Target) -> bool:
    ledger = Kirjuri(target, load=False, read_only=True)
    try:
        return ledger.eventlog.survey() and ledger.eventlog.stamped and ledger.eventlog.digested
    finally:
        ledger.close()


def test_a_clerk_opening_an_older_department_ledger_works_and_db_init_again_adds_the_guard():
    from test_db_roles import db_init, department

    with department() as old:
        admin = admin_target(old)
        make_old(admin)
        assert not guarded_now(Target(postgres_url=old.urls["clerk"]))  # a clerk may not add it
        written = as_role(old, "clerk", *AMEND)
        assert written.exit_code == 0, written.output
        assert as_role(old, "committee", "head").stdout.startswith(written.stdout.split()[1] + " ")
        assert not guarded_now(Target(postgres_url=old.urls["committee"]))
        again = db_init(old.admin, old.names, old.owner)
        assert again.exit_code == 0, again.output
        assert guarded_now(Target(postgres_url=old.urls["clerk"]))
        events, _ = count(old)
        assert isinstance(as_clerk(old, "INSERT INTO kirjuri_events (originator_id, originator_version, topic, state) "
                                        "VALUES ('kirjuri-ledger', %s, 'x', '\\x00')", (events + 1,)),
                          errors.CheckViolation)
        stamped = as_role(old, "clerk", *AMEND)
        assert stamped.exit_code == 0, stamped.output
        ledger = Kirjuri(admin, load=False)
        try:
            assert ledger.stamps([events + 1])[events + 1].by == old.names["clerk"]
        finally:
            ledger.close()


# --- issue 17's kinds: the guard knows them, and an older guard waits for `db init` ----------------------

KV_CARRY = Decision(body="valtuusto", date=D(2026, 2, 15), section="9")


def carried(head: Head) -> AppropriationCarried:
    """A carry-over that would be accepted after ``head``: recorded a second after it."""
    return AppropriationCarried(id=uuid.uuid4().hex, effective=D(2026, 2, 16), author="hyökkääjä", decision=KV_CARRY,
                                recorded_at=head.recorded_at + dt.timedelta(seconds=1), from_year=2025, to_year=2026,
                                lines=(Line("JL", "MENOT", -100),))


def opened(head: Head, **changes) -> ProjectOpened:
    fields = dict(id=uuid.uuid4().hex, effective=D(2025, 1, 1), author="hyökkääjä", decision=KV, code="5000",
                  name="Koulu", group="KJ", unit="HP", cost_estimate=100, first_year=2025, last_year=2026,
                  recorded_at=head.recorded_at + dt.timedelta(seconds=1))
    return ProjectOpened(**(fields | changes))


def kind_row(head: Head, topic: str, body: bytes) -> Row:
    return Row(head.seq + 1, topic, record_bytes(body, head.seq + 1, head.hash))


ATTACKS.update({
    "a carry-over's year as text": (lambda h: kind_row(h, "appropriation_carried", canonical(carried(h)).replace(
        b'"to_year":2026', b'"to_year":"2026"')), "field"),
    "a carry-over's amount past the limit": (lambda h: kind_row(h, "appropriation_carried", canonical(carried(h)).replace(
        b'-100]', str(-(AMOUNT_LIMIT + 1)).encode() + b']')), "amount"),
    "a project's cost estimate below zero": (lambda h: kind_row(h, "project_opened", canonical(opened(h,
                                                                                                 cost_estimate=-1))),
                                             "field"),
    "a project change with a field no change has": (lambda h: kind_row(h, "project_changed", canonical(ProjectChanged(
        id="x", effective=D(2025, 1, 1), recorded_at=h.recorded_at + dt.timedelta(seconds=1), author="a", code="5000",
        name="Uusi")).replace(b'"v":1', b'"v":1,"unit":"HP"')), "field"),
})


@pytest.mark.parametrize("kind", ["appropriation_carried", "project_opened"])
def test_the_guard_takes_a_row_of_issue_17s_kinds_from_a_raw_client(city, target, kind):
    """The digest over the kinds (``guard.VERSION``) is this version's: its guard knows the new kinds."""
    head = head_of(target)
    event = carried(head) if kind == "appropriation_carried" else opened(head)
    row = kind_row(head, kind, canonical(event))
    table = events_table(target)
    if target.is_postgres:
        execute(target, (f"INSERT INTO {table} (originator_id, originator_version, topic, state) "
                         "VALUES (%s, %s, %s, %s)", (row.stream, row.seq, row.topic, row.state)))
    else:
        checked = guard.Guard(LEDGER_STREAM)
        with closing(sqlite3.connect(target.sqlite_path)) as conn:
            checked.register(conn)
            conn.execute(f"INSERT INTO {table} (originator_id, originator_version, topic, state, stored_at, stored_by)"
                         " VALUES (?, ?, ?, ?, ?, ?)", [row.stream, row.seq, row.topic, row.state, *checked.stamp()])
            conn.commit()
    assert stored(target)[-1][2] == kind


def older_guard(target: Target, monkeypatch) -> None:
    """Install the guard as the version before issue 17 made it: it knows none of the four new kinds."""
    new = (ProjectOpened, ProjectChanged, ProjectClosed, AppropriationCarried)
    with monkeypatch.context() as m:
        m.setattr(guard, "EVENT_TYPES", tuple(t for t in guard.EVENT_TYPES if t not in new))
        m.setattr(guard, "KINDS", {k: t for k, t in guard.KINDS.items() if t not in new})
        m.setattr(guard, "VERSION", guard._version())
        assert "appropriation_carried" not in guard.KINDS
        statements = guard.postgres_statements(events_table(target), LEDGER_STREAM)
    with psycopg.connect(target.postgres_url) as conn:  # as they are: its '?' and '%' are the function's own
        for statement in statements:
            conn.execute(statement)


def test_a_department_ledger_takes_issue_17s_kinds_once_db_init_has_run_again(monkeypatch):
    """README: a new kind of event needs the new guard; on PostgreSQL the administrator runs `kirjuri db init`
    again, and until then a clerk's write of one is refused in one line (other writes go on)."""
    from test_db_roles import db_init, department

    opening = ["project", "open", "5000", "Koulu", "--group", "KEMIJARVI", "--unit", "KEMIJARVI", "--estimate",
               "100 000", "--first-year", "2025", "--last-year", "2026", "--effective", "1.1.2025", "--decision",
               "KV 9.12.2024 § 80"]
    with department() as old:
        older_guard(admin_target(old), monkeypatch)
        refused = as_role(old, "clerk", *opening)
        assert refused.exit_code == 1 and guard.REFUSED in refused.stderr, refused.output
        assert len(refused.stderr.strip().splitlines()) == 1
        amended = as_role(old, "clerk", *AMEND)
        assert amended.exit_code == 0, amended.output
        again = db_init(old.admin, old.names, old.owner)
        assert again.exit_code == 0, again.output
        written = as_role(old, "clerk", *opening)
        assert written.exit_code == 0 and "(Hanke avattu)" in written.stdout, written.output
