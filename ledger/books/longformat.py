"""Budgets as long tables, in and out: one figure per row, CSV or XLSX.

Finance systems export budgets as long tables, and the same table is what Kirjuri
writes back, so a ledger exported and imported into an empty ledger has the same
figures for every unit, year, column and account.

The column set (a header row names them, in any order, case-insensitive; the
first five are required):

============  ==============================================================
year          fiscal year, e.g. 2025
column        TA, MUUTOS (TA-muutos), KS, TP, TOTEUMA, TPE, TS or SIIRTO
              (any case); SIIRTO: the year's unused appropriation carried
              to the next year (määrärahojen siirto)
unit          the unit's code
unit_path     codes from the top down joined by "/" ("KEMIJARVI/HALL/ICT");
              registers units the ledger does not have yet
unit_name     the unit's name, for registering it
level         kaupunki, toimiala, vastuualue or yksikkö; empty: by the depth
              in unit_path (0 kaupunki … 3 yksikkö)
account       an account of the chart (MENOT, Henkilöstökulut …)
amount        euros, Finnish ("-6 837 670", "1 204 150,50"); in XLSX also a
              number cell (euros, at most two decimals)
decision      the citation, "KV 26.5.2025 § 50"
effective     "1.1.2025" or "2025-01-01" (XLSX: also a date cell); empty:
              1.1. for TA, KS, TS, 31.12. for TP, the period's end for
              TOTEUMA, for SIIRTO 1.1. of the next year (or the decision's
              day if later); MUUTOS and TPE rows must give it
period_start  TOTEUMA rows only: the period the actuals cover
period_end
note          free text
scale         the amount times this (1000 for a row in 1000 €); empty: 1;
              the amount may then have more decimals, the product must be
              whole cents
sign          "as-is" (or empty) or "negate": a system that writes costs
              positive and revenues negative gives "negate"
============  ==============================================================

Kirjuri writes neither ``scale`` nor ``sign``: what it exports is already cents in the
ledger's sign.

CSV is UTF-8 (a BOM is accepted and written, for Excel), its delimiter ";" or ","
is read from the header line, and Kirjuri writes ";" with amounts "1 204 150,50"
as Finnish Excel does. XLSX is the sheet "kirjuri" (else the first sheet) with
the header in row 1; numbers are converted to cents through ``Decimal(str(x))``,
never float arithmetic. Row numbers in messages are the file's rows, header = 1.

Import: rows become events, one per run of rows sharing (year, column, decision,
effective, note, period), lines in row order. A row joins the newest event of its
key unless that event already holds its cell (or the account's parent or part for
the same unit), or a later event touched the same cell: then it starts a new
event, so every cell sees its entries in row order and a set column (KS, TP, TPE,
TS) ends on the last row written for it. A MUUTOS decided by the valtuusto is a
TA-muutos; one decided by any other body can only be a reallocation (kuntalaki
§ 110), written as pairs of consecutive rows, from then to, with opposite amounts.
A SIIRTO row's year is the year the money was left unused in; its rows make one
carry-over (``AppropriationCarried``) to the next year's TA-muutokset.
Every row is checked, then every event against the ledger's rules on a copy of
the state; any problem means nothing is written. Event ids are the file's
rows' SHA-256 (of the rows as read, so the same rows as XLSX after CSV are the
same source) and the event's first row, so importing the same rows again records
nothing; an edited file is a new source. (Files imported before gave ids from their
bytes' SHA-256; those ids are recognised too.)

Export: every live figure event (reversed ones and breakdown statements left out)
in log order, one row per line, with its decision, effective date and note; a
reallocation's moves as their two MUUTOS rows, a carry-over's lines as SIIRTO rows
of the year carried from. Re-imported in that order the
events rebuild the same cells. What does not travel: unit registration dates and
renames (units are registered on the earliest date in the file, with their
current name), transfers (a unit's path is the one of the first year it appears
in), and a reallocation decided by the valtuusto, which comes back as a TA-muutos
with the same figures (rejected if its moves touch one cell twice).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, TYPE_CHECKING
from zipfile import BadZipFile

from events.codec import seal
from events.model import (
    AMOUNT_LIMIT,
    LEVELS,
    AppropriationCarried,
    Decision,
    Event,
    KsSet,
    Line,
    Move,
    Reallocated,
    Stored,
    TaAdopted,
    TaAmended,
    ToteumaRecorded,
    TpeRecorded,
    TpRecorded,
    TsSet,
    UnitRegistered,
)
from ledger.domain import intake
from ledger.domain.citation import format_decision, parse_decision
from ledger.domain.money import (
    AmountError,
    AmountTooLarge,
    format_amount,
    format_date,
    parse_amount,
    parse_date,
    parse_euros,
)
from ledger.reports.output import write_atomic
from ledger.domain.refusals import why as _why
from ledger.domain.rules import RELATED, Rejected, check
from ledger.locale.reason import Reason, said
from ledger.domain.text import csv_text, from_csv_text
from ledger.reports.workbook import abandoned_on_failure, save, text_cell
from ledger.fold.state import CARRIED, COLUMN_OF, LedgerState

if TYPE_CHECKING:
    from ledger.app import Kirjuri

__all__ = [
    "COLUMNS",
    "KINDS",
    "LongFile",
    "LongFormatError",
    "LongRow",
    "Plan",
    "export_long",
    "import_long",
    "long_rows",
    "plan",
    "read_long",
    "record",
    "write_long",
]

COLUMNS = ("year", "column", "unit", "unit_path", "unit_name", "level", "account", "amount",
           "decision", "effective", "period_start", "period_end", "note")
REQUIRED = COLUMNS[:3] + ("account", "amount")
#: columns a file may have that Kirjuri does not write: how its amounts become the ledger's cents
ADJUSTING = ("scale", "sign")
SIGNS = {"": 1, "as-is": 1, "negate": -1}
SHEET = "kirjuri"
#: the event type of each column; MUUTOS not decided by the valtuusto is a reallocation
EVENT_OF: dict[str, type[Event]] = {
    "TA": TaAdopted, "MUUTOS": TaAmended, "KS": KsSet, "TP": TpRecorded,
    "TOTEUMA": ToteumaRecorded, "TPE": TpeRecorded, "TS": TsSet, CARRIED: AppropriationCarried,
}
KINDS = tuple(EVENT_OF)
_EXPORTED = {cls.__struct_config__.tag for cls in (*EVENT_OF.values(), Reallocated)}
_FETCH_CHUNK = 10_000


class LongFormatError(ValueError):
    """A file that cannot be imported; the message is its first problem, in one line (in English; ``said``
    in another language: each problem is a ``Reason``)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(self.said("en"))

    def said(self, lang: str) -> str:
        """The first problem and how many more, in ``lang``."""
        first = said(self.problems[0], lang)
        if len(self.problems) == 1:
            return first
        return Reason("long.first_of", first=first, count=len(self.problems) - 1).said(lang)


