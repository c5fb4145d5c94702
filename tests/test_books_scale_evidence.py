"""The scale of a table that prints none, from evidence in the book (ledger.books.layout ``_settle_scales``):
cents printed say euros; a unit's figure cannot exceed the city's total of its account many times over; the
tables of one run of one layout share a scale; rows shared with a table in euros shown by its cents compare
by size. Where nothing decides, or the evidence disagrees, the table is listed: never a wrong scale."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import examples
from ledger.books import layout
from ledger.books.pdf import Cell, TextLine
from test_books_layouts import FINANCING, FIVE, INCOME, _book, _money, _pages, _plan_book

#: another header of the same roles, for a table that is not of the units' run
OTHER_FIVE = [["Budjetti", "Bu-muutos", "Budjetti + muutos", "Toteutuma", "Poikkeama"]]


def _cents(rows: list[tuple[str, list[str | None]]]) -> list[tuple[str, list[str | None]]]:
    """Rows in 1 000 € printed to the cent in euros (`-41 000` -> `-41 000 000,00`)."""
    return [(label, [v if v is None else "0,00" if v == "0" else f"{v} 000,00" for v in values])
            for label, values in rows]


def _unit(tuotot: int, kulut: int, cents: bool = False) -> list[tuple[str, list[str | None]]]:
    """A unit's operating rows as printed (TA, MUUTOS, TA+MUUTOS, TOTEUMA, POIKKEAMA), expenses negative:
    its toteuma a little over its tuotot and under its kulut."""
    def cells(ta: int, used: int) -> list[str]:
        text = [_money(v) if v >= 0 else "-" + _money(-v) for v in (ta, 0, ta, used, used - ta)]
        return [f"{v},00" for v in text] if cents else text
    up, down = tuotot // 50, kulut // 40
    return [("Toimintatuotot", cells(tuotot, tuotot + up)), ("Toimintakulut", cells(-kulut, -kulut + down)),
            ("Toimintakate", cells(tuotot - kulut, tuotot + up - kulut + down))]


def _line(text: str) -> list[TextLine]:
    return [TextLine(1, 0, 0.0, (Cell(text, 10.0, 55.0, 9.0),))]


def _figure(label: str, number: str) -> list[TextLine]:
    """A line of prose and a figure (`Henkilöstöä 12`): above a table, its title ends there."""
    return [TextLine(1, 0, 0.0, (Cell(label, 10.0, 60.0, 9.0), Cell(number, 420.0, 430.0, 9.0)))]


def _region(lines: list[TextLine]) -> layout._Region:
    """The region of a page holding one table (its header the first line)."""
    numbers = [line.number for line in lines]
    return layout._Region(numbers, 1, *layout._table(lines, 1, numbers, numbers))


def _tables(lines: list[TextLine]) -> list[layout.Table]:
    return layout.read_layout(lines).tables


def test_a_table_printing_cents_is_in_euros():
    """The rahoitusosa prints no scale beside a tuloslaskelmaosa in 1 000 €: printed `5 000` it could be either
    (listed); printed `5 000,00` it is in euros, recorded as printed. A note saying `(1 000 €)` under a table
    printing cents contradicts them: listed."""
    income = _book("Tuloslaskelmaosan toteutuminen (1 000 €)", FIVE, INCOME)
    rows = FINANCING[1:]
    plain = _plan_book(_pages(income, _book("RAHOITUSOSA", FIVE, rows)))[0].tables[1]
    assert not plain.confirmed and "no scale stated" in plain.why
    with_cents = [(label, [f"{v},00" for v in values]) for label, values in rows]
    reading, plan = _plan_book(_pages(income, _book("RAHOITUSOSA", FIVE, with_cents)))
    table = reading.tables[1]
    assert table.confirmed and table.scale == 1, table.why
    recorded = {(line.account, type(e).__name__): line.amount for e in plan.plan.events for line in getattr(e, "lines", ())}
    assert recorded[("Pitkäaikaisten lainojen lisäys", "TaAdopted")] == 5_000_00
    noted = _book("RAHOITUSOSA", FIVE, with_cents) + _line("(1 000 €)")
    table = _tables(_pages(income, noted))[1]
    assert not table.confirmed and "disagree" in table.why


def test_figures_to_the_cent_of_a_table_in_thousands_one_decimal_or_small_are_no_cents():
    """One decimal (`20 500,0`, thousands to the hundred euros), or two decimals only under a thousand (`20,50`,
    millions), or cents beside whole figures, say nothing of euros."""
    def rows(*cells: str) -> list[tuple[str, list[str | None]]]:
        return [(label, list(cells)) for label in ("Verotulot", "Valtionosuudet", "Korkotuotot")]
    for printed in (rows("20 500,0", "0,0", "20 500,0", "21 050,0", "550,0"), rows("20,50", "0,00", "20,50", "21,05", "0,55"),
                    rows("20 500,00", "0", "20 500", "21 050,00", "550,00")):
        region = _region(_book(None, FIVE, printed))
        assert region.tables and not layout._prints_cents(region), printed
    assert layout._prints_cents(_region(_book(None, FIVE, rows("20 500,00", "0,00", "20 500,00", "21 050,00", "550,00"))))


def test_a_unit_whose_figures_in_thousands_would_exceed_the_citys_total_is_in_euros():
    """The city's income statement prints cents (its Toimintakulut 41,5 M€). A unit printing Toimintakulut
    `-2 400 000` and no scale: in thousands it would be 2,4 billion, more than ten times the city's, so it is in
    euros. A unit printing `-42 000`: 42 M€ in thousands is no more than the city's ten times over, 42 000 €
    fits too: nothing decides, it is listed. Each stands in its own section (no run)."""
    city = _book("TULOSLASKELMAOSA", FIVE, _cents(INCOME))
    big = _line("3.2 Sivistyslautakunta") + _book(None, FIVE, _unit(120_000, 2_400_000))
    small = _line("3.3 Tarkastuslautakunta") + _book(None, FIVE, _unit(0, 42_000))
    reading, plan = _plan_book(_pages(city, big, small))
    income, unit, other = reading.tables
    assert income.confirmed and income.scale == 1
    assert unit.confirmed and unit.scale == 1 and "exceed the city's total" in unit.scale_words
    assert not other.confirmed and "no scale stated" in other.why
    assert {s.status for s in plan.statuses if s.table == 2} == {"listed"}


def test_a_part_decides_nothing_where_both_readings_fit_or_neither_does():
    """The city's Toimintakulut in 1 000 € (41 500): a unit printing `-4 000` (4 M€ in thousands, 4 000 € in
    euros) is either; a table printing `-900 000 000` exceeds the city's total even in euros: no part of this
    city's, so its size says nothing of its scale (listed by the size of its figures, as before)."""
    city = _book("Tuloslaskelmaosan toteutuminen (1 000 €)", FIVE, INCOME)
    wholes = layout._city_wholes(_tables(city))
    assert wholes["TOIMINTAKULUT"] == 41_500_000_00
    for kulut, decides in ((4_000, False), (900_000_000, False), (4_200_000, True)):
        unit = _region(_book(None, FIVE, _unit(0, kulut)))
        assert layout._part_of_whole(unit, wholes) is decides, kulut
    unit = _book("Keskushallinto, euroa", FIVE, _unit(100_000, 2_000_000)
                 + [("Verotulot", ["20 500 000", "300 000", "20 800 000", "21 050 000", "250 000"])])
    assert layout._city_wholes(_tables(unit)) == {}  # the city's Verotulot beside a unit's own costs


