"""The terminal UI on a damaged ledger: a red banner on every screen, never figures past the break.

The UI opens the verified prefix (``Kirjuri._catch_up``) and, once its first screen is
painted, checks the whole chain in the background (``Kirjuri.check_chain``): a break the
open could not see (before the checkpoint it trusted) shows the moment it is found, and
the figures fall back to the event before it. Every screen says where and what to do;
a form's save is refused in one line. `kirjuri serve` shows the same UI: the banner
reaches the browser too.
"""

from __future__ import annotations

import asyncio
import datetime as dt

import aiohttp
import pytest
from test_damage import edited, folded, undecodable
from test_serve import Screen, kirjuri_serve
from test_tui import run, settled, text_of, until
from test_verify import AMENDMENT, LAST, WRONG, books, records  # noqa: F401 - books: the fixture

from ledger.app import Kirjuri
from tui.app import KirjuriApp
from tui.screens.committee import CommitteeScreen
from tui.screens.event import EventScreen
from tui.screens.form import FormScreen
from tui.screens.help import HelpScreen
from tui.screens.travel import TravelScreen
from tui.widgets.banner import DamageBanner


@pytest.fixture
def target(sqlite_target):
    """The UI's tests run on SQLite (the damage itself is tested on both backends in test_damage)."""
    return sqlite_target


def opened(books: Kirjuri, lang: str = "fi") -> KirjuriApp:
    """The UI as `kirjuri tui` opens it: the store first, the state folded after the first paint."""
    return KirjuriApp(Kirjuri(books.target, author="virkailija", load=False), lang=lang,
                      today=dt.date(2025, 9, 1))


def banner(app: KirjuriApp) -> str:
    found = app.screen.query(DamageBanner)
    assert found, f"{type(app.screen).__name__} has no damage banner"
    shown = found.first()
    return text_of(shown) if shown.display else ""


async def checked(app: KirjuriApp) -> None:
    await until(lambda: app.main.chain_checked is not None)
    await settled(app)


def test_every_screen_says_where_the_ledger_is_damaged(books):
    before = records(books.target)
    edited(books.target, WRONG, before)
    app = opened(books)
    said = (f"⚠ Kirjanpito {books.target.describe()} on vioittunut kohdassa #{WRONG} (tapahtuman tavuista laskettu "
            f"tiiviste ei vastaa tallennettua: tapahtumaa on muokattu): luvut ovat viimeisen ehjän tapahtuman "
            f"#{WRONG - 1} mukaiset, eikä mitään voi kirjata; aja `kirjuri verify` ja sitten `kirjuri recover "
            "--to UUSI`")

    async def scenario(app, pilot):
        await checked(app)
        assert app.main.ledger.state.fingerprint() == folded(before, WRONG - 1).fingerprint()
        assert banner(app) == said
        screens = [(app.main.action_travel, TravelScreen), (app.action_help, HelpScreen),
                   (lambda: app.main.open_event(0), EventScreen), (app.main.action_committee, CommitteeScreen),
                   (app.main.action_amend, FormScreen)]
        for show, kind in screens:
            await show()
            await settled(app)
            assert isinstance(app.screen, kind)
            assert banner(app) == said, kind
            app.screen.dismiss()
            await settled(app)

    run(app, scenario, size=(100, 30))


def test_a_form_says_in_one_line_that_nothing_is_written(books):
    undecodable(books.target, LAST, records(books.target))
    app = opened(books, lang="en")

    async def scenario(app, pilot):
        await checked(app)
        await app.main.action_amend()
        form = app.screen
        for name, value in (("amount", "-100"), ("decision", "KV 1.1.2025 § 5"), ("effective", "1.7.2025")):
            form.query_one(f"#{name}").value = value
        await until(lambda: form.outcome is not None and form.outcome.values == form.values())
        assert form.outcome.ok, form.outcome.error
        form.action_save()
        await settled(app)
        assert isinstance(app.screen, FormScreen), "the form stays open"
        message = form.query_one("#message").said.plain
        assert f"is damaged at #{LAST} (the stored record does not decode" in message
        assert "nothing is written to it; run `kirjuri verify`, then `kirjuri recover --to NEW`" in message
        assert banner(app).startswith(f"⚠ The ledger {books.target.describe()} is damaged at #{LAST} ")

    run(app, scenario, size=(100, 30))
    assert books.eventlog.head_seq() == LAST


def test_the_background_check_finds_a_break_the_checkpoint_hid_and_the_figures_fall_back(books):
    before = records(books.target)
    edited(books.target, AMENDMENT, before)  # before the checkpoint at #11, which the open trusts
    app = opened(books, lang="en")

    async def scenario(app, pilot):
        await checked(app)
        assert app.main.ledger.state.fingerprint() == folded(before, AMENDMENT - 1).fingerprint()
        assert banner(app).startswith(f"⚠ The ledger {books.target.describe()} is damaged at #{AMENDMENT} ")
        assert f"the figures are as of #{AMENDMENT - 1}" in banner(app)
        assert app.main.chosen_at == AMENDMENT - 1, "the screen shows the figures anew"

    run(app, scenario, size=(100, 30))


def test_an_intact_ledger_shows_no_banner_after_its_check(books):
    app = opened(books)

    async def scenario(app, pilot):
        await checked(app)
        assert app.main.ledger.damage is None and banner(app) == ""
        assert app.main.chain_checked < 5

    run(app, scenario)


def test_kirjuri_serve_shows_the_banner_in_the_browser(books, tmp_path):
    edited(books.target, WRONG, records(books.target))

    async def scenario(kirjuri):
        async with aiohttp.ClientSession() as session, session.ws_connect(
                f"ws://127.0.0.1:{kirjuri.port}/ws?width=200&height=30", origin=kirjuri.base) as ws:
            await Screen(ws, kirjuri.until).until_painted(f"vioittunut kohdassa #{WRONG}".encode())

    with kirjuri_serve(books.target.sqlite_path, tmp_path) as kirjuri:
        kirjuri.printed_url()
        asyncio.run(scenario(kirjuri))
