"""A talousarvio book's tables by toimielin (`NUORISOLAUTAKUNTA | TP 2022 | TA 2023 | Kehys 2024 | TA 2024`): the
book's year is its TA column's that no TP column reaches, the earlier years' and the frame's figures are never the
year's, the unit is the one the header's first cell (or a heading above) names, expenses are read signed per table,
and only the year's TA is recorded, on its unit, where the table's Toimintakate confirms it."""

from __future__ import annotations

from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_books_layouts import NOW, ROOT, _pdf

from ledger.books import layout, layoutplan
from ledger.books.pdf import Cell, TextLine
from ledger.fold.state import LedgerState

EDGES = (260.0, 330.0, 400.0, 470.0, 540.0)
SIZE = 9.0


def _money(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _page(items: list[tuple]) -> list[TextLine]:
    """One page's lines: ("heading", text), ("header", first cell, column words), ("row", label, figures)."""
    out, y = [], 40.0
    for item in items:
        if item[0] == "header":
            cells = [Cell(item[1], 60.0, 60.0 + 5.0 * len(item[1]), SIZE)] if item[1] else []
            cells += [Cell(w, e - 4.5 * len(w), e, SIZE) for w, e in zip(item[2], EDGES)]
        elif item[0] == "row":
            cells = [Cell(item[1], 60.0, 150.0, SIZE)] + [Cell(v, e - 4.5 * len(v), e, SIZE)
                                                          for v, e in zip(item[2], EDGES) if v]
        else:
            cells = [Cell(item[1], 54.0, 54.0 + 6.0 * len(item[1]), 13.0)]
        out.append(TextLine(1, len(out) + 1, y, tuple(cells)))
        y += 2.5 * SIZE
    return out


def _table(first: str, columns: list[str], years: list[tuple[int, int]], positive: bool = False,
           kate: int = 0) -> list[tuple]:
    """A toimielin's table: per column its (Toimintatuotot, Toimintakulut) as a cost (> 0), Toimintakate their
    sum (``kate`` added to it: a misprint); the costs printed positive or negative."""
    sign = 1 if positive else -1
    rows = [("row", "Toimintatuotot", [_money(t) for t, _k in years]),
            ("row", "Toimintakulut", [_money(sign * k) for _t, k in years]),
            ("row", "Toimintakate", [_money(t - k + kate) for t, k in years])]
    return [("header", first, columns), *rows]


NUORISO = [(1_200, 9_800), (1_000, 10_000), (900, 10_500), (950, 10_400)]
KULTTUURI = [(5_000, 30_000), (5_200, 31_000), (5_100, 32_000), (5_300, 32_500)]


def _book(headings: bool = False) -> list[TextLine]:
    """Two toimielimet, each named in its header's first cell (or, ``headings``, by a heading above its table):
    one with a frame column (Kehys), the other with a plan year instead and its costs printed positive."""
    def named(name: str, columns: list[str], years, positive: bool = False) -> list[tuple]:
        if headings:
            return [("heading", name.capitalize()), *_table("", columns, years, positive=positive)]
        return _table(name, columns, years, positive=positive)
    return _page([*named("NUORISOLAUTAKUNTA", ["TP 2022", "TA 2023", "Kehys 2024", "TA 2024"], NUORISO),
                  *named("KULTTUURILAUTAKUNTA", ["TP 2022", "TA 2023", "TA 2024", "TS 2025"], KULTTUURI, True)])


def _plan(lines: list[TextLine], year: int | None = None):
    reading = layout.read_layout(lines)
    year = year or layout.budget_year(reading)
    return reading, year, layoutplan.plan_layout(LedgerState(), reading, year=year, root=ROOT,
                                                 source="kunta-ta-2024.pdf", digest="4" * 64, author="testi", now=NOW)


def _adopted(plan) -> dict[tuple[str, str], int]:
    return {(line.unit, line.account): line.amount for e in plan.plan.events if type(e).__name__ == "TaAdopted"
            for line in e.lines}


def _registered(plan) -> dict[str, tuple[str, str | None]]:
    return {e.code: (e.name, e.parent) for e in plan.plan.events if type(e).__name__ == "UnitRegistered"}


def test_the_years_ta_is_recorded_on_the_unit_each_table_names_and_nothing_else():
    """The book's year is 2024 (TA 2024 beside TP 2022 and TA 2023); each toimielin registered as printed (an
    all-caps name in the header's first cell, or the heading above its table); its TA 2024 recorded in the
    ledger's sign (costs negative, printed positive in the second table); the earlier years', the frame's and
    the plan year's cells never recorded; each Toimintakate checked."""
    for headings in (False, True):
        _the_years_ta_recorded(headings)


def _the_years_ta_recorded(headings: bool) -> None:
    reading, year, plan = _plan(_book(headings))
    assert year == 2024 and all(t.confirmed for t in reading.tables)
    assert [t.expenses_positive for t in reading.tables] == [False, True]
    names = ("Nuorisolautakunta", "Kulttuurilautakunta") if headings else ("NUORISOLAUTAKUNTA", "KULTTUURILAUTAKUNTA")
    assert _registered(plan) == {"KUNTA": ("Esimerkin kunta", None),
                                 "NUORISOLAUTAKUNTA": (names[0], "KUNTA"),
                                 "KULTTUURILAUTAKUNTA": (names[1], "KUNTA")}
    assert _adopted(plan) == {("NUORISOLAUTAKUNTA", "TOIMINTATUOTOT"): 95_000,
                              ("NUORISOLAUTAKUNTA", "TOIMINTAKULUT"): -1_040_000,
                              ("KULTTUURILAUTAKUNTA", "TOIMINTATUOTOT"): 510_000,
                              ("KULTTUURILAUTAKUNTA", "TOIMINTAKULUT"): -3_200_000}
    recorded = {(s.line, s.role) for s in plan.statuses if s.status == "recorded"}
    assert {role for _line, role in recorded} == {"TA"}
    kate = {s.status for t in reading.tables for r in t.rows if r.label == "Toimintakate" for s in plan.statuses
            if s.line == r.line and s.role == "TA"}
    assert kate == {"checked"}
    frame = {s.why for s in plan.statuses if s.role == layout.PROPOSAL}
    assert frame == {layoutplan.Reason("plan.proposal")}
    assert len(plan.statuses) == 4 * 3 * 2


def test_a_table_whose_toimintakate_does_not_hold_is_listed_whole():
    """A misprinted Toimintakate in the TA column: the table is not read (which figure is wrong nothing tells),
    every row listed with why, nothing of it recorded; the other table still is."""
    lines = _page([*_table("NUORISOLAUTAKUNTA", ["TP 2022", "TA 2023", "TA 2024"], NUORISO[:3], kate=10),
                   *_table("KULTTUURILAUTAKUNTA", ["TP 2022", "TA 2023", "TA 2024"], KULTTUURI[:3])])
    reading, _year, plan = _plan(lines)
    assert [t.confirmed for t in reading.tables] == [False, True]
    assert reading.tables[0].why == layoutplan.Reason("layout.budget_unchecked")
    assert {unit for unit, _account in _adopted(plan)} == {"KULTTUURILAUTAKUNTA"}
    assert {s.status for s in plan.statuses if s.table == 0} == {"listed"}


def test_a_year_given_wins_over_the_one_the_columns_suggest():
    """`--year 2023` (the year the reader is given): TA 2023 is that year's TA, TA 2024 another year's."""
    lines = _page(_table("NUORISOLAUTAKUNTA", ["TP 2022", "TA 2023", "TA 2024"], NUORISO[:3]))
    reading = layout.read_layout(lines, year=2023)
    plan = layoutplan.plan_layout(LedgerState(), reading, year=2023, root=ROOT, source="kunta-ta.pdf",
                                  digest="4" * 64, author="testi", now=NOW)
    assert reading.tables[0].roles == ["OTHER-YEAR", "TA", "OTHER-YEAR 2"]
    assert _adopted(plan) == {("NUORISOLAUTAKUNTA", "TOIMINTATUOTOT"): 100_000,
                              ("NUORISOLAUTAKUNTA", "TOIMINTAKULUT"): -1_000_000}


def test_a_label_its_cell_cut_short_names_its_account_where_the_toimintakate_confirms_it():
    """`Valmistus omaan käyttöö` (the cell cut the last letter) is Valmistus omaan käyttöön, `Rahoitustuotot ja
    kulut yh` the derived line: the Toimintakate holds with it, so its TA is recorded; a short label cut is no
    name (too likely another's start)."""
    lines = _page([("header", "YMPÄRISTÖLAUTAKUNTA", ["TP 2023", "TA 2024", "TA 2025"]),
                   ("row", "Toimintatuotot", ["100", "120", "130"]),
                   ("row", "Valmistus omaan käyttöö", ["5", "6", "7"]),
                   ("row", "Toimintakulut", ["-400", "-420", "-440"]),
                   ("row", "Toimintakate", ["-295", "-294", "-303"])])
    reading, _year, plan = _plan(lines)
    assert reading.tables[0].confirmed
    assert _adopted(plan)[("YMPARISTOLAUTAKUNTA", "Valmistus omaan käyttöön")] == 700
    assert layout._account_of("Rahoitustuotot ja kulut yh") == "RAHOITUSTUOTOT JA -KULUT"
    assert layout._account_of("Verotul") is None


def test_other_towns_words_for_the_years_and_the_proposal_are_read_alike():
    """`Tilinpäätös 2023 | Talousarvio 2024 | Kunnanjohtajan ehdotus 2025 | Talousarvio 2025 | Muutos %`: the year
    2025, the proposal listed, the change percent listed, the TA 2025 recorded."""
    lines = _page([("header", "VAPAA-AIKALAUTAKUNTA", ["Tilinpäätös 2023", "Talousarvio 2024",
                                                        "Kunnanjohtajan ehdotus 2025", "Talousarvio 2025", "Muutos %"]),
                   ("row", "Toimintatuotot", ["700", "720", "730", "740", "2,8"]),
                   ("row", "Toimintakulut", ["-2 000", "-2 100", "-2 150", "-2 140", "1,9"]),
                   ("row", "Toimintakate", ["-1 300", "-1 380", "-1 420", "-1 400", "1,4"])])
    reading, year, plan = _plan(lines)
    assert year == 2025 and reading.tables[0].roles == ["OTHER-YEAR", "OTHER-YEAR 2", layout.PROPOSAL, "TA", "CHANGE-%"]
    assert _adopted(plan) == {("VAPAA-AIKALAUTAKUNTA", "TOIMINTATUOTOT"): 74_000,
                              ("VAPAA-AIKALAUTAKUNTA", "TOIMINTAKULUT"): -214_000}
    assert {s.status for s in plan.statuses if s.role in (layout.PROPOSAL, "CHANGE-%")} == {"listed"}


def test_a_tilinpaatos_with_a_toteutuma_column_is_no_talousarvio_table():
    """`TA 2024 | TP 2024` prints the year's outcome: not a talousarvio table, and its TA is the year's (no TP
    column reaches past it): ``budget_year`` names no year from it."""
    lines = _page([("header", "", ["TA 2024", "TP 2024", "Poikkeama"]),
                   ("row", "Toimintatuotot", ["100", "120", "20"]), ("row", "Toimintakulut", ["-500", "-490", "10"]),
                   ("row", "Toimintakate", ["-400", "-370", "30"])])
    reading = layout.read_layout(lines)
    assert not layout.is_budget_book(reading.tables[0]) and layout.budget_year(reading) is None


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(figures=st.lists(st.tuples(st.integers(0, 90_000), st.integers(1, 900_000)), min_size=3, max_size=3),
       positive=st.booleans())
def test_the_recorded_ta_is_the_printed_ta_in_the_ledgers_sign_however_costs_are_printed(figures, positive):
    """Whatever the figures and however a table prints its costs, the TaAdopted lines are its TA column's,
    costs negative; no other column's figure is recorded."""
    lines = _page(_table("RAKENNUSLAUTAKUNTA", ["TP 2023", "TA 2024", "TA 2025"], figures, positive=positive))
    _reading, year, plan = _plan(lines)
    assert year == 2025
    tulot, kulut = figures[2]
    assert _adopted(plan) == {("RAKENNUSLAUTAKUNTA", "TOIMINTATUOTOT"): tulot * 100,
                              ("RAKENNUSLAUTAKUNTA", "TOIMINTAKULUT"): -kulut * 100}


def _book_pdf(path) -> None:
    """The first test's book as a PDF: words placed by their right edges, each header cell `TA 2024` one word."""
    lines: list[list[tuple[str, float, str]]] = [[("Esimerkkilän kunta, talousarvio", 40.0, "l")], []]
    for item in _book():
        if item.cells and item.cells[0].x0 == 54.0:
            lines += [[], [(item.text, 40.0, "l")], []]
            continue
        lines.append([(c.raw, 40.0 if c.x0 == 60.0 else c.x1, "l" if c.x0 == 60.0 else "r") for c in item.cells])
    _pdf(path, lines)


def test_kirjuri_import_of_a_talousarvio_pdf_records_each_toimielins_ta(tmp_path, english):
    """From a PDF through `kirjuri import --apply`, no --year and no profile: the year read as 2024 and each
    toimielin's TA 2024 in its talousarvio report, the earlier years' figures nowhere."""
    from test_cli import kirjuri

    book, db = tmp_path / "esimerkkila-ta.pdf", str(tmp_path / "l.sqlite")
    _book_pdf(book)
    assert kirjuri(db, "init").exit_code == 0
    result = kirjuri(db, "import", str(book), "--apply")
    assert result.exit_code == 0, result.output
    assert "year 2024" in result.output
    report = " ".join(kirjuri(db, "report", "toteutumisvertailu", "KULTTUURILAUTAKUNTA", "--year", "2024")
                      .output.replace("\xa0", " ").split())
    assert "-32 000" in report and "5 100" in report and "-31 000" not in report


def _framed(first: str, years: list[tuple[int, int]], sign: int) -> list[tuple]:
    """A toimielin's table with its TA's difference to the frame (`Ero kehykseen`) printed as ``sign`` ×
    (TA − Kehys): books print it either way."""
    rows = _table(first, ["TP 2022", "TA 2023", "Kehys 2024", "TA 2024", "Ero kehykseen"], years)
    out = [rows[0]]
    for kind, label, cells in rows[1:]:
        diff = sign * (_int(cells[3]) - _int(cells[2]))
        out.append((kind, label, [*cells, _money(diff)]))
    return out


def _int(money: str) -> int:
    return int(money.replace(" ", ""))


def test_the_check_of_a_frame_difference_says_which_way_the_table_prints_it():
    """One table prints TA − Kehys, the next Kehys − TA: each row's difference is checked the way its own table
    prints it, and the check's name says that way, not one way for both."""
    reading, _year, _plan_ = _plan(_page([*_framed("NUORISOLAUTAKUNTA", NUORISO, 1),
                                          *_framed("KULTTUURILAUTAKUNTA", KULTTUURI, -1)]))
    said = [{c.what.split(" = ")[1].rsplit(" ", 1)[0] for c in t.checks if layout.PROPOSAL_DIFF in c.what}
            for t in reading.tables]
    assert said == [{f"TA − {layout.PROPOSAL}"}, {f"{layout.PROPOSAL} − TA"}]
    assert all(c.ok for t in reading.tables for c in t.checks)


def _whole(title: str, tail: list[tuple[str, list[int]]]) -> list[TextLine]:
    """A city's table under ``title``: its operating rows (costs printed positive), then ``tail``'s rows."""
    years = [(9_100, 40_300), (9_500, 41_000), (9_600, 42_200), (9_800, 42_000)]
    rows = [("row", "Toimintatuotot", [_money(t) for t, _k in years]),
            ("row", "Toimintakulut", [_money(k) for _t, k in years]),
            ("row", "Toimintakate", [_money(t - k) for t, k in years])]
    rows += [("row", label, [_money(v) for v in values]) for label, values in tail]
    return _page([("heading", title), ("header", "", ["TP 2022", "TA 2023", "Kehys 2024", "TA 2024"]), *rows])


def test_a_table_going_on_to_taxes_and_vuosikate_is_the_citys_income_statement_whatever_its_title():
    """`Koko kunta` over Toimintatuotot … Toimintakate, Verotulot, Valtionosuudet, Vuosikate: only the city has
    tax revenue and a vuosikate, so its operating rows are the city's käyttötalous by account (recorded as the
    breakdown of its units' money); the same rows over one tax line only say whose money they are no more
    than before: listed."""
    taxes = [("Verotulot", [20_000, 21_000, 21_500, 22_000]), ("Valtionosuudet", [15_000, 15_500, 15_900, 16_000])]
    kate = [9_100 - 40_300, 9_500 - 41_000, 9_600 - 42_200, 9_800 - 42_000]
    vuosikate = ("Vuosikate", [k + a + b for k, a, b in zip(kate, taxes[0][1], taxes[1][1])])
    _reading, _year, plan = _plan(_whole("Koko kunta", [*taxes, vuosikate]))
    operating = {s.line: (s.status, s.why) for s in plan.statuses if s.role == "TA" and s.line in (3, 4)}
    assert {status for status, _why in operating.values()} == {"recorded"} and len(operating) == 2
    assert all("käyttötalous by account" in str(why) for _status, why in operating.values())
    _reading, _year, plan = _plan(_whole("Koko kunta", taxes[:1]))
    assert {s.status for s in plan.statuses if s.role == "TA" and s.line in (3, 4)} == {"listed"}
