"""Cells of the workbooks Kirjuri writes (openpyxl, imported only when one is written)."""

from __future__ import annotations


def text_cell(cell, text: str):
    """``text`` as a plain string cell, whatever it holds.

    A unit's name or a finding quoting a tampered row may begin with "=": it must not
    become a formula in the reader's spreadsheet, and a control character (which a
    workbook cannot hold) is written as its escape rather than losing the file.
    """
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cell.value = ILLEGAL_CHARACTERS_RE.sub(lambda m: repr(m.group())[1:-1], text)
    cell.data_type = "s"
    return cell
