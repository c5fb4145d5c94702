"""What a clerk types, field by field, turned into an unwritten event and its preview.

The terminal UI's forms and the CLI read the same fields the same way: a unit by
its code or a piece of its name, an account by name, a Finnish amount, a Finnish
date, a decision as cited in the minutes. A field that cannot be read, and a rule
the event breaks, come back as ``Rejected`` naming the form's field, so the form
can say which field is wrong and why, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from events import accounts
from events.model import AMOUNT_LIMIT, Decision, Event, Line
from ledger.domain import intake, rules
from ledger.domain.citation import parse_decision
from ledger.domain.money import AmountError, AmountTooLarge, parse_amount, parse_date
from ledger.fold.preview import Preview
from ledger.domain.rules import Rejected
from ledger.fold.state import LedgerState

#: the fields of each form, in the order they are typed (a form's rows, ``ROWS``, come after ``ROWS_AFTER``)
FIELDS: dict[str, tuple[str, ...]] = {
    "amend": ("year", "unit", "account", "amount", "decision", "effective", "note"),
    "reallocate": ("year", "decision", "effective", "note"),
    "transfer": ("unit", "to_parent", "decision", "effective", "from_year", "note"),
    "reverse": ("target", "reason", "decision"),
    # --- s23-parts: a carry-over of the year's unused appropriation to the next (AppropriationCarried) ---
    "carry": ("year", "unit", "account", "amount", "decision", "effective", "note"),
}
#: a form's repeated rows: each row's fields, numbered from 1 ("unit_1", "amount_2"). A reallocation's
#: row is one cell's change as the book prints it (MENOT more is -10 000); its rows add up to zero
ROWS: dict[str, tuple[str, ...]] = {"reallocate": ("unit", "account", "amount")}
#: how many of ``FIELDS`` come before the rows
ROWS_AFTER: dict[str, int] = {"reallocate": 1}
#: the rows a form with rows has at least (a reallocation moves from one cell to another)
FIRST_ROWS = 2
#: the form's name for a refusal of its rows' sum (not a field typed: the form says it under the rows)
BALANCE = "balance"
#: fields holding a unit, resolved by code or name
UNIT_FIELDS = frozenset({"unit", "from_unit", "to_unit", "to_parent"})
#: how many matches a unit search lists
MATCHES = 6
_ROW = re.compile(r"([a-z]+)_(\d+)")


def fields(kind: str, values: dict[str, str] | None = None) -> tuple[str, ...]:
    """Every field of the form as filled in ``values``: its rows numbered in their place."""
    head = FIELDS[kind]
    if kind not in ROWS:
        return head
    at, count = ROWS_AFTER[kind], rows(kind, values or {})
    return head[:at] + tuple(f"{name}_{i}" for i in range(1, count + 1) for name in ROWS[kind]) + head[at:]


def rows(kind: str, values: dict[str, str]) -> int:
    """How many rows ``values`` has (at least ``FIRST_ROWS``): the highest row number named."""
    found = [int(m.group(2)) for name in values if (m := _ROW.fullmatch(name)) and m.group(1) in ROWS.get(kind, ())]
    return max([FIRST_ROWS, *found])


def base(name: str) -> str:
    """A row's field without its number ("unit_2" -> "unit"); any other field as it is."""
    found = _ROW.fullmatch(name)
    return found.group(1) if found else name


def row_of(name: str) -> int | None:
    """The row a field is in ("amount_2" -> 2); None for a field of the whole form."""
    found = _ROW.fullmatch(name)
    return int(found.group(2)) if found else None


def is_unit(name: str) -> bool:
    return base(name) in UNIT_FIELDS


# --- single fields ----------------------------------------------------------------------------


def account(text: str, name: str) -> str:
    known = accounts.lookup(text)
    if known is None or not accounts.known(known):
        raise Rejected(name, text, "account.unknown")
    return known


def amount(text: str, name: str) -> int:
    try:
        return parse_amount(text)
    except AmountTooLarge:
        raise Rejected(name, text, "amount.limit", limit=AMOUNT_LIMIT) from None
    except AmountError:
        raise Rejected(name, text, "amount.invalid") from None


def date(text: str, name: str) -> dt.date:
    try:
        return parse_date(text)
    except AmountError:
        raise Rejected(name, text, "date.invalid") from None


