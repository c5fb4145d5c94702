"""What the audit committee runs: the head for the minutes, `verify` (the chain, the rules, the
rules of authority, the overruns, a book's totals), the rules of authority as TOML, and the
checkpoint every reader opens from."""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import replace
from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from cli.common import (
    OPTS, _checked_output, _cli_language, _confirm_opt, _date, _decision, _eur, _failing, _force_opt,
    _guarded, _markup, _moment, _open, _print_folded, _rules, _rules_given, _written, cli_said, column_label, language,
    out,
)
from cli.trail import level_word
from ledger.app import Kirjuri
from ledger.audit import authority
from ledger.audit import verify as verification
from ledger.audit.committee import figure_diff
from ledger.domain import formats, vocabulary
from ledger.domain.money import format_amount
from ledger.domain.citation import format_decision
from ledger.fold.diff import Diff
from ledger.domain.refusals import bodies_said
from ledger.domain.rules import Rejected
from ledger.domain.text import in_json, shown
from ledger.reports.output import write_atomic
from ledger.store.log import resolve_target

app = typer.Typer()


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
        try:
            seq = ledger.checkpoint(quietly=False)
            out.print(cli_said("checkpoint.written", _cli_language(), seq=seq, head=ledger.state.head) if seq else
                      cli_said("checkpoint.empty", _cli_language()))
        finally:
            ledger.close()


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
    from ledger.books import book as books  # the book reader, only for --book

    with _failing():
        if output is not None and output.suffix.lower() not in verification.REPORT_FORMATS:
            raise Rejected("output", str(output), "output.verify_suffix")
        _checked_output(output, force)
        expected = verification.head_prefix(expect_head) if expect_head is not None else None
        rules_of = _rules_given(rules_file)  # None: kuntalaki's minimum until the ledger adopted rules
        statements = [(file.name, books.read_book(file)) for file in book_files or []]
        ledger = _open(load=False)
        report = ledger.verify(expected, rules_of)
        report = replace(report, checks=report.checks + tuple(verification.book_check(name, statement)
                                                               for name, statement in statements))
        if output is not None:
            form = verification.REPORT_FORMATS[output.suffix.lower()]
            lang = _cli_language()  # the minutes' report in the language asked for, else English as always
            write_atomic(output, lambda out: form.write(report, out, lang), binary=form.binary, force=force,
                         protect=_guarded())
    if as_json:
        sys.stdout.write(verification.to_json(report))
    else:
        _print_verification(report, output)
    if not report.passed:
        raise typer.Exit(1)


rules_app = typer.Typer(help="The rules of authority: those in force and their history, or adopt a file's.")
app.add_typer(rules_app, name="rules")


@rules_app.callback(invoke_without_command=True)
def rules_shown(
    ctx: typer.Context,
    output: Optional[Path] = typer.Option(None, "--output", "-o", dir_okay=False,
                                          help="Write the rules in force as TOML here (no ledger: kuntalaki's "
                                               "minimum, the start of a municipality's own file)"),
    as_toml: bool = typer.Option(False, "--toml", help="Print the rules in force as TOML"),
    rules_file: Optional[Path] = typer.Option(None, "--rules", exists=True, dir_okay=False,
                                              help="Check a rules file and print it as Kirjuri reads it (TOML)"),
    known_at: Optional[str] = typer.Option(None, "--known-at", help="The rules in force as the ledger knew them "
                                                                   "then (a recorded time, e.g. '1.6.2026 12:00')"),
    on: Optional[str] = typer.Option(None, "--on", help="The rules in force on this effective date (e.g. "
                                                        "'1.6.2026'): the adoption effective latest by then"),
    force: bool = _force_opt(),
) -> None:
    """The rules of authority in force (binding level, bodies per kind, deadlines, tolerance, actions) and
    which decision adopted which version when; with --toml or -o, the rules as TOML."""
    if ctx.invoked_subcommand is not None:
        return
    with _failing():
        _checked_output(output, force)
        at, day = _moment(known_at, "known-at"), _date(on, "on")
        if rules_file is not None or output is not None or as_toml:
            text = in_json(authority.to_toml(_toml_rules(rules_file, at, day)))
            if output is None:
                sys.stdout.write(text)
            else:
                write_atomic(output, lambda out: out.write(text), force=force, protect=_guarded())
            return
        ledger = _open()
        known = ledger.state.known_seq(at)
        if day is None:
            _print_rules(ledger, ledger.rules_in_force(known), known)
        else:
            _print_rules_on(ledger, day, known)


