"""A book's text as a PDF's reader (pdfplumber's ``extract_text``) gives it, tables and all (issue 17: books as
municipalities publish them, "as well as extracted text"): a header whose cells stack their words and bottom-align
them comes out as lines of mixed words (`TA` / `Alkuperäinen TA muutosten` / `TA muutokset jälkeen Toteutuma
Poikkeama`); a unit's small table under its heading and a caption; money printed to the cent; prose that uses a
column's word. The made-up town's pages here are laid out as Kauhava's tilinpäätös 2024 prints its own."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from conftest import examples
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_books_layouts import ledger_money, worded_columns

from ledger.books import layout, layoutplan
from ledger.fold.state import LedgerState

NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.timezone.utc)
ROOT = ("ESIMERKKILAN-KAUPUNKI", "Esimerkkilän kaupunki")
#: a header whose five columns print two or three words each, bottom-aligned, as extract_text joins them
STACKED = ["TA", "Alkuperäinen TA muutosten", "TA muutokset jälkeen Toteutuma Poikkeama"]


def _unit(name: str, rows: list[str], caption: bool = True) -> list[str]:
    return [name, *(["Talousarvion toteutuminen"] if caption else []), *STACKED, *rows]


#: a lautakunta by account, then its two tulosalueet that sum to it (TA, MUUTOS, TA+MUUTOS, TOTEUMA, POIKKEAMA)
LAUTAKUNTA = ["TOIMINTATUOTOT 1 000 000 0 1 000 000 1 100 000 100 000",
              "Myyntituotot 600 000 0 600 000 650 000 50 000",
              "Maksutuotot 400 000 0 400 000 450 000 50 000",
              "TOIMINTAKULUT -5 000 000 -200 000 -5 200 000 -5 150 000 50 000",
              "Henkilöstökulut -3 000 000 -200 000 -3 200 000 -3 180 000 20 000",
              "Palvelujen ostot -2 000 000 0 -2 000 000 -1 970 000 30 000"]
FIRST = ["TOIMINTATUOTOT 700 000 0 700 000 800 000 100 000", "TOIMINTAKULUT -3 000 000 -200 000 -3 200 000 -3 100 000 100 000",
         "Toimintakate/Jäämä -2 300 000 -200 000 -2 500 000 -2 300 000 200 000"]
SECOND = ["TOIMINTATUOTOT 300 000 0 300 000 300 000 0", "TOIMINTAKULUT -2 000 000 0 -2 000 000 -2 050 000 -50 000",
          "Toimintakate/Jäämä -1 700 000 0 -1 700 000 -1 750 000 -50 000"]
PROSE = ["Vapaa-aikatoimessa toimintakulujen ylitys oli vähäinen n. 20.000 euroa. Ylitys johtui",
         "kesän tapahtumista, ja toteutuma jäi alle talousarvion."]


def _book() -> list[str]:
    return ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "2.2 Käyttötalouden toteutuminen",
            *_unit("Vapaa-aikalautakunta", LAUTAKUNTA), "Lautakunnan tehtäväalueina ovat liikunta ja kulttuuri.",
            *_unit("Liikunta", FIRST, caption=False), *PROSE, *_unit("Kulttuuri", SECOND, caption=False)]


def _plan(lines: list[str]):
    reading = layout.read_text_layout(lines, year=2024)
    return reading, layoutplan.plan_layout(LedgerState(), reading, year=2024, root=ROOT, source="e.txt",
                                           digest="4" * 64, author="testi", now=NOW)


def test_a_header_stacked_over_three_lines_gives_each_column_its_role():
    """The bottom line's words each end a column's phrase whose other words stand above it: TA, MUUTOS,
    TA+MUUTOS, TOTEUMA, POIKKEAMA, confirmed by every row's arithmetic; the header's lines are the table's."""
    lines = _book()
    reading, _plan_ = _plan(lines)
    first = reading.tables[0]
    assert first.roles == ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"] and first.confirmed
    assert [lines[n - 1] for n in first.header_lines] == STACKED


def test_each_units_table_is_recorded_on_the_unit_its_heading_names():
    """The lautakunta (its table captioned, by account) and its two tulosalueet (no caption, totals only,
    summing to it) as in the PDF: the tulosalueet vastuualueet below the lautakunta with their own figures,
    its table their stated breakdown; prose between them that says `ylitys` is no table's header."""
    _reading, plan = _plan(_book())
    registered = {e.code: (e.name, e.level, e.parent) for e in plan.plan.events if type(e).__name__ == "UnitRegistered"}
    assert registered["LIIKUNTA"] == ("Liikunta", "vastuualue", "VAPAA-AIKALAUTAKUNTA")
    assert registered["KULTTUURI"] == ("Kulttuuri", "vastuualue", "VAPAA-AIKALAUTAKUNTA")
    adopted = {(line.unit, line.account): line.amount for e in plan.plan.events if type(e).__name__ == "TaAdopted"
               for line in e.lines}
    assert adopted[("LIIKUNTA", "TOIMINTAKULUT")] == -3_000_000_00
    assert adopted[("KULTTUURI", "TOIMINTATUOTOT")] == 300_000_00
    assert not any(s.status == "listed" for s in plan.statuses)


def test_money_printed_to_the_cent_is_recorded_to_the_cent():
    """`6 228 970,00 0,00 …`: each figure ends at its cents, so the text tells the columns apart, and the ledger
    records the cents as printed (in euros: a table to the cent is no table in thousands)."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "2.3 Tuloslaskelmaosan toteutuminen", "Talousarvio",
             "Alkuperäinen Talousarvio- muutosten", "talousarvio muutokset jälkeen Toteutuma Poikkeama",
             "TOIMINTATUOTOT 6 228 970,00 0,00 6 228 970,00 7 725 767,34 1 496 797,34",
             "TOIMINTAKULUT -46 525 690,00 0,00 -46 525 690,00 -46 216 718,06 308 971,94",
             "Toimintakate -40 296 720,00 0,00 -40 296 720,00 -38 490 950,72 1 805 769,28",
             "Verotulot 31 902 000,00 0,00 31 902 000,00 33 595 351,41 1 693 351,41"]
    reading, plan = _plan(lines)
    (table,) = reading.tables
    assert table.confirmed and table.scale == 1
    recorded = {(line.account, type(e).__name__ + getattr(e, "column", "")): line.amount for e in plan.plan.events
                for line in getattr(e, "lines", ())}
    assert recorded[("TOIMINTATUOTOT", "BreakdownStatedTP")] == 7_725_767_34  # the city's käyttötalous by account
    assert recorded[("Verotulot", "TpRecorded")] == 33_595_351_41 and recorded[("Verotulot", "TaAdopted")] == 31_902_000_00


def test_a_row_whose_figures_do_not_all_print_cents_is_not_read_from_them():
    """A figure's cents end it; a row mixing figures with and without cents has no plain reading (only the
    row's arithmetic may pick one of its mixed readings, ``_mixed_values``): listed, never guessed."""
    assert layout._values(("6", "228", "970,00", "0,00", "12"), 3) == []
    assert layout._values(("6", "228", "970,00", "0,00"), 2) == [[6_228_970_00, 0]]
    assert layout._values(("6", "22", "970,00"), 1) == []


def test_an_amount_wrapped_onto_the_line_above_a_table_states_no_scale():
    """Seinäjoki's whole text: `Merkittävimmät investoinnit: … noin 10–12` / `meur.` a few lines above the
    tuloslaskelmaosa read as the table's scale recorded every figure a million times over. `meur.` goes on
    with the sentence above it, an amount's unit: the table is in euros, as its PDF reads."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024",
             "Merkittävimmät investoinnit: Mahdolliset uudiskohteet 3 kpl. Yhden kohteen investointi noin 10–12",
             "meur.", "138", "8.2 Tuloslaskelmaosan toteutumiset",
             "TULOSLASKELMAOSA Alkuperäinen Talousarvio- Talousarvio Toteutuma Poikkeama",
             "KAUPUNKI talousarvio muutokset muutosten", "jälkeen",
             "Verotulot 171 000 000 -3 000 000 168 000 000 166 889 243 -1 110 757",
             "Valtionosuudet 98 500 000 500 000 99 000 000 99 120 400 120 400",
             "Korkotuotot 6 000 000 0 6 000 000 7 714 104 1 714 104"]
    reading, plan = _plan(lines)
    (table,) = reading.tables
    assert table.scale == 1 and table.confirmed
    recorded = {(line.account, type(e).__name__): line.amount for e in plan.plan.events for line in getattr(e, "lines", ())}
    assert recorded[("Verotulot", "TpRecorded")] == 166_889_243_00


def test_a_talousarvio_books_text_records_each_units_ta_and_lists_the_frame_and_earlier_years():
    """`VAALIT TP 2023 TA 2024 Raami 2025 TA 2025` as text: no column relates to another, so a row is read only
    where its digit groups read one way at all (a figure in every column); the unit is the header's own name,
    the table confirmed by its Toimintakate; the TA 2025 recorded on the unit, the frame and the earlier years
    listed, never recorded."""
    lines = ["Esimerkkilän kaupunki", "TALOUSARVIO 2025",
             "VAALIT TP 2023 TA 2024 Raami 2025 TA 2025",
             "Toimintatuotot 26 182 60 000 20 000 20 000",
             "Toimintakulut -25 908 -60 000 -40 000 -40 000",
             "Toimintakate 274 0 -20 000 -20 000",
             "TARKASTUSLAUTAKUNTA TP 2023 TA 2024 Raami 2025 TA 2025",
             "Toimintatuotot 1 500 2 000 2 000 2 500",
             "Toimintakulut -17 059 -36 700 -36 700 -38 200",
             "Toimintakate -15 559 -34 700 -34 700 -35 700"]
    reading = layout.read_text_layout(lines, year=2025)
    assert [t.roles for t in reading.tables] == [["OTHER-YEAR", "OTHER-YEAR 2", "PROPOSAL", "TA"]] * 2
    plan = layoutplan.plan_layout(LedgerState(), reading, year=2025, root=ROOT, source="e.txt", digest="5" * 64,
                                  author="testi", now=NOW)
    adopted = {(line.unit, line.account): line.amount for e in plan.plan.events if type(e).__name__ == "TaAdopted"
               for line in e.lines}
    assert adopted == {("VAALIT", "TOIMINTATUOTOT"): 20_000_00, ("VAALIT", "TOIMINTAKULUT"): -40_000_00,
                       ("TARKASTUSLAUTAKUNTA", "TOIMINTATUOTOT"): 2_500_00,
                       ("TARKASTUSLAUTAKUNTA", "TOIMINTAKULUT"): -38_200_00}
    listed = {s.role for s in plan.statuses if s.status == "listed"}
    assert listed == {"OTHER-YEAR", "OTHER-YEAR 2", "PROPOSAL"}


HEADER = "Talousarvio Muutokset Muutettu TA Toteutuma Poikkeama"
ROWS = ["Verotulot 171 000 000 -3 000 000 168 000 000 166 889 243 -1 110 757",
        "Valtionosuudet 98 500 000 500 000 99 000 000 99 120 400 120 400"]


def _adopted(lines: list[str]) -> dict[tuple[str, str], set[int]]:
    """(unit, account) -> the amounts the plan's TaAdopted events record (the TA, and a TA+MUUTOS stated alone)."""
    _reading, plan = _plan(lines)
    out: dict[tuple[str, str], set[int]] = {}
    for e in plan.plan.events:
        for line in getattr(e, "lines", ()) if type(e).__name__ == "TaAdopted" else ():
            out.setdefault((line.unit, line.account), set()).add(line.amount)
    return out


