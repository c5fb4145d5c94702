"""The commands that open the terminal UI: `kirjuri tui` (and `kirjuri` alone), `kirjuri demo`,
and `kirjuri serve`, which serves it read-only to browsers.

The UI is started through ``FRONTENDS``: the real terminal UI (``tui.run``) and the real
web server (tui/server.py) unless a test puts stand-ins in. A plain call that only opens
the UI is read by ``viewer_call`` without typer, so the first frame comes sooner.
"""

from __future__ import annotations

import ipaddress
import os
import re
import secrets
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import typer

import tui
from cli.common import EXAMPLES, OPTS, _cli_language, _failing, _markup, _open, _ui_language, cli_said, out
from cli.figures import history, show, units
from ledger.app import Kirjuri
from ledger.audit import authority
from ledger.domain.rules import Rejected
from ledger.reports.output import ledger_files
from ledger.store.log import StoreError, Target, default_sqlite_path, resolve_target
from ledger.locale.reason import Reason

app = typer.Typer()


def run_terminal_ui(ledger: Kirjuri, lang: str, read_only: bool, rules: authority.Rules | None = None) -> None:
    """The terminal UI on ``ledger`` until the user quits (``tui.run`` imports Textual itself)."""
    tui.run(ledger, lang=lang, read_only=read_only, rules=rules)


def run_web_server(command: str, **options) -> None:
    """textual-serve's server made fit for a committee's browsers, until ctrl+c; each browser runs ``command``."""
    from tui.server import KirjuriServer  # textual-serve and aiohttp: loaded by `kirjuri serve` alone

    KirjuriServer(command, **options).serve()


@dataclass
class Frontends:
    """What the UI commands start: ``terminal(ledger, lang, read_only, rules)`` opens the terminal UI,
    ``web(command, host=, port=, lang=, max_sessions=, token=, public_url=)`` serves it to browsers."""

    terminal: Callable[[Kirjuri, str, bool, authority.Rules | None], None] = run_terminal_ui
    web: Callable[..., None] = run_web_server


#: the real terminal UI and web server; a test sets stand-ins on it (monkeypatch), the code never does
FRONTENDS = Frontends()


def _lang_opt():
    return typer.Option(None, "--lang", help="fi, sv or en (default: kirjuri --lang, else $KIRJURI_LANG, else the "
                                             "locale, else fi); TA, KS and määräraha stay as they are in English")


def _read_only_opt():
    return typer.Option(False, "--read-only", help="For auditors: no form opens, nothing can be written")


def _rules_opt():
    return typer.Option(None, "--rules", dir_okay=False,
                        help="The municipality's rules of authority, for the committee view (TOML; see "
                             "examples/kemijarvi-rules.toml). Default: kuntalaki's minimum")


@app.command(name="tui")
def tui_command(
    lang: Optional[str] = _lang_opt(),
    read_only: bool = _read_only_opt(),
    rules_file: Optional[Path] = _rules_opt(),
) -> None:
    """Open the terminal UI: organisation, figures, audit trail, time travel."""
    _view(lang, read_only, rules_file)


#: the options of `kirjuri [--db X] [--author Y] [--lang L] [tui [--lang L] [--read-only] [--rules F]]`, by where
#: they stand (a --lang given at both is typer's to parse)
_VIEWER_OPTIONS = ({"--db": "db", "--author": "author", "--lang": "lang"},
                   {"--lang": "lang", "--read-only": "read_only", "--rules": "rules"})


def viewer_call(argv: list[str]) -> dict | None:
    """The options of a plain call that opens the UI, or None for anything else (typer parses that).

    Typer builds a pydantic adapter for every option it parses (~0.15 s): reading the
    UI's own four options directly lets the first frame come that much sooner.
    """
    found: dict = {}
    stage, rest = 0, list(argv)
    while rest:
        token = rest.pop(0)
        if stage == 0 and token == "tui":
            stage = 1
            continue
        name, eq, value = token.partition("=")
        key = _VIEWER_OPTIONS[stage].get(name)
        if key is None or key in found:
            return None
        if key == "read_only":
            if eq:
                return None
            found[key] = True
            continue
        if not eq:
            if not rest:
                return None
            value = rest.pop(0)
        found[key] = value
    return found


def open_viewer(db: str | None = None, author: str | None = None, lang: str | None = None, read_only: bool = False,
                rules: str | None = None) -> None:
    """Open the UI for a call `viewer_call` read; a failure is one line and exit status 1, as in typer."""
    OPTS.db, OPTS.author, OPTS.lang = db, author, None
    try:
        _view(lang, read_only, None if rules is None else Path(rules))
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None


