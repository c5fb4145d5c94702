"""Every rule an event must pass before it is written, as pure functions of the state.

A rule failure raises ``Rejected`` naming the field, the value and the reason's code
in ``ledger.domain.refusals``, so the CLI prints it in one English line, the TUI says it in
its own language, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

from events import accounts
from events.codec import canonical
from events.model import (
    AMOUNT_FIELDS,
    AMOUNT_LIMIT,
    LEVELS,
    PROJECT_LEVEL,
    AppropriationCarried,
    BreakdownStated,
    ChangeProposed,
    EntryReversed,
    Event,
    KsSet,
    Line,
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
from ledger.domain.money import format_amount, format_date
from ledger.domain.refusals import Rejected
from ledger.fold.state import ACCOUNT_ANCESTORS, COLUMN_OF, SET_COLUMNS, LedgerState
from ledger.fold.vertailu import Vertailu, vertailu
from ledger.locale.reason import Reason

FIRST_YEAR, LAST_YEAR = 1990, 2100
NOTE_LIMIT = 4000


def _day(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)


def _eur(cents: int) -> str:
    return format_amount(cents, sep=" ")


# --- what each kind needs ---------------------------------------------------------

#: kinds that are not valid without a decision (body, date, §)
NEEDS_DECISION = (TaAdopted, TaAmended, Reallocated, KsSet, TsSet, ServiceTransferred, UnitClosed, ProposalDecided,
                  ProjectOpened, ProjectChanged, ProjectClosed, AppropriationCarried, RulesAdopted)
#: kuntalaki § 110: only the valtuusto adopts and amends the budget
COUNCIL_ONLY = (TaAdopted, TaAmended)


def fiscal_window(event: Event, year: int) -> tuple[dt.date, dt.date]:
    """The effective dates a figure event for fiscal ``year`` may carry."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if isinstance(event, (TaAdopted, KsSet)):
        return dt.date(year - 1, 1, 1), end
    if isinstance(event, TpRecorded):
        return end, dt.date(year + 1, 12, 31)
    if isinstance(event, TsSet):
        return dt.date(year - 5, 1, 1), end
    if isinstance(event, BreakdownStated):
        return _BREAKDOWN_WINDOWS[event.column](year)
    return start, end


#: a breakdown is dated like the figures it breaks down
_BREAKDOWN_WINDOWS = {
    "TA": lambda y: (dt.date(y - 1, 1, 1), dt.date(y, 12, 31)),
    "KS": lambda y: (dt.date(y - 1, 1, 1), dt.date(y, 12, 31)),
    "TS": lambda y: (dt.date(y - 5, 1, 1), dt.date(y, 12, 31)),
    "TP": lambda y: (dt.date(y, 12, 31), dt.date(y + 1, 12, 31)),
    "TA+MUUTOS": lambda y: (dt.date(y, 1, 1), dt.date(y, 12, 31)),
    "TPE": lambda y: (dt.date(y, 1, 1), dt.date(y, 12, 31)),
}


def check(state: LedgerState, event: Event, *, restored: bool = False) -> None:
    """Raise ``Rejected`` unless ``event`` may be appended to ``state``.

    ``restored``: the event comes back from an export with its recorded time (``Kirjuri.submit_recorded``);
    the rules added since it may have been written (``decision_dated``) are not applied to it, so history
    written by an older version still restores and opens. ``verify`` applies them to every event and
    reports an older event that breaks one as a finding.
    """
    if event.id in state.ids:
        raise Rejected("id", event.id, "id.duplicate")
    if not event.author.strip():
        raise Rejected("author", event.author, "author.empty")
    if isinstance(event, NEEDS_DECISION) and event.decision is None:
        raise Rejected("decision", "", "decision.missing", kind=type(event).__name__)
    check_decision(event, restored=restored)
    if len(event.note) > NOTE_LIMIT:
        raise Rejected("note", event.note[:20] + "…", "note.too_long", limit=NOTE_LIMIT)
    _amounts_within_limit(event)
    _CHECKS[type(event)](state, event)


def check_decision(event: Event, *, restored: bool = False) -> None:
    """The decision's own rules: a §, a body kuntalaki lets decide the kind, a date it can have been made on. They
    read nothing but the event's kind, year and decision, so a form checks them while another field is wrong."""
    if event.decision is None:
        return
    if not event.decision.section.strip():
        raise Rejected("decision.section", event.decision.section, "decision.section_empty")
    if isinstance(event, COUNCIL_ONLY) and event.decision.body != "valtuusto":
        raise Rejected("decision.body", event.decision.body, "decision.council_only")
    if not restored:
        decision_dated(event)


