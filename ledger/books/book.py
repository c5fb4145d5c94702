"""What a budget book states: its figures by unit block, and where it disagrees with itself.

The readers (``tables`` for tab-separated books, ``spaced`` for the others) give
tables of cells. This module reads their meaning, with no ledger in sight:

* a *unit table* has one block per unit (MENOT / TULOT / NETTOMENO, or Kemi's
  TOIMINTATUOTOT / TOIMINTAKULUT / TOIMINTAKATE); blocks named "… yhteensä", and
  blocks whose unit code is the parent of the others' codes, are the book's totals;
* a *käyttötalous* table states the node's figures by account;
* a *määrärahat* table states the node's MENOT / TULOT / NETTOMENO for two years
  and the MUUTOS between them;
* anything else (tunnusluvut, suoritteet, the city's income statement in 1000 €)
  is not budget accounts and is listed as skipped, with why.

Figures go to ``Statement.figures``; every total the book prints (NETTOMENO,
TOIMINTAKATE, a "yhteensä" block, TOIMINTAKULUT of its parts, MUUTOS € and %,
Toteuma-%) goes to ``Statement.checks`` with what its lines sum to. The book is
never corrected: a figure is taken as printed and its disagreement is reported.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from events import accounts
from ledger.domain import intake
from ledger.books.tables import Cell as TableCell, Column, NotUnderstood, Row, Table, read_tab_tables
from ledger.books.unread import Unread, unread
from ledger.locale.reason import Reason
from ledger.domain.money import change_percent, percent_of
from ledger.domain.refusals import Rejected

#: the column kinds a book prints -> the ledger's column; percent and MUUTOS are checks only
COLUMN_KINDS = {
    "TP": "TP",
    "TA": "TA",
    "TA+MUUTOS": "TA+MUUTOS",
    "MUUTETTU TA": "TA+MUUTOS",
    "TPE": "TPE",
    "TP-ENNUSTE": "TPE",
    "KS": "KS",
    "TS": "TS",
    "TOTEUMA": "TOTEUMA",
}
UNIT_LINES = {"MENOT": "MENOT", "TULOT": "TULOT", "TOIMINTATUOTOT": "TOIMINTATUOTOT", "TOIMINTAKULUT": "TOIMINTAKULUT"}
DERIVED_LINES = {"NETTOMENO": ("MENOT", "TULOT"), "TOIMINTAKATE": ("TOIMINTATUOTOT", "TOIMINTAKULUT")}
#: the käyttötalous accounts a book's table may name (the other parts' tables are read by their own readers)
_ACCOUNT_NAMES = {a.upper(): a for a in accounts.in_part("käyttötalous")}
_CODE_RE = re.compile(r"^(?P<code>[0-9]{6,10})\s+(?P<name>.+)$")
_TOTAL_RE = re.compile(r"\byhteensä$", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """One number the book prints for a unit (or a node's breakdown) and where."""

    line: int
    table: int
    block: str
    account: str
    column: str
    year: int
    period: str | None
    cents: int
    breakdown: bool = False


@dataclass(frozen=True)
class Check:
    """A total the book prints against what its lines sum to; ``rounding`` if its printing explains the gap.

    ``precision`` is one unit of the parts' last printed digit, in cents (whole euros: 100; a
    table in 1000 €: 100 000; in tenths of a percent for a percent). A part printed at precision
    p is off from what it stands for by at most p/2, so ``parts`` of them sum up to n·p/2 away
    from the total: a gap that large is the book's rounding, a larger one a contradiction. Parts
    printed to the euro (19 units, 9,50 €) never explain a 10 € gap.
    """

    line: int
    what: str
    stated: int
    computed: int
    parts: int = 2
    percent: bool = False
    #: None: whole euros (100 cents), or a whole percent (10 tenths)
    precision: int | None = None

    @property
    def difference(self) -> int:
        return self.stated - self.computed

    @property
    def ok(self) -> bool:
        return self.difference == 0

    @property
    def unit(self) -> int:
        """One unit of the parts' last printed digit."""
        return self.precision if self.precision is not None else 10 if self.percent else 100

    @property
    def rounding(self) -> bool:
        """Not equal, but within what the printed precision explains: n·p/2 for a sum of n parts; for a
        percent, worked out from rounded figures, one unit of its last printed digit."""
        if self.ok:
            return False
        if self.percent:
            return abs(self.difference) <= self.unit
        return 2 * abs(self.difference) <= self.parts * self.unit


def precision(raws: Iterable[str], *, percent: bool = False) -> int:
    """The coarsest printed unit among cells as printed ("1 204", "12,5"): cents for amounts
    (100 for whole euros, 10 with one decimal), tenths for a percent (10 whole, 1 with a decimal)."""
    places = 1 if percent else 2

    def unit(raw: str) -> int:
        decimals = len(raw.rpartition(",")[2].strip(" %€\u00a0")) if "," in raw else 0
        return 10 ** places // 10 ** min(decimals, places)

    return max(map(unit, raws), default=10 ** places)


@dataclass(frozen=True)
class _Change:
    """A printed MUUTOS € with both readings the books use: TA − TA+muutos, and |TA| − |TA+muutos|."""

    line: int
    what: str
    shown: int
    signed: int
    magnitude: int
    precision: int | None = None


@dataclass(frozen=True)
class Skipped:
    line: int
    what: str
    why: str


@dataclass
class TableMeaning:
    """How one table was read: its kind, the node it is about, the blocks that are units."""

    index: int
    table: Table
    kind: str
    node: str | None
    units: list[str] = field(default_factory=list)
    totals: list[str] = field(default_factory=list)


@dataclass
class Statement:
    """Everything a book states, read but not yet matched to any ledger."""

    source: str
    digest: str
    tables: list[TableMeaning] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    not_understood: list[NotUnderstood] = field(default_factory=list)
    changes: list[_Change] = field(default_factory=list)
    convention: str = ""
    codes: set[str] = field(default_factory=set)
    places: list[str] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    #: the read text, one printed line each (readers of other layouts, e.g. ``blocks``, read it too)
    lines: list[str] = field(default_factory=list)
    #: a PDF's lines with their cells' positions (``pdf.TextLine``), for the readers that need columns
    text_lines: list = field(default_factory=list)
    #: a PDF's text of the pages ``lines`` does not hold (no table rows: the front matter, prose)
    book_lines: list[str] = field(default_factory=list)
    #: a PDF's pages that are an image with no text layer (a scan): not read
    scanned: list[int] = field(default_factory=list)

    def place(self, line: int) -> str:
        """Where line ``line`` of the read text is printed: "page:line" for a PDF, else the number."""
        return self.places[line - 1] if 0 < line <= len(self.places) else str(line)

    def table_tally(self, meaning: TableMeaning) -> tuple[int, int, int]:
        """(figures read, totals checked, lines with figures not read) of one table."""
        first, last = self._span(meaning)
        figures = sum(f.table == meaning.index for f in self.figures)
        checks = sum(first <= c.line <= last for c in self.checks)
        return figures, checks, sum(first <= u.line <= last for u in self.unread)

    def _span(self, meaning: TableMeaning) -> tuple[int, int]:
        table = meaning.table
        lines = [r.line for r in table.rows] + [b.line for b in table.blocks] + list(table.header_lines)
        return table.header_lines[0], max(lines)

    @property
    def contradictions(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]


def read_book(path: Path) -> Statement:
    """Read a book's text file or its PDF: both layouts, every table, every check. A PDF's lines go
    through the same readers as a text's; ``Statement.places`` then says where each line is printed."""
    if path.suffix.lower() == ".pdf":
        from ledger.books.pdf import read_pdf

        book = read_pdf(path)
        if book.scanned and not any(text.strip() for text in book.texts):
            raise Rejected("file", path.name, "book.scanned", pages=len(book.scanned))
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        statement = interpret(book.text, source=path.name, digest=digest, places=book.places)
        statement.text_lines = book.lines
        statement.book_lines = book.unread_text
        statement.scanned = book.scanned
        return statement
    text = path.read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return interpret(text, source=path.name, digest=digest)


def read_tables(text: str) -> list[Table]:
    """Tab-separated tables if the book has any figure table with tabs, else the spaced reader."""
    tables = read_tab_tables(text)
    if any(t.columns and any(_column(c) for c in t.columns) for t in tables):
        return tables
    from ledger.books.spaced import read_spaced_tables

    return read_spaced_tables(text)


def interpret(text: str, *, source: str, digest: str = "", places: list[str] | None = None) -> Statement:
    """What ``text`` states; ``places`` says where each of its lines is printed (a PDF's page:line)."""
    statement = Statement(source, digest, places=places or [])
    node: str | None = None
    text, unclean = _clean(text)
    tables = read_tables(text)
    lines = text.split("\n")
    headless = [_drop_unclean(table, unclean, lines) for table in tables]
    statement.codes = {c for t in tables for b in t.blocks if (c := unit_code(b.name)[0])}
    statement.not_understood += [NotUnderstood(n, lines[n - 1], Reason("line.control_character", char=char))
                                 for n, char in unclean.items()]
    for index, table in enumerate(tables):
        statement.not_understood.extend(table.not_understood)
        kind = classify(table)
        if kind == "maararahat":
            node = table.title or node
        elif kind == "units" and table.title and not _is_generic_title(table.title):
            node = table.title
        if headless[index]:
            node = None  # the tables after it must not take their node from one before it
        meaning = TableMeaning(index, table, kind, node)
        statement.tables.append(meaning)
        READERS[kind](statement, meaning)
    _check_changes(statement)
    _check_maararahat_against_lines(statement)
    _dedupe(statement)
    statement.not_understood.sort(key=lambda n: n.line)
    statement.unread = unread(statement, lines)
    statement.lines = lines
    return statement


def _clean(text: str) -> tuple[str, dict[int, str]]:
    """The book's text as its lines are numbered ("\\n"), each line's whitespace control characters
    made spaces (a form feed from the PDF's page break; tabs stay, they are the cells), and the lines
    holding any other control character, by number, with the character ("U+001B"). Those characters
    are taken out, so the readers see the table's shape; what such a line fed is not read
    (``_drop_unclean``)."""
    lines, unclean = [], {}
    for number, line in enumerate(text.split("\n"), 1):
        line = intake.spaced(line.removesuffix("\r"), keep="\t")
        at = intake.control_at(line, allowed="\t")
        if at is not None:
            unclean[number] = f"U+{ord(line[at]):04X}"
            line = "".join(ch for ch in line if ch == "\t" or not intake.CONTROL.match(ch))
        lines.append(line)
    return "\n".join(lines), unclean


def _drop_unclean(table: Table, unclean: dict[int, str], lines: list[str]) -> bool:
    """Take out of ``table`` every row a line with a control character fed: its own line or one
    since the row above it, the block heading it is under, or the table's heading (or the title
    line above it), which leaves nothing of the table; True then. The lines are said once, by
    ``interpret``; a row lost for a line above it says which."""
    if not unclean:
        return False
    first, last = table.header_lines[0], table.header_lines[-1]
    heading = [n for n in range(first, last + 1) if n in unclean]
    if first - 1 in unclean and table.title and lines[first - 2].split("\t")[0].strip() == table.title:
        heading.insert(0, first - 1)  # the title the tab reader took from the line above the header
    lost: list[tuple[Row, str]] = []
    if heading:
        lost = [(row, f"is in a table whose heading on line {heading[0]} holds a control character")
                for row in table.rows]
        table.rows, table.blocks = [], []
    else:
        items = sorted([*table.blocks, *table.rows], key=lambda item: (item.line, isinstance(item, Row)))
        rows, blocks, previous, block_line = [], [], last, None
        for item in items:
            since = [n for n in range(previous + 1, item.line + 1) if n in unclean]
            previous = item.line
            if not isinstance(item, Row):
                block_line = since[0] if since else None
                blocks += [] if since else [item]
            elif since or block_line:
                why = (Reason("line.under_heading", line=block_line) if not since else
                       Reason("line.follows", line=since[0]) if since[0] != item.line else "")
                lost += [(item, Reason("line.which_holds", why=why))] if why else []
            else:
                rows.append(item)
        table.rows, table.blocks = rows, blocks
    table.not_understood = [n for n in table.not_understood if n.line not in unclean]
    table.not_understood += [NotUnderstood(row.line, row.label, Reason("line.not_read_it", why=why)) for row, why in lost]
    return bool(heading)


#: a määrärahat line and the käyttötalous line that states the same money by account
_SAME_MONEY = {"MENOT": "TOIMINTAKULUT", "TULOT": "TOIMINTATUOTOT", "NETTOMENO": "TOIMINTAKATE"}


def _check_maararahat_against_lines(statement: Statement) -> None:
    """A node's määrärahat against its units' sum and its käyttötalous, column by column."""
    for m in (t for t in statement.tables if t.kind == "maararahat"):
        for other in (t for t in statement.tables if t.node == m.node and t.kind in ("units", "kayttotalous")):
            for row in m.table.rows:
                for i, col in enumerate(m.table.columns):
                    cell = row.cells[i]
                    if cell.kind != "amount" or col.kind.startswith("MUUTOS"):
                        continue
                    value, raws = _same_money(statement, other, row.label.upper(), col)
                    if value is not None:
                        source = Reason("check.its_units" if other.kind == "units" else "check.its_kayttotalous")
                        what = Reason("check.maararahat_against", node=m.node, label=row.label, column=_col(col), source=source)
                        statement.checks.append(Check(row.line, what, cell.value, value, parts=len(raws),
                                                      precision=precision(raws)))


def _same_money(statement: Statement, meaning: TableMeaning, label: str, col: Column) -> tuple[int | None, list[str]]:
    """What a units or käyttötalous table says for a määrärahat line and column, and the cells
    it is read from as printed (their number and precision say how much rounding can explain)."""
    table = meaning.table
    index = next((i for i, c in enumerate(table.columns) if c.kind == col.kind and c.year == col.year), None)
    if index is None:
        return None, []
    if meaning.kind == "kayttotalous":
        want = _SAME_MONEY.get(label, label)
        rows = [r for r in table.rows if r.label.upper().startswith(want)]
        cell = rows[-1].cells[index] if rows else None
        return (cell.value, [cell.raw]) if cell is not None and cell.kind == "amount" else (None, [])
    cells = [c for b in _blocks(table) if b.name in meaning.units if (c := _block_cell(b.rows, label, index))]
    return (sum(c.value for c in cells), [c.raw for c in cells]) if cells else (None, [])


def _check_changes(statement: Statement) -> None:
    """Check MUUTOS € by the convention most of the book's rows follow.

    Books 000/001 print the signed change (TA − TA+muutos), book 003 the change of
    magnitude (|TA| − |TA+muutos|), as MUUTOS % does in all of them. A row that
    only fits the other convention is a sign the book flipped; on a tie the signed
    change, the arithmetic meaning of MUUTOS, decides.
    """
    signed = sum(c.shown == c.signed != c.magnitude for c in statement.changes)
    magnitude = sum(c.shown == c.magnitude != c.signed for c in statement.changes)
    statement.convention = "magnitude" if magnitude > signed else "signed"
    for c in statement.changes:
        computed = c.magnitude if statement.convention == "magnitude" else c.signed
        statement.checks.append(Check(c.line, f"{c.what} ({'|TA| − |TA+muutos|' if statement.convention == 'magnitude' else 'TA − TA+muutos'})",
                                      c.shown, computed, precision=c.precision))


def _dedupe(statement: Statement) -> None:
    """A unit printed twice gives its figures twice: keep one, report any that differ."""
    seen: dict[tuple, Figure] = {}
    kept: list[Figure] = []
    for f in statement.figures:
        key = (f.breakdown, f.block, f.account, f.column, f.year, f.period)
        first = seen.get(key)
        if first is None:
            seen[key] = f
            kept.append(f)
        elif first.cents != f.cents:
            statement.checks.append(Check(f.line, Reason("check.as_printed", block=f.block, account=f.account, column=f.column, year=f.year, line=first.line),
                                          f.cents, first.cents, parts=1))
    statement.figures = kept


def _is_generic_title(title: str) -> bool:
    return title.upper() in {"TUNNUSLUVUT", "SUORITE"}


def _column(col: Column) -> str | None:
    return COLUMN_KINDS.get(col.kind)


def classify(table: Table) -> str:
    """units, kayttotalous, maararahat or other, from the table's columns and labels."""
    labels = {r.label.upper() for r in table.rows}
    if any(c.kind.startswith("MUUTOS") for c in table.columns):
        return "maararahat"
    if not any(_column(c) for c in table.columns):
        return "other"
    detail = set(_ACCOUNT_NAMES) - {"MENOT", "TULOT", "TOIMINTATUOTOT", "TOIMINTAKULUT"}
    if labels & detail:
        return "kayttotalous"
    if table.blocks and labels <= set(UNIT_LINES) | set(DERIVED_LINES) | {"TOIMINTAKATE YHTEENSÄ"}:
        return "units"
    return "other"


# --- unit tables -----------------------------------------------------------------------


def unit_code(block: str) -> tuple[str | None, str]:
    """(code, name) of a block heading: Kemi prints "64110000 HALLINTOPALVELUT"."""
    m = _CODE_RE.match(block)
    return (m["code"], m["name"]) if m else (None, block)


def code_parent(code: str, codes: set[str]) -> str | None:
    """The nearest code above ``code``: its significant digits extend the parent's (641 -> 6411)."""
    digits = code.rstrip("0")
    best = None
    for other in codes:
        prefix = other.rstrip("0")
        fits = other != code and len(prefix) < len(digits) and digits.startswith(prefix)
        if fits and (best is None or len(prefix) > len(best.rstrip("0"))):
            best = other
    return best


@dataclass(frozen=True)
class _Block:
    """One printed block: a book may print the same unit twice in a table (as member and as total)."""

    name: str
    rows: list[Row]

    @property
    def code(self) -> str | None:
        return unit_code(self.name)[0]


def _read_units(statement: Statement, meaning: TableMeaning) -> None:
    table = meaning.table
    blocks = _blocks(table)
    codes = statement.codes
    for i, block in enumerate(blocks):
        total = bool(_TOTAL_RE.search(block.name)) or (
            block.code is not None and any(code_parent(c, codes) == block.code for c in codes))
        (meaning.totals if total else meaning.units).append(block.name)
        for row in block.rows:
            _unit_row(statement, meaning, block.name, row, record=not total)
        _derived_checks(statement, table, block.name, block.rows)
        if total:
            _total_checks(statement, table, block, _members(blocks, i, codes))


def _blocks(table: Table) -> list[_Block]:
    """Rows by printed block, in book order: a row belongs to the last block heading above it."""
    out: list[_Block] = []
    heads = iter(table.blocks)
    head = next(heads, None)
    for row in table.rows:
        while head is not None and head.line < row.line:
            out.append(_Block(head.name, []))
            head = next(heads, None)
        if row.block is not None and out:
            out[-1].rows.append(row)
    return [b for b in out if b.rows]


def _members(blocks: list[_Block], at: int, codes: set[str]) -> list[_Block]:
    """The blocks a total sums: by code, the nearest printing of each child code above it;
    without codes, the unit blocks since the previous total."""
    total = blocks[at]
    if total.code is not None:
        found: dict[str, _Block] = {}
        for block in reversed(blocks[:at]):
            if block.code and code_parent(block.code, codes) == total.code and block.code not in found:
                found[block.code] = block
        return list(reversed(found.values()))
    members: list[_Block] = []
    for block in reversed(blocks[:at]):
        if _TOTAL_RE.search(block.name):
            break
        members.append(block)
    return list(reversed(members))


def _unit_row(statement: Statement, meaning: TableMeaning, block: str, row: Row, *, record: bool) -> None:
    account = UNIT_LINES.get(row.label.upper())
    if account is None or not record:
        return
    for col, cell in zip(meaning.table.columns, row.cells, strict=True):
        column = _column(col)
        if column is None or cell.kind != "amount" or col.year is None:
            continue
        statement.figures.append(Figure(row.line, meaning.index, block, account, column, col.year, col.period, cell.value))


def _amounts(row: Row) -> list[int | None]:
    return [c.value if c.kind == "amount" else None for c in row.cells]


def _derived_checks(statement: Statement, table: Table, block: str, rows: list[Row]) -> None:
    """NETTOMENO = MENOT + TULOT and TOIMINTAKATE = TOIMINTATUOTOT + TOIMINTAKULUT, per column."""
    by_label = {r.label.upper(): r for r in rows}
    for line, parts in DERIVED_LINES.items():
        row = by_label.get(line) or by_label.get(f"{line} YHTEENSÄ")
        if row is None or not all(p in by_label for p in parts):
            continue
        for i, (col, stated) in enumerate(zip(table.columns, _amounts(row))):
            cells = [by_label[p].cells[i] for p in parts]
            if stated is None or any(c.kind != "amount" for c in cells):
                continue
            what = f"{block}: {row.label} {_col(col)} = {' + '.join(parts)}"
            statement.checks.append(Check(row.line, what, stated, sum(c.value for c in cells), parts=len(cells),
                                          precision=precision(c.raw for c in cells)))
    _percent_checks(statement, table, block, rows)


def _percent_checks(statement: Statement, table: Table, block: str, rows: list[Row]) -> None:
    """Toteuma-% = Toteuma / Muutettu TA (or TA), as printed (whole or tenths of a percent)."""
    try:
        pct = next(i for i, c in enumerate(table.columns) if c.kind.startswith("TOTEUMA") and c.is_percent)
        tot = next(i for i, c in enumerate(table.columns) if c.kind == "TOTEUMA")
    except StopIteration:
        return
    budget = next((i for i, c in enumerate(table.columns) if c.kind == "MUUTETTU TA"),
                  next((i for i, c in enumerate(table.columns) if c.kind == "TA"), None))
    if budget is None:
        return
    for row in rows:
        shown, toteuma, base = row.cells[pct], row.cells[tot], row.cells[budget]
        if shown.kind != "percent" or toteuma.kind != "amount" or base.kind != "amount":
            continue
        computed = percent_of(toteuma.value, base.value)
        if computed is None:
            continue
        whole = "," not in shown.raw
        if whole:
            computed = _round_to_whole(computed)
        statement.checks.append(Check(row.line, f"{block}: {row.label} Toteuma-%", shown.value, computed, parts=1,
                                      percent=True, precision=precision([shown.raw], percent=True)))


def _round_to_whole(tenths: int) -> int:
    """A percent in tenths rounded to a whole percent, half away from zero, still in tenths."""
    sign = -1 if tenths < 0 else 1
    return sign * ((abs(tenths) + 5) // 10 * 10)


def _total_checks(statement: Statement, table: Table, total: _Block, members: list[_Block]) -> None:
    """Each row of a total block against the same row of the blocks it sums."""
    if not members:
        return
    for row in total.rows:
        label = row.label.upper()
        for i, (col, stated) in enumerate(zip(table.columns, _amounts(row))):
            if stated is None or _column(col) is None:
                continue
            present = [c for m in members if (c := _block_cell(m.rows, label, i)) is not None]
            if present:
                what = Reason("check.sum_of_units", total=total.name, label=row.label, column=_col(col), count=len(present))
                statement.checks.append(Check(row.line, what, stated, sum(c.value for c in present),
                                              parts=len(present), precision=precision(c.raw for c in present)))


def _block_cell(rows: list[Row], label: str, i: int) -> TableCell | None:
    """The amount a block prints on ``label`` in column ``i``, as printed and read."""
    for row in rows:
        if row.label.upper() == label and row.cells[i].kind == "amount":
            return row.cells[i]
    return None


def _col(col: Column) -> str:
    year = f" {col.year}" if col.year is not None else ""
    period = f" {col.period}" if col.period else ""
    return f"{col.kind}{year}{period}"


# --- käyttötalous ---------------------------------------------------------------------


def _read_kayttotalous(statement: Statement, meaning: TableMeaning) -> None:
    """Detail accounts become the node's breakdown; TOIMINTA* totals and TOIMINTAKATE are checked."""
    table = meaning.table
    details: dict[str, list[tuple[Row, list[int | None]]]] = {}
    stated: dict[str, Row] = {}
    for row in table.rows:
        label = row.label.upper()
        if label.startswith("TOIMINTAKATE"):
            stated["TOIMINTAKATE"] = row
            continue
        account = _ACCOUNT_NAMES.get(label)
        if account is None:
            statement.skipped.append(Skipped(row.line, row.label, Reason("skipped.not_an_account")))
            continue
        if account in ("TOIMINTATUOTOT", "TOIMINTAKULUT"):
            stated[account] = row
            continue
        details.setdefault(accounts.PARENT[account], []).append((row, _amounts(row)))
        for col, cell in zip(table.columns, row.cells, strict=True):
            column = _column(col)
            if column is None or cell.kind != "amount" or col.year is None or column == "TOTEUMA":
                continue
            statement.figures.append(Figure(row.line, meaning.index, meaning.node or "", account, column, col.year,
                                            col.period, cell.value, breakdown=True))
    for total, row in stated.items():
        parts = ([details.get(a, []) for a in ("TOIMINTATUOTOT", "TOIMINTAKULUT")] if total == "TOIMINTAKATE"
                 else [details.get(total, [])])
        for i, (col, value) in enumerate(zip(table.columns, _amounts(row))):
            cells = [r.cells[i] for group in parts for r, v in group if v[i] is not None]
            if value is None or _column(col) is None or not cells:
                continue
            what = f"{meaning.node or 'käyttötalous'}: {row.label} {_col(col)}"
            statement.checks.append(Check(row.line, what, value, sum(c.value for c in cells), parts=len(cells),
                                          precision=precision(c.raw for c in cells)))


# --- määrärahat -----------------------------------------------------------------------


def _read_maararahat(statement: Statement, meaning: TableMeaning) -> None:
    """MUUTOS € = |TA| - |TA+muutos before| and MUUTOS % of it, as the books mean them; NETTOMENO."""
    table = meaning.table
    try:
        before = next(i for i, c in enumerate(table.columns) if c.kind == "TA+MUUTOS")
        after = next(i for i, c in enumerate(table.columns) if i != before and c.kind in ("TA", "TA+MUUTOS"))
        euros = next(i for i, c in enumerate(table.columns) if c.kind == "MUUTOS €")
        pct = next(i for i, c in enumerate(table.columns) if c.kind == "MUUTOS %")
    except StopIteration:
        statement.skipped.append(Skipped(table.header_lines[0], table.title or "", Reason("skipped.maararahat_columns")))
        return
    node = meaning.node or "määrärahat"
    _binding_figures(statement, meaning, {before: "TA+MUUTOS", after: "TA"})
    for row in table.rows:
        old, new, shown, shown_pct = (row.cells[i] for i in (before, after, euros, pct))
        if old.kind != "amount" or new.kind != "amount":
            continue
        if shown.kind == "amount":
            statement.changes.append(_Change(row.line, f"{node}: {row.label} MUUTOS €", shown.value,
                                             new.value - old.value, abs(new.value) - abs(old.value),
                                             precision([old.raw, new.raw])))
        computed = change_percent(old.value, new.value)
        if shown_pct.kind == "percent" and computed is not None:
            statement.checks.append(Check(row.line, f"{node}: {row.label} MUUTOS %", shown_pct.value, computed,
                                          parts=1, percent=True, precision=precision([shown_pct.raw], percent=True)))
    _maararahat_nettomeno(statement, meaning)


def _binding_figures(statement: Statement, meaning: TableMeaning, roles: dict[int, str]) -> None:
    """MENOT and TULOT as the määrärahat table states them: the node's appropriation, what the
    valtuusto binds, recorded as the node's own statement (its units' lines are its breakdown and
    are checked against it, ``_check_maararahat_against_lines``). NETTOMENO is derived. ``roles``:
    the table sets the year before's TA+muutos against the year's TA, whatever its header calls
    the latter (book 003 prints "TA+muutos 2026" over the 2026 budget)."""
    if meaning.node is None:
        return
    for row in meaning.table.rows:
        account = row.label.upper()
        if account not in ("MENOT", "TULOT"):
            continue
        for i, column in roles.items():
            cell, year = row.cells[i], meaning.table.columns[i].year
            if cell.kind == "amount" and year is not None:
                statement.figures.append(Figure(row.line, meaning.index, meaning.node, account, column, year,
                                                meaning.table.columns[i].period, cell.value, breakdown=True))


def _maararahat_nettomeno(statement: Statement, meaning: TableMeaning) -> None:
    rows = {r.label.upper(): r for r in meaning.table.rows}
    if not all(k in rows for k in ("MENOT", "TULOT", "NETTOMENO")):
        return
    for i, col in enumerate(meaning.table.columns):
        if col.kind.startswith("MUUTOS"):
            continue
        values = [_amounts(rows[k])[i] for k in ("MENOT", "TULOT", "NETTOMENO")]
        if None in values:
            continue
        raws = [rows[k].cells[i].raw for k in ("MENOT", "TULOT")]
        statement.checks.append(Check(rows["NETTOMENO"].line, f"{meaning.node}: NETTOMENO {_col(col)}",
                                      values[2], values[0] + values[1], precision=precision(raws)))


def _read_other(statement: Statement, meaning: TableMeaning) -> None:
    table = meaning.table
    what = table.title or "table"
    statement.skipped.append(Skipped(table.header_lines[0], what, Reason("skipped.key_figures", rows=len(table.rows))))


READERS = {
    "units": _read_units,
    "kayttotalous": _read_kayttotalous,
    "maararahat": _read_maararahat,
    "other": _read_other,
}

__all__ = ["Check", "Figure", "Skipped", "Statement", "TableMeaning", "classify", "code_parent", "interpret",
           "precision", "read_book", "read_tables", "unit_code"]
