"""Clerks at once: no lost updates (``based_on``), no duplicates on retry (the event id as key),
and a load of concurrent writer processes that ends with every accepted amendment stored once.

Runs on SQLite and PostgreSQL alike (``target`` fixture).
"""

from __future__ import annotations

import bisect
import datetime as dt
import multiprocessing
import os
import random
import time
import traceback
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import KV, KV_MUUTOS, race, small_city

from events.model import Decision, Line
from ledger.app import Conflict, FiguresChanged, Kirjuri
from ledger.fold.projections import figures
from ledger.domain.refusals import why
from ledger.domain.rules import Rejected
from ledger.store.log import Target, resolve_target

D = dt.date
ON = D(2025, 3, 1)
#: the valtuusto's decision the load's amendments cite: within the fiscal year, as the rules of authority want
KV_MUUTOS = Decision(body="valtuusto", date=D(2025, 2, 24), section="9")


@pytest.fixture
def city(ledger) -> Kirjuri:
    small_city(ledger)
    ledger.adopt(2025, [Line("JL", "MENOT", -1_000_00), Line("KP", "MENOT", -500_00)], decision=KV)
    return ledger


@pytest.fixture
def other(target, clock):
    app = Kirjuri(target, author="toinen", clock=clock)
    yield app
    app.close()


def muutos(app: Kirjuri, unit: str) -> int:
    return figures(app.state, 2025, unit).get("MENOT", "MUUTOS") or 0


# --- based_on: no lost updates -----------------------------------------------------------------


def test_the_second_clerk_is_told_the_figures_changed_and_can_retry(city, other):
    """A and B read; A writes; B's write on its old view is refused naming the unit; B re-reads and writes."""
    other.refresh()
    seen_a, seen_b = city.state.seq, other.state.seq
    assert seen_a == seen_b
    a = city.amend(2025, [Line("JL", "MENOT", -100_00)], effective=ON, decision=KV_MUUTOS, based_on=seen_a)
    with pytest.raises(FiguresChanged) as info:
        other.amend(2025, [Line("JL", "MENOT", -30_00)], effective=ON, decision=KV_MUUTOS, based_on=seen_b)
    error = info.value
    assert error.unit == "JL" and error.changed == {"JL": (a.seq,)}
    assert error.based_on == seen_b and error.head == a.seq
    assert error.refusal.code == "figures.changed" and error.refusal.field == "unit"
    assert f"#{a.seq}" in str(error) and "JL" in str(error)
    assert f"#{a.seq}" in why(error.refusal, "fi")
    # nothing written, and B's state now shows A's change: the new figures to decide on
    assert city.eventlog.head_seq() == a.seq
    assert other.state.seq == a.seq and muutos(other, "JL") == -100_00
    b = other.amend(2025, [Line("JL", "MENOT", -30_00)], effective=ON, decision=KV_MUUTOS, based_on=error.head)
    assert b.seq == a.seq + 1
    city.refresh()
    assert muutos(city, "JL") == muutos(other, "JL") == -130_00


def test_a_stale_view_of_other_units_still_writes(city, other):
    other.refresh()
    seen = other.state.seq
    a = city.amend(2025, [Line("KP", "MENOT", -100)], effective=ON, decision=KV_MUUTOS)
    b = other.amend(2025, [Line("JL", "MENOT", -200)], effective=ON, decision=KV_MUUTOS, based_on=seen)
    assert b.seq == a.seq + 1 and b.prev == a.hash


def test_without_based_on_a_stale_writer_appends_as_before(city, other):
    other.refresh()
    city.amend(2025, [Line("JL", "MENOT", -100)], effective=ON, decision=KV_MUUTOS)
    other.amend(2025, [Line("JL", "MENOT", -200)], effective=ON, decision=KV_MUUTOS)
    city.refresh()
    assert muutos(city, "JL") == -300


