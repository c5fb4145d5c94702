"""A project list (edellisten vuosien käyttö / talousarvio / toteutuma / poikkeama / kustannukset yhteensä)
placed under the investment line it breaks down: each row a project opened under that line's project group.

A tilinpäätös prints, after its investointiosa, the projects of an investment line (``Rakennusten
toteutuminen``: ``5000 Alakylän koulu …``). Which line, the list need not say in words a reader can trust
(its title is a genitive, or missing): its arithmetic says it. The projects' talousarvio sums to exactly one
investment line's costs, either its TA+MUUTOS or its TA; that line is the group, and that column is what
the list's talousarvio is. No line or more than one: the list stays listed, with why.

The group's money is the investointiosa's (its TA, MUUTOS and TOTEUMA, as the book adopted and amended
them at that level); the projects are its breakdown. So each project's talousarvio and toteutuma are
recorded as a ``BreakdownStated`` under the project's code, on the group's account: stated, never added
to the group's rollup, so no euro is counted twice. The list's own total row, and its sums against the
investment line's figures, are checks (a list whose toteutuma differs from the line's is a difference the
preview shows, not a reason to move money). Use before the year and use so far are no column of the
ledger: checked by the row's arithmetic (use so far = use before + toteutuma) and said in the project's
note. A project's kustannusarvio is only what a column of the list says (``Kustannusarvio``,
``Kokonaiskustannusarvio``: ``columns.toml``'s ESTIMATE); a list without one records none (0, said in the note
and the preview), never the year's talousarvio in its place. The plan years' columns (``TS 2026``) say how
long the project runs (its last year the last it has money in) and, with ``Jäljellä``, are said in its note.

A budget book prints its investointiosa as a project list of another layout (``Kustannusarvio | Käytetty aiemmin |
TA 2025 | TS 2026 | TS 2027 | Myöhemmin``, no toteutuma): no investointiosa line holds its money, so its own
``… yhteensä`` rows are its project groups (each the heading its total sums), every total holding in every money
column (else the list is listed). Each project's TA and plan years are stated as its group's breakdown
(``BreakdownStated`` TA, and TS per plan year), its kustannusarvio as its cost estimate unless its printed parts
(käytetty aiemmin + TA + TS… + myöhemmin) contradict it (``layout`` checks it; the estimate is then listed).

A project's code is the one its label starts with (``5000``), else the group's code with ``-Pnn``; a
profile's ``[codes]`` gives another by the printed label. A code another unit holds, or twice in the
list, leaves the row listed.

Nothing here writes; ``layoutplan`` puts the events in its plan.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from ledger.books import investplan
from ledger.books.book import Check
from ledger.books.layout import (CUMULATIVE, KULU, LATER, PRIOR, TA, TA_MUUTOS, TOTEUMA, VOCABULARY_FILE, LayoutReading,
                                 Row, Table, is_budget_list, part_accounts)
from ledger.locale.reason import Reason

_CODED_RE = re.compile(r"^(?P<code>[0-9][0-9A-Za-z./-]*)\s+(?P<name>\S.*)$")
#: a project list's whole cost and what of it remains, where its columns print them (``columns.toml``)
ESTIMATE, REMAINING = "ESTIMATE", "REMAINING"
_YEAR_RE = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
#: the columns said in a project's note, in the ledger's words (the plan years by their own)
_NOTED = ((PRIOR, "edellisten vuosien käyttö"), (CUMULATIVE, "kustannukset yhteensä"), (REMAINING, "jäljellä"),
          (LATER, "myöhemmin"))
_TOTAL_RE = re.compile(r"^(?P<name>.*?)\s*\byhteensä$", re.IGNORECASE)


@dataclass(frozen=True)
class Project:
    """A row of a project list as a project: its code, name and the printed label a profile knows it by."""

    code: str
    name: str
    label: str


@dataclass
class Placement:
    """A project list under its investment line: the group, its account, what the list's talousarvio is
    (the ledger's ``TA`` or ``TA+MUUTOS``), the projects by row, and the checks; or why it is not placed."""

    group: investplan.Group | None = None
    account: str | None = None
    column: str = ""
    #: the list's talousarvio's role as its header named it (TA, or TA+MUUTOS)
    role: str = TA
    #: costs printed positive: the table's sign, else the one under which its talousarvio is the line's
    positive: bool = True

    def amount(self, table: Table, row: Row, role: str) -> int:
        """A row's cell in the ledger's sign (a cost negative) and cents; 0 where the row prints none."""
        return amount(table, row, role, self.positive)
    projects: dict[int, Project] = field(default_factory=dict)
    #: rows not placed (a code taken or twice): line -> why
    refused: dict[int, str] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    why: str = ""
    #: what the list says of its projects' costs beyond the year, and what of it is taken (the preview says it)
    taken: list[Reason] = field(default_factory=list)
    #: a budget book's list: each row's project group by line (the heading its `… yhteensä` sums), and each
    #: group's total row; its TA is the projects' TA and its plan years their TS
    groups: dict[int, investplan.Group] = field(default_factory=dict)
    totals: dict[investplan.Group, Row] = field(default_factory=dict)

    @property
    def budget(self) -> bool:
        """A budget book's list: its groups are its own headings, not an investointiosa's lines."""
        return bool(self.totals)

    def group_of(self, row: Row) -> investplan.Group | None:
        """The project group of a row: the list's for a tilinpäätös's, its heading's for a budget's."""
        return self.groups.get(row.line, self.group)


def is_project_list(table: Table) -> bool:
    """A list of projects: use before the year and use so far beside the year's figures (a tilinpäätös's), or
    a kustannusarvio beside the year's TA (a budget's)."""
    return (CUMULATIVE in table.roles and PRIOR in table.roles) or is_budget_list(table)


def is_total(row: Row) -> bool:
    """The list's own total row (``Menot yhteensä``): a row whose label names a total or an account."""
    return bool(row.total) or row.account is not None


def _line_figures(reading: LayoutReading, placed: Mapping[tuple[int, int], investplan.Placed],
                  group: investplan.Group) -> tuple[str | None, dict[str, int]]:
    """The group's account and its costs' figures in the investointiosa (ledger cents): TA, TA+MUUTOS, TOTEUMA."""
    for i, table in enumerate(reading.tables):
        for row in table.rows:
            p = placed.get((i, row.line))
            if (p is None or p.group != group or p.account is None or row.side != KULU or row.failed
                    or table.expenses_positive is None):
                continue
            ta, muutos = table.ledger(row, TA), table.ledger(row, "MUUTOS")
            given = table.ledger(row, TA_MUUTOS)
            return p.account, {TA: ta or 0, TA_MUUTOS: given if given is not None else (ta or 0) + (muutos or 0),
                               TOTEUMA: table.ledger(row, TOTEUMA) or 0}
    return None, {}


def amount(table: Table, row: Row, role: str, positive: bool) -> int:
    """A project row's cell in the ledger's sign (a cost negative; ``positive``: printed positive) and cents;
    0 where the row prints none."""
    cell = row.cells.get(role)
    return 0 if cell is None else cell.value * table.scale * (-1 if positive else 1)


def place(reading: LayoutReading, placed: Mapping[tuple[int, int], investplan.Placed],
          codes: Mapping[str, str] | None = None, held: Mapping[str, str | None] | None = None,
          planned: set[str] = frozenset(), root: str = "") -> dict[int, Placement]:
    """Each project list (by its table's index) placed under the investment line its talousarvio sums to.
    ``held``: each code the ledger holds and its parent (a project of the same group is this list's, opened
    by an earlier import); ``planned``: the codes this import registers otherwise."""
    groups = list(dict.fromkeys(p.group for p in placed.values() if p.group is not None and p.account is not None))
    lines = {g: _line_figures(reading, placed, g) for g in groups}
    out: dict[int, Placement] = {}
    for index, table in enumerate(reading.tables):
        if not table.confirmed or not is_project_list(table):
            continue
        out[index] = _place_budget(table, codes or {}, held or {}, planned, root, index) if is_budget_list(table) \
            else _place_one(table, lines, codes or {}, held or {}, planned)
    return out


def _place_budget(table: Table, codes: Mapping[str, str], held: Mapping[str, str | None], planned: set[str],
                  root: str, index: int) -> Placement:
    """A budget book's list: each `… yhteensä` a project group of the rows it sums (its heading's name), once
    every stated total holds in every money column; a row outside every group, a project's menot or tulot row
    (its side's word for a label) or a code taken is listed. A total that does not hold leaves the list listed."""
    rows = [r for r in table.rows if not is_total(r)]
    if any(r.failed for r in rows):
        return Placement(why=Reason("list.row_unread"))
    findings = {id(c) for c in table.estimate_findings.values()}
    wrong = [c for c in table.checks if not (c.ok or c.rounding) and id(c) not in findings]
    if wrong:
        return Placement(why=Reason("list.rows_not_sum", what=wrong[0].what))
    positive = table.expenses_positive if table.expenses_positive is not None else True
    placement = Placement(account=investplan.ROOTS[KULU], column="TA", role=TA, positive=positive,
                          taken=costs_taken(table))  # its checks are its table's
    for n, total in enumerate((r for r in table.rows if r.total and any(not is_total(m) for m in r.members)), 1):
        m = _TOTAL_RE.match(total.label)
        name = (m["name"] if m and m["name"] else "") or table.title or total.label
        group = investplan.Group(codes.get(name) or f"{root}-H{index}-{n:02d}", name)
        placement.totals[group] = total
        placement.groups.update({r.line: group for r in total.members if not is_total(r)})
    sides = {w for words in part_accounts(investplan.PART).values() for w in words} | {"menot", "tulot"}
    seen: set[str] = set()
    for n, row in enumerate(rows, 1):
        group = placement.groups.get(row.line)
        m = _CODED_RE.match(row.label)
        code = codes.get(row.label) or (m["code"] if m else f"{group.code if group else root}-P{n:02d}")
        if group is None or _fold(row.label) in sides:
            placement.refused[row.line] = Reason("list.no_group" if group is None else "list.side_row", label=row.label)
        elif code in planned or (code in held and held[code] != group.code) or code in seen or code == group.code:
            placement.refused[row.line] = Reason("list.code_taken", code=code)
        else:
            seen.add(code)
            placement.projects[row.line] = Project(code, m["name"] if m else row.label, row.label)
    if not placement.projects:
        return Placement(why=Reason("list.no_group", label=table.title))
    return placement


def _place_one(table: Table, lines: dict, codes: Mapping[str, str], held: Mapping[str, str | None],
               planned: set[str]) -> Placement:
    """The list under the investment line its talousarvio is, once its own arithmetic confirms every row:
    each row read, its rows summing to its total row (where it prints one) in talousarvio and toteutuma.
    A row in the wrong column would break a sum: such a list is listed, never recorded."""
    rows = [r for r in table.rows if not is_total(r)]
    if any(r.failed for r in rows):
        return Placement(why=Reason("list.row_unread"))
    role = TA if TA in table.roles else TA_MUUTOS
    signs = (table.expenses_positive,) if table.expenses_positive is not None else (True, False)
    found = [(g, column, positive) for positive in signs for g, (account, figures) in lines.items()
             if account is not None for column in (TA_MUUTOS, TA)
             if (budget := sum(amount(table, r, role, positive) for r in rows)) and figures.get(column) == budget]
    if len({g for g, _c, _p in found}) != 1:
        return Placement(why=Reason("list.no_line") if not found else Reason("list.several_lines"))
    group, column, positive = found[0]
    account, figures = lines[group]
    checks = _checks(table, rows, group, role, figures, positive)
    wrong = [c for c in checks[:-1] if not (c.ok or c.rounding) and c.what.endswith((f" {role}", f" {TOTEUMA}"))]
    if wrong:
        return Placement(why=Reason("list.rows_not_sum", what=wrong[0].what))
    placement = Placement(group=group, account=account, column=column, role=role, positive=positive, checks=checks,
                          taken=costs_taken(table))
    seen: set[str] = set()
    for n, row in enumerate(rows, 1):
        m = _CODED_RE.match(row.label)
        code = codes.get(row.label) or (m["code"] if m else f"{group.code}-P{n:02d}")
        taken = code in planned or (code in held and held[code] != group.code)
        if taken or code in seen or code == group.code:
            placement.refused[row.line] = Reason("list.code_taken", code=code)
            continue
        seen.add(code)
        placement.projects[row.line] = Project(code, m["name"] if m else row.label, row.label)
    return placement


def _checks(table: Table, rows: list[Row], group: investplan.Group, budget: str, figures: dict[str, int],
            positive: bool) -> list[Check]:
    """The list's total row against its rows, and (last) the rows' toteutuma against the investment line's."""
    out = []
    sums = {role: sum(amount(table, r, role, positive) for r in rows)
            for role in (budget, TOTEUMA, PRIOR, CUMULATIVE, ESTIMATE, REMAINING)}
    for total in (r for r in table.rows if is_total(r) and not r.failed):
        out += [Check(total.line, f"{table.title or 'project list'}: {total.label} {role}", amount(table, total, role, positive),
                     sums[role], parts=len(rows)) for role in sums if role in total.cells]
    anchor = next((r.line for r in table.rows if is_total(r)), rows[-1].line if rows else 0)
    out.append(Check(anchor, Reason("list.projects_toteuma", group=group.name), figures[TOTEUMA],
                     sums[TOTEUMA], parts=len(rows)))
    return out


# --- what the list says of a project's whole cost ------------------------------------------------


@dataclass(frozen=True)
class Costs:
    """What a project's row says beyond the year: its kustannusarvio (cents, a cost positive; None where no
    column prints one), its last year (the last plan year it has money in, else the book's) and the note's
    phrases (each column as printed)."""

    estimate: int | None
    last_year: int
    said: tuple[str, ...]

    @property
    def note(self) -> str:
        """The project's note on its costs, in the book's language."""
        head = "kustannusarvio listan sarakkeesta" if self.estimate is not None else \
            "kirja ei esitä kustannusarviota: sitä ei kirjata (0)"
        return "; ".join((head, *self.said))


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def estimate_contradicted(table: Table, row: Row) -> bool:
    """Whether a budget list's row's kustannusarvio is not the sum of its parts the list prints (a failing check)."""
    return row.line in table.estimate_findings


@cache
def _plan_words() -> tuple[str, ...]:
    """The words of a plan year's column (``columns.toml`` ``[project_list] plan_years``), case folded."""
    with VOCABULARY_FILE.open("rb") as f:
        doc = tomllib.load(f)
    return tuple(_fold(w) for w in doc.get("project_list", {}).get("plan_years", ()))


def plan_years(table: Table) -> dict[str, int]:
    """The list's plan-year columns (``TS 2026``: a plan word and one year), by role -> the year."""
    out = {}
    for words, role in zip(table.words, table.roles):
        years = _YEAR_RE.findall(words)
        text = _fold(_YEAR_RE.sub(" ", words))
        if role and len(years) == 1 and any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for w in _plan_words()):
            out[role] = int(years[0])
    return out


