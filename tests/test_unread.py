"""Never silent: every line with figures that an import does not read is listed with why, and a
book of which nothing is read exits 1 with that list."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.books.book import interpret
from ledger.books.unread import carries_figures
from test_cli import kirjuri

SHARED = Path(__file__).parents[1].parent / "shared"
BOOKS = SHARED / "books" / "seinajoki-tp-2024"
SEEDS = SHARED / "seeds"
SECTIONS = ["8-1_kayttotalous_tulosalueet", "8-2_tuloslaskelmaosa", "8-3_investointiosa",
            "8-5_yhteenveto_maararahat_tuloarviot"]


@pytest.mark.parametrize(("line", "figures"), [
    ("Yhteensä 200 375 175", True),
    ("Kv 22.4. §26 Muutos -4 000", True),
    ("Sisältää myyntivoittoa (1 012 468,60)", True),
    ("Toteuma-% 98,5%", True),
    ("Kunta yhteensä 6 228 970 7 725 767 124,0 %", True),
    ("Tuloslaskelmaosan toteutuminen, 1 000 €", False),
    ("Toimintakulut TA2024 TP 2024 Käyttö %", False),
    ("Tulosalue 120 Tarkastustoimi", False),
    ("Tilinpäätös 2024", False),
    ("TP TA+MUUTOS 2023 2024 2025", False),
    ("siirtyy kunnille 1.1.2025.", False),
    # forms no reader reads are figures all the same, so their line is listed, never passed over
    ("Toimintakulut 5 000- 200- 5 200-", True),
    ("Toimintakulut -1.234.567,89", True),
    ("Toimintakulut 12.500", True),
    ("Poistoeron vähennys 33 517,92 €", True),
    ("(1000€)", False),
    ("Toimintatuotot TP 2024 TP 2023 €", False),
    ("Toimintakulut -5 000 -200 -5 200 *", True),
    ("Toimintakulut -5 000 -200 -5 200 ¹", True),
    ("Katso liite *", False),
    ("Vuokratuotot 10 0 10 10 -", True),
    ("sopimuskausi vuosina 2017 -", False),
    ("Toimintakate -4 000 -4 100 sitova", True),
    ("Tulosalue 120 Tarkastustoimi B", False),
    ("voimassa vuosina 2017–", False),
    ("haurasta kasvua (0,8–", False),
])
def test_a_line_carries_figures_when_it_ends_in_numbers_that_are_not_only_years(line, figures):
    assert carries_figures(line) is figures


def _listed(tmp_path: Path, book: Path, *args: str):
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    listing = tmp_path / "unread.tsv"
    result = kirjuri(db, "import", str(book), "--list", str(listing), *args)
    with listing.open(encoding="utf-8") as f:
        return result, list(csv.DictReader(f, delimiter="\t")), db


@pytest.mark.parametrize("section", SECTIONS[3:])
def test_a_seinajoki_section_that_records_nothing_exits_1_listing_every_reference_line(tmp_path, section, english):
    """8.5 alone (a summary in 1000 €, its finer statements in other files): its tables are read, nothing
    is recorded, every line is listed with why and nothing written."""
    book = BOOKS / f"seinajoki_tp2024_{section}.txt"
    result, rows, db = _listed(tmp_path, book, "--apply", "--confirm", "authority.overrun")
    assert result.exit_code == 1
    error = result.output.strip().splitlines()[-1]
    assert error.startswith(f"kirjuri: file: '{book.name}' has {len(rows)} lines with figures and not one")
    assert "Traceback" not in result.output
    with (BOOKS / f"seinajoki_tp2024_{section}.truth.tsv").open(encoding="utf-8") as f:
        reference = {r["line"] for r in csv.DictReader(f, delimiter="\t")}
    listed = {r["line"] for r in rows}
    assert reference <= listed
    lines = book.read_text(encoding="utf-8").split("\n")
    assert all(lines[int(r["line"]) - 1].strip() == r["text"] and r["why"] for r in rows)
    assert kirjuri(db, "head").output.startswith("#0")


def test_a_text_row_printing_its_minus_after_each_figure_is_listed_not_passed_over(tmp_path):
    """`Toimintakulut 5 000- 200- …` (a minus after the figure, as accounting software prints it) reads as no
    row; it was neither read nor listed, the import saying nothing of it. It is listed with its line."""
    book = tmp_path / "kunta-tp-2024.txt"
    book.write_text("\n".join([
        "Esimerkkilän kaupunki", "Tilinpäätös 2024", "Tuloslaskelmaosa 1 000 €",
        "Alkuperäinen Talousarvio- Talousarvio Toteutuma Poikkeama", "talousarvio muutokset muutosten jälkeen",
        "Toimintatuotot 1 000 100 1 100 1 200 100", "Toimintakulut 5 000- 200- 5 200- 5 250- 50-",
        "Toimintakate 4 000- 100- 4 100- 4 050- 50"]) + "\n", encoding="utf-8")
    result, listed, _db = _listed(tmp_path, book)
    assert result.exit_code == 0 and "Traceback" not in result.output  # Toimintatuotot is read
    assert {row["line"] for row in listed} == {"7", "8"}


def test_seinajoki_8_2_text_records_what_its_arithmetic_settles_and_lists_the_rest(tmp_path):
    """8.2's text is read by its columns (tests/test_columns.py): the rows the text alone cannot place
    are listed, each with why; the rest is recorded (Osuus yhteisöveron tuotosta, line 46, placed by the
    Verotulot its erittely breaks down, Poistoeron muutos and Rahastojen vähennys by Tilikauden ali/ylijäämä)."""
    book = BOOKS / f"seinajoki_tp2024_{SECTIONS[1]}.txt"
    result, rows, db = _listed(tmp_path, book, "--apply")
    assert result.exit_code == 0 and "kirjattu 7 tapahtumaa" in result.output
    assert [r["line"] for r in rows] == ["33", "37"] and all(r["why"] for r in rows)  # the two rows of zeros


def test_seinajoki_8_3_text_records_the_investment_lines_it_settles_and_lists_the_rest(tmp_path):
    """The investointiosa's rows are investment lines (project groups, tests/test_columns.py): from text a
    row whose figures neither its own arithmetic nor the total below it place is listed (`Rakennukset 0 0`:
    zeros that sum the same in any column), and so are the notes; `Koneet ja kalusto 0 66 000 66 000` is read
    but for its 0, listed for that cell, and the total over them is then checked."""
    book = BOOKS / f"seinajoki_tp2024_{SECTIONS[2]}.txt"
    result, rows, db = _listed(tmp_path, book, "--apply", "--confirm", "authority.overrun")  # a group's TP overruns
    assert result.exit_code == 0 and "kirjattu 14 tapahtumaa" in result.output  # the city, 10 lines, TA, MUUTOS, TP
    assert [int(r["line"]) for r in rows] == [27, 28, 29, 32, 33, 37]
    assert "its figure 0" in next(r["why"] for r in rows if r["line"] == "32")
    assert all(r["why"] for r in rows)
    assert kirjuri(db, "head").output.startswith("#14")


def test_seinajoki_8_1_is_read_whole_by_its_blocks_and_lists_nothing(tmp_path, english):
    """8.1's tulosalue blocks are read (tests/test_blockplan.py): no line of it is left unread."""
    book = BOOKS / f"seinajoki_tp2024_{SECTIONS[0]}.txt"
    result, rows, db = _listed(tmp_path, book, "--apply", "--confirm", "authority.overrun")
    assert result.exit_code == 0 and rows == [] and "not read: none" in result.output
    assert kirjuri(db, "head").output.startswith("#39")