def _view(lang: str | None, read_only: bool, rules_file: Path | None = None) -> None:
    """The rules file is read before the ledger opens: a wrong one is refused before any screen. The
    language is --lang's, else $KIRJURI_LANG's, else the locale's, else Finnish (``language``)."""
    with _failing():
        lang = _ui_language(lang)
        rules = authority.load(rules_file) if rules_file is not None else None
        ledger = _ledger_for_ui(read_only)
        if rules is not None:  # what its forms write is judged by the rules its committee view checks
            ledger.use_rules_file(rules)  # a file that is not the rules the ledger adopted: refused before any screen
        FRONTENDS.terminal(ledger, lang, read_only, rules)


def _ledger_for_ui(read_only: bool = False) -> Kirjuri:
    """The ledger --db names, handed to the UI unfolded (it paints first, then folds the state).

    The one place the UI's ledger is opened: for `kirjuri`, `kirjuri tui`, `kirjuri demo`
    and the UI each browser runs under `kirjuri serve` (cli/served.py). A read-only UI gets a
    read-only ledger, which refuses every write itself.
    """
    return _open(load=False, read_only=read_only)


#: the bundled example ledgers ``kirjuri demo`` opens, each restored from examples/NAME.json: what it is, for the
#: tour's first line
DEMOS = {
    "kemijarvi": "the Kemijärvi example (2022–2026, from the seed books)",
    "kemi": "the Kemi example (2023, from the seed books)",
    "seinajoki": "the Seinäjoki example (tilinpäätös 2024, from its sections 8.1–8.5)",
}


@app.command()
def demo(
    example: str = typer.Argument("kemijarvi", help="Which bundled example: kemijarvi, kemi or seinajoki"),
    reset: bool = typer.Option(False, "--reset", help="Start again from the bundled example"),
    tour: bool = typer.Option(False, "--tour", help="Print a tour of the example instead of opening the UI"),
    lang: Optional[str] = _lang_opt(),
    read_only: bool = _read_only_opt(),
    rules_file: Optional[Path] = _rules_opt(),
) -> None:
    """Open a bundled example ledger (no set-up; Kemijärvi unless another is named) in the terminal UI, or
    print a tour of it; the UI's options are `kirjuri tui`'s."""
    from ledger.store import exchange

    with _failing():
        if example not in DEMOS:
            raise Rejected("example", example, "choice.unknown", choices=tuple(DEMOS))
        OPTS.lang = lang or OPTS.lang  # the tour's tables speak the demo's --lang too
        lang = _ui_language(lang)
        if rules_file is not None:
            authority.load(rules_file)  # a wrong rules file is refused before the example is made
        source = EXAMPLES / f"{example}.json"
        if not source.exists():
            raise StoreError(Reason("store.example_missing", path=str(source)))
        own = "demo.sqlite" if example == "kemijarvi" else f"demo-{example}.sqlite"
        target = resolve_target(OPTS.db) if OPTS.db else resolve_target(str(default_sqlite_path().with_name(own)))
        if target.sqlite_path is not None and target.sqlite_path.exists() and reset:
            _demo_only(target, source)
            for path in ledger_files(target):
                path.unlink(missing_ok=True)
        if target.sqlite_path is None or not target.sqlite_path.exists():
            ledger = Kirjuri(target, create=True, author=OPTS.author)
            try:
                if not ledger.state.seq:
                    ledger.submit_recorded(exchange.read_export(source)[1])
            finally:
                ledger.close()
        OPTS.db = str(target.sqlite_path or target.postgres_url)
        opens_ui = not tour and in_terminal()
    if opens_ui:
        _view(lang, read_only, rules_file)
        return
    if example != "kemijarvi":
        _tour(example, target)
        return
    with _failing():
        out.print(f"[bold]Kirjuri demo[/bold]: {_markup(cli_said('demo.at', example=cli_said(f'demo.{example}'), target=target.describe()))}\n")
        units(year=2026, as_of=None)
        out.print()
        show("HALL", year=2025, as_of=None, known_at=None, detail=False)
        show("ELTY", year=2026, as_of=None, known_at=None, detail=False)
        history("JOUKKOLIIKENNE", year=None, limit=6)
        out.print("\n" + cli_said("demo.try", command=f"kirjuri --db {OPTS.db} amend 2026 'JOUKKOLIIKENNE:MENOT=-12 000' "
                                   "--effective 15.6.2026 --decision 'KV 9.6.2026 § 41'")
                  + "\n     kirjuri --db ... show ELTY --year 2026 --known-at 1.2.2026", markup=False)


def _tour(example: str, target: Target) -> None:
    """Another example's tour: its organisation and its top's figures in its latest year, and where to go on."""
    with _failing():
        state = _open().state
        year = max(state.years())
        top = next(code for code, parent in state.parents(year).items() if parent is None)
        out.print(f"[bold]Kirjuri demo[/bold]: {_markup(cli_said('demo.at', example=cli_said(f'demo.{example}'), target=target.describe()))}\n")
        units(year=year, as_of=None)
        out.print()
        show(top, year=year, as_of=None, known_at=None, detail=False)
        out.print("\n" + cli_said("demo.try", command=f"kirjuri --db {OPTS.db} report toteutumisvertailu {top} --year {year}")
                  + f"\n     kirjuri --db {OPTS.db} report parts --year {year}", markup=False)


