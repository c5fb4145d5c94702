"""The committee's diff: which figures changed between two points of the log, and which events explain each.

A point is a position in the log (the ledger as it knew things after event N), every effective date
counting, as the event detail reads an event's before → after (``ledger.fold.effects``). For each node
asked (the binding units, ``ledger.audit.committee.figure_diff``) and each fiscal year, the node's figures
are read as the projections read them (``projections.figures``, with a book's stated binding figure in
place of its units' sum, as the toteutumisvertailu has it: ``ledger.fold.binding``) at both points; a
figure that differs is listed with its before, after and change.

An event explains a figure if the figure as known just after it differs from the figure just before it.
Those steps telescope: an event's share is its after minus its before, and the shares of the events
between the two points add up to the figure's change, so every figure listed has an event that explains
it and the shares can be checked against the change. The events looked at are those that touched a unit
that stood under the node at either point or at any organisation change in between (a service moved in
and out again still counts).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ledger.domain.money import AmountError, parse_datetime
from ledger.domain.refusals import Rejected
from ledger.fold import binding
from ledger.fold import projections as pj
from ledger.fold.effects import ROLLUP_COLUMNS, book_lines
from ledger.fold.state import FOREVER, LedgerState, breakdown_key

#: the kinds that change which units stand under which: the organisation is read again after each
_ORGANISATION = frozenset({"unit_registered", "service_transferred", "entry_reversed"})
#: an event id is at least this long when given by its first characters
_ID_PREFIX = 6


@dataclass(frozen=True)
class Cause:
    """One event's share in a figure's change: the figure just after it minus just before it."""

    seq: int
    delta: int


@dataclass(frozen=True)
class FigureChange:
    """One figure of a node that differs between the two points (cents; None: nothing recorded)."""

    year: int
    node: str
    account: str
    column: str
    before: int | None
    after: int | None
    #: the events whose shares make up the change, in log order
    causes: tuple[Cause, ...]

    @property
    def delta(self) -> int:
        return (self.after or 0) - (self.before or 0)


@dataclass(frozen=True)
class Diff:
    """The figures that changed from log position ``since`` to ``upto``."""

    since: int
    upto: int
    changes: tuple[FigureChange, ...]

    @property
    def seqs(self) -> list[int]:
        """Every event that explains a change, in log order."""
        return sorted({cause.seq for change in self.changes for cause in change.causes})


def diff(state: LedgerState, nodes: Callable[[int], Iterable[str]], since: int, upto: int) -> Diff:
    """The figures of each of ``nodes(year)`` that differ between positions ``since`` and ``upto``
    (``since`` <= ``upto``), every fiscal year of the ledger, with the events that explain each."""
    if not 0 <= since <= upto <= state.seq:
        raise ValueError(f"positions {since}..{upto} outside the log 0..{state.seq}")
    organised = [seq for seq in range(since + 1, upto + 1) if state.kind(seq) in _ORGANISATION]
    changes: list[FigureChange] = []
    for year in state.years():
        for node in nodes(year):
            changes += _node_changes(state, year, node, since, upto, organised)
    return Diff(since, upto, tuple(changes))


def figures_at(state: LedgerState, year: int, node: str, known: int) -> dict[tuple[str, str], int]:
    """The node's figures as known after position ``known``: its units' rolled up, a book's stated
    binding figure in their place (as the toteutumisvertailu reads it)."""
    amounts = pj.figures(state, year, node, at=(FOREVER, known)).amounts
    return binding.overlay(amounts, binding.stated(state, year, node, FOREVER, known))


def _node_changes(state: LedgerState, year: int, node: str, since: int, upto: int,
                  organised: list[int]) -> list[FigureChange]:
    before, after = figures_at(state, year, node, since), figures_at(state, year, node, upto)
    changed = [key for key in _ordered(before, after) if before.get(key) != after.get(key)]
    if not changed:
        return []
    shares: dict[tuple[str, str], list[Cause]] = {key: [] for key in changed}
    for seq in _candidates(state, year, node, since, upto, organised):
        ahead, behind = figures_at(state, year, node, seq), figures_at(state, year, node, seq - 1)
        for key in changed:
            if ahead.get(key) != behind.get(key):
                shares[key].append(Cause(seq, (ahead.get(key) or 0) - (behind.get(key) or 0)))
    return [FigureChange(year, node, account, column, before.get((account, column)), after.get((account, column)),
                         tuple(shares[(account, column)])) for account, column in changed]


def _ordered(before: dict[tuple[str, str], int], after: dict[tuple[str, str], int]) -> list[tuple[str, str]]:
    """Every (account, column) of either, in the books' order of lines and columns."""
    lines = book_lines(pj.Figures(before))
    lines += [a for a in book_lines(pj.Figures(after)) if a not in lines]
    columns = {c for _a, c in (*before, *after)}
    order = [c for c in ROLLUP_COLUMNS if c in columns] + sorted(columns - set(ROLLUP_COLUMNS))
    return [(a, c) for a in lines for c in order if (a, c) in before or (a, c) in after]


def _candidates(state: LedgerState, year: int, node: str, since: int, upto: int, organised: list[int]) -> list[int]:
    """The events between the points that touched a unit under the node at either point or around any
    organisation change between them, or the node's stated figures."""
    units = {breakdown_key(node)}
    for known in {since, upto, *organised, *(seq - 1 for seq in organised)}:
        units.update(state.subtree(node, year, FOREVER, known))
    found: set[int] = set()
    for unit in units:
        seqs = state.events_of(unit)
        found.update(seqs[bisect.bisect_right(seqs, since):bisect.bisect_right(seqs, upto)])
    return sorted(found)


def position(state: LedgerState, text: str, name: str) -> int:
    """The log position a point names: "#162" or 162 (after that event), an event's id or its first six
    characters or more, or a moment ("15.6.2026 12:00", a date: the end of that day); empty is now. Bare
    digits that begin exactly one event's id (`39831115`, copied from a random id) name that event; `#` always
    names a position."""
    said = text.strip()
    if not said:
        return state.seq
    number = said.removeprefix("#")
    if number == said and len(said) >= _ID_PREFIX and len(found := _id_prefixed(state, said)) == 1:
        return found[0]
    if re.fullmatch(r"\d{1,12}", number):
        seq = int(number)
        if seq > state.seq:
            raise Rejected(name, text, "event.out_of_range", last=state.seq)
        return seq
    if said in state.ids:
        return state.ids[said]
    moment = _moment(said)
    if moment is not None:
        return state.known_seq(moment)
    if len(said) >= _ID_PREFIX and len(found := _id_prefixed(state, said)) == 1:
        return found[0]
    raise Rejected(name, text, "point.invalid")


def _id_prefixed(state: LedgerState, prefix: str) -> list[int]:
    """The positions of the events whose id begins with ``prefix``."""
    return [seq for event_id, seq in state.ids.items() if event_id.startswith(prefix)]


def _moment(text: str):
    """The moment ``text`` names, or None: then it may still be the first characters of an event's id."""
    try:
        return parse_datetime(text)
    except AmountError:
        return None


__all__ = ["Cause", "Diff", "FigureChange", "diff", "figures_at", "position"]
