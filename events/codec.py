"""The one canonical encoding of events, and the hash chain over it.

Canonical = compact UTF-8 JSON with every struct's fields in declared order (the
``kind`` tag first) and any mapping's keys sorted: msgspec's "deterministic" order. The
same event always gives the same bytes, so a hash over them is stable; the field order
is part of the schema, which is why every event carries its version ``v``. Tag first
also lets a decoder choose the event type without scanning ahead.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from typing import NamedTuple

import msgspec

from events.model import AMOUNT_FIELDS, AMOUNT_LIMIT, YEAR_FIELDS, YEAR_LIMITS, AnyEvent, Event, Stored

GENESIS = "0" * 64

_encoder = msgspec.json.Encoder(order="deterministic")
_event_decoder = msgspec.json.Decoder(AnyEvent)
_stored_decoder = msgspec.json.Decoder(Stored)
_stored_list_decoder = msgspec.json.Decoder(list[Stored])


class StoredRaw(msgspec.Struct, frozen=True, kw_only=True):
    """A stored record with the event left as the exact bytes that were hashed."""

    seq: int
    prev: str
    hash: str
    event: msgspec.Raw


_raw_decoder = msgspec.json.Decoder(StoredRaw)


def canonical(obj: object) -> bytes:
    return _encoder.encode(obj)


def chain_hash(prev: str, event_bytes: bytes) -> str:
    """Link ``event_bytes`` to its predecessor's hash."""
    return hashlib.sha256(prev.encode("ascii") + b"\n" + event_bytes).hexdigest()


class OutOfBounds(ValueError):
    """An event holding a value the ledger's readers could not fold; it is never sealed.

    ``field`` names the value as the rules do ("lines[1].amount"), ``limits`` is the range it
    must fall in (None for a recorded time without its time zone, which has no place in it).
    """

    def __init__(self, field: str, value: object, limits: tuple[object, object] | None):
        self.field, self.value, self.limits = field, value, limits
        where = f"outside {limits[0]}..{limits[1]}" if limits else "without a time zone"
        super().__init__(f"{field}: {value!r} is {where}")


_AMOUNTS = (-AMOUNT_LIMIT, AMOUNT_LIMIT)
#: a recorded time is read in UTC: one whose UTC is past the calendar cannot be
_TIMES = (datetime.datetime.min.isoformat() + "Z", datetime.datetime.max.isoformat() + "Z")


def check_bounds(event: Event) -> None:
    """Raise ``OutOfBounds`` for the first value no reader could fold: an amount past
    ``AMOUNT_LIMIT``, a year outside ``YEAR_LIMITS``, a version past the amount limit, or a
    recorded time without its zone or whose UTC is past the calendar. The rules refuse the
    amounts and years first, in words a clerk reads; this is the last guard, so nothing the
    rules let by is ever stored."""
    kind = type(event)
    for name in YEAR_FIELDS[kind]:
        year = getattr(event, name)
        if year is not None and not YEAR_LIMITS[0] <= year <= YEAR_LIMITS[1]:
            raise OutOfBounds(name, year, YEAR_LIMITS)
    for name in AMOUNT_FIELDS[kind]:
        items = getattr(event, name)
        for item in items:
            if not -AMOUNT_LIMIT <= item.amount <= AMOUNT_LIMIT:
                raise OutOfBounds(f"{name}[{items.index(item) + 1}].amount", item.amount, _AMOUNTS)
    if not -AMOUNT_LIMIT <= event.v <= AMOUNT_LIMIT:
        raise OutOfBounds("v", event.v, _AMOUNTS)
    at = event.recorded_at
    offset = at.utcoffset()
    if offset is None:
        raise OutOfBounds("recorded_at", at.isoformat(), None)
    if offset:  # only a time away from UTC can fall off the calendar when read in it
        try:
            at.astimezone(datetime.timezone.utc)
        except OverflowError:
            raise OutOfBounds("recorded_at", at.isoformat(), _TIMES) from None


