"""`kirjuri`: the command line. Parses what a clerk types, calls the application, prints with rich.

Every failure is one line on stderr naming the field and the value, exit status 1,
and nothing written.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import ipaddress
import json
import os
import re
import secrets
import shlex
import sys
from contextlib import contextmanager, suppress
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterator, List, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from events import accounts
from events.codec import GENESIS
from events.model import BODY_ABBREVIATIONS, LEVELS, EntryReversed, Line, UnitRegistered
from ledger.domain import forms
from ledger.fold import projections as pj
from ledger.app import RECORD_KINDS, Conflict, FiguresChanged, Kirjuri
from ledger.domain.citation import format_decision, parse_body, parse_decision
from ledger.domain.money import AmountError, format_amount, format_date, format_datetime, format_percent, parse_datetime
from ledger.reports.output import check_output, ledger_files, write_atomic
from ledger.domain.rules import Rejected
from ledger.store.log import Damaged, StoreError, Target, default_sqlite_path, resolve_target
from ledger.domain.text import in_json, shown


def _lazy(name: str):
    """A module loaded on first use: opening the UI need not load the reports and importers."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


rp = _lazy("ledger.reports.tables")
exchange = _lazy("ledger.store.exchange")
books = _lazy("ledger.books.book")
longformat = _lazy("ledger.books.longformat")
import_plan = _lazy("ledger.books.plan")
verification = _lazy("ledger.audit.verify")
authority = _lazy("ledger.audit.authority")
backups = _lazy("ledger.store.backup")
recovery = _lazy("ledger.store.recover")

app = typer.Typer(
    help="Kirjuri: an event-sourced ledger of municipal budget changes (TA, TA-muutos, KS, TP, toteuma). "
         "With no command it opens the terminal UI.",
    add_completion=False,
    rich_markup_mode=None,
)
unit_app = typer.Typer(help="Register, rename and close units of the organisation.", no_args_is_help=True)
app.add_typer(unit_app, name="unit")

out = Console(highlight=False, width=None if sys.stdout.isatty() else 240)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Options:
    db: str | None = None
    author: str | None = None
    #: the ledgers this command opened, for the notice a damaged one gets (``_notice``)
    opened: list[Kirjuri] = []


OPTS = Options()

COLUMN_LABELS = {
    "TA": "TA", "MUUTOS": "TA-muutokset", "TA+MUUTOS": "TA+muutos", "KS": "KS", "TP": "TP",
    "TOTEUMA": "Toteuma", "TOTEUMA-%": "Toteuma-%", "TPE": "TPE", "TS": "TS",
}


#: opens a ledger in the terminal UI (ledger, lang, read_only, rules); tui/command.py sets it (ledger/ never imports
#: the UI)
Viewer = Callable[[Kirjuri, str, bool, "authority.Rules | None"], None]
VIEWER: Viewer | None = None
#: serves the UI to browsers (command, host=, port=, lang=, max_sessions=, token=, public_url=); tui/command.py
#: sets it
SERVER: Callable[..., None] | None = None


@app.callback(invoke_without_command=True)
def _main(
    ctx: typer.Context,
    db: Optional[str] = typer.Option(None, "--db", help="Ledger: an SQLite file or a postgresql:// URL. Default: $KIRJURI_DATABASE_URL, else $KIRJURI_DB, else ~/.local/share/kirjuri/kirjuri.sqlite."),
    author: Optional[str] = typer.Option(None, "--author", help="Who makes the change (default: $KIRJURI_AUTHOR or your user name)."),
) -> None:
    OPTS.db, OPTS.author, OPTS.opened = db, author, []
    if ctx.invoked_subcommand is None:
        if VIEWER is None:
            out.print(ctx.get_help())
            raise typer.Exit(0)
        tui(lang="fi", read_only=False, rules_file=None)


@app.command()
def tui(
    lang: str = typer.Option("fi", "--lang", help="fi (default) or en; TA, KS and määräraha stay as they are"),
    read_only: bool = typer.Option(False, "--read-only", help="For auditors: no form opens, nothing can be written"),
    rules_file: Optional[Path] = typer.Option(None, "--rules", dir_okay=False,
                                              help="The municipality's rules of authority, for the committee view "
                                                   "(TOML; see examples/kemijarvi-rules.toml). Default: kuntalaki's "
                                                   "minimum"),
) -> None:
    """Open the terminal UI: organisation, figures, audit trail, time travel."""
    _view(lang, read_only, rules_file)


