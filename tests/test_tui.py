"""The terminal UI (tui/): what it shows is what the ledger says, however fast the keys come.

Each test drives ``KirjuriApp`` with Textual's Pilot on an SQLite ledger and compares
the screen's widgets with ``ledger.fold.projections`` and ``ledger.domain.money``. The tests are
plain functions running their scenario with ``asyncio.run``.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import re
import threading
import uuid
from pathlib import Path

import pytest
from conftest import KV, KV_MUUTOS, KV_2026, restore_example, small_city
from cut import screen_lines, widget_text
from rich.console import Console
from rich.text import Text
from textual import events
from textual.coordinate import Coordinate
from textual.keys import _character_to_key
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey
from textual.widgets.data_table import ColumnKey, RowKey

from events.model import Line, TaAmended
from ledger.fold import projections as pj
from ledger.app import Kirjuri
from ledger.domain.citation import parse_decision
from ledger.store.exchange import read_export
from ledger.store.guard import os_user
from ledger.domain import formats
from ledger.domain.money import format_amount, format_date
from ledger.reports.output import OutputError
from ledger.fold.projections import Point
from ledger.store.log import Target, Unavailable
from tui import exports, keyorder
from tui.app import KirjuriApp
from tui.i18n import Texts
from tui.keys import WIDE
from tui.messages import FiguresLoaded
from tui.screens.event import EventScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.travel import TravelScreen
from tui.viewmodel import NOW, Selection, csv_rows, figures_view, filter_entries, step_known, trail_seqs, tree_code, tree_entries
from tui.widgets.audit import EVENT, AuditTrail
from tui.widgets.org_tree import OrgTree
from tui.widgets.sized import wrap

EXAMPLE = Path(__file__).parent / "data" / "kemijarvi-small.json"
FULL_EXAMPLE = Path(__file__).parents[1] / "examples" / "kemijarvi.json"
SUMMER = dt.date(2025, 7, 1)
AMENDED_ON = dt.date(2025, 6, 15)


# --- ledgers -------------------------------------------------------------------------------------


def _line(unit: str, account: str, euros: int) -> Line:
    return Line(unit, account, euros * 100)


@pytest.fixture
def city(sqlite_target, clock) -> Kirjuri:
    """small_city with a TA for 2025 and 2026, then one TA-muutos for JL in June 2025 (the last event)."""
    app = small_city(Kirjuri(sqlite_target, create=True, author="testi", clock=clock))
    app.adopt(2025, [_line("JL", "MENOT", -100_000), _line("JL", "TULOT", 20_000),
                     _line("KP", "MENOT", -50_000), _line("TP", "MENOT", -200_000), _line("TP", "TULOT", 10_000),
                     _line("TY", "MENOT", -300_000), _line("TY", "TULOT", 100_000)], decision=KV)
    app.adopt(2026, [_line("JL", "MENOT", -110_000), _line("JL", "TULOT", 25_000),
                     _line("TY", "MENOT", -310_000)], decision=KV_2026)
    app.amend(2025, [_line("JL", "MENOT", -12_000)], effective=AMENDED_ON,
              decision=parse_decision("KV 9.6.2025 § 41"), note="Lisämääräraha")
    yield app
    app.close()


@pytest.fixture
def demo(sqlite_target) -> Kirjuri:
    """The bundled Kemijärvi example, restored as `kirjuri demo` does."""
    app = Kirjuri(sqlite_target, create=True, author="testi")
    app.submit_recorded(read_export(EXAMPLE)[1])
    yield app
    app.close()


# --- driving the app ---------------------------------------------------------------------------------


def run(app: KirjuriApp, scenario, size: tuple[int, int] = (80, 24)) -> None:
    """Run ``scenario(app, pilot)`` once the first node's figures and trail are on screen."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await settled(app)
            await scenario(app, pilot)

    asyncio.run(main())


async def settled(app: KirjuriApp, timeout: float = 30.0) -> None:
    """Wait until every key is handled and the figures and trail shown are the selection's.

    The keys are handled one at a time, each once the one before it is done: on a starved machine (two busy
    processes beside the suite on two cores) a burst of twenty took up to 16 s, all landing where meant. The
    deadline only says how long a test waits before it fails."""
    loop = asyncio.get_running_loop()
    deadline, quiet = loop.time() + timeout, 0
    while quiet < 5:
        await asyncio.sleep(0.01)
        if loop.time() > deadline:
            raise AssertionError("the app did not settle")
        quiet = quiet + 1 if _settled(app) else 0


def _settled(app: KirjuriApp) -> bool:
    # a key posted but not yet read by the app is in its message queue, not yet in app.keys: on a loaded machine
    # that took longer than the quiet spell, and a form was looked for before its key opened it
    if app.message_queue_size or app.keys.current is not None or app.keys.waiting:
        return False
    main = app.main
    if main.selection is None:
        return True
    view = main.figures.view
    return view is not None and view.selection == main.selection and main.trail.selection == main.selection


async def until(condition, timeout: float = 10.0) -> None:
    """Wait for something a worker brings (a next page of the trail)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)


def text_of(widget: Widget) -> str:
    """The text a widget shows, its rich tables printed as a terminal would."""
    content = widget.content if hasattr(widget, "content") else widget.render()
    if isinstance(content, (str, Text)):
        return str(content)
    console = Console(width=200, file=io.StringIO(), record=True)
    console.print(content)
    return console.export_text()


def burst(app: KirjuriApp, *keys: str) -> None:
    """Keys as a fast typist sends them: all read by the app before any is handled."""
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(_character_to_key(key), key))
        else:
            app.post_message(events.Key(key, None))


def shown(app: KirjuriApp, label: str, column: str) -> str:
    """The text the figures table shows in the row ``label`` under the column ``column``."""
    table = app.main.figures
    row = next(i for i, r in enumerate(table.view.rows) if r.label.strip() == label)
    for _page in table.pages:  # as a user turns the columns' pages (c) until the column is in view
        if column in {key.value for key in table.columns}:
            break
        table.next_columns()
    return table.get_cell(f"row:{row}", column).plain


def column_pages(table) -> list[list[str]]:
    """The figures' column labels page by page (the account label first on each), turned as by c."""
    found = []
    for _page in table.pages:
        found.append([str(c.label) for c in table.columns.values()])
        table.next_columns()
    return found


