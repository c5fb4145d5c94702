"""`kirjuri serve`: the terminal UI, read-only, in a browser through textual-serve.

The command a browser's session runs is checked as data. The server's rules (the page's
own origin, the session limit, the access token) are checked on tui/server.py's server
in this process, with a stand-in for the UI that records each start, so "no UI started"
is counted, not assumed. Then `kirjuri serve` is started for real on a free port: its
websocket opened as the page's script does until the UI's header arrives, an export
fetched as the browser's download, and the page opened in a headless Chromium that
records every request it makes.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import csv
import io
import json
import logging
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from typer.testing import CliRunner

import tui
from cli import served as per_browser
from cli import ui
from cli.app import app
from ledger.app import Kirjuri as KirjuriLedger
from ledger.store.log import Target
from tui.i18n import TEXTS, Texts
from tui import server as server_module
from tui.server import KirjuriServer
from tui.viewmodel import Selection, csv_rows, figures_view

EXAMPLE = Path(__file__).parents[1] / "examples" / "kemijarvi.json"
runner = CliRunner()
#: the whole test, from starting the server to stopping it, stays under this
DEADLINE = 20.0


@pytest.fixture
def example(tmp_path) -> Path:
    """A copy of the Kemijärvi example in its own SQLite file."""
    db = tmp_path / "kemijarvi.sqlite"
    result = runner.invoke(app, ["--db", str(db), "restore", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    return db


# --- what each browser runs -------------------------------------------------------------------------


def test_the_served_command_opens_this_ledger_read_only_with_this_python(tmp_path):
    command, env = ui.served_command(Target(sqlite_path=tmp_path / "ledger.sqlite"), "en")
    assert shlex.split(command) == [sys.executable, "-m", "cli.served", "--db", str(tmp_path / "ledger.sqlite"),
                                    "tui", "--read-only", "--lang", "en"]
    assert env == {}


def test_a_postgresql_password_goes_through_the_environment_not_the_command_line():
    url = "postgresql://kirjuri:salainen@db.example:5432/kunta"
    command, env = ui.served_command(Target(postgres_url=url), "fi")
    assert shlex.split(command) == [sys.executable, "-m", "cli.served", "tui", "--read-only", "--lang", "fi"]
    assert "salainen" not in command and env == {"KIRJURI_DATABASE_URL": url}


def test_the_served_entry_opens_the_ui_only_read_only(monkeypatch, capsys):
    opened = []
    monkeypatch.setattr(ui, "open_viewer", lambda **options: opened.append(options))
    per_browser.main(["--db", "x.sqlite", "tui", "--read-only", "--lang", "en"])
    assert opened == [{"db": "x.sqlite", "read_only": True, "lang": "en"}]
    for argv in (["--db", "x.sqlite", "tui", "--lang", "en"], ["--db", "x.sqlite", "amend", "2025"]):
        with pytest.raises(SystemExit) as exit_:
            per_browser.main(argv)
        assert exit_.value.code == 2 and "--read-only" in capsys.readouterr().err
    assert len(opened) == 1


def test_the_served_entry_starts_the_terminal_ui_itself_read_only(example, monkeypatch):
    """No one plugs the UI in: a browser's session reaches ``tui.run`` on the ledger, read-only."""
    started = []
    monkeypatch.setattr(tui, "run", lambda ledger, **options: started.append((ledger.target.sqlite_path, options)))
    per_browser.main(["--db", str(example), "tui", "--read-only", "--lang", "en"])
    assert started == [(example, {"lang": "en", "read_only": True, "rules": None})]


@pytest.mark.parametrize(("args", "line"), [
    (["serve", "--lang", "de"], "lang: 'de' is not one of fi, sv, en"),
    (["serve", "--port", "70000"], "port: 70000 is not a port number (1–65535)"),
    (["serve", "--max-sessions", "0"], "max-sessions: 0 is not a number of sessions: at least 1"),
    (["serve", "--token", "lyhyt"], "token: 'lyhyt' is not a usable access token: 16–128 letters, digits or . _ ~ -"),
    (["serve", "--token", "pitkä mutta välilyönti"],
     "token: 'pitkä mutta välilyönti' is not a usable access token: 16–128 letters, digits or . _ ~ -"),
])
def test_serve_refuses_bad_options_in_one_line(example, args, line, english):
    result = runner.invoke(app, ["--db", str(example), *args])
    assert result.exit_code == 1 and result.stderr == f"kirjuri: {line}\n"


