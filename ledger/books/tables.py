"""Read the tab-separated tables of a budget book (books 000, 001 and 004).

In these books the PDF text keeps one table cell per tab, so unlike the
space-separated books (see ``splitter``) there is no guessing about where a
number ends. What remains is structure, and this module recovers it from the
text alone:

* a *header* names the columns, on one line ("TP 2022", "Toteuma 01-06/2023",
  "Toteuma-%") or two (kinds "TP", "TA+MUUTOS" … over years "2023", "2024" …,
  or "MUUTOS" over "€" / "%");
* a line whose first cell is a name and whose other cells are all empty opens a
  *block* (a unit, "KÄYTTÖTALOUS", "Toimiala yhteensä"); the following lines
  are rows of that block;
* a table ends at a non-blank line without tabs, or where the next header starts.
  Blank lines inside a table are skipped: the books break pages mid-table.

Cells are kept as the book prints them (``raw``) with an integer ``value``:
cents for amounts (``ledger.domain.money.parse_amount``), tenths of a percent for
percent columns ("Toteuma-%", "MUUTOS %") and for rows labelled "… %"
(``parse_percent``). A cell without any digit ("sis. joht.", "x", "-") is text.
A line this module cannot read (wrong cell count, digits that are not a number
of the column's kind) goes to ``Table.not_understood`` with the reason: the
ledger reports what it could not import, it never drops a line silently and
never raises on a book. Pure functions over text, integers only.

Column values are read as money because that is what the books' tables are;
the few count rows ("Vakinaiset virat ja toimet", the "Suorite" tables of 004)
therefore come out x100 as "cents". ``raw`` is kept so a caller that knows a
row is a count can read it as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from ledger.locale.reason import Reason
from ledger.domain.money import AmountError, AmountTooLarge, limit_text, parse_amount, parse_percent

__all__ = [
    "Column",
    "Cell",
    "Row",
    "Block",
    "NotUnderstood",
    "Table",
    "parse_column",
    "read_tab_tables",
]

CellKind = Literal["amount", "percent", "text", "empty"]

# Column kinds the books print, upper-cased with single spaces. A header line is
# recognised only when every column heading is one of these, so the books' prose
# tables ("Tavoite / Toimenpiteet / Mittarit") are never mistaken for figures.
KINDS = frozenset(
    {
        "TP",
        "TA",
        "TPE",
        "KS",
        "TS",
        "TA+MUUTOS",
        "MUUTETTU TA",
        "TOTEUMA",
        "TOTEUMA-%",
        "TOTEUMA %",
        "TOT %",
        "TOT-%",
        "TP-ENNUSTE",
        "MUUTOS",
    }
)
_HEADING_RE = re.compile(
    r"(?P<kind>.*?)"
    r"(?:\s+(?P<period>(?:[0-9]{1,2}\s*[-\u2013]\s*[0-9]{1,2}\s*/\s*)?(?P<year>[0-9]{4})))?"
    r"\s*\**"  # "TA 2025*": a footnote mark, not part of the column
)
_YEAR_RE = re.compile(r"[0-9]{4}")
_UNITS = {"€": "€", "%": "%"}
_DIGIT_RE = re.compile(r"[0-9]")


@dataclass(frozen=True)
class Column:
    """One column of figures: the book's kind ("TA+MUUTOS", "TOTEUMA-%") and year.

    ``period`` keeps a part-year the book states ("01-06/2023"), since a half-year
    Toteuma is not comparable with a full-year TA.
    """

    kind: str
    year: int | None
    period: str | None = None

    @property
    def is_percent(self) -> bool:
        """Percent columns hold tenths of a percent, not cents."""
        return self.kind.endswith("%")


@dataclass(frozen=True)
class Cell:
    """One cell as printed (``raw``) and read (``value``: cents or tenths)."""

    raw: str
    value: int | None
    kind: CellKind


@dataclass(frozen=True)
class Row:
    """A labelled line of cells aligned to the table's columns; ``line`` is 1-based."""

    line: int
    block: str | None
    label: str
    cells: list[Cell]


@dataclass(frozen=True)
class Block:
    """A block heading (unit, account group, total) and the line it is on."""

    line: int
    name: str


class NotUnderstood(NamedTuple):
    """A line kept out of the rows, with why, so an import can report it."""

    line: int
    text: str
    why: str


@dataclass
class Table:
    """One tab-separated table: header, blocks, rows and the lines it could not read."""

    title: str | None
    header_lines: tuple[int, ...]
    columns: list[Column]
    rows: list[Row] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    not_understood: list[NotUnderstood] = field(default_factory=list)

    def column_index(self, kind: str, year: int | None = None) -> int:
        """Index of the column with this kind (case-insensitive) and year; KeyError if none."""
        want = _norm(kind)
        for i, col in enumerate(self.columns):
            if col.kind == want and (year is None or col.year == year):
                return i
        raise KeyError(f"no column {kind} {year} in {self.columns}")

    def row(self, block: str | None, label: str) -> Row:
        """The only row with this label in this block; KeyError if none or several."""
        found = [r for r in self.rows if r.block == block and r.label == label]
        if len(found) != 1:
            raise KeyError(f"{len(found)} rows {label!r} in block {block!r}")
        return found[0]

    def cell(self, block: str | None, label: str, kind: str, year: int | None = None) -> Cell:
        """Shorthand for ``row(block, label).cells[column_index(kind, year)]``."""
        return self.row(block, label).cells[self.column_index(kind, year)]


