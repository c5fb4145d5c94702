"""A budget book's PDF as lines of cells with their positions, for the same readers as its text.

A PDF's text layer has no cells, only glyphs with boxes. Whether two digit groups are one
number (`25 623 400`) or two cells (`400` | `337 000`) is told by the gap between them,
measured in em of the left word's own font size, because the books set tables in many sizes
(7.3 to 10 pt) and no gap in points separates a thousands space from a column gap on every
page; in em they do: a thousands separator is the font's space (≈ 0.28 em), the narrowest
column gap measured is three times that (0.83 em).

* A word ends at a space glyph or at a gap wider than half a space (0.15 em): a text layer
  without space glyphs leaves only the gap.
* A word of exactly three digits (`000`, `000,50`) joins the number on its left when the gap
  is at most two space widths: the page's own space width where the page has space glyphs,
  else 0.55 em. The left word must be a number in groups (`-1 090`) without decimals.
* Other words one space apart form one text cell (`Netto (Toimintakate)`); a number and a
  word never share a cell, but a lone minus (`-`, `−`, `–`) at most ``SIGN_GAP_EM`` before an
  unsigned number is its sign (`4 327   - 179` is −179) where a column gap parts it from what stands on its
  left: in prose `77 097 - 72 687` the minus is a word space from both and stays apart.
* A cell the book wraps onto a second line (a table cell too narrow for `−46 525 690,00` or
  `11 635 000`) prints its first piece right-aligned over its rest (``_unwrapped``): a lone minus,
  or digit groups without decimals, on the line just above (at most ``WRAP_EM``) with the same right
  edge. It joins where the lines cannot be two rows: the upper line has no label or a label that
  wraps too (`Tekninen lautakunta yh-` / `teensä`), or the lower piece is a group no figure starts
  with (`000`); a digit piece also needs the column's shape (its decimals, and at least the digits of
  the widest cell that fits on one line: the cell wrapped because it is the widest) and, without a
  label, fewer figures above than below (a labelless sum line over the next row stays two rows). A
  dash on a row of its own label is a placeholder for an empty cell and stays one. A line of lone
  minus signs less than ``RAISED_EM`` from a line of numbers is signs set off the baseline: each joins
  the unsigned number it stands just before (``_raised``).
* The books right-align amounts, so the right edges where number cells of three or more
  lines line up (within 0.05 em) are a table's columns (``column_edges``); a number cell on
  no edge (``off_edges``) is a join or split the columns do not confirm: a page number, a
  code in a heading, a figure in prose, or a misreading, to be listed and not guessed. An
  empty cell is an absent edge, which the text alone can never tell.

Glyphs come from pdfminer.six (pdfplumber's engine, 40 % faster without pdfplumber's
conversion), and only from pages that carry number rows: pypdfium2 gives every page's text
in well under a second, and a page none of whose lines ends
in a number of three or more digits (or in a percent after one) holds no table row. The lines are numbered per page
(``TextLine.place`` is "page:line") and joined by single spaces into the same text a
book's extracted ``.txt`` gives, so both go through the same readers. No ledger in sight.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ledger.domain.refusals import Rejected

__all__ = ["Cell", "Glyph", "PdfBook", "TextLine", "column_edges", "off_edges", "page_lines", "read_pdf", "row_pages"]

#: a word splits at a gap wider than this, in em of its font size: half a space, far above kerning
WORD_GAP_EM = 0.15
#: where a page has no space glyph, the widest gap (em) between a thousands group and its number
JOIN_GAP_EM = 0.55
#: two glyphs are on one line when their baselines differ by less than this (em)
BASELINE_EM = 0.3
#: right edges of number cells within this (em) of each other line up in one column
ALIGN_EM = 0.05
#: a column edge is where number cells of at least this many lines line up
EDGE_ROWS = 3
#: a lone minus stands at most this far (em) before its number: some books pad it with two spaces, and
#: the narrowest column gap (0.83 em) is wider
SIGN_GAP_EM = 0.6
#: a minus on a line of its own less than this far (em) from its number's baseline is set off it (raised), not
#: wrapped: a line of text is further
RAISED_EM = 1.0
#: a wrapped cell's second line is at most this far (em) below its first: a line's leading
WRAP_EM = 1.6

#: a thousands group, its amount's euro sign glued to the last (`000€`: `layout` reads the sign)
_GROUP_RE = re.compile(r"^[0-9]{3}(?:,[0-9]+)?€?$")
_GROUPED_RE = re.compile(r"^[-+−–]?[0-9]{1,3}(?: [0-9]{3})*$")
_NUMBER_RE = re.compile(r"^[-+−–]?(?:[0-9]{1,3}(?: [0-9]{3})+|[0-9]+)(?:,[0-9]+)?$")
#: the minus signs books print: hyphen, minus, en dash
_SIGNS = ("-", "−", "–")
#: the first piece of a wrapped number: digit groups without decimals, not a code's `022`
_LEADING_RE = re.compile(r"^[-+−–]?[1-9][0-9]{0,2}(?: [0-9]{3})*$")
#: the rest of a wrapped number: whole groups of three, then its decimals
_TAIL_RE = re.compile(r"^[0-9]{3}(?: [0-9]{3})*(?:,[0-9]+)?$")
#: a pypdfium2 text line that may be a table row: a word, then at least three digits/spaces at its end, or
#: before a last percent (`7 725 767 124,0 %`: a summary whose every row ends in its percent column)
_ROW_RE = re.compile(r"[^\W\d_].*[0-9][0-9 ]{2,}(?:,[0-9]+\s*%)?\s*$")


class Glyph(NamedTuple):
    """One character of the text layer: what pdfplumber's ``page.chars`` gives, reduced."""

    text: str
    x0: float
    x1: float
    bottom: float
    size: float


