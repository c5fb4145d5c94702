"""`kirjuri report`: the books' tables printed and written, on the bundled Kemijärvi and Kemi ledgers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console
from typer.testing import CliRunner

from ledger.domain.refusals import field_said
from ledger.reports import tables as rp
from ledger.app import Kirjuri
from cli.app import app
from ledger.store.log import Target

EXAMPLES = Path(__file__).parents[1] / "examples"
runner = CliRunner()
NB = "\u00a0"
AS_PUBLISHED = "as published"
RESTATED = "restated to the structure of 2026 (vertailukelpoinen)"


def kirjuri(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), "--author", "testi", *args])


def _restored(factory: pytest.TempPathFactory, name: str) -> Path:
    db = factory.mktemp(name) / "ledger.sqlite"
    result = kirjuri(db, "restore", str(EXAMPLES / f"{name}.json"))
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def kemijarvi(tmp_path_factory) -> Path:
    """Kemijärvi 2022–2026, restored once: reports only read it."""
    return _restored(tmp_path_factory, "kemijarvi")


@pytest.fixture
def kemi(tmp_path_factory) -> Path:
    """Kemi 2023, restored for each test: one test records a toteuma in it."""
    return _restored(tmp_path_factory, "kemi")


def cells(stdout: str, label: str) -> list[str]:
    """The cells of the first terminal table row labelled ``label``, NBSPs as spaces."""
    for line in stdout.splitlines():
        parts = [p.strip().replace(NB, " ") for p in line.split("│")]
        if len(parts) > 2 and parts[1] == label:
            return parts[2:-1]
    raise AssertionError(f"no row {label!r} in\n{stdout}")


def blocks(path: Path) -> dict[str, dict[str, list[str]]]:
    """A written unit table (CSV) as block heading -> line -> cells; a moved unit's second block is ignored."""
    found: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for label, *values in list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))[2:]:
        if label in rp.MAIN_LINES:
            current[label] = values
        else:
            current = found.setdefault(label, {})
    return found


# --- the terminal ------------------------------------------------------------------------------------


def test_maararahat_prints_kev_2026_with_its_title_and_basis(kemijarvi, english):
    result = kirjuri(kemijarvi, "report", "maararahat", "KEV", "--year", "2026")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Konserni- ja elinvoimapalvelut", AS_PUBLISHED]
    # Talousarvio 2026, Konserni- ja elinvoimapalvelut: MENOT -8 333 230, TULOT 1 261 230
    assert cells(result.stdout, "MENOT") == ["", "-8 333 230", "", ""]
    assert cells(result.stdout, "TULOT") == ["", "1 261 230", "", ""]
    assert cells(result.stdout, "NETTOMENO") == ["", "-7 072 000", "", ""]


def test_maararahat_restated_compares_with_last_years_budget_as_book_003_does(kemijarvi, english):
    """Book 003: MENOT -6 837 670 -> -8 333 230 prints 1 495 560 and 21,9 %."""
    result = kirjuri(kemijarvi, "report", "maararahat", "KEV", "--year", "2026", "--restated", "2026")
    assert result.exit_code == 0, result.output
    assert RESTATED in result.stdout.splitlines() and AS_PUBLISHED not in result.stdout
    assert cells(result.stdout, "MENOT") == ["-6 837 670", "-8 333 230", "1 495 560", "21,9 %"]
    signed = kirjuri(kemijarvi, "report", "maararahat", "KEV", "--restated", "2026", "--change", "signed")
    assert cells(signed.stdout, "MENOT")[2] == "-1 495 560"


def test_maararahat_before_compares_a_new_toimiala_with_its_predecessor(kemijarvi, english):
    """Book 003 sets KEV's TA 2026 against the Hallintopalvelut toimiala's TA+muutos 2025."""
    result = kirjuri(kemijarvi, "report", "maararahat", "KEV", "--year", "2026", "--before", "HALL")
    assert result.exit_code == 0, result.output
    assert AS_PUBLISHED in result.stdout.splitlines()
    assert cells(result.stdout, "MENOT") == ["-6 837 670", "-8 333 230", "1 495 560", "21,9 %"]


def test_as_of_reads_the_budget_as_it_stood_and_says_so(kemijarvi, english):
    result = kirjuri(kemijarvi, "report", "maararahat", "KEV", "--year", "2026", "--as-of", "31.12.2025")
    assert result.exit_code == 0, result.output
    assert "figures as of 31.12.2025" in result.stdout and AS_PUBLISHED in result.stdout
    assert cells(result.stdout, "MENOT")[1] == ""  # the TA 2026 takes effect on 1.1.2026


