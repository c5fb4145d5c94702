"""No amount is cut at 80×24 (issue 19, item 5): every screen of the terminal UI, on both bundled
examples, in Finnish, Swedish and English (the CLI's tables: ``test_cli_80_columns.py``).

One app session per example and language drives every screen in turn (the tree and the figures with
each page of their columns, the trail, an event in full, time travel, each form, the committee's
view with each of its tabs and years, its diff, the help and the palette) and reads each screen as a
terminal shows it (``tests/cut.py``).

The same sessions on the Kemijärvi example compare the main screens with their approved SVG snapshots
(``tests/__snapshots__/test_screens_80x24/``), one session per language rather than one per picture
to keep the suite fast. After a deliberate change to what is drawn, look at the new pictures and
approve them with ``pytest tests/test_screens_80x24.py --snapshot-update``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re

import msgspec
import pytest
from conftest import restore_example
from cut import screen_cuts, screen_lines
from test_tui import burst, settled, until
from textual.command import CommandPalette
from pytest_textual_snapshot import SVGImageExtension
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey

from ledger.fold import projections as pj
from tui.app import KirjuriApp
from tui.screens.committee import CommitteeScreen
from tui.screens.diff import DiffScreen
from tui.screens.event import EventScreen
from tui.screens.form import FormScreen
from tui.screens.help import HelpScreen
from tui.screens.travel import TravelScreen
from tui.viewmodel import field_text

LANGS = ("fi", "sv", "en")
#: each example: the day the UI opens on, and a unit with its own figures for a form's preview
EXAMPLES = {"kemijarvi": (dt.date(2026, 11, 22), "JOUKKOLIIKENNE"), "kemi": (dt.date(2023, 11, 22), "64310000")}
#: every language on Kemijärvi (its screens are also the approved pictures); Kemi's larger figures in Finnish,
#: the widest amounts being the same digits in every language (a session costs ~10 s of the suite's time)
SESSIONS = [("kemijarvi", lang) for lang in LANGS] + [("kemi", "fi")]


@pytest.fixture(scope="module")
def ledgers(tmp_path_factory):
    opened = {name: restore_example(tmp_path_factory.mktemp(name), name) for name in EXAMPLES}
    yield opened
    for ledger in opened.values():
        ledger.close()


def children(state, year: int) -> list[str]:
    """The city's own children (its toimialat) in the year."""
    return [code for depth, code in pj.tree(state, year) if depth == 1]


#: the screens whose pictures are approved, in each language (on the Kemijärvi example); the modal dialogs (time
#: travel, help) are left out: their dimmed background did not draw the same twice
PICTURES = ("main", "event", "amendment form with its preview", "reallocation form",
            "service transfer form", "committee: checks", "committee: vertailu 2026", "committee: meetings",
            "committee: diff")


class Seen:
    """The screens looked at, the cuts found on them, and the pictures that differ from the approved ones."""

    def __init__(self, app: KirjuriApp, snapshot=None) -> None:
        self.app = app
        self.pilot = None
        self.snapshot = snapshot
        self.names: list[str] = []
        #: each screen's text as a terminal shows it, by name
        self.text: dict[str, str] = {}
        self.cuts: list[str] = []
        self.differ: list[str] = []

    async def look(self, name: str) -> None:
        await asyncio.sleep(0.02)
        self.names.append(name)
        self.text[name] = "\n".join(screen_lines(self.app))
        self.cuts += [f"{name}: {cut}" for cut in screen_cuts(self.app)]
        if self.snapshot is not None and name in PICTURES:
            await self.picture(name)

    async def picture(self, name: str) -> None:
        """The screen as an SVG, no cursor blinking and no toast, compared with the approved one."""
        app = self.app
        for field in app.screen.query(Input):
            field.cursor_blink = False
        app.clear_notifications()
        await settled(app)
        for footer in app.screen.query(Footer):  # its keys come a moment after the screen
            await until(lambda footer=footer: footer.query(FooterKey))
        await self.pilot.wait_for_scheduled_animations()  # a tab's underline slides
        await self.pilot.pause()
        svg = app.export_screenshot(title=app.title, simplify=True)
        if not self.snapshot(name=name.replace(":", "").replace(" ", "-")) == svg:
            self.differ.append(name)


async def keys(app: KirjuriApp, *pressed: str) -> None:
    """The keys as a fast typist sends them, then the app settled."""
    burst(app, *pressed)
    await settled(app)


async def figures_pages(seen: Seen, name: str) -> None:
    """Each page of the figures' columns, turned with c; every column of the view is on one page, and the
    first row's amounts (the node's MENOT, the largest) are on screen whole."""
    app = seen.app
    table = app.main.figures
    found: set[str] = set()
    for page in range(len(table.pages)):
        text = "\n".join(screen_lines(app))
        shown = [str(key.value) for key in table.columns][1:]
        found.update(shown)
        for column in shown:
            amount = table.get_cell("row:0", column).plain
            assert amount in text, (name, page, column, amount)
        await seen.look(f"{name} c{page + 1}/{len(table.pages)}")
        await keys(app, "c")
    assert found == set(table.view.columns), name


