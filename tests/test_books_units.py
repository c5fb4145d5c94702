"""A käyttötalous table of units (each lautakunta's heading over its Toimintatuotot / Toimintakulut) against
what the ledger already holds, over pages, and with sub-headings: each unit's money recorded once, on the
unit the book's structure names, or listed with why; never added twice, never guessed."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_books_layouts import NOW, ROOT, UNITS, UNITS_HEADER, _book, _unit_recorded, unit_tables, units_pdf

from events.model import Decision, Line, TaAdopted, TpRecorded, UnitRegistered
from ledger.books import layout, layoutplan
from ledger.books.pdf import EDGE_ROWS
from ledger.fold.state import LedgerState

SOURCE, DIGEST = "kunta-tp-2024.pdf", "2" * 64


def _ledger(tmp_path, *events):
    from conftest import Clock

    from ledger.app import Kirjuri
    from ledger.store.log import Target

    ledger = Kirjuri(Target(sqlite_path=tmp_path / "l.sqlite"), create=True, author="testi", clock=Clock())
    ledger.submit(*events)
    return ledger


def _units(*codes: tuple[str, str, str, str | None]) -> list[UnitRegistered]:
    return [UnitRegistered(id=f"u-{code}", effective=dt.date(2024, 1, 1), code=code, name=name, level=level,
                           parent=parent, recorded_at=NOW, author="testi") for code, name, level, parent in codes]


def _plan(state: LedgerState, lines) -> tuple[layout.LayoutReading, layoutplan.LayoutPlan]:
    reading = layout.read_layout(lines)
    return reading, layoutplan.plan_layout(state, reading, year=2024, root=ROOT, source=SOURCE, digest=DIGEST,
                                           author="testi", now=NOW)


def _earlier_book(tulot: int, kulut: int) -> list:
    """Another book's import: the city and Tarkastuslautakunta (64110000) registered as this table places
    them, its TA and TP 2024 for both accounts."""
    decision = Decision(body="valtuusto", date=dt.date(2023, 12, 11), section="100", document="ta-2024.pdf")
    lines = (Line("64110000", "TOIMINTATUOTOT", tulot), Line("64110000", "TOIMINTAKULUT", kulut))
    return [*_units(("KUNTA", "Esimerkin kunta", "kaupunki", None), ("64110000", "Tarkastuslautakunta", "toimiala", "KUNTA")),
            TaAdopted(id="ta-2024-book", effective=dt.date(2024, 1, 1), year=2024, decision=decision, lines=lines,
                      recorded_at=NOW, author="testi")]


def test_a_units_ta_the_ledger_holds_from_another_book_is_checked_not_added_again(tmp_path):
    """Tarkastuslautakunta's TA 2024 recorded by an earlier import, equal to this table's: its TA cells are
    checked, nothing is added to it (its TA stays the book's), the other cells and units are recorded."""
    ledger = _ledger(tmp_path, *_earlier_book(10_00, -80_00))
    try:
        reading, plan = _plan(ledger.state, _book("Käyttötalouden toteutuminen", UNITS_HEADER, UNITS))
        recorded = _unit_recorded(plan)
        assert not any(unit == "64110000" and role == "TA" for unit, _a, role in recorded)
        assert recorded[("64110000", "TOIMINTAKULUT", "TOTEUMA")] == -84_00
        assert recorded[("SIVISTYSTOIMIALA", "TOIMINTATUOTOT", "TA")] == 1_200_00
        ta = [s for s in plan.statuses if s.line in (8, 9) and s.role == "TA"]
        assert len(ta) == 2 and all(s.status == "checked" and "already holds" in s.why for s in ta)
        assert plan.plan.conflicts == []
        ledger.confirm = frozenset({"authority.overrun"})
        ledger.submit(*plan.plan.events)
        figures = ledger.state.own_figures(2024, "64110000")
        assert figures[("TOIMINTATUOTOT", "TA")] == 10_00 and figures[("TOIMINTAKULUT", "TA")] == -80_00
        again = layoutplan.plan_layout(ledger.state, reading, year=2024, root=ROOT, source=SOURCE, digest=DIGEST,
                                       author="testi", now=NOW)
        assert again.plan.events == []
    finally:
        ledger.close()


def test_a_units_ta_the_ledger_holds_otherwise_is_listed_as_a_contradiction_not_added(tmp_path):
    """The ledger's TA for the unit differs from the table's: listed with both figures, said in the preview's
    conflicts, nothing recorded on that account's TA; a TP the ledger holds differently likewise."""
    earlier = _earlier_book(10_00, -90_00)
    tp = TpRecorded(id="tp-2024-other", effective=dt.date(2024, 12, 31), year=2024,
                    lines=(Line("64110000", "TOIMINTATUOTOT", 12_00),), recorded_at=NOW, author="testi")
    ledger = _ledger(tmp_path, *earlier, tp)
    try:
        _reading, plan = _plan(ledger.state, _book("Käyttötalouden toteutuminen", UNITS_HEADER, UNITS))
        recorded = _unit_recorded(plan)
        assert ("64110000", "TOIMINTAKULUT", "TA") not in recorded
        assert ("64110000", "TOIMINTATUOTOT", "TOTEUMA") not in recorded  # held, and the same: checked
        by = {(s.line, s.role): s for s in plan.statuses}
        assert by[(9, "TA")].status == "listed" and "-90" in by[(9, "TA")].why and "-80" in by[(9, "TA")].why
        assert by[(8, "TA")].status == "checked" and by[(8, "TOTEUMA")].status == "checked"
        assert len(plan.plan.conflicts) == 1 and "contradiction" in plan.plan.conflicts[0]
        assert by[(9, "TOTEUMA")].status == "recorded"
    finally:
        ledger.close()


# --- a table of units over pages ---------------------------------------------------------------------------


def _pages(*parts: tuple[str | None, list, bool]) -> list:
    """Pages as the PDF reader gives them: per page its title, its rows and whether it prints the header."""
    from ledger.books.pdf import TextLine

    out = []
    for page, (title, rows, header) in enumerate(parts, 1):
        lines = _book(title, UNITS_HEADER if header else [], rows)
        out += [TextLine(page, len(out) + n, line.y, line.cells) for n, line in enumerate(lines, 1)]
    return out


def _as_one_page(plan: layoutplan.LayoutPlan) -> None:
    """Every unit's cells recorded as the same table on one page records them; nothing listed."""
    _reading, whole = _plan(LedgerState(), _book("Käyttötalouden toteutuminen", UNITS_HEADER, UNITS))
    assert _unit_recorded(plan) == _unit_recorded(whole)
    assert {e.code for e in plan.plan.units} == {e.code for e in whole.plan.units}
    assert not [s for s in plan.statuses if s.status == "listed"]


def test_a_units_table_continued_on_the_next_page_under_its_repeated_header_is_joined():
    """Tarkastuslautakunta's Toimintatuotot at the foot of page 1, its Toimintakulut and Toimintakate under
    the header repeated on page 2: its rows are its own, and its Toimintakate is checked against its terms on
    both pages (no contradiction)."""
    reading, plan = _plan(LedgerState(), _pages(("Käyttötalouden toteutuminen", UNITS[:6], True), (None, UNITS[6:], True)))
    assert all(c.ok for t in reading.tables for c in t.checks)
    kate = reading.tables[1].rows[1]
    assert kate.label == "Toimintakate" and any(c.line == kate.line for c in reading.tables[1].checks)
    _as_one_page(plan)


def test_a_units_heading_at_a_pages_foot_heads_the_rows_on_the_next_page():
    reading, plan = _plan(LedgerState(), _pages(("Käyttötalouden toteutuminen", UNITS[:5], True), (None, UNITS[5:], True)))
    assert reading.tables[0].trailing == ((7, "64110000 Tarkastuslautakunta"),)
    _as_one_page(plan)


def test_a_unit_alone_on_a_continuation_page_and_a_heading_repeated_there_are_joined():
    """Sivistystoimiala alone under page 2's header (one heading: alone it would be listed); Tarkastuslautakunta's
    heading printed again over its rows continuing on page 2."""
    for second in (UNITS[8:], [UNITS[4], *UNITS[6:]]):
        first = UNITS[:8] if second[0] is UNITS[8] else UNITS[:6]
        _reading, plan = _plan(LedgerState(), _pages(("Käyttötalouden toteutuminen", first, True), (None, second, True)))
        _as_one_page(plan)


def test_rows_on_the_next_page_without_the_header_continue_the_table_where_they_stand_on_its_columns():
    """Page 2 prints no header: its rows whose every figure stands on the columns of page 1's table (and whose
    arithmetic holds) continue it, under a running header repeated from page 1; rows off those columns (set
    for another table) are no rows of it, and none of their figures is recorded; a unit's heading at the top of
    such a page may as well be a running header: not clear, its rows are listed, never given to the unit above."""
    _reading, plan = _plan(LedgerState(), _pages(("Käyttötalouden toteutuminen", UNITS[:6], True),
                                                 ("Käyttötalouden toteutuminen", UNITS[6:], False)))
    _as_one_page(plan)
    _reading, plan = _plan(LedgerState(), _pages(("Käyttötalouden toteutuminen", UNITS[:8], True), (None, UNITS[8:], False)))
    assert {unit for unit, _a, _r in _unit_recorded(plan)} == {"KESKUSVAALILAUTAKUNTA", "64110000"}
    assert _unit_recorded(plan)[("64110000", "TOIMINTAKULUT", "TA")] == -80_00
    from ledger.books.pdf import Cell, TextLine

    lines = _pages(("Käyttötalouden toteutuminen", UNITS[:6], True), (None, UNITS[6:], False))
    shifted = [line if line.page == 1 else TextLine(2, line.number, line.y, tuple(
        c if c.x0 < 60.0 else Cell(c.raw, c.x0 + 25.0, c.x1 + 25.0, c.size) for c in line.cells)) for line in lines]
    reading, plan = _plan(LedgerState(), shifted)
    page2 = {line.number for line in shifted if line.page == 2}
    assert [t.page for t in reading.tables] == [1]
    assert not [s for s in plan.statuses if s.line in page2]
    assert not any(unit == "SIVISTYSTOIMIALA" for unit, _a, _r in _unit_recorded(plan))


def test_a_running_header_printing_its_page_number_still_lets_the_rows_below_continue_the_table():
    """Page 2 prints no header, and its running line differs from page 1's by the page number at its end
    (`Käyttötalouden toteutuminen 21` / `… 22`). Taken for a heading of the rows, it kept them outside every
    table (listed); it is the running header, and the rows continue page 1's table. A line that differs in a
    word is still a heading: its rows stay listed."""
    lines = _pages(("Käyttötalouden toteutuminen 21", UNITS[:6], True), ("Käyttötalouden toteutuminen 22", UNITS[6:], False))
    _reading, plan = _plan(LedgerState(), lines)
    _as_one_page(plan)
    lines = _pages(("Käyttötalouden toteutuminen 21", UNITS[:6], True), ("Investointien toteutuminen 22", UNITS[6:], False))
    reading, plan = _plan(LedgerState(), lines)
    page2 = {line.number for line in lines if line.page == 2}
    assert [t.page for t in reading.tables] == [1]
    assert not [s for s in plan.statuses if s.line in page2 and s.status != "listed"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit_tables(), st.data())
def test_a_units_table_broken_over_two_pages_anywhere_records_what_one_page_records(rows, data):
    """Wherever the page breaks (between any two lines) and whether or not the header is printed again, the
    units' figures recorded are those of the same table on one page where each page with a header prints
    enough rows of figures for its columns to line up (``pdf.EDGE_ROWS``) and a page without it starts with a
    row (a heading there may be a running header's kind: the continuation is not clear); else rows are listed.
    Never a figure that one page does not record."""
    cut = data.draw(st.integers(1, len(rows) - 1))
    header = data.draw(st.booleans())
    _reading, whole = _plan(LedgerState(), _book("Käyttötalouden toteutuminen", UNITS_HEADER, rows))
    _reading, plan = _plan(LedgerState(), _pages(("Käyttötalouden toteutuminen", rows[:cut], True),
                                                 (None, rows[cut:], header)))
    recorded, expected = _unit_recorded(plan), _unit_recorded(whole)
    assert recorded.items() <= expected.items()
    first, second = (sum(values[0] is not None for _label, values in part) for part in (rows[:cut], rows[cut:]))
    if first >= EDGE_ROWS and (second >= EDGE_ROWS if header else rows[cut][1][0] is not None):
        assert recorded == expected


# --- a unit's heading above units: a lautakunta over its tulosalueet ----------------------------------------

_ROWS = {"a": [("Toimintatuotot", ["100", "0", "100", "110", "10"]), ("Toimintakulut", ["-500", "-10", "-510", "-500", "10"]),
               ("Toimintakate", ["-400", "-10", "-410", "-390", "20"])],
         "b": [("Toimintatuotot", ["20", "0", "20", "25", "5"]), ("Toimintakulut", ["-300", "0", "-300", "-310", "-10"]),
               ("Toimintakate", ["-280", "0", "-280", "-285", "-5"])],
         "c": [("Toimintatuotot", ["5", "0", "5", "5", "0"]), ("Toimintakulut", ["-60", "0", "-60", "-58", "2"]),
               ("Toimintakate", ["-55", "0", "-55", "-53", "2"])]}
_EMPTY = [None] * 5


def _nested(total: bool) -> list:
    rows = [("Sivistyslautakunta", _EMPTY), ("Varhaiskasvatus", _EMPTY), *_ROWS["a"], ("Perusopetus", _EMPTY), *_ROWS["b"]]
    rows += [("Sivistyslautakunta yhteensä", ["-680", "-10", "-690", "-675", "15"])] if total else []
    return rows + [("Tekninen lautakunta", _EMPTY), *_ROWS["c"]]


def test_a_heading_with_no_rows_before_its_units_and_their_total_is_the_unit_above_them(tmp_path):
    """Sivistyslautakunta prints no rows of its own, then Varhaiskasvatus and Perusopetus with theirs, then
    `Sivistyslautakunta yhteensä` (which sums their Toimintakate): a toimiala with the two as vastuualueet below
    it; Tekninen lautakunta after the total a toimiala of the city. The ledger rolls them up as the book does."""
    from ledger.fold import projections as pj

    reading, plan = _plan(LedgerState(), _book("Käyttötalouden toteutuminen", UNITS_HEADER, _nested(total=True)))
    registered = {e.code: (e.level, e.parent) for e in plan.plan.units}
    assert registered == {"KUNTA": ("kaupunki", None), "SIVISTYSLAUTAKUNTA": ("toimiala", "KUNTA"),
                          "VARHAISKASVATUS": ("vastuualue", "SIVISTYSLAUTAKUNTA"),
                          "PERUSOPETUS": ("vastuualue", "SIVISTYSLAUTAKUNTA"), "TEKNINEN-LAUTAKUNTA": ("toimiala", "KUNTA")}
    recorded = _unit_recorded(plan)
    assert recorded[("VARHAISKASVATUS", "TOIMINTAKULUT", "TA")] == -500_00
    assert recorded[("PERUSOPETUS", "TOIMINTATUOTOT", "TOTEUMA")] == 25_00
    assert not any(unit == "SIVISTYSLAUTAKUNTA" for unit, _a, _r in recorded)
    assert not [s for s in plan.statuses if s.status == "listed"] and all(c.ok for c in reading.tables[0].checks)
    assert set(plan.units) == {"Sivistyslautakunta", "Varhaiskasvatus", "Perusopetus", "Tekninen lautakunta"}
    ledger = _ledger(tmp_path, *plan.plan.events[:1])
    try:
        ledger.confirm = frozenset({"authority.overrun"})
        ledger.submit(*plan.plan.events[1:])
        figures = pj.figures(ledger.state, 2024, "SIVISTYSLAUTAKUNTA")
        assert figures.get("TOIMINTAKULUT", "TA") == -800_00 and figures.get("TOIMINTATUOTOT", "TP") == 135_00
    finally:
        ledger.close()


def test_without_the_total_only_the_first_unit_under_a_heading_with_no_rows_is_placed_below_it():
    """No `Sivistyslautakunta yhteensä`: Varhaiskasvatus, right under it, is below it; whether Perusopetus and
    Tekninen lautakunta are too the book does not say: their rows are listed with why, not guessed."""
    _reading, plan = _plan(LedgerState(), _book("Käyttötalouden toteutuminen", UNITS_HEADER, _nested(total=False)))
    registered = {e.code: (e.level, e.parent) for e in plan.plan.units}
    assert registered == {"KUNTA": ("kaupunki", None), "SIVISTYSLAUTAKUNTA": ("toimiala", "KUNTA"),
                          "VARHAISKASVATUS": ("vastuualue", "SIVISTYSLAUTAKUNTA")}
    assert {unit for unit, _a, _r in _unit_recorded(plan)} == {"VARHAISKASVATUS"}
    listed = [s for s in plan.statuses if s.status == "listed"]
    assert listed and all("Sivistyslautakunta" in s.why for s in listed)
    assert {s.line for s in listed} == {9, 10, 13, 14}  # Perusopetus' and Tekninen lautakunta's operating rows


def test_a_section_title_among_the_headings_is_no_unit_above_them():
    """`KÄYTTÖTALOUSOSA` printed as a heading with no rows of its own names a budget part: the units after it
    are the city's toimialat, as without it."""
    rows = [("KÄYTTÖTALOUSOSA", _EMPTY), *UNITS]
    _reading, plan = _plan(LedgerState(), _book("Toteutumisvertailu", UNITS_HEADER, rows))
    _as_one_page(plan)


def test_kirjuri_import_of_a_units_table_after_a_long_table_reports_the_ta_that_differs_and_adds_none(tmp_path, english):
    """From the CLI: a long table records Tarkastuslautakunta's TA 2024 first (Toimintatuotot as the book prints
    it, Toimintakulut otherwise); the book's preview names the contradiction, and with --apply the unit's TA
    is still the long table's: the book's figure neither added to it nor written over it."""
    from test_cli import kirjuri
    from test_longformat import HEADER

    from ledger.app import Kirjuri
    from ledger.store.log import Target

    book, long, db = tmp_path / "esimerkkila-tp-2024.pdf", tmp_path / "ta.csv", tmp_path / "l.sqlite"
    units_pdf(book)
    rows = [f"2024;TA;64110000;ESIMERKKILAN-KUNTA/64110000;Tarkastuslautakunta;toimiala;{account};{amount};"
            "KV 11.12.2023 § 100;;;;" for account, amount in (("TOIMINTATUOTOT", "10"), ("TOIMINTAKULUT", "-90"))]
    long.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    assert kirjuri(str(db), "init").exit_code == 0
    assert kirjuri(str(db), "import", str(long), "--apply").exit_code == 0
    preview = kirjuri(str(db), "import", str(book))
    said = " ".join(preview.output.replace("\xa0", " ").split())
    assert preview.exit_code == 0 and "contradiction" in said and "-90" in said and "-80" in said, said
    applied = kirjuri(str(db), "import", str(book), "--apply", "--confirm", "authority.overrun")
    assert applied.exit_code == 0, applied.output
    ledger = Kirjuri(Target(sqlite_path=db), author="testi")
    try:
        figures = ledger.state.own_figures(2024, "64110000")
        assert figures[("TOIMINTATUOTOT", "TA")] == 10_00 and figures[("TOIMINTAKULUT", "TA")] == -90_00
        assert figures[("TOIMINTAKULUT", "TP")] == -84_00
        assert ledger.state.own_figures(2024, "SIVISTYSTOIMIALA")[("TOIMINTAKULUT", "TA")] == -9_000_00
    finally:
        ledger.close()


def test_a_lautakunta_and_its_total_on_two_pages_place_its_units_below_it():
    """Sivistyslautakunta's heading and Varhaiskasvatus on page 1, Perusopetus' last rows and `Sivistyslautakunta
    yhteensä` on page 2 (with its header or without): the total sums the units on both pages and is checked, so
    both units are below it, as on one page."""
    rows = _nested(total=True)
    _reading, whole = _plan(LedgerState(), _book("Käyttötalouden toteutuminen", UNITS_HEADER, rows))
    for header in (True, False):
        reading, plan = _plan(LedgerState(), _pages(("Käyttötalouden toteutuminen", rows[:7], True), (None, rows[7:], header)))
        total = next(r for t in reading.tables for r in t.rows if r.label == "Sivistyslautakunta yhteensä")
        assert total.total and not total.failed
        assert all(c.ok for t in reading.tables for c in t.checks) and any(
            c.line == total.line for t in reading.tables for c in t.checks)
        assert {e.code: e.parent for e in plan.plan.units} == {e.code: e.parent for e in whole.plan.units}
        assert _unit_recorded(plan) == _unit_recorded(whole)
        assert not [s for s in plan.statuses if s.status == "listed"]


def test_the_citys_name_over_its_units_is_a_title_not_a_unit_above_them():
    """`Esimerkin kunta` (or `KAUPUNKI`) printed over the units with no rows of its own is the table's title:
    the units are the city's toimialat, as without it."""
    for title in ("Esimerkin kunta", "KAUPUNKI"):
        _reading, plan = _plan(LedgerState(), _book("Käyttötalouden toteutuminen", UNITS_HEADER,
                                                    [(title, _EMPTY), *UNITS]))
        _as_one_page(plan)


_NAMES = ["Hallintolautakunta", "Sivistyslautakunta", "Tekninen lautakunta", "Ympäristölautakunta", "Varhaiskasvatus",
          "Perusopetus", "Lukio", "Kadut", "Puistot", "Rakennusvalvonta", "Kirjasto", "Liikunta"]


@st.composite
def nested_units(draw):
    """Units and lautakunnat over units (each with or without its `… yhteensä`), in any order: the rows and,
    per unit's heading, the parent a reader certain of the book's structure places it under (None: the city)
    or "?" where the book does not say."""
    names = iter(draw(st.permutations(_NAMES)))
    rows: list = []
    expected: dict[str, str | None] = {}
    open_parent: str | None = None  # a lautakunta without its total: the units after its first are unclear

    def unit(parent):
        name = next(names)
        ta, used = draw(st.integers(1, 900)), draw(st.integers(1, 900))
        rows.extend([(name, _EMPTY), ("Toimintatuotot", ["0", "0", "0", "0", "0"]),
                     ("Toimintakulut", [f"-{ta}", "0", f"-{ta}", f"-{used}", str(ta - used)]),
                     ("Toimintakate", [f"-{ta}", "0", f"-{ta}", f"-{used}", str(ta - used)])])
        expected[name] = parent
        return ta, used

    for _group in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            unit("?" if open_parent else None)
            continue
        parent, total = next(names), draw(st.booleans())
        rows.append((parent, _EMPTY))
        sums = [unit(parent if k == 0 or total else "?") for k in range(draw(st.integers(1, 3)))]
        if total:
            ta, used = sum(s[0] for s in sums), sum(s[1] for s in sums)
            rows.append((f"{parent} yhteensä", [f"-{ta}", "0", f"-{ta}", f"-{used}", str(ta - used)]))
        open_parent = None if total else parent
    return rows, expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nested_units())