def test_the_served_ui_checks_against_the_municipalitys_rules(tmp_path, monkeypatch):
    rules = Path(__file__).parents[1] / "examples" / "kemijarvi-rules.toml"
    command, _env = ui.served_command(Target(sqlite_path=tmp_path / "l.sqlite"), "fi", rules)
    assert shlex.split(command)[-2:] == ["--rules", str(rules.resolve())]
    opened = []
    monkeypatch.setattr(ui, "open_viewer", lambda **options: opened.append(options))
    per_browser.main(shlex.split(command)[3:])
    assert opened[0]["rules"] == str(rules.resolve()) and opened[0]["read_only"] is True


def test_serve_refuses_a_wrong_rules_file_before_serving_anything(example, tmp_path):
    wrong = tmp_path / "rules.toml"
    wrong.write_text("[binding\n", encoding="utf-8")
    result = runner.invoke(app, ["--db", str(example), "serve", "--rules", str(wrong)])
    assert result.exit_code == 1 and result.stderr.startswith(f"kirjuri: rules: '{wrong}'")
    assert result.stderr.count("\n") == 1


def test_serve_refuses_a_missing_ledger_before_serving_anything(tmp_path, english):
    result = runner.invoke(app, ["--db", str(tmp_path / "none.sqlite"), "serve"])
    assert result.exit_code == 1 and "no ledger at" in result.stderr
    assert not (tmp_path / "none.sqlite").exists()


@pytest.fixture
def served(monkeypatch) -> list[dict]:
    """What `kirjuri serve` hands to the server, recorded instead of serving."""
    calls: list[dict] = []
    monkeypatch.setattr(ui.FRONTENDS, "web", lambda command, **options: calls.append({"command": command, **options}))
    monkeypatch.delenv("KIRJURI_SERVE_TOKEN", raising=False)
    return calls


def test_on_loopback_there_is_no_token_unless_asked(example, served):
    result = runner.invoke(app, ["--db", str(example), "serve", "--port", "8123", "--max-sessions", "3"])
    assert result.exit_code == 0 and result.stdout == f"jaetaan {example} vain luettavana osoitteessa http://127.0.0.1:8123/\n"
    assert served[0]["token"] is None and served[0]["max_sessions"] == 3 and served[0]["lang"] == "fi"
    result = runner.invoke(app, ["--db", str(example), "serve", "--require-token"])
    token = served[1]["token"]
    assert len(token) >= 32 and result.stdout == (f"jaetaan {example} vain luettavana osoitteessa "
                                                  f"http://127.0.0.1:8000/?token={token}\n")


def test_off_loopback_a_new_token_is_in_the_printed_url_and_printed_nowhere_else(example, served):
    tokens = []
    for _ in range(2):
        result = runner.invoke(app, ["--db", str(example), "serve", "--host", "0.0.0.0", "--lang", "en"])
        tokens.append(served[-1]["token"])
        assert result.exit_code == 0 and result.stderr == ""
        assert result.stdout == f"serving {example} read-only at http://0.0.0.0:8000/?token={tokens[-1]}\n"
    assert tokens[0] != tokens[1] and all(len(t) >= 32 for t in tokens)
    assert tokens[0] not in served[0]["command"] and served[0]["host"] == "0.0.0.0"


def test_a_chosen_token_comes_from_the_option_or_the_environment_and_the_ui_never_sees_it(example, served,
                                                                                         monkeypatch):
    result = runner.invoke(app, ["--db", str(example), "serve", "--token", "valtuusto-2026-kevat"])
    assert served[0]["token"] == "valtuusto-2026-kevat" and result.stdout.endswith("/?token=valtuusto-2026-kevat\n")
    monkeypatch.setenv("KIRJURI_SERVE_TOKEN", "ymparistolautakunta.2026")
    result = runner.invoke(app, ["--db", str(example), "serve", "--host", "::"])
    assert served[1]["token"] == "ymparistolautakunta.2026" and result.exit_code == 0
    assert "KIRJURI_SERVE_TOKEN" not in os.environ  # each browser's UI process inherits this environment


# --- the server's rules, on tui/server.py's server with a stand-in UI -------------------------------------

