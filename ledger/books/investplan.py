"""The investointiosa's rows as investment lines: each row names a line of investment (an asset class
such as Rakennukset, or the book's own group such as Kadunrakentaminen), recorded as a project group
below the city with its money on the investointi part's accounts.

A book's investointiosa prints, under MENOT and TULOT (and headings such as Myyntitulot,
Rahoitusosuudet), one row per investment line with TA / MUUTOS / TA+MUUTOS / TOTEUMA / POIKKEAMA.
The same line may come back under TULOT (its sale, its contributions): one group per line, its rows
matched by their letters (`Maa-ja vesialueet` is `Maa- ja vesialueet`; a label wrapped after its
figures, `Arvopaperit ja muut pitkäaikaiset` / `sijoitukset (osakkeet ja osuudet)`, is whole).

A row's account: the investointi account its label names (by the chart, with `columns.toml`'s
``part_accounts`` for words the chart gives another part), else the one its nearest heading names,
else the part's root of its side (Investointimenot, Investointitulot). A row whose account is, or is
related to, one its group already has is listed: the ledger holds a line's account once and never with
its parts. The group's cost estimate is not printed in the investointiosa: none is recorded (0, said in the
event's note), so that no estimate is invented.

Nothing here writes; ``layoutplan`` puts the events in its plan.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from events import accounts
from ledger.locale.reason import Reason
from ledger.books.layout import KULU, TUOTTO, LayoutReading, Row, Table, iter_rows, part_accounts

PART = "investointi"
#: the part's root on each side: where a row's money is when neither it nor its heading names an account
ROOTS = {KULU: "Investointimenot", TUOTTO: "Investointitulot"}
_ELIDED_RE = re.compile(r"(\w)-(ja|tai|eli|sekä)\b")
_TOTAL_RE = re.compile(r"^(?P<name>.*?)\s*\byhteensä$", re.IGNORECASE)


@dataclass(frozen=True)
class Group:
    """An investment line of the book, recorded as a project group: its code and name."""

    code: str
    name: str


@dataclass
class Placed:
    """Where an investointiosa row's money goes: its group and account, or why it is listed."""

    group: Group | None
    account: str | None
    why: str = ""


def key(label: str) -> str:
    """The letters of a label, case folded: the same line under MENOT and under TULOT."""
    return "".join(ch for ch in label.casefold() if ch.isalnum())


def _lookup(label: str) -> str | None:
    """The account a label names in the investointi part: the part's own words first, then the chart."""
    text = " ".join(_ELIDED_RE.sub(r"\1- \2", label).split())
    found = _part_words().get(text.casefold()) or accounts.CHART.lookup(text)
    return found if found in accounts.CHART.accounts and accounts.part_of(found) == PART else None


@cache
def _part_words() -> dict[str, str]:
    return {word: account for account, words in part_accounts(PART).items() for word in words}


def account_of(row: Row) -> str | None:
    """The investointi account of a row's side: its label's, else its nearest heading's, else the part's root."""
    for label in (row.label, *(h for _n, h in reversed(row.headings))):
        found = _lookup(label)
        if found is not None and accounts.CHART.accounts[found].side == row.side:
            return found
    return ROOTS.get(row.side or "")


def _name(table: Table, row: Row) -> str:
    """The row's label with the line wrapped after its figures (lower case or a parenthesis) joined on."""
    after = table.rows[table.rows.index(row) + 1] if row is not table.rows[-1] else None
    if after is None:
        return row.label
    tail = [h for n, h in after.headings if n == row.line + 1]
    if tail and (tail[0][:1].islower() or tail[0][:1] == "(") and not after.label[:1].islower():
        return f"{row.label} {tail[0]}"
    return row.label


def unit_of(table: Table, row: Row) -> str:
    """The unit a row stands under in a table of projects by lautakunta: the name of the innermost `X yhteensä`
    summing it (directly or through a total it sums) whose X names no account of the chart (`Tekninen lautakunta
    yhteensä`, not `Rakennukset yhteensä`), as printed; "" where none. The same line under two units is two lines."""
    at = row
    while (above := next((t for t in table.rows if t.total and at in t.members), None)) is not None:
        m = _TOTAL_RE.match(above.label)
        if m and m["name"] and accounts.CHART.lookup(m["name"]) is None:
            return m["name"]
        at = above
    return ""


def is_investment(table: Table) -> bool:
    """A table of the investointiosa, by its title (``columns.toml`` ``parts``)."""
    return table.part == PART


def place(reading: LayoutReading, root: str, codes: Mapping[str, str] | None = None) -> dict[tuple[int, int], Placed]:
    """Each investointiosa row (by its table's index and line) with its group and account, or why not. A
    group's code is ``codes``' for its name (a profile's ``[codes]``, matched by ``key``), else the city's
    code and ``-Inn``."""
    out: dict[tuple[int, int], Placed] = {}
    groups: dict[str, Group] = {}
    held: dict[str, set[str]] = {}
    index = {id(t): i for i, t in enumerate(reading.tables)}
    twice = _units_per_name(reading)
    for table, row in iter_rows(reading):
        if not is_investment(table) or row.total or row.account in accounts.CHART.derived:
            continue
        where = (index[id(table)], row.line)
        account = account_of(row)
        if account is None:
            out[where] = Placed(None, None, Reason("invest.side_unknown"))
            continue
        name, unit = _name(table, row), unit_of(table, row)
        shown = f"{name} ({unit})" if unit and twice.get(key(name), 0) > 1 else name
        given = next((c for n, c in (codes or {}).items() if key(n) in (key(name), key(shown))), None)
        group = groups.setdefault(key(unit) + "/" + key(name), Group(given or f"{root}-I{len(groups) + 1:02d}", shown))
        taken = held.setdefault(group.code, set())
        if any(account in accounts.ANCESTORS[a] or a in accounts.ANCESTORS[account] for a in taken):
            out[where] = Placed(group, None, Reason("invest.second_row", group=group.name, account=account))
            continue
        taken.add(account)
        out[where] = Placed(group, account)
    return out


def _units_per_name(reading: LayoutReading) -> dict[str, int]:
    """How many units print a line of each name (``key``): a name under two units is said with its unit."""
    seen: dict[str, set[str]] = {}
    for table, row in iter_rows(reading):
        if is_investment(table) and not row.total:
            seen.setdefault(key(_name(table, row)), set()).add(unit_of(table, row))
    return {name: len(units) for name, units in seen.items()}


__all__ = ["PART", "ROOTS", "Group", "Placed", "account_of", "is_investment", "key", "place", "unit_of"]