#: the options of `kirjuri [--db X] [--author Y] [tui [--lang L] [--read-only] [--rules F]]`, by where they stand
_VIEWER_OPTIONS = ({"--db": "db", "--author": "author"},
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


def open_viewer(db: str | None = None, author: str | None = None, lang: str = "fi", read_only: bool = False,
                rules: str | None = None) -> None:
    """Open the UI for a call `viewer_call` read; a failure is one line and exit status 1, as in typer."""
    OPTS.db, OPTS.author = db, author
    try:
        _view(lang, read_only, None if rules is None else Path(rules))
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None


def _view(lang: str, read_only: bool, rules_file: Path | None = None) -> None:
    """The rules file is read before the ledger opens: a wrong one is refused before any screen."""
    with _failing():
        _ui_language(lang)
        if VIEWER is None:
            raise StoreError("the terminal UI is not installed (run kirjuri from the package's entry point)")
        rules = authority.load(rules_file) if rules_file is not None else None
        VIEWER(_open(load=False, read_only=read_only), lang, read_only, rules)


def _ui_language(lang: str) -> None:
    if lang not in ("fi", "en"):
        raise Rejected("lang", lang, "choice.either", first="fi", second="en")


@contextmanager
def _failing() -> Iterator[None]:
    """Turn every expected failure into one line on stderr and exit status 1; a damaged ledger that was
    read is said once more, after what the command printed (``_notice``). The ledgers the command
    opened are closed when it ends (their connections with them)."""
    try:
        yield
    except Damaged as exc:  # the line names the damage itself
        _close_opened()
        err.print(f"kirjuri: {exc}", markup=False)
        raise typer.Exit(1) from None
    except (Rejected, AmountError, StoreError, Conflict, longformat.LongFormatError, ValueError, OSError) as exc:
        err.print(f"kirjuri: {shown(str(exc))}", markup=False)
        _notice()
        raise typer.Exit(1) from None
    except BaseException:
        _close_opened()
        raise
    _notice()


def _notice() -> None:
    """One line on stderr for each damaged ledger the command read: what it showed is the prefix before
    the damage, and what to do (once, however many parts of the command read it)."""
    for ledger in OPTS.opened:
        if ledger.damage is not None:
            err.print(f"kirjuri: warning: {ledger.damage.notice(ledger.state.seq)}", markup=False)
    _close_opened()


def _close_opened() -> None:
    while OPTS.opened:
        with suppress(Exception):  # closing is tidying up: the command's own outcome stands
            OPTS.opened.pop().close()


def _markup(text: object) -> str:
    """Stored text inside rich markup: its control characters escaped (``ledger.domain.text.shown``), and
    square brackets that would be markup ("[red]") shown as they are."""
    return escape(shown(str(text)))


def _cell_text(text: object) -> Text:
    """Stored text as a table cell: shown as data, never read as markup."""
    return Text(shown(str(text)))


def _open(create: bool = False, load: bool = True, read_only: bool = False) -> Kirjuri:
    ledger = Kirjuri(resolve_target(OPTS.db), create=create, author=OPTS.author, load=load, read_only=read_only)
    OPTS.opened.append(ledger)
    return ledger


def _guarded() -> list[Path]:
    """The open ledger's files (SQLite: the database and its journals): no -o ever writes over them."""
    return ledger_files(resolve_target(OPTS.db))


def _checked_output(output: Path | None, force: bool) -> None:
    """An -o refused before any work is done: the ledger itself, a folder, or an existing file without --force."""
    if output is not None:
        check_output(output, force=force, protect=_guarded())


def _force_opt():
    return typer.Option(False, "--force", help="Replace the output file if it exists (never the ledger itself)")


# --- parsing what a clerk types ----------------------------------------------------------


_account = forms.account
_amount = forms.amount


def _date(text: str | None, field: str) -> dt.date | None:
    return None if text is None else forms.date(text, field)


def _moment(text: str | None, field: str) -> dt.datetime | None:
    if text is None:
        return None
    try:
        return parse_datetime(text)
    except AmountError:
        raise Rejected(field, text, "time.invalid") from None


def _lines(specs: list[str]) -> list[Line]:
    """UNIT:ACCOUNT=AMOUNT, e.g. '1100:MENOT=-68 900'."""
    lines = []
    for i, spec in enumerate(specs, 1):
        field = f"lines[{i}]"
        unit, sep, rest = spec.partition(":")
        account, sep2, amount = rest.rpartition("=")
        if not (sep and sep2 and unit.strip() and account.strip()):
            raise Rejected(field, spec, "line.invalid")
        lines.append(Line(unit.strip(), _account(account, f"{field}.account"), _amount(amount, f"{field}.amount")))
    return lines


def _cell(text: str, field: str) -> tuple[str, str]:
    unit, sep, account = text.partition(":")
    if not (sep and unit.strip()):
        raise Rejected(field, text, "cell.invalid")
    return unit.strip(), _account(account, f"{field}.account")


def _decision(text: str | None):
    return None if text is None else parse_decision(text)


def _period(text: str) -> tuple[dt.date, dt.date]:
    start, sep, end = text.partition("-") if "." in text else text.partition("/")
    if not sep:
        raise Rejected("period", text, "period.invalid")
    return _date(start.strip(), "period"), _date(end.strip(), "period")  # type: ignore[return-value]


def _written(ledger: Kirjuri, seq: int) -> None:
    record = ledger.records([seq])[seq]
    out.print(f"recorded #{record.seq} {shown(record.event.id)} ({record.event.__struct_config__.tag}) "
              f"hash {record.hash[:16]}…", soft_wrap=True, markup=False)


# --- setting up -----------------------------------------------------------------------------


@app.command()
def init() -> None:
    """Create an empty ledger (an SQLite file, or the tables in a PostgreSQL database)."""
    with _failing():
        ledger = _open(create=True)
        out.print(f"ledger ready at {ledger.target.describe()} ({ledger.state.seq} events)")


@app.command(name="accounts")
def list_accounts() -> None:
    """The account chart: MENOT / TULOT and the käyttötalous accounts under them."""
    for root in (accounts.MENOT, accounts.TULOT):
        stack = [(0, root)]
        while stack:
            depth, name = stack.pop()
            out.print("  " * depth + name)
            stack.extend((depth + 1, c) for c in reversed(accounts.children(name)))
    out.print("derived: " + ", ".join(f"{k} = {' + '.join(v)}" for k, v in accounts.DERIVED.items()))


@unit_app.command("add")
def unit_add(
    code: str, name: str,
    level: str = typer.Option(..., "--level", help="kaupunki, toimiala, vastuualue or yksikkö"),
    parent: Optional[str] = typer.Option(None, "--parent", help="Code of the unit above (none for the kaupunki)"),
    effective: str = typer.Option("1.1.2020", "--effective", help="From when the unit exists"),
    decision: Optional[str] = typer.Option(None, "--decision", help="e.g. 'KV 26.5.2025 § 50'"),
    note: str = typer.Option("", "--note"),
) -> None:
    """Register a unit."""
    with _failing():
        if level not in LEVELS:
            raise Rejected("level", level, "choice.unknown", choices=LEVELS)
        ledger = _open()
        record = ledger.register_unit(code, name, level, parent, effective=_date(effective, "effective"),
                                      decision=_decision(decision), note=note)
        _written(ledger, record.seq)


@unit_app.command("rename")
def unit_rename(code: str, name: str, effective: str = typer.Option(..., "--effective"),
                decision: Optional[str] = typer.Option(None, "--decision"), note: str = typer.Option("", "--note")) -> None:
    """Rename a unit from a date on."""
    with _failing():
        ledger = _open()
        _written(ledger, ledger.rename_unit(code, name, effective=_date(effective, "effective"),
                                            decision=_decision(decision), note=note).seq)


@unit_app.command("close")
def unit_close(code: str, effective: str = typer.Option(..., "--effective"),
               decision: Optional[str] = typer.Option(None, "--decision"), note: str = typer.Option("", "--note")) -> None:
    """Close a unit from a date on (its figures stay in history)."""
    with _failing():
        ledger = _open()
        _written(ledger, ledger.close_unit(code, effective=_date(effective, "effective"),
                                           decision=_decision(decision), note=note).seq)


# --- recording figures --------------------------------------------------------------------


@app.command()
def adopt(
    year: int, lines: List[str] = typer.Argument(..., help="UNIT:ACCOUNT=AMOUNT, e.g. '1100:MENOT=-68 900'"),
    decision: Optional[str] = typer.Option(None, "--decision", help="The valtuusto's decision, e.g. 'KV 9.12.2024 § 80'"),
    effective: Optional[str] = typer.Option(None, "--effective", help="Default 1.1. of the year"),
    note: str = typer.Option("", "--note"),
) -> None:
    """Record the TA (budget) adopted by the valtuusto for a fiscal year."""
    with _failing():
        ledger = _open()
        _written(ledger, ledger.adopt(year, _lines(lines), decision=_decision(decision),
                                      effective=_date(effective, "effective"), note=note).seq)


_BASED_ON_HELP = ("The ledger position your figures were read at (e.g. 161 or '#161', see `kirjuri head`): "
                  "refused, showing what changed, if a unit this touches was changed since")
_KEY_HELP = "Idempotency key, stored as the event's id: a retry with the same key never writes twice"


def _based_on(text: str | None) -> int | None:
    if text is None:
        return None
    if not re.fullmatch(r"\s*#?\d+\s*", text):
        raise Rejected("based_on", text, "based_on.invalid")
    return int(text.strip().lstrip("#"))


@contextmanager
def _changes_shown(ledger: Kirjuri) -> Iterator[None]:
    """A write refused for a stale --based-on: first the events written since on the units it names."""
    try:
        yield
    except FiguresChanged as exc:
        records = ledger.records(seq for seqs in exc.changed.values() for seq in seqs)
        targets = ledger.records(ledger.state.ids[r.event.target] for r in records.values()
                                 if isinstance(r.event, EntryReversed))
        out.print(f"Written since #{exc.based_on} (the ledger is now at #{exc.head}):", markup=False)
        for unit, seqs in exc.changed.items():
            for seq in seqs:
                _print_event(ledger, records[seq], unit, targets)
        raise


@app.command()
def amend(
    year: int, lines: List[str] = typer.Argument(..., help="UNIT:ACCOUNT=CHANGE, e.g. '1100:MENOT=-10 000'"),
    decision: Optional[str] = typer.Option(None, "--decision", help="e.g. 'KV 26.5.2025 § 50'"),
    effective: str = typer.Option(..., "--effective", help="Date within the fiscal year"),
    note: str = typer.Option("", "--note"),
    based_on: Optional[str] = typer.Option(None, "--based-on", metavar="SEQ", help=_BASED_ON_HELP),
    key: Optional[str] = typer.Option(None, "--key", metavar="TEXT", help=_KEY_HELP),
) -> None:
    """Record a TA-muutos: each line is a change added to the budget."""
    with _failing():
        ledger = _open()
        with _changes_shown(ledger):
            _written(ledger, ledger.amend(year, _lines(lines), decision=_decision(decision),
                                          effective=_date(effective, "effective"), note=note, key=key,
                                          based_on=_based_on(based_on)).seq)


@app.command()
def reallocate(
    year: int,
    source: str = typer.Option(..., "--from", help="UNIT:ACCOUNT that gives appropriation"),
    to: str = typer.Option(..., "--to", help="UNIT:ACCOUNT that receives it"),
    amount: str = typer.Option(..., "--amount", help="Appropriation moved, e.g. '50 000'"),
    decision: Optional[str] = typer.Option(None, "--decision"),
    effective: str = typer.Option(..., "--effective"),
    note: str = typer.Option("", "--note"),
    based_on: Optional[str] = typer.Option(None, "--based-on", metavar="SEQ", help=_BASED_ON_HELP),
    key: Optional[str] = typer.Option(None, "--key", metavar="TEXT", help=_KEY_HELP),
) -> None:
    """Move appropriation from one unit/account to another (zero-sum)."""
    with _failing():
        fu, fa = _cell(source, "from")
        tu, ta = _cell(to, "to")
        cents = _amount(amount, "amount")
        if cents <= 0:
            raise Rejected("amount", amount, "amount.not_positive")
        ledger = _open()
        with _changes_shown(ledger):
            _written(ledger, ledger.reallocate(year, [(fu, fa, tu, ta, cents)], decision=_decision(decision),
                                               effective=_date(effective, "effective"), note=note, key=key,
                                               based_on=_based_on(based_on)).seq)


@app.command()
def transfer(
    unit: str,
    to: str = typer.Option(..., "--to", help="The new parent unit"),
    effective: str = typer.Option(..., "--effective", help="e.g. 1.1.2026"),
    decision: Optional[str] = typer.Option(None, "--decision"),
    from_year: Optional[int] = typer.Option(None, "--from-year", help="First fiscal year whose figures move (default: the effective year)"),
    note: str = typer.Option("", "--note"),
    based_on: Optional[str] = typer.Option(None, "--based-on", metavar="SEQ", help=_BASED_ON_HELP),
    key: Optional[str] = typer.Option(None, "--key", metavar="TEXT", help=_KEY_HELP),
) -> None:
    """Transfer a service (a unit and everything below it) to another parent."""
    with _failing():
        ledger = _open()
        with _changes_shown(ledger):
            _written(ledger, ledger.transfer(unit, to, effective=_date(effective, "effective"),
                                             decision=_decision(decision), from_year=from_year, note=note,
                                             key=key, based_on=_based_on(based_on)).seq)


@app.command()
def record(
    kind: str = typer.Argument(..., help="ks, tp, toteuma, tpe or ts"),
    year: int = typer.Argument(...),
    lines: List[str] = typer.Argument(..., help="UNIT:ACCOUNT=AMOUNT"),
    effective: Optional[str] = typer.Option(None, "--effective"),
    period: Optional[str] = typer.Option(None, "--period", help="For toteuma: e.g. 1.1.2025-30.6.2025"),
    decision: Optional[str] = typer.Option(None, "--decision"),
    note: str = typer.Option("", "--note"),
) -> None:
    """Record KS, TP, toteuma (for a period), TPE or TS figures."""
    with _failing():
        if kind.lower() not in RECORD_KINDS:
            raise Rejected("kind", kind, "choice.unknown", choices=tuple(RECORD_KINDS))
        ledger = _open()
        _written(ledger, ledger.record(kind.lower(), year, _lines(lines), effective=_date(effective, "effective"),
                                       period=_period(period) if period else None,
                                       decision=_decision(decision), note=note).seq)


@app.command()
def reverse(
    event: str = typer.Argument(..., help="Event id, a unique prefix of it, or #seq"),
    reason: str = typer.Option(..., "--reason"),
    decision: Optional[str] = typer.Option(None, "--decision"),
) -> None:
    """Undo an event by recording its reversal (nothing is ever deleted)."""
    with _failing():
        ledger = _open()
        _written(ledger, ledger.reverse(event, reason=reason, decision=_decision(decision)).seq)


@app.command()
def propose(
    year: int,
    lines: Optional[List[str]] = typer.Argument(None, help="A TA-muutos: UNIT:ACCOUNT=CHANGE, e.g. '1100:MENOT=-10 000'"),
    body: str = typer.Option(..., "--body", help="The body asked to decide: KV, KH, or a lautakunta's name"),
    source: Optional[str] = typer.Option(None, "--from", help="A reallocation: UNIT:ACCOUNT that gives"),
    to: Optional[str] = typer.Option(None, "--to", help="A reallocation: UNIT:ACCOUNT that receives"),
    amount: Optional[str] = typer.Option(None, "--amount", help="A reallocation: the appropriation moved"),
    effective: str = typer.Option(..., "--effective", help="The day the change would apply from, in the year"),
    decision: Optional[str] = typer.Option(None, "--decision", help="The proposing body's own decision, if any"),
    note: str = typer.Option("", "--note"),
) -> None:
    """Enter an esitys: a TA-muutos (lines) or a reallocation (--from/--to/--amount) that moves nothing until decided."""
    with _failing():
        to_body = parse_body(body, "body")
        on = _date(effective, "effective")
        ledger = _open()
        if lines and (source or to or amount):
            raise Rejected("lines", len(lines), "proposal.lines_or_moves", lines=len(lines), moves=1)
        if lines:
            change = ledger.amendment(year, _lines(lines), effective=on, decision=None, note=note)
        else:
            for name, value in (("from", source), ("to", to), ("amount", amount)):
                if value is None:
                    raise Rejected(name, "", "value.missing")
            (fu, fa), (tu, ta) = _cell(source, "from"), _cell(to, "to")
            change = ledger.reallocation(year, [(fu, fa, tu, ta, _amount(amount, "amount"))], effective=on,
                                         decision=None, note=note)
        _written(ledger, ledger.propose(change, to_body=to_body, decision=_decision(decision), note=note).seq)


@app.command()
def decide(
    proposal: str = typer.Argument(..., help="The proposal: event id, a unique prefix of it, or #seq"),
    approve: bool = typer.Option(None, "--approve/--reject", help="Approved (the change takes effect) or rejected"),
    decision: Optional[str] = typer.Option(None, "--decision", help="e.g. 'KV 26.5.2025 § 50'"),
    effective: Optional[str] = typer.Option(None, "--effective",
                                            help="Default: the later of the proposed day and the decision, within the year"),
    note: str = typer.Option("", "--note"),
) -> None:
    """Record the decision on a proposal; an approval writes the change it enacts with it."""
    with _failing():
        if approve is None:
            raise Rejected("approve", "", "value.missing")
        ledger = _open()
        for record in ledger.decide(proposal, approved=approve, decision=_decision(decision),
                                    effective=_date(effective, "effective"), note=note):
            _written(ledger, record.seq)


@app.command()
def proposals(
    every: bool = typer.Option(False, "--all", help="Also the decided ones (default: pending only)"),
    known_at: Optional[str] = typer.Option(None, "--known-at", help="As the ledger knew it then"),
) -> None:
    """The proposals awaiting a decision (or all of them), with what each would change."""
    with _failing():
        ledger = _open()
        point = _point(None, known_at)
        table = Table("#", "year", "to", "status", "change", "decision", title="Proposals (esitykset)")
        for p in pj.proposals(ledger.state, point):
            if p.status != "pending" and not every:
                continue
            decided = ledger.records([p.decision])[p.decision].event.decision if p.decision else None
            table.add_row(f"#{p.seq}", str(p.proposal.year), BODY_ABBREVIATIONS[p.proposal.to_body], p.status,
                          _cell_text(_proposal_text(p.proposal)), _cell_text(format_decision(decided) if decided else ""))
        out.print(table)


def _proposal_text(proposal) -> str:
    parts = [f"{line.unit}:{line.account} {_eur(line.amount)}" for line in proposal.lines]
    parts += [f"{m.from_unit}:{m.from_account} → {m.to_unit}:{m.to_account} {_eur(abs(m.amount))}"
              for m in proposal.moves]
    return "; ".join(parts)


# --- reading ------------------------------------------------------------------------------


def _point(as_of: str | None, known_at: str | None, prefix: str = "") -> pj.Point:
    return pj.Point(_date(as_of, f"{prefix}as-of"), _moment(known_at, f"{prefix}known-at"))


def _describe(point: pj.Point) -> str:
    parts = []
    if point.on:
        parts.append(f"as of {format_date(point.on)}")
    if point.known_at:
        parts.append(f"as known at {format_datetime(point.known_at)}")
    return ", ".join(parts) or "now"


def _eur(value: int | None) -> str:
    return "" if value is None else format_amount(value, decimals=0)


def _known_unit(ledger: Kirjuri, code: str) -> str:
    if code not in ledger.state.units:
        raise Rejected("unit", code, "unit.unknown_see_units")
    return code


def _figures_tables(rows: list[pj.Row], detail: bool, title: str, width: int) -> list[Table]:
    """The figures as tables no wider than ``width``: the columns are split, never a number cut."""
    used = [c for c in pj.COLUMNS if any(r.figures.value(a, c) is not None for r in rows for a in r.figures.accounts())]
    body: list[tuple[str, list[str]]] = []
    for row in rows:
        present = row.figures.accounts()
        names = [a for a in pj.MAIN_ACCOUNTS if a in present]
        if detail:
            names += [a for a in accounts.ACCOUNTS if a in present and a not in names]
            names += ["TOIMINTAKATE"] if "TOIMINTAKATE" in present else []
        body.append((f"[bold]{_markup(row.code)} {_markup(row.name)}[/bold]", [""] * len(used)))
        for account in names:
            body.append(("  " + account, [
                format_percent(row.figures.percent(account)) if c == "TOTEUMA-%" else _eur(row.figures.get(account, c))
                for c in used
            ]))
    label_w = max([len(Text.from_markup(label).plain) for label, _ in body] + [14]) + 3
    widths = [max([len(COLUMN_LABELS[c])] + [len(cells[k]) for _, cells in body]) + 3 for k, c in enumerate(used)]
    chunks: list[list[int]] = [[]]
    for k, w in enumerate(widths):
        if chunks[-1] and label_w + sum(widths[i] for i in chunks[-1]) + w + 1 > width:
            chunks.append([])
        chunks[-1].append(k)
    tables = []
    for n, chunk in enumerate(chunks):
        table = Table(title=title if n == 0 else None, title_justify="left", pad_edge=False)
        table.add_column("Yksikkö / tili", no_wrap=True)
        for k in chunk:
            table.add_column(COLUMN_LABELS[used[k]], justify="right", no_wrap=True)
        for label, cells in body:
            table.add_row(label, *[cells[k] for k in chunk])
        tables.append(table)
    return tables


@app.command()
def show(
    unit: str = typer.Argument(..., help="Unit code (the kaupunki for the whole city)"),
    year: int = typer.Option(..., "--year", "-y"),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Effective date: as the budget stood on that day"),
    known_at: Optional[str] = typer.Option(None, "--known-at", help="Recorded time: as the ledger knew it then"),
    detail: bool = typer.Option(False, "--accounts", help="Show the käyttötalous accounts too"),
) -> None:
    """A unit and its children for a fiscal year: MENOT / TULOT / NETTOMENO across the columns."""
    with _failing():
        ledger = _open()
        point = _point(as_of, known_at)
        code = _known_unit(ledger, unit)
        rows = pj.table(ledger.state, year, code, point)
        title = f"{_markup(rows[0].name)} ({_markup(code)}) — {year} — {_describe(point)}"
        for table in _figures_tables(rows, detail, title, out.width):
            out.print(table)


@app.command()
def units(
    year: int = typer.Option(dt.date.today().year, "--year", "-y"),
    as_of: Optional[str] = typer.Option(None, "--as-of"),
) -> None:
    """The organisation as it stood: kaupunki → toimiala → vastuualue → yksikkö."""
    with _failing():
        ledger = _open()
        point = _point(as_of, None)
        state = ledger.state
        for depth, code in pj.tree(state, year, None, point):
            closed = state.closed_on(code, state.seq)
            mark = f"  (closed {format_date(dt.date.fromordinal(closed))})" if closed else ""
            out.print(f"{'  ' * depth}{shown(code)}  {shown(state.name(code))}  [{shown(state.units[code].level)}]{mark}",
                      markup=False)


def _change_text(changes: list[pj.Change]) -> str:
    return "; ".join(f"{shown(c.account)} {shown(COLUMN_LABELS.get(c.column, c.column))}: {_eur(c.before) or '–'} → "
                     f"{_eur(c.after) or '–'}" for c in changes)


KIND_LABELS = {
    "unit_registered": "Yksikkö perustettu", "unit_renamed": "Yksikkö nimetty", "unit_closed": "Yksikkö lakkautettu",
    "service_transferred": "Palvelu siirretty", "ta_adopted": "TA hyväksytty", "ta_amended": "TA-muutos",
    "reallocated": "Määrärahasiirto", "ks_set": "KS", "tp_recorded": "TP", "toteuma_recorded": "Toteuma",
    "tpe_recorded": "TPE", "ts_set": "TS", "entry_reversed": "Peruutus", "change_proposed": "Esitys",
    "proposal_decided": "Päätös esityksestä", "breakdown_stated": "Erittely",
}


def _org_text(event) -> str:
    """What an organisation event did, in one line; its stored text shown as data."""
    return shown(_org_words(event))


def _org_words(event) -> str:
    tag = event.__struct_config__.tag
    if tag == "service_transferred":
        return f"{event.unit}: {event.from_parent} → {event.to_parent} (vuoden {event.from_year} luvuista alkaen)"
    if tag == "unit_registered":
        return f"{event.code} {event.name} [{event.level}] under {event.parent or '–'}"
    if tag == "unit_renamed":
        return f"{event.code} → {event.name}"
    if tag == "unit_closed":
        return f"{event.code} closed"
    return ""


@app.command()
def history(
    unit: str,
    year: Optional[int] = typer.Option(None, "--year", "-y"),
    limit: int = typer.Option(50, "--limit"),
) -> None:
    """Every event that touched a unit (or units below it): when, who, which decision, before → after."""
    with _failing():
        ledger = _open()
        state = ledger.state
        code = _known_unit(ledger, unit)
        seqs = pj.history_seqs(state, code, year)[:limit]
        records = ledger.records(seqs)
        targets = ledger.records(state.ids[r.event.target] for r in records.values() if isinstance(r.event, EntryReversed))
        stamps = ledger.stamps(seqs)
        out.print(f"[bold]History of {_markup(state.name(code))} ({_markup(code)})[/bold], newest first")
        for seq in seqs:
            _print_event(ledger, records[seq], code, targets, stamps.get(seq))


def _stamp_text(stamp) -> str:
    """The database's own "when and who" (``Kirjuri.stamps``): "tallennettu 6.12.2026 07:12:01 UTC  kirjuri_clerk"."""
    when = format_datetime(stamp.at) if stamp.at is not None else "–"
    return f"tallennettu {when}  {shown(stamp.by or '–')}"


def _print_event(ledger: Kirjuri, record, code: str, targets: dict, stamp=None) -> None:
    state, event, seq = ledger.state, record.event, record.seq
    tag = event.__struct_config__.tag
    label = KIND_LABELS[tag] + (f" {event.year}" if hasattr(event, "year") else "")
    if seq in state.reversed_by:
        label += f" [peruttu: #{state.reversed_by[seq]}]"
    out.print(
        f"\n[bold]#{seq}[/bold] {escape(label)}  voimassa {format_date(event.effective)}  "
        f"kirjattu {format_datetime(event.recorded_at)}  {_markup(event.author)}", markup=True, highlight=False,
    )
    if stamp is not None and (stamp.at or stamp.by):  # none on a row an older version stored
        out.print(f"    {_stamp_text(stamp)}", markup=False, highlight=False)
    if event.decision is not None:
        out.print(f"    päätös: {shown(format_decision(event.decision))}", markup=False)
    lines = [_org_text(event)] if _org_text(event) else []
    year = getattr(event, "year", None)
    for u in state.subtree(code, year or dt.date.today().year) if year else []:
        if isinstance(event, EntryReversed):
            changes = pj.reversal_effect(state, record, targets[state.ids[event.target]], u)
        else:
            changes = pj.effect(state, record, u).changes
        if changes:
            lines.append(f"{shown(u)}: {_change_text(changes)}")
    if isinstance(event, EntryReversed):
        target = targets[state.ids[event.target]]
        lines.insert(0, f"peruu #{target.seq} ({KIND_LABELS[target.event.__struct_config__.tag]}): {shown(event.reason)}")
        tyear = getattr(target.event, "year", None)
        for u in state.subtree(code, tyear) if tyear else []:
            changes = pj.reversal_effect(state, record, target, u)
            if changes:
                lines.append(f"{shown(u)}: {_change_text(changes)}")
    if event.note:
        lines.append(f"huom: {shown(event.note)}")
    for line in lines:
        out.print(f"    {line}", markup=False)


@app.command()
def diff(
    unit: str,
    year: int = typer.Option(..., "--year", "-y"),
    from_as_of: Optional[str] = typer.Option(None, "--from-as-of"),
    from_known_at: Optional[str] = typer.Option(None, "--from-known-at"),
    to_as_of: Optional[str] = typer.Option(None, "--to-as-of"),
    to_known_at: Optional[str] = typer.Option(None, "--to-known-at"),
) -> None:
    """What differs for a unit between two points in time (each an as-of date and a known-at time)."""
    with _failing():
        ledger = _open()
        code = _known_unit(ledger, unit)
        a = _point(from_as_of, from_known_at, "from-")
        b = _point(to_as_of, to_known_at, "to-")
        changes = pj.diff(ledger.state, year, code, a, b)
        table = Table(title=f"{_markup(ledger.state.name(code))} ({_markup(code)}) {year}: {_describe(a)} → {_describe(b)}",
                      title_justify="left")
        for column, justify in (("Tili", "left"), ("Sarake", "left"), ("Ennen", "right"), ("Jälkeen", "right"), ("Muutos", "right")):
            table.add_column(column, justify=justify)
        for c in changes:
            table.add_row(_cell_text(c.account), COLUMN_LABELS[c.column], _eur(c.before), _eur(c.after), _eur(c.delta))
        out.print(table if changes else "no differences")


@app.command()
def head() -> None:
    """The ledger's head: the number of events and the hash of the last one (record it in the minutes)."""
    with _failing():
        ledger = _open()
        out.print(f"#{ledger.state.seq} {shown(ledger.state.head)}", markup=False)


@app.command(name="checkpoint")
def checkpoint_command() -> None:
    """Write a checkpoint at the head, folded from the log itself, for every reader to open from.
    On PostgreSQL only the ledger's owner role writes checkpoints: run it as the database administrator."""
    with _failing():
        ledger = Kirjuri(resolve_target(OPTS.db), author=OPTS.author, use_checkpoints=False)
        seq = ledger.checkpoint(quietly=False)
        out.print(f"wrote a checkpoint at #{seq} {ledger.state.head}" if seq else
                  "the ledger is empty: no checkpoint written")


#: the suffix of `kirjuri verify -o FILE` -> (binary, what writes the report into the open file)
VERIFY_FORMATS: dict[str, tuple[bool, Callable[..., None]]] = {
    ".md": (False, lambda report, out: out.write(verification.to_markdown(report))),
    ".json": (False, lambda report, out: out.write(_json(report))),
    ".xlsx": (True, lambda report, out: verification.to_xlsx(report, out)),
}


@app.command(name="verify")
def verify_ledger(
    expect_head: Optional[str] = typer.Option(None, "--expect-head", help="The head hash recorded in the minutes "
                                              "(`kirjuri head`), all 64 hex digits or at least the first 16: "
                                              "the ledger must still extend it"),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", dir_okay=False,
                                          help="Also write the report to a .md, .json or .xlsx file for the minutes"),
    rules_file: Optional[Path] = typer.Option(None, "--rules", exists=True, dir_okay=False,
                                              help="The municipality's rules of authority (TOML; see "
                                                   "examples/kemijarvi-rules.toml). Default: kuntalaki's minimum"),
    book_files: Optional[List[Path]] = typer.Option(None, "--book", exists=True, dir_okay=False,
                                                    help="A budget book (text from its PDF) the ledger was imported "
                                                         "from: its printed totals are checked against its lines"),
    force: bool = _force_opt(),
) -> None:
    """Recompute the hash chain, the rules and the checkpoints from the stored events, then check
    who decided what against the rules of authority and every binding appropriation for overruns.
    Exit 1 if a check fails."""
    with _failing():
        if output is not None and output.suffix.lower() not in VERIFY_FORMATS:
            raise Rejected("output", str(output), "output.verify_suffix")
        _checked_output(output, force)
        expected = verification.head_prefix(expect_head) if expect_head is not None else None
        rules_of = authority.load(rules_file) if rules_file is not None else authority.DEFAULT
        statements = [(file.name, books.read_book(file)) for file in book_files or []]
        ledger = _open(load=False)
        report = ledger.verify(expected, rules_of)
        report = replace(report, checks=report.checks + tuple(verification.book_check(name, statement)
                                                               for name, statement in statements))
        if output is not None:
            binary, render = VERIFY_FORMATS[output.suffix.lower()]
            write_atomic(output, lambda out: render(report, out), binary=binary, force=force, protect=_guarded())
    if as_json:
        sys.stdout.write(_json(report))
    else:
        _print_verification(report, output)
    if not report.passed:
        raise typer.Exit(1)


