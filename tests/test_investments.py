"""Investment projects and carry-over of unused appropriations (issue 17): events a clerk writes and a
committee audits. A project is a node below its group, so its figures roll up; a carry-over adds to the
next year's TA-muutokset and is shown against the year's unused appropriation; the rules refuse what the
budget does not allow and the rules of authority who may not decide it."""

from __future__ import annotations

import datetime as dt
import tempfile
import tomllib
from pathlib import Path

import msgspec
import pytest
from conftest import KV, Clock, small_city
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli.app import app as cli
from events.model import (
    AnyEvent,
    AppropriationCarried,
    Decision,
    Line,
    ProjectChanged,
    ProjectClosed,
    kind_of,
)
from ledger import build
from ledger.app import Kirjuri
from ledger.audit import authority
from ledger.domain.refusals import Rejected
from ledger.fold import investments as inv
from ledger.fold import projections as pj
from ledger.fold.state import LedgerState
from ledger.fold.vertailu import vertailu
from ledger.store.log import Target
from tui.i18n import Texts
from tui.viewmodel import change_text, event_detail

D = dt.date
KV_MAY = Decision(body="valtuusto", date=D(2025, 5, 26), section="50")
KH_MAY = Decision(body="hallitus", date=D(2025, 5, 26), section="51")
KV_CARRY = Decision(body="valtuusto", date=D(2026, 2, 15), section="9")
MENOT = "Investointimenot"
runner = CliRunner()


def investing_city(app: Kirjuri) -> Kirjuri:
    """Kemijärvi-shaped, with an investointi toimiala, a school project group and two schools under it;
    TA 2025 and the year's toteuma: 5000 left 500 000 unused, 5001 all of its 1 000 000."""
    small_city(app)
    app.register_unit("INV", "Investoinnit", "toimiala", "KJ", effective=D(2020, 1, 1))
    for code, name, group, estimate, last in (("KOULUT", "Koulut", "INV", 9_000_000_00, 2027),
                                              ("5000", "Alakylän koulu", "KOULUT", 5_000_000_00, 2026),
                                              ("5001", "Keskuskoulu", "KOULUT", 1_000_000_00, 2026)):
        app.submit(app.project_opening(code, name, group=group, unit="HP", cost_estimate=estimate, first_year=2025,
                                       last_year=last, effective=D(2025, 1, 1), decision=KV))
    app.adopt(2025, [Line("5000", MENOT, -3_000_000_00), Line("5001", MENOT, -1_000_000_00),
                     Line("5000", "Rahoitusosuudet investointimenoihin", 200_000_00), Line("JL", "MENOT", -1_000_00)],
              decision=KV)
    app.record("toteuma", 2025, [Line("5000", MENOT, -2_500_000_00), Line("5001", MENOT, -1_000_000_00),
                                 Line("JL", "MENOT", -600_00)],
               period=(D(2025, 1, 1), D(2025, 12, 31)))
    return app


@pytest.fixture
def city(ledger) -> Kirjuri:
    return investing_city(ledger)


# --- the events ------------------------------------------------------------------------------------


def test_each_new_kind_is_stored_and_read_back_as_written(city):
    carried = city.carry(2025, 2026, [Line("5000", MENOT, -400_000_00)], decision=KV_CARRY)
    changed = city.submit(city.project_change("5001", effective=D(2025, 6, 1), decision=KV_MAY, name="Keskuskoulu II",
                                              cost_estimate=1_200_000_00, last_year=2027))[0]
    closed = city.submit(city.project_closing("5001", effective=D(2026, 11, 1), decision=KV_CARRY))[0]
    opened = city.records([city.state.projects["5000"][0][1]])
    stored = city.records(range(1, city.state.seq + 1))
    kinds = {kind_of(r.event) for r in stored.values()}
    assert {"project_opened", "project_changed", "project_closed", "appropriation_carried"} <= kinds
    for record in (carried, changed, closed, *opened.values()):
        assert stored[record.seq].event == record.event
        assert msgspec.json.decode(msgspec.json.encode(record.event), type=AnyEvent) == record.event
    assert isinstance(carried.event, AppropriationCarried) and carried.event.year == 2026
    assert isinstance(changed.event, ProjectChanged) and changed.event.group is None
    assert isinstance(closed.event, ProjectClosed)
    assert city.state.project("5001") == {"unit": "HP", "cost_estimate": 1_200_000_00, "first_year": 2025,
                                          "last_year": 2027}
    assert city.state.name("5001") == "Keskuskoulu II"


