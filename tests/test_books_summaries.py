"""The summaries and the investment realisation table as other books print them: a summary of the
käyttötalous by lautakunta (`Toimintakulut | Talousarvio 2025 | Toteutuma 2025 | Toteutuma-%`, the city's
row with its units'), its year-on-year twin (`TP 2025 | TP 2024 | Muutos € | Muutos %`), an income statement with the
previous year and the change beside the year's columns, and an investment table printing each project's
menot and tulot on one line (`Alkuper. määräraha | Alkuper. tuloarvio | Tarkistettu määräraha | …`), sparse,
under lautakunta headings with their totals. Each cell recorded as printed, checked, or listed with why;
another year's figure never recorded as the year's; a total that does not hold leaves its rows listed."""

from __future__ import annotations

import datetime as dt

from ledger.books import investplan, layout, layoutplan, summary
from ledger.books.pdf import Cell, TextLine
from ledger.fold.state import LedgerState

NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.timezone.utc)
ROOT = ("LAMPI", "Lammen kunta")
#: the right edge of the n-th money column
EDGES = tuple(200.0 + 55.0 * j for j in range(8))


def _page(lines: list[tuple[str, list[str | None]]], header: list[tuple[str, list[str | None]]],
          title: str | None = None) -> list[TextLine]:
    """A page as the PDF reader gives it: a title, the header's lines (a word over the labels, then per column
    its words or None, right over the column) and the rows (a label, per column a cell right-aligned or None)."""
    out: list[list[Cell]] = [[Cell(title, 10.0, 150.0, 9.0)]] if title else []
    for first, words in header:
        cells = [Cell(first, 10.0, 10.0 + 5.0 * len(first), 9.0)] if first else []
        out.append(cells + [Cell(w, e - 5.0 * len(w), e, 9.0) for w, e in zip(words, EDGES) if w])
    for label, values in lines:
        cells = [Cell(label, 10.0, 10.0 + 4.0 * len(label), 9.0)] if label else []
        for v, e in zip(values, EDGES):
            if v is not None:
                cells.append(Cell(v, e - 5.0 * len(v), e, 9.0))
        out.append(cells)
    return [TextLine(1, n, 12.0 * n, tuple(cells)) for n, cells in enumerate(out, 1)]


def _plan(lines: list[TextLine], year: int = 2025) -> tuple[layout.LayoutReading, layoutplan.LayoutPlan]:
    reading = layout.read_layout(lines, year=year)
    return reading, layoutplan.plan_layout(LedgerState(), reading, year=year, root=ROOT, source="lampi-tp.pdf",
                                           digest="5" * 64, author="testi", now=NOW)


def _by_line(plan: layoutplan.LayoutPlan) -> dict[tuple[int, str], list[layoutplan.Status]]:
    out: dict[tuple[int, str], list[layoutplan.Status]] = {}
    for s in plan.statuses:
        out.setdefault((s.line, s.role), []).append(s)
    return out


def _lines(plan: layoutplan.LayoutPlan) -> dict[tuple[str, str, str], int]:
    """(event kind, unit or group, account) -> the ledger cents the plan records."""
    return {(type(e).__name__, line.unit, line.account): line.amount
            for e in plan.plan.events for line in getattr(e, "lines", ())}


# --- a summary of the käyttötalous by lautakunta ----------------------------------------------------------

UNITS = [("Sivistyslautakunta", -2_400_500, -2_380_100), ("Perusturvalautakunta", -5_100_000, -5_250_800),
         ("Ympäristölautakunta", -310_000, -298_700)]


def _pct(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}".replace(".", ",") + " %"


def _money(euros: int) -> str:
    sign, digits = ("-" if euros < 0 else ""), f"{abs(euros):,}".replace(",", " ")
    return sign + digits


