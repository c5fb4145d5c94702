"""The figures table: the node's lines × the year's columns, then its children's line.

At a width too narrow for every column the columns come in pages that fit, the account labels always
first, and ``next_columns`` turns to the next page: an amount is never cut (issue 19, item 4). A label
wider than its column takes the chart's abbreviation of it where the chart has one ("Övr. verks.int."),
and folds onto a second line only where it has none or that too is wider (a unit's own name)."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from tui.i18n import Texts
from tui.viewmodel import FiguresView
from tui.widgets.sized import fill, wrap
from tui.widgets.wrapped import keep_numbers

LABEL_KEY = "label"
#: a heading in bold; under a figure the book states, what its lines sum to and the difference in italics
LABEL_STYLE = {"heading": "bold", "lines": "italic", "difference": "italic"}


class FiguresTable(DataTable):
    """Shows a ``FiguresView``; a cell that differs from now is drawn in the theme's $warning.

    Enter on a child's row goes to that child in the tree.
    """

    BINDINGS: ClassVar = [Binding("enter", "open_child", show=False)]

    def __init__(self, texts: Texts, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.texts = texts
        self.view: FiguresView | None = None
        #: the page of columns shown when they do not all fit (``next_columns``)
        self.page = 0
        #: the pages of the last drawing: column indices of the view, each page's fitting the width
        self.pages: list[list[int]] = []

    def child_at(self, row: int) -> str | None:
        """The code of the child on ``row``, or None for the node's own lines."""
        if self.view is None or not 0 <= row < len(self.view.rows):
            return None
        return self.view.rows[row].code

    def action_open_child(self) -> None:
        code = self.child_at(self.cursor_row)
        if code is not None:
            self.screen.go_to(code)  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._redraw())

    def on_resize(self) -> None:
        self._redraw()

    def next_columns(self) -> None:
        """The next page of columns (round to the first): the ones that did not fit beside the labels."""
        self.page += 1
        self._redraw()

    def show(self, view: FiguresView) -> None:
        self.view = view
        self._redraw()

    def _changed_style(self) -> Style:
        """Bold in the theme's warning colour: follows whatever theme the user picked."""
        colour = self.app.theme_variables.get("warning")
        return Style(bold=True, color=colour) if colour else Style(bold=True, underline=True)

    def _redraw(self) -> None:
        view = self.view
        if view is None:
            return
        row = self.cursor_row
        changed = self._changed_style()
        labels = [Text(line.on_screen, style=LABEL_STYLE.get(line.kind, "")) for line in view.rows]
        shorter = [Text(line.short_label) if line.short_label else None for line in view.rows]
        cells = [[Text(text, justify="right", style=changed if diff else "")
                  for text, diff in zip(view.texts(line), line.changed, strict=True)] for line in view.rows]
        titles = [Text(self.texts.column(column), justify="right") for column in view.columns]
        widths = [max([title.cell_len] + [r[i].cell_len for r in cells]) for i, title in enumerate(titles)]
        account = self.texts("figures.account")
        widest = max([label.cell_len for label in labels] + [len(account)], default=0)
        room = self.size.width - self.styles.scrollbar_size_vertical
        label = label_width(widest, widths, room)
        self.pages = pages(widths, label, room)
        if len(self.pages) > 1:  # the header then says the page, and is the wider for it
            paged = self.texts("figures.page", label=account, page=len(widths), pages=len(widths))
            label = label_width(max(widest, len(paged)), widths, room)
            self.pages = pages(widths, label, room)
        self.page %= len(self.pages)
        shown = self.pages[self.page]
        if len(self.pages) > 1:
            account = self._page_header(account, label)
        labels = [short if short is not None and text.cell_len > label else text
                  for text, short in zip(labels, shorter, strict=True)]
        folded = [wrap(keep_numbers(text), label, FOLDED) if text.cell_len > label else text for text in labels]
        headers = [(LABEL_KEY, Text(account))] + [(view.columns[i], titles[i]) for i in shown]
        rows = [[text] + [r[i] for i in shown] for text, r in zip(folded, cells, strict=True)]
        fill(self, headers, rows, [f"row:{i}" for i in range(len(rows))],
             widths=[label] + [widths[i] for i in shown], heights=[text.plain.count("\n") + 1 for text in folded])
        if view.rows:
            self.move_cursor(row=min(row, len(view.rows) - 1))


    def _page_header(self, account: str, label: int) -> str:
        """The label column's header with the page of columns shown; the short form where the labels'
        column is too narrow for the whole (a header is one line, and the page must stay readable)."""
        page, count = self.page + 1, len(self.pages)
        whole = self.texts("figures.page", label=account, page=page, pages=count)
        return whole if len(whole) <= label else self.texts("figures.page_short", page=page, pages=count)

#: a DataTable column's own padding, one cell either side
PADDING = 2
#: a label wider than its column folds onto this many lines at most, the last ending in "…"
FOLDED = 2
#: the label column is never narrower than this, however wide the amounts
LEAST_LABEL = 12


def label_width(widest: int, widths: list[int], room: int) -> int:
    """The account labels' column: as wide as the longest label, but never so wide that the two widest
    columns of amounts (or the one, if there is one) no longer fit beside it; a longer label folds.
    ``room`` 0 (not laid out yet): the longest label's width."""
    if room <= 0:
        return widest
    most = sorted(widths, reverse=True)[:2]
    beside = sum(most) + PADDING * len(most)
    return max(min(widest, room - PADDING - 1 - beside), min(widest, LEAST_LABEL))


def pages(widths: list[int], label: int, room: int) -> list[list[int]]:
    """The columns (their widths) in pages that fit ``room`` beside the label column, in their order; a
    column wider than the room alone is a page of its own. ``room`` 0 (not laid out yet): one page."""
    if room <= 0:
        return [list(range(len(widths)))]
    left = room - label - PADDING - 1
    found: list[list[int]] = [[]]
    used = 0
    for i, width in enumerate(widths):
        if found[-1] and used + width + PADDING > left:
            found.append([])
            used = 0
        found[-1].append(i)
        used += width + PADDING
    return found