def test_every_unit_changed_since_is_named(city, other):
    other.refresh()
    seen = other.state.seq
    a = city.amend(2025, [Line("KP", "MENOT", -100)], effective=ON, decision=KV_MUUTOS)
    b = city.amend(2025, [Line("JL", "MENOT", -100), Line("KP", "MENOT", -5)], effective=ON, decision=KV_MUUTOS)
    with pytest.raises(FiguresChanged) as info:
        other.reallocate(2025, [("JL", "MENOT", "KP", "MENOT", 10_00)], effective=ON, decision=KV, based_on=seen)
    assert info.value.changed == {"JL": (b.seq,), "KP": (a.seq, b.seq)}
    assert info.value.unit == "JL"
    assert other.eventlog.head_seq() == b.seq


def test_a_service_transfer_on_a_stale_view_is_refused(city, other):
    other.refresh()
    seen = other.state.seq
    a = city.amend(2025, [Line("TY", "MENOT", -100)], effective=ON, decision=KV_MUUTOS)
    with pytest.raises(FiguresChanged) as info:
        other.transfer("TY", "HP", effective=D(2025, 6, 1), decision=KV, based_on=seen)
    assert info.value.changed == {"TY": (a.seq,)}
    other.transfer("TY", "HP", effective=D(2025, 6, 1), decision=KV, based_on=info.value.head)
    assert other.state.parents(2025)["TY"] == "HP"


def test_a_reversal_counts_as_a_change_to_the_units_it_undoes(city, other):
    first = city.amend(2025, [Line("JL", "MENOT", -100)], effective=ON, decision=KV_MUUTOS)
    other.refresh()
    seen = other.state.seq
    undo = city.reverse(f"#{first.seq}", reason="Väärä yksikkö")
    with pytest.raises(FiguresChanged) as info:
        other.amend(2025, [Line("JL", "MENOT", -7)], effective=ON, decision=KV_MUUTOS, based_on=seen)
    assert info.value.changed == {"JL": (undo.seq,)}
    # and reversing on a stale view of the unit it undoes is refused too
    second = city.amend(2025, [Line("KP", "MENOT", -100)], effective=ON, decision=KV_MUUTOS)
    seen = city.state.seq
    city.amend(2025, [Line("KP", "MENOT", -1)], effective=ON, decision=KV_MUUTOS)
    with pytest.raises(FiguresChanged):
        city.submit(city.reversal(f"#{second.seq}", reason="x"), based_on=seen)


def test_the_race_loser_with_based_on_is_checked_again_against_the_winner(city, target, clock):
    loser = Kirjuri(target, author="hidas", clock=clock)
    try:
        seen = loser.state.seq
        raced = race(loser, lambda: city.amend(2025, [Line("JL", "MENOT", -100)], effective=ON, decision=KV_MUUTOS))
        with pytest.raises(FiguresChanged) as info:
            loser.amend(2025, [Line("JL", "MENOT", -200)], effective=ON, decision=KV_MUUTOS, based_on=seen)
        assert info.value.changed == {"JL": (raced[0].seq,)}
        assert city.eventlog.head_seq() == raced[0].seq
        assert muutos(loser, "JL") == -100
    finally:
        loser.close()


def test_the_race_loser_with_based_on_writes_when_the_winner_touched_another_unit(city, target, clock):
    loser = Kirjuri(target, author="hidas", clock=clock)
    try:
        seen = loser.state.seq
        raced = race(loser, lambda: city.amend(2025, [Line("KP", "MENOT", -100)], effective=ON, decision=KV_MUUTOS))
        mine = loser.amend(2025, [Line("JL", "MENOT", -200)], effective=ON, decision=KV_MUUTOS, based_on=seen)
        assert mine.seq == raced[0].seq + 1
    finally:
        loser.close()


def test_based_on_beyond_the_log_is_refused(city):
    with pytest.raises(Rejected) as info:
        city.amend(2025, [Line("JL", "MENOT", -1)], effective=ON, decision=KV_MUUTOS, based_on=city.state.seq + 1)
    assert info.value.code == "based_on.out_of_range"
    with pytest.raises(Rejected):
        city.amend(2025, [Line("JL", "MENOT", -1)], effective=ON, decision=KV_MUUTOS, based_on=-1)