class _Refused(Reason):
    """A rule's refusal as a row's problem, "amount: '1,5' is not …", its reason said in the language asked."""

    def __new__(cls, name: str, error: Rejected) -> _Refused:
        made = str.__new__(cls, f"{name}: {error.value!r} {error.why}")
        made.key, made.params, made.name, made.error = "", {}, name, error
        return made

    def __reduce__(self):
        return str, (str(self),)

    def said(self, lang: str) -> str:
        return f"{self.name}: {self.error.value!r} {_why(self.error, lang)}"


def _row_refused(row: int, name: str, error: Rejected) -> Reason:
    return Reason("long.row", row=row, problem=_Refused(name, error))


@dataclass(frozen=True)
class LongRow:
    """One figure row, parsed; ``row`` is its number in the file."""

    row: int
    year: int
    column: str
    unit: str
    account: str
    amount: int
    path: tuple[str, ...] = ()
    unit_name: str = ""
    level: str = ""
    decision: Decision | None = None
    effective: dt.date | None = None
    period: tuple[dt.date, dt.date] | None = None
    note: str = ""

    @property
    def key(self) -> tuple:
        """Rows with the same key may share one event."""
        return (self.year, self.column, self.decision, self.effective, self.note, self.period)

    @property
    def cell(self) -> tuple[int, str, str, str]:
        return (self.year, self.unit, self.account, self.column)

    @property
    def reallocation(self) -> bool:
        return self.column == "MUUTOS" and self.decision is not None and self.decision.body != "valtuusto"


