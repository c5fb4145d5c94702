"""The banners over a screen's content: the time travel (hidden at now), a damaged ledger (on every screen)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class TimeTravelBanner(Static):
    """One line in the theme's warning colours; hidden when the screen shows now."""

    DEFAULT_CSS = """
    TimeTravelBanner {
        display: none;
        height: auto;
        padding: 0 1;
        background: $warning;
        color: $text;
        text-style: bold;
    }
    TimeTravelBanner.-travelling { display: block; }
    """

    def show_text(self, text: str | None) -> None:
        """``text`` shown, or None to hide the banner."""
        self.set_class(text is not None, "-travelling")
        self.update(Text(text or ""))


class DamageBanner(Static):
    """The app's ``damage_text`` in the theme's error colours, on every screen that composes one; hidden
    while the ledger is not damaged. It follows the app, so a break found while another screen is on
    top shows there at once."""

    DEFAULT_CSS = """
    DamageBanner {
        display: none;
        height: auto;
        padding: 0 1;
        background: $error;
        color: $text;
        text-style: bold;
    }
    DamageBanner.-damaged { display: block; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "damage_text", self.show_text, init=True)

    def show_text(self, text: str | None) -> None:
        self.set_class(text is not None, "-damaged")
        self.update(Text(text or ""))
