"""A damaged log never takes the ledger down, and never hides.

A stored row edited, deleted, renumbered, relinked, truncated, turned to text or written
past the rules (as a raw client with the owner's rights would, ``test_verify.unlock``):
every reader opens the longest verified prefix (the figures as of the last good event),
every write is refused in one line naming the first bad position, and every command that
reads the ledger says so on stderr. On SQLite and PostgreSQL alike (``target``).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from conftest import Clock
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_ledger_invariants import SETTINGS
from test_store import raw_rows
from test_verify import (
    ADOPTION,
    AMENDMENT,
    CHECKPOINT,
    KV_2025,
    LAST,
    REVERSAL,
    WRONG,
    books,  # noqa: F401 - the fixture
    data_at,
    delete,
    execute,
    insert,
    put,
    records,
    reseal,
)
from typer.testing import CliRunner

from events.codec import seal
from events.model import EntryReversed, Line, Stored
from ledger.app import Kirjuri
from cli.app import app as cli
from ledger.fold.state import STATE_FORMAT, LedgerState
from ledger.store.log import Damaged, Target, checkpoint_digest

D = dt.date
ROOT = Path(__file__).parents[1]
runner = CliRunner()


def reopen(target: Target) -> Kirjuri:
    return Kirjuri(target, author="testi", clock=Clock(dt.datetime(2025, 9, 1, tzinfo=dt.timezone.utc)))


def folded(stored: list[Stored], upto: int) -> LedgerState:
    """The state of the first ``upto`` events as they were written."""
    state = LedgerState()
    state.apply_all(stored[:upto])
    return state


def db(target: Target) -> str:
    return str(target.sqlite_path or target.postgres_url)


# --- the ways a row is damaged, each with the position and the finding a reader stops at -----------------


def edited(target: Target, seq: int, before: list[Stored]) -> tuple[int, str]:
    data = data_at(target, seq)
    put(target, seq, data.replace(b'"author":"testi"', b'"author":"testo"'))
    return seq, "chain.edited"


def undecodable(target: Target, seq: int, before: list[Stored]) -> tuple[int, str]:
    put(target, seq, b'{"event":{"kind":"nothing"}}')
    return seq, "chain.undecodable"


def truncated(target: Target, seq: int, before: list[Stored]) -> tuple[int, str]:
    data = data_at(target, seq)
    put(target, seq, data[: len(data) // 2])
    return seq, "chain.undecodable"


def random_bytes(target: Target, seq: int, before: list[Stored]) -> tuple[int, str]:
    put(target, seq, bytes(range(256)) * 3)
    return seq, "chain.undecodable"


def misnumbered(target: Target, seq: int, before: list[Stored]) -> tuple[int, str]:
    _record, data = seal(before[seq - 1].event, seq + 7, before[seq - 2].hash)
    put(target, seq, data)
    return seq, "chain.misnumbered"


def relinked(target: Target, seq: int, before: list[Stored]) -> tuple[int, str]:
    """Sealed again after another event than the one before it: its own hash holds, its link does not."""
    _record, data = seal(before[seq - 1].event, seq, before[seq - 3].hash)
    put(target, seq, data)
    return seq, "chain.link"


def deleted(target: Target, seq: int, before: list[Stored]) -> tuple[int | None, str | None]:
    """The log skips the position; the last event deleted leaves a shorter log that holds, which only the
    head recorded in the minutes tells apart (test_verify)."""
    delete(target, seq)
    return (None, None) if seq == len(before) else (seq + 1, "chain.skips")


def unfoldable(target: Target, seq: int, before: list[Stored]) -> tuple[int, str]:
    """A reversal of an event that does not exist, sealed into the chain as Kirjuri would seal it."""
    reversal = EntryReversed(id="x-reversal", recorded_at=before[seq - 1].event.recorded_at, author="testi",
                             effective=D(2025, 5, 1), target="no-such-event", reason="käsin")
    reseal(target, [reversal, *[r.event for r in before[seq:]]], seq, before[seq - 2].hash)
    return seq, "rules.unfoldable"


DAMAGES = [edited, undecodable, truncated, random_bytes, misnumbered, relinked, deleted, unfoldable]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("seq", [WRONG, LAST])
def test_a_reader_opens_the_prefix_before_the_first_damaged_row_and_writes_nothing(books, damage, seq):
    before = records(books.target)
    bad, code = damage(books.target, seq, before)
    ledger = reopen(books.target)
    try:
        assert ledger.state.fingerprint() == folded(before, seq - 1).fingerprint()
        if bad is None:
            assert ledger.damage is None
            return
        assert ledger.damage is not None
        assert (ledger.damage.finding.seq, ledger.damage.finding.code) == (bad, code)
        stored = ledger.eventlog.head_seq()
        with pytest.raises(Damaged, match=f"is damaged at #{bad} "):
            ledger.amend(2025, [Line("JL", "MENOT", -1_00)], effective=D(2025, 7, 1), decision=KV_2025)
        queued = Kirjuri(books.target, author="testi", queue_writers=True)
        with pytest.raises(Damaged, match=f"#{bad} "):
            queued.amend(2025, [Line("JL", "MENOT", -1_00)], effective=D(2025, 7, 1), decision=KV_2025)
        queued.close()
        assert ledger.eventlog.head_seq() == stored
        assert ledger.checkpoint() == seq - 1 and ledger.eventlog.checkpointed_seq() == CHECKPOINT
        assert ledger.check_chain().finding.seq == bad
    finally:
        ledger.close()


@pytest.mark.parametrize("queue_writers", [False, True])
def test_a_writer_that_opened_before_a_junk_row_was_appended_finds_it_before_writing(books, queue_writers):
    before = records(books.target)
    books.queue_writers = queue_writers
    insert(books.target, LAST + 1, before[0], b"junk")
    with pytest.raises(Damaged, match=f"#{LAST + 1} "):
        books.amend(2025, [Line("JL", "MENOT", -1_00)], effective=D(2025, 7, 1), decision=KV_2025)
    assert books.damage.finding.seq == LAST + 1 and books.eventlog.head_seq() == LAST + 1
    assert books.state.fingerprint() == folded(before, LAST).fingerprint()


def test_a_row_stored_as_text_is_damage_not_a_crash(tmp_path, books):
    """SQLite lets text into the BLOB column: the same JSON as text is not what Kirjuri stored."""
    if books.target.is_postgres:
        return  # bytea takes no text: the database refuses it (test_db_guard)
    data = data_at(books.target, WRONG)
    put(books.target, WRONG, data.decode())
    ledger = reopen(books.target)
    assert ledger.damage.finding.code == "chain.not_bytes" and ledger.state.seq == WRONG - 1
    assert ledger.damage.finding.what == "the stored record is TEXT, not bytes (BLOB)"
    report = ledger.verify()
    assert [(f.seq, f.code) for c in report.checks if c.name == "chain" for f in c.findings][0] == (
        WRONG, "chain.not_bytes")
    ledger.close()


# --- before the checkpoint: found by the whole chain's check, and by a read of the row -------------------


def test_damage_before_the_checkpoint_is_found_by_the_chain_check_and_the_state_folded_again(books):
    before = records(books.target)
    edited(books.target, AMENDMENT, before)
    ledger = reopen(books.target)
    try:
        assert ledger.damage is None and ledger.state.seq == LAST  # the open trusts the checkpoint at #11
        with pytest.raises(Damaged, match=f"#{AMENDMENT} "):
            ledger.records([AMENDMENT])
        assert ledger.damage.finding.seq == AMENDMENT
        found = ledger.check_chain()
        assert (found.finding.seq, found.finding.code) == (AMENDMENT, "chain.edited")
        assert ledger.state.fingerprint() == folded(before, AMENDMENT - 1).fingerprint()
        with pytest.raises(Damaged):
            ledger.reverse(before[ADOPTION - 1].event.id, reason="x")
    finally:
        ledger.close()


def test_the_checkpoints_anchor_row_edited_is_not_trusted(books):
    before = records(books.target)
    edited(books.target, CHECKPOINT, before)
    ledger = reopen(books.target)
    assert ledger.damage.finding.seq == CHECKPOINT
    assert ledger.state.fingerprint() == folded(before, CHECKPOINT - 1).fingerprint()
    ledger.close()


def test_a_checkpoint_that_does_not_decode_is_passed_over_and_named_by_verify(books):
    """Its digest made to match the junk, as an owner could: the state itself is what cannot be read."""
    from test_verify import execute

    [(seq, head, _state)] = books.eventlog.checkpoints()
    for junk in (b"\x00junk", b"", bytes(range(200))):
        execute(books.target, ("UPDATE kirjuri_checkpoints SET state = ?, digest = ?",
                               (junk, checkpoint_digest(seq, head, junk))))
        ledger = reopen(books.target)
        assert ledger.damage is None and ledger.state.fingerprint() == books.state.fingerprint()
        report = ledger.verify()
        [check] = [c for c in report.checks if c.name == "checkpoints"]
        assert [f.code for f in check.findings][:1] == ["checkpoint.unreadable"], check.findings
        ledger.close()


# --- the command line: the notice, the refusal, never a traceback ---------------------------------------


def kirjuri(target: Target, *args: str):
    return runner.invoke(cli, ["--db", db(target), *args])


READERS = [
    ("head",), ("show", "HP", "--year", "2025"), ("history", "JL"), ("units", "--year", "2025"),
    ("report", "units", "KJ", "--columns", "TA+MUUTOS 2025"), ("proposals",), ("export",),
    ("diff", "JL", "--year", "2025", "--from-known-at", "1.1.2025"),
]


def test_every_command_that_reads_says_where_the_log_is_damaged_and_what_to_do(books, english):
    before = records(books.target)
    edited(books.target, WRONG, before)
    notice = (f"is damaged at #{WRONG} (the event's bytes do not hash to the hash stored with them: it was "
              f"edited): the figures are as of #{WRONG - 1}, the last good event, and nothing can be written; "
              "run `kirjuri verify`, then `kirjuri recover --to NEW`")
    for args in READERS:
        result = kirjuri(books.target, *args)
        assert result.exit_code == 0, (args, result.output)
        lines = result.stderr.splitlines()
        assert lines[-1] == f"kirjuri: warning: ledger: {books.target.describe()!r} {notice}", args
        assert len(lines) == 1, (args, lines)
    assert kirjuri(books.target, "head").stdout.strip() == f"#{WRONG - 1} {before[WRONG - 2].hash}"
    exported = json.loads(kirjuri(books.target, "export").stdout)
    assert len(exported["events"]) == WRONG - 1


WRITERS = [
    ("amend", "2025", "JL:MENOT=-100", "--effective", "1.7.2025", "--decision", "KV 1.1.2025 § 5"),
    ("reverse", "#10", "--reason", "väärin"),
    ("unit", "add", "UUSI", "Uusi yksikkö", "--level", "yksikkö", "--parent", "HP-YH"),
]


def test_every_write_is_refused_in_one_line_naming_the_first_bad_position(books, english):
    before = records(books.target)
    undecodable(books.target, WRONG, before)
    opened = reopen(books.target)
    error = opened.damage.finding.params['error']
    opened.close()
    for args in WRITERS:
        result = kirjuri(books.target, *args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.splitlines() == [
            f"kirjuri: ledger: {books.target.describe()!r} is damaged at #{WRONG} (the stored record does not decode: "
            f"{error}): nothing is written to it; run `kirjuri verify`, "
            "then `kirjuri recover --to NEW`"], args
    assert books.eventlog.head_seq() == LAST


def test_a_backup_whose_head_cannot_be_read_is_refused_in_one_line(books, tmp_path, english):
    """A backup is checked against the head it was taken at: a last event that does not decode has none."""
    undecodable(books.target, LAST, records(books.target))
    result = kirjuri(books.target, "backup", str(tmp_path / "copy.bak"))
    assert result.exit_code == 1, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(f"kirjuri: ledger: {books.target.describe()!r} is damaged at #{LAST} (the stored record "
                           "does not decode") and line.endswith("run `kirjuri verify`, then `kirjuri recover --to NEW`")
    assert not (tmp_path / "copy.bak").exists()


def test_the_real_entry_point_prints_one_line_and_no_traceback(books):
    deleted(books.target, REVERSAL, records(books.target))
    env = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home())}
    for args, status in ((["head"], 0), (["verify"], 1), (WRITERS[0], 1)):
        done = subprocess.run([sys.executable, "-c", "from cli.app import main; main()", "--db", db(books.target),
                               *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
        assert done.returncode == status, (args, done.stderr)
        assert "Traceback" not in done.stderr + done.stdout
        assert len(done.stderr.splitlines()) == (0 if args == ["verify"] else 1), (args, done.stderr)
        assert f"#{REVERSAL + 1}" in (done.stderr or done.stdout)


def test_verify_names_every_kind_of_damage_without_crashing(books):
    before = records(books.target)
    undecodable(books.target, AMENDMENT, before)
    relinked(books.target, LAST, before)
    opened = reopen(books.target)
    report = opened.verify()
    opened.close()
    chain = [(f.seq, f.code) for c in report.checks if c.name == "chain" for f in c.findings]
    assert chain[0] == (AMENDMENT, "chain.undecodable") and (LAST, "chain.link") in chain
    assert msgspec.json.decode(msgspec.json.encode(report.to_builtins()))["passed"] is False


# --- any bytes, any text, any cut: a finding for verify, the prefix for every reader (hypothesis) ----------

#: how the property stores a row: random bytes, text (SQLite lets it into the BLOB column), a number, a cut
STORED = ("bytes", "text", "same text", "number", "cut")
#: what the commands of the property run (each reads the ledger; export also checks the whole chain)
READ = [("head",), ("show", "HP", "--year", "2025"), ("history", "JL"), ("units", "--year", "2025"),
        ("report", "units", "KJ", "--columns", "TA+MUUTOS 2025"), ("export",)]


def ways_to_store(postgres: bool) -> tuple[str, ...]:
    """PostgreSQL's typed column takes only bytes, whole or cut; SQLite's takes any value."""
    return STORED[:1] + STORED[-1:] if postgres else STORED


def stored_value(data, original: bytes, postgres: bool) -> object:
    how = data.draw(st.sampled_from(ways_to_store(postgres)), label="stored as")
    if how == "bytes":
        value = data.draw(st.binary(max_size=700), label="bytes")
    elif how == "text":
        value = data.draw(st.text(max_size=300), label="text")
    elif how == "same text":  # a checkpoint is not UTF-8: its bytes one character each
        value = original.decode("utf-8") if original.startswith(b"{") else original.decode("latin-1")
    elif how == "number":
        value = data.draw(st.integers(-(2 ** 63), 2 ** 63 - 1), label="number")
    else:
        value = original[: data.draw(st.integers(0, len(original) - 1), label="cut at")]
    assume(value != original)
    return value


def another_versions_checkpoint(value: object) -> bool:
    """Bytes that decode as a checkpoint of another format: the ledger never reads one, verify passes it by."""
    try:
        doc = msgspec.msgpack.decode(value)  # type: ignore[arg-type]
    except (msgspec.DecodeError, TypeError):
        return False
    return isinstance(doc, dict) and isinstance(doc.get("format"), int) and doc["format"] != STATE_FORMAT


def test_any_stored_value_is_a_finding_for_verify_and_every_reader_opens_the_prefix(books, english):
    """Random bytes, text, a number or a cut row in the event table or the checkpoint table: verify names it
    and never crashes, every command reads the verified prefix and says where the log breaks, or (for a
    row the checkpoint covers) shows the checkpoint's figures, which are those of the events as written."""
    target, before = books.target, records(books.target)
    originals = {seq: data_at(target, seq) for seq in range(1, LAST + 1)}
    checkpoints = raw_rows(target, "SELECT * FROM kirjuri_checkpoints ORDER BY seq")

    # sized to what it proves: about three examples of each table and way of storing a value in it
    # (12 on PostgreSQL, 30 on SQLite, which stores five ways)
    @settings(max_examples=3 * 2 * len(ways_to_store(target.is_postgres)), **SETTINGS)
    @given(data=st.data())
    def check(data):
        table = data.draw(st.sampled_from(("events", "events", "checkpoints")), label="table")
        seq = data.draw(st.integers(1, LAST), label="position") if table == "events" else CHECKPOINT
        original = originals[seq] if table == "events" else bytes(books.eventlog.latest_checkpoint()[2])
        value = stored_value(data, original, target.is_postgres)
        try:
            if table == "events":
                put(target, seq, value)
            else:
                execute(target, ("UPDATE kirjuri_checkpoints SET state = ? WHERE seq = ?", (value, seq)))
            reading_after(target, table, seq, value, before)
        finally:
            put(target, seq, originals[seq]) if table == "events" else restore_checkpoints(target, checkpoints)

    check()


