"""A table printing each project's menot and tulot interleaved on one line, read from a book's text.

An investment table may print both sides of a project on one line, column by column::

    Alkuper. Alkuper. Tarkistettu Tarkistettu Toteuma Toteuma Menot Tulot   <- each role's word twice
    määrä- määräraha inv.menot inv.tulot Tot-% Tot-%                        <- the sides' words, stacked
    Kaupunginhallitus
    Kiinteä omaisuus 1 500 000 50 000 1 500 000 50 000 1 358 430,00 33 437,73 90,6 % 66,9 %
    ATK-ohjelmistot 150 000 150 000 73 218,28 48,8 %                         <- one side: which, the text
                                                                                does not say

From a PDF the positions tell the columns (``layout._side_groups``); in text a row printing one side fits
either. A row's readings are the splits of its digit groups placed in the columns in order whose printed
toteutuma-% each holds (TOTEUMA to TA+MUUTOS), a side printing its TA prints its TA+MUUTOS, and each column
prints as the rows that read one way print it (budgets in whole euros, actuals to the cent). A stated total
(`… yhteensä`) then settles its members: the one combination of their readings under which its sums hold, or
all but one where none holds them all (the book's own contradiction, said by the table's checks), two at least.
A row still open is listed, never guessed. A cell a narrow column wrapped (`11 635` over `Rakennukset yhteensä
000 …`, `… yh- 13 397` over `teensä 700 …`) joins the row below. The two sides are then two tables of one side
each, as from a PDF.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations, product

from ledger.books import layout as lay
from ledger.books.unread import carries_figures
from ledger.locale.reason import Reason

#: the most readings a row may have and still be settled by a total (more: listed)
READINGS_AT_MOST = 16
#: the most combinations of totals' and their members' readings a table tries against them
COMBINATIONS_AT_MOST = 200_000
_LONE_FIGURE_RE = re.compile(r"[-−]?[0-9]{1,3}(?:\s+[0-9]{3})*")


@dataclass(frozen=True)
class Header:
    """An interleaved header: its lines, the title its words give, the sides in the order the columns print
    them, each side's money roles in order, and whether each side has a toteutuma-% at the end."""

    first: int
    bottom: int
    title: str
    sides: tuple[str, str]
    roles: tuple[str, ...]
    percents: bool


def header(lines: Sequence[str], start: int) -> Header | None:
    """The interleaved header whose first line is ``start``: that line's columns (its side and percent words
    aside) are two role's words or more, each twice side by side (`Alkuper. Alkuper. Tarkistettu Tarkistettu`,
    `Muutettu TA Muutettu TA`); the lines below it without figures that print a column's or a side's word are
    its too; one of its lines names the sides alternately (`Menot Tulot`, `inv.menot inv.tulot`, `määräraha
    tuloarvio määräraha …`) in their columns' order, and a percent column prints once per side or not at all.
    None otherwise."""
    words = lines[start - 1].split()
    if len(words) < 4 or any(lay._NUMBER_RE.match(w) for w in words) or not _paired_words(words):
        return None
    found = lay._text_header(" ".join(w for w in words if not _side_or_percent_only(w)))
    if found is None:
        return None
    title, columns = found
    roles = [lay.role_of(c) for c in columns[::2]]
    if len(columns) < 4 or len(columns) % 2 or any(lay._fold(a) != lay._fold(b) for a, b in
                                                   zip(columns[::2], columns[1::2])) or \
            not all(r in lay.AMOUNT_ROLES for r in roles) or len(set(roles)) != len(roles):
        return None
    texts = [lines[start - 1]]
    for text in lines[start:start + lay.HEADER_LINES - 1]:
        if not _header_line(text):
            break
        texts.append(text)
    percents = sum(lay.role_of(w) == lay.PCT for text in texts for w in text.split())
    sides = next((found for text in texts if (found := _sides_named(text))), None)
    if sides is None or percents not in (0, 2):
        return None
    named = " ".join(w for text in texts for w in _title_words(text))
    return Header(start, start + len(texts) - 1, title or named, sides, tuple(roles), percents == 2)


