"""The layers, as import-linter checks them: imports run cli → tui → ledger → events, never back.

The contract is pyproject.toml's ``[tool.importlinter]``, checked by ``lint-imports`` as a
developer runs it. The first test holds the real code to it; the second proves the check
can fail: a copy of the packages with one backwards import added is refused, naming it.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("cli", "tui", "ledger", "events")
CONTRACT = "cli -> tui -> ledger -> events"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint(folder: Path) -> subprocess.CompletedProcess:
    """``lint-imports`` on the packages and the pyproject.toml in ``folder``."""
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=folder, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(folder)}, timeout=120)


def test_the_code_keeps_the_layers():
    found = lint(ROOT)
    assert found.returncode == 0, found.stdout + found.stderr
    assert f"{CONTRACT} KEPT" in found.stdout and " 0 broken" in found.stdout


@pytest.mark.parametrize(("module", "line", "shown"), [
    ("tui/i18n.py", "from cli import ui", "tui.i18n -> cli.ui"),
    ("ledger/domain/text.py", "import tui", "ledger.domain.text -> tui"),
    ("events/model.py", "from ledger.store import log", "events.model -> ledger.store.log"),
])
def test_a_backwards_import_breaks_the_contract(tmp_path, module, line, shown):
    for package in LAYERS:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    assert lint(tmp_path).returncode == 0, "the copy must keep the contract before the import is added"
    with (tmp_path / module).open("a", encoding="utf-8") as source:
        source.write(f"\n{line}\n")
    found = lint(tmp_path)
    assert found.returncode == 1 and f"{CONTRACT} BROKEN" in found.stdout, found.stdout + found.stderr
    assert shown in found.stdout


def test_a_book_reader_shares_only_public_names():
    """What one reader of ledger/books takes from another is that module's API (prose read the minutes'
    ``_ITEM_RE`` and ``_stage``): a private name may change under its importer unseen."""
    private = []
    for path in sorted((ROOT / "ledger" / "books").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ledger."):
                private += [f"{path.name}: {node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    assert private == []
