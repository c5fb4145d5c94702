"""A käyttötalous table of units (each lautakunta's heading over its Toimintatuotot / Toimintakulut) against
what the ledger already holds, over pages, and with sub-headings: each unit's money recorded once, on the
unit the book's structure names, or listed with why; never added twice, never guessed."""

from __future__ import annotations

import datetime as dt

from test_books_layouts import NOW, ROOT, UNITS, UNITS_HEADER, _book, _unit_recorded

from events.model import Decision, Line, TaAdopted, TpRecorded, UnitRegistered
from ledger.books import layout, layoutplan
from ledger.fold.state import LedgerState

SOURCE, DIGEST = "kunta-tp-2024.pdf", "2" * 64


def _ledger(tmp_path, *events):
    from conftest import Clock

    from ledger.app import Kirjuri
    from ledger.store.log import Target

    ledger = Kirjuri(Target(sqlite_path=tmp_path / "l.sqlite"), create=True, author="testi", clock=Clock())
    ledger.submit(*events)
    return ledger


def _units(*codes: tuple[str, str, str, str | None]) -> list[UnitRegistered]:
    return [UnitRegistered(id=f"u-{code}", effective=dt.date(2024, 1, 1), code=code, name=name, level=level,
                           parent=parent, recorded_at=NOW, author="testi") for code, name, level, parent in codes]


def _plan(state: LedgerState, lines) -> tuple[layout.LayoutReading, layoutplan.LayoutPlan]:
    reading = layout.read_layout(lines)
    return reading, layoutplan.plan_layout(state, reading, year=2024, root=ROOT, source=SOURCE, digest=DIGEST,
                                           author="testi", now=NOW)


def _earlier_book(tulot: int, kulut: int) -> list:
    """Another book's import: the city and Tarkastuslautakunta (64110000) registered as this table places
    them, its TA and TP 2024 for both accounts."""
    decision = Decision(body="valtuusto", date=dt.date(2023, 12, 11), section="100", document="ta-2024.pdf")
    lines = (Line("64110000", "TOIMINTATUOTOT", tulot), Line("64110000", "TOIMINTAKULUT", kulut))
    return [*_units(("KUNTA", "Esimerkin kunta", "kaupunki", None), ("64110000", "Tarkastuslautakunta", "toimiala", "KUNTA")),
            TaAdopted(id="ta-2024-book", effective=dt.date(2024, 1, 1), year=2024, decision=decision, lines=lines,
                      recorded_at=NOW, author="testi")]


def test_a_units_ta_the_ledger_holds_from_another_book_is_checked_not_added_again(tmp_path):
    """Tarkastuslautakunta's TA 2024 recorded by an earlier import, equal to this table's: its TA cells are
    checked, nothing is added to it (its TA stays the book's), the other cells and units are recorded."""
    ledger = _ledger(tmp_path, *_earlier_book(10_00, -80_00))
    try:
        reading, plan = _plan(ledger.state, _book("Käyttötalouden toteutuminen", UNITS_HEADER, UNITS))
        recorded = _unit_recorded(plan)
        assert not any(unit == "64110000" and role == "TA" for unit, _a, role in recorded)
        assert recorded[("64110000", "TOIMINTAKULUT", "TOTEUMA")] == -84_00
        assert recorded[("SIVISTYSTOIMIALA", "TOIMINTATUOTOT", "TA")] == 1_200_00
        ta = [s for s in plan.statuses if s.line in (8, 9) and s.role == "TA"]
        assert len(ta) == 2 and all(s.status == "checked" and "already holds" in s.why for s in ta)
        assert plan.plan.conflicts == []
        ledger.confirm = frozenset({"authority.overrun"})
        ledger.submit(*plan.plan.events)
        figures = ledger.state.own_figures(2024, "64110000")
        assert figures[("TOIMINTATUOTOT", "TA")] == 10_00 and figures[("TOIMINTAKULUT", "TA")] == -80_00
        again = layoutplan.plan_layout(ledger.state, reading, year=2024, root=ROOT, source=SOURCE, digest=DIGEST,
                                       author="testi", now=NOW)
        assert again.plan.events == []
    finally:
        ledger.close()


def test_a_units_ta_the_ledger_holds_otherwise_is_listed_as_a_contradiction_not_added(tmp_path):
    """The ledger's TA for the unit differs from the table's: listed with both figures, said in the preview's
    conflicts, nothing recorded on that account's TA; a TP the ledger holds differently likewise."""
    earlier = _earlier_book(10_00, -90_00)
    tp = TpRecorded(id="tp-2024-other", effective=dt.date(2024, 12, 31), year=2024,
                    lines=(Line("64110000", "TOIMINTATUOTOT", 12_00),), recorded_at=NOW, author="testi")
    ledger = _ledger(tmp_path, *earlier, tp)
    try:
        _reading, plan = _plan(ledger.state, _book("Käyttötalouden toteutuminen", UNITS_HEADER, UNITS))
        recorded = _unit_recorded(plan)
        assert ("64110000", "TOIMINTAKULUT", "TA") not in recorded
        assert ("64110000", "TOIMINTATUOTOT", "TOTEUMA") not in recorded  # held, and the same: checked
        by = {(s.line, s.role): s for s in plan.statuses}
        assert by[(9, "TA")].status == "listed" and "-90" in by[(9, "TA")].why and "-80" in by[(9, "TA")].why
        assert by[(8, "TA")].status == "checked" and by[(8, "TOTEUMA")].status == "checked"
        assert len(plan.plan.conflicts) == 1 and "contradiction" in plan.plan.conflicts[0]
        assert by[(9, "TOTEUMA")].status == "recorded"
    finally:
        ledger.close()
