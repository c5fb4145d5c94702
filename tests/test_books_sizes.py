"""A toteutumisvertailu that prints each TA-muutos as a size in the direction of its line (a negative
expense line's increase printed positive), or a Poikkeama as |TOTEUMA| − |TA+MUUTOS|, on some rows and
signed on others: each row is read by the reading its own arithmetic confirms (its change the sign its TA
to TA+MUUTOS gives) and the preview says which rows were read how; a total's change fitting no reading
(the sum of its parts' sizes) is the one cell listed, with why; a row fitting none is listed whole, never
recorded with a guessed sign."""

from __future__ import annotations

from ledger.books.layoutplan import LISTED
from test_books_layouts import _book, _plan, _recorded, _statuses

HEADER = [["Alkuperäinen", "Muutokset", "Muutettu", "Toteutuma", "Poikkeama"],
          ["talousarvio", None, "talousarvio", None, None]]


def _rows(margin_change: str) -> list[tuple[str, list[str | None]]]:
    """Toimintatuotot, Toimintakulut (negative: its increase of 200 printed as the size 200) and Toimintakate
    (its change −150 printed as ``margin_change``); Poikkeama as TOTEUMA − TA+MUUTOS."""
    return [("Toimintatuotot", ["1 000", "50", "1 050", "1 100", "50"]),
            ("Toimintakulut", ["-5 000", "200", "-5 200", "-5 100", "100"]),
            ("Toimintakate", ["-4 000", margin_change, "-4 150", "-4 000", "150"])]


def test_changes_printed_as_sizes_are_read_with_their_lines_sign_and_said():
    reading, plan = _plan(_book("Tuloslaskelmaosan toteutuminen", HEADER, _rows("150")))
    table = reading.tables[0]
    assert table.confirmed and table.changes_read.key == "layout.changes_as_sizes"
    assert not any(s.status == LISTED for s in plan.statuses)
    assert _recorded(plan)[("TOIMINTAKULUT", "TA+MUUTOS")] == -5_200_00
    margin = next(c for c in table.checks if c.what.endswith("Toimintakate MUUTOS"))
    assert margin.stated == margin.computed == -150_00  # the size 150 of a negative line: −150
    assert all(c.ok for c in table.checks)


def test_rows_printing_their_change_signed_or_as_a_size_are_each_read_by_their_arithmetic():
    # the margin prints its change signed while the expenses print theirs as a size: each row adds up one way
    reading, plan = _plan(_book("Tuloslaskelmaosan toteutuminen", HEADER, _rows("-150")))
    table = reading.tables[0]
    assert table.confirmed and table.changes_read.key == "layout.changes_sized_rows"
    assert table.changes_read.params["rows"] == "Toimintakulut"
    assert not any(s.status == LISTED for s in plan.statuses)
    assert _recorded(plan)[("TOIMINTAKULUT", "TA+MUUTOS")] == -5_200_00
    kulut = next(r for r in table.rows if r.label == "Toimintakulut")
    assert kulut.cells["MUUTOS"].printed == 200_00  # the book's figure as printed; read as −200
    assert table.ledger(kulut, "MUUTOS") == -200_00
    assert all(c.ok for c in table.checks)


def test_a_totals_change_fitting_no_reading_is_the_one_cell_listed_with_why():
    # the margin's change as the sum of the printed sizes (50 + 200) where its TA to TA+MUUTOS is −150
    reading, plan = _plan(_book("Tuloslaskelmaosan toteutuminen", HEADER, _rows("250")))
    table = reading.tables[0]
    assert table.confirmed
    margin = next(r for r in table.rows if r.label == "Toimintakate")
    listed = [s for s in plan.statuses if s.status == LISTED]
    assert [(s.line, s.role) for s in listed] == [(margin.line, "MUUTOS")]
    assert listed[0].why.key == "layout.change_not_difference"
    assert listed[0].why.params["printed"] == "250" and listed[0].why.params["difference"] == "-150"
    assert _recorded(plan)[("TOIMINTAKULUT", "TA+MUUTOS")] == -5_200_00
    assert not any(c.what.endswith("Toimintakate MUUTOS") for c in table.checks)
    assert {c.what.rsplit(" ", 1)[1] for c in table.checks if c.line == margin.line} >= {"TA", "TA+MUUTOS"}
    assert all(c.ok for c in table.checks)


