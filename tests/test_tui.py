"""The terminal UI (tui/): what it shows is what the ledger says.

The view model (tui/viewmodel.py) is compared with ``ledger.projections`` and
``ledger.money`` on an SQLite ledger.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import KV, small_city

from events.model import Line
from ledger import projections as pj
from ledger.app import Kirjuri
from ledger.citation import parse_decision
from ledger.projections import Point
from tui.i18n import Texts
from tui.viewmodel import NOW, Selection, csv_rows, figures_view, filter_entries, step_known, trail_seqs, tree_entries

AMENDED_ON = dt.date(2025, 6, 15)


# --- ledgers -------------------------------------------------------------------------------------


def _line(unit: str, account: str, euros: int) -> Line:
    return Line(unit, account, euros * 100)


@pytest.fixture
def city(sqlite_target, clock) -> Kirjuri:
    """small_city with a TA for 2025 and 2026, then one TA-muutos for JL in June 2025 (the last event)."""
    app = small_city(Kirjuri(sqlite_target, create=True, author="testi", clock=clock))
    app.adopt(2025, [_line("JL", "MENOT", -100_000), _line("JL", "TULOT", 20_000),
                     _line("KP", "MENOT", -50_000), _line("TP", "MENOT", -200_000), _line("TP", "TULOT", 10_000),
                     _line("TY", "MENOT", -300_000), _line("TY", "TULOT", 100_000)], decision=KV)
    app.adopt(2026, [_line("JL", "MENOT", -110_000), _line("JL", "TULOT", 25_000),
                     _line("TY", "MENOT", -310_000)], decision=KV)
    app.amend(2025, [_line("JL", "MENOT", -12_000)], effective=AMENDED_ON,
              decision=parse_decision("KV 9.6.2025 § 41"), note="Lisämääräraha")
    yield app
    app.close()


# --- the view model on its own ------------------------------------------------------------------------------------


def test_step_known_moves_by_recorded_time_and_stops_at_both_ends(city):
    state = city.state
    back = step_known(state, NOW, -1)
    assert back == Point(known_at=state.recorded_at(state.seq - 1))
    assert step_known(state, back, 1) == NOW
    assert step_known(state, NOW, 1) is None
    first = Point(known_at=state.recorded_at(1))
    assert step_known(state, first, -1) is None


def test_filter_and_trail_follow_the_point(city):
    state = city.state
    entries = tree_entries(state, 2025)
    assert [e.code for e in filter_entries(entries, "tp")] == ["KJ", "HP", "HP-YH", "TP"]
    known = Point(known_at=state.recorded_at(state.seq - 1))
    assert trail_seqs(state, Selection("JL", 2025, known)) == pj.history_seqs(state, "JL")[1:]


def test_figures_view_marks_what_differs_from_now_and_exports_what_it_shows(city):
    state, texts = city.state, Texts("fi")
    before = Point(on=dt.date(2025, 6, 1))
    view = figures_view(state, Selection("HP-YH", 2025, before), texts)
    assert view.columns == ("TA", "MUUTOS", "TA+MUUTOS")
    menot = view.row("MENOT")
    assert view.texts(menot) == ["-350\u00a0000", "", "-350\u00a0000"]
    assert menot.changed == (False, True, True)
    assert view.row("JL Joukkoliikenne").code == "JL"
    grid = csv_rows(view, texts)
    assert grid[0] == ["Yleishallinto (HP-YH) · 2025", "TA", "TA-muutokset", "TA+muutos"]
    assert grid[1] == ["MENOT", "-350 000", "", "-350 000"]
    assert ["Alayksiköt: NETTOMENO", "", "", ""] in grid
