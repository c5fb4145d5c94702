"""Swedish beside Finnish and English, and where the language comes from: --lang, then $KIRJURI_LANG,
then the locale, else Finnish, for the CLI as for the terminal UI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import ui
from cli.app import app
from ledger.domain import vocabulary
from tui.i18n import LANGUAGES, TEXTS, Texts

runner = CliRunner()
EXAMPLE = Path(__file__).parents[1] / "examples" / "kemijarvi.json"


# --- the UI's words ------------------------------------------------------------------------------


def test_every_language_of_the_ui_has_every_key():
    """A key one language lacks would crash the screen that shows it, in that language only."""
    assert LANGUAGES == ("fi", "sv", "en") == vocabulary.LANGUAGES
    keys = set(TEXTS["fi"])
    for lang in LANGUAGES:
        assert set(TEXTS[lang]) == keys, f"{lang}: missing {sorted(keys - set(TEXTS[lang]))}, extra {sorted(set(TEXTS[lang]) - keys)}"


def test_every_label_has_the_same_fields_in_every_language():
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, text in TEXTS["fi"].items():
        for lang in ("sv", "en"):
            assert fields(TEXTS[lang][key]) == fields(text), f"{lang} {key}"


#: labels Swedish spells as English does: "Version", "Organisation", "{code} {name} [{level}] under {parent}"
SAME_IN_SWEDISH = {"field.v", "tree.title", "change.registered"}


def test_the_swedish_ui_says_the_swedish_terms_of_municipal_finance():
    sv = Texts("sv")
    assert sv("form.amend") == "Budgetändring" and sv("form.reallocate") == "Anslagsöverföring"
    assert sv("kind.tp_recorded") == "Bokslut" and sv("kind.ks_set") == "Dispositionsplan"
    assert sv("kind.ts_set") == "Ekonomiplan" and sv("col.TOTEUMA") == "Utfall"
    assert sv("committee.title") == "Revisionsnämnden"
    copied = [key for key, text in TEXTS["sv"].items() if key not in SAME_IN_SWEDISH
              and text == TEXTS["en"][key] and text != TEXTS["fi"][key] and any(c.isalpha() for c in text)]
    assert not copied, f"Swedish labels left in English: {copied}"


# --- where the language comes from -----------------------------------------------------------------


@pytest.fixture
def opened(monkeypatch, tmp_path):
    """The UI records the language it was asked to speak instead of starting Textual."""
    calls = []
    monkeypatch.setattr(ui.FRONTENDS, "terminal", lambda ledger, lang, read_only, rules: calls.append(lang))
    monkeypatch.setattr(ui, "in_terminal", lambda: True)
    db = str(tmp_path / "demo.sqlite")
    assert runner.invoke(app, ["--db", db, "demo", "--tour"]).exit_code == 0
    return calls, db


@pytest.mark.parametrize(("args", "env", "lang"), [
    (["tui"], {}, "fi"),
    (["tui"], {"LANG": "sv_FI.UTF-8"}, "sv"),
    (["tui"], {"LANG": "de_DE.UTF-8"}, "fi"),
    (["tui"], {"LANG": "fi_FI.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
    (["tui"], {"LANG": "en_GB.UTF-8", "KIRJURI_LANG": "sv"}, "sv"),
    (["tui", "--lang", "en"], {"KIRJURI_LANG": "sv"}, "en"),
    (["--lang", "sv", "tui"], {"KIRJURI_LANG": "en"}, "sv"),
    (["--lang", "sv", "tui", "--lang", "en"], {}, "en"),
    (["--lang", "sv"], {}, "sv"),
    (["demo", "--lang", "sv"], {"LANG": "en_GB.UTF-8"}, "sv"),
    (["demo"], {"KIRJURI_LANG": "sv"}, "sv"),
])
def test_the_language_is_lang_then_kirjuri_lang_then_the_locale(opened, monkeypatch, args, env, lang):
    calls, db = opened
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["--db", db, *args])
    assert result.exit_code == 0, result.output
    assert calls == [lang]


def test_a_language_kirjuri_does_not_speak_is_refused_in_one_line(opened, monkeypatch):
    calls, db = opened
    monkeypatch.setenv("KIRJURI_LANG", "de")
    result = runner.invoke(app, ["--db", db, "tui"])
    assert result.exit_code == 1 and result.stderr == "kirjuri: KIRJURI_LANG: 'de' ei ole mikään seuraavista: fi, sv, en\n"
    assert calls == []
    english = runner.invoke(app, ["--db", db, "--lang", "en", "tui", "--lang", "de"])
    assert english.exit_code == 1 and english.stderr == "kirjuri: lang: 'de' is not one of fi, sv, en\n"


def _amend(db: str, *args: str, decision: str = "KV 9.6.2026 § 41"):
    return runner.invoke(app, ["--db", db, *args, "amend", "2026", "JOUKKOLIIKENNE:MENOT=-12 000",
                               "--effective", "15.6.2026", "--decision", decision])


def test_a_refusal_is_said_in_the_language_asked_and_in_finnish_when_none_is(opened, monkeypatch):
    _, db = opened
    finnish = ("kirjuri: päätös: 'KV 9.6.2026' ei ole päätös: kirjoita toimielin, päivämäärä ja §, esim. "
               "'KV 26.5.2025 § 50'\n")
    english = "kirjuri: decision: 'KV 9.6.2026' is not a decision: write body, date and §, e.g. 'KV 26.5.2025 § 50'\n"
    assert _amend(db, decision="KV 9.6.2026").stderr == finnish, "a C locale asks for no language"
    assert _amend(db, "--lang", "en", decision="KV 9.6.2026").stderr == english
    assert _amend(db, "--lang", "sv", decision="KV 9.6.2026").stderr == (
        "kirjuri: beslut: 'KV 9.6.2026' är inget beslut: skriv organ, datum och §, t.ex. 'KF 26.5.2025 § 50'\n")
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert _amend(db, decision="KV 9.6.2026").stderr == english
    monkeypatch.setenv("LANG", "fi_FI.UTF-8")
    assert _amend(db, decision="KV 9.6.2026").stderr == finnish


def test_ks_in_a_command_is_read_by_the_commands_language(opened):
    """KS is kommunstyrelsen to a Swedish clerk and refused to a Finnish one; KF is the council in either."""
    _, db = opened
    finnish = _amend(db, "--lang", "fi", decision="KS 9.6.2026 § 41")
    assert finnish.exit_code == 1 and "käyttösuunnitelma" in finnish.stderr
    swedish = _amend(db, "--lang", "sv", decision="KS 9.6.2026 § 41")
    assert swedish.exit_code == 1 and "endast fullmäktige" in swedish.stderr, "the board may not amend the TA"
    council = _amend(db, "--lang", "fi", decision="Stadsfullmäktige 9.6.2026 § 41")
    assert council.exit_code == 0, council.output
    history = runner.invoke(app, ["--db", db, "history", "JOUKKOLIIKENNE", "--limit", "1"])
    assert "Stadsfullmäktige 9.6.2026 § 41" in history.output, "the decision keeps the words it was cited in"


# --- numbers, dates and times by locale (ledger/domain/formats.py) --------------------------------

import datetime as dt  # noqa: E402

from hypothesis import assume, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from ledger.domain import formats, money  # noqa: E402
from ledger.domain.formats import SkippedTime  # noqa: E402

CENTS = st.integers(-money.AMOUNT_LIMIT, money.AMOUNT_LIMIT)
UTC = dt.UTC


@given(CENTS, st.sampled_from([None, 0, 2]))
def test_an_amount_by_babel_is_what_the_finnish_screens_have_always_shown(cents, decimals):
    """CLDR's fi_FI and sv_FI group thousands with the no-break space the screens used: no Finnish screen
    changes, and what is shown the project's own parser reads back, in every language."""
    for lang in ("fi", "sv", "en"):
        text = formats.amount(cents, lang, decimals=decimals)
        assert text == money.format_amount(cents, decimals=decimals)
        if decimals != 0:
            assert money.parse_amount(text) == cents


