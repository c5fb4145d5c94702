"""Actuals (toteuma) from the accounting system: cost centre × account × period, mapped to the ledger.

A municipality's ledger system exports its actuals monthly as a CSV or XLSX with one row per
cost centre, account and period. Its numbers are not Kirjuri's: accounts are a chart of
its own (4000–4999 costs, 3000–3999 revenues), cost centres are numbers, costs are usually
positive (debit) and revenues negative (credit). A mapping file (TOML, in the spirit of
hledger's CSV rules) says once how to read it:

.. code-block:: toml

    year = 2026                 # only if the period column holds bare month numbers
    sign = "negate"             # "as-is" (default) or "negate": debit +/credit − → MENOT −/TULOT +
    scale = 1                   # the amounts times this (1000 for a file in 1000 €)

    [columns]                   # the file's header names
    cost_centre = "Kustannuspaikka"
    account = "Tili"
    period = "Kausi"            # 2026/01, 2026-01, 01/2026, 1.2026, 202601, or a date in the month
    amount = "Summa"

    [[accounts]]                # number = "4100", numbers = [...], range = "4000-4999" or prefix = "41"
    range = "4000-4999"
    line = "MENOT"

    [[cost_centres]]
    numbers = ["1100", "1110"]
    unit = "HALLINTOPALVELUT"

A number matches the exact rules first; else the one range or prefix rule that covers it.
Two range/prefix rules that cover a common number with different targets are refused when
the mapping is read, so each row maps to exactly one (unit, account) or is listed with its
row number and why (no rule, or a unit the ledger lacks). Targets where one rolls up into
another (MENOT and Henkilöstökulut) are refused too: their toteuma would be counted twice.

Rows of one month are summed per (unit, account) into one ``ToteumaRecorded`` for that
month. Its id is a digest of the month's figures themselves, not of the file's bytes: the
same figures imported again (the same file, the same rows as XLSX after CSV, or in a later
export that also holds the next month) record nothing and are not refused, while other
figures for a month already recorded are refused by the ledger's rule against overlapping
toteuma periods: Kirjuri never corrects what it holds silently.

A damaged file is refused in one line naming the row, the column and the value: an
unknown column, an amount or a period that cannot be read.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from events import accounts as chart
from events.accounts import ancestors
from events.codec import seal
from events.model import AMOUNT_LIMIT, Event, Line, ToteumaRecorded
from ledger.locale.reason import Reason, said
from ledger.books.longformat import table_of
from ledger.build import Origin, recording
from ledger.domain import intake
from ledger.domain.money import AmountError, format_date, parse_euros
from ledger.domain import vocabulary
from ledger.domain.refusals import why
from ledger.domain.rules import Rejected, check
from ledger.fold.state import LedgerState

__all__ = ["Actual", "ActualsFile", "ActualsPlan", "Mapping", "Rule", "event_id", "events_of", "load_mapping",
           "map_rows", "mapping_of", "plan_actuals", "read_actuals"]

ROLES = ("cost_centre", "account", "period", "amount")
OPTIONAL_ROLES = ("year",)
TOP_KEYS = ("year", "sign", "scale", "columns", "accounts", "cost_centres", "note")
MATCHES = ("number", "numbers", "range", "prefix")
SIGNS = {"as-is": 1, "negate": -1}
_RANGE_RE = re.compile(r"\s*(\d+)\s*[-–]\s*(\d+)\s*")
_MONTH_PATTERNS = (
    (re.compile(r"(\d{4})\s*[-/]\s*(\d{1,2})"), "ym"),
    (re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{4})"), "my"),
    (re.compile(r"(\d{4})(\d{2})"), "ym"),
)
_DATE_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})|(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Rule:
    """One rule of ``[[accounts]]`` or ``[[cost_centres]]``: which numbers, and the target they map to.

    ``numbers`` are exact; ``low``/``high`` a range of integers; ``prefix`` a leading string.
    """

    where: str
    target: str
    numbers: frozenset[str] = frozenset()
    low: int | None = None
    high: int | None = None
    prefix: str | None = None

    def covers(self, key: str) -> bool:
        """Whether a range or prefix rule covers ``key`` (exact numbers are looked up apart)."""
        if self.prefix is not None:
            return key.startswith(self.prefix)
        return self.low is not None and key.isdigit() and self.low <= int(key) <= self.high

    def span(self, width: int) -> tuple[int, int] | None:
        """The numbers of ``width`` digits this rule covers, as an interval (None: none)."""
        if self.prefix is not None:
            if not self.prefix.isdigit() or len(self.prefix) > width:
                return None
            tail = 10 ** (width - len(self.prefix))
            return int(self.prefix) * tail, (int(self.prefix) + 1) * tail - 1
        low, high = max(self.low, 10 ** (width - 1) if width > 1 else 0), min(self.high, 10 ** width - 1)
        return (low, high) if low <= high else None


@dataclass(frozen=True)
class Mapping:
    """A mapping file read: the file's column for each role, the rules, the sign and the scale."""

    source: str
    columns: dict[str, str]
    accounts: tuple[Rule, ...]
    cost_centres: tuple[Rule, ...]
    sign: int = 1
    scale: Decimal = Decimal(1)
    year: int | None = None
    note: str = ""

    def account(self, number: str) -> str | None:
        return _lookup(self.accounts, number)

    def unit(self, centre: str) -> str | None:
        return _lookup(self.cost_centres, centre)


