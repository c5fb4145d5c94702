"""Long-format CSV and XLSX: a ledger exported and imported into an empty one has the
same figures; bad files are refused in one line naming row, field and value, writing
nothing; the same file imported twice records nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import KH, KV, small_city
from hypothesis import given, settings
from hypothesis import strategies as st

from events.accounts import ACCOUNTS
from events.model import AMOUNT_LIMIT, Decision, Line
from ledger.app import Kirjuri
from ledger.books.longformat import (
    COLUMNS,
    LongFormatError,
    LongRow,
    export_long,
    import_long,
    plan,
    read_long,
    write_long,
)
from ledger.fold.projections import figures
from ledger.store.log import Target

D = dt.date
KV_MUUTOS = Decision(body="valtuusto", date=D(2025, 5, 26), section="50")
KV_SIIRTO = Decision(body="valtuusto", date=D(2025, 12, 15), section="120")
HEADER = ";".join(COLUMNS)


def busy(app: Kirjuri) -> Kirjuri:
    """On ``small_city``: every figure kind, cents, a set column written twice, reallocations, a reversal,
    and a carry-over of 2025's unused appropriation to 2026."""
    app.adopt(2025, [
        Line("JL", "MENOT", -683_767_000), Line("JL", "TULOT", 120_415_050),
        Line("KP", "Henkilöstökulut", -10_000_000), Line("KP", "Palvelujen ostot", -5_000_000),
        Line("TY", "MENOT", -200_000_000), Line("TP", "MENOT", -30_000_000),
    ], decision=KV, note="talousarvio 2025")
    app.reallocate(2025, [("KP", "Palvelujen ostot", "KP", "Henkilöstökulut", 500_000),
                          ("TP", "MENOT", "JL", "MENOT", 100_000)], effective=D(2025, 3, 1), decision=KH)
    app.reallocate(2025, [("TP", "MENOT", "TY", "MENOT", 250_050)], effective=D(2025, 4, 1), decision=KV_MUUTOS)
    app.amend(2025, [Line("JL", "MENOT", -1_000_000), Line("TY", "TULOT", 2_000_000)],
              effective=D(2025, 5, 26), decision=KV_MUUTOS)
    for amount in (-9_500_000, -9_700_000):
        app.record("ks", 2025, [Line("KP", "Henkilöstökulut", amount)], decision=KH)
    app.record("tp", 2024, [Line("JL", "MENOT", -600_000_000), Line("TY", "MENOT", -190_000_012)])
    app.record("toteuma", 2025, [Line("JL", "MENOT", -300_000_000)], period=(D(2025, 1, 1), D(2025, 6, 30)))
    app.record("toteuma", 2025, [Line("JL", "MENOT", -150_000_000), Line("TY", "MENOT", -1)],
               period=(D(2025, 7, 1), D(2025, 9, 30)))
    wrong = app.record("tpe", 2025, [Line("JL", "MENOT", -1)], effective=D(2025, 9, 1))
    app.record("tpe", 2025, [Line("JL", "MENOT", -600_000_000)], effective=D(2025, 9, 2), note="=syksyn ennuste")
    app.reverse(wrong.event.id, reason="väärä rivi")
    app.record("ts", 2026, [Line("JL", "MENOT", -700_000_000)], decision=KV, effective=D(2025, 11, 1))
    app.carry(2025, 2026, [Line("JL", "MENOT", -10_000_000), Line("TY", "MENOT", -5_000_050)], decision=KV_SIIRTO)
    return app


def every_figure(app: Kirjuri) -> dict:
    """Each unit's own cells and each year's rollup to the city, derived lines included."""
    state = app.state
    own = {(year, unit): state.own_figures(year, unit) for year in state.years() for unit in state.units}
    rolled = {year: figures(state, year, "KJ").amounts for year in state.years()}
    return {"own": {k: v for k, v in own.items() if v}, "rolled": rolled}


def empty_ledger(tmp_path: Path, clock, name: str = "copy.sqlite") -> Kirjuri:
    return Kirjuri(Target(sqlite_path=tmp_path / name), create=True, author="tuoja", clock=clock)


def unchanged(app: Kirjuri, call) -> LongFormatError:
    """``call`` is refused and the ledger, in memory and in the store, is as it was."""
    seq, head, stored = app.state.seq, app.state.head, app.eventlog.head_seq()
    with pytest.raises(LongFormatError) as info:
        call()
    assert (app.state.seq, app.state.head, app.eventlog.head_seq()) == (seq, head, stored)
    assert "\n" not in str(info.value)
    return info.value


