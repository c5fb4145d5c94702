"""The database's own guard on the event log: a row it appends must continue the chain.

Every row inserted into the events table passes a ``BEFORE INSERT`` trigger, whoever sends
it (Kirjuri, a clerk's raw SQL, a restore), which accepts it only if

- it is the ledger's stream, at the head's position plus one,
- its stored bytes are a record exactly as ``events.codec.seal`` lays it out: its ``seq`` is
  its position, its ``prev`` the head's hash, its ``hash`` SHA-256 of that link and its
  event bytes (``events.codec.chain_hash``),
- its event is JSON of a known kind, equal to its topic, every field what that kind holds,
  every amount within ``AMOUNT_LIMIT`` and every year a year (on SQLite also spelled exactly
  as Kirjuri encodes it; PostgreSQL's guard leaves the spelling to ``kirjuri verify``),
- its recorded time is not after the database's clock (``SKEW`` allowed) nor before the head's,
- the stamps (``stored_at``, ``stored_by``) are the database's: on PostgreSQL the trigger
  writes the server's clock and ``session_user`` whatever the client sent, and refuses a
  client that names its own unless it may act as the table's owner (a restore of a backup
  keeps the backup's stamps). On SQLite there is no server: the stamps are the writing
  process's clock and OS user, and the guard checks that they are.

PostgreSQL runs the check in PL/pgSQL (``postgres_statements``), generated here from the
event vocabulary so the two cannot drift. SQLite calls ``Guard``, a function Kirjuri
registers on each connection it opens, from its trigger (``sqlite_trigger``): a connection
without it (the sqlite3 shell) cannot append at all ("no such function: kirjuri_guard").
The Python check uses the same codec as ``kirjuri verify``: the layout, the chain hash, the
canonical encoding and the msgspec decoder the readers fold with.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
import threading
from contextlib import contextmanager
from typing import Iterator, NamedTuple

import msgspec
import msgspec.inspect as mi

from events.codec import CLOSING_MAX, GENESIS, canonical, chain_hash, decode_event, split_stored
from events.model import AMOUNT_LIMIT, EVENT_TYPES, KINDS, Event, Stored, kind_of

#: how far ahead of the database's clock an event's recorded time may be
SKEW = dt.timedelta(minutes=1)
INT64 = (-(2**63), 2**63 - 1)
#: integer fields bounded tighter than int64, by name: what a reader can fold
BOUNDS: dict[str, tuple[int, int]] = {
    "amount": (-AMOUNT_LIMIT, AMOUNT_LIMIT),
    "year": (1, 9999),
    "from_year": (1, 9999),
    # issue 17: a carry-over's and a project's years, a project's cost estimate (a positive amount)
    "to_year": (1, 9999),
    "first_year": (1, 9999),
    "last_year": (1, 9999),
    "cost_estimate": (0, AMOUNT_LIMIT),
    # s23-rules: an adoption's rounding tolerance, in cents
    "tolerance": (0, AMOUNT_LIMIT),
}
#: the marker that a database refusal is the guard's (the CLI says it in one line)
REFUSED = "the event log refused"

#: why the guard refuses a row, by code
REASONS: dict[str, str] = {
    "stream": "it is not of the ledger's stream",
    "taken": "its position is taken (another writer appended first)",
    "position": "its position is not the head's plus one",
    "head": "the event before it is damaged: nothing can be appended after it",
    "layout": "its stored bytes are not a sealed record",
    "seq": "its record names another position than the one it is stored at",
    "link": "its link is not the head's hash",
    "hash": "its hash is not SHA-256 of its link and its event",
    "json": "its event is not JSON of a known kind",
    "canonical": "its event is not in its canonical encoding",
    "topic": "its topic is not its event's kind",
    "field": "a field of its event does not hold what its kind holds",
    "amount": "an amount in it is past the limit of ±999 999 999 999,99 €",
    "future": "its recorded time is after the database's clock",
    "earlier": "its recorded time is before the head's",
    "stamp": "its stamps (stored_at, stored_by) are the database's to write",
}


def os_user() -> str:
    """The OS user this process runs as: on SQLite, the stamp's "who"."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}"


