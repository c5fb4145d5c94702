"""What an event would change, before it is written: before -> after on every line it touches.

Pure: the event is checked against the state and its effect computed beside it, never
folded in, so a form may ask on every keystroke while other threads read the same
state. Figures are "now" (everything effective, everything known), as the main view
shows them; the touched units and every node above them get a line for each
(account, column) whose value would change.
"""

from __future__ import annotations

from dataclasses import dataclass

from events.model import (
    AppropriationCarried,
    BreakdownStated,
    ChangeProposed,
    EntryReversed,
    Event,
    Reallocated,
    ServiceTransferred,
    Stored,
    TaAmended,
)
from ledger.domain import rules
from ledger.fold.projections import Figures, cells_of, derive, figures, roll_up, tree
from ledger.fold.state import FOREVER, LedgerState, breakdown_key

#: the columns a preview shows, in the books' order (TA and MUUTOS only where TA+MUUTOS does not say it)
SHOWN = ("TA", "MUUTOS", "TA+MUUTOS", "KS", "TP", "TOTEUMA", "TOTEUMA-%", "TPE", "TS")


@dataclass(frozen=True)
class PreviewLine:
    node: str
    name: str
    depth: int
    account: str
    column: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int:
        return (self.after or 0) - (self.before or 0)


@dataclass(frozen=True)
class Preview:
    """The lines an event changes for fiscal ``year``; a transfer also names the parents."""

    year: int | None
    lines: list[PreviewLine]
    #: (unit, parent before, parent after) for a service transfer or its reversal
    parents: list[tuple[str, str | None, str | None]]


def preview(state: LedgerState, event: Event, target: Stored | None = None) -> Preview:
    """Raise ``Rejected`` as the rules would; else the event's before -> after.

    ``target`` is the stored event a reversal undoes (the state keeps no events).
    """
    rules.check(state, event)
    if isinstance(event, EntryReversed):
        if target is None:
            raise ValueError("a reversal's preview needs the event it reverses")
        return _reversal(state, target)
    if isinstance(event, ServiceTransferred):
        now = state.parents(event.from_year).get(event.unit, event.from_parent or None)
        return _moved(state, event.unit, event.from_year, now, _parent_after(state, event))
    year = getattr(event, "year", None)
    if year is None:
        return Preview(None, [], [])
    return _figures(state, year, _deltas(event))


def _parent_after(state: LedgerState, event: ServiceTransferred) -> str | None:
    """The unit's parent for the transfer's first year once it is written, as the fold will see it:
    a transfer dated before a later-dated one that also covers the year is overridden by it."""
    unit = state.units[event.unit]
    new = (event.effective.toordinal(), state.seq + 1, event.from_parent, event.to_parent, event.from_year)
    parent = unit.parent
    for _eff, seq, _from, to, from_year in sorted([*unit.transfers, new]):
        if event.from_year >= from_year and (seq == new[1] or state.alive(seq, state.seq)):
            parent = to
    return parent


def _deltas(event: Event, sign: int = 1) -> dict[str, dict[tuple[str, str], int]]:
    """Per unit, what an additive event adds to each of its own cells."""
    out: dict[str, dict[tuple[str, str], int]] = {}

    def add(unit: str, account: str, column: str, amount: int) -> None:
        cells = out.setdefault(unit, {})
        cells[(account, column)] = cells.get((account, column), 0) + sign * amount

    if isinstance(event, AppropriationCarried):  # its to_year's TA-muutokset (its fiscal year's)
        for line in event.lines:
            add(line.unit, line.account, "MUUTOS", line.amount)
    if isinstance(event, (TaAmended, ChangeProposed)):  # a proposal previews what its approval would do
        for line in event.lines:
            add(line.unit, line.account, "MUUTOS", line.amount)
    if isinstance(event, (Reallocated, ChangeProposed)):
        for m in event.moves:
            add(m.from_unit, m.from_account, "MUUTOS", -m.amount)
            add(m.to_unit, m.to_account, "MUUTOS", m.amount)
    return out


def _reversal(state: LedgerState, target: Stored) -> Preview:
    event = target.event
    if isinstance(event, ServiceTransferred):
        unit = state.units[event.unit]
        back = unit.parent
        for _eff, seq, _from, to, from_year in unit.transfers:
            if seq != target.seq and event.from_year >= from_year and seq not in state.reversed_by:
                back = to
        now = state.parents(event.from_year).get(event.unit, event.to_parent)
        return _moved(state, event.unit, event.from_year, now, back)
    year = getattr(event, "year", None)
    if year is None:
        return Preview(None, [], [])
    deltas: dict[str, dict[tuple[str, str], int]] = {}
    for unit in {u for u, _acc, _col in _cells(event)}:
        where = _where(event, unit)
        for account, column in cells_of(event, unit):
            cell = state.unit_cells(year, where).get((account, column))
            if cell is None:
                continue
            before = state.cell_value(cell, column, FOREVER, state.seq)
            after = state.cell_value_without(cell, column, target.seq)
            if before != after:
                deltas.setdefault(unit, {})[(account, column)] = (after or 0) - (before or 0)
    return _figures(state, year, deltas)