def test_an_amount_whose_unit_wraps_onto_the_next_line_is_no_scale_either():
    """`… noin 1 000` / `euroa asukasta kohden.`: read with its sentence, `euroa` is an amount's unit; the
    table under it states no `1 000 euroa`, and is in euros."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "Verotulot kasvoivat edellisestä vuodesta noin 1 000",
             "euroa asukasta kohden.", "2.3 Tuloslaskelmaosan toteutuminen", f"TULOSLASKELMAOSA {HEADER}", *ROWS]
    assert 171_000_000_00 in _adopted(lines)[(ROOT[0], "Verotulot")]


def test_a_header_printing_an_abbreviation_is_a_header_and_its_scale_is_its_own():
    """`Milj. € Talousarvio …` is the second table's header, not prose: its rows are its own, in millions, never
    the euros table's above it; `TEKN. LAUTAKUNTA` heads its own table too."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", f"KÄYTTÖTALOUS euroa {HEADER}",
             "TOIMINTATUOTOT 1 000 000 0 1 000 000 1 100 000 100 000",
             "TOIMINTAKULUT -5 000 000 -200 000 -5 200 000 -5 150 000 50 000",
             "Toimintakate -4 000 000 -200 000 -4 200 000 -4 050 000 150 000", "Tuloslaskelmaosa",
             f"Milj. € {HEADER}", "Verotulot 171 -3 168 166 -2", "Valtionosuudet 98 1 99 99 0"]
    reading, _plan_ = _plan(lines)
    assert [t.scale for t in reading.tables] == [1, 1_000_000]
    assert 171_000_000_00 in _adopted(lines)[(ROOT[0], "Verotulot")]
    units = [f"SIVISTYSLAUTAKUNTA {HEADER}", *LAUTAKUNTA[:1], *LAUTAKUNTA[3:4], f"TEKN. LAUTAKUNTA {HEADER}",
             *SECOND[:2]]
    assert {unit for unit, _account in _adopted(["Esimerkkilän kaupunki", "Tilinpäätös 2024", *units])} == {
        "SIVISTYSLAUTAKUNTA", "TEKN-LAUTAKUNTA"}


def test_a_caption_of_column_or_chart_words_names_no_unit():
    """`Menot ja tulot`, `Talousarvio`, `Ed. vuoden` above a table are its caption, not a unit's name: the table,
    whose unit nothing names, is listed; `Toteutumavertailu` is a caption and the heading above it the unit."""
    for caption in ("Menot ja tulot", "Talousarvio", "Ed. vuoden"):
        lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "Tämä on lautakunnan toiminnan kuvaus.", caption,
                 *STACKED, *FIRST]
        assert _adopted(lines) == {}, caption
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "SIVISTYSLAUTAKUNTA", "Toteutumavertailu", *STACKED, *FIRST]
    assert {unit for unit, _account in _adopted(lines)} == {"SIVISTYSLAUTAKUNTA"}


def test_a_section_title_numbered_with_a_full_stop_still_names_the_budget_part():
    """`4.3. Investointiosa` above an investment table: a title, no sentence's tail; the rows are the
    investointiosa's lines, as under `4.3 Investointiosa`."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "4.3. Investointiosa", HEADER,
             "Investointimenot -2 000 000 -200 000 -2 200 000 -2 100 000 100 000",
             "Investointitulot 500 000 0 500 000 650 000 150 000"]
    reading, _plan_ = _plan(lines)
    assert reading.tables[0].part == "investointi"


def test_a_summary_row_with_an_empty_cell_reads_what_every_fitting_reading_agrees_on():
    """Seinäjoki's 8.5 as text: `100Vaalit B 606 606 530 76 420 420 369 -51` fits TA or MUUTOS empty on each
    side alike. The cells every fitting reading agrees on (TA+MUUTOS 606, Toteutuma 530, Poikkeama 76) are
    read; the 606 whose column the text does not tell is listed, with why, never taken as a TA or a change."""
    from pathlib import Path

    text = Path(__file__).parents[1].parent / "shared" / "books" / "seinajoki-tp-2024" / \
        "seinajoki_tp2024_8-5_yhteenveto_maararahat_tuloarviot.txt"
    reading = layout.read_text_layout(text.read_text(encoding="utf-8").split("\n"), year=2024)
    maararahat = next(t for t in reading.tables if "Määrärahat" in t.title)
    vaalit = next(r for r in maararahat.rows if r.label.startswith("100Vaalit"))
    assert {role: c.value for role, c in vaalit.cells.items() if role not in vaalit.listed_cells} == {
        "TA+MUUTOS": 606_00, "TOTEUMA": 530_00, "POIKKEAMA": 76_00}
    assert set(vaalit.listed_cells) == {"TA"} and "TA / MUUTOS" in vaalit.listed_cells["TA"]
    assert {item.role for item in reading.listed if item.line == vaalit.line} == {"TA"}  # listed for that cell


def test_a_figure_whose_column_the_text_does_not_tell_is_never_compared_nor_recorded():
    """The 8.1 blocks and the 8.5 summary as one text: 100Vaalit's TA+MUUTOS, Toteutuma and Poikkeama are
    checked against the block's figures to the euro; its 606 (TA or MUUTOS) is listed with why and compared
    with nothing, so no contradiction is said of a column it may not be in; ``_unread`` lists the TA+MUUTOS
    beside such a figure wherever the row would otherwise be recorded."""
    from pathlib import Path

    from ledger.books.blocks import read_blocks

    folder = Path(__file__).parents[1].parent / "shared" / "books" / "seinajoki-tp-2024"
    lines = []
    for name in ("seinajoki_tp2024_8-1_kayttotalous_tulosalueet", "seinajoki_tp2024_8-5_yhteenveto_maararahat_tuloarviot"):
        lines += (folder / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    blocks = read_blocks(lines)
    reading = layout.read_text_layout(lines, skip={c.line for c in blocks.cells}, year=2024)
    index, table = next((i, t) for i, t in enumerate(reading.tables) if "Määrärahat" in t.title)
    vaalit = next(r for r in table.rows if r.label.startswith("100Vaalit"))
    said = {s.role: s for s in layoutplan.statuses(reading, blocks) if s.table == index and s.line == vaalit.line}
    assert {role: s.status for role, s in said.items()} == {
        "TA": "listed", "TA+MUUTOS": "checked", "TOTEUMA": "checked", "POIKKEAMA": "checked"}
    assert "TA / MUUTOS" in said["TA"].why and not vaalit.finding
    assert set(layoutplan._unread(vaalit)) == {"TA", "TA+MUUTOS"}


#: a prose paragraph that names two columns' words (`Talousarvion`, `kustan-`) and ends in a date, not a figure
SUMMARY_PROSE = ["Talousarvion täytäntöönpano-ohjeissa on määrätty, että useamman vuoden hankkeiden kustan-",
                 "nuksia seurataan. Valtuusto korotti 6.5.2024 hankkeen määrärahaa 470.000 eurolla."]
#: the summary by unit of Kauhava's 2.5: the city's row first, then its lautakunnat; `464 250 463 437` reads as
#: 464 | 250 463 437 too, but only 464 250 | 463 437 is the printed 99,8 %
BY_UNIT = ["KÄYTTÖTALOUSOSAN TOTEUTUMINEN", "Toimintatuotot TA2024 TP 2024 Tot. %",
           "Esimerkkilän kaupunki 1 928 850 3 083 516 159,9 %", "Keskusvaalilautakunta 84 000 85 666 102,0 %",
           "Kaupunginhallitus 1 133 100 2 219 916 195,9 %", "Elämänlaatulautakunta 464 250 463 437 99,8 %",
           "Ympäristölautakunta 247 500 314 497 127,1 %",
           "Toimintakulut TA2024 TP 2024 Käyttö%", "Esimerkkilän kaupunki -10 722 630 -10 509 988 98,0 %",
           "Keskusvaalilautakunta -141 850 -134 626 94,9 %", "Kaupunginhallitus -6 610 980 -6 467 698 97,8 %",
           "Elämänlaatulautakunta -3 085 660 -2 978 383 96,5 %", "Ympäristölautakunta -884 140 -929 281 105,1 %"]
#: the change from last year, `Muutos` stacked over `€` and `%`; the city's change one euro off its rounded parts
YEAR_ON_YEAR = ["KÄYTTÖTALOUDEN VUOSIMUUTOS", "Muutos Muutos", "Toimintatuotot TP 2024 TP 2023 € %",
                "Esimerkkilän kaupunki 3 083 516 616 400 2 467 115 400,2 %",
                "Keskusvaalilautakunta 85 666 28 894 56 772 196,5 %", "Kaupunginhallitus 2 219 916 0 2 219 916 0,0 %",
                "Elämänlaatulautakunta 463 437 419 736 43 701 10,4 %",
                "Ympäristölautakunta 314 497 167 770 146 727 87,5 %"]


def _summary_book() -> list[str]:
    return ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "2.4 Investointien toteutuminen", *SUMMARY_PROSE,
            "2.5 Yhteenveto talousarvion toteutumisesta", *BY_UNIT, *YEAR_ON_YEAR]


def _statuses_of(lines: list[str], first: str) -> dict[str, str]:
    """Each cell's status of the rows from the line ``first`` to the end of its table, by `line ROLE`."""
    reading, plan = _plan(lines)
    start = lines.index(first) + 1
    index = next(i for i, t in enumerate(reading.tables) if start in t.header_lines)
    return {f"{s.line} {s.role}": s.status for s in plan.statuses if s.table == index}