#: each event type's integer fields with their bounds (``BOUNDS``, else int64)
_INT_FIELDS = {cls: tuple((f.name, *BOUNDS.get(f.name, INT64)) for f in mi.type_info(cls).fields
                          if isinstance(f.type, mi.IntType)) for cls in EVENT_TYPES}


def out_of_bounds(event: Event) -> str | None:
    """The first integer field of ``event`` past what a reader can fold: "amount", the field's name, or None."""
    for name, low, high in _INT_FIELDS[type(event)]:
        if not low <= getattr(event, name) <= high:
            return name
    for items in (getattr(event, "lines", ()), getattr(event, "moves", ())):
        for item in items:
            if not -AMOUNT_LIMIT <= item.amount <= AMOUNT_LIMIT:
                return "amount"
    return None


class _Recorded(msgspec.Struct):
    recorded_at: dt.datetime


class _Kind(msgspec.Struct):
    kind: str


_recorded = msgspec.json.Decoder(_Recorded)
_kind = msgspec.json.Decoder(_Kind)


class Refusal(NamedTuple):
    code: str
    detail: str = ""

    def sentence(self, seq: object) -> str:
        """As the CLI says it: "the event log refused event #5: its link is not the head's hash"."""
        return f"{REFUSED} event #{seq}: {REASONS[self.code]}{f' ({self.detail})' if self.detail else ''}"


