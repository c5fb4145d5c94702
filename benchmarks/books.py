"""How much of a published budget book the importer reads: per book and section, the reference cells
recorded / checked / listed / wrong, and the time to read the PDF and plan its events.

    .venv/bin/python benchmarks/books.py ../shared/books/seinajoki-tp-2024

DIR holds a book's PDF and, per section, its text (``*.txt``, whose first line names the section's
"PDF pages N–M") and its reference (``*.truth.tsv``: one row per printed amount, its ``role`` and
``printed`` cents). A reference cell is *recorded* or *checked* when a reader (the tulosalue blocks,
the tables by their columns) read a cell of its role and value on the section's pages and recorded or
checked it; *listed* when none did (the import lists its line); a cell the readers recorded or checked
that is in no reference row is *wrong*. The text files are imported too (no positions): what their
import records, checks and lists.
"""

from __future__ import annotations

import argparse
from collections import Counter
import csv
import datetime as dt
import re
import sys
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ledger.books import blockplan, layoutplan  # noqa: E402
from ledger.books.blocks import BlockReading, read_blocks  # noqa: E402
from ledger.books.book import Statement, read_book  # noqa: E402
from ledger.books.layout import LayoutReading, budget_year, read_layout, read_text_layout  # noqa: E402
from ledger.domain.refusals import Rejected  # noqa: E402
from ledger.fold.state import LedgerState  # noqa: E402

_PAGES_RE = re.compile(r"PDF pages? ([0-9]+)(?:\s*[-–]\s*([0-9]+))?")
NOW = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)


def sections(folder: Path) -> list[tuple[str, range, list[dict]]]:
    """(name, PDF pages, reference rows) of each section with a text and a reference."""
    out = []
    for truth in sorted(folder.glob("*.truth.tsv")):
        text = truth.with_name(truth.name.removesuffix(".truth.tsv") + ".txt")
        m = _PAGES_RE.search(text.read_text(encoding="utf-8").split("\n", 1)[0]) if text.exists() else None
        if m is None:
            continue
        with truth.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        out.append((truth.name.removesuffix(".truth.tsv"), range(int(m[1]), int(m[2] or m[1]) + 1), rows))
    return out


class Read(NamedTuple):
    """A book read and its events planned as ``kirjuri import`` plans them: ``layout`` and ``planned`` are
    None where the import takes the book reader's path (``statement.figures``: a budget book's tables)."""

    statement: Statement
    blocks: BlockReading | None
    layout: LayoutReading | None
    planned: layoutplan.LayoutPlan | None
    seconds: float


def read_as_import(pdf: Path, year: int | None = None) -> Read:
    """The preview's path of ``kirjuri import`` (cli/books.py): the book reader's figures if it has any, else
    the tulosalue blocks and the tables by their columns, planned into an empty ledger, no profile."""
    start = time.perf_counter()
    statement = read_book(pdf)
    if statement.figures:
        return Read(statement, None, None, None, time.perf_counter() - start)
    blocks = read_blocks(statement.lines)
    skip = {c.line for c in blocks.cells}
    try:
        known = blockplan.book_year(statement.lines, year, statement.source)
    except Rejected:
        known = None
    layout = (read_layout(statement.text_lines, skip=skip, year=known, book=statement.book_lines)
              if statement.text_lines else read_text_layout(statement.lines, skip=skip, year=known))
    if not blocks.cells and not layout.cells:
        return Read(statement, None, None, None, time.perf_counter() - start)
    year = blockplan.book_year(statement.lines, year if year is not None or known is not None
                                      else budget_year(layout), statement.source)
    root = blockplan.book_root(statement.lines, None)
    stamp = {"source": statement.source, "digest": statement.digest, "author": "benchmark", "now": NOW}
    plan = blockplan.plan_blocks(LedgerState(), blocks, year=year, root=root, **stamp) if blocks.cells else None
    planned = layoutplan.plan_layout(LedgerState(), layout, year=year, root=root, blocks=blocks,
                                     planned_units={u.code for u in plan.units} if plan else set(), **stamp)
    return Read(statement, blocks, layout, planned, time.perf_counter() - start)


def block_status(cell) -> str:
    """A tulosalue block's cell: its TA, amendments and gross TOTEUMA are recorded, the rest checked."""
    recorded = cell.role in ("TA", "MUUTOS") or (cell.role == "TOTEUMA" and cell.side != "netto")
    return "recorded" if recorded else "checked"