def _toml_rules(rules_file: Path | None, at, day=None) -> authority.Rules:
    """A file's rules, checked; else the ledger's in force (on ``day``, if given), where there is a ledger; else
    kuntalaki's minimum."""
    if rules_file is not None:
        return authority.load(rules_file)
    target = resolve_target(OPTS.db)
    if target.sqlite_path is not None and not target.sqlite_path.exists():
        return _rules()
    ledger = _open()
    known = ledger.state.known_seq(at)
    return ledger.rules_in_force(known) if day is None else ledger.rules_on(day, known)[1]


def _print_rules_on(ledger: Kirjuri, day, known: int) -> None:
    """The rules in force on the effective date ``day`` (whose they are), then every adoption up to ``known``."""
    record, rules = ledger.rules_on(day, known)
    date = formats.date(day)
    if record is not None:
        said = cli_said("rules.on_adopted", date=date, adoption=_adoption(record))
    else:
        said = cli_said("rules.on_file" if ledger.rules_of is not None else "rules.on_minimum", date=date)
    out.print(said, markup=False, soft_wrap=True)
    _print_entries_and_history(ledger, rules, known)


@rules_app.command(name="adopt")
def rules_adopt(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="The rules file (TOML) the body adopted"),
    decision: str = typer.Option(..., "--decision", help="The decision adopting them, e.g. 'KV 26.5.2025 § 50'"),
    effective: Optional[str] = typer.Option(None, "--effective", help="From when they apply (default: the day of "
                                                                       "the decision)"),
    note: str = typer.Option("", "--note"),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only show what would change; write nothing"),
    confirm: Optional[List[str]] = _confirm_opt(),
) -> None:
    """Adopt a rules file into the ledger under its decision: from then on every write, the committee view and
    verify judge by these rules. Only the body the rules in force entitle (by default the valtuusto) adopts them."""
    with _failing():
        rules = authority.load(file)
        ledger = _open(confirm=confirm)
        event = ledger.rules_adoption(rules, decision=_decision(decision), effective=_date(effective, "effective"),
                                      note=note)
        ledger.check(event)
        _print_rules_change(ledger.rules_in_force(), rules)
        if dry_run:
            out.print(cli_said("dry_run"), markup=False)
            return
        _written(ledger, ledger.submit(event)[0].seq)


def _rules_entries(rules: authority.Rules) -> list[tuple[str, str]]:
    """The rules as (entry, value) lines: the entry in the rules file's own name (``_entry`` says it in the
    language), the value in the language asked for."""
    lang = language()
    entries = [("municipality", rules.municipality or "–"), ("binding.level", level_word(rules.level, lang)),
               ("binding.line", vocabulary.account_label(rules.line, lang)), ("binding.gross", ", ".join(rules.gross) or "–"),
               ("binding.tolerance", f"{format_amount(rules.tolerance, decimals=2, sep=' ')} €"),
               ("deadlines.amendments", "%d.%d." % rules.amendments_by),
               ("deadlines.overruns", cli_said("rules.next_year", date="%d.%d." % rules.overruns_by)),
               ("deadlines.carries", cli_said("rules.next_year", date="%d.%d." % rules.carries_by))]
    entries += [(f"bodies.{kind}", bodies_said(rules.bodies.get(kind, ()), lang) or cli_said("rules.no_body"))
                for kind in authority.KINDS]
    entries += [(f"actions.{code}", cli_said(f"rules.action.{rules.action(code)}")) for code in authority.POLICY]
    return entries


def _entry(key: str) -> str:
    """An entry of the rules as the language asked for names it: "sitovuustaso", "beslutar om budgetändring", a
    check by what it finds ("sitovan määrärahan ylitys", in English too: its code is in the value where
    --confirm takes it); English keeps the file's own names for the rest."""
    lang = language()
    group, _dot, name = key.partition(".")
    if group == "bodies":
        return cli_said("rules.entry.bodies", kind=name if lang == "en" else vocabulary.CHANGE_KINDS[name].said(lang))
    if group == "actions":
        return cli_said(f"rules.check.{name}")
    return cli_said(f"rules.entry.{key}")


def _print_rules(ledger: Kirjuri, rules: authority.Rules, known: int) -> None:
    """The rules in force (and whose they are), then every adoption up to ``known``, oldest first."""
    history = [(record, usable) for record, usable in ledger.rules_history() if record.seq <= known]
    if history:
        record = history[-1][0]
        out.print(cli_said("rules.adopted", adoption=_adoption(record)), markup=False, soft_wrap=True)
    elif ledger.rules_of is not None:
        out.print(cli_said("rules.file"), markup=False)
    else:
        out.print(cli_said("rules.minimum"), markup=False)
    _print_entries_and_history(ledger, rules, known)


