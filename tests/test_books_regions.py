"""Where a toteutumisvertailu table ends and what stands beside it on its page: a number in the prose below a
table that happens to stand on another table's column edge gives the table no column of its own; a derived line
printed above the accounts it sums is checked against them."""

from __future__ import annotations

from conftest import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from test_books_headings import BODY, EDGES, HEADER, TABLE, TEKNINEN, KIINTEISTOT, _by_unit, _leaves, _own
from test_books_headings import _plan, _rows, _stated
from test_books_layouts import _book, _recorded, _statuses
from test_books_layouts import _plan as _books_plan

from ledger.books.pdf import Cell, TextLine

#: a key-figure table's column edges, none of them the toteutumisvertailu's
KEY_EDGES = (335.0, 405.0, 475.0, 545.0)


def _cells(parts: list[tuple[str, float]], size: float) -> tuple[Cell, ...]:
    """Cells ending where given (a number's right edge), a label's at the left margin."""
    return tuple(Cell(raw, x1 - 0.5 * size * len(raw), x1, size) for raw, x1 in parts)


def _page_lines(*pages: list[tuple]) -> list[TextLine]:
    """Pages of lines: ("heading", text, size), ("text", text), ("cells", [(raw, right edge)]), ("header",),
    ("row", label, values), ("gap",); numbered as the book's text."""
    out: list[TextLine] = []
    for page, items in enumerate(pages, 1):
        y = 40.0
        for item in [("text", "Esimerkin kunta Tilinpäätös 2024"), *items, ("text", f"{page}/9")]:
            kind = item[0]
            if kind == "gap":
                y += 2 * BODY
                continue
            size = TABLE if kind in ("header", "row", "cells") else (item[2] if kind == "heading" else BODY)
            if kind == "header":
                cells = _cells([("€", 66.0)] + list(zip(HEADER, EDGES)), size)
            elif kind == "row":
                cells = _cells([(item[1], 60.0 + 0.5 * size * len(item[1]))] + list(zip(item[2], EDGES)), size)
            elif kind == "cells":
                cells = _cells(item[1], size)
            else:
                cells = _cells([(item[1], 54.0 + 0.5 * size * len(item[1]))], size)
            out.append(TextLine(page, len(out) + 1, y, cells))
            y += 1.2 * size
    return out


def _key_figures() -> list[tuple]:
    """A table of key figures over four years, on columns of its own."""
    years = ("cells", [("Tunnusluvut", 150.0)] + list(zip(("TP2021", "TP2022", "TP2023", "TP2024"), KEY_EDGES)))
    rows = [("cells", [(label, 60.0 + 4.5 * len(label))] + list(zip(values, KEY_EDGES)))
            for label, values in (("Rakennuksia, lkm", ("61", "64", "66", "65")),
                                  ("Kerrosala, m²", ("71 200", "72 950", "73 010", "72 480")),
                                  ("Aterioita, kpl", ("310 400", "305 200", "298 700", "301 900")))]
    return [years, *rows]


def test_a_number_in_the_prose_below_on_another_tables_edge_gives_the_table_no_column():
    """A tulosalue's table below a key-figure table of other columns, prose under it with a number standing on
    one of the key figures' edges: the table keeps its five columns, the tulosalue is placed below its
    lautakunta and its cells recorded; nothing listed as columns not understood."""
    prose = ("cells", [("Katuvalaistuksesta on nyt noin", 230.0), ("45", KEY_EDGES[1]), ("% uusittu.", 460.0)])
    page = [("heading", "Tekninen lautakunta", 13.0), ("gap",), ("header",),
            *[("row", label, values) for label, values in _rows(TEKNINEN, False)], ("gap",),
            *_key_figures(), ("gap",), ("heading", "Kiinteistöt", BODY), ("gap",), ("header",),
            *[("row", label, values) for label, values in _rows(KIINTEISTOT, True)], ("gap",), prose]
    reading, plan = _plan(_page_lines(page))
    tables = [t for t in reading.tables if "TA" in t.roles]
    assert [t.roles for t in tables] == [["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"]] * 2
    assert _by_unit(plan) == _own("KIINTEISTOT", KIINTEISTOT) | _stated("TEKNINEN-LAUTAKUNTA", _leaves(TEKNINEN))
    lines = {r.line for t in tables for r in t.rows}
    assert {s.status for s in plan.statuses if s.line in lines} == {"recorded", "checked"}


# --- a derived line of the tuloslaskelmaosa printed above its parts ----------------------------------------

HEADER_WORDS = [["Alkuperäinen", "Talousarvio-", "Talousarvio", "Toteutuma", "Poikkeama"],
                ["talousarvio", "muutokset", "muutosten jälkeen", None, None]]


def _money_row(label: str, ta: int, used: int) -> tuple[str, list[str | None]]:
    """A row in whole euros with no TA-muutos: TA, 0, TA, TOTEUMA, the difference."""
    return label, [_euros(ta), "0", _euros(ta), _euros(used), _euros(used - ta)]


