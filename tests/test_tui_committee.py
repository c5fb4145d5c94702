"""The audit committee's screen (tui/screens/committee.py): opened with v from the main screen,
its tabs show what ``Kirjuri.verify`` and ``ledger.audit.committee`` say, at 80×24, in both languages,
and in read-only mode. Each test drives ``KirjuriApp`` with Textual's Pilot on a bundled example."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import threading
import time
from pathlib import Path

import pytest
from conftest import HALL_KS_SAID, HALL_KS_SEQ, examples, only_the_books_finding
from cut import cuts_in, screen_lines, widget_text
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text

from test_tui import run, settled, text_of, until
from textual.widgets import OptionList, TabbedContent

from events.model import Decision, Line
from ledger.audit import authority
from ledger.app import Kirjuri
from ledger.audit.committee import meetings, toteutumisvertailu
from ledger.domain import vocabulary
from ledger.domain.money import NBSP
from ledger.fold.projections import Point
from ledger.audit.verify import head_prefix
from tui.app import KirjuriApp
from tui.i18n import TEXTS, Texts
from tui.keys import help_rows
from tui.providers.commands import KirjuriCommands
from tui.screens.committee import CommitteeScreen
from tui.screens.event import EventScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.vertailu import BOOK, MARK, NARROW, VertailuTable
from tui.widgets.wrapped import Entry, WrappedOptions

ROOT = Path(__file__).parents[1]
KEMIJARVI_RULES = authority.load(ROOT / "examples" / "kemijarvi-rules.toml")
KEMI_OVERRUNS = {"64130000", "64140000", "64220000", "64230000", "64320000", "64330000", "64520000"}
CHECKS = ["chain", "reversals", "rules", "checkpoints", "authority", "reallocations", "overruns"]


def kemijarvi_app(ledger: Kirjuri, **kwargs) -> KirjuriApp:
    return KirjuriApp(ledger, today=dt.date(2026, 11, 22), rules=kwargs.pop("rules", KEMIJARVI_RULES), **kwargs)


def kemi_app(ledger: Kirjuri, **kwargs) -> KirjuriApp:
    return KirjuriApp(ledger, today=dt.date(2023, 11, 22), **kwargs)


async def open_committee(app: KirjuriApp, pilot) -> CommitteeScreen:
    """Press v and wait until the verification and the toteutumisvertailu are shown."""
    await pilot.press("v")
    await until(lambda: isinstance(app.screen, CommitteeScreen))
    screen = app.screen
    try:
        await until(lambda: screen.report is not None and screen.vertailu is not None)
    except AssertionError:
        raise AssertionError(text_of(screen.query_one("#verdict"))) from None
    await pilot.pause()
    return screen


async def open_meetings(screen: CommitteeScreen, pilot) -> None:
    """The Kokoukset tab: its meetings are read from the log when it is first shown."""
    await pilot.press("3")
    await until(lambda: screen.meetings is not None)
    await pilot.pause()


def prompts(options: OptionList) -> list[str]:
    """Each option's text as shown (broken into lines), with the lines joined by a space."""
    return [" ".join(line.strip() for line in str(options.get_option_at_index(i).prompt).split("\n"))
            .replace(NBSP, " ") for i in range(options.option_count)]


def shown_lines(options: OptionList) -> list[str]:
    return [line for i in range(options.option_count)
            for line in str(options.get_option_at_index(i).prompt).split("\n")]


def active_tab(screen: CommitteeScreen) -> str:
    return screen.query_one(TabbedContent).active


# --- Tarkastus ----------------------------------------------------------------------------------------------


