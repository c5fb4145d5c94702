"""Budget decisions printed in council minutes (pöytäkirja): a table of investment projects whose unused
appropriations are carried to the next year (määrärahojen siirto) or granted again as a lisämääräraha.

Minutes are no budget book: one page header names the body and the meeting (``Kaupunginvaltuusto
17.02.2025``), each item starts at its own ``§ N`` line, and an item that came through other bodies prints
each stage (``Tekninen lautakunta, 28.01.2025, § 9`` … ``Kaupunginvaltuusto, 17.02.2025, § 8``) with its
proposal, so one table is printed once per stage. The copy under the minutes' own body and date is the
decision's; the others are compared with it, never recorded.

A table is found by its header (``columns.toml`` ``[minutes_roles]``: at least two roles, one of them
CARRIED or EXTRA). Its amount columns are where the body's amount cells line up (left or right edges, as
the PDF sets them), each named by the header words above it. A row is a project code and name with its
amounts: the label may be printed above and below its amounts (a wrapped name, centred), or its code
alone on the line above. A line of figures that makes no row (a subsidy noted inside a cell) is left for
the listing, as is a row whose carried or granted cell is not on its line.

Nothing here writes or knows a ledger; ``minutesplan`` makes the events.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache

from ledger.books.layout import VOCABULARY_FILE
from ledger.domain.money import AmountError, parse_amount, parse_date

CODE, ESTIMATE, BUDGET, USED, UNUSED, CARRIED, EXTRA = "CODE", "ESTIMATE", "BUDGET", "USED", "UNUSED", "CARRIED", "EXTRA"
#: characters a PDF may hold in its text that print nothing (a zero-width space after each comma)
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_DATE = r"(?P<date>[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4})"
#: a stage of an item: ``Tekninen lautakunta, 28.01.2025, § 9`` or ``Tekninen lautakunta, § 9, 28.01.2025``
_STAGE_RES = (re.compile(rf"^(?P<organ>[^\W\d][^,§]*?),\s*{_DATE},?\s*§\s*(?P<section>[0-9]+)$"),
              re.compile(rf"^(?P<organ>[^\W\d][^,§]*?),\s*§\s*(?P<section>[0-9]+),\s*{_DATE}$"))
#: an item's own line, ``§ 8``: where an item starts, for the tables read here and the sentences ``prose`` reads
ITEM_RE = re.compile(r"^§\s*(?P<section>[0-9]+)$")
_MEETING_RE = re.compile(rf"^(?P<organ>[^\W\d][^0-9]*?)\s+{_DATE}$")
_CODE_RE = re.compile(r"^[0-9][0-9A-Za-z./-]{2,}$")
_YEAR_RE = re.compile(r"^(?:19|20)[0-9]{2}$")
#: how far (em) a cell's edge may stand from its column's and still be in it
ALIGN_EM = 0.25
#: how many lines a table's header may take
HEADER_LINES = 4


@dataclass(frozen=True)
class Meeting:
    """The minutes' own body and day, as their running header prints them."""

    organ: str
    date: dt.date
    lines: tuple[str, ...]  # the running header's lines, digits folded (a page number differs per page)


@dataclass(frozen=True)
class Stage:
    """An item's stage: a body's decision on it (``Kaupunginhallitus, 03.02.2025, § 29``)."""

    organ: str
    date: dt.date
    section: str
    line: int


@dataclass
class Row:
    """A project's row: its code, name, group heading and amounts by role, in cents as printed."""

    line: int
    code: str
    name: str
    group: str
    amounts: dict[str, int] = field(default_factory=dict)
    lines: list[int] = field(default_factory=list)


@dataclass
class MinutesTable:
    """One printed copy of a carry-over / lisämääräraha table."""

    header: list[int]
    roles: list[str | None]
    years: list[int | None]
    item: str
    title: str
    stage: Stage | None
    carry_words: bool
    #: the text above it puts it to the valtuusto (``[minutes]`` ``proposal``: `esittää valtuustolle`)
    to_council: bool = False
    rows: list[Row] = field(default_factory=list)
    total: tuple[int, dict[str, int]] | None = None
    stray: list[int] = field(default_factory=list)
    end: int = 0

    @property
    def read_lines(self) -> set[int]:
        return set(self.header) | {n for r in self.rows for n in r.lines} | ({self.total[0]} if self.total else set())


@dataclass
class MinutesReading:
    meeting: Meeting | None
    tables: list[MinutesTable] = field(default_factory=list)
    #: the grants the minutes decide in a sentence, not a table (``ledger.books.prose``)
    grants: list = field(default_factory=list)


# --- vocabulary ---------------------------------------------------------------------------------


