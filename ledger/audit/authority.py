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

import bisect
import datetime as dt
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, NamedTuple, TypeVar

import tomli_w

from events import accounts as chart
from events.model import (
    AMOUNT_LIMIT,
    BODIES,
    LEVELS,
    PROJECT_LEVEL,
    AppropriationCarried,
    BreakdownStated,
    ChangeProposed,
    EntryReversed,
    Event,
    KsSet,
    ProjectChanged,
    ProjectClosed,
    ProjectOpened,
    Reallocated,
    RulesAdopted,
    PartBound,
    RuleSet,
    Entitled,
    CheckAction,
    ServiceTransferred,
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
from ledger.audit.findings import Check, Finding
from ledger.domain.money import AmountError, format_amount, format_date, parse_amount
from ledger.domain import intake
from ledger.domain.rules import Rejected, rules_digest
from ledger.fold.binding import Gap
from ledger.fold.parts import PARTS
from ledger.fold.projections import derive, roll_up
from ledger.fold.state import ADDITIVE_COLUMNS, BREAKDOWN, COLUMN_OF, FOREVER, STATED, LedgerState, breakdown_key
from ledger.fold.vertailu import Cells, vertailu

T = TypeVar("T")

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
    # issue 18: decisions on the tilinpäätös, its forecast and the toteuma are checked like the rest
    "tp": (TpRecorded,),
    "tpe": (TpeRecorded,),
    "toteuma": (ToteumaRecorded,),
    # s23-rules: adopting the rules themselves into the ledger
    "rules": (RulesAdopted,),
}

#: what a check's finding does to a change being written: refuse it, write it only once confirmed, or
#: let it be (``ledger.audit.policy``)
ACTIONS = ("stop", "warn", "off")

#: each check ``ledger.audit.policy`` makes on an event, by its finding's code: the line of ``kirjuri verify``
#: it is reported under, and its action unless the rules say another. Who decides and when is the law's
#: (stop); an overrun, or a plan past its budget, may be what the valtuusto then approves (warn)
POLICY: dict[str, tuple[str, str]] = {
    "authority.body": ("authority", "stop"),
    "authority.no_body": ("authority", "stop"),
    "authority.amendment_window": ("authority", "stop"),
    "authority.amendment_late": ("authority", "warn"),
    "authority.ta_late": ("authority", "stop"),
    "authority.carry_late": ("authority", "stop"),
    "authority.proposal_body": ("authority", "stop"),
    "authority.across": ("reallocations", "stop"),
    "authority.overrun": ("overruns", "warn"),
    "authority.forecast_overrun": ("overruns", "warn"),
    "authority.ks_over": ("overruns", "warn"),
}


#: the investointiosa may bind each project (``PROJECT_LEVEL``) or its group: the outermost project above it
PROJECT_GROUP_LEVEL = "projektiryhmä"
PROJECT_LEVELS = (PROJECT_LEVEL, PROJECT_GROUP_LEVEL)
#: the levels a part may bind at: the organisation's, and for the investointiosa a project or its group
PART_LEVELS = LEVELS + PROJECT_LEVELS


@dataclass(frozen=True)
class PartBinding:
    """Where one budget part binds: the level of its binding units, and the line whose overrun is checked
    ("" where the rules name none: its figures are followed, not checked)."""

    level: str
    line: str = ""


#: what a part binds at when the rules file says nothing of it: each investment project on its costs (the
#: investointiosa's appropriations are per project unless the valtuusto groups them), the tuloslaskelma- and
#: rahoitusosa for the whole municipality with no line checked; the käyttötalousosa as ``[binding]`` says
PART_DEFAULTS: dict[str, PartBinding] = {
    "investointi": PartBinding(PROJECT_LEVEL, "Investointimenot"),
    "tuloslaskelma": PartBinding("kaupunki"),
    "rahoitus": PartBinding("kaupunki"),
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
        "tp": ("valtuusto", "hallitus"),
        "tpe": ("valtuusto", "hallitus", "lautakunta", "viranhaltija"),
        "toteuma": ("valtuusto", "hallitus", "lautakunta", "jaosto", "viranhaltija"),
        "rules": ("valtuusto",),
    })
    #: code -> action of each check of ``ledger.audit.policy`` (``POLICY``)
    actions: dict[str, str] = field(default_factory=lambda: {code: action for code, (_c, action) in POLICY.items()})
    #: part -> where it binds, as the file's ``[binding.<part>]`` says (``binding_of`` fills in the rest)
    parts: dict[str, PartBinding] = field(default_factory=dict)

    def binding_line(self, unit: str, part: str = "käyttötalous") -> str:
        if part != "käyttötalous":
            return self.binding_of(part).line
        return "MENOT" if unit in self.gross else self.line

    def binding_of(self, part: str) -> PartBinding:
        """Where ``part`` binds: the file's ``[binding.<part>]``, else ``[binding]`` for the käyttötalousosa and
        ``PART_DEFAULTS`` for the others."""
        if part in self.parts:
            return self.parts[part]
        return PART_DEFAULTS.get(part, PartBinding(self.level, self.line))

    def action(self, code: str) -> str:
        """What a finding of ``code`` does to a change being written: "stop", "warn" or "off"."""
        return self.actions.get(code) or POLICY[code][1]


DEFAULT = Rules()
#: nothing refused or warned as it is written: for rebuilding history already decided and published (the
#: bundled examples from their books), which ``verify`` still judges by the rules
UNCHECKED = Rules(actions={code: "off" for code in POLICY})


# --- the file ---------------------------------------------------------------------------------


def load(path: Path) -> Rules:
    """Read a rules file; a wrong entry is one ``Rejected`` naming the key and the value."""
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as exc:  # TOMLDecodeError and UnicodeDecodeError are ValueErrors
        raise Rejected("rules", str(path), "rules.unreadable", reason=str(exc)) from None
    return from_doc(doc)