def test_a_seed_book_still_records_and_lists_only_its_key_figures(tmp_path, english):
    # its KS 2025 plans Hallintopalvelut past the TA its määrärahat table states (conftest.HALL_KS): confirmed
    result, rows, _db = _listed(tmp_path, SEEDS / "000_9c20ad174b7e627f.txt", "--apply",
                                "--confirm", "authority.ks_over")
    assert result.exit_code == 0 and "recorded 39 events" in result.output
    assert [r["line"] for r in rows] == ["75", "76", "77", "78", "79", "80"]
    assert {r["why"] for r in rows} == {
        "skipped with its table: 6 rows of key figures (tunnusluvut / suoritteet), not budget accounts: not imported"}
    assert ("6 at lines 75–80: other table 'Tunnusluvut' at line 74: 6 rows of key figures" in
            result.output.replace("\xa0", " "))
    assert "kayttotalous table at 94 (Hallintopalvelut): 44 figures read, 12 totals checked, 0 lines with figures " \
           "not read" in result.output


#: an amount as books and accounting software print it (thousands by a space, a no-break space or full stops)
_AMOUNTS = st.builds(lambda sign, euros, cents, sep: sign + f"{euros:,}".replace(",", sep) + cents,
                     st.sampled_from(["", "-", "−", "+"]), st.integers(0, 10**9),
                     st.sampled_from(["", ",00", ",5", ",95"]), st.sampled_from([" ", "\u00a0", "\u202f", "."]))