def test_a_summary_by_unit_in_text_is_checked_whole_after_prose_that_names_column_words():
    """Rows ending in `%` are figures, so the summary's second header starts a table of its own; prose naming
    `Talousarvion` and `kustan-` starts none; each unit's TA and TP, the city's too, is checked against the
    city's row, none listed: the split the printed percent holds settles `464 250 463 437`."""
    lines = _summary_book()
    reading, _plan_ = _plan(lines)
    assert not any(lines.index(SUMMARY_PROSE[0]) + 1 in t.header_lines for t in reading.tables)
    for header, rows in (("Toimintatuotot TA2024 TP 2024 Tot. %", 5), ("Toimintakulut TA2024 TP 2024 Käyttö%", 5)):
        said = _statuses_of(lines, header)
        assert len(said) == rows * 3 and set(said.values()) == {"checked"}, said
    table = next(t for t in reading.tables if t.rows and t.rows[0].label == "Esimerkkilän kaupunki")
    elama = next(r for r in table.rows if r.label == "Elämänlaatulautakunta")
    assert (elama.cells["TA"].value, elama.cells["TOTEUMA"].value) == (464_250_00, 463_437_00)


def test_a_percent_that_no_split_holds_leaves_the_row_unread():
    """`464 250 463 437 12,0 %`: no split gives its TP as 12 % of its TA, so the row is listed, never guessed;
    the city's total over it then holds for no reading and its table is listed too."""
    lines = [line.replace("463 437 99,8 %", "463 437 12,0 %") for line in _summary_book()]
    said = _statuses_of(lines, "Toimintatuotot TA2024 TP 2024 Tot. %")
    assert "checked" not in said.values()


def test_the_change_from_last_year_under_a_stacked_header_is_checked_to_the_printed_unit():
    """`Muutos Muutos` over `Toimintatuotot TP 2024 TP 2023 € %`: TP, last year's TP, the change and its
    percent, as the PDF gives them; the city's change 2 467 115 against 3 083 516 − 616 400 = 2 467 116 is
    one euro off two rounded figures, so its row is read; nothing is recorded, every cell checked."""
    lines = _summary_book()
    reading, _plan_ = _plan(lines)
    start = lines.index("Muutos Muutos") + 1
    table = next(t for t in reading.tables if start in t.header_lines)
    assert table.roles == ["TOTEUMA", "OTHER-YEAR", "YEAR-CHANGE", "CHANGE-%"] and table.confirmed
    assert table.title == "Toimintatuotot"
    said = _statuses_of(lines, "Muutos Muutos")
    assert len(said) == 5 * 4 and "recorded" not in said.values()
    assert said[f"{lines.index(YEAR_ON_YEAR[3]) + 1} YEAR-CHANGE"] == "checked"


#: Kauhava's VEROTULOJEN TOTEUTUMINEN as text: its cells stack their words over one to three lines, bottom-aligned,
#: and a line carries the words of several cells (`Vuosi-` / `muutos` / `%` beside `Vuosi-` / `muutos`, `Tot. %` whole)
TAXES = ["VEROTULOJEN TOTEUTUMINEN", "Vuosi-", "Ta TP Poik- TP Vuosi- muutos",
         "(1000€) 2024 2024 keama Tot. % 2023 muutos %",
         "Verotulot 30 000 31 000 1 000 103,3 % 29 000 2 000 6,9 %",
         "Kunnan tulovero 24 000 25 000 1 000 104,2 % 23 000 2 000 8,7 %",
         "Kiinteistövero 4 000 3 800 - 200 95,0 % 3 700 100 2,7 %",
         "Osuus yhteisöveron tuotosta 2 000 2 200 200 110,0 % 2 300 - 100 -4,3 %"]


def test_a_header_whose_cells_stack_their_words_over_different_lines_is_cut_into_its_columns():
    """Each column takes a run of words of each of some lines down to the bottom one, and its words are a
    column's whole phrase: `Ta 2024 | TP 2024 | Poikkeama | Tot. % | TP 2023 | Vuosimuutos | Vuosimuutos %`.
    Each tax's TA and TP are recorded in thousands, the rest checked (their total, the poikkeama, the percents,
    last year's TP and the change from it), nothing listed."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", *TAXES]
    reading, plan = _plan(lines)
    (table,) = reading.tables
    assert table.words == ["Ta 2024", "TP 2024", "Poikkeama", "Tot. %", "TP 2023", "Vuosimuutos", "Vuosimuutos %"]
    assert table.roles == ["TA", "TOTEUMA", "POIKKEAMA", "PCT", "OTHER-YEAR", "YEAR-CHANGE", "CHANGE-%"]
    assert table.confirmed and [lines[n - 1] for n in table.header_lines] == TAXES[1:4]
    read = {row.label: {role: c.value for role, c in row.cells.items() if role in ("TA", "OTHER-YEAR")}
            for row in table.rows}
    assert read["Kiinteistövero"] == {"TA": 4_000_00, "OTHER-YEAR": 3_700_00} and table.scale == 1000
    assert {s.status for s in plan.statuses} == {"recorded", "checked"}
    assert sorted((s.line, s.role) for s in plan.statuses if s.status == "recorded") == [
        (n, role) for n in (8, 9, 10) for role in ("TA", "TOTEUMA")]


#: a toteutumisvertailu's header set with its cells centred: `Toteutuma` and `Poikkeama` (one line) between the lines
#: of the two-line cells, the three-line cell's middle word on their line
CENTRED = ["Talousarvio", "Alkuperäinen Talousarvio-", "muutosten Toteutuma Poikkeama", "talousarvio muutokset",
           "jälkeen"]


def test_a_header_whose_cells_are_centred_is_read_in_the_budgets_order_of_columns():
    """No line holds both a two-line cell and a one-line one, so the text alone could set `Toteutuma` before
    `Alkuperäinen talousarvio`; the one order that prints the budget's columns as books do, TA, MUUTOS,
    TA+MUUTOS, TOTEUMA, POIKKEAMA, is read, and every row's arithmetic confirms it."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "Rahoitusosan toteutuminen", *CENTRED,
             "Investointimenot -15 000 000 -200 000 -15 200 000 -12 000 000 3 200 000",
             "Rahoitusosuudet investointimenoihin 400 000 100 000 500 000 450 000 -50 000"]
    reading, _plan_ = _plan(lines)
    (table,) = reading.tables
    assert table.words == ["Alkuperäinen talousarvio", "Talousarviomuutokset", "Talousarvio muutosten jälkeen",
                           "Toteutuma", "Poikkeama"]
    assert table.roles == ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"] and table.confirmed
    assert {row.label: row.cells["MUUTOS"].value for row in table.rows} == {
        "Investointimenot": -200_000_00, "Rahoitusosuudet investointimenoihin": 100_000_00}


@pytest.mark.parametrize("header", [
    ["Alkuperäinen 1. lisätalous- 2. lisätalous- TA muutosten Toteutuma Poikkeama", "TA arvio arvio jälkeen"],
    ["Alkuperäinen TA Muutos Muutos TA muutosten jälkeen Toteutuma Poikkeama"],
    ["Alkuperäinen TA TA-muutokset TA-muutokset TA muutosten jälkeen Toteutuma Poikkeama"]])
def test_a_text_table_printing_each_lisatalousarvio_in_a_column_of_its_own_records_nothing(header):
    """The year's changes in two columns, as text: no column is taken for the year's TA-muutos, so no TA is
    recorded off by the other change (Valtionosuudet's 1 500, not 1 520)."""
    rows = ["Toimintatuotot 1 000 100 50 1 150 1 200 50", "Toimintakulut -5 000 -200 -100 -5 300 -5 250 50",
            "Verotulot 3 000 0 0 3 000 3 100 100", "Valtionosuudet 1 500 0 20 1 520 1 520 0"]
    _reading, plan = _plan(["Esimerkkilän kaupunki", "Tilinpäätös 2024", "Tuloslaskelmaosa 1 000 €", *header, *rows])
    assert plan.plan.events == [] and "recorded" not in {s.status for s in plan.statuses}


def test_a_text_row_printing_a_euro_sign_after_each_amount_reads_as_one_printing_none():
    """`Maksutuotot 400 € 0 € 400 € 450 € 50 €` read as no row, and said nothing; it reads as the row without its
    signs, while a title's `1000€` over two tables still states their scale (`Määrärahat 1000€ Tuloarviot
    1000€`)."""
    top = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "Tuloslaskelmaosa", *STACKED[1:]]
    plain = [*top, "Toimintatuotot 1 000 0 1 000 1 100 100", "Myyntituotot 600 0 600 650 50",
             "Maksutuotot 400 0 400 450 50"]
    signed = [*top, "Toimintatuotot 1 000 € 0 € 1 000 € 1 100 € 100 €", "Myyntituotot 600€ 0€ 600€ 650€ 50€",
              "Maksutuotot 400 € 0 € 400 € 450 € 50 €"]
    (read_plain, plan_plain), (read_signed, plan_signed) = _plan(plain), _plan(signed)
    assert read_signed.tables[0].roles == read_plain.tables[0].roles and read_signed.tables[0].confirmed
    assert [(s.line, s.role, s.status) for s in plan_signed.statuses] == \
        [(s.line, s.role, s.status) for s in plan_plain.statuses] and plan_signed.plan.events
    assert layout._euros_out("Määrärahat 1000€ Tuloarviot 1000€") == "Määrärahat 1000€ Tuloarviot 1000€"