class Guard:
    """``kirjuri_guard(stream, seq, topic, state, stored_at, stored_by, head_seq, head_state)`` on SQLite.

    Returns None for a row it accepts, else the code of ``REASONS`` the trigger turns into
    its refusal. The sentence with the details (``last_refusal``) is kept per thread for the
    writer that sent the row. The head accepted last is remembered (its bytes compared), so
    a bulk append decodes each row once.

    A Kirjuri writer in this process vouches for the rows it sealed (``vouching``): bytes equal
    to what ``seal`` made of an event it holds are that event's canonical encoding, hashed to
    its link, so for them the guard checks the event it was given (kind, bounds, times) and the
    link to the stored head, without decoding the bytes again. Any other row is decoded. (A
    process that can register this function could as well register another: on SQLite the
    guard keeps the shell and mistakes out, not someone who can write the file.)
    """

    def __init__(self, stream: str, user: str | None = None):
        self.stream = stream
        self.user = user or os_user()
        self._local = threading.local()

    def register(self, conn) -> None:
        conn.create_function("kirjuri_guard", 8, self)

    def stamp(self) -> tuple[str, str]:
        """What a Kirjuri writer stores as (stored_at, stored_by) on SQLite: now, and the OS user."""
        return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds"), self.user

    @contextmanager
    def vouching(self, records: list[tuple[Stored, bytes]]) -> Iterator[None]:
        """While the block appends ``records`` (sealed by ``seal`` in this thread), take their bytes as theirs."""
        self._local.vouched = {record.seq: (record, data) for record, data in records}
        try:
            yield
        finally:
            self._local.vouched = None

    @property
    def last_refusal(self) -> str | None:
        return getattr(self._local, "refusal", None)

    def __call__(self, stream, seq, topic, state, stored_at, stored_by, head_seq, head_state) -> str | None:
        refusal = self.check(stream, seq, topic, state, stored_at, stored_by, head_seq, head_state)
        self._local.refusal = None if refusal is None else refusal.sentence(seq)
        return None if refusal is None else refusal.code

    def check(self, stream, seq, topic, state, stored_at, stored_by, head_seq, head_state) -> Refusal | None:
        if stream != self.stream:
            return Refusal("stream", repr(stream))
        now = dt.datetime.now(dt.timezone.utc)
        refused = self._stamps(stored_at, stored_by, now)
        if refused is not None:
            return refused
        head_seq = head_seq or 0
        if not isinstance(seq, int) or seq <= head_seq:
            return Refusal("taken", f"the head is #{head_seq}")
        if seq != head_seq + 1:
            return Refusal("position", f"the head is #{head_seq}")
        mine = self._vouched(seq, state)
        sealed = None
        if mine is None:
            sealed = split_stored(state)
            if sealed is None:
                return Refusal("layout")
            if sealed.seq != seq:
                return Refusal("seq", f"it says #{sealed.seq}")
        head = self._head(head_state)
        if head is None:
            return Refusal("head")
        head_hash, head_time = head
        if (mine or sealed).prev != head_hash:
            return Refusal("link")
        if mine is not None:
            refused, at = _checked(mine.event, topic, head_time, now)
        elif chain_hash(sealed.prev, sealed.event) != sealed.hash:
            return Refusal("hash")
        else:
            refused, at = _decoded(sealed.event, topic, head_time, now)
        if refused is None:
            self._local.head = (state, (mine or sealed).hash, at)
        return refused

    def _vouched(self, seq: int, state) -> Stored | None:
        """The record this thread's writer sealed for ``seq``, if ``state`` is its bytes."""
        vouched = getattr(self._local, "vouched", None)
        mine = vouched.get(seq) if vouched else None
        return mine[0] if mine is not None and mine[1] == state else None

    def _stamps(self, stored_at, stored_by, now: dt.datetime) -> Refusal | None:
        """The writer's own clock and OS user, as ``stamp`` gives them: a minute either way. (A batch
        shares one stamp: the last one read is kept.)"""
        if stored_by != self.user or not isinstance(stored_at, str):
            return Refusal("stamp", f"stored_by {stored_by!r}")
        last = getattr(self._local, "stamp", None)
        if last is not None and last[0] == stored_at:
            at = last[1]
        else:
            try:
                at = dt.datetime.fromisoformat(stored_at)
            except ValueError:
                return Refusal("stamp", f"stored_at {stored_at!r}")
            self._local.stamp = (stored_at, at)
        if at.tzinfo is None or abs(at - now) > SKEW:
            return Refusal("stamp", f"stored_at {stored_at!r}")
        return None

    def _head(self, head_state) -> tuple[str, dt.datetime | None] | None:
        """The head's hash and recorded time (GENESIS and None before the first event); None if damaged."""
        if head_state is None:
            return GENESIS, None
        last = getattr(self._local, "head", None)
        if last is not None and last[0] == head_state:
            return last[1], last[2]
        sealed = split_stored(head_state)
        if sealed is None:
            return None
        try:
            return sealed.hash, _recorded.decode(sealed.event).recorded_at
        except (msgspec.DecodeError, msgspec.ValidationError):
            return None


def _decoded(body: bytes, topic, head_time: dt.datetime | None,
             now: dt.datetime) -> tuple[Refusal | None, dt.datetime | None]:
    """Event bytes from anyone, with the decoder every reader folds with: JSON of a known kind, a
    field each, canonical, then what ``_checked`` asks of the event."""
    try:
        event = decode_event(body)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        return _undecodable(body, topic, exc), None
    refused, at = _checked(event, topic, head_time, now)
    if refused is None and canonical(event) != body:
        return _not_canonical(event, body), None
    return refused, at


def _checked(event: Event, topic, head_time: dt.datetime | None,
             now: dt.datetime) -> tuple[Refusal | None, dt.datetime | None]:
    """The event: its kind is its topic, its integers within bounds, its recorded time with a zone, not
    after ``now`` (``SKEW`` allowed) nor before the head's; and that time, for the next row."""
    kind = event.__struct_config__.tag
    if kind != topic:
        return Refusal("topic", f"{topic!r}, the event is {kind!r}"), None
    bound = out_of_bounds(event)
    if bound is not None:
        return (Refusal("amount") if bound == "amount" else Refusal("field", bound)), None
    at = event.recorded_at
    if at.tzinfo is None:
        return Refusal("field", "recorded_at has no time zone"), None
    if at > now + SKEW:
        return Refusal("future", at.isoformat()), None
    if head_time is not None and at < head_time:
        return Refusal("earlier", f"{at.isoformat()} < {head_time.isoformat()}"), None
    return None, at


