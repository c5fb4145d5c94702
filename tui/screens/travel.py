"""The time-travel dialog: an effective date and an optional known-at time, typed the Finnish way."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from ledger.domain import formats
from ledger.domain.money import AmountError, format_date, parse_date
from ledger.fold.projections import Point
from tui.i18n import Texts
from tui.keys import TRAVEL_KEYS, localised
from tui.widgets.banner import DamageBanner


class TravelScreen(ModalScreen[None]):
    """Enter travels to the typed point; escape cancels; a field left empty sets no limit. Its footer says its
    own keys (``TRAVEL_KEYS``), drawn over the main screen's."""

    DEFAULT_CSS = """
    TravelScreen { align: center middle; }
    TravelScreen #dialog {
        width: 60; max-width: 95%; height: auto; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    TravelScreen #dialog-title { text-style: bold; margin-bottom: 1; }
    TravelScreen Input { margin-bottom: 1; }
    TravelScreen #error { color: $error; height: auto; }
    TravelScreen DamageBanner { dock: top; }
    """

    @classmethod
    def localised(cls, texts: Texts) -> type[TravelScreen]:
        return localised(cls, TRAVEL_KEYS, texts)

    def __init__(self, texts: Texts, point: Point, on_travel: Callable[[Point], None]) -> None:
        super().__init__()
        self.texts = texts
        self.point = point
        self.on_travel = on_travel

    def compose(self) -> ComposeResult:
        t = self.texts
        yield DamageBanner(id="damage")
        with Vertical(id="dialog"):
            yield Static(t("travel.title"), id="dialog-title", markup=False)
            yield Label(t("travel.on"), markup=False)
            yield Input(format_date(self.point.on) if self.point.on else "", id="on")
            yield Label(t("travel.known"), markup=False)
            yield Input(formats.moment(self.point.known_at, self.texts.lang) if self.point.known_at else "",
                        id="known")
            yield Static(id="error", markup=False)
        yield Footer(compact=True)

    def focus_first(self) -> None:
        """Type into the effective date at once; called by the opener right after the push."""
        self.set_focus(self.query_one("#on", Input))

    def action_travel(self) -> None:
        """Travel to the typed point and close, or say which field is wrong and stay."""
        point = self._point()
        if point is not None:
            self.on_travel(point)
            self.dismiss(None)

    def _point(self) -> Point | None:
        on_text = self.query_one("#on", Input).value.strip()
        known_text = self.query_one("#known", Input).value.strip()
        try:
            on = parse_date(on_text) if on_text else None
        except AmountError:
            return self._error(self.texts("travel.bad_date", text=on_text))
        try:
            known = formats.parse_moment(known_text) if known_text else None
        except AmountError:
            return self._error(self.texts("travel.bad_moment", text=known_text))
        return Point(on, known)

    def _error(self, text: str) -> None:
        self.query_one("#error", Static).update(Text(text))

    def action_cancel(self) -> None:
        self.dismiss(None)