def csv_file(tmp_path: Path, *lines: str, header: str = HEADER) -> Path:
    path = tmp_path / "in.csv"
    path.write_text("\n".join((header, *lines)) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def city(sqlite_target, clock) -> Kirjuri:
    app = small_city(Kirjuri(sqlite_target, create=True, author="testi", clock=clock))
    yield app
    app.close()


# --- round trip -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_gives_identical_figures(ledger, tmp_path, clock, fmt):
    source = busy(small_city(ledger))
    path = tmp_path / f"budget.{fmt}"
    written = export_long(source.state, source.records, path)
    assert written == 25
    copy = empty_ledger(tmp_path, clock)
    try:
        done = import_long(copy, path)
        assert not done.problems and len(done.units) == 8
        assert every_figure(copy) == every_figure(source)
        assert copy.state.name("KP") == "Kehittämisprojektit" and copy.state.units["TY"].level == "yksikkö"
        assert copy.state.own_figures(2025, "KP")[("Henkilöstökulut", "KS")] == -9_700_000
        assert copy.state.own_figures(2025, "TY")[("MENOT", "SIIRTO")] == -5_000_050
        assert copy.state.own_figures(2026, "TY")[("MENOT", "MUUTOS")] == -5_000_050
    finally:
        copy.close()


def test_export_leaves_out_reversed_events_and_writes_reallocations_as_pairs(city, tmp_path):
    busy(city)
    path = tmp_path / "out.csv"
    export_long(city.state, city.records, path)
    rows = read_long(path).rows
    assert [r.amount for r in rows if r.column == "TPE"] == [-600_000_000]
    kh = [(r.unit, r.account, r.amount) for r in rows if r.decision == KH and r.column == "MUUTOS"]
    assert kh == [("KP", "Palvelujen ostot", 500_000), ("KP", "Henkilöstökulut", -500_000),
                  ("TP", "MENOT", 100_000), ("JL", "MENOT", -100_000)]
    assert path.read_text(encoding="utf-8-sig").splitlines()[0] == HEADER
    assert "-6\u00a0837\u00a0670,00" in path.read_text(encoding="utf-8-sig")


def test_second_import_of_the_same_file_records_nothing(city, tmp_path, clock):
    busy(city)
    path = tmp_path / "budget.csv"
    export_long(city.state, city.records, path)
    copy = empty_ledger(tmp_path, clock)
    try:
        first = import_long(copy, path)
        seq = copy.state.seq
        again = import_long(copy, path)
        assert first.events and not again.writes and not again.problems
        assert again.imported == list(range(2, 27))
        assert copy.state.seq == seq
    finally:
        copy.close()


def test_a_set_column_written_twice_keeps_the_last_row(city, tmp_path):
    path = csv_file(tmp_path,
                    "2025;KS;KP;;;;MENOT;-100;KH 3.2.2025 § 12;;;;",
                    "2025;KS;KP;;;;MENOT;-200;KH 3.2.2025 § 12;;;;")
    done = import_long(city, path)
    assert len(done.events) == 2
    assert city.state.own_figures(2025, "KP") == {("MENOT", "KS"): -20_000}


def test_rows_of_one_key_share_an_event_in_row_order(city, tmp_path):
    path = csv_file(tmp_path,
                    "2025;TA;JL;;;;MENOT;-100;KV 9.12.2024 § 80;;;;",
                    "2025;TS;JL;;;;MENOT;-5;KV 9.12.2024 § 80;;;;",
                    "2025;ta;KP;;;;MENOT;-300;KV 9.12.2024 § 80;;;;")
    done = plan(city.state, read_long(path))
    assert [(type(e).__name__, [line.unit for line in e.lines]) for e in done.events] == [
        ("TaAdopted", ["JL", "KP"]), ("TsSet", ["JL"])]


def test_a_carry_over_is_exported_as_siirto_rows_of_the_year_it_carries_from(city, tmp_path):
    busy(city)
    path = tmp_path / "out.csv"
    export_long(city.state, city.records, path)
    carried = [(r.year, r.unit, r.account, r.amount, r.decision, r.effective) for r in read_long(path).rows
               if r.column == "SIIRTO"]
    assert carried == [(2025, "JL", "MENOT", -10_000_000, KV_SIIRTO, D(2026, 1, 1)),
                       (2025, "TY", "MENOT", -5_000_050, KV_SIIRTO, D(2026, 1, 1))]


def test_siirto_rows_by_hand_carry_to_the_next_year_dated_as_kirjuri_carry_would(city, tmp_path):
    path = csv_file(tmp_path,
                    "2025;TA;JL;;;;MENOT;-1 000;KV 9.12.2024 § 80;;;;",
                    "2025;siirto;JL;;;;MENOT;-400;KV 15.12.2025 § 120;;;;",
                    "2025;SIIRTO;JL;;;;MENOT;-100;KV 2.2.2026 § 7;;;;")
    done = import_long(city, path)
    assert [(type(e).__name__, e.effective) for e in done.events] == [
        ("TaAdopted", D(2025, 1, 1)), ("AppropriationCarried", D(2026, 1, 1)), ("AppropriationCarried", D(2026, 2, 2))]
    assert city.state.own_figures(2025, "JL")[("MENOT", "SIIRTO")] == -50_000
    assert city.state.own_figures(2026, "JL") == {("MENOT", "MUUTOS"): -50_000}


def test_a_siirto_past_the_unused_appropriation_is_refused_by_its_row(city, tmp_path):
    path = csv_file(tmp_path,
                    "2025;TA;JL;;;;MENOT;-1 000;KV 9.12.2024 § 80;;;;",
                    "2025;SIIRTO;JL;;;;MENOT;-1 000,01;KV 15.12.2025 § 120;;;;")
    error = unchanged(city, lambda: import_long(city, path))
    assert str(error).startswith("row 3: amount: '-1 000,01'"), str(error)


# --- units ------------------------------------------------------------------------------------


def test_unit_path_registers_missing_units_with_inferred_levels(tmp_path, clock):
    app = empty_ledger(tmp_path, clock)
    try:
        path = csv_file(tmp_path,
                        "2025;TA;ICT;KEMIJARVI/HALL/ICT;Tietohallinto;;MENOT;-1 000;KV 9.12.2024 § 80;;;;",
                        "2025;TA;HALL;;Hallinto;;TULOT;5;KV 9.12.2024 § 80;;;;",
                        "2025;TA;KONE;KEMIJARVI/HALL/KONE;Konesali;yksikkö;MENOT;-2;KV 9.12.2024 § 80;;;;")
        done = import_long(app, path)
        assert [(u.code, u.name, u.level, u.parent) for u in done.units] == [
            ("KEMIJARVI", "KEMIJARVI", "kaupunki", None), ("HALL", "Hallinto", "toimiala", "KEMIJARVI"),
            ("ICT", "Tietohallinto", "vastuualue", "HALL"), ("KONE", "Konesali", "yksikkö", "HALL")]
        assert figures(app.state, 2025, "KEMIJARVI").get("NETTOMENO", "TA") == -100_200 + 500
    finally:
        app.close()


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(("line", "message"), [
    ("2025;TA;JL;;;;MENOT;12,3,4;KV 9.12.2024 § 80;;;;", "row 3: amount: '12,3,4' is not an amount"),
    ("2025;BUDJETTI;JL;;;;MENOT;1;KV 9.12.2024 § 80;;;;", "row 3: column: 'BUDJETTI' is not one of TA, MUUTOS"),
    ("2025;TA;ZZ;;;;MENOT;-1;KV 9.12.2024 § 80;;;;", "row 3: unit: 'ZZ' is not in the ledger"),
    ("2025;TA;JL;;;;MENOT;-1;KV 9.12.2024 § 80;1.1.2030;;;",
     "row 3: effective: '1.1.2030' is outside the window for TaAdopted 2025 (1.1.2024–31.12.2025)"),
    ("2025;TA;JL;;;;Kahvi;-1;KV 9.12.2024 § 80;;;;", "row 3: account: 'Kahvi' is not an account"),
    ("2025;TA;JL;;;;MENOT;-1;KH 3.2.2025 § 12;;;;", "row 3: decision.body: 'hallitus' may not adopt"),
    ("2025;TA;JL;;;;MENOT;-1;eilen;;;;", "row 3: decision: 'eilen' is not a decision"),
    ("2025;TA;JL;;;;MENOT;-1;;;;;", "row 3: decision: '' is missing"),
    ("2025;MUUTOS;JL;;;;MENOT;-1;KV 26.5.2025 § 50;;;;", "row 3: effective: '' is missing"),
    ("2025;TOTEUMA;JL;;;;MENOT;-1;;;1.1.2025;;", "row 3: period_end: '' is missing"),
    ("2025;TP;JL;;;;MENOT;-1;;;1.1.2025;;", "row 3: period_start: '1.1.2025' is only for TOTEUMA rows"),
    ("2025;TOTEUMA;JL;;;;MENOT;-1;;;1.1.2026;31.1.2026;", "row 3: period_start: '1.1.2026' is outside the fiscal year"),
    ("20x5;TA;JL;;;;MENOT;-1;KV 9.12.2024 § 80;;;;", "row 3: year: '20x5' is not a year"),
    ("2025;TA;JL;KJ/XX;;;MENOT;-1;KV 9.12.2024 § 80;;;;", "row 3: unit_path: 'KJ/XX' does not end in"),
    ("2025;MUUTOS;JL;;;;MENOT;-1;KH 3.2.2025 § 12;1.3.2025;;;", "row 3: amount: '-1,00' has no counterpart"),
])
def test_bad_row_is_named_and_nothing_is_written(city, tmp_path, line, message):
    path = csv_file(tmp_path, "2025;TA;KP;;;;MENOT;-5;KV 9.12.2024 § 80;;;;", line)
    error = unchanged(city, lambda: import_long(city, path))
    assert str(error).startswith(message), str(error)


def test_every_bad_row_is_reported_not_just_the_first(city, tmp_path):
    path = csv_file(tmp_path, "2025;TA;JL;;;;MENOT;x;;;;;", "2025;TA;JL;;;;MENOT;1;;;;;", "2025;XX;JL;;;;MENOT;1;;;;;")
    long_file = read_long(path)
    assert [e.split(":")[0] for e in long_file.errors] == ["row 2", "row 4"]
    assert str(unchanged(city, lambda: import_long(city, path))).endswith("(and 1 more)")


def test_a_rule_failure_in_a_later_event_writes_nothing_at_all(city, tmp_path):
    path = csv_file(tmp_path,
                    "2025;TA;NEW;KJ/HP/NEW;Uusi;;MENOT;-5;KV 9.12.2024 § 80;;;;",
                    "2025;TP;JL;;;;MENOT;-1;;1.6.2025;;;")
    error = unchanged(city, lambda: import_long(city, path))
    assert str(error).startswith("row 3: effective: '1.6.2025' is outside the window for TpRecorded 2025")
    assert "NEW" not in city.state.units


@pytest.mark.parametrize(("header", "message"), [
    ("year;column;unit;account", "row 1: header: lacks amount"),
    (HEADER + ";budjetti", "row 1: header: 'budjetti' is not a column"),
])
def test_bad_header_is_refused(city, tmp_path, header, message):
    path = csv_file(tmp_path, "2025;TA;JL;;;;MENOT;-5;KV 9.12.2024 § 80;;;;", header=header)
    assert str(unchanged(city, lambda: import_long(city, path))).startswith(message)


# --- formats ----------------------------------------------------------------------------------


def test_semicolon_and_comma_csv_read_the_same(tmp_path):
    semicolon = csv_file(tmp_path, "2025;TA;JL;KJ/JL;Joukkoliikenne;;MENOT;-1 204 150,50;KV 9.12.2024 § 80;;;;a, b")
    comma = tmp_path / "comma.csv"
    comma.write_text("\ufeff" + ",".join(COLUMNS) + "\r\n"
                     '2025,ta,JL,KJ/JL,Joukkoliikenne,,MENOT,"-1 204 150,50",KV 9.12.2024 § 80,,,,"a, b"\r\n',
                     encoding="utf-8")
    rows = [read_long(p).rows for p in (semicolon, comma)]
    assert rows[0] == rows[1]
    assert rows[0][0].amount == -120_415_050 and rows[0][0].note == "a, b" and rows[0][0].path == ("KJ", "JL")


def test_an_unquoted_decimal_comma_is_not_split_silently(tmp_path):
    path = tmp_path / "comma.csv"
    path.write_text("year,column,unit,account,amount\n2025,TA,JL,MENOT,-1 204 150,50\n", encoding="utf-8")
    assert read_long(path).errors == [
        "row 2: cells: '50' is past the 5 columns of the header (an unquoted ',' in an amount?)"]


def test_xlsx_numeric_cells_are_exact_euros(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "kirjuri"
    sheet.append(["Year", "Column", "Unit", "Account", "Amount", "Effective", "Decision"])
    for amount in (1204150.5, -6837670, 0.1, Decimal("-0.07"), 12.345, "1 204 150,50"):
        sheet.append([2025, "TA", "JL", "MENOT", amount, dt.datetime(2025, 1, 1), "KV 9.12.2024 § 80"])
    path = tmp_path / "numbers.xlsx"
    book.save(path)
    long_file = read_long(path)
    assert [r.amount for r in long_file.rows] == [120_415_050, -683_767_000, 10, -7, 120_415_050]
    assert long_file.rows[0].effective == D(2025, 1, 1)
    assert long_file.errors == ["row 6: amount: 12.345 is not an amount in euros and cents"]


def test_xlsx_export_writes_numbers_dates_and_text_never_formulas(city, tmp_path):
    busy(city)
    path = tmp_path / "out.xlsx"
    export_long(city.state, city.records, path)
    sheet = openpyxl.load_workbook(path)["kirjuri"]
    first = [cell.value for cell in sheet[2]]
    assert first[:8] == [2025, "TA", "JL", "KJ/HP/HP-YH/JL", "Joukkoliikenne", "yksikkö", "MENOT", -6837670]
    assert first[9] == dt.datetime(2025, 1, 1) and first[8] == "KV 9.12.2024 § 80"
    notes = [row[12].value for row in sheet.iter_rows(min_row=2)]
    assert "=syksyn ennuste" in notes


def test_not_a_workbook_is_refused(city, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert str(unchanged(city, lambda: import_long(city, path))).startswith("row 1: the file is not an XLSX workbook")


def test_file_that_is_not_utf8_names_its_row(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "\n2025;TA;Mäki;;;;MENOT;1;;;;;\n").encode("latin-1"))
    assert read_long(path).errors[0].startswith("row 2: the file is not UTF-8")


# --- property ---------------------------------------------------------------------------------

#: any text a long table can carry as a code: no control characters, bidi overrides or isolates (refused on reading)
CODES = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"),
                              exclude_characters="/\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"),
                min_size=1, max_size=12).filter(lambda s: s == s.strip())
