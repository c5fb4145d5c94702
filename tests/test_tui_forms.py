"""The TUI's forms on the Kemijärvi example: what is confirmed is in the store, what is not is not.

Each test drives ``KirjuriApp`` with Pilot (or with a burst of keys posted before any
is handled) and then reads the ledger itself: the event, its decision, its lines.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_tui import burst, run, settled, until
from textual import events

from events.model import EntryReversed, Line, Reallocated, ServiceTransferred, TaAmended
from ledger.domain import forms
from ledger.app import Kirjuri
from ledger.store.exchange import read_export
from ledger.fold.projections import figures
from tui.app import KirjuriApp
from tui.i18n import Texts
from tui.providers.commands import KirjuriCommands
from tui.screens.form import FormInput, FormScreen
from tui.screens.main import MainScreen
from tui.viewmodel import preview_rows

EXAMPLE = Path(__file__).parents[1] / "examples" / "kemijarvi.json"
EVENTS = 161


@pytest.fixture
def demo(sqlite_target) -> Kirjuri:
    app = Kirjuri(sqlite_target, create=True, author="virkailija")
    app.submit_recorded(read_export(EXAMPLE)[1])
    yield app
    app.close()


def kirjuri(ledger: Kirjuri, **kwargs) -> KirjuriApp:
    return KirjuriApp(ledger, today=dt.date(2026, 11, 22), **kwargs)


def form_of(app: KirjuriApp) -> FormScreen:
    assert isinstance(app.screen, FormScreen), f"no form open: {type(app.screen).__name__}"
    return app.screen


async def checked(form: FormScreen) -> None:
    """Wait until the form shows the outcome of the fields as they are now."""
    await until(lambda: form.outcome is not None and form.outcome.values == form.values())


async def go_to(app: KirjuriApp, pilot, code: str) -> None:
    """Put the tree's cursor on the unit, as the palette's "go to unit" does."""
    app.main.go_to(code)
    await settled(app)
    assert app.main.selection.node == code


async def press(app: KirjuriApp, *keys: str) -> None:
    """Keys one after another, each handled before the next ("§" too, which Pilot's press drops)."""
    for key in keys:
        burst(app, key)
        await settled(app)


def last(ledger: Kirjuri):
    return ledger.records([ledger.state.seq])[ledger.state.seq].event


# --- TA-muutos --------------------------------------------------------------------------------------


def test_an_amendment_typed_in_the_form_is_in_the_store_with_its_decision(demo):
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "a")
        form = form_of(app)
        assert form.focused.id == "amount", "the form opens with the cursor in its first empty field"
        await press(app, *"-50 000", "tab", *"KV 15.6.2026 § 44")
        await checked(form)
        assert form.outcome.ok, form.outcome.error
        rows = [(r.node.strip(), r.line, r.before, r.after, r.change)
                for r in preview_rows(form.outcome.preview, app.texts)]
        at = [r[0] for r in rows].index("Joukkoliikenne")
        assert [r[1:] for r in rows[at:]] == [("MENOT TA+muutos", "-334\xa0000", "-384\xa0000", "-50\xa0000"),
                                          ("NETTOMENO TA+muutos", "-244\xa0000", "-294\xa0000", "-50\xa0000")]
        table = form.query_one("#preview")
        assert table.row_count == len(rows)
        await press(app, "ctrl+s")
        await settled(app)
        assert isinstance(app.screen, MainScreen)
        assert app.main.trail.seq_at(0) == EVENTS + 1, "the new event tops the audit trail"

    run(app, scenario)
    event = last(demo)
    assert isinstance(event, TaAmended)
    assert [(line.unit, line.account, line.amount) for line in event.lines] == [("JOUKKOLIIKENNE", "MENOT", -5_000_000)]
    decision = event.decision
    assert (decision.body, decision.date, decision.section) == ("valtuusto", dt.date(2026, 6, 15), "44")
    assert event.effective == dt.date(2026, 6, 15)
    assert event.author == "virkailija"


