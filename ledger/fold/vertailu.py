"""The toteutumisvertailu (kuntalaki § 113), defined once: a node's budget against its toteutuma.

The report (``ledger.reports.tables.toteutumisvertailu``), the committee's view
(``ledger.audit.committee``) and ``kirjuri verify``'s overrun check (``ledger.audit.authority``)
all read their cells here, so they cannot come to disagree on a figure.

The columns, in the books' order, per unit and rolled up (each account line, NETTOMENO derived):

- alkuperäinen TA (``TA``), TA-muutokset (``MUUTOS``), TA muutosten jälkeen (``TA+MUUTOS``);
- toteutuma (``TOTEUTUMA``): **the TP of a closed year, else the recorded toteuma, decided per
  unit**. A unit's year is closed for it once a TP is recorded for it (in force at the point
  asked): its toteutuma is then its TP, else the sum of its recorded toteuma periods. A node's
  toteutuma is the sum of its units' toteutumas, so one unit's TP never hides another unit's
  toteuma, and every total is the sum of the lines under it. Which of the two a figure sums is its
  ``basis``: ("TP",), ("TOTEUMA",) or both;
- poikkeama (``POIKKEAMA``): toteutuma - TA muutosten jälkeen. With the books' signs (MENOT
  negative, TULOT positive) a positive poikkeama is favourable on both sides: less spent, more
  earned;
- toteuma-% (``TOTEUMA-%``): toteutuma against TA muutosten jälkeen, in tenths of a percent, signed
  as the books' Toteuma-% (``ledger.domain.money.percent_of``: -60 of -100 is 60,0 %);
- TPE (``TPE``): the forecast (tilinpäätösennuste), a column of its own, never a toteutuma;
- siirto seuraavalle vuodelle (``SIIRTO``): what of the year's unused appropriation was carried to the
  next year (``AppropriationCarried``), where it is a TA-muutos; this year's TA+muutos stays as decided,
  so the poikkeama still shows the whole unused appropriation and ``unused`` what is left of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ledger.domain.money import percent_of
from ledger.fold import binding
from ledger.fold.projections import Point, derive, roll_up
from ledger.fold.state import LedgerState

#: the toteutumisvertailu's columns, in the books' order
COLUMNS = ("TA", "MUUTOS", "TA+MUUTOS", "TOTEUTUMA", "POIKKEAMA", "TOTEUMA-%", "TPE")
#: a year some of whose unused appropriation was carried on also has these: what was carried to the next
#: year (SIIRTO) and what is left unused after it (KÄYTTÄMÄTTÄ)
CARRY_COLUMNS = ("SIIRTO", "KÄYTTÄMÄTTÄ")
#: where a unit's toteutuma is read from: its TP once its year is closed, else its toteuma so far
SOURCES = ("TP", "TOTEUMA")
#: the stored columns read as they are
_BUDGET = ("TA", "MUUTOS", "TPE", "SIIRTO")
#: a unit's toteutuma is rolled up under "TOTEUTUMA TP" or "TOTEUTUMA TOTEUMA": the basis survives the sums
_ACTUAL = "TOTEUTUMA "


@dataclass(frozen=True)
class Cells:
    """One account line of a node's toteutumisvertailu (cents; None where nothing is recorded)."""

    account: str
    ta: int | None = None
    muutos: int | None = None
    ta_muutos: int | None = None
    toteutuma: int | None = None
    tpe: int | None = None
    #: what ``toteutuma`` sums, in ``SOURCES`` order: ("TP",), ("TOTEUMA",), both, or () with none recorded
    basis: tuple[str, ...] = ()
    #: carried to the next year out of this year's unused appropriation (SIIRTO), signed as the appropriation
    carried: int | None = None

    @property
    def unused(self) -> int | None:
        """What is left unused after the carry-overs: TA+muutos - toteutuma - carried (a cost unused is
        negative, as the appropriation); None without a TA+muutos."""
        if self.ta_muutos is None:
            return None
        return self.ta_muutos - (self.toteutuma or 0) - (self.carried or 0)

    @property
    def poikkeama(self) -> int | None:
        """toteutuma - TA+muutos: positive is favourable (less spent, more earned)."""
        if self.toteutuma is None or self.ta_muutos is None:
            return None
        return self.toteutuma - self.ta_muutos

    @property
    def percent(self) -> int | None:
        """Toteuma-%: the toteutuma against TA+muutos, in tenths of a percent."""
        if self.toteutuma is None or self.ta_muutos is None:
            return None
        return percent_of(self.toteutuma, self.ta_muutos)

    @property
    def closed(self) -> bool:
        """Every unit with a toteutuma here has its TP: the year is over for this line, not in progress."""
        return self.basis == ("TP",)

    @property
    def source(self) -> str | None:
        """The basis as one name: "TP", "TOTEUMA", "TP/TOTEUMA" (units of both), None with no toteutuma."""
        return "/".join(self.basis) or None

    @property
    def empty(self) -> bool:
        return all(value is None for value in (self.ta, self.muutos, self.ta_muutos, self.toteutuma, self.tpe))

    def value(self, column: str) -> int | None:
        """The cell of one of ``COLUMNS`` or ``CARRY_COLUMNS``."""
        return {"TA": self.ta, "MUUTOS": self.muutos, "TA+MUUTOS": self.ta_muutos, "TOTEUTUMA": self.toteutuma,
                "POIKKEAMA": self.poikkeama, "TOTEUMA-%": self.percent, "TPE": self.tpe, "SIIRTO": self.carried,
                "KÄYTTÄMÄTTÄ": self.unused if self.carried is not None else None}[column]


