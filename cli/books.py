"""`kirjuri import`: a budget book's text, a long table, or actuals from the accounting system by a
mapping, previewed (a book with its own contradictions) and recorded with --apply.

The importers (and openpyxl, for .xlsx) are imported by the command, not by the UI's start.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.table import Table

from cli.minutes import import_minutes
from cli.common import (EXAMPLES, _refusal_line, _cli_language, _confirm_opt, _eur, _failing, _force_opt, _guarded, _markup, _open,
                        cli_said, out, print_scanned)
from events.model import ProjectOpened, UnitRegistered
from ledger.app import Kirjuri
from ledger.domain.citation import format_decision
from ledger.domain.money import format_amount, format_percent
from ledger.domain.refusals import field_said, why
from ledger.domain.rules import Rejected
from ledger.domain.text import shown
from ledger.domain import vocabulary
from ledger.locale.reason import Reason, said

app = typer.Typer()


@app.command(name="import")
def import_(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A budget book (.pdf or its text, .txt), or a long table (.csv / .xlsx)"),
    profile: Optional[Path] = typer.Option(None, "--profile", help="What the book does not say (TOML); default: FILE with .toml beside it, or examples/books/"),
    mapping: Optional[Path] = typer.Option(None, "--mapping", help="FILE is actuals from the accounting system "
                                           "(cost centre × account × period); this TOML maps them to units and accounts"),
    apply: bool = typer.Option(False, "--apply", help="Write the events; without it, only the preview"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every check, not only the contradictions"),
    listing: Optional[Path] = typer.Option(None, "--list", help="Write every line with figures that is not read (where, why, the line) to this file as TSV"),
    year: Optional[int] = typer.Option(None, "--year", help="The year of a tilinpäätös whose text does not name it"),
    confirm: Optional[List[str]] = _confirm_opt(),
    write_profile: Optional[Path] = typer.Option(None, "--write-profile", help="Write what the import assumed where "
                                                 "the book is silent (codes, levels, parents, decisions) as a profile "
                                                 "to edit and give back with --profile"),
    force: bool = _force_opt(),
) -> None:
    """Preview what a book, a long table or (with --mapping) actuals would record, and where a book disagrees
    with itself; --apply writes it."""
    from ledger.books import book as books
    from ledger.books import plan as import_plan

    with _failing():
        if write_profile is not None:
            _profile_writable(write_profile, force, file, profile)
        ledger = _open(confirm=confirm)
        if mapping is not None or file.suffix.lower() in (".csv", ".xlsx"):
            _no_profile_to_write(write_profile, file)
        if mapping is not None:
            _import_actuals(ledger, file, mapping, apply)
            return
        if file.suffix.lower() in (".csv", ".xlsx"):
            _import_long(ledger, file, apply)
            return
        statement = books.read_book(file)
        if not statement.figures and statement.text_lines and import_minutes(ledger, statement, apply, listing):
            return
        found = _profile_for(file, profile)
        if not statement.figures and _import_blocks(ledger, statement, import_plan.load_profile(found), year, apply,
                                                    listing, write_profile, force):
            return
        given = import_plan.load_profile(found)
        plan = import_plan.plan_import(ledger.state, statement, given, author=ledger.author, now=ledger.clock())
        _print_statement(statement, found, verbose)
        _print_unread(statement, listing)
        _print_plan(plan)
        import_plan.refuse_unknown_parents(ledger.state, plan.events)
        if statement.unread and not statement.figures:
            raise Rejected("file", file.name, "book.nothing_read", lines=len(statement.unread))
        if write_profile is not None:
            _write_profile(write_profile, force, statement, None, given.root and (given.root.code, given.root.name),
                           given.nodes, {**given.codes, **_slugged(plan)}, given)
        if apply and plan.events:
            ledger.submit(*plan.events)
            out.print(cli_said("import.recorded", count=len(plan.events), seq=ledger.state.seq))
        elif plan.events:
            _print_warnings(ledger, plan.events)
            out.print(cli_said("import.nothing"))


def _print_warnings(ledger: Kirjuri, events: list) -> None:
    """The warnings of the rules of authority --apply will ask the clerk to confirm (a book's KS past its TA, a
    tilinpäätös's overruns), each once, as --apply says them; a refusal no confirmation lifts is raised here, so the
    preview fails as --apply would. Writes nothing."""
    asked, given = [], ledger.confirm
    try:
        while True:
            try:
                ledger.check_all(events)
                break
            except Rejected as exc:
                if exc.code != "rule.warn" or exc.value in ledger.confirm:
                    raise
                asked.append(exc)
                ledger.confirm = ledger.confirm | {exc.value}
    finally:
        ledger.confirm = given
    for exc in asked:
        out.print(cli_said("import.will_ask", warning=_refusal_line(exc)), markup=False)


def _import_blocks(ledger: Kirjuri, statement, profile, year: int | None, apply: bool, listing: Path | None,
                   write_profile: Path | None = None, force: bool = False) -> bool:
    """A tilinpäätös's tulosalue blocks and its toteutumisvertailu tables by their columns (layouts the
    table readers do not know): previewed, and recorded with --apply. False when the book has neither,
    so the table readers' preview stands."""
    from ledger.books import blockplan, layoutplan
    from ledger.books.blocks import read_blocks
    from ledger.books.layout import budget_year, read_layout, read_text_layout
    from ledger.books.plan import refuse_unknown_parents

    reading = read_blocks(statement.lines)
    blocks_read = {c.line for c in reading.cells}
    try:
        known = blockplan.book_year(statement.lines, year, statement.source)
    except Rejected:
        known = None  # refused below only if the book has tables to record
    layout = (read_layout(statement.text_lines, skip=blocks_read, year=known, book=statement.book_lines)
              if statement.text_lines else read_text_layout(statement.lines, skip=blocks_read, year=known))
    if not reading.cells and not layout.cells:
        return False
    root = (profile.root.code, profile.root.name) if profile.root is not None else None
    given = year if year is not None or known is not None else budget_year(layout)  # a talousarvio's TA year
    book_year = blockplan.book_year(statement.lines, given, statement.source)
    root = blockplan.book_root(statement.lines, root)
    stamp = {"source": statement.source, "digest": statement.digest, "author": ledger.author, "now": ledger.clock()}
    plan = (blockplan.plan_blocks(ledger.state, reading, year=book_year, root=root, profile=profile, **stamp)
            if reading.cells else None)
    tables = layoutplan.plan_layout(ledger.state, layout, year=book_year, root=root, blocks=reading, profile=profile,
                                    planned_units={u.code for u in plan.units} if plan else set(), **stamp)
    listed = _tp_listed(statement, reading, layout, tables, blocks_read)
    out.print(f"[bold]{_markup(statement.source)}[/bold]  sha256 {statement.digest[:16]}…")
    print_scanned(statement)
    if reading.blocks:
        _print_blocks(statement, reading, book_year, year is None, listed)
    _print_layout(statement, reading, layout, tables, book_year, year is None)
    _print_city_checks(statement, layout, reading)
    _print_listed(statement, listed)
    if listing is not None:
        rows = ["where\tline\twhy\ttext"]
        rows += [f"{statement.place(u.line)}\t{u.line}\t{_tsv(u.why)}\t{_tsv(u.text)}" for u in listed]
        listing.write_text("\n".join(rows) + "\n", encoding="utf-8")
    events = (plan.events if plan else []) + tables.plan.events
    if plan is not None:
        plan.events, plan.already = events, plan.already + tables.plan.already
        plan.findings += tables.plan.findings
    _print_plan(plan or tables.plan)
    refuse_unknown_parents(ledger.state, events)
    if not events and not (plan or tables.plan).already and listed:
        raise Rejected("file", statement.source, "book.nothing_read", lines=len(listed))
    if write_profile is not None:
        from ledger.books import investplan

        nodes = {**(blockplan.organisation(reading, root, profile) if reading.cells else {}), **tables.units}
        placed = investplan.place(layout, root[0], profile.codes).values()
        groups = {p.group.name: p.group.code for p in placed if p.group is not None and p.account is not None}
        projects = {p.label: p.code for found in tables.lists.values() for p in found.projects.values()}
        projects |= {g.name: g.code for found in tables.lists.values() for g in found.totals}  # a budget's groups
        _write_profile(write_profile, force, statement, book_year, root, nodes,
                       {**profile.codes, **groups, **projects}, profile, tables.changes)
    if apply and events:
        ledger.submit(*events)
        out.print(cli_said("import.recorded", count=len(events), seq=ledger.state.seq))
    elif events:
        _print_warnings(ledger, events)
        out.print(cli_said("import.nothing"))
    return True


