"""The audit trail: the selected node's events, newest first, a page at a time.

A DataTable takes seconds per ten thousand rows, so the trail holds one page and
the screen appends the next when the cursor reaches the end.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from tui.i18n import Texts
from tui.viewmodel import Selection, TrailRow

PAGE = 200
COLUMNS = ("seq", "effective", "kind", "change", "recorded", "author", "decision")


class AuditTrail(DataTable):
    """Rows keyed by the event's seq; a reversed event is struck through, a not-yet-effective one dim.

    Enter opens the event under the cursor on its own screen; Home and End go to the
    first and the last row loaded (End then loads the next page).
    """

    BINDINGS: ClassVar = [
        Binding("enter", "screen.open_event", show=False),
        Binding("home", "scroll_top", show=False),
        Binding("end", "scroll_bottom", show=False),
    ]

    def __init__(self, texts: Texts, **kwargs) -> None:
        super().__init__(cursor_type="row", **kwargs)
        self.texts = texts
        self.seqs: list[int] = []
        #: the selection whose trail is shown
        self.selection: Selection | None = None

    def on_mount(self) -> None:
        for column in COLUMNS:
            self.add_column(self.texts(f"trail.{column}"), key=column)

    def reset(self, selection: Selection, seqs: list[int], rows: list[TrailRow]) -> None:
        """Start again with the first page of a new selection's trail."""
        self.clear()
        self.selection = selection
        self.seqs = seqs
        self.extend(rows)

    def extend(self, rows: list[TrailRow]) -> None:
        for row in rows:
            self.add_row(*self._cells(row), key=str(row.seq))

    @property
    def has_more(self) -> bool:
        return self.row_count < len(self.seqs)

    def seq_at(self, index: int) -> int:
        return self.seqs[index]

    def _cells(self, row: TrailRow) -> list[Text]:
        style = "strike" if row.reversed_by else "dim" if row.pending else ""
        kind = row.kind + (f" ({self.texts('trail.reversed', seq=row.reversed_by)})" if row.reversed_by else "")
        texts = (f"#{row.seq}", row.effective, kind, row.change, row.recorded, row.author, row.decision)
        return [Text(t, style=style, no_wrap=True) for t in texts]
