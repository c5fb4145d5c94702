"""The binding figure is the book's: a node's stated appropriation against its units' lines.

What the valtuusto adopts at the binding level is the appropriation; the unit lines below
it are its breakdown. A book's määrärahat table states the node's TA and TA muutosten
jälkeen (recorded as a ``BreakdownStated`` of the node's MENOT and TULOT), and where its
units sum to another figure (book 001: Asuminen ja ympäristö MENOT TA+muutos 2023
-2 759 200, its 19 units -2 759 210) the reports print the stated one and the difference
is a finding, never silently corrected either way. A book with no määrärahat table states a lautakunta's
appropriation in its own table by account above its tulosalueet' (``stated_sides``): its TOIMINTATUOTOT and
TOIMINTAKULUT, and their toteutuma, are then the figures printed for it, the tulosalueet's sum the lines.

The difference is called rounding only if the printing of the parts explains it: a part
printed at precision p stands for a figure up to p/2 away, so n parts explain n·p/2. The
ledger keeps figures to the cent; a part with no cents was printed to the euro (p = 1 €),
so 19 such units explain 9,50 € and a 10 € gap is a contradiction.
"""

from __future__ import annotations

from dataclasses import dataclass

from events.accounts import DERIVED
from ledger.fold.state import ACCOUNT_ANCESTORS, STATED, LedgerState, breakdown_key

#: the columns a book states for a node's appropriation
BUDGET_COLUMNS = ("TA", "TA+MUUTOS")
#: the lines the valtuusto binds, on which a gap is a finding (their parts are the same money)
BINDING_LINES = ("MENOT", "TULOT")
#: a unit's own table by account (a lautakunta's above its tulosalueet) states these for it, where no määrärahat
#: table states its MENOT and TULOT: its binding figures as the book prints them, the toteutuma too
SIDE_LINES = ("TOIMINTATUOTOT", "TOIMINTAKULUT")
SIDE_COLUMNS = ("TA", "TA+MUUTOS", "TP")
#: the units' columns a stated column is the sum of
_SUMMED_AS = {"TA": ("TA",), "TA+MUUTOS": ("TA", "MUUTOS"), "TP": ("TP",)}


@dataclass(frozen=True)
class Gap:
    """A node's stated figure against the sum of its units' lines, for one account and column."""

    node: str
    year: int
    account: str
    column: str
    stated: int
    lines: int
    #: the units whose figures make up ``lines``
    parts: int
    #: one unit of the parts' last printed digit, in cents: 100 (to the euro) or 1 (to the cent)
    unit: int = 100

    @property
    def difference(self) -> int:
        return self.stated - self.lines

    @property
    def tolerance(self) -> int:
        """The most the parts' printing explains: n·p/2, in cents."""
        return self.parts * self.unit // 2

    @property
    def rounding(self) -> bool:
        return self.difference != 0 and 2 * abs(self.difference) <= self.parts * self.unit


def stated(state: LedgerState, year: int, node: str, on: int, known: int) -> dict[tuple[str, str], int]:
    """The node's stated TA and TA+MUUTOS of MENOT and TULOT: a määrärahat table's lines, not the
    käyttötalous's accounts, whose sum is only another view of the same money (and may itself
    disagree with the total the book prints)."""
    own = state.own_figures(year, breakdown_key(node), on, known)
    return {(account, column.removeprefix(STATED)): value for (account, column), value in own.items()
            if account in BINDING_LINES and column.removeprefix(STATED) in BUDGET_COLUMNS}


