"""The hash chain as every reader checks it: the longest prefix of the stored rows that holds.

A row extends the chain when it is bytes (SQLite lets text or a number into the BLOB
column), decodes to a stored record, is stored at the position after the last good one,
says that position itself, links to the last good row's hash, and its event's bytes hash
to the hash stored with them. The first row that does not is where the log is damaged:
readers show the prefix before it and the ledger writes nothing (``ledger.store.log.Damaged``).

The event's bytes are a slice of the stored record (``events.codec.event_bytes``), so a
row costs one SHA-256 and no second decode. ``ledger.audit.verify`` says the same things (the
same finding codes) and goes on past a break; this module stops at the first.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from events.codec import GENESIS, chain_hash, decode_stored, decode_stored_many, event_bytes, sealed
from events.model import Stored
from ledger.audit.findings import Finding

#: a row as the store reads it: (position, the stored value, whatever its type)
Row = tuple[int, object]
#: a stored value's Python type, as the SQL type a database client shows it under
SQL_TYPES = {str: "TEXT", int: "INTEGER", float: "REAL", type(None): "NULL"}


def not_bytes(position: int, data: object) -> Finding | None:
    """A stored value that is not bytes (text, a number, NULL): Kirjuri stores every event as bytes."""
    if isinstance(data, bytes):
        return None
    return Finding.of(position, "chain.not_bytes", kind=SQL_TYPES.get(type(data), type(data).__name__))


def decoded(rows: Sequence[Row]) -> tuple[list[Stored], Finding | None]:
    """The rows' records, decoded in one call; at the first that is not bytes or does not decode,
    the records before it and what is wrong with it."""
    datas = [data for _position, data in rows]
    try:
        records = decode_stored_many(datas)  # type: ignore[arg-type]
        if len(records) == len(rows):
            return records, None
    except (msgspec.DecodeError, msgspec.ValidationError, TypeError):
        pass  # which row: one by one
    records = []
    for position, data in rows:
        wrong = not_bytes(position, data)
        if wrong is not None:
            return records, wrong
        try:
            records.append(decode_stored(data))  # type: ignore[arg-type]
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            return records, Finding.of(position, "chain.undecodable", error=str(exc))
    return records, None


def intact(position: int, data: bytes, record: Stored) -> Finding | None:
    """What is wrong with a decoded row on its own (its number, its hash), or None."""
    if record.seq != position:
        return Finding.of(position, "chain.misnumbered", record.event.id, says=record.seq, position=position)
    try:
        body = event_bytes(data, record)
        if chain_hash(record.prev, body) == record.hash:
            return None
    except (msgspec.DecodeError, UnicodeEncodeError):
        pass  # a link that is not a hash, or bytes that decode only as a whole record
    return Finding.of(position, "chain.edited", record.event.id)


class Chain:
    """The stored log checked up to ``seq`` (whose hash is ``head``), extended a chunk of rows at a time.

    ``head`` None takes the first row's link on trust (a reader that starts mid-log without
    the hash before it); every row after it is linked.
    """

    def __init__(self, seq: int = 0, head: str | None = GENESIS):
        self.seq = seq
        self.head = GENESIS if seq == 0 else head
        #: the first row that breaks the chain, once one did
        self.broken: Finding | None = None

    def extend(self, rows: Sequence[Row]) -> list[tuple[Stored, bytes]]:
        """The rows, in log order, that extend the chain, with their stored bytes; the first row that
        does not (and every row after it) is left out and said in ``broken``."""
        if self.broken is not None or not rows:
            return []
        records, self.broken = decoded(rows)
        good: list[tuple[Stored, bytes]] = []
        seq, head = self.seq, self.head
        for (position, data), record in zip(rows, records):
            # the usual row, checked inline (a million of them open a big ledger); any doubt: said in full
            if (head is None or position != seq + 1 or record.seq != position or record.prev != head
                    or not sealed(data, position, head, record.hash)):  # type: ignore[arg-type]
                self.seq, self.head = seq, head
                found = self._link(position, record) or intact(position, data, record)  # type: ignore[arg-type]
                if found is not None:
                    self.broken = found
                    break
            good.append((record, data))  # type: ignore[arg-type]
            seq, head = position, record.hash
        self.seq, self.head = seq, head
        return good

    def _link(self, position: int, record: Stored) -> Finding | None:
        expected = self.seq + 1
        if position > expected:
            return Finding.of(position, "chain.skips", last=self.seq, position=position)
        if position < expected:
            return Finding.of(position, "chain.again", position=position)
        if self.head is not None and record.prev != self.head:
            return Finding.of(position, "chain.link", record.event.id, prev=record.prev, head=self.head)
        return None


def single(position: int, data: object) -> tuple[Stored | None, Finding | None]:
    """One row read on its own (by position): its record if it decodes, says its position and hashes
    to its stored hash (its link is checked where the log is read in order)."""
    records, wrong = decoded([(position, data)])
    if wrong is not None:
        return None, wrong
    wrong = intact(position, data, records[0])  # type: ignore[arg-type]
    return (None, wrong) if wrong is not None else (records[0], None)


__all__ = ["Chain", "Row", "decoded", "intact", "not_bytes", "single"]