def _undecodable(body: bytes, topic, error: Exception) -> Refusal:
    """Why the decoder refused ``body``, in the order PostgreSQL's guard asks: not JSON of a known kind,
    a kind that is not the topic, or a field."""
    try:
        kind = _kind.decode(body).kind
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        return Refusal("json", str(exc))
    if kind not in KINDS:
        return Refusal("json", f"no event is of kind {kind!r}")
    if kind != topic:
        return Refusal("topic", f"{topic!r}, the event is {kind!r}")
    return Refusal("field", str(error))


def _not_canonical(event: Event, body: bytes) -> Refusal:
    """Why ``body`` is not ``event``'s encoding: a field its kind does not have, in the event or in
    anything it holds (which the decoder passed over, and PostgreSQL's guard names), or another
    spelling of the same event."""
    extra = _extra_field(event, msgspec.json.decode(body))
    return Refusal("field", f"a field {kind_of(event)} does not have: {extra}") if extra else Refusal("canonical")


def _extra_field(value: object, doc: object) -> str | None:
    """The first key in ``doc`` (the same value, decoded as plain JSON) that ``value``'s struct has no field for."""
    if isinstance(value, msgspec.Struct) and isinstance(doc, dict) and not value.__struct_config__.array_like:
        tag = value.__struct_config__.tag_field
        extra = sorted(set(doc) - {*value.__struct_fields__, *([tag] if tag else [])})
        if extra:
            return extra[0]
        found = (_extra_field(getattr(value, name), doc.get(name)) for name in value.__struct_fields__)
        return next((name for name in found if name), None)
    if isinstance(value, tuple) and isinstance(doc, list):
        return next((name for name in map(_extra_field, value, doc) if name), None)
    return None


# --- SQLite: the trigger calls the function -----------------------------------------------------


def sqlite_trigger(table: str) -> str:
    """The BEFORE INSERT trigger: the guard's code, each a refusal of its own (RAISE takes a literal)."""
    head = f"FROM {table} WHERE originator_id = NEW.originator_id"
    cases = " ".join(f"WHEN '{code}' THEN RAISE(ABORT, '{_literal(f'{REFUSED} the row: {reason}')}')"
                     for code, reason in REASONS.items())
    return (
        f"CREATE TRIGGER kirjuri_guard BEFORE INSERT ON {table} BEGIN "
        f"/* {VERSION} */ "
        "SELECT CASE coalesce(kirjuri_guard(NEW.originator_id, NEW.originator_version, NEW.topic, NEW.state, "
        f"NEW.stored_at, NEW.stored_by, (SELECT MAX(originator_version) {head}), "
        f"(SELECT state {head} ORDER BY originator_version DESC LIMIT 1)), 'ok') "
        f"WHEN 'ok' THEN NULL {cases} ELSE RAISE(ABORT, '{REFUSED} the row') END; END"
    )


def _literal(text: str) -> str:
    return text.replace("'", "''")


# --- PostgreSQL: the same checks in PL/pgSQL -----------------------------------------------------

