"""The README's commands, run as a new user would paste them, in the order the README prints them.

A user's first hour is the README: every `kirjuri` line it shows must work as written on a
fresh SQLite ledger, and after them `history` must work on every node of both examples (it once
died with a KeyError on an event kind one of three tables did not know).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HALL_KS_SAID, HALL_KS_SEQ
from typer.testing import CliRunner

from cli.app import app

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
KIRJURI = Path(sys.executable).with_name("kirjuri")

#: what a README line may need that a test machine has not: a PostgreSQL server by that name,
#: a /backup disk, a network server left running, the install itself, a file the user brings
ELSEWHERE = ("db.example.fi", "/backup/", "pip install", "benchmarks/", "kirjuri serve", "figures.csv")
#: lines whose exit status 1 is what the README promises (a check that fails is status 1)
FAILS_BY_DESIGN = {"kirjuri verify --book ../shared/seeds/003_1b329ab6df95eed4.txt"}
#: verify on the tour's ledger: the Kemijärvi book's own finding (conftest.HALL_KS), said as the README shows it
BOOKS_FINDING = {
    "kirjuri verify --rules examples/kemijarvi-rules.toml --expect-head f4b70d9ebfc05f4f -o verify.md",
    "kirjuri verify --json",
    "kirjuri verify --expect-head f4b70d9ebfc05f4f -o verify.xlsx",
}


def readme_lines() -> list[str]:
    """The README's shell lines that run here, continuation lines joined, in their order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M):
        if any(word in block for word in ("db.example.fi", "/backup/")):
            continue
        for line in block.replace("\\\n", " ").splitlines():
            if shlex.split(line, comments=True) and not any(word in line for word in ELSEWHERE):
                lines.append(line)
    return lines


def run_line(line: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    words = shlex.split(line, comments=True)
    if words[0] == "export":
        key, value = words[1].split("=", 1)
        env[key] = value
        return subprocess.CompletedProcess(words, 0, "", "")
    assert words[0] == "kirjuri", line
    return subprocess.run([str(KIRJURI), *words[1:]], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def node_codes(export: Path) -> list[str]:
    """Every unit code an exported ledger ever registered."""
    events = json.loads(export.read_text(encoding="utf-8"))["events"]
    return sorted({e["event"]["code"] for e in events if e["event"]["kind"] == "unit_registered"})


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder laid out as the README assumes: examples/ here, the seed books in ../shared."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "examples").symlink_to(ROOT / "examples")
    (tmp_path / "shared").symlink_to(SHARED)
    return work


def test_readme_covers_the_tour_and_the_books():
    """The list below is what this test runs: losing the tour would make the test vacuous."""
    lines = readme_lines()
    assert any(line.startswith("kirjuri history JOUKKOLIIKENNE") for line in lines)
    assert any(line.startswith("kirjuri decide") for line in lines)
    assert any(line.startswith("kirjuri import ../shared/seeds/") for line in lines)
    assert len(lines) >= 25


def test_every_readme_command_then_history_on_every_node(workdir: Path, tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIRJURI_")}
    env["HOME"] = str(tmp_path)
    for line in readme_lines():
        line = line.replace("/tmp/tour.sqlite", str(tmp_path / "tour.sqlite"))
        result = run_line(line, env, workdir)
        said = result.stdout + result.stderr
        assert "Traceback" not in said, f"{line}\n{said}"
        command = line.split("  #")[0].strip()
        expected = 1 if command in FAILS_BY_DESIGN | BOOKS_FINDING else 0
        assert result.returncode == expected, f"{line}\n{said}"
        if command in BOOKS_FINDING:
            assert HALL_KS_SAID["fi"] in said or HALL_KS_SAID["en"] in said, f"{line}\n{said}"
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"  #{HALL_KS_SEQ} book-51b683c5dff8-t3-KS2025 {HALL_KS_SAID['fi']}\n" in text
    assert (workdir / "ledger.json").exists() and (workdir / "vertailu.md").exists()

    runner = CliRunner()
    kemi = tmp_path / "kemi.sqlite"
    assert runner.invoke(app, ["--db", str(kemi), "restore", str(ROOT / "examples" / "kemi.json")]).exit_code == 0
    tour = env["KIRJURI_DB"]
    for db, export in ((tour, workdir / "ledger.json"), (str(kemi), ROOT / "examples" / "kemi.json")):
        codes = node_codes(export)
        assert len(codes) > 20
        for code in codes:
            result = runner.invoke(app, ["--db", db, "history", code])
            assert result.exit_code == 0 and result.exception is None, f"history {code}: {result.output}"
            assert code in result.output or "#" in result.output, f"history {code}: {result.output}"


def test_the_readmes_overrun_example_is_refused_as_printed_then_written_when_confirmed(tmp_path: Path):
    """The README's console example of a warning: the first line is refused with the line it prints (a
    binding appropriation overrun), the same with --confirm is written. It once printed a refusal the
    bundled example never gave (the unit it named had no binding appropriation that year)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"^```console\n(.*?)^```", text, re.S | re.M) if "--confirm authority.overrun" in b)
    (first, said, confirmed) = block.splitlines()[:3]
    db = str(tmp_path / "l.sqlite")
    runner = CliRunner()
    assert runner.invoke(app, ["--db", db, "restore", str(ROOT / "examples" / "kemijarvi.json")]).exit_code == 0
    env = {"KIRJURI_LANG": "fi"}
    refused = runner.invoke(app, ["--db", db, *shlex.split(first.removeprefix("$ kirjuri "))], env=env)
    assert refused.exit_code != 0 and refused.output.strip() == said
    written = runner.invoke(app, ["--db", db, *shlex.split(confirmed.removeprefix("$ kirjuri "))], env=env)
    assert written.exit_code == 0 and "#162" in written.output