def _words(table: Table, role: str) -> str:
    return table.words[table.roles.index(role)]


def costs_taken(table: Table) -> list[Reason]:
    """What of the projects' whole cost the list's columns give: its kustannusarvio's column (or that it prints
    none, so none is recorded), the plan years and what remains (said in each project's note)."""
    out = [Reason("list.estimate_taken", column=_words(table, ESTIMATE)) if ESTIMATE in table.roles
           else Reason("list.no_estimate")]
    if plan := plan_years(table):
        out.append(Reason("list.plan_years_taken", columns=", ".join(_words(table, r) for r in plan)))
    if REMAINING in table.roles:
        out.append(Reason("list.remaining_taken", column=_words(table, REMAINING)))
    return out


def costs(table: Table, row: Row, found: Placement, year: int) -> Costs:
    """A project row's costs beyond ``year`` as its list prints them, and nothing it does not print."""
    contradicted = row.line in table.estimate_findings
    estimate = abs(found.amount(table, row, ESTIMATE)) if ESTIMATE in row.cells and not contradicted else None
    plan = plan_years(table)
    ends = [y for role, y in plan.items() if found.amount(table, row, role)]
    said = [f"{words} {row.cells[role].raw} €" for role, words in _NOTED if role in row.cells]
    said += [f"{_words(table, role)} {row.cells[role].raw} €" for role in plan if role in row.cells]
    return Costs(estimate, max([year, *ends]), tuple(said))


__all__ = ["ESTIMATE", "REMAINING", "Costs", "estimate_contradicted", "Placement", "Project", "amount", "costs", "costs_taken", "is_project_list", "is_total",
           "place", "plan_years"]
