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
  word never share a cell.
* The books right-align amounts, so the right edges where number cells of three or more
  lines line up (within 0.05 em) are a table's columns (``column_edges``); a number cell on
  no edge (``off_edges``) is a join or split the columns do not confirm: a page number, a
  code in a heading, a figure in prose, or a misreading, to be listed and not guessed. An
  empty cell is an absent edge, which the text alone can never tell.

Glyphs come from pdfminer.six (pdfplumber's engine, 40 % faster without pdfplumber's
conversion), and only from pages that carry number rows: pypdfium2 gives every page's text
in well under a second, and a page none of whose lines ends
in a number of three or more digits holds no table row. The lines are numbered per page
(``TextLine.place`` is "page:line") and joined by single spaces into the same text a
book's extracted ``.txt`` gives, so both go through the same readers. No ledger in sight.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

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

_GROUP_RE = re.compile(r"^[0-9]{3}(?:,[0-9]+)?$")
_GROUPED_RE = re.compile(r"^[-+−–]?[0-9]{1,3}(?: [0-9]{3})*$")
_NUMBER_RE = re.compile(r"^[-+−–]?(?:[0-9]{1,3}(?: [0-9]{3})+|[0-9]+)(?:,[0-9]+)?$")
#: a pypdfium2 text line that may be a table row: a word, then at least three digits/spaces at its end
_ROW_RE = re.compile(r"[^\W\d_].*[0-9][0-9 ]{2,}\s*$")


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
    return [line for line in out if line.cells]


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
    """Words to cells: thousands groups join their number, text words one space apart join."""
    cells: list[Cell] = []
    for word in words:
        left = cells[-1] if cells else None
        if left is not None and word.x0 - left.x1 <= join_em * left.size and _belongs(left, word):
            cells[-1] = Cell(f"{left.raw} {word.raw}", left.x0, word.x1, left.size)
        else:
            cells.append(word)
    return cells


def _belongs(left: Cell, word: Cell) -> bool:
    """A three-digit group continues a grouped number; text continues text; nothing else joins."""
    if _GROUP_RE.match(word.raw):
        if _GROUPED_RE.match(left.raw):
            return True
    if left.is_number or word.is_number:
        return False
    return True


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
    """The lines of every page of ``path`` that carries number rows; an unreadable file is a ValueError."""
    import pypdfium2
    from pdfminer.high_level import extract_pages
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        document = pypdfium2.PdfDocument(str(path))
        texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
        document.close()
        book = PdfBook(pages=len(texts), read=row_pages(texts), texts=texts)
        pages = extract_pages(path, page_numbers=[n - 1 for n in book.read], laparams=None)
        for number, page in zip(book.read, pages, strict=True):
            book.lines += page_lines(number, _glyphs(page, page.y1))
    except (pypdfium2.PdfiumError, PDFSyntaxError, PSException) as exc:
        raise ValueError(f"{path.name}: not a readable PDF ({exc})") from None
    return book


def _glyphs(layout, top: float) -> Iterator[Glyph]:
    """pdfminer's upright characters of a page (or a figure on it), top-down coordinates."""
    from pdfminer.layout import LTChar

    for item in layout:
        if isinstance(item, LTChar):
            if item.upright:
                yield Glyph(item.get_text(), item.x0, item.x1, top - item.y0, item.size)
        elif hasattr(item, "__iter__"):
            yield from _glyphs(item, top)
