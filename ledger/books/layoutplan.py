"""Turn the toteutumisvertailu tables a book's layout gives (``ledger.books.layout``) into events.

The city-level tuloslaskelmaosa is the city's: its rows are matched to the account chart by its names
and synonyms, and what becomes of a row's cells depends on whose money it is:

* an account of the käyttötalous part (Myyntituotot, Palkat ja palkkiot, …) is the same money the
  tulosalue blocks hold as their TOIMINTATUOTOT / TOIMINTAKULUT: recorded as the city's
  ``BreakdownStated`` (TA, TA+MUUTOS, TP), a second view by account that never adds to a rollup.
  Recording it as the city's own figures would count it twice (the rules refuse that);
* an account below one another row records as the city's own (Kunnan tulovero under Verotulot, in an
  erittely table) is that account's breakdown: ``BreakdownStated`` too;
* any other account (Verotulot, Valtionosuudet, Korkokulut, poistot, the tilinpäätös items) is the
  city's own figure: TA in a ``TaAdopted``, a MUUTOS other than 0 in a ``TaAmended`` and TOTEUMA in a
  ``TpRecorded``, under the valtuusto's decisions the book does not cite (§ "–", the book as their
  document, as ``blockplan`` records 8.1's TA); each change a table prints in a column of its own (a
  lisätalousarvio, ``layout.changes_apart``) in a ``TaAmended`` of its own, named by its column;
* a row whose account or line an earlier table states (the rahoitusosa's Vuosikate: the
  tuloslaskelmaosa's), or an investointi account outside the investointiosa (the rahoitusosa's
  Investointimenot: the investment lines' sum), is checked against that figure, or listed where they
  differ: never recorded twice;
* an operating account's row under a unit's heading, in a table that prints each lautakunta / toimiala as
  a heading followed by its Toimintatuotot / Toimintakulut (``attribute``), is that unit's: the heading
  a toimiala below the city (or where the profile's ``[nodes]`` says), its TA, MUUTOS and TOTEUMA recorded
  as the city's own are, on the unit. A heading with no rows of its own is a unit above the units after it
  (``_places``), and a table continued on the next page under its repeated header is one table. A table
  whose operating rows do not each sit under exactly one unit's heading, once per account, stays listed;
  so does a unit the ledger or the tulosalue blocks already hold at another place (its money would be
  counted twice); a unit's cell the ledger already holds from another import is checked or listed as a
  contradiction (``ledger_holds``), never recorded again;
* a stated total (``… yhteensä``, an account whose parts are printed, a derived line such as
  TOIMINTAKATE) is checked, not recorded; so are a recorded row's cells its other cells give
  (TA+MUUTOS = TA + MUUTOS, POIKKEAMA);
* a row of the investointiosa is an investment line (``investplan``): a project group below the city
  (``ProjectOpened``) whose TA / MUUTOS / TOTEUMA are recorded as the city's own are, on the investointi
  account its label or heading names;
  rows whose label names no account are listed;
* a project list's row (``projectlist``) is a project opened under the investment line its list's
  talousarvio sums to, its talousarvio and toteutuma that line's breakdown (``BreakdownStated``), never
  added to the line's figures; a list its arithmetic does not place is listed. A budget book's list is its own
  groups (each `… yhteensä`, a project group below the city) and their projects, each project's TA and plan
  years (TS) stated as the breakdown.

``statuses`` says, per cell, recorded / checked / listed and why: the tally the preview and the
golden tests count. Nothing here writes; ids come from the book's digest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from events import accounts
from events.model import BreakdownStated, Decision, Line, ProjectOpened, TaAdopted, TaAmended, TpRecorded, UnitRegistered
from ledger.books import investplan, projectlist, summary
from ledger.books.blocks import BlockReading
from ledger.books.layout import (CHANGE_PCT, CUMULATIVE, LATER, MUUTOS, OTHER_YEAR, PCT, POIKKEAMA, TA, TA_MUUTOS,
                                 TOTEUMA, TS, YEAR_CHANGE, LayoutReading, Row, Table, is_budget_list, iter_rows, kind, names_items,
                                 part_words)
from ledger.books.layout import Above, changes_apart, is_change_apart
from ledger.books.layout import PROPOSAL, PROPOSAL_DIFF, phrase_words
from ledger.domain.money import format_amount, percent_of
from ledger.books.blockplan import organisation, uncited
from ledger.books.book import precision, unit_code
from ledger.books.plan import NO_SECTION, Node, Plan, Profile, slug
from ledger.domain.rules import finnish_day
from ledger.fold.state import LedgerState
from ledger.locale.reason import Reason

RECORDED, CHECKED, LISTED = "recorded", "checked", "listed"
OWN, BREAKDOWN, INVEST, PROJECT, UNIT = "own", "breakdown", "invest", "project", "unit"
#: a table of units prints at least this many units' headings (one heading alone may be the table's title)
UNITS_AT_LEAST = 2
#: the BreakdownStated column a role is stated in
_BREAKDOWN_COLUMNS = {TA: "TA", TA_MUUTOS: "TA+MUUTOS", TOTEUMA: "TP"}


@dataclass
class Status:
    """What became of one printed cell: recorded, checked or listed, and why."""

    line: int
    role: str
    status: str
    why: str
    #: the index of its table in the reading (a summary prints two tables side by side on one line)
    table: int = 0


@dataclass
class LayoutPlan:
    plan: Plan
    statuses: list[Status] = field(default_factory=list)
    #: the project lists by their table's index: where each was placed, and its checks
    lists: dict[int, projectlist.Placement] = field(default_factory=dict)
    #: the units the tables' headings name, by the heading as printed: what ``--write-profile`` writes
    units: dict[str, Node] = field(default_factory=dict)
    #: each change recorded from a column of its own, by the profile's key for its decision (`MUUTOS 2024 1`):
    #: the column's words as printed
    changes: dict[str, str] = field(default_factory=dict)

    def count(self, status: str) -> int:
        return sum(s.status == status for s in self.statuses)


def _how(reading: LayoutReading, table: Table, row: Row,
         placed: dict[tuple[int, int], investplan.Placed] | None = None,
         lists: dict[int, projectlist.Placement] | None = None,
         units: Attributed | None = None) -> tuple[str, str]:
    """How a row is taken: (own | breakdown | invest | project | unit | checked | listed, why)."""
    units = units if units is not None else attribute(reading)
    if row.total or (row.account in accounts.CHART.derived and any(c.line == row.line for c in table.checks)):
        return CHECKED, "a stated total, checked against its parts"
    found = (lists or {}).get(reading.tables.index(table)) if projectlist.is_project_list(table) else None
    if found is not None:
        return _project_how(row, found)
    if CUMULATIVE in table.roles:
        return LISTED, Reason("plan.project_list")
    if row.account in accounts.CHART.derived:
        return _elsewhere(reading, table, row, units) or (
            LISTED, Reason("plan.derived_alone"))
    if investplan.is_investment(table):
        return _invest_how(reading, table, row, placed)
    if row.account is None:
        return LISTED, Reason("plan.no_account")
    if table.expenses_positive is None and row.side == "kulu":
        return LISTED, Reason("plan.sign_unknown")
    unit = units.get((reading.tables.index(table), row.line))
    if isinstance(unit, StatedOn):
        return BREAKDOWN, f"the unit {unit.name}'s figure as its own table states it: its units below hold its money"
    if unit is not None:
        return (UNIT, f"the unit {unit.name}'s own figure ({unit.code})") if isinstance(unit, Node) else (LISTED, unit)
    found = _elsewhere(reading, table, row, units) or _invested(reading, table, row, placed)
    if found is not None:
        return found
    if accounts.CHART.accounts[row.account].part == "käyttötalous":
        return _operating(table, row)
    above = {r.account for t, r in iter_rows(reading) if r is not row and r.account in accounts.CHART.accounts
             and not r.total and not summary.is_summary(t)}
    if any(a in above for a in accounts.ANCESTORS[row.account][1:]):
        return BREAKDOWN, "the breakdown of an account the book states itself"
    return OWN, "the city's own figure"


def _project_how(row: Row, found: projectlist.Placement) -> tuple[str, str]:
    """A row of a project list: a project of the investment line its talousarvio sums to, or listed with why."""
    if found.group is None and not found.budget:
        return LISTED, Reason("plan.project_list_why", why=found.why)
    if projectlist.is_total(row):
        name = next((g.name for g, total in found.totals.items() if total is row), found.group.name if found.group else "")
        return CHECKED, Reason("plan.project_list_total", group=name)
    if row.line in found.refused:
        return LISTED, found.refused[row.line]
    project = found.projects[row.line]
    return PROJECT, Reason("plan.project_row", code=project.code, name=project.name, group=found.group_of(row).name)


def _operating(table: Table, row: Row) -> tuple[str, str]:
    """An operating account's row: the city's käyttötalous by account where the table is the income-statement
    part (its title says tuloslaskelma, or its rows go on to the income statement's own lines) and states the
    account once; a table of units (the same account under
    each lautakunta's heading, or a table not titled as the city's income statement) says whose money it is
    only by headings this reader does not attribute: listed, never recorded as the city's."""
    if table.part != "tuloslaskelma" and not _states_income_statement(table):
        return LISTED, Reason("plan.operating_untitled")
    if any(r is not row and r.account == row.account and not r.total and not r.failed for r in table.rows):
        return LISTED, Reason("plan.operating_repeated")
    return BREAKDOWN, "the käyttötalous by account: the units' money seen by account"


def _states_income_statement(table: Table) -> bool:
    """A table that goes on from the operating accounts to the income statement's own lines (Verotulot,
    Valtionosuudet, Vuosikate, Tilikauden tulos: at least two of them) is the city's income statement whatever
    its title (`Kokonaistalous`): only the city has tax revenue and a vuosikate."""
    own = {r.account for r in table.rows if not r.failed and _income_statement_line(r.account)}
    return len(own) >= 2


def _income_statement_line(account: str | None) -> bool:
    found = accounts.CHART.accounts.get(account or "") or accounts.CHART.derived.get(account or "")
    return found is not None and found.part == "tuloslaskelma"


#: (table index, row line) -> the unit a row is attributed to, or why its unit is not recorded; a unit the
#: book prints above units (no rows of its own) by its heading's line
Attributed = dict[tuple[int, int], "Node | Reason"]


def _is_operating(row: Row) -> bool:
    found = accounts.CHART.accounts.get(row.account or "")
    return found is not None and found.part == "käyttötalous" and not row.total and not row.failed


def _unit_like(heading: str) -> bool:
    """A heading that names no line of the chart and no kind of item: a unit's, in a table of units."""
    chart = accounts.CHART
    return chart.lookup(heading) is None and chart.item_named(heading) is None and not names_items(heading)


def _is_title(heading: str) -> bool:
    """A heading naming a budget part (``KÄYTTÖTALOUS``) or the city itself (``KAUPUNKI``, ``Esimerkin kunta``):
    with no rows of its own, a section's title, never a unit above the units after it."""
    folded = " ".join(heading.casefold().split()) + " "
    return bool(_CITY_RE.search(folded)) or any(
        re.search(rf"(?<!\w){re.escape(w)}", folded) for words in part_words().values() for w in words)


#: the word a heading naming the city (or joint authority) prints, whole
_CITY_RE = re.compile(r"(?<!\w)(?:kaupunki|kunta|kuntayhtymä|stad|kommun|samkommun)(?!\w)")


@dataclass(frozen=True)
class _Place:
    """Where a row of a units table sits: its unit's heading as printed and the heading of the unit above it
    (None: the city); ``unclear`` names the heading under which its place is not certain. A parent's own
    entry (keyed by its heading's line) has ``parent_of`` set: it holds units, no rows."""

    heading: str
    parent: str | None = None
    unclear: str | None = None
    parent_of: bool = False


def _runs(reading: LayoutReading) -> list[list[int]]:
    """The tables of units as a book prints them over pages: a table continues in the next one read where that
    stands on the following page with the same columns and scale (its header repeated there)."""
    runs: list[list[int]] = []
    for index, table in enumerate(reading.tables):
        if not table.confirmed or summary.is_summary(table) or investplan.is_investment(table):
            continue
        last = reading.tables[runs[-1][-1]] if runs else None
        if last is not None and runs[-1][-1] == index - 1 and table.page == last.page + 1 and \
                (table.roles, table.scale) == (last.roles, last.scale):
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _sequence(reading: LayoutReading, run: list[int]) -> list[tuple[int, int, str | None, Row | None]]:
    """A run's units' headings and its rows in print order: (table, line, heading, None) / (table, line, None,
    row). A heading at a page's foot (``trailing``) comes before the next page's rows."""
    out: list[tuple[int, int, str | None, Row | None]] = []
    for index in run:
        table = reading.tables[index]
        heads = {h for r in table.rows for h in r.headings} | set(table.trailing)
        items = [(index, n, text, None) for n, text in heads if _unit_like(text)]
        items += [(index, r.line, None, r) for r in table.rows]
        out += sorted(items, key=lambda item: (item[1], item[3] is not None))
    return out


def _places(reading: LayoutReading, run: list[int]) -> dict[tuple[int, int], _Place] | None:
    """Each operating row of a run of tables with its unit, where the run is one of units: its rows each under
    a unit's heading, each account once per unit, two units or more, each heading printed once (a heading
    repeated at the top of the next page, over the same unit's rows, is that unit continuing). A heading with
    no rows of its own before the next heading is a unit above the units that follow it (a lautakunta over
    its tulosalueet): those up to its ``… yhteensä`` are below it; with no such total, the first is below it
    and where the next ones belong the book does not say (``unclear``). Such a heading naming a budget part or
    the city is a title (``_is_title``). None where whose money a row is the run does not say."""
    items = _sequence(reading, run)
    rows = [row for *_x, row in items if row is not None and _is_operating(row)]
    first = reading.tables[run[0]]
    if not rows or (first.part == "tuloslaskelma" and len({r.account for r in rows}) == len(rows)):
        return None
    closing = {_total_of(row) for *_x, row in items if row is not None and row.total}
    out: dict[tuple[int, int], _Place] = {}
    leaf: _Place | None = None
    parent: tuple[int, int, str] | None = None
    below: list[str] = []
    seen: set[str] = set()
    held: set[tuple[str, str | None]] = set()
    for k, (index, line, heading, row) in enumerate(items):
        if heading is not None:
            starts_page = index != run[0] and all(items[j][0] != index for j in range(k))
            if starts_page and heading in (leaf.heading if leaf else None, parent[2] if parent else None):
                continue  # the heading repeated over its unit's rows on the next page
            if heading in seen:
                return None
            seen.add(heading)
            follows = items[k + 1] if k + 1 < len(items) else None
            if follows is None or follows[3] is None:  # no rows of its own: a unit above units, or a title
                parent = None if follows is None or _is_title(heading) else (index, line, heading)
                below = []
                continue
            unclear = parent[2] if parent and below and _fold(parent[2]) not in closing else None
            leaf = _Place(heading, parent[2] if parent else None, unclear)
            if parent and not below:
                out[parent[:2]] = _Place(parent[2], parent_of=True)
            below += [heading] if parent else []
        elif row is not None and row.total and parent and _total_of(row) == _fold(parent[2]):
            parent, below = None, []
        elif row is not None and _is_operating(row):
            if leaf is None or (leaf.heading, row.account) in held:
                return None
            held.add((leaf.heading, row.account))
            out[(index, line)] = leaf
    if len({p.heading for p in out.values() if not p.parent_of}) < UNITS_AT_LEAST:
        return None
    return out


def _total_of(row: Row) -> str:
    """The heading a ``… yhteensä`` row totals, folded (``Sivistyslautakunta yhteensä``), else ""."""
    m = re.match(r"^(?P<name>.*?)\s*\byhteensä$", row.label, re.IGNORECASE)
    return _fold(m["name"]) if m else ""


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _placements(reading: LayoutReading) -> list[dict[tuple[int, int], _Place]]:
    """The units tables' places, per run of tables over pages; a run whose tables do not join (a unit in both
    with its accounts twice) is taken table by table, as printed."""
    out = []
    for run in _runs(reading):
        found = _places(reading, run)
        if found is None and len(run) > 1:
            out += [alone for index in run if (alone := _places(reading, [index])) is not None]
        elif found is not None:
            out.append(found)
    return out


def attribute(reading: LayoutReading, root: str = "", profile: Profile | None = None,
              held: LedgerState | None = None, planned: set[str] | frozenset[str] = frozenset()) -> Attributed:
    """Every operating row of a table of units with its unit: the heading as a toimiala below ``root`` (its
    code the one it prints, else its slug), a unit under a heading above it (``_places``) as a vastuualue below
    that one's toimiala, or as the ``profile``'s ``[nodes]`` give them. A unit the ledger (``held``) has at
    another level or place, or with units below it, or the tulosalue blocks register (``planned``), gets why
    instead: its money is already there; so does a unit whose place the book leaves unclear."""
    given = profile.nodes if profile is not None else {}
    placements = _placements(reading)
    nodes: list[dict[str, Node]] = []
    for found in placements:
        tops = {p.heading: given.get(p.heading) or _node(p.heading, root) for p in found.values() if p.parent is None}
        nodes.append(tops | {p.heading: given.get(p.heading) or _node(p.heading, root, tops[p.parent])
                             for p in found.values() if p.parent is not None})
    codes = Counter(n.code for found in nodes for n in {*found.values(), Node(root, "", "", None)})
    out: Attributed = {}
    for found, named in zip(placements, nodes):
        # a code twice (two units, a unit in two tables, the city's): whose money a row is, the book does not say
        clash = any(codes[n.code] > 1 for n in named.values())
        for key, place in found.items():
            out[key] = _placed(place, named, clash, held, planned)
    return out | headed(reading, root, given, held, planned, out, set(codes))


def _placed(place: _Place, named: dict[str, Node], clash: bool, state: LedgerState | None,
            planned: set[str] | frozenset[str]) -> Node | Reason:
    """A place's node, or why its rows are not recorded."""
    if place.unclear is not None:
        return Reason("plan.unit_place_unclear", unit=place.heading, parent=place.unclear)
    if clash:
        return Reason("plan.operating_repeated")
    node = named[place.heading]
    if place.parent is not None:
        above = _held(named[place.parent], place.parent, state, planned, holds_units=True)
        if isinstance(above, Reason):
            return above
    return _held(node, place.heading, state, planned, holds_units=place.parent_of)


def _node(heading: str, root: str, above: Node | None = None) -> Node:
    code, name = unit_code(heading)
    if above is not None:
        return Node(code or slug(name), name, "vastuualue", above.code)
    return Node(code or slug(name), name, "toimiala", root)


def _held(node: Node, heading: str, state: LedgerState | None, planned: set[str] | frozenset[str],
          holds_units: bool = False) -> Node | Reason:
    """The node, or why not: the same code registered elsewhere or at another level, or holding units (a
    unit the book prints above others holds units by what it is: only its place is compared)."""
    unit = state.units.get(node.code) if state is not None else None
    below = state is not None and not holds_units and any(u.parent == node.code for u in state.units.values())
    if node.code in planned or below or (unit is not None and (unit.level, unit.parent) != (node.level, node.parent)):
        return Reason("plan.unit_held", unit=heading, code=node.code)
    return node


_COMPARED = (TA, MUUTOS, TA_MUUTOS, TOTEUMA)


def _compare(table: Table, row: Row, figures: dict[str, int], where: str) -> tuple[str, str]:
    """A row against the same money as stated ``where`` (ledger cents per role): checked if every cell
    both give agrees, else listed, never recorded twice."""
    roles = [r for r in _COMPARED if r in row.cells and r in figures]
    wrong = [r for r in roles if not _same_money(table, row, r, figures[r])]
    if roles and not wrong:
        return CHECKED, f"the same figure as {where}: checked, recorded there"
    return LISTED, (Reason("plan.differ_from", columns=", ".join(wrong), where=where) if roles else
                    Reason("plan.no_column_in_common", where=where))


def _same_money(table: Table, row: Row, role: str, other: int) -> bool:
    """A cell and the same money stated elsewhere (ledger cents), at the cell's printed precision: a figure
    printed to the euro is the cents another table prints, rounded (7 725 767 for 7 725 767,34)."""
    mine = table.ledger(row, role)
    unit = precision([row.cells[role].raw]) * table.scale
    return mine == other or (mine is not None and unit > 1 and abs(mine - other) * 2 <= unit)


def _elsewhere(reading: LayoutReading, table: Table, row: Row,
               units: Attributed | None = None) -> tuple[str, str] | None:
    """A row whose account or line an earlier table states too (a rahoitusosa's Vuosikate, the
    tuloslaskelmaosa's): that table's figure, compared; an earlier table of the same budget part first (the
    tuloslaskelmaosa restated as an external income statement). A table of units (``units``) states units'
    money, not the city's: no figure to compare."""
    at = reading.tables.index(table)
    of_units = {index for index, _line in (units or {})}
    earlier = list(enumerate(reading.tables[:at]))
    if table.part is not None:
        earlier.sort(key=lambda item: item[1].part != table.part)
    for index, other in earlier:
        if not other.confirmed or summary.is_summary(other) or investplan.is_investment(other) or index in of_units:
            continue
        same = next((r for r in other.rows if r.account == row.account and not r.failed), None)
        if same is not None:
            figures = {role: v for role in _COMPARED if (v := other.ledger(same, role)) is not None}
            return _compare(table, row, figures, Reason("plan.table_at_page", title=other.title, page=other.page) if other.title
                            else Reason("plan.the_table_at_page", page=other.page))
    return None


def _invested(reading: LayoutReading, table: Table, row: Row,
              placed: dict[tuple[int, int], investplan.Placed] | None) -> tuple[str, str] | None:
    """An investointi account outside the investointiosa (the rahoitusosa's Investointimenot): the
    investment lines' sum on it and its parts (their change TA+MUUTOS − TA where they print none), when
    investment lines are on it; else None."""
    if accounts.part_of(row.account or "") != investplan.PART:
        return None
    placed = placed if placed is not None else investplan.place(reading, "")
    lines = [(reading.tables[i], r) for i, t in enumerate(reading.tables) for r in t.rows
             if (p := placed.get((i, r.line))) is not None and p.account is not None
             and row.account in accounts.ANCESTORS[p.account]]
    if not lines:  # no investment line is on the account: the investointiosa does not state it
        return None
    figures = {role: sum(t.ledger(r, role) or 0 for t, r in lines) for role in _COMPARED}
    if not any(MUUTOS in r.cells for _t, r in lines):  # lines printing the TA and the revised TA only
        figures[MUUTOS] = figures[TA_MUUTOS] - figures[TA]
    return _compare(table, row, figures, Reason("plan.investment_lines"))


def _invest_how(reading: LayoutReading, table: Table, row: Row,
                placed: dict[tuple[int, int], investplan.Placed] | None) -> tuple[str, str]:
    """A row of the investointiosa: its investment line's figure (a project group's), or listed with why."""
    found = (placed if placed is not None else investplan.place(reading, "")).get(
        (reading.tables.index(table), row.line))
    if found is None or found.account is None or found.group is None:
        return LISTED, found.why if found is not None else Reason("plan.invest_unplaced")
    if table.expenses_positive is None and row.side == "kulu":
        return LISTED, Reason("plan.sign_unknown")
    return INVEST, f"the investment line {found.group.name} (a project group) on {found.account}"


def statuses(reading: LayoutReading, blocks: BlockReading | None = None,
             lists: dict[int, projectlist.Placement] | None = None, units: Attributed | None = None,
             held: Held | None = None) -> list[Status]:
    """Every cell of every table read: recorded, checked or listed, with why. A summary in thousands
    (``summary``) records nothing: its cells are checked against their finer statement or listed. ``lists``:
    the project lists as the plan placed them (by default, against an empty ledger); ``held``: a unit's cells
    the ledger already holds from another import (``ledger_holds``), checked or listed instead."""
    out: list[Status] = []
    against = summary.checks(reading, blocks)
    placed = investplan.place(reading, "")
    lists = lists if lists is not None else projectlist.place(reading, placed)
    units = units if units is not None else attribute(reading, planned=_block_units(blocks))
    alone = {key: status for key, (status, _how) in summary_alone(reading, against, placed, lists, units).items()}
    for index, table in enumerate(reading.tables):
        for row in table.rows:
            if not table.confirmed or row.failed:
                how, why = LISTED, row.failed or table.why
            elif summary.by_unit(table) is not None:
                out += _by_unit_statuses(index, table, row)
                continue
            elif summary.is_summary(table):
                out += _summary_statuses(index, table, row, against.get((index, row.line)), alone)
                continue
            else:
                how, why = _how(reading, table, row, placed, lists, units)
            for role, cell in row.cells.items():
                found = (held or {}).get((index, row.line, role))
                if how != LISTED and role in _unread(row):  # a cell fitting no reading of its table
                    found = (LISTED, _unread(row)[role])
                out.append(Status(cell.line, role, *(found or _cell_status(how, why, role, cell.printed, table, row)),
                                  table=index))
    return out


def _unread(row: Row) -> dict[str, str]:
    """The row's cells listed while the rest is read (``Row.listed_cells``), never recorded; beside a figure
    whose column the text does not tell (TA or MUUTOS, ``layout.text_place``) its TA+MUUTOS too: no relation
    then checks it, and the ledger could hold it only as a TA or a change."""
    out = dict(row.listed_cells)
    placed = next((why for role, why in out.items() if role in (TA, MUUTOS)
                   and getattr(why, "key", None) == "layout.text_place"), None)
    if placed is not None and TA_MUUTOS in row.cells:
        out.setdefault(TA_MUUTOS, placed)
    return out


def _block_units(blocks: BlockReading | None) -> set[str]:
    """The codes the tulosalue blocks register (their headings' and blocks'): units whose money they hold."""
    if blocks is None or not blocks.cells:
        return set()
    return {node.code for node in organisation(blocks, ("", "")).values()}


def _summary_statuses(index: int, table: Table, row: Row, checks: list | None,
                      alone: Held | None = None) -> list[Status]:
    out = []
    held = {c.what.split(" = ")[0].rsplit(" ", 1)[1] for c in checks or []}
    alone = alone or {}
    read = any((index, row.line, role) in alone and alone[(index, row.line, role)][0] != LISTED for role in row.cells)
    for role in row.cells:
        if role in row.listed_cells:
            status = (LISTED, row.listed_cells[role])
        elif (index, row.line, role) in alone:
            status = alone[(index, row.line, role)]
        elif role == POIKKEAMA and read and not row.finding and role not in held:
            status = (CHECKED, "POIKKEAMA = TOTEUMA − TA+MUUTOS of the summary's own row, checked")
        elif row.total:
            status = (CHECKED, "a stated total of the summary, checked against its rows")
        elif checks == []:
            status = (LISTED, Reason("plan.other_sign"))
        elif role == POIKKEAMA and row.finding:
            status = (CHECKED, "POIKKEAMA disagrees with TOTEUMA − TA+MUUTOS: a contradiction of the book's")
        elif role in held:
            status = (CHECKED, "checked against the same money stated to the euro, at the summary's precision")
        else:
            status = (LISTED, Reason("plan.summary_only", scale=table.scale))
        out.append(Status(row.line, role, *status, table=index))
    return out


def states_its_scale(table: Table) -> bool:
    """Whether a table's scale is stated in words (its header, its title, a line near it, the page before's
    header it continues), not inferred from its figures' agreement or size."""
    why = table.scale_words
    return bool(why) and (not isinstance(why, Reason) or why.key == "layout.scale_continued")


#: (table index, row line, role) -> ((recorded | checked | listed, why), how the row is taken): a summary's cell
Alone = dict[tuple[int, int, str], tuple[tuple[str, str], str]]


def summary_alone(reading: LayoutReading, against: dict, placed: dict, lists: dict, units: Attributed) -> Alone:
    """The cells of a summary in thousands that the book states nowhere finer, of a row the city's own or an
    account's breakdown: the first statement of each (account, column) in a table whose scale is stated is
    recorded as printed times the scale; the same money in another summary is checked against it (or listed
    where it differs), never recorded twice. A cell stated finer elsewhere is that statement's (``summary``)."""
    out: Alone = {}
    first: dict[tuple[str, str], tuple[int, Table, Row]] = {}
    tables = [(i, t) for i, t in enumerate(reading.tables) if t.confirmed and summary.is_summary(t)
              and summary.by_unit(t) is None]
    for index, table in sorted(tables, key=lambda item: not states_its_scale(item[1])):
        for row in (r for r in table.rows if not r.failed and not r.total and r.account in accounts.CHART.accounts):
            checks = against.get((index, row.line))
            if checks == []:
                continue  # printed the other way round from its finer statement: which way, it cannot tell
            held = {c.what.split(" = ")[0].rsplit(" ", 1)[1] for c in checks or []}
            how = ""
            for role in (r for r in (TA, TA_MUUTOS, TOTEUMA) if r in row.cells and r not in held):
                key = (row.account, role)
                if key in first:
                    at, other, was = first[key]
                    out[(index, row.line, role)] = ((CHECKED, Reason("plan.summary_same", page=other.page))
                                                    if _same_money(table, row, role, other.ledger(was, role) or 0)
                                                    else (LISTED, Reason("plan.differ_from", columns=role, where=Reason(
                                                        "plan.the_table_at_page", page=other.page)))), how
                    continue
                if role == TA_MUUTOS and (row.account, TA) in first and MUUTOS not in row.cells and \
                        TA in row.cells and row.cells[TA].value == row.cells[TA_MUUTOS].value:
                    out[(index, row.line, role)] = (CHECKED, "TA+MUUTOS = TA: no amendment (the summary prints none)"), how
                    continue
                how = how or _how(reading, table, row, placed, lists, units)[0]
                if not states_its_scale(table) or how not in (OWN, BREAKDOWN):
                    continue
                first[key] = (index, table, row)
                out[(index, row.line, role)] = (RECORDED, Reason("plan.summary_recorded", scale=table.scale)), how
    return out


def _by_unit_statuses(index: int, table: Table, row: Row) -> list[Status]:
    """A summary by unit's cells (``summary.by_unit``): none recorded. A money cell is checked where the city's
    row is its units' sum in that column; a percent, another year's figure and the change from it as any such
    cell (``_not_the_years``); the rest listed."""
    total = next(r for r in table.rows if r.total)
    held = {c.what.rsplit(" ", 1)[1] for c in table.checks if c.line == total.line and (c.ok or c.rounding)}
    out = []
    for role, cell in row.cells.items():
        if kind(role) in (PCT, CHANGE_PCT, OTHER_YEAR, YEAR_CHANGE):
            status = _not_the_years(role, table, row)
        elif role in held:
            status = (CHECKED, "a summary by unit: the city's row is its units' sum in this column, checked; "
                               "not recorded")
        else:
            status = (LISTED, Reason("plan.unit_summary_not_sum", column=role))
        out.append(Status(cell.line, role, *status, table=index))
    return out


def _cell_status(how: str, why: str, role: str, printed: int, table: Table | None = None,
                 row: Row | None = None) -> tuple[str, str]:
    if how == PROJECT and table is not None and row is not None and is_budget_list(table):
        return _budget_cell(role, why, table, row)
    if how != LISTED and role in (PROPOSAL, PROPOSAL_DIFF):
        return _proposal_cell(role, table, row)
    if how != LISTED and kind(role) in (OTHER_YEAR, CHANGE_PCT, PCT, TS, LATER, YEAR_CHANGE):
        return _not_the_years(role, table, row)
    if how in (CHECKED, LISTED):
        return how, why
    if how == PROJECT:
        return _project_cell(role, why)
    if role == POIKKEAMA:
        return CHECKED, "POIKKEAMA = TOTEUMA − TA+MUUTOS, checked"
    if how == BREAKDOWN:
        return (RECORDED, why) if role in _BREAKDOWN_COLUMNS else (CHECKED, "MUUTOS = TA+MUUTOS − TA, checked")
    if role == TA_MUUTOS and table is not None and _revised_only(table, role) and how in (OWN, UNIT, INVEST):
        if row is not None and table.ledger(row, TA_MUUTOS) == (table.ledger(row, TA) or 0):
            return CHECKED, "TA+MUUTOS = TA: no amendment (the table prints no MUUTOS column)"
        return RECORDED, "TA+MUUTOS − TA recorded as the TA-muutos: the table prints no MUUTOS column"
    if role == TA_MUUTOS and table is not None and TA not in table.roles:
        return RECORDED, ("the city's own figure: the table prints no TA, its TA+MUUTOS less its changes is "
                          "recorded as the TA" if _changes_of(table) else
                          "the city's own figure: the table prints no TA, its TA+MUUTOS is recorded as the TA")
    if role == TA_MUUTOS or (role == MUUTOS and printed == 0):
        return CHECKED, "TA + MUUTOS = TA+MUUTOS, checked"
    if is_change_apart(role):
        return (CHECKED, "no change in this column (its changes sum to TA+MUUTOS − TA, checked)") if not printed \
            else (RECORDED, "a change printed in a column of its own: a TA-muutos of its own (the changes sum to "
                            "TA+MUUTOS − TA, checked)")
    return RECORDED, why


def _changes_of(table: Table) -> list[str]:
    """The table's change columns: its MUUTOS, or each it prints apart."""
    return [r for r in table.roles if kind(r) == MUUTOS]


def _recorded_as(table: Table, row: Row, role: str, amount: int) -> tuple[str, int]:
    """Where a recorded cell goes, and its ledger cents: a revised TA with no change column as the change
    (``_revised_only``: TA+MUUTOS − TA); the TA+MUUTOS of a table printing its changes but no TA as the TA it
    implies (TA+MUUTOS less the changes, which are recorded beside it: as it is, the changes counted twice);
    any other as it is."""
    if _revised_only(table, role):
        return MUUTOS, amount - (table.ledger(row, TA) or 0)
    if role == TA_MUUTOS and TA not in table.roles:
        return role, amount - sum(table.ledger(row, r) or 0 for r in _changes_of(table))
    return role, amount


def _revised_only(table: Table, role: str) -> bool:
    """A TA+MUUTOS cell of a table that prints the TA and the revised figure but no MUUTOS (`Alkuper. määräraha |
    Tarkistettu määräraha`): the amendment is their difference, recorded as the TA-muutos it is."""
    return role == TA_MUUTOS and TA in table.roles and not _changes_of(table)


def _project_cell(role: str, why: str) -> tuple[str, str]:
    """A project's cell: its talousarvio and toteutuma recorded; the rest checked by the row's arithmetic."""
    if role in (TA, TA_MUUTOS, TOTEUMA):
        return RECORDED, why
    if role == POIKKEAMA:
        return CHECKED, "POIKKEAMA = TOTEUMA − talousarvio, checked"
    if role == projectlist.ESTIMATE:
        return RECORDED, "the project's kustannusarvio, as the list's column prints it"
    if role == projectlist.REMAINING:
        return LISTED, Reason("list.remaining")
    return CHECKED, ("use before the year and use so far (= use before + TOTEUMA, checked): no column of the"
                     " ledger holds them; said in the project's note")


def _budget_cell(role: str, why: str, table: Table, row: Row) -> tuple[str, str]:
    """A project's cell in a budget book's list: its TA and plan years recorded (TA, TS), its kustannusarvio
    recorded unless its parts contradict it (then listed); use before the year and later years checked by the
    group's total and said in the project's note."""
    if role == TA or kind(role) == TS:
        return RECORDED, why
    if role == projectlist.ESTIMATE:
        return (LISTED, Reason("list.estimate_contradicted")) if projectlist.estimate_contradicted(table, row) else (
            RECORDED, "the project's kustannusarvio, as the list's column prints it")
    return CHECKED, ("use before the year and after the plan years: checked by the group's total; no column of the"
                     " ledger holds them; said in the project's note")


def _not_the_years(role: str, table: Table | None, row: Row | None) -> tuple[str, str]:
    """A cell that is no money of the year, of a row read: another year's figure (checked where the row is a
    stated total whose parts sum it, else listed), a toteutuma-% (checked against the row's own cells, else
    listed) or a percent no relation of the table gives (listed). Never recorded."""
    if kind(role) in (OTHER_YEAR, TS, LATER, YEAR_CHANGE):
        checked = table is not None and row is not None and any(
            c.line == row.line and c.what.endswith(f" {role}") for c in table.checks)
        return (CHECKED, "another year's figure or the change from it, checked (a stated total's parts, or "
                         "TOTEUMA − OTHER-YEAR); not recorded") if checked \
            else (LISTED, Reason("plan.other_year"))
    if role == PCT:
        held = table is not None and row is not None and _percent_holds(table, row)
        return (CHECKED, "TOTEUMA-% = TOTEUMA / TA+MUUTOS, checked") if held else \
            (LISTED, Reason("plan.percent_not"))
    if _change_checked(table, row, role):
        return CHECKED, "a percent of change from another year's figure to TOTEUMA, checked; not recorded"
    return LISTED, Reason("plan.percent_unrelated")


def _proposal_cell(role: str, table: Table | None, row: Row | None) -> tuple[str, str]:
    """A frame's or proposal's cell (Raami, Kehys, ehdotus) or the TA's difference to it: no adopted figure, never
    recorded; checked where the row's difference confirms it (``layout._proposal_checks``), else listed."""
    if _change_checked(table, row, role):
        return CHECKED, "a frame or proposal and the TA's difference to it, checked: TA − PROPOSAL; not recorded"
    return LISTED, Reason("plan.proposal")


def _change_checked(table: Table | None, row: Row | None, role: str) -> bool:
    """Whether a percent of change of the row is checked against the previous year's figure
    (``layout._change_checks``)."""
    return table is not None and row is not None and any(
        c.line == row.line and c.what.endswith(f" {role}") for c in table.checks)


def _opening(reading: LayoutReading, placed: dict, group: investplan.Group, root: str, year: int,
             adopted: Decision, source: str, prefix: str, stamp: dict) -> ProjectOpened:
    """The investment line as a project group below the city, for the book's year, under the valtuusto's
    uncited decision; no cost estimate (0): the investointiosa prints none, and no other figure stands for one."""
    return ProjectOpened(id=f"{prefix}-project-{group.code}", effective=dt.date(year, 1, 1), decision=adopted,
                         code=group.code, name=group.name, group=root, unit=root,
                         cost_estimate=0, first_year=year, last_year=year,
                         recorded_at=stamp["recorded_at"], author=stamp["author"],
                         note=f"{source}: investointiosan rivi; kirja ei esitä kustannusarviota: sitä ei kirjata (0)")


def _budget_groups(reading: LayoutReading, lists: dict[int, projectlist.Placement], year: int, adopted: Decision,
                   root: str, source: str, prefix: str, stamp: dict) -> list[ProjectOpened]:
    """A budget book's list's project groups below the city (each heading its `… yhteensä` sums), under the TA's
    decision: a group's kustannusarvio its total row's, where it prints one its parts do not contradict, else 0."""
    out = []
    for index, found in lists.items():
        table = reading.tables[index]
        for group, total in found.totals.items():
            if not any(g == group for line, g in found.groups.items() if line in found.projects):
                continue
            costs = projectlist.costs(table, total, found, year)
            out.append(ProjectOpened(id=f"{prefix}-project-{group.code}", effective=dt.date(year, 1, 1), decision=adopted,
                                     code=group.code, name=group.name, group=root, unit=root,
                                     cost_estimate=costs.estimate or 0, first_year=year, last_year=costs.last_year,
                                     recorded_at=stamp["recorded_at"], author=stamp["author"],
                                     note=f"{source}: talousarvion projektilistan ryhmä {total.label}; {costs.note}"))
    return out


def _percent_holds(table: Table, row: Row) -> bool:
    """A printed Toteuma-% against TOTEUMA / TA+MUUTOS (else TA), to the percent's printed decimals."""
    base = table.ledger(row, TA_MUUTOS) if TA_MUUTOS in row.cells else table.ledger(row, TA)
    tenths = percent_of(table.ledger(row, TOTEUMA) or 0, base or 0)
    cell = row.cells[PCT]
    decimals = len(cell.raw.partition(",")[2])
    unit = 100 // 10 ** min(decimals, 2)  # hundredths of a percent per printed unit
    return tenths is not None and abs(cell.printed - tenths * 10) * 2 <= unit + 10


def plan_layout(state: LedgerState, reading: LayoutReading, *, year: int, root: tuple[str, str], source: str,
                digest: str, author: str, now: dt.datetime, planned_units: set[str] = frozenset(),
                blocks: BlockReading | None = None, profile: Profile | None = None) -> LayoutPlan:
    """The events that record ``reading``'s tables for ``year`` as the city ``root``'s (code, name); the
    investment lines' codes and the uncited decisions as ``profile`` gives them where it does."""
    prefix, plan = f"book-{digest[:12]}-tl", Plan()
    stamp = {"recorded_at": now, "author": author, "note": source}
    own: dict[str, list[Line]] = {TA: [], MUUTOS: [], TOTEUMA: [], TA_MUUTOS: []}
    #: each change printed apart (``changes_apart``): its column's words, as the first table recording it prints them
    named: dict[str, str] = {}
    stated: dict[str, list[Line]] = {column: [] for column in _BREAKDOWN_COLUMNS.values()}
    codes = profile.codes if profile is not None else None
    placed = investplan.place(reading, root[0], codes)
    held = {code: unit.parent for code, unit in state.units.items()}
    adopted = uncited("TA", year, source, profile)
    lists = projectlist.place(reading, placed, codes, held, set(planned_units) | {root[0]}, root[0])
    units = attribute(reading, root[0], profile, state, set(planned_units))
    held_cells = ledger_holds(state, reading, units | _city_rows(reading, placed, lists, units, root), year, prefix)
    plan.conflicts += [why for status, why in held_cells.values() if status == LISTED]
    plan.findings += printed_gaps(reading)
    nodes = {n.code: n for n in units.values() if isinstance(n, Node)}
    groups: list[investplan.Group] = []
    projects: dict[tuple[str, int], list[Line]] = {}
    opened: list[ProjectOpened] = []
    for index, table in enumerate(reading.tables):
        if not table.confirmed or summary.is_summary(table):
            continue
        for row in (r for r in table.rows if not r.failed):
            how, _why = _how(reading, table, row, placed, lists, units)
            if how == PROJECT:
                opened.append(_project(table, row, lists[index], year, adopted, projects, root[0], source, prefix, stamp))
            if how not in (OWN, BREAKDOWN, INVEST, UNIT):
                continue
            where = placed[(index, row.line)] if how == INVEST else None
            unit = units[(index, row.line)].code if how == UNIT or isinstance(units.get((index, row.line)), StatedOn) \
                else root[0]
            for role, cell in row.cells.items():
                amount = table.ledger(row, role)
                if amount is None or (index, row.line, role) in held_cells or role in _unread(row) or \
                        _cell_status(how, "", role, cell.printed, table, row)[0] != RECORDED:
                    continue
                role, amount = _recorded_as(table, row, role, amount)
                if role == MUUTOS and not amount:
                    continue
                if is_change_apart(role):
                    named.setdefault(role, table.words[table.roles.index(role)])
                if where is not None:
                    own.setdefault(role, []).append(Line(where.group.code, where.account, amount))
                    groups += [where.group] if where.group not in groups else []
                else:
                    line = Line(unit, row.account, amount)
                    (own.setdefault(role, []) if how in (OWN, UNIT) else stated[_BREAKDOWN_COLUMNS[role]]).append(line)
    alone = summary_alone(reading, summary.checks(reading, blocks), placed, lists, units)
    for (index, line, role), ((status, _why), how) in alone.items():
        table = reading.tables[index]
        row = next(r for r in table.rows if r.line == line)
        amount = table.ledger(row, role)
        if status == RECORDED and amount is not None:
            (own[role] if how == OWN else stated[_BREAKDOWN_COLUMNS[role]]).append(Line(root[0], row.account, amount))
    if not any(own.values()) and not any(stated.values()) and not opened:
        return LayoutPlan(plan, statuses(reading, blocks, lists, units, held_cells), lists)
    if root[0] not in state.units and root[0] not in planned_units:
        plan.events.append(UnitRegistered(id=f"{prefix}-unit-{root[0]}", effective=dt.date(year, 1, 1), code=root[0],
                                          name=root[1], level="kaupunki", parent=None, recorded_at=now, author=author,
                                          note=f"Organisaatio kirjan {source} mukaan"))
    plan.events += [UnitRegistered(id=f"{prefix}-unit-{n.code}", effective=dt.date(year, 1, 1), code=n.code, name=n.name,
                                   level=n.level, parent=n.parent, recorded_at=now, author=author,
                                   note=f"Organisaatio kirjan {source} mukaan")
                    for n in nodes.values() if n.code not in state.units and n.code not in planned_units]
    amended = (profile.decisions.get(f"MUUTOS {year}") if profile is not None else None) or Decision(
        body="valtuusto", date=min(dt.date(year, 12, 31), finnish_day(now)), section=NO_SECTION, document=source)
    for group in groups:
        if group.code not in state.units:
            plan.events.append(_opening(reading, placed, group, root[0], year, adopted, source, prefix, stamp))
    plan.events += [e for e in _budget_groups(reading, lists, year, adopted, root[0], source, prefix, stamp)
                    if e.code not in state.units]
    plan.events += [e for e in opened if e.code not in state.units]
    if own[TA]:
        plan.events.append(TaAdopted(id=f"{prefix}-ta-{year}", effective=dt.date(year, 1, 1), year=year,
                                     decision=adopted, lines=tuple(own[TA]), **stamp))
    if own[TA_MUUTOS]:
        plan.events.append(TaAdopted(id=f"{prefix}-ta-{year}-from-total", effective=dt.date(year, 1, 1), year=year,
                                     decision=adopted, lines=tuple(own[TA_MUUTOS]), recorded_at=now, author=author,
                                     note=f"{source} antaa vain TA+MUUTOS {year}: kirjattu TA:na, taulukon painamat "
                                          "muutokset siitä vähennettyinä"))
    if own[MUUTOS]:
        plan.events.append(TaAmended(id=f"{prefix}-muutos-{year}", effective=amended.date, year=year,
                                     decision=amended, lines=tuple(own[MUUTOS]), **stamp))
    plan.events += _changes_apart_events(own, named, f"{prefix}-muutos-{year}", year, amended, profile, stamp)
    if own[TOTEUMA]:
        plan.events.append(TpRecorded(id=f"{prefix}-tp-{year}", effective=dt.date(year, 12, 31), year=year,
                                      lines=tuple(own[TOTEUMA]), **stamp))
    for column, lines in stated.items():
        if lines:
            effective = dt.date(year, 1, 1) if column == "TA" else dt.date(year, 12, 31)
            plan.events.append(BreakdownStated(id=f"{prefix}-erittely-{column}-{year}", effective=effective, year=year,
                                               column=column, lines=tuple(lines), **stamp))
    for (column, when), lines in projects.items():
        effective = dt.date(when, 1, 1) if column != "TP" else dt.date(when, 12, 31)
        plan.events.append(BreakdownStated(id=f"{prefix}-projects-{column}-{when}", effective=effective, year=when,
                                           column=column, lines=tuple(lines), recorded_at=now, author=author,
                                           note=f"{source}: projektilista, investointirivin erittely hankkeittain"))
    recorded = [e for e in plan.events if e.id in state.ids]
    plan.already = sum(len(getattr(e, "lines", ())) for e in recorded)
    plan.events = [e for e in plan.events if e.id not in state.ids]
    return LayoutPlan(plan, statuses(reading, blocks, lists, units, held_cells), lists, _titles(reading, units),
                      _change_keys(named, year))


def _change_keys(named: dict[str, str], year: int) -> dict[str, str]:
    """Each change printed apart, in the columns' order, by the profile's key for its decision (`MUUTOS 2024 1`):
    its column's words as printed."""
    return {f"MUUTOS {year} {role.split()[1]}": named[role]
            for role in sorted(named, key=lambda role: int(role.split()[1]))}


def _changes_apart_events(own: dict[str, list[Line]], named: dict[str, str], ident: str, year: int,
                         amended: Decision, profile: Profile | None, stamp: dict) -> list[TaAmended]:
    """Each change a table prints in a column of its own (a lisätalousarvio) as a TA-muutos of its own, in the
    columns' order, under the decision the profile gives its key, else the year's (``amended``); its note names
    the column as printed."""
    given = profile.decisions if profile is not None else {}
    out = []
    for key, words in _change_keys(named, year).items():
        role = f"{MUUTOS} {key.rsplit(' ', 1)[1]}"
        decision = given.get(key) or amended
        if own.get(role):
            out.append(TaAmended(id=f"{ident}-{role.split()[1]}", effective=decision.date, year=year, decision=decision,
                                 lines=tuple(own[role]), **{**stamp, "note": f"{stamp['note']}: {words}"}))
    return out


#: (table index, row line, role) -> (checked | listed, why): a unit's cell the ledger already holds
Held = dict[tuple[int, int, str], tuple[str, str]]
#: the ledger's column a unit's recorded role is held in (a TA+MUUTOS recorded as the TA: the TA)
_HELD_COLUMNS = {TA: "TA", TA_MUUTOS: "TA", MUUTOS: "MUUTOS", TOTEUMA: "TP"}


def _city_rows(reading: LayoutReading, placed: dict, lists: dict[int, projectlist.Placement], units: Attributed,
               root: tuple[str, str]) -> Attributed:
    """The rows recorded as the city's own figures (Verotulot, Korkokulut, …), as the city's node."""
    city = Node(root[0], root[1], "kaupunki", None)
    return {(index, row.line): city for index, table in enumerate(reading.tables)
            if table.confirmed and not summary.is_summary(table) for row in table.rows
            if not row.failed and _how(reading, table, row, placed, lists, units)[0] == OWN}


def ledger_holds(state: LedgerState, reading: LayoutReading, units: Attributed, year: int, prefix: str) -> Held:
    """A units table's cells (or the city's own rows') whose unit, account and column the ledger already holds
    from another import (a budget book, a long table, another book's units table): the same figure is checked
    and nothing new is
    recorded; a different one is listed as the contradiction it is, never added to what is there (a TA adopted
    twice would count the unit's money twice). What this book's own events hold (importing it again) is not
    compared here: those events are left out by their ids."""
    ours = {TA: f"{prefix}-ta-{year}", TA_MUUTOS: f"{prefix}-ta-{year}-from-total", MUUTOS: f"{prefix}-muutos-{year}",
            TOTEUMA: f"{prefix}-tp-{year}"}
    out: Held = {}
    for (index, line), unit in units.items():
        if not isinstance(unit, Node) or unit.code not in state.units:
            continue
        table = reading.tables[index]
        row = next((r for r in table.rows if r.line == line), None)
        if row is None:  # a unit above units: it holds no rows
            continue
        have = state.own_figures(year, unit.code)
        for role, cell in row.cells.items():
            column = _HELD_COLUMNS.get(kind(role))
            if column is None or ours.get(role, f"{ours[MUUTOS]}-{role.split()[-1]}") in state.ids or \
                    (row.account, column) not in have or _revised_only(table, role) or \
                    _cell_status(UNIT, "", role, cell.printed, table, row)[0] != RECORDED:
                continue
            held, book = have[(row.account, column)], _held_as(table, row, role)
            said = {"unit": unit.name, "code": unit.code, "account": row.account, "column": column, "year": year}
            out[(index, line, role)] = (CHECKED, Reason("plan.ledger_holds_same", **said)) if held == book else (
                LISTED, Reason("plan.ledger_holds_other", line=line, have=format_amount(held),
                               book=format_amount(book or 0), **said))
    return out


def _held_as(table: Table, row: Row, role: str) -> int | None:
    """A cell as the ledger would hold it: a change printed apart (``changes_apart``) as the row's changes'
    sum, which is the MUUTOS another import recorded the same money as; a TA+MUUTOS standing for the TA as the
    TA it implies (``_recorded_as``)."""
    apart = changes_apart(table.roles)
    if role in apart:
        return sum(table.ledger(row, r) or 0 for r in apart)
    amount = table.ledger(row, role)
    return amount if amount is None else _recorded_as(table, row, role, amount)[1]


def _titles(reading: LayoutReading, units: Attributed) -> dict[str, Node]:
    """The units recorded (and the units above them), by their heading as printed: the titles
    ``--write-profile`` writes them under."""
    return {place.heading: unit for found in _placements(reading) for key, place in found.items()
            if isinstance(unit := units.get(key), Node)} | headed_titles(reading, units)


def _project(table: Table, row: Row, found: projectlist.Placement, year: int, adopted: Decision,
             lines: dict[tuple[str, int], list[Line]], root: str, source: str, prefix: str,
             stamp: dict) -> ProjectOpened:
    """A project list's row as a project below its group under the TA's decision, its talousarvio and toteutuma
    (a budget's list: its TA and its plan years' TS) added to ``lines`` (the breakdown's columns by year)."""
    project = found.projects[row.line]
    taken = [(found.column, year, found.role), ("TP", year, TOTEUMA)]
    if found.budget:
        taken += [("TS", when, role) for role, when in projectlist.plan_years(table).items() if kind(role) == TS]
    for column, when, role in taken:
        if role in row.cells and role not in row.listed_cells:
            lines.setdefault((column, when), []).append(Line(project.code, found.account,
                                                             found.amount(table, row, role)))
    costs = projectlist.costs(table, row, found, year)
    return ProjectOpened(id=f"{prefix}-project-{project.code}", effective=dt.date(year, 1, 1),
                         decision=adopted,
                         code=project.code, name=project.name, group=found.group_of(row).code, unit=root,
                         cost_estimate=costs.estimate or 0, first_year=year, last_year=costs.last_year,
                         recorded_at=stamp["recorded_at"], author=stamp["author"],
                         note=f"{source}: projektilistan rivi {project.label}; {costs.note}")


# --- units named by the heading above their table (``layout.heading_above``) ---------------------------------
# A book that prints one small table per unit names the unit above the table, not in it. Each such table's
# operating rows are that unit's. Whether a unit is below another the book shows by printing a lautakunta's
# table and then its tulosalueet' tables before the next lautakunta; only their arithmetic confirms it (the
# tulosalueet' figures sum to the lautakunta's): a unit confirmed below another is a vastuualue below that one's
# toimiala, and the one above states its figures by account as the breakdown of theirs (``StatedOn``), never
# added to them. The units printed as the first unit is (a lautakunta's shape: an account's parts beside it or
# not, its heading's font size and numbering) are toimialat below the city; a unit of another shape whose place no sum
# confirms is listed.


@dataclass(frozen=True)
class StatedOn(Node):
    """A unit whose units below it hold its money: its own table's rows are its breakdown (``BreakdownStated``)."""


@dataclass
class _Headed:
    """A unit's table (and its continuation on the next page) under the heading above it."""

    tables: list[int]
    above: Above | None
    read: bool
    #: (account, role) -> the ledger's cents, its rows' (stated totals and derived lines too)
    figures: dict[tuple[str, str], int] = field(default_factory=dict)
    #: (account, role) -> one unit of the cell's last printed digit, in the ledger's cents (1 € printed: 100)
    printed: dict[tuple[str, str], int] = field(default_factory=dict)
    #: it prints an account's parts beside the account (a lautakunta's table by account)
    detailed: bool = False
    #: an operating account printed twice
    repeated: bool = False

    @property
    def shape(self) -> tuple[bool, float, int]:
        """What tells units of one level from those of another: a table by account or of totals, its heading's
        font size (to the half point; a lautakunta's heading printed larger than its tulosalueet') and the depth
        of its numbering (`3.1` over `3.1.2`)."""
        if self.above is None:
            return self.detailed, 0.0, 0
        return self.detailed, round(2 * self.above.size) / 2, self.above.depth


_SUMMED = (TA, MUUTOS, TA_MUUTOS, TOTEUMA)


def _headed_units(reading: LayoutReading, taken: set[int], units: Attributed) -> list[_Headed]:
    """The tables of one unit each, in print order: käyttötalous tables (no income-statement part, titled or stated by
    its rows; no summary, investment or project list) with operating rows and no unit's heading inside, not
    among ``taken`` (tables of units by their inner headings) and not restating a table of the city's (every
    operating row the same figure as an earlier table's that is no unit's, ``_elsewhere``; a tulosalue printing
    its lautakunta's figures is its unit's). A table not read (its columns or scale unsettled) is kept as
    unread: no sum runs past it."""
    found: list[tuple[int, Table, list[Row]]] = []
    for index, table in enumerate(reading.tables):
        if index in taken or table.part not in (None, "käyttötalous") or summary.is_summary(table) or \
                investplan.is_investment(table) or projectlist.is_project_list(table) or CUMULATIVE in table.roles \
                or _states_income_statement(table):
            continue
        rows = [r for r in table.rows if _is_operating(r) or (not table.confirmed and _operating_account(r))]
        if rows and not any(_unit_like(h) for r in table.rows for _n, h in r.headings):
            found.append((index, table, rows))
    others = units | {(index, r.line): Reason("plan.no_unit_heading") for index, _t, rows in found for r in rows}
    out: list[_Headed] = []
    for index, table, rows in found:
        if table.confirmed and all((_elsewhere(reading, table, r, others) or ("",))[0] == CHECKED for r in rows):
            continue
        last = out[-1] if out else None
        if last is not None and last.tables[-1] == index - 1 and table.above is not None and table.above == last.above:
            last.tables.append(index)
        else:
            out.append(_Headed([index], table.above, table.confirmed))
    for unit in out:
        _fill(reading, unit)
    return out


def _operating_account(row: Row) -> bool:
    """A row of an operating account, read or not (a table not read still shows whose table it is)."""
    found = accounts.CHART.accounts.get(row.account or "")
    return found is not None and found.part == "käyttötalous"


def _fill(reading: LayoutReading, unit: _Headed) -> None:
    """A unit's figures and shape from its tables' rows."""
    printed: Counter = Counter()
    for index in unit.tables:
        table = reading.tables[index]
        unit.read = unit.read and table.confirmed
        for row in (r for r in table.rows if r.account is not None and not r.failed):
            printed[row.account] += _is_operating(row)
            for role in _SUMMED:
                if (value := table.ledger(row, role)) is not None:
                    unit.figures[(row.account, role)] = value
                    unit.printed[(row.account, role)] = (1 if "," in row.cells[role].raw else 100) * table.scale
    unit.repeated = any(n > 1 for n in printed.values())
    unit.detailed = any(a in printed for account in printed for a in accounts.ANCESTORS.get(account, ())[1:])


def _sums_to(above: _Headed, below: list[_Headed]) -> bool:
    """Whether the units' figures sum to the one's, on every account and column they all print, to the rounding
    their printing explains (n parts printed to the euro: n · 0,50 €; the ledger's binding check then says the
    difference), and exactly on one figure at least that is not 0 (a budget's figures add up as printed)."""
    keys = [k for k in above.figures if all(k in u.figures for u in below)]
    sums = {k: sum(u.figures[k] for u in below) for k in keys}
    return any(above.figures[k] and sums[k] == above.figures[k] for k in keys) and all(
        2 * abs(sums[k] - above.figures[k]) <= sum(u.printed[k] for u in below) for k in keys)


def _nesting(units: list[_Headed]) -> dict[int, int]:
    """unit -> the unit it is below, where the arithmetic confirms it (``_summed``) or, where it does not, the
    book's printing does (``_printed_below``)."""
    below = _summed(units)
    for upper, lower in _printed_below(units, below).items():
        below |= dict.fromkeys(lower, upper)
    return below


def _summed(units: list[_Headed]) -> dict[int, int]:
    """unit -> the unit it is below, where the arithmetic confirms it: the longest run of units read after a
    unit (up to the next printed as it is, where the book prints units in two ways) whose figures sum to its
    own."""
    below: dict[int, int] = {}
    shapes = {u.shape for u in units}
    for i, unit in enumerate(units):
        if i in below or not unit.read:
            continue
        run = []
        for j in range(i + 1, len(units)):
            if not units[j].read or units[j].repeated or (len(shapes) > 1 and units[j].shape == unit.shape):
                break  # a unit printed as this one is, where units are printed in two ways: the next one above
            run.append(j)
        k = next((k for k in range(len(run), 0, -1) if _sums_to(unit, [units[j] for j in run[:k]])), 0)
        below |= {j: i for j in run[:k]}
    return below


def _captioned(unit: _Headed) -> bool:
    return unit.above is not None and bool(unit.above.caption)


def _printed_below(units: list[_Headed], summed: dict[int, int]) -> dict[int, list[int]]:
    """upper -> the units its printing places below it (``_printed_run``) where their figures do not sum to its
    own, unless some of them alone sum to it (``_some_sum``): which are its parts the book then does not say.
    The difference of their sum to the upper's figures is a finding (``printed_gaps``), never corrected."""
    out: dict[int, list[int]] = {}
    for i, unit in enumerate(units):
        lower = _printed_run(units, i, summed)
        if lower and not _some_sum(unit, [units[j] for j in lower]):
            out[i] = lower
    return out


def _printed_run(units: list[_Headed], i: int, summed: dict[int, int]) -> list[int]:
    """The units printed below unit i, or [] where the printing does not say: unit i's heading carries a caption
    (`Talousarvion toteutuminen`) over its table, then, up to the next captioned unit or the end, two units or
    more each under a heading naming a unit and no caption, all read, all of one shape and another than unit
    i's, each printing figures it prints. Anything else among them (a table not read, a heading of another size
    or numbering, a title, a unit printed as the upper is) leaves the structure unsaid."""
    unit = units[i]
    if not unit.read or unit.repeated or not _captioned(unit) or not _names_unit(unit.above) or \
            i in summed or i in summed.values():
        return []
    end = next((j for j in range(i + 1, len(units)) if _captioned(units[j])), len(units))
    lower = list(range(i + 1, end))
    shapes = {units[j].shape for j in lower}
    if len(lower) < UNITS_AT_LEAST or len(shapes) != 1 or unit.shape in shapes or any(
            j in summed or not units[j].read or units[j].repeated or not _names_unit(units[j].above)
            or not _common(unit, [units[j]]) for j in lower):
        return []
    return lower


#: the most units whose subsets ``_some_sum`` tries (2^n sums); more and the printing is not taken as enough
_SUBSETS_UP_TO = 12


def _some_sum(above: _Headed, below: list[_Headed]) -> bool:
    """Whether, on a figure all of them miss, some of the units without the others sum exactly to the one's
    (the others' money is inside theirs: a tehtäväalue printed apart that another's figures include): which
    are its parts side by side the book then does not say. Too many units to try counts as so."""
    if len(below) > _SUBSETS_UP_TO:
        return True
    for key in _common(above, below):
        values = [u.figures[key] for u in below]
        if sum(values) == above.figures[key] or not above.figures[key]:
            continue
        if any(sum(v for n, v in enumerate(values) if mask >> n & 1) == above.figures[key]
               for mask in range(1, 2 ** len(values) - 1)):
            return True
    return False


def _common(above: _Headed, below: list[_Headed]) -> list[tuple[str, str]]:
    """The (account, role) cells the one and all the units print."""
    return [k for k in above.figures if all(k in u.figures for u in below)]


def printed_gaps(reading: LayoutReading) -> list[Reason]:
    """Each account and column where units the printing places below a unit (``_printed_below``) do not sum to
    its figure by more than their printing explains (n parts · half their last digit): the book's own
    contradiction, said as a finding; the upper's figure is what the book states."""
    taken = {key: Reason("plan.no_unit_heading") for found in _placements(reading) for key in found}
    units = _headed_units(reading, {i for i, _line in taken}, taken)
    out = []
    for i, lower in _printed_below(units, _summed(units)).items():
        upper, parts = units[i], [units[j] for j in lower]
        for account, role in _common(upper, parts):
            lines = sum(u.figures[(account, role)] for u in parts)
            stated = upper.figures[(account, role)]
            if 2 * abs(stated - lines) > sum(u.printed[(account, role)] for u in parts):
                out.append(Reason("plan.units_sum_differs", parent=upper.above.name, account=account, column=role,
                                  lines=format_amount(lines), stated=format_amount(stated),
                                  difference=format_amount(stated - lines)))
    return out


def headed(reading: LayoutReading, root: str, given: dict[str, Node], state: LedgerState | None,
           planned: set[str] | frozenset[str], units: Attributed, codes: set[str]) -> Attributed:
    """Every operating row of a table of one unit (``_headed_units``) with its unit, or why not: no heading above
    the table names one, the unit's place is not confirmed, its code is another unit's (``codes``: those of the
    tables of units and the city), or the ledger or the tulosalue blocks hold it already (``_held``)."""
    found = _headed_units(reading, {i for i, _line in units}, units)
    nodes = _headed_nodes(found, root, given)
    counted = Counter(n.code for n in nodes.values())
    rows = [[(index, r) for index in unit.tables if reading.tables[index].confirmed
             for r in reading.tables[index].rows if _is_operating(r)] for unit in found]
    others = units | {(index, r.line): Reason("plan.no_unit_heading") for each in rows for index, r in each}
    out: Attributed = {}
    for i, unit in enumerate(found):
        node = nodes.get(i)
        why: Node | Reason = _headed_why(found, i, node, nodes, counted, codes, state, planned)
        printed = {r.account for _index, r in rows[i]}
        for index, row in rows[i]:
            nested = any(a in printed for a in accounts.ANCESTORS[row.account][1:]) or any(
                row.account in accounts.ANCESTORS[a][1:] for a in printed)
            if why == Reason("plan.no_unit_heading") and \
                    (_elsewhere(reading, reading.tables[index], row, others) or ("",))[0] == CHECKED:
                continue  # the same figure as a table of the city's states: checked there, as before
            out[(index, row.line)] = Reason("plan.unit_account_and_parts") if nested and isinstance(why, Node) else why
    return out


def _names_unit(above: Above | None) -> bool:
    """A heading above a table that names a unit: no chart line, no kind of item, no budget part, not the city,
    not only words of columns and chart lines (`Talousarvio`, `Ed. vuoden`, `Menot ja tulot`)."""
    return above is not None and _unit_like(above.name) and not _is_title(above.name) and not _columns_only(above.name)


#: the words joining two others in a heading (`Menot ja tulot`)
_JOINERS = ("ja", "sekä", "och", "&", "/")


def _columns_only(name: str) -> bool:
    """A heading made of words of the columns' phrases (``columns.toml`` ``[roles]``) and of chart lines only:
    a table's caption, never a unit's name."""
    words = " ".join(name.casefold().split()).split()
    return bool(words) and all(w.strip(".-:") in phrase_words() or w in phrase_words() or w in _JOINERS
                               or accounts.CHART.lookup(w.strip(".-:")) is not None for w in words)


def _headed_nodes(found: list[_Headed], root: str, given: dict[str, Node]) -> dict[int, Node]:
    """Each unit's node where its place is known: a unit confirmed below another a vastuualue below that one's
    toimiala (which then holds ``StatedOn``), one of the first unit's shape a toimiala below the city; named by
    its heading (its printed code, else its slug) or as the profile's ``[nodes]`` give it."""
    below = _nesting(found)
    upper = next((u.shape for u in found if _names_unit(u.above)), None)
    out: dict[int, Node] = {}
    for i, unit in enumerate(found):
        if not _names_unit(unit.above):
            continue
        if i in below:
            parent = out.get(below[i])
            if parent is not None:
                out[i] = given.get(unit.above.text) or _node(unit.above.name, root, parent)
        elif unit.shape == upper:
            node = given.get(unit.above.text) or _node(unit.above.name, root)
            out[i] = StatedOn(node.code, node.name, node.level, node.parent, node.earlier) if i in below.values() \
                else node
    return out


def _headed_why(found: list[_Headed], i: int, node: Node | None, nodes: dict[int, Node], counted: Counter,
                codes: set[str], state: LedgerState | None, planned: set[str] | frozenset[str]) -> Node | Reason:
    """A unit's node, or why its rows are not recorded."""
    unit = found[i]
    if not _names_unit(unit.above):
        return Reason("plan.no_unit_heading")
    if unit.repeated:
        return Reason("plan.operating_repeated")
    if node is None:
        j = next((j for j in range(i - 1, -1, -1) if j in nodes and nodes[j].level == "toimiala"), None)
        upper = nodes[j].name if j is not None else "–"
        after = next((k for k in range(i + 1, len(found)) if found[k].shape == found[j or 0].shape), len(found))
        if j is not None and not all(u.read for u in found[j:after]):
            return Reason("plan.unit_place_unread", unit=unit.above.name, parent=upper)
        if j is not None and i in _printed_run(found, j, _summed(found)):
            return Reason("plan.unit_parts_unsaid", unit=unit.above.name, parent=upper)
        return Reason("plan.unit_place_unconfirmed", unit=unit.above.name, parent=upper)
    if counted[node.code] > 1 or node.code in codes:
        return Reason("plan.heading_unit_twice", unit=unit.above.name, code=node.code)
    if node.level == "vastuualue":
        parent = next(n for n in nodes.values() if n.code == node.parent)
        above = _held(parent, parent.name, state, planned, holds_units=True)
        if isinstance(above, Reason):
            return above
    return _held(node, unit.above.name, state, planned, holds_units=isinstance(node, StatedOn))


def headed_titles(reading: LayoutReading, units: Attributed) -> dict[str, Node]:
    """The units named by the heading above their table, by that heading as printed (``--write-profile``)."""
    out: dict[str, Node] = {}
    for (index, _line), unit in units.items():
        above = reading.tables[index].above
        if isinstance(unit, Node) and above is not None and unit.name == unit_code(above.name)[1]:
            out[above.text] = Node(unit.code, unit.name, unit.level, unit.parent, unit.earlier)
    return out


__all__ = ["CHECKED", "LISTED", "RECORDED", "LayoutPlan", "Status", "attribute", "ledger_holds", "plan_layout",
           "statuses"]