def _paired_words(words: list[str]) -> bool:
    """Whether a word comes again next or next but one (`Toteuma Toteuma`, `TA Muutettu TA`): a cheap test
    before the line is parsed as a header."""
    return any(lay._fold(a) == lay._fold(b) for a, b in zip(words, words[1:])) or any(
        lay._fold(a) == lay._fold(b) for a, b in zip(words, words[2:]))


def _side_or_percent_only(word: str) -> bool:
    """A header word that names a side or a percent column, not a role's (`Menot`, `määräraha`, `Tot-%`)."""
    return _side_word(word) is not None or lay.role_of(word) == lay.PCT


def _side_word(word: str) -> str | None:
    folded = lay._fold(word).strip("-.:")
    return next((side for side, found in lay._section("sides").items() if folded in found), None)


def _side_or_percent(word: str) -> bool:
    return _side_word(word) is not None or lay.role_of(word) == lay.PCT or lay._header_word(word)


def _header_line(text: str) -> bool:
    """A line under the header's first that is more of it: no figures, a column's or a side's word in it."""
    words = text.split()
    return bool(words) and not carries_figures(text) and len(words) <= lay.HEADING_WORDS and any(
        _side_or_percent(w) for w in words)


def _sides_named(text: str) -> tuple[str, ...]:
    """The two sides a line names, in its order, where it names both and alternately (`Menot Tulot`,
    `määräraha tuloarvio määräraha tuloarvio`); () otherwise."""
    found = [side for w in text.split() if (side := _side_word(w)) is not None]
    pair = tuple(found[:2])
    if len(found) < 2 or len(found) % 2 or pair[0] == pair[1] or any(
            side != pair[k % 2] for k, side in enumerate(found)):
        return ()
    return pair


def _title_words(text: str) -> list[str]:
    """The words a header line prints left of its columns' words that name something (`Hanke`): capitalised,
    before the first word of a column or a side."""
    out = []
    for word in text.split():
        if _side_or_percent(word) or lay.role_of(word) or word.endswith("-"):
            break
        if word[:1].isupper():
            out.append(word)
    return out


@dataclass
class _Line:
    """A row's text as read: its line, label, digit groups and printed percents in order."""

    line: int
    text: str
    label: str
    groups: tuple[str, ...]
    percents: tuple[str, ...]
    #: the lines above it it was joined with (a wrapped figure or label)
    wrapped: tuple[int, ...] = ()


def read(lines: Sequence[str], region: list[int], head: Header, scale: tuple[int, str] | None = None
         ) -> tuple[list[lay.Table], list[lay.Listed]]:
    """The two tables of one side each under an interleaved header: ``region`` its bottom line and the lines
    down to the next table."""
    titles = lay._text_title_lines(lines, head.first)
    scale, scale_words = scale or lay.scale_of([t for t in [*lines[head.first - 1:head.bottom], *titles]
                                                if lay.statement(t)])
    part = lay._part(head.title) or next((found for text in titles if (found := lay._part(text))), None)
    roles = [*head.roles, lay.PCT] if head.percents else list(head.roles)
    tables = [lay.Table(title=head.title, page=0, header_lines=list(range(head.first, head.bottom + 1)), edges=[],
                        words=[*head.roles], roles=list(roles), scale=scale, scale_words=scale_words, part=part,
                        side=side, from_text=True, header_name=head.title) for side in head.sides]
    rows, headings, listed = _rows(lines, region)
    readings = {row.line: [{**reading, _LABEL: form.label} for form in (row, *_numbered(row))
                           for reading in _readings(form, head)] for row in rows}
    _as_columns_print(readings)
    _by_totals(rows, headings, readings, head)
    for row in rows:
        found = readings[row.line]
        if len(found) != 1:
            listed += [lay.Listed(n, lines[n - 1].strip(), Reason("layout.text_columns"))
                       for n in (*row.wrapped, row.line)]
            for table in tables:
                table.unread_rows.add(row.line)
            continue
        to_cent = any("," in g for g in row.groups)
        label = found[0][_LABEL]
        for table, side in zip(tables, head.sides):
            cells = {role: lay.LayoutCell(row.line, label, role, lay._raw(v, to_cent), v)
                     for role, v in found[0][side].items() if role != lay.PCT}
            if lay.PCT in found[0][side]:
                raw = found[0][side][lay.PCT]
                cells[lay.PCT] = lay.LayoutCell(row.line, label, lay.PCT, raw, lay.cents(raw) or 0)
            if cells:
                table.rows.append(lay.Row(row.line, label, cells, _above(headings, row.line), wrapped=row.wrapped))
    for table in tables:
        lay._meaning(table)
        lay._confirm(table, listed)
    listed += [lay.Listed(row.line, lines[row.line - 1].strip(), row.failed, role) for table in tables
               for row in table.rows if row.failed for role in row.cells]  # the other side's may be read
    return tables, listed


