"""A book's PDF read as lines of cells: the thousands space told from the column gap in em of
the font's own size, on synthetic pages and on the Seinäjoki TP 2024 as published."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledger.books import pdf
from ledger.books.book import interpret
from ledger.books.pdf import Glyph
import seinajoki_pdf
from test_cli import kirjuri

BOOKS = Path(__file__).parents[1].parent / "shared" / "books" / "seinajoki-tp-2024"
PDF = BOOKS / "seinajoki-tilinpaatos-2024.pdf"
#: section -> its PDF pages (the book's page + 4)
SECTIONS = {
    "8-1_kayttotalous_tulosalueet": range(79, 142),
    "8-2_tuloslaskelmaosa": range(142, 144),
    "8-3_investointiosa": range(144, 145),
    "8-5_yhteenveto_maararahat_tuloarviot": range(147, 148),
}

DIGIT_EM = 0.556  # Arial's digit advance
SPACE_EM = 0.278  # Arial's space


def typeset(parts: list[tuple[str, float]], size: float, *, space_glyphs: bool, bottom: float = 100.0,
            space_em: float = SPACE_EM) -> list[Glyph]:
    """Glyphs of ``parts`` (text, gap in em before it) on one line; inside a text a space is a
    glyph (``space_glyphs``) or just that much empty page."""
    glyphs, x = [], 50.0
    for text, gap in parts:
        x += gap * size
        for ch in text:
            width = (space_em if ch == " " else DIGIT_EM) * size
            if ch != " " or space_glyphs:
                glyphs.append(Glyph(ch, x, x + width, bottom, size))
            x += width
    return glyphs


def cells(glyphs: list[Glyph]) -> list[str]:
    (line,) = pdf.page_lines(1, glyphs)
    return [c.raw for c in line.cells]


@pytest.mark.parametrize("size", [7.3, 10.0])
@pytest.mark.parametrize("space_glyphs", [True, False])
def test_a_thousands_space_joins_and_the_narrowest_column_gap_splits(size, space_glyphs):
    # 8.5's narrowest gap: `171 000` then `-3 000` 0.83 em to its right
    line = typeset([("Korkokulut", 0), ("171 000", 3), ("-3 000", 0.83), ("168 000", 2)], size, space_glyphs=space_glyphs)
    assert cells(line) == ["Korkokulut", "171 000", "-3 000", "168 000"]


def test_the_same_gap_in_points_is_a_separator_in_a_large_font_and_a_column_in_a_small_one():
    gap_pt = 6.1
    small = typeset([("Tulot", 0), ("400", 3), ("337 000", gap_pt / 7.3)], 7.3, space_glyphs=False)
    large = typeset([("Tulot", 0), ("400", 3), ("337 000", gap_pt / 12.0)], 12.0, space_glyphs=False)
    assert cells(small) == ["Tulot", "400", "337 000"]
    assert cells(large) == ["Tulot", "400 337 000"]


def test_where_the_page_has_space_glyphs_their_width_sets_the_join_gap():
    wide = 0.36  # a font whose space is wider than Arial's: two of them are 0.72 em
    parts = [("Menot", 0), ("12", 3), ("345", 0.65)]
    with_spaces = typeset(parts, 10.0, space_glyphs=True, space_em=wide)
    with_spaces.append(Glyph(" ", 10.0, 10.0 + wide * 10.0, 100.0, 10.0))  # the page's space, elsewhere on the line
    assert cells(with_spaces) == ["Menot", "12 345"]
    assert cells(typeset(parts, 10.0, space_glyphs=False)) == ["Menot", "12", "345"]


def test_groups_join_only_a_grouped_number_without_decimals():
    line = typeset([("a", 0), ("1 012,50", 3), ("2024", 3), ("100", 0.3), ("12,5", 3), ("000", 0.3),
                    ("(1", 3), ("234)", 0.3)], 10.0, space_glyphs=False)
    assert cells(line) == ["a", "1 012,50", "2024", "100", "12,5", "000", "(1 234)"]


def test_words_of_a_label_are_one_cell_and_a_code_glued_to_a_name_is_text():
    line = typeset([("Netto", 0), ("(Toimintakate)", 0.28), ("-191 000", 4), ("100Vaalit", 4), ("B", 0.3)], 10.0,
                   space_glyphs=True)
    (out,) = pdf.page_lines(1, line)
    assert [(c.raw, c.is_number) for c in out.cells] == [
        ("Netto (Toimintakate)", False), ("-191 000", True), ("100Vaalit B", False)]
    assert out.text == "Netto (Toimintakate) -191 000 100Vaalit B"


def test_lines_run_top_to_bottom_and_a_baseline_jitter_stays_on_its_line():
    first = typeset([("Tulot", 0), ("200", 3)], 10.0, space_glyphs=True, bottom=120.0)
    second = typeset([("Menot", 0), ("192 100", 3)], 10.0, space_glyphs=True, bottom=110.0)
    second[-1] = second[-1]._replace(bottom=110.8)
    lines = pdf.page_lines(3, first + second)
    assert [(line.place, line.text) for line in lines] == [("3:1", "Menot 192 100"), ("3:2", "Tulot 200")]


@given(amounts=st.lists(st.integers(-10**9, 10**9), min_size=1, max_size=8),
       size=st.floats(6.0, 14.0), column_gap=st.floats(0.83, 5.0), space_glyphs=st.booleans())
def test_any_row_of_grouped_amounts_reads_back_cell_by_cell(amounts, size, column_gap, space_glyphs):
    printed = [f"{n:,}".replace(",", " ") for n in amounts]
    line = typeset([("Rivi", 0)] + [(text, column_gap) for text in printed], size, space_glyphs=space_glyphs)
    assert cells(line) == ["Rivi", *printed]


def test_only_pages_with_a_line_ending_in_a_number_are_read():
    texts = ["Tilinpäätös\nJohdanto 5", "Toimintatulot 420 000\nYhteensä 420 000 375", "Sivu 5", "Vuosi 2024"]
    assert pdf.row_pages(texts) == [2, 4]


def test_right_edges_shared_by_three_rows_are_columns_and_a_cell_off_them_is_unconfirmed():
    rows = [[("Tulot", 0), ("1 200", 3), ("300", 3)], [("Menot", 0), ("-45 000", 2.2), ("12 300", 3)],
            [("Netto", 0), ("-43 800", 2.2), ("12 000", 3)], [("Sivu", 0), ("17", 4)]]
    glyphs = []
    for i, parts in enumerate(rows):
        line = typeset(parts, 10.0, space_glyphs=True, bottom=100.0 + 12 * i)
        shift = 0.0 if i in (0, 3) else line_end(typeset(rows[0], 10.0, space_glyphs=True)) - line_end(line)
        glyphs += [g._replace(x0=g.x0 + shift, x1=g.x1 + shift) for g in line]  # right-aligned, but the page number
    lines = pdf.page_lines(1, glyphs)
    edges = pdf.column_edges(lines)
    assert len(edges) == 1 and abs(edges[0] - line_end(typeset(rows[0], 10.0, space_glyphs=True))) < 0.1
    assert [(line.number, c.raw) for line, c in pdf.off_edges(lines, edges)] == [
        (1, "1 200"), (2, "-45 000"), (3, "-43 800"), (4, "17")]


def line_end(glyphs: list[Glyph]) -> float:
    return max(g.x1 for g in glyphs)


@pytest.fixture(scope="session")
def seinajoki() -> pdf.PdfBook:
    """The whole book, read once per test run (``seinajoki_pdf``)."""
    return seinajoki_pdf.book()


def _found(book: pdf.PdfBook, section: str) -> tuple[int, list[dict]]:
    """How many of the section's reference cells are a cell at their x1 (±0.6 pt), and the others."""
    got = [c for line in book.lines if line.page in SECTIONS[section] for c in line.cells]
    used: set[int] = set()
    missed = []
    with (BOOKS / f"seinajoki_tp2024_{section}.cells.tsv").open(encoding="utf-8") as f:
        truth = list(csv.DictReader(f, delimiter="\t"))
    for cell in truth:
        hit = next((i for i, c in enumerate(got) if i not in used and c.raw == cell["raw"]
                    and abs(c.x1 - float(cell["x1"])) < 0.6), None)
        if hit is None:
            missed.append(cell)
        else:
            used.add(hit)
    return len(truth) - len(missed), missed