def overlay(amounts: dict[tuple[str, str], int], said: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """The node's figures with its stated TA and TA+MUUTOS in place of its units' sums.

    A stated TA without a stated TA+MUUTOS carries the units' changes on it; NETTOMENO and
    TOIMINTAKATE are derived again from what is printed, so the row adds up as the book's does.
    """
    if not said:
        return amounts
    out = dict(amounts)
    for (account, column), value in said.items():
        out[(account, column)] = value
    for account in {a for a, c in said if c == "TA" and (a, "TA+MUUTOS") not in said}:
        out[(account, "TA+MUUTOS")] = said[(account, "TA")] + amounts.get((account, "MUUTOS"), 0)
    for line, parts in DERIVED.items():
        for column in BUDGET_COLUMNS:
            values = [out.get((a, column)) for a in parts]
            if any((a, c) in said for a in parts for c in BUDGET_COLUMNS) and any(v is not None for v in values):
                out[(line, column)] = sum(v or 0 for v in values)
    return out


def stated_sides(state: LedgerState, year: int, node: str, on: int, known: int) -> dict[tuple[str, str], int]:
    """The node's stated TOIMINTATUOTOT and TOIMINTAKULUT (TA, TA+MUUTOS, TP; the sum of the accounts stated
    below each, each counted once), where the book states them by account for a unit below the city and no
    määrärahat table states its MENOT / TULOT: a lautakunta's own table above its tulosalueet'. The city's by
    account is the income statement's view (external items), no appropriation: never here."""
    unit = state.units.get(node)
    if unit is None or unit.parent is None:
        return {}
    said = {(account, column.removeprefix(STATED)): value for (account, column), value in
            state.own_figures(year, breakdown_key(node), on, known).items() if column.startswith(STATED)}
    if any(account in BINDING_LINES for account, _column in said):
        return {}
    out: dict[tuple[str, str], int] = {}
    for (account, column), value in said.items():
        above = ACCOUNT_ANCESTORS.get(account, ())[1:]
        side = next((line for line in (account, *above) if line in SIDE_LINES), None)
        if side is None or column not in SIDE_COLUMNS or any((a, column) in said for a in above):
            continue  # another line, or a part of an account stated itself: counted once, as that one
        out[(side, column)] = out.get((side, column), 0) + value
    return out


def overlay_sides(amounts: dict[tuple[str, str], int], said: dict[tuple[str, str], int],
                  actual: str = "TP") -> dict[tuple[str, str], int]:
    """The node's figures with its stated TOIMINTATUOTOT / TOIMINTAKULUT in place of its units' sums, where
    they differ: the lines above them (TULOT, MENOT) and the derived ones (TOIMINTAKATE, NETTOMENO) moved by
    the same difference, so every row adds up as the book's. A column the units have no figure in stays
    empty; ``actual`` is the key the stated TP is read under (the vertailu's toteutuma of a closed year)."""
    out = dict(amounts)
    for (account, column), value in said.items():
        key = (account, actual if column == "TP" else column)
        if key not in out or out[key] == value:
            continue
        difference = value - out[key]
        for line in (*ACCOUNT_ANCESTORS[account], *_derived_from(account)):
            if (line, key[1]) in out:
                out[(line, key[1])] += difference
    return out


def _derived_from(account: str) -> list[str]:
    """The derived lines an account's figure is in (TOIMINTAKATE, NETTOMENO through MENOT)."""
    lines, found = set(ACCOUNT_ANCESTORS[account]), []
    while more := [line for line, parts in DERIVED.items() if line not in lines and lines & set(parts)]:
        lines |= set(more)
        found += more
    return found


def compared(state: LedgerState, year: int, node: str, on: int, known: int) -> list[Gap]:
    """Each binding line and column the book stated for the node (its MENOT / TULOT, else its own table's
    TOIMINTATUOTOT / TOIMINTAKULUT), against what its units sum to (a ``Gap`` of 0 where they agree); none
    where the book stated nothing or no unit has a figure."""
    said = stated(state, year, node, on, known) or stated_sides(state, year, node, on, known)
    if not said:
        return []
    own = [state.own_figures(year, unit, on, known) for unit in state.subtree(node, year, on, known)]
    found = []
    for (account, column), value in sorted(said.items()):
        wanted = _SUMMED_AS[column]
        parts = [[v for (a, c), v in cells.items() if c in wanted and account in ACCOUNT_ANCESTORS[a]]
                 for cells in own]
        values = [v for part in parts for v in part]
        if values:
            unit = 100 if all(v % 100 == 0 for v in values) else 1
            found.append(Gap(node, year, account, column, value, sum(values), sum(1 for p in parts if p), unit))
    return found


def gaps(state: LedgerState, year: int, node: str, on: int, known: int) -> list[Gap]:
    """Where the node's stated binding lines differ from what its units sum to."""
    return [gap for gap in compared(state, year, node, on, known) if gap.difference]


__all__ = ["BINDING_LINES", "BUDGET_COLUMNS", "SIDE_LINES", "Gap", "compared", "gaps", "overlay", "overlay_sides",
           "stated", "stated_sides"]