def test_v_opens_the_committee_and_kemijarvi_shows_only_its_books_finding(kemijarvi):
    """Every check of the example passes but one: its book's own KS 2025 of HALL plans past the binding
    figure the book states (conftest.HALL_KS), shown under Ylitykset with its event."""
    app = kemijarvi_app(kemijarvi)

    async def scenario(app, pilot):
        screen = await open_committee(app, pilot)
        assert active_tab(screen) == "checks" and screen.title == "Tarkastuslautakunta"
        assert [c.name for c in screen.report.checks] == CHECKS and only_the_books_finding(screen.report)
        verdict = text_of(screen.query_one("#verdict"))
        assert f"#{kemijarvi.state.seq}" in verdict and "havaintoja 1/7 tarkastuksessa" in verdict
        assert "Kemijärven kaupunki" in verdict
        # the head as the minutes may record it: `kirjuri verify --expect-head` takes what is shown
        shown_head = verdict.split()[2]
        assert shown_head == kemijarvi.state.head[:16] + "…" and head_prefix(shown_head) == shown_head[:16]
        lines = prompts(screen.query_one("#findings", OptionList))
        # each check in the UI's words, never by its code (chain, authority …)
        assert [line.split(" ")[:2] for line in lines[:6]] == [["KUNNOSSA", vocabulary.CHECKS[name].fi.split()[0]]
                                                                for name in CHECKS[:6]]
        assert lines[6].startswith("HAVAINTOJA 1 Ylitykset: toteuma, TPE ja TP") and len(lines) == 8
        assert lines[7].startswith(f"#{HALL_KS_SEQ} book-") and lines[7].endswith(HALL_KS_SAID["fi"])
        await pilot.press("escape")
        await settled(app)
        assert isinstance(app.screen, MainScreen)

    run(app, scenario)


def test_a_finding_names_its_event_and_enter_opens_it(kemijarvi):
    """Rules under which only the hallitus adopts a TA: each of the 12 TAs is an authority finding."""
    rules = dataclasses.replace(KEMIJARVI_RULES, bodies={**KEMIJARVI_RULES.bodies, "ta": ("hallitus",)})
    app = kemijarvi_app(kemijarvi, rules=rules)

    async def scenario(app, pilot):
        screen = await open_committee(app, pilot)
        failed = {c.name: c for c in screen.report.checks if not c.passed}
        # and the book's own finding (conftest.HALL_KS) under overruns
        assert list(failed) == ["authority", "overruns"] and len(failed["authority"].findings) == 12
        verdict = text_of(screen.query_one("#verdict"))
        assert "havaintoja 2/7 tarkastuksessa" in verdict
        found = screen.query_one("#findings", WrappedOptions)
        lines = prompts(found)
        assert lines[4].startswith("HAVAINTOJA 12 Toimivalta")
        first = failed["authority"].findings[0]
        assert first.event_id.startswith("book-") and len(first.event_id) > 12
        assert lines[5].startswith(f"#{first.seq} {first.event_id[:11]}… KV 31.12.2022 § –")
        assert lines[5].endswith(": valtuusto ei saa sääntöjen mukaan päättää TA:n hyväksymisestä "
                                 "(säännöt sallivat: hallitus)")
        # the cursor starts on the first finding: Enter opens its event in full
        assert found.highlighted == 5 and app.focused is found
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, EventScreen))
        event = app.screen
        assert event.detail.record.seq == first.seq and event.detail.record.event.id == first.event_id
        assert event.detail.node == "KEMIJARVI" and event.detail.unit_changes
        await pilot.press("escape")
        await until(lambda: app.screen is screen)
        await pilot.press("down", "enter")
        await until(lambda: isinstance(app.screen, EventScreen))
        assert app.screen.detail.record.seq == failed["authority"].findings[1].seq

    run(app, scenario)


def test_in_swedish_at_80x24_each_amount_of_the_books_finding_stays_whole_with_its_euro(kemijarvi):
    """The Swedish finding is the longest: at 80 columns it folded between "-5 540 000" and "€"."""
    app = kemijarvi_app(kemijarvi, lang="sv")

    async def scenario(app, pilot):
        screen = await open_committee(app, pilot)
        found = screen.query_one("#findings", WrappedOptions)
        shown = widget_text(screen_lines(app), found)
        assert prompts(found)[-1].endswith(HALL_KS_SAID["sv"])
        assert cuts_in(shown) == []
        assert not any(line.strip().startswith("€") for line in shown.split("\n"))
        for amount in ("-5 540 000 €", "-5 520 000 €", "20 000 €"):
            assert amount.replace(" ", NBSP) in shown, amount

    run(app, scenario)


