"""Toteutumisvertailu tables read by their column edges: Alkuperäinen TA / muutokset / TA muutosten
jälkeen / Toteutuma / Poikkeama, with headers over several lines and no year (the year is the book's).

A PDF's lines carry their cells' positions (``ledger.books.pdf``). A table here is::

    TULOSLASKELMAOSA Alkuperäinen Talousarvio- Talousarvio Toteutuma Poikkeama   <- header: words over
    KAUPUNKI         talousarvio  muutokset    muutosten                            the columns, stacked
    ulkoiset ja sisäiset                       jälkeen
    Toimintatulot                                                                <- a heading (no figures)
    Myyntitulot      25 623 400   337 000      25 960 400 26 672 100 711 700      <- a row: a cell per edge
    Poistoeron muutos                                     33 518     33 518       <- empty cells: absent edges

* A header starts at a line with two or more words that begin a role's phrase (``columns.toml``); the
  table runs to the next header on the page or the page's end. Its columns are the right edges where
  its number cells line up (``pdf.column_edges``, measured on the table's own rows); the header is
  its first line and the lines below it without figures whose words sit over the columns. The words of
  each column, stacked and de-hyphenated, give the column's role by the vocabulary.
* Header words set in one cell (`TA muu- Toteu-`) are placed by their share of its characters; a
  header whose roles repeat is tables side by side (määrärahat | tuloarviot), each named by the words
  above it; a leftmost column of plain codes (`100` of `100 Vaalit`) is part of the labels.
* The roles are only candidates until the table's arithmetic confirms them, row by row: TA + MUUTOS =
  TA+MUUTOS and POIKKEAMA = s·(TOTEUMA − TA+MUUTOS), one s per block (the rows
  between two stated totals) and side; a block whose rows disagree is listed (an empty cell is 0; in a
  table in thousands one printed unit of rounding). A row that fails is listed; a row whose other
  cells add up and whose POIKKEAMA alone does not is the book's contradiction (a check that fails); a
  table where more rows fail than hold is listed whole.
* A label wrapped over two lines (``Suunnitelman mukaiset`` / ``poistot …``) joins; ``valtion-`` /
  ``osuus`` joins without the hyphen.
* The labels are matched to the account chart (``events/chart.toml``, its names and synonyms): a row
  of an account, a stated total (``… yhteensä`` of the rows since its heading, an account whose parts
  the table prints, a derived line such as TOIMINTAKATE by the chart's terms), or neither.
* The sign convention (expenses printed positive or negative) is read per table: from an identity the
  table prints (a derived line that sums both sides holds only one way), else from the printed sign of
  its expense rows (by the chart's side of their accounts or headings). The scale is what the header or
  the title lines above it (back to a table above) say (``1000 €``, ``t€``, ``tuhatta euroa``, ``euroa``);
  a table that prints none takes what the book says of it elsewhere (``_settle_scales``: a note, the table
  it continues, the same rows in a table whose scale is printed, the front matter), else euros, or it is
  listed where its size disagrees with the scale-printed tables'.
* A column of another year (``Ed. TP``, ``TP 2023`` beside ``TA 2024`` or beside a TA of no year in a book
  of 2024, ``2023`` alone, a ``Tilinp.`` before the budget columns) is OTHER-YEAR and a percent of change
  CHANGE-%: read, never the year's money. Years on a line over groups of columns (``2023`` | ``2024``) are
  each group's; another year's group is checked by its own arithmetic (``_other_year_checks``).
* A binding marker (``B``, ``N``, ``sitova``; ``columns.toml`` ``markers``) after most rows' labels or in a
  column of its own is no figure and no word of the row's name.

From text alone (``read_text_layout``, a book's extracted ``.txt``) there are no edges: the header's
words in order give the columns' candidate roles, and a row is read only where one split of its digit
groups and one placement in the columns fits the arithmetic best (or a stated total or derived line below
it settles), the rest is listed; another year's column is fixed by its header as from a PDF. A header printing
each role's word twice (menot and tulot interleaved) is read by ``ledger.books.interleaved``.

A table a book continues on the next page (its header repeated there, or its rows standing on its columns
under only a running header) is read on; a derived line or `… yhteensä` whose parts stand on the page before
is checked against them on both pages (``_continued``, ``_across_pages``).

Nothing here writes or knows a ledger; ``ledger.books.layoutplan`` turns a reading into events and
``ledger.books.summary`` checks a summary in thousands against the finer figures.
"""

from __future__ import annotations

import math
import re
import statistics
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import takewhile
from math import prod
from pathlib import Path

from events import accounts
from events.chart import FOOTNOTE_RE
from ledger.books.book import Check, precision
from ledger.books.pdf import ALIGN_EM, Cell, TextLine, column_edges
from ledger.books.unread import carries_figures, markers
from ledger.domain.money import format_amount
from ledger.locale.reason import Reason

TA, MUUTOS, TA_MUUTOS, TOTEUMA, POIKKEAMA, PCT = "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA", "PCT"
AMOUNT_ROLES = (TA, MUUTOS, TA_MUUTOS, TOTEUMA, POIKKEAMA)
#: another year's column (Ed. TP, TP 2023): never the year's money; a percent no relation of the table gives
OTHER_YEAR, CHANGE_PCT = "OTHER-YEAR", "CHANGE-%"
#: the change from another year's figure to the year's (`TP 2024 | TP 2023 | Muutos €`): TOTEUMA − OTHER-YEAR
YEAR_CHANGE = "YEAR-CHANGE"
#: a project list's: use before the year, use so far (PRIOR + TOTEUMA)
PRIOR, CUMULATIVE = "PRIOR", "CUMULATIVE"
#: a budget book's project list's: its kustannusarvio, a plan year's column (`TS 2026`: the role names its year)
#: and what it plans after the plan years; KUSTANNUSARVIO = PRIOR + TA + TS… + LATER
ESTIMATE, TS, LATER = "ESTIMATE", "TS", "LATER"
#: a talousarvio book's column of a figure proposed, not adopted (Raami, Kehys, Kunnanjohtajan ehdotus), and the
#: TA's difference to it (`Ero raamiin`): never the year's adopted money
PROPOSAL, PROPOSAL_DIFF = "PROPOSAL", "PROPOSAL-DIFF"
#: columns of other years than the table's by what they are, never taken for another year's figure
_OWN_YEARS = (PRIOR, TS, LATER)
#: roles whose cells are no amount of the year: no text column's candidates (the text reader takes percents off a
#: row's end and fixes another year's column by its header, ``_text_roles``); a budget list's plan years and later
#: years neither (`talous-` would else begin `taloussuunnitelma` too)
NOT_THE_YEARS = (PCT, CHANGE_PCT, OTHER_YEAR, TS, LATER, PROPOSAL, PROPOSAL_DIFF)
TUOTTO, KULU = "tuotto", "kulu"
VOCABULARY_FILE = Path(__file__).with_name("columns.toml")
#: lines above a header searched for the names of tables side by side (Määrärahat | Tuloarviot)
SCALE_LINES_ABOVE = 3
#: lines above a header, back to a row of figures, searched for the table's scale
TITLE_LINES_ABOVE = 8
#: a title is short: a longer line above a table is prose, whose "3 milj. €" is no scale of the table
TITLE_WORDS = 12
#: how many lines below its first a header may run
HEADER_LINES = 4

#: a year in a header (`Toteutuma 2024`): a header's word, not a figure
_YEAR_RE = re.compile(r"(19|20)[0-9]{2}")
_TOTAL_RE = re.compile(r"^(?P<name>.*?)\s*\byhteensä$", re.IGNORECASE)
_TRAILING_SIGN_RE = re.compile(r"\s+[-+−–]$")
#: a marker after a label (`Verotulot B`: sitova brutto) or a code before it (`100Vaalit`)
_TRAILING_MARK_RE = re.compile(r"\s+[A-ZÅÄÖ]{1,2}$|^[0-9]+\s*")
_NUMBER_RE = re.compile(r"^(?P<sign>[-+−–]?)(?P<int>[0-9]{1,3}(?: [0-9]{3})*|[0-9]+)(?:,(?P<dec>[0-9]+))?$")
#: an account number a label prints first (`4999 Toimintakate`)
_ACCOUNT_NUMBER_RE = re.compile(r"^[0-9]{4}\s+(?=[^\W\d_])")
#: an alternate word after a slash (`Toimintakate/jäämä`): the system's name for the same line's other sign
_ALTERNATE_RE = re.compile(r"/[^\W\d_]+$")
#: a percent printed with its sign in one word (`104,3%`)
_PERCENT_RE = re.compile(r"^(?P<number>[-+−–]?[0-9]+(?:,[0-9]+)?)\s?%$")
#: a year a column's header words print (`TA 2024`, `TP 2023`)
#: a word: two letters running
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_HEADER_YEAR_RE = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
#: a line of years alone (`2024 2023`): the header of a statement by year, no table of the budget's columns
_YEARS_ONLY_RE = re.compile(r"(?:19|20)[0-9]{2}(?:\s+(?:19|20)[0-9]{2})+")


@cache
def vocabulary() -> tuple[dict[str, tuple[str, ...]], dict[int, tuple[str, ...]]]:
    """The role phrases and the scale words, from ``columns.toml``."""
    with VOCABULARY_FILE.open("rb") as f:
        doc = tomllib.load(f)
    roles = {role: tuple(_fold(p) for p in phrases) for role, phrases in doc["roles"].items()}
    scales = {int(scale): tuple(_fold(w) for w in words) for scale, words in doc["scale"].items()}
    return roles, scales


def part_accounts(part: str) -> dict[str, tuple[str, ...]]:
    """The chart accounts a label means in a table of ``part`` (``columns.toml`` ``part_accounts``):
    account -> its words, case folded."""
    with VOCABULARY_FILE.open("rb") as f:
        doc = tomllib.load(f).get("part_accounts", {}).get(part, {})
    return {account: tuple(_fold(w) for w in words) for account, words in doc.items()}


def _fold(text: str) -> str:
    return " ".join(text.replace("€", " € ").split()).casefold()


@dataclass(frozen=True)
class LayoutCell:
    """One printed amount of a table: its line, its row's label, its role and cents as printed."""

    line: int
    label: str
    role: str
    raw: str
    printed: int
    #: -1 for a change printed as a size against its line's direction (``_changes_by_row``): read as −printed
    sign: int = 1

    @property
    def value(self) -> int:
        """The cell as read: as printed, or a size given its line's direction."""
        return self.printed * self.sign


@dataclass
class Row:
    """A table row: its line, label (wrapped lines joined), the heading it is under, its cells by role."""

    line: int
    label: str
    cells: dict[str, LayoutCell]
    headings: tuple[tuple[int, str], ...] = ()
    #: the chart's account or derived line its label names, if any
    account: str | None = None
    side: str | None = None
    #: a stated total: its members (rows) and what it is ("… yhteensä", an account's parts, a derived line)
    total: str = ""
    members: list[Row] = field(default_factory=list)
    #: why its cells are listed (arithmetic failed), if they are
    failed: str = ""
    #: its POIKKEAMA disagrees with its other cells, which add up: a contradiction of the book's
    finding: bool = False
    #: s in POIKKEAMA = s·(TOTEUMA − TA+MUUTOS) as printed, as its block settles it (None: the table's per side)
    deviation: int | None = None
    #: a cell of a row otherwise read that fits no reading of its table (a total's change printed as the sum
    #: of its parts' sizes): role -> why it is listed; never checked, never recorded
    listed_cells: dict[str, str] = field(default_factory=dict)
    #: lines above it printing part of its cells, a narrow column's figure wrapped (`11 635` over `… 000`)
    wrapped: tuple[int, ...] = ()


@dataclass
class Listed:
    line: int
    text: str
    why: str
    #: the one cell listed where the rest of its line is read (``Row.listed_cells``), else None: the line
    role: str | None = None


@dataclass
class Table:
    """One table: where it is, its columns and their roles, scale and sign, rows and checks."""

    title: str
    page: int
    header_lines: list[int]
    edges: list[float]
    words: list[str]
    roles: list[str | None]
    scale: int = 1
    scale_words: str = ""
    part: str | None = None
    #: the side a table of one side names in its title (Määrärahat: expenses, Tuloarviot: revenue)
    side: str | None = None
    rows: list[Row] = field(default_factory=list)
    confirmed: bool = False
    why: str = ""
    #: True: expenses printed positive; False: negative; None: the table does not tell (or has none)
    expenses_positive: bool | None = None
    sign_evidence: str = ""
    #: side -> s in POIKKEAMA = s·(TOTEUMA − TA+MUUTOS) as printed
    deviation: dict[str | None, int] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    #: lines of rows whose figures are not read: a total over them cannot be checked
    unread_rows: set[int] = field(default_factory=set)
    #: another year's columns by their year and the role their words give (2023 -> TA -> `OTHER-YEAR 2`): a
    #: group of another year side by side with the year's is checked by its own arithmetic
    other_years: dict[int, dict[str, str]] = field(default_factory=dict)
    #: the book states money to the euro elsewhere (a table in euros, tulosalue blocks): a table in thousands
    #: then restates it, rounded (``summary``); in a book printed in thousands throughout it is the statement
    finer_elsewhere: bool = True
    #: headings after its last row (a unit's heading at a page's foot, its rows on the next page)
    trailing: tuple[tuple[int, str], ...] = ()
    #: a budget list's rows whose kustannusarvio is not their parts' sum: line -> the failing check
    estimate_findings: dict[int, Check] = field(default_factory=dict)
    #: the heading printed above it that names its unit (``heading_above``), if one does
    above: Above | None = None
    #: the words its header's first line prints left of the columns (`VAALIT | TP 2023 | TA 2024 | …`)
    header_name: str = ""
    #: how its MUUTOS column was read where that is not as printed (``_changes_as_sizes``), else ""
    changes_read: str = ""
    #: how its POIKKEAMA column was read where it is a size of the difference (``_deviation_as_size``), else ""
    deviation_read: str = ""
    #: its rows print POIKKEAMA in different readings (``_deviation_mixed``): a total's is then no sum of its
    #: parts', and only each row's own arithmetic checks it
    deviation_by_row: bool = False
    #: read from text: its cells placed by the arithmetic, not by their positions
    from_text: bool = False

    @property
    def cells(self) -> list[LayoutCell]:
        return [c for r in self.rows for c in r.cells.values()]

    def ledger_sign(self, row: Row) -> int:
        """+1 or -1: how a row's printed TA/MUUTOS/TA+MUUTOS/TOTEUMA become the ledger's sign (expenses negative)."""
        return -1 if row.side == KULU and self.expenses_positive else 1

    def ledger(self, row: Row, role: str) -> int | None:
        """A cell in the ledger's sign and scale (cents): POIKKEAMA as TOTEUMA − TA+MUUTOS in that sign."""
        cell = row.cells.get(role)
        if cell is None:
            return None
        if role == POIKKEAMA:
            s = row.deviation if row.deviation is not None else self.deviation.get(row.side, 1)
            return cell.value * s * self.ledger_sign(row) * self.scale
        return cell.value * self.ledger_sign(row) * self.scale


@dataclass
class LayoutReading:
    tables: list[Table]
    listed: list[Listed]

    @property
    def cells(self) -> list[LayoutCell]:
        return [c for t in self.tables if t.confirmed for c in t.cells]


def cents(raw: str) -> int | None:
    """Cents of a printed amount as printed ("-1 090 380" -> -109038000, "12,5" -> 1250)."""
    m = _NUMBER_RE.match(raw)
    if m is None:
        return None
    decimals = (m["dec"] or "")[:2].ljust(2, "0")
    value = int(m["int"].replace(" ", "")) * 100 + int(decimals)
    return -value if m["sign"] in "-−–" and m["sign"] else value


def role_of(words: str) -> str | None:
    """The role whose longest phrase the column's words contain (whole words), or None. A year among
    them (`TA 2024 muutosten jälkeen`) is no word of the phrase (``_other_years`` reads it)."""
    text = _fold(_HEADER_YEAR_RE.sub(" ", words))
    best: tuple[int, str] | None = None
    for role, phrases in vocabulary()[0].items():
        for phrase in phrases:
            if re.search(rf"(?<![\w]){re.escape(phrase)}(?![\w])", text) and (best is None or len(phrase) > best[0]):
                best = (len(phrase), role)
    return best[1] if best else None


def scale_of(texts: Sequence[str]) -> tuple[int, str]:
    """The scale a table's header or title states (1000 for "1000 €", 1 for "euroa"), and the words; else
    (1, ""). A scale in thousands or millions any of the lines states wins over euros another says."""
    folded = [_fold(text) for text in texts]
    for scale, pattern in _scale_patterns():
        for text in folded:
            if m := pattern.search(text):
                return scale, m[0]
    return 1, ""


@cache
def _scale_patterns() -> tuple[tuple[int, re.Pattern[str]], ...]:
    """Per scale, one pattern of its words (whole words, the longest first)."""
    return tuple((scale, re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                                    + r")(?![\w])")) for scale, words in vocabulary()[1].items())


def _starts_role(cell: Cell) -> bool:
    """A header word: the first word of some role phrase (``Talousarvio-`` starts "talousarviomuutokset")."""
    word = _fold(cell.raw.split()[0]).rstrip("-")
    return not cell.is_number and any(p.split()[0].startswith(word) and len(word) >= 4
                                      for phrases in vocabulary()[0].values() for p in phrases)


# --- a header's words that print a year or a percent sign apart: `TA2024`, `TP | 2024`, `Tot. | %` ---------

#: a role's word with its year glued on (`TA2024`)
_GLUED_YEAR_RE = re.compile(r"(?P<word>.*[^\W\d_])(?P<year>(?:19|20)[0-9]{2})")
#: a short role phrase and its year in one cell (`TA 2025`, `TP 2023`): a talousarvio book's header
_SPACED_YEAR_RE = re.compile(r"(?P<word>[^\W\d_][^\W\d_.-]*\.?)\s+(?P<year>(?:19|20)[0-9]{2})")
#: a header's `%` at most this far (em) right of a column's edge is that column's, as its rows' signs are
PERCENT_SIGN_EM = 1.0


def _role_starts(line: TextLine) -> int:
    """How many of a line's cells begin a role's phrase (``_starts_role``), counting a short phrase that
    prints its year as one (`TA2024`, `TP | 2024`): the year makes a two-letter `TA` a column's word."""
    cells = line.cells
    return sum(_starts_role(c) or _dated_phrase(c, cells[i + 1] if i + 1 < len(cells) else None)
               for i, c in enumerate(cells))


def _dated_phrase(cell: Cell, after: Cell | None) -> bool:
    """A whole role phrase with its year: glued (`TA2024`) or the next cell (`TP` then `2024`)."""
    if cell.is_number:
        return False
    glued = _GLUED_YEAR_RE.fullmatch(cell.raw) or _SPACED_YEAR_RE.fullmatch(cell.raw)
    if glued is None and (after is None or not _YEAR_RE.fullmatch(after.raw)):
        return False
    word = _fold(glued["word"] if glued else cell.raw)
    return any(word in phrases for phrases in vocabulary()[0].values())


def _unglued(text: str) -> str:
    """A header's text with each whole role phrase's glued year set apart (`TA2024` as `TA 2024`), as the
    dated header reads a year: a word of its own."""
    def apart(m: re.Match[str]) -> str:
        word = _fold(m["word"])
        return f"{m['word']} {m['year']}" if any(word in ps for ps in vocabulary()[0].values()) else m[0]
    return " ".join(apart(m) if (m := _GLUED_YEAR_RE.fullmatch(w)) else w for w in text.split())


def _header_column(word: Cell, edges: list[float], left: float) -> int | None:
    """``_column``, but a lone `%` just right of an edge is that column's: a percent column prints its rows'
    signs right of its edge (`124,0 %`), and its header's (`Tot. %`, `Muutos` over `%`) too."""
    if word.raw == "%":
        j = next((j for j, e in enumerate(edges)
                  if e - ALIGN_EM * word.size <= word.x0 <= e + PERCENT_SIGN_EM * word.size), None)
        if j is not None:
            return j
    return _column(word, edges, left)


def read_layout(lines: Sequence[TextLine], *, skip: frozenset[int] | set[int] = frozenset(),
                year: int | None = None, book: Sequence[str] = ()) -> LayoutReading:
    """Every toteutumisvertailu table of ``lines`` (numbered from 1, as the book's text), but none
    that holds a line of ``skip`` (read by another reader). ``year``: the book's year, where known (a
    column of another year than it is never the year's); ``book``: the text of the pages ``lines`` does not
    hold (the front matter, prose), where the book may state a scale for all of it (``_settle_scales``)."""
    regions: list[_Region] = []
    by_page: dict[int, list[int]] = {}
    lines = [_percents_apart(_euros_apart(line)) for line in lines]
    for number, line in enumerate(lines, 1):
        by_page.setdefault(line.page, []).append(number)
    for page, numbers in by_page.items():
        starts: list[int] = []
        for n in numbers:
            if _role_starts(lines[n - 1]) < 2:
                continue
            if starts and not any(c.is_number for m in range(starts[-1], n) for c in lines[m - 1].cells):
                continue  # a header's second line: no row between it and the header's first
            starts.append(n)
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else numbers[-1] + 1
            region = [n for n in numbers if start <= n < end]
            if skip & set(region):
                continue
            regions.append(_Region(region, page, *_table(lines, page, region, numbers, year=year),
                                   build=_rebuild(lines, page, region, numbers, year)))
    _settle_scales(regions, [line.text for line in lines], [line.page for line in lines], book)
    tables = [t for r in regions for t in r.tables]
    listed = [item for r in regions for item in r.listed]
    tables = _continued(lines, by_page, tables, listed, skip)
    _across_pages(tables)
    headings_above(lines, tables)
    return LayoutReading(_finer_elsewhere(tables, skip), listed)


def _rebuild(lines: Sequence[TextLine], page: int, region: list[int], numbers: list[int], year: int | None):
    """The region's tables read again at a scale settled from outside their header."""
    return lambda scale: _table(lines, page, region, numbers, scale=scale, year=year)


def _continued(lines: Sequence[TextLine], by_page: dict[int, list[int]], tables: list[Table], listed: list[Listed],
               skip: frozenset[int] | set[int]) -> list[Table]:
    """A table continued at the top of the next page without its header: the lines above that page's first
    header (all of it without one), from the first whose figures stand on the columns of the page before's last
    table, read as that table's rows where every figure of theirs does (a note off the columns leaves them
    outside every table, listed), only running headers and page numbers stand above them (``_running``), and
    their arithmetic confirms them, as its own rows must. A table beside another (määrärahat | tuloarviot)
    is not continued so."""
    out: list[Table] = []
    for table in tables:
        out.append(table)
        if table is not _last_on(tables, table.page):
            continue
        found = _continuation(lines, by_page.get(table.page + 1, []), tables, table, skip)
        if found is not None:
            out.append(found[0])
            listed += found[1]
    return out


def _last_on(tables: list[Table], page: int) -> Table | None:
    return next((t for t in reversed(tables) if t.page == page), None)


def _continuation(lines: Sequence[TextLine], numbers: list[int], tables: list[Table], before: Table,
                  skip: frozenset[int] | set[int]) -> tuple[Table, list[Listed]] | None:
    """``before`` continued on the page of ``numbers``, or None (see ``_continued``)."""
    beside = sum(t.page == before.page and t.header_lines == before.header_lines for t in tables) > 1
    if not before.confirmed or beside or len(before.edges) < 2 or not numbers:
        return None
    first = min((t.header_lines[0] for t in tables if t.page == lines[numbers[0] - 1].page), default=None)
    region = [n for n in numbers if first is None or n < first]
    start = next((i for i, n in enumerate(region) if _on_edges(lines[n - 1], before.edges)), None)
    if start is None or skip & set(region) or not all(_running(lines, n, before.page) for n in region[:start]):
        return None
    region = region[start:]
    if not all(_on_edges(lines[n - 1], before.edges) for n in region
               if any(c.is_number and not _YEAR_RE.fullmatch(c.raw) for c in lines[n - 1].cells)):
        return None
    table = Table(title=before.title, page=lines[region[0] - 1].page, header_lines=before.header_lines,
                  edges=before.edges, words=before.words, roles=before.roles, scale=before.scale,
                  scale_words=before.scale_words, part=before.part, side=before.side,
                  other_years=before.other_years)
    out = _rows(table, lines, region, before.edges[0] - (before.edges[1] - before.edges[0]))
    _confirm(table, out)
    return (table, out) if table.confirmed else None


def _running(lines: Sequence[TextLine], number: int, page: int) -> bool:
    """A line above a continuation's first row that is no heading of it: no letters (a page number), or the
    text of a line of one of the two pages before (a running header, the same on every page or every other),
    or of a line at the top or foot of those pages but for a page number at its start or end (`… Tilinpäätös
    2024  22` over `… Tilinpäätös 2024  21`). Any other line there may head the rows (a unit's heading at the
    page's top): the continuation is then not clear, and the rows stay outside every table."""
    text = lines[number - 1].text.strip()
    if not any(ch.isalpha() for ch in text):
        return True
    if any(line.text.strip() == text for line in lines if line.page in (page, page - 1)):
        return True
    folded = _PAGE_NUMBER_RE.sub("", text)
    return folded != text and any(_PAGE_NUMBER_RE.sub("", line.text.strip()) == folded
                                  for line in _page_edges(lines, (page, page - 1)))


#: a page number at a line's start or end (`Esimerkkilän kunta  Tilinpäätös 2024  22`, `22 (158)`, `22/158`)
_PAGE_NUMBER_RE = re.compile(r"^(?:\(?[0-9]+\)?(?:\s*/\s*[0-9]+)?\s+)+|(?:\s+\(?[0-9]+\)?(?:\s*/\s*[0-9]+)?)+$")
#: how many lines at a page's top and at its foot a running header or footer may take
RUNNING_LINES = 3


def _page_edges(lines: Sequence[TextLine], pages: tuple[int, ...]) -> list[TextLine]:
    """The lines at the top and the foot of ``pages`` (``RUNNING_LINES`` each): where a running header or
    footer stands, and its page number with it."""
    out = []
    for page in pages:
        on = [line for line in lines if line.page == page]
        out += on[:RUNNING_LINES] + on[-RUNNING_LINES:]
    return out


def _on_edges(line: TextLine, edges: list[float]) -> bool:
    """A line with figures, each on one of ``edges`` (a year or a code before the label aside)."""
    numbers = [c for c in line.cells if c.is_number and not _YEAR_RE.fullmatch(c.raw)]
    return bool(numbers) and all(any(abs(c.x1 - e) <= ALIGN_EM * c.size for e in edges) for c in numbers)


def _across_pages(tables: list[Table]) -> None:
    """A table a book continues on the next page (its header repeated there): a derived line at the top of
    the continuation (a unit's Toimintakate, its Toimintatuotot on the page before) is checked against its
    terms on both pages, not against those of its own page alone (which would be a false contradiction);
    a continuation whose own rows do not tell how it prints expenses prints them as the page before."""
    for before, table in zip(tables, tables[1:]):
        if not (before.confirmed and table.confirmed and table.page == before.page + 1
                and (table.roles, table.scale) == (before.roles, before.scale)):
            continue
        if table.expenses_positive is None:
            table.expenses_positive, table.sign_evidence = before.expenses_positive, before.sign_evidence
        _totals_across(before, table)
        closed = [i for i, r in enumerate(before.rows) if r.total or r.account in accounts.CHART.derived]
        tail = before.rows[closed[-1] + 1 if closed else 0:]
        _parts_across(tail, table)
        first = next((i for i, r in enumerate(table.rows) if r.total or r.account in accounts.CHART.derived), None)
        if not tail or first is None or table.rows[first].account not in accounts.CHART.derived:
            continue
        row = table.rows[first]
        joined = Table(table.title, table.page, table.header_lines, table.edges, table.words, table.roles,
                       table.scale, rows=[*tail, *table.rows[: first + 1]], confirmed=True,
                       expenses_positive=table.expenses_positive, deviation=table.deviation)
        _checks(joined)
        table.checks = [c for c in table.checks if c.line != row.line] + [c for c in joined.checks if c.line == row.line]


