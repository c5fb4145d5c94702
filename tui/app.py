"""KirjuriApp: the terminal UI over an open ledger. It shows; it never decides.

Every figure comes from ``ledger.fold.projections`` and every amount string from
``ledger.domain.money``; the UI only chooses what to show and where.
"""

from __future__ import annotations

import datetime as dt

from collections.abc import Iterable

from textual import events
from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen

from ledger.audit import authority
from ledger.domain import refusals
from ledger.app import Damaged, Kirjuri
from tui.i18n import Texts
from tui.idle_gc import EVERY, IdleCollector
from tui.keyorder import KeyQueue
from tui.keys import MAIN_KEYS, WIDE, localised
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen


class KirjuriApp(App):
    """Browse a ledger: ``lang`` is "fi" or "en"; read-only (``read_only``, or a ledger opened read-only, which
    refuses every write itself) is shown in the header, and no form opens;
    ``rules`` are the rules of authority the audit committee's view checks against (default: the law's minimum)."""

    TITLE = "Kirjuri"
    #: a screen narrower than ``WIDE`` gets the class -narrow: its footer keeps the keys that fit 80 columns
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    CSS = """
    Footer.-compact FooterLabel { margin: 0 1 0 0; }
    .-narrow Footer KeyGroup, .-narrow Footer FooterLabel, .-narrow Footer FooterKey.-command-palette {
        display: none;
    }
    """

    #: where the ledger is damaged and what to do, in the UI's language, shown by every screen's
    #: ``DamageBanner``; None while no damaged row is known
    damage_text: reactive[str | None] = reactive(None)

    def __init__(self, ledger: Kirjuri, *, lang: str = "fi", read_only: bool = False,
                 today: dt.date | None = None, rules: authority.Rules | None = None) -> None:
        self.texts = Texts(lang)
        super().__init__()
        self.ledger = ledger
        #: the municipality's rules file (``kirjuri tui --rules``): what the forms and the committee's view judge by
        #: while the ledger adopted no rules of its own (``Kirjuri.rules_in_force``)
        self.rules = rules if rules is not None else authority.DEFAULT
        if rules is not None:
            ledger.rules_of = rules
        self.lang = lang
        #: no form is offered: asked of the ledger (``Kirjuri.read_only``), or also asked for here
        self.read_only = read_only or ledger.read_only
        self.today = today
        self.keys = KeyQueue(self)
        self.collector = IdleCollector()
        if self.read_only:
            self.sub_title = self.texts("app.read_only")

    def on_mount(self) -> None:
        self.collector.start()
        self.set_interval(EVERY, self.collector.tick)

    def on_unmount(self) -> None:
        self.collector.stop()

    async def on_event(self, event: events.Event) -> None:
        """Keys the app reads wait their turn in ``self.keys`` (see ``tui.keyorder``)."""
        if isinstance(event, events.Key | events.MouseDown):
            self.collector.touched()
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self.keys.accept(event)
            return
        await super().on_event(event)

    async def handle_key_now(self, key: events.Key) -> None:
        """Textual's own handling of a key just read: priority bindings, else to the focused widget."""
        await super().on_event(key)

    def on_key(self, event: events.Key) -> None:
        self.keys.reached_app(event)

    def get_default_screen(self) -> Screen:
        return localised(MainScreen, MAIN_KEYS, self.texts)(self.ledger, self.texts, self.today)

    @property
    def main(self) -> MainScreen:
        """The browsing screen, whatever is pushed on top of it."""
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def damaged(self, damage: Damaged | None) -> None:
        """Say on every screen where the ledger is damaged (None: nothing found, nothing to say); else, in
        the same place, that it holds accounts the chart in use does not know (shown in no total)."""
        if damage is not None:
            notice = damage.notice(self.ledger.state.seq)
            self.damage_text = self.texts("damage.banner", where=notice.value,
                                          why=refusals.why(notice, self.texts.lang))
        elif outside := self.ledger.accounts_outside_chart():
            self.damage_text = self.texts("accounts.banner", accounts=", ".join(outside))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own palette commands said in the UI's language; those that would show Textual's
        English panels or write a screenshot on a server (Keys, Theme, Maximize, Screenshot) left out."""
        t = self.texts
        yield SystemCommand(t("palette.help"), t("palette.help_help"), self.action_help)
        yield SystemCommand(t("palette.quit"), t("palette.quit_help"), self.action_quit)

    def action_command_palette(self) -> None:
        """Textual's palette with its search field's placeholder in the UI's language, not Textual's English."""
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=self.texts("palette.search")))

    async def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            await self.push_screen(HelpScreen.localised(self.texts)(self.texts))