def test_a_burst_from_the_key_to_save_writes_exactly_what_was_typed(demo):
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        burst(app, "a", *"-12 345,50", "tab", *"KV 15.6.2026 § 44", "tab", *"1.7.2026", "tab", *"Lisätarve", "ctrl+s")
        await until(lambda: demo.state.seq == EVENTS + 1)
        await settled(app)

    run(app, scenario)
    event = last(demo)
    assert event.lines[0].amount == -1_234_550
    assert event.effective == dt.date(2026, 7, 1)
    assert event.note == "Lisätarve"
    assert event.decision.section == "44"


def test_a_wrong_amount_is_named_in_the_form_and_nothing_is_written(demo):
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "a", *"50 000,5,5", "tab", *"KV 15.6.2026 § 44", "ctrl+s")
        form = form_of(app)
        await checked(form)
        message = form.query_one("#message").said.plain
        assert message.startswith("Määrä €: '50 000,5,5' ei ole kelvollinen euromäärä (esim."), message
        assert form.focused.id == "amount", "saving puts the cursor in the wrong field"
        assert demo.state.seq == EVENTS

    run(app, scenario)
    assert demo.state.seq == EVENTS


def test_a_council_only_change_decided_by_the_board_is_refused(demo):
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "a", *"-1 000", "tab", *"KH 15.6.2026 § 12", "ctrl+s")
        form = form_of(app)
        await checked(form)
        assert (form.outcome.error.field, form.outcome.error.value) == ("decision", "hallitus")
        assert "vain valtuusto (KV) voi" in form.query_one("#message").said.plain

    run(app, scenario)
    assert demo.state.seq == EVENTS


def test_a_decision_dated_after_today_is_refused_in_the_form(demo):
    """The form checks what the write path checks (``rules.decision_dated``): a mistyped year is named."""
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "a", *"-1 000", "tab", *"KV 15.6.2099 § 12", "ctrl+s")
        form = form_of(app)
        await checked(form)
        assert (form.outcome.error.field, form.outcome.error.code) == ("decision", "decision.after_recorded")
        assert "'15.6.2099' on kirjauspäivän" in form.query_one("#message").said.plain

    run(app, scenario)
    assert demo.state.seq == EVENTS


@pytest.mark.parametrize("lang, said", [
    ("fi", "Voimassa: '1.2.2027' ei ole talousvuoden 2026 sisällä (1.1.2026–31.12.2026)"),
    ("en", "Effective: '1.2.2027' is outside the window for TaAmended 2026 (1.1.2026–31.12.2026)"),
])
def test_the_reason_is_said_in_the_language_of_the_ui(demo, lang, said):
    app = kirjuri(demo, lang=lang)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "a", *"-1 000", "tab", *"KV 15.6.2026 § 44", "tab", *"1.2.2027")
        form = form_of(app)
        await checked(form)
        assert (form.outcome.error.field, form.outcome.error.value) == ("effective", "1.2.2027")
        assert form.query_one("#message").said.plain == said
        await press(app, "escape")

    run(app, scenario)
    assert demo.state.seq == EVENTS


def test_escape_cancels_and_writes_nothing(demo):
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "a", *"-1 000", "tab", *"KV 15.6.2026 § 44", "escape")
        await settled(app)
        assert isinstance(app.screen, MainScreen)

    run(app, scenario)
    assert demo.state.seq == EVENTS


# --- reallocation, service transfer, reversal ------------------------------------------------------------


def test_a_reallocation_moves_appropriation_between_two_units(demo):
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "m")
        form = form_of(app)
        # the first row is the unit under the cursor; its change as the book signs it comes first
        assert form.focused.id == "amount_1"
        await press(app, *"10 000", "tab", *"kehittamisp", "tab", "tab", *"-10 000", "tab", *"KH 1.9.2026 § 120",
                    "enter", "enter", "enter")
        await settled(app)
        assert isinstance(app.screen, MainScreen), "Enter in the last field saves"

    before = figures(demo.state, 2026, "JOUKKOLIIKENNE").get("MENOT", "TA+MUUTOS")
    run(app, scenario)
    event = last(demo)
    assert isinstance(event, Reallocated)
    move = event.moves[0]
    assert (move.from_unit, move.to_unit, move.amount) == ("JOUKKOLIIKENNE", "KEHITTAMISPROJEKTIT", -1_000_000)
    assert event.decision.body == "hallitus"
    assert figures(demo.state, 2026, "JOUKKOLIIKENNE").get("MENOT", "TA+MUUTOS") == before + 1_000_000


