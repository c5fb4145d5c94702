"""The four parts of the budget (kuntalaki 110 §), each binding at its own level (issue 17 part 1).

A rules file's ``[binding.<part>]`` says where the investointi-, tuloslaskelma- and rahoitusosa bind; a file
that says nothing keeps each investment project binding on its own costs and the käyttötalousosa at
``[binding]``. Reallocations across a part's binding units and overruns of a part's binding line are
judged at that part's level, when written and when verified."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from test_investments import KH_MAY, KV_MAY, MENOT, investing_city

from events.model import Decision, Line
from ledger import build
from ledger.app import Kirjuri
from ledger.audit import authority
from ledger.domain.refusals import Rejected

D = dt.date
GROUPED = {"binding": {"level": "vastuualue", "investointi": {"level": "projektiryhmä", "line": "Investointimenot"}}}


@pytest.fixture
def city(ledger) -> Kirjuri:
    return investing_city(ledger)


def _move(app: Kirjuri, source: str, target: str, decision=KH_MAY):
    return app.reallocation(2025, [(source, MENOT, target, MENOT, 1_00)], effective=D(2025, 6, 1),
                            decision=decision)


# --- the rules file ---------------------------------------------------------------------------------


def test_a_rules_file_that_says_nothing_binds_each_project_and_the_rest_as_before():
    rules = authority.from_doc({"binding": {"level": "toimiala", "line": "MENOT"}})
    assert rules.binding_of("käyttötalous") == authority.PartBinding("toimiala", "MENOT")
    assert rules.binding_of("investointi") == authority.PartBinding("projekti", "Investointimenot")
    assert rules.binding_of("tuloslaskelma") == authority.PartBinding("kaupunki", "")
    assert rules.binding_of("rahoitus") == authority.PartBinding("kaupunki", "")


def test_each_part_binds_where_its_table_says_and_the_file_reads_back_the_same():
    rules = authority.from_doc({"binding": {
        "investointi": {"level": "projektiryhmä", "line": "Investoinnit netto"},
        "tuloslaskelma": {"level": "kaupunki", "line": "Verotulot"},
        "rahoitus": {"level": "toimiala"}}})
    assert rules.binding_of("investointi") == authority.PartBinding("projektiryhmä", "INVESTOINNIT NETTO")
    assert rules.binding_of("tuloslaskelma") == authority.PartBinding("kaupunki", "Verotulot")
    assert rules.binding_of("rahoitus") == authority.PartBinding("toimiala", "")
    assert rules.binding_of("käyttötalous") == authority.PartBinding("vastuualue", "NETTOMENO")
    assert authority.from_doc(tomllib.loads(authority.to_toml(rules))) == rules


@pytest.mark.parametrize(("table", "field", "value"), [
    ({"palvelut": {"level": "toimiala"}}, "binding.palvelut", "palvelut"),
    ({"investointi": {"level": "hanke"}}, "binding.investointi.level", "hanke"),
    ({"rahoitus": {"level": "projekti"}}, "binding.rahoitus.level", "projekti"),
    ({"investointi": {"line": "Verotulot"}}, "binding.investointi.line", "Verotulot"),
    ({"tuloslaskelma": {"line": "Ei tällaista"}}, "binding.tuloslaskelma.line", "Ei tällaista"),
])
def test_a_wrong_part_binding_is_one_refusal_naming_its_key(table, field, value):
    with pytest.raises(Rejected) as refused:
        authority.from_doc({"binding": table})
    assert (refused.value.field, refused.value.value) == (field, value)
    assert field in str(refused.value) and value in str(refused.value)


# --- reallocations judged at the part's level -------------------------------------------------------


def test_per_project_a_move_between_two_projects_crosses_and_needs_the_valtuusto(city):
    with pytest.raises(Rejected, match="authority.body"):
        city.submit(_move(city, "5000", "5001"))
    city.submit(_move(city, "5000", "5001", decision=KV_MAY))


def test_bound_per_group_the_hallitus_may_move_between_projects_of_one_group(city):
    city.rules_of = authority.from_doc(GROUPED)
    stored = city.submit(_move(city, "5000", "5001"))[0]
    assert authority.kind_of(city.rules_of, city.state, stored.event) == "reallocation_within"
    assert not [c for c in city.verify(rules_of=city.rules_of).checks if c.findings and c.name != "overruns"]


def test_bound_per_group_a_move_out_of_the_group_still_needs_the_valtuusto(city):
    city.rules_of = authority.from_doc(GROUPED)
    city.submit(city.project_opening("6000", "Päiväkoti", group="INV", unit="HP", cost_estimate=100_00,
                                     first_year=2025, last_year=2026, effective=D(2025, 1, 1), decision=KV_MAY))
    with pytest.raises(Rejected) as refused:
        city.submit(_move(city, "5000", "6000"))
    assert refused.value.value == "authority.body"
    assert authority.kind_of(city.rules_of, city.state, _move(city, "5000", "6000")) == "reallocation_projects"


def test_a_move_from_the_operating_budget_to_an_investment_crosses_parts(city):
    """The same unit in two parts is two binding units: moving käyttötalous money into investments is the
    valtuusto's, even inside one vastuualue."""
    move = city.reallocation(2025, [("JL", "MENOT", "JL", MENOT, 1_00)], effective=D(2025, 6, 1), decision=KH_MAY)
    assert authority.kind_of(authority.DEFAULT, city.state, move) == "reallocation_across"
    city.rules_of = authority.from_doc({"bodies": {"reallocation_across": ["valtuusto", "hallitus"]}})
    with pytest.raises(Rejected) as refused:
        city.submit(move)
    assert refused.value.value == "authority.across"
    assert "HP-YH → HP-YH (investointi)" in str(refused.value)


# --- overruns judged at the part's binding line -----------------------------------------------------


def _overspend(app: Kirjuri, unit: str = "5001", amount: int = -1_100_000_00):
    """The project's TP for 2025: 5001 spent 1 100 000 of its 1 000 000 by default."""
    return build.recording(app.origin, "tp", 2025, [Line(unit, MENOT, amount)],
                           decision=Decision(body="valtuusto", date=D(2026, 5, 25), section="30"))


def test_a_project_spent_past_its_appropriation_is_a_warning_at_the_project(city):
    with pytest.raises(Rejected, match="authority.overrun") as refused:
        city.submit(_overspend(city))
    assert "5001" in str(refused.value)
    city.submit(_overspend(city), confirm=frozenset({"authority.overrun"}))
    overruns = next(c for c in city.verify().checks if c.name == "overruns")
    assert not overruns.findings and len(overruns.confirmed) == 1 and "5001" in overruns.confirmed[0].what
    assert "investointi projekti, Investointimenot" in overruns.title


def test_bound_per_group_one_project_overspent_within_its_groups_appropriation_is_no_overrun(city):
    """KOULUT has 4 000 000 for its two schools, 3 500 000 spent: 5001's 100 000 more is inside the group's."""
    city.rules_of = authority.from_doc(GROUPED)
    city.submit(_overspend(city))
    assert not next(c for c in city.verify(rules_of=city.rules_of).checks if c.name == "overruns").findings
    with pytest.raises(Rejected, match="authority.overrun") as refused:
        city.submit(_overspend(city, "5000", -3_000_000_00))
    assert "KOULUT" in str(refused.value)


def test_a_part_with_no_binding_line_is_not_checked_for_overruns(city):
    city.rules_of = authority.from_doc({"binding": {"investointi": {"level": "projekti", "line": ""}}})
    city.submit(_overspend(city))
    assert not next(c for c in city.verify(rules_of=city.rules_of).checks if c.name == "overruns").findings
