"""Every rule an event must pass before it is written, as pure functions of the state.

A rule failure raises ``Rejected`` naming the field and the value in one line, so the
CLI and the TUI can show it as it is and nothing is written.
"""

from __future__ import annotations

import datetime as dt

from events import accounts
from events.model import (
    BreakdownStated,
    LEVELS,
    EntryReversed,
    Event,
    KsSet,
    Line,
    Reallocated,
    ServiceTransferred,
    TaAdopted,
    TaAmended,
    ToteumaRecorded,
    TpeRecorded,
    TpRecorded,
    TsSet,
    UnitClosed,
    UnitRegistered,
    UnitRenamed,
)
from ledger.money import format_amount, format_date
from ledger.state import ACCOUNT_ANCESTORS, COLUMN_OF, SET_COLUMNS, LedgerState

FIRST_YEAR, LAST_YEAR = 1990, 2100


class Rejected(ValueError):
    """A command that breaks a rule: nothing was written."""

    def __init__(self, field: str, value: object, why: str):
        self.field, self.value, self.why = field, value, why
        super().__init__(f"{field}: {value!r} {why}")


def _d(ordinal: int) -> str:
    return format_date(dt.date.fromordinal(ordinal))


def _eur(cents: int) -> str:
    return format_amount(cents, sep=" ")


# --- what each kind needs ---------------------------------------------------------

#: kinds that are not valid without a decision (body, date, §)
NEEDS_DECISION = (TaAdopted, TaAmended, Reallocated, KsSet, TsSet, ServiceTransferred, UnitClosed)
#: kuntalaki § 110: only the valtuusto adopts and amends the budget
COUNCIL_ONLY = (TaAdopted, TaAmended)


