"""A line of text that breaks at plain spaces only, never inside an amount: a form's error at its field.

Rich breaks a Static's text at any space, so "'1 204 150,50'" in a refusal would end one line with
"'1 204" and start the next with "150,50'". Here the text is broken beforehand
(``tui.widgets.sized.wrap``, the spaces inside a grouped number kept) to the widget's width, and
broken anew when the width changes.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Static

from tui.widgets.sized import wrap
from tui.widgets.wrapped import LINES, keep_numbers


class SaidLine(Static):
    """``say(text)`` shows ``text`` broken for the widget's width."""

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.said = Text()

    def say(self, text: str | Text) -> None:
        self.said = Text(text) if isinstance(text, str) else text
        self.update(self._broken())

    def on_resize(self, _event: events.Resize) -> None:
        if self.said.plain:
            self.update(self._broken())

    def _broken(self) -> Text:
        width = self.content_size.width
        return wrap(keep_numbers(self.said), width, LINES) if width else self.said
