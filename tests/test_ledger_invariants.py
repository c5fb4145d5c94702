"""Property tests: random sequences of valid and invalid commands against the ledger.

Most properties run on a fresh SQLite ledger per example (a temporary directory);
``test_store_stays_consistent_on_both_backends`` also runs on PostgreSQL through the
``ledger`` fixture. Bitemporal projections are compared against an independent
brute-force model computed from the decoded event list.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from contextlib import contextmanager
from pathlib import Path

import msgspec
from conftest import KH, KV, Clock, examples, small_city
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from events import accounts
from events.codec import GENESIS, canonical, chain_hash, decode_raw, decode_stored, seal
from events.model import (
    Decision,
    EntryReversed,
    KsSet,
    Line,
    Reallocated,
    ServiceTransferred,
    Stored,
    TaAdopted,
    TaAmended,
    ToteumaRecorded,
    TpeRecorded,
    TpRecorded,
    TsSet,
    UnitRegistered,
    UnitRenamed,
)
from ledger.app import Kirjuri
from ledger.fold.projections import Point, figures, table
from ledger.domain.rules import Rejected
from ledger.fold.state import LedgerState
from ledger.store.log import Target

D = dt.date
LTK = Decision(body="lautakunta", date=D(2025, 1, 20), section="3")
REGISTRATIONS = 8  # small_city

UNITS = ("KJ", "HP", "ET", "HP-YH", "JL", "KP", "TP", "TY")
LEAVES = ("JL", "KP", "TP", "TY")
ACCOUNTS = ("MENOT", "TOIMINTAKULUT", "Henkilöstökulut", "Palvelujen ostot", "TULOT", "Myyntituotot", "Maksutuotot")
YEARS = (2025, 2026)

SETTINGS = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                     HealthCheck.too_slow])


# --- strategies -----------------------------------------------------------------------------------

units = st.sampled_from(LEAVES + LEAVES + UNITS + ("XX",))
account_names = st.sampled_from(ACCOUNTS + ACCOUNTS + ("Matkakulut",))
years = st.sampled_from(YEARS + (2025,))
dates = st.dates(D(2024, 10, 1), D(2026, 3, 31))
decisions = st.sampled_from((KV, KV, KV, KV, KV, KV, KH, None))
#: effective date as days from 1 January of the command's year: mostly inside it, sometimes not
offsets = st.integers(-45, 400)


def in_year(year: int, offset: int) -> dt.date:
    return D(year, 1, 1) + dt.timedelta(days=offset)


def signed(account: str, cents: int) -> int:
    if account in accounts.PARENT and accounts.root_of(account) == accounts.MENOT:
        return -cents
    return cents


@st.composite
def lines(draw) -> tuple[Line, ...]:
    out = []
    for _ in range(draw(st.integers(1, 2))):
        account = draw(account_names)
        out.append(Line(draw(units), account, signed(account, draw(st.integers(0, 2_000_000)))))
    return tuple(out)


adopt = st.tuples(st.just("adopt"), years, lines(), st.integers(-400, 30), decisions)
amend = st.tuples(st.just("amend"), years, lines(), offsets, decisions)
MENOT_SIDE = ("MENOT", "TOIMINTAKULUT", "Henkilöstökulut", "Palvelujen ostot")
TULOT_SIDE = ("TULOT", "Myyntituotot", "Maksutuotot")


@st.composite
def realloc_cmd(draw) -> tuple:
    """Mostly within one side of the budget; sometimes any two names (other side, not an account)."""
    if draw(st.integers(0, 4)) == 0:
        from_account, to_account = draw(account_names), draw(account_names)
    else:
        side = draw(st.sampled_from((MENOT_SIDE, MENOT_SIDE, TULOT_SIDE)))
        from_account, to_account = draw(st.sampled_from(side)), draw(st.sampled_from(side))
    moves = [(draw(units), from_account, draw(units), to_account, draw(st.integers(-10, 1_000_000)))]
    if draw(st.integers(0, 5)) == 0:  # now and then a second move in the same decision
        side = MENOT_SIDE if from_account in MENOT_SIDE else TULOT_SIDE
        moves.append((draw(units), draw(st.sampled_from(side)), draw(units), draw(st.sampled_from(side)),
                      draw(st.integers(1, 1_000_000))))
    return ("realloc", draw(years), tuple(moves), draw(offsets))


realloc = realloc_cmd()
toteuma = st.tuples(st.just("toteuma"), years, lines(), st.integers(-20, 364), st.integers(0, 150))
recorded = st.tuples(st.sampled_from(("ks", "ks", "tpe", "tpe", "tp", "ts")), years, lines(), offsets)
transfer = st.tuples(st.just("transfer"), st.sampled_from(("JL", "KP", "TP", "TY", "JL", "KP", "TP", "TY", "HP-YH", "XX")),
                     st.sampled_from(("HP", "ET", "HP-YH", "HP", "ET", "HP-YH", "KJ", "JL", "XX")), dates,
                     st.sampled_from((0, 0, -1, 1)))  # from_year relative to the effective year
close = st.tuples(st.just("close"), st.sampled_from(LEAVES), dates)
reverse = st.tuples(st.just("reverse"), st.integers(0, 10_000),
                    st.sampled_from(("recent", "recent", "recent", "recent", "any", "bogus", "")))

command = st.one_of(adopt, adopt, amend, amend, amend, realloc, realloc, realloc, toteuma, toteuma, recorded, transfer,
                    transfer, reverse, reverse, reverse, close)
commands = st.lists(command, max_size=30)
#: one command that is never a reversal itself
not_a_reversal = st.one_of(adopt, amend, realloc, toteuma, recorded, transfer, close)


# --- running commands ---------------------------------------------------------------------------------


def execute(app: Kirjuri, cmd: tuple) -> Stored:
    kind = cmd[0]
    if kind == "adopt":
        _, year, lines_, offset, decision = cmd
        return app.adopt(year, list(lines_), decision=decision, effective=in_year(year, offset))
    if kind == "amend":
        _, year, lines_, offset, decision = cmd
        return app.amend(year, list(lines_), effective=in_year(year, offset), decision=decision)
    if kind == "realloc":
        _, year, moves, offset = cmd
        return app.reallocate(year, list(moves), effective=in_year(year, offset), decision=KH)
    if kind == "toteuma":
        _, year, lines_, offset, days = cmd
        start = D(year, 1, 1) + dt.timedelta(days=offset)
        return app.record("toteuma", year, list(lines_), period=(start, start + dt.timedelta(days=days)))
    if kind in ("ks", "tpe", "tp", "ts"):
        _, year, lines_, offset = cmd
        return app.record(kind, year, list(lines_), effective=in_year(year, offset), decision=LTK)
    if kind == "transfer":
        _, unit, to, eff, shift = cmd
        return app.transfer(unit, to, effective=eff, decision=KV, from_year=eff.year + shift)
    if kind == "close":
        _, unit, eff = cmd
        return app.close_unit(unit, effective=eff, decision=KV)
    if kind == "reverse":
        _, k, how = cmd
        ids = list(app.state.ids)
        recent = ids[REGISTRATIONS:] if how == "recent" and len(ids) > REGISTRATIONS else ids
        ref = f"bad{k:06d}" if how == "bogus" else recent[-1 - k % len(recent)]
        return app.reverse(ref, reason="" if how == "" else "korjaus")
    raise AssertionError(kind)


def run(app: Kirjuri, cmds: list[tuple], before_each=None, after_each=None) -> list[Stored | Rejected]:
    """Run every command; each either writes exactly one event or is Rejected and writes nothing."""
    outcomes: list[Stored | Rejected] = []
    for cmd in cmds:
        head = app.eventlog.head_seq()
        assert head == app.state.seq
        context = before_each(app, cmd) if before_each else None
        try:
            record = execute(app, cmd)
        except Rejected as exc:
            assert app.eventlog.head_seq() == head, f"rejected {cmd} but the log grew"
            assert app.state.seq == head
            outcomes.append(exc)
        else:
            assert record.seq == head + 1 == app.eventlog.head_seq() == app.state.seq
            outcomes.append(record)
            if after_each:
                after_each(app, cmd, record, context)
    note(f"{sum(isinstance(o, Stored) for o in outcomes)} of {len(cmds)} commands written")
    return outcomes


@contextmanager
def fresh_ledger():
    with tempfile.TemporaryDirectory() as tmp:
        target = Target(sqlite_path=Path(tmp) / "ledger.sqlite")
        app = Kirjuri(target, create=True, author="hypo", clock=Clock())
        try:
            small_city(app)
            yield app
        finally:
            app.close()


def all_records(app: Kirjuri) -> list[Stored]:
    return [record for records in app.eventlog.read() for record in records]


def fold(records: list[Stored]) -> LedgerState:
    state = LedgerState()
    state.apply_all(records)
    return state


def every_figure(state: LedgerState, point: Point = Point()) -> dict:
    return {(year, unit): figures(state, year, unit, point).amounts for year in YEARS for unit in UNITS}


# --- same events, same figures -------------------------------------------------------------------------


@settings(max_examples=examples(60), **SETTINGS)
@given(cmds=commands)
def test_same_events_give_the_same_state_and_figures(cmds):
    with fresh_ledger() as app:
        run(app, cmds)
        records = all_records(app)
        first, second = fold(records), fold(records)
        assert first.fingerprint() == second.fingerprint()
        # the state the writer built command by command (rejections included) is the fold of the log
        assert app.state.fingerprint() == first.fingerprint()
        reopened = Kirjuri(app.target, author="lukija")
        try:
            assert reopened.state.fingerprint() == first.fingerprint()
            assert every_figure(reopened.state) == every_figure(app.state)
        finally:
            reopened.close()


@settings(max_examples=examples(30), **SETTINGS)
@given(cmds=commands, cut=st.integers(0, 10_000))
def test_the_accounts_held_are_every_account_a_cell_holds(cmds, cut):
    """``accounts_held`` is kept as cells are made, for each write asks it (an account the chart does not know
    stops writing): folded event by event, in bulk or from a checkpoint, it is what a look at every cell finds."""
    with fresh_ledger() as app:
        run(app, cmds)
        records = all_records(app)
        k = cut % (len(records) + 1)
        restored = LedgerState.from_checkpoint(fold(records[:k]).to_checkpoint())
        restored.apply_all(records[k:])
        for state in (app.state, fold(records), restored):
            assert state.accounts_held() == {account for cells in state.cells.values() for account, _c in cells}


# --- checkpoints -------------------------------------------------------------------------------------------


@settings(max_examples=examples(60), **SETTINGS)
@given(cmds=commands, more=commands, cut=st.integers(0, 10_000))
def test_checkpoint_then_rest_equals_everything(cmds, more, cut):
    with fresh_ledger() as app:
        run(app, cmds)
        app.checkpoint()
        run(app, more)
        records = all_records(app)
        whole = fold(records).fingerprint()
        k = cut % (len(records) + 1)
        prefix = fold(records[:k])
        restored = LedgerState.from_checkpoint(prefix.to_checkpoint())
        assert restored.fingerprint() == prefix.fingerprint()
        restored.apply_all(records[k:])
        # checkpointed again before anything asked for an id: the ids folded since are kept
        assert LedgerState.from_checkpoint(restored.to_checkpoint()).fingerprint() == whole
        assert restored.fingerprint() == whole
        # a ledger opened from its stored checkpoint folds the rest to the same state
        reopened = Kirjuri(app.target, author="lukija")
        try:
            assert reopened.state.fingerprint() == whole
        finally:
            reopened.close()


def test_checkpoint_keeps_ids_that_would_break_a_joined_blob():
    """Event ids are stored newline-joined; an id with a newline (a crafted export) must survive too."""
    with fresh_ledger() as app:
        records = all_records(app)
    for odd in ("line\nbreak", ""):
        changed = [msgspec.structs.replace(records[0], event=msgspec.structs.replace(records[0].event, id=odd))]
        for many in (changed, changed + records[1:]):
            state = fold(many)
            restored = LedgerState.from_checkpoint(state.to_checkpoint())
            assert restored.ids == state.ids and restored.ids[odd] == 1


# --- reallocation keeps the common parent's total -------------------------------------------------------------


def _chain(state: LedgerState, year: int, unit: str) -> list[str]:
    parents = state.parents(year)
    out = [unit]
    while parents.get(out[-1]) is not None:
        out.append(parents[out[-1]])
    return out


def _totals(amounts: dict, root: str) -> dict:
    return {(acc, col): amounts.get((acc, col)) or 0
            for acc in (root, "NETTOMENO") for col in ("TA", "MUUTOS", "TA+MUUTOS")}


@settings(max_examples=examples(60), **SETTINGS)
@given(cmds=st.lists(st.one_of(realloc, realloc, realloc, adopt, amend, toteuma, transfer, reverse), max_size=30))
def test_reallocation_never_changes_the_common_parent(cmds):
    checked = []

    def before(app, cmd):
        return every_figure(app.state) if cmd[0] == "realloc" else None

    def after(app, cmd, record, snapshot):
        if not isinstance(record.event, Reallocated):
            return
        event = record.event
        now = every_figure(app.state)
        chains = [_chain(app.state, event.year, unit) for m in event.moves for unit in (m.from_unit, m.to_unit)]
        common = [node for node in chains[0] if all(node in chain for chain in chains)]
        assert common and common[-1] == "KJ"
        for root in {accounts.root_of(m.from_account) for m in event.moves}:
            for node in common:
                key = (event.year, node)
                assert _totals(now[key], root) == _totals(snapshot[key], root), node
        # units off every endpoint's chain, and other years, see nothing at all
        touched = {node for chain in chains for node in chain}
        for (year, node), amounts in now.items():
            if year != event.year or node not in touched:
                assert amounts == snapshot[(year, node)], (year, node)
        if len(event.moves) == 1:
            # the source alone lost what the target alone gained (the move's amount as stored)
            [move] = event.moves
            root = accounts.root_of(move.from_account)
            for node, sign in ((move.from_unit, -1), (move.to_unit, 1)):
                if node in common:
                    continue
                key = (event.year, node)
                change = (now[key].get((root, "MUUTOS")) or 0) - (snapshot[key].get((root, "MUUTOS")) or 0)
                assert change == sign * move.amount
                # and the clerk's positive amount makes a MENOT target's budget larger (more negative)
                assert (change < 0) == ((sign > 0) == (root == accounts.MENOT))
        checked.append(record.seq)

    with fresh_ledger() as app:
        run(app, cmds, before, after)
    note(f"{len(checked)} reallocations checked")


# --- reversal restores the figures --------------------------------------------------------------------------


@settings(max_examples=examples(60), **SETTINGS)
@given(cmds=commands, last=not_a_reversal)
def test_reversing_the_last_event_restores_the_figures_before_it(cmds, last):
    with fresh_ledger() as app:
        run(app, cmds)
        before = every_figure(app.state)
        [outcome] = run(app, [last])
        if isinstance(outcome, Stored):
            every_figure(app.state)  # read the figures in between, as a user would
            app.reverse(outcome.event.id, reason="korjaus")
        assert every_figure(app.state) == before


@settings(max_examples=examples(60), **SETTINGS)
@given(cmds=commands, pick=st.integers(0, 10_000))
def test_reversing_any_event_is_as_if_it_never_happened(cmds, pick):
    with fresh_ledger() as app:
        run(app, cmds)
        records = all_records(app)
        undone = {r.event.target for r in records if isinstance(r.event, EntryReversed)}
        candidates = [r for r in records[REGISTRATIONS:]
                      if not isinstance(r.event, EntryReversed) and r.event.id not in undone]
        if not candidates:
            return
        target = candidates[pick % len(candidates)]
        target_seq = target.seq
        every_figure(app.state)  # read the figures in between, as a user would
        reversal = app.reverse(target.event.id, reason="korjaus")
        # replay the log without the target and its reversal, in the same order
        without = LedgerState()
        for record in records:
            if record.seq != target_seq:
                sealed, _data = seal(record.event, without.seq + 1, without.head)
                without.apply(sealed)
        assert reversal.seq == len(records) + 1
        assert every_figure(app.state) == every_figure(without)


# --- bitemporal points against a brute-force model -------------------------------------------------------------


def _visible(records: list[Stored], on: dt.date | None, at: dt.datetime | None) -> list[Stored]:
    """Figure events in force as of effective date ``on``, as known at ``at``."""
    known = [r for r in records if at is None or r.event.recorded_at <= at]
    undone = {r.event.target for r in known if isinstance(r.event, EntryReversed)}
    return [r for r in known if r.event.id not in undone and (on is None or r.event.effective <= on)]


def _cells(records: list[Stored], year: int) -> dict[tuple[str, str, str], int]:
    """(unit, account, column) -> cents: additive columns summed, KS/TP/TPE/TS the latest in force."""
    sums: dict[tuple[str, str, str], int] = {}
    latest: dict[tuple[str, str, str], tuple[dt.date, int, int]] = {}
    additive = {TaAdopted: "TA", TaAmended: "MUUTOS", ToteumaRecorded: "TOTEUMA"}
    replacing = {KsSet: "KS", TpeRecorded: "TPE", TpRecorded: "TP", TsSet: "TS"}
    for r in records:
        e = r.event
        if getattr(e, "year", None) != year:
            continue
        if type(e) in additive:
            for line in e.lines:
                key = (line.unit, line.account, additive[type(e)])
                sums[key] = sums.get(key, 0) + line.amount
        elif isinstance(e, Reallocated):
            for m in e.moves:
                for unit, account, cents in ((m.from_unit, m.from_account, -m.amount), (m.to_unit, m.to_account, m.amount)):
                    key = (unit, account, "MUUTOS")
                    sums[key] = sums.get(key, 0) + cents
        elif type(e) in replacing:
            for line in e.lines:
                key = (line.unit, line.account, replacing[type(e)])
                if key not in latest or (e.effective, r.seq) > latest[key][:2]:
                    latest[key] = (e.effective, r.seq, line.amount)
    return sums | {key: value[2] for key, value in latest.items()}


def _rolled(cells: dict[tuple[str, str, str], int], units_: set[str]) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for (unit, account, column), cents in cells.items():
        if unit not in units_:
            continue
        acc: str | None = account
        while acc is not None:
            out[(acc, column)] = out.get((acc, column), 0) + cents
            acc = accounts.PARENT[acc]
    columns = {c for _a, c in out}
    for line, parts in (("NETTOMENO", ("MENOT", "TULOT")), ("TOIMINTAKATE", ("TOIMINTATUOTOT", "TOIMINTAKULUT"))):
        for column in columns:
            if any((p, column) in out for p in parts):
                out[(line, column)] = sum(out.get((p, column), 0) for p in parts)
    for acc in {a for a, _c in out}:
        if (acc, "TA") in out or (acc, "MUUTOS") in out:
            out[(acc, "TA+MUUTOS")] = out.get((acc, "TA"), 0) + out.get((acc, "MUUTOS"), 0)
    return out


COMPARED = ("TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "KS", "TP", "TPE", "TS")


def _organisation(visible: list[Stored], year: int) -> dict[str, set[str]]:
    """node -> the units counted under it for ``year``: registrations, then transfers by (effective, seq)."""
    parent: dict[str, str | None] = {}
    for r in visible:
        if isinstance(r.event, UnitRegistered):
            parent[r.event.code] = r.event.parent
    moves = sorted((r for r in visible if isinstance(r.event, ServiceTransferred) and year >= r.event.from_year),
                   key=lambda r: (r.event.effective, r.seq))
    for r in moves:
        if r.event.unit in parent:
            parent[r.event.unit] = r.event.to_parent
    below: dict[str, set[str]] = {node: {node} for node in UNITS}
    for unit in parent:
        node, hops = unit, 0
        while node is not None:
            below.setdefault(node, {node}).add(unit)
            node, hops = parent.get(node), hops + 1
            assert hops < 10, f"cycle in the organisation at {unit}"
    return below


def _compared(amounts: dict) -> dict:
    return {k: v for k, v in amounts.items() if k[1] in COMPARED}


@settings(max_examples=examples(60), **SETTINGS)
@given(cmds=commands, data=st.data())
def test_as_of_and_known_at_match_a_brute_force_model(cmds, data):
    with fresh_ledger() as app:
        run(app, cmds)
        records = all_records(app)
        written = records[REGISTRATIONS:]
        # every boundary: each recording time and each effective date, exactly and just before
        times = sorted({r.event.recorded_at for r in written})
        days = sorted({r.event.effective for r in written})
        points = [(None, None)]
        points += [(None, t - shift) for t in times for shift in (dt.timedelta(0), dt.timedelta(microseconds=1))]
        points += [(d - shift, None) for d in days for shift in (dt.timedelta(0), dt.timedelta(days=1))]
        if written:
            # and some of both at once
            points += data.draw(st.lists(st.tuples(st.sampled_from(days), st.sampled_from(times)), max_size=6))
        if data.draw(st.booleans()):  # the UI indexes a year's cells for time travel before the first step
            list(app.state.prepare_time_travel(data.draw(st.sampled_from(YEARS)), batch=2))
        for on, at in points:
            visible = _visible(records, on, at)
            point = Point(on=on, known_at=at)
            for year in YEARS:
                cells = _cells(visible, year)
                below = _organisation(visible, year)
                for node in UNITS:
                    got = figures(app.state, year, node, point).amounts
                    assert _compared(got) == _compared(_rolled(cells, below[node])), (year, node, on, at)
                    # the table reads each unit once and adds the children up: the same figures
                    for row in table(app.state, year, node, point):
                        assert row.figures.amounts == figures(app.state, year, row.code, point).amounts


# --- toteuma periods ---------------------------------------------------------------------------------------------


@settings(max_examples=examples(75), **SETTINGS)
@given(steps=st.lists(st.tuples(st.integers(0, 364), st.integers(0, 90), st.integers(-3, 5)), min_size=1, max_size=15))
def test_toteuma_periods_are_refused_exactly_when_they_overlap_a_live_one(steps):
    """Brute force: a period is refused iff it overlaps a period recorded and not reversed, for the same cell."""
    with fresh_ledger() as app:
        live: list[tuple[dt.date, dt.date, Stored]] = []
        for offset, length, undo in steps:
            start = D(2025, 1, 1) + dt.timedelta(days=offset)
            end = min(start + dt.timedelta(days=length), D(2025, 12, 31))
            clash = [(s, e) for s, e, _r in live if s <= end and start <= e]
            try:
                record = app.record("toteuma", 2025, [Line("JL", "Henkilöstökulut", -100), Line("KP", "MENOT", -1)],
                                    period=(start, end))
            except Rejected as exc:
                assert clash, f"{start}–{end} refused though no live period overlaps it: {exc}"
                assert exc.field == "period_start"
            else:
                assert not clash, f"{start}–{end} accepted over {clash}"
                live.append((start, end, record))
            if undo >= 0 and live:
                _s, _e, record = live.pop(undo % len(live))
                app.reverse(record.event.id, reason="korjaus")
        total = -100 * len(live)
        assert figures(app.state, 2025, "JL").get("Henkilöstökulut", "TOTEUMA") == (total or None)


# --- the store stays consistent ---------------------------------------------------------------------------------


def assert_consistent_log(app: Kirjuri) -> list[Stored]:
    """seq 1..N, each hash the chain hash of the previous hash and the event's canonical encoding."""
    prev, out = GENESIS, []
    for rows in app.eventlog.read_raw():
        for seq, data in rows:
            record = decode_stored(data)
            raw = decode_raw(data)
            assert record.seq == seq == len(out) + 1
            assert record.prev == prev
            assert canonical(record.event) == bytes(raw.event)
            assert record.hash == chain_hash(prev, canonical(record.event))
            prev = record.hash
            out.append(record)
    assert app.eventlog.head_seq() == len(out) == app.state.seq
    assert app.state.head == prev
    return out