#: stands in for the UI textual-serve starts: notes its start, says it is a Textual app, paints one line,
#: and ends when textual-serve says quit (as Textual's web driver does)
STAND_IN = r"""
import os, sys
with open(sys.argv[1], "a") as started:
    started.write(f"{os.getpid()}\n")
out = sys.stdout.buffer
out.write(b"__GANGLION__\n" + b"D" + len(b"stand-in UI").to_bytes(4, "big") + b"stand-in UI")
out.flush()
seen = b""
while b"quit" not in seen or sys.argv[2:] == ["stubborn"]:
    chunk = os.read(0, 4096)
    if not chunk:
        break
    seen = seen[-8:] + chunk
"""
TOKEN = "valtuusto-2026-kevat"


class Served:
    """A running KirjuriServer on 127.0.0.1 and how many UIs it has started."""

    def __init__(self, server, started: Path):
        self.server, self.started_file = server, started
        self.base = f"http://127.0.0.1:{server.port}"

    def started(self) -> int:
        return len(self.started_file.read_text().split())

    async def open(self, session: aiohttp.ClientSession, origin: str | None = "", **kwargs):
        """The page's websocket, opened with ``origin`` (by default the page's own) until the UI paints."""
        ws = await session.ws_connect(f"{self.base}/ws?width=80&height=24",
                                      origin=self.base if origin == "" else origin, **kwargs)
        message = await ws.receive(timeout=10)
        assert message.type == aiohttp.WSMsgType.BINARY and message.data == b"stand-in UI"
        return ws

    async def refused(self, session: aiohttp.ClientSession, origin: str | None = "", **kwargs) -> int:
        """The status a websocket that is not let in gets (the test fails if it is let in)."""
        with pytest.raises(aiohttp.WSServerHandshakeError) as refusal:
            await session.ws_connect(f"{self.base}/ws", origin=self.base if origin == "" else origin, **kwargs)
        return refusal.value.status

    async def until_sessions(self, count: int) -> None:
        """Wait until the server counts ``count`` sessions (a closed one ends once its UI has quit)."""
        until = time.monotonic() + 10
        while self.server.sessions != count:
            assert time.monotonic() < until, f"{self.server.sessions} sessions, not {count}"
            await asyncio.sleep(0.02)


@contextlib.asynccontextmanager
async def serving(tmp_path: Path, *, lang: str = "en", max_sessions: int = 10, token: str | None = None,
                  stubborn: bool = False):
    """tui/server.py's server for real on a free port, each UI the stand-in (``stubborn``: one that never quits)."""
    started = tmp_path / "started"
    started.write_text("")
    port = free_port()
    command = [sys.executable, "-c", STAND_IN, str(started)] + (["stubborn"] if stubborn else [])
    server = KirjuriServer(shlex.join(command), host="127.0.0.1", port=port,
                           lang=lang, max_sessions=max_sessions, token=token, public_url=f"http://127.0.0.1:{port}")
    runner = web.AppRunner(await server._make_app(), access_log=None)  # as web.run_app runs it
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    served = Served(server, started)
    try:
        yield served
        await served.until_sessions(0)  # every UI has quit and is reaped before the loop ends
    finally:
        await runner.cleanup()


def test_a_websocket_from_any_other_origin_is_refused_before_a_ui_starts(tmp_path):
    async def scenario():
        async with serving(tmp_path) as served, aiohttp.ClientSession() as session:
            port = served.server.port
            for origin in (None, "null", "http://evil.example", f"http://127.0.0.1:{port + 1}",
                           f"http://localhost:{port}", f"ftp://127.0.0.1:{port}", f"http://127.0.0.1:{port}.evil"):
                assert await served.refused(session, origin) == 403, origin
            assert served.started() == 0
            ws = await served.open(session)
            assert served.started() == 1
            await ws.close()

    asyncio.run(scenario())


def test_without_a_token_a_name_rebound_to_loopback_is_not_the_pages_own_origin(tmp_path):
    """A page at evil.example whose name now points at 127.0.0.1 sends Host and Origin evil.example."""
    async def scenario():
        async with serving(tmp_path) as served, aiohttp.ClientSession() as session:
            evil = f"evil.example:{served.server.port}"
            async with session.get(f"{served.base}/", headers={"Host": evil}) as page:
                assert page.status == 403 and "answers only at localhost, 127.0.0.1 and [::1]" in await page.text()
            assert await served.refused(session, f"http://{evil}", headers={"Host": evil}) == 403
            assert served.started() == 0
            async with session.get(f"{served.base}/", headers={"Host": f"localhost:{served.server.port}"}) as page:
                assert page.status == 200

    asyncio.run(scenario())


