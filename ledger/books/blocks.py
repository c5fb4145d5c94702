"""Tulosalue blocks of a tilinpäätös's toteutumisvertailu, read from the book's text.

A TP book (kuntalaki 113 §) prints one block per tulosalue, Seinäjoki's 8.1 for example::

    Tulosalue 120 Tarkastustoimi                     <- title: code and name
    120 TARKASTUSTOIMI                               <- the same in capitals (name maybe on the next line)
    Talous Talousarvio € Toteutuma € Poikkeama €     <- header: no year, the year is the book's
    Toimintatulot Alkuperäinen 200                   <- TA
    Yhteensä 200 375 175                             <- TA+MUUTOS, TOTEUMA, POIKKEAMA
    Toimintamenot Alkuperäinen 192 100
    Kv 22.4. §26 Muutos -4 000                       <- MUUTOS under a decision, as printed
    Yhteensä 191 200 203 437 -12 237
    Netto (Toimintakate) -191 000 -203 062 -12 062

Text alone does not say where one number ends (``191 200 203 437 -12 237``), nor whether the book
prints expenses positive. Both are read from the block's own arithmetic and nothing else: the
TA and MUUTOS rows must add up to the Yhteensä row's TA+MUUTOS, its POIKKEAMA must be TOTEUMA −
TA+MUUTOS (in the ledger's sign, expenses negative, or in the printed one: which, is said), and the
Netto row must be tulot − menot (expenses printed positive) or tulot + menot (printed negative).
A block is read only when exactly one reading fits all of it; otherwise its rows are listed with
why, never guessed. Pure functions over lines of text; no ledger imports.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ledger.books.splitter import splits
from ledger.books.unread import carries_figures
from ledger.locale.reason import Reason

TA, MUUTOS, TA_MUUTOS, TOTEUMA, POIKKEAMA = "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"
TULOT, MENOT, NETTO = "tulot", "menot", "netto"
#: the labels the book prints for the two sides and the net line, as printed
SIDES = {"toimintatulot": TULOT, "toimintamenot": MENOT}
TOTAL_ROLES = (TA_MUUTOS, TOTEUMA, POIKKEAMA)

_TITLE_RE = re.compile(r"^Tulosalue\s+(?P<code>[0-9]{1,10})\s+(?P<name>\S.*)$", re.IGNORECASE)
_CAPITALS_RE = re.compile(r"^(?P<code>[0-9]{1,10})(?:\s+(?P<name>\S.*))?$")
_HEADING_RE = re.compile(r"^Palvelukeskus\s+(?P<name>\S.*)$", re.IGNORECASE)
_HEADER_RE = re.compile(r"^Talous\s+(?P<words>.*(?:Talousarvio|Toteutuma|Poikkeama).*)$", re.IGNORECASE)
_NUMBERS_RE = re.compile(r"(?P<label>.*?)(?P<groups>(?:\s+[-\u2212]?[0-9]{1,3})+)\s*$")
_ORIGINAL_RE = re.compile(r"^(?P<side>Toimintatulot|Toimintamenot)\s+Alkuperäinen$", re.IGNORECASE)
_CHANGE_RE = re.compile(r"^(?P<decision>\S.*§\s*\S+)\s+Muutos$", re.IGNORECASE)
_TOTAL_RE = re.compile(r"^Yhteensä$", re.IGNORECASE)
_NET_RE = re.compile(r"^Netto\b.*$", re.IGNORECASE)


@dataclass(frozen=True)
class BlockCell:
    """One printed amount of a block: its line (1-based), role, side and euros as printed."""

    line: int
    label: str
    role: str
    side: str
    printed: int
    decision: str = ""


@dataclass(frozen=True)
class Listed:
    """A line the reader did not read, and why."""

    line: int
    text: str
    why: str


@dataclass
class Block:
    """One tulosalue: its code and names, and (once confirmed) its cells in the book's order."""

    code: str
    name: str
    line: int
    heading: str = ""
    capitals: str = ""
    header: str = ""
    rows: list[tuple[int, str, str, tuple[str, ...]]] = field(default_factory=list)
    cells: list[BlockCell] = field(default_factory=list)
    expenses_positive: bool | None = None
    deviation_in_ledger_sign: bool | None = None