def test_seinajoki_every_reference_cell_of_8_1_and_8_3_is_a_cell_at_its_x(seinajoki):
    assert _found(seinajoki, "8-1_kayttotalous_tulosalueet") == (459, [])
    assert _found(seinajoki, "8-3_investointiosa") == (91, [])


def test_seinajoki_8_2_misses_only_the_stray_dash_of_a_label(seinajoki):
    found, missed = _found(seinajoki, "8-2_tuloslaskelmaosa")
    assert found == 155 and [m["raw"] for m in missed] == ["-"]
    line = next(line for line in seinajoki.lines if line.page == 142 and "Rahastojen" in line.text)
    assert line.cells[0].raw == "Rahastojen vähennys+/lisäys -"


def test_seinajoki_every_cell_of_8_5_is_found_and_its_unit_codes_stand_apart(seinajoki):
    assert _found(seinajoki, "8-5_yhteenveto_maararahat_tuloarviot") == (421, [])
    vaalit = next(line for line in seinajoki.lines if line.page == 147 and "Vaalit" in line.text)
    assert [c.raw for c in vaalit.cells[:4]] == ["100", "Vaalit", "B", "606"]


def test_seinajoki_only_pages_with_number_rows_are_read(seinajoki):
    assert seinajoki.pages == 189
    assert set(range(142, 148)) <= set(seinajoki.read) and len(seinajoki.read) < 189
    assert seinajoki.text.split("\n") == [line.text for line in seinajoki.lines]


