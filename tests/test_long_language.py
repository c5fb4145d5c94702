"""A long table's problems and the splitter's row problems said in the language asked for, their
English as it was (the readers' ``Reason``s); and `kirjuri import` saying them in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from ledger.books.longformat import COLUMNS, LongFormatError, plan, read_long
from ledger.books.splitter import resolve, split_row
from ledger.fold.state import LedgerState
from ledger.locale.reason import said

HEADER = ";".join(COLUMNS)
runner = CliRunner()


def csv_file(tmp_path: Path, *lines: str, header: str = HEADER) -> Path:
    path = tmp_path / "in.csv"
    path.write_text("\n".join((header, *lines)) + "\n", encoding="utf-8")
    return path


def refused(path: Path) -> LongFormatError:
    """The file as `kirjuri import` plans it into an empty ledger: refused, with its problems."""
    planned = plan(LedgerState(), read_long(path))
    assert planned.problems
    return LongFormatError(planned.problems)


@pytest.mark.parametrize(("header", "en", "fi", "sv"), [
    ("year;column;unit;account", "row 1: header: lacks amount (columns: year,",
     "rivi 1: otsikkoriviltä puuttuu amount (sarakkeet: year,", "rad 1: rubrikraden saknar amount (kolumner: year,"),
    (HEADER + ";budjetti", "row 1: header: 'budjetti' is not a column (year,",
     "rivi 1: otsikkorivi: 'budjetti' ei ole sarake (year,", "rad 1: rubrikraden: 'budjetti' är ingen kolumn (year,"),
    (HEADER + ";year", "row 1: header: 'year' appears twice", "rivi 1: otsikkorivi: 'year' on kahdesti",
     "rad 1: rubrikraden: 'year' förekommer två gånger"),
])
def test_a_bad_header_is_said_in_each_language(tmp_path, header, en, fi, sv):
    error = refused(csv_file(tmp_path, "2025;TA;JL;;;;MENOT;-5;KV 9.12.2024 § 80;;;;", header=header))
    assert str(error).startswith(en) and error.said("en") == str(error)
    assert error.said("fi").startswith(fi) and error.said("sv").startswith(sv)


def test_a_rows_refusal_is_said_with_its_reason_in_the_language_and_the_count_of_the_rest(tmp_path):
    error = refused(csv_file(tmp_path, "2025;TA;JL;;;;MENOT;x;;;;;", "2025;XX;JL;;;;MENOT;1;;;;;"))
    assert str(error).startswith("row 2: amount: 'x' is not an amount") and str(error).endswith("(and 1 more)")
    finnish, swedish = error.said("fi"), error.said("sv")
    assert finnish.startswith("rivi 2: amount: 'x' ") and finnish.endswith("(ja 1 muu)")
    assert swedish.startswith("rad 2: amount: 'x' ") and swedish.endswith("(och 1 till)")
    assert "is not" not in finnish + swedish and "more" not in finnish + swedish


def test_a_unit_the_ledger_lacks_and_a_reallocation_without_its_pair_are_said_in_swedish(tmp_path):
    unknown = refused(csv_file(tmp_path, "2025;TA;JL;;;;MENOT;-5;KV 9.12.2024 § 80;;;;"))
    assert str(unknown).startswith("row 2: unit: 'JL' is not in the ledger: give its unit_path")
    assert unknown.said("sv").startswith("rad 2: unit: 'JL' finns inte i bokföringen")
    deep = refused(csv_file(tmp_path, "2025;TA;E;A/B/C/D/E;;;MENOT;-5;KV 9.12.2024 § 80;;;;"))
    assert str(deep).startswith("row 2: level: '' is missing: 'E' is 4 levels down")
    assert deep.said("fi").startswith("rivi 2: level: '' puuttuu: 'E' on 4 tasoa alempana")


def test_not_utf8_is_said_by_its_row(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(HEADER.encode() + b"\n2025;TA;JL;;;;MENOT;\xff;;;;;\n")
    error = LongFormatError(read_long(path).errors)
    assert str(error) == "row 2: the file is not UTF-8 (byte 0xff)"
    assert error.said("sv") == "rad 2: filen är inte UTF-8 (byte 0xff)"


def test_the_splitters_row_problems_are_said_in_each_language():
    columns = ["TA 2025", "TA-muutokset", "Toteuma", "Toteuma-%"]
    few = split_row("TOIMINTATUOTOT 12 34", columns).problem
    assert few.startswith("row 'TOIMINTATUOTOT': cells read as 1-2 values (2 digit groups, 0 other cells)")
    assert said(few, "fi").startswith("rivi 'TOIMINTATUOTOT': solut luettiin 1-2 arvoksi (2 numeroryhmää")
    assert said(few, "sv").startswith("rad 'TOIMINTATUOTOT': cellerna lästes som 1-2 värden (2 siffergrupper")
    no_percent = split_row("TULOT 1 2 3 4", columns).problem
    assert no_percent.endswith("percent columns (Toteuma-%)"), no_percent
    assert said(no_percent, "sv").endswith("procentkolumnerna (Toteuma-%)")
    assert said(split_row("TULOT 1", []).problem, "sv") == "rad 'TULOT': inga kolumner angivna"
    two = split_row("TULOT 1 234 567", ["TP 2024", "TA 2025"])
    assert two.ambiguous, two
    failed = resolve(two, lambda reading: False).problem
    assert failed.startswith(f"row 'TULOT': none of the {len(two.candidates)} readings passes the check")
    assert said(failed, "fi").startswith(f"rivi 'TULOT': mikään {len(two.candidates)} luennasta ei läpäise")


def test_kirjuri_import_says_the_long_tables_problem_in_one_line_in_swedish(tmp_path):
    path = csv_file(tmp_path, "2025;TA;JL;;;;MENOT;x;;;;;")
    db = tmp_path / "ledger.sqlite"
    assert runner.invoke(app, ["--db", str(db), "init"]).exit_code == 0
    for lang, start in (("sv", "kirjuri: rad 2: amount: 'x' "), ("en", "kirjuri: row 2: amount: 'x' is not an amount")):
        result = runner.invoke(app, ["--db", str(db), "--lang", lang, "import", str(path)])
        assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1, result.output
        assert result.stderr.startswith(start), result.stderr