LINES = st.lists(st.tuples(CODES, st.sampled_from(ACCOUNTS), st.integers(-AMOUNT_LIMIT, AMOUNT_LIMIT)), max_size=20)


@settings(max_examples=150, deadline=None)
@given(lines=LINES, fmt=st.sampled_from(["csv", "xlsx"]),
       column=st.sampled_from(["TA", "MUUTOS", "KS", "TP", "TPE", "TS", "SIIRTO"]))
def test_lines_written_and_read_back_are_the_same(lines, fmt, column):
    rows = [LongRow(row=0, year=2025, column=column, unit=u, account=a, amount=c, path=(u,), effective=D(2025, 1, 1))
            for u, a, c in lines]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"lines.{fmt}"
        write_long(rows, path)
        long_file = read_long(path)
    assert not long_file.errors
    assert [(r.column, r.unit, r.account, r.amount) for r in long_file.rows] == [(column, *line) for line in lines]


# --- scale and sign, and one source whatever its format ------------------------------------------


def test_scale_and_sign_columns_turn_a_systems_amounts_into_the_ledgers_cents(tmp_path):
    path = csv_file(tmp_path,
                    "2025;TA;JL;;;;MENOT;1 204,15;KV 9.12.2024 § 80;;;;;1000;negate",
                    "2025;TA;TY;;;;TULOT;12,345;KV 9.12.2024 § 80;;;;;1 000;",
                    "2025;TA;KP;;;;MENOT;-5,5;KV 9.12.2024 § 80;;;;;;as-is",
                    header=HEADER + ";scale;sign")
    long_file = read_long(path)
    assert not long_file.errors
    assert [row.amount for row in long_file.rows] == [-120_415_000, 1_234_500, -550]


