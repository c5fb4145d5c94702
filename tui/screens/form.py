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
from tui.viewmodel import change_text, kind_label, preview_parents, preview_rows
from tui.widgets.banner import DamageBanner
from tui.widgets.sized import fill

#: how many of the events that changed a unit a refused write names
CHANGES_SAID = 3


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


class FormScreen(Screen):
    """Log one change of ``kind`` (a key of ``ledger.domain.forms.FIELDS``); ``on_written`` gets the stored event."""

    DEFAULT_CSS = """
    FormScreen #form { height: auto; padding: 0 1; }
    FormScreen .title { height: 1; text-style: bold; background: $boost; padding: 0 1; }
    FormScreen .field { height: 1; }
    FormScreen .field Label { width: 17; color: $text-muted; }
    FormScreen .field Input { width: 1fr; height: 1; border: none; padding: 0 1; background: $boost; }
    FormScreen .field Input:focus { background: $accent 25%; }
    FormScreen .field .status { width: 40%; padding: 0 1; color: $text-muted; }
    FormScreen .field .status.-wrong { color: $error; }
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
        self.initial = {name: values.get(name, "") for name in forms.FIELDS[kind]}
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
        yield Static(Text(self.heading), classes="title", id="form-title")
        with Vertical(id="form"):
            for name in self.editable:
                with Horizontal(classes="field"):
                    yield Label(t(f"field.{name}"), markup=False)
                    yield FormInput(self.initial[name], placeholder=self._hint(name), id=name,
                                    suggester=self._suggester(name), select_on_focus=False)
                    yield Static(id=f"{name}-status", classes="status", markup=False)
        yield Static(id="message", markup=False)
        yield Static(classes="title", id="preview-title", markup=False)
        yield DataTable(id="preview", cursor_type="none", zebra_stripes=True)
        yield Footer(compact=True)

    @property
    def editable(self) -> list[str]:
        return [name for name in forms.FIELDS[self.kind] if name not in self.fixed]

    def _hint(self, name: str) -> str:
        key = f"hint.{name}.{self.kind}" if name == "amount" else f"hint.{name}"
        if name in forms.UNIT_FIELDS:
            key = "hint.unit"
        if name.endswith("account"):
            key = "hint.account"
        return self.texts(key) if self.texts.has(key) else ""

    def _suggester(self, name: str) -> Suggester | None:
        return UnitSuggester(list(self.ledger.state.units)) if name in forms.UNIT_FIELDS else None

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
        return self.ledger.read(lambda state: (forms.evaluate(self.ledger, self.kind, values), state.seq))

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
        """The units the fields name, the first wrong field and why, and the preview, as of ``seq``."""
        self.outcome, self.seen = outcome, seq
        t, state = self.texts, self.ledger.state
        wrong = outcome.error.field if outcome.error else None
        for name in self.editable:
            status = self.query_one(f"#{name}-status", Static)
            code = outcome.units.get(name)
            status.update(t("form.unit_is", name=state.name(code)) if code and name != wrong else "")
            status.set_class(name == wrong, "-wrong")
        notice = self.notice[1] if self.notice is not None and self.notice[0] == outcome.values else None
        if outcome.error is not None:
            error = outcome.error
            label = t(f"field.{error.field}") if t.has(f"field.{error.field}") else error.field
            typed = self.values().get(error.field, "x").strip()
            said = t("form.error", label=label, message=refusals.say(error, t.lang))
            self._say(f"{notice}\n{said}" if notice else said, "-wrong" if typed or notice else "")
            if wrong in self.editable:
                self.query_one(f"#{wrong}-status", Static).update("✗")
        elif notice:
            self._say(notice, "-wrong")
        elif outcome.warnings:
            said = "\n".join(refusals.reason(*warning.params["finding"], t.lang) for warning in outcome.warnings)
            self._say(t("form.warning", message=said), "-wrong")
        else:
            self._say(t("form.ok"), "-ok")
        self._show_preview(outcome)

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
        self._fill_preview(rows or [[Text(t("form.no_preview"))] + [Text("")] * 4])

    def _fill_preview(self, rows: list[list[Text]]) -> None:
        t = self.texts
        headers = [(key, Text(t(f"form.{key}"))) for key in ("node", "line")]
        headers += [(key, Text(t(f"form.{key}"), justify="right")) for key in ("before", "after", "change")]
        fill(self.query_one("#preview", DataTable), headers, rows)

    def _say(self, text: str, cls: str = "") -> None:
        message = self.query_one("#message", Static)
        message.update(Text(text))
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
        self.notice = None
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
                self.notice = (outcome.values, refusals.say(exc.refusal, self.texts.lang))
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
        return t("form.error", label=t("field.unit"), message=refusals.say(refusal, t.lang))

    def action_cancel(self) -> None:
        self.dismiss()
