"""A budget book's investointiosa printed as a project list (Kustannusarvio | Käytetty aiemmin | TA 2025 | TS 2026 |
TS 2027 | Myöhemmin, projects under group headings with `… yhteensä`): each project's TA and plan years recorded as
its group's breakdown, its kustannusarvio as its cost estimate; a total that does not hold leaves the list listed,
a kustannusarvio its parts contradict is listed, never corrected."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from test_columns import NOW, _line

from events.model import BreakdownStated, ProjectOpened
from ledger.app import Kirjuri
from ledger.books import layout, layoutplan
from ledger.fold.state import LedgerState
from ledger.store.log import Target

EDGES = (100.0, 160.0, 220.0, 280.0, 340.0, 400.0)
FULL = ("Kustannus-|arvio", "Käytetty|aiemmin", "TA|2025", "TS|2026", "TS|2027", "Myöhemmin|")


def _amounts(label: str, *values: str | None) -> list[tuple[str, float, float]]:
    return [(label, 10.0, 50.0)] + [(v, e - 5.0 * len(v), e) for v, e in zip(values, EDGES) if v is not None]


def _header(columns: tuple[str, ...]) -> list[list[tuple[str, float, float]]]:
    """Two header lines, each column's words over its edge (`TA` above `2025`, or `TA` alone)."""
    top, below = [("INVESTOINTIOSA", 10.0, 50.0)], []
    for words, edge in zip(columns, EDGES):
        first, _bar, second = words.partition("|")
        top.append((first, edge - 5.0 * len(first), edge))
        if second:
            below.append((second, edge - 5.0 * len(second), edge))
    return [top, below]


def _reading(rows: list, columns: tuple[str, ...] = FULL) -> layout.LayoutReading:
    lines = _header(columns) + rows
    return layout.read_layout([_line(i, *cells) for i, cells in enumerate(lines, 1)])


def _plan(reading: layout.LayoutReading, state: LedgerState | None = None) -> layoutplan.LayoutPlan:
    return layoutplan.plan_layout(state or LedgerState(), reading, year=2025, root=("K", "Kunta"), source="ta.pdf",
                                  digest="5" * 64, author="testi", now=NOW)


SCHOOLS = [[("Koulut", 10.0, 40.0)], _amounts("5000 Alakylän koulu", "1 000", "200", "500", "300", "0", "0"),
           _amounts("5001 Päiväkoti", "400", "0", "100", "200", "50", "50"),
           _amounts("Koulut yhteensä", "1 400", "200", "600", "500", "50", "50")]
STREETS = [[("Kadut", 10.0, 40.0)], _amounts("6000 Asemakatu", "300", "100", "200", "0", "0", "0"),
           _amounts("Kadut yhteensä", "300", "100", "200", "0", "0", "0")]


def _events(plan: layoutplan.LayoutPlan) -> tuple[dict, dict]:
    opened = {e.code: e for e in plan.plan.events if isinstance(e, ProjectOpened)}
    stated = {(e.column, e.year): {line.unit: line.amount for line in e.lines}
              for e in plan.plan.events if isinstance(e, BreakdownStated)}
    return opened, stated


def test_a_budget_list_records_each_projects_ta_plan_years_and_estimate_under_its_group():
    reading = _reading(SCHOOLS + STREETS)
    assert reading.tables[0].roles == ["ESTIMATE", "PRIOR", "TA", "TS 2026", "TS 2027", "LATER"]
    plan = _plan(reading)
    opened, stated = _events(plan)
    groups = {e.name: e for e in opened.values() if e.group == "K"}
    assert set(groups) == {"Koulut", "Kadut"}
    assert opened["5000"].group == opened["5001"].group == groups["Koulut"].code
    assert opened["6000"].group == groups["Kadut"].code
    assert (opened["5000"].cost_estimate, opened["5001"].cost_estimate) == (1_000_00, 400_00)
    assert (opened["5000"].last_year, opened["5001"].last_year, opened["6000"].last_year) == (2026, 2027, 2025)
    # a group's kustannusarvio is its total's, as the list prints it
    assert groups["Koulut"].cost_estimate == 1_400_00
    assert "myöhemmin 50 €" in opened["5001"].note and "edellisten vuosien käyttö 200 €" in opened["5000"].note
    assert stated[("TA", 2025)] == {"5000": -500_00, "5001": -100_00, "6000": -200_00}
    assert stated[("TS", 2026)] == {"5000": -300_00, "5001": -200_00, "6000": 0}
    assert stated[("TS", 2027)]["5001"] == -50_00
    statuses = {(s.line, s.role): s.status for s in plan.statuses}
    assert statuses[(4, "TA")] == statuses[(4, "TS 2026")] == statuses[(4, "ESTIMATE")] == "recorded"
    assert statuses[(4, "PRIOR")] == statuses[(4, "LATER")] == "checked"
    assert {s.status for s in plan.statuses} <= {"recorded", "checked"}