def _rows(lines: Sequence[str], region: list[int]) -> tuple[list[_Line], list[tuple[int, str]], list[lay.Listed]]:
    """The region's rows (a wrapped cell or label joined to the row below), its headings, and its lines with
    figures that are no row."""
    rows: list[_Line] = []
    headings: list[tuple[int, str]] = []
    listed: list[lay.Listed] = []
    held: _Line | None = None
    for n in region[1:]:
        text = lines[n - 1].strip()
        found = _line(n, text)
        if held is not None:
            joined = _joined(held, found)
            if joined is None and not lay._FOLIO_RE.fullmatch(held.text):  # a page's number is no row's
                listed.append(lay.Listed(held.line, held.text, Reason("layout.no_row")))
            found, held = joined or found, None
        if found is None:
            if carries_figures(text):
                listed.append(lay.Listed(n, text, Reason("layout.no_row")))
            elif text:
                headings.append((n, text))
            continue
        if not found.label or found.label.endswith("-"):
            held = found
            continue
        if headings and headings[-1][0] == n - 1 and found.label[:1].islower():
            found.label = lay._join_label(headings.pop()[1], found.label)
        rows.append(found)
    if held is not None and not lay._FOLIO_RE.fullmatch(held.text):
        listed.append(lay.Listed(held.line, held.text, Reason("layout.no_row")))
    return rows, headings, listed


def _line(n: int, text: str) -> _Line | None:
    """A line as a row: its label, digit groups and percents; None where it prints no figures as a row does."""
    percents = tuple(m.group(1) for m in lay._PERCENT_CELL_RE.finditer(text))
    rest = " ".join(lay._PERCENT_CELL_RE.sub(" ", text).split())
    if _LONE_FIGURE_RE.fullmatch(rest) and not percents:
        return _Line(n, text, "", tuple(rest.split()), ())
    m = lay._GROUPS_RE.fullmatch(rest)
    if m is None or not m["label"].strip():
        return None
    return _Line(n, text, m["label"].strip(), tuple(m["groups"].split()), percents)


def _numbered(row: _Line) -> list[_Line]:
    """The row read with its first digit group as the end of its label, where that group may be one (`Teiden
    perusparannus vaihe 4 150 000 …`: a phase's number or a figure 4 150 000, the text does not say): a number
    of one or two digits after a word. Its readings are the row's too; the arithmetic then picks, or the row
    is listed."""
    if len(row.groups) < 2 or not re.fullmatch(r"[0-9]{1,2}", row.groups[0]) or not row.label[-1:].isalpha():
        return []
    return [_Line(row.line, row.text, f"{row.label} {row.groups[0]}", row.groups[1:], row.percents, row.wrapped)]


def _joined(held: _Line, below: _Line | None) -> _Line | None:
    """A wrapped cell or label (``held``) and the row below it as one row: a figure alone over a row, or a label
    ending in a hyphen over a row going on in lower case (`yh-` / `teensä`)."""
    if below is None or not below.label or not below.groups or not re.fullmatch(r"[0-9]{3}", below.groups[0]):
        return None  # what goes on from a wrapped figure starts with a whole group of three digits
    if held.label and not below.label[:1].islower():
        return None
    label = lay._join_label(held.label, below.label) if held.label else below.label
    return _Line(below.line, f"{held.text} {below.text}", label, held.groups + below.groups,
                 held.percents + below.percents, (held.line,))


