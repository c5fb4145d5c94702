"""The commands that write the ledger: set it up, register units, record the budget and its
changes, propose and decide; and the two lists a clerk needs for that (accounts, proposals)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.table import Table

from cli.common import (
    EFFECTIVE_HELP, _based_on, _cell_text, _confirm_opt, _date, _decision, _effective, _eur, _failing, _lines,
    _moves, _open, _period, _point, _cli_language, _written, cli_said, language, out,
)
from cli.trail import _print_event
from events import accounts, chart
from events.model import BODY_ABBREVIATIONS, EntryReversed
from ledger.app import FiguresChanged, Kirjuri
from ledger.audit import authority
from ledger.domain import forms, vocabulary
from ledger.domain.citation import SV_ABBREVIATIONS, format_decision, parse_body
from ledger.domain.rules import Rejected, lines_and_moves
from ledger.fold import projections as pj

app = typer.Typer()
unit_app = typer.Typer(help="Register, rename and close units of the organisation.", no_args_is_help=True)
app.add_typer(unit_app, name="unit")


# --- setting up -----------------------------------------------------------------------------


@app.command()
def init() -> None:
    """Create an empty ledger (an SQLite file, or the tables in a PostgreSQL database)."""
    with _failing():
        ledger = _open(create=True)
        out.print(cli_said("init.ready", _cli_language(), target=ledger.target.describe(), count=ledger.state.seq), markup=False)


@app.command(name="accounts")
def list_accounts(
    lang: Optional[str] = typer.Option(None, "--lang", help="The names' language: fi, sv or en (default: the language asked for)"),
) -> None:
    """The account chart by budget part (kuntalaki 110 §): each account under the one it rolls into, with its
    side and name (and the file it came from, if the municipality's), then the part's derived lines."""
    with _failing():
        lang = language(lang)
        rows: list[tuple[str, str, str, str]] = []
        for part in chart.PARTS:  # a part by its key in English (what the chart's files name), else in words
            rows.append((part if lang == "en" or part not in vocabulary.PARTS else vocabulary.PARTS[part].said(lang),
                         "", "", ""))
            roots = [a for a in accounts.ACCOUNTS if accounts.PARENT[a] is None and accounts.part_of(a) == part]
            stack = [(1, root) for root in reversed(roots)]
            while stack:
                depth, key = stack.pop()
                account = accounts.account(key)
                rows.append(("  " * depth + key, _side(account.side, lang), vocabulary.account_word(key).said(lang),
                             account.source or ""))
                stack.extend((depth + 1, c) for c in reversed(accounts.children(key)))
            rows += [(f"  = {d.key}", "", vocabulary.account_word(d.key).said(lang), "= " + " + ".join(d.terms))
                     for d in accounts.derived_lines() if d.part == part]
        width, sides = max(len(r[0]) for r in rows), max(7, *(len(r[1]) + 1 for r in rows))
        for label, side, name, tail in rows:
            out.print(f"{label:<{width}}  {side:<{sides}} {name}  {tail}".rstrip() if name else label, markup=False)


def _side(side: str, lang: str) -> str:
    """An account's side in ``lang``: in English by its key, as the chart's files write it (like a part)."""
    return side if lang == "en" or side not in vocabulary.SIDES else vocabulary.SIDES[side].said(lang)


@unit_app.command("add")
def unit_add(
    code: str, name: str,
    level: str = typer.Option(..., "--level", help="kaupunki, toimiala, vastuualue or yksikkö"),
    parent: Optional[str] = typer.Option(None, "--parent", help="Code of the unit above (none for the kaupunki)"),
    effective: str = typer.Option("1.1.2020", "--effective", help="From when the unit exists"),
    decision: Optional[str] = typer.Option(None, "--decision", help="e.g. 'KV 26.5.2025 § 50'"),
    note: str = typer.Option("", "--note"),
    confirm: Optional[List[str]] = _confirm_opt(),
) -> None:
    """Register a unit."""
    with _failing():
        ledger = _open(confirm=confirm)
        record = ledger.register_unit(code, name, level, parent, effective=_date(effective, "effective"),
                                      decision=_decision(decision), note=note)
        _written(ledger, record.seq)


@unit_app.command("rename")
def unit_rename(code: str, name: str,
                effective: Optional[str] = typer.Option(None, "--effective", help=EFFECTIVE_HELP),
                decision: Optional[str] = typer.Option(None, "--decision"), note: str = typer.Option("", "--note"),
                confirm: Optional[List[str]] = _confirm_opt()) -> None:
    """Rename a unit from a date on."""
    with _failing():
        ledger = _open(confirm=confirm)
        chosen = _decision(decision)
        _written(ledger, ledger.rename_unit(code, name, effective=_effective(effective, chosen),
                                            decision=chosen, note=note).seq)


@unit_app.command("close")
def unit_close(code: str, effective: Optional[str] = typer.Option(None, "--effective", help=EFFECTIVE_HELP),
               decision: Optional[str] = typer.Option(None, "--decision"), note: str = typer.Option("", "--note"),
               confirm: Optional[List[str]] = _confirm_opt()) -> None:
    """Close a unit from a date on (its figures stay in history)."""
    with _failing():
        ledger = _open(confirm=confirm)
        chosen = _decision(decision)
        _written(ledger, ledger.close_unit(code, effective=_effective(effective, chosen, "UnitClosed"),
                                           decision=chosen, note=note).seq)


# --- recording figures --------------------------------------------------------------------


@app.command()
def adopt(
    year: int, lines: List[str] = typer.Argument(..., help="UNIT:ACCOUNT=AMOUNT, e.g. '1100:MENOT=-68 900'"),
    decision: Optional[str] = typer.Option(None, "--decision", help="The valtuusto's decision, e.g. 'KV 9.12.2024 § 80'"),
    effective: Optional[str] = typer.Option(None, "--effective", help="Default 1.1. of the year"),
    note: str = typer.Option("", "--note"),
    confirm: Optional[List[str]] = _confirm_opt(),
) -> None:
    """Record the TA (budget) adopted by the valtuusto for a fiscal year."""
    with _failing():
        ledger = _open(confirm=confirm)
        _written(ledger, ledger.adopt(year, _lines(lines), decision=_decision(decision),
                                      effective=_date(effective, "effective"), note=note).seq)


_BASED_ON_HELP = ("The ledger position your figures were read at (e.g. 161 or '#161', see `kirjuri head`): "
                  "refused, showing what changed, if a unit this touches was changed since")
_KEY_HELP = "Idempotency key, stored as the event's id: a retry with the same key never writes twice"
_MOVE_HELP = "FROM_UNIT:ACCOUNT>TO_UNIT:ACCOUNT=AMOUNT, as many times as needed: one event under one decision"


@contextmanager
def _changes_shown(ledger: Kirjuri) -> Iterator[None]:
    """A write refused for a stale --based-on: first the events written since on the units it names."""
    try:
        yield
    except FiguresChanged as exc:
        records = ledger.records(seq for seqs in exc.changed.values() for seq in seqs)
        targets = ledger.records(ledger.state.ids[r.event.target] for r in records.values()
                                 if isinstance(r.event, EntryReversed))
        out.print(cli_said("written_since", _cli_language(), based_on=exc.based_on, head=exc.head), markup=False)
        for unit, seqs in exc.changed.items():
            for seq in seqs:
                _print_event(ledger, records[seq], unit, targets)
        raise


@app.command()
def amend(
    year: int, lines: List[str] = typer.Argument(..., help="UNIT:ACCOUNT=CHANGE, e.g. '1100:MENOT=-10 000'"),
    decision: Optional[str] = typer.Option(None, "--decision", help="e.g. 'KV 26.5.2025 § 50'"),
    effective: Optional[str] = typer.Option(None, "--effective",
                                            help="Date within the fiscal year; " + EFFECTIVE_HELP),
    note: str = typer.Option("", "--note"),
    based_on: Optional[str] = typer.Option(None, "--based-on", metavar="SEQ", help=_BASED_ON_HELP),
    key: Optional[str] = typer.Option(None, "--key", metavar="TEXT", help=_KEY_HELP),
    confirm: Optional[List[str]] = _confirm_opt(),
) -> None:
    """Record a TA-muutos: each line is a change added to the budget."""
    with _failing():
        ledger = _open(confirm=confirm)
        chosen = _decision(decision)
        with _changes_shown(ledger):
            _written(ledger, ledger.amend(year, _lines(lines), decision=chosen,
                                          effective=_effective(effective, chosen, "TaAmended"), note=note, key=key,
                                          based_on=_based_on(based_on)).seq)


@app.command()
def reallocate(
    year: int,
    source: Optional[List[str]] = typer.Option(None, "--from", help="UNIT:ACCOUNT that gives appropriation"),
    to: Optional[List[str]] = typer.Option(None, "--to", help="UNIT:ACCOUNT that receives it"),
    amount: Optional[List[str]] = typer.Option(None, "--amount", help="Appropriation moved, e.g. '50 000'"),
    move: Optional[List[str]] = typer.Option(None, "--move", help=_MOVE_HELP),
    decision: Optional[str] = typer.Option(None, "--decision"),
    effective: Optional[str] = typer.Option(None, "--effective", help=EFFECTIVE_HELP),
    note: str = typer.Option("", "--note"),
    based_on: Optional[str] = typer.Option(None, "--based-on", metavar="SEQ", help=_BASED_ON_HELP),
    key: Optional[str] = typer.Option(None, "--key", metavar="TEXT", help=_KEY_HELP),
    rules_file: Optional[Path] = typer.Option(None, "--rules", exists=True, dir_okay=False,
                                              help="The rules this change is judged by (TOML; default: the global "
                                                   "--rules, else kuntalaki's minimum)"),
    confirm: Optional[List[str]] = _confirm_opt(),
) -> None:
    """Move appropriation between units/accounts (zero-sum): one pair, or any number of --move, one decision.
    Between investment projects, the project codes as units: the body the rules allow decides it."""
    with _failing():
        moves = _moves(source, to, amount, move)
        ledger = _open(confirm=confirm, rules=rules_file)
        chosen = _decision(decision)
        with _changes_shown(ledger):
            _written(ledger, ledger.reallocate(year, moves, decision=chosen,
                                               effective=_effective(effective, chosen, "Reallocated"), note=note,
                                               key=key,
                                               based_on=_based_on(based_on)).seq)


@app.command()
def transfer(
    unit: str,
    to: str = typer.Option(..., "--to", help="The new parent unit"),
    effective: Optional[str] = typer.Option(None, "--effective", help="e.g. 1.1.2026; " + EFFECTIVE_HELP),
    decision: Optional[str] = typer.Option(None, "--decision"),
    from_year: Optional[int] = typer.Option(None, "--from-year", help="First fiscal year whose figures move (default: the effective year)"),
    note: str = typer.Option("", "--note"),
    based_on: Optional[str] = typer.Option(None, "--based-on", metavar="SEQ", help=_BASED_ON_HELP),
    key: Optional[str] = typer.Option(None, "--key", metavar="TEXT", help=_KEY_HELP),
    confirm: Optional[List[str]] = _confirm_opt(),
) -> None:
    """Transfer a service (a unit and everything below it) to another parent."""
    with _failing():
        ledger = _open(confirm=confirm)
        chosen = _decision(decision)
        with _changes_shown(ledger):
            _written(ledger, ledger.transfer(unit, to, effective=_effective(effective, chosen, "ServiceTransferred"),
                                             decision=chosen, from_year=from_year, note=note,
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
    confirm: Optional[List[str]] = _confirm_opt(),
) -> None:
    """Record KS, TP, toteuma (for a period), TPE or TS figures."""
    with _failing():
        ledger = _open(confirm=confirm)
        _written(ledger, ledger.record(kind.lower(), year, _lines(lines), effective=_date(effective, "effective"),
                                       period=_period(period) if period else None,
                                       decision=_decision(decision), note=note).seq)


@app.command()
def reverse(
    event: str = typer.Argument(..., help="Event id, a unique prefix of it, or #seq"),
    reason: str = typer.Option(..., "--reason"),
    decision: Optional[str] = typer.Option(None, "--decision"),
    confirm: Optional[List[str]] = _confirm_opt(),
) -> None:
    """Undo an event by recording its reversal (nothing is ever deleted)."""
    with _failing():
        ledger = _open(confirm=confirm)
        _written(ledger, ledger.reverse(event, reason=reason, decision=_decision(decision)).seq)


@app.command()
def propose(
    year: int,
    lines: Optional[List[str]] = typer.Argument(None, help="A TA-muutos: UNIT:ACCOUNT=CHANGE, e.g. '1100:MENOT=-10 000'"),
    body: str = typer.Option(..., "--body", help="The body asked to decide: KV, KH, or a lautakunta's name"),
    source: Optional[List[str]] = typer.Option(None, "--from", help="A reallocation: UNIT:ACCOUNT that gives"),
    to: Optional[List[str]] = typer.Option(None, "--to", help="A reallocation: UNIT:ACCOUNT that receives"),
    amount: Optional[List[str]] = typer.Option(None, "--amount", help="A reallocation: the appropriation moved"),
    move: Optional[List[str]] = typer.Option(None, "--move", help=_MOVE_HELP),
    effective: str = typer.Option(..., "--effective", help="The day the change would apply from, in the year"),
    decision: Optional[str] = typer.Option(None, "--decision", help="The proposing body's own decision, if any"),
    note: str = typer.Option("", "--note"),
    confirm: Optional[List[str]] = _confirm_opt(),
) -> None:
    """Enter an esitys: a TA-muutos (lines) or a reallocation (--from/--to/--amount) that moves nothing until decided."""
    with _failing():
        to_body = parse_body(body, "body", lang=language())
        on = _date(effective, "effective")
        ledger = _open(confirm=confirm)
        if lines and (source or to or amount or move):
            given = len(move or ()) + bool(source or to or amount)
            raise lines_and_moves(len(lines), given)
        if lines:
            change = ledger.amendment(year, _lines(lines), effective=on, decision=None, note=note)
        else:
            change = ledger.reallocation(year, _moves(source, to, amount, move), effective=on, decision=None, note=note)
        _written(ledger, ledger.propose(change, to_body=to_body, decision=_decision(decision), note=note).seq)


@app.command()
def decide(
    proposal: str = typer.Argument(..., help="The proposal: event id, a unique prefix of it, or #seq"),
    approve: bool = typer.Option(None, "--approve/--reject", help="Approved (the change takes effect) or rejected"),
    decision: Optional[str] = typer.Option(None, "--decision", help="e.g. 'KV 26.5.2025 § 50'"),
    effective: Optional[str] = typer.Option(None, "--effective",
                                            help="Default: the later of the proposed day and the decision, within the year"),
    note: str = typer.Option("", "--note"),
    confirm: Optional[List[str]] = _confirm_opt(),
) -> None:
    """Record the decision on a proposal; an approval writes the change it enacts with it."""
    with _failing():
        if approve is None:
            raise Rejected("approve", "", "value.missing")
        ledger = _open(confirm=confirm)
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
        lang = language()
        table = Table("#", *(cli_said(f"proposals.{name}", lang) for name in ("year", "to", "status", "change", "decision")),
                      title=cli_said("proposals.title", lang))
        for p in pj.proposals(ledger.state, point):
            if p.status != "pending" and not every:
                continue
            decided = ledger.records([p.decision])[p.decision].event.decision if p.decision else None
            to_body = (SV_ABBREVIATIONS if lang == "sv" else BODY_ABBREVIATIONS)[p.proposal.to_body]
            table.add_row(f"#{p.seq}", str(p.proposal.year), to_body, cli_said(f"proposals.{p.status}", lang),
                          _proposal_cell(p.proposal, lang), _cell_text(format_decision(decided, lang) if decided else ""))
        out.print(table)


def _proposal_cell(proposal, lang: str = "fi") -> Table:
    """What a proposal would change, a part a line: where (its accounts as the figures label them in ``lang``,
    Swedish the chart's names), folded if it must, and the amount beside it, never broken (rich breaks a line
    at a no-break space as at any other)."""
    def account(key: str) -> str:
        return vocabulary.account_label(key, lang)

    parts = [(f"{line.unit}:{account(line.account)}", line.amount) for line in proposal.lines]
    parts += [(f"{m.from_unit}:{account(m.from_account)} → {m.to_unit}:{account(m.to_account)}", abs(m.amount))
              for m in proposal.moves]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(overflow="fold")
    grid.add_column(justify="right", no_wrap=True)
    for where, amount in parts:
        grid.add_row(_cell_text(where), _eur(amount))
    return grid
