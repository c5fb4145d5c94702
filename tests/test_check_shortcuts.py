"""The overrun and KS checks at a write share what they read of one event until the next event folds: its
binding units' cells after it (``authority._cells_after``). A shared answer kept past its event would judge a
write by figures the ledger no longer holds. Whatever the history, and whatever was judged before on the same state
(a refused write, an event judged again once another was written), a write is judged as the checks with no
shortcut judge it on a state folded afresh."""

from __future__ import annotations

import datetime as dt
from unittest.mock import patch

from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from events.codec import GENESIS, seal
from events.model import (
    LEVELS,
    EntryReversed,
    KsSet,
    Line,
    Move,
    ProjectOpened,
    Reallocated,
    TaAdopted,
    TaAmended,
    ToteumaRecorded,
    TpeRecorded,
    TpRecorded,
    UnitRegistered,
)
from ledger.audit import authority
from ledger.fold.state import LedgerState

YEAR = 2025
UNITS = ("K", "T1", "T2", "V1", "Y1", "Y2", "Y3", "P0")
ACCOUNTS = ("MENOT", "TULOT", "Investointimenot")
AT = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
FIGURES = (TaAdopted, TaAmended, KsSet, ToteumaRecorded, TpeRecorded, TpRecorded)


class History:
    """A log folded into one long-lived state, as a ledger's writer keeps it."""

    def __init__(self) -> None:
        self.state, self.records = LedgerState(), []

    def event(self, cls, effective: dt.date = dt.date(YEAR, 1, 1), **fields):
        n = len(self.records) + 1
        return cls(id=f"e{n}", effective=effective, recorded_at=AT + dt.timedelta(seconds=n), author="testi",
                   **fields)

    def fold(self, event) -> None:
        record, _data = seal(event, self.state.seq + 1, self.state.head if self.records else GENESIS)
        self.state.apply(record)
        self.records.append(record)

    def afresh(self) -> LedgerState:
        state = LedgerState()
        for record in self.records:
            state.apply(record)
        return state


def figures(data, history: History):
    """A figure event of any kind the checks read (or a reversal of one), on the units and accounts above."""
    kind = data.draw(st.sampled_from((*FIGURES, Reallocated, EntryReversed)))
    effective = dt.date(YEAR, data.draw(st.integers(1, 12)), 1)
    cells = st.tuples(st.sampled_from(UNITS), st.sampled_from(ACCOUNTS), st.integers(-5_000_00, 5_000_00))
    if kind is EntryReversed:
        done = {r.event.target for r in history.records if isinstance(r.event, EntryReversed)}
        targets = [r.event.id for r in history.records if hasattr(r.event, "year") and r.event.id not in done]
        if targets:
            return history.event(EntryReversed, effective, target=data.draw(st.sampled_from(targets)), reason="x")
        kind = TaAmended
    if kind is Reallocated:
        moves = data.draw(st.lists(st.tuples(cells, st.sampled_from(UNITS)), min_size=1, max_size=3))
        return history.event(Reallocated, effective, year=YEAR, moves=tuple(
            Move(from_unit=unit, from_account=account, to_unit=to, to_account=account, amount=abs(cents) + 1)
            for (unit, account, cents), to in moves))
    lines = tuple(Line(*cell) for cell in data.draw(st.lists(cells, min_size=1, max_size=4)))
    if kind is ToteumaRecorded:
        month = effective.month
        return history.event(kind, effective, year=YEAR, lines=lines, period_start=dt.date(YEAR, month, 1),
                             period_end=dt.date(YEAR, month, 28))
    return history.event(kind, effective, year=YEAR, lines=lines)


def judged_plainly(rules: authority.Rules, state: LedgerState, event) -> list:
    """The checks with no shortcut: nothing remembered."""
    with patch.object(LedgerState, "remember", lambda self, key, compute: compute()):
        return authority.breaches(rules, state, event)


@given(st.data(), st.sampled_from(LEVELS), st.sampled_from(authority.PROJECT_LEVELS + ("toimiala",)),
       st.integers(0, 300_00))
@settings(max_examples=examples(60), deadline=None)
def test_a_write_is_judged_as_the_checks_with_no_shortcut_judge_it(data, level, invest_level, tolerance):
    rules = authority.Rules(level=level, tolerance=tolerance, parts={
        "investointi": authority.PartBinding(invest_level, "Investointimenot")})
    history = History()
    for code, unit_level, parent in (("K", "kaupunki", None), ("T1", "toimiala", "K"), ("T2", "toimiala", "K"),
                                     ("V1", "vastuualue", "T1"), ("Y1", "yksikkö", "V1"), ("Y2", "yksikkö", "V1"),
                                     ("Y3", "yksikkö", "T2")):
        history.fold(history.event(UnitRegistered, code=code, name=code, level=unit_level, parent=parent))
    history.fold(history.event(ProjectOpened, code="P0", name="P0", group="T2", unit="T2", cost_estimate=100_00,
                               first_year=2024, last_year=2026))
    refused = None
    for _step in range(data.draw(st.integers(1, 15))):
        fresh = history.afresh()
        if refused is not None:  # judged again once another event was written
            assert authority.breaches(rules, history.state, refused) == judged_plainly(rules, fresh, refused)
        refused, event = figures(data, history), figures(data, history)
        authority.breaches(rules, history.state, refused)
        for _again in range(2):
            assert authority.breaches(rules, history.state, event) == judged_plainly(rules, fresh, event)
        history.fold(event)