#: decisions are made, and their dates read, in Finnish local time: a decision of 1.1. recorded at
#: 00:30 in Helsinki is recorded on its own day, though it is still 31.12. in UTC
FINNISH_TIME = ZoneInfo("Europe/Helsinki")


def finnish_day(at: dt.datetime) -> dt.date:
    """The day it is in Finland at ``at`` (a naive time is taken as UTC, as the ledger stores times)."""
    return (at if at.tzinfo is not None else at.replace(tzinfo=dt.timezone.utc)).astimezone(FINNISH_TIME).date()


def recorded_day(event: Event) -> dt.date:
    """The day ``event`` was recorded, in Finnish local time (``recorded_at`` is stored in UTC)."""
    return finnish_day(event.recorded_at)


def earliest_decision(event: Event) -> dt.date:
    """The earliest day a decision behind ``event`` can have been made.

    Kuntalaki § 110: the valtuusto adopts the TA for fiscal year Y by the end of Y − 1, so nothing
    decided for Y precedes the year before it: 1.1.(Y − 1), whatever the kind (a KS, a muutos, a TP or
    toteuma is decided on or after the TA it follows). The TS reaches further: a plan adopted with an
    earlier year's TA covers Y, so its decisions may be as old as its effective window's start
    (``fiscal_window``, Y − 5). An event of no fiscal year (a unit's registration, a reversal, a
    proposal's decision) is bounded by the ledger's first year's TA: 1.1.(FIRST_YEAR − 1).
    """
    year = getattr(event, "year", None)
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        return dt.date(FIRST_YEAR - 1, 1, 1)
    return min(dt.date(year - 1, 1, 1), fiscal_window(event, year)[0])


def decision_dated(event: Event) -> None:
    """The decision's date is not after the day the event is recorded, nor before its year's TA could be
    adopted (``earliest_decision``): a date in the future or from another era is a typing error."""
    decision = event.decision
    if decision is None:
        return
    recorded = recorded_day(event)
    if decision.date > recorded:
        raise Rejected("decision.date", format_date(decision.date), "decision.after_recorded", recorded=recorded)
    earliest = earliest_decision(event)
    if decision.date < earliest:
        year = getattr(event, "year", None)
        if isinstance(year, int) and FIRST_YEAR <= year <= LAST_YEAR:
            raise Rejected("decision.date", format_date(decision.date), "decision.before_year", year=year,
                           earliest=earliest)
        raise Rejected("decision.date", format_date(decision.date), "decision.before_ledger", earliest=earliest)


def _amounts_within_limit(event: Event) -> None:
    """Every line's and move's amount within ±AMOUNT_LIMIT: what a cell's fold can always add up."""
    for name in AMOUNT_FIELDS[type(event)]:
        items = getattr(event, name)
        for item in items:
            if not -AMOUNT_LIMIT <= item.amount <= AMOUNT_LIMIT:
                raise Rejected(f"{name}[{items.index(item) + 1}].amount", _eur(item.amount), "amount.limit",
                               limit=AMOUNT_LIMIT)


# --- organisation -----------------------------------------------------------------


def _open_unit(state: LedgerState, field: str, code: str, on: dt.date) -> None:
    """The unit exists and is open on ``on`` (as the ledger knows now)."""
    unit = state.units.get(code)
    if unit is None:
        raise Rejected(field, code, "unit.unknown")
    ordinal = on.toordinal()
    if unit.registered[1] in state.reversed_by:
        raise Rejected(field, code, "unit.registration_reversed")
    if unit.registered[0] > ordinal:
        raise Rejected(field, code, "unit.not_yet", on=on, since=_day(unit.registered[0]))
    if unit.closed:
        closed = state.closed_on(code, state.seq)
        if closed is not None and closed <= ordinal:
            raise Rejected(field, code, "unit.closed", since=_day(closed))


def _new_node(state: LedgerState, e: UnitRegistered | ProjectOpened) -> None:
    """A unit or a project opened: a code written without spaces around it, not held by another node (a
    project is a node of the organisation too), and a name."""
    if not e.code.strip() or e.code != e.code.strip():
        raise Rejected("code", e.code, "code.invalid")
    if e.code in state.units:
        raise Rejected("code", e.code, "code.taken", name=state.name(e.code))
    if not e.name.strip():
        raise Rejected("name", e.name, "name.empty")


