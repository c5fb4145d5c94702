"""Reports: the books' tables rebuilt from small ledgers, cell by cell, and their renderings."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import KV, KV_MUUTOS, KV_MUUTOS_2023, KV_2023, KV_2026, Clock, small_city
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from events.codec import GENESIS, seal
from events.model import (
    BreakdownStated,
    Line,
    ServiceTransferred,
    TaAdopted,
    TpRecorded,
    UnitRegistered,
)
from ledger.fold import projections as pj
from ledger.reports import tables as rp
from ledger.app import Kirjuri
from ledger.books.book import read_book
from ledger.books.plan import load_profile, plan_import
from ledger.domain.money import parse_amount
from ledger.fold.projections import Point
from ledger.fold.state import LedgerState

D = dt.date
MAIN = ("MENOT", "TULOT", "NETTOMENO")
SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
PROFILES = Path(__file__).parents[1] / "examples" / "books"


@pytest.fixture
def app(sqlite_target, clock):
    kirjuri = small_city(Kirjuri(sqlite_target, create=True, author="testi", clock=clock))
    yield kirjuri
    kirjuri.close()


@pytest.fixture
def moved(app):
    """JL moves from Yleishallinto (HP) to ET for 2026, as Joukkoliikenne did in Kemijärvi."""
    app.record("tp", 2024, [Line("JL", "MENOT", -280_00), Line("TP", "MENOT", -450_50), Line("TP", "TULOT", 50_00)])
    app.adopt(2025, [Line("JL", "MENOT", -300_00), Line("TP", "MENOT", -500_00), Line("TP", "TULOT", 100_00),
                     Line("TY", "MENOT", -200_00)], decision=KV)
    app.amend(2025, [Line("TP", "MENOT", -20_00)], effective=D(2025, 5, 1), decision=KV_MUUTOS)
    app.transfer("JL", "ET", effective=D(2026, 1, 1), decision=KV)
    app.adopt(2026, [Line("JL", "MENOT", -320_00), Line("TP", "MENOT", -510_00)], decision=KV_2026)
    return app


COLUMNS = [("TP", 2024), ("TA+MUUTOS", 2025), ("TA", 2026)]


def _breakdown(app, year: int, column: str, lines: list[Line], effective: dt.date):
    return app.submit(BreakdownStated(id=app.new_id(), effective=effective, recorded_at=app.clock(), author="testi",
                                      year=year, column=column, lines=tuple(lines)))[0]


# --- unit block ---------------------------------------------------------------------------------


def test_unit_block_as_published_prints_a_moved_unit_under_both_parents(moved):
    report = rp.unit_block(moved.state, "KJ", COLUMNS)
    assert report.title == "Kemijärven kaupunki"
    assert report.basis == "as published"
    assert [(c.heading, c.sub) for c in report.columns] == [("TP", "2024"), ("TA+MUUTOS", "2025"), ("TA", "2026")]
    old, new = report.blocks("Joukkoliikenne")
    assert old == {"MENOT": (-280_00, -300_00, "ks. Elinkeino- ja työllisyyspalvelut"),
                   "TULOT": (None, None, "ks. Elinkeino- ja työllisyyspalvelut"),
                   "NETTOMENO": (-280_00, -300_00, "ks. Elinkeino- ja työllisyyspalvelut")}
    assert new["MENOT"] == ("ks. Yleishallinto", "ks. Yleishallinto", -320_00)
    assert report.block("Talouspalvelut") == {"MENOT": (-450_50, -520_00, -510_00), "TULOT": (50_00, 100_00, None),
                                              "NETTOMENO": (-400_50, -420_00, -510_00)}
    assert report.block("Kehittämisprojektit") == {line: (None, None, None) for line in MAIN}
    assert report.block("Yleishallinto yhteensä")["MENOT"] == (-730_50, -820_00, -510_00)
    assert report.block("Hallintopalvelut yhteensä")["NETTOMENO"] == (-680_50, -720_00, -510_00)
    assert report.block("Elinkeino- ja työllisyyspalvelut yhteensä")["MENOT"] == (None, -200_00, -320_00)
    assert report.block("Kaupunki yhteensä") == {"MENOT": (-730_50, -1020_00, -830_00),
                                                 "TULOT": (50_00, 100_00, None),
                                                 "NETTOMENO": (-680_50, -920_00, -830_00)}
    headings = [(r.label, r.level) for r in report.rows if r.kind == "block"]
    assert headings == [("Joukkoliikenne", 2), ("Kehittämisprojektit", 2), ("Talouspalvelut", 2),
                        ("Yleishallinto yhteensä", 1), ("Hallintopalvelut yhteensä", 0), ("Joukkoliikenne", 1),
                        ("Työllisyyspalvelut", 1), ("Elinkeino- ja työllisyyspalvelut yhteensä", 0),
                        ("Kaupunki yhteensä", 0)]
    assert {r.kind for r in report.rows if r.label == "MENOT"} == {"line", "total"}


def test_unit_block_restated_to_a_later_structure(moved):
    report = rp.unit_block(moved.state, "KJ", COLUMNS, structure=2026)
    assert report.basis == "restated to the structure of 2026 (vertailukelpoinen)"
    assert len(report.blocks("Joukkoliikenne")) == 1
    assert report.block("Joukkoliikenne")["MENOT"] == (-280_00, -300_00, -320_00)
    assert report.block("Hallintopalvelut yhteensä")["MENOT"] == (-450_50, -520_00, -510_00)
    assert report.block("Elinkeino- ja työllisyyspalvelut yhteensä")["MENOT"] == (-280_00, -500_00, -320_00)
    assert report.block("Kaupunki yhteensä")["MENOT"] == (-730_50, -1020_00, -830_00)


def test_unit_block_of_a_toimiala_and_a_unit_that_did_not_exist_yet(moved):
    moved.register_unit("OB", "Osallistuva budjetointi", "yksikkö", "HP-YH", effective=D(2026, 1, 1))
    moved.adopt(2026, [Line("OB", "MENOT", -20_000_00)], decision=KV_2026)
    report = rp.unit_block(moved.state, "HP", COLUMNS)
    assert report.title == "Hallintopalvelut"
    assert report.block("Osallistuva budjetointi")["MENOT"] == (None, None, -20_000_00)
    assert report.block("Joukkoliikenne")["MENOT"] == (-280_00, -300_00, None)
    assert report.block("Toimiala yhteensä")["MENOT"] == (-730_50, -820_00, -20_510_00)
    assert [r.label for r in report.rows if r.kind == "block"][-2:] == ["Yleishallinto yhteensä", "Toimiala yhteensä"]


def test_toteuma_percent_is_rounded_once_from_the_exact_ratio(app):
    app.adopt(2023, [Line("JL", "MENOT", -100_00), Line("TP", "MENOT", -200_00)], decision=KV_2023)
    app.record("toteuma", 2023, [Line("JL", "MENOT", -42_45), Line("TP", "MENOT", -5)],
               period=(D(2023, 1, 1), D(2023, 6, 30)))
    columns = [("TOTEUMA", 2023), ("TOTEUMA-%", 2023)]
    tenths = rp.unit_block(app.state, "HP", columns)
    assert tenths.columns[1].kind == "percent"
    assert tenths.block("Joukkoliikenne")["MENOT"] == (-42_45, 425)
    assert tenths.block("Talouspalvelut")["MENOT"] == (-5, 0)
    assert tenths.block("Kehittämisprojektit")["MENOT"] == (None, None)
    whole = rp.unit_block(app.state, "HP", columns, percent_decimals=0)
    assert whole.block("Joukkoliikenne")["MENOT"] == (-42_45, 420)
    assert whole.block("Toimiala yhteensä")["MENOT"] == (-42_50, 140)
    assert rp.to_markdown(whole).count("| 42 % |") == 2


def test_kemi_lines_and_a_groups_own_figures(app):
    app.adopt(2025, [Line("JL", "Myyntituotot", 10_00), Line("JL", "Henkilöstökulut", -30_00),
                     Line("HP-YH", "TOIMINTAKULUT", -5_00)], decision=KV)
    report = rp.unit_block(app.state, "HP", [("TA", 2025)], lines=rp.KATE_LINES)
    assert report.block("Joukkoliikenne") == {"TOIMINTATUOTOT": (10_00,), "TOIMINTAKULUT": (-30_00,),
                                              "TOIMINTAKATE": (-20_00,)}
    assert report.block("Yleishallinto") == {"TOIMINTATUOTOT": (None,), "TOIMINTAKULUT": (-5_00,),
                                             "TOIMINTAKATE": (-5_00,)}
    assert report.block("Toimiala yhteensä")["TOIMINTAKATE"] == (-25_00,)


def test_unknown_parameters_are_refused(app):
    with pytest.raises(ValueError, match="unknown column 'TOT'"):
        rp.unit_block(app.state, "HP", [("TOT", 2025)])
    with pytest.raises(ValueError, match="decimals must be 0 or 1"):
        rp.unit_block(app.state, "HP", [("TOTEUMA-%", 2025)], percent_decimals=2)
    with pytest.raises(ValueError, match="change must be"):
        rp.maararahat(app.state, "HP", 2025, change="abs")


BOOK_000 = "000_9c20ad174b7e627f"


def _book_cells(lines: list[str]) -> dict[tuple[str, str, int], int | None]:
    """A tab-separated unit table as (block, line, column index) -> cents."""
    cells, block = {}, ""
    for line in lines:
        label, *values = line.rstrip("\n").split("\t")
        if label not in MAIN:
            block = label
            continue
        for i, text in enumerate(values):
            cells[(block, label, i)] = parse_amount(text) if text.strip() else None
    return cells


def test_unit_block_rebuilds_book_000s_unit_table(sqlite_target, clock):
    """Book 000 lines 116-233, imported and printed again: equal but for the book's own rounding and blanks."""
    app = Kirjuri(sqlite_target, create=True, author="testi", clock=clock)
    plan = plan_import(app.state, read_book(SEEDS / f"{BOOK_000}.txt"), load_profile(PROFILES / f"{BOOK_000}.toml"),
                       author="testi", now=dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    app.submit(*plan.events, confirm=frozenset({"authority.ks_over"}))  # its KS 2025 past its stated TA, as printed
    book = _book_cells((SEEDS / f"{BOOK_000}.txt").read_text(encoding="utf-8").splitlines()[115:233])
    report = rp.unit_block(app.state, "HALL", [("TP", 2023), ("TA+MUUTOS", 2024), ("TPE", 2024), ("TA", 2025),
                                               ("KS", 2025)])
    app.close()
    ours = _book_cells(line.replace(";", "\t") for line in _csv_lines(report)[2:])
    assert set(ours) == set(book) and len(book) == (28 + 1) * 3 * 5
    differ = {key for key in book if book[key] != ours[key]}
    rounded = {key for key in differ if book[key] is not None}
    assert rounded == {("Hallintopalvelut", "NETTOMENO", 0), ("Toimiala yhteensä", "MENOT", 0),
                       ("Toimiala yhteensä", "NETTOMENO", 0)}
    assert all(abs(book[key] - ours[key]) == 1_00 for key in rounded)
    # the book leaves a NETTOMENO or a total blank where a unit has no TPE MENOT; the ledger sums what it has
    assert {(line, i) for block, line, i in differ - rounded} == {("NETTOMENO", 2), ("MENOT", 2), ("TULOT", 2)}
    assert {block for block, line, i in differ - rounded if line != "NETTOMENO"} == {"Toimiala yhteensä"}


def _csv_lines(report: rp.Report) -> list[str]:
    out = io.StringIO()
    rp.to_csv(report, out)
    return out.getvalue().splitlines()


# --- määrärahat ---------------------------------------------------------------------------------


def test_maararahat_signs_as_in_book_000(app):
    """Book 000: MENOT -6 624 150 -> -6 817 670 prints -193 520 and 2,9; NETTOMENO prints 100 000 and 1,8."""
    app.adopt(2024, [Line("TP", "MENOT", -6_500_000_00), Line("TP", "TULOT", 1_204_150_00)], decision=KV)
    app.amend(2024, [Line("TP", "MENOT", -124_150_00)], effective=D(2024, 6, 1), decision=KV)
    app.adopt(2025, [Line("TP", "MENOT", -6_817_670_00), Line("TP", "TULOT", 1_297_670_00)], decision=KV)
    report = rp.maararahat(app.state, "HP", 2025)
    assert [(c.heading, c.sub) for c in report.columns] == [("TA+muutos", "2024"), ("TA", "2025"), ("MUUTOS", "€"),
                                                            ("MUUTOS", "%")]
    assert report.rows[0].cells == (-6_624_150_00, -6_817_670_00, 193_520_00, 29)
    assert report.rows[1].cells == (1_204_150_00, 1_297_670_00, 93_520_00, 78)
    assert report.rows[2].cells == (-5_420_000_00, -5_520_000_00, 100_000_00, 18)
    signed = rp.maararahat(app.state, "HP", 2025, change="signed")
    assert [r.cells[2] for r in signed.rows] == [-193_520_00, 93_520_00, -100_000_00]
    assert rp.maararahat(app.state, "ET", 2025).rows[0].cells == (None, None, None, None)


def test_maararahat_a_shrinking_budget_as_in_book_003(app):
    """Book 003: MENOT -6 837 670 -> -5 341 090 prints -1 496 580 and -21,9; TULOT falls by 423 140, -32,6."""
    app.adopt(2025, [Line("TP", "MENOT", -6_837_670_00), Line("TP", "TULOT", 1_297_670_00)], decision=KV)
    app.adopt(2026, [Line("TP", "MENOT", -5_341_090_00), Line("TP", "TULOT", 874_530_00)], decision=KV_2026)
    report = rp.maararahat(app.state, "HP", 2026)
    assert [r.cells[2:] for r in report.rows] == [(-1_496_580_00, -219), (-423_140_00, -326),
                                                  (-1_073_440_00, -194)]


# --- käyttötalous -------------------------------------------------------------------------------


def test_kayttotalous_reads_the_books_breakdown_where_stated(app):
    app.record("tp", 2024, [Line("JL", "Henkilöstökulut", -100_00), Line("TP", "Palvelujen ostot", -40_00),
                            Line("TP", "Myyntituotot", 30_00)])
    app.adopt(2025, [Line("JL", "MENOT", -300_00), Line("TP", "TULOT", 20_00)], decision=KV)
    _breakdown(app, 2025, "TA", [Line("HP", "Henkilöstökulut", -250_00), Line("HP", "Vuokrat", -50_00),
                                 Line("HP", "Tuet ja avustukset", 20_00)], D(2025, 1, 1))
    report = rp.kayttotalous(app.state, "HP", [("TP", 2024), ("TA", 2025), ("TA+MUUTOS", 2025)])
    assert report.basis == "as published; by account as the book stated: TA 2025"
    cells = {(r.label, r.kind): r.cells for r in report.rows}
    assert [r.label for r in report.rows][:2] == ["TOIMINTATUOTOT", "Myyntituotot"]
    assert cells[("TOIMINTATUOTOT", "block")] == (None, None, None)
    assert cells[("Myyntituotot", "line")] == (30_00, None, None)
    # a stated TA with no TA-muutos on it: TA muutosten jälkeen is the stated TA (as ``binding.overlay`` reads it)
    assert cells[("Tuet ja avustukset", "line")] == (None, 20_00, 20_00)
    assert cells[("TOIMINTATUOTOT", "total")] == (30_00, 20_00, 20_00)
    assert cells[("Henkilöstökulut", "line")] == (-100_00, -250_00, -250_00)
    assert cells[("TOIMINTAKULUT", "total")] == (-140_00, -300_00, -300_00)
    assert cells[("TOIMINTAKATE", "total")] == (-110_00, -280_00, -280_00)
    assert [r.label for r in report.rows][-1] == "TOIMINTAKATE"
    restated = rp.kayttotalous(app.state, "HP", [("TA", 2025)], structure=2026)
    assert {(r.label, r.kind): r.cells for r in restated.rows}[("Henkilöstökulut", "line")] == (None,)


def test_kayttotalous_stated_ta_plus_muutos_is_read_directly(app):
    app.adopt(2025, [Line("JL", "Henkilöstökulut", -300_00)], decision=KV)
    _breakdown(app, 2025, "TA+MUUTOS", [Line("HP", "Henkilöstökulut", -310_00)], D(2025, 6, 1))
    report = rp.kayttotalous(app.state, "HP", [("TA", 2025), ("TA+MUUTOS", 2025)])
    assert {(r.label, r.kind): r.cells for r in report.rows}[("Henkilöstökulut", "line")] == (-300_00, -310_00)


# --- half-year (Kemi) ---------------------------------------------------------------------------


@pytest.fixture
def kemi(sqlite_target, clock):
    app = Kirjuri(sqlite_target, create=True, author="testi", clock=clock)
    on = D(2020, 1, 1)
    app.register_unit("64000000", "Kemin kaupunki", "kaupunki", None, effective=on)
    app.register_unit("64100000", "Keskusvirasto", "toimiala", "64000000", effective=on)
    app.register_unit("64110000", "Hallintopalvelut", "vastuualue", "64100000", effective=on)
    app.register_unit("64120000", "Tietohallintopalvelut", "vastuualue", "64100000", effective=on)
    yield app
    app.close()


def test_half_year_as_in_kemis_book_002(kemi):
    hp, th = "64110000", "64120000"
    kemi.record("tp", 2022, [Line(hp, "TOIMINTATUOTOT", 480_920_00), Line(hp, "TOIMINTAKULUT", -5_966_525_00)])
    kemi.adopt(2023, [Line(hp, "TOIMINTATUOTOT", 441_104_00), Line(hp, "TOIMINTAKULUT", -2_917_576_00),
                      Line(th, "TOIMINTATUOTOT", 1_179_323_00)], decision=KV_2023)
    kemi.amend(2023, [Line(hp, "TOIMINTAKULUT", -44_000_00)], effective=D(2023, 3, 1), decision=KV_MUUTOS_2023)
    kemi.record("toteuma", 2023, [Line(hp, "TOIMINTATUOTOT", 106_571_00), Line(hp, "TOIMINTAKULUT", -1_439_849_00),
                                  Line(th, "TOIMINTATUOTOT", 488_871_00)], period=(D(2023, 1, 1), D(2023, 6, 30)))
    kemi.record("tpe", 2023, [Line(hp, "TOIMINTATUOTOT", 400_000_00), Line(hp, "TOIMINTAKULUT", -2_900_000_00)],
                effective=D(2023, 6, 30))
    kemi.record("toteuma", 2023, [Line(hp, "TOIMINTATUOTOT", 1_00)], period=(D(2023, 7, 1), D(2023, 7, 31)))
    report = rp.half_year(kemi.state, "64100000", 2023, "01-06/2023", Point(on=D(2023, 6, 30)))
    assert report.title == "KESKUSVIRASTO"
    assert [(c.heading, c.sub) for c in report.columns] == [
        ("TP", "2022"), ("TA", "2023"), ("Muutettu TA", "2023"), ("Toteuma", "01-06/2023"), ("Toteuma-%", ""),
        ("TP-ennuste", "2023")]
    assert report.block("64110000 HALLINTOPALVELUT") == {
        "TOIMINTATUOTOT": (480_920_00, 441_104_00, 441_104_00, 106_571_00, 240, 400_000_00),
        "TOIMINTAKULUT": (-5_966_525_00, -2_917_576_00, -2_961_576_00, -1_439_849_00, 490, -2_900_000_00),
        "TOIMINTAKATE": (-5_485_605_00, -2_476_472_00, -2_520_472_00, -1_333_278_00, 530, -2_500_000_00),
    }
    assert report.block("64120000 TIETOHALLINTOPALVELUT")["TOIMINTATUOTOT"] == (
        None, 1_179_323_00, 1_179_323_00, 488_871_00, 410, None)
    total = report.block("64100000 KESKUSVIRASTO")
    assert total["TOIMINTATUOTOT"] == (480_920_00, 1_620_427_00, 1_620_427_00, 595_442_00, 370, 400_000_00)
    assert {r.kind for r in report.rows[-3:]} == {"total"}
    assert "| 64110000 HALLINTOPALVELUT |" not in rp.to_markdown(report)
    assert "| **64110000 HALLINTOPALVELUT** |" in rp.to_markdown(report)


# --- toteutumisvertailu -------------------------------------------------------------------------


def test_toteutumisvertailu_uses_tp_once_recorded_and_poikkeama_favours_the_positive(moved):
    before_tp = rp.toteutumisvertailu(moved.state, "HP", 2025)
    assert before_tp.columns[3].sub == "TOTEUMA 2025"
    assert before_tp.block("Talouspalvelut")["MENOT"] == (-500_00, -20_00, -520_00, None, None, None, None)
    moved.record("toteuma", 2025, [Line("TP", "MENOT", -260_00)], period=(D(2025, 1, 1), D(2025, 6, 30)))
    half = rp.toteutumisvertailu(moved.state, "HP", 2025)
    assert half.block("Talouspalvelut")["MENOT"] == (-500_00, -20_00, -520_00, -260_00, 260_00, 500, None)
    moved.record("tp", 2025, [Line("TP", "MENOT", -530_00), Line("TP", "TULOT", 130_00), Line("JL", "MENOT", -290_00)])
    report = rp.toteutumisvertailu(moved.state, "HP", 2025)
    assert report.title == "Hallintopalvelut: talousarvion toteutumisvertailu 2025"
    assert [(c.heading, c.sub) for c in report.columns] == [
        ("Alkuperäinen TA", "2025"), ("TA-muutokset", "2025"), ("TA muutosten jälkeen", "2025"),
        ("Toteutuma", "TP 2025"), ("Poikkeama", "€"), ("Toteuma-%", ""), ("TP-ennuste", "2025")]
    assert report.block("Talouspalvelut") == {"MENOT": (-500_00, -20_00, -520_00, -530_00, -10_00, 1019, None),
                                              "TULOT": (100_00, None, 100_00, 130_00, 30_00, 1300, None),
                                              "NETTOMENO": (-400_00, -20_00, -420_00, -400_00, 20_00, 952, None)}
    assert report.block("Toimiala yhteensä")["MENOT"] == (-800_00, -20_00, -820_00, -820_00, 0, 1000, None)
    known = Point(known_at=moved.state.recorded_at(moved.state.seq - 1))
    assert rp.toteutumisvertailu(moved.state, "HP", 2025, known).columns[3].sub == "TOTEUMA 2025"


def test_one_units_tp_never_hides_another_units_toteuma_and_tpe_is_a_column_of_its_own(moved):
    """Toteutuma is decided unit by unit: Talouspalvelut's TP closes its year, Joukkoliikenne's
    toteuma so far still counts, and the total is the sum of the two (it once dropped the toteuma)."""
    moved.record("toteuma", 2025, [Line("JL", "MENOT", -100_00)], period=(D(2025, 1, 1), D(2025, 6, 30)))
    moved.record("tpe", 2025, [Line("JL", "MENOT", -310_00)], effective=D(2025, 9, 30))
    moved.record("tp", 2025, [Line("TP", "MENOT", -530_00)])
    report = rp.toteutumisvertailu(moved.state, "HP", 2025)
    assert (report.columns[3].heading, report.columns[3].sub) == ("Toteutuma", "TP/TOTEUMA 2025")
    assert report.block("Joukkoliikenne")["MENOT"] == (-300_00, None, -300_00, -100_00, 200_00, 333, -310_00)
    assert report.block("Talouspalvelut")["MENOT"] == (-500_00, -20_00, -520_00, -530_00, -10_00, 1019, None)
    assert report.block("Toimiala yhteensä")["MENOT"] == (-800_00, -20_00, -820_00, -630_00, 190_00, 768, -310_00)


# --- renderings ---------------------------------------------------------------------------------


def test_csv_prints_numbers_as_the_books_do(moved):
    out = io.StringIO()
    rp.to_csv(rp.unit_block(moved.state, "ET", [("TA+MUUTOS", 2025), ("TA", 2026), ("TOTEUMA-%", 2025)]), out)
    assert out.getvalue().splitlines()[:6] == [
        "Elinkeino- ja työllisyyspalvelut;TA+MUUTOS;TA;TOTEUMA-%",
        "as published;2025;2026;2025",
        "Joukkoliikenne;;;",
        "MENOT;;-320;",
        "TULOT;;;",
        "NETTOMENO;;-320;",
    ]
    out = io.StringIO()
    rp.to_csv(rp.maararahat(moved.state, "HP", 2026), out)
    assert list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))[2] == ["MENOT", "-820", "-510", "-310",
                                                                               "-37,8"]


