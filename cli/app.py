"""The `kirjuri` command: the typer app with its global options, made of one group per module,
and ``main``, the console script's entry point."""

from __future__ import annotations

import os
import sys
from typing import Optional

import typer

from cli import books, changes, committee, database, figures, investments, reports, ui
from cli.common import OPTS, use_chart
from cli.usage import KirjuriGroup
from events import accounts

app = typer.Typer(
    help="Kirjuri: an event-sourced ledger of municipal budget changes (TA, TA-muutos, KS, TP, toteuma). "
         "With no command it opens the terminal UI.",
    add_completion=False,
    rich_markup_mode=None,
    cls=KirjuriGroup,
)
for group in (ui, changes, figures, committee, database, books, reports, investments):
    app.add_typer(group.app)


@app.callback(invoke_without_command=True)
def _main(
    ctx: typer.Context,
    db: Optional[str] = typer.Option(None, "--db", help="Ledger: an SQLite file or a postgresql:// URL. Default: $KIRJURI_DATABASE_URL, else $KIRJURI_DB, else ~/.local/share/kirjuri/kirjuri.sqlite."),
    author: Optional[str] = typer.Option(None, "--author", help="Who makes the change (default: $KIRJURI_AUTHOR or your user name)."),
    chart: Optional[str] = typer.Option(None, "--chart", envvar="KIRJURI_CHART", help="The municipality's own accounts (TOML, [accounts.KEY] with parent and names) added to the chart (kirjuri accounts)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="fi, sv or en: the language of the UI and of every line the CLI prints (default: $KIRJURI_LANG, else the locale's, else Finnish)."),
    rules: Optional[str] = typer.Option(None, "--rules", envvar="KIRJURI_RULES", help="The municipality's rules (TOML, kirjuri rules): every write is judged by them, and verify and the UI check them. Default: kuntalaki's minimum."),
) -> None:
    OPTS.db, OPTS.author, OPTS.opened, OPTS.lang, OPTS.rules_file = db, author, [], lang, rules
    use_chart(chart)
    ctx.call_on_close(accounts.use)
    if ctx.invoked_subcommand is None:
        ui.tui_command(lang=None, read_only=False, rules_file=None)


def main() -> None:
    """`kirjuri ARGS`: a plain call that opens the UI goes straight to it (``ui.viewer_call``), the rest to typer."""
    options = ui.viewer_call(sys.argv[1:])
    if options is None:
        app()
    else:
        try:
            use_chart(os.environ.get("KIRJURI_CHART"))
        except typer.Exit as exc:
            sys.exit(exc.exit_code)
        ui.open_viewer(**options)


if __name__ == "__main__":
    main()