def year(text: str, name: str = "year") -> int:
    if not re.fullmatch(r"\s*\d{4}\s*", text):
        raise Rejected(name, text, "year.invalid")
    return int(text)


def decision(text: str, name: str = "decision", lang: str = "fi") -> Decision | None:
    """An empty field is no decision: the rules say where one is required. ``lang`` is the language the
    clerk cites in (the UI's), which reads an abbreviation that differs by language (KS)."""
    return parse_decision(text, name, lang=lang) if text.strip() else None


def find_units(state: LedgerState, text: str, year: int | None = None) -> list[str]:
    """Units whose code is ``text``, else whose code or name holds it (case ignored).

    Units in ``year``'s organisation come first, then by code.
    """
    wanted = text.strip().casefold()
    if not wanted:
        return []
    exact = [code for code in state.units if code.casefold() == wanted]
    if exact:
        return exact
    named = [code for code in state.units if state.name(code).casefold() == wanted]
    if len(named) == 1:
        return named
    current = set(state.parents(year)) if year is not None else set()
    found = [code for code in state.units if wanted in code.casefold() or wanted in state.name(code).casefold()]
    return sorted(found, key=lambda code: (code not in current, code))


def unit(state: LedgerState, text: str, name: str, year: int | None = None) -> str:
    """The one unit ``text`` names, or ``Rejected`` saying there is none or which ones it could be."""
    if not text.strip():
        raise Rejected(name, text, "unit.empty")
    found = find_units(state, text, year)
    if len(found) == 1:
        return found[0]
    if not found:
        raise Rejected(name, text, "unit.unknown")
    shown = ", ".join(found[:MATCHES]) + (" …" if len(found) > MATCHES else "")
    raise Rejected(name, text, "unit.ambiguous", count=len(found), shown=shown)


# --- whole forms ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """A form's fields checked: the event and its preview, or every field that is wrong and why."""

    values: dict[str, str]
    event: Event | None = None
    preview: Preview | None = None
    #: the first refusal in the form's order (the one a save puts the cursor at)
    error: Rejected | None = None
    #: unit fields read so far: field -> the unit's code
    units: dict[str, str] = field(default_factory=dict)
    #: every field's refusal, in the form's order, one per field; ``error`` is the first
    errors: tuple[Rejected, ...] = ()
    #: a form with rows: the sum of the rows' amounts in cents (zero to save); None until each is read
    balance: int | None = None
    #: the rules' warnings (``Rejected`` "rule.warn") the change is written with only once confirmed
    warnings: tuple[Rejected, ...] = ()

    @property
    def confirms(self) -> frozenset[str]:
        """The codes a save confirms: the warnings' (``ledger.audit.policy``)."""
        return frozenset(warning.value for warning in self.warnings)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def problems(self) -> tuple[Rejected, ...]:
        """Every refusal to show: ``errors``, or ``error`` alone where only it was said."""
        return self.errors or ((self.error,) if self.error is not None else ())


def evaluate(ledger, kind: str, values: dict[str, str], lang: str = "fi") -> Outcome:
    """Read every field, each on its own so that every wrong one is named at once; if all read, build
    the event, check it against the rules and preview it; write nothing.

    A field holding a control character (pasted in) is refused before it is read (``intake``).

    ``ledger`` is a ``ledger.app.Kirjuri``; ``values`` maps the form's fields to their text; ``lang`` is
    the language the decision is cited in.
    """
    units: dict[str, str] = {}
    read: dict[str, object] = {}
    errors, balance = _read_fields(ledger.state, kind, values, units, lang, read)
    if not errors:
        try:
            event = build(ledger, kind, values, units, lang)
            preview, warnings = _previewed(ledger, event)
        except Rejected as exc:
            errors = [_in_form(ledger.state, kind, values, exc)]
        else:
            return Outcome(values, event=event, preview=preview, units=units, balance=balance, warnings=warnings)
    found = errors + [_in_form(ledger.state, kind, values, exc)
                      for exc in _rule_refusals(ledger, kind, values, read, units, {e.field for e in errors})]
    found = _one_per_field(sorted(found, key=_order(kind, values)))
    return Outcome(values, error=found[0], units=units, errors=tuple(found), balance=balance)


def _one_per_field(found: list[Rejected]) -> list[Rejected]:
    """The first refusal of each field (a field is said once, with the first thing wrong with it)."""
    seen: set[str] = set()
    return [exc for exc in found if not (exc.field in seen or seen.add(exc.field))]


