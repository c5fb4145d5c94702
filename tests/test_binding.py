"""The binding figure is the book's (issue 17, item 5).

Book 001 states Asuminen ja ympäristö's määrärahat MENOT TA+muutos 2023 as -2 759 200; its 19
units, printed to the euro, sum to -2 759 210. The reports print the book's figure, and the 10 €
is a finding: a contradiction, since 19 parts printed to the euro explain at most 9,50 €.
"""

from __future__ import annotations

import csv
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ledger.fold.binding import Gap, overlay
from test_cli import kirjuri

ROOT = Path(__file__).parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
BOOK = SEEDS / "001_aaaf02521da22339.txt"
PROFILE = ROOT / "examples" / "books" / "001_aaaf02521da22339.toml"
CONTRADICTION = ("2023 ASUMINEN Asuminen ja ympäristöpalvelut: MENOT TA+MUUTOS stated -2 759 200, its 19 units sum "
                 "to -2 759 210: a difference of 10, a contradiction (parts printed to 1 € explain at most 9,50)")


def _plain(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def test_book_001_imported_prints_its_binding_figure_and_the_10_euros_as_a_contradiction(tmp_path, english):
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    applied = kirjuri(db, "import", str(BOOK), "--profile", str(PROFILE), "--apply")
    assert applied.exit_code == 0, applied.output
    assert "Vastuualue yhteensä: MENOT TA+MUUTOS 2023 = sum of 19 units -2 759 200 -2 759 210 10 CONTRADICTION" \
        in _plain(applied.output)

    maararahat = kirjuri(db, "report", "maararahat", "ASUMINEN", "--year", "2024", "--change", "signed")
    assert maararahat.exit_code == 0, maararahat.output
    text = _plain(maararahat.output)
    assert "MENOT │ -2 759 200 │ -2 983 250 │ -224 050 │ 8,1 % │" in text
    assert "NETTOMENO │ -1 720 000 │ -1 871 150 │ -151 150 │ 8,8 % │" in text
    assert f"finding: {CONTRADICTION}" in text

    out = tmp_path / "vertailu.csv"
    vertailu = kirjuri(db, "report", "toteutumisvertailu", "ASUMINEN", "--year", "2023", "--output", str(out))
    assert vertailu.exit_code == 0, vertailu.output
    assert f"finding: {CONTRADICTION}" in _plain(vertailu.output)
    rows = list(csv.reader(out.open(encoding="utf-8"), delimiter=";"))
    total = [r for r in rows if r and r[0].strip() == "MENOT"][-1]
    # the units' TA as recorded, the appropriation as the book states it, no toteutuma, the TPE on its own
    assert [_plain(cell) for cell in total[1:]] == ["-2 759 210", "", "-2 759 200", "", "", "", "-2 618 150"]

    again = kirjuri(db, "import", str(BOOK), "--profile", str(PROFILE), "--apply")
    assert "to record: 0 events" in again.output


def test_verify_with_the_book_lists_the_10_euros_as_a_finding_not_as_rounding(tmp_path, english):
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    assert kirjuri(db, "import", str(BOOK), "--profile", str(PROFILE), "--apply").exit_code == 0
    verified = kirjuri(db, "verify", "--book", str(BOOK))
    assert verified.exit_code == 1
    text = _plain(verified.output)
    assert ("line 99: Asuminen ja ympäristö- palvelut: määrärahat MENOT TA+MUUTOS 2023 = its units: the book says "
            "-2 759 200, its lines sum to -2 759 210") in text
    assert "301 totals, 7 off by rounding only" in text


def test_a_unit_level_figure_with_no_statement_above_it_is_the_units_sum():
    amounts = {("MENOT", "TA"): -100_00, ("MENOT", "MUUTOS"): -5_00, ("TULOT", "TA"): 40_00}
    assert overlay(amounts, {}) is amounts


def test_a_stated_ta_carries_the_units_changes_and_the_net_is_derived_from_what_is_printed():
    amounts = {("MENOT", "TA"): -100_00, ("MENOT", "MUUTOS"): -5_00, ("MENOT", "TA+MUUTOS"): -105_00,
               ("TULOT", "TA"): 40_00, ("TULOT", "TA+MUUTOS"): 40_00, ("NETTOMENO", "TA"): -60_00,
               ("NETTOMENO", "TA+MUUTOS"): -65_00}
    shown = overlay(amounts, {("MENOT", "TA"): -110_00})
    assert shown[("MENOT", "TA")] == -110_00 and shown[("MENOT", "TA+MUUTOS")] == -115_00
    assert shown[("NETTOMENO", "TA")] == -70_00 and shown[("NETTOMENO", "TA+MUUTOS")] == -75_00
    assert shown[("MENOT", "MUUTOS")] == -5_00 and amounts[("MENOT", "TA")] == -100_00


@given(st.integers(1, 60), st.sampled_from([1, 100]), st.integers(-10**11, 10**11), st.data())
def test_a_gap_is_rounding_only_if_half_a_printed_unit_per_unit_explains_it(parts, unit, lines, data):
    """Units printed at precision p (cents): a stated figure n·p/2 or less from their sum is rounding,
    further is a contradiction (19 units to the euro: 9,50 € is rounding, 10 € is not)."""
    limit = parts * unit // 2
    beyond = data.draw(st.integers(limit + 1, limit + 100 * unit))
    sign = data.draw(st.sampled_from([1, -1]))
    assert not Gap("N", 2023, "MENOT", "TA", lines + sign * beyond, lines, parts, unit).rounding
    if limit:
        within = data.draw(st.integers(1, limit))
        assert Gap("N", 2023, "MENOT", "TA", lines + sign * within, lines, parts, unit).rounding
    assert not Gap("N", 2023, "MENOT", "TA", lines, lines, parts, unit).rounding
    assert not Gap("N", 2023, "MENOT", "TA+MUUTOS", -2_759_200_00, -2_759_210_00, 19, 100).rounding
    assert Gap("N", 2023, "MENOT", "TA+MUUTOS", -2_759_200_00, -2_759_209_50, 19, 100).rounding