_DATE = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
_DATETIME = ("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
             "([.][0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$")


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _check(t: mi.Type, x: str, name: str, depth: int = 0) -> str:
    """SQL true when the jsonb expression ``x`` holds a value of type ``t`` (never raises: each
    cast sits behind a CASE that has already checked what it casts)."""
    if isinstance(t, mi.StrType):
        return f"(jsonb_typeof({x}) = 'string')"
    if isinstance(t, mi.BoolType):
        return f"(jsonb_typeof({x}) = 'boolean')"
    if isinstance(t, mi.NoneType):
        return f"(jsonb_typeof({x}) = 'null')"
    if isinstance(t, mi.IntType):
        low, high = BOUNDS.get(name, INT64)
        low, high = max(low, -(2**63) if t.ge is None else t.ge), min(high, 2**63 - 1 if t.le is None else t.le)
        return (f"(CASE WHEN jsonb_typeof({x}) = 'number' THEN ({x})::numeric BETWEEN {low} AND {high} "
                f"AND ({x})::numeric = trunc(({x})::numeric) ELSE false END)")
    if isinstance(t, (mi.DateType, mi.DateTimeType)):
        pattern, cast = (_DATE, "date") if isinstance(t, mi.DateType) else (_DATETIME, "timestamptz")
        return (f"(CASE WHEN jsonb_typeof({x}) = 'string' AND ({x} #>> '{{}}') ~ {_sql_text(pattern)} "
                f"THEN ({x} #>> '{{}}')::{cast} IS NOT NULL ELSE false END)")
    if isinstance(t, mi.LiteralType):
        values = ", ".join(_sql_text(json.dumps(v)) for v in t.values)
        return f"({x} = ANY (ARRAY[{values}]::jsonb[]))"
    if isinstance(t, mi.UnionType):
        return "(" + " OR ".join(_check(u, x, name, depth) for u in t.types) + ")"
    if isinstance(t, mi.VarTupleType):
        # one jsonpath over the items (a subquery per field cost 70 us a row); strict for items that
        # are arrays, which lax mode would unwrap into their elements before the filter sees them
        items = t.item_type
        mode = "strict" if isinstance(items, mi.StructType) and items.array_like else "lax"
        item = _sql_text(f"{mode} $[*] ? (!({_path(items, '@', name)}))")
        return (f"(CASE WHEN jsonb_typeof({x}) IS DISTINCT FROM 'array' THEN false "
                f"ELSE NOT jsonb_path_exists({x}, {item}) END)")
    if isinstance(t, mi.StructType) and t.array_like:
        required = sum(f.required for f in t.fields)
        checks = [_check(f.type, f"({x} -> {i})", f.name, depth) if f.required else
                  f"(jsonb_array_length({x}) <= {i} OR {_check(f.type, f'({x} -> {i})', f.name, depth)})"
                  for i, f in enumerate(t.fields)]
        return (f"(CASE WHEN jsonb_typeof({x}) IS DISTINCT FROM 'array' THEN false "
                f"WHEN jsonb_array_length({x}) NOT BETWEEN {required} AND {len(t.fields)} THEN false "
                f"ELSE {' AND '.join(checks)} END)")
    if isinstance(t, mi.StructType):
        return (f"(CASE WHEN jsonb_typeof({x}) IS DISTINCT FROM 'object' THEN false ELSE "
                f"{_known_keys(t, x, depth)} AND "
                + " AND ".join(_field(f, x, depth) for f in t.fields) + " END)")
    raise TypeError(f"no SQL check for {t!r} (field {name})")


def _keys(t: mi.StructType) -> list[str]:
    return ([t.tag_field] if t.tag_field else []) + [f.encode_name for f in t.fields]


def _known_keys(t: mi.StructType, x: str, depth: int) -> str:
    """True when the object ``x`` has no key but ``t``'s: what is left after taking them away is empty."""
    names = ", ".join(_sql_text(k) for k in _keys(t))
    return f"(({x}) - ARRAY[{names}]::text[]) = '{{}}'::jsonb"


