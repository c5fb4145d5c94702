"""One door: the terminal UI reaches the ledger only through ``Kirjuri``'s public methods."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from conftest import KH, KV, small_city

import ledger.app as app_module
import ledger.audit.apart as apart
from events.model import Line
from ledger.app import Kirjuri
from ledger.audit.committee import meetings

D = dt.date


@pytest.fixture
def city(ledger: Kirjuri) -> Kirjuri:
    """The small city with a TA 2025, an amendment and a pending proposal."""
    small_city(ledger).adopt(2025, [Line("JL", "MENOT", -1_000_00), Line("KP", "MENOT", -2_000_00)], decision=KV)
    ledger.amend(2025, [Line("JL", "MENOT", -50_00)], effective=D(2025, 6, 1), decision=KV)
    change = ledger.amendment(2025, [Line("KP", "MENOT", -70_00)], effective=D(2025, 6, 1), decision=None)
    ledger.propose(change, to_body="valtuusto", decision=KH)
    return ledger


def test_a_view_reads_the_decided_events_in_batches_and_may_stop(kemijarvi, monkeypatch):
    """``read_decided`` hands ``meetings`` what it reads from all the records; cancelled, it says None and leaves
    the lock free."""
    every = kemijarvi.records(range(1, kemijarvi.state.seq + 1))
    assert kemijarvi.read_decided(meetings) == meetings(kemijarvi.state, every)
    monkeypatch.setattr(app_module, "LOCKED_BATCH", 3)
    seen = []
    assert kemijarvi.read_decided(lambda state, records: seen.extend(records), lambda: len(seen) >= 3) is None
    assert len(seen) == 3
    taken = []

    def take() -> None:
        taken.append(kemijarvi.lock.acquire(timeout=2))
        kemijarvi.lock.release()

    other = threading.Thread(target=take)
    other.start()
    other.join()
    assert taken == [True]


def test_a_record_comes_with_the_record_it_reverses(city):
    amended = city.state.seq - 1
    reversal = city.reverse(f"#{amended}", reason="virhe")
    record, target = city.record_with_target(reversal.seq)
    assert record.event == reversal.event and target is not None and target.seq == amended
    assert city.record_with_target(amended)[1] is None


def test_a_verification_in_the_background_apart_says_what_verify_says(kemijarvi, monkeypatch):
    monkeypatch.setattr(app_module, "APART_FROM", 0)
    monkeypatch.setattr(kemijarvi, "verify", lambda *a, **k: pytest.fail("verified in this process"))
    report = kemijarvi.verify_in_background()
    assert report.passed and (report.seq, report.head) == (kemijarvi.state.seq, kemijarvi.state.head)


def test_a_verification_apart_no_longer_wanted_is_ended(kemijarvi, monkeypatch):
    monkeypatch.setattr(app_module, "APART_FROM", 0)
    monkeypatch.setattr(apart, "CHILD", "import time; time.sleep(60)")
    started = time.monotonic()
    assert kemijarvi.verify_in_background(cancelled=lambda: time.monotonic() - started > 0.5) is None
    assert time.monotonic() - started < 10
