"""`kirjuri serve`'s web server: textual-serve's, made fit to face a committee's browsers.

textual-serve starts one UI process for every websocket that reaches it. Left as it is,
any page open in a committee member's browser could open that websocket and read the
ledger, there is no limit to the processes, its access log prints every query, and its
page loads a font from the internet. This subclass keeps its relaying of screens, keys and
downloads, and adds, before any UI process starts:

- the websocket only from the page's own origin (Origin must name the Host it was sent
  to); without a token only under a loopback name, so a DNS name rebound to 127.0.0.1
  does not become "the page's own origin";
- at most ``max_sessions`` UIs at once: a browser beyond them gets a page saying so;
- with a token, the page, the websocket and downloads only for a browser that brought it
  (in the URL once, then a cookie, so a reload works);
- the page from its own files only: the font is served from textual-serve's static folder,
  and a Content-Security-Policy tells the browser to fetch nothing from anywhere else.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import os
import re
import signal
from asyncio.subprocess import Process
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from tui.i18n import Texts

#: the page and the refusals, rendered with HTML escaping (a Host header is the browser's to write)
PAGES = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).with_name("serve_pages")),
                           autoescape=True)
#: how long a UI has to quit when its browser has gone before it is killed
QUIT_WAIT = 5.0
log = logging.getLogger("kirjuri.serve")
#: the names a browser on this machine reaches a loopback address by
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
#: a Host header that may be written into the page's Content-Security-Policy as it is
PLAIN_HOST = re.compile(r"[A-Za-z0-9.:\[\]-]+")


def host_name(netloc: str) -> str:
    """The name in a Host header or an origin's netloc, without its port: "[::1]:8000" → "::1"."""
    return (urlsplit(f"//{netloc}").hostname or "").lower()


class KirjuriServer(Server):
    """textual-serve's Server with an origin rule, a session limit and an optional access token."""

    def __init__(self, command: str, *, host: str, port: int, lang: str, max_sessions: int,
                 token: str | None, public_url: str):
        super().__init__(command, host=host, port=port, title="Kirjuri", public_url=public_url)
        self.texts = Texts(lang)
        self.max_sessions = max_sessions
        self.sessions = 0
        self.websockets: set[web.WebSocketResponse] = set()
        self.token = token
        self.cookie = f"kirjuri-serve-{port}"

    # --- who may come in ------------------------------------------------------------------------

    def _cookie_value(self) -> str:
        """What the cookie holds: derived from the token, so the cookie is not the token itself."""
        assert self.token is not None
        return hashlib.sha256(f"kirjuri serve {self.port} {self.token}".encode()).hexdigest()

    def _has_token(self, request: web.Request) -> bool:
        if self.token is None:
            return True
        given = request.query.get("token")
        if given is not None:
            return hmac.compare_digest(given.encode(), self.token.encode())
        return hmac.compare_digest(request.cookies.get(self.cookie, "").encode(), self._cookie_value().encode())

    def _host_allowed(self, request: web.Request) -> bool:
        """Without a token only a loopback name may be the Host: a page whose name was rebound to
        127.0.0.1 is then not "the page's own origin" and cannot read the ledger."""
        return self.token is not None or host_name(request.host) in LOOPBACK_NAMES | {self.host.strip("[]").lower()}

    @web.middleware
    async def _guard(self, request: web.Request, handler):
        """Every request but the static files needs an allowed Host and, when there is one, the token."""
        if request.path.startswith("/static/"):
            return await handler(request)
        if not self._host_allowed(request):
            return self._page("host", web.HTTPForbidden.status_code)
        if not self._has_token(request):
            return self._page("token", web.HTTPForbidden.status_code)
        if request.path == "/" and "token" in request.query:
            return self._keep_token(request)
        return await handler(request)

    def _keep_token(self, request: web.Request) -> web.Response:
        """The token came in the URL: keep it in a cookie and show the address without it."""
        query = {k: v for k, v in request.query.items() if k != "token"}
        response = web.Response(status=web.HTTPSeeOther.status_code,
                                headers={"Location": request.rel_url.with_query(query).path_qs if query else "/"})
        response.set_cookie(self.cookie, self._cookie_value(), path="/", httponly=True, samesite="Strict")
        return response

    # --- the pages ------------------------------------------------------------------------------

    def _page(self, kind: str, status: int, **fields: object) -> web.Response:
        """A page that says, in the UI's language, why there is no UI."""
        html = PAGES.get_template("refused.html").render(
            lang=self.texts.lang, title=self.texts(f"serve.{kind}.title"),
            message=self.texts(f"serve.{kind}", **fields))
        return web.Response(text=html, status=status, content_type="text/html")

    async def handle_index(self, request: web.Request) -> web.Response:
        """The page that opens the UI, or the page that says every session is taken."""
        if self.sessions >= self.max_sessions:
            return self._page("full", web.HTTPServiceUnavailable.status_code, limit=self.max_sessions)
        scheme = "wss" if self.public_url.startswith("https") or request.secure else "ws"
        html = PAGES.get_template("index.html").render(
            lang=self.texts.lang, title=self.title, static="/static/", websocket=f"{scheme}://{request.host}/ws",
            font_size=_font_size(request.query.get("fontsize", "")), texts=self.texts)
        return web.Response(text=html, content_type="text/html")

    # --- the websocket ---------------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """Start a UI for this browser: only from the page's own origin, only while a session is free."""
        origin = request.headers.get("Origin", "")
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != request.host.lower():
            return web.Response(status=web.HTTPForbidden.status_code, text="kirjuri: Origin is not this page's own\n")
        if self.sessions >= self.max_sessions:
            return web.Response(status=web.HTTPServiceUnavailable.status_code,
                                text=self.texts("serve.full", limit=self.max_sessions) + "\n")
        self.sessions += 1
        try:
            return await self._relay(request)
        finally:
            self.sessions -= 1

    async def _relay(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handle_websocket, with a session that ends only when its UI process has, and
        a failure said in one line (no traceback in the server's output)."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width, height = (_cells(request.query.get(name, ""), default) for name, default in (("width", 80),
                                                                                            ("height", 24)))
        session: UISession | None = None
        try:
            await websocket.prepare(request)
            self.websockets.add(websocket)
            session = UISession(self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
                                close=websocket.close, download_manager=self.download_manager, debug=self.debug)
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # a browser gone mid-message, a UI that failed: the server serves on
            log.error("a session ended: %s", error)
        finally:
            self.websockets.discard(websocket)
            if session is not None:
                await session.stop()
        return websocket

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """Relay the browser's keys, size, focus and pings to the UI; a message of any other shape is ignored."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            kind, data = _envelope(message.data)
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8", errors="replace"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(_cells(str(data.get("width")), 80),
                                                    _cells(str(data.get("height")), 24))
            elif kind == "ping" and isinstance(data, (str, int)):
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

    # --- the server ------------------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        app.on_response_prepare.append(_secure_headers)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Say nothing: `kirjuri serve` has printed the one address to open."""

    async def on_shutdown(self, app: web.Application) -> None:
        """ctrl+c: close every browser's websocket, so each UI quits now, not when aiohttp stops waiting."""
        for websocket in list(self.websockets):
            await websocket.close(code=WSCloseCode.GOING_AWAY)

    def initialize_logging(self) -> None:
        """Warnings and errors only, and no access log: its lines would print the token."""
        logging.basicConfig(level="WARNING", format="kirjuri serve: %(message)s")

    def serve(self, debug: bool = False) -> None:
        """Run until ctrl+c or SIGTERM, without aiohttp's access log."""
        self.debug = debug
        self.initialize_logging()
        web.run_app(self._make_app(), host=self.host, port=self.port, access_log=None, print=lambda *args: None)


