"""The terminal UI (and so `kirjuri serve`, which shows the same UI in a browser) shows stored text
as data: on a ledger holding an escape sequence, a newline, rich markup and a bidi override in its
names, notes, reasons, decisions, authors and ids (``tests/hostile.py``), every screen shows each
as its escape, and nothing a stored string says is read as markup.

What the screen shows is taken from Textual's own screenshot of it: the characters a terminal
would be sent, cell by cell.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from conftest import restore_example
from hostile import EVIL, HOSTILE, RAW, with_hostile_text
from test_tui import run, settled, until
from test_tui_forms import checked, form_of, press
from textual.command import CommandPalette
from textual.widgets import OptionList

from ledger.domain.text import shown
from tui.app import KirjuriApp
from tui.messages import StoreReached
from tui.providers.commands import KirjuriCommands
from tui.screens.committee import CommitteeScreen
from tui.screens.event import EventScreen
from tui.screens.form import UnitSuggester
from tui.viewmodel import preview_rows

#: the start of the hostile text as a screen must show it, before any widget's edge could cut it
ESCAPED = "\\x1b[2J\\x1b[H[red]verify:"


@pytest.fixture
def hostile(tmp_path):
    ledger = with_hostile_text(restore_example(tmp_path, "kemijarvi"))
    yield ledger
    ledger.close()


def screen(app: KirjuriApp) -> str:
    """The screen as a terminal would show it, its lines joined (a screenshot's text, unescaped)."""
    svg = app.export_screenshot()
    lines = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return html.unescape("".join(lines)).replace("\u00a0", " ")


def shows_as_data(app: KirjuriApp) -> str:
    """The screen holds none of the hostile characters raw; returns its text."""
    text = screen(app)
    assert not [char for char in RAW if char in text], text
    return text


def hostile_app(ledger) -> KirjuriApp:
    return KirjuriApp(ledger, today=dt.date(2026, 11, 22))


def test_tree_figures_and_trail_show_stored_text_escaped(hostile):
    app = hostile_app(hostile)

    async def scenario(app, pilot):
        app.main.go_to("JOUKKOLIIKENNE")
        await settled(app)
        text = shows_as_data(app)
        assert f"Joukkoliikenne{ESCAPED}" in text, "the figures' title"
        assert "[red]verify: PASSED[/red]" in text.replace(" ", " "), "markup shown as text"
        trail = app.main.trail
        rows = {row.seq: row for row in trail.rows_loaded}
        amended = rows[164]
        assert amended.author == "clerk" + shown(HOSTILE) and shown(HOSTILE) in amended.decision
        assert shown("syy" + HOSTILE) in rows[166].change, "the reversal's reason"
        app.main.go_to(EVIL)
        await settled(app)
        text = shows_as_data(app)
        assert f"EVIL{ESCAPED}" in text and f"Paha{ESCAPED}" in text
        app.main.go_to("ELTY")
        await settled(app)
        assert f"{shown(EVIL)} Paha{shown(HOSTILE)}" in [row.label for row in app.main.figures.view.rows]
        shows_as_data(app)

    run(app, scenario, size=(200, 50))


def test_an_event_in_full_shows_every_stored_field_escaped(hostile):
    app = hostile_app(hostile)

    async def scenario(app, pilot):
        app.main.go_to("JOUKKOLIIKENNE")
        await settled(app)
        row = next(i for i, r in enumerate(app.main.trail.rows_loaded) if r.seq == 164)
        await app.main.open_event(row)
        await until(lambda: isinstance(app.screen, EventScreen))
        await pilot.pause()
        text = shows_as_data(app)
        for said in (f"amend{ESCAPED}", f"clerk{ESCAPED}", f"huom{ESCAPED}", f"KV{ESCAPED}", f"{shown(EVIL)[:20]}"):
            assert said in text, said
        fields = dict(app.screen.detail.fields)
        assert fields["Selite"] == "huom" + shown(HOSTILE) and fields["Tunniste"] == "amend" + shown(HOSTILE)

    run(app, scenario, size=(200, 60))


def test_the_committee_view_quotes_stored_rows_escaped(hostile):
    app = hostile_app(hostile)

    async def scenario(app, pilot):
        await pilot.press("v")
        await until(lambda: isinstance(app.screen, CommitteeScreen) and app.screen.report is not None)
        await pilot.pause()
        committee = app.screen
        text = shows_as_data(app)
        assert "'GHOST\\x1b[2J" in text, "the rules' finding quotes the stored unit code"
        await pilot.press("3")
        await until(lambda: committee.meetings is not None)
        await pilot.pause()
        text = shows_as_data(app)
        assert f"KV{ESCAPED}" in text, "a meeting is named by its stored organ"
        items = committee.query_one("#meeting-items", OptionList)
        assert any(f"huom{shown(HOSTILE)}"[:30] in str(items.get_option_at_index(i).prompt).replace("\n", "")
                   or shown(EVIL)[:12] in str(items.get_option_at_index(i).prompt)
                   for i in range(items.option_count))
        await pilot.press("4")
        await pilot.pause()
        text = shows_as_data(app)
        assert f"clerk{ESCAPED}" in text, "a proposal is said to be by its stored author"

    run(app, scenario, size=(200, 50))


def test_a_forms_unit_and_preview_show_the_stored_name_escaped(hostile):
    app = hostile_app(hostile)

    async def scenario(app, pilot):
        app.main.go_to("JOUKKOLIIKENNE")
        await settled(app)
        await press(app, "a", *"-50 000", "tab", *"KV 15.6.2026 § 44")
        form = form_of(app)
        await checked(form)
        assert form.outcome.ok, form.outcome.error
        await pilot.pause()
        text = shows_as_data(app)
        assert f"Joukkoliikenne{ESCAPED}" in text, "the unit the field names"
        nodes = [r.node.strip() for r in preview_rows(form.outcome.preview, app.texts)]
        assert f"Joukkoliikenne{shown(HOSTILE)}" in nodes, "the preview's node, its name escaped"
        table = [str(form.query_one("#preview").get_row_at(i)[0]) for i in range(len(nodes))]
        assert any(name.strip().startswith(f"Joukkoliikenne{ESCAPED}") for name in table), table
        assert EVIL not in UnitSuggester(list(hostile.state.units)).codes, "never offered as a completion"

    run(app, scenario, size=(200, 50))


def test_the_command_palette_offers_a_hostile_unit_escaped_and_never_as_markup(hostile):
    app = hostile_app(hostile)

    async def scenario(app, pilot):
        texts = [text for text, _command, _help in KirjuriCommands(app.screen).commands()]
        assert f"Siirry yksikköön: {shown(EVIL)} Paha{shown(HOSTILE)}" in texts
        await pilot.press("ctrl+p", *"Paha")
        await until(lambda: isinstance(app.screen, CommandPalette))
        await pilot.pause(0.5)
        text = shows_as_data(app)
        assert "[red]verify:" in text, "the name's brackets are text, not a colour"

    run(app, scenario, size=(200, 50))


def test_a_notification_quoting_stored_text_shows_it_escaped_and_never_as_markup(hostile):
    """A store's error may quote a stored row: the toast says it escaped, its brackets as text."""
    app = hostile_app(hostile)

    async def scenario(app, pilot):
        app.main.post_message(StoreReached("row 7: " + HOSTILE))
        await until(lambda: app._notifications)
        await pilot.pause(0.3)
        # (the next poll finds the store and says so in a toast of its own)
        [note] = [n for n in app._notifications if "row 7" in n.message]
        assert note.message == app.texts("note.store_lost", reason="row 7: " + HOSTILE)
        assert shown(HOSTILE) in note.message and not note.markup
        text = shows_as_data(app)
        assert "[red]verify:" in text

    run(app, scenario, size=(200, 50))
