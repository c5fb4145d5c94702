"""The unit a toteutumisvertailu table belongs to, named by the heading printed ABOVE the table (a book that
prints one small table per lautakunta / tulosalue): the heading read past captions and page furniture, the
organisation from the order of the tables and confirmed by their sums, each unit's cells recorded on it, and
a table whose heading or place the book does not tell listed with why, never guessed."""

from __future__ import annotations

from conftest import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_books_layouts import NOW, PDF_EDGES, ROOT, RECORDS, _pdf

from ledger.books import layout, layoutplan
from ledger.books.pdf import Cell, TextLine
from ledger.fold.state import LedgerState

HEADER = ["Alkup. TA", "Muutokset", "TA+muutokset", "Toteutuma", "Poikkeama"]
EDGES = (300.0, 370.0, 440.0, 510.0, 580.0)
BODY, TABLE = 11.0, 9.0

#: a lautakunta's table by account: (label, TA, MUUTOS, TOTEUMA); TA+MUUTOS and POIKKEAMA follow
SIVISTYS = [("TOIMINTATUOTOT", 1_500, 0, 1_650), ("Myyntituotot", 1_000, 0, 1_100), ("Maksutuotot", 500, 0, 550),
            ("TOIMINTAKULUT", -9_000, -300, -9_200), ("Henkilöstökulut", -6_000, -300, -6_100),
            ("Palvelujen ostot", -3_000, 0, -3_100)]
#: its tulosalueet, which sum to it
VARHAISKASVATUS = [("TOIMINTATUOTOT", 1_200, 0, 1_300), ("TOIMINTAKULUT", -5_000, -100, -5_050)]
PERUSOPETUS = [("TOIMINTATUOTOT", 300, 0, 350), ("TOIMINTAKULUT", -4_000, -200, -4_150)]
TEKNINEN = [("TOIMINTATUOTOT", 2_000, 0, 2_100), ("Myyntituotot", 2_000, 0, 2_100),
            ("TOIMINTAKULUT", -3_000, 0, -2_900), ("Palvelujen ostot", -3_000, 0, -2_900)]
KIINTEISTOT = [("TOIMINTATUOTOT", 2_000, 0, 2_100), ("TOIMINTAKULUT", -3_000, 0, -2_900)]
VAALIT = [("TOIMINTATUOTOT", 40, 0, 45), ("Myyntituotot", 40, 0, 45), ("TOIMINTAKULUT", -90, 0, -80),
          ("Palvelujen ostot", -90, 0, -80)]