def test_a_total_whose_parts_do_not_confirm_its_ta_is_listed_whole():
    # the margin's TA is not its parts' (−3 900, not −4 000): which of its cells is wrong, nothing tells
    rows = _rows("300")
    rows[2] = ("Toimintakate", ["-3 900", "300", "-4 150", "-4 000", "150"])
    reading, plan = _plan(_book("Tuloslaskelmaosan toteutuminen", HEADER, rows))
    margin = next(r for r in reading.tables[0].rows if r.label == "Toimintakate")
    assert margin.failed.key == "layout.ta_muutos" and not margin.listed_cells
    assert all(s.status == LISTED for (line, _r), s in _statuses(plan).items() if line == margin.line)
    assert not any(c.line == margin.line for c in reading.tables[0].checks)


def test_a_row_fitting_no_reading_is_listed_whole():
    # an expense line (no total) whose change is neither −200 signed nor the size 200: nothing records it
    rows = _rows("-150")
    rows[1] = ("Toimintakulut", ["-5 000", "300", "-5 200", "-5 100", "100"])
    reading, plan = _plan(_book("Tuloslaskelmaosan toteutuminen", HEADER, rows))
    kulut = next(r for r in reading.tables[0].rows if r.label == "Toimintakulut")
    assert kulut.failed.key == "layout.ta_muutos"
    assert all(s.status == LISTED for (line, _r), s in _statuses(plan).items() if line == kulut.line)
    assert not any(k[0] == "TOIMINTAKULUT" for k in _recorded(plan))


def _previewed(tmp_path, margin_change: str) -> str:
    """`kirjuri import` previewing a PDF of ``_rows(margin_change)`` on a new ledger: its words on one line."""
    from test_books_layouts import PDF_EDGES, _pdf
    from test_cli import kirjuri

    lines = [[("Esimerkkilän kunta, tuloslaskelmaosan toteutuminen", 40.0, "l")]]
    lines += [[(w, e, "r") for w, e in zip(words, PDF_EDGES) if w] for words in HEADER]
    lines += [[(label, 40.0, "l")] + [(v, e, "r") for v, e in zip(values, PDF_EDGES)]
              for label, values in _rows(margin_change)]
    book = tmp_path / "esimerkkila-tp-2024.pdf"
    _pdf(book, lines)
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    return " ".join(kirjuri(db, "import", str(book), "--year", "2024").output.split())


def test_expenses_printed_positive_keep_their_changes_as_printed():
    rows = [("Toimintatuotot", ["1 000", "50", "1 050", "1 100", "50"]),
            ("Toimintakulut", ["5 000", "200", "5 200", "5 100", "-100"]),
            ("Toimintakate", ["-4 000", "-150", "-4 150", "-4 000", "150"])]
    reading, plan = _plan(_book("Tuloslaskelmaosan toteutuminen", HEADER, rows))
    assert reading.tables[0].confirmed and reading.tables[0].changes_read == ""
    assert _recorded(plan)[("TOIMINTAKULUT", "TA+MUUTOS")] == -5_200_00


def test_kirjuri_import_says_the_changes_were_read_as_sizes(tmp_path, english):
    """From a PDF through the CLI: the preview names the reading beside the table's sign."""
    said = _previewed(tmp_path, "150")
    assert "changes printed as sizes: MUUTOS read in the direction of its line" in said


# --- Poikkeama printed as |TOTEUMA| − |TA+MUUTOS|: a negative line's underspending negative --------------


def _financing(first: str, last: str) -> list[tuple[str, list[str | None]]]:
    """A rahoitustoiminta block: lines of both directions on one side (a muutos line may go either way)."""
    return [("Antolainasaamisten lisäykset", ["-300", "0", "-300", "-350", first]),
            ("Antolainasaamisten vähennykset", ["100", "0", "100", "120", "20"]),
            ("Pitkäaikaisten lainojen lisäys", ["1 000", "0", "1 000", "900", "-100"]),
            ("Pitkäaikaisten lainojen vähennys", ["-400", "0", "-400", "-420", "20"]),
            ("Lyhytaikaisten lainojen muutos", ["200", "0", "200", "260", "60"]),
            ("Muut maksuvalmiuden muutokset", ["-50", "0", "-50", "-80", last])]


