"""Toteutumisvertailu tables laid out as other municipalities lay them out (the header words, extra
columns and scale marks of published tilinpäätös books, /work/wt/notes/s24-layouts-evidence.md), read out
of the box: every cell recorded with the value the book prints (times its scale, in the ledger's sign),
checked, or listed; another year's column and a percent never recorded as the year's money; a layout the
arithmetic does not settle listed whole, not guessed."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger.books import layout, layoutplan
from ledger.books.pdf import Cell, TextLine
from ledger.fold.state import LedgerState

NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.timezone.utc)
ROOT = ("KUNTA", "Esimerkin kunta")
#: the right edge of the n-th money column
EDGES = tuple(120.0 + 60.0 * j for j in range(8))
#: an event's kind and column -> the role it records
RECORDS = {("TaAdopted", ""): "TA", ("TaAmended", ""): "MUUTOS", ("TpRecorded", ""): "TOTEUMA",
           ("BreakdownStated", "TA"): "TA", ("BreakdownStated", "TA+MUUTOS"): "TA+MUUTOS",
           ("BreakdownStated", "TP"): "TOTEUMA"}


def _book(title: str | None, header: list[list[str | None]], rows: list[tuple[str, list[str | None]]]) -> list[TextLine]:
    """A page as the PDF reader gives it: an optional title line, the header's lines (per column its
    words or None, set right over the column) and the rows (a label, per column a cell right-aligned or None)."""
    lines: list[list[Cell]] = [[Cell(title, 10.0, 90.0, 9.0)]] if title else []
    for words in header:
        lines.append([Cell(w, e - 2.0 - 3.0 * len(w), e - 2.0, 9.0) for w, e in zip(words, EDGES) if w])
    for label, values in rows:
        lines.append([Cell(label, 10.0, 60.0, 9.0)] + [Cell(v, e - 5.0 * len(v), e, 9.0)
                                                       for v, e in zip(values, EDGES) if v is not None])
    return [TextLine(1, n, 12.0 * n, tuple(cells)) for n, cells in enumerate(lines, 1)]


def _plan(lines: list[TextLine]) -> tuple[layout.LayoutReading, layoutplan.LayoutPlan]:
    reading = layout.read_layout(lines)
    return reading, layoutplan.plan_layout(LedgerState(), reading, year=2024, root=ROOT, source="kunta-tp-2024.pdf",
                                           digest="2" * 64, author="testi", now=NOW)


def _recorded(plan: layoutplan.LayoutPlan) -> dict[tuple[str, str], int]:
    """(account, role) -> the ledger cents the plan's events record."""
    out: dict[tuple[str, str], int] = {}
    for event in plan.plan.events:
        role = RECORDS.get((type(event).__name__, getattr(event, "column", "")))
        for line in getattr(event, "lines", ()):
            if role is not None:
                out[(line.account, role)] = line.amount
    return out


def _statuses(plan: layoutplan.LayoutPlan) -> dict[tuple[int, str], layoutplan.Status]:
    return {(s.line, s.role): s for s in plan.statuses}


def _money(euros: int) -> str:
    return f"{euros:,}".replace(",", " ")


def _pct(part: int, whole: int) -> str:
    return str((Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)).replace(".", ",")


# --- Budjetti / Bu-muutos / Budjetti + muutos / Käyttö %, Ed. TP first, in t€ -----------------------------

BUDJETTI = [["Ed. TP", "Budjetti", "Bu-muutos", "Budjetti +", "Toteutuma", "Poikkeama", "Käyttö"],
            [None, None, None, "muutos", None, None, "%"]]