def _parts_across(tail: list[Row], table: Table) -> None:
    """An account row of a continuation whose parts stand at the foot of the page before (``tail``: its rows
    after the last total there), as `TOIMINTATUOTOT` at the top of page 2 after `Myyntituotot`, … on page 1:
    their total where they sum to it as printed, checked against them, as on one page. Taken for a figure of its
    own beside its parts, it was recorded twice over (and the write refused)."""
    for i, row in enumerate(table.rows):
        if row.total or row.account not in accounts.CHART.accounts:
            continue
        above = [*tail, *table.rows[:i]]
        parts = _topmost([r for r in above if r.account in accounts.CHART.accounts and r.account != row.account
                          and not r.total and row.account in accounts.ANCESTORS.get(r.account, ())])
        if not any(p in tail for p in parts):
            continue  # parts on its own page: ``_totals`` read them
        if not _parts_sum_to(row, parts):
            continue
        row.total, row.members = f"{row.label} = its parts", parts
        joined = Table(table.title, table.page, table.header_lines, table.edges, table.words, table.roles,
                       table.scale, rows=[*above, row], confirmed=True, expenses_positive=table.expenses_positive,
                       deviation=table.deviation)
        _checks(joined)
        table.checks += [c for c in joined.checks if c.line == row.line]


def _totals_across(before: Table, table: Table) -> None:
    """A `X yhteensä` of a continuation whose heading X stands on the page before (`Sivistyslautakunta
    yhteensä` under its tulosalueet on two pages): the rows since that heading on both pages are its members
    (less those a total among them already sums, and the terms of a derived line among them), and it is
    checked against them, not listed as a total of no parts."""
    for i, row in enumerate(table.rows):
        m = _TOTAL_RE.match(row.label)
        if getattr(row.failed, "key", None) != "layout.total_no_parts" or m is None or not m["name"]:
            continue
        name = _fold(m["name"])
        heads = [*(h for r in before.rows for h in r.headings), *before.trailing]
        heading = max((n for n, h in heads if _fold(h) == name), default=None)
        if heading is None:
            continue
        span = [r for r in before.rows if r.line > heading] + table.rows[:i]
        summed = {id(member) for r in span if r.total for member in r.members}
        members = _without_terms([r for r in span if id(r) not in summed])
        if not members:
            continue
        row.total, row.members, row.failed = row.label, members, ""
        joined = Table(table.title, table.page, table.header_lines, table.edges, table.words, table.roles,
                       table.scale, rows=[*span, row], confirmed=True, expenses_positive=table.expenses_positive,
                       deviation=table.deviation)
        _checks(joined)
        table.checks += [c for c in joined.checks if c.line == row.line]


def _finer_elsewhere(tables: list[Table], skip: frozenset[int] | set[int]) -> list[Table]:
    """Whether the book states money to the euro beside its tables in thousands: lines another reader
    read (``skip``: the tulosalue blocks) or a table in euros confirmed by its arithmetic."""
    finer = bool(skip) or any(t.confirmed and t.scale == 1 for t in tables)
    for table in tables:
        table.finer_elsewhere = finer
    return tables


# --- the scale a table does not print ------------------------------------------------------------

#: the rows whose money is the size of the city's in any municipality (within a factor of ten of each other)
ANCHORS = ("TOIMINTATUOTOT", "TOIMINTAKULUT", "TOIMINTAKATE", "Verotulot", "Valtionosuudet")
#: an unmarked table's anchors against the scale-marked tables': read as euros they differ by more than this
MAGNITUDE = 30
#: a figure compared across tables must be at least this many printed units of the coarser table
CROSS_UNITS = 10
#: a page's number, printed alone on a line
_PAGE_NUMBER_RE = re.compile(r"[0-9]{1,4}")
#: a section number before a title (`8.2 Tuloslaskelmaosa (1 000 €)`): no figure of the line
_SECTION_RE = re.compile(r"^\s*[0-9]+(?:\.[0-9]+)*\.?\s")


@dataclass
class _Region:
    """A header's lines, the tables read under it and a way to read them again at another scale."""

    lines: list[int]
    page: int
    tables: list[Table]
    listed: list[Listed]
    build: object = None

    @property
    def marked(self) -> bool:
        """Whether its header or title lines state its scale (`1 000 €`, `euroa`)."""
        return any(t.scale_words for t in self.tables)

    @property
    def rows(self) -> list[int]:
        return [r.line for t in self.tables for r in t.rows]


def statement(text: str) -> tuple[int, str] | None:
    """The scale a line states as a statement (`Luvut tuhansina euroina`, `(1 000 €)`, `8.2 Tuloslaskelmaosa,
    1000 €`), not as an amount (`1,1 milj. €`, `166 889` after it): no figure but years and a section
    number beside the scale's words; a long line only in words that can be nothing else (`tuhansina euroina`)."""
    scale, words = scale_of([text])
    if not words:
        return None
    folded = _fold(text)
    pattern = rf"(?<![\w]){re.escape(words)}(?![\w])"  # stated once, or over each of two tables side by side
    m = re.search(pattern, folded)
    before, after = folded[: m.start()], re.sub(pattern, " ", folded[m.end():])
    if re.search(r"[0-9]$", before.rstrip(" (:,")):
        return None
    rest = _HEADER_YEAR_RE.sub(" ", _SECTION_RE.sub(" ", before) + " " + after)
    long = len(text.split()) > TITLE_WORDS
    if re.search(r"[0-9]", rest) or (long and (scale == 1 or re.search(r"[0-9]", words) or len(words) < 4)):
        return None
    return scale, words


def _continues(texts: Sequence[str], n: int) -> bool:
    """Whether line n goes on with the sentence of the line before: it begins in lower case, that one ends no
    sentence (`… investointi noin 10–12` / `meur.`)."""
    text, before = texts[n - 1].strip(), texts[n - 2].strip() if n > 1 else ""
    return text[:1].islower() and bool(before) and before[-1] not in ".!?:"


def _statement_at(texts: Sequence[str], n: int) -> tuple[int, str] | None:
    """The scale line n states (``statement``), where it states the same read with the sentence it goes on
    (``_continues``): `meur.` after `noin 10–12` is an amount's unit, `euroa asukasta kohden.` after `noin
    1 000` no `1 000 euroa`; neither states a table's scale."""
    found = statement(texts[n - 1])
    if found is None or not _continues(texts, n):
        return found
    return found if statement(f"{texts[n - 2].strip()} {texts[n - 1].strip()}") == found else None


def _stated_near(region: _Region, texts: Sequence[str], pages: Sequence[int]) -> tuple[int, str] | None:
    """A scale stated for the region's tables outside their header and title lines: a line inside the table
    (a heading `(1 000 €)`), a note under its last row with no figures after it, or a line above its header
    back to a line of figures or the page's start (prose between, a long section title)."""
    last = max(region.rows, default=region.lines[0])
    for n in region.lines[1:]:
        found = statement(texts[n - 1])
        if found and (n < last or not any(carries_figures(texts[m - 1]) for m in region.lines if m > n)):
            return found
    for n in range(region.lines[0] - 1, 0, -1):
        if pages[n - 1] != region.page:
            break
        found = _statement_at(texts, n)
        if found:
            return found
        if carries_figures(texts[n - 1]) and not _PAGE_NUMBER_RE.fullmatch(texts[n - 1].strip()):
            break
    return None


def _continued_from(region: _Region, before: Sequence[_Region], texts: Sequence[str], pages: Sequence[int]) -> Table | None:
    """The table a region continues from the previous page: it is its page's first, under the same header
    words as the last table of the page before, and above it on its page only the page's furniture (a page
    number, a running head the page before prints too), no title of its own."""
    if not before or before[-1].page != region.page - 1 or not before[-1].tables:
        return None
    previous_page = {texts[n - 1].strip() for n in range(1, len(texts) + 1) if pages[n - 1] == region.page - 1}
    above = [texts[n - 1].strip() for n in range(1, region.lines[0]) if pages[n - 1] == region.page]
    if any(text and not _PAGE_NUMBER_RE.fullmatch(text) and text not in previous_page for text in above):
        return None
    previous = before[-1].tables
    return previous[0] if [t.words for t in previous] == [t.words for t in region.tables] else None


def _book_statement(book: Sequence[str], titles: set[str]) -> tuple[int, str] | None:
    """A scale the book states in words for all of it (`Luvut tuhansina euroina, ellei toisin mainita`):
    one scale in words only (no `1 000 €`, which a table's header prints), stated the same wherever, and
    not as the title of a table that states its own (``titles``: `Rahan yksikkö: tuhatta euroa` over one)."""
    found = {s for n, text in enumerate(book, 1) if (s := _statement_at(book, n))
             and not re.search(r"[0-9€]", s[1]) and s[0] > 1 and _fold(text) not in titles}
    return found.pop() if len(found) == 1 else None


def _keys(table: Table) -> dict[str, Row]:
    """The rows a table prints once, by their account (or derived line) or else their label: what another
    table states of the same money."""
    found: dict[str, list[Row]] = {}
    for row in table.rows:
        key = row.account or _fold(_TRAILING_MARK_RE.sub("", row.label))
        found.setdefault(key, []).append(row)
    return {key: rows[0] for key, rows in found.items() if len(rows) == 1 and key}


def _folded_keys(table: Table) -> dict[str, Row]:
    """``_keys`` as another table may print them: an account's row here is a label's there (`Rakennukset`)."""
    return {_fold(key): row for key, row in _keys(table).items()}


def _crossed(region: _Region, known: Sequence[Table]) -> set[int]:
    """The scales at which the region's rows agree with the same rows of the tables whose scale is known
    (the header states it): a row votes for the one scale at which every figure it shares agrees (within a
    printed unit of the coarser table, large figures only, by size: a summary prints some the other way
    round); a row no scale explains is other money (another definition) and votes for none. A scale two
    figures or more agree at is one the book tells, unless as many rows or more share figures no scale explains:
    the figures of one row agreeing by chance (35 millions against 34 800 thousands) are one row's luck, not
    the book's word, where its other rows say they are not the same money."""
    votes: dict[int, int] = {}
    rows_for: dict[int, int] = {}
    against = 0
    for table in region.tables:
        own = _folded_keys(table)
        for other in known:
            if not other.confirmed:
                continue
            for key, row in _folded_keys(other).items():
                mine = own.get(key)
                if mine is None or row.failed:
                    continue
                pairs = [(abs(mine.cells[r].printed), abs(c.printed)) for r, c in row.cells.items()
                         if r in AMOUNT_ROLES and r in mine.cells and c.printed and mine.cells[r].printed]
                agree = {s for s in (1, 1000, 1_000_000) if pairs and all(
                    abs(u * s - k * other.scale) <= max(s, other.scale) * 100 and k * other.scale >= CROSS_UNITS
                    * max(s, other.scale) * 100 for u, k in pairs)}
                if len(agree) == 1:
                    votes[min(agree)] = votes.get(min(agree), 0) + len(pairs)
                    rows_for[min(agree)] = rows_for.get(min(agree), 0) + 1
                elif not agree and _comparable(pairs, other.scale):
                    against += 1
    return {scale for scale, figures in votes.items() if figures >= 2 and rows_for[scale] > against}


def _comparable(pairs: list[tuple[int, int]], scale: int) -> bool:
    """Whether a row's shared figures are large enough to compare (``CROSS_UNITS`` printed units of the known
    table): a row of small figures no scale explains says nothing against a scale."""
    return any(k * scale >= CROSS_UNITS * scale * 100 for _u, k in pairs)


def _anchor_size(table: Table) -> int | None:
    """The largest of a table's anchor rows' TA, TA+MUUTOS and TOTEUMA, in cents at its scale."""
    rows = _keys(table)
    sizes = [abs(c.printed) * table.scale for key in ANCHORS if (row := rows.get(key)) is not None
             for role, c in row.cells.items() if role in (TA, TA_MUUTOS, TOTEUMA)]
    return max(sizes, default=None)


def _anchors_agree(region: _Region, known: Sequence[Table], scale: int = 1) -> bool | None:
    """Whether the region's anchors, read at ``scale``, are of the size of the scale-marked tables' (the
    city's toimintakulut, verotulot, toimintakate are within a factor of ten of each other); None where
    either prints none."""
    mine = [size * scale for t in region.tables if (size := _anchor_size(t))]
    theirs = [size for t in known if t.confirmed and (size := _anchor_size(t))]
    if not mine or not theirs:
        return None
    return max(theirs) <= max(mine) * MAGNITUDE and max(mine) <= max(theirs) * MAGNITUDE


def _printed_size(tables: Sequence[Table]) -> float | None:
    """The median of the tables' TA, TA+MUUTOS and TOTEUMA as printed (not scaled), zeros aside."""
    sizes = [abs(c.printed) for t in tables for r in t.rows for role, c in r.cells.items()
             if role in (TA, TA_MUUTOS, TOTEUMA) and c.printed]
    return statistics.median(sizes) if sizes else None


def _printed_like_thousands(region: _Region, coarse: Sequence[Table], fine: Sequence[Table]) -> bool:
    """Whether the region prints figures of the size the book's tables in thousands print (within a factor
    of ``MAGNITUDE``), nearer them than the sizes its tables in euros print: read as euros, its money would
    be a thousandth of theirs."""
    mine, thousands, euros = _printed_size(region.tables), _printed_size(coarse), _printed_size(fine)
    if mine is None or thousands is None:
        return False
    near = abs(math.log10(mine) - math.log10(thousands))
    return near <= math.log10(MAGNITUDE) and (euros is None or near < abs(math.log10(mine) - math.log10(euros)))


def _settle_scales(regions: list[_Region], texts: Sequence[str], pages: Sequence[int], book: Sequence[str]) -> None:
    """The scale of each table whose header and title lines state none, where the book tells it: a statement
    near it (``_stated_near``), the table it continues from the page before, cents printed (``_prints_cents``:
    euros), the same rows in a table whose scale is stated or shown by its cents (``_crossed``), a part larger
    than the city's whole at any scale but euros (``_part_of_whole``), the tables of its run (``_runs``), a
    statement for the whole book (``_book_statement``) where no table shows it does not hold. Where they
    disagree, or nothing tells and its size disagrees with the scale-marked tables', it is listed: a scale
    guessed would record every figure a thousand times off."""
    marked = {id(r) for r in regions if r.marked}
    stated: dict[int, tuple[int, str]] = {}
    for i, region in enumerate(regions):
        if id(region) in marked:
            continue
        found = _stated_near(region, texts, pages)
        previous = _continued_from(region, regions[:i], texts, pages)
        if found is None and previous is not None and previous.scale_words:
            found = (previous.scale, Reason("layout.scale_continued", page=previous.page))
        if found is not None:
            stated[id(region)] = found
            region.tables, region.listed = region.build(found)
    cents = {id(r) for r in regions if id(r) not in marked and _prints_cents(r)}
    known = [t for r in regions if id(r) in marked or id(r) in stated or id(r) in cents for t in r.tables]
    titles = {_fold(texts[n - 1]) for r in regions if id(r) in marked
              for n in range(max(r.lines[0] - TITLE_LINES_ABOVE, 1), r.lines[0])}
    whole = _book_statement([*book, *texts], titles)
    if whole is not None and any(t.scale != whole[0] for t in known):
        whole = None  # a table states another scale: the book's words are not for all of it
    wholes = _city_wholes(known)
    evidence = {id(r): _evidence(r, stated.get(id(r)), id(r) in cents, [t for t in known if t not in r.tables],
                                 wholes) for r in regions if id(r) not in marked}
    coarse = [t for t in known if t.scale > 1 and t.confirmed]
    fine = [t for r in regions if id(r) in marked or {s for s, _ in evidence.get(id(r), [])} == {1}
            for t in r.tables if t.scale == 1 and t.confirmed]
    runs = _run_scales(regions, evidence, texts, known)
    for region in regions:
        if id(region) in marked:
            continue
        found, said = evidence[id(region)], stated.get(id(region))
        if len({s for s, _ in found}) > 1:
            _unsettled(region, Reason("layout.scale_disagrees"))
        elif found and found[0] != said:
            region.tables, region.listed = region.build(found[0])
        elif found:
            continue
        elif id(region) in runs:
            region.tables, region.listed = region.build(runs[id(region)])
        elif whole is not None and _anchors_agree(region, known, whole[0]) is not False:
            region.tables, region.listed = region.build(whole)
        elif _anchors_agree(region, known) is False or (
                _anchors_agree(region, known) is None and _printed_like_thousands(region, coarse, fine)):
            named = any(r.account for t in region.tables for r in t.rows)
            _unsettled(region, Reason("layout.scale_unknown" if named else "layout.scale_unknown_no_account"))


# --- the scale of a table shown by its cents, by its city's whole, by its run -------------------------

#: a unit's figure at most this many times the city's total of its account (its internal items, which the city's
#: income statement nets out, or a group's share): beyond it at a scale, the scale is not the unit's
WHOLE_MARGIN = 10
#: the accounts whose city total bounds each unit's: the gross totals every operating table prints
WHOLES = ("TOIMINTATUOTOT", "TOIMINTAKULUT")
#: the accounts only a municipality as a whole prints: a table holding one states the city's money
CITY_ONLY = ("Verotulot", "Valtionosuudet")
#: a city's Toimintakulut are at least its Verotulot or its Valtionosuudet divided by this
CITY_COSTS = 2
#: two tables' columns this many points apart or less are the same layout
RUN_EDGES = 3.0
#: a numbered section title (`2.3 Tuloslaskelmaosan toteutuminen`): a run of tables ends at it
_SECTION_TITLE_RE = re.compile(r"^\s*[0-9]{1,2}(?:\.[0-9]{1,2})+\.?\s+[^\W\d_]")
#: an amount printed to the cent (`1 234,56`, `0,00`)
_CENTS_RE = re.compile(r"^[-+−–]?[0-9]{1,3}(?: [0-9]{3})*,[0-9]{2}$")


def _money_cells(region: _Region) -> list[LayoutCell]:
    return [c for t in region.tables for r in t.rows for role, c in r.cells.items() if role in AMOUNT_ROLES]


def _prints_cents(region: _Region) -> bool:
    """Whether the region's tables print their money to the cent: every amount in their money columns with
    two decimals (`6 228 970,00`), two or more of them, one of a thousand or more. A table in thousands prints
    whole thousands or one decimal; to the cent it is in euros."""
    cells = _money_cells(region)
    return (len(cells) >= 2 and all(_CENTS_RE.fullmatch(c.raw) for c in cells)
            and max(abs(c.printed) for c in cells) >= 1000_00)


def _city_wholes(known: Sequence[Table]) -> dict[str, int]:
    """The city's total of each of ``WHOLES`` in cents, from the tables whose scale is known that state the
    city's money (``_states_the_city``): the largest of its TA, TA+MUUTOS and TOTEUMA."""
    out: dict[str, int] = {}
    for table in (t for t in known if t.confirmed and _states_the_city(_keys(t))):
        for row in (r for r in table.rows if r.account in WHOLES and _row_size(r)):
            out[row.account] = max(out.get(row.account, 0), _row_size(row) * table.scale)
    return out


def _states_the_city(rows: dict[str, Row]) -> bool:
    """Whether a table's rows are the city's income statement: one of ``CITY_ONLY`` and Toimintakulut of at least
    1/``CITY_COSTS`` of it (a unit's table that prints the city's Verotulot beside its own costs is not)."""
    taxes = max((_row_size(rows.get(key)) or 0 for key in CITY_ONLY), default=0)
    return bool(taxes) and (_row_size(rows.get("TOIMINTAKULUT")) or 0) * CITY_COSTS >= taxes


def _row_size(row: Row | None) -> int | None:
    """The largest of a row's TA, TA+MUUTOS and TOTEUMA as printed, in cents."""
    sizes = [abs(c.printed) for role, c in (row.cells.items() if row else ()) if role in (TA, TA_MUUTOS, TOTEUMA)]
    return max(sizes, default=None)


def _part_of_whole(region: _Region, wholes: dict[str, int]) -> bool:
    """Whether the city's wholes say the region is in euros: a part cannot exceed its whole. Read in thousands
    (or more) a figure of one of ``WHOLES`` it prints (each unit's, where it prints several) would be more than
    ``WHOLE_MARGIN`` times the city's total of that account, read in euros none of them is. Where both readings
    fit (units small enough to be either) or neither does (not a part of this city), it decides nothing."""
    sizes = [(size, wholes[row.account]) for t in region.tables for row in t.rows
             if row.account in wholes and (size := _row_size(row))]
    return bool(sizes) and all(size <= whole * WHOLE_MARGIN for size, whole in sizes) and any(
        size * 1000 > whole * WHOLE_MARGIN for size, whole in sizes)


def _evidence(region: _Region, said: tuple[int, str] | None, cents: bool, known: Sequence[Table],
              wholes: dict[str, int]) -> list[tuple[int, str]]:
    """What the book tells of a region's scale, each (scale, why): a statement near it or the table it
    continues, its cents, the same rows in a table whose scale is known, the city's whole."""
    found = [said] if said else []
    if cents:
        found.append((1, Reason("layout.scale_cents")))
    found += [(scale, Reason("layout.scale_crossed")) for scale in sorted(_crossed(region, known))]
    if _part_of_whole(region, wholes):
        found.append((1, Reason("layout.scale_whole")))
    return found


def _run_scales(regions: list[_Region], evidence: dict[int, list[tuple[int, str]]], texts: Sequence[str],
                known: Sequence[Table]) -> dict[int, tuple[int, str]]:
    """The scale of each region nothing else settles that its run settles: tables of one run share a scale.
    A run is consecutive tables of one layout (``_same_layout``) with no scale statement and no numbered section
    title between them; where its tables whose scale is known (stated in the header, or settled) all say one
    scale, none disagrees within itself and none read at that scale would be far larger than the book's
    largest known money (``_beyond_book``), each of the others takes it. Region id -> (scale, why)."""
    out: dict[int, tuple[int, str]] = {}
    for run in _runs(regions, texts):
        settled = {}
        for region in run:
            scales = ({s for s, _ in evidence[id(region)]} if id(region) in evidence
                      else {t.scale for t in region.tables})
            if len(scales) > 1:
                break
            if scales:
                settled.setdefault(scales.pop(), region)
        else:
            if len(settled) == 1 and not any(_beyond_book(r, known, next(iter(settled))) for r in run):
                (scale, source), = settled.items()
                why = (Reason("layout.scale_run", page=source.page) if source.page
                       else Reason("layout.scale_run_line", line=source.lines[0]))
                out |= {id(r): (scale, why) for r in run if id(r) in evidence and not evidence[id(r)]}
    return out


def _beyond_book(region: _Region, known: Sequence[Table], scale: int) -> bool:
    """Whether the region's figures read at ``scale`` would be more than ``WHOLE_MARGIN`` times the largest the
    tables whose scale is known print (the city's money, or near it): no part of the book is."""
    mine = _largest([t for t in region.tables if not t.scale_words], scale)
    theirs = _largest([t for t in known if t.confirmed])
    return bool(mine and theirs) and mine > theirs * WHOLE_MARGIN


def _largest(tables: Sequence[Table], scale: int | None = None) -> int:
    """The largest TA, TA+MUUTOS or TOTEUMA the tables print, in cents at ``scale`` (else each table's own)."""
    return max((abs(c.printed) * (scale or t.scale) for t in tables for r in t.rows for role, c in r.cells.items()
                if role in (TA, TA_MUUTOS, TOTEUMA)), default=0)


def _runs(regions: list[_Region], texts: Sequence[str]) -> list[list[_Region]]:
    """The regions in runs: consecutive, of one layout, nothing between them that ends a run."""
    runs: list[list[_Region]] = []
    for region in (r for r in regions if r.tables):
        before = runs[-1][-1] if runs else None
        if before is not None and _same_layout(before, region) and not _run_ends(before, region, texts):
            runs[-1].append(region)
        else:
            runs.append([region])
    return runs


def _same_layout(one: _Region, other: _Region) -> bool:
    """Tables of one layout: the same header words (case aside), roles and columns (``RUN_EDGES``), the second
    under no title naming a budget part the first is not of (`RAHOITUSOSA`: another section begins)."""
    if len(one.tables) != len(other.tables):
        return False
    return all([_fold(w) for w in a.words] == [_fold(w) for w in b.words] and a.roles == b.roles
               and b.part in (None, a.part)
               and len(a.edges) == len(b.edges) and all(abs(x - y) <= RUN_EDGES for x, y in zip(a.edges, b.edges))
               for a, b in zip(one.tables, other.tables))


def _run_ends(before: _Region, region: _Region, texts: Sequence[str]) -> bool:
    """Whether a line between two regions ends their run: a scale statement or a numbered section title."""
    between = range(max(before.lines) + 1, region.lines[0])
    return any(statement(texts[n - 1]) or _SECTION_TITLE_RE.match(texts[n - 1]) for n in between)


def _unsettled(region: _Region, why: str) -> None:
    """A region whose scale the book does not settle: its tables listed whole."""
    listed: list[Listed] = [item for item in region.listed if not any(item.line == r for r in region.rows)]
    for table in region.tables:
        table.confirmed, table.why = False, why
        table.checks = []
        _list_all(table, listed)
    region.listed = listed


def _table(lines: Sequence[TextLine], page: int, region: list[int], numbers: list[int], *,
           scale: tuple[int, str] | None = None, year: int | None = None) -> tuple[list[Table], list[Listed]]:
    """The table (or the tables side by side, when its header's roles repeat) under a header line;
    ``scale``: (scale, why) settled from outside its header and title lines, else theirs."""
    body = [lines[n - 1] for n in region[1:]]
    edges = _edges(_before_prose(body), [lines[n - 1] for n in numbers])
    codes = _code_edges(body, edges)
    edges = [e for e in edges if e not in codes]
    if len(edges) < 2:
        return [], []
    left = edges[0] - (edges[1] - edges[0])
    header = _header_above(lines, region[0], numbers, edges, left) + [region[0]]
    for n in region[1:HEADER_LINES]:
        line = lines[n - 1]
        figures = any(c.is_number and not _YEAR_RE.fullmatch(c.raw) for c in line.cells)
        if figures or not any(_header_column(w, edges, left) is not None for c in line.cells for w in _words(c)):
            break
        header.append(n)
    edges = sorted(edges + _empty_columns([lines[n - 1] for n in header], edges))
    stacks: list[list[str]] = [[] for _ in edges]
    title: list[str] = []
    for n in header:
        for word in (w for c in lines[n - 1].cells for w in _words(c)):
            j = _header_column(word, edges, left)
            (title if j is None else stacks[j]).append(word.raw)
    above = [n for n in numbers if region[0] - SCALE_LINES_ABOVE <= n < region[0]]
    words = _group_years([_dehyphenate(stack) for stack in stacks], [lines[n - 1] for n in above[-1:]], edges, left)
    roles = _amended_after_change(_year_changes(words, _other_years(words, [role_of(w) for w in words], year)))
    titles = [lines[n - 1].text for n in _title_lines(lines, region[0], numbers)]
    scale, scale_words = scale or scale_of([lines[n - 1].text for n in header] + titles)
    part = _part(" ".join(title)) or next((found for text in titles if (found := _part(text))), None)
    tables, listed = [], []
    sided = _side_groups(words, roles)
    groups = [columns for _side_of, columns in sided] if sided else _groups(roles)
    for k, group in enumerate(groups):
        span = (edges[group[0] - 1] if group[0] else left, edges[group[-1]])
        named = [] if sided else [w.raw for n in above[-1:] for c in lines[n - 1].cells for w in _words(c)
                                  if span[0] < (w.x0 + w.x1) / 2 <= span[1]]
        own = " ".join(title + named) if len(groups) > 1 else " ".join(title)
        table = Table(title=own, page=page, header_lines=header, edges=[edges[j] for j in group],
                      other_years=_year_groups([words[j] for j in group], [roles[j] for j in group]),
                      words=[words[j] for j in group], roles=[roles[j] for j in group], scale=scale,
                      scale_words=scale_words, part=part, side=sided[k][0] if sided else _side(accounts.CHART.lookup(
                          named[0])) if named and len(groups) > 1 else None)
        others = [e for j, e in enumerate(edges) if j not in group] + codes
        table.header_name = _header_name(lines[region[0] - 1], left) if len(groups) == 1 else ""
        if _changes_unsummed(table):
            out = _changes_listed(table, {n: lines[n - 1].text for n in region if n > header[-1]})
        else:
            table.roles = _changes_numbered(table.roles)
            out = _rows(table, lines, [n for n in region if n > header[-1]], left, others)
            _confirm(table, out)
        tables.append(table)
        listed += [item for item in out if item not in listed]
    return tables, listed