@dataclass(frozen=True)
class Cell:
    """A run of glyphs the book prints as one thing: a number or a piece of text, with its box."""

    raw: str
    x0: float
    x1: float
    size: float

    @property
    def is_number(self) -> bool:
        return bool(_NUMBER_RE.match(self.raw))


@dataclass(frozen=True)
class TextLine:
    """One printed line of a page: its cells left to right, and where it is."""

    page: int
    number: int
    y: float
    cells: tuple[Cell, ...]

    @property
    def text(self) -> str:
        return " ".join(c.raw for c in self.cells)

    @property
    def place(self) -> str:
        return f"{self.page}:{self.number}"


@dataclass
class PdfBook:
    """The lines of the pages read, in page order, and which pages were read of how many."""

    lines: list[TextLine] = field(default_factory=list)
    pages: int = 0
    read: list[int] = field(default_factory=list)
    #: every page's text (pypdfium2's, no positions), the pages without table rows too: where a book states
    #: for all of it what its tables do not print (`Luvut tuhansina euroina`)
    texts: list[str] = field(default_factory=list)
    #: the pages that are an image with no text layer (a scan): nothing on them can be read
    scanned: list[int] = field(default_factory=list)

    @property
    def unread_text(self) -> list[str]:
        """The lines of the pages not read (no table rows): the front matter, prose."""
        return [line for n, text in enumerate(self.texts, 1) if n not in self.read for line in text.splitlines()]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def places(self) -> list[str]:
        """Line n of ``text`` (1-based) is printed at ``places[n - 1]``."""
        return [line.place for line in self.lines]


def page_lines(page: int, glyphs: Iterable[Glyph]) -> list[TextLine]:
    """A page's glyphs as its lines of cells, top to bottom."""
    glyphs = [g for g in glyphs if g.size > 0]
    join = _join_gap(glyphs)
    out = []
    for number, row in enumerate(_baselines(glyphs), 1):
        cells = _cells(_words(row), join)
        out.append(TextLine(page, number, round(row[0].bottom, 2), tuple(cells)))
    return _unwrapped([line for line in out if line.cells])


def _join_gap(glyphs: Sequence[Glyph]) -> float:
    """The widest join gap in em: two of the page's space widths, else ``JOIN_GAP_EM``."""
    spaces = [(g.x1 - g.x0) / g.size for g in glyphs if g.text == " " and g.x1 > g.x0]
    return 2 * statistics.median(spaces) if spaces else JOIN_GAP_EM


