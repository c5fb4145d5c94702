"""One key at a time: a burst of keys lands where the user meant it.

Textual gives each key to the widget that has focus when the app *reads* the key,
and that widget, its parents and finally the app's bindings handle it later, each
in its own turn. In a burst the app reads every key before any is handled, so a
key that moves focus ("/" opens the filter, Enter leaves it, "t" opens a dialog)
is followed by keys that were already given to the widget focused before it.

``KeyQueue`` holds the keys the app reads and gives out the next one only when the
one before it is done: stopped by a widget, or handled by the app's bindings after
bubbling up to it. Each key then meets the focus and the state its predecessors
left, as when typing slowly.

A key is followed from widget to widget; every ``TIMEOUT`` seconds the queue looks at
the one holding it. A key whose widget went away (its screen closed meanwhile) is
never seen again and frees the queue; a key still on its way, however slowly (a loaded
machine, a form mounting for longer than that), keeps the next one waiting. Freeing a
slow key by the clock alone gave the next key to the widget focused before the slow
one had moved the focus: "/ty" typed while the screen was busy opened the time travel
dialog, and a key typed as a form opened went to its first field, not its first empty one.
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
        #: where the key in flight is now: the widget handling it, or the app once it reached its bindings
        self.holder: MessagePump | None = None
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
            self._watch(key)
            self._follow(key, target)

    def _watch(self, key: events.Key) -> None:
        self.timer = self.app.set_timer(TIMEOUT, lambda key=key: self._look(key))

    def _look(self, key: events.Key) -> None:
        """The key's check: done if the widget holding it went away, else looked at again later."""
        if key is not self.current:
            return
        if self._alive(self.holder):
            self._watch(key)
        else:
            self.done(key)

    def _alive(self, node: MessagePump | None) -> bool:
        """Still handles what it is sent: the app, or a widget running in the app's DOM."""
        return node is self.app or (node is not None and node.is_running and node.is_attached)

    def _follow(self, key: events.Key, node: MessagePump) -> None:
        """Look at the key again once ``node`` has handled it (its queue is in order)."""
        self.holder = node
        if not node.call_later(self._after, key, node):
            self.done(key)  # the widget closed before it could take the key

    def _after(self, key: events.Key, node: MessagePump) -> None:
        if key is not self.current or self.holder is self.app:
            return  # the app has it (its bindings may stop it meanwhile): ``reached_app`` frees it
        parent = getattr(node, "parent", None)
        if parent is self.app:
            # Textual stops a key at the widget below the app that sent it and still hands it up: whether it
            # reached the app is known in the app's queue, behind the key if it was handed up
            self.app.call_later(self._unless_at_app, key)
        elif key._stop_propagation or not key.bubble or parent is None:
            self.done(key)  # Textual has no public "was it stopped?"; a stopped key goes no further up
        else:
            self._follow(key, parent)

    def _unless_at_app(self, key: events.Key) -> None:
        """Free a key the widget below the app kept (it never reached the app's bindings)."""
        if key is self.current and self.holder is not self.app:
            self.done(key)

    def reached_app(self, key: events.Key) -> None:
        """The key bubbled up to the app: done once the app's bindings have run."""
        if key is self.current:
            self.holder = self.app
            self.app.call_later(self.done, key)

    def done(self, key: events.Key) -> None:
        if key is not self.current:
            return
        self.current = None
        self.holder = None
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        self.app.call_later(self.release)
