"""Projections: pure functions from the folded state to the figures people read.

A point in time is two coordinates: ``on`` (effective date: "as it stood on") and
``known_at`` (recorded time: "as the ledger knew it then"). Rollups follow the
organisation as it stood on ``on``, for the fiscal year asked.
"""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass, field

from events.accounts import LINES
from events.model import AppropriationCarried, BreakdownStated, ChangeProposed, Event, Reallocated
from ledger.domain.money import percent_of
from ledger.fold import binding
from ledger.fold.state import ACCOUNT_ANCESTORS, COLUMN_OF, FOREVER, STATED, LedgerState, breakdown_key

#: columns in the order the books print them
COLUMNS = ("TA", "MUUTOS", "TA+MUUTOS", "KS", "TP", "TOTEUMA", "TOTEUMA-%", "TPE", "TS")
#: main lines in the order the books print them
MAIN_ACCOUNTS = ("MENOT", "TULOT", "NETTOMENO")


@dataclass(frozen=True)
class Point:
    """A bitemporal coordinate; None means "no limit" (everything effective / everything known)."""

    on: dt.date | None = None
    known_at: dt.datetime | None = None

    def resolve(self, state: LedgerState) -> tuple[int, int]:
        on = FOREVER if self.on is None else self.on.toordinal()
        return on, state.known_seq(self.known_at)


@dataclass
class Figures:
    """One node's figures for a year: (account, column) -> cents, derived lines included."""

    amounts: dict[tuple[str, str], int] = field(default_factory=dict)
    #: where a book states the node a figure its units' lines do not sum to (``book``): what they sum to
    lines: dict[tuple[str, str], int] = field(default_factory=dict)

    def get(self, account: str, column: str) -> int | None:
        return self.amounts.get((account, column))

    def lines_of(self, account: str, column: str) -> int | None:
        """What the units' lines sum to where the book states another figure; None where they agree."""
        return self.lines.get((account, column))

    def difference(self, account: str, column: str) -> int | None:
        """The book's figure less what its lines sum to, where they differ; None where they agree."""
        summed = self.lines_of(account, column)
        return None if summed is None else (self.get(account, column) or 0) - summed

    def percent(self, account: str) -> int | None:
        """Toteuma-% against TA+muutos, in tenths of a percent."""
        toteuma, budget = self.get(account, "TOTEUMA"), self.get(account, "TA+MUUTOS")
        if toteuma is None or budget is None:
            return None
        return percent_of(toteuma, budget)

    def value(self, account: str, column: str) -> int | None:
        return self.percent(account) if column == "TOTEUMA-%" else self.get(account, column)

    def accounts(self) -> list[str]:
        return sorted({account for account, _column in self.amounts})


def figures(state: LedgerState, year: int, node: str, point: Point = Point(), *, at: tuple[int, int] | None = None,
            structure: int | None = None) -> Figures:
    """The node's own and its descendants' figures, rolled up through accounts.

    ``structure`` is the fiscal year whose organisation the rollup follows: by
    default the figures' own year (as published); a later year restates them to
    that year's structure (vertailukelpoinen), services transferred since included.
    """
    on, known = at or point.resolve(state)
    return Figures(derive(_subtree_totals(state, year, node, on, known, structure)))


def _subtree_totals(state: LedgerState, year: int, node: str, on: int, known: int,
                    structure: int | None = None) -> dict[tuple[str, str], int]:
    """The node's and its descendants' cells rolled up through accounts; nothing derived yet."""
    totals: dict[tuple[str, str], int] = {}
    for unit in state.subtree(node, year if structure is None else structure, on, known):
        roll_up(state.own_figures(year, unit, on, known), totals)
    return totals


def own(state: LedgerState, year: int, unit: str, point: Point = Point(), *,
        at: tuple[int, int] | None = None) -> Figures:
    """The unit's own figures without the units below it, rolled up through accounts."""
    on, known = at or point.resolve(state)
    return Figures(derive(roll_up(state.own_figures(year, unit, on, known), {})))


def breakdown(state: LedgerState, year: int, node: str, point: Point = Point()) -> Figures | None:
    """The node's account breakdown as a book stated it (käyttötalous), or None if none was.

    Columns are the stated ones ("TA", "TA+MUUTOS", "TP", ...); the parts roll up
    into TOIMINTAKULUT / TOIMINTATUOTOT and MENOT / TULOT, TOIMINTAKATE is derived. A
    stated MENOT or TULOT is the node's appropriation (``ledger.fold.binding``), not a part.
    """
    stated = _stated(state, year, node, *point.resolve(state))
    return Figures(_derive_lines(stated)) if stated else None


