"""`kirjuri serve`: the terminal UI, read-only, in a browser through textual-serve.

The command a browser's session runs is checked as data; then `kirjuri serve` is started
for real on a free port, its page fetched and its websocket opened as the page's script
does, until the UI's header (the title and the read-only mark) arrives.
"""

from __future__ import annotations

import asyncio
import json
import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import aiohttp
import pytest
from typer.testing import CliRunner

from ledger import cli
from ledger.store import Target
from tui import serve

EXAMPLE = Path(__file__).parents[1] / "examples" / "kemijarvi.json"
runner = CliRunner()
#: the whole test, from starting the server to stopping it, stays under this
DEADLINE = 20.0


@pytest.fixture
def example(tmp_path) -> Path:
    """A copy of the Kemijärvi example in its own SQLite file."""
    db = tmp_path / "kemijarvi.sqlite"
    result = runner.invoke(cli.app, ["--db", str(db), "restore", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    return db


# --- what each browser runs -------------------------------------------------------------------------


def test_the_served_command_opens_this_ledger_read_only_with_this_python(tmp_path):
    command, env = cli.served_command(Target(sqlite_path=tmp_path / "ledger.sqlite"), "en")
    assert shlex.split(command) == [sys.executable, "-m", "tui.serve", "--db", str(tmp_path / "ledger.sqlite"),
                                    "tui", "--read-only", "--lang", "en"]
    assert env == {}


def test_a_postgresql_password_goes_through_the_environment_not_the_command_line():
    url = "postgresql://kirjuri:salainen@db.example:5432/kunta"
    command, env = cli.served_command(Target(postgres_url=url), "fi")
    assert shlex.split(command) == [sys.executable, "-m", "tui.serve", "tui", "--read-only", "--lang", "fi"]
    assert "salainen" not in command and env == {"KIRJURI_DATABASE_URL": url}


def test_the_served_entry_opens_the_ui_only_read_only(monkeypatch, capsys):
    opened = []
    monkeypatch.setattr(cli, "VIEWER", None)
    monkeypatch.setattr(cli, "open_viewer", lambda **options: opened.append(options))
    serve.main(["--db", "x.sqlite", "tui", "--read-only", "--lang", "en"])
    assert opened == [{"db": "x.sqlite", "read_only": True, "lang": "en"}] and cli.VIEWER is not None
    for argv in (["--db", "x.sqlite", "tui", "--lang", "en"], ["--db", "x.sqlite", "amend", "2025"]):
        with pytest.raises(SystemExit) as exit_:
            serve.main(argv)
        assert exit_.value.code == 2 and "--read-only" in capsys.readouterr().err
    assert len(opened) == 1


@pytest.mark.parametrize(("args", "line"), [
    (["serve", "--lang", "sv"], "lang: 'sv' is not fi or en"),
    (["serve", "--port", "70000"], "port: 70000 is not a port number (1–65535)"),
])
def test_serve_refuses_bad_options_in_one_line(example, args, line):
    result = runner.invoke(cli.app, ["--db", str(example), *args])
    assert result.exit_code == 1 and result.stderr == f"kirjuri: {line}\n"


def test_the_served_ui_checks_against_the_municipalitys_rules(tmp_path, monkeypatch):
    rules = Path(__file__).parents[1] / "examples" / "kemijarvi-rules.toml"
    command, _env = cli.served_command(Target(sqlite_path=tmp_path / "l.sqlite"), "fi", rules)
    assert shlex.split(command)[-2:] == ["--rules", str(rules.resolve())]
    opened = []
    monkeypatch.setattr(cli, "open_viewer", lambda **options: opened.append(options))
    serve.main(shlex.split(command)[3:])
    assert opened[0]["rules"] == str(rules.resolve()) and opened[0]["read_only"] is True


def test_serve_refuses_a_wrong_rules_file_before_serving_anything(example, tmp_path):
    wrong = tmp_path / "rules.toml"
    wrong.write_text("[binding\n", encoding="utf-8")
    result = runner.invoke(cli.app, ["--db", str(example), "serve", "--rules", str(wrong)])
    assert result.exit_code == 1 and result.stderr.startswith(f"kirjuri: rules: '{wrong}'")
    assert result.stderr.count("\n") == 1


def test_serve_refuses_a_missing_ledger_before_serving_anything(tmp_path):
    result = runner.invoke(cli.app, ["--db", str(tmp_path / "none.sqlite"), "serve"])
    assert result.exit_code == 1 and "no ledger at" in result.stderr
    assert not (tmp_path / "none.sqlite").exists()


# --- the server, for real ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kirjuri_argv() -> list[str]:
    """The installed `kirjuri` beside this Python, else its entry point run by this Python."""
    script = Path(sys.executable).with_name("kirjuri")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from tui.command import main; main()"]


def fetch_page(url: str, server: subprocess.Popen, log: Path, until: float) -> str:
    """The page at ``url`` once the server answers; fails with the server's output if it never does."""
    while True:
        if server.poll() is not None:
            pytest.fail(f"kirjuri serve exited with {server.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > until:
                pytest.fail(f"kirjuri serve did not answer at {url}:\n{log.read_text(errors='replace')}")
            time.sleep(0.1)


async def screen_until(url: str, wanted: list[bytes], until: float) -> bytes:
    """What the served UI paints over the websocket, read until every one of ``wanted`` has arrived."""
    screen = b""
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
        await ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        while not all(part in screen for part in wanted):
            message = await ws.receive(timeout=max(0.1, until - time.monotonic()))
            if message.type == aiohttp.WSMsgType.BINARY:
                screen += message.data
            elif message.type != aiohttp.WSMsgType.TEXT:
                raise AssertionError(f"the websocket ended ({message.type.name}) before {wanted} arrived")
    return screen


def test_kirjuri_serve_shows_the_ui_read_only_in_a_browser(example, tmp_path):
    until = time.monotonic() + DEADLINE - 3  # leave time to stop the server
    port = free_port()
    log = tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if k not in ("KIRJURI_DB", "KIRJURI_DATABASE_URL")}
    with log.open("wb") as out:
        server = subprocess.Popen([*kirjuri_argv(), "--db", str(example), "serve", "--port", str(port)],
                                  stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                                  cwd=tmp_path)
    try:
        page = fetch_page(f"http://127.0.0.1:{port}/", server, log, until)
        assert "<div>Kirjuri</div>" in page  # textual-serve's start page, under the app's title
        websocket = f"ws://127.0.0.1:{port}/ws"
        assert f'data-session-websocket-url="{websocket}"' in page
        screen = asyncio.run(screen_until(f"{websocket}?width=100&height=30", [b"Kirjuri", "vain luku".encode()],
                                          until))
        assert b"Kirjuri" in screen and "vain luku".encode() in screen  # the header: title and read-only mark
    finally:
        server.terminate()
        try:
            server.wait(timeout=3)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    printed = log.read_text(errors="replace")
    assert f"serving {example} read-only at http://127.0.0.1:{port}/" in printed
