"""`kirjuri report`: the budget books' own tables (units, määrärahat, käyttötalous, half-year,
toteutumisvertailu) in the terminal or as .csv / .xlsx / .md, and the year as a Fiscal Data Package.

The tables' module (and openpyxl with it) is imported by the report that runs, not by the
UI's start: each function that needs it says so in its first line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.text import Text

from cli.common import (
    _checked_output, _cli_language, _describe, _failing, _force_opt, _guarded, _known_unit, _open, _point, cli_said,
    err, out,
)
from ledger.app import Kirjuri
from ledger.domain.rules import Rejected
from ledger.domain.text import shown
from ledger.fold import projections as pj

if TYPE_CHECKING:
    from ledger.reports import tables as rp

app = typer.Typer()
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
    from ledger.reports import tables as rp

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
    from ledger.reports import tables as rp

    lines = rp.LINE_SETS.get(text.strip().casefold())
    if lines is None:
        raise Rejected("lines", text, "choice.unknown", choices=tuple(rp.LINE_SETS))
    return lines


def _report_columns(ledger: Kirjuri, text: str | None) -> list[tuple[str, int]]:
    from ledger.reports import tables as rp

    return rp.parse_columns(text) if text is not None else rp.default_columns(rp.fiscal_year(ledger.state, None))


def _report_out(report: rp.Report, output: Path | None, point: pj.Point, force: bool,
                structure: int | None = None) -> None:
    """A file in the format its suffix names, or the terminal: title and basis on lines of their own, always.
    Every word Kirjuri writes (the title, the headings, the accounts' rows, the totals, the basis, the findings)
    in the language asked for, as the minutes' other report (`verify -o`); what the user recorded (a unit's
    name, a decision as cited) as it was recorded."""
    from ledger.reports import tables as rp

    lang = _cli_language()
    report = _said(report, structure, lang)
    if output is not None:
        rp.write(report, output, force=force, protect=_guarded())
        err.print(cli_said("report.wrote", lang, file=shown(str(output)), title=shown(report.title),
                           basis=report.basis), markup=False)
        for note in report.notes:
            err.print(Text(cli_said("report.finding", lang, finding=note)), soft_wrap=True)
        return
    out.print(Text(shown(report.title), style="bold"), soft_wrap=True)
    out.print(Text(report.basis), soft_wrap=True)
    if point != pj.Point():
        out.print(Text(cli_said("report.figures", lang, point=_describe(point, lang))), soft_wrap=True)
    for table in rp.rich_tables(report, out.width):
        out.print(table)
    for note in report.notes:
        out.print(Text(cli_said("report.finding", lang, finding=note)), soft_wrap=True)


def _said(report: rp.Report, structure: int | None, lang: str) -> rp.Report:
    """The report in ``lang``: its own words (``tables.in_language``), its basis and findings; the basis and the
    findings in English as the tables made them."""
    from dataclasses import replace

    from ledger.audit import findings
    from ledger.reports import tables as rp

    report = rp.in_language(report, lang)
    if lang == "en":
        return report
    basis = (cli_said("report.published", lang) if structure is None
             else cli_said("report.restated", lang, year=structure))
    if rp.STATED in report.basis:
        basis += cli_said("report.stated", lang, columns=report.basis.split(rp.STATED, 1)[1])
    notes = tuple(findings.say(note.finding, lang) if isinstance(note, rp.Note) else note for note in report.notes)
    return replace(report, basis=basis, notes=notes)


@report_app.command("units")
def report_units(
    node: str = _node_arg(), columns: Optional[str] = _columns_opt(), restated: Optional[int] = _restated_opt(),
    lines: str = _lines_opt(), as_of: Optional[str] = _as_of_opt(), known_at: Optional[str] = _known_at_opt(),
    output: Optional[Path] = _output_opt(), force: bool = _force_opt(),
) -> None:
    """The käyttösuunnitelma's unit table: each unit's lines, each vastuualue's and the node's totals."""
    from ledger.reports import tables as rp

    with _failing():
        ledger, code, point = _report_start(node, output, restated, as_of, known_at, force)
        report = rp.unit_block(ledger.state, code, _report_columns(ledger, columns), point, restated,
                               lines=_line_set(lines))
        _report_out(report, output, point, force, restated)


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
    from ledger.reports import tables as rp

    with _failing():
        if change not in ("magnitude", "signed"):
            raise Rejected("change", change, "choice.either", first="magnitude", second="signed")
        ledger, code, point = _report_start(node, output, restated, as_of, known_at, force)
        if before is not None and before not in ledger.state.units:
            raise Rejected("before", before, "unit.unknown_see_units")
        year = rp.fiscal_year(ledger.state, year)
        report = rp.maararahat(ledger.state, code, year, point, change=change, structure=restated,
                               before_node=before)
        _report_out(report, output, point, force, restated)


@report_app.command("kayttotalous")
def report_kayttotalous(
    node: str = _node_arg(), columns: Optional[str] = _columns_opt(), restated: Optional[int] = _restated_opt(),
    as_of: Optional[str] = _as_of_opt(), known_at: Optional[str] = _known_at_opt(),
    output: Optional[Path] = _output_opt(), force: bool = _force_opt(),
) -> None:
    """Käyttötalous by account (TOIMINTATUOTOT, TOIMINTAKULUT, TOIMINTAKATE), as the book stated it where it did."""
    from ledger.reports import tables as rp

    with _failing():
        ledger, code, point = _report_start(node, output, restated, as_of, known_at, force)
        report = rp.kayttotalous(ledger.state, code, _report_columns(ledger, columns), point, structure=restated)
        _report_out(report, output, point, force, restated)


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
    from ledger.reports import tables as rp

    with _failing():
        ledger, code, point = _report_start(node, output, restated, as_of, known_at, force)
        label = period if period is not None else f"01-06/{rp.fiscal_year(ledger.state, year)}"
        end = rp.period_end(label)
        year = rp.fiscal_year(ledger.state, end.year if year is None else year)
        if end.year != year:
            raise Rejected("period", label, "period.outside_fiscal_year", year=year)
        point = point if point.on is not None else pj.Point(end, point.known_at)
        report = rp.half_year(ledger.state, code, year, label, point, _line_set(lines), structure=restated)
        _report_out(report, output, point, force, restated)


@report_app.command("toteutumisvertailu")
def report_toteutumisvertailu(
    node: str = _node_arg(), year: Optional[int] = _year_opt(), restated: Optional[int] = _restated_opt(),
    lines: str = _lines_opt(), as_of: Optional[str] = _as_of_opt(), known_at: Optional[str] = _known_at_opt(),
    output: Optional[Path] = _output_opt(), force: bool = _force_opt(),
) -> None:
    """Talousarvion toteutumisvertailu (kuntalaki § 113): TA, changes, TA after them, actuals and the deviation."""
    from ledger.reports import tables as rp

    with _failing():
        ledger, code, point = _report_start(node, output, restated, as_of, known_at, force)
        report = rp.toteutumisvertailu(ledger.state, code, rp.fiscal_year(ledger.state, year), point,
                                       lines=_line_set(lines), structure=restated)
        _report_out(report, output, point, force, restated)


@report_app.command("fdp")
def report_fdp(
    year: Optional[int] = _year_opt(),
    output: Path = typer.Option(..., "--output", "-o", help="Directory to write datapackage.json and the CSV to "
                                                            "(or a .json path for the descriptor)"),
    as_of: Optional[str] = _as_of_opt(), known_at: Optional[str] = _known_at_opt(),
    force: bool = typer.Option(False, "--force", help="Replace datapackage.json and the CSV if they exist"),
) -> None:
    """The year as a Fiscal Data Package (OpenSpending): each unit's own figures per account, no rollups."""
    from ledger.reports import tables as rp

    with _failing():
        ledger = _open()
        point = _point(as_of, known_at)
        year = rp.fiscal_year(ledger.state, year)
        descriptor = rp.fiscal_data_package(ledger.state, year, output, point, force=force, protect=_guarded())
        err.print(cli_said("fdp.written", _cli_language(), year=year, file=descriptor), markup=False)


# --- s23-parts ---


@report_app.command("parts")
def report_parts(
    year: Optional[int] = _year_opt(), as_of: Optional[str] = _as_of_opt(), known_at: Optional[str] = _known_at_opt(),
    output: Optional[Path] = _output_opt(), force: bool = _force_opt(),
) -> None:
    """The tuloslaskelma-, investointi- and rahoitusosa against their toteutuma; the projects under the
    investointiosa, carry-overs as SIIRTO."""
    from ledger.reports import tables as rp

    with _failing():
        if output is not None:
            rp.writer_for(output)
            _checked_output(output, force)
        ledger, point = _open(), _point(as_of, known_at)
        report = rp.parts(ledger.state, rp.fiscal_year(ledger.state, year), point)
        _report_out(report, output, point, force)