class UISession(AppService):
    """textual-serve's AppService, ended for sure: a UI that has not quit a few seconds after being
    asked is killed, and the session (and its place under the limit) ends only when the process has.

    The command runs through a shell, so the UI is started in a process group of its own and the
    whole group is killed: killing only the shell would leave the UI running.
    """

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        self._process = process = await asyncio.create_subprocess_shell(
            self.command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=self._build_environment(width=width, height=height),
            start_new_session=True)
        self._stdin = process.stdin
        return process

    async def stop(self) -> None:
        process = self._process
        stopping = asyncio.ensure_future(super().stop())
        try:
            await asyncio.wait({stopping}, timeout=QUIT_WAIT)
        finally:  # also when the server is stopping and cancels this
            if process is not None and not stopping.done():
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
        await stopping
        if process is not None:
            if process.stdin is not None:
                process.stdin.close()
            await process.wait()


def _envelope(text: str) -> tuple[object, object]:
    """A browser's message ``[kind, data]`` as (kind, data); (None, None) for anything else."""
    try:
        envelope = json.loads(text)
    except ValueError:
        return None, None
    if not isinstance(envelope, list) or not envelope:
        return None, None
    return envelope[0], envelope[1] if len(envelope) > 1 else None


def _number(text: str, low: int, high: int, default: int) -> int:
    """A number a browser sent, if it is one from ``low`` to ``high``; else ``default``."""
    return int(text) if re.fullmatch(r"[0-9]{1,4}", text) and low <= int(text) <= high else default


def _cells(text: str, default: int) -> int:
    """A terminal's width or height as a browser sends it: 1–1000 cells."""
    return _number(text, 1, 1000, default)


def _font_size(text: str) -> int:
    """The page's font size from ``?fontsize=``: 8–64, else textual-serve's 16."""
    return _number(text, 8, 64, 16)


async def _secure_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Tell the browser to load and connect to nothing but this server, and to keep no copy of the page."""
    host = request.host
    sockets = f" ws://{host} wss://{host}" if PLAIN_HOST.fullmatch(host) else ""  # 'self' covers them in CSP 3
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        f"font-src 'self'; img-src 'self' data:; connect-src 'self'{sockets}; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    if not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"
