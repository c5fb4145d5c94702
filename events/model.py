"""Kirjuri's event vocabulary: every budget edit, recorded once, never changed.

Each event is a frozen msgspec Struct tagged by ``kind`` and carrying its schema
version ``v``. Events hold only immutable values and can never be part of a reference
cycle, so they are not tracked by the garbage collector (``gc=False``): a rebuild
decodes a million of them without the collector rescanning the heap. Amounts are integer cents, signed as the budget books print them:
MENOT (expenses) negative, TULOT (revenues) positive.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Union

import msgspec

#: the largest amount any figure or move may hold, either sign: 999 999 999 999,99 € in cents. Ten
#: times a large city's whole budget, yet 92 000 of them still fit a signed 64-bit sum, the
#: machine integers a folded cell keeps its entries in.
AMOUNT_LIMIT = 99_999_999_999_999
#: the fiscal years an event may name: the calendar years a date can hold
YEAR_LIMITS = (1, 9999)

Level = Literal["kaupunki", "toimiala", "vastuualue", "yksikkö"]
LEVELS: tuple[str, ...] = ("kaupunki", "toimiala", "vastuualue", "yksikkö")

Body = Literal["valtuusto", "hallitus", "lautakunta", "jaosto", "viranhaltija"]
BODIES: tuple[str, ...] = ("valtuusto", "hallitus", "lautakunta", "jaosto", "viranhaltija")
#: the abbreviations used when a decision is cited ("KV 26.5.2025 § 50")
BODY_ABBREVIATIONS: dict[str, str] = {
    "valtuusto": "KV",
    "hallitus": "KH",
    "lautakunta": "LTK",
    "jaosto": "JAOS",
    "viranhaltija": "VH",
}


class Decision(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """Who decided a change: body, meeting date and § (plus the organ's own name)."""

    body: Body
    date: dt.date
    section: str
    organ: str = ""
    document: str = ""


#: the largest amount an event may hold, either sign: 999 999 999 999,99 € in cents. Every
#: door checks it, and the database refuses a row past it (ledger/store/guard.py)
AMOUNT_LIMIT = 99_999_999_999_999


class Line(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """One figure: a unit's account, in cents."""

    unit: str
    account: str
    amount: int


class Move(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """Appropriation moved between two cells: +amount to the target, -amount from the source.

    Zero-sum by construction: one amount, applied with opposite signs.
    """

    from_unit: str
    from_account: str
    to_unit: str
    to_account: str
    amount: int


class Event(msgspec.Struct, frozen=True, kw_only=True, tag_field="kind", gc=False):
    """Fields every event carries."""

    id: str
    effective: dt.date
    recorded_at: dt.datetime
    author: str
    decision: Decision | None = None
    note: str = ""
    v: int = 1
    #: issue 18: the codes of the warnings the author confirmed to write this event (``ledger.audit.policy``).
    #: Left out of the stored bytes when none were (UNSET), so every event stored before it hashes as it did
    confirmed: tuple[str, ...] | msgspec.UnsetType = msgspec.UNSET


# --- organisation -----------------------------------------------------------------


class UnitRegistered(Event, frozen=True, kw_only=True, tag="unit_registered"):
    code: str
    name: str
    level: Level
    parent: str | None = None


class UnitRenamed(Event, frozen=True, kw_only=True, tag="unit_renamed"):
    code: str
    name: str


class UnitClosed(Event, frozen=True, kw_only=True, tag="unit_closed"):
    code: str


class ServiceTransferred(Event, frozen=True, kw_only=True, tag="service_transferred"):
    """A unit moves to another parent from ``effective`` on.

    Its figures for fiscal years ``from_year`` and later count under the new parent
    from the effective date; earlier years' figures stay where they were published.
    """

    unit: str
    from_parent: str
    to_parent: str
    from_year: int


# --- figures --------------------------------------------------------------------------


class TaAdopted(Event, frozen=True, kw_only=True, tag="ta_adopted"):
    """The budget (talousarvio) as adopted by the valtuusto."""

    year: int
    lines: tuple[Line, ...]


class TaAmended(Event, frozen=True, kw_only=True, tag="ta_amended"):
    """A TA-muutos: lines are changes added to the budget."""

    year: int
    lines: tuple[Line, ...]


class Reallocated(Event, frozen=True, kw_only=True, tag="reallocated"):
    year: int
    moves: tuple[Move, ...]


class KsSet(Event, frozen=True, kw_only=True, tag="ks_set"):
    """Käyttösuunnitelma: the operating plan below the binding level (replaces earlier KS)."""

    year: int
    lines: tuple[Line, ...]


class TpRecorded(Event, frozen=True, kw_only=True, tag="tp_recorded"):
    """Tilinpäätös actuals of a closed year (replaces earlier TP)."""

    year: int
    lines: tuple[Line, ...]


class ToteumaRecorded(Event, frozen=True, kw_only=True, tag="toteuma_recorded"):
    """Actuals of one period; periods add up to the year's toteuma."""

    year: int
    period_start: dt.date
    period_end: dt.date
    lines: tuple[Line, ...]


class TpeRecorded(Event, frozen=True, kw_only=True, tag="tpe_recorded"):
    """Tilinpäätösennuste, the forecast for the year (replaces earlier TPE)."""

    year: int
    lines: tuple[Line, ...]


class TsSet(Event, frozen=True, kw_only=True, tag="ts_set"):
    """Taloussuunnitelma: figures for a plan year (replaces earlier TS)."""

    year: int
    lines: tuple[Line, ...]


class BreakdownStated(Event, frozen=True, kw_only=True, tag="breakdown_stated"):
    """A book's account breakdown (käyttötalous) of a unit's whole subtree, for one column.

    The same money as the units' own figures, seen by account instead of by unit: a
    book prints a toimiala's TOIMINTAKULUT by account while its units carry only
    MENOT. It never adds to a rollup; it is what a report by account reads, and what
    the units' figures are checked against. The latest statement per cell wins. Lines
    of MENOT or TULOT themselves are the node's appropriation as its määrärahat table
    states it (``ledger.fold.binding``), not a part of the breakdown.
    """

    year: int
    column: Literal["TA", "TA+MUUTOS", "KS", "TP", "TPE", "TS"]
    lines: tuple[Line, ...]


# --- correction -----------------------------------------------------------------------


class EntryReversed(Event, frozen=True, kw_only=True, tag="entry_reversed"):
    """Undoes the event ``target``; the only way to correct a mistake."""

    target: str
    reason: str


# --- proposals (esitys -> päätös) ----------------------------------------------------


class ChangeProposed(Event, frozen=True, kw_only=True, tag="change_proposed"):
    """An esitys: a TA-muutos (``lines``) or a reallocation (``moves``) put to ``to_body``.

    It moves no figure: TA+muutos changes only when the decision approves it. ``decision``,
    if given, cites the proposing body's own decision (KH proposing to KV); ``effective``
    is the day the change is proposed to apply from, inside fiscal ``year``.
    """

    year: int
    to_body: Body
    lines: tuple[Line, ...] = ()
    moves: tuple[Move, ...] = ()


class ProposalDecided(Event, frozen=True, kw_only=True, tag="proposal_decided"):
    """The decision on a proposal, by the body it was put to (``decision`` is required).

    Approved, ``enacted`` names the TA-muutos or reallocation written with it that makes
    the change, carrying the same decision; rejected, the proposal closes and nothing moves.
    The decision may fall after the fiscal year (an overrun approved before the
    tilinpäätös): the enacted change keeps its fiscal year, the decision its own date.
    """

    proposal: str
    approved: bool
    enacted: str | None = None


# --- investments and carry-over (issue 17) -------------------------------------------
#: an investment project's level in the organisation: below every unit (``ProjectOpened``)
PROJECT_LEVEL = "projekti"


class ProjectOpened(Event, frozen=True, kw_only=True, tag="project_opened"):
    """An investment project (or a project group) opened under its decision.

    It is a node of the organisation below ``group`` (a project group: another project, or a
    unit of the investointi part) at level ``PROJECT_LEVEL``, so its figures are recorded by the
    figure events with its code as the unit and roll up through the group like a unit's.
    ``unit`` is the unit responsible for it; ``cost_estimate`` the total cost estimate
    (kustannusarvio) over ``first_year``..``last_year``, in cents, a cost as a positive amount.
    """

    code: str
    name: str
    group: str
    unit: str
    cost_estimate: int
    first_year: int
    last_year: int


class ProjectChanged(Event, frozen=True, kw_only=True, tag="project_changed"):
    """A project's name, group, cost estimate or years changed; a field left None stays as it was."""

    code: str
    name: str | None = None
    group: str | None = None
    cost_estimate: int | None = None
    first_year: int | None = None
    last_year: int | None = None


class ProjectClosed(Event, frozen=True, kw_only=True, tag="project_closed"):
    """A project closed: no figure is recorded for it from ``effective`` on; its history stays."""

    code: str


class AppropriationCarried(Event, frozen=True, kw_only=True, tag="appropriation_carried"):
    """Unused appropriations carried to the next year (määrärahojen siirto, uudelleenbudjetointi).

    Each line adds its amount to ``to_year``'s TA-muutokset at its unit and account, and is shown
    in ``from_year``'s toteutumisvertailu as carried out of that year's unused appropriation (its
    TA+muutos stays as decided). Amounts are signed as the appropriation: a cost carried is negative.
    """

    from_year: int
    to_year: int
    lines: tuple[Line, ...]

    @property
    def year(self) -> int:
        """The fiscal year whose figures it changes (its TA-muutokset): ``to_year``."""
        return self.to_year


# --- s23-rules: the municipality's rules adopted into the ledger (issue 18) ------------------------


class Entitled(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """One body the rules entitle to decide one kind of change (a kind of ``ledger.audit.authority.KINDS``)."""

    kind: str
    body: Body


class CheckAction(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """What a check's finding does to a change being written (``ledger.audit.policy``)."""

    code: str
    action: Literal["stop", "warn", "off"]


class PartBound(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """Where one budget part (kuntalaki 110 §) binds: the level of its binding units and the line whose overrun is
    checked ("" for none), as a rules file's ``[binding.<part>]`` states it."""

    part: str
    level: str
    line: str


class RuleSet(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """The rules of authority as data (``ledger.audit.authority.Rules``), every entry spelled out.

    Pairs and tuples, not mappings: every reader and the database's guard check each value's type.
    ``kinds`` are the kinds of change the rules state: a kind stated with no ``Entitled`` pair is one
    nobody may decide; a kind added by a later version and not stated keeps kuntalaki's minimum.
    """

    municipality: str
    level: Level
    line: Literal["NETTOMENO", "MENOT"]
    gross: tuple[str, ...]
    tolerance: int
    amendments_by: str
    overruns_by: str
    carries_by: str
    kinds: tuple[str, ...]
    bodies: tuple[Entitled, ...]
    actions: tuple[CheckAction, ...]
    parts: tuple[PartBound, ...] = ()


class RulesAdopted(Event, frozen=True, kw_only=True, tag="rules_adopted"):
    """The rules of authority adopted by the body the rules in force entitle (by default the valtuusto).

    From its recording on, every event written is judged by ``rules``, and ``kirjuri verify`` judges each
    event by the adoption recorded last before it. ``digest`` is SHA-256 of ``rules``' canonical encoding:
    what a rules file is compared by.
    """

    rules: RuleSet
    digest: str


AnyEvent = Union[
    UnitRegistered,
    UnitRenamed,
    UnitClosed,
    ServiceTransferred,
    TaAdopted,
    TaAmended,
    Reallocated,
    KsSet,
    TpRecorded,
    ToteumaRecorded,
    TpeRecorded,
    TsSet,
    EntryReversed,
    BreakdownStated,
    ChangeProposed,
    ProposalDecided,
    ProjectOpened,
    ProjectChanged,
    ProjectClosed,
    AppropriationCarried,
    RulesAdopted,
]

EVENT_TYPES: tuple[type[Event], ...] = AnyEvent.__args__  # type: ignore[attr-defined]
KINDS: dict[str, type[Event]] = {t.__struct_config__.tag: t for t in EVENT_TYPES}
#: each kind's fields of lines and of moves (what holds its amounts), and of fiscal years: looked up,
#: not probed, where every event written is checked against AMOUNT_LIMIT and YEAR_LIMITS
AMOUNT_FIELDS: dict[type[Event], tuple[str, ...]] = {
    t: tuple(f for f in ("lines", "moves") if f in t.__struct_fields__) for t in EVENT_TYPES}
YEAR_FIELDS: dict[type[Event], tuple[str, ...]] = {
    t: tuple(f for f in ("year", "from_year", "to_year", "first_year", "last_year") if f in t.__struct_fields__)
    for t in EVENT_TYPES}

FigureEvent = Union[TaAdopted, TaAmended, KsSet, TpRecorded, ToteumaRecorded, TpeRecorded, TsSet]
FIGURE_TYPES: tuple[type[Event], ...] = FigureEvent.__args__  # type: ignore[attr-defined]


def kind_of(event: Event) -> str:
    return type(event).__struct_config__.tag  # type: ignore[return-value]


class Stored(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """An event as the ledger stored it: its place in the log and its link in the hash chain.

    ``hash`` is SHA-256 over ``prev`` and the event's canonical encoding.
    """

    seq: int
    prev: str
    hash: str
    event: AnyEvent
