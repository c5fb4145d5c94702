"""The Seinäjoki tilinpäätös PDF read once per test run: reading it whole takes about 15 s of CPU and
several test files need it, so the first worker to need it reads it and the others load its reading."""

from __future__ import annotations

import fcntl
import os
import pickle
from functools import cache
from pathlib import Path

from ledger.books import pdf

BOOKS = Path(__file__).parents[1].parent / "shared" / "books" / "seinajoki-tp-2024"
PDF = BOOKS / "seinajoki-tilinpaatos-2024.pdf"
#: where the reading is kept for this run (set by conftest: the run's directory the workers share)
SHARED: Path | None = None


@cache
def book() -> pdf.PdfBook:
    """The whole book as ``pdf.read_pdf`` reads it, read by one worker while the others wait for it."""
    assert PDF.exists(), f"the Seinäjoki book is not beside the repository: {PDF}"
    if SHARED is None:
        return pdf.read_pdf(PDF)
    kept, lock = SHARED / "seinajoki-pdf.pickle", SHARED / "seinajoki-pdf.lock"
    with lock.open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        if kept.exists():
            return pickle.loads(kept.read_bytes())
        read = pdf.read_pdf(PDF)
        kept.write_bytes(pickle.dumps(read))
        return read