def from_doc(doc: dict) -> Rules:
    """The rules a parsed file states, every entry checked: a key no rules file has, a value of the wrong type,
    a control character, a name no body or check has, is one ``Rejected`` naming the key and the value."""
    _known_keys("", doc, _FILE_KEYS)
    binding, deadlines = _table(doc, "binding"), _table(doc, "deadlines")
    _known_keys("binding.", binding, _FILE_KEYS["binding"] + PARTS)
    _known_keys("deadlines.", deadlines, _FILE_KEYS["deadlines"])
    level = _text(binding, "binding.level", "level", DEFAULT.level)
    if level not in LEVELS:
        raise Rejected("binding.level", level, "choice.unknown", choices=LEVELS)
    line = _text(binding, "binding.line", "line", DEFAULT.line)
    if line not in ("NETTOMENO", "MENOT"):
        raise Rejected("binding.line", line, "choice.unknown", choices=("NETTOMENO", "MENOT"))
    bodies = dict(DEFAULT.bodies)
    for kind, names in _table(doc, "bodies").items():
        if kind not in KINDS:
            raise Rejected(f"bodies.{kind}", kind, "choice.unknown", choices=tuple(KINDS))
        for name in _texts(names, f"bodies.{kind}"):
            if name not in BODIES:
                raise Rejected(f"bodies.{kind}", name, "choice.unknown", choices=BODIES)
        bodies[kind] = tuple(names)
    actions = dict(DEFAULT.actions)
    for code, action in _table(doc, "actions").items():
        if code not in POLICY:
            raise Rejected(f"actions.{code}", code, "choice.unknown", choices=tuple(POLICY))
        actions[code] = _text({code: action}, f"actions.{code}", code, "")
        if action not in ACTIONS:
            raise Rejected(f"actions.{code}", action, "choice.unknown", choices=ACTIONS)
    tolerance = binding.get("tolerance", "1,00")
    if isinstance(tolerance, bool) or not isinstance(tolerance, (str, int)):
        raise Rejected("binding.tolerance", tolerance, "rules.type", expected="text")
    return Rules(
        municipality=_text(doc, "municipality", "municipality", ""),
        level=level, line=line, gross=tuple(_texts(binding.get("gross", []), "binding.gross")),
        tolerance=_cents(tolerance, "binding.tolerance"),
        amendments_by=_day(_text(deadlines, "deadlines.amendments", "amendments", "31.12."), "deadlines.amendments"),
        overruns_by=_day(_text(deadlines, "deadlines.overruns", "overruns", "31.3."), "deadlines.overruns"),
        carries_by=_day(_text(deadlines, "deadlines.carries", "carries", "30.6."), "deadlines.carries"),
        bodies=bodies, actions=actions, parts=_parts(binding),
    )


def _parts(binding: dict) -> dict[str, PartBinding]:
    """The ``[binding.<part>]`` tables: each part's level and the line of it whose overrun is checked."""
    parts = {}
    for part, table in binding.items():
        if not isinstance(table, dict):
            continue
        if part not in PARTS:
            raise Rejected(f"binding.{part}", part, "choice.unknown", choices=PARTS)
        _known_keys(f"binding.{part}.", table, ("level", "line"))
        levels = PART_LEVELS if part == "investointi" else LEVELS
        level = _text(table, f"binding.{part}.level", "level", binding_default(part).level)
        if level not in levels:
            raise Rejected(f"binding.{part}.level", level, "choice.unknown", choices=levels)
        line = _text(table, f"binding.{part}.line", "line", binding_default(part).line)
        parts[part] = PartBinding(level, _part_line(part, line))
    return parts


def binding_default(part: str) -> PartBinding:
    return PART_DEFAULTS.get(part, PartBinding(DEFAULT.level, DEFAULT.line))


def _part_line(part: str, line: object) -> str:
    """The account or derived line a part's binding names, by its key or any of its names; one of that part's."""
    if line == "":
        return ""
    key = chart.lookup(str(line))
    owner = None
    if key is not None:
        owner = chart.part_of(key) if chart.known(key) else chart.CHART.derived[key].part
    if owner != part:
        raise Rejected(f"binding.{part}.line", line, "rules.part_line", part=part)
    return key



#: the keys a rules file may hold, and those of its tables with fixed keys
_FILE_KEYS: dict[str, tuple[str, ...]] = {
    "municipality": (), "binding": ("level", "line", "gross", "tolerance"),
    "deadlines": ("amendments", "overruns", "carries"), "bodies": (), "actions": (),
}


def _known_keys(prefix: str, table: dict, keys) -> None:
    """A key the rules file has no use for is refused, never passed over: a misspelt one would be a rule lost."""
    for key in table:
        if key not in keys:
            raise Rejected(f"{prefix}{key}", key, "rules.unknown_key", choices=tuple(keys))


def _table(doc: dict, key: str) -> dict:
    value = doc.get(key, {})
    if not isinstance(value, dict):
        raise Rejected(key, value, "rules.type", expected="table")
    return value


def _text(table: dict, field: str, key: str, default: str) -> str:
    """``table[key]`` as text (``default`` if absent), without a control character."""
    value = table.get(key, default)
    if not isinstance(value, str):
        raise Rejected(field, value, "rules.type", expected="text")
    intake.check_text(field, value)
    return value


def _texts(values: object, field: str) -> list[str]:
    """A list of texts, each without a control character."""
    if not isinstance(values, list):
        raise Rejected(field, values, "rules.type", expected="list")
    return [_text({"item": value}, field, "item", "") for value in values]