def test_seinajoki_column_edges_are_the_tables_columns_and_every_reference_amount_is_on_one(seinajoki):
    def page(n: int) -> list[pdf.TextLine]:
        return [line for line in seinajoki.lines if line.page == n]

    assert pdf.column_edges(page(79)) == [332.3, 415.3, 498.3]
    assert pdf.column_edges(page(142)) == [282.8, 344.9, 407.4, 470.0, 532.1]
    assert pdf.column_edges(page(147)) == [72.5, 223.3, 251.2, 284.8, 318.0, 349.9, 383.1, 417.5, 451.9, 484.2,
                                           523.0]  # the unit codes, then 8.5's ten columns
    for section, pages in SECTIONS.items():
        with (BOOKS / f"seinajoki_tp2024_{section}.truth.tsv").open(encoding="utf-8") as f:
            reference = {r["line"] for r in csv.DictReader(f, delimiter="\t")}
        with (BOOKS / f"seinajoki_tp2024_{section}.cells.tsv").open(encoding="utf-8") as f:
            amounts = {(c["raw"], float(c["x1"])) for c in csv.DictReader(f, delimiter="\t")
                       if c["line"] in reference and c["cents"]}
        off = {(c.raw, round(c.x1, 1)) for n in pages for _line, c in pdf.off_edges(page(n), pdf.column_edges(page(n)))}
        assert not amounts & off, section


def _cut(tmp_path: Path, pages: list[int]) -> Path:
    """Some pages of the book as a PDF of their own, for a quick import."""
    import pypdfium2

    source, part = pypdfium2.PdfDocument(str(PDF)), pypdfium2.PdfDocument.new()
    part.import_pages(source, [p - 1 for p in pages])
    path = tmp_path / "seinajoki-8-2.pdf"
    part.save(str(path))
    return path