def test_a_reallocation_takes_as_many_rows_as_needed_and_saves_only_at_a_zero_sum(demo):
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "m")
        form = form_of(app)
        # ^n adds a row (the cursor in its unit), ^d removes the row the cursor is in
        await press(app, *"-10 000", "tab", *"elinkeinop", "tab", "tab", *"4 000", "ctrl+n")
        assert form.row_count == 3 and form.focused.id == "unit_3"
        await press(app, *"tontit", "tab", *"MENOT", "tab", *"5 000", "ctrl+n", *"x", "ctrl+d")
        assert form.row_count == 3 and form.focused.id == "unit_3"
        await checked(form)
        balance = str(form.query_one("#balance").content)
        assert balance.startswith("✗ rivien summa on -1\xa0000 eikä 0"), balance
        await press(app, "ctrl+s")
        assert isinstance(app.screen, FormScreen) and demo.state.seq == 161
        await press(app, "tab", "tab", *["backspace"] * 5, *"6 000", "tab", *"KV 15.6.2026 § 44")
        await checked(form)
        assert str(form.query_one("#balance").content) == "✓ rivien summa on 0"
        # the row keys are said in the footer of this form only
        assert form.check_action("add_row", ()) and form.check_action("remove_row", ())
        await press(app, "ctrl+s")
        await settled(app)
        assert isinstance(app.screen, MainScreen)

    run(app, scenario)
    event = last(demo)
    assert isinstance(event, Reallocated) and demo.state.seq == 162 and event.decision.body == "valtuusto"
    assert sorted((m.from_unit, m.to_unit, m.amount) for m in event.moves) == [
        ("ELINKEINOPALVELUT", "JOUKKOLIIKENNE", -400_000), ("TONTIT", "JOUKKOLIIKENNE", -600_000)]


def test_a_service_transfer_moves_the_unit_in_the_tree(demo):
    """To VIESTINTA, whose appropriation is its units' (JOUKKOLIIKENNE's KS comes with its own): no warning. Under
    HALLVA, whose appropriation the book states, its KS would plan past it (``test_write_time_overruns``)."""
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "s", *"viestinta", "tab", *"KV 15.6.2026 § 45", "ctrl+s")
        await settled(app)
        org = app.main.org
        assert org.move_to("JOUKKOLIIKENNE")
        assert org.tree.cursor_node.parent.data == "VIESTINTA"

    run(app, scenario)
    event = last(demo)
    assert isinstance(event, ServiceTransferred)
    moved = (event.unit, event.from_parent, event.to_parent, event.from_year)
    assert moved == ("JOUKKOLIIKENNE", "ELTY", "VIESTINTA", 2026)


def test_r_on_the_trail_reverses_the_event_under_the_cursor(demo):
    written = demo.amend(2026, [forms.build(demo, "amend", {"year": "2026", "unit": "JOUKKOLIIKENNE",
                                                            "account": "MENOT", "amount": "-50 000",
                                                            "decision": "KV 15.6.2026 § 44"}).lines[0]],
                         effective=dt.date(2026, 6, 15), decision=forms.decision("KV 15.6.2026 § 44"))
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "tab", "tab")
        assert app.main.trail.seq_at(app.main.trail.cursor_row) == written.seq
        await press(app, "r")
        form = form_of(app)
        assert f"#{written.seq}" in str(form.query_one("#form-title").content)
        await press(app, "ctrl+s")
        await checked(form)
        assert form.outcome.error.field == "reason", "a reversal without a reason is refused"
        await press(app, *"Väärä yksikkö", "ctrl+s")
        await settled(app)

    run(app, scenario)
    event = last(demo)
    assert isinstance(event, EntryReversed)
    assert (event.target, event.reason) == (written.event.id, "Väärä yksikkö")
    assert figures(demo.state, 2026, "JOUKKOLIIKENNE").get("MENOT", "MUUTOS") in (None, 0)


# --- read-only --------------------------------------------------------------------------------------------


