"""`kirjuri recover --to NEW`: the verified prefix of a damaged ledger, copied byte for byte.

The new ledger holds every event before the first damaged row, with the same hashes, so
it verifies and its head is the prefix's; the damaged ledger is only read. Into an SQLite
file or a PostgreSQL database, from either; never into the damaged ledger itself nor into
one that holds events.
"""

from __future__ import annotations

import sqlite3

import pytest
from pg_server import fresh_database
from test_damage import edited, folded, unfoldable
from test_store import stored
from test_verify import AMENDMENT, CHECKPOINT, LAST, WRONG, books, records  # noqa: F401 - books: fixture
from typer.testing import CliRunner

from ledger.app import Kirjuri
from cli.app import app as cli
from ledger.store.log import Target

runner = CliRunner()


def db(target: Target) -> str:
    return str(target.sqlite_path or target.postgres_url)


def recover(damaged: Target, into: str):
    return runner.invoke(cli, ["--db", db(damaged), "recover", "--to", into])


def verified(into: Target) -> Kirjuri:
    ledger = Kirjuri(into)
    report = ledger.verify(expect_head=ledger.state.head)
    assert report.passed, [(c.name, c.findings) for c in report.checks if not c.passed]
    return ledger


@pytest.mark.parametrize("into", ["sqlite", "postgres"])
def test_the_prefix_before_the_damage_is_copied_with_its_hashes(books, tmp_path, into, english):
    before = records(books.target)
    edited(books.target, WRONG, before)
    rows = stored(books.target)
    new = Target(sqlite_path=tmp_path / "new.sqlite") if into == "sqlite" else Target(postgres_url=fresh_database("r"))
    result = recover(books.target, db(new))
    assert result.exit_code == 0, result.output
    head = before[WRONG - 2].hash
    assert result.stdout.splitlines() == [
        f"recovered {WRONG - 1} events into {new.describe()}: head #{WRONG - 1} {head}",
        f"first bad position in {books.target.describe()}: #{WRONG} (the event's bytes do not hash to the hash "
        "stored with them: it was edited); keep that ledger as it is for the investigation"]
    assert result.stderr == ""
    copy = verified(new)
    assert copy.state.fingerprint() == folded(before, WRONG - 1).fingerprint()
    assert [data for _id, _seq, _topic, data in stored(new)] == [data for _id, _seq, _topic, data in rows][:WRONG - 1]
    copy.close()
    assert stored(books.target) == rows, "the damaged ledger is only read"


def test_damage_before_the_checkpoint_is_found_because_recover_folds_from_the_first_event(books, tmp_path, english):
    before = records(books.target)
    edited(books.target, AMENDMENT, before)
    assert AMENDMENT < CHECKPOINT
    result = recover(books.target, str(tmp_path / "new.sqlite"))
    assert result.exit_code == 0, result.output
    assert f"head #{AMENDMENT - 1} {before[AMENDMENT - 2].hash}" in result.stdout
    verified(Target(sqlite_path=tmp_path / "new.sqlite")).close()


def test_an_event_that_cannot_be_folded_ends_the_prefix(books, tmp_path, english):
    before = records(books.target)
    unfoldable(books.target, WRONG, before)
    result = recover(books.target, str(tmp_path / "new.sqlite"))
    assert result.exit_code == 0, result.output
    assert f"first bad position in {books.target.describe()}: #{WRONG} (the event cannot be folded" in result.stdout
    copy = verified(Target(sqlite_path=tmp_path / "new.sqlite"))
    assert copy.state.seq == WRONG - 1
    copy.close()


def test_a_ledger_without_damage_is_copied_whole_and_said_so(books, tmp_path, english):
    result = recover(books.target, str(tmp_path / "copy.sqlite"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == f"{books.target.describe()} is not damaged: every event was copied"
    copy = verified(Target(sqlite_path=tmp_path / "copy.sqlite"))
    assert (copy.state.seq, copy.state.head) == (LAST, books.state.head)
    copy.close()


def test_recover_refuses_the_damaged_ledger_itself_and_a_ledger_with_events(books, tmp_path, english):
    edited(books.target, WRONG, records(books.target))
    rows = stored(books.target)
    itself = [db(books.target)]
    if books.target.sqlite_path is not None:
        path = books.target.sqlite_path
        itself += [f"{path}-wal", str(tmp_path / "." / path.name)]
    for into in itself:
        result = recover(books.target, into)
        assert result.exit_code == 1 and result.stderr.splitlines() == [
            f"kirjuri: to: {_shown(into)!r} is the "
            "damaged ledger itself: recover into a new ledger, and keep this one as it is"], result.output
    full = tmp_path / "full.sqlite"
    assert recover(books.target, str(full)).exit_code == 0
    again = recover(books.target, str(full))
    assert again.exit_code == 1 and again.stderr.splitlines() == [
        f"kirjuri: to: {str(full)!r} already holds {WRONG - 1} events: recover copies into a new, empty ledger"]
    other = tmp_path / "invoices.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    refused = recover(books.target, str(other))
    assert refused.exit_code == 1 and "is another program's SQLite database (tables invoices)" in refused.stderr
    assert stored(books.target) == rows


def _shown(into: str) -> str:
    """How a refusal names the ledger given as ``into`` (a PostgreSQL URL without its password)."""
    return Target(postgres_url=into).describe() if into.startswith("postgresql://") else into