def test_a_text_row_printing_its_binding_marker_after_its_figures_reads_as_one_printing_it_after_its_label():
    """`Myyntituotot 600 0 600 650 50 B`: the binding level in a column after the figures (the PDF passes over
    that column) read as no row, and the import said nothing of it; it reads as `Myyntituotot B 600 …` does."""
    top = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "Tuloslaskelmaosa", *STACKED[1:]]
    rows = ["Toimintatuotot 1 000 0 1 000 1 100 100", "Myyntituotot 600 0 600 650 50", "Maksutuotot 400 0 400 450 50"]
    after = [*top, *(f"{row} B" for row in rows)]
    label = [*top, *(row.replace(" ", " B ", 1) for row in rows)]
    (read_after, plan_after), (read_label, plan_label) = _plan(after), _plan(label)
    assert [r.label for r in read_after.tables[0].rows] == ["Toimintatuotot", "Myyntituotot", "Maksutuotot"]
    assert [(s.line, s.role, s.status) for s in plan_after.statuses] == \
        [(s.line, s.role, s.status) for s in plan_label.statuses] and plan_after.plan.events


@pytest.mark.parametrize("mark", [" *", " 1)", " (2)", "¹", " *)"])
def test_a_text_row_marked_for_a_footnote_reads_as_one_with_no_mark(mark):
    """`Myyntituotot 1) 600 …` and `Myyntituotot 600 … 50 *`: the row's account, cells and statuses as the row
    printing no mark, from the label or after the figures alike."""
    top = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "Tuloslaskelmaosa", *STACKED[1:]]
    rows = ["Toimintatuotot 1 000 0 1 000 1 100 100", "Myyntituotot 600 0 600 650 50", "Maksutuotot 400 0 400 450 50"]
    plain, after = _plan([*top, *rows]), _plan([*top, rows[0], f"{rows[1]}{mark}", rows[2]])
    label = _plan([*top, rows[0], rows[1].replace(" ", f"{mark} ", 1), rows[2]])
    for read, plan in (after, label):
        assert [r.account for r in read.tables[0].rows] == [r.account for r in plain[0].tables[0].rows]
        assert [(s.line, s.role, s.status) for s in plan.statuses] == \
            [(s.line, s.role, s.status) for s in plain[1].statuses] and plan.plan.events
    assert layout._footnote_to_label("Kunnan tulovero 24 000 12") == "Kunnan tulovero 24 000 12"


def test_a_text_row_whose_one_reading_contradicts_its_toteuma_percent_is_not_read():
    """A header word the reader does not know (`Yhteensä` over the poikkeama) loses its column, so the rows print
    a figure more than the table has columns: `Muut rahoituskulut … -2 040 774 72,5` read one way, its toteuma
    joined with the poikkeama (−2 040 774). Its printed 72,5 % says otherwise, so the row is listed."""
    rows = ["Verotulot 1 499 0 1 499 4 878 3 379 325,4", "Valtionosuudet 2 200 0 2 200 4 712 2 512 214,2",
            "Korkotuotot 2 782 0 2 782 1 882 -900 67,6", "Korkokulut -4 398 -132 -4 530 -2 292 2 238 50,6",
            "Muut rahoituskulut -2 814 0 -2 814 -2 040 774 72,5"]
    reading, plan = _plan(["Esimerkkilän kaupunki", "Tilinpäätös 2024", "Tuloslaskelmaosa",
                           "Budget Talousarvion muutokset Ta lisätalousarvioineen Tot. Yhteensä Toteuma%", *rows])
    assert not any(type(e).__name__ == "TpRecorded" for e in plan.plan.events)
    assert 9 in {item.line for item in reading.listed}


def test_a_header_word_naming_no_column_alone_keeps_its_column_and_reads_no_row_into_it():
    """`… Tp Yhteensä`: `Yhteensä` names no column alone (it ends phrases: `TA yhteensä`), so the header was read
    without it and each row's poikkeama joined its toteuma (`1 581 170` for `1 581 | 170`). The column is kept,
    as no role: nothing of the table is recorded, its rows listed."""
    rows = ["Verotulot 1 406 5 1 411 1 581 170", "Valtionosuudet 3 736 267 4 003 2 148 -1 855",
            "Korkotuotot 4 545 0 4 545 1 178 -3 367", "Korkokulut 3 638 279 3 917 4 454 537"]
    reading, plan = _plan(["Esimerkkilän kaupunki", "Tilinpäätös 2024", "Tuloslaskelmaosa",
                           "Ursprunglig budget Määrärahan muutos Ta + lisätalousarviot Tp Yhteensä", *rows])
    assert reading.tables[0].words[-1] == "Yhteensä" and plan.plan.events == []
    assert {item.line for item in reading.listed} == {5, 6, 7, 8}


@pytest.mark.parametrize(("above", "bottom", "columns"), [
    # a percent's word above its `%`, not the poikkeama's phrase beside it (`Erotus %` is a change's %)
    ("Fg Urspr. Budjetti Förverkligat", "år budget Tilläggsanslag yhteensä Toteutuma Erotus %",
     ["fg år", "urspr. budget", "tilläggsanslag", "budjetti yhteensä", "toteutuma", "erotus", "förverkligat %"]),
    # a phrase whole on the bottom line (`Tot. %`, `Budget efter ändr.`, `Verkligt utfall`) beside stacked ones
    ("Alkup.", "talousarvio Lisätalousarvio Budjetti+muutos Toteutuma Poikkeama Tot. %",
     ["alkup. talousarvio", "lisätalousarvio", "budjetti+muutos", "toteutuma", "poikkeama", "tot. %"]),
    ("Toteutuma", "Ta Budgetändring Budget efter ändr. Toteutuneet Ero %",
     ["ta", "budgetändring", "budget efter ändr.", "toteutuneet", "ero", "toteutuma %"]),
    ("Poikkeama", "Alkuperäinen määräraha Määrärahamuutos Budget och ändringar Verkligt utfall €",
     ["alkuperäinen määräraha", "määrärahamuutos", "budget och ändringar", "Verkligt utfall", "poikkeama €"])])
def test_a_stacked_header_keeps_each_column_its_own_phrase(above, bottom, columns):
    """Bottom-aligned cells of one, two or three words, as a text reader stacks them: a `%` under its column's word
    (`Förverkligat` over `%`) is that column's, not the phrase beside it on its line; a phrase the bottom line
    prints whole is one column. Read otherwise, a column was lost and each row's poikkeama joined its toteuma
    (`3 468 -866` read as 3 468 866 with no sign)."""
    assert layout._stacked_text_header([above], bottom) == ("", columns)


@settings(max_examples=examples(60), deadline=None)
@given(worded_columns())
def test_whatever_words_head_a_text_tables_columns_no_figure_is_recorded_wrong(columns):
    """As from a PDF (test_books_layouts): any header of the vocabulary's phrases or unknown words, on one line of
    text, records only the book's money: each account's TA with its changes is its TA+MUUTOS, its toteutuma its
    TOTEUMA."""
    words, rows, truth = columns
    _reading, plan = _plan(["Esimerkkilän kaupunki", "Tilinpäätös 2024", "Tuloslaskelmaosa", " ".join(words),
                            *(f"{account} {' '.join(values)}" for account, values in rows)])
    ledger = ledger_money(plan)
    assert all(truth[account][column] == amount for (account, column), amount in ledger.items()), ledger


def test_a_stacked_header_the_text_cuts_two_ways_reads_no_column():
    """`TA Vuosi- Poikkeama` over `2024 muutos %` is `Vuosimuutos % | Poikkeama` set top-aligned or `Vuosimuutos |
    Poikkeama %` set bottom-aligned: only the words' places would tell, so no row is read as either."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "VEROTULOT (1000 €)", "TA Vuosi- Poikkeama", "2024 muutos %",
             "Kunnan tulovero 24 000 2 000 8,7 % 1 000", "Kiinteistövero 4 000 100 2,7 % - 200"]
    assert layout._aligned_text_header(lines, 5) is None
    _reading, plan = _plan(lines)
    assert "recorded" not in {s.status for s in plan.statuses}


#: column headings of the books' toteutumisvertailu tables, word by word
HEADINGS = (("Alkuperäinen", "talousarvio"), ("Talousarvio-", "muutokset"), ("Talousarvio", "muutosten", "jälkeen"),
            ("Toteutuma",), ("Poikkeama",), ("Poik-", "keama"), ("Ta", "2024"), ("TP", "2024"), ("TP", "2023"),
            ("Tot.", "%"), ("Käyttö-", "%"), ("Vuosi-", "muutos"), ("Vuosi-", "muutos", "%"), ("TA-muutokset",),
            ("TA", "muutosten", "jälkeen"), ("Muutos", "€"), ("Muutos", "%"), ("Talousarvio",), ("Toteutuma", "€"),
            ("TP", "2023", "€"), ("Talousarvio", "2024"), ("Budjetti",), ("Ero", "%"))


def _budget_place(words: tuple[str, ...]) -> int | None:
    """Where a column of no year stands among the budget's: TA, MUUTOS, TA+MUUTOS, TOTEUMA, POIKKEAMA."""
    role = layout.role_of(layout._dehyphenate(list(words)))
    if any(w.isdigit() for w in words) or role not in layout.AMOUNT_ROLES:
        return None
    return layout.AMOUNT_ROLES.index(role)


@st.composite
def _set_header(draw) -> tuple[list[str], list[str]]:
    """A header as a PDF sets it and ``extract_text`` gives it: the budget's columns in their order among
    others, each column's words wrapped at its width, every cell aligned to the header's bottom, its top or its
    middle, each line the words of every cell that prints one at its height (a centred cell of one line between
    the lines of a cell of two)."""
    headings = draw(st.lists(st.sampled_from(HEADINGS), min_size=2, max_size=7))
    budget = [k for k, words in enumerate(headings) if _budget_place(words) is not None]
    for k, words in zip(budget, sorted((headings[k] for k in budget), key=_budget_place)):
        headings[k] = words  # the budget's columns of no year in the order books print them
    align = draw(st.sampled_from((0, 1, Fraction(1, 2))))  # the share of a cell's free lines above it
    cells = []
    for words in headings:
        width = draw(st.integers(4, 22))
        wrapped: list[list[str]] = [[]]
        for word in words:
            if wrapped[-1] and len(" ".join([*wrapped[-1], word])) > width:
                wrapped.append([])
            wrapped[-1].append(word)
        cells.append(wrapped)
    height = max(len(c) for c in cells)
    lines: dict[Fraction, list[str]] = {}
    for wrapped in cells:
        for k, words in enumerate(wrapped):
            lines.setdefault((height - len(wrapped)) * align + k, []).extend(words)
    return [layout._dehyphenate(list(words)) for words in headings], [" ".join(lines[at]) for at in sorted(lines)]