def _summary(units=UNITS, city_last: bool = False, city_ta: int | None = None) -> list[TextLine]:
    ta, tp = sum(u[1] for u in units), sum(u[2] for u in units)
    city = ("Lammen kunta", [_money(city_ta if city_ta is not None else ta), _money(tp), _pct(tp, ta)])
    rows = [(name, [_money(a), _money(b), _pct(b, a)]) for name, a, b in units]
    return _page(rows + [city] if city_last else [city] + rows,
                 [("Toimintakulut", ["Talousarvio 2025", "Toteutuma 2025", "Toteutuma-%"])],
                 title="KÄYTTÖTALOUDEN TOTEUTUMINEN")


def test_a_summary_by_unit_reads_its_account_from_the_header_and_checks_the_city_row_against_the_units():
    reading, plan = _plan(_summary())
    (table,) = reading.tables
    assert table.roles == ["TA", "TOTEUMA", "PCT"] and table.confirmed
    assert summary.by_unit(table) == "TOIMINTAKULUT"
    city = table.rows[0]
    assert city.total and len(city.members) == 3
    assert all(c.ok for c in table.checks if c.line == city.line)
    assert not plan.plan.events  # a summary restates the units' statements: nothing recorded
    assert {s.status for s in plan.statuses} == {"checked"} and len(plan.statuses) == 12


def test_the_city_row_printed_last_is_the_total_too():
    reading, plan = _plan(_summary(city_last=True))
    (table,) = reading.tables
    assert table.confirmed and table.rows[-1].total and summary.by_unit(table) == "TOIMINTAKULUT"
    assert {s.status for s in plan.statuses} == {"checked"}


def test_a_city_row_that_is_not_its_units_sum_leaves_the_summary_listed_with_why():
    """The units' TA sums to 7 810 500, the city prints 7 800 000: nothing confirms which figure is wrong, so
    every row is listed, saying which column does not hold."""
    reading, plan = _plan(_summary(city_ta=-7_800_000))
    (table,) = reading.tables
    assert not table.confirmed
    assert all("is not the sum of its rows in TA" in r.failed for r in table.rows)
    assert {s.status for s in plan.statuses} == {"listed"} and not plan.plan.events


def test_a_table_naming_no_account_over_its_units_is_no_summary_by_unit():
    rows = [("Lammen kunta", ["-20", "-19", "95,0 %"]), ("Tekninen", ["-10", "-9", "90,0 %"]),
            ("Hallinto", ["-10", "-10", "100,0 %"])]
    reading, plan = _plan(_page(rows, [("Lautakunnat", ["Talousarvio", "Toteutuma", "Toteutuma-%"])]))
    (table,) = reading.tables
    assert summary.by_unit(table) is None
    assert not [e for e in plan.plan.events if getattr(e, "lines", ())]


# --- the year on year: TP 2025 | TP 2024 | Muutos € | Muutos % ---------------------------------------------


def test_a_year_on_year_summary_checks_the_change_and_never_records_the_previous_year():
    """The previous year's TP and the change: checked by TOTEUMA − OTHER-YEAR = YEAR-CHANGE (to the euro, two
    rounded figures), the percent of change of a negative expense as the book prints it (a fall of −2,0 %)."""
    rows = [("Lammen kunta", ["-7 929 600", "-8 091 000", "161 400", "-2,0 %"]),
            ("Sivistyslautakunta", ["-2 380 100", "-2 400 000", "19 900", "-0,8 %"]),
            ("Perusturvalautakunta", ["-5 250 800", "-5 391 000", "140 201", "-2,6 %"]),
            ("Ympäristölautakunta", ["-298 700", "-300 000", "1 300", "-0,4 %"])]
    header = [("", [None, None, "Muutos", "Muutos"]), ("Toimintakulut", ["TP 2025", "TP 2024", "€", "%"])]
    reading, plan = _plan(_page(rows, header))
    (table,) = reading.tables
    assert table.roles == ["TOTEUMA", "OTHER-YEAR", "YEAR-CHANGE", "CHANGE-%"] and table.confirmed
    assert summary.by_unit(table) == "TOIMINTAKULUT"
    statuses = _by_line(plan)
    for row in table.rows:
        assert statuses[(row.line, "OTHER-YEAR")][0].status == "checked"
        assert statuses[(row.line, "YEAR-CHANGE")][0].status == "checked"
        assert statuses[(row.line, "CHANGE-%")][0].status == "checked", row.label
    assert not plan.plan.events