@cache
def _vocabulary() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    with VOCABULARY_FILE.open("rb") as f:
        doc = tomllib.load(f)
    fold = lambda words: tuple(w.casefold() for w in words)  # noqa: E731
    return ({k: fold(v) for k, v in doc["minutes_roles"].items()}, {k: fold(v) for k, v in doc["minutes"].items()})


def _squeezed(text: str) -> str:
    return "".join(text.casefold().replace("€", "").split())


def role_of(words: list[str]) -> str | None:
    """A column's role: the longest ``[minutes_roles]`` phrase its stacked words hold, spaces dropped."""
    text = _squeezed("".join(w for w in words if not _YEAR_RE.match(w)))
    found = [(len(p), role) for role, phrases in _vocabulary()[0].items() for p in phrases if _squeezed(p) in text]
    return max(found)[1] if found else None


def _word_roles(text: str) -> set[str]:
    """The roles a line's words begin (a broken `Määrära` begins `määräraha`): a header candidate's test."""
    found = set()
    for word in re.findall(r"[^\W\d_][\w.+-]*", text.casefold()):
        for role, phrases in _vocabulary()[0].items():
            if any(p.split()[0] == word or (len(word) >= 6 and p.split()[0].startswith(word)) for p in phrases):
                found.add(role)
    return found


def _said(line: str, key: str) -> bool:
    """The line starts with one of ``[minutes]`` ``key``'s words."""
    folded = line.casefold().strip()
    return any(folded == w or folded.startswith(w + " ") for w in _vocabulary()[1][key])


def holds(text: str, key: str) -> bool:
    """Whether ``text`` has one of ``[minutes]`` ``key``'s words anywhere in it (``_said``: at its start); shared
    with ``minutesplan``, which asks it of a grant decided in a sentence as of a table's item."""
    folded = " ".join(text.casefold().split())
    return any(w in folded for w in _vocabulary()[1][key])


# --- the page: cells ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cell:
    text: str
    x0: float
    x1: float
    size: float


def _cells(text_line) -> list[_Cell]:
    return [_Cell(" ".join(c.raw.translate(INVISIBLE).split()), c.x0, c.x1, c.size or 10.0)
            for c in text_line.cells if c.raw.translate(INVISIBLE).strip()]


def _amount(text: str) -> int | None:
    try:
        return parse_amount(text.replace("\u2013", "-"))
    except AmountError:
        return None


# --- the minutes ---------------------------------------------------------------------------------


def meeting_of(lines: list[str]) -> Meeting | None:
    """The body and day of minutes: a running header with the document's word (``pöytäkirja``) and, on the
    next line, the body and date. An agenda (esityslista) or a budget book has none."""
    for i, line in enumerate(lines[:6]):
        words = line.translate(INVISIBLE).casefold().split()
        if not any(w in words for w in _vocabulary()[1]["document"]):
            continue
        below = " ".join(lines[i + 1].translate(INVISIBLE).split()) if i + 1 < len(lines) else ""
        match = _MEETING_RE.match(below)
        if match:
            try:
                day = parse_date(match["date"])
            except AmountError:
                return None
            return Meeting(match["organ"], day, (_folded(line), _folded(below)))
    return None


def _folded(line: str) -> str:
    return re.sub(r"[0-9]+", "#", " ".join(line.translate(INVISIBLE).split()))


def stage_of(line: str, number: int) -> Stage | None:
    """The stage ``line`` (line ``number``) prints, None for any other line; shared with ``prose``, whose
    sentences follow the same items' stages."""
    for pattern in _STAGE_RES:
        match = pattern.match(line)
        if match:
            try:
                return Stage(match["organ"].strip(), parse_date(match["date"]), match["section"], number)
            except AmountError:
                return None
    return None


def read_minutes(lines: list[str], text_lines: list) -> MinutesReading:
    """Every carry-over / lisämääräraha table of the minutes, each with its item, stage and rows; and the
    grants decided in a sentence (``prose``)."""
    clean = [" ".join(line.translate(INVISIBLE).split()) for line in lines]
    meeting = meeting_of(clean)
    reading = MinutesReading(meeting)
    if meeting is None or len(text_lines) != len(lines):
        return reading
    furniture = {n for n, line in enumerate(clean, 1) if _folded(line) in meeting.lines}
    cells = [_cells(t) for t in text_lines]
    item, title, stage, item_start = "", "", None, 0
    n = 1
    while n <= len(clean):
        line = clean[n - 1]
        if (found := ITEM_RE.match(line)) and n not in furniture:
            item, title, item_start = found["section"], _next_text(clean, n, furniture), n
            stage = None
        elif (found_stage := stage_of(line, n)) is not None:
            stage = found_stage
        elif n not in furniture and _is_header(clean, cells, n, furniture):
            context = " ".join(clean[max(item_start, n - 12) - 1:n - 1]) + " " + title
            table = _table(clean, cells, n, furniture, item, title, stage, holds(context, "carry"))
            if table is not None:
                above = clean[(stage.line if stage else max(item_start, 1)) - 1:n - 1]
                table.to_council = holds(" ".join(above), "proposal")
                reading.tables.append(table)
                n = table.end + 1
                continue
        n += 1
    from ledger.books.prose import read_grants

    reading.grants = read_grants(clean, furniture, meeting, {t.item for t in reading.tables})
    return reading


