"""The time-travel banner: says which point in time the screen shows, hidden at now."""

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