@dataclass(frozen=True)
class Actual:
    """One row of the file, read; ``unit`` and ``account`` are set when the mapping places it,
    else ``why`` says why not (a ``Rejected``, so it can be said in every language)."""

    row: int
    centre: str
    number: str
    period: tuple[dt.date, dt.date]
    amount: int
    unit: str | None = None
    account: str | None = None
    why: Rejected | None = None


@dataclass
class ActualsFile:
    """A file read with its mapping: every data row once, mapped or not."""

    source: str
    rows: list[Actual] = field(default_factory=list)
    centre_column: str = "cost_centre"


# --- the mapping -----------------------------------------------------------------------


def load_mapping(path: str | Path) -> Mapping:
    """Read a mapping file; anything wrong is one ``Rejected`` naming the key and the value."""
    try:
        doc = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # TOMLDecodeError and UnicodeDecodeError are ValueErrors
        raise Rejected("mapping", str(path), "mapping.unreadable", reason=str(exc)) from None
    return mapping_of(doc, str(path))


def mapping_of(doc: dict, source: str = "") -> Mapping:
    """The mapping a parsed TOML document says, checked whole."""
    _known_keys("mapping", doc, TOP_KEYS)
    columns = _columns(doc.get("columns"))
    accounts = _rules(doc.get("accounts"), "accounts", "line")
    for rule in accounts:
        if not chart.known(rule.target):  # the chart in use: a municipality's own accounts too
            raise Rejected(f"{rule.where}.line", rule.target, "choice.unknown", choices=chart.ACCOUNTS)
    _no_double_count(accounts)
    centres = _rules(doc.get("cost_centres"), "cost_centres", "unit")
    return Mapping(source=source, columns=columns, accounts=accounts, cost_centres=centres,
                   sign=_sign(doc.get("sign", "as-is")), scale=_scale(doc.get("scale", 1)), year=_year(doc.get("year")),
                   note=_note(doc.get("note", "")))


def _note(value: object) -> str:
    if not isinstance(value, str):
        raise Rejected("note", value, "value.missing")
    intake.check_text("note", value)
    return value.strip()


def _known_keys(where: str, table: object, keys: tuple[str, ...]) -> dict:
    if not isinstance(table, dict):
        raise Rejected(where, table, "mapping.key_unknown", choices=keys)
    for key in table:
        if key not in keys:
            raise Rejected(f"{where}.{key}" if where != "mapping" else key, key, "mapping.key_unknown", choices=keys)
    return table


def _columns(table: object) -> dict[str, str]:
    table = _known_keys("columns", table if table is not None else {}, ROLES + OPTIONAL_ROLES)
    columns = {}
    for role in ROLES + OPTIONAL_ROLES:
        name = table.get(role)
        if name is None and role in OPTIONAL_ROLES:
            continue
        if not isinstance(name, str) or not name.strip():
            raise Rejected(f"columns.{role}", "" if name is None else name, "value.missing")
        intake.check_text(f"columns.{role}", name)
        columns[role] = name.strip()
    return columns


def _rules(items: object, where: str, target: str) -> tuple[Rule, ...]:
    if not isinstance(items, list) or not items:
        raise Rejected(where, items if items is not None else "", "value.missing")
    rules = tuple(_rule(item, f"{where}[{i}]", target) for i, item in enumerate(items, 1))
    _no_overlap(rules)
    return rules


