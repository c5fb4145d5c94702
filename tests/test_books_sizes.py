"""A toteutumisvertailu that prints each TA-muutos as a size in the direction of its line (a negative
expense line's increase printed positive): read with its line's sign only where every row of the table adds
up so, and said in the preview; one row that contradicts the reading leaves the column as printed, and the
rows that then do not add up are listed, never recorded with a guessed sign."""

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


def test_a_row_printing_its_change_signed_leaves_the_column_as_printed():
    # the margin prints its change signed while the expenses print theirs as a size: no one reading holds
    reading, plan = _plan(_book("Tuloslaskelmaosan toteutuminen", HEADER, _rows("-150")))
    table = reading.tables[0]
    assert table.changes_read == ""
    statuses = _statuses(plan)
    kulut = next(r for r in table.rows if r.label == "Toimintakulut")
    assert all(s.status == LISTED for (line, _r), s in statuses.items() if line == kulut.line)
    assert all(v != -200_00 or k[1] != "MUUTOS" for k, v in _recorded(plan).items())


def test_a_row_fitting_no_reading_leaves_the_column_as_printed():
    # the margin's change as the sum of the printed sizes (50 + 200): no reading fits it
    reading, plan = _plan(_book("Tuloslaskelmaosan toteutuminen", HEADER, _rows("250")))
    assert reading.tables[0].changes_read == ""
    assert all(s.status == LISTED for s in plan.statuses) and not _recorded(plan)


def test_expenses_printed_positive_keep_their_changes_as_printed():
    rows = [("Toimintatuotot", ["1 000", "50", "1 050", "1 100", "50"]),
            ("Toimintakulut", ["5 000", "200", "5 200", "5 100", "-100"]),
            ("Toimintakate", ["-4 000", "-150", "-4 150", "-4 000", "150"])]
    reading, plan = _plan(_book("Tuloslaskelmaosan toteutuminen", HEADER, rows))
    assert reading.tables[0].confirmed and reading.tables[0].changes_read == ""
    assert _recorded(plan)[("TOIMINTAKULUT", "TA+MUUTOS")] == -5_200_00


def test_kirjuri_import_says_the_changes_were_read_as_sizes(tmp_path, english):
    """From a PDF through the CLI: the preview names the reading beside the table's sign."""
    from test_books_layouts import PDF_EDGES, _pdf
    from test_cli import kirjuri

    lines = [[("Esimerkkilän kunta, tuloslaskelmaosan toteutuminen", 40.0, "l")]]
    lines += [[(w, e, "r") for w, e in zip(words, PDF_EDGES) if w] for words in HEADER]
    lines += [[(label, 40.0, "l")] + [(v, e, "r") for v, e in zip(values, PDF_EDGES)] for label, values in _rows("150")]
    book = tmp_path / "esimerkkila-tp-2024.pdf"
    _pdf(book, lines)
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    said = " ".join(kirjuri(db, "import", str(book), "--year", "2024").output.split())
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


def test_one_row_printing_its_poikkeama_the_other_way_leaves_the_table_listed():
    # Antolainasaamisten lisäykset prints −50 (TOTEUMA − TA+MUUTOS) where the size reading says +50
    reading, plan = _plan(_book("Rahoitusosan toteutuminen", HEADER, _financing("-50", "30")))
    table = reading.tables[0]
    assert table.deviation_read == ""
    assert not table.confirmed and all(s.status == LISTED for s in plan.statuses) and not _recorded(plan)
