"""The command palette (ctrl+p): go to a unit, a year or a date, export the view, go back to now."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from ledger.domain.text import shown

if TYPE_CHECKING:
    from tui.screens.main import MainScreen


class KirjuriCommands(Provider):
    """Commands of the main screen; a unit is found by its code or its name."""

    @property
    def main(self) -> MainScreen:
        return self.screen  # type: ignore[return-value]

    def commands(self) -> list[tuple[str, Callable[[], object], str]]:
        """(text, what it does, help) for every command the screen offers now."""
        main = self.main
        t = main.texts
        out: list[tuple[str, Callable[[], object], str]] = [
            (t("cmd.export"), main.export_csv, ""),
            (t("cmd.goto_date"), main.action_travel, ""),
            (t("cmd.committee"), main.action_committee, ""),
            (t("cmd.now"), main.action_now, ""),
            (t("cmd.reload"), main.action_reload, ""),
            (t("cmd.help"), main.app.action_help, ""),
        ]
        if not getattr(main.app, "read_only", False):
            out[1:1] = [(t("cmd.amend"), main.action_amend, ""), (t("cmd.reallocate"), main.action_reallocate, ""),
                        (t("cmd.transfer"), main.action_transfer, ""), (t("cmd.reverse"), main.action_reverse, ""),
                        (t("cmd.carry"), main.action_carry, "")]
        out += [(t("cmd.year", year=year), partial(main.set_year, year), "") for year in main.state.years()]
        out += [(t("cmd.goto_unit", code=entry.code, name=entry.name), partial(main.go_to, entry.code),
                 escape(shown(t.level(entry.level)))) for entry in main.org.entries]
        return out

    async def discover(self) -> Hits:
        for text, command, help_text in self.commands()[:5]:
            yield DiscoveryHit(Content(text), command, text=text, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self.commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlight(matcher, text), command, text=text, help=help_text or None)


def _highlight(matcher: Matcher, text: str) -> Content:
    """The matched letters highlighted in ``text`` read as plain text: Textual's own ``highlight`` reads
    it as markup, and a unit's name is stored text ("[red]…" is a name, not a colour)."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
