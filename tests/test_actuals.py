"""Actuals from the accounting system (`kirjuri import FILE --mapping MAP.toml`): every row mapped to
exactly one (unit, account) or listed with its row number, sums kept; each month recorded once,
whatever file (CSV, XLSX, a later export) brings the same figures again; a damaged mapping or file
refused in one line naming the field and the value, nothing written.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cli import kirjuri

from ledger.books.actuals import events_of, load_mapping, map_rows, mapping_of, read_actuals
from ledger.build import Origin
from ledger.domain.rules import Rejected

EXAMPLES = Path(__file__).parents[1] / "examples"
EXPORT = EXAMPLES / "actuals" / "kemijarvi-2026-q1.csv"
MAPPING = EXAMPLES / "actuals" / "kemijarvi-mapping.toml"
HEADER = "Kustannuspaikka;Kustannuspaikan nimi;Tili;Tilin nimi;Kausi;Summa"


def _mapping(**changes) -> dict:
    doc = tomllib.loads(MAPPING.read_text(encoding="utf-8"))
    return doc | changes


@pytest.fixture
def ledger(tmp_path) -> str:
    """The Kemijärvi example in a fresh SQLite file."""
    db = str(tmp_path / "k.sqlite")
    assert kirjuri(db, "restore", str(EXAMPLES / "kemijarvi.json")).exit_code == 0
    return db


def _head(db: str) -> str:
    return kirjuri(db, "head").stdout.strip()


def _csv(tmp_path: Path, rows: list[str], name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text("\r\n".join([HEADER, *rows]) + "\r\n", encoding="utf-8")
    return path


def _as_xlsx(csv_path: Path, xlsx_path: Path) -> Path:
    """The same rows as a ledger system's XLSX: numbers as number cells, periods as text."""
    book = openpyxl.Workbook()
    sheet = book.active
    for i, line in enumerate(csv_path.read_text(encoding="utf-8").splitlines()):
        cells = line.split(";")
        if i:
            cells = [int(cells[0]), cells[1], int(cells[2]), cells[3], cells[4], Decimal(cells[5].replace(",", "."))]
        sheet.append(cells)
    book.save(xlsx_path)
    return xlsx_path


# --- the mapping's rules -----------------------------------------------------------------------


def test_an_exact_number_wins_over_the_range_it_sits_in_and_prefixes_and_ranges_cover_the_rest():
    mapping = mapping_of(_mapping(accounts=[
        {"range": "4000-4999", "line": "Palvelujen ostot"},
        {"numbers": ["4000", 4010], "line": "Henkilöstökulut"},
        {"prefix": "31", "line": "Myyntituotot"},
    ]))
    assert mapping.account("4000") == mapping.account("4010") == "Henkilöstökulut"
    assert mapping.account("4011") == "Palvelujen ostot"
    assert mapping.account("3105") == mapping.account("31") == "Myyntituotot"
    assert mapping.account("3200") is None and mapping.account("40a0") is None


@pytest.mark.parametrize(("accounts", "says"), [
    ([{"range": "4000-4999", "line": "MENOT"}, {"prefix": "45", "line": "TULOT"}],
     "accounts[2]: 'TULOT' overlaps accounts[1] (MENOT)"),
    ([{"range": "4000-4499", "line": "MENOT"}, {"range": "4400-4999", "line": "TULOT"}],
     "accounts[2]: 'TULOT' overlaps accounts[1] (MENOT)"),
    ([{"prefix": "4", "line": "MENOT"}, {"prefix": "41", "line": "TULOT"}],
     "accounts[2]: 'TULOT' overlaps accounts[1] (MENOT)"),
    ([{"number": "4100", "line": "MENOT"}, {"numbers": ["4100"], "line": "TULOT"}],
     "accounts[2].numbers: '4100' overlaps accounts[1] (MENOT)"),
    ([{"range": "4000-4999", "line": "MENOT"}, {"number": "4100", "line": "Henkilöstökulut"}],
     "accounts[2].line: 'Henkilöstökulut' rolls up into accounts[1] (MENOT)"),
    ([{"range": "4999-4000", "line": "MENOT"}], "accounts[1].range: '4999-4000' is not a range"),
    ([{"range": "4000-4999", "prefix": "4", "line": "MENOT"}], "accounts[1]: 'range, prefix' is not a rule"),
    ([{"range": "4000-4999", "line": "MENOOT"}], "accounts[1].line: 'MENOOT' is not one of MENOT"),
    ([{"range": "4000-4999", "line": "MENOT", "tili": 1}], "accounts[1].tili: 'tili' is not a key"),
])
def test_a_mapping_that_would_place_a_number_twice_or_nowhere_sane_is_refused(accounts, says):
    with pytest.raises(Rejected) as refused:
        mapping_of(_mapping(accounts=accounts))
    assert str(refused.value).startswith(says), str(refused.value)