@given(st.integers(-10**7, 10**7))
def test_a_percentage_is_said_as_the_books_print_it(tenths):
    for lang in ("fi", "sv", "en"):
        assert formats.percent(tenths, lang) == money.format_percent(tenths)
        assert money.parse_percent(formats.percent(tenths, lang)) == tenths
    assert formats.percent(None) == ""


@given(st.lists(CENTS, min_size=3, max_size=3), st.sampled_from(["fi", "sv", "en"]))
def test_a_findings_amounts_are_held_whole_with_their_euro_where_a_line_may_break(amounts, lang):
    """A finding writes its amounts with ordinary spaces (as the minutes and the JSON print them); a screen folding
    it breaks at the spaces ``formats.held`` leaves, none of them inside an amount or before its "€"."""
    from ledger.domain.refusals import reason

    planned, budget, over = amounts
    said = reason("authority.ks_over", {"year": 2025, "unit": "HALL", "line": "NETTOMENO", "planned": planned,
                                        "budget": budget, "over": over}, lang)
    held = formats.held(said)
    assert held.replace(money.NBSP, " ") == said and " €" not in held
    assert all(formats.amount(cents, lang) in held for cents in amounts)


def test_an_amount_rounds_half_away_from_zero_never_babels_half_even():
    assert [formats.amount(c, decimals=0) for c in (150, 250, -150, -250, 49, -49)] == ["2", "3", "-2", "-3", "0", "0"]
    with pytest.raises(TypeError):
        formats.amount(1.5)


