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
from ledger.domain import intake
from ledger.domain.citation import parse_decision
from ledger.domain.money import AmountError, AmountTooLarge, parse_amount, parse_date
from ledger.fold.preview import Preview
from ledger.domain.rules import Rejected
from ledger.fold.state import LedgerState

#: the fields of each form, in the order they are typed
FIELDS: dict[str, tuple[str, ...]] = {
    "amend": ("year", "unit", "account", "amount", "decision", "effective", "note"),
    "reallocate": ("year", "from_unit", "from_account", "to_unit", "to_account", "amount", "decision",
                   "effective", "note"),
    "transfer": ("unit", "to_parent", "decision", "effective", "from_year", "note"),
    "reverse": ("target", "reason", "decision"),
}
#: fields holding a unit, resolved by code or name
UNIT_FIELDS = frozenset({"unit", "from_unit", "to_unit", "to_parent"})
#: how many matches a unit search lists
MATCHES = 6


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


def decision(text: str, name: str = "decision") -> Decision | None:
    """An empty field is no decision: the rules say where one is required."""
    return parse_decision(text, name) if text.strip() else None


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
    """A form's fields checked: the event and its preview, or the first field that is wrong."""

    values: dict[str, str]
    event: Event | None = None
    preview: Preview | None = None
    error: Rejected | None = None
    #: unit fields read so far: field -> the unit's code
    units: dict[str, str] = field(default_factory=dict)
    #: the rules' warnings (``Rejected`` "rule.warn") the change is written with only once confirmed
    warnings: tuple[Rejected, ...] = ()

    @property
    def confirms(self) -> frozenset[str]:
        """The codes a save confirms: the warnings' (``ledger.audit.policy``)."""
        return frozenset(warning.value for warning in self.warnings)

    @property
    def ok(self) -> bool:
        return self.error is None


def evaluate(ledger, kind: str, values: dict[str, str]) -> Outcome:
    """Read the fields, build the event, check it against the rules and preview it; write nothing.

    A field holding a control character (pasted in) is refused before it is read (``intake``).

    ``ledger`` is a ``ledger.app.Kirjuri``; ``values`` maps the form's fields to their text.
    """
    units: dict[str, str] = {}
    try:
        for name in FIELDS[kind]:
            intake.check_text(name, values.get(name, ""))
        event = build(ledger, kind, values, units)
        preview, warnings = _previewed(ledger, event)
    except Rejected as exc:
        return Outcome(values, error=_in_form(kind, exc), units=units)
    return Outcome(values, event=event, preview=preview, units=units, warnings=warnings)


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


def build(ledger, kind: str, values: dict[str, str], units: dict[str, str] | None = None) -> Event:
    """The unwritten event the form's fields describe; ``units`` collects the units read."""
    units = {} if units is None else units
    v = {name: values.get(name, "") for name in FIELDS[kind]}
    state = ledger.state
    if kind == "reverse":
        return ledger.reversal(v["target"], reason=v["reason"].strip(), decision=decision(v["decision"]))
    the_year = year(v["year"]) if "year" in v else None
    for name in FIELDS[kind]:
        if name in UNIT_FIELDS:
            units[name] = unit(state, v[name], name, the_year)
    chosen = decision(v["decision"])
    if kind == "amend":
        cents = amount(v["amount"], "amount")
        line = Line(unit=units["unit"], account=account(v["account"], "account"), amount=cents)
        return ledger.amendment(the_year, [line], effective=_effective(v, chosen), decision=chosen,
                                note=v["note"].strip())
    if kind == "reallocate":
        move = (units["from_unit"], account(v["from_account"], "from_account"),
                units["to_unit"], account(v["to_account"], "to_account"), positive_amount(v["amount"]))
        return ledger.reallocation(the_year, [move], effective=_effective(v, chosen), decision=chosen,
                                   note=v["note"].strip())
    if kind == "transfer":
        from_year = year(v["from_year"], "from_year") if v["from_year"].strip() else None
        return ledger.service_transfer(units["unit"], units["to_parent"], effective=_effective(v, chosen),
                                       decision=chosen, from_year=from_year, note=v["note"].strip())
    raise ValueError(f"no form {kind!r}")


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


def _in_form(kind: str, exc: Rejected) -> Rejected:
    """The rule's field named as the form names it: lines[1].unit -> unit, decision.body -> decision."""
    name = re.sub(r"^(lines|moves)\[\d+\]\.", "", exc.field).split(".")[0]
    name = {"from_parent": "unit", "moves": "amount", "lines": "amount", "period_start": "effective"}.get(name, name)
    return exc if name == exc.field or name not in FIELDS[kind] else exc.as_field(name)
