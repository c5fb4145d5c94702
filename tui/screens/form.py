"""A form that logs one change: TA-muutos, reallocation, service transfer or reversal.

Every keystroke sends the fields to ``ledger.domain.forms.evaluate`` in a thread worker; what
comes back (the first wrong field and why, the units the fields name, the preview
before -> after) is shown only if the fields are still what they were. Saving
evaluates once more on the spot and writes only an event that passes; cancelling
writes nothing.

A write says which ledger position the shown preview was read at (``based_on``). If
another user changed one of the form's units since, the ledger refuses it
(``FiguresChanged``): the form says which unit and which events changed it, shows the
preview anew at the new figures and writes only when the user saves again. A write the
database refuses (a role that may only read) is said in one line; the form stays open.

Tab, Shift+Tab, ctrl+s and Esc are priority keys: however fast the typing, a key meant
to move between fields never lands in one.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widgets import DataTable, Footer, Header, Input, Label, Static
from textual.worker import get_current_worker

from events.model import Stored
from ledger.domain import forms
from ledger.domain import refusals
from ledger.app import Conflict, Damaged, FiguresChanged, Kirjuri, StoreError
from ledger.domain.refusals import Rejected
from ledger.domain.text import shown
from tui.i18n import Texts
from tui.keys import FORM_KEYS, localised
from tui.viewmodel import change_text, cut, kind_label, preview_parents, preview_rows
from tui.widgets.banner import DamageBanner
from tui.widgets.said import SaidLine
from tui.widgets.sized import fill

#: how many of the events that changed a unit a refused write names
CHANGES_SAID = 3


def said_refusal(error: Rejected, lang: str) -> str:
    """A refusal as the form says it after the field's label: the value and why (a body in the clerk's words,
    ``refusals.value_said``). A rule that stops the change carries its code ("authority.across"), which only
    --confirm on the command line takes: the form says what the rule found."""
    if error.code == "rule.stop":
        return refusals.reason(*error.params["finding"], lang)
    return refusals.say(error, lang)


class UnitSuggester(Suggester):
    """Completes a unit's code from its first letters (→ takes the suggestion)."""

    def __init__(self, codes: list[str]) -> None:
        super().__init__(use_cache=True, case_sensitive=False)
        # a code holding a control character cannot be typed, and shown in the field it would act on the terminal
        self.codes = sorted(code for code in codes if shown(code) == code)

    async def get_suggestion(self, value: str) -> str | None:
        return next((code for code in self.codes if code.casefold().startswith(value)), None)


class FormInput(Input):
    """A field: Enter goes to the next field, and saves from the last one."""

    BINDINGS: ClassVar = [Binding("enter", "screen.enter", show=False)]


class FormChecked(Message):
    """The outcome of evaluating ``outcome.values`` on the ledger as it stood at ``seq``."""

    def __init__(self, outcome: forms.Outcome, seq: int) -> None:
        super().__init__()
        self.outcome = outcome
        self.seq = seq


