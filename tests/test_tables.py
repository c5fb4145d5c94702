"""Tab-separated budget tables: golden cells copied from the seed books.

The seed books live in shared/seeds beside the repository (locally /work/shared,
in CI cloned next to the repo). Line numbers in comments are the books' lines.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.books.tables import Cell, Column, Table, parse_column, read_tab_tables

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
BOOK_000 = "000_9c20ad174b7e627f.txt"
BOOK_001 = "001_aaaf02521da22339.txt"
BOOK_004 = "004_79e4d0c6f91e6d52.txt"

FIVE = [
    Column("TP", 2023),
    Column("TA+MUUTOS", 2024),
    Column("TPE", 2024),
    Column("TA", 2025),
    Column("KS", 2025),
]


@cache
def tables(name: str) -> tuple[Table, ...]:
    return tuple(read_tab_tables((SEEDS / name).read_text(encoding="utf-8")))


def table_at(name: str, header_line: int) -> Table:
    (found,) = [t for t in tables(name) if t.header_lines[0] == header_line]
    return found


def euros(n: int) -> int:
    return n * 100


# --- book 000: Kemijärvi KS 2025, Hallintopalvelut -------------------------------------


def test_000_tables_found():
    assert [t.header_lines for t in tables(BOOK_000)] == [(74,), (86, 87), (94, 95), (114, 115)]
    assert [len(t.rows) for t in tables(BOOK_000)] == [6, 3, 14, 87]
    assert all(t.not_understood == [] for t in tables(BOOK_000))


def test_000_unit_blocks():
    units = table_at(BOOK_000, 114)
    assert units.columns == FIVE
    names = [b.name for b in units.blocks]
    assert len(names) == 29  # 28 units + "Toimiala yhteensä"
    assert names[0] == "Keskusvaalilautakunta" and names[-1] == "Toimiala yhteensä"
    assert len([n for n in names if n != "Toimiala yhteensä"]) == 28
    # every block is MENOT / TULOT / NETTOMENO, also across the book's blank lines
    assert [r.label for r in units.rows] == ["MENOT", "TULOT", "NETTOMENO"] * 29


def test_000_golden_cells():
    units = table_at(BOOK_000, 114)
    # line 117: MENOT	-22 986	-52 670	-54 739	-68 900	-68 900
    assert units.cell("Keskusvaalilautakunta", "MENOT", "TA", 2025) == Cell(
        "-68 900", -6_890_000, "amount"
    )
    assert units.row("Keskusvaalilautakunta", "MENOT").line == 117
    # line 199: TULOT	153 548	90 000	95 806	100 000	100 000
    assert units.cell("Joukkoliikenne", "TULOT", "TPE", 2024).value == euros(95_806)
    assert units.row("Joukkoliikenne", "TULOT").line == 199
    # line 166: MENOT	-410 005	-406 830		-438 270	-438 270 (no TPE: see the book's footnote)
    assert units.cell("Talouspalvelut", "MENOT", "TPE", 2024) == Cell("", None, "empty")
    assert units.row("Talouspalvelut", "MENOT").line == 166
    assert units.cell("Toimiala yhteensä", "MENOT", "TA", 2025).value == euros(-6_837_670)
    assert units.cell("Toimiala yhteensä", "NETTOMENO", "tp", 2023).value == euros(-4_680_581)


def test_000_maararahat():
    budget = table_at(BOOK_000, 86)
    assert budget.title == "Hallintopalvelut"
    assert budget.columns == [
        Column("TA+MUUTOS", 2024),
        Column("TA", 2025),
        Column("MUUTOS €", None),
        Column("MUUTOS %", None),
    ]
    cells = {r.label: [(c.value, c.kind) for c in r.cells] for r in budget.rows}
    assert cells == {
        "MENOT": [
            (euros(-6_624_150), "amount"),
            (euros(-6_817_670), "amount"),
            (euros(-193_520), "amount"),
            (29, "percent"),
        ],
        "TULOT": [
            (euros(1_204_150), "amount"),
            (euros(1_297_670), "amount"),
            (euros(93_520), "amount"),
            (78, "percent"),
        ],
        "NETTOMENO": [
            (euros(-5_420_000), "amount"),
            (euros(-5_520_000), "amount"),
            (euros(100_000), "amount"),
            (18, "percent"),
        ],
    }
    assert [r.block for r in budget.rows] == [None, None, None]


def test_000_kayttotalous_blocks_and_tunnusluvut():
    account = table_at(BOOK_000, 94)
    assert [b.name for b in account.blocks] == ["KÄYTTÖTALOUS", "TOIMINTATUOTOT", "TOIMINTAKULUT"]
    # line 103: the TOIMINTATUOTOT total row sits in its own block, as the book prints it
    assert account.cell("TOIMINTATUOTOT", "TOIMINTATUOTOT", "KS", 2025).value == euros(1_297_670)
    key = table_at(BOOK_000, 74)
    assert key.title == "Tunnusluvut"
    assert key.columns[3] == Column("TA", 2025)  # "TA 2025*": footnote mark dropped
    # "Muutos %" rows are percentages although their columns are not (line 77: -20,0)
    first_change = [r for r in key.rows if r.label == "Muutos %"][0]
    assert first_change.cells[0] == Cell("-20,0", -200, "percent")


# --- book 001: Kemijärvi KS 2024, Elinvoimapalvelut -------------------------------------


def test_001_golden_cells():
    assert len(tables(BOOK_001)) == 12
    assert sum(len(t.rows) for t in tables(BOOK_001)) == 162
    assert all(t.not_understood == [] for t in tables(BOOK_001))
    units = table_at(BOOK_001, 127)
    # line 130: MENOT	-12 100	sis. joht.	sis. joht.	sis. joht.	sis. joht.
    assert units.cell("Lautakunta", "MENOT", "TP", 2022).value == euros(-12_100)
    assert units.cell("Lautakunta", "MENOT", "TA", 2024) == Cell("sis. joht.", None, "text")
    # line 173 follows a blank line 172 inside the Yksityistiet block
    row = units.row("Yksityistiet", "NETTOMENO")
    assert row.line == 173 and row.cells[3].value == euros(-327_750)
    assert units.cell("Vastuualue yhteensä", "TULOT", "TPE", 2023).value == euros(1_172_850)
    changes = table_at(BOOK_001, 394)
    assert changes.cell(None, "TULOT", "MUUTOS %").value == -200  # "-20,0"
    assert changes.cell(None, "MENOT", "MUUTOS €").value == euros(77_020)
    key = table_at(BOOK_001, 253)
    # line 256: Muutos %	0	x	-95,5 …: "x" (no base to compare to) is text
    change = [r for r in key.rows if r.label == "Muutos %"][0]
    assert change.cells[1] == Cell("x", None, "text")
    assert change.cells[2].value == -955


# --- book 004: Kemi, Hyvinvointitoimiala 1-6/2023 ----------------------------------------


def test_004_header_with_period_and_percent():
    first = table_at(BOOK_004, 4)
    assert first.title == "HYVINVOINTITOIMIALA"
    assert first.columns == [
        Column("TP", 2022),
        Column("TA", 2023),
        Column("TOTEUMA", 2023, "01-06/2023"),
        Column("TOTEUMA-%", None),
        Column("TP-ENNUSTE", 2023),
    ]
    # line 10: TOIMINTAKULUT	-31 029 210	-30 452 272	-17 511 105	58 %	-31 752 272
    unit = "64320000 LASTEN JA NUORTEN PALVELUT"
    assert first.cell(unit, "TOIMINTAKULUT", "TOTEUMA-%") == Cell("58 %", 580, "percent")
    assert first.cell(unit, "TOIMINTAKULUT", "TOTEUMA", 2023).value == euros(-17_511_105)
    assert first.cell(unit, "TOIMINTAKULUT", "TP-ENNUSTE", 2023).value == euros(-31_752_272)
    total = "64300000 HYVINVOINTITOIMIALA"
    assert first.cell(total, "TOIMINTATUOTOT", "Toteuma-%").value == 1080  # "108 %"


def test_004_unit_tables():
    units = table_at(BOOK_004, 61)
    # line 75-77: the theatre has no budget, so Toteuma-% prints "0 %"
    assert units.cell("64334000 TEATTERITOIMINTA", "TOIMINTATUOTOT", "TOTEUMA", 2023).value == euros(
        -6_178
    )
    assert units.cell("64334000 TEATTERITOIMINTA", "TOIMINTAKATE", "TOTEUMA-%").value == 0
    assert len(units.blocks) == 8
    assert [len(t.rows) for t in tables(BOOK_004)] == [11, 25, 24, 1, 6, 7]


def test_004_not_understood_is_the_kpl_row():
    """The only line 004 cannot read is a count with a unit word, not an amount."""
    misread = [(t.header_lines[0], n) for t in tables(BOOK_004) for n in t.not_understood]
    assert len(misread) == 1
    header, entry = misread[0]
    assert header == 290 and entry.line == 299
    assert entry.text == "Asiakastytyväisyyskysely\t7 kpl\t7 kpl\t3 kpl\t7 kpl"
    assert "'7 kpl' in column TP 2022 is not an amount" in entry.why
    # the "-" cells of line 294 (no theatre visitors counted) are text, not errors
    visitors = table_at(BOOK_004, 290)
    assert visitors.cell("<u>Kävijöiden lukumäärä</u>", "Teatteritoiminta", "TA", 2023) == Cell(
        "-", None, "text"
    )


# --- the parser on its own --------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "column"),
    [
        ("TP 2022", Column("TP", 2022)),
        ("TA+muutos", Column("TA+MUUTOS", None)),
        ("Muutettu TA 2023", Column("MUUTETTU TA", 2023)),
        ("Toteuma 01-06/2023", Column("TOTEUMA", 2023, "01-06/2023")),
        ("TOTEUMA 1-6/2023", Column("TOTEUMA", 2023, "1-6/2023")),
        ("Toteuma-%", Column("TOTEUMA-%", None)),
        ("TP-ENNUSTE 2023", Column("TP-ENNUSTE", 2023)),
        ("TA 2025*", Column("TA", 2025)),
        ("Mittarit", None),
        ("Toteuma 1-6/2023 ja muuta", None),
    ],
)
def test_parse_column(heading, column):
    assert parse_column(heading) == column


def test_bad_lines_are_reported_not_dropped():
    text = (
        "\tTP\tTA\n"
        "\t2023\t2024\n"
        "Yksikkö\t\t\n"
        "MENOT\t-1 000\t1.000\n"  # "1.000" is ambiguous: not an amount
        "TULOT\t5\n"  # too few cells
        "NETTOMENO\t-1 000\t-995\n"
        "Loppu\n"
        "MENOT\t1\t2\n"  # after prose: not part of any table
    )
    (table,) = read_tab_tables(text)
    assert table.columns == [Column("TP", 2023), Column("TA", 2024)]
    assert [(r.line, r.block, r.label) for r in table.rows] == [(6, "Yksikkö", "NETTOMENO")]
    assert [(n.line, n.why) for n in table.not_understood] == [
        (4, "'1.000' in column TA 2024 is not an amount"),
        (5, "2 cells, the header has 3"),
    ]


def test_a_new_header_starts_a_new_table():
    text = "\tTP 2023\nA\t1\n\tTA 2024\tKS 2024\nB\t2\t3\n"
    first, second = read_tab_tables(text)
    assert [r.label for r in first.rows] == ["A"] and [r.label for r in second.rows] == ["B"]
    assert second.cell(None, "B", "KS", 2024).value == 300


def accounted_lines(found: list[Table] | tuple[Table, ...]) -> list[int]:
    """Every line a table claims: header, block, row or not-understood."""
    lines: list[int] = []
    for t in found:
        lines += [*t.header_lines, *(b.line for b in t.blocks), *(r.line for r in t.rows)]
        lines += [n.line for n in t.not_understood]
    return sorted(lines)


def tab_lines_after_first_header(text: str) -> list[int]:
    """1-based numbers of the tab lines from the first header up to the first prose line."""
    out: list[int] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if "\t" not in line:
            break
        out.append(number)
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="\tTPAK %-,0123456789 x2€", max_size=30), max_size=12))
def test_never_raises_and_never_drops_a_line(parts):
    text = "\tTP\tTA\n\t2023\t2024\n" + "\n".join(parts)
    found = read_tab_tables(text)
    claimed = accounted_lines(found)
    tab_lines = [n for n, line in enumerate(text.splitlines(), 1) if "\t" in line]
    # every tab line of the first table is accounted for, none twice, and only tab lines
    # (a header after prose may start another table: its lines count too)
    assert set(tab_lines_after_first_header(text)) <= set(claimed)
    assert len(claimed) == len(set(claimed)) and set(claimed) <= set(tab_lines)
    for table in found:
        for row in table.rows:
            assert len(row.cells) == len(table.columns)
            for cell in row.cells:
                assert (cell.value is None) == (cell.kind in ("text", "empty"))


@pytest.mark.parametrize("name", [BOOK_000, BOOK_001, BOOK_004])
def test_seed_tables_claim_every_line_up_to_their_end(name):
    """Inside each table of a book, every non-blank line is accounted for exactly once."""
    lines = (SEEDS / name).read_text(encoding="utf-8").splitlines()
    claimed = accounted_lines(tables(name))
    assert len(claimed) == len(set(claimed))
    for t in tables(name):
        number = t.header_lines[-1] + 1
        while number <= len(lines) and ("\t" in lines[number - 1] or not lines[number - 1].strip()):
            if lines[number - 1].strip():
                assert number in claimed, (number, lines[number - 1])
            number += 1
