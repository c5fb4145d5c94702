"""The keys, in one table: the bindings of each screen and the help screen are made from it.

Textual reads a screen's bindings from its class, so a language's labels go into a
subclass made for that language (``localised``); the help screen lists the same table.

The footer must fit 80 columns: it shows a short label where the help's is long
(``short``), and leaves the keys a user meets elsewhere to the help screen: the year
keys are drawn beside the tree's year ("< 2025 [2026] >"), the step and now keys
belong to a time travel already begun. Below ``WIDE`` columns the app's CSS also
hides the grouped keys (< >, [ ]) and the command palette's key.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from tui.i18n import Texts


@dataclass(frozen=True)
class Key:
    key: str
    action: str
    label: str
    display: str
    footer: bool = True
    group: str | None = None
    #: checked before the focused widget sees the key (a form's Tab must never reach a field)
    priority: bool = False
    #: the footer's label where ``label`` (the help's) is too long for 80 columns
    short: str | None = None


MAIN_KEYS: tuple[Key, ...] = (
    Key("f1", "app.help", "key.help", "F1"),
    Key("slash", "filter", "key.filter", "/", short="footer.filter"),
    Key("less_than_sign", "year(-1)", "key.year_prev", "<", group="year"),
    Key("greater_than_sign", "year(1)", "key.year_next", ">", group="year"),
    Key("t", "travel", "key.travel", "t", short="footer.travel"),
    Key("left_square_bracket", "step(-1)", "key.step_back", "[", group="step"),
    Key("right_square_bracket", "step(1)", "key.step_forward", "]", group="step"),
    Key("n", "now", "key.now", "n", footer=False),
    Key("g", "chart", "key.chart", "g", footer=False),
    Key("c", "columns", "key.columns", "c", footer=False),
    Key("v", "committee", "key.committee", "v", footer=False),
    Key("a", "amend", "key.amend", "a", short="footer.amend"),
    Key("m", "reallocate", "key.reallocate", "m", short="footer.reallocate"),
    Key("s", "transfer", "key.transfer", "s", short="footer.transfer"),
    Key("r", "reverse", "key.reverse", "r", short="footer.reverse"),
    Key("e", "carry", "key.carry", "e", footer=False),
    Key("escape", "back", "key.back", "Esc", footer=False),
    Key("ctrl+r", "reload", "key.reload", "^r", footer=False),
    Key("q", "quit", "key.quit", "q"),
    Key("tab", "app.focus_next", "key.focus", "Tab", footer=False),
    Key("shift+tab", "app.focus_previous", "key.focus_previous", "⇧Tab", footer=False),
    Key("ctrl+p", "app.command_palette", "key.palette", "^p", footer=False),
)
#: keys the widgets themselves handle, listed on the help screen only
OTHER_KEYS: tuple[tuple[str, str], ...] = (
    ("↑ ↓ ← →", "key.move"),
    ("Enter", "key.open"),
)

DETAIL_KEYS: tuple[Key, ...] = (
    Key("escape", "close", "key.close", "Esc"),
    Key("q", "close", "key.close", "q", footer=False),
)

FORM_KEYS: tuple[Key, ...] = (
    Key("ctrl+s", "save", "key.save", "^s", priority=True),
    Key("escape", "cancel", "key.cancel", "Esc", priority=True),
    Key("tab", "next_field(1)", "key.next_field", "Tab", priority=True),
    Key("shift+tab", "next_field(-1)", "key.prev_field", "⇧Tab", footer=False, priority=True),
    Key("ctrl+n", "add_row", "key.add_row", "^n", priority=True, short="footer.add_row"),
    Key("ctrl+d", "remove_row", "key.remove_row", "^d", priority=True, short="footer.remove_row"),
    Key("f1", "app.help", "key.help", "F1"),
)

#: the time-travel dialog: its own keys in its footer (the main screen's do nothing while it is open), and the help's
TRAVEL_KEYS: tuple[Key, ...] = (
    Key("enter", "travel", "key.travel_go", "Enter", priority=True),
    Key("escape", "cancel", "key.cancel", "Esc", priority=True),
    Key("tab", "app.focus_next", "key.next_field", "Tab", priority=True),
    Key("shift+tab", "app.focus_previous", "key.prev_field", "⇧Tab", footer=False, priority=True),
    Key("f1", "app.help", "key.help", "F1"),
)

#: the audit committee's screen (tarkastuslautakunta): its tabs, the year of its toteutumisvertailu
COMMITTEE_KEYS: tuple[Key, ...] = (
    Key("escape", "close", "key.close", "Esc"),
    Key("q", "close", "key.close", "q", footer=False),
    Key("less_than_sign", "year(-1)", "key.year_prev", "<", group="year"),
    Key("greater_than_sign", "year(1)", "key.year_next", ">", group="year"),
    Key("1", "tab('checks')", "key.tab_checks", "1", short="footer.tab_checks"),
    Key("2", "tab('vertailu')", "key.tab_vertailu", "2", short="footer.tab_vertailu"),
    Key("3", "tab('meetings')", "key.tab_meetings", "3", short="footer.tab_meetings"),
    Key("4", "tab('proposals')", "key.tab_proposals", "4", short="footer.tab_proposals"),
    Key("s", "save_report", "key.save_report", "s", short="footer.save_report"),
    Key("c", "columns", "key.columns", "c", footer=False),
    # not in the footer, which has no room left at 80 columns in Finnish: the Kokoukset tab says it
    Key("d", "diff", "key.diff", "d", footer=False),
    Key("f1", "app.help", "key.help", "F1"),
)

#: the committee's diff between two points (tui/screens/diff.py): Enter in a point computes it again
DIFF_KEYS: tuple[Key, ...] = (
    Key("escape", "close", "key.close", "Esc"),
    Key("f1", "app.help", "key.help", "F1"),
)

HELP_KEYS: tuple[Key, ...] = (
    Key("escape", "close", "key.close", "Esc"),
    Key("f1", "close", "key.close", "F1", footer=False),
    Key("q", "close", "key.close", "q", footer=False),
)

_GROUPS = {"year": "key.year_group", "step": "key.step_group"}
#: from this many columns the footer also shows the grouped keys and the command palette (see tui.app)
WIDE = 110


def bindings(keys: tuple[Key, ...], texts: Texts) -> list[Binding]:
    """The keys as Textual bindings with this language's labels: the footer's short one, the help's as tooltip."""
    groups = {name: Binding.Group(texts(label), compact=True) for name, label in _GROUPS.items()}
    return [Binding(k.key, k.action, texts(k.short or k.label), show=k.footer, key_display=k.display,
                    group=groups[k.group] if k.group else None, priority=k.priority,
                    tooltip=texts(k.label) if k.short else "") for k in keys]


def localised(cls: type, keys: tuple[Key, ...], texts: Texts) -> type:
    """A subclass of the screen ``cls`` whose bindings carry ``texts``' labels."""
    return type(cls.__name__, (cls,), {"BINDINGS": bindings(keys, texts), "__doc__": cls.__doc__})


def help_rows(texts: Texts) -> list[tuple[str, str]]:
    """(key, what it does) for the help screen, in the footer's order."""
    rows = [(k.display, texts(k.label)) for k in MAIN_KEYS]
    rows += [(display, texts(label)) for display, label in OTHER_KEYS]
    rows += _rows_in(texts, "help.in_travel", TRAVEL_KEYS)
    rows += _rows_in(texts, "help.in_form", FORM_KEYS)
    return rows + _rows_in(texts, "help.in_committee", tuple(k for k in COMMITTEE_KEYS if k.key != "q"))


def _rows_in(texts: Texts, where: str, keys: tuple[Key, ...]) -> list[tuple[str, str]]:
    """The help's rows for the keys of one screen, each said with where it works ("lomakkeella: tallenna");
    F1 itself is the main screen's row."""
    said = texts(where)
    return [(k.display, f"{said}: {texts(k.label)}") for k in keys if k.action != "app.help"]
