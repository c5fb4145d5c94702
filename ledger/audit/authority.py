"""A municipality's rules of authority, and the committee's checks against them.

Kuntalaki § 110: only the valtuusto adopts and amends the budget; it binds it at a
level (sitovuustaso), and below that level the hallitus or a lautakunta may move
appropriations within the käyttösuunnitelma. Who may decide what differs from one
municipality to the next, so it is a TOML file (read with tomllib, written with
tomli-w), one per municipality; ``DEFAULT`` is the law's minimum.

The checks here read the folded state and the events that carry or need a decision;
they return ``verify.Check`` lines for ``kirjuri verify``.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from events.model import (
    BODIES,
    LEVELS,
    AppropriationCarried,
    Event,
    KsSet,
    ProjectChanged,
    ProjectClosed,
    ProjectOpened,
    Reallocated,
    ServiceTransferred,
    Stored,
    TaAdopted,
    TaAmended,
    TsSet,
    UnitClosed,
    UnitRegistered,
    UnitRenamed,
)
from ledger.domain.citation import format_decision
from ledger.audit.findings import Check, Finding
from ledger.domain.money import AmountError, format_amount, format_date, parse_amount
from ledger.domain.rules import Rejected
from ledger.fold.binding import Gap
from ledger.fold.state import LedgerState
from ledger.fold.vertailu import Cells, vertailu

#: the kinds of change a rules file names, and the event each one is
KINDS: dict[str, tuple[type[Event], ...]] = {
    "ta": (TaAdopted,),
    "amendment": (TaAmended,),
    "reallocation_within": (Reallocated,),
    "reallocation_across": (Reallocated,),
    "ks": (KsSet,),
    "ts": (TsSet,),
    "transfer": (ServiceTransferred,),
    "organisation": (UnitRegistered, UnitRenamed, UnitClosed),
    # issue 17: a project opened, changed or closed; a reallocation naming a project; a carry-over
    "investment": (ProjectOpened, ProjectChanged, ProjectClosed),
    "reallocation_projects": (Reallocated,),
    "carry": (AppropriationCarried,),
}


@dataclass(frozen=True)
class Rules:
    """Who may decide what, and where the valtuusto binds the budget."""

    municipality: str = ""
    #: the sitovuustaso: units at this level hold the binding appropriations
    level: str = "vastuualue"
    #: the binding line: NETTOMENO, or MENOT where the council binds the costs
    line: str = "NETTOMENO"
    #: units bound at MENOT though the rest bind at ``line`` (bruttobudjetoidut)
    gross: tuple[str, ...] = ()
    #: differences up to this many cents are rounding, not findings
    tolerance: int = 100
    #: (day, month) by which a TA-muutos must be decided within its fiscal year
    amendments_by: tuple[int, int] = (31, 12)
    #: (day, month) of the next year by which an overrun may still be approved (ylitysoikeus)
    overruns_by: tuple[int, int] = (31, 3)
    #: (day, month) of the next year by which unused appropriations may be carried to it: 30.6., by when
    #: kuntalaki § 113 has the valtuusto handle the tilinpäätös that shows what was left unused
    carries_by: tuple[int, int] = (30, 6)
    bodies: dict[str, tuple[str, ...]] = field(default_factory=lambda: {
        "ta": ("valtuusto",),
        "amendment": ("valtuusto",),
        "reallocation_within": ("valtuusto", "hallitus", "lautakunta"),
        "reallocation_across": ("valtuusto",),
        "ks": ("valtuusto", "hallitus", "lautakunta"),
        "ts": ("valtuusto",),
        "transfer": ("valtuusto", "hallitus"),
        "organisation": ("valtuusto", "hallitus"),
        "investment": ("valtuusto",),
        "reallocation_projects": ("valtuusto",),
        "carry": ("valtuusto",),
    })

    def binding_line(self, unit: str) -> str:
        return "MENOT" if unit in self.gross else self.line


DEFAULT = Rules()


# --- the file ---------------------------------------------------------------------------------


def load(path: Path) -> Rules:
    """Read a rules file; a wrong entry is one ``Rejected`` naming the key and the value."""
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # TOMLDecodeError and UnicodeDecodeError are ValueErrors
        raise Rejected("rules", str(path), "rules.unreadable", reason=str(exc)) from None
    return from_doc(doc)


def from_doc(doc: dict) -> Rules:
    binding, deadlines = doc.get("binding", {}), doc.get("deadlines", {})
    level = binding.get("level", DEFAULT.level)
    if level not in LEVELS:
        raise Rejected("binding.level", level, "choice.unknown", choices=LEVELS)
    line = binding.get("line", DEFAULT.line)
    if line not in ("NETTOMENO", "MENOT"):
        raise Rejected("binding.line", line, "choice.unknown", choices=("NETTOMENO", "MENOT"))
    bodies = dict(DEFAULT.bodies)
    for kind, names in doc.get("bodies", {}).items():
        if kind not in KINDS:
            raise Rejected(f"bodies.{kind}", kind, "choice.unknown", choices=tuple(KINDS))
        for name in names:
            if name not in BODIES:
                raise Rejected(f"bodies.{kind}", name, "choice.unknown", choices=BODIES)
        bodies[kind] = tuple(names)
    return Rules(
        municipality=doc.get("municipality", ""),
        level=level, line=line, gross=tuple(binding.get("gross", ())),
        tolerance=_cents(binding.get("tolerance", "1,00"), "binding.tolerance"),
        amendments_by=_day(deadlines.get("amendments", "31.12."), "deadlines.amendments"),
        overruns_by=_day(deadlines.get("overruns", "31.3."), "deadlines.overruns"),
        carries_by=_day(deadlines.get("carries", "30.6."), "deadlines.carries"),
        bodies=bodies,
    )


def to_toml(rules: Rules) -> str:
    """The rules as a file ``load`` reads back the same."""
    return tomli_w.dumps({
        "municipality": rules.municipality,
        "binding": {"level": rules.level, "line": rules.line, "gross": list(rules.gross),
                    "tolerance": format_amount(rules.tolerance, decimals=2, sep=" ")},
        "deadlines": {"amendments": "%d.%d." % rules.amendments_by, "overruns": "%d.%d." % rules.overruns_by,
                      "carries": "%d.%d." % rules.carries_by},
        "bodies": {kind: list(names) for kind, names in rules.bodies.items()},
    })


def _cents(text: object, key: str) -> int:
    try:
        return abs(parse_amount(str(text)))
    except AmountError:
        raise Rejected(key, text, "amount.invalid") from None


def _day(text: object, key: str) -> tuple[int, int]:
    """ "31.12." -> (31, 12): a day of the year, as the minutes write it."""
    parts = str(text).strip().rstrip(".").split(".")
    try:
        day, month = int(parts[0]), int(parts[1])
        dt.date(2024, month, day)
    except (ValueError, IndexError):
        raise Rejected(key, text, "rules.day") from None
    return day, month


# --- where the budget binds ------------------------------------------------------------------------


def binding_unit(state: LedgerState, rules: Rules, year: int, unit: str) -> str:
    """The unit at the binding level that ``unit`` belongs to in ``year`` (itself if above it)."""
    parents = state.parents(year)
    depth = LEVELS.index(rules.level)
    code: str | None = unit
    while code is not None:
        known = state.units.get(code)
        if known is not None and _depth(known.level) <= depth:
            return code
        code = parents.get(code, known.parent if known else None)
    return unit


def binding_units(state: LedgerState, rules: Rules, year: int) -> list[str]:
    """The units holding binding appropriations in ``year``: at the level, or a leaf above it."""
    parents = state.parents(year)
    depth = LEVELS.index(rules.level)
    has_kids = {p for p in parents.values() if p is not None}
    return sorted(code for code in parents
                  if _depth(state.units[code].level) == depth
                  or (_depth(state.units[code].level) < depth and code not in has_kids))


# --- the checks ------------------------------------------------------------------------------------


def checks(rules: Rules, state: LedgerState, decided: list[Stored]) -> list[Check]:
    """The committee's checks: who decided, when, across which binding units, and overruns."""
    return [decision_check(rules, state, decided), reallocation_check(rules, state, decided),
            overrun_check(rules, state)]