def test_read_only_opens_no_form_and_offers_none(demo):
    app = kirjuri(demo, read_only=True)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "a", "m", "s", "r")
        await settled(app)
        assert isinstance(app.screen, MainScreen)
        keys = [b.binding.action for b in app.active_bindings.values() if b.enabled]
        assert not {"amend", "reallocate", "transfer", "reverse"} & set(keys), keys
        texts = [text for text, _command, _help in KirjuriCommands(app.screen).commands()]
        assert Texts("fi")("cmd.amend") not in texts

    run(app, scenario)
    assert demo.state.seq == EVENTS


def test_the_palette_offers_the_forms_when_writing_is_allowed(demo):
    app = kirjuri(demo)

    async def scenario(app, pilot):
        texts = [text for text, _command, _help in KirjuriCommands(app.screen).commands()]
        assert {Texts("fi")(f"cmd.{kind}") for kind in ("amend", "reallocate", "transfer", "reverse")} <= set(texts)

    run(app, scenario)
    assert demo.state.seq == EVENTS



# --- two clerks at once: a write is based on the figures the preview showed ------------------------------


JUNE = forms.decision("KV 9.6.2026 § 41")


def amend_by_other(ledger: Kirjuri, unit: str, euros: int) -> None:
    """Another clerk's process on the same SQLite file writes a TA-muutos of ``unit``'s MENOT."""
    other = Kirjuri(ledger.target, author="toinen")
    try:
        other.amend(2026, [Line(unit, "MENOT", euros * 100)], effective=dt.date(2026, 6, 9), decision=JUNE)
    finally:
        other.close()


def preview_of(form: FormScreen, node: str) -> list[tuple[str, str, str]]:
    """(line, before, after) of ``node``'s rows in the form's preview."""
    rows = [(r.node.strip(), r.line, r.before, r.after) for r in preview_rows(form.outcome.preview, form.texts)]
    at = [r[0] for r in rows].index(node)
    return [r[1:] for r in rows[at:at + 1]]


def stored_after(ledger: Kirjuri, seq: int) -> list:
    """The events stored after ``seq``, read from the store itself."""
    head = ledger.eventlog.head_seq()
    return [ledger.records([s])[s].event for s in range(seq + 1, head + 1)]


@pytest.mark.parametrize("lang, folded_first, said", [
    ("fi", False, "Yksikkö: 'JOUKKOLIIKENNE' on muuttunut tapahtuman #161 jälkeen: sitä ovat sittemmin muuttaneet "
                  "#162 TA-muutos 2026: MENOT -12\xa0000 (toinen); mitään ei kirjattu, lue luvut uudelleen (nyt #162) "
                  "ja yritä uudelleen"),
    ("en", True, "Unit: 'JOUKKOLIIKENNE' changed after #161: #162 TA-muutos 2026: MENOT -12\xa0000 (toinen) touched "
                 "it since; nothing was written, re-read the figures (now #162) and try again"),
], ids=["fi-folded-by-the-write", "en-folded-by-the-live-refresh"])
def test_a_unit_another_clerk_changed_since_the_preview_is_not_written_until_confirmed_again(demo, lang, folded_first,
                                                                                           said):
    """folded_first: the main screen's live refresh folds the other clerk's event before ctrl+s; else the write does."""
    app = kirjuri(demo, lang=lang)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "a", *"-50 000", "tab", *"KV 15.6.2026 § 44")
        form = form_of(app)
        await checked(form)
        assert preview_of(form, "Joukkoliikenne") == [("MENOT TA+muutos", "-334\xa0000", "-384\xa0000")]
        amend_by_other(demo, "JOUKKOLIIKENNE", -12_000)
        if folded_first:
            await until(lambda: demo.state.seq == EVENTS + 1)
        await press(app, "ctrl+s")
        assert app.screen is form, "the form stays open"
        assert form.query_one("#message").said.plain == said
        assert preview_of(form, "Joukkoliikenne") == [("MENOT TA+muutos", "-346\xa0000", "-396\xa0000")], \
            "the preview shows the figures with the other clerk's change"
        assert [e.author for e in stored_after(demo, EVENTS)] == ["toinen"], "nothing of ours was written"
        await press(app, "ctrl+s")
        await settled(app)
        assert isinstance(app.screen, MainScreen), "confirmed again, it is written"

    run(app, scenario)
    written = stored_after(demo, EVENTS)
    assert [e.author for e in written] == ["toinen", "virkailija"], "written exactly once"
    assert [(line.unit, line.amount) for line in written[1].lines] == [("JOUKKOLIIKENNE", -5_000_000)]
    assert figures(demo.state, 2026, "JOUKKOLIIKENNE").get("MENOT", "TA+MUUTOS") == -39_600_000