def _rule(item: object, where: str, target: str) -> Rule:
    item = _known_keys(where, item, (*MATCHES, target, "note"))
    name = item.get(target)
    if not isinstance(name, str) or not name.strip():
        raise Rejected(f"{where}.{target}", "" if name is None else name, "value.missing")
    intake.check_text(f"{where}.{target}", name)
    given = [key for key in MATCHES if key in item]
    if len(given) != 1:
        raise Rejected(where, ", ".join(given), "mapping.rule_match")
    key, value = given[0], item[given[0]]
    if key == "range":
        m = _RANGE_RE.fullmatch(value) if isinstance(value, str) else None
        if m is None or int(m[1]) > int(m[2]):
            raise Rejected(f"{where}.range", value, "mapping.range")
        return Rule(where, name.strip(), low=int(m[1]), high=int(m[2]))
    values = value if key == "numbers" else [value]
    if not isinstance(values, list) or not values or not all(isinstance(v, (str, int)) and str(v).strip() for v in values):
        raise Rejected(f"{where}.{key}", value, "value.missing")
    texts = [str(v).strip() for v in values]
    for text in texts:
        intake.check_text(f"{where}.{key}", text)
    if key == "prefix":
        return Rule(where, name.strip(), prefix=texts[0])
    return Rule(where, name.strip(), numbers=frozenset(texts))


def _no_overlap(rules: tuple[Rule, ...]) -> None:
    """Refuse two rules that would place one number at two targets: exact against exact, and
    range/prefix against range/prefix (an exact number is looked up first, so it may sit in a range)."""
    seen: dict[str, Rule] = {}
    for rule in rules:
        for number in sorted(rule.numbers):
            other = seen.setdefault(number, rule)
            if other.target != rule.target:
                raise Rejected(f"{rule.where}.numbers", number, "mapping.overlap", other=other.where,
                               other_target=other.target)
    spread = [rule for rule in rules if not rule.numbers]
    for i, rule in enumerate(spread):
        for other in spread[:i]:
            if other.target != rule.target and _overlaps(rule, other):
                raise Rejected(rule.where, rule.target, "mapping.overlap", other=other.where, other_target=other.target)


def _overlaps(a: Rule, b: Rule) -> bool:
    if a.prefix is not None and b.prefix is not None:
        return a.prefix.startswith(b.prefix) or b.prefix.startswith(a.prefix)
    widths = range(1, 1 + max(len(str(r.high)) if r.high is not None else len(r.prefix or "") for r in (a, b)))
    for width in widths:
        x, y = a.span(width), b.span(width)
        if x is not None and y is not None and x[0] <= y[1] and y[0] <= x[1]:
            return True
    return False


def _no_double_count(rules: tuple[Rule, ...]) -> None:
    targets = {rule.target: rule for rule in rules}
    for rule in rules:
        for ancestor in ancestors(rule.target)[1:]:
            if ancestor in targets:
                raise Rejected(f"{rule.where}.line", rule.target, "mapping.double_count",
                               other=targets[ancestor].where, ancestor=ancestor)


def _lookup(rules: tuple[Rule, ...], key: str) -> str | None:
    for rule in rules:
        if key in rule.numbers:
            return rule.target
    for rule in rules:
        if rule.covers(key):
            return rule.target
    return None


def _sign(value: object) -> int:
    if value not in SIGNS:
        raise Rejected("sign", value, "mapping.sign")
    return SIGNS[value]


def _scale(value: object) -> Decimal:
    try:
        scale = Decimal(str(value)) if isinstance(value, (int, float, str)) and not isinstance(value, bool) else None
    except InvalidOperation:
        scale = None
    if scale is None or not scale.is_finite() or scale <= 0:
        raise Rejected("scale", value, "mapping.scale")
    return scale