def _euros(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _statement(parts: dict[str, tuple[int, int]], off: int = 0) -> list[tuple[str, list[str | None]]]:
    """A tuloslaskelmaosa whose financial items, depreciation and extraordinary items each print their sum first
    and their accounts right below it; ``off`` euros added to the first sum's toteutuma (a book whose sum
    disagrees with its parts)."""
    tulot, kulut, verot, vos = (6_000, 6_300), (-40_000, -39_500), (22_000, 22_400), (14_000, 14_100)
    kate = (tulot[0] + kulut[0], tulot[1] + kulut[1])
    groups = [("Rahoitustuotot ja -kulut", ("Korkotuotot", "Muut rahoitustuotot", "Korkokulut", "Muut rahoituskulut")),
              ("Poistot ja arvonalentumiset", ("Suunnitelman mukaiset poistot", "Kertaluonteiset poistot")),
              ("Satunnaiset tuotot ja kulut", ("Satunnaiset tuotot", "Satunnaiset kulut"))]
    sums = {name: tuple(sum(parts[p][k] for p in members) for k in (0, 1)) for name, members in groups}
    vuosikate = tuple(kate[k] + verot[k] + vos[k] + sums["Rahoitustuotot ja -kulut"][k] for k in (0, 1))
    tulos = tuple(vuosikate[k] + sums["Poistot ja arvonalentumiset"][k] + sums["Satunnaiset tuotot ja kulut"][k]
                  for k in (0, 1))
    rows = [_money_row("Toimintatuotot", *tulot), _money_row("Toimintakulut", *kulut),
            _money_row("Toimintakate", *kate), _money_row("Verotulot", *verot), _money_row("Valtionosuudet", *vos)]
    for n, (name, members) in enumerate(groups):
        if name == "Poistot ja arvonalentumiset":
            rows.append(_money_row("Vuosikate", *vuosikate))
        ta, used = sums[name]
        rows.append(_money_row(name, ta, used + (off if n == 0 else 0)))
        rows += [_money_row(p, *parts[p]) for p in members]
    return rows + [_money_row("Tilikauden tulos", *tulos)]


AMOUNTS = st.tuples(st.integers(0, 900_000), st.integers(0, 900_000))
PARTS = st.fixed_dictionaries({
    "Korkotuotot": AMOUNTS, "Muut rahoitustuotot": AMOUNTS, "Satunnaiset tuotot": AMOUNTS,
    **{name: AMOUNTS.map(lambda v: (-v[0], -v[1])) for name in (
        "Korkokulut", "Muut rahoituskulut", "Suunnitelman mukaiset poistot", "Kertaluonteiset poistot",
        "Satunnaiset kulut")}})


@settings(max_examples=examples(15), deadline=None)
@given(PARTS)
def test_a_derived_line_printed_above_its_accounts_is_checked_against_them(parts):
    """Rahoitustuotot ja -kulut, Poistot ja arvonalentumiset and Satunnaiset tuotot ja kulut each printed above
    the accounts they sum (`Kertaluonteiset poistot` the chart's Arvonalentumiset): each sum checked, never
    recorded beside its parts, the parts recorded as printed; nothing listed."""
    reading, plan = _books_plan(_book("Tuloslaskelmaosa", HEADER_WORDS, _statement(parts)))
    (table,) = reading.tables
    statuses = _statuses(plan)
    for row in table.rows:
        want = "checked" if row.label.startswith(("Rahoitustuotot ja", "Poistot ja", "Satunnaiset tuotot ja")) \
            else None
        assert want is None or {statuses[(row.line, r)].status for r in ("TA", "TOTEUMA")} == {want}, row.label
    recorded = _recorded(plan)
    for label, (ta, used) in parts.items():
        account = "Arvonalentumiset" if label == "Kertaluonteiset poistot" else label
        assert recorded[(account, "TA")] == ta * 100 and recorded[(account, "TOTEUMA")] == used * 100
    assert not [s for s in plan.statuses if s.status == "listed"]


def test_a_derived_line_its_accounts_below_do_not_sum_to_stays_listed():
    """The sum printed above its accounts disagrees with them by 1 000 €: it is not checked nor recorded but
    listed; its accounts are still recorded as printed."""
    parts = {"Korkotuotot": (40_000, 52_000), "Muut rahoitustuotot": (300_000, 310_000),
             "Korkokulut": (-900_000, -880_000), "Muut rahoituskulut": (-20_000, -21_000),
             "Suunnitelman mukaiset poistot": (-2_000_000, -1_990_000), "Kertaluonteiset poistot": (0, -5_000),
             "Satunnaiset tuotot": (0, 12_000), "Satunnaiset kulut": (0, 0)}
    reading, plan = _books_plan(_book("Tuloslaskelmaosa", HEADER_WORDS, _statement(parts, off=1_000)))
    row = next(r for r in reading.tables[0].rows if r.label == "Rahoitustuotot ja -kulut")
    assert {s.status for s in plan.statuses if s.line == row.line} == {"listed"}
    assert _recorded(plan)[("Korkokulut", "TOTEUMA")] == -880_000 * 100


def test_a_table_of_other_columns_below_a_paragraph_leaves_the_tables_columns_its_own():
    """A tulosalue's table, a paragraph under it with figures in its sentences, then a key-figure table on
    columns of its own: the tulosalue's rows are read on their columns and recorded; the key figures, on none
    of them, are listed; nothing recorded from them."""
    paragraph = [("cells", [("Tuloveroa kertyi vuonna", 150.0), ("2024", 175.0), ("yhteensä", 230.0), ("26,4", 255.0),
                            ("miljoonaa euroa, mikä on", 380.0), ("2,0", 400.0), ("miljoonaa enemmän.", 520.0)]),
                 ("text", "Tuloveroprosentti pysyi ennallaan.")]
    key = [("cells", [("Veroprosentti Kertymä", 340.0), ("Muutos-%", 420.0)])] + [
        ("cells", [("Verovuosi", 100.0), (str(year), 125.0), (rate, 251.0), (amount, 338.0), (change, 420.0)])
        for year, rate, amount, change in ((2020, "21,75", "47 212", "1,6%"), (2021, "21,75", "47 805", "1,3%"),
                                           (2022, "21,75", "49 832", "4,2%"), (2023, "9,11", "25 715", "-48,4%"))]
    page = [("heading", "Kiinteistöt", BODY), ("gap",), ("header",),
            *[("row", label, values) for label, values in _rows(KIINTEISTOT, True)], ("gap",), *paragraph,
            ("gap",), *key]
    reading, plan = _plan(_page_lines(page))
    (table,) = [t for t in reading.tables if "TA" in t.roles]
    assert table.roles == ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"]
    assert [r.label for r in table.rows] == ["TOIMINTATUOTOT", "TOIMINTAKULUT", "Toimintakate"]
    assert _by_unit(plan) == _own("KIINTEISTOT", KIINTEISTOT)
    rows = {r.line for r in table.rows}
    assert {s.status for s in plan.statuses if s.line in rows} == {"recorded", "checked"}


def test_a_column_printed_empty_takes_its_edge_from_its_header():
    """No row prints a figure under `Talousarvio- muutokset`, its header's words set right over it on two lines:
    the column is still the table's own, the others keep their roles, TA and TOTEUMA recorded, nothing listed."""
    header = [("cells", [("Talousarvio", EDGES[2])]),
              ("cells", [("Alkuperäinen", EDGES[0]), ("Talousarvio-", EDGES[1]), ("muutosten", EDGES[2])]),
              ("cells", [("talousarvio", EDGES[0]), ("muutokset", EDGES[1]), ("jälkeen", EDGES[2]),
                         ("Toteutuma", EDGES[3]), ("Poikkeama", EDGES[4])])]
    rows = [("cells", [(label, 60.0 + 4.5 * len(label))] + [(v, e) for j, (v, e) in enumerate(zip(values, EDGES))
                                                              if j != 1])
            for label, values in _rows(KIINTEISTOT, True)]
    reading, plan = _plan(_page_lines([("heading", "Kiinteistöt", BODY), ("gap",), *header, *rows]))
    (table,) = reading.tables
    assert table.roles == ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"]
    assert _by_unit(plan) == _own("KIINTEISTOT", KIINTEISTOT)
    assert {s.status for s in plan.statuses} == {"recorded", "checked"}


def test_the_kinds_of_valtionosuudet_below_it_are_the_charts_accounts_and_sum_to_it():
    """Valtionosuudet printed above its kinds (peruspalvelujen valtionosuus, the compensation for lost tax
    revenue under either of its names, the other valtionosuudet): the kinds are the chart's accounts below it,
    recorded as printed; Valtionosuudet is their total, checked; nothing listed."""
    for compensation in ("Verotulomenetysten korvaus", "Verotulomenetysten kompensaatio"):
        kinds = [("Kunnan peruspalvelujen valtionosuus", 9_800_000, 7_450_000), (compensation, 0, 2_160_000),
                 ("Muut valtionosuudet", -410_000, -18_300)]
        total = ("Valtionosuudet", sum(k[1] for k in kinds), sum(k[2] for k in kinds))
        rows = [_money_row("Verotulot", 21_000_000, 21_400_000), _money_row(*total)]
        rows += [_money_row(*k) for k in kinds]
        reading, plan = _books_plan(_book("Tuloslaskelmaosa", HEADER_WORDS, rows))
        (table,) = reading.tables
        statuses = _statuses(plan)
        assert statuses[(table.rows[1].line, "TA")].status == "checked"
        recorded = _recorded(plan)
        assert recorded[("Verotulomenetysten kompensaatio", "TOTEUMA")] == 2_160_000_00
        assert recorded[("Muut valtionosuudet", "TA")] == -410_000_00
        assert not [s for s in plan.statuses if s.status == "listed"]