def _tp_listed(statement, reading, layout, tables, blocks_read: set[int]) -> list:
    """Every line with figures neither reader read, once, with the most specific why: the column
    reader's (it saw the line's columns) over the block reader's."""
    from ledger.books.blocks import Listed
    from ledger.books.layoutplan import LISTED

    # a line read but for one cell that fits no reading of its table is listed for that cell
    read = {s.line for s in tables.statuses if s.status != LISTED} - {item.line for item in layout.listed if item.role}
    read |= {n for t in layout.tables if t.confirmed for n in t.header_lines}
    read |= {n for t in layout.tables if t.confirmed for r in t.rows if not r.failed for n in r.wrapped}
    outside = Reason("unread.outside_tables")
    why: dict[int, str] = {item.line: item.why if reading.blocks else outside for item in reading.listed}
    why |= {item.line: item.why for item in layout.listed}
    why |= {s.line: s.why for s in tables.statuses if s.status == LISTED}
    return [Listed(n, statement.lines[n - 1].strip(), reason) for n, reason in sorted(why.items())
            if n not in read and n not in blocks_read]


def _print_layout(statement, reading, layout, tables, year: int, from_book: bool) -> None:
    """Per table read by its columns: where, roles, scale, sign and what became of its cells."""
    from ledger.books.layoutplan import CHECKED, LISTED, RECORDED

    if not layout.tables:
        return
    confirmed = [t for t in layout.tables if t.confirmed]
    out.print(_said("import.by_columns", read=len(confirmed), tables=len(layout.tables), year=year,
                       source=_source(from_book)), markup=False)
    from ledger.books import summary

    against = summary.checks(layout, reading)
    for index, table in enumerate(layout.tables):
        where = statement.place(table.header_lines[0])
        counts = {s: sum(x.status == s and x.table == index for x in tables.statuses) for s in (RECORDED, CHECKED, LISTED)}
        if not table.confirmed:
            out.print(_said("import.table_not_read", table=_title(table.title), where=where,
                               why=_why(table.why)), markup=False)
            continue
        sign = _said({True: "import.expenses_positive", False: "import.expenses_negative",
                         None: "import.expense_sign_unknown"}[table.expenses_positive])
        evidence = f" ({_why(table.sign_evidence)})" if table.sign_evidence else ""
        evidence += f"; {_why(table.changes_read)}" if table.changes_read else ""
        evidence += f"; {_why(table.deviation_read)}" if table.deviation_read else ""
        scale = f"× {table.scale} ({_why(table.scale_words)})" if table.scale != 1 else _said("import.in_euros")
        if table.scale == 1 and isinstance(table.scale_words, Reason):  # euros the book shows, not its header
            scale += f" ({_why(table.scale_words)})"
        found = table.checks + [c for (i, _n), cs in against.items() if i == index for c in cs]
        found += tables.lists[index].checks if index in tables.lists else []
        bad = [c for c in found if not c.ok and not c.rounding]
        out.print(_said("import.table_read", table=_title(table.title), where=where,
                           roles=" / ".join(r or "?" for r in table.roles), scale=scale, sign=sign + evidence,
                           recorded=_counted("import.n_to_record", counts[RECORDED]),
                           checked=_counted("import.n_checked", counts[CHECKED]),
                           listed=_counted("import.n_listed", counts[LISTED]),
                           totals=_counted("import.n_totals_checked", len(found)),
                           contradictions=_counted("import.n_contradictions", len(bad))), markup=False)
        if index in tables.lists and (tables.lists[index].group is not None or tables.lists[index].budget):
            out.print("  " + "; ".join(_why(r) for r in tables.lists[index].taken), markup=False)
        for check in bad:
            out.print(_said("import.contradiction", where=statement.place(check.line), what=_why(check.what),
                               stated=format_amount(check.stated), computed=format_amount(check.computed)), markup=False)