def test_units_are_placed_only_where_the_books_structure_says_and_recorded_as_printed(case):
    """Whatever the order of units and lautakunnat over units, with or without their totals: a unit is
    recorded only below the heading its structure certainly puts it under (or the city), each figure as
    printed; a unit whose place the book leaves open is listed, never guessed."""
    rows, expected = case
    _reading, plan = _plan(LedgerState(), _book("Käyttötalouden toteutuminen", UNITS_HEADER, rows))
    registered = {e.code: e.parent for e in plan.plan.units}
    recorded = _unit_recorded(plan)
    units = {u for u, _a, _r in recorded}
    if sum(parent != "?" for parent in expected.values()) < 2:
        assert not units or all(expected[name] != "?" for name in plan.units if name in expected)
        return
    codes = {label: layoutplan.slug(label) for label, values in rows if values[0] is None}
    assert units == {codes[name] for name, parent in expected.items() if parent != "?"}
    for name, parent in expected.items():
        if parent != "?":
            assert registered[codes[name]] == (codes[parent] if parent else "KUNTA"), name
    printed = {}
    unit = None
    for label, values in rows:
        if values[0] is None:
            unit = codes.get(label)
        elif label == "Toimintakulut":
            printed[(unit, "TOIMINTAKULUT", "TA")] = int(values[0]) * 100
    assert all(recorded[key] == value for key, value in printed.items() if key[0] in units)


