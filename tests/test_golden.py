"""Golden tests: every figure a seed book prints is the figure Kirjuri's report prints.

For each book, each units, käyttötalous and määrärahat table is compared cell by cell
with the report of the bundled example ledger (``examples/kemijarvi.json``,
``examples/kemi.json``) for the same unit or node and column. A cell may differ only
where the book disagrees with itself: its self-consistency report then names that
line and column (a stated total that is not the sum of its lines, rounding included).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from events import accounts
from ledger.reports import tables as rp
from ledger.app import Kirjuri
from ledger.store.exchange import read_export
from ledger.books.book import COLUMN_KINDS, Statement, read_book, unit_code
from ledger.books.plan import Profile, load_profile, plan_import
from ledger.books.tables import Column
from ledger.store.log import Target

ROOT = Path(__file__).parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.timezone.utc)
BOOKS = {
    "000_9c20ad174b7e627f": "kemijarvi",
    "001_aaaf02521da22339": "kemijarvi",
    "003_1b329ab6df95eed4": "kemijarvi",
    "002_dd12f107354cdfaf": "kemi",
    "004_79e4d0c6f91e6d52": "kemi",
}
_ACCOUNTS = {a.upper(): a for a in accounts.ACCOUNTS}


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory):
    opened = {}
    for name in set(BOOKS.values()):
        path = tmp_path_factory.mktemp(name) / "ledger.sqlite"
        ledger = Kirjuri(Target(sqlite_path=path), create=True, author="testi")
        ledger.submit_recorded(read_export(ROOT / "examples" / f"{name}.json")[1])
        opened[name] = ledger
    yield opened
    for ledger in opened.values():
        ledger.close()


@dataclass(frozen=True)
class Cell:
    line: int
    column: str
    book: int
    ours: int | str | None
    total: bool = False


class Book:
    """One seed book against the example ledger: which code each printed block is."""

    def __init__(self, name: str, ledger: Kirjuri):
        self.statement: Statement = read_book(SEEDS / f"{name}.txt")
        profile_path = ROOT / "examples" / "books" / f"{name}.toml"
        self.profile: Profile = load_profile(profile_path if profile_path.exists() else None)
        self.state = ledger.state
        self.codes = plan_import(self.state, self.statement, self.profile, author="testi", now=NOW).codes

    def node(self, title: str | None, year: int) -> str | None:
        """The table's node in a year: the profile's, its predecessor before it existed, or by name."""
        spec = self.profile.nodes.get(title or "")
        if spec is None:
            wanted = " ".join((title or "").split()).casefold()
            found = [c for c in self.state.units if self.state.name(c).casefold() == wanted]
            return found[0] if len(found) == 1 else None
        registered = self.state.units[spec.code].registered[0]
        return spec.earlier if spec.earlier and dt.date(year, 12, 31).toordinal() < registered else spec.code

    def block_code(self, meaning, block: str, year: int) -> str | None:
        code = unit_code(block)[0]
        if code is not None:
            return code
        if block in meaning.totals:
            return self.node(meaning.node, year)
        return self.codes.get((meaning.index, block))

    def explained(self, cell: Cell) -> bool:
        """The book's self-consistency report names this line and column; a MUUTOS or a
        percent follows from the figures of its line, so any contradiction there explains it."""
        found = [c.what.casefold() for c in self.statement.contradictions if c.line == cell.line]
        derived = any(word in cell.column for word in ("MUUTOS €", "MUUTOS %", "TOTEUMA-%"))
        return bool(found) and (derived or any(cell.column.casefold() in what for what in found))


def rounded_subtotal(cell: Cell) -> bool:
    """Kemi prints a group's total in one table and its units in another; the printed total
    is rounded by a euro from its units' sum, which is what Kirjuri prints."""
    return cell.total and isinstance(cell.ours, int) and abs(cell.book - cell.ours) <= 100


def undefined_percent(cell: Cell) -> bool:
    """Kemi prints "0 %" for toteuma against a budget of 0, where Kirjuri leaves the ratio blank."""
    return cell.column == "TOTEUMA-%" and cell.book == 0 and cell.ours is None


def _ledger_column(col: Column) -> tuple[str, int] | None:
    kind = COLUMN_KINDS.get(col.kind)
    return None if kind is None or col.year is None else (kind, col.year)


def _label(col: Column) -> str:
    return " ".join(str(p) for p in (col.kind, col.year, col.period) if p)


def _year_of(columns: list[Column], i: int) -> int:
    """A percent column has no year of its own: the year of the column before it."""
    return next(c.year for c in reversed(columns[: i + 1]) if c.year is not None)