def test_a_change_to_another_unit_in_between_does_not_stop_the_write(demo):
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "a", *"-50 000", "tab", *"KV 15.6.2026 § 44")
        await checked(form_of(app))
        amend_by_other(demo, "KEHITTAMISPROJEKTIT", -1_000)
        await press(app, "ctrl+s")
        await settled(app)
        assert isinstance(app.screen, MainScreen)

    run(app, scenario)
    written = stored_after(demo, EVENTS)
    assert [(e.author, e.lines[0].unit) for e in written] == [("toinen", "KEHITTAMISPROJEKTIT"),
                                                              ("virkailija", "JOUKKOLIIKENNE")]


@pytest.mark.parametrize("kind, keys, changed", [
    ("reallocate", ("m", *"10 000", "tab", *"kehittamisp", "tab", "tab", *"-10 000", "tab", *"KH 1.9.2026 § 120"),
     "KEHITTAMISPROJEKTIT"),
    ("transfer", ("s", *"viestinta", "tab", *"KV 15.6.2026 § 45"), "JOUKKOLIIKENNE"),
    ("reverse", ("tab", "tab", "r", *"Väärä yksikkö"), "JOUKKOLIIKENNE"),
])
def test_every_form_is_based_on_the_figures_it_showed(demo, kind, keys, changed):
    ours = {"reallocate": Reallocated, "transfer": ServiceTransferred, "reverse": EntryReversed}[kind]
    first = demo.amend(2026, [Line("JOUKKOLIIKENNE", "MENOT", -5_000_000)], effective=dt.date(2026, 6, 15),
                       decision=forms.decision("KV 15.6.2026 § 44"))
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, *keys)
        form = form_of(app)
        await checked(form)
        assert form.outcome.ok, form.outcome.error
        amend_by_other(demo, changed, -1_000)
        await press(app, "ctrl+s")
        message = form.query_one("#message").said.plain
        assert message.startswith(f"Yksikkö: '{changed}' on muuttunut tapahtuman #{first.seq} jälkeen"), message
        assert f"#{first.seq + 1} TA-muutos 2026: MENOT -1\xa0000 (toinen)" in message
        assert demo.eventlog.head_seq() == first.seq + 1
        await press(app, "ctrl+s")
        await settled(app)
        assert isinstance(app.screen, MainScreen)

    run(app, scenario)
    assert [type(e) for e in stored_after(demo, first.seq)] == [TaAmended, ours]


def test_esc_after_a_conflict_shows_the_other_clerks_change_on_the_main_screen(demo):
    """The form's refused write folded the other clerk's event: the screen it returns to shows it."""
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        main = app.main
        assert main.figures.view.rows[0].values[main.figures.view.columns.index("TA+MUUTOS")] == -33_400_000
        await press(app, "a", *"-50 000", "tab", *"KV 15.6.2026 § 44")
        await checked(form_of(app))
        amend_by_other(demo, "JOUKKOLIIKENNE", -12_000)
        await press(app, "ctrl+s")
        assert demo.state.seq == EVENTS + 1, "the refused write folded the other clerk's event"
        await press(app, "escape")
        await settled(app)
        assert isinstance(app.screen, MainScreen)
        view = main.figures.view
        assert view.rows[0].values[view.columns.index("TA+MUUTOS")] == -34_600_000
        assert main.trail.seq_at(0) == EVENTS + 1, "the trail leads with the other clerk's event"

    run(app, scenario)
    assert [e.author for e in stored_after(demo, EVENTS)] == ["toinen"]