def test_the_tables_of_one_run_share_the_scale_one_of_them_states():
    """Units' tables of one layout, one after another with prose between: the first's title says `(1 000 €)`,
    the others print none and nothing else tells. They are in thousands, as it is. A numbered section title
    ends the run: the table after it is not the run's (listed, its size being the thousands tables')."""
    first = _book("Käyttötalous (1 000 €)", FIVE, _unit(300, 9_000))
    second = _book("Tarkastuslautakunta", FIVE, _unit(10, 85)) + _line("Määräraha alittui hieman.")
    third = _book("Teknisen lautakunnan alaiset", FIVE, _unit(2_000, 4_500))
    after = _line("4.1 Muut tehtävät") + _book(None, FIVE, _unit(20, 3_000))
    reading, plan = _plan_book(_pages(first, second, third, after))
    tables = reading.tables
    assert [t.scale for t in tables[:3]] == [1000, 1000, 1000] and all(t.confirmed for t in tables[:3])
    assert "page 1" in tables[1].scale_words and "run" in tables[2].scale_words
    assert not tables[3].confirmed and "no scale stated" in tables[3].why
    assert {s.status for s in plan.statuses if s.table == 3} == {"listed"}


def test_a_run_whose_tables_disagree_or_another_layout_or_a_statement_between_settles_nothing():
    """The run's tables whose scale is known say 1 000 € (its title) and euros (its cents): no other takes
    either (listed). A table of another header, or after a line stating a scale, is not of the run."""
    first = _book("Käyttötalous (1 000 €)", FIVE, _unit(300, 9_000))
    second = _book("Tarkastuslautakunta", FIVE, _unit(10, 85))
    euros = _book("Vaalilautakunta", FIVE, _unit(12_000, 70_000, cents=True))
    tables = _tables(_pages(first, second, euros))
    assert [t.scale for t in tables] == [1000, 1, 1] and not tables[1].confirmed
    other = _book("Tarkastuslautakunta", OTHER_FIVE, _unit(10, 85))
    assert not _tables(_pages(first, other))[1].confirmed
    stated = _line("Luvut euroina, ellei toisin mainita.") + _figure("Henkilöstöä", "12") + second
    assert not _tables(_pages(first, stated))[1].confirmed
    assert _tables(_pages(first, _figure("Henkilöstöä", "12") + second))[1].scale == 1000