def _rule_refusals(ledger, kind: str, values: dict[str, str], read: dict[str, object], units: dict[str, str],
                   wrong: set[str]) -> list[Rejected]:
    """The rules' refusals of the fields that read while others do not, so every wrong field is said at once:
    the decision's own (its §, body and date) and the effective date's year. A rule that needs a field still
    wrong waits for it: none without the year; who may decide a reallocation only once its rows add up."""
    probe = _probe(ledger, kind, values, read, units)
    if probe is None:
        return []
    found: list[Rejected] = []
    if "decision" not in wrong and probe.decision is not None:
        by_rules = kind != "reallocate" or bool(probe.moves)
        found += ledger.decision_refusals(probe, by_rules=by_rules)
    dated = read.get("effective") or (kind != "carry" and probe.decision is not None and "decision" not in wrong)
    if dated and "effective" not in wrong and kind in ("amend", "reallocate", "carry"):
        try:
            rules.year_and_date(probe, probe.to_year if kind == "carry" else probe.year)
        except Rejected as exc:
            found.append(exc)
    return found


def _probe(ledger, kind: str, values: dict[str, str], read: dict[str, object], units: dict[str, str]) -> Event | None:
    """The change as far as its fields read, for the checks that read only its kind, year, decision and dates
    (``_rule_refusals``): a field that did not read stands in as a value those checks do not read."""
    state, the_year, chosen = ledger.state, read.get("year"), read.get("decision")
    if "year" in FIELDS[kind] and not isinstance(the_year, int):
        return None
    on = read.get("effective") or (chosen.date if isinstance(chosen, Decision) else dt.date(the_year or 2000, 1, 1))
    chosen = chosen if isinstance(chosen, Decision) else None
    line = Line(unit=units.get("unit", ""), account=str(read.get("account") or "MENOT"), amount=1)
    if kind == "amend":
        return ledger.amendment(the_year, [line], effective=on, decision=chosen)
    if kind == "carry":
        effective = read.get("effective") or None
        return ledger.carry_over(the_year, the_year + 1, [line], decision=chosen, effective=effective)
    if kind == "reallocate":
        v = {name: values.get(name, "") for name in fields(kind, values)}
        try:
            moves = [move for move, _rows in moves_of(kind, v, units)]
        except (Rejected, KeyError):  # a row does not read, or the rows do not add up: no moves to judge
            moves = []
        return ledger.reallocation(the_year, moves, effective=on, decision=chosen)
    if kind == "transfer" and state.units:
        unit_ = units.get("unit") or next(iter(state.units))
        return ledger.service_transfer(unit_, units.get("to_parent", unit_), effective=on, decision=chosen)
    return None


def _previewed(ledger, event: Event) -> tuple[Preview, tuple[Rejected, ...]]:
    """The preview, and each warning of the rules it passes only once confirmed (confirmed one by one, as a
    clerk would, until none is left or something else refuses it)."""
    warnings: list[Rejected] = []
    while True:
        try:
            return ledger.preview(event, confirm=frozenset(w.value for w in warnings)), tuple(warnings)
        except Rejected as exc:
            if exc.code != "rule.warn" or any(w.value == exc.value for w in warnings):
                raise
            warnings.append(exc)


def _read_fields(state: LedgerState, kind: str, values: dict[str, str], units: dict[str, str], lang: str = "fi",
                 read: dict[str, object] | None = None) -> tuple[list[Rejected], int | None]:
    """Each field read on its own, in the form's order: the refusals, and a form with rows their sum; ``read``
    collects each field's value that read."""
    read = {} if read is None else read
    v = {name: values.get(name, "") for name in fields(kind, values)}
    errors: list[Rejected] = []
    the_year = None
    for name, text in v.items():
        try:
            intake.check_text(name, text)
            if _blank_row(kind, v, name):
                continue
            value = _read(state, kind, v, name, the_year, lang)
        except Rejected as exc:
            errors.append(exc)
            continue
        read[name] = value
        if name == "year":
            the_year = value
        if is_unit(name):
            units[name] = value
    if kind not in ROWS:
        return errors, None
    return _rows_read(kind, v, errors)


