"""Full garbage-collection passes while the user reads, not while a key waits for its figures.

A full (generation 2) pass walks every object Textual keeps alive: 20–80 ms with a big
ledger open, and by default one comes every few hundred thousand allocations, so a
time-travel step on the whole city would often wait for one or two. The collector
raises the threshold of the full pass out of reach while the app runs, and makes the
pass itself once the keyboard has been quiet for a moment (a person reads what a key
showed); under a key held down it still collects, after ``OVERDUE`` younger passes, so
memory stays bounded.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

#: a full pass waits until no key has come for this long (seconds): the figures and the trail are shown by then
QUIET = 0.3
#: how often the app looks whether a full pass is due (seconds)
EVERY = 0.1
#: after this many generation-1 passes a full one runs even while keys keep coming (the default is 10):
#: each time-travel step leaves ~9 000 objects in cycles, and a pass over ~100 000 of them takes ~0.1 s
OVERDUE = 100
#: the threshold of the automatic full pass while the app runs: never reached
NEVER = 1 << 30


class IdleCollector:
    """Own the full GC pass while started; ``stop`` gives the interpreter its thresholds back."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.last_input = clock()
        self.saved: tuple[int, int, int] | None = None
        #: full passes this collector made
        self.passes = 0

    def start(self) -> None:
        if self.saved is None:
            self.saved = gc.get_threshold()
            gc.set_threshold(self.saved[0], self.saved[1], NEVER)

    def stop(self) -> None:
        if self.saved is not None:
            gc.set_threshold(*self.saved)
            self.saved = None

    def touched(self) -> None:
        """A key or a click: the user is waiting for the screen."""
        self.last_input = self.clock()

    def due(self) -> bool:
        """Younger passes have promoted objects since the last full pass, and the user is reading (or it is overdue)."""
        pending = gc.get_count()[2]
        return pending >= OVERDUE or (pending > 0 and self.clock() - self.last_input >= QUIET)

    def tick(self) -> bool:
        """Make the full pass if it is due; whether one was made."""
        if self.saved is None or not self.due():
            return False
        gc.collect()
        self.passes += 1
        return True
