"""`kirjuri report` in the language asked: every word Kirjuri writes into a table (title, headings, the accounts'
rows, totals, "ks. …") in Swedish, Finnish or English, in the terminal and in its .csv / .xlsx / .md files;
what the user recorded (a unit's name) as it was recorded."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from conftest import KV, KV_2026, small_city
from typer.testing import CliRunner

from cli.app import app as cli
from events.model import Line
from ledger.app import Kirjuri
from ledger.reports import tables as rp

EXAMPLES = Path(__file__).parents[1] / "examples"
runner = CliRunner()
#: words of the Finnish book's tables that a Swedish report must not show (its units' names aside)
FINNISH = ("yhteensä", "Alkuperäinen", "muutosten jälkeen", "Toteutuma", "Poikkeama", "TP-ennuste", "Käyttämättä",
           "MENOT", "TULOT", "NETTOMENO", "talousarvion", "ks. ", "julkaistu")
#: English words a Swedish or Finnish report must not show
ENGLISH = ("total", "Original", "Actual", "Deviation", "forecast", "published", "Change", "budget against")


def kirjuri(db: Path, *args: str):
    return runner.invoke(cli, ["--db", str(db), "--author", "testi", *args])


@pytest.fixture(scope="module")
def kemijarvi(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("kemijarvi") / "ledger.sqlite"
    assert kirjuri(db, "restore", str(EXAMPLES / "kemijarvi.json")).exit_code == 0
    return db


def _none_of(words: tuple[str, ...], text: str) -> None:
    """None of ``words`` as a word of ``text`` ("total" is not in "totalt")."""
    found = [word for word in words if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)]
    assert not found, f"{found} in\n{text}"


def test_a_swedish_toteutumisvertailu_says_every_heading_row_and_total_in_swedish(kemijarvi):
    result = kirjuri(kemijarvi, "--lang", "sv", "report", "toteutumisvertailu", "HALL", "--year", "2025")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.splitlines()[:2] == ["Hallintopalvelut: jämförelse mellan budget och utfall 2025", "som publicerad"]
    for heading in ("Ursprunglig TA", "TA-ändringar", "TA efter ändringar", "Utfall 2025", "Avvikelse", "Utfall-%",
                    "Bokslutsprognos"):
        assert heading in out
    for label in ("Utgifter", "Inkomster", "Nettoutgift", "Sektor totalt"):
        assert f"│ {label} " in out or f"│   {label} " in out
    assert "Keskusvaalilautakunta" in out  # a unit's name is what the ledger recorded
    _none_of(FINNISH + ENGLISH, out.replace("Hallintopalvelut", ""))


def test_a_finnish_report_keeps_the_books_words_and_no_english_one(kemijarvi):
    result = kirjuri(kemijarvi, "--lang", "fi", "report", "toteutumisvertailu", "HALL", "--year", "2025")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.splitlines()[0] == "Hallintopalvelut: talousarvion toteutumisvertailu 2025"
    for word in ("Alkuperäinen TA", "TA muutosten jälkeen", "Toteutuma", "Poikkeama", "TP-ennuste", "Toimiala yhteensä",
                 "MENOT", "NETTOMENO"):
        assert word in out
    _none_of(ENGLISH + ("Utgifter", "totalt", "Ursprunglig"), out)


def test_a_swedish_reports_files_have_swedish_headers_and_rows(kemijarvi, tmp_path):
    for suffix in ("csv", "xlsx", "md"):
        result = kirjuri(kemijarvi, "--lang", "sv", "report", "units", "HALL", "--columns", "TA+MUUTOS 2025, TPE 2025",
                         "-o", str(tmp_path / f"hall.{suffix}"))
        assert result.exit_code == 0, result.output
    rows = list(csv.reader((tmp_path / "hall.csv").read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[:2] == [["Hallintopalvelut", "TA+ändringar", "TPE"], ["som publicerad", "2025", "2025"]]
    labels = [row[0] for row in rows]
    assert "Utgifter" in labels and "Sektor totalt" in labels and "Keskusvaalilautakunta" in labels
    book = openpyxl.load_workbook(tmp_path / "hall.xlsx")
    sheet = book.active
    assert sheet.title == "Rapport" and sheet["B1"].value == "TA+ändringar"
    assert "Nettoutgift" in [cell.value for cell in sheet["A"]]
    markdown = (tmp_path / "hall.md").read_text(encoding="utf-8")
    assert "| TA+ändringar 2025 | TPE 2025 |" in markdown and "**Sektor totalt**" in markdown
    for text in ("\n".join(";".join(row) for row in rows), markdown):
        _none_of(FINNISH + ENGLISH, text.replace("Hallintopalvelut", ""))


def test_an_english_report_says_its_own_words_in_english(kemijarvi):
    result = kirjuri(kemijarvi, "--lang", "en", "report", "toteutumisvertailu", "HALL", "--year", "2025")
    assert result.exit_code == 0, result.output
    for word in ("budget against actuals 2025", "Original TA", "TA after amendments", "Actual 2025", "Deviation",
                 "TP forecast", "Toimiala total", "as published"):
        assert word in result.stdout
    _none_of(("yhteensä", "Alkuperäinen", "Poikkeama", "talousarvion"), result.stdout)


@pytest.fixture
def moved(sqlite_target, clock):
    """JL moves from Yleishallinto to ET for 2026: printed under both, each year's cell saying where it is."""
    ledger = small_city(Kirjuri(sqlite_target, create=True, author="testi", clock=clock))
    ledger.adopt(2025, [Line("JL", "MENOT", -300_00), Line("TP", "MENOT", -500_00)], decision=KV)
    ledger.transfer("JL", "ET", effective=dt.date(2026, 1, 1), decision=KV)
    ledger.adopt(2026, [Line("JL", "MENOT", -320_00)], decision=KV_2026)
    yield ledger
    ledger.close()


