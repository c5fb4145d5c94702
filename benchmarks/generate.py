"""A deterministic, municipal-shaped event history for benchmarking Kirjuri.

The organisation is fixed: 1 city (``K``), 6 toimiala (``T1``..``T6``), 40 vastuualue
(``T1-V3``) and 400 yksikkö (``T1-V3-U7``), registered in 2015. Ten fiscal years,
2016-2025, each get:

* the TA, adopted by the valtuusto in December of the year before (one event, lines
  for every unit on MENOT/TULOT, TOIMINTAKULUT/TULOT or detailed accounts; a unit never
  has an account together with one of its ancestors in the same column);
* a few service transfers (a unit to another vastuualue, effective 1.1., recorded
  in December before the TA);
* KS per vastuualue in January (on the detailed accounts below the binding level);
* toteuma: per vastuualue-month bundles at small sizes, per unit and sub-period of
  the month at larger ones (periods of one unit never overlap), recorded a few days
  after the period ends; a few are reversed and recorded again with corrected amounts;
* reallocations between units of the same vastuualue (guarded so that no source is
  left below the toteuma it can still get: every one passes the ledger's rules);
* TPE per vastuualue four times a year, and TP per vastuualue in February of the
  next year (for 2016-2024);
* TA-muutos decisions at the valtuusto's monthly meetings, some later reversed.
  Amendments are the filler: their number makes the total exactly ``--events``.

Toteuma and amendments scale with the requested size; the organisation does not.
Everything comes from seeded ``random.Random`` streams, so one (events, seed) pair
always gives the same events, ids and recorded times. Amounts are integer cents.

Usage: ``python benchmarks/generate.py --events 100000 [--seed 1] [--out FILE] [--check]``
writes one JSON event per line (the ledger's own encoding of ``AnyEvent``); the
benchmark streams that file into ``Kirjuri.submit``. ``--check`` submits the file to a
scratch ledger and stops at the first rejected event.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import msgspec  # noqa: E402

from events.accounts import root_of  # noqa: E402
from events.model import (  # noqa: E402
    Decision,
    EntryReversed,
    Event,
    KsSet,
    Line,
    Move,
    Reallocated,
    ServiceTransferred,
    TaAdopted,
    TaAmended,
    ToteumaRecorded,
    TpeRecorded,
    TpRecorded,
    UnitRegistered,
)

GENERATOR_VERSION = 1
DEFAULT_SEED = 1
YEARS = tuple(range(2016, 2026))
CITY = "K"
AUTHOR = "bench"
UTC = dt.timezone.utc

# --- the organisation -------------------------------------------------------------------

TOIMIALAT: list[tuple[str, list[tuple[str, str]]]] = [
    ("Konsernihallinto", [
        ("Talous ja strategia", "Talouspalvelut"), ("Henkilöstöpalvelut", "HR-tiimi"),
        ("Tietohallinto", "ICT-palvelu"), ("Hallinto ja lakipalvelut", "Lakipalvelut"),
        ("Viestintä", "Viestintätiimi"), ("Hankinnat", "Hankintayksikkö"), ("Omistajaohjaus", "Konserniyksikkö"),
    ]),
    ("Kasvatus ja koulutus", [
        ("Varhaiskasvatus", "Päiväkoti"), ("Perusopetus", "Koulu"), ("Lukiokoulutus", "Lukio"),
        ("Ammatillinen koulutus", "Ammattiopisto"), ("Oppilashuolto", "Oppilashuolto"),
        ("Vapaa sivistystyö", "Kansalaisopisto"), ("Opetuksen tukipalvelut", "Tukipalvelu"),
    ]),
    ("Hyvinvointi ja terveys", [
        ("Ikäihmisten palvelut", "Palvelukoti"), ("Lapsiperheiden palvelut", "Perhekeskus"),
        ("Terveysneuvonta", "Neuvola"), ("Mielenterveyspalvelut", "Mielenterveysyksikkö"),
        ("Vammaispalvelut", "Asumisyksikkö"), ("Sosiaalityö", "Sosiaalitoimisto"), ("Ehkäisevä työ", "Kohtaamispaikka"),
    ]),
    ("Kaupunkiympäristö", [
        ("Kadut ja puistot", "Katualue"), ("Rakennusvalvonta", "Lupapalvelu"), ("Kaavoitus", "Kaavoitustiimi"),
        ("Tilapalvelut", "Kiinteistö"), ("Ympäristöpalvelut", "Ympäristötarkastus"),
        ("Joukkoliikenne", "Liikennepalvelu"), ("Maankäyttö", "Maaomaisuus"),
    ]),
    ("Kulttuuri ja vapaa-aika", [
        ("Kirjastopalvelut", "Kirjasto"), ("Liikuntapalvelut", "Liikuntapaikka"), ("Nuorisopalvelut", "Nuorisotalo"),
        ("Museot", "Museo"), ("Kulttuuripalvelut", "Kulttuuritalo"), ("Musiikkiopisto", "Opetuspiste"),
    ]),
    ("Elinvoima ja työllisyys", [
        ("Työllisyyspalvelut", "Työpiste"), ("Yrityspalvelut", "Yritysneuvonta"), ("Matkailu", "Matkailuinfo"),
        ("Kotoutuminen", "Kotoutumispiste"), ("Maaseutupalvelut", "Maaseututoimisto"), ("Elinkeinot", "Elinkeinotiimi"),
    ]),
]
PLACES = ["Keskusta", "Kuusela", "Mäntylä", "Koivikko", "Rantala", "Harju", "Niittykumpu", "Vaarala",
          "Kalliola", "Metsola", "Peltola", "Järvenpää"]
UNITS_PER_VASTUUALUE = 10

#: account profiles: (TA/toteuma/TPE/TP accounts, KS accounts as (account, share of a TA account in ‰))
PROFILE_ROOTS = ("MENOT", "TULOT")
PROFILE_MID = ("TOIMINTAKULUT", "TULOT")
PROFILE_DETAIL = ("Henkilöstökulut", "Palvelujen ostot", "Muut toimintakulut", "Myyntituotot", "Maksutuotot")
KS_SPLIT: dict[str, tuple[tuple[str, int], ...]] = {
    "MENOT": (("Henkilöstökulut", 550), ("Palvelujen ostot", 300), ("Muut toimintakulut", 150)),
    "TOIMINTAKULUT": (("Henkilöstökulut", 600), ("Palvelujen ostot", 250), ("Vuokrat", 150)),
    "TULOT": (("Myyntituotot", 600), ("Maksutuotot", 400)),
}
#: share of the TA (‰) split over the detailed accounts of PROFILE_DETAIL
DETAIL_SHARE = {"Henkilöstökulut": 600, "Palvelujen ostot": 280, "Muut toimintakulut": 120,
                "Myyntituotot": 550, "Maksutuotot": 450}

# --- how much of everything -------------------------------------------------------------------

TRANSFERS_PER_YEAR = 3
REALLOCATIONS_PER_VASTUUALUE_YEAR = 2
TPE_MONTHS = (4, 6, 9, 11)
MEETING_MONTHS = (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12)
TOTEUMA_SHARE = 0.90  # of the requested total, the rest being everything else and amendments
CORRECTION_PERMILLE = 3  # toteuma events later reversed and recorded again
AMENDMENT_REVERSAL_EVERY = 100  # one in this many filler events reverses an amendment


def _micros(at: dt.datetime) -> int:
    return int(at.timestamp()) * 1_000_000 + at.microsecond


def _at(day: dt.date, rng: random.Random) -> int:
    """A recorded time on ``day`` during office hours (UTC), in µs."""
    seconds = rng.randrange(6 * 3600, 15 * 3600)
    return _micros(dt.datetime(day.year, day.month, day.day, tzinfo=UTC)) + seconds * 1_000_000 + rng.randrange(1_000_000)


def _from_micros(us: int) -> dt.datetime:
    return dt.datetime(1970, 1, 1, tzinfo=UTC) + dt.timedelta(microseconds=us)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


class Org:
    """Codes, names, levels, initial parents, account profiles and each year's membership."""

    def __init__(self, seed: int):
        self.seed = seed
        rng = random.Random(f"{seed}:org")
        self.names: dict[str, str] = {CITY: "Järvilinnan kaupunki"}
        self.levels: dict[str, str] = {CITY: "kaupunki"}
        self.parent: dict[str, str | None] = {CITY: None}
        self.toimialat: list[str] = []
        self.vastuualueet: list[str] = []
        self.units: list[str] = []
        self.toimiala_of: dict[str, str] = {}
        self.profile: dict[str, tuple[str, ...]] = {}
        self.size: dict[str, int] = {}  # unit -> TA 2016 of its expense side, cents (positive)
        self.income_permille: dict[str, int] = {}
        for t, (t_name, vas) in enumerate(TOIMIALAT, 1):
            tcode = f"T{t}"
            self.toimialat.append(tcode)
            self.names[tcode], self.levels[tcode], self.parent[tcode] = t_name, "toimiala", CITY
            for v, (va_name, prefix) in enumerate(vas, 1):
                vcode = f"{tcode}-V{v}"
                self.vastuualueet.append(vcode)
                self.toimiala_of[vcode] = tcode
                self.names[vcode], self.levels[vcode], self.parent[vcode] = va_name, "vastuualue", tcode
                places = rng.sample(PLACES, UNITS_PER_VASTUUALUE)
                for u in range(1, UNITS_PER_VASTUUALUE + 1):
                    ucode = f"{vcode}-U{u}"
                    self.units.append(ucode)
                    self.names[ucode], self.levels[ucode], self.parent[ucode] = f"{prefix} {places[u - 1]}", "yksikkö", vcode
                    roll = rng.randrange(100)
                    self.profile[ucode] = PROFILE_ROOTS if roll < 70 else PROFILE_MID if roll < 80 else PROFILE_DETAIL
                    self.size[ucode] = rng.randrange(20_000, 500_000) * 1000  # 0.2-5 M€
                    self.income_permille[ucode] = rng.randrange(50, 400)
        # membership per fiscal year: unit -> vastuualue, with TRANSFERS_PER_YEAR moves a year
        trng = random.Random(f"{seed}:transfers")
        self.member: dict[int, dict[str, str]] = {}
        self.transfers: dict[int, list[tuple[str, str, str]]] = {}
        current = {u: self.parent[u] for u in self.units}
        for year in YEARS:
            moves = []
            if year != YEARS[0]:
                for unit in trng.sample(self.units, TRANSFERS_PER_YEAR):
                    src = current[unit]
                    same = [v for v in self.vastuualueet if self.toimiala_of[v] == self.toimiala_of[src] and v != src]
                    dst = trng.choice(same if trng.randrange(4) else [v for v in self.vastuualueet if v != src])
                    moves.append((unit, src, dst))
                    current[unit] = dst
            self.transfers[year] = moves
            self.member[year] = dict(current)
        self.va_units: dict[int, dict[str, list[str]]] = {}
        for year in YEARS:
            by_va: dict[str, list[str]] = {v: [] for v in self.vastuualueet}
            for unit, va in self.member[year].items():
                by_va[va].append(unit)
            self.va_units[year] = by_va

    def ta_amounts(self, year: int) -> dict[tuple[str, str], int]:
        """(unit, account) -> TA cents, signed (MENOT negative)."""
        rng = random.Random(f"{self.seed}:ta:{year}")
        out = {}
        for unit in self.units:
            growth = 1000 + 25 * (year - YEARS[0]) + rng.randrange(-20, 40)
            expense = self.size[unit] * growth // 1000
            income = expense * self.income_permille[unit] // 1000
            for account in self.profile[unit]:
                side = root_of(account)
                base = -expense if side == "MENOT" else income
                share = DETAIL_SHARE.get(account, 1000)
                out[(unit, account)] = base * share // 1000 // 10_000 * 10_000  # whole 100 €
        return out


