"""`kirjuri import MINUTES.pdf`: a council's minutes (pöytäkirja) whose items decide carry-overs or
lisämäärärahat of investment projects in a table (``ledger.books.minutes``): each item's decision previewed
(what each row records and under which decision, the proposals' copies compared, the minutes' own sums
checked), the rest of their figures listed as any book's, and recorded with --apply."""

from __future__ import annotations

from pathlib import Path

from cli.common import _cli_language, _eur, _markup, cli_said, out, print_scanned
from ledger.app import Kirjuri
from ledger.domain.citation import format_decision
from ledger.domain.money import format_amount
from ledger.domain.refusals import Rejected
from ledger.domain.text import shown
from ledger.locale.reason import Reason


def import_minutes(ledger: Kirjuri, statement, apply: bool, listing: Path | None) -> bool:
    """Preview (and with ``apply`` record) the minutes' decided tables; False when ``statement`` is no
    minutes or holds no such table, so the book readers' preview stands."""
    from ledger.books.minutes import read_minutes
    from ledger.books.minutesplan import plan_minutes

    reading = read_minutes(statement.lines, statement.text_lines)
    if reading.meeting is None or not (reading.tables or reading.grants):
        return False
    from cli.books import _print_listed, _print_plan, _said

    plan = plan_minutes(ledger.state, reading, statement.lines, source=statement.source, digest=statement.digest,
                        author=ledger.author, now=ledger.clock())
    out.print(f"[bold]{_markup(statement.source)}[/bold]  sha256 {statement.digest[:16]}…")
    print_scanned(statement)
    out.print(_said("minutes.meeting", count=len(reading.tables), organ=shown(reading.meeting.organ),
                    date=f"{reading.meeting.date:%-d.%-m.%Y}", decided=len(plan.decided)), markup=False)
    for one in plan.decided:
        _print_decided(statement, one)
    _print_prose(statement, reading, plan)
    listed = _listed(statement, plan)
    _print_listed(statement, listed)
    if listing is not None:
        from cli.books import _tsv

        rows = ["where\tline\twhy\ttext"] + [f"{statement.place(u.line)}\t{u.line}\t{_tsv(u.why)}\t{_tsv(u.text)}"
                                             for u in listed]
        listing.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _print_plan(plan)
    if not plan.events and not plan.already and not plan.proposed:
        raise Rejected("file", statement.source, "book.nothing_read", lines=len(listed))
    if plan.events:
        ledger.check_all(plan.events)  # the rules and the rules of authority, as --apply meets them
    if apply and plan.events:
        ledger.submit(*plan.events)
        out.print(cli_said("import.recorded", count=len(plan.events), seq=ledger.state.seq))
    elif plan.events:
        out.print(cli_said("import.nothing"))
    return True


def _print_decided(statement, one) -> None:
    """An item's table: where, the decision, the years; its copies; each row's record; its checks."""
    from cli.books import _said, _why

    table = one.table
    decision = shown(format_decision(one.decision, _cli_language())) if one.decision else _said("import.no_decision")
    out.print(_said("minutes.table", count=len(table.rows), section=table.item or "–", title=shown(table.title),
                    where=statement.place(table.header[0]), decision=decision, from_year=one.from_year,
                    to_year=one.to_year, roles=" / ".join(r or "?" for r in table.roles)), markup=False)
    if one.note is not None:
        out.print(f"    {_why(one.note)}", markup=False)
    for copy in one.copies:
        stage = (f"{shown(copy.stage.organ)} {copy.stage.date:%-d.%-m.%Y} § {copy.stage.section}"
                 if copy.stage else "–")
        key = "minutes.copy_differs_from" if any(stage in d for d in one.differences) else "minutes.copy_same"
        out.print(_said(key, where=statement.place(copy.header[0]), stage=stage), markup=False)
    for difference in one.differences:
        out.print(f"      {_why(difference)}", markup=False)
    for entry in one.entries:
        name = shown(f"{entry.row.code} {entry.row.name}".strip())
        if entry.carried:
            out.print(_said("minutes.row_carried", row=name, from_year=one.from_year, to_year=one.to_year,
                            amount=_eur(-entry.carried)), markup=False)
        if entry.granted:
            why = f" ({_why(entry.why)})" if entry.why is not None else ""
            out.print(_said("minutes.row_granted", row=name, year=one.to_year, amount=_eur(-entry.granted)) + why,
                      markup=False)
    held = sum(c.ok for c in one.checks)
    out.print(_said("minutes.checks", count=len(one.checks), held=held), markup=False)
    for check in one.checks:
        if not check.ok:
            out.print(_said("import.contradiction", where=statement.place(check.line), what=_why(check.what),
                            stated=format_amount(check.stated), computed=format_amount(check.computed)), markup=False)


def _print_prose(statement, reading, plan) -> None:
    """The grants decided in a sentence: how many, and each one recorded (where, what, the part of the budget)."""
    from cli.books import _said

    if not reading.grants:
        return
    out.print(_said("minutes.prose", count=len(reading.grants), recorded=len(plan.prose)), markup=False)
    for entry in plan.prose:
        part = _said("minutes.part_investment" if entry.account != "MENOT" else "minutes.part_operating")
        out.print(_said("minutes.prose_granted", where=statement.place(entry.grant.line),
                        row=shown(f"{entry.code} {entry.name}".strip()), year=entry.year,
                        amount=_eur(entry.cents), part=part,
                        decision=shown(format_decision(entry.decision, _cli_language()))), markup=False)


def _listed(statement, plan) -> list:
    """The lines with figures not recorded: a row left out (with why), a figure inside a cell of no row,
    and every line outside the decided tables and their copies, as the book readers list them."""
    from ledger.books.blocks import Listed
    from ledger.books.minutes import INVISIBLE

    why: dict[int, object] = {}
    read: set[int] = set()
    for one in plan.decided:
        for table in [one.table, *one.copies]:
            read |= table.read_lines
            why |= {n: Reason("minutes.in_cell") for n in table.stray}
        why |= dict(one.listed)
    for entry in plan.prose:
        read |= set(entry.grant.lines)
    why |= dict(plan.prose_listed)
    for item in statement.unread:
        if item.line not in read:
            why.setdefault(item.line, item.group)
    listed_rows = {n for one in plan.decided for n, _ in one.listed} | {n for n, _ in plan.prose_listed}
    return [Listed(n, statement.lines[n - 1].translate(INVISIBLE).strip(), reason) for n, reason in sorted(why.items())
            if n not in read or n in listed_rows]
