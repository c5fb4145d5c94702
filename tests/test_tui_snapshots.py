"""SVG snapshots of the TUI at fixed sizes (pytest-textual-snapshot).

The ledger is the Kemijärvi example with a fixed clock and author, the year is fixed
by ``today``, and the fields' cursors do not blink, so the same keys draw the same
screen. A change to what is drawn shows as a failing snapshot to review; after a
deliberate change, refresh them with ``pytest tests/test_tui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import Clock
from test_tui import burst, settled, until
from textual.widgets import Input

from ledger.app import Kirjuri
from ledger.store.exchange import read_export
from tui.app import KirjuriApp
from tui.screens.form import FormScreen

EXAMPLE = Path(__file__).parents[1] / "examples" / "kemijarvi.json"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def demo(sqlite_target) -> Kirjuri:
    app = Kirjuri(sqlite_target, create=True, author="virkailija",
                  clock=Clock(dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.timezone.utc)))
    app.submit_recorded(read_export(EXAMPLE)[1])
    yield app
    app.close()


async def on_unit(app: KirjuriApp, code: str) -> None:
    await settled(app)
    app.main.go_to(code)
    await settled(app)


async def typed(app: KirjuriApp, *keys: str) -> None:
    for key in keys:
        burst(app, key)
        await settled(app)


async def still(app: KirjuriApp) -> None:
    """No blinking cursor, no toast: what is left is what the keys drew."""
    for field in app.screen.query(Input):
        field.cursor_blink = False
    app.clear_notifications()
    await settled(app)


async def amendment_typed(app: KirjuriApp) -> FormScreen:
    await on_unit(app, "JOUKKOLIIKENNE")
    await typed(app, "a", *"-50 000", "tab", *"KV 15.6.2026 § 44")
    form = app.screen
    assert isinstance(form, FormScreen)
    await until(lambda: form.outcome is not None and form.outcome.values == form.values() and form.outcome.ok)
    return form


def test_main_screen_at_80x24(snap_compare, demo):
    async def run_before(pilot):
        await on_unit(pilot.app, "JOUKKOLIIKENNE")
        await still(pilot.app)

    assert snap_compare(KirjuriApp(demo, today=TODAY), terminal_size=(80, 24), run_before=run_before)


def test_amendment_form_with_its_preview_at_80x24(snap_compare, demo):
    async def run_before(pilot):
        await amendment_typed(pilot.app)
        await still(pilot.app)

    assert snap_compare(KirjuriApp(demo, today=TODAY), terminal_size=(80, 24), run_before=run_before)


def test_time_travel_to_before_the_amendment_at_80x24(snap_compare, demo):
    async def run_before(pilot):
        app = pilot.app
        await amendment_typed(app)
        await typed(app, "ctrl+s")
        await until(lambda: demo.state.seq == 162)
        await typed(app, "left_square_bracket")
        await still(app)

    assert snap_compare(KirjuriApp(demo, today=TODAY), terminal_size=(80, 24), run_before=run_before)


def test_main_screen_with_the_chart_at_120x40_in_english(snap_compare, demo):
    async def run_before(pilot):
        await on_unit(pilot.app, "ELTY")
        await typed(pilot.app, "g")
        await until(lambda: pilot.app.main.chart.series is not None and pilot.app.main.chart.series.node == "ELTY")
        await still(pilot.app)

    app = KirjuriApp(demo, today=TODAY, lang="en")
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