def reading_after(target: Target, table: str, seq: int, value: object, before: list[Stored]) -> None:
    """What verify, the app's open and the commands make of the ledger with ``value`` stored at ``seq``."""
    opened = reopen(target)
    report = opened.verify()
    opened.close()
    found = {c.name: [f.seq for f in c.findings] for c in report.checks}
    if table == "checkpoints":
        assert found["checkpoints"][:1] == ([] if another_versions_checkpoint(value) else [seq]), found
        assert found["chain"] == []
        prefix, notice = LAST, None
    else:
        assert found["chain"][:1] == [seq], found
        covered = seq < CHECKPOINT  # the open trusts the checkpoint at #11 for what comes before it
        prefix, notice = (LAST if covered else seq - 1), seq
        opened = reopen(target)
        assert opened.state.fingerprint() == folded(before, prefix).fingerprint()
        assert opened.damage is None if covered else opened.damage.finding.seq == seq
        assert opened.check_chain().finding.seq == seq
        assert opened.state.fingerprint() == folded(before, seq - 1).fingerprint()
        opened.close()
    for args in READ:
        result = kirjuri(target, *args)
        lines = result.stderr.splitlines()
        if args[0] == "history" and result.exit_code == 1:  # it read the damaged row itself: said, not shown
            assert lines == [line for line in lines if f"is damaged at #{seq} " in line] and len(lines) == 1
            continue
        assert result.exit_code == 0, (args, result.output, result.exception)
        said = notice if args[0] != "export" or notice is None else seq
        if said is None or (args[0] != "export" and seq < CHECKPOINT):
            assert lines == [], (args, lines)
        else:
            assert len(lines) == 1 and f"is damaged at #{said} " in lines[0], (args, lines)
        if args[0] == "head":
            assert result.stdout.split()[0] == f"#{prefix}"
        if args[0] == "export":
            assert len(json.loads(result.stdout)["events"]) == (LAST if notice is None else seq - 1)


def restore_checkpoints(target: Target, checkpoints: list[tuple]) -> None:
    """The checkpoint table as it was (an open rewrites the checkpoint it could not read)."""
    execute(target, ("DELETE FROM kirjuri_checkpoints", ()),
            *[(f"INSERT INTO kirjuri_checkpoints VALUES ({', '.join('?' * len(row))})", row) for row in checkpoints])