def test_at_the_session_limit_a_new_browser_gets_a_page_saying_so_and_no_ui_starts(tmp_path):
    async def scenario():
        async with serving(tmp_path, lang="fi", max_sessions=2) as served, aiohttp.ClientSession() as session:
            first, second = await served.open(session), await served.open(session)
            async with session.get(f"{served.base}/") as page:
                text = await page.text()
                assert page.status == 503 and 'lang="fi"' in text
                assert "Kirjurissa on jo 2 avointa istuntoa" in text and "Yritä myöhemmin uudelleen" in text
            assert await served.refused(session) == 503
            assert served.started() == 2
            await first.close()
            await served.until_sessions(1)
            async with session.get(f"{served.base}/") as page:
                assert page.status == 200 and "data-session-websocket-url" in await page.text()
            third = await served.open(session)
            assert served.started() == 3
            await second.close()
            await third.close()

    asyncio.run(scenario())


def test_with_a_token_only_a_browser_that_brought_it_gets_the_page_the_ui_or_a_download(tmp_path):
    async def scenario():
        async with serving(tmp_path, token=TOKEN) as served, \
                aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as stranger:
            for url in ("/", f"/?token={TOKEN[:-1]}", f"/?token={TOKEN}x", "/download/abc"):
                async with stranger.get(served.base + url, allow_redirects=False) as page:
                    assert page.status == 403 and "opens only with its access token" in await page.text(), url
                    assert "Set-Cookie" not in page.headers
            stranger.cookie_jar.update_cookies({served.server.cookie: TOKEN})  # the token itself is not the cookie
            assert await served.refused(stranger) == 403
            assert served.started() == 0
            async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as member:  # as browsers do
                async with member.get(f"{served.base}/?fontsize=20&token={TOKEN}", allow_redirects=False) as page:
                    assert page.status == 303 and page.headers["Location"] == "/?fontsize=20"  # not kept in history
                    assert TOKEN not in page.headers["Set-Cookie"] and "HttpOnly" in page.headers["Set-Cookie"]
                async with member.get(f"{served.base}/") as page:  # a reload
                    assert page.status == 200 and "data-session-websocket-url" in await page.text()
                ws = await served.open(member)
                assert served.started() == 1
                async with member.get(f"{served.base}/download/abc") as page:
                    assert page.status == 404  # let in: there is no such download
                await ws.close()

    asyncio.run(scenario())