def _norm(text: str) -> str:
    return " ".join(text.split()).upper()


def parse_column(heading: str) -> Column | None:
    """Read a column heading ("TP 2022", "Toteuma 01-06/2023", "TA+muutos"); None if not one."""
    m = _HEADING_RE.fullmatch(heading.strip())
    if m is None:
        return None
    kind = _norm(m["kind"])
    if kind not in KINDS:
        return None
    year = int(m["year"]) if m["year"] else None
    period = None
    if m["period"] and m["period"] != m["year"]:
        period = re.sub(r"\s+", "", m["period"]).replace("\u2013", "-")
    return Column(kind, year, period)


def _header_columns(cells: list[str]) -> list[Column] | None:
    """Columns if this line is a header: every heading after the first cell is a kind."""
    if len(cells) < 2:
        return None
    cols = [parse_column(c) for c in cells[1:]]
    if any(c is None for c in cols):
        return None
    return cols  # type: ignore[return-value]


def _merge_second_line(cols: list[Column], cells: list[str]) -> list[Column] | None:
    """Columns with the years / units of a second header line, or None if it is not one."""
    if len(cells) != len(cols) + 1 or cells[0].strip():
        return None
    rest = [c.strip() for c in cells[1:]]
    if not any(rest):
        return None
    merged = []
    for col, text in zip(cols, rest, strict=True):
        if not text:
            merged.append(col)
        elif _YEAR_RE.fullmatch(text) and col.year is None:
            merged.append(Column(col.kind, int(text), col.period))
        elif text in _UNITS and not col.is_percent:
            merged.append(Column(f"{col.kind} {_UNITS[text]}", col.year, col.period))
        else:
            return None
    return merged


def _read_cell(raw: str, percent: bool) -> Cell:
    """A cell of an amount or percent column; AmountError if it has digits but is no number."""
    text = raw.strip()
    if not text:
        return Cell(raw, None, "empty")
    if not _DIGIT_RE.search(text):
        return Cell(raw, None, "text")
    if percent:
        return Cell(raw, parse_percent(text), "percent")
    return Cell(raw, parse_amount(text), "amount")


def _read_row(table: Table, number: int, line: str, cells: list[str], block: str | None) -> None:
    """Append the line to ``table`` as a row, or to ``not_understood`` with the reason."""
    percent_row = cells[0].strip().endswith("%")
    read: list[Cell] = []
    problems: list[str] = []
    for col, raw in zip(table.columns, cells[1:], strict=True):
        try:
            read.append(_read_cell(raw, percent_row or col.is_percent))
        except AmountTooLarge:
            year = f" {col.year}" if col.year is not None else ""
            problems.append(Reason("cell.past_limit", raw=repr(raw.strip()), column=f"{col.kind}{year}", limit=limit_text()))
        except AmountError:
            year = f" {col.year}" if col.year is not None else ""
            problems.append(Reason("cell.not_percent" if percent_row or col.is_percent else "cell.not_amount",
                                   raw=repr(raw.strip()), column=f"{col.kind}{year}"))
    if problems:
        table.not_understood.append(NotUnderstood(number, line, problems[0] if len(problems) == 1 else "; ".join(problems)))
    else:
        table.rows.append(Row(number, block, cells[0].strip(), read))


def read_tab_tables(text: str) -> list[Table]:
    """Every tab-separated table of figures in ``text``, in book order.

    Lines outside a table (prose, prose tables) are not part of any table and are
    not reported; inside a table every non-blank line becomes a block, a row, or
    a ``not_understood`` entry.
    """
    lines = text.splitlines()
    tables: list[Table] = []
    table: Table | None = None
    block: str | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        number = i + 1
        i += 1
        if not line.strip():
            continue
        if "\t" not in line:
            table = None  # prose ends a table
            continue
        cells = line.split("\t")
        cols = _header_columns(cells)
        if cols is not None:
            header_lines = [number]
            if i < len(lines) and (merged := _merge_second_line(cols, lines[i].split("\t"))):
                cols = merged
                header_lines.append(i + 1)
                i += 1
            title = cells[0].strip() or _title_above(lines, number - 1, len(cells))
            table = Table(title, tuple(header_lines), cols)
            tables.append(table)
            block = None
            continue
        if table is None:
            continue
        if len(cells) != len(table.columns) + 1:
            why = Reason("cell.count", cells=len(cells), header=len(table.columns) + 1)
            table.not_understood.append(NotUnderstood(number, line, why))
            continue
        if cells[0].strip() and not any(c.strip() for c in cells[1:]):
            block = cells[0].strip()
            table.blocks.append(Block(number, block))
            continue
        _read_row(table, number, line, cells, block)
    return tables


def _title_above(lines: list[str], header: int, width: int) -> str | None:
    """A heading line right above the header ("HYVINVOINTITOIMIALA" + empty cells), if any.

    ``header`` is the 0-based index of the header line. Only used when the header's
    own first cell is empty, so the table still carries the name the book gives it.
    """
    if header < 1:
        return None
    cells = lines[header - 1].split("\t")
    if len(cells) == width and cells[0].strip() and not any(c.strip() for c in cells[1:]):
        return cells[0].strip()
    return None