@dataclass
class BlockReading:
    """Every block found, the lines listed, and the sign conventions the blocks showed."""

    blocks: list[Block]
    listed: list[Listed]

    @property
    def cells(self) -> list[BlockCell]:
        return [cell for block in self.blocks for cell in block.cells]

    @property
    def expenses_positive(self) -> bool | None:
        """True/False when every read block shows the same convention, None when none or they differ."""
        seen = {b.expenses_positive for b in self.blocks if b.expenses_positive is not None}
        return seen.pop() if len(seen) == 1 else None


def read_blocks(lines: Sequence[str]) -> BlockReading:
    """Read every tulosalue block in ``lines`` (a book's text, one printed line each)."""
    blocks: list[Block] = []
    listed: list[Listed] = []
    heading = ""
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        if match := _HEADING_RE.match(text):
            heading = match["name"]
        elif match := _TITLE_RE.match(text):
            blocks.append(Block(code=match["code"], name=match["name"].strip(), line=number, heading=heading))
        elif not blocks:
            if carries_figures(text):
                listed.append(Listed(number, text, Reason("block.before_any")))
        else:
            _take(blocks[-1], number, text, listed)
    for block in blocks:
        listed.extend(_confirm(block))
    return BlockReading(blocks, listed)


def _take(block: Block, number: int, text: str, listed: list[Listed]) -> None:
    """Put one line of a block where it belongs: capitals line, header, or an amount row; prose
    between blocks (a line without figures) is no row and is left, as every reader leaves it."""
    if not block.header and not block.rows:
        if _HEADER_RE.match(text):
            block.header = text
            return
        if match := _CAPITALS_RE.match(text):
            if match["code"] != block.code:
                listed.append(Listed(number, text, Reason("block.code_under_title", code=match["code"], block=block.code)))
            block.capitals = (match["name"] or "").strip()
            return
        if block.capitals == "" and text.isupper():
            block.capitals = text
            return
    match = _NUMBERS_RE.fullmatch(text)
    if match is None or not match["label"].strip():
        if carries_figures(text):
            listed.append(Listed(number, text, Reason("block.no_row")))
        return
    block.rows.append((number, match["label"].strip(), text, tuple(match["groups"].split())))


@dataclass(frozen=True)
class _Side:
    """One side's rows: the TA row, the MUUTOS rows, the Yhteensä row (line, label, groups)."""

    side: str
    original: tuple[int, str, tuple[str, ...]]
    changes: list[tuple[int, str, tuple[str, ...]]]
    total: tuple[int, str, tuple[str, ...]] | None


def _sides(block: Block) -> tuple[dict[str, _Side], tuple[int, str, tuple[str, ...]] | None, list[Listed]]:
    """Group the block's rows into its sides and the net row; rows of no known shape are listed."""
    sides: dict[str, _Side] = {}
    net = None
    current: str | None = None
    listed: list[Listed] = []
    for number, label, text, groups in block.rows:
        if match := _ORIGINAL_RE.match(label):
            current = SIDES[match["side"].lower()]
            sides[current] = _Side(current, (number, label, groups), [], None)
        elif current and _CHANGE_RE.match(label) and sides[current].total is None:
            sides[current].changes.append((number, label, groups))
        elif current and _TOTAL_RE.match(label) and sides[current].total is None:
            sides[current] = _Side(current, sides[current].original, sides[current].changes, (number, label, groups))
        elif _NET_RE.match(label) and net is None:
            net = (number, label, groups)
        else:
            listed.append(Listed(number, text, Reason("block.unknown_shape")))
    return sides, net, listed


