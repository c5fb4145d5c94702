"""The bundled example ledgers: built from the seed books by the importers, and what they say."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from events.model import ServiceTransferred, TaAmended, ToteumaRecorded
from ledger.fold import projections as pj
from ledger.reports import tables as rp
from ledger.domain.citation import format_decision
from ledger.store.exchange import read_export
from ledger.books.book import read_book
from ledger.books.plan import load_profile, plan_import

ROOT = Path(__file__).parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
JAN_2026 = dt.date(2026, 1, 1).toordinal()


def _build_module():
    spec = importlib.util.spec_from_file_location("examples_build", ROOT / "examples" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build():
    return _build_module()


@pytest.mark.parametrize("name", ["kemijarvi", "kemi"])
def test_the_bundled_ledger_is_what_the_importers_build_from_the_seed_books(build, tmp_path, name):
    built = getattr(build, f"build_{name}")(tmp_path / "built.sqlite", SEEDS)
    head, records = read_export(ROOT / "examples" / f"{name}.json")
    assert built.state.seq == len(records)
    assert built.state.head == head, "rebuild examples/*.json with: python examples/build.py"
    built.close()


@pytest.mark.parametrize("name", ["001_aaaf02521da22339", "000_9c20ad174b7e627f", "003_1b329ab6df95eed4"])
def test_importing_a_kemijarvi_book_again_records_nothing(kemijarvi, name):
    profile = ROOT / "examples" / "books" / f"{name}.toml"
    plan = plan_import(kemijarvi.state, read_book(SEEDS / f"{name}.txt"), load_profile(profile),
                       author="testi", now=NOW)
    assert plan.events == [] and plan.conflicts == []


def test_the_2026_reorganisation_moves_three_services_from_hallintopalvelut(kemijarvi):
    state = kemijarvi.state
    moved = {"JOUKKOLIIKENNE", "KEHITTAMISPROJEKTIT", "MAASEUTUNEUVONTAPALVELUT"}
    assert all(state.parents(2025, JAN_2026)[u] == "HALL" for u in moved)
    assert all(state.parents(2026, JAN_2026)[u] == "ELTY" for u in moved)
    transfers = [r.event for r in kemijarvi.records(range(1, state.seq + 1)).values()
                 if isinstance(r.event, ServiceTransferred)]
    assert {t.unit for t in transfers if t.to_parent == "ELTY"} >= moved
    assert {format_decision(t.decision) for t in transfers} == {"KV 26.5.2025 § 50 organisaatiomuutos"}
    assert all(t.effective == dt.date(2026, 1, 1) and t.from_year == 2026 for t in transfers)
    assert state.closed_on("HALL", state.seq) == JAN_2026


def test_the_new_toimiala_totals_what_its_maararahat_table_states(kemijarvi):
    kev = pj.figures(kemijarvi.state, 2026, "KEV")
    assert (kev.get("MENOT", "TA"), kev.get("TULOT", "TA")) == (-8_333_230_00, 1_261_230_00)  # book 003, line 272
    viestinta = pj.figures(kemijarvi.state, 2026, "VIESTINTA")
    assert viestinta.get("Henkilöstökulut", "KS") == -156_430_00  # printed without units: its käyttötalous


def test_2025_figures_as_published_and_restated_to_the_2026_structure(kemijarvi):
    state = kemijarvi.state
    published = pj.figures(state, 2025, "HALL")
    assert published.get("MENOT", "TA+MUUTOS") == -6_837_670_00  # book 003, Hallintopalvelut yhteensä
    restated = pj.figures(state, 2025, "HALLVA", structure=2026)
    moved = sum(pj.figures(state, 2025, u).get("MENOT", "TA+MUUTOS") or 0
                for u in ("JOUKKOLIIKENNE", "KEHITTAMISPROJEKTIT", "MAASEUTUNEUVONTAPALVELUT"))
    assert moved == -(348_070 + 0 + 98_670) * 100
    assert restated.get("MENOT", "TA+MUUTOS") == -6_837_670_00 - moved
    assert pj.figures(state, 2025, "ELTY").get("MENOT", "TA+MUUTOS") is None  # ELTY did not exist in 2025
    assert pj.figures(state, 2025, "ELTY", structure=2026).get("MENOT", "TA+MUUTOS") == moved


def test_kemi_2023_has_its_amendments_and_its_half_year_toteuma(kemi):
    records = kemi.records(range(1, kemi.state.seq + 1)).values()
    assert any(isinstance(r.event, TaAmended) for r in records)
    toteuma = [r.event for r in records if isinstance(r.event, ToteumaRecorded)]
    assert toteuma and all((t.period_start, t.period_end) == (dt.date(2023, 1, 1), dt.date(2023, 6, 30))
                           for t in toteuma)
    units = {u for u, unit in kemi.state.units.items() if unit.level == "kaupunki"}
    assert units == {"64000000"}


def test_kemi_half_year_table_as_of_the_period_end_has_every_forecast(kemi):
    report = rp.half_year(kemi.state, "64300000", 2023, "01-06/2023", pj.Point(on=dt.date(2023, 6, 30)))
    hallinto = report.block("64310000 HALLINTOPALVELUT HYVINVOINTI")
    assert hallinto["TOIMINTAKULUT"] == (-701_835_00, -840_793_00, -840_793_00, -353_917_00, 420, -800_000_00)