def test_budjetti_columns_with_the_previous_year_first_record_the_year_and_list_the_previous():
    rows = [("Verotulot", ["980", "1 000", "50", "1 050", "1 100", "50", "104,8"]),
            ("Valtionosuudet", ["390", "400", "0", "400", "380", "-20", "95,0"]),
            ("Korkokulut", ["77", "80", "-10", "70", "60", "10", "85,7"])]
    reading, plan = _plan(_book("Tuloslaskelmaosan toteutuminen, t€", BUDJETTI, rows))
    (table,) = reading.tables
    assert table.roles == ["OTHER-YEAR", "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA", "PCT"]
    assert table.confirmed and table.scale == 1000
    assert table.expenses_positive is True  # Korkokulut printed positive
    recorded = _recorded(plan)
    assert recorded[("Verotulot", "TA")] == 1_000_000_00 and recorded[("Verotulot", "MUUTOS")] == 50_000_00
    assert recorded[("Verotulot", "TOTEUMA")] == 1_100_000_00 and recorded[("Korkokulut", "TOTEUMA")] == -60_000_00
    assert recorded[("Korkokulut", "MUUTOS")] == 10_000_00  # a cut of an expense printed -10: +10 000 in the ledger
    previous = {980_000_00, 390_000_00, 77_000_00, -77_000_00}
    assert not previous & set(recorded.values())
    statuses = _statuses(plan)
    for line in (4, 5, 6):
        assert statuses[(line, "OTHER-YEAR")].status == "listed" and "another year" in statuses[(line, "OTHER-YEAR")].why
        assert statuses[(line, "PCT")].status == "checked"
    assert {s.status for s in plan.statuses} <= {"recorded", "checked", "listed"} and len(plan.statuses) == 21


# --- TP 2023 / TA 2024 / TA-muutokset 2024 / … / TP 2024 / Poikkeama / Tot-% (percent and sign in one word) ---

YEARS = [["TP 2023", "TA 2024", "TA-muutokset", "TA 2024", "TP 2024", "Poikkeama", "Tot-%"],
         [None, None, "2024", "muutosten", None, None, None], [None, None, None, "jälkeen", None, None, None]]


def test_a_header_of_years_makes_the_earlier_years_column_another_years_and_checks_it_in_a_total():
    rows = [("Kunnan tulovero", ["700", "720", "10", "730", "735", "5", "100,7%"]),
            ("Kiinteistövero", ["90", "95", "0", "95", "99", "4", "104,2%"]),
            ("Verotulot", ["790", "815", "10", "825", "834", "9", "101,1%"]),
            ("Valtionosuudet", ["300", "310", "0", "310", "305", "-5", "98,4%"])]
    reading, plan = _plan(_book("Tuloslaskelmaosa (1 000 euroa)", YEARS, rows))
    (table,) = reading.tables
    assert table.roles == ["OTHER-YEAR", "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA", "PCT"]
    assert table.confirmed and table.scale == 1000
    statuses = _statuses(plan)
    verotulot = next(r for r in table.rows if r.label == "Verotulot")
    assert statuses[(verotulot.line, "OTHER-YEAR")].status == "checked"  # 700 + 90 = 790, the parts' previous year
    assert statuses[(verotulot.line + 1, "OTHER-YEAR")].status == "listed"
    assert all(statuses[(r.line, "PCT")].status == "checked" for r in table.rows)
    recorded = _recorded(plan)
    assert recorded[("Valtionosuudet", "TA")] == 310_000_00 and recorded[("Valtionosuudet", "TOTEUMA")] == 305_000_00
    assert not {700_000_00, 90_000_00, 790_000_00, 300_000_00} & set(recorded.values())


# --- Tilinp. / TA / Ta-muut. / Ta + muutos / Toteutuma / Poikkeama / Tot.%: no years at all -------------------

TILINP = [["Tilinp.", "TA", "Ta-muut.", "Ta +", "Toteutuma", "Poikkeama", "Tot.%"],
          [None, None, None, "muutos", None, None, None]]


def test_a_tilinpaatos_column_before_the_budget_is_the_previous_years_outcome():
    rows = [("Verotulot", ["1 500", "1 600", "-20", "1 580", "1 590", "10", "100,6"]),
            ("Valtionosuudet", ["800", "820", "0", "820", "820", "0", "100,0"]),
            ("Korkokulut", ["-40", "-45", "5", "-40", "-38", "2", "95,0"])]
    reading, plan = _plan(_book("TULOSLASKELMAOSA 1000 €", TILINP, rows))
    (table,) = reading.tables
    assert table.roles[0] == "OTHER-YEAR" and table.roles[4] == "TOTEUMA" and table.confirmed
    assert table.expenses_positive is False
    recorded = _recorded(plan)
    assert recorded[("Korkokulut", "TOTEUMA")] == -38_000_00 and recorded[("Verotulot", "MUUTOS")] == -20_000_00
    assert not {1_500_000_00, 800_000_00} & set(recorded.values())
    assert recorded.get(("Korkokulut", "TA")) == -45_000_00


