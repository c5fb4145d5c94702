"""An investment table printing each project's menot and tulot interleaved on one line, given as a book's text
(issue 17: books as municipalities publish them, "as well as extracted text"). Laid out as Kauhava's tilinpäätös
2024 prints its own: `Alkuper. Alkuper. Tarkistettu Tarkistettu Toteuma Toteuma Menot Tulot` over the sides'
words, budgets in whole euros, actuals to the cent, a toteutuma-% per side, blocks of a lautakunta with their
`… yhteensä`, and a narrow column's figures wrapped onto the line above."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from conftest import examples
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ledger.books import layout, layoutplan
from ledger.fold.state import LedgerState

NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.timezone.utc)
ROOT = ("ESIMERKKILAN-KAUPUNKI", "Esimerkkilän kaupunki")
HEADER = ["Alkuper. Alkuper. Tarkistettu Tarkistettu Toteuma Toteuma Menot Tulot",
          "määrä- määräraha inv.menot inv.tulot Tot-% Tot-%", "tuloarvio", "Hanke raha tuloarvio"]
SIDES = ("kulu", "tuotto")
ROLES = ("TA", "TA+MUUTOS", "TOTEUMA")


def _euros(cents: int) -> str:
    return f"{cents // 100:,}".replace(",", " ")


def _to_cent(cents: int) -> str:
    return f"{_euros(cents)},{cents % 100:02d}"


def _percent(part: int, whole: int) -> str:
    value = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value}".replace(".", ",") + " %"


def _cells(figures: dict[str, dict[str, int]]) -> list[str]:
    """A row's printed cells, interleaved (TA menot, TA tulot, TA+MUUTOS menot, …), an absent cell not printed,
    then each side's toteutuma-% where it has a revised budget and an actual."""
    out = [(_to_cent if role == "TOTEUMA" else _euros)(figures[side][role])
           for role in ROLES for side in SIDES if role in figures[side]]
    return out + [_percent(figures[side]["TOTEUMA"], figures[side]["TA+MUUTOS"]) for side in SIDES
                  if figures[side].get("TA+MUUTOS") and "TOTEUMA" in figures[side]]


def _sum(rows: list[dict[str, dict[str, int]]]) -> dict[str, dict[str, int]]:
    """A total's cells: each column's sum where a member prints it."""
    return {side: {role: sum(r[side].get(role, 0) for r in rows) for role in ROLES
                   if any(role in r[side] for r in rows)} for side in SIDES}


def _page(blocks: list[tuple[str, list[tuple[str, dict]]]], wrap: bool = False,
          header: list[str] = HEADER) -> tuple[list[str], dict]:
    """The page's lines and what each row prints (line -> side -> role -> cents); ``wrap``: each block total's
    first figure wrapped onto the line above at its last space, as a narrow column prints it."""
    lines = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "2.4 Investointien toteutuminen", *header]
    printed: dict[int, dict] = {}
    totals = []
    for name, projects in blocks:
        lines.append(name)
        for label, figures in projects:
            lines.append(" ".join([label, *_cells(figures)]))
            printed[len(lines)] = figures
        total = _sum([f for _l, f in projects])
        totals.append(total)
        cells = _cells(total)
        head, _sep, rest = cells[0].rpartition(" ")
        if wrap and head:
            lines.append(head)
            cells = [rest, *cells[1:]]
        lines.append(" ".join([f"{name} yhteensä", *cells]))
        printed[len(lines)] = total
    lines.append(" ".join(["YHTEENSÄ", *_cells(_sum(totals))]))
    printed[len(lines)] = _sum(totals)
    return lines, printed


def _side(**roles: int) -> dict[str, int]:
    return {{"ta": "TA", "tam": "TA+MUUTOS", "tot": "TOTEUMA"}[k]: v for k, v in roles.items()}


def _project(menot: dict | None = None, tulot: dict | None = None) -> dict[str, dict[str, int]]:
    return {"kulu": menot or {}, "tuotto": tulot or {}}


KH = ("Kaupunginhallitus", [
    ("Maa-alueet", _project(_side(ta=40_000_000, tam=40_000_000, tot=35_000_000), _side(ta=2_000_000, tam=2_000_000,
                                                                                        tot=1_000_000))),
    ("Ohjelmistot", _project(_side(ta=10_000_000, tam=10_000_000, tot=5_012_345))),
    ("Kalusto", _project(_side(ta=2_000_000, tam=2_000_000, tot=0))),
    ("Liittymismaksut", _project(_side(ta=3_300_000, tam=3_300_000, tot=3_273_231), _side(tot=1_939_200)))])
TEKNINEN = ("Tekninen lautakunta", [
    ("Keskuskeittiö", _project(_side(ta=125_000_000, tam=172_000_000, tot=173_447_107))),
    ("Koulukeskus", _project(_side(ta=550_000_000, tam=550_000_000, tot=544_929_833),
                             _side(ta=10_000_000, tam=10_000_000, tot=9_000_000))),
    ("Muut rakennukset", _project(_side(ta=63_500_000, tam=63_500_000, tot=39_522_773),
                                  _side(tam=29_900_000, tot=30_334_032)))])