def _print_entries_and_history(ledger: Kirjuri, rules: authority.Rules, known: int) -> None:
    """Each entry of ``rules``, then every adoption up to ``known``, oldest first."""
    history = [(record, usable) for record, usable in ledger.rules_history() if record.seq <= known]
    entries = [(key, _entry(key), value) for key, value in _rules_entries(rules)]
    width = max(len(label) for key, label, _value in entries if not key.startswith("actions."))
    for key, label, value in entries:
        if not key.startswith("actions."):
            out.print(f"  {label:<{width}}  {shown(value)}", markup=False, soft_wrap=True)
    _print_checks(rules, [(key.removeprefix("actions."), label, value) for key, label, value in entries
                          if key.startswith("actions.")])
    out.print("\n" + cli_said("rules.history", count=len(history)), markup=False)
    for record, usable in history:
        unusable = "" if usable is not None else "  " + cli_said("rules.unusable")
        out.print(f"  {_adoption(record)}{unusable}", markup=False, soft_wrap=True)


def _print_checks(rules: authority.Rules, checks: list[tuple[str, str, str]]) -> None:
    """What each check does, then what it finds, in words: "varoittaa  sitovan määrärahan ylitys"; a warning ends
    in the code ``--confirm`` takes to write the change all the same, the one place a clerk types it."""
    out.print("\n" + cli_said("rules.checks"), markup=False)
    width = max(len(action) for _code, _label, action in checks)
    for code, label, action in checks:
        confirm = " " + cli_said("rules.confirm", code=code) if rules.action(code) == "warn" else ""
        _print_folded(f"{action:<{width}}  {label}{confirm}", "  ")


def _adoption(record) -> str:
    """An adoption in one line: its decision, from when, where and when it was recorded, by whom, its digest."""
    event = record.event
    cited = format_decision(event.decision, language()) if event.decision is not None else "–"
    return cli_said("rules.adoption", decision=shown(cited), date=formats.date(event.effective), seq=record.seq,
                    moment=formats.moment(event.recorded_at), author=shown(event.author), digest=event.digest[:16])


def _print_rules_change(before: authority.Rules, after: authority.Rules) -> None:
    """What adopting ``after`` changes in the rules in force: each entry that differs, before → after."""
    was = dict(_rules_entries(before))
    changed = [(key, was.get(key, "–"), value) for key, value in _rules_entries(after) if was.get(key) != value]
    out.print(cli_said("rules.changes", count=len(changed)), markup=False)
    for key, old, new in changed:
        out.print(f"  {_entry(key)}: {shown(old)} → {shown(new)}", markup=False, soft_wrap=True)


def _print_verification(report, output: Path | None) -> None:
    """The report on the terminal in the language asked for, else English as always (as ``verify -o``)."""
    lang = _cli_language()

    def said(key: str, **fields: object) -> str:
        return verification.said(key, lang, **fields)

    verdict = f"[green]{said('verify.passed')}[/green]" if report.passed else f"[red bold]{said('verify.failed')}[/red bold]"
    out.print(f"[bold]kirjuri verify[/bold] #{report.seq} {_markup(report.head)}: {verdict}")
    table = Table(box=None, pad_edge=False)
    for name in ("check", "result", "what", "scope"):
        table.add_column(said(f"verify.{name}").lower() if lang == "en" else said(f"verify.{name}"), overflow="fold")
    for check in report.checks:
        result = (f"[green]{said('verify.pass')}[/green]" if check.passed
                  else f"[red]{said('verify.fail', count=len(check.findings))}[/red]")
        title, scope = verification.check_said(check, lang)
        table.add_row(_markup(_check_name(check.name, lang)), result, _markup(title), _markup(scope))
    out.print(table)
    for check in report.checks:
        _print_findings(check.name, check.findings, said("verify.findings", check=_markup(_check_name(check.name, lang)),
                                                         count=len(check.findings)), lang)
    for check in report.checks:
        _print_findings(check.name, check.confirmed, said("verify.confirmed", check=_markup(_check_name(check.name, lang)),
                                                          count=len(check.confirmed)), lang)
    if output is not None:
        out.print("\n" + cli_said("verify.written", lang, file=output), markup=False)


def _check_name(name: str, lang: str) -> str:
    """A check as the terminal names it, as the report for the minutes does (``verification.check_name``)."""
    return verification.check_name(name, lang)


#: an event kind as the diff names it, from the one vocabulary
#: what `kirjuri diff -o` writes, by suffix
DIFF_SUFFIXES = (".csv", ".md")
#: the columns of `kirjuri diff -o`, each a message ``diff_file.<name>`` of the CLI's texts
_DIFF_COLUMNS = ("year", "unit", "account", "column", "before", "after", "change", "event", "kind", "decision",
                 "share")


