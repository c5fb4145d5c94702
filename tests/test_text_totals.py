"""From a book's text alone (no positions), a row with an empty cell can fit its own arithmetic in two
ways (`Puistot 490 490 471 19`: no TA, or no MUUTOS); the stated total below it settles which, where one
reading of the block's rows makes every column sum to the total. Where the totals cannot tell (a 0 sums
the same in any column) the row stays listed; where there is no total, or none that a reading sums to, the
cells every reading agrees on are read and the figure whose column is in doubt is listed, never placed."""

from __future__ import annotations

from ledger.books import layout

HEADER = "INVESTOINTIOSA Alkuperäinen Talousarvio- Talousarvio Toteutuma Poikkeama"
#: the header's three lines as the book prints them
HEAD = [HEADER, "talousarvio muutokset muutosten -yli / +alle", "jälkeen"]


def _rows(reading: layout.LayoutReading) -> dict[str, dict[str, int]]:
    (table,) = reading.tables
    return {r.label: {role: c.printed // 100 for role, c in r.cells.items()} for r in table.rows}


def _listed(reading: layout.LayoutReading) -> list[int]:
    return [item.line for item in reading.listed]


def test_the_total_below_settles_which_cell_is_empty():
    text = [*HEAD,
            "Rakennukset 1 000 100 1 100 1 050 50",
            "Puistot 490 490 471 19",
            "Kadut 300 -20 280 250 30",
            "Menot yhteensä 1 790 80 1 870 1 771 99"]
    reading = layout.read_text_layout(text)
    assert _rows(reading)["Puistot"] == {"TA": 490, "TA+MUUTOS": 490, "TOTEUMA": 471, "POIKKEAMA": 19}
    assert _listed(reading) == []


def test_the_same_row_under_another_total_is_read_the_other_way():
    text = [*HEAD,
            "Rakennukset 1 000 100 1 100 1 050 50",
            "Puistot 490 490 471 19",
            "Kadut 300 -20 280 250 30",
            "Menot yhteensä 1 300 570 1 870 1 771 99"]
    assert _rows(layout.read_text_layout(text))["Puistot"] == {
        "MUUTOS": 490, "TA+MUUTOS": 490, "TOTEUMA": 471, "POIKKEAMA": 19}


def _in_doubt(reading: layout.LayoutReading, label: str, table: int = 0) -> dict[str, str]:
    """The cells of a row listed while the rest of it is read, and why."""
    return next(r.listed_cells for r in reading.tables[table].rows if r.label == label)


def test_without_a_total_or_with_one_no_reading_fits_the_figure_in_doubt_is_listed_and_the_rest_read():
    no_total = [*HEAD,
                "Rakennukset 1 000 100 1 100 1 050 50", "Puistot 490 490 471 19", "Kadut 300 -20 280 250 30"]
    wrong_total = no_total + ["Menot yhteensä 1 400 570 1 870 1 771 99"]  # neither reading sums to it
    for text in (no_total, wrong_total):
        reading = layout.read_text_layout(text)
        puistot = _rows(reading)["Puistot"]
        assert {role: puistot[role] for role in ("TA+MUUTOS", "TOTEUMA", "POIKKEAMA")} == {
            "TA+MUUTOS": 490, "TOTEUMA": 471, "POIKKEAMA": 19} and "MUUTOS" not in puistot
        assert set(_in_doubt(reading, "Puistot")) == {"TA"} and "TA / MUUTOS" in _in_doubt(reading, "Puistot")["TA"]


def test_a_zero_the_total_cannot_place_stays_listed_and_the_rest_of_its_block_is_settled():
    text = [*HEAD,
            "Rakennukset 0 0",
            "Puistot 490 490 471 19",
            "Kadut 300 -20 280 250 30",
            "Menot yhteensä 790 -20 770 721 49"]
    reading = layout.read_text_layout(text)
    assert 4 in _listed(reading) and "Rakennukset" not in _rows(reading)
    assert _rows(reading)["Puistot"]["TA"] == 490


STATEMENT = ["TULOSLASKELMAOSA Alkuperäinen Talousarvio- Talousarvio Toteutuma Poikkeama",
             "talousarvio muutokset muutosten -yli / +alle", "jälkeen",
             "Verotulot 171 000 -3 000 168 000 166 889 -1 111",
             "Valtionosuudet 25 000 0 25 000 24 049 -951",
             "Korkokulut -500 100 -400 -350 50"]
ERITTELY = ["VEROTULOJEN ERITTELY Alkuperäinen Talousarvio- Talousarvio Toteutuma Poikkeama",
            "talousarvio muutokset muutosten -yli / +alle", "jälkeen",
            "Kunnan tulovero 124 000 -4 000 120 000 120 464 464",
            "Osuus yhteisöveron tuotosta 15 500 15 500 15 376 -124",
            "Kiinteistövero 31 500 1 000 32 500 31 049 -1 451"]


def test_an_erittely_without_a_total_is_settled_by_the_account_an_earlier_table_states():
    reading = layout.read_text_layout(STATEMENT + ERITTELY)
    erittely = {r.label: {role: c.printed // 100 for role, c in r.cells.items()} for r in reading.tables[1].rows}
    assert erittely["Osuus yhteisöveron tuotosta"] == {"TA": 15_500, "TA+MUUTOS": 15_500, "TOTEUMA": 15_376,
                                                       "POIKKEAMA": -124}
    assert [item.line for item in reading.listed] == []


def test_an_erittely_that_is_not_all_of_its_account_settles_no_figure_in_doubt():
    partial = ERITTELY[:4] + ERITTELY[5:]  # no Osuus yhteisöveron tuotosta: the parts do not sum to Verotulot
    reading = layout.read_text_layout(STATEMENT + partial + ["Muut verotulot 15 000 15 000 14 800 -200"])
    assert set(_in_doubt(reading, "Muut verotulot", table=1)) == {"TA"}