async def committee(seen: Seen, app: KirjuriApp) -> None:
    await keys(app, "v")
    await until(lambda: isinstance(app.screen, CommitteeScreen))
    screen = app.screen
    await until(lambda: screen.report is not None and screen.vertailu is not None, timeout=30)
    await seen.look("committee: checks")
    await keys(app, "2")
    years = sorted(app.ledger.state.years())
    for _ in years:  # the latest year first, then each before it
        await until(lambda: screen.vertailu is not None and screen.vertailu.year == screen.year)
        await seen.look(f"committee: vertailu {screen.year}")
        for _page in range(1, len(getattr(screen.query_one("#vertailu-table"), "pages", [[]]))):
            await keys(app, "c")
            await seen.look(f"committee: vertailu {screen.year} next columns")
        if screen.year == years[0]:
            break
        await keys(app, "less_than_sign")
    await keys(app, "3")
    await until(lambda: screen.meetings is not None)
    await seen.look("committee: meetings")
    await keys(app, "4")
    await seen.look("committee: proposals")
    await keys(app, "d")
    await until(lambda: isinstance(app.screen, DiffScreen) and app.screen.found is not None, timeout=30)
    await seen.look("committee: diff")
    await keys(app, "escape")
    await keys(app, "escape")


async def every_screen(seen: Seen, unit: str) -> None:
    app = seen.app
    main = app.main
    root = main.selection.node
    await figures_pages(seen, f"figures {root}")
    for code in children(app.ledger.state, main.year)[:3] + [unit]:
        main.go_to(code)
        await settled(app)
        await figures_pages(seen, f"figures {code}")
    await main.open_event(0)
    await until(lambda: isinstance(app.screen, EventScreen))
    await seen.look("event")
    assert "UNSET" not in "\n".join(screen_lines(app)), "a field the event never had is said as –"
    await keys(app, "end")  # its effect on each unit, a long code beside each amount
    await seen.look("event, its end")
    await keys(app, "escape")
    await keys(app, "t")
    await until(lambda: isinstance(app.screen, TravelScreen))
    await seen.look("time travel")
    await keys(app, "escape")
    await keys(app, "left_square_bracket")
    await seen.look("main, a step back in time")
    await keys(app, "n")
    await keys(app, "a", *"-50 000", "tab", *"KV 15.6.2026 § 44")
    form = app.screen
    assert isinstance(form, FormScreen)
    await until(lambda: form.outcome is not None and form.outcome.values == form.values())
    await seen.look("amendment form with its preview")
    await keys(app, "shift+tab", "end", *",5,5")  # a wrong amount: the refusal's example amounts stay whole
    await until(lambda: form.outcome is not None and form.outcome.values == form.values())
    await seen.look("amendment form, a wrong amount")
    for key, name in (("m", "reallocation"), ("s", "service transfer")):
        await keys(app, "escape")
        await keys(app, key)
        await until(lambda: isinstance(app.screen, FormScreen))
        await seen.look(f"{name} form")
    await keys(app, "escape")
    main.trail.focus()
    await keys(app, "r")
    await until(lambda: isinstance(app.screen, FormScreen))
    await seen.look("reversal form")
    await keys(app, "escape")
    await committee(seen, app)
    await keys(app, "f1")
    await until(lambda: isinstance(app.screen, HelpScreen))
    await seen.look("help")
    await keys(app, "escape")
    await keys(app, "ctrl+p")
    await until(lambda: isinstance(app.screen, CommandPalette))
    await asyncio.sleep(0.3)
    await seen.look("palette")


@pytest.mark.parametrize("example, lang", SESSIONS, ids=[f"{example}-{lang}" for example, lang in SESSIONS])
def test_no_screen_cuts_an_amount_at_80x24_and_each_looks_as_approved(ledgers, example, lang, snapshot):
    today, unit = EXAMPLES[example]
    app = KirjuriApp(ledgers[example], today=today, lang=lang)
    seen = Seen(app, snapshot.use_extension(SVGImageExtension) if example == "kemijarvi" else None)

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            seen.pilot = pilot
            await settled(app)
            await seen.look("main")
            await every_screen(seen, unit)

    asyncio.run(main())
    assert len(seen.names) > 20
    assert seen.cuts == [], "\n".join(seen.cuts)
    assert foreign_words(seen, lang) == []
    assert seen.differ == [], f"not as approved (see tests/__snapshots__/test_screens_80x24/): {seen.differ}"


#: what the help says of shift+tab in a form, in each language
PREVIOUS_FIELD = {"fi": "edellinen kenttä", "sv": "föregående fält", "en": "previous field"}
#: a decision cited by a Finnish abbreviation (KV, KH, LTK) where a Swedish screen cites KF, SS, nämnd
FINNISH_CITATION = re.compile(r"\b(KV|KH|LTK) \d{1,2}\.\d{1,2}\.\d{4}")


def foreign_words(seen: Seen, lang: str) -> list[str]:
    """The words a screen shows outside its language, as a clerk would note them: a Finnish citation on a Swedish
    screen the UI drew (a form's own field shows what was typed, and is left out)."""
    found = []
    if lang == "sv":
        drawn = {name: text for name, text in seen.text.items() if "form" not in name}
        found += [f"{name}: {m.group()}" for name, text in drawn.items() for m in FINNISH_CITATION.finditer(text)]
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_help_says_shift_tab_goes_back_a_field_in_a_form(lang):
    from tui.i18n import Texts
    from tui.keys import help_rows

    texts = Texts(lang)
    rows = help_rows(texts)
    assert ("⇧Tab", f"{texts('help.in_form')}: {PREVIOUS_FIELD[lang]}") in rows
    assert ("Tab", f"{texts('help.in_form')}: {texts('key.next_field')}") in rows


def test_a_field_an_event_never_had_reads_as_a_dash_and_a_list_as_its_items():
    assert field_text(msgspec.UNSET) == field_text(()) == field_text(None) == "–"
    assert field_text(("authority.overrun", "rules.late")) == "authority.overrun, rules.late"
