"""One line for every failure of the ledger's file: never a traceback.

A file of random bytes, a ledger cut short, a text file, another program's SQLite
database, a folder, a disk that is full, a file or folder the user may not write: every
command says it in one line on stderr naming the file and what to do, exits 1, and leaves
the file as it was. Typer's CliRunner runs the commands in-process; a few run the real
`kirjuri` entry point in a subprocess, so no traceback reaches a terminal either.
"""

from __future__ import annotations

import ctypes
import os
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app as cli

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "kemijarvi.json"
KIRJURI = Path(sys.executable).with_name("kirjuri")
runner = CliRunner()
#: a user who owns none of the test's files, when the tests run as root (root may write anything)
NOBODY = 65534

AMEND = ("amend", "2026", "JOUKKOLIIKENNE:MENOT=-12 000", "--effective", "15.6.2026", "--decision",
         "KV 9.6.2026 § 41")
#: every command that opens the ledger, with arguments it would accept on a good one
COMMANDS = [
    ("head",), ("show", "KEV", "--year", "2026"), ("history", "JOUKKOLIIKENNE"), ("units", "--year", "2026"),
    ("verify",), ("export",), ("report", "units", "KEV"), ("proposals",), ("diff", "KEV", "--year", "2026"),
    ("export-figures", "{tmp}/figures.csv"), ("import", str(ROOT / "tests" / "data" / "kemijarvi-small.json")),
    ("reverse", "#5", "--reason", "väärin"), ("backup", "{tmp}/copy.sqlite"), ("recover", "--to", "{tmp}/new.sqlite"),
    ("serve", "--port", "8765"), AMEND,
]


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    """The Kemijärvi example as an SQLite ledger, copied by each test that needs a good one."""
    path = tmp_path_factory.mktemp("good") / "ledger.sqlite"
    assert runner.invoke(cli, ["--db", str(path), "restore", str(EXAMPLE)]).exit_code == 0
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def damaged_files(folder: Path, good: Path) -> dict[str, Path]:
    data = good.read_bytes()
    files = {
        "random bytes": bytes(range(256)) * 40,
        "cut short": data[: len(data) // 3],
        "cut after the header": data[:100],
        "a text file": "Kirjuri ledger\nhead #161\n".encode(),
        "one byte": b"x",
    }
    paths = {}
    for name, content in files.items():
        path = folder / (name.replace(" ", "-") + ".sqlite")
        path.write_bytes(content)
        paths[name] = path
    other = folder / "another-program.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER, amount INTEGER)")
        conn.execute("INSERT INTO invoices VALUES (1, 100)")
    paths["another program's database"] = other
    paths["a folder"] = folder / "a-folder"
    paths["a folder"].mkdir()
    return paths


def run(path: Path, args: tuple[str, ...], tmp: Path):
    return runner.invoke(cli, ["--db", str(path), *[a.format(tmp=tmp) for a in args]])


def one_line_naming(result, path: Path) -> str:
    """The single line on stderr, which names the file; no traceback anywhere."""
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "Traceback" not in result.output
    assert lines[0].startswith("kirjuri: ") and str(path) in lines[0], lines[0]
    return lines[0]


def test_every_command_on_a_damaged_file_says_it_in_one_line_and_changes_nothing(good, tmp_path):
    for kind, path in damaged_files(tmp_path, good).items():
        before = path.read_bytes() if path.is_file() else None
        for args in COMMANDS:
            line = one_line_naming(run(path, args, tmp_path), path)
            assert not (tmp_path / "new.sqlite").exists() and not (tmp_path / "copy.sqlite").exists(), (kind, args)
            assert "kirjuri init" not in line or kind == "a folder", (kind, args, line)
        assert (path.read_bytes() if path.is_file() else None) == before, kind


@pytest.mark.parametrize("kind, says", [
    ("random bytes", "is not a Kirjuri ledger: the file is not an SQLite database"),
    ("a text file", "is not a Kirjuri ledger: the file is not an SQLite database"),
    ("cut short", "is damaged: SQLite cannot read it"),
    ("another program's database", "is another program's SQLite database (tables invoices), not a Kirjuri ledger"),
])
def test_init_on_a_file_that_is_no_ledger_refuses_and_leaves_it_as_it_was(good, tmp_path, kind, says, english):
    path = damaged_files(tmp_path, good)[kind]
    before = path.read_bytes()
    line = one_line_naming(run(path, ("init",), tmp_path), path)
    assert says in line and "check the path" in line or "restore the ledger from a backup" in line, line
    assert path.read_bytes() == before