def test_units_defaults_to_the_five_columns_of_the_latest_kayttosuunnitelma(kemijarvi):
    result = kirjuri(kemijarvi, "report", "units", "KEV")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if "TA+MUUTOS" in line)
    assert [c.strip() for c in lines[head].split("┃")[2:-1]] == ["TP", "TA+MUUTOS", "TPE", "TA", "KS"]
    assert [c.strip() for c in lines[head + 1].split("┃")[2:-1]] == ["2024", "2025", "2025", "2026", "2026"]
    total = result.stdout[result.stdout.index("Toimiala yhteensä"):]
    assert cells(total, "MENOT")[3:] == ["-8 333 230", "-8 333 230"]


def test_units_restated_to_2026_differ_from_as_published_by_the_moved_units(kemijarvi, tmp_path, english):
    """HALLVA restated holds TA+muutos 2025 without the three services that moved to ELTY for 2026."""
    published, restated = tmp_path / "hall.csv", tmp_path / "hallva.csv"
    as_published = kirjuri(kemijarvi, "report", "units", "HALL", "--columns", "TA+MUUTOS 2025", "-o", str(published))
    assert as_published.exit_code == 0 and AS_PUBLISHED in as_published.stderr
    result = kirjuri(kemijarvi, "report", "units", "HALLVA", "--columns", "TA+muutos 2025", "--restated", "2026",
                     "-o", str(restated))
    assert result.exit_code == 0, result.output
    assert RESTATED in result.stderr
    hall, hallva = blocks(published), blocks(restated)
    moved = set(hall) - set(hallva) - {"Toimiala total"}
    assert moved == {"Joukkoliikenne", "Kehittämisprojektit (KPKI pienet)", "Maaseutuneuvontapalvelut"}
    assert hall["Joukkoliikenne"] == {"MENOT": ["-348 070"], "TULOT": ["100 000"], "NETTOMENO": ["-248 070"]}
    assert hall["Maaseutuneuvontapalvelut"]["MENOT"] == ["-98 670"]
    assert all(hall[name] == hallva[name] for name in set(hallva) - {"Vastuualue total"})
    assert hall["Toimiala total"]["MENOT"] == ["-6 837 670"]
    assert hallva["Vastuualue total"]["MENOT"] == ["-6 390 930"]  # -6 837 670 - (-348 070 - 0 - 98 670)
    screen = kirjuri(kemijarvi, "report", "units", "HALLVA", "--columns", "TA+MUUTOS 2025", "--restated", "2026")
    assert screen.stdout.splitlines()[:2] == ["Hallintopalvelut", RESTATED]
    assert "Joukkoliikenne" not in screen.stdout


def test_kayttotalous_says_where_it_reads_the_books_own_breakdown(kemijarvi, english):
    result = kirjuri(kemijarvi, "report", "kayttotalous", "KEV", "--columns", "TA 2026")
    assert result.exit_code == 0, result.output
    assert "as published; by account as the book stated: TA 2026" in result.stdout
    assert cells(result.stdout, "Henkilöstökulut") == ["-2 546 870"]
    assert cells(result.stdout, "TOIMINTAKATE") == ["-7 072 000"]


def test_toteutumisvertailu(kemijarvi, english):
    result = kirjuri(kemijarvi, "report", "toteutumisvertailu", "HALL", "--year", "2025")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == ["Hallintopalvelut: budget against actuals 2025", AS_PUBLISHED]
    total = result.stdout[result.stdout.index("Toimiala total"):]
    assert cells(total, "MENOT")[2] == "-6 837 670"


def test_half_year_reads_the_toteuma_at_the_end_of_its_period(kemi, english):
    """A July toteuma recorded later does not enter the 01-06 table unless --as-of asks for it."""
    july = kirjuri(kemi, "record", "toteuma", "2023", "64310000:TOIMINTAKULUT=-1 000", "--period",
                   "1.7.2023-31.7.2023")
    assert july.exit_code == 0, july.output
    result = kirjuri(kemi, "report", "half-year", "64300000", "--year", "2023", "--period", "01-06/2023")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == ["HYVINVOINTITOIMIALA", AS_PUBLISHED, "figures as of 30.6.2023"]
    assert "01-06/2023" in result.stdout
    assert cells(result.stdout, "TOIMINTAKULUT")[:5] == ["-701 835", "-840 793", "-840 793", "-353 917", "42 %"]
    later = kirjuri(kemi, "report", "half-year", "64300000", "--period", "01-06/2023", "--as-of", "31.7.2023")
    assert cells(later.stdout, "TOIMINTAKULUT")[3] == "-354 917"


def test_a_wide_report_fits_an_80_column_terminal_without_cutting_a_number(kemijarvi):
    state = Kirjuri(Target(sqlite_path=kemijarvi)).state
    report = rp.unit_block(state, "KEV", rp.default_columns(2026))
    screen = io.StringIO()
    console = Console(file=screen, width=80, force_terminal=False)
    tables = rp.rich_tables(report, 80)
    for table in tables:
        console.print(table)
    text = screen.getvalue()
    assert len(tables) > 1 and "…" not in text
    assert max(len(line) for line in text.splitlines()) <= 80
    assert text.count(f"-8{NB}333{NB}230") == 2  # Toimiala yhteensä MENOT, TA and KS 2026


