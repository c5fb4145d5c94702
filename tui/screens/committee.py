"""The audit committee's view (tarkastuslautakunta): what it signs off, in three tabs.

- Tarkastus: ``Kirjuri.verify`` against the app's rules of authority, each check PASS or
  FAIL with its findings, each finding and scope said in the UI's language
  (``ledger.audit.findings.say``); Enter on a finding that names an event opens it in full.
- Toteutumisvertailu: each binding appropriation of the year against its toteutuma (TP of a
  closed year, else the toteuma so far) and its forecast TPE
  (``ledger.audit.committee.toteutumisvertailu``), an overrun marked; < and > change the year.
- Kokoukset: the decisions grouped by meeting (``ledger.audit.committee.meetings``); the meeting
  under the cursor lists its changes by §, and Enter on a change opens its event.

Every tab is computed in a thread worker through the application's public methods
(``Kirjuri.read``, ``read_decided``, ``verify_in_background``). On a million events the
verification takes minutes, in a process of its own: the tab says it is checking meanwhile.
Nothing here writes.
"""

from __future__ import annotations

import functools
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from events.model import Decision
from ledger.audit import authority
from ledger.fold import projections as pj
from ledger.app import Kirjuri
from ledger.domain.citation import format_decision
from ledger.audit.committee import (
    Item,
    Meeting,
    Toteutumisvertailu,
    event_node,
    meetings,
    toteutumisvertailu,
)
from ledger.audit.findings import Finding, Verification, say, say_scope
from ledger.domain import formats
from ledger.fold.projections import Point
from ledger.fold.state import proposal_units
from ledger.domain.text import shown
from ledger.audit.verify import HEAD_DIGITS, REPORT_FORMATS, report_bytes
from ledger.app import StoreError
from ledger.domain import refusals
from ledger.domain.refusals import Rejected
from ledger.reports.output import ledger_files
from tui import exports
from tui.screens.save import SaveReportScreen
from tui.i18n import Texts
from tui.keys import COMMITTEE_KEYS, localised
from tui.screens.diff import DiffScreen
from tui.screens.event import EventScreen
from tui.viewmodel import NOW, account_text, cell_text, change_text, is_now
from tui.widgets.banner import DamageBanner
from tui.widgets.vertailu import VertailuTable
from tui.widgets.wrapped import Entry, FoldedStatic, WrappedOptions

#: the findings of one check listed at most; the rest are counted ("… and 12 more")
MOST_FINDINGS = 500
#: the name the screen is installed under while it still shows the ledger as it is
INSTALLED = "committee"
#: a finding sits this far in under its check
FINDING_INDENT = 4
TABS = ("checks", "vertailu", "meetings", "proposals")


class ChecksDone(Message):
    """The verification's report, or why it could not be made."""

    def __init__(self, report: Verification | None, error: str = "") -> None:
        super().__init__()
        self.report = report
        self.error = error


class VertailuLoaded(Message):
    def __init__(self, table: Toteutumisvertailu) -> None:
        super().__init__()
        self.table = table


class MeetingsLoaded(Message):
    def __init__(self, found: list[Meeting] | None, error: str = "") -> None:
        super().__init__()
        self.meetings = found
        self.error = error


