"""Proposals (esitys) and their decisions: a proposal moves nothing until the body it was
put to approves it; an approval writes the change with its decision; a rejection closes it.

Runs on SQLite and PostgreSQL alike (the ``ledger`` fixture is parametrised).
"""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest
from conftest import KH, KV, KV_MUUTOS, small_city
from test_ledger_rules import AMEND_DAY, fig, reject

from events.model import Decision, Line, ProposalDecided, Reallocated, TaAmended
from ledger.fold import projections as pj
from ledger.app import Kirjuri
from ledger.domain.refusals import Rejected
from ledger.fold.projections import Point
from ledger.fold.state import LedgerState

D = dt.date
LATE_KV = Decision(body="valtuusto", date=D(2026, 2, 16), section="9")


@pytest.fixture
def budget(ledger) -> Kirjuri:
    app = small_city(ledger)
    app.adopt(2025, [Line("JL", "Henkilöstökulut", -1_000_00), Line("KP", "Henkilöstökulut", -2_000_00)],
              decision=KV)
    return app


def propose_amendment(app: Kirjuri, amount: int = -250_00, to_body: str = "valtuusto") -> str:
    change = app.amendment(2025, [Line("JL", "Henkilöstökulut", amount)], effective=AMEND_DAY, decision=None)
    return app.propose(change, to_body=to_body, decision=KH, note="Kesätyöntekijät").event.id


def statuses(app: Kirjuri, point: Point = Point()) -> list[tuple[str, str]]:
    return [(p.proposal.id, p.status) for p in pj.proposals(app.state, point)]


def test_a_proposal_moves_nothing_until_approved(budget):
    before = fig(budget, "KJ", "MENOT", "TA+MUUTOS")
    pid = propose_amendment(budget)
    assert fig(budget, "KJ", "MENOT", "TA+MUUTOS") == before == -3_000_00
    assert statuses(budget) == [(pid, "pending")]

    written = budget.decide(pid, approved=True, decision=KV_MUUTOS)
    change, decided = (r.event for r in written)
    assert isinstance(change, TaAmended) and change.decision == KV_MUUTOS and change.year == 2025
    assert change.lines == (Line("JL", "Henkilöstökulut", -250_00),)
    assert isinstance(decided, ProposalDecided) and decided.enacted == change.id and decided.approved
    assert fig(budget, "KJ", "MENOT", "TA+MUUTOS") == -3_250_00
    assert fig(budget, "JL", "MENOT", "MUUTOS") == -250_00
    assert statuses(budget) == [(pid, "approved")]
    # as the ledger knew it before the decision, the proposal was pending and TA+muutos unchanged
    point = Point(known_at=budget.state.recorded_at(written[0].seq - 1))
    assert statuses(budget, point) == [(pid, "pending")]
    assert fig(budget, "KJ", "MENOT", "TA+MUUTOS", point=point) == -3_000_00


def test_a_rejected_proposal_closes_and_cannot_be_decided_again(budget, target):
    pid = propose_amendment(budget)
    budget.decide(pid, approved=False, decision=KV_MUUTOS)
    assert statuses(budget) == [(pid, "rejected")]
    assert fig(budget, "KJ", "MENOT", "TA+MUUTOS") == -3_000_00
    reject(budget, target, lambda: budget.decide(pid, approved=True, decision=KV_MUUTOS), "proposal", pid)


def test_only_the_body_it_was_put_to_decides_it(budget, target):
    pid = propose_amendment(budget)
    reject(budget, target, lambda: budget.decide(pid, approved=False, decision=KH), "decision.body", "hallitus")
    reject(budget, target, lambda: budget.decide(pid, approved=True, decision=None), "decision", "")
    assert statuses(budget) == [(pid, "pending")]


def test_an_overrun_approved_after_the_year_amends_that_year(budget):
    """Ylitysoikeus decided in February before the tilinpäätös: fiscal year and decision date stay apart."""
    pid = propose_amendment(budget, amount=-40_00)
    with pytest.raises(Rejected) as refused:  # decided after the fiscal year: the rules warn first
        budget.decide(pid, approved=True, decision=LATE_KV)
    assert (refused.value.code, refused.value.value) == ("rule.warn", "authority.amendment_late")
    assert "--confirm authority.amendment_late" in str(refused.value)
    budget.confirm = frozenset({"authority.amendment_late"})
    change, decided = (r.event for r in budget.decide(pid, approved=True, decision=LATE_KV))
    assert change.confirmed == ("authority.amendment_late",)
    assert (change.year, change.effective, change.decision.date) == (2025, D(2025, 12, 31), D(2026, 2, 16))
    assert decided.effective == D(2025, 12, 31)
    assert fig(budget, "JL", "MENOT", "TA+MUUTOS") == -1_040_00


def test_reversing_the_approval_undoes_its_change_and_reopens_the_proposal(budget, target):
    pid = propose_amendment(budget)
    change, decided = budget.decide(pid, approved=True, decision=KV_MUUTOS)
    reject(budget, target, lambda: budget.reverse(change.event.id, reason="väärin"), "target", change.event.id)
    budget.reverse(decided.event.id, reason="päätös kumottiin")
    assert fig(budget, "KJ", "MENOT", "TA+MUUTOS") == -3_000_00
    assert budget.state.reversed_by[change.seq] == budget.state.seq
    assert statuses(budget) == [(pid, "pending")]
    budget.decide(pid, approved=True, decision=KV_MUUTOS)
    assert fig(budget, "KJ", "MENOT", "TA+MUUTOS") == -3_250_00


