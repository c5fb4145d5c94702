"""Turn what a book states into the events that would record it, against a ledger's state.

Nothing here writes: ``plan_import`` returns the events and the CLI shows them as a
preview until ``--apply``. Every event id is derived from the book's content hash
and the table and column it comes from, and a figure the ledger already holds is
not planned again, so importing the same book twice records nothing new.

Where a book is silent the profile (a small TOML file next to the book, see
``examples/books/``) says what it cannot: the codes of its nodes, where they sit,
and the decisions the book does not cite. A decision nobody cited is recorded as
the body's, dated where such a decision is made, with § "–" and the book as its
document, so an auditor sees exactly which figures carry no § yet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import msgspec

from events.model import (
    BreakdownStated,
    Decision,
    Event,
    KsSet,
    Line,
    TaAdopted,
    TaAmended,
    ToteumaRecorded,
    TpeRecorded,
    TpRecorded,
    TsSet,
    UnitRegistered,
)
from ledger.domain import intake
from ledger.fold import projections as pj
from ledger.fold.binding import BINDING_LINES
from ledger.locale.reason import Reason
from ledger.domain.citation import parse_decision
from ledger.books.book import Figure, Statement, code_parent, unit_code
from ledger.domain.money import format_amount
from ledger.domain.rules import Rejected, finnish_day
from ledger.fold.state import LedgerState, breakdown_key

NO_SECTION = "–"
#: a total one book prints and another breaks down may differ by the rounding of a euro
ROUNDING = 100
_PERIOD_RE = re.compile(r"(?P<a>[0-9]{1,2})-(?P<b>[0-9]{1,2})/(?P<year>[0-9]{4})")


@dataclass(frozen=True)
class Node:
    """A node of the organisation the book's tables are about (toimiala, vastuualue)."""

    code: str
    name: str
    level: str
    parent: str | None
    #: the node the same service was before this one existed (figures of earlier years go there)
    earlier: str | None = None


@dataclass
class Profile:
    """What the book does not say: node codes and places, unit codes, decisions."""

    nodes: dict[str, Node] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    root: Node | None = None


def load_profile(path: Path | None) -> Profile:
    """Read a profile TOML; a missing path gives the empty profile (Kemi's codes need none)."""
    if path is None:
        return Profile()
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (ValueError, RecursionError) as exc:  # not UTF-8, not TOML, nested past any profile's depth
        raise ValueError(f"{path}: not a profile ({exc})") from None
    for text in _texts(doc):
        intake.check_text("profile", text)
    try:
        root = doc.get("root")
        nodes = {title: Node(n["code"], n.get("name", title), n["level"], n.get("parent"), n.get("earlier"))
                 for title, n in doc.get("nodes", {}).items()}
        decisions = {key: parse_decision(text, f"decisions.{key}") for key, text in doc.get("decisions", {}).items()}
        return Profile(nodes=nodes, codes=dict(doc.get("codes", {})), decisions=decisions,
                       root=Node(root["code"], root["name"], "kaupunki", None) if root else None)
    except (AttributeError, KeyError, TypeError) as exc:  # a table where text belongs, a key left out
        raise ValueError(f"{path}: not a profile (missing or misplaced {exc})") from None


def _texts(value: object) -> list[str]:
    """Every key and string in a TOML document: what a profile may bring into the ledger."""
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (key, *_texts(item))]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return [value] if isinstance(value, str) else []


@dataclass
class Plan:
    """The events an import would record, and what it leaves out and why."""

    events: list[Event] = field(default_factory=list)
    already: int = 0
    conflicts: list[str] = field(default_factory=list)
    #: figures not recorded because the ledger holds them already, within rounding
    notes: list[str] = field(default_factory=list)
    #: the book's own contradictions its import keeps as printed (a lautakunta's figure its units do not sum to)
    findings: list[str] = field(default_factory=list)
    #: (table, printed block) -> the unit or node code its figures are recorded under
    codes: dict[tuple[int, str], str] = field(default_factory=dict)

    @property
    def units(self) -> list[UnitRegistered]:
        return [e for e in self.events if isinstance(e, UnitRegistered)]