@pytest.mark.parametrize("pasted", ["Lisä\x1b[2Jraha", "Lisä\u202eraha", "Lisä\traha"])
def test_a_control_character_pasted_into_a_field_is_refused_escaped_and_nothing_is_written(demo, pasted):
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "a", *"-1 000", "tab", *"KV 15.6.2026 § 44", "tab", "tab")
        form = form_of(app)
        assert form.focused.id == "note"
        form.focused.post_message(events.Paste(pasted))
        await settled(app)
        await press(app, "ctrl+s")
        await checked(form)
        assert (form.outcome.error.field, form.outcome.error.code) == ("note", "text.control")
        message = form.query_one("#message").said.plain
        assert f"{pasted!r} sisältää ohjausmerkin (U+{ord(pasted[4]):04X})" in message, message
        assert pasted[4] not in message
        assert form_of(app) is form

    run(app, scenario)
    assert demo.state.seq == EVENTS


# --- every error at its field, hints that fit -----------------------------------------------------------------


def said_at(form: FormScreen, where: str) -> str:
    """The error line under a field (or a row), "" when it shows none."""
    line = form.query_one(f"#{where}-error")
    return str(line.content).replace("\n", " ") if line.display and "-shown" in line.classes else ""


def test_every_wrong_field_says_so_at_once_and_keeps_saying_it_as_the_cursor_moves_on(demo):
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "a", "shift+tab", "shift+tab", "shift+tab", *["backspace"] * 4, *"20x6", "tab", "tab",
                    *["backspace"] * 5, *"EI", "tab", *"5,5,5", "tab", *"KV eilen", "tab")
        form = form_of(app)
        await checked(form)
        assert form.focused.id == "effective"
        # each field typed wrong says why under it, the first ones still after the cursor left them
        assert said_at(form, "year").startswith("✗ '20x6' ei ole vuosiluku")
        assert said_at(form, "account").startswith("✗ 'EI' ei ole tilikartan tili")
        assert said_at(form, "amount").startswith("✗ '5,5,5' ei ole kelvollinen euromäärä")
        assert said_at(form, "decision").startswith("✗ 'KV eilen' ei ole päätös")
        assert said_at(form, "unit") == "" and said_at(form, "note") == ""
        assert [str(form.query_one(f"#{name}-status").content) for name in ("year", "account", "amount")] == ["✗"] * 3
        # an amount in an error is never broken across lines
        assert "'1 204 150,50'" in said_at(form, "amount").replace("\xa0", " ")
        # mending one field clears its error only
        await press(app, "shift+tab", *["backspace"] * 8, *"KV 15.6.2026 § 44")
        await checked(form)
        assert said_at(form, "decision") == "" and said_at(form, "year") and said_at(form, "amount")
        await press(app, "ctrl+s")
        assert isinstance(app.screen, FormScreen) and form.focused.id == "year"

    run(app, scenario)
    assert demo.state.seq == EVENTS


def test_a_rules_refusal_is_said_under_its_field_while_another_field_is_wrong(demo):
    """A body not entitled and a date outside the year are said at once with a wrong amount, each under its field."""
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        burst(app, "a", *"5,5,5", "tab", *"KH 15.6.2026 § 12", "tab", *"1.2.2027", "ctrl+s")
        await settled(app)
        form = form_of(app)
        await checked(form)
        assert said_at(form, "amount").startswith("✗ '5,5,5' ei ole kelvollinen euromäärä")
        assert "vain valtuusto (KV) voi" in said_at(form, "decision")
        assert said_at(form, "effective").startswith("✗ '1.2.2027' ei ole talousvuoden 2026 sisällä")
        assert form.focused.id == "amount", "saving puts the cursor in the first wrong field"

    run(app, scenario)
    assert demo.state.seq == EVENTS