def _registered(state: LedgerState, e: UnitRegistered) -> None:
    _new_node(state, e)
    if e.level not in LEVELS:
        raise Rejected("level", e.level, "choice.unknown", choices=LEVELS)
    if e.parent is None:
        if e.level != "kaupunki":
            raise Rejected("parent", None, "parent.required", level=e.level)
        return
    _open_unit(state, "parent", e.parent, e.effective)
    _not_project(state, "parent", e.parent, e.level)
    parent_level = state.units[e.parent].level
    if LEVELS.index(parent_level) >= LEVELS.index(e.level):
        raise Rejected("parent", e.parent, "parent.level", parent_level=parent_level, level=e.level)


def _renamed(state: LedgerState, e: UnitRenamed) -> None:
    _open_unit(state, "unit", e.code, e.effective)
    if not e.name.strip():
        raise Rejected("name", e.name, "name.empty")
    if state.name(e.code, e.effective.toordinal()) == e.name:
        raise Rejected("name", e.name, "name.same", code=e.code)


def _closed(state: LedgerState, e: UnitClosed) -> None:
    _open_unit(state, "unit", e.code, e.effective)
    _no_open_children(state, "unit", e.code, e.effective)


def _no_open_children(state: LedgerState, field: str, code: str, effective: dt.date) -> None:
    """Nothing below ``code`` still open, this year or the next, when it closes."""
    on = effective.toordinal()
    for year in (effective.year, effective.year + 1):
        open_kids = [c for c in state.children(code, year, on) if state.closed_on(c, state.seq) is None]
        if open_kids:
            raise Rejected(field, code, "unit.open_children", children=open_kids)


def _transferred(state: LedgerState, e: ServiceTransferred) -> None:
    _open_unit(state, "unit", e.unit, e.effective)
    _open_unit(state, "to_parent", e.to_parent, e.effective)
    if not FIRST_YEAR <= e.from_year <= LAST_YEAR:
        raise Rejected("from_year", e.from_year, "year.range", first=FIRST_YEAR, last=LAST_YEAR)
    on = e.effective.toordinal()
    current = state.parents(e.from_year, on).get(e.unit)
    if e.from_parent != current:
        raise Rejected("from_parent", e.from_parent, "parent.not_current", unit=e.unit, on=e.effective, current=current)
    if e.to_parent == current:
        raise Rejected("to_parent", e.to_parent, "parent.same", unit=e.unit)
    for year in (e.from_year, e.effective.year):
        if e.to_parent in state.subtree(e.unit, year, on):
            raise Rejected("to_parent", e.to_parent, "parent.cycle", unit=e.unit)
    to_level, level = state.units[e.to_parent].level, state.units[e.unit].level
    _not_project(state, "unit", e.unit, level)
    _not_project(state, "to_parent", e.to_parent, level)
    if LEVELS.index(to_level) >= LEVELS.index(level):
        raise Rejected("to_parent", e.to_parent, "parent.level", parent_level=to_level, level=level)


# --- figures -----------------------------------------------------------------------