# --- the plan: what is recorded when -------------------------------------------------------------


class Plan:
    """Every event as a small tuple ``(recorded µs, order, kind, *args)``; built into events later."""

    def __init__(self, total: int, seed: int):
        self.total, self.seed = total, seed
        self.org = Org(seed)
        self.specs: list[tuple] = []
        self._order = 0
        self._ids = random.Random(f"{seed}:ids")
        self._plan_fixed()
        base = len(self.specs) + len(self.org.names)
        filler = total - base
        if filler < 0:
            raise SystemExit(f"--events {total} is too small: this organisation's fixed history alone has {base} events")
        self._plan_amendments(filler)
        self.specs.sort()
        assert len(self.specs) + len(self.org.names) == total

    def new_id(self) -> str:
        return f"{self._ids.getrandbits(128):032x}"

    def add(self, when: int, kind: str, *args) -> None:
        self._order += 1
        self.specs.append((when, self._order, kind, *args))

    def _fixed_other(self) -> int:
        """Events that are neither toteuma nor filler (for sizing the toteuma)."""
        org = self.org
        n_va = len(org.vastuualueet)
        per_year = 1 + n_va * (1 + len(TPE_MONTHS) + REALLOCATIONS_PER_VASTUUALUE_YEAR + 1) + TRANSFERS_PER_YEAR
        return len(org.names) + per_year * len(YEARS)

    def _plan_fixed(self) -> None:
        org, years = self.org, YEARS
        rng = random.Random(f"{self.seed}:plan")
        n_units, n_va = len(org.units), len(org.vastuualueet)
        toteuma_target = max(n_va * 12 * len(years), int(self.total * TOTEUMA_SHARE) - self._fixed_other())
        per_unit_month = toteuma_target / (n_units * 12 * len(years))
        for year in years:
            prev_dec = dt.date(year - 1, 12, 1)
            for unit, src, dst in org.transfers[year]:
                self.add(_at(prev_dec + dt.timedelta(days=rng.randrange(9)), rng), "transfer", year, unit, src, dst)
            self.add(_at(dt.date(year - 1, 12, 10 + rng.randrange(6)), rng), "ta", year)
            for va in org.vastuualueet:
                self.add(_at(dt.date(year, 1, 10 + rng.randrange(20)), rng), "ks", year, va)
                for month in TPE_MONTHS:
                    self.add(_at(dt.date(year, month, 10 + rng.randrange(15)), rng), "tpe", year, va)
                for _ in range(REALLOCATIONS_PER_VASTUUALUE_YEAR):
                    day = dt.date(year, 3, 1) + dt.timedelta(days=rng.randrange(260))
                    self.add(_at(day, rng), "realloc", year, va, day.toordinal())
                if year != years[-1]:
                    self.add(_at(dt.date(year + 1, 2, 10 + rng.randrange(15)), rng), "tp", year, va)
            for month in range(1, 13):
                first, last = dt.date(year, month, 1), _month_end(year, month)
                for va in org.vastuualueet:
                    units = org.va_units[year][va]
                    if per_unit_month < 1:
                        # mostly one event for the whole vastuualue; some months per unit
                        p_split = max(0.0, (per_unit_month * len(units) - 1) / (len(units) - 1))
                        if rng.random() >= p_split:
                            self._toteuma(rng, year, tuple(units), first, last)
                            continue
                        for unit in units:
                            self._toteuma(rng, year, (unit,), first, last)
                        continue
                    for unit in units:
                        k = int(per_unit_month) + (rng.random() < per_unit_month % 1)
                        k = max(1, min(k, last.day))
                        cuts = [first.day + (last.day * i) // k for i in range(k)] + [last.day + 1]
                        for i in range(k):
                            start, end = dt.date(year, month, cuts[i]), dt.date(year, month, cuts[i + 1] - 1)
                            self._toteuma(rng, year, (unit,), start, end)

    def _toteuma(self, rng: random.Random, year: int, units: tuple[str, ...], start: dt.date, end: dt.date) -> None:
        event_id = self.new_id()
        when = _at(end + dt.timedelta(days=1 + rng.randrange(8)), rng)
        corrected = rng.randrange(1000) < CORRECTION_PERMILLE
        self.add(when, "tot", year, units, start.toordinal(), end.toordinal(), event_id, corrected)
        if corrected:
            later = when + (10 + rng.randrange(30)) * 86_400_000_000
            self.add(later, "rev", event_id, "toteuma korjattu: kirjaus väärälle kustannuspaikalle")
            self.add(later + 3_600_000_000, "tot_fix", year, units, start.toordinal(), end.toordinal(), self.new_id(), event_id)

    def _plan_amendments(self, filler: int) -> None:
        rng = random.Random(f"{self.seed}:amendments")
        org = self.org
        reversals = filler // AMENDMENT_REVERSAL_EVERY
        amendments = filler - reversals
        meetings = []
        for year in YEARS:
            for month in MEETING_MONTHS:
                day = dt.date(year, month, 8)
                day += dt.timedelta(days=(7 - day.weekday()) % 7)  # second Monday-ish
                if month == 1:
                    day = max(day, dt.date(year, 1, 20))  # after the January KS round
                meetings.append(day)
        planned: list[tuple[int, int, str]] = []  # (meeting index, when, id)
        sections: dict[dt.date, int] = {}
        for _ in range(amendments):
            m = rng.randrange(len(meetings))
            meeting = meetings[m]
            sections[meeting] = sections.get(meeting, 0) + 1
            event_id = self.new_id()
            when = _at(meeting + dt.timedelta(days=1 + rng.randrange(3)), rng)
            va = rng.choice(org.vastuualueet)
            self.add(when, "amend", meeting.year, va, meeting.toordinal(), sections[meeting], event_id)
            planned.append((m, when, event_id))
        if reversals:
            chosen = rng.sample(planned, min(reversals, len(planned)))
            for _m, when, event_id in chosen:
                later = when + (14 + rng.randrange(60)) * 86_400_000_000
                self.add(later, "rev", event_id, "TA-muutos kumottu: päätös palautettiin uudelleen valmisteltavaksi")
            for _ in range(reversals - len(chosen)):  # only when there are no amendments to undo
                raise SystemExit("not enough amendments to reverse")


# --- building events ----------------------------------------------------------------------------


class Builder:
    """Turns the plan into events in recorded order, tracking what the rules will see."""

    def __init__(self, plan: Plan):
        self.plan, self.org = plan, plan.org
        self.rng = random.Random(f"{plan.seed}:build")
        self.ta: dict[tuple[int, str, str], int] = {}
        self.budget: dict[tuple[int, str, str], int] = {}  # TA + MUUTOS, alive
        self.cap: dict[tuple[int, str, str], int] = {}  # planned toteuma of the year
        self.toteuma: dict[tuple[int, str, str], int] = {}  # alive toteuma so far
        #: event id -> (kind, year, lines, effective ordinal): what reversing it undoes
        self.lines_of: dict[str, tuple] = {}
        self.sections: dict[tuple[str, int], int] = {}
        self.first_recorded = self.last_recorded = None

    def decision(self, body: str, day: dt.date, organ: str, section: int | None = None) -> Decision:
        if section is None:
            key = (body + organ, day.year)
            section = self.sections[key] = self.sections.get(key, 0) + 1
        return Decision(body=body, date=day, section=str(section), organ=organ)

    def events(self) -> Iterator[Event]:
        yield from self._org_events()
        for spec in self.plan.specs:
            yield getattr(self, "_" + spec[2])(_from_micros(spec[0]), *spec[3:])

    def _common(self, when: dt.datetime, effective: dt.date, event_id: str | None = None) -> dict:
        return {"id": event_id or self.plan.new_id(), "recorded_at": when, "effective": effective, "author": AUTHOR}

    def _org_events(self) -> Iterator[Event]:
        org = self.org
        when = dt.datetime(2015, 11, 2, 9, 0, tzinfo=UTC)
        for code in [CITY, *org.toimialat, *org.vastuualueet, *org.units]:
            when += dt.timedelta(seconds=7)
            yield UnitRegistered(**self._common(when, dt.date(2015, 1, 1)), code=code, name=org.names[code],
                                 level=org.levels[code], parent=org.parent[code])

    def _transfer(self, when, year, unit, src, dst):
        day = when.date()
        return ServiceTransferred(
            **self._common(when, dt.date(year, 1, 1)), unit=unit, from_parent=src, to_parent=dst, from_year=year,
            decision=self.decision("hallitus", day, "Kaupunginhallitus"),
            note=f"{self.org.names[unit]} siirtyy vastuualueelle {self.org.names[dst]}",
        )

    def _ta(self, when, year):
        amounts = self.org.ta_amounts(year)
        rng = self.rng
        for (unit, account), cents in amounts.items():
            key = (year, unit, account)
            self.ta[key] = self.budget[key] = cents
            self.cap[key] = cents * rng.randrange(780, 880) // 1000
            self.toteuma[key] = 0
        lines = tuple(Line(unit, account, cents) for (unit, account), cents in amounts.items())
        return TaAdopted(**self._common(when, dt.date(year, 1, 1)), year=year, lines=lines,
                         decision=self.decision("valtuusto", when.date(), "Kaupunginvaltuusto"),
                         note=f"Talousarvio {year} ja taloussuunnitelma {year + 1}-{year + 3}")

    def _ks(self, when, year, va):
        lines = []
        for unit in self.org.va_units[year][va]:
            for account in self.org.profile[unit]:
                ta = self.ta[(year, unit, account)]
                for leaf, share in KS_SPLIT.get(account, ((account, 1000),)):
                    lines.append(Line(unit, leaf, ta * share // 1000))
        toimiala = self.org.toimiala_of[va]
        return KsSet(**self._common(when, dt.date(year, 1, 1)), year=year, lines=tuple(lines),
                     decision=self.decision("lautakunta", when.date(), f"{self.org.names[toimiala]} -lautakunta"))

    def _tpe(self, when, year, va):
        rng = self.rng
        lines = tuple(
            Line(unit, account, self.budget[(year, unit, account)] * rng.randrange(960, 1030) // 1000)
            for unit in self.org.va_units[year][va] for account in self.org.profile[unit]
        )
        return TpeRecorded(**self._common(when, when.date()), year=year, lines=lines)

    def _tp(self, when, year, va):
        lines = tuple(
            Line(unit, account, self.toteuma[(year, unit, account)])
            for unit in self.org.va_units[year][va] for account in self.org.profile[unit]
        )
        return TpRecorded(**self._common(when, dt.date(year, 12, 31)), year=year, lines=lines)

    def _toteuma_lines(self, year, units, start, end, factor_permille=None):
        rng = self.rng
        days = end - start + 1
        year_days = 366 if calendar.isleap(year) else 365
        lines = []
        for unit in units:
            for account in self.org.profile[unit]:
                key = (year, unit, account)
                noise = factor_permille or rng.randrange(950, 1050)
                cents = self.cap[key] * days * noise // (year_days * 1000)
                lines.append(Line(unit, account, cents))
        return tuple(lines)

    def _apply_toteuma(self, year, lines, sign=1):
        for line in lines:
            self.toteuma[(year, line.unit, line.account)] += sign * line.amount

    def _tot(self, when, year, units, start, end, event_id, corrected):
        lines = self._toteuma_lines(year, units, start, end)
        self._apply_toteuma(year, lines)
        if corrected:
            self.lines_of[event_id] = ("toteuma", year, lines, end)
        s, e = dt.date.fromordinal(start), dt.date.fromordinal(end)
        return ToteumaRecorded(**self._common(when, e, event_id), year=year, period_start=s, period_end=e, lines=lines)

    def _tot_fix(self, when, year, units, start, end, event_id, replaces):
        _kind, _year, old, _eff = self.lines_of.pop(replaces)
        factor = self.rng.randrange(970, 1000)
        lines = tuple(Line(l.unit, l.account, l.amount * factor // 1000) for l in old)
        self._apply_toteuma(year, lines)
        s, e = dt.date.fromordinal(start), dt.date.fromordinal(end)
        return ToteumaRecorded(**self._common(when, e, event_id), year=year, period_start=s, period_end=e, lines=lines,
                               note="korjattu kirjaus")

    def _rev(self, when, target, reason):
        kind, year, lines, effective = self.lines_of[target]
        if kind == "toteuma":  # kept for the corrected re-recording that follows
            self._apply_toteuma(year, lines, -1)
        else:
            del self.lines_of[target]
            for line in lines:
                self.budget[(year, line.unit, line.account)] -= line.amount
        # like Kirjuri.reverse: the reversal takes its target's effective date
        return EntryReversed(**self._common(when, dt.date.fromordinal(effective)), target=target, reason=reason)

    def _guard(self, key) -> int:
        """How far (cents, ≥ 0) the cell's budget may shrink and still cover every toteuma it can get."""
        cap = abs(self.cap[key]) * 1060 // 1000
        return max(0, abs(self.budget[key]) - cap) if (self.budget[key] < 0) == (self.ta[key] < 0) else 0

    def _amend(self, when, year, va, meeting_ordinal, section, event_id):
        rng, org = self.rng, self.org
        units = org.va_units[year][va]
        picked = rng.sample(units, 1 + rng.randrange(min(4, len(units))))
        lines = []
        for unit in picked:
            account = rng.choice(org.profile[unit])
            key = (year, unit, account)
            cents = max(10_000, abs(self.ta[key]) * rng.randrange(1, 20) // 1000 // 10_000 * 10_000)
            grow = rng.randrange(4) != 0 or self._guard(key) < cents
            negative = (root_of(account) == "MENOT") == grow
            lines.append(Line(unit, account, -cents if negative else cents))
        for line in lines:
            self.budget[(year, line.unit, line.account)] += line.amount
        self.lines_of[event_id] = ("amend", year, tuple(lines), meeting_ordinal)
        meeting = dt.date.fromordinal(meeting_ordinal)
        return TaAmended(**self._common(when, meeting, event_id), year=year, lines=tuple(lines),
                         decision=self.decision("valtuusto", meeting, "Kaupunginvaltuusto", section),
                         note=f"TA-muutos {year}: {org.names[va]}")

    def _realloc(self, when, year, va, effective_ordinal):
        rng, org = self.rng, self.org
        units = org.va_units[year][va]
        cells = [(unit, account) for unit in units for account in org.profile[unit]]
        n_moves = 1 + rng.randrange(3)
        moves, used = [], set()
        for _ in range(n_moves):
            sources = [c for c in cells if c not in used and self._guard((year, *c)) >= 100_000]
            if not sources:
                break
            src = rng.choice(sources)
            side = root_of(src[1])
            targets = [(u, a) for u in units if u != src[0] for a in org.profile[u]
                       if root_of(a) == side and (u, a) not in used]
            if not targets:
                continue
            dst = rng.choice(targets)
            used.update((src, dst))
            key = (year, *src)
            want = abs(self.ta[key]) * rng.randrange(2, 20) // 1000
            cents = max(10_000, min(want, self._guard(key)) // 10_000 * 10_000)
            amount = -cents if side == "MENOT" else cents
            self.budget[key] -= amount
            self.budget[(year, *dst)] += amount
            moves.append(Move(from_unit=src[0], from_account=src[1], to_unit=dst[0], to_account=dst[1], amount=amount))
        if not moves:
            raise RuntimeError(f"no reallocation possible in {va} {year}: the generator's guard is too tight")
        day = dt.date.fromordinal(effective_ordinal)
        toimiala = org.toimiala_of[va]
        body = "lautakunta" if rng.randrange(3) else "viranhaltija"
        organ = f"{org.names[toimiala]} -lautakunta" if body == "lautakunta" else f"{org.names[va]}, vastuualuejohtaja"
        return Reallocated(**self._common(when, day), year=year, moves=tuple(moves),
                           decision=self.decision(body, day, organ), note="määrärahasiirto vastuualueen sisällä")


# --- files ------------------------------------------------------------------------------------------


def dataset_path(directory: Path, total: int, seed: int) -> Path:
    return directory / f"events-{total}-s{seed}-g{GENERATOR_VERSION}.jsonl"


def generate(total: int, seed: int = DEFAULT_SEED) -> Iterator[Event]:
    """The events of the history, in recorded order (one at a time; the plan is held in memory)."""
    return Builder(Plan(total, seed)).events()


def batches(events: Iterator[Event], size: int) -> Iterator[list[Event]]:
    batch: list[Event] = []
    for event in events:
        batch.append(event)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write(total: int, seed: int, out: Path) -> dict:
    """Write the history as JSON lines (plus ``.meta.json``); return the metadata."""
    started = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".part")
    encoder = msgspec.json.Encoder()
    counts: dict[str, int] = {}
    first = last = None
    n = 0
    with open(tmp, "wb", buffering=1 << 20) as f:
        for event in generate(total, seed):
            f.write(encoder.encode(event))
            f.write(b"\n")
            kind = type(event).__struct_config__.tag
            counts[kind] = counts.get(kind, 0) + 1
            first = first or event.recorded_at
            last = event.recorded_at
            n += 1
    tmp.replace(out)
    meta = {
        "events": n, "seed": seed, "generator": GENERATOR_VERSION, "kinds": counts,
        "first_recorded": first.isoformat(), "last_recorded": last.isoformat(),
        "bytes": out.stat().st_size, "seconds": round(time.perf_counter() - started, 2),
    }
    out.with_suffix(".meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False))
    return meta


def read(path: Path, size: int) -> Iterator[list[Event]]:
    """Batches of events from a file written by ``write``."""
    from events.model import AnyEvent

    decoder = msgspec.json.Decoder(list[AnyEvent])
    lines: list[bytes] = []
    with open(path, "rb", buffering=1 << 20) as f:
        for line in f:
            lines.append(line.rstrip(b"\n"))
            if len(lines) >= size:
                yield decoder.decode(b"[" + b",".join(lines) + b"]")
                lines = []
    if lines:
        yield decoder.decode(b"[" + b",".join(lines) + b"]")


def check(path: Path, batch: int = 1000) -> None:
    """Submit the file to a scratch ledger; on a rejection, show the event and exit 1."""
    import tempfile

    from ledger.app import Kirjuri
    from ledger.domain.rules import Rejected
    from ledger.store.log import Target

    with tempfile.TemporaryDirectory() as tmp:
        now = [dt.datetime(2015, 1, 1, tzinfo=UTC)]
        app = Kirjuri(Target(sqlite_path=Path(tmp) / "check.sqlite"), create=True, author=AUTHOR,
                      clock=lambda: now[0], use_checkpoints=False)
        done = 0
        for events in read(path, batch):
            try:
                # one event per submit pinpoints a rejection (and keeps every recorded time)
                for event in events:
                    now[0] = event.recorded_at
                    app.submit(event)
                    done += 1
            except Rejected as exc:
                print(f"rejected after {done} events: {exc}\n{msgspec.json.encode(event).decode()[:2000]}", file=sys.stderr)
                raise SystemExit(1) from None
        print(f"ok: all {done} events pass the ledger's rules (head #{app.state.seq})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, help="default: bench-data/events-N-sSEED-gVERSION.jsonl")
    parser.add_argument("--check", action="store_true", help="then submit every event to a scratch ledger")
    args = parser.parse_args(argv)
    out = args.out or dataset_path(ROOT / "bench-data", args.events, args.seed)
    meta = write(args.events, args.seed, out)
    print(json.dumps({"path": str(out), **meta}, ensure_ascii=False))
    if args.check:
        check(out)


if __name__ == "__main__":
    main()
