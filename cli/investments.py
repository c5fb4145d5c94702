"""Investment projects and carry-over (issue 17): `kirjuri project open|change|close|show`, `kirjuri carry`
and `kirjuri report projects`.

Each write says what it would change (before → after, as the forms' preview) and then writes it, or
with --dry-run only says it. The body that may decide it and, for a carry-over, its deadline come from
the rules of authority (--rules FILE, default kuntalaki's minimum: the valtuusto), checked before
anything is written (``ledger.audit.policy``, as for every change).
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from cli.reports import report_app
from cli.common import (
    EFFECTIVE_HELP, _based_on, _cell_text, _cli_language, _confirm_opt, _date, _decision, _effective, _eur,
    _failing, _lines, _markup, _open, _point, _written, cli_said, column_label, out,
)
from events import accounts
from events.model import Event
from ledger.app import Kirjuri
from ledger.audit.findings import say
from ledger.domain import forms, vocabulary
from ledger.domain.money import format_amount
from ledger.domain.refusals import Rejected
from ledger.domain.text import shown
from ledger.fold import investments as inv
from ledger.fold.vertailu import vertailu

app = typer.Typer()
project_app = typer.Typer(help="Open, change, close and show investment projects (investointiosa).",
                          no_args_is_help=True)
app.add_typer(project_app, name="project")


def _rules_opt():
    return typer.Option(None, "--rules", exists=True, dir_okay=False,
                        help="The municipality's rules of authority (TOML): which body may decide it, and a "
                             "carry-over's deadline. Default: kuntalaki's minimum (the valtuusto)")


def _dry_run_opt():
    return typer.Option(False, "--dry-run", help="Only show what it would change; write nothing")


def _decision_opt(example: str | None = None):
    return typer.Option(None, "--decision", help=f"e.g. '{example}'" if example else None)


def _effective_opt(text: str | None = None):
    return typer.Option(None, "--effective", help=f"{text}; {EFFECTIVE_HELP}" if text else EFFECTIVE_HELP)


def _note_opt():
    return typer.Option("", "--note")


def _key_opt():
    return typer.Option(None, "--key", metavar="TEXT", help="Idempotency key, stored as the id")


def _year_opt(flag: str, required: bool):
    """``--first-year`` / ``--last-year``: required when a project opens; in a change, not given stays."""
    return typer.Option(... if required else None, flag)


def _as_of_opt():
    return typer.Option(None, "--as-of")


def _known_at_opt():
    return typer.Option(None, "--known-at")


def _estimate(text: str | None) -> int | None:
    """The cost estimate as typed ('5 000 000'): a cost, so a positive amount."""
    return None if text is None else forms.amount(text, "cost_estimate")


def _write(ledger: Kirjuri, event: Event, dry_run: bool, based_on: int | None = None) -> None:
    """Preview (the rules, and the rules of authority the ledger judges by, checked first), then, unless
    ``dry_run``, write."""
    _print_preview(ledger, event)
    if dry_run:
        out.print(cli_said("dry_run"), markup=False)
        return
    _written(ledger, ledger.submit(event, based_on=based_on)[0].seq)


def _print_preview(ledger: Kirjuri, event: Event) -> None:
    """What the event changes, before → after (``Kirjuri.preview``: the rules checked first)."""
    shown_preview, lang = ledger.preview(event), _cli_language()
    named = {account for line in getattr(event, "lines", ()) for account in accounts.ancestors(line.account)}
    for line in shown_preview.lines:
        if line.account in named and line.column == "TA+MUUTOS":
            account = vocabulary.account_label(line.account, lang)
            out.print(f"  {shown(line.node)} {shown(account)} {shown(column_label(line.column, lang))} "
                      f"{shown_preview.year}: {_eur(line.before) or '–'} → {_eur(line.after) or '–'}", markup=False)
    for line in getattr(event, "lines", ()) if hasattr(event, "from_year") and hasattr(event, "to_year") else ():
        cells = vertailu(ledger.state, event.from_year, line.unit).line(line.account)
        if cells.unused is not None:
            out.print(cli_said("carry.unused", lang, unit=shown(line.unit), account=vocabulary.account_label(line.account, lang),
                               year=event.from_year, before=_eur(cells.unused), after=_eur(cells.unused - line.amount)),
                      markup=False)


# --- projects -----------------------------------------------------------------------------------


@project_app.command("open")
def project_open(
    code: str, name: str,
    group: str = typer.Option(..., "--group", help="The project group: a unit of the investointi part or a project"),
    unit: str = typer.Option(..., "--unit", help="The responsible unit"),
    estimate: str = typer.Option(..., "--estimate", help="Total cost estimate (kustannusarvio), e.g. '5 000 000'"),
    first_year: int = _year_opt("--first-year", required=True),
    last_year: int = _year_opt("--last-year", required=True),
    effective: Optional[str] = _effective_opt("From when the project exists, e.g. 1.1.2026"),
    decision: Optional[str] = _decision_opt("KV 9.12.2025 § 80"),
    note: str = _note_opt(),
    key: Optional[str] = _key_opt(),
    rules_file: Optional[Path] = _rules_opt(),
    dry_run: bool = _dry_run_opt(),
    confirm: Optional[List[str]] = _confirm_opt(),
) -> None:
    """Open an investment project; its menot and tulot per year are recorded with its code as the unit."""
    with _failing():
        ledger = _open(rules=rules_file, confirm=confirm)
        chosen = _decision(decision)
        event = ledger.project_opening(code, name, group=group, unit=unit, cost_estimate=_estimate(estimate),
                                       first_year=first_year, last_year=last_year,
                                       effective=_effective(effective, chosen, "ProjectOpened"), decision=chosen,
                                       note=note, key=key)
        _write(ledger, event, dry_run)


@project_app.command("change")
def project_change(
    code: str,
    name: Optional[str] = typer.Option(None, "--name"),
    group: Optional[str] = typer.Option(None, "--group", help="Its new project group"),
    estimate: Optional[str] = typer.Option(None, "--estimate", help="Its new total cost estimate"),
    first_year: Optional[int] = _year_opt("--first-year", required=False),
    last_year: Optional[int] = _year_opt("--last-year", required=False),
    effective: Optional[str] = _effective_opt(),
    decision: Optional[str] = _decision_opt(),
    note: str = _note_opt(),
    key: Optional[str] = _key_opt(),
    rules_file: Optional[Path] = _rules_opt(),
    dry_run: bool = _dry_run_opt(),
    confirm: Optional[List[str]] = _confirm_opt(),
) -> None:
    """Change a project's name, group, cost estimate or years (what is not given stays)."""
    with _failing():
        ledger = _open(rules=rules_file, confirm=confirm)
        chosen = _decision(decision)
        event = ledger.project_change(code, effective=_effective(effective, chosen, "ProjectChanged"), decision=chosen,
                                      name=name, group=group, cost_estimate=_estimate(estimate),
                                      first_year=first_year, last_year=last_year, note=note, key=key)
        _write(ledger, event, dry_run)


