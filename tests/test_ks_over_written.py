"""A KS plans no more than TA+muutos at the binding level (``authority.ks_over``), judged on every write that can
move either side of it, not only a KS, a TA or a TA-muutos: a reversal (of a TA-muutos, a reallocation, a KS), a
service transfer (the unit's KS and appropriation leave one binding unit for another) and a book's statement of a
binding unit's appropriation. Each warns only when it makes an overrun or makes one larger; confirmed, it is
written and ``verify`` reports it as confirmed, never as a finding. On SQLite and PostgreSQL (``ledger``)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import KH, KV, KV_2026, small_city
from typer.testing import CliRunner

from cli.app import app as cli_app
from events.model import BreakdownStated, Line
from ledger.app import Kirjuri
from ledger.audit import authority, policy
from ledger.domain.refusals import Rejected

D = dt.date
ON = D(2025, 6, 1)
runner = CliRunner()


@pytest.fixture
def city(ledger) -> Kirjuri:
    """HP-YH (a binding vastuualue, NETTOMENO) with JL's TA -1 000 and KP's -500, its KS all on JL: -1 500, as
    much as its TA+muutos. HP-TK, another vastuualue, a transfer may take a unit to. No toteuma anywhere."""
    small_city(ledger)
    ledger.register_unit("HP-TK", "Tekniikka", "vastuualue", "HP", effective=D(2020, 1, 1))
    ledger.adopt(2025, [Line("JL", "MENOT", -1000_00), Line("KP", "MENOT", -500_00)], decision=KV)
    ledger.record("ks", 2025, [Line("JL", "MENOT", -1500_00)], effective=D(2025, 3, 1), decision=KH)
    return ledger


def warned_ks(app: Kirjuri, write) -> dict:
    """``write`` refused with the KS warning, nothing written: the finding's figures."""
    seq = app.state.seq
    with pytest.raises(Rejected) as refusal:
        write()
    assert (refusal.value.code, refusal.value.value) == ("rule.warn", "authority.ks_over"), refusal.value
    assert app.state.seq == seq == app.eventlog.head_seq()
    return refusal.value.params["finding"][1]


def confirmed_ks(app: Kirjuri, write):
    """``write`` with the KS warning confirmed: written, recorded on the event, reported by verify as confirmed."""
    app.confirm = frozenset({"authority.ks_over"})
    record = write()
    app.confirm = frozenset()
    assert policy.confirmed_of(record.event) == ("authority.ks_over",)
    report = app.verify(rules_of=app.rules_of)
    assert report.passed, [f.what for c in report.checks for f in c.findings]
    assert record.seq in [f.seq for c in report.checks for f in c.confirmed]
    return record


def flagged_unchecked(app: Kirjuri, write) -> list[tuple[str, int | None]]:
    """``write`` past the rules (as an older version wrote it): the findings verify under the rules makes."""
    app.rules_of = authority.UNCHECKED
    write()
    app.rules_of = None
    return [(f.code, f.seq) for c in app.verify().checks for f in c.findings]


def amended(app: Kirjuri, amount: int) -> Kirjuri:
    """KP's TA-muutos ``amount`` and JL's KS raised by as much: HP-YH's KS plans its TA+muutos in full again."""
    app.amend(2025, [Line("KP", "MENOT", amount)], effective=ON, decision=KV_2026)
    app.record("ks", 2025, [Line("JL", "MENOT", -1500_00 + amount)], effective=ON, decision=KH)
    return app


def reversal(app: Kirjuri, kind: str):
    """Reverse the latest event of ``kind`` in force."""
    state = app.state
    seq = max(s for s in range(1, state.seq + 1) if state.kind(s) == kind and state.alive(s, state.seq))
    return lambda: app.reverse(f"#{seq}", reason="kirjattu väärin")


# --- a reversal -------------------------------------------------------------------------------------------------


def test_reversing_the_amendment_a_ks_planned_warns_until_confirmed(city):
    """The TA-muutos -100 gave HP-YH the appropriation its KS -1 600 plans: reversing it leaves the KS 100 past
    TA+muutos -1 500."""
    amended(city, -100_00)
    finding = warned_ks(city, reversal(city, "ta_amended"))
    assert (finding["unit"], finding["planned"], finding["budget"], finding["over"]) == (
        "HP-YH", -1600_00, -1500_00, 100_00)
    confirmed_ks(city, reversal(city, "ta_amended"))


def test_reversing_the_ks_that_planned_less_brings_the_larger_one_back_and_warns(city):
    """JL's KS lowered to -1 400 (effective later), then a TA-muutos of +50 cuts TA+muutos to -1 450, within it:
    reversing the lower KS brings -1 500 back, 50 past TA+muutos."""
    city.record("ks", 2025, [Line("JL", "MENOT", -1400_00)], effective=ON, decision=KH)
    city.amend(2025, [Line("KP", "MENOT", 50_00)], effective=ON, decision=KV_2026)
    finding = warned_ks(city, reversal(city, "ks_set"))
    assert (finding["planned"], finding["budget"], finding["over"]) == (-1500_00, -1450_00, 50_00)
    confirmed_ks(city, reversal(city, "ks_set"))


