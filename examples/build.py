"""Build the bundled example ledgers from the seed budget books, with the importers.

    python examples/build.py [SEEDS_DIR]     # default: ../shared/seeds beside the repository

writes ``examples/kemijarvi.json`` (Kemijärvi 2022–2026), ``examples/kemi.json``
(Kemi 2023) and ``examples/seinajoki.json`` (Seinäjoki's tilinpäätös 2024, from the text of its
sections 8.1–8.5 in ``../shared/books/seinajoki-tp-2024``, and the projects of its Rakennukset from the
project list on the PDF's page 145). Every figure comes from a book through
``kirjuri import``'s planners and the profiles in ``examples/books/``. Hand-written events are only the facts the
books state in prose or in the labels of their tables: the 2026 reorganisation
(KV 26.5.2025 § 50, in force 1.1.2026). The clock and the ids are fixed, so a
rebuild gives the same events and the same hashes (a test checks it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import sys
import tempfile
from pathlib import Path

from events.model import BreakdownStated, Decision, ProjectOpened
from ledger.app import Kirjuri
from ledger.audit.authority import UNCHECKED
from ledger.store.exchange import write_json
from ledger.books import blockplan, layoutplan
from ledger.books.blocks import read_blocks
from ledger.books.book import read_book
from ledger.books.layout import read_layout, read_text_layout
from ledger.books.pdf import PdfBook, read_pdf
from ledger.books.plan import load_profile, plan_import
from ledger.store.log import Target

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[1] / "shared" / "seeds"
AUTHOR = "talouspalvelut"
#: Seinäjoki's tilinpäätös 2024 as published: its PDF, and the text of its sections 8.1–8.5
SEINAJOKI = HERE.parents[1] / "shared" / "books" / "seinajoki-tp-2024"
#: the sections read from their text: 8.1's tulosalue blocks with their amendment rows, 8.2's tuloslaskelmaosa
#: (8.3 and 8.5 are listed by the importer from text and add nothing here)
SEINAJOKI_SECTIONS = ("seinajoki_tp2024_8-1_kayttotalous_tulosalueet", "seinajoki_tp2024_8-2_tuloslaskelmaosa",
                      "seinajoki_tp2024_8-3_investointiosa", "seinajoki_tp2024_8-5_yhteenveto_maararahat_tuloarviot")
#: the PDF, and its pages read for the projects: the investointiosa (p. 144) and the project list of its
#: Rakennukset (p. 145), whose talousarvio the list's arithmetic places under that line
SEINAJOKI_PDF = "seinajoki-tilinpaatos-2024.pdf"
PROJECT_PAGES = (144, 145)
KEMIJARVI_BOOKS = ("001_aaaf02521da22339", "000_9c20ad174b7e627f", "003_1b329ab6df95eed4")
#: the detailed book first: 002 prints as one line each unit 004 breaks down
KEMI_BOOKS = ("004_79e4d0c6f91e6d52", "002_dd12f107354cdfaf")

REORGANISATION = Decision(body="valtuusto", date=dt.date(2025, 5, 26), section="50",
                          document="organisaatiomuutos")
IN_FORCE = dt.date(2026, 1, 1)
#: the new toimiala and its vastuualue (book 003, "Konserni- ja elinvoimapalvelut toimiala")
NEW_NODES = (
    ("KEV", "Konserni- ja elinvoimapalvelut", "toimiala", "KEMIJARVI"),
    ("HALLVA", "Hallintopalvelut", "vastuualue", "KEV"),
    ("VIESTINTA", "Viestintä- ja markkinointipalvelut", "vastuualue", "KEV"),
    ("ELTY", "Elinkeino- ja työllisyyspalvelut", "vastuualue", "KEV"),
)
#: units book 003 prints under Hallintopalvelut with figures from 2024, absent from book 000
HALL_UNITS_SINCE_2024 = (("TILAPAISEN-SUOJELUN-LISATUKI-VALTIO", "Tilapäisen suojelun lisätuki/valtio"),)
#: "siirretty elinkeino- ja työllisyys va" (from Hallintopalvelut) and "elinvoima-palveluissa"
TO_ELTY = ("JOUKKOLIIKENNE", "KEHITTAMISPROJEKTIT", "MAASEUTUNEUVONTAPALVELUT",
           "OPISKELIJOIDEN-KESATYO", "TYOMARKKINATUEN-KUNTAOSUUS")


class FixedClock:
    """One second per event from a fixed start, so rebuilt ledgers hash the same."""

    def __init__(self, start: dt.datetime):
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


def new_ledger(path: Path, start: dt.datetime, prefix: str) -> Kirjuri:
    counter = itertools.count(1)
    return Kirjuri(Target(sqlite_path=path), create=True, author=AUTHOR, clock=FixedClock(start),
                   new_id=lambda: f"{prefix}-{next(counter)}", rules_of=UNCHECKED)


def import_book(ledger: Kirjuri, seeds: Path, name: str) -> int:
    """Record what the book states that the ledger does not hold yet; refuse conflicts."""
    statement = read_book(seeds / f"{name}.txt")
    profile_path = HERE / "books" / f"{name}.toml"
    profile = load_profile(profile_path if profile_path.exists() else None)
    plan = plan_import(ledger.state, statement, profile, author=AUTHOR, now=ledger.clock())
    if plan.conflicts:
        raise SystemExit(f"{name}: the book conflicts with the ledger:\n" + "\n".join(plan.conflicts))
    ledger.submit(*plan.events)
    return len(plan.events)


def reorganise_2026(ledger: Kirjuri) -> None:
    """The 2026 reorganisation, as book 003 states it in prose and in its tables' labels."""
    since_2024 = dt.date(2024, 1, 1)
    for code, name in HALL_UNITS_SINCE_2024:
        ledger.register_unit(code, name, "yksikkö", "HALL", effective=since_2024,
                             note="Käyttösuunnitelma 2026 näyttää yksikön Hallintopalveluissa TP 2024:stä alkaen")
    for code, name, level, parent in NEW_NODES:
        ledger.register_unit(code, name, level, parent, effective=IN_FORCE, decision=REORGANISATION)
    for unit in ledger.state.children("HALL", 2025):
        target = "ELTY" if unit in TO_ELTY else "HALLVA"
        ledger.transfer(unit, target, effective=IN_FORCE, decision=REORGANISATION, from_year=2026,
                        note="Organisaatiomuutos 1.1.2026")
    for unit in TO_ELTY:
        if ledger.state.parents(2026, IN_FORCE.toordinal()).get(unit) != "ELTY":
            ledger.transfer(unit, "ELTY", effective=IN_FORCE, decision=REORGANISATION, from_year=2026,
                            note="Organisaatiomuutos 1.1.2026: elinvoimapalveluista")
    ledger.rename_unit("KEHITTAMISPROJEKTIT", "Kehittämisprojektit (KPKI pienet)", effective=IN_FORCE,
                       decision=REORGANISATION)
    ledger.close_unit("HALL", effective=IN_FORCE, decision=REORGANISATION,
                      note="Hallintopalvelut jatkaa vastuualueena HALLVA Konserni- ja elinvoimapalveluissa")


