"""What `kirjuri serve` runs for each browser that connects: the terminal UI, read-only.

`kirjuri serve` (cli/ui.py) starts textual-serve's web server with the command
``<python> -m cli.served --db LEDGER tui --read-only --lang fi``; textual-serve runs it
once per browser tab and relays the screen and the keys over a websocket. This entry
point opens the UI only when the command says ``--read-only``, and then on a ledger
opened read-only (``Kirjuri(..., read_only=True)``, which refuses every write itself):
whatever a browser sends, no form opens and nothing is written.
"""

from __future__ import annotations

import os
import sys

import typer

from cli import ui
from cli.common import use_chart


def main(argv: list[str] | None = None) -> None:
    """Open the UI as `kirjuri [--db X] tui --read-only [--lang L]` would; refuse any other call."""
    options = ui.viewer_call(sys.argv[1:] if argv is None else argv)
    if options is None or not options.get("read_only"):
        sys.stderr.write("kirjuri: the served UI opens only as `[--db LEDGER] tui --read-only [--lang fi|sv|en]`\n")
        raise SystemExit(2)
    try:
        use_chart(os.environ.get("KIRJURI_CHART"))
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    ui.open_viewer(**options)


if __name__ == "__main__":
    main()