def test_a_checkpoint_keeps_the_projects(city):
    city.submit(city.project_change("5000", effective=D(2025, 6, 1), decision=KV_MAY, cost_estimate=4_000_000_00))
    again = LedgerState.from_checkpoint(city.state.to_checkpoint())
    assert again.fingerprint() == city.state.fingerprint()
    assert again.project("5000")["cost_estimate"] == 4_000_000_00


def test_a_project_rolls_up_through_its_group_and_leaves_the_operating_budget_alone(city):
    state = city.state
    assert pj.figures(state, 2025, "KOULUT").get(MENOT, "TA") == -4_000_000_00
    assert pj.figures(state, 2025, "KJ").get(MENOT, "TA") == -4_000_000_00
    assert pj.figures(state, 2025, "KJ").get("NETTOMENO", "TA") == -1_000_00  # JL's alone
    assert pj.figures(state, 2025, "KJ").get("INVESTOINNIT NETTO", "TA") == -3_800_000_00
    assert [code for _depth, code in pj.tree(state, 2025, "INV")] == ["INV", "KOULUT", "5000", "5001"]


def test_a_project_moved_to_another_group_takes_every_years_figures_with_it(city):
    city.register_unit("LIIKUNTA", "Liikuntapaikat", "toimiala", "KJ", effective=D(2020, 1, 1))
    city.submit(city.project_change("5001", effective=D(2025, 6, 1), decision=KV_MAY, group="LIIKUNTA"))
    state = city.state
    assert pj.figures(state, 2025, "LIIKUNTA").get(MENOT, "TA") == -1_000_000_00
    assert pj.figures(state, 2025, "KOULUT").get(MENOT, "TA") == -3_000_000_00
    assert pj.figures(state, 2025, "KOULUT", pj.Point(on=D(2025, 5, 31))).get(MENOT, "TA") == -4_000_000_00
    assert inv.project_view(state, "5001").group == "LIIKUNTA"


def test_a_closed_project_takes_no_more_figures_and_keeps_its_history(city):
    city.submit(city.project_closing("5001", effective=D(2025, 12, 31), decision=KV_MAY))
    with pytest.raises(Rejected) as refused:
        city.adopt(2026, [Line("5001", MENOT, -1_00)], decision=Decision(body="valtuusto", date=D(2025, 12, 31),
                                                                         section="99"))
    assert (refused.value.field, refused.value.code) == ("lines[1].unit", "unit.closed")
    assert pj.figures(city.state, 2025, "5001").get(MENOT, "TA") == -1_000_000_00
    assert inv.project_view(city.state, "5001").closed


def test_a_reallocation_between_projects_is_zero_sum_by_the_valtuusto(city):
    before = pj.figures(city.state, 2025, "KOULUT").get(MENOT, "TA+MUUTOS")
    city.submit(city.reallocation(2025, [("5000", MENOT, "5001", MENOT, 300_000_00)], effective=D(2025, 6, 1),
                                  decision=KV_MAY))
    state = city.state
    assert pj.figures(state, 2025, "5000").get(MENOT, "TA+MUUTOS") == -2_700_000_00
    assert pj.figures(state, 2025, "5001").get(MENOT, "TA+MUUTOS") == -1_300_000_00
    assert pj.figures(state, 2025, "KOULUT").get(MENOT, "TA+MUUTOS") == before
    assert authority.kind_of(authority.DEFAULT, state, city.records([state.seq])[state.seq].event) == \
        "reallocation_projects"


# --- what the rules refuse, naming the field; nothing is written ----------------------------------------


def _open(app: Kirjuri, code: str = "6000", **changes):
    fields = dict(name="Päiväkoti", group="INV", unit="HP", cost_estimate=100_00, first_year=2025, last_year=2026,
                  effective=D(2025, 1, 1), decision=KV) | changes
    return app.project_opening(code, **fields)


