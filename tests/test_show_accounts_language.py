"""`kirjuri show --lang sv` labels its accounts by the chart's Swedish names, as the TUI's figures table does
(issue 19): no MENOT or TOIMINTATUOTOT on a Swedish screen. Finnish and English keep the books' own keys.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
#: per language: the account rows `show --accounts` prints for a TOIMINTATUOTOT line, in their order
ROWS = {
    "sv": ["Inkomster", "Nettoutgift", "Verksamhetsintäkter", "Verksamhetsbidrag"],
    "fi": ["TULOT", "NETTOMENO", "TOIMINTATUOTOT", "TOIMINTAKATE"],
    "en": ["TULOT", "NETTOMENO", "TOIMINTATUOTOT", "TOIMINTAKATE"],
}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> Path:
    """The Kemijärvi example with one käyttötalous account's TA-muutos on KADUT."""
    db = tmp_path_factory.mktemp("show") / "k.sqlite"
    assert runner.invoke(app, ["--db", str(db), "restore", str(EXAMPLES / "kemijarvi.json")]).exit_code == 0
    amended = runner.invoke(app, ["--db", str(db), "--author", "testi", "amend", "2025", "KADUT:TOIMINTATUOTOT=5 000",
                                  "--effective", "1.2.2025", "--decision", "KV 1.1.2025 § 1"])
    assert amended.exit_code == 0, amended.output
    return db


@pytest.mark.parametrize("lang", sorted(ROWS))
def test_show_labels_the_accounts_in_the_language_asked(ledger, lang):
    result = runner.invoke(app, ["--db", str(ledger), "--lang", lang, "show", "KADUT", "--year", "2025", "--accounts"])
    assert result.exit_code == 0, result.output
    labels = [line.strip("│ ").split("│")[0].strip() for line in result.stdout.splitlines() if line.startswith("│  ")]
    assert labels == ROWS[lang], result.stdout
    if lang == "sv":
        assert not {"MENOT", "TULOT", "NETTOMENO", "TOIMINTATUOTOT"} & set(result.stdout.split()), result.stdout
