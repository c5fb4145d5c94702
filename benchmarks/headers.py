"""How often a toteutumisvertailu headed in words a book might print is read, and whether anything read is wrong.

    .venv/bin/python benchmarks/headers.py [--tables 500] [--seed 1]

Each table is a tuloslaskelmaosa of five accounts whose columns (another year's, TA, MUUTOS, TA+MUUTOS, TOTEUMA,
POIKKEAMA, a toteuma-%; the optional ones left out at random) are each headed by a phrase ``columns.toml`` gives
their role, or now and then a word it does not know, on one line or stacked over two (a phrase cut between its
words, bottom-aligned), its figures consistent and its expenses printed either way. Every table is read as a
PDF's words (``layout.read_layout``) and as extracted text (``layout.read_text_layout``) and planned as the
import plans it. Counted per route and header shape: tables of which something is recorded, and tables of which
something recorded is wrong: an account's TA with its changes other than its TA+MUUTOS, or its toteuma other than
its TOTEUMA (a table printing the revised budget alone records it as the TA, which is no error of its money). The
first wrong tables are printed. What is not recorded is listed by the import; this counts what it records.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tomllib
from collections import Counter

from ledger.books import layout, layoutplan
from ledger.books.pdf import Cell, TextLine
from ledger.fold.state import LedgerState

ACCOUNTS = (("Verotulot", 1), ("Valtionosuudet", 1), ("Korkotuotot", 1), ("Korkokulut", -1), ("Muut rahoituskulut", -1))
KINDS = ("OTHER-YEAR", "TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA", "PCT")
UNKNOWN = ("Sarake", "Yhteensä", "Euroa", "Summa", "Arvio")
NOW = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
TOP = ["Esimerkkilän kaupunki", "Tilinpäätös 2024", "Tuloslaskelmaosa"]


def _money(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def table(rng: random.Random, vocabulary: dict[str, list[str]], stacked: bool):
    """(header lines, each a list of column words or None; rows of an account and its printed cells; truth)."""
    kinds = [k for k in KINDS if k in ("TA+MUUTOS", "TOTEUMA", "POIKKEAMA") or rng.random() < 0.5]
    phrases = [rng.choice(vocabulary[k]).capitalize() if rng.random() < 0.85 else rng.choice(UNKNOWN) for k in kinds]
    top: list[str | None] = []
    bottom: list[str | None] = []
    for phrase in phrases:
        words = phrase.split()
        cut = rng.randint(1, len(words) - 1) if stacked and len(words) > 1 and rng.random() < 0.7 else 0
        top.append(" ".join(words[:cut]) or None)
        bottom.append(" ".join(words[cut:]))
    positive, rows, truth = rng.random() < 0.5, [], {}
    for account, side in ACCOUNTS:
        ta, tot, other = (rng.randint(1_000, 5_000) for _ in range(3))
        tam = ta + rng.choice([0, rng.randint(-300, 300)])
        cells = {"OTHER-YEAR": other, "TA": ta, "MUUTOS": tam - ta, "TA+MUUTOS": tam, "TOTEUMA": tot, "POIKKEAMA": tot - tam}
        printed = -1 if side < 0 and not positive else 1
        rows.append((account, [f"{tot * 100 / tam:.1f}".replace(".", ",") if k == "PCT" else _money(cells[k] * printed)
                               for k in kinds]))
        truth[account] = {"TA+MUUTOS": tam * side * 100, "TOTEUMA": tot * side * 100}
    return ([top, bottom] if any(top) else [bottom]), rows, truth


def as_pdf(header: list[list[str | None]], rows: list[tuple[str, list[str]]]) -> list[TextLine]:
    """The lines a PDF's reader gives: each header word and figure set right on its column's edge."""
    edges = [120.0 + 60.0 * j for j in range(len(rows[0][1]))]
    lines = [[Cell(TOP[-1], 10.0, 90.0, 9.0)]]
    lines += [[Cell(w, e - 2.0 - 3.0 * len(w), e - 2.0, 9.0) for w, e in zip(words, edges) if w] for words in header]
    lines += [[Cell(label, 10.0, 60.0, 9.0)] + [Cell(v, e - 5.0 * len(v), e, 9.0) for v, e in zip(values, edges)]
              for label, values in rows]
    return [TextLine(1, n, 12.0 * n, tuple(cells)) for n, cells in enumerate(lines, 1)]


def as_text(header: list[list[str | None]], rows: list[tuple[str, list[str]]]) -> list[str]:
    return [*TOP, *(" ".join(w for w in words if w) for words in header), *(f"{a} {' '.join(v)}" for a, v in rows)]


def wrong(reading: layout.LayoutReading, truth: dict) -> list[tuple] | None:
    """The recorded money that is not the book's: (account, column, recorded, the book's); None where nothing is
    recorded."""
    plan = layoutplan.plan_layout(LedgerState(), reading, year=2024, root=("K", "K"), source="h", digest="5" * 64,
                                  author="benchmark", now=NOW)
    money: dict[tuple[str, str], int] = {}
    for event in plan.plan.events:
        column = {"TaAdopted": "TA+MUUTOS", "TaAmended": "TA+MUUTOS", "TpRecorded": "TOTEUMA"}.get(type(event).__name__)
        for line in getattr(event, "lines", ()) if column else ():
            money[(line.account, column)] = money.get((line.account, column), 0) + line.amount
    return [(a, c, v, truth[a][c]) for (a, c), v in money.items() if truth[a][c] != v] if money else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tables", type=int, default=500, help="tables per header shape")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with layout.VOCABULARY_FILE.open("rb") as f:
        vocabulary = tomllib.load(f)["roles"]
    rng, read, bad, shown = random.Random(args.seed), Counter(), Counter(), 0
    for stacked in (False, True):
        for _ in range(args.tables):
            header, rows, truth = table(rng, vocabulary, stacked)
            for route, reading in (("pdf", layout.read_layout(as_pdf(header, rows))),
                                   ("text", layout.read_text_layout(as_text(header, rows), year=2024))):
                found = wrong(reading, truth)
                key = (route, "two lines" if stacked else "one line")
                read[key] += found is not None
                bad[key] += bool(found)
                if found and shown < 5:
                    shown += 1
                    print(f"wrong ({route}): {header} -> {found[:2]}")
    print(f"{'route':6} {'header':10} {'tables':>7} {'read':>6} {'wrong':>6}")
    for (route, shape), count in sorted(read.items()):
        print(f"{route:6} {shape:10} {args.tables:>7} {count:>6} {bad[(route, shape)]:>6}")


if __name__ == "__main__":
    main()