@app.command(name="rules")
def rules_template(
    output: Optional[Path] = typer.Option(None, "--output", "-o", dir_okay=False,
                                          help="Write the TOML here (default: standard output)"),
    rules_file: Optional[Path] = typer.Option(None, "--rules", exists=True, dir_okay=False,
                                              help="Check a rules file and print it as Kirjuri reads it"),
    force: bool = _force_opt(),
) -> None:
    """Print the rules of authority as TOML: kuntalaki's minimum, the start of a municipality's own file."""
    with _failing():
        _checked_output(output, force)
        text = in_json(authority.to_toml(authority.load(rules_file) if rules_file is not None else authority.DEFAULT))
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, lambda out: out.write(text), force=force, protect=_guarded())


def _json(report) -> str:
    """The report as JSON; a finding quoting a stored row holds its control characters as \\u escapes."""
    return in_json(json.dumps(report.to_builtins(), ensure_ascii=False, indent=2)) + "\n"


def _print_verification(report, output: Path | None) -> None:
    verdict = "[green]PASSED[/green]" if report.passed else "[red bold]FAILED[/red bold]"
    out.print(f"[bold]kirjuri verify[/bold] #{report.seq} {_markup(report.head)}: {verdict}")
    table = Table(box=None, pad_edge=False)
    for name in ("check", "result", "what was checked", "scope"):
        table.add_column(name, overflow="fold")
    for check in report.checks:
        result = "[green]pass[/green]" if check.passed else f"[red]FAIL ({len(check.findings)})[/red]"
        table.add_row(_markup(check.name), result, _markup(check.title), _markup(check.scope))
    out.print(table)
    for check in report.checks:
        if check.findings:
            out.print(f"\n[bold]{_markup(check.name)}[/bold]: {len(check.findings)} findings")
            for f in check.findings:
                where = "" if f.seq is None else f"#{f.seq} "
                out.print(f"  {where}{_markup(f.event_id)} {_markup(f.what)}".rstrip(), soft_wrap=True)
    if output is not None:
        out.print(f"\nreport written to {output}", markup=False)