@settings(max_examples=examples(300), deadline=None)
@given(_set_header())
def test_a_stacked_header_is_cut_into_its_own_columns_or_read_as_none(header):
    """Whatever the widths and the alignment, the cut the text gives is the header's own columns, in order, or
    none where the text alone does not tell (two cuts; a centred cell on lines no other shares, whose place
    among the others no line tells; a cell whose words make no phrase whole)."""
    columns, lines = header
    found = layout._aligned_text_header(["Tilinpäätös 2024", *lines], len(lines) + 1)
    assert found is None or found[1][1] == columns


def test_budget_columns_in_whole_euros_beside_actuals_to_the_cent_are_read_where_the_arithmetic_holds():
    """Kauhava's rahoitusosa prints its budget in euros and its actuals to the cent (`486 100 323 000 809 100
    462 409,89 -346 690,11`): a cents group ends a figure, the whole euros before it split every way, and the
    one split whose TA + MUUTOS = TA+MUUTOS and POIKKEAMA = TOTEUMA − TA+MUUTOS is read, to the cent. A row
    with an empty cell (`-3 000 000 -3 000 000 …`: no TA or no MUUTOS) lists that figure, never guessed."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "2.6 Rahoitusosan toteutuminen",
             "Alkuperäinen Talousarvio- Talousarvio Toteutuma Poikkeama", "talousarvio muutokset muutosten jäl-",
             "keen", "Toiminta ja investoinnit",
             "Rahoitusosuudet investointimenoihin 486 100 323 000 809 100 462 409,89 -346 690,11",
             "Pysyvien vastaavien hyödykk. luovutustulot 50 000 10 000 60 000 159 805,00 99 805,00",
             "Antolainasaamisten lisäykset muille -3 000 000 -3 000 000 -4 052 320,00 -1 052 320,00"]
    reading, plan = _plan(lines)
    (table,) = reading.tables
    assert table.roles == ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"] and table.confirmed
    read = {row.label: {role: c.value for role, c in row.cells.items()} for row in table.rows}
    assert read["Rahoitusosuudet investointimenoihin"] == {
        "TA": 486_100_00, "MUUTOS": 323_000_00, "TA+MUUTOS": 809_100_00, "TOTEUMA": 462_409_89,
        "POIKKEAMA": -346_690_11}
    assert read["Pysyvien vastaavien hyödykk. luovutustulot"]["TOTEUMA"] == 159_805_00
    antolainat = next(r for r in table.rows if r.label == "Antolainasaamisten lisäykset muille")
    assert set(antolainat.listed_cells) == {"TA"} and read[antolainat.label]["TOTEUMA"] == -4_052_320_00


def test_a_zero_group_starts_no_figure_to_the_cent():
    """`0 885 301,00` is a zero and 885 301,00, never one figure: books print no `0 123`."""
    assert layout._values(("0", "885", "301,00"), 1) == []
    assert [0, 885_301_00] in layout._mixed_values(("0", "885", "301,00"), 2)


#: Kauhava's ULKOINEN TULOSLASKELMA as text: `Talousarvio`, `Muutos`, `Muutos` over their units, `Toteuma €`,
#: `Toteuma %` and `TP 2023` on the bottom line alone, a percent between the money columns; prose above it
#: says amounts in millions, which is no scale of the table
EXTERNAL = ["Kaikkiaan kaupunki sai verotuloja 33,6 miljoonaa euroa, mikä on lähes 1,7 miljoonaa.",
            "Yhteisövero kertyi reilu 0,1 miljoonaa vähemmän, 2,8 miljoonaa euroa.",
            "ULKOINEN TULOSLASKELMA", "Talousarvio Muutos Muutos", "€ Toteuma € Toteuma % TP 2023 € %",
            "TOIMINTATUOTOT 6 228 970 7 725 767 124,0 % 7 920 011 -194 243 -2,5 %",
            "Myyntituotot 1 880 870 2 348 868 124,9 % 3 055 838 -706 970 -23,1 %",
            "Maksutuotot 586 130 653 910 111,6 % 745 490 -91 581 -12,3 %"]


def test_a_percent_between_money_columns_is_read_off_each_row_and_prose_in_millions_states_no_scale():
    """Each `€` or `%` under a word of the line above takes that word in order (`Talousarvio €`, `Muutos €`,
    `Muutos %`), one after a column's own word is its unit (`Toteuma €`, `Toteuma %`); each row's `124,0 %`
    is its Toteuma-%, wherever it stands; the money is read in euros, never as the prose's millions."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", *EXTERNAL]
    reading, _plan_ = _plan(lines)
    (table,) = reading.tables
    assert table.words == ["Talousarvio €", "Toteuma €", "Toteuma %", "TP 2023", "Muutos €", "Muutos %"]
    assert table.roles == ["TA", "TOTEUMA", "PCT", "OTHER-YEAR", "YEAR-CHANGE", "CHANGE-%"] and table.confirmed
    assert table.scale == 1
    maksu = next(r for r in table.rows if r.label == "Maksutuotot")
    assert {role: c.value for role, c in maksu.cells.items()} == {
        "TA": 586_130_00, "TOTEUMA": 653_910_00, "PCT": 111_60, "OTHER-YEAR": 745_490_00, "YEAR-CHANGE": -91_581_00,
        "CHANGE-%": -12_30}


def test_minus_signs_the_text_sets_on_the_line_above_go_where_the_arithmetic_places_them():
    """`- - -` over `TOIMINTAKULUT 46 525 690,00 0,00 46 525 690,00 46 216 718,06 308 971,94`: three of the
    row's figures are negative, and only TA, TA+MUUTOS and Toteuma negative make Poikkeama = Toteuma −
    TA+MUUTOS; the signs' line is no heading. A row whose signs no placement fits is listed."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "2.3 Tuloslaskelmaosan toteutuminen", "Talousarvio",
             "Alkuperäinen Talousarvio- muutosten", "talousarvio muutokset jälkeen Toteutuma Poikkeama",
             "TOIMINTATUOTOT 6 228 970,00 0,00 6 228 970,00 7 725 767,34 1 496 797,34",
             "- - -", "TOIMINTAKULUT 46 525 690,00 0,00 46 525 690,00 46 216 718,06 308 971,94",
             "-", "Toimintakate -40 296 720,00 0,00 -40 296 720,00 38 490 950,72 1 805 769,28",
             "- -", "Verotulot 31 902 000,00 0,00 31 902 000,00 33 595 351,41 1 693 351,41"]
    reading, _plan_ = _plan(lines)
    (table,) = reading.tables
    read = {row.label: {role: c.value for role, c in row.cells.items()} for row in table.rows}
    assert read["TOIMINTAKULUT"] == {"TA": -46_525_690_00, "MUUTOS": 0, "TA+MUUTOS": -46_525_690_00,
                                     "TOTEUMA": -46_216_718_06, "POIKKEAMA": 308_971_94}
    assert read["Toimintakate"]["TOTEUMA"] == -38_490_950_72
    assert "Verotulot" not in read and not any(row.headings for row in table.rows)


def test_a_scale_stated_over_two_tables_side_by_side_is_their_title_not_a_note_of_the_table_above():
    """`Määrärahat 1000€ Tuloarviot 1000€` states the scale once per table beside it; standing right above
    the next header it titles that table, never the one above it (whose euros would become thousands)."""
    assert layout.statement("Määrärahat 1000€ Tuloarviot 1000€") == (1000, "1000 €")
    above = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "8.3 Investointiosa", HEADER,
             "Investointimenot -2 000 000 -200 000 -2 200 000 -2 100 000 100 000",
             "Investointitulot 500 000 0 500 000 650 000 150 000"]
    lines = above + ["Määrärahat 1000€ Tuloarviot 1000€", HEADER,
                     "Investointimenot -2 000 -200 -2 200 -2 100 100", "Investointitulot 500 0 500 650 150"]
    reading, _plan_ = _plan(lines)
    assert [t.scale for t in reading.tables] == [1, 1000]


def test_a_table_whose_every_row_has_an_empty_change_reads_all_but_the_figure_in_doubt():
    """Kauhava's verotulot in 1000 € as text: no row prints a change, so each fits TA or MUUTOS alike. The
    table is read (before, no row settled and its columns went unread): TA+MUUTOS, Toteuma and Poikkeama, the
    minus sign set apart in `4 327 - 179` joined to its figure; the 4 506 whose column the text does not tell
    is listed, never recorded as a TA or a change."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "Verotulot (1000 €)", "Talousarvio",
             "Alkuperäinen Talousarvio- muutosten", "talousarvio muutokset jälkeen Toteutuma Poikkeama",
             "Verotulot 31 902 31 902 33 595 1 693", "Kunnan tulovero 24 420 24 420 26 441 2 021",
             "Kiinteistövero 4 506 4 506 4 327 - 179", "Osuus yhteisöveron tuo-", "tosta 2 976 2 976 2 827 - 149"]
    reading, plan = _plan(lines)
    (table,) = reading.tables
    assert table.confirmed and table.scale == 1000
    kiinteisto = next(r for r in table.rows if r.label == "Kiinteistövero")
    assert {role: c.printed for role, c in kiinteisto.cells.items() if role not in kiinteisto.listed_cells} == {
        "TA+MUUTOS": 4_506_00, "TOTEUMA": 4_327_00, "POIKKEAMA": -179_00}
    assert all(set(r.listed_cells) == {"TA"} for r in table.rows) and len(table.rows) == 4
    assert not any(s.status == "recorded" and s.role in ("TA", "MUUTOS") for s in plan.statuses)


