"""What an event changed, before → after, is said by one function (ledger.fold.effects.changed): `kirjuri
history` prints it, the TUI's event detail (opened from the trail) shows it, and a service transfer, which
writes no cell, shows the figures of its old and its new parent before and after the move."""

from __future__ import annotations

import datetime as dt

from conftest import KV, KV_2026, KV_MUUTOS_2026, small_city
from test_tui import run, settled, text_of
from typer.testing import CliRunner

from events.model import EntryReversed, Line
from ledger.app import Kirjuri
from cli.app import app as cli
from ledger.fold.effects import changed
from ledger.domain.money import format_amount
from ledger.fold.projections import Change
from tui.app import KirjuriApp
from tui.i18n import Texts
from tui.screens.event import EventScreen
from tui.viewmodel import event_detail

NEW_YEAR = dt.date(2026, 1, 1)


def history(ledger: Kirjuri, node: str) -> str:
    result = CliRunner().invoke(cli, ["--db", str(ledger.target.sqlite_path), "history", node, "--limit", "1000"])
    assert result.exit_code == 0, result.output
    return result.stdout


def eur(value: int | None) -> str:
    """An amount as history prints it: whole euros, "–" for none."""
    return "–" if value is None else format_amount(value, decimals=0)


def with_a_move(ledger: Kirjuri):
    """Joukkoliikenne (TA 2026 -300) moves from Yleishallinto (-800 with Talouspalvelut) to ET (-200)."""
    small_city(ledger)
    ledger.adopt(2026, [Line("JL", "MENOT", -300_00), Line("TP", "MENOT", -500_00), Line("TY", "MENOT", -200_00)],
                 decision=KV_2026)
    return ledger.transfer("JL", "ET", effective=NEW_YEAR, decision=KV)


def test_a_service_transfer_changes_its_old_and_new_parents_figures(ledger):
    move = with_a_move(ledger)
    what = changed(ledger.state, move, "JL")
    assert (what.year, what.units, what.parents) == (2026, (), ("HP-YH", "ET"))
    assert Change("MENOT", "TA", -800_00, -500_00) in what.of_node("HP-YH")
    assert Change("MENOT", "TA", -200_00, -500_00) in what.of_node("ET")
    assert what.of_node("JL") == [], "the unit's own figures go with it"
    # seen from the city, the move is inside it: its total is the same
    assert changed(ledger.state, move, "KJ").of_node("KJ") == []


def test_a_transfers_history_and_detail_show_both_parents_before_and_after(sqlite_target, clock):
    ledger = Kirjuri(sqlite_target, create=True, author="testi", clock=clock)
    move = with_a_move(ledger)
    printed = history(ledger, "JL")
    assert "JL: HP-YH → ET (vuoden 2026 luvuista alkaen)" in printed
    for parent, before, after in (("HP-YH", -800_00, -500_00), ("ET", -200_00, -500_00)):
        assert f"{parent}: MENOT TA: {eur(before)} → {eur(after)}" in printed, printed
    detail = event_detail(ledger.state, move, None, "JL", Texts("fi"))
    assert detail.year == 2026 and detail.node_changes == [] and detail.unit_changes == []
    assert detail.parent_changes == [(p, c) for p in ("HP-YH", "ET") for c in changed(ledger.state, move, "JL").of_node(p)]
    app = KirjuriApp(ledger, today=dt.date(2026, 2, 1))

    async def scenario(app, pilot):
        app.push_screen(EventScreen(ledger, move.seq, "JL", app.texts))
        await settled(app)
        shown = text_of(app.screen.query_one("#parents")).replace("\u00a0", " ")
        assert "Palvelun siirto 2026" in text_of(app.screen.query("Static.section")[-1])
        assert "HP-YH" in shown and "ET" in shown
        assert "-800" in shown and "-500" in shown and "-200" in shown and "300" in shown

    run(app, scenario, size=(100, 40))
    ledger.close()


def test_history_and_the_detail_say_each_events_changes_as_the_one_function_does(sqlite_target, clock):
    """Every event seen from the city, a reversal among them: history's lines and the detail's tables
    are ``changed``'s, unit by unit; a reversal's are its target's cells, undone."""
    ledger = Kirjuri(sqlite_target, create=True, author="testi", clock=clock)
    with_a_move(ledger)
    amended = ledger.amend(2026, [Line("TP", "MENOT", -12_00)], effective=dt.date(2026, 3, 1),
                           decision=KV_MUUTOS_2026)
    ledger.reverse(amended.event.id, reason="väärä summa")
    printed = history(ledger, "KJ")
    state, texts = ledger.state, Texts("fi")
    records = ledger.records(range(1, state.seq + 1))
    for seq, record in records.items():
        event = record.event
        target = records[state.ids[event.target]] if isinstance(event, EntryReversed) else None
        what = changed(state, record, "KJ", target)
        detail = event_detail(state, record, target, "KJ", texts)
        assert (detail.unit_changes, detail.node_changes) == (list(what.units), what.of_node("KJ")), seq
        block = printed[printed.index(f"\n#{seq} "):].split("\n\n")[0].splitlines()
        for unit in what.unit_codes:
            [line] = [line.strip() for line in block if line.strip().startswith(f"{unit}: ")]
            amounts = [f"{eur(c.before)} → {eur(c.after)}" for c in what.of_unit(unit)]
            assert [part.rsplit(": ", 1)[1] for part in line.removeprefix(f"{unit}: ").split("; ")] == amounts, seq
    reversal = records[state.seq]
    undone = changed(state, reversal, "KJ", records[amended.seq])
    assert list(undone.units) == [("TP", Change("MENOT", "MUUTOS", -12_00, None))]
    assert "TP: MENOT TA-muutokset: -12 → –" in printed.replace("\u00a0", " ")
    ledger.close()
