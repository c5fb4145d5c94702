"""The ledger's database as a whole: a department's PostgreSQL roles (`db init`), the complete log
out and back in (`export`, `restore`), a consistent copy (`backup`) and a damaged ledger's
verified prefix copied into a new one (`recover`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from cli.common import OPTS, _checked_output, _failing, _force_opt, _guarded, _open, _cli_language, cli_said, err, out
from events.codec import GENESIS
from ledger.audit.findings import say
from ledger.domain.rules import Rejected
from ledger.domain.text import shown
from ledger.reports.output import write_atomic
from ledger.store.log import StoreError, resolve_target
from ledger.locale.reason import Reason

app = typer.Typer()


# --- export and restore -----------------------------------------------------------------------


@app.command()
def export(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: standard output)"),
    fmt: str = typer.Option("json", "--format", help="json or toml"),
    force: bool = _force_opt(),
) -> None:
    """The complete log — ids, times, authors, decisions, hashes — for archiving or `kirjuri restore`."""
    from ledger.store import exchange

    with _failing():
        if fmt not in ("json", "toml"):
            raise Rejected("format", fmt, "choice.either", first="json", second="toml")
        _checked_output(output, force)
        ledger = _open()
        ledger.check_chain()  # an archive holds only what the whole chain verifies, even before a checkpoint
        writer = exchange.write_json if fmt == "json" else exchange.write_toml
        head, seq = ledger.state.head if ledger.state.seq else GENESIS, ledger.state.seq
        if output is None:
            writer(ledger.eventlog.read(upto=seq), sys.stdout, head, seq)
        else:
            write_atomic(output, lambda out: writer(ledger.eventlog.read(upto=seq), out, head, seq),
                         force=force, protect=_guarded())
            err.print(cli_said("exported", count=ledger.state.seq, file=output, head=head[:16]), markup=False)


@app.command()
def restore(file: Path = typer.Argument(..., exists=True, dir_okay=False, help="An export from `kirjuri export`")) -> None:
    """Rebuild a ledger from an export into an empty database: same events, same figures, same head hash."""
    from ledger.store import exchange

    with _failing():
        expected_head, records = exchange.read_export(file)
        ledger = _open(create=True)
        if ledger.state.seq:
            raise Rejected("db", ledger.target.describe(), "db.not_empty", count=ledger.state.seq)
        ledger.submit_recorded(records)
        if ledger.state.head != expected_head:
            raise StoreError(Reason("store.restored_head_differs"))
        out.print(cli_said("restored", count=ledger.state.seq, target=shown(ledger.target.describe()),
                           head=ledger.state.head), markup=False)


@app.command()
def recover(
    to: str = typer.Option(..., "--to", metavar="NEW", help="The new ledger: an SQLite file (or a postgresql:// URL) "
                                                             "that does not exist yet or holds no event"),
) -> None:
    """Copy every event before the first damaged one into a new ledger, as stored (same hashes, same head).

    The damaged ledger is only read, from its first event, every row checked: keep it for the investigation.
    """
    from ledger.store import recover as recovery

    with _failing():
        source = resolve_target(OPTS.db)
        if source.sqlite_path is not None and not source.sqlite_path.exists():
            raise StoreError(Reason("store.no_ledger_to_recover", path=str(source.sqlite_path)))
        into = resolve_target(to)
        done = recovery.recover(source, into, author=OPTS.author)
        out.print(cli_said("recover.done", _cli_language(), count=done.count, into=shown(into.describe()), head=done.head),
                  markup=False, soft_wrap=True)
        if done.damage is None:
            out.print(cli_said("recover.undamaged", _cli_language(), source=shown(source.describe())), markup=False, soft_wrap=True)
        else:
            out.print(cli_said("recover.damaged", _cli_language(), source=shown(source.describe()), seq=done.damage.finding.seq,
                               what=shown(say(done.damage.finding, _cli_language()))), markup=False, soft_wrap=True)


@app.command()
def backup(
    file: Path = typer.Argument(..., help="The file to write: a copy of an SQLite ledger, or a pg_dump archive "
                                          "(custom format) of a PostgreSQL one"),
    force: bool = typer.Option(False, "--force", help="Replace FILE if it exists"),
) -> None:
    """A consistent copy of the ledger while clerks keep writing, kept only once its head checks out.

    A copy taken with cp, or pg_dump of the tables alone, can be torn or fail to restore:
    this one (SQLite's backup API, or pg_dump -Fc of the ledger's database) holds the ledger
    as it stood at one moment, with its append-only triggers. Restore it, then `kirjuri verify`.
    """
    from ledger.store import backup as backups

    with _failing():
        done = backups.backup(resolve_target(OPTS.db), file, force=force)
        out.print(cli_said("backup.done", _cli_language(), file=done.file, count=done.head.seq, head=done.head.hash), markup=False, soft_wrap=True)


# --- the database of a department: roles ---------------------------------------------------

db_app = typer.Typer(help="Set up a PostgreSQL database for a department: its owner, clerks, auditors, committee.",
                     no_args_is_help=True)
app.add_typer(db_app, name="db")
_PASSWORD_HELP = "The role's password (the environment variable keeps it out of the process list)"


@db_app.command(name="init")
def db_init(
    url: Optional[str] = typer.Option(None, "--url", help="postgresql://superuser@host:5432/db, as a superuser or "
                                      "the database's owner with CREATEROLE. Default: --db, $KIRJURI_DATABASE_URL"),
    owner: str = typer.Option("kirjuri_owner", "--owner", help="Owns the tables; cannot log in"),
    clerk: str = typer.Option("kirjuri_clerk", "--clerk", help="Records changes: INSERT and SELECT"),
    auditor: str = typer.Option("kirjuri_auditor", "--auditor", help="Reads: SELECT only"),
    committee: str = typer.Option("kirjuri_committee", "--committee", help="Reads and verifies: SELECT only"),
    clerk_password: Optional[str] = typer.Option(None, "--clerk-password", envvar="KIRJURI_CLERK_PASSWORD",
                                                 show_default=False, help=_PASSWORD_HELP),
    auditor_password: Optional[str] = typer.Option(None, "--auditor-password", envvar="KIRJURI_AUDITOR_PASSWORD",
                                                   show_default=False, help=_PASSWORD_HELP),
    committee_password: Optional[str] = typer.Option(None, "--committee-password",
                                                     envvar="KIRJURI_COMMITTEE_PASSWORD", show_default=False,
                                                     help=_PASSWORD_HELP),
) -> None:
    """Install the ledger's tables owned by a NOLOGIN role and create the login roles (idempotent; PostgreSQL only)."""
    from ledger.store import dbsetup

    with _failing():
        target = resolve_target(url or OPTS.db)
        if not target.is_postgres:
            raise Rejected("url", str(target.sqlite_path), "db.init_postgres_only")
        setup = dbsetup.init_database(
            target.postgres_url, dbsetup.Roles(owner=owner, clerk=clerk, auditor=auditor, committee=committee),
            {"clerk": clerk_password, "auditor": auditor_password, "committee": committee_password},
        )
        out.print(cli_said("db_init.ready", _cli_language(), database=setup.database, owner=setup.owner), markup=False)
        for kind, role_url in setup.urls.items():
            out.print(f"  {kind:<10} KIRJURI_DATABASE_URL={role_url}  ({cli_said(f'db_init.rights_{kind}', _cli_language())})", markup=False)
        for kind, name in setup.without_password:
            out.print(cli_said("db_init.no_password", _cli_language(), name=name, kind=kind, variable=f"KIRJURI_{kind.upper()}_PASSWORD"),
                      markup=False)