def money(ledger: Kirjuri, year: int, node: str, account: str, column: str, point: Point = NOW) -> str:
    """What ledger.domain.money makes of the ledger's own figure."""
    return format_amount(pj.figures(ledger.state, year, node, point).get(account, column))


async def go_to(app: KirjuriApp, pilot, code: str) -> None:
    """Type the code into the tree's filter and go to the tree, as a user would."""
    await pilot.press("slash", *code.lower(), "enter")
    await settled(app)
    assert app.main.selection.node == code


# --- the organisation tree and the figures ----------------------------------------------------------------


def test_selecting_a_unit_shows_its_nettomeno_as_ledger_money_formats_it(city):
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        main = app.main
        assert main.selection == Selection("KJ", 2025)
        assert shown(app, "NETTOMENO", "TA") == money(city, 2025, "KJ", "NETTOMENO", "TA") == "-520\u00a0000"
        await go_to(app, pilot, "JL")
        assert shown(app, "NETTOMENO", "TA") == money(city, 2025, "JL", "NETTOMENO", "TA") == "-80\u00a0000"
        assert shown(app, "MENOT", "TA+MUUTOS") == money(city, 2025, "JL", "MENOT", "TA+MUUTOS") == "-112\u00a0000"
        assert shown(app, "MENOT", "MUUTOS") == "-12\u00a0000"
        assert main.figures.view.columns == ("TA", "MUUTOS", "TA+MUUTOS")
        assert text_of(main.query_one("#figures-title")).strip() == "Joukkoliikenne (JL) · 2025"

    run(app, scenario)


def test_a_parent_lists_its_children_nettomeno_below_its_own_lines(city):
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        await go_to(app, pilot, "HP-YH")
        rows = app.main.figures.view.rows
        assert [r.label for r in rows if r.kind == "child"] == ["JL Joukkoliikenne", "KP Kehittämisprojektit",
                                                                  "TP Talouspalvelut"]
        assert shown(app, "JL Joukkoliikenne", "TA+MUUTOS") == money(city, 2025, "JL", "NETTOMENO", "TA+MUUTOS")
        await pilot.press("tab", "down", "down", "down", "down", "enter")
        await settled(app)
        assert app.main.selection.node == "JL"

    run(app, scenario)


def test_the_year_keys_switch_the_figures_to_that_year(city):
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JL")
        await pilot.press("greater_than_sign")
        await settled(app)
        assert app.main.selection == Selection("JL", 2026)
        assert shown(app, "NETTOMENO", "TA") == money(city, 2026, "JL", "NETTOMENO", "TA") == "-85\u00a0000"
        assert "MUUTOS" not in app.main.figures.view.columns
        await pilot.press("greater_than_sign")
        await settled(app)
        assert app.main.year == 2026, "there is no later year to go to"
        await pilot.press("less_than_sign")
        await settled(app)
        assert shown(app, "NETTOMENO", "TA") == "-80\u00a0000"

    run(app, scenario)


def test_slash_filters_the_tree_to_the_matches_and_the_units_above_them(city):
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        org = app.main.query_one(OrgTree)
        assert len(org.codes) == 8
        await pilot.press("slash", *"liikenne")
        await settled(app)
        assert org.codes == ["KJ", "HP", "HP-YH", "JL"]
        assert org.cursor_code == "JL" and app.main.selection.node == "JL"
        await pilot.press("escape")
        await settled(app)
        assert len(org.codes) == 8 and org.filter_text == ""
        assert org.cursor_code == "JL"

    run(app, scenario)


def test_the_demo_tree_follows_each_years_organisation(demo):
    app = KirjuriApp(demo, today=SUMMER)

    async def scenario(app, pilot):
        org = app.main.query_one(OrgTree)
        assert org.nodes["JOUKKO"].parent.data == "HALL"
        await go_to(app, pilot, "HALL")
        assert shown(app, "NETTOMENO", "TA") == money(demo, 2025, "HALL", "NETTOMENO", "TA") == "-2\u00a0978\u00a0010"
        await pilot.press("escape", "greater_than_sign")
        await settled(app)
        assert org.nodes["JOUKKO"].parent.data == "ELTY"
        assert shown(app, "NETTOMENO", "TA") == money(demo, 2026, "HALL", "NETTOMENO", "TA")

    run(app, scenario)


def test_a_result_for_a_node_no_longer_selected_is_dropped(city):
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        main = app.main
        stale = figures_view(city.state, Selection("TY", 2025), main.texts)
        main.post_message(FiguresLoaded(Selection("TY", 2025), stale))
        await pilot.pause(0.1)
        assert main.figures.view.selection == Selection("KJ", 2025)
        assert shown(app, "NETTOMENO", "TA") == money(city, 2025, "KJ", "NETTOMENO", "TA")

    run(app, scenario)


# --- the audit trail ---------------------------------------------------------------------------------------


def test_the_audit_trail_lists_the_units_events_newest_first_and_enter_shows_the_hash_and_stamps(city):
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JL")
        trail = app.main.trail
        assert list(trail.seqs) == list(pj.history_seqs(city.state, "JL")) == sorted(trail.seqs, reverse=True)
        amendment = trail.seqs[0]
        first = trail.get_row_at(0)
        assert [cell.plain for cell in first[:4]] == [f"#{amendment}", format_date(AMENDED_ON),
                                                      "TA-muutos 2025 · MENOT -12\u00a0000", "KV 9.6.2025 § 41"]
        await pilot.press("tab", "tab", "enter")
        await settled(app)
        assert isinstance(app.screen, EventScreen)
        record = city.records([amendment])[amendment]
        chain = text_of(app.screen.query_one("#chain"))
        assert record.hash in chain
        # what the database stored with it, beside what the client said (on SQLite: this process's clock and user)
        stamp = city.stamps([amendment])[amendment]
        rows = dict(re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in chain.splitlines() if line.strip())
        assert stamp.by == os_user() == rows["tallentaja (tietokanta)"]
        assert rows["tallennettu (tietokanta)"] == formats.moment(stamp.at), "in Finnish time"
        effect = text_of(app.screen.query_one("#effect"))
        assert "-100\u00a0000" in effect and "-112\u00a0000" in effect and "-12\u00a0000" in effect
        await pilot.press("escape")
        await settled(app)
        assert isinstance(app.screen, MainScreen)

    run(app, scenario)