def year_and_date(e: Event, year: int) -> None:
    """A year the ledger keeps, and an effective date in the kind's window of it (``fiscal_window``)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Rejected("year", year, "year.range", first=FIRST_YEAR, last=LAST_YEAR)
    first, last = fiscal_window(e, year)
    if first <= e.effective <= last:
        return
    window = {"kind": type(e).__name__, "year": year, "first": first, "last": last}
    if (first, last) == (dt.date(year, 1, 1), dt.date(year, 12, 31)):
        raise Rejected("effective", format_date(e.effective), "effective.outside_fiscal_year", **window)
    raise Rejected("effective", format_date(e.effective), "effective.outside_window", **window)


def _lines(state: LedgerState, e: Event, year: int, lines: tuple[Line, ...]) -> None:
    if not lines:
        raise Rejected("lines", [], "lines.empty")
    seen: dict[tuple[str, str], int] = {}
    checked: set[str] = set()
    for i, line in enumerate(lines, 1):
        if line.account not in ACCOUNT_ANCESTORS:
            raise Rejected(f"lines[{i}].account", line.account, "account.unknown")
        if line.unit not in checked:
            _open_unit(state, f"lines[{i}].unit", line.unit, e.effective)
            checked.add(line.unit)
        _project_account(state, f"lines[{i}].account", line.unit, line.account)
        key = (line.unit, line.account)
        if key in seen:
            raise Rejected(f"lines[{i}].account", line.account, "account.twice", unit=line.unit)
        seen[key] = i
    if len(seen) > 1:
        # a book's statement gives a node's appropriation (MENOT, TULOT) and its accounts side by side;
        # neither is summed into the other (``ledger.fold.binding``, ``projections.breakdown``)
        stated = isinstance(e, BreakdownStated)
        for (unit, account), i in seen.items():
            for other in ACCOUNT_ANCESTORS[account][1:]:
                if (unit, other) in seen and not (stated and len(ACCOUNT_ANCESTORS[other]) == 1):
                    raise Rejected(f"lines[{i}].account", account, "account.with_its_part", other=other, unit=unit)


def _no_double_count(state: LedgerState, e: Event, year: int, lines: tuple[Line, ...]) -> None:
    """A column may hold an account or its parts for a unit, never both."""
    column = COLUMN_OF[type(e)]
    for i, line in enumerate(lines, 1):
        cells = state.unit_cells(year, line.unit)
        if not cells:
            continue
        for account in RELATED[line.account]:
            cell = cells.get((account, column))
            if cell is None or not _has_live_entry(state, cell):
                continue
            if account == line.account:
                if column == "TA":
                    raise Rejected(f"lines[{i}].account", line.account, "account.ta_exists", year=year, unit=line.unit)
                continue
            raise Rejected(f"lines[{i}].account", line.account, "account.double_count", unit=line.unit, column=column,
                           year=year, account=account)


def _has_live_entry(state: LedgerState, cell) -> bool:
    if not cell.reversed_any:
        return len(cell) > 0
    return any(seq not in state.reversed_by for seq in cell.rest[0::2])


#: an account, the accounts it rolls up into and its parts: the ones that share its money
RELATED = accounts.RELATED


def _figures(state: LedgerState, e: TaAdopted) -> None:
    year_and_date(e, e.year)
    _lines(state, e, e.year, e.lines)
    if COLUMN_OF[type(e)] in SET_COLUMNS or isinstance(e, TaAdopted):
        _no_double_count(state, e, e.year, e.lines)


def _amended(state: LedgerState, e: TaAmended) -> None:
    year_and_date(e, e.year)
    _lines(state, e, e.year, e.lines)
    for i, line in enumerate(e.lines, 1):
        if line.amount == 0:
            raise Rejected(f"lines[{i}].amount", "0", "amount.zero")


def _toteuma(state: LedgerState, e: ToteumaRecorded) -> None:
    if e.period_start > e.period_end:
        raise Rejected("period_start", format_date(e.period_start), "period.after_end", end=e.period_end)
    for name, day in (("period_start", e.period_start), ("period_end", e.period_end)):
        if day.year != e.year:
            raise Rejected(name, format_date(day), "period.outside_fiscal_year", year=e.year)
    if e.effective != e.period_end:
        raise Rejected("effective", format_date(e.effective), "effective.not_period_end", end=e.period_end)
    year_and_date(e, e.year)
    _lines(state, e, e.year, e.lines)
    start, end = e.period_start.toordinal(), e.period_end.toordinal()
    for line in e.lines:
        clash = state.overlapping_period(e.year, line.unit, line.account, start, end)
        if clash is not None:
            raise Rejected("period_start", format_date(e.period_start), "period.overlap", start=_day(clash[0]),
                           end=_day(clash[1]), unit=line.unit, account=line.account)


def _reallocated(state: LedgerState, e: Reallocated) -> None:
    year_and_date(e, e.year)
    if not e.moves:
        raise Rejected("moves", [], "moves.empty")
    delta: dict[tuple[str, str], int] = {}
    for i, m in enumerate(e.moves, 1):
        for side in ("from", "to"):
            unit, account = getattr(m, f"{side}_unit"), getattr(m, f"{side}_account")
            if account not in accounts.PARENT:
                raise Rejected(f"moves[{i}].{side}_account", account, "account.unknown")
            _open_unit(state, f"moves[{i}].{side}_unit", unit, e.effective)
            _project_account(state, f"moves[{i}].{side}_account", unit, account)
        if (m.from_unit, m.from_account) == (m.to_unit, m.to_account):
            raise Rejected(f"moves[{i}].to_unit", m.to_unit, "move.same_cell")
        if accounts.side_of(m.from_account) != accounts.side_of(m.to_account):
            raise Rejected(f"moves[{i}].to_account", m.to_account, "move.other_side", source=m.from_account)
        if m.amount == 0:
            raise Rejected(f"moves[{i}].amount", "0", "move.nothing")
        delta[(m.from_unit, m.from_account)] = delta.get((m.from_unit, m.from_account), 0) - m.amount
        delta[(m.to_unit, m.to_account)] = delta.get((m.to_unit, m.to_account), 0) + m.amount
    for (unit, account), change in delta.items():
        if change == 0:
            continue
        budget = sum(_account_total(state, e.year, unit, account, column) for column in ("TA", "MUUTOS"))
        toteuma = _account_total(state, e.year, unit, account, "TOTEUMA")
        after = budget + change
        short = abs(after) < abs(toteuma) or (toteuma and after and (after > 0) != (toteuma > 0))
        if short and abs(after) < abs(budget):
            raise Rejected("amount", _eur(abs(change)), "move.below_toteuma", unit=unit, account=account,
                           after=after, toteuma=toteuma)


def _account_total(state: LedgerState, year: int, unit: str, account: str, column: str) -> int:
    """The unit's own figure for an account and every part of it (toteuma may sit on a part)."""
    return sum(
        value for (acc, col), value in state.own_figures(year, unit).items()
        if col == column and account in ACCOUNT_ANCESTORS[acc]
    )