def _above(headings: list[tuple[int, str]], line: int) -> tuple[tuple[int, str], ...]:
    return tuple(h for h in headings if h[0] < line)


def _readings(row: _Line, head: Header) -> list[dict[str, dict[str, object]]]:
    """Every placement of the row's figures in the interleaved columns, in order, and of its percents in the
    sides' percent columns, under which each printed percent is its side's TOTEUMA of its TA+MUUTOS and a
    column's two sides print alike (both to the cent or both in whole euros): side -> role -> cents (a percent
    as printed), and the cents each figure prints under ``_CENTS``."""
    money = [(side, role) for role in head.roles for side in head.sides]
    pct_places = list(head.sides) if head.percents else []
    if len(row.percents) > len(pct_places):
        return []
    out: list[dict[str, dict[str, object]]] = []
    for count in range(min(len(money), len(row.groups)), 0, -1):
        for figures in lay.flagged_values(row.groups, count):
            for places in combinations(range(len(money)), count):
                cells: dict[str, dict[str, object]] = {side: {} for side in head.sides}
                printed: dict[str, bool] = {}
                for p, (v, to_cent) in zip(places, figures):
                    side, role = money[p]
                    cells[side][role] = v
                    if printed.setdefault(role, to_cent) != to_cent:
                        break
                else:
                    out += _with_percents(cells, printed, row, head, pct_places)
            if len(out) > READINGS_AT_MOST:
                return out
    return out


def _with_percents(cells: dict[str, dict[str, object]], printed: dict[str, bool], row: _Line, head: Header,
                   places: list[str]) -> list[dict[str, dict[str, object]]]:
    """A placement with the row's percents in each way they hold."""
    if not all(_revised_with_original(cells[side], head.roles) for side in head.sides):
        return []
    out = []
    for sides in combinations(places, len(row.percents)):
        if all(_percent_holds(cells[s], raw, head.roles) for s, raw in zip(sides, row.percents)):
            given = dict(zip(sides, row.percents))
            out.append({**{side: {**cells[side], **({lay.PCT: given[side]} if side in given else {})}
                           for side in head.sides}, _CENTS: printed})
    return out


#: a reading's key for role -> whether its figures print cents (not a side)
_CENTS = "cents"
#: a reading's key for the label it reads the row with (``_numbered``)
_LABEL = "label"


def _as_columns_print(readings: dict[int, list[dict[str, dict[str, object]]]]) -> None:
    """Rows' readings narrowed, in place, to those printing each column as the rows that read one way print it
    (a budget in whole euros, actuals to the cent), where those all print it alike."""
    seen: dict[str, set[bool]] = {}
    for found in readings.values():
        for role, to_cent in (found[0][_CENTS].items() if len(found) == 1 else ()):
            seen.setdefault(role, set()).add(to_cent)
    alike = {role: next(iter(kinds)) for role, kinds in seen.items() if len(kinds) == 1}
    for line, found in readings.items():
        if len(found) > 1:
            readings[line] = [r for r in found if all(alike.get(role, c) == c for role, c in r[_CENTS].items())]


def _revised_with_original(cells: dict[str, object], roles: tuple[str, ...]) -> bool:
    """Whether a side printing its original budget prints its revised one too (a budget struck out prints 0,
    not an empty cell), where the table has a revised column."""
    return lay.TA not in cells or lay.TA_MUUTOS not in roles or lay.TA_MUUTOS in cells


def _percent_holds(cells: dict[str, object], raw: str, roles: tuple[str, ...]) -> bool:
    """Whether a side's cells print the percent: its TOTEUMA of its TA+MUUTOS (or TA), both read, the base not 0."""
    base = lay.TA_MUUTOS if lay.TA_MUUTOS in roles else lay.TA
    return bool(cells.get(base)) and lay.TOTEUMA in cells and lay._percents_hold(cells, {lay.PCT: raw})