def _read(state: LedgerState, kind: str, v: dict[str, str], name: str, the_year: int | None,
          lang: str = "fi"):
    """One field's value, or ``Rejected`` naming it; a field read only with the others (a reversal's
    target, free text) reads as its text."""
    text, what = v[name], base(name)
    if what == "year":
        return year(text, name)
    if what == "from_year":
        return year(text, name) if text.strip() else None
    if what in UNIT_FIELDS:
        return unit(state, text, name, the_year)
    if what in ("account", "from_account", "to_account"):
        return account(text, name)
    if what == "amount":
        if kind in ROWS:
            return _row_amount(text, name)
        if not text.strip():  # not yet typed: missing, as a row's amount is, not a wrong amount
            raise Rejected(name, "", "value.missing")
        return amount(text, name)
    if what == "decision":
        return decision(text, name, lang)
    if what == "effective":
        if text.strip():
            return date(text, name)
        if not v.get("decision", "").strip():
            raise Rejected("effective", "", "effective.empty")
    return text


def _row_amount(text: str, name: str) -> int:
    """A row's change, signed as the book prints it: never zero."""
    if not text.strip():
        raise Rejected(name, "", "value.missing")
    cents = amount(text, name)
    if cents == 0:
        raise Rejected(name, text, "amount.zero")
    return cents


def _blank_row(kind: str, v: dict[str, str], name: str) -> bool:
    """A row left wholly empty is no row: a form opens with more rows than a change may need."""
    row = row_of(name)
    return row is not None and all(not v.get(f"{f}_{row}", "").strip() for f in ROWS[kind])


def _rows_read(kind: str, v: dict[str, str], errors: list[Rejected]) -> tuple[list[Rejected], int | None]:
    """The rows' sum, refused unless zero (once every amount reads); no row filled is refused at the first."""
    count, balance = rows(kind, v), None
    amounts = [f"amount_{row}" for row in range(1, count + 1) if not _blank_row(kind, v, f"amount_{row}")]
    if not amounts:
        errors = errors + [Rejected("unit_1", "", "unit.empty")]
    elif not any(error.field in amounts for error in errors):
        balance = sum(amount(v[name], name) for name in amounts)
        if balance:
            errors = errors + [Rejected(BALANCE, "", "moves.unbalanced", balance=balance)]
    return sorted(errors, key=_order(kind, v)), balance


def _order(kind: str, v: dict[str, str]):
    """The form's order of fields, the rows' sum right after the rows."""
    names = list(fields(kind, v))
    in_rows = [i for i, name in enumerate(names) if row_of(name) is not None]
    if in_rows:
        names.insert(in_rows[-1] + 1, BALANCE)
    return lambda error: names.index(error.field) if error.field in names else len(names)


def build(ledger, kind: str, values: dict[str, str], units: dict[str, str] | None = None,
          lang: str = "fi") -> Event:
    """The unwritten event the form's fields describe; ``units`` collects the units read."""
    units = {} if units is None else units
    v = {name: values.get(name, "") for name in fields(kind, values)}
    state = ledger.state
    if kind == "reverse":
        return ledger.reversal(v["target"], reason=v["reason"].strip(), decision=decision(v["decision"], lang=lang))
    the_year = year(v["year"]) if "year" in v else None
    for name in v:
        if is_unit(name) and not _blank_row(kind, v, name):
            units[name] = unit(state, v[name], name, the_year)
    chosen = decision(v["decision"], lang=lang)
    if kind == "amend":
        cents = amount(v["amount"], "amount")
        line = Line(unit=units["unit"], account=account(v["account"], "account"), amount=cents)
        return ledger.amendment(the_year, [line], effective=_effective(v, chosen), decision=chosen,
                                note=v["note"].strip())
    if kind == "reallocate":
        moves = [move for move, _rows in moves_of(kind, v, units)]
        return ledger.reallocation(the_year, moves, effective=_effective(v, chosen), decision=chosen,
                                   note=v["note"].strip())
    if kind == "transfer":
        from_year = year(v["from_year"], "from_year") if v["from_year"].strip() else None
        return ledger.service_transfer(units["unit"], units["to_parent"], effective=_effective(v, chosen),
                                       decision=chosen, from_year=from_year, note=v["note"].strip())
    if kind == "carry":
        line = Line(unit=units["unit"], account=account(v["account"], "account"), amount=amount(v["amount"], "amount"))
        effective = date(v["effective"], "effective") if v["effective"].strip() else None
        return ledger.carry_over(the_year, the_year + 1, [line], decision=chosen, effective=effective,
                                 note=v["note"].strip())
    raise ValueError(f"no form {kind!r}")


