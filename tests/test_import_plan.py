"""Importing a book: the events it plans, idempotence, and what it refuses to overwrite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from events.model import Decision, Line, TaAdopted
from ledger.fold import projections as pj
from ledger.app import Kirjuri
from ledger.audit import policy
from ledger.books.book import interpret, read_book
from ledger.books.plan import load_profile, plan_import, slug

SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
PROFILES = Path(__file__).parents[1] / "examples" / "books"
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.timezone.utc)


def _import(app: Kirjuri, name: str):
    statement = read_book(SEEDS / f"{name}.txt")
    profile = PROFILES / f"{name}.toml"
    plan = plan_import(app.state, statement, load_profile(profile if profile.exists() else None), author="testi",
                       now=NOW)
    # book 004's TPE overruns its TA+muutos, book 000's KS 2025 plans HALL past its stated TA, as published
    app.confirm = frozenset({"authority.forecast_overrun", "authority.ks_over"})
    app.submit(*plan.events)
    return plan


@pytest.fixture
def app(sqlite_target, clock):
    ledger = Kirjuri(sqlite_target, create=True, author="testi", clock=clock)
    yield ledger
    ledger.close()


def test_book_000_becomes_the_toimiala_its_units_and_its_breakdown(app):
    plan = _import(app, "000_9c20ad174b7e627f")
    assert len(plan.units) == 30 and not plan.conflicts
    hall = pj.figures(app.state, 2025, "HALL")
    assert hall.get("MENOT", "TA") == -6_837_670_00  # the units' sum, not the määrärahat's -6 817 670
    assert hall.get("NETTOMENO", "KS") == -5_540_000_00
    assert pj.figures(app.state, 2025, "KESKUSVAALILAUTAKUNTA").get("TULOT", "TA") == 8_400_00
    stated = pj.breakdown(app.state, 2025, "HALL")
    assert stated.get("Henkilöstökulut", "TA") == -2_281_640_00
    assert stated.get("TOIMINTATUOTOT", "TA") == 559_500_00  # its parts, as printed; the book's total differs
    adopted = [e for e in plan.events if isinstance(e, TaAdopted) and e.year == 2024]
    assert adopted and adopted[0].decision.section == "–" and "vain TA+MUUTOS 2024" in adopted[0].note
    # its KS 2025 past the TA its määrärahat table states (conftest.HALL_KS): written as printed, confirmed
    records = app.records(list(range(1, app.state.seq + 1))).values()
    assert [(r.event.id, policy.confirmed_of(r.event)) for r in records if policy.confirmed_of(r.event)] == [
        ("book-51b683c5dff8-t3-KS2025", ("authority.ks_over",))]


def test_importing_the_same_book_twice_records_nothing_new(app):
    first = _import(app, "000_9c20ad174b7e627f")
    seq = app.state.seq
    again = plan_import(app.state, read_book(SEEDS / "000_9c20ad174b7e627f.txt"),
                        load_profile(PROFILES / "000_9c20ad174b7e627f.toml"), author="testi", now=NOW)
    assert again.events == [] and again.already == len(read_book(SEEDS / "000_9c20ad174b7e627f.txt").figures)
    assert app.state.seq == seq == len(first.events)


def test_a_later_book_amends_by_the_difference_and_refuses_a_different_ta(app):
    header = "\tTA+MUUTOS\tTA\n\t2025\t2026\nA\t\t\nMENOT\t-120\t-130\n"
    app.register_unit("K", "Kaupunki", "kaupunki", None, effective=dt.date(2024, 1, 1))
    app.register_unit("A", "A", "yksikkö", "K", effective=dt.date(2024, 1, 1))
    app.adopt(2025, [Line("A", "MENOT", -100_00)], decision=_kv())
    plan = plan_import(app.state, interpret(header, source="b", digest="d" * 64), _profile(), author="t", now=NOW)
    app.submit(*plan.events)
    f = pj.figures(app.state, 2025, "A")
    assert (f.get("MENOT", "TA"), f.get("MENOT", "MUUTOS"), f.get("MENOT", "TA+MUUTOS")) == (-100_00, -20_00, -120_00)
    changed = header.replace("-130", "-140")
    plan = plan_import(app.state, interpret(changed, source="c", digest="e" * 64), _profile(), author="t", now=NOW)
    assert plan.events == [] and plan.conflicts == [
        "line 4: A MENOT TA 2026 is already -130 €, the book says -140 €: not recorded (amend or reverse it in the ledger)"]


def _kv():
    from events.model import Decision

    return Decision(body="valtuusto", date=dt.date(2024, 12, 9), section="80")


def _profile():
    from ledger.books.plan import Node, Profile

    return Profile(nodes={"": Node("K", "Kaupunki", "kaupunki", None)})


def test_kemi_codes_register_the_hierarchy_and_the_toteuma_period(app):
    _import(app, "004_79e4d0c6f91e6d52")
    assert app.state.units["64321000"].parent == "64320000"
    assert app.state.units["64300000"].parent == "64000000"
    assert app.state.units["64320000"].level == "vastuualue"
    whole = pj.figures(app.state, 2023, "64300000")
    assert whole.get("TOIMINTAKULUT", "TOTEUMA") == -22_609_431_00  # its units' sum: the book prints ...432
    assert whole.percent("TOIMINTAKULUT") == 574


def test_a_group_one_book_prints_as_a_line_and_another_breaks_down_is_counted_once(app):
    """Kemi 002 prints 64320000 as one line; 004 prints its units. Either order: counted once."""
    _import(app, "002_dd12f107354cdfaf")
    once = pj.figures(app.state, 2023, "64320000").get("TOIMINTAKULUT", "TA")
    plan = _import(app, "004_79e4d0c6f91e6d52")
    assert any("64320000 already holds this figure itself" in c for c in plan.conflicts)
    assert pj.figures(app.state, 2023, "64320000").get("TOIMINTAKULUT", "TA") == once == -30_452_272_00


def test_a_line_the_ledger_holds_as_its_units_sum_is_not_recorded_again(app):
    _import(app, "004_79e4d0c6f91e6d52")
    units_sum = pj.figures(app.state, 2023, "64320000").get("TOIMINTAKULUT", "TA")
    plan = _import(app, "002_dd12f107354cdfaf")
    assert units_sum == -30_452_271_00  # 002 prints -30 452 272: a euro of rounding, noted, not recorded
    assert any("64320000" in n and "TOIMINTAKULUT TA 2023" in n and "rounded" in n for n in plan.notes)
    assert pj.figures(app.state, 2023, "64320000").get("TOIMINTAKULUT", "TA") == units_sum
    assert pj.figures(app.state, 2023, "64320000").get("TOIMINTAKULUT", "TPE") == -31_752_272_00  # only 002 has it


def test_slugs_are_ascii_codes():
    assert slug("Tietohallinto/ict-palvelut") == "TIETOHALLINTO-ICT-PALVELUT"
    assert slug("Itä-Lapin kuntayhtymä") == "ITA-LAPIN-KUNTAYHTYMA"


def test_an_uncited_muutos_of_the_current_year_is_dated_no_later_than_its_import(app):
    """A book of 2026 imported on 22.11.2026 states a TA-muutos the valtuusto made by then: its uncited
    decision is dated on the day of the import, not on 31.12.2026, which the rules refuse as after it."""
    header = "\tTA+MUUTOS\n\t2026\nA\t\nMENOT\t-120\n"
    app.register_unit("K", "Kaupunki", "kaupunki", None, effective=dt.date(2024, 1, 1))
    app.register_unit("A", "A", "yksikkö", "K", effective=dt.date(2024, 1, 1))
    app.adopt(2026, [Line("A", "MENOT", -100_00)], decision=Decision(body="valtuusto", date=dt.date(2025, 11, 24),
                                                                       section="90"))
    plan = plan_import(app.state, interpret(header, source="b", digest="d" * 64), _profile(), author="t", now=NOW)
    app.submit(*plan.events)
    [muutos] = [e for e in plan.events if e.id.endswith("-muutos")]
    assert (muutos.decision.section, muutos.decision.date) == ("–", dt.date(2026, 11, 22))
    f = pj.figures(app.state, 2026, "A")
    assert (f.get("MENOT", "TA"), f.get("MENOT", "MUUTOS")) == (-100_00, -20_00)