def test_a_change_that_is_not_toteuma_less_the_previous_year_leaves_its_row_listed():
    rows = [("Lammen kunta", ["300", "280", "20", "7,1 %"]), ("Tekninen", ["200", "190", "10", "5,3 %"]),
            ("Hallinto", ["100", "90", "25", "11,1 %"]), ("Vapaa-aika", ["0", "0", "0", "0,0 %"])]
    header = [("", [None, None, "Muutos", "Muutos"]), ("Toimintatuotot", ["TP 2025", "TP 2024", "€", "%"])]
    reading, plan = _plan(_page(rows, header))
    (table,) = reading.tables
    hallinto = next(r for r in table.rows if r.label == "Hallinto")
    assert hallinto.failed and "not the printed change" in hallinto.failed
    assert {s.status for s in plan.statuses if s.line == hallinto.line} == {"listed"}


def test_an_income_statement_with_the_previous_year_and_the_change_records_the_years_columns_only():
    rows = [("Toimintatuotot", ["1 000 000", "1 100 000", "110,0 %", "1 050 000", "50 000", "4,8 %"]),
            ("Toimintakulut", ["-5 000 000", "-4 900 000", "98,0 %", "-5 100 000", "200 000", "-3,9 %"]),
            ("Toimintakate", ["-4 000 000", "-3 800 000", "95,0 %", "-4 050 000", "250 000", "-6,2 %"]),
            ("Verotulot", ["3 000 000", "3 100 000", "103,3 %", "2 950 000", "150 000", "5,1 %"])]
    header = [("", ["Talousarvio", None, None, None, "Muutos", "Muutos"]),
              ("", ["€", "Toteuma €", "Toteuma %", "TP 2024", "€", "%"])]
    reading, plan = _plan(_page(rows, header, title="TULOSLASKELMA"))
    (table,) = reading.tables
    assert table.roles == ["TA", "TOTEUMA", "PCT", "OTHER-YEAR", "YEAR-CHANGE", "CHANGE-%"] and table.confirmed
    recorded = _lines(plan)
    assert recorded[("TaAdopted", "LAMPI", "Verotulot")] == 3_000_000_00
    assert recorded[("TpRecorded", "LAMPI", "Verotulot")] == 3_100_000_00
    assert not {2_950_000_00, 150_000_00, 1_050_000_00} & {abs(v) for v in recorded.values()}
    assert {s.status for s in plan.statuses if s.role in ("OTHER-YEAR", "YEAR-CHANGE")} == {"checked"}


# --- investments by project, menot and tulot on one line --------------------------------------------------

INVEST_HEADER = [("", ["Alkuper.", "Alkuper.", "Tarkistettu", "Tarkistettu", "Toteuma", "Toteuma", "Menot", "Tulot"]),
                 ("Hanke", ["määräraha", "tuloarvio", "määräraha", "tuloarvio", "menot", "tulot", "Tot-%", "Tot-%"])]


def _investments(total_menot: str = "4 100 000", wrapped: bool = False) -> list[TextLine]:
    rows = [("Sivistyslautakunta", []),
            ("Koulun laajennus", ["3 000 000", "200 000", "3 400 000", "200 000", "3 350 000", "150 000", "98,5 %",
                                  "75,0 %"]),
            ("Kalusto", ["100 000", None, "100 000", None, "80 000", None, "80,0 %", None]),
            ("Sivistyslautakunta yhteensä", ["3 100 000", "200 000", "3 500 000", "200 000", "3 430 000", "150 000",
                                             "98,0 %", "75,0 %"]),
            ("Tekninen lautakunta", []),
            ("Kalusto", ["1 000 000", None, "900 000", None, "450 000", None, "50,0 %", None]),
            *([("", ["1 000", None, None, None, None, None, None, None])] if wrapped else []),
            ("Tekninen lautakunta yhteensä", ["000" if wrapped else "1 000 000", None, "900 000", None, "450 000", None,
                                              "50,0 %", None]),
            ("YHTEENSÄ", [total_menot, "200 000", "4 400 000", "200 000", "3 880 000", "150 000", "88,2 %",
                          "75,0 %"])]
    return _page(rows, INVEST_HEADER, title="Investointien toteutuminen")