def test_a_poikkeama_printed_as_a_size_of_the_difference_is_checked_and_said():
    reading, plan = _plan(_book("Rahoitusosan toteutuminen", HEADER, _financing("50", "30")))
    table = reading.tables[0]
    assert table.confirmed and table.deviation_read.key == "layout.deviation_as_size"
    assert not any(s.status == LISTED for s in plan.statuses)
    rows = {r.label: r for r in table.rows}
    muut = rows["Muut maksuvalmiuden muutokset"]
    # checked as TOTEUMA − TA+MUUTOS in the ledger's sign: −80 − (−50) = −30
    assert table.ledger(muut, "POIKKEAMA") == table.ledger(muut, "TOTEUMA") - table.ledger(muut, "TA+MUUTOS") == -30_00
    assert _recorded(plan)[("Antolainasaamisten lisäykset", "TOTEUMA")] == -350_00


def test_rows_printing_poikkeama_signed_or_as_a_size_are_each_read_and_said():
    # Antolainasaamisten lisäykset prints −50 (TOTEUMA − TA+MUUTOS) where the others of its direction print
    # the size of their difference: each row read as its own arithmetic says, the preview naming the sized
    reading, plan = _plan(_book("Rahoitusosan toteutuminen", HEADER, _financing("-50", "30")))
    table = reading.tables[0]
    assert table.confirmed and table.deviation_read.key == "layout.deviation_by_row"
    assert table.deviation_read.params["rows"] == "Pitkäaikaisten lainojen vähennys, Muut maksuvalmiuden muutokset"
    assert not any(s.status == LISTED for s in plan.statuses)
    for row in table.rows:  # every row's POIKKEAMA, as read, is its TOTEUMA − TA+MUUTOS in the ledger's sign
        assert table.ledger(row, "POIKKEAMA") == table.ledger(row, "TOTEUMA") - table.ledger(row, "TA+MUUTOS")
    assert _recorded(plan)[("Antolainasaamisten lisäykset", "TOTEUMA")] == -350_00


def test_a_size_across_zero_is_read_where_the_table_mixes_readings():
    # a line budgeted negative and realised positive, its Poikkeama |150| − |−100| = 50 as the book computes it
    rows = _financing("-50", "30") + [("Oman pääoman muutokset", ["-100", "0", "-100", "150", "50"])]
    reading, plan = _plan(_book("Rahoitusosan toteutuminen", HEADER, rows))
    table = reading.tables[0]
    assert table.confirmed and table.deviation_by_row
    assert "Oman pääoman muutokset" in table.deviation_read.params["rows"]
    assert _recorded(plan)[("Oman pääoman muutokset", "TOTEUMA")] == 150_00
    assert not any(c.what.endswith("POIKKEAMA") for c in table.checks)  # a sum of sizes is no total's


def test_a_positive_line_printing_its_poikkeama_the_other_way_leaves_the_table_listed():
    # Antolainasaamisten vähennykset prints −20 where TOTEUMA − TA+MUUTOS is +20 and its size +20 too, while
    # a negative line prints TOTEUMA − TA+MUUTOS: no reading holds every row
    rows = _financing("-50", "30")
    rows[1] = ("Antolainasaamisten vähennykset", ["100", "0", "100", "120", "-20"])
    reading, plan = _plan(_book("Rahoitusosan toteutuminen", HEADER, rows))
    table = reading.tables[0]
    assert table.deviation_read == ""
    assert not table.confirmed and all(s.status == LISTED for s in plan.statuses) and not _recorded(plan)


def test_kirjuri_import_lists_the_totals_change_that_fits_no_reading(tmp_path, english):
    """From a PDF through the CLI: the margin's row is read, its change alone listed with what it should be."""
    said = _previewed(tmp_path, "250")
    assert ("the book prints 250 as Muutokset; Alkuperäinen talousarvio to Muutettu talousarvio is -150: the change"
            " fits no reading of the table") in said


# --- a whole rahoitusosa mixing readings row by row -----------------------------------------------------