class CommitteeScreen(Screen):
    """Verification, toteutumisvertailu and meetings; Esc closes it."""

    DEFAULT_CSS = """
    CommitteeScreen TabbedContent { height: 1fr; }
    CommitteeScreen TabPane { padding: 0; height: 1fr; }
    CommitteeScreen .title { height: auto; padding: 0 1; text-style: bold; background: $boost; }
    CommitteeScreen #findings { height: 1fr; border: none; }
    CommitteeScreen VertailuTable { height: 1fr; }
    CommitteeScreen #vertailu-row { height: auto; max-height: 4; padding: 0 1; }
    CommitteeScreen #meeting-list { height: auto; max-height: 40%; border: none; }
    CommitteeScreen #meeting-items { height: 1fr; border: none; }
    """

    @classmethod
    def localised(cls, texts: Texts) -> type[CommitteeScreen]:
        return localised(cls, COMMITTEE_KEYS, texts)

    @classmethod
    async def open(cls, app: App, ledger: Kirjuri, texts: Texts, rules: authority.Rules, year: int,
                   point: Point = NOW) -> CommitteeScreen:
        """Show the committee's screen: the one made before while the log and the rules are the same
        (its verification, done or under way, is not started again), else a new one."""
        screen = app.get_screen(INSTALLED) if app.is_screen_installed(INSTALLED) else None
        if isinstance(screen, CommitteeScreen) and screen.made_for == (ledger.state.seq, rules):
            screen.reopen(year, point)
        else:
            if screen is not None:
                app.uninstall_screen(INSTALLED)
                if screen.is_attached:
                    await screen.remove()  # its workers are cancelled: a verification apart is ended
            screen = cls.localised(texts)(ledger, texts, rules, year, point)
            app.install_screen(screen, INSTALLED)
        await app.push_screen(screen)
        return screen

    def __init__(self, ledger: Kirjuri, texts: Texts, rules: authority.Rules, year: int,
                 point: Point = NOW) -> None:
        super().__init__()
        self.ledger = ledger
        self.texts = texts
        self.rules = rules
        self.year = year
        self.point = point
        #: the verification once it is done
        self.report: Verification | None = None
        #: option id -> finding, in the Tarkastus tab
        self.findings: dict[str, Finding] = {}
        self.vertailu: Toteutumisvertailu | None = None
        self.meetings: list[Meeting] | None = None
        #: option id -> item of the meeting shown
        self.items: dict[str, Item] = {}
        #: the log and the rules this screen verified: it is shown again while they are the same
        self.made_for = (ledger.state.seq, rules)
        #: the year and point the main screen asked for last
        self.asked = (year, point)

    def compose(self) -> ComposeResult:
        t = self.texts
        yield Header(icon="", show_clock=False)
        yield DamageBanner(id="damage")
        with TabbedContent(id="tabs", initial="checks"):
            with TabPane(t("committee.tab.checks"), id="checks"):
                yield Static(Text(t("committee.checking")), id="verdict", classes="title")
                yield WrappedOptions(id="findings")
            with TabPane(t("committee.tab.vertailu"), id="vertailu"):
                yield Static(Text(t("committee.loading")), id="vertailu-title", classes="title")
                yield VertailuTable(t, id="vertailu-table")
                yield FoldedStatic(id="vertailu-row", markup=False)
            with TabPane(t("committee.tab.meetings"), id="meetings"):
                yield Static(Text(t("committee.loading")), id="meetings-title", classes="title")
                yield OptionList(id="meeting-list", markup=False)
                yield Static(id="meeting-title", classes="title", markup=False)
                yield WrappedOptions(id="meeting-items")
            with TabPane(t("committee.tab.proposals"), id="proposals"):
                yield Static(id="proposals-title", classes="title", markup=False)
                yield WrappedOptions(id="proposal-items")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.title = self.texts("committee.title")
        self.query_one("#findings").focus()
        self.load_vertailu(self.year)
        self.show_proposals()
        self.run_checks()

    def reopen(self, year: int, point: Point) -> None:
        """Shown again: the year and the point follow the main screen's if they changed there since."""
        if (year, point) == self.asked:
            return
        self.asked = (year, point)
        self.year, self.point = year, point
        self.query_one("#vertailu-title", Static).update(Text(self.texts("committee.loading")))
        self.load_vertailu(year)
        self.show_proposals()

    # --- workers ------------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="committee-checks")
    def run_checks(self) -> None:
        """``kirjuri verify`` over the stored log (``Kirjuri.verify_in_background``): a moment on a small
        ledger, minutes at a million events, then in a process of its own that ends with this screen."""
        worker = get_current_worker()
        try:
            # each event judged by the rules in force when it was recorded: the file given until the ledger adopted any
            report = self.ledger.verify_in_background(self.ledger.rules_of, lambda: worker.is_cancelled)
        except Exception as exc:  # a damaged store: say so, never crash the UI
            self.post_message(ChecksDone(None, str(exc) or type(exc).__name__))
            return
        if report is not None:
            self.post_message(ChecksDone(report))

    @work(thread=True, exclusive=True, group="committee-vertailu")
    def load_vertailu(self, year: int) -> None:
        table = self.ledger.read(toteutumisvertailu, self.rules, year, self.point)
        if not get_current_worker().is_cancelled:
            self.post_message(VertailuLoaded(table))

    @work(thread=True, exclusive=True, group="committee-meetings")
    def load_meetings(self) -> None:
        """The decided events, streamed from the log a batch at a time (``Kirjuri.read_decided``)."""
        worker = get_current_worker()
        try:
            found = self.ledger.read_decided(functools.partial(meetings, lang=self.texts.lang), lambda: worker.is_cancelled)
        except Exception as exc:  # a record that does not decode: the Tarkastus tab names it
            self.post_message(MeetingsLoaded(None, str(exc)))
            return
        if found is not None:
            self.post_message(MeetingsLoaded(found))

    # --- Tarkastus ------------------------------------------------------------------------------------

    def on_checks_done(self, message: ChecksDone) -> None:
        t = self.texts
        verdict = self.query_one("#verdict", Static)
        report = self.report = message.report
        if report is None:
            verdict.update(Text(t("committee.broken", error=message.error), style="bold red"))
            return
        failed = sum(not check.passed for check in report.checks)
        rules = self.rules.municipality or t("committee.rules_default")
        adopted = self.ledger.adoption_in_force()
        if adopted is not None and adopted.decision is not None:
            rules = t("committee.rules_adopted", name=rules, decision=format_decision(adopted.decision, t.lang))
        # the head as the minutes may record it: `kirjuri verify --expect-head` takes these digits
        fields = {"seq": report.seq, "head": report.head[:HEAD_DIGITS], "count": len(report.checks), "rules": rules}
        key = "committee.passed" if report.passed else "committee.failed"
        verdict.update(Text(t(key, failed=failed, **fields) if failed else t(key, **fields)))
        entries, self.findings = [], {}
        for i, check in enumerate(report.checks):
            entries.append(Entry(f"check:{i}", self._check_line(check)))
            for j, finding in enumerate(check.findings[:MOST_FINDINGS]):
                ident = f"finding:{i}:{j}"
                self.findings[ident] = finding
                entries.append(Entry(ident, self._finding_line(finding), indent=FINDING_INDENT))
            if len(check.findings) > MOST_FINDINGS:
                more = t("committee.more", count=len(check.findings) - MOST_FINDINGS)
                entries.append(Entry(f"more:{i}", Text(more, style="dim"), indent=FINDING_INDENT, disabled=True))
        first = next((k for k, entry in enumerate(entries) if entry.id in self.findings), 0)
        self.query_one("#findings", WrappedOptions).show(entries, first)

    def _check_line(self, check) -> Text:
        t = self.texts
        mark = t("committee.pass") if check.passed else t("committee.fail", count=len(check.findings))
        style = "bold green" if check.passed else "bold red"
        title = t(f"check.{check.name}") if t.has(f"check.{check.name}") else check.title
        scope = say_scope(check, t.lang)
        scope = f" ({scope})" if scope else ""
        return Text.assemble((mark, style), " ", shown(f"{title}{scope}"))

    def _finding_line(self, finding: Finding) -> Text:
        """Where the finding is, and what it says in the UI's language."""
        where = "–" if finding.seq is None else f"#{finding.seq}"
        ident = f" {_short(shown(finding.event_id))}" if finding.event_id else ""
        return Text.assemble((where + ident, "bold"), " ", say(finding, self.texts.lang))

    @on(OptionList.OptionSelected, "#findings")
    async def _finding_chosen(self, event: OptionList.OptionSelected) -> None:
        finding = self.findings.get(event.option.id or "")
        if finding is not None:
            await self.open_finding(finding)

    async def open_finding(self, finding: Finding) -> None:
        """The event a finding names, in full; a finding about no single event says so."""
        if finding.seq is None:
            self.notify(self.texts("committee.no_event"), markup=False)
            return
        await self.open_event(finding.seq)

    async def open_event(self, seq: int) -> None:
        try:
            record, target = self.ledger.record_with_target(seq)
            node = self.ledger.read(event_node, record.event, target and target.event)
            if node is None:
                raise KeyError(seq)
            screen = EventScreen.localised(self.texts)(self.ledger, seq, node, self.texts)
        except Exception as exc:  # a record the chain check found undecodable, or gone
            self.notify(self.texts("committee.no_record", seq=seq, error=str(exc) or type(exc).__name__),
                        severity="warning", markup=False)
            return
        await self.app.push_screen(screen)

    # --- Toteutumisvertailu ---------------------------------------------------------------------------

    def on_vertailu_loaded(self, message: VertailuLoaded) -> None:
        table = message.table
        if table.year != self.year:
            return
        self.vertailu = table
        t = self.texts
        if table.rows:
            title = t("committee.vertailu", year=table.year, level=t.level(table.level), overruns=len(table.overrun_rows))
        else:
            title = t("committee.vertailu_empty", year=table.year, level=t.level(table.level))
        if not is_now(self.point):
            title += " · " + self._point_text()
        self.query_one("#vertailu-title", Static).update(Text(title))
        grid = self.query_one(VertailuTable)
        grid.show(table)
        self._show_row(0)

    def _point_text(self) -> str:
        t, point = self.texts, self.point
        parts = []
        if point.on is not None:
            parts.append(t("banner.on", date=formats.date(point.on, t.lang)))
        if point.known_at is not None:
            parts.append(t("banner.known", moment=formats.moment(point.known_at, t.lang)))
        return t("banner", parts=", ".join(parts))

    @on(DataTable.RowHighlighted, "VertailuTable")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_row(event.cursor_row)

    def _show_row(self, index: int) -> None:
        """The row under the cursor in words: every figure, and whether it is overrun."""
        t = self.texts
        row = self.query_one(VertailuTable).row_at(index)
        line = self.query_one("#vertailu-row", FoldedStatic)
        if row is None:
            line.update("")
            return

        def amount(value: int | None) -> str:
            return cell_text("TA", value) or "–"

        if row.actual_column is None:
            actual = t("committee.no_actual")
        else:
            label = t("committee.TOTEUMA") if row.actual_column == "TOTEUMA" else row.actual_column
            actual = f"{label} {amount(row.actual)}"
            if row.percent is not None:
                actual += f" ({cell_text('TOTEUMA-%', row.percent)})"
        if row.tpe is not None:
            actual += f" · {t.column('TPE')} {amount(row.tpe)}"
        text = Text(t("committee.row", code=row.code, name=row.name, line=account_text(row.line, t),
                      ta=amount(row.ta), muutos=amount(row.muutos), budget=amount(row.ta_muutos), actual=actual))
        if row.overrun:
            text.append(" · ")
            text.append(t("committee.overrun", columns=", ".join(row.overruns)), style="bold red")
        elif row.actual_column is not None and row.ta_muutos is not None:
            text.append(" · " + t("committee.within"))
        line.update(text)

    # --- Esitykset --------------------------------------------------------------------------------------

    def show_proposals(self) -> None:
        """The proposals awaiting a decision at the point: few, read from the state at once."""
        t = self.texts
        pending, entries = self.ledger.read(self._pending)
        title = t("committee.proposals", count=len(pending)) if pending else t("committee.proposals_empty")
        self.query_one("#proposals-title", Static).update(Text(title))
        self.query_one("#proposal-items", WrappedOptions).show(entries, 0)

    def _pending(self, state) -> tuple[list[pj.ProposalStatus], list[Entry]]:
        pending = [p for p in pj.proposals(state, self.point) if p.status == "pending"]
        return pending, [Entry(f"proposal:{p.seq}", self._proposal_line(state, p)) for p in pending]

    def _proposal_line(self, state, status: pj.ProposalStatus) -> Text:
        proposal = status.proposal
        units = set(proposal_units(proposal))
        by = format_decision(proposal.decision, self.texts.lang) if proposal.decision else proposal.author
        return Text(self.texts("committee.proposal", seq=status.seq, year=proposal.year, by=by,
                               change=change_text(state, proposal, units, self.texts, named=True)))

    @on(OptionList.OptionSelected, "#proposal-items")
    async def _proposal_chosen(self, event: OptionList.OptionSelected) -> None:
        ident = event.option.id or ""
        if ident.startswith("proposal:"):
            await self.open_event(int(ident.removeprefix("proposal:")))

    # --- Kokoukset --------------------------------------------------------------------------------------

    def on_meetings_loaded(self, message: MeetingsLoaded) -> None:
        t = self.texts
        title = self.query_one("#meetings-title", Static)
        if message.meetings is None:
            title.update(Text(t("committee.broken", error=message.error), style="bold red"))
            return
        self.meetings = message.meetings
        if not self.meetings:
            title.update(Text(t("committee.meetings_empty")))
            return
        title.update(Text(t("committee.meetings", count=len(self.meetings))))
        listed = self.query_one("#meeting-list", OptionList)
        listed.clear_options()
        listed.add_options([Option(t("committee.meeting_option", title=self._title(m), count=m.count), id=f"meeting:{i}")
                            for i, m in enumerate(self.meetings)])
        listed.highlighted = 0
        self.show_meeting(0)

    @on(OptionList.OptionHighlighted, "#meeting-list")
    def _meeting_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_meeting(event.option_index)

    @on(OptionList.OptionSelected, "#meeting-list")
    def _meeting_chosen(self, event: OptionList.OptionSelected) -> None:
        self.show_meeting(event.option_index)
        self.query_one("#meeting-items", OptionList).focus()

    def show_meeting(self, index: int) -> None:
        """The meeting's changes, each as the minutes read it; a reversed one struck through."""
        if not self.meetings or not 0 <= index < len(self.meetings):
            return
        t = self.texts
        meeting = self.meetings[index]
        self.query_one("#meeting-title", Static).update(t("committee.meeting", title=self._title(meeting),
                                                          count=meeting.count))
        entries, self.items = [], {}
        for section in meeting.sections:
            for item in section.items:
                ident = f"item:{item.seq}"
                self.items[ident] = item
                text = shown(f"{self._title(meeting)} § {section.section}: {item.text(self._kind(item), self._more)}")
                if item.reversed_by is not None:
                    text += f" ({t('trail.reversed', seq=item.reversed_by)})"
                entries.append(Entry(ident, Text(text, style="strike" if item.reversed_by else "")))
        self.query_one("#meeting-items", WrappedOptions).show(entries)

    def _title(self, meeting: Meeting) -> str:
        """A meeting as the UI's language cites its decisions: "KF 26.5.2025" in Swedish for a valtuusto's (never the
        Finnish KV or KH), an organ cited by its own name as it was cited."""
        return format_decision(Decision(body=meeting.body, date=meeting.date, section="", organ=meeting.organ),
                               self.texts.lang).removesuffix(" § ")

    def _kind(self, item: Item) -> str:
        label = self.texts(f"kind.{item.kind}")
        return f"{label} {item.year}" if item.year is not None else label

    def _more(self, count: int) -> str:
        return self.texts("change.more", count=count)

    @on(OptionList.OptionSelected, "#meeting-items")
    async def _item_chosen(self, event: OptionList.OptionSelected) -> None:
        item = self.items.get(event.option.id or "")
        if item is not None:
            await self.open_event(item.seq)

    # --- keys ---------------------------------------------------------------------------------------------

    def action_close(self) -> None:
        self.dismiss()

    def action_save_report(self) -> None:
        """Ask the format, then save the report for the minutes (a download under `kirjuri serve`)."""
        if self.report is None:
            self.notify(self.texts("save.not_ready"), severity="warning", markup=False)
            return
        report = self.report
        self.app.push_screen(SaveReportScreen(self.texts, tuple(REPORT_FORMATS)),
                             lambda suffix: self.save_report(report, suffix) if suffix else None)

    def save_report(self, report: Verification, suffix: str) -> Path | None:
        """``kirjuri-verify-SEQ.md`` (or .xlsx, .json) beside the user, never over another file nor the ledger;
        in the UI's language, as `kirjuri verify -o` writes it in the language asked for."""
        name = f"kirjuri-verify-{report.seq}{suffix}"
        try:
            path = exports.deliver(self.app, name, report_bytes(report, suffix, self.texts.lang),
                                   mime_type=REPORT_FORMATS[suffix].mime_type, protect=ledger_files(self.ledger.target))
        except Rejected as refusal:
            field = refusals.field_said(refusal.field, self.texts.lang)
            self.notify(f"{field}: {refusals.say(refusal, self.texts.lang)}", severity="error", markup=False)
            return None
        except (StoreError, OSError) as exc:
            self.notify(shown(str(exc)), severity="error", markup=False)
            return None
        self.notify(self.texts("note.delivered", name=name) if path is None
                    else self.texts("note.exported", path=str(path)), markup=False)
        return path

    async def action_diff(self) -> None:
        """The binding figures changed between two points, from the previous meeting's head to now."""
        screen = DiffScreen.localised(self.texts)(self.ledger, self.texts, self.rules, self.open_event, self.meetings)
        await self.app.push_screen(screen)

    def action_columns(self) -> None:
        """The toteutumisvertailu's next page of columns, where they do not all fit beside the units."""
        self.action_tab("vertailu")
        self.query_one(VertailuTable).next_columns()

    def action_tab(self, name: str) -> None:
        if name in TABS:
            self.query_one(TabbedContent).active = name
            self._focus_tab(name)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id:
            self._focus_tab(event.pane.id)
        if event.pane.id == "meetings" and self.meetings is None:
            self.load_meetings()  # read the whole log only for whom looks at the meetings

    def _focus_tab(self, name: str) -> None:
        target = {"checks": "#findings", "vertailu": "#vertailu-table", "meetings": "#meeting-list",
                  "proposals": "#proposal-items"}[name]
        self.query_one(target).focus()

    def action_year(self, step: int) -> None:
        """The toteutumisvertailu of the year before or after (and its tab in view)."""
        years = self.ledger.state.years()
        later = [y for y in years if y > self.year] if step > 0 else [y for y in years if y < self.year]
        if not later:
            self.app.bell()
            return
        self.year = min(later) if step > 0 else max(later)
        self.query_one("#vertailu-title", Static).update(Text(self.texts("committee.loading")))
        self.action_tab("vertailu")
        self.load_vertailu(self.year)


def _short(event_id: str, most: int = 12) -> str:
    """An event's id as a finding names it: whole if short, else its start and "…" (Enter shows it whole)."""
    return event_id if len(event_id) <= most else event_id[:most - 1] + "…"