def fiscal_window(event: Event, year: int) -> tuple[dt.date, dt.date]:
    """The effective dates a figure event for fiscal ``year`` may carry."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if isinstance(event, (TaAdopted, KsSet)):
        return dt.date(year - 1, 1, 1), end
    if isinstance(event, TpRecorded):
        return end, dt.date(year + 1, 12, 31)
    if isinstance(event, TsSet):
        return dt.date(year - 5, 1, 1), end
    if isinstance(event, BreakdownStated):
        return _BREAKDOWN_WINDOWS[event.column](year)
    return start, end


#: a breakdown is dated like the figures it breaks down
_BREAKDOWN_WINDOWS = {
    "TA": lambda y: (dt.date(y - 1, 1, 1), dt.date(y, 12, 31)),
    "KS": lambda y: (dt.date(y - 1, 1, 1), dt.date(y, 12, 31)),
    "TS": lambda y: (dt.date(y - 5, 1, 1), dt.date(y, 12, 31)),
    "TP": lambda y: (dt.date(y, 12, 31), dt.date(y + 1, 12, 31)),
    "TA+MUUTOS": lambda y: (dt.date(y, 1, 1), dt.date(y, 12, 31)),
    "TPE": lambda y: (dt.date(y, 1, 1), dt.date(y, 12, 31)),
}


def check(state: LedgerState, event: Event) -> None:
    """Raise ``Rejected`` unless ``event`` may be appended to ``state``."""
    if event.id in state.ids:
        raise Rejected("id", event.id, "is already in the ledger")
    if not event.author.strip():
        raise Rejected("author", event.author, "is empty: every change names who made it")
    if isinstance(event, NEEDS_DECISION) and event.decision is None:
        raise Rejected("decision", "", f"is missing: {type(event).__name__} needs one (body, date, §, e.g. 'KV 26.5.2025 § 50')")
    if event.decision is not None:
        if not event.decision.section.strip():
            raise Rejected("decision.section", event.decision.section, "is empty: cite the § of the minutes")
        if isinstance(event, COUNCIL_ONLY) and event.decision.body != "valtuusto":
            raise Rejected("decision.body", event.decision.body, "may not adopt or amend the TA: only the valtuusto may (kuntalaki § 110)")
    if len(event.note) > 4000:
        raise Rejected("note", event.note[:20] + "…", "is longer than 4000 characters")
    _CHECKS[type(event)](state, event)


# --- organisation -----------------------------------------------------------------


def _open_unit(state: LedgerState, field: str, code: str, on: dt.date) -> None:
    """The unit exists and is open on ``on`` (as the ledger knows now)."""
    unit = state.units.get(code)
    if unit is None:
        raise Rejected(field, code, "is not a known unit")
    ordinal = on.toordinal()
    if unit.registered[1] in state.reversed_by:
        raise Rejected(field, code, "was registered by a reversed entry")
    if unit.registered[0] > ordinal:
        raise Rejected(field, code, f"does not exist yet on {format_date(on)} (registered from {_d(unit.registered[0])})")
    if unit.closed:
        closed = state.closed_on(code, state.seq)
        if closed is not None and closed <= ordinal:
            raise Rejected(field, code, f"is closed (from {_d(closed)})")


def _registered(state: LedgerState, e: UnitRegistered) -> None:
    if not e.code.strip() or e.code != e.code.strip():
        raise Rejected("code", e.code, "is not a valid unit code")
    if e.code in state.units:
        raise Rejected("code", e.code, f"is already registered ({state.name(e.code)})")
    if not e.name.strip():
        raise Rejected("name", e.name, "is empty")
    if e.level not in LEVELS:
        raise Rejected("level", e.level, f"is not one of {', '.join(LEVELS)}")
    if e.parent is None:
        if e.level != "kaupunki":
            raise Rejected("parent", None, f"is required for a {e.level}")
        return
    _open_unit(state, "parent", e.parent, e.effective)
    parent_level = state.units[e.parent].level
    if LEVELS.index(parent_level) >= LEVELS.index(e.level):
        raise Rejected("parent", e.parent, f"is a {parent_level}: a {e.level} must sit below a higher level")


def _renamed(state: LedgerState, e: UnitRenamed) -> None:
    _open_unit(state, "unit", e.code, e.effective)
    if not e.name.strip():
        raise Rejected("name", e.name, "is empty")
    if state.name(e.code, e.effective.toordinal()) == e.name:
        raise Rejected("name", e.name, f"is already the name of {e.code}")


def _closed(state: LedgerState, e: UnitClosed) -> None:
    _open_unit(state, "unit", e.code, e.effective)
    on = e.effective.toordinal()
    for year in (e.effective.year, e.effective.year + 1):
        open_kids = [c for c in state.children(e.code, year, on) if state.closed_on(c, state.seq) is None]
        if open_kids:
            raise Rejected("unit", e.code, f"still has open units below it: {', '.join(open_kids)}")


def _transferred(state: LedgerState, e: ServiceTransferred) -> None:
    _open_unit(state, "unit", e.unit, e.effective)
    _open_unit(state, "to_parent", e.to_parent, e.effective)
    if not FIRST_YEAR <= e.from_year <= LAST_YEAR:
        raise Rejected("from_year", e.from_year, f"is outside {FIRST_YEAR}–{LAST_YEAR}")
    on = e.effective.toordinal()
    current = state.parents(e.from_year, on).get(e.unit)
    if e.from_parent != current:
        raise Rejected("from_parent", e.from_parent, f"is not where {e.unit} is on {format_date(e.effective)} (it is under {current})")
    if e.to_parent == current:
        raise Rejected("to_parent", e.to_parent, f"is where {e.unit} already is")
    for year in (e.from_year, e.effective.year):
        if e.to_parent in state.subtree(e.unit, year, on):
            raise Rejected("to_parent", e.to_parent, f"is {e.unit} itself or below it: the move would make a cycle")
    to_level, level = state.units[e.to_parent].level, state.units[e.unit].level
    if LEVELS.index(to_level) >= LEVELS.index(level):
        raise Rejected("to_parent", e.to_parent, f"is a {to_level}: a {level} must sit below a higher level")


# --- figures -----------------------------------------------------------------------


def _year_and_date(e: Event, year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Rejected("year", year, f"is outside {FIRST_YEAR}–{LAST_YEAR}")
    first, last = fiscal_window(e, year)
    if not first <= e.effective <= last:
        raise Rejected(
            "effective", format_date(e.effective),
            f"is outside the window for {type(e).__name__} {year} ({format_date(first)}–{format_date(last)})",
        )


def _lines(state: LedgerState, e: Event, year: int, lines: tuple[Line, ...]) -> None:
    if not lines:
        raise Rejected("lines", [], "are empty: nothing to record")
    seen: dict[tuple[str, str], int] = {}
    checked: set[str] = set()
    for i, line in enumerate(lines, 1):
        if line.account not in ACCOUNT_ANCESTORS:
            raise Rejected(f"lines[{i}].account", line.account, "is not an account (see `kirjuri accounts`)")
        if line.unit not in checked:
            _open_unit(state, f"lines[{i}].unit", line.unit, e.effective)
            checked.add(line.unit)
        key = (line.unit, line.account)
        if key in seen:
            raise Rejected(f"lines[{i}].account", line.account, f"appears twice for unit {line.unit}")
        seen[key] = i
    if len(seen) > 1:
        for (unit, account), i in seen.items():
            for other in ACCOUNT_ANCESTORS[account][1:]:
                if (unit, other) in seen:
                    raise Rejected(f"lines[{i}].account", account, f"would be counted twice: {other} of unit {unit} is on the same entry")


def _no_double_count(state: LedgerState, e: Event, year: int, lines: tuple[Line, ...]) -> None:
    """A column may hold an account or its parts for a unit, never both."""
    column = COLUMN_OF[type(e)]
    for i, line in enumerate(lines, 1):
        cells = state.unit_cells(year, line.unit)
        if not cells:
            continue
        for account in RELATED[line.account]:
            cell = cells.get((account, column))
            if cell is None or not _has_live_entry(state, cell):
                continue
            if account == line.account:
                if column == "TA":
                    raise Rejected(f"lines[{i}].account", line.account, f"already has TA {year} for unit {line.unit}: amend it or reverse that entry")
                continue
            raise Rejected(f"lines[{i}].account", line.account, f"would be counted twice: unit {line.unit} has {column} {year} on {account}")


def _has_live_entry(state: LedgerState, cell) -> bool:
    if not cell.reversed_any:
        return len(cell) > 0
    return any(seq not in state.reversed_by for seq in cell.rest[0::2])


#: an account, the accounts it rolls up into and its parts: the ones that share its money
RELATED = {
    account: (account,) + ACCOUNT_ANCESTORS[account][1:]
    + tuple(a for a in accounts.ACCOUNTS if account in ACCOUNT_ANCESTORS[a][1:])
    for account in accounts.ACCOUNTS
}


def _figures(state: LedgerState, e: TaAdopted) -> None:
    _year_and_date(e, e.year)
    _lines(state, e, e.year, e.lines)
    if COLUMN_OF[type(e)] in SET_COLUMNS or isinstance(e, TaAdopted):
        _no_double_count(state, e, e.year, e.lines)


def _amended(state: LedgerState, e: TaAmended) -> None:
    _year_and_date(e, e.year)
    _lines(state, e, e.year, e.lines)
    for i, line in enumerate(e.lines, 1):
        if line.amount == 0:
            raise Rejected(f"lines[{i}].amount", "0", "changes nothing")


def _toteuma(state: LedgerState, e: ToteumaRecorded) -> None:
    if e.period_start > e.period_end:
        raise Rejected("period_start", format_date(e.period_start), f"is after period_end {format_date(e.period_end)}")
    for name, day in (("period_start", e.period_start), ("period_end", e.period_end)):
        if day.year != e.year:
            raise Rejected(name, format_date(day), f"is outside the fiscal year {e.year}")
    if e.effective != e.period_end:
        raise Rejected("effective", format_date(e.effective), f"must be the period's end {format_date(e.period_end)}")
    _year_and_date(e, e.year)
    _lines(state, e, e.year, e.lines)
    start, end = e.period_start.toordinal(), e.period_end.toordinal()
    for line in e.lines:
        clash = state.overlapping_period(e.year, line.unit, line.account, start, end)
        if clash is not None:
            raise Rejected(
                "period_start", format_date(e.period_start),
                f"overlaps toteuma {_d(clash[0])}–{_d(clash[1])} already recorded for {line.unit} {line.account}",
            )


def _reallocated(state: LedgerState, e: Reallocated) -> None:
    _year_and_date(e, e.year)
    if not e.moves:
        raise Rejected("moves", [], "are empty: nothing to reallocate")
    delta: dict[tuple[str, str], int] = {}
    for i, m in enumerate(e.moves, 1):
        for side in ("from", "to"):
            unit, account = getattr(m, f"{side}_unit"), getattr(m, f"{side}_account")
            if account not in accounts.PARENT:
                raise Rejected(f"moves[{i}].{side}_account", account, "is not an account (see `kirjuri accounts`)")
            _open_unit(state, f"moves[{i}].{side}_unit", unit, e.effective)
        if (m.from_unit, m.from_account) == (m.to_unit, m.to_account):
            raise Rejected(f"moves[{i}].to_unit", m.to_unit, "is the source itself: nothing moves")
        if accounts.root_of(m.from_account) != accounts.root_of(m.to_account):
            raise Rejected(f"moves[{i}].to_account", m.to_account, f"is on the other side of {m.from_account}: a reallocation moves MENOT to MENOT or TULOT to TULOT")
        if m.amount == 0:
            raise Rejected(f"moves[{i}].amount", "0", "moves nothing")
        delta[(m.from_unit, m.from_account)] = delta.get((m.from_unit, m.from_account), 0) - m.amount
        delta[(m.to_unit, m.to_account)] = delta.get((m.to_unit, m.to_account), 0) + m.amount
    for (unit, account), change in delta.items():
        if change == 0:
            continue
        budget = _account_total(state, e.year, unit, account, "TA") + _account_total(state, e.year, unit, account, "MUUTOS")
        toteuma = _account_total(state, e.year, unit, account, "TOTEUMA")
        after = budget + change
        short = abs(after) < abs(toteuma) or (toteuma and after and (after > 0) != (toteuma > 0))
        if short and abs(after) < abs(budget):
            raise Rejected(
                "amount", _eur(abs(change)),
                f"would leave {unit} {account} at {_eur(after)}, below its toteuma {_eur(toteuma)}",
            )


def _account_total(state: LedgerState, year: int, unit: str, account: str, column: str) -> int:
    """The unit's own figure for an account and every part of it (toteuma may sit on a part)."""
    return sum(
        value for (acc, col), value in state.own_figures(year, unit).items()
        if col == column and account in ACCOUNT_ANCESTORS[acc]
    )