def test_a_ta_column_without_its_year_and_a_list_without_ts_are_read():
    no_year = _reading(SCHOOLS, ("Kustannus-|arvio", "Käytetty|aiemmin", "TA|", "TS|2026", "TS|2027", "Myöhemmin|"))
    assert no_year.tables[0].confirmed and no_year.tables[0].roles[2:5] == ["TA", "TS 2026", "TS 2027"]
    assert _events(_plan(no_year))[1][("TS", 2027)]["5001"] == -50_00
    rows = [[("Koulut", 10.0, 40.0)], _amounts("5000 Koulu", "1 000", "200", "800"),
            _amounts("5001 Päiväkoti", "400", "0", "100"), _amounts("Koulut yhteensä", "1 400", "200", "900")]
    plan = _plan(_reading(rows, ("Kustannus-|arvio", "Ennen|2025", "TA|2025")))
    opened, stated = _events(plan)
    assert stated == {("TA", 2025): {"5000": -800_00, "5001": -100_00}} and opened["5000"].cost_estimate == 1_000_00
    assert {s.status for s in plan.statuses} <= {"recorded", "checked"}


def test_a_kustannusarvio_its_parts_contradict_is_listed_never_corrected():
    rows = [[("Koulut", 10.0, 40.0)], _amounts("5000 Koulu", "1 100", "200", "500", "300", "0", "0"),
            _amounts("5001 Päiväkoti", "400", "0", "100", "200", "50", "50"),
            _amounts("Koulut yhteensä", "1 500", "200", "600", "500", "50", "50")]
    plan = _plan(_reading(rows))
    opened, stated = _events(plan)
    assert opened["5000"].cost_estimate == 0 and opened["5001"].cost_estimate == 400_00
    assert stated[("TA", 2025)]["5000"] == -500_00
    status = next(s for s in plan.statuses if s.line == 4 and s.role == "ESTIMATE")
    assert status.status == "listed" and "kustannusarvio" in str(status.why)


def test_a_group_total_that_does_not_hold_leaves_the_list_listed():
    rows = SCHOOLS[:-1] + [_amounts("Koulut yhteensä", "1 400", "200", "700", "400", "50", "50")]
    plan = _plan(_reading(rows))
    assert not [e for e in plan.plan.events if isinstance(e, (ProjectOpened, BreakdownStated))]
    assert all(s.status != "recorded" for s in plan.statuses)
    assert any("total" in str(s.why) for s in plan.statuses if s.status == "listed")


def test_a_budget_lists_events_are_taken_by_the_ledger(tmp_path):
    ledger = Kirjuri(Target(sqlite_path=tmp_path / "l.sqlite"), create=True, author="testi")
    try:
        reading = _reading(SCHOOLS + STREETS)
        ledger.submit(*_plan(reading, ledger.state).plan.events)
        assert ledger.state.project("5001")["cost_estimate"] == 400_00
        assert _plan(reading, ledger.state).plan.events == []
    finally:
        ledger.close()


#: a project's PRIOR, TA, TS 2026, TS 2027, LATER (figures of three digits or more: a column of one-digit figures by the
#: labels is a column of codes to the layout reader)
_PROJECT = st.tuples(*[st.integers(100, 50_000)] * 5)


