"""A book's extracted text (no positions) read as its PDF is: a column of another year (`Ed. TP`, `TP 2023`
beside `TA 2024`, a `Tilinp.` before the budget columns) is read where a row's arithmetic places its cells,
checked where a stated total sums it and else listed per cell, never recorded as the year's money and no
longer the reason a whole table is listed; a header that prints years is a header; the scale of tables side
by side is found in the title lines above them, as a single table's is."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st
from test_books_layouts import BUDJETTI, NOW, ROOT, TILINP, YEARS, _book, _money, _recorded

from ledger.books import layout, layoutplan
from ledger.fold.state import LedgerState

#: the same tables as test_books_layouts prints them in a PDF, as a text extraction prints their header
TEXT_HEADERS = {id(BUDJETTI): "Ed. TP Budjetti Bu-muutos Budjetti + muutos Toteutuma Poikkeama Käyttö %",
                id(YEARS): "TP 2023 TA 2024 TA-muutokset 2024 TA muutosten jälkeen 2024 TP 2024 Poikkeama Tot-%",
                id(TILINP): "Tilinp. TA Ta-muut. Ta + muutos Toteutuma Poikkeama Tot.%"}
CASES = [("Tuloslaskelmaosan toteutuminen, t€", BUDJETTI,
          [("Verotulot", ["980", "1 000", "50", "1 050", "1 100", "50", "104,8"]),
           ("Valtionosuudet", ["390", "400", "0", "400", "380", "-20", "95,0"]),
           ("Korkokulut", ["77", "80", "-10", "70", "60", "10", "85,7"])]),
         ("Tuloslaskelmaosa (1 000 euroa)", YEARS,
          [("Kunnan tulovero", ["700", "720", "10", "730", "735", "5", "100,7%"]),
           ("Kiinteistövero", ["90", "95", "0", "95", "99", "4", "104,2%"]),
           ("Verotulot", ["790", "815", "10", "825", "834", "9", "101,1%"]),
           ("Valtionosuudet", ["300", "310", "0", "310", "305", "-5", "98,4%"])]),
         ("TULOSLASKELMAOSA 1000 €", TILINP,
          [("Verotulot", ["1 500", "1 600", "-20", "1 580", "1 590", "10", "100,6"]),
           ("Valtionosuudet", ["800", "820", "0", "820", "820", "0", "100,0"]),
           ("Korkokulut", ["-40", "-45", "5", "-40", "-38", "2", "95,0"])])]


def _plan(reading: layout.LayoutReading) -> layoutplan.LayoutPlan:
    return layoutplan.plan_layout(LedgerState(), reading, year=2024, root=ROOT, source="kunta.txt", digest="4" * 64,
                                  author="testi", now=NOW)


def _text(title: str, header: str, rows) -> list[str]:
    return [title, header, *(" ".join([label, *(v for v in values if v is not None)]) for label, values in rows)]


def _tally(reading: layout.LayoutReading, plan: layoutplan.LayoutPlan) -> Counter:
    """(row label, role, status) of every cell: the PDF's and the text's lines are numbered differently."""
    labels = {r.line: r.label for t in reading.tables for r in t.rows}
    return Counter((labels[s.line], s.role, s.status) for s in plan.statuses)


def test_a_text_table_with_another_years_column_is_read_as_its_pdf_is():
    """Each layout from text: the same roles, the same figures recorded, the same cells checked and listed as
    from its PDF (another year's cell listed, or checked where a total sums it); before, the whole table was
    listed (or not found at all: a header printing years was no header)."""
    for title, header, rows in CASES:
        pdf = layout.read_layout(_book(title, header, rows))
        text = layout.read_text_layout(_text(title, TEXT_HEADERS[id(header)], rows))
        assert [t.roles for t in text.tables] == [t.roles for t in pdf.tables] and text.tables[0].confirmed
        assert text.tables[0].scale == pdf.tables[0].scale == 1000
        from_pdf, from_text = _plan(pdf), _plan(text)
        assert _recorded(from_text) == _recorded(from_pdf)
        assert _tally(text, from_text) == _tally(pdf, from_pdf)
        assert {s.status for s in from_text.statuses if s.role.startswith("OTHER-YEAR")} <= {"listed", "checked"}


def test_a_header_that_prints_years_is_a_header_and_prose_with_a_year_is_not():
    header = layout._any_text_header("Tilinpäätös 2023 Talousarvio 2024 Talousarvio- muutokset Talousarvio muutosten"
                                     " jälkeen Toteutuma 2024 Poikkeama")
    assert header == ("", ["Tilinpäätös 2023", "Talousarvio 2024", "Talousarviomuutokset",
                           "Talousarvio muutosten jälkeen", "Toteutuma 2024", "Poikkeama"])
    assert layout._text_roles(header[1]) == [["OTHER-YEAR", "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"]]
    for prose in ("TILINPÄÄTÖS 2024", "Toteutuma 2024 poikkesi talousarviosta", "Talousarvio 2024 ja 12 kohdetta"):
        assert layout._any_text_header(prose) is None


TA_COLUMNS = "Tilinpäätös 2023 Talousarvio 2024 Talousarvio- muutokset Talousarvio muutosten jälkeen Toteutuma 2024 Poikkeama"


@st.composite
def dated_tables(draw):
    """Rows of Myyntituotot-like revenue, each: last year's outcome, TA, MUUTOS, TA+MUUTOS, TOTEUMA, POIKKEAMA
    (an empty MUUTOS where it is 0), and their yhteensä."""
    labels = draw(st.lists(st.sampled_from(["Myyntituotot", "Maksutuotot", "Tuet ja avustukset",
                                            "Muut toimintatuotot"]), min_size=2, max_size=4, unique=True))
    rows, sums = [], [0] * 6
    for label in labels:
        before, ta, change, used = (draw(st.integers(1_000, 9_000_000)), draw(st.integers(1_000, 9_000_000)),
                                    draw(st.sampled_from([0, 0, 5_000, -20_000, 150_000])), draw(st.integers(1_000, 9_000_000)))
        values = [before, ta, change, ta + change, used, used - ta - change]
        sums = [a + b for a, b in zip(sums, values)]
        rows.append((label, values))
    return rows + [("Toimintatuotot yhteensä", sums)]


@settings(max_examples=25, deadline=None)
@given(dated_tables())
def test_no_cell_of_last_years_column_is_ever_recorded_from_text(rows):
    """Whatever the figures: the year's TA and TOTEUMA of every row read are recorded as printed, nothing of
    last year's column is recorded, and its total's cell is checked; a row is listed rather than guessed."""
    lines = ["Tuloslaskelmaosan toteutuminen", TA_COLUMNS]
    lines += [" ".join([label, *(_money(v) for j, v in enumerate(values) if not (j == 2 and v == 0))])
              for label, values in rows]
    reading = layout.read_text_layout(lines)
    plan = _plan(reading)
    statuses = {(s.line, s.role): s.status for s in plan.statuses}
    for n, (label, values) in enumerate(rows, 3):
        if statuses.get((n, "OTHER-YEAR")) is None:
            assert not any(line == n and status == "recorded" for (line, _r), status in statuses.items())
            continue
        assert statuses[(n, "OTHER-YEAR")] == ("checked" if label.endswith("yhteensä") else "listed")
        table = reading.tables[0]
        row = next(r for r in table.rows if r.line == n)
        assert (row.cells["TA"].printed, row.cells["TOTEUMA"].printed) == (values[1] * 100, values[4] * 100)
        assert row.cells["OTHER-YEAR"].printed == values[0] * 100


def test_tables_side_by_side_take_their_scale_from_a_title_two_lines_up():
    """`1 000 €` in the section's title, a note and the tables' names between it and the header: before, the
    side-by-side reader looked only at the line above and read the thousands as euros."""
    lines = ["Talousarvion toteutuminen, 1 000 €", "Sitovuustaso: bruttomääräraha ja tuloarvio", "Määrärahat Tuloarviot",
             "Alkup. TA:n TA muu- Toteu- Poik- Alkup. TA:n TA muu- Toteu- Poik-",
             "talous- muu- tosten tuma keama talous- muu- tosten tuma keama",
             "arvio tokset jälkeen arvio tokset jälkeen",
             "Vaalit 606 0 606 530 76 420 0 420 369 -51",
             "Hallinto 6 025 302 6 327 5 446 881 2 000 3 722 5 722 5 806 84"]
    tables = layout.read_text_layout(lines).tables
    assert len(tables) == 2 and all(t.confirmed and t.scale == 1000 for t in tables)
    assert [t.side for t in tables] == ["kulu", "tuotto"]


# --- rows a derived line below them settles; rows of zeros --------------------------------------------------

RESULT = """Tuloslaskelmaosan toteutuminen
TULOSLASKELMAOSA Alkuperäinen Talousarvio- Talousarvio Toteutuma Poikkeama
talousarvio muutokset muutosten + yli / -alle
jälkeen
VUOSIKATE 21 808 600 -10 043 800 11 764 800 18 033 213 6 268 413
Suunnitelman mukaiset poistot -21 700 000 0 -21 700 000 -21 006 411 693 589
Arvonalentumiset 0
TILIKAUDEN TULOS 108 600 -10 043 800 -9 935 200 -2 973 199 6 962 001
Poistoeron muutos 33 518 33 518
Varausten muutos 0
Rahastojen muutos - 478 478
Tilikauden ali/ylijäämä 108 600 -10 043 800 -9 935 200 -2 939 202 6 995 998
"""


def test_rows_a_derived_line_below_them_sums_are_settled_by_it_and_zeros_block_no_total():
    """`Poistoeron muutos 33 518 33 518` fits TA and TA+MUUTOS as well as TOTEUMA and POIKKEAMA; only the
    latter makes Tilikauden ali/ylijäämä = TILIKAUDEN TULOS + the varausten ja rahastojen muutokset (to the
    book's rounding of a euro). A row of zeros is listed (its column unknown) but no longer keeps the total
    over it from being checked."""
    reading = layout.read_text_layout(RESULT.splitlines())
    (table,) = reading.tables
    rows = {r.label: {role: c.printed for role, c in r.cells.items()} for r in table.rows}
    assert rows["Poistoeron muutos"] == {"TOTEUMA": 33_518_00, "POIKKEAMA": 33_518_00}
    assert rows["Rahastojen muutos"] == {"TOTEUMA": 478_00, "POIKKEAMA": 478_00}
    assert "Arvonalentumiset" not in rows and "Varausten muutos" not in rows
    assert {item.line for item in reading.listed} == {7, 10}
    plan = _plan(reading)
    status = {(s.line, s.role): s.status for s in plan.statuses}
    assert {status[(n, role)] for n in (8, 12) for role in ("TA", "TOTEUMA", "POIKKEAMA")} == {"checked"}
    assert all(c.ok or c.rounding for c in table.checks)
    assert _recorded(plan)[("Poistoeron muutos", "TOTEUMA")] == 33_518_00


def test_a_derived_line_that_no_reading_sums_to_settles_nothing():
    """The same rows where Tilikauden ali/ylijäämä is 1 000 € off (or the book prints the figures the other way
    round): no reading makes it sum, the open rows stay listed, not guessed."""
    for wrong in (RESULT.replace("-2 939 202", "-2 938 202"), RESULT.replace("33 518 33 518", "-33 518 -33 518")):
        (table,) = layout.read_text_layout(wrong.splitlines()).tables
        labels = {r.label for r in table.rows}
        assert "Poistoeron muutos" not in labels and "Rahastojen muutos" not in labels