def _printed(cents: int) -> str:
    """A figure as the book prints it to the cent, its thousands apart (`-1 052 320,00`)."""
    sign, euros = "-" if cents < 0 else "", f"{abs(cents) // 100:,}".replace(",", " ")
    return f"{sign}{euros},{abs(cents) % 100:02d}"


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(st.tuples(st.integers(0, 99_999_999), st.integers(0, 99), st.booleans()), min_size=1, max_size=5))
def test_a_row_mixing_whole_euros_and_cents_has_its_printed_figures_among_its_readings(figures):
    """Whole euros and figures to the cent side by side, as a text row prints them: the figures as printed
    are one of ``_mixed_values``' readings of as many figures, and every reading is of that many (the row's
    arithmetic then picks one, or none and the row is listed)."""
    cells = [euros * 100 + (cents if to_cent else 0) for euros, cents, to_cent in figures]
    printed = [_printed(c) if to_cent else f"{c // 100:,}".replace(",", " ")
               for c, (_euros, _cents, to_cent) in zip(cells, figures)]
    readings = layout._mixed_values(tuple(" ".join(printed).split()), len(cells))
    assert cells in readings
    assert all(len(reading) == len(cells) for reading in readings)


def test_a_row_of_more_digit_groups_than_its_columns_could_hold_is_listed_unsplit():
    """Fifty-four groups under five columns: no figure prints more than five groups, so the row has no
    reading (splitting it every way took seconds a row) and is listed."""
    groups = " ".join(["111", "222", "333", "444", "555", "666", "777", "888", "999"] * 6)
    assert layout._values(tuple(groups.split()), 5) == [] == layout._mixed_values(tuple(groups.split()), 5)
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", HEADER, *ROWS, f"Rivi {groups}"]
    reading = layout.read_text_layout(lines, year=2024)
    assert any(item.line == len(lines) for item in reading.listed)


#: an investointiosa and the list of projects its Rakennukset breaks down into, as extract_text gives them: rows
#: with empty cells (5020: no talousarvio; 6008: no toteutuma), a sum rounded to the euro (6617: 363 136 − 4 700
#: printed 358 435) and a total whose toteutuma is its rows' rounded sum (1 596 004 printed 1 596 005)
PROJECTS_TEXT = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "8.3 Investointien toteutuminen",
                 "INVESTOINTIOSA Alkuperäinen Talousarvio- Talousarvio Toteutuma Poikkeama",
                 "talousarvio muutokset muutosten -yli / +alle", "jälkeen", "MENOT",
                 "Rakennukset 1 515 000 105 000 1 620 000 1 600 704 19 296",
                 "Kadunrakentaminen 1 109 100 0 1 109 100 1 078 614 30 486",
                 "Menot yhteensä 2 624 100 105 000 2 729 100 2 679 318 49 782",
                 "Rakennusten toteutuminen",
                 "Edellisten Talous- Toteutuma Poikkeama Kustannukset", "vuosien arvio 2024 yhteensä", "käyttö 2024",
                 "5000 Alakylän koulu 128 565 330 000 364 535 -34 535 493 100",
                 "5020 Kirjamatin koulun perustukset 283 919 0 283 919",
                 "5049 Torikeskuksen parkkihalli 50 000 48 774 1 226 48 774",
                 "6008 Kaupungintalon peruskorjaus 10 000 10 000 0",
                 "6617 Törnävän koulun peruskorjaus 363 136 0 -4 700 4 700 358 435",
                 "6619 Yhteiskoulun peruskorjaus 15 662 430 1 230 000 1 187 395 42 605 16 849 825",
                 "Menot yhteensä 16 438 050 1 620 000 1 596 005 23 995 18 034 054"]


def test_a_project_lists_rows_with_empty_cells_are_read_as_its_arithmetic_and_total_place_them():
    """`5020 … 283 919 0 283 919` reads as use before, a 0 and use so far (their sum) or as talousarvio,
    toteutuma 0 and poikkeama (their difference): the row alone cannot tell, so it is never taken as a
    talousarvio by the one relation it tests; the list's total, within the rounding of the euros its rows
    print, says use before and use so far, and the 0 whose column nothing tells is listed. Use so far is use
    before plus toteutuma to the printed euro; `Talous-` is the column each poikkeama is checked against. The
    list then breaks Rakennukset down, each project opened under it."""
    reading, plan = _plan(PROJECTS_TEXT)
    projects = next(t for t in reading.tables if "PRIOR" in t.roles)
    rows = {row.label.split()[0]: row for row in projects.rows}
    cells = {code: {role: c.value for role, c in row.cells.items() if role not in row.listed_cells}
             for code, row in rows.items()}
    assert cells["5020"] == {"PRIOR": 283_919_00, "CUMULATIVE": 283_919_00}
    assert "TA+MUUTOS / TOTEUMA / POIKKEAMA" in rows["5020"].listed_cells["TA+MUUTOS"]
    assert cells["6008"] == {"TA+MUUTOS": 10_000_00, "POIKKEAMA": 10_000_00, "CUMULATIVE": 0}
    assert cells["6617"]["CUMULATIVE"] == 358_435_00 and projects.confirmed
    opened = {e.code for e in plan.plan.events if type(e).__name__ == "ProjectOpened"}
    assert {"5000", "5020", "6008", "6617", "6619"} <= opened
    budgets = {line.unit: line.amount for e in plan.plan.events if type(e).__name__ == "BreakdownStated"
               and e.column in ("TA", "TA+MUUTOS") for line in e.lines}
    assert budgets["6008"] == -10_000_00 and budgets["6619"] == -1_230_000_00 and "5020" not in budgets


def test_a_budget_books_rows_are_read_by_their_difference_to_the_frame_and_by_the_toimintakate():
    """Lapua's TA 2025 as text. `Ero raamiin` is TA − Raami: it places a row's figures where its digit groups
    split several ways (`4 360 988 4 356 200 4 426 402 4 503 000 76 598`). A city's table of four unrelated
    columns printing expenses positive: its `Valmistus omaan käyttöön 435 232 512 000 400 000 400 000` splits
    several ways; Toimintakate = tuotot + valmistus − kulut in every column says which, so each TA is read."""
    lines = ["Esimerkkilän kaupunki", "TALOUSARVIO 2025", "Kokonaistalous", "TP 2023 TA 2024 Raami 2025 TA 2025",
             "Toimintatuotot 11 598 583 10 994 000 11 161 402 11 215 840",
             "Valmistus omaan käyttöön 435 232 512 000 400 000 400 000",
             "Toimintakulut 47 550 139 49 265 130 52 256 900 51 199 319",
             "Toimintakate -35 516 324 -37 759 130 -40 695 498 -39 583 479",
             "TEKNINEN LAUTAKUNTA TP 2023 TA 2024 Raami 2025 TA 2025 Ero raamiin",
             "Toimintatuotot 4 360 988 4 356 200 4 426 402 4 503 000 76 598",
             "Valmistus omaan käyttöön 432 910 512 000 400 000 400 000 0",
             "Toimintakulut -14 366 259 -15 842 100 -16 100 000 -15 840 300 259 700",
             "Toimintakate -9 572 362 -10 973 900 -11 273 598 -10 937 300 336 298"]
    reading = layout.read_text_layout(lines, year=2025)
    plan = layoutplan.plan_layout(LedgerState(), reading, year=2025, root=ROOT, source="e.txt", digest="5" * 64,
                                  author="testi", now=NOW)
    adopted = {(line.unit, line.account): line.amount for e in plan.plan.events if type(e).__name__ == "TaAdopted"
               for line in e.lines}
    city = "KOKONAISTALOUS"  # the title names the table's unit
    assert adopted[(city, "TOIMINTATUOTOT")] == 11_215_840_00 and adopted[(city, "TOIMINTAKULUT")] == -51_199_319_00
    assert adopted[(city, "Valmistus omaan käyttöön")] == 400_000_00
    assert adopted[("TEKNINEN-LAUTAKUNTA", "TOIMINTATUOTOT")] == 4_503_000_00
    assert adopted[("TEKNINEN-LAUTAKUNTA", "TOIMINTAKULUT")] == -15_840_300_00
    assert {s.role for s in plan.statuses if s.status == "recorded"} == {"TA"}


_AMOUNT = st.one_of(st.none(), st.integers(0, 9_999) .map(lambda k: k * 1_000), st.integers(0, 20_000_000))


def _euros(value: int) -> str:
    return f"{value:,}".replace(",", " ")


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.tuples(_AMOUNT, _AMOUNT, _AMOUNT), min_size=1, max_size=5))
def test_a_project_list_in_text_never_reads_a_figure_into_another_column(projects):
    """Any project list (use before, talousarvio, toteutuma, each maybe empty; poikkeama and use so far what
    they give), printed as extract_text prints it with its total: every figure the reader takes stands in
    its own column (a 0 where its column prints 0 or nothing: the same money), and a row it cannot place is
    listed, never guessed."""
    rows, truth = [], {}
    for i, (prior, budget, actual) in enumerate(projects):
        cells = {"PRIOR": prior, "TA": budget, "TOTEUMA": actual,
                 "POIKKEAMA": None if budget is None and actual is None else (budget or 0) - (actual or 0),
                 "CUMULATIVE": None if prior is None and actual is None else (prior or 0) + (actual or 0)}
        truth[5 + i] = {role: v * 100 for role, v in cells.items() if v is not None}
        rows.append(f"{5000 + i} Hanke {'ABCDE'[i]} " + " ".join(_euros(v) for v in cells.values() if v is not None))
    sums = {role: sum(t.get(role, 0) for t in truth.values()) // 100 for role in
            ("PRIOR", "TA", "TOTEUMA", "POIKKEAMA", "CUMULATIVE")}
    lines = ["Tilinpäätös 2024", "Edellisten Talous- Toteutuma Poikkeama Kustannukset", "vuosien arvio 2024 yhteensä",
             "käyttö 2024", *rows, "Yhteensä " + " ".join(_euros(v) for v in sums.values())]
    truth[len(lines)] = {role: v * 100 for role, v in sums.items()}
    _taken_as_printed(lines, truth, lambda role: "TA" if role in ("TA", "TA+MUUTOS") else role)