def slug(name: str) -> str:
    """A unit code from a name the book prints without one: ASCII capitals and dashes."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Z0-9]+", "-", ascii_name.upper()).strip("-")[:40]


class _Planner:
    def __init__(self, state: LedgerState, statement: Statement, profile: Profile, author: str,
                 now: dt.datetime):
        self.state, self.statement, self.profile = state, statement, profile
        self.author, self.now = author, now
        self.prefix = f"book-{statement.digest[:12]}"
        self.plan = Plan()
        self.registered: dict[str, str] = {}  # code -> name, planned in this import
        self.registered_on: dict[str, dt.date] = {}  # code -> effective date, planned in this import
        self.planned_parents: dict[str, str | None] = {}  # code -> parent, planned in this import
        self._parents: dict[int, dict[str, str | None]] = {}
        years = [f.year for f in statement.figures] or [now.year]
        self.first_day = dt.date(min(years), 1, 1)
        self.book_year = max((f.year for f in statement.figures if f.column == "TA"), default=max(years))
        self.planned: dict[tuple, int] = {}

    # --- units -------------------------------------------------------------------

    def known(self, code: str) -> bool:
        return code in self.state.units or code in self.registered

    def register(self, code: str, name: str, level: str, parent: str | None) -> None:
        """Plan a unit from the book's first year, or from its parent's start if that is later."""
        if self.known(code):
            return
        effective = max(self.first_day, self.registered_since(parent)) if parent else self.first_day
        self.registered[code], self.registered_on[code] = name, effective
        self.planned_parents[code] = parent
        self.plan.events.append(UnitRegistered(
            id=f"{self.prefix}-unit-{code}", effective=effective, recorded_at=self.now, author=self.author,
            code=code, name=name, level=level, parent=parent, note=f"Organisaatio kirjan {self.statement.source} mukaan"))

    def parents(self, year: int) -> dict[str, str | None]:
        """The ledger's organisation for a year with the units this import registers; figures
        are grouped only after every unit is planned, so it is computed once per year."""
        if year not in self._parents:
            self._parents[year] = self.state.parents(year) | self.planned_parents
        return self._parents[year]

    def registered_since(self, code: str) -> dt.date:
        if code in self.registered_on:
            return self.registered_on[code]
        unit = self.state.units.get(code)
        return dt.date.fromordinal(unit.registered[0]) if unit is not None else self.first_day

    def node_on(self, title: str | None, code: str, effective: dt.date) -> str:
        """The node that holds a table's figures on ``effective``: the profile's earlier node
        for a year before the node existed (a reorganised service keeps its history)."""
        spec = self.profile.nodes.get(title or "")
        if spec is not None and spec.earlier and effective < self.registered_since(code):
            return spec.earlier
        return code

    def node(self, title: str | None) -> str | None:
        """The code of a table's node, registering it (and the root) from the profile if new."""
        root = self.profile.root
        if root is not None:
            self.register(root.code, root.name, root.level, None)
        spec = self.profile.nodes.get(title or "")
        if spec is None:
            return self._find_by_name(title) if title else None
        if spec.parent and not self.known(spec.parent):
            parent = next((t for t, n in self.profile.nodes.items() if n.code == spec.parent), None)
            if parent is not None:
                self.node(parent)
        self.register(spec.code, spec.name, spec.level, spec.parent)
        return spec.code

    def _find_by_name(self, name: str) -> str | None:
        wanted = " ".join(name.split()).casefold()
        found = [c for c in self.state.units if " ".join(self.state.name(c).split()).casefold() == wanted]
        found += [c for c, n in self.registered.items() if " ".join(n.split()).casefold() == wanted]
        return found[0] if len(set(found)) == 1 else None

    def unit(self, block: str, node: str | None) -> str:
        """The code of a unit block: Kemi's printed code, the profile's, a known name, or a new slug."""
        code, name = unit_code(block)
        if code is not None:
            self._register_coded(code, name)
            return code
        found = self._find_by_name(block)
        code = self.profile.codes.get(block) or (found if found != node else None) or slug(block)
        if node is None:
            raise Rejected("unit", block, "unit.no_node")
        self.register(code, block, "yksikkö", node)
        return code

    def _register_coded(self, code: str, name: str) -> None:
        """Kemi's codes carry the hierarchy: 64 city, 641 toimiala, 6411 vastuualue, longer units."""
        if self.known(code):
            return
        codes = self.statement.codes | set(self.state.units) | set(self.registered)
        parent = code_parent(code, codes)
        if parent is not None and not self.known(parent):
            self._register_coded(parent, _name_of(self.statement, parent))
        depth = len(code.rstrip("0"))
        level = {2: "kaupunki", 3: "toimiala", 4: "vastuualue"}.get(depth, "yksikkö")
        if parent is None and self.profile.root is not None and level != "kaupunki":
            parent = self.profile.root.code
        self.register(code, name, level, parent)

    # --- figures -----------------------------------------------------------------

    def current(self, year: int, unit: str, account: str, column: str, breakdown: bool) -> int | None:
        """What the ledger (plus this plan so far) holds for a cell."""
        key = (year, unit, account, column, breakdown)
        if key in self.planned:
            return self.planned[key]
        if breakdown:
            return self.state.own_figures(year, breakdown_key(unit)).get((account, "=" + column))
        if column == "TA+MUUTOS":
            ta, muutos = (self.current(year, unit, account, c, False) for c in ("TA", "MUUTOS"))
            return None if ta is None and muutos is None else (ta or 0) + (muutos or 0)
        return self.state.own_figures(year, unit).get((account, column))