def test_an_investment_table_of_both_sides_on_one_line_is_read_by_column_position_and_confirmed_by_its_totals():
    reading, plan = _plan(_investments())
    menot, tulot = reading.tables
    assert (menot.side, tulot.side) == ("kulu", "tuotto") and menot.part == tulot.part == "investointi"
    assert menot.roles == tulot.roles == ["TA", "TA+MUUTOS", "TOTEUMA", "PCT"]
    assert menot.confirmed and tulot.confirmed
    kalusto = [r for r in menot.rows if r.label == "Kalusto"]
    assert [{k: c.raw for k, c in r.cells.items()} for r in kalusto][0] == {
        "TA": "100 000", "TA+MUUTOS": "100 000", "TOTEUMA": "80 000", "PCT": "80,0"}
    assert not [r for r in tulot.rows if r.label == "Kalusto"]  # no tulot printed: no row of the tulot side
    groups = {(p.group.name, p.account) for p in investplan.place(reading, "LAMPI").values() if p.group}
    assert ("Kalusto (Sivistyslautakunta)", "Investointimenot") in groups
    assert ("Kalusto (Tekninen lautakunta)", "Investointimenot") in groups
    assert ("Koulun laajennus", "Investointitulot") in groups


def test_each_projects_original_appropriation_its_amendment_and_toteuma_are_recorded_as_printed():
    reading, plan = _plan(_investments())
    codes = {e.name: e.code for e in plan.plan.events if type(e).__name__ == "ProjectOpened"}
    recorded = _lines(plan)
    school = codes["Koulun laajennus"]
    assert recorded[("TaAdopted", school, "Investointimenot")] == -3_000_000_00
    assert recorded[("TaAmended", school, "Investointimenot")] == -400_000_00  # 3 400 000 − 3 000 000
    assert recorded[("TpRecorded", school, "Investointimenot")] == -3_350_000_00
    assert recorded[("TaAdopted", school, "Investointitulot")] == 200_000_00
    assert recorded[("TpRecorded", school, "Investointitulot")] == 150_000_00
    tekninen = codes["Kalusto (Tekninen lautakunta)"]
    assert recorded[("TaAmended", tekninen, "Investointimenot")] == 100_000_00  # a cut of 100 000
    statuses = _by_line(plan)
    total = next(r for r in reading.tables[0].rows if r.label == "YHTEENSÄ")
    assert {s.status for s in statuses[(total.line, "TA")]} == {"checked"}
    assert {s.status for s in plan.statuses} <= {"recorded", "checked"}


def test_an_investment_total_that_does_not_hold_leaves_its_rows_listed():
    reading, plan = _plan(_investments(total_menot="4 200 000"))
    menot = reading.tables[0]
    total = next(r for r in menot.rows if r.label == "YHTEENSÄ")
    assert total.failed and "not the sum" in total.failed
    lautakunnat = [r for r in menot.rows if r.label.endswith("lautakunta yhteensä")]
    assert all(r.failed for r in lautakunnat)
    assert {s.status for s in plan.statuses if s.line == total.line and s.table == 0} == {"listed"}
    assert {s.status for s in plan.statuses if s.line == total.line and s.table == 1} == {"checked"}  # tulot hold


def test_a_number_wrapped_over_two_lines_is_listed_not_read_as_two_figures():
    """`1 000` on a line of its own and `000` under it, the rest of the total's row beside it: until the PDF
    reader joins them, the total and its rows are listed; the fragment is never read as a figure."""
    reading, plan = _plan(_investments(wrapped=True))
    menot = reading.tables[0]
    fragment = next(r for r in menot.rows if r.label == "")
    total = next(r for r in menot.rows if r.label == "Tekninen lautakunta yhteensä")
    assert fragment.failed and total.failed
    listed = {s.line for s in plan.statuses if s.status == "listed"}
    assert {fragment.line, total.line} <= listed
    recorded = {v for v in _lines(plan).values()}
    assert not {1_000_00, -1_000_00, 0} & recorded