def _print_city_checks(statement, layout, reading) -> None:
    """The city's income statement against its blocks: how many hold, and each difference."""
    from ledger.books.summary import city_checks

    found = city_checks(layout, reading)
    if not found:
        return
    held = [c for c in found if c.ok or c.rounding]
    out.print(_said("import.city_checks", checked=_counted("import.n_checked", len(found)),
                    held=_counted("import.n_hold", len(held))), markup=False)
    for check in found:
        if not (check.ok or check.rounding):
            out.print(_said("import.city_differs", where=statement.place(check.line), what=_why(check.what),
                               stated=format_amount(check.stated), computed=format_amount(check.computed)), markup=False)


def _print_blocks(statement, reading, year: int, from_book: bool, listed: list) -> None:
    """How the blocks were read: year, sign, figures recorded and checked, and how many lines are listed."""
    recorded = sum(c.role in ("TA", "MUUTOS") or (c.role == "TOTEUMA" and c.side != "netto") for c in reading.cells)
    read = sum(bool(b.cells) for b in reading.blocks)
    sign = _said({True: "import.expenses_positive", False: "import.expenses_negative",
                     None: "import.expense_sign_unknown"}[reading.expenses_positive])
    out.print(_said("import.blocks", read=read, blocks=len(reading.blocks), year=year, source=_source(from_book),
                       sign=sign), markup=False)
    out.print(_said("import.block_figures", read=_counted("import.n_read", len(reading.cells)), recorded=recorded,
                    checked=_counted("import.n_checked", len(reading.cells) - recorded),
                    listed=len(listed) or _said("import.none")), markup=False)