@project_app.command("close")
def project_close(
    code: str,
    effective: Optional[str] = _effective_opt(),
    decision: Optional[str] = _decision_opt(),
    note: str = _note_opt(),
    rules_file: Optional[Path] = _rules_opt(),
    dry_run: bool = _dry_run_opt(),
    confirm: Optional[List[str]] = _confirm_opt(),
) -> None:
    """Close a project from a date on (its figures stay in history)."""
    with _failing():
        ledger = _open(rules=rules_file, confirm=confirm)
        chosen = _decision(decision)
        event = ledger.project_closing(code, effective=_effective(effective, chosen, "ProjectClosed"), decision=chosen,
                                       note=note)
        _write(ledger, event, dry_run)


@project_app.command("show")
def project_show(
    code: str,
    as_of: Optional[str] = _as_of_opt(),
    known_at: Optional[str] = _known_at_opt(),
) -> None:
    """A project's years (TA, TA+muutos, toteutuma, carried on) and its cost estimate against them."""
    with _failing():
        ledger = _open()
        if not inv.is_project(ledger.state, code):
            raise Rejected("code", code, "project.unknown")
        print_project(inv.project_view(ledger.state, code, _point(as_of, known_at)))


def print_project(view: inv.ProjectView) -> None:
    """The project's heading, a row per year, and the estimate against the years' appropriations."""
    lang = _cli_language()
    closed = "  " + cli_said("project.view_closed", lang) if view.closed else ""
    out.print(f"[bold]{_markup(view.code)} {_markup(view.name)}[/bold]  " + _markup(cli_said(
        "project.heading", lang, group=view.group or "–", unit=view.unit, first=view.first_year, last=view.last_year))
        + _markup(closed))
    headers = [cli_said("project.year", lang), column_label("TA", lang), column_label("MUUTOS", lang),
               column_label("TA+MUUTOS", lang), column_label("TOTEUMA", lang), column_label("SIIRTO", lang),
               cli_said("project.revenue", lang, column=column_label("TA+MUUTOS", lang)),
               cli_said("project.appropriated", lang)]
    rows = [[str(y.year), _eur(y.menot.ta), _eur(y.menot.muutos), _eur(y.menot.ta_muutos), _eur(y.menot.toteutuma),
             _eur(y.menot.carried), _eur(y.tulot.ta_muutos), _eur(y.appropriated)] for y in view.years]
    for table in stacked(headers, rows, keys=1, width=out.width, title=None, amounts=range(1, len(headers))):
        out.print(table)
    estimate = format_amount(view.cost_estimate, decimals=0) if view.cost_estimate else "–"  # 0: none recorded
    out.print(cli_said("project.view_estimate", lang, estimate=estimate,
                       appropriated=format_amount(view.appropriated, decimals=0)), markup=False)
    for y in (y for y in view.years if y.stated):
        figures = ", ".join(f"{column_label(c, lang)} {_eur(v)}" for c, v in y.stated)
        out.print(cli_said("project.stated", lang, year=y.year, figures=figures, group=view.group or "–"), markup=False)
    if view.finding is not None:
        out.print(cli_said("project.finding", lang, what=shown(say(view.finding, lang))), markup=False)


