"""`kirjuri`, `kirjuri tui` and `kirjuri demo` open the terminal UI (cli/ui.py's ``FRONTENDS.terminal``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cli.app as entry
import tui
from cli import ui
from cli.app import app
from ledger.audit import authority

RULES = Path(__file__).parents[1] / "examples" / "kemijarvi-rules.toml"

runner = CliRunner()


@pytest.fixture
def opened(monkeypatch, tmp_path):
    """The viewer records what it was asked to open instead of starting Textual (the UI folds the state itself)."""
    calls = []

    def view(ledger, lang, read_only, rules):
        assert not ledger.loaded, "the UI is handed the ledger unfolded, to paint first"
        ledger.load()
        calls.append((ledger.state.seq, lang, read_only) + (() if rules is None else (rules,)))

    monkeypatch.setattr(ui.FRONTENDS, "terminal", view)
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("XDG_DATA_HOME", "KIRJURI_DB", "KIRJURI_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    return calls


def _demo_db(tmp_path) -> str:
    db = str(tmp_path / "demo.sqlite")
    assert runner.invoke(app, ["--db", db, "demo", "--tour"]).exit_code == 0
    return db


def test_the_entry_point_opens_the_terminal_ui_itself(tmp_path, monkeypatch):
    """No one plugs the UI in: what `kirjuri tui` starts is ``tui.run``, on the ledger --db names, unfolded."""
    started = []
    monkeypatch.setattr(tui, "run", lambda ledger, **options: started.append((ledger.loaded, options)))
    monkeypatch.setattr("sys.argv", ["kirjuri", "--db", _demo_db(tmp_path), "tui", "--lang", "en"])
    entry.main()
    assert ui.FRONTENDS.terminal is ui.run_terminal_ui
    assert started == [(False, {"lang": "en", "read_only": False, "rules": None})]


#: what the first frame does without, each loaded by the command that needs it: the books' tables
#: and openpyxl, the importers, export, backup and recovery, and the web server's stack
NOT_AT_START = ("openpyxl", "ledger.reports.tables", "ledger.books", "ledger.store.exchange",
                "ledger.store.backup", "ledger.store.recover", "textual_serve", "aiohttp")

#: `kirjuri --db DB tui` in a fresh process, up to the moment the UI starts: the modules loaded by then
_AT_START = """
import sys, tui, cli.app
def started(ledger, **options):
    import tui.app
    print(" ".join(sorted(sys.modules)))