def _print_listed(statement, listed: list) -> None:
    """The lines with figures not read, one line per reason (the first and last place)."""
    groups: dict[str, list] = {}
    for item in listed:
        groups.setdefault(item.why, []).append(item)
    for why, items in groups.items():
        first = items[0]
        if len(items) == 1:
            out.print(f"  {_at(statement, first.line)}: {_why(why)}: {shown(first.text)}", markup=False)
        else:
            out.print(_said("import.listed_lines", count=len(items), first=_at(statement, first.line),
                               last=statement.place(items[-1].line), why=_why(why)), markup=False)


def _said(key: str, **fields: object) -> str:
    """A text of the preview in the language asked for, else English (as a refusal is: scripts read it)."""
    return cli_said(key, _cli_language(), **fields)


def _counted(key: str, count: int) -> str:
    """One count of a line that has several ("12 figures read, 1 total checked"), in its own number: the line's
    template takes it said, so each count has its own plural form."""
    return _said(key, count=count)


def _why(text: object) -> str:
    """A reader's reason (or a check's name) in the language asked for; a book's own words as they are."""
    return shown(said(text, _cli_language()))


def _title(title: str | None) -> str:
    return shown(title) if title else _said("import.table")


def _source(from_book: bool) -> str:
    """Where the year came from: the book's own title, or --year."""
    return _said("import.from_book") if from_book else "--year"


def _kind(kind: str) -> str:
    """A table's kind as the book reader names it (units, käyttötalous, määrärahat, other), in words."""
    return said(Reason(f"table.kind.{kind}"), _cli_language())


def _event_kind(event) -> str:
    """An event's kind in the language asked for (the vocabulary's word, not the class's name)."""
    return vocabulary.KINDS[event.__struct_config__.tag].said(_cli_language())