def test_kirjuri_import_reads_a_pdf_and_lists_by_page_and_line_what_it_does_not_read(tmp_path, english):
    db, listing = str(tmp_path / "l.sqlite"), tmp_path / "unread.tsv"
    assert kirjuri(db, "init").exit_code == 0
    result = kirjuri(db, "import", str(_cut(tmp_path, [142, 143])), "--list", str(listing), "--year", "2024", "--apply")
    assert "codec" not in result.output and "seinajoki-8-2.pdf  sha256" in result.output
    assert result.exit_code == 0, result.output  # 8.2's tables are read by their columns (tests/test_columns.py)
    with listing.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    # the cut's pages are its 1 and 2: the 'milj. €' summary on page 2 is in no table the readers know
    konserni = [r for r in rows if r["text"].startswith("Konsernipalvelut 16,6 17,6")]
    assert len(konserni) == 1 and konserni[0]["where"].startswith("2:") and konserni[0]["why"]
    assert not any(r["text"].startswith("Myyntitulot 25 623 400") for r in rows)
    assert "at page:line 1:" in result.output
    assert kirjuri(db, "head").output.startswith("#7")


def test_seinajoki_pdf_lists_the_line_of_every_reference_amount_until_a_reader_records_it(seinajoki):
    statement = interpret(seinajoki.text, source=PDF.name, places=seinajoki.places)
    assert statement.figures == []
    listed = {statement.place(u.line) for u in statement.unread}
    for section, pages in SECTIONS.items():
        with (BOOKS / f"seinajoki_tp2024_{section}.truth.tsv").open(encoding="utf-8") as f:
            reference = {r["line"] for r in csv.DictReader(f, delimiter="\t")}
        with (BOOKS / f"seinajoki_tp2024_{section}.cells.tsv").open(encoding="utf-8") as f:
            cells = [c for c in csv.DictReader(f, delimiter="\t") if c["line"] in reference and c["cents"]]
        assert cells
        for cell in cells:
                where = {line.place for line in seinajoki.lines if line.page in pages
                         for c in line.cells if c.raw == cell["raw"] and abs(c.x1 - float(cell["x1"])) < 0.6}
                assert where & listed, (section, cell)


def test_a_file_that_is_not_a_pdf_is_one_line_and_nothing_written(tmp_path, english):
    """A damaged PDF is refused in one line naming the file, in the language asked for (it was English only, and
    named no field), nothing written."""
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    bad = tmp_path / "book.pdf"
    bad.write_bytes(b"%PDF-1.7\n\xd0\xcf garbage")
    result = kirjuri(db, "import", str(bad), "--apply")
    assert result.exit_code == 1
    assert result.output.startswith("kirjuri: file: 'book.pdf' is not a PDF this import can read (")
    assert result.output.rstrip().endswith("): nothing written") and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert kirjuri(db, "head").output.startswith("#0")
    finnish = kirjuri(db, "--lang", "fi", "import", str(bad))
    assert finnish.exit_code == 1 and finnish.output.startswith("kirjuri: tiedosto: 'book.pdf' ei ole PDF, jonka")


# --- a minus or a number the book wraps or sets apart: joined by position, a placeholder dash stays one -------


def placed(text: str, right: float, bottom: float, size: float = 10.0) -> list[Glyph]:
    """Glyphs of ``text`` right-aligned at ``right`` (a table's amounts), spaces as glyphs."""
    glyphs = typeset([(text, 0)], size, space_glyphs=True, bottom=bottom)
    shift = right - line_end(glyphs)
    return [g._replace(x0=g.x0 + shift, x1=g.x1 + shift) for g in glyphs]


def label(text: str, bottom: float, size: float = 10.0) -> list[Glyph]:
    return [g._replace(x0=g.x0 - 40.0, x1=g.x1 - 40.0) for g in typeset([(text, 0)], size, space_glyphs=True,
                                                                        bottom=bottom)]


def rows(page: list[list[Glyph]]) -> list[list[str]]:
    return [[c.raw for c in line.cells] for line in pdf.page_lines(1, [g for line in page for g in line])]


EDGES = (250.0, 330.0, 410.0)


