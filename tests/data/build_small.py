"""Build tests/data/kemijarvi-small.json: a small, hand-transcribed Kemijärvi ledger the CLI and TUI tests use.

Figures are copied from Käyttösuunnitelma 2025 (Hallintopalvelut, section 6) and
Käyttösuunnitelma 2026 (Konserni- ja elinvoimapalvelut); the three service transfers
follow "Kaupunginvaltuuston 26.5.2025 § 50 hyväksymän organisaatiomuutoksen astuminen
voimaan 1.1.2026". The books do not cite the § that adopted each TA: those decisions
carry the legal deadline (kuntalaki 110 §: by 31.12. of the previous year), § "–" and a
note saying so. Run from the repository root: python tests/data/build_small.py
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import sys
import uuid
import tempfile
from pathlib import Path

from events.model import Decision, Line
from ledger.app import Kirjuri
from ledger.store.exchange import write_json
from ledger.store.log import Target

HERE = Path(__file__).parent
OUT = HERE / "kemijarvi-small.json"
BOOK_2025 = "Kemijärvi, Käyttösuunnitelma 2025, Hallintopalvelut, kohta 6"
BOOK_2026 = "Kemijärvi, Käyttösuunnitelma 2026, Konserni- ja elinvoimapalvelut"
NO_SECTION = "Lähdekirja ei mainitse päätöksen pykälää; päivä on kuntalain 110 §:n määräaika."

# unit: (TP 2023, TA+MUUTOS 2024, TPE 2024, TA 2025, KS 2025) as (MENOT, TULOT); None = blank in the book
BOOK_2025_UNITS = {
    "KVLTK": ((-22_986, 15_007), (-52_670, 52_670), (-54_739, 43_181), (-68_900, 8_400), (-68_900, 8_400)),
    "KH": ((-1_253_026, 0), (-1_415_360, 0), (-1_181_971, 0), (-1_329_690, 0), (-1_329_690, 0)),
    "TALOUS": ((-410_005, 431_020), (-406_830, 374_640), (None, 426_327), (-438_270, 216_200), (-438_270, 216_200)),
    "JOUKKO": ((-316_340, 153_548), (-334_500, 90_000), (-318_280, 95_806), (-348_070, 100_000), (-348_070, 100_000)),
    "ICT": ((-1_013_561, 190_785), (-1_092_800, 181_450), (None, 185_692), (-1_200_960, 181_950), (-1_200_960, 181_950)),
    "SORT": ((-233_309, 233_268), (-257_390, 257_390), (None, None), (-273_020, 273_020), (-273_020, 273_020)),
    "KEHPROJ": ((-2_421, 0), (0, 0), (None, None), (0, 0), (0, 0)),
    "MAASEUTU": ((-85_680, 10_755), (-93_970, 10_000), (None, None), (-98_670, 0), (-98_670, 0)),
}
# unit: (TP 2024, TPE 2025, TA 2026) from the 2026 book
BOOK_2026_UNITS = {
    "JOUKKO": ((-318_280, 37_806), (-361_424, 72_021), (-334_000, 90_000)),
    "ICT": ((-1_142_528, 185_692), (-1_151_574, 182_238), (-1_237_350, 45_000)),
    "SORT": ((-222_301, 258_178), (-282_525, 236_100), (-314_860, 314_860)),
    "KEHPROJ": ((-76_912, 35_413), (-156_349, 73_064), (-77_780, 40_000)),
    "MAASEUTU": ((-77_070, 2_085), (-99_835, 4_993), (-96_500, 0)),
}
UNITS = [
    ("KEMIJARVI", "Kemijärven kaupunki", "kaupunki", None),
    ("HALL", "Hallintopalvelut", "toimiala", "KEMIJARVI"),
    ("ELIN", "Elinvoimapalvelut", "toimiala", "KEMIJARVI"),
    ("ELTY", "Elinkeino- ja työllisyyspalvelut", "vastuualue", "ELIN"),
    ("KVLTK", "Keskusvaalilautakunta", "yksikkö", "HALL"),
    ("KH", "Kaupunginhallitus", "yksikkö", "HALL"),
    ("TALOUS", "Talouspalvelut", "yksikkö", "HALL"),
    ("JOUKKO", "Joukkoliikenne", "yksikkö", "HALL"),
    ("ICT", "Tietohallinto/ict-palvelut", "yksikkö", "HALL"),
    ("SORT", "Sortteeri", "yksikkö", "HALL"),
    ("KEHPROJ", "Kehittämisprojektit", "yksikkö", "HALL"),
    ("MAASEUTU", "Maaseutuneuvontapalvelut", "yksikkö", "HALL"),
]


class PhaseClock:
    """Recorded times: the ledger is written in phases, as the books arrived."""

    def __init__(self) -> None:
        self.now = dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.timezone.utc)

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=7)
        return self.now


def _lines(rows: dict, index: int) -> list[Line]:
    out = []
    for unit, cols in rows.items():
        for account, euros in zip(("MENOT", "TULOT"), cols[index]):
            if euros is not None:
                out.append(Line(unit, account, euros * 100))
    return out


def _ta_decision(year: int, book: str) -> Decision:
    return Decision(body="valtuusto", date=dt.date(year - 1, 12, 31), section="–", document=book)


def build(app: Kirjuri, clock: PhaseClock) -> None:
    founded = dt.date(2020, 1, 1)
    for code, name, level, parent in UNITS:
        app.register_unit(code, name, level, parent, effective=founded, note="Organisaatio lähdekirjan mukaan")
    app.record("tp", 2023, _lines(BOOK_2025_UNITS, 0), note=BOOK_2025)
    app.adopt(2024, _lines(BOOK_2025_UNITS, 1), decision=_ta_decision(2024, BOOK_2025),
              note="Kirja antaa vain TA+MUUTOS 2024; kirjattu TA:na. " + NO_SECTION)
    app.record("tpe", 2024, _lines(BOOK_2025_UNITS, 2), effective=dt.date(2024, 12, 31), note=BOOK_2025)
    app.adopt(2025, _lines(BOOK_2025_UNITS, 3), decision=_ta_decision(2025, BOOK_2025), note=NO_SECTION)
    app.record("ks", 2025, _lines(BOOK_2025_UNITS, 4), note=BOOK_2025,
               decision=Decision(body="hallitus", date=dt.date(2025, 1, 1), section="–", document=BOOK_2025))

    clock.now = dt.datetime(2025, 5, 27, 10, 0, tzinfo=dt.timezone.utc)
    kv = Decision(body="valtuusto", date=dt.date(2025, 5, 26), section="50", document=BOOK_2026)
    for unit in ("JOUKKO", "KEHPROJ", "MAASEUTU"):
        app.transfer(unit, "ELTY", effective=dt.date(2026, 1, 1), decision=kv,
                     note="Organisaatiomuutos: siirretty elinkeino- ja työllisyys va")

    clock.now = dt.datetime(2025, 12, 15, 9, 0, tzinfo=dt.timezone.utc)
    app.record("tp", 2024, _lines(BOOK_2026_UNITS, 0), note=BOOK_2026)
    app.record("tpe", 2025, _lines(BOOK_2026_UNITS, 1), effective=dt.date(2025, 11, 30), note=BOOK_2026)
    app.adopt(2026, _lines(BOOK_2026_UNITS, 2), decision=_ta_decision(2026, BOOK_2026), note=NO_SECTION)


def main() -> None:
    clock = PhaseClock()
    with tempfile.TemporaryDirectory() as tmp:
        ids = (uuid.UUID(int=random.Random(2025).getrandbits(128) + n).hex for n in itertools.count())
        app = Kirjuri(Target(sqlite_path=Path(tmp) / "example.sqlite"), create=True,
                      author="talouspalvelut", clock=clock, new_id=lambda: next(ids))
        build(app, clock)
        with OUT.open("w", encoding="utf-8") as fh:
            write_json(app.eventlog.read(), fh, app.state.head, app.state.seq)
        print(f"wrote {OUT} ({app.state.seq} events, head {app.state.head})", file=sys.stderr)


if __name__ == "__main__":
    main()