def _profile_writable(path: Path, force: bool, book: Path, profile: Path | None) -> None:
    """--write-profile refused before anything is read or written: the ledger, the book, the profile given
    (use another name and compare), a folder, a missing or unwritable folder, an existing file without --force."""
    import tempfile

    from ledger.reports.output import _same_file, check_output

    if any(_same_file(path, read) for read in (book, profile) if read is not None):
        raise Rejected("--write-profile", str(path), "output.is_input")
    check_output(path, force=force, protect=_guarded(), field="--write-profile")
    try:  # the folder's permissions, its disk and whoever runs it (root too) say it only by a try
        tempfile.TemporaryFile(dir=path.parent, prefix=f".{path.name}.").close()
    except OSError:
        raise Rejected("--write-profile", str(path), "output.not_writable") from None


def _no_profile_to_write(path: Path | None, file: Path) -> None:
    """A long table or actuals carry their own codes: there is no profile to write, said, not ignored."""
    if path is not None:
        raise Rejected("--write-profile", str(path), "profile.nothing_assumed", file=file.name)


def _slugged(plan) -> dict[str, str]:
    """The codes the table readers made up (a unit block's name without a printed code), by the name."""
    from ledger.books.book import unit_code

    return {block: code for (_table, block), code in plan.codes.items() if unit_code(block)[0] is None}


def _write_profile(path: Path, force: bool, statement, year: int | None, root: tuple[str, str] | None,
                   nodes: dict, codes: dict[str, str], given, changes: dict[str, str] | None = None) -> None:
    """The import's assumptions as a profile (``ledger.books.assumed``), written whole or not at all,
    before anything is recorded."""
    from ledger.books.assumed import profile_text
    from ledger.reports.output import OutputError, write_atomic

    text = profile_text(source=statement.source, digest=statement.digest, year=year, root=root, nodes=nodes,
                        codes=codes, decisions={k: format_decision(d) for k, d in given.decisions.items()},
                        changes=changes)
    try:
        write_atomic(path, lambda fh: fh.write(text), force=force, protect=_guarded(), field="--write-profile")
    except OutputError:
        raise Rejected("--write-profile", str(path), "output.not_writable") from None
    out.print(_said("import.profile_written", path=str(path)), markup=False)


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
    kinds = ", ".join(_said("import.table_kind", kind=_kind(t.kind), node=t.node or "–",
                               at=_at(statement, t.table.header_lines[0])) for t in statement.tables)
    out.print(f"[bold]{_markup(statement.source)}[/bold]  sha256 {statement.digest[:16]}…  "
              + _markup(_said("import.profile", profile=profile or _said("import.none"))))
    print_scanned(statement)
    out.print(_said("import.tables", tables=shown(kinds)), markup=False)
    for meaning in statement.tables:
        figures, checks, unread = statement.table_tally(meaning)
        out.print(_said("import.table_tally", kind=_kind(meaning.kind), where=statement.place(meaning.table.header_lines[0]),
                        node=shown(meaning.node or "–"), figures=_counted("import.n_figures_read", figures),
                        checks=_counted("import.n_totals_checked", checks),
                        unread=_counted("import.n_lines_unread", unread)), markup=False)
    out.print(_said("import.figures", count=len(statement.figures)), markup=False)
    for s in statement.skipped:
        out.print(_said("import.skipped", at=_at(statement, s.line), what=_why(s.what), why=_why(s.why)), markup=False)
    out.print(f"[bold]{_said('import.not_understood')}[/bold]: {len(statement.not_understood) or _said('import.none')}")
    for n in statement.not_understood:
        out.print(f"  {_at(statement, n.line)}: {_why(n.why)}", markup=False)
    _print_checks(statement, verbose)


def _at(statement, line: int) -> str:
    """Where a line is: "line 12" in a text, "page:line 79:3" in a PDF."""
    return _said("import.at_page_line" if statement.places else "import.at_line", where=statement.place(line))