def _print_findings(name: str, findings, heading: str, lang: str) -> None:
    """A check's findings (or its confirmed warnings) under ``heading``, one line each with the event they
    concern, in ``lang``."""
    if not findings:
        return
    out.print(f"\n[bold]{heading}[/bold]")
    for f in findings:
        where = "" if f.seq is None else f"#{f.seq} "
        _print_folded(f"{where}{shown(f.event_id)} {shown(verification.finding_said(f, lang))}".rstrip(), "  ")


def binding_diff(since: str, upto: str, output: Path | None, rules_file: Path | None, force: bool) -> None:
    """`kirjuri diff --from REF [--to REF]`: the binding appropriations' figures that changed between two
    points, before, after, change, and the events that explain each (their share of the change)."""
    with _failing():
        if output is not None and output.suffix.lower() not in DIFF_SUFFIXES:
            raise Rejected("output", str(output), "output.diff_suffix")
        _checked_output(output, force)
        ledger = _open(rules=rules_file)
        found = ledger.read(figure_diff, ledger.rules_in_force(), since, upto)
        records = ledger.records(found.seqs)
        lang = language()
        rows = [_diff_header(lang), *_diff_rows(found, records, lang)]
        if output is not None:
            text = _diff_csv(rows) if output.suffix.lower() == ".csv" else _diff_markdown(rows)
            write_atomic(output, lambda out: out.write(text), force=force, protect=_guarded())
    _print_diff(found, records, output)


def _diff_header(lang: str) -> list[str]:
    """The file's header row in ``lang`` (vuosi, yksikkö … / år, enhet …)."""
    return [cli_said(f"diff_file.{name}", lang) for name in _DIFF_COLUMNS]


def _diff_rows(found: Diff, records: dict, lang: str) -> list[list[str]]:
    """One row per change and event explaining it: the figure, before, after, change, and the event's share;
    the account, column and kind in ``lang``'s words, codes and decisions as recorded (cited the language's way)."""
    rows = []
    for change in found.changes:
        figure = [str(change.year), change.node, vocabulary.account_label(change.account, lang),
                  column_label(change.column, lang), _eur(change.before), _eur(change.after), _eur(change.delta)]
        for cause in change.causes:
            event = records[cause.seq].event
            decision = format_decision(event.decision, lang) if event.decision else ""
            kind = vocabulary.KINDS[_tag(event)].said(lang)
            rows.append([shown(text) for text in figure + [f"#{cause.seq}", kind, decision, _eur(cause.delta)]])
    return rows


def _tag(event) -> str:
    return event.__struct_config__.tag


def _diff_csv(rows: list[list[str]]) -> str:
    """The header row and the rows, ";"-separated."""
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=";").writerows(rows)
    return text.getvalue()


def _diff_markdown(rows: list[list[str]]) -> str:
    """The header row as the table's head, then the rows."""
    header, *body = rows
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in body]
    return "\n".join(lines) + "\n"


def _print_diff(found: Diff, records: dict, output: Path | None) -> None:
    """The changed binding figures and the events behind them, in the language asked for (Finnish by default)."""
    lang = language()
    out.print(f"[bold]kirjuri diff[/bold] #{found.since} → #{found.upto}: "
              + _markup(cli_said("committee_diff.summary", lang, changes=len(found.changes),
                                 events=cli_said("committee_diff.event_count", lang, count=len(found.seqs)))),
              highlight=False)
    if found.changes:
        table = Table(box=None, pad_edge=False)
        table.add_column(cli_said("committee_diff.where", lang), overflow="fold")
        for name in ("before", "after", "change"):
            table.add_column(cli_said(f"committee_diff.{name}", lang), justify="right", no_wrap=True)
        table.add_column(cli_said("committee_diff.events", lang), overflow="fold")
        for change in found.changes:
            account = vocabulary.account_label(change.account, lang)
            where = f"{change.year} {change.node} {account} {column_label(change.column, lang)}"
            table.add_row(_markup(where), _eur(change.before) or "–", _eur(change.after) or "–", _eur(change.delta),
                          " ".join(f"#{cause.seq}" for cause in change.causes))
        out.print(table)
        for seq in found.seqs:
            event = records[seq].event
            label = vocabulary.KINDS[_tag(event)].said(lang) + (f" {event.year}" if hasattr(event, "year") else "")
            decision = f" · {format_decision(event.decision, lang)}" if event.decision else ""
            out.print(f"  #{seq} {shown(label + decision)}", markup=False, highlight=False)
    if output is not None:
        out.print("\n" + cli_said("committee_diff.written", lang, file=output), markup=False)
