"""What a command would write, unwritten: pure functions from the folded state to new events.

As in the eventsourcing library's examples, where an aggregate decides which events a command
makes and the application only stores them, each function here takes the ledger's state (read,
never changed), an ``Origin`` (who makes the events, the clock they are stamped by, where new
ids come from) and the command's arguments, and returns the events. ``Kirjuri``'s commands call
them, check what they return against the rules and append it; the CLI and the terminal UI's forms
call them (through ``Kirjuri.amendment`` etc.) to preview a change before anything is written.

A command's arguments that no event could hold (a move of a non-positive amount, a reference to no
event, an unusable key) are refused here, as ``Rejected`` naming the field; whether the event
breaks a rule of the ledger is ``rules.check``'s to say, when it is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from events import accounts
from events.model import (
    AppropriationCarried,
    ChangeProposed,
    Decision,
    EntryReversed,
    Event,
    KsSet,
    Line,
    Move,
    ProjectChanged,
    ProjectClosed,
    ProjectOpened,
    ProposalDecided,
    Reallocated,
    RulesAdopted,
    ServiceTransferred,
    TaAdopted,
    TaAmended,
    ToteumaRecorded,
    TpeRecorded,
    TpRecorded,
    TsSet,
    UnitClosed,
    UnitRegistered,
    UnitRenamed,
)
from ledger.audit.authority import Rules, to_ruleset
from ledger.domain.rules import Rejected, rules_digest
from ledger.fold.state import LedgerState

#: `kirjuri record KIND`: the event type of each recordable column
RECORD_KINDS: dict[str, type[Event]] = {
    "ks": KsSet,
    "tp": TpRecorded,
    "toteuma": ToteumaRecorded,
    "tpe": TpeRecorded,
    "ts": TsSet,
}

#: a caller's idempotency key (the event id): letters, digits and . _ : / -, 1-100 characters
KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}")

#: a reallocation's move as a clerk gives it: (from_unit, from_account, to_unit, to_account, cents > 0)
MoveArgs = tuple[str, str, str, str, int]


@dataclass(frozen=True)
class Origin:
    """Where new events come from: who makes them, the clock that stamps them and their new ids.

    Each event made reads the clock once and takes one new id (unless the caller gives its key),
    in that order: a ledger's test clock that ticks on each reading stamps the same times as ever.
    The stamp is provisional: ``Kirjuri.submit`` stamps what it writes with the time of writing.
    """

    author: str
    clock: Callable[[], dt.datetime]
    new_id: Callable[[], str]

    def event(self, cls: type[Event], key: str | None = None, **fields) -> Event:
        """A new event of ``cls``; ``key``, if given, is its id (the caller's idempotency key)."""
        fields.setdefault("author", self.author)
        if key is not None and not KEY.fullmatch(key):
            raise Rejected("key", key, "key.invalid")
        return cls(id=self.new_id() if key is None else key, recorded_at=self.clock(), **fields)


# --- the organisation ----------------------------------------------------------------------------


def unit_registration(origin: Origin, code: str, name: str, level: str, parent: str | None, *,
                      effective: dt.date, decision: Decision | None = None, note: str = "") -> UnitRegistered:
    return origin.event(UnitRegistered, code=code, name=name, level=level, parent=parent, effective=effective,
                        decision=decision, note=note)


def unit_renaming(origin: Origin, code: str, name: str, *, effective: dt.date, decision: Decision | None = None,
                  note: str = "") -> UnitRenamed:
    return origin.event(UnitRenamed, code=code, name=name, effective=effective, decision=decision, note=note)


def unit_closing(origin: Origin, code: str, *, effective: dt.date, decision: Decision | None,
                 note: str = "") -> UnitClosed:
    return origin.event(UnitClosed, code=code, effective=effective, decision=decision, note=note)


def service_transfer(state: LedgerState, origin: Origin, unit: str, to_parent: str, *, effective: dt.date,
                     decision: Decision | None, from_year: int | None = None, note: str = "",
                     key: str | None = None) -> ServiceTransferred:
    """A service moved under another parent: it moves from where the state has it now (in ``from_year``,
    by default the effective date's year)."""
    from_year = effective.year if from_year is None else from_year
    if unit not in state.units:
        raise Rejected("unit", unit, "unit.unknown")
    from_parent = state.parents(from_year, effective.toordinal()).get(unit) or ""
    return origin.event(ServiceTransferred, key, unit=unit, from_parent=from_parent, to_parent=to_parent,
                        from_year=from_year, effective=effective, decision=decision, note=note)


# --- the budget -------------------------------------------------------------------------------------


def adoption(origin: Origin, year: int, lines: list[Line], *, decision: Decision | None,
             effective: dt.date | None = None, note: str = "") -> TaAdopted:
    """The year's TA, effective from the year's first day unless said otherwise."""
    return origin.event(TaAdopted, year=year, lines=tuple(lines), effective=effective or dt.date(year, 1, 1),
                        decision=decision, note=note)


def amendment(origin: Origin, year: int, lines: list[Line], *, effective: dt.date, decision: Decision | None,
              note: str = "", key: str | None = None) -> TaAmended:
    """A TA-muutos: each line's amount is added to the budget."""
    return origin.event(TaAmended, key, year=year, lines=tuple(lines), effective=effective, decision=decision,
                        note=note)


def reallocation(origin: Origin, year: int, moves: list[MoveArgs], *, effective: dt.date,
                 decision: Decision | None, note: str = "", key: str | None = None) -> Reallocated:
    """Appropriation moved between cells.

    Each amount is the appropriation moved, as a clerk says it (> 0); for MENOT that makes the
    target's (negative) budget larger and the source's smaller, so it is stored negative.
    """
    built = []
    for i, (fu, fa, tu, ta, cents) in enumerate(moves, 1):
        if cents <= 0:
            raise Rejected(f"moves[{i}].amount", cents, "amount.move_not_positive")
        side = accounts.side_of(fa) if accounts.known(fa) else "kulu"
        signed = -cents if side == "kulu" else cents
        built.append(Move(from_unit=fu, from_account=fa, to_unit=tu, to_account=ta, amount=signed))
    return origin.event(Reallocated, key, year=year, moves=tuple(built), effective=effective, decision=decision,
                        note=note)


def recording(origin: Origin, kind: str, year: int, lines: list[Line], *, effective: dt.date | None = None,
              period: tuple[dt.date, dt.date] | None = None, decision: Decision | None = None,
              note: str = "", key: str | None = None) -> Event:
    """KS, TP, toteuma (for a period, effective at its end), TPE or TS figures; a date left out is the
    kind's own (``default_effective``, today being the clock's). ``key``, if given, is the event's id
    (an importer's, made from what it imports, so the same figures are the same event)."""
    cls = RECORD_KINDS.get(kind)
    if cls is None:
        raise Rejected("kind", kind, "choice.unknown", choices=tuple(RECORD_KINDS))
    fields: dict = {"year": year, "lines": tuple(lines), "decision": decision, "note": note}
    if cls is ToteumaRecorded:
        if period is None:
            raise Rejected("period", None, "period.required")
        fields |= {"period_start": period[0], "period_end": period[1], "effective": period[1]}
    else:
        fields["effective"] = effective or default_effective(cls, year, origin.clock().date())
    return origin.event(cls, key, **fields)


def default_effective(cls: type[Event], year: int, today: dt.date) -> dt.date:
    """Where a clerk leaves the date out: TP at year end, KS/TS at year start, TPE today within the year."""
    if cls is TpRecorded:
        return dt.date(year, 12, 31)
    if cls in (KsSet, TsSet):
        return dt.date(year, 1, 1)
    return within(year, today)


# --- esitys and päätös ----------------------------------------------------------------------------------


def proposal(origin: Origin, change: TaAmended | Reallocated, *, to_body: str, note: str = "",
             decision: Decision | None = None) -> ChangeProposed:
    """A TA-muutos or a reallocation (as ``amendment``/``reallocation`` build it) entered as an esitys to
    ``to_body``: it moves nothing yet. ``decision``, if any, is the proposing body's own (KH proposing to KV)."""
    moves = change.moves if isinstance(change, Reallocated) else ()
    lines = change.lines if isinstance(change, TaAmended) else ()
    return origin.event(ChangeProposed, year=change.year, to_body=to_body, lines=lines, moves=moves,
                        effective=change.effective, decision=decision, note=note or change.note)


def decision_events(state: LedgerState, origin: Origin, ref: str, *, approved: bool, decision: Decision | None,
                    effective: dt.date | None = None, note: str = "") -> list[Event]:
    """The decision on the proposal ``ref`` names: [the enacted change, the decision] or [the decision].

    The change applies from the proposed day or the decision's, whichever is later, kept inside
    the fiscal year: an overrun approved after the year amends that year.
    """
    proposed = state.proposals.get(resolve_ref(state, ref))
    if proposed is None:
        raise Rejected("proposal", ref, "proposal.unknown")
    decided_on = decision.date if decision else proposed.effective
    on = effective or within(proposed.year, max(proposed.effective, decided_on))
    if not approved:
        return [origin.event(ProposalDecided, proposal=proposed.id, approved=False, effective=on, decision=decision,
                             note=note)]
    cls, fields = (TaAmended, {"lines": proposed.lines}) if proposed.lines else (Reallocated, {"moves": proposed.moves})
    change = origin.event(cls, year=proposed.year, effective=on, decision=decision, note=note or proposed.note,
                          **fields)
    return [change, origin.event(ProposalDecided, proposal=proposed.id, approved=True, enacted=change.id,
                                 effective=on, decision=decision, note=note)]


# --- undoing ------------------------------------------------------------------------------------------------


def reversal(origin: Origin, target: Event, *, reason: str, decision: Decision | None = None) -> EntryReversed:
    """The entry ``target`` (as stored) undone: effective when it was."""
    return origin.event(EntryReversed, target=target.id, reason=reason, effective=target.effective,
                        decision=decision)


def resolve_ref(state: LedgerState, ref: str) -> int:
    """The seq an event reference names: "#162", an event's id, or at least six first characters of one."""
    ref = ref.strip()
    if ref.startswith("#") and ref[1:].isdigit():
        seq = int(ref[1:])
        if 1 <= seq <= state.seq:
            return seq
        raise Rejected("event", ref, "event.out_of_range", last=state.seq)
    if ref in state.ids:
        return state.ids[ref]
    if len(ref) >= 6:
        matches = [seq for event_id, seq in state.ids.items() if event_id.startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise Rejected("event", ref, "event.ambiguous", count=len(matches))
    raise Rejected("event", ref, "event.unknown")


def within(year: int, day: dt.date) -> dt.date:
    """``day`` kept inside the fiscal ``year``."""
    return min(max(day, dt.date(year, 1, 1)), dt.date(year, 12, 31))


__all__ = ["KEY", "RECORD_KINDS", "Origin", "adoption", "amendment", "decision_events", "default_effective",
           "proposal", "reallocation", "recording", "resolve_ref", "reversal", "service_transfer", "unit_closing",
           "unit_registration", "unit_renaming", "within"]


# --- investment projects and carry-over (issue 17) ----------------------------------------------------


def project_opening(origin: Origin, code: str, name: str, *, group: str, unit: str, cost_estimate: int,
                    first_year: int, last_year: int, effective: dt.date, decision: Decision | None,
                    note: str = "", key: str | None = None) -> ProjectOpened:
    return origin.event(ProjectOpened, key, code=code, name=name, group=group, unit=unit,
                        cost_estimate=cost_estimate, first_year=first_year, last_year=last_year,
                        effective=effective, decision=decision, note=note)


def project_change(origin: Origin, code: str, *, effective: dt.date, decision: Decision | None,
                   name: str | None = None, group: str | None = None, cost_estimate: int | None = None,
                   first_year: int | None = None, last_year: int | None = None, note: str = "",
                   key: str | None = None) -> ProjectChanged:
    """Only what is given changes; the rest stays as the project has it."""
    return origin.event(ProjectChanged, key, code=code, name=name, group=group, cost_estimate=cost_estimate,
                        first_year=first_year, last_year=last_year, effective=effective, decision=decision,
                        note=note)


def project_closing(origin: Origin, code: str, *, effective: dt.date, decision: Decision | None, note: str = "",
                    key: str | None = None) -> ProjectClosed:
    return origin.event(ProjectClosed, key, code=code, effective=effective, decision=decision, note=note)


def carry_over(origin: Origin, from_year: int, to_year: int, lines: list[Line], *, decision: Decision | None,
               effective: dt.date | None = None, note: str = "", key: str | None = None) -> AppropriationCarried:
    """Unused appropriations of ``from_year`` carried to ``to_year``: effective by default on the later of
    1.1. of ``to_year`` and the decision's day (a carry decided in from_year's December counts from 1.1.)."""
    if effective is None:
        start = dt.date(to_year, 1, 1) if 1 <= to_year <= 9999 else dt.date.min
        effective = max(start, decision.date) if decision is not None else start
    return origin.event(AppropriationCarried, key, from_year=from_year, to_year=to_year, lines=tuple(lines),
                        decision=decision, effective=effective, note=note)


# --- s23-rules: the rules adopted into the ledger -----------------------------------------------------


def rules_adoption(origin: Origin, rules: Rules, *, decision: Decision | None, effective: dt.date | None = None,
                   note: str = "", key: str | None = None) -> RulesAdopted:
    """``rules`` (``ledger.audit.authority.Rules``) adopted under ``decision``: held as data with their digest,
    effective by default from the day of the decision (else the day it is written)."""
    ruleset = to_ruleset(rules)
    if effective is None:
        effective = decision.date if decision is not None else origin.clock().date()
    return origin.event(RulesAdopted, key, rules=ruleset, digest=rules_digest(ruleset), effective=effective,
                        decision=decision, note=note)