def _next_text(lines: list[str], n: int, furniture: set[int]) -> str:
    for m in range(n + 1, min(n + 4, len(lines) + 1)):
        if m not in furniture and lines[m - 1]:
            return lines[m - 1]
    return ""


def _is_header(lines: list[str], cells: list[list[_Cell]], n: int, furniture: set[int]) -> bool:
    """A line naming two roles or more, one of them CARRIED or EXTRA, with a line of amounts soon below."""
    roles = _word_roles(lines[n - 1]) - {CODE}
    if len(roles) < 2 or not roles & {CARRIED, EXTRA} or _grouped(cells[n - 1]):
        return False
    return any(len(_amounts_in(cells[m - 1])) >= 2 for m in range(n + 1, min(n + 8, len(lines) + 1)))


def _amounts_in(cells: list[_Cell]) -> list[_Cell]:
    """The cells that are amounts, a leading code (``091080``: no digit groups) aside."""
    return [c for i, c in enumerate(cells) if _amount(c.text) is not None and not (i == 0 and _CODE_RE.match(c.text))
            and not _YEAR_RE.match(c.text)]


def _grouped(cells: list[_Cell]) -> bool:
    """A cell of digit groups (``150 000``): a row's amount, never a header's broken year (``2`` / ``025``)."""
    return any(" " in c.text and _amount(c.text) is not None for c in cells)


def _header_goes_on(line: str, cells: list[_Cell]) -> bool:
    """A header's next line: role words, euro signs or years, and no amount in digit groups."""
    if not line or _grouped(cells) or _said(line, "total"):
        return False
    return bool(_word_roles(line)) or line.count("€") >= 2 or any(_YEAR_RE.match(c.text) for c in cells)


def _table(lines: list[str], cells: list[list[_Cell]], n: int, furniture: set[int], item: str, title: str,
           stage: Stage | None, carry_words: bool) -> MinutesTable | None:
    header = [n]
    while len(header) < HEADER_LINES and header[-1] < len(lines):
        m = header[-1] + 1
        if m in furniture or not _header_goes_on(lines[m - 1], cells[m - 1]):
            break
        header.append(m)
    body, total, end = _body(lines, header[-1] + 1, furniture)
    figured = [m for m in body if len(_amounts_in(cells[m - 1])) >= 2]
    columns = _columns([c for m in body + ([total] if total else []) for c in _amounts_in(cells[m - 1])],
                       2 if len(figured) >= 2 else 1)
    if len(columns) < 2:
        return None
    words = _header_words([cells[m - 1] for m in header], columns)
    roles = [role_of(w) for w in words]
    if not {CARRIED, EXTRA} & set(roles):
        return None
    years = [_year(w) for w in words]
    table = MinutesTable(header, roles, years, item, title, stage, carry_words, end=end)
    _rows(table, body, cells, columns)
    if total is not None:
        table.total = (total, _on_columns(cells[total - 1], columns, roles)[0])
    return table


def _body(lines: list[str], start: int, furniture: set[int]) -> tuple[list[int], int | None, int]:
    """The table's body lines (running headers aside), its total line if any, and its last line."""
    body: list[int] = []
    m = start
    while m <= len(lines) and len(body) < 200:
        line = lines[m - 1]
        if m in furniture or not line:
            m += 1
            continue
        if _said(line, "total"):
            return body, m, m
        if _said(line, "ends") or ITEM_RE.match(line) or stage_of(line, m) is not None:
            break
        body.append(m)
        m += 1
    return body, None, m - 1


def _columns(amounts: list[_Cell], least: int) -> list[tuple[float, float, float, bool]]:
    """The amount columns: where ``least`` cells or more line up (two, one in a table of one row), on their
    left edges or on their right (whichever holds more of them), as (edge, left, right, by left edge)."""
    best: list[tuple[float, float, float, bool]] = []
    for by_left in (True, False):
        groups: list[list[_Cell]] = []
        for cell in sorted(amounts, key=lambda c: c.x0 if by_left else c.x1):
            edge = cell.x0 if by_left else cell.x1
            last = groups[-1][-1] if groups else None
            if last is not None and abs(edge - (last.x0 if by_left else last.x1)) <= ALIGN_EM * cell.size:
                groups[-1].append(cell)
            else:
                groups.append([cell])
        found = [(_median([c.x0 if by_left else c.x1 for c in g]), min(c.x0 for c in g),
                  max(c.x1 for c in g), by_left) for g in groups if len(g) >= least]
        if found and (not best or _held(found, amounts) > _held(best, amounts)):
            best = found
    return best


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _held(columns, amounts: list[_Cell]) -> int:
    return sum(_column_of(c, columns) is not None for c in amounts)