# --- the UI in a browser -------------------------------------------------------------------------

#: what textual-serve runs for each browser: the UI, read-only (tui/serve.py; named here, never imported)
SERVED_MODULE = "tui.serve"


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
    if rules_file is not None:
        argv += ["--rules", str(rules_file.resolve())]
    return shlex.join(argv), env


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="The address to listen on, as browsers reach it "
                                                         "(default: only this computer)"),
    port: int = typer.Option(8000, "--port", help="The port to listen on"),
    lang: str = typer.Option("fi", "--lang", help="fi (default) or en"),
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
        _ui_language(lang)
        if not 0 < port < 65536:
            raise Rejected("port", port, "port.range")
        if max_sessions < 1:
            raise Rejected("max-sessions", max_sessions, "serve.sessions")
        token = _serve_token(host, token, require_token)
        if rules_file is not None:
            authority.load(rules_file)  # a wrong rules file is refused here, once, not in every browser
        ledger = _open(load=False)  # a missing ledger is refused here, once, not in every browser
        ledger.close()
        command, env = served_command(ledger.target, lang, rules_file)
        if SERVER is None:
            raise StoreError("the terminal UI is not installed (run kirjuri from the package's entry point)")
        os.environ.update(env)
        os.environ.pop("KIRJURI_SERVE_TOKEN", None)  # the UI each browser runs has no use for it

        url = f"http://{f'[{host}]' if ':' in host else host}:{port}"
        out.print(f"serving {ledger.target.describe()} read-only at {url}/{'' if token is None else '?token=' + token}",
                  markup=False)
        SERVER(command, host=host, port=port, lang=lang, max_sessions=max_sessions, token=token, public_url=url)


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