@pytest.mark.parametrize("size", [(80, 24), (120, 30)])
def test_the_preview_names_a_node_in_the_room_its_columns_leave(demo, size):
    """A name is cut ("…") only where it does not fit beside the amounts; the table never scrolls sideways."""
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "a", *"-1 000", "tab", *"KV 15.6.2026 § 44")
        form = form_of(app)
        await checked(form)
        await settled(app)
        table = form.query_one("#preview")
        names = [str(table.get_row_at(i)[0]).strip() for i in range(table.row_count)]
        names = [name for name in names if name]
        assert names[0] == "Kemijärven kaupunki", names
        long = "Elinkeino- ja työllisyyspalvelut"
        assert (names[2] == long) == (size[0] >= 100), names
        assert names[2] == long or (names[2].endswith("…") and long.startswith(names[2][:-1])), names
        assert len(names[2]) > 18, "the name takes the room left, not a fixed 18 characters"
        assert table.virtual_size.width <= table.scrollable_content_region.width

    run(app, scenario, size=size)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_hint_fits_its_field_at_80_columns(demo, lang):
    """Each form in turn (a, m, s) in one session, as a clerk opens one after escaping the other."""
    app = kirjuri(demo, lang=lang)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        for key in ("a", "m", "s"):
            await press(app, key)
            form = form_of(app)
            await checked(form)
            for field in form.query(FormInput):
                if field.placeholder:
                    assert len(field.placeholder) <= field.content_size.width, (key, field.id, field.placeholder)
            if key == "a":
                assert form.query_one("#amount", FormInput).placeholder == {"fi": "menojen lisäys -50 000",
                                                                            "sv": "utgiftsökning -50 000",
                                                                            "en": "more MENOT: -50 000"}[lang]
            await press(app, "escape")
            assert isinstance(app.screen, MainScreen) and app.main.selection.node == "JOUKKOLIIKENNE", key

    run(app, scenario)


def test_a_line_never_breaks_between_a_minus_sign_and_its_amount():
    from rich.text import Text

    from tui.widgets.sized import wrap

    said = "✗ 'KV huomenna' ei ole kelvollinen euromäärä (esim. '-6 837 670' tai '1 204 150,50')"
    for width in range(20, 80):
        lines = wrap(Text(said), width, 40).plain.split("\n")
        assert not any(line.endswith("-") for line in lines), (width, lines)
    assert wrap(Text("TILAPAISEN-SUOJELUN"), 12, 40).plain == "TILAPAISEN-\nSUOJELUN"


def test_a_line_breaks_a_word_at_a_space_never_after_its_hyphen():
    from rich.text import Text

    from tui.widgets.sized import wrap

    said = "✗ siirto kirjataan seuraavan vuoden TA-muutoksiin ja vähentää tämän vuoden TA-muutokset (Kiinteistö- ja)"
    for width in range(14, 80):
        lines = wrap(Text(said), width, 40).plain.split("\n")
        assert not any(line.endswith("TA-") for line in lines), (width, lines)
        assert "".join(said.split()) == "".join("".join(lines).split()), "nothing lost"
    assert wrap(Text("TA hyväksytty · SEINAJOEN-KAUPUNKI-I01 MENOT"), 26, 40).plain.split("\n")[0] == \
        "TA hyväksytty · SEINAJOEN-", "a code still fills the line"


# --- the rules of authority in a form (issue 18) ---------------------------------------------------------


def test_a_warning_is_shown_by_the_first_ctrl_s_and_confirmed_by_the_second(demo):
    """A TA-muutos of 2025 decided in February 2026 is valid only as an overrun approved before the tilinpäätös
    (``authority.amendment_late``, a warning): the first ctrl+s writes nothing and says so, the second writes it
    with the warning recorded as confirmed; a reallocation the rules stop is never written."""
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "less_than_sign", "a")
        form = form_of(app)
        await press(app, *"-1 000", "tab", *"KV 16.2.2026 § 9", "tab", *"31.12.2025")
        await checked(form)
        assert form.outcome.ok and [w.value for w in form.outcome.warnings] == ["authority.amendment_late"]
        await press(app, "ctrl+s")
        assert isinstance(app.screen, FormScreen) and demo.state.seq == EVENTS, "the first ctrl+s writes nothing"
        said = form.query_one("#message").said.plain
        assert "Varoitus: KV 16.2.2026 § 9: päätetty 31.12.2025 jälkeen" in said and "^s uudelleen" in said
        await press(app, "ctrl+s")
        await until(lambda: demo.state.seq == EVENTS + 1)
        await settled(app)
        assert isinstance(app.screen, MainScreen)

    run(app, scenario)
    event = last(demo)
    assert isinstance(event, TaAmended) and event.year == 2025 and event.confirmed == ("authority.amendment_late",)
    assert event.author == "virkailija"