def _print_unread(statement, listing: Path | None) -> None:
    """One line per table and reason on screen; every line, with where and why, in ``listing``."""
    if listing is not None:
        _write_unread(statement, listing)
    if not statement.unread:
        return
    out.print(f"[bold]{_said('import.not_read')}[/bold]: "
              + _said("import.unread_lines" if listing else "import.unread_lines_list", count=len(statement.unread)))
    groups: dict[str, list] = {}
    for u in statement.unread:
        groups.setdefault(u.group, []).append(u)
    for group, lines in groups.items():
        where = statement.place(lines[0].line)
        where += f"–{statement.place(lines[-1].line)}" if len(lines) > 1 else ""
        at = "import.at_page_line" if statement.places else "import.at_line" if len(lines) == 1 else "import.at_lines"
        out.print(_said("import.unread_group", count=len(lines), at=_said(at, where=where), group=_why(group)),
                  markup=False)


def _write_unread(statement, listing: Path) -> None:
    """The list as TSV: where (page:line or line), the line's number in the read text, why, the line."""
    rows = ["where\tline\twhy\ttext"]
    rows += [f"{statement.place(u.line)}\t{u.line}\t{_tsv(u.why)}\t{_tsv(u.text)}" for u in statement.unread]
    listing.write_text("\n".join(rows) + "\n", encoding="utf-8")