def _name_of(statement: Statement, code: str) -> str:
    for meaning in statement.tables:
        for block in meaning.table.blocks:
            c, name = unit_code(block.name)
            if c == code:
                return name
    return code


def plan_import(state: LedgerState, statement: Statement, profile: Profile, *, author: str,
                now: dt.datetime) -> Plan:
    """The events that record the book's figures the ledger does not hold yet."""
    planner = _Planner(state, statement, profile, author, now)
    groups: dict[tuple, list[tuple[Figure, str]]] = {}
    unitless = _unitless_nodes(planner)
    for meaning in statement.tables:
        node = planner.node(meaning.node) if meaning.kind in ("units", "kayttotalous", "maararahat") else None
        for figure in (f for f in statement.figures if f.table == meaning.index):
            if meaning.kind == "maararahat" and node in unitless:
                continue  # the node's käyttötalous is its own figures: its määrärahat are the same money
            if figure.breakdown and node in unitless:
                figure = dataclasses.replace(figure, breakdown=False)
                unit = node
            elif figure.breakdown and node is not None:
                on = _effective(planner, figure.column, figure.year, figure.period)
                unit = planner.node_on(meaning.node, node, on)
            else:
                unit = None if figure.breakdown else planner.unit(figure.block, node)
            if unit is None:
                planner.plan.conflicts.append(Reason("plan.node_unknown", line=figure.line, block=figure.block))
                continue
            if not figure.breakdown:
                planner.plan.codes[(meaning.index, figure.block)] = unit
            table = _statement_table(statement, meaning) if figure.breakdown else meaning.index
            groups.setdefault((table, figure.column, figure.year, figure.period, figure.breakdown),
                              []).append((figure, unit))
    for key, members in groups.items():
        _plan_group(planner, key, members)
    return planner.plan


def _statement_table(statement: Statement, meaning) -> int:
    """The table a node's stated figures are recorded with: a määrärahat table's with the same node's
    käyttötalous (the next one printed, else any), so one statement per node and column holds both the
    appropriation (MENOT, TULOT) and its accounts; its own when the book prints no käyttötalous."""
    if meaning.kind != "maararahat":
        return meaning.index
    same = [m.index for m in statement.tables if m.kind == "kayttotalous" and m.node == meaning.node]
    return next((i for i in same if i > meaning.index), same[0] if same else meaning.index)


def _unitless_nodes(planner: _Planner) -> set[str]:
    """Nodes the book prints without any units at or below them: their käyttötalous is not a
    second view of their units' money but the only statement of it, so it is their own figures."""
    statement = planner.statement
    with_units = {planner.node(m.node) for m in statement.tables if m.kind == "units"}
    nodes = {planner.node(m.node) for m in statement.tables if m.kind == "kayttotalous"}
    return {n for n in nodes if n and not any(code and _below(planner, code, n) for code in with_units)}


def _below(planner: _Planner, code: str, node: str) -> bool:
    """``code`` is ``node`` or sits below it, in the ledger or in the profile."""
    parents = {n.code: n.parent for n in planner.profile.nodes.values()}
    seen: set[str] = set()
    while code is not None and code not in seen:
        if code == node:
            return True
        seen.add(code)
        unit = planner.state.units.get(code)
        code = parents.get(code) or (unit.parent if unit is not None else None)
    return False


