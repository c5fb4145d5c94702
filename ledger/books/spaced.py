"""Read the space-separated tables of a budget book (books 002 and 003).

These books print a row as a label and numbers joined by single spaces, with the
thousands inside a number single spaces too, so one row can often be read several
ways (``splitter.split_row`` lists them all). This module returns the same
``Table`` / ``Row`` / ``Cell`` structures as ``tables.read_tab_tables`` and picks
each row's reading with the book's own evidence only:

* a percent cell must match its row (``percent_consistent``): Toteuma-% is
  Toteuma / Muutettu TA (or TA where the table has no Muutettu TA), MUUTOS % is
  MUUTOS € / |TA+muutos|;
* identities between rows, tried jointly over the candidate readings of all the
  rows involved: NETTOMENO = MENOT + TULOT, TOIMINTAKATE = TOIMINTATUOTOT +
  TOIMINTAKULUT, a block's total row (label = block name, "TOIMINTATUOTOT") = the
  sum of the block's rows above it, and in määrärahat tables MUUTOS € =
  |TA| - |TA+muutos| (the book compares magnitudes, like ``money.change_percent``).

An identity is scored column by column and the combinations that satisfy it in
the most columns are kept, so a book that is off by 1 € in one column (003, line
724) still decides the other columns; rows nothing decides keep all readings. A
row left with several readings is not guessed: it goes to ``not_understood`` with
"ambiguous: …" (and what ``tie_break`` would pick, as a hint for a person).

Layout handled: headers over several lines (kinds over years, "MUUTOS" over
"€ / %", or 002's one-heading-per-line stack), titles wrapped onto the line above
the header, labels and text cells wrapped over lines ("hallinto-" /
"palveluissa"), block headings ("Keskusvaalilautakunta", "64110000
HALLINTOPALVELUT", "Kemijärvi historia 3"), and tables of a new unit that print
only the last columns (read right-aligned, the leading cells empty).

Key-figure tables ("Tunnusluvut …", 002's "Suorite …") are not read: their rows
mix counts, decimals and percentages and the PDF text scatters them. One printed
inside a figure table (003, line 2107) has its lines reported in that table's
``not_understood``. A table ends at a line without figures that is not a block
heading (prose), or at the next header. Pure functions over text, integers only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import product
from math import prod

from ledger.books.splitter import (
    SplitResult,
    percent_consistent,
    resolve,
    split_row,
    tie_break,
    tokenize,
)
from ledger.books.tables import Block, Cell, Column, NotUnderstood, Row, Table, parse_column
from ledger.locale.reason import Reason
from ledger.domain.money import AmountTooLarge, limit_text, parse_amount

__all__ = ["read_spaced_tables"]

Value = int | str | None
Reading = tuple[Value, ...]

EMPTY = ""  # a leading cell a right-aligned row does not print
_YEAR_RE = re.compile(r"[0-9]{4}\**")
_PERIOD_RE = re.compile(r"[0-9]{1,2}\s*[-\u2013]\s*[0-9]{1,2}\s*/\s*[0-9]{4}")
_UNITS = frozenset({"€", "%"})
_KEY_FIGURES_RE = re.compile(r"\s*(?:Tunnusluvut|Suorite)\s+TP\b")
#: Joint checks over more combinations than this are skipped (the rows then stay as they are).
MAX_COMBINATIONS = 200_000


@dataclass(frozen=True)
class _Header:
    """A header's lines (0-based, incl. a wrapped title), title and columns; None columns = key figures."""

    lines: tuple[int, ...]
    title: str | None
    columns: list[Column] | None


@dataclass(frozen=True)
class _Pending:
    """A row before its reading is decided: its readings over all columns and over the last ones."""

    line: int
    block: str | None
    label: str
    text: str
    result: SplitResult
    lead: int  # leading columns the row does not print
    by_lead: dict[int, SplitResult]


# --- headers ----------------------------------------------------------------------------


def _is_kind(word: str) -> bool:
    col = parse_column(word)
    return col is not None and col.year is None


def _kind(word: str) -> str:
    """The column kind a heading word names, as ``tables.parse_column`` spells it ("TA+MUUTOS")."""
    col = parse_column(word)
    return col.kind if col is not None else " ".join(word.split()).upper()