@given(width=st.integers(40, 120), lang=st.sampled_from(["fi", "sv", "en"]))
@settings(max_examples=examples(60))
def test_a_finding_folded_to_any_width_keeps_each_amount_whole_with_its_unit(width, lang):
    """However wide the findings' list, a line breaks between words, never inside an amount or before its "€"."""
    said = f"#{HALL_KS_SEQ} book-51b683c5dff8-t3-KS2025 {HALL_KS_SAID[lang]}"
    lines = str(WrappedOptions._broken(Entry(None, Text(said), indent=4), width)).replace(NBSP, " ").split("\n")
    assert " ".join(line.strip() for line in lines) == said
    amounts = re.findall(r"(?<![\w-])-?\d{1,3}(?: \d{3})+(?!\d)(?: €)?", said)
    assert all(any(amount in line for line in lines) for amount in amounts), lines


#: Kemi's first overrun and the overruns check, as the Tarkastus tab says them in each language
KEMI_FIRST_OVERRUN = {
    "fi": ("HAVAINTOJA 7 Ylitykset: toteuma, TPE ja TP sitovan määrärahan TA+muutoksen rajoissa "
           "(17 sitovaa määrärahaa)",
           "– 2023 64130000 NETTOMENO: ennuste TPE -637 000 € ylittää TA+muutoksen -592 287 €, ylitys 44 713 €, "
           "eikä sitä kata valtuuston päätös"),
    "en": ("FAIL 7 Overruns: toteuma, TPE and TP within TA+muutos at every binding appropriation "
           "(17 binding appropriations)",
           "– 2023 64130000 NETTOMENO: the forecast, TPE -637 000, overruns TA+muutos -592 287 by 44 713, "
           "with no council decision covering it"),
}


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_an_overrun_names_no_event_and_enter_stays_on_the_findings(kemi, lang):
    """Kemi's TPE over TA+muutos, said as a forecast: each finding and the check's scope in the UI's language."""
    app = kemi_app(kemi, lang=lang)

    async def scenario(app, pilot):
        screen = await open_committee(app, pilot)
        overruns = next(c for c in screen.report.checks if c.name == "overruns")
        assert len(overruns.findings) == 7
        found = screen.query_one("#findings", WrappedOptions)
        lines = prompts(found)
        assert (lines[6], lines[7]) == KEMI_FIRST_OVERRUN[lang]
        assert lines[1].endswith("(0 peruutusta)" if lang == "fi" else "(0 reversals)")
        # at 80 columns a finding breaks at spaces, never inside an amount, indented under its check
        for line in shown_lines(found)[found.option_count - 7:]:
            assert len(line) <= 78 and not line.rstrip().endswith(("-44", "3")), line
        assert found.highlighted == 7
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert app.screen is screen

    run(app, scenario)


def test_while_the_ledger_is_checked_the_tab_says_so(kemijarvi):
    app = kemijarvi_app(kemijarvi)
    release, verify = threading.Event(), kemijarvi.verify

    def slow_verify(*args, **kwargs):
        release.wait(10)
        return verify(*args, **kwargs)

    kemijarvi.verify = slow_verify

    async def scenario(app, pilot):
        await pilot.press("v")
        await until(lambda: isinstance(app.screen, CommitteeScreen))
        screen = app.screen
        await until(lambda: screen.vertailu is not None)
        assert text_of(screen.query_one("#verdict")).startswith("Tarkastetaan kirjanpitoa")
        assert screen.report is None and screen.query_one("#findings", OptionList).option_count == 0
        # the other tabs do not wait for the verification
        await open_meetings(screen, pilot)
        assert screen.query_one("#meeting-list", OptionList).option_count == 8
        release.set()
        await until(lambda: screen.report is not None)
        await pilot.pause()
        assert "havaintoja 1/7 tarkastuksessa" in text_of(screen.query_one("#verdict"))
        assert screen.query_one("#findings", OptionList).option_count == 7 + 1  # the book's own finding

    run(app, scenario)


# --- Toteutumisvertailu ----------------------------------------------------------------------------------------


