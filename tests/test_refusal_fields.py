"""A refusal names its field in the language asked (issue 19): "summa: '5x' …", "rad 1, enhet: 'NOPE' …".

English keeps the field's own name ("lines[1].unit"), as every English line and script reads it; a name that
is not Kirjuri's own (a column of the user's file, an environment variable, an option as typed) is printed
as it is in every language.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from ledger.domain.refusals import field_said
from ledger.locale.reason import Reason

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DECISION = ["--effective", "1.2.2025", "--decision", "KV 1.1.2025 § 1"]

#: a command refused at one field, and how the refusal starts in each language
REFUSED = [
    (["reallocate", "2025", "--from", "KADUT:MENOT", "--to", "HULEVEDET:MENOT", "--amount", "5x", *DECISION],
     {"fi": "summa: '5x'", "sv": "belopp: '5x'", "en": "amount: '5x'"}),
    (["history", "NOPE"], {"fi": "yksikkö: 'NOPE'", "sv": "enhet: 'NOPE'", "en": "unit: 'NOPE'"}),
    (["amend", "2025", "KADUT:MENOT=5", "--effective", "1.2.2025", "--decision", "hmm"],
     {"fi": "päätös: 'hmm'", "sv": "beslut: 'hmm'", "en": "decision: 'hmm'"}),
    (["amend", "2025", "KADUT:NOPE=5", *DECISION],
     {"fi": "rivi 1, tili: 'NOPE'", "sv": "rad 1, konto: 'NOPE'", "en": "lines[1].account: 'NOPE'"}),
    (["amend", "2025", "KADUT:MENOT=5", "KADUT-MENOT", *DECISION],
     {"fi": "rivi 2: 'KADUT-MENOT'", "sv": "rad 2: 'KADUT-MENOT'", "en": "lines[2]: 'KADUT-MENOT'"}),
    (["amend", "1800", "KADUT:MENOT=5", *DECISION], {"fi": "vuosi: 1800", "sv": "år: 1800", "en": "year: 1800"}),
    (["amend", "2025", "KADUT:MENOT=5", "--key", "a\tb", *DECISION],
     {"fi": "avain: 'a\\tb'", "sv": "nyckel: 'a\\tb'", "en": "key: 'a\\tb'"}),
    # a body the law does not let amend the TA: named by the language's word, as the UI's form says it
    (["amend", "2025", "KADUT:MENOT=5", "--effective", "1.2.2025", "--decision", "Sivistyslautakunta 1.1.2025 § 1"],
     {"fi": "päätös, toimielin: 'lautakunta'", "sv": "beslut, organ: 'nämnd'", "en": "decision.body: 'lautakunta'"}),
    (["amend", "2025", "KADUT:MENOT=5", "--effective", "1.2.2025", "--decision", "KH 1.1.2025 § 1"],
     {"fi": "päätös, toimielin: 'hallitus'", "sv": "beslut, organ: 'styrelse'", "en": "decision.body: 'hallitus'"}),
]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory) -> Path:
    """The Kemijärvi example in a fresh SQLite file, read (never written) by every test here."""
    db = tmp_path_factory.mktemp("fields") / "k.sqlite"
    assert runner.invoke(app, ["--db", str(db), "restore", str(EXAMPLES / "kemijarvi.json")]).exit_code == 0
    return db


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize(("args", "starts"), REFUSED, ids=[" ".join(args[:2]) for args, _ in REFUSED])
def test_a_refusal_names_its_field_in_the_language_asked(ledger, lang, args, starts):
    result = runner.invoke(app, ["--db", str(ledger), "--author", "testi", "--lang", lang, *args])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert result.stderr.startswith(f"kirjuri: {starts[lang]} "), result.stderr


def test_the_finnish_default_names_the_field_in_finnish(ledger):
    """With no language asked (a C locale) the field is Finnish like the rest of the line."""
    result = runner.invoke(app, ["--db", str(ledger), "history", "NOPE"])
    assert result.exit_code == 1 and result.stderr.startswith("kirjuri: yksikkö: 'NOPE' ei ole"), result.stderr


@pytest.mark.parametrize(("field", "fi", "sv"), [
    ("lines[3].amount", "rivi 3, summa", "rad 3, belopp"),
    ("moves[2].to_unit", "siirto 2, yksikköön", "överföring 2, till enhet"),
    ("decision.date", "päätös, päivämäärä", "beslut, datum"),
    ("lines", "rivit", "rader"),
])
def test_an_indexed_or_dotted_field_is_said_part_by_part_and_english_keeps_the_name(field, fi, sv):
    assert (field_said(field, "fi"), field_said(field, "sv"), field_said(field, "en")) == (fi, sv, field)


@pytest.mark.parametrize("field", ["KIRJURI_LANG", "--year", "known-at", "Summa", "Kustannuspaikka", "lines[1].Tili",
                                   "amount.Menot"])
def test_a_field_that_is_not_kirjuris_own_is_printed_as_it_is(field):
    assert {field_said(field, lang) for lang in ("fi", "sv", "en")} == {field}


def test_a_readers_reason_as_the_field_is_said_in_the_language():
    reason = Reason("unread.outside_tables")
    assert field_said(reason, "sv") == reason.said("sv") and field_said(reason, "en") == str(reason)