def moves_of(kind: str, v: dict[str, str], units: dict[str, str]) -> list[tuple[tuple[str, str, str, str, int],
                                                                              tuple[int, int]]]:
    """The rows as a reallocation's moves, each with the rows it moves from and to.

    Rows that add up to zero pair off in their order: each row that gains (a plus in the book's sign,
    for MENOT less spending) gives to the next row that loses, as much as both have left; a move is
    made from the cell whose account says which way its appropriation goes (``ledger.build``: the
    source's side signs the amount), so every cell changes by exactly its row.
    """
    legs = [(row, units[f"unit_{row}"], account(v[f"account_{row}"], f"account_{row}"),
             _row_amount(v[f"amount_{row}"], f"amount_{row}")) for row in range(1, rows(kind, v) + 1)
            if not _blank_row(kind, v, f"unit_{row}")]
    if not legs:
        raise Rejected("unit_1", "", "unit.empty")
    balance = sum(cents for *_rest, cents in legs)
    if balance:
        raise Rejected(BALANCE, "", "moves.unbalanced", balance=balance)
    gains = [[row, unit_, acc, cents] for row, unit_, acc, cents in legs if cents > 0]
    losses = [[row, unit_, acc, -cents] for row, unit_, acc, cents in legs if cents < 0]
    out = []
    while gains and losses:
        gain, loss = gains[0], losses[0]
        cents = min(gain[3], loss[3])
        if accounts.known(gain[2]) and accounts.side_of(gain[2]) == "kulu":
            out.append(((gain[1], gain[2], loss[1], loss[2], cents), (gain[0], loss[0])))
        else:
            out.append(((loss[1], loss[2], gain[1], gain[2], cents), (loss[0], gain[0])))
        for leg in (gain, loss):
            leg[3] -= cents
        gains, losses = [g for g in gains if g[3]], [x for x in losses if x[3]]
    return out


def positive_amount(text: str, name: str = "amount") -> int:
    """Appropriation to move, as a clerk types it: more than zero, for the form and the CLI alike."""
    cents = amount(text, name)
    if cents <= 0:
        raise Rejected(name, text, "amount.not_positive")
    return cents


def _effective(v: dict[str, str], chosen: Decision | None) -> dt.date:
    """The typed date, else the decision's: a change takes effect when it is decided."""
    if v["effective"].strip():
        return date(v["effective"], "effective")
    if chosen is None:
        raise Rejected("effective", "", "effective.empty")
    return chosen.date


#: a reallocation's move field -> (the row it comes from: 0 the source, 1 the target; the row's field)
_MOVE_FIELDS = {"from_unit": (0, "unit"), "from_account": (0, "account"), "to_unit": (1, "unit"),
                "to_account": (1, "account"), "amount": (0, "amount")}


def _in_form(state: LedgerState, kind: str, values: dict[str, str], exc: Rejected) -> Rejected:
    """The rule's field named as the form names it: lines[1].unit -> unit, decision.body -> decision,
    a reallocation's moves[2].to_unit -> the row that move takes to (unit_3)."""
    names = fields(kind, values)
    move = re.match(r"moves\[(\d+)\]\.(\w+)", exc.field)
    if kind in ROWS and (move or exc.field == "moves"):
        return exc.as_field(_row_field(state, kind, values, move) or "unit_1")
    name = re.sub(r"^(lines|moves)\[\d+\]\.", "", exc.field).split(".")[0]
    name = {"from_parent": "unit", "moves": "amount", "lines": "amount", "period_start": "effective"}.get(name, name)
    if kind == "carry" and name in ("from_year", "to_year"):  # the form's year is the one carried from
        name = "year"
    return exc if name == exc.field or name not in names else exc.as_field(name)


def _row_field(state: LedgerState, kind: str, values: dict[str, str], move: re.Match | None) -> str | None:
    """The row field a move's refusal is about."""
    if move is None or move.group(2) not in _MOVE_FIELDS:
        return None
    v = {name: values.get(name, "") for name in fields(kind, values)}
    year_ = int(v["year"])
    units = {name: unit(state, v[name], name, year_) for name in v if is_unit(name) and not _blank_row(kind, v, name)}
    paired = moves_of(kind, v, units)
    index = int(move.group(1)) - 1
    if not 0 <= index < len(paired):
        return None
    side, what = _MOVE_FIELDS[move.group(2)]
    return f"{what}_{paired[index][1][side]}"