# --- the key: idempotent retries -----------------------------------------------------------------


def test_the_same_key_twice_writes_one_event(city, other):
    first = city.amend(2025, [Line("JL", "MENOT", -100)], effective=ON, decision=KV_MUUTOS, key="kv-2025-41-jl")
    assert first.event.id == "kv-2025-41-jl"
    again = city.amend(2025, [Line("JL", "MENOT", -100)], effective=ON, decision=KV_MUUTOS, key="kv-2025-41-jl")
    assert again == first
    # from another process, later, by another author, on a view from before the first write
    retry = other.amend(2025, [Line("JL", "MENOT", -100)], effective=ON, decision=KV_MUUTOS, key="kv-2025-41-jl",
                        based_on=first.seq - 1)
    assert retry == first
    assert city.eventlog.head_seq() == first.seq
    other.refresh()
    assert muutos(other, "JL") == -100


def test_the_same_key_with_other_content_is_refused(city):
    first = city.amend(2025, [Line("JL", "MENOT", -100)], effective=ON, decision=KV_MUUTOS, key="k1")
    with pytest.raises(Rejected) as info:
        city.amend(2025, [Line("JL", "MENOT", -101)], effective=ON, decision=KV_MUUTOS, key="k1")
    assert (info.value.field, info.value.value, info.value.code) == ("id", "k1", "id.duplicate")
    with pytest.raises(Rejected):
        city.reallocate(2025, [("JL", "MENOT", "KP", "MENOT", 100)], effective=ON, decision=KV, key="k1")
    with pytest.raises(Rejected):
        city.amend(2025, [Line("JL", "MENOT", -100)], effective=ON, decision=KV_MUUTOS, key="k1", note="toinen")
    assert city.eventlog.head_seq() == first.seq == city.state.seq


def test_a_batch_is_a_retry_only_if_every_event_is_stored(city):
    a = city.amendment(2025, [Line("JL", "MENOT", -1)], effective=ON, decision=KV_MUUTOS, key="b1")
    b = city.amendment(2025, [Line("KP", "MENOT", -2)], effective=ON, decision=KV_MUUTOS, key="b2")
    written = city.submit(a, b)
    assert city.submit(a, b) == written
    c = city.amendment(2025, [Line("KP", "MENOT", -3)], effective=ON, decision=KV_MUUTOS, key="b3")
    with pytest.raises(Rejected) as info:
        city.submit(a, c)
    assert info.value.code == "id.duplicate"
    assert city.eventlog.head_seq() == written[-1].seq


@pytest.mark.parametrize("key", ["", " k", "#12", "a b", "x" * 101, "ä"])
def test_an_unusable_key_is_refused(city, key):
    with pytest.raises(Rejected) as info:
        city.amend(2025, [Line("JL", "MENOT", -1)], effective=ON, decision=KV_MUUTOS, key=key)
    assert info.value.code == "key.invalid"


def test_a_retry_that_races_its_own_first_attempt_ends_with_one_event(city, target, clock):
    """The first attempt commits while the retry (another process) is between sealing and appending."""
    retry = Kirjuri(target, author="testi", clock=clock)
    try:
        def first_attempt():
            return city.amend(2025, [Line("JL", "MENOT", -100)], effective=ON, decision=KV_MUUTOS, key="once")

        raced = race(retry, first_attempt)
        mine = retry.amend(2025, [Line("JL", "MENOT", -100)], effective=ON, decision=KV_MUUTOS, key="once")
        assert mine == raced[0]
        assert city.eventlog.head_seq() == mine.seq
        assert muutos(retry, "JL") == -100
    finally:
        retry.close()


# --- queued writers: the store's writer lock --------------------------------------------------------


@pytest.fixture
def queued(target, clock):
    app = Kirjuri(target, author="jonossa", clock=clock, queue_writers=True)
    yield app
    app.close()


