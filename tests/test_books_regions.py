"""Where a toteutumisvertailu table ends and what stands beside it on its page: a number in the prose below a
table that happens to stand on another table's column edge gives the table no column of its own."""

from __future__ import annotations

from test_books_headings import BODY, EDGES, HEADER, TABLE, TEKNINEN, KIINTEISTOT, _by_unit, _leaves, _own
from test_books_headings import _plan, _rows, _stated

from ledger.books.pdf import Cell, TextLine

#: a key-figure table's column edges, none of them the toteutumisvertailu's
KEY_EDGES = (335.0, 405.0, 475.0, 545.0)


def _cells(parts: list[tuple[str, float]], size: float) -> tuple[Cell, ...]:
    """Cells ending where given (a number's right edge), a label's at the left margin."""
    return tuple(Cell(raw, x1 - 0.5 * size * len(raw), x1, size) for raw, x1 in parts)


def _page_lines(*pages: list[tuple]) -> list[TextLine]:
    """Pages of lines: ("heading", text, size), ("text", text), ("cells", [(raw, right edge)]), ("header",),
    ("row", label, values), ("gap",); numbered as the book's text."""
    out: list[TextLine] = []
    for page, items in enumerate(pages, 1):
        y = 40.0
        for item in [("text", "Esimerkin kunta Tilinpäätös 2024"), *items, ("text", f"{page}/9")]:
            kind = item[0]
            if kind == "gap":
                y += 2 * BODY
                continue
            size = TABLE if kind in ("header", "row", "cells") else (item[2] if kind == "heading" else BODY)
            if kind == "header":
                cells = _cells([("€", 66.0)] + list(zip(HEADER, EDGES)), size)
            elif kind == "row":
                cells = _cells([(item[1], 60.0 + 0.5 * size * len(item[1]))] + list(zip(item[2], EDGES)), size)
            elif kind == "cells":
                cells = _cells(item[1], size)
            else:
                cells = _cells([(item[1], 54.0 + 0.5 * size * len(item[1]))], size)
            out.append(TextLine(page, len(out) + 1, y, cells))
            y += 1.2 * size
    return out


def _key_figures() -> list[tuple]:
    """A table of key figures over four years, on columns of its own."""
    years = ("cells", [("Tunnusluvut", 150.0)] + list(zip(("TP2021", "TP2022", "TP2023", "TP2024"), KEY_EDGES)))
    rows = [("cells", [(label, 60.0 + 4.5 * len(label))] + list(zip(values, KEY_EDGES)))
            for label, values in (("Rakennuksia, lkm", ("61", "64", "66", "65")),
                                  ("Kerrosala, m²", ("71 200", "72 950", "73 010", "72 480")),
                                  ("Aterioita, kpl", ("310 400", "305 200", "298 700", "301 900")))]
    return [years, *rows]


def test_a_number_in_the_prose_below_on_another_tables_edge_gives_the_table_no_column():
    """A tulosalue's table below a key-figure table of other columns, prose under it with a number standing on
    one of the key figures' edges: the table keeps its five columns, the tulosalue is placed below its
    lautakunta and its cells recorded; nothing listed as columns not understood."""
    prose = ("cells", [("Katuvalaistuksesta on nyt noin", 230.0), ("45", KEY_EDGES[1]), ("% uusittu.", 460.0)])
    page = [("heading", "Tekninen lautakunta", 13.0), ("gap",), ("header",),
            *[("row", label, values) for label, values in _rows(TEKNINEN, False)], ("gap",),
            *_key_figures(), ("gap",), ("heading", "Kiinteistöt", BODY), ("gap",), ("header",),
            *[("row", label, values) for label, values in _rows(KIINTEISTOT, True)], ("gap",), prose]
    reading, plan = _plan(_page_lines(page))
    tables = [t for t in reading.tables if "TA" in t.roles]
    assert [t.roles for t in tables] == [["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"]] * 2
    assert _by_unit(plan) == _own("KIINTEISTOT", KIINTEISTOT) | _stated("TEKNINEN-LAUTAKUNTA", _leaves(TEKNINEN))
    lines = {r.line for t in tables for r in t.rows}
    assert {s.status for s in plan.statuses if s.line in lines} == {"recorded", "checked"}