def _tsv(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def _print_checks(statement, verbose: bool) -> None:
    checks = statement.checks if verbose else statement.contradictions
    held = len(statement.checks) - len(statement.contradictions)
    rounding = sum(c.rounding for c in statement.contradictions)
    convention = _said(f"import.convention_{statement.convention}")
    out.print(f"[bold]{_said('import.self_consistency')}[/bold]: "
              + _said("import.checks_tally", checked=_counted("import.n_totals_checked", len(statement.checks)),
                      held=_counted("import.n_hold", held),
                      contradictions=_counted("import.n_contradictions", len(statement.contradictions) - rounding),
                      rounding=_counted("import.n_rounding", rounding), convention=convention))
    if not checks:
        return
    table = Table(box=None, pad_edge=False)
    for name, justify in (("import.col_line", "right"), ("import.col_total", "left"), ("import.col_book_says", "right"),
                          ("import.col_lines_sum", "right"), ("import.col_difference", "right"), ("", "left")):
        table.add_column(_said(name) if name else "", justify=justify)
    for c in checks:
        show_value = format_percent if c.percent else _eur
        note = _said("import.ok" if c.ok else "import.rounding" if c.rounding else "import.contradiction_word")
        table.add_row(statement.place(c.line), _markup(_why(c.what)), show_value(c.stated), show_value(c.computed),
                      show_value(c.difference), note)
    out.print(table)


def _print_plan(plan) -> None:
    out.print(f"[bold]{_said('import.to_record')}[/bold]: "
              + _said("import.plan_tally", events=len(plan.events), units=_said("import.unit_count", count=len(plan.units)),
                      already=_said("import.figures_already", count=plan.already)))
    for event in plan.events:
        if isinstance(event, UnitRegistered):
            continue
        if isinstance(event, ProjectOpened):
            out.print(f"  {_event_kind(event)} {event.code} {event.name} {event.first_year}–{event.last_year}, "
                      f"{_eur(event.cost_estimate) if event.cost_estimate else '–'}  id {shown(event.id)}",
                      markup=False)  # 0: the book states no cost estimate, none recorded
            continue
        column = getattr(event, "column", "")
        decision = shown(format_decision(event.decision, _cli_language())) or _said("import.no_decision")
        out.print(_said("import.plan_event", kind=_event_kind(event), year=getattr(event, "year", ""), column=column,
                           lines=len(event.lines), decision=decision, id=shown(event.id)), markup=False)
    for conflict in plan.conflicts:
        out.print(f"  [bold]{_said('import.not_recorded')}[/bold]: {_markup(_why(conflict))}")
    for note in plan.notes:
        out.print(_said("import.already_held", note=_why(note)), markup=False)
    for finding in plan.findings:
        out.print(_said("import.book_finding", finding=_why(finding)), markup=False)


def _import_long(ledger: Kirjuri, file: Path, apply: bool) -> None:
    from ledger.books import longformat

    plan = longformat.plan(ledger.state, longformat.read_long(file), author=ledger.author)
    if plan.problems:
        raise longformat.LongFormatError(plan.problems)
    out.print(f"[bold]{_markup(file.name)}[/bold]: "
              + _said("import.long_tally", units=_said("import.unit_count", count=len(plan.units)), events=len(plan.events),
                      already=_said("import.rows_already", count=len(plan.imported))))
    if apply and plan.writes:
        longformat.record(plan, ledger.submit)
        out.print(cli_said("import.recorded", count=len(plan.writes), seq=ledger.state.seq))
    elif plan.writes:
        out.print(cli_said("import.nothing"))


def _import_actuals(ledger: Kirjuri, file: Path, mapping_file: Path, apply: bool) -> None:
    """Actuals by a mapping: the preview per unit and account and month, the rows not mapped, then
    (with --apply) the months not yet in the ledger, in one transaction."""
    from ledger.books import actuals
    from ledger.books.longformat import LongFormatError

    if not mapping_file.exists():
        raise Rejected("mapping", str(mapping_file), "file.missing")
    mapping = actuals.load_mapping(mapping_file)
    read = actuals.read_actuals(file, mapping)
    plan = actuals.plan_actuals(ledger.state, read, ledger.origin, note=mapping.note or f"toteuma: {file.name}")
    sign = _said("import.sign_negated" if mapping.sign < 0 else "import.sign_as_is")
    out.print(f"[bold]{_markup(file.name)}[/bold]: " + _markup(cli_said(
        "import.actuals_tally", _cli_language(), rows=len(read.rows),
        mapped=_counted("import.n_mapped", len(read.rows) - len(plan.listed)), mapping=mapping_file.name,
        sign=sign, scale=mapping.scale)))
    _print_actuals(plan)
    if plan.problems:
        raise LongFormatError(plan.problems)
    if read.rows and not plan.sums:
        raise Rejected("file", str(file), "actuals.nothing_mapped", count=len(read.rows))
    out.print(f"[bold]{_said('import.to_record')}[/bold]: "
              + _said("import.months_tally", months=len(plan.events),
                      already=_said("import.months_already", count=len(plan.already))))
    if apply and plan.events:
        ledger.submit(*plan.events)
        out.print(cli_said("import.recorded", count=len(plan.events), seq=ledger.state.seq))
    elif plan.events:
        out.print(cli_said("import.nothing"))


def _print_actuals(plan) -> None:
    """Toteuma per unit and account (rows) and month (columns), a month already held marked so."""
    held = {(e.period_start, e.period_end) for e in plan.already}
    periods = list(plan.sums)
    table = Table(box=None, pad_edge=False)
    table.add_column(_said("import.col_unit"))
    table.add_column(_said("import.col_account"))
    for period in periods:
        table.add_column(f"{period[0]:%m/%Y}" + (_said("import.held") if period in held else ""), justify="right")
    cells = sorted({cell for sums in plan.sums.values() for cell in sums})
    lang = _cli_language()
    for unit, account in cells:
        table.add_row(_markup(unit), _markup(vocabulary.account_label(account, lang)),
                      *(format_amount(plan.sums[p][(unit, account)]) if (unit, account) in plan.sums[p] else "" for p in periods))
    if cells:
        out.print(table)
    out.print(f"[bold]{_said('import.not_mapped')}[/bold]: {len(plan.listed) or _said('import.none')}")
    for row in plan.listed:
        error = row.why
        text = (f"{field_said(error.field, _cli_language())}: {error.value!r} {why(error, _cli_language())}" if isinstance(error, Rejected)
                else str(error))
        out.print(f"  {shown(text)}", markup=False)