def _path(t: mi.Type, at: str, name: str) -> str:
    """A jsonpath predicate true when the item ``at`` holds a value of type ``t``; for the types an
    event's tuples hold. Each type or size test comes first: ``false && x`` is false, x unevaluated,
    so in strict mode no access after it can fail (a failure would make the item pass as unknown)."""
    if isinstance(t, (mi.StrType, mi.BoolType, mi.NoneType)):
        kind = {mi.StrType: "string", mi.BoolType: "boolean", mi.NoneType: "null"}[type(t)]
        return f'{at}.type() == "{kind}"'
    if isinstance(t, mi.IntType):
        low, high = BOUNDS.get(name, INT64)
        return f'({at}.type() == "number" && {at} == {at}.floor() && {at} >= {low} && {at} <= {high})'
    if isinstance(t, mi.LiteralType):
        return "(" + " || ".join(f"{at} == {json.dumps(v)}" for v in t.values) + ")"
    if isinstance(t, mi.StructType) and t.array_like:
        required = sum(f.required for f in t.fields)
        checks = [_path(f.type, f"{at}[{i}]", f.name) if f.required else
                  f"({at}.size() <= {i} || {_path(f.type, f'{at}[{i}]', f.name)})" for i, f in enumerate(t.fields)]
        return (f'({at}.type() == "array" && {at}.size() >= {required} && {at}.size() <= {len(t.fields)} && '
                + " && ".join(checks) + ")")
    if isinstance(t, mi.StructType):
        unknown = " && ".join(f'@.key != "{k}"' for k in _keys(t))
        checks = [f'exists({at}."{f.encode_name}") && {_path(f.type, f"{at}.{json.dumps(f.encode_name)}", f.name)}'
                  if f.required else
                  f'(!exists({at}."{f.encode_name}") || {_path(f.type, f"{at}.{json.dumps(f.encode_name)}", f.name)})'
                  for f in t.fields]
        return (f'({at}.type() == "object" && !exists({at}.keyvalue() ? ({unknown})) && '
                + " && ".join(checks) + ")")
    raise TypeError(f"no jsonpath check for {t!r} (field {name})")


def _field(f: mi.Field, x: str, depth: int) -> str:
    value = _check(f.type, f"({x} -> {_sql_text(f.encode_name)})", f.name, depth + 1)
    if f.required:
        return f"({x} ? {_sql_text(f.encode_name)} AND {value})"
    return f"(NOT {x} ? {_sql_text(f.encode_name)} OR {value})"


def _first_failing(checks: list[tuple[str, str]]) -> str:
    """PL/pgSQL setting ``problem`` to the name of the first (name, check) that fails: one expression for
    all (each PL/pgSQL expression costs a few us), which one only when it fails."""
    steps = " ".join(f"{'IF' if i == 0 else 'ELSIF'} ({check}) IS NOT TRUE THEN problem := {_sql_text(name)};"
                     for i, (name, check) in enumerate(checks))
    return f"IF ({' AND '.join(check for _name, check in checks)}) IS NOT TRUE THEN {steps} END IF; END IF;"


def _kind_checks() -> str:
    """The fields every event has, then one WHEN per kind for its keys and its own fields: the first that
    does not hold what the kind holds, into ``problem`` (the function stays small: compiled once a session)."""
    common = set(Event.__struct_fields__)
    shared = [f for f in mi.type_info(EVENT_TYPES[0]).fields if f.name in common]
    whens = []
    for cls in EVENT_TYPES:
        info = mi.type_info(cls)
        own = [(f.encode_name, _field(f, "doc", 0)) for f in info.fields if f.name not in common]
        checks = [(f"a field no {info.tag} event has", _known_keys(info, "doc", 0)), *own]
        whens.append(f"WHEN {_sql_text(info.tag)} THEN {_first_failing(checks)}")
    return (_first_failing([(f.encode_name, _field(f, "doc", 0)) for f in shared])
            + " IF problem IS NULL THEN CASE doc ->> 'kind' " + " ".join(whens)
            + " ELSE problem := 'kind'; END CASE; END IF;")


def _raise(code: str, detail: str | None = None, errcode: str = "check_violation") -> str:
    """A PL/pgSQL RAISE of ``code``'s sentence for the row at NEW's position, with an SQL ``detail``."""
    if detail is None:
        return (f"RAISE EXCEPTION '{REFUSED} event #%: {_literal(REASONS[code])}', NEW.originator_version "
                f"USING ERRCODE = '{errcode}';")
    return (f"RAISE EXCEPTION '{REFUSED} event #%: {_literal(REASONS[code])} (%)', NEW.originator_version, "
            f"{detail} USING ERRCODE = '{errcode}';")


