"""Toteutumisvertailu tables laid out as other municipalities lay them out (the header words, extra
columns and scale marks of published tilinpäätös books, /work/wt/notes/s24-layouts-evidence.md), read out
of the box: every cell recorded with the value the book prints (times its scale, in the ledger's sign),
checked, or listed; another year's column and a percent never recorded as the year's money; a layout the
arithmetic does not settle listed whole, not guessed."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from conftest import examples
from handmade_pdf import A4_PORTRAIT, landscape_pdf, turned_pdf, words_pdf

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
    header = [["Ennuste", "TA", "TA-muutokset", "TA muutosten", "Toteutuma", "Poikkeama"],
              [None, None, None, "jälkeen", None, None]]
    rows = [("Verotulot", ["900", "1 000", "50", "1 050", "1 100", "50"]),
            ("Valtionosuudet", ["400", "400", "0", "400", "380", "-20"]),
            ("Korkotuotot", ["9", "10", "2", "12", "12", "0"])]
    reading, plan = _plan(_book(None, header, rows))
    (table,) = reading.tables
    assert not table.confirmed and reading.cells == [] and plan.plan.events == []
    assert {item.line for item in reading.listed} == {3, 4, 5}  # each row listed with its line and why
    assert not any(s.status == "recorded" for s in plan.statuses)


def test_a_header_whose_first_words_stand_above_the_line_that_names_two_columns_is_read_whole():
    """Right-aligned headings stacked over three lines (`TA` / `TA muutosten` / `jälkeen` over one column,
    `Alkuperäinen` / `TA` over another): the line that names two columns is not the header's first, and the
    words above it belong to their columns, or `TA muutosten jälkeen` would lose its `TA`."""
    header = [[None, None, "TA", None, None], ["Alkuperäinen", "TA", "muutosten", None, None],
              ["TA", "Muutokset", "jälkeen", "Toteutuma", "Poikkeama"]]
    rows = [("Verotulot", ["1 000", "50", "1 050", "1 100", "50"]),
            ("Valtionosuudet", ["400", "0", "400", "380", "-20"]),
            ("Korkotuotot", ["10", "2", "12", "12", "0"])]
    reading, plan = _plan(_book("Talousarvion toteutuminen", header, rows))
    (table,) = reading.tables
    assert table.roles == ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"] and table.confirmed
    assert table.header_lines == [2, 3, 4] and not reading.listed
    assert _recorded(plan)[("Verotulot", "TA")] == 1000_00


@pytest.mark.parametrize("header", [
    [["Alkuperäinen", "1. lisätalous-", "2. lisätalous-", "TA muutosten", "Toteutuma", "Poikkeama"],
     ["TA", "arvio", "arvio", "jälkeen", None, None]],
    [["TA 2024", "LTA 1", "LTA 2", "TA+LTA", "TP 2024", "Ero"]],
    [["Alkup. TA", "TA-muutos 1", "TA-muutos 2", "Muutettu TA", "Toteuma", "Poikkeama"]],
    # a budget after its changes the vocabulary does not know: read as a second table's TA, it was recorded as one
    [["Talousarvio", "Lisätalousarvio I", "Lisätalousarvio II", "Talousarvio yht.", "Toteutuma", "Poikkeama"]]])
def test_each_lisatalousarvio_printed_in_a_column_of_its_own_is_a_ta_muutos_of_its_own(header):
    """The year's changes in two columns (`1. lisätalousarvio | 2. lisätalousarvio`) are one table, not two side
    by side (read so, Valtionosuudet's TA was recorded as 1 520: 1 500 + its second change). Each row's changes
    must sum to TA+MUUTOS − TA; each column is then recorded as printed, a TA-muutos of its own named by its
    column, and a row whose changes do not sum is listed, nothing of it recorded."""
    rows = [("Toimintatuotot", ["1 000", "100", "50", "1 150", "1 200", "50"]),
            ("Toimintakulut", ["-5 000", "-200", "-100", "-5 300", "-5 250", "50"]),
            ("Verotulot", ["3 000", "0", "0", "3 000", "3 100", "100"]),
            ("Valtionosuudet", ["1 500", "0", "20", "1 520", "1 520", "0"]),
            ("Korkotuotot", ["200", "10", "-5", "205", "210", "5"]),
            ("Korkokulut", ["-100", "-10", "-10", "-115", "-115", "0"])]
    reading, plan = _plan(_book("Tuloslaskelmaosa 1 000 €", header, rows))
    (table,) = reading.tables
    assert table.roles == ["TA", "MUUTOS 1", "MUUTOS 2", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"] and table.confirmed
    changes = [e for e in plan.plan.events if type(e).__name__ == "TaAmended"]
    assert [(e.id.rsplit("-", 1)[1], [(line.account, line.amount) for line in e.lines]) for e in changes] == [
        ("1", [("Korkotuotot", 10_000_00)]), ("2", [("Valtionosuudet", 20_000_00), ("Korkotuotot", -5_000_00)])]
    assert [e.note.split(": ")[1] for e in changes] == table.words[1:3]
    assert table.words[1] in ("1. lisätalousarvio", "LTA 1", "TA-muutos 1", "Lisätalousarvio I")
    recorded = _recorded(plan)
    assert recorded[("Valtionosuudet", "TA")] == 1_500_000_00 and ("Korkokulut", "TA") not in recorded
    assert [item.line for item in reading.listed] == [len(header) + 7]
    statuses = _statuses(plan)
    assert {role: statuses[(len(header) + 6, role)].status for role in ("MUUTOS 1", "MUUTOS 2", "TA+MUUTOS")} == {
        "MUUTOS 1": "recorded", "MUUTOS 2": "recorded", "TA+MUUTOS": "checked"}


ROMAN = ("I", "II", "III")
CHANGE_WORDS = ("{k}. lisätalousarvio", "LTA {k}", "Lisätalousarvio {roman}", "TA-muutos {k}", "{k}. LTA", "Muutos")


@st.composite
def changes_apart(draw):
    """A tuloslaskelmaosa printing two or three changes in columns of their own, headed as books head them (the
    budget after them in words the vocabulary may not know), with the figures of consistent rows: its lines, and
    per account the ledger cents of TA, each change and TOTEUMA."""
    count = draw(st.integers(2, 3))
    word = draw(st.sampled_from(CHANGE_WORDS))
    header = [draw(st.sampled_from(["Alkuperäinen TA", "TA 2024", "Talousarvio", "Alkup. TA"]))]
    header += [word.format(k=k, roman=ROMAN[k - 1]) for k in range(1, count + 1)]
    header += [draw(st.sampled_from(["TA muutosten jälkeen", "Muutettu TA", "TA+LTA", "Talousarvio yht.",
                                     "TA yhteensä"])), draw(st.sampled_from(["Toteutuma", "TP 2024", "Toteuma"])),
               draw(st.sampled_from(["Poikkeama", "Ero"]))]
    rows, truth = [], {}
    for account, side in ACCOUNTS:
        ta, tot = draw(st.integers(1_000, 5_000)), draw(st.integers(1, 9_000))
        changes = draw(st.lists(st.integers(-300, 300), min_size=count, max_size=count))
        tam = ta + sum(changes)
        rows.append((account, [_money(v * side) for v in (ta, *changes, tam, tot, tot - tam)]))
        truth[account] = {"TA": ta * side * 100, "TOTEUMA": tot * side * 100,
                          **{f"MUUTOS {k}": v * side * 100 for k, v in enumerate(changes, 1)}}
    return _book("Tuloslaskelmaosan toteutuminen", [header], rows), truth


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes_apart())
def test_changes_printed_apart_are_each_recorded_as_printed_whatever_their_words(book):
    """Whatever words head the changes and the budget after them: the TA is the TA (never the budget after the
    changes), each change column is a TA-muutos of its own holding exactly that column's figures, a change of 0
    records nothing, and every cell has a status."""
    lines, truth = book
    reading, plan = _plan(lines)
    (table,) = reading.tables
    assert table.confirmed, table.why
    assert {(a, "TA"): t["TA"] for a, t in truth.items()} == {k: v for k, v in _recorded(plan).items() if k[1] == "TA"}
    changes = {e.id.rsplit("-", 1)[1]: {line.account: line.amount for line in e.lines}
               for e in plan.plan.events if type(e).__name__ == "TaAmended"}
    for k in range(1, 4):
        assert changes.get(str(k), {}) == {a: t[f"MUUTOS {k}"] for a, t in truth.items() if t.get(f"MUUTOS {k}")}
    assert len(plan.statuses) == sum(len(line.cells) - 1 for line in lines[-len(truth):])


def test_changes_printed_apart_with_no_ta_after_them_are_listed_never_split():
    """`TA | LTA 1 | LTA 2 | Toteutuma | Poikkeama`: no TA after the changes to sum them to, so the table is
    listed whole saying why; nothing is recorded from it."""
    rows = [("Verotulot", ["3 000", "0", "0", "3 100", "100"]), ("Valtionosuudet", ["1 500", "0", "20", "1 520", "0"]),
            ("Korkotuotot", ["200", "10", "-5", "210", "5"]), ("Korkokulut", ["-100", "-10", "-10", "-115", "5"])]
    reading, plan = _plan(_book("Tuloslaskelmaosa 1 000 €", [["TA 2024", "LTA 1", "LTA 2", "TP 2024", "Ero"]], rows))
    (table,) = reading.tables
    assert table.roles == ["TA", "MUUTOS", "MUUTOS", "TOTEUMA", "POIKKEAMA"] and not table.confirmed
    assert plan.plan.events == [] and [item.line for item in reading.listed] == [3, 4, 5, 6]
    assert all(item.why.params["why"].key == "layout.changes_apart" for item in reading.listed)


@pytest.mark.parametrize("mark", ["*", "1)", "(2)", "¹", "*)"])
def test_a_footnotes_mark_after_a_label_or_after_the_figures_leaves_the_row_read(mark):
    """`Verotulot 1)` (a mark in the label) and `Verotulot 3 000 … 100 *` (a mark set apart after the figures)
    read as `Verotulot`; a label's note with a figure in it (`(sis. 12)`) is still a note, listed."""
    from ledger.books.pdf import Cell, TextLine

    header = [["Alkuperäinen TA", "TA-muutokset", "TA muutosten jälkeen", "Toteutuma", "Poikkeama"]]
    rows = [(f"Verotulot {mark}", ["3 000", "0", "3 000", "3 100", "100"]),
            ("Valtionosuudet", ["1 500", "20", "1 520", "1 520", "0"]), ("Korkotuotot", ["200", "5", "205", "210", "5"]),
            ("Korkokulut", ["-100", "0", "-100", "-90", "10"]), ("Muut rahoituskulut (sis. 12)", ["-5", "0", "-5", "-5", "0"])]
    lines = _book("Tuloslaskelmaosa", header, rows)
    after = lines[3]
    lines[3] = TextLine(after.page, after.number, after.y, after.cells + (Cell(mark, 430.0, 436.0, 9.0),))
    reading, plan = _plan(lines)
    recorded = _recorded(plan)
    assert (recorded[("Verotulot", "TA")], recorded[("Valtionosuudet", "TOTEUMA")]) == (3_000_00, 1_520_00)
    assert [(item.line, item.why.key) for item in reading.listed] == [(7, "layout.note_figures")]


def test_a_table_printing_its_changes_but_no_ta_records_the_ta_they_leave():
    """`TA-muutokset | TA muutosten jälkeen | Toteutuma | Poikkeama`: its TA+MUUTOS stood for the TA and its
    changes were recorded beside it, so the ledger held each change twice (Valtionosuudet 1 520 + 20). The TA is
    TA+MUUTOS less the changes; the ledger's TA+muutos is the book's."""
    header = [["TA-muutokset", "TA muutosten jälkeen", "Toteutuma", "Poikkeama"]]
    rows = [("Verotulot", ["0", "3 000", "3 100", "100"]), ("Valtionosuudet", ["20", "1 520", "1 520", "0"]),
            ("Korkotuotot", ["5", "205", "210", "5"]), ("Korkokulut", ["-10", "-110", "-90", "20"])]
    reading, plan = _plan(_book("Tuloslaskelmaosa", header, rows))
    recorded = _recorded(plan)
    assert {a: (recorded[(a, "TA")], recorded.get((a, "MUUTOS"), 0)) for a, _v in rows} == {
        "Verotulot": (3_000_00, 0), "Valtionosuudet": (1_500_00, 20_00), "Korkotuotot": (200_00, 5_00),
        "Korkokulut": (-100_00, -10_00)}
    assert "less its changes" in _statuses(plan)[(3, "TA+MUUTOS")].why


@st.composite
def worded_columns(draw):
    """A tuloslaskelmaosa's columns (another year's, TA, MUUTOS, TA+MUUTOS, TOTEUMA, POIKKEAMA, a percent; the
    optional ones left out at random) each headed by a phrase the vocabulary gives its role or a word it does not
    know, and rows of consistent figures, expenses printed either way: the header's words, the rows (an account,
    its printed cells) and per account its TA+MUUTOS and TOTEUMA in ledger cents."""
    import tomllib

    with layout.VOCABULARY_FILE.open("rb") as f:
        vocabulary = tomllib.load(f)["roles"]
    kinds = [k for k in ("OTHER-YEAR", "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA", "PCT")
             if k in ("TA+MUUTOS", "TOTEUMA", "POIKKEAMA") or draw(st.booleans())]
    unknown = st.sampled_from(["Sarake", "Yhteensä", "Euroa", "Summa", "Arvio"])
    words = [draw(st.one_of(st.sampled_from(vocabulary[k]).map(lambda w: w[:1].upper() + w[1:]), unknown))
             for k in kinds]
    positive = draw(st.booleans())
    rows, truth = [], {}
    for account, side in ACCOUNTS:
        ta, tot, other = (draw(st.integers(1_000, 5_000)) for _ in range(3))
        tam = ta + draw(st.sampled_from([0, draw(st.integers(-300, 300))]))
        cells = {"OTHER-YEAR": other, "TA": ta, "MUUTOS": tam - ta, "TA+MUUTOS": tam, "TOTEUMA": tot,
                 "POIKKEAMA": tot - tam}
        printed = -1 if side < 0 and not positive else 1
        rows.append((account, [_pct(tot, tam) if k == "PCT" else _money(cells[k] * printed) for k in kinds]))
        truth[account] = {"TA+MUUTOS": tam * side * 100, "TOTEUMA": tot * side * 100}
    return words, rows, truth


def ledger_money(plan: layoutplan.LayoutPlan) -> dict[tuple[str, str], int]:
    """(account, TA+MUUTOS or TOTEUMA) -> what the plan's events put in the ledger: its TA with its changes, its
    toteutuma."""
    out: dict[tuple[str, str], int] = {}
    for event in plan.plan.events:
        column = {"TaAdopted": "TA+MUUTOS", "TaAmended": "TA+MUUTOS", "TpRecorded": "TOTEUMA"}.get(type(event).__name__)
        for line in getattr(event, "lines", ()) if column else ():
            out[(line.account, column)] = out.get((line.account, column), 0) + line.amount
    return out


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worded_columns())
def test_whatever_words_head_the_columns_no_figure_is_recorded_wrong(columns):
    """Any header the vocabulary's phrases (or words it does not know) make: what is recorded is the book's
    money (each account's TA with its changes is its TA+MUUTOS, its toteutuma its TOTEUMA), and every row of a
    table has its cells' statuses or is listed."""
    words, rows, truth = columns
    lines = _book("Tuloslaskelmaosa", [words], rows)
    reading, plan = _plan(lines)
    ledger = ledger_money(plan)
    assert all(truth[account][column] == amount for (account, column), amount in ledger.items()), ledger
    if reading.tables:  # a header read as none is no table: the import lists its lines (``unread``)
        told = {s.line for s in plan.statuses} | {item.line for item in reading.listed}
        assert {line.number for line in lines[-len(truth):]} <= told


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
    # a year only on the previous year's column, or a year alone over it: the budget's columns print none
    ([["TP 2023", "TA", "TA-muutokset", "TA+muutokset", "Toteutuma", "Poikkeama"]],
     ["OTHER-YEAR", "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"]),
    ([["2023", "Budjetti", "Bu-muutos", "Budjetti + muutos", "Toteutuma", "Poikkeama"]],
     ["OTHER-YEAR", "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"]),
    # an appropriation, its supplement and their sum, and what was used of it
    ([["Määräraha", "Lisämääräraha", "Määräraha yhteensä", "Käytetty", "Poikkeama"]],
     ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"]),
]
SCALES = [("", 1), ("1 000 €", 1000), ("t€", 1000), ("tuhatta euroa", 1000), ("(1.000 €)", 1000)]