def test_a_moved_units_cell_and_every_total_are_said_in_the_language(moved):
    report = rp.unit_block(moved.state, "KJ", [("TA", 2025), ("TA", 2026)])
    assert report.blocks("Joukkoliikenne")[0]["MENOT"] == (-300_00, "ks. Elinkeino- ja työllisyyspalvelut")
    swedish = rp.in_language(report, "sv")
    old, new = swedish.blocks("Joukkoliikenne")
    assert old["Utgifter"] == (-300_00, "se Elinkeino- ja työllisyyspalvelut")
    assert new["Utgifter"] == ("se Yleishallinto", -320_00)
    assert swedish.block("Yleishallinto totalt")["Nettoutgift"] == (-800_00, None)
    assert swedish.block("Stad totalt")["Utgifter"] == (-800_00, -320_00)
    english = rp.in_language(report, "en")
    assert english.block("Kaupunki total")["MENOT"] == (-800_00, -320_00)
    assert english.blocks("Joukkoliikenne")[1]["MENOT"] == ("see Yleishallinto", -320_00)
    assert rp.in_language(report, "fi") == report  # Finnish: the books' own words, as the tables make them


# --- the README's tour in Swedish: the lines around the reports name accounts and levels in Swedish ---------


def test_the_tours_trail_units_proposals_and_rules_name_accounts_and_levels_in_swedish(tmp_path):
    db = tmp_path / "sv.sqlite"
    assert kirjuri(db, "restore", str(EXAMPLES / "kemijarvi.json")).exit_code == 0
    units = kirjuri(db, "--lang", "sv", "units", "--year", "2026").stdout
    assert units.startswith("KEMIJARVI  Kemijärven kaupunki  [stad]\n") and "[enhet]" in units
    amended = kirjuri(db, "--lang", "sv", "amend", "2026", "JOUKKOLIIKENNE:MENOT=-12 000", "--effective", "15.6.2026",
                      "--decision", "KV 9.6.2026 § 41")
    assert amended.exit_code == 0, amended.output
    history = kirjuri(db, "--lang", "sv", "history", "JOUKKOLIIKENNE").stdout
    assert "JOUKKOLIIKENNE: Utgifter TA-ändringar: – → -12 000" in history.replace("\u00a0", " ")
    assert "JOUKKOLIIKENNE Joukkoliikenne [enhet] under HALL" in history
    proposed = kirjuri(db, "--lang", "sv", "propose", "2026", "JOUKKOLIIKENNE:MENOT=-1 000", "--body", "KV",
                       "--effective", "15.6.2026", "--decision", "KH 2.6.2026 § 80")
    assert proposed.exit_code == 0, proposed.output
    row = next(line for line in kirjuri(db, "--lang", "sv", "proposals").stdout.splitlines() if "#163" in line)
    assert "│ KF " in row and "JOUKKOLIIKENNE:Utgifter" in row  # KV is KF in Swedish, as a decision is cited
    changed = kirjuri(db, "--lang", "sv", "diff", "KEV", "--year", "2026", "--from-known-at", "1.2.2026").stdout
    assert "Utgifter" in changed and "Nettoutgift" in changed
    rules = kirjuri(db, "--lang", "sv", "rules").stdout
    assert re.search(r"bindningsnivå +ansvarsområde\n", rules) and re.search(r"bindande rad +Nettoutgift\n", rules)
    _none_of(("MENOT", "NETTOMENO", "yksikkö", "kaupunki]", "toimiala]", "vastuualue"),
             units + history + row + changed + rules)


def test_proposals_at_80_columns_keep_every_amount_whole(tmp_path, monkeypatch):
    """The change column folds a long unit:account, never an amount (rich breaks at a no-break space too)."""
    from cut import cuts_in

    import cli.common

    db = tmp_path / "p.sqlite"
    assert kirjuri(db, "restore", str(EXAMPLES / "kemijarvi.json")).exit_code == 0
    proposed = kirjuri(db, "propose", "2026", "JOUKKOLIIKENNE:MENOT=-12 000", "TONTIT:TOIMINTATUOTOT=1 000",
                       "--body", "KV", "--effective", "15.6.2026", "--decision", "KH 2.6.2026 § 80")
    assert proposed.exit_code == 0, proposed.output
    monkeypatch.setattr(cli.common.out, "width", 80)
    for lang in ("sv", "fi", "en"):
        listed = kirjuri(db, "--lang", lang, "proposals").stdout
        assert max(len(line) for line in listed.splitlines()) <= 80
        assert "-12\u00a0000" in listed and "1\u00a0000" in listed and cuts_in(listed) == [], listed


def test_an_actuals_preview_names_its_accounts_in_swedish(kemijarvi):
    actuals = EXAMPLES / "actuals"
    result = kirjuri(kemijarvi, "--lang", "sv", "import", str(actuals / "kemijarvi-2026-q1.csv"), "--mapping",
                     str(actuals / "kemijarvi-mapping.toml"))
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if line.startswith("JOUKKOLIIKENNE "))
    assert row.split()[:2] == ["JOUKKOLIIKENNE", "Utgifter"]
    _none_of(("MENOT", "TULOT"), result.stdout)