def test_the_toteutumisvertailu_marks_kemis_seven_overruns_at_80x24(kemi):
    app = kemi_app(kemi)

    async def scenario(app, pilot):
        screen = await open_committee(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        assert active_tab(screen) == "vertailu"
        table = screen.query_one(VertailuTable)
        assert app.focused is table and table.table == toteutumisvertailu(kemi.state, authority.DEFAULT, 2023)
        assert text_of(screen.query_one("#vertailu-title")) == (
            "Toteutumisvertailu 2023 · sitovat määrärahat (vastuualue) · 7 ylitystä")
        units = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        assert len(units) == 17
        assert {u.removeprefix(MARK) for u in units if u.startswith(MARK)} == KEMI_OVERRUNS
        # 80 columns: TA+muutos, the toteuma so far, the difference and toteuma-% first; the forecast (TPE),
        # TA and TA-muutokset on the next page (c), beside the units again
        assert table.order == NARROW
        assert [str(c.label) for c in table.columns.values()] == [
            "Yksikkö · c: sarakkeet 1/2", "TA+muutos", "Toteuma", "Poikkeama", "Toteuma-%"]
        await pilot.press("c")
        assert [str(c.label) for c in table.columns.values()] == [
            "Yksikkö · c: sarakkeet 2/2", "TPE", "TA", "TA-muutokset"]
        await pilot.press("c")
        row = units.index(MARK + "64130000")
        cells = [cell.plain.replace(NBSP, " ") for cell in table.get_row_at(row)]
        assert cells[1:5] == ["-592 287", "-342 996", "249 291", "57,9 %"]
        await pilot.press(*["down"] * row)
        await pilot.pause()
        line = text_of(screen.query_one("#vertailu-row")).replace(NBSP, " ").replace("\n", " ")
        assert line.startswith("64130000 TALOUSPALVELUT · NETTOMENO: TA -592 287 · TA-muutokset – · ")
        assert "Toteuma -342 996 (57,9 %) · TPE -637 000" in line and "YLITYS: TPE yli TA+muutoksen" in line
        # the year before: its TP, no budget to overrun
        await pilot.press("less_than_sign")
        await until(lambda: screen.vertailu.year == 2022)
        await pilot.pause()
        assert table.table.columns == ("TP",) and not table.table.overrun_rows
        assert [str(c.label) for c in table.columns.values()][table.order.index("actual")] == "TP"
        # wide enough, the books' order
        await pilot.resize_terminal(140, 40)
        await pilot.pause(0.2)
        assert table.order == BOOK
        assert [str(c.label) for c in table.columns.values()] == [
            "Yksikkö", "TA", "TA-muutokset", "TA+muutos", "TP", "Poikkeama", "Toteuma-%"]

    run(app, scenario)


# --- Kokoukset ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_meetings_list_the_kv_meeting_of_the_reorganisation(kemijarvi, lang):
    app = kemijarvi_app(kemijarvi, lang=lang)
    texts = Texts(lang)

    async def scenario(app, pilot):
        screen = await open_committee(app, pilot)
        tabs = screen.query_one(TabbedContent)
        assert [str(tabs.get_tab(pane).label) for pane in ("checks", "vertailu", "meetings")] == [
            texts("committee.tab.checks"), "Toteutumisvertailu", texts("committee.tab.meetings")]
        assert screen.meetings is None  # not read before the tab is shown
        await open_meetings(screen, pilot)
        assert active_tab(screen) == "meetings"
        listed = screen.query_one("#meeting-list", OptionList)
        assert app.focused is listed
        titles = prompts(listed)
        assert titles == [f"{m.title} ({m.count})" for m in meetings(kemijarvi.state, kemijarvi.records(
            range(1, kemijarvi.state.seq + 1)))]
        assert titles[0] == "KH 1.1.2026 (3)" and "KV 26.5.2025 (37)" in titles
        await pilot.press(*["down"] * titles.index("KV 26.5.2025 (37)"))
        await pilot.pause()
        assert text_of(screen.query_one("#meeting-title")) == texts("committee.meeting", title="KV 26.5.2025", count=37)
        items = screen.query_one("#meeting-items", WrappedOptions)
        lines = prompts(items)
        assert len(lines) == 37 and all(line.startswith("KV 26.5.2025 § 50: ") for line in lines)
        registered = texts("kind.unit_registered")
        assert f"KV 26.5.2025 § 50: {registered}, KEV Konserni- ja elinvoimapalvelut (toimiala) → KEMIJARVI" in lines
        transferred = texts("kind.service_transferred")
        joukkoliikenne = next(line for line in lines if line.startswith(f"KV 26.5.2025 § 50: {transferred}, "
                                                                        "JOUKKOLIIKENNE: "))
        # Enter chooses the meeting, Enter on a change opens its event
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is items
        await pilot.press(*["down"] * lines.index(joukkoliikenne), "enter")
        await until(lambda: isinstance(app.screen, EventScreen))
        record = app.screen.detail.record
        assert record.event.unit == "JOUKKOLIIKENNE" and record.event.decision.section == "50"
        assert app.screen.detail.node == "JOUKKOLIIKENNE"
        await pilot.press("escape")
        await until(lambda: app.screen is screen)
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, MainScreen))

    run(app, scenario)


