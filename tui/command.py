"""The `kirjuri` entry point with the terminal UI: ledger/ never imports tui/, so the UI
plugs itself into the CLI here, as the viewer `kirjuri`, `kirjuri tui` and `kirjuri demo` open."""

from __future__ import annotations

import sys

from ledger import cli
from ledger.app import Kirjuri
from ledger.audit.authority import Rules


def view(ledger: Kirjuri, lang: str, read_only: bool, rules: Rules | None = None) -> None:
    import tui

    tui.run(ledger, lang=lang, read_only=read_only, rules=rules)


def serve(command: str, **options) -> None:
    from tui.server import KirjuriServer

    KirjuriServer(command, **options).serve()


def main() -> None:
    cli.VIEWER = view
    cli.SERVER = serve
    options = cli.viewer_call(sys.argv[1:])
    if options is None:
        cli.app()
    else:
        cli.open_viewer(**options)
