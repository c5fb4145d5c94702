"""The unit a toteutumisvertailu table belongs to, named by the heading printed ABOVE the table (a book that
prints one small table per lautakunta / tulosalue): the heading read past captions and page furniture, the
organisation from the order of the tables and confirmed by their sums, each unit's cells recorded on it, and
a table whose heading or place the book does not tell listed with why, never guessed."""

from __future__ import annotations

from ledger.books import layout
from ledger.books.pdf import Cell, TextLine

HEADER = ["Alkup. TA", "Muutokset", "TA+muutokset", "Toteutuma", "Poikkeama"]
EDGES = (300.0, 370.0, 440.0, 510.0, 580.0)
BODY, TABLE = 11.0, 9.0


def _money(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _rows(figures: list[tuple[str, int, int, int]], kate: bool) -> list[tuple[str, list[str]]]:
    out = []
    for label, ta, change, used in figures:
        out.append((label, [_money(v) for v in (ta, change, ta + change, used, used - ta - change)]))
    if kate:
        tulot, kulut = figures[0], next(f for f in figures if f[0] == "TOIMINTAKULUT")
        out.append(("Toimintakate", [_money(a + b) for a, b in zip(
            (tulot[1], tulot[2], tulot[1] + tulot[2], tulot[3], tulot[3] - tulot[1] - tulot[2]),
            (kulut[1], kulut[2], kulut[1] + kulut[2], kulut[3], kulut[3] - kulut[1] - kulut[2]))]))
    return out


def _table(figures, kate: bool = False) -> list[tuple]:
    """A table's lines: the header (the scale in its first column's words) and its rows."""
    return [("header",)] + [("row", label, values) for label, values in _rows(figures, kate)]


def _lines(*pages: list[tuple]) -> list[TextLine]:
    """Pages of lines as the PDF reader gives them, each with its font size and place: ("heading", text, size),
    ("text", text), ("gap",) (a blank line's space), ("header",), ("row", label, values). Lines are numbered as
    the book's text, a paragraph's lines 1,2 em apart."""
    out: list[TextLine] = []
    for page, items in enumerate(pages, 1):
        y = 40.0
        for item in [("text", "Esimerkin kunta | Tilinpäätös 2024"), ("gap",), *items, ("gap",), ("text", f"{page}/9")]:
            kind = item[0]
            if kind == "gap":
                y += 2 * BODY
                continue
            if kind == "header":
                cells = [Cell(w, e - 3.0 * len(w), e, TABLE) for w, e in zip(HEADER, EDGES)]
                cells.insert(0, Cell("€", 60.0, 66.0, TABLE))
                size = TABLE
            elif kind == "row":
                cells = [Cell(item[1], 60.0, 150.0, TABLE)] + [Cell(v, e - 5.0 * len(v), e, TABLE)
                                                               for v, e in zip(item[2], EDGES)]
                size = TABLE
            else:
                size = item[2] if kind == "heading" else BODY
                cells, x = [], 54.0
                for part in item[1].split(" | "):
                    cells.append(Cell(part, x, x + 0.5 * size * len(part), size))
                    x += 0.5 * size * (len(part) + 2)
            out.append(TextLine(page, len(out) + 1, y, tuple(cells)))
            y += 1.2 * size
    return out



def test_an_account_printed_above_its_parts_is_their_total_only_where_they_sum_to_it():
    """`TOIMINTATUOTOT` then its kinds below it, summing to it (here within the parts' rounding to the euro):
    a stated total, checked, never recorded beside its parts; `Verotulot` above kinds of it that do not sum to
    it is an erittely: no total, no contradiction said."""
    rounded = [("TOIMINTATUOTOT", 1_500, 0, 1_651), ("Myyntituotot", 1_000, 0, 1_100), ("Maksutuotot", 500, 0, 550),
               ("TOIMINTAKULUT", -9_000, 0, -9_200), ("Palvelujen ostot", -9_000, 0, -9_200)]
    erittely = [("Verotulot", 30_000, 0, 31_000), ("Kunnan tulovero", 24_000, 0, 25_000),
                ("Kiinteistövero", 4_000, 0, 4_100)]
    reading = layout.read_layout(_lines([("heading", "Sivistyslautakunta", 13.0), ("gap",), *_table(rounded)]))
    (table,) = reading.tables
    totals = {r.label: [m.label for m in r.members] for r in table.rows if r.total}
    assert totals == {"TOIMINTATUOTOT": ["Myyntituotot", "Maksutuotot"], "TOIMINTAKULUT": ["Palvelujen ostot"]}
    reading = layout.read_layout(_lines([("heading", "Verotulot", 13.0), ("gap",), *_table(erittely)]))
    (table,) = reading.tables
    assert not any(r.total for r in table.rows) and all(c.ok for c in table.checks)