@st.composite
def books(draw):
    """A book in one of the layouts: its lines, the roles its columns are, and per account the ledger
    cents of each role the book prints (the TA of a table without one is its TA+MUUTOS)."""
    header, roles = draw(st.sampled_from(HEADERS))
    words, scale = draw(st.sampled_from(SCALES))
    positive, deviation = draw(st.booleans()), draw(st.sampled_from([1, -1]))
    percent_sign = draw(st.sampled_from(["", "%"]))  # `104,3` or `104,3%` in one word
    rows, truth = [], {}
    for account, side in ACCOUNTS:
        ta, tot = draw(st.integers(1, 5_000)), draw(st.integers(1, 9_000))
        tam = ta + draw(st.integers(-ta + 1, 2_000))
        printed = -1 if side < 0 and not positive else 1
        cells = {"TA": ta, "MUUTOS": tam - ta, "TA+MUUTOS": tam, "TOTEUMA": tot, "POIKKEAMA": deviation * (tot - tam),
                 "OTHER-YEAR": draw(st.integers(1, 9_000)), "CHANGE-%": draw(st.integers(-99, 99))}
        values = [_pct(tot, tam) + percent_sign if role == "PCT" else
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


# --- a whole book as a PDF, in another town's layout, through `kirjuri import` -----------------------------

#: per row: label, and per column TP 2023 / TA / TA-muutokset / TA+muutokset / TP / Poikkeama / Tot-%, in 1 000 €
TULOSLASKELMAOSA = [
    ("Toimintatuotot", "6 000", "6 200", "100", "6 300", "6 410", "110", "101,7"),
    ("Toimintakulut", "-40 000", "-41 000", "-500", "-41 500", "-41 380", "120", "99,7"),
    ("Toimintakate", "-34 000", "-34 800", "-400", "-35 200", "-34 970", "230", "99,3"),
    ("Verotulot", "20 100", "20 500", "300", "20 800", "21 050", "250", "101,2"),
    ("Valtionosuudet", "14 800", "15 200", "0", "15 200", "15 180", "-20", "99,9"),
    ("Korkotuotot", "35", "50", "0", "50", "62", "12", "124,0"),
    ("Korkokulut", "-300", "-400", "50", "-350", "-342", "8", "97,7"),
    ("Vuosikate", "635", "550", "-50", "500", "980", "480", "196,0"),
    ("Suunnitelman mukaiset poistot", "-900", "-950", "0", "-950", "-948", "2", "99,8"),
    ("Tilikauden tulos", "-265", "-400", "-50", "-450", "32", "482", "-7,1"),
]
#: the right edge of each column on the page (points)
PDF_EDGES = (330.0, 390.0, 450.0, 510.0, 570.0, 630.0, 680.0)


def _pdf(path, lines: list[list[tuple[str, float, str]]]) -> None:
    """A one-page PDF (A4 landscape, Helvetica 8 pt) of lines of words: (text, x, "l" or "r": x is the word's
    left or right edge). Built by hand, as a town's office suite writes one: text objects placed by Tm."""
    landscape_pdf(path, lines)


def _esimerkkila(path, turn: int = 0, scans: int = 0) -> None:
    header = [["TP 2023", "TA 2024", "TA-muutokset", "TA 2024", "TP 2024", "Poikkeama", "Tot-%"],
              [None, None, "2024", "muutosten", None, None, None], [None, None, None, "jälkeen", None, None, None]]
    lines = [[("Esimerkkilän kunta", 40.0, "l")], [("TILINPÄÄTÖS 2024", 40.0, "l")], [],
             [("Esimerkkilän kunta, tuloslaskelmaosan toteutuminen, 1 000 €", 40.0, "l")]]
    lines += [[(w, e, "r") for w, e in zip(words, PDF_EDGES) if w] for words in header]
    lines += [[(label, 40.0, "l")] + [(v, e, "r") for v, e in zip(values, PDF_EDGES)]
              for label, *values in TULOSLASKELMAOSA]
    turned_pdf(path, lines, turn) if turn else landscape_pdf(path, lines, scans)


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_table_printed_sideways_on_its_page_reads_as_printed_upright(tmp_path, turn):
    """A landscape sheet set sideways onto a portrait page (its text turned by the content's matrix, no /Rotate
    entry turning the page back) read nothing: no figure, nothing listed. Its lines now read as the upright
    page's, word by word and place by place, and plan the same events."""
    from ledger.books import pdf

    _esimerkkila(tmp_path / "upright.pdf")
    _esimerkkila(tmp_path / "turned.pdf", turn)
    upright, turned = (pdf.read_pdf(tmp_path / name).lines for name in ("upright.pdf", "turned.pdf"))
    assert [(line.text, [round(c.x1) for c in line.cells]) for line in turned] == \
        [(line.text, [round(c.x1) for c in line.cells]) for line in upright]
    assert _recorded(_plan(turned)[1]) == _recorded(_plan(upright)[1]) != {}


def _euro_signed(path, sign: str) -> None:
    """Esimerkkilä's tuloslaskelmaosa in euros, ``sign`` after each amount (`''`, `' €'` or `'€'`)."""
    header = [["TP 2023", "TA 2024", "TA-muutokset", "TA 2024", "TP 2024", "Poikkeama", "Tot-%"],
              [None, None, "2024", "muutosten", None, None, None], [None, None, None, "jälkeen", None, None, None]]
    lines = [[("Esimerkkilän kunta", 40.0, "l")], [("TILINPÄÄTÖS 2024", 40.0, "l")], [],
             [("Esimerkkilän kunta, tuloslaskelmaosan toteutuminen", 40.0, "l")]]
    lines += [[(w, e, "r") for w, e in zip(words, PDF_EDGES) if w] for words in header]
    lines += [[(label, 40.0, "l")] + [(v + (sign if j < 6 else ""), e, "r") for j, (v, e) in enumerate(zip(values, PDF_EDGES))]
              for label, *values in TULOSLASKELMAOSA]
    landscape_pdf(path, lines)


@pytest.mark.parametrize("sign", [" €", "€"])
def test_a_table_printing_a_euro_sign_after_each_amount_reads_as_one_printing_none(tmp_path, sign):
    """`635 € | 550 € | …`: each amount's sign stood between it and its column's edge, so the rows read as no
    table; the import said nothing of them, no figure and nothing listed. The sign is now its amount's, as a
    percent's is: the same events as the table printing none."""
    from ledger.books import pdf

    _euro_signed(tmp_path / "plain.pdf", "")
    _euro_signed(tmp_path / "euros.pdf", sign)
    plain, euros = (_plan(pdf.read_pdf(tmp_path / name).lines) for name in ("plain.pdf", "euros.pdf"))
    assert euros[0].tables[0].roles == plain[0].tables[0].roles and euros[0].tables[0].confirmed
    assert _recorded(euros[1]) == _recorded(plain[1]) != {}
    assert euros[0].listed == plain[0].listed


def test_another_towns_tuloslaskelmaosa_pdf_in_thousands_is_read_out_of_the_box(tmp_path):
    """Every printed figure cell: recorded with the value printed × 1000 in the ledger's sign, checked, or
    listed with why; none recorded wrong, none without a status; the previous year never recorded."""
    from ledger.books import pdf

    book = tmp_path / "esimerkkila-tp-2024.pdf"
    _esimerkkila(book)
    reading, plan = _plan(pdf.read_pdf(book).lines)
    (table,) = reading.tables
    assert table.roles == ["OTHER-YEAR", "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA", "PCT"]
    assert table.confirmed and table.scale == 1000 and table.expenses_positive is False
    assert table.sign_evidence.startswith("Toimintakate = ")
    assert all(c.ok for c in table.checks)
    recorded = _recorded(plan)
    roles = ["OTHER-YEAR", "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA", "PCT"]
    rows = {r.label: r for r in table.rows}
    tally = {"recorded": 0, "checked": 0, "listed": 0}
    statuses = _statuses(plan)
    for label, *values in TULOSLASKELMAOSA:
        for role, value in zip(roles, values):
            status = statuses[(rows[label].line, role)]
            tally[status.status] += 1
            if status.status == "recorded":
                account = rows[label].account
                assert recorded[(account, role)] == layout.cents(value) * 1000, (label, role)
    assert sum(tally.values()) == 70 and len(plan.statuses) == 70
    assert tally == {"recorded": 18, "checked": 45, "listed": 7}  # listed: the previous year of 7 rows no total sums
    assert all(s.role == "OTHER-YEAR" for s in plan.statuses if s.status == "listed")


def test_kirjuri_import_previews_and_records_another_towns_pdf(tmp_path, english):
    from test_cli import kirjuri

    book = tmp_path / "esimerkkila-tp-2024.pdf"
    _esimerkkila(book)
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    first = kirjuri(db, "import", str(book), "--apply")
    assert first.exit_code == 0, first.output
    said = " ".join(first.output.split())
    assert "OTHER-YEAR / TA / MUUTOS / TA+MUUTOS / TOTEUMA / POIKKEAMA / PCT; × 1000 (1 000 €)" in said
    assert "year 2024 (the book)" in said and "18 figures to record, 45 checked, 7 listed" in said
    history = " ".join(kirjuri(db, "history", "ESIMERKKILAN-KUNTA").output.split())
    assert "Verotulot TA: – → 20 500 000" in history and "Korkokulut TP: – → -342 000" in history
    again = kirjuri(db, "import", str(book), "--apply")
    assert again.exit_code == 0 and "to record: 0 events" in again.output


#: a tuloslaskelmaosa in 1 000 € whose Toimintatuotot's parts end page 1 and whose TOIMINTATUOTOT opens page 2
PARTS_THEN_TOTAL = [("Myyntituotot", "1 000", "100", "1 100", "1 200", "100"),
                    ("Maksutuotot", "2 000", "0", "2 000", "1 900", "-100"),
                    ("Tuet ja avustukset", "500", "50", "550", "600", "50"),
                    ("Muut toimintatuotot", "300", "0", "300", "320", "20"),
                    ("TOIMINTATUOTOT", "3 800", "150", "3 950", "4 020", "70"),
                    ("Henkilöstökulut", "-5 000", "-200", "-5 200", "-5 100", "100"),
                    ("Palvelujen ostot", "-3 000", "0", "-3 000", "-3 100", "-100"),
                    ("TOIMINTAKULUT", "-8 000", "-200", "-8 200", "-8 200", "0"),
                    ("TOIMINTAKATE", "-4 200", "-50", "-4 250", "-4 180", "70")]


def _parts_then_total(path, pages: int) -> None:
    """PARTS_THEN_TOTAL on one page, or broken after its fourth row with no header on page 2, each page's running
    header printing its number."""
    edges = (330.0, 400.0, 470.0, 540.0, 610.0)
    header = [["Alkuperäinen", "Talousarvio-", "Talousarvio", "Toteutuma", "Poikkeama"],
              ["talousarvio", "muutokset", "muutosten jälkeen", None, None]]

    def running(n):
        return [("Esimerkkilän kunta", 40.0, "l"), ("Tilinpäätös 2024", 400.0, "l"), (str(20 + n), 780.0, "r")]

    rows = [[(label, 40.0, "l")] + [(v, e, "r") for v, e in zip(values, edges)] for label, *values in PARTS_THEN_TOTAL]
    first = [running(1), [], [("Tuloslaskelmaosa, 1 000 €", 40.0, "l")], *[[(w, e, "r") for w, e in zip(h, edges) if w]
                                                                           for h in header]]
    split = 4 if pages == 2 else len(rows)
    words_pdf(path, [first + rows[:split], *([[running(2), [], *rows[split:]]] if pages == 2 else [])], size=8,
              media=(842, 595), top=560.0, step=12.0)


def test_a_total_opening_the_next_page_sums_its_parts_on_the_page_before(tmp_path, english):
    """TOIMINTATUOTOT at the top of page 2 (no header there), its parts at the foot of page 1. The rows continue
    the table, but the total was taken for a figure of its own beside its parts: the import planned both, and
    --apply refused the whole book (counted twice). It is their total, checked, as on one page."""
    from ledger.books import pdf
    from test_cli import kirjuri

    _parts_then_total(tmp_path / "one.pdf", 1)
    _parts_then_total(tmp_path / "two.pdf", 2)
    one, two = (_plan(pdf.read_pdf(tmp_path / name).lines) for name in ("one.pdf", "two.pdf"))
    assert [t.page for t in two[0].tables] == [1, 2]
    assert _recorded(two[1]) == _recorded(one[1]) != {}
    total = next(r for t in two[0].tables for r in t.rows if r.label == "TOIMINTATUOTOT")
    checks = [c.ok for t in two[0].tables for c in t.checks if c.line == total.line]
    assert total.total and len(checks) == 5 and all(checks)  # one per column, each summing its parts
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    applied = kirjuri(db, "import", str(tmp_path / "two.pdf"), "--apply")
    assert applied.exit_code == 0 and "recorded 4 events" in " ".join(applied.output.split()), applied.output


def test_a_scanned_book_is_refused_saying_so_and_a_scanned_page_is_said(tmp_path, english):
    """A PDF whose pages are images with no text layer (a scan) read nothing and said nothing, exit 0: it is
    refused in one line that says why and what to do, and nothing is written. A book with a scanned page
    after its tables reads them and says which page it did not read."""
    from test_cli import kirjuri

    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    before = kirjuri(db, "head").output
    scan = tmp_path / "skannattu.pdf"
    words_pdf(scan, [None, None], size=8, media=A4_PORTRAIT, top=800.0, step=12.0)
    refused = kirjuri(db, "import", str(scan), "--apply")
    assert refused.exit_code == 1 and refused.stdout == "" and "Traceback" not in refused.output
    assert " ".join(refused.stderr.split()) == ("kirjuri: file: 'skannattu.pdf' has 2 pages, all images with no text "
                                                "layer (a scan), and no text: nothing can be read; give it a text layer "
                                                "(OCR, e.g. ocrmypdf) and import that")
    assert kirjuri(db, "head").output == before
    book = tmp_path / "esimerkkila-tp-2024.pdf"
    _esimerkkila(book, scans=1)
    read = kirjuri(db, "import", str(book))
    said = " ".join(read.output.split())
    assert read.exit_code == 0 and "1 page is an image with no text layer (a scan), not read: page 2" \
        in said and "18 figures to record, 45 checked, 7 listed" in said


def test_labels_with_their_account_number_and_the_menot_words_are_the_charts_accounts():
    """An accounting system's report prints the account number first and its own word after a slash
    (`4999 TOIMINTAKATE/JÄÄMÄ`), older books the -menot words (Henkilösivumenot, Sumu-poistot): the same
    accounts, totals checked, sign by the identity."""
    header = [["Budjetti", "Bu-muutos", "Budjetti + muutos", "Toteutuma", "Poikkeama"]]
    rows = [("3000 Toimintatuotot", ["100", "0", "100", "110", "10"]),
            ("4000 Henkilöstömenot", ["-300", "-10", "-310", "-305", "5"]),
            ("4400 Palvelujen ostot", ["-200", "0", "-200", "-190", "10"]),
            ("4990 Toimintakulut", ["-500", "-10", "-510", "-495", "15"]),
            ("4999 TOIMINTAKATE/JÄÄMÄ", ["-400", "-10", "-410", "-385", "25"]),
            ("Sumu-poistot", ["-50", "0", "-50", "-50", "0"])]
    reading, plan = _plan(_book("TULOSLASKELMAOSA", header, rows))
    (table,) = reading.tables
    assert [r.account for r in table.rows] == ["TOIMINTATUOTOT", "Henkilöstökulut", "Palvelujen ostot", "TOIMINTAKULUT",
                                               "TOIMINTAKATE", "Suunnitelman mukaiset poistot"]
    assert table.expenses_positive is False and table.sign_evidence.startswith("4999 TOIMINTAKATE/JÄÄMÄ = ")
    assert all(c.ok for c in table.checks) and len(table.checks) == 10  # two totals, five columns each
    statuses = _statuses(plan)
    assert {statuses[(n, "TA")].status for n in (6, 7)} == {"checked"}  # the stated totals
    assert _recorded(plan)[("Suunnitelman mukaiset poistot", "TA")] == -50_00
    assert _recorded(plan)[("Henkilöstökulut", "TOTEUMA")] == -305_00


@pytest.mark.parametrize("header", [
    [["TA 2024", "Muutos", "TA+muutos", "TP 2024", "Poikkeama"]],
    [["Talousarvio", "Muutokset", "Käytettävissä", "Toteutunut", "Ylitys/alitus"]],
    [["TA", "LTA", "TA+LTA", "TP", "Yli-/alitus"]],
    [["TA", "Lisätalousarvio", "TA yhteensä", "Toteuma", "Poikkeama"]],
    [["Alkuperäinen", "Lisätalous-", "Talousarvio", "Toteutunut", "Ylitys (-)"],
     ["talousarvio", "arviot", "muutoksineen", None, "alitus (+)"]],
    [["Talousarvio", "Muutokset", "Talousarvio uusi", "Toteuma", "Poikkeama"]]])
def test_other_towns_words_for_the_columns_read_as_the_five_columns(header):
    """Words other books print over a toteutumisvertailu's columns: a change in the singular, a supplementary
    budget (LTA), the budget in all, `Toteutunut`, an over- or under-run. One the vocabulary does not know
    after `Talousarvio | Muutokset` (`Talousarvio uusi`) was read as a second table's TA, confirmed by that
    table's poikkeama, and the amended budget recorded as the TA; it is the TA+MUUTOS the arithmetic confirms."""
    rows = [("Toimintatuotot", ["1 000", "100", "1 100", "1 200", "100"]),
            ("Toimintakulut", ["-5 000", "-200", "-5 200", "-5 100", "100"]),
            ("Toimintakate", ["-4 000", "-100", "-4 100", "-3 900", "200"])]
    reading, plan = _plan(_book("TULOSLASKELMAOSA", header, rows))
    (table,) = reading.tables
    assert table.roles == ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"] and table.confirmed
    recorded = _recorded(plan)
    assert recorded[("TOIMINTATUOTOT", "TA")] == 1_000_00 and recorded[("TOIMINTAKULUT", "TA")] == -5_000_00
    assert recorded[("TOIMINTATUOTOT", "TA+MUUTOS")] == 1_100_00 and recorded[("TOIMINTAKULUT", "TOTEUMA")] == -5_100_00


def test_a_dash_set_in_a_column_is_an_empty_cell_and_a_dash_apart_from_its_figure_is_not():
    """`Toimintatuotot 1 000 - 1 000 1 200 200`: the dash stands right-aligned in the change's column, the book's
    mark for no change. The row was listed as text on no column; it is read with that cell empty. A dash
    elsewhere in a row (not on a column edge: a minus set apart from its figure) still lists the row."""
    rows = [("Toimintatuotot", ["1 000", "-", "1 000", "1 200", "200"]),
            ("Toimintakulut", ["-5 000", "-200", "-5 200", "-5 100", "100"]),
            ("Toimintakate", ["-4 000", "-200", "-4 200", "-3 900", "300"]),
            ("Verotulot", ["3 000", "100", "3 100", "3 150", "50"]),
            ("Valtionosuudet", ["2 000", "50", "2 050", "2 040", "-10"])]
    header = [["Talousarvio", "Muutokset", "Käytettävissä", "Toteuma", "Poikkeama"]]
    reading, plan = _plan(_book("TULOSLASKELMAOSA", header, rows))
    (table,) = reading.tables
    assert table.confirmed and reading.listed == []
    assert {role: c.value for role, c in table.rows[0].cells.items()} == {
        "TA": 1_000_00, "TA+MUUTOS": 1_000_00, "TOTEUMA": 1_200_00, "POIKKEAMA": 200_00}
    lines = _book("TULOSLASKELMAOSA", header, rows)
    cells = list(lines[2].cells)
    cells[2] = Cell("-", cells[3].x0 - 12.0, cells[3].x0 - 7.0, 9.0)  # a minus a word space left of 1 000
    lines[2] = TextLine(1, 3, lines[2].y, tuple(cells))
    assert [item.line for item in layout.read_layout(lines).listed] == [3]


def test_the_scale_of_a_section_title_a_few_lines_up_holds_until_a_table_above():
    """`Tuloslaskelmaosan toteutuminen (1 000 €)`, prose, then the header: in thousands. A second table below
    the first's rows does not take the first's title (it prints the same money to the euro)."""
    header = ["Budjetti", "Bu-muutos", "Budjetti + muutos", "Toteutuma", "Poikkeama"]
    rows = [("Verotulot", ["1 000", "50", "1 050", "1 100", "50"]), ("Valtionosuudet", ["400", "0", "400", "380", "-20"]),
            ("Korkotuotot", ["10", "0", "10", "12", "2"])]
    first = _book("Tuloslaskelmaosan toteutuminen (1 000 €)", [header], rows)
    prose = [TextLine(1, 0, 0.0, (Cell(text, 10.0, 200.0, 9.0),))
             for text in ("Verotulot kasvoivat ennakoitua enemmän.", "Valtionosuudet jäivät arviosta.")]
    second = _book(None, [header], [(label, [f"{v} 000" if v != "0" else v for v in values]) for label, values in rows])
    lines = [first[0], *prose, *first[1:], *second]
    lines = [TextLine(1, n, 12.0 * n, line.cells) for n, line in enumerate(lines, 1)]
    tables = layout.read_layout(lines).tables
    assert [t.scale for t in tables] == [1000, 1] and all(t.confirmed for t in tables)


UNITS_HEADER = [["Alkup. TA", "TA-muutokset", "TA muutosten jälkeen", "Toteutuma", "Poikkeama"]]
#: three units' headings, each followed by its operating rows (the second prints its code, the third a total)
UNITS = [("Keskusvaalilautakunta", [None] * 5), ("Toimintatuotot", ["0", "0", "0", "1", "1"]),
         ("Toimintakulut", ["-50", "0", "-50", "-45", "5"]), ("Toimintakate", ["-50", "0", "-50", "-44", "6"]),
         ("64110000 Tarkastuslautakunta", [None] * 5), ("Toimintatuotot", ["10", "0", "10", "12", "2"]),
         ("Toimintakulut", ["-80", "-5", "-85", "-84", "1"]), ("Toimintakate", ["-70", "-5", "-75", "-72", "3"]),
         ("Sivistystoimiala", [None] * 5), ("Toimintatuotot", ["1 200", "30", "1 230", "1 250", "20"]),
         ("Toimintakulut", ["-9 000", "-100", "-9 100", "-9 150", "-50"]),
         ("Toimintakate", ["-7 800", "-70", "-7 870", "-7 900", "-30"]),
         ("Sivistystoimiala yhteensä", ["-7 800", "-70", "-7 870", "-7 900", "-30"])]
#: the code each unit is recorded under: the one it prints, else its heading's slug
UNIT_CODES = {"Keskusvaalilautakunta": "KESKUSVAALILAUTAKUNTA", "64110000 Tarkastuslautakunta": "64110000",
              "Sivistystoimiala": "SIVISTYSTOIMIALA"}

def units_pdf(path) -> None:
    """Esimerkkilä's käyttötalous table of units (``UNITS``) as a PDF, its header over two lines."""
    lines = [[("Esimerkkilän kunta", 40.0, "l")], [("TILINPÄÄTÖS 2024", 40.0, "l")], [],
             [("Käyttötalouden toteutuminen", 40.0, "l")]]
    header = [["TA", "TA-muutokset", "TA muutosten", "Toteutuma", "Poikkeama"], [None, None, "jälkeen", None, None]]
    lines += [[(w, e, "r") for w, e in zip(words, PDF_EDGES) if w] for words in header]
    lines += [[(label, 40.0, "l")] + [(v, e, "r") for v, e in zip(values, PDF_EDGES) if v is not None]
              for label, values in UNITS]
    _pdf(path, lines)



def _printed_by_unit(rows: list[tuple[str, list[str | None]]]) -> dict[tuple[str, str, str], int]:
    """(unit code, line, role) -> the printed cell in cents, as the ledger's report states it."""
    out, unit = {}, None
    for label, values in rows:
        if all(v is None for v in values):
            unit = UNIT_CODES[label]
            continue
        if label.endswith("yhteensä"):
            continue
        for role, raw in zip(("TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"), values):
            out[(unit, label.upper(), role)] = int(raw.replace(" ", "")) * 100
    return out


def _unit_recorded(plan: layoutplan.LayoutPlan) -> dict[tuple[str, str, str], int]:
    return {(line.unit, line.account, RECORDS[(type(e).__name__, "")]): line.amount for e in plan.plan.events
            if (type(e).__name__, "") in RECORDS for line in e.lines}


def test_operating_rows_under_each_units_heading_are_recorded_as_that_units_own(tmp_path):
    """A käyttötalous table per lautakunta / toimiala (Toimintatuotot / Toimintakulut / Toimintakate under each
    one's heading): each heading is a toimiala below the city, its code the one it prints else its slug, its
    TA, MUUTOS and TOTEUMA recorded on it; Toimintakate and the derived cells checked. The ledger's
    toteutumisvertailu of each unit prints the book's cells; importing again records nothing."""
    from conftest import Clock

    from ledger.app import Kirjuri
    from ledger.reports import tables as rp
    from ledger.store.log import Target

    for n, title in enumerate(("Käyttötalouden toteutuminen", "TULOSLASKELMAOSA")):
        reading, plan = _plan(_book(title, UNITS_HEADER, UNITS))
        (table,) = reading.tables
        assert table.confirmed and all(c.ok for c in table.checks) and len(table.checks) == 20
        assert {s.status for s in plan.statuses if s.line == table.rows[-1].line} == {"checked"}  # the yhteensä
        registered = {e.code: (e.name, e.level, e.parent) for e in plan.plan.events if type(e).__name__ == "UnitRegistered"}
        assert registered == {"KUNTA": ("Esimerkin kunta", "kaupunki", None),
                              "KESKUSVAALILAUTAKUNTA": ("Keskusvaalilautakunta", "toimiala", "KUNTA"),
                              "64110000": ("Tarkastuslautakunta", "toimiala", "KUNTA"),
                              "SIVISTYSTOIMIALA": ("Sivistystoimiala", "toimiala", "KUNTA")}
        assert set(plan.units) == set(UNIT_CODES) and {u.code for u in plan.units.values()} == set(UNIT_CODES.values())
        printed = _printed_by_unit(UNITS)
        recorded = _unit_recorded(plan)
        assert recorded == {k: v for k, v in printed.items() if k[1] != "TOIMINTAKATE" and k[2] in ("TA", "TOTEUMA")
                            or k[2] == "MUUTOS" and v != 0 and k[1] != "TOIMINTAKATE"}
        assert not any(s.status == "listed" for s in plan.statuses)
        assert sum(s.status == "recorded" for s in plan.statuses) == len(recorded)
        ledger = Kirjuri(Target(sqlite_path=tmp_path / f"l{n}.sqlite"), create=True, author="testi", clock=Clock())
        ledger.confirm = frozenset({"authority.overrun"})  # as published: a unit's toteuma over its TA
        ledger.submit(*plan.plan.events)
        for code in UNIT_CODES.values():
            report = rp.toteutumisvertailu(ledger.state, code, 2024, lines=rp.KATE_LINES)
            rows = {row.label: row.cells for row in report.rows if row.kind == "total" and row.code == code}
            for (unit, line, role), value in printed.items():
                if unit == code:  # a printed 0 where nothing was recorded: the report's empty cell
                    got = rows[line][("TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA").index(role)]
                    assert got == value or (got is None and value == 0), (code, line, role)
        again = layoutplan.plan_layout(ledger.state, reading, year=2024, root=ROOT, source="kunta-tp-2024.pdf",
                                       digest="2" * 64, author="testi", now=NOW)
        assert again.plan.events == [] and again.plan.already == len(recorded)
        ledger.close()


def test_kirjuri_import_writes_the_units_it_assumed_and_records_an_edited_code(tmp_path):
    """From a PDF, `--write-profile` writes each unit heading as a node; given back with a code edited, the
    unit's figures are recorded under the code written."""
    from test_cli import kirjuri

    book, profile, db = tmp_path / "esimerkkila-tp-2024.pdf", tmp_path / "oletukset.toml", str(tmp_path / "l.sqlite")
    units_pdf(book)
    assert kirjuri(db, "init").exit_code == 0
    first = kirjuri(db, "import", str(book), "--write-profile", str(profile))
    assert first.exit_code == 0, first.output
    written = profile.read_text(encoding="utf-8")
    assert '[nodes."64110000 Tarkastuslautakunta"]' in written and 'code = "SIVISTYSTOIMIALA"' in written
    profile.write_text(written.replace('code = "SIVISTYSTOIMIALA"', 'code = "300"'), encoding="utf-8")
    applied = kirjuri(db, "import", str(book), "--profile", str(profile), "--apply", "--confirm", "authority.overrun")
    assert applied.exit_code == 0, applied.output
    report = " ".join(kirjuri(db, "report", "toteutumisvertailu", "300", "--year", "2024", "--lines", "kate")
                      .output.replace("\xa0", " ").split())
    assert "-9 000" in report and "-9 150" in report and "1 250" in report


def test_each_lisatalousarvio_is_recorded_under_the_decision_the_profile_gives_it(tmp_path):
    """A PDF printing two lisätalousarvio columns: `--write-profile` offers a decision for each, named by its
    column; given back filled in, each TA-muutos is recorded under its own decision, the rest uncited."""
    from test_cli import kirjuri

    from ledger.app import Kirjuri
    from ledger.store.log import Target

    book, profile, db = tmp_path / "esimerkkila-tp-2024.pdf", tmp_path / "oletukset.toml", str(tmp_path / "l.sqlite")
    header = [["Alkuperäinen", "1. lisätalous-", "2. lisätalous-", "TA muutosten", "Toteutuma", "Poikkeama"],
              ["TA", "arvio", "arvio", "jälkeen", None, None]]
    rows = [("Verotulot", ["3 000", "0", "0", "3 000", "3 100", "100"]),
            ("Valtionosuudet", ["1 500", "0", "20", "1 520", "1 520", "0"]),
            ("Korkotuotot", ["200", "10", "-5", "205", "210", "5"]), ("Korkokulut", ["-100", "0", "0", "-100", "-90", "10"])]
    lines = [[("Esimerkkilän kunta", 40.0, "l")], [("TILINPÄÄTÖS 2024", 40.0, "l")], [],
             [("Tuloslaskelmaosa 1 000 €", 40.0, "l")]]
    lines += [[(w, e, "r") for w, e in zip(words, PDF_EDGES) if w] for words in header]
    lines += [[(label, 40.0, "l")] + [(v, e, "r") for v, e in zip(values, PDF_EDGES)] for label, values in rows]
    _pdf(book, lines)
    assert kirjuri(db, "init").exit_code == 0
    first = kirjuri(db, "import", str(book), "--write-profile", str(profile))
    assert first.exit_code == 0, first.output
    written = profile.read_text(encoding="utf-8")
    assert '# "MUUTOS 2024 2" = "KV 16.12.2024 § 120"  # 2. lisätalousarvio' in written
    profile.write_text(written.replace('# "MUUTOS 2024 2" = "KV 16.12.2024 § 120"', '"MUUTOS 2024 2" = "Kv 14.10.2024 §81"'),
                       encoding="utf-8")
    assert kirjuri(db, "import", str(book), "--profile", str(profile), "--apply").exit_code == 0
    app = Kirjuri(Target(sqlite_path=tmp_path / "l.sqlite"))
    try:
        stored = [s.event for s in app.records(range(1, app.state.seq + 1)).values()]
    finally:
        app.close()
    changes = {e.id.rsplit("-", 1)[1]: e for e in stored if type(e).__name__ == "TaAmended"}
    assert (changes["2"].decision.date, changes["2"].decision.section, changes["2"].effective) == (
        dt.date(2024, 10, 14), "81", dt.date(2024, 10, 14))
    assert changes["1"].decision.section == "–" and changes["1"].note.endswith("1. lisätalousarvio")
    assert {line.account: line.amount for line in changes["2"].lines} == {"Valtionosuudet": 20_000_00,
                                                                         "Korkotuotot": -5_000_00}


@st.composite
def unit_tables(draw):
    """Two to four units, each a heading and its Toimintatuotot / Toimintakulut / Toimintakate (consistent:
    TA + MUUTOS = TA+MUUTOS, Poikkeama = Toteutuma − TA+MUUTOS), expenses printed negative, never 0."""
    rows: list[tuple[str, list[str | None]]] = []
    names = draw(st.lists(st.sampled_from(["Keskusvaalilautakunta", "Tarkastuslautakunta", "Sivistyslautakunta",
                                          "Teknisen toimen lautakunta", "Kaupunginhallitus"]),
                          min_size=2, max_size=4, unique=True))
    amount = st.integers(min_value=0, max_value=5_000_000)
    for name in names:
        rows.append((name, [None] * 5))
        cells = []
        for sign in (1, -1):
            # an expense printed as 0 throughout would leave the sign unknown (the table is then listed)
            ta, change, used = draw(amount) + (sign < 0), draw(st.integers(-100_000, 100_000)), draw(amount) + (sign < 0)
            ta, used = sign * ta, sign * used
            cells.append((ta, change, ta + change, used, used - ta - change))
        kate = tuple(a + b for a, b in zip(*cells))
        for label, values in zip(("Toimintatuotot", "Toimintakulut", "Toimintakate"), (*cells, kate)):
            rows.append((label, [_money(v) for v in values]))
    return rows


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(unit_tables())
def test_every_units_operating_cell_is_recorded_on_that_unit_as_printed_or_checked(rows):
    """Whatever the units and figures, each unit's TA, MUUTOS and TOTEUMA are recorded on that unit as printed
    (cents, expenses negative), its Toimintakate and derived cells checked; nothing listed, nothing else."""
    _reading, plan = _plan(_book("Käyttötalouden toteutuminen", UNITS_HEADER, rows))
    printed, unit = {}, None
    for label, values in rows:
        if values[0] is None:
            unit = layoutplan.slug(label)
        elif label != "Toimintakate":
            for role, raw in zip(("TA", "MUUTOS", "TOTEUMA"), (values[0], values[1], values[3])):
                printed[(unit, label.upper(), role)] = int(raw.replace(" ", "")) * 100
    assert _unit_recorded(plan) == {k: v for k, v in printed.items() if k[2] != "MUUTOS" or v != 0}
    assert {s.status for s in plan.statuses} <= {"recorded", "checked"}


def test_operating_rows_a_table_does_not_attribute_unambiguously_stay_listed():
    """Whose money a row is must be said by exactly one unit's heading: a row above every heading, the same
    account twice under one heading, a single heading (perhaps the table's title), or a unit printed in two
    tables leave the tables listed."""
    above = [("Toimintatuotot", ["5", "0", "5", "5", "0"])] + UNITS
    twice = UNITS[:3] + [("Toimintakulut", ["-50", "0", "-50", "-45", "5"])] + UNITS[4:]
    single = [("Käyttötalous", [None] * 5), *UNITS[1:3], ("Toimintakulut", ["-80", "-5", "-85", "-84", "1"])]
    pages = [*_book("Käyttötalouden toteutuminen", UNITS_HEADER, UNITS), *_book(None, UNITS_HEADER, UNITS[4:])]
    pages = [layout.TextLine(1, n, 12.0 * n, line.cells) for n, line in enumerate(pages, 1)]
    for lines in (*(_book("Käyttötalouden toteutuminen", UNITS_HEADER, rows) for rows in (above, twice, single)), pages):
        _reading, plan = _plan(lines)
        assert plan.plan.events == [] and not any(s.status == "recorded" for s in plan.statuses)
        assert all("not recorded" in s.why for s in plan.statuses if s.status == "listed")


def test_a_unit_the_ledger_holds_elsewhere_is_listed_not_recorded_twice(tmp_path):
    """A heading whose code the ledger already has at another level (or with units below it) holds money the
    ledger has already: its rows are listed, the other units' recorded."""
    from conftest import Clock

    from ledger.app import Kirjuri
    from events.model import UnitRegistered
    from ledger.store.log import Target

    ledger = Kirjuri(Target(sqlite_path=tmp_path / "l.sqlite"), create=True, author="testi", clock=Clock())
    ledger.submit(*(UnitRegistered(id=f"u-{code}", effective=dt.date(2024, 1, 1), code=code, name=name, level=level,
                                   parent=parent, recorded_at=NOW, author="testi")
                    for code, name, level, parent in (("KUNTA", "Esimerkin kunta", "kaupunki", None),
                                                      ("64110000", "Tarkastus", "vastuualue", "KUNTA"))))
    reading = layout.read_layout(_book("Käyttötalouden toteutuminen", UNITS_HEADER, UNITS))
    plan = layoutplan.plan_layout(ledger.state, reading, year=2024, root=ROOT, source="kunta-tp-2024.pdf",
                                  digest="2" * 64, author="testi", now=NOW)
    units = {line.unit for e in plan.plan.events for line in getattr(e, "lines", ())}
    assert units == {"KESKUSVAALILAUTAKUNTA", "SIVISTYSTOIMIALA"}
    held = [s for s in plan.statuses if s.line in (8, 9)]
    assert held and all(s.status == "listed" and "64110000" in s.why for s in held)
    ledger.close()


def test_a_table_comparing_two_years_reads_the_later_and_keeps_the_earlier_apart():
    header = [["TA 2023", "TP 2023", "TA 2024", "TA-muutokset 2024", "TA+muutokset 2024", "TP 2024", "Poikkeama"]]
    rows = [("Verotulot", ["900", "950", "1 000", "50", "1 050", "1 100", "50"]),
            ("Valtionosuudet", ["370", "385", "400", "0", "400", "380", "-20"]),
            ("Korkotuotot", ["8", "9", "10", "2", "12", "12", "0"])]
    reading, plan = _plan(_book("TULOSLASKELMAOSA", header, rows))
    (table,) = reading.tables
    assert table.roles == ["OTHER-YEAR", "OTHER-YEAR 2", "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"]
    assert table.confirmed and _recorded(plan)[("Verotulot", "TA")] == 1_000_00
    assert not {900_00, 950_00, 370_00, 385_00, 8_00, 9_00} & set(_recorded(plan).values())


TEXT_BOOK = """Esimerkkilän kunta
Tuloslaskelmaosan toteutuminen (1 000 €)
Budjetti Bu-muutos Budjetti + muutos Toteutuma Poikkeama Käyttö %
Verotulot 20 500 300 20 800 21 050 250 101,2
Valtionosuudet 15 200 0 15 200 15 180 -20 99,9
Korkotuotot 50 0 50 62 12 124,0 %
Korkokulut -400 50 -350 -342 8 97,7
"""


def test_from_text_a_table_in_thousands_with_a_percent_column_is_read_by_its_title_and_arithmetic():
    """Before, a single text table never read its scale (a table in thousands recorded as euros) and a
    percent column left the whole table listed."""
    reading = layout.read_text_layout(TEXT_BOOK.splitlines())
    (table,) = reading.tables
    assert table.roles == ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA", "PCT"] and table.confirmed
    assert table.scale == 1000 and table.part == "tuloslaskelma" and table.expenses_positive is False
    plan = layoutplan.plan_layout(LedgerState(), reading, year=2024, root=ROOT, source="k.txt", digest="3" * 64,
                                  author="testi", now=NOW)
    recorded = _recorded(plan)
    assert recorded[("Verotulot", "TA")] == 20_500_000_00 and recorded[("Korkokulut", "MUUTOS")] == 50_000_00
    assert recorded[("Korkotuotot", "TOTEUMA")] == 62_000_00
    assert {s.status for s in plan.statuses if s.role == "PCT"} == {"checked"}


def test_prose_above_a_table_saying_millions_is_no_scale_of_the_table():
    header = [["Budjetti", "Bu-muutos", "Budjetti + muutos", "Toteutuma", "Poikkeama"]]
    rows = [("Verotulot", ["1 000", "50", "1 050", "1 100", "50"]), ("Valtionosuudet", ["400", "0", "400", "380", "-20"]),
            ("Korkotuotot", ["10", "0", "10", "12", "2"])]
    prose = "Verotuloja kertyi kaikkiaan 1,1 milj. € enemmän kuin talousarviossa arvioitiin, syynä kunnallisveron kasvu."
    (table,) = layout.read_layout(_book(prose, header, rows)).tables
    assert table.scale == 1 and table.confirmed
    lines = [prose] + TEXT_BOOK.splitlines()[2:]
    (table,) = layout.read_text_layout(lines).tables
    assert table.scale == 1


# --- a table in thousands that prints no scale mark: the book tells, or it is listed ----------------------

FIVE = [["TA", "TA-muutokset", "TA muutosten jälkeen", "Toteutuma", "Poikkeama"]]
#: the city's tuloslaskelmaosa in 1 000 € (TA, MUUTOS, TA+MUUTOS, TOTEUMA, POIKKEAMA)
INCOME = [("Toimintatuotot", ["6 200", "100", "6 300", "6 410", "110"]),
          ("Toimintakulut", ["-41 000", "-500", "-41 500", "-41 380", "120"]),
          ("Toimintakate", ["-34 800", "-400", "-35 200", "-34 970", "230"]),
          ("Verotulot", ["20 500", "300", "20 800", "21 050", "250"]),
          ("Valtionosuudet", ["15 200", "0", "15 200", "15 180", "-20"]),
          ("Vuosikate", ["900", "-100", "800", "1 260", "460"])]
#: its rahoitusosa in 1 000 €, Vuosikate the same money as the tuloslaskelmaosa's
FINANCING = [("Vuosikate", ["900", "-100", "800", "1 260", "460"]),
             ("Tulorahoituksen korjauserät", ["-300", "0", "-300", "-250", "50"]),
             ("Pitkäaikaisten lainojen lisäys", ["5 000", "1 000", "6 000", "6 000", "0"]),
             ("Pitkäaikaisten lainojen vähennys", ["-4 000", "0", "-4 000", "-4 100", "-100"])]
#: what the rahoitusosa records, in the ledger's cents, however it prints it
FINANCING_RECORDED = {("Tulorahoituksen korjauserät", "TA"): -300_000_00,
                      ("Tulorahoituksen korjauserät", "TOTEUMA"): -250_000_00,
                      ("Pitkäaikaisten lainojen lisäys", "TA"): 5_000_000_00,
                      ("Pitkäaikaisten lainojen lisäys", "MUUTOS"): 1_000_000_00,
                      ("Pitkäaikaisten lainojen lisäys", "TOTEUMA"): 6_000_000_00,
                      ("Pitkäaikaisten lainojen vähennys", "TA"): -4_000_000_00,
                      ("Pitkäaikaisten lainojen vähennys", "TOTEUMA"): -4_100_000_00}


def _in_euros(rows: list[tuple[str, list[str | None]]]) -> list[tuple[str, list[str | None]]]:
    """The same rows printed to the euro."""
    return [(label, [v if v in (None, "0") else f"{v} 000" for v in values]) for label, values in rows]


def _pages(*pages: list[TextLine]) -> list[TextLine]:
    """Pages one after the other, their lines numbered as the book's text."""
    out = [(page, line.cells) for page, lines in enumerate(pages, 1) for line in lines]
    return [TextLine(page, n, 12.0 * n, cells) for n, (page, cells) in enumerate(out, 1)]


def _plan_book(lines: list[TextLine], book: tuple[str, ...] = ()):
    reading = layout.read_layout(lines, book=book)
    return reading, layoutplan.plan_layout(LedgerState(), reading, year=2024, root=ROOT, source="kunta-tp-2024.pdf",
                                           digest="2" * 64, author="testi", now=NOW)


def _financing(reading: layout.LayoutReading) -> layout.Table:
    return next(t for t in reading.tables if t.part == "rahoitus")


def test_an_unmarked_table_takes_the_scale_at_which_its_rows_agree_with_a_table_whose_scale_is_stated():
    """The rahoitusosa prints no scale; its Vuosikate is the tuloslaskelmaosa's (1 000 €): printed 900 it is in
    thousands (Vuosikate checked against it, nothing listed), printed 900 000 in euros (the tuloslaskelmaosa
    is then a summary of money stated to the euro). Either way the same money is recorded."""
    for rows, scale in ((FINANCING, 1000), (_in_euros(FINANCING), 1)):
        reading, plan = _plan_book(_pages(_book("Tuloslaskelmaosan toteutuminen (1 000 €)", FIVE, INCOME),
                                          _book("RAHOITUSOSA", FIVE, rows)))
        table = _financing(reading)
        assert table.confirmed and table.scale == scale, table.why
        recorded = _recorded(plan)
        assert {k: recorded[k] for k in FINANCING_RECORDED} == FINANCING_RECORDED
        assert all(s.status == "recorded" for s in plan.statuses if s.table == 1 and s.line != table.rows[0].line
                   and s.role in ("TA", "TOTEUMA"))
        if scale == 1000:
            assert {s.status for s in plan.statuses if s.line == table.rows[0].line} == {"checked"}
            assert not any(s.status == "listed" for s in plan.statuses)


def test_a_scale_stated_in_a_note_under_the_table_or_for_the_whole_book_is_the_tables():
    """No row shared with another table: the note `Luvut tuhansina euroina` under the table, or the front
    matter's `Tilinpäätöksen luvut esitetään tuhansina euroina`, says the scale."""
    rows = FINANCING[1:]
    note = [TextLine(1, 0, 0.0, (Cell("Luvut tuhansina euroina.", 10.0, 120.0, 9.0),))]
    for lines, book in ((_pages(_book("RAHOITUSOSA", FIVE, rows) + note), ()),
                        (_pages(_book("RAHOITUSOSA", FIVE, rows)),
                         ("Esimerkin kunta", "Tilinpäätös 2024", "Tilinpäätöksen luvut esitetään tuhansina euroina."))):
        reading, plan = _plan_book(lines, book)
        (table,) = reading.tables
        assert table.confirmed and table.scale == 1000 and "tuhansina euroina" in table.scale_words
        assert {k: _recorded(plan)[k] for k in FINANCING_RECORDED} == FINANCING_RECORDED


def test_a_table_continued_on_the_next_page_keeps_the_scale_of_its_first_part():
    first = _book("Rahoitusosan toteutuminen (1 000 €)", FIVE, FINANCING[1:])
    page_two = [TextLine(2, 0, 0.0, (Cell("143", 300.0, 320.0, 9.0),))]
    lines = _pages(first, page_two + _book(None, FIVE, FINANCING[1:]))
    (one, two) = layout.read_layout(lines).tables
    assert one.scale == two.scale == 1000 and "page 1" in two.scale_words


def test_a_scale_nothing_settles_lists_the_table_instead_of_guessing():
    """Unmarked, its Verotulot and Valtionosuudet read as euros would be a thousandth of the city's
    Toimintakulut the (1 000 €) table states: nothing says which it is, so it is listed whole. A note saying
    thousands where the same rows agree in euros is a contradiction: listed too."""
    marked = _book("Käyttötalous (1 000 €)", FIVE, INCOME[:3])
    unmarked = _book("TULOSLASKELMAOSA", FIVE, INCOME[3:5] + [("Korkotuotot", ["50", "0", "50", "62", "12"])])
    reading, plan = _plan_book(_pages(marked, unmarked))
    table = reading.tables[1]
    assert not table.confirmed and "no scale stated" in table.why
    assert {s.status for s in plan.statuses if s.table == 1} == {"listed"}
    assert not any(line.account == "Verotulot" for e in plan.plan.events for line in getattr(e, "lines", ()))
    note = [TextLine(1, 0, 0.0, (Cell("(1 000 €)", 10.0, 60.0, 9.0),))]
    reading, plan = _plan_book(_pages(_book("TULOSLASKELMAOSA (1 000 €)", FIVE, INCOME),
                                      _book("RAHOITUSOSA", FIVE, _in_euros(FINANCING)) + note))
    table = _financing(reading)
    assert not table.confirmed and "disagree" in table.why
    assert not any(s.status == "recorded" for s in plan.statuses if s.table == 1)


def test_an_unmarked_rahoitusosa_pdf_below_a_table_in_thousands_is_read_in_thousands(tmp_path, english):
    """A hand-made PDF page: the tuloslaskelmaosa under `(1 000 €)`, the rahoitusosa below it with no mark;
    its Vuosikate says it is in thousands too: recorded × 1000, nothing listed."""
    from ledger.books import pdf

    lines = [[("Esimerkkilän kunta, tuloslaskelmaosan toteutuminen (1 000 €)", 40.0, "l")]]
    header = [["Budjetti", "Bu-muutos", "Budjetti +", "Toteutuma", "Poikkeama"], [None, None, "muutos", None, None]]
    for title, rows in (("", INCOME), ("RAHOITUSOSA", FINANCING)):
        lines += [[(title, 40.0, "l")]] if title else []
        lines += [[(w, e, "r") for w, e in zip(words, PDF_EDGES) if w] for words in header]
        lines += [[(label, 40.0, "l")] + [(v, e, "r") for v, e in zip(values, PDF_EDGES)] for label, values in rows]
    book = tmp_path / "esimerkkila-tp-2024.pdf"
    _pdf(book, lines)
    reading, plan = _plan_book(pdf.read_pdf(book).lines)
    table = _financing(reading)
    assert table.confirmed and table.scale == 1000
    assert {k: _recorded(plan)[k] for k in FINANCING_RECORDED} == FINANCING_RECORDED
    assert not any(s.status == "listed" for s in plan.statuses)
    from test_cli import kirjuri

    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    said = " ".join(kirjuri(db, "import", str(book), "--year", "2024").output.split())
    assert "× 1000 (as the same rows of a table whose scale is stated)" in said


def test_from_text_a_book_stating_thousands_in_its_front_matter_reads_an_unmarked_table_so():
    text = ["Esimerkkilän kunta", "Tilinpäätös 2024", "Luvut tuhansina euroina, ellei toisin mainita.", "",
            "Rahoitusosan toteutuminen", "Budjetti Bu-muutos Budjetti + muutos Toteutuma Poikkeama",
            "Pitkäaikaisten lainojen lisäys 5 000 1 000 6 000 6 000 0",
            "Pitkäaikaisten lainojen vähennys -4 000 0 -4 000 -4 100 -100"]
    (table,) = layout.read_text_layout(text).tables
    assert table.confirmed and table.scale == 1000


def test_euros_said_as_the_unit_is_a_known_scale_and_a_larger_one_beside_it_wins():
    assert layout.scale_of(["Määrärahat, €"]) == (1, "€") and layout.scale_of(["Tuloslaskelmaosa euroa"])[0] == 1
    assert layout.scale_of(["Muutos € Muutos %", "Tuloslaskelmaosa (1 000 €)"]) == (1000, "1 000 €")
    assert layout.statement("Verotuloja kertyi 120 miljoonaa euroa enemmän kuin edellisenä vuonna.") is None
    assert layout.statement("Toimintakulut kasvoivat edellisestä vuodesta, kuten alla olevasta taulukosta näkyy sekä euroina että"
                            " prosentteina.") is None  # prose
    assert layout.statement("8.2 Tuloslaskelmaosan toteutuminen (1 000 €)") == (1000, "1 000 €")


def test_a_tables_own_title_in_words_is_no_statement_for_the_whole_book():
    """`Rahan yksikkö: tuhatta euroa` over one table is that table's: an unmarked table elsewhere that shares no
    row with it stays in euros."""
    marked = _book("Rahan yksikkö: tuhatta euroa", FIVE, INCOME[3:5] + [("Korkotuotot", ["50", "0", "50", "62", "12"])])
    other = _book("RAHOITUSOSA", FIVE, _in_euros(FINANCING[1:]))
    lines = _pages(marked, other)
    reading, plan = _plan_book(lines, tuple(line.text for line in lines))
    assert [t.scale for t in reading.tables] == [1000, 1]
    assert {k: _recorded(plan)[k] for k in FINANCING_RECORDED} == FINANCING_RECORDED


# --- a previous year's column whose header prints no year, or only its own -----------------------------------

PREVIOUS = [("Verotulot", ["980", "1 000", "50", "1 050", "1 100", "50"]),
            ("Valtionosuudet", ["390", "400", "0", "400", "380", "-20"]),
            ("Korkotuotot", ["9", "10", "2", "12", "12", "0"])]


def _never_the_previous_year(plan: layoutplan.LayoutPlan) -> None:
    assert not {980_00, 390_00, 9_00} & set(_recorded(plan).values())
    assert all(s.status != "recorded" for s in plan.statuses if s.role.startswith("OTHER-YEAR"))


def test_a_year_on_the_previous_years_column_alone_is_never_this_years_money():
    """`TP 2023` before a budget that prints no year was this year's TOTEUMA (the table split in two at the
    second TOTEUMA, the first part confirmed by its TA arithmetic): the previous year's TP recorded as 2024's."""
    for words in ("TP 2023", "2023", "Tilinpäätös 2023"):
        header = [[words, "TA", "TA-muutokset", "TA+muutokset", "Toteutuma", "Poikkeama"]]
        for year in (None, 2024):
            reading = layout.read_layout(_book("TULOSLASKELMAOSA", header, PREVIOUS), year=year)
            (table,) = reading.tables
            assert table.roles[0] == "OTHER-YEAR" and table.confirmed, (words, year)
            plan = layoutplan.plan_layout(LedgerState(), reading, year=2024, root=ROOT, source="k.pdf",
                                          digest="2" * 64, author="testi", now=NOW)
            _never_the_previous_year(plan)
            assert _recorded(plan)[("Verotulot", "TOTEUMA")] == 1_100_00


def test_a_column_of_the_books_own_year_alone_names_no_role_and_the_table_is_listed():
    header = [["2024", "TA", "TA-muutokset", "TA+muutokset", "Toteutuma", "Poikkeama"]]
    reading = layout.read_layout(_book("TULOSLASKELMAOSA", header, PREVIOUS), year=2024)
    (table,) = reading.tables
    assert table.roles[0] is None and not table.confirmed and reading.cells == []


def test_a_tilinpaatos_before_a_budget_with_no_toteutuma_after_it_is_the_previous_years():
    """`Tilinpäätös | Talousarvio | Muutokset | TA+muutokset` (no year, no Poikkeama to relate it to the budget):
    the outcome printed before the budget is the previous year's; the budget is recorded, the outcome not."""
    header = [["Tilinpäätös", "Talousarvio", "Muutokset", "TA+muutokset"]]
    reading, plan = _plan(_book("TULOSLASKELMAOSA", header, [(label, values[:4]) for label, values in PREVIOUS]))
    (table,) = reading.tables
    assert table.roles == ["OTHER-YEAR", "TA", "MUUTOS", "TA+MUUTOS"] and table.confirmed
    _never_the_previous_year(plan)
    assert _recorded(plan)[("Verotulot", "TA")] == 1_000_00


# --- two years side by side, a binding marker column ----------------------------------------------------------

TWO_YEARS = [["TA", "Muutokset", "TA+muutokset", "Toteutuma", "TA", "Muutokset", "TA+muutokset", "Toteutuma"]]
#: per row: 2023's TA / muutokset / TA+muutokset / toteutuma, then 2024's
TWO_YEARS_ROWS = [("Verotulot", ["900", "20", "920", "950", "1 000", "50", "1 050", "1 100"]),
                  ("Valtionosuudet", ["370", "0", "370", "385", "400", "0", "400", "380"]),
                  ("Korkotuotot", ["8", "1", "9", "9", "10", "2", "12", "12"])]


def _two_years() -> list[TextLine]:
    """The groups' years on a line of their own above the header, each over the middle of its group."""
    lines = _book("TULOSLASKELMAOSA", TWO_YEARS, TWO_YEARS_ROWS)
    years = TextLine(1, 0, 0.0, (Cell("2023", EDGES[1] + 10.0, EDGES[1] + 30.0, 9.0),
                                 Cell("2024", EDGES[5] + 10.0, EDGES[5] + 30.0, 9.0)))
    return [TextLine(1, n, 12.0 * n, line.cells) for n, line in enumerate([lines[0], years, *lines[1:]], 1)]


def test_two_years_side_by_side_record_the_books_year_and_check_the_other_by_its_own_arithmetic():
    """Before, the repeated roles made two tables, both recorded as the year's (2023's TA beside 2024's)."""
    for year, own in ((None, 1), (2024, 1), (2023, 0)):
        reading = layout.read_layout(_two_years(), year=year)
        (table,) = reading.tables
        assert table.confirmed and [layout.kind(r) for r in table.roles[4 * (1 - own):][:4]] == ["OTHER-YEAR"] * 4
        plan = layoutplan.plan_layout(LedgerState(), reading, year=year or 2024, root=ROOT, source="k.pdf",
                                      digest="2" * 64, author="testi", now=NOW)
        recorded, column = _recorded(plan), 4 * own
        for label, values in TWO_YEARS_ROWS:
            assert recorded[(label, "TA")] == layout.cents(values[column])
            assert recorded[(label, "TOTEUMA")] == layout.cents(values[column + 3])
        other = {s.role: s.status for s in plan.statuses if layout.kind(s.role) == "OTHER-YEAR"}
        assert sorted(other.values()) == ["checked"] * 3 + ["listed"]  # its toteutuma: no relation confirms it


def test_a_binding_marker_beside_the_label_or_in_a_column_of_its_own_is_no_figure():
    """`B` / `N` / `ei sitova` between the label and the figures: before, every row was a figure or text on
    no column (the table listed whole); a marker is neither a figure nor a word of the row's name."""
    rows = [("Verotulot", "B", ["1 000", "50", "1 050", "1 100", "50"]),
            ("Valtionosuudet", "N", ["400", "0", "400", "380", "-20"]),
            ("Korkotuotot", "ei sitova", ["10", "2", "12", "12", "0"])]
    for x in (62.0, 95.0):  # after the label, left of the columns; in a column of its own right of their start
        lines = _book("TULOSLASKELMAOSA", FIVE, [(label, values) for label, _m, values in rows])
        lines = lines[:2] + [TextLine(1, line.number, line.y, (line.cells[0], Cell(mark, x, x + 5.0 * len(mark), 9.0),
                                                                *line.cells[1:]))
                             for line, (_l, mark, _v) in zip(lines[2:], rows)]
        reading, plan = _plan(lines)
        (table,) = reading.tables
        assert table.confirmed and [r.label for r in table.rows] == ["Verotulot", "Valtionosuudet", "Korkotuotot"]
        assert not reading.listed and not any(s.status == "listed" for s in plan.statuses)
        assert _recorded(plan)[("Valtionosuudet", "TOTEUMA")] == 380_00
    assert layout.is_marker("B") and layout.is_marker("Ei sitova") and not layout.is_marker("b")


def test_an_unmarked_table_printing_the_sizes_of_the_books_tables_in_thousands_is_listed_not_read_as_euros():
    """No row shared, no statement, no anchor row: the rahoitusosa printing 5 000 and 4 100 beside a table in
    1 000 € printing 6 200 and 41 000 is as likely in thousands; read as euros it would be a thousandth of the
    city's money. Listed. Printed to the euro (5 000 000) it is read as euros and recorded."""
    income = _book("Tuloslaskelmaosan toteutuminen (1 000 €)", FIVE, INCOME)
    reading, plan = _plan_book(_pages(income, _book("RAHOITUSOSA", FIVE, FINANCING[1:])))
    table = _financing(reading)
    assert not table.confirmed and "no scale stated" in table.why
    assert not any(s.status == "recorded" for s in plan.statuses if s.table == 1)
    reading, plan = _plan_book(_pages(income, _book("RAHOITUSOSA", FIVE, _in_euros(FINANCING[1:]))))
    assert _financing(reading).confirmed and _financing(reading).scale == 1
    assert {k: _recorded(plan)[k] for k in FINANCING_RECORDED} == FINANCING_RECORDED


@st.composite
def financing_books(draw):
    """A tuloslaskelmaosa in 1 000 € and a rahoitusosa printing no scale, in thousands or in euros, with or
    without the tuloslaskelmaosa's Vuosikate among its rows and a true note under it; its figures of the size
    a city's financing part prints (1 000 – 60 000 k€). Returns the pages and the ledger cents it states."""
    scale = draw(st.sampled_from([1, 1000]))
    rows, truth = [], {}
    for label, side in (("Pitkäaikaisten lainojen lisäys", 1), ("Pitkäaikaisten lainojen vähennys", -1),
                        ("Antolainasaamisten lisäys", -1)):
        ta, change, used = (draw(st.integers(1_000, 60_000)) for _ in range(3))
        change -= 30_000
        cells = [ta, change, ta + change, used, used - ta - change]
        rows.append((label, [_money(side * v * 1000 // scale) if i < 4 else _money(v * 1000 // scale)
                             for i, v in enumerate(cells)]))
        truth[label] = {"TA": side * ta * 100_000, "MUUTOS": side * change * 100_000, "TOTEUMA": side * used * 100_000}
    if draw(st.booleans()):
        rows.insert(0, ("Vuosikate", [v if scale == 1000 or v == "0" else f"{v} 000" for v in INCOME[-1][1]]))
    note = [TextLine(1, 0, 0.0, (Cell("Luvut tuhansina euroina." if scale == 1000 else "Luvut euroina.", 10.0,
                                      120.0, 9.0),))] if draw(st.booleans()) else []
    return _pages(_book("Tuloslaskelmaosan toteutuminen (1 000 €)", FIVE, INCOME),
                  _book("RAHOITUSOSA", FIVE, rows) + note), truth


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(financing_books())
def test_a_table_printing_no_scale_is_recorded_as_the_book_states_it_or_listed_never_wrong(book):
    lines, truth = book
    reading, plan = _plan_book(lines)
    table = _financing(reading)
    for (account, role), amount in _recorded(plan).items():
        if account in truth:
            assert truth[account][role] == amount, (account, role, table.scale, table.scale_words)
    if not table.confirmed:
        assert {s.status for s in plan.statuses if s.table == 1} == {"listed"}


def test_a_percent_of_change_from_the_previous_year_checks_that_years_figure():
    """`Ed. TP | … | Toteutuma | Muutos %`: where the percent is the change from the previous year's figure to
    the year's TOTEUMA, both are checked (before, both listed); where it is not (12 against 9 is +33,3 %, not
    5,0), both stay listed. The previous year is never recorded."""
    header = [["Ed. TP", "Budjetti", "Bu-muutos", "Budjetti + muutos", "Toteutuma", "Poikkeama", "Muutos %"]]
    rows = [("Verotulot", ["980", "1 000", "50", "1 050", "1 100", "50", "12,2"]),
            ("Valtionosuudet", ["390", "400", "0", "400", "380", "-20", "-2,6"]),
            ("Korkotuotot", ["9", "10", "2", "12", "12", "0", "5,0"])]
    reading, plan = _plan(_book("TULOSLASKELMAOSA", header, rows))
    statuses = _statuses(plan)
    for line, status in ((3, "checked"), (4, "checked"), (5, "listed")):
        assert statuses[(line, "OTHER-YEAR")].status == statuses[(line, "CHANGE-%")].status == status, line
    _never_the_previous_year(plan)
    (table,) = reading.tables
    assert all(c.ok or c.rounding for c in table.checks)


# --- a header that prints a column's year or percent sign apart from its word (`TA2024`, `TP | 2024`, `Tot. | %`) ---


def _placed_header(columns: list[list[tuple[str, float]]], rows: list[tuple[str, list[str | None]]],
                   percent_apart: bool = True) -> list[TextLine]:
    """Header lines (per line, words as (text, x1)) over the EDGES' columns, then rows right-aligned on them
    whose last column's percents print their sign apart, just right of the edge (`124,0 %`)."""
    lines = [[Cell(w, x1 - 4.5 * len(w), x1, 9.0) for w, x1 in words] for words in columns]
    for label, values in rows:
        cells = [Cell(label, 10.0, 60.0, 9.0)] + [Cell(v, e - 5.0 * len(v), e, 9.0) for v, e in zip(values, EDGES) if v]
        if percent_apart:
            cells.append(Cell("%", EDGES[len(values) - 1] + 1.8, EDGES[len(values) - 1] + 9.0, 9.0))
        lines.append(cells)
    return [TextLine(1, n, 12.0 * n, tuple(cells)) for n, cells in enumerate(lines, 1)]


PERCENT_ROWS = [("Verotulot", ["1 000", "50", "1 050", "1 100", "50", "104,8"]),
                ("Valtionosuudet", ["400", "0", "400", "380", "-20", "95,0"]),
                ("Korkotuotot", ["10", "2", "12", "12", "0", "100,0"])]


#: the last column's header: `Tot. %` on one line, or `Käyttö` over `%`
PERCENT_HEADERS = ([[("Tot.", EDGES[5] - 2.0), ("%", EDGES[5] + 10.0)]],
                   [[("Käyttö", EDGES[5])], [("%", EDGES[5] + 9.0)]])


def test_a_percent_sign_just_right_of_its_columns_edge_is_that_columns_header_word():
    """Before, the `%` right of the last edge went to the title and `Tot.` / `Käyttö` alone read as TOTEUMA:
    a percent column taken for money, the table split in two."""
    words = [("TA", EDGES[0]), ("Muutokset", EDGES[1]), ("TA+muutokset", EDGES[2]), ("Toteutuma", EDGES[3]),
             ("Poikkeama", EDGES[4])]
    for last in PERCENT_HEADERS:
        reading, plan = _plan(_placed_header([words + last[0]] + last[1:], PERCENT_ROWS))
        (table,) = reading.tables
        assert table.roles == ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA", "PCT"] and table.confirmed
        assert "%" not in table.title
        assert {s.status for s in plan.statuses if s.role == "PCT"} == {"checked"}
        assert _recorded(plan)[("Verotulot", "TOTEUMA")] == 1_100_00


#: `TA2024` and `TP | 2024`, then `TA | 2024` and `TP2024`
DATED = (([("TA2024", EDGES[1])], [("TP", EDGES[2] - 20.0), ("2024", EDGES[2])]),
         ([("TA", EDGES[1] - 20.0), ("2024", EDGES[1])], [("TP2024", EDGES[2])]))


def test_a_short_role_word_with_its_year_glued_or_apart_starts_a_header_and_names_role_and_year():
    """`TP 2023 | TA2024 | TP 2024 | Tot. %` has one word long enough to begin a role alone: a year beside `TA`
    or `TP` makes it a column's word, so the table is found, its columns named with their years (the earlier
    year's TP another year's) and, with no relation to confirm them, listed as such rather than as figures
    outside every table."""
    rows = [("Hallinto", ["-5 100", "-5 000", "-4 950", "99,0"]), ("Opetus", ["-24 000", "-24 500", "-24 100", "98,4"]),
            ("Tekninen", ["-10 200", "-11 000", "-10 890", "99,0"])]
    for ta, tp in DATED:
        header = [[("Kulut", 40.0), ("TP", EDGES[0] - 20.0), ("2023", EDGES[0])] + ta + tp
                  + [("Tot.", EDGES[3] - 2.0), ("%", EDGES[3] + 10.0)]]
        reading, plan = _plan(_placed_header(header, rows))
        (table,) = reading.tables
        assert table.roles == ["OTHER-YEAR", "TA", "TOTEUMA", "PCT"] and table.title == "Kulut"
        assert [w.replace(" ", "") for w in table.words] == ["TP2023", "TA2024", "TP2024", "Tot.%"]
        assert not _recorded(plan) and {s.status for s in plan.statuses} == {"listed"}


def test_from_text_a_role_word_with_its_year_glued_names_its_column():
    """Before, `TA2024` went to the title and `TP2024` was no column: the table read with three columns."""
    text = ["Esimerkkilän kunta", "Tuloslaskelmaosan toteutuminen (1 000 €)",
            "Tuotot TA2024 TA-muutokset TA+muutokset TP2024 Poikkeama",
            "Verotulot 20 500 300 20 800 21 050 250", "Valtionosuudet 15 200 0 15 200 15 180 -20",
            "Korkotuotot 50 0 50 62 12"]
    reading = layout.read_text_layout(text)
    (table,) = reading.tables
    assert table.roles == ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"] and table.confirmed
    plan = layoutplan.plan_layout(LedgerState(), reading, year=2024, root=ROOT, source="k.txt", digest="3" * 64,
                                  author="testi", now=NOW)
    assert _recorded(plan)[("Valtionosuudet", "TOTEUMA")] == 15_180_000_00


def test_a_percent_whose_sign_prints_apart_stands_on_its_column_by_the_sign():
    """The column aligns its `%` signs: a row set in bold has a wider `%`, its number ends 0.7 pt left of the
    others' (0.08 em, off the column by the numbers' edges). Before, that row was listed as a figure on no
    column; read by the sign's edge it is the column's."""
    words = [("TA", EDGES[0]), ("Muutokset", EDGES[1]), ("TA+muutokset", EDGES[2]), ("Toteutuma", EDGES[3]),
             ("Poikkeama", EDGES[4]), ("Tot.", EDGES[5] - 2.0), ("%", EDGES[5] + 10.0)]
    lines = _placed_header([words], PERCENT_ROWS)
    bold = lines[-1]
    number, sign = bold.cells[-2], bold.cells[-1]
    lines[-1] = TextLine(bold.page, bold.number, bold.y, bold.cells[:-2] + (
        Cell(number.raw, number.x0 - 0.7, number.x1 - 0.7, 9.0), Cell("%", sign.x0 - 0.7, sign.x1, 9.0)))
    reading, plan = _plan(lines)
    (table,) = reading.tables
    assert table.roles == ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA", "PCT"] and table.confirmed
    assert not reading.listed and len(table.rows) == 3
    assert {s.status for s in plan.statuses if s.role == "PCT"} == {"checked"}


def test_a_running_header_year_over_a_column_does_not_take_the_columns_own_year():
    """A page's running header (`Tilinpäätös 2024`) standing over the first column is stacked into its words:
    `Tilinpäätös 2024 TP2022`. The column's year is its own word's, the last printed: before, the larger year
    made the previous year's TP the year's TOTEUMA."""
    header = [[("Tilinpäätös", EDGES[0] - 25.0), ("2024", EDGES[0])],
              [("TP2022", EDGES[0]), ("TA2024", EDGES[1]), ("TA-muutokset", EDGES[2]), ("TA+muutokset", EDGES[3]),
               ("TP2024", EDGES[4]), ("Poikkeama", EDGES[5])]]
    rows = [("Verotulot", ["950", "1 000", "50", "1 050", "1 100", "50"]),
            ("Valtionosuudet", ["385", "400", "0", "400", "380", "-20"]),
            ("Korkotuotot", ["9", "10", "2", "12", "12", "0"])]
    reading, plan = _plan(_placed_header(header, rows, percent_apart=False))
    (table,) = reading.tables
    assert table.roles == ["OTHER-YEAR", "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"] and table.confirmed
    recorded = _recorded(plan)
    assert recorded[("Verotulot", "TOTEUMA")] == 1_100_00 and not {950_00, 385_00, 9_00} & set(recorded.values())
