"""An option list (and a Static, ``FoldedStatic``) whose text breaks into lines at plain spaces only,
never inside an amount nor before its "€".

Textual breaks a prompt at any whitespace, the no-break space in "-44 000" included, so a
finding or a minute's line would show "-44" at the end of one line and "000" on the next.
Here each prompt is broken beforehand (``tui.widgets.sized.wrap``) to the list's width, a
continuation line indented under its first line's text, and broken anew when the width changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ledger.domain.formats import held
from tui.widgets.sized import wrap

#: an option's most lines; a longer one ends in "…"
LINES = 40
#: an option's padding, left and right (OptionList's own CSS)
PADDING = 2


@dataclass(frozen=True)
class Entry:
    """One option: its id, its text, how far it is indented, and whether it can be chosen."""

    id: str | None
    text: Text
    indent: int = 0
    disabled: bool = False


def keep_numbers(text: Text) -> Text:
    """The text with each space no line may break at (inside an amount, before its "€", after a citation's §) made
    a no-break space (``ledger.domain.formats.held``)."""
    plain = held(text.plain)
    if plain == text.plain:
        return text
    kept = text.copy()
    kept.plain = plain
    return kept


class WrappedOptions(OptionList):
    """``show(entries)``; ``entry(index)`` gives the entry of an option."""

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.entries: list[Entry] = []
        #: the width the options are broken for (0: not yet sized)
        self.wrapped_for = 0

    def show(self, entries: list[Entry], highlighted: int | None = 0) -> None:
        self.entries = list(entries)
        self._rebuild(highlighted)

    def entry(self, index: int | None) -> Entry | None:
        return self.entries[index] if index is not None and 0 <= index < len(self.entries) else None

    def on_resize(self, _event: events.Resize) -> None:
        if self.entries and self._width() != self.wrapped_for:
            self._rebuild(self.highlighted)

    def _width(self) -> int:
        return max(self.size.width - self.styles.scrollbar_size_vertical - PADDING, 0)

    def _rebuild(self, highlighted: int | None) -> None:
        width = self.wrapped_for = self._width()
        self.clear_options()
        self.add_options([Option(self._broken(entry, width), id=entry.id, disabled=entry.disabled)
                          for entry in self.entries])
        if highlighted is not None and self.entries:
            self.highlighted = min(highlighted, len(self.entries) - 1)

    @staticmethod
    def _broken(entry: Entry, width: int) -> Text:
        text = keep_numbers(entry.text)
        if width <= entry.indent + 10:
            return Text(" " * entry.indent) + text
        lines = wrap(text, width - entry.indent, LINES).split("\n")
        pad = Text(" " * entry.indent)
        return Text("\n").join(pad + line for line in lines)


class FoldedStatic(Static):
    """A Static whose text breaks into lines at plain spaces only, never inside an amount, broken anew
    when its width changes (Textual's own wrapping breaks "-1 445 300" at its no-break spaces)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.text = Text("")

    def update(self, content: object = "", *, layout: bool = True) -> None:
        self.text = keep_numbers(content if isinstance(content, Text) else Text(str(content)))
        super().update(self._folded(), layout=layout)

    def on_resize(self, _event: events.Resize) -> None:
        super().update(self._folded())

    def _folded(self) -> Text:
        width = self.content_size.width
        return wrap(self.text, width, LINES) if width > 0 and self.text.plain else self.text
