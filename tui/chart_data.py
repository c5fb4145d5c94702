"""What the figures chart draws: one node's line over the fiscal years, as plain data.

Like ``tui.viewmodel`` this knows nothing of Textual and computes no figure: every
value is ``ledger.fold.projections.figures`` for the node, one fiscal year at a time, at
the screen's point in time, so the chart travels in time with the rest of the screen.

The chart reads the NETTOMENO line, the one most books bind the council to
(sitovuustaso); a part of the budget and a project read their part's result instead.
Its values keep the books' sign: MENOT negative, TULOT positive, so a net expense is
drawn below zero, as the figures table beside it prints it.

Three columns, each exactly as recorded and never filled in from another:

- TA+muutos: the budget with its amendments;
- Toteuma: the sum of the recorded periods (absent from the Kemijärvi example, whose books print TP);
- TP: the closed year's accounts, as a series of its own.

A closed year without toteuma is *not* given its TP as toteuma: the two are different
figures from different documents, and a clerk comparing them must see which is which.
A year without a value is None; nothing is guessed.

Amounts stay integer cents here. Only the widget turns them into thousands of euros,
at drawing time, because a plot's axis needs floats; nothing it draws is read back.
"""

from __future__ import annotations

from dataclasses import dataclass

from ledger.fold import parts as budget_parts
from ledger.fold import projections as pj
from ledger.domain import formats
from ledger.fold.projections import Point
from ledger.fold.state import LedgerState

#: the line the chart follows
ACCOUNT = "NETTOMENO"
#: the columns drawn, in the order of the legend
CHART_COLUMNS = ("TA+MUUTOS", "TOTEUMA", "TP")
#: no time travel: everything effective, everything known
NOW = Point()


@dataclass(frozen=True)
class ChartSeries:
    """One node's ``account`` line per fiscal year: TA+muutos, toteuma and TP in cents (None = not recorded).

    ``years``, ``ta_muutos``, ``toteuma`` and ``tp`` are parallel: the i-th value of
    each is for ``years[i]``. ``point`` is the point in time they were read at, so a
    screen can drop a series made for a point it has since left.
    """

    node: str
    name: str
    years: tuple[int, ...]
    ta_muutos: tuple[int | None, ...]
    toteuma: tuple[int | None, ...]
    tp: tuple[int | None, ...]
    point: Point = NOW
    account: str = ACCOUNT
    #: the title names the node's code (a part of the budget has none a reader would know)
    coded: bool = True

    def columns(self) -> list[tuple[str, tuple[int | None, ...]]]:
        """(column, values) for each column with at least one value, in ``CHART_COLUMNS`` order."""
        values = {"TA+MUUTOS": self.ta_muutos, "TOTEUMA": self.toteuma, "TP": self.tp}
        return [(column, values[column]) for column in CHART_COLUMNS
                if any(v is not None for v in values[column])]

    @property
    def empty(self) -> bool:
        """No column has a value for any year."""
        return not self.columns()


def chart_series(state: LedgerState, node: str, point: Point = NOW, name: str | None = None) -> ChartSeries:
    """The node's NETTOMENO TA+muutos, toteuma and TP for every fiscal year the ledger holds, at ``point``.

    Each year is rolled up in that year's own organisation (as published), as the
    figures table shows it for that year. A part of the budget (``name`` its name) follows its own
    result over the whole city, and a project group or project the investointiosa's, its own figures'
    (``ledger.fold.parts.chart_line``): neither has a NETTOMENO.
    """
    at = point.resolve(state)
    on, known = at
    years = tuple(state.years())
    part = budget_parts.part_named(node)
    if part is not None:
        per_year = [budget_parts.figures(state, year, point) for year in years]
    else:
        per_year = [pj.figures(state, year, node, at=at) for year in years]
    if part is None and node in state.projects:
        part = budget_parts.PROJECT_PART
    account = ACCOUNT if part is None else budget_parts.chart_line(part, per_year) or ACCOUNT
    return ChartSeries(
        node=node,
        name=name if name is not None else state.name(node, on, known),
        years=years,
        ta_muutos=tuple(f.get(account, "TA+MUUTOS") for f in per_year),
        toteuma=tuple(f.get(account, "TOTEUMA") for f in per_year),
        tp=tuple(f.get(account, "TP") for f in per_year),
        point=point,
        account=account,
        coded=budget_parts.part_named(node) is None,
    )


#: the smallest step between two axis ticks, in cents: 10 €, so a label in thousands has at most two decimals
MIN_STEP = 1_000


def axis_ticks(values: list[int | None] | tuple[int | None, ...], intervals: int) -> tuple[int, ...]:
    """Evenly spaced axis ticks in cents, covering zero and every value in at most ``intervals`` steps.

    A step is 1, 2 or 5 times a power of ten, so every tick is a round number of
    thousands of euros; integers throughout, nothing rounded away.
    """
    present = [v for v in values if v is not None]
    low, high = min([0, *present]), max([0, *present])
    if low == high:
        return (0,)
    intervals = max(intervals, 1)
    power = MIN_STEP
    while True:
        for factor in (1, 2, 5):
            step = factor * power
            first, last = low // step, -(-high // step)
            if last - first <= intervals:
                return tuple(range(first * step, last * step + 1, step))
        power *= 10


def thousands(cents: int) -> str:
    """A tick's label in thousands of euros, as the books print amounts: -3 000 000 € is "-3 000"."""
    if cents % MIN_STEP:
        raise ValueError(f"{cents} cents is not a multiple of 10 €: the label would round it")
    return formats.amount(cents // 1_000)
