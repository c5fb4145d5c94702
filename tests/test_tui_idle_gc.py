"""The full GC pass waits for a quiet keyboard: a key's figures never wait for one (issue 4's 150 ms)."""

from __future__ import annotations

import asyncio
import gc

import pytest

from tui.app import KirjuriApp
from tui.idle_gc import EVERY, NEVER, OVERDUE, QUIET, IdleCollector


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def collector():
    clock = Clock()
    collector = IdleCollector(clock)
    before = gc.get_threshold()
    collector.start()
    yield collector, clock
    collector.stop()
    assert gc.get_threshold() == before


def promote() -> None:
    """One generation-1 pass: objects wait for the full pass."""
    gc.collect(1)


def test_started_the_interpreter_makes_no_full_pass_of_its_own(collector):
    assert gc.get_threshold()[2] == NEVER


def test_a_full_pass_waits_until_the_keyboard_has_been_quiet(collector):
    collector, clock = collector
    promote()
    collector.touched()
    clock.now += QUIET / 2
    assert not collector.tick()
    assert gc.get_count()[2] > 0
    clock.now += QUIET
    assert collector.tick()
    assert gc.get_count()[2] == 0
    assert collector.passes == 1


def test_nothing_to_collect_makes_no_pass(collector):
    collector, clock = collector
    gc.collect()
    clock.now += 10 * QUIET
    assert not collector.tick()


def test_keys_that_never_stop_still_get_a_full_pass_when_it_is_overdue(collector):
    collector, clock = collector
    for _ in range(OVERDUE):
        promote()
    collector.touched()
    assert collector.tick()


def test_stopped_it_gives_the_thresholds_back_and_collects_no_more():
    collector = IdleCollector()
    before = gc.get_threshold()
    collector.start()
    collector.stop()
    promote()
    assert gc.get_threshold() == before
    assert not collector.tick()


def test_the_app_owns_the_full_pass_while_it_runs_and_gives_it_back(kemijarvi):
    before = gc.get_threshold()
    app = KirjuriApp(kemijarvi)

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.get_threshold()[2] == NEVER
            clock = app.collector.clock = Clock()
            app.collector.touched()
            made = app.collector.passes
            promote()
            clock.now += 2 * QUIET
            await pilot.pause(3 * EVERY)
            assert app.collector.passes > made, "quiet: the app made the full pass itself"
            await pilot.press("down")
            promote()
            assert not app.collector.due(), "a key was just pressed"

    asyncio.run(run())
    assert gc.get_threshold() == before