def _is_heading_word(word: str) -> bool:
    """A word that can appear in a header: a kind, a year, a period, a unit, or 002's 'Muutettu'."""
    return (
        _is_kind(word)
        or word.upper() == "MUUTETTU"
        or word in _UNITS
        or bool(_YEAR_RE.fullmatch(word) or _PERIOD_RE.fullmatch(word))
    )


def _split_title(line: str) -> tuple[str, list[str]] | None:
    """(title, heading words) when the line ends with heading words that start with a kind."""
    words = line.split()
    start = len(words)
    while start > 0 and _is_heading_word(words[start - 1]):
        start -= 1
    while start < len(words) and not _is_kind(words[start]) and words[start].upper() != "MUUTETTU":
        start += 1
    if start == len(words):
        return None
    return " ".join(words[:start]), words[start:]


def _stacked_columns(words: Sequence[str]) -> list[Column] | None:
    """Columns from heading words read in order: a kind (1-2 words) then maybe its year or period."""
    cols: list[Column] = []
    i = 0
    while i < len(words):
        for size in (2, 1):
            kind = " ".join(words[i : i + size])
            if len(words) >= i + size and _is_kind(kind):
                break
        else:
            return None
        i += size
        dated = parse_column(f"{kind} {words[i]}") if i < len(words) else None
        if dated is not None and dated.year is not None:
            i += 1
            cols.append(dated)
        else:
            cols.append(Column(_kind(kind), None))
    return cols


def _zipped_columns(kinds: Sequence[str], below: Sequence[str]) -> list[Column] | None:
    """Columns from a line of kinds over a line of years or units ("2025 2026 € %")."""
    if len(kinds) < 2 or len(kinds) != len(below) or not all(_is_kind(k) for k in kinds):
        return None
    cols = []
    for kind, word in zip(kinds, below, strict=True):
        if word in _UNITS:
            cols.append(Column(f"{_kind(kind)} {word}", None))
        elif _YEAR_RE.fullmatch(word):
            cols.append(Column(_kind(kind), int(word.rstrip("*"))))
        else:
            return None
    return cols


def _next_nonblank(lines: Sequence[str], i: int) -> int | None:
    """Index of the first non-blank line at or after ``i``."""
    while i < len(lines):
        if lines[i].strip():
            return i
        i += 1
    return None


def _header_at(lines: Sequence[str], i: int) -> _Header | None:
    """The header starting at line ``i`` (0-based), or None.

    Tries kinds over a years/units line first (003), then 002's stack of heading
    lines; a header needs two columns, so prose ending in "TA" is no header.
    """
    if _KEY_FIGURES_RE.match(lines[i]):
        return _Header((i,), lines[i].split()[0], None)
    split = _split_title(lines[i])
    if split is None:
        return None
    title, words = split
    below = _next_nonblank(lines, i + 1)
    if below is not None and (cols := _zipped_columns(words, lines[below].split())):
        return _titled(lines, (i, below), title, cols)
    used = [i]
    j = _next_nonblank(lines, i + 1)
    while j is not None and all(_is_heading_word(w) for w in lines[j].split()):
        used.append(j)
        words = [*words, *lines[j].split()]
        j = _next_nonblank(lines, j + 1)
    cols = _stacked_columns(words)
    if cols is None or len(cols) < 2:
        return None
    return _titled(lines, tuple(used), title, cols)


def _titled(lines: Sequence[str], used: tuple[int, ...], title: str, cols: list[Column]) -> _Header:
    """The header with its title: its own first words, joined to a wrapped first part or the line above.

    A title starting in lower case ("palvelut toimiala") continues the line right
    above ("Konserni- ja elinvoima-"), which then belongs to the header. With no
    title of its own (002's stack) the header is named by the line right above.
    """
    first = used[0]
    above = lines[first - 1].strip() if first > 0 else ""
    if title and title[0].islower() and above and not re.search(r"[0-9]", above):
        joiner = "" if above.endswith("-") else " "
        return _Header((first - 1, *used), f"{above}{joiner}{title}", cols)
    if not title:
        return _Header(used, " ".join(above.split()) or None, cols)
    return _Header(used, title, cols)