def test_the_citys_own_ta_the_ledger_holds_from_another_book_is_not_added_again(tmp_path):
    """The same for the city's own rows (Verotulot, Valtionosuudet of its tuloslaskelmaosa): a TA the ledger
    holds already, the same, is checked; another is listed as a contradiction; neither is added again."""
    from test_books_layouts import TEXT_BOOK

    decision = Decision(body="valtuusto", date=dt.date(2023, 12, 11), section="100", document="ta-2024.pdf")
    earlier = TaAdopted(id="ta-2024-book", effective=dt.date(2024, 1, 1), year=2024, decision=decision,
                        lines=(Line("KUNTA", "Verotulot", 20_500_000_00), Line("KUNTA", "Valtionosuudet", 15_000_000_00)),
                        recorded_at=NOW, author="testi")
    ledger = _ledger(tmp_path, *_units(("KUNTA", "Esimerkin kunta", "kaupunki", None)), earlier)
    try:
        reading = layout.read_text_layout(TEXT_BOOK.splitlines())
        plan = layoutplan.plan_layout(ledger.state, reading, year=2024, root=ROOT, source="k.txt", digest="3" * 64,
                                      author="testi", now=NOW)
        adopted = [line for e in plan.plan.events if type(e).__name__ == "TaAdopted" for line in e.lines]
        assert {line.account for line in adopted} == {"Korkotuotot", "Korkokulut"}
        by = {(s.line, s.role): s for s in plan.statuses}
        assert by[(4, "TA")].status == "checked" and by[(5, "TA")].status == "listed"
        assert len(plan.plan.conflicts) == 1 and "15 000 000" in " ".join(plan.plan.conflicts[0].split())
        ledger.submit(*plan.plan.events)
        assert ledger.state.own_figures(2024, "KUNTA")[("Verotulot", "TA")] == 20_500_000_00
    finally:
        ledger.close()


