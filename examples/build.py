"""Build the bundled example ledgers from the seed budget books, with the importers.

    python examples/build.py [SEEDS_DIR]     # default: ../shared/seeds beside the repository

writes ``examples/kemijarvi.json`` (Kemijärvi 2022–2026) and ``examples/kemi.json``
(Kemi 2023). Every figure comes from a book through ``kirjuri import``'s planner and
the profiles in ``examples/books/``. Hand-written events are only the facts the
books state in prose or in the labels of their tables: the 2026 reorganisation
(KV 26.5.2025 § 50, in force 1.1.2026). The clock and the ids are fixed, so a
rebuild gives the same events and the same hashes (a test checks it).
"""

from __future__ import annotations

import datetime as dt
import itertools
import sys
import tempfile
from pathlib import Path

from events.model import Decision
from ledger.app import Kirjuri
from ledger.audit.authority import UNCHECKED
from ledger.store.exchange import write_json
from ledger.books.book import read_book
from ledger.books.plan import load_profile, plan_import
from ledger.store.log import Target

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parents[1] / "shared" / "seeds"
AUTHOR = "talouspalvelut"
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


def export(ledger: Kirjuri, out: Path) -> None:
    with out.open("w", encoding="utf-8") as f:
        write_json(ledger.eventlog.read(), f, ledger.state.head, ledger.state.seq)


def main(seeds: Path = SEEDS) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, build in (("kemijarvi", build_kemijarvi), ("kemi", build_kemi)):
            ledger = build(Path(tmp) / f"{name}.sqlite", seeds)
            export(ledger, HERE / f"{name}.json")
            print(f"examples/{name}.json: {ledger.state.seq} events")
            ledger.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SEEDS)
