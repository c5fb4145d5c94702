"""The main screen: the organisation tree, the selected node's figures and its audit trail.

Moving the tree's cursor, switching the year or travelling in time changes the
selection (node, year, point). Figures and trail are computed in thread workers and
come back as messages carrying the selection they were made for; one that no
longer matches the selection is dropped, so fast movement never shows stale figures.
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import io
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import get_current_worker

from events.model import Stored
from ledger.domain import refusals, vocabulary
from ledger.app import Damaged, Kirjuri, StoreError
from ledger.reports.output import ledger_files
from ledger.fold import parts as budget_parts
from ledger.fold.projections import Point
from ledger.domain.refusals import Rejected
from ledger.fold.state import LedgerState
from ledger.domain.text import csv_text, shown
from tui import exports
from tui.chart_data import chart_series
from tui.i18n import Texts
from tui.messages import (
    ChainChecked,
    ChartLoaded,
    FiguresLoaded,
    LedgerDamaged,
    LedgerGrew,
    LedgerOpened,
    StoreReached,
    TrailLoaded,
    UnitChosen,
)
from tui.providers.commands import KirjuriCommands
from tui.screens.event import EventScreen
from tui.screens.form import FormScreen
from tui.screens.travel import TravelScreen
from tui.viewmodel import (
    NOW,
    Selection,
    banner_text,
    csv_rows,
    default_year,
    event_summary,
    figures_view,
    is_now,
    kind_label,
    step_known,
    trail_accounts,
    trail_rows,
    trail_seqs,
    trail_units,
    tree_entries,
)
from tui.widgets.audit import PAGE, AuditTrail
from tui.widgets.banner import DamageBanner, TimeTravelBanner
from tui.widgets.figures import FiguresTable
from tui.widgets.org_tree import OrgTree

if TYPE_CHECKING:
    from tui.widgets.chart import FiguresChart

#: a worker waits this long before computing, so while the cursor races through the tree
#: the nodes it only passes over cost nothing (their workers are cancelled meanwhile)
SETTLE = 0.02
#: how often the store is asked for other users' events (issue: seen within 2 s)
POLL = 1.0
#: what a read of the store returns
T = TypeVar("T")
#: a moment after the ledger opens, the year's cells are indexed for time travel
PREPARE_AFTER = 0.5
#: the background check of the whole chain rests this long after each chunk it checked, so a key
#: pressed meanwhile waits for a few milliseconds at most
CHAIN_PAUSE = 0.003

#: screen actions on keys that are text while a field has focus
TYPED_ACTIONS = frozenset({"filter", "year", "travel", "step", "now", "quit", "chart", "amend", "reallocate", "transfer",
                           "reverse", "committee", "carry"})
#: screen actions that open a form to write: none of them in read-only mode
WRITING_ACTIONS = frozenset({"amend", "reallocate", "transfer", "reverse", "carry"})


class MainScreen(Screen):
    """Browse the ledger: tree on the left, figures and audit trail on the right."""

    COMMANDS: ClassVar = {KirjuriCommands}

    DEFAULT_CSS = """
    MainScreen #body { height: 1fr; }
    MainScreen OrgTree { width: 32%; min-width: 24; max-width: 48; border-right: vkey $foreground 20%; }
    MainScreen OrgTree #years { height: 1; padding: 0 1; color: $text-muted; }
    MainScreen OrgTree #filter { display: none; height: 1; border: none; padding: 0 1; }
    MainScreen OrgTree #tree { height: 1fr; overflow-x: hidden; }
    MainScreen #right { width: 1fr; }
    MainScreen .title { height: 1; padding: 0 1; text-style: bold; background: $boost; }
    MainScreen #figures-title { height: auto; max-height: 2; }
    MainScreen FiguresTable { height: auto; max-height: 50%; }
    MainScreen AuditTrail { height: 1fr; }
    MainScreen FiguresChart { display: none; }
    MainScreen FiguresChart.-shown { display: block; }
    """

    def __init__(self, ledger: Kirjuri, texts: Texts, today: dt.date | None = None) -> None:
        super().__init__()
        self.ledger = ledger
        self.texts = texts
        self.today = today or dt.date.today()
        self.year = default_year(ledger.state, self.today)
        self.point: Point = NOW
        self.selection: Selection | None = None
        #: the selection whose trail loads once its figures are shown: the figures come first,
        #: not racing the trail (on a big node the slower of the two) for the interpreter
        self.trail_wanted: Selection | None = None
        #: the ledger's seq when a node was last chosen: a form that folded others' events while
        #: it was open (a conflict, then Esc) leaves it behind, and the screen shows them on resume
        self.chosen_at = 0
        #: why the store cannot be reached, while it cannot (said once, and again when it is back)
        self.store_lost: str | None = None
        #: a poll still waiting for the server: the next one is not started beside it
        self.polling = False
        #: how long the session's check of the whole chain took (seconds; None until it is done)
        self.chain_checked: float | None = None

    def compose(self) -> ComposeResult:
        yield Header(icon="", show_clock=False)
        yield DamageBanner(id="damage")
        yield TimeTravelBanner(id="banner")
        with Horizontal(id="body"):
            yield OrgTree(self.texts, id="org")
            with Vertical(id="right"):
                yield Static(id="figures-title", classes="title", markup=False)
                yield FiguresTable(self.texts, id="figures")
                yield Static(id="trail-title", classes="title", markup=False)
                yield AuditTrail(self.texts, id="trail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.set_interval(POLL, self.watch_store)
        self.org.tree.focus()
        if self.ledger.loaded:
            self.rebuild_tree(keep=None)
            self.prepare_time_travel(self.year)
            self.opened()
        else:
            self.query_one("#figures-title", Static).update(Text(self.texts("app.opening")))
            self.open_ledger()

    @work(thread=True, exclusive=True, group="open")
    def open_ledger(self) -> None:
        """Fold the ledger's state after the first paint: on a big ledger that takes a while.

        The folded state lives as long as the UI; frozen, its millions of objects are no
        longer walked by every full collection (pauses of up to ~180 ms at 1M events).
        """
        try:
            self.ledger.load()
        except StoreError as exc:
            self.post_message(StoreReached(self.said(exc)))
            return
        gc.freeze()
        self.post_message(LedgerOpened())

    def opened(self) -> None:
        """The ledger's state is shown: say where it is damaged if its open found that, and check its whole
        chain in the background (what the open trusted to a checkpoint included)."""
        self.app.damaged(self.ledger.damage)
        self.check_chain()

    @work(thread=True, exclusive=True, group="chain")
    def check_chain(self) -> None:
        """Once a session: every stored row checked in the hash chain (``Kirjuri.check_chain``, which holds
        the ledger's lock only to fold the state anew at a break before its position)."""
        started = time.perf_counter()
        damage = self.reading(self.ledger.check_chain, CHAIN_PAUSE)
        self.post_message(ChainChecked(damage, time.perf_counter() - started))

    def on_chain_checked(self, message: ChainChecked) -> None:
        self.chain_checked = message.seconds
        if message.damage is not None:
            self.post_message(LedgerDamaged(message.damage))

    def on_ledger_damaged(self, message: LedgerDamaged) -> None:
        """The banner on every screen; the figures anew if the state was folded back to before the break."""
        self.app.damaged(message.damage)
        if self.selection is not None and self.state.seq != self.chosen_at:
            self._show_again()
            self.prepare_time_travel(self.year)

    def watch_store(self) -> None:
        if self.ledger.loaded and not self.polling:
            self.polling = True
            self.look_for_new_events()

    @work(thread=True, exclusive=True, group="poll")
    def look_for_new_events(self) -> None:
        """One indexed query a second, off the event loop (SQLite has no LISTEN)."""
        head = self.reading(self.ledger.head_seq)
        self.polling = False
        if head is None:
            return
        self.post_message(StoreReached(None))
        if head > self.state.seq:
            self.post_message(LedgerGrew(head - self.state.seq))

    def reading(self, call: Callable[..., T], *args) -> T | None:
        """``call(*args)`` on the store; if the store fails, None, and the screen says why (once)."""
        try:
            return call(*args)
        except Damaged as exc:
            self.post_message(LedgerDamaged(exc))
            return None
        except StoreError as exc:
            self.post_message(StoreReached(self.said(exc)))
            return None

    def said(self, exc: StoreError) -> str:
        """A store's failure in the UI's language where the store says it in codes (a lost connection)."""
        refusal = getattr(exc, "refusal", None)
        return str(exc) if refusal is None else refusals.say(refusal, self.texts.lang)

    def on_store_reached(self, message: StoreReached) -> None:
        """A lost database is said once, not every second, and so is its return; the UI keeps running."""
        if message.error is not None and self.store_lost is None:
            self.notify(self.texts("note.store_lost", reason=message.error), severity="error", timeout=30,
                        markup=False)
        elif message.error is None and self.store_lost is not None:
            self.notify(self.texts("note.store_back"), markup=False)
        self.store_lost = message.error

    def on_ledger_grew(self, _message: LedgerGrew) -> None:
        """Fold the new events where the screen reads the state, so no view sees it half-folded."""
        count = self.reading(self.ledger.refresh)
        self.app.damaged(self.ledger.damage)
        if count:
            self.notify(self.texts("note.reloaded", count=count), markup=False)
            self._show_again()
            self.prepare_time_travel(self.year)

    def on_screen_resume(self) -> None:
        """Back from a form or a dialog: events folded meanwhile (not by this screen's poll) are shown."""
        if self.ledger.loaded and self.selection is not None and self.state.seq != self.chosen_at:
            self._show_again()
            self.prepare_time_travel(self.year)

    def on_ledger_opened(self, _message: LedgerOpened) -> None:
        self.year = default_year(self.state, self.today)
        self.rebuild_tree(keep=None)
        self.prepare_time_travel(self.year)
        self.opened()

    @work(thread=True, exclusive=True, group="prepare")
    def prepare_time_travel(self, year: int) -> None:
        """Index the year's cells for stepping back in time while the user reads the screen; the lock
        is let go between batches, so a key's figures never wait for more than one batch."""
        time.sleep(PREPARE_AFTER)
        worker = get_current_worker()
        self.ledger.prepare_time_travel(year, lambda: worker.is_cancelled)

    # --- parts -------------------------------------------------------------------------------

    @property
    def org(self) -> OrgTree:
        return self.query_one(OrgTree)

    @property
    def figures(self) -> FiguresTable:
        return self.query_one(FiguresTable)

    @property
    def chart(self) -> FiguresChart | None:
        """The chart once `g` first asked for it: plotext is loaded then, not before the first frame."""
        found = self.query("#chart")
        return found.first() if found else None

    @property
    def chart_shown(self) -> bool:
        return self.chart is not None and self.chart.has_class("-shown")

    @property
    def trail(self) -> AuditTrail:
        return self.query_one(AuditTrail)

    @property
    def state(self) -> LedgerState:
        return self.ledger.state

    # --- selection -----------------------------------------------------------------------------

    def rebuild_tree(self, keep: str | None) -> None:
        """The organisation as it stood for the year at the point; the cursor stays where it was if it can."""
        self.org.show_years(self.state.years(), self.year)
        code = self.org.show(tree_entries(self.state, self.year, self.point, self.texts), keep)
        if code is not None:
            self.choose(code)

    def choose(self, code: str, *, force: bool = False) -> None:
        """Select a node for the current year and point; load its figures and trail unless already shown."""
        selection = Selection(code, self.year, self.point)
        if selection == self.selection and not force:
            return
        self.selection = selection
        self.chosen_at = self.state.seq
        self.trail_wanted = selection
        self.load_figures(selection)
        if self.chart_shown:
            self.load_chart(selection)

    def on_unit_chosen(self, message: UnitChosen) -> None:
        """Follow the tree's cursor as it is now: a message from before a rebuild may name another node."""
        code = self.org.cursor_code
        if code is not None:
            self.choose(code)

    # --- workers: computed off the event loop, checked against the selection on arrival -----------

    @work(thread=True, exclusive=True, group="figures")
    def load_figures(self, selection: Selection) -> None:
        time.sleep(SETTLE)
        if get_current_worker().is_cancelled:
            return
        view = self.ledger.read(figures_view, selection, self.texts)
        if not get_current_worker().is_cancelled:
            self.post_message(FiguresLoaded(selection, view))

    @work(thread=True, exclusive=True, group="trail")
    def load_trail(self, selection: Selection, seqs: list[int] | None, offset: int) -> None:
        time.sleep(SETTLE)
        if get_current_worker().is_cancelled:
            return
        seqs = self.ledger.read(trail_seqs, selection) if seqs is None else seqs
        page = seqs[offset:offset + PAGE]
        records = self.reading(self.ledger.records, page)  # the store, not the state: figures do not wait
        if records is None or get_current_worker().is_cancelled:
            return
        rows = self.ledger.read(lambda state: trail_rows(state, records, page, trail_units(
            state, budget_parts.anchor(state, selection.year, selection.node)), selection.point, self.texts,
            trail_accounts(selection.node)))
        if not get_current_worker().is_cancelled:
            self.post_message(TrailLoaded(selection, seqs, offset, rows))

    @work(thread=True, exclusive=True, group="chart")
    def load_chart(self, selection: Selection) -> None:
        """Every year's figures of the node: only while the chart is shown."""
        time.sleep(SETTLE)
        if get_current_worker().is_cancelled:
            return
        part = budget_parts.part_named(selection.node)
        name = None if part is None else self.texts(f"part.{part}")
        series = self.ledger.read(lambda state: chart_series(state, selection.node, selection.point, name))
        if not get_current_worker().is_cancelled:
            self.post_message(ChartLoaded(selection, series))

    def on_chart_loaded(self, message: ChartLoaded) -> None:
        if message.selection == self.selection and self.chart is not None:
            self.chart.show(message.series, self.texts)

    def on_figures_loaded(self, message: FiguresLoaded) -> None:
        if message.selection != self.selection:
            return
        if self.trail_wanted == message.selection:
            self.trail_wanted = None
            self.load_trail(message.selection, None, 0)
        view = message.view
        if budget_parts.part_named(view.selection.node) is not None:
            title = self.texts("figures.title_part", name=view.name, year=view.selection.year)
        else:
            title = self.texts("figures.title", name=view.name, code=view.selection.node, year=view.selection.year)
        if not view.rows:
            title += " · " + self.texts("figures.empty", year=view.selection.year)
        self.query_one("#figures-title", Static).update(Text(title))  # a long name and code take a second line
        self.figures.show(view)

    def on_trail_loaded(self, message: TrailLoaded) -> None:
        if message.selection != self.selection:
            return
        if message.offset == 0:
            self.trail.reset(message.selection, message.seqs, message.rows)
        elif message.offset == self.trail.row_count:
            self.trail.extend(message.rows)
        else:
            return
        self._trail_title()

    def _trail_title(self) -> None:
        trail = self.trail
        if trail.has_more:
            text = self.texts("trail.title_more", shown=trail.row_count, count=len(trail.seqs))
        else:
            text = self.texts("trail.title", count=len(trail.seqs))
        self.query_one("#trail-title", Static).update(Text(text), layout=False)

    @on(DataTable.RowHighlighted, "AuditTrail")
    def _more_at_the_end(self, event: DataTable.RowHighlighted) -> None:
        """Reaching the last row loads the next page."""
        trail = self.trail
        if self.selection is not None and trail.has_more and event.cursor_row >= trail.row_count - 1:
            self.load_trail(self.selection, trail.seqs, trail.row_count)

    @on(DataTable.RowSelected, "AuditTrail")
    async def _clicked_event(self, event: DataTable.RowSelected) -> None:
        await self.open_event(event.cursor_row)

    async def action_open_event(self) -> None:
        await self.open_event(self.trail.cursor_row)

    async def open_event(self, row: int) -> None:
        """The event on the trail's row ``row``, in full, on its own screen."""
        if self.selection is None or not 0 <= row < self.trail.row_count:
            return
        seq = self.trail.seq_at(row)
        screen = self.reading(EventScreen.localised(self.texts), self.ledger, seq, self.selection.node, self.texts)
        if screen is not None:
            await self.app.push_screen(screen)

    @on(DataTable.RowSelected, "FiguresTable")
    def _clicked_child(self, event: DataTable.RowSelected) -> None:
        """A click on a child's row goes to that child."""
        code = self.figures.child_at(event.cursor_row)
        if code is not None:
            self.go_to(code)

    # --- actions --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys typed in a field are text, never screen actions; "now" is shown disabled at now."""
        if action in TYPED_ACTIONS and isinstance(self.focused, Input):
            return False
        if not self.ledger.loaded and action not in ("quit", "app.help"):
            return False
        if action in WRITING_ACTIONS and getattr(self.app, "read_only", False):
            return False
        if action == "now":
            return None if is_now(self.point) else True
        return True

    def action_chart(self) -> None:
        """Show or hide the chart of the node's TA+muutos, toteuma and TP over the years."""
        shown = not self.chart_shown
        if self.chart is None:
            from tui.widgets.chart import FiguresChart

            self.query_one("#right").mount(FiguresChart(id="chart"), after="#figures")
        self.chart.set_class(shown, "-shown")
        if shown and self.selection is not None:
            self.load_chart(self.selection)

    def action_filter(self) -> None:
        self.org.open_filter()

    async def action_committee(self) -> None:
        """The audit committee's view: verification, toteutumisvertailu and meetings (it writes nothing)."""
        from tui.screens.committee import CommitteeScreen

        rules = self.ledger.rules_in_force()  # the ledger's adopted rules, else the file given, else the law's
        await CommitteeScreen.open(self.app, self.ledger, self.texts, rules, self.year, self.point)

    def action_year(self, step: int) -> None:
        years = self.state.years()
        if not years:
            self.notify(self.texts("note.no_years"), markup=False)
            return
        later = [y for y in years if y > self.year] if step > 0 else [y for y in years if y < self.year]
        if later:
            self.set_year(min(later) if step > 0 else max(later))

    def set_year(self, year: int) -> None:
        self.year = year
        self.rebuild_tree(keep=self._code())
        self.prepare_time_travel(year)

    async def action_travel(self) -> None:
        """Ask for a point; the dialog has focus before the next key arrives."""
        dialog = TravelScreen.localised(self.texts)(self.texts, self.point, self.set_point)
        await self.app.push_screen(dialog)
        dialog.focus_first()

    def action_quit(self) -> None:
        self.app.exit()

    def action_step(self, direction: int) -> None:
        point = step_known(self.state, self.point, direction)
        if point is None:
            self.app.bell()
            return
        self.set_point(point)

    def action_columns(self) -> None:
        """The figures' next page of columns, where they do not all fit beside the account labels."""
        self.figures.next_columns()

    def action_now(self) -> None:
        if not is_now(self.point):
            self.set_point(NOW)

    def action_back(self) -> None:
        """Escape closes the chart (as it closes the other screens), else undoes the last narrowing: the tree's
        filter first, then the time travel."""
        if self.chart_shown:
            self.action_chart()
        elif self.org.filter_text:
            self.org.clear_filter()
        else:
            self.action_now()

    def set_point(self, point: Point) -> None:
        """Show the ledger as of ``point``: banner, tree, figures and trail.

        The bindings are not refreshed: "n" is not in the footer, and a refresh has the footer
        composed anew (~40 ms at every step, before the figures).
        """
        self.point = point
        self.query_one(TimeTravelBanner).show_text(
            None if is_now(point) else banner_text(self.state, point, self.texts))
        self.rebuild_tree(keep=self._code())

    def action_reload(self) -> None:
        """Fold what other writers appended since, then show it."""
        count = self.reading(self.ledger.refresh)
        self.app.damaged(self.ledger.damage)
        if count is None:
            return
        self.notify(self.texts("note.reloaded", count=count), markup=False)
        self._show_again()

    def _show_again(self) -> None:
        """Tree, figures and trail anew from the state as it is now, the cursor where it was."""
        self.org.show_years(self.state.years(), self.year)
        self.org.show(tree_entries(self.state, self.year, self.point, self.texts), self._code())
        if self._code() is not None:
            self.choose(self._code(), force=True)

    def _code(self) -> str | None:
        """The node under the tree's cursor, else the one last selected."""
        return self.org.cursor_code or (self.selection.node if self.selection else None)

    def _unit(self) -> str:
        """The unit a form starts at: the node under the cursor, none for a part of the budget."""
        code = self._code()
        return "" if code is None or budget_parts.part_named(code) is not None else code

    # --- forms: each writes one event, then everything on screen is shown anew ------------------------

    def _account(self, key: str) -> str:
        """An account as a form offers it: by the name the UI's language shows it by (Swedish "Utgifter"), which
        the form reads back as the chart's key."""
        return vocabulary.account_label(key, self.texts.lang)

    async def action_amend(self) -> None:
        await self.open_form("amend", {"year": str(self.year), "unit": self._unit(), "account": self._account("MENOT")})

    async def action_reallocate(self) -> None:
        menot = self._account("MENOT")
        await self.open_form("reallocate", {"year": str(self.year), "unit_1": self._unit(),
                                            "account_1": menot, "account_2": menot})

    async def action_transfer(self) -> None:
        await self.open_form("transfer", {"unit": self._unit(), "from_year": str(self.year)})

    async def action_carry(self) -> None:
        """Carry the year's unused appropriation of the node under the cursor to the next year: its costs (a
        project's investment costs) as the book signs them."""
        unit = self._unit()
        account = self._account("Investointimenot" if unit in self.state.projects else "MENOT")
        await self.open_form("carry", {"year": str(self.year), "unit": unit, "account": account},
                             self.texts("form.carry", year=self.year, next=self.year + 1))

    async def action_reverse(self) -> None:
        """Reverse the event under the audit trail's cursor."""
        trail = self.trail
        if not 0 <= trail.cursor_row < trail.row_count:
            self.notify(self.texts("note.no_event"), severity="warning", markup=False)
            return
        seq = trail.seq_at(trail.cursor_row)
        records = self.reading(self.ledger.records, [seq])
        if records is None:
            return
        record = records[seq]
        title = self.texts("form.reverse", seq=seq, summary=event_summary(self.state, record, self.texts))
        await self.open_form("reverse", {"target": f"#{seq}"}, title)

    async def open_form(self, kind: str, values: dict[str, str], title: str | None = None) -> None:
        """Open the form with focus in its first empty field before the next key arrives."""
        if getattr(self.app, "read_only", False):
            self.notify(self.texts("form.read_only"), severity="warning", markup=False)
            return
        form = FormScreen.localised(self.texts)(self.ledger, self.texts, kind, values, self.written, title)
        await self.app.push_screen(form)
        form.focus_first()

    def written(self, record: Stored) -> None:
        """A form wrote ``record``: say so and show the ledger with it."""
        self.notify(self.texts("note.written", seq=record.seq, kind=kind_label(record.event, self.texts)), markup=False)
        self._show_again()

    # --- commands from the palette ----------------------------------------------------------------

    def go_to(self, code: str) -> None:
        """Put the tree's cursor on a unit, clearing a filter that hides it (a unit not in this year's tree stays put)."""
        if code not in self.org.nodes and self.org.filter_text:
            self.org.clear_filter()
        if self.org.move_to(code):
            self.choose(code)
            self.set_focus(self.org.tree)

    def export_csv(self) -> Path | None:
        """The figures on screen as kirjuri-CODE-YEAR.csv (";", as Excel reads it): a download in a browser
        (None), else a new file in the working directory (its path), never over another (tui/exports.py)."""
        view = self.figures.view
        if view is None:
            return None
        sel = view.selection
        name = f"kirjuri-{re.sub(r'[^A-Za-z0-9_-]', '_', sel.node)}-{sel.year}"
        if not is_now(sel.point):
            name += f"-{self.state.known_seq(sel.point.known_at)}"
        rows = csv_rows(view, self.texts)
        if not is_now(sel.point):
            rows.insert(0, [csv_text(banner_text(self.state, sel.point, self.texts))])
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=";").writerows(rows)
        try:
            path = exports.deliver(self.app, f"{name}.csv", out.getvalue().encode("utf-8-sig"), mime_type="text/csv",
                                   protect=ledger_files(self.ledger.target))
        except Rejected as refusal:
            field = refusals.field_said(refusal.field, self.texts.lang)
            self.notify(f"{field}: {refusals.say(refusal, self.texts.lang)}", severity="error", markup=False)
            return None
        except StoreError as exc:
            self.notify(shown(str(exc)), severity="error", markup=False)
            return None
        self.notify(self.texts("note.delivered", name=f"{name}.csv") if path is None
                    else self.texts("note.exported", path=str(path)), markup=False)
        return path