def _find_headers(lines: Sequence[str]) -> list[_Header]:
    """Every header in the book, in order, none overlapping."""
    found: list[_Header] = []
    i = 0
    while i < len(lines):
        header = _header_at(lines, i) if lines[i].strip() else None
        if header is None:
            i += 1
            continue
        found.append(header)
        i = header.lines[-1] + 1
    return found


# --- body: logical lines, blocks, rows ---------------------------------------------------


def _has_figures(text: str) -> bool:
    return bool(tokenize(text)[1])


def _is_heading(text: str) -> bool:
    """A name alone, maybe ending in a number that belongs to it ("Kemijärvi historia 3")."""
    label, cells = tokenize(text)
    if not label:
        return False
    return not cells or (len(cells) == 1 and cells[0].kind == "group" and cells[0].text.isdigit())


def _logical_lines(lines: Sequence[str], start: int, stop: int) -> Iterator[tuple[int, str]]:
    """(0-based index of the last line, text) with wrapped labels and text cells joined.

    A line without figures continues on the next non-blank line when that starts
    in lower case ("Aineet, tarvikkeet ja" / "tavarat …", "MENOT hallinto-" /
    "palveluissa"); a trailing hyphen joins without a space ("hallinto-palveluissa").
    """
    i = start
    while i < stop:
        if not lines[i].strip():
            i += 1
            continue
        text = lines[i].rstrip()
        nxt = _next_nonblank(lines, i + 1)
        while nxt is not None and nxt < stop and not _figures_in(text) and lines[nxt].strip()[:1].islower():
            text += ("" if text.endswith("-") else " ") + lines[nxt].strip()
            i = nxt
            nxt = _next_nonblank(lines, i + 1)
        yield i, text
        i += 1


def _figures_in(text: str) -> bool:
    """Whether a line has a number, percentage or 'x' (a text cell alone may still wrap)."""
    return any(t.kind != "text" for t in tokenize(text)[1])


def _column_names(columns: Sequence[Column]) -> list[str]:
    """Unique names for ``split_row``; a name with '%' marks a percent column, as the splitter expects."""
    return [f"{i} {c.kind}" for i, c in enumerate(columns)]


class _Body:
    """Reads one table's lines into blocks, pending rows and not-understood lines."""

    def __init__(self, table: Table, lines: Sequence[str], stop: int) -> None:
        self.table, self.lines, self.stop = table, lines, stop
        self.names = _column_names(table.columns)
        self.block: str | None = None
        self.pending: list[_Pending] = []
        self.in_key_figures = False

    def read(self, start: int) -> None:
        """Consume lines from ``start`` until prose or ``stop``."""
        for i, text in _logical_lines(self.lines, start, self.stop):
            if _KEY_FIGURES_RE.match(text):
                self._note(i, text, Reason("spaced.key_figures_header"))
                self.in_key_figures = True
            elif _is_heading(text):
                if not self._heads_rows(i):
                    return
                if self.in_key_figures:
                    self._note(i, text, Reason("spaced.key_figures_line"))
                else:
                    self.block = " ".join(text.split())
                    self.table.blocks.append(Block(i + 1, self.block))
            else:
                self._row(i, text)

    def _heads_rows(self, i: int) -> bool:
        """Whether a heading at ``i`` is followed by figures, directly or under one more heading."""
        j = _next_nonblank(self.lines, i + 1)
        for _ in range(2):
            if j is None or j >= self.stop:
                return False
            if not _is_heading(self.lines[j]) and _has_figures(self.lines[j]):
                return True
            j = _next_nonblank(self.lines, j + 1)
        return False

    def _note(self, i: int, text: str, why: str) -> None:
        self.table.not_understood.append(NotUnderstood(i + 1, text, why))

    def _row(self, i: int, text: str) -> None:
        """A row with every reading that fits all columns, or the last ones; else not understood."""
        label = tokenize(text)[0]
        full = split_row(text, self.names)
        by_lead = self._right_aligned(text)
        if self.in_key_figures and not (full.candidates or by_lead):
            self._note(i, text, Reason("spaced.key_figures_line"))
            return
        self.in_key_figures = False
        if not label:
            self._note(i, text, Reason("spaced.page_number_row"))
        elif full.candidates or by_lead:
            self.pending.append(_Pending(i + 1, self.block, label, text, full, 0, by_lead))
        else:
            self.table.not_understood.append(NotUnderstood(i + 1, text, full.problem or Reason("row.no_reading_fits")))

    def _right_aligned(self, text: str) -> dict[int, SplitResult]:
        """Readings over the last columns only, by how many leading columns are left empty."""
        found = {}
        for lead in range(1, len(self.names)):
            result = split_row(text, self.names[lead:])
            if result.candidates:
                found[lead] = result
        return found


