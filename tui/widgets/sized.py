"""Fill a DataTable with its columns' widths given up front.

Left to measure its columns itself, Textual 8.2's DataTable sometimes keeps the
frame drawn before it measured, with every column cut to its header's width
(seen about once in 10-30 redraws in a real terminal). Widths computed from the
header and the cells, and given with the columns, leave nothing to measure later.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable


def fill(table: DataTable, headers: list[tuple[str, Text]], rows: list[list[Text]],
         row_keys: list[str] | None = None) -> None:
    """Replace the table's columns and rows: ``headers`` are (key, label), ``rows`` one Text per column."""
    table.clear(columns=True)
    for i, (key, label) in enumerate(headers):
        table.add_column(label, key=key, width=max([label.cell_len] + [row[i].cell_len for row in rows]))
    for i, row in enumerate(rows):
        table.add_row(*row, key=row_keys[i] if row_keys else None)