# --- export and restore -----------------------------------------------------------------------


@app.command()
def export(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: standard output)"),
    fmt: str = typer.Option("json", "--format", help="json or toml"),
    force: bool = _force_opt(),
) -> None:
    """The complete log — ids, times, authors, decisions, hashes — for archiving or `kirjuri restore`."""
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
            err.print(f"exported {ledger.state.seq} events to {output} (head {head[:16]}…)", markup=False)


@app.command()
def restore(file: Path = typer.Argument(..., exists=True, dir_okay=False, help="An export from `kirjuri export`")) -> None:
    """Rebuild a ledger from an export into an empty database: same events, same figures, same head hash."""
    with _failing():
        expected_head, records = exchange.read_export(file)
        ledger = _open(create=True)
        if ledger.state.seq:
            raise Rejected("db", ledger.target.describe(), "db.not_empty", count=ledger.state.seq)
        ledger.submit_recorded(records)
        if ledger.state.head != expected_head:
            raise StoreError("restored head differs from the export's head")
        out.print(f"restored {ledger.state.seq} events into {shown(ledger.target.describe())}; head {ledger.state.head}",
                  markup=False)


@app.command()
def recover(
    to: str = typer.Option(..., "--to", metavar="NEW", help="The new ledger: an SQLite file (or a postgresql:// URL) "
                                                             "that does not exist yet or holds no event"),
) -> None:
    """Copy every event before the first damaged one into a new ledger, as stored (same hashes, same head).

    The damaged ledger is only read, from its first event, every row checked: keep it for the investigation.
    """
    with _failing():
        source = resolve_target(OPTS.db)
        if source.sqlite_path is not None and not source.sqlite_path.exists():
            raise StoreError(f"no ledger at {source.sqlite_path}: give the damaged one with --db")
        into = resolve_target(to)
        done = recovery.recover(source, into, author=OPTS.author)
        out.print(f"recovered {done.count} events into {shown(into.describe())}: head #{done.count} {done.head}",
                  markup=False, soft_wrap=True)
        if done.damage is None:
            out.print(f"{shown(source.describe())} is not damaged: every event was copied", markup=False, soft_wrap=True)
        else:
            out.print(f"first bad position in {shown(source.describe())}: #{done.damage.finding.seq} "
                      f"({done.damage.finding.what}); keep that ledger as it is for the investigation",
                      markup=False, soft_wrap=True)


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
    with _failing():
        done = backups.backup(resolve_target(OPTS.db), file, force=force)
        out.print(f"wrote {done.file}: {done.head.seq} events, head {done.head.hash}", markup=False, soft_wrap=True)


