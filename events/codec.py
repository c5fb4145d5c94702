"""The one canonical encoding of events, and the hash chain over it.

Canonical = compact UTF-8 JSON with every struct's fields in declared order (the
``kind`` tag first) and any mapping's keys sorted: msgspec's "deterministic" order. The
same event always gives the same bytes, so a hash over them is stable; the field order
is part of the schema, which is why every event carries its version ``v``. Tag first
also lets a decoder choose the event type without scanning ahead.
"""

from __future__ import annotations

import hashlib

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
