"""A project list under the investment line it breaks down: each row a project opened under that line's
project group, its talousarvio and toteutuma the group's breakdown (stated, never added to the group), the
line found by the list's own arithmetic; a list its arithmetic does not confirm is listed, never recorded."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import seinajoki_pdf
from test_columns import NOW, PDF, _amounts, _line

from events.model import BreakdownStated, ProjectOpened
from ledger.app import Kirjuri
from ledger.books import layout, layoutplan
from ledger.fold import investments as inv
from ledger.fold import projections as pj
from ledger.fold.state import LedgerState
from ledger.store.log import Target
from tui.i18n import Texts
from tui.viewmodel import Selection, figures_view

INVEST_HEADER = [[("INVESTOINNIT", 10.0, 50.0), ("Alkup.", 62.0, 95.0), ("TA:n", 122.0, 140.0), ("Muutettu", 182.0, 215.0),
                  ("Toteuma", 242.0, 275.0), ("Poikkeama", 300.0, 335.0)],
                 [("TA", 62.0, 70.0), ("muutokset", 122.0, 160.0), ("TA", 182.0, 190.0)]]
INVEST_ROWS = [[("Menot", 10.0, 40.0)], _amounts("Rakennukset", "1 000", "100", "1 100", "1 050", "50"),
               _amounts("Kadunrakentaminen", "500", None, "500", "480", "20"),
               _amounts("Menot yhteensä", "1 500", "100", "1 600", "1 530", "70")]
LIST_HEADER = [[("Rakennusten", 10.0, 50.0), ("Edellisten", 62.0, 95.0), ("Talous-", 122.0, 158.0),
                ("Toteutuma", 182.0, 215.0), ("Poikkeama", 242.0, 278.0), ("Kustannukset", 300.0, 338.0)],
               [("toteutuminen", 10.0, 50.0), ("vuosien", 62.0, 90.0), ("arvio", 122.0, 140.0), ("2025", 200.0, 218.0),
                ("yhteensä", 302.0, 338.0)],
               [("käyttö", 62.0, 88.0), ("2025", 140.0, 158.0)]]


def _reading(rows: list) -> layout.LayoutReading:
    lines = INVEST_HEADER + INVEST_ROWS + LIST_HEADER + rows
    return layout.read_layout([_line(i, *cells) for i, cells in enumerate(lines, 1)])


LIST_ROWS = [_amounts("5000 Koulu", "1 000", "600", "640", "-40", "1 640"),
             _amounts("5001 Päiväkoti", "200", "500", "410", "90", "610"),
             _amounts("Menot yhteensä", "1 200", "1 100", "1 050", "50", "2 250")]


def _plan(reading: layout.LayoutReading, state: LedgerState | None = None) -> layoutplan.LayoutPlan:
    return layoutplan.plan_layout(state or LedgerState(), reading, year=2025, root=("K", "Kunta"), source="k.pdf",
                                  digest="3" * 64, author="testi", now=NOW)


def test_each_row_is_a_project_under_the_line_its_talousarvio_sums_to():
    reading = _reading(LIST_ROWS)
    assert reading.tables[1].roles == ["PRIOR", "TA", "TOTEUMA", "POIKKEAMA", "CUMULATIVE"]
    plan = _plan(reading)
    groups = {e.name: e.code for e in plan.plan.events if isinstance(e, ProjectOpened) and e.group == "K"}
    projects = {e.code: e for e in plan.plan.events if isinstance(e, ProjectOpened) and e.group != "K"}
    assert set(projects) == {"5000", "5001"} and {p.group for p in projects.values()} == {groups["Rakennukset"]}
    # the list prints no kustannusarvio: none is recorded, and the note and the preview say so
    assert projects["5000"].name == "Koulu" and projects["5000"].cost_estimate == 0
    assert (projects["5000"].first_year, projects["5000"].last_year) == (2025, 2025)
    assert "edellisten vuosien käyttö 1 000 €" in projects["5000"].note
    assert "kirja ei esitä kustannusarviota" in projects["5000"].note
    assert [r.key for r in plan.lists[1].taken] == ["list.no_estimate"]
    stated = {e.column: {(line.unit, line.account): line.amount for line in e.lines}
              for e in plan.plan.events if isinstance(e, BreakdownStated)}
    # 1 100 is Rakennukset's TA+MUUTOS: the list's talousarvio is the year's budget after its changes
    assert stated == {"TA+MUUTOS": {("5000", "Rakennukset"): -600_00, ("5001", "Rakennukset"): -500_00},
                      "TP": {("5000", "Rakennukset"): -640_00, ("5001", "Rakennukset"): -410_00}}
    statuses = {(s.line, s.role): s.status for s in plan.statuses if s.table == 1}
    first = reading.tables[1].rows[0].line
    assert statuses[(first, "TA")] == statuses[(first, "TOTEUMA")] == "recorded"
    assert statuses[(first, "PRIOR")] == statuses[(first, "CUMULATIVE")] == statuses[(first, "POIKKEAMA")] == "checked"
    assert {s.status for s in plan.statuses if s.table == 1 and s.line == reading.tables[1].rows[-1].line} == {"checked"}
    assert all(c.ok for c in plan.lists[1].checks)


def test_the_group_keeps_the_investointiosas_money_and_the_projects_are_not_counted_twice(tmp_path):
    reading = _reading(LIST_ROWS)
    ledger = Kirjuri(Target(sqlite_path=tmp_path / "l.sqlite"), create=True, author="testi")
    try:
        ledger.submit(*_plan(reading, ledger.state).plan.events)
        group = next(c for c in ledger.state.projects if ledger.state.name(c) == "Rakennukset")
        held = pj.figures(ledger.state, 2025, group).amounts
        assert held[("Investointimenot", "TA")] == -1_000_00 and held[("Investointimenot", "TP")] == -1_050_00
        assert pj.figures(ledger.state, 2025, "K").amounts[("Investointimenot", "TP")] == -1_530_00
        (year,) = inv.project_view(ledger.state, "5000").years
        assert dict(year.stated) == {"TA+MUUTOS": -600_00, "TP": -640_00} and year.menot.toteutuma is None
        view = figures_view(ledger.state, Selection("5000", 2025), Texts("fi"))
        stated = view.row("2025 kirjan mukaan")
        assert stated.values[view.columns.index("TA+MUUTOS")] == -600_00
        assert stated.values[view.columns.index("TOTEUMA")] == -640_00
        again = _plan(reading, ledger.state)
        assert again.plan.events == [] and again.count("recorded") == _plan(reading).count("recorded")
    finally:
        ledger.close()


@pytest.mark.parametrize("rows, why", [
    # talousarvio 600 + 400 = 1 000: Rakennukset's TA, the list a breakdown of the adopted budget
    ([_amounts("5000 Koulu", "1 000", "600", "640", "-40", "1 640"),
      _amounts("5001 Päiväkoti", "200", "400", "410", "-10", "610")], None),
    ([_amounts("5000 Koulu", "1 000", "600", "640", "-40", "1 640"),
      _amounts("5001 Päiväkoti", "200", "300", "410", "-110", "610")], "sums to no investment line"),
    # a row in the wrong column breaks the total: nothing of the list is recorded
    ([_amounts("5000 Koulu", "1 000", "600", "640", "-40", "1 640"),
      _amounts("5001 Päiväkoti", "200", "500", "410", "90", "610"),
      _amounts("Menot yhteensä", "1 200", "1 100", "1 150", "-50", "2 350")], "do not sum to its total"),
    ([_amounts("5000 Koulu", "1 000", "600", "640", "-40", "1 640"),
      _amounts("5000 Päiväkoti", "200", "500", "410", "90", "610")], "another row's"),
])
def test_a_list_its_arithmetic_does_not_place_is_listed_with_why(rows, why):
    plan = _plan(_reading(rows))
    statuses = [s for s in plan.statuses if s.table == 1]
    projects = [e for e in plan.plan.events if isinstance(e, ProjectOpened) and e.group != "K"]
    if why is None:
        stated = next(e for e in plan.plan.events if isinstance(e, BreakdownStated) and e.column in ("TA", "TA+MUUTOS"))
        assert stated.column == "TA" and len(projects) == 2
        return
    assert any(why in s.why for s in statuses if s.status == "listed")
    if why != "another row's":
        assert projects == [] and {s.status for s in statuses} == {"listed"}
    else:
        assert [p.code for p in projects] == ["5000"]


def test_a_code_another_unit_holds_is_not_taken():
    plan = layoutplan.plan_layout(LedgerState(), _reading(LIST_ROWS), year=2025, root=("K", "Kunta"), source="k.pdf",
                                  digest="3" * 64, author="testi", now=NOW, planned_units={"5001"})
    codes = [e.code for e in plan.plan.events if isinstance(e, ProjectOpened) and e.group != "K"]
    assert codes == ["5000"]
    assert any("5001 is another unit's" in s.why for s in plan.statuses if s.status == "listed")


@pytest.fixture(scope="module")
def seinajoki():
    from ledger.books.blocks import read_blocks
    from ledger.books.book import interpret

    book = seinajoki_pdf.book()  # as read_book reads a PDF, the reading shared by the run
    statement = interpret(book.text, source=PDF.name, digest=hashlib.sha256(PDF.read_bytes()).hexdigest(),
                          places=book.places)
    statement.text_lines = book.lines
    blocks = read_blocks(statement.lines)
    reading = layout.read_layout(statement.text_lines, skip={c.line for c in blocks.cells})
    return reading, layoutplan.plan_layout(LedgerState(), reading, year=2024, root=("SEINAJOKI", "Seinäjoen kaupunki"),
                                           source=PDF.name, digest="0" * 64, author="testi", now=NOW, blocks=blocks)


def test_seinajokis_building_projects_are_opened_under_rakennukset(seinajoki):
    reading, plan = seinajoki
    index = next(i for i, t in enumerate(reading.tables) if t.page == 145)
    statuses = [s for s in plan.statuses if s.table == index]
    assert {st: sum(s.status == st for s in statuses) for st in ("recorded", "checked", "listed")} == \
        {"recorded": 100, "checked": 144, "listed": 0}
    opened = {e.code: e for e in plan.plan.events if isinstance(e, ProjectOpened)}
    rakennukset = next(c for c, e in opened.items() if e.name == "Rakennukset")
    projects = {c: e for c, e in opened.items() if e.group == rakennukset}
    assert len(projects) == 52 and projects["5333"].name == "Tammikampus 2 muutostyöt"
    stated = {e.column: e for e in plan.plan.events if isinstance(e, BreakdownStated) and "projects" in e.id}
    assert sum(line.amount for line in stated["TA+MUUTOS"].lines) == -13_020_000_00  # Rakennukset's TA+muutos
    assert sum(line.amount for line in stated["TP"].lines) == -13_406_703_00  # the book's total: 13 406 704
    # the list's toteutuma is not the investointiosa's Rakennukset (13 413 704): shown, not reconciled
    (differs,) = [c for c in plan.lists[index].checks if not (c.ok or c.rounding)]
    assert (differs.stated, differs.computed) == (-13_413_704_00, -13_406_703_00)


def test_the_project_list_changes_nothing_the_investointiosa_records(seinajoki):
    reading, plan = seinajoki
    without = [t for t in reading.tables if t.page != 145]
    alone = layoutplan.plan_layout(LedgerState(), layout.LayoutReading(without, reading.listed), year=2024,
                                   root=("SEINAJOKI", "Seinäjoen kaupunki"), source=PDF.name, digest="0" * 64,
                                   author="testi", now=NOW)
    kept = [e for e in plan.plan.events if not (isinstance(e, BreakdownStated) and "projects" in e.id)
            and not (isinstance(e, ProjectOpened) and e.group != "SEINAJOKI")]
    assert kept == alone.plan.events


def test_a_profiles_code_for_a_row_is_the_projects_code():
    """What --write-profile writes for a project (its printed label under [codes]) given back, edited."""
    from ledger.books.plan import Profile

    plan = layoutplan.plan_layout(LedgerState(), _reading(LIST_ROWS), year=2025, root=("K", "Kunta"), source="k.pdf",
                                  digest="3" * 64, author="testi", now=NOW, profile=Profile(codes={"5000 Koulu": "KOULU"}))
    assert [e.code for e in plan.plan.events if isinstance(e, ProjectOpened) and e.group != "K"] == ["KOULU", "5001"]
    assert {p.label: p.code for p in plan.lists[1].projects.values()} == {"5000 Koulu": "KOULU", "5001 Päiväkoti": "5001"}


COSTS_HEADER = [[("Rakennusten", 10.0, 50.0), ("Kustannus-", 62.0, 98.0), ("Aiemmin", 122.0, 150.0),
                 ("Talous-", 182.0, 210.0), ("Toteutuma", 242.0, 275.0), ("Kustannukset", 300.0, 338.0),
                 ("Jäljellä", 368.0, 398.0), ("TS", 445.0, 455.0), ("TS", 505.0, 515.0)],
                [("toteutuminen", 10.0, 50.0), ("arvio", 70.0, 95.0), ("käytetty", 122.0, 155.0),
                 ("arvio 2025", 182.0, 215.0), ("2025", 255.0, 275.0), ("yhteensä", 302.0, 338.0),
                 ("2026", 440.0, 458.0), ("2027", 500.0, 518.0)]]


def _costs(label: str, *values: str | None) -> list[tuple[str, float, float]]:
    edges = (100.0, 160.0, 220.0, 280.0, 340.0, 400.0, 460.0, 520.0)
    return [(label, 10.0, 50.0)] + [(v, e - 5.0 * len(v), e) for v, e in zip(values, edges) if v is not None]


COSTS_ROWS = [_costs("5000 Koulu", "3 000", "1 000", "600", "640", "1 640", "1 360", "800", "560"),
              _costs("5001 Päiväkoti", "1 000", "200", "500", "410", "610", "390", "390", "0"),
              _costs("Menot yhteensä", "4 000", "1 200", "1 100", "1 050", "2 250", "1 750", "1 190", "560")]


def test_a_lists_kustannusarvio_plan_years_and_what_remains_are_taken_from_its_columns():
    lines = INVEST_HEADER + INVEST_ROWS + COSTS_HEADER + COSTS_ROWS
    reading = layout.read_layout([_line(i, *cells) for i, cells in enumerate(lines, 1)])
    assert reading.tables[1].roles == ["ESTIMATE", "PRIOR", "TA", "TOTEUMA", "CUMULATIVE", "REMAINING", "TS 2026",
                                       "TS 2027"]
    plan = _plan(reading)
    projects = {e.code: e for e in plan.plan.events if isinstance(e, ProjectOpened) and e.group != "K"}
    assert {c: (p.cost_estimate, p.first_year, p.last_year) for c, p in projects.items()} == {
        "5000": (3_000_00, 2025, 2027), "5001": (1_000_00, 2025, 2026)}  # 5001 has no money in 2027
    assert "jäljellä 1 360 €" in projects["5000"].note and "TS 2026 800 €" in projects["5000"].note
    assert "kustannusarvio listan sarakkeesta" in projects["5000"].note
    taken = [r.said("en") for r in plan.lists[1].taken]
    assert taken[0].startswith("kustannusarvio: the column Kustannusarvio")
    assert "TS 2026, TS 2027" in taken[1] and "Jäljellä" in taken[2]
    first = reading.tables[1].rows[0].line
    statuses = {s.role: s.status for s in plan.statuses if s.table == 1 and s.line == first}
    assert statuses["ESTIMATE"] == statuses["TA"] == "recorded" and statuses["REMAINING"] == "listed"
    # the list's own total is checked in every column it sums, the kustannusarvio's too
    assert all(c.ok for c in plan.lists[1].checks)
    assert any(c.what.endswith(" ESTIMATE") for c in plan.lists[1].checks)


def test_a_project_without_a_kustannusarvio_is_no_finding_and_shows_none(tmp_path, english):
    from test_cli import kirjuri

    db = tmp_path / "l.sqlite"
    ledger = Kirjuri(Target(sqlite_path=db), create=True, author="testi")
    try:
        ledger.submit(*_plan(_reading(LIST_ROWS), ledger.state).plan.events)
        view = inv.project_view(ledger.state, "5000")
        assert view.cost_estimate == 0 and view.over is None and view.finding is None
    finally:
        ledger.close()
    shown = kirjuri(str(db), "project", "show", "5000")
    assert shown.exit_code == 0 and "cost estimate –," in shown.output