def seal(event: Event, seq: int, prev: str) -> tuple[Stored, bytes]:
    """Place an event in the chain; return the record and its stored bytes.

    ``OutOfBounds`` if the event holds a value no reader could fold (``check_bounds``).
    """
    check_bounds(event)
    body = canonical(event)
    digest = chain_hash(prev, body)
    record = Stored(seq=seq, prev=prev, hash=digest, event=event)  # type: ignore[arg-type]
    data = b'{"event":' + body + b',"hash":"' + digest.encode() + b'","prev":"' + prev.encode() + b'","seq":' + str(seq).encode() + b"}"
    return record, data


#: how ``seal`` begins every stored record
_EVENT_KEY = b'{"event":'


def event_bytes(data: bytes, record: Stored) -> bytes:
    """The event's bytes in ``data``, the stored form of ``record``, exactly as ``seal`` hashed them.

    ``seal`` lays a record out as ``{"event":`` + the event's bytes + a tail of fixed form,
    so they are a slice of ``data`` and no second decode is needed; bytes laid out otherwise
    (a record written by hand) give their ``event`` member as it stands.
    """
    tail = b',"hash":"%s","prev":"%s","seq":%d}' % (record.hash.encode(), record.prev.encode(), record.seq)
    if data.startswith(_EVENT_KEY) and data.endswith(tail):
        return data[len(_EVENT_KEY):-len(tail)]
    return bytes(decode_raw(data).event)


def sealed(data: bytes, seq: int, prev: str, digest: str) -> bool:
    """Whether ``data`` is laid out exactly as ``seal`` lays out the record at ``seq`` after ``prev`` with the
    hash ``digest``, and its event's bytes hash to it: the whole check of a stored row, in one pass.

    Written out, not built from ``event_bytes`` and ``chain_hash``: opening a big ledger runs it once per
    event. False says only that this row is not the usual one: ``event_bytes`` reads any other layout.
    """
    link = prev.encode()
    tail = b',"hash":"' + digest.encode() + b'","prev":"' + link + b'","seq":' + str(seq).encode() + b"}"
    return (data.startswith(_EVENT_KEY) and data.endswith(tail)
            and hashlib.sha256(link + b"\n" + data[len(_EVENT_KEY):-len(tail)]).hexdigest() == digest)
class Sealed(NamedTuple):
    """A stored record's parts, cut where ``seal`` put them: the event bytes are a slice, not a parse."""

    seq: int
    prev: str
    hash: str
    event: bytes


_OPENING = b'{"event":'
#: what ``seal`` writes after the event; at most 175 bytes (an 18-digit position)
_CLOSING = re.compile(rb',"hash":"([0-9a-f]{64})","prev":"([0-9a-f]{64})","seq":(0|[1-9][0-9]{0,17})\}')
CLOSING_MAX = 175


def split_stored(data: bytes) -> Sealed | None:
    """The parts of a record laid out exactly as ``seal`` lays it out; None for anything else.

    The closing starts at the last ``,"hash":"`` (nothing after it can hold another), so one
    search from the end and one match of at most 175 bytes find it, however long the event.
    """
    if type(data) is not bytes or not data.startswith(_OPENING):
        return None
    at = data.rfind(b',"hash":"', max(len(data) - CLOSING_MAX, len(_OPENING)))
    found = _CLOSING.fullmatch(data, at) if at > 0 else None
    if found is None:
        return None
    return Sealed(int(found[3]), found[2].decode(), found[1].decode(), data[len(_OPENING):at])


def decode_event(data: bytes) -> Event:
    return _event_decoder.decode(data)


def decode_stored(data: bytes) -> Stored:
    return _stored_decoder.decode(data)


def decode_stored_many(rows: list[bytes]) -> list[Stored]:
    """Decode many stored records in one call: one JSON array, no per-row Python overhead."""
    if not rows:
        return []
    return _stored_list_decoder.decode(b"[" + b",".join(rows) + b"]")


def decode_raw(data: bytes) -> StoredRaw:
    return _raw_decoder.decode(data)