def _empty_columns(header: list[TextLine], edges: list[float]) -> list[float]:
    """Edges of columns the table prints no figure in (a `Talousarviomuutokset` column left blank): where two
    header lines each print two cells apart over one column, the left ones ending at one place, that place is
    the right edge of a column of its own."""
    ends: dict[int, list[Cell]] = {}
    for line in header:
        for j in range(1, len(edges)):
            inside = [c for c in line.cells if edges[j - 1] < c.x0 and c.x1 <= edges[j] + ALIGN_EM * c.size]
            if len(inside) == 2 and all(_WORD_RE.search(c.raw) for c in inside):
                ends.setdefault(j, []).append(inside[0])
    return [max(c.x1 for c in found) for found in ends.values() if len(found) >= 2
            and max(c.x1 for c in found) - min(c.x1 for c in found) <= ALIGN_EM * min(c.size for c in found)]


def _header_above(lines: Sequence[TextLine], start: int, numbers: list[int], edges: list[float],
                  left: float) -> list[int]:
    """Header lines above the one that names two columns: words only, each over a column."""
    above: list[int] = []
    for n in reversed([m for m in numbers if m < start][-(HEADER_LINES - 1):]):
        line = lines[n - 1]
        if any(c.is_number and not _YEAR_RE.fullmatch(c.raw) for c in line.cells):
            break
        words = [w for c in line.cells for w in _words(c)]
        if not words or any(_header_column(w, edges, left) is None for w in words):
            break
        above.insert(0, n)
    return above


def _named(table: Table) -> str:
    """How a check names its table before the row: the unit's heading above it where known, else its title
    where it has words (not a bare `€`), else nothing: the row's words and the page:line say where (an
    English "table:" did, in every language)."""
    name = table.above.name if table.above is not None else table.title
    return f"{name}: " if any(ch.isalpha() for ch in name) else ""


def _year_groups(words: list[str], roles: list[str | None]) -> dict[int, dict[str, str]]:
    """Another year's columns by the year they print and the role their words give, where that year's
    roles are each printed once (`TA 2023 | Muutokset 2023 | TA+muutokset 2023`)."""
    out: dict[int, dict[str, str]] = {}
    for text, role in zip(words, roles):
        years = _HEADER_YEAR_RE.findall(text)
        inner = role_of(text)
        if kind(role) == OTHER_YEAR and years and inner in AMOUNT_ROLES:
            out.setdefault(int(years[-1]), {})
            out[int(years[-1])][inner] = role if inner not in out[int(years[-1])] else ""
    return {y: {inner: role for inner, role in found.items() if role} for y, found in out.items()}


def _other_year_checks(table: Table) -> None:
    """Each row's cells of another year side by side with the year's, checked by that year's own arithmetic
    (TA + MUUTOS = TA+MUUTOS, POIKKEAMA = ±(TOTEUMA − TA+MUUTOS)) where it holds: one check per cell it
    confirms; a cell no relation confirms stays listed. Never the year's money."""
    slack = 100 if table.scale > 1 else 0
    for row in (r for r in table.rows if not r.failed):
        for year, group in table.other_years.items():
            v = {inner: row.cells[role].printed for inner, role in group.items() if role in row.cells}
            held: list[tuple[str, ...]] = []
            if {TA, MUUTOS, TA_MUUTOS} <= set(group) and TA_MUUTOS in v and (TA in v or MUUTOS in v) and \
                    abs(v.get(TA, 0) + v.get(MUUTOS, 0) - v[TA_MUUTOS]) <= slack:
                held.append((TA, MUUTOS, TA_MUUTOS))
            if {TA_MUUTOS, TOTEUMA, POIKKEAMA} <= set(group) and POIKKEAMA in v and (TOTEUMA in v or TA_MUUTOS in v) \
                    and abs(abs(v[POIKKEAMA]) - abs(v.get(TOTEUMA, 0) - v.get(TA_MUUTOS, 0))) <= slack:
                held.append((TOTEUMA, TA_MUUTOS, POIKKEAMA))
            for relation in held:
                stated = v.get(relation[-1], 0) if relation[0] == TOTEUMA else v.get(TA_MUUTOS, 0)
                computed = v.get(TA, 0) + v.get(MUUTOS, 0) if relation[0] == TA else \
                    (1 if v.get(POIKKEAMA, 0) >= 0 else -1) * abs(v.get(TOTEUMA, 0) - v.get(TA_MUUTOS, 0))
                name = "POIKKEAMA = TOTEUMA − TA+MUUTOS" if relation[0] == TOTEUMA else "TA + MUUTOS = TA+MUUTOS"
                for inner in relation:
                    if inner in v:
                        table.checks.append(Check(row.line, f"{_named(table)}{row.label} {year} {name} "
                                                  f"{group[inner]}", stated * table.scale, computed * table.scale,
                                                  parts=3, precision=table.scale * 100))


def _change_checks(table: Table) -> None:
    """A percent of change printed beside the previous year's figure (`Ed. TP | … | Toteutuma | Muutos %`):
    where it is the change from that figure to the year's TOTEUMA, to its printed decimals, both cells are
    checked (one check each): the previous year's figure is then confirmed by the year's own, never recorded."""
    changes = [r for r in table.roles if kind(r) == CHANGE_PCT]
    if OTHER_YEAR not in table.roles or TOTEUMA not in table.roles or not changes:
        return
    for row in (r for r in table.rows if not r.failed):
        before, now = row.cells.get(OTHER_YEAR), row.cells.get(TOTEUMA)
        for role in (r for r in changes if r in row.cells):
            cell = row.cells[role]
            if before is None or now is None or not before.printed:
                continue
            unit = 100 // 10 ** min(len(cell.raw.partition(",")[2]), 2)
            hundredths = _change_percent(cell.printed, now.printed, before.printed, unit)
            if hundredths is not None:
                what = f"{_named(table)}{row.label} {role} = TOTEUMA / {OTHER_YEAR} − 100 %"
                table.checks += [Check(row.line, f"{what} {r}", cell.printed, round(hundredths), parts=1,
                                       percent=True, precision=max(unit, 10)) for r in (OTHER_YEAR, role)]


def _group_years(words: list[str], above: Sequence[TextLine], edges: list[float], left: float) -> list[str]:
    """The columns' words with the year of the group each stands under, where the line above the header
    prints two years or more and nothing else in figures (`2023` over TA / muutos / toteuma, `2024` over
    the same again): each column takes the year nearest over it, unless its own words print one."""
    cells = [c for line in above for c in line.cells if c.is_number]
    years = [c for c in cells if _YEAR_RE.fullmatch(c.raw)]
    if len({c.raw for c in years}) < 2 or len(years) < len(cells):
        return words
    out = []
    for j, (text, edge) in enumerate(zip(words, edges)):
        centre = ((edges[j - 1] if j else left) + edge) / 2
        nearest = min(years, key=lambda c: abs((c.x0 + c.x1) / 2 - centre))
        out.append(text if _HEADER_YEAR_RE.search(text) else f"{text} {nearest.raw}".strip())
    return out


def _title_lines(lines: Sequence[TextLine], start: int, numbers: list[int]) -> list[int]:
    """The lines above a header that title its table, nearest first: the page's lines up to the last row
    with figures before it (a table above; a figure of a scale, `1 000 €`, is none), at most
    ``TITLE_LINES_ABOVE``, and of those only the short ones (prose is no title). A section title several lines up (`Tuloslaskelmaosan toteutuminen (1 000 €)`,
    then a note, then the header) still gives the scale and the part."""
    out = []
    for n in sorted((m for m in numbers if m < start), reverse=True)[:TITLE_LINES_ABOVE]:
        line = lines[n - 1]
        if scale_of([line.text])[0] == 1 and any(c.is_number and not _YEAR_RE.fullmatch(c.raw) for c in line.cells):
            break
        if len(line.text.split()) <= TITLE_WORDS:
            out.append(n)
    return out


#: an amount and its euro sign in one word (`1 000€`): the number and the sign
_EURO_RE = re.compile(r"^(?P<number>[-+−–]?[0-9]{1,3}(?: [0-9]{3})*(?:,[0-9]+)?)\s?€$")
#: a thousand or a million: before a euro sign, a scale's words as often as an amount (`Tuloslaskelma 1 000 €`)
_SCALE_THOUSAND_RE = re.compile(r"^\(?1[ .]?000(?:[ .]?000)?$")


def _euros_apart(line: TextLine) -> TextLine:
    """A row printing a euro sign after each amount (`600 € | 100 € | 700 €`) as if it printed none: the number a
    cell of its column, its right edge the sign's (the column aligns its signs). Only a line of two such amounts
    or more besides a thousand's: a line of one states a scale as often (`Tuloslaskelmaosa 1 000 €`)."""
    cells, signed = _signs_joined(line, _EURO_RE, "€")
    amounts = [c for c in signed if not _SCALE_THOUSAND_RE.match(c.raw)]
    return TextLine(line.page, line.number, line.y, tuple(cells)) if len(amounts) >= 2 else line


def _percents_apart(line: TextLine) -> TextLine:
    """A line whose percents are printed with their sign in one word (`104,3%`) as if the sign stood
    apart: the number is a cell of its column (its right edge the sign's, as on every row of the column).
    A percent whose sign is a cell of its own (`69,4 | %`) is one cell too, its right edge the sign's: the
    column aligns its signs, and a total row's wider bold `%` moves its number left of the others'."""
    if not any(_PERCENT_RE.match(c.raw) or c.raw == "%" for c in line.cells):
        return line
    cells, _signed = _signs_joined(line, _PERCENT_RE, "%")
    return TextLine(line.page, line.number, line.y, tuple(cells))


def _signs_joined(line: TextLine, glued: re.Pattern[str], sign: str) -> tuple[list[Cell], list[Cell]]:
    """A line's cells, each number printing ``sign`` after it (in its word, as ``glued`` reads it, or a cell of
    its own at most ``PERCENT_SIGN_EM`` to its right) one cell without it, its right edge the sign's; and those
    numbers' cells."""
    cells: list[Cell] = []
    signed: list[Cell] = []
    for c in line.cells:
        m = glued.match(c.raw)
        if m:
            cells.append(Cell(m["number"], c.x0, c.x1, c.size))
        elif c.raw == sign and cells and cells[-1].is_number and c.x0 - cells[-1].x1 <= PERCENT_SIGN_EM * c.size:
            cells[-1] = Cell(cells[-1].raw, cells[-1].x0, c.x1, c.size)
        else:
            cells.append(c)
            continue
        signed.append(cells[-1])
    return cells, signed


def _other_years(words: list[str], roles: list[str | None], year: int | None = None) -> list[str | None]:
    """The columns of another year than the table's, as OTHER-YEAR, whatever role their words give.

    Where the header prints years, the table's year is its latest TA column's (else the book's ``year``, else
    the latest printed: `TA 2023 | TP 2023 | TA 2024 | …` compares two years, the book's is the later); a
    column printing another year (`TP 2023` beside `TA 2024`, a year alone over a column) is that year's.
    Where the budget's columns print no year and the book's is not known, a column printing one before
    every budget column is an earlier year's. Where it prints none, a TOTEUMA column (`Tilinp.`) standing
    before every budget column of the table is the previous year's outcome where another TOTEUMA follows
    the budget or no POIKKEAMA relates it to the budget: books print the years in order."""
    return _plan_years(words, _numbered(_other_year_roles(words, roles, year)))


def _plan_years(words: list[str], roles: list[str | None]) -> list[str | None]:
    """A plan year's column as its year's own role (`TS 2026`), else numbered (`TS 2`): a budget's project list
    prints several, each a year of its own, not a second table beside the first."""
    out: list[str | None] = []
    for text, role in zip(words, roles):
        years = _HEADER_YEAR_RE.findall(text)
        seen = sum(r is not None and kind(r) == TS for r in out)
        out.append(role if role != TS else f"{TS} {years[0]}" if len(years) == 1 else f"{TS} {seen + 1}" if seen else TS)
    return out


def _numbered(roles: list[str | None]) -> list[str | None]:
    """A second and later column of another year or of a percent of change as its own role (`OTHER-YEAR 2`):
    a table may print two earlier years, and a repeated role is otherwise a second table beside it."""
    out: list[str | None] = []
    for role in roles:
        seen = sum(r is not None and r.split(" ")[0] == role for r in out) if role in (OTHER_YEAR, CHANGE_PCT) else 0
        out.append(f"{role} {seen + 1}" if seen else role)
    return out


def kind(role: str | None) -> str | None:
    """A role without its number (`OTHER-YEAR 2` is OTHER-YEAR)."""
    return role.split(" ")[0] if role else role


def _other_year_roles(words: list[str], roles: list[str | None], year: int | None = None) -> list[str | None]:
    """``_other_years`` before a repeated role is numbered. A column whose words print two years takes the last,
    its own word's (`TP2021` under a running header `Tilinpäätös 2024` over the column), as ``_year_groups`` does."""
    years = [int(found[-1]) if (found := _HEADER_YEAR_RE.findall(w)) else None for w in words]
    printed = [y for y in years if y is not None]
    budget = [j for j, r in enumerate(roles) if r in (TA, MUUTOS, TA_MUUTOS)]
    money = [j for j, r in enumerate(roles) if r not in (PCT, CHANGE_PCT)]
    if printed:
        budgeted = {y for y, r in zip(years, roles) if r == TA and y is not None}
        own = year if year in budgeted else max(budgeted, default=year)
        if own is None and budget and any(years[j] is None for j in budget):
            return [OTHER_YEAR if years[j] is not None and j < budget[0] and j in money and r not in _OWN_YEARS else r
                    for j, r in enumerate(roles)]
        own = own if own is not None else max(printed)
        return [OTHER_YEAR if y is not None and y != own and j in money and r not in _OWN_YEARS else r
                for j, (y, r) in enumerate(zip(years, roles))]
    outcome = [j for j, r in enumerate(roles) if r == TOTEUMA]
    if budget and outcome and outcome[0] < budget[0] and (outcome[-1] > budget[0] or POIKKEAMA not in roles):
        return [OTHER_YEAR if j in outcome and j < budget[0] else r for j, r in enumerate(roles)]
    return roles


def _words(cell: Cell) -> list[Cell]:
    """A header cell's words, each placed by its share of the cell's characters: a header set tightly
    (`TA muu- Toteu-` over two columns) runs words of two columns into one cell."""
    parts = cell.raw.split()
    if len(parts) < 2:
        return [cell]
    width = (cell.x1 - cell.x0) / max(len(cell.raw), 1)
    out, at = [], 0
    for part in parts:
        start = cell.raw.index(part, at)
        out.append(Cell(part, cell.x0 + start * width, cell.x0 + (start + len(part)) * width, cell.size))
        at = start + len(part)
    return out


def _code_edges(body: list[TextLine], edges: list[float]) -> list[float]:
    """Edges of a column of codes, not amounts: the leftmost column, whose cells are all plain digits
    standing first on their line (`100` of `100 Vaalit`)."""
    if not edges:
        return []
    first = [(line, c) for line in body for c in line.cells
             if c.is_number and abs(c.x1 - edges[0]) <= ALIGN_EM * c.size]
    if first and all(re.fullmatch(r"[0-9]{1,10}", c.raw) and line.cells[0] is c for line, c in first):
        return [edges[0]]
    return []


def _amended_after_change(roles: list[str | None]) -> list[str | None]:
    """A TA column right after a TA and its changes (`Talousarvio | Muutokset | Talousarvio yhteensä`, `… | LTA I |
    LTA II | Talousarvio yht.`, words the vocabulary does not know) is the budget after them, not the TA of a
    table beside it: TA+MUUTOS, which the arithmetic then confirms or not. Read as a second table's TA it was
    confirmed by that table's poikkeama and recorded the amended budget as the TA."""
    out = list(roles)
    for j in range(2, len(out)):
        changes = list(takewhile(lambda role: role == MUUTOS, reversed(out[:j])))
        if out[j] == TA and changes and j > len(changes) and out[j - len(changes) - 1] == TA and TA_MUUTOS not in out:
            out[j] = TA_MUUTOS
    return out


def _groups(roles: list[str | None]) -> list[list[int]]:
    """The columns as tables side by side: a new table where a role repeats (määrärahat | tuloarviot); a change
    again before the budget's total is none (`Alkuperäinen TA | 1. LTA | 2. LTA | TA muutosten jälkeen`: the
    year's changes in columns of their own, ``changes_apart``)."""
    groups: list[list[int]] = [[]]
    for j, role in enumerate(roles):
        taken = [roles[k] for k in groups[-1]]
        if role is not None and role in taken and not (role == MUUTOS and not {TA_MUUTOS, TOTEUMA} & set(taken)):
            groups.append([])
        groups[-1].append(j)
    return groups


def _changes_unsummed(table: Table) -> bool:
    """Whether a table prints the year's changes in several columns (each lisätalousarvio its own) but no TA or no
    TA after them: nothing checks their sum, the TA-muutos, and reading one column as it would record a TA off by
    the others. With both, each is read apart (``_changes_numbered``)."""
    return table.roles.count(MUUTOS) > 1 and not {TA, TA_MUUTOS} <= set(table.roles)


def _changes_numbered(roles: list[str | None]) -> list[str | None]:
    """A table's roles with each of the year's changes printed apart numbered (`MUUTOS 1`, `MUUTOS 2`: each
    lisätalousarvio its own column), where the table prints the TA and the TA after them: each row's changes
    then sum to TA+MUUTOS − TA, the arithmetic ``_confirm`` holds them to, and each is a TA-muutos of its own."""
    if roles.count(MUUTOS) < 2:
        return roles
    numbered = iter(range(1, len(roles) + 1))
    return [f"{MUUTOS} {next(numbered)}" if role == MUUTOS else role for role in roles]


def changes_apart(roles: Sequence[str | None]) -> list[str]:
    """The numbered change columns of a table (``_changes_numbered``), in order; none for a single MUUTOS."""
    return [role for role in roles if is_change_apart(role)]


def is_change_apart(role: str | None) -> bool:
    """Whether a role is one of a table's numbered change columns (`MUUTOS 2`), not its one MUUTOS."""
    return role is not None and role != MUUTOS and kind(role) == MUUTOS


def _changes_listed(table: Table, body: dict[int, str]) -> list[Listed]:
    """A table of ``_changes_unsummed``: not read, each of its lines (by number) with figures listed saying so."""
    table.why = Reason("layout.changes_apart", columns=" | ".join(w for w, r in zip(table.words, table.roles)
                                                                  if r == MUUTOS))
    why = Reason("layout.table_not_read", page=table.page, why=table.why)
    return [Listed(n, text, why) for n, text in body.items() if carries_figures(text)]


def _edges(body: list[TextLine], page: list[TextLine]) -> list[float]:
    """The table's column edges: where its own number cells line up, and the page's edges some of its
    cells sit on (a short table whose column has an empty cell shares the edge with a table beside it)."""
    own = column_edges(body)
    cells = [c for line in body for c in line.cells if c.is_number]
    paged = column_edges(page)
    rows = [c for line in body if _is_row(line, own + paged) for c in line.cells if c.is_number]
    shared = [e for e in paged if any(abs(c.x1 - e) <= ALIGN_EM * c.size for c in rows)
              and not any(abs(e - o) <= ALIGN_EM * max(c.size for c in cells) for o in own)]
    return sorted(own + shared)


def _before_prose(body: list[TextLine]) -> list[TextLine]:
    """The lines of a table's region whose numbers give its column edges: those before the first line, below its
    first row, with a word printed across where a number of that row ends and no number where one does (a
    paragraph, the header of another table of other columns): what follows is another thing's, its numbers on
    columns of their own."""
    first = next((line for line in body if sum(c.is_number for c in line.cells) >= 2), None)
    if first is None:
        return body
    ends = [c.x1 for c in first.cells if c.is_number]
    start = body.index(first)
    for k, line in enumerate(body[start + 1:], start + 1):
        if any(c.is_number and any(abs(c.x1 - end) <= ALIGN_EM * c.size for end in ends) for c in line.cells):
            continue  # a row of the table: a word across a column is a marker or a note of its own
        if any(_WORD_RE.search(c.raw) and any(c.x0 < end < c.x1 for end in ends) for c in line.cells):
            return body[:k]
    return body


def _is_row(line: TextLine, edges: list[float]) -> bool:
    """A line that is a table's row: two of its numbers stand on column edges. A number in the prose below a
    table (`noin 50 % on …`) that happens to stand on another table's edge gives it no column."""
    return sum(c.is_number and any(abs(c.x1 - e) <= ALIGN_EM * c.size for e in edges) for c in line.cells) >= 2


def _column(cell: Cell, edges: list[float], left: float) -> int | None:
    """The column a header word sits over: its centre between the edge before and its own edge."""
    centre = (cell.x0 + cell.x1) / 2
    for j, edge in enumerate(edges):
        start = edges[j - 1] if j else left
        if start < centre <= edge + ALIGN_EM * cell.size:
            return j
    return None


def _dehyphenate(words: list[str]) -> str:
    """A column's words stacked: a word ending in a hyphen joins the next (`muu-` + `tokset`)."""
    text = ""
    for word in words:
        if text.endswith("-") and word[:1].islower():
            text = text[:-1] + word
        else:
            text = f"{text} {word}".strip()
    return text


def _part(title: str) -> str | None:
    """The budget part a table's title names (`TULOSLASKELMAOSA`, `Investoinnit`), by ``columns.toml``'s
    ``parts`` words, each the start of a word of the title."""
    folded = _fold(title) + " "
    return next((part for part, words in part_words().items()
                 if any(re.search(rf"(?<!\w){re.escape(w)}", folded) for w in words)), None)


@cache
def part_words() -> dict[str, tuple[str, ...]]:
    with VOCABULARY_FILE.open("rb") as f:
        doc = tomllib.load(f).get("parts", {})
    return {part: tuple(w.casefold() for w in words) for part, words in doc.items()}


def _rows(table: Table, lines: Sequence[TextLine], numbers: list[int], left: float,
          others: list[float] = ()) -> list[Listed]:
    """The table's rows and headings, and what is listed: figures on no column, notes with figures.
    Cells on ``others`` (a table beside it, a column of codes) are not this table's; codes join the label."""
    listed: list[Listed] = []
    headings: list[tuple[int, str]] = []
    for n in numbers:
        line = lines[n - 1]
        beside = [c for c in line.cells if c.is_number and any(abs(c.x1 - e) <= ALIGN_EM * c.size for e in others)]
        amounts = [c for c in line.cells if c.is_number and c not in beside]
        labels = [c for c in line.cells if (not c.is_number or c in beside) and (c.x0 + c.x1) / 2 < left]
        inner = _in_label(amounts, line, left)
        amounts = [c for c in amounts if c not in inner]
        labels = [c for c in line.cells if c in labels or c in inner]
        signs = [c for c in line.cells if (c.raw == "%" or is_marker(c.raw)) and (c.x0 + c.x1) / 2 >= left]  # a
        # percent's sign, a binding marker in a column of its own (`B`, `sitova`): no figure
        signs += _placeholders(line, amounts, table.edges, left)
        signs += [c for c in line.cells if amounts and c.x0 > amounts[-1].x1 and FOOTNOTE_RE.fullmatch(c.raw)]  # a
        # footnote's mark after the row's figures (`… 3 100 *`)
        off_label = [c for c in beside if (c.x0 + c.x1) / 2 >= left]
        note = any(_note_cell(c, left) for c in line.cells if c not in signs)
        if not amounts and off_label:
            continue  # its figures are the table's beside this one
        if not amounts or note:
            if carries_figures(line.text) or note:
                listed.append(Listed(n, line.text, Reason("layout.note_figures")))
            elif line.text.strip():
                headings.append((n, line.text.strip()))
            continue
        cells: dict[str, LayoutCell] = {}
        off = len(labels) + len(amounts) + len(off_label) + len(signs) < len(line.cells)
        for cell in amounts:
            j = next((j for j, e in enumerate(table.edges) if abs(cell.x1 - e) <= ALIGN_EM * cell.size), None)
            role = table.roles[j] if j is not None else None
            if j is None or role is None or role in cells:
                off = True
                continue
            cells[role] = LayoutCell(n, "", role, cell.raw, cents(cell.raw) or 0)
        if off:
            listed.append(Listed(n, line.text, Reason("layout.off_columns")))
            table.unread_rows.add(n)
            continue
        label = " ".join(c.raw for c in labels)
        if headings and headings[-1][0] == n - 1 and label[:1].islower():
            label = _join_label(headings.pop()[1], label)
        label = _TRAILING_SIGN_RE.sub("", label)
        cells = {r: LayoutCell(c.line, label, c.role, c.raw, c.printed) for r, c in cells.items()}
        table.rows.append(Row(n, label, cells, tuple(headings)))
    _without_markers(table)
    table.trailing = tuple(h for h in headings if not table.rows or h[0] > table.rows[-1].line)
    _meaning(table)
    return listed


def _note_cell(cell: Cell, left: float) -> bool:
    """A cell of a note with figures (`(sis. 1 000 €)`); a label's footnote mark (`Verotulot 1)`, the chart's
    ``FOOTNOTE_RE``) is none, its row read as the label without it."""
    if not any(ch.isdigit() for ch in cell.raw) or not (cell.raw[:1] == "(" or cell.raw[-1:] == ")"):
        return False
    bare = FOOTNOTE_RE.sub("", cell.raw)
    return (cell.x0 + cell.x1) / 2 >= left or "(" in bare or any(ch.isdigit() for ch in bare)


def is_marker(text: str) -> bool:
    """A binding marker (`B`, `N`, `sitova`, `ei sitova`): a one- or two-letter one only in capitals."""
    return any(text.strip() == m if len(m) <= 2 else _fold(text) == _fold(m) for m in markers())


def _marker_at_end(label: str) -> str | None:
    """The binding marker a label ends in, after a space, as printed; else None."""
    for m in markers():
        head, tail = label[: -len(m)], label[-len(m):]
        if len(label) > len(m) and head.endswith(" ") and head.strip() and is_marker(tail):
            return tail
    return None


#: what a book prints in a cell it leaves empty
_EMPTY_MARKS = ("-", "–", "—", "−")


def _placeholders(line: TextLine, amounts: list[Cell], edges: Sequence[float], left: float) -> list[Cell]:
    """A row's dashes standing for an empty cell (`Toimintatuotot 1 000 - 1 000 …`): set right on a column edge
    that no figure of the row takes. A dash elsewhere (a minus set apart from its figure) stays off the columns."""
    taken = [e for e in edges for c in amounts if abs(c.x1 - e) <= ALIGN_EM * c.size]
    return [c for c in line.cells if c.raw in _EMPTY_MARKS and (c.x0 + c.x1) / 2 >= left
            and any(abs(c.x1 - e) <= ALIGN_EM * c.size and e not in taken for e in edges)]


def _without_markers(table: Table) -> None:
    """Labels without the binding marker most rows print after them (`Verotulot B`, `Vaalit sitova`): the
    marker says how the valtuusto binds the row, it is no word of its name (a marker one row alone prints
    may be part of the name, `Koulu B`)."""
    found = {row.line: m for row in table.rows if (m := _marker_at_end(row.label))}
    if len(found) < 2 or len(found) * 2 < len(table.rows):
        return
    for row in table.rows:
        if row.line in found:
            row.label = row.label[: -len(found[row.line])].rstrip()


def _in_label(amounts: list[Cell], line: TextLine, left: float) -> list[Cell]:
    """Numbers that are words of the label (``5333 Tammikampus 2 muutostyöt``): left of the columns, with a
    word of the label after them."""
    words = [c for c in line.cells if not c.is_number and (c.x0 + c.x1) / 2 < left]
    return [c for c in amounts if (c.x0 + c.x1) / 2 < left and any(w.x0 >= c.x1 for w in words)]


def _join_label(first: str, second: str) -> str:
    """A label wrapped over two lines: `valtion-` + `osuus` joins without its hyphen, words with a space."""
    return first[:-1] + second if first.endswith("-") and first[-2:-1].isalpha() else f"{first} {second}"