def _baselines(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by baseline (within ``BASELINE_EM``), each line sorted left to right."""
    rows: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (g.bottom, g.x0)):
        if rows and g.bottom - rows[-1][0].bottom < BASELINE_EM * g.size:
            rows[-1].append(g)
        else:
            rows.append([g])
    return [sorted(row, key=lambda g: g.x0) for row in rows]


def _words(row: Sequence[Glyph]) -> list[Cell]:
    """Glyphs to words: a word ends at a space glyph or a gap wider than ``WORD_GAP_EM``."""
    words: list[Cell] = []
    current: list[Glyph] = []
    for g in row:
        if current and (g.text.isspace() or g.x0 - current[-1].x1 > WORD_GAP_EM * current[-1].size):
            words.append(_word(current))
            current = []
        if not g.text.isspace():
            current.append(g)
    if current:
        words.append(_word(current))
    return words


def _word(glyphs: Sequence[Glyph]) -> Cell:
    return Cell("".join(g.text for g in glyphs), glyphs[0].x0, glyphs[-1].x1, glyphs[0].size)


def _cells(words: Sequence[Cell], join_em: float) -> list[Cell]:
    """Words to cells: thousands groups join their number, text words one space apart join, a lone
    minus joins the number it stands just before."""
    cells: list[Cell] = []
    for word in words:
        left = cells[-1] if cells else None
        if left is not None and _signs(cells, word, join_em):
            cells[-1] = Cell(f"{left.raw}{word.raw}", left.x0, word.x1, word.size)
        elif left is not None and word.x0 - left.x1 <= join_em * left.size and _belongs(left, word):
            cells[-1] = Cell(f"{left.raw} {word.raw}", left.x0, word.x1, left.size)
        else:
            cells.append(word)
    return cells


def _signs(cells: Sequence[Cell], word: Cell, join_em: float) -> bool:
    """The last cell is a lone minus that is ``word``'s sign: ``word`` an unsigned number at most
    ``SIGN_GAP_EM`` (or the join gap) to its right, and the minus parted from the cell before it by more
    than the join gap (a column gap, not prose's word space)."""
    sign = cells[-1]
    if sign.raw not in _SIGNS or not word.is_number or not word.raw[0].isdigit():
        return False
    if word.x0 - sign.x1 > max(join_em, SIGN_GAP_EM) * sign.size:
        return False
    return len(cells) < 2 or sign.x0 - cells[-2].x1 > join_em * sign.size


def _belongs(left: Cell, word: Cell) -> bool:
    """A three-digit group continues a grouped number; text continues text; nothing else joins."""
    if _GROUP_RE.match(word.raw):
        if _GROUPED_RE.match(left.raw):
            return True
    if left.is_number or word.is_number:
        return False
    return True


def _unwrapped(lines: list[TextLine]) -> list[TextLine]:
    """A page's lines with each cell the book wrapped onto two lines joined on the lower line, where its
    first piece's line holds nothing else of a row (module docstring); a line left empty is dropped."""
    out = list(lines)
    for i in range(len(out) - 1):
        joined = _wrap(out[i], out[i + 1], lines) or _raised(out[i], out[i + 1])
        if joined is not None:
            out[i], out[i + 1] = joined
    return [line for line in out if line.cells]


def _raised(upper: TextLine, lower: TextLine) -> tuple[TextLine, TextLine] | None:
    """A line of lone minus signs set a little off the baseline of its numbers (less than ``RAISED_EM``
    apart, more than a baseline's jitter): each sign at most ``SIGN_GAP_EM`` before an unsigned number of the
    other line joins it there; None unless every sign has its number."""
    if not upper.cells or not lower.cells:
        return None
    signs, numbers = (upper, lower) if all(c.raw in _SIGNS for c in upper.cells) else (lower, upper)
    if not all(c.raw in _SIGNS for c in signs.cells) or lower.y - upper.y >= RAISED_EM * signs.cells[0].size:
        return None
    owners: dict[int, Cell] = {}
    for sign in signs.cells:
        number = next((c for c in numbers.cells if c.is_number and c.raw[0].isdigit()
                       and 0 <= c.x0 - sign.x1 <= SIGN_GAP_EM * c.size), None)
        if number is None or id(number) in owners:
            return None
        owners[id(number)] = sign
    cells = tuple(_joined(owners[id(c)], c) if id(c) in owners else c for c in numbers.cells)
    joined = (TextLine(signs.page, signs.number, signs.y, ()),
              TextLine(numbers.page, numbers.number, numbers.y, cells))
    return joined if signs is upper else joined[::-1]


def _wrap(upper: TextLine, lower: TextLine, page: Sequence[TextLine]) -> tuple[TextLine, TextLine] | None:
    """``upper`` without the pieces and ``lower`` with them joined to their rest, or None where any piece
    has no rest right below it or the lines may be two rows."""
    pieces = [c for c in upper.cells if c.is_number or c.raw in _SIGNS]
    texts = [c for c in upper.cells if c not in pieces]
    if not pieces or lower.y - upper.y > WRAP_EM * pieces[0].size or \
            any(t.x1 > min(p.x0 for p in pieces) for t in texts):
        return None  # a label stands left of the figures: text right of one is no wrapped row
    wraps = bool(texts) and (_hyphenated(texts[-1].raw) or _lowercase(lower))
    bare = not texts and len(pieces) < sum(c.is_number for c in lower.cells)
    rests: dict[int, Cell] = {}
    for piece in pieces:
        rest = next((c for c in lower.cells if c.is_number and abs(c.x1 - piece.x1) <= ALIGN_EM * c.size), None)
        if rest is None or not rest.raw[0].isdigit():
            return None
        if piece.raw in _SIGNS:
            ok = wraps or not texts
        else:
            ok = _LEADING_RE.match(piece.raw) is not None and _TAIL_RE.match(rest.raw) is not None and \
                (wraps or bare or rest.raw[0] == "0") and _shaped(piece, rest, page, (upper, lower))
        if not ok:
            return None
        rests[id(rest)] = piece
    cells = tuple(_joined(rests[id(c)], c) if id(c) in rests else c for c in lower.cells)
    return (TextLine(upper.page, upper.number, upper.y, tuple(texts)),
            TextLine(lower.page, lower.number, lower.y, cells))


def _joined(piece: Cell, rest: Cell) -> Cell:
    raw = f"{piece.raw}{rest.raw}" if piece.raw in _SIGNS else f"{piece.raw} {rest.raw}"
    return Cell(raw, min(piece.x0, rest.x0), rest.x1, rest.size)


def _hyphenated(text: str) -> bool:
    """A label that goes on on the next line: its last word broken with a hyphen (`yh-`)."""
    return text.endswith("-") and text[-2:-1].isalpha()


def _lowercase(line: TextLine) -> bool:
    """A line whose first text begins in lower case: the rest of a label above it."""
    first = next((c.raw for c in line.cells if not c.is_number), "")
    return first[:1].islower()


def _shaped(piece: Cell, rest: Cell, page: Sequence[TextLine], skip: tuple[TextLine, TextLine]) -> bool:
    """The joined number is shaped like the other cells of its column on the page: their decimals, and at
    least the digits of the widest of them (a cell wraps because it is wider than those that fit)."""
    others = [c.raw for line in page if line not in skip for c in line.cells
              if c.is_number and abs(c.x1 - rest.x1) <= ALIGN_EM * c.size]
    if not others:
        return False
    decimals = statistics.mode(len(raw.partition(",")[2]) for raw in others)
    return len(rest.raw.partition(",")[2]) == decimals and \
        _digits(f"{piece.raw} {rest.raw}") >= max(_digits(raw) for raw in others)


def _digits(raw: str) -> int:
    return sum(ch.isdigit() for ch in raw.partition(",")[0])


def column_edges(lines: Sequence[TextLine]) -> list[float]:
    """The right edges where the number cells of ``EDGE_ROWS`` or more lines line up: a table's
    columns, right-aligned as the books print amounts. An empty cell is just an absent edge."""
    found = sorted((c.x1, c.size, line.number) for line in lines for c in line.cells if c.is_number)
    clusters: list[list[tuple[float, float, int]]] = []
    for item in found:
        if clusters and item[0] - clusters[-1][-1][0] <= ALIGN_EM * item[1]:
            clusters[-1].append(item)
        else:
            clusters.append([item])
    return [round(statistics.median(x for x, _s, _n in c), 1) for c in clusters if len({n for *_r, n in c}) >= EDGE_ROWS]


def off_edges(lines: Sequence[TextLine], edges: Sequence[float]) -> list[tuple[TextLine, Cell]]:
    """The number cells on no column edge: a join or a split the columns do not confirm."""
    return [(line, c) for line in lines for c in line.cells
            if c.is_number and not any(abs(c.x1 - e) <= ALIGN_EM * c.size for e in edges)]


def row_pages(texts: Sequence[str]) -> list[int]:
    """The pages (1-based) whose text has a line that may be a table row."""
    return [i for i, text in enumerate(texts, 1) if any(_ROW_RE.search(line) for line in text.splitlines())]


def read_pdf(path: Path) -> PdfBook:
    """The lines of every page of ``path`` that carries number rows; an unreadable file is refused (``Rejected``,
    one line in the language asked for)."""
    import pypdfium2
    from pdfminer.high_level import extract_pages
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        document = pypdfium2.PdfDocument(str(path))
        texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
        scanned = [i + 1 for i, text in enumerate(texts) if not text.strip() and _has_image(document[i])]
        document.close()
        book = PdfBook(pages=len(texts), read=row_pages(texts), texts=texts, scanned=scanned)
        # pdfminer reads every page for an empty list of pages: a book without number rows reads none
        pages = extract_pages(path, page_numbers=[n - 1 for n in book.read], laparams=None) if book.read else ()
        for number, page in zip(book.read, pages, strict=True):
            book.lines += page_lines(number, _glyphs(page))
    except (pypdfium2.PdfiumError, PDFSyntaxError, PSException) as exc:
        raise Rejected("file", path.name, "book.unreadable_pdf", reason=str(exc).strip().rstrip(".")) from None
    return book


def _has_image(page) -> bool:
    """Whether a page draws an image (a scanned page is one, a blank page none)."""
    import pypdfium2.raw as pdfium

    return next(page.get_objects(filter=(pdfium.FPDF_PAGEOBJ_IMAGE,)), None) is not None


def _glyphs(page) -> list[Glyph]:
    """pdfminer's characters of a page (and of the figures on it) that run as most of its text runs, in the frame
    a reader turns the page to (top-down coordinates): upright, or a table set sideways on a portrait page by a
    turned text matrix (a quarter turn either way, or upside down), which no /Rotate entry turns back. Where most
    text is upright, a turned word (a header set vertically) is left out, as before."""
    chars = list(_chars(page))
    turns = Counter(turn for char in chars if char.get_text().strip() and (turn := _turn(char)) is not None)
    most = max(turns, key=lambda t: (turns[t], t == 0), default=0)
    return [_turned(char, most, page.bbox) for char in chars if _turn(char) == most]


def _chars(layout) -> Iterator:
    """pdfminer's characters of a page, those of the figures on it (a table pasted as a form) included."""
    from pdfminer.layout import LTChar

    for item in layout:
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            yield from _chars(item)


def _turn(char) -> int | None:
    """How far (degrees, counter-clockwise) a character's text matrix turns it: 0, 90, 180 or 270; None if skewed."""
    a, b, c, d, _e, _f = char.matrix
    if abs(b) > abs(a) and b * c < 0:
        return 90 if b > 0 else 270
    if a < 0 and d < 0:
        return 180
    return 0 if char.upright else None


def _unligated(text: str) -> str:
    """A ligature glyph as the letters it joins (`ﬁ` in `ﬁnansiella`: fi), as pypdfium2's text has them: kept,
    a label or a unit's name would hold a letter no one types."""
    return unicodedata.normalize("NFKC", text) if "\ufb00" <= text <= "\ufb06" else text


def _turned(char, turn: int, box: tuple[float, float, float, float]) -> Glyph:
    """A character in the frame of a page turned back by ``turn``: its left and right edge across the line, its
    bottom down from the top, its size the height of a line."""
    left, low, right, high = box
    text, x0, y0, x1, y1 = _unligated(char.get_text()), char.x0, char.y0, char.x1, char.y1
    if turn == 90:
        return Glyph(text, y0 - low, y1 - low, x1 - left, char.width)
    if turn == 270:
        return Glyph(text, high - y1, high - y0, right - x0, char.width)
    if turn == 180:
        return Glyph(text, right - x1, right - x0, y1 - low, char.height)
    return Glyph(text, x0, x1, high - y0, char.size)
