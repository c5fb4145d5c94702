"""The events a council's minutes decide (``minutes``): per item, its decision's copy of a carry-over /
lisämääräraha table recorded once, under the decision the minutes state (the body of their running header,
the meeting's day, the item's §), the other stages' copies compared with it.

What a row records, by its table's columns (``columns.toml`` ``[minutes_roles]``):

* a CARRIED column (``Siirtyvä määräraha``): that much of the previous year's unused appropriation carried on
  (``AppropriationCarried``); an EXTRA column beside it is granted on top, a TA-muutos of the new year;
* an EXTRA column (``Lisämääräraha 2025``) in an item whose title or proposal says it finishes the previous
  year's investments (``[minutes]`` ``carry``): a carry-over of what the year left unused, up to the row's
  unused (its UNUSED column, else BUDGET − USED), the rest a TA-muutos. Where the ledger holds no unused
  appropriation of that year at the row's code (a project it does not yet know, or its figures not yet
  imported), the carry cannot be checked against it (``rules``: a carry never exceeds the ledger's unused),
  so the row is recorded as what the minutes literally grant: a TA-muutos of the new year, said in the preview;
* an EXTRA column otherwise: a TA-muutos of the new year.

Every amount is on the investointi part's costs (``Investointimenot``), a cost negative. A code the ledger does
not hold opens a project under the unit the row's group heading names (else the city), its cost estimate an
ESTIMATE column's (else none). The rows' own arithmetic (BUDGET − USED = UNUSED) and the table's total are
checked; a book's difference is reported, never corrected.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from events.model import PROJECT_LEVEL, AppropriationCarried, Decision, Event, Line, ProjectOpened, TaAmended, UnitRegistered
from ledger.books.blockplan import book_root
from ledger.books.minutes import (
    BUDGET, CARRIED, ESTIMATE, EXTRA, UNUSED, USED, Meeting, MinutesReading, MinutesTable, Row, holds,
)
from ledger.books.prose import ProseGrant, vocabulary
from ledger.domain.citation import format_decision, parse_decision
from ledger.domain.refusals import Rejected
from ledger.fold.investments import MENOT as ACCOUNT  # every amount of a table of investment projects
from ledger.fold.vertailu import vertailu
from ledger.locale.reason import Reason

CARRY, GRANT = "carry", "grant"
#: a prose grant's account: a project's investment costs, a unit's operating costs
OPERATING = "MENOT"


@dataclass(frozen=True)
class MinutesCheck:
    line: int
    what: Reason
    stated: int
    computed: int

    @property
    def ok(self) -> bool:
        return self.stated == self.computed


@dataclass
class Entry:
    """What one row records: carried and granted (a TA-muutos) cents, signed as the appropriation, and why a
    carry became a grant."""

    row: Row
    carried: int = 0
    granted: int = 0
    why: Reason | None = None


@dataclass
class Decided:
    """An item's table as decided: its copy, decision, years, what each row records and what the rest says."""

    table: MinutesTable
    decision: Decision | None
    from_year: int
    to_year: int
    copies: list[MinutesTable] = field(default_factory=list)
    differences: list[Reason] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    listed: list[tuple[int, Reason]] = field(default_factory=list)
    checks: list[MinutesCheck] = field(default_factory=list)
    note: Reason | None = None


@dataclass
class MinutesPlan:
    """``cli.books._print_plan``'s plan: the events, the units registered, what the ledger holds already."""

    decided: list[Decided] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    already: int = 0
    #: items these minutes put to the valtuusto (proposals, decided in its minutes)
    proposed: int = 0
    conflicts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: where the minutes disagree with themselves is said per table in the preview; none at the plan's level
    findings: list[str] = field(default_factory=list)
    #: the grants decided in a sentence that are recorded, and those listed (line, why)
    prose: list[ProseEntry] = field(default_factory=list)
    prose_listed: list[tuple[int, Reason]] = field(default_factory=list)


@dataclass(frozen=True)
class ProseEntry:
    """A grant decided in a sentence, recorded as a TA-muutos of ``code`` (a project's investment costs or a
    unit's operating costs) under its decision."""

    grant: ProseGrant
    code: str
    name: str
    account: str
    cents: int
    year: int
    decision: Decision