# --- through `kirjuri import`, from a PDF -------------------------------------------------------------------

PDF_EDGES = (300.0, 360.0, 420.0, 480.0, 540.0, 600.0, 650.0, 700.0)


def _lampi(path) -> None:
    """A page of Lampi's tilinpäätös: the investment table by lautakunta, then the summary of its käyttötalous."""
    from handmade_pdf import landscape_pdf

    lines = [[("Lammen kunta", 40.0, "l")], [("TILINPÄÄTÖS 2025", 40.0, "l")], [],
             [("Investointien toteutuminen", 40.0, "l")]]
    for first, words in INVEST_HEADER:
        lines.append(([(first, 40.0, "l")] if first else []) + [(w, e, "r") for w, e in zip(words, PDF_EDGES)])
    for line in _investments()[3:]:
        label = [c.raw for c in line.cells if c.x0 < 20.0]
        values = [c for c in line.cells if c.x0 >= 20.0]
        lines.append([(label[0], 40.0, "l")] + [(c.raw.replace(" %", "%"), PDF_EDGES[EDGES.index(c.x1)], "r")
                                                 for c in values])
    lines += [[], [("KÄYTTÖTALOUDEN TOTEUTUMINEN", 40.0, "l")],
              [("Toimintakulut", 40.0, "l"), ("Talousarvio 2025", PDF_EDGES[0], "r"),
               ("Toteutuma 2025", PDF_EDGES[1], "r"), ("Toteutuma-%", PDF_EDGES[2], "r")]]
    ta, tp = sum(u[1] for u in UNITS), sum(u[2] for u in UNITS)
    for name, a, b in [("Lammen kunta", ta, tp), *UNITS]:
        lines.append([(name, 40.0, "l"), (_money(a), PDF_EDGES[0], "r"), (_money(b), PDF_EDGES[1], "r"),
                      (_pct(b, a).replace(" %", "%"), PDF_EDGES[2], "r")])
    landscape_pdf(path, lines)


def test_kirjuri_import_reads_the_investments_by_project_and_checks_the_summary_by_unit(tmp_path, english):
    from test_cli import kirjuri

    book = tmp_path / "lampi-tp-2025.pdf"
    _lampi(book)
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    first = kirjuri(db, "import", str(book), "--apply")
    assert first.exit_code == 0, first.output
    said = " ".join(first.output.split())
    assert "TA / TA+MUUTOS / TOTEUMA / PCT" in said and "TA / TOTEUMA / PCT" in said
    assert "0 figures to record, 12 checked, 0 listed" in said  # the summary by unit
    assert "contradiction" not in said.casefold().replace("0 contradictions", "")
    history = " ".join(kirjuri(db, "history", "LAMMEN-KUNTA-I01").output.split())
    assert "Investointimenot TA: – → -3 000 000" in history and "Investointimenot TP: – → -3 350 000" in history


def _statements() -> list[TextLine]:
    """The tuloslaskelmaosa in cents (page 1), then the external income statement to the euro (page 2)."""
    first = _page([("Verotulot", ["3 000 000,00", "0,00", "3 000 000,00", "3 100 400,49", "100 400,49"]),
                   ("Valtionosuudet", ["2 000 000,00", "0,00", "2 000 000,00", "1 999 999,50", "-0,50"]),
                   ("Korkotuotot", ["40 000,00", "0,00", "40 000,00", "52 000,00", "12 000,00"])],
                  [("", ["Alkuperäinen", "Talousarvio-", "Talousarvio", "Toteutuma", "Poikkeama"]),
                   ("", ["talousarvio", "muutokset", "muutosten", None, None]), ("", [None, None, "jälkeen", None, None])],
                  title="Tuloslaskelmaosan toteutuminen")
    second = _page([("Verotulot", ["3 000 000", "3 100 400", "103,3 %", "2 950 000", "150 400", "5,1 %"]),
                    ("Valtionosuudet", ["2 000 000", "2 000 000", "100,0 %", "1 900 000", "100 000", "5,3 %"]),
                    ("Korkotuotot", ["40 000", "52 000", "130,0 %", "45 000", "7 000", "15,6 %"])],
                   [("", ["Talousarvio", None, None, None, "Muutos", "Muutos"]),
                    ("", ["€", "Toteuma €", "Toteuma %", "TP 2024", "€", "%"])], title="ULKOINEN TULOSLASKELMA")
    return first + [TextLine(2, line.number, line.y, line.cells) for line in second]


