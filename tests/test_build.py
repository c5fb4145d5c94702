"""The pure builders (ledger/build.py): what a command would write, made from the state, an origin and the
command's arguments, without writing and without changing the state; ``Kirjuri``'s commands store exactly that."""

from __future__ import annotations

import datetime as dt
import itertools

import msgspec
import pytest
from conftest import KH, KV, KV_MUUTOS, small_city
from hypothesis import given
from hypothesis import strategies as st

from events import accounts
from events.model import EntryReversed, Line, ProposalDecided, Reallocated, TaAmended, TpeRecorded
from ledger import build
from ledger.app import Kirjuri
from ledger.domain.rules import Rejected
from ledger.fold.state import LedgerState

D = dt.date
AT = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.timezone.utc)


def fixed(author: str = "virkailija") -> build.Origin:
    """An origin whose clock stands still and whose ids count up: the same call makes the same events."""
    count = itertools.count(1)
    return build.Origin(author, lambda: AT, lambda: f"id-{next(count)}")


@pytest.fixture
def budget(sqlite_target, clock) -> Kirjuri:
    """The small city with a TA; its events' ids are "tapahtuma-001", "tapahtuma-002", …"""
    count = itertools.count(1)
    app = Kirjuri(sqlite_target, create=True, author="testi", clock=clock, new_id=lambda: f"tapahtuma-{next(count):03d}")
    small_city(app).adopt(2025, [Line("JL", "MENOT", -1_000_00), Line("KP", "MENOT", -2_000_00)], decision=KV)
    yield app
    app.close()


def test_building_changes_nothing_in_the_state_and_writes_nothing(budget):
    change = budget.amendment(2025, [Line("JL", "MENOT", -50_00)], effective=D(2025, 6, 1), decision=None)
    proposed = budget.propose(change, to_body="valtuusto", decision=KH)
    state, before, head = budget.state, budget.state.to_checkpoint(), budget.eventlog.head_seq()
    build.amendment(fixed(), 2025, [Line("JL", "MENOT", -50_00)], effective=D(2025, 6, 1), decision=KV_MUUTOS)
    build.proposal(fixed(), change, to_body="valtuusto", decision=KH)
    build.service_transfer(state, fixed(), "JL", "ET", effective=D(2025, 7, 1), decision=KV)
    build.reallocation(fixed(), 2025, [("JL", "MENOT", "KP", "MENOT", 10_00)], effective=D(2025, 6, 1), decision=KV)
    build.decision_events(state, fixed(), f"#{proposed.seq}", approved=True, decision=KV)
    build.reversal(fixed(), proposed.event, reason="peruttu")
    build.recording(fixed(), "ks", 2025, [Line("JL", "MENOT", -1_00)])
    assert budget.state is state and state.to_checkpoint() == before and budget.eventlog.head_seq() == head


def test_the_same_origin_and_arguments_make_the_same_events(budget):
    change = budget.amendment(2025, [Line("JL", "MENOT", -50_00)], effective=D(2025, 6, 1), decision=None)
    ref = f"#{budget.propose(change, to_body='valtuusto', decision=KH).seq}"
    first, second = (build.decision_events(budget.state, fixed(), ref, approved=True, decision=KV) for _ in range(2))
    assert first == second and [e.id for e in first] == ["id-1", "id-2"]
    assert {(e.recorded_at, e.author) for e in first} == {(AT, "virkailija")}


def test_a_command_stores_what_its_builder_makes_stamped_when_written(budget):
    made = build.amendment(build.Origin("testi", lambda: AT, lambda: "oma-avain"), 2025,
                           [Line("JL", "MENOT", -5_00)], effective=D(2025, 6, 1), decision=KV_MUUTOS, note="n")
    stored = budget.amend(2025, [Line("JL", "MENOT", -5_00)], effective=D(2025, 6, 1), decision=KV_MUUTOS, note="n",
                          key="oma-avain").event
    assert stored.recorded_at != AT, "stamped by the ledger's clock when written"
    assert stored == msgspec.structs.replace(made, recorded_at=stored.recorded_at)


def test_a_decision_enacts_the_proposal_within_its_year(budget):
    change = budget.amendment(2025, [Line("JL", "MENOT", -250_00)], effective=D(2025, 6, 1), decision=None)
    seq = budget.propose(change, to_body="valtuusto", decision=KH).seq
    late = KV.__class__(body="valtuusto", date=D(2026, 2, 16), section="9")
    enacted, decided = build.decision_events(budget.state, fixed(), f"#{seq}", approved=True, decision=late)
    assert isinstance(enacted, TaAmended) and enacted.effective == D(2025, 12, 31) and enacted.year == 2025
    assert isinstance(decided, ProposalDecided) and decided.enacted == enacted.id and decided.approved
    [rejected] = build.decision_events(budget.state, fixed(), f"#{seq}", approved=False, decision=KV)
    assert isinstance(rejected, ProposalDecided) and not rejected.approved and rejected.effective == D(2025, 6, 1)
    with pytest.raises(Rejected) as refused:
        build.decision_events(budget.state, fixed(), "#1", approved=True, decision=KV)
    assert (refused.value.field, refused.value.code) == ("proposal", "proposal.unknown")