@settings(max_examples=examples(60), **SETTINGS)
@given(cmds=commands)
def test_any_commands_leave_the_store_consistent(cmds):
    with fresh_ledger() as app:
        outcomes = run(app, cmds)
        records = assert_consistent_log(app)
        written = [o for o in outcomes if isinstance(o, Stored)]
        assert len(written) == len(records) - REGISTRATIONS
        assert [r.hash for r in records[REGISTRATIONS:]] == [w.hash for w in written]


@settings(max_examples=10, **SETTINGS)
@given(cmds=st.lists(command, max_size=20))
def test_store_stays_consistent_on_both_backends(ledger, cmds):
    """The same property on the ``ledger`` fixture (SQLite and PostgreSQL), shared across examples."""
    if "KJ" not in ledger.state.units:
        small_city(ledger)
    start = ledger.eventlog.head_seq()
    outcomes = run(ledger, cmds)
    written = [o for o in outcomes if isinstance(o, Stored)]
    records = assert_consistent_log(ledger)
    assert len(records) - start == len(written)
    assert fold(records).fingerprint() == ledger.state.fingerprint()
    reopened = Kirjuri(ledger.target, author="lukija")
    try:
        assert reopened.state.fingerprint() == ledger.state.fingerprint()
    finally:
        reopened.close()


def test_an_event_naming_what_the_state_lacks_changes_nothing_unless_folded_inert():
    """A fold never stops half-way: ``verify`` reads on past such an event as a place in the log."""
    state = LedgerState()
    at = dt.datetime(2025, 1, 2, tzinfo=dt.timezone.utc)
    for i, event in enumerate([
        EntryReversed(id="r", effective=dt.date(2025, 1, 1), recorded_at=at, author="a", target="ei-ole", reason="x"),
        UnitRenamed(id="n", effective=dt.date(2025, 1, 1), recorded_at=at, author="a", code="EI", name="Uusi"),
    ]):
        record, _data = seal(event, 1, GENESIS)
        before = state.fingerprint()
        try:
            state.apply(record)
        except ValueError as exc:
            assert ("ei-ole", "EI")[i] in str(exc)
        else:
            raise AssertionError("folded an event naming nothing in the ledger")
        assert state.fingerprint() == before
    state.apply(record, inert=True)
    assert (state.seq, state.ids, state.kind(1), state.units) == (1, {"n": 1}, "unit_renamed", {})