def test_an_income_statement_restated_to_the_euro_is_checked_against_the_one_in_cents_not_recorded_twice():
    """The second's figures are the first's rounded: checked, never recorded again; its previous year never."""
    reading, plan = _plan(_statements())
    one, two = reading.tables
    assert one.confirmed and two.confirmed and one.part == two.part == "tuloslaskelma"
    statuses = {(s.table, s.line, s.role): s for s in plan.statuses}
    for row in two.rows:
        for role in ("TA", "TOTEUMA"):
            assert statuses[(1, row.line, role)].status == "checked", (row.label, role)
    recorded = _lines(plan)
    assert recorded[("TpRecorded", "LAMPI", "Valtionosuudet")] == 1_999_999_50  # the cents, from the first


def _taxes(page: int) -> list[TextLine]:
    """Verotulot and its parts in 1 000 €, the table stating its scale: the parts stated nowhere finer."""
    third = _page([("Verotulot", ["3 000", "3 100", "100"]), ("Kunnan tulovero", ["2 500", "2 580", "80"]),
                   ("Kiinteistövero", ["500", "520", "20"])],
                  [("(1000€)", ["Talousarvio 2025", "Toteutuma 2025", "Poikkeama"])], title="VEROTULOJEN TOTEUTUMINEN")
    return [TextLine(page, line.number, line.y, line.cells) for line in third]


def test_a_summary_in_thousands_is_checked_against_two_finer_statements_that_agree():
    """Verotulot stated in cents and again to the euro, then in 1 000 €: the two finer statements are the same
    money, so the summary's row is checked against the first; a row stated nowhere finer, in a table stating
    its scale, is recorded as printed times the scale (Verotulot's breakdown, as the book states it)."""
    reading, plan = _plan(_statements() + _taxes(3))
    summary_table = reading.tables[2]
    assert summary_table.scale == 1000 and summary.is_summary(summary_table)
    statuses = {(s.table, s.line, s.role): s.status for s in plan.statuses}
    verotulot, tulovero = summary_table.rows[0], summary_table.rows[1]
    assert statuses[(2, verotulot.line, "TA")] == statuses[(2, verotulot.line, "TOTEUMA")] == "checked"
    assert statuses[(2, tulovero.line, "TA")] == statuses[(2, tulovero.line, "TOTEUMA")] == "recorded"
    assert statuses[(2, tulovero.line, "POIKKEAMA")] == "checked"
    stated = {(e.column, line.account): line.amount for e in plan.plan.events if type(e).__name__ == "BreakdownStated"
              for line in e.lines}
    assert stated == {("TA", "Kunnan tulovero"): 2_500_000_00, ("TA", "Kiinteistövero"): 500_000_00,
                      ("TP", "Kunnan tulovero"): 2_580_000_00, ("TP", "Kiinteistövero"): 520_000_00}
    assert _lines(plan)[("TaAdopted", "LAMPI", "Verotulot")] == 3_000_000_00  # the cents' statement, not the summary's