def _on(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 8, 0, tzinfo=dt.UTC)


def build_kemijarvi(path: Path, seeds: Path = SEEDS) -> Kirjuri:
    """Each book is recorded when it came out, so "as the ledger knew it then" means something."""
    ledger = new_ledger(path, _on(dt.date(2024, 1, 15)), "kemijarvi")
    import_book(ledger, seeds, KEMIJARVI_BOOKS[0])
    ledger.clock.now = _on(dt.date(2025, 1, 15))
    import_book(ledger, seeds, KEMIJARVI_BOOKS[1])
    ledger.clock.now = _on(REORGANISATION.date + dt.timedelta(days=1))
    reorganise_2026(ledger)
    ledger.clock.now = _on(dt.date(2026, 1, 15))
    import_book(ledger, seeds, KEMIJARVI_BOOKS[2])
    return ledger


def build_kemi(path: Path, seeds: Path = SEEDS) -> Kirjuri:
    ledger = new_ledger(path, _on(dt.date(2023, 8, 31)), "kemi")
    for name in KEMI_BOOKS:
        import_book(ledger, seeds, name)
    return ledger


def import_tilinpaatos(ledger: Kirjuri, path: Path) -> int:
    """Record what a tilinpäätös's section states, read as ``kirjuri import`` reads a book with no table its
    older readers know: its tulosalue blocks (amendment rows as TA-muutos events), then its tables by their
    columns; the year and the city from the book."""
    statement = read_book(path)
    reading = read_blocks(statement.lines)
    skip = {c.line for c in reading.cells}
    layout = (read_layout(statement.text_lines, skip=skip) if statement.text_lines
              else read_text_layout(statement.lines, skip=skip))
    year = blockplan.book_year(statement.lines, None, statement.source)
    root = blockplan.book_root(statement.lines, None)
    stamp = {"source": statement.source, "digest": statement.digest, "author": AUTHOR, "now": ledger.clock()}
    blocks = blockplan.plan_blocks(ledger.state, reading, year=year, root=root, **stamp) if reading.cells else None
    tables = layoutplan.plan_layout(ledger.state, layout, year=year, root=root, blocks=reading,
                                    planned_units={u.code for u in blocks.units} if blocks else set(), **stamp)
    events = (blocks.events if blocks else []) + tables.plan.events
    ledger.submit(*events)
    return len(events)


