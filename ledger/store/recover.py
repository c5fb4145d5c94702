"""`kirjuri recover --to NEW`: the verified prefix of a damaged ledger, copied into a new one.

The damaged ledger is folded from its first event, not from a checkpoint, with every row
checked in the hash chain (``Kirjuri._catch_up``): what comes before the first row that
breaks the chain or cannot be folded is the prefix. Its rows are copied as they are
stored, byte for byte, in one transaction, so the new ledger holds the same events with
the same hashes (its head is the prefix's), or nothing at all. The damaged ledger is only
read: it stays as it is, for the investigation.
"""

from __future__ import annotations

from dataclasses import dataclass

from ledger.app import Kirjuri
from ledger.reports.output import ledger_files
from ledger.domain.refusals import Rejected
from ledger.store.log import Damaged, StoreError, Target
from ledger.locale.reason import Reason


@dataclass(frozen=True)
class Recovered:
    """What was copied: the number of events and the head, and where the damaged ledger breaks (None: nowhere)."""

    count: int
    head: str
    damage: Damaged | None


def recover(source: Target, into: Target, author: str | None = None) -> Recovered:
    """Copy the longest verified prefix of the ledger at ``source`` into the empty ledger at ``into``."""
    _not_the_same(source, into)
    damaged = Kirjuri(source, use_checkpoints=False, author=author)  # every row checked, from the first
    try:
        new = _empty_ledger(into, author)
        try:
            with new.eventlog.locked() as log:
                for chunk in damaged.eventlog.read_sealed(upto=damaged.state.seq):
                    log.append(chunk)
        finally:
            new.close()
        copied = Kirjuri(into, author=author)  # folded afresh from the copy (and checkpointed when big)
        try:
            if (copied.state.seq, copied.state.head) != (damaged.state.seq, damaged.state.head):
                raise StoreError(Reason("store.copy_short", target=into.describe(), seq=copied.state.seq,
                                        expected=damaged.state.seq))
            return Recovered(copied.state.seq, copied.state.head, damaged.damage)
        finally:
            copied.close()
    finally:
        damaged.close()


def _not_the_same(source: Target, into: Target) -> None:
    """The damaged ledger (or a file SQLite keeps beside it) is never written to."""
    if into.is_postgres or source.is_postgres:
        same = into.is_postgres and source.is_postgres and into.describe() == source.describe()
    else:
        same = any(_same_file(into.sqlite_path, path) for path in ledger_files(source))  # type: ignore[arg-type]
    if same:
        raise Rejected("to", into.describe(), "recover.same_ledger")


def _same_file(a, b) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


def _empty_ledger(into: Target, author: str | None) -> Kirjuri:
    """The new ledger: created if it does not exist; an existing one only if it is a Kirjuri ledger with no event."""
    exists = into.is_postgres or into.sqlite_path.exists()  # type: ignore[union-attr]
    new = Kirjuri(into, create=into.is_postgres or not exists, author=author, load=False)
    count = new.eventlog.head_seq()
    if count:
        new.close()
        raise Rejected("to", into.describe(), "recover.not_empty", count=count)
    return new


__all__ = ["Recovered", "recover"]