def _reversed(state: LedgerState, e: EntryReversed) -> None:
    if not e.reason.strip():
        raise Rejected("reason", e.reason, "reason.empty")
    target = state.ids.get(e.target)
    if target is None:
        raise Rejected("target", e.target, "event.unknown")
    if target in state.reversed_by:
        raise Rejected("target", e.target, "event.already_reversed", by=state.reversed_by[target])
    kind = state.kind(target)
    if kind == "entry_reversed":
        raise Rejected("target", e.target, "event.is_reversal")
    if kind == "rules_adopted":  # s23-rules: rules are replaced by adopting others, never undone
        raise Rejected("target", e.target, "event.rules_adoption")
    approval = state.enacted_by(target)
    if approval is not None:
        raise Rejected("target", e.target, "event.enacts_proposal", decision=approval)
    standing = state.standing_decision(target) if kind == "change_proposed" else None
    if standing is not None:
        raise Rejected("target", e.target, "proposal.decided", decision=standing)
    if kind in ("unit_registered", "project_opened"):
        code = next(c for c, u in state.units.items() if u.registered[1] == target)
        later = [s for s in state.events_of(code) if s != target and state.alive(s, state.seq)]
        below = [
            c for c, u in state.units.items()
            if state.alive(u.registered[1], state.seq)
            and (u.parent == code or any(t[3] == code and state.alive(t[1], state.seq) for t in u.transfers))
        ]
        if later or below:
            raise Rejected("target", e.target, "event.unit_in_use", code=code)


def lines_and_moves(lines: int, moves: int) -> Rejected:
    """An esitys given both lines and moves (or neither): each count said in its own number ("1 rivi ja
    2 siirtoa"), the moves' as a phrase of its own within the refusal."""
    return Rejected("lines", lines, "proposal.lines_or_moves", lines=lines, moves=Reason("count.moves", count=moves))


def _proposed(state: LedgerState, e: ChangeProposed) -> None:
    """An esitys passes the checks of the change it proposes, bar the decision it awaits."""
    if bool(e.lines) == bool(e.moves):
        raise lines_and_moves(len(e.lines), len(e.moves))
    if e.lines:
        _amended(state, e)  # type: ignore[arg-type]
    else:
        _reallocated(state, e)  # type: ignore[arg-type]


def _decided(state: LedgerState, e: ProposalDecided) -> None:
    """The body the proposal was put to decides it once; an approval names the change it enacts."""
    seq = state.ids.get(e.proposal)
    if seq is None or state.kind(seq) != "change_proposed":
        raise Rejected("proposal", e.proposal, "proposal.unknown")
    if not state.alive(seq, state.seq):
        raise Rejected("proposal", e.proposal, "proposal.withdrawn")
    standing = state.standing_decision(seq)
    if standing is not None:
        raise Rejected("proposal", e.proposal, "proposal.decided", decision=standing)
    proposal = state.proposals[seq]
    if e.decision is not None and e.decision.body != proposal.to_body:
        raise Rejected("decision.body", e.decision.body, "proposal.other_body", to_body=proposal.to_body)
    if not e.approved:
        if e.enacted is not None:
            raise Rejected("enacted", e.enacted, "proposal.rejected_enacts")
        return
    _enacts(state, e, proposal)


