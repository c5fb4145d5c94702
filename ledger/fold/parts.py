"""The four parts of the budget (kuntalaki 110 §) as views read them: which parts a year has, and where each
part's rows come from.

The käyttötalousosa is the organisation itself. The tuloslaskelma- and rahoitusosa are the accounts of their
part, wherever recorded, rolled up to the top of the organisation (a city's verotulot are its own), with the
part's derived lines (VUOSIKATE, RAHAVAROJEN MUUTOS, …). The investointiosa is its accounts likewise, and its
project groups (the outermost projects) with the projects below them. A part is shown as a node of its own,
coded ``osa:<part>``: no unit can have that code, since a unit code has no ``:``.
"""

from __future__ import annotations

from array import array

from events import accounts
from ledger.fold import investments
from ledger.fold import projections as pj
from ledger.fold.effects import book_lines
from ledger.fold.projections import Figures, Point
from ledger.fold.state import LedgerState

#: the budget parts, as the chart names them
PARTS = ("käyttötalous", "tuloslaskelma", "investointi", "rahoitus")
#: the parts shown beside the organisation, in the books' order
OTHER_PARTS = ("tuloslaskelma", "investointi", "rahoitus")
#: a part's node code is this and the part
PREFIX = "osa:"
#: the line a project group's and a project's rows show: its investment costs
PROJECT_LINE = "Investointimenot"
#: the part a project group and a project belong to
PROJECT_PART = "investointi"


def code_of(part: str) -> str:
    return PREFIX + part


def part_named(code: str | None) -> str | None:
    """The part a node code names (None for a unit or a project)."""
    if code is None or not code.startswith(PREFIX):
        return None
    part = code.removeprefix(PREFIX)
    return part if part in OTHER_PARTS else None


def roots(state: LedgerState, year: int, point: Point = Point()) -> list[str]:
    """The top of the organisation in ``year``: the nodes no unit is above (a city has one)."""
    on, known = point.resolve(state)
    return sorted(code for code, parent in state.parents(year, on, known).items() if parent is None)


def anchor(state: LedgerState, year: int, code: str) -> str:
    """The node a part's trail, chart and event details read: the top of the organisation."""
    if part_named(code) is None:
        return code
    found = roots(state, year)
    return found[0] if found else code


def figures(state: LedgerState, year: int, point: Point = Point()) -> Figures:
    """Every figure of the year rolled up to the top of the organisation (each root's, added): the top's row of
    ``projections.table``, which the state remembers at now, so the tree asking on every rebuild costs nothing."""
    total: dict[tuple[str, str], int] = {}
    for root in roots(state, year, point):
        for key, value in pj.table(state, year, root, point)[0].figures.amounts.items():
            total[key] = total.get(key, 0) + value
    return Figures(total)


def lines(part: str, held: Figures) -> list[str]:
    """The accounts of ``part`` the figures hold, then its derived lines, in the chart's order."""
    present = set(held.accounts())
    own = [a for a in accounts.in_order(present) if accounts.known(a) and accounts.part_of(a) == part]
    derived = [d.key for d in accounts.derived_lines() if d.part == part and d.key in present]
    return own + derived


def projects_in(state: LedgerState, year: int, point: Point = Point(),
                node: str | None = None) -> list[tuple[int, str]]:
    """(depth, code) of the year's projects, depth-first: each group (outermost project) at 0, below it its
    projects; with ``node``, those in its subtree only (a toteutumisvertailu's investointiosa)."""
    on, known = point.resolve(state)
    parents = state.parents(year, on, known)
    inside = set(state.subtree(node, year, on, known)) if node is not None and node in parents else set(parents)
    groups = sorted(code for code in parents
                    if code in state.projects and parents[code] not in state.projects and code in inside)
    return [(depth, code) for group in groups for depth, code in pj.tree(state, year, group, point)]


def project_lines(held: Figures) -> list[str]:
    """A project group's or project's rows wherever it is shown (the toteutumisvertailu, the parts report): its
    investment costs and revenues, those it has."""
    present = set(held.accounts())
    return [account for account in (PROJECT_LINE, "Investointitulot") if account in present]