# --- what the rows mean: the chart's accounts, totals and sides ---------------------------------


def _meaning(table: Table) -> None:
    """Each row's account or derived line (by the chart's names and synonyms), its side (its account's;
    a row of no account: its total's name's, else its nearest heading's) and, for a stated total, its members.

    In a table of one side, or under a heading that names a whole side (TULOT, MENOT: a root of the chart), a
    label naming an account
    of the other side is not that account (an asset class under TULOT is its sale, not its cost)."""
    chart = accounts.CHART
    for row in table.rows:
        row.account = _item_part(_account_of(row.label), row)
        if row.account in chart.derived:
            continue
        row.side = _side(row.account)
        whole = table.side or _whole_side(row.headings)
        if row.side is not None and whole is not None and row.side != whole:
            row.account, row.side = None, whole
        if row.side is None and row.account is None:
            m = _TOTAL_RE.match(row.label)
            named = _side(chart.lookup(m["name"])) if m and m["name"] else None
            row.side = table.side or named or next((s for _n, h in reversed(row.headings)
                                                    if (s := _side(chart.lookup(h)))), None)
    _totals(table)
    _open_totals(table)
    _city_total(table)


def _item_part(account: str | None, row: Row) -> str | None:
    """A käyttötalous account's row under a heading naming one kind of item (``Sisäiset``): that part of
    the account (``Myyntituotot, sisäiset``, the chart's ``[items]``), or no account where the chart does not
    split it so (the row is only part of the account: recording it as the whole would be wrong). A total
    row (``… yhteensä``) keeps its account: it is checked, not recorded."""
    chart = accounts.CHART
    found = chart.accounts.get(account or "")
    if found is None or found.part != "käyttötalous" or found.parent is None or _TOTAL_RE.match(row.label):
        return account
    item = next((i for _n, h in reversed(row.headings) if (i := chart.item_named(h)) or names_items(h)), None)
    if item is None or found.key.endswith(f", {item}"):
        return account
    return chart.split(account, item)


def names_items(heading: str) -> bool:
    """A heading naming items at all (``ulkoiset ja sisäiset``: the whole accounts below it)."""
    words = {" ".join(w.split()).casefold() for said in accounts.CHART.items.values() for w in said}
    return bool(words & set(heading.casefold().replace(",", " ").split()))


def _account_of(label: str) -> str | None:
    """The chart's account or derived line a row's label names; a label that prints its account number
    first (`3010 Toimintatuotot`, `4999 Toimintakate`: a four-digit JHS number, as accounting systems
    print it) or an accounting system's alternate word after a slash (`TOIMINTAKATE/JÄÄMÄ`,
    `TOIMINTATUOTOT/TULOT`) names the account its other words name, if that is of the operating or
    income-statement part (an investointiosa's `1100 …` is a project's code, read by ``investplan``)."""
    found = accounts.CHART.lookup(label) or _cut_short(label) or _abbreviated(label) or _transposed(label)
    m = _ACCOUNT_NUMBER_RE.match(label)
    words = _ALTERNATE_RE.sub("", label[m.end():] if m else label)
    if found is not None or (m is None and words == label):
        return found
    rest = accounts.CHART.lookup(words)
    part = (accounts.CHART.accounts.get(rest or "") or accounts.CHART.derived.get(rest or ""))
    return rest if part is not None and part.part in ("käyttötalous", "tuloslaskelma") else None


def _whole_side(headings: tuple[tuple[int, str], ...]) -> str | None:
    """The side the nearest heading naming a root of the chart (TULOT, MENOT) gives the rows below it."""
    for _n, heading in reversed(headings):
        account = accounts.CHART.accounts.get(accounts.CHART.lookup(heading) or "")
        if account is not None and account.parent is None:
            return _side(account.key)
    return None


def _side(key: str | None) -> str | None:
    account = accounts.CHART.accounts.get(key or "")
    return account.side if account is not None and account.side in (TUOTTO, KULU) else None


def _totals(table: Table) -> None:
    """A "X yhteensä" row sums the rows below heading X (a plain "Yhteensä": below the previous such
    total, else the table's start), a closed total standing for its members; an account row sums the
    rows of its parts above it. Derived lines are the chart's (``_term_value``)."""
    rows = table.rows
    closed: set[int] = set()
    for i, row in enumerate(rows):
        m = _TOTAL_RE.match(row.label)
        if m is None:
            continue
        name = _fold(m["name"])
        since = 0
        if name:
            heading = next((n for r in reversed(rows[:i]) for n, h in reversed(r.headings) if _fold(h) == name), None)
            since = next((k for k, r in enumerate(rows) if heading is not None and r.line > heading), i)
        else:
            since = next((k + 1 for k in range(i - 1, -1, -1) if _fold(rows[k].label) == _fold(row.label)), 0)
        members = _without_terms([r for k, r in enumerate(rows[since:i], since) if k not in closed])
        if members:
            row.total, row.members = row.label, members
            closed |= set(range(since, i))
    for i, row in enumerate(rows):
        if row.total or row.account not in accounts.CHART.accounts:
            continue
        parts = [r for r in rows[:i] if r.account in accounts.CHART.accounts and r.account != row.account
                 and row.account in accounts.ANCESTORS.get(r.account, ())]
        if parts:
            row.total, row.members = f"{row.label} = its parts", _topmost(parts)
    _totals_over_parts(rows)
    for row in rows:
        if not row.total and row.account is None and _TOTAL_RE.match(row.label):
            row.failed = Reason("layout.total_no_parts")


def _totals_over_parts(rows: list[Row]) -> None:
    """An account row printed first and its parts right below it (`TOIMINTATUOTOT`, then `Myyntituotot`,
    `Maksutuotot`, …: a unit's table by account): the rows of its parts that follow it, up to the first that is
    none, are its members where they sum to it as printed in every column of money, to the rounding of the parts'
    printing (n parts to the euro explain n · 0,50 €; the check then says any difference); a few parts printed
    below an account, `Valtionosuudet` and one of its kinds, are an erittely, no total of them."""
    for i, row in enumerate(rows):
        if row.total or row.account not in accounts.CHART.accounts:
            continue
        parts = _topmost(list(takewhile(lambda r: r.account != row.account and not r.total and
                                        row.account in accounts.ANCESTORS.get(r.account or "", ()), rows[i + 1:])))
        if parts and _parts_sum_to(row, parts):
            row.total, row.members = f"{row.label} = its parts", parts
    _derived_over_parts(rows)


def _derived_over_parts(rows: list[Row]) -> None:
    """A derived line printed first and the accounts of its terms right below it (`Rahoitustuotot ja -kulut`,
    then `Korkotuotot`, …, `Muut rahoituskulut`; `Satunnaiset erät`, then its tuotot and kulut): those rows, up
    to the first that is none, are its members where they sum to it as printed in every column of money, to the
    rounding of their printing. A book printing expenses positive prints no such sum: the line stays as it was."""
    for i, row in enumerate(rows):
        derived = accounts.CHART.derived.get(row.account or "")
        if row.total or derived is None or row.failed:
            continue
        terms = set(derived.terms)
        parts = _topmost(list(takewhile(lambda r: not r.total and not r.failed and r.account in accounts.CHART.accounts
                                        and terms & set(accounts.ANCESTORS.get(r.account or "", ())), rows[i + 1:])))
        if parts and _parts_sum_to(row, parts):
            row.total, row.members = f"{row.label} = its parts", parts


def _parts_sum_to(row: Row, parts: list[Row]) -> bool:
    """Whether ``parts`` sum to ``row`` as printed in each of its money columns (TA, MUUTOS, TA+MUUTOS, TOTEUMA
    it prints one at least), to the rounding of the parts' printing."""
    sums = [(cell.printed, sum(p.cells[role].printed for p in parts if role in p.cells), _rounding(parts, role))
            for role, cell in row.cells.items() if role in (TA, MUUTOS, TA_MUUTOS, TOTEUMA)]
    return bool(sums) and all(abs(printed - summed) <= slack for printed, summed, slack in sums)


def _rounding(parts: list[Row], role: str) -> int:
    """How far, in printed cents, the sum of ``parts``' cells of ``role`` may be from their total by the parts'
    printing alone: half a printed unit each (1 € printed without decimals, 0,01 € with)."""
    return sum((1 if "," in p.cells[role].raw else 100) for p in parts if role in p.cells) // 2


def _without_terms(members: list[Row]) -> list[Row]:
    """A total's members less the rows a derived member already sums (a unit's Toimintatuotot and
    Toimintakulut above its Toimintakate, all under its heading before its "… yhteensä"): none counted twice."""
    derived = accounts.CHART.derived
    stack = [t for r in members if r.account in derived for t in derived[r.account].terms]
    terms: set[str] = set()
    while stack:
        term = stack.pop()
        terms.add(term)
        stack += list(derived[term].terms) if term in derived else []
    return [r for r in members if not terms & set(accounts.ANCESTORS.get(r.account or "", (r.account,)))]


def _topmost(rows: list[Row]) -> list[Row]:
    """The rows of the highest accounts among ``rows``: a part's own parts are not counted twice."""
    keys = {r.account for r in rows}
    return [r for r in rows if not any(k in accounts.ANCESTORS.get(r.account or "", ())[1:] for k in keys)]


# --- confirmation by arithmetic, sign, checks -----------------------------------------------------


def _confirm(table: Table, listed: list[Listed]) -> None:
    """The roles confirmed by each row's arithmetic; rows that fail it listed; the sign; the checks."""
    present = set(r for r in table.roles if r)
    if not table.rows:
        table.why = Reason("layout.no_rows")
        return
    if len([r for r in table.roles if r]) != len(present) or None in table.roles:
        unknown = [w or "–" for w, r in zip(table.words, table.roles) if r is None]
        table.why = (Reason("layout.columns_not_understood", columns=", ".join(unknown)) if unknown
                     else Reason("layout.role_twice"))
        _list_all(table, listed)
        return
    apart = changes_apart(table.roles)
    present |= {MUUTOS} if apart else set()
    held, failed = 0, 0
    signs: dict[tuple[object, str | None], set[int]] = {}
    #: a table printed in thousands rounds each cell: its sums may be one printed unit off
    slack = 100 if table.scale > 1 else 0
    _changes_by_row(table, present, slack)
    findings: list[Row] = []
    #: each row whose POIKKEAMA fits a reading: the readings it fits (``_deviation_fits``), whether its TA adds up
    directed: list[tuple[Row, frozenset[int], bool | None]] = []
    #: stated totals whose change alone fits no reading (``_odd_change``): confirmed by their parts below
    odd: list[Row] = []
    blocks = _blocks(table)
    #: what POIKKEAMA is measured from: TA+MUUTOS, or in a project list that prints none its year's TA
    base = TA if TA_MUUTOS not in present and (CUMULATIVE in present or _budget_once(present)) else TA_MUUTOS
    for row in table.rows:
        v = {role: c.value for role, c in row.cells.items()}
        if any(role in v for role in apart):  # the changes printed apart: their sum is the year's
            v[MUUTOS] = sum(v.get(role, 0) for role in apart)
        adds_up = None
        if {TA, MUUTOS, TA_MUUTOS} <= present and (TA_MUUTOS in v or (TA in v and MUUTOS in v)):
            adds_up = abs(v.get(TA, 0) + v.get(MUUTOS, 0) - v.get(TA_MUUTOS, 0)) <= slack
        fits = _deviation_fits(v, base, slack) if {base, TOTEUMA, POIKKEAMA} <= present and POIKKEAMA in v else None
        if adds_up is False and fits != frozenset() and _odd_change(row):
            row.listed_cells[MUUTOS] = _change_reason(table, row)
            odd.append(row)
            adds_up = True
        elif adds_up is False:
            row.failed = Reason("layout.ta_muutos")
        # two parts each rounded to the printed unit: their sum may be one unit off
        if {PRIOR, TOTEUMA, CUMULATIVE} <= present and abs(
                v.get(PRIOR, 0) + v.get(TOTEUMA, 0) - v.get(CUMULATIVE, 0)) > max(slack, 100):
            row.failed = row.failed or Reason("layout.cumulative")
        if {TOTEUMA, OTHER_YEAR, YEAR_CHANGE} <= present and YEAR_CHANGE in v and not _change_holds(table, row):
            row.failed = row.failed or Reason("layout.year_change")
        if fits is None:
            continue
        if not fits:
            if adds_up:
                findings.append(row)  # the book's own Poikkeama disagrees with its other cells: a finding
            else:
                row.failed = row.failed or Reason("layout.poikkeama")
        elif v.get(TOTEUMA, 0) != v.get(base, 0):
            if fits & {1, -1}:
                signs.setdefault((blocks[row.line], row.side), set()).add(1 if 1 in fits else -1)
            directed.append((row, fits, adds_up))
    findings += _estimates(table, present, slack)
    mixed = {key for key, found in signs.items() if len(found) > 1}
    #: rows whose POIKKEAMA only |TOTEUMA| − |TA+MUUTOS| gives (their TA+MUUTOS and TOTEUMA of opposite signs)
    alone = [(row, adds_up) for row, fits, adds_up in directed if not fits & {1, -1}]
    sigma = None
    if (mixed or alone) and _deviation_as_size(directed):
        mixed, alone, table.deviation_read = set(), [], Reason("layout.deviation_as_size")
        table.deviation_by_row = any(_deviation_direction(row) is None for row, _f, _a in directed)
    elif (mixed or alone) and (sigma := _deviation_mixed(directed)) is not None:
        mixed, alone, table.deviation_by_row = set(), [], True
        table.deviation_read = Reason("layout.deviation_by_row", rows=", ".join(
            row.label for row, fits, _a in directed if sigma not in fits))
    for row, adds_up in alone:
        if adds_up:
            findings.append(row)
        else:
            row.failed = row.failed or Reason("layout.poikkeama")
    for row in table.rows:
        if (blocks[row.line], row.side) in mixed:
            row.failed = row.failed or Reason("layout.sign_in_block")
        failed += bool(row.failed)
        held += not row.failed
    testable = ({TA, MUUTOS, TA_MUUTOS} <= present) or ({TA_MUUTOS, TOTEUMA, POIKKEAMA} <= present) or \
        is_budget_book(table) or (
        {PRIOR, TOTEUMA, CUMULATIVE} <= present) or (is_budget_list(table) and (
            any(r.total for r in table.rows) or _estimate_terms(present) is not None))
    testable = testable or {TOTEUMA, OTHER_YEAR, YEAR_CHANGE} <= present or (
        _budget_once(present) and {TA, TOTEUMA, POIKKEAMA} <= present)
    if not testable and _confirmed_by_totals(table):
        testable = True
        failed = sum(bool(r.failed) for r in table.rows)
        held = len(table.rows) - failed
    if not testable or failed >= held:
        table.why = Reason("layout.no_arithmetic" if not testable else "layout.sign_in_blocks" if mixed else
                           "layout.fails_more")
        _list_all(table, listed)
        return
    table.confirmed = True
    table.unread_rows |= {r.line for r in table.rows if r.failed}
    _deviations(table, blocks, {key: found.pop() for key, found in signs.items() if key not in mixed})
    if sigma is not None:
        _deviations_by_row(table, directed, sigma)
    elif table.deviation_read:
        for row in table.rows:
            row.deviation = _deviation_direction(row) or 1
    listed += [Listed(r.line, r.label, Reason("layout.figures_not_read", why=r.failed)) for r in table.rows if r.failed]
    _sign(table)
    _checks(table)
    if unconfirmed := _unconfirmed_changes(table, odd):
        table.checks = []
        _checks(table)
        listed += [Listed(r.line, r.label, Reason("layout.figures_not_read", why=r.failed)) for r in unconfirmed]
    listed += [Listed(r.line, r.label, why, role) for r in odd if not r.failed for role, why in r.listed_cells.items()]
    if is_budget_book(table) and not _budget_book_holds(table):
        _not_confirmed(table, listed, Reason("layout.budget_unchecked"))
        return
    _other_year_checks(table)
    _change_checks(table)
    _year_change_checks(table)
    _proposal_checks(table)
    for row in findings:
        row.finding = True
        if row.line in table.estimate_findings:
            table.checks.append(table.estimate_findings[row.line])
            continue
        stated, computed = table.ledger(row, POIKKEAMA), (table.ledger(row, TOTEUMA) or 0) - (table.ledger(row, TA_MUUTOS) or 0)
        table.checks.append(Check(row.line, f"{_named(table)}{row.label} POIKKEAMA = TOTEUMA − TA+MUUTOS",
                                  stated or 0, computed, parts=3, precision=table.scale * 100))


def _line_direction(row: Row) -> int | None:
    """+1 or -1: the direction of a row's line (its TA's sign, or its TA+MUUTOS's where TA is zero); None
    where the two point opposite ways or both are zero (then nothing says which way a size points)."""
    ta, total = (row.cells[r].printed if r in row.cells else 0 for r in (TA, TA_MUUTOS))
    if ta * total < 0 or not (ta or total):
        return None
    return 1 if (ta or total) > 0 else -1


def _changes_by_row(table: Table, present: set[str], slack: int) -> None:
    """Each row's MUUTOS as printed where TA + MUUTOS = TA+MUUTOS, else as a size in the direction of its line
    where that adds up (a negative line's change printed positive: TA −100, muutos 20, TA+muutos −120). The
    change is then TA+MUUTOS − TA, the sign the row's own arithmetic gives. A row fitting neither is left as
    printed (it fails, or a total's change alone is listed). The preview names the rows read as sizes where
    other negative lines print their change signed, else says the table prints its changes as sizes."""
    if not {TA, MUUTOS, TA_MUUTOS} <= present:
        return
    sized, signed = [], False
    for row in table.rows:
        if not row.cells.get(MUUTOS) or not row.cells[MUUTOS].printed or TA_MUUTOS not in row.cells:
            continue
        ta, change, total = (row.cells[r].printed if r in row.cells else 0 for r in (TA, MUUTOS, TA_MUUTOS))
        direction = _line_direction(row)
        if abs(ta + change - total) <= slack:
            signed = signed or direction == -1
        elif direction == -1 and abs(ta - change - total) <= slack:
            sized.append(row)
    for row in sized:
        cell = row.cells[MUUTOS]
        row.cells[MUUTOS] = LayoutCell(cell.line, cell.label, cell.role, cell.raw, cell.printed, sign=-1)
    if sized:
        table.changes_read = (Reason("layout.changes_sized_rows", rows=", ".join(r.label for r in sized)) if signed
                              else Reason("layout.changes_as_sizes"))


def _odd_change(row: Row) -> bool:
    """A stated total or derived line printing TA, MUUTOS and TA+MUUTOS: its TA and TA+MUUTOS are checked
    against its parts, so a change fitting no reading (the sum of its parts' sizes) is the one cell wrong."""
    return bool(row.total or row.account in accounts.CHART.derived) and {TA, MUUTOS, TA_MUUTOS} <= set(row.cells)


def _column_words(table: Table, role: str) -> str:
    """A column's heading as the book prints it (its role where it prints none)."""
    return next((w for w, r in zip(table.words, table.roles) if r == role and w), role)


def _change_reason(table: Table, row: Row) -> Reason:
    """Why a total's change is listed: what the book prints, and the change its TA and TA+MUUTOS give."""
    difference = (row.cells[TA_MUUTOS].printed - row.cells[TA].printed) * table.scale
    return Reason("layout.change_not_difference", printed=row.cells[MUUTOS].raw.strip(),
                  change=_column_words(table, MUUTOS), ta=_column_words(table, TA),
                  total=_column_words(table, TA_MUUTOS),
                  difference=("+" if difference > 0 else "") + format_amount(difference, sep=" "))


def _unconfirmed_changes(table: Table, odd: list[Row]) -> list[Row]:
    """The totals whose change alone was listed but whose TA or TA+MUUTOS their parts do not confirm: which
    cell is wrong, nothing tells; they fail as any row whose TA + MUUTOS is not its TA+MUUTOS."""
    out = []
    for row in odd:
        held = {c.what.rsplit(" ", 1)[1] for c in table.checks if c.line == row.line and (c.ok or c.rounding)}
        if not {TA, TA_MUUTOS} <= held:
            row.failed, row.listed_cells = Reason("layout.ta_muutos"), {}
            table.unread_rows.add(row.line)
            out.append(row)
    return out


#: a POIKKEAMA printed as |TOTEUMA| − |TA+MUUTOS| (beside ±1: ±(TOTEUMA − TA+MUUTOS))
_SIZE = 0


def _deviation_fits(v: dict[str, int], base: str, slack: int) -> frozenset[int]:
    """The readings a row's printed POIKKEAMA fits: +1 (TOTEUMA − base), -1 (base − TOTEUMA), ``_SIZE``
    (|TOTEUMA| − |base|); none where it is none of them."""
    toteuma, budget, printed = v.get(TOTEUMA, 0), v.get(base, 0), v[POIKKEAMA]
    fits = {s for s in (1, -1) if abs(printed - s * (toteuma - budget)) <= slack}
    if abs(printed - (abs(toteuma) - abs(budget))) <= slack:
        fits.add(_SIZE)
    return frozenset(fits)


def _deviation_direction(row: Row) -> int | None:
    """+1 or -1: the direction of a row's TA+MUUTOS and TOTEUMA (None where they point opposite ways or
    both are zero: a size of their difference then has no direction)."""
    base, toteuma = (row.cells[r].printed if r in row.cells else 0 for r in (TA_MUUTOS, TOTEUMA))
    if base * toteuma < 0 or not (base or toteuma):
        return None
    return 1 if (base or toteuma) > 0 else -1


def _both_directions(directed: list[tuple[Row, frozenset[int], bool | None]]) -> bool:
    return {_deviation_direction(row) for row, _f, _a in directed} >= {1, -1}


def _deviation_as_size(directed: list[tuple[Row, frozenset[int], bool | None]]) -> bool:
    """Whether POIKKEAMA is printed as |TOTEUMA| − |TA+MUUTOS| on every row that tells (a negative line's
    underspending negative), and lines of both directions show it (else the blocks' own signs already read it)."""
    return _both_directions(directed) and all(_SIZE in fits for _r, fits, _a in directed)


def _deviation_mixed(directed: list[tuple[Row, frozenset[int], bool | None]]) -> int | None:
    """The sign s where the table prints POIKKEAMA as s·(TOTEUMA − TA+MUUTOS) on some rows and as |TOTEUMA| −
    |TA+MUUTOS| on others: every row fits one of the two, some only the first, some only the second, and lines
    of both directions show it. None where no such s is (the rows' signs then contradict each other)."""
    if not _both_directions(directed):
        return None
    for sign in (1, -1):
        if all(sign in f or _SIZE in f for _r, f, _a in directed) and any(_SIZE not in f for _r, f, _a in directed) \
                and any(sign not in f for _r, f, _a in directed):
            return sign
    return None


def _deviations_by_row(table: Table, directed: list[tuple[Row, frozenset[int], bool | None]], sign: int) -> None:
    """Each row's POIKKEAMA sign where the table mixes readings: ``sign`` where its row fits it, else its line's
    direction (the size of its difference)."""
    fits = {row.line: f for row, f, _a in directed}
    for row in table.rows:
        found = fits.get(row.line, frozenset({sign}))
        row.deviation = sign if sign in found else (_deviation_direction(row) or sign)
    table.deviation = {row.side: sign for row in table.rows}


def is_budget_list(table: Table) -> bool:
    """A budget book's project list (its investointiosa): each project's kustannusarvio beside the year's TA,
    and no toteutuma (a tilinpäätös's list prints one, and the use so far)."""
    return ESTIMATE in table.roles and TA in table.roles and TOTEUMA not in table.roles and CUMULATIVE not in table.roles


def _estimate_terms(present: set[str]) -> list[str] | None:
    """The columns a kustannusarvio is the sum of, where the list prints all of them: used before the year, the
    year's TA, the plan years and what comes after (``KUSTANNUSARVIO = PRIOR + TA + TS… + LATER``); else None."""
    plan = sorted(r for r in present if kind(r) == TS)
    return [PRIOR, TA, *plan, LATER] if {ESTIMATE, PRIOR, TA, LATER} <= present and plan else None


def _estimates(table: Table, present: set[str], slack: int) -> list[Row]:
    """Each project's kustannusarvio against its parts, where a budget's list prints them all. A row under a
    stated total whose other cells that total confirms is the book's contradiction (its kustannusarvio listed,
    a failing check); a row no total covers fails (which of its cells is wrong, nothing tells)."""
    terms = _estimate_terms(present) if is_budget_list(table) else None
    if terms is None:
        return []
    covered = {m.line for r in table.rows if r.total for m in r.members}
    out = []
    for row in (r for r in table.rows if ESTIMATE in r.cells and not r.failed):
        parts = [row.cells[t] for t in terms if t in row.cells]
        computed = sum(c.printed for c in parts)
        if abs(row.cells[ESTIMATE].printed - computed) <= slack * max(len(parts) - 1, 1):
            continue
        if row.line not in covered and not row.total:
            row.failed = Reason("layout.estimate_parts")
            continue
        table.estimate_findings[row.line] = Check(
            row.line, f"{_named(table)}{row.label} {ESTIMATE} = {' + '.join(terms)}",
            row.cells[ESTIMATE].printed * table.scale, computed * table.scale, parts=len(parts),
            precision=table.scale * 100)
        out.append(row)
    return out


def _blocks(table: Table) -> dict[int, object]:
    """Each row's block: the rows between two stated totals (or derived lines); a total is a block of its
    own. A book may print POIKKEAMA one way in one block and the other way in the next (a rahoitusosa's
    toiminta ja investoinnit | rahoitustoiminta): each block's own rows settle its sign."""
    out: dict[int, object] = {}
    at = 0
    for row in table.rows:
        if row.total or row.account in accounts.CHART.derived:
            out[row.line] = ("total", row.line)
            at += 1
        else:
            out[row.line] = at
    return out


def _deviations(table: Table, blocks: dict[int, object], settled: dict[tuple[object, str | None], int]) -> None:
    """Each row's POIKKEAMA sign from its block; the table's per side where all its blocks agree (a row of
    a block that shows none takes its side's, else +1)."""
    per_side: dict[str | None, set[int]] = {}
    for (_block, side), s in settled.items():
        per_side.setdefault(side, set()).add(s)
    table.deviation = {side: found.pop() for side, found in per_side.items() if len(found) == 1}
    for row in table.rows:
        row.deviation = settled.get((blocks[row.line], row.side), table.deviation.get(row.side, 1))


def _list_all(table: Table, listed: list[Listed]) -> None:
    listed += [Listed(r.line, r.label, Reason("layout.table_not_read", page=table.page, why=table.why)) for r in table.rows]


def _sign(table: Table) -> None:
    """Expenses printed positive or negative: by an identity the table prints (a derived line whose
    terms hold both sides adds up one way only), else by the printed sign of its expense rows."""
    for row in table.rows:
        derived = accounts.CHART.derived.get(row.account or "")
        if derived is None or row.failed:
            continue
        holds = {flip for flip in (False, True) if _derived_holds(table, row, flip)}
        if len(holds) == 1:
            table.expenses_positive = holds.pop()
            table.sign_evidence = f"{row.label} = {' + '.join(derived.terms)}"
            return
    signs = {(c.printed > 0) for r in table.rows if r.side == KULU and not r.failed
             for role, c in r.cells.items() if role in (TA, TA_MUUTOS, TOTEUMA) and c.printed}
    if len(signs) == 1:
        table.expenses_positive = signs.pop()
        table.sign_evidence = Reason("layout.sign_of_rows")


def _derived_holds(table: Table, row: Row, expenses_positive: bool) -> bool:
    """Whether a derived line is its terms' sum in every column when expenses are read so, and its terms
    hold both sides (else the reading does not tell)."""
    saved = table.expenses_positive
    table.expenses_positive = expenses_positive
    try:
        tested, sides = False, set()
        for role in (TA, MUUTOS, TA_MUUTOS, TOTEUMA):
            stated = None if role in row.listed_cells else table.ledger(row, role)
            computed = _known_term(table, row, row.account or "", role)
            if stated is None or computed is None:
                continue
            tested = True
            sides |= {r.side for r in computed[2]}
            check = Check(row.line, "", stated, computed[0], parts=max(len(computed[1]), 1))
            if not (check.ok or check.rounding):
                return False
        return tested and {TUOTTO, KULU} <= sides
    finally:
        table.expenses_positive = saved