def test_csv_to_a_path_has_a_bom_for_excel(moved, tmp_path):
    rp.write(rp.unit_block(moved.state, "HP", [("TP", 2024)]), tmp_path / "m.csv")
    assert (tmp_path / "m.csv").read_bytes().startswith(b"\xef\xbb\xbfHallintopalvelut;TP\r\n")
    lines = (tmp_path / "m.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[lines.index("Talouspalvelut;") + 1:][:3] == ["MENOT;-450,50", "TULOT;50", "NETTOMENO;-400,50"]


def test_markdown(moved):
    text = rp.to_markdown(rp.maararahat(moved.state, "HP", 2026))
    assert text == (
        "### Hallintopalvelut\n\n*as published*\n\n"
        "|  | TA+muutos 2025 | TA 2026 | MUUTOS € | MUUTOS % |\n|---|---:|---:|---:|---:|\n"
        "| MENOT | -820 | -510 | -310 | -37,8 % |\n"
        "| TULOT | 100 |  |  |  |\n"
        "| NETTOMENO | -720 | -510 | -210 | -29,2 % |\n")
    block = rp.to_markdown(rp.unit_block(moved.state, "ET", [("TA", 2026)]))
    assert "| **Joukkoliikenne** |  |\n| \u00a0\u00a0MENOT | -320 |\n" in block
    assert "| **Toimiala yhteensä** |  |\n| \u00a0\u00a0**MENOT** | -320 |" in block


def test_xlsx_holds_numbers_in_euros(moved, tmp_path):
    moved.record("toteuma", 2025, [Line("TP", "MENOT", -260_05)], period=(D(2025, 1, 1), D(2025, 6, 30)))
    report = rp.unit_block(moved.state, "HP", [("TA+MUUTOS", 2025), ("TOTEUMA", 2025), ("TOTEUMA-%", 2025),
                                                ("TA", 2026)])
    rp.to_xlsx(report, tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    assert [c.value for c in ws[1]] == ["Hallintopalvelut", "TA+MUUTOS", "TOTEUMA", "TOTEUMA-%", "TA"]
    assert [c.value for c in ws[2]] == ["as published", "2025", "2025", "2025", "2026"]
    rows = {(r[0].value, i): [c.value for c in r[1:]] for i, r in enumerate(ws.iter_rows(min_row=3))}
    labels = [label for label, _i in sorted(rows, key=lambda k: k[1])]
    assert labels == [r.label for r in report.rows]
    tp = labels.index("Talouspalvelut")
    assert rows[("MENOT", tp + 1)] == [-520, pytest.approx(-260.05), pytest.approx(50.0), -510]
    assert rows[("TULOT", tp + 2)] == [100, None, None, None]
    assert rows[("MENOT", 1)] == [-300, None, None, None]
    sheet_row = ws[tp + 4]
    assert sheet_row[2].number_format == "#,##0.00" and sheet_row[3].number_format == "0.0"
    assert sheet_row[1].number_format == "#,##0" and sheet_row[0].alignment.indent == 2
    assert ws[tp + 3][0].font.bold


def test_rich_table(moved):
    console = Console(width=200, record=True)
    console.print(rp.render_rich(rp.maararahat(moved.state, "HP", 2026)))
    text = console.export_text()
    assert "Hallintopalvelut" in text and "as published" in text
    assert "-37,8 %" in text and "-820" in text


# --- Fiscal Data Package ------------------------------------------------------------------------


def test_fiscal_data_package_sums_to_the_city_totals(moved, tmp_path):
    moved.record("tp", 2025, [Line("TP", "Henkilöstökulut", -400_25), Line("TP", "Myyntituotot", 110_00),
                              Line("TY", "MENOT", -190_00)])
    path = rp.fiscal_data_package(moved.state, 2025, tmp_path / "fdp")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert path.name == "datapackage.json" and doc["name"] == "kirjuri-kj-2025"
    resource = doc["resources"][0]
    fields = [f["name"] for f in resource["schema"]["fields"]]
    with open(path.parent / resource["path"], encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == fields
    for name, measure in doc["model"]["measures"].items():
        assert measure["source"] in fields and measure["currency"] == "EUR"
        assert measure["phase"] in ("approved", "adjusted", "executed")
        assert measure["direction"] in ("expenditure", "revenue") and name == f"{measure['phase']}_{measure['direction']}"
    for dimension in doc["model"]["dimensions"].values():
        assert set(dimension["primaryKey"]) <= set(dimension["attributes"])
        assert all(a["source"] in fields for a in dimension["attributes"].values())
    city = pj.figures(moved.state, 2025, "KJ")

    def total(measure: str) -> Decimal:
        return sum((Decimal(r[measure]) for r in rows if r[measure]), Decimal(0)) * 100

    for phase, column in (("approved", "TA"), ("adjusted", "TA+MUUTOS"), ("executed", "TP")):
        assert total(f"{phase}_expenditure") == -city.get("MENOT", column)
        assert total(f"{phase}_revenue") == city.get("TULOT", column)
    assert {(r["unit_code"], r["account"]): r["executed_expenditure"] for r in rows}[("TP", "Henkilöstökulut")] == "400.25"
    assert {r["unit_path"] for r in rows if r["unit_code"] == "JL"} == {"KJ/HP/HP-YH/JL"}


def test_fiscal_data_package_to_a_descriptor_path(moved, tmp_path):
    (tmp_path / "out").mkdir()
    path = rp.fiscal_data_package(moved.state, 2026, tmp_path / "out" / "kj-2026.json")
    assert path == tmp_path / "out" / "kj-2026.json"
    rows = list(csv.DictReader((tmp_path / "out" / "budget-2026.csv").read_text(encoding="utf-8").splitlines()))
    assert {r["unit_path"] for r in rows if r["unit_code"] == "JL"} == {"KJ/ET/JL"}


# --- property: a "yhteensä" is the sum of what is printed above it ------------------------------------

UNITS = ("HP", "HP-YH", "JL", "KP", "TP", "TY", "ET")
ACCOUNTS = ("MENOT", "TULOT", "Henkilöstökulut", "Myyntituotot")
cells = st.dictionaries(st.tuples(st.sampled_from(UNITS), st.sampled_from(ACCOUNTS)), st.integers(-10**9, 10**9))


def _fold(events) -> LedgerState:
    state, prev = LedgerState(), GENESIS
    for seq, event in enumerate(events, 1):
        record, _data = seal(event, seq, prev)
        state.apply(record)
        prev = record.hash
    return state


def _city(ta: dict, tp: dict, move: bool) -> LedgerState:
    clock = Clock()
    common = {"author": "hypo", "decision": KV}
    units = [("KJ", "kaupunki", None), ("HP", "toimiala", "KJ"), ("ET", "toimiala", "KJ"),
             ("HP-YH", "vastuualue", "HP"), ("JL", "yksikkö", "HP-YH"), ("KP", "yksikkö", "HP-YH"),
             ("TP", "yksikkö", "HP-YH"), ("TY", "yksikkö", "ET")]
    events = [UnitRegistered(id=f"u{i}", effective=D(2020, 1, 1), recorded_at=clock(), author="hypo", code=code,
                             name=f"Yksikkö {code}", level=level, parent=parent)
              for i, (code, level, parent) in enumerate(units)]
    if move:
        events.append(ServiceTransferred(id="move", effective=D(2025, 1, 1), recorded_at=clock(), unit="JL",
                                         from_parent="HP-YH", to_parent="ET", from_year=2025, **common))
    if ta:
        events.append(TaAdopted(id="ta", effective=D(2025, 1, 1), recorded_at=clock(), year=2025, **common,
                                lines=tuple(Line(u, a, v) for (u, a), v in ta.items())))
    if tp:
        events.append(TpRecorded(id="tp", effective=D(2024, 12, 31), recorded_at=clock(), year=2024, **common,
                                 lines=tuple(Line(u, a, v) for (u, a), v in tp.items())))
    return _fold(events)


def _check_sums(report: rp.Report) -> int:
    """Walk the rows: a block's lines add to their level; a total equals what was added one level down."""
    rows, checked = report.rows, 0
    sums: dict[int, dict[str, list[int | None]]] = {}
    i = 0
    while i < len(rows):
        heading, level = rows[i], rows[i].level
        block = rows[i + 1:i + 1 + len(MAIN)]
        i += 1 + len(MAIN)
        if block[0].kind == "total":
            inner = sums.pop(level + 1, {}) if i < len(rows) else sums.pop(0, {})
            for row in block:
                assert list(row.cells) == inner.get(row.label, [None] * len(row.cells)), heading.label
                checked += 1
        for row in block:
            acc = sums.setdefault(level, {}).setdefault(row.label, [None] * len(row.cells))
            for j, value in enumerate(row.cells):
                if isinstance(value, int):
                    acc[j] = (acc[j] or 0) + value
    return checked


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ta=cells, tp=cells, move=st.booleans(), restate=st.booleans())
def test_every_yhteensa_is_the_sum_of_the_blocks_above_it(ta, tp, move, restate):
    state = _city(ta, tp, move)
    report = rp.unit_block(state, "KJ", [("TP", 2024), ("TA", 2025), ("TA+MUUTOS", 2025)],
                           structure=2025 if restate else None)
    assert _check_sums(report) == 4 * len(MAIN)
    city = pj.figures(state, 2025, "KJ")
    assert report.block("Kaupunki yhteensä")["MENOT"][1] == city.get("MENOT", "TA")


def test_xlsx_writes_a_name_that_looks_like_a_formula_as_text(moved, tmp_path):
    moved.rename_unit("TP", "=HYPERLINK(\"http://x\")", effective=D(2025, 1, 1))
    rp.to_xlsx(rp.unit_block(moved.state, "HP", [("TA", 2025)]), tmp_path / "r.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    [cell] = [row[0] for row in ws.iter_rows(min_row=3) if str(row[0].value).startswith("=")]
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"