def test_reversing_a_reallocation_into_the_binding_unit_warns(city):
    """A reallocation of 200 from TY (ET) to KP, across binding units, that HP-YH's KS then planned: reversed."""
    city.adopt(2025, [Line("TY", "MENOT", -900_00)], decision=KV)
    city.reallocate(2025, [("TY", "MENOT", "KP", "MENOT", 200_00)], effective=ON, decision=KV_2026)
    city.record("ks", 2025, [Line("JL", "MENOT", -1700_00)], effective=ON, decision=KH)
    assert warned_ks(city, reversal(city, "reallocated"))["over"] == 200_00


def test_a_reversal_that_leaves_the_ks_within_its_budget_is_written_without_a_warning(city):
    """The TA-muutos -100 the KS never planned: reversing it leaves KS -1 500 at TA+muutos -1 500."""
    city.amend(2025, [Line("KP", "MENOT", -100_00)], effective=ON, decision=KV_2026)
    record = reversal(city, "ta_amended")()
    assert policy.confirmed_of(record.event) == ()
    assert city.verify().passed


def test_a_reversal_that_shrinks_an_overrun_already_held_is_no_breach(city):
    """KS -1 600 past TA+muutos -1 480 by 120 (confirmed when written): reversing the TA-muutos +20 that cut
    TA+muutos leaves it past by 100, smaller, and is written with no warning."""
    city.confirm = frozenset({"authority.ks_over"})
    city.amend(2025, [Line("KP", "MENOT", 20_00)], effective=ON, decision=KV_2026)
    city.record("ks", 2025, [Line("JL", "MENOT", -1600_00)], effective=ON, decision=KH)
    city.confirm = frozenset()
    assert policy.confirmed_of(reversal(city, "ta_amended")().event) == ()


def test_kirjuri_reverse_warns_in_one_line_and_writes_with_confirm(city, target):
    amended(city, -100_00)
    seq = max(s for s in range(1, city.state.seq + 1) if city.state.kind(s) == "ta_amended")
    db = str(target.sqlite_path) if target.sqlite_path else target.postgres_url
    args = ["--db", db, "reverse", f"#{seq}", "--reason", "kirjattu väärin"]
    refused = runner.invoke(cli_app, args)
    assert refused.exit_code == 1 and refused.stderr.count("\n") == 1, refused.output
    assert "--confirm authority.ks_over" in refused.stderr and "Traceback" not in refused.output
    written = runner.invoke(cli_app, [*args, "--confirm", "authority.ks_over"])
    assert written.exit_code == 0, written.output
    city.refresh()
    assert policy.confirmed_of(city.records([city.state.seq])[city.state.seq].event) == ("authority.ks_over",)


def test_a_reversal_written_past_the_rules_is_the_ks_finding_verify_names(city):
    amended(city, -100_00)
    write = reversal(city, "ta_amended")
    assert ("authority.ks_over", city.state.seq + 1) in flagged_unchecked(city, write)


# --- a service transfer -----------------------------------------------------------------------------------------


def moved(app: Kirjuri, unit: str, to: str):
    return lambda: app.transfer(unit, to, effective=ON, decision=KH)


def test_a_transfer_taking_away_the_appropriation_the_ks_planned_warns_until_confirmed(city):
    """KP (TA -500, no KS of its own) leaves HP-YH for HP-TK: HP-YH's TA+muutos falls to -1 000, its KS still
    -1 500 (all JL's)."""
    finding = warned_ks(city, moved(city, "KP", "HP-TK"))
    assert (finding["unit"], finding["planned"], finding["budget"], finding["over"]) == (
        "HP-YH", -1500_00, -1000_00, 500_00)
    confirmed_ks(city, moved(city, "KP", "HP-TK"))


def test_a_transfer_bringing_a_ks_past_its_own_appropriation_warns_at_its_new_binding_unit(city):
    """JL (TA -1 000, KS -1 500) joins HP-TK, which has no appropriation of its own to plan."""
    finding = warned_ks(city, moved(city, "JL", "HP-TK"))
    assert (finding["unit"], finding["over"]) == ("HP-TK", 500_00)


def test_a_transfer_that_moves_a_ks_with_its_appropriation_is_written_without_a_warning(city):
    city.record("ks", 2025, [Line("JL", "MENOT", -1000_00), Line("KP", "MENOT", -500_00)], effective=ON,
                decision=KH)
    assert policy.confirmed_of(moved(city, "KP", "HP-TK")().event) == ()