def _amounts_past_limit() -> str:
    over = f"(@ > {AMOUNT_LIMIT} || @ < -{AMOUNT_LIMIT})"
    return (f"jsonb_path_exists(doc, '$.lines[*][2] ? {over}') "
            f"OR jsonb_path_exists(doc, '$.moves[*].amount ? {over}')")


def _closing(state: str, position: str, into: str) -> str:
    """PL/pgSQL setting ``into`` to ARRAY[hash, prev] if ``state`` closes exactly as ``seal`` closes the
    record at ``position`` (fixed offsets, no search: a regex over the tail cost 0.4 ms a row), else NULL."""
    c = f"(156 + length({position}::text))"
    return f"""{into} := NULL;
  IF length({state}) >= 11 + {c} THEN
    closing := substring({state} FROM length({state}) - {c} + 1);
    IF substring(closing FROM 1 FOR 9) = ',"hash":"'::bytea AND substring(closing FROM 74 FOR 10) = '","prev":"'::bytea
       AND substring(closing FROM 148 FOR 8) = '","seq":'::bytea
       AND substring(closing FROM 156) = convert_to({position}::text || '}}', 'UTF8') THEN
      {into} := ARRAY[encode(substring(closing FROM 10 FOR 64), 'escape'),
                      encode(substring(closing FROM 84 FOR 64), 'escape')];
      IF {into}[1] ~ '[^0-9a-f]' OR {into}[2] ~ '[^0-9a-f]' THEN {into} := NULL; END IF;
    END IF;
  END IF;"""


