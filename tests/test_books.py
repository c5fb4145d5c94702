"""What the seed books state, and every place they disagree with themselves.

The expected contradictions were checked by hand against the printed tables:
each is a real disagreement in the book, not a reading error.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ledger.books.book import Check, Statement, code_parent, interpret, precision, read_book, unit_code

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"


@cache
def book(name: str) -> Statement:
    return read_book(SEEDS / name)


def real(statement: Statement) -> set[tuple[int, str, int, int]]:
    """Contradictions bigger than rounding: (line, what, stated, computed) in euros."""
    return {(c.line, c.what, c.stated // 100, c.computed // 100) for c in statement.contradictions if not c.rounding}


def test_book_000_reports_its_own_contradictions_and_nothing_else():
    s = book("000_9c20ad174b7e627f.txt")
    assert real(s) == {
        # käyttötalous: the parts of TOIMINTATUOTOT do not add up to the printed total
        (103, "Hallintopalvelut: TOIMINTATUOTOT TA+MUUTOS 2024", 1_204_150, 1_209_150),
        (103, "Hallintopalvelut: TOIMINTATUOTOT TA 2025", 1_297_670, 559_500),
        (103, "Hallintopalvelut: TOIMINTATUOTOT KS 2025", 1_297_670, 559_500),
        (112, "Hallintopalvelut: TOIMINTAKATE/JÄÄMÄ TA+MUUTOS 2024", -5_420_000, -5_415_000),
        (112, "Hallintopalvelut: TOIMINTAKATE/JÄÄMÄ TA 2025", -5_540_000, -6_278_170),
        (112, "Hallintopalvelut: TOIMINTAKATE/JÄÄMÄ KS 2025", -5_540_000, -6_278_170),
        # määrärahat: NETTOMENO's MUUTOS € has the other sign than MENOT's
        (90, "Hallintopalvelut: NETTOMENO MUUTOS € (TA − TA+muutos)", 100_000, -100_000),
        # määrärahat MENOT TA 2025 is 20 000 € less than the units and the käyttötalous say
        (88, "Hallintopalvelut: määrärahat MENOT TA 2025 = its käyttötalous", -6_817_670, -6_837_670),
        (90, "Hallintopalvelut: määrärahat NETTOMENO TA 2025 = its käyttötalous", -5_520_000, -5_540_000),
        (88, "Hallintopalvelut: määrärahat MENOT TA 2025 = its units", -6_817_670, -6_837_670),
        (90, "Hallintopalvelut: määrärahat NETTOMENO TA 2025 = its units", -5_520_000, -5_540_000),
    }
    rounding = [c for c in s.contradictions if c.rounding]
    assert {(c.line, c.difference) for c in rounding} == {(103, -100), (111, 100), (159, -100), (231, 100), (233, 200)}
    assert not s.not_understood


def test_book_000_figures_by_unit_and_breakdown():
    s = book("000_9c20ad174b7e627f.txt")
    units = {f for f in s.figures if not f.breakdown}
    assert len({f.block for f in units}) == 28
    kvltk = {(f.account, f.column, f.year): f.cents for f in units if f.block == "Keskusvaalilautakunta"}
    assert kvltk[("MENOT", "TA", 2025)] == -6_890_000
    assert kvltk[("TULOT", "TPE", 2024)] == 4_318_100
    johto = {(f.column, f.year) for f in units if f.block == "Kaupungin johtaminen" and f.account == "MENOT"}
    assert ("TPE", 2024) not in johto  # the book leaves the cell empty: nothing is recorded, not 0
    breakdown = {(f.account, f.column, f.year): f.cents for f in s.figures if f.breakdown}
    assert breakdown[("Henkilöstökulut", "TA", 2025)] == -228_164_000
    assert ("TOIMINTAKULUT", "TA", 2025) not in breakdown  # totals are checked, not recorded


def test_book_001_uses_the_signed_change_and_its_real_contradictions():
    s = book("001_aaaf02521da22339.txt")
    assert s.convention == "signed"
    assert real(s) == {
        (122, "Asuminen ja ympäristö- palvelut: TOIMINTAKULUT TPE 2023", -2_618_150, -2_627_000),
        (123, "Asuminen ja ympäristö- palvelut: TOIMINTAKATE/JÄÄMÄ TPE 2023", -1_445_300, -1_454_150),
        (419, "Työllisyyspalvelut: TOIMINTAKULUT TP 2022", -1_051_736, -1_051_725),
        (420, "Työllisyyspalvelut: TOIMINTAKATE/JÄÄMÄ TP 2022", -889_234, -889_223),
        # the binding figure against its 19 units, printed to the euro: at most 9,50 € of rounding, not 10
        (99, "Asuminen ja ympäristö- palvelut: määrärahat MENOT TA+MUUTOS 2023 = its units", -2_759_200, -2_759_210),
        (101, "Asuminen ja ympäristö- palvelut: määrärahat NETTOMENO TA+MUUTOS 2023 = its units",
         -1_720_000, -1_720_010),
        (211, "Vastuualue yhteensä: MENOT TA+MUUTOS 2023 = sum of 19 units", -2_759_200, -2_759_210),
        (213, "Vastuualue yhteensä: NETTOMENO TA+MUUTOS 2023 = sum of 19 units", -1_720_000, -1_720_010),
    }
    assert [t.node for t in s.tables if t.kind == "units"] == [
        "Asuminen ja ympäristö- palvelut", "Kaupunkimarkkinointi, hankinnat", "Työllisyyspalvelut"]


def test_book_004_kemi_codes_give_the_hierarchy_and_totals_are_checked_not_recorded():
    s = book("004_79e4d0c6f91e6d52.txt")
    assert not real(s)
    blocks = {f.block for f in s.figures}
    assert "64300000 HYVINVOINTITOIMIALA" not in blocks and "64320000 LASTEN JA NUORTEN PALVELUT" not in blocks
    assert "64321000 PERUSOPETUS/ PERUSKOULUT" in blocks
    percent = [c for c in s.checks if c.percent]
    assert percent and all(c.ok or c.rounding for c in percent)
    assert [n.line for n in s.not_understood] == [299]  # "7 kpl": a count, not an amount


def test_unit_codes_and_their_parents():
    assert unit_code("64110000 HALLINTOPALVELUT") == ("64110000", "HALLINTOPALVELUT")
    assert unit_code("Keskusvaalilautakunta") == (None, "Keskusvaalilautakunta")
    codes = {"64000000", "64100000", "64110000", "64120000", "64200000", "64321000", "64320000"}
    assert code_parent("64110000", codes) == "64100000"
    assert code_parent("64100000", codes) == "64000000"
    assert code_parent("64321000", codes) == "64320000"
    assert code_parent("64000000", codes) is None


def test_rounding_is_only_as_big_as_the_printing_of_the_lines_summed():
    assert Check(1, "x", 100_00, 99_00, parts=2).rounding
    assert not Check(1, "x", 100_00, 98_00, parts=2).rounding
    assert Check(1, "x", 100_00, 98_00, parts=4).rounding
    assert not Check(1, "x", 100_00, 97_00, parts=4).rounding  # 4 parts to the euro explain 2 €, not 3
    assert not Check(1, "x", 5, 5).rounding
    assert not Check(1, "x", -2_759_200_00, -2_759_210_00, parts=19).rounding  # book 001: 9,50 € at most
    assert Check(1, "x", 100_000_00, 101_000_00, parts=3, precision=1000_00).rounding  # in 1000 €: ±1 500 €


def test_the_precision_is_the_coarsest_last_printed_digit():
    assert precision(["-2 759 210", "107 880"]) == 100
    assert precision(["12,5", "1 000"]) == 100
    assert precision(["12,50", "3,25"]) == 1
    assert precision(["12,5", "3,25"]) == 10
    assert precision(["8,1"], percent=True) == 1 and precision(["8"], percent=True) == 10
    assert precision([]) == 100


@given(st.integers(1, 40), st.sampled_from([1, 10, 100, 1000_00, 100_000]), st.data())
def test_a_gap_is_rounding_only_within_half_a_printed_unit_per_part(n, p, data):
    """Parts printed at precision p (cents) may each be off by p/2: a total n·p/2 or less away
    from their sum is rounding, a larger gap is a contradiction, whatever the figures."""
    computed = data.draw(st.integers(-10**12, 10**12))
    limit = n * p // 2
    beyond = data.draw(st.integers(limit + 1, limit + 10 * p))
    sign = data.draw(st.sampled_from([1, -1]))
    if limit:
        within = data.draw(st.integers(1, limit))
        assert Check(1, "x", computed + sign * within, computed, parts=n, precision=p).rounding
    assert not Check(1, "x", computed + sign * beyond, computed, parts=n, precision=p).rounding
    assert not Check(1, "x", computed, computed, parts=n, precision=p).rounding


@given(st.lists(st.integers(-10**9, 10**9), min_size=1, max_size=30), st.sampled_from([1, 10, 100, 1000]),
       st.data())
def test_rounding_parts_one_by_one_never_makes_a_contradiction(exact, unit, data):
    """Parts rounded to the printed unit (euros, tens, …) against the exact total they stand for
    (an appropriation is adopted exactly as printed): the gap is always the book's rounding."""
    step = unit * 100
    printed = [_round(x, step) for x in exact]
    total = sum(exact)
    check = Check(1, "x", total, sum(printed), parts=len(printed),
                  precision=precision([str(v // 100) for v in printed]) * unit)
    assert check.ok or check.rounding


def _round(cents: int, step: int) -> int:
    """Half away from zero, as a book rounds."""
    q, r = divmod(abs(cents), step)
    return (1 if cents >= 0 else -1) * (q + (2 * r >= step)) * step


def test_a_total_block_sums_the_units_since_the_previous_total():
    text = "\n".join([
        "\tTA", "\t2025",
        "A\t", "MENOT\t-10", "B\t", "MENOT\t-20", "Vastuualue yhteensä\t", "MENOT\t-31",
        "C\t", "MENOT\t-5", "Toimiala yhteensä\t", "MENOT\t-5",
    ])
    s = interpret(text, source="t")
    assert [(c.stated // 100, c.computed // 100) for c in s.checks] == [(-31, -30), (-5, -5)]
    assert {f.block for f in s.figures} == {"A", "B", "C"}


def test_book_002_disagrees_with_itself_only_by_rounding():
    s = book("002_dd12f107354cdfaf.txt")
    assert s.convention == "signed" and not real(s)
    rounding = [c for c in s.contradictions if c.rounding]
    assert len(rounding) == 34 and all(abs(c.difference) in (10, 100) for c in rounding)  # a euro, or 1 %
    assert [n.line for n in s.not_understood] == [29]  # Valtionosuudet: the city's income statement, ambiguous


def test_book_003_reports_its_own_contradictions_and_nothing_else():
    s = book("003_1b329ab6df95eed4.txt")
    assert s.convention == "magnitude"
    assert real(s) == {
        # käyttötalous: the TPE 2025 toimintakate is not TOIMINTATUOTOT + TOIMINTAKULUT (toimiala and vastuualue)
        (302, "Konserni- ja elinvoima-palvelut toimiala: TOIMINTAKATE/JÄÄMÄ TPE 2025", -5_179_990, -5_116_385),
        (619, "Hallintopalvelut: TOIMINTAKATE/JÄÄMÄ TPE 2025", -5_179_990, -5_116_385),
        # määrärahat: TULOT fell by 423 140, printed as a rise
        (589, "Hallintopalvelut: TULOT MUUTOS € (|TA| − |TA+muutos|)", 423_140, -423_140),
        # Hallintopalvelut's TOIMINTAKULUT 2026 is 40 000 € less than its accounts
        (618, "Hallintopalvelut: TOIMINTAKULUT KS 2026", -5_341_090, -5_381_090),
        (618, "Hallintopalvelut: TOIMINTAKULUT TA 2026", -5_341_090, -5_381_090),
        (619, "Hallintopalvelut: TOIMINTAKATE/JÄÄMÄ KS 2026", -4_466_560, -4_506_560),
        (619, "Hallintopalvelut: TOIMINTAKATE/JÄÄMÄ TA 2026", -4_466_560, -4_506_560),
        # units whose NETTOMENO is not MENOT + TULOT
        (736, "Kehittämisprojektit: NETTOMENO TP 2024 = MENOT + TULOT", -41_329, -41_499),
        (748, "Terveys- ja työhyvinvointipalvelut: NETTOMENO TPE 2025 = MENOT + TULOT", -19_119, -15_826),
        # Hallintopalvelut yhteensä against its 29 units
        (758, "Hallintopalvelut yhteensä: MENOT TP 2024 = sum of 29 units", -6_305_569, -6_305_739),
        (758, "Hallintopalvelut yhteensä: MENOT TPE 2025 = sum of 29 units", -6_677_600, -6_613_997),
        (759, "Hallintopalvelut yhteensä: TULOT TP 2024 = sum of 29 units", 1_607_737, 1_607_544),
        (759, "Hallintopalvelut yhteensä: TULOT TPE 2025 = sum of 29 units", 1_561_215, 1_572_096),
        (760, "Hallintopalvelut yhteensä: NETTOMENO TP 2024 = sum of 29 units", -4_697_832, -4_698_025),
        (760, "Hallintopalvelut yhteensä: NETTOMENO TPE 2025 = MENOT + TULOT", -5_179_990, -5_116_385),
        (760, "Hallintopalvelut yhteensä: NETTOMENO TPE 2025 = sum of 29 units", -5_179_990, -5_045_194),
        # Elinkeino- ja työllisyyspalvelut: TOIMINTAKULUT 710 € more than its accounts
        (2129, "Elinkeino- ja työllisyyspalvelut: TOIMINTAKULUT KS 2026", -2_703_870, -2_703_160),
        (2129, "Elinkeino- ja työllisyyspalvelut: TOIMINTAKULUT TA 2026", -2_703_870, -2_703_160),
        (2131, "Elinkeino- ja työllisyyspalvelut: TOIMINTAKATE/JÄÄMÄ KS 2026", -2_317_170, -2_316_460),
        (2131, "Elinkeino- ja työllisyyspalvelut: TOIMINTAKATE/JÄÄMÄ TA 2026", -2_317_170, -2_316_460),
    }
    assert len([c for c in s.contradictions if c.rounding]) == 8
    # a page number, and a key-figure table the PDF printed inside the käyttötalous
    assert [n.line for n in s.not_understood] == [681, 2107, 2108, 2109, 2111, 2112, 2113, 2114, 2115]