def _enacts(state: LedgerState, e: ProposalDecided, proposal: ChangeProposed) -> None:
    """The enacted event is the proposed change itself, written just before the decision, under it."""
    last = state.last_change
    if e.enacted is None or last is None or last.id != e.enacted:
        raise Rejected("enacted", e.enacted or "", "proposal.enacted_missing")
    kind = TaAmended if proposal.lines else Reallocated
    if not isinstance(last, kind):
        raise Rejected("enacted", e.enacted, "proposal.enacted_kind", kind=kind.__name__)
    change = (last.year, last.lines if isinstance(last, TaAmended) else last.moves, last.decision)
    if change != (proposal.year, proposal.lines or proposal.moves, e.decision):
        raise Rejected("enacted", e.enacted, "proposal.enacted_differs")


def _breakdown(state: LedgerState, e: BreakdownStated) -> None:
    if e.column not in _BREAKDOWN_WINDOWS:
        raise Rejected("column", e.column, "choice.unknown", choices=tuple(_BREAKDOWN_WINDOWS))
    year_and_date(e, e.year)
    _lines(state, e, e.year, e.lines)


# --- investments and carry-over (issue 17) ----------------------------------------------------


def _not_project(state: LedgerState, field: str, code: str, level: str) -> None:
    """A unit is never below a project nor moved as one: a project is opened, changed and closed as itself."""
    if state.units[code].level == PROJECT_LEVEL:
        raise Rejected(field, code, "project.not_a_unit", level=level)


def _project_account(state: LedgerState, field: str, unit: str, account: str) -> None:
    """A project's figures are of the investointi part (its menot and tulot), not the operating budget."""
    known = state.units.get(unit)
    if known is not None and known.level == PROJECT_LEVEL and accounts.part_of(account) != "investointi":
        raise Rejected(field, account, "project.account_part", project=unit, part=accounts.part_of(account),
                       accounts=accounts.in_part("investointi"))


def _known_project(state: LedgerState, field: str, code: str, on: dt.date) -> None:
    if code not in state.projects:
        raise Rejected(field, code, "project.unknown")
    _open_unit(state, field, code, on)


def _project_years(first: int, last: int) -> None:
    for name, year in (("first_year", first), ("last_year", last)):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise Rejected(name, year, "year.range", first=FIRST_YEAR, last=LAST_YEAR)
    if first > last:
        raise Rejected("last_year", last, "project.years", first=first)


def _estimate(cents: int) -> None:
    if not 0 <= cents <= AMOUNT_LIMIT:
        raise Rejected("cost_estimate", _eur(cents), "project.estimate", limit=AMOUNT_LIMIT)


def _project_opened(state: LedgerState, e: ProjectOpened) -> None:
    """A new code, a name, an open group (a project or a unit) and an open responsible unit (not a project)."""
    _new_node(state, e)
    _open_unit(state, "group", e.group, e.effective)
    _open_unit(state, "unit", e.unit, e.effective)
    if state.units[e.unit].level == PROJECT_LEVEL:
        raise Rejected("unit", e.unit, "project.responsible_project")
    _estimate(e.cost_estimate)
    _project_years(e.first_year, e.last_year)


def _project_changed(state: LedgerState, e: ProjectChanged) -> None:
    """At least one thing changes; a group is open and not the project itself or below it."""
    _known_project(state, "code", e.code, e.effective)
    given = [name for name in ("name", "group", "cost_estimate", "first_year", "last_year")
             if getattr(e, name) is not None]
    if not given:
        raise Rejected("code", e.code, "project.nothing_changed")
    if e.name is not None and not e.name.strip():
        raise Rejected("name", e.name, "name.empty")
    if e.group is not None:
        _open_unit(state, "group", e.group, e.effective)
        year = e.effective.year
        if e.group in state.subtree(e.code, year, e.effective.toordinal()):
            raise Rejected("group", e.group, "parent.cycle", unit=e.code)
        if state.parents(year, e.effective.toordinal()).get(e.code) == e.group:
            raise Rejected("group", e.group, "parent.same", unit=e.code)
    if e.cost_estimate is not None:
        _estimate(e.cost_estimate)
    now = state.project(e.code, e.effective.toordinal())
    first = now["first_year"] if e.first_year is None else e.first_year
    last = now["last_year"] if e.last_year is None else e.last_year
    _project_years(first, last)  # type: ignore[arg-type]