def _read(lines: list[str]):
    reading = layout.read_text_layout(lines, year=2024)
    return reading, {t.side: t for t in reading.tables}


def _taken(table) -> dict[int, dict[str, int]]:
    return {r.line: {role: c.value for role, c in r.cells.items() if role != "PCT"} for r in table.rows
            if not r.failed}


def test_each_side_of_an_interleaved_row_is_read_into_its_own_table():
    """The header's paired words make two tables, menot and tulot, each TA / TA+MUUTOS / TOTEUMA / PCT; a row
    printing both sides fits one way; a row printing one side fits either, and its block's total says which;
    every row of the page is read, each cell as printed, in the investment part."""
    lines, printed = _page([KH, TEKNINEN])
    reading, tables = _read(lines)
    assert set(tables) == {"kulu", "tuotto"} and all(t.confirmed for t in tables.values())
    assert tables["kulu"].roles == ["TA", "TA+MUUTOS", "TOTEUMA", "PCT"] and tables["kulu"].part == "investointi"
    for side, table in tables.items():
        assert _taken(table) == {n: figures[side] for n, figures in printed.items() if figures[side]}
    assert reading.listed == []


def test_a_label_ending_in_a_number_is_read_with_it_where_the_total_says_so():
    """`Teiden perusparannus vaihe 4 150 000 150 000 120 000,00 80,0 %`: the 4 ends the label or begins a figure
    (4 150 000, or a TA of 4 €), the text does not say. The block's total sums only with the 4 in the label:
    the row is read so, its TA 150 000; where no total tells, the row is listed, never read with a TA of 4 €."""
    vaihe = ("Teiden perusparannus vaihe 4", _project(_side(ta=15_000_000, tam=15_000_000, tot=12_000_000)))
    katu = ("Katuvalaistus", _project(_side(ta=5_000_000, tam=5_000_000, tot=4_000_000),
                                      _side(ta=1_000_000, tam=1_000_000, tot=500_000)))
    lines, printed = _page([KH, ("Tekninen lautakunta", [vaihe, katu])])
    _reading, tables = _read(lines)
    row = next(r for r in tables["kulu"].rows if r.label.startswith("Teiden"))
    assert row.label == "Teiden perusparannus vaihe 4" and row.cells["TA"].value == 15_000_000
    assert _taken(tables["kulu"]) == {n: figures["kulu"] for n, figures in printed.items() if figures["kulu"]}
    lines = [line for line in lines if "yhteensä" not in line and not line.startswith("YHTEENSÄ")]
    _reading, tables = _read(lines)
    assert not any(r.label.startswith("Teiden") for t in tables.values() for r in t.rows)


@pytest.mark.parametrize("header", [
    ["Hanke Alkup. TA Alkup. TA Muutettu TA Muutettu TA Toteutuma Toteutuma Tot-% Tot-%",
     "määräraha tuloarvio määräraha tuloarvio menot tulot menot tulot"],
    ["Talousarvio Talousarvio Muutettu talousarvio Muutettu talousarvio Toteutuma Toteutuma",
     "Menot Tulot Menot Tulot Menot Tulot Käyttö-% Käyttö-%"]])
def test_other_words_over_the_interleaved_columns_read_alike(header):
    """Other books' words: a role of two words twice (`Muutettu TA Muutettu TA`), the sides named under each
    column, the percent columns on either line: the same two tables, every row read as printed."""
    lines, printed = _page([KH, TEKNINEN], header=header)
    reading, tables = _read(lines)
    for side, table in tables.items():
        assert _taken(table) == {n: figures[side] for n, figures in printed.items() if figures[side]}
    assert reading.listed == []


def test_a_wrapped_figure_joins_the_row_below_it():
    """`…` / `Tekninen lautakunta yhteensä 000 …`: the figure a narrow column wrapped onto the line above joins
    its row; the total is read whole and checks its members; the wrapped line is the row's."""
    lines, printed = _page([KH, TEKNINEN], wrap=True)
    wrapped = [n for n, text in enumerate(lines, 1) if text.replace(" ", "").isdigit()]
    assert len(wrapped) == 2
    reading, tables = _read(lines)
    for side, table in tables.items():
        assert _taken(table) == {n: figures[side] for n, figures in printed.items() if figures[side]}
    assert {r.line: r.wrapped for r in tables["kulu"].rows if r.wrapped} == {n + 1: (n,) for n in wrapped}
    assert reading.listed == []


def test_a_one_sided_row_no_total_settles_is_listed_not_guessed():
    """Two single-sided projects whose menot and tulot the block's total sums either way round (the same
    figures on each side): which side each is the text does not tell, so both are listed, never guessed."""
    same = _side(ta=1_000_000, tam=1_000_000, tot=500_000)
    block = ("Liikuntatoimi", [("Kenttä", _project(same)), ("Halli", _project(None, same))])
    lines, _printed = _page([block])
    reading, tables = _read(lines)
    listed = {item.line for item in reading.listed}
    assert {lines.index(f"{label} 10 000 10 000 5 000,00 50,0 %") + 1 for label in ("Kenttä", "Halli")} <= listed
    assert not any(r.label in ("Kenttä", "Halli") for t in tables.values() for r in t.rows)