def test_an_unmarked_table_sharing_rows_with_one_printing_cents_takes_the_scale_they_agree_at():
    """The tuloslaskelmaosa prints cents (`31 902 000,00`); the tax table under it prints no scale and its
    Verotulot `31 902`: the same money in thousands. Printed `31 902 000` it agrees in euros."""
    city = _book("TULOSLASKELMAOSA", FIVE, _cents(INCOME))
    taxes = [("Verotulot", ["20 500", "300", "20 800", "21 050", "250"]),
             ("Kunnan tulovero", ["16 000", "300", "16 300", "16 420", "120"]),
             ("Kiinteistövero", ["4 500", "0", "4 500", "4 630", "130"])]
    for rows, scale in ((taxes, 1000), ([(label, [f"{v} 000" for v in values]) for label, values in taxes], 1)):
        table = _tables(_pages(city, _line("Verotulojen erittely") + _book(None, OTHER_FIVE, rows)))[1]
        assert table.confirmed and table.scale == scale, table.why


@st.composite
def unit_books(draw):
    """A city's income statement (in 1 000 € under its mark, or to the cent in euros) and units' tables of one
    layout printing no scale, each in the scale of the book's käyttötalous (thousands or euros, a title of the
    first saying it or not), each unit's Toimintakulut 10 k€ – 30 M€. Returns the lines and the true scale per
    unit table."""
    city = (_book("TULOSLASKELMAOSA", FIVE, _cents(INCOME)) if draw(st.booleans())
            else _book("Tuloslaskelmaosan toteutuminen (1 000 €)", FIVE, INCOME))
    scale = draw(st.sampled_from([1, 1000]))
    said = draw(st.booleans())
    pages = [city, _line("3.2 Käyttötalousosa")]
    for i in range(draw(st.integers(1, 4))):
        kulut = draw(st.integers(10, 30_000)) * 1000
        title = "Käyttötalous (1 000 €)" if scale == 1000 else "Käyttötalous, euroa"
        pages.append(_book(title if said and i == 0 else f"Lautakunta {i}", FIVE, _unit(kulut // 20 // scale,
                                                                                      kulut // scale)))
    return _pages(*pages), scale


@settings(max_examples=examples(20), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit_books())
def test_a_units_table_is_read_at_its_true_scale_or_listed_never_at_another(book):
    lines, scale = book
    for table in _tables(lines)[1:]:
        assert not table.confirmed or table.scale == scale, (table.scale, table.scale_words, scale)


def test_a_book_in_thousands_marking_no_scale_is_read_so_where_a_table_to_the_cent_shares_its_rows():
    """No statement, no mark in any header: the tuloslaskelmaosa to the cent is in euros; the tax table after it
    prints its Verotulot `20 500` (the same money in thousands) and the state-aid table of the same layout after
    that shares no row: both are in thousands, the second as the run it stands in. Without the table to the cent
    nothing tells: rules of evidence have nothing to start from."""
    city = _book("TULOSLASKELMAOSA", FIVE, _cents(INCOME))
    taxes = _line("Verotulojen erittely") + _book(None, OTHER_FIVE, [
        ("Verotulot", ["20 500", "300", "20 800", "21 050", "250"]),
        ("Kunnan tulovero", ["16 000", "300", "16 300", "16 420", "120"]),
        ("Kiinteistövero", ["4 500", "0", "4 500", "4 630", "130"])])
    aid = _line("Valtionosuuksien erittely") + _book(None, OTHER_FIVE, [
        ("Kunnan peruspalvelujen valtionosuus", ["14 000", "0", "14 000", "13 900", "-100"]),
        ("Muut valtionosuudet", ["-700", "0", "-700", "-650", "50"]),
        ("Verotulomenetysten korvaus", ["1 900", "0", "1 900", "1 930", "30"])])
    tables = _tables(_pages(city, taxes, aid))
    assert [(t.scale, t.confirmed) for t in tables] == [(1, True), (1000, True), (1000, True)]
    assert "run" in tables[2].scale_words


def test_a_table_of_several_units_is_bounded_by_the_city_unit_by_unit():
    """One table, two units' headings over their rows, no scale: the larger unit's Toimintakulut `-2 400 000`
    read in thousands would be fifty times the city's, so the table is in euros, the smaller unit's rows too."""
    city = _book("TULOSLASKELMAOSA", FIVE, _cents(INCOME))
    units = [("Sivistyslautakunta", [None] * 5), *_unit(120_000, 2_400_000),
             ("Tarkastuslautakunta", [None] * 5), *_unit(0, 42_000)]
    table = _tables(_pages(city, _line("3.2 Käyttötalousosa") + _book(None, FIVE, units)))[1]
    assert table.confirmed and table.scale == 1 and "exceed the city's total" in table.scale_words
    assert [r.cells["TA"].printed for r in table.rows if r.account == "TOIMINTAKULUT"] == [-2_400_000_00, -42_000_00]


def test_from_text_the_tables_of_one_run_share_the_scale_one_of_them_states():
    text = ["Esimerkin kunta", "Tilinpäätös 2024", "", "Käyttötalous (1 000 €)",
            "Budjetti Bu-muutos Budjetti + muutos Toteutuma Poikkeama", "Toimintatuotot 300 0 300 306 6",
            "Toimintakulut -9 000 0 -9 000 -8 775 225", "Toimintakate -8 700 0 -8 700 -8 469 231", "",
            "Tarkastuslautakunta", "Budjetti Bu-muutos Budjetti + muutos Toteutuma Poikkeama",
            "Toimintatuotot 10 0 10 10 0", "Toimintakulut -85 0 -85 -83 2", "Toimintakate -75 0 -75 -73 2"]
    first, second = layout.read_text_layout(text).tables
    assert (first.scale, second.scale) == (1000, 1000) and second.confirmed and "line 5" in second.scale_words


def test_kirjuri_import_says_why_a_table_printing_no_scale_is_in_euros(tmp_path, english):
    """A PDF: the tuloslaskelmaosa to the cent, then a unit's table printing no scale whose Toimintakulut read
    in thousands would be far beyond the city's. The preview says each is in euros and why."""
    from test_books_layouts import PDF_EDGES, _pdf
    from test_cli import kirjuri

    header = [["Budjetti", "Bu-muutos", "Budjetti +", "Toteutuma", "Poikkeama"], [None, None, "muutos", None, None]]
    lines = [[("TULOSLASKELMAOSA", 40.0, "l")]]
    for title, rows in (("", _cents(INCOME)), ("3.2 Sivistyslautakunta", _unit(120_000, 2_400_000))):
        lines += [[(title, 40.0, "l")]] if title else []
        lines += [[(w, e, "r") for w, e in zip(words, PDF_EDGES) if w] for words in header]
        lines += [[(label, 40.0, "l")] + [(v, e, "r") for v, e in zip(values, PDF_EDGES)] for label, values in rows]
    book = tmp_path / "esimerkkila-tp-2024.pdf"
    _pdf(book, lines)
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    said = " ".join(kirjuri(db, "import", str(book), "--year", "2024").output.split())
    assert "in euros (it prints its money to the cent)" in said
    assert "in euros (in thousands its figures would exceed the city's total of the same account many times over)" in said


def test_a_table_whose_rows_name_no_account_says_so_where_its_scale_is_unknown():
    """After a run in 1 000 €, a table of counts (visits, meals) under the same columns and no scale: listed, its
    reason saying no row names an account (whether its figures are money at all the book does not say)."""
    first = _book("Käyttötalous (1 000 €)", FIVE, _unit(300, 9_000))
    counts = _line("4.1 Suoritteet") + _book(None, FIVE, [("Asiakaskäynnit", ["2 900", "0", "2 900", "2 700", "-200"]),
                                                           ("Ateriat", ["640", "0", "640", "655", "15"]),
                                                           ("Suoritteet yhteensä", ["3 540", "0", "3 540", "3 355", "-185"])])
    reading, plan = _plan_book(_pages(first, counts))
    table = reading.tables[1]
    assert not table.confirmed and table.why.key == "layout.scale_unknown_no_account"
    assert {s.status for s in plan.statuses if s.table == 1} == {"listed"}


def test_one_row_agreeing_by_chance_at_millions_does_not_tell_a_scale_its_other_rows_deny():
    """Hypothesis found it: a unit's Toimintakate printed -35 agrees with the city's -34 800 (1 000 €) read in
    millions, its Toimintatuotot 1 and Toimintakulut -36 agree with the city's 6 200 and -41 000 at no scale. One
    row's luck against two rows saying other money: the table is not read in millions."""
    city = _book("Tuloslaskelmaosan toteutuminen (1 000 €)", FIVE, INCOME)
    unit = _book("Lautakunta 0", FIVE, _unit(1, 36))
    table = _tables(_pages(city, _line("3.2 Käyttötalousosa"), unit))[1]
    assert not (table.confirmed and table.scale == 1_000_000), table.why