def running(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie, dead and waiting to be reaped, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_ui_that_does_not_quit_when_its_browser_leaves_is_killed_and_its_session_freed(tmp_path, monkeypatch):
    monkeypatch.setattr(server_module, "QUIT_WAIT", 0.3)

    async def scenario():
        async with serving(tmp_path, max_sessions=1, stubborn=True) as served, aiohttp.ClientSession() as session:
            ws = await served.open(session)
            await ws.close()
            await served.until_sessions(0)
            (pid,) = map(int, served.started_file.read_text().split())
            assert not running(pid)
            await (await served.open(session)).close()

    asyncio.run(scenario())


def test_a_message_of_any_other_shape_is_ignored_and_the_session_goes_on(tmp_path, caplog):
    async def scenario():
        async with serving(tmp_path) as served, aiohttp.ClientSession() as session:
            ws = await served.open(session)
            for junk in ("not json", "[]", "{}", '["resize", "x"]', '["resize", {"width": "a"}]', '["stdin", 5]',
                         '["ping", {"a": 1}]', '["resize", {"width": 99999999, "height": -1}]', "[null, 1, 2]",
                         '["resize", {"width": "²", "height": "' + "9" * 5000 + '"}]', '["stdin", "\\ud800"]'):
                await ws.send_str(junk)
            await ws.send_bytes(b"\xff\xfe")
            await ws.send_str('["ping", "7"]')
            assert await ws.receive_json(timeout=5) == ["pong", "7"]
            assert served.server.sessions == 1 and served.started() == 1
            await ws.close()

    asyncio.run(scenario())
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_every_page_the_server_shows_is_said_in_finnish_and_in_english():
    said = {lang: {key for key in TEXTS[lang] if key.startswith("serve.")} for lang in ("fi", "en")}
    assert said["fi"] == said["en"] and {"serve.full", "serve.token", "serve.host", "serve.ended"} <= said["fi"]


def test_the_page_names_no_other_host_and_tells_the_browser_to_load_nothing_from_one(tmp_path):
    async def scenario():
        async with serving(tmp_path) as served, aiohttp.ClientSession() as session:
            async with session.get(f"{served.base}/") as page:
                html, policy = await page.text(), page.headers["Content-Security-Policy"]
            for font in ("RobotoMono-VariableFont_wght.ttf", "RobotoMono-Italic-VariableFont_wght.ttf"):
                assert f"/static/fonts/{font}" in html
                async with session.get(f"{served.base}/static/fonts/{font}") as response:
                    assert response.status == 200 and len(await response.read()) > 10_000
        return html, policy

    html, policy = asyncio.run(scenario())
    addresses = set(re.findall(r'(?:src|href)="([^"]*)"|url\("([^"]*)"\)', html))
    addresses = {a or b for a, b in addresses}
    assert addresses and all(a.startswith("/static/") or a == "data:," for a in addresses), addresses
    assert "googleapis" not in html and "default-src 'none'" in policy and "frame-ancestors 'none'" in policy


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
    return [sys.executable, "-c", "from cli.app import main; main()"]


class Kirjuri:
    """`kirjuri serve` running as its own process on a free port, its output in a file."""

    def __init__(self, process: subprocess.Popen, log: Path, port: int, until: float):
        self.process, self.log, self.port, self.until = process, log, port, until
        self.base = f"http://127.0.0.1:{port}"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def printed_url(self) -> str:
        """The address `kirjuri serve` printed, once it answers there."""
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"kirjuri serve exited with {self.process.returncode}:\n{self.output()}")
            found = re.search(r"(http://\S+)", self.output())
            if found:
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return found.group(1)
            if time.monotonic() > self.until:
                pytest.fail(f"kirjuri serve did not answer on port {self.port}:\n{self.output()}")
            time.sleep(0.1)

    def uis(self) -> list[int]:
        """The UI processes it has running now (each `python -m cli.served …`)."""
        ours = []
        for entry in Path("/proc").iterdir():
            with contextlib.suppress(OSError):
                argv = (entry / "cmdline").read_bytes().split(b"\0")
                if entry.name.isdigit() and b"cli.served" in argv and str(self.log.parent).encode() in b" ".join(argv):
                    ours.append(int(entry.name))
        return ours