REFUSED = {
    "a project's line in the operating budget": (
        lambda a: a.amendment(2025, [Line("5000", "MENOT", -1_00)], effective=D(2025, 6, 1), decision=KV_MAY),
        "lines[1].account", "project.account_part"),
    "a move to an operating account of a project": (
        lambda a: a.reallocation(2025, [("JL", "MENOT", "5000", "MENOT", 1_00)], effective=D(2025, 6, 1),
                                 decision=KV_MAY), "moves[1].to_account", "project.account_part"),
    "a move of nothing": (
        lambda a: a.reallocation(2025, [("5001", MENOT, "5000", MENOT, 0)], effective=D(2025, 6, 1),
                                 decision=KV_MAY), "moves[1].amount", "amount.move_not_positive"),
    "a change of an unknown project": (
        lambda a: a.project_change("9999", effective=D(2025, 6, 1), decision=KV_MAY, name="X"), "code",
        "project.unknown"),
    "a unit's code changed as a project": (
        lambda a: a.project_change("JL", effective=D(2025, 6, 1), decision=KV_MAY, name="X"), "code",
        "project.unknown"),
    "the closing of an unknown project": (
        lambda a: a.project_closing("9999", effective=D(2025, 6, 1), decision=KV_MAY), "code", "project.unknown"),
    "a group closed with open projects": (
        lambda a: a.project_closing("KOULUT", effective=D(2025, 6, 1), decision=KV_MAY), "code",
        "unit.open_children"),
    "a code taken": (lambda a: _open(a, "5000"), "code", "code.taken"),
    "a group that is not in the ledger": (lambda a: _open(a, group="EI"), "group", "unit.unknown"),
    "a project responsible for a project": (lambda a: _open(a, unit="5000"), "unit", "project.responsible_project"),
    "a last year before the first": (lambda a: _open(a, last_year=2024), "last_year", "project.years"),
    "a negative cost estimate": (lambda a: _open(a, cost_estimate=-1), "cost_estimate", "project.estimate"),
    "no decision": (lambda a: _open(a, decision=None), "decision", "decision.missing"),
    "a unit under a project": (
        lambda a: build.unit_registration(a.origin, "U", "U", "yksikkö", "5000", effective=D(2025, 1, 1)),
        "parent", "project.not_a_unit"),
    "a group below the project itself": (
        lambda a: a.project_change("KOULUT", effective=D(2025, 6, 1), decision=KV_MAY, group="5000"), "group",
        "parent.cycle"),
    "a change to year 0": (
        lambda a: a.project_change("5000", effective=D(2025, 6, 1), decision=KV_MAY, first_year=0), "first_year",
        "year.range"),
    "a change of nothing": (
        lambda a: a.project_change("5000", effective=D(2025, 6, 1), decision=KV_MAY), "code",
        "project.nothing_changed"),
    "a carry of more than was left unused": (
        lambda a: a.carry_over(2025, 2026, [Line("5000", MENOT, -500_000_01)], decision=KV_CARRY),
        "lines[1].amount", "carry.more_than_unused"),
    "a carry of an appropriation spent in full": (
        lambda a: a.carry_over(2025, 2026, [Line("5001", MENOT, -1_00)], decision=KV_CARRY),
        "lines[1].amount", "carry.more_than_unused"),
    "a carry against the appropriation's sign": (
        lambda a: a.carry_over(2025, 2026, [Line("5000", MENOT, 1_00)], decision=KV_CARRY),
        "lines[1].amount", "carry.more_than_unused"),
    "two carries of one event past the group's unused": (
        lambda a: a.carry_over(2025, 2026, [Line("5000", MENOT, -400_000_00), Line("KOULUT", MENOT, -400_000_00)],
                               decision=KV_CARRY), "lines[1].amount", "carry.more_than_unused"),
    "a carry two years on": (
        lambda a: a.carry_over(2025, 2027, [Line("5000", MENOT, -1_00)], decision=KV_CARRY), "to_year",
        "carry.next_year"),
    "a carry dated in the year it carries from": (
        lambda a: a.carry_over(2025, 2026, [Line("5000", MENOT, -1_00)], decision=KV_CARRY, effective=D(2025, 12, 1)),
        "effective", "effective.outside_fiscal_year"),
    "a carry of nothing": (
        lambda a: a.carry_over(2025, 2026, [Line("5000", MENOT, 0)], decision=KV_CARRY), "lines[1].amount",
        "amount.zero"),
    "a carry to an unknown unit": (
        lambda a: a.carry_over(2025, 2026, [Line("EI", MENOT, -1_00)], decision=KV_CARRY), "lines[1].unit",
        "unit.unknown"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_the_rules_refuse_naming_the_field_and_nothing_is_written(city, case):
    make, field, code = REFUSED[case]
    seq, head = city.state.seq, city.state.head
    with pytest.raises(Rejected) as refused:
        city.submit(make(city))
    assert (refused.value.field, refused.value.code) == (field, code)
    assert (city.state.seq, city.state.head) == (seq, head)


AUTHORITY = {
    "a carry decided by the hallitus": (
        lambda a: a.carry_over(2025, 2026, [Line("5000", MENOT, -1_00)],
                               decision=Decision(body="hallitus", date=D(2026, 2, 15), section="9")),
        "decision", "authority.body"),
    "a carry decided after 30.6. of the year it carries to": (
        lambda a: a.carry_over(2025, 2026, [Line("5000", MENOT, -1_00)],
                               decision=Decision(body="valtuusto", date=D(2026, 7, 1), section="9")),
        "decision", "authority.carry_late"),
    "a reallocation between projects by the hallitus": (
        lambda a: a.reallocation(2025, [("5000", MENOT, "5001", MENOT, 300_000_00)], effective=D(2025, 6, 1),
                                 decision=KH_MAY), "decision", "authority.body"),
    "a project opened by a lautakunta": (
        lambda a: _open(a, decision=Decision(body="lautakunta", date=D(2024, 12, 1), section="4")),
        "decision", "authority.body"),
}


@pytest.mark.parametrize("case", list(AUTHORITY))
def test_the_rules_of_authority_refuse_a_body_or_a_date_they_do_not_allow(city, case):
    make, field, code = AUTHORITY[case]
    seq = city.state.seq
    with pytest.raises(Rejected) as refused:
        city.submit(make(city))
    assert (refused.value.field, refused.value.value, refused.value.code) == (field, code, "rule.stop")
    assert city.state.seq == seq


def test_a_municipalitys_rules_may_let_the_hallitus_move_between_projects(city):
    rules = authority.from_doc({"bodies": {"reallocation_projects": ["valtuusto", "hallitus"]},
                                "deadlines": {"carries": "31.3."}})
    city.rules_of = rules
    city.submit(city.reallocation(2025, [("5000", MENOT, "5001", MENOT, 1_00)], effective=D(2025, 6, 1),
                                  decision=KH_MAY))
    assert rules.carries_by == (31, 3) and authority.from_doc(tomllib.loads(authority.to_toml(rules))) == rules
    late = city.carry_over(2025, 2026, [Line("5000", MENOT, -1_00)], decision=Decision(
        body="valtuusto", date=D(2026, 4, 1), section="9"))
    with pytest.raises(Rejected, match="31.3.2026"):
        city.submit(late)


def test_verify_finds_what_the_rules_of_authority_would_have_refused(city):
    """Written with the rules off (an older version, a restore): the committee's check names it."""
    city.rules_of = authority.UNCHECKED
    city.submit(city.carry_over(2025, 2026, [Line("5000", MENOT, -1_00)],
                                decision=Decision(body="hallitus", date=D(2026, 2, 15), section="9")))
    city.submit(city.carry_over(2025, 2026, [Line("5000", MENOT, -1_00)],
                                decision=Decision(body="valtuusto", date=D(2026, 8, 1), section="9")))
    found = next(c for c in city.verify().checks if c.name == "authority").findings
    assert sorted(f.code for f in found) == ["authority.body", "authority.carry_late"]


# --- a carry-over in the figures ------------------------------------------------------------------------


def test_a_carry_over_is_next_years_muutos_and_shown_against_this_years_unused(city):
    before = vertailu(city.state, 2025, "5000").line(MENOT)
    city.carry(2025, 2026, [Line("5000", MENOT, -500_000_00), Line("JL", "MENOT", -400_00)], decision=KV_CARRY)
    state = city.state
    old, new = vertailu(state, 2025, "5000").line(MENOT), vertailu(state, 2026, "5000").line(MENOT)
    assert (before.unused, old.carried, old.unused) == (-500_000_00, -500_000_00, 0)
    assert (old.ta_muutos, old.poikkeama) == (before.ta_muutos, before.poikkeama)  # 2025 stays as decided
    assert (new.muutos, new.ta_muutos) == (-500_000_00, -500_000_00)
    assert vertailu(state, 2026, "KJ").line("NETTOMENO").muutos == -400_00
    assert vertailu(state, 2025, "KJ").line("NETTOMENO").carried == -400_00
    assert inv.project_view(state, "5000").appropriated == 3_000_000_00  # the money counted once


def test_reversing_a_carry_over_takes_it_out_of_both_years(city):
    carried = city.carry(2025, 2026, [Line("5000", MENOT, -300_000_00)], decision=KV_CARRY)
    city.reverse(carried.event.id, reason="väärä summa")
    state = city.state
    assert vertailu(state, 2026, "5000").line(MENOT).muutos is None
    assert vertailu(state, 2025, "5000").line(MENOT).carried is None
    city.carry(2025, 2026, [Line("5000", MENOT, -500_000_00)], decision=KV_CARRY)  # all of it is free again
    assert vertailu(city.state, 2025, "5000").line(MENOT).unused == 0


def test_appropriations_past_the_cost_estimate_are_a_finding_not_a_refusal(city):
    city.adopt(2026, [Line("5000", MENOT, -2_300_000_00)], decision=Decision(
        body="valtuusto", date=D(2025, 12, 8), section="70"))
    view = inv.project_view(city.state, "5000")
    assert [y.year for y in view.years] == [2025, 2026]
    assert (view.cost_estimate, view.appropriated, view.over) == (5_000_000_00, 5_300_000_00, 300_000_00)
    assert inv.project_view(city.state, "5001").over is None


def test_the_event_detail_names_a_carry_overs_fields_in_the_vocabulary(city):
    record = city.carry(2025, 2026, [Line("5000", MENOT, -1_00)], decision=KV_CARRY)
    for lang, words in (("fi", ("Luvut vuodesta", "Vuodelle")), ("en", ("Figures from", "To year"))):
        detail = event_detail(city.state, record, None, "5000", Texts(lang))
        assert detail.kind.startswith({"fi": "Määrärahojen siirto", "en": "Carry-over"}[lang])
        labels = dict(detail.fields)
        assert labels[words[0]] == "2025" and labels[words[1]] == "2026"
        assert [(c.account, c.column, c.after) for _u, c in detail.unit_changes] == [(MENOT, "MUUTOS", -1_00)]
        assert change_text(city.state, record.event, {"5000"}, Texts(lang)) == {
            "fi": f"vuoden 2025 käyttämättömistä: {MENOT} -1", "en": f"from 2025's unused: {MENOT} -1"}[lang]


# --- the invariant a committee relies on ------------------------------------------------------------------

UNITS = ("JL", "KP", "TP", "HP-YH")
ACCOUNTS = ("MENOT", "TULOT")


def _carry_city(app: Kirjuri, spent: dict[str, int]) -> Kirjuri:
    small_city(app)
    app.adopt(2025, [Line("JL", "MENOT", -1_000_00), Line("KP", "MENOT", -500_00), Line("TP", "TULOT", 300_00),
                     Line("TP", "MENOT", -200_00)], decision=KV)
    app.adopt(2026, [Line("JL", "MENOT", -900_00)], decision=Decision(body="valtuusto", date=D(2025, 12, 8),
                                                                       section="70"))
    actuals = [Line(unit, account, cents) for (unit, account), cents in
               ((("JL", "MENOT"), -spent["JL"]), (("KP", "MENOT"), -spent["KP"]), (("TP", "TULOT"), spent["TP"]))]
    # spent past a vastuualue's appropriation is an overrun the clerk confirms: the year's toteuma is what it was
    app.submit(build.recording(app.origin, "toteuma", 2025, actuals, period=(D(2025, 1, 1), D(2025, 12, 31))),
               confirm=frozenset({"authority.overrun"}))
    return app


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spent=st.fixed_dictionaries({u: st.integers(0, 1_200_00) for u in ("JL", "KP", "TP")}),
       steps=st.lists(st.one_of(
           st.tuples(st.just("carry"), st.sampled_from(UNITS), st.sampled_from(ACCOUNTS),
                     st.integers(-900_00, 900_00).filter(bool)),
           st.tuples(st.just("reverse"), st.integers(0, 5))), max_size=8))
def test_carry_overs_move_unused_money_once_and_never_more_than_was_unused(spent, steps):
    """For any sequence of carry-overs (and reversals of them), whatever the rules let through:
    - the next year's TA-muutokset from carry-overs equal what this year shows carried, cell by cell;
    - at every node and account, nothing is carried past what was unused (TA+muutos − toteutuma), and never
      against its sign;
    - the two years' TA+muutos, less what was carried, is what was adopted: a carry-over creates no money."""
    with tempfile.TemporaryDirectory() as folder:
        app = _carry_city(Kirjuri(Target(sqlite_path=Path(folder) / "l.sqlite"), create=True, author="testi",
                                  clock=Clock()), spent)
        written = []
        try:
            for step in steps:
                try:
                    if step[0] == "carry":
                        _kind, unit, account, cents = step
                        written.append(app.carry(2025, 2026, [Line(unit, account, cents)], decision=KV_CARRY).event.id)
                    elif written:
                        app.reverse(written.pop(step[1] % len(written)), reason="peruttu")
                except Rejected as refused:
                    assert refused.code in ("carry.more_than_unused", "unit.closed")
                _holds(app.state)
        finally:
            app.close()


def _holds(state: LedgerState) -> None:
    for node in ("KJ", "HP", "HP-YH", *UNITS):
        for account in ACCOUNTS:
            old, new = vertailu(state, 2025, node).line(account), vertailu(state, 2026, node).line(account)
            adopted_2026 = new.ta or 0
            assert (new.muutos or 0) == (old.carried or 0)
            unused_before = (old.ta_muutos or 0) - (old.toteutuma or 0)
            carried = old.carried or 0
            assert carried == 0 or ((carried > 0) == (unused_before > 0) and abs(carried) <= abs(unused_before))
            total = (old.ta_muutos or 0) + (new.ta_muutos or 0) - carried
            assert total == (old.ta or 0) + adopted_2026


# --- the CLI, on SQLite and PostgreSQL ---------------------------------------------------------------------


def kirjuri(db: str, *args: str):
    return runner.invoke(cli, ["--db", db, "--author", "testi", *args])


@pytest.fixture
def db(target, clock) -> str:
    app = investing_city(Kirjuri(target, create=True, author="testi", clock=clock))
    app.close()
    return str(target.sqlite_path or target.postgres_url)


def test_a_clerk_opens_moves_carries_and_the_committee_reads_it(db, tmp_path):
    opened = kirjuri(db, "project", "open", "5002", "Pohjoisen koulu", "--group", "KOULUT", "--unit", "HP",
                     "--estimate", "2 000 000", "--first-year", "2025", "--last-year", "2026",
                     "--effective", "1.6.2025", "--decision", "KV 26.5.2025 § 52")
    assert opened.exit_code == 0 and "(Hanke avattu)" in opened.stdout, opened.output
    moved = kirjuri(db, "reallocate", "2025", "--move", f"5000:{MENOT}>5002:{MENOT}=100 000",
                    "--effective", "1.6.2025", "--decision", "KV 26.5.2025 § 53")
    assert moved.exit_code == 0, moved.output
    by_kh = kirjuri(db, "--lang", "en", "reallocate", "2025", "--move", f"5000:{MENOT}>5002:{MENOT}=1",
                    "--effective", "1.6.2025", "--decision", "KH 26.5.2025 § 54")
    assert by_kh.exit_code == 1 and by_kh.stdout == ""
    assert "kirjuri: decision: KH 26.5.2025 § 54: a hallitus may not decide" in by_kh.stderr
    carry = ["carry", "--from-year", "2025", "--to-year", "2026", "--decision", "KV 15.2.2026 § 9", "--line"]
    preview = kirjuri(db, "--lang", "en", *carry, f"5000:{MENOT}=-400 000", "--dry-run")
    assert preview.exit_code == 0 and "dry run: nothing was written" in preview.stdout, preview.output
    assert f"5000 {MENOT} unused 2025: -400 000 → 0" in plain(preview.stdout)
    assert f"5000 {MENOT} TA+muutos 2026: – → -400 000" in plain(preview.stdout)
    too_much = kirjuri(db, "--lang", "en", *carry, f"5000:{MENOT}=-500 000")
    assert too_much.exit_code == 1
    assert "lines[1].amount: '-500 000' carries more than 2025 left unused" in plain(too_much.stderr)
    carried = kirjuri(db, *carry, f"5000:{MENOT}=-400 000", "--line", "JL:MENOT=-300")
    assert carried.exit_code == 0 and "(Määrärahojen siirto)" in carried.stdout, carried.output
    vertailu_2025 = kirjuri(db, "report", "toteutumisvertailu", "HP", "--year", "2025")
    assert vertailu_2025.exit_code == 0, vertailu_2025.output
    lines = plain(vertailu_2025.stdout).splitlines()
    jl_menot = lines[next(i for i, line in enumerate(lines) if "Joukkoliikenne" in line) + 1]
    assert "Siirto seuraavalle vuodelle" in vertailu_2025.stdout and "Käyttämättä" in vertailu_2025.stdout
    assert [cell.strip() for cell in jl_menot.split("│")][1:10] == [
        "MENOT", "-1 000", "", "-1 000", "-600", "400", "-300", "-100", "60,0 %"]
    changed = kirjuri(db, "project", "change", "5002", "--estimate", "50 000", "--effective", "1.3.2026",
                      "--decision", "KV 1.3.2026 § 12")
    assert changed.exit_code == 0, changed.output
    shown = kirjuri(db, "--lang", "en", "show", "5000", "--year", "2026")
    assert shown.exit_code == 0, shown.output
    assert "cost estimate 5 000 000, appropriated over its years 2 900 000" in plain(shown.stdout)
    report = kirjuri(db, "--lang", "en", "report", "projects")
    assert report.exit_code == 0, report.output
    assert ("finding: project 5002 Pohjoisen koulu: its years' appropriations 100 000 exceed its cost estimate "
            "50 000 by 50 000") in plain(report.stdout)
    history = kirjuri(db, "history", "5000", "--limit", "3")
    assert "Määrärahojen siirto 2026" in history.stdout
    assert (f"siirretty vuoden 2025 käyttämättömistä määrärahoista vuodelle 2026: 5000:{MENOT} -400 000"
            in plain(history.stdout))
    verified = kirjuri(db, "verify")
    assert verified.exit_code == 0, verified.output
    exported = kirjuri(db, "export", "-o", str(tmp_path / "ledger.json"))
    assert exported.exit_code == 0, exported.output
    copy = str(tmp_path / "copy.sqlite")
    assert kirjuri(copy, "restore", str(tmp_path / "ledger.json")).exit_code == 0
    assert kirjuri(copy, "head").stdout == kirjuri(db, "head").stdout


def plain(text: str) -> str:
    """Output with its no-break spaces (thousands) as spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_a_bad_carry_or_project_is_one_line_and_writes_nothing(db, english):
    head = kirjuri(db, "head").stdout
    for args, line in (
        (["carry", "--from-year", "2025", "--to-year", "2026", "--line", "5000-Investointimenot=1",
          "--decision", "KV 15.2.2026 § 9"], "lines[1]: '5000-Investointimenot=1'"),
        (["carry", "--from-year", "2025", "--to-year", "2027", "--line", f"5000:{MENOT}=-1",
          "--decision", "KV 15.2.2026 § 9"], "to_year: 2027 is not the year after 2025"),
        (["project", "close", "9999", "--effective", "1.6.2025", "--decision", "KV 26.5.2025 § 9"],
         "code: '9999' is not an investment project"),
        (["project", "open", "6000", "Päiväkoti", "--group", "INV", "--unit", "HP", "--estimate", "-5",
          "--first-year", "2025", "--last-year", "2025", "--effective", "1.6.2025", "--decision",
          "KV 26.5.2025 § 9"], "cost_estimate: '-5' is not a cost estimate"),
    ):
        result = kirjuri(db, *args)
        assert result.exit_code == 1 and result.stderr.startswith(f"kirjuri: {line}"), (args, result.output)
        assert len(result.stderr.strip().splitlines()) == 1
    assert kirjuri(db, "head").stdout == head
