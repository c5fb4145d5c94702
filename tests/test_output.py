"""Files Kirjuri writes are whole or absent, never the ledger, never replaced without --force."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from ledger.reports.output import OutputError, atomic_folder, atomic_path, ledger_files, write_atomic
from ledger.domain.refusals import Rejected
from ledger.store.log import Target


def test_written_whole(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    write_atomic(out, lambda fh: fh.write("# TA 2026\n"))
    assert out.read_text(encoding="utf-8") == "# TA 2026\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_existing_file_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    out.write_text("mine")
    with pytest.raises(Rejected) as caught:
        write_atomic(out, lambda fh: fh.write("theirs"))
    assert caught.value.code == "output.exists" and out.read_text() == "mine"
    write_atomic(out, lambda fh: fh.write("theirs"), force=True)
    assert out.read_text() == "theirs"


@pytest.mark.parametrize("suffix", ["", "-wal", "-journal"])
def test_never_the_ledger(tmp_path: Path, suffix: str) -> None:
    ledger = tmp_path / "ledger.sqlite"
    ledger.write_bytes(b"SQLite format 3\x00")
    guarded = ledger_files(Target(sqlite_path=ledger))
    out = ledger.with_name(ledger.name + suffix)
    with pytest.raises(Rejected) as caught:
        write_atomic(out, lambda fh: fh.write("x"), force=True, protect=guarded)
    assert caught.value.code == "output.is_ledger"
    assert ledger.read_bytes() == b"SQLite format 3\x00"


def test_a_failing_writer_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    out.write_text("old")

    def full_disk(fh) -> None:
        fh.write("half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(out, full_disk, force=True)
    assert out.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.json"]


def test_folders_refused(tmp_path: Path) -> None:
    with pytest.raises(Rejected) as caught:
        write_atomic(tmp_path, lambda fh: None)
    assert caught.value.code == "output.is_folder"
    with pytest.raises(Rejected) as caught:
        write_atomic(tmp_path / "missing" / "x.csv", lambda fh: None)
    assert caught.value.code == "output.no_folder"


def test_a_link_to_the_ledger_is_the_ledger(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    ledger.write_bytes(b"SQLite format 3\x00")
    (tmp_path / "report.md").symlink_to(ledger)
    with pytest.raises(Rejected) as caught:
        write_atomic(tmp_path / "report.md", lambda fh: fh.write("x"), force=True,
                     protect=ledger_files(Target(sqlite_path=ledger)))
    assert caught.value.code == "output.is_ledger" and ledger.read_bytes() == b"SQLite format 3\x00"


def test_a_writer_that_needs_a_name_leaves_no_journal_behind(tmp_path: Path) -> None:
    """SQLite writes a journal beside the temporary file: a failed copy leaves neither."""
    import sqlite3

    out = tmp_path / "copy.sqlite"
    with pytest.raises(RuntimeError):
        with atomic_path(out) as tmp:
            conn = sqlite3.connect(tmp)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("CREATE TABLE t (x)")
            conn.commit()
            assert tmp.with_name(tmp.name + "-wal").exists()
            raise RuntimeError("the copy did not check out")
    conn.close()
    assert list(tmp_path.iterdir()) == []


def test_a_new_folder_is_whole_or_absent(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="No space left on device"):
        with atomic_folder(tmp_path / "fdp") as folder:
            (folder / "budget-2026.csv").write_text("half")
            raise OSError(errno.ENOSPC, "No space left on device")
    assert list(tmp_path.iterdir()) == []
    with atomic_folder(tmp_path / "fdp") as folder:
        (folder / "datapackage.json").write_text("{}")
    assert [p.name for p in (tmp_path / "fdp").iterdir()] == ["datapackage.json"]
    with pytest.raises(Rejected) as caught:
        with atomic_folder(tmp_path / "fdp"):
            pass
    assert caught.value.code == "output.exists"