def _project_closed(state: LedgerState, e: ProjectClosed) -> None:
    """As a unit: open, with no open project below it."""
    _known_project(state, "code", e.code, e.effective)
    _no_open_children(state, "code", e.code, e.effective)


def _carried(state: LedgerState, e: AppropriationCarried) -> None:
    """To the next year, dated in it, each line within what its year left unused (``unused``)."""
    if not FIRST_YEAR <= e.from_year <= LAST_YEAR:
        raise Rejected("from_year", e.from_year, "year.range", first=FIRST_YEAR, last=LAST_YEAR)
    if e.to_year != e.from_year + 1:
        raise Rejected("to_year", e.to_year, "carry.next_year", from_year=e.from_year)
    year_and_date(e, e.to_year)
    _lines(state, e, e.to_year, e.lines)
    for i, line in enumerate(e.lines, 1):
        if line.amount == 0:
            raise Rejected(f"lines[{i}].amount", "0", "amount.zero")
    _within_unused(state, e)


def _within_unused(state: LedgerState, e: AppropriationCarried) -> None:
    """No line carries more than was left unused (``Cells.unused``: TA+muutos - toteutuma - carried before), at
    its unit and at every node and account it rolls up into, and never against the appropriation's sign: a
    carry at a unit and another at its vastuualue never add up past the vastuualue's unused. Each node's
    toteutumisvertailu is read once (``vertailu``, the one definition of the figures)."""
    parents = state.parents(e.from_year)
    tables: dict[str, tuple[Vertailu, set[str]]] = {}
    for i, line in enumerate(e.lines, 1):
        nodes = [line.unit]
        while parents.get(nodes[-1]) is not None:
            nodes.append(parents[nodes[-1]])  # type: ignore[arg-type]
        for node in nodes:
            if node not in tables:
                tables[node] = (vertailu(state, e.from_year, node), set(state.subtree(node, e.from_year)))
            table, below = tables[node]
            for account in ACCOUNT_ANCESTORS[line.account]:
                asked = sum(other.amount for other in e.lines
                            if other.unit in below and account in ACCOUNT_ANCESTORS[other.account])
                cells = table.line(account)
                left = cells.unused or 0
                if asked and (left == 0 or (asked > 0) != (left > 0) or abs(asked) > abs(left)):
                    raise Rejected(f"lines[{i}].amount", _eur(line.amount), "carry.more_than_unused",
                                   unit=node, account=account, year=e.from_year, unused=left,
                                   budget=cells.ta_muutos or 0, toteutuma=cells.toteutuma or 0,
                                   carried=cells.carried or 0, asked=asked)

_CHECKS = {
    UnitRegistered: _registered,
    UnitRenamed: _renamed,
    UnitClosed: _closed,
    ServiceTransferred: _transferred,
    TaAdopted: _figures,
    KsSet: _figures,
    TpRecorded: _figures,
    TpeRecorded: _figures,
    TsSet: _figures,
    TaAmended: _amended,
    ToteumaRecorded: _toteuma,
    Reallocated: _reallocated,
    EntryReversed: _reversed,
    BreakdownStated: _breakdown,
    ChangeProposed: _proposed,
    ProposalDecided: _decided,
    ProjectOpened: _project_opened,
    ProjectChanged: _project_changed,
    ProjectClosed: _project_closed,
    AppropriationCarried: _carried,
}


# --- s23-rules: the rules adopted into the ledger ---------------------------------------------------


def rules_digest(rules) -> str:
    """SHA-256 of a ``RuleSet``'s canonical encoding: what an adoption and a rules file are compared by."""
    return hashlib.sha256(canonical(rules)).hexdigest()


def _rules_adopted(state: LedgerState, e: RulesAdopted) -> None:
    """An adoption's digest is its rules' own (whether the rules are valid is ``ledger.audit.authority``'s)."""
    if e.digest != rules_digest(e.rules):
        raise Rejected("digest", e.digest, "rules.digest", digest=rules_digest(e.rules))


_CHECKS[RulesAdopted] = _rules_adopted
