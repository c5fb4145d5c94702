"""The one canonical encoding of events, and the hash chain over it.

Canonical = compact UTF-8 JSON with every struct's fields in declared order (the
``kind`` tag first) and any mapping's keys sorted: msgspec's "deterministic" order. The
same event always gives the same bytes, so a hash over them is stable; the field order
is part of the schema, which is why every event carries its version ``v``. Tag first
also lets a decoder choose the event type without scanning ahead.
"""

from __future__ import annotations

import hashlib
import re
from typing import NamedTuple

import msgspec

from events.model import AnyEvent, Event, Stored

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


def seal(event: Event, seq: int, prev: str) -> tuple[Stored, bytes]:
    """Place an event in the chain; return the record and its stored bytes."""
    body = canonical(event)
    digest = chain_hash(prev, body)
    record = Stored(seq=seq, prev=prev, hash=digest, event=event)  # type: ignore[arg-type]
    data = b'{"event":' + body + b',"hash":"' + digest.encode() + b'","prev":"' + prev.encode() + b'","seq":' + str(seq).encode() + b"}"
    return record, data


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
