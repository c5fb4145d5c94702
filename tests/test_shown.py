"""Stored text is shown as data: an escape sequence, a newline, a bidi override or rich markup in a
unit's name, a note, a reason, a decision, an author or an id never acts on the reader's terminal,
in any command that prints it or any report it writes; and a CSV cell never becomes a formula.

The issue found a note that cleared an auditor's screen and printed a fake "verify: PASSED". The
ledger here holds such text in every string (``tests/hostile.py``), stored as an older version or
raw SQL could have stored it; the property tests pin ``ledger.domain.text`` down for any text at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tomllib
from pathlib import Path

import openpyxl
import pytest
from conftest import restore_example
from hostile import EVIL, GHOST, HOSTILE, SHOWN, assert_shown_as_data, stored_as_is, with_hostile_text
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from events.model import Decision, Line, TaAmended, UnitRenamed
from ledger.reports import tables as rp
from ledger.app import Kirjuri
from cli.app import app
from ledger.store.exchange import read_export
from ledger.books.longformat import read_long
from ledger.store.log import Target
from ledger.domain.text import CONTROL, FORMULA_START, csv_text, from_csv_text, in_json, shown

runner = CliRunner()

# --- ledger.domain.text, for any text -----------------------------------------------------------------------


@given(st.text())
def test_shown_text_holds_no_character_a_terminal_acts_on(text):
    out = shown(text)
    assert not CONTROL.search(out)
    assert shown(out) == out


@given(st.text(st.characters(blacklist_categories=("Cc",), blacklist_characters="\u061c\u200e\u200f\u2028\u2029"
                             "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")))
def test_shown_leaves_ordinary_text_as_it_is(text):
    assert shown(text) == text


@pytest.mark.parametrize("char, escaped", [("\x1b", "\\x1b"), ("\x00", "\\x00"), ("\x7f", "\\x7f"), ("\x9b", "\\x9b"),
                                           ("\u202e", "\\u202e"), ("\u2066", "\\u2066"), ("\n", "\\n"), ("\t", "\\t"),
                                           ("\r", "\\r"), ("\u2028", "\\u2028")])
def test_each_control_character_is_written_as_its_escape(char, escaped):
    assert shown(f"a{char}b") == f"a{escaped}b"
    assert shown("Määräraha 1\u00a0000 €") == "Määräraha 1\u00a0000 €"


@given(st.text())
def test_in_json_keeps_a_json_document_the_same_and_holds_nothing_a_terminal_acts_on(text):
    document = in_json(json.dumps({"note": text}, ensure_ascii=False))
    assert json.loads(document) == {"note": text}
    assert not CONTROL.search(document.replace("\n", "").replace("\t", ""))  # its lines, and a TAB TOML keeps


@given(st.text())
def test_in_json_keeps_a_toml_document_the_same(text):
    import tomli_w

    document = in_json(tomli_w.dumps({"note": text}))
    assert tomllib.loads(document) == {"note": text}
    assert not CONTROL.search(document.replace("\n", "").replace("\t", ""))  # its lines, and a TAB TOML keeps


@given(st.text())
def test_a_csv_cell_never_starts_a_formula_and_reads_back_as_it_was(text):
    cell = csv_text(text)
    assert not cell.startswith(FORMULA_START)
    assert from_csv_text(cell) == text
    if not text.lstrip("'").startswith(FORMULA_START):
        assert cell == text


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"klik\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
                                  "\uff1d1+1", "\uff0b1", "\uff0d1", "\uff201"])
def test_owasps_formula_starts_are_neutralised(text):
    assert csv_text(text) == "'" + text


# --- the command line, on a ledger holding hostile text ------------------------------------------------


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    ledger = with_hostile_text(restore_example(folder, "kemijarvi"))
    ledger.close()
    return folder / "kemijarvi.sqlite"


def kirjuri(db: Path, *args: str):
    result = runner.invoke(app, ["--db", str(db), "--author", "testi", *args])
    assert "Traceback" not in result.output and (result.exception is None or isinstance(result.exception, SystemExit)), \
        result.output
    return result


VIEWS = [
    ("units", "--year", "2026"),
    ("show", "ELTY", "--year", "2026"),
    ("show", "JOUKKOLIIKENNE", "--year", "2026", "--accounts"),
    ("history", "JOUKKOLIIKENNE"),
    ("history", "ELTY"),
    ("proposals", "--all"),
    ("diff", "ELTY", "--year", "2026", "--from-known-at", "1.1.2026"),
    ("verify",),
    ("verify", "--json"),
    ("report", "units", "ELTY", "--columns", "TA 2026, TA+MUUTOS 2026"),
    ("report", "toteutumisvertailu", "KEV", "--year", "2026"),
    ("export",),
    ("export", "--format", "toml"),
]


@pytest.mark.parametrize("args", VIEWS, ids=[" ".join(args[:2]) for args in VIEWS])
def test_every_view_shows_stored_text_as_data(db, args):
    result = kirjuri(db, *args)
    assert_shown_as_data(result.stdout + result.stderr)


def test_history_shows_each_stored_string_escaped_and_markup_as_text(db):
    out = kirjuri(db, "history", "JOUKKOLIIKENNE").stdout
    assert f"Muutoshistoria: Joukkoliikenne{SHOWN} (JOUKKOLIIKENNE), uusin ensin" in out  # said in Finnish by default
    for said in (f"huom: huom{SHOWN}", f"clerk{SHOWN}", f"KV{SHOWN} 9.6.2026 § 41{SHOWN} pk{SHOWN}", f"syy{SHOWN}",
                 f"huom: esitys{SHOWN}", f"JOUKKOLIIKENNE → Joukkoliikenne{SHOWN}"):
        assert said in out, said
    assert "Esitys 2026" in out  # a proposal in the history (it once had no label: KeyError)
    assert f"{shown(EVIL)}: MENOT" in kirjuri(db, "history", "ELTY").stdout


def test_units_and_show_name_the_hostile_unit_escaped(db):
    units = kirjuri(db, "units", "--year", "2026").stdout
    assert f"{shown(EVIL)}  Paha{SHOWN}  [yksikkö]" in units
    show = kirjuri(db, "show", "ELTY", "--year", "2026").stdout
    assert f"{shown(EVIL)} Paha{SHOWN}" in show and f"JOUKKOLIIKENNE Joukkoliikenne{SHOWN}" in show


def test_verify_quotes_a_stored_row_escaped_in_every_form(db, tmp_path, english):
    result = kirjuri(db, "verify")
    assert result.exit_code == 1 and f"lines[1].unit: {shown(repr(GHOST))} is not a known unit" in result.stdout
    report = json.loads(kirjuri(db, "verify", "--json").stdout)
    [rules] = [c for c in report["checks"] if c["name"] == "rules"]
    assert rules["findings"][0]["event_id"] == "ghost" + HOSTILE, "the JSON says the same text, as escapes"
    md = tmp_path / "minutes.md"
    assert kirjuri(db, "verify", "-o", str(md)).exit_code == 1
    text = md.read_text(encoding="utf-8")
    assert_shown_as_data(text)
    assert f"| 168 | ghost{SHOWN} |" in text


def test_a_refusal_quoting_a_stored_unit_is_one_line(db):
    """A write refused for a stale --based-on first lists what was written since: the hostile events, escaped."""
    result = kirjuri(db, "amend", "2026", "JOUKKOLIIKENNE:MENOT=-1", "--effective", "15.6.2026",
                     "--decision", "KV 9.6.2026 § 41", "--based-on", "161")
    assert result.exit_code == 1
    assert_shown_as_data(result.stdout + result.stderr)
    assert f"huom: huom{SHOWN}" in result.stdout and result.stderr.count("\n") == 1


def test_reports_show_a_hostile_name_escaped_on_the_terminal_and_in_markdown(db, tmp_path):
    terminal = kirjuri(db, "report", "units", "ELTY", "--columns", "TA+MUUTOS 2026").stdout
    assert f"Paha{SHOWN}"[:40] in terminal.replace("\n", "")
    md = tmp_path / "units.md"
    assert kirjuri(db, "report", "units", "ELTY", "--columns", "TA+MUUTOS 2026", "-o", str(md)).exit_code == 0
    text = md.read_text(encoding="utf-8")
    assert_shown_as_data(text)
    assert f"**Paha{SHOWN}**" in text


def test_an_export_printed_on_a_terminal_acts_on_nothing_and_says_the_same_log(db, tmp_path):
    """The escapes are JSON's and TOML's own: read back, every record is the one stored, to its hash."""
    ledger = Kirjuri(Target(sqlite_path=db))
    stored = [record for chunk in ledger.eventlog.read() for record in chunk]
    ledger.close()
    for fmt in ("json", "toml"):
        printed = kirjuri(db, "export", "--format", fmt).stdout
        assert_shown_as_data(printed)
        file = tmp_path / f"ledger.{fmt}"
        file.write_text(printed, encoding="utf-8")
        head, records = read_export(file)
        assert records == stored and head == stored[-1].hash
        assert records[-1].event.id == "ghost" + HOSTILE


# --- CSV and XLSX: cells, never formulas; stored strings, never a crash ------------------------------------


FORMULA = "=HYPERLINK(\"http://x\",\"klik\")"


@pytest.fixture
def formulas(tmp_path) -> Kirjuri:
    """The Kemijärvi example with a unit named like a formula, an amendment whose note is one, and
    another whose note holds control characters (stored as an older version could have)."""
    ledger = restore_example(tmp_path, "kemijarvi")
    now = ledger.state.recorded_at(ledger.state.seq)
    kv = Decision(body="valtuusto", date=dt.date(2026, 6, 9), section="41")
    stored_as_is(
        ledger,
        UnitRenamed(id="r1", effective=dt.date(2026, 1, 1), recorded_at=now, author="a", code="JOUKKOLIIKENNE",
                    name=FORMULA),
        TaAmended(id="a1", effective=dt.date(2026, 6, 15), recorded_at=now, author="a", decision=kv, year=2026,
                  note="@SUM(1+1)", lines=(Line("JOUKKOLIIKENNE", "MENOT", -1_000_00),)),
        TaAmended(id="a2", effective=dt.date(2026, 6, 15), recorded_at=now, author="a", decision=kv, year=2026,
                  note="bell\x07 " + HOSTILE, lines=(Line("ELINKEINOPALVELUT", "MENOT", -1_00),)),
    )
    yield ledger
    ledger.close()


def rows_of(path: Path, encoding: str = "utf-8-sig", delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding=encoding), newline=""), delimiter=delimiter))


def test_report_csv_neutralises_a_formula_name_and_keeps_amounts_numbers(formulas, tmp_path):
    path = tmp_path / "units.csv"
    rp.write(rp.unit_block(formulas.state, "ELTY", [("TA+MUUTOS", 2026)]), path)
    rows = rows_of(path)
    assert ["'" + FORMULA, ""] in rows
    amounts = [row[1] for row in rows[2:] if row[1]]
    assert amounts and all(a[0] == "-" or a[0].isdigit() for a in amounts) and any(a.startswith("-") for a in amounts)


def test_the_long_table_neutralises_formulas_and_reads_them_back_unchanged(formulas, tmp_path):
    path = tmp_path / "figures.csv"
    result = kirjuri(formulas.target.sqlite_path, "export-figures", str(path))
    assert result.exit_code == 0, result.output
    rows = rows_of(path)
    notes = [row[12] for row in rows[1:]]
    assert "'@SUM(1+1)" in notes and all(not n.startswith(("=", "+", "-", "@")) for n in notes)
    assert "'" + FORMULA in [row[4] for row in rows[1:]]
    assert any(row[7].startswith("-") for row in rows[1:]), "amounts stay numbers, their minus sign kept"
    read = read_long(path)
    assert "@SUM(1+1)" in [r.note for r in read.rows] and FORMULA in [r.unit_name for r in read.rows]


def test_export_figures_xlsx_writes_control_characters_escaped_instead_of_crashing(formulas, tmp_path):
    path = tmp_path / "figures.xlsx"
    result = kirjuri(formulas.target.sqlite_path, "export-figures", str(path))
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(path)["kirjuri"]
    notes = [row[12].value for row in sheet.iter_rows(min_row=2)]
    # a workbook holds no C0 control: those are written as escapes; it holds the rest as the text it is
    assert "bell\\x07 \\x1b[2J\\x1b[H[red]verify: PASSED[/red]\n\u202e\x9b31m\\x07" in notes
    assert "@SUM(1+1)" in notes
    assert {row[12].data_type for row in sheet.iter_rows(min_row=2)} == {"s"}


def test_the_fiscal_data_package_neutralises_text_and_keeps_its_measures(formulas, tmp_path):
    descriptor = rp.fiscal_data_package(formulas.state, 2026, tmp_path / "fdp")
    rows = list(csv.DictReader(io.StringIO((descriptor.parent / "budget-2026.csv").read_text(encoding="utf-8"))))
    assert "'" + FORMULA in {r["unit_name"] for r in rows}
    assert all(not r["approved_expenditure"].startswith("'") for r in rows)