# --- what is not settled is listed, not guessed -------------------------------------------------------------


def test_a_column_no_words_of_columns_toml_name_lists_the_whole_table():
    header = [["Kehys", "TA", "TA-muutokset", "TA muutosten", "Toteutuma", "Poikkeama"],
              [None, None, None, "jälkeen", None, None]]
    rows = [("Verotulot", ["900", "1 000", "50", "1 050", "1 100", "50"]),
            ("Valtionosuudet", ["400", "400", "0", "400", "380", "-20"]),
            ("Korkotuotot", ["9", "10", "2", "12", "12", "0"])]
    reading, plan = _plan(_book(None, header, rows))
    (table,) = reading.tables
    assert not table.confirmed and reading.cells == [] and plan.plan.events == []
    assert {item.line for item in reading.listed} == {3, 4, 5}  # each row listed with its line and why
    assert not any(s.status == "recorded" for s in plan.statuses)


def test_a_budget_and_its_use_with_no_relation_to_confirm_them_are_listed():
    """Budjetti / Käyttö / Käyttö % / Muutos %: the percent alone cannot say which column is which."""
    header = [["Budjetti", "Käyttö", "Käyttö %", "Muutos %"]]
    rows = [("Verotulot", ["1 000", "1 100", "110,0", "3,1"]), ("Valtionosuudet", ["400", "380", "95,0", "-1,2"]),
            ("Korkotuotot", ["10", "12", "120,0", "0,5"])]
    reading, plan = _plan(_book(None, header, rows))
    (table,) = reading.tables
    assert table.roles == ["TA", "TOTEUMA", "PCT", "CHANGE-%"]
    assert not table.confirmed and table.why == "no arithmetic to confirm its columns"
    assert plan.plan.events == [] and {s.status for s in plan.statuses} == {"listed"}


def test_a_percent_of_change_is_listed_and_a_wrong_toteutuma_percent_is_not_checked():
    header = [["Budjetti", "Bu-muutos", "Budjetti + muutos", "Toteutuma", "Poikkeama", "Käyttö-%", "Muutos %"]]
    rows = [("Verotulot", ["1 000", "50", "1 050", "1 100", "50", "104,8", "2,0"]),
            ("Valtionosuudet", ["400", "0", "400", "380", "-20", "97,0", "-1,0"]),  # 380 / 400 is 95,0 %
            ("Korkotuotot", ["10", "0", "10", "12", "2", "120,0", "0,0"])]
    reading, plan = _plan(_book(None, header, rows))
    (table,) = reading.tables
    assert table.confirmed and table.roles[-2:] == ["PCT", "CHANGE-%"]
    statuses = _statuses(plan)
    assert statuses[(1 + 1, "PCT")].status == "checked" and statuses[(1 + 2, "PCT")].status == "listed"
    assert all(statuses[(n, "CHANGE-%")].status == "listed" for n in (2, 3, 4))
    assert not {2_00, -1_00, 97_00} & set(_recorded(plan).values())


def test_roles_the_other_years_arithmetic_contradicts_are_listed_whole():
    """Ed. TP in the TA's place: TA + MUUTOS = TA+MUUTOS fails on every row, so nothing is read."""
    header = [["Budjetti", "Ed. TP", "Bu-muutos", "Budjetti + muutos", "Toteutuma", "Poikkeama"]]
    rows = [("Verotulot", ["980", "1 000", "50", "1 050", "1 100", "50"]),
            ("Valtionosuudet", ["390", "400", "10", "410", "380", "-30"]),
            ("Korkotuotot", ["9", "10", "2", "12", "12", "0"])]
    reading, plan = _plan(_book(None, header, rows))
    (table,) = reading.tables
    assert not table.confirmed and plan.plan.events == []
    assert {s.status for s in plan.statuses} == {"listed"}


def test_the_scale_is_read_in_its_several_spellings():
    for words, scale in [("1 000 €", 1000), ("1000 €", 1000), ("t€", 1000), ("T€", 1000), ("tuhatta euroa", 1000),
                         ("1 000 euroa", 1000), ("(1.000 €)", 1000), ("TEUR", 1000), ("1000 eur", 1000),
                         ("milj. €", 1_000_000), ("euroa", 1)]:
        assert layout.scale_of([f"Tuloslaskelmaosa {words}"])[0] == scale, words


