"""A summary table in thousands (Seinäjoki's 8.5: määrärahat and tuloarviot, 1000 €) checked against
the finer statements of the same money elsewhere in the book, at the summary's printed precision.

A summary restates what the sections before it print to the euro: a tulosalue block's totals (by the
code the summary prints before the name, `100 Vaalit`), an income-statement row (by the chart's
name or synonym, `Korkotulot`), an investment row (by its label, spaces and a binding marker such
as `B` aside). Each of its cells is compared with the finer figure rounded to the summary's unit:
one printed unit of 1000 € stands for anything within ±500 €, so a difference up to that is the
rounding (up to 1000 € for MUUTOS and POIKKEAMA, which a summary prints as the difference of two
rounded cells), and a larger one a contradiction the preview shows. A Poikkeama is compared by its size:
each table prints it with its own sign (`-yli / +alle`). A cell stated finer elsewhere is never
recorded from the summary; one stated nowhere finer is recorded as printed times the scale where the
summary states its scale (``layoutplan.summary_alone``), else listed. Pure functions; no ledger.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from events import accounts
from ledger.books.blocks import MENOT, TULOT, BlockReading
from ledger.books.book import Check
from ledger.locale.reason import Reason
from ledger.books.layout import MUUTOS, POIKKEAMA, TA, TA_MUUTOS, TOTEUMA, LayoutReading, Row, Table, names_city

#: a summary's MUUTOS and POIKKEAMA are differences of its rounded cells (TA+MUUTOS − TA, TOTEUMA −
#: TA+MUUTOS): two roundings, so up to one printed unit off
_PARTS = {MUUTOS: 2, POIKKEAMA: 2}
_CODE_RE = re.compile(r"^(?P<code>[0-9]{1,10})\s*(?P<name>[^\s0-9].*)$")  # `100 Vaalit`, text's `100Vaalit`


@dataclass(frozen=True)
class Finer:
    """Where a summary row's money is stated to the euro, and its cells there (cents as printed)."""

    where: str
    cells: dict[str, int]


def is_summary(table: Table) -> bool:
    """A table printed in thousands or more in a book that states money to the euro elsewhere: it restates
    finer figures, rounded. A book printed in thousands throughout states its money so: its tables are read
    as any other, their figures recorded as printed times the scale. A summary by unit (``by_unit``) is one
    too, at any scale."""
    return (table.scale > 1 and table.finer_elsewhere) or by_unit(table) is not None


def by_unit(table: Table) -> str | None:
    """The account a summary by unit states per unit, else None: the chart's account its header names over the
    labels (`Toimintatuotot | TA 2024 | TP 2024 | Tot. %`, `Toimintakulut | TP 2024 | TP 2023 | Muutos €`), its
    rows units (no row names an account) and one row the city's own, their total (``layout``'s city row).

    It restates the units' statements, as Seinäjoki's 8.5 restates its tulosalue blocks: nothing in it is
    recorded. The city's row is checked against the units' sum, each percent against its row, another year's
    figure and the change from it against the row's TOTEUMA; a unit's figure is checked where the city's row
    sums it in that column, else listed."""
    account = accounts.CHART.lookup(table.title) if table.title and table.confirmed else None
    if account is None or any(r.account for r in table.rows):
        return None
    totals = [r for r in table.rows if r.total]
    return account if len(totals) == 1 and names_city(totals[0].label) else None


def finer(reading: LayoutReading, blocks: BlockReading | None, table: Table, row: Row) -> Finer | None:
    """The finer statement of a summary row: a block by its code, a row of a table in euros by its
    account or its label (a label printed apart from the chart's name, `Maa-ja vesialueet`, still the
    same), on the summary's side; None when the book has none (or more than one)."""
    label = _label(table, row)
    m = _CODE_RE.match(label)
    if m and blocks is not None:
        side = {"kulu": MENOT, "tuotto": TULOT}.get(table.side or "")
        found = [b for b in blocks.blocks if b.code == m["code"] and b.cells]
        if len(found) == 1 and side:
            cells = [c for c in found[0].cells if c.side == side]
            if cells:
                out = {c.role: c.printed * 100 for c in cells if c.role != MUUTOS}
                out[MUUTOS] = sum(c.printed * 100 for c in cells if c.role == MUUTOS)
                return Finer(Reason("summary.tulosalue", code=found[0].code), out)
        return None
    account = accounts.CHART.lookup(label)
    candidates = [(t, r) for t in reading.tables if t.confirmed and not is_summary(t) for r in t.rows if not r.failed
                  and ((account is not None and r.account == account) or _same(r.label, label)
                       or _abbreviates(label, r.label))
                  and (r.side == table.side or r.side is None or table.side is None)]
    if len(candidates) > 1 and _agree(table, candidates):
        candidates = candidates[:1]
    if len(candidates) != 1:
        return None
    t, r = candidates[0]
    return Finer(Reason("summary.row", title=t.title, label=r.label) if t.title else Reason("summary.table_row", label=r.label),
                 {role: c.value for role, c in r.cells.items()})