@contextlib.contextmanager
def kirjuri_serve(example: Path, tmp_path: Path, *args: str):
    """`kirjuri --db EXAMPLE serve --port P ARGS` in ``tmp_path``, stopped (and killed if it must be) afterwards."""
    port = free_port()
    log = tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if k not in ("KIRJURI_DB", "KIRJURI_DATABASE_URL", "KIRJURI_SERVE_TOKEN")}
    with log.open("wb") as out:
        process = subprocess.Popen([*kirjuri_argv(), "--db", str(example), "serve", "--port", str(port), *args],
                                   stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env,
                                   cwd=tmp_path)
    try:
        yield Kirjuri(process, log, port, time.monotonic() + DEADLINE - 3)  # leave time to stop the server
    finally:
        process.terminate()
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Screen:
    """A websocket opened as the page's script opens it, and what the UI has painted on it so far."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, until: float):
        self.ws, self.until, self.painted, self.said = ws, until, b"", []

    async def until_painted(self, *wanted: bytes) -> None:
        """Read until every one of ``wanted`` has been painted."""
        while not all(part in self.painted for part in wanted):
            await self.receive(wanted)

    async def until_said(self, kind: str) -> list:
        """Read until the server has sent a text message ``[kind, …]``, and return it."""
        while not any(said[0] == kind for said in self.said):
            await self.receive(kind)
        return next(said for said in self.said if said[0] == kind)

    async def receive(self, wanted: object) -> None:
        """One message: painted bytes go to ``painted``, what the server says as text to ``said``."""
        message = await self.ws.receive(timeout=max(0.1, self.until - time.monotonic()))
        if message.type == aiohttp.WSMsgType.BINARY:
            self.painted += message.data
        elif message.type == aiohttp.WSMsgType.TEXT:
            self.said.append(json.loads(message.data))
        else:
            raise AssertionError(f"the websocket ended ({message.type.name}) before {wanted!r} arrived")

    async def keys(self, text: str) -> None:
        await self.ws.send_str(json.dumps(["stdin", text]))


def test_kirjuri_serve_shows_the_ui_read_only_in_a_browser(example, tmp_path):
    async def scenario(kirjuri: Kirjuri):
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{kirjuri.base}/") as response:
                page = await response.text()
            assert "<div>Kirjuri</div>" in page  # textual-serve's start page, under the app's title
            websocket = f"ws://127.0.0.1:{kirjuri.port}/ws"
            assert f'data-session-websocket-url="{websocket}"' in page
            async with session.ws_connect(f"{websocket}?width=100&height=30", origin=kirjuri.base) as ws:
                screen = Screen(ws, kirjuri.until)
                await screen.until_painted(b"Kirjuri", "vain luku".encode())  # the header: title and read-only mark

    with kirjuri_serve(example, tmp_path) as kirjuri:
        assert kirjuri.printed_url() == f"http://127.0.0.1:{kirjuri.port}/"
        asyncio.run(scenario(kirjuri))
    assert kirjuri.output() == f"jaetaan {example} vain luettavana osoitteessa http://127.0.0.1:{kirjuri.port}/\n"


def test_an_export_in_the_browser_is_a_download_and_nothing_is_written_on_the_server(example, tmp_path):
    """With a token, as a browser does: the printed URL, then the cookie for the websocket and the download."""
    async def scenario(kirjuri: Kirjuri, url: str) -> tuple[str, str]:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as browser:
            async with browser.get(url) as response:
                assert response.status == 200 and str(response.url) == f"{kirjuri.base}/"
            async with browser.ws_connect(f"ws://127.0.0.1:{kirjuri.port}/ws?width=100&height=30",
                                          origin=kirjuri.base) as ws:
                screen = Screen(ws, kirjuri.until)
                await screen.until_painted(b"read-only", b"TA+muutos")
                await screen.keys("\x10")  # ctrl+p: the command palette
                await screen.until_painted(b"Export this view as CSV")
                await screen.keys("Export this view")
                key = None
                while key is None:  # enter, until the palette's search has found the one command enter picks
                    assert time.monotonic() < kirjuri.until, "the export was never offered as a download"
                    await screen.keys("\r")
                    with contextlib.suppress(TimeoutError):
                        _, key = await asyncio.wait_for(screen.until_said("deliver_file_start"), 1)
                async with browser.get(f"{kirjuri.base}/download/{key}") as download:
                    return download.headers["Content-Disposition"], (await download.read()).decode("utf-8-sig")

    with kirjuri_serve(example, tmp_path, "--require-token", "--lang", "en") as kirjuri:
        url = kirjuri.printed_url()
        disposition, text = asyncio.run(scenario(kirjuri, url))
    code, year = re.fullmatch(r"attachment; filename=kirjuri-([A-Za-z0-9_-]+)-(\d{4})\.csv", disposition).groups()
    ledger = KirjuriLedger(Target(sqlite_path=example))
    try:
        shown = csv_rows(figures_view(ledger.state, Selection(code, int(year)), Texts("en")), Texts("en"))
    finally:
        ledger.close()
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == shown[0] and [row[0] for row in rows] == [row[0] for row in shown] and len(rows) > 2
    written = [p.name for p in tmp_path.rglob("*") if not p.name.startswith((example.name, "serve.log"))]
    assert written == []  # nothing written where the server runs
    token = url.split("?token=")[1]
    assert kirjuri.output().count(token) == 1  # the printed URL, and nowhere else


def test_stopping_the_server_ends_every_ui_at_once(example, tmp_path):
    async def scenario(kirjuri: Kirjuri) -> list[int]:
        async with aiohttp.ClientSession() as browser:
            async with browser.ws_connect(f"ws://127.0.0.1:{kirjuri.port}/ws", origin=kirjuri.base) as ws:
                await Screen(ws, kirjuri.until).until_painted(b"Kirjuri")
                uis = kirjuri.uis()
                kirjuri.process.send_signal(signal.SIGINT)  # ctrl+c with a browser still open
                kirjuri.process.wait(timeout=8)
                return uis

    with kirjuri_serve(example, tmp_path) as kirjuri:
        kirjuri.printed_url()
        uis = asyncio.run(scenario(kirjuri))
    assert len(uis) >= 1 and kirjuri.process.returncode == 0
    assert kirjuri.uis() == [] and "Traceback" not in kirjuri.output()


# --- the page in a real browser ---------------------------------------------------------------------------

#: Chromium, headless, with nothing of its own to fetch (no sync, no updates, no first-run pages)
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run",
                  "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-default-apps", "--mute-audio", "--window-size=1000,700",
                  "--remote-debugging-port=0")


def chromium() -> str:
    """Debian's Chromium (.ci/run installs it); the test fails, not skips, without it."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    pytest.fail("the browser test needs Chromium: apt-get install -y chromium")


