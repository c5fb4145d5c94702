"""Messages the workers post back to the screen; each carries the selection it was computed for.

A worker may finish after the user has moved on. The screen compares the message's
selection with what is selected now and drops a result that no longer matches, so
fast movement never shows stale figures.
"""

from __future__ import annotations

from textual.message import Message

from ledger.app import Damaged

from tui.chart_data import ChartSeries
from tui.viewmodel import FiguresView, Selection, TrailRow


class LedgerOpened(Message):
    """The ledger's state is folded: the screen can show it."""


class LedgerGrew(Message):
    """Another user's events were folded in: the screen shows the ledger anew."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count


class ChainChecked(Message):
    """The session's check of the whole hash chain is done: where it breaks (None: nowhere), in ``seconds``."""

    def __init__(self, damage: Damaged | None, seconds: float) -> None:
        super().__init__()
        self.damage = damage
        self.seconds = seconds


class LedgerDamaged(Message):
    """A read found a stored row that breaks the chain."""

    def __init__(self, damage: Damaged) -> None:
        super().__init__()
        self.damage = damage


class StoreReached(Message):
    """A worker read the store (``error`` None) or could not (the one line that says why)."""

    def __init__(self, error: str | None) -> None:
        super().__init__()
        self.error = error


class FiguresLoaded(Message):
    """The figures view for ``selection``."""

    def __init__(self, selection: Selection, view: FiguresView) -> None:
        super().__init__()
        self.selection = selection
        self.view = view


class TrailLoaded(Message):
    """One page of the audit trail for ``selection``: rows ``offset`` … of ``seqs``."""

    def __init__(self, selection: Selection, seqs: list[int], offset: int, rows: list[TrailRow]) -> None:
        super().__init__()
        self.selection = selection
        self.seqs = seqs
        self.offset = offset
        self.rows = rows


class ChartLoaded(Message):
    """The chart series for ``selection``'s node and point."""

    def __init__(self, selection: Selection, series: ChartSeries) -> None:
        super().__init__()
        self.selection = selection
        self.series = series


class UnitChosen(Message):
    """The tree's cursor rests on a unit."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