def kind_of(rules: Rules, state: LedgerState, event: Event) -> str | None:
    """The rules file's name for the kind of change ``event`` is (None: needs no decision)."""
    if isinstance(event, Reallocated):
        if _names_project(state, event):
            return "reallocation_projects"
        return "reallocation_across" if _crosses(rules, state, event) else "reallocation_within"
    return next((kind for kind, classes in KINDS.items() if isinstance(event, classes)), None)


def _crosses(rules: Rules, state: LedgerState, event: Reallocated) -> bool:
    return any(binding_unit(state, rules, event.year, m.from_unit) != binding_unit(state, rules, event.year, m.to_unit)
               for m in event.moves)


def decision_check(rules: Rules, state: LedgerState, decided: list[Stored]) -> Check:
    """Each decision by a body the rules entitle to it, made before it was recorded, in its window."""
    findings = []
    for record in decided:
        kind = kind_of(rules, state, record.event)
        if kind is None or record.event.decision is None:
            continue
        findings += _decision_problems(rules, kind, record)
    return Check.of("authority", "Every decision by a body entitled to it under the rules, dated within its window",
                    findings, "scope.decisions", count=len(decided))


def _decision_problems(rules: Rules, kind: str, record: Stored) -> list[Finding]:
    """What is wrong with the event's decision, each a finding that cites the decision first."""
    event, seq, ident = record.event, record.seq, record.event.id
    decision, problems = event.decision, []
    cited = format_decision(decision)
    allowed = rules.bodies.get(kind, ())
    if decision.body not in allowed:
        problems.append(Finding.of(seq, "authority.body", ident, decision=cited, body=decision.body, kind=kind,
                                   allowed=allowed) if allowed
                        else Finding.of(seq, "authority.no_body", ident, decision=cited, body=decision.body,
                                        kind=kind))
    if decision.date > event.recorded_at.date():
        problems.append(Finding.of(seq, "authority.after_recorded", ident, decision=cited, date=decision.date,
                                   recorded=event.recorded_at.date()))
    year = getattr(event, "year", None)
    if isinstance(event, TaAmended) and year is not None:
        latest = _on(rules.overruns_by, year + 1)
        if not dt.date(year, 1, 1) <= decision.date <= latest:
            problems.append(Finding.of(seq, "authority.amendment_window", ident, decision=cited, year=year,
                                       date=decision.date, latest=latest))
        elif decision.date > _on(rules.amendments_by, year):
            problems.append(Finding.of(seq, "authority.amendment_late", ident, decision=cited,
                                       by=_on(rules.amendments_by, year)))
    if isinstance(event, AppropriationCarried) and decision.date > _on(rules.carries_by, event.to_year):
        problems.append(Finding.of(seq, "authority.carry_late", ident, decision=cited, year=event.from_year,
                                   by=_on(rules.carries_by, event.to_year)))
    if isinstance(event, TaAdopted) and year is not None and decision.date > dt.date(year, 12, 31):
        problems.append(Finding.of(seq, "authority.ta_late", ident, decision=cited, year=year, date=decision.date))
    return problems


