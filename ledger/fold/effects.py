"""What one event changed, before → after, said once for every view that says it.

``kirjuri history``, the TUI's event-detail screen (opened from the audit trail, the committee's
findings and meetings) and the refusal of a stale ``--based-on`` all read ``changed``, so an
event's before → after cannot come to differ between them. Before and after are the ledger as it
knew things just before and just after the event, every effective date counting (a change
effective next month has still changed the figures).

- A figure event (TA, TA-muutos, reallocation, toteuma, TP, …): each unit's own cells it wrote,
  under the node, and the node's rolled-up figures.
- A reversal: the cells of the event it undoes, before → after the reversal.
- A service transfer: no cell of its own; the rolled-up figures of its old and its new parent
  (and the node's) for its first fiscal year, before → after the move.
- Anything else (an organisation event, a proposal, a decision on one): nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from events import accounts
from events.model import BreakdownStated, EntryReversed, ServiceTransferred, Stored
from ledger.fold import projections as pj
from ledger.fold.projections import Change, Figures
from ledger.fold.state import FOREVER, LedgerState, breakdown_key

#: the rolled-up columns a change is read in: every stored and derived column but the percentage
ROLLUP_COLUMNS = tuple(column for column in pj.COLUMNS if column != "TOTEUMA-%")


@dataclass(frozen=True)
class Changed:
    """What one event changed, seen from a node (cents, None where nothing was recorded)."""

    record: Stored
    node: str
    #: the fiscal year it changed: its own, a reversal's target's, a transfer's first; None for none
    year: int | None
    #: each unit's own cells it wrote (a reversal: its target's cells), for the units under the node
    units: tuple[tuple[str, Change], ...] = ()
    #: rolled-up figures that differ across it, by node: the node's own, and a transfer's two parents'
    rollups: tuple[tuple[str, Change], ...] = ()

    def of_unit(self, unit: str) -> list[Change]:
        """One unit's own cells, before → after."""
        return [change for code, change in self.units if code == unit]

    def of_node(self, node: str) -> list[Change]:
        """One node's rolled-up figures, before → after."""
        return [change for code, change in self.rollups if code == node]

    @property
    def unit_codes(self) -> list[str]:
        """The units with a changed cell, in the order ``units`` gives them."""
        return list(dict.fromkeys(code for code, _change in self.units))

    @property
    def parents(self) -> tuple[str, ...]:
        """A service transfer's old and new parent, whose rolled-up figures it moved; else none."""
        event = self.record.event
        return (event.from_parent, event.to_parent) if isinstance(event, ServiceTransferred) else ()


def changed(state: LedgerState, record: Stored, node: str, target: Stored | None = None, *,
            rollups: bool = True) -> Changed:
    """What ``record`` changed, seen from ``node``; ``target`` is the event a reversal undoes.

    ``rollups=False`` leaves the rolled-up figures out (a transfer's are all it has): the CLI's
    history of a figure event names each unit's own cells only, and a rollup costs a fold.
    """
    event = record.event
    cells_from = target.event if target is not None and isinstance(event, EntryReversed) else event
    if isinstance(event, ServiceTransferred):
        year = event.from_year
        nodes = [code for code in dict.fromkeys((node, event.from_parent, event.to_parent)) if code]
        return Changed(record, node, year, (), _rollups(state, year, nodes, record.seq) if rollups else ())
    year = getattr(cells_from, "year", None)
    if year is None:
        return Changed(record, node, None)
    units = tuple((unit, change) for unit in sorted(state.subtree(node, year))
                  for change in _cell_changes(state, record.seq, cells_from, unit, year))
    return Changed(record, node, year, units, _rollups(state, year, [node], record.seq) if rollups else ())


def _cell_changes(state: LedgerState, seq: int, writer, unit: str, year: int) -> list[Change]:
    """The unit's cells ``writer`` (the event, or the one a reversal undoes) wrote, across event ``seq``."""
    where = breakdown_key(unit) if isinstance(writer, BreakdownStated) else unit
    out = []
    for account, column in sorted(pj.cells_of(writer, unit)):
        cell = state.unit_cells(year, where).get((account, column))
        if cell is None:
            continue
        before = state.cell_value(cell, column, FOREVER, seq - 1)
        after = state.cell_value(cell, column, FOREVER, seq)
        if before != after:
            out.append(Change(account, column, before, after))
    return out


def _rollups(state: LedgerState, year: int, nodes: list[str], seq: int) -> tuple[tuple[str, Change], ...]:
    """Each node's rolled-up figures as the ledger knew them just before and just after event ``seq``."""
    out: list[tuple[str, Change]] = []
    for node in nodes:
        if node not in state.parents(year):
            continue
        before = pj.figures(state, year, node, at=(FOREVER, seq - 1))
        after = pj.figures(state, year, node, at=(FOREVER, seq))
        first = book_lines(before)
        lines = first + [a for a in book_lines(after) if a not in first]
        out += [(node, Change(a, c, before.get(a, c), after.get(a, c)))
                for a in lines for c in ROLLUP_COLUMNS if before.get(a, c) != after.get(a, c)]
    return tuple(out)


def book_lines(figures: Figures) -> list[str]:
    """MENOT / TULOT / NETTOMENO, then the käyttötalous accounts where recorded, books' order."""
    present = set(figures.accounts())
    names = [a for a in pj.MAIN_ACCOUNTS if a in present]
    names += [a for a in accounts.in_order(present) if a not in names]
    return names + accounts.derived_in_order(present)


__all__ = ["Changed", "ROLLUP_COLUMNS", "book_lines", "changed"]