def _agree(table: Table, candidates: list[tuple[Table, Row]]) -> bool:
    """Whether several finer statements of one summary row are the same money at the summary's precision in
    every column they share (the tuloslaskelmaosa in cents and the external income statement to the euro): the
    first in the book then stands for them all."""
    shared = set.intersection({TA, TA_MUUTOS, TOTEUMA}, *(set(r.cells) for _t, r in candidates))
    values = [[r.cells[role].value * t.scale for t, r in candidates] for role in shared]
    return bool(values) and all(max(v) - min(v) <= table.scale * 100 for v in values)


def _label(table: Table, row: Row) -> str:
    """A summary row's label without the marker the summary's header explains (`B` = sitova brutto)."""
    words = row.label.split()
    markers = set(table.title.split())
    while len(words) > 1 and words[-1] in markers:
        words.pop()
    return " ".join(words)


def _abbreviates(short: str, full: str) -> bool:
    """A summary's abbreviated label (`Pitkäaik.lainojen lisäys`, `Liikuntapaikkarakent.`) for a finer
    one: word by word, a word ending in a full stop the start of the other's, the rest the same."""
    a, b = (re.findall(r"[^\s.]+\.?", x.casefold()) for x in (short, full))
    return (len(a) == len(b) and any(w.endswith(".") for w in a)
            and all(y.startswith(x[:-1]) if x.endswith(".") else x == y for x, y in zip(a, b)))


def _same(a: str, b: str) -> bool:
    fold = lambda s: re.sub(r"[\s.]+", "", s).casefold()  # noqa: E731
    return fold(a) == fold(b)


def checks(reading: LayoutReading, blocks: BlockReading | None) -> dict[tuple[int, int], list[Check]]:
    """(table index, line) -> the checks of each summary row against its finer statement."""
    out: dict[tuple[int, int], list[Check]] = {}
    for index, table in enumerate(reading.tables):
        if not (table.confirmed and is_summary(table)) or by_unit(table) is not None:
            continue
        for row in table.rows:
            if row.failed or row.total:
                continue
            statement = finer(reading, blocks, table, row)
            if statement is None:
                continue
            found: list[Check] = []
            flip = _other_sign(table, row, statement)
            if flip == 0:
                out[(index, row.line)] = found  # one figure, the other sign: which convention, it cannot tell
                continue
            for role, cell in row.cells.items():
                if (role not in statement.cells and role != MUUTOS) or role in row.listed_cells:
                    continue  # a listed cell (its column unknown) is compared with nothing
                stated, precise = cell.value * table.scale * flip, statement.cells.get(role, 0)
                if role == POIKKEAMA:
                    stated, precise = abs(stated), abs(precise)
                what = Reason("summary.against_flipped" if flip < 0 else "summary.against", title=table.title,
                              label=row.label, role=role, where=statement.where)
                found.append(Check(row.line, what, stated, precise, parts=_PARTS.get(role, 1),
                                   precision=table.scale * 100))
            out[(index, row.line)] = found
    return out


def _other_sign(table: Table, row: Row, statement: Finer) -> int:
    """-1 where the summary prints a row the other way round from its finer statement in every figure
    both print (a määrärahat column printing an outflow positive that the rahoitusosa prints negative),
    two figures at least, each opposite; 0 where it prints one figure, opposite (which it is, the one figure
    cannot tell); else 1. Sizes are then compared as usual."""
    pairs = [(cell.value, statement.cells[role]) for role, cell in row.cells.items()
             if role != POIKKEAMA and role in statement.cells and cell.value and statement.cells[role]]
    opposite = all((a > 0) != (b > 0) for a, b in pairs)
    if pairs and opposite and len(pairs) < 2:
        return 0
    return -1 if pairs and opposite else 1


def city_checks(reading: LayoutReading, blocks: BlockReading | None) -> list[Check]:
    """The city's operating income and expenses as its income statement states them (TOIMINTATUOTOT,
    TOIMINTAKULUT: `Toimintatulot yhteensä`) against the sum of its tulosalue blocks, per column, in
    the ledger's sign: the same money by unit and by account. A unit the statement holds and no block
    prints (8.5's 890 Rahoitus) shows as the difference."""
    if blocks is None or not blocks.cells or blocks.expenses_positive is None:
        return []
    flip = {TULOT: 1, MENOT: -1 if blocks.expenses_positive else 1}
    wanted = {"TOIMINTATUOTOT": TULOT, "TOIMINTAKULUT": MENOT}
    out = []
    for table in reading.tables:
        if not table.confirmed or is_summary(table):
            continue
        for row in table.rows:
            side = wanted.get(row.account or "")
            if side is None or row.failed:
                continue
            for role in row.cells:
                parts = [c for c in blocks.cells if c.side == side and c.role == role]
                if not parts:
                    continue
                sign = 1 if role == POIKKEAMA else flip[side]
                out.append(Check(row.line, Reason("summary.blocks_sum", label=row.label, role=role), table.ledger(row, role) or 0,
                                 sum(c.printed * 100 * sign for c in parts), parts=len(parts)))
    return out


__all__ = ["Finer", "by_unit", "checks", "city_checks", "finer", "is_summary"]
