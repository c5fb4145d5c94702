"""Reports: the budget books' own tables, rebuilt from the ledger.

A report is a pure function (state, parameters, Point) -> ``Report``: the table a
book prints, so it can be compared with the book line by line and rendered for a
terminal, CSV, XLSX or Markdown. A cell holds what the book prints: integer cents,
tenths of a percent, text, or None where the ledger has no figure (never 0).

Signs are the books': MENOT negative, TULOT positive. Two columns need a rule:

- MUUTOS % (``maararahat``) is the growth of the magnitude, (|new| - |old|) / |old|,
  in every book (000: MENOT -6 624 150 -> -6 817 670 is 2,9; 003: -6 837 670 ->
  -5 341 090 is -21,9).
- MUUTOS € is printed two ways. Book 003 (2026) prints the growth of the magnitude
  (MENOT -6 837 670 -> -8 333 230 is 1 495 560; -> -5 341 090 is -1 496 580), and so
  does book 000 for NETTOMENO (-5 420 000 -> -5 520 000 is 100 000); books 000 (MENOT
  -193 520) and 001 (all lines) print the plain difference new - old. The default is
  the magnitude (``change="magnitude"``), so € and % always share a sign;
  ``change="signed"`` gives new - old. Book 003's TULOT 1 297 670 -> 874 530 "423 140"
  matches neither: a sign slip of the book.
- Poikkeama (``toteutumisvertailu``) is toteutuma - TA muutosten jälkeen: with these
  signs a positive poikkeama is favourable on both sides (less spent, more earned).
  Toteuma-% is toteutuma against TA muutosten jälkeen, as the half-year books print it; both,
  and the toteutuma itself, are ``ledger.fold.vertailu``'s.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Literal, TextIO

from rich.table import Table
from rich.text import Text

from events import accounts
from ledger.audit.authority import gap_findings
from ledger.audit.findings import Finding
from ledger.fold import binding
from ledger import locale
from ledger.domain import vocabulary
from ledger.fold import parts as budget_parts
from ledger.fold import projections as pj
from ledger.domain.money import change_percent, format_amount, format_percent, percent_of
from ledger.reports.output import atomic_folder, atomic_path, check_output, write_atomic, write_whole
from ledger.fold.projections import Figures, Point
from ledger.domain.rules import Rejected
from ledger.fold.state import LedgerState
from ledger.fold.vertailu import Vertailu, vertailu
from ledger.domain.text import csv_text, shown
from ledger.reports.workbook import save, text_cell

Cell = int | str | None
MAIN_LINES = ("MENOT", "TULOT", "NETTOMENO")
KATE_LINES = ("TOIMINTATUOTOT", "TOIMINTAKULUT", "TOIMINTAKATE")
#: the line sets a clerk can ask for: Kemijärvi's books print "main", Kemi's "kate"
LINE_SETS = {"main": MAIN_LINES, "kate": KATE_LINES}
#: columns a book's account breakdown can state (``BreakdownStated.column``)
STATED_COLUMNS = ("TA", "TA+MUUTOS", "KS", "TP", "TPE", "TS")

#: the default point: everything effective, everything known
LATEST = Point()

__all__ = [
    "LATEST",
    "LINE_SETS",
    "Column",
    "Report",
    "Row",
    "default_columns",
    "fiscal_data_package",
    "fiscal_year",
    "half_year",
    "in_language",
    "in_structure",
    "kayttotalous",
    "maararahat",
    "parse_columns",
    "parts",
    "period_end",
    "render_rich",
    "rich_tables",
    "to_csv",
    "to_markdown",
    "to_xlsx",
    "toteutumisvertailu",
    "unit_block",
    "write",
    "writer_for",
]


@dataclass(frozen=True)
class Column:
    """A heading as the books print it, on two lines ("TP" over "2024").

    ``kind`` says how to read the cells: cents, tenths of a percent, or text; a
    percent column prints ``decimals`` decimals (Kemi's books print whole percents).
    """

    heading: str
    sub: str = ""
    kind: Literal["amount", "percent", "text"] = "amount"
    decimals: int = 1


@dataclass(frozen=True)
class Row:
    """A block heading (unit name), a line (MENOT of a unit) or a total line."""

    label: str
    level: int
    kind: Literal["block", "line", "total"]
    cells: tuple[Cell, ...]
    #: the unit or node the row is about, where it is one (a block heading names it by its name)
    code: str | None = None


@dataclass(frozen=True)
class Report:
    """A table as a book prints it; ``basis`` says whose organisation the figures follow."""

    title: str
    basis: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    #: findings under the table: where a node's stated figure, printed here, is not its units' sum
    notes: tuple[str, ...] = ()
    #: the language its own words are in (``in_language``): Finnish, the books', as the tables make it
    lang: str = "fi"

    def blocks(self, heading: str) -> list[dict[str, tuple[Cell, ...]]]:
        """Every block under ``heading``: its rows' cells by label (a moved unit is printed twice)."""
        found, current = [], None
        for row in self.rows:
            if row.kind == "block":
                current = {} if row.label == heading else None
                if current is not None:
                    found.append(current)
            elif current is not None:
                current[row.label] = row.cells
        return found

    def block(self, heading: str) -> dict[str, tuple[Cell, ...]]:
        """The first block under ``heading``."""
        return self.blocks(heading)[0]


def _basis(structure: int | None) -> str:
    return "as published" if structure is None else f"restated to the structure of {structure} (vertailukelpoinen)"


#: how a basis says the columns a table took as its book stated them (``kayttotalous``), before their list
STATED = "; by account as the book stated: "


class Note(str):
    """A finding under a table: its English text, as the files and the CLI have always said it, with the
    finding itself kept beside it so the CLI can say it in another language (``findings.say``)."""

    finding: Finding

    def __new__(cls, finding: Finding) -> Note:
        note = super().__new__(cls, finding.what)
        note.finding = finding
        return note


# --- s26-svreport: Kirjuri's own words in a report, said in the language asked -------------------------


class Said(str):
    """A word Kirjuri writes into a table (a heading, an account's row, a total, "ks. …"): its Finnish, the
    books' word, with how to say it in another language, so ``in_language`` can put the whole table in the
    language asked while what the user recorded (a unit's name, a decision) stays as it was recorded."""

    say: Callable[[str], str]

    def __new__(cls, say: Callable[[str], str]) -> Said:
        text = super().__new__(cls, say("fi"))
        text.say = say
        return text


def said_in(text: object, lang: str) -> object:
    """``text`` in ``lang`` where it is Kirjuri's own word; anything else (a figure, a name) as it is."""
    return text.say(lang) if isinstance(text, Said) else text


def report_said(key: str, **fields: object) -> Said:
    """A message of the catalogues' "report" area, its fields said in the same language where they are words."""
    return Said(lambda lang: locale.said("report", key, lang, **{k: said_in(v, lang) for k, v in fields.items()}))


def _word(word: vocabulary.Word) -> Said:
    """A word of the domain's vocabulary (a column, a budget part) in the language asked."""
    return Said(word.said)


def _account(key: str) -> Said:
    """An account's row as the figures label it (``vocabulary.account_label``: in Swedish the chart's name)."""
    return Said(lambda lang: vocabulary.account_label(key, lang))


def _column_word(column: str) -> Said:
    """A ledger column as the käyttösuunnitelma heads it: its code in Finnish ("TA+MUUTOS"), else the word."""
    word = vocabulary.COLUMNS.get(column)
    return Said(lambda lang: column if lang == "fi" or word is None else word.said(lang))


def _source(source: str, year: int) -> Said:
    """What the toteutuma column sums ("TP/TOTEUMA 2025"): TP is TP in every language, the toteuma the language's."""
    def say(lang: str) -> str:
        words = [part if lang == "fi" or part not in vocabulary.COLUMNS else vocabulary.COLUMNS[part].said(lang)
                 for part in source.split("/")]
        return f"{'/'.join(words)} {year}"
    return Said(say)


def in_language(report: Report, lang: str) -> Report:
    """The report with every word Kirjuri made said in ``lang``: title, headings, row labels, totals, "ks. …".
    The basis and the findings under the table are the caller's to say (they are said from their own codes)."""
    from dataclasses import replace

    columns = tuple(replace(c, heading=said_in(c.heading, lang), sub=said_in(c.sub, lang)) for c in report.columns)
    rows = tuple(replace(r, label=said_in(r.label, lang), cells=tuple(said_in(v, lang) for v in r.cells))
                 for r in report.rows)
    return replace(report, title=said_in(report.title, lang), columns=columns, rows=rows, lang=lang)


def _percent(part: int | None, whole: int | None, decimals: int) -> int | None:
    """part/whole in tenths of a percent; whole percents are rounded once, from the exact ratio."""
    if part is None or whole is None:
        return None
    if decimals == 1:
        return percent_of(part, whole)
    whole_percent = percent_of(part, whole * 10)
    return None if whole_percent is None else whole_percent * 10


# --- the organisation below a node, as the books print it ----------------------------------------


@dataclass(frozen=True)
class _Spec:
    """One printed column: its heading, the fiscal year it reads and how a cell comes from the figures."""

    column: Column
    year: int
    cell: Callable[[Figures, str], Cell]


def _figure_spec(column: str, year: int, decimals: int = 1, heading: str | None = None,
                 sub: str | None = None) -> _Spec:
    """A ledger column ("TP", "TA+MUUTOS", "TOTEUMA-%", ...) of one year."""
    sub = str(year) if sub is None else sub
    if decimals not in (0, 1):
        raise ValueError(f"percent decimals must be 0 or 1, not {decimals!r}")
    if column == "TOTEUMA-%":
        return _Spec(Column(heading or _column_word(column), sub, "percent", decimals), year,
                     lambda f, a: _percent(f.get(a, "TOTEUMA"), f.get(a, "TA+MUUTOS"), decimals))
    if column not in pj.COLUMNS:
        raise ValueError(f"unknown column {column!r}: use one of {', '.join(pj.COLUMNS)}")
    return _Spec(Column(heading or _column_word(column), sub), year, lambda f, a: f.get(a, column))


class _Org:
    """The organisation below ``node`` in every structure year the columns read.

    A column rolls up with its own year's organisation (as published) or with
    ``structure``'s (restated). A unit is printed under each parent it had in some
    column's year, like book 003 prints a moved service under both; the columns of
    the years it sat elsewhere say where ("ks. Hallintopalvelut").
    """

    def __init__(self, state: LedgerState, node: str, years: Iterable[int], point: Point, structure: int | None,
                 fold: Callable[..., Figures | Vertailu] | None = None):
        self.state, self.node, self.structure = state, node, structure
        #: what a column's cells are read from: the figures, or (``toteutumisvertailu``) the vertailu
        self.fold = fold
        self.at = point.resolve(state)
        shapes = {self.shape(y) for y in years}
        self.parents = {y: state.parents(y, *self.at) for y in shapes}
        self.inside = {y: set(state.subtree(node, y, *self.at)) if node in self.parents[y] else set() for y in shapes}
        self.live = {y for y in shapes if node in self.parents[y]}
        self.children: dict[int, dict[str | None, list[str]]] = {y: {} for y in shapes}
        for y, parents in self.parents.items():
            for unit, parent in parents.items():
                self.children[y].setdefault(parent, []).append(unit)
        self._cache: dict[tuple[int, str, bool], Figures | Vertailu] = {}

    def shape(self, year: int) -> int:
        return year if self.structure is None else self.structure

    def name(self, code: str) -> str:
        return self.state.name(code, *self.at)

    def kids(self, code: str, live: set[int]) -> list[str]:
        """Children in any live year, in the order they were registered (the books' order); not the
        investment projects, which are the investointiosa's (``_investointiosa``), not the organisation's."""
        found = {u for y in live for u in self.children[y].get(code, ()) if u not in self.state.projects}
        return sorted(found, key=lambda u: self.state.units[u].registered[1])

    def figures(self, year: int, code: str, own: bool = False) -> Figures | Vertailu:
        key = (year, code, own)
        if key not in self._cache:
            if self.fold is not None:
                self._cache[key] = self.fold(self.state, year, code, at=self.at, structure=self.structure, own=own)
            else:
                self._cache[key] = pj.own(self.state, year, code, at=self.at) if own else pj.figures(
                    self.state, year, code, at=self.at, structure=self.structure)
        return self._cache[key]

    def has_own(self, code: str, specs: Sequence[_Spec], live: set[int]) -> bool:
        return any(self.state.own_figures(s.year, code, *self.at) for s in specs if self.shape(s.year) in live)

    def elsewhere(self, code: str, shape: int) -> str | None:
        """Where a unit printed under another parent sat in this year, if inside the node at all."""
        if code not in self.inside[shape]:
            return None
        return report_said("report.see", name=self.name(self.parents[shape][code]))


def _block(org: _Org, specs: Sequence[_Spec], lines: Sequence[str], heading: str, level: int, code: str,
           live: set[int], *, own: bool = False, kind: Literal["line", "total"] = "line") -> list[Row]:
    """A heading and one row per line; columns of years the unit is not here are empty or say where it is."""
    rows = [Row(heading, level, "block", (None,) * len(specs), code)]
    for account in lines:
        cells: list[Cell] = []
        for s in specs:
            shape = org.shape(s.year)
            if shape in live:
                cells.append(s.cell(org.figures(s.year, code, own), account))
            else:
                cells.append(org.elsewhere(code, shape) if kind == "line" else None)
        rows.append(Row(_account(account), level + 1, kind, tuple(cells), code))
    return rows


def _section(org: _Org, specs: Sequence[_Spec], lines: Sequence[str], code: str, live: set[int],
             level: int) -> list[Row]:
    """Depth-first: a unit's block, or a group's own figures, its units and "<name> yhteensä"."""
    rows: list[Row] = []
    for kid in org.kids(code, live):
        kid_live = {y for y in live if org.parents[y].get(kid) == code}
        name = org.name(kid)
        if not org.kids(kid, kid_live):
            rows += _block(org, specs, lines, name, level, kid, kid_live)
            continue
        if org.has_own(kid, specs, kid_live):
            rows += _block(org, specs, lines, name, level + 1, kid, kid_live, own=True)
        rows += _section(org, specs, lines, kid, kid_live, level + 1)
        rows += _block(org, specs, lines, report_said("report.total_of", name=name), level, kid, kid_live, kind="total")
    return rows


def _total_label(state: LedgerState, node: str) -> str:
    """"Toimiala yhteensä": the node's level, in the language's word, capitalised as a row's first word."""
    level = state.units[node].level
    word = vocabulary.LEVELS.get(level, vocabulary.Word(level, level, level))
    return report_said("report.level_total", level=Said(lambda lang: word.said(lang).capitalize()))


# --- reports ------------------------------------------------------------------------------------------


def unit_block(state: LedgerState, node: str, columns: Sequence[tuple[str, int]], point: Point = LATEST,
               structure: int | None = None, *, lines: Sequence[str] = MAIN_LINES,
               percent_decimals: int = 1) -> Report:
    """The books' unit table: each unit's lines, each vastuualue's and the node's totals.

    Kemijärvi prints MENOT / TULOT / NETTOMENO per unit, Kemi TOIMINTATUOTOT /
    TOIMINTAKULUT / TOIMINTAKATE (``lines=KATE_LINES``); ``columns`` are (column,
    year) pairs such as ("TP", 2024) or ("TOTEUMA-%", 2023).
    """
    specs = [_figure_spec(c, y, percent_decimals) for c, y in columns]
    org = _Org(state, node, [s.year for s in specs], point, structure)
    rows = _section(org, specs, lines, node, org.live, 0)
    rows += _block(org, specs, lines, _total_label(state, node), 0, node, org.live, kind="total")
    return Report(org.name(node), _basis(structure), tuple(s.column for s in specs), tuple(rows))


def maararahat(state: LedgerState, node: str, year: int, point: Point = LATEST, *,
               change: Literal["magnitude", "signed"] = "magnitude", structure: int | None = None,
               before_node: str | None = None) -> Report:
    """Määrärahat: TA+muutos of the year before, this year's TA and the change (sign rule: module doc).

    ``before_node`` is the node whose year before is compared when the node is new: book 003
    sets the new toimiala's 2026 against the Hallintopalvelut toimiala's 2025.
    """
    if change not in ("magnitude", "signed"):
        raise ValueError(f"change must be 'magnitude' or 'signed', not {change!r}")
    at = point.resolve(state)
    before = _binding(state, year - 1, before_node or node, at, structure)
    now = _binding(state, year, node, at, structure)
    rows = []
    for account in MAIN_LINES:
        old, new = before.get(account, "TA+MUUTOS"), now.get(account, "TA")
        euros = pct = None
        if old is not None and new is not None:
            euros = abs(new) - abs(old) if change == "magnitude" else new - old
            pct = change_percent(old, new)
        rows.append(Row(_account(account), 0, "line", (old, new, euros, pct)))
    columns = (Column(_word(vocabulary.COLUMNS["TA+MUUTOS"]), str(year - 1)),
               Column(_word(vocabulary.COLUMNS["TA"]), str(year)), Column(report_said("report.change"), "€"),
               Column(report_said("report.change"), "%", "percent"))
    notes = _gap_notes(state, [(year - 1, before_node or node), (year, node)], at, structure)
    return Report(state.name(node, *at), _basis(structure), columns, tuple(rows), notes)


def _binding(state: LedgerState, year: int, node: str, at: tuple[int, int], structure: int | None) -> Figures:
    """The node's figures, with the TA and TA+muutos the book stated for it (the appropriation) in place
    of its units' sums (``ledger.fold.binding``); a restated year follows the units."""
    figures = pj.figures(state, year, node, at=at, structure=structure)
    if structure not in (None, year):
        return figures
    return Figures(binding.overlay(figures.amounts, binding.stated(state, year, node, *at)))


def _gap_notes(state: LedgerState, nodes: Iterable[tuple[int, str]], at: tuple[int, int],
               structure: int | None) -> tuple[str, ...]:
    """Each printed node's stated figure that is not its units' sum, said as a finding."""
    found = [gap for year, node in dict.fromkeys(nodes) if structure in (None, year)
             for gap in binding.gaps(state, year, node, *at)]
    return tuple(Note(f) for f in gap_findings(state, found, at))


def kayttotalous(state: LedgerState, node: str, columns: Sequence[tuple[str, int]], point: Point = LATEST, *,
                 structure: int | None = None, percent_decimals: int = 1) -> Report:
    """Käyttötalous by account: the node's figures as the book states them (``projections.book``, the
    figures pane's too): its own breakdown where it stated one, else its units' lines, each completed by
    the breakdowns stated below it. The basis names the columns the node's own breakdown states.

    A restated column (``structure`` other than its year) always comes from the
    rollup: the book's breakdown followed the structure it was printed in.
    """
    at = point.resolve(state)
    specs = [_figure_spec(c, y, percent_decimals) for c, y in columns]
    sources = [pj.book(state, year, node, at=at, structure=structure) for _column, year in columns]
    stated = [f"{column} {year}" for column, year in columns if _stated(state, node, column, year, point, structure)]

    def row(label: str, level: int, kind: Literal["block", "line", "total"], account: str | None = None) -> Row:
        return Row(_account(label), level, kind, tuple(None if account is None else s.cell(f, account)
                                             for s, f in zip(specs, sources, strict=True)))

    rows = []
    for side in ("TOIMINTATUOTOT", "TOIMINTAKULUT"):
        rows.append(row(side, 0, "block"))
        rows += [row(part, 1, "line", part) for part in accounts.children(side)]
        rows.append(row(side, 0, "total", side))
    rows.append(row("TOIMINTAKATE", 0, "total", "TOIMINTAKATE"))
    basis = _basis(structure) + (f"{STATED}{', '.join(stated)}" if stated else "")
    return Report(state.name(node, *at), basis, tuple(s.column for s in specs), tuple(rows))


def _stated(state: LedgerState, node: str, column: str, year: int, point: Point, structure: int | None) -> bool:
    """Whether the book stated the node's breakdown in this column (and year, as published)."""
    if column not in STATED_COLUMNS or structure not in (None, year):
        return False
    stated = pj.breakdown(state, year, node, point)
    return stated is not None and any(c == column for _a, c in stated.amounts)


def half_year(state: LedgerState, node: str, year: int, period_label: str, point: Point = LATEST,
              lines: Sequence[str] = KATE_LINES, *, percent_decimals: int = 0,
              structure: int | None = None) -> Report:
    """Kemi's osavuosikatsaus table: per unit below ``node`` ("64110000 HALLINTOPALVELUT"), then the node.

    ``point`` should end the period (on=30.6.) so the toteuma is the period's.
    """
    specs = [
        _figure_spec("TP", year - 1),
        _figure_spec("TA", year),
        _figure_spec("TA+MUUTOS", year, heading=report_said("report.amended_ta")),
        _figure_spec("TOTEUMA", year, heading=_word(vocabulary.COLUMNS["TOTEUMA"]), sub=period_label),
        _figure_spec("TOTEUMA-%", year, percent_decimals, heading=_word(vocabulary.COLUMNS["TOTEUMA-%"]), sub=""),
        _figure_spec("TPE", year, heading=report_said("report.forecast")),
    ]
    org = _Org(state, node, [s.year for s in specs], point, structure)
    rows = []
    for kid in org.kids(node, org.live):
        kid_live = {y for y in org.live if org.parents[y].get(kid) == node}
        rows += _block(org, specs, lines, f"{kid} {org.name(kid).upper()}", 0, kid, kid_live)
    rows += _block(org, specs, lines, f"{node} {org.name(node).upper()}", 0, node, org.live, kind="total")
    return Report(org.name(node).upper(), _basis(structure), tuple(s.column for s in specs), tuple(rows))


def toteutumisvertailu(state: LedgerState, node: str, year: int, point: Point = LATEST, *,
                       lines: Sequence[str] = MAIN_LINES, structure: int | None = None) -> Report:
    """Talousarvion toteutumisvertailu (kuntalaki § 113): budget against actuals per unit and in total.

    Every cell is ``ledger.fold.vertailu``'s, the one definition the committee's view and ``verify``
    read too: the toteutuma is each unit's TP once its year is closed, else its toteuma so far, so the
    totals are the sums of the units; the Toteutuma column's heading says which ("TP 2025", "TOTEUMA
    2025", or "TP/TOTEUMA 2025" where units of both are in the table). TPE is a column of its own. A year
    some of whose unused appropriation was carried to the next one also shows what was carried and what
    is left unused after it (``vertailu.CARRY_COLUMNS``); its TA muutosten jälkeen stays as decided.
    """
    org = _Org(state, node, [year], point, structure, fold=vertailu)
    source = "/".join(org.figures(year, node).basis) or "TOTEUMA"
    # unused appropriation carried to the next year (issue 17) adds the carry-over's columns
    specs = _vertailu_specs(year, source, bool(org.figures(year, node).carried))
    rows = _section(org, specs, lines, node, org.live, 0)
    rows += _block(org, specs, lines, _total_label(state, node), 0, node, org.live, kind="total")
    if year in org.live:
        rows += _investointiosa(state, specs, year, node, org.figures(year, node), point)
    title = report_said("report.vertailu_title", name=org.name(node), year=year)
    printed = [(year, code) for code in dict.fromkeys(r.code for r in rows if r.kind == "total" and r.code)]
    notes = _gap_notes(state, printed, org.at, structure)
    return Report(title, _basis(structure), tuple(s.column for s in specs), tuple(rows), notes)


# --- s23-parts: the tuloslaskelma-, investointi- and rahoitusosa ----------------------------------


def parts(state: LedgerState, year: int, point: Point = LATEST) -> Report:
    """The budget's parts besides the käyttötalousosa (kuntalaki 110 §), each compared with its toteutuma as the
    toteutumisvertailu compares a unit: the part's accounts and derived lines for the whole organisation, and
    under the investointiosa each project group and project by its investment costs and revenues. Carried
    appropriations show as the toteutumisvertailu shows them (SIIRTO, Käyttämättä)."""
    at = point.resolve(state)
    roots = budget_parts.roots(state, year, point)
    folds = {code: vertailu(state, year, code, at=at) for code in roots}
    projects = budget_parts.projects_in(state, year, point)
    folds |= {code: vertailu(state, year, code, at=at) for _depth, code in projects}
    specs = _vertailu_specs(year, "/".join(sorted({b for f in folds.values() for b in f.basis})) or "TOTEUMA",
                            any(f.carried for f in folds.values()))
    rows: list[Row] = []
    for part in budget_parts.present(state, year, point):
        if part == "investointi":
            rows += [row for root in roots for row in _investointiosa(state, specs, year, root, folds[root], point)]
            continue
        for root in roots:
            held = Figures(folds[root].amounts)
            rows += _part_rows(specs, folds[root], _word(vocabulary.PARTS[part]), budget_parts.lines(part, held), 0,
                               root)
    title = report_said("report.parts_title", name=state.name(roots[0], *at) if roots else "", year=year)
    return Report(title, _basis(None), tuple(s.column for s in specs), tuple(rows))


def _investointiosa(state: LedgerState, specs: Sequence[_Spec], year: int, node: str, fold: Vertailu,
                    point: Point) -> list[Row]:
    """The investointiosa below ``node``, as the toteutumisvertailu and the parts report both show it: the part's
    accounts and lines (``fold``, the node's vertailu), then each project group and project by its own
    (``ledger.fold.parts``); nothing for a node with no investment line and no project."""
    at = point.resolve(state)
    projects = budget_parts.projects_in(state, year, point, node)
    lines = budget_parts.lines("investointi", Figures(fold.amounts))
    if not lines and not projects:
        return []
    rows = _part_rows(specs, fold, _word(vocabulary.PARTS["investointi"]), lines, 0, node)
    for depth, code in projects:
        own = vertailu(state, year, code, at=at)
        rows += _part_rows(specs, own, f"{code} {state.name(code, *at)}",
                           budget_parts.project_lines(Figures(own.amounts)), depth + 1, code)
    return rows


def _vertailu_specs(year: int, source: str, carried: bool) -> list[_Spec]:
    """The toteutumisvertailu's columns, with the carry-over's where some of the year's appropriation was carried."""
    def cells(column: str) -> Callable[[Vertailu, str], Cell]:
        return lambda v, account: v.value(account, column)

    specs = [
        _Spec(Column(report_said("report.original_ta"), str(year)), year, cells("TA")),
        _Spec(Column(_word(vocabulary.COLUMNS["MUUTOS"]), str(year)), year, cells("MUUTOS")),
        _Spec(Column(report_said("report.ta_after"), str(year)), year, cells("TA+MUUTOS")),
        _Spec(Column(report_said("report.actual"), _source(source, year)), year, cells("TOTEUTUMA")),
        _Spec(Column(report_said("report.deviation"), "€"), year, cells("POIKKEAMA")),
        _Spec(Column(_word(vocabulary.COLUMNS["TOTEUMA-%"]), "", "percent"), year, cells("TOTEUMA-%")),
        _Spec(Column(report_said("report.forecast"), str(year)), year, cells("TPE")),
    ]
    if carried:
        specs[5:5] = [_Spec(Column(_word(vocabulary.COLUMNS["SIIRTO"]), str(year + 1)), year, cells("SIIRTO")),
                      _Spec(Column(report_said("report.unused"), "€"), year, cells("KÄYTTÄMÄTTÄ"))]
    return specs


def _part_rows(specs: Sequence[_Spec], fold: Vertailu, heading: str, lines: Sequence[str], level: int,
               code: str) -> list[Row]:
    rows = [Row(heading, level, "block", (None,) * len(specs), code)]
    rows += [Row(_account(account), level + 1, "line", tuple(s.cell(fold, account) for s in specs), code)
             for account in lines]
    return rows


# --- what a clerk types: column lists, periods, years, output files ------------------------------


def parse_columns(text: str) -> list[tuple[str, int]]:
    """'TP 2024, TA+muutos 2025' -> [("TP", 2024), ("TA+MUUTOS", 2025)], as a book's heading reads.

    Column names are matched without regard to case, so a clerk can copy the book's
    "TA+muutos"; the error names the one item that is wrong, not the whole list.
    """
    if not text.strip():
        raise Rejected("columns", text, "columns.none")
    found = []
    for item in (part.strip() for part in text.split(",")):
        match = re.fullmatch(r"(\S+)\s+(\d{4})", item)
        if match is None:
            raise Rejected("columns", item, "columns.not_column_and_year")
        column = next((c for c in pj.COLUMNS if c.casefold() == match[1].casefold()), None)
        if column is None:
            raise Rejected("columns", item, "columns.unknown", choices=tuple(pj.COLUMNS))
        found.append((column, int(match[2])))
    return found


def default_columns(year: int) -> list[tuple[str, int]]:
    """The five columns of a Kemijärvi käyttösuunnitelma for ``year``: what a clerk compares by default."""
    return [("TP", year - 2), ("TA+MUUTOS", year - 1), ("TPE", year - 1), ("TA", year), ("KS", year)]


def fiscal_year(state: LedgerState, year: int | None) -> int:
    """The year asked, or the latest year with figures; a year with no figures is a typo, not an empty table."""
    years = state.years()
    if not years:
        raise Rejected("year", year, "year.no_figures_yet")
    if year is None:
        return years[-1]
    if year not in years:
        raise Rejected("year", year, "year.no_figures", first=years[0], last=years[-1])
    return year


def in_structure(state: LedgerState, node: str, structure: int, point: Point = LATEST) -> bool:
    """Whether ``node`` is in the organisation of ``structure``: restating to a year it is not in gives nothing.

    A unit closed by 1.1. of that year (Hallintopalvelut in 2026) has no place in it.
    """
    on, known = point.resolve(state)
    if node not in state.parents(structure, on, known):
        return False
    closed = state.closed_on(node, known)
    return closed is None or closed > min(on, dt.date(structure, 1, 1).toordinal())


def period_end(label: str) -> dt.date:
    """The last day of a period labelled as Kemi's books do ('01-06/2023' ends 30.6.2023).

    A half-year report reads the toteuma as it stood at the end of its period.
    """
    match = re.fullmatch(r"\s*(\d{1,2})\s*-\s*(\d{1,2})\s*/\s*(\d{4})\s*", label)
    if match is None:
        raise Rejected("period", label, "period.not_months")
    first, last, year = int(match[1]), int(match[2]), int(match[3])
    if not 1 <= first <= last <= 12:
        raise Rejected("period", label, "period.no_such_months")
    return dt.date(year, last, calendar.monthrange(year, last)[1])


# --- renderers ------------------------------------------------------------------------------------


def _text(column: Column, value: Cell, *, sep: str = " ", unit: bool = True) -> str:
    """A cell as the books print it: "-6 837 670", "2,9 %" ("2,9" without ``unit``), "" for None."""
    if value is None or isinstance(value, str):
        return value or ""
    if column.kind == "percent":
        text = format_percent(value) if column.decimals else f"{value // 10} %"
        return text if unit else text.removesuffix(" %")
    return format_amount(value, sep=sep)


def render_rich(report: Report) -> Table:
    """A terminal table; NBSP between thousands so a number never wraps."""
    table = _rich_table(report, range(len(report.columns)))
    table.title, table.caption = report.title, report.basis
    return table


def _rich_table(report: Report, keep: Iterable[int]) -> Table:
    """The report's rows with only the columns ``keep``, without title or caption."""
    keep = list(keep)
    table = Table(show_lines=False)
    table.add_column("", overflow="fold")
    for k in keep:
        column = report.columns[k]
        table.add_column(f"{column.heading}\n{column.sub}".rstrip(), justify="right", no_wrap=True)
    for row in report.rows:
        style = "bold" if row.kind in ("block", "total") else None
        cells = [_text(report.columns[k], row.cells[k], sep="\u00a0") for k in keep]
        table.add_row(Text("  " * row.level + shown(row.label)), *[Text(shown(cell)) for cell in cells], style=style)
    return table


def rich_tables(report: Report, width: int) -> list[Table]:
    """The report as tables no wider than ``width``: columns are split over tables, never a number cut.

    No title or caption: the caller prints those once, on lines of their own, so
    the basis is never wrapped or cropped with the table.
    """
    def wide(k: int) -> int:
        column = report.columns[k]
        texts = [_text(column, row.cells[k]) for row in report.rows] + [column.heading, column.sub]
        return max(map(len, texts)) + 3
    labels = max([len("  " * row.level + shown(row.label)) for row in report.rows] + [0])
    budget = min(labels, max(20, width // 3)) + 4
    chunks: list[list[int]] = [[]]
    for k in range(len(report.columns)):
        if chunks[-1] and budget + sum(wide(i) for i in chunks[-1]) + wide(k) > width:
            chunks.append([])
        chunks[-1].append(k)
    return [_rich_table(report, chunk) for chunk in chunks]


def _grid(report: Report, unit: bool, text: Callable[[str], str] = str) -> list[list[str]]:
    """Two heading rows (title / basis in the corner, as the books put the unit's name), then the rows;
    every text (not a number) passed through ``text``."""
    grid = [[text(report.title)] + [text(c.heading) for c in report.columns],
            [text(report.basis)] + [text(c.sub) for c in report.columns]]
    for row in report.rows:
        grid.append([text(row.label)] + [text(v) if isinstance(v, str) else _text(c, v, unit=unit)
                                         for c, v in zip(report.columns, row.cells, strict=True)])
    return grid


def to_csv(report: Report, out: TextIO) -> None:
    """";"-separated into an open file, numbers as the books print them ("-6 837 670", "2,9");
    ``write`` gives a file a BOM for Excel."""
    csv.writer(out, delimiter=";").writerows(_grid(report, unit=False, text=csv_text))


def to_markdown(report: Report) -> str:
    """A GitHub table; blocks and totals in bold, levels indented with no-break spaces; stored text
    (a unit's name) shown as data (``ledger.domain.text.shown``), its "|" kept inside its cell."""
    def esc(text: str) -> str:
        return shown(text).replace("|", "\\|")

    head = ["", *(f"{c.heading} {c.sub}".strip() for c in report.columns)]
    out = [f"### {esc(report.title)}", "", f"*{esc(report.basis)}*", "",
           "| " + " | ".join(map(esc, head)) + " |", "|---" + "|---:" * len(report.columns) + "|"]
    for row in report.rows:
        label = esc(row.label)
        label = f"**{label}**" if row.kind in ("block", "total") else label
        cells = [esc(_text(c, v)) for c, v in zip(report.columns, row.cells, strict=True)]
        out.append("| " + "\u00a0\u00a0" * row.level + label + " | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def _excel_value(column: Column, value: Cell) -> tuple[int | Decimal | str | None, str | None]:
    """Euros and percents as numbers (Decimal: never a float), with the format the books print."""
    if value is None or isinstance(value, str):
        return value, None
    if column.kind == "percent":
        return (Decimal(value).scaleb(-1), "0.0") if column.decimals else (value // 10, "0")
    if value % 100 == 0:
        return value // 100, "#,##0"
    return Decimal(value).scaleb(-2), "#,##0.00"


def to_xlsx(report: Report, path: str | Path | IO[bytes]) -> None:
    """One sheet laid out like ``to_csv``: amounts in euros and percents as numeric cells, to a path
    or into an open binary file (``write`` gives it one, written whole or not at all).

    openpyxl is imported here: a command that writes no workbook (the UI's start
    above all) does not pay for loading it.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = locale.said("report", "report.sheet", report.lang)
    bold = Font(bold=True)
    for r, line in enumerate(_grid(report, unit=False)[:2], 1):
        for c, text in enumerate(line, 1):
            text_cell(ws.cell(r, c), text).font = bold
    for r, row in enumerate(report.rows, 3):
        label = text_cell(ws.cell(r, 1), row.label)
        label.alignment = Alignment(indent=row.level)
        if row.kind != "line":
            label.font = bold
        for c, (column, value) in enumerate(zip(report.columns, row.cells, strict=True), 2):
            number, fmt = _excel_value(column, value)
            if isinstance(number, str):
                text_cell(ws.cell(r, c), number)
                continue
            cell = ws.cell(r, c, number)
            if fmt:
                cell.number_format = fmt
    ws.column_dimensions["A"].width = max([12] + [len(row.label) + 2 * row.level + 2 for row in report.rows])
    save(wb, path)


def _write_markdown(report: Report, out: TextIO) -> None:
    out.write(to_markdown(report))


@dataclass(frozen=True)
class Format:
    """How a file of one suffix is written: bytes or text (in which encoding), and what renders it."""

    render: Callable[[Report, IO], None]
    binary: bool = False
    encoding: str = "utf-8"


#: a file's suffix -> how the report is written there (a CSV with a BOM, so Excel reads it as UTF-8)
WRITERS: dict[str, Format] = {".csv": Format(to_csv, encoding="utf-8-sig"), ".xlsx": Format(to_xlsx, binary=True),
                              ".md": Format(_write_markdown)}


def writer_for(path: str | Path) -> Format:
    """The format a file's suffix asks for; checked before any figure is read, so a typo writes nothing."""
    writer = WRITERS.get(Path(path).suffix.lower())
    if writer is None:
        raise Rejected("output", str(path), "output.report_suffix")
    if not Path(path).parent.is_dir():
        raise Rejected("output", str(path), "output.no_folder")
    return writer


def write(report: Report, path: str | Path, *, force: bool = False, protect: Iterable[Path] = ()) -> None:
    """Write the report in the format its file's suffix names (.csv, .xlsx or .md), whole or not at all:
    never over a ``protect``ed file (the ledger), nor over an existing one without ``force``."""
    fmt = writer_for(path)
    write_atomic(Path(path), lambda out: fmt.render(report, out), binary=fmt.binary, encoding=fmt.encoding,
                 newline="", force=force, protect=protect)


# --- Fiscal Data Package ------------------------------------------------------------------------------

#: Fiscal Data Package phase -> the ledger column it reads; direction -> the account side
_PHASES = {"approved": "TA", "adjusted": "TA+MUUTOS", "executed": "TP"}
_DIRECTIONS = {"expenditure": "kulu", "revenue": "tuotto"}
_FIELDS = ["fiscal_year", "unit_code", "unit_name", "unit_level", "parent_code", "unit_path", "main_account",
           "account"]
#: the package's number columns (its measures, "-1234.50", and the year): every other cell is text
_FDP_NUMBERS = {"fiscal_year"} | {f"{phase}_{direction}" for phase in _PHASES for direction in _DIRECTIONS}


def _euros(cents: int) -> str:
    """Cents as a Table Schema number with two decimals ("-1234.50"), without float."""
    whole, rest = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{whole}.{rest:02d}"


def chart_order(account: str) -> tuple[int, str]:
    """The chart's order; an account the chart in use does not know after all it knows, by name."""
    return (accounts.ACCOUNTS.index(account), "") if accounts.known(account) else (len(accounts.ACCOUNTS), account)


def _fdp_rows(state: LedgerState, year: int, point: Point) -> list[dict[str, str]]:
    """One row per unit and account it recorded: no rollups, so any sum over rows is a true total."""
    on, known = point.resolve(state)
    parents = state.parents(year, on, known)
    rows = []
    for code in sorted(parents, key=lambda u: state.units[u].registered[1]):
        path, up = [code], parents[code]
        while up is not None:
            path.insert(0, up)
            up = parents.get(up)
        own = state.own_figures(year, code, on, known)
        for account in sorted({a for a, _c in own}, key=chart_order):
            root = accounts.root_of(account) if accounts.known(account) else account
            row = {"fiscal_year": str(year), "unit_code": code, "unit_name": state.name(code, on, known),
                   "unit_level": state.units[code].level, "parent_code": parents[code] or "",
                   "unit_path": "/".join(path), "main_account": root, "account": account}
            row |= _fdp_measures(own, account)
            rows.append(row)
    return rows


def _fdp_measures(own: dict[tuple[str, str], int], account: str) -> dict[str, str]:
    """approved = TA, adjusted = TA+MUUTOS, executed = TP; expenditure as a positive amount."""
    ta, muutos = own.get((account, "TA")), own.get((account, "MUUTOS"))
    values = {"TA": ta, "TP": own.get((account, "TP")),
              "TA+MUUTOS": None if ta is None and muutos is None else (ta or 0) + (muutos or 0)}
    own_side = accounts.side_of(account) if accounts.known(account) else None
    own_side = "tuotto" if own_side == "muutos" else own_side
    sign = -1 if own_side == "kulu" else 1
    out = {}
    for direction, side in _DIRECTIONS.items():
        for phase, column in _PHASES.items():
            value = values[column] if side == own_side else None
            out[f"{phase}_{direction}"] = "" if value is None else _euros(sign * value)
    return out


def _fdp_descriptor(state: LedgerState, year: int, csv_name: str, point: Point) -> dict:
    on, known = point.resolve(state)
    roots = [c for c, p in state.parents(year, on, known).items() if p is None]
    title = ", ".join(state.name(c, on, known) for c in roots) or "Kirjuri"
    measures = {
        f"{phase}_{direction}": {
            "source": f"{phase}_{direction}", "currency": "EUR", "factor": 1, "phase": phase, "direction": direction,
            "description": f"{column} {year}, euros; expenditure (MENOT) as a positive amount, "
                           "the books print it negative",
        }
        for direction in _DIRECTIONS for phase, column in _PHASES.items()
    }
    measure_fields = [{"name": m, "type": "number", "decimalChar": ".", "groupChar": ""} for m in measures]
    return {
        "name": re.sub(r"[^-a-z0-9._]", "-", f"kirjuri-{'-'.join(roots)}-{year}".lower()),
        "title": f"{title}: talousarvio {year}",
        "profiles": {"fiscal": "*", "tabular": "*"},
        "countryCode": "fi",
        "granularity": "aggregated",
        "fiscalPeriod": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "resources": [{
            "name": "budget", "path": csv_name, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": [{"name": "fiscal_year", "type": "integer"}]
                       + [{"name": f, "type": "string"} for f in _FIELDS[1:]] + measure_fields,
                       "primaryKey": ["unit_code", "account"]},
        }],
        "model": {"measures": measures, "dimensions": _FDP_DIMENSIONS},
    }


_FDP_DIMENSIONS = {
    "fiscal-year": {"dimensionType": "datetime", "primaryKey": ["year"],
                    "attributes": {"year": {"source": "fiscal_year"}}},
    "administrative-classification": {
        "dimensionType": "classification", "classificationType": "administrative", "primaryKey": ["code"],
        "attributes": {"code": {"source": "unit_code", "parent": "parent"},
                       "label": {"source": "unit_name", "labelfor": "code"},
                       "parent": {"source": "parent_code"}, "level": {"source": "unit_level"},
                       "path": {"source": "unit_path"}},
    },
    "economic-classification": {
        "dimensionType": "classification", "classificationType": "economic", "primaryKey": ["code"],
        "attributes": {"code": {"source": "account", "parent": "main"}, "main": {"source": "main_account"}},
    },
}


def fdp_files(path_or_dir: str | Path, year: int) -> tuple[Path, Path] | None:
    """Where a Fiscal Data Package goes: (descriptor, CSV) in an existing folder or beside a .json
    path; None for a new folder (written whole, ``atomic_folder``)."""
    target = Path(path_or_dir)
    if target.suffix.lower() != ".json" and not target.exists():
        return None
    descriptor = target if target.suffix.lower() == ".json" else target / "datapackage.json"
    return descriptor, descriptor.parent / f"budget-{year}.csv"


def check_fdp_output(path_or_dir: str | Path, year: int, *, force: bool = False, protect: Iterable[Path] = ()) -> None:
    """Refuse, before anything is read, a package that would overwrite the ledger, or a file without ``force``."""
    target, protect = Path(path_or_dir), list(protect)
    files = fdp_files(target, year)
    if files is None:
        check_output(target, force=force, protect=protect)
        return
    if target.suffix.lower() != ".json" and not target.is_dir():
        check_output(target, force=True, protect=protect)
        raise Rejected("output", str(target), "output.is_file")
    for file in files:
        check_output(file, force=force, protect=protect)


def fiscal_data_package(state: LedgerState, year: int, path_or_dir: str | Path, point: Point = LATEST, *,
                        force: bool = False, protect: Iterable[Path] = ()) -> Path:
    """Write the year as a Fiscal Data Package (datapackage.json + CSV); returns the descriptor's path.

    Each row is one unit's own figures on one account, so OpenSpending can roll
    them up by either classification; ``path_or_dir`` is a folder or a .json path. Both files
    are written before either is put in place: a new folder whole (a temporary folder renamed),
    else each file over its temporary file; never over a ``protect``ed file (the ledger), nor over
    an existing one without ``force``.
    """
    target, protect = Path(path_or_dir), list(protect)
    check_fdp_output(target, year, force=force, protect=protect)
    csv_name = f"budget-{year}.csv"
    rows = _fdp_rows(state, year, point)
    fields = _FIELDS + [f"{p}_{d}" for d in _DIRECTIONS for p in _PHASES]
    doc = _fdp_descriptor(state, year, csv_name, point)

    def write_csv(out: TextIO) -> None:
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        writer.writerows({k: v if k in _FDP_NUMBERS else csv_text(v) for k, v in row.items()} for row in rows)

    def write_descriptor(out: TextIO) -> None:
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")

    files = fdp_files(target, year)
    if files is None:
        with atomic_folder(target, protect=protect) as folder:
            write_whole(folder / csv_name, write_csv, newline="")
            write_whole(folder / "datapackage.json", write_descriptor)
        return target / "datapackage.json"
    descriptor, table = files
    with atomic_path(table, force=force, protect=protect) as csv_tmp, \
            atomic_path(descriptor, force=force, protect=protect) as descriptor_tmp:
        write_whole(csv_tmp, write_csv, newline="")
        write_whole(descriptor_tmp, write_descriptor)
    return descriptor