def test_reversing_the_transfer_that_brought_the_appropriation_warns(city):
    """JL's KS cut to its own -1 000, KP (TA -500, no KS) moved to HP-TK, where TK (TA -100) plans -500 of it:
    reversing the transfer takes KP's -500 back, leaving HP-TK's KS -500 on TA+muutos -100."""
    city.record("ks", 2025, [Line("JL", "MENOT", -1000_00)], effective=ON, decision=KH)
    moved(city, "KP", "HP-TK")()
    city.register_unit("TK", "Tilat", "yksikkö", "HP-TK", effective=D(2020, 1, 1))
    city.adopt(2025, [Line("TK", "MENOT", -100_00)], decision=KV)
    city.record("ks", 2025, [Line("TK", "MENOT", -500_00)], effective=ON, decision=KH)
    finding = warned_ks(city, reversal(city, "service_transferred"))
    assert (finding["unit"], finding["planned"], finding["budget"], finding["over"]) == (
        "HP-TK", -500_00, -100_00, 400_00)
    confirmed_ks(city, reversal(city, "service_transferred"))


# --- a book's statement of a binding unit's appropriation -------------------------------------------------------


def stated(app: Kirjuri, unit: str, column: str, account: str, amount: int):
    event = BreakdownStated(id=app.new_id(), effective=ON, recorded_at=app.clock(), author=app.author, year=2025,
                            column=column, lines=(Line(unit, account, amount),))
    return lambda: app.submit(event)[0]


def test_a_statement_cutting_the_binding_appropriation_below_the_ks_warns_until_confirmed(city):
    """The book states HP-YH's MENOT TA+muutos -1 400: its appropriation, 100 short of the KS -1 500."""
    finding = warned_ks(city, stated(city, "HP-YH", "TA+MUUTOS", "MENOT", -1400_00))
    assert (finding["unit"], finding["planned"], finding["budget"], finding["over"]) == (
        "HP-YH", -1500_00, -1400_00, 100_00)
    confirmed_ks(city, stated(city, "HP-YH", "TA+MUUTOS", "MENOT", -1400_00))


def test_a_statement_of_a_ks_or_of_a_unit_below_the_binding_level_moves_neither_side(city):
    """A stated KS is the book's breakdown, not the units' plan; a statement of JL (below the binding level) is
    no appropriation: neither is judged, however far past the budget its figure."""
    assert policy.confirmed_of(stated(city, "HP-YH", "KS", "MENOT", -9000_00)().event) == ()
    assert policy.confirmed_of(stated(city, "JL", "TA+MUUTOS", "MENOT", -100_00)().event) == ()
    assert city.verify().passed


def test_reversing_the_statement_that_gave_the_appropriation_warns(city):
    """HP-YH stated at MENOT TA+muutos -1 700, its KS raised to plan it all; the statement reversed, TA+muutos
    is the units' -1 500 again."""
    stated(city, "HP-YH", "TA+MUUTOS", "MENOT", -1700_00)()
    city.record("ks", 2025, [Line("JL", "MENOT", -1700_00)], effective=ON, decision=KH)
    assert warned_ks(city, reversal(city, "breakdown_stated"))["over"] == 200_00



# --- a project given a new group --------------------------------------------------------------------------------


def test_a_project_moved_to_a_group_its_ks_plans_past_warns_until_confirmed(ledger):
    """The investointiosa bound per group: 5001's KS -1 200 000 sits within KOULUT's -4 000 000, but under LIIKUNTA
    (no appropriation of its own) it plans past the -1 000 000 that 5001 brings."""
    from test_investments import KV_MAY, MENOT, investing_city

    city = investing_city(ledger)
    city.rules_of = authority.Rules(parts={"investointi": authority.PartBinding(authority.PROJECT_GROUP_LEVEL, MENOT)})
    city.submit(city.project_opening("LIIKUNTA", "Liikuntapaikat", group="INV", unit="HP", cost_estimate=0,
                                     first_year=2025, last_year=2026, effective=D(2025, 1, 1), decision=KV))
    city.record("ks", 2025, [Line("5001", MENOT, -1_200_000_00)], effective=D(2025, 3, 1), decision=KH)
    move = lambda: city.submit(city.project_change("5001", effective=ON, decision=KV_MAY,  # noqa: E731
                                                   group="LIIKUNTA"))[0]
    finding = warned_ks(city, move)
    assert (finding["unit"], finding["line"], finding["over"]) == ("LIIKUNTA", MENOT, 200_000_00)
    confirmed_ks(city, move)


def test_a_ks_where_the_council_appropriated_nothing_is_past_it(city):
    """HP-TK, a binding vastuualue, has no TA for 2025 while the ledger holds the year's budget: nothing is
    appropriated there, so a KS that plans spending on it is past its TA+muutos of 0; confirmed, it is written and
    verify reports it as confirmed."""
    def plan():
        return city.record("ks", 2025, [Line("HP-TK", "MENOT", -200_00)], effective=ON, decision=KH)

    finding = warned_ks(city, plan)
    assert (finding["unit"], finding["planned"], finding["budget"]) == ("HP-TK", -200_00, 0)
    confirmed_ks(city, plan)


def test_a_ks_in_a_ledger_that_holds_no_budget_of_its_year_warns_of_nothing(ledger):
    """A ledger of plans alone (no TA of 2025 anywhere) has nothing to measure a KS by: written, no warning."""
    small_city(ledger)
    record = ledger.record("ks", 2025, [Line("JL", "MENOT", -1500_00)], effective=D(2025, 3, 1), decision=KH)
    assert policy.confirmed_of(record.event) == ()