def _on(day_month: tuple[int, int], year: int) -> dt.date:
    day, month = day_month
    return dt.date(year, month, day)


def reallocation_check(rules: Rules, state: LedgerState, decided: list[Stored]) -> Check:
    """Reallocations stay inside one binding unit unless the valtuusto decided them."""
    findings, count = [], 0
    for record in decided:
        event = record.event
        if not isinstance(event, Reallocated):
            continue
        count += 1
        if _crosses(rules, state, event) and (event.decision is None or event.decision.body != "valtuusto"):
            pairs = sorted({(binding_unit(state, rules, event.year, m.from_unit),
                             binding_unit(state, rules, event.year, m.to_unit)) for m in event.moves})
            moves = tuple(f"{a} → {b}" for a, b in pairs if a != b)
            findings.append(Finding.of(record.seq, "authority.across", event.id, moves=moves))
    return Check.of("reallocations", f"Reallocations stay inside a binding unit ({rules.level}) unless "
                    "the valtuusto decided them", findings, "scope.reallocations", count=count)


def overrun_check(rules: Rules, state: LedgerState) -> Check:
    """Each binding unit's toteutumisvertailu (``ledger.fold.vertailu``, as the report and the committee
    read it): its toteutuma over TA+muutos beyond the tolerance is an overrun; its forecast (TPE) over
    TA+muutos a finding of its own, said as a forecast."""
    findings, looked = [], 0
    for year in state.years():
        for unit in binding_units(state, rules, year):
            line = rules.binding_line(unit)
            cells = vertailu(state, year, unit).line(line)
            budget = cells.ta_muutos
            if budget is None:
                continue
            looked += 1
            for column in overruns(cells, rules.tolerance):
                forecast = column == "TPE"
                actual = cells.tpe if forecast else cells.toteutuma
                findings.append(Finding.of(None, "authority.forecast_overrun" if forecast else "authority.overrun",
                                           year=year, unit=unit, line=line, column=column, actual=actual,
                                           budget=budget, over=budget - actual))
    return Check.of("overruns", f"No binding appropriation ({rules.level}, {rules.line}) overrun by toteuma, "
                    "TPE or TP without a council decision", findings, "scope.appropriations", count=looked)