@pytest.mark.parametrize("minus", ["-", "−", "–"])
@pytest.mark.parametrize("gap", [0.2, 0.41, 0.6])
def test_a_lone_minus_a_column_gap_after_the_cell_before_is_the_sign_of_the_number_after_it(minus, gap):
    line = typeset([("Kiinteistövero", 0), ("4 327", 4), (minus, 1.5), ("179", gap)], 10.0, space_glyphs=True)
    assert cells(line) == ["Kiinteistövero", "4 327", f"{minus}179"]


def test_a_minus_a_word_space_from_both_numbers_is_prose_and_stays_apart():
    line = typeset([("Tulot", 0), ("-", 0.2), ("menot", 0.2), ("=", 0.2), ("81 245", 0.2), ("-", 0.2),
                    ("76 130", 0.2)], 10.0, space_glyphs=True)
    assert cells(line) == ["Tulot - menot =", "81 245", "-", "76 130"]


def test_a_placeholder_dash_in_its_column_stays_a_placeholder():
    line = label("Lisäykset", 100.0) + placed("–", EDGES[0], 100.0) + placed("12 500", EDGES[1], 100.0) + \
        placed("-", EDGES[2], 100.0)
    assert rows([line]) == [["Lisäykset", "–", "12 500", "-"]]


def test_a_minus_wrapped_over_its_number_joins_it_and_the_line_it_stood_on_goes():
    page = [placed("-", EDGES[0], 100.0) + placed("-", EDGES[2], 100.0),
            label("Toimintakulut", 112.0) + placed("52 310 400,00", EDGES[0], 112.0) + placed("0,00", EDGES[1], 112.0)
            + placed("51 998 020,15", EDGES[2], 112.0),
            label("Palvelujen ostot", 124.0) + placed("-9 100,00", EDGES[0], 124.0) + placed("0,00", EDGES[1], 124.0)
            + placed("-9 000,00", EDGES[2], 124.0)]
    assert rows(page) == [["Toimintakulut", "-52 310 400,00", "0,00", "-51 998 020,15"],
                          ["Palvelujen ostot", "-9 100,00", "0,00", "-9 000,00"]]


def test_a_dash_on_a_row_of_its_own_label_is_no_sign_of_the_row_below():
    page = [label("Satunnaiset erät", 100.0) + placed("–", EDGES[0], 100.0) + placed("–", EDGES[1], 100.0),
            label("Verotulot", 112.0) + placed("31 500", EDGES[0], 112.0) + placed("33 100", EDGES[1], 112.0)]
    assert rows(page) == [["Satunnaiset erät", "–", "–"], ["Verotulot", "31 500", "33 100"]]


def _investments(upper: list[Glyph], lower: list[Glyph], *, decimals: str = "") -> list[list[str]]:
    """A column of cost estimates (the widest 1 542 700) with a wrapped cell's lines at 200 and 212."""
    above = [label(name, 140.0 + 12 * i) + placed(value + decimals, EDGES[0], 140.0 + 12 * i)
             + placed("50 000", EDGES[1], 140.0 + 12 * i)
             for i, (name, value) in enumerate([("Kalusto", "170 000"), ("Koulu", "1 542 700"), ("Sali", "635 000")])]
    return rows(above + [upper, lower])[3:]


def test_a_number_wrapped_with_its_label_joins_on_the_labels_last_line():
    got = _investments(label("Tekninen lautakunta yh-", 200.0) + placed("14 297", EDGES[0], 200.0),
                       label("teensä", 212.0) + placed("800", EDGES[0], 212.0) + placed("236 100", EDGES[1], 212.0))
    assert got == [["Tekninen lautakunta yh-"], ["teensä", "14 297 800", "236 100"]]


def test_a_number_wrapped_alone_above_its_rows_other_figures_joins_them():
    got = _investments(placed("16 660", EDGES[0], 200.0),
                       label("YHTEENSÄ", 212.0) + placed("700", EDGES[0], 212.0) + placed("536 100", EDGES[1], 212.0))
    assert got == [["YHTEENSÄ", "16 660 700", "536 100"]]


