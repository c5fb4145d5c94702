"""Investment projects as the investointiosa reads them: each project's years against its cost estimate.

A project (``ProjectOpened``) is a node of the organisation below its group, so its menot and tulot per
year are the figure events' cells under its code, rolled up with the projects below it, read from the
toteutumisvertailu (``ledger.fold.vertailu``, the one definition of the figures). What the valtuusto
appropriated for the project over its years is the sum of each year's TA+muutos of investment costs
less what a year carried on to the next (``AppropriationCarried``: the same money, once in each year),
so a carry-over never changes a project's total. Appropriations past the cost estimate are a finding,
not a refusal: the estimate is the decision's, the years' appropriations the budgets'.
"""

from __future__ import annotations

from dataclasses import dataclass

from events.model import PROJECT_LEVEL
from ledger.audit.findings import Finding
from ledger.fold import projections as pj
from ledger.fold.projections import Point
from ledger.fold.state import LedgerState
from ledger.fold.vertailu import Cells, vertailu

#: a project's costs and revenues: the investointi part's roots
MENOT, TULOT = "Investointimenot", "Investointitulot"


@dataclass(frozen=True)
class ProjectYear:
    """One fiscal year of a project: its investment costs and revenues as the toteutumisvertailu has them."""

    year: int
    menot: Cells
    tulot: Cells
    #: the book's figures for the project where it states them as its group's breakdown (a project list
    #: under an investment line: ``BreakdownStated``), column -> costs; never added to any rollup
    stated: tuple[tuple[str, int], ...] = ()

    @property
    def appropriated(self) -> int:
        """This year's appropriation for costs, as a positive amount, less what it carried to the next year."""
        return -((self.menot.ta_muutos or 0) - (self.menot.carried or 0))


@dataclass(frozen=True)
class ProjectView:
    code: str
    name: str
    group: str | None
    unit: str
    cost_estimate: int
    first_year: int
    last_year: int
    closed: bool
    years: tuple[ProjectYear, ...]

    @property
    def appropriated(self) -> int:
        """The costs appropriated over all its years (a positive amount), carry-overs counted once."""
        return sum(y.appropriated for y in self.years)

    @property
    def over(self) -> int | None:
        """By how much the years' appropriations exceed the cost estimate; None when they do not, or when it
        has none (0: a book's project list that prints no kustannusarvio records none)."""
        excess = self.appropriated - self.cost_estimate
        return excess if excess > 0 and self.cost_estimate else None

    @property
    def finding(self) -> Finding | None:
        """Appropriations past the cost estimate, said as a finding (a report prints it under its table)."""
        if self.over is None:
            return None
        return Finding.of(None, "project.over_estimate", project=self.code, name=self.name,
                          appropriated=self.appropriated, estimate=self.cost_estimate, over=self.over)


def is_project(state: LedgerState, code: str) -> bool:
    unit = state.units.get(code)
    return unit is not None and unit.level == PROJECT_LEVEL and code in state.projects


def project_view(state: LedgerState, code: str, point: Point = Point()) -> ProjectView:
    """The project as it stood at ``point``: its attributes in force, and every year it has figures in
    (its own or its sub-projects'), or that its first and last year span."""
    on, known = point.resolve(state)
    now = state.project(code, on, known)
    first, last = int(now["first_year"]), int(now["last_year"])  # type: ignore[call-overload]
    years = []
    for year in sorted(set(state.years()) | set(range(first, last + 1))):
        if code not in state.parents(year, on, known):
            continue
        table = vertailu(state, year, code, at=(on, known))
        menot, tulot = table.line(MENOT), table.line(TULOT)
        stated = _stated(state, year, code, point)
        if not (menot.empty and tulot.empty and menot.carried is None) or first <= year <= last or stated:
            years.append(ProjectYear(year, menot, tulot, stated))
    closed = state.closed_on(code, known)
    return ProjectView(code, state.name(code, on, known), state.parents(last, on, known).get(code),
                       str(now["unit"]), int(now["cost_estimate"]), first, last,  # type: ignore[call-overload]
                       closed is not None and closed <= on, tuple(years))


def _stated(state: LedgerState, year: int, code: str, point: Point) -> tuple[tuple[str, int], ...]:
    """The project's costs as a book states them as its group's breakdown, per column (TA, TA+MUUTOS, TP)."""
    found = pj.breakdown(state, year, code, point)
    if found is None:
        return ()
    return tuple((column, value) for column in ("TA", "TA+MUUTOS", "TP")
                 if (value := found.get(MENOT, column)) is not None)


def projects(state: LedgerState, point: Point = Point()) -> list[ProjectView]:
    """Every project opened and not reversed as known at ``point``, by code."""
    on, known = point.resolve(state)
    return [project_view(state, code, point) for code in sorted(state.projects)
            if state.unit_exists(code, on, known)]


__all__ = ["MENOT", "TULOT", "ProjectView", "ProjectYear", "is_project", "project_view", "projects"]