def _units_cells(book: Book, meaning) -> list[Cell]:
    table, out = meaning.table, []
    decimals = 0 if unit_code(table.blocks[0].name)[0] else 1
    for row in table.rows:
        account = _ACCOUNTS.get(row.label.upper())
        if account is None or row.block is None:
            continue
        for i, (col, cell) in enumerate(zip(table.columns, row.cells, strict=True)):
            if cell.kind not in ("amount", "percent"):
                continue
            year = _year_of(table.columns, i)
            kind = "TOTEUMA-%" if col.is_percent else COLUMN_KINDS.get(col.kind)
            code = book.block_code(meaning, row.block, year)
            assert code is not None, f"line {row.line}: block {row.block!r} has no code"
            report = rp.unit_block(book.state, code, [(kind, year)], lines=(account,), percent_decimals=decimals)
            ours = next(r.cells[0] for r in reversed(report.rows) if r.code == code and r.kind != "block")
            out.append(Cell(row.line, _label(col), cell.value, ours, total=bool(book.state.children(code, year))))
    return out


def _kayttotalous_cells(book: Book, meaning) -> list[Cell]:
    table, out = meaning.table, []
    for row in table.rows:
        label = row.label.upper()
        account = "TOIMINTAKATE" if label.startswith("TOIMINTAKATE") else _ACCOUNTS.get(label)
        if account is None:
            continue
        for col, cell in zip(table.columns, row.cells, strict=True):
            column = _ledger_column(col)
            if cell.kind != "amount" or column is None:
                continue
            node = book.node(meaning.node, column[1])
            report = rp.kayttotalous(book.state, node, [column])
            ours = next(r.cells[0] for r in report.rows if r.label == account and r.kind != "block")
            out.append(Cell(row.line, _label(col), cell.value, ours))
    return out


def _maararahat_cells(book: Book, meaning) -> list[Cell]:
    table, out = meaning.table, []
    before, after = (i for i, c in enumerate(table.columns) if c.year is not None)
    year = table.columns[after].year
    node, before_node = book.node(meaning.node, year), book.node(meaning.node, year - 1)
    report = rp.maararahat(book.state, node, year, change=book.statement.convention or "magnitude",
                           before_node=before_node)
    ours = {r.label: r.cells for r in report.rows}
    positions = {before: 0, after: 1}
    positions |= {i: 2 if c.kind == "MUUTOS €" else 3
                  for i, c in enumerate(table.columns) if c.kind.startswith("MUUTOS")}
    for row in table.rows:
        if row.label.upper() not in ours:
            continue
        for i, cell in enumerate(row.cells):
            if cell.kind in ("amount", "percent"):
                col = table.columns[i]
                label = _label(col) if col.year else f"{row.label.upper()} {col.kind}"
                out.append(Cell(row.line, label, cell.value, ours[row.label.upper()][positions[i]]))
    return out


READERS = {"units": _units_cells, "kayttotalous": _kayttotalous_cells, "maararahat": _maararahat_cells}


def compare(name: str, ledger: Kirjuri) -> tuple[list[Cell], list[Cell]]:
    """(every printed cell compared, the cells where book and report differ)."""
    book = Book(name, ledger)
    cells = [c for m in book.statement.tables if m.kind in READERS for c in READERS[m.kind](book, m)]
    return cells, [c for c in cells if c.book != c.ours]


#: cells that differ only by a euro of rounding between a Kemi group's printed total and its units
ROUNDED = {"000_9c20ad174b7e627f": 0, "001_aaaf02521da22339": 0, "003_1b329ab6df95eed4": 0,
           "002_dd12f107354cdfaf": 13, "004_79e4d0c6f91e6d52": 10}
UNDEFINED = {"000_9c20ad174b7e627f": 0, "001_aaaf02521da22339": 0, "003_1b329ab6df95eed4": 0,
             "002_dd12f107354cdfaf": 2, "004_79e4d0c6f91e6d52": 2}


@pytest.mark.parametrize("name", list(BOOKS))
def test_every_printed_figure_is_the_reports_figure_or_a_contradiction_the_book_reports(ledgers, name):
    book = Book(name, ledgers[BOOKS[name]])
    cells, differ = compare(name, ledgers[BOOKS[name]])
    assert len(cells) > 150
    unexplained = [c for c in differ if not book.explained(c)]
    assert sum(map(rounded_subtotal, unexplained)) == ROUNDED[name]
    assert sum(map(undefined_percent, unexplained)) == UNDEFINED[name]
    assert [c for c in unexplained if not rounded_subtotal(c) and not undefined_percent(c)] == []
