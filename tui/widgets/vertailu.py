"""The toteutumisvertailu table: one row per binding appropriation, an overrun in the theme's $error.

The books' order (TA, TA-muutokset, TA+muutos, toteutuma, poikkeama, toteuma-%, and the forecast
TPE where a row has one) needs some 100 columns for a big city's amounts. Narrower, TA+muutos and
the toteutuma come first and TPE, TA and TA-muutokset follow them, in pages of the columns that fit
beside the units (``c`` turns the page, as in the figures): an amount is never cut at the edge. The
line under the table (the screen's) names all of them for the row under the cursor. Every cell is
``ledger.fold.vertailu``'s, as the report and ``kirjuri verify`` read them.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widgets import DataTable

from ledger.audit.committee import Toteutumisvertailu, VertailuRow
from ledger.domain.text import shown
from tui.i18n import Texts
from tui.viewmodel import cell_text
from tui.widgets.figures import pages
from tui.widgets.sized import fill

#: the columns in the books' order, and in the order that fits 80 columns
BOOK = ("unit", "TA", "MUUTOS", "TA+MUUTOS", "actual", "poikkeama", "percent", "TPE")
NARROW = ("unit", "TA+MUUTOS", "actual", "poikkeama", "percent", "TPE", "TA", "MUUTOS")
#: a row's mark: an overrun is marked in text too, for a terminal without colours
MARK = "! "


class VertailuTable(DataTable):
    """Shows a ``Toteutumisvertailu``; ``row_at`` gives the binding appropriation on a row."""

    def __init__(self, texts: Texts, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.texts = texts
        self.table: Toteutumisvertailu | None = None
        #: the column order shown (``BOOK`` or ``NARROW``)
        self.order: tuple[str, ...] = BOOK
        #: the pages of the amounts' columns (indices into ``shown()[1:]``) and the one shown
        self.pages: list[list[int]] = [[]]
        self.page = 0

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._redraw())

    def on_resize(self, _event: events.Resize) -> None:
        self._redraw()

    def next_columns(self) -> None:
        """The next page of the amounts' columns (round to the first)."""
        self.page += 1
        self._redraw()

    def show(self, table: Toteutumisvertailu) -> None:
        self.table = table
        self._redraw(cursor=0)

    def row_at(self, index: int) -> VertailuRow | None:
        if self.table is None or not 0 <= index < len(self.table.rows):
            return None
        return self.table.rows[index]

    def actual_heading(self) -> str:
        """TP or Toteuma, as the rows read it ("TP/Toteuma" when units of both are shown)."""
        columns = self.table.columns if self.table is not None else ()
        return "/".join(self.texts("committee.TOTEUMA") if c == "TOTEUMA" else c for c in columns) \
            or self.texts("committee.TOTEUMA")

    def _headers(self) -> dict[str, Text]:
        t = self.texts
        labels = {"unit": t("committee.unit"), "TA": t.column("TA"), "MUUTOS": t.column("MUUTOS"),
                  "TA+MUUTOS": t.column("TA+MUUTOS"), "actual": self.actual_heading(),
                  "poikkeama": t("committee.poikkeama"), "percent": t("committee.percent"), "TPE": t.column("TPE")}
        return {key: Text(label, justify="left" if key == "unit" else "right") for key, label in labels.items()}

    def _cells(self) -> list[dict[str, Text]]:
        error = self._error_style()
        rows = []
        for row in self.table.rows if self.table is not None else ():
            style = error if row.overrun else Style()
            values = {"TA": row.ta, "MUUTOS": row.muutos, "TA+MUUTOS": row.ta_muutos, "actual": row.actual,
                      "poikkeama": row.poikkeama, "TPE": row.tpe}
            cells = {"unit": Text((MARK if row.overrun else " " * len(MARK)) + shown(row.code), style=style,
                                  no_wrap=True)}
            cells.update({key: Text(cell_text(key, value), style=style, justify="right")
                          for key, value in values.items()})
            cells["percent"] = Text(cell_text("TOTEUMA-%", row.percent), style=style, justify="right")
            rows.append(cells)
        return rows

    def shown(self) -> list[str]:
        """The columns shown, in the current order: TPE only where a row has a forecast."""
        forecasts = self.table is not None and self.table.forecasts
        return [key for key in self.order if key != "TPE" or forecasts]

    def _order(self, cells: list[dict[str, Text]]) -> tuple[str, ...]:
        """The books' order if every column shown fits the table's width now, else the narrow one."""
        forecasts = self.table is not None and self.table.forecasts
        keys = [key for key in BOOK if key != "TPE" or forecasts]
        headers = self._headers()
        width = sum(max([headers[key].cell_len] + [row[key].cell_len for row in cells]) for key in keys)
        available = self._room()
        return BOOK if available <= 0 or width + 2 * self.cell_padding * len(keys) <= available else NARROW

    def _redraw(self, cursor: int | None = None) -> None:
        if self.table is None:
            return
        row = self.cursor_row if cursor is None else cursor
        cells = self._cells()
        self.order = self._order(cells)
        headers = self._headers()
        keys = self.shown()
        widths = [max([headers[key].cell_len] + [row[key].cell_len for row in cells]) for key in keys]
        unit = headers["unit"]
        self.pages = pages(widths[1:], widths[0], self._room())
        if len(self.pages) > 1:  # the units' header then says the page, and is the wider for it
            widest = len(self.texts("figures.page", label=unit.plain, page=len(keys), pages=len(keys)))
            self.pages = pages(widths[1:], max(widths[0], widest), self._room())
        self.page %= len(self.pages)
        if len(self.pages) > 1:
            unit = Text(self.texts("figures.page", label=unit.plain, page=self.page + 1, pages=len(self.pages)))
            widths[0] = max(widths[0], unit.cell_len)
        shown = [0] + [1 + i for i in self.pages[self.page]]
        headers["unit"] = unit
        fill(self, [(keys[i], headers[keys[i]]) for i in shown], [[cells_of[keys[i]] for i in shown] for cells_of in cells],
             [row.code for row in self.table.rows], widths=[widths[i] for i in shown])
        if self.table.rows:
            self.move_cursor(row=min(max(row, 0), len(self.table.rows) - 1), animate=False)

    def _room(self) -> int:
        """The cells the columns may take: the table's width less its vertical scrollbar's."""
        return self.size.width - self.styles.scrollbar_size_vertical

    def _error_style(self) -> Style:
        """Bold in the theme's error colour: follows whatever theme the user picked."""
        colour = self.app.theme_variables.get("error") if self.is_attached else None
        return Style(bold=True, color=colour) if colour else Style(bold=True, reverse=True)