def groups(state: LedgerState, year: int, point: Point = Point()) -> list[str]:
    return [code for depth, code in projects_in(state, year, point) if depth == 0]


def present(state: LedgerState, year: int, point: Point = Point()) -> list[str]:
    """The parts besides the käyttötalousosa that ``year`` has: a figure on one of its own accounts (not only a
    derived line of it, as investments make RAHAVAROJEN MUUTOS), or (the investointiosa) a project."""
    held = set(figures(state, year, point).accounts())
    found = [part for part in OTHER_PARTS if any(accounts.known(a) and accounts.part_of(a) == part for a in held)]
    if "investointi" not in found and projects_in(state, year, point):
        found.append("investointi")
    return [part for part in OTHER_PARTS if part in found]


# --- a part's or a project's own node beside the organisation: its lines, its history, its chart's line ---


def lines_of_project(held: Figures) -> list[str]:
    """A project group's or project's lines where its own figures are shown: every account it holds, in the
    chart's order, then the derived lines of the parts those accounts belong to (the investointiosa's INVESTOINNIT
    NETTO). The derived lines of other parts are the whole city's: the rahoitusosa's cash flows sum investments
    with the year's vuosikate and loans, so a project's costs alone are no TOIMINNAN JA INVESTOINTIEN RAHAVIRTA."""
    present = set(held.accounts())
    own = accounts.in_order(present)
    parts = {accounts.part_of(a) for a in own if accounts.known(a)}
    return own + [d.key for d in accounts.derived_lines() if d.part in parts and d.key in present]


def node_lines(state: LedgerState, code: str, held: Figures) -> list[str]:
    """The lines a node's figures are shown on, the figures pane's and ``kirjuri show``'s alike: a project
    group's or project's (``lines_of_project``), else a unit's (``book_lines``)."""
    return lines_of_project(held) if investments.is_project(state, code) else book_lines(held)


def history_seqs(state: LedgerState, part: str) -> array:
    """The events that recorded a figure on one of ``part``'s own accounts (any unit, any year, a breakdown
    too), the reversals of those, the proposals naming such an account and their decisions, and for the
    investointiosa every project's own events (opened, changed, closed); newest first. Its derived lines
    move with these and, through VUOSIKATE's toimintakate, with the käyttötalousosa: those are the
    organisation's history, not the part's."""
    return state.remember(("part history", part), lambda: _history_seqs(state, part))


def _history_seqs(state: LedgerState, part: str) -> array:
    own = set(accounts.in_part(part))
    seqs: set[int] = set()
    for by_key in state.cells.values():
        for (account, _column), cell in by_key.items():
            if account in own:
                seqs.update(cell.rest[0::2])
    for seq, proposal in state.proposals.items():
        named = [line.account for line in proposal.lines]
        named += [a for m in proposal.moves for a in (m.from_account, m.to_account)]
        if own.intersection(named):
            seqs.add(seq)
    seqs.update(seq for seq, (proposal, _approved, _enacted) in state.decisions.items() if proposal in seqs)
    seqs.update(state.reversed_by[seq] for seq in list(seqs) if seq in state.reversed_by)
    if part == PROJECT_PART:
        for code in state.projects:
            seqs.update(state.events_of(code))
    return array("q", sorted(seqs, reverse=True))


def chart_line(part: str, held: list[Figures]) -> str | None:
    """The line a chart of ``part`` follows through the years ``held``: the last of its derived lines any year
    holds (its result: TILIKAUDEN YLIJÄÄMÄ, INVESTOINNIT NETTO, RAHAVAROJEN MUUTOS), else its first account one
    holds; None if no year holds any."""
    present = {account for figures in held for account in figures.accounts()}
    derived = [d.key for d in accounts.derived_lines() if d.part == part and d.key in present]
    if derived:
        return derived[-1]
    own = [a for a in accounts.in_order(present) if accounts.known(a) and accounts.part_of(a) == part]
    return own[0] if own else None


__all__ = ["OTHER_PARTS", "PARTS", "PREFIX", "PROJECT_LINE", "PROJECT_PART", "anchor", "chart_line", "code_of",
           "figures", "groups", "history_seqs", "lines", "lines_of_project", "node_lines", "part_named", "present", "project_lines",
           "projects_in", "roots"]