@pytest.mark.parametrize(("cells", "message"), [
    ("-1;", "row 2: scale: '-1' is not a positive number"),
    ("tuhat;", "row 2: scale: 'tuhat' is not a positive number"),
    ("1;minus", "row 2: sign: 'minus' is not a sign convention"),
    ("0,5;", "row 2: amount: '0,01' is not an amount in euros and cents"),
])
def test_a_bad_scale_or_sign_is_named_by_its_row(tmp_path, cells, message):
    path = csv_file(tmp_path, f"2025;TA;JL;;;;MENOT;0,01;KV 9.12.2024 § 80;;;;;{cells}", header=HEADER + ";scale;sign")
    assert read_long(path).errors[0].startswith(message), read_long(path).errors


def test_the_same_rows_as_xlsx_after_csv_record_nothing_and_are_not_refused(city, tmp_path, clock):
    busy(city)
    paths = [tmp_path / "budget.csv", tmp_path / "budget.xlsx"]
    for path in paths:
        export_long(city.state, city.records, path)
    copy = empty_ledger(tmp_path, clock)
    try:
        assert import_long(copy, paths[0]).events
        seq = copy.state.seq
        again = import_long(copy, paths[1])
        assert not again.writes and not again.problems and again.imported == list(range(2, 27))
        assert copy.state.seq == seq
    finally:
        copy.close()
