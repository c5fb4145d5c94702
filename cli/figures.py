"""The commands that read the figures: a unit's table, the organisation, a unit's history, what
changed between two points in time, and every figure as a long table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table
from rich.text import Text

from cli.common import (
    _cell_text, _cli_language, _describe, _eur, _failing, _force_opt, _guarded, _known_unit, _markup, _open,
    _point, cli_said, column_label, err, language, out,
)
from cli import committee
from cli.investments import print_project
from cli.trail import _print_event, level_word
from events.model import EntryReversed
from ledger.domain import formats, vocabulary
from ledger.domain.rules import Rejected
from ledger.domain.text import shown
from ledger.fold import investments, parts
from ledger.fold import projections as pj
from ledger.fold.state import LedgerState
from ledger.reports.output import check_output

app = typer.Typer()


def _print_title(head: str, joint: str, when: str) -> None:
    """A table's title as a line of its own, as wide as the terminal: a table's own title wraps at the table's
    width, mid-time ("tiedossa 1.2.2026" / "23:59:59"). Where it does not fit, the point in time (``when``)
    goes whole on a line of its own."""
    whole = f"{head}{joint}{when}"
    out.print(whole if Text.from_markup(whole).cell_len <= out.width else f"{head}\n{when}", highlight=False)


def _figures_tables(state: LedgerState, rows: list[pj.Row], detail: bool, width: int,
                    lang: str = "fi") -> list[Table]:
    """The figures as tables no wider than ``width``, headed in ``lang``: the columns are split, never a number cut.
    Each node's lines are the figures pane's (``parts.node_lines``); without ``detail`` a unit's MENOT / TULOT /
    NETTOMENO only."""
    labels = {column: column_label(column, lang) for column in pj.COLUMNS}
    used = [c for c in pj.COLUMNS if any(r.figures.value(a, c) is not None for r in rows for a in r.figures.accounts())]
    body: list[tuple[str, list[str]]] = []
    for row in rows:
        names = parts.node_lines(state, row.code, row.figures)
        if not detail and not investments.is_project(state, row.code):
            names = [a for a in names if a in pj.MAIN_ACCOUNTS]
        body.append((f"[bold]{_markup(row.code)} {_markup(row.name)}[/bold]", [""] * len(used)))
        for account in names:
            stated = _stated_rows(row.figures, account, used, lang)
            body.append(("  " + _markup(vocabulary.account_label(account, lang)), [
                formats.percent(row.figures.percent(account)) if c == "TOTEUMA-%"
                else _exact(row.figures.get(account, c)) if stated else _eur(row.figures.get(account, c))
                for c in used
            ]))
            body += stated
    widths = [max([len(labels[c])] + [len(cells[k]) for _, cells in body]) + 3 for k, c in enumerate(used)]
    # a long unit name folds onto a second line rather than squeeze a number or push a column into
    # a table of its own: the label column leaves room for every column, down to 24 characters
    label_w = min(max([len(Text.from_markup(label).plain) for label, _ in body] + [14]) + 3,
                  max(24, width - sum(widths) - 1))
    chunks: list[list[int]] = [[]]
    for k, w in enumerate(widths):
        if chunks[-1] and label_w + sum(widths[i] for i in chunks[-1]) + w + 1 > width:
            chunks.append([])
        chunks[-1].append(k)
    tables = []
    for n, chunk in enumerate(chunks):
        table = Table(pad_edge=False)
        table.add_column(cli_said("show.label", lang), max_width=label_w - 3, overflow="fold")
        for k in chunk:
            table.add_column(labels[used[k]], justify="right", no_wrap=True, min_width=widths[k] - 3)
        for label, cells in body:
            table.add_row(label, *[cells[k] for k in chunk])
        tables.append(table)
    return tables


def _stated_rows(figures: pj.Figures, account: str, used: list[str], lang: str) -> list[tuple[str, list[str]]]:
    """Under a figure the book states and the account's lines do not sum to (``projections.book``, the figures
    pane's): what the lines sum to and the difference, in italics, in the columns where they differ. These and
    the book's figure above keep their cents (``_exact``): a gap under a euro must not read as 0, nor a sum as
    the figure it differs from."""
    if not any(figures.lines_of(account, c) is not None for c in used):
        return []
    return [(f"    [italic]{cli_said(key, lang)}[/italic]",
             ["" if c == "TOTEUMA-%" else _exact(value(account, c)) for c in used])
            for key, value in (("show.lines_sum", figures.lines_of), ("show.difference", figures.difference))]


def _exact(value: int | None) -> str:
    """An amount with its cents where it has some ("-890,60"), whole euros where it has none."""
    return "" if value is None else formats.amount(value)


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
        lang = language()
        _print_title(f"{_markup(rows[0].name)} ({_markup(code)}) — {year}", " — ", _describe(point, lang))
        for table in _figures_tables(ledger.state, rows, detail, out.width, lang):
            out.print(table)
        if investments.is_project(ledger.state, code):  # its years and cost estimate (issue 17)
            print_project(investments.project_view(ledger.state, code, point))


@app.command()
def units(
    year: int = typer.Option(dt.date.today().year, "--year", "-y"),
    as_of: Optional[str] = typer.Option(None, "--as-of"),
) -> None:
    """The organisation as it stood: kaupunki → toimiala → vastuualue → yksikkö."""
    with _failing():
        ledger = _open()
        point = _point(as_of, None)
        state, lang = ledger.state, language()
        for depth, code in pj.tree(state, year, None, point):
            closed = state.closed_on(code, state.seq)
            mark = "  " + cli_said("units.closed", date=formats.date(dt.date.fromordinal(closed))) if closed else ""
            level = level_word(state.units[code].level, lang)
            out.print(f"{'  ' * depth}{shown(code)}  {shown(state.name(code))}  [{shown(level)}]{mark}", markup=False)


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
        out.print(f"[bold]{cli_said('history.title', name=_markup(state.name(code)), code=_markup(code))}[/bold]")
        for seq in seqs:
            _print_event(ledger, records[seq], code, targets, stamps.get(seq))


@app.command()
def diff(
    unit: Optional[str] = typer.Argument(None, help="A unit: what differs for it in --year between two points in "
                                                    "time. Left out: the binding units between --from and --to"),
    year: Optional[int] = typer.Option(None, "--year", "-y"),
    from_as_of: Optional[str] = typer.Option(None, "--from-as-of"),
    from_known_at: Optional[str] = typer.Option(None, "--from-known-at"),
    to_as_of: Optional[str] = typer.Option(None, "--to-as-of"),
    to_known_at: Optional[str] = typer.Option(None, "--to-known-at"),
    since: Optional[str] = typer.Option(None, "--from", help="The committee's diff: the earlier point, an event "
                                        "(#162, or its id) or a moment ('15.6.2026 12:00'; a date: the end of that day)"),
    upto: str = typer.Option("", "--to", help="The later point, the same way (default: now)"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", dir_okay=False,
                                          help="With --from: also write every change and its events to .csv or .md"),
    rules_file: Optional[Path] = typer.Option(None, "--rules", exists=True, dir_okay=False,
                                              help="With --from: the rules (TOML) whose binding level is compared "
                                                   "(default: kuntalaki's minimum)"),
    force: bool = _force_opt(),
) -> None:
    """What differs for a unit between two points in time (each an as-of date and a known-at time); or, with
    --from and no unit, every binding appropriation's figure that changed between two points of the log and
    the events that explain it."""
    if unit is None:
        with _failing():
            if since is None:
                raise Rejected("from", "", "value.missing")
        committee.binding_diff(since, upto, output, rules_file, force)
        return
    with _failing():
        if since is not None or upto:
            raise Rejected("from", since or upto, "diff.unit_points")
        if year is None:
            raise Rejected("year", "", "value.missing")
        ledger = _open()
        code = _known_unit(ledger, unit)
        a = _point(from_as_of, from_known_at, "from-")
        b = _point(to_as_of, to_known_at, "to-")
        changes = pj.diff(ledger.state, year, code, a, b)
        lang = language()
        table = Table()
        for key, justify in (("account", "left"), ("column", "left"), ("before", "right"), ("after", "right"),
                             ("change", "right")):
            table.add_column(cli_said(f"diff.{key}", lang), justify=justify)
        for c in changes:
            table.add_row(_cell_text(vocabulary.account_label(c.account, lang)), column_label(c.column, lang),
                          _eur(c.before), _eur(c.after),
                          _eur(c.delta))
        if changes:
            _print_title(f"{_markup(ledger.state.name(code))} ({_markup(code)}) {year}", ": ",
                         f"{_describe(a, lang)} → {_describe(b, lang)}")
        out.print(table if changes else cli_said("diff.none", lang))


@app.command(name="export-figures")
def export_figures(file: Path = typer.Argument(..., dir_okay=False, help="The .csv or .xlsx file to write"),
                   force: bool = _force_opt()) -> None:
    """Every figure in force as a long table (CSV or XLSX), the format `kirjuri import` reads back."""
    from ledger.books import longformat  # openpyxl: loaded by the commands that write a table, not the UI's start

    with _failing():
        if file.suffix.lower() not in (".csv", ".xlsx"):
            raise Rejected("file", str(file), "output.figures_suffix")
        check_output(file, force=force, protect=_guarded(), field="file")
        ledger = _open()
        count = longformat.export_long(ledger.state, ledger.records, file, force=force, protect=_guarded())
        err.print(cli_said("export_figures.written", _cli_language(), count=count, file=shown(str(file))), markup=False)
