"""The command line's own usage errors in the language asked for: one line naming the option or the
value, exit status 2, nothing written; English as the parser has always said it."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli.app import app

runner = CliRunner()

#: a usage error, and the words each language says it with (Finnish, Swedish)
CASES = [
    (["show", "--nosuch"], "tuntematon valitsin --nosuch", "okänd flagga --nosuch"),
    (["show", "ELTY"], "valitsin '--year' / '-y' puuttuu", "flaggan '--year' / '-y' saknas"),
    (["show", "ELTY", "--year", "abc"], "'--year' / '-y': virheellinen arvo 'abc'",
     "'--year' / '-y': ogiltigt värde 'abc'"),
    (["show", "ELTY", "--year", "2026", "extra"], "ylimääräinen argumentti extra", "oväntat argument extra"),
    (["nosuchcmd"], "tuntematon komento nosuchcmd", "okänt kommando nosuchcmd"),
    (["show", "ELTY", "--year"], "valitsin --year: arvo puuttuu", "flaggan --year: värdet saknas"),
]


def run(tmp_path, args, lang_args=(), env=None):
    db = tmp_path / "ledger.sqlite"
    result = runner.invoke(app, ["--db", str(db), *lang_args, *args], env=env or {}, prog_name="kirjuri")
    assert not db.exists(), "a usage error wrote nothing"
    return result


@pytest.mark.parametrize("args,fi,sv", CASES)
def test_a_usage_error_is_one_line_in_the_language_asked(tmp_path, args, fi, sv):
    for lang, words, see in (("fi", fi, "katso"), ("sv", sv, "se")):
        result = run(tmp_path, args, ("--lang", lang))
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"kirjuri: {words}"), lines
        assert f"; {see} kirjuri" in lines[0] and lines[0].endswith("--help"), lines
        for english in ("Usage:", "Try ", "Error:", "No such", "Missing", "Invalid", "unexpected"):
            assert english not in lines[0]


def test_the_language_comes_from_the_environment_and_a_command_s_own_lang(tmp_path):
    said = run(tmp_path, ["show", "--nosuch"], env={"KIRJURI_LANG": "sv"})
    assert said.exit_code == 2 and said.stderr.startswith("kirjuri: okänd flagga --nosuch; se kirjuri show --help")
    before_the_global = run(tmp_path, ["--nosuch", "--lang", "fi"])
    assert before_the_global.stderr.startswith("kirjuri: tuntematon valitsin --nosuch; katso kirjuri --help")
    own = run(tmp_path, ["tui", "--lang", "en", "--nosuch"], ("--lang", "sv"))
    assert own.exit_code == 2 and "No such option: --nosuch" in own.stderr


@pytest.mark.parametrize("lang_args", [("--lang", "en"), ()])
def test_english_is_the_parser_s_own_text(tmp_path, lang_args):
    result = run(tmp_path, ["show", "--nosuch"], lang_args, env={"LC_ALL": "C", "LANG": "C"})
    assert result.exit_code == 2
    assert "Usage: kirjuri show" in result.stderr and "Error: No such option: --nosuch" in result.stderr


def test_a_help_screen_for_a_group_without_its_command_is_still_the_help(tmp_path):
    result = run(tmp_path, ["unit"], ("--lang", "fi"))
    assert result.exit_code == 2 and "Commands:" in result.output
