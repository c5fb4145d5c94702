"""The layout rules: events/ is the vocabulary and imports nothing else from Kirjuri."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def imported_modules(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def test_events_import_only_the_standard_library_msgspec_and_themselves():
    allowed = set(sys.stdlib_module_names) | {"msgspec", "events", "__future__"}
    for path, names in imported_modules("events").items():
        assert names <= allowed, f"{path} imports {sorted(names - allowed)}"


def test_ledger_does_not_import_the_terminal_ui():
    for path, names in imported_modules("ledger").items():
        assert not names & {"tui", "textual"}, f"{path} imports the UI: {sorted(names & {'tui', 'textual'})}"


#: `kirjuri serve`'s web server (tui/server.py) alone also builds on textual-serve and the web stack it runs on
WEB_SERVER = {"tui/server.py": {"textual_serve", "aiohttp", "jinja2"}}


def test_tui_imports_only_the_standard_library_textual_rich_plotext_the_ledger_and_itself():
    allowed = set(sys.stdlib_module_names) | {"__future__", "textual", "textual_plotext", "rich", "ledger", "events", "tui"}
    found = imported_modules("tui")
    assert "tui/app.py" in found and set(WEB_SERVER) <= set(found)
    for path, names in found.items():
        extra = allowed | WEB_SERVER.get(path, set())
        assert names <= extra, f"{path} imports {sorted(names - extra)}"
