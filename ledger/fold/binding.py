"""The binding figure is the book's: a node's stated appropriation against its units' lines.

What the valtuusto adopts at the binding level is the appropriation; the unit lines below
it are its breakdown. A book's määrärahat table states the node's TA and TA muutosten
jälkeen (recorded as a ``BreakdownStated`` of the node's MENOT and TULOT), and where its
units sum to another figure (book 001: Asuminen ja ympäristö MENOT TA+muutos 2023
-2 759 200, its 19 units -2 759 210) the reports print the stated one and the difference
is a finding, never silently corrected either way.

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


def compared(state: LedgerState, year: int, node: str, on: int, known: int) -> list[Gap]:
    """Each binding line and column the book stated for the node, against what its units sum to
    (a ``Gap`` of 0 where they agree); none where the book stated nothing or no unit has a figure."""
    said = stated(state, year, node, on, known)
    if not said:
        return []
    own = [state.own_figures(year, unit, on, known) for unit in state.subtree(node, year, on, known)]
    found = []
    for (account, column), value in sorted(said.items()):
        wanted = ("TA", "MUUTOS") if column == "TA+MUUTOS" else ("TA",)
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


__all__ = ["BINDING_LINES", "BUDGET_COLUMNS", "Gap", "compared", "gaps", "overlay", "stated"]
