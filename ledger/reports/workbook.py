"""Cells of the workbooks Kirjuri writes (openpyxl, imported only when one is written)."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Iterator


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


@contextmanager
def abandoned_on_failure(workbook) -> Iterator[None]:
    """If the block fails (a full disk), end the rows a write-only workbook streams to its temporary
    files now: collected later, they would write into closed files and print "Exception ignored" and
    a traceback on the terminal after Kirjuri said what failed in one line."""
    try:
        yield
    except BaseException:
        for sheet in workbook.worksheets if workbook.write_only else ():
            for stream in (getattr(sheet, "_rows", None), getattr(getattr(sheet, "_writer", None), "xf", None)):
                if stream is not None:
                    with suppress(Exception):
                        stream.close()
        raise


def save(workbook, out: IO[bytes] | str | Path) -> None:
    """Write ``workbook`` into an open file (``ledger.reports.output.write_atomic``'s), its zip always closed.

    openpyxl's own ``save`` leaves the zip open when a write fails: collected later, it writes its
    end into the closed file. Here the failure is the disk's, said once, and the half-written file
    is the output's to throw away.
    """
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    if workbook.write_only and not workbook.worksheets:
        workbook.create_sheet()
    workbook.properties.modified = dt.datetime.now(tz=dt.timezone.utc).replace(tzinfo=None)
    with abandoned_on_failure(workbook), ZipFile(out, "w", ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