def test_the_import_records_the_projects_as_from_the_pdf():
    """Planned as `kirjuri import` plans it: each project opened, its menot and tulot under the TA, TA-muutos
    and TP events, menot negative in the ledger."""
    lines, _printed = _page([KH, TEKNINEN])
    reading, _tables = _read(lines)
    plan = layoutplan.plan_layout(LedgerState(), reading, year=2024, root=ROOT, source="e.txt", digest="4" * 64,
                                  author="testi", now=NOW)
    projects = {e.name: e.code for e in plan.plan.events if type(e).__name__ == "ProjectOpened"}
    assert set(projects) >= {"Maa-alueet", "Ohjelmistot", "Keskuskeittiö", "Muut rakennukset"}
    lines_by = {(type(e).__name__, line.unit, line.account): line.amount for e in plan.plan.events
                for line in getattr(e, "lines", ())}
    keittio = projects["Keskuskeittiö"]
    assert lines_by[("TaAdopted", keittio, "Investointimenot")] == -125_000_000
    assert lines_by[("TaAmended", keittio, "Investointimenot")] == -47_000_000
    assert lines_by[("TpRecorded", keittio, "Investointimenot")] == -173_447_107
    assert lines_by[("TpRecorded", projects["Liittymismaksut"], "Investointitulot")] == 1_939_200


_BUDGET = st.integers(1, 5_000).map(lambda k: k * 100_000)
_SIDE = st.one_of(st.none(), st.builds(lambda ta, change, tot: _side(ta=ta, tam=max(ta + change, 100_000), tot=tot),
                                       _BUDGET, st.sampled_from([0, 0, 4_700_000, -2_000_000]),
                                       st.integers(0, 500_000_000)))
_PROJECT = st.builds(_project, _SIDE, _SIDE).filter(lambda p: p["kulu"] or p["tuotto"])
_NAMES = ("Kiinteistöt", "Kadut vaihe 3", "Puistot", "Koulut", "Kalusto osa 12", "Verkot")
_BODIES = ("Kaupunginhallitus", "Tekninen lautakunta")


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(st.lists(_PROJECT, min_size=1, max_size=5), min_size=1, max_size=2), st.booleans())
@example([[_project(_side(ta=100_000, tam=100_000, tot=0)), _project(None, _side(ta=100_000, tam=100_000, tot=0))]],
         False)
def test_an_interleaved_table_in_text_never_reads_a_figure_into_another_column(blocks, wrap):
    """Any such table printed as extract_text prints it, some labels ending in a number (`vaihe 3`): every cell
    a table takes is the one its row prints in that side and column, under the row's own label; a row read at
    all is read whole."""
    made = [(_BODIES[i], [(f"{_BODIES[i].split()[0]} {_NAMES[j].lower()}", p) for j, p in enumerate(projects)])
            for i, projects in enumerate(blocks)]
    lines, printed = _page(made, wrap)
    _reading, tables = _read(lines)
    taken = {side: _taken(t) for side, t in tables.items()}
    for side, rows in taken.items():
        for n, cells in rows.items():
            assert cells == printed[n][side], (lines[n - 1], side)
    labels = {label for _name, projects in made for label, _p in projects} | \
        {f"{name} yhteensä" for name, _p in made} | {"YHTEENSÄ"}
    assert all(r.label in labels for t in tables.values() for r in t.rows if not r.failed)


_PIECES = st.sampled_from([*"0123456789 ,-%", "000 ", " 0,00", " yhteensä", "YHTEENSÄ", " yh-", "teensä", "\u00a0",
                           "Menot"])
_JUNK = st.lists(st.builds(lambda label, body: f"{label} {''.join(body)}".strip(),
                           st.sampled_from(["Hanke", "Hanke yh-", "teensä", ""]), st.lists(_PIECES, max_size=30)),
                 min_size=1, max_size=12)


@settings(max_examples=examples(30), deadline=None)
@given(_JUNK)
@example(["Hanke yh- 12", "teensä 000 5"])
def test_any_lines_under_an_interleaved_header_are_read_or_listed_never_a_crash(rows):
    """Whatever stands under the header (wrapped figures, stray totals, percents, no-break spaces): the reader
    ends, every line carrying figures is a table's row or listed (a page's number aside: the import lists it
    as outside every table), none twice over one side."""
    lines = ["Tilinpäätös 2024", *HEADER, *rows]
    reading = layout.read_text_layout(lines, year=2024)
    listed = {item.line for item in reading.listed}
    read = {r.line for t in reading.tables for r in t.rows} | {n for t in reading.tables for r in t.rows
                                                                 for n in r.wrapped}
    for n, text in enumerate(lines[len(HEADER) + 1:], len(HEADER) + 2):
        assert not layout.carries_figures(text) or n in listed | read or layout._FOLIO_RE.fullmatch(text), text
    for table in reading.tables:
        assert len({r.line for r in table.rows}) == len(table.rows)