def test_a_queued_writer_is_told_the_figures_changed_and_writes_once_per_key(city, queued):
    seen = queued.state.seq
    a = city.amend(2025, [Line("JL", "MENOT", -100)], effective=ON, decision=KV_MUUTOS)
    with pytest.raises(FiguresChanged) as info:
        queued.amend(2025, [Line("JL", "MENOT", -5)], effective=ON, decision=KV_MUUTOS, based_on=seen, key="q1")
    assert info.value.changed == {"JL": (a.seq,)} and queued.state.seq == a.seq
    b = queued.amend(2025, [Line("JL", "MENOT", -5)], effective=ON, decision=KV_MUUTOS, based_on=a.seq, key="q1")
    assert queued.amend(2025, [Line("JL", "MENOT", -5)], effective=ON, decision=KV_MUUTOS, based_on=seen, key="q1") == b
    with pytest.raises(Rejected) as info:
        queued.amend(2025, [Line("JL", "MENOT", -6)], effective=ON, decision=KV_MUUTOS, key="q1")
    assert info.value.code == "id.duplicate"
    # a queued and a racing writer take turns on one log
    c = city.amend(2025, [Line("KP", "MENOT", -1)], effective=ON, decision=KV_MUUTOS)
    d = queued.amend(2025, [Line("KP", "MENOT", -2)], effective=ON, decision=KV_MUUTOS)
    assert (b.seq, c.seq, d.seq) == (a.seq + 1, a.seq + 2, a.seq + 3) and d.prev == c.hash
    city.refresh()
    assert city.state.fingerprint() == queued.state.fingerprint()
    assert muutos(city, "JL") == -105 and muutos(city, "KP") == -3


def test_a_refused_queued_batch_writes_nothing_and_leaves_the_state_as_it_was(city, queued):
    seq, head = queued.state.seq, queued.state.head
    good = queued.amendment(2025, [Line("JL", "MENOT", -1)], effective=ON, decision=KV_MUUTOS)
    bad = queued.amendment(2025, [Line("NOPE", "MENOT", -1)], effective=ON, decision=KV_MUUTOS)
    with pytest.raises(Rejected):
        queued.submit(good, bad)
    assert (queued.state.seq, queued.state.head) == (seq, head) == (queued.eventlog.head_seq(), city.state.head)
    assert good.id not in queued.state.ids and muutos(queued, "JL") == 0
    assert queued.state.fingerprint() == city.state.fingerprint()


@pytest.mark.parametrize("target", ["postgres"], indirect=True)
def test_a_queued_writer_that_collides_with_a_writer_taking_no_lock_retries(city, queued):
    """A writer that takes no lock (an older Kirjuri) commits between the queued one's read and its insert."""
    original = queued.eventlog.locked
    raced = []

    @contextmanager
    def locked():
        with original() as log:
            append = log.append

            def racing_append(records):
                if not raced:
                    raced.append(city.amend(2025, [Line("JL", "MENOT", -100)], effective=ON, decision=KV_MUUTOS))
                append(records)

            log.append = racing_append
            yield log

    queued.eventlog.locked = locked
    mine = queued.amend(2025, [Line("KP", "MENOT", -200)], effective=ON, decision=KV_MUUTOS)
    assert mine.seq == raced[0].seq + 1 and mine.prev == raced[0].hash
    city.refresh()
    assert city.state.fingerprint() == queued.state.fingerprint()


# --- the command line: --based-on and --key ------------------------------------------------------


def _cli(db: str, *args: str):
    from typer.testing import CliRunner

    from cli.app import app

    return CliRunner().invoke(app, ["--db", db, "--author", "testi", *args])


@pytest.fixture
def db(sqlite_target, clock) -> str:
    app = Kirjuri(sqlite_target, create=True, author="testi", clock=clock)
    small_city(app)
    app.adopt(2025, [Line("JL", "MENOT", -1_000_00), Line("KP", "MENOT", -500_00)], decision=KV)
    app.close()
    return str(sqlite_target.sqlite_path)


AMEND = ("amend", "2025", "--effective", "1.3.2025", "--decision", "KV 24.2.2025 § 9")


