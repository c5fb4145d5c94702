"""Files are never lost: every `-o` of the CLI refuses the open ledger, keeps an existing file
unless told `--force`, and leaves nothing behind when the disk is full.

The issue found `kirjuri export -o LEDGER.sqlite` left 124 bytes of a ledger and a traceback,
`kirjuri rules -o LEDGER.sqlite` replaced it with TOML and exited 0, and an export that hit a
full disk left a truncated file. Each writing command is tried here the way a user would hit
it, on a ledger restored from the Kemijärvi example.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from conftest import HALL_KS_SAID, restore_example
from typer.testing import CliRunner

from ledger.reports import output
from cli.app import app

runner = CliRunner()
ROOT = Path(__file__).parents[1]


@dataclass(frozen=True)
class Writer:
    """A command that writes a file: its arguments around the file, and the suffix the file needs."""

    name: str
    args: tuple[str, ...]
    suffix: str

    def argv(self, file: Path, *more: str) -> list[str]:
        return [part if part != "FILE" else str(file) for part in self.args] + list(more)


WRITERS = [
    Writer("export", ("export", "-o", "FILE"), ".json"),
    Writer("export toml", ("export", "--format", "toml", "-o", "FILE"), ".toml"),
    Writer("rules", ("rules", "-o", "FILE"), ".toml"),
    Writer("verify md", ("verify", "-o", "FILE"), ".md"),
    Writer("verify json", ("verify", "-o", "FILE"), ".json"),
    Writer("verify xlsx", ("verify", "-o", "FILE"), ".xlsx"),
    Writer("report units", ("report", "units", "KEV", "-o", "FILE"), ".csv"),
    Writer("report maararahat", ("report", "maararahat", "KEV", "--year", "2026", "-o", "FILE"), ".xlsx"),
    Writer("report kayttotalous", ("report", "kayttotalous", "KEV", "-o", "FILE"), ".md"),
    Writer("report half-year", ("report", "half-year", "KEV", "--period", "01-06/2025", "-o", "FILE"), ".csv"),
    Writer("report toteutumisvertailu", ("report", "toteutumisvertailu", "KEV", "--year", "2025", "-o", "FILE"),
           ".md"),
    Writer("report fdp", ("report", "fdp", "--year", "2026", "-o", "FILE"), ".json"),
    Writer("export-figures csv", ("export-figures", "FILE"), ".csv"),
    Writer("export-figures xlsx", ("export-figures", "FILE"), ".xlsx"),
]
IDS = [w.name for w in WRITERS]


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    """The Kemijärvi example restored once, a file of its own (no journal beside it) to copy from."""
    folder = tmp_path_factory.mktemp("example")
    restore_example(folder, "kemijarvi").close()
    return folder / "kemijarvi.sqlite"


def ledger_at(example: Path, path: Path) -> Path:
    """A copy of the example at ``path``: a ledger may have any name, ".json" or ".md" too."""
    with closing(sqlite3.connect(example)) as src, closing(sqlite3.connect(path)) as dst:
        src.backup(dst)
    return path


def kirjuri(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), "--author", "testi", *args])


def head(db: Path) -> str:
    result = kirjuri(db, "head")
    assert result.exit_code == 0, result.output
    return result.stdout


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def refused(result, why: str) -> None:
    """Exit status 1, one line on stderr saying ``why``, no traceback."""
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1 and why in result.stderr, result.stderr
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("writer", WRITERS, ids=IDS)
def test_no_output_is_written_over_the_open_ledger(example, tmp_path, writer, english):
    """`-o` naming the ledger's own file (the issue: `export -o LEDGER.sqlite`) is refused and the
    ledger's bytes and head stay as they were; so is its journal."""
    db = ledger_at(example, tmp_path / f"kirjuri{writer.suffix}")
    before, was = db.read_bytes(), head(db)
    refused(kirjuri(db, *writer.argv(db, "--force")), "is the ledger itself: write to another file")
    assert db.read_bytes() == before and head(db) == was
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [db.name]


@pytest.mark.parametrize("writer", [w for w in WRITERS if w.name in ("export", "rules")], ids=["export", "rules"])
def test_nor_over_the_ledgers_journal(example, tmp_path, writer, english):
    """A writer that takes any name could name the journal beside the ledger: it is the ledger too."""
    db = ledger_at(example, tmp_path / "kirjuri.sqlite")
    journal = db.with_name("kirjuri.sqlite-journal")
    journal.write_bytes(b"hot journal")
    refused(kirjuri(db, *writer.argv(journal, "--force")), "is the ledger itself")
    assert journal.read_bytes() == b"hot journal"


@pytest.mark.parametrize("writer", WRITERS, ids=IDS)
def test_an_existing_file_is_kept_without_force_and_replaced_with_it(example, tmp_path, writer, english):
    db = ledger_at(example, tmp_path / "kirjuri.sqlite")
    (tmp_path / "out").mkdir()
    file = tmp_path / "out" / f"minutes{writer.suffix}"
    file.write_bytes(b"mine")
    result = kirjuri(db, *writer.argv(file))
    refused(result, "already exists: give another file, or --force to replace it")
    assert listing(tmp_path / "out") == {file.name: b"mine"}
    result = kirjuri(db, *writer.argv(file, "--force"))
    if writer.name.startswith("verify"):  # written, and the example's one finding said (the book's own)
        assert result.exit_code == 1 and HALL_KS_SAID["en"] in result.stdout, result.output
    else:
        assert result.exit_code == 0, result.output
    assert file.read_bytes() != b"mine" and readable(file)
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".part")]