def import_project_list(ledger: Kirjuri, pdf: Path, book: PdfBook, year: int) -> int:
    """Record the projects of the PDF's project list (``PROJECT_PAGES``) and their talousarvio and toteutuma as
    their group's breakdown, as ``kirjuri import`` plans them beside the investointiosa they break down. The
    investointiosa's own figures are the text sections' (already recorded): of the plan only the projects are
    taken, so nothing is counted twice."""
    lines = [line for line in book.lines if line.page in PROJECT_PAGES]
    root = next(code for code, unit in ledger.state.units.items() if unit.parent is None)
    plan = layoutplan.plan_layout(ledger.state, read_layout(lines), year=year, root=(root, ledger.state.name(root)),
                                  source=pdf.name, digest=hashlib.sha256(pdf.read_bytes()).hexdigest(),
                                  author=AUTHOR, now=ledger.clock())
    events = [e for e in plan.plan.events if (isinstance(e, ProjectOpened) and e.group != root)
              or (isinstance(e, BreakdownStated) and e.id.split("-tl-")[-1].startswith("projects-"))]
    ledger.submit(*events)
    return len(events)


def build_seinajoki(path: Path, books: Path = SEINAJOKI, book: PdfBook | None = None) -> Kirjuri:
    """Seinäjoki's 2024: recorded when its tilinpäätös came out, in spring 2025. ``book``: the PDF as
    ``read_pdf`` reads it, where the caller has it already (else it is read)."""
    ledger = new_ledger(path, _on(dt.date(2025, 4, 15)), "seinajoki")
    for name in SEINAJOKI_SECTIONS:
        import_tilinpaatos(ledger, books / f"{name}.txt")
    pdf = books / SEINAJOKI_PDF
    import_project_list(ledger, pdf, book if book is not None else read_pdf(pdf), max(ledger.state.years()))
    return ledger


def export(ledger: Kirjuri, out: Path) -> None:
    with out.open("w", encoding="utf-8") as f:
        write_json(ledger.eventlog.read(), f, ledger.state.head, ledger.state.seq)


def main(seeds: Path = SEEDS) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, build, source in (("kemijarvi", build_kemijarvi, seeds), ("kemi", build_kemi, seeds),
                                    ("seinajoki", build_seinajoki, SEINAJOKI)):
            ledger = build(Path(tmp) / f"{name}.sqlite", source)
            export(ledger, HERE / f"{name}.json")
            print(f"examples/{name}.json: {ledger.state.seq} events")
            ledger.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SEEDS)