def _cells(event: Event) -> set[tuple[str, str, str]]:
    units = {line.unit for line in getattr(event, "lines", ())}
    units |= {u for m in getattr(event, "moves", ()) for u in (m.from_unit, m.to_unit)}
    return {(u, acc, col) for u in units for acc, col in cells_of(event, u)}


def _where(event: Event, unit: str) -> str:
    return breakdown_key(unit) if isinstance(event, BreakdownStated) else unit


def _figures(state: LedgerState, year: int, deltas: dict[str, dict[tuple[str, str], int]]) -> Preview:
    """Each touched unit and every node above it: its figures now, and with the deltas added."""
    parents = state.parents(year)
    added: dict[str, dict[tuple[str, str], int]] = {}
    for unit, cells in deltas.items():
        for node in _chain(parents, unit):
            roll_up(cells, added.setdefault(node, {}))
    lines = []
    for node in _in_tree_order(state, year, added):
        change = derive(dict(added[node]))
        lines += _changed(state, year, node, change, parents)
    return Preview(year, lines, [])


def _moved(state: LedgerState, unit: str, year: int, old: str | None, new: str | None) -> Preview:
    """A unit moving from ``old`` to ``new`` takes its figures of ``year`` along.

    ``old`` is where the unit stands now, not where the event says it came from: a
    second transfer dated before the first changes the past, not today's parent.
    """
    if old == new:
        return Preview(year, [], [])
    parents = state.parents(year)
    carried = figures(state, year, unit).amounts
    old_chain = _chain(parents, old) if old else []
    new_chain = _chain(parents, new) if new else []
    shared = set(old_chain) & set(new_chain)
    sign = {n: -1 for n in old_chain if n not in shared} | {n: 1 for n in new_chain if n not in shared}
    lines = []
    for node in _in_tree_order(state, year, sign):
        change = {key: sign[node] * value for key, value in carried.items() if key[1] != "TA+MUUTOS"}
        lines += _changed(state, year, node, derive(change), parents)
    return Preview(year, lines, [(unit, old, new)])


def _chain(parents: dict[str, str | None], unit: str) -> list[str]:
    """The unit and every node above it."""
    out, seen = [], set()
    node: str | None = unit
    while node is not None and node not in seen:
        out.append(node)
        seen.add(node)
        node = parents.get(node)
    return out


def _in_tree_order(state: LedgerState, year: int, nodes) -> list[str]:
    order = {code: i for i, (_depth, code) in enumerate(tree(state, year))}
    return sorted(nodes, key=lambda code: (order.get(code, len(order)), code))


def _changed(state: LedgerState, year: int, node: str, change: dict[tuple[str, str], int],
             parents: dict[str, str | None]) -> list[PreviewLine]:
    before = figures(state, year, node)
    after = dict(before.amounts)
    for key, value in change.items():
        after[key] = after.get(key, 0) + value
    depth = len(_chain(parents, node)) - 1
    name = state.name(node)
    out = []
    for account in _accounts_in_order({a for a, _c in change}):
        moved = {c: v for (a, c), v in change.items() if a == account and v != 0}
        for column in SHOWN:
            if column == "TOTEUMA-%":
                old, new = before.percent(account), _percent(after, account)
                if old == new or "TA+MUUTOS" not in moved:
                    continue
            elif column not in moved or _said_by_total(column, moved):
                continue
            else:
                old, new = before.get(account, column), after.get((account, column))
            out.append(PreviewLine(node, name, depth, account, column, old, new))
    return out


def _said_by_total(column: str, moved: dict[str, int]) -> bool:
    """TA or MUUTOS moving by just what TA+MUUTOS moves by: the TA+MUUTOS line says it."""
    return column in ("TA", "MUUTOS") and moved.get(column) == moved.get("TA+MUUTOS")


def _percent(amounts: dict[tuple[str, str], int], account: str) -> int | None:
    return Figures(amounts).percent(account)


def _accounts_in_order(names: set[str]) -> list[str]:
    """MENOT, TULOT, NETTOMENO first, then the accounts below them by name."""
    main = [a for a in ("MENOT", "TULOT", "NETTOMENO") if a in names]
    return main + sorted(names - set(main))