def test_changes_printed_apart_the_ledger_holds_as_one_muutos_are_checked_not_added_again(tmp_path):
    """A city whose TA-muutos of Valtionosuudet another import recorded (20 000, its minutes), then its
    tilinpäätös printing that change in its second lisätalousarvio's column: the two changes' sum is what the
    ledger holds, so both cells are checked and nothing is added; a row it holds no change of is recorded."""
    from test_books_layouts import _book

    from events.model import TaAmended

    decision = Decision(body="valtuusto", date=dt.date(2024, 6, 10), section="40", document="kv-pk.pdf")
    earlier = TaAmended(id="muutos-minutes", effective=dt.date(2024, 6, 10), year=2024, decision=decision,
                        lines=(Line("KUNTA", "Valtionosuudet", 20_000_00),), recorded_at=NOW, author="testi")
    ledger = _ledger(tmp_path, *_units(("KUNTA", "Esimerkin kunta", "kaupunki", None)), earlier)
    try:
        rows = [("Verotulot", ["3 000", "0", "0", "3 000", "3 100", "100"]),
                ("Valtionosuudet", ["1 500", "0", "20", "1 520", "1 520", "0"]),
                ("Korkotuotot", ["200", "10", "-5", "205", "210", "5"])]
        _reading, plan = _plan(ledger.state, _book("Tuloslaskelmaosa 1 000 €",
                                                   [["TA 2024", "LTA 1", "LTA 2", "TA+LTA", "TP 2024", "Ero"]], rows))
        changed = {(line.account, line.amount) for e in plan.plan.events if type(e).__name__ == "TaAmended"
                   for line in e.lines}
        assert changed == {("Korkotuotot", 10_000_00), ("Korkotuotot", -5_000_00)}
        by = {(s.line, s.role): s for s in plan.statuses}
        assert by[(4, "MUUTOS 2")].status == "checked" and "already holds" in by[(4, "MUUTOS 2")].why
        ledger.submit(*plan.plan.events)
        assert ledger.state.own_figures(2024, "KUNTA")[("Valtionosuudet", "MUUTOS")] == 20_000_00
    finally:
        ledger.close()
