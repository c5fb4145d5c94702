"""Tulosalue blocks of a tilinpäätös (Seinäjoki TP 2024, 8.1) read from the book's text: every
printed amount with its role, its side and its value, the sign convention read from the block's own
arithmetic, and anything the arithmetic does not settle listed, never guessed."""

from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ledger.books.blocks import MENOT, MUUTOS, NETTO, POIKKEAMA, TA, TA_MUUTOS, TOTEUMA, TULOT, read_blocks

BOOKS = Path(__file__).parents[1].parent / "shared" / "books" / "seinajoki-tp-2024"
SECTION = "seinajoki_tp2024_8-1_kayttotalous_tulosalueet"

TARKASTUSTOIMI = """\
Palvelukeskus KONSERNIPALVELUT
Tulosalue 120 Tarkastustoimi
120 TARKASTUSTOIMI
Talous Talousarvio € Toteutuma € Poikkeama €
Toimintatulot Alkuperäinen 200
Yhteensä 200 375 175
Toimintamenot Alkuperäinen 192 100
Kv 22.4. §26 Muutos -4 000
Kv 9.12. §98 Muutos 3 100
Yhteensä 191 200 203 437 -12 237
Netto (Toimintakate) -191 000 -203 062 -12 062
"""


def _grouped(euros: int) -> str:
    return f"{euros:,}".replace(",", " ")


def test_a_block_is_read_cell_by_cell_with_its_decisions_and_sign():
    reading = read_blocks(TARKASTUSTOIMI.splitlines())
    (block,) = reading.blocks
    assert (block.code, block.name, block.capitals, block.heading) == ("120", "Tarkastustoimi", "TARKASTUSTOIMI",
                                                                       "KONSERNIPALVELUT")
    assert reading.listed == [] and reading.expenses_positive is True
    got = [(c.line, c.role, c.side, c.printed, c.decision) for c in reading.cells]
    assert got == [(5, TA, TULOT, 200, ""), (6, TA_MUUTOS, TULOT, 200, ""), (6, TOTEUMA, TULOT, 375, ""),
                   (6, POIKKEAMA, TULOT, 175, ""), (7, TA, MENOT, 192_100, ""),
                   (8, MUUTOS, MENOT, -4_000, "Kv 22.4. §26"), (9, MUUTOS, MENOT, 3_100, "Kv 9.12. §98"),
                   (10, TA_MUUTOS, MENOT, 191_200, ""), (10, TOTEUMA, MENOT, 203_437, ""),
                   (10, POIKKEAMA, MENOT, -12_237, ""), (11, TA_MUUTOS, NETTO, -191_000, ""),
                   (11, TOTEUMA, NETTO, -203_062, ""), (11, POIKKEAMA, NETTO, -12_062, "")]


def test_a_block_whose_arithmetic_fails_is_listed_not_read():
    broken = TARKASTUSTOIMI.replace("Kv 9.12. §98 Muutos 3 100", "Kv 9.12. §98 Muutos 3 200")
    reading = read_blocks(broken.splitlines())
    assert reading.cells == []
    assert {item.line for item in reading.listed} == set(range(5, 12))
    assert all("no reading fits its arithmetic" in item.why for item in reading.listed)


def test_a_block_without_its_netto_row_is_listed():
    reading = read_blocks(TARKASTUSTOIMI.splitlines()[:-1])
    assert reading.cells == [] and len(reading.listed) == 6


def test_a_line_of_no_known_shape_is_listed_with_its_number():
    text = TARKASTUSTOIMI.replace("Toimintamenot Alkuperäinen", "Toimintamenot Tarkistettu")
    reading = read_blocks(text.splitlines())
    assert any(item.line == 7 and "no known shape" in item.why for item in reading.listed)
    assert reading.cells == []


def test_code_and_name_on_two_capitals_lines():
    text = TARKASTUSTOIMI.replace("120 TARKASTUSTOIMI", "120\nTARKASTUSTOIMI")
    (block,) = read_blocks(text.splitlines()).blocks
    assert block.capitals == "TARKASTUSTOIMI" and len(block.cells) == 13


amounts = st.integers(min_value=0, max_value=50_000_000)


@given(amounts, amounts, amounts, amounts, st.lists(st.integers(-2_000_000, 2_000_000), max_size=3),
       st.booleans())
def test_any_consistent_block_reads_back_in_either_sign_convention(ta_t, tot_t, ta_m, tot_m, changes, positive):
    """A block printed by the rules reads back to the printed figures, and the reader says which
    convention the book used: the same figures negated on the expense side when printed negative."""
    flip = 1 if positive else -1
    ta_m, tot_m, changes = flip * ta_m, flip * tot_m, [flip * c for c in changes]
    tam_m = ta_m + sum(changes)
    netto = (ta_t - flip * tam_m, tot_t - flip * tot_m)
    rows = ["Tulosalue 1 Koe", "Talous Talousarvio € Toteutuma € Poikkeama €",
            f"Toimintatulot Alkuperäinen {_grouped(ta_t)}", f"Yhteensä {_grouped(ta_t)} {_grouped(tot_t)} "
            f"{_grouped(tot_t - ta_t)}", f"Toimintamenot Alkuperäinen {_grouped(ta_m)}"]
    rows += [f"Kv {i + 1}.5. §{i + 10} Muutos {_grouped(c)}" for i, c in enumerate(changes)]
    rows += [f"Yhteensä {_grouped(tam_m)} {_grouped(tot_m)} {_grouped(-flip * (tot_m - tam_m))}",
             f"Netto (Toimintakate) {_grouped(netto[0])} {_grouped(netto[1])} {_grouped(netto[1] - netto[0])}"]
    reading = read_blocks(rows)
    read = {(c.role, c.side): c.printed for c in reading.cells if c.role != MUUTOS}
    if reading.cells:
        assert read[(TA_MUUTOS, MENOT)] == tam_m and read[(TOTEUMA, NETTO)] == netto[1]
        assert [c.printed for c in reading.cells if c.role == MUUTOS] == changes
        assert reading.expenses_positive in (positive, None)
    else:
        assert reading.listed and all("readings fit its arithmetic" in item.why for item in reading.listed)


def test_seinajoki_8_1_every_reference_cell_read_with_its_role_and_value():
    """The golden: all 405 printed amounts of the 27 blocks, each at its line with its role, side,
    block and value; nothing listed; the book prints expenses positive."""
    reading = read_blocks((BOOKS / f"{SECTION}.txt").read_text(encoding="utf-8").splitlines())
    with (BOOKS / f"{SECTION}.truth.tsv").open(encoding="utf-8") as f:
        truth = {(int(r["line"]), r["role"], r["section"], int(r["printed"]), r["block"])
                 for r in csv.DictReader(f, delimiter="\t")}
    names = {(b.code, b.name) for b in reading.blocks}
    read = {(c.line, c.role, c.side, c.printed * 100, f"{b.code} {b.name}")
            for b in reading.blocks for c in b.cells}
    assert len(truth) == 405 and len(reading.blocks) == 27 and len(names) == 27
    assert read == truth
    assert reading.listed == []
    assert reading.expenses_positive is True
    assert {b.deviation_in_ledger_sign for b in reading.blocks} == {True}