# --- languages, keys, read-only ----------------------------------------------------------------------------------


def test_in_english_a_check_passes_as_pass_and_a_finding_fails(kemijarvi):
    app = kemijarvi_app(kemijarvi, lang="en")

    async def scenario(app, pilot):
        screen = await open_committee(app, pilot)
        assert screen.title == "Audit committee (tarkastuslautakunta)"
        assert "findings in 1 of 7 checks · rules: Kemijärven kaupunki" in text_of(screen.query_one("#verdict"))
        lines = prompts(screen.query_one("#findings", OptionList))
        assert [line.split(" ")[:2] for line in lines[:6]] == [["PASS", vocabulary.CHECKS[name].en.split()[0]]
                                                                for name in CHECKS[:6]]
        assert lines[6].startswith("FAIL 1 Overruns") and lines[7].endswith(HALL_KS_SAID["en"])
        assert lines[0].startswith("PASS Chain: every event's hash")
        await pilot.press("2")
        await pilot.pause()
        assert text_of(screen.query_one("#vertailu-title")).startswith("Toteutumisvertailu 2026 · binding "
                                                                      "appropriations (vastuualue)")
        table = screen.query_one(VertailuTable)
        assert [table.get_row_at(i)[0].plain.strip() for i in range(table.row_count)] == ["ELTY", "HALLVA",
                                                                                          "VIESTINTA"]
        assert "no toteuma yet" in text_of(screen.query_one("#vertailu-row"))

    run(app, scenario)


def test_read_only_opens_the_committee_and_writes_nothing(kemijarvi):
    events = kemijarvi.state.seq
    app = kemijarvi_app(kemijarvi, read_only=True)

    async def scenario(app, pilot):
        screen = await open_committee(app, pilot)
        assert app.sub_title == "vain luku" and only_the_books_finding(screen.report)
        await open_meetings(screen, pilot)
        await pilot.press("enter", "enter")
        await until(lambda: isinstance(app.screen, EventScreen))
        await pilot.press("escape", "escape")
        await until(lambda: isinstance(app.screen, MainScreen))

    run(app, scenario)
    assert kemijarvi.state.seq == events
    assert kemijarvi.eventlog.checkpoints() == [] or all(seq <= events for seq, *_ in kemijarvi.eventlog.checkpoints())


def test_the_key_is_in_the_help_and_the_palette_and_not_in_a_field(kemijarvi):
    app = kemijarvi_app(kemijarvi)

    async def scenario(app, pilot):
        assert ("v", "tarkastuslautakunta (valvonta)") in help_rows(Texts("fi"))
        await pilot.press("f1")
        await settled(app)
        assert isinstance(app.screen, HelpScreen)
        assert "tarkastuslautakunta (valvonta)" in text_of(app.screen.query_one("#keys"))
        await pilot.press("escape")
        await settled(app)
        texts = [text for text, _command, _help in KirjuriCommands(app.screen).commands()]
        assert Texts("fi")("cmd.committee") in texts
        # typed into the tree's filter, v is a letter
        await pilot.press("slash", "v")
        await pilot.pause(0.2)
        assert isinstance(app.screen, MainScreen) and app.main.org.filter_text == "v"
        await pilot.press("escape", "escape")
        await settled(app)
        # and the palette opens the screen
        await pilot.press("ctrl+p", *"Tarkastuslautakunnan")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, CommitteeScreen))

    run(app, scenario)


def test_every_committee_label_is_in_both_languages():
    for prefix in ("committee.", "check.", "key.tab_", "footer.tab_"):
        assert {k for k in TEXTS["fi"] if k.startswith(prefix)} == {k for k in TEXTS["en"] if k.startswith(prefix)}
    assert {"key.committee", "cmd.committee", "help.in_committee"} <= set(TEXTS["en"]) & set(TEXTS["fi"])


# --- a big ledger: the verification apart, once per state of the log -------------------------------------------