class _Unknowable(Exception):
    """A term of a derived line is a cell listed as fitting no reading: the line's sum in that column is unknown."""


def _known_term(table: Table, before: Row, key: str, role: str) -> tuple[int, list[str], list[Row]] | None:
    """``_term_value``, None where a term is a listed cell (nothing then checks the line in that column)."""
    try:
        return _term_value(table, before, key, role)
    except _Unknowable:
        return None


def _term_value(table: Table, before: Row, key: str, role: str) -> tuple[int, list[str], list[Row]] | None:
    """What the rows above ``before`` say a chart account or line is in ``role`` (ledger cents), the cells
    as printed and the rows; None when they print nothing of it. A row stating it wins; else a derived
    line is its terms' sum, an account its parts'."""
    rows = table.rows[: table.rows.index(before)]
    stated = [r for r in rows if r.account == key and not r.failed]
    if stated and key != before.account:
        row = stated[-1]
        if role in row.listed_cells:
            raise _Unknowable
        return table.ledger(row, role) or 0, [row.cells[role].raw] if role in row.cells else [], [row]
    derived = accounts.CHART.derived.get(key)
    if derived is not None:
        found = [v for t in derived.terms if (v := _term_value(table, before, t, role)) is not None]
        if not found:
            return None
        return sum(v[0] for v in found), [x for v in found for x in v[1]], [r for v in found for r in v[2]]
    parts = _topmost([r for r in rows if r.account in accounts.CHART.accounts and not r.failed and r.account != key
                      and key in accounts.ANCESTORS.get(r.account or "", ())])
    if not parts:
        return None
    present = [r for r in parts if role in r.cells]
    if any(role in r.listed_cells for r in present):
        raise _Unknowable
    return sum(table.ledger(r, role) or 0 for r in present), [r.cells[role].raw for r in present], parts


def _checks(table: Table) -> None:
    """Every stated total and derived line against what its members sum to, per column, in the ledger's sign."""
    for row in table.rows:
        if row.failed:
            continue
        derived = accounts.CHART.derived.get(row.account or "")
        for role in (*AMOUNT_ROLES, PRIOR, CUMULATIVE, ESTIMATE, LATER, *changes_apart(table.roles),
                     *(r for r in table.roles if kind(r) in (OTHER_YEAR, TS, YEAR_CHANGE))):
            if role in row.listed_cells or (role == POIKKEAMA and table.deviation_by_row):
                continue  # a cell fitting no reading; a POIKKEAMA only its own row's arithmetic reads
            stated = table.ledger(row, role)
            if row.total:
                present = [r for r in _expanded(row.members, role) if role in r.cells]
                if any(role in r.listed_cells for r in present):
                    continue
                computed = (sum(table.ledger(r, role) or 0 for r in present), [r.cells[role].raw for r in present])
                used = row.members
            elif derived is not None:
                found = _known_term(table, row, derived.key, role)
                computed, used = (None, []) if found is None else (found[:2], found[2])
            else:
                continue
            first = min((r.line for r in used), default=row.line)
            if any(first < n < row.line for n in table.unread_rows):
                row.failed = Reason("layout.part_not_read")
                break
            if computed is None or (stated is None and not computed[1]):
                continue
            what = f"{_named(table)}{row.label} {role}"
            table.checks.append(Check(row.line, what, stated or 0, computed[0], parts=max(len(computed[1]), 1),
                                      precision=precision(computed[1] or ["0"]) * table.scale))
    failed = {r.line for r in table.rows if r.failed}
    table.checks = [c for c in table.checks if c.line not in failed]


# --- the same tables from text alone (no positions) ----------------------------------------------

#: a text row: its label, then digit groups (a number's last may print its cents: `6 228 970,00`)
_GROUPS_RE = re.compile(r"(?P<label>.*?)(?P<groups>(?:\s+[-−]?[0-9]{1,3}(?:,[0-9]{2})?)+)\s*$")
#: a number's group that ends it with its cents
_CENTS_GROUP_RE = re.compile(r"(?P<euros>[-−]?[0-9]{1,3}),(?P<cents>[0-9]{2})")


def read_text_layout(lines: Sequence[str], *, skip: frozenset[int] | set[int] = frozenset(),
                     year: int | None = None) -> LayoutReading:
    """The toteutumisvertailu tables of a book's text, where no position tells the columns apart: the
    header's words in order give each column's candidate roles, and a row is read only when exactly one
    split of its digit groups into cells, and one placement of the cells in the columns, fits the table's
    arithmetic (an empty cell shifts the columns of a text line: most rows with one are listed). A scale the
    header does not print is settled as ``read_layout`` settles it, the whole text being the book's; ``year``
    is taken for the same call."""
    from ledger.books import interleaved

    lines = [_marker_to_label(_footnote_to_label(_euros_out(text))) for text in lines]
    numbered = list(enumerate(lines, 1))
    sided = {n: found for n, _text in numbered if (found := interleaved.header(lines, n)) is not None}
    inside = {m for found in sided.values() for m in range(found.first, found.bottom + 1)}
    starts = sorted({n for n, text in numbered if n not in inside and _any_text_header(text) is not None} | set(sided))
    starts = [n for i, n in enumerate(starts) if i == 0 or any(carries_figures(lines[m - 1].strip())
                                                                 for m in range(starts[i - 1], n))]
    headers = {bottom: (first, header) for n in starts for bottom, first, header in
               [(sided[n].bottom, n, sided[n]) if n in sided else _stacked_or_own(lines, n)]}
    starts = sorted(headers)
    regions: list[_Region] = []
    for i, start in enumerate(starts):
        end = _next_table(lines, headers[starts[i + 1]][0]) if i + 1 < len(starts) else len(lines) + 1
        end = next((_next_table(lines, n) for n in range(start + 1, end) if _YEARS_ONLY_RE.fullmatch(
            lines[n - 1].strip())), end)  # another statement's columns of years (`2024 2023`) begin there
        region = list(range(start, max(end, start + 1)))
        if skip & set(region):
            continue
        earlier = [t for r in regions for t in r.tables]
        first, header = headers[start]
        build = _text_rebuild(lines, region, earlier, header, first, year)
        regions.append(_Region(region, 0, *build(None), build=build))
    _settle_scales(regions, [text.strip() for text in lines], [0] * len(lines), ())
    tables = [t for r in regions for t in r.tables]
    listed = [item for r in regions for item in r.listed]
    headings_above(_as_printed(lines), tables)
    return LayoutReading(_finer_elsewhere(tables, skip), listed)


#: a euro sign after an amount in a text line (`600 €`, `-1 234,50€`)
_EURO_AFTER_RE = re.compile(r"(?<![0-9.,])(?<![0-9] )(?P<number>[-+−–]?[0-9]{1,3}(?: [0-9]{3})*(?:,[0-9]+)?) ?€(?=\s|$)")


#: a footnote's mark ending a text line: set apart (stars, a number closed by a parenthesis) or a superscript
_MARK_AFTER_RE = re.compile(r"(?:\s+(?:\*+\)?|\(?[0-9]{1,2}\))|\s*[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*$")


def _euros_out(text: str) -> str:
    """A text row printing a euro sign after each amount as if it printed none (``_euros_apart``): only a line
    of two such amounts or more besides a thousand's (`Määrärahat 1000€ Tuloarviot 1000€` states scales)."""
    amounts = [m["number"] for m in _EURO_AFTER_RE.finditer(text) if not _SCALE_THOUSAND_RE.match(m["number"])]
    return _EURO_AFTER_RE.sub(r"\g<number>", text) if len(amounts) >= 2 else text


def _footnote_to_label(text: str) -> str:
    """A text row printing a footnote's mark after its figures (`Verotulot 3 000 3 100 *`, `… 3 100¹`) as one
    printing it after its label, where the chart's lookup passes over it (``FOOTNOTE_RE``), as a PDF's row passes
    over a mark set apart after its figures."""
    m = _MARK_AFTER_RE.search(text)
    rest = _GROUPS_RE.fullmatch(text[: m.start()].rstrip()) if m else None
    if rest is None or not rest["label"].strip():
        return text
    return f"{rest['label'].rstrip()} {m.group().strip()}{rest['groups']}"


def _marker_to_label(text: str) -> str:
    """A text row printing its binding marker in a column after its figures (`Toimintakate -4 000 -4 100 B`) as
    one printing it after its label (`Toimintakate B -4 000 -4 100`), where ``_without_markers`` takes it off:
    the PDF reader passes over a marker's column, and the text's figures end the line."""
    marker = _marker_at_end(text.rstrip())
    m = _GROUPS_RE.fullmatch(text.rstrip()[: -len(marker)]) if marker else None
    if m is None or not m["label"].strip():
        return text
    return f"{m['label'].rstrip()} {marker}{m['groups']}"


def _next_table(lines: Sequence[str], first: int) -> int:
    """Where the next text table begins: its title lines above its header's first line (``_text_title_lines``,
    `Määrärahat 1000€ Tuloarviot 1000€`), none of them the table's above it, nor a note of its scale."""
    above = 0
    for n in range(first - 1, max(first - 1 - TITLE_LINES_ABOVE, 0), -1):
        text = lines[n - 1].strip()
        if not text or (carries_figures(text) and scale_of([text])[0] == 1) or len(text.split()) > TITLE_WORDS:
            break
        above += 1
    return first - above


#: the height a text line stands for in ``_as_printed``, and its font size: the lines of a page close together
_TEXT_STEP, _TEXT_SIZE = 12.0, 10.0


def _as_printed(lines: Sequence[str]) -> list[TextLine]:
    """A book's text as one page of one font, a word a cell (the text tables' page, 0): what the heading above a
    table (``headings_above``) is found in where the text gives no positions."""
    return [TextLine(0, n, _TEXT_STEP * n, tuple(Cell(w, 10.0 * i, 10.0 * i + 8.0, _TEXT_SIZE)
                                                  for i, w in enumerate(text.split())))
            for n, text in enumerate(lines, 1)]


def _text_rebuild(lines: Sequence[str], region: list[int], earlier: list[Table],
                  header: tuple[str, list[str]] | tuple[str, list[str], bool] | interleaved.Header, first: int,
                  year: int | None = None):
    """A text region's tables, read at the scale its header states or at one settled from outside it; ``first``
    the header's first line (its words may stand over several lines down to the region's first); ``year`` the
    book's, which tells another year's column (``_other_years``); an interleaved header's by its reader. A
    header's third item says its columns' words are whole (``_aligned_text_header``: every line of it read)."""
    title, columns, whole = (*header, False)[:3] if isinstance(header, tuple) else (header.title, [], False)

    def build(scale: tuple[int, str] | None) -> tuple[list[Table], list[Listed]]:
        if not isinstance(header, tuple):  # menot and tulot interleaved (``interleaved``)
            from ledger.books import interleaved

            return interleaved.read(lines, region, header, scale)
        if len(_text_groups(columns, year)) > 1:
            tables, out = _text_side_by_side(lines, region, title, _text_groups(columns, year), scale, year, earlier,
                                             whole=whole)
        else:
            table, out = _text_table(lines, region, title, columns, earlier, scale, year, whole=whole)
            tables = [table]
        for table in tables:
            table.header_lines = list(range(first, region[0] + 1))
        return tables, out
    return build


def _text_header(text: str) -> tuple[str, list[str]] | None:
    """(title, the header's column words) of a line that starts a table: two words or more that begin
    a role's phrase (`Alkuperäinen Talousarvio- Talousarvio Toteutuma Poikkeama`); words that are a whole
    phrase of several (`Budjetti + muutos`, `Käyttö %`) are one column; a word too short to begin one
    alone joins the words after it that continue a phrase (`TA muu-`), else is a column where it is a
    phrase itself (`Tilinp. TA Ta-muut.`), first or after a column; None otherwise."""
    words = text.split()
    if any(_NUMBER_RE.match(w) for w in words):
        return None
    columns: list[tuple[int, str]] = []
    phrases = {p for found in vocabulary()[0].values() for p in found}
    i = 0
    while i < len(words):
        whole = next((j for j in range(min(len(words), i + 4), i + 1, -1) if _fold(" ".join(words[i:j])) in phrases), None)
        if whole is not None:  # a phrase of several words, whole (`Budjetti + muutos`, `Käyttö %`)
            columns.append((i, " ".join(words[i:whole])))
            i = whole
            continue
        if _starts_role(Cell(words[i], 0, 0, 1)):
            columns.append((i, words[i]))
            i += 1
            continue
        j = next((j for j in range(min(len(words), i + 4), i + 1, -1) if _candidates(" ".join(words[i:j]))), None)
        if j is not None and not any(_starts_role(Cell(w, 0, 0, 1)) for w in words[i + 1:j]):
            columns.append((i, " ".join(words[i:j])))
            i = j
        else:
            if (columns or i == 0) and _fold(words[i]) in phrases:  # a short phrase alone (`TA`, `TP`), no title's
                columns.append((i, words[i]))
            elif columns and not _header_word(words[i]):  # prose naming two columns' words (`Talousarvion … kustan-`)
                return None
            elif columns and _unnamed(words[i]):  # a column no phrase names (`Yhteensä`): its figures are a row's
                columns.append((i, words[i]))  # too, so it is kept, to be read as no role (its rows listed)
            i += 1
    if len(columns) < 2:
        return None
    return " ".join(words[: columns[0][0]]), [c for _i, c in columns]


#: the most lines a header's words are stacked over
HEADER_LINES_AT_MOST = 4


def _stacked_or_own(lines: Sequence[str], start: int
                    ) -> tuple[int, int, tuple[str, list[str]] | tuple[str, list[str], bool] | None]:
    """A text header's last and first line and (title, columns): the line's own (``_any_text_header``), or
    where its words are stacked over several lines down to the first row (text a PDF's reader gives of a header
    whose cells print their words one above the other), the bottom line's read with the words above it
    (``_stacked_text_header``) where that gives more columns, else the lines cut into columns
    (``_aligned_text_header``, its columns' words whole: a third item, True) where that does."""
    own = _any_text_header(lines[start - 1])
    bottom = start
    while bottom - start < HEADER_LINES_AT_MOST - 1 and bottom < len(lines) and (
            text := lines[bottom].strip()) and not carries_figures(text) and _names_columns(text):
        bottom += 1  # a heading under the header (`MENOT`, a unit's name) is no line of it
    above = []
    for n in range(bottom - 1, max(bottom - HEADER_LINES_AT_MOST, 0), -1):
        if not (text := lines[n - 1].strip()) or carries_figures(text) or not _header_words_only(text):
            break
        above.append(text)
    stacked = (_stacked_text_header(above, lines[bottom - 1]) or _units_under_words(above, lines[bottom - 1])
               if above else None)
    if stacked is not None and own is not None and len(stacked[1]) > len(own[1]):
        return bottom, bottom - len(above), stacked
    aligned = _aligned_text_header(lines, bottom) if stacked is None else None
    if aligned is not None and own is not None and len(aligned[1][1]) > len(own[1]):
        return bottom, aligned[0], (*aligned[1], True)
    return start, start, own


def _names_columns(text: str) -> bool:
    """Whether a line under a header's first line is more of it: header words only, or a word that begins a
    column's phrase (`Toimintatuotot TP 2024 TP 2023 € %`), not a heading (`MENOT`, `Investoinnit`)."""
    return _header_words_only(text) or any(_candidates(word) for word in text.split())


def _unnamed(word: str) -> bool:
    """A header word that stands for a column though no phrase of the vocabulary is it alone (`Yhteensä`, `Ero-`
    aside): a word of letters, not a year, `€` or `%`, nor the first part of a phrase (`Talousarvio-`)."""
    return word.isalpha() and len(word) > 2


def _header_word(word: str) -> bool:
    """A word a header prints among its columns: a word of some column's phrase, a year, `€` or `%`."""
    return _fold(word).rstrip("-") in phrase_words() or word in ("€", "%") or bool(_YEAR_RE.fullmatch(word))


def _header_words_only(text: str) -> bool:
    """A line of a header's words alone (`Alkuperäinen TA muutosten`): each a word of some column's phrase, a
    year or `€`; a unit's heading or a title above the header is not one."""
    return all(w.rstrip("-") in phrase_words() or w == "€" or _YEAR_RE.fullmatch(w) for w in _fold(text).split())


@cache
def phrase_words() -> frozenset[str]:
    """Every word of every column's phrase (``columns.toml`` ``[roles]``), folded."""
    return frozenset(w for found in vocabulary()[0].values() for p in found for w in p.split())


def _stacked_text_header(above: Sequence[str], bottom: str) -> tuple[str, list[str]] | None:
    """(title, columns) of a header whose cells' words are stacked and bottom-aligned, as a reader that joins
    words by their height gives it (`TA` / `Alkuperäinen TA muutosten` / `TA Muutokset jälkeen Toteutuma
    Poikkeama`): each word of the bottom line ends a column's phrase, the longest whose other words all stand
    in the lines above, and a year goes with the column before it (`TA 2024`); words before the first column
    are the title. None where a later word ends none, or fewer than two columns."""
    upper = {w.rstrip("-") for text in above for w in _fold(text).split()}
    words = bottom.split()
    if any(_NUMBER_RE.match(w) and not _YEAR_RE.fullmatch(w) for w in words):
        return None
    phrases = sorted({p for found in vocabulary()[0].values() for p in found}, key=len, reverse=True)
    title: list[str] = []
    columns: list[str] = []
    for word in words:
        if columns and _YEAR_RE.fullmatch(word):
            columns[-1] = f"{columns[-1]} {word}"
            continue
        found = next((p for p in phrases if p.split()[-1] == _fold(word) and set(p.split()[:-1]) <= upper), None)
        if columns and _more_of(columns[-1], word, found, phrases):
            columns[-1] = f"{columns[-1]} {word}"
            continue
        if found is None and columns and any(p.startswith(f"{_fold(word)} ") for p in phrases):
            columns.append(word)  # the first word of a phrase the bottom line prints whole (`Verkligt utfall`)
        elif found is None and columns:
            return None
        elif found is None:
            title.append(word)
        else:
            columns.append(found)
    if any(_fold(column) not in phrases for column in columns if not _YEAR_RE.search(column)):
        return None  # a phrase begun on the bottom line and left unended
    return (" ".join(title), columns) if len(columns) >= 2 else None


def _more_of(column: str, word: str, found: str | None, phrases: Sequence[str]) -> bool:
    """Whether a bottom line's ``word`` goes on with the ``column`` before it on that line (`Tot. %`, `Budget efter
    ändr.`): their words are a phrase, where no phrase of the words above ends in the word (``found``: one word
    alone, or none; `Förverkligat` over `%` is that column's), or begin one, where none ends in it."""
    joined = _fold(f"{column} {word}")
    if joined in phrases:
        return found is None or " " not in found
    return found is None and any(p.startswith(f"{joined} ") for p in phrases)


def _units_under_words(above: Sequence[str], bottom: str) -> tuple[str, list[str]] | None:
    """(title, columns) of a header whose two-line cells print a word over their unit and whose one-line cells
    print words and unit on the bottom line (`Talousarvio Muutos Muutos` / `€ Toteuma € Toteuma % TP 2023 €
    %`): a `€` or `%` right after a column's own words (no year, no unit yet) is that column's unit, any other
    stands under the next word above, in order; a year goes with the column before it; words before the first
    column are the title (`Muutos Muutos` / `Toimintatuotot TP 2024 TP 2023 € %`). None unless that uses every
    word above, each column names a role, and there are two columns or more."""
    if len(above) != 1:
        return None
    upper = above[0].split()
    title: list[str] = []
    columns: list[list[str]] = []
    #: the columns whose word stands above their unit: they take no further unit
    under: set[int] = set()
    for word in bottom.split():
        last = columns[-1] if columns else None
        own = last is not None and len(columns) - 1 not in under and last[-1] not in ("€", "%") and \
            not any(_YEAR_RE.fullmatch(w) for w in last)
        if word in ("€", "%") and own:
            last.append(word)
        elif word in ("€", "%"):
            if not upper:
                return None
            under.add(len(columns))
            columns.append([upper.pop(0), word])
        elif _YEAR_RE.fullmatch(word) and last is not None:
            last.append(word)
        elif _candidates(word) or _fold(word) in phrase_words():
            columns.append([word])
        elif columns:
            return None
        else:
            title.append(word)
    texts = [" ".join(c) for c in columns]
    if upper or len(texts) < 2 or not all(role_of(t) or _candidates(t) or _year_change_words(t) for t in texts):
        return None
    return " ".join(title), texts


#: the most lines a header cut by ``_aligned_text_header`` takes: centred cells of one, two and three lines print
#: on five (each height's lines between the others')
CENTRED_LINES_AT_MOST = 6


def _aligned_text_header(lines: Sequence[str], bottom: int) -> tuple[int, tuple[str, list[str]]] | None:
    """(first line, (title, columns)) of a header whose cells stack their words over one line or several, all
    aligned alike (``_cuts``), as a reader that joins words by their height gives it (`Vuosi-` / `Ta TP
    Poik- TP Vuosi- muutos` / `(1000€) 2024 2024 keama Tot. % 2023 muutos %`): the one cut of every line's
    words, left to right, into runs where each column takes a run of each of some adjacent lines and its
    words, top down, are a column's whole phrase (``_whole_column``). The bottom line's leading words that
    no column prints are the title; the lines above it down from the one where they cut are the header's. None
    where they cut two ways, or from more than one line (a running line, `Tilinpäätös 2024`, may stand right
    above a header), or into fewer than two columns."""
    rows: list[tuple[str, ...]] = []
    for n in range(bottom - 1, max(bottom - CENTRED_LINES_AT_MOST, 0), -1):
        text = lines[n - 1].strip()
        if not text or carries_figures(text) or not all(_header_fragment(w) for w in text.split()):
            break
        rows.insert(0, tuple(text.split()))
    words = lines[bottom - 1].split()
    title = list(takewhile(lambda w: not (_header_fragment(w) or _candidates(w)), words))
    last = tuple(words[len(title):])
    cut = {top: found for top in range(len(rows) + 1) if (found := _cuts((*rows[top:], last)))}
    if len(cut) != 1 or len(found := next(iter(cut.values()))) != 1 or len(found[0]) < 2:
        return None
    return bottom - len(rows) + next(iter(cut)), (" ".join(title), list(found[0]))


def _header_fragment(word: str) -> bool:
    """A word a stacked header may print: a header's word (``_header_word``), or a piece of one cut by a
    hyphen at a line's end (`Poik-` and `keama` of `poikkeama`, at least three letters)."""
    if _header_word(word):
        return True
    piece = _fold(word)
    return len(piece.rstrip("-")) >= 3 and any(
        w.startswith(piece[:-1]) if piece.endswith("-") else w.endswith(piece) for w in _fragment_words())


@cache
def _fragment_words() -> frozenset[str]:
    """The words a header's column prints: its phrases' and its change-from-another-year's."""
    return phrase_words() | {w for p in _section("year_change").get("words", ()) for w in p.split()}


#: the most words of one line one column of a stacked header takes
_RUN_WORDS = 3


