"""Issue 18, item 2, check by check on both backends: every check ``verify`` makes on an event is made when the event
is written, by the same code, with the action the rules give it. For each check (``authority.POLICY``) one change
that breaks it alone, on SQLite and PostgreSQL (the ``ledger`` fixture):

- under ``stop`` it is refused naming the rule, and nothing is written;
- under ``warn`` it is refused until confirmed; confirmed, it is written, the event records the code and its
  author, and ``verify`` under the same rules passes, reporting it as a confirmed warning;
- ``verify`` under rules that stop it names it (what a clerk writes past the rules is a finding);
- under ``off`` verify neither fails nor reports it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from conftest import KV, small_city

from events.model import Decision, Line
from ledger.app import Kirjuri
from ledger.audit import authority, policy
from ledger.domain.refusals import Rejected

D = dt.date
KH = Decision(body="hallitus", date=D(2025, 2, 3), section="12")
VH = Decision(body="viranhaltija", date=D(2025, 6, 2), section="3")
HALF = (D(2025, 1, 1), D(2025, 6, 30))


def realloc(app: Kirjuri, to: str, decision: Decision):
    return app.reallocate(2025, [("JL", "MENOT", to, "MENOT", 10_00)], effective=D(2025, 6, 1), decision=decision)


def amend(app: Kirjuri, decided: dt.date):
    return app.amend(2025, [Line("JL", "MENOT", -10_00)], effective=D(2025, 12, 31),
                     decision=Decision(body="valtuusto", date=decided, section="5"))


#: code -> (the change that breaks that check alone, the bodies the rules set for it, if others than the law's)
BREAKS = {
    "authority.body": (lambda app: realloc(app, "KP", VH), {}),
    "authority.no_body": (lambda app: realloc(app, "KP", KH), {"reallocation_within": ()}),
    "authority.amendment_window": (lambda app: amend(app, D(2026, 4, 15)), {}),
    "authority.amendment_late": (lambda app: amend(app, D(2026, 2, 16)), {}),
    "authority.ta_late": (lambda app: app.adopt(2025, [Line("TP", "MENOT", -10_00)],
                                                decision=Decision(body="valtuusto", date=D(2026, 1, 12), section="2")),
                          {}),
    "authority.carry_late": (lambda app: app.carry(2025, 2026, [Line("JL", "MENOT", -10_00)], decision=Decision(
        body="valtuusto", date=D(2026, 7, 6), section="60")), {}),
    "authority.proposal_body": (lambda app: app.propose(app.amendment(2025, [Line("JL", "MENOT", -10_00)],
                                                                      effective=D(2025, 6, 1), decision=None),
                                                        to_body="hallitus"), {}),
    "authority.across": (lambda app: realloc(app, "TY", KH), {"reallocation_across": ("valtuusto", "hallitus")}),
    "authority.overrun": (lambda app: app.record("toteuma", 2025, [Line("JL", "MENOT", -1600_00)], period=HALF), {}),
    "authority.forecast_overrun": (lambda app: app.record("tpe", 2025, [Line("JL", "MENOT", -1600_00)]), {}),
    "authority.ks_over": (lambda app: app.record("ks", 2025, [Line("JL", "MENOT", -1600_00)], decision=KH), {}),
}


def test_every_check_of_the_rules_has_a_change_that_breaks_it_here():
    assert set(BREAKS) == set(authority.POLICY)


def rules_with(code: str, action: str, bodies: dict) -> authority.Rules:
    return dataclasses.replace(authority.DEFAULT, bodies={**authority.DEFAULT.bodies, **bodies},
                               actions={**authority.DEFAULT.actions, code: action})


@pytest.mark.parametrize("code", sorted(BREAKS))
def test_each_check_stops_warns_or_lets_by_when_written_as_verify_judges_it(ledger, code):
    small_city(ledger)
    ledger.adopt(2025, [Line("JL", "MENOT", -1000_00), Line("KP", "MENOT", -500_00)], decision=KV)
    write, bodies = BREAKS[code]
    seq = ledger.state.seq
    for action, refusal in (("stop", "rule.stop"), ("warn", "rule.warn")):
        ledger.rules_of = rules_with(code, action, bodies)
        with pytest.raises(Rejected) as refused:
            write(ledger)
        assert (refused.value.code, refused.value.value) == (refusal, code)
        assert code in str(refused.value) and ledger.state.seq == seq == ledger.eventlog.head_seq()
    ledger.confirm = frozenset({code})
    written = write(ledger)
    record = written[-1] if isinstance(written, list) else written
    assert code in policy.confirmed_of(record.event) and record.event.author == "testi"
    warned = ledger.verify(rules_of=rules_with(code, "warn", bodies))
    assert warned.passed, [f.what for c in warned.checks for f in c.findings]
    assert [(f.seq, f.params["warning"][0], f.params["by"]) for c in warned.checks for f in c.confirmed] == [
        (record.seq, code, "testi")]
    stopped = ledger.verify(rules_of=rules_with(code, "stop", bodies))
    assert [f.code for c in stopped.checks for f in c.findings] == [code]
    let_by = ledger.verify(rules_of=rules_with(code, "off", bodies))
    assert let_by.passed and not [f for c in let_by.checks for f in c.confirmed]


# --- who decides: every kind of change a rules file names, decided by a body the rules do not entitle -----------

KH_2026 = Decision(body="hallitus", date=D(2026, 2, 16), section="9")


def city_with_projects(app: Kirjuri) -> None:
    """The small city, its TA 2025, and two investment projects under HP, P1 with a TA of its own."""
    small_city(app)
    for code in ("P1", "P2"):
        app.submit(app.project_opening(code, code, group="HP", unit="HP", cost_estimate=100_00, first_year=2025,
                                       last_year=2025, effective=D(2025, 1, 1), decision=KV))
    app.adopt(2025, [Line("JL", "MENOT", -1000_00), Line("KP", "MENOT", -500_00),
                     Line("P1", "Investointimenot", -50_00)], decision=KV)


def projects(app: Kirjuri):
    """A reallocation between two investment projects (each its own binding unit) by the hallitus."""
    return app.reallocate(2025, [("P1", "Investointimenot", "P2", "Investointimenot", 10_00)],
                          effective=D(2025, 6, 1), decision=KH)


#: kind -> a change of that kind decided by the hallitus (the TA and its amendments are the valtuusto's by law:
#: ``rules.COUNCIL_ONLY`` refuses any other body before the rules of authority are asked)
BY_THE_BOARD = {
    "reallocation_within": lambda app: realloc(app, "KP", KH),
    "reallocation_across": lambda app: realloc(app, "TY", KH),
    "reallocation_projects": projects,
    "ks": lambda app: app.record("ks", 2025, [Line("JL", "MENOT", -100_00)], decision=KH),
    "ts": lambda app: app.record("ts", 2025, [Line("JL", "MENOT", -100_00)], decision=KH),
    "tp": lambda app: app.record("tp", 2025, [Line("JL", "MENOT", -900_00)], decision=KH_2026),
    "tpe": lambda app: app.record("tpe", 2025, [Line("JL", "MENOT", -900_00)], decision=KH),
    "toteuma": lambda app: app.record("toteuma", 2025, [Line("JL", "MENOT", -900_00)], period=HALF, decision=KH),
    "transfer": lambda app: app.transfer("TY", "HP", effective=D(2025, 6, 1), decision=KH),
    "organisation": lambda app: app.register_unit("UUSI", "Uusi", "yksikkö", "HP-YH", effective=D(2025, 6, 1),
                                                  decision=KH),
    "investment": lambda app: app.submit(app.project_opening("P9", "Halli", group="HP", unit="HP", cost_estimate=0,
                                                             first_year=2025, last_year=2025,
                                                             effective=D(2025, 6, 1), decision=KH)),
    "carry": lambda app: app.carry(2025, 2026, [Line("JL", "MENOT", -10_00)], decision=KH_2026),
    "rules": lambda app: app.adopt_rules(app.rules_of, decision=Decision(body="hallitus", date=D(2026, 11, 23),
                                                                          section="12")),
}


def test_every_kind_the_rules_name_but_the_councils_own_has_a_change_decided_by_the_board_here():
    assert set(BY_THE_BOARD) == set(authority.KINDS) - {"ta", "amendment"}


@pytest.mark.parametrize("kind", sorted(BY_THE_BOARD))
def test_a_change_of_each_kind_by_a_body_the_rules_do_not_entitle_is_refused_when_written(ledger, kind):
    """The rules keep each kind to the valtuusto: the hallitus' decision is refused naming the rule, nothing is
    written; once the rules entitle the hallitus too, the same change is written and verify passes."""
    city_with_projects(ledger)
    council = {**authority.DEFAULT.bodies, kind: ("valtuusto",)}
    ledger.rules_of = dataclasses.replace(authority.DEFAULT, bodies=council)
    seq = ledger.state.seq
    with pytest.raises(Rejected) as refused:
        BY_THE_BOARD[kind](ledger)
    assert (refused.value.code, refused.value.value) == ("rule.stop", "authority.body")
    assert refused.value.params["finding"][1]["kind"] == kind and "hallitus" in str(refused.value)
    assert ledger.eventlog.head_seq() == seq
    ledger.rules_of = dataclasses.replace(authority.DEFAULT, bodies={**council, kind: ("valtuusto", "hallitus")})
    if kind == "reallocation_across":  # across binding units it is also the valtuusto's alone
        ledger.rules_of = dataclasses.replace(ledger.rules_of, actions={**authority.DEFAULT.actions,
                                                                        "authority.across": "off"})
    BY_THE_BOARD[kind](ledger)
    assert ledger.verify(rules_of=ledger.rules_of).passed