def gap_findings(state: LedgerState, gaps: list[Gap], at: tuple[int, int]) -> list[Finding]:
    """Each gap between a node's stated figure and its units (``ledger.fold.binding``) as a finding,
    as the reports print it under the table: a contradiction, or rounding its units' printing
    explains (n·p/2)."""
    on, known = at
    return [Finding.of(None, "binding.rounding" if gap.rounding else "binding.contradiction",
                       year=gap.year, unit=gap.node, name=state.name(gap.node, on, known), line=gap.account,
                       column=gap.column, stated=gap.stated, lines=gap.lines, difference=gap.difference,
                       parts=gap.parts, precision=gap.unit, tolerance=gap.tolerance)
            for gap in gaps]


def overruns(cells: Cells, tolerance: int) -> tuple[str, ...]:
    """What of a toteutumisvertailu line overruns its TA+muutos beyond the tolerance: the toteutuma,
    named by its source ("TP", "TOTEUMA", "TP/TOTEUMA"), and the forecast, "TPE".

    Costs are negative, so an overrun is a figure below the budget. A toteutuma not all of closed
    years (some unit's toteuma so far) is only part of the year: it overruns a net cost, never a net
    income it has yet to reach. A forecast is of the whole year.
    """
    budget = cells.ta_muutos
    if budget is None:
        return ()
    found = []
    if cells.toteutuma is not None and (cells.closed or budget <= 0) and cells.toteutuma < budget - tolerance:
        found.append(cells.source)
    if cells.tpe is not None and cells.tpe < budget - tolerance:
        found.append("TPE")
    return tuple(found)


# --- investment projects and carry-over (issue 17) ------------------------------------------------


def _depth(level: str) -> int:
    """A level's depth in the organisation; a project (``PROJECT_LEVEL``) is below every unit's level."""
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def _names_project(state: LedgerState, event: Reallocated) -> bool:
    """A reallocation to or from an investment project: decided as the rules say for projects."""
    return any(code in state.projects for m in event.moves for code in (m.from_unit, m.to_unit))


#: the kinds whose body and deadline the rules decide before anything is written (``refuse``)
_REFUSED_AT_WRITE = (ProjectOpened, ProjectChanged, ProjectClosed, AppropriationCarried, Reallocated)


def refuse(rules: Rules, state: LedgerState, event: Event) -> None:
    """Raise ``Rejected`` for an investment project's event, a reallocation naming a project or a carry-over
    decided by a body the rules do not allow for it, or a carry-over decided after the rules' deadline
    (``carries_by`` of the year it carries to): what ``decision_check`` would find, refused before writing.
    Other kinds are left to the rules at write time and to verify, as before."""
    if not isinstance(event, _REFUSED_AT_WRITE) or event.decision is None:
        return
    if isinstance(event, Reallocated) and not _names_project(state, event):
        return
    kind = kind_of(rules, state, event)
    allowed = rules.bodies.get(kind, ())  # type: ignore[arg-type]
    if event.decision.body not in allowed:
        raise Rejected("decision.body", event.decision.body, "authority.refused_body", kind=kind,
                       allowed=allowed or ("–",))
    if isinstance(event, AppropriationCarried):
        by = _on(rules.carries_by, event.to_year)
        if event.decision.date > by:
            raise Rejected("decision.date", format_date(event.decision.date), "authority.refused_late", by=by, kind=kind,
                           deadline="deadlines.carries")


__all__ = ["DEFAULT", "Rules", "binding_unit", "binding_units", "checks", "gap_findings", "load",
           "overruns", "refuse", "to_toml"]