def test_on_a_big_ledger_the_verification_runs_in_a_process_of_its_own(kemijarvi, monkeypatch):
    """APART_FROM events and up (here: any), the verification's process reports the same as in the UI's."""
    import ledger.app as app_module

    monkeypatch.setattr(app_module, "APART_FROM", 0)
    calls = []
    monkeypatch.setattr(kemijarvi, "verify", lambda *a, **k: calls.append(a) or None)
    app = kemijarvi_app(kemijarvi)

    async def scenario(app, pilot):
        screen = await open_committee(app, pilot)
        assert calls == [], "the UI's own ledger did not verify"
        assert only_the_books_finding(screen.report) and screen.report.seq == kemijarvi.state.seq
        assert [c.name for c in screen.report.checks] == CHECKS
        assert "havaintoja 1/7 tarkastuksessa" in text_of(screen.query_one("#verdict"))

    run(app, scenario)


def test_a_verification_apart_ends_with_the_screen(kemijarvi, monkeypatch):
    import subprocess

    import ledger.app as app_module
    import ledger.audit.apart as apart

    monkeypatch.setattr(app_module, "APART_FROM", 0)
    monkeypatch.setattr(apart, "CHILD", "import time; time.sleep(60)")
    children = []

    class Recorded(subprocess.Popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            children.append(self)

    monkeypatch.setattr(apart.subprocess, "Popen", Recorded)
    app = kemijarvi_app(kemijarvi)

    async def scenario(app, pilot):
        await pilot.press("v")
        await until(lambda: isinstance(app.screen, CommitteeScreen) and children)
        screen = app.screen
        assert text_of(screen.query_one("#verdict")).startswith("Tarkastetaan")
        assert children[0].poll() is None

    run(app, scenario)
    deadline = time.monotonic() + 5
    while children[0].poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert children[0].poll() is not None, "the verification's process outlived the UI"


def test_the_screen_is_shown_again_until_the_log_changes(kemijarvi):
    app = kemijarvi_app(kemijarvi)

    async def scenario(app, pilot):
        first = await open_committee(app, pilot)
        report = first.report
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, MainScreen))
        await pilot.press("less_than_sign")
        await settled(app)
        await pilot.press("v")
        await until(lambda: isinstance(app.screen, CommitteeScreen))
        assert app.screen is first and first.report is report, "not verified again"
        await until(lambda: first.vertailu.year == 2025)  # the main screen's year, as it changed there
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, MainScreen))
        # an event written since: the next look verifies the log as it is now
        kemijarvi.amend(2026, [Line("HALLVA", "MENOT", -1_000_00)], effective=dt.date(2026, 3, 1),
                        decision=Decision(body="valtuusto", date=dt.date(2026, 2, 23), section="9"))
        second = await open_committee(app, pilot)
        assert second is not first and not first.is_attached
        assert second.report.seq == kemijarvi.state.seq == report.seq + 1

    run(app, scenario)


def test_the_toteutumisvertailu_follows_the_main_screens_time_travel(kemi):
    app = kemi_app(kemi)

    async def scenario(app, pilot):
        app.main.set_point(Point(on=dt.date(2023, 6, 29)))
        await settled(app)
        screen = await open_committee(app, pilot)
        assert screen.vertailu.point == Point(on=dt.date(2023, 6, 29)) and not screen.vertailu.overrun_rows
        title = text_of(screen.query_one("#vertailu-title"))
        assert title == "Toteutumisvertailu 2023 · sitovat määrärahat (vastuualue) · 0 ylitystä · " \
                        "Aikamatka: voimassa 29.6.2023"
        # the verification is of the log as stored, whatever the point: Kemi's overruns are still found
        assert not next(c for c in screen.report.checks if c.name == "overruns").passed
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, MainScreen))
        app.main.set_point(Point())
        await settled(app)
        await pilot.press("v")
        await until(lambda: app.screen is screen)
        await until(lambda: screen.vertailu.point == Point() and len(screen.vertailu.overrun_rows) == 7)

    run(app, scenario)


# --- Esitykset ----------------------------------------------------------------------------------------------