def test_cli_amend_with_a_key_writes_once(db, english):
    first = _cli(db, *AMEND, "JL:MENOT=-1 000", "--key", "kv-9-jl")
    again = _cli(db, *AMEND, "JL:MENOT=-1 000", "--key", "kv-9-jl")
    assert first.exit_code == again.exit_code == 0, first.output + again.output
    assert first.stdout == again.stdout and "kv-9-jl" in first.stdout
    other = _cli(db, *AMEND, "JL:MENOT=-2 000", "--key", "kv-9-jl")
    assert other.exit_code == 1 and "is already in the ledger" in other.output
    bad = _cli(db, *AMEND, "JL:MENOT=-2 000", "--key", "kv 9")
    assert bad.exit_code == 1 and "key" in bad.output
    ledger = Kirjuri(Target(sqlite_path=Path(db)))
    assert ledger.state.seq == 10 and muutos(ledger, "JL") == -1_000_00
    ledger.close()


def test_cli_based_on_a_stale_view_shows_what_changed_and_writes_nothing(db, english):
    seen = 9
    assert _cli(db, *AMEND, "JL:MENOT=-1 000").exit_code == 0
    stale = _cli(db, *AMEND, "JL:MENOT=-500", "--based-on", f"#{seen}")
    assert stale.exit_code == 1
    assert "Written since #9 (the ledger is now at #10)" in stale.stdout and "#10" in stale.stdout
    assert "-1\u00a0000" in stale.stdout  # the change that came in between, on JL
    assert "unit: 'JL' changed after #9: #10 touched it since" in stale.output
    retry = _cli(db, *AMEND, "JL:MENOT=-500", "--based-on", "10")
    assert retry.exit_code == 0, retry.output
    assert "recorded #11" in retry.stdout
    assert _cli(db, *AMEND, "KP:MENOT=-5", "--based-on", "9").exit_code == 0  # KP did not change
    assert _cli(db, *AMEND, "KP:MENOT=-5", "--based-on", "yksi").exit_code == 1
    moved = _cli(db, "reallocate", "2025", "--from", "JL:MENOT", "--to", "KP:MENOT", "--amount", "5",
                 "--effective", "2.3.2025", "--decision", "KH 24.2.2025 § 9", "--based-on", "10", "--key", "r1")
    assert moved.exit_code == 1 and "changed after #10" in moved.output
    moved = _cli(db, "reallocate", "2025", "--from", "JL:MENOT", "--to", "KP:MENOT", "--amount", "5",
                 "--effective", "2.3.2025", "--decision", "KH 24.2.2025 § 9", "--based-on", "12", "--key", "r1")
    assert moved.exit_code == 0, moved.output
    moved = _cli(db, "transfer", "TY", "--to", "HP", "--effective", "1.6.2025", "--decision", "KV 24.2.2025 § 9",
                 "--based-on", "13", "--key", "t1")
    assert moved.exit_code == 0, moved.output
    assert "recorded #14 t1" in moved.stdout


# --- load: clerk processes amending the same units at once ------------------------------------------

#: KIRJURI_LOAD=full runs the full load (8 clerks x 500 amendments); the default run is smaller
FULL = os.environ.get("KIRJURI_LOAD") == "full"
CLERKS, AMENDMENTS = 8, (500 if FULL else 60)
LOAD_UNITS = ("JL", "KP", "TP")
#: every this-many amendments a clerk "times out" and sends the same one again
REPLAY_EVERY = 10


