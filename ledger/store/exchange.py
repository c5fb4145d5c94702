"""Export the complete log (ids, times, hashes) and restore an identical ledger from it.

JSON is the archival format (one record per line inside the array, so two exports
diff line by line); TOML is for people who read the log in an editor. A control or bidi
character in a stored string is written as its \\u escape (``ledger.domain.text.in_json``): the
same document, which restores to the same hashes, but one a terminal it is printed on
does not act on.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import IO, Iterable

import msgspec
import tomli_w

from events.codec import GENESIS, OutOfBounds, canonical, chain_hash, check_bounds
from events.model import Stored
from ledger.domain.text import in_json
from ledger.locale.reason import Reason

FORMAT = 1
_BUILTINS = (dt.date, dt.datetime)


def _drop_none(value):
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


def write_json(records: Iterable[list[Stored]], out: IO[str], head: str, count: int) -> None:
    out.write(f'{{"kirjuri_export": {FORMAT}, "count": {count}, "head": "{head}", "events": [\n')
    first = True
    for chunk in records:
        for record in chunk:
            out.write(("" if first else ",\n") + in_json(msgspec.json.encode(record).decode()))
            first = False
    out.write("\n]}\n")


def write_toml(records: Iterable[list[Stored]], out: IO[str], head: str, count: int) -> None:
    events = [
        _drop_none(msgspec.to_builtins(record, builtin_types=_BUILTINS))
        for chunk in records for record in chunk
    ]
    out.write(in_json(tomli_w.dumps({"kirjuri_export": FORMAT, "count": count, "head": head, "events": events})))


def read_export(path: Path) -> tuple[str, list[Stored]]:
    """Parse an export (JSON or TOML by content) and check its hash chain; return (head, records).

    An event holding a value no reader could fold (``check_bounds``: an amount past the limit, a
    recorded time without its zone) is refused before anything is written.
    """
    try:
        text = path.read_text(encoding="utf-8")
        doc = json.loads(text) if text.lstrip().startswith("{") else tomllib.loads(text)
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON or TOML, nested past any export's depth
        raise ValueError(Reason("export.unreadable", path=str(path), reason=str(exc))) from None
    if doc.get("kirjuri_export") != FORMAT:
        raise ValueError(Reason("export.format", path=str(path), format=repr(doc.get("kirjuri_export"))))
    if not isinstance(doc.get("events"), list):
        raise ValueError(Reason("export.no_events", path=str(path)))
    try:
        records = msgspec.convert(doc["events"], list[Stored], strict=False)
    except msgspec.ValidationError as exc:
        raise ValueError(Reason("export.vocabulary", path=str(path), reason=str(exc))) from None
    for record in records:
        try:
            check_bounds(record.event)
        except OutOfBounds as exc:
            raise ValueError(Reason("export.bounds", path=str(path), seq=record.seq, reason=str(exc))) from None
    check_chain(records)
    if len(records) != doc["count"] or (records[-1].hash if records else GENESIS) != doc["head"]:
        raise ValueError(Reason("export.count", path=str(path)))
    return doc["head"], records


def check_chain(records: list[Stored]) -> None:
    prev = GENESIS
    for i, record in enumerate(records, 1):
        if record.seq != i or record.prev != prev or chain_hash(prev, canonical(record.event)) != record.hash:
            raise ValueError(Reason("export.chain", seq=i))
        prev = record.hash
