"""The figures table: the node's lines × the year's columns, then its children's line."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from tui.i18n import Texts
from tui.viewmodel import FiguresView
from tui.widgets.sized import fill

LABEL_KEY = "label"


class FiguresTable(DataTable):
    """Shows a ``FiguresView``; a cell that differs from now is drawn in the theme's $warning.

    Enter on a child's row goes to that child in the tree.
    """

    BINDINGS: ClassVar = [Binding("enter", "open_child", show=False)]

    def __init__(self, texts: Texts, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)
        self.texts = texts
        self.view: FiguresView | None = None

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
        rows = [[Text(line.label, style="bold" if line.kind == "heading" else "")]
                + [Text(text, justify="right", style=changed if diff else "")
                   for text, diff in zip(view.texts(line), line.changed, strict=True)] for line in view.rows]
        headers = [(LABEL_KEY, Text(self.texts("figures.account")))]
        headers += [(column, Text(self.texts.column(column), justify="right")) for column in view.columns]
        fill(self, headers, rows, [f"row:{i}" for i in range(len(rows))])
        if view.rows:
            self.move_cursor(row=min(row, len(view.rows) - 1))