def test_a_date_is_said_as_the_minutes_cite_it_in_every_language():
    for lang in ("fi", "sv", "en"):
        assert formats.date(dt.date(2025, 5, 26), lang) == "26.5.2025"
    with pytest.raises(ValueError, match="unknown language 'de'"):
        formats.date(dt.date(2025, 5, 26), "de")


def test_a_stored_time_is_shown_in_finnish_time_winter_and_summer():
    assert formats.moment(dt.datetime(2026, 1, 15, 8, 0, 2, tzinfo=UTC)) == "15.1.2026 10:00:02"
    assert formats.moment(dt.datetime(2026, 7, 15, 8, 0, 2, tzinfo=UTC), "sv") == "15.7.2026 11:00:02"
    assert formats.moment(dt.datetime(2026, 12, 31, 22, 30, tzinfo=UTC)) == "1.1.2027 00:30:00", "a new day in Finland"


@pytest.mark.parametrize(("typed", "utc"), [
    ("29.3.2026 02:59", dt.datetime(2026, 3, 29, 0, 59, tzinfo=UTC)),      # winter time, the last minute
    ("29.3.2026 04:00", dt.datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),       # summer time, the first minute
    ("29.3.2026", dt.datetime(2026, 3, 29, 20, 59, 59, 999999, tzinfo=UTC)),  # that day ends at midnight, summer time
    ("25.10.2026 02:59", dt.datetime(2026, 10, 24, 23, 59, tzinfo=UTC)),
    ("25.10.2026 03:30", dt.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),    # the hour that comes twice: its first pass
    ("25.10.2026 04:00", dt.datetime(2026, 10, 25, 2, 0, tzinfo=UTC)),     # winter time again
    ("25.10.2026", dt.datetime(2026, 10, 25, 21, 59, 59, 999999, tzinfo=UTC)),
    ("2026-10-25T12:00", dt.datetime(2026, 10, 25, 10, 0, tzinfo=UTC)),
    ("2026-10-25T12:00+00:00", dt.datetime(2026, 10, 25, 12, 0, tzinfo=UTC)),
    ("25.10.2026 12:00 UTC", dt.datetime(2026, 10, 25, 12, 0, tzinfo=UTC)),
])
def test_a_typed_time_is_finnish_time_across_the_clock_changes(typed, utc):
    assert formats.parse_moment(typed) == utc


def test_a_time_the_spring_clocks_skip_is_refused_not_guessed():
    with pytest.raises(SkippedTime):
        formats.parse_moment("29.3.2026 03:30")