def read_cells(pdf: Path) -> tuple[list[tuple[int, str, int, str]], float, list[tuple[int, str, Counter]]]:
    """Every amount the readers read from the PDF: (page, role, printed cents, recorded|checked|listed),
    the seconds to read the book and plan its events, and each table's (page, title, its cells' statuses)
    for the pages no reference covers (the rahoitusosa)."""
    read = read_as_import(pdf)
    blocks, layout = read.blocks, read.layout
    if layout is None:
        return [], read.seconds, []
    page = {n: line.page for n, line in enumerate(read.statement.text_lines, 1)}
    cells = [(page[c.line], c.role, c.printed * 100, block_status(c)) for c in blocks.cells]
    status = {(s.table, s.line, s.role): s.status for s in read.planned.statuses}
    cells += [(page[c.line], c.role, c.printed * t.scale, status[(i, c.line, c.role)])
              for i, t in enumerate(layout.tables) for c in t.cells]
    tables = [(t.page, t.title, Counter(status[(i, c.line, c.role)] for c in t.cells))
              for i, t in enumerate(layout.tables) if t.cells]
    return cells, read.seconds, tables


def tally(rows: list[dict], cells: list[tuple], pages: range, where: str | None = None) -> dict[str, int]:
    """Reference cells matched in book order to the cells read on the section's pages, by role and value;
    with ``where``, by place too: a row's ``where`` column is the place a cell's fifth field says (page:line)."""
    mine = [c for c in cells if c[0] in pages and c[3] != "listed"]
    used: set[int] = set()
    out = {"cells": len(rows), "recorded": 0, "checked": 0, "listed": 0, "wrong": 0}
    at = 0
    for row in rows:
        printed = int(row["printed"]) * int(row["scale"] or 1)
        hit = next((i for i in list(range(at, len(mine))) + list(range(at)) if i not in used
                    and mine[i][1] == row["role"] and mine[i][2] == printed
                    and (where is None or mine[i][4] == row[where])), None)
        if hit is None:
            out["listed"] += 1
            continue
        used.add(hit)
        at = hit + 1
        out[mine[hit][3]] += 1
    out["wrong"] = len(mine) - len(used)
    return out


def text_tallies(folder: Path) -> dict[str, dict[str, int]]:
    """Per section, the same tally from the book's text (no positions): the sections' texts read as one
    text, in order, as a book's extracted text is (a summary's rows are checked against the sections
    before it), each section's reference lines at their place in it."""
    found = sections(folder)
    lines: list[str] = []
    offset: dict[str, int] = {}
    for name, _pages, _rows in found:
        offset[name] = len(lines)
        lines += (folder / (name + ".txt")).read_text(encoding="utf-8").split("\n")
    blocks = read_blocks(lines)
    layout = read_text_layout(lines, skip={c.line for c in blocks.cells})
    read: dict[tuple[int, str], list[tuple[int, str]]] = {}
    for c in blocks.cells:
        read.setdefault((c.line, c.role), []).append((c.printed * 100, block_status(c)))
    status = {(s.table, s.line, s.role): s.status for s in layoutplan.statuses(layout, blocks)}
    for i, t in enumerate(layout.tables):
        for c in t.cells:
            if status[(i, c.line, c.role)] != "listed":
                read.setdefault((c.line, c.role), []).append((c.printed * t.scale, status[(i, c.line, c.role)]))
    out = {}
    for name, _pages, rows in found:
        at, end = offset[name], offset[name] + len((folder / (name + ".txt")).read_text(encoding="utf-8").split("\n"))
        left = {key: list(cells) for key, cells in read.items() if at < key[0] <= end}
        tally = {"recorded": 0, "checked": 0, "listed": 0}
        for r in rows:
            cells = left.get((int(r["line"]) + at, r["role"]), [])
            printed = int(r["printed"]) * int(r["scale"] or 1)
            hit = next((cell for cell in cells if cell[0] == printed), None)
            if hit is None:
                tally["listed"] += 1
                continue
            cells.remove(hit)
            tally[hit[1]] += 1
        tally["wrong"] = sum(len(cells) for cells in left.values())
        out[name] = tally
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path)
    folder = parser.parse_args().dir
    for pdf in sorted(folder.glob("*.pdf")):
        cells, seconds, tables = read_cells(pdf)
        print(f"{pdf.name}: read and planned in {seconds:.1f} s")
        print(f"  {'section':<45} {'cells':>6} {'recorded':>9} {'checked':>8} {'listed':>7} {'wrong':>6}")
        texts = text_tallies(folder)
        for name, pages, rows in sections(folder):
            t = tally(rows, cells, pages)
            x = texts[name]
            print(f"  {name:<45} {t['cells']:>6} {t['recorded']:>9} {t['checked']:>8} {t['listed']:>7} {t['wrong']:>6}"
                  f"   text: {x['recorded']} recorded, {x['checked']} checked, {x['listed']} listed, {x['wrong']} wrong")
        covered = {p for _n, pages, _r in sections(folder) for p in pages}
        for page, title, counts in tables:
            if page not in covered:
                print(f"  page {page} {title[:38]:<38} {sum(counts.values()):>6} {counts['recorded']:>9}"
                      f" {counts['checked']:>8} {counts['listed']:>7}      -   (no reference: cells read by the tables)")


if __name__ == "__main__":
    main()