# --- deciding readings ------------------------------------------------------------------


def _pad(result: SplitResult, lead: int) -> list[Reading]:
    return [(EMPTY,) * lead + tuple(c.values()) for c in result.candidates]


def _settle_leads(body: _Body) -> list[tuple[_Pending, list[Reading]]]:
    """Every pending row with its padded readings; a table leaves out the same leading columns in every row.

    A table prints only its last columns when its unit is new (003, line 2099);
    how many it leaves out is what all its rows can agree on (a "0 0" row fixes
    it). Where all rows can fill every column, none is left out, so a misprinted
    row of a full table is reported rather than shifted.
    """
    leads = [({0} if p.result.candidates else set()) | set(p.by_lead) for p in body.pending]
    common = set.intersection(*leads) if leads else set()
    lead = 0 if 0 in common or len(common) != 1 else min(common)
    out = []
    for p, feasible in zip(body.pending, leads, strict=True):
        if lead in feasible:
            result = p.result if lead == 0 else p.by_lead[lead]
            out.append((replace(p, result=result, lead=lead), _pad(result, lead)))
        else:
            body.table.not_understood.append(NotUnderstood(p.line, p.text, _why_not_aligned(p, len(body.names))))
    return out


def _why_not_aligned(row: _Pending, width: int) -> str:
    if not row.by_lead:
        return row.result.problem or Reason("row.no_reading_fits")
    fits = ", ".join(str(width - k) for k in sorted(row.by_lead))
    return Reason("row.fewer_values", fits=fits)


def _percent_check(columns: Sequence[Column]) -> Callable[[Reading], bool] | None:
    """The row-level percent check this table's columns allow, if any."""
    kinds = [c.kind for c in columns]
    whole_kind = "MUUTETTU TA" if "MUUTETTU TA" in kinds else "TA"
    if {"TOTEUMA-%", "TOTEUMA", whole_kind} <= set(kinds):
        whole = kinds.index(whole_kind)
        return _percent_matches(kinds.index("TOTEUMA"), whole, kinds.index("TOTEUMA-%"), absolute=False)
    if "MUUTOS %" in kinds and "MUUTOS €" in kinds and kinds.index("MUUTOS €") >= 2:
        change = kinds.index("MUUTOS €")  # after "TA+muutos 2025", "TA 2026": the change from the first
        return _percent_matches(change, change - 2, kinds.index("MUUTOS %"), absolute=True)
    return None


def _percent_matches(part: int, whole: int, shown: int, *, absolute: bool) -> Callable[[Reading], bool]:
    """A check that the shown percentage is part/whole, at the precision it is printed with."""

    def check(r: Reading) -> bool:
        p, w, s = r[part], r[whole], r[shown]
        if not (isinstance(p, int) and isinstance(w, int) and isinstance(s, int)):
            return True  # nothing to compare ("x"): no evidence either way
        step = 10 if s % 10 == 0 else 1  # "24 %" is rounded to whole percents, "21,9" to tenths
        return percent_consistent(p, abs(w) if absolute else w, s, step=step)

    return check


@dataclass(frozen=True)
class _Check:
    """An identity over some rows; ``score`` counts the columns (or facts) it holds in."""

    rows: tuple[int, ...]
    score: Callable[[Sequence[Reading]], int]