def _year(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= 9999:
        raise Rejected("year", value, "year.invalid_in_file")
    return value


# --- the file --------------------------------------------------------------------------


def read_actuals(path: str | Path, mapping: Mapping) -> ActualsFile:
    """Every data row of a CSV or XLSX export, mapped (or not) by ``mapping``.

    Raises ``Rejected`` (a column the mapping names that the file lacks, an amount or a period
    that cannot be read) or ``LongFormatError`` (not UTF-8, not a workbook): nothing is read then.
    """
    table = table_of(Path(path).read_bytes())
    header = [_cell_text(c) for c in (table[0] if table else [])]
    where = {}
    for role, name in mapping.columns.items():
        matches = [i for i, h in enumerate(header) if h.casefold() == name.casefold()]
        if not matches:
            raise Rejected(f"columns.{role}", name, "mapping.column_missing", columns=tuple(h for h in header if h))
        if len(matches) > 1:
            raise Rejected(f"columns.{role}", name, "mapping.column_twice", count=len(matches))
        where[role] = matches[0]
    result = ActualsFile(str(path), centre_column=mapping.columns["cost_centre"])
    for number, cells in enumerate(table[1:], 2):
        if all(_cell_text(c) == "" for c in cells):
            continue
        named = {role: cells[i] if i < len(cells) else None for role, i in where.items()}
        result.rows.append(_actual(number, named, mapping))
    return result


def _actual(number: int, cells: dict[str, object], mapping: Mapping) -> Actual:
    """One row read; a value that cannot be read is refused (the file is damaged), one that
    maps nowhere is kept with its reason."""
    def named(role: str) -> str:
        return Reason("actuals.row_column", row=number, column=mapping.columns[role])

    centre, account = (_key(cells[role], named(role)) for role in ("cost_centre", "account"))
    period = _month(cells["period"], cells.get("year"), mapping.year, named("period"))
    amount = _cents(cells["amount"], mapping, named("amount"))
    unit, line = mapping.unit(centre), mapping.account(account)
    why = None
    if line is None:
        why = Rejected(named("account"), account, "actuals.account_unmapped")
    elif unit is None:
        why = Rejected(named("cost_centre"), centre, "actuals.centre_unmapped")
    return Actual(number, centre, account, period, amount, unit if why is None else None,
                  line if why is None else None, why)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _key(value: object, name: str) -> str:
    text = _cell_text(value)
    if not text:
        raise Rejected(name, text, "value.missing")
    intake.check_text(name, text)
    return text


def _month(value: object, year_cell: object, year: int | None, name: str) -> tuple[dt.date, dt.date]:
    """The calendar month a period cell names: first and last day."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _bounds(value.year, value.month, name, value)
    text = _cell_text(value)
    intake.check_text(name, text)
    if text.isdigit() and 1 <= int(text) <= 12 and len(text) <= 2:
        given = _cell_text(year_cell)
        if given.isdigit() and len(given) == 4:
            return _bounds(int(given), int(text), name, text)
        if year is None:
            raise Rejected(name, text, "mapping.no_year")
        return _bounds(year, int(text), name, text)
    if m := _DATE_RE.fullmatch(text):
        y, mo = (m[3], m[2]) if m[3] else (m[4], m[5])
        return _bounds(int(y), int(mo), name, text)
    for pattern, order in _MONTH_PATTERNS:
        if m := pattern.fullmatch(text):
            y, mo = (m[1], m[2]) if order == "ym" else (m[2], m[1])
            return _bounds(int(y), int(mo), name, text)
    raise Rejected(name, text, "mapping.period")


def _bounds(year: int, month: int, name: str, shown: object) -> tuple[dt.date, dt.date]:
    if not 1 <= month <= 12 or not 1900 <= year <= 9999:
        raise Rejected(name, str(shown), "mapping.period")
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _cents(value: object, mapping: Mapping, name: str) -> int:
    """Cents in the ledger's sign: the file's amount (Finnish text, or a number cell's decimal
    digits, never float arithmetic) times the scale and the sign."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        try:
            euros = Decimal(str(value))
        except InvalidOperation:
            raise Rejected(name, value, "amount.invalid_in_file") from None
        if not euros.is_finite():
            raise Rejected(name, value, "amount.invalid_in_file")
    else:
        text = _cell_text(value)
        try:
            euros = parse_euros(text)
        except AmountError:
            raise Rejected(name, text, "amount.invalid_in_file") from None
    cents = euros * 100 * mapping.scale * mapping.sign
    if cents != cents.to_integral_value():
        raise Rejected(name, _cell_text(value), "mapping.not_cents", scale=mapping.scale)
    if abs(cents) > AMOUNT_LIMIT:
        raise Rejected(name, _cell_text(value), "amount.limit", limit=AMOUNT_LIMIT)
    return int(cents)


# --- to the ledger ---------------------------------------------------------------------


def map_rows(rows: Iterable[Actual], units: Iterable[str], centre_column: str = "cost_centre",
             ) -> tuple[dict[tuple, dict[tuple[str, str], int]], list[Actual]]:
    """Mapped rows summed per period and (unit, account); rows whose unit the ledger lacks are
    returned with their reason (under the file's ``centre_column``), beside the file's own unmapped rows."""
    known = set(units)
    sums: dict[tuple, dict[tuple[str, str], int]] = {}
    listed = []
    for row in rows:
        if row.why is None and row.unit not in known:
            row = Actual(row.row, row.centre, row.number, row.period, row.amount,
                         why=Rejected(Reason("actuals.row_column", row=row.row, column=centre_column), row.centre, "actuals.unit_unknown", unit=row.unit))
        if row.why is not None:
            listed.append(row)
            continue
        cell = sums.setdefault(row.period, {})
        cell[(row.unit, row.account)] = cell.get((row.unit, row.account), 0) + row.amount
    return dict(sorted(sums.items())), listed


def event_id(period: tuple[dt.date, dt.date], lines: tuple[Line, ...]) -> str:
    """The id of a month's toteuma: a digest of the month and its figures, so the same figures from
    any file (CSV or XLSX, alone or with other months) are the same event."""
    text = f"{period[0].isoformat()}/{period[1].isoformat()}\n" + "\n".join(
        f"{line.unit}\t{line.account}\t{line.amount}" for line in lines)
    return "actuals-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def events_of(sums: dict[tuple, dict[tuple[str, str], int]], origin: Origin, *, note: str = "") -> list[Event]:
    """One toteuma per month, made as ``kirjuri record toteuma`` makes it (``build.recording``), its lines
    sorted by unit and account and its id the digest of its figures (``event_id``)."""
    events = []
    for period, cells in sums.items():
        lines = tuple(Line(unit, account, amount) for (unit, account), amount in sorted(cells.items()))
        events.append(recording(origin, "toteuma", period[0].year, list(lines), period=period, note=note,
                                key=event_id(period, lines)))
    return events


@dataclass
class ActualsPlan:
    """What importing a file would do: the months to record, those already in the ledger, the rows
    listed (not mapped), and the rules' objections (any of which means nothing is written)."""

    sums: dict[tuple, dict[tuple[str, str], int]] = field(default_factory=dict)
    events: list[ToteumaRecorded] = field(default_factory=list)
    already: list[ToteumaRecorded] = field(default_factory=list)
    listed: list[Actual] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def plan_actuals(state: LedgerState, actuals: ActualsFile, origin: Origin, *, note: str = "") -> ActualsPlan:
    """The toteuma events ``actuals`` would record, each checked by the ledger's rules on a copy of the state."""
    sums, listed = map_rows(actuals.rows, state.units, actuals.centre_column)
    result = ActualsPlan(sums=sums, listed=listed)
    scratch = LedgerState.from_checkpoint(state.to_checkpoint()) if state.seq else LedgerState()
    for event in events_of(sums, origin, note=note):
        if event.id in state.ids:
            result.already.append(event)
            continue
        result.events.append(event)
        try:
            check(scratch, event)
        except Rejected as exc:
            result.problems.append(Reason("actuals.period_problem", period=_period_text(event),
                                          problem=_located(exc, event)))
            continue
        scratch.apply(seal(event, scratch.seq + 1, scratch.head)[0])
    return result


def _period_text(event: ToteumaRecorded) -> str:
    return f"{format_date(event.period_start)}–{format_date(event.period_end)}"


def _located(exc: Rejected, event: ToteumaRecorded) -> Reason:
    """The rule's refusal, its ``lines[i]`` said as the unit and account it is about."""
    if m := re.fullmatch(r"lines\[(\d+)\]\.(unit|account|amount)", exc.field):
        line = event.lines[int(m[1]) - 1]
        return _Refusal(Reason("actuals.line_field", unit=line.unit, account=line.account,
                              field=Reason(f"actuals.field.{m[2]}")), exc)
    return _Refusal(exc.field, exc)


class _Refusal(Reason):
    """A rule's refusal within a problem of the file, "KJ MENOT: amount: '0' …": its field (a ``Reason``, or
    a field the vocabulary names) and its reason said in the language asked for; its English is the string."""

    def __new__(cls, name: str, error: Rejected) -> _Refusal:
        made = str.__new__(cls, _refusal_said(name, error, "en"))
        made.key, made.params, made.name, made.error = "", {}, name, error
        return made

    def __reduce__(self):
        return str, (str(self),)

    def said(self, lang: str) -> str:
        return _refusal_said(self.name, self.error, lang)


def _refusal_said(name: str, error: Rejected, lang: str) -> str:
    word = vocabulary.FIELDS.get(name) if not isinstance(name, Reason) else None
    return f"{word.said(lang) if word is not None else said(name, lang)}: {error.value!r} {why(error, lang)}"