#: what a row may print after each amount: nothing, its unit, a minus after it, a footnote's mark, a marker, an
#: empty cell's dash
_AFTER = st.sampled_from(["", " %", "%", " €", "€", "-", " *", " ¹", " B", " sitova", " -"])


@settings(max_examples=examples(300), deadline=None)
@given(st.sampled_from(["Myyntituotot", "Toimintakulut yhteensä", "Kaupunginhallitus", "092234 Ritavuoren kenttä"]),
       st.lists(_AMOUNTS, min_size=2, max_size=6), _AFTER, st.booleans())
def test_a_row_of_two_amounts_or_more_carries_figures_however_they_are_printed(label, amounts, after, percent):
    """Never silent: a label and two amounts or more, printed as a book or accounting software prints them
    (the same way along the row, a percent column among them or not), is a line with figures, so a line no
    reader reads is listed; the same label alone is not one."""
    cells = [amount + after for amount in amounts] + (["12,5 %"] if percent else [])
    assert carries_figures(" ".join([label, *cells[-2:], *cells[:-2]]))
    assert not carries_figures(label)


def test_the_preview_says_per_table_how_it_was_read(tmp_path, english):
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    result = kirjuri(db, "import", str(SEEDS / "000_9c20ad174b7e627f.txt"))
    tables = [line for line in result.output.splitlines() if line.startswith("  ") and " table at " in line]
    assert tables == [
        "  other table at 74 (–): 0 figures read, 0 totals checked, 6 lines with figures not read",
        "  maararahat table at 86 (Hallintopalvelut): 4 figures read, 20 totals checked, 0 lines with figures not read",
        "  kayttotalous table at 94 (Hallintopalvelut): 44 figures read, 12 totals checked, 0 lines with figures not read",
        "  units table at 114 (Hallintopalvelut): 262 figures read, 143 totals checked, 0 lines with figures not read",
    ]
    assert "figures: 310" in result.output  # 4 + 44 + 262: every figure is some table's (the määrärahat: the node's own)
    assert "self-consistency: 175 totals checked" in result.output  # 20 + 12 + 143


SEED = (SEEDS / "000_9c20ad174b7e627f.txt").read_text(encoding="utf-8").split("\n")
PROSE = [i for i, line in enumerate(SEED) if line and "\t" not in line and not carries_figures(line)]


@settings(deadline=None)  # reads a whole book per example: its time is the machine's load, not the test's
@given(at=st.sampled_from(PROSE), amount=st.integers(1, 10**9))
def test_a_figure_added_to_a_books_prose_is_listed_and_the_tables_read_the_same(at, amount):
    before = interpret("\n".join(SEED), source="000")
    added = SEED[: at + 1] + [f"Lisätieto {amount:,}".replace(",", " ")] + SEED[at + 1:]
    after = interpret("\n".join(added), source="000")
    new = [u for u in after.unread if u.line == at + 2]
    assert [u.text for u in new] == [added[at + 1]]
    assert len(after.unread) == len(before.unread) + 1
    assert len(after.figures) == len(before.figures)