def postgres_function(table: str, stream: str) -> str:
    """``kirjuri_guard()``: the trigger function; one function, so a role needs no right to call helpers.
    ``table`` is schema-qualified: pg_restore runs it with an empty search_path.

    It does not ask for the canonical spelling (key order, white space): a row spelled otherwise
    still decodes for every reader, and `kirjuri verify` reports it. What would not decode is refused,
    a number with a fraction or an exponent included (the text is searched outside its strings only
    when a number token could have one: stripping the strings costs 30 us a row).
    """
    closing_re = r"""',"hash":"[0-9a-f]{64}","prev":"[0-9a-f]{64}","seq":(0|[1-9][0-9]{0,17})\}$'"""
    opening = "'\\x7b226576656e74223a'::bytea"  # {"event":
    body = f"""
DECLARE
  size int := length(NEW.state);
  parts text[]; head_parts text[]; closing bytea;
  body bytea; head_body bytea; body_text text;
  head_seq bigint; head_state bytea; head_hash text := '{GENESIS}';
  doc jsonb; recorded timestamptz; head_recorded text; problem text;
BEGIN
  IF NEW.originator_id IS DISTINCT FROM {_sql_text(stream)} THEN {_raise('stream', 'NEW.originator_id')} END IF;
  IF NEW.stored_at IS NOT NULL OR NEW.stored_by IS NOT NULL THEN
    IF NOT pg_has_role((SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE') THEN
      {_raise('stamp', 'session_user')}
    END IF;
  END IF;
  NEW.stored_at := coalesce(NEW.stored_at, clock_timestamp());
  NEW.stored_by := coalesce(NEW.stored_by, session_user);
  SELECT originator_version, state INTO head_seq, head_state FROM {table}
    WHERE originator_id = NEW.originator_id ORDER BY originator_version DESC LIMIT 1;
  head_seq := coalesce(head_seq, 0);
  IF NEW.originator_version <= head_seq THEN
    {_raise('taken', "'the head is #' || head_seq", 'unique_violation')}
  END IF;
  IF NEW.originator_version <> head_seq + 1 THEN {_raise('position', "'the head is #' || head_seq")} END IF;
  IF NEW.state IS NULL OR size < 168 OR substring(NEW.state FROM 1 FOR 9) <> {opening} THEN {_raise('layout')} END IF;
  {_closing('NEW.state', 'NEW.originator_version', 'parts')}
  IF parts IS NULL THEN
    head_parts := regexp_match(encode(substring(NEW.state FROM greatest(size - {CLOSING_MAX - 1}, 10)), 'escape'),
                               {closing_re});
    IF head_parts IS NOT NULL THEN {_raise('seq', "'it says #' || head_parts[1]")} END IF;
    {_raise('layout')}
  END IF;
  IF head_state IS NOT NULL THEN
    {_closing('head_state', 'head_seq', 'head_parts')}
    IF head_parts IS NULL THEN {_raise('head')} END IF;
    head_hash := head_parts[1];
    head_body := substring(head_state FROM 10 FOR length(head_state) - 165 - length(head_seq::text));
    head_recorded := substring(encode(head_body, 'escape') FROM ',"recorded_at":"([^"]*)"');
    IF head_recorded IS NULL OR head_recorded !~ {_sql_text(_DATETIME)} THEN {_raise('head')} END IF;
  END IF;
  IF parts[2] <> head_hash THEN {_raise('link')} END IF;
  body := substring(NEW.state FROM 10 FOR size - 165 - length(NEW.originator_version::text));
  IF encode(sha256(convert_to(parts[2], 'UTF8') || '\\x0a'::bytea || body), 'hex') <> parts[1] THEN
    {_raise('hash')}
  END IF;
  BEGIN
    body_text := convert_from(body, 'UTF8');
    doc := body_text::jsonb;
  EXCEPTION WHEN others THEN
    {_raise('json', 'SQLERRM')}
  END;
  IF jsonb_typeof(doc) IS DISTINCT FROM 'object' THEN {_raise('json')} END IF;
  IF (doc ->> 'kind') IS NULL OR NOT (doc ->> 'kind') = ANY (ARRAY[{', '.join(_sql_text(k) for k in KINDS)}]) THEN
    {_raise('json', "'no event is of kind ' || coalesce(doc ->> 'kind', 'none')")}
  END IF;
  IF (doc ->> 'kind') IS DISTINCT FROM NEW.topic THEN
    {_raise('topic', "coalesce(NEW.topic, 'none') || ', the event is ' || coalesce(doc ->> 'kind', 'of no kind')")}
  END IF;
  IF body_text ~ '":-?[0-9]+[.eE]|[,[]-?[0-9]+[.eE]'
     AND regexp_replace(body_text, '"(?:[^"\\\\]|\\\\.)*"', '""', 'g') ~ '[0-9][.eE]' THEN
    {_raise('field', "'a number is not an integer'")}
  END IF;
  IF {_amounts_past_limit()} THEN {_raise('amount')} END IF;
  {_kind_checks()}
  IF problem IS NOT NULL THEN {_raise('field', 'problem')} END IF;
  recorded := (doc ->> 'recorded_at')::timestamptz;
  IF recorded > clock_timestamp() + interval '{int(SKEW.total_seconds())} seconds' THEN
    {_raise('future', 'recorded')}
  END IF;
  IF head_recorded IS NOT NULL AND recorded < head_recorded::timestamptz THEN
    {_raise('earlier', "recorded || ' < ' || head_recorded")}
  END IF;
  RETURN NEW;
END"""
    return f"CREATE OR REPLACE FUNCTION kirjuri_guard() RETURNS trigger LANGUAGE plpgsql AS $guard${body}$guard$"


def postgres_statements(table: str, stream: str) -> list[str]:
    """The guard's function (marked with ``VERSION``) and its trigger on ``table``."""
    return [
        postgres_function(table, stream),
        f"COMMENT ON FUNCTION kirjuri_guard() IS {_sql_text(VERSION)}",
        f"CREATE OR REPLACE TRIGGER kirjuri_guard BEFORE INSERT ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION kirjuri_guard()",
    ]


def _version() -> str:
    """A digest of what the guard checks: a ledger whose guard has another is given this one on opening."""
    source = postgres_function("t", "s") + repr(sorted(REASONS.items())) + repr(sorted(KINDS)) + repr(BOUNDS)
    return "kirjuri guard " + hashlib.sha256(source.encode()).hexdigest()[:16]


VERSION = _version()
