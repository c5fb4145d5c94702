"""The ledger's state: a pure, incremental fold of the event log, queryable bitemporally.

Nothing is ever removed from the state. Every figure entry keeps its effective date
and its position in the log (``seq``); a reversal only marks its target. So a single
state answers "as of effective date D, as known after log position K" for any D and K
by filtering, and a checkpoint of the state lets a process start without replaying.
"""

from __future__ import annotations

import bisect
import datetime as dt
from array import array
from dataclasses import dataclass, field
from itertools import accumulate, compress
from typing import Callable, Iterator, TypeVar

import msgspec

from events import accounts
from events.codec import GENESIS
from events.model import (
    PROJECT_LEVEL,
    AppropriationCarried,
    BreakdownStated,
    ChangeProposed,
    EntryReversed,
    KsSet,
    ProjectChanged,
    ProjectClosed,
    ProjectOpened,
    ProposalDecided,
    Reallocated,
    RulesAdopted,
    ServiceTransferred,
    Stored,
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

#: stored columns; TA+MUUTOS and TOTEUMA-% are derived. SIIRTO is a year's unused appropriation carried
#: to the next year (``AppropriationCarried``): the same money as the next year's MUUTOS it became
CARRIED = "SIIRTO"
ADDITIVE_COLUMNS = ("TA", "MUUTOS", "TOTEUMA", CARRIED)
SET_COLUMNS = ("KS", "TP", "TPE", "TS")
COLUMN_OF: dict[type, str] = {
    TaAdopted: "TA",
    TaAmended: "MUUTOS",
    Reallocated: "MUUTOS",
    KsSet: "KS",
    TpRecorded: "TP",
    ToteumaRecorded: "TOTEUMA",
    TpeRecorded: "TPE",
    TsSet: "TS",
}
#: a breakdown's cells sit under the unit's code plus this, outside the organisation,
#: so no rollup can ever count them (``breakdown_key``); their columns carry a "="
#: ("=TA", "=TA+MUUTOS"): a statement, so the latest wins, even for TA
BREAKDOWN = "\x00erittely"
STATED = "="
FOREVER = dt.date.max.toordinal()
STATE_FORMAT = 6
T = TypeVar("T")

Entry = tuple[int, int, int]  # (effective ordinal, seq, cents)
class Cell:
    """One cell's entries, sorted by (effective, seq).

    Effective dates sit in their own machine array so the insert point and the as-of
    cut-off are found by C bisection, and (seq, cents) pairs in another, so a sum over
    visible entries is a C ``sum`` over a slice. ``reversed_any`` marks a cell one of
    whose entries was reversed: only such cells need the entry-by-entry path now.
    """

    __slots__ = ("effs", "rest", "reversed_any", "starts")

    def __init__(self, effs: array | None = None, rest: array | None = None, reversed_any: bool = False,
                 starts: array | None = None):
        self.effs = array("i") if effs is None else effs
        self.rest = array("q") if rest is None else rest
        self.reversed_any = reversed_any
        #: toteuma cells only: each entry's period start (its effective date is the period end)
        self.starts = starts

    def add(self, eff: int, seq: int, amount: int, start: int | None = None) -> None:
        """Entries arrive in log order, so ``seq`` is the newest: ties on date go last."""
        effs = self.effs
        if not effs or effs[-1] <= eff:
            i = len(effs)
            effs.append(eff)
            self.rest.append(seq)
            self.rest.append(amount)
        else:
            i = bisect.bisect_right(effs, eff)
            effs.insert(i, eff)
            self.rest[2 * i:2 * i] = array("q", (seq, amount))
        if start is not None:
            if self.starts is None:
                self.starts = array("i")
            self.starts.insert(i, start)

    def __iter__(self) -> Iterator[Entry]:
        it = iter(self.rest)
        return ((eff, seq, amount) for eff, seq, amount in zip(self.effs, it, it))

    def __len__(self) -> int:
        return len(self.effs)


def triples(cell: Cell) -> list[Entry]:
    return list(cell)


@dataclass
class Unit:
    """A unit's whole life; each fact tagged with (effective ordinal, seq)."""

    code: str
    level: str
    parent: str | None
    registered: tuple[int, int]
    names: list[tuple[int, int, str]] = field(default_factory=list)
    closed: list[tuple[int, int]] = field(default_factory=list)
    #: (effective, seq, from_parent, to_parent, from_year)
    transfers: list[tuple[int, int, str, str, int]] = field(default_factory=list)


class LedgerState:
    """Everything the rules and projections need, folded from the log."""

    def __init__(self) -> None:
        self.seq = 0
        self.head = GENESIS
        self.recorded = array("q")  # recorded_at in µs since epoch, by seq-1
        self.effective = array("i")  # effective ordinal, by seq-1
        self.fiscal_years = array("h")  # fiscal year of a figure event (0 for others), by seq-1
        self.kind_codes = array("b")  # index into KIND_NAMES, by seq-1
        #: event id -> seq, built on first use when the state came from a checkpoint (see ``ids``)
        self._ids: dict[str, int] | None = {}
        #: from a checkpoint: the ids of seqs 1.. (see ``_ids_blob``), and those folded since
        self._id_blob: bytes | list[str] = b""
        self._id_tail: list[str] = []
        self.reversed_by: dict[int, int] = {}
        self.units: dict[str, Unit] = {}
        #: (year, unit) -> (account, column) -> cell (see ``Cell``)
        self.cells: dict[tuple[int, str], dict[tuple[str, str], Cell]] = {}
        #: every account a cell holds, added as its first cell is made (``accounts_held``)
        self._accounts: set[str] = set()
        #: (year, unit) -> its own figures as of now; dropped whenever the pair changes
        self._now: dict[tuple[int, str], dict[tuple[str, str], int]] = {}
        #: unit -> seqs of the events that touched it, in log order
        self.touched: dict[str, array] = {}
        self._org_cache: dict[tuple[int, int, int], dict[str, str | None]] = {}
        #: the esitys events by seq: few, kept whole for the rules and the committee's view
        self.proposals: dict[int, ChangeProposed] = {}
        #: decision seq -> (proposal seq, approved, seq of the change it enacted or 0)
        self.decisions: dict[int, tuple[int, bool, int]] = {}
        #: the last event folded if it was a TA-muutos or a reallocation: what an approval enacts
        self.last_change: TaAmended | Reallocated | None = None
        #: answers that hold until the next event (see ``remember``)
        self._memo: dict[tuple, object] = {}
        #: answers about the organisation that hold until an event may change it (see ``remember_org``)
        self._org_memo: dict[tuple, object] = {}
        #: investment project -> (effective, seq, what it set) of its opening and changes (``project``)
        self.projects: dict[str, list[tuple[int, int, dict[str, object]]]] = {}
        #: s23-rules: the rules adopted into the ledger, by seq, in log order (``rules_adopted_at``)
        self.adopted: dict[int, RulesAdopted] = {}

    # --- folding -----------------------------------------------------------------

    def apply(self, record: Stored, *, inert: bool = False) -> None:
        """Fold one stored event; records must come in log order.

        An event that names something the state lacks raises ValueError before anything
        changes. ``inert`` folds it as a place in the log only (its id, kind and times,
        no effect): how ``verify`` reads on past an event the ledger would never write.
        """
        event = record.event
        if record.seq != self.seq + 1:
            raise ValueError(f"log gap: expected seq {self.seq + 1}, got {record.seq}")
        if not inert:
            self._foldable(event)
        seq = record.seq
        eff = event.effective.toordinal()
        self.seq = seq
        self.head = record.hash
        self.recorded.append(_micros(event.recorded_at))
        self.effective.append(eff)
        self.fiscal_years.append(getattr(event, "year", 0))
        self.kind_codes.append(_KIND[type(event)])
        self._add_id(event.id, seq)
        if self._org_cache:
            self._org_cache.clear()
        self._memo.clear()
        self.last_change = event if type(event) in (TaAmended, Reallocated) and not inert else None
        if not inert:
            _APPLY[type(event)](self, event, seq, eff)
        if type(event) not in ORG_STEADY:
            self._org_memo = {}  # a new dict once folded: an answer begun before lands in the old one

    def _foldable(self, event) -> None:
        """What folding ``event`` looks up exists, so a fold never stops half-way."""
        missing = None
        if isinstance(event, EntryReversed):
            missing = None if event.target in self.ids else f"the reversed event {event.target}"
        elif isinstance(event, (UnitRenamed, UnitClosed)):
            missing = None if event.code in self.units else f"the unit {event.code}"
        elif isinstance(event, ServiceTransferred):
            missing = None if event.unit in self.units else f"the unit {event.unit}"
        elif isinstance(event, (ProjectChanged, ProjectClosed)):
            missing = None if event.code in self.projects else f"the project {event.code}"
            if missing is None and getattr(event, "group", None) not in (None, *self.units):
                missing = f"the project group {event.group}"
        elif isinstance(event, ProjectOpened):
            missing = None if event.group in self.units else f"the project group {event.group}"
        elif isinstance(event, ProposalDecided):
            if self.ids.get(event.proposal) not in self.proposals:
                missing = f"the proposal {event.proposal}"
            elif event.enacted is not None and event.enacted not in self.ids:
                missing = f"the enacted event {event.enacted}"
        if missing is not None:
            raise ValueError(f"{missing} is not in the ledger")

    def apply_all(self, records: list[Stored]) -> None:
        """Fold many records: the figure events, nearly all of a large log, inline.

        Same result as ``apply`` one by one; the per-line work is written out here
        because a rebuild runs it millions of times.
        """
        recorded, effective, kinds, add_id = self.recorded, self.effective, self.kind_codes, self._add_id
        fiscal_years, cells, touched, column_of, tag = self.fiscal_years, self.cells, self.touched, COLUMN_OF, _KIND
        held = self._accounts
        self._now.clear()
        for record in records:
            event = record.event
            cls = type(event)
            column = column_of.get(cls)
            if column is None or cls is Reallocated or record.seq != self.seq + 1:
                self.apply(record)
                continue
            seq = self.seq = record.seq
            eff = event.effective.toordinal()
            start = event.period_start.toordinal() if cls is ToteumaRecorded else None
            self.head = record.hash
            recorded.append(_micros(event.recorded_at))
            effective.append(eff)
            year = event.year
            fiscal_years.append(year)
            kinds.append(tag[cls])
            add_id(event.id, seq)
            units = set()
            for line in event.lines:
                unit = line.unit
                by_key = cells.get((year, unit))
                if by_key is None:
                    by_key = cells[(year, unit)] = {}
                cell = by_key.get((line.account, column))
                if cell is None:
                    cell = by_key[(line.account, column)] = Cell()
                    held.add(line.account)
                effs = cell.effs
                if start is None and (not effs or effs[-1] <= eff):
                    effs.append(eff)
                    cell.rest.extend((seq, line.amount))
                else:
                    cell.add(eff, seq, line.amount, start)
                units.add(unit)
            for unit in units:
                seqs = touched.get(unit)
                if seqs is None:
                    touched[unit] = array("q", (seq,))
                elif seqs[-1] != seq:
                    seqs.append(seq)
        self._now.clear()
        self._memo.clear()
        if records:
            last = records[-1].event
            self.last_change = last if type(last) in (TaAmended, Reallocated) else None
        if self._org_cache:
            self._org_cache.clear()

    def _touch(self, unit: str, seq: int) -> None:
        seqs = self.touched.get(unit)
        if seqs is None:
            self.touched[unit] = array("q", (seq,))
        elif seqs[-1] != seq:
            seqs.append(seq)

    def _registered(self, e: UnitRegistered, seq: int, eff: int) -> None:
        unit = Unit(code=e.code, level=e.level, parent=e.parent, registered=(eff, seq))
        unit.names.append((eff, seq, e.name))
        self.units[e.code] = unit
        self._touch(e.code, seq)

    def _renamed(self, e: UnitRenamed, seq: int, eff: int) -> None:
        bisect.insort(self.units[e.code].names, (eff, seq, e.name))
        self._touch(e.code, seq)

    def _closed(self, e: UnitClosed, seq: int, eff: int) -> None:
        bisect.insort(self.units[e.code].closed, (eff, seq))
        self._touch(e.code, seq)

    def _transferred(self, e: ServiceTransferred, seq: int, eff: int) -> None:
        bisect.insort(self.units[e.unit].transfers, (eff, seq, e.from_parent, e.to_parent, e.from_year))
        self._touch(e.unit, seq)

    def _figures(self, e: TaAdopted, seq: int, eff: int) -> None:
        column, year, add = COLUMN_OF[type(e)], e.year, self._add
        start = e.period_start.toordinal() if isinstance(e, ToteumaRecorded) else None
        for line in e.lines:
            add(year, line.unit, line.account, column, eff, seq, line.amount, start)
        for unit in {line.unit for line in e.lines}:
            self._touch(unit, seq)

    def _reallocated(self, e: Reallocated, seq: int, eff: int) -> None:
        for m in e.moves:
            self._add(e.year, m.from_unit, m.from_account, "MUUTOS", eff, seq, -m.amount)
            self._add(e.year, m.to_unit, m.to_account, "MUUTOS", eff, seq, m.amount)
        for unit in {u for m in e.moves for u in (m.from_unit, m.to_unit)}:
            self._touch(unit, seq)

    def _breakdown(self, e: BreakdownStated, seq: int, eff: int) -> None:
        for line in e.lines:
            self._add(e.year, breakdown_key(line.unit), line.account, STATED + e.column, eff, seq, line.amount)
        for unit in {line.unit for line in e.lines}:
            self._touch(unit, seq)
            self._touch(breakdown_key(unit), seq)

    def _proposed(self, e: ChangeProposed, seq: int, eff: int) -> None:
        self.proposals[seq] = e
        for unit in proposal_units(e):
            self._touch(unit, seq)

    def _decided(self, e: ProposalDecided, seq: int, eff: int) -> None:
        proposal = self.ids[e.proposal]
        self.decisions[seq] = (proposal, e.approved, self.ids[e.enacted] if e.enacted else 0)
        for unit in proposal_units(self.proposals[proposal]):
            self._touch(unit, seq)

    def _reversed(self, e: EntryReversed, seq: int, eff: int) -> None:
        target = self.ids[e.target]
        self._undo(target, seq)
        decided = self.decisions.get(target)
        if decided and decided[2] and decided[2] not in self.reversed_by:
            self._undo(decided[2], seq)  # reversing an approval undoes the change it enacted

    def _undo(self, target: int, seq: int) -> None:
        self.reversed_by[target] = seq
        self._now.clear()
        year = self.fiscal_years[target - 1]
        # a carry-over wrote its to_year (its fiscal year) and the year before it
        years = (year, year - 1) if self.kind(target) == "appropriation_carried" else (year,)
        for unit, seqs in self.touched.items():
            i = bisect.bisect_left(seqs, target)
            if i < len(seqs) and seqs[i] == target:
                self._touch(unit, seq)
                for cells in (self.cells.get((y, unit), {}) for y in years):
                    for cell in cells.values():
                        if target in cell.rest[0::2]:
                            cell.reversed_any = True

    # --- investments and carry-over (issue 17) ------------------------------------------

    def _project_opened(self, e: ProjectOpened, seq: int, eff: int) -> None:
        """A project is a node below its group, so its figures roll up as a unit's do."""
        unit = Unit(code=e.code, level=PROJECT_LEVEL, parent=e.group, registered=(eff, seq))
        unit.names.append((eff, seq, e.name))
        self.units[e.code] = unit
        self.projects[e.code] = [(eff, seq, {"unit": e.unit, "cost_estimate": e.cost_estimate,
                                             "first_year": e.first_year, "last_year": e.last_year})]
        self._touch(e.code, seq)

    def _project_changed(self, e: ProjectChanged, seq: int, eff: int) -> None:
        """A new name is a renaming; a new group a move of every year's figures (``from_year`` 1)."""
        unit = self.units[e.code]
        if e.name is not None:
            bisect.insort(unit.names, (eff, seq, e.name))
        if e.group is not None:
            now = unit.transfers[-1][3] if unit.transfers else unit.parent
            bisect.insort(unit.transfers, (eff, seq, now or "", e.group, 1))
        changed = {name: getattr(e, name) for name in ("cost_estimate", "first_year", "last_year")
                   if getattr(e, name) is not None}
        bisect.insort(self.projects[e.code], (eff, seq, changed), key=lambda entry: entry[:2])
        self._touch(e.code, seq)

    def _project_closed(self, e: ProjectClosed, seq: int, eff: int) -> None:
        bisect.insort(self.units[e.code].closed, (eff, seq))
        self._touch(e.code, seq)

    # --- s23-rules: the rules adopted into the ledger ---

    def _rules_adopted(self, e: RulesAdopted, seq: int, eff: int) -> None:
        self.adopted[seq] = e

    def rules_adopted_at(self, known: int | None = None) -> tuple[int, RulesAdopted] | None:
        """The adoption in force for what is recorded after log position ``known`` (default: now): the one
        recorded last at or before it (seq and event), or None while no rules were adopted."""
        known = self.seq if known is None else known
        return next(((seq, e) for seq, e in reversed(self.adopted.items()) if seq <= known), None)

    def project(self, code: str, on: int = FOREVER, known: int | None = None) -> dict[str, object]:
        """A project's responsible unit, cost estimate and years as of (on, known): its opening and each
        change in force then, in effective order."""
        known = self.seq if known is None else known
        current: dict[str, object] = {}
        for eff, seq, values in self.projects[code]:
            if eff <= on and self.alive(seq, known):
                current.update(values)
        return current

    def _carried(self, e: AppropriationCarried, seq: int, eff: int) -> None:
        """To ``to_year``'s TA-muutokset, and out of ``from_year``'s unused appropriation (SIIRTO)."""
        for line in e.lines:
            self._add(e.to_year, line.unit, line.account, "MUUTOS", eff, seq, line.amount)
            self._add(e.from_year, line.unit, line.account, CARRIED, eff, seq, line.amount)
        for unit in {line.unit for line in e.lines}:
            self._touch(unit, seq)

    def _add(self, year: int, unit: str, account: str, column: str, eff: int, seq: int, amount: int,
             start: int | None = None) -> None:
        """Keep each cell sorted by (effective, seq); appending is the common case."""
        by_key = self.cells.get((year, unit))
        if by_key is None:
            by_key = self.cells[(year, unit)] = {}
        self._now.pop((year, unit), None)
        cell = by_key.get((account, column))
        if cell is None:
            cell = by_key[(account, column)] = Cell()
            self._accounts.add(account)
        cell.add(eff, seq, amount, start)

    def overlapping_period(self, year: int, unit: str, account: str, start: int, end: int) -> tuple[int, int, int] | None:
        """A live toteuma period of the cell that overlaps [start, end], if any.

        The toteuma cell holds each period by its end date, with its start alongside.
        Live periods never overlap, so in end order they are in start order too: the
        first live period ending on or after ``start`` decides.
        """
        cell = self.cells.get((year, unit), {}).get((account, "TOTEUMA"))
        if cell is None or cell.starts is None:
            return None
        for i in range(bisect.bisect_left(cell.effs, start), len(cell.effs)):
            seq = cell.rest[2 * i]
            if seq in self.reversed_by:
                continue
            return (cell.starts[i], cell.effs[i], seq) if cell.starts[i] <= end else None
        return None

    @property
    def kinds(self) -> _KindNames:
        return _KindNames(self.kind_codes)

    def kind(self, seq: int) -> str:
        return KIND_NAMES[self.kind_codes[seq - 1]]

    # --- visibility --------------------------------------------------------------

    def alive(self, seq: int, known: int) -> bool:
        """Whether event ``seq`` is in the ledger as known after position ``known``."""
        if seq > known:
            return False
        undone = self.reversed_by.get(seq)
        return undone is None or undone > known

    def known_seq(self, at: dt.datetime | None) -> int:
        """The last log position recorded at or before ``at`` (None: everything)."""
        if at is None:
            return self.seq
        return bisect.bisect_right(self.recorded, _micros(at))

    def recorded_at(self, seq: int) -> dt.datetime:
        return _from_micros(self.recorded[seq - 1])

    # --- organisation ------------------------------------------------------------

    def unit_exists(self, code: str, on: int, known: int) -> bool:
        unit = self.units.get(code)
        return unit is not None and unit.registered[0] <= on and self.alive(unit.registered[1], known)

    def closed_on(self, code: str, known: int) -> int | None:
        """Effective ordinal from which the unit is closed, if it is."""
        for eff, seq in self.units[code].closed:
            if self.alive(seq, known):
                return eff
        return None

    def name(self, code: str, on: int = FOREVER, known: int | None = None) -> str:
        known = self.seq if known is None else known
        current = code
        for eff, seq, name in self.units[code].names:
            if eff <= on and self.alive(seq, known):
                current = name
        return current

    def parents(self, year: int, on: int = FOREVER, known: int | None = None) -> dict[str, str | None]:
        """Each unit's parent for fiscal year ``year``'s figures, as of (on, known); now's kept while the
        organisation stands (``remember_org``), as every check at a write reads it."""
        known = self.seq if known is None else known
        if on == FOREVER and known >= self.seq:
            return self.remember_org(("parents", year), lambda: self._parents(year, FOREVER, known))
        key = (year, on, known)
        cached = self._org_cache.get(key)
        if cached is None:
            cached = self._parents(year, on, known)
            if len(self._org_cache) > 64:
                self._org_cache.clear()
            self._org_cache[key] = cached
        return cached

    def _parents(self, year: int, on: int, known: int) -> dict[str, str | None]:
        result: dict[str, str | None] = {}
        for code, unit in self.units.items():
            if not (unit.registered[0] <= on and self.alive(unit.registered[1], known)):
                continue
            parent = unit.parent
            for eff, seq, _from, to, from_year in unit.transfers:
                if eff <= on and year >= from_year and self.alive(seq, known):
                    parent = to
            result[code] = parent
        return result

    def subtree(self, node: str, year: int, on: int = FOREVER, known: int | None = None) -> list[str]:
        """``node`` and every unit below it, as the organisation stood."""
        if on == FOREVER and (known is None or known >= self.seq):
            kids = self.remember_org(("kids", year), lambda: _kids(self.parents(year)))
        else:
            kids = _kids(self.parents(year, on, known))
        out, stack = [], [node]
        while stack:
            code = stack.pop()
            out.append(code)
            stack.extend(kids.get(code, ()))
        return out

    def children(self, node: str | None, year: int, on: int = FOREVER, known: int | None = None) -> list[str]:
        parents = self.parents(year, on, known)
        return sorted(code for code, parent in parents.items() if parent == node)

    # --- figures -----------------------------------------------------------------

    def standing_decision(self, proposal: int, known: int | None = None) -> int | None:
        """The seq of the decision on a proposal that stands as known after ``known``, if any."""
        known = self.seq if known is None else known
        return next((d for d, (p, _approved, _enacted) in self.decisions.items()
                     if p == proposal and d <= known and self.alive(d, known)), None)

    def enacted_by(self, seq: int) -> int | None:
        """The standing approval whose change event ``seq`` is, if it is one."""
        return next((d for d, (_p, _approved, enacted) in self.decisions.items()
                     if enacted == seq and self.alive(d, self.seq)), None)

    def cell_value(self, cell: Cell, column: str, on: int, known: int) -> int | None:
        """A cell as of (on, known); None when nothing visible was recorded."""
        k = len(cell.effs) if on >= FOREVER else bisect.bisect_right(cell.effs, on)
        if not k:
            return None
        rest, additive = cell.rest, column in ADDITIVE_COLUMNS
        if on >= FOREVER and known < self.seq and (additive or not cell.reversed_any):
            return self._known_value(cell, additive, known)
        if cell.reversed_any:
            return self._fold(rest[:2 * k], additive, known)
        if known >= self.seq:
            return sum(rest[1:2 * k:2]) if additive else rest[2 * k - 1]
        # nothing here was ever reversed: keep what was known, filtered in C rather than a loop
        kept = list(compress(rest[1:2 * k:2], map(known.__ge__, rest[0:2 * k:2])))
        if not kept:
            return None
        return sum(kept) if additive else kept[-1]

    def _known_value(self, cell: Cell, additive: bool, known: int) -> int | None:
        """The cell as known after ``known`` (every effective date), by bisection in its entries by seq.

        Time travel steps the known-at point event by event over the same cells: the index
        is built once per cell (kept until the next event folds) and each step is then a
        bisection, not a pass over every entry. A set column's cell is indexed only if no
        entry of it was ever reversed.
        """
        index = self._memo.get(("by-seq", id(cell)))
        if index is None:
            index = self._memo[("by-seq", id(cell))] = _by_seq(cell, additive, self.reversed_by)
        seqs, running, counts = index
        j = bisect.bisect_right(seqs, known)
        if not j or (counts and not counts[j - 1]):
            return None
        return running[j - 1] if additive else cell.rest[2 * running[j - 1] + 1]

    def prepare_time_travel(self, year: int, batch: int = 200) -> Iterator[None]:
        """Index the year's cells for ``_known_value`` ahead of the first step back, a batch at a
        time (a caller in a thread yields between batches): at a million events the first step
        would otherwise build ~6 000 indexes, ~0.4 s, while the user waits."""
        todo = [(cell, column in ADDITIVE_COLUMNS) for (y, _unit), cells in list(self.cells.items()) if y == year
                for (_account, column), cell in cells.items() if column in ADDITIVE_COLUMNS or not cell.reversed_any]
        for start in range(0, len(todo), batch):
            for cell, additive in todo[start:start + batch]:
                key = ("by-seq", id(cell))
                if key not in self._memo:
                    self._memo[key] = _by_seq(cell, additive, self.reversed_by)
            yield

    def cell_value_without(self, cell: Cell, column: str, seq: int) -> int | None:
        """The cell as known now had event ``seq`` never been written: what reversing it leaves."""
        return self._fold(cell.rest, column in ADDITIVE_COLUMNS, self.seq, skip=seq)

    def _fold(self, rest: array, additive: bool, known: int, skip: int = 0) -> int | None:
        """(seq, cents) pairs as known after ``known``, reversed ones and ``skip`` left out."""
        undone = self.reversed_by
        total, value, seen = 0, None, False
        it = iter(rest)
        for seq, amount in zip(it, it):
            if seq > known or seq == skip:
                continue
            r = undone.get(seq)
            if r is not None and r <= known:
                continue
            seen = True
            if additive:
                total += amount
            else:
                value = amount
        if not seen:
            return None
        return total if additive else value

    def unit_cells(self, year: int, unit: str) -> dict[tuple[str, str], Cell]:
        return self.cells.get((year, unit), {})

    def accounts_held(self) -> set[str]:
        """Every account a cell holds, breakdowns included: what a chart must know to fold this ledger. Kept as
        cells are made, not gathered from every cell: each write asks (``Kirjuri.accounts_outside_chart``)."""
        return set(self._accounts)

    def own_figures(self, year: int, unit: str, on: int = FOREVER, known: int | None = None) -> dict[tuple[str, str], int]:
        """The unit's own recorded cells (account, column) -> cents, no rollup."""
        known = self.seq if known is None else known
        if known < self.seq:
            seqs = self.touched.get(unit)
            if not seqs or seqs[-1] <= known:
                known = self.seq  # nothing written since touched the unit: now's figures are the past's
        now = on == FOREVER and known >= self.seq
        if now and (year, unit) in self._now:
            return self._now[(year, unit)]
        out: dict[tuple[str, str], int] = {}
        for key, cell in self.unit_cells(year, unit).items():
            value = self.cell_value(cell, key[1], on, known)
            if value is not None:
                out[key] = value
        if now:
            self._now[(year, unit)] = out
        return out

    @property
    def ids(self) -> dict[str, int]:
        """Event id -> seq. From a checkpoint it is built on first use: a million ids take
        ~0.7 s to split and hash, and a reader who never reverses or looks up an id never asks."""
        if self._ids is None:
            blob = self._id_blob
            names = (blob.decode().split("\n") if blob else []) if isinstance(blob, bytes) else list(blob)
            names += self._id_tail
            self._ids = dict(zip(names, range(1, len(names) + 1), strict=True))
            self._id_blob, self._id_tail = b"", []
        return self._ids

    def _add_id(self, event_id: str, seq: int) -> None:
        if self._ids is None:
            self._id_tail.append(event_id)
        else:
            self._ids[event_id] = seq

    def _ids_blob(self) -> bytes | list[str]:
        """The ids in seq order, "\n"-joined: one bytes object decodes far faster than a million
        strings. An id with a newline in it (from a crafted export) keeps the list form."""
        ids = list(self.ids)
        blob = "\n".join(ids).encode()
        return blob if blob.count(b"\n") == max(len(ids) - 1, 0) and ids != [""] else ids

    def remember(self, key: tuple, compute: Callable[[], T]) -> T:
        """``compute()`` once until the next event folds: for answers costly at city level."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[return-value]

    def remember_org(self, key: tuple, compute: Callable[[], T]) -> T:
        """``compute()`` once while the organisation stands as it is: until an event folds that is not of
        ``ORG_STEADY`` (one that may register, move, close or reverse something). For answers read from the
        units, their parents and the projects "now" (``parents(year)``), which every check at a write reads."""
        memo = self._org_memo
        if key not in memo:
            memo[key] = compute()
        return memo[key]  # type: ignore[return-value]

    def years(self) -> list[int]:
        return sorted({year for year, _unit in self.cells})

    def events_of(self, unit: str) -> list[int]:
        return self.touched.get(unit, [])

    # --- checkpoints -------------------------------------------------------------

    def to_checkpoint(self) -> bytes:
        """Serialise the whole state (msgpack); ``from_checkpoint`` restores it exactly."""
        units = [
            [u.code, u.level, u.parent, list(u.registered), u.names, u.closed, u.transfers]
            for u in self.units.values()
        ]
        cells = [
            [year, unit, account, column, cell.effs.tobytes(), cell.rest.tobytes(), cell.reversed_any,
             None if cell.starts is None else cell.starts.tobytes()]
            for (year, unit), by_key in self.cells.items()
            for (account, column), cell in by_key.items()
        ]
        doc = {
            "format": STATE_FORMAT,
            "seq": self.seq,
            "head": self.head,
            "recorded": self.recorded.tobytes(),
            "effective": self.effective.tobytes(),
            "fiscal_years": self.fiscal_years.tobytes(),
            "kinds": self.kind_codes.tobytes(),
            "ids": self._ids_blob(),
            "reversed_by": list(self.reversed_by.items()),
            "units": units,
            "cells": cells,
            "touched": {unit: seqs.tobytes() for unit, seqs in self.touched.items()},
            "proposals": [[seq, msgspec.msgpack.encode(e)] for seq, e in self.proposals.items()],
            "decisions": [[seq, *decided] for seq, decided in self.decisions.items()],
            "last_change": None if self.last_change is None else msgspec.msgpack.encode(self.last_change),
            "projects": [[code, entries] for code, entries in self.projects.items()],
            "adopted": [[seq, msgspec.msgpack.encode(e)] for seq, e in self.adopted.items()],
        }
        return msgspec.msgpack.encode(doc)

    @classmethod
    def from_checkpoint(cls, data: bytes) -> LedgerState:
        doc = msgspec.msgpack.decode(data)
        if doc["format"] != STATE_FORMAT:
            raise ValueError(f"checkpoint format {doc['format']} is not {STATE_FORMAT}")
        state = cls()
        state.seq, state.head = doc["seq"], doc["head"]
        state.recorded.frombytes(doc["recorded"])
        state.effective.frombytes(doc["effective"])
        state.fiscal_years.frombytes(doc["fiscal_years"])
        state.kind_codes.frombytes(doc["kinds"])
        state._ids, state._id_blob = None, doc["ids"]
        state.reversed_by = {target: seq for target, seq in doc["reversed_by"]}
        for code, level, parent, registered, names, closed, transfers in doc["units"]:
            state.units[code] = Unit(
                code=code, level=level, parent=parent, registered=tuple(registered),
                names=[tuple(x) for x in names], closed=[tuple(x) for x in closed],
                transfers=[tuple(x) for x in transfers],
            )
        for year, unit, account, column, effs, rest, reversed_any, starts in doc["cells"]:
            state.cells.setdefault((year, unit), {})[(account, column)] = Cell(
                _array(effs, "i"), _array(rest), reversed_any, None if starts is None else _array(starts, "i"))
            state._accounts.add(account)
        state.touched = {unit: _array(data) for unit, data in doc["touched"].items()}
        state.proposals = {seq: _PROPOSAL.decode(data) for seq, data in doc["proposals"]}
        state.decisions = {seq: (p, approved, enacted) for seq, p, approved, enacted in doc["decisions"]}
        last = doc["last_change"]
        state.last_change = None if last is None else _CHANGE.decode(last)
        # absent from a checkpoint written before projects were (the same format otherwise)
        state.projects = {code: [(eff, seq, values) for eff, seq, values in entries]
                          for code, entries in doc.get("projects", [])}
        # s23-rules: absent from a checkpoint written before rules were adopted into the ledger
        state.adopted = {seq: _ADOPTED.decode(data) for seq, data in doc.get("adopted", [])}
        return state

    def fingerprint(self) -> tuple:
        """Everything observable, for comparing two states in tests."""
        return (
            self.seq, self.head, self.recorded.tobytes(), self.effective.tobytes(), self.kind_codes.tobytes(),
            self.fiscal_years.tobytes(),
            self.ids, self.reversed_by,
            {c: (u.level, u.parent, u.registered, u.names, u.closed, u.transfers) for c, u in self.units.items()},
            {k: {c: (triples(cell), cell.reversed_any, None if cell.starts is None else list(cell.starts))
                 for c, cell in v.items()} for k, v in self.cells.items()},
            {u: list(seqs) for u, seqs in self.touched.items()},
            self.proposals, self.decisions, self.last_change, self.projects, self.adopted,
        )


def _kids(parents: dict[str, str | None]) -> dict[str | None, list[str]]:
    """Each node's children, from each unit's parent."""
    kids: dict[str | None, list[str]] = {}
    for code, parent in parents.items():
        kids.setdefault(parent, []).append(code)
    return kids


def _by_seq(cell: Cell, additive: bool, reversed_by: dict[int, int]) -> tuple[array, array | list[int], array]:
    """A cell's entries in seq order: the seqs, and the running total and count of visible
    entries (additive: a reversal at seq r takes its entry's amount back from r on), or the
    latest entry by effective date so far (a set column: its position in the cell)."""
    seqs = cell.rest[0::2]
    if not cell.reversed_any:  # nearly every cell: no tuples, the work done in C
        order = sorted(range(len(seqs)), key=seqs.__getitem__)
        if additive:
            running = _running(lambda: accumulate(map(cell.rest[1::2].__getitem__, order)))
        else:
            running = array("q", accumulate(order, max))
        return array("q", map(seqs.__getitem__, order)), running, array("q")
    steps = [(seq, amount, 1) for seq, amount in zip(seqs, cell.rest[1::2], strict=True)]
    if cell.reversed_any:
        steps += [(reversed_by[seq], -amount, -1) for seq, amount, _one in steps if seq in reversed_by]
    steps.sort(key=lambda step: step[0])
    return (array("q", (step[0] for step in steps)), _running(lambda: accumulate(step[1] for step in steps)),
            array("q", accumulate(step[2] for step in steps)))


def _running(totals: Callable[[], Iterator[int]]) -> array | list[int]:
    """Running totals in a machine array, or as Python integers in a cell whose total passes
    64 bits: each entry is within AMOUNT_LIMIT, but 92 000 of the largest in one cell are not,
    and a sum must never fail to fold (``totals`` is called again for the second try)."""
    try:
        return array("q", totals())
    except OverflowError:
        return list(totals())


def _array(data: bytes, typecode: str = "q") -> array:
    out = array(typecode)
    out.frombytes(data)
    return out


class _KindNames:
    """``state.kinds[seq - 1]`` as names, stored as one byte per event."""

    def __init__(self, codes: array):
        self.codes = codes

    def __getitem__(self, index: int) -> str:
        return KIND_NAMES[self.codes[index]]

    def __len__(self) -> int:
        return len(self.codes)

    def index(self, name: str) -> int:
        return self.codes.index(KIND_NAMES.index(name))


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _micros(at: dt.datetime) -> int:
    delta = at - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def proposal_units(e: ChangeProposed) -> list[str]:
    """The units a proposal would change, in the order it names them."""
    units = [line.unit for line in e.lines] + [u for m in e.moves for u in (m.from_unit, m.to_unit)]
    return list(dict.fromkeys(units))


def breakdown_key(unit: str) -> str:
    """Where a unit's stated account breakdown is kept in ``cells``."""
    return unit + BREAKDOWN


def _from_micros(value: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(microseconds=value)


_APPLY = {
    UnitRegistered: LedgerState._registered,
    UnitRenamed: LedgerState._renamed,
    UnitClosed: LedgerState._closed,
    ServiceTransferred: LedgerState._transferred,
    TaAdopted: LedgerState._figures,
    TaAmended: LedgerState._figures,
    KsSet: LedgerState._figures,
    TpRecorded: LedgerState._figures,
    ToteumaRecorded: LedgerState._figures,
    TpeRecorded: LedgerState._figures,
    TsSet: LedgerState._figures,
    Reallocated: LedgerState._reallocated,
    EntryReversed: LedgerState._reversed,
    BreakdownStated: LedgerState._breakdown,
    ChangeProposed: LedgerState._proposed,
    ProposalDecided: LedgerState._decided,
    ProjectOpened: LedgerState._project_opened,
    ProjectChanged: LedgerState._project_changed,
    ProjectClosed: LedgerState._project_closed,
    AppropriationCarried: LedgerState._carried,
    RulesAdopted: LedgerState._rules_adopted,
}
#: the kinds that change no unit, parent or project, nor whether an event is in force (a reversal may undo a
#: registration or a transfer): folding one keeps ``remember_org``'s answers. Any other kind, one added later
#: included, forgets them. ``apply_all``'s inline path folds only figure kinds (``COLUMN_OF``), all of them here
ORG_STEADY = frozenset({*COLUMN_OF, BreakdownStated, ChangeProposed, ProposalDecided, AppropriationCarried,
                        RulesAdopted})
_ADOPTED = msgspec.msgpack.Decoder(RulesAdopted)
_PROPOSAL = msgspec.msgpack.Decoder(ChangeProposed)
_CHANGE = msgspec.msgpack.Decoder(TaAmended | Reallocated)

KIND_NAMES: tuple[str, ...] = tuple(cls.__struct_config__.tag for cls in _APPLY)
_KIND = {cls: i for i, cls in enumerate(_APPLY)}
#: the chart in use (``events.accounts.use``): account -> itself and the accounts above it
ACCOUNT_ANCESTORS = accounts.ANCESTORS