def _taken_as_printed(lines: list[str], truth: dict[int, dict[str, int]], column=lambda role: role,
                      labels: dict[int, str] | None = None) -> None:
    """Every cell a confirmed table of the text reads (not listed, its row not failed) is the one its line prints
    in the column ``column`` names for its role (0 where that column prints nothing), under the row's label
    where ``labels`` gives it."""
    for table in layout.read_text_layout(lines, year=2024).tables:
        for row in (r for r in table.rows if table.confirmed and not r.failed):  # else listed, never recorded
            assert row.label == (labels or {}).get(row.line, row.label), (row.label, row.line)
            for role, cell in row.cells.items():
                if role in row.listed_cells or row.line not in truth:
                    continue
                want = truth[row.line].get(column(role), 0)
                assert abs(cell.value) == abs(want), (row.label, role, cell.value, want)


_CHANGE = st.one_of(st.none(), st.integers(-500, 500).map(lambda k: k * 1_000))


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.tuples(_AMOUNT, _CHANGE, _AMOUNT), min_size=1, max_size=5), st.booleans())
# found by this property: a row and its total printing the same digits (beside rows of zeros) read in any
# columns alike, `-1 000 100 000 101 000` taken as one figure: the table was confirmed by that total alone;
# `Hanke vaihe 2 2 2` read as a TA+MUUTOS of 2 under `Hanke vaihe` (its TOTEUMA 2 and poikkeama 2, as the total says)
@example(lines_=[(None, None, None), (0, -1000, 100000)], phases=False)
@example(lines_=[(None, None, None), (None, 0, None), (0, -1000, 100000)], phases=False)
@example(lines_=[(None, None, None), (None, None, 2)], phases=True)
@example(lines_=[(None, None, 0)], phases=True)
def test_a_toteutumisvertailu_in_text_never_reads_a_figure_into_another_column(lines_, phases):
    """Any toteutumisvertailu (TA, its change, the toteutuma, each maybe empty; TA+MUUTOS and poikkeama what
    they give) under a header stacked over three lines, with its total, its projects named by a letter or by
    a phase's number (`Hanke vaihe 2`): every figure the text reader takes is its column's (a 0 where the column
    prints 0 or nothing), under its row's label; what it cannot place it lists."""
    rows, truth = [], {}
    labels = {6 + i: f"Hanke vaihe {i + 1}" if phases else f"Hanke {'ABCDE'[i]}" for i in range(len(lines_))}
    for i, (budget, change, actual) in enumerate(lines_):
        amended = None if budget is None and change is None else (budget or 0) + (change or 0)
        cells = {"TA": budget, "MUUTOS": change, "TA+MUUTOS": amended, "TOTEUMA": actual,
                 "POIKKEAMA": None if amended is None and actual is None else (actual or 0) - (amended or 0)}
        truth[6 + i] = {role: v * 100 for role, v in cells.items() if v is not None}
        rows.append(f"{labels[6 + i]} " + " ".join(_euros(v) for v in cells.values() if v is not None))
    sums = {role: sum(t.get(role, 0) for t in truth.values()) // 100 for role in
            ("TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA")}
    lines = ["Tilinpäätös 2024", "Investoinnit", *STACKED, *rows, "Yhteensä " + " ".join(_euros(v) for v in sums.values())]
    truth[len(lines)] = {role: v * 100 for role, v in sums.items()}
    _taken_as_printed(lines, truth, labels=labels)


def test_a_change_printed_as_its_size_is_read_in_the_direction_of_its_line():
    """Kauhava's rahoitusosa as text: `Investointimenot -15 660 700 220 000 -15 880 700 …` fits no reading as
    printed (−15 660 700 + 220 000 is not −15 880 700); the change printed as its size does, and the table says
    so, as from a PDF: the TA-muutos is −220 000 (the costs grew), the revenue's +323 000 as printed."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "2.6 Rahoitusosan toteutuminen",
             "RAHOITUSOSA Alkuperäinen Talousarvio- Talousarvio Toteutuma Poikkeama",
             "talousarvio muutokset muutosten", "jälkeen",
             "Investointimenot -15 660 700 220 000 -15 880 700 -12 331 778 3 548 922",
             "Rahoitusosuudet investointimenoihin 486 100 323 000 809 100 462 410 -346 690"]
    reading, plan = _plan(lines)
    assert "MUUTOS read in the direction of its line" in reading.tables[0].changes_read
    amended = {line.account: line.amount for e in plan.plan.events if type(e).__name__ == "TaAmended"
               for line in e.lines}
    assert amended == {"Investointimenot": -220_000_00, "Rahoitusosuudet investointimenoihin": 323_000_00}


#: a tuloslaskelmaosa in euros to the cent, printing every MUUTOS (0,00 where there is none)
TULOSLASKELMAOSA = ["2.3 Tuloslaskelmaosan toteutuminen", "Talousarvio",
                    "Alkuperäinen Talousarvio- muutosten", "talousarvio muutokset jälkeen Toteutuma Poikkeama",
                    "TOIMINTATUOTOT 6 228 970,00 0,00 6 228 970,00 7 725 767,34 1 496 797,34",
                    "TOIMINTAKULUT -46 525 690,00 0,00 -46 525 690,00 -46 216 718,06 308 971,94",
                    "Toimintakate -40 296 720,00 0,00 -40 296 720,00 -38 490 950,72 1 805 769,28",
                    "Verotulot 31 902 000,00 0,00 31 902 000,00 33 595 351,41 1 693 351,41"]
#: its Verotulot broken down in thousands, an empty MUUTOS on every row, a label wrapped over two lines
VEROTULOT = ["Talousarvio", "Alkuperäinen Talousarvio- muutosten",
             "talousarvio muutokset jälkeen Toteutuma Poikkeama",
             "Verotulot 31 902 31 902 33 595 1 693", "Kunnan tulovero 24 420 24 420 26 441 2 021",
             "Kiinteistövero 4 506 4 506 4 327 - 179", "Osuus yhteisöveron tuo-", "tosta 2 976 2 976 2 827 - 149",
             "Kaupunki sai vuonna 2024 kunnallista tuloveroa 26,4 miljoonaa euroa."]


def test_a_figure_in_doubt_is_placed_by_the_same_account_stated_in_another_table():
    """`Verotulot 31 902 31 902 33 595 1 693` fits an empty TA or an empty MUUTOS. The tuloslaskelmaosa above
    prints Verotulot's TA 31 902 000,00 and MUUTOS 0,00: the row is read with its TA, to the rounding of its
    thousands; its three parts, whose every figure fits either way too, are then settled by it, each column
    summing to its own (the wrapped `Osuus yhteisöveron tuo-` / `tosta` named as the chart names it)."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", *TULOSLASKELMAOSA, "Verotulojen erittely (1 000 €)",
             *VEROTULOT]
    reading = layout.read_text_layout(lines, year=2024)
    erittely = next(t for t in reading.tables if any(r.label == "Kunnan tulovero" for r in t.rows))
    read = {r.label: {role: c.value for role, c in r.cells.items()} for r in erittely.rows}
    assert read["Verotulot"] == {"TA": 31_902_00, "TA+MUUTOS": 31_902_00, "TOTEUMA": 33_595_00, "POIKKEAMA": 1_693_00}
    assert read["Kunnan tulovero"]["TA"] == 24_420_00 and read["Osuus yhteisöveron tuotosta"]["TA"] == 2_976_00
    assert all(not r.listed_cells and "MUUTOS" not in r.cells for r in erittely.rows)
    assert not [item for item in reading.listed if item.line > len(lines) - len(VEROTULOT)]


def test_a_figure_in_doubt_stays_listed_where_the_other_statement_disagrees():
    """The same erittely after a tuloslaskelmaosa whose Verotulot went through an amendment (TA 0, MUUTOS
    31 902 000): its TA-or-MUUTOS figure is placed where that statement says, MUUTOS; and where no reading
    agrees with another table (a TA of 30 000 000), the figure stays listed, with why."""
    changed = [*TULOSLASKELMAOSA[:-1], "Verotulot 0,00 31 902 000,00 31 902 000,00 33 595 351,41 1 693 351,41"]
    reading = layout.read_text_layout(["Tilinpäätös 2024", *changed, "(1 000 €)", *VEROTULOT], year=2024)
    verotulot = next(r for t in reading.tables for r in t.rows if r.label == "Verotulot" and t.scale == 1000)
    assert verotulot.cells["MUUTOS"].value == 31_902_00 and "TA" not in verotulot.cells
    other = [*TULOSLASKELMAOSA[:-1], "Verotulot 30 000 000,00 1 902 000,00 31 902 000,00 33 595 351,41 1 693 351,41"]
    reading = layout.read_text_layout(["Tilinpäätös 2024", *other, "(1 000 €)", *VEROTULOT], year=2024)
    verotulot = next(r for t in reading.tables for r in t.rows if r.label == "Verotulot" and t.scale == 1000)
    assert set(verotulot.listed_cells) == {"TA"}


#: a rahoitusosa whose budget prints whole euros and its actuals cents, then the next statement by year
RAHOITUSOSA = ["2.6 Rahoitusosan toteutuminen", "Alkuperäinen Talousarvio- Talousarvio Toteutuma Poikkeama",
               "talousarvio muutokset muutosten jäl-", "keen", "Toiminnan rahavirta",
               "Vuosikate 4 780 470 100 000 4 880 470 9 551 587,40 4 671 117,40",
               "Tulorahoituksen korjauserät -25 000 -5 000 -30 000 -25 130,19 4 869,81",
               "Investointimenot -15 660 700 220 000 -15 440 700 -12 331 778,01 3 108 921,99",
               "Rahoitusosuudet investointimenoihin 486 100 323 000 809 100 462 409,89 -346 690,11",
               "Lyhytaikaisten lainojen muutos 0 -4 567 075,00 -4 567 075,00"]
STATEMENT = ["3 Tilinpäätöslaskelmat", "3.1 Tuloslaskelma", "2024 2023",
             "TOIMINTATUOTOT 7 725 767,34 7 920 010,67", "Satunnaiset kulut 0,00 0,00",
             "Peruspääoma 36 430 262,72 36 430 262,72"]