def _stated(state: LedgerState, year: int, node: str, on: int, known: int) -> dict[tuple[str, str], int]:
    """The node's stated breakdown rolled up through accounts, nothing derived (its MENOT / TULOT lines
    themselves, the appropriation, are ``binding``'s)."""
    own = state.own_figures(year, breakdown_key(node), on, known)
    return roll_up({(account, column.removeprefix(STATED)): value for (account, column), value in own.items()
                    if ACCOUNT_ANCESTORS[account][1:]}, {})


def roll_up(cells: dict[tuple[str, str], int], totals: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """Add each cell into its account and every account above it."""
    for (account, column), value in cells.items():
        for acc in ACCOUNT_ANCESTORS.get(account) or (account,):
            totals[(acc, column)] = totals.get((acc, column), 0) + value
    return totals


def _derive_lines(totals: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """Add the chart's derived lines (NETTOMENO, TOIMINTAKATE, …): computed, never stored.

    A line is computed for a column where one of its terms is present, a term it only carries
    (VUOSIKATE carries TOIMINTAKATE) aside: a unit with toimintakate alone has no vuosikate.
    """
    present = {account for account, _column in totals}
    for line, terms, own in LINES:
        if own.isdisjoint(present):
            continue
        for column in {c for (a, c) in totals if a in own}:
            totals[(line, column)] = sum(totals.get((a, column), 0) for a in terms)
        present.add(line)
    return totals


def derive(totals: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """Add NETTOMENO, TOIMINTAKATE and TA+MUUTOS: computed, never stored."""
    _derive_lines(totals)
    for account in {a for a, _c in totals}:
        ta, muutos = totals.get((account, "TA")), totals.get((account, "MUUTOS"))
        if ta is not None or muutos is not None:
            totals[(account, "TA+MUUTOS")] = (ta or 0) + (muutos or 0)
    return totals


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    level: str
    depth: int
    figures: Figures


def table(state: LedgerState, year: int, node: str, point: Point = Point()) -> list[Row]:
    """The node and its children (each rolled up), as the organisation stood.

    Every unit's cells are read once: the node's totals are its own plus its children's,
    not another walk of the subtree (at city level, a quarter of the cell folds). Today's
    table is remembered until the next event: time travel compares every step with it.
    """
    on, known = point.resolve(state)
    if on >= FOREVER and known >= state.seq:
        return state.remember(("table", year, node), lambda: _table(state, year, node, on, known))
    return _table(state, year, node, on, known)


def _table(state: LedgerState, year: int, node: str, on: int, known: int) -> list[Row]:
    kids = _kids(state, year, on, known)
    below: dict[str, dict[tuple[str, str], int]] = {}
    lines = _lines(state, year, node, on, known, kids, True, below)
    return [Row(node, state.name(node, on, known), state.units[node].level, 0,
                _book(state, year, node, on, known, lines, True, node in kids.get(None, ())))] + [
        Row(code, state.name(code, on, known), state.units[code].level, 1,
            _book(state, year, code, on, known, below[code], True))
        for code in sorted(kids.get(node, ()))
    ]


# --- what the book states -------------------------------------------------------------------------


def book(state: LedgerState, year: int, node: str, point: Point = Point(), *, at: tuple[int, int] | None = None,
         structure: int | None = None) -> Figures:
    """The node's figures as the book states them, and what the lines under them sum to where that differs.

    A node shows its lines (its own cells and what each child shows, rolled up through accounts) with its
    own stated breakdown (``BreakdownStated``) in their place, and its stated appropriation (``binding``:
    MENOT and TULOT of a määrärahat table) in place of its units' MENOT and TULOT. So a lautakunta's
    Myyntituotot, Palkat ja palkkiot … stated over tulosalueet that print only TOIMINTATUOTOT and
    TOIMINTAKULUT are the lautakunta's, and the city above sums them. ``Figures.lines`` keeps what the lines
    sum to wherever the book states another figure, and what a total printed for the node itself sums to
    in its stated parts where they disagree: a difference is shown beside the book's figure, never silently
    corrected. A restated year (``structure``) follows the units only: the book's statements followed the
    organisation it was printed in.
    """
    on, known = at or point.resolve(state)
    stated = structure in (None, year)
    kids = _kids(state, year if structure is None else structure, on, known)
    return _book(state, year, node, on, known, _lines(state, year, node, on, known, kids, stated), stated,
                 node in kids.get(None, ()))


def _kids(state: LedgerState, year: int, on: int, known: int) -> dict[str | None, list[str]]:
    kids: dict[str | None, list[str]] = {}
    for code, parent in state.parents(year, on, known).items():
        kids.setdefault(parent, []).append(code)
    return kids


def _lines(state: LedgerState, year: int, node: str, on: int, known: int, kids: dict[str | None, list[str]],
           stated: bool, below: dict[str, dict[tuple[str, str], int]] | None = None) -> dict[tuple[str, str], int]:
    """The node's own cells and what each child shows (with ``stated``, its statement in place of its lines;
    each child's own lines kept in ``below``), rolled up through accounts, TA+MUUTOS and nothing else derived."""
    totals = _own(state, year, node, on, known)
    for kid in kids.get(node, ()):
        lines = _lines(state, year, kid, on, known, kids, stated)
        if below is not None:
            below[kid] = lines
        for key, value in (_in_place(state, year, kid, on, known, lines) if stated else lines).items():
            totals[key] = totals.get(key, 0) + value
    return totals


def _own(state: LedgerState, year: int, node: str, on: int, known: int) -> dict[tuple[str, str], int]:
    return _budget(roll_up(state.own_figures(year, node, on, known), {}))


def _in_place(state: LedgerState, year: int, node: str, on: int, known: int,
              lines: dict[tuple[str, str], int], top: bool = False) -> dict[tuple[str, str], int]:
    """The node's lines with its stated breakdown of them (``_refining``) in their place where its own cells
    hold no figure of the account (a total the book printed for the node itself, as a tuloslaskelma's Poistot
    ja arvonalentumiset, stands over its stated parts); the parts' MENOT and TULOT never (the appropriation is
    ``binding``'s, the käyttötalous only another view of it)."""
    parts = _refining(_statement(state, year, node, on, known), lines, top)
    if not parts:
        return lines
    own = _own(state, year, node, on, known)
    shown = dict(lines)
    for key, value in parts.items():
        if key[0] not in binding.BINDING_LINES and key not in own:
            shown[key] = value
    return shown


def _refining(parts: dict[tuple[str, str], int], lines: dict[tuple[str, str], int],
              top: bool = False) -> dict[tuple[str, str], int]:
    """The stated cells that break down money the lines hold (the account or one it rolls up into is in them,
    in that column): a statement never adds money of its own, as a project list stated as its group's
    breakdown does not add to the group's appropriation. At the ``top`` of the organisation, where nothing
    above could count it, an operating account's stated cell stands alone if the lines hold no operating money
    in its column at all (``_unheld``)."""
    return {(account, column): value for (account, column), value in parts.items()
            if any((above, column) in lines for above in ACCOUNT_ANCESTORS.get(account) or (account,))
            or (top and _unheld(account, column, lines))}


def _unheld(account: str, column: str, lines: dict[tuple[str, str], int]) -> bool:
    """Whether the lines hold no MENOT or TULOT in ``column`` while ``account`` is one of theirs: a city whose
    book prints its tuloslaskelmaosa and no unit's figures has nothing else of that money, so its statement is
    shown as the city's rather than dropped (it is still no appropriation: MENOT and TULOT stay unshown)."""
    line = (ACCOUNT_ANCESTORS.get(account) or (account,))[-1]
    return line in binding.BINDING_LINES and not any((each, column) in lines for each in binding.BINDING_LINES)


def _statement(state: LedgerState, year: int, node: str, on: int, known: int) -> dict[tuple[str, str], int]:
    """The node's stated breakdown with its TA+MUUTOS (``_budget``) and its MUUTOS: a statement prints the TA and
    the TA after the changes, so its change is their difference (a derived line's change sums its terms')."""
    totals = _budget(_stated(state, year, node, on, known))
    for account in {a for a, c in totals if c == "TA+MUUTOS"}:
        if (account, "TA") in totals and (account, "MUUTOS") not in totals:
            totals[(account, "MUUTOS")] = totals[(account, "TA+MUUTOS")] - totals[(account, "TA")]
    return totals


def _budget(totals: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """TA+MUUTOS of each account with a TA or a change and no TA+MUUTOS of its own (a stated one stands)."""
    for account in {a for a, c in totals if c in ("TA", "MUUTOS")}:
        if (account, "TA+MUUTOS") not in totals:
            totals[(account, "TA+MUUTOS")] = totals.get((account, "TA"), 0) + totals.get((account, "MUUTOS"), 0)
    return totals


def _book(state: LedgerState, year: int, node: str, on: int, known: int, lines: dict[tuple[str, str], int],
          stated: bool, top: bool = False) -> Figures:
    """The node's figures from its lines (``book``), with what they sum to where the book states another;
    ``top``: the node is the top of the organisation (``_refining``)."""
    summed = _derive_lines(dict(lines))
    if not stated:
        return Figures(summed)
    said = binding.stated(state, year, node, on, known)
    parts = _refining(_statement(state, year, node, on, known), lines, top)
    if not said and not parts:
        return Figures(summed)
    shown = binding.overlay(_derive_lines(_in_place(state, year, node, on, known, lines, top)), said)
    # the lines, where they say nothing, take the book's word: a derived line differs only where its terms do
    summed = _derive_lines({**parts, **lines})
    differ = {key: value for key, value in summed.items() if shown.get(key, value) != value}
    for key, value in parts.items():  # a total the book prints for the node whose stated parts sum to another
        if (key[0] not in binding.BINDING_LINES or key in said) and shown.get(key, value) != value:
            differ.setdefault(key, value)
    return Figures(shown, differ)


def tree(state: LedgerState, year: int, root: str | None = None, point: Point = Point()) -> list[tuple[int, str]]:
    """(depth, code) of every unit in the organisation as it stood, depth-first."""
    on, known = point.resolve(state)
    parents = state.parents(year, on, known)
    kids: dict[str | None, list[str]] = {}
    for code, parent in parents.items():
        kids.setdefault(parent, []).append(code)
    out: list[tuple[int, str]] = []
    stack = [(0, c) for c in sorted(kids.get(None, []) if root is None else [root], reverse=True)]
    while stack:
        depth, code = stack.pop()
        out.append((depth, code))
        stack.extend((depth + 1, c) for c in sorted(kids.get(code, []), reverse=True))
    return out


# --- differences -------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    account: str
    column: str
    before: int | None
    after: int | None

    @property
    def delta(self) -> int:
        return (self.after or 0) - (self.before or 0)


def diff(state: LedgerState, year: int, node: str, a: Point, b: Point) -> list[Change]:
    """Every (account, column) of the node whose value differs between two points."""
    fa, fb = figures(state, year, node, a), figures(state, year, node, b)
    keys = sorted(set(fa.amounts) | set(fb.amounts))
    return [Change(acc, col, fa.amounts.get((acc, col)), fb.amounts.get((acc, col)))
            for acc, col in keys if fa.amounts.get((acc, col)) != fb.amounts.get((acc, col))]


# --- history ------------------------------------------------------------------------------


def history_seqs(state: LedgerState, node: str, year: int | None = None) -> array:
    """Every event that touched the node or any unit ever below it, newest first.

    A machine array, not a list: at city level it holds a million seqs, and a list that
    size adds ~37 ms to every full pass of the garbage collector while the UI shows it.
    """
    return state.remember(("history", node, year), lambda: _history_seqs(state, node, year))


def _history_seqs(state: LedgerState, node: str, year: int | None) -> array:
    codes = {node}
    for y in ([year] if year else state.years() or [dt.date.today().year]):
        codes.update(state.subtree(node, y))
    seqs: set[int] = set()
    for code in codes:
        seqs.update(state.events_of(code))
    return array("q", sorted(seqs, reverse=True))


def cells_of(event: Event, unit: str) -> set[tuple[str, str]]:
    if isinstance(event, Reallocated):
        cells = set()
        for m in event.moves:
            if m.from_unit == unit:
                cells.add((m.from_account, "MUUTOS"))
            if m.to_unit == unit:
                cells.add((m.to_account, "MUUTOS"))
        return cells
    if isinstance(event, AppropriationCarried):  # in its fiscal year (to_year), a TA-muutos
        return {(line.account, "MUUTOS") for line in event.lines if line.unit == unit}
    column = STATED + event.column if isinstance(event, BreakdownStated) else COLUMN_OF.get(type(event))
    return {(line.account, column) for line in getattr(event, "lines", ()) if line.unit == unit} if column else set()


@dataclass(frozen=True)
class ProposalStatus:
    """An esitys as it stood at a point: pending, approved or rejected by its standing decision."""

    seq: int
    proposal: ChangeProposed
    status: str
    decision: int | None = None


def proposals(state: LedgerState, point: Point = Point()) -> list[ProposalStatus]:
    """Every proposal known and not withdrawn at the point, oldest first; pending ones await a decision."""
    _on, known = point.resolve(state)
    out = []
    for seq, proposal in state.proposals.items():
        if seq > known or not state.alive(seq, known):
            continue
        decided = state.standing_decision(seq, known)
        status = "pending" if decided is None else "approved" if state.decisions[decided][1] else "rejected"
        out.append(ProposalStatus(seq, proposal, status, decided))
    return out