def _one(groups: tuple[str, ...]) -> int | None:
    readings = splits(groups, 1)
    return readings[0][0] if len(readings) == 1 else None


def _confirm(block: Block) -> list[Listed]:
    """Read the block's cells if exactly one reading fits its arithmetic; else list its rows."""
    sides, net, listed = _sides(block)
    rows = [(n, t) for n, _l, t, _g in block.rows]
    if set(sides) != {TULOT, MENOT} or net is None or any(s.total is None for s in sides.values()):
        return listed + [Listed(n, t, Reason("block.lacks_side", block=block.code))
                         for n, t in rows]
    singles = {side: ([_one(s.original[2])] + [_one(c[2]) for c in s.changes]) for side, s in sides.items()}
    if any(v is None for values in singles.values() for v in values):
        return listed + [Listed(n, t, Reason("block.not_one_amount", block=block.code)) for n, t in rows]
    fits = list(_fits(sides, singles, net))
    readings = {(tuple(f[0][TULOT]), tuple(f[0][MENOT]), tuple(f[1])) for f in fits}
    if len(readings) != 1:
        why = (Reason("block.no_reading_fits", block=block.code) if not readings else
               Reason("block.readings_fit", block=block.code, count=len(readings)))
        return listed + [Listed(n, t, why) for n, t in rows]
    totals, netto = fits[0][0], fits[0][1]
    block.expenses_positive = _only({f[2] for f in fits})
    block.deviation_in_ledger_sign = _only({f[3] for f in fits})
    block.cells = list(_cells(sides, singles, totals, net, netto))
    return listed


def _only(values: set[bool]) -> bool | None:
    """The convention the block shows, or None when its figures fit both (zeros, say)."""
    return values.pop() if len(values) == 1 else None


def _fits(sides: dict[str, _Side], singles: dict[str, list[int | None]], net) -> Iterator[tuple]:
    """Every (totals per side, netto, expenses printed positive?, poikkeama in ledger sign?) that adds up."""
    options = {side: splits(s.total[2], 3) for side, s in sides.items()}
    for tulot, menot, netto in itertools.product(options[TULOT], options[MENOT], splits(net[2], 3)):
        totals = {TULOT: tulot, MENOT: menot}
        if any(sum(singles[side]) != totals[side][0] for side in totals):
            continue
        for expenses_positive, ledger_sign in itertools.product((True, False), (True, False)):
            if _adds_up(totals, netto, expenses_positive, ledger_sign):
                yield totals, netto, expenses_positive, ledger_sign


def _adds_up(totals: dict[str, list[int]], netto: list[int], expenses_positive: bool, ledger_sign: bool) -> bool:
    """Netto = tulot ∓ menot in TA+MUUTOS and TOTEUMA; each POIKKEAMA = TOTEUMA − TA+MUUTOS."""
    flip = -1 if expenses_positive else 1
    for side, (planned, actual, deviation) in totals.items():
        sign = flip if side == MENOT and ledger_sign else 1
        if deviation != sign * (actual - planned):
            return False
    tulot, menot = totals[TULOT], totals[MENOT]
    if any(netto[i] != tulot[i] + flip * menot[i] for i in (0, 1)):
        return False
    return netto[2] == netto[1] - netto[0]


def _cells(sides, singles, totals, net, netto) -> Iterator[BlockCell]:
    for side in (TULOT, MENOT):
        s = sides[side]
        yield BlockCell(s.original[0], s.original[1], TA, side, singles[side][0])
        for (number, label, _g), value in zip(s.changes, singles[side][1:], strict=True):
            decision = _CHANGE_RE.match(label)["decision"]
            yield BlockCell(number, label, MUUTOS, side, value, decision=decision)
        for role, value in zip(TOTAL_ROLES, totals[side], strict=True):
            yield BlockCell(s.total[0], s.total[1], role, side, value)
    for role, value in zip(TOTAL_ROLES, netto, strict=True):
        yield BlockCell(net[0], net[1], role, NETTO, value)
