"""The Kirjuri application: the only door to the store.

Every command builds events, checks them against the folded state with
``rules.check``, seals them into the hash chain and appends them in one transaction.
A rejected command raises ``Rejected`` and writes nothing. If another writer took the
next log position first, the state catches up and the command is checked again.

Two clerks at once: a write may say which log position its clerk's view was built on
(``based_on``); if anything written since touched a unit the write touches, it is
refused with ``FiguresChanged`` and nothing is written, so no change is made against
figures the clerk never saw. An event's id is its idempotency key: writing an event
whose id is already stored as the same change returns the stored record, so a retry
after a timeout never writes twice; the same id with other content is refused.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import getpass
import os
import threading
import time
import uuid
from contextlib import contextmanager, suppress
from itertools import islice
from typing import Callable, Generator, Iterable, Iterator, TypeVar

import msgspec
from eventsourcing.application import Application

from events import accounts
from events.codec import OutOfBounds, seal
from events.model import (
    AppropriationCarried,
    ChangeProposed,
    Decision,
    EntryReversed,
    Event,
    Line,
    ProjectChanged,
    ProjectClosed,
    ProjectOpened,
    ProposalDecided,
    Reallocated,
    RulesAdopted,
    ServiceTransferred,
    Stored,
    TaAmended,
    UnitClosed,
    UnitRegistered,
    UnitRenamed,
)
from ledger import build
from ledger.build import RECORD_KINDS
from ledger.domain import intake
from ledger.domain import rules
from ledger.audit import authority
from ledger.audit.authority import DEFAULT as DEFAULT_RULES
from ledger.audit.authority import Rules
from ledger.audit.findings import Finding, Verification
from ledger.fold.preview import Preview, preview
from ledger.domain.rules import Rejected
from ledger.fold.state import LedgerState, proposal_units
from ledger.store.log import (
    Damaged,
    EventLog,
    IntegrityError,
    LockedLog,
    Stamp,
    StoreError,
    Target,
    Unavailable,
    another_programs,
    connecting,
    resolve_target,
    sqlite_failures,
)
from ledger.audit import policy
from ledger.locale.reason import Reason
from ledger.audit.apart import verify_apart
from ledger.audit.verify import verify

#: a checkpoint is written once the log has grown by this much, or by a quarter,
#: since the last one: opening never replays more than that, and a growing ledger
#: writes O(log n) checkpoints, not one per 50k events
CHECKPOINT_EVERY = 50_000
RETRIES = 5
#: the rows ``check_chain`` reads and decodes at a time
CHECK_CHUNK = 5_000
#: from this many events ``verify_in_background`` verifies in a process of its own
APART_FROM = 100_000
#: the decided records ``read_decided`` hands on with the lock held at a time
LOCKED_BATCH = 500

T = TypeVar("T")


class Conflict(RuntimeError):
    """Other writers kept taking the next position; the command was not written."""


class FiguresChanged(Conflict):
    """Events written after the clerk's view (``based_on``) touched a unit this write touches.

    Nothing was written. ``changed`` maps each such unit to the seqs written since,
    ``head`` is the log position the ledger's state has now caught up to (so the
    caller re-reads its figures there and may retry with ``based_on=head``), and
    ``refusal`` says it as a ``Rejected`` (code "figures.changed") in either language.
    """

    def __init__(self, refusal: Rejected, changed: dict[str, tuple[int, ...]], based_on: int, head: int):
        super().__init__(str(refusal))
        self.refusal, self.changed, self.based_on, self.head = refusal, changed, based_on, head

    @property
    def unit(self) -> str:
        """The first unit (in the order the write names them) that changed."""
        return next(iter(self.changed))


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def default_author() -> str:
    return os.environ.get("KIRJURI_AUTHOR") or getpass.getuser()


class Kirjuri(Application):
    """A ledger: its store, its folded state, and the commands that change it."""

    name = "kirjuri"

    def __init__(
        self,
        target: Target | None = None,
        *,
        create: bool = False,
        author: str | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        use_checkpoints: bool = True,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
        load: bool = True,
        queue_writers: bool = False,
        read_only: bool = False,
        rules_of: Rules | None = None,
    ):
        self.target = target or resolve_target()
        if read_only and create:
            raise Rejected("ledger", self.target.describe(), "ledger.read_only")
        if self.target.sqlite_path is not None:
            path = self.target.sqlite_path
            if not create and not path.exists():
                raise StoreError(Reason("store.no_ledger", path=str(path)))
            with sqlite_failures(self.target):
                path.parent.mkdir(parents=True, exist_ok=True)
                another_programs(self.target, create=create)
        with connecting(self.target):  # the library's recorder connects at once
            super().__init__(self.target.env(create_table=create))
        self.eventlog = EventLog(self.recorder, self.target)
        try:
            self._open_schema(create, read_only)
        except BaseException:
            self.close()  # its connections now, not when a collector in some pool thread finds it
            raise
        self.author = author or default_author()
        #: the recorded time of what is written: on PostgreSQL the server's clock, read in the write
        #: transaction when writers queue, else just before it (the guard refuses a time ahead of it);
        #: an explicit ``clock`` (the tests', a benchmark's history) wins
        self.server_clock = clock is None and self.target.is_postgres
        self.clock = clock or (self.eventlog.server_now if self.server_clock else utc_now)
        self.new_id = new_id
        self.use_checkpoints = use_checkpoints
        #: write under the store's writer lock (``EventLog.locked``): concurrent writers queue
        #: instead of racing for the next position and retrying; faster when many write at once
        self.queue_writers = queue_writers
        #: refuse every write (``Rejected`` "ledger.read_only"), whatever the database would let this role do:
        #: what `kirjuri serve` opens for a browser with no login, and a view asks before it offers a form
        self.read_only = read_only
        #: the rules file given (None: none), by which every new event is judged as it is written
        #: (``ledger.audit.policy``) while the ledger has adopted no rules of its own (``rules_in_force``)
        self.rules_of = rules_of
        #: the adoption whose rules were read last, and those rules (``_adopted``)
        self._adopted_cache: tuple[int, Rules] | None = None
        #: the codes of the warnings the author confirms for what this ledger writes (``--confirm``)
        self.confirm: frozenset[str] = frozenset()
        #: the seq of the newest checkpoint this instance knows of (None: ask the store)
        self._checkpointed: int | None = None
        #: held while the state changes (a write, a refresh): a reader in another thread
        #: (the TUI's workers) holds it too, so it never sees a state in mid-fold
        self.lock = threading.RLock()
        #: load=False opens the store only: the UI paints first and folds the state in a thread (``load``)
        self.loaded = load
        #: the first stored row found to break the chain or the fold (``_catch_up``, ``check_chain``,
        #: ``records``): the state holds only the events before it, and nothing is written
        self.damage: Damaged | None = None
        #: (state's seq, chart in use) -> the accounts outside that chart (``accounts_outside_chart``)
        self._held: tuple[tuple[int, int], list[str]] = ((-1, 0), [])
        try:
            self.state = self.load_state() if load else LedgerState()
        except BaseException:
            self.close()  # as above: a fold that fails (a server gone mid-read) leaves no pool open
            raise

    def _open_schema(self, create: bool, read_only: bool) -> None:
        """Install the schema (``create``), or find it, brought up to this version's where this role may;
        a read-only ledger changes nothing, not even an older version's schema: it reads it as it is."""
        if create:
            self.eventlog.install_schema()
        elif not self.eventlog.is_installed():
            raise StoreError(Reason("store.not_a_ledger", target=self.target.describe()))
        elif read_only:
            self.eventlog.survey()
        else:
            self.eventlog.upgrade()

    # --- reading ---------------------------------------------------------------------

    def load_state(self) -> LedgerState:
        """The newest checkpoint a reader may trust (``EventLog.trusted_checkpoint``: its digest, and the
        event at its position hashing to its head), plus the events after it.

        A newer checkpoint that is not trusted (planted, altered, another ledger's), one whose state
        says another position than its row, or one this version cannot read (written by another
        version), is not used: the state is folded from the log, so nothing it says is shown, and
        a new checkpoint replaces it if this role may.
        """
        state, stale = LedgerState(), False
        if self.use_checkpoints:
            checkpoint, stale = self.eventlog.trusted_checkpoint(upto=self._prefix_end())
            if checkpoint is not None:
                with _collector_paused():
                    try:
                        state = LedgerState.from_checkpoint(checkpoint[2])
                    except (ArithmeticError, AttributeError, LookupError, TypeError, ValueError, msgspec.DecodeError):
                        stale = True
                if (state.seq, state.head) != checkpoint[:2]:  # a state of another position, under this one's
                    state, stale = LedgerState(), True
        self._catch_up(state)
        if stale:
            self.checkpoint(state)
        return state

    def _catch_up(self, state: LedgerState) -> int:
        """Fold the events stored after the state's position, each checked in the hash chain from the
        state's head (``EventLog.read``). At the first that breaks the chain or cannot be folded the
        state stays at the event before it and the ledger is ``damage``d: it shows that prefix and
        writes nothing."""
        before, upto = state.seq, self._prefix_end()
        if upto is not None and before >= upto:
            return 0
        with _collector_paused():
            try:
                for records in self.eventlog.read(after=state.seq, upto=upto, head=state.head):
                    try:
                        state.apply_all(records)
                    except MemoryError:
                        raise
                    except Exception:  # noqa: BLE001 - whatever a stored event makes the fold raise
                        self._unfoldable(state, records)
                        break
            except Damaged as exc:
                self._damaged(exc)
        if state.seq != before:
            self._checkpoint_if_due(state)
        return state.seq - before

    def _prefix_end(self) -> int | None:
        """The last position the state may fold: the one before the first damaged row, once one is found."""
        return None if self.damage is None else self.damage.finding.seq - 1

    def _damaged(self, damage: Damaged) -> None:
        """Remember the first damaged row found, wherever it was found."""
        if self.damage is None or damage.finding.seq < self.damage.finding.seq:
            self.damage = damage

    def _unfoldable(self, state: LedgerState, records: list[Stored]) -> None:
        """Some event of ``records`` passed the chain check but cannot be folded (written past the rules,
        by hand): the state is folded anew up to the event before it, the ledger damaged there.

        A failed ``apply_all`` may have folded part of an event, so the prefix is folded afresh, and
        ``state`` becomes it in place: the callers (and the UI's workers) hold that object.
        """
        earlier = self.damage
        self.damage = Damaged(self.target, Finding.of(records[0].seq, "rules.unfoldable", records[0].event.id,
                                                      error="the fold stopped in this chunk"))
        fresh = self.load_state()
        for record in records:
            try:
                fresh.apply(record)
            except MemoryError:
                raise
            except Exception as exc:  # noqa: BLE001 - the event found, said as a finding
                self.damage = Damaged(self.target, Finding.of(record.seq, "rules.unfoldable", record.event.id,
                                                              error=str(exc) or type(exc).__name__))
                if fresh.seq != record.seq - 1:  # it was half folded
                    fresh = self.load_state()
                break
        else:
            self.damage = earlier
        vars(state).clear()
        vars(state).update(vars(fresh))

    def check_chain(self, pause: float = 0.0) -> Damaged | None:
        """Check every stored row in the hash chain, from the first event: the first that breaks it, if any.

        A command checks only the rows it folds (from the checkpoint on); this reads the whole log,
        holding no lock while it reads (the UI runs it in the background, so in small chunks: each
        decode holds the interpreter for a few milliseconds, not a tenth of a second, and ``pause`` seconds
        between chunks leave it to the screen). A break within what the state had folded from its
        checkpoint has the state folded anew up to the event before it.
        """
        try:
            for _chunk in self.eventlog.read_sealed(chunk=CHECK_CHUNK):
                if pause:
                    time.sleep(pause)
        except Damaged as exc:
            with self.lock:
                self._damaged(exc)
                if self.loaded and self.state.seq >= exc.finding.seq:
                    self.state = self.load_state()
        return self.damage

    def _writable(self) -> None:
        """Raise ``Damaged`` (nothing written) while the log is damaged: a write after the break would
        extend a history nobody can verify. Refuse too while the ledger holds an account the chart in use
        does not know (its municipality's chart file not given): the rules could not roll it up."""
        if self.damage is not None:
            raise Damaged(self.target, self.damage.finding)
        outside = self.accounts_outside_chart()
        if outside:
            raise Rejected("account", outside[0], "account.outside_chart", count=len(outside))

    def accounts_outside_chart(self) -> list[str]:
        """The accounts this ledger holds that the chart in use does not know (``events.accounts.use``)."""
        at = (self.state.seq, id(accounts.CHART))
        if self._held[0] != at:
            self._held = (at, sorted(a for a in self.state.accounts_held() if not accounts.known(a)))
        return self._held[1]

    def _checkpoint_if_due(self, state: LedgerState) -> None:
        """Checkpoint once the log grew by CHECKPOINT_EVERY or a quarter since the last one.

        The last checkpoint's seq is remembered: the store is asked again only when the
        remembered one says a checkpoint is due (another writer may have written one since).
        """
        if not self.use_checkpoints or self.damage is not None:
            return
        # a cache: a server away now fails no write (the write before it is stored) or read
        with suppress(Unavailable):
            last = self._checkpointed
            if last is None or state.seq - last >= max(CHECKPOINT_EVERY, last // 4):
                last = self._checkpointed = self.eventlog.checkpointed_seq()
            if state.seq - last >= max(CHECKPOINT_EVERY, last // 4):
                self.checkpoint(state)

    def checkpoint(self, state: LedgerState | None = None, *, quietly: bool = True) -> int:
        """Checkpoint ``state`` (default: this ledger's); a role that may not write checkpoints writes
        none, silently unless ``quietly`` is False (``kirjuri checkpoint``: ``Refused``)."""
        state = state or self.state
        if self.read_only:  # silent, as for a role that may not write checkpoints, unless asked for one
            if not quietly:
                self._refuse_writing()
            return state.seq
        if state.seq and self.damage is None and self.eventlog.save_checkpoint(  # a damaged ledger gets none
                state.seq, state.head, state.to_checkpoint(), quietly=quietly):
            self._checkpointed = max(self._checkpointed or 0, state.seq)
        return state.seq

    def _refold(self, *, quietly: bool = False) -> None:
        """Fold the state from the store again, forgetting events folded but not stored.

        If the store cannot be read now (the server is away) the state is emptied and folded
        again on next use (``load``), never left holding what was not stored; ``quietly``
        keeps the caller's own error the one raised.
        """
        try:
            self.state = self.load_state()
        except StoreError:
            self.state, self.loaded = LedgerState(), False
            if not quietly:
                raise

    def load(self) -> None:
        """Fold the state of a ledger opened with load=False (from its checkpoint); once."""
        with self.lock:
            if not self.loaded:
                self.state = self.load_state()
                self.loaded = True

    def refresh(self) -> int:
        """Fold what other writers appended since; return how many events arrived."""
        with self.lock:
            self.load()
            return self._catch_up(self.state)

    def records(self, seqs: Iterable[int]) -> dict[int, Stored]:
        """The stored records at ``seqs``, each checked on its own: a damaged one raises ``Damaged``."""
        try:
            return self.eventlog.read_seqs(sorted(set(seqs)))
        except Damaged as exc:
            self._damaged(exc)
            raise

    def stamps(self, seqs: Iterable[int]) -> dict[int, Stamp]:
        """When and by whom the database says each event was stored (``EventLog.stamps``)."""
        return self.eventlog.stamps(sorted(set(seqs)))

    def resolve_ref(self, ref: str) -> int:
        """The seq an event reference names (``ledger.build.resolve_ref``)."""
        return build.resolve_ref(self.state, ref)

    def verify(self, expect_head: str | None = None, rules_of: Rules | None = None) -> Verification:
        """Recompute the chain, the rules and the checkpoints from the stored rows, then the
        rules of authority over what they fold to (``ledger.audit.verify``, ``ledger.audit.authority``).

        Each event is judged by the rules in force when it was recorded: ``rules_of`` (a file's, default
        kuntalaki's minimum) until the ledger adopted rules, then the adoption's. A file given to a ledger that
        adopted rules must be the rules it adopted last (``rules.not_adopted``).
        """
        given = rules_of
        final = self._last_adopted(given)
        with _collector_paused():
            return verify(self.eventlog.read_raw(topic=True), self.eventlog.checkpoints(digests=True), expect_head,
                          given or DEFAULT_RULES, final)

    def verify_in_background(self, rules_of: Rules | None = None,
                             cancelled: Callable[[], bool] = lambda: False) -> Verification | None:
        """``verify`` for a view's worker thread; None if ``cancelled()`` turned true first.

        It reads the stored rows and folds a state of its own, so it takes no lock: held that long, the
        lock would stop every write and every figure a view shows. From ``APART_FROM`` events it runs in
        a process of its own (``ledger.audit.apart``), so the UI keeps the interpreter (a thread would take
        turns with every key for minutes) and its memory.
        """
        if self.state.seq >= APART_FROM:
            return verify_apart(self.target, rules_of, cancelled)
        return self.verify(rules_of=rules_of)

    # --- s23-rules: the rules in force, the ledger's own once it adopted any ---------------------------

    def rules_in_force(self, known: int | None = None) -> Rules:
        """The rules every event written now is judged by, and every view checks: those the ledger adopted last
        (at or before log position ``known``, default now), else the rules file given, else kuntalaki's minimum.

        A rules file given to a ledger that adopted rules is refused unless it is the same rules (``digest``):
        the clerk, the committee and ``verify`` must not judge by different rules.
        """
        with self.lock:
            self.load()
            return self._rules_now(known)

    def use_rules_file(self, rules: Rules) -> None:
        """Judge by a rules file's ``rules`` while the ledger adopted none; refused at once (read from the store,
        nothing folded) if the ledger adopted other rules."""
        self._last_adopted(rules)
        self.rules_of = rules

    def adoption_in_force(self) -> RulesAdopted | None:
        """The adoption whose rules are in force now (its decision, its digest), None while the ledger adopted none."""
        with self.lock:
            adopted = self.state.rules_adopted_at()
        return None if adopted is None else adopted[1]

    def rules_history(self) -> list[tuple[Stored, Rules | None]]:
        """Every adoption of rules, oldest first, with the rules it put in force (None: rules no reader can use,
        written past the write path; ``verify`` says why)."""
        with self.lock:
            self.load()
            seqs = list(self.state.adopted)
        records = self.records(seqs)
        return [(records[seq], _usable(records[seq].event)) for seq in seqs]

    def rules_on(self, on: dt.date, known: int | None = None) -> tuple[Stored | None, Rules]:
        """The rules in force on the effective date ``on``, as the ledger knew them at log position ``known``
        (default now): the adoption whose effective date is the latest not after ``on`` (of two on one day, the
        later recorded) with its rules; before any took effect, none and the rules file given, else kuntalaki's
        minimum. An adoption no reader can use is passed over, as ``verify`` passes over it."""
        known = self.state.seq if known is None else known
        usable = [(record, rules) for record, rules in self.rules_history()
                  if record.seq <= known and rules is not None and record.event.effective <= on]
        if not usable:
            return None, self.rules_of or DEFAULT_RULES
        return max(usable, key=lambda pair: (pair[0].event.effective, pair[0].seq))

    def rules_adoption(self, rules: Rules, *, decision: Decision | None, effective: dt.date | None = None,
                       note: str = "", key: str | None = None) -> RulesAdopted:
        """The adoption of ``rules`` into the ledger, unwritten (``ledger.build.rules_adoption``): refused if they
        are the rules already adopted and in force."""
        with self.lock:
            self.load()
            adopted = self.state.rules_adopted_at()
        if adopted is not None and adopted[1].digest == authority.digest(rules):
            raise Rejected("rules", authority.digest(rules)[:16], "rules.unchanged",
                           decision=adopted[1].decision or "–")
        return build.rules_adoption(self.origin, rules, decision=decision, effective=effective, note=note, key=key)

    def adopt_rules(self, rules: Rules, *, decision: Decision | None, effective: dt.date | None = None,
                    note: str = "", key: str | None = None) -> Stored:
        """Adopt ``rules`` into the ledger: judged, as every change is, by the rules in force (who may adopt them)."""
        return self.submit(self.rules_adoption(rules, decision=decision, effective=effective, note=note, key=key))[0]

    def _rules_now(self, known: int | None = None) -> Rules:
        """``rules_in_force`` on the state as it is (the caller holds the lock)."""
        adopted = self.state.rules_adopted_at(known)
        if adopted is None:
            return self.rules_of or DEFAULT_RULES
        seq, event = adopted
        if self._adopted_cache is None or self._adopted_cache[0] != seq:
            self._adopted_cache = (seq, authority.adopted_rules(event))
        self._same_as_given(event, self.rules_of)
        return self._adopted_cache[1]

    def _last_adopted(self, given: Rules | None) -> Rules | None:
        """The rules the ledger adopted last, read from the store itself (``verify`` folds no state first): None
        if it adopted none; a file ``given`` that is not them is refused."""
        seqs = self.eventlog.seqs_of("rules_adopted")
        if not seqs:
            return None
        try:
            event = self.records(seqs[-1:])[seqs[-1]].event
        except Damaged:  # the row is damaged: verify reports where, and judges by the rules before it
            return None
        self._same_as_given(event, given)
        return _usable(event)

    @staticmethod
    def _same_as_given(event: RulesAdopted, given: Rules | None) -> None:
        if given is not None and authority.digest(given) != event.digest:
            raise Rejected("rules", authority.digest(given)[:16], "rules.not_adopted", decision=event.decision or "–")

    # --- for views: what they show, read with the lock held -------------------------------------

    def read(self, view: Callable[..., T], *args) -> T:
        """``view(state, *args)`` with the lock held: how a view computes what it shows from the folded state
        (figures, a trail's rows, the toteutumisvertailu…) in a thread of its own, never seeing the state in
        mid-fold. ``view`` only reads."""
        with self.lock:
            return view(self.state, *args)

    def head_seq(self) -> int | None:
        """The last position stored, whoever wrote it (one indexed query): a view polls it to see the log grow."""
        return self.eventlog.head_seq()

    def record_with_target(self, seq: int) -> tuple[Stored, Stored | None]:
        """The record at ``seq`` and, if it is a reversal of a known event, the record it reverses."""
        with self.lock:
            record = self.records([seq])[seq]
            event, target = record.event, None
            if isinstance(event, EntryReversed) and event.target in self.state.ids:
                target_seq = self.state.ids[event.target]
                target = self.records([target_seq])[target_seq]
            return record, target

    def read_decided(self, view: Callable[[LedgerState, Iterable[Stored]], T],
                     cancelled: Callable[[], bool] = lambda: False) -> T | None:
        """``view(state, records)`` over every stored event that carries a decision, streamed from the log (a
        million records are never all in memory); None if ``cancelled()`` turned true meanwhile.

        The log is read without the lock; the lock is held while ``view`` takes a batch of records, so a
        write or another view's worker gets its turn in between.
        """
        with self.lock:
            state, upto = self.state, self.state.seq
        records = self._each_locked((record for chunk in self.eventlog.read(upto=upto) for record in chunk
                                     if record.event.decision is not None), cancelled)
        try:
            return view(state, records)
        except _Cancelled:
            return None
        finally:
            records.close()  # in this thread: the lock is released by the thread that took it

    def _each_locked(self, records: Iterator[Stored], cancelled: Callable[[], bool]) -> Generator[Stored, None, None]:
        """The records a batch at a time, read without the lock and handed on with it held; between two
        batches the lock is left free for a moment, for a thread waiting on it."""
        while batch := list(islice(records, LOCKED_BATCH)):
            with self.lock:
                yield from batch
            time.sleep(0.001)
            if cancelled():
                raise _Cancelled

    def prepare_time_travel(self, year: int, cancelled: Callable[[], bool] = lambda: False,
                            pause: float = 0.005) -> None:
        """Index the year's cells for stepping back in time (``LedgerState.prepare_time_travel``), a batch at a
        time with the lock held and ``pause`` seconds free between, so a view's figures never wait for more
        than one batch; stops early once ``cancelled()``."""
        steps = self.state.prepare_time_travel(year)
        while not cancelled():
            with self.lock:
                if next(steps, StopIteration) is StopIteration:
                    return
            time.sleep(pause)

    # --- writing -----------------------------------------------------------------------

    def submit(self, *events: Event, based_on: int | None = None,
               confirm: frozenset[str] | None = None) -> list[Stored]:
        """Check and append new events in one transaction, stamping them with the time of writing.

        ``based_on``: the log position (seq) the caller's view was built on. If an event
        written after it touched a unit these events touch, raise ``FiguresChanged`` and
        write nothing. Events whose ids are already stored as the same changes are not
        written again: their stored records are returned (an idempotent retry). ``confirm``: the
        warnings confirmed for these events (``ledger.audit.policy``); None: ``self.confirm``.
        """
        return self._write(list(events), keep_times=False, based_on=based_on, confirm=confirm)

    def submit_recorded(self, records: list[Stored]) -> list[Stored]:
        """Append events that already carry their recorded times (restore); hashes must match."""
        written = self._write([r.event for r in records], keep_times=True)
        for given, made in zip(records, written, strict=True):
            if given.hash != made.hash or given.seq != made.seq:
                raise StoreError(Reason("store.hash_not_reproduced", seq=given.seq))
        return written

    def _write(self, events: list[Event], *, keep_times: bool, based_on: int | None = None,
               confirm: frozenset[str] | None = None) -> list[Stored]:
        if self.read_only:
            self._refuse_writing()
        with self.lock:
            return self._write_locked(events, keep_times, based_on, self.confirm if confirm is None else confirm)

    def _refuse_writing(self) -> None:
        """Nothing is written to a ledger opened read-only; the refusal names it."""
        raise Rejected("ledger", self.target.describe(), "ledger.read_only")

    def _write_locked(self, events: list[Event], keep_times: bool, based_on: int | None = None,
                      confirm: frozenset[str] = frozenset()) -> list[Stored]:
        """The one write loop, racing or queued (``queue_writers``): each attempt catches up with what others
        wrote, checks, seals and appends in one transaction; a position another writer took first
        (IntegrityError) starts the next attempt.

        Queued, the append holds the store's writer lock (``EventLog.locked``), and the last few events
        others appended are read and folded inside it, so no position is lost to a race; the bulk of what
        they wrote is folded before, outside the lock. Racing, the append takes no lock and a lost race is
        retried. The IntegrityError retry stays for a queued writer too: another writer may take no lock.
        """
        self.load()
        for _attempt in range(RETRIES):
            self._catch_up(self.state)
            self._writable()
            base, sealed = self.state.seq, []
            try:
                with self._appending() as log:
                    records = log.read(after=self.state.seq, head=self.state.head)
                    if records:
                        self.state.apply_all(records)
                    base = self.state.seq
                    stored = self._already_stored(events)
                    if stored is not None:
                        return stored
                    if based_on is not None:
                        self._unchanged_since(events, based_on)
                    sealed = self._seal_all(events, keep_times, log.now if self.server_clock else None, confirm)
                    log.append(sealed)
            except Damaged as exc:  # a row another writer appended breaks the chain: nothing is written
                self._damaged(exc)
                raise
            except IntegrityError:
                if len(sealed) > 1:  # the state holds all but the last: fold the log again
                    self._refold()
                continue  # a single event was never folded: the next attempt only has to catch up
            except BaseException:
                if len(sealed) > 1 and self.state.seq != base:  # not stored: forget what was folded
                    self._refold(quietly=True)
                raise
            return self._written(sealed)
        raise Conflict(Reason("store.kept_changing", attempts=RETRIES))

    @contextmanager
    def _appending(self) -> Iterator[LockedLog | _Racing]:
        """Where an attempt appends: in one transaction under the store's writer lock (``queue_writers``), or
        straight to the log, racing other writers for the next position."""
        if self.queue_writers:
            with self.eventlog.locked() as log:
                yield log
        else:
            yield _Racing(self.eventlog)

    def _written(self, sealed: list[tuple[Stored, bytes]]) -> list[Stored]:
        """Stored: fold the last event (``_seal_all`` folded the others), checkpoint if due."""
        if sealed:
            self.state.apply(sealed[-1][0])
        self._checkpoint_if_due(self.state)
        return [record for record, _data in sealed]

    def _already_stored(self, events: list[Event]) -> list[Stored] | None:
        """The stored records if every event's id is stored as the same change (a retry); None if
        no id is stored; ``Rejected`` (id.duplicate) if an id is stored with another content."""
        ids = self.state.ids
        known = [event for event in events if event.id in ids]
        if not known:
            return None
        if len(known) == len(events):
            seqs = [ids[event.id] for event in events]
            records = self.records(seqs)
            known = [event for seq, event in zip(seqs, events, strict=True)
                     if not _same_change(records[seq].event, event)]
            if not known:
                return [records[seq] for seq in seqs]
        raise Rejected("id", known[0].id, "id.duplicate")

    def _unchanged_since(self, events: list[Event], based_on: int) -> None:
        """Raise ``FiguresChanged`` if an event after ``based_on`` touched a unit ``events`` touch."""
        state = self.state
        if based_on < 0 or based_on > state.seq:
            raise Rejected("based_on", based_on, "based_on.out_of_range", last=state.seq)
        if based_on == state.seq:
            return
        changed: dict[str, tuple[int, ...]] = {}
        for unit in units_of(state, events):
            seqs = state.touched.get(unit)
            if seqs:
                since = tuple(seqs[bisect.bisect_right(seqs, based_on):])
                if since:
                    changed[unit] = since
        if changed:
            unit, seqs = next(iter(changed.items()))
            refusal = Rejected("unit", unit, "figures.changed", since=based_on,
                               written=tuple(f"#{seq}" for seq in seqs), head=state.seq)
            raise FiguresChanged(refusal, changed, based_on, state.seq)

    def _seal_all(self, events: list[Event], keep_times: bool, clock: Callable[[], dt.datetime] | None = None,
                  confirm: frozenset[str] = frozenset()) -> list[tuple[Stored, bytes]]:
        """Check each event against the state including the ones before it; undo all on rejection.

        The last event is checked and sealed but not folded: the caller folds it once it is
        stored, so a single event that lost the race for its position leaves the state as it was.
        A new event (not one restored with its time) must also bring in clean text and addressable
        codes (``intake.check_new``) and a decision dated within its bounds (``rules.decision_dated``);
        a restored one keeps what an older version stored.
        ``clock``: where the recorded time comes from, if not ``self.clock``.
        """
        base_seq, sealed = self.state.seq, []
        floor = self.state.recorded_at(base_seq) if base_seq else None
        clock = clock or self.clock
        now = None if keep_times else max(clock(), floor) if floor else clock()
        try:
            for event in events:
                if now is not None:
                    event = msgspec.structs.replace(event, recorded_at=now)
                    intake.check_new(self.state, event)
                elif event.recorded_at.utcoffset() is None:
                    raise Rejected("recorded_at", event.recorded_at.isoformat(), "recorded_at.no_zone")
                elif floor is not None and event.recorded_at < floor:
                    raise Rejected("recorded_at", event.recorded_at.isoformat(), "recorded_at.earlier")
                rules.check(self.state, event, restored=now is None)
                if now is not None:
                    event = policy.enforce(self._rules_now(), self.state, event, confirm)
                record, data = _sealed(event, self.state.seq + 1, self.state.head)
                sealed.append((record, data))
                if len(sealed) < len(events):
                    self.state.apply(record)
                floor = event.recorded_at
        except Exception:
            if self.state.seq != base_seq:
                self._refold(quietly=True)
            raise
        if self.state.seq != base_seq + max(len(events) - 1, 0):
            raise AssertionError("sealed events and state disagree")
        return sealed

    # --- commands: each builds its events (``ledger.build``) and writes them ------------------------

    @property
    def origin(self) -> build.Origin:
        """Who makes this ledger's new events, the clock that stamps them and where their ids come from."""
        return build.Origin(self.author, self.clock, self.new_id)

    def register_unit(self, code: str, name: str, level: str, parent: str | None, *, effective: dt.date,
                      decision: Decision | None = None, note: str = "") -> Stored:
        return self.submit(build.unit_registration(self.origin, code, name, level, parent, effective=effective,
                                                   decision=decision, note=note))[0]

    def rename_unit(self, code: str, name: str, *, effective: dt.date, decision: Decision | None = None,
                    note: str = "") -> Stored:
        return self.submit(build.unit_renaming(self.origin, code, name, effective=effective, decision=decision,
                                               note=note))[0]

    def close_unit(self, code: str, *, effective: dt.date, decision: Decision | None, note: str = "") -> Stored:
        return self.submit(build.unit_closing(self.origin, code, effective=effective, decision=decision,
                                              note=note))[0]

    def transfer(self, unit: str, to_parent: str, *, effective: dt.date, decision: Decision | None,
                 from_year: int | None = None, note: str = "", key: str | None = None,
                 based_on: int | None = None) -> Stored:
        """Move a service under another parent; from_year defaults to the effective date's year.

        ``key`` is the event's id (a retry with the same key writes nothing twice) and
        ``based_on`` the seq the caller's view was built on (see ``submit``); so for
        ``amend`` and ``reallocate``.
        """
        return self.submit(self.service_transfer(unit, to_parent, effective=effective, decision=decision,
                                                 from_year=from_year, note=note, key=key), based_on=based_on)[0]

    def service_transfer(self, unit: str, to_parent: str, *, effective: dt.date, decision: Decision | None,
                         from_year: int | None = None, note: str = "", key: str | None = None) -> ServiceTransferred:
        """The event ``transfer`` writes, unwritten: the unit's parent now is where it moves from."""
        return build.service_transfer(self.state, self.origin, unit, to_parent, effective=effective,
                                      decision=decision, from_year=from_year, note=note, key=key)

    def adopt(self, year: int, lines: list[Line], *, decision: Decision | None,
              effective: dt.date | None = None, note: str = "") -> Stored:
        return self.submit(build.adoption(self.origin, year, lines, decision=decision, effective=effective,
                                          note=note))[0]

    def amend(self, year: int, lines: list[Line], *, effective: dt.date, decision: Decision | None,
              note: str = "", key: str | None = None, based_on: int | None = None) -> Stored:
        return self.submit(self.amendment(year, lines, effective=effective, decision=decision, note=note, key=key),
                           based_on=based_on)[0]

    def amendment(self, year: int, lines: list[Line], *, effective: dt.date, decision: Decision | None,
                  note: str = "", key: str | None = None) -> TaAmended:
        """The event ``amend`` writes, unwritten: each line's amount is added to the budget."""
        return build.amendment(self.origin, year, lines, effective=effective, decision=decision, note=note,
                               key=key)

    def reallocate(self, year: int, moves: list[build.MoveArgs], *, effective: dt.date,
                   decision: Decision | None, note: str = "", key: str | None = None,
                   based_on: int | None = None) -> Stored:
        """Move appropriation: each move is (from_unit, from_account, to_unit, to_account, euros in cents > 0)."""
        return self.submit(self.reallocation(year, moves, effective=effective, decision=decision, note=note,
                                             key=key), based_on=based_on)[0]

    def reallocation(self, year: int, moves: list[build.MoveArgs], *, effective: dt.date,
                     decision: Decision | None, note: str = "", key: str | None = None) -> Reallocated:
        """The event ``reallocate`` writes, unwritten (``ledger.build.reallocation``)."""
        return build.reallocation(self.origin, year, moves, effective=effective, decision=decision, note=note,
                                  key=key)

    def propose(self, proposal: TaAmended | Reallocated, *, to_body: str, note: str = "",
                decision: Decision | None = None) -> Stored:
        """Enter a TA-muutos or a reallocation as an esitys to ``to_body``: it moves nothing yet."""
        return self.submit(self.proposal(proposal, to_body=to_body, note=note, decision=decision))[0]

    def proposal(self, change: TaAmended | Reallocated, *, to_body: str, note: str = "",
                 decision: Decision | None = None) -> ChangeProposed:
        """The esitys ``propose`` writes, unwritten, from the change as ``amendment``/``reallocation`` build it.

        ``decision``, if any, is the proposing body's own (KH proposing to KV).
        """
        return build.proposal(self.origin, change, to_body=to_body, note=note, decision=decision)

    def decide(self, ref: str, *, approved: bool, decision: Decision | None, effective: dt.date | None = None,
               note: str = "") -> list[Stored]:
        """Record the decision on a proposal; an approval writes the change it enacts in the same transaction."""
        return self.submit(*self.decision_events(ref, approved=approved, decision=decision, effective=effective,
                                                 note=note))

    def decision_events(self, ref: str, *, approved: bool, decision: Decision | None,
                        effective: dt.date | None = None, note: str = "") -> list[Event]:
        """What ``decide`` writes, unwritten: [the enacted change, the decision] or [the decision]
        (``ledger.build.decision_events``)."""
        return build.decision_events(self.state, self.origin, ref, approved=approved, decision=decision,
                                     effective=effective, note=note)

    def record(self, kind: str, year: int, lines: list[Line], *, effective: dt.date | None = None,
               period: tuple[dt.date, dt.date] | None = None, decision: Decision | None = None,
               note: str = "") -> Stored:
        """Record KS, TP, toteuma (for a period), TPE or TS figures."""
        return self.submit(build.recording(self.origin, kind, year, lines, effective=effective, period=period,
                                           decision=decision, note=note))[0]

    def reverse(self, ref: str, *, reason: str, decision: Decision | None = None) -> Stored:
        return self.submit(self.reversal(ref, reason=reason, decision=decision))[0]

    def reversal(self, ref: str, *, reason: str, decision: Decision | None = None) -> EntryReversed:
        """The event ``reverse`` writes, unwritten: effective when the entry it undoes was."""
        seq = self.resolve_ref(ref)
        return build.reversal(self.origin, self.records([seq])[seq].event, reason=reason, decision=decision)

    # --- investment projects and carry-over (issue 17) -------------------------------------------

    def project_opening(self, code: str, name: str, *, group: str, unit: str, cost_estimate: int,
                        first_year: int, last_year: int, effective: dt.date, decision: Decision | None,
                        note: str = "", key: str | None = None) -> ProjectOpened:
        """The event that opens an investment project, unwritten (``ledger.build.project_opening``)."""
        return build.project_opening(self.origin, code, name, group=group, unit=unit, cost_estimate=cost_estimate,
                                     first_year=first_year, last_year=last_year, effective=effective,
                                     decision=decision, note=note, key=key)

    def project_change(self, code: str, *, effective: dt.date, decision: Decision | None, **changes) -> ProjectChanged:
        """The event that changes a project's name, group, cost estimate or years, unwritten."""
        return build.project_change(self.origin, code, effective=effective, decision=decision, **changes)

    def project_closing(self, code: str, *, effective: dt.date, decision: Decision | None, note: str = "",
                        key: str | None = None) -> ProjectClosed:
        return build.project_closing(self.origin, code, effective=effective, decision=decision, note=note, key=key)

    def carry_over(self, from_year: int, to_year: int, lines: list[Line], *, decision: Decision | None,
                   effective: dt.date | None = None, note: str = "", key: str | None = None) -> AppropriationCarried:
        """The carry-over of unused appropriations ``carry`` writes, unwritten (``ledger.build.carry_over``)."""
        return build.carry_over(self.origin, from_year, to_year, lines, decision=decision, effective=effective,
                                note=note, key=key)

    def carry(self, from_year: int, to_year: int, lines: list[Line], *, decision: Decision | None,
              effective: dt.date | None = None, note: str = "", key: str | None = None,
              based_on: int | None = None) -> Stored:
        """Carry unused appropriations of ``from_year`` to ``to_year``'s TA-muutokset."""
        return self.submit(self.carry_over(from_year, to_year, lines, decision=decision, effective=effective,
                                           note=note, key=key), based_on=based_on)[0]

    # --- before writing ---------------------------------------------------------------------

    def check(self, event: Event) -> None:
        """Raise ``Rejected`` as ``submit`` would, writing nothing (a warning not in ``confirm`` too)."""
        with self.lock:
            intake.check_new(self.state, event)
            rules.check(self.state, event)
            policy.enforce(self._rules_now(), self.state, event, self.confirm)

    def decision_refusals(self, event: Event, by_rules: bool = True) -> list[Rejected]:
        """Each refusal of ``event``'s decision alone (its §, body and date; the rules of authority too unless
        ``by_rules`` is False, where who may decide depends on a field not yet read): what a form says of the
        decision while another field is wrong."""
        with self.lock:
            found = []
            try:
                rules.check_decision(event)
            except Rejected as exc:
                found.append(exc)
            return found + (policy.decision_stops(self._rules_now(), self.state, event) if by_rules else [])

    def check_all(self, events: list[Event]) -> None:
        """Raise ``Rejected`` as ``submit`` would for ``events`` written together (each checked against the
        ledger with the ones before it: a project opened, then figures on it), writing nothing."""
        with self.lock:
            self.load()
            try:
                self._seal_all(list(events), keep_times=False, confirm=self.confirm)
            finally:
                if len(events) > 1:
                    self._refold(quietly=True)

    def preview(self, event: Event, confirm: frozenset[str] | None = None) -> Preview:
        """What ``event`` would change, before -> after, once it passes the rules and the rules of authority
        (``ledger.audit.policy``: a warning not in ``confirm`` refuses it too); writes nothing."""
        with self.lock:
            intake.check_new(self.state, event)
            rules.check(self.state, event)
            policy.enforce(self._rules_now(), self.state, event, self.confirm if confirm is None else confirm)
            target = None
            if isinstance(event, EntryReversed) and event.target in self.state.ids:
                seq = self.state.ids[event.target]
                _proposal, _approved, enacted = self.state.decisions.get(seq, (0, False, 0))
                if enacted and self.state.alive(enacted, self.state.seq):
                    seq = enacted  # reversing an approval undoes the change it enacted
                target = self.records([seq])[seq]
            return preview(self.state, event, target)


class _Cancelled(Exception):
    """The view that asked went away while its records were read."""


class _Racing:
    """The log as a racing writer appends to it: no lock, so nothing more to read first (the attempt has
    just caught up), the writer's own clock, and an IntegrityError if another writer took the position."""

    now = None

    def __init__(self, log: EventLog):
        self.append = log.append

    @staticmethod
    def read(after: int, head: str) -> list[Stored]:
        return []


def _usable(event: RulesAdopted) -> Rules | None:
    """The rules an adoption holds, or None if no reader can use them (``verify`` reports it)."""
    try:
        return authority.adopted_rules(event)
    except Rejected:
        return None


def _sealed(event: Event, seq: int, prev: str) -> tuple[Stored, bytes]:
    """``seal``, its last guard (``OutOfBounds``: a value the rules let by that no reader could
    fold) said as a refusal in one line naming the field."""
    try:
        return seal(event, seq, prev)
    except OutOfBounds as exc:
        low, high = exc.limits or ("", "")
        raise Rejected(exc.field, exc.value, "value.out_of_bounds", low=low, high=high) from None


@contextmanager
def _collector_paused():
    """Bulk folds allocate millions of small objects that all live on; without this the
    cyclic collector rescans the growing heap again and again. Nothing folded here can
    form a cycle, so pausing it loses nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_NO_TIME = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _same_change(stored: Event, given: Event) -> bool:
    """The same event but for when it was recorded and by whom: what a retry of it looks like."""
    if type(stored) is not type(given):
        return False
    return (msgspec.structs.replace(stored, recorded_at=_NO_TIME, author="", confirmed=msgspec.UNSET)
            == msgspec.structs.replace(given, recorded_at=_NO_TIME, author="", confirmed=msgspec.UNSET))


def units_of(state: LedgerState, events: Iterable[Event]) -> list[str]:
    """The units ``events`` would touch (``LedgerState.touched``), in the order they name them."""
    units: list[str] = []
    for event in events:
        units += [line.unit for line in getattr(event, "lines", ())]
        units += [u for move in getattr(event, "moves", ()) for u in (move.from_unit, move.to_unit)]
        if isinstance(event, (UnitRegistered, UnitRenamed, UnitClosed)):
            units.append(event.code)
        elif isinstance(event, ServiceTransferred):
            units.append(event.unit)
        elif isinstance(event, ProposalDecided):
            proposal = state.proposals.get(state.ids.get(event.proposal, 0))
            units += proposal_units(proposal) if proposal is not None else []
        elif isinstance(event, EntryReversed) and event.target in state.ids:
            targets = [state.ids[event.target]]
            targets += [enacted for _p, _a, enacted in [state.decisions.get(targets[0], (0, False, 0))] if enacted]
            units += [unit for unit, seqs in state.touched.items() if any(_holds(seqs, t) for t in targets)]
    return list(dict.fromkeys(units))


def _holds(seqs, seq: int) -> bool:
    i = bisect.bisect_left(seqs, seq)
    return i < len(seqs) and seqs[i] == seq


def open_ledger(db: str | None = None, **kwargs) -> Kirjuri:
    """The ledger at ``db`` (default: the environment's, ``resolve_target``); ``read_only=True`` for one that
    refuses every write (what `kirjuri serve` opens)."""
    return Kirjuri(resolve_target(db), **kwargs)


__all__ = ["Conflict", "Damaged", "FiguresChanged", "Kirjuri", "RECORD_KINDS", "Rejected", "Stamp", "StoreError",
           "open_ledger"]