@dataclass(frozen=True)
class Vertailu:
    """A node's toteutumisvertailu for a fiscal year: every account line it has a figure on."""

    year: int
    node: str
    amounts: dict[tuple[str, str], int] = field(default_factory=dict)

    def line(self, account: str) -> Cells:
        parts = {source: self.amounts.get((account, _ACTUAL + source)) for source in SOURCES}
        basis = tuple(source for source in SOURCES if parts[source] is not None)
        return Cells(
            account=account, ta=self.amounts.get((account, "TA")), muutos=self.amounts.get((account, "MUUTOS")),
            ta_muutos=self.amounts.get((account, "TA+MUUTOS")),
            toteutuma=sum(parts[source] for source in basis) if basis else None,
            tpe=self.amounts.get((account, "TPE")), basis=basis, carried=self.amounts.get((account, "SIIRTO")))

    def value(self, account: str, column: str) -> int | None:
        return self.line(account).value(column)

    @property
    def carried(self) -> bool:
        """Some of this year's unused appropriation here was carried to the next year (its CARRY_COLUMNS)."""
        return any(column == "SIIRTO" for _account, column in self.amounts)

    @property
    def basis(self) -> tuple[str, ...]:
        """What the node's toteutumas sum, on any line, in ``SOURCES`` order."""
        found = {column.removeprefix(_ACTUAL) for _account, column in self.amounts if column.startswith(_ACTUAL)}
        return tuple(source for source in SOURCES if source in found)


def vertailu(state: LedgerState, year: int, node: str, point: Point = Point(), *, at: tuple[int, int] | None = None,
             structure: int | None = None, own: bool = False,
             instead: dict[str, dict[tuple[str, str], int]] | None = None) -> Vertailu:
    """The node's toteutumisvertailu: its units' cells rolled up through the organisation and the accounts,
    with the TA and TA muutosten jälkeen a book stated for the node itself in place of its units' sums
    (``ledger.fold.binding``: the binding figure is the book's; a restated year has none).

    As ``projections.figures``: ``structure`` is the year whose organisation the rollup follows
    (restated, vertailukelpoinen); ``own`` takes the node's own cells only, not its units'. ``instead``: units'
    own cells to read in place of the state's (as an event not yet folded would leave them,
    ``ledger.audit.authority.own_after``), so a check sees the vertailu after it by this same definition.
    """
    on, known = at or point.resolve(state)
    units = [node] if own else state.subtree(node, year if structure is None else structure, on, known)
    totals: dict[tuple[str, str], int] = {}
    instead = instead or {}
    for unit in units:
        roll_up(unit_cells(instead[unit] if unit in instead else state.own_figures(year, unit, on, known)), totals)
    amounts = derive(totals)
    if not own and structure in (None, year):
        amounts = binding.overlay(amounts, binding.stated(state, year, node, on, known))
        amounts = binding.overlay_sides(amounts, binding.stated_sides(state, year, node, on, known), _ACTUAL + "TP")
    return Vertailu(year, node, amounts)


def unit_cells(own: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """One unit's own cells as the vertailu reads them: TA, TA-muutokset and TPE as recorded, and its
    toteutuma from its TP if it has one for the year (the year is closed), else from its toteuma."""
    source = "TP" if any(column == "TP" for _account, column in own) else "TOTEUMA"
    out = {}
    for (account, column), value in own.items():
        if column in _BUDGET:
            out[(account, column)] = value
        elif column == source:
            out[(account, _ACTUAL + source)] = value
    return out


__all__ = ["CARRY_COLUMNS", "COLUMNS", "SOURCES", "Cells", "Vertailu", "unit_cells", "vertailu"]