# --- the invariant: whatever the layout's words, sign and scale, what is recorded is what the book prints --

ACCOUNTS = (("Verotulot", 1), ("Valtionosuudet", 1), ("Korkotuotot", 1), ("Korkokulut", -1), ("Muut rahoituskulut", -1))
HEADERS = [  # a header's lines, and the roles its columns must be read as
    ([["Alkuperäinen", "Talousarvio-", "Talousarvio", "Toteutuma", "Poikkeama"],
      ["talousarvio", "muutokset", "muutosten jälkeen", None, None]],
     ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"]),
    ([["Ed. TP", "Budjetti", "Bu-muutos", "Budjetti + muutos", "Toteutuma", "Poikkeama", "Käyttö-%"]],
     ["OTHER-YEAR", "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA", "PCT"]),
    ([["Tilinp.", "TA", "Ta-muut.", "Ta + muutos", "Toteutuma", "Poikkeama", "Tot.%"]],
     ["OTHER-YEAR", "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA", "PCT"]),
    ([["TP 2023", "TA 2024", "TA-muutokset 2024", "TA+muutokset 2024", "TP 2024", "Poikk.", "Tot-%"]],
     ["OTHER-YEAR", "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA", "PCT"]),
    ([["Muutettu TA", "Toteuma", "Ero", "Muutos %"]], ["TA+MUUTOS", "TOTEUMA", "POIKKEAMA", "CHANGE-%"]),
]
SCALES = [("", 1), ("1 000 €", 1000), ("t€", 1000), ("tuhatta euroa", 1000), ("(1.000 €)", 1000)]


@st.composite
def books(draw):
    """A book in one of the layouts: its lines, the roles its columns are, and per account the ledger
    cents of each role the book prints (the TA of a table without one is its TA+MUUTOS)."""
    header, roles = draw(st.sampled_from(HEADERS))
    words, scale = draw(st.sampled_from(SCALES))
    positive, deviation = draw(st.booleans()), draw(st.sampled_from([1, -1]))
    rows, truth = [], {}
    for account, side in ACCOUNTS:
        ta, tot = draw(st.integers(1, 5_000)), draw(st.integers(1, 9_000))
        tam = ta + draw(st.integers(-ta + 1, 2_000))
        printed = -1 if side < 0 and not positive else 1
        cells = {"TA": ta, "MUUTOS": tam - ta, "TA+MUUTOS": tam, "TOTEUMA": tot, "POIKKEAMA": deviation * (tot - tam),
                 "OTHER-YEAR": draw(st.integers(1, 9_000)), "CHANGE-%": draw(st.integers(-99, 99))}
        values = [_pct(tot, tam) if role == "PCT" else
                  f"{cells[role]},0" if role == "CHANGE-%" else _money(cells[role] * printed) for role in roles]
        rows.append((account, values))
        # the ledger's sign: an expense negative, whichever way the book prints it
        truth[account] = {role: cells[role] * side * scale * 100 for role in ("TA", "MUUTOS", "TOTEUMA")}
        if "TA" not in roles:
            truth[account]["TA"] = tam * side * scale * 100
    return _book(f"Tuloslaskelmaosan toteutuminen {words}".strip(), header, rows), roles, truth


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(books())
def test_every_cell_is_recorded_as_printed_times_its_scale_in_the_ledgers_sign_or_checked_or_listed(book):
    lines, roles, truth = book
    reading, plan = _plan(lines)
    (table,) = reading.tables
    assert table.roles == roles and table.confirmed, table.why
    recorded = _recorded(plan)
    for (account, role), amount in recorded.items():
        assert truth[account][role] == amount, (account, role)
    statuses = _statuses(plan)
    assert all(s.status != "recorded" for s in plan.statuses if s.role in ("OTHER-YEAR", "PCT", "POIKKEAMA"))
    cells = sum(len(line.cells) - 1 for line in lines[len(lines) - len(truth):])
    assert len(statuses) == cells  # every printed cell has a status: none dropped in silence
    assert all(statuses[(r.line, "TOTEUMA")].status == "recorded" for r in table.rows)
    assert len(recorded) == len(truth) * (3 if "MUUTOS" in roles else 2) - sum(
        1 for values in truth.values() if values["MUUTOS"] == 0 and "MUUTOS" in roles)
