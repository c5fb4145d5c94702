"""The audit committee's (tarkastuslautakunta) view of the ledger, as plain data.

- ``toteutumisvertailu``: each binding appropriation (the units at the rules' sitovuustaso,
  at their binding line) as ``ledger.fold.vertailu`` defines it (TA, TA-muutokset, TA+muutos,
  toteutuma, poikkeama, toteuma-% and the forecast TPE), and what of it overruns TA+muutos
  beyond the rules' tolerance, by the same test ``kirjuri verify`` applies (``ledger.audit.authority``).
- ``meetings``: the decisions recorded in the ledger, grouped by meeting (body and date) and
  §, newest meeting first, each change in one line as the minutes would put it.

The findings themselves come from ``Kirjuri.verify`` (``verify_at`` in a process of its own),
each with its code and params, so ``ledger.audit.findings.say`` says it in the UI's language.
Everything here is a pure function of the folded state (and the records), so a UI only shows
it; words of a language (the kinds' labels, "… (+3)") are the caller's to give.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from events.model import (
    BODIES,
    BODY_ABBREVIATIONS,
    Decision,
    EntryReversed,
    Event,
    ProposalDecided,
    ServiceTransferred,
    Stored,
    UnitClosed,
    UnitRegistered,
    UnitRenamed,
    kind_of,
)
from ledger.audit import authority
from ledger.fold import projections as pj
from ledger.app import Kirjuri
from ledger.audit.authority import Rules
from ledger.audit.findings import Verification
from ledger.domain import vocabulary
from ledger.domain.money import format_amount, format_date
from ledger.domain.refusals import Rejected
from ledger.fold.diff import Diff, diff, position
from ledger.fold.projections import Point
from ledger.fold.state import LedgerState
from ledger.fold.vertailu import SOURCES, Cells, vertailu
from ledger.store.log import Target

#: everything effective, everything known
NOW = Point()
#: how many parts of one change a meeting's item keeps (the rest is counted)
PARTS = 3


# --- toteutumisvertailu --------------------------------------------------------------------------


@dataclass(frozen=True)
class VertailuRow:
    """One binding appropriation: its line of the toteutumisvertailu (``ledger.fold.vertailu``, the one
    definition the report and ``verify`` read too) and what of it overruns TA+muutos."""

    code: str
    name: str
    level: str
    #: the binding line: NETTOMENO, or MENOT for a gross-budgeted unit
    line: str
    cells: Cells
    #: what overruns TA+muutos beyond the tolerance (``authority.overruns``): the toteutuma (by its
    #: source, "TP" or "TOTEUMA") and the forecast "TPE"
    overruns: tuple[str, ...] = ()

    @property
    def ta(self) -> int | None:
        return self.cells.ta

    @property
    def muutos(self) -> int | None:
        return self.cells.muutos

    @property
    def ta_muutos(self) -> int | None:
        return self.cells.ta_muutos

    @property
    def actual_column(self) -> str | None:
        """What the toteutuma is: "TP" (a closed year), "TOTEUMA" (so far), "TP/TOTEUMA", None (nothing yet)."""
        return self.cells.source

    @property
    def actual(self) -> int | None:
        """The toteutuma: TP of a closed year, else the toteuma recorded, unit by unit."""
        return self.cells.toteutuma

    @property
    def tpe(self) -> int | None:
        """The forecast, a column of its own."""
        return self.cells.tpe

    @property
    def poikkeama(self) -> int | None:
        """actual - TA+muutos: with the books' signs, positive is favourable (less spent, more earned)."""
        return self.cells.poikkeama

    @property
    def percent(self) -> int | None:
        """actual against TA+muutos, in tenths of a percent."""
        return self.cells.percent

    @property
    def overrun(self) -> bool:
        return bool(self.overruns)


