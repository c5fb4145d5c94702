"""Choose the format the verification report is saved in: Markdown, a workbook or JSON.

The committee's minutes take the report as a file; which kind is the member's choice, so
the committee view asks before it writes (or, under `kirjuri serve`, sends the download).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.i18n import Texts


class SaveReportScreen(ModalScreen[str | None]):
    """The report's formats as a list: Enter picks one (its suffix), Esc saves nothing."""

    DEFAULT_CSS = """
    SaveReportScreen { align: center middle; }
    SaveReportScreen Vertical {
        width: 60; max-width: 95%; height: auto; padding: 0 1; border: thick $accent; background: $surface;
    }
    SaveReportScreen OptionList { height: auto; border: none; }
    """
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, texts: Texts, suffixes: tuple[str, ...]) -> None:
        super().__init__()
        self.texts = texts
        self.suffixes = suffixes

    def compose(self) -> ComposeResult:
        t = self.texts
        with Vertical():
            yield Static(t("save.title"), classes="title")
            yield OptionList(*[Option(f"{suffix}  {t('save' + suffix)}", id=suffix) for suffix in self.suffixes])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