class FoldedTitle(Static):
    """A heading folded onto as many lines as it needs, at its ordinary spaces only: an amount's no-break
    spaces keep it whole on one line ("-334 000"), where the terminal's own wrapping would split it."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(text, markup=False, **kwargs)
        self.text = text

    def _lines(self, width: int) -> list[str]:
        return textwrap.wrap(self.text, max(width, 1), break_on_hyphens=False) or [""]

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        return Text("\n".join(self._lines(self.content_size.width)))


class FormScreen(Screen):
    """Log one change of ``kind`` (a key of ``ledger.domain.forms.FIELDS``); ``on_written`` gets the stored event."""

    DEFAULT_CSS = """
    FormScreen #form { height: auto; padding: 0 1; }
    FormScreen .title { height: 1; text-style: bold; background: $boost; padding: 0 1; }
    FormScreen #form-title { height: auto; }
    FormScreen .field { height: 1; }
    FormScreen .field Label { width: 17; color: $text-muted; }
    FormScreen .field Input { width: 1fr; height: 1; border: none; padding: 0 1; background: $boost; }
    FormScreen .field Input:focus { background: $accent 25%; }
    FormScreen .field .status { width: 30%; padding: 0 1; color: $text-muted; }
    FormScreen .field .status.-wrong { color: $error; }
    FormScreen .field-error { height: auto; padding: 0 0 0 17; color: $error; display: none; }
    FormScreen .field-error.-shown { display: block; }
    FormScreen .move .number { width: 3; color: $text-muted; }
    FormScreen .move .unit { width: 1fr; }
    FormScreen .move .account { width: 16; }
    FormScreen .move .amount { width: 16; }
    FormScreen .move .status { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    FormScreen .move-error { padding: 0 0 0 3; }
    FormScreen #rows, FormScreen .move-row { height: auto; }
    FormScreen #rows-hint { height: auto; color: $text-muted; }
    FormScreen #rows-head .head { padding: 0 1; color: $text-muted; }
    FormScreen #rows-head .unit { width: 1fr; }
    FormScreen #balance { height: auto; padding: 0 0 0 3; color: $text-muted; }
    FormScreen #balance.-wrong { color: $error; }
    FormScreen #balance.-ok { color: $success; }
    FormScreen #message { height: auto; max-height: 4; padding: 0 1; color: $text-muted; }
    FormScreen #message.-wrong { color: $error; }
    FormScreen #message.-ok { color: $success; }
    FormScreen #preview-title { height: auto; }
    FormScreen #preview { height: 1fr; }
    """

    @classmethod
    def localised(cls, texts: Texts) -> type[FormScreen]:
        return localised(cls, FORM_KEYS, texts)

    def __init__(self, ledger: Kirjuri, texts: Texts, kind: str, values: dict[str, str],
                 on_written: Callable[[Stored], None], title: str | None = None) -> None:
        super().__init__()
        self.ledger = ledger
        self.texts = texts
        self.kind = kind
        self.initial = {name: values.get(name, "") for name in forms.fields(kind, values)}
        #: how many rows a form with rows shows (a reallocation's cells); 0 for a form without
        self.row_count = forms.rows(kind, values) if kind in forms.ROWS else 0
        #: a save was tried: from then on every wrong field says so, typed or not
        self.tried = False
        self.on_written = on_written
        self.heading = title or texts(f"form.{kind}")
        #: fields shown as text, not typed (a reversal's target)
        self.fixed = {"target"} if kind == "reverse" else set()
        self.outcome: forms.Outcome | None = None
        #: the ledger position the figures on screen were read at: a write is based on it
        self.seen = ledger.state.seq
        #: (values, text): why the last save of these values wrote nothing, said until a field changes
        self.notice: tuple[dict[str, str], str] | None = None

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        t = self.texts
        yield Header(icon="", show_clock=False)
        yield DamageBanner(id="damage")
        yield FoldedTitle(self.heading, classes="title", id="form-title")
        with Vertical(id="form"):
            for name in self.editable:
                if forms.row_of(name) is None:
                    yield from self._field(name)
                elif name == "unit_1":
                    yield from self._rows()
        yield SaidLine(id="message")
        yield Static(classes="title", id="preview-title", markup=False)
        yield DataTable(id="preview", cursor_type="none", zebra_stripes=True)
        yield Footer(compact=True)

    def _field(self, name: str) -> ComposeResult:
        """A field on a line of its own: its label, its input and what it names; its error below it."""
        with Horizontal(classes="field"):
            yield Label(self.texts(f"field.{name}"), markup=False)
            yield FormInput(self.initial[name], placeholder=self._hint(name), id=name,
                            suggester=self._suggester(name), select_on_focus=False)
            yield Static(id=f"{name}-status", classes="status", markup=False)
        yield SaidLine(id=f"{name}-error", classes="field-error")

    def _rows(self) -> ComposeResult:
        """A form's rows, one line each (unit, account, change), with their sum under them."""
        t = self.texts
        yield Static(t(f"form.rows.{self.kind}"), id="rows-hint", markup=False)
        yield Horizontal(Label("", classes="number"),
                         *[Label(t(f"field.{name}"), classes=f"{name} head", markup=False) for name in forms.ROWS[self.kind]],
                         Label("", classes="status"), id="rows-head", classes="field move")
        with Vertical(id="rows"):
            for row in range(1, self.row_count + 1):
                yield self._row(row)
        yield SaidLine(id="balance")

    def _row(self, row: int, values: dict[str, str] | None = None) -> Vertical:
        """Row ``row``'s inputs in a line, its errors under it."""
        values = self.initial if values is None else values
        t = self.texts
        hint = {name: t(f"hint.{name}.row") if t.has(f"hint.{name}.row") else self._hint(name)
                for name in forms.ROWS[self.kind]}
        inputs = [FormInput(values.get(f"{name}_{row}", ""), placeholder=hint[name], id=f"{name}_{row}",
                            classes=name, suggester=self._suggester(name), select_on_focus=False)
                  for name in forms.ROWS[self.kind]]
        line = Horizontal(Label(f"{row}.", classes="number"), *inputs,
                          Static(id=f"row_{row}-status", classes="status", markup=False), classes="field move")
        return Vertical(line, SaidLine(id=f"row_{row}-error", classes="field-error move-error"),
                        id=f"move_{row}", classes="move-row")

    @property
    def editable(self) -> list[str]:
        shape = {f"unit_{self.row_count}": ""} if self.row_count else {}
        return [name for name in forms.fields(self.kind, shape) if name not in self.fixed]

    def _hint(self, name: str) -> str:
        key = f"hint.{name}.{self.kind}" if name == "amount" else f"hint.{name}"
        if forms.is_unit(name):
            key = "hint.unit"
        if name.endswith("account"):
            key = "hint.account"
        return self.texts(key) if self.texts.has(key) else ""

    def _suggester(self, name: str) -> Suggester | None:
        return UnitSuggester(list(self.ledger.state.units)) if forms.is_unit(name) else None

    def on_mount(self) -> None:
        t = self.texts
        self._fill_preview([])
        if getattr(self.app, "read_only", False):
            self._say(t("form.read_only"), "-wrong")
            self.query(FormInput).set(disabled=True)
            return
        self.check()

    def focus_first(self) -> None:
        """Type at once into the first empty field (or the first field); called right after the push."""
        fields = [self.query_one(f"#{name}", FormInput) for name in self.editable]
        self.set_focus(next((f for f in fields if not f.value.strip()), fields[0]))

    # --- reading and checking ----------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        out = dict(self.initial)
        for name in self.editable:
            out[name] = self.query_one(f"#{name}", FormInput).value
        return out

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.notice = None
        self.check()

    def check(self) -> None:
        self.evaluate(self.values())

    def evaluated(self, values: dict[str, str]) -> tuple[forms.Outcome, int]:
        """The fields checked and previewed, and the ledger position that was done at (no fold in between)."""
        return self.ledger.read(lambda state: (forms.evaluate(self.ledger, self.kind, values, self.texts.lang), state.seq))

    @work(thread=True, exclusive=True, group="form")
    def evaluate(self, values: dict[str, str]) -> None:
        outcome, seq = self.evaluated(values)
        if not get_current_worker().is_cancelled:
            self.post_message(FormChecked(outcome, seq))

    def on_form_checked(self, message: FormChecked) -> None:
        """Shown if the fields are still these and the ledger was read no earlier than what is shown."""
        if message.outcome.values == self.values() and message.seq >= self.seen:
            self.show(message.outcome, message.seq)

    def show(self, outcome: forms.Outcome, seq: int) -> None:
        """The units the fields name, every wrong field and why (each at its field), the first one
        again under the form, and the preview, as of ``seq``."""
        self.outcome, self.seen = outcome, seq
        t = self.texts
        self._show_fields(outcome)
        notice = self.notice[1] if self.notice is not None and self.notice[0] == outcome.values else None
        if outcome.error is not None:
            error = outcome.error
            label = self._label(error.field)
            typed = self.values().get(error.field, "x").strip()
            said = t("form.error", label=label, message=said_refusal(error, t.lang))
            self._say(f"{notice}\n{said}" if notice else said, "-wrong" if typed or notice else "")
        elif notice:
            self._say(notice, "-wrong")
        elif outcome.warnings:
            said = "\n".join(refusals.reason(*warning.params["finding"], t.lang) for warning in outcome.warnings)
            self._say(t("form.warning", message=said), "-wrong")
        else:
            self._say(t("form.ok"), "-ok")
        self._show_preview(outcome)

    def _label(self, name: str) -> str:
        """A field as the form labels it; a row's with its number ("Tili, rivi 2")."""
        t, row = self.texts, forms.row_of(name)
        word = forms.base(name)
        label = t(f"field.{word}") if t.has(f"field.{word}") else name
        return t("form.in_row", label=label, row=row) if row is not None else label

    def _show_fields(self, outcome: forms.Outcome) -> None:
        """Each field's unit or ✗, and its refusal under it: once typed in, or after a save was tried."""
        t, state, values = self.texts, self.ledger.state, self.values()
        wrong = {error.field: error for error in outcome.problems}
        said: dict[str, list[str]] = {}
        for name in self.editable:
            row = forms.row_of(name)
            where = f"row_{row}" if row is not None else name
            code = outcome.units.get(name)
            if name in wrong and (values.get(name, "").strip() or self.tried):
                label = t(f"field.{forms.base(name)}") if row is not None else ""
                message = said_refusal(wrong[name], t.lang)
                said.setdefault(where, []).append(f"{label}: {message}" if label else f"✗ {message}")
            if row is None:
                status = self.query_one(f"#{name}-status", Static)
                shown = name in wrong and (values.get(name, "").strip() or self.tried)
                status.update("✗" if shown else t("form.unit_is", name=state.name(code)) if code else "")
                status.set_class(bool(shown), "-wrong")
            elif forms.base(name) == "unit":
                status = self.query_one(f"#{where}-status", Static)
                status.update(t("form.unit_is", name=state.name(code)) if code else "")
        for error_line in self.query(".field-error").results(SaidLine):
            where = (error_line.id or "").removesuffix("-error")
            error_line.say(" · ".join(said.get(where, ())))
            error_line.set_class(bool(said.get(where)), "-shown")
        if self.row_count:
            self._show_balance(outcome, wrong.get(forms.BALANCE))

    def _show_balance(self, outcome: forms.Outcome, error: Rejected | None) -> None:
        """The rows' sum: zero to save."""
        t, balance = self.texts, self.query_one("#balance", SaidLine)
        if error is not None:
            balance.say(f"✗ {said_refusal(error, t.lang)}")
        elif outcome.balance is not None:
            balance.say(t("form.balanced"))
        else:
            balance.say("")
        balance.set_class(error is not None, "-wrong")
        balance.set_class(error is None and outcome.balance is not None, "-ok")

    def _show_preview(self, outcome: forms.Outcome) -> None:
        t = self.texts
        preview = outcome.preview
        title = self.query_one("#preview-title", Static)
        if preview is None:
            title.update(t("form.preview", year="–"))
            self._fill_preview([])
            return
        parts = [t("form.preview", year=preview.year or "–")] + preview_parents(self.ledger.state, preview, t)
        title.update(Text(" · ".join(parts)))
        rows = [[Text(r.node), Text(r.line), Text(r.before, justify="right"), Text(r.after, justify="right"),
                 Text(r.change, justify="right")] for r in preview_rows(preview, t)]
        self._fill_preview(self._names_fitted(rows) or [[Text(t("form.no_preview"))] + [Text("")] * 4])

    def _names_fitted(self, rows: list[list[Text]]) -> list[list[Text]]:
        """The nodes' names as long as the room the other columns leave in the preview's width: cut ("…") only
        where a name does not fit."""
        table = self.query_one("#preview", DataTable)
        width = table.size.width or self.app.size.width
        headers = self._headers()
        others = [max([Text(headers[i]).cell_len, *(row[i].cell_len for row in rows)]) for i in range(1, len(headers))]
        scrollbar = table.styles.scrollbar_size_vertical if len(rows) + 1 > table.size.height else 0
        room = width - sum(others) - 2 * table.cell_padding * (len(others) + 1) - scrollbar
        room = max(room, len(self.texts("form.node")))
        return [[Text(cut(row[0].plain, room)), *row[1:]] for row in rows]

    def on_resize(self) -> None:
        """The names take the room the new width leaves."""
        if self.outcome is not None:
            self._show_preview(self.outcome)

    def _headers(self) -> list[str]:
        """The preview's column headers: node, line, before, after, change."""
        return [self.texts(f"form.{key}") for key in ("node", "line", "before", "after", "change")]

    def _fill_preview(self, rows: list[list[Text]]) -> None:
        keys = ("node", "line", "before", "after", "change")
        headers = [(key, Text(label, justify=None if key in ("node", "line") else "right"))
                   for key, label in zip(keys, self._headers(), strict=True)]
        fill(self.query_one("#preview", DataTable), headers, rows)

    def _say(self, text: str, cls: str = "") -> None:
        message = self.query_one("#message", SaidLine)
        message.say(text)
        message.set_class(cls == "-wrong", "-wrong")
        message.set_class(cls == "-ok", "-ok")

    # --- keys ----------------------------------------------------------------------------------

    def action_next_field(self, step: int) -> None:
        fields = [self.query_one(f"#{name}", FormInput) for name in self.editable]
        if self.focused in fields:
            i = fields.index(self.focused)  # type: ignore[arg-type]
            self.set_focus(fields[(i + step) % len(fields)])
        else:
            self.set_focus(fields[0 if step > 0 else -1])

    def action_enter(self) -> None:
        if self.focused is self.query_one(f"#{self.editable[-1]}", FormInput):
            self.action_save()
        else:
            self.action_next_field(1)

    def action_save(self) -> None:
        """Write the change if it passes now, based on the figures shown; else say why and put
        the cursor in the wrong field.

        If another user changed one of its units since the figures shown were read, nothing
        is written: the form says so and shows the preview at the new figures, to be saved again.
        """
        if getattr(self.app, "read_only", False):
            self.app.bell()
            return
        self.notice, self.tried = None, True
        outcome, seq = self.evaluated(self.values())
        shown, self.warned = getattr(self, "warned", None), None
        if outcome.ok and outcome.warnings and shown != (outcome.values, outcome.confirms):
            self.warned = (outcome.values, outcome.confirms)  # the first ctrl+s shows them, a second confirms them
            self.show(outcome, seq)
            self.app.bell()
            return
        if outcome.ok:
            try:
                record = self.ledger.submit(outcome.event, based_on=self.seen, confirm=outcome.confirms)[0]
            except FiguresChanged as exc:
                self.notice = (outcome.values, self.changed_since(exc))
                outcome, seq = self.evaluated(outcome.values)  # the new figures: what a second save is based on
            except (Rejected, Conflict) as exc:
                error = exc if isinstance(exc, Rejected) else Rejected("event", "", "event.conflict")
                outcome = forms.Outcome(outcome.values, error=error, units=outcome.units)
            except Damaged as exc:  # a stored row breaks the chain: nothing is written, every screen says where
                self.notice = (outcome.values, said_refusal(exc.refusal, self.texts.lang))
                self.app.damaged(exc)
            except StoreError as exc:  # the database refused the write (a role that may only read)
                self.notice = (outcome.values, str(exc))
            else:
                self.dismiss()
                self.on_written(record)
                return
        self.show(outcome, seq)
        if outcome.error is not None and outcome.error.field in self.editable:
            self.set_focus(self.query_one(f"#{outcome.error.field}", FormInput))
        self.app.bell()

    async def action_add_row(self) -> None:
        """A new empty row under the others, the cursor in its unit."""
        self.row_count += 1
        row = self._row(self.row_count, {})
        await self.query_one("#rows", Vertical).mount(row)
        self.set_focus(self.query_one(f"#unit_{self.row_count}", FormInput))
        self.check()

    async def action_remove_row(self) -> None:
        """Remove the row the cursor is in (else the last); the rows below move up. A form keeps its first two."""
        if self.row_count <= forms.FIRST_ROWS:
            self.app.bell()
            return
        focused = forms.row_of(self.focused.id or "") if self.focused is not None else None
        row = focused if focused is not None else self.row_count
        for below in range(row, self.row_count):
            for name in forms.ROWS[self.kind]:
                self.query_one(f"#{name}_{below}", FormInput).value = self.query_one(f"#{name}_{below + 1}",
                                                                                      FormInput).value
        await self.query_one(f"#move_{self.row_count}").remove()
        self.row_count -= 1
        self.set_focus(self.query_one(f"#unit_{min(row, self.row_count)}", FormInput))
        self.check()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The row keys only where the form has rows (and so only in its footer)."""
        if action in ("add_row", "remove_row"):
            return bool(self.row_count)
        return True

    def changed_since(self, exc: FiguresChanged) -> str:
        """"Yksikkö: 'JL' on muuttunut tapahtuman #161 jälkeen: … #162 TA-muutos 2026: MENOT -12 000 (toinen) …"."""
        t, unit = self.texts, exc.unit
        seqs = exc.changed[unit]
        records = self.ledger.records(seqs[:CHANGES_SAID])
        events = {seq: records[seq].event for seq in seqs[:CHANGES_SAID]}
        written = self.ledger.read(lambda state: tuple(
            f"#{seq} {kind_label(event, t)}: {change_text(state, event, {unit}, t)} ({event.author})"
            for seq, event in events.items()))
        written += ("…",) if len(seqs) > CHANGES_SAID else ()
        refusal = Rejected("unit", unit, "figures.changed", since=exc.based_on, written=written, head=exc.head)
        return t("form.error", label=t("field.unit"), message=said_refusal(refusal, t.lang))

    def action_cancel(self) -> None:
        self.dismiss()