# --- files ---------------------------------------------------------------------------------------------


def test_csv_xlsx_and_markdown_hold_the_numbers(kemijarvi, tmp_path, english):
    for suffix in ("csv", "xlsx", "md"):
        path = tmp_path / f"m.{suffix}"
        result = kirjuri(kemijarvi, "report", "maararahat", "KEV", "--year", "2026", "-o", str(path))
        assert result.exit_code == 0, result.output
        assert result.stderr == f"wrote {path}: Konserni- ja elinvoimapalvelut, {AS_PUBLISHED}\n"
    rows = list(csv.reader((tmp_path / "m.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[:2] == [["Konserni- ja elinvoimapalvelut", "TA+muutos", "TA", "Change", "Change"],
                        [AS_PUBLISHED, "2025", "2026", "€", "%"]]
    assert rows[2] == ["MENOT", "", "-8 333 230", "", ""] and rows[3][2] == "1 261 230"
    sheet = openpyxl.load_workbook(tmp_path / "m.xlsx").active
    values = {row[0].value: [c.value for c in row[1:]] for row in sheet.iter_rows(min_row=3)}
    assert sheet["A2"].value == AS_PUBLISHED
    assert values["MENOT"][1] == -8_333_230 and values["TULOT"][1] == 1_261_230
    markdown = (tmp_path / "m.md").read_text(encoding="utf-8")
    assert f"*{AS_PUBLISHED}*" in markdown and "| MENOT |  | -8 333 230 |  |  |" in markdown


def test_fdp_writes_a_fiscal_data_package(kemijarvi, tmp_path):
    result = kirjuri(kemijarvi, "report", "fdp", "--year", "2026", "-o", str(tmp_path / "fdp"))
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "fdp" / "datapackage.json").read_text(encoding="utf-8"))
    assert doc["fiscalPeriod"] == {"start": "2026-01-01", "end": "2026-12-31"}
    budget = list(csv.DictReader((tmp_path / "fdp" / doc["resources"][0]["path"]).read_text(encoding="utf-8")
                                 .splitlines()))
    paths = {r["unit_path"] for r in budget if r["unit_code"] == "JOUKKOLIIKENNE"}
    assert paths == {"KEMIJARVI/KEV/ELTY/JOUKKOLIIKENNE"}  # where the 2026 organisation has it


# --- bad input: one line naming the field and the value, exit 1, no file --------------------------------

BAD = [
    (["units", "NOPE"], "out.csv", "unit", "NOPE"),
    (["units", "KEV", "--columns", "TP 2024, TA 20x5"], "out.csv", "columns", "TA 20x5"),
    (["kayttotalous", "KEV", "--columns", "TX 2025"], "out.xlsx", "columns", "TX 2025"),
    (["units", "KEV", "--columns", ""], "out.csv", "columns", "''"),
    (["units", "KEV"], "out.pdf", "output", "out.pdf"),
    (["units", "KEV"], "missing/out.csv", "output", "missing/out.csv"),
    (["units", "KEV", "--lines", "kulut"], "out.md", "lines", "kulut"),
    (["units", "HALL", "--restated", "2026"], "out.csv", "restated", "2026"),
    (["units", "KEV", "--known-at", "eilen"], "out.csv", "known-at", "eilen"),
    (["maararahat", "KEV", "--change", "abs"], "out.csv", "change", "abs"),
    (["maararahat", "KEV", "--year", "2062"], "out.csv", "year", "2062"),
    (["maararahat", "KEV", "--before", "HAL"], "out.csv", "before", "HAL"),
    (["toteutumisvertailu", "NOPE", "--year", "2025"], "out.md", "unit", "NOPE"),
    (["half-year", "KEV", "--period", "13-14/2025"], "out.csv", "period", "13-14/2025"),
    (["half-year", "KEV", "--period", "01-06/2025", "--year", "2026"], "out.csv", "period", "01-06/2025"),
    (["fdp", "--year", "2062"], "fdp", "year", "2062"),
]


@pytest.mark.parametrize(("args", "output", "field", "value"), BAD,
                         ids=[f"{a[0]}-{f}-{v}" for a, _o, f, v in BAD])
def test_bad_input_is_one_line_naming_field_and_value_and_writes_no_file(kemijarvi, tmp_path, args, output, field,
                                                                        value):
    result = kirjuri(kemijarvi, "report", *args, "-o", str(tmp_path / output))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"kirjuri: {field_said(field, 'fi')}: ") and value in lines[0], lines[0]
    assert list(tmp_path.iterdir()) == []
