"""One key at a time: a burst of keys lands where the user meant it.

Textual gives each key to the widget that has focus when the app *reads* the key,
and that widget, its parents and finally the app's bindings handle it later, each
in its own turn. In a burst the app reads every key before any is handled, so a
key that moves focus ("/" opens the filter, Enter leaves it, "t" opens a dialog)
is followed by keys that were already given to the widget focused before it.

``KeyQueue`` holds the keys the app reads and gives out the next one only when the
one before it is done: stopped by a widget, or handled by the app's bindings after
bubbling up to it. Each key then meets the focus and the state its predecessors
left, as when typing slowly. A key that is never seen again (its widget went away)
frees the queue after ``TIMEOUT`` seconds.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from textual import events
from textual.message_pump import MessagePump
from textual.timer import Timer

if TYPE_CHECKING:
    from textual.app import App

TIMEOUT = 1.0


class KeyQueue:
    """The app's keys, handed out one at a time (see the module's doc)."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.waiting: deque[events.Key] = deque()
        self.current: events.Key | None = None
        self.timer: Timer | None = None

    async def accept(self, key: events.Key) -> None:
        """A key the app has just read: handle it now if nothing is in flight, else later."""
        self.waiting.append(key)
        await self.release()

    async def release(self) -> None:
        """Give out waiting keys until one is in flight (given to a widget) or none is left."""
        while self.current is None and self.waiting:
            if not self.app.screen_stack:
                self.waiting.clear()
                return
            key = self.waiting.popleft()
            target = self.app.focused or self.app.screen
            self.current = key
            await self.app.handle_key_now(key)  # type: ignore[attr-defined]
            if not key.is_forwarded:
                self.current = None
                continue
            self.timer = self.app.set_timer(TIMEOUT, lambda key=key: self.done(key))
            self._follow(key, target)

    def _follow(self, key: events.Key, node: MessagePump) -> None:
        """Look at the key again once ``node`` has handled it (its queue is in order)."""
        node.call_later(self._after, key, node)

    def _after(self, key: events.Key, node: MessagePump) -> None:
        if key is not self.current:
            return
        # Textual has no public "was it stopped?"; a stopped key goes no further up
        if key._stop_propagation or not key.bubble:
            self.done(key)
            return
        parent = getattr(node, "parent", None)
        if parent is None:
            self.done(key)
        elif parent is not self.app:
            self._follow(key, parent)

    def reached_app(self, key: events.Key) -> None:
        """The key bubbled up to the app: done once the app's bindings have run."""
        if key is self.current:
            self.app.call_later(self.done, key)

    def done(self, key: events.Key) -> None:
        if key is not self.current:
            return
        self.current = None
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        self.app.call_later(self.release)