def _sum_check(rows: tuple[int, ...], amount_cols: Sequence[int]) -> _Check:
    """The last row equals the sum of the others, column by column."""

    def score(readings: Sequence[Reading]) -> int:
        held = 0
        for c in amount_cols:
            nums = [v for v in (r[c] for r in readings) if isinstance(v, int)]
            if len(nums) == len(readings):
                held += nums[-1] == sum(nums[:-1])
        return held

    return _Check(rows, score)


def _change_check(row: int, old: int, new: int, change: int) -> _Check:
    """MUUTOS € = |new| - |old|, the way the books print a change."""

    def score(readings: Sequence[Reading]) -> int:
        o, n, ch = readings[0][old], readings[0][new], readings[0][change]
        if not (isinstance(o, int) and isinstance(n, int) and isinstance(ch, int)):
            return 0
        return int(ch == abs(n) - abs(o))

    return _Check((row,), score)


def _key(label: str) -> str:
    return " ".join(label.split()).upper()


def _identity_checks(rows: Sequence[_Pending], columns: Sequence[Column]) -> list[_Check]:
    """The book's identities between these rows (indexes into ``rows``)."""
    amount_cols = [i for i, c in enumerate(columns) if not c.is_percent]
    checks = [
        _sum_check((*parts, total), amount_cols)
        for parts, total in [
            *_totals(rows, "NETTOMENO", ("MENOT", "TULOT"), same_block=True),
            *_totals(rows, "TOIMINTAKATE", ("TOIMINTATUOTOT", "TOIMINTAKULUT"), same_block=False),
            *_block_totals(rows),
        ]
    ]
    kinds = [c.kind for c in columns]
    if "MUUTOS €" in kinds and kinds.index("MUUTOS €") >= 2:
        change = kinds.index("MUUTOS €")
        checks += [_change_check(i, change - 2, change - 1, change) for i in range(len(rows))]
    return checks


def _totals(
    rows: Sequence[_Pending], total: str, parts: tuple[str, ...], *, same_block: bool
) -> Iterator[tuple[tuple[int, ...], int]]:
    """(part rows, total row) for each row labelled ``total`` (or starting so, "TOIMINTAKATE/JÄÄMÄ").

    Parts are the latest rows with those labels since the previous such total, in
    the total's block -- or, unless ``same_block``, a part that is its own block's
    total (käyttötalous prints TOIMINTATUOTOT closing its own block).
    """
    since = 0
    for i, row in enumerate(rows):
        if not _key(row.label).startswith(total):
            continue
        found = {}
        for j in range(since, i):
            other = rows[j]
            own_total = other.block is not None and _key(other.block) == _key(other.label)
            if _key(other.label) in parts and (other.block == row.block or (own_total and not same_block)):
                found[_key(other.label)] = j
        if len(found) == len(parts):
            yield tuple(found[p] for p in parts), i
        since = i + 1


def _block_totals(rows: Sequence[_Pending]) -> Iterator[tuple[tuple[int, ...], int]]:
    """(rows above, total) where a row repeats its block's name: the block's total."""
    for i, row in enumerate(rows):
        if row.block is None or _key(row.block) != _key(row.label):
            continue
        parts = tuple(j for j in range(i) if rows[j].block == row.block)
        if parts:
            yield parts, i


def _propagate(candidates: list[list[Reading]], checks: Sequence[_Check]) -> None:
    """Keep, per row, the readings in some best-scoring combination of each check, until stable.

    A check where no combination holds anywhere (or the best is held by every
    reading) removes nothing, so a book error never forces a pick on its own.
    """
    changed = True
    while changed:
        changed = False
        for check in checks:
            pools = [candidates[i] for i in check.rows]
            if not 1 < prod(len(p) for p in pools) <= MAX_COMBINATIONS:
                continue
            scored = [(check.score(combo), combo) for combo in product(*pools)]
            best = max(s for s, _ in scored)
            if best == 0:
                continue
            for pos, i in enumerate(check.rows):
                keep = list(dict.fromkeys(combo[pos] for s, combo in scored if s == best))
                if len(keep) < len(candidates[i]):
                    candidates[i] = keep
                    changed = True


# --- cells ------------------------------------------------------------------------------