@settings(max_examples=25, deadline=None)
@given(st.lists(_PROJECT, min_size=2, max_size=4), st.integers(0, 4), st.integers(-3, 3))
def test_random_lists_with_consistent_totals_are_recorded_exactly_and_a_wrong_total_is_listed(projects, at, off):
    """Each project's cells (PRIOR, TA, TS 2026, TS 2027, LATER, the estimate their sum) under one group: the
    TA and TS recorded exactly as printed; a total off by ``off`` hundred euros in one column records nothing."""
    def cell(v: int) -> str:
        return f"{v:,}".replace(",", " ")
    rows = [[("Ryhmä", 10.0, 40.0)]]
    for n, project in enumerate(projects):
        rows.append(_amounts(f"{7000 + n} Hanke", cell(sum(project)), *(cell(v) for v in project)))
    totals = [sum(p[k] for p in projects) for k in range(5)]
    totals[at] += 100 * off if totals[at] + 100 * off >= 0 else -100 * off
    rows.append(_amounts("Ryhmä yhteensä", cell(sum(totals)), *(cell(t) for t in totals)))
    plan = _plan(_reading(rows))
    _opened, stated = _events(plan)
    if totals[at] == sum(p[at] for p in projects):
        assert stated[("TA", 2025)] == {f"{7000 + n}": -p[1] * 100 for n, p in enumerate(projects)}
        assert stated[("TS", 2027)] == {f"{7000 + n}": -p[3] * 100 for n, p in enumerate(projects)}
    else:
        assert stated == {} and all(s.status != "recorded" for s in plan.statuses)


def _budget_book(path) -> None:
    """A budget book's investointiosa as a town's office suite prints it: TA of no year beside TS years."""
    from test_books_layouts import PDF_EDGES, _pdf

    header = [["Kustannus-", "Käytetty", "TA", "TS 2026", "TS 2027", "Myöhemmin"], ["arvio", "aiemmin", None, None, None,
                                                                                     None]]
    rows = [("Koulut", []), ("5000 Alakylän koulu", ["1 000 000", "200 000", "500 000", "300 000", "0", "0"]),
            ("5001 Päiväkoti", ["400 000", "0", "100 000", "200 000", "50 000", "50 000"]),
            ("Koulut yhteensä", ["1 400 000", "200 000", "600 000", "500 000", "50 000", "50 000"])]
    lines = [[("Esimerkkilän kunta", 40.0, "l")], [("TALOUSARVIO 2025", 40.0, "l")], [],
             [("INVESTOINTIOSA", 40.0, "l")]]
    lines += [[(w, e, "r") for w, e in zip(words, PDF_EDGES) if w] for words in header]
    lines += [[(label, 40.0, "l")] + [(v, e, "r") for v, e in zip(values, PDF_EDGES)] for label, values in rows]
    _pdf(path, lines)


def test_kirjuri_import_reads_a_budget_books_project_list_from_its_pdf(tmp_path, english):
    from test_cli import kirjuri

    book = tmp_path / "esimerkkila-ta-2025.pdf"
    _budget_book(book)
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    first = kirjuri(db, "import", str(book), "--year", "2025", "--apply")
    assert first.exit_code == 0, first.output
    said = " ".join(first.output.split())
    assert "ESTIMATE / PRIOR / TA / TS 2026 / TS 2027 / LATER" in said and "0 listed" in said
    shown = " ".join(kirjuri(db, "project", "show", "5001").output.split())
    assert "Päiväkoti" in shown and "400 000" in shown
    again = kirjuri(db, "import", str(book), "--year", "2025", "--apply")
    assert again.exit_code == 0 and "to record: 0 events" in again.output


def test_a_budget_list_from_text_alone_is_listed_with_why_never_recorded():
    """From extracted text the digit groups of six money columns are not split by any arithmetic the text
    reader knows yet: every line is listed with why, nothing recorded."""
    text = ["TALOUSARVIO 2025", "INVESTOINTIOSA",
            "Hanke Kustannusarvio Käytetty aiemmin TA 2025 TS 2026 TS 2027 Myöhemmin", "Koulut",
            "5000 Alakylän koulu 1 000 000 200 000 500 000 300 000 0 0",
            "5001 Päiväkoti 400 000 0 100 000 200 000 100 000 0",
            "Koulut yhteensä 1 400 000 200 000 600 000 500 000 100 000 0"]
    reading = layout.read_text_layout(text)
    assert [t.roles[-3:] for t in reading.tables] == [["TS 2026", "TS 2027", "LATER"]]
    assert {item.line for item in reading.listed} == {5, 6, 7}
    plan = _plan(reading)
    assert plan.plan.events == [] and all(s.status != "recorded" for s in plan.statuses)