def test_the_proposals_tab_lists_those_awaiting_a_decision_and_enter_opens_one(kemijarvi):
    kh = Decision(body="hallitus", date=dt.date(2026, 6, 2), section="80")
    change = kemijarvi.amendment(2026, [Line("JOUKKOLIIKENNE", "MENOT", -12_000_00)], effective=dt.date(2026, 6, 15),
                                 decision=None)
    waiting = kemijarvi.propose(change, to_body="valtuusto", decision=kh)
    decided = kemijarvi.propose(change, to_body="valtuusto")
    kemijarvi.decide(decided.event.id, approved=False,
                     decision=Decision(body="valtuusto", date=dt.date(2026, 6, 9), section="41"))
    app = kemijarvi_app(kemijarvi)

    async def scenario(app, pilot):
        screen = await open_committee(app, pilot)
        await pilot.press("4")
        await pilot.pause()
        assert active_tab(screen) == "proposals"
        assert text_of(screen.query_one("#proposals-title")).startswith("Esitykset · 1 odottaa päätöstä")
        items = screen.query_one("#proposal-items", WrappedOptions)
        assert prompts(items) == [f"#{waiting.seq} 2026 · esittäjä KH 2.6.2026 § 80 · "
                                  "KV päätettäväksi: JOUKKOLIIKENNE MENOT -12 000"]
        assert app.focused is items
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, EventScreen))
        assert app.screen.detail.record.seq == waiting.seq

    run(app, scenario)


def test_s_saves_the_verification_report_for_the_minutes_in_the_format_chosen(kemijarvi, tmp_path, monkeypatch):
    """Markdown and a workbook beside the user, each a new file; the same report `kirjuri verify -o` writes,
    in the UI's language (Finnish here)."""
    import openpyxl

    from ledger.audit.verify import to_markdown
    from tui.screens.save import SaveReportScreen

    monkeypatch.chdir(tmp_path)
    app = kemijarvi_app(kemijarvi, read_only=True)

    async def scenario(app, pilot):
        screen = await open_committee(app, pilot)
        await pilot.press("s")
        await until(lambda: isinstance(app.screen, SaveReportScreen))
        await pilot.press("enter")  # the first: Markdown
        await until(lambda: (tmp_path / f"kirjuri-verify-{screen.report.seq}.md").exists())
        await pilot.press("s", "down", "enter")  # in one burst, as a person types
        await until(lambda: (tmp_path / f"kirjuri-verify-{screen.report.seq}.xlsx").exists())
        await pilot.press("s", "enter")  # again: a new file, never over the first
        await until(lambda: (tmp_path / f"kirjuri-verify-{screen.report.seq}-2.md").exists())
        await pilot.press("s", "escape")
        await until(lambda: isinstance(app.screen, CommitteeScreen))
        app.report = screen.report

    run(app, scenario)
    seq = app.report.seq
    assert (tmp_path / f"kirjuri-verify-{seq}.md").read_text(encoding="utf-8") == to_markdown(app.report, lang="fi")
    sheet = openpyxl.load_workbook(tmp_path / f"kirjuri-verify-{seq}.xlsx")["Tarkastukset"]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "KUNNOSSA" in cells and "Mitä tarkastettiin" in cells and all(name in cells for name in CHECKS)
    assert sorted(p.name for p in tmp_path.glob("kirjuri-verify-*")) == sorted(
        [f"kirjuri-verify-{seq}.md", f"kirjuri-verify-{seq}-2.md", f"kirjuri-verify-{seq}.xlsx"])