def _cells(text: str, reading: Reading, columns: Sequence[Column]) -> list[Cell]:
    """Cells with the text each value was printed as, taken from the row's own tokens."""
    tokens = tokenize(text)[1]
    groups = iter(t.text for t in tokens if t.kind == "group")
    percents = iter(t.text for t in tokens if t.kind == "percent")
    cells = []
    for col, value in zip(columns, reading, strict=True):
        if value == EMPTY:
            cells.append(Cell("", None, "empty"))
        elif value is None:
            cells.append(Cell("x", None, "text"))
        elif isinstance(value, str):
            cells.append(Cell(value, None, "text"))
        elif col.is_percent:
            cells.append(Cell(next(percents), value, "percent"))
        else:
            raw = " ".join(next(groups) for _ in range((len(str(abs(value))) + 2) // 3))
            cells.append(Cell(raw, parse_amount(raw), "amount"))
    return cells


def _ambiguous(row: _Pending, readings: list[Reading]) -> NotUnderstood:
    """The note for a row the book's evidence leaves open, with tie_break's guess as a hint only."""
    shown = " | ".join(" ".join("x" if v is None else str(v) for v in r[row.lead :]) for r in readings[:3])
    more = f" | … ({len(readings) - 3} more)" if len(readings) > 3 else ""
    names = row.result.columns
    as_result = replace(
        row.result, candidates=[dict(zip(names, r[row.lead :], strict=True)) for r in readings], ambiguous=True
    )
    hint = tie_break(as_result)
    guess = ""
    if not hint.ambiguous:
        guess = " ".join("x" if v is None else str(v) for v in hint.values.values())
    why = Reason("row.ambiguous_guess" if guess else "row.ambiguous", count=len(readings), readings=shown + more, guess=guess)
    return NotUnderstood(row.line, row.text, why)


def _decide(body: _Body) -> None:
    """Turn the body's pending rows into rows, or not-understood notes when still ambiguous."""
    table = body.table
    settled = _settle_leads(body)
    check = _percent_check(table.columns)
    rows = [p for p, _ in settled]
    candidates = [_percent_filtered(p, readings, check) for p, readings in settled]
    _propagate(candidates, _identity_checks(rows, table.columns))
    for row, readings in zip(rows, candidates, strict=True):
        if len(readings) != 1:
            table.not_understood.append(_ambiguous(row, readings))
            continue
        try:
            table.rows.append(Row(row.line, row.block, row.label, _cells(row.text, readings[0], table.columns)))
        except AmountTooLarge as exc:
            table.not_understood.append(NotUnderstood(row.line, row.text, Reason("row.past_limit", raw=repr(exc.text),
                                                                                 limit=limit_text())))
    table.rows.sort(key=lambda r: r.line)
    table.not_understood.sort(key=lambda n: n.line)


def _percent_filtered(row: _Pending, readings: list[Reading], check: Callable[[Reading], bool] | None) -> list[Reading]:
    """Readings whose percent cell matches (``splitter.resolve``); all of them if none does."""
    if check is None or len(readings) < 2:
        return readings
    pad = (EMPTY,) * row.lead

    def on_mapping(values: Mapping[str, Value]) -> bool:
        return check(pad + tuple(values.values()))

    kept = resolve(row.result, on_mapping)
    return readings if kept.problem else _pad(kept, row.lead)


# --- entry point ------------------------------------------------------------------------


def read_spaced_tables(text: str) -> list[Table]:
    """Every space-separated table of figures in ``text``, in book order.

    Lines outside a table are not reported; inside one, every line becomes part
    of a header, a block, a row (the row's line is the last line it spans), or a
    ``not_understood`` entry. Never raises on a book.
    """
    lines = text.splitlines()
    headers = _find_headers(lines)
    tables: list[Table] = []
    for n, header in enumerate(headers):
        if header.columns is None:
            continue
        table = Table(header.title, tuple(i + 1 for i in header.lines), header.columns)
        body = _Body(table, lines, _body_stop(headers[n + 1 :], len(lines)))
        body.read(header.lines[-1] + 1)
        _decide(body)
        tables.append(table)
    return tables


def _body_stop(later: Sequence[_Header], end: int) -> int:
    """Where a body must stop: the next figure header (a key-figure header is read through)."""
    return next((h.lines[0] for h in later if h.columns is not None), end)