def test_disjoint_prefixes_and_ranges_of_one_target_may_overlap():
    mapping = mapping_of(_mapping(accounts=[{"range": "4000-4999", "line": "MENOT"}, {"prefix": "45", "line": "MENOT"}]))
    assert mapping.account("4550") == "MENOT"


UNITS = ("KAUPUNGINHALLITUS", "HALLINTOPALVELUT", "JOUKKOLIIKENNE", "NOWHERE")
LINES = ("MENOT", "TULOT")


@st.composite
def _rules(draw, target: str, choices: tuple[str, ...], low: int, high: int) -> list[dict]:
    """Disjoint ranges over [low, high], exact numbers anywhere (they may sit in a range), and prefixes
    above ``high`` of which none starts another."""
    cuts = sorted(draw(st.sets(st.integers(low + 1, high), max_size=4)))
    bounds = [low, *cuts, high + 1]
    rules = [{"range": f"{a}-{b - 1}", target: draw(st.sampled_from(choices))}
             for a, b in zip(bounds, bounds[1:]) if draw(st.booleans())]
    for number in draw(st.sets(st.integers(low - 100, high + 100), max_size=4)):
        rules.append({"number": str(number), target: draw(st.sampled_from(choices))})
    for prefix in sorted(draw(st.sets(st.integers(high // 100 + 1, high // 100 + 9).map(str), max_size=2))):
        rules.append({"prefix": prefix, target: draw(st.sampled_from(choices))})
    return rules or [{"number": str(low), target: choices[0]}]


def _oracle(rules: list[dict], key: str, target: str) -> set[str]:
    """Where a number goes, straight from the rules: the exact rules' targets, else the covering ones'."""
    exact = {r[target] for r in rules if r.get("number") == key}
    if exact:
        return exact
    covering = set()
    for r in rules:
        if "range" in r:
            a, b = map(int, r["range"].split("-"))
            if key.isdigit() and a <= int(key) <= b:
                covering.add(r[target])
        elif "prefix" in r and key.startswith(r["prefix"]):
            covering.add(r[target])
    return covering


_ROW = st.tuples(st.integers(900, 2300), st.integers(2900, 5100), st.integers(1, 3),
                 st.integers(-10_000_000, 10_000_000))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(accounts=_rules("line", LINES, 3000, 4999), centres=_rules("unit", UNITS, 1000, 2199),
       rows=st.lists(_ROW, max_size=30), negate=st.booleans())
def test_every_row_is_mapped_to_exactly_one_cell_or_listed_and_no_money_is_lost(tmp_path, accounts, centres, rows,
                                                                                negate):
    mapping = mapping_of(_mapping(accounts=accounts, cost_centres=centres, sign="negate" if negate else "as-is"))
    lines = [f"{c};x;{a};y;2026/{m:02d};{cents // 100 if cents >= 0 else '-' + str(-cents // 100)},{abs(cents) % 100:02d}"
             for c, a, m, cents in rows]
    read = read_actuals(_csv(tmp_path, lines), mapping)
    assert [r.row for r in read.rows] == list(range(2, len(rows) + 2))
    sums, listed = map_rows(read.rows, UNITS[:-1])
    sign = -1 if negate else 1
    for row, (c, a, _m, cents) in zip(read.rows, rows):
        assert row.amount == sign * cents
        lines_to, units_to = _oracle(accounts, str(a), "line"), _oracle(centres, str(c), "unit")
        placed = len(lines_to) == 1 and len(units_to) == 1 and units_to <= set(UNITS[:-1])
        assert (row in listed or any(r.row == row.row for r in listed)) != placed
        if placed:
            assert (row.unit, row.account) == (units_to.pop(), lines_to.pop())
    origin = Origin("t", lambda: dt.datetime.now(dt.UTC), lambda: "unused")
    recorded = sum(line.amount for e in events_of(sums, origin) for line in e.lines)
    assert recorded + sum(r.amount for r in listed) == sign * sum(cents for *_x, cents in rows)


# --- recording each month once --------------------------------------------------------------


def test_the_example_previews_per_unit_and_month_lists_what_it_cannot_map_and_records(ledger):
    before = _head(ledger)
    preview = kirjuri(ledger, "--lang", "en", "import", str(EXPORT), "--mapping", str(MAPPING))
    assert preview.exit_code == 0, preview.output
    text = preview.output.replace("\xa0", " ")
    assert "64 rows, 61 mapped" in text and "01/2026" in text and "03/2026" in text
    assert "JOUKKOLIIKENNE" in text and "-47 867,21" in text
    assert text.count("Kustannuspaikka: '9100' matches no rule of the mapping's cost centres") == 3
    assert "row 24: " in text and "to record: 3 months; 0 months already" in text
    assert _head(ledger) == before
    applied = kirjuri(ledger, "import", str(EXPORT), "--mapping", str(MAPPING), "--apply")
    assert applied.exit_code == 0 and "kirjattu 3 tapahtumaa" in applied.output
    shown = kirjuri(ledger, "show", "JOUKKOLIIKENNE", "--year", "2026").output.replace("\xa0", " ")
    assert "-163 804" in shown and "Toteuma" in shown


def test_the_same_rows_as_xlsx_after_csv_record_nothing_and_are_not_refused(ledger, tmp_path, english):
    assert kirjuri(ledger, "import", str(EXPORT), "--mapping", str(MAPPING), "--apply").exit_code == 0
    after_csv = _head(ledger)
    workbook = _as_xlsx(EXPORT, tmp_path / "export.xlsx")
    again = kirjuri(ledger, "import", str(workbook), "--mapping", str(MAPPING), "--apply")
    assert again.exit_code == 0, again.output
    assert "to record: 0 months; 3 months already in the ledger" in again.output
    assert _head(ledger) == after_csv


def test_a_later_export_records_only_its_new_month_and_a_changed_month_is_refused(ledger, tmp_path, english):
    assert kirjuri(ledger, "import", str(EXPORT), "--mapping", str(MAPPING), "--apply").exit_code == 0
    rows = EXPORT.read_text(encoding="utf-8").splitlines()[1:]
    april = _csv(tmp_path, [*rows, "2140;Joukkoliikenne;4400;Aineet;2026/04;1 200,50"], "q1-april.csv")
    later = kirjuri(ledger, "import", str(april), "--mapping", str(MAPPING), "--apply")
    assert later.exit_code == 0 and "to record: 1 month; 3 months already" in later.output
    held = _head(ledger)
    changed = _csv(tmp_path, [rows[0].replace("-8508,76", "-8508,77")], "fixed.csv")
    refused = kirjuri(ledger, "import", str(changed), "--mapping", str(MAPPING), "--apply")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("kirjuri: period 1.1.2026–31.1.2026: Period from: '1.1.2026' overlaps toteuma "
                                     "1.1.2026–31.1.2026 already recorded for KAUPUNGINHALLITUS TULOT")
    assert _head(ledger) == held


def test_a_file_none_of_whose_rows_map_exits_1_with_the_list(ledger, tmp_path, english):
    export = _csv(tmp_path, ["9100;x;4400;y;2026/01;10,00", "1100;x;8000;y;2026/01;10,00"])
    result = kirjuri(ledger, "import", str(export), "--mapping", str(MAPPING), "--apply")
    assert result.exit_code == 1
    assert "row 2: Kustannuspaikka: '9100' matches no rule" in result.stdout
    assert "row 3: Tili: '8000' matches no rule of the mapping's accounts" in result.stdout
    assert result.stderr.strip().endswith("maps none of its 2 rows: nothing to record (the rows and why are listed above)")


def test_scale_multiplies_exactly_and_a_month_number_takes_the_mappings_year(tmp_path):
    path = tmp_path / "m.toml"
    text = MAPPING.read_text(encoding="utf-8").replace("scale = 1", "scale = 1000\nyear = 2026")
    path.write_text(text, encoding="utf-8")
    read = read_actuals(_csv(tmp_path, ["1100;x;4400;y;2;12,345", "1100;x;3100;y;12;-0,01"]), load_mapping(path))
    assert [(r.period, r.amount) for r in read.rows] == [
        ((dt.date(2026, 2, 1), dt.date(2026, 2, 28)), -1_234_500), ((dt.date(2026, 12, 1), dt.date(2026, 12, 31)), 1_000)]


# --- hostile input ------------------------------------------------------------------------------


def _refused(ledger: str, tmp_path: Path, export: Path, mapping_text: str | None = None) -> str:
    mapping = MAPPING
    if mapping_text is not None:
        mapping = tmp_path / "bad.toml"
        mapping.write_text(mapping_text, encoding="utf-8")
    before = _head(ledger)
    result = kirjuri(ledger, "import", str(export), "--mapping", str(mapping), "--apply")
    assert result.exit_code == 1, result.output
    assert _head(ledger) == before
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


@pytest.mark.parametrize(("mapping_text", "says"), [
    ("[columns\naccount = 'Tili'", "kirjuri: mapping: "),
    (MAPPING.read_text(encoding="utf-8").replace("sign = ", "sigh = "), "kirjuri: sigh: 'sigh' is not a key"),
    (MAPPING.read_text(encoding="utf-8").replace('sign = "negate"', 'sign = "minus"'), "kirjuri: sign: 'minus' is not a sign"),
    (MAPPING.read_text(encoding="utf-8").replace("scale = 1", "scale = -1000"), "kirjuri: scale: -1000 is not a positive"),
    (MAPPING.read_text(encoding="utf-8").replace('range = "2140-2149"', 'range = "2100-2149"'),
     "kirjuri: cost_centres[5]: 'JOUKKOLIIKENNE' overlaps cost_centres[4] (ELINKEINOPALVELUT)"),
    (MAPPING.read_text(encoding="utf-8").replace('amount = "Summa"', 'amount = "Määrä"'),
     "kirjuri: columns.amount: 'Määrä' is not a column of the file (its columns: Kustannuspaikka, "),
    (MAPPING.read_text(encoding="utf-8").replace('amount = "Summa"', ''), "kirjuri: columns.amount: '' is missing"),
], ids=["toml", "key", "sign", "scale", "overlap", "column", "no-column"])
def test_a_damaged_mapping_is_refused_in_one_line_naming_the_field(ledger, tmp_path, mapping_text, says, english):
    assert _refused(ledger, tmp_path, EXPORT, mapping_text).startswith(says)


@pytest.mark.parametrize(("row", "says"), [
    ("1100;x;4400;y;2026/01;12,3,4", "kirjuri: row 3: Summa: '12,3,4' is not an amount"),
    ("1100;x;4400;y;2026/13;12,34", "kirjuri: row 3: Kausi: '2026/13' is not a month"),
    ("1100;x;4400;y;tammikuu;12,34", "kirjuri: row 3: Kausi: 'tammikuu' is not a month"),
    ("1100;x;;y;2026/01;12,34", "kirjuri: row 3: Tili: '' is missing"),
    ("1100;x;4400;y;2026/01;99999999999999", "kirjuri: row 3: Summa: '99999999999999' is past the limit"),
    ("1100\x1b[2J;x;4400;y;2026/01;1,00", "kirjuri: row 3: Kustannuspaikka: "),
], ids=["amount", "month", "not-a-period", "no-account", "too-large", "control"])
def test_a_malformed_row_refuses_the_file_naming_row_column_and_value(ledger, tmp_path, row, says, english):
    export = _csv(tmp_path, ["1100;x;4400;y;2026/01;1,00", row])
    line = _refused(ledger, tmp_path, export)
    assert line.startswith(says), line
    assert "\x1b" not in line


def test_a_column_the_header_names_twice_is_refused_not_guessed(ledger, tmp_path, english):
    export = tmp_path / "twice.csv"
    export.write_text("Kustannuspaikka;Tili;Kausi;Summa;Summa\n1100;4400;2026/01;1,00;2,00\n", encoding="utf-8")
    line = _refused(ledger, tmp_path, export)
    assert line == "kirjuri: columns.amount: 'Summa' is the name of 2 columns of the file: which one is meant cannot be told"


def test_an_xlsx_with_date_cells_and_number_cells_reads_as_its_months(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Kustannuspaikka", "Tili", "Kausi", "Summa"])
    sheet.append([1100, 4400.0, dt.datetime(2026, 2, 28), 1234.5])
    sheet.append([2141, 3100, dt.date(2026, 3, 1), Decimal("-0.1")])
    book.save(tmp_path / "x.xlsx")
    read = read_actuals(tmp_path / "x.xlsx", load_mapping(MAPPING))
    assert [(r.unit, r.account, r.period[0], r.amount) for r in read.rows] == [
        ("KAUPUNGINHALLITUS", "MENOT", dt.date(2026, 2, 1), -123_450),
        ("JOUKKOLIIKENNE", "TULOT", dt.date(2026, 3, 1), 10)]


def test_a_cost_centre_mapped_to_a_unit_the_ledger_lacks_is_listed_by_its_row(ledger, tmp_path, english):
    mapping = tmp_path / "m.toml"
    mapping.write_text(MAPPING.read_text(encoding="utf-8").replace('"KAUPUNGINHALLITUS"', '"KH-UUSI"'), encoding="utf-8")
    export = _csv(tmp_path, ["1100;x;4400;y;2026/01;1,00", "2141;x;4400;y;2026/01;2,00"])
    result = kirjuri(ledger, "import", str(export), "--mapping", str(mapping), "--apply")
    assert result.exit_code == 0, result.output
    assert "row 2: Kustannuspaikka: '1100' maps to unit KH-UUSI, which the ledger does not have" in result.output
    assert "recorded 1 event" in result.output
