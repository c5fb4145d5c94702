"""The command line's own usage errors in the language asked for, Finnish when none is: one line naming the
option as it is typed or the argument by its word, and the value, exit status 2, nothing written; English,
when asked for, as the parser has always said it."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli.app import app

runner = CliRunner()

#: a usage error, and the words each language says it with (Finnish, Swedish)
CASES = [
    (["show", "--nosuch"], "tuntematon valitsin --nosuch", "okänd flagga --nosuch"),
    (["show", "ELTY"], "valitsin --year puuttuu;", "flaggan --year saknas;"),
    (["show", "ELTY", "--year", "abc"], "--year: virheellinen arvo 'abc'", "--year: ogiltigt värde 'abc'"),
    (["show"], "argumentti yksikkö puuttuu;", "argumentet enhet saknas;"),
    (["record", "ks", "abc", "X:Y=1"], "vuosi: virheellinen arvo 'abc'", "år: ogiltigt värde 'abc'"),
    (["adopt", "2026"], "argumentti rivit puuttuu;", "argumentet rader saknas;"),
    (["import", "nosuch.pdf"], "tiedosto: 'nosuch.pdf' ei ole olemassa;", "fil: 'nosuch.pdf' finns inte;"),
    (["restore", "."], "tiedosto: '.' on hakemisto;", "fil: '.' är en katalog;"),
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


@pytest.mark.parametrize(("lang_args", "env"), [(("--lang", "en"), {"LC_ALL": "C", "LANG": "C"}),
                                                ((), {"KIRJURI_LANG": "en"}), ((), {"LANG": "en_GB.UTF-8"})],
                         ids=["--lang", "KIRJURI_LANG", "locale"])
def test_english_asked_for_is_the_parser_s_own_text(tmp_path, lang_args, env):
    result = run(tmp_path, ["show", "--nosuch"], lang_args, env=env)
    assert result.exit_code == 2
    assert "Usage: kirjuri show" in result.stderr and "Error: No such option: --nosuch" in result.stderr


@pytest.mark.parametrize("args,fi,sv", CASES)
def test_with_no_language_asked_a_usage_error_is_finnish(tmp_path, args, fi, sv):
    """A C or POSIX locale, no --lang, no $KIRJURI_LANG: the one line is the Finnish one."""
    for env in ({"LC_ALL": "C", "LANG": "C"}, {"LANG": "POSIX"}):
        result = run(tmp_path, args, env=env)
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr.startswith(f"kirjuri: {fi}") and result.stderr.count("\n") == 1, result.stderr


def test_every_argument_of_every_command_has_its_word_in_each_language():
    """An argument is named by its word, never by the parser's internal name of it: a command that adds an
    argument adds its word to the catalogues."""
    import typer.main

    from cli.usage import argument_word

    def arguments(command):
        yield from (p.name for p in command.params if p.param_type_name == "argument")
        for sub in getattr(command, "commands", {}).values():
            yield from arguments(sub)

    names = set(arguments(typer.main.get_command(app)))
    assert {"year", "lines", "unit", "file"} <= names
    for lang in ("fi", "sv"):
        words = {name: argument_word(name, lang) for name in names}
        assert all(word != name for name, word in words.items()), words


def test_a_help_screen_for_a_group_without_its_command_is_still_the_help(tmp_path):
    result = run(tmp_path, ["unit"], ("--lang", "fi"))
    assert result.exit_code == 2 and "Commands:" in result.output