@dataclass(frozen=True)
class Toteutumisvertailu:
    year: int
    level: str
    point: Point
    rows: tuple[VertailuRow, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        """What the rows' toteutumas are read from, in ``vertailu.SOURCES`` order (TP, TOTEUMA)."""
        used = {source for row in self.rows for source in row.cells.basis}
        return tuple(c for c in SOURCES if c in used)

    @property
    def forecasts(self) -> bool:
        """Whether any row has a TPE."""
        return any(row.tpe is not None for row in self.rows)

    @property
    def overrun_rows(self) -> list[VertailuRow]:
        return [row for row in self.rows if row.overrun]

    def row(self, code: str) -> VertailuRow:
        return next(row for row in self.rows if row.code == code)


def toteutumisvertailu(state: LedgerState, rules: Rules, year: int, point: Point = NOW) -> Toteutumisvertailu:
    """Each binding unit's TA, TA-muutokset, TA+muutos, toteutuma, poikkeama, toteuma-% and TPE,
    in the organisation's order; a unit with no figure at its binding line is left out."""
    at = point.resolve(state)
    binding = set(authority.binding_units(state, rules, year))
    order = [code for _depth, code in pj.tree(state, year, None, point) if code in binding]
    order += sorted(binding - set(order))
    rows = [row for row in (_vertailu_row(state, rules, year, code, at) for code in order) if row is not None]
    return Toteutumisvertailu(year, rules.level, point, tuple(rows))


def _vertailu_row(state: LedgerState, rules: Rules, year: int, code: str, at: tuple[int, int]) -> VertailuRow | None:
    line = rules.binding_line(code)
    cells = vertailu(state, year, code, at=at).line(line)
    if cells.empty:
        return None
    return VertailuRow(code=code, name=state.name(code, *at), level=state.units[code].level, line=line, cells=cells,
                       overruns=authority.overruns(cells, rules.tolerance))


# --- meetings ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One recorded change under a §: the event, its kind (the event's tag) and what it did."""

    seq: int
    event_id: str
    #: the event's kind as ``events.model.kind_of`` names it ("ta_amended")
    kind: str
    year: int | None
    #: the first ``PARTS`` parts of the change ("1234 Sivistystoimi MENOT -50 000"), accounts in the meetings' language
    parts: tuple[str, ...]
    #: how many parts the change has in all
    count: int
    #: the reversal that undid it, if any
    reversed_by: int | None = None

    def text(self, kind_label: str, more: Callable[[int], str] | None = None) -> str:
        """"TA-muutos 2025, 1234 Sivistystoimi MENOT -50 000"; ``more(n)`` names the parts left out."""
        body = "; ".join(self.parts)
        extra = self.count - len(self.parts)
        if extra > 0:
            body += " " + (more(extra) if more else f"… (+{extra})")
        return f"{kind_label}, {body}" if body else kind_label


@dataclass(frozen=True)
class Section:
    """A § of a meeting's minutes and the changes it decided, in the order they were recorded."""

    section: str
    document: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Meeting:
    """A meeting of a body on a day: "KV 26.5.2025", with its §§."""

    body: str
    organ: str
    date: dt.date
    sections: tuple[Section, ...]

    @property
    def who(self) -> str:
        return self.organ or BODY_ABBREVIATIONS[self.body]

    @property
    def title(self) -> str:
        return f"{self.who} {format_date(self.date)}"

    @property
    def count(self) -> int:
        """How many recorded changes the meeting decided."""
        return sum(len(section.items) for section in self.sections)

    @property
    def head(self) -> int:
        """The log position once the meeting's last change was recorded."""
        return max(item.seq for section in self.sections for item in section.items)

    def cite(self, section: Section) -> str:
        """"KV 26.5.2025 § 50"."""
        return f"{self.title} § {section.section}"

    def lines(self, kind_label: Callable[[Item], str], more: Callable[[int], str] | None = None) -> list[str]:
        """The meeting as the minutes read: "KV 26.5.2025 § 50: TA-muutos 2025, 1234 Sivistystoimi -50 000"."""
        return [minute_line(self, section, item, kind_label(item), more)
                for section in self.sections for item in section.items]


def minute_line(meeting: Meeting, section: Section, item: Item, kind_label: str,
                more: Callable[[int], str] | None = None) -> str:
    return f"{meeting.cite(section)}: {item.text(kind_label, more)}"


def meetings(state: LedgerState, records: Iterable[Stored] | Mapping[int, Stored], lang: str = "fi") -> list[Meeting]:
    """Every recorded event that carries a decision, grouped by meeting (body, organ, date), newest first;
    within a meeting by § (in number order, an uncited "–" last), each § its changes in log order, their
    accounts and levels said in ``lang`` (``change_parts``).

    ``records`` may stream (a generator over the log): only the decided events are kept.
    """
    if isinstance(records, Mapping):
        records = records.values()
    grouped: dict[tuple[str, str, dt.date], dict[tuple[str, str], list[Item]]] = {}
    labels: dict[tuple[str, int], str] = {}
    for record in records:
        decision = record.event.decision
        if decision is None:
            continue
        meeting = grouped.setdefault(_meeting_key(decision), {})
        meeting.setdefault((decision.section, decision.document), []).append(_item(state, record, labels, lang))
    out = []
    for (body, organ, date), sections in grouped.items():
        ordered = sorted(sections.items(), key=lambda kv: (_section_key(kv[0][0]), kv[0][1]))
        out.append(Meeting(body, organ, date, tuple(Section(section, document, tuple(sorted(items, key=_by_seq)))
                                                     for (section, document), items in ordered)))
    out.sort(key=lambda m: (-m.date.toordinal(), BODIES.index(m.body) if m.body in BODIES else len(BODIES), m.organ))
    return out


def _by_seq(item: Item) -> int:
    return item.seq


def _meeting_key(decision: Decision) -> tuple[str, str, dt.date]:
    return decision.body, decision.organ, decision.date


def _section_key(section: str) -> tuple[int, int, str]:
    """§ 5 before § 12 before § 12a; an uncited "–" (a book's figures) last."""
    match = re.match(r"\d+", section)
    if match:
        return 0, int(match.group()), section
    return 1, 0, section


def _item(state: LedgerState, record: Stored, labels: dict[tuple[str, int], str], lang: str = "fi") -> Item:
    event = record.event
    return Item(record.seq, event.id, kind_of(event), getattr(event, "year", None),
                tuple(change_parts(state, event, PARTS, labels, lang)), _part_count(event),
                state.reversed_by.get(record.seq))


#: the kinds whose change is one part
_ONE_PART = (ServiceTransferred, UnitRegistered, UnitRenamed, UnitClosed, EntryReversed, ProposalDecided)


def _part_count(event: Event) -> int:
    if isinstance(event, _ONE_PART):
        return 1
    return len(getattr(event, "moves", ())) or len(getattr(event, "lines", ()))


def change_parts(state: LedgerState, event: Event, most: int | None = None,
                 labels: dict[tuple[str, int], str] | None = None, lang: str = "fi") -> list[str]:
    """What the event changed, one part per line or move (the first ``most`` of them): codes, names and amounts
    as recorded, an account as the figures label it in ``lang`` (``vocabulary.account_label``: in Swedish the
    chart's name) and a level in its word; a unit is named as it was on the effective date. ``labels`` keeps
    each unit's label for a day, across calls."""
    on = event.effective.toordinal()
    known = {} if labels is None else labels

    def unit(code: str) -> str:
        label = known.get((code, on))
        if label is None:
            name = state.name(code, on) if code in state.units else code
            label = known[(code, on)] = code if _says_name(code, name) else f"{code} {name}"
        return label

    def account(key: str) -> str:
        return vocabulary.account_label(key, lang)

    moves = getattr(event, "moves", ())
    if moves:  # a reallocation, or an esitys of one
        return [f"{m.from_unit} {account(m.from_account)} → {m.to_unit} {account(m.to_account)} "
                f"{format_amount(abs(m.amount))}" for m in moves[:most]]
    if isinstance(event, ProposalDecided):
        proposal = state.ids.get(event.proposal)
        return [f"#{proposal if proposal is not None else event.proposal} {'✓' if event.approved else '✗'}"]
    if isinstance(event, ServiceTransferred):
        return [f"{unit(event.unit)}: {event.from_parent or '–'} → {event.to_parent} ({event.from_year}–)"]
    if isinstance(event, UnitRegistered):
        level = vocabulary.LEVELS[event.level].said(lang) if event.level in vocabulary.LEVELS else event.level
        return [f"{event.code} {event.name} ({level}) → {event.parent or '–'}"]
    if isinstance(event, UnitRenamed):
        return [f"{event.code} → {event.name}"]
    if isinstance(event, UnitClosed):
        return [unit(event.code)]
    if isinstance(event, EntryReversed):
        target = state.ids.get(event.target)
        return [f"#{target if target is not None else event.target}: {event.reason}"]
    lines = getattr(event, "lines", ())
    return [f"{unit(line.unit)} {account(line.account)} {format_amount(line.amount)}" for line in lines[:most]]


_FOLD = str.maketrans("äöåÄÖÅ", "aoaAOA")


def _says_name(code: str, name: str) -> bool:
    """A code made of its unit's name ("JOUKKOLIIKENNE", "TYOLLISYYS" for Työllisyyspalvelut) says
    the name already; a short one ("TY") or a number ("64130000") does not."""
    slug = _slug(code)
    return len(slug) >= 6 and not slug.isdigit() and _slug(name).startswith(slug)


def _slug(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.translate(_FOLD).casefold())


# --- the diff between two points ----------------------------------------------------------------------


def previous_head(found: Iterable[Meeting], now: int) -> int:
    """Where the committee's diff starts by default: the head of the meeting recorded last before now's
    head (the ledger as that meeting left it), 0 with none. A meeting whose change is the last event
    is the one under review, so the diff starts from the meeting before it."""
    return max((meeting.head for meeting in found if meeting.head < now), default=0)


def figure_diff(state: LedgerState, rules: Rules, since: str | int, upto: str | int = "") -> Diff:
    """The binding units' figures that changed from point ``since`` to ``upto`` (each a log position,
    or a point as a person types it: ``ledger.fold.diff.position``), with the events that explain each."""
    start = since if isinstance(since, int) else position(state, since, "from")
    end = upto if isinstance(upto, int) else position(state, upto, "to")
    if start > end:
        raise Rejected("from", since if isinstance(since, str) else f"#{since}", "point.after_to", to=end)
    return diff(state, lambda year: authority.binding_units(state, rules, year), start, end)


# --- where to look at an event from ------------------------------------------------------------------


def event_node(state: LedgerState, event: Event, target: Event | None = None) -> str | None:
    """The node an event is best seen from: the top of the organisation its first unit stood in
    for the event's year (so every unit it touched is below it), else that unit itself;
    a reversal is seen from where its ``target`` is. None when no unit is known at all."""
    subject = target if isinstance(event, EntryReversed) and target is not None else event
    if isinstance(subject, ProposalDecided):  # seen from the units its proposal names
        subject = state.proposals.get(state.ids.get(subject.proposal, 0), subject)
    units = _units_of(subject)
    year = getattr(subject, "year", None)
    for code in units:
        if code not in state.units:
            continue
        if year is None:
            return code
        parents = state.parents(year)
        top = code
        while parents.get(top) is not None:
            top = parents[top]
        return top if top in parents else code
    roots = sorted(code for code, known in state.units.items() if known.parent is None)
    return roots[0] if roots else None


def _units_of(event: Event) -> list[str]:
    if getattr(event, "moves", ()):  # a reallocation, or a proposal of one
        return [code for m in event.moves for code in (m.from_unit, m.to_unit)]
    if isinstance(event, ServiceTransferred):
        return [event.unit]
    if isinstance(event, (UnitRegistered, UnitRenamed, UnitClosed)):
        return [event.code]
    return [line.unit for line in getattr(event, "lines", ())]


# --- the verification, in a process of its own ----------------------------------------------------------


def verify_at(target: Target, rules: Rules, expect_head: str | None = None) -> Verification:
    """``kirjuri verify`` of the ledger at ``target``, opened afresh without folding its state.

    For a process of its own (a UI's, on a big ledger): the verification reads every stored
    row and folds a state of its own, minutes of CPU and gigabytes at a million events that
    the calling process then neither waits for nor keeps.
    """
    ledger = Kirjuri(target, load=False)
    try:
        return ledger.verify(expect_head, rules_of=rules)
    finally:
        ledger.close()


__all__ = [
    "Item",
    "Meeting",
    "Section",
    "Toteutumisvertailu",
    "VertailuRow",
    "change_parts",
    "event_node",
    "figure_diff",
    "meetings",
    "minute_line",
    "previous_head",
    "toteutumisvertailu",
    "verify_at",
]