def _rahoitusosa() -> list[tuple[str, list[str | None]]]:
    """Negative lines' changes printed as sizes; Poikkeama signed on some rows and |TOTEUMA| − |TA+MUUTOS| on
    others; both totals print their change as the sum of their parts' sizes (150 000, their TA to TA+MUUTOS
    −50 000); labels abbreviated (`väh.`) and with two letters swapped (`mutuos`)."""
    return [("Tulorahoituksen korjauserät", ["-10 000", None, "-10 000", "-12 000", "2 000"]),
            ("Investointimenot", ["-5 000 000", "100 000", "-5 100 000", "-4 000 000", "-1 100 000"]),
            ("Rahoitusosuudet investointimenoihin", ["300 000", "50 000", "350 000", "320 000", "-30 000"]),
            ("Pysyvien vastaavien hyödykkeiden luovutustulot", ["20 000", None, "20 000", "45 000", "25 000"]),
            ("Toiminta ja investoinnit, netto", ["-4 690 000", "150 000", "-4 740 000", "-3 647 000", "1 093 000"]),
            ("Antolainasaamisten lisäykset muille", ["-100 000", None, "-100 000", "-160 000", "-60 000"]),
            ("Antolainasaamisten väh. muilta", ["80 000", None, "80 000", "90 000", "10 000"]),
            ("Pitkäaikaisten lainojen lisäys", ["3 000 000", None, "3 000 000", "2 500 000", "-500 000"]),
            ("Pitkäaikaisten lainojen vähennys", ["-1 000 000", None, "-1 000 000", "-900 000", "-100 000"]),
            ("Lyhytaikaisten lainojen mutuos", [None, None, "0", "-200 000", "-200 000"]),
            ("Vaikutus maksuvalmiuteen", ["-2 710 000", "150 000", "-2 760 000", "-2 317 000", "-443 000"])]


def test_a_rahoitusosa_mixing_readings_is_read_row_by_row_and_only_the_totals_changes_listed():
    reading, plan = _plan(_book("Rahoitusosan toteutuminen", HEADER, _rahoitusosa()))
    table = reading.tables[0]
    assert table.confirmed and table.changes_read.key == "layout.changes_as_sizes"
    assert table.deviation_read.key == "layout.deviation_by_row"
    rows = {r.label: r for r in table.rows}
    assert rows["Antolainasaamisten väh. muilta"].account == "Antolainasaamisten vähennykset muilta"
    assert rows["Lyhytaikaisten lainojen mutuos"].account == "Lyhytaikaisten lainojen muutos"
    assert rows["Vaikutus maksuvalmiuteen"].account == "RAHAVAROJEN MUUTOS"
    listed = [s for s in plan.statuses if s.status == LISTED]
    totals = {rows["Toiminta ja investoinnit, netto"].line, rows["Vaikutus maksuvalmiuteen"].line}
    assert {(s.line, s.role) for s in listed} == {(line, "MUUTOS") for line in totals}
    assert {s.why.params["difference"] for s in listed} == {"-50 000"}
    recorded = _recorded(plan)
    assert recorded[("Investointimenot", "MUUTOS")] == -100_000_00  # TA to TA+MUUTOS: the size 100 000 spent
    assert recorded[("Pitkäaikaisten lainojen vähennys", "TOTEUMA")] == -900_000_00
    assert recorded[("Antolainasaamisten vähennykset muilta", "TOTEUMA")] == 90_000_00
    assert recorded[("Lyhytaikaisten lainojen muutos", "TOTEUMA")] == -200_000_00
    assert all(c.ok for c in table.checks) and any(c.line in totals for c in table.checks)


def test_an_abbreviation_or_a_swap_that_fits_several_names_names_no_account():
    from ledger.books.layout import _account_of

    assert _account_of("Antolainasaamisten väh. muilta") == "Antolainasaamisten vähennykset muilta"
    assert _account_of("Antolainasaamisten lis. muille") == "Antolainasaamisten lisäykset muille"
    assert _account_of("Muut toiminta.") is None  # Muut toimintatuotot or Muut toimintakulut
    assert _account_of("Pitkäaikaisten lainojen l.") is None  # a letter alone is too short a cut to tell
    assert _account_of("Lyhytaikaisten lainojen mutuos") == "Lyhytaikaisten lainojen muutos"
    assert _account_of("Kroko") is None