def decided(reading: MinutesReading) -> list[Decided]:
    """Per item, the copy its decision holds (the minutes' own stage's; without one, the item's last) and
    the other copies compared with it."""
    meeting = reading.meeting
    items: dict[str, list[MinutesTable]] = {}
    for table in reading.tables:
        items.setdefault(table.item, []).append(table)
    found = []
    for tables in (copies for item in items.values() for copies in _same_tables(item)):
        own = [t for t in tables if t.stage is not None and _own(t, meeting)]
        table = own[-1] if own else tables[-1]
        one = Decided(table, _decision(meeting, table), *_years(table, meeting))  # type: ignore[arg-type]
        if not own and any(t.stage is not None for t in tables):
            one.note = Reason("minutes.proposal_taken")
        one.copies = [t for t in tables if t is not table]
        one.differences = [d for copy in one.copies for d in _differences(copy, table)]
        found.append(one)
    return found


def _same_tables(tables: list[MinutesTable]) -> list[list[MinutesTable]]:
    """An item's tables by what they print: copies of one table share most of their codes, another table
    of the item (its equipment beside its buildings) is decided on its own."""
    groups: list[list[MinutesTable]] = []
    for table in tables:
        codes = {r.code for r in table.rows}
        home = next((g for g in groups if any(len(codes & {r.code for r in t.rows}) * 2 >= max(len(codes), 1)
                                              for t in g)), None)
        if home is None:
            groups.append([table])
        else:
            home.append(table)
    return groups


def _own(table: MinutesTable, meeting: Meeting | None) -> bool:
    stage = table.stage
    return (meeting is not None and stage is not None and stage.date == meeting.date
            and stage.organ.casefold() == meeting.organ.casefold())


def _decision(meeting: Meeting | None, table: MinutesTable) -> Decision | None:
    return _decision_of(meeting, table.item or (table.stage.section if table.stage and _own(table, meeting) else ""))


def _years(table: MinutesTable, meeting: Meeting | None) -> tuple[int, int]:
    """(from, to): the year over the carried or granted column, else the meeting's; from the year before."""
    to = next((y for r, y in zip(table.roles, table.years) if r in (CARRIED, EXTRA) and y), None)
    if to is None:
        to = meeting.date.year if meeting is not None else 0
    return to - 1, to


