"""One event in full: every field, its place in the hash chain, and what it did to the node's figures."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ledger.app import Kirjuri
from ledger.fold.parts import part_named
from ledger.domain import formats
from ledger.fold.projections import Change
from ledger.domain.text import shown
from tui.i18n import Texts
from tui.keys import DETAIL_KEYS, localised
from tui.viewmodel import EventDetail, account_text, cell_text, event_detail
from tui.widgets.banner import DamageBanner


def _amount(column: str, value: int | None) -> str:
    return cell_text(column, value) or "–"


class EventScreen(Screen):
    """The event ``seq`` seen from ``node``; escape closes it."""

    DEFAULT_CSS = """
    EventScreen VerticalScroll { padding: 0 1; }
    EventScreen .section { margin-top: 1; text-style: bold; color: $accent; }
    """

    @classmethod
    def localised(cls, texts: Texts) -> type[EventScreen]:
        return localised(cls, DETAIL_KEYS, texts)

    def __init__(self, ledger: Kirjuri, seq: int, node: str, texts: Texts) -> None:
        super().__init__()
        self.texts = texts
        record, target = ledger.record_with_target(seq)
        stamp = ledger.stamps([seq]).get(seq)
        self.detail: EventDetail = ledger.read(event_detail, record, target, node, texts, stamp)

    def compose(self) -> ComposeResult:
        detail, t = self.detail, self.texts
        yield Header(icon="", show_clock=False)
        yield DamageBanner(id="damage")
        with VerticalScroll():
            yield Static(Text(f"#{detail.record.seq}  {detail.kind}", style="bold"), id="heading")
            yield Static(t("detail.fields"), classes="section")
            yield Static(self._fields(), id="fields")
            if detail.lines:
                yield Static(t("detail.lines", count=len(detail.lines)), classes="section")
                yield Static(self._lines(), id="lines")
            yield Static(t("detail.chain"), classes="section")
            yield Static(self._chain(), id="chain")
            if detail.year is not None:
                yield Static(self._effect_heading(), classes="section", markup=False)
                yield Static(self._node_changes(), id="effect")
                if detail.unit_changes:
                    yield Static(t("detail.units"), classes="section")
                    yield Static(self._unit_changes(), id="units")
                if detail.parent_changes:
                    yield Static(t("detail.parents", year=detail.year), classes="section")
                    yield Static(self._change_table(detail.parent_changes, with_unit=True), id="parents")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = self.texts("detail.title", seq=self.detail.record.seq)

    def _effect_heading(self) -> str:
        """Whose figures the effect is on: a unit or project by name and code, a part of the budget by its name
        (its code is the view's own, no clerk's)."""
        detail, t = self.detail, self.texts
        if part_named(detail.node) is not None:
            return t("detail.effect_part", name=detail.name, year=detail.year)
        return t("detail.effect", name=detail.name, code=detail.node, year=detail.year)

    def _fields(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for name, value in self.detail.fields:
            table.add_row(name, Text(value))
        return table

    def _lines(self) -> Table:
        table = Table(box=None, show_header=False, pad_edge=False)
        width = len(self.detail.lines[0])
        for i in range(width):  # a long code folds; the amount, last, never gives way
            last = i == width - 1
            table.add_column(justify="right" if last else "left", no_wrap=last, overflow="ellipsis" if last else "fold")
        for line in self.detail.lines:
            table.add_row(*[Text(cell) for cell in line])
        return table

    def _chain(self) -> Table:
        record, t = self.detail.record, self.texts
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold")
        table.add_column(overflow="fold")
        table.add_row(t("detail.seq"), f"#{record.seq}")
        table.add_row(t("detail.hash"), Text(shown(record.hash)))
        table.add_row(t("detail.prev"), Text(shown(record.prev)))
        if self.detail.reversed_by is not None:
            table.add_row(t("detail.reversed_by"), f"#{self.detail.reversed_by}")
        if self.detail.stored is not None:
            at, by = self.detail.stored
            table.add_row(t("detail.stored_at"), Text(at))
            table.add_row(t("detail.stored_by"), Text(by))
        return table

    def _change_table(self, changes: list[tuple[str, Change]], with_unit: bool) -> Table | Text:
        t = self.texts
        if not changes:
            return Text(t("detail.no_effect"))
        table = Table(box=None, pad_edge=False)
        headers = ([t("detail.unit")] if with_unit else []) + [t("figures.account"), t("detail.column")]
        for header in headers:  # a unit's long code or an account's long name folds onto a second line
            table.add_column(header, overflow="fold")
        for header in (t("detail.before"), t("detail.after"), t("detail.change")):  # an amount is never cut
            table.add_column(header, justify="right", no_wrap=True)
        for unit, c in changes:
            first = [Text(shown(unit))] if with_unit else []
            table.add_row(*first, Text(account_text(c.account, t)), Text(shown(t.column(c.column))), _amount(c.column, c.before),
                          _amount(c.column, c.after), formats.amount(c.delta))
        return table

    def _node_changes(self) -> Table | Text:
        return self._change_table([("", c) for c in self.detail.node_changes], with_unit=False)

    def _unit_changes(self) -> Table | Text:
        return self._change_table(self.detail.unit_changes, with_unit=True)

    def action_close(self) -> None:
        self.dismiss()