def test_a_long_trail_is_paged(sqlite_target, clock):
    ledger = small_city(Kirjuri(sqlite_target, create=True, author="testi", clock=clock))
    ledger.adopt(2025, [_line("JL", "MENOT", -100_000)], decision=KV)
    ledger.submit(*[TaAmended(id=uuid.uuid4().hex, effective=dt.date(2025, 3, 1), recorded_at=clock(), author="testi",
                              decision=KV_MUUTOS, year=2025, lines=(_line("JL", "MENOT", -i),))
                              for i in range(1, 451)])
    app = KirjuriApp(ledger, today=SUMMER)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JL")
        trail = app.main.trail
        assert len(trail.seqs) == 452 and trail.row_count == 200
        await pilot.press("tab", "tab", "end")
        await until(lambda: trail.row_count == 400)
        await pilot.press("end")
        await until(lambda: trail.row_count == 452)
        assert "452" in text_of(app.main.query_one("#trail-title"))
        assert [trail.seq_at(i) for i in range(452)] == list(trail.seqs)

    run(app, scenario)
    ledger.close()


# --- time travel ----------------------------------------------------------------------------------------------


def test_time_travel_to_before_the_amendment_shows_the_budget_then_under_a_banner(city):
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        main = app.main
        await go_to(app, pilot, "JL")
        await pilot.press("t", *"1.6.2025", "enter")
        await settled(app)
        assert main.point == Point(on=dt.date(2025, 6, 1))
        before = Point(on=dt.date(2025, 6, 1))
        assert shown(app, "MENOT", "TA+MUUTOS") == money(city, 2025, "JL", "MENOT", "TA+MUUTOS", before)
        assert money(city, 2025, "JL", "MENOT", "TA+MUUTOS", before) == "-100\u00a0000"
        banner = main.query_one("#banner")
        assert banner.display and text_of(banner) == "Aikamatka: voimassa 1.6.2025 · n nyt"
        row = main.figures.view.row("MENOT")
        changed = dict(zip(main.figures.view.columns, row.changed, strict=True))
        assert changed == {"TA": False, "MUUTOS": True, "TA+MUUTOS": True}
        table = main.figures
        highlighted = table.get_cell_at(Coordinate(0, 3)).style
        assert highlighted.bold and highlighted.color.name == app.theme_variables["warning"].lower()
        assert not table.get_cell_at(Coordinate(0, 1)).style
        assert main.trail.row_count == len(pj.history_seqs(city.state, "JL"))
        await pilot.press("n")
        await settled(app)
        assert main.point == NOW and not banner.display
        assert shown(app, "MENOT", "TA+MUUTOS") == "-112\u00a0000"

    run(app, scenario)


def test_brackets_step_the_known_at_point_event_by_event(city):
    app = KirjuriApp(city, today=SUMMER)
    state = city.state

    async def scenario(app, pilot):
        main = app.main
        await go_to(app, pilot, "JL")
        await pilot.press("left_square_bracket")
        await settled(app)
        assert main.point == Point(known_at=state.recorded_at(state.seq - 1))
        assert shown(app, "MENOT", "TA+MUUTOS") == "-100\u00a0000"
        assert main.trail.seqs == pj.history_seqs(state, "JL")[1:], "the amendment was not yet known"
        assert f"#{state.seq - 1}/{state.seq}" in text_of(main.query_one("#banner"))
        await pilot.press("right_square_bracket")
        await settled(app)
        assert main.point == NOW
        assert shown(app, "MENOT", "TA+MUUTOS") == "-112\u00a0000"

    run(app, scenario)


def test_stepping_across_a_registration_rebuilds_the_tree_and_keeps_it_otherwise(city):
    city.register_unit("UUSI", "Uusi yksikkö", "yksikkö", "HP-YH", effective=dt.date(2025, 6, 1))
    app = KirjuriApp(city, today=SUMMER)

    def codes(main) -> set[str]:
        return {e.code for e in main.org.entries}

    async def scenario(app, pilot):
        main = app.main
        await go_to(app, pilot, "JL")
        assert "UUSI" in codes(main)
        await pilot.press("left_square_bracket")
        await settled(app)
        assert "UUSI" not in codes(main) and main.org.cursor_code == "JL"
        node = main.org.nodes["JL"]
        await pilot.press("left_square_bracket")
        await settled(app)
        assert main.org.nodes["JL"] is node, "the same organisation: the tree is kept, not rebuilt"
        assert main.selection.point == main.point and main.org.cursor_code == "JL"
        await pilot.press("n")
        await settled(app)
        assert "UUSI" in codes(main) and main.org.cursor_code == "JL"

    run(app, scenario)


def test_another_users_amendment_shows_within_two_seconds_without_a_restart(city, sqlite_target):
    app = KirjuriApp(city, today=SUMMER)
    other = Kirjuri(sqlite_target, author="toinen")  # another clerk's process on the same file

    async def scenario(app, pilot):
        await go_to(app, pilot, "JL")
        assert shown(app, "MENOT", "TA+MUUTOS") == "-112\u00a0000"
        loop = asyncio.get_running_loop()
        other.amend(2025, [_line("JL", "MENOT", -3_000)], effective=AMENDED_ON, decision=KV_MUUTOS)
        written = loop.time()
        await until(lambda: app.main.figures.view.rows and shown(app, "MENOT", "TA+MUUTOS") == "-115\u00a0000",
                    timeout=5)
        assert loop.time() - written <= 2.0
        await until(lambda: len(app.main.trail.seqs) and app.main.trail.seqs[0] == other.state.seq)
        assert city.state.seq == other.state.seq

    try:
        run(app, scenario)
    finally:
        other.close()