def _clerk(db: str, clerk: int, count: int, queue: bool, start, results) -> None:
    """One clerk: read the unit's figure, amend it on that view, retry on a refusal that the figures changed."""
    try:
        app = Kirjuri(resolve_target(db), author=f"clerk{clerk}", queue_writers=queue)
        rng = random.Random(clerk)
        accepted, changed, busy, replays = [], 0, 0, 0
        start.wait()
        for i in range(count):
            unit = LOAD_UNITS[(clerk + i) % len(LOAD_UNITS)]
            cents, key = -rng.randint(1, 1_000_000), f"c{clerk}-{i}"
            while True:
                app.refresh()
                seen = app.state.seq
                try:
                    record = app.amend(2025, [Line(unit, "MENOT", cents)], effective=ON, decision=KV_MUUTOS, key=key,
                                       based_on=seen)
                except FiguresChanged:
                    changed += 1  # reported: re-read and try again
                    continue
                except Conflict:
                    busy += 1  # lost the race for the next position five times: try again
                    continue
                break
            if i % REPLAY_EVERY == 0:
                again = app.amend(2025, [Line(unit, "MENOT", cents)], effective=ON, decision=KV_MUUTOS, key=key,
                                  based_on=seen)
                assert again == record, (again, record)
                replays += 1
            accepted.append((key, record.seq, unit, cents, seen))
        app.close()
        results.put({"clerk": clerk, "accepted": accepted, "changed": changed, "busy": busy, "replays": replays})
    except BaseException as exc:  # noqa: BLE001 - every error goes back to the test
        results.put({"clerk": clerk, "error": f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"})


def run_clerks(db: str, clerks: int, count: int, queue: bool, timeout: float = 900) -> list[dict]:
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(clerks), ctx.Queue()
    procs = [ctx.Process(target=_clerk, args=(db, n, count, queue, start, results)) for n in range(clerks)]
    for proc in procs:
        proc.start()
    try:
        out = [results.get(timeout=timeout) for _ in procs]
    finally:
        for proc in procs:
            proc.join(timeout=30)
            if proc.is_alive():
                proc.kill()
    return sorted(out, key=lambda r: r["clerk"])


@pytest.mark.parametrize("queue", [False, True], ids=["racing", "queued"])
@pytest.mark.parametrize("target", ["postgres", "sqlite"], indirect=True)
def test_clerk_processes_amending_the_same_units_lose_nothing_and_write_nothing_twice(target, clock, queue):
    app = Kirjuri(target, create=True, author="testi", clock=clock)
    small_city(app)
    app.adopt(2025, [Line(unit, "MENOT", -1_000_000_00) for unit in LOAD_UNITS], decision=KV)
    base = app.state.seq
    app.close()
    db = target.postgres_url or str(target.sqlite_path)
    began = time.perf_counter()
    results = run_clerks(db, CLERKS, AMENDMENTS, queue)
    took = time.perf_counter() - began
    errors = [r["error"] for r in results if "error" in r]
    assert not errors, errors[0]
    accepted = [a for r in results for a in r["accepted"]]
    total = CLERKS * AMENDMENTS
    app = Kirjuri(target, author="testi")
    try:
        # exactly N events, each accepted amendment once, under its key, where the clerk was told
        assert app.state.seq == app.eventlog.head_seq() == base + total
        assert len(accepted) == total and len({a[0] for a in accepted}) == total
        records = app.records(range(base + 1, base + total + 1))
        assert sorted((r.event.id, r.seq) for r in records.values()) == sorted((a[0], a[1]) for a in accepted)
        # each unit's MUUTOS is the sum of the amounts accepted for it, in integer cents
        for unit in LOAD_UNITS:
            assert muutos(app, unit) == sum(a[3] for a in accepted if a[2] == unit)
            assert isinstance(muutos(app, unit), int)
        # no lost update: nothing touched a unit between the view an amendment was based on and the amendment
        for _key, seq, unit, _cents, seen in accepted:
            seqs = app.state.touched[unit]
            before = seqs[bisect.bisect_left(seqs, seq) - 1]
            assert before <= seen, (unit, seq, seen, before)
        assert app.verify().passed
    finally:
        app.close()
    changed = sum(r["changed"] for r in results)
    busy = sum(r["busy"] for r in results)
    replays = sum(r["replays"] for r in results)
    where = f"{'postgresql' if target.is_postgres else 'sqlite'}, {'queued' if queue else 'racing'}"
    print(f"\n{where}: {CLERKS} clerks x {AMENDMENTS} amendments = {total} in {took:.1f} s "
          f"({total / took:.0f}/s); figures-changed refusals retried {changed}, lost-race conflicts retried {busy}, "
          f"idempotent replays {replays}")