tui.run = started
sys.argv = ["kirjuri", "--db", sys.argv[1], "tui"]
cli.app.main()
"""


def test_the_ui_starts_without_the_reports_the_importers_or_openpyxl(tmp_path):
    found = subprocess.run([sys.executable, "-c", _AT_START, _demo_db(tmp_path)], capture_output=True, text=True,
                           timeout=120)
    modules = set(found.stdout.split())
    assert {"tui.app", "cli.reports", "cli.books"} <= modules, found.stdout + found.stderr
    assert sorted(m for m in modules if m.startswith(NOT_AT_START)) == []


@pytest.mark.parametrize("argv, options", [
    ([], {}),
    (["tui"], {}),
    (["--db", "x.sqlite", "--author=Liisa", "tui", "--read-only", "--lang", "en"],
     {"db": "x.sqlite", "author": "Liisa", "read_only": True, "lang": "en"}),
    (["--db=postgresql://k@h/db"], {"db": "postgresql://k@h/db"}),
    (["units"], None),
    (["--help"], None),
    (["tui", "--help"], None),
    (["--lang", "en"], {"lang": "en"}),
    (["--lang", "sv", "tui", "--lang", "en"], None),
    (["tui", "--db", "x"], None),
    (["--db"], None),
    (["--db", "a", "--db", "b"], None),
    (["tui", "--read-only=yes"], None),
    (["tui", "--rules", "r.toml"], {"rules": "r.toml"}),
    (["--rules", "r.toml"], None),
])
def test_a_plain_call_to_open_the_ui_is_read_without_typer(argv, options):
    assert ui.viewer_call(argv) == options


def test_the_fast_path_opens_the_ledger_and_refuses_like_typer(opened, tmp_path, monkeypatch, capsys, english):
    db = _demo_db(tmp_path)
    monkeypatch.setattr(entry, "app", lambda: pytest.fail("typer parsed a plain call to open the UI"))
    monkeypatch.setattr("sys.argv", ["kirjuri", "--db", db, "tui", "--lang", "en", "--read-only"])
    entry.main()
    assert opened == [(161, "en", True)]
    monkeypatch.setattr("sys.argv", ["kirjuri", "--db", db, "tui", "--lang", "de"])
    with pytest.raises(SystemExit) as exit_:
        entry.main()
    assert exit_.value.code == 1 and "lang: 'de' is not one of fi, sv, en" in capsys.readouterr().err
    assert opened == [(161, "en", True)]


def test_no_command_and_tui_open_the_ledger(opened, tmp_path):
    db = _demo_db(tmp_path)
    assert runner.invoke(app, ["--db", db]).exit_code == 0
    assert runner.invoke(app, ["--db", db, "tui", "--lang", "en", "--read-only"]).exit_code == 0
    assert opened == [(161, "fi", False), (161, "en", True)]


def test_tui_refuses_an_unknown_language_and_a_missing_ledger(opened, tmp_path, english):
    db = _demo_db(tmp_path)
    result = runner.invoke(app, ["--db", db, "tui", "--lang", "de"])
    assert result.exit_code == 1 and "lang: 'de' is not one of fi, sv, en" in result.stderr
    result = runner.invoke(app, ["--db", str(tmp_path / "none.sqlite"), "tui"])
    assert result.exit_code == 1 and "no ledger at" in result.stderr
    assert opened == []


@pytest.mark.parametrize("fast", [True, False], ids=["plain-call", "typer"])
def test_tui_takes_the_municipalitys_rules_of_authority(opened, tmp_path, monkeypatch, fast):
    db = _demo_db(tmp_path)
    argv = ["--db", db, "tui", "--read-only", "--rules", str(RULES)]
    if fast:
        monkeypatch.setattr("sys.argv", ["kirjuri", *argv])
        entry.main()
    else:
        assert runner.invoke(app, argv).exit_code == 0
    assert opened == [(161, "fi", True, authority.load(RULES))]
    assert opened[0][3] != authority.DEFAULT


def test_tui_refuses_a_wrong_rules_file_in_one_line_before_opening(opened, tmp_path, english):
    db = _demo_db(tmp_path)
    wrong = tmp_path / "rules.toml"
    wrong.write_text('[binding]\nlevel = "osasto"\n', encoding="utf-8")
    result = runner.invoke(app, ["--db", db, "tui", "--rules", str(wrong)])
    assert result.exit_code == 1 and result.stderr.startswith("kirjuri: binding.level: 'osasto' is not one of")
    assert result.stderr.count("\n") == 1
    result = runner.invoke(app, ["--db", db, "tui", "--rules", str(tmp_path / "none.toml")])
    assert result.exit_code == 1 and "rules:" in result.stderr and result.stderr.count("\n") == 1
    assert opened == []


def test_demo_prints_the_tour_when_not_in_a_terminal(opened, tmp_path):
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0 and "Palvelu siirretty" in result.stdout
    assert opened == []


def test_demo_takes_the_uis_options(opened, tmp_path, monkeypatch):
    """`kirjuri demo --lang en --read-only --rules F` opens the example as `kirjuri tui` with them would."""
    monkeypatch.setattr(ui, "in_terminal", lambda: True)
    rules = Path(__file__).parents[1] / "examples" / "kemijarvi-rules.toml"
    db = str(tmp_path / "demo.sqlite")
    result = runner.invoke(app, ["--db", db, "demo", "--lang", "en", "--read-only", "--rules", str(rules)])
    assert result.exit_code == 0, result.output
    ((seq, lang, read_only, loaded),) = opened
    assert seq == 161 and lang == "en" and read_only and loaded.municipality


def test_demo_refuses_a_wrong_language_or_rules_file_before_making_the_example(opened, tmp_path):
    db = tmp_path / "demo.sqlite"
    for args, field in ((["--lang", "xx"], "lang"), (["--rules", str(tmp_path / "none.toml")], "rules")):
        result = runner.invoke(app, ["--db", str(db), "demo", *args])
        assert result.exit_code == 1 and result.stderr.startswith(f"kirjuri: {field}") and result.stderr.count("\n") == 1
    assert not db.exists() and opened == []