def readable(file: Path) -> bool:
    """The file is whole: it parses as what its suffix says."""
    if file.suffix == ".xlsx":
        return bool(openpyxl.load_workbook(file).sheetnames)
    text = file.read_text(encoding="utf-8-sig")
    if file.suffix == ".json":
        return isinstance(json.loads(text), dict)
    return bool(text.strip())


class FullDisk:
    """A file on a disk with ``room`` bytes left: what does not fit raises ENOSPC, as the kernel does."""

    def __init__(self, real, room: int):
        self.real, self.room = real, room

    def write(self, data) -> int:
        if len(data) > self.room:
            self.real.write(data[:self.room])
            self.room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return self.real.write(data)

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.real.close()


@pytest.fixture
def full_disk(monkeypatch):
    """Every file Kirjuri writes gets 64 bytes before the disk is full."""
    real_open = open

    def opened(path, mode="r", *args, **kwargs):
        return FullDisk(real_open(path, mode, *args, **kwargs), 64)

    monkeypatch.setattr(output, "open", opened, raising=False)


@pytest.mark.parametrize("writer", WRITERS, ids=IDS)
@pytest.mark.parametrize("existing", [False, True], ids=["new", "replacing"])
def test_a_full_disk_leaves_no_file_behind(example, tmp_path, full_disk, writer, existing):
    """The write fails halfway: one line naming the file and why, exit 1, and the folder as it was
    (no truncated file, no temporary one; a file being replaced keeps its old bytes)."""
    db = ledger_at(example, tmp_path / "kirjuri.sqlite")
    (tmp_path / "out").mkdir()
    file = tmp_path / "out" / f"minutes{writer.suffix}"
    if existing:
        file.write_bytes(b"the old minutes")
    before = listing(tmp_path / "out")
    result = kirjuri(db, *writer.argv(file, "--force"))
    refused(result, "No space left on device (nothing was written)")
    assert listing(tmp_path / "out") == before and not list((tmp_path / "out").glob(".*"))


def test_a_new_fiscal_data_package_folder_is_whole_or_absent(example, tmp_path, full_disk):
    db = ledger_at(example, tmp_path / "kirjuri.sqlite")
    result = kirjuri(db, "report", "fdp", "--year", "2026", "-o", str(tmp_path / "fdp"))
    refused(result, "No space left on device")
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm"))] == ["kirjuri.sqlite"]


def test_a_fiscal_data_package_folder_is_made_whole_and_its_files_kept_without_force(example, tmp_path, english):
    db = ledger_at(example, tmp_path / "kirjuri.sqlite")
    folder = tmp_path / "fdp"
    assert kirjuri(db, "report", "fdp", "--year", "2026", "-o", str(folder)).exit_code == 0
    written = listing(folder)
    assert sorted(written) == ["budget-2026.csv", "datapackage.json"]
    refused(kirjuri(db, "report", "fdp", "--year", "2026", "-o", str(folder)), "already exists")
    (folder / "budget-2026.csv").write_text("edited by hand")
    assert kirjuri(db, "report", "fdp", "--year", "2026", "-o", str(folder), "--force").exit_code == 0
    assert listing(folder) == written
    refused(kirjuri(db, "report", "fdp", "-o", str(db)), "is the ledger itself")


def test_ledger_files_name_the_database_and_its_journals(tmp_path):
    from ledger.store.log import Target

    files = output.ledger_files(Target(sqlite_path=tmp_path / "k.sqlite"))
    assert [p.name for p in files] == ["k.sqlite", "k.sqlite-wal", "k.sqlite-shm", "k.sqlite-journal"]
    assert output.ledger_files(Target(postgres_url="postgresql://x@h/db")) == []


@pytest.mark.parametrize("args, name", [(("export", "-o"), "ledger.json"), (("export-figures",), "figures.xlsx")],
                         ids=["export", "export-figures xlsx"])
def test_an_export_that_hits_the_file_size_limit_leaves_nothing(example, tmp_path, args, name):
    """A real process whose writes the kernel refuses past 64 KiB (RLIMIT_FSIZE, the way a full disk
    or a quota fails a write; the ledger's own 32 KiB index still fits): one line, exit 1, no truncated
    export, and no "Exception ignored" from a half-written workbook collected on the way out."""
    db = ledger_at(example, tmp_path / "kirjuri.sqlite")
    (tmp_path / "out").mkdir()
    file = tmp_path / "out" / name

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))

    result = subprocess.run([sys.executable, "-m", "cli.app", "--db", str(db), *args, str(file)],
                            preexec_fn=limited, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1, result.stderr
    assert result.stderr == f"kirjuri: {file}: cannot write: File too large (nothing was written)\n"
    assert list((tmp_path / "out").iterdir()) == []