def to_toml(rules: Rules) -> str:
    """The rules as a file ``load`` reads back the same."""
    return tomli_w.dumps({
        "municipality": rules.municipality,
        "binding": {"level": rules.level, "line": rules.line, "gross": list(rules.gross),
                    "tolerance": format_amount(rules.tolerance, decimals=2, sep=" ")}
        | {part: {"level": b.level, "line": b.line} for part, b in rules.parts.items()},
        "deadlines": {"amendments": "%d.%d." % rules.amendments_by, "overruns": "%d.%d." % rules.overruns_by,
                      "carries": "%d.%d." % rules.carries_by},
        "bodies": {kind: list(names) for kind, names in rules.bodies.items()},
        "actions": dict(rules.actions),
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


def binding_unit(state: LedgerState, rules: Rules, year: int, unit: str, part: str = "käyttötalous") -> str:
    """The binding unit of ``part`` that ``unit`` belongs to in ``year``: at the part's level of the organisation
    (itself if above it), or for an investointiosa bound per project or group the project or its outermost
    project above (a unit that is no project: where the käyttötalousosa binds it)."""
    level = rules.binding_of(part).level
    if level in PROJECT_LEVELS:
        chain = _projects_above(state, year, unit)
        if chain:
            return chain[0] if level == PROJECT_LEVEL else chain[-1]
        level = rules.level
    parents = state.parents(year)
    depth = LEVELS.index(level)
    mixed = state.remember_org(("mixed", year, depth), lambda: frozenset(_mixed(state, state.parents(year), depth)))
    code: str | None = unit
    below: str | None = None
    while code is not None:
        known = state.units.get(code)
        if known is not None and _depth(known.level) <= depth:
            return below if code in mixed and below is not None else code
        below, code = code, parents.get(code, known.parent if known else None)
    return unit


def binding_units(state: LedgerState, rules: Rules, year: int, part: str = "käyttötalous") -> list[str]:
    """The units holding ``part``'s binding appropriations in ``year``: at the level, or above it where no unit at
    the level stands between it and a unit of its (a leaf, or a toimiala whose units sit directly under it), so
    each unit's ``binding_unit`` is one of them; per project, each project without projects below it; per group,
    each outermost project. Worked out once per organisation (``LedgerState.remember_org``): every check at a
    write asks, and only the level of the rules matters."""
    level = rules.binding_of(part).level
    return list(state.remember_org(("binding units", year, level), lambda: tuple(_binding_units(state, year, level))))


def _binding_units(state: LedgerState, year: int, level: str) -> list[str]:
    parents = state.parents(year)
    if level in PROJECT_LEVELS:
        projects = [code for code in parents if code in state.projects]
        if level == PROJECT_LEVEL:
            return sorted(code for code in projects if not any(parents.get(c) == code for c in projects))
        return sorted(code for code in projects if parents.get(code) not in state.projects)
    depth = LEVELS.index(level)
    has_kids = {p for p in parents.values() if p is not None}
    holds_below = {p for c, p in parents.items() if p is not None and _depth(state.units[c].level) > depth}
    mixed = _mixed(state, parents, depth)
    return sorted(code for code in parents
                  if _depth(state.units[code].level) == depth
                  or (_depth(state.units[code].level) < depth and code not in mixed
                      and (code not in has_kids or code in holds_below))
                  or (parents[code] in mixed and _depth(state.units[code].level) > depth))


def _mixed(state: LedgerState, parents: dict[str, str | None], depth: int) -> set[str]:
    """The units above the binding level with units both at or above it and below it directly under them (a
    toimiala with vastuualueet and a unit of its own beside them): such a unit binds nothing itself, or its
    appropriation would hold its vastuualueet' binding ones twice; each unit below the level directly under it
    stands where a vastuualue would and holds its own."""
    above = {code for code in parents if _depth(state.units[code].level) < depth}
    kids = [(p, _depth(state.units[c].level) > depth) for c, p in parents.items() if p in above]
    return {p for p, deep in kids if deep} & {p for p, deep in kids if not deep}


def _projects_above(state: LedgerState, year: int, unit: str) -> list[str]:
    """``unit`` and the projects above it, nearest first, while they are projects (none if it is no project)."""
    parents, chain = state.parents(year), []
    code: str | None = unit
    while code is not None and code in state.projects:
        chain.append(code)
        code = parents.get(code)
    return chain


def part_of(account: str) -> str:
    """The budget part an account belongs to; one the chart in use does not know is the käyttötalousosa's."""
    return chart.part_of(account) if chart.known(account) else "käyttötalous"


def ends(state: LedgerState, rules: Rules, year: int, move) -> tuple[tuple[str, str], tuple[str, str]]:
    """A move's two ends as (part, binding unit of that part): it crosses binding units where they differ."""
    source, target = part_of(move.from_account), part_of(move.to_account)
    return ((source, binding_unit(state, rules, year, move.from_unit, source)),
            (target, binding_unit(state, rules, year, move.to_unit, target)))


# --- the checks on one event: ``ledger.audit.policy`` runs each when the event is written and when it is verified ---


class Breach(NamedTuple):
    """What a check finds wrong with one event: the event's field it concerns (for a refusal) and the finding,
    whose code is a key of ``POLICY`` (placed at no position: ``verify`` places it at the event's)."""

    field: str
    finding: Finding

    @property
    def code(self) -> str:
        return self.finding.code

    @property
    def params(self) -> dict:
        return dict(self.finding.params)


def kind_of(rules: Rules, state: LedgerState, event: Event) -> str | None:
    """The rules file's name for the kind of change ``event`` is (None: needs no decision). A reallocation naming
    a project across the investointiosa's binding units is decided as the rules say for projects; inside one
    (two projects of a group bound per group) as any reallocation within a binding unit."""
    if isinstance(event, Reallocated):
        crosses = _crosses(rules, state, event)
        if crosses and _names_project(state, event):
            return "reallocation_projects"
        return "reallocation_across" if crosses else "reallocation_within"
    return next((kind for kind, classes in KINDS.items() if isinstance(event, classes)), None)


def _crosses(rules: Rules, state: LedgerState, event: Reallocated | ChangeProposed) -> bool:
    return any(source != target for source, target in (ends(state, rules, event.year, m) for m in event.moves))


def body_breaches(rules: Rules, state: LedgerState, event: Event) -> list[Breach]:
    """The decision is by a body the rules entitle to decide this kind of change."""
    kind, decision = kind_of(rules, state, event), event.decision
    if kind is None or decision is None:
        return []
    allowed = rules.bodies.get(kind, ())
    if decision.body in allowed:
        return []
    if allowed:
        return [Breach("decision", Finding.of(None, "authority.body", decision=decision, body=decision.body, kind=kind,
                                              allowed=allowed))]
    return [Breach("decision", Finding.of(None, "authority.no_body", decision=decision, body=decision.body, kind=kind))]


def date_breaches(rules: Rules, state: LedgerState, event: Event) -> list[Breach]:
    """A TA-muutos decided in its fiscal year by the deadline (later: an overrun approved by ``overruns_by``),
    a TA adopted before its year ends. (A decision after its recording, or before its year's TA could be,
    is ``rules.decision_dated``'s, refused for every kind.)"""
    decision, year = event.decision, getattr(event, "year", None)
    if decision is None:
        return []
    if isinstance(event, AppropriationCarried):
        by = _on(rules.carries_by, event.to_year)
        if decision.date > by:
            return [Breach("decision", Finding.of(None, "authority.carry_late", decision=decision, year=event.from_year,
                                                  by=by))]
        return []
    if year is None:
        return []
    if isinstance(event, TaAmended):
        latest = _on(rules.overruns_by, year + 1)
        if not dt.date(year, 1, 1) <= decision.date <= latest:
            return [Breach("decision", Finding.of(None, "authority.amendment_window", decision=decision, year=year,
                                                  date=decision.date, latest=latest))]
        if decision.date > _on(rules.amendments_by, year):
            return [Breach("decision", Finding.of(None, "authority.amendment_late", decision=decision,
                                                  by=_on(rules.amendments_by, year)))]
    if isinstance(event, TaAdopted) and decision.date > dt.date(year, 12, 31):
        return [Breach("decision", Finding.of(None, "authority.ta_late", decision=decision, year=year,
                                              date=decision.date))]
    return []


def _on(day_month: tuple[int, int], year: int) -> dt.date:
    day, month = day_month
    return dt.date(year, month, day)


def across_breaches(rules: Rules, state: LedgerState, event: Event) -> list[Breach]:
    """A reallocation stays inside one binding unit unless the valtuusto decided it. One between investment
    projects is the rules' own kind (``reallocation_projects``): who may decide it is ``body_breaches``'s."""
    if not isinstance(event, Reallocated) or kind_of(rules, state, event) != "reallocation_across":
        return []
    if event.decision is not None and event.decision.body == "valtuusto":
        return []
    pairs = sorted({ends(state, rules, event.year, m) for m in event.moves})
    moves = tuple(f"{_named(a)} → {_named(b)}" for a, b in pairs if a != b)
    return [Breach("moves", Finding.of(None, "authority.across", moves=moves))]


def _named(end: tuple[str, str]) -> str:
    """A binding unit as a finding names it: its code, and its part where that is not the käyttötalousosa."""
    part, node = end
    return node if part == "käyttötalous" else f"{node} ({part})"


def proposal_breaches(rules: Rules, state: LedgerState, event: Event) -> list[Breach]:
    """A proposal is put to a body the rules let decide the change it proposes."""
    if not isinstance(event, ChangeProposed):
        return []
    if event.lines:
        kind = "amendment"
    else:
        kind = "reallocation_across" if _crosses(rules, state, event) else "reallocation_within"
    allowed = rules.bodies.get(kind, ())
    if event.to_body in allowed:
        return []
    return [Breach("to_body", Finding.of(None, "authority.proposal_body", to_body=event.to_body, kind=kind,
                                         allowed=allowed))]


#: the kinds whose figures move a binding unit's toteutumisvertailu: each is checked for the overrun it makes (a
#: carry-over is its next year's TA-muutos)
_VERTAILU_KINDS = (TaAdopted, TaAmended, Reallocated, ToteumaRecorded, TpRecorded, TpeRecorded, AppropriationCarried)


def overrun_breaches(rules: Rules, state: LedgerState, event: Event) -> list[Breach]:
    """The event leaves a binding appropriation overrun (``overruns``) that was not, or overrun by more:
    a toteuma, TP or TPE past TA+muutos, or a TA+muutos cut below what was already spent (a reversal of the
    TA-muutos or the reallocation that gave it included)."""
    return _made(rules, state, event, _VERTAILU_KINDS, _overruns_made)


def _made(rules: Rules, state: LedgerState, event: Event, kinds: tuple[type, ...], made) -> list[Breach]:
    """What ``made`` finds after the event: at the binding units it reshapes (``_reshaped``), else where the
    lines of one of ``kinds`` move the figures; nothing for another kind."""
    reshaped = _reshaped(rules, state, event, made)
    if reshaped is not None:
        return reshaped
    if not isinstance(event, kinds):
        return []
    return made(rules, state, event.year, _cells_after(rules, state, event))


def _reshaped(rules: Rules, state: LedgerState, event: Event, made) -> list[Breach] | None:
    """What ``made`` (``_overruns_made`` or ``_ks_made``) finds at the binding units an event reshapes without
    lines of figures of its own: a reversal, a service transfer, a book's statement, a project's new group (None
    for any other event)."""
    if isinstance(event, EntryReversed):
        return _reversal_overruns(rules, state, event, made)
    if isinstance(event, ServiceTransferred):
        return _transfer_overruns(rules, state, event, made)
    if isinstance(event, BreakdownStated):
        return _breakdown_overruns(rules, state, event, made)
    if isinstance(event, ProjectChanged):
        return _project_move_overruns(rules, state, event, made)
    return None


def _cells_after(rules: Rules, state: LedgerState, event: Event) -> dict[tuple[str, str], dict[str, dict]]:
    """The binding units the event's lines or moves touch, each with its touched units' own cells after it.
    Worked out once per event until the next folds: the overrun and the KS check both read it. The memo holds
    the event and the rules it was asked for, so another event (or rules) at the same address never reads it."""
    held = state.remember(("cells-after", id(rules), id(event)),
                          lambda: (rules, event, _cells_after_of(rules, state, event)))
    if held[0] is rules and held[1] is event:
        return held[2]
    return _cells_after_of(rules, state, event)


def _cells_after_of(rules: Rules, state: LedgerState, event: Event) -> dict[tuple[str, str], dict[str, dict]]:
    nodes = _binding_nodes(rules, state, event)
    items = _items_by_unit(event)
    return {node: {unit: own_after(state, event, unit, items.get(unit, ())) for unit in units}
            for node, units in nodes.items()}


def _overruns_made(rules: Rules, state: LedgerState, year: int,
                   instead: dict[tuple[str, str], dict[str, dict[tuple[str, str], int]]],
                   after_state: LedgerState | None = None, field: str = "lines",
                   fresh: frozenset[tuple[str, str]] = frozenset()) -> list[Breach]:
    """Each binding node's overrun with its units' own figures ``instead`` (node -> unit -> cells), read from
    ``after_state`` (the state as the event leaves its organisation and statements, ``_Supposed``; default the
    state itself), where it was not overrun before, or by less; a node of ``fresh`` bound nothing before (a unit
    a transfer leaves with no binding unit above it binds its own money): any overrun there is made."""
    found = []
    for (part, node), cells in instead.items():
        line = rules.binding_line(node, part)
        if not line:
            continue
        before = vertailu(state, year, node).line(line)
        after = vertailu(after_state or state, year, node, instead=cells).line(line)
        was = {} if (part, node) in fresh else {
            column == "TPE": _over(before, column) for column in overruns(before, rules.tolerance)}
        for column in overruns(after, rules.tolerance):
            forecast, over = column == "TPE", _over(after, column)
            if forecast in was and over <= was[forecast]:
                continue
            found.append(Breach(field, Finding.of(
                None, "authority.forecast_overrun" if forecast else "authority.overrun", year=year, unit=node,
                line=line, column=column, actual=after.tpe if forecast else after.toteutuma, budget=after.ta_muutos,
                over=over)))
    return found


def _over(cells: Cells, column: str) -> int:
    """By how much the toteutuma (or the forecast, "TPE") passes TA+muutos."""
    return cells.ta_muutos - (cells.tpe if column == "TPE" else cells.toteutuma)


#: the kinds whose lines move a binding unit's KS or its TA+muutos (the rest that move either, a reversal, a
#: transfer, a statement, a project's new group, are ``_reshaped``'s)
_KS_KINDS = (KsSet, TaAdopted, TaAmended, Reallocated, AppropriationCarried)


def ks_breaches(rules: Rules, state: LedgerState, event: Event) -> list[Breach]:
    """A KS plans no more than TA+muutos at the binding level: a binding unit's KS past it beyond the tolerance
    (more spent, or less earned), where it was not or by less. A new KS, or a TA+muutos cut below the KS (by a
    change, its reversal, a transfer or a book's statement), makes one; a write that leaves an overrun the ledger
    holds as large, or smaller, is no breach."""
    return _made(rules, state, event, _KS_KINDS, _ks_made)


def _ks_made(rules: Rules, state: LedgerState, year: int,
             instead: dict[tuple[str, str], dict[str, dict[tuple[str, str], int]]],
             after_state: LedgerState | None = None, field: str = "lines",
             fresh: frozenset[tuple[str, str]] = frozenset()) -> list[Breach]:
    """Each binding node's KS past its TA+muutos with its units' own cells ``instead``, read from ``after_state``
    (as ``_overruns_made`` reads them), where it was not past it before, or by less (a node of ``fresh``: at all)."""
    after_state = after_state or state
    found = []
    for (part, node), cells in instead.items():
        line = rules.binding_line(node, part)
        if not line:
            continue
        budget = _appropriated(after_state, year, vertailu(after_state, year, node, instead=cells).line(line).ta_muutos)
        after = _planned(after_state, year, node, line, cells)
        if budget is None or after is None or after >= budget - rules.tolerance:
            continue
        was = _appropriated(state, year, vertailu(state, year, node).line(line).ta_muutos)
        before = _planned(state, year, node, line, {})
        if (part, node) not in fresh and None not in (was, before) and before < was - rules.tolerance \
                and budget - after <= was - before:
            continue
        found.append(Breach(field, Finding.of(None, "authority.ks_over", year=year, unit=node, line=line,
                                              planned=after, budget=budget, over=budget - after)))
    return found


def _appropriated(state: LedgerState, year: int, ta_muutos: int | None) -> int | None:
    """A binding unit's TA+muutos for its KS: none adopted is nothing appropriated (0) where the ledger holds
    the year's budget at all, so a KS planning spending there is past it; None where it holds no TA of the
    year (a ledger of plans alone has nothing to measure them by)."""
    if ta_muutos is not None:
        return ta_muutos
    return 0 if state.remember(("ta-held", year), lambda: _holds_ta(state, year)) else None


def _holds_ta(state: LedgerState, year: int) -> bool:
    """Whether any unit holds a TA of the year."""
    return any(column == "TA" for (y, _unit), cells in state.cells.items() if y == year for _a, column in cells)


def _planned(state: LedgerState, year: int, node: str, line: str,
             instead: dict[str, dict[tuple[str, str], int]]) -> int | None:
    """The node's KS on ``line``: its units' own KS (or ``instead``'s) rolled up."""
    totals: dict[tuple[str, str], int] = {}
    for unit in state.subtree(node, year):
        own = instead[unit] if unit in instead else state.own_figures(year, unit)
        roll_up({key: value for key, value in own.items() if key[1] == "KS"}, totals)
    return derive(totals).get((line, "KS"))


def _binding_nodes(rules: Rules, state: LedgerState, event: Event) -> dict[tuple[str, str], set[str]]:
    """The binding units the event's lines or moves touch, each as (part, unit) by the part of the account
    touched, with the units it touches under it."""
    year = event.year
    touched = {(line.unit, line.account) for line in getattr(event, "lines", ())}
    touched |= {pair for m in getattr(event, "moves", ())
                for pair in ((m.from_unit, m.from_account), (m.to_unit, m.to_account))}
    binding = {part: set(binding_units(state, rules, year, part)) for part in {part_of(a) for _u, a in touched}}
    nodes: dict[tuple[str, str], set[str]] = {}
    asked: dict[tuple[str, str], str | None] = {}
    for unit, account in sorted(touched):
        part = part_of(account)
        if (unit, part) not in asked:
            asked[(unit, part)] = binding_unit(state, rules, year, unit, part)
        node = asked[(unit, part)]
        if node in binding[part]:
            nodes.setdefault((part, node), set()).add(unit)
    return nodes


def _items_by_unit(event: Event) -> dict[str, list[tuple[str, str, int]]]:
    """The event's (unit, account, cents) items, by unit: a reallocation's moves as their two sides."""
    if isinstance(event, Reallocated):
        items = [(m.from_unit, m.from_account, -m.amount) for m in event.moves]
        items += [(m.to_unit, m.to_account, m.amount) for m in event.moves]
    else:
        items = [(line.unit, line.account, line.amount) for line in event.lines]
    by_unit: dict[str, list[tuple[str, str, int]]] = {}
    for item in items:
        by_unit.setdefault(item[0], []).append(item)
    return by_unit


def own_after(state: LedgerState, event: Event, unit: str,
              items: list[tuple[str, str, int]] | None = None) -> dict[tuple[str, str], int]:
    """The unit's own cells (``LedgerState.own_figures``) as they will be once ``event`` is folded, without
    folding it: an additive column adds its amount; a set column takes it if no entry in force is dated later.
    ``items``: the event's items of this unit (``_items_by_unit``), if the caller has them."""
    year = event.year
    column = "MUUTOS" if isinstance(event, AppropriationCarried) else COLUMN_OF[type(event)]
    own = dict(state.own_figures(year, unit))
    if items is None:
        items = _items_by_unit(event).get(unit, [])
    cells = state.unit_cells(year, unit)
    for where, account, amount in items:
        key = (account, column)
        if where != unit:
            continue
        if column in ADDITIVE_COLUMNS:
            own[key] = own.get(key, 0) + amount
        elif _latest(state, cells.get(key)) <= event.effective.toordinal():
            own[key] = amount
    return own


def _latest(state: LedgerState, cell) -> int:
    """The latest effective date (ordinal) of an entry in force in a set column's cell (0 for none)."""
    if cell is None:
        return 0
    return max((eff for eff, seq, _amount in cell if seq not in state.reversed_by), default=0)


#: every check on one event, in the order a refusal names the first
EVENT_CHECKS = (body_breaches, date_breaches, across_breaches, proposal_breaches, overrun_breaches, ks_breaches)


def breaches(rules: Rules, state: LedgerState, event: Event) -> list[Breach]:
    """What every check finds wrong with ``event`` written onto ``state`` (before it is folded in)."""
    return [breach for check in EVENT_CHECKS for breach in check(rules, state, event)]


# --- the committee's view of the whole ledger ---------------------------------------------------


def overrun_check(rules: Rules, state: LedgerState, confirmed: dict[tuple, int] | None = None,
                  events: tuple[Finding, ...] = ()) -> Check:
    """Each binding unit's toteutumisvertailu (``ledger.fold.vertailu``, as the report and the committee
    read it): its toteutuma over TA+muutos beyond the tolerance is an overrun; its forecast (TPE) over
    TA+muutos a finding of its own, said as a forecast.

    An overrun whose check the rules turn off is not looked for. ``confirmed``: (year, unit, line, forecast) ->
    the largest overrun a clerk confirmed there as a warning when writing the event that made it
    (``ledger.audit.policy``): an overrun no larger is explained, not a finding; a larger one is. ``events``: the
    findings of the per-event checks reported under this line (a KS past its budget).
    """
    confirmed = confirmed or {}
    findings, kept, looked = list(events), [], 0
    for part in PARTS:
        for year in state.years():
            for unit in binding_units(state, rules, year, part):
                line = rules.binding_line(unit, part)
                cells = vertailu(state, year, unit).line(line) if line else None
                if cells is None or cells.ta_muutos is None:
                    continue
                looked += 1
                for finding in _overrun_findings(rules, year, unit, cells):
                    explained = confirmed.get((year, unit, line, finding.code != "authority.overrun"))
                    over = finding.params["over"]
                    (kept if explained is not None and over <= explained else findings).append(finding)
    parts = "; ".join(f"{part} {b.level}, {b.line}" for part in PARTS[1:] if (b := rules.binding_of(part)).line)
    check = Check.of("overruns", f"No binding appropriation ({rules.level}, {rules.line}"
                     f"{'; ' + parts if parts else ''}) overrun by toteuma, "
                     "TPE or TP without a council decision", findings, "scope.appropriations", count=looked)
    return replace(check, confirmed=tuple(kept))


def _overrun_findings(rules: Rules, year: int, unit: str, cells: Cells) -> list[Finding]:
    """A binding unit's line overrun by its toteutuma or its forecast, where the rules look for it."""
    found = []
    for column in overruns(cells, rules.tolerance):
        forecast = column == "TPE"
        if rules.action("authority.forecast_overrun" if forecast else "authority.overrun") == "off":
            continue
        actual = cells.tpe if forecast else cells.toteutuma
        found.append(Finding.of(None, "authority.forecast_overrun" if forecast else "authority.overrun", year=year,
                                unit=unit, line=cells.account, column=column, actual=actual,
                                budget=cells.ta_muutos, over=cells.ta_muutos - actual))
    return found


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


# --- s23-rules: a reversal's overrun, as the write path and verify judge it -----------------------------


def _reversal_overruns(rules: Rules, state: LedgerState, event: EntryReversed, made=_overruns_made) -> list[Breach]:
    """Undoing a change undoes its figures (the change an approval enacted, for an approval): each binding unit
    it touched, with its units' cells as they are without it, checked for the overrun that leaves."""
    target = state.ids.get(event.target)
    if target is None:
        return []
    _proposal, _approved, enacted = state.decisions.get(target, (0, False, 0))
    undone = enacted or target
    moved = _transfer_of(state, undone)
    if moved is not None:
        unit, from_year = moved
        kept = [t for t in state.units[unit].transfers if t[1] != undone and state.alive(t[1], state.seq)]
        return _reorganised(rules, state, unit, kept, from_year, made=made)
    year = state.fiscal_years[undone - 1]
    if not year:
        return []
    binding = {part: set(binding_units(state, rules, year, part)) for part in PARTS}
    instead: dict[tuple[str, str], dict[str, dict[tuple[str, str], int]]] = {}
    stated: dict[tuple[int, str], dict[tuple[str, str], int]] = {}
    for unit, seqs in state.touched.items():
        i = bisect.bisect_left(seqs, undone)
        if i == len(seqs) or seqs[i] != undone or (year, unit) not in state.cells:
            continue
        if unit.endswith(BREAKDOWN):  # a breakdown's statement: the node's appropriation as the book states it
            stated[(year, unit)] = _cells_without(state, year, unit, undone)
            continue
        for part in {part_of(key[0]) for key, cell in state.unit_cells(year, unit).items() if undone in cell.rest[0::2]}:
            node = binding_unit(state, rules, year, unit, part)
            if node in binding[part]:
                instead.setdefault((part, node), {})[unit] = _cells_without(state, year, unit, undone)
    return made(rules, state, year, instead) + _stated_overruns(rules, state, year, stated, made)


def _cells_without(state: LedgerState, year: int, unit: str, seq: int) -> dict[tuple[str, str], int]:
    """The unit's own cells (``LedgerState.own_figures``) as they would be had event ``seq`` never been written."""
    own = dict(state.own_figures(year, unit))
    for key, cell in state.unit_cells(year, unit).items():
        if seq in cell.rest[0::2]:
            value = state.cell_value_without(cell, key[1], seq)
            if value is None:
                own.pop(key, None)
            else:
                own[key] = value
    return own


# --- s24-rules: a service transfer's (a project's new group's) and a breakdown's overrun, as the write path and
# verify judge it ---------------------------------------------------------------------------------------------


class _Supposed:
    """The state as an event not yet folded would leave what the overrun check reads of it, the state itself
    untouched: a unit's parents with its transfers ``transfers`` (a new one added, or one reversed left out), and
    the stated cells ``stated`` ((year, breakdown key) -> own cells) in place of the state's. Everything else is
    the state's own. Read "now" only (everything effective and known), as ``overrun_check`` reads the ledger."""

    def __init__(self, state: LedgerState, unit: str | None = None, transfers: list[tuple] = (),
                 stated: dict[tuple[int, str], dict[tuple[str, str], int]] | None = None):
        self._state, self._unit, self._transfers, self._stated = state, unit, sorted(transfers), stated or {}

    def __getattr__(self, name: str):
        return getattr(self._state, name)

    def remember_org(self, key: tuple, compute: Callable[[], T]) -> T:
        """Never the state's answers: this organisation is not the state's."""
        return compute()

    def parents(self, year: int, on: int = FOREVER, known: int | None = None) -> dict[str, str | None]:
        parents = self._state.parents(year, on, known)
        if self._unit is None or self._unit not in parents:
            return parents
        parent = self._state.units[self._unit].parent
        for eff, _seq, _from, to, from_year in self._transfers:
            if eff <= on and year >= from_year:
                parent = to
        return {**parents, self._unit: parent}

    def subtree(self, node: str, year: int, on: int = FOREVER, known: int | None = None) -> list[str]:
        return LedgerState.subtree(self, node, year, on, known)  # type: ignore[arg-type]

    def children(self, node: str | None, year: int, on: int = FOREVER, known: int | None = None) -> list[str]:
        return LedgerState.children(self, node, year, on, known)  # type: ignore[arg-type]

    def own_figures(self, year: int, unit: str, on: int = FOREVER, known: int | None = None) -> dict:
        own = self._stated.get((year, unit))
        return dict(own) if own is not None else self._state.own_figures(year, unit, on, known)


def _transfer_overruns(rules: Rules, state: LedgerState, event: ServiceTransferred,
                       made=_overruns_made) -> list[Breach]:
    """A service transfer takes the unit's figures of ``from_year`` and later from the binding units above it to
    those above its new parent: each, with the organisation as the transfer leaves it, checked for the overrun
    that makes (the budget leaving one before its toteutuma, or toteutuma arriving at another past its budget)."""
    unit = state.units.get(event.unit)
    if unit is None:
        return []
    new = (event.effective.toordinal(), state.seq + 1, event.from_parent, event.to_parent, event.from_year)
    kept = [t for t in unit.transfers if state.alive(t[1], state.seq)]
    return _reorganised(rules, state, event.unit, [*kept, new], event.from_year, "to_parent", made)


def _project_move_overruns(rules: Rules, state: LedgerState, event: ProjectChanged,
                           made=_overruns_made) -> list[Breach]:
    """A project given a new group takes every year's figures with it (``LedgerState._project_changed``): the
    binding units above it before and after, checked as for a service transfer."""
    unit = state.units.get(event.code)
    if event.group is None or unit is None:
        return []
    now = unit.transfers[-1][3] if unit.transfers else unit.parent
    new = (event.effective.toordinal(), state.seq + 1, now or "", event.group, 1)
    kept = [t for t in unit.transfers if state.alive(t[1], state.seq)]
    return _reorganised(rules, state, event.code, [*kept, new], 1, "group", made)


def _transfer_of(state: LedgerState, seq: int) -> tuple[str, int] | None:
    """The unit a service transfer (or a project's new group) at ``seq`` moved and its first year, or None if
    ``seq`` moved nothing."""
    if state.kind(seq) not in ("service_transferred", "project_changed"):
        return None
    return next(((code, t[4]) for code, unit in state.units.items() for t in unit.transfers if t[1] == seq), None)


def _reorganised(rules: Rules, state: LedgerState, unit: str, transfers: list[tuple], from_year: int,
                 field: str = "target", made=_overruns_made) -> list[Breach]:
    """The overruns (of ``made``'s kind) ``unit`` moving under ``transfers`` makes, for each year from ``from_year``
    on: at each binding node above it, before the move or after, and at the unit itself where the move makes it
    bind its own money (no binding unit above it any more: its overrun, which its old binding unit's budget
    covered, is then made by the move). The nodes below it keep their figures and their binding."""
    after = _Supposed(state, unit, transfers)
    found = []
    for year in (y for y in state.years() if y >= from_year):
        chains = {unit} | set(_above(state.parents(year), unit)) | set(_above(after.parents(year), unit))
        nodes = {(part, node): {} for part in PARTS
                 for node in chains & set(binding_units(after, rules, year, part))}  # type: ignore[arg-type]
        fresh = frozenset(key for key in nodes if key[1] not in binding_units(state, rules, year, key[0]))
        found += made(rules, state, year, nodes, after, field, fresh)  # type: ignore[arg-type]
    return found


def _above(parents: dict[str, str | None], unit: str) -> list[str]:
    """The nodes above ``unit`` (not itself: what it holds moves with it)."""
    out, code = [], parents.get(unit)
    while code is not None and code not in out:
        out.append(code)
        code = parents.get(code)
    return out


def _breakdown_overruns(rules: Rules, state: LedgerState, event: BreakdownStated,
                        made=_overruns_made) -> list[Breach]:
    """A book's statement of a node's MENOT or TULOT is its appropriation (``ledger.fold.binding``): a binding
    node's stated TA or TA+muutos, as the statement leaves it (the latest in force wins), checked for the overrun
    it makes."""
    stated: dict[tuple[int, str], dict[tuple[str, str], int]] = {}
    column = STATED + event.column
    for line in event.lines:
        key = breakdown_key(line.unit)
        own = stated.setdefault((event.year, key), dict(state.own_figures(event.year, key)))
        if _latest(state, state.unit_cells(event.year, key).get((line.account, column))) <= event.effective.toordinal():
            own[(line.account, column)] = line.amount
    return _stated_overruns(rules, state, event.year, stated, made)


def _stated_overruns(rules: Rules, state: LedgerState, year: int,
                     stated: dict[tuple[int, str], dict[tuple[str, str], int]], made=_overruns_made) -> list[Breach]:
    """The overruns (of ``made``'s kind) the stated cells ``stated`` make at the binding nodes they state."""
    if not stated:
        return []
    nodes = {key.removesuffix(BREAKDOWN) for _year, key in stated}
    instead = {(part, node): {} for part in PARTS for node in nodes & set(binding_units(state, rules, year, part))}
    return made(rules, state, year, instead, _Supposed(state, stated=stated))  # type: ignore[arg-type]


# --- s23-rules: the rules as the ledger holds them (``RulesAdopted``) ------------------------------


def to_ruleset(rules: Rules) -> RuleSet:
    """The rules as data an event holds, every entry spelled out, in a fixed order: equal rules, equal bytes."""
    return RuleSet(
        municipality=rules.municipality, level=rules.level, line=rules.line, gross=tuple(rules.gross),
        tolerance=rules.tolerance, amendments_by="%d.%d." % rules.amendments_by,
        overruns_by="%d.%d." % rules.overruns_by, carries_by="%d.%d." % rules.carries_by,
        kinds=tuple(sorted(rules.bodies)),
        bodies=tuple(Entitled(kind, body) for kind in sorted(rules.bodies) for body in rules.bodies[kind]),
        actions=tuple(CheckAction(code, rules.action(code)) for code in sorted(POLICY)),
        parts=tuple(PartBound(part, bound.level, bound.line) for part, bound in sorted(rules.parts.items())),
    )


def digest(rules: Rules) -> str:
    """What rules are compared by: an adoption's ``digest``, a rules file's given to a ledger that adopted some."""
    return rules_digest(to_ruleset(rules))


def from_ruleset(ruleset: RuleSet) -> Rules:
    """The rules an adoption holds, checked as a file's are (``from_doc``): a stored adoption written past
    them (by hand) is one ``Rejected`` naming the entry."""
    named = {kind: [] for kind in ruleset.kinds}
    for pair in ruleset.bodies:
        if pair.kind not in named:
            raise Rejected(f"bodies.{pair.kind}", pair.kind, "choice.unknown", choices=ruleset.kinds)
        named[pair.kind].append(pair.body)
    doc = {
        "municipality": ruleset.municipality,
        "binding": {"level": ruleset.level, "line": ruleset.line, "gross": list(ruleset.gross),
                    "tolerance": format_amount(ruleset.tolerance, decimals=2, sep=" ")},
        "deadlines": {"amendments": ruleset.amendments_by, "overruns": ruleset.overruns_by,
                      "carries": ruleset.carries_by},
        "bodies": named,
        "actions": {pair.code: pair.action for pair in ruleset.actions},
    }
    for bound in ruleset.parts:
        doc["binding"][bound.part] = {"level": bound.level, "line": bound.line}
    if not 0 <= ruleset.tolerance <= AMOUNT_LIMIT:
        raise Rejected("binding.tolerance", ruleset.tolerance, "amount.invalid")
    return from_doc(doc)


def adopted_rules(event: RulesAdopted) -> Rules:
    """The rules an adoption puts in force; its digest must be its rules' (``rules.check`` says so too)."""
    if event.digest != rules_digest(event.rules):
        raise Rejected("digest", event.digest, "rules.digest", digest=rules_digest(event.rules))
    return from_ruleset(event.rules)


__all__ = ["ACTIONS", "DEFAULT", "PARTS", "PART_LEVELS", "PROJECT_GROUP_LEVEL", "UNCHECKED", "POLICY", "Breach",
           "PartBinding", "Rules", "adopted_rules", "binding_unit", "binding_units", "breaches", "digest", "ends",
           "from_ruleset", "gap_findings", "load", "overrun_check", "overruns", "own_after", "part_of", "to_ruleset",
           "to_toml"]