@dataclass
class LongFile:
    """A file read: its rows, or why some could not be read."""

    source: str
    digest: str
    rows: list[LongRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def identity(self) -> str:
        """SHA-256 of the rows as read (numbers, cents in the ledger's sign, parsed dates), not of the
        bytes: the same rows as CSV or as XLSX are the same source, and their events the same ids."""
        text = "\n".join(f"{row.row}\t" + "\t".join(_texts(row)) for row in self.rows)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Plan:
    """What an import would write: units first, then the events; nothing if any problem."""

    units: list[UnitRegistered] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    imported: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def writes(self) -> list[Event]:
        return [*self.units, *self.events]


# --- reading ---------------------------------------------------------------------------


def read_long(path: str | Path) -> LongFile:
    """Parse a CSV or XLSX file (told apart by content); every bad row is reported."""
    data = Path(path).read_bytes()
    result = LongFile(str(path), hashlib.sha256(data).hexdigest())
    try:
        table = table_of(data)
        names = _header(table[0] if table else [])
    except LongFormatError as exc:
        result.errors = exc.problems
        return result
    for number, cells in enumerate(table[1:], 2):
        if all(_text(c) == "" for c in cells):
            continue
        try:
            result.rows.append(_row(number, _named(names, cells)))
        except Rejected as exc:
            result.errors.append(_row_refused(number, exc.field, exc))
    return result


def table_of(data: bytes) -> list[list[object]]:
    """A file's rows of cells: an XLSX workbook's first (or "kirjuri") sheet, else CSV (";" or ",")."""
    return _xlsx_table(data) if data.startswith(b"PK\x03\x04") else _csv_table(data)


def _csv_table(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise LongFormatError([Reason("long.not_utf8", row=line, byte=f"{data[exc.start]:#04x}")]) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [[from_csv_text(cell) for cell in row] for row in reader]
    except csv.Error as exc:  # a cell past the csv module's limit (131 072 characters), a stray NUL
        raise LongFormatError([Reason("long.not_csv", row=reader.line_num, error=str(exc))]) from None


def _xlsx_table(data: bytes) -> list[list[object]]:
    import openpyxl  # only where a workbook is read or written: the UI's start does not load it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise LongFormatError([Reason("long.not_xlsx", error=type(exc).__name__)]) from None
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _header(cells: list[object]) -> list[str]:
    names = [_text(c).lower() for c in cells]
    while names and names[-1] == "":
        names.pop()
    known = COLUMNS + ADJUSTING
    for name in names:
        if name not in known or names.count(name) > 1:
            why = Reason("long.header_twice", name=name) if name in known \
                else Reason("long.header_unknown", name=name, columns=", ".join(known))
            raise LongFormatError([why])
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise LongFormatError([Reason("long.header_lacks", missing=", ".join(missing), columns=", ".join(COLUMNS))])
    return names


#: the columns of free text, where a tab or a line break inside a cell is read as a space
_SPACED = ("unit_name", "note")


def _named(names: list[str], cells: list[object]) -> dict[str, object]:
    """The row's cells by column; a cell past the header means a delimiter inside a value.

    A control character in a cell is refused by its column (``intake.check_text``), but for space
    at either end, and a tab, form feed or line break inside a name or a note: a spreadsheet's
    way of writing a space.
    """
    extra = [_text(c) for c in cells[len(names):] if _text(c)]
    if extra:
        raise Rejected("cells", extra[0], "cells.too_many", count=len(names))
    named = dict(zip(names, cells))
    for name, value in named.items():
        if isinstance(value, str):
            named[name] = text = intake.spaced(value.strip()) if name in _SPACED else value.strip()
            intake.check_text(name, text)
    return named


def _row(number: int, cells: dict[str, object]) -> LongRow:
    """One row's fields, or Rejected naming the first bad one."""
    year, column = _year(cells["year"]), _column(cells["column"])
    unit = _required(cells, "unit")
    period = _period(column, cells.get("period_start"), cells.get("period_end"))
    decision = _decision(cells.get("decision"))
    return LongRow(
        row=number, year=year, column=column, unit=unit,
        account=_required(cells, "account"),
        amount=_amount(cells["amount"], _scale(cells.get("scale")), _sign(cells.get("sign"))),
        path=_path(cells.get("unit_path"), unit), unit_name=_text(cells.get("unit_name")),
        level=_level(cells.get("level")), decision=decision,
        effective=_effective(cells.get("effective"), column, year, period, decision),
        period=period, note=_text(cells.get("note")),
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value).strip()


def _required(cells: dict[str, object], name: str) -> str:
    text = _text(cells.get(name))
    if not text:
        raise Rejected(name, text, "value.missing")
    return text


def _year(value: object) -> int:
    text = _text(value)
    number = text.removesuffix(".0")
    if not number.isdigit() or len(number) != 4:
        raise Rejected("year", value if value is not None else "", "year.invalid_in_file")
    return int(number)


def _column(value: object) -> str:
    text = _text(value).upper()
    if text not in EVENT_OF:
        raise Rejected("column", _text(value), "choice.unknown", choices=tuple(KINDS))
    return text


def _scale(value: object) -> Decimal:
    """The row's scale: a positive number (text the Finnish way, "1 000" or "0,01", or a number cell)."""
    if value is None or _text(value) == "":
        return Decimal(1)
    try:
        scale = Decimal(str(value)) if isinstance(value, (int, float, Decimal)) else parse_euros(_text(value))
    except (AmountError, InvalidOperation):
        scale = None
    if isinstance(value, bool) or scale is None or not scale.is_finite() or scale <= 0:
        raise Rejected("scale", _text(value), "mapping.scale")
    return scale


def _sign(value: object) -> int:
    text = _text(value).lower()
    if text not in SIGNS:
        raise Rejected("sign", _text(value), "mapping.sign")
    return SIGNS[text]


def _amount(value: object, scale: Decimal = Decimal(1), sign: int = 1) -> int:
    """Cents from Finnish text, or from a number cell's decimal digits (never float arithmetic), times
    the row's scale and sign."""
    if scale != 1:
        return _scaled(value, scale, sign)
    return sign * _cents(value)


def _scaled(value: object, scale: Decimal, sign: int) -> int:
    """A scaled amount may carry more decimals ("12,345" in 1000 €), so long as the product is whole cents."""
    try:
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            euros = Decimal(str(value))
        else:
            euros = parse_euros(_text(value))
    except (AmountError, InvalidOperation):
        raise Rejected("amount", _text(value), "amount.invalid_in_file") from None
    cents = euros * 100 * scale * sign if euros.is_finite() else euros
    if not cents.is_finite() or cents != cents.to_integral_value():
        raise Rejected("amount", _text(value), "amount.not_cents")
    if abs(cents) > AMOUNT_LIMIT:
        raise Rejected("amount", _text(value), "amount.limit", limit=AMOUNT_LIMIT)
    return int(cents)


def _cents(value: object) -> int:
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        try:
            cents = Decimal(str(value)) * 100
        except InvalidOperation:
            raise Rejected("amount", value, "amount.invalid_in_file") from None
        if not cents.is_finite() or cents != cents.to_integral_value():
            raise Rejected("amount", value, "amount.not_cents")
        if abs(cents) > AMOUNT_LIMIT:
            raise Rejected("amount", value, "amount.limit", limit=AMOUNT_LIMIT)
        return int(cents)
    try:
        return parse_amount(_text(value))
    except AmountTooLarge:
        raise Rejected("amount", _text(value), "amount.limit", limit=AMOUNT_LIMIT) from None
    except AmountError:
        raise Rejected("amount", _text(value), "amount.invalid_in_file") from None


def _path(value: object, unit: str) -> tuple[str, ...]:
    text = _text(value)
    if not text:
        return ()
    codes = tuple(code.strip() for code in text.split("/"))
    if "" in codes:
        raise Rejected("unit_path", text, "unit_path.empty_code")
    if codes[-1] != unit:
        raise Rejected("unit_path", text, "unit_path.wrong_end", unit=unit)
    return codes


def _level(value: object) -> str:
    text = _text(value).lower()
    if text and text not in LEVELS:
        raise Rejected("level", text, "choice.unknown", choices=LEVELS)
    return text


def _decision(value: object) -> Decision | None:
    text = _text(value)
    return parse_decision(text) if text else None


def _date(name: str, value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    try:
        return parse_date(text)
    except AmountError:
        raise Rejected(name, text, "date.invalid_in_file") from None


def _period(column: str, start: object, end: object) -> tuple[dt.date, dt.date] | None:
    first, last = _date("period_start", start), _date("period_end", end)
    if column != "TOTEUMA":
        if first or last:
            raise Rejected("period_start" if first else "period_end", _text(start or end), "period.only_toteuma")
        return None
    if first is None or last is None:
        raise Rejected("period_start" if first is None else "period_end", "", "period.missing")
    return (first, last)


def _effective(value: object, column: str, year: int, period: tuple[dt.date, dt.date] | None,
               decision: Decision | None = None) -> dt.date:
    """The row's date, or where a clerk leaves it out the same default as ``kirjuri record`` (and, for a
    carry-over, as ``kirjuri carry``: ``ledger.build.carry_over``)."""
    given = _date("effective", value)
    if given is not None:
        return given
    if period is not None:
        return period[1]
    if column == CARRIED:
        start = dt.date(year + 1, 1, 1) if year < dt.MAXYEAR else dt.date.max
        return max(start, decision.date) if decision is not None else start
    if column in ("TA", "KS", "TS"):
        return dt.date(year, 1, 1)
    if column == "TP":
        return dt.date(year, 12, 31)
    raise Rejected("effective", "", "effective.missing_for_column", column=column)


# --- planning --------------------------------------------------------------------------


@dataclass
class _Group:
    """Rows that become one event; ``accounts`` finds clashes without rescanning."""

    rows: list[LongRow] = field(default_factory=list)
    accounts: dict[str, set[str]] = field(default_factory=dict)

    def clashes(self, chunk: list[LongRow]) -> bool:
        if chunk[0].reallocation:
            return False
        held = self.accounts.get(chunk[0].unit, set())
        return any(a in held for a in RELATED.get(chunk[0].account, (chunk[0].account,)))

    def add(self, chunk: list[LongRow]) -> None:
        self.rows.extend(chunk)
        for row in chunk:
            self.accounts.setdefault(row.unit, set()).add(row.account)


def plan(state: LedgerState, long_file: LongFile, *, author: str = "kirjuri-import") -> Plan:
    """The units and events importing ``long_file`` would write, checked on a copy of the state."""
    if long_file.errors:
        return Plan(problems=list(long_file.errors))
    groups, problems = _groups(long_file.rows)
    if problems:
        return Plan(problems=problems)
    at = dt.datetime.now(dt.UTC)
    result, origin = Plan(), {}
    identity = long_file.identity
    for group in groups:
        event_id = f"{identity[:32]}-r{group.rows[0].row}"
        if event_id in state.ids or f"{long_file.digest[:32]}-r{group.rows[0].row}" in state.ids:
            result.imported.extend(row.row for row in group.rows)
            continue
        result.events.append(_event(group.rows, event_id, author, at))
        origin[event_id] = group.rows
    if result.events:
        on = min(event.effective for event in result.events)
        fresh = [row for event in result.events for row in origin[event.id]]
        result.units, unit_origin, result.problems = _units(state, fresh, identity, author, at, on)
        origin |= unit_origin
    if not result.problems:
        result.problems = _dry_run(state, result.writes, origin)
    return result


def _groups(rows: list[LongRow]) -> tuple[list[_Group], list[str]]:
    groups: list[_Group] = []
    newest: dict[tuple, int] = {}
    last: dict[tuple, int] = {}
    chunks, problems = _chunks(rows)
    for chunk in chunks:
        i = newest.get(chunk[0].key)
        if i is None or any(last.get(row.cell, -1) > i for row in chunk) or groups[i].clashes(chunk):
            i = newest[chunk[0].key] = len(groups)
            groups.append(_Group())
        groups[i].add(chunk)
        last.update((row.cell, i) for row in chunk)
    return groups, problems


def _chunks(rows: list[LongRow]) -> tuple[list[list[LongRow]], list[str]]:
    """Single rows, and a reallocation's rows in (from, to) pairs."""
    chunks, problems, i = [], [], 0
    while i < len(rows):
        row = rows[i]
        if not row.reallocation:
            chunks.append([row])
            i += 1
            continue
        pair = rows[i + 1] if i + 1 < len(rows) else None
        if pair is None or pair.key != row.key or pair.amount != -row.amount or row.amount == 0:
            problems.append(Reason("long.no_counterpart", row=row.row, amount=format_amount(row.amount, decimals=2, sep=" "),
                                   decision=format_decision(row.decision)))
            i += 1
            continue
        chunks.append([row, pair])
        i += 2
    return chunks, problems


def _event(rows: list[LongRow], event_id: str, author: str, at: dt.datetime) -> Event:
    first = rows[0]
    common = {"id": event_id, "author": author, "recorded_at": at, "year": first.year,
              "effective": first.effective, "decision": first.decision, "note": first.note}
    if first.reallocation:
        moves = tuple(
            Move(from_unit=a.unit, from_account=a.account, to_unit=b.unit, to_account=b.account, amount=b.amount)
            for a, b in zip(rows[0::2], rows[1::2])
        )
        return Reallocated(moves=moves, **common)
    lines = tuple(Line(row.unit, row.account, row.amount) for row in rows)
    if first.column == CARRIED:
        del common["year"]
        return AppropriationCarried(from_year=first.year, to_year=first.year + 1, lines=lines, **common)
    if first.period is not None:
        common |= {"period_start": first.period[0], "period_end": first.period[1]}
    return EVENT_OF[first.column](lines=lines, **common)


def _units(state: LedgerState, rows: list[LongRow], digest: str, author: str, at: dt.datetime,
           on: dt.date) -> tuple[list[UnitRegistered], dict[str, list[LongRow]], list[str]]:
    """Registrations for units the ledger lacks, parents first, dated ``on`` (the file's earliest date)."""
    named = {}
    for row in rows:
        named.setdefault(row.unit, row)
    units: list[UnitRegistered] = []
    origin: dict[str, list[LongRow]] = {}
    problems: list[str] = []
    known = set(state.units)
    for row in rows:
        if row.unit in known:
            continue
        if not row.path:
            problems.append(Reason("long.unit_unknown", row=row.row, unit=row.unit))
            known.add(row.unit)
            continue
        for depth, code in enumerate(row.path):
            if code in known:
                continue
            known.add(code)
            unit, why = _registration(row.path, depth, named.get(code), f"{digest[:32]}-r{row.row}-{code}", author, at, on)
            if why:
                problems.append(Reason("long.row", row=row.row, problem=why))
                continue
            units.append(unit)
            origin[unit.id] = [row]
    return units, origin, problems


def _registration(path: tuple[str, ...], depth: int, row: LongRow | None, event_id: str, author: str,
                  at: dt.datetime, on: dt.date) -> tuple[UnitRegistered | None, Reason | None]:
    """The unit at ``path[depth]``: its name and level from its own row if the file has one."""
    code = path[depth]
    level = row.level if row is not None and row.level else (LEVELS[depth] if depth < len(LEVELS) else "")
    if not level:
        return None, Reason("long.level_missing", code=code, depth=depth, deepest=LEVELS[-1])
    name = row.unit_name if row is not None and row.unit_name else code
    unit = UnitRegistered(id=event_id, author=author, recorded_at=at, effective=on, code=code, name=name,
                          level=level, parent=path[depth - 1] if depth else None, note="long-format import")
    return unit, None


_INDEXED = re.compile(r"(lines|moves)\[(\d+)\]\.(?:(from|to)_)?(\w+)")
_UNIT_FIELDS = {"code": "unit", "name": "unit_name", "parent": "unit_path"}


def _dry_run(state: LedgerState, events: list[Event], origin: dict[str, list[LongRow]]) -> list[str]:
    """Every event through the rules on a copy of the state; each rejection named by its row."""
    scratch = LedgerState.from_checkpoint(state.to_checkpoint()) if state.seq else LedgerState()
    problems = []
    for event in events:
        try:
            check(scratch, event)
        except Rejected as exc:
            problems.append(_located(exc, origin[event.id], isinstance(event, UnitRegistered)))
            continue
        scratch.apply(seal(event, scratch.seq + 1, scratch.head)[0])
    return problems


def _located(exc: Rejected, rows: list[LongRow], registering: bool) -> Reason:
    """The rule's message with its line or move turned into the file's row and column."""
    row, name = rows[0], exc.field
    if m := _INDEXED.fullmatch(exc.field):
        index = int(m[2]) - 1
        row = rows[2 * index + (m[3] == "to")] if m[1] == "moves" else rows[index]
        name = m[4]
    elif registering:
        name = _UNIT_FIELDS.get(name, name)
    return _row_refused(row.row, name, exc)


# --- writing ---------------------------------------------------------------------------


def record(plan: Plan, submit: Callable[..., list[Stored]]) -> list[Stored]:
    """Write a plan through ``submit`` (``Kirjuri.submit``: one transaction), or nothing if it has problems."""
    if plan.problems:
        raise LongFormatError(plan.problems)
    return submit(*plan.writes) if plan.writes else []


def import_long(app: Kirjuri, path: str | Path) -> Plan:
    """Read, plan and record a long file into ``app`` (a ``Kirjuri``); return the plan carried out."""
    done = plan(app.state, read_long(path), author=app.author)
    record(done, app.submit)
    return done


# --- exporting -------------------------------------------------------------------------


def long_rows(state: LedgerState, records: Iterable[Stored]) -> Iterator[LongRow]:
    """Rows for the figure events among ``records`` (in log order), numbered as a file's rows."""
    number = 1
    for stored in records:
        for row in _event_rows(state, stored.event):
            number += 1
            yield replace(row, row=number)


def _event_rows(state: LedgerState, event: Event) -> Iterator[LongRow]:
    """A carry-over's rows are SIIRTO rows of the year it carries from; re-imported, they carry again."""
    carried = isinstance(event, AppropriationCarried)
    column, year = (CARRIED, event.from_year) if carried else (COLUMN_OF[type(event)], event.year)
    period = (event.period_start, event.period_end) if isinstance(event, ToteumaRecorded) else None
    if isinstance(event, Reallocated):
        cells = [(m.from_unit, m.from_account, -m.amount) for m in event.moves]
        cells = [c for m, f in zip(event.moves, cells) for c in (f, (m.to_unit, m.to_account, m.amount))]
    else:
        cells = [(line.unit, line.account, line.amount) for line in event.lines]
    for unit, account, amount in cells:
        yield LongRow(
            row=0, year=year, column=column, unit=unit, account=account, amount=amount,
            path=_unit_path(state, unit, year), unit_name=state.name(unit), level=state.units[unit].level,
            decision=event.decision, effective=event.effective, period=period, note=event.note,
        )


def _unit_path(state: LedgerState, unit: str, year: int) -> tuple[str, ...]:
    parents, path = state.parents(year), [unit]
    while (parent := parents.get(path[-1])) is not None and parent not in path:
        path.append(parent)
    return tuple(reversed(path))


def live_figure_seqs(state: LedgerState) -> list[int]:
    """Log positions of the figure events still standing (not reversed), in log order."""
    return [seq for seq in range(1, state.seq + 1)
            if seq not in state.reversed_by and state.kind(seq) in _EXPORTED]


def export_long(state: LedgerState, fetch: Callable[[list[int]], dict[int, Stored]], path: str | Path,
                fmt: str | None = None, *, force: bool = False, protect: Iterable[Path] = ()) -> int:
    """Write every live figure to ``path`` as "csv" or "xlsx" (default: by suffix); return rows written.

    ``fetch`` reads stored events by log position (``Kirjuri.records``), a chunk at a time.
    """
    seqs = live_figure_seqs(state)

    def records() -> Iterator[Stored]:
        for i in range(0, len(seqs), _FETCH_CHUNK):
            chunk = fetch(seqs[i:i + _FETCH_CHUNK])
            yield from (chunk[seq] for seq in seqs[i:i + _FETCH_CHUNK])

    return write_long(long_rows(state, records()), path, fmt, force=force, protect=protect)


def write_long(rows: Iterable[LongRow], path: str | Path, fmt: str | None = None, *, force: bool = False,
               protect: Iterable[Path] = ()) -> int:
    """Write rows as CSV (";", Finnish amounts) or XLSX (numbers, date cells), whole or not at all
    (``ledger.reports.output.write_atomic``): never over a ``protect``ed file, nor an existing one without ``force``."""
    fmt = (fmt or Path(path).suffix.lstrip(".") or "csv").lower()
    if fmt not in ("csv", "xlsx"):
        raise Rejected("format", fmt, "choice.unknown", choices=("csv", "xlsx"))
    count = [0]

    def write(out: IO) -> None:
        count[0] = (_write_csv if fmt == "csv" else _write_xlsx)(rows, out)

    write_atomic(Path(path), write, binary=fmt == "xlsx", encoding="utf-8-sig", newline="", force=force,
                 protect=protect, field="file")
    return count[0]


def _texts(row: LongRow) -> list[str]:
    start, end = row.period or (None, None)
    return [str(row.year), row.column, row.unit, "/".join(row.path), row.unit_name, row.level, row.account,
            format_amount(row.amount, decimals=2), format_decision(row.decision),
            format_date(row.effective) if row.effective else "", format_date(start) if start else "",
            format_date(end) if end else "", row.note]


#: the columns that hold numbers (and dates, as Kirjuri writes them): every other cell is text
_CSV_NUMBERS = frozenset(COLUMNS.index(name) for name in ("year", "amount", "effective", "period_start", "period_end"))


def _write_csv(rows: Iterable[LongRow], out: IO[str]) -> int:
    """A text cell that a spreadsheet would run as a formula is neutralised (``ledger.domain.text.csv_text``);
    ``read_long`` takes the quote off again."""
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([cell if i in _CSV_NUMBERS else csv_text(cell) for i, cell in enumerate(_texts(row))])
        count += 1
    return count


def _write_xlsx(rows: Iterable[LongRow], out: IO[bytes]) -> int:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    count = 0
    with abandoned_on_failure(book):
        sheet.append(list(COLUMNS))
        for row in rows:
            sheet.append(_xlsx_cells(sheet, row))
            count += 1
    save(book, out)
    return count


def _xlsx_cells(sheet, row: LongRow) -> list:
    """Amounts as numbers and dates as date cells; text always as text (never a formula)."""
    from openpyxl.cell import WriteOnlyCell

    texts = _texts(row)
    values: list[object] = [row.year, *texts[1:7], Decimal(row.amount).scaleb(-2), texts[8], row.effective,
                            *(row.period or (None, None)), row.note]
    cells = []
    for value in values:
        if isinstance(value, str):
            cells.append(text_cell(WriteOnlyCell(sheet), value))
            continue
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, dt.date):
            cell.number_format = "d.m.yyyy"
        elif isinstance(value, Decimal):
            cell.number_format = "#,##0.00"
        cells.append(cell)
    return cells