def _differences(copy: MinutesTable, decided: MinutesTable) -> list[Reason]:
    """Where a proposal's copy differs from the decision's: a row's amount, or a row only one of them has."""
    mine = {r.code: r for r in decided.rows}
    theirs = {r.code: r for r in copy.rows}
    stage = f"{copy.stage.organ} {copy.stage.date:%-d.%-m.%Y} § {copy.stage.section}" if copy.stage else "–"
    found = []
    for code in sorted(set(mine) | set(theirs)):
        if code not in mine or code not in theirs:
            found.append(Reason("minutes.copy_row", code=code, stage=stage))
            continue
        for role in sorted(set(mine[code].amounts) | set(theirs[code].amounts)):
            a, b = theirs[code].amounts.get(role), mine[code].amounts.get(role)
            if a != b:
                found.append(Reason("minutes.copy_differs", code=code, role=role, stage=stage,
                                    printed="–" if a is None else a // 100, decided="–" if b is None else b // 100))
    return found


# --- rows -------------------------------------------------------------------------------------------------


def entries(state, one: Decided) -> None:
    """What each row of ``one`` records, its checks, and the rows left listed with why."""
    table = one.table
    roles = set(table.roles)
    for row in table.rows:
        one.checks += _row_checks(row)
        entry = _entry(state, one, row, roles)
        if isinstance(entry, Reason):
            one.listed.append((row.line, entry))
        elif entry.carried or entry.granted:
            one.entries.append(entry)
    if table.total is not None:
        line, stated = table.total
        for role, cents in stated.items():
            computed = sum(r.amounts.get(role, 0) for r in table.rows)
            one.checks.append(MinutesCheck(line, Reason("minutes.check_total", role=role), cents, computed))


def _row_checks(row: Row) -> list[MinutesCheck]:
    a = row.amounts
    if all(role in a for role in (BUDGET, USED, UNUSED)):
        return [MinutesCheck(row.line, Reason("minutes.check_unused", code=row.code), a[UNUSED], a[BUDGET] - a[USED])]
    return []


def _entry(state, one: Decided, row: Row, roles: set[str]) -> Entry | Reason:
    a = row.amounts
    if CARRIED in roles:
        if CARRIED not in a:
            return Reason("minutes.row_without", code=row.code, role=CARRIED)
        return Entry(row, carried=-a[CARRIED], granted=-a.get(EXTRA, 0))
    if EXTRA not in a:
        return Reason("minutes.row_without", code=row.code, role=EXTRA)
    if not one.table.carry_words:
        return Entry(row, granted=-a[EXTRA])
    unused = a.get(UNUSED, a[BUDGET] - a[USED] if BUDGET in a and USED in a else None)
    carried = a[EXTRA] if unused is None else max(0, min(a[EXTRA], unused))
    entry = Entry(row, carried=-carried, granted=-(a[EXTRA] - carried))
    held = _unused(state, row.code, one.from_year)
    if entry.carried and (held is None or held > entry.carried):  # costs: negative; held short of the carry
        entry.granted, entry.carried = entry.granted + entry.carried, 0
        entry.why = Reason("minutes.as_amendment", code=row.code, year=one.from_year, to_year=one.to_year,
                           unused=0 if held is None else -held // 100)
    return entry


def _unused(state, code: str, year: int) -> int | None:
    """The ledger's unused appropriation of ``year`` at ``code``'s investment costs (negative), if it has any."""
    if code not in state.units:
        return None
    unused = vertailu(state, year, code).line(ACCOUNT).unused
    return unused if unused is not None and unused < 0 else None


# --- events -------------------------------------------------------------------------------------------------


def plan_minutes(state, reading: MinutesReading, lines: list[str], *, source: str, digest: str, author: str,
                 now: dt.datetime) -> MinutesPlan:
    """The events of every decided table: the city and the projects the ledger lacks, then per item its
    carry-over and its TA-muutos, each under the item's decision; ids from the file's digest, so the same
    minutes imported again record nothing twice."""
    plan = MinutesPlan(decided(reading))
    stamp = {"recorded_at": now, "author": author}
    prefix = f"minutes-{digest[:12]}"
    root = _root(state, lines, plan, prefix, stamp)
    for one in plan.decided:
        entries(state, one)
        if one.decision is not None and one.decision.body != "valtuusto" and one.table.to_council:
            one.note = Reason("minutes.to_council", decision=format_decision(one.decision))
            one.listed += [(e.row.line, Reason("minutes.proposed")) for e in one.entries]
            one.entries = []
            plan.proposed += 1
            continue
        if one.decision is None:
            one.listed += [(e.row.line, Reason("minutes.no_section")) for e in one.entries]
            one.entries = []
            continue
        for entry in one.entries:
            _open_project(state, plan, one, entry.row, root, prefix, stamp)
        _figures(plan, one, prefix, stamp)
    _prose(state, reading, plan, prefix, stamp)
    if all(isinstance(e, UnitRegistered) for e in plan.events):  # the city is registered only for what is recorded
        plan.events, plan.units = [], []
    plan.already = sum(e.id in state.ids for e in plan.events)
    plan.events = [e for e in plan.events if e.id not in state.ids]
    return plan


def _root(state, lines: list[str], plan: MinutesPlan, prefix: str, stamp: dict) -> str:
    """The city: the ledger's, else the one the minutes name (registered)."""
    held = [u for u in state.units.values() if u.level == "kaupunki"]
    if held:
        return held[0].code
    code, name = book_root(lines, None)
    years = [one.from_year for one in plan.decided if one.from_year > 0] or [1]
    plan.events.append(UnitRegistered(id=f"{prefix}-unit-{code}", effective=dt.date(min(years), 1, 1), code=code,
                                      name=name, level="kaupunki", parent=None, note="", **stamp))
    plan.units.append(code)
    return code


def _open_project(state, plan: MinutesPlan, one: Decided, row: Row, root: str, prefix: str, stamp: dict) -> None:
    if row.code in state.units or any(isinstance(e, ProjectOpened) and e.code == row.code for e in plan.events):
        return
    group = _group_unit(state, row.group) or root
    plan.events.append(ProjectOpened(
        id=f"{prefix}-project-{row.code}", effective=dt.date(one.from_year, 1, 1), decision=one.decision,
        code=row.code, name=row.name or row.code, group=group, unit=group, cost_estimate=row.amounts.get(ESTIMATE, 0),
        first_year=one.from_year, last_year=one.to_year, note=row.group, **stamp))


def _group_unit(state, name: str) -> str | None:
    """The unit (not a project) the row's group heading names, case aside."""
    wanted = " ".join(name.casefold().split())
    for code, unit in state.units.items():
        if unit.level != PROJECT_LEVEL and " ".join(state.name(code).casefold().split()) == wanted:
            return code
    return None


def _figures(plan: MinutesPlan, one: Decided, prefix: str, stamp: dict) -> None:
    section = one.decision.section if one.decision else ""
    before = sum(other.decision == one.decision for other in plan.decided[:plan.decided.index(one)])
    section += f"-{before + 1}" if before else ""  # the item's second table
    carried = [Line(e.row.code, ACCOUNT, e.carried) for e in one.entries if e.carried]
    granted = [Line(e.row.code, ACCOUNT, e.granted) for e in one.entries if e.granted]
    day = max(dt.date(one.to_year, 1, 1), one.decision.date) if one.decision else dt.date(one.to_year, 1, 1)
    if carried:
        plan.events.append(AppropriationCarried(id=f"{prefix}-p{section}-carry", effective=day, decision=one.decision,
                                                from_year=one.from_year, to_year=one.to_year, lines=tuple(carried),
                                                note=one.table.title, **stamp))
    if granted:
        plan.events.append(TaAmended(id=f"{prefix}-p{section}-ta-muutos", effective=day, decision=one.decision,
                                     year=one.to_year, lines=tuple(granted), note=one.table.title, **stamp))


# --- grants decided in a sentence ---------------------------------------------------------------------------


def _prose(state, reading: MinutesReading, plan: MinutesPlan, prefix: str, stamp: dict) -> None:
    """Each prose grant recorded as a TA-muutos where its amount, its decision and the one project or unit of the
    ledger it names are unambiguous; else listed with why."""
    for number, grant in enumerate(reading.grants, 1):
        found = _prose_entry(state, reading.meeting, grant)
        if isinstance(found, Reason):
            plan.proposed += found.key == "minutes.proposed"
            plan.prose_listed.append((grant.line, found))
            continue
        plan.prose.append(found)
        day = max(dt.date(found.year, 1, 1), found.decision.date)
        plan.events.append(TaAmended(
            id=f"{prefix}-p{found.decision.section}-prose-{number}", effective=day, decision=found.decision,
            year=found.year, lines=(Line(found.code, found.account, -found.cents),), note=grant.text, **stamp))


def _prose_entry(state, meeting: Meeting | None, grant: ProseGrant) -> ProseEntry | Reason:
    if not grant.adopted:
        return Reason("minutes.prose_not_adopted", decided=grant.decided or "–")
    section = grant.item or (grant.stage.section if grant.stage else "")
    decision = _decision_of(meeting, section)
    if decision is None:
        return Reason("minutes.no_section")
    if decision.body != "valtuusto" and holds(grant.text, "proposal"):
        return Reason("minutes.proposed")
    if len(grant.amounts) != 1:
        return Reason("minutes.prose_amounts", count=len(grant.amounts))
    named = _named(state, grant.target)
    if len(named) != 1:
        return (Reason("minutes.prose_targets", codes=", ".join(named)) if named
                else Reason("minutes.prose_no_target", target=grant.target))
    code = named[0]
    account = ACCOUNT if state.units[code].level == PROJECT_LEVEL else OPERATING
    year = grant.year or decision.date.year
    return ProseEntry(grant, code, state.name(code), account, grant.amounts[0], year, decision)


def _decision_of(meeting: Meeting | None, section: str) -> Decision | None:
    if meeting is None or not section:
        return None
    try:
        return parse_decision(f"{meeting.organ} {meeting.date:%d.%m.%Y} § {section}")
    except Rejected:
        return None


def _named(state, target: str) -> list[str]:
    """The ledger's units the grant's words name: a code printed in them; else the projects whose every name word
    is there (inflected: `Lankilan sillan` names Lankilan silta); else the units (the city aside) whose are."""
    tokens = set(re.findall(r"[\w.-]+", target))
    codes = sorted(c for c in state.units if c in tokens and any(ch.isdigit() for ch in c))
    if codes:
        return codes
    words = _words(target)
    units = sorted(c for c, u in state.units.items() if u.level != "kaupunki" and _names(words, state.name(c)))
    projects = [c for c in units if state.units[c].level == PROJECT_LEVEL]
    return projects or units


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.casefold())


def _names(words: list[str], name: str) -> bool:
    """Every word of ``name`` (its common words aside) is one of ``words``, inflected: the two share all but
    the last two letters of the shorter, and three at least (`silta` / `sillan`, `koulu` / `koulun`)."""
    wanted = [w for w in _words(name) if len(w) >= 3 and w not in vocabulary()["common"]]
    return bool(wanted) and all(any(_inflected(w, word) for word in words) for w in wanted)


def _inflected(a: str, b: str) -> bool:
    shared = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return shared >= 3 and shared >= min(len(a), len(b)) - 2