def test_a_reversal_is_effective_when_its_entry_was(budget):
    target = budget.records([9])[9].event
    reversal = build.reversal(fixed(), target, reason="väärä")
    assert isinstance(reversal, EntryReversed)
    assert (reversal.target, reversal.effective, reversal.reason) == (target.id, target.effective, "väärä")


@pytest.mark.parametrize("ref, code", [("#0", "event.out_of_range"), ("#99", "event.out_of_range"),
                                       ("ei-tällaista", "event.unknown"), ("abc", "event.unknown")])
def test_a_reference_to_no_event_is_refused(budget, ref, code):
    with pytest.raises(Rejected) as refused:
        build.resolve_ref(budget.state, ref)
    assert (refused.value.field, refused.value.value, refused.value.code) == ("event", ref, code)


def test_a_reference_is_a_seq_an_id_or_a_start_of_one_that_is_unique(budget):
    seq = budget.amend(2025, [Line("JL", "MENOT", -5_00)], effective=D(2025, 6, 1), decision=KV_MUUTOS, key="ainoa-avain").seq
    for ref in (f"#{seq}", "ainoa-avain", " ainoa-avain ", "ainoa-"):
        assert build.resolve_ref(budget.state, ref) == seq
    assert build.resolve_ref(budget.state, "tapahtuma-003") == 3
    with pytest.raises(Rejected) as refused:
        build.resolve_ref(budget.state, "tapahtuma-00")
    assert (refused.value.code, refused.value.params) == ("event.ambiguous", {"count": 9})
    with pytest.raises(Rejected) as refused:
        build.resolve_ref(budget.state, "ainoa")
    assert refused.value.code == "event.unknown", "fewer than six characters name no event"


@given(cents=st.integers(min_value=1, max_value=10**14),
       account=st.sampled_from(sorted(a for a in accounts.ACCOUNTS if a in accounts.PARENT or a in ("MENOT", "TULOT"))))
def test_a_move_is_stored_negative_on_the_menot_side_and_positive_on_the_tulot_side(cents, account):
    """The expense (kulu) side: every account under MENOT, and the other parts' expenses and outflows."""
    moved = build.reallocation(fixed(), 2025, [("A", account, "B", account, cents)], effective=D(2025, 1, 1),
                               decision=KV)
    expense = accounts.side_of(account) == "kulu"
    assert expense == (accounts.root_of(account) == accounts.MENOT) or accounts.part_of(account) != "käyttötalous"
    assert isinstance(moved, Reallocated)
    assert moved.moves[0].amount == (-cents if expense else cents)


@given(cents=st.integers(max_value=0))
def test_a_move_of_nothing_or_less_is_refused_naming_the_move(cents):
    with pytest.raises(Rejected) as refused:
        build.reallocation(fixed(), 2025, [("A", "MENOT", "B", "MENOT", 1), ("A", "MENOT", "B", "MENOT", cents)],
                           effective=D(2025, 1, 1), decision=KV)
    assert (refused.value.field, refused.value.value, refused.value.code) == ("moves[2].amount", cents,
                                                                            "amount.move_not_positive")


@given(key=st.text(max_size=120))
def test_a_key_is_the_events_id_only_if_usable(key):
    try:
        made = build.amendment(fixed(), 2025, [Line("A", "MENOT", -1)], effective=D(2025, 1, 1), decision=KV_MUUTOS, key=key)
    except Rejected as refused:
        assert (refused.field, refused.code) == ("key", "key.invalid") and not build.KEY.fullmatch(key)
    else:
        assert made.id == key and build.KEY.fullmatch(key)


@pytest.mark.parametrize("today, effective", [(D(2024, 6, 1), D(2025, 1, 1)), (D(2025, 6, 1), D(2025, 6, 1)),
                                              (D(2026, 6, 1), D(2025, 12, 31))])
def test_a_tpe_without_a_date_is_today_kept_inside_its_year(today, effective):
    origin = build.Origin("t", lambda: dt.datetime.combine(today, dt.time(), dt.timezone.utc), lambda: "x")
    made = build.recording(origin, "tpe", 2025, [Line("A", "MENOT", -1)])
    assert isinstance(made, TpeRecorded) and made.effective == effective


def test_an_unknown_record_kind_and_a_toteuma_without_a_period_are_refused():
    with pytest.raises(Rejected) as refused:
        build.recording(fixed(), "ennuste", 2025, [])
    assert (refused.value.field, refused.value.code) == ("kind", "choice.unknown")
    with pytest.raises(Rejected) as refused:
        build.recording(fixed(), "toteuma", 2025, [])
    assert (refused.value.field, refused.value.code) == ("period", "period.required")


def test_a_service_moves_from_the_parent_the_state_has_and_an_unknown_unit_is_refused(budget):
    moved = build.service_transfer(budget.state, fixed(), "JL", "ET", effective=D(2025, 7, 1), decision=KV)
    assert (moved.from_parent, moved.to_parent, moved.from_year) == ("HP-YH", "ET", 2025)
    with pytest.raises(Rejected) as refused:
        build.service_transfer(LedgerState(), fixed(), "JL", "ET", effective=D(2025, 7, 1), decision=KV)
    assert (refused.value.field, refused.value.code) == ("unit", "unit.unknown")
