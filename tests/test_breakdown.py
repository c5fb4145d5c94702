"""A book's account breakdown (käyttötalous) next to the units' own figures, and restated rollups."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import KV, small_city

from events.model import BreakdownStated, Line
from ledger.fold import projections as pj
from ledger.fold.effects import changed
from ledger.domain.rules import Rejected


def _breakdown(app, column: str, lines: list[Line], *, year: int = 2025, effective: dt.date | None = None):
    event = BreakdownStated(id=app.new_id(), effective=effective or dt.date(2025, 1, 1), recorded_at=app.clock(),
                            author="testi", year=year, column=column, lines=tuple(lines))
    return app.submit(event)[0]


@pytest.fixture
def city(sqlite_target, clock):
    from ledger.app import Kirjuri

    app = small_city(Kirjuri(sqlite_target, create=True, author="testi", clock=clock))
    app.adopt(2025, [Line("JL", "MENOT", -300_00), Line("TP", "MENOT", -500_00), Line("TP", "TULOT", 100_00)],
              decision=KV)
    yield app
    app.close()


def test_breakdown_is_read_by_account_and_never_adds_to_the_rollup(city):
    _breakdown(city, "TA", [Line("HP", "Henkilöstökulut", -600_00), Line("HP", "Palvelujen ostot", -200_00),
                            Line("HP", "Myyntituotot", 100_00)])
    assert pj.figures(city.state, 2025, "HP").get("MENOT", "TA") == -800_00
    stated = pj.breakdown(city.state, 2025, "HP")
    assert stated.get("TOIMINTAKULUT", "TA") == -800_00
    assert stated.get("TOIMINTAKATE", "TA") == -700_00
    assert stated.get("Henkilöstökulut", "TA") == -600_00
    assert pj.breakdown(city.state, 2025, "ET") is None


def test_a_later_statement_replaces_the_earlier_one_and_a_reversal_restores_it(city):
    _breakdown(city, "TA", [Line("HP", "Henkilöstökulut", -600_00)])
    second = _breakdown(city, "TA", [Line("HP", "Henkilöstökulut", -650_00)])
    assert pj.breakdown(city.state, 2025, "HP").get("Henkilöstökulut", "TA") == -650_00
    city.reverse(second.event.id, reason="typo")
    assert pj.breakdown(city.state, 2025, "HP").get("Henkilöstökulut", "TA") == -600_00
    history = [changed(city.state, r, "HP") for r in city.records([second.seq]).values()]
    assert [(c.before, c.after) for c in history[0].of_unit("HP")] == [(-600_00, -650_00)]


def test_breakdown_rules(city):
    with pytest.raises(Rejected, match="column: 'TOTEUMA'"):
        _breakdown(city, "TOTEUMA", [Line("HP", "Henkilöstökulut", -1)])
    with pytest.raises(Rejected, match="lines\\[1\\].unit: 'NOPE' is not a known unit"):
        _breakdown(city, "TA", [Line("NOPE", "Henkilöstökulut", -1)])
    with pytest.raises(Rejected, match="effective"):
        _breakdown(city, "TP", [Line("HP", "Henkilöstökulut", -1)], effective=dt.date(2025, 6, 1))
    with pytest.raises(Rejected, match="counted twice"):
        _breakdown(city, "TA", [Line("HP", "Henkilöstökulut", -1), Line("HP", "TOIMINTAKULUT", -1)])
    assert city.state.seq == 9


def test_restated_rollup_follows_a_later_years_structure(city):
    city.transfer("JL", "ET", effective=dt.date(2026, 1, 1), decision=KV)
    published = pj.figures(city.state, 2025, "ET")
    restated = pj.figures(city.state, 2025, "ET", structure=2026)
    assert published.get("MENOT", "TA") is None
    assert restated.get("MENOT", "TA") == -300_00
    assert pj.figures(city.state, 2025, "HP", structure=2026).get("MENOT", "TA") == -500_00