def _column_of(cell: _Cell, columns) -> int | None:
    for index, (edge, _left, _right, by_left) in enumerate(columns):
        if abs((cell.x0 if by_left else cell.x1) - edge) <= ALIGN_EM * cell.size:
            return index
    return None


def _header_words(lines: list[list[_Cell]], columns) -> list[list[str]]:
    """Each column's header words, top to bottom: a word belongs to the column its span overlaps most (a
    cell's words placed in proportion to their letters), else to the nearest within 2 em; digits set off
    the word before them (a year broken `Lisämääräraha 2` / `025`) to that word's column."""
    words: list[list[str]] = [[] for _ in columns]
    for line in lines:
        before = None
        for index, part in _placed(line, columns):
            index = index if index is not None else before if part.isdigit() else None
            if index is not None:
                words[index].append(part)
                before = index
    return words


def _placed(cells: list[_Cell], columns):
    for cell in cells:
        parts = cell.text.split()
        width = (cell.x1 - cell.x0) / max(len(cell.text), 1)
        at = cell.x0
        for part in parts:
            left, right = at, at + width * len(part)
            at = right + width
            overlaps = [(min(right, r) - max(left, l), i) for i, (_e, l, r, _b) in enumerate(columns)]
            overlap, index = max(overlaps)
            if overlap <= 0:  # beside a column (a year's digit set off its word): the nearest, within 2 em
                gap, index = min((max(l - right, left - r), i) for i, (_e, l, r, _b) in enumerate(columns))
                overlap = 1 if gap <= 2 * cell.size else 0
            yield (index if overlap > 0 else None), part


def _year(words: list[str]) -> int | None:
    digits = "".join(w for w in words if w.isdigit())
    found = re.findall(r"(?:19|20)[0-9]{2}", digits)
    return int(found[-1]) if found else None


def _on_columns(cells: list[_Cell], columns, roles) -> tuple[dict[str, int], list[_Cell], int]:
    """A line's amounts on the columns by role, its other cells (the label), and its amounts off them."""
    amounts: dict[str, int] = {}
    labels: list[_Cell] = []
    off = 0
    for i, cell in enumerate(cells):
        value = _amount(cell.text)
        index = _column_of(cell, columns) if value is not None and not (i == 0 and _CODE_RE.match(cell.text)) else None
        if index is not None:
            if roles[index] not in (None, CODE):
                amounts[roles[index]] = value  # type: ignore[index]
        elif value is not None and cell.x1 > columns[0][1] and not _CODE_RE.match(cell.text):
            off += 1
        elif cell.x0 < columns[0][1] - ALIGN_EM * cell.size:
            labels.append(cell)
        else:
            off += value is not None  # a note inside an amount cell (`Myönnettävä avustus`): no label
    return amounts, labels, off


def _rows(table: MinutesTable, body: list[int], cells: list[list[_Cell]], columns) -> None:
    """The rows: a line of two amounts or more with its label, the code above it where the line has none, the
    name's rest below it where the label was set around the amounts."""
    pending: list[tuple[int, str]] = []
    group, below, last = "", 0, None
    for m in body:
        amounts, labels, off = _on_columns(cells[m - 1], columns, table.roles)
        text = " ".join(c.text for c in labels)
        if len(amounts) < 2:
            if amounts or off:
                table.stray.append(m)
            elif below and last is not None:
                last.name, last.lines, below = f"{last.name} {text}".strip(), last.lines + [m], below - 1
            elif labels:
                pending.append((m, text))
            continue
        code, name = _code_name(text)
        lines = [m]
        if code is None and pending and (above := _code_name(pending[-1][1]))[0] is not None:
            code, name, lines = above[0], f"{above[1]} {name}".strip(), [pending[-1][0], m]
            pending.pop()
            below = 1 if not text else 0
        else:
            below = 0
        group = _group(pending) or group
        pending = []
        if code is None:
            table.stray.append(m)
            continue
        last = Row(m, code, name, group, amounts, lines)
        table.rows.append(last)


def _code_name(text: str) -> tuple[str | None, str]:
    first, _, rest = text.partition(" ")
    return (first, rest.strip()) if _CODE_RE.match(first) else (None, text)


def _group(pending: list[tuple[int, str]]) -> str:
    """A group heading above a row: the first run of label lines without a code, joined (a wrapped
    `Rakennus- ja` / `kiinteistöpalvelut`)."""
    run: list[str] = []
    for number, text in pending:
        if _code_name(text)[0] is not None:
            break
        if run and number != previous + 1:
            break
        run.append(text)
        previous = number
    return " ".join(run)