class DevTools:
    """One page of a headless Chromium, driven over the DevTools protocol, every event it reports kept."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse):
        self.ws, self.events, self.sent = ws, [], 0

    async def call(self, method: str, **params) -> dict:
        self.sent += 1
        await self.ws.send_json({"id": self.sent, "method": method, "params": params})
        while True:
            message = await self.ws.receive_json(timeout=10)
            if message.get("id") == self.sent:
                return message.get("result", {})
            self.events.append(message)

    async def until(self, done, until: float) -> None:
        """Keep every event until ``done(events)`` holds; fails at ``until``."""
        while not done(self.events):
            self.events.append(await self.ws.receive_json(timeout=max(0.1, until - time.monotonic())))

    def of(self, method: str) -> list[dict]:
        return [event["params"] for event in self.events if event.get("method") == method]

    def painted(self) -> bytes:
        """What the page's websocket received from the UI (the terminal's bytes)."""
        return b"".join(base64.b64decode(frame["response"]["payloadData"])
                        for frame in self.of("Network.webSocketFrameReceived") if frame["response"]["opcode"] == 2)


@contextlib.asynccontextmanager
async def headless_page(profile: Path):
    """A fresh Chromium with its own profile, and its one page over DevTools."""
    browser = subprocess.Popen([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        until = time.monotonic() + 10
        while not (port_file.exists() and port_file.read_text().count("\n") >= 1):
            assert browser.poll() is None and time.monotonic() < until, "Chromium did not start"
            await asyncio.sleep(0.05)
        devtools = f"http://127.0.0.1:{port_file.read_text().split()[0]}"
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{devtools}/json/list") as response:
                page = next(target for target in await response.json() if target["type"] == "page")
            async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                yield DevTools(ws)
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=5)
        except subprocess.TimeoutExpired:
            browser.kill()
            browser.wait()


def test_in_a_browser_the_page_reaches_no_host_but_the_server_and_the_ui_renders(example, tmp_path):
    """The printed URL (with its token) opened in Chromium: every request it makes, the websocket's
    included, goes to the server's own host and port, nothing is blocked, and the ledger's UI paints."""
    async def scenario(url: str) -> DevTools:
        async with headless_page(tmp_path / "chromium") as page:
            for domain in ("Network", "Page", "Runtime", "Log"):
                await page.call(f"{domain}.enable")
            await page.call("Page.navigate", url=url)
            await page.until(lambda _events: b"Kirjuri" in page.painted() and "vain luku".encode() in page.painted(),
                             time.monotonic() + DEADLINE)
            body = await page.call("Runtime.evaluate", expression="document.body.className", returnByValue=True)
            page.body = body["result"]["value"]
            return page

    with kirjuri_serve(example, tmp_path, "--require-token") as kirjuri:
        page = asyncio.run(scenario(kirjuri.printed_url()))
    requested = [r["request"]["url"] for r in page.of("Network.requestWillBeSent")]
    sockets = [s["url"] for s in page.of("Network.webSocketCreated")]
    assert sockets == [f"ws://127.0.0.1:{kirjuri.port}/ws?" + sockets[0].split("?")[1]]
    away = [url for url in requested + sockets
            if urllib.parse.urlsplit(url).netloc != f"127.0.0.1:{kirjuri.port}" and not url.startswith("data:")]
    assert away == [] and len(requested) >= 5  # the page, its script, style, font and background at least
    assert any(url.endswith(".ttf") for url in requested)  # the font, from the server itself
    assert page.of("Network.loadingFailed") == []  # nothing blocked by the page's policy, nothing missing
    assert "-first-byte" in page.body  # the page's script took the UI's first paint