def stacked(headers: list[str], rows: list[list], keys: int, width: int, title: str | None,
            amounts: range = range(0)) -> list[Table]:
    """The table as tables no wider than ``width``, its first ``keys`` columns in each: the other columns
    are split over them, never a number or a code cut (a name or a heading folds instead). The columns
    ``amounts`` holds are money, right-aligned as every amount is so that digits line up."""
    def wide(k: int) -> int:
        return max([len(str(row[k])) for row in rows] + [max(map(len, headers[k].split()), default=0)]) + 3
    budget = sum(wide(k) for k in range(keys)) + 1
    chunks: list[list[int]] = [[]]
    for k in range(keys, len(headers)):
        if chunks[-1] and budget + sum(wide(i) for i in chunks[-1]) + wide(k) > width:
            chunks.append([])
        chunks[-1].append(k)
    tables = []
    for n, chunk in enumerate(chunks):
        table = Table(*(headers[k] for k in range(keys)), *(headers[k] for k in chunk),
                      title=title if n == 0 else None, title_justify="left")
        for row in rows:
            table.add_row(*row[:keys], *(row[k] for k in chunk))
        for column, k in zip(table.columns, [*range(keys), *chunk], strict=True):
            column.min_width = max((len(str(row[k])) for row in rows), default=0) if k != 1 or keys == 1 else None
            column.justify = "right" if k in amounts else "left"
        tables.append(table)
    return tables


# --- carry-over ---------------------------------------------------------------------------------


@app.command()
def carry(
    from_year: int = typer.Option(..., "--from-year", help="The year whose unused appropriations are carried"),
    to_year: int = typer.Option(..., "--to-year", help="The next year, whose TA-muutokset they become"),
    line: List[str] = typer.Option(..., "--line", help="UNIT:ACCOUNT=AMOUNT carried, signed as the appropriation "
                                                       "(a cost negative), e.g. '5000:Investointimenot=-150 000'"),
    decision: Optional[str] = _decision_opt("KV 15.2.2026 § 9"),
    effective: Optional[str] = typer.Option(None, "--effective",
                                            help="Default: the later of 1.1. of --to-year and the decision"),
    note: str = _note_opt(),
    based_on: Optional[str] = typer.Option(None, "--based-on", metavar="SEQ",
                                           help="The ledger position your figures were read at"),
    key: Optional[str] = _key_opt(),
    rules_file: Optional[Path] = _rules_opt(),
    dry_run: bool = _dry_run_opt(),
    confirm: Optional[List[str]] = _confirm_opt(),
) -> None:
    """Carry unused appropriations (määrärahojen siirto, uudelleenbudjetointi) to the next year."""
    with _failing():
        ledger = _open(rules=rules_file, confirm=confirm)
        event = ledger.carry_over(from_year, to_year, _lines(line), decision=_decision(decision),
                                  effective=_date(effective, "effective"), note=note, key=key)
        _write(ledger, event, dry_run, _based_on(based_on))



@report_app.command("projects")
def report_projects(
    as_of: Optional[str] = _as_of_opt(),
    known_at: Optional[str] = _known_at_opt(),
) -> None:
    """Every investment project: its years, cost estimate and the appropriations over its years; a project
    whose years' appropriations exceed its estimate is a finding under the table."""
    with _failing():
        ledger = _open()
        point = _point(as_of, known_at)
        views = inv.projects(ledger.state, point)
        lang = _cli_language()
        headers = [cli_said(f"projects.{name}", lang) for name in ("project", "name", "group", "unit", "years",
                                                                   "estimate", "appropriated", "over")]
        rows = [[_cell_text(view.code), _cell_text(view.name), _cell_text(view.group or "–"), _cell_text(view.unit),
                 f"{view.first_year}–{view.last_year}", _eur(view.cost_estimate) if view.cost_estimate else "–",
                 _eur(view.appropriated),
                 _eur(view.over)] for view in views]
        for table in stacked(headers, rows, keys=2, width=out.width, title=cli_said("projects.title", lang),
                             amounts=range(5, len(headers))):
            out.print(table)
        for view in views:
            if view.finding is not None:
                out.print(cli_said("project.finding", lang, what=shown(say(view.finding, lang))), markup=False)


__all__ = ["app", "print_project", "project_app", "stacked"]