def test_an_empty_file_is_left_empty_until_init_makes_it_a_ledger(tmp_path, english):
    path = tmp_path / "empty.sqlite"
    path.touch()
    for args in COMMANDS[:4]:
        line = one_line_naming(run(path, args, tmp_path), path)
        assert "run `kirjuri init` first" in line, line
        assert path.read_bytes() == b"" and not path.with_name("empty.sqlite-wal").exists()
    assert run(path, ("init",), tmp_path).exit_code == 0
    assert run(path, ("head",), tmp_path).stdout.startswith("#0 ")


def test_restore_into_a_ledger_that_holds_events_refuses_and_changes_no_byte(good, tmp_path, english):
    path = tmp_path / "ledger.sqlite"
    path.write_bytes(good.read_bytes())
    line = one_line_naming(run(path, ("restore", str(EXAMPLE)), tmp_path), path)
    assert "already holds 161 events" in line
    assert path.read_bytes() == good.read_bytes()


@pytest.mark.parametrize("name, text", [
    ("nested.json", '{"kirjuri_export": 1, "events": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    ("no-events.json", '{"kirjuri_export": 1, "head": "0", "count": 0}'),
    ("nested.toml", "a = " + "[" * 100_000 + "]" * 100_000),
])
def test_an_export_that_is_no_export_is_refused_in_one_line_naming_it(good, tmp_path, name, text, english):
    path = tmp_path / "ledger.sqlite"
    export = tmp_path / name
    export.write_text(text, encoding="utf-8")
    result = run(path, ("restore", str(export)), tmp_path)
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1, result.output
    assert result.stderr.startswith(f"kirjuri: {export}: not a Kirjuri export"), result.stderr
    assert not path.exists()


def test_demo_reset_deletes_only_a_ledger_that_grew_from_the_example(good, tmp_path, english):
    own = tmp_path / "own.sqlite"
    assert run(own, ("init",), tmp_path).exit_code == 0
    assert run(own, ("unit", "add", "KJ", "Kunta", "--level", "kaupunki", "--effective", "1.1.2026"),
               tmp_path).exit_code == 0
    before = own.read_bytes()
    line = one_line_naming(run(own, ("demo", "--reset", "--tour"), tmp_path), own)
    assert "is not the demo ledger" in line and own.read_bytes() == before
    demo = tmp_path / "demo.sqlite"
    demo.write_bytes(good.read_bytes())
    assert run(demo, ("amend", *AMEND[1:]), tmp_path).exit_code == 0
    assert run(demo, ("demo", "--reset", "--tour"), tmp_path).exit_code == 0
    assert run(demo, ("head",), tmp_path).stdout.startswith("#161 ")


# --- a full disk ----------------------------------------------------------------------------------------


@contextmanager
def disk_full_for_sqlite(monkeypatch):
    """Every SQLite connection made meanwhile may not grow its database by one page (PRAGMA max_page_count)."""
    connect = sqlite3.connect

    def no_room(*args, **kwargs):
        conn = connect(*args, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return conn

    with monkeypatch.context() as patch:
        patch.setattr(sqlite3, "connect", no_room)
        yield


def test_a_full_disk_refuses_the_write_in_one_line_and_nothing_is_written(good, tmp_path, monkeypatch, english):
    path = tmp_path / "ledger.sqlite"
    assert runner.invoke(cli, ["--db", str(path), "init"]).exit_code == 0
    with disk_full_for_sqlite(monkeypatch):
        line = one_line_naming(run(path, ("restore", str(EXAMPLE)), tmp_path), path)
    assert "the disk is full" in line and "nothing was written: free some space" in line
    assert runner.invoke(cli, ["--db", str(path), "head"]).stdout.startswith("#0 ")


# --- a permission refused ------------------------------------------------------------------------------


@pytest.fixture
def shared(tmp_path) -> Path:
    """A folder anyone may enter (pytest's own are the owner's alone), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="kirjuri-perm-"))
    folder.chmod(0o777)
    yield folder
    for path in sorted(folder.rglob("*"), reverse=True):
        path.chmod(0o777)
        path.unlink() if path.is_file() else path.rmdir()
    folder.rmdir()


@contextmanager
def as_another_user():
    """Run as a user without write permission on the test's files: root may write anything."""
    if os.geteuid() != 0:
        yield
        return
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
        os.setegid(0)


def read_only(shared: Path, good: Path, where: str) -> Path:
    folder = shared / where
    folder.mkdir()
    path = folder / "ledger.sqlite"
    path.write_bytes(good.read_bytes())
    if where == "file":
        path.chmod(0o444)
    else:
        path.chmod(0o666)
        folder.chmod(0o555)
    return path


@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_permission_refused_is_one_line_naming_the_file_and_what_to_do(good, shared, where, english):
    path = read_only(shared, good, where)
    before = path.read_bytes()
    with as_another_user():
        line = one_line_naming(run(path, AMEND, shared), path)
        assert "Kirjuri needs write permission on the file and its folder" in line, line
        created = one_line_naming(run(path.with_name("new.sqlite"), ("init",), shared), path.with_name("new.sqlite"))
    assert path.read_bytes() == before
    if where == "folder":
        assert "cannot be opened" in created and not path.with_name("new.sqlite").exists()


# --- the real entry point: nothing but the one line reaches the terminal ---------------------------------

#: put before the entry point in a subprocess: SQLite's database may not grow (a full disk)
FULL_DISK = """
import sqlite3
_connect = sqlite3.connect
def _no_room(*args, **kwargs):
    conn = _connect(*args, **kwargs)
    conn.execute(f"PRAGMA max_page_count = {max(conn.execute('PRAGMA page_count').fetchone()[0], 1)}")
    return conn
sqlite3.connect = _no_room
"""
#: Linux's prctl(PR_CAPBSET_DROP) and the capabilities that let root write and read any file
PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def bound_by_permissions() -> None:
    """In a child about to run the entry point as root: permissions bind it as they bind anyone (root
    keeps its own files' owner permissions, so the interpreter under its home still loads)."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def kirjuri(*args: str, prelude: str = "", permissions: bool = False) -> subprocess.CompletedProcess:
    """The `kirjuri` entry point in a subprocess: its console script, or with ``prelude`` run first;
    ``permissions``: bound by the files' permissions even as root."""
    argv = [str(KIRJURI), *args] if not prelude else [
        sys.executable, "-c", f"{prelude}\nimport sys\nfrom cli.app import main\nsys.argv[0] = 'kirjuri'\nmain()",
        *args]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=ROOT,
                          preexec_fn=bound_by_permissions if permissions else None,
                          env={**os.environ, "HOME": tempfile.gettempdir()})


def test_the_real_entry_point_prints_one_line_and_no_traceback(good, tmp_path, shared):
    files = damaged_files(tmp_path, good)
    empty = tmp_path / "empty.sqlite"
    assert kirjuri("--db", str(empty), "init").returncode == 0
    runs = [
        (files["random bytes"], ("head",), {}),
        (files["cut short"], ("show", "KEV", "--year", "2026"), {}),
        (files["a text file"], ("init",), {}),
        (files["another program's database"], AMEND, {}),
        (empty, ("restore", str(EXAMPLE)), {"prelude": FULL_DISK}),
        (read_only(shared, good, "file"), AMEND, {"permissions": True}),
        (read_only(shared, good, "folder"), ("head",), {"permissions": True}),
    ]
    for path, args, how in runs:
        done = kirjuri("--db", str(path), *args, **how)
        assert done.returncode == 1, (path, args, done.stdout, done.stderr)
        assert "Traceback" not in done.stdout + done.stderr and done.stdout == "", (path, args, done.stdout)
        [line] = done.stderr.splitlines()
        assert line.startswith("kirjuri: db: ") and str(path) in line, line


def test_a_csv_cell_past_the_csv_modules_limit_is_one_line_naming_its_row(good, tmp_path, english):
    path = tmp_path / "ledger.sqlite"
    path.write_bytes(good.read_bytes())
    figures = tmp_path / "figures.csv"
    figures.write_text("year,column,unit,account,amount,note\n2026,TA,JOUKKOLIIKENNE,MENOT,-1,"
                       + "x" * 200_000 + "\n", encoding="utf-8")
    result = run(path, ("import", str(figures), "--apply"), tmp_path)
    assert result.exit_code == 1 and len(result.stderr.splitlines()) == 1, result.output
    assert "row 2: not a CSV row" in result.stderr
    assert path.read_bytes() == good.read_bytes()