def _money(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _rows(figures: list[tuple[str, int, int, int]], kate: bool) -> list[tuple[str, list[str]]]:
    out = []
    for label, ta, change, used in figures:
        out.append((label, [_money(v) for v in (ta, change, ta + change, used, used - ta - change)]))
    if kate:
        tulot, kulut = figures[0], next(f for f in figures if f[0] == "TOIMINTAKULUT")
        out.append(("Toimintakate", [_money(a + b) for a, b in zip(
            (tulot[1], tulot[2], tulot[1] + tulot[2], tulot[3], tulot[3] - tulot[1] - tulot[2]),
            (kulut[1], kulut[2], kulut[1] + kulut[2], kulut[3], kulut[3] - kulut[1] - kulut[2]))]))
    return out


def _table(figures, kate: bool = False) -> list[tuple]:
    """A table's lines: the header (the scale in its first column's words) and its rows."""
    return [("header",)] + [("row", label, values) for label, values in _rows(figures, kate)]


def _lines(*pages: list[tuple]) -> list[TextLine]:
    """Pages of lines as the PDF reader gives them, each with its font size and place: ("heading", text, size),
    ("text", text), ("gap",) (a blank line's space), ("header",), ("row", label, values). Lines are numbered as
    the book's text, a paragraph's lines 1,2 em apart."""
    out: list[TextLine] = []
    for page, items in enumerate(pages, 1):
        y = 40.0
        furniture = [("text", "Esimerkin kunta | Tilinpäätös 2024"), ("gap",)], [("gap",), ("text", f"{page}/9")]
        for item in [*furniture[0], *items, *furniture[1]]:
            kind = item[0]
            if kind == "gap":
                y += 2 * BODY
                continue
            if kind == "header":
                cells = [Cell(w, e - 3.0 * len(w), e, TABLE) for w, e in zip(HEADER, EDGES)]
                cells.insert(0, Cell("€", 60.0, 66.0, TABLE))
                size = TABLE
            elif kind == "row":
                cells = [Cell(item[1], 60.0, 150.0, TABLE)] + [Cell(v, e - 5.0 * len(v), e, TABLE)
                                                               for v, e in zip(item[2], EDGES)]
                size = TABLE
            else:
                size = item[2] if kind == "heading" else BODY
                cells, x = [], 54.0
                for part in item[1].split(" | "):
                    cells.append(Cell(part, x, x + 0.5 * size * len(part), size))
                    x += 0.5 * size * (len(part) + 2)
            out.append(TextLine(page, len(out) + 1, y, tuple(cells)))
            y += 1.2 * size
    return out


def _plan(lines: list[TextLine], state: LedgerState | None = None):
    reading = layout.read_layout(lines)
    return reading, layoutplan.plan_layout(state or LedgerState(), reading, year=2024, root=ROOT,
                                           source="kunta-tp-2024.pdf", digest="3" * 64, author="testi", now=NOW)


def _registered(plan) -> dict[str, tuple[str, str, str | None]]:
    return {e.code: (e.name, e.level, e.parent) for e in plan.plan.events if type(e).__name__ == "UnitRegistered"}


def _by_unit(plan) -> dict[tuple[str, str, str, str], int]:
    """(kind: own | stated, unit, account, role) -> cents, as the plan's events record them."""
    out = {}
    for event in plan.plan.events:
        role = RECORDS.get((type(event).__name__, getattr(event, "column", "")))
        for line in getattr(event, "lines", ()) if role else ():
            kind = "stated" if type(event).__name__ == "BreakdownStated" else "own"
            out[(kind, line.unit, line.account, role)] = line.amount
    return out


def _own(unit: str, figures: list[tuple[str, int, int, int]]) -> dict[tuple[str, str, str, str], int]:
    """A unit's own figures as the ledger records them: TA, MUUTOS where not 0, TOTEUMA, in cents."""
    out = {}
    for label, ta, change, used in figures:
        out |= {("own", unit, label, "TA"): ta * 100, ("own", unit, label, "TOTEUMA"): used * 100}
        out |= {("own", unit, label, "MUUTOS"): change * 100} if change else {}
    return out


def _stated(unit: str, figures: list[tuple[str, int, int, int]]) -> dict[tuple[str, str, str, str], int]:
    """A unit's table by account as the breakdown of its units' money: TA, TA+MUUTOS and TOTEUMA, in cents."""
    return {("stated", unit, label, role): value * 100 for label, ta, change, used in figures
            for role, value in (("TA", ta), ("TA+MUUTOS", ta + change), ("TOTEUMA", used))}


def _leaves(figures):
    """The rows of a table by account that are no total of the rows below them."""
    return [f for f in figures if f[0] not in ("TOIMINTATUOTOT", "TOIMINTAKULUT")]


def _two_lautakunnat(numbered: bool = True, caption: bool = True) -> list[TextLine]:
    """Two lautakunnat, each its table by account under its heading (13 pt), then its tulosalueet' small tables
    under theirs (11 pt) with prose between; the second's tulosalue on the next page, `Tulosalue:` before it."""
    number = (lambda n: f"{n} ") if numbered else (lambda n: "")
    caption_line = [("text", "Talousarvion toteutuminen"), ("gap",)] if caption else []
    first = [("heading", f"{number('3.1')}Sivistyslautakunta", 13.0), ("gap",), *caption_line, *_table(SIVISTYS),
             ("gap",), ("text", "Lautakunnan toiminta sujui vuonna 2024 suunnitellusti ja talousarvion mukaisesti,"),
             ("text", "vaikka henkilöstökulut ylittyivät hieman."), ("gap",),
             ("heading", f"{number('3.1.1')}Varhaiskasvatus", BODY), ("gap",), *_table(VARHAISKASVATUS, kate=True),
             ("gap",), ("heading", f"{number('3.1.2')}Perusopetus", BODY), ("gap",), *_table(PERUSOPETUS, kate=True)]
    second = [("text", "Perusopetuksen oppilasmäärä kasvoi edellisestä vuodesta."), ("gap",),
              ("heading", f"{number('3.2')}Tekninen lautakunta", 13.0), ("gap",), *caption_line, *_table(TEKNINEN),
              ("gap",), ("heading", "Tulosalue: Kiinteistöt", BODY), ("gap",), *_table(KIINTEISTOT, kate=True)]
    return _lines(first, second)


def test_each_table_is_the_units_its_heading_above_names_and_the_tulosalueet_are_below_their_lautakunta():
    """With or without captions and numbering: each lautakunta a toimiala below the city, its tulosalueet
    (whose figures sum to its table's) vastuualueet below it; each tulosalue's TA, MUUTOS (not 0) and
    TOTEUMA recorded on it, the lautakunta's table by account stated as their breakdown, never added to them;
    its totals and the Toimintakate checked; nothing listed."""
    for numbered, caption in ((True, True), (False, False), (True, False)):
        reading, plan = _plan(_two_lautakunnat(numbered, caption))
        assert len(reading.tables) == 5 and all(t.confirmed for t in reading.tables)
        assert _registered(plan) == {
            "KUNTA": ("Esimerkin kunta", "kaupunki", None),
            "SIVISTYSLAUTAKUNTA": ("Sivistyslautakunta", "toimiala", "KUNTA"),
            "VARHAISKASVATUS": ("Varhaiskasvatus", "vastuualue", "SIVISTYSLAUTAKUNTA"),
            "PERUSOPETUS": ("Perusopetus", "vastuualue", "SIVISTYSLAUTAKUNTA"),
            "TEKNINEN-LAUTAKUNTA": ("Tekninen lautakunta", "toimiala", "KUNTA"),
            "KIINTEISTOT": ("Kiinteistöt", "vastuualue", "TEKNINEN-LAUTAKUNTA")}
        assert _by_unit(plan) == (_own("VARHAISKASVATUS", VARHAISKASVATUS) | _own("PERUSOPETUS", PERUSOPETUS)
                                  | _own("KIINTEISTOT", KIINTEISTOT) | _stated("SIVISTYSLAUTAKUNTA", _leaves(SIVISTYS))
                                  | _stated("TEKNINEN-LAUTAKUNTA", _leaves(TEKNINEN)))
        assert {s.status for s in plan.statuses} == {"recorded", "checked"}
        kate = {s.status for t in reading.tables for r in t.rows if r.label == "Toimintakate"
                for s in plan.statuses if s.line == r.line}
        assert kate == {"checked"}
        assert not any(c.what.startswith(("table", "€")) for t in reading.tables for c in t.checks)


def test_a_book_of_lautakunnat_alone_records_each_on_its_own_table():
    """Lautakunnat each with its table by account and no tulosalueet: each a toimiala below the city, its
    accounts' TA and TOTEUMA its own; the heading's printed code is the unit's code."""
    pages = [[("heading", "64110000 Keskusvaalilautakunta", 13.0), ("gap",), *_table(VAALIT)],
             [("heading", "Sivistyslautakunta", 13.0), ("gap",), ("text", "Käyttötalous (€)"), ("gap",),
              *_table(SIVISTYS)]]
    _reading, plan = _plan(_lines(*pages))
    assert _registered(plan) == {"KUNTA": ("Esimerkin kunta", "kaupunki", None),
                                 "64110000": ("Keskusvaalilautakunta", "toimiala", "KUNTA"),
                                 "SIVISTYSLAUTAKUNTA": ("Sivistyslautakunta", "toimiala", "KUNTA")}
    assert _by_unit(plan) == _own("64110000", _leaves(VAALIT)) | _own("SIVISTYSLAUTAKUNTA", _leaves(SIVISTYS))
    assert plan.units["64110000 Keskusvaalilautakunta"].code == "64110000"


def test_tulosalueet_whose_figures_do_not_sum_to_their_lautakunta_are_listed_not_placed():
    """A lautakunta's table followed by tulosalue tables that do not sum to it: the lautakunta is recorded on
    itself, the tulosalueet listed (their place is not confirmed), nothing recorded for them and no unit
    registered in their name."""
    wrong = [("TOIMINTATUOTOT", 1_000, 0, 1_100), ("TOIMINTAKULUT", -5_000, -100, -5_050)]
    page = [("heading", "Sivistyslautakunta", 13.0), ("gap",), *_table(SIVISTYS), ("gap",),
            ("heading", "Varhaiskasvatus", BODY), ("gap",), *_table(wrong, kate=True), ("gap",),
            ("heading", "Perusopetus", BODY), ("gap",), *_table(PERUSOPETUS, kate=True)]
    reading, plan = _plan(_lines(page))
    assert set(_registered(plan)) == {"KUNTA", "SIVISTYSLAUTAKUNTA"}
    assert _by_unit(plan) == _own("SIVISTYSLAUTAKUNTA", _leaves(SIVISTYS))
    for table in reading.tables[1:]:
        operating = [r for r in table.rows if r.label != "Toimintakate"]
        whys = {s.why for r in operating for s in plan.statuses if s.line == r.line}
        assert {s.status for r in operating for s in plan.statuses if s.line == r.line} == {"listed"}
        assert all("Sivistyslautakunta" in why and "not recorded" in why for why in whys), whys


def test_a_table_under_prose_or_a_title_names_no_unit_and_is_listed():
    """The line above a table (past a caption) is prose, a paragraph's last line, or the part's title: no
    heading names the unit, so the rows are listed, never given to a unit or to the city."""
    above = [[("text", "Toiminnan painopisteet toteutuivat vuoden aikana pääosin hyvin ja tavoitteiden"),
              ("text", "mukaisesti kaikilla palvelualueilla"), ("gap",)],
             [("text", "Toiminnan painopisteistä ja niiden toteutumisesta vastasi koko vuoden ajan"),
              ("text", "Kaupunginhallitus"), ("gap",)],
             [("text", "Lautakunnan tehtäväalueina ovat:"), ("gap",)],
             [("heading", "Käyttötalouden toteutuminen", 13.0), ("gap",), ("text", "Talousarvion toteutuminen")],
             [("heading", "2.2 KÄYTTÖTALOUSOSA", 13.0), ("gap",)],
             [("heading", "Sivistyslautakunta", 7.0), ("gap",)]]
    for lines in above:
        reading, plan = _plan(_lines([*lines, *_table(KIINTEISTOT, kate=True)]))
        (table,) = reading.tables
        assert table.confirmed and plan.plan.events == []
        operating = [r for r in table.rows if r.label != "Toimintakate"]
        assert {s.status for r in operating for s in plan.statuses if s.line == r.line} == {"listed"}, lines
        assert {s.why for r in operating for s in plan.statuses if s.line == r.line} == {
            layoutplan.Reason("plan.no_unit_heading")}, lines


def test_a_heading_at_the_foot_of_the_page_before_names_the_table_at_the_top_of_the_next():
    """A unit's heading printed last on a page, its table first on the next (below the running header)."""
    pages = [[("heading", "Sivistyslautakunta", 13.0), ("gap",), *_table(SIVISTYS), ("gap",),
              ("text", "Lautakunnan toiminta sujui suunnitellusti."), ("gap",), ("heading", "Varhaiskasvatus", BODY)],
             [*_table(VARHAISKASVATUS, kate=True), ("gap",), ("heading", "Perusopetus", BODY), ("gap",),
              *_table(PERUSOPETUS, kate=True)]]
    _reading, plan = _plan(_lines(*pages))
    assert _registered(plan)["VARHAISKASVATUS"] == ("Varhaiskasvatus", "vastuualue", "SIVISTYSLAUTAKUNTA")
    assert _by_unit(plan) == (_own("VARHAISKASVATUS", VARHAISKASVATUS) | _own("PERUSOPETUS", PERUSOPETUS)
                              | _stated("SIVISTYSLAUTAKUNTA", _leaves(SIVISTYS)))


def test_importing_the_book_again_records_nothing_twice(tmp_path):
    """Importing the book again records nothing: every event is already there."""
    from conftest import Clock

    from ledger.app import Kirjuri
    from ledger.store.log import Target

    lines = _two_lautakunnat()
    _reading, plan = _plan(lines)
    ledger = Kirjuri(Target(sqlite_path=tmp_path / "l.sqlite"), create=True, author="testi", clock=Clock())
    ledger.confirm = frozenset({"authority.overrun"})
    ledger.submit(*plan.plan.events)
    _again, twice = _plan(lines, ledger.state)
    assert twice.plan.events == [] and twice.plan.already == sum(len(getattr(e, "lines", ())) for e in plan.plan.events)
    ledger.close()


def _book_pdf(path) -> None:
    """A two-page-in-one PDF book: a lautakunta's table by account under its heading, then its two tulosalueet'
    tables under theirs, prose between (Helvetica 8 pt, 12 pt apart; an empty line is a blank line's space)."""
    def table(figures, kate=False):
        out = [[(w, e, "r") for w, e in zip(HEADER, PDF_EDGES)] + [("€", 40.0, "l")]]
        out += [[(label, 40.0, "l")] + [(v, e, "r") for v, e in zip(values, PDF_EDGES)]
                for label, values in _rows(figures, kate)]
        return out

    lines = [[("Esimerkkilän kaupunki", 40.0, "l")], [("TILINPÄÄTÖS 2024", 40.0, "l")], [],
             [("Sivistyslautakunta", 40.0, "l")], [],
             [("Talousarvion toteutuminen", 40.0, "l")], [], *table(SIVISTYS), [],
             [("Lautakunnan toiminta sujui suunnitellusti.", 40.0, "l")], [],
             [("Varhaiskasvatus", 40.0, "l")], [], *table(VARHAISKASVATUS, True), [],
             [("Perusopetus", 40.0, "l")], [], *table(PERUSOPETUS, True)]
    _pdf(path, lines)


def test_kirjuri_import_of_a_pdf_records_each_unit_named_above_its_table(tmp_path, english):
    """From a PDF through `kirjuri import --apply`: the lautakunta and its tulosalueet registered, each
    tulosalue's figures in its toteutumisvertailu, --write-profile writing the units it assumed."""
    from test_cli import kirjuri

    book, profile, db = tmp_path / "esimerkkila-tp-2024.pdf", tmp_path / "oletukset.toml", str(tmp_path / "l.sqlite")
    _book_pdf(book)
    assert kirjuri(db, "init").exit_code == 0
    result = kirjuri(db, "import", str(book), "--apply", "--confirm", "authority.overrun",
                     "--write-profile", str(profile))
    assert result.exit_code == 0, result.output
    written = profile.read_text(encoding="utf-8")
    assert '[nodes."Varhaiskasvatus"]' in written and 'parent = "SIVISTYSLAUTAKUNTA"' in written
    report = " ".join(kirjuri(db, "report", "toteutumisvertailu", "VARHAISKASVATUS", "--year", "2024", "--lines",
                              "kate").output.replace("\xa0", " ").split())
    assert "-5 000" in report and "-5 050" in report and "1 300" in report
    whole = " ".join(kirjuri(db, "report", "toteutumisvertailu", "SIVISTYSLAUTAKUNTA", "--year", "2024", "--lines",
                             "kate").output.replace("\xa0", " ").split())
    assert "-9 200" in whole and "1 650" in whole  # the tulosalueet's sum: the lautakunta's own table


def test_an_account_printed_above_its_parts_is_their_total_only_where_they_sum_to_it():
    """`TOIMINTATUOTOT` then its kinds below it, summing to it (here within the parts' rounding to the euro):
    a stated total, checked, never recorded beside its parts; `Verotulot` above kinds of it that do not sum to
    it is an erittely: no total, no contradiction said."""
    rounded = [("TOIMINTATUOTOT", 1_500, 0, 1_651), ("Myyntituotot", 1_000, 0, 1_100), ("Maksutuotot", 500, 0, 550),
               ("TOIMINTAKULUT", -9_000, 0, -9_200), ("Palvelujen ostot", -9_000, 0, -9_200)]
    erittely = [("Verotulot", 30_000, 0, 31_000), ("Kunnan tulovero", 24_000, 0, 25_000),
                ("Kiinteistövero", 4_000, 0, 4_100)]
    reading = layout.read_layout(_lines([("heading", "Sivistyslautakunta", 13.0), ("gap",), *_table(rounded)]))
    (table,) = reading.tables
    totals = {r.label: [m.label for m in r.members] for r in table.rows if r.total}
    assert totals == {"TOIMINTATUOTOT": ["Myyntituotot", "Maksutuotot"], "TOIMINTAKULUT": ["Palvelujen ostot"]}
    reading = layout.read_layout(_lines([("heading", "Verotulot", 13.0), ("gap",), *_table(erittely)]))
    (table,) = reading.tables
    assert not any(r.total for r in table.rows) and all(c.ok for c in table.checks)


def test_tulosalueet_next_to_a_table_not_read_are_listed_with_that_reason():
    """A tulosalue table whose arithmetic fails (not read) among the lautakunta's tulosalueet: their sum cannot
    be checked, so none is placed below it; the listing says a table among them is not read."""
    broken = [("header",), ("row", "TOIMINTATUOTOT", ["300", "0", "310", "350", "40"]),
              ("row", "TOIMINTAKULUT", ["-4 000", "-200", "-4 100", "-4 150", "-40"]),
              ("row", "Toimintakate", ["-3 700", "-200", "-3 800", "-3 800", "0"])]
    page = [("heading", "Sivistyslautakunta", 13.0), ("gap",), *_table(SIVISTYS), ("gap",),
            ("heading", "Varhaiskasvatus", BODY), ("gap",), *_table(VARHAISKASVATUS, kate=True), ("gap",),
            ("heading", "Perusopetus", BODY), ("gap",), *broken]
    reading, plan = _plan(_lines(page))
    assert [t.confirmed for t in reading.tables] == [True, True, False]
    assert set(_registered(plan)) == {"KUNTA", "SIVISTYSLAUTAKUNTA"}
    operating = [r for r in reading.tables[1].rows if r.label != "Toimintakate"]
    assert {s.why for r in operating for s in plan.statuses if s.line == r.line} == {layoutplan.Reason(
        "plan.unit_place_unread", unit="Varhaiskasvatus", parent="Sivistyslautakunta")}


def test_tables_of_one_shape_are_told_apart_by_their_headings_font_or_numbering():
    """A lautakunta's table and its tulosalueet' tables all of totals (Toimintatuotot / Toimintakulut /
    Toimintakate), the lautakunta's heading printed larger or numbered one level up: where the tulosalueet sum
    to it they are below it; where they do not, they are listed, never recorded beside it as units of their own
    (its money twice)."""
    totals = [("TOIMINTATUOTOT", 1_500, 0, 1_650), ("TOIMINTAKULUT", -9_000, -300, -9_200)]
    wrong = [("TOIMINTATUOTOT", 1_000, 0, 1_300), VARHAISKASVATUS[1]]
    for first, placed, size in ((VARHAISKASVATUS, True, 13.0), (wrong, False, 13.0), (wrong, False, BODY)):
        page = [("heading", "2.1 Sivistyslautakunta", size), ("gap",), *_table(totals, kate=True), ("gap",),
                ("heading", "2.1.1 Varhaiskasvatus", BODY), ("gap",), *_table(first, kate=True), ("gap",),
                ("heading", "2.1.2 Perusopetus", BODY), ("gap",), *_table(PERUSOPETUS, kate=True)]
        _reading, plan = _plan(_lines(page))
        if placed:
            assert _registered(plan)["PERUSOPETUS"] == ("Perusopetus", "vastuualue", "SIVISTYSLAUTAKUNTA")
            assert _by_unit(plan) == (_own("VARHAISKASVATUS", VARHAISKASVATUS) | _own("PERUSOPETUS", PERUSOPETUS)
                                      | _stated("SIVISTYSLAUTAKUNTA", totals))
        else:
            assert set(_registered(plan)) == {"KUNTA", "SIVISTYSLAUTAKUNTA"}
            assert _by_unit(plan) == _own("SIVISTYSLAUTAKUNTA", totals)


def test_a_tulosalues_ta_the_ledger_holds_from_another_book_is_checked_or_listed_never_added(tmp_path):
    """Varhaiskasvatus's TA recorded by an earlier import (a budget book): the same TA is checked and not
    recorded again, a different one listed as a contradiction; its TOTEUMA and the other units recorded."""
    import datetime as dt

    from conftest import Clock

    from events.model import Decision, Line, TaAdopted
    from ledger.app import Kirjuri
    from ledger.store.log import Target

    lines = _two_lautakunnat()
    reading, plan = _plan(lines)
    registered = [e for e in plan.plan.events if type(e).__name__ == "UnitRegistered"]
    decision = Decision(body="valtuusto", date=dt.date(2023, 12, 11), section="100", document="ta-2024.pdf")
    tulot = next(r for r in reading.tables[1].rows if r.label == "TOIMINTATUOTOT")
    for n, tulot_ta in enumerate((1_200_00, 1_250_00)):
        ledger = Kirjuri(Target(sqlite_path=tmp_path / f"l{n}.sqlite"), create=True, author="testi", clock=Clock())
        earlier = TaAdopted(id="ta-2024-budget", effective=dt.date(2024, 1, 1), year=2024, decision=decision,
                            lines=(Line("VARHAISKASVATUS", "TOIMINTATUOTOT", tulot_ta),), recorded_at=NOW,
                            author="testi")
        ledger.submit(*registered, earlier)
        _again, twice = _plan(lines, ledger.state)
        recorded = _by_unit(twice)
        assert ("own", "VARHAISKASVATUS", "TOIMINTATUOTOT", "TA") not in recorded
        assert recorded[("own", "VARHAISKASVATUS", "TOIMINTATUOTOT", "TOTEUMA")] == 1_300_00
        assert recorded[("own", "PERUSOPETUS", "TOIMINTAKULUT", "TA")] == -4_000_00
        (status,) = [s for s in twice.statuses if s.line == tulot.line and s.role == "TA"]
        assert status.status == ("checked" if tulot_ta == 1_200_00 else "listed"), status
        ledger.close()


@st.composite
def organisations(draw):
    """One to three lautakunnat, each its table of totals (Toimintatuotot / Toimintakulut) under a 13 pt heading,
    then one to three tulosalueet under 11 pt headings whose figures sum to it; expenses never 0."""
    names = iter(["Alfa", "Beeta", "Gamma", "Delta", "Epsilon", "Zeeta", "Eeta", "Theeta", "Ioota", "Kappa",
                  "Lambda", "Myy"])
    amount = st.integers(min_value=1, max_value=900_000)
    pages, expected = [], {}
    for _ in range(draw(st.integers(1, 3))):
        lautakunta = f"{next(names)}lautakunta"
        parts = []
        for _ in range(draw(st.integers(1, 3))):
            figures = [("TOIMINTATUOTOT", draw(amount), 0, draw(amount)),
                       ("TOIMINTAKULUT", -draw(amount), -draw(st.integers(0, 5_000)), -draw(amount))]
            parts.append((f"{next(names)}palvelut", figures))
        whole = [(label, sum(p[1][k][1] for p in parts), sum(p[1][k][2] for p in parts),
                  sum(p[1][k][3] for p in parts)) for k, label in enumerate(("TOIMINTATUOTOT", "TOIMINTAKULUT"))]
        page = [("heading", lautakunta, 13.0), ("gap",), *_table(whole, kate=True)]
        for name, figures in parts:
            page += [("gap",), ("heading", name, BODY), ("gap",), *_table(figures, kate=True)]
            expected |= _own(name.upper(), figures)
        expected |= _stated(lautakunta.upper(), whole)
        pages.append(page)
    return pages, expected


@settings(max_examples=examples(15), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations())
def test_every_tulosalues_cells_are_recorded_on_it_and_its_lautakuntas_stated(book):
    """Whatever the units and figures: each tulosalue's TA, MUUTOS (not 0) and TOTEUMA recorded on it as printed,
    each lautakunta's table stated as their breakdown; nothing listed."""
    pages, expected = book
    _reading, plan = _plan(_lines(*pages))
    assert _by_unit(plan) == expected
    assert {s.status for s in plan.statuses} <= {"recorded", "checked"}


def test_a_headingless_tables_row_the_citys_table_states_stays_checked():
    """Below the city's tuloslaskelmaosa, a table under prose with Toimintatuotot as the city's and its own
    Toimintakulut: the first is checked against the city's table, the second listed (no heading names whose
    it is), nothing recorded from it."""
    city = [("TOIMINTATUOTOT", 6_000, 0, 6_100), ("TOIMINTAKULUT", -40_000, 0, -39_000)]
    other = [("TOIMINTATUOTOT", 6_000, 0, 6_100), ("TOIMINTAKULUT", -20_000, 0, -19_000)]
    page = [("heading", "Tuloslaskelmaosa", 13.0), ("gap",), *_table(city, kate=True), ("gap",),
            ("text", "Toiminnan painopisteet toteutuivat vuoden aikana pääosin hyvin ja tavoitteiden"),
            ("text", "mukaisesti kaikilla palvelualueilla"), ("gap",), *_table(other, kate=True)]
    reading, plan = _plan(_lines(page))
    assert [t.part for t in reading.tables] == ["tuloslaskelma", None]
    tulot, kulut = reading.tables[1].rows[:2]
    said = {(s.line, s.status, s.why) for s in plan.statuses if s.line in (tulot.line, kulut.line) and s.role == "TA"}
    assert {(line, status) for line, status, _why in said} == {(tulot.line, "checked"), (kulut.line, "listed")}
    assert (kulut.line, "listed", layoutplan.Reason("plan.no_unit_heading")) in said
    assert all(line.unit == "KUNTA" for e in plan.plan.events for line in getattr(e, "lines", ()))
