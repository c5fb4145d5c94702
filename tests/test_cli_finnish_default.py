"""Finnish when nothing asks otherwise, and the CLI's last English lines said in Swedish and Finnish.

Under a C or POSIX locale, with no --lang and no $KIRJURI_LANG, a refusal, a finding and the import preview
are Finnish like every other line (a usage error: tests/test_usage_language.py); --lang en, $KIRJURI_LANG=en
or an English locale gives English. A ledger that is not there (or is no ledger), and an actuals file's
problems (a column it lacks, an amount it cannot read, a month the ledger already holds) are said in the
language asked for: one line, a non-zero exit, nothing written, no traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from ledger.books.longformat import write_long
from ledger.domain.refusals import Rejected, why

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXPORT = EXAMPLES / "actuals" / "kemijarvi-2026-q1.csv"
MAPPING = EXAMPLES / "actuals" / "kemijarvi-mapping.toml"
#: a C locale, a POSIX one, and an unset one: no language asked
NONE_ASKED = [{"LANG": "C.UTF-8"}, {"LANG": "POSIX"}, {"LANG": None, "LC_ALL": "C"}]
#: English asked for, each way it can be
ENGLISH = [(["--lang", "en"], {}), ([], {"KIRJURI_LANG": "en"}), ([], {"LANG": "en_GB.UTF-8"})]


def kirjuri(db: Path, *args: str, env: dict | None = None):
    return runner.invoke(app, ["--db", str(db), "--author", "testi", *args], env=env or {})


@pytest.fixture
def ledger(tmp_path) -> Path:
    """The Kemijärvi example in a fresh SQLite file."""
    db = tmp_path / "k.sqlite"
    assert kirjuri(db, "restore", str(EXAMPLES / "kemijarvi.json")).exit_code == 0
    return db


def head(db: Path) -> str:
    return kirjuri(db, "head").stdout


def refused(db: Path, *args: str, env: dict | None = None) -> str:
    """The one line a refused command prints; it exits 1, writes nothing and prints no traceback."""
    before = head(db) if db.exists() else None
    result = kirjuri(db, *args, env=env)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kirjuri: "), result.stderr
    assert (head(db) if db.exists() else None) == before
    return lines[0]


# --- nothing asked: Finnish; English when asked --------------------------------------------------------


@pytest.mark.parametrize("env", NONE_ASKED)
def test_with_no_language_asked_a_refusal_is_finnish(ledger, env):
    line = refused(ledger, "show", "NOPE", "--year", "2026", env=env)
    assert line == "kirjuri: yksikkö: 'NOPE' ei ole tunnettu yksikkö (ks. `kirjuri units`)"


@pytest.mark.parametrize(("args", "env"), ENGLISH)
def test_english_asked_for_gives_the_english_refusal(ledger, args, env):
    line = refused(ledger, *args, "show", "NOPE", "--year", "2026", env=env)
    assert line == "kirjuri: unit: 'NOPE' is not a known unit (see `kirjuri units`)"


def test_with_no_language_asked_a_finding_is_finnish_and_english_when_asked(ledger):
    report = ["report", "maararahat", "KEV", "--year", "2026", "--before", "HALL"]
    finnish = kirjuri(ledger, *report)
    assert finnish.exit_code == 0, finnish.output
    assert "havainto: 2025 HALL Hallintopalvelut: MENOT TA on kirjan mukaan -6 817 670 €" in finnish.stdout
    assert "finding:" not in finnish.stdout
    english = kirjuri(ledger, *report, env={"KIRJURI_LANG": "en"})
    assert "finding: 2025 HALL Hallintopalvelut: MENOT TA" in english.stdout and "havainto" not in english.stdout


def test_with_no_language_asked_the_import_preview_is_finnish(ledger):
    before = head(ledger)
    preview = kirjuri(ledger, "import", str(EXPORT), "--mapping", str(MAPPING))
    assert preview.exit_code == 0, preview.output
    text = preview.stdout.replace("\xa0", " ")
    assert text.startswith("kemijarvi-2026-q1.csv: 64 riviä, 61 kohdistettu tiedostolla kemijarvi-mapping.toml "
                           "(etumerkki käännetty, kerroin 1)")
    assert "rivi 24: " in text and "mitään ei kirjattu" in text
    assert "rows" not in text and "mapped by" not in text and "row 24" not in text
    assert head(ledger) == before
    english = kirjuri(ledger, "--lang", "en", "import", str(EXPORT), "--mapping", str(MAPPING))
    assert "64 rows, 61 mapped by kemijarvi-mapping.toml" in english.stdout


# --- a ledger that is not there, or is none ---------------------------------------------------------------


@pytest.mark.parametrize(("lang", "says"), [
    ("fi", "kirjanpitoa ei ole: {path}: aja ensin `kirjuri init` (tai anna --db)"),
    ("sv", "ingen bokföring finns: {path}: kör först `kirjuri init` (eller ange --db)"),
])
def test_a_missing_ledger_is_said_in_the_language_asked(tmp_path, lang, says):
    missing = tmp_path / "none.sqlite"
    line = refused(missing, "--lang", lang, "show", "KEV", "--year", "2026")
    assert line == f"kirjuri: {says.format(path=missing)}"
    assert not missing.exists(), "nothing is made where no ledger was"


@pytest.mark.parametrize(("lang", "says"), [
    ("fi", "kirjanpitoa ei ole: {path}: anna vioittunut kirjanpito valitsimella --db"),
    ("sv", "ingen bokföring finns: {path}: ange den skadade med --db"),
])
def test_recover_from_a_missing_ledger_is_said_in_the_language_asked(tmp_path, lang, says):
    missing, into = tmp_path / "none.sqlite", tmp_path / "new.sqlite"
    line = refused(missing, "--lang", lang, "recover", "--to", str(into))
    assert line == f"kirjuri: {says.format(path=missing)}"
    assert not missing.exists() and not into.exists()


@pytest.mark.parametrize(("lang", "says"), [("fi", "ei ole Kirjurin kirjanpito: aja ensin `kirjuri init`"),
                                            ("sv", "är ingen Kirjuri-bokföring: kör först `kirjuri init`")])
def test_an_empty_file_is_no_ledger_in_the_language_asked(tmp_path, lang, says):
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    assert refused(empty, "--lang", lang, "units") == f"kirjuri: {empty} {says}"
    assert empty.read_bytes() == b""


@pytest.mark.parametrize(("lang", "says"), [("fi", "ei ole Kirjurin vienti (muoto None)"),
                                            ("sv", "ingen Kirjuri-export (format None)")])
def test_a_file_that_is_no_export_is_said_in_the_language_asked(tmp_path, lang, says):
    db, export = tmp_path / "new.sqlite", tmp_path / "export.json"
    export.write_text('{"events": []}', encoding="utf-8")
    assert refused(db, "--lang", lang, "restore", str(export)) == f"kirjuri: {export}: {says}"


# --- an actuals file's problems -----------------------------------------------------------------------------


def _csv(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "export.csv"
    path.write_text("\r\n".join(["Kustannuspaikka;Kustannuspaikan nimi;Tili;Tilin nimi;Kausi;Summa", *rows]) + "\r\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("lang", "says"), [
    ("fi", "kirjuri: columns.amount: 'Määrä' ei ole tiedoston sarake (sen sarakkeet: Kustannuspaikka, "),
    ("sv", "kirjuri: columns.amount: 'Määrä' är ingen kolumn i filen (dess kolumner: Kustannuspaikka, "),
])
def test_a_column_the_file_lacks_is_said_in_the_language_asked(ledger, tmp_path, lang, says):
    mapping = tmp_path / "m.toml"
    mapping.write_text(MAPPING.read_text(encoding="utf-8").replace('amount = "Summa"', 'amount = "Määrä"'),
                       encoding="utf-8")
    assert refused(ledger, "--lang", lang, "import", str(EXPORT), "--mapping", str(mapping), "--apply").startswith(says)


@pytest.mark.parametrize(("lang", "says"), [("fi", "kirjuri: rivi 3: Summa: '12,3,4' ei ole euromäärä"),
                                            ("sv", "kirjuri: rad 3: Summa: '12,3,4' är inget belopp")])
def test_an_amount_that_cannot_be_read_is_said_in_the_language_asked(ledger, tmp_path, lang, says):
    export = _csv(tmp_path, ["1100;x;4400;y;2026/01;1,00", "1100;x;4400;y;2026/01;12,3,4"])
    line = refused(ledger, "--lang", lang, "import", str(export), "--mapping", str(MAPPING), "--apply")
    assert line.startswith(says), line


@pytest.mark.parametrize(("lang", "says", "line_of"), [
    ("fi", "kirjuri: kausi 1.1.2026–31.1.2026: Kausi alkaa: '1.1.2026' on päällekkäin jo kirjatun toteuman",
     "kirjuri: kausi 1.5.2026–31.5.2026: HALL MENOT: yksikkö: 'HALL' on lakkautettu (1.1.2026 alkaen)"),
    ("sv", "kirjuri: period 1.1.2026–31.1.2026: Perioden börjar: '1.1.2026' ",
     "kirjuri: period 1.5.2026–31.5.2026: HALL MENOT: enhet: 'HALL' är nedlagd (från 1.1.2026)"),
])
def test_a_month_the_rules_refuse_is_said_in_the_language_asked(ledger, tmp_path, lang, says, line_of):
    """A month already recorded with other figures, and a month for a unit closed before it: the rule's
    refusal under the month, a line named by its unit and account, in the language asked for."""
    assert kirjuri(ledger, "import", str(EXPORT), "--mapping", str(MAPPING), "--apply").exit_code == 0
    changed = _csv(tmp_path, [EXPORT.read_text(encoding="utf-8").splitlines()[1].replace("-8508,76", "-8508,77")])
    assert refused(ledger, "--lang", lang, "import", str(changed), "--mapping", str(MAPPING), "--apply").startswith(says)
    closed = tmp_path / "closed.toml"  # Hallintopalvelut was closed on 1.1.2026
    closed.write_text(MAPPING.read_text(encoding="utf-8") + '\n[[cost_centres]]\nnumber = "1190"\nunit = "HALL"\n',
                      encoding="utf-8")
    export = _csv(tmp_path, ["1190;x;4400;y;2026/05;1,00"])
    assert refused(ledger, "--lang", lang, "import", str(export), "--mapping", str(closed), "--apply") == line_of


# --- the long table's format, asked of the library ------------------------------------------------------------


def test_a_long_table_in_another_format_is_refused_in_every_language(tmp_path):
    path = tmp_path / "figures.ods"
    with pytest.raises(Rejected) as refusal:
        write_long([], path, "ods")
    assert (refusal.value.field, refusal.value.value) == ("format", "ods")
    assert why(refusal.value, "fi") == "ei ole mikään seuraavista: csv, xlsx"
    assert why(refusal.value, "sv").endswith("csv, xlsx") and why(refusal.value, "sv") != why(refusal.value, "en")
    assert not path.exists()