def test_a_row_fits_only_as_the_table_prints_its_columns():
    """`Lyhytaikaisten lainojen muutos 0 -4 567 075,00 -4 567 075,00` fits as a 0 budget beside its actual and
    deviation, or as a TA 0 and a change of -4 567 075,00 to the cent. The rows above print every budget column in
    whole euros and the actuals to the cent, so the change reading is dropped: the actual and the deviation are
    read, and the 0, whose column (TA, MUUTOS or TA+MUUTOS) the text still does not tell, is listed."""
    reading = layout.read_text_layout(["Esimerkkilän kaupunki", "Tilinpäätös 2024", *RAHOITUSOSA], year=2024)
    row = next(r for t in reading.tables for r in t.rows if r.label == "Lyhytaikaisten lainojen muutos")
    read = {role: c.value for role, c in row.cells.items() if role not in row.listed_cells}
    assert read == {"TOTEUMA": -4_567_075_00, "POIKKEAMA": -4_567_075_00}
    assert list(row.listed_cells) == ["TA"] and "TA+MUUTOS" in row.listed_cells["TA"]


def test_a_line_of_years_ends_a_text_table():
    """The tuloslaskelma after the rahoitusosa prints `2024 2023` over its columns: its rows are no rahoitusosa
    rows (`Peruspääoma 36 430 262,72 36 430 262,72` is no actual and deviation), whatever they would fit."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", *RAHOITUSOSA, *STATEMENT]
    reading = layout.read_text_layout(lines, year=2024)
    after = len(lines) - len(STATEMENT)
    assert not [r.label for t in reading.tables for r in t.rows if r.line > after]
    assert not [item for item in reading.listed if item.line > after]


def test_no_figure_of_more_than_four_digit_groups_is_read():
    """`Hanke vaihe 1 1 1 101 000 100 999` (a phase's number run into TA 1, TA+MUUTOS 1, TOTEUMA 101 000 and its
    poikkeama): read as a TOTEUMA of 1 101 000 100 999 € it tested a relation, and its total confirmed it. No
    book prints a figure of five digit groups (a thousand times any city's budget): that reading is none."""
    assert all(abs(v) < 10 ** 12 * 100 for count in range(1, 6)
               for found in layout._values(("1", "1", "1", "101", "000", "100", "999"), count) for v in found)
    lines = ["Tilinpäätös 2024", "Investoinnit", *STACKED, "Hanke vaihe 1 1 1 101 000 100 999",
             "Yhteensä 1 1 101 000 100 999"]
    reading = layout.read_text_layout(lines, year=2024)
    assert all(abs(c.value) < 10 ** 12 * 100 for t in reading.tables for r in t.rows for c in r.cells.values())


def test_a_label_ending_in_a_number_is_read_with_it_where_that_tests_more():
    """`Koulukeskus vaihe 2 150 000 20 000 170 000 160 000 -10 000`: with the 2 as a figure the row tests no
    relation of the table; without it, TA + MUUTOS = TA+MUUTOS and the poikkeama both hold. The 2 ends the label:
    the row is read under `Koulukeskus vaihe 2`, and the total then settles the row beside it."""
    rows = ["Koulukeskus vaihe 2 150 000 20 000 170 000 160 000 -10 000", "Päiväkoti 50 000 50 000 55 000 5 000",
            "Yhteensä 200 000 20 000 220 000 215 000 -5 000"]
    reading = layout.read_text_layout(["Tilinpäätös 2024", "Investoinnit", *STACKED, *rows], year=2024)
    read = {r.label: {role: c.value for role, c in r.cells.items()} for t in reading.tables for r in t.rows}
    assert read["Koulukeskus vaihe 2"] == {"TA": 150_000_00, "MUUTOS": 20_000_00, "TA+MUUTOS": 170_000_00,
                                           "TOTEUMA": 160_000_00, "POIKKEAMA": -10_000_00}
    assert read["Päiväkoti"]["TA"] == 50_000_00 and reading.listed == []


def test_a_label_number_that_fits_as_a_figure_too_is_left_to_the_total():
    """`Hanke vaihe 2 2 2`: a TOTEUMA of 2 and its poikkeama under `Hanke vaihe 2`, or a TA+MUUTOS of 2 under
    `Hanke vaihe`; the row's own arithmetic favours the second. Its total (TA+MUUTOS 0, TOTEUMA 2) holds only
    with the first, and the row is read so. Where the figures fit as well either way and no total tells
    (`Hanke vaihe 1 0 0`), the row is listed, saying so, and nothing of it is read."""
    reading = layout.read_text_layout(["Tilinpäätös 2024", "Investoinnit", *STACKED, "Hanke vaihe 2 2 2",
                                       "Yhteensä 0 0 0 2 2"], year=2024)
    read = {r.label: {role: c.value for role, c in r.cells.items()} for t in reading.tables for r in t.rows}
    assert read["Hanke vaihe 2"] == {"TOTEUMA": 2_00, "POIKKEAMA": 2_00} and "Hanke vaihe" not in read
    rows = ["Hanke vaihe 1 0 0", "Koulu 5 000 5 000 4 000 -1 000", "Yhteensä 5 000 0 5 000 4 000 -1 000"]
    reading = layout.read_text_layout(["Tilinpäätös 2024", "Investoinnit", *STACKED, *rows], year=2024)
    assert not [r for t in reading.tables for r in t.rows if r.label.startswith("Hanke")]
    assert [(item.text, item.why.key, item.why.params) for item in reading.listed] == [
        ("Hanke vaihe 1 0 0", "layout.text_label_number", {"number": "1"})]



#: the header of Seinäjoki's 8.5 summary as text: määrärahat and tuloarviot side by side, in thousands
SIDE_BY_SIDE = ["Määrärahat 1000€ Tuloarviot 1000€",
                "*) Alkup. TA:n TA muu- Toteu- Poik- Alkup. TA:n TA muu- Toteu- Poik-",
                "talous- muu- tosten tuma keama talous- muu- tosten tuma keama",
                "B arvio tokset jälkeen arvio tokset jälkeen", "INVESTOINTIOSA"]


def test_a_row_printing_both_sides_is_read_though_its_account_names_one():
    """`Maa- ja vesialueet` is an investment expense in the chart, and the row prints the land's sales beside its
    costs. The account's side was let pick among the row's readings, and it left none: the row was listed. It
    picks only among readings of one side; this row is read on both, as printed (its marker B kept in the label)."""
    lines = ["Tilinpäätös 2024", *SIDE_BY_SIDE, "Kadunrakentaminen B 11 109 1 200 12 309 10 786 1 523 540 540 297 -243",
             "Maa- ja vesialueet B 900 950 1 850 2 180 -330 1 000 1 000 1 142 142"]
    reading = layout.read_text_layout(lines, year=2024)
    read = {(t.side, r.label): {role: c.value for role, c in r.cells.items() if role not in r.listed_cells}
            for t in reading.tables for r in t.rows}
    assert read[("kulu", "Maa- ja vesialueet B")] == {"TA": 900_00, "MUUTOS": 950_00, "TA+MUUTOS": 1_850_00,
                                                  "TOTEUMA": 2_180_00, "POIKKEAMA": -330_00}
    assert read[("tuotto", "Maa- ja vesialueet B")] == {"TA+MUUTOS": 1_000_00, "TOTEUMA": 1_142_00, "POIKKEAMA": 142_00}


def test_a_row_printing_one_side_is_read_on_the_side_an_earlier_table_states_it():
    """`Puistorakentaminen B 490 490 471 19` fits the määrärahat or the tuloarviot alike, its TA or its change
    alike. The investointiosa above states Puistorakentaminen among the costs, TA 490 000 and TOTEUMA 471 261:
    the one reading that is so (to the thousand) is read. Without that table the row stays listed."""
    investointiosa = ["Tilinpäätös 2024", "8.3 Investointiosa", HEADER, "Menot",
                      "Puistorakentaminen -490 000 0 -490 000 -471 261 18 739",
                      "Hulevesiviemärit -1 755 000 0 -1 755 000 -1 131 110 623 890",
                      "Menot yhteensä -2 245 000 0 -2 245 000 -1 602 371 642 629"]
    summary = [*SIDE_BY_SIDE, "Kadunrakentaminen B 11 109 1 200 12 309 10 786 1 523 540 540 297 -243",
               "Puistorakentaminen B 490 490 471 19"]
    reading = layout.read_text_layout(investointiosa + summary, year=2024)
    read = {(t.side, r.label): {role: c.value for role, c in r.cells.items()} for t in reading.tables for r in t.rows}
    assert read[("kulu", "Puistorakentaminen B")] == {"TA": 490_00, "TA+MUUTOS": 490_00, "TOTEUMA": 471_00,
                                                    "POIKKEAMA": 19_00}
    assert ("tuotto", "Puistorakentaminen B") not in read
    alone = layout.read_text_layout(["Tilinpäätös 2024", *summary], year=2024)
    assert [item.text for item in alone.listed if item.why.key == "layout.text_columns"] == [summary[-1]]


def test_a_dash_alone_between_figures_is_an_empty_cell_where_no_minus_reading_holds():
    """`Toimintatuotot 1 000 - 1 000 1 200 200`: the dash, set apart from the figures, was taken for the next
    figure's minus (TA 1 000, then -1 000), and no reading held: the row was listed. Read as an empty change it
    holds, and the row is read. `Toimintakulut -5 000 - 200 …` reads with its minus, as the arithmetic says; so
    does the second dash of `Verotulot 500 - 500 400 - 100`, whose first alone is the empty cell."""
    lines = ["Esimerkkilän kunta", "Tilinpäätös 2024", "Tuloslaskelmaosa 1000 €", HEADER,
             "Toimintatuotot 1 000 - 1 000 1 200 200", "Toimintakulut -5 000 - 200 -5 200 -5 100 100",
             "Toimintakate -4 000 -200 -4 200 -3 900 300", "Verotulot 500 - 500 400 - 100"]
    reading = layout.read_text_layout(lines, year=2024)
    read = {r.label: {role: c.value for role, c in r.cells.items()} for t in reading.tables for r in t.rows}
    assert read["Toimintatuotot"] == {"TA": 1_000_00, "TA+MUUTOS": 1_000_00, "TOTEUMA": 1_200_00, "POIKKEAMA": 200_00}
    assert read["Toimintakulut"]["MUUTOS"] == -200_00 and read["Verotulot"]["POIKKEAMA"] == -100_00
    assert [item.line for item in reading.listed] == [8]  # Verotulot's 500: TA or MUUTOS, the text does not tell
