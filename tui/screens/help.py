"""The help screen: every key and what it does, from the same table the bindings are made of."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.i18n import Texts
from tui.keys import HELP_KEYS, help_rows, localised
from tui.widgets.banner import DamageBanner


class HelpScreen(ModalScreen[None]):
    """Lists the keys; escape, F1 or q closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen DamageBanner { dock: top; }
    HelpScreen VerticalScroll {
        width: 64; max-width: 95%; height: auto; max-height: 90%; padding: 0 1;
        border: thick $accent; background: $surface;
    }
    """

    @classmethod
    def localised(cls, texts: Texts) -> type[HelpScreen]:
        return localised(cls, HELP_KEYS, texts)

    def __init__(self, texts: Texts) -> None:
        super().__init__()
        self.texts = texts

    def compose(self) -> ComposeResult:
        t = self.texts
        table = Table(title=t("help.title"), box=None, pad_edge=False, expand=True)
        table.add_column(t("help.key"), style="bold", no_wrap=True)
        table.add_column(t("help.action"))
        for key, action in help_rows(t):
            table.add_row(Text(key), Text(action))
        yield DamageBanner(id="damage")
        with VerticalScroll():
            yield Static(table, id="keys")

    def action_close(self) -> None:
        self.dismiss()
