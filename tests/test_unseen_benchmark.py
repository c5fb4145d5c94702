"""benchmarks/unseen.py, the measure of issue 17 on books the repository does not hold, run on a small
book of another town: every money cell it prints counted once, recorded / checked / listed as the import
plans it, and a reference that disagrees with what was read shown as a wrong cell."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from ledger.books.layout import cents
from test_books_layouts import TULOSLASKELMAOSA, _esimerkkila

ROLES = ["OTHER-YEAR", "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"]  # then Tot-%: no money
#: the line the book's first row is printed on (two title lines, the table's, three header lines above it)
FIRST_ROW = 7


def _unseen():
    path = Path(__file__).parents[1] / "benchmarks" / "unseen.py"
    spec = importlib.util.spec_from_file_location("unseen_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _reference(path: Path, wrong: str | None = None, moved: int = 0) -> None:
    """The book's money cells as a reference (books.py's format with page, section and the line printed
    on); ``wrong``: one row's TA says another value than the book prints, ``moved``: the rows a line lower."""
    rows = ["page\tline\tlabel\trole\tpart\tprinted\texpected\tscale\tsection\tblock\taccount"]
    for at, (label, *values) in enumerate(TULOSLASKELMAOSA, FIRST_ROW + moved):
        for role, value in zip(ROLES, values):
            printed = cents(value) + (100 if (label, role) == (wrong, "TA") else 0)
            rows.append(f"1\t1:{at}\t{label}\t{role}\t\t{printed}\t\t1000\ttuloslaskelmaosa\t\t")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _all(out: str, last: bool = False) -> list[str]:
    """The counts in all: the tables' (the first `all` line), or with ``last`` the reference's."""
    rows = [line.split() for line in out.splitlines() if line.split()[:1] == ["all"]]
    return rows[-1] if last else rows[0]


def test_every_money_cell_of_a_book_is_counted_once_with_what_the_import_made_of_it(tmp_path, capsys):
    book = tmp_path / "esimerkkila-tp-2024.pdf"
    _esimerkkila(book)
    _unseen().main([str(book)])
    out = capsys.readouterr().out
    assert "pages counted (a table of the comparison kind on them): 1" in out
    # 10 rows × 6 money columns; the previous year's column of the 7 rows no total sums is listed
    assert _all(out) == ["all", "60", "18", "35", "7", "0"]
    assert "7  another year's figure" in out
    assert "correct: not known, no reference for this book" in out


def test_a_reference_beside_the_book_says_which_cells_were_read_right(tmp_path, capsys):
    book = tmp_path / "esimerkkila-tp-2024.pdf"
    _esimerkkila(book)
    _reference(tmp_path / "esimerkkila-tp-2024.truth.tsv")
    _reference(tmp_path / "misprinted.tsv", wrong="Verotulot")
    unseen = _unseen()
    unseen.main([str(book)])
    assert _all(capsys.readouterr().out, last=True) == ["all", "60", "18", "35", "7", "0", "0"]
    unseen.main([str(book), "--truth", str(tmp_path / "misprinted.tsv")])
    # Verotulot's TA: recorded, not as the reference says
    assert _all(capsys.readouterr().out, last=True) == ["all", "60", "17", "35", "8", "0", "1"]
    _reference(tmp_path / "elsewhere.tsv", moved=1)
    unseen.main([str(book), "--truth", str(tmp_path / "elsewhere.tsv")])
    # the book's figures are now a line away from the reference's: wrong, but for the one line below that
    # prints the same (Korkotuotot's MUUTOS 0 where the reference has Valtionosuudet's)
    assert _all(capsys.readouterr().out, last=True) == ["all", "60", "0", "1", "59", "0", "52"]
    with (tmp_path / "elsewhere.tsv").open("a", encoding="utf-8") as f:  # a figure on the title's line
        f.write("1\t1:1\tEsimerkkilän kunta\tTA\t\t100\t\t1\ttuloslaskelmaosa\t\t\n")
    unseen.main([str(book), "--truth", str(tmp_path / "elsewhere.tsv")])
    # the import neither reads nor lists the title's line: its cell is dropped, not listed
    assert _all(capsys.readouterr().out, last=True) == ["all", "61", "0", "1", "59", "1", "52"]


def test_pages_given_count_only_those_pages(tmp_path, capsys):
    book = tmp_path / "esimerkkila-tp-2024.pdf"
    _esimerkkila(book)
    _unseen().main([str(book), "--pages", "2-3"])
    out = capsys.readouterr().out
    assert "pages counted (--pages): 2-3" in out and _all(out) == ["all", "0", "0", "0", "0", "0"]


def test_a_row_ending_in_a_percent_set_apart_carries_figures_and_its_percent_is_no_money():
    """`Kauhavan kaupunki 6 228 970 7 725 767 124,0 %`: a row with figures, two of them money."""
    from ledger.books.pdf import Cell

    unseen = _unseen()
    words = ["Esimerkkilä", "6 228 970", "7 725 767", "124,0", "%"]
    cells = [Cell(w, 10.0 + 80 * i, 60.0 + 80 * i, 8.0) for i, w in enumerate(words)]
    assert unseen.with_figures(" ".join(words)) and not unseen.with_figures("Toimintatuotot TA2024 TP 2024 Tot. %")
    assert unseen.money_cells(cells, unseen.Counter()) == 2
    assert unseen.money_cells(cells[:4], unseen.Counter({"124,0": 1})) == 2  # a Tot-% column without its sign