def notes(app: KirjuriApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def test_a_lost_database_is_said_once_the_ui_keeps_running_and_catches_up_when_it_is_back(city, sqlite_target,
                                                                                      monkeypatch):
    monkeypatch.setattr("tui.screens.main.POLL", 0.05)
    app = KirjuriApp(city, today=SUMMER)
    log = city.eventlog
    down = Unavailable(Target(postgres_url="postgresql://h/kunta"), "Connection refused")
    working = {name: getattr(log, name) for name in ("head_seq", "read_seqs", "read")}

    def unreachable(*_args, **_kwargs):
        raise down

    async def scenario(app, pilot):
        await go_to(app, pilot, "JL")
        for name in working:
            monkeypatch.setattr(log, name, unreachable)
        await until(lambda: app.main.store_lost is not None)
        await pilot.pause(0.3)
        said = [n for n in notes(app) if n.startswith("Tietokanta:")]
        assert said == ["Tietokanta: 'postgresql://h:5432/kunta' ei ole tavoitettavissa: Connection refused · "
                        "näytetyt luvut ovat viimeksi luetut"], "said once, not at every poll"
        await pilot.press("enter")
        await pilot.press("r")
        await settled(app)
        assert isinstance(app.screen, MainScreen) and app.is_running
        assert shown(app, "MENOT", "TA+MUUTOS") == "-112\u00a0000", "the figures as last read"
        other = Kirjuri(sqlite_target, author="toinen")
        try:
            other.amend(2025, [_line("JL", "MENOT", -3_000)], effective=AMENDED_ON, decision=KV_MUUTOS)
        finally:
            other.close()
        for name, method in working.items():
            monkeypatch.setattr(log, name, method)
        await until(lambda: shown(app, "MENOT", "TA+MUUTOS") == "-115\u00a0000")
        assert app.main.store_lost is None and "Yhteys tietokantaan palasi" in notes(app)

    run(app, scenario)


@pytest.mark.parametrize("lang, said", [("fi", ["Enter siirry", "Tab seuraava kenttä", "Esc peru", "F1 ohje"]),
                                        ("sv", ["Enter gå dit", "Tab nästa fält", "Esc avbryt", "F1 hjälp"]),
                                        ("en", ["Enter travel", "Tab next field", "Esc cancel", "F1 help"])])
def test_the_time_travel_dialogs_footer_says_its_own_keys(city, lang, said):
    app = KirjuriApp(city, today=SUMMER, lang=lang)

    async def scenario(app, pilot):
        await pilot.press("t")
        await until(lambda: isinstance(app.screen, TravelScreen))
        await settled(app)
        footer = app.screen.query_one(Footer)
        keys = [f"{key.key_display} {key.description}" for key in footer.query(FooterKey)]
        assert keys == said
        assert footer.region.y == 23 and footer.region.width == 80, "drawn over the main screen's footer"

    run(app, scenario)


def test_a_mistyped_date_keeps_the_dialog_open_and_says_why(city):
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        await pilot.press("t", *"31.2.2025", "enter")
        await settled(app)
        assert isinstance(app.screen, TravelScreen)
        assert "31.2.2025" in text_of(app.screen.query_one("#error"))
        await pilot.press("escape")
        await settled(app)
        assert isinstance(app.screen, MainScreen) and app.main.point == NOW

    run(app, scenario)


# --- keys in a burst ----------------------------------------------------------------------------------------


def test_keys_pressed_without_waiting_land_where_they_were_meant(city):
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        main = app.main
        await pilot.press("slash", *"joukko", "enter", "greater_than_sign", "less_than_sign", "t", *"1.6.2025",
                          "tab", *"1.12.2026", "enter")
        await settled(app)
        assert main.org.filter_text == "joukko"
        # the end of 1.12.2026 in Finnish time (winter, UTC+2)
        assert main.point == Point(dt.date(2025, 6, 1), dt.datetime(2026, 12, 1, 21, 59, 59, 999999, dt.UTC))
        assert main.selection == Selection("JL", 2025, main.point)
        assert shown(app, "MENOT", "TA+MUUTOS") == "-100\u00a0000"

    run(app, scenario)


def test_a_burst_read_before_any_key_is_handled_lands_in_order(city):
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        main = app.main
        burst(app, "slash", *"TY", "enter", "t", *"1.6.2025", "tab", *"31.12.2025", "enter", "left_square_bracket",
              "n", "slash", "escape", "down", "greater_than_sign")
        await settled(app)
        assert isinstance(app.screen, MainScreen)
        assert main.point == NOW and main.org.filter_text == ""
        assert main.selection == Selection("TY", 2026)
        assert shown(app, "NETTOMENO", "TA") == money(city, 2026, "TY", "NETTOMENO", "TA") == "-310\u00a0000"

    run(app, scenario)


def test_a_key_slow_to_reach_its_binding_keeps_the_burst_behind_it_waiting(city, monkeypatch):
    """Under load a key may take longer than the queue's check interval to bubble up to its binding: the next
    key still waits for it, so "/ty" typed while the screen is busy filters by "ty" and opens no time travel."""
    monkeypatch.setattr(keyorder, "TIMEOUT", 0.05)
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        main = app.main

        async def busy() -> None:
            await asyncio.sleep(0.4)

        main.call_later(busy)  # the screen handles nothing else meanwhile, as on a loaded machine
        burst(app, "slash", *"ty")
        await settled(app)
        assert isinstance(app.screen, MainScreen), "t went to the tree before / had opened the filter"
        assert main.org.filter_text == "ty"

    run(app, scenario)


def test_a_form_slow_to_open_is_open_with_its_focus_set_before_the_next_key(demo, monkeypatch):
    """A form that takes longer to mount than the queue's check interval: the key that opened it is not done
    until the form has its focus, so a key right after it is typed into the first empty field."""
    from tui.screens.form import FormScreen

    monkeypatch.setattr(keyorder, "TIMEOUT", 0.05)
    mount = FormScreen.on_mount

    async def slow_mount(self) -> None:
        await asyncio.sleep(0.4)
        mount(self)

    monkeypatch.setattr(FormScreen, "on_mount", slow_mount)
    app = KirjuriApp(demo, today=SUMMER)

    async def scenario(app, pilot):
        app.main.go_to("JL")
        await settled(app)
        burst(app, "a")
        await settled(app)
        assert isinstance(app.screen, FormScreen) and app.screen.focused.id == "amount"
        burst(app, *"-5")
        await settled(app)
        assert app.screen.query_one("#amount").value == "-5"

    run(app, scenario)


@pytest.mark.parametrize(("code", "name", "label"), [
    ("ELTY", "Elinkeino- ja työllisyyspalvelut", "ELTY"),  # short: whole
    ("64321000", "PERUSOPETUS/ PERUSKOULUT", "64321000"),
    ("KADUT", "Kadut", None),  # the name itself
    ("JOUKKOLIIKENNE", "Joukkoliikenne", None),  # the name spelt out: the name says it
    ("SEINAJOEN-KAUPUNKI", "Seinäjoen kaupunki", None),
    ("KEHITTAMISPROJEKTIT", "Kehittämisprojektit (KPKI pienet)", None),
    ("KEMIJARVI", "Kemijärven kaupunki", None),  # but for its inflected ending
    ("SEINAJOEN-KAUPUNKI-I05", "Liikuntapaikkarakentaminen", "…I05"),  # its last words tell it apart
    ("HANKE-2024-AK", "Alakylän koulu", "…2024-AK"),
    ("HANKE_2024.AK", "Alakylän koulu", "…2024.AK"),  # as the code writes it
    ("HANKE-2024-KOULUKESKUS", "Koulukeskus", "HANKE-2…"),  # its last word alone too long
    ("ABCDEFGHIJKLMN", "Koulu", "ABCDEFG…"),  # one word: its start
])
def test_a_long_code_in_the_tree_gives_way_to_the_name(code, name, label):
    assert tree_code(code, name) == label


def test_the_tree_at_80_columns_shows_each_projects_name_and_the_header_its_whole_code(tmp_path):
    ledger = restore_example(tmp_path, "seinajoki")
    app = KirjuriApp(ledger, today=dt.date(2024, 11, 22))

    async def scenario(app, pilot):
        main = app.main
        main.go_to("SEINAJOEN-KAUPUNKI-I06")
        await settled(app)
        lines = screen_lines(app)
        tree = widget_text(lines, main.org.tree)
        assert "…I06 Liikuntapaikk" in tree and "…I04 Kadunrakentam" in tree and "6932 Kansalaistori" in tree
        assert "SEINAJOEN-KAUPUNKI-I" not in tree
        title = widget_text(lines, main.query_one("#figures-title"))
        assert "Liikuntapaikkarakentaminen (SEINAJOEN-KAUPUNKI-I06)" in title
        main.go_to("SEINAJOEN-KAUPUNKI-I02")  # above Rakennukset and its 52 projects
        await pilot.press("up", "up")  # to the investointiosa, the groups' part
        await settled(app)
        tree = widget_text(screen_lines(app), main.org.tree)
        assert "Investointiosa" in tree and "…I02 Maa-ja vesialue" in tree and "5000 Alakylän koul" in tree
        main.go_to("ELINVOIMAN-JA-TYOLLISYYDEN-TOIMIALA")
        await settled(app)
        assert "ELINVOIMAN JA TYÖL" in widget_text(screen_lines(app), main.org.tree)

    try:
        run(app, scenario)
    finally:
        ledger.close()


def test_racing_down_the_tree_shows_the_figures_of_where_the_cursor_stops(city):
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        main = app.main
        burst(app, *["down"] * 5)
        await settled(app)
        expected = [e.code for e in tree_entries(city.state, 2025)][5]
        assert main.org.cursor_code == expected == main.selection.node == main.figures.view.selection.node
        assert main.trail.seqs == pj.history_seqs(city.state, expected)

    run(app, scenario)


# --- palette, help, languages, sizes ---------------------------------------------------------------------------


def test_the_palette_exports_the_view_as_csv_in_the_working_directory(city, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JL")
        await pilot.press("ctrl+p", *"CSV")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settled(app)
        path = tmp_path / "kirjuri-JL-2025.csv"
        assert path.exists()
        rows = list(csv.reader(path.open(encoding="utf-8-sig"), delimiter=";"))
        assert rows[0] == ["Joukkoliikenne (JL) · 2025", "TA", "TA-muutokset", "TA+muutos"]
        assert rows[1] == ["MENOT", "-100 000", "-12 000", "-112 000"]
        assert rows == csv_rows(app.main.figures.view, Texts("fi"))

    run(app, scenario)


def test_an_export_never_replaces_a_file_it_takes_the_next_free_name_and_says_where(city, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        first = app.main.export_csv()
        assert first == tmp_path / f"kirjuri-{app.main.selection.node}-2025.csv"
        first.write_bytes(b"the clerk's own edits")
        (tmp_path / f"{first.stem}-2.csv").symlink_to(tmp_path / "nowhere")  # taken, even if it leads nowhere
        third = app.main.export_csv()
        await settled(app)
        assert third == tmp_path / f"{first.stem}-3.csv" and first.read_bytes() == b"the clerk's own edits"
        assert list(csv.reader(third.open(encoding="utf-8-sig"), delimiter=";"))[0][0].endswith(" · 2025")
        assert notes(app)[-1] == f"Tallennettu {third}"

    run(app, scenario)


def test_an_export_is_never_written_over_the_open_ledger(tmp_path, monkeypatch, clock):
    """A ledger whose file has the very name the export would take: the export takes the next one."""
    monkeypatch.chdir(tmp_path)
    name = "kirjuri-KJ-2025.csv"
    ledger = small_city(Kirjuri(Target(sqlite_path=tmp_path / name), create=True, author="testi", clock=clock))
    ledger.adopt(2025, [_line("JL", "MENOT", -100_000)], decision=KV)
    before = (tmp_path / name).read_bytes()
    app = KirjuriApp(ledger, today=SUMMER)

    async def scenario(app, pilot):
        assert app.main.selection.node == "KJ"
        assert app.main.export_csv() == tmp_path / "kirjuri-KJ-2025-2.csv"

    try:
        run(app, scenario)
        assert (tmp_path / name).read_bytes() == before
    finally:
        ledger.close()


def test_an_export_the_disk_refuses_is_said_in_one_line_and_the_ui_goes_on(city, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def full(path, write, **options):
        raise OutputError(f"{path}: cannot write: No space left on device (nothing was written)")

    monkeypatch.setattr(exports, "write_atomic", full)
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        assert app.main.export_csv() is None
        await settled(app)
        assert notes(app)[-1].endswith(": cannot write: No space left on device (nothing was written)")
        assert list(tmp_path.glob("*.csv")) == [] and isinstance(app.screen, MainScreen)

    run(app, scenario)


def test_a_name_taken_while_the_export_was_written_moves_on_to_the_next(tmp_path, monkeypatch):
    """Another process creates the file between the look and the rename: write_atomic refuses, the next name is used."""
    (tmp_path / "x.csv").write_bytes(b"theirs")
    monkeypatch.setattr(exports.os.path, "lexists", lambda path: False)  # as if it was not there when looked at
    assert exports.write_new(tmp_path, "x.csv", b"ours") == tmp_path / "x-2.csv"
    assert (tmp_path / "x.csv").read_bytes() == b"theirs" and (tmp_path / "x-2.csv").read_bytes() == b"ours"


def test_the_palette_goes_to_a_unit_by_its_name(city):
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        await pilot.press("ctrl+p", *"Talouspalvelut")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settled(app)
        assert app.main.selection.node == "TP"

    run(app, scenario)


def test_f1_lists_the_keys_and_escape_closes_it(city):
    app = KirjuriApp(city, today=SUMMER)

    async def scenario(app, pilot):
        await pilot.press("f1")
        await settled(app)
        assert isinstance(app.screen, HelpScreen)
        text = text_of(app.screen.query_one("#keys"))
        for key, label in (("F1", "ohje"), ("/", "suodata"), ("t", "aikamatka"), ("[", "askel taakse"), ("n", "nyt")):
            assert key in text and label in text
        await pilot.press("escape")
        await settled(app)
        assert isinstance(app.screen, MainScreen)

    run(app, scenario)


#: the time-travel dialog's keys as the help lists them, in each language
TRAVEL_HELP = {
    "fi": [("Enter", "aikamatkassa: siirry"), ("Esc", "aikamatkassa: peru"), ("Tab", "aikamatkassa: seuraava kenttä"),
           ("⇧Tab", "aikamatkassa: edellinen kenttä")],
    "sv": [("Enter", "i tidsresan: gå dit"), ("Esc", "i tidsresan: avbryt"), ("Tab", "i tidsresan: nästa fält"),
           ("⇧Tab", "i tidsresan: föregående fält")],
    "en": [("Enter", "in time travel: travel"), ("Esc", "in time travel: cancel"), ("Tab", "in time travel: next field"),
           ("⇧Tab", "in time travel: previous field")],
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_f1_in_the_time_travel_dialog_lists_its_keys_and_escape_returns_to_it(city, lang):
    """The dialog's footer shows its keys; the help lists them too, each key with its words from the same table."""
    app = KirjuriApp(city, lang=lang, today=SUMMER)

    async def scenario(app, pilot):
        await pilot.press("t")
        await until(lambda: isinstance(app.screen, TravelScreen))
        dialog = app.screen
        await pilot.press("f1")
        await until(lambda: isinstance(app.screen, HelpScreen))
        text = text_of(app.screen.query_one("#keys"))
        for key, said in TRAVEL_HELP[lang]:
            assert re.search(rf"^{re.escape(key)} +{re.escape(said)} *$", text, re.M), (key, said, text)
        await pilot.press("escape")
        await until(lambda: app.screen is dialog)

    run(app, scenario)


@pytest.mark.parametrize(("lang", "tab", "back"), [("fi", "seuraava paneeli", "edellinen paneeli"),
                                                   ("sv", "nästa panel", "föregående panel"),
                                                   ("en", "next panel", "previous panel")])
def test_the_help_says_shift_tab_goes_to_the_previous_panel(lang, tab, back):
    """Tab and ⇧Tab move the focus opposite ways: the help says so, not "next panel" for both."""
    from tui.keys import help_rows

    rows = help_rows(Texts(lang))
    assert ("Tab", tab) in rows and ("⇧Tab", back) in rows, rows


def test_english_labels_with_lang_en(city):
    app = KirjuriApp(city, lang="en", today=SUMMER)

    async def scenario(app, pilot):
        main = app.main
        pages = column_pages(main.figures)
        assert [label for page in pages for label in page[1:]] == ["TA", "TA amendments", "TA+muutos"]
        assert all(page[0].startswith("Account") for page in pages)
        assert [str(c.label) for c in main.trail.columns.values()][:3] == ["#", "Effective", "Kind · Change"]
        assert text_of(main.query_one("#trail-title")).startswith("Audit trail · ")
        footer = {b.binding.description for b in main.active_bindings.values()}
        assert {"help", "filter", "travel", "now", "quit"} <= footer
        await pilot.press("left_square_bracket")
        await settled(app)
        assert text_of(main.query_one("#banner")).startswith("Time travel: known at ")

    run(app, scenario)


def test_read_only_shows_in_the_header(city):
    app = KirjuriApp(city, read_only=True, today=SUMMER)

    async def scenario(app, pilot):
        assert app.read_only is True
        assert app.sub_title == "vain luku"
        assert "Kirjuri — vain luku" in str(app.main.query_one("HeaderTitle").render())

    run(app, scenario)
    english = KirjuriApp(city, lang="en", read_only=True)
    assert english.sub_title == "read-only" and english.read_only


def test_everything_stays_visible_at_80x24_and_after_a_resize_to_120x40(city):
    app = KirjuriApp(city, today=SUMMER)

    def visible(app) -> dict[str, int]:
        screen = app.screen.region
        found = {}
        for selector in ("#tree", "#figures", "#trail", "Footer", "#figures-title", "#trail-title"):
            region = app.main.query_one(selector).region
            assert region.width > 0 and region.height > 0, selector
            assert screen.contains_region(region), selector
            found[selector] = region.width
        return found

    async def scenario(app, pilot):
        await go_to(app, pilot, "HP-YH")
        small = visible(app)
        assert app.main.trail.region.height >= 5
        await pilot.resize_terminal(120, 40)
        await pilot.pause(0.3)
        large = visible(app)
        assert large["#figures"] > small["#figures"] and large["#tree"] >= small["#tree"]
        assert shown(app, "NETTOMENO", "TA") == money(city, 2025, "HP-YH", "NETTOMENO", "TA")

    run(app, scenario)


@pytest.fixture
def example(sqlite_target) -> Kirjuri:
    """examples/kemijarvi.json, then a TA-muutos (#162) and a reallocation (#163) on Joukkoliikenne in June 2026."""
    app = Kirjuri(sqlite_target, create=True, author="testi")
    app.submit_recorded(read_export(FULL_EXAMPLE)[1])
    app.amend(2026, [_line("JOUKKOLIIKENNE", "MENOT", -50_000)], effective=dt.date(2026, 6, 15),
              decision=parse_decision("KV 15.6.2026 § 44"))
    app.reallocate(2026, [("JOUKKOLIIKENNE", "MENOT", "ELINKEINOPALVELUT", "MENOT", 1_000_000)],
                   effective=dt.date(2026, 6, 20), decision=parse_decision("KH 16.6.2026 § 90"))
    yield app
    app.close()


#: Joukkoliikenne's trail in the example: the 2026 service transfer, the TA-muutos and the reallocation
TRAIL_EVENTS = {
    "fi": {111: "Palvelu siirretty · JOUKKOLIIKENNE: HALL → ELTY (vuoden 2026 luvuista)",
           162: "TA-muutos 2026 · MENOT -50\u00a0000",
           163: "Määrärahasiirto 2026 · JOUKKOLIIKENNE MENOT → ELINKEINOPALVELUT MENOT 10\u00a0000"},
    "en": {111: "Service transferred · JOUKKOLIIKENNE: HALL → ELTY (figures from 2026)",
           162: "TA-muutos 2026 · MENOT -50\u00a0000",
           163: "Reallocation 2026 · JOUKKOLIIKENNE MENOT → ELINKEINOPALVELUT MENOT 10\u00a0000"},
}


def shown_whole(trail: AuditTrail, seq: int) -> list[str]:
    """The lines of the event cell of ``seq``'s row, checked to be all in view: each within the
    column, the row as tall as its lines, the column within the table's visible width."""
    key = str(seq)
    lines = trail.get_row(key)[EVENT].plain.split("\n")
    column = trail.columns[ColumnKey("event")]
    left = sum(c.get_render_width(trail) for c in trail.ordered_columns[:EVENT])
    assert trail.scroll_x == 0 and left + column.get_render_width(trail) <= trail.scrollable_content_region.width
    assert max(len(line) for line in lines) <= column.width, lines
    assert trail.rows[RowKey(key)].height == len(lines)
    return lines


def footer_keys(app: KirjuriApp) -> dict[str, str]:
    """{key: label} of the footer's keys wholly on the screen."""
    screen = app.screen.region
    return {k.key_display: k.description for k in app.screen.query(FooterKey)
            if k.display and k.region.width and screen.contains_region(k.region)}


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_at_80x24_the_trail_shows_each_change_whole_and_the_footer_the_keys_to_write(example, lang):
    app = KirjuriApp(example, lang=lang, today=dt.date(2026, 11, 22))

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        trail = app.main.trail
        for size in ((80, 24), (120, 40), (80, 24)):
            await pilot.resize_terminal(*size)
            await settled(app)
            for seq, text in TRAIL_EVENTS[lang].items():
                lines = shown_whole(trail, seq)
                assert "".join("".join(lines).split()) == "".join(text.split()), (size, lines)
            assert any("JOUKKOLIIKENNE: HALL → ELTY" in line for line in shown_whole(trail, 111))
            footer = footer_keys(app)
            assert {"F1", "/", "t", "a", "m", "s", "r", "q"} <= footer.keys(), (size, footer)
            assert ({"<", ">", "[", "]", "^p"} & footer.keys() == set()) == (size[0] < WIDE), (size, footer)
        assert footer["q"] == ("lopeta" if lang == "fi" else "quit")

    run(app, scenario, size=(80, 24))


def test_at_80_columns_arrows_scroll_the_trail_a_column_at_a_time(example):
    """At 80 columns the decision, the recorded time and the author are a scroll to the right away: → brings
    the next column's start to the trail's left edge (one key, not one per character, some fifty to the
    decision), ← the one before, back to the #."""
    app = KirjuriApp(example, lang="fi", today=dt.date(2026, 11, 22))

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        trail = app.main.trail
        trail.focus()
        await settled(app)
        starts, at = {}, 0
        for column in trail.ordered_columns:
            starts[column.key.value] = at
            at += column.get_render_width(trail)
        assert starts["decision"] > trail.scrollable_content_region.width // 2, "the decision is out of view"
        seen = []
        for _ in range(len(starts) + 1):
            await pilot.press("right")
            await settled(app)
            seen.append(trail.scroll_x)
        assert starts["event"] in seen and starts["decision"] in seen, (seen, starts)
        assert seen[-1] == trail.max_scroll_x, "the last columns in view, whole"
        for _ in range(len(starts) + 1):
            await pilot.press("left")
            await settled(app)
        assert trail.scroll_x == 0

    run(app, scenario, size=(80, 24))


def test_an_event_cell_breaks_at_spaces_never_inside_an_amount_and_stops_with_an_ellipsis():
    text = Text.assemble(("TA hyväksytty 2026", "bold"), " · ", "TILAPAISEN-SUOJELUN-LISATUKI MENOT -334\u00a0000; "
                         "TULOT 90\u00a0000; KEV MENOT -1\u00a0000", style="strike")
    assert wrap(text, 33, 5).plain.split("\n") == ["TA hyväksytty 2026 · TILAPAISEN-",
                                                  "SUOJELUN-LISATUKI MENOT -334\u00a0000;",
                                                  "TULOT 90\u00a0000; KEV MENOT -1\u00a0000"]
    cut = wrap(text, 33, 2)
    assert cut.plain.endswith("…") and cut.plain.count("\n") == 1 and max(map(len, cut.plain.split("\n"))) <= 33
    assert cut.style == "strike" and cut.spans[0].end == len("TA hyväksytty 2026"), "the kind stays bold"
    assert wrap(Text("JL MENOT -12\u00a0000"), 33, 3).plain == "JL MENOT -12\u00a0000"


def test_an_indented_account_label_folds_with_its_indentation_on_every_line():
    """A figures label under its parent keeps its place in the tree where it takes two lines."""
    assert wrap(Text("    Tuet ja avustukset"), 20, 2).plain.split("\n") == ["    Tuet ja", "    avustukset"]
    cut = wrap(Text("    Muut toimintatuotot ja -kulut yhteensä"), 20, 2).plain.split("\n")
    assert len(cut) == 2 and all(line.startswith("    ") and len(line) <= 20 for line in cut) and cut[1].endswith("…")


# --- the view model on its own ------------------------------------------------------------------------------------


def test_step_known_moves_by_recorded_time_and_stops_at_both_ends(city):
    state = city.state
    back = step_known(state, NOW, -1)
    assert back == Point(known_at=state.recorded_at(state.seq - 1))
    assert step_known(state, back, 1) == NOW
    assert step_known(state, NOW, 1) is None
    first = Point(known_at=state.recorded_at(1))
    assert step_known(state, first, -1) is None


def test_filter_and_trail_follow_the_point(city):
    state = city.state
    entries = tree_entries(state, 2025)
    assert [e.code for e in filter_entries(entries, "tp")] == ["KJ", "HP", "HP-YH", "TP"]
    known = Point(known_at=state.recorded_at(state.seq - 1))
    assert trail_seqs(state, Selection("JL", 2025, known)) == pj.history_seqs(state, "JL")[1:]


def test_figures_view_marks_what_differs_from_now_and_exports_what_it_shows(city):
    state, texts = city.state, Texts("fi")
    before = Point(on=dt.date(2025, 6, 1))
    view = figures_view(state, Selection("HP-YH", 2025, before), texts)
    assert view.columns == ("TA", "MUUTOS", "TA+MUUTOS")
    menot = view.row("MENOT")
    assert view.texts(menot) == ["-350\u00a0000", "", "-350\u00a0000"]
    assert menot.changed == (False, True, True)
    assert view.row("JL Joukkoliikenne").code == "JL"
    grid = csv_rows(view, texts)
    assert grid[0] == ["Yleishallinto (HP-YH) · 2025", "TA", "TA-muutokset", "TA+muutos"]
    assert grid[1] == ["MENOT", "-350 000", "", "-350 000"]
    assert ["Alayksiköt: NETTOMENO", "", "", ""] in grid
    swedish = csv_rows(figures_view(state, Selection("HP-YH", 2025, before), Texts("sv")), Texts("sv"))
    assert swedish[0] == ["Yleishallinto (HP-YH) · 2025", "TA", "TA-ändringar", "TA+ändringar"]
    assert swedish[1] == ["Utgifter", "-350 000", "", "-350 000"]
    assert ["Underenheter: Nettoutgift", "", "", ""] in swedish and ["JL Joukkoliikenne", "-80 000", "", "-80 000"] in swedish


def test_the_screen_paints_before_the_ledger_is_folded_and_then_shows_it(sqlite_target, clock):
    small_city(Kirjuri(sqlite_target, create=True, author="testi", clock=clock)).close()
    ledger = Kirjuri(sqlite_target, author="testi", load=False)
    assert not ledger.loaded and ledger.state.seq == 0
    folding = threading.Event()
    fold = ledger.load
    ledger.load = lambda: (folding.wait(10), fold())  # type: ignore[method-assign]
    app = KirjuriApp(ledger, today=SUMMER)

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert str(app.main.query_one("#figures-title").content) == "Avataan kirjanpitoa…"
            assert not ledger.loaded
            folding.set()
            await until(lambda: app.main.selection is not None)
            await settled(app)
            assert app.main.org.nodes, "the tree shows the organisation once the state is folded"

    asyncio.run(main())
    ledger.close()


@pytest.mark.parametrize(("lang", "words"), [("fi", {"Ohje", "Lopeta"}), ("en", {"Help", "Quit"})])
def test_textuals_own_palette_commands_are_said_in_the_uis_language_or_left_out(city, lang, words):
    """No Theme, Keys, Maximize or Screenshot in English in a Finnish palette; help and quit in the UI's words."""
    app = KirjuriApp(city, today=SUMMER, lang=lang)

    async def scenario(app, pilot):
        commands = list(app.get_system_commands(app.screen))
        assert {c.title for c in commands} == words
        await pilot.press("ctrl+p", *sorted(words)[0][:3])
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, HelpScreen) or not app.is_running)

    run(app, scenario)


def test_a_long_unit_name_folds_in_the_figures_without_parting_a_percent_from_its_number(kemijarvi):
    """Kemijärvi's `Johtaminen (elinvoima 82,5 % kust. v. 2023 ja 65,7 % v. 2024)` under Asuminen at 80 columns
    folds in the label column; no line of it starts with the "%" the line before ended the number of."""
    app = KirjuriApp(kemijarvi, today=dt.date(2026, 6, 1))

    async def scenario(app, pilot):
        await go_to(app, pilot, "ASUMINEN")
        table = app.main.figures
        labels = [table.get_cell(f"row:{i}", "label").plain for i in range(table.row_count)]
        folded = next(label for label in labels if label.startswith("Johtaminen") and "\n" in label)
        lines = [line.strip() for line in folded.split("\n")]
        assert not any(line.startswith("%") for line in lines[1:]), lines

    run(app, scenario)
