"""What `kirjuri import` records from a book's extracted text, against what it records from the book's PDF.

    .venv/bin/python benchmarks/text_vs_pdf.py BOOK.pdf BOOK.txt [--year 2024]

A book comes as its PDF or as the text a reader extracted from it (pdfplumber's ``extract_text``, page by page:
the tables' words by their height, no positions). Both are read and planned as the import's preview plans them
(books.py's ``read_as_import``: an empty ledger, no profile). The figures each records are keyed by unit (its
name), account and column (TA, MUUTOS, TP, a breakdown's column); printed: how many each records, checks and
lists, how many the text records that the PDF records otherwise (must be 0: text and PDF are one book), which
the text records that the PDF does not (a line the PDF checks against figures it records elsewhere: each shown,
to be explained) and how many of the PDF's the text does not record (listed instead, or outside the tables the
text reader finds).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from books import read_as_import  # noqa: E402

COLUMNS = {"TaAdopted": "TA", "TaAmended": "MUUTOS", "TpRecorded": "TP"}


def recorded(read) -> tuple[dict[tuple[str, str, str], int], Counter]:
    """(unit name, account, column) -> the cents the plan records; and the statuses' count by kind."""
    plan = read.planned
    if plan is None:
        return {}, Counter()
    names = {e.code: e.name for e in plan.plan.events if type(e).__name__ == "UnitRegistered"}
    out: dict[tuple[str, str, str], int] = {}
    for event in plan.plan.events:
        kind = type(event).__name__
        column = COLUMNS.get(kind) or getattr(event, "column", "") or kind
        for line in getattr(event, "lines", ()):
            key = (names.get(line.unit, line.unit), line.account, column)
            out[key] = out.get(key, 0) + line.amount
    return out, Counter(s.status for s in plan.statuses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("text", type=Path)
    parser.add_argument("--year", type=int)
    args = parser.parse_args()
    timed = {}
    for name, path in (("pdf", args.pdf), ("text", args.text)):
        start = time.perf_counter()
        timed[name] = (recorded(read_as_import(path, args.year)), time.perf_counter() - start)
    (pdf, pdf_status), _t = timed["pdf"]
    (text, text_status), _t = timed["text"]
    for name, ((figures, status), seconds) in timed.items():
        print(f"{name:5} {len(figures):5} figures recorded; statuses {dict(status)}; {seconds:.1f} s")
    other = {k: (pdf[k], v) for k, v in text.items() if k in pdf and pdf[k] != v}
    print(f"recorded from the text otherwise than from the PDF: {len(other)}")
    for key, (was, got) in sorted(other.items())[:20]:
        print(f"  {key}: pdf {was}, text {got}")
    alone = {k: v for k, v in text.items() if k not in pdf}
    print(f"recorded from the text, not from the PDF: {len(alone)}")
    for key, got in sorted(alone.items())[:20]:
        print(f"  {key}: text {got}")
    print(f"recorded from the PDF, not from the text: {sum(1 for k in pdf if k not in text)}")


if __name__ == "__main__":
    main()
