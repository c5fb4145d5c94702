"""What `kirjuri import` makes of a book the repository does not hold, out of the box (issue 17's measure).

    .venv/bin/python benchmarks/unseen.py BOOK.pdf [--pages 72-126 ...] [--truth FILE.tsv]

The book is read and its events planned as the import's preview plans them (no profile, an empty ledger:
books.py's ``read_as_import``). Counted are the pages of the budget comparison: those holding a table of the
comparison kind (tulosalue blocks, a table by its columns with two of TA, MUUTOS, TA+MUUTOS, TOTEUMA,
POIKKEAMA, a talousarvio book's table, a table the book reader read), or those --pages gives. On them every
line that carries figures (as the import's own list decides) gives its money cells *printed* (numbers, not
percents, not years alone); of these, per table and in all, how many the readers *recorded*, *checked* (a
stated total or a derived cell the arithmetic confirms) or *listed* (a cell of a line the import lists whole
takes the line's reason), the listed by the reason the import gives; a printed cell on a line the import
neither reads nor lists is *dropped*: what the import's list does not say.

Which of the recorded and checked cells are right only a reference can say: ``--truth`` (default: the
book's name with ``.truth.tsv`` beside it) in books.py's reference format (``role``, ``printed`` cents as
printed, ``scale``) with a ``page``, a ``section`` and ``line`` as the page:line the cell is printed on;
per section its cells recorded, checked, listed, dropped and wrong, matched as books.py matches them and at their
place: a figure read from another line than the reference's is wrong.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from books import block_status, read_as_import, tally  # noqa: E402

from ledger.books.layout import is_budget_book  # noqa: E402
from ledger.books.unread import carries_figures  # noqa: E402
from ledger.locale.reason import said  # noqa: E402

#: the roles of a toteutumisvertailu: a table with two of them is of the comparison kind
BUDGET_ROLES = {"TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"}
_AMOUNT = re.compile(r"^[-+−–]?(?:\d{1,3}(?:[ \u00a0.]\d{3})+|\d+)(?:,\d+)?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
NO_TABLE = "outside the tables"


def _clean(raw: str) -> str:
    return raw.replace("\u200b", "").strip()


def is_percent(role: str | None) -> bool:
    """A percent column (toteutuma-%, a change in %): not money."""
    return bool(role) and (role.startswith("PCT") or role.startswith("CHANGE-%"))


def money_cells(cells, percents: Counter) -> int:
    """The amounts a printed line holds: number cells, not a year alone, not a percent (one marked `%`, or
    one of ``percents``: the raw text of the cells the readers read in a percent column)."""
    raws = [_clean(c.raw) for c in cells]
    left, count = Counter(percents), 0
    for i, raw in enumerate(raws):
        if not _AMOUNT.match(raw) or _YEAR.match(raw) or raw.endswith("%") or raws[i + 1: i + 2] == ["%"]:
            continue
        if left[raw]:
            left[raw] -= 1
            continue
        count += 1
    return count


def with_figures(text: str) -> bool:
    """A line that ends in numbers, as the import's list decides (ledger/books/unread.py), a percent sign
    set apart from its number (`90,6 %`) too: a row whose last column is a percent carries figures."""
    return carries_figures(" ".join(w for w in _clean(text).split() if w != "%"))


def statuses_by_line(read) -> tuple[dict[int, list[tuple[str, str]]], dict[int, Counter], dict[int, str]]:
    """Per line: (status, why) of each money cell the readers gave a status, the raw text of its percent
    cells, and the table it belongs to."""
    got: dict[int, list[tuple[str, str]]] = defaultdict(list)
    percents: dict[int, Counter] = defaultdict(Counter)
    table: dict[int, str] = {}
    statement = read.statement
    if read.layout is None:
        for meaning in statement.tables:
            first, last = statement._span(meaning)
            name = f"{statement.place(first)} {meaning.table.title or meaning.kind}"
            table |= {n: name for n in range(first, last + 1)}
        for f in statement.figures:
            got[f.line].append(("recorded", ""))
        for c in statement.checks:
            got[c.line].append(("checked", ""))
        return got, percents, table
    for c in read.blocks.cells:
        got[c.line].append((block_status(c), ""))
        table[c.line] = "tulosalue blocks"
    raw = {(i, c.line, c.role): c.raw for i, t in enumerate(read.layout.tables) for c in t.cells}
    names = [f"{statement.place(t.header_lines[0])} {t.title or 'table'} ({' / '.join(r or '?' for r in t.roles)})"
             for t in read.layout.tables]
    for i, t in enumerate(read.layout.tables):
        table |= {n: names[i] for n in [*t.header_lines, *(r.line for r in t.rows)]}
    for s in read.planned.statuses:
        table.setdefault(s.line, names[s.table])
        if is_percent(s.role):
            percents[s.line][_clean(raw.get((s.table, s.line, s.role), ""))] += 1
        else:
            got[s.line].append((s.status, s.why))
    return got, percents, table


def listed_lines(read) -> dict[int, str]:
    """Line -> why, for every line with figures the import lists whole (the preview's own list)."""
    if read.layout is None:
        return {u.line: u.why for u in read.statement.unread}
    from cli.books import _tp_listed

    skip = {c.line for c in read.blocks.cells}
    return {item.line: item.why for item in _tp_listed(read.statement, read.blocks, read.layout, read.planned, skip)}


def comparison_pages(read) -> set[int]:
    """The pages holding a table of the comparison kind, or a talousarvio book's table (its TA beside other
    years' and a frame's: one budget role only)."""
    statement = read.statement
    page = {n: line.page for n, line in enumerate(statement.text_lines, 1)}
    if read.layout is None:
        return {page[m.table.header_lines[0]] for m in statement.tables if m.kind != "other"}
    pages = {page[c.line] for c in read.blocks.cells}
    return pages | {t.page for t in read.layout.tables if len(BUDGET_ROLES & set(t.roles)) >= 2 or is_budget_book(t)}


def count(read, pages: set[int]) -> tuple[dict[str, Counter], Counter]:
    """Per table (and in all): printed / recorded / checked / listed / dropped money cells on ``pages``; and
    the listed cells by their page and reason."""
    got, percents, table = statuses_by_line(read)
    listed = listed_lines(read)
    tables: dict[str, Counter] = defaultdict(Counter)
    reasons: Counter = Counter()
    for n, line in enumerate(read.statement.text_lines, 1):
        if line.page not in pages or not with_figures(line.text):
            continue
        printed = money_cells(line.cells, percents[n])
        row = tables[table.get(n, NO_TABLE)]
        row["printed"] += printed
        statuses = got.get(n, [])
        if n in listed:  # listed whole: the cells no reader gave a status are the line's
            statuses = statuses + [("listed", listed[n])] * max(0, printed - len(statuses))
        for status, why in statuses:
            row[status] += 1
            if status == "listed":
                reasons[(line.page, said(why, "en"))] += 1
        row["dropped"] += max(0, printed - len(statuses))
        row["extra"] += max(0, len(statuses) - printed)
    tables["all"] = sum(tables.values(), Counter())
    return tables, reasons


def by_reason(reasons: Counter, pages: set[int]) -> Counter:
    """The listed cells on ``pages`` by reason."""
    out: Counter = Counter()
    for (page, why), n in reasons.items():
        if page in pages:
            out[why] += n
    return out


def parse_pages(spans: list[str]) -> set[int]:
    """`72-126` and `5` as page numbers; a bad span is refused by argparse's error."""
    pages: set[int] = set()
    for span in spans:
        m = re.fullmatch(r"(\d+)(?:[-–](\d+))?", span.strip())
        if m is None:
            raise argparse.ArgumentTypeError(f"--pages: {span!r} is not a page or a range of pages (72-126)")
        pages |= set(range(int(m[1]), int(m[2] or m[1]) + 1))
    return pages


def truth_sections(path: Path) -> dict[str, tuple[range, list[dict]]]:
    """The reference's rows per section, and the pages from the section's first row's to its last's."""
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    by: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by[row["section"]].append(row)
    return {name: (range(min(int(r["page"]) for r in rs), max(int(r["page"]) for r in rs) + 1), rs)
            for name, rs in by.items()}


def against_truth(read, path: Path) -> dict[str, dict[str, int]]:
    """Per section of the reference: its cells recorded / checked / listed / dropped (on a line the import
    neither reads nor lists), and the cells read wrong (a cell matches a reference row of its role, value
    and place, ``line``: page:line)."""
    statement = read.statement
    line = dict(enumerate(statement.text_lines, 1))
    cells = []
    if read.layout is not None:
        cells = [(line[c.line].page, c.role, c.printed * 100, block_status(c), line[c.line].place)
                 for c in read.blocks.cells]
        status = {(s.table, s.line, s.role): s.status for s in read.planned.statuses}
        cells += [(line[c.line].page, c.role, c.printed * t.scale, status[(i, c.line, c.role)], line[c.line].place)
                  for i, t in enumerate(read.layout.tables) for c in t.cells if not is_percent(c.role)]
    got, _percents, _table = statuses_by_line(read)
    listed = listed_lines(read)
    silent = {line[n].place for n in line if n not in got and n not in listed}
    out = {}
    for name, (pages, rows) in truth_sections(path).items():
        out[name] = tally(rows, cells, pages, where="line")
        out[name]["dropped"] = sum(row["line"] in silent for row in rows)
        out[name]["listed"] -= out[name]["dropped"]
    return out


def _row(name: str, c: Counter) -> str:
    return (f"  {name[:60]:<60} {c['printed']:>7} {c['recorded']:>8} {c['checked']:>7} {c['listed']:>6}"
            f" {c['dropped']:>7}" + (f"  ({c['extra']} statuses more than cells printed)" if c["extra"] else ""))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("book", type=Path)
    parser.add_argument("--pages", nargs="+", help="the pages of the budget comparison (72-126 5 …); default: "
                        "those holding a table of the comparison kind")
    parser.add_argument("--truth", type=Path, help="the book's reference cells (TSV, books.py's format with page, "
                        "section); default: BOOK.truth.tsv beside the book")
    args = parser.parse_args(argv)
    if not args.book.is_file():
        parser.error(f"book: {args.book} is not a file")
    try:
        given = parse_pages(args.pages) if args.pages else None
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    start = time.perf_counter()
    read = read_as_import(args.book)
    pages = given or comparison_pages(read)
    tables, reasons = count(read, pages)
    truth = args.truth or args.book.with_suffix(".truth.tsv")
    measured = against_truth(read, truth) if truth.is_file() else None
    seconds = time.perf_counter() - start
    print(f"{args.book.name}: read and planned as `kirjuri import` would in {read.seconds:.1f} s"
          f" (the whole run {seconds:.1f} s)")
    print(f"pages counted ({'--pages' if given else 'a table of the comparison kind on them'}): "
          + (_spans(pages) or "none"))
    print(f"  {'table':<60} {'printed':>7} {'recorded':>8} {'checked':>7} {'listed':>6} {'dropped':>7}")
    for name in [n for n in tables if n not in (NO_TABLE, "all")] + [n for n in (NO_TABLE, "all") if n in tables]:
        print(_row(name, tables[name]))
    print("listed cells by reason:")
    for why, n in by_reason(reasons, pages).most_common():
        print(f"  {n:>6}  {why}")
    if measured is None:
        print(f"correct: not known, no reference for this book ({truth} does not exist; give --truth FILE.tsv)")
        return
    print(f"against the reference {truth.name}:")
    print(f"  {'section':<30} {'cells':>6} {'recorded':>8} {'checked':>7} {'listed':>6} {'dropped':>7} {'wrong':>6}")
    for name, t in [*measured.items(), ("all", sum((Counter(t) for t in measured.values()), Counter()))]:
        print(f"  {name:<30} {t['cells']:>6} {t['recorded']:>8} {t['checked']:>7} {t['listed']:>6} {t['dropped']:>7}"
              f" {t['wrong']:>6}")
    print("listed cells on each section's pages, the three most common reasons:")
    for name, (section_pages, _rows) in truth_sections(truth).items():
        top = "; ".join(f"{n} {why}" for why, n in by_reason(reasons, set(section_pages)).most_common(3))
        print(f"  {name}: {top or 'none'}")


def _spans(pages: set[int]) -> str:
    """1 2 3 7 -> "1-3, 7"."""
    out, run = [], []
    for p in sorted(pages):
        if run and p != run[-1] + 1:
            out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
            run = []
        run.append(p)
    if run:
        out.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
    return ", ".join(out)


if __name__ == "__main__":
    main()
