"""The committee's diff (``d`` in its view): which binding figures changed between two points, and why.

The two points start at the previous meeting's head (``ledger.audit.committee.previous_head``, over the
meetings the Kokoukset tab lists) and now; either is typed as time travel's known-at is (an event
"#162" or its id, or a moment "15.6.2026 12:00"), Enter computes again. Each changed figure
(year, binding unit, account, column: before → after, change) is followed by the events that explain
it, each with its kind, its decision and its share; Enter opens the event (the committee's
``open_event``, the existing EventScreen). Everything is computed in a thread worker through
``Kirjuri.read`` (``ledger.audit.committee.figure_diff``); nothing here writes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.worker import get_current_worker

from ledger.app import Kirjuri
from ledger.audit import authority
from ledger.audit.committee import Meeting, figure_diff, meetings, previous_head
from ledger.domain import refusals
from ledger.domain.citation import format_decision
from ledger.domain.refusals import Rejected
from ledger.fold.diff import Diff, FigureChange
from tui.i18n import Texts
from tui.keys import DIFF_KEYS, localised
from tui.viewmodel import account_text, cell_text, kind_label
from tui.widgets.wrapped import Entry, WrappedOptions

#: an event sits this far in under the figure it explains
CAUSE_INDENT = 4


class PointInput(Input):
    """A point of the ledger: Enter computes the diff again."""

    BINDINGS: ClassVar = [Binding("enter", "screen.compare", show=False)]


class DiffLoaded(Message):
    """The diff between the points asked, with its lines; or why the points could not be read."""

    def __init__(self, asked: tuple[str, str], found: Diff | None, entries: list[Entry],
                 refusal: Rejected | None = None) -> None:
        super().__init__()
        self.asked = asked
        self.found = found
        self.entries = entries
        self.refusal = refusal


class DiffScreen(Screen):
    """The figures that changed between two points; Esc closes it."""

    DEFAULT_CSS = """
    DiffScreen .title { height: auto; padding: 0 1; text-style: bold; background: $boost; }
    DiffScreen #points { height: 1; padding: 0 1; }
    DiffScreen #points Label { width: auto; padding: 0 1 0 0; color: $text-muted; }
    DiffScreen #points Input { width: 1fr; height: 1; border: none; padding: 0 1; margin-right: 2;
                               background: $boost; }
    DiffScreen #points Input:focus { background: $accent 25%; }
    DiffScreen #diff-summary { height: auto; padding: 0 1; }
    DiffScreen #diff-summary.-wrong { color: $error; }
    DiffScreen #changes { height: 1fr; border: none; }
    """

    @classmethod
    def localised(cls, texts: Texts) -> type[DiffScreen]:
        return localised(cls, DIFF_KEYS, texts)

    def __init__(self, ledger: Kirjuri, texts: Texts, rules: authority.Rules,
                 open_event: Callable[[int], Awaitable[None]], found: list[Meeting] | None = None) -> None:
        super().__init__()
        self.ledger = ledger
        self.texts = texts
        self.rules = rules
        self.open_event = open_event
        #: the meetings, if the committee's view has read them already
        self.known_meetings = found
        #: the diff shown, once computed
        self.found: Diff | None = None
        #: option id -> the event it opens
        self.events: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        t = self.texts
        yield Header(icon="", show_clock=False)
        yield Static(Text(t("diff.heading")), classes="title", id="diff-title")
        with Horizontal(id="points"):
            yield Label(t("diff.since"), markup=False)
            yield PointInput(id="since", placeholder=t("diff.hint"), select_on_focus=False)
            yield Label(t("diff.upto"), markup=False)
            yield PointInput(id="upto", placeholder=t("diff.now"), select_on_focus=False)
        yield Static(Text(t("committee.loading")), id="diff-summary", markup=False)
        yield WrappedOptions(id="changes")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = self.texts("diff.title")
        self.query_one("#changes").focus()
        self.start()

    @work(thread=True, exclusive=True, group="diff")
    def start(self) -> None:
        """From the previous meeting's head to now: the meetings are read from the log if not yet known."""
        worker = get_current_worker()
        found = self.known_meetings
        if found is None:
            found = self.ledger.read_decided(meetings, lambda: worker.is_cancelled)
            if found is None:
                return
        now = self.ledger.state.seq
        asked = (f"#{previous_head(found, now)}", f"#{now}")
        self.app.call_from_thread(self._set_points, *asked)
        self._compute(asked)

    def _set_points(self, since: str, upto: str) -> None:
        """The default points in the fields, unless the user has begun typing one (keys come in bursts)."""
        for name, value in (("since", since), ("upto", upto)):
            field = self.query_one(f"#{name}", Input)
            if not field.value:
                field.value = value

    def action_compare(self) -> None:
        """The diff between the points typed."""
        self.query_one("#diff-summary", Static).update(Text(self.texts("committee.loading")))
        self.compare((self.query_one("#since", Input).value, self.query_one("#upto", Input).value))

    @work(thread=True, exclusive=True, group="diff")
    def compare(self, asked: tuple[str, str]) -> None:
        self._compute(asked)

    def _compute(self, asked: tuple[str, str]) -> None:
        try:
            found = self.ledger.read(figure_diff, self.rules, *asked)
        except Rejected as refusal:
            self.post_message(DiffLoaded(asked, None, [], refusal))
            return
        records = self.ledger.records(found.seqs)
        entries = self.ledger.read(self._entries, found, records)
        if not get_current_worker().is_cancelled:
            self.post_message(DiffLoaded(asked, found, entries))

    def _entries(self, state, found: Diff, records: dict) -> list[Entry]:
        """Each changed figure, then the events that explain it."""
        entries = []
        for i, change in enumerate(found.changes):
            entries.append(Entry(f"change:{i}", self._change_line(state, change)))
            for cause in change.causes:
                event = records[cause.seq].event
                decision = f" · {format_decision(event.decision, self.texts.lang)}" if event.decision else ""
                line = Text.assemble((f"#{cause.seq}", "bold"), f" {kind_label(event, self.texts)}{decision} · ",
                                     (cell_text("MUUTOS", cause.delta), "bold"))
                ident = f"event:{i}:{cause.seq}"
                entries.append(Entry(ident, line, indent=CAUSE_INDENT))
        return entries

    def _change_line(self, state, change: FigureChange) -> Text:
        t = self.texts

        def amount(value: int | None) -> str:
            return cell_text(change.column, value) or "–"

        where = f"{change.year} {change.node} {state.name(change.node)} · {account_text(change.account, t)} {t.column(change.column)}"
        return Text.assemble((where, "bold"), f": {amount(change.before)} → {amount(change.after)} · ",
                             (t("diff.change", delta=cell_text(change.column, change.delta)), "bold"))

    def on_diff_loaded(self, message: DiffLoaded) -> None:
        t = self.texts
        summary = self.query_one("#diff-summary", Static)
        listed = self.query_one("#changes", WrappedOptions)
        if message.refusal is not None:
            error = message.refusal
            label = t(f"diff.{'since' if error.field == 'from' else 'upto'}")
            summary.update(Text(t("form.error", label=label, message=refusals.say(error, t.lang))))
            summary.set_class(True, "-wrong")
            return
        summary.set_class(False, "-wrong")
        found = self.found = message.found
        self.events = {entry.id: int(entry.id.rsplit(":", 1)[1]) for entry in message.entries
                       if entry.id and entry.id.startswith("event:")}
        fields = {"since": found.since, "upto": found.upto, "count": len(found.changes),
                  "events": t("diff.events", count=len(found.seqs))}
        summary.update(Text(t("diff.summary", **fields) if found.changes else t("diff.none", **fields)))
        listed.show(message.entries, 0)

    @on(OptionList.OptionSelected, "#changes")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        """Enter on an event opens it; on a figure, the first event that explains it."""
        ident = event.option.id or ""
        if ident.startswith("change:") and self.found is not None:
            await self.open_event(self.found.changes[int(ident.removeprefix("change:"))].causes[0].seq)
        elif ident in self.events:
            await self.open_event(self.events[ident])

    def action_close(self) -> None:
        self.dismiss()
