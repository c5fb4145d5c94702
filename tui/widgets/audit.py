"""The audit trail: the selected node's events, newest first, a page at a time.

A DataTable takes seconds per ten thousand rows, so the trail holds one page and
the screen appends the next when the cursor reaches the end.

At 80 columns the trail is some 55 cells wide: too narrow for a kind and a change side
by side. So an event's kind leads its change in one column ("TA-muutos 2026 · MENOT
-50 000"), which takes the width # and Voimassa leave and breaks into lines there (at
most ``LINES``). The decision, the recorded time and the author follow it: in view on a
wide terminal, else a scroll to the right away (and always on the event's own screen).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import DataTable

from tui.i18n import Texts
from tui.viewmodel import Selection, TrailRow
from tui.widgets.sized import fill, wrap

PAGE = 200
COLUMNS = ("seq", "effective", "event", "decision", "recorded", "author")
#: the column of the kind and the change, the only one that breaks into lines
EVENT = COLUMNS.index("event")
#: an event's most lines; a longer one ends in "…" (Enter shows it whole)
LINES = 3
#: the event column's least width, however narrow the terminal
NARROWEST = 20
#: the event column gives up width to show the columns after it only while it keeps this much
ROOMY = 60


def widths(natural: list[int], available: int, padding: int) -> list[int]:
    """Each column's width, given its widest cell (``natural``) and the cells the table has.

    The event column takes what # and Voimassa leave (less what the columns after it need,
    when that still leaves it ``ROOMY``); before the table has a width, every column its own.
    """
    if available <= 0:
        return list(natural)
    pad = 2 * padding
    room = available - sum(natural[:EVENT]) - (EVENT + 1) * pad
    after = sum(natural[EVENT + 1:]) + (len(natural) - EVENT - 1) * pad
    fit = room - after if room - after >= ROOMY else room
    return natural[:EVENT] + [max(NARROWEST, min(natural[EVENT], fit))] + natural[EVENT + 1:]


class AuditTrail(DataTable):
    """Rows keyed by the event's seq; a reversed event is struck through, a not-yet-effective one dim.

    Enter opens the event under the cursor on its own screen; Home and End go to the
    first and the last row loaded (End then loads the next page); ← and → scroll a column at a time.
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
        #: the rows loaded so far
        self.rows_loaded: list[TrailRow] = []
        #: each column's width
        self.widths: list[int] = []
        #: the selection whose trail is shown
        self.selection: Selection | None = None
        #: the last layout: (width, lines the rows need without a scrollbar, whether they fitted)
        self.laid_out: tuple[int, int, bool] | None = None

    def on_mount(self) -> None:
        self._fill()

    def action_cursor_right(self) -> None:
        """→ brings the next column's start to the left edge: at 80 columns the decision is some fifty
        characters to the right, one key away rather than one per character."""
        starts = self._starts()
        self.scroll_to(x=min(next((x for x in starts if x > self.scroll_x), self.max_scroll_x), self.max_scroll_x),
                       animate=False)

    def action_cursor_left(self) -> None:
        """← back to the start of the column before (the # at the last)."""
        self.scroll_to(x=max((x for x in self._starts() if x < self.scroll_x), default=0), animate=False)

    def _starts(self) -> list[int]:
        """Where each column starts, in cells from the table's left edge."""
        starts, at = [], 0
        for column in self.ordered_columns:
            starts.append(at)
            at += column.get_render_width(self)
        return starts

    def on_resize(self, _event: events.Resize) -> None:
        """The event column follows the table's size: narrower, it breaks into more lines.

        A change of height alone (the time-travel banner shown or hidden) changes nothing
        unless the rows stop or start fitting without a scrollbar: then nothing is measured.
        """
        width, height = self.size
        if self.laid_out is not None and self.laid_out[0] == width and (self.laid_out[1] <= height) == self.laid_out[2]:
            return
        if self._layout([self._cells(row) for row in self.rows_loaded])[0] != self.widths:
            self._fill(keep_cursor=True)

    def reset(self, selection: Selection, seqs: list[int], rows: list[TrailRow]) -> None:
        """Start again with the first page of a new selection's trail."""
        self.selection = selection
        self.seqs = seqs
        self.rows_loaded = list(rows)
        self._fill()

    def extend(self, rows: list[TrailRow]) -> None:
        """Append a page; a cell wider than its column (a longer decision further back) sizes them anew."""
        self.rows_loaded += rows
        cells = [self._cells(row) for row in rows]
        if any(self._too_wide(row) for row in cells):
            self._fill(keep_cursor=True)
            return
        for row, row_cells in zip(rows, cells, strict=True):
            event = wrap(row_cells[EVENT], self.widths[EVENT], LINES)
            row_cells[EVENT] = event
            self.add_row(*row_cells, key=str(row.seq), height=_lines(event))

    def _too_wide(self, cells: list[Text]) -> bool:
        """A cell wider than its column (the event's breaks into lines instead)."""
        return any(cell.cell_len > width for i, (cell, width) in enumerate(zip(cells, self.widths, strict=True))
                   if i != EVENT)

    @property
    def has_more(self) -> bool:
        return self.row_count < len(self.seqs)

    def seq_at(self, index: int) -> int:
        return self.seqs[index]

    def _headers(self) -> list[tuple[str, Text]]:
        t = self.texts
        labels = ["#", t("trail.effective"), f"{t('trail.kind')} · {t('trail.change')}", t("trail.decision"),
                  t("trail.recorded"), t("trail.author")]
        return [(key, Text(label)) for key, label in zip(COLUMNS, labels, strict=True)]

    def _fill(self, keep_cursor: bool = False) -> None:
        """Every loaded row anew, the columns sized for the table's size now."""
        cursor = self.cursor_row
        cells = [self._cells(row) for row in self.rows_loaded]
        self.widths, events = self._layout(cells)
        for row, event in zip(cells, events, strict=True):
            row[EVENT] = event
        fill(self, self._headers(), cells, [str(row.seq) for row in self.rows_loaded], self.widths,
             [_lines(event) for event in events])
        if keep_cursor and cells:
            self.move_cursor(row=min(cursor, len(cells) - 1), animate=False)

    def _layout(self, cells: list[list[Text]]) -> tuple[list[int], list[Text]]:
        """The columns' widths for the table's size now, and each event broken into lines to fit.

        The event column reaches the table's right edge, or a vertical scrollbar's when the rows
        are too many to fit: then no later column peeks in beside it, and none hides under the bar.
        """
        headers = self._headers()
        natural = [max([label.cell_len] + [row[i].cell_len for row in cells]) for i, (_, label) in enumerate(headers)]
        width, height = self.size
        for available in (width, width - self.styles.scrollbar_size_vertical):
            sized = widths(natural, available, self.cell_padding)
            events = [wrap(row[EVENT], sized[EVENT], LINES) for row in cells]
            across = int(sum(sized) + 2 * self.cell_padding * len(sized) > available)
            need = sum(_lines(event) for event in events) + self.header_height + across
            if available == width:
                self.laid_out = (width, need, need <= height)
            if need <= height:
                break
        return sized, events

    def _cells(self, row: TrailRow) -> list[Text]:
        """#, Voimassa, "kind · change" (the kind in bold), decision, recorded, author."""
        style = "strike" if row.reversed_by else "dim" if row.pending else ""
        kind = row.kind + (f" ({self.texts('trail.reversed', seq=row.reversed_by)})" if row.reversed_by else "")
        event = Text.assemble((kind, "bold"), " · " if row.change else "", row.change, style=style)
        texts = (f"#{row.seq}", row.effective, row.decision, row.recorded, row.author)
        cells = [Text(t, style=style, no_wrap=True) for t in texts]
        return cells[:EVENT] + [event] + cells[EVENT:]


def _lines(text: Text) -> int:
    return text.plain.count("\n") + 1