def test_a_group_no_figure_starts_with_joins_the_number_above_it_under_any_label():
    got = _investments(label("Osakkeet ja osuudet", 200.0) + placed("12 250", EDGES[0], 200.0),
                       label("Kymppi", 212.0) + placed("000", EDGES[0], 212.0) + placed("33 000", EDGES[1], 212.0))
    assert got == [["Osakkeet ja osuudet"], ["Kymppi", "12 250 000", "33 000"]]


@pytest.mark.parametrize("upper, lower", [
    # a row of its own label, then the next row
    (label("Kalusto", 200.0) + placed("12 500", EDGES[0], 200.0),
     label("Koneet", 212.0) + placed("700", EDGES[0], 212.0) + placed("200 000", EDGES[1], 212.0)),
    # a sum line without a label over the next row: as many figures above as below
    (placed("12 500", EDGES[0], 200.0) + placed("2 700", EDGES[1], 200.0),
     label("Koneet", 212.0) + placed("300", EDGES[0], 212.0) + placed("400", EDGES[1], 212.0)),
    # codes before their names
    (placed("022", EDGES[0], 200.0) + label("                              Intrum", 200.0),
     placed("098", EDGES[0], 212.0) + label("                              Sumu", 212.0)),
    # joined it would be narrower than a cell that fits: no reason to wrap
    (placed("500", EDGES[0], 200.0), label("Koneet", 212.0) + placed("700", EDGES[0], 212.0)
     + placed("200 000", EDGES[1], 212.0)),
    # the line below is a row's further down the page, not the next line of a cell
    (placed("16 660", EDGES[0], 200.0), label("YHTEENSÄ", 230.0) + placed("700", EDGES[0], 230.0)
     + placed("536 100", EDGES[1], 230.0)),
])
def test_lines_that_may_be_two_rows_stay_two(upper, lower):
    assert _investments(upper, lower) == [rows([upper])[0], rows([lower])[0]]


def test_a_wrapped_number_must_have_its_columns_decimals():
    got = _investments(placed("16 660", EDGES[0], 200.0),
                       label("YHTEENSÄ", 212.0) + placed("700", EDGES[0], 212.0) + placed("536 100", EDGES[1], 212.0),
                       decimals=",00")
    assert got == [["16 660"], ["YHTEENSÄ", "700", "536 100"]]


@given(amount=st.integers(1, 10**10), wrapped=st.booleans(), size=st.floats(7.0, 12.0))
def test_any_negative_amount_reads_back_with_its_minus_wrapped_or_apart(amount, wrapped, size):
    printed = f"{amount:,}".replace(",", " ")
    if wrapped:
        page = [placed("-", 300.0, 100.0, size), label("Menot", 100.0 + 1.2 * size, size)
                + placed(printed, 300.0, 100.0 + 1.2 * size, size)]
    else:
        number = placed(printed, 300.0, 100.0, size)
        page = [label("Menot", 100.0, size) + placed("-", number[0].x0 - 0.4 * size, 100.0, size) + number]
    assert rows(page) == [["Menot", f"-{printed}"]]


def _wrapped_minus_book(path: Path, *, wrapped: bool) -> None:
    """Another town's tuloslaskelmaosa (test_books_layouts' Esimerkkilä) where, if ``wrapped``, the
    cells of the expense rows are too narrow for their minus: it prints on the line above, right-aligned,
    and a long label breaks with a hyphen there."""
    from test_books_layouts import PDF_EDGES, TULOSLASKELMAOSA, _pdf

    header = [["TP 2023", "TA 2024", "TA-muutokset", "TA 2024", "TP 2024", "Poikkeama", "Tot-%"],
              [None, None, "2024", "muutosten", None, None, None], [None, None, None, "jälkeen", None, None, None]]
    lines = [[("Esimerkkilän kunta", 40.0, "l")], [("TILINPÄÄTÖS 2024", 40.0, "l")], [],
             [("Esimerkkilän kunta, tuloslaskelmaosan toteutuminen, 1 000 €", 40.0, "l")]]
    lines += [[(w, e, "r") for w, e in zip(words, PDF_EDGES) if w] for words in header]
    for name, *values in TULOSLASKELMAOSA:
        signs = [(v[:1], e, "r") for v, e in zip(values, PDF_EDGES) if v.startswith("-")]
        if not wrapped or not signs or name in ("Tilikauden tulos", "Vuosikate"):
            lines.append([(name, 40.0, "l")] + [(v, e, "r") for v, e in zip(values, PDF_EDGES)])
            continue
        first, rest = (name[:18] + "-", name[18:]) if len(name) > 20 else (None, name)
        lines.append(([(first, 40.0, "l")] if first else []) + signs)
        lines.append([(rest, 40.0, "l")] + [(v.lstrip("-"), e, "r") for v, e in zip(values, PDF_EDGES)])
    _pdf(path, lines)