def _cuts(rows: tuple[tuple[str, ...], ...]) -> list[tuple[str, ...]]:
    """The ways to cut ``rows`` into columns aligned alike, each column taking the next run of each of its rows
    and each row's every word taken: bottom-aligned, a column's rows adjacent down to the last; top-aligned,
    down from the first; centred, its rows evenly spaced about the middle (a centred cell of one line stands
    between the two of another, on a row of its own: `Alkuperäinen Talousarvio-` / `Toteutuma` / `talousarvio
    muutokset`). Several cuts are a header the text does not tell, unless they are one cut's columns in orders
    only the budget's order tells (``_in_budget_order``)."""
    last = len(rows) - 1
    bottom = tuple(tuple(range(a, last + 1)) for a in range(last + 1))
    top = tuple(tuple(range(b + 1)) for b in range(last + 1))
    centred = tuple(dict.fromkeys(tuple(range(start, last + 1 - start, step)) for step in range(1, max(last, 1) + 1)
                                  for start in range(last // 2 + 1) if (last - 2 * start) % step == 0))
    found = list(dict.fromkeys(cut for placings in (bottom, top, centred) for cut in _aligned_cuts(rows, placings)))
    return found if len(found) < 2 or len(found) >= _CUTS_AT_MOST else _in_budget_order(found) or found[:2]


def _in_budget_order(cuts: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Of cuts that are the same columns in orders no line tells (centred cells that share no line), the one
    printing the budget's columns of no year in the order every toteutumisvertailu does, TA, MUUTOS, TA+MUUTOS,
    TOTEUMA, POIKKEAMA (the row arithmetic cannot tell a TA from a MUUTOS swapped with it), the other columns
    in one order in all, where one alone does; else none."""
    if len({tuple(sorted(cut)) for cut in cuts}) > 1:
        return []

    def budget(column: str) -> int | None:  # a year's column (`TP 2023`, `TA 2025`) may stand anywhere
        role = role_of(column)
        return AMOUNT_ROLES.index(role) if role in AMOUNT_ROLES and not _HEADER_YEAR_RE.search(column) else None

    ordered = [cut for cut in cuts if (found := [b for c in cut if (b := budget(c)) is not None]) == sorted(found)
               and len(set(found)) == len(found)]
    return ordered if len(ordered) == 1 and all(
        [c for c in cut if budget(c) is None] == [c for c in ordered[0] if budget(c) is None] for cut in cuts) else []


#: the most ways to cut a header weighed: more is a header the text does not tell
_CUTS_AT_MOST = 64


def _aligned_cuts(rows: tuple[tuple[str, ...], ...], placings: tuple[tuple[int, ...], ...]) -> list[tuple[str, ...]]:
    """``_cuts`` of one alignment, each column's rows one of ``placings`` (at most ``_CUTS_AT_MOST``)."""

    @cache
    def rest(at: tuple[int, ...]) -> tuple[tuple[str, ...], ...]:
        if all(i == len(row) for i, row in zip(at, rows)):
            return ((),)
        found: dict[tuple[str, ...], None] = {}
        for placed in placings:
            if any(at[n] == len(rows[n]) for n in placed):
                continue
            for runs in _runs_of(tuple(len(rows[n]) - at[n] for n in placed)):
                column = _dehyphenate([w for n, k in zip(placed, runs) for w in rows[n][at[n]:at[n] + k]])
                if not _whole_column(column):
                    continue
                took = dict(zip(placed, runs))
                after = tuple(i + took.get(n, 0) for n, i in enumerate(at))
                for more in rest(after):
                    found[(column, *more)] = None
                    if len(found) >= _CUTS_AT_MOST:
                        return tuple(found)
        return tuple(found)
    return list(rest((0,) * len(rows)))


def _runs_of(left: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
    """Each choice of how many words (1 to ``_RUN_WORDS``, at most what is left) a column takes of each row."""
    if not left:
        yield ()
        return
    for k in range(1, min(_RUN_WORDS, left[0]) + 1):
        for more in _runs_of(left[1:]):
            yield (k, *more)


@cache
def _whole_column(column: str) -> bool:
    """Whether a column's words, its one year aside, are a role's whole phrase or a change from another year's,
    a `€` or `%` after them allowed (`Ta 2024`, `Tot. %`, `Vuosimuutos %`); not a word cut by a hyphen, nor a
    year, `€` or `%` first (each is the column's before it), nor a word after its `€` or `%`, nor a lower-case
    first word (a cell's words begin with a capital; `talousarvio` under `Alkuperäinen` goes on its phrase)."""
    words = _fold(_HEADER_YEAR_RE.sub(" ", column)).split()
    printed = column.split()
    years = [w for w in printed if _YEAR_RE.fullmatch(w)]
    if not words or column.endswith("-") or column[:1].islower() or len(years) > 1 or printed[0] in years:
        return False
    if words[0] in ("€", "%") or (printed[-1] not in ("€", "%") and any(w in ("€", "%") for w in words)):
        return False
    phrases = {p for found in vocabulary()[0].values() for p in found} | set(_section("year_change").get("words", ()))
    whole = " ".join(words)
    return whole in phrases or (len(words) > 1 and words[-1] in ("€", "%") and words[-2] not in ("€", "%")
                                and " ".join(words[:-1]) in phrases)


def _year_change_words(column: str) -> bool:
    """Whether a column's words, `€` and years aside, are a change from another year's (``[year_change]``)."""
    return " ".join(_fold(_HEADER_YEAR_RE.sub(" ", column)).replace("€", " ").split()) in \
        _section("year_change").get("words", ())


def _any_text_header(text: str) -> tuple[str, list[str]] | None:
    """``_text_header``, else ``_dated_text_header``, a role's word and its year glued (`TA2024`) apart; never a
    line of prose (`… lähes 750.000 euroa. Ylitys johtui`: a word ending a sentence that is no column's)."""
    text = _unglued(text)
    if _prose(text):
        return None
    return _text_header(text) or _dated_text_header(text)


def _prose(text: str) -> bool:
    """A line of prose: longer than a heading (``HEADING_WORDS``) and a sentence ends inside it, a word's full
    stop followed by a capital (`… 750.000 euroa. Ylitys johtui`); an abbreviation's (`Milj. €`, `Tekn.
    LAUTAKUNTA`, `Toteut.`) in a header's few words is none."""
    words = text.split()
    return len(words) > HEADING_WORDS and any(
        w.endswith(".") and not w[:-1].replace(".", "").isdigit() and _fold(w) not in phrase_words()
        and after[:1].isupper() for w, after in zip(words, words[1:]))


def _dated_text_header(text: str) -> tuple[str, list[str]] | None:
    """(title, columns) of a header that prints years (`TP 2023 TA 2024 TA-muutokset 2024 … Poikkeama`): the
    years cut it into runs of words, each run's words are columns (a whole phrase, `TP`, or words that begin
    one) and the year is its last column's (`TA 2024`, read by ``_other_years``); words before the first
    column are the title. None where a figure other than a year stands in it, a word between two columns
    begins no phrase, or fewer than two columns."""
    words = text.split()
    if not any(_YEAR_RE.fullmatch(w) for w in words) or \
            any(_NUMBER_RE.match(w) and not _YEAR_RE.fullmatch(w) for w in words):
        return None
    title: list[str] = []
    columns: list[str] = []
    run: list[str] = []
    for word in [*words, None]:
        if word is not None and not _YEAR_RE.fullmatch(word):
            run.append(word)
            continue
        found = _run_columns(run)
        if found is None or (found[0] and columns) or (word is not None and not found[1]):
            return None
        title = title or found[0]
        columns += found[1]
        if word is not None:
            columns[-1] = f"{columns[-1]} {word}"
        run = []
    return (" ".join(title), columns) if len(columns) >= 2 else None


def _run_columns(words: list[str]) -> tuple[list[str], list[str]] | None:
    """(title words, columns) of a header's words between two years: each column the longest run of words
    that is a role's phrase or begins one; words before the first are the title, a word after it that is
    neither makes it None."""
    phrases = {p for found in vocabulary()[0].values() for p in found}
    joined: list[str] = []
    for word in words:  # `Talousarvio- muutokset`: one word wrapped at its hyphen
        if joined and joined[-1].endswith("-") and word[:1].islower():
            joined[-1] = joined[-1][:-1] + word
        else:
            joined.append(word)
    words = joined
    title: list[str] = []
    columns: list[str] = []
    i = 0
    while i < len(words):
        j = next((j for j in range(min(len(words), i + 4), i, -1)
                  if _fold(" ".join(words[i:j])) in phrases or _candidates(" ".join(words[i:j]))), None)
        if j is None:
            if columns:
                return None
            title.append(words[i])
            i += 1
            continue
        columns.append(" ".join(words[i:j]))
        i = j
    return title, columns


def _candidates(column: str) -> set[str]:
    """The roles a column's header words may begin (`Talousarvio-`: a compound, MUUTOS or TA+MUUTOS;
    `TA muu-`: MUUTOS or TA+MUUTOS): a phrase whose first words they are, the last one's start if it
    ends in a hyphen."""
    words = _fold(_HEADER_YEAR_RE.sub(" ", column)).split() or [""]
    compound = words[-1].endswith("-")
    words[-1] = words[-1].rstrip("-")
    out = set()
    for role, phrases in vocabulary()[0].items():
        for p in (p.split() for p in phrases):
            if role in NOT_THE_YEARS or len(p) < len(words) or p[: len(words) - 1] != words[:-1]:
                continue
            last = p[len(words) - 1]
            if last.startswith(words[-1]) if compound else last == words[-1]:
                out.add(role)
    return out


def _text_groups(columns: list[str], year: int | None = None) -> list[list[str]]:
    """The header's columns as tables side by side: a new table where the first column's roles come again
    (a column of another year or a percent, which names no role of the year's money, starts none)."""
    roles = _other_years(columns, [role_of(c) for c in columns], year)
    groups: list[list[int]] = [[]]
    for j, column in enumerate(columns):
        first = next((k for k in groups[-1] if _candidates(columns[k]) and kind(roles[k]) != OTHER_YEAR), None)
        if first is not None and len(groups[-1]) > 1 and _candidates(column) == _candidates(columns[first]):
            groups.append([])
        groups[-1].append(j)
    return [[columns[j] for j in group] for group in groups]


def _text_roles(columns: list[str], year: int | None = None, whole: bool = False) -> list[list[str]]:
    """Every way to give the columns distinct roles from their candidates, a column of another year than the
    table's fixed as OTHER-YEAR as the PDF reader decides it (``_other_years``: `Ed. TP`, a year other than the
    TA's, a `Tilinp.` before the budget columns) and a frame or proposal (`Raami 2025`) keeping the role they
    have: read where a row's arithmetic places its cells, checked where a stated total sums it, never the
    year's money. Columns whose words are ``whole`` keep the role those words name, as a PDF's do (`Ta 2024`
    is the TA where nothing under it says more)."""
    fixed = _year_changes(columns, _other_years(columns, [role_of(c) for c in columns], year))
    out: list[list[str]] = [[]]
    for column, role in zip(columns, fixed):
        kept = kind(role) in (OTHER_YEAR, YEAR_CHANGE, TS, LATER, PROPOSAL, PROPOSAL_DIFF) or (whole and role is not None)
        options = [role] if kept else sorted(_candidates(column)) or ([role] if role else [])
        out = [a + [r] for a in out for r in options if r not in a]
    return out


def _text_title_lines(lines: Sequence[str], start: int) -> list[str]:
    """The text lines above a header that title its table, nearest first, back to a line of figures (a
    table above; a scale mark's `1 000 €` is none), at most ``TITLE_LINES_ABOVE``, the short ones only; a line
    going on with the sentence above it is prose, no title (`meur.` after `… noin 10–12` states no scale)."""
    out = []
    for n in range(start - 1, max(start - 1 - TITLE_LINES_ABOVE, 0), -1):
        text = lines[n - 1].strip()
        if carries_figures(text) and scale_of([text])[0] == 1:
            break
        if len(text.split()) <= TITLE_WORDS and not _continues(lines, n):
            out.append(text)
    return out


def _percent_tail(columns: list[str]) -> list[str]:
    """The roles of the header's last columns that are percents (`Tot.%`, `Muutos %`): the text reader
    takes them off each row's end, where a decimal with a comma is no amount's (amounts are whole)."""
    tail: list[str] = []
    for column in reversed(columns):
        role = role_of(column)
        if role not in (PCT, CHANGE_PCT) or _candidates(column):
            break
        tail.insert(0, role if role not in tail else f"{role} {tail.count(role) + 1}")
    return tail


def _percents_between(columns: list[str]) -> dict[int, str]:
    """The header's percent columns by their place where one stands between money columns (`Talousarvio € |
    Toteuma € | Toteuma % | TP 2023 | Muutos € | Muutos %`), a second of a kind numbered; {} where all stand
    at its end (``_percent_tail``)."""
    out: dict[int, str] = {}
    for j, column in enumerate(columns):
        role = role_of(column)
        if role in (PCT, CHANGE_PCT) and not _candidates(column):
            seen = sum(kind(r) == role for r in out.values())
            out[j] = f"{role} {seen + 1}" if seen else role
    return out if len(out) > len(_percent_tail(columns)) else {}


#: a percent printed among a row's figures: a decimal and its sign (`124,0 %`, `-2,5%`)
_PERCENT_CELL_RE = re.compile(r"(?<!\S)([-−]?[0-9]+,[0-9]+)\s?%(?!\S)")


def _percents_out(text: str, roles: list[str]) -> tuple[str, dict[str, str]]:
    """A row's text without the percents printed among its figures (each `124,0 %`, a decimal and its sign),
    and those percents by role in order; the text as it is where it prints not exactly as many."""
    found = list(_PERCENT_CELL_RE.finditer(text))
    if len(found) != len(roles):
        return text, {}
    rest = " ".join(_PERCENT_CELL_RE.sub(" ", text).split())
    return rest, dict(zip(roles, (m.group(1) for m in found)))


def _without_percents(text: str, tail: list[str]) -> tuple[str, dict[str, str]]:
    """A row's text without its trailing percents (each `104,3`, `104,3%` or `104,3 %`), and those
    percents by role; the text as it is where it does not end in exactly as many."""
    if not tail:
        return text, {}
    m = re.fullmatch(r"(?P<rest>.*?)" + r"\s+([-−]?[0-9]+,[0-9]+)\s?%?" * len(tail), text)
    if m is None:
        return text, {}
    return m["rest"], dict(zip(tail, m.groups()[1:]))


def _in_header_order(money: list[str | None], between: dict[int, str], tail: list[str]) -> list[str | None]:
    """The money columns' roles with the percents' where the header prints them: between them, or at the end."""
    if not between:
        return [*money, *tail]
    rest = iter(money)
    return [between[j] if j in between else next(rest) for j in range(len(money) + len(between))]


def _text_table(lines: Sequence[str], region: list[int], title: str, columns: list[str],
                earlier: Sequence[Table] = (), scale: tuple[int, str] | None = None,
                year: int | None = None, whole: bool = False) -> tuple[Table, list[Listed]]:
    """The table under a text header: the assignment of roles most rows settle under (a tie is listed); rows
    the arithmetic leaves open settled by a total below them or, for an erittely, by ``earlier`` tables.
    Its scale and part are what the header or the title lines above it say; percent columns at its end
    are read off each row's end (checked or listed, never money)."""
    between = _percents_between(columns)
    tail = list(between.values()) if between else _percent_tail(columns)
    money = [c for j, c in enumerate(columns) if j not in between] if between else columns[: len(columns) - len(tail)]
    stripped = {n: (_percents_out if between else _without_percents)(_sign_joined(lines[n - 1]), tail)
                for n in region[1:]}
    rows = [(n, m["label"].strip(), tuple(m["groups"].split())) for n in region[1:]
            if (m := _GROUPS_RE.fullmatch(stripped[n][0])) and m["label"].strip()]
    rows = _dash_empty(rows, list(_text_roles(money, year, whole)), lines, stripped,
                       lambda text: (_percents_out if between else _without_percents)(text, tail))
    best: list[tuple[int, list[str], dict]] = []
    agreed: dict[tuple[str, ...], dict[int, tuple[dict[str, int], dict[str, Reason]]]] = {}
    tested: dict[tuple[str, ...], int] = {}
    for roles in _text_roles(money, year, whole):
        settled = {n: fit for n, _label, groups in rows
                   if (fit := _settle_text(groups, roles, stripped[n][1], _signs_above(lines, n))) is not None}
        agreed[tuple(roles)] = _agreed_rows(rows, settled, roles, lines)
        tested[tuple(roles)] = sum(_fits(cells, set(roles)) for cells in settled.values())
        best.append((len(settled) + len(agreed[tuple(roles)]), roles, settled))
    best.sort(key=lambda b: -b[0])
    best = _as_worded(_most_tested(best, tested), money)
    titles = _text_title_lines(lines, region[0])
    scale, scale_words = scale or scale_of([text for text in [lines[region[0] - 1], *titles] if statement(text)])
    table = Table(title=title, page=0, header_lines=[region[0]], edges=[], words=columns, header_name=title,
                  from_text=True,
                  roles=_in_header_order(best[0][1] if best else [None] * len(money), between, tail),
                  scale=scale, scale_words=scale_words,
                  part=_part(title) or next((found for text in titles if (found := _part(text))), None))
    listed: list[Listed] = []
    if not best or best[0][0] == 0 or (len(best) > 1 and best[1][0] == best[0][0]):
        table.why = Reason("layout.text_roles")
        listed += [Listed(n, lines[n - 1].strip(), table.why) for n, _l, _g in rows]
        return table, listed
    numbered, doubt, reread = _numbered_labels(rows, best[0][1], lines)
    for n, (label, groups) in numbered.items():
        rows = [(n, label, groups) if row[0] == n else row for row in rows]
        best[0][2].pop(n, None)
        agreed[tuple(best[0][1])].pop(n, None)
        if (fit := _settle_text(groups, best[0][1], stripped[n][1], _signs_above(lines, n))) is not None:
            best[0][2][n] = fit
    for n in doubt:  # only its block's total reads it, with either label; no other rule sees its figures
        best[0][2].pop(n, None)
        agreed[tuple(best[0][1])].pop(n, None)
    plain = [(n, label, () if n in doubt else groups) for n, label, groups in rows]
    left: dict[int, list[dict[str, int]]] = {}
    narrowed = _by_printing(plain, best[0][2], best[0][1], lines)
    settled = best[0][2] | {n: found[0] for n, found in narrowed.items() if len(found) == 1}
    settled |= _by_statement(plain, settled, best[0][1], lines, earlier, scale)
    settled |= _by_totals(rows, settled, best[0][1], left, {n: g for n, (_l, g) in (doubt | reread).items()})
    for n, form in (doubt | reread).items():
        if n in settled and settled[n].pop(_NUMBERED, 0):
            rows = [(n, *form) if row[0] == n else row for row in rows]
    named = {n for n in doubt if settled.get(n) == {}}  # its number ends its label, and it prints no figure
    rows = [row for row in rows if row[0] not in named]
    settled |= _by_parent(plain, settled, best[0][1], earlier, lines)
    settled |= _by_derived(plain, settled, best[0][1])
    labels = {n: label for n, label, _groups in rows}
    placed = {n: found for n, found in agreed[tuple(best[0][1])].items() if n not in settled}
    placed |= {n: found[0] for n, readings in [*narrowed.items(), *left.items()] if n not in settled
               and n not in placed and (found := _agreed([[r] for r in readings], [best[0][1]])) is not None
               and found[0][1]}
    settled |= {n: values for n, (values, _open) in placed.items()}
    headings: list[tuple[int, str]] = []
    taken = {n for n, _l, _g in rows}
    for n in region[1:]:
        text = lines[n - 1].strip()
        if n not in taken:
            if n in named:
                headings.append((n, text))
            elif carries_figures(text) or stripped[n][1]:
                listed.append(Listed(n, text, Reason("layout.no_row")))
            elif text and not _SIGNS_RE.fullmatch(text):  # a row's signs set apart are no heading
                headings.append((n, text))
            continue
        label = labels[n]
        if n not in settled:
            listed.append(Listed(n, text, Reason("layout.text_label_number", number=doubt[n][0].rsplit(" ", 1)[1])
                                 if doubt.get(n, ((), ()))[1] else Reason("layout.text_columns")))
            if not _zeros(_GROUPS_RE.fullmatch(stripped[n][0])["groups"].split()):
                table.unread_rows.add(n)  # a row of zeros adds nothing to a total, whichever its columns
            continue
        if headings and headings[-1][0] == n - 1 and label[:1].islower():
            label = _join_label(headings.pop()[1], label)
        label = _TRAILING_SIGN_RE.sub("", label)
        to_cent = "," in _GROUPS_RE.fullmatch(stripped[n][0])["groups"]
        cells = {role: LayoutCell(n, label, role, _raw(value, to_cent), value) for role, value in settled[n].items()}
        cells |= {role: LayoutCell(n, label, role, raw, cents(raw.replace("−", "-")) or 0)
                  for role, raw in stripped[n][1].items()}
        table.rows.append(Row(n, label, cells, tuple(headings)))
        table.rows[-1].listed_cells |= placed[n][1] if n in placed else {}
        listed += [Listed(n, text, why, role) for role, why in table.rows[-1].listed_cells.items()]
    _without_markers(table)
    _meaning(table)
    _confirm(table, listed)
    return table, listed


def _text_side_by_side(lines: Sequence[str], region: list[int], title: str, groups: list[list[str]],
                       scale: tuple[int, str] | None = None, year: int | None = None,
                       earlier: Sequence[Table] = (), whole: bool = False) -> tuple[list[Table], list[Listed]]:
    """Tables side by side in text (määrärahat | tuloarviot): each row's digit groups read only where one
    split into the tables' columns fits both tables' arithmetic best, or where of several one alone is what an
    earlier table states for the same label (``_stated_beside``); the line above names each table
    (by the chart: Määrärahat, Tuloarviot); the header and the title lines above it (``_text_title_lines``,
    as a single table's) the scale and the part."""
    roles = [_text_roles(group, year, whole) for group in groups]
    above = [lines[n - 1] for n in (region[0] - 1,) if n >= 1]
    titles = _text_title_lines(lines, region[0])
    scale, scale_words = scale or scale_of([text for text in [lines[region[0] - 1], *titles] if statement(text)])
    part = _part(title) or next((found for text in titles if (found := _part(text))), None)
    named = [w for text in above for w in text.split() if _side(accounts.CHART.lookup(w))]
    rows = [(n, m["label"].strip(), tuple(m["groups"].split())) for n in region[1:]
            if (m := _GROUPS_RE.fullmatch(lines[n - 1].strip())) and m["label"].strip()]
    markers = _markers([label for _n, label, _g in rows])
    tables = [Table(title=" ".join([title, *markers, named[i] if len(named) == len(groups) else ""]).strip(),
                    page=0, header_lines=[region[0]], edges=[], words=group, from_text=True,
                    roles=r[0] if len(r) == 1 else [None] * len(group), scale=scale, scale_words=scale_words,
                    part=part, side=_side(accounts.CHART.lookup(named[i])) if len(named) == len(groups) else None)
              for i, (group, r) in enumerate(zip(groups, roles))]
    listed: list[Listed] = []
    if any(len(r) != 1 for r in roles):
        why = Reason("layout.text_roles")
        return [], [Listed(n, lines[n - 1].strip(), why) for n, _l, _g in rows]
    taken = {n for n, _l, _g in rows}
    headings: list[tuple[int, str]] = []
    for n in region[1:]:
        text = lines[n - 1].strip()
        if n not in taken:
            if carries_figures(text):
                listed.append(Listed(n, text, Reason("layout.no_row")))
            elif text:
                headings.append((n, text))
            continue
        m = _GROUPS_RE.fullmatch(text)
        label = m["label"].strip()
        readings = _side_by_side_readings(tuple(m["groups"].split()), [t.roles for t in tables], [t.side for t in tables],
                                          _side(accounts.CHART.lookup(_TRAILING_MARK_RE.sub("", label))))
        agreed = _agreed(readings, [t.roles for t in tables])
        if agreed is None and len(stated := [r for r in readings if _stated_beside(r, tables, label, earlier)]) == 1:
            agreed = _agreed(stated, [t.roles for t in tables])
        if agreed is None:
            listed.append(Listed(n, text, Reason("layout.text_columns")))
            for table in tables:
                table.unread_rows.add(n)
            continue
        if headings and headings[-1][0] == n - 1 and label[:1].islower():
            label = _join_label(headings.pop()[1], label)
        for table, (values, open_) in zip(tables, agreed):
            if values:
                row = Row(n, label, {role: LayoutCell(n, label, role, _raw(v, "," in m["groups"]), v)
                                     for role, v in values.items()}, tuple(headings))
                row.listed_cells |= open_
                listed += [Listed(n, text, why, role) for role, why in open_.items()]
                table.rows.append(row)
    for table in tables:
        _meaning(table)
        _confirm(table, listed)
    return tables, listed


def _stated_beside(reading: list[dict[str, int]], tables: list[Table], label: str, earlier: Sequence[Table]) -> bool:
    """Whether each side a reading of a side-by-side row puts figures on is what an earlier table of that side
    states for the same label (`Puistorakentaminen B 490 490 471 19` after the investointiosa's `Puistorakentaminen
    490 000 … 471 …` among its costs): its TA, TA+MUUTOS and TOTEUMA there, two of them at least, the same in size
    to the rounding of the coarser scale (a cell the reading leaves empty is 0); a table's side is its own, or its
    row's."""
    name = _fold(_TRAILING_MARK_RE.sub("", label))
    for cells, table in zip(reading, tables):
        if cells and not any(_fold(r.label) == name and not r.failed and (t.side or r.side) == table.side
                             and _stated_alike(cells, table.scale, r, t.scale)
                             for t in earlier if t.confirmed for r in t.rows):
            return False
    return any(reading) and all(t.side for t, cells in zip(tables, reading) if cells)


def _stated_alike(cells: dict[str, int], scale: int, row: Row, row_scale: int) -> bool:
    """Whether ``cells`` (at ``scale``) are ``row``'s TA, TA+MUUTOS and TOTEUMA, two of them at least, in size, each
    to the rounding of the coarser of the two scales (an empty cell 0)."""
    shared = [role for role in (TA, TA_MUUTOS, TOTEUMA) if role in row.cells]
    rounding = max(scale, row_scale) * 100 // 2
    return len(shared) >= 2 and all(abs(abs(cells.get(role, 0)) * scale - abs(row.cells[role].value) * row_scale)
                                    <= rounding for role in shared)


def _sign_joined(text: str) -> str:
    """A row's text with a minus sign the reader set apart from its figure joined to it (`4 327 - 179`:
    −179, as printed), where it stands between two figures."""
    return re.sub(r"(?<=[0-9]) ([-−]) (?=[0-9])", r" \1", text.strip())


def _agreed_rows(rows: list[tuple[int, str, tuple[str, ...]]], settled: dict[int, dict[str, int]], roles: list[str],
                 lines: Sequence[str]) -> dict[int, tuple[dict[str, int], dict[str, Reason]]]:
    """Rows nothing settled whose fitting readings differ only in which column one figure stands (`Verotulot
    31 902 31 902 33 595 1 693`: an empty TA or an empty MUUTOS): what they agree on, and that figure listed
    (``_agreed``), as a summary's rows are read."""
    out = {}
    for n, _label, groups in rows:
        if n in settled or not (found := _readings(groups, roles, _signs_above(lines, n))):
            continue
        agreed = _agreed([[reading] for reading in found], [roles])
        if agreed is not None and agreed[0][1]:
            out[n] = agreed[0]
    return out


def _markers(labels: list[str]) -> list[str]:
    """A marker most rows print after their label (`B`: sitova bruttomääräraha), which the header explains."""
    last = [label.split()[-1] for label in labels if len(label.split()) > 1]
    counts = {w: last.count(w) for w in set(last) if len(w) <= 2 and w.isupper()}
    return [w for w, k in counts.items() if k * 2 >= len(labels)]


def _agreed(readings: list[list[dict[str, int]]], roles: list[list[str]]
            ) -> list[tuple[dict[str, int], dict[str, Reason]]] | None:
    """Per table, the cells a row's best readings (``_side_by_side_readings``) give: the one reading's; where
    several fit alike and differ only in which column one figure stands in, an empty cell beside it (`606 606`:
    TA and TA+MUUTOS, or MUUTOS and TA+MUUTOS), the cells they all agree on, and that figure kept under the
    first of its columns but listed (``Row.listed_cells``); else None."""
    if not readings:
        return None
    out = []
    for k, order in enumerate(roles):
        sides = [reading[k] for reading in readings]
        common = {role: v for role, v in sides[0].items() if all(s.get(role) == v for s in sides)}
        rests = [{role: v for role, v in s.items() if role not in common} for s in sides]
        values = {v for rest in rests for v in rest.values()}
        if any(len(rest) > 1 for rest in rests) or len(values) > 1 or (values and not all(rests)):
            return None
        if not values:
            out.append((common, {}))
            continue
        places = sorted({role for rest in rests for role in rest}, key=order.index)
        value = values.pop()
        why = Reason("layout.text_place", roles=" / ".join(places), value=_raw(value))
        out.append(({**common, places[0]: value}, {places[0]: why}))
    return out


def _side_by_side_readings(groups: tuple[str, ...], roles: list[list[str]], sides: list[str | None],
                           side: str | None) -> list[list[dict[str, int]]]:
    """The readings of a row's digit groups into the side-by-side tables' columns that fit their arithmetic
    best: each table's cells must test at least one relation, or be none; [] if none. Where the same figures
    fit either table whole, the row's account (Verotulot: revenue) says which."""
    width = sum(len(r) for r in roles)
    fits: dict[int, list[list[dict[str, int]]]] = {}
    for count in range(min(width, len(groups)), 0, -1):
        for values in _values(groups, count):
            for cut in range(count + 1):
                halves = (values[:cut], values[cut:])
                if len(halves[0]) > len(roles[0]) or len(halves[1]) > len(roles[1]):
                    continue
                for placed in _placements(halves, roles):
                    tested = [_fits(cells, set(r)) if cells else 0 for cells, r in zip(placed, roles)]
                    if all(t or not cells for t, cells in zip(tested, placed)):
                        fits.setdefault(sum(tested), []).append(placed)
    best = fits.get(max(fits, default=0), [])
    if len(best) > 1 and side is not None:  # a row printing both sides (Maa- ja vesialueet: costs and sales) keeps both
        best = [b for b in best if not any(cells and s is not None and s != side for cells, s in zip(b, sides))] or best
    return best if max(fits, default=0) > 0 else []


def _placements(halves: tuple[list[int], list[int]], roles: list[list[str]]) -> Iterator[list[dict[str, int]]]:
    """Every placement of the two tables' values in their columns, in order."""
    from itertools import combinations

    for left in combinations(range(len(roles[0])), len(halves[0])):
        for right in combinations(range(len(roles[1])), len(halves[1])):
            yield [{roles[0][p]: v for p, v in zip(left, halves[0])}, {roles[1][p]: v for p, v in zip(right, halves[1])}]


def _raw(cents: int, to_cent: bool = False) -> str:
    """A cell's figure as a book prints it: euros grouped by spaces, and its cents where its row prints them."""
    euros, rest = divmod(abs(cents), 100)
    return ("-" if cents < 0 else "") + f"{euros:,}".replace(",", " ") + (f",{rest:02d}" if to_cent or rest else "")


#: the most digit groups one figure prints (999 999 999 999 €, a thousand times any city's budget): a row of more
#: than its columns could hold is no row of figures to split (and splitting it every way would take minutes), and
#: a label's number run into the figures after it (`Hanke vaihe 1 1 1 101 000 100 999`) reads as no figure
FIGURE_GROUPS_AT_MOST = 4
#: a figure of more digit groups is no money a book prints (`-1 000 100 000 101 000`: two figures run together)
_FIGURE_AT_MOST = 1000 ** FIGURE_GROUPS_AT_MOST


def _values(groups: tuple[str, ...], count: int) -> list[list[int]]:
    """Every reading of a text row's digit groups as ``count`` figures, in cents: where the row prints cents,
    each figure ends at its cents (`6 228 970,00 0,00`), the one reading there is; else every split of the
    groups (``splitter.splits``: the thousands separator and the column gap are one space)."""
    from ledger.books.splitter import splits

    if len(groups) > count * FIGURE_GROUPS_AT_MOST:
        return []
    if not any("," in g for g in groups):
        return [[v * 100 for v in found] for found in splits(groups, count)
                if all(abs(v) < _FIGURE_AT_MOST for v in found)]
    values, run = [], []
    for group in groups:
        run.append(group)
        if "," in group:
            values.append(_cents_of(run))
            run = []
    if run or None in values or len(values) != count:
        return []
    return [values]


def _mixed_values(groups: tuple[str, ...], count: int) -> list[list[int]]:
    """Every reading of a row as ``count`` figures where the budget's columns print whole euros and the
    actuals print cents (`4 780 470 4 780 470 9 551 587,40 4 771 117,40`): a cents group ends a figure, and
    the groups before it since the last such end are whole figures and that one, split every way; whole
    figures may follow the last. Only the row's arithmetic may pick one (``_readings``)."""
    if len(groups) > count * FIGURE_GROUPS_AT_MOST:
        return []
    runs, run = [], []
    for group in groups:
        run.append(group)
        if "," in group:
            runs.append(run)
            run = []
    runs += [run] if run else []
    out: list[list[int]] = []

    def walk(i: int, left: int, read: list[int]) -> None:
        if i == len(runs):
            out.extend([read] if left == 0 else [])
            return
        for k in range(1, left - (len(runs) - i - 1) + 1):  # each later run reads as one figure at least
            for part in _run_readings(runs[i], k):
                walk(i + 1, left - k, read + part)

    walk(0, count, [])
    return out


def flagged_values(groups: tuple[str, ...], count: int) -> list[list[tuple[int, bool]]]:
    """The readings of a row's digit groups as ``count`` figures (``_values``, else ``_mixed_values``), each
    figure with whether it prints cents: where the budget's columns print whole euros and the actuals cents, a
    cents group ends a figure and the figures before it since the last such end are whole."""
    if not any("," in g for g in groups):
        return [[(v, False) for v in found] for found in _values(groups, count)]
    if found := _values(groups, count):
        return [[(v, True) for v in values] for values in found]
    runs: list[list[str]] = [[]]
    for group in groups:
        runs[-1].append(group)
        if "," in group:
            runs.append([])
    runs = [run for run in runs if run]
    out: list[list[tuple[int, bool]]] = []

    def walk(i: int, left: int, read: list[tuple[int, bool]]) -> None:
        if i == len(runs):
            out.extend([read] if left == 0 else [])
            return
        cents = "," in runs[i][-1]
        for k in range(1, left - (len(runs) - i - 1) + 1):
            for part in _run_readings(runs[i], k):
                walk(i + 1, left - k, read + [(v, cents and j == k - 1) for j, v in enumerate(part)])

    if len(groups) <= count * FIGURE_GROUPS_AT_MOST:
        walk(0, count, [])
    return out


#: how many rows must print a column alike before that tells another row's reading
PRINTED_ALIKE_AT_LEAST = 3


def _by_printing(rows: list[tuple[int, str, tuple[str, ...]]], settled: dict[int, dict[str, int]],
                 roles: list[str], lines: Sequence[str]) -> dict[int, list[dict[str, int]]]:
    """Open rows' readings narrowed by how the table prints each column: where the rows print a column's figures
    all to the cent or all in whole euros (``PRINTED_ALIKE_AT_LEAST`` rows whose every reading says so: budgets
    in whole euros beside actuals to the cent), the readings of a row that print each column so (`Lyhytaikaisten
    lainojen muutos 0 -4 567 075,00 -4 567 075,00`: not TA 0 and a change to the cent). Only rows it narrows."""
    readings = {n: [settled[n]] if n in settled else _readings(groups, roles, _signs_above(lines, n))
                for n, _label, groups in rows}
    groups_of = {n: groups for n, _label, groups in rows}
    seen: dict[str, list[bool]] = {}
    for n, found in readings.items():
        flags = [dict(zip(cells, _cents_printed(groups_of[n], list(cells.values())) or ())) for cells in found]
        for role in roles:
            said = {f.get(role) for f in flags}
            if found and len(said) == 1 and None not in said:
                seen.setdefault(role, []).append(said.pop())
    alike = {role: flags[0] for role, flags in seen.items()
             if len(flags) >= PRINTED_ALIKE_AT_LEAST and len(set(flags)) == 1}
    out = {}
    for n, found in readings.items():
        if n in settled or len(found) < 2 or not any("," in g for g in groups_of[n]):
            continue
        kept = [cells for cells in found if (flags := _cents_printed(groups_of[n], list(cells.values()))) is not None
                and all(alike.get(role, flag) == flag for role, flag in zip(cells, flags))]
        if kept and len(kept) < len(found):
            out[n] = kept
    return out


def _cents_printed(groups: tuple[str, ...], values: list[int]) -> list[bool] | None:
    """Which of a reading's figures (in the columns' order) the row prints to the cent; None where no split of
    its groups gives them."""
    for flagged in flagged_values(groups, len(values)):
        if [abs(v) for v, _cents in flagged] == [abs(v) for v in values]:
            return [cents for _v, cents in flagged]
    return None


def _run_readings(run: list[str], k: int) -> list[list[int]]:
    """The readings of one run of ``_mixed_values`` as ``k`` figures: whole euros, the last with the cents the
    run ends at (if it ends at cents)."""
    from ledger.books.splitter import splits

    cents_group = _CENTS_GROUP_RE.fullmatch(run[-1])
    if cents_group is None:
        return [[v * 100 for v in found] for found in splits(run, k)]
    out = []
    for *whole, last in splits([*run[:-1], cents_group["euros"]], k):
        sign = -1 if last < 0 or (last == 0 and cents_group["euros"][:1] in "-−") else 1
        out.append([v * 100 for v in whole] + [last * 100 + sign * int(cents_group["cents"])])
    return out


def _cents_of(run: list[str]) -> int | None:
    """The cents of a figure printed as digit groups, the last with its cents (`1 358 430,00`); None where the
    groups are no figure (a later group of other than three digits, a sign inside it)."""
    *head, last = run
    found = _CENTS_GROUP_RE.fullmatch(last)
    if found is None:
        return None
    groups = [*head, found["euros"]]
    first = r"[-−]?(?:[1-9][0-9]{0,2}|0)" if len(groups) > 1 else r"[-−]?[0-9]{1,3}"  # `0 885 301,00` is two
    if not re.fullmatch(first, groups[0]) or (len(groups) > 1 and groups[0].lstrip("-−") == "0") or \
            any(len(g) != 3 or not g.isdigit() for g in groups[1:]):
        return None
    sign = -1 if groups[0][0] in "-−" else 1
    return sign * (int("".join(g.lstrip("-−") for g in groups)) * 100 + int(found["cents"]))


def _as_worded(best: list[tuple[int, list[str], dict]], columns: list[str]) -> list[tuple[int, list[str], dict]]:
    """Of assignments of roles that settle as many rows and relate no column to another (nothing but the words
    tells `TA 2025` from `TA-muutokset 2025` there), the one giving each column the role its whole words name
    (``role_of``), where one does; else as they are (a tie: the table is listed)."""
    tied = [b for b in best if best and b[0] == best[0][0]]
    if len(tied) < 2 or any(_related(b[1]) for b in tied):
        return best
    open_ = [j for j in range(len(columns)) if len({b[1][j] for b in tied}) > 1]
    worded = [b for b in tied if all(b[1][j] == role_of(columns[j]) for j in open_)]
    return worded + [b for b in best if b[0] < best[0][0]] if len(worded) == 1 else best


def _most_tested(best: list[tuple[int, list[str], dict]], tested: dict[tuple[str, ...], int]
                 ) -> list[tuple[int, list[str], dict]]:
    """Of assignments that settle as many rows, the one whose rows' arithmetic tests the most relations, where
    one does: a project list's `Talous-` read as TA+MUUTOS has each row's poikkeama checked against it, read as
    MUUTOS or TA nothing; the others are dropped, not left to tie."""
    tied = [b for b in best if b[0] == best[0][0]] if best else []
    most = max((tested[tuple(b[1])] for b in tied), default=0)
    top = [b for b in tied if tested[tuple(b[1])] == most]
    return [top[0], *(b for b in best if b[0] < best[0][0])] if len(top) == 1 and len(tied) > 1 else best


def _settle_text(groups: tuple[str, ...], roles: list[str], percents: dict[str, str] | None = None,
                 signs: int = 0) -> dict[str, int] | None:
    """A text row's cells: as the arithmetic settles them (the one reading ``_readings`` leaves), or in a table
    whose columns relate in no way (a talousarvio book's `TP 2023 TA 2024 Raami 2025 TA 2025`) where its groups
    read only one way at all, a figure in every column (`26 182 60 000 20 000 20 000`), or one way its printed
    toteuma-% holds (``_by_percent``); a row that also reads as fewer figures (an empty cell) is left open.
    Its table is then confirmed by its derived lines or its totals, as from a PDF. ``percents``: the row's
    printed percents by role, which settle readings the arithmetic leaves several (``_percents_hold``);
    ``signs``: minus signs the text put on the line above (``_signs_above``), read only where the arithmetic
    places them."""
    percents = percents or {}
    if _related(roles):
        best = _readings(groups, roles, signs)
        best = [cells for cells in best if _percents_hold(cells, percents if len(best) > 1 else _toteuma_pct(percents))]
        return best[0] if len(best) == 1 else None
    if signs:
        return None
    readings = [values for count in range(1, len(roles) + 1) for values in _values(groups, count)]
    if len(readings) == 1 and len(readings[0]) == len(roles):
        return dict(zip(roles, readings[0]))
    return _by_percent(readings, roles, percents.get(PCT))


def _toteuma_pct(percents: dict[str, str]) -> dict[str, str]:
    """A row's printed toteuma-%, which any reading of its figures must give (a text line's one reading may join
    the figure of a column the header lost to its toteuma: `-2 040 774` for `-2 040 | 774`); a change's % from
    another year only chooses among readings (that year's column may print another scale)."""
    return {PCT: percents[PCT]} if PCT in percents else {}


def _percents_hold(cells: dict[str, int], percents: dict[str, str]) -> bool:
    """Whether a reading's figures give the percents the row prints, each to its last digit where the reading
    has the figures it is of: Toteuma-% of TOTEUMA to TA+MUUTOS (or TA), a change's % of YEAR-CHANGE to
    OTHER-YEAR (``_change_percent``)."""
    for role, raw in percents.items():
        printed = cents(raw.replace("−", "-"))
        unit = 10 ** (2 - len(raw.partition(",")[2])) if "," in raw else 100
        base = TA_MUUTOS if TA_MUUTOS in cells else TA
        if role == PCT and cells.get(base) and TOTEUMA in cells and printed is not None and \
                abs(cells[TOTEUMA] * 10_000 / cells[base] - printed) > unit:
            return False
        if role == CHANGE_PCT and cells.get(OTHER_YEAR) and TOTEUMA in cells and printed is not None and \
                _change_percent(printed, cells[TOTEUMA], cells[OTHER_YEAR], unit) is None:
            return False
    return True


def _by_percent(readings: list[list[int]], roles: list[str], percent: str | None) -> dict[str, int] | None:
    """The one reading of a `TA | TP | Tot. %` row (its budget and its actual alone) whose actual is the printed
    percent of its budget, to the percent's last digit (`464 250 463 437 99,8 %`: 464 250 and 463 437, not 464
    and 250 463 437); None where the percent is zero (an empty cell may stand beside it) or not one fits."""
    base = TA_MUUTOS if TA_MUUTOS in roles else TA
    if not percent or not cents(percent.replace("−", "-")) or sorted(roles) != sorted((base, TOTEUMA)):
        return None
    fitting = [cells for values in readings if len(values) == 2 for cells in [dict(zip(roles, values))]
               if cells[base] and _percents_hold(cells, {PCT: percent})]
    return fitting[0] if len(fitting) == 1 else None


def _related(roles: list[str]) -> bool:
    """Whether some columns relate, as ``_fits`` tests: TA + MUUTOS = TA+MUUTOS, POIKKEAMA from TOTEUMA, the
    change from another year's TOTEUMA, use so far from use before, or the difference to the frame."""
    return any(relation <= set(roles) for relation in _RELATIONS)


#: the columns of each relation ``_fits`` tests within a row
_RELATIONS = ({TA, MUUTOS, TA_MUUTOS}, {TA_MUUTOS, TOTEUMA, POIKKEAMA}, {TOTEUMA, OTHER_YEAR, YEAR_CHANGE},
              {PRIOR, TOTEUMA, CUMULATIVE}, {TA, PROPOSAL, PROPOSAL_DIFF})


def _fitting(members: list[tuple[int, tuple[str, ...]]], settled: dict[int, dict[str, int]], total: dict[str, int],
             roles: list[str], numbered: dict[int, tuple[str, ...]], reread: bool = False
             ) -> tuple[dict[int, list[dict[str, int]]], dict[tuple, tuple[dict[str, int], ...]]]:
    """A block's open rows' readings (a row of ``numbered`` both ways; ``reread``: also where settled) and the
    combinations of them whose every column sums, with the settled rows, to ``total``; none where a row has no
    reading or the combinations are too many."""
    from itertools import product

    open_ = {m: [{**r, _NUMBERED: 0} for r in _readings(g, roles)] +
             [{**r, _NUMBERED: 1} for r in (_readings(numbered[m], roles) if numbered[m] else [{}])]
             if m in numbered else _readings(g, roles)
             for m, g in members if m not in settled or reread and m in numbered}
    if not open_ or any(not r for r in open_.values()) or prod(len(r) for r in open_.values()) > _COMBINATIONS:
        return open_, {}
    known = [settled[m] for m, _g in members if m in settled and m not in open_]
    return open_, {tuple(tuple(sorted(c.items())) for c in combo): combo for combo in product(*open_.values())
                   if _adds_up_rounded(_sums(known + list(combo)), total, len(members))}


#: at most this many combinations of rows' readings are tried against a stated total
_COMBINATIONS = 4096


def _by_totals(rows: list[tuple[int, str, tuple[str, ...]]], settled: dict[int, dict[str, int]],
               roles: list[str], left: dict[int, list[dict[str, int]]] | None = None,
               numbered: dict[int, tuple[str, ...]] | None = None) -> dict[int, dict[str, int]]:
    """Rows the row arithmetic leaves with several readings (an empty cell shifts a text line's columns:
    `Puistorakentaminen 490 000 490 000 471 261 18 739` has no TA or no MUUTOS), settled by the stated
    total below them (`Menot yhteensä`, read itself): of the combinations of the rows' readings whose every
    column sums to the total's (within the rounding of its parts' euros), a row all of them read the same way
    is settled; ``left`` gets each other row's readings those combinations leave. Rows between two totals are
    its members; a block with a row of no reading settles nothing. A row of ``numbered`` (its groups without the
    number its label may end in) is read both ways, each reading saying which (``_NUMBERED``): open, or
    settled with the number as a figure where the total holds no other way."""
    numbered = numbered or {}
    out: dict[int, dict[str, int]] = {}
    block: list[tuple[int, tuple[str, ...]]] = []
    for n, label, groups in rows:
        if not _TOTAL_RE.match(label):
            block.append((n, groups))
            continue
        members, block = block, []
        if n not in settled:
            continue
        open_, fitting = _fitting(members, settled, settled[n], roles, numbered)
        if not fitting and any(m in numbered and m in settled for m, _g in members) and \
                (open_ or not _adds_up_rounded(_sums([settled[m] for m, _g in members]), settled[n], len(members))):
            open_, fitting = _fitting(members, settled, settled[n], roles, numbered, reread=True)
        for i, m in enumerate(open_):  # a row every fitting combination reads the same way is settled
            found = {key[i]: combo[i] for key, combo in fitting.items()}
            if len(found) == 1:
                out[m] = next(iter(found.values()))
            elif found and left is not None and m not in numbered:
                left[m] = list(found.values())
    return out


def _by_parent(rows: list[tuple[int, str, tuple[str, ...]]], settled: dict[int, dict[str, int]], roles: list[str],
               earlier: Sequence[Table], lines: Sequence[str] = ()) -> dict[int, dict[str, int]]:
    """An erittely's open rows (VEROTULOJEN ERITTELY: `Osuus yhteisöveron tuotosta 15 500 000 15 500 000 …`)
    settled by the account they all break down: as the table prints it in a row of its own, settled (`Verotulot
    31 902 31 902 …` over `Kunnan tulovero …`), else as an earlier table states it (`Verotulot` of the
    tuloslaskelmaosa, where the table prints no total): the combinations whose every column sums to that row's
    cells (as printed) decide, as ``_by_totals``."""
    found = {n: accounts.CHART.lookup(_whole_label(lines, n, label)) for n, label, _g in rows}
    own = [n for n, account in found.items() if account is not None and account in {
        accounts.CHART.accounts[a].parent for a in found.values() if a in accounts.CHART.accounts}]
    parts = [(n, label, g) for n, label, g in rows if n not in own]
    parents = {accounts.CHART.accounts[found[n]].parent if found[n] in accounts.CHART.accounts else None
               for n, _l, _g in parts}
    parent = parents.pop() if len(parents) == 1 else None
    if len(own) == 1 and found[own[0]] == parent and own[0] in settled:
        total = settled[own[0]]
    elif own or any(_TOTAL_RE.match(label) for _n, label, _g in rows):
        return {}
    else:
        stated = next((r for t in reversed(earlier) if t.confirmed for r in t.rows
                       if r.account == parent and not r.failed and r.cells), None) if parent else None
        if stated is None:
            return {}
        total = {role: cell.printed for role, cell in stated.cells.items() if role in roles}
    return _by_totals([*parts, (0, "yhteensä", ())], {**settled, 0: total}, roles)


#: a number a label may end in (`Hanke vaihe 2`): one or two digits, no leading zero
_LABEL_NUMBER_RE = re.compile(r"[1-9][0-9]?")
#: a reading's key for whether it reads the row's first digit group into its label (1) or as a figure (0)
_NUMBERED = "label number"


#: a dash standing alone between two figures: a minus set apart from the figure after it, or an empty cell
_LONE_DASH_RE = re.compile(r"(?<=[0-9]) [-−] (?=[0-9])")


def _dash_empty(rows: list[tuple[int, str, tuple[str, ...]]], roles: list[list[str]], lines: Sequence[str],
                stripped: dict[int, tuple[str, dict[str, str]]], strip) -> list[tuple[int, str, tuple[str, ...]]]:
    """Rows printing a dash alone between figures (`Toimintatuotot 1 000 - 1 000 1 200 200`) that no reading under
    any of the table's ``roles`` reads with the dash as the next figure's minus, read with that one dash as an
    empty cell where some reading then holds and with no other dash so (the others stay minus signs; ``stripped``
    takes that line's text); a dash the arithmetic reads as a minus stays one. ``strip``: how the table takes
    its percents off a line."""
    out = []
    for n, label, groups in rows:
        text = lines[n - 1].strip()
        if not _LONE_DASH_RE.search(text) or any(_readings(groups, r) for r in roles):
            out.append((n, label, groups))
            continue
        holding = []
        for dash in _LONE_DASH_RE.finditer(text):
            undashed = strip(_sign_joined(text[:dash.start()] + " " + text[dash.end():]))
            m = _GROUPS_RE.fullmatch(undashed[0])
            found = tuple(m["groups"].split()) if m else ()
            if found and any(_readings(found, r) for r in roles):
                holding.append((undashed, found))
        if len(holding) == 1:
            stripped[n], groups = holding[0]
        out.append((n, label, groups))
    return out


def _numbered_labels(rows: list[tuple[int, str, tuple[str, ...]]], roles: list[str], lines: Sequence[str]
                     ) -> tuple[dict[int, tuple[str, tuple[str, ...]]], ...]:
    """Rows whose first digit group may end their label (`Hanke vaihe 1 1 1 101 100`: phase 1, TA 1, TA+MUUTOS 1,
    TOTEUMA 101, poikkeama 100): a number of one or two digits after a word. Read so where the figures without
    it test more of the table's relations than any reading with it. Where the label names no account of the
    chart (`Toimintatuotot 12 345` is no account 12) and the figures without the number test some relation, a
    total decides: where both test as many (in doubt), or where the reading with the number tests more but its
    block's total holds only without it (``_by_totals``). Each as line -> (the label with the number, the
    groups without it): (those read so, those in doubt, those a total may reread)."""
    out, doubt, reread = {}, {}, {}
    for n, label, groups in rows:
        if not _LABEL_NUMBER_RE.fullmatch(groups[0]) or not label[-1:].isalpha():
            continue
        if len(groups) == 1:  # `Hanke vaihe 1` alone: a heading, or a row of one figure no relation tests
            if _named_apart(label) and not _readings(groups, roles):
                doubt[n] = (f"{label} {groups[0]}", ())
            continue
        signs = _signs_above(lines, n)
        without = _readings(groups[1:], roles, signs)
        most = max((_fits(cells, set(roles)) for cells in _readings(groups, roles, signs)), default=0)
        tested = _fits(without[0], set(roles)) if without else -1
        if tested > most:
            out[n] = (f"{label} {groups[0]}", groups[1:])
        elif tested > 0 and _named_apart(label):
            (doubt if tested == most else reread)[n] = (f"{label} {groups[0]}", groups[1:])
    return out, doubt, reread


def _named_apart(label: str) -> bool:
    """Whether a label could end in a number of its own: not a chart account's, a total's or a wrapped label's
    lower-case end."""
    return not label[:1].islower() and accounts.CHART.lookup(label) is None and not _TOTAL_RE.match(label)


def _whole_label(lines: Sequence[str], n: int, label: str) -> str:
    """A row's label with the line above it where the label wraps there (`Osuus yhteisöveron tuo-` / `tosta`):
    the line above prints no figures and the row's label goes on in lower case."""
    above = lines[n - 2].strip() if 2 <= n <= len(lines) else ""
    return _join_label(above, label) if above and label[:1].islower() and not carries_figures(above) else label


#: the roles whose figures two statements of one account must agree on (to the coarser one's rounding)
_STATED_ROLES = (TA, MUUTOS, TA_MUUTOS, TOTEUMA)


def _by_statement(rows: list[tuple[int, str, tuple[str, ...]]], settled: dict[int, dict[str, int]],
                  roles: list[str], lines: Sequence[str], earlier: Sequence[Table], scale: int
                  ) -> dict[int, dict[str, int]]:
    """Open rows whose readings differ only in which column one figure stands (`Verotulot 31 902 31 902 33 595
    1 693` in 1000 €: TA or MUUTOS), settled by the same account's row in an earlier table (`Verotulot
    31 902 000,00 0,00 31 902 000,00 …`): the one reading each of whose TA, MUUTOS, TA+MUUTOS and TOTEUMA is
    that row's (an empty cell 0) to the rounding of this table's scale, where the earlier row prints them all."""
    out = {}
    for n, label, groups in rows:
        account = accounts.CHART.lookup(_whole_label(lines, n, label))
        if n in settled or account is None or len(found := _readings(groups, roles, _signs_above(lines, n))) < 2:
            continue
        stated = [(t, r) for t in earlier if t.confirmed for r in t.rows
                  if r.account == account and not r.failed and all(role in r.cells for role in _STATED_ROLES)]
        fitting = [cells for cells in found if any(_states(cells, scale, t, r) for t, r in stated)]
        if len(fitting) == 1 and _agreed([[c] for c in found], [roles]) is not None:
            out[n] = fitting[0]
    return out


def _states(cells: dict[str, int], scale: int, table: Table, row: Row) -> bool:
    """Whether a reading's TA, MUUTOS, TA+MUUTOS and TOTEUMA (an empty cell 0) are the row's, in size, each to
    the rounding of the coarser scale."""
    rounding = max(scale, table.scale) * 100 // 2
    return all(abs(abs(cells.get(role, 0)) * scale - abs(row.cells[role].value) * table.scale) <= rounding
               for role in _STATED_ROLES)


def _zeros(groups: list[str]) -> bool:
    """A row that prints only zeros (`Arvonalentumiset 0`): whichever columns they are in, they sum to 0."""
    return bool(groups) and all(g.lstrip("-−") in ("0", "0,00") for g in groups)


def _by_derived(rows: list[tuple[int, str, tuple[str, ...]]], settled: dict[int, dict[str, int]],
                roles: list[str]) -> dict[int, dict[str, int]]:
    """Rows the row arithmetic leaves open (`Poistoeron muutos 33 518 33 518`: TA and TA+MUUTOS, or TOTEUMA and
    POIKKEAMA?) settled by a derived line below them that the chart sums from them (`Tilikauden ali/ylijäämä`
    = TILIKAUDEN TULOS + the varausten ja rahastojen muutokset): the latest row stating each of its terms (a
    derived term by its own terms, an account by its parts where no row states it) are its members, and of
    the combinations of their readings whose every column the line states sums to it (each printed figure
    rounded to the euro), a row all of them read the same way is settled, as ``_by_totals``. Figures are
    summed as printed or, where none sums so, with the expenses' signs turned (a book printing expenses
    positive: `Toimintakate` = tuotot + valmistus − kulut); in a table whose columns relate in no way a row
    is open in every reading that fills each column (``_open_readings``)."""
    from itertools import product

    keys = {n: _account_of(_TRAILING_SIGN_RE.sub("", label)) for n, label, _g in rows}
    groups = {n: g for n, _label, g in rows}
    out: dict[int, dict[str, int]] = {}
    for i, (n, _label, _g) in enumerate(rows):
        derived = accounts.CHART.derived.get(keys[n] or "")
        if derived is None or n not in settled:
            continue
        members = sorted(set(_members(derived.key, [m for m, _l, _x in rows[:i]], keys)))
        known = {**settled, **out}
        open_ = {m: _open_readings(groups[m], roles) for m in members
                 if m not in known and not _zeros(list(groups[m]))}
        if not members or not open_ or any(not r for r in open_.values()) or \
                prod(len(r) for r in open_.values()) > _COMBINATIONS:
            continue
        fitting: list[tuple[dict[str, int], ...]] = []
        for flip in (False, True):  # as printed, or a book's expenses printed positive
            signs = {m: -1 if flip and _side(keys[m]) == KULU else 1 for m in members}
            fixed = [_times(known[m], signs[m]) for m in members if m in known]
            fitting = fitting or [combo for combo in product(*open_.values()) if _adds_up_rounded(
                _sums(fixed + [_times(c, signs[m]) for m, c in zip(open_, combo)]), settled[n], len(members) + 1)]
        for k, m in enumerate(open_):
            if fitting and len({tuple(sorted(combo[k].items())) for combo in fitting}) == 1:
                out[m] = fitting[0][k]
    return out


def _open_readings(groups: tuple[str, ...], roles: list[str]) -> list[dict[str, int]]:
    """A row's readings left for a derived line to settle: those its arithmetic fits best (``_readings``) or,
    where its columns relate in no way (`TP 2023 TA 2024 Raami 2025 TA 2025`), each split that fills every
    column."""
    if _related(roles):
        return _readings(groups, roles)
    return [dict(zip(roles, values)) for values in _values(groups, len(roles))]


def _times(cells: dict[str, int], sign: int) -> dict[str, int]:
    """A row's cells with their signs turned (``sign`` −1) or as they are."""
    return {role: sign * value for role, value in cells.items()}


def _members(key: str, above: list[int], keys: dict[int, str | None]) -> list[int]:
    """The rows above a derived line that state ``key`` or, where none does, its terms or parts: the latest
    row of the key; else a derived key's terms' members; else the account's parts' rows (topmost)."""
    stated = [n for n in above if keys[n] == key]
    if stated:
        return stated[-1:]
    derived = accounts.CHART.derived.get(key)
    if derived is not None:
        return [m for term in derived.terms for m in _members(term, above, keys)]
    parts = [n for n in above if key in accounts.ANCESTORS.get(keys[n] or "", ())[1:]]
    return [n for n in parts if not any(keys[o] in accounts.ANCESTORS.get(keys[n] or "", ())[1:] for o in parts)]


def _adds_up_rounded(sums: dict[str, int], total: dict[str, int], parts: int) -> bool:
    """``_adds_up`` within the rounding of ``parts`` figures each printed to the euro (in cents)."""
    return all(2 * abs(sums.get(role, 0) - value) <= parts * 100 for role, value in total.items())


def _adds_up(sums: dict[str, int], total: dict[str, int]) -> bool:
    """Every column the total prints is its rows' sum (a column no row prints sums to 0)."""
    return all(sums.get(role, 0) == value for role, value in total.items())


def _sums(cells: list[dict[str, int]]) -> dict[str, int]:
    """Each column's sum over the rows that print it (a column no row prints is absent)."""
    out: dict[str, int] = {}
    for row in cells:
        for role, value in row.items():
            out[role] = out.get(role, 0) + value
    return out


def _readings(groups: tuple[str, ...], roles: list[str], signs: int = 0) -> list[dict[str, int]]:
    """Every reading of a row's digit groups into cells of ``roles`` that tests the most relations; with
    ``signs`` minus signs printed apart, each on as many of its figures printed without one."""
    from itertools import combinations

    fits: dict[int, list[dict[str, int]]] = {}
    # figures mixing whole euros and cents only where none fits, a change printed as a size only where neither
    for values_of, sizes in ((_values, False), (_mixed_values, False), (_values, True), (_mixed_values, True)):
        if fits or (values_of is _mixed_values and not any("," in g for g in groups)):
            continue
        for count in range(len(roles), 0, -1):
            for values in (v for found in values_of(groups, count) for v in _signed(found, signs)):
                for places in combinations(range(len(roles)), count):
                    cells = {roles[p]: v for p, v in zip(places, values)}
                    if tested := _fits(cells, set(roles), sizes):
                        fits.setdefault(tested, []).append(cells)
    best = fits.get(max(fits, default=0), [])
    return list({tuple(sorted(cells.items())): cells for cells in best}.values())


def _signed(values: list[int], signs: int) -> Iterator[list[int]]:
    """``values`` with ``signs`` of its positive figures made negative, every way (none: as they are)."""
    from itertools import combinations

    for chosen in combinations([j for j, v in enumerate(values) if v > 0], signs):
        yield [-v if j in chosen else v for j, v in enumerate(values)]


#: a line of minus signs alone: pdfplumber's text of a row whose signs stand higher than its digits
_SIGNS_RE = re.compile(r"(?:[-−]\s*)+")


def _signs_above(lines: Sequence[str], n: int) -> int:
    """How many minus signs the line above line n prints and nothing else (`- - -` over `TOIMINTAKULUT 46 525
    690,00 0,00 46 525 690,00 …`): that row's, set apart by the reader; 0 where that line is anything else."""
    above = lines[n - 2].strip() if n > 1 else ""
    return sum(ch in "-−" for ch in above) if _SIGNS_RE.fullmatch(above) else 0


def _fits(v: dict[str, int], present: set[str], sizes: bool = False) -> int:
    """How many of TA + MUUTOS = TA+MUUTOS, POIKKEAMA = ±(TOTEUMA − TA+MUUTOS), YEAR-CHANGE = TOTEUMA −
    OTHER-YEAR and CUMULATIVE = PRIOR + TOTEUMA (these two to the printed unit) and PROPOSAL-DIFF = ±(TA −
    PROPOSAL) a row tests, each where it has the cells to test it (an empty cell is 0); 0 when it tests none
    or one fails."""
    tested = 0
    if {TA, MUUTOS, TA_MUUTOS} <= present and TA_MUUTOS in v and (TA in v or MUUTOS in v):
        tested += 1
        change = v.get(MUUTOS, 0)
        if sizes and TA in v and MUUTOS in v:  # the change printed as its size, in the direction of its line
            change = abs(change) if v[TA_MUUTOS] >= v[TA] else -abs(change)
        if v.get(TA, 0) + change != v[TA_MUUTOS]:
            return 0
    if {TA_MUUTOS, TOTEUMA, POIKKEAMA} <= present and POIKKEAMA in v and (TOTEUMA in v or TA_MUUTOS in v):
        tested += 1
        if abs(v[POIKKEAMA]) != abs(v.get(TOTEUMA, 0) - v.get(TA_MUUTOS, 0)):
            return 0
    if {TOTEUMA, OTHER_YEAR, YEAR_CHANGE} <= present and YEAR_CHANGE in v and (TOTEUMA in v or OTHER_YEAR in v):
        tested += 1
        unit = 100 if v[YEAR_CHANGE] % 100 == 0 else 1  # two figures rounded to the printed unit: one unit off
        if abs(v[YEAR_CHANGE] - v.get(TOTEUMA, 0) + v.get(OTHER_YEAR, 0)) > unit:
            return 0
    if {PRIOR, TOTEUMA, CUMULATIVE} <= present and CUMULATIVE in v and (PRIOR in v or TOTEUMA in v):
        tested += 1
        unit = 100 if v[CUMULATIVE] % 100 == 0 else 1
        if abs(v[CUMULATIVE] - v.get(PRIOR, 0) - v.get(TOTEUMA, 0)) > unit:
            return 0
    if {TA, PROPOSAL, PROPOSAL_DIFF} <= present and PROPOSAL_DIFF in v and (TA in v or PROPOSAL in v):
        tested += 1
        if abs(v[PROPOSAL_DIFF]) != abs(v.get(TA, 0) - v.get(PROPOSAL, 0)):
            return 0
    return tested


# --- the heading above a table: the unit it belongs to -------------------------------------------------
# A book may print its käyttötalous as one small table per unit, the unit named by a heading above the table
# (`Keskusvaalilautakunta`, then a caption `Talousarvion toteutuminen`, then the table). Which words make a
# line a caption rather than a unit's name is data: ``columns.toml`` ``[headings]``.

#: a heading names its unit in at most this many words; a longer line is prose
HEADING_WORDS = 8
#: a line further than this (in em of its font) from the line above it stands apart from that line
APART_EM = 1.5
#: a section's numbering printed before a heading's name (`2.2.3`, `4.`); a unit's code (`64110000`) stays
_NUMBERING_RE = re.compile(r"^\s*(?:[0-9]+(?:\.[0-9]+)+\.?|[0-9]{1,2}\.)\s+")
#: a unit's code before its name (`64110000 Tarkastuslautakunta`, as ``book.unit_code`` reads it)
_CODE_PREFIX_RE = re.compile(r"^[0-9]{3,10}\s+")
#: a page number as a book prints it at a page's foot (`72/157`, `- 72 -`, `Sivu 72`)
_FOLIO_RE = re.compile(r"^\W*(?:sivu\s+|s\.\s*)?[0-9]+(?:\s*/\s*[0-9]+)?\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class Above:
    """A heading above a table: its line, its text as printed, the unit's name it gives (numbering and a
    `Toimiala:` prefix dropped) and its font size."""

    line: int
    text: str
    name: str
    size: float
    #: the caption printed between it and the table (`talousarvion toteutuminen`, folded), "" where none: a
    #: lautakunta's table captioned, its tulosalueet' not, tells the levels apart
    caption: str = ""

    @property
    def depth(self) -> int:
        """How many numbers its section numbering prints (`3.1` 2, `3.1.2` 3; none 0): a heading's level."""
        found = _NUMBERING_RE.match(self.text)
        return len(re.findall(r"[0-9]+", found[0])) if found else 0


def heading_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(captions, prefixes) of ``columns.toml`` ``[headings]``, case folded."""
    words = _section("headings")
    return words.get("captions", ()), words.get("prefixes", ())


def headings_above(lines: Sequence[TextLine], tables: list[Table]) -> None:
    """Each table's unit heading above it (``heading_above``); a table continued from the page before (its
    header there) keeps the heading of the table it continues."""
    for before, table in zip([None, *tables], tables):
        own = lines[table.header_lines[0] - 1].page == table.page
        table.above = _named_in_header(lines, table) or (
            heading_above(lines, table) if own else (before.above if before is not None else None))


def heading_above(lines: Sequence[TextLine], table: Table) -> Above | None:
    """The nearest line above the table's header, on its page or at the foot of the page before, skipping page
    furniture (a running header, a page number), captions (``columns.toml``) and a line stating only a scale:
    where that line is heading-like (``_heading_like``), the unit's heading; else (prose, a table's row, a
    title naming no unit) None: the table does not say whose it is."""
    body = [c.size for r in table.rows for c in lines[r.line - 1].cells]
    size = sorted(body)[len(body) // 2] if body else 0.0
    caption = ""
    for n in range(table.header_lines[0] - 1, 0, -1):
        line = lines[n - 1]
        if line.page < table.page - 1:
            return None
        if _caption(line.text):
            caption = caption or _cleaned(line.text)
            continue
        if not line.text.strip() or _furniture(lines, n) or _scale_only(line.text):
            continue
        found = _heading_like(lines, n, size)
        return replace(found, caption=caption) if found is not None and caption else found
    return None


def _furniture(lines: Sequence[TextLine], n: int) -> bool:
    """A page number, or a running header: a line printed the same on one of the two pages before."""
    line = lines[n - 1]
    text = line.text.strip()
    return bool(_FOLIO_RE.match(text)) or any(other.text.strip() == text for other in lines
                                              if other.page in (line.page - 1, line.page - 2))


def _cleaned(text: str) -> str:
    """A line's words without numbering, years, scale words and punctuation, case folded."""
    folded = _fold(_NUMBERING_RE.sub("", text))
    folded = _HEADER_YEAR_RE.sub(" ", folded)
    for words in vocabulary()[1].values():
        for word in sorted(words, key=len, reverse=True):
            folded = re.sub(rf"(?<![\w]){re.escape(word)}(?![\w])", " ", folded)
    return " ".join(re.sub(r"[^\w\s-]", " ", folded).split())


def _caption(text: str) -> bool:
    """A generic caption (`Talousarvion toteutuminen`, `Käyttötalous (1 000 €)`): no unit's name."""
    return _cleaned(text) in heading_words()[0]


def _scale_only(text: str) -> bool:
    """A line stating a scale and nothing else (`(1 000 €)`, `euroa`)."""
    return bool(scale_of([text])[1]) and not _cleaned(text)


def _heading_like(lines: Sequence[TextLine], n: int, size: float) -> Above | None:
    """The line as a unit's heading, or None where it is not one: a short line (``HEADING_WORDS``) of words,
    beginning with a capital after its numbering or code, no figures, not ending as a sentence or a lead-in does
    (`.`, `:`, `,`, a hyphen), in a font no smaller than the table's, and standing apart from the line above it
    unless that line ends a sentence or is short itself (no paragraph's last line)."""
    line = lines[n - 1]
    text = " ".join(line.text.split())
    name = _NUMBERING_RE.sub("", text)
    prefix, _colon, rest = name.partition(":")
    if rest.strip() and _fold(prefix) in heading_words()[1]:
        name = rest.strip()
    words = _CODE_PREFIX_RE.sub("", name)
    smallest = min((c.size for c in line.cells), default=0.0)
    if not words or not words[0].isupper() or len(words.split()) > HEADING_WORDS or words[-1] in ".:,;-–" \
            or any(ch.isdigit() for ch in words) or smallest + 0.25 < size:
        return None
    page = takewhile(lambda m: lines[m - 1].page == line.page, range(n - 1, 0, -1))
    above = next((lines[m - 1] for m in page if lines[m - 1].text.strip() and not _furniture(lines, m)), None)
    if above is not None and line.y - above.y <= APART_EM * smallest and \
            len(above.text.split()) > HEADING_WORDS and above.text.rstrip()[-1:] not in ".!?":
        return None
    return Above(n, text, name, smallest)

# --- summaries by unit, the change from another year, tables confirmed by their totals ------------
#: columns a stated total sums (a percent it does not)
_SUMMED = (TA, MUUTOS, TA_MUUTOS, TOTEUMA, POIKKEAMA, OTHER_YEAR, YEAR_CHANGE, PRIOR, CUMULATIVE, ESTIMATE)


@cache
def _section(name: str) -> dict[str, tuple[str, ...]]:
    """A section of ``columns.toml`` (``[year_change]``, ``[summary]``): key -> its words, case folded."""
    with VOCABULARY_FILE.open("rb") as f:
        doc = tomllib.load(f).get(name, {})
    return {key: tuple(_fold(w) for w in words) for key, words in doc.items()}


def _year_changes(words: list[str], roles: list[str | None]) -> list[str | None]:
    """A change column after another year's (`TP 2024 | TP 2023 | Muutos € | Muutos %`) in a table with no
    TA+MUUTOS is the change from that year, never a TA-muutos: YEAR-CHANGE, confirmed by TOTEUMA − OTHER-YEAR
    (``columns.toml`` ``[year_change]``, the column's whole words, `€` and years aside)."""
    if OTHER_YEAR not in roles or TA_MUUTOS in roles or YEAR_CHANGE in roles:
        return roles
    said = _section("year_change").get("words", ())
    out = list(roles)
    for j in range(roles.index(OTHER_YEAR) + 1, len(roles)):
        if roles[j] in (None, MUUTOS) and " ".join(_fold(_HEADER_YEAR_RE.sub(" ", words[j])).replace("€", " ").split()) in said:
            out[j] = YEAR_CHANGE
            break
    return out


def names_city(label: str) -> bool:
    """A label naming the city or joint authority itself (`Kauhavan kaupunki`; ``columns.toml`` ``[summary]
    city_words``, whole words)."""
    folded = _fold(label)
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", folded) for w in _section("summary").get("city_words", ()))


def _city_total(table: Table) -> None:
    """A summary by unit prints the city's row with its units' (`Kauhavan kaupunki` over each lautakunta's):
    where no row names an account or a total, and one row alone names the city, it is the others' total, checked
    as any stated total (its place, first or last, does not matter)."""
    rows = table.rows
    if len(rows) < 3 or any(r.total or r.account or r.failed for r in rows):
        return
    city = [r for r in rows if names_city(r.label)]
    if len(city) == 1:
        city[0].total, city[0].members = city[0].label, [r for r in rows if r is not city[0]]


def _side_groups(words: list[str], roles: list[str | None]) -> list[tuple[str, list[int]]] | None:
    """The columns of the two sides interleaved under one header (`Alkuper. määräraha | Alkuper. tuloarvio |
    Tarkistettu määräraha | …`: a project's menot and tulot on one line), each side's columns a table of that
    side: where every column's words name one side (``columns.toml`` ``[sides]``), both sides are named, each
    side's roles are its own once and the sides' columns alternate. Else None: repeated roles group the columns
    (``_groups``)."""
    said = {side: set(ws) for side, ws in _section("sides").items()}
    sides = []
    for text in words:
        tokens = set(_fold(text).replace("€", " ").split())
        found = [side for side, ws in said.items() if tokens & ws]
        if len(found) != 1:
            return None
        sides.append(found[0])
    out: dict[str, list[int]] = {}
    for j, side in enumerate(sides):
        out.setdefault(side, []).append(j)
    taken = [[roles[j] for j in columns] for columns in out.values()]
    if len(out) < 2 or any(None in rs or len(set(rs)) != len(rs) for rs in taken):
        return None
    if [j for columns in out.values() for j in columns] == list(range(len(words))):
        return None  # side by side, not alternating: the repeated roles tell them apart
    return list(out.items())


def _open_totals(table: Table) -> None:
    """A `X yhteensä` whose X no heading prints (`Rakennukset yhteensä` under a lautakunta's projects): the
    total of the rows above it since the nearest heading or stated total, where it is their sum in every column
    it sums (one row or more); a later total counts them once, through it. Else it stays a total of no parts."""
    rows = table.rows
    for i, row in enumerate(rows):
        if getattr(row.failed, "key", None) != "layout.total_no_parts":
            continue
        start = max((k + 1 for k in range(i) if rows[k].total), default=0)
        heading = max((n for n, _h in row.headings), default=0)
        members = [r for r in rows[start:i] if r.line > heading and not r.failed]
        summed = [role for role in row.cells if kind(role) in _SUMMED]
        row.members = members
        if not members or not summed or not all(_sum_holds(table, row, role) for role in summed):
            row.members = []
            continue
        row.total, row.failed = row.label, ""
        for other in rows:
            if other is not row and row in other.members:
                other.members = [m for m in other.members if m not in members]


def _expanded(members: list[Row], role: str) -> list[Row]:
    """A total's members in one column, a member total printing no cell there standing for its own members
    (`Rakennukset yhteensä` printing no tuloarvio under a lautakunta's total that sums one): a subtotal that
    prints nothing in a column states nothing of it."""
    out: list[Row] = []
    for member in members:
        out += _expanded(member.members, role) if role not in member.cells and member.total else [member]
    return out


def _sum_holds(table: Table, total: Row, role: str) -> bool:
    """Whether a stated total is its members' sum in one column, at the table's printed precision."""
    members = _expanded(total.members, role)
    raws = [m.cells[role].raw for m in members if role in m.cells]
    computed = sum(m.cells[role].printed for m in members if role in m.cells)
    check = Check(total.line, "", total.cells[role].printed * table.scale, computed * table.scale,
                  parts=max(len(raws), 1), precision=precision(raws or ["0"]) * table.scale)
    return check.ok or check.rounding


def _confirmed_by_totals(table: Table) -> bool:
    """A table whose rows print no relation among their own cells (`TA | TP | Tot. %` by unit; an investment
    table's original and revised appropriations) confirmed by its stated totals: each its members' sum in every
    column it sums. A total that does not hold leaves itself and its members listed; a row no holding total
    covers is listed (nothing confirms its columns), and in a text table a total of one row besides rows of
    zeros covers nothing (its figures and the row's read alike in any columns). False where no total holds."""
    covered: set[int] = set()
    for row in (r for r in table.rows if r.total and r.members and not r.failed):
        wrong = [role for role in row.cells if kind(role) in _SUMMED and not _sum_holds(table, row, role)]
        if wrong:
            why = Reason("layout.total_not_holding", label=row.label, columns=", ".join(wrong))
            for r in (row, *row.members):
                r.failed = r.failed or why
        elif any(kind(role) in _SUMMED for role in row.cells) and (not table.from_text or sum(
                any(c.value for role, c in m.cells.items() if kind(role) in _SUMMED) for m in row.members) > 1):
            covered |= {row.line, *(m.line for m in row.members)}  # in text one member's sum holds however read
    if not covered:
        return False
    for row in table.rows:
        if row.line not in covered:
            row.failed = row.failed or Reason("layout.no_total_over")
    return True


def _change_percent(printed: int, now: int, before: int, unit: int) -> float | None:
    """The change from ``before`` to ``now`` in hundredths of a percent as the printed one (``unit``: its last
    digit) says it, else None: of ``before``'s size, or as the ratio of the two less one (a negative expense
    that shrinks prints a fall: −47,2 M to −46,2 M is −2,1 %). Both agree where ``before`` is positive."""
    for hundredths in ((now - before) * 10_000 / abs(before), (now - before) * 10_000 / before):
        if abs(printed - hundredths) * 2 <= unit + 10:
            return hundredths
    return None


def _budget_once(present: set[str]) -> bool:
    """A table printing its budget once (`Ta 2024 | TP 2024 | Poikkeama`: no MUUTOS, no TA+MUUTOS): its
    POIKKEAMA is measured from that TA."""
    return TA in present and not present & {MUUTOS, TA_MUUTOS}


def _change_holds(table: Table, row: Row) -> bool:
    """Whether a row's YEAR-CHANGE is its TOTEUMA less its OTHER-YEAR, each rounded to its printed unit (two
    rounded figures: their difference may be one unit off)."""
    raws = [row.cells[r].raw for r in (TOTEUMA, OTHER_YEAR) if r in row.cells]
    v = {role: c.printed for role, c in row.cells.items()}
    check = Check(row.line, "", v[YEAR_CHANGE] * table.scale, (v.get(TOTEUMA, 0) - v.get(OTHER_YEAR, 0)) * table.scale,
                  parts=2, precision=precision(raws or ["0"]) * table.scale)
    return check.ok or check.rounding


def _year_change_checks(table: Table) -> None:
    """Each row's change from another year (YEAR-CHANGE = TOTEUMA − OTHER-YEAR), which confirmed the row: one
    check for the change and one for the other year's figure, neither the year's money."""
    if not {TOTEUMA, OTHER_YEAR, YEAR_CHANGE} <= set(table.roles):
        return
    for row in (r for r in table.rows if not r.failed and YEAR_CHANGE in r.cells):
        v = {role: c.printed for role, c in row.cells.items()}
        what = f"{_named(table)}{row.label} {YEAR_CHANGE} = {TOTEUMA} − {OTHER_YEAR}"
        raws = [row.cells[r].raw for r in (TOTEUMA, OTHER_YEAR) if r in row.cells]
        table.checks += [Check(row.line, f"{what} {role}", v[YEAR_CHANGE] * table.scale,
                               (v.get(TOTEUMA, 0) - v.get(OTHER_YEAR, 0)) * table.scale, parts=2,
                               precision=precision(raws or ["0"]) * table.scale) for role in (OTHER_YEAR, YEAR_CHANGE)
                         if role in v]


def iter_rows(reading: LayoutReading) -> Iterator[tuple[Table, Row]]:
    for table in reading.tables:
        if table.confirmed:
            for row in table.rows:
                if not row.failed:
                    yield table, row


__all__ = ["AMOUNT_ROLES", "CHANGE_PCT", "YEAR_CHANGE", "names_city", "ESTIMATE", "LATER", "TS", "is_budget_list", "kind", "CUMULATIVE", "OTHER_YEAR", "PRIOR", "LayoutCell", "LayoutReading", "Listed", "Row", "Table", "cents", "iter_rows",
           "part_accounts", "read_layout", "read_text_layout", "role_of", "scale_of", "vocabulary"]
__all__ += ["Above", "heading_above", "headings_above"]


# --- a talousarvio book's tables: the year's TA beside earlier years and a frame or proposal ---------------------

#: the columns of a year's outcome or amendments: a table printing one is no talousarvio book's
_OUTCOME_ROLES = (MUUTOS, TA_MUUTOS, TOTEUMA, POIKKEAMA, ESTIMATE, PRIOR, CUMULATIVE)


def is_budget_book(table: Table) -> bool:
    """A talousarvio book's table (`TP 2023 | TA 2024 | Raami 2025 | TA 2025`): the year's TA and no outcome,
    amendment or project column of the year; other years', plan years', a frame's or a proposal's beside it."""
    return TA in table.roles and not any(r in _OUTCOME_ROLES for r in table.roles)


def _budget_book_holds(table: Table) -> bool:
    """A talousarvio table has no TA + MUUTOS = TA+MUUTOS to confirm its columns: its derived lines and stated
    totals do (Toimintakate = Toimintatuotot + Toimintakulut in the TA column, in the sign the table prints).
    It is read only where at least one holds in the TA column and none fails there."""
    own = [c for c in table.checks if c.what.endswith(f" {TA}")]
    return bool(own) and all(c.ok or c.rounding for c in own)


def _not_confirmed(table: Table, listed: list[Listed], why: Reason) -> None:
    """The table taken back: nothing of it read, every row listed with ``why``."""
    table.confirmed, table.why, table.checks = False, why, []
    table.unread_rows = set()
    listed[:] = [item for item in listed if not any(item.line == r.line for r in table.rows)]
    _list_all(table, listed)


def _proposal_checks(table: Table) -> None:
    """The TA's difference to a frame or proposal (`Ero raamiin`) against TA − PROPOSAL as printed, each row's
    PROPOSAL and PROPOSAL-DIFF checked where the one sign the table's rows agree on gives it (books print the
    difference either way, and the check's name says which way this table prints it); never recorded."""
    if PROPOSAL not in table.roles or PROPOSAL_DIFF not in table.roles:
        return
    rows = [r for r in table.rows if not r.failed and {TA, PROPOSAL, PROPOSAL_DIFF} <= set(r.cells)]
    signs = {s for s in (1, -1) if rows and all(
        r.cells[PROPOSAL_DIFF].printed == s * (r.cells[TA].printed - r.cells[PROPOSAL].printed) for r in rows)}
    if len(signs) != 1:
        return
    s = signs.pop()
    for row in rows:
        stated, computed = row.cells[PROPOSAL_DIFF].printed, s * (row.cells[TA].printed - row.cells[PROPOSAL].printed)
        what = f"{_named(table)}{row.label} {PROPOSAL_DIFF} = " + (f"TA − {PROPOSAL}" if s == 1 else f"{PROPOSAL} − TA")
        table.checks += [Check(row.line, f"{what} {r}", stated * table.scale, computed * table.scale, parts=2,
                               precision=table.scale * 100) for r in (PROPOSAL, PROPOSAL_DIFF)]


def budget_year(reading: LayoutReading) -> int | None:
    """The year a talousarvio book is of, where it does not state it: the year of its tables' TA column that no
    TP column reaches (`TA 2025` beside `TP 2023 | TA 2024`), where every such table read agrees on one."""
    years = set()
    for table in (t for t in reading.tables if t.confirmed and is_budget_book(t)):
        found = [int(y[-1]) for w, r in zip(table.words, table.roles) if r == TA and (y := _HEADER_YEAR_RE.findall(w))]
        outcome = [int(y) for w in table.words if role_of(w) == TOTEUMA for y in _HEADER_YEAR_RE.findall(w)]
        if found and max(found) > max(outcome, default=0):
            years.add(max(found))
    return years.pop() if len(years) == 1 else None


def _header_name(line: TextLine, left: float) -> str:
    """The words a header's first line prints left of its columns: where a book names the table's unit."""
    return " ".join(c.raw for c in line.cells if not c.is_number and (c.x0 + c.x1) / 2 < left).strip()


def _named_in_header(lines: Sequence[TextLine], table: Table) -> Above | None:
    """The unit a table's header names in its first cell (`VAALIT | TP 2023 | TA 2024 | …`): words as a heading
    prints them (``_heading_like``: a capital first, no figures, short, no sentence), not a caption or a scale."""
    text = " ".join(table.header_name.split())
    if not text or _caption(text) or _scale_only(text) or role_of(text) is not None:
        return None
    name = _NUMBERING_RE.sub("", text)
    prefix, _colon, rest = name.partition(":")
    if rest.strip() and _fold(prefix) in heading_words()[1]:
        name = rest.strip()
    words = _CODE_PREFIX_RE.sub("", name)
    if not words or not words[0].isupper() or len(words.split()) > HEADING_WORDS or words[-1] in ".:,;-–" \
            or any(ch.isdigit() for ch in words) or scale_of([text])[1]:
        return None
    n = next((m for m in table.header_lines if lines[m - 1].text.strip().startswith(table.header_name)),
             table.header_lines[-1])
    cells = [c for c in lines[n - 1].cells if not c.is_number and c.raw in text]
    return Above(n, text, name, min((c.size for c in cells), default=0.0))


# --- a label a narrow cell cut short (`Valmistus omaan käyttöö`, `Rahoitustuotot ja kulut yh`) ------------------

#: a label at least this long may be a name cut short: a shorter one is too likely another name's start
CUT_LABEL = 12
#: at most this many characters of a name a cell cuts off
CUT_CHARS = 2
#: `yhteensä` abbreviated or cut at a label's end
_YHTEENSA_CUT_RE = re.compile(r"\s+(?:yh|yht|yht\.|yhteens)$", re.IGNORECASE)


def _cut_short(label: str) -> str | None:
    """The chart's account or line a label names whose end its cell cut off: its `yhteensä` abbreviated (`yh`,
    `yht.`), or at most ``CUT_CHARS`` characters of one name missing, where exactly one account or line has a name
    so begun. None where no name or several fit (the table's arithmetic then checks what is read)."""
    text = " ".join(label.split())
    if len(text) < CUT_LABEL:
        return None
    whole = _YHTEENSA_CUT_RE.sub("", text)
    if whole != text and (found := accounts.CHART.lookup(whole) or accounts.CHART.lookup(f"{whole} yhteensä")):
        return found
    folded = text.casefold()
    keys = {key for name, key in accounts.CHART.labels.items()
            if name.startswith(folded) and 0 < len(name) - len(folded) <= CUT_CHARS}
    return keys.pop() if len(keys) == 1 else None


def _abbreviated(label: str) -> str | None:
    """The chart's account or line a label names with a word abbreviated by a full stop (`Pysyvien vastaavien
    hyödykk. luovutustulot`): each such word the start of the name's word at its place, the others the same;
    None where no name or several fit."""
    words = label.casefold().split()
    if not any(w.endswith(".") and len(w) > 3 for w in words) or len(" ".join(words)) < CUT_LABEL:
        return None
    pattern = re.compile(" ".join(re.escape(w[:-1]) + r"\w*" if w.endswith(".") else re.escape(w) for w in words))
    keys = {key for name, key in accounts.CHART.labels.items() if pattern.fullmatch(name)}
    return keys.pop() if len(keys) == 1 else None


def _transposed(label: str) -> str | None:
    """The chart's account or line a long label names with two adjacent letters swapped (a typesetting slip:
    `Pitkäaikasiten lainojen vähennys`), where exactly one name is so close; None otherwise."""
    folded = " ".join(label.casefold().split())
    if len(folded) < TRANSPOSED_LABEL:
        return None
    swapped = {folded[:i] + folded[i + 1] + folded[i] + folded[i + 2:] for i in range(len(folded) - 1)
               if folded[i] != folded[i + 1] and folded[i].isalpha() and folded[i + 1].isalpha()}
    keys = {key for name, key in accounts.CHART.labels.items() if name in swapped}
    return keys.pop() if len(keys) == 1 else None


#: the shortest label read with two letters swapped: a short one so changed may be another word
TRANSPOSED_LABEL = 20