def in_terminal() -> bool:
    """Both ends are a terminal: the UI can open (else `demo` prints its tour)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _demo_only(target: Target, source: Path) -> None:
    """`demo --reset` deletes a ledger only if it grew from the example (its first event is the
    example's): never a ledger of its own, nor any other file --db names."""
    from ledger.store import exchange

    first = exchange.read_export(source)[1][0].hash
    ledger = Kirjuri(target, load=False)
    try:
        ours = ledger.eventlog.head_seq() and ledger.eventlog.hash_at(1) == first
    finally:
        ledger.close()
    if not ours:
        raise Rejected("db", target.describe(), "demo.not_the_example")


# --- the UI in a browser -------------------------------------------------------------------------

#: what textual-serve runs for each browser: the UI, read-only (cli/served.py)
SERVED_MODULE = "cli.served"


def served_command(target: Target, lang: str, rules_file: Path | None = None) -> tuple[str, dict[str, str]]:
    """The shell command textual-serve runs for each browser, and what it adds to the environment.

    It opens this same ledger with this same Python, read-only. An SQLite file is named by
    its absolute path; a PostgreSQL URL, which may hold a password, goes through the
    environment (KIRJURI_DATABASE_URL), never onto a command line anyone on the machine can list.
    """
    argv, env = [sys.executable, "-m", SERVED_MODULE], {}
    if target.is_postgres:
        env["KIRJURI_DATABASE_URL"] = target.postgres_url
    else:
        argv += ["--db", str(target.sqlite_path.resolve())]
    argv += ["tui", "--read-only", "--lang", lang]
    if OPTS.chart is not None:
        env["KIRJURI_CHART"] = OPTS.chart
    if rules_file is not None:
        argv += ["--rules", str(rules_file.resolve())]
    return shlex.join(argv), env


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="The address to listen on, as browsers reach it "
                                                         "(default: only this computer)"),
    port: int = typer.Option(8000, "--port", help="The port to listen on"),
    lang: Optional[str] = typer.Option(None, "--lang", help="fi, sv or en (default: $KIRJURI_LANG, else the "
                                                            "locale, else fi)"),
    rules_file: Optional[Path] = typer.Option(None, "--rules", dir_okay=False,
                                              help="The municipality's rules of authority, for the committee view "
                                                   "(TOML). Default: kuntalaki's minimum"),
    max_sessions: int = typer.Option(10, "--max-sessions", help="How many browser tabs may have a UI at once"),
    token: Optional[str] = typer.Option(None, "--token", envvar="KIRJURI_SERVE_TOKEN", show_envvar=False,
                                        help="The access token browsers must bring (16–128 letters, digits or "
                                             ". _ ~ -; also $KIRJURI_SERVE_TOKEN). Default: a new one whenever "
                                             "--host is not loopback"),
    require_token: bool = typer.Option(False, "--require-token", help="Ask for a token on loopback too"),
) -> None:
    """Serve the terminal UI read-only in a web browser, for committee members without a terminal.

    Each browser tab runs its own read-only UI on this ledger (textual-serve); ctrl+c stops the server.
    Only the page's own origin may open a UI; with a token, only a browser that brought it.
    """
    with _failing():
        lang = _ui_language(lang)
        if not 0 < port < 65536:
            raise Rejected("port", port, "port.range")
        if max_sessions < 1:
            raise Rejected("max-sessions", max_sessions, "serve.sessions")
        token = _serve_token(host, token, require_token)
        if rules_file is not None:
            authority.load(rules_file)  # a wrong rules file is refused here, once, not in every browser
        ledger = _open(load=False, read_only=True)  # a missing ledger is refused here, once, not in every browser
        ledger.close()
        command, env = served_command(ledger.target, lang, rules_file)
        os.environ.update(env)
        os.environ.pop("KIRJURI_SERVE_TOKEN", None)  # the UI each browser runs has no use for it

        url = f"http://{f'[{host}]' if ':' in host else host}:{port}"
        out.print(cli_said("serve.serving", _cli_language(), target=ledger.target.describe(),
                           url=f"{url}/{'' if token is None else '?token=' + token}"), markup=False)
        FRONTENDS.web(command, host=host, port=port, lang=lang, max_sessions=max_sessions, token=token, public_url=url)


#: an access token as a URL carries it unescaped, long enough not to be guessed
SERVE_TOKEN = re.compile(r"[A-Za-z0-9._~-]{16,128}")


def _serve_token(host: str, token: str | None, require: bool) -> str | None:
    """The token browsers must bring: the one given, else a new one off loopback or when asked, else none."""
    if token is not None:
        if not SERVE_TOKEN.fullmatch(token):
            raise Rejected("token", token, "serve.token")
        return token
    return secrets.token_urlsafe(24) if require or not _is_loopback(host) else None


def _is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or a name to listen on) is reachable only from this machine."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