def test_a_swedish_form_says_the_refused_body_in_swedish_and_its_example_amounts_whole(demo):
    """KS is the board in Swedish: refused for a budget change, the form says "'styrelse' kan inte …", never the
    stored key 'hallitus'; the line under the form breaks between words, never inside "'1 204 150,50'"."""
    app = kirjuri(demo, lang="sv")

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "a", *"-1 000", "tab", *"KS 15.6.2026 § 12")
        form = form_of(app)
        await checked(form)
        assert (form.outcome.error.field, form.outcome.error.value) == ("decision", "hallitus")
        said = form.query_one("#message").said.plain
        assert said.startswith("Beslut: 'styrelse' kan inte godkänna") and "hallitus" not in said, said
        await press(app, "shift+tab", "end", *",5,5")
        await checked(form)
        lines = str(form.query_one("#message").content).split("\n")
        assert len(lines) > 1 and not [line for line in lines if line.rstrip().endswith(("'-6", "'1", "837"))], lines

    run(app, scenario)
    assert demo.state.seq == EVENTS


def test_a_swedish_form_offers_the_account_by_its_swedish_name_and_writes_the_charts_key(demo):
    """The Swedish UI names MENOT "Utgifter" everywhere (figures, trail, preview): its forms start there too, and
    what is written is the chart's account, as if MENOT had been typed."""
    app = kirjuri(demo, lang="sv")

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "a")
        form = form_of(app)
        assert form.query_one("#account", FormInput).value == "Utgifter"
        await press(app, "escape", "m")
        form = form_of(app)
        assert [form.query_one(f"#account_{row}", FormInput).value for row in (1, 2)] == ["Utgifter", "Utgifter"]
        await press(app, "escape", "a", *"-1 000", "tab", *"KF 15.6.2026 § 12", "ctrl+s")
        await until(lambda: demo.state.seq == EVENTS + 1)

    run(app, scenario)
    assert [(line.unit, line.account) for line in last(demo).lines] == [("JOUKKOLIIKENNE", "MENOT")]


def test_a_change_the_rules_stop_is_said_by_what_they_found_never_by_the_rules_code(demo):
    """A reallocation across binding units decided by the board is stopped by the rules (authority.*): the form says
    the finding in the clerk's language, not "'authority.across' är en regel …", whose code only --confirm takes."""
    app = kirjuri(demo, lang="sv")

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "m", *"-1 000", "tab", *"TONTIT", "tab", "tab", *"1 000", "tab", *"KS 15.6.2026 § 12")
        form = form_of(app)
        await checked(form)
        error = form.outcome.error
        assert error is not None and error.code == "rule.stop" and error.value.startswith("authority."), error
        said = form.query_one("#message").said.plain
        assert "KS 15.6.2026 § 12: styrelsen" in said and "authority." not in said, said
        await press(app, "ctrl+s")

    run(app, scenario)
    assert demo.state.seq == EVENTS


def test_a_transfer_that_moves_no_figure_of_the_year_previews_so_and_is_written(demo):
    """Asemakaavat holds no figure of 2026: moved to another vastuualue, the preview has no line to show and
    says so (it had crashed the app: a driven session found it), and the transfer is written."""
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "ASEMAKAAVAT")
        await press(app, "s", *"kaupmark", "tab", *"KV 15.6.2026 § 45", "tab")
        form = form_of(app)
        await checked(form)
        assert Texts("fi")("form.no_preview") in " ".join(
            str(cell) for row in range(form.query_one("#preview").row_count)
            for cell in form.query_one("#preview").get_row_at(row))
        await press(app, "ctrl+s")
        await settled(app)

    run(app, scenario)
    event = last(demo)
    assert isinstance(event, ServiceTransferred)
    assert (event.unit, event.from_parent, event.to_parent) == ("ASEMAKAAVAT", "ASUMINEN", "KAUPMARK")
