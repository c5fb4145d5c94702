"""Never silent: every line of a book that carries figures and is not read into the ledger, with why.

A line *carries figures* when it ends in numbers (a row's shape: label, then amounts), other
than years alone (`Tilinpäätös 2024`, a header's `2023 2024 2025`). Such a line is *read* when
a figure the ledger records or a total it checks came from it, or when it is a table's header
or block heading (`Kemijärvi historia 3`: a name); every other one is listed, once, with the
first reason that applies, from the most specific:

* the table reader did not understand it (its own reason, e.g. an ambiguous split);
* it is in a table the book reader skipped (key figures, a table without its columns);
* it is a row of a table that was read, but not a line the ledger records;
* it is inside a table's lines but not one of its rows;
* it is outside every table the readers recognised (no header of known columns above it).

``group`` is the reason without the line's own details, so a preview can say one line per
table and reason and leave the line-by-line list to a file. Pure functions, no ledger.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ledger.locale.reason import Reason

if TYPE_CHECKING:  # the book reader imports this module to fill ``Statement.unread``
    from ledger.books.book import Statement, TableMeaning

__all__ = ["Unread", "carries_figures", "markers", "unread"]

#: a figure's last word: a number (`000`, `12,5`, `124,0%`, `(200)`), one with its minus after it as accounting
#: software prints it (`000-`), or one with full stops for thousands (`1.234.567,89`)
_NUMBER_RE = re.compile(r"^\(?[-+−–]?(?:[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+)(?:,[0-9]+)?(?:%?\)?|[-−–])$")
_YEAR_RE = re.compile(r"^(?:19|20)[0-9]{2}-?$")
#: a unit printed as a word of its own after a figure
_UNIT_SIGNS = frozenset({"%"})
#: a footnote's mark after a line's figures (`*`, `**`, `¹`, `†`): the figures still end the line
_FOOTNOTE_RE = re.compile(r"^(?:\*+|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|†+)$")
#: a line ending in an amount and its euro sign (`Myyntituotot 12 345 €`, `… 1 000€)`)
_EURO_END_RE = re.compile(r"(?<![\w.,])(?P<number>\(?[-+−–]?[0-9][0-9 .]*(?:,[0-9]+)?)\s?€\)?$")


@dataclass(frozen=True)
class Unread:
    """A line with figures that no figure or check of the import came from."""

    line: int
    text: str
    group: str
    why: str


@cache
def markers() -> tuple[str, ...]:
    """The binding markers books print per row (``columns.toml`` ``markers``), longest first."""
    with Path(__file__).with_name("columns.toml").open("rb") as f:
        words = tomllib.load(f).get("markers", {}).get("words", [])
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _marker_words() -> tuple[list[str], ...]:
    """Each binding marker as its words, the longest first: a one- or two-letter one only in capitals (`B`), a
    word in any case."""
    return tuple(sorted(([m] if len(m) <= 2 else m.casefold().split() for m in markers()), key=len, reverse=True))


def carries_figures(text: str) -> bool:
    """Whether a line ends in numbers (not dates: `1.1.2025`), unless they are all years (a header); a
    percent sign printed apart after them (`124,0 %`) is still the end of a line of figures, as is a euro sign
    after an amount (`Myyntituotot 12 345 €`), but not after a thousand or a million: `Tuloslaskelma, 1 000 €`
    states a scale. A footnote's mark or a binding marker after them (`*`, `¹`, `B`, `sitova`) ends the line
    as well. Numbers in forms no reader reads (`5 000-`, `1.234,56`) are figures too: their line is listed,
    never passed over."""
    if (euros := _EURO_END_RE.search(text)) is not None:  # `1 000 €` and `(1000€)` state a scale, `TP 2023 €`
        number = euros["number"].replace(" ", "").replace(".", "").lstrip("(")  # heads a column
        return number not in ("1000", "1000000") and not _YEAR_RE.match(euros["number"].strip())
    trailing = []
    tokens = text.split()
    while tokens and (tokens[-1] in _UNIT_SIGNS or _FOOTNOTE_RE.match(tokens[-1]) or (
            tokens[-1] in ("-", "−", "–") and len(tokens) > 1 and _NUMBER_RE.match(tokens[-2]))):
        tokens.pop()  # a dash after a figure is its row's empty last cell (`Vuokratuotot 0 0 0 0 -`)
    for marker in _marker_words():  # a binding marker in a column after the figures (`… 5 000 sitova`)
        if len(tokens) > len(marker) and [t if len(t) <= 2 else t.casefold() for t in tokens[-len(marker):]] == marker:
            del tokens[-len(marker):]
            break
    for token in reversed(tokens):
        if token in _UNIT_SIGNS:  # a percent's sign apart, between figures (`12,5 % 300-`)
            continue
        if not _NUMBER_RE.match(token):
            break
        trailing.append(token)
    if len(trailing) == 1 and trailing[0][-1] in "-−–":
        return False  # a range wrapped at its dash (`vuosina 6–`), no figure with its minus after it (`5 000-`)
    return not all(_YEAR_RE.match(token) for token in trailing)


def unread(statement: Statement, lines: Sequence[str]) -> list[Unread]:
    """The lines of ``lines`` (numbered from 1) that carry figures and that ``statement`` did not read."""
    read = {f.line for f in statement.figures} | {c.line for c in statement.checks}
    read |= {n for m in statement.tables for n in (*m.table.header_lines, *(b.line for b in m.table.blocks))}
    reasons = _reasons(statement)
    out = []
    for number, text in enumerate(lines, 1):
        if number in read or not carries_figures(text):
            continue
        group, why = reasons.get(number) or _outside(statement, number)
        out.append(Unread(number, text.strip(), group, why))
    return out


def _reasons(statement: Statement) -> dict[int, tuple[str, str]]:
    """Line -> (group, why) for every line a table reader or the book reader said something about."""
    reasons: dict[int, tuple[str, str]] = {}
    skipped = {s.line: s for s in statement.skipped}
    for meaning in statement.tables:
        table, name = meaning.table, _name(statement, meaning)
        skip = skipped.get(table.header_lines[0])
        for row in table.rows:
            if skip is not None:
                reasons.setdefault(row.line, (Reason("unread.table_why", name=name, why=skip.why),
                                              Reason("unread.skipped_with_table", why=skip.why)))
            else:
                reasons.setdefault(row.line, (Reason("unread.rows_not_lines", name=name),
                                              Reason("unread.row_not_line", label=row.label)))
    for n in statement.not_understood:
        reasons[n.line] = (Reason("unread.not_understood"), n.why)
    return reasons


def _outside(statement: Statement, number: int) -> tuple[str, str]:
    """Why a line no reader said anything about is not read: inside a table's span, or outside all."""
    for meaning in statement.tables:
        table = meaning.table
        last = max([r.line for r in table.rows] + [b.line for b in table.blocks] + list(table.header_lines))
        if table.header_lines[0] <= number <= last:
            name = _name(statement, meaning)
            return Reason("unread.between_rows", name=name), Reason("unread.inside_not_row", name=name)
    why = Reason("unread.outside_tables")
    return why, why


def _name(statement: Statement, meaning: TableMeaning) -> str:
    table = meaning.table
    where = statement.place(table.header_lines[0])
    return Reason(("table.titled_" if table.title else "table.") + ("at_page" if statement.places else "at_line"),
                  kind=Reason(f"table.kind.{meaning.kind}"), title=table.title, where=where)