def test_a_decided_proposal_is_not_withdrawn_but_a_pending_one_is(budget, target):
    decided = propose_amendment(budget)
    budget.decide(decided, approved=False, decision=KV_MUUTOS)
    reject(budget, target, lambda: budget.reverse(decided, reason="peruttu"), "target", decided)
    pending = propose_amendment(budget, amount=-10_00)
    budget.reverse(pending, reason="esitys peruttiin")
    assert statuses(budget) == [(decided, "rejected")]
    reject(budget, target, lambda: budget.decide(pending, approved=True, decision=KV_MUUTOS), "proposal", pending)


def test_an_approval_enacts_exactly_the_proposal(budget, target):
    pid = propose_amendment(budget)
    other = budget.amendment(2025, [Line("JL", "Henkilöstökulut", -999_00)], effective=AMEND_DAY, decision=KV_MUUTOS)

    def approve_with(change):
        return lambda: budget.submit(change, budget.origin.event(ProposalDecided, proposal=pid, approved=True,
                                                                 enacted=change.id, effective=AMEND_DAY, decision=KV_MUUTOS))

    reject(budget, target, approve_with(other), "enacted", other.id)
    missing = budget.origin.event(ProposalDecided, proposal=pid, approved=True, enacted="nothing",
                                  effective=AMEND_DAY, decision=KV_MUUTOS)
    reject(budget, target, lambda: budget.submit(missing), "enacted", "nothing")
    enacts = budget.origin.event(ProposalDecided, proposal=pid, approved=False, enacted=other.id,
                                 effective=AMEND_DAY, decision=KV_MUUTOS)
    reject(budget, target, lambda: budget.submit(enacts), "enacted", other.id)
    reject(budget, target, lambda: budget.decide("not-an-event", approved=True, decision=KV_MUUTOS), "event", "not-an-event")


def test_a_reallocation_proposal_enacts_a_reallocation(budget):
    change = budget.reallocation(2025, [("KP", "Henkilöstökulut", "JL", "Henkilöstökulut", 100_00)],
                                 effective=AMEND_DAY, decision=None)
    pid = budget.propose(change, to_body="hallitus").event.id
    assert fig(budget, "JL", "MENOT", "TA+MUUTOS") == -1_000_00
    enacted, _decided = budget.decide(pid, approved=True, decision=KH)
    assert isinstance(enacted.event, Reallocated)
    assert fig(budget, "JL", "MENOT", "TA+MUUTOS") == -1_100_00
    assert fig(budget, "KP", "MENOT", "TA+MUUTOS") == -1_900_00


def test_a_proposal_passes_the_checks_of_the_change_it_proposes(budget, target):
    bad = budget.amendment(2025, [Line("XX", "Henkilöstökulut", -1_00)], effective=AMEND_DAY, decision=None)
    reject(budget, target, lambda: budget.propose(bad, to_body="valtuusto"), "lines[1].unit", "XX")
    late = budget.amendment(2025, [Line("JL", "Henkilöstökulut", -1_00)], effective=D(2026, 1, 5), decision=None)
    reject(budget, target, lambda: budget.propose(late, to_body="valtuusto"), "effective", "5.1.2026")


def test_proposals_survive_a_checkpoint(budget):
    pending = propose_amendment(budget)
    approved = propose_amendment(budget, amount=-5_00)
    budget.decide(approved, approved=True, decision=KV_MUUTOS)
    restored = LedgerState.from_checkpoint(budget.state.to_checkpoint())
    assert restored.fingerprint() == budget.state.fingerprint()
    assert [(p.proposal.id, p.status) for p in pj.proposals(restored)] == [(pending, "pending"), (approved, "approved")]


def ta_plus(preview, node: str) -> tuple[int | None, int | None]:
    line = next(x for x in preview.lines if (x.node, x.account, x.column) == (node, "MENOT", "TA+MUUTOS"))
    return line.before, line.after


def test_the_preview_of_a_proposal_shows_what_its_approval_would_do(budget):
    change = budget.amendment(2025, [Line("JL", "Henkilöstökulut", -250_00)], effective=AMEND_DAY, decision=None)
    proposal = budget.proposal(change, to_body="valtuusto")
    assert ta_plus(budget.preview(proposal), "KJ") == (-3_000_00, -3_250_00)
    pid = budget.propose(change, to_body="valtuusto").event.id
    _change, decided = budget.decide(pid, approved=True, decision=KV_MUUTOS)
    undo = budget.reversal(decided.event.id, reason="kumottu")
    assert ta_plus(budget.preview(undo), "KJ") == (-3_250_00, -3_000_00)


def test_the_trail_says_what_was_proposed_and_decided(budget):
    from tui.i18n import Texts
    from tui.viewmodel import change_text

    pid = propose_amendment(budget)
    budget.decide(pid, approved=False, decision=KV_MUUTOS)
    proposed, decided = (r.event for r in budget.records([budget.state.seq - 1, budget.state.seq]).values())
    fi, en = Texts("fi"), Texts("en")
    assert change_text(budget.state, proposed, {"JL"}, fi) == "KV päätettäväksi: Henkilöstökulut -250"
    assert change_text(budget.state, decided, {"JL"}, en) == f"rejects proposal #{budget.state.seq - 1}"
    sv = change_text(budget.state, proposed, {"JL"}, Texts("sv"))
    assert sv.startswith("för beslut av fullmäktige: "), "Swedish names the body, never the Finnish KV"
    board = msgspec.structs.replace(proposed, to_body="hallitus")
    assert change_text(budget.state, board, {"JL"}, Texts("sv")).startswith("för beslut av styrelsen: ")
    assert change_text(budget.state, board, {"JL"}, fi).startswith("KH päätettäväksi: ")
