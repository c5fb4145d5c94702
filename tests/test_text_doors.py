"""Text that comes in is data, and a unit code is one every command can address.

A control character (C0 incl. TAB, LF, CR and ESC; DEL; C1) or a bidi override or isolate in
anything a person types or a file brings in for a new event is refused in one line naming the
field, the value shown escaped, exit status 1 and nothing written: at the command line, in the
forms, in the importers (where a tab or a form feed inside a name is a space). An export that an
older version wrote with such text still restores with the same head. A unit code that some
syntax could not name (``UNIT:ACCOUNT=AMOUNT``, a long table's ``unit_path``, a command's
argument, a form's search) is refused at registration. Ledger tests run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import KV, small_city
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from events.codec import canonical, chain_hash
from events.model import Line, TaAmended, UnitRegistered
from ledger.domain import forms
from ledger.domain import intake
from ledger.app import Kirjuri
from cli.app import app as cli
from ledger.books.book import interpret
from ledger.books.longformat import plan, read_long
from ledger.domain.refusals import Rejected, field_said, say
from ledger.store.log import Target

D = dt.date
EXAMPLES = Path(__file__).parents[1] / "examples"
EXAMPLE = Path(__file__).parent / "data" / "kemijarvi-small.json"
runner = CliRunner()
#: one of each kind: C0 whitespace and not, an escape sequence, DEL, C1, bidi override and isolate
CHARS = {"TAB": "\t", "LF": "\n", "CR": "\r", "ESC": "\x1b[2J", "NUL": "\x00", "DEL": "\x7f", "C1": "\x9b2J",
         "RLO": "\u202e", "RLI": "\u2067"}
DECIDED = ["--effective", "15.6.2025", "--decision", "KV 9.6.2025 § 41"]


def kirjuri(db: str, *args: str, author: str = "testi"):
    return runner.invoke(cli, ["--db", db, "--author", author, *args])


def where(target: Target) -> str:
    return str(target.sqlite_path or target.postgres_url)


@pytest.fixture
def db(target) -> str:
    result = kirjuri(where(target), "restore", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    return where(target)


# --- the command line ---------------------------------------------------------------------------

#: door -> (arguments with the text in them, the author, the field the refusal names)
DOORS = {
    "note": (lambda t: ["amend", "2025", "JOUKKO:MENOT=-1", *DECIDED, "--note", f"Lisä{t}raha"], "note"),
    "decision": (lambda t: ["amend", "2025", "JOUKKO:MENOT=-1", "--effective", "15.6.2025", "--decision",
                            f"KV 9.6.2025 § 41{t}"], "decision"),
    "document": (lambda t: ["amend", "2025", "JOUKKO:MENOT=-1", "--effective", "15.6.2025", "--decision",
                            f"KV 9.6.2025 § 41 Liite{t}3"], "decision"),
    "reason": (lambda t: ["reverse", "#23", "--reason", f"Väärä{t}summa"], "reason"),
    "code": (lambda t: ["unit", "add", f"UU{t}SI", "Uusi", "--level", "yksikkö", "--parent", "HALL",
                        "--effective", "1.1.2024"], "code"),
    "name": (lambda t: ["unit", "add", "UUSI", f"Uusi{t}yksikkö", "--level", "yksikkö", "--parent", "HALL",
                        "--effective", "1.1.2024"], "name"),
    "rename": (lambda t: ["unit", "rename", "JOUKKO", f"Joukko{t}liikenne", "--effective", "1.1.2025"], "name"),
    "propose": (lambda t: ["propose", "2025", "JOUKKO:MENOT=-1", "--body", "KV", "--effective", "1.6.2025",
                           "--note", f"Esitys{t}"], "note"),
    "transfer": (lambda t: ["transfer", "JOUKKO", "--to", "ELIN", "--effective", "1.2.2025", "--decision",
                            "KV 1.1.2025 § 1", "--note", f"Siirto{t}"], "note"),
    "record": (lambda t: ["record", "ts", "2027", "JOUKKO:MENOT=-1", "--note", f"TS{t}"], "note"),
    "key": (lambda t: ["amend", "2025", "JOUKKO:MENOT=-1", *DECIDED, "--key", f"avain{t}1"], "key"),
    "author": (lambda t: ["amend", "2025", "JOUKKO:MENOT=-1", *DECIDED], "author"),
}


@pytest.mark.parametrize("door", list(DOORS))
def test_every_door_refuses_each_kind_of_control_character_in_one_escaped_line(db, door):
    args, field = DOORS[door]
    before = kirjuri(db, "head").stdout
    for name, char in CHARS.items():
        result = kirjuri(db, *args(char), author=f"testi{char}" if door == "author" else "testi")
        assert result.exit_code == 1, (name, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"kirjuri: {field_said(field, 'fi')}: "), (name, result.stderr)
        assert char[0] not in lines[0] and repr(char[0])[1:-1] in lines[0], (name, lines[0])
        assert "Traceback" not in result.output
    assert kirjuri(db, "head").stdout == before


def test_the_refusal_says_which_character_in_both_languages():
    with pytest.raises(Rejected) as info:
        intake.check_text("note", "Lisä\x1b[2Jraha")
    assert str(info.value) == ("note: 'Lisä\\x1b[2Jraha' holds a control character (U+001B), which a terminal would "
                               "obey: write plain text")
    assert say(info.value, "fi") == ("'Lisä\\x1b[2Jraha' sisältää ohjausmerkin (U+001B), jota pääte tottelisi: "
                                     "kirjoita pelkkää tekstiä")


def test_a_long_note_is_shown_only_around_the_character():
    with pytest.raises(Rejected) as info:
        intake.check_text("note", "a" * 3000 + "\u202e" + "b" * 900)
    assert info.value.value == "…" + "a" * 24 + "\u202e" + "b" * 23 + "…"
    assert "\\u202e" in str(info.value) and "\u202e" not in str(info.value)


def test_bytes_that_are_not_utf8_are_refused_too(db, english):
    result = kirjuri(db, "amend", "2025", "JOUKKO:MENOT=-1", *DECIDED, "--note", "Lis\udcc3\udca4")
    assert result.exit_code == 1
    assert result.stderr == "kirjuri: note: 'Lis\\udcc3\\udca4' holds bytes that are not UTF-8 text: write it in UTF-8\n"


def test_clean_text_with_finnish_letters_and_symbols_is_written(db):
    result = kirjuri(db, "amend", "2025", "JOUKKO:MENOT=-1", "--effective", "15.6.2025", "--decision",
                     "Kaupunginvaltuusto 9.6.2025 § 41 Liite 3 – «ÅÄÖ»", "--note", "Lisämääräraha: 5 € ≈ 1 % ‘ok’")
    assert result.exit_code == 0, result.output
    assert "Lisämääräraha: 5 € ≈ 1 % ‘ok’" in kirjuri(db, "history", "JOUKKO").stdout


# --- forms ----------------------------------------------------------------------------------------


@pytest.fixture
def city(ledger) -> Kirjuri:
    app = small_city(ledger)
    app.adopt(2025, [Line("JL", "MENOT", -1_000_00), Line("KP", "MENOT", -1_000_00)], decision=KV)
    return app


VALUES = {
    "amend": {"year": "2025", "unit": "JL", "account": "MENOT", "amount": "-5", "decision": "KV 1.3.2025 § 5",
              "effective": "", "note": "Lisä"},
    "reallocate": {"year": "2025", "unit_1": "JL", "account_1": "MENOT", "amount_1": "5", "unit_2": "KP",
                   "account_2": "MENOT", "amount_2": "-5", "decision": "KV 1.3.2025 § 5", "effective": "", "note": ""},
    "transfer": {"unit": "TY", "to_parent": "HP", "decision": "KV 1.3.2025 § 5", "effective": "", "from_year": "",
                 "note": ""},
    "reverse": {"target": "#9", "reason": "Väärin", "decision": ""},
}


def test_every_field_of_every_form_refuses_a_control_character_by_its_name(city):
    for kind, values in VALUES.items():
        assert forms.evaluate(city, kind, values).ok, kind
        for name in forms.fields(kind, values):
            for label, char in CHARS.items():
                outcome = forms.evaluate(city, kind, values | {name: values[name] + char})
                assert not outcome.ok and outcome.error.field == name, (kind, name, label, outcome.error)
                assert outcome.error.code == "text.control"
    assert city.eventlog.head_seq() == city.state.seq == 9


# --- importers and restore --------------------------------------------------------------------------

HEADER = "year;column;unit;unit_path;unit_name;account;amount;note"


def test_a_long_table_reads_a_tab_in_a_name_as_a_space_and_refuses_an_escape_by_its_row(city, tmp_path, english):
    path = tmp_path / "figures.csv"
    path.write_text(f"{HEADER}\n2025;TP;UU;KJ/UU;\"Uusi\tyksikkö\r\nkaupungissa\";MENOT;-5;\"Rivi\tyksi\"\n",
                    encoding="utf-8")
    found = plan(city.state, read_long(path))
    assert not found.problems
    [unit] = found.units
    assert unit.name == "Uusi yksikkö  kaupungissa" and found.events[0].note == "Rivi yksi"
    for column, bad, char in (("unit_name", "Uusi\x1b[31m", "\x1b"), ("note", "\u202eakis", "\u202e"),
                              ("unit", "UU\x7f", "\x7f"), ("unit_path", "KJ/U\tU", "\t")):
        row = {"unit_name": "Uusi", "note": "", "unit": "UU", "unit_path": "KJ/UU"} | {column: bad}
        path.write_text(f"{HEADER}\n2025;TP;{row['unit']};{row['unit_path']};{row['unit_name']};MENOT;-5;"
                        f"{row['note']}\n", encoding="utf-8")
        problems = plan(city.state, read_long(path)).problems
        assert len(problems) == 1 and problems[0].startswith(f"row 2: {column}: "), problems
        assert "holds a control character" in problems[0] and char not in problems[0]
    result = kirjuri(where(city.target), "import", str(path), "--apply")
    assert result.exit_code == 1 and result.stderr.startswith("kirjuri: row 2: unit_path: 'KJ/U\\tU' holds")
    assert city.eventlog.head_seq() == 9


BOOK = "\tTA\n\t2025\nA\t\nMENOT\t-10\nB\x1b[2J\t\nMENOT\t-20\nC\fsivu\t\nMENOT\t-3\x00\nTULOT\t4\nD\u2066\t\nMENOT\t-1\n"


def test_a_book_reads_a_form_feed_in_a_name_as_a_space_and_not_a_line_with_another_control_character():
    statement = interpret(BOOK, source="t")
    assert [(n.line, n.why) for n in statement.not_understood] == [
        (5, "holds a control character (U+001B): not read"),
        (6, "not read: it is under the block heading on line 5, which holds a control character"),
        (8, "holds a control character (U+0000): not read"),
        (10, "holds a control character (U+2066): not read"),
        (11, "not read: it is under the block heading on line 10, which holds a control character"),
    ]
    assert [(f.block, f.account, f.cents) for f in statement.figures] == [("A", "MENOT", -10_00),
                                                                         ("C sivu", "TULOT", 4_00)]


def test_a_title_with_a_control_character_leaves_its_table_unread():
    statement = interpret("HALL\x1b]0;x\x07\t\n\tTA\n\t2025\nA\t\nMENOT\t-10\n", source="t")
    assert [n.line for n in statement.not_understood] == [1, 5] and not statement.figures
    assert statement.tables[0].node is None


def test_importing_a_book_records_only_what_it_read_cleanly(city, tmp_path, english):
    book = tmp_path / "kirja.txt"
    book.write_text(BOOK.replace("\tTA\n", "HP\t\n\tTA\n"), encoding="utf-8")
    (tmp_path / "kirja.toml").write_text('[nodes.HP]\ncode = "HP"\nlevel = "toimiala"\nparent = "KJ"\n',
                                         encoding="utf-8")
    result = kirjuri(where(city.target), "import", str(book), "--apply")
    assert result.exit_code == 0, result.output
    assert "line 6: holds a control character (U+001B): not read" in result.stdout
    assert "line 7: not read: it is under the block heading on line 6, which holds a control character" \
        in result.stdout
    reopened = Kirjuri(city.target)
    try:
        names = [reopened.state.name(code) for code in reopened.state.units]
        assert "C sivu" in names and all(intake.control_at(name) is None for name in names)
        assert not any(name.startswith(("B", "D")) for name in names)
    finally:
        reopened.close()


def test_a_profile_with_a_control_character_is_refused_in_one_line(city, tmp_path, english):
    book = tmp_path / "kirja.txt"
    book.write_text("HP\t\n\tTA\n\t2025\nA\t\nMENOT\t-10\n", encoding="utf-8")
    (tmp_path / "kirja.toml").write_text('[nodes.HP]\ncode = "HP"\nname = "Hallinto\\u001b[2J"\nlevel = "toimiala"\n',
                                         encoding="utf-8")
    result = kirjuri(where(city.target), "import", str(book), "--apply")
    assert result.exit_code == 1
    assert result.stderr == ("kirjuri: profile: 'Hallinto\\x1b[2J' holds a control character (U+001B), which a "
                             "terminal would obey: write plain text\n")
    assert city.eventlog.head_seq() == 9


def test_an_export_an_older_version_wrote_with_control_characters_restores_with_its_head(target, tmp_path):
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    last = doc["events"][-1]
    event = TaAmended(id="vanha\x1b", effective=D(2025, 6, 15), author="vanha\u202e", decision=KV, year=2025,
                      recorded_at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC), note="\x1b[2Jverify: PASSED\n",
                      lines=(Line("JOUKKO", "MENOT", -100),))
    body = canonical(event)
    record = {"seq": 24, "prev": last["hash"], "hash": chain_hash(last["hash"], body), "event": json.loads(body)}
    doc["events"].append(record)
    doc["count"], doc["head"] = 24, record["hash"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = kirjuri(where(target), "restore", str(path))
    assert result.exit_code == 0, result.output
    assert kirjuri(where(target), "head").stdout.strip() == f"#24 {record['hash']}"


# --- unit codes ---------------------------------------------------------------------------------------


def _example_codes() -> set[str]:
    codes = set()
    for name in ("kemijarvi", "kemi"):
        doc = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
        codes |= {r["event"]["code"] for r in doc["events"] if r["event"]["kind"] == "unit_registered"}
    return codes


def test_every_code_of_the_bundled_examples_is_still_accepted():
    codes = _example_codes()
    assert len(codes) > 90
    for code in codes:
        intake.check_code("code", code)


@pytest.mark.parametrize(("code", "why"), [
    ("JOUKKO:2", "code.unaddressable"), ("HALL/UUSI", "code.unaddressable"), ("-UUSI", "code.unaddressable"),
    (" UUSI", "code.unaddressable"), ("UUSI ", "code.unaddressable"), ("", "code.unaddressable"),
    ("joukko", "code.case_twin"), ("Hall", "code.case_twin"),
])
def test_a_code_some_command_could_not_name_is_refused_at_registration(db, code, why, english):
    before = kirjuri(db, "head").stdout
    result = kirjuri(db, "unit", "add", "--level", "yksikkö", "--parent", "HALL", "--effective", "1.1.2024", "--",
                     code, "Uusi")
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"kirjuri: code: {code!r} ") and result.stderr.count("\n") == 1
    message = {"code.unaddressable": "is not a code every command can name",
               "code.case_twin": "only in case"}[why]
    assert message in result.stderr
    assert kirjuri(db, "head").stdout == before


@pytest.fixture(scope="module")
def open_city(tmp_path_factory):
    path = tmp_path_factory.mktemp("codes") / "ledger.sqlite"
    assert kirjuri(str(path), "restore", str(EXAMPLE)).exit_code == 0
    return str(path)


SOME_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(code=SOME_TEXT)
def test_a_code_accepted_at_registration_is_one_every_syntax_can_name(open_city, code):
    """Amended as UNIT:ACCOUNT=AMOUNT, shown and listed by its argument, found by a form, read from a long
    table's unit_path: what registration lets in, every command reaches."""
    app = Kirjuri(Target(sqlite_path=Path(open_city)))
    try:
        try:
            intake.check_new(app.state, UnitRegistered(id="x", effective=D(2024, 1, 1), author="t", code=code,
                                                       recorded_at=dt.datetime.now(dt.UTC), name="Uusi",
                                                       level="yksikkö", parent="HALL"))
        except Rejected:
            assume(False)
        assume(code not in app.state.units)
    finally:
        app.close()
    added = kirjuri(open_city, "unit", "add", code, f"Uusi {len(code)}", "--level", "yksikkö", "--parent", "HALL",
                    "--effective", "1.1.2024")
    assert added.exit_code == 0, added.output
    amended = kirjuri(open_city, "amend", "2025", f"{code}:MENOT=-1", *DECIDED)
    assert amended.exit_code == 0, amended.output
    assert kirjuri(open_city, "show", code, "--year", "2025").exit_code == 0
    assert kirjuri(open_city, "history", code).exit_code == 0
    app = Kirjuri(Target(sqlite_path=Path(open_city)))
    try:
        assert forms.unit(app.state, code, "unit", 2025) == code
        assert app.state.own_figures(2025, code)[("MENOT", "MUUTOS")] == -100
    finally:
        app.close()
    table = Path(open_city).with_suffix(".csv")
    with table.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, delimiter=";").writerows([["year", "column", "unit", "unit_path", "account", "amount"],
                                                  ["2025", "TS", code, f"KEMIJARVI/HALL/{code}", "MENOT", "-1"]])
    (row,) = read_long(table).rows
    assert (row.unit, row.path) == (code, ("KEMIJARVI", "HALL", code))