def _reversed(state: LedgerState, e: EntryReversed) -> None:
    if not e.reason.strip():
        raise Rejected("reason", e.reason, "is empty: say why the entry is reversed")
    target = state.ids.get(e.target)
    if target is None:
        raise Rejected("target", e.target, "is not an event in this ledger")
    if target in state.reversed_by:
        raise Rejected("target", e.target, f"is already reversed (by event #{state.reversed_by[target]})")
    kind = state.kind(target)
    if kind == "entry_reversed":
        raise Rejected("target", e.target, "is itself a reversal: record the entry again instead")
    if kind == "unit_registered":
        code = next(c for c, u in state.units.items() if u.registered[1] == target)
        later = [s for s in state.events_of(code) if s != target and state.alive(s, state.seq)]
        below = [
            c for c, u in state.units.items()
            if state.alive(u.registered[1], state.seq)
            and (u.parent == code or any(t[3] == code and state.alive(t[1], state.seq) for t in u.transfers))
        ]
        if later or below:
            raise Rejected("target", e.target, f"registered {code}, which has entries or units of its own: reverse those first")


def _breakdown(state: LedgerState, e: BreakdownStated) -> None:
    if e.column not in _BREAKDOWN_WINDOWS:
        raise Rejected("column", e.column, f"is not one of {', '.join(_BREAKDOWN_WINDOWS)}")
    _year_and_date(e, e.year)
    _lines(state, e, e.year, e.lines)


_CHECKS = {
    UnitRegistered: _registered,
    UnitRenamed: _renamed,
    UnitClosed: _closed,
    ServiceTransferred: _transferred,
    TaAdopted: _figures,
    KsSet: _figures,
    TpRecorded: _figures,
    TpeRecorded: _figures,
    TsSet: _figures,
    TaAmended: _amended,
    ToteumaRecorded: _toteuma,
    Reallocated: _reallocated,
    EntryReversed: _reversed,
    BreakdownStated: _breakdown,
}