def test_a_book_that_wraps_its_minus_signs_reads_as_one_that_does_not(tmp_path):
    """Every figure recorded, checked or listed as in the same book printed with its minus signs beside
    the numbers: the sign wrapped onto the line above (over a label that breaks with a hyphen too) is
    the number's, and no figure of an expense row is read as income."""
    import test_books_layouts as tb

    plain, wrapped = tmp_path / "plain.pdf", tmp_path / "wrapped.pdf"
    _wrapped_minus_book(plain, wrapped=False)
    _wrapped_minus_book(wrapped, wrapped=True)
    lines = pdf.read_pdf(wrapped).lines
    assert any(line.text == "Suunnitelman mukai-" for line in lines)
    assert not any(c.raw == "-" for line in lines for c in line.cells)
    _reading, plan_a = tb._plan(pdf.read_pdf(plain).lines)
    reading, plan_b = tb._plan(lines)
    (table_b,) = reading.tables
    assert table_b.confirmed and table_b.expenses_positive is False
    assert tb._recorded(plan_b) == tb._recorded(plan_a) and len(tb._recorded(plan_b)) == 18
    assert sorted((s.role, s.status) for s in plan_b.statuses) == sorted((s.role, s.status) for s in plan_a.statuses)
    assert tb._recorded(plan_b)[("TOIMINTAKULUT", "TA")] == -41_000_000_00


def test_a_pdf_without_number_rows_reads_no_lines_and_no_error(tmp_path):
    from test_books_layouts import _pdf

    path = tmp_path / "saate.pdf"
    _pdf(path, [[("Tilinpäätöksen saate", 40.0, "l")], [("Toteutuma-% 99,5", 40.0, "l")]])
    book = pdf.read_pdf(path)
    assert (book.pages, book.read, book.lines) == (1, [], []) and "saate" in book.texts[0]


def test_a_page_whose_rows_all_end_in_a_percent_is_read():
    """A summary of TA, TP and Tot-% per unit ends every row in its percent: before, such a page without a
    year or page number at a line's end was not read, and its figures were in no listing."""
    texts = ["Toimintakulut TA2024 TP 2024 Tot. %\nHallinto -6 610 980 -6 467 698 97,8 %\n"
             "Opetus -24 690 710 -24 692 040 100,0 %", "Kaupunki sai 26,4 miljoonaa euroa, 2,0 %"]
    assert pdf.row_pages(texts) == [1]


def test_a_minus_set_a_little_above_its_numbers_baseline_joins_the_number_after_it():
    """A minus raised 0.5 em (a line of its own by the baseline) just before its number is its sign; one a
    line's height above a number, over its right edge, is the wrapped case; at neither place it stays."""
    number = placed("46 525 690,00", EDGES[1], 112.0)
    raised = placed("−", number[0].x0 - 1.5, 107.0)
    page = [raised, label("Toimintakulut", 112.0) + number + placed("0,00", EDGES[2], 112.0)]
    assert rows(page) == [["Toimintakulut", "−46 525 690,00", "0,00"]]
    far = placed("−", number[0].x0 - 12.0, 107.0)
    assert rows([far, page[1]]) == [["−"], ["Toimintakulut", "46 525 690,00", "0,00"]]
