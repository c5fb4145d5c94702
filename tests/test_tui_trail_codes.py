"""The trail names a unit by the tree's short code: a long code ("SEINAJOEN-KAUPUNKI-I01") would push the line's
amount behind "…" at 80 columns; the event's detail still says it whole."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import KV, small_city

from events.model import Line
from ledger.app import Kirjuri
from tui.i18n import Texts
from tui.viewmodel import change_text, event_detail

LONG = "SEINAJOEN-KAUPUNKI-I01"


@pytest.fixture
def ledger(sqlite_target, clock) -> Kirjuri:
    app = Kirjuri(sqlite_target, create=True, author="testi", clock=clock)
    yield app
    app.close()


def test_a_long_code_is_its_short_one_in_the_trail_and_whole_in_the_detail(ledger):
    small_city(ledger)
    ledger.register_unit(LONG, "Investointimenot, talonrakennus", "yksikkö", "HP-YH",
                         effective=dt.date(2020, 1, 1))
    record = ledger.adopt(2025, [Line(LONG, "MENOT", -1_250_000_00), Line("JL", "MENOT", -1_000_00)], decision=KV)
    said = change_text(ledger.state, record.event, {LONG, "JL"}, Texts("fi"), named=True)
    assert said == "…I01 MENOT -1\u00a0250\u00a0000; JL MENOT -1\u00a0000", said
    detail = event_detail(ledger.state, record, None, "HP-YH", Texts("fi"))
    assert (LONG, "MENOT", "-1\u00a0250\u00a0000") in detail.lines, detail.lines