def _plan_group(planner: _Planner, key: tuple, members: list[tuple[Figure, str]]) -> None:
    table, column, year, period, breakdown = key
    lines: list[Line] = []
    amended: list[Line] = []
    adopted_from_total: list[Line] = []
    for figure, unit in members:
        have = planner.current(year, unit, figure.account, column, breakdown)
        if have == figure.cents:
            planner.plan.already += 1
            continue
        if not breakdown and _counted_twice(planner, figure, unit):
            continue
        if column == "TA" and have is not None and not breakdown:
            planner.plan.conflicts.append(
                Reason("plan.ta_differs", line=figure.line, block=figure.block, account=figure.account, year=year,
                       have=have // 100, book=figure.cents // 100))
            continue
        planner.planned[(year, unit, figure.account, column, breakdown)] = figure.cents
        line = Line(unit, figure.account, figure.cents)
        if column == "TA+MUUTOS" and not breakdown:
            if have is None:
                adopted_from_total.append(line)
            else:
                amended.append(Line(unit, figure.account, figure.cents - have))
        else:
            lines.append(line)
    kind = planner.statement.tables[table].kind
    suffix = ("-maararahat" if kind == "maararahat" else "-erittely") if breakdown else ""
    ident = f"{planner.prefix}-t{table}-{column}{year}{suffix}"
    source = planner.statement.source
    if breakdown and lines:
        planner.plan.events.append(BreakdownStated(
            id=ident, effective=_effective(planner, column, year, period), recorded_at=planner.now,
            author=planner.author, year=year, column=column, lines=tuple(lines),
            note=f"{_stated_what(lines)}, {source}"))
        return
    if lines:
        planner.plan.events.append(_figure_event(planner, ident, column, year, period, lines, source))
    if adopted_from_total:
        planner.plan.events.append(TaAdopted(
            id=ident + "-ta", effective=dt.date(year, 1, 1), recorded_at=planner.now, author=planner.author,
            decision=_decision(planner, "TA", year), year=year, lines=tuple(adopted_from_total),
            note=f"{source} antaa vain TA+MUUTOS {year}: kirjattu TA:na, alkuperäinen TA ja muutokset eivät ole kirjassa"))
    if amended:
        planner.plan.events.append(TaAmended(
            id=ident + "-muutos", effective=_effective(planner, "TA+MUUTOS", year, period), recorded_at=planner.now,
            author=planner.author, decision=_decision(planner, "MUUTOS", year), year=year, lines=tuple(amended),
            note=f"TA-muutokset yhteensä: {source} TA+MUUTOS {year} miinus kirjattu TA"))


def _stated_what(lines: list[Line]) -> str:
    """What a node's statement holds: its appropriation (MENOT, TULOT), its accounts, or both."""
    appropriation = any(line.account in BINDING_LINES for line in lines)
    by_account = any(line.account not in BINDING_LINES for line in lines)
    if appropriation and by_account:
        return "Määrärahat ja käyttötalous tililajeittain"
    return "Määrärahat" if appropriation else "Käyttötalous tililajeittain"


def _counted_twice(planner: _Planner, figure: Figure, unit: str) -> bool:
    """A figure the ledger already holds at another level: the unit has units below it (the book
    prints as one line what another book broke down), or a unit above it has its own figure.
    Recording it would count the same money twice; the preview says so instead."""
    state, key = planner.state, (figure.account, figure.column)
    where = Reason("plan.where", line=figure.line, block=figure.block, account=figure.account, column=figure.column,
                   year=figure.year)
    total = None
    if state.units.get(unit) is not None and state.children(unit, figure.year):
        total = pj.figures(state, figure.year, unit).get(figure.account, figure.column)
    if total is not None:
        said = Reason("plan.units_sum", where=where, book=_euros(figure.cents), units=_euros(total))
        if abs(total - figure.cents) <= ROUNDING:
            planner.plan.already += 1
            planner.plan.notes.append(Reason("plan.book_rounded", said=said))
        else:
            planner.plan.conflicts.append(Reason("plan.said_not_recorded", said=said))
        return True
    parents = planner.parents(figure.year)
    above = parents.get(unit)
    while above is not None:
        if key in state.own_figures(figure.year, above):
            planner.plan.conflicts.append(Reason("plan.above_holds", where=where, above=above))
            return True
        above = parents.get(above)
    return False


def _euros(cents: int | None) -> str:
    return "–" if cents is None else format_amount(cents)


_KINDS = {"TA": TaAdopted, "KS": KsSet, "TP": TpRecorded, "TPE": TpeRecorded, "TS": TsSet, "TOTEUMA": ToteumaRecorded}


def _figure_event(planner: _Planner, ident: str, column: str, year: int, period: str | None, lines: list[Line],
                  source: str) -> Event:
    cls = _KINDS[column]
    fields: dict = {"id": ident, "recorded_at": planner.now, "author": planner.author, "year": year,
                    "lines": tuple(lines), "note": source}
    if column == "TOTEUMA":
        start, end = _period(period or _book_period(planner, year), year)
        fields |= {"period_start": start, "period_end": end, "effective": end}
    else:
        fields["effective"] = _effective(planner, column, year, period)
    if column in ("TA", "KS", "TS"):
        fields["decision"] = _decision(planner, column, year)
    return cls(**fields)


def _period(period: str | None, year: int) -> tuple[dt.date, dt.date]:
    """"01-06/2023" -> 1.1.2023-30.6.2023; no period: the whole year."""
    m = _PERIOD_RE.fullmatch(period or "")
    if m is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    first, last = int(m["a"]), int(m["b"])
    end = dt.date(year + (last == 12), last % 12 + 1, 1) - dt.timedelta(days=1)
    return dt.date(year, first, 1), end


def _book_period(planner: _Planner, year: int) -> str | None:
    """The toteuma period the book states for a year: "Toteuma 2023" in a half-year report is
    the same half-year its other tables print as "Toteuma 01-06/2023"."""
    periods = {f.period for f in planner.statement.figures if f.column == "TOTEUMA" and f.year == year and f.period}
    return periods.pop() if len(periods) == 1 else None


def _effective(planner: _Planner, column: str, year: int, period: str | None) -> dt.date:
    """When the figures hold: TA/KS at the year's start, TP at its end, TS from the book's year,
    TA+muutos and TPE at the end of the book's toteuma period in that year, else the year's end."""
    if column in ("TA", "KS"):
        return dt.date(year, 1, 1)
    if column == "TS":
        return dt.date(min(planner.book_year, year), 1, 1)
    if column == "TP":
        return dt.date(year, 12, 31)
    period = _book_period(planner, year)
    return _period(period, year)[1] if period else dt.date(year, 12, 31)


def _decision(planner: _Planner, column: str, year: int) -> Decision:
    """The profile's decision for "TA 2025" / "KS 2025" / "MUUTOS 2024", else an uncited one
    (``_uncited``), dated no later than the day it is planned: the book that states it exists, so it
    was decided by then (a decision may not be dated after its recording, ``rules.decision_dated``)."""
    given = planner.profile.decisions.get(f"{column} {year}")
    if given is not None:
        return given
    uncited = _uncited(planner, column, year)
    return msgspec.structs.replace(uncited, date=min(uncited.date, finnish_day(planner.now)))


def _uncited(planner: _Planner, column: str, year: int) -> Decision:
    """The body's decision for the column, dated where such a decision is made, with § "–"."""
    source = planner.statement.source
    if column == "KS":
        return Decision(body="hallitus", date=dt.date(year, 1, 1), section=NO_SECTION, document=source)
    if column == "MUUTOS":
        return Decision(body="valtuusto", date=_effective(planner, "TA+MUUTOS", year, None), section=NO_SECTION,
                        document=source)
    return Decision(body="valtuusto", date=dt.date(min(planner.book_year, year) - 1, 12, 31), section=NO_SECTION,
                    document=source)


def refuse_unknown_parents(state: LedgerState, events: list[Event]) -> None:
    """Raise the refusal ``--apply`` would meet for a unit whose parent (a profile's ``parent``) is no code the
    ledger holds nor one the import registers before it: the preview then fails as ``--apply`` would, in the
    same words, rather than showing a plan that cannot be written."""
    known = set(state.units)
    for event in events:
        if isinstance(event, UnitRegistered):
            if event.parent is not None and event.parent not in known:
                raise Rejected("parent", event.parent, "unit.unknown")
            known.add(event.code)


__all__ = ["Node", "Plan", "Profile", "load_profile", "plan_import", "refuse_unknown_parents", "slug"]