def _by_totals(rows: list[_Line], headings: list[tuple[int, str]],
               readings: dict[int, list[dict[str, dict[str, object]]]], head: Header) -> None:
    """Each stated total's members (two at least) and itself settled, in the order they stand, by the one
    combination of their readings under which all its sums hold, or all but one where no combination holds them
    all, two at least; ``readings`` narrowed in place. The combinations a table may try are bounded
    (``COMBINATIONS_AT_MOST``): past it a total settles nothing and its open rows are listed."""
    coords = [(side, role) for side in head.sides for role in head.roles]
    spans = _spans(rows, headings)
    left = COMBINATIONS_AT_MOST
    for t, start in spans.items():
        members = _members(t, start, spans)
        if len(members) < 2:
            continue  # a total of one row is that row again: it tests no reading
        group = [t, *members]
        choices = [[_vector(r, coords) for r in readings[rows[i].line]] for i in group]
        size = math.prod(len(c) for c in choices)
        if not size or size == 1 or size > left:
            continue
        left -= size
        found = _settling(choices[0], choices[1:])
        if found is not None:
            for i, k in zip(group, found):
                readings[rows[i].line] = [readings[rows[i].line][k]]


def _vector(reading: dict[str, dict[str, object]], coords: list[tuple[str, str]]) -> tuple[tuple[int, ...], int]:
    """A reading's figures per side × role (an empty cell 0), and which of them it prints (a bit each)."""
    values = tuple(reading[side].get(role, 0) for side, role in coords)
    return values, sum(1 << k for k, (side, role) in enumerate(coords) if role in reading[side])


def _settling(totals: list[tuple[tuple[int, ...], int]], members: list[list[tuple[tuple[int, ...], int]]]
              ) -> list[int] | None:
    """The indexes of the total's and each member's reading in the one combination under which the fewest of
    the total's sums fail, none or one, and two at least hold (a sum of nothing printed tests nothing); None
    where no combination or several do."""
    scored: dict[int, list[list[int]]] = {}
    for picked in product(*(range(len(m)) for m in members)):
        parts = [members[j][k] for j, k in enumerate(picked)]
        sums = [sum(col) for col in zip(*(values for values, _printed in parts))]
        printed = 0
        for _values, bits in parts:
            printed |= bits
        for k, (total, bits) in enumerate(totals):
            tested = printed | bits
            failed = sum(1 for c, v in enumerate(sums) if v != total[c])
            held = bin(tested).count("1") - failed
            if failed <= 1 and held >= 2:
                scored.setdefault(failed, []).append([k, *picked])
    best = min(scored, default=None)
    return scored[best][0] if best is not None and len(scored[best]) == 1 else None


def _spans(rows: list[_Line], headings: list[tuple[int, str]]) -> dict[int, int]:
    """Each `… yhteensä` row -> the first row it sums: the one after the heading it names (`Kaupunginhallitus`
    for `Kaupunginhallitus yhteensä`), else after the last heading or total above it; a `YHTEENSÄ` naming
    nothing sums the whole table (its totals in place of their rows, ``_members``)."""
    out: dict[int, int] = {}
    for t, row in enumerate(rows):
        m = lay._TOTAL_RE.match(row.label)
        if m is None:
            continue
        name = lay._fold(m["name"])
        named = [n for n, text in headings if n < row.line and name and lay._fold(text) == name]
        if named:
            out[t] = next(i for i, r in enumerate(rows) if r.line > named[-1])
            continue
        if not name:
            out[t] = 0
            continue
        after = max([*(n for n, _text in headings if n < row.line), *(rows[i].line for i in out)], default=0)
        out[t] = next((i for i, r in enumerate(rows) if r.line > after), t)
    return out


def _members(t: int, start: int, spans: dict[int, int]) -> list[int]:
    """The rows a total sums: those from ``start`` to it, a total among them in place of the rows it sums."""
    out, j = [], t - 1
    while j >= start:
        out.append(j)
        j = spans[j] - 1 if j in spans and spans[j] >= start else j - 1
    return out
