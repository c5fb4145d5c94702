"""Fill a DataTable with its columns' widths given up front.

Left to measure its columns itself, Textual 8.2's DataTable sometimes keeps the
frame drawn before it measured, with every column cut to its header's width
(seen about once in 10-30 redraws in a real terminal). Widths computed from the
header and the cells, and given with the columns, leave nothing to measure later.

A column narrower than its text (the audit trail's, at 80 columns) gets its cells
broken into lines here (``wrap``) and each row the height of its tallest cell.
"""

from __future__ import annotations

import re

from rich.text import Span, Text
from textual.widgets import DataTable

#: whitespace a cell shows as a space
_SPACES = str.maketrans("\t\n\r\v\f", "     ")
#: a hyphen a line may break after: not a minus sign before a number ("'-6 837 670'" stays whole)
_HYPHEN = re.compile(r"-(?!\d)")
_DIGIT = re.compile(r"\d")


def fill(table: DataTable, headers: list[tuple[str, Text]], rows: list[list[Text]],
         row_keys: list[str] | None = None, widths: list[int] | None = None,
         heights: list[int] | None = None) -> None:
    """Replace the table's columns and rows: ``headers`` are (key, label), ``rows`` one Text per column.

    ``widths`` (else the widest of header and cells) and ``heights`` (else one line) are each
    column's and each row's.
    """
    table.clear(columns=True)
    if widths is None:
        widths = [max([label.cell_len] + [row[i].cell_len for row in rows]) for i, (_, label) in enumerate(headers)]
    for (key, label), width in zip(headers, widths, strict=True):
        table.add_column(label, key=key, width=width)
    for i, row in enumerate(rows):
        table.add_row(*row, key=row_keys[i] if row_keys else None, height=heights[i] if heights else 1)


def wrap(text: Text, width: int, lines: int) -> Text:
    """``text`` in lines of at most ``width`` characters, broken at spaces (else after a hyphen, else
    anywhere); past ``lines`` lines it stops with "…", never right after a number (a cut amount, or one
    that would read as cut: the number goes with the rest). Only a plain space breaks, never the no-break
    space inside an amount, so "-334 000" stays whole (Rich's own wrapping would break it)."""
    indent = len(text.plain) - len(text.plain.lstrip(" "))
    if 0 < indent <= width // 2 and text.cell_len > width:
        return _indented(text, indent, width, lines)
    plain = text.plain.translate(_SPACES)
    cuts = _cuts(plain, max(width, 1))
    more = len(cuts) > lines
    if more:
        cuts = cuts[:lines]
        start, end = cuts[-1]
        cuts[-1] = (start, _before_number(plain, start, min(end, start + width - 1)))
    out, spans, at = [], [], 0
    for start, end in cuts:
        out.append(plain[start:end])
        spans += [Span(max(a, start) - start + at, min(b, end) - start + at, style)
                  for a, b, style in text.spans if a < end and b > start]
        at += end - start + 1
    return Text("\n".join(out) + ("…" if more else ""), style=text.style, spans=spans)


def _indented(text: Text, indent: int, width: int, lines: int) -> Text:
    """An indented text (a figures label under its parent) folded with its indentation on every line, so the
    tree of accounts still reads as a tree where a long name takes two lines."""
    body = wrap(text[indent:], width - indent, lines)
    pad = Text(" " * indent)
    return Text("\n").join(pad + line for line in body.split("\n", allow_blank=True))


def _breakable(plain: str, start: int, width: int) -> bool:
    """Whether the word at ``start`` may break after a hyphen inside it: a code (no small letter in it, as
    "SEINAJOEN-KAUPUNKI-I01") or a word no line holds whole."""
    end = plain.find(" ", start)
    word = plain[start:end if end >= 0 else len(plain)]
    return len(word) > width or not any(ch.islower() for ch in word)


def _before_number(plain: str, start: int, end: int) -> int:
    """Where a line cut at ``end`` to make room for "…" ends: before its last word while that word holds a
    digit (an amount, a year, a code's number), and before the spaces then left."""
    while end > start:
        word = max(plain.rfind(" ", start, end) + 1, start)
        if not _DIGIT.search(plain, word, end):
            break
        end = word
        while end > start and plain[end - 1] == " ":
            end -= 1
    return end


def _cuts(plain: str, width: int) -> list[tuple[int, int]]:
    """Where each line of ``plain`` starts and ends, each filled up to ``width``: a long code
    ("TILAPAISEN-SUOJELUN-…") breaks after a hyphen inside it rather than go whole to the next line, and so
    does a word longer than a line; a word ("TA-muutokset", "Kiinteistö-") goes whole to the next line."""
    cuts, start, size = [], 0, len(plain)
    while True:
        while start < size and plain[start] == " ":
            start += 1
        if size - start <= width:
            return cuts + [(start, size)] if start < size or not cuts else cuts
        limit = start + width
        space = plain.rfind(" ", start + 1, limit + 1)
        hyphen = max((m.start() for m in _HYPHEN.finditer(plain, max(space, start) + 2, limit + 1)
                      if m.start() < limit), default=-1)
        if hyphen > 0 and space > 0 and not _breakable(plain, space + 1, width):
            hyphen = -1
        if hyphen > 0:
            cuts.append((start, hyphen + 1))
            start = hyphen + 1
        elif space > 0:
            cuts.append((start, len(plain[:space].rstrip(" "))))
            start = space + 1
        else:
            cuts.append((start, limit))
            start = limit