def test_the_same_summary_figures_twice_are_recorded_once_and_checked_where_no_scale_is_stated():
    """The taxes in 1 000 € printed first in a table that states no scale (its scale from the rows it shares with
    the statement in cents), then in one stating `(1000€)`: the second's are recorded, the first's checked against
    them; a table whose scale only its figures show records nothing of its own."""
    unstated = _page([("Verotulot", ["3 000", "3 000", "3 100", "100"]), ("Kunnan tulovero", ["2 500", "2 500", "2 580", "80"]),
                      ("Kiinteistövero", ["500", "500", "520", "20"])],
                     [("", ["Alkuperäinen", "Talousarvio", "Toteutuma", "Poikkeama"]),
                      ("", ["talousarvio", "muutosten", None, None]), ("", [None, "jälkeen", None, None])])
    unstated = [TextLine(3, line.number, line.y, line.cells) for line in unstated]
    reading, plan = _plan(_statements() + unstated + _taxes(4))
    first, second = reading.tables[2], reading.tables[3]
    assert first.scale == second.scale == 1000 and not layoutplan.states_its_scale(first)
    statuses = {(s.table, s.line, s.role): s for s in plan.statuses}
    for row in first.rows[1:]:
        assert {statuses[(2, row.line, role)].status for role in row.cells} == {"checked"}, row.label
        assert statuses[(2, row.line, "TA")].why.key == "plan.summary_same"
    assert {statuses[(3, row.line, "TA")].status for row in second.rows[1:]} == {"recorded"}
    breakdowns = [e for e in plan.plan.events if type(e).__name__ == "BreakdownStated" and e.column == "TA"]
    assert [(line.account, line.amount) for e in breakdowns for line in e.lines] == [
        ("Kunnan tulovero", 2_500_000_00), ("Kiinteistövero", 500_000_00)]


def test_a_subtotal_printing_no_cell_in_a_column_leaves_its_rows_to_the_total_above_it():
    """`Rakennukset yhteensä` (no heading of that name: the rows since the lautakunta's heading) prints no
    tuloarvio though a building's tulot has one; the lautakunta's total sums that tuloarvio through it."""
    rows = [("Tekninen lautakunta", []),
            ("Koulu", ["900 000", None, "900 000", "120 000", "850 000", "100 000", "94,4 %", "83,3 %"]),
            ("Päiväkoti", ["300 000", None, "300 000", None, "310 000", None, "103,3 %", None]),
            ("Rakennukset yhteensä", ["1 200 000", None, "1 200 000", None, "1 160 000", "100 000", "96,7 %", None]),
            ("Kadut", ["200 000", "50 000", "250 000", "50 000", "240 000", "40 000", "96,0 %", "80,0 %"]),
            ("Puistot", ["100 000", "20 000", "100 000", "20 000", "90 000", "20 000", "90,0 %", "100,0 %"]),
            ("Valaistus", ["50 000", "10 000", "50 000", "10 000", "45 000", "5 000", "90,0 %", "50,0 %"]),
            ("Tekninen lautakunta yhteensä", ["1 550 000", "80 000", "1 600 000", "200 000", "1 535 000", "165 000",
                                              "95,9 %", "82,5 %"])]
    reading, plan = _plan(_page(rows, INVEST_HEADER, title="Investointien toteutuminen"))
    menot, tulot = reading.tables
    assert menot.confirmed and tulot.confirmed
    total = next(r for r in tulot.rows if r.label == "Tekninen lautakunta yhteensä")
    held = [c for c in tulot.checks if c.line == total.line and c.what.endswith(" TA+MUUTOS")]
    assert held and all(c.ok for c in held)
    # `Rakennukset` names an expense account, but a total of the tulot side is revenue: no sign turned
    assert {r.side for r in tulot.rows} == {"tuotto"} and tulot.expenses_positive is None
    assert all(c.ok for c in tulot.checks if c.what.endswith(" TOTEUMA"))
    codes = {e.name: e.code for e in plan.plan.events if type(e).__name__ == "ProjectOpened"}
    assert _lines(plan)[("TaAmended", codes["Koulu"], "Investointitulot")] == 120_000_00  # tuloarvio added


def test_a_row_ending_in_a_percent_whose_sign_stands_apart_carries_figures_and_is_never_dropped_silently():
    """Before, `… 124,0 %` ended in a `%` alone and was no line with figures: a summary no reader read was
    dropped without a word. A header ending in `%` carries none."""
    from ledger.books.unread import carries_figures

    assert carries_figures("Kauhavan kaupunki 6 228 970 7 725 767 124,0 %")
    assert carries_figures("Omavaraisuusaste, % 40,3 % 39,5 %")
    assert not carries_figures("Toimintatuotot TA2024 TP 2024 Tot. %")
    assert not carries_figures("Muutos € %")