def test_under_serve_the_report_is_a_download_and_nothing_is_written(kemijarvi, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = kemijarvi_app(kemijarvi, read_only=True, lang="en")
    sent = []
    monkeypatch.setattr(type(app), "is_web", property(lambda self: True))
    monkeypatch.setattr(app, "deliver_binary", lambda data, **kw: sent.append((data.read(), kw)))

    async def scenario(app, pilot):
        await open_committee(app, pilot)
        await pilot.press("s", "down", "down", "enter")
        await until(lambda: sent)

    run(app, scenario)
    ((data, kw),) = sent
    assert kw["save_filename"].endswith(".json") and kw["mime_type"] == "application/json"
    assert b'"checks"' in data and list(tmp_path.glob("kirjuri-verify-*")) == []


# --- the diff between two points -------------------------------------------------------------------------------


def with_a_meeting(ledger: Kirjuri) -> Kirjuri:
    """Kemijärvi, then a reallocation by the hallitus (#162) and a TA-muutos by the valtuusto (#163)."""
    ledger.reallocate(2026, [("ELINKEINOPALVELUT", "MENOT", "JOUKKOLIIKENNE", "MENOT", 5_000_00)],
                      effective=dt.date(2026, 6, 20), decision=Decision(body="hallitus", date=dt.date(2026, 6, 16), section="42"))
    ledger.amend(2026, [Line("JOUKKOLIIKENNE", "MENOT", -12_000_00)], effective=dt.date(2026, 6, 15),
                 decision=Decision(body="valtuusto", date=dt.date(2026, 6, 9), section="41"))
    return ledger


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_d_shows_the_binding_figures_changed_since_the_previous_meeting_and_enter_opens_an_event(kemijarvi, lang):
    from tui.screens.diff import DiffScreen

    app = kemijarvi_app(with_a_meeting(kemijarvi), lang=lang)

    async def scenario(app, pilot):
        committee = await open_committee(app, pilot)
        await pilot.press("d")
        await until(lambda: isinstance(app.screen, DiffScreen) and app.screen.found is not None)
        screen = app.screen
        # the last change (#163) is under review: the diff starts where the meeting before it left the ledger
        assert (screen.query_one("#since").value, screen.query_one("#upto").value) == ("#162", "#163")
        assert screen.found.seqs == [163]
        lines = prompts(screen.query_one("#changes", WrappedOptions))
        words = {"fi": ("Elinkeino- ja työllisyyspalvelut · MENOT TA+muutos: -2 703 870 → -2 715 870 · muutos -12 000",
                        "#163 TA-muutos 2026 · KV 9.6.2026 § 41 · -12 000"),
                 "en": ("Elinkeino- ja työllisyyspalvelut · MENOT TA+muutos: -2 703 870 → -2 715 870 · change -12 000",
                        "#163 TA-muutos 2026 · KV 9.6.2026 § 41 · -12 000")}[lang]
        at = lines.index(f"2026 ELTY {words[0]}")
        assert lines[at + 1] == words[1]
        # every amount whole at 80 columns
        for line in shown_lines(screen.query_one("#changes", WrappedOptions)):
            assert len(line) <= 78 and not line.rstrip().endswith(("-", "(-")), line
        # another point, typed as time travel takes it: the KS of #161 and the reallocation are listed too
        await pilot.press("tab", *["backspace"] * 4, *"#160", "enter")
        await until(lambda: screen.found.since == 160)
        assert screen.found.seqs == [161, 162, 163]
        # Enter on an event opens it in full; Esc comes back to the diff, and again to the committee
        listed = screen.query_one("#changes", WrappedOptions)
        listed.focus()
        listed.highlighted = next(i for i, entry in enumerate(listed.entries) if entry.id.endswith(":161"))
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, EventScreen))
        assert app.screen.detail.record.seq == 161
        await pilot.press("escape")
        await until(lambda: app.screen is screen)
        await pilot.press("tab", *"xyz", "enter")
        await until(lambda: "-wrong" in screen.query_one("#diff-summary").classes)
        said = text_of(screen.query_one("#diff-summary"))
        assert said.startswith({"fi": "Mistä: '#160xyz' ei ole kirjanpidon kohta",
                                "en": "From: '#160xyz' is not a point of the ledger"}[lang]), said
        await pilot.press("escape")
        await until(lambda: app.screen is committee)

    run(app, scenario)


# --- s23-rules: the committee judges by the rules the ledger adopted ------------------------------------------


def test_the_committee_judges_by_the_rules_the_ledger_adopted_with_no_file_given(kemijarvi):
    adopted = Decision(body="valtuusto", date=dt.date(2026, 11, 23), section="50")
    kemijarvi.adopt_rules(KEMIJARVI_RULES, decision=adopted)
    app = KirjuriApp(kemijarvi, today=dt.date(2026, 11, 22))

    async def scenario(app, pilot):
        screen = await open_committee(app, pilot)
        assert screen.rules == KEMIJARVI_RULES and only_the_books_finding(screen.report)
        assert "Kemijärven kaupunki, hyväksytty KV 23.11.2026 § 50" in text_of(screen.query_one("#verdict"))
        assert screen.vertailu == kemijarvi.read(toteutumisvertailu, KEMIJARVI_RULES, screen.year, screen.point)

    run(app, scenario)