@given(st.datetimes(min_value=dt.datetime(1990, 1, 2), max_value=dt.datetime(2100, 12, 30), timezones=st.just(UTC)))
def test_a_shown_time_reads_back_as_the_same_second(at):
    """What the trail or the banner shows, typed into the time-travel form, is the same moment, except
    in the second pass of autumn's repeated hour, which a wall clock cannot tell from the first."""
    local = at.astimezone(formats.ZONE)
    assume(local.replace(fold=0).utcoffset() == local.utcoffset())
    assert formats.parse_moment(formats.moment(at)) == at.replace(microsecond=0)


def test_known_at_on_the_command_line_is_finnish_time(opened):
    """The example's TA 2026 was recorded at 10:00:02 by a Finnish clock (08:00:02 UTC): known at 09:59
    local time it was not yet in the ledger; at 10:01 it was."""
    _, db = opened
    before = runner.invoke(app, ["--db", db, "show", "JOUKKOLIIKENNE", "--year", "2026", "--known-at", "15.1.2026 09:59"])
    after = runner.invoke(app, ["--db", db, "show", "JOUKKOLIIKENNE", "--year", "2026", "--known-at", "15.1.2026 10:01"])
    assert before.exit_code == after.exit_code == 0, before.output + after.output
    assert "-334 000" not in before.output and "-334 000" in after.output.replace("\u00a0", " ")
    assert "tiedossa 15.1.2026 10:01:00" in " ".join(after.output.split())
    skipped = runner.invoke(app, ["--db", db, "show", "JOUKKOLIIKENNE", "--year", "2026", "--known-at", "29.3.2026 03:30"])
    assert skipped.exit_code == 1 and skipped.stderr.startswith("kirjuri: known-at: '29.3.2026 03:30' ei ole aika Suomessa")


# --- the terminal UI in Swedish -----------------------------------------------------------------------

from test_tui import run, text_of, until  # noqa: E402
from test_tui_snapshots import TODAY, demo, on_unit, typed  # noqa: E402, F401
from textual.command import CommandPalette  # noqa: E402
from textual.widgets import Input  # noqa: E402

from tui.app import KirjuriApp  # noqa: E402
from tui.screens.event import EventScreen  # noqa: E402
from tui.screens.form import FormScreen  # noqa: E402


@pytest.mark.parametrize(("lang", "said"), [("sv", "endast fullmäktige"), ("fi", "käyttösuunnitelma")])
def test_a_form_reads_ks_in_the_uis_language(demo, lang, said):
    """A Swedish clerk's KS is kommunstyrelsen (which may not amend the TA); a Finnish clerk's is the
    käyttösuunnitelma, no body at all: each form says so in its own language."""
    async def scenario(app, pilot):
        await on_unit(app, "JOUKKOLIIKENNE")
        await typed(app, "a", *"-12 000", "tab", *"KS 9.6.2026 § 41")
        form = app.screen
        assert isinstance(form, FormScreen)
        await until(lambda: form.outcome is not None and form.outcome.values == form.values())
        assert form.outcome.error is not None and form.outcome.error.field == "decision"
        assert said in form.query_one("#message").said.plain

    run(KirjuriApp(demo, today=TODAY, lang=lang), scenario)


def test_the_swedish_ui_says_its_palette_and_the_event_in_swedish_and_finnish_time(demo):
    async def scenario(app, pilot):
        await on_unit(app, "JOUKKOLIIKENNE")
        await typed(app, "ctrl+p")
        await until(lambda: CommandPalette.is_open(app))
        assert app.screen.query_one(Input).placeholder == "Sök kommandon…"
        await typed(app, "escape", "tab", "tab", "enter")
        await until(lambda: isinstance(app.screen, EventScreen))
        chain, fields = text_of(app.screen.query_one("#chain")), text_of(app.screen.query_one("#fields"))
        assert "löpnummer" in chain and "seq" not in chain
        assert "Bokförd" in fields and "15.1.2026 10:00:02" in fields, "recorded 08:00:02 UTC, shown in Finnish time"

    run(KirjuriApp(demo, today=TODAY, lang="sv"), scenario)