# --- importing books and long tables ------------------------------------------------------------


@app.command(name="import")
def import_(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A budget book's text (.txt), or a long table (.csv / .xlsx)"),
    profile: Optional[Path] = typer.Option(None, "--profile", help="What the book does not say (TOML); default: FILE with .toml beside it, or examples/books/"),
    apply: bool = typer.Option(False, "--apply", help="Write the events; without it, only the preview"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every check, not only the contradictions"),
) -> None:
    """Preview what a book or a long table would record, and where a book disagrees with itself; --apply writes it."""
    with _failing():
        ledger = _open()
        if file.suffix.lower() in (".csv", ".xlsx"):
            _import_long(ledger, file, apply)
            return
        statement = books.read_book(file)
        found = _profile_for(file, profile)
        plan = import_plan.plan_import(ledger.state, statement, import_plan.load_profile(found), author=ledger.author, now=ledger.clock())
        _print_statement(statement, found, verbose)
        _print_plan(plan)
        if apply and plan.events:
            ledger.submit(*plan.events)
            out.print(f"recorded {len(plan.events)} events; the ledger is at #{ledger.state.seq}")
        elif plan.events:
            out.print("nothing written: run again with --apply to record these events")


def _profile_for(file: Path, given: Path | None) -> Path | None:
    if given is not None:
        if not given.exists():
            raise Rejected("profile", str(given), "file.missing")
        return given
    for candidate in (file.with_suffix(".toml"), EXAMPLES / "books" / file.with_suffix(".toml").name):
        if candidate.exists():
            return candidate
    return None


def _print_statement(statement, profile: Path | None, verbose: bool) -> None:
    kinds = ", ".join(f"{t.kind} ({t.node or '–'}, line {t.table.header_lines[0]})" for t in statement.tables)
    out.print(f"[bold]{_markup(statement.source)}[/bold]  sha256 {statement.digest[:16]}…  "
              f"profile: {_markup(profile or 'none')}")
    out.print(f"tables: {shown(kinds)}", markup=False)
    out.print(f"figures: {len(statement.figures)}")
    for s in statement.skipped:
        out.print(f"  skipped line {s.line}: {shown(s.what)}: {shown(s.why)}", markup=False)
    out.print(f"[bold]not understood[/bold]: {len(statement.not_understood) or 'none'}")
    for n in statement.not_understood:
        out.print(f"  line {n.line}: {shown(n.why)}", markup=False)
    _print_checks(statement, verbose)


def _print_checks(statement, verbose: bool) -> None:
    checks = statement.checks if verbose else statement.contradictions
    held = len(statement.checks) - len(statement.contradictions)
    rounding = sum(c.rounding for c in statement.contradictions)
    out.print(f"[bold]self-consistency[/bold]: {len(statement.checks)} totals checked, {held} hold, "
              f"{len(statement.contradictions) - rounding} contradictions, {rounding} rounding "
              f"(MUUTOS € read as {statement.convention} change)")
    if not checks:
        return
    table = Table(box=None, pad_edge=False)
    for name, justify in (("line", "right"), ("total", "left"), ("book says", "right"), ("lines sum to", "right"),
                          ("difference", "right"), ("", "left")):
        table.add_column(name, justify=justify)
    for c in checks:
        show_value = format_percent if c.percent else _eur
        note = "ok" if c.ok else "rounding" if c.rounding else "CONTRADICTION"
        table.add_row(str(c.line), _markup(c.what), show_value(c.stated), show_value(c.computed),
                      show_value(c.difference), note)
    out.print(table)


def _print_plan(plan) -> None:
    out.print(f"[bold]to record[/bold]: {len(plan.events)} events "
              f"({len(plan.units)} units); {plan.already} figures already in the ledger")
    for event in plan.events:
        if isinstance(event, UnitRegistered):
            continue
        column = getattr(event, "column", "")
        out.print(f"  {type(event).__name__} {getattr(event, 'year', '')} {column} {len(event.lines)} lines, "
                  f"{shown(format_decision(event.decision)) or 'no decision'}  id {shown(event.id)}", markup=False)
    for conflict in plan.conflicts:
        out.print(f"  [bold]not recorded[/bold]: {_markup(conflict)}")
    for note in plan.notes:
        out.print(f"  already held: {shown(note)}", markup=False)


def _import_long(ledger: Kirjuri, file: Path, apply: bool) -> None:
    plan = longformat.plan(ledger.state, longformat.read_long(file), author=ledger.author)
    if plan.problems:
        raise longformat.LongFormatError(plan.problems)
    out.print(f"[bold]{_markup(file.name)}[/bold]: {len(plan.units)} units and {len(plan.events)} events to record; "
              f"{len(plan.imported)} rows already in the ledger")
    if apply and plan.writes:
        longformat.record(plan, ledger.submit)
        out.print(f"recorded {len(plan.writes)} events; the ledger is at #{ledger.state.seq}")
    elif plan.writes:
        out.print("nothing written: run again with --apply to record these events")


@app.command(name="export-figures")
def export_figures(file: Path = typer.Argument(..., dir_okay=False, help="The .csv or .xlsx file to write"),
                   force: bool = _force_opt()) -> None:
    """Every figure in force as a long table (CSV or XLSX), the format `kirjuri import` reads back."""
    with _failing():
        if file.suffix.lower() not in (".csv", ".xlsx"):
            raise Rejected("file", str(file), "output.figures_suffix")
        check_output(file, force=force, protect=_guarded(), field="file")
        ledger = _open()
        count = longformat.export_long(ledger.state, ledger.records, file, force=force, protect=_guarded())
        err.print(f"wrote {count} rows to {shown(str(file))}", markup=False)


# --- reports: the books' own tables ---------------------------------------------------------------

report_app = typer.Typer(
    help="Print a budget book's own tables (units, määrärahat, käyttötalous, half-year, toteutumisvertailu), "
         "or write them to .csv / .xlsx / .md; `fdp` writes a Fiscal Data Package.",
    no_args_is_help=True,
)
app.add_typer(report_app, name="report")


def _node_arg():
    return typer.Argument(..., help="Unit code: the kaupunki, a toimiala or a vastuualue (e.g. KEV, HALLVA)")


def _columns_opt():
    return typer.Option(None, "--columns", help="e.g. 'TP 2024, TA+MUUTOS 2025, TPE 2025, TA 2026, KS 2026' "
                                                "(default: those five for the ledger's latest year)")


def _restated_opt():
    return typer.Option(None, "--restated", help="Restate every column to this year's organisation "
                                                 "(vertailukelpoinen); default: as published")


def _year_opt(what: str = "Fiscal year"):
    return typer.Option(None, "--year", "-y", help=f"{what} (default: the ledger's latest year)")


def _lines_opt(default: str = "main"):
    return typer.Option(default, "--lines", help="main: MENOT / TULOT / NETTOMENO (Kemijärvi); "
                                                 "kate: TOIMINTATUOTOT / TOIMINTAKULUT / TOIMINTAKATE (Kemi)")


def _as_of_opt():
    return typer.Option(None, "--as-of", help="Effective date: as the budget stood on that day")


def _known_at_opt():
    return typer.Option(None, "--known-at", help="Recorded time: as the ledger knew it then")


def _output_opt():
    return typer.Option(None, "--output", "-o", dir_okay=False,
                        help="Write to this file; its suffix picks the format: .csv, .xlsx or .md "
                             "(default: a table in the terminal)")


def _report_start(node: str, output: Path | None, restated: int | None, as_of: str | None,
                  known_at: str | None, force: bool) -> tuple[Kirjuri, str, pj.Point]:
    """Check what every report is given, the output's format first, so a bad input reads and writes nothing."""
    if output is not None:
        rp.writer_for(output)
        _checked_output(output, force)
    ledger = _open()
    point = _point(as_of, known_at)
    code = _known_unit(ledger, node)
    if restated is not None and not rp.in_structure(ledger.state, code, restated, point):
        raise Rejected("restated", restated, "restated.no_node", code=code)
    return ledger, code, point


def _line_set(text: str) -> tuple[str, ...]:
    lines = rp.LINE_SETS.get(text.strip().casefold())
    if lines is None:
        raise Rejected("lines", text, "choice.unknown", choices=tuple(rp.LINE_SETS))
    return lines


def _report_columns(ledger: Kirjuri, text: str | None) -> list[tuple[str, int]]:
    return rp.parse_columns(text) if text is not None else rp.default_columns(rp.fiscal_year(ledger.state, None))


def _report_out(report: rp.Report, output: Path | None, point: pj.Point, force: bool) -> None:
    """A file in the format its suffix names, or the terminal: title and basis on lines of their own, always."""
    if output is not None:
        rp.write(report, output, force=force, protect=_guarded())
        err.print(f"wrote {shown(str(output))}: {shown(report.title)}, {report.basis}", markup=False)
        return
    out.print(Text(shown(report.title), style="bold"), soft_wrap=True)
    out.print(Text(report.basis), soft_wrap=True)
    if point != pj.Point():
        out.print(Text(f"figures {_describe(point)}"), soft_wrap=True)
    for table in rp.rich_tables(report, out.width):
        out.print(table)


@report_app.command("units")
def report_units(
    node: str = _node_arg(), columns: Optional[str] = _columns_opt(), restated: Optional[int] = _restated_opt(),
    lines: str = _lines_opt(), as_of: Optional[str] = _as_of_opt(), known_at: Optional[str] = _known_at_opt(),
    output: Optional[Path] = _output_opt(), force: bool = _force_opt(),
) -> None:
    """The käyttösuunnitelma's unit table: each unit's lines, each vastuualue's and the node's totals."""
    with _failing():
        ledger, code, point = _report_start(node, output, restated, as_of, known_at, force)
        report = rp.unit_block(ledger.state, code, _report_columns(ledger, columns), point, restated,
                               lines=_line_set(lines))
        _report_out(report, output, point, force)


@report_app.command("maararahat")
def report_maararahat(
    node: str = _node_arg(), year: Optional[int] = _year_opt(), restated: Optional[int] = _restated_opt(),
    change: str = typer.Option("magnitude", "--change", help="MUUTOS €: magnitude (|new| - |old|, as book 003) "
                                                              "or signed (new - old, as book 001)"),
    before: Optional[str] = typer.Option(None, "--before", help="Compare with this node's year before: a new "
                                                                "node's predecessor (book 003: KEV with HALL)"),
    as_of: Optional[str] = _as_of_opt(), known_at: Optional[str] = _known_at_opt(),
    output: Optional[Path] = _output_opt(), force: bool = _force_opt(),
) -> None:
    """Määrärahat: last year's TA+muutos, this year's TA and the change in € and %."""
    with _failing():
        if change not in ("magnitude", "signed"):
            raise Rejected("change", change, "choice.either", first="magnitude", second="signed")
        ledger, code, point = _report_start(node, output, restated, as_of, known_at, force)
        if before is not None and before not in ledger.state.units:
            raise Rejected("before", before, "unit.unknown_see_units")
        year = rp.fiscal_year(ledger.state, year)
        report = rp.maararahat(ledger.state, code, year, point, change=change, structure=restated,
                               before_node=before)
        _report_out(report, output, point, force)


@report_app.command("kayttotalous")
def report_kayttotalous(
    node: str = _node_arg(), columns: Optional[str] = _columns_opt(), restated: Optional[int] = _restated_opt(),
    as_of: Optional[str] = _as_of_opt(), known_at: Optional[str] = _known_at_opt(),
    output: Optional[Path] = _output_opt(), force: bool = _force_opt(),
) -> None:
    """Käyttötalous by account (TOIMINTATUOTOT, TOIMINTAKULUT, TOIMINTAKATE), as the book stated it where it did."""
    with _failing():
        ledger, code, point = _report_start(node, output, restated, as_of, known_at, force)
        report = rp.kayttotalous(ledger.state, code, _report_columns(ledger, columns), point, structure=restated)
        _report_out(report, output, point, force)


@report_app.command("half-year")
def report_half_year(
    node: str = _node_arg(), year: Optional[int] = _year_opt("Fiscal year (default: the period's)"),
    period: Optional[str] = typer.Option(None, "--period", help="The toteuma's period as Kemi labels it, "
                                                                "e.g. '01-06/2023' (default: 01-06 of the year)"),
    lines: str = _lines_opt("kate"), restated: Optional[int] = _restated_opt(),
    as_of: Optional[str] = _as_of_opt(), known_at: Optional[str] = _known_at_opt(),
    output: Optional[Path] = _output_opt(), force: bool = _force_opt(),
) -> None:
    """Kemi's osavuosikatsaus table: TP, TA, muutettu TA, toteuma of the period, toteuma-% and TP-ennuste.

    The figures are read as they stood at the end of the period unless --as-of says otherwise.
    """
    with _failing():
        ledger, code, point = _report_start(node, output, restated, as_of, known_at, force)
        label = period if period is not None else f"01-06/{rp.fiscal_year(ledger.state, year)}"
        end = rp.period_end(label)
        year = rp.fiscal_year(ledger.state, end.year if year is None else year)
        if end.year != year:
            raise Rejected("period", label, "period.outside_fiscal_year", year=year)
        point = point if point.on is not None else pj.Point(end, point.known_at)
        report = rp.half_year(ledger.state, code, year, label, point, _line_set(lines), structure=restated)
        _report_out(report, output, point, force)


@report_app.command("toteutumisvertailu")
def report_toteutumisvertailu(
    node: str = _node_arg(), year: Optional[int] = _year_opt(), restated: Optional[int] = _restated_opt(),
    lines: str = _lines_opt(), as_of: Optional[str] = _as_of_opt(), known_at: Optional[str] = _known_at_opt(),
    output: Optional[Path] = _output_opt(), force: bool = _force_opt(),
) -> None:
    """Talousarvion toteutumisvertailu (kuntalaki § 113): TA, changes, TA after them, actuals and the deviation."""
    with _failing():
        ledger, code, point = _report_start(node, output, restated, as_of, known_at, force)
        report = rp.toteutumisvertailu(ledger.state, code, rp.fiscal_year(ledger.state, year), point,
                                       lines=_line_set(lines), structure=restated)
        _report_out(report, output, point, force)


@report_app.command("fdp")
def report_fdp(
    year: Optional[int] = _year_opt(),
    output: Path = typer.Option(..., "--output", "-o", help="Directory to write datapackage.json and the CSV to "
                                                            "(or a .json path for the descriptor)"),
    as_of: Optional[str] = _as_of_opt(), known_at: Optional[str] = _known_at_opt(),
    force: bool = typer.Option(False, "--force", help="Replace datapackage.json and the CSV if they exist"),
) -> None:
    """The year as a Fiscal Data Package (OpenSpending): each unit's own figures per account, no rollups."""
    with _failing():
        ledger = _open()
        point = _point(as_of, known_at)
        year = rp.fiscal_year(ledger.state, year)
        descriptor = rp.fiscal_data_package(ledger.state, year, output, point, force=force, protect=_guarded())
        err.print(f"wrote the Fiscal Data Package for {year} to {descriptor}", markup=False)


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@app.command()
def demo(
    reset: bool = typer.Option(False, "--reset", help="Start again from the bundled example"),
    tour: bool = typer.Option(False, "--tour", help="Print a tour of the example instead of opening the UI"),
) -> None:
    """Open the bundled Kemijärvi example ledger (no set-up) in the terminal UI, or print a tour of it."""
    with _failing():
        source = EXAMPLES / "kemijarvi.json"
        if not source.exists():
            raise StoreError(f"the bundled example is missing: {source} (install Kirjuri from its source tree)")
        target = resolve_target(OPTS.db) if OPTS.db else resolve_target(str(default_sqlite_path().with_name("demo.sqlite")))
        if target.sqlite_path is not None and target.sqlite_path.exists() and reset:
            _demo_only(target, source)
            for path in ledger_files(target):
                path.unlink(missing_ok=True)
        if target.sqlite_path is None or not target.sqlite_path.exists():
            ledger = Kirjuri(target, create=True, author=OPTS.author)
            if not ledger.state.seq:
                ledger.submit_recorded(exchange.read_export(source)[1])
        OPTS.db = str(target.sqlite_path or target.postgres_url)
        if VIEWER is not None and not tour and sys.stdin.isatty() and sys.stdout.isatty():
            VIEWER(Kirjuri(target, author=OPTS.author, load=False), "fi", False, None)
            return
        out.print(f"[bold]Kirjuri demo[/bold]: the Kemijärvi example (2022–2026, from the seed books) at {target.describe()}\n")
        units(year=2026, as_of=None)
        out.print()
        show("HALL", year=2025, as_of=None, known_at=None, detail=False)
        show("ELTY", year=2026, as_of=None, known_at=None, detail=False)
        history("JOUKKOLIIKENNE", year=None, limit=6)
        out.print(f"\nTry: kirjuri --db {OPTS.db} amend 2026 'JOUKKOLIIKENNE:MENOT=-12 000' --effective 15.6.2026 "
                  "--decision 'KV 9.6.2026 § 41'\n     kirjuri --db ... show ELTY --year 2026 --known-at 1.2.2026")


def _demo_only(target: Target, source: Path) -> None:
    """`demo --reset` deletes a ledger only if it grew from the example (its first event is the
    example's): never a ledger of its own, nor any other file --db names."""
    first = exchange.read_export(source)[1][0].hash
    ledger = Kirjuri(target, load=False)
    try:
        ours = ledger.eventlog.head_seq() and ledger.eventlog.hash_at(1) == first
    finally:
        ledger.close()
    if not ours:
        raise Rejected("db", target.describe(), "demo.not_the_example")


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
        out.print(f"ledger ready at {setup.database}: its tables owned by {setup.owner} (NOLOGIN), "
                  "append-only, PUBLIC's rights revoked", markup=False)
        for kind, role_url in setup.urls.items():
            out.print(f"  {kind:<10} KIRJURI_DATABASE_URL={role_url}  ({dbsetup.RIGHTS[kind]})", markup=False)
        for kind, name in setup.without_password:
            out.print(f"  note: {name} has no password yet: give one with --{kind}-password or "
                      f"$KIRJURI_{kind.upper()}_PASSWORD (or use the server's own authentication)", markup=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
