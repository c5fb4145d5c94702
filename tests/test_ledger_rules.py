"""Every command's bad inputs are rejected in one line naming the field and the value,
and a rejected command writes nothing. The happy paths once each, figures checked.

Runs on SQLite and PostgreSQL alike (the ``ledger`` fixture is parametrised).
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import KH, KV, KV_MUUTOS, small_city

from events.model import Decision, Line
from ledger.app import Kirjuri
from ledger.fold.projections import Point, figures
from ledger.domain.refusals import why
from ledger.domain.rules import Rejected

D = dt.date
ANY = object()  #: the value a rule reports for something missing (whatever it calls it)
LTK = Decision(body="lautakunta", date=D(2025, 1, 20), section="3", organ="Hallintolautakunta")


# --- helpers ------------------------------------------------------------------------------


def reject(app: Kirjuri, target, call, field: str, value: object) -> Rejected:
    """``call`` raises Rejected naming ``field`` and ``value`` in one line, and writes nothing."""
    head_seq = app.eventlog.head_seq()
    seq, head = app.state.seq, app.state.head
    with pytest.raises(Rejected) as info:
        call()
    message = str(info.value)
    if value is ANY:
        value = info.value.value
    assert message.startswith(f"{field}: {value!r} "), message
    assert field in message and repr(value) in message
    assert "\n" not in message
    assert info.value.field == field
    # nothing written: not in the store, not in this instance, not for a fresh reader
    assert app.eventlog.head_seq() == head_seq
    assert (app.state.seq, app.state.head) == (seq, head)
    fresh = Kirjuri(target, author="tarkastaja")
    try:
        assert fresh.eventlog.head_seq() == head_seq
        assert (fresh.state.seq, fresh.state.head) == (seq, head)
        assert fresh.state.fingerprint() == app.state.fingerprint()
    finally:
        fresh.close()
    return info.value


def fig(app: Kirjuri, node: str, account: str, column: str, year: int = 2025, point: Point = Point()) -> int | None:
    return figures(app.state, year, node, point).get(account, column)


@pytest.fixture
def city(ledger) -> Kirjuri:
    return small_city(ledger)


@pytest.fixture
def budget(city) -> Kirjuri:
    """small_city with a 2025 TA for JL and KP (MENOT side, detailed accounts)."""
    city.adopt(2025, [
        Line("JL", "Henkilöstökulut", -1_000_00),
        Line("JL", "Palvelujen ostot", -500_00),
        Line("KP", "Henkilöstökulut", -2_000_00),
        Line("KP", "Myyntituotot", 300_00),
    ], decision=KV)
    return city


AMEND_DAY = D(2025, 3, 1)


# --- units and accounts -------------------------------------------------------------------


def test_unknown_unit(city, target):
    reject(city, target, lambda: city.amend(2025, [Line("XX", "MENOT", -100)], effective=AMEND_DAY, decision=KV_MUUTOS),
           "lines[1].unit", "XX")


def test_unknown_unit_in_adopt_second_line(city, target):
    reject(city, target, lambda: city.adopt(2025, [Line("JL", "MENOT", -100), Line("NOPE", "MENOT", -100)], decision=KV),
           "lines[2].unit", "NOPE")


def test_closed_unit(city, target):
    city.close_unit("TP", effective=D(2025, 6, 30), decision=KV)
    reject(city, target, lambda: city.amend(2025, [Line("TP", "MENOT", -100)], effective=D(2025, 7, 1), decision=KV_MUUTOS),
           "lines[1].unit", "TP")
    # the day before it closed is still fine
    city.amend(2025, [Line("TP", "MENOT", -100)], effective=D(2025, 6, 29), decision=KV_MUUTOS)
    assert fig(city, "TP", "MENOT", "MUUTOS") == -100


def test_unit_not_yet_registered_on_the_effective_date(city, target):
    city.register_unit("UU", "Uusi yksikkö", "yksikkö", "HP-YH", effective=D(2025, 9, 1))
    reject(city, target, lambda: city.amend(2025, [Line("UU", "MENOT", -100)], effective=D(2025, 8, 31), decision=KV_MUUTOS),
           "lines[1].unit", "UU")


def test_account_not_in_chart(city, target):
    reject(city, target, lambda: city.amend(2025, [Line("JL", "Matkakulut", -100)], effective=AMEND_DAY, decision=KV_MUUTOS),
           "lines[1].account", "Matkakulut")


def test_derived_line_is_not_an_account(city, target):
    reject(city, target, lambda: city.adopt(2025, [Line("JL", "NETTOMENO", -100)], decision=KV),
           "lines[1].account", "NETTOMENO")


def test_same_cell_twice_in_one_entry(city, target):
    reject(city, target, lambda: city.adopt(2025, [Line("JL", "MENOT", -1), Line("JL", "MENOT", -2)], decision=KV),
           "lines[2].account", "MENOT")


def test_account_and_its_part_in_one_entry(city, target):
    reject(city, target,
           lambda: city.adopt(2025, [Line("JL", "MENOT", -1), Line("JL", "Henkilöstökulut", -2)], decision=KV),
           "lines[2].account", "Henkilöstökulut")


def test_empty_lines(city, target):
    reject(city, target, lambda: city.amend(2025, [], effective=AMEND_DAY, decision=KV_MUUTOS), "lines", [])


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("effective", [D(2026, 1, 1), D(2024, 12, 31), D(2030, 6, 1)])
def test_amend_effective_outside_fiscal_year(city, target, effective):
    reject(city, target, lambda: city.amend(2025, [Line("JL", "MENOT", -100)], effective=effective, decision=KV_MUUTOS),
           "effective", f"{effective.day}.{effective.month}.{effective.year}")


def test_adopt_effective_after_the_year(city, target):
    reject(city, target, lambda: city.adopt(2025, [Line("JL", "MENOT", -100)], decision=KV, effective=D(2026, 1, 2)),
           "effective", "2.1.2026")


def test_year_out_of_range(city, target):
    reject(city, target, lambda: city.amend(1980, [Line("JL", "MENOT", -100)], effective=D(1980, 3, 1), decision=KV_MUUTOS),
           "year", 1980)


# --- decisions --------------------------------------------------------------------------------


def _no_decision_commands(app: Kirjuri):
    return {
        "amend": lambda: app.amend(2025, [Line("JL", "MENOT", -100)], effective=AMEND_DAY, decision=None),
        "adopt": lambda: app.adopt(2025, [Line("JL", "MENOT", -100)], decision=None),
        "reallocate": lambda: app.reallocate(2025, [("JL", "Henkilöstökulut", "KP", "Henkilöstökulut", 100_00)],
                                             effective=AMEND_DAY, decision=None),
        "transfer": lambda: app.transfer("JL", "ET", effective=D(2025, 1, 1), decision=None),
        "ks": lambda: app.record("ks", 2025, [Line("JL", "MENOT", -100)], decision=None),
        "ts": lambda: app.record("ts", 2026, [Line("JL", "MENOT", -100)], effective=D(2025, 6, 1), decision=None),
        "close": lambda: app.close_unit("TP", effective=D(2025, 6, 30), decision=None),
    }


@pytest.mark.parametrize("command", ["amend", "adopt", "reallocate", "transfer", "ks", "ts", "close"])
def test_needs_a_decision(budget, target, command):
    exc = reject(budget, target, _no_decision_commands(budget)[command], "decision", ANY)
    assert exc.value in (None, "")


def test_decision_without_section(city, target):
    bad = Decision(body="valtuusto", date=D(2024, 12, 9), section="  ")
    reject(city, target, lambda: city.adopt(2025, [Line("JL", "MENOT", -100)], decision=bad),
           "decision.section", "  ")


def test_ta_adopted_twice_for_the_same_cell(budget, target):
    reject(budget, target, lambda: budget.adopt(2025, [Line("JL", "Henkilöstökulut", -5)], decision=KV),
           "lines[1].account", "Henkilöstökulut")
    assert fig(budget, "JL", "Henkilöstökulut", "TA") == -1_000_00


def test_ta_on_a_parent_account_of_an_adopted_cell(budget, target):
    reject(budget, target, lambda: budget.adopt(2025, [Line("JL", "MENOT", -5)], decision=KV),
           "lines[1].account", "MENOT")


def test_ta_again_after_the_first_was_reversed(city):
    first = city.adopt(2025, [Line("JL", "Henkilöstökulut", -5)], decision=KV)
    city.reverse(first.event.id, reason="väärä pöytäkirja")
    city.adopt(2025, [Line("JL", "Henkilöstökulut", -7)], decision=KV)
    assert fig(city, "JL", "Henkilöstökulut", "TA") == -7


@pytest.mark.parametrize("body", [KH, LTK])
def test_ta_adopted_by_a_body_other_than_valtuusto(city, target, body):
    reject(city, target, lambda: city.adopt(2025, [Line("JL", "MENOT", -100)], decision=body),
           "decision.body", body.body)


def test_ta_amended_by_hallitus(city, target):
    reject(city, target, lambda: city.amend(2025, [Line("JL", "MENOT", -100)], effective=AMEND_DAY, decision=KH),
           "decision.body", "hallitus")


def test_amend_by_zero(city, target):
    reject(city, target, lambda: city.amend(2025, [Line("JL", "MENOT", 0)], effective=AMEND_DAY, decision=KV_MUUTOS),
           "lines[1].amount", "0")


def test_note_longer_than_4000_characters(city, target):
    """A note of more than 4000 characters is refused (rules.check)."""
    note = "x" * 4001
    reject(city, target, lambda: city.amend(2025, [Line("JL", "MENOT", -100)], effective=AMEND_DAY, decision=KV_MUUTOS,
                                            note=note), "note", note[:20] + "…")


# --- reallocation -----------------------------------------------------------------------------


def test_reallocation_to_the_same_cell(budget, target):
    reject(budget, target, lambda: budget.reallocate(2025, [("JL", "Henkilöstökulut", "JL", "Henkilöstökulut", 100)],
                                                     effective=AMEND_DAY, decision=KV),
           "moves[1].to_unit", "JL")


def test_reallocation_menot_to_tulot(budget, target):
    reject(budget, target, lambda: budget.reallocate(2025, [("JL", "Henkilöstökulut", "KP", "Myyntituotot", 100)],
                                                     effective=AMEND_DAY, decision=KV),
           "moves[1].to_account", "Myyntituotot")


def test_reallocation_tulot_to_menot(budget, target):
    reject(budget, target, lambda: budget.reallocate(2025, [("KP", "Myyntituotot", "KP", "MENOT", 100)],
                                                     effective=AMEND_DAY, decision=KV),
           "moves[1].to_account", "MENOT")


@pytest.mark.parametrize("cents", [0, -100])
def test_reallocation_of_no_positive_amount(budget, target, cents):
    reject(budget, target, lambda: budget.reallocate(2025, [("JL", "Henkilöstökulut", "KP", "Henkilöstökulut", cents)],
                                                     effective=AMEND_DAY, decision=KV),
           "moves[1].amount", cents)


def test_reallocation_to_unknown_unit(budget, target):
    reject(budget, target, lambda: budget.reallocate(2025, [("JL", "Henkilöstökulut", "XX", "Henkilöstökulut", 100)],
                                                     effective=AMEND_DAY, decision=KV),
           "moves[1].to_unit", "XX")


def test_reallocation_below_toteuma(budget, target):
    budget.record("toteuma", 2025, [Line("JL", "Henkilöstökulut", -800_00)], period=(D(2025, 1, 1), D(2025, 6, 30)))
    # 300 € out of -1000 € leaves -700 €, below the -800 € already spent
    reject(budget, target, lambda: budget.reallocate(2025, [("JL", "Henkilöstökulut", "KP", "Henkilöstökulut", 300_00)],
                                                     effective=D(2025, 7, 1), decision=KV),
           "amount", "300")
    # 200 € leaves exactly the toteuma: allowed
    budget.reallocate(2025, [("JL", "Henkilöstökulut", "KP", "Henkilöstökulut", 200_00)],
                      effective=D(2025, 7, 1), decision=KV)
    assert fig(budget, "JL", "Henkilöstökulut", "TA+MUUTOS") == -800_00


def test_a_refusal_is_said_in_finnish_too_with_finnish_amounts_and_dates(budget, target):
    """The CLI prints the English why; the UI says the same refusal in Finnish."""
    budget.record("toteuma", 2025, [Line("JL", "Henkilöstökulut", -800_00)], period=(D(2025, 1, 1), D(2025, 6, 30)))
    short = reject(budget, target, lambda: budget.reallocate(2025, [("JL", "Henkilöstökulut", "KP", "Henkilöstökulut",
                                                                     300_00)], effective=D(2025, 7, 1), decision=KV),
                   "amount", "300")
    assert short.why == "would leave JL Henkilöstökulut at -700, below its toteuma -800"
    assert why(short, "fi") == ("jättäisi yksikön JL tilin Henkilöstökulut määrärahaksi -700 €, mikä alittaa sen "
                                "toteuman -800 €")
    overlap = reject(budget, target, lambda: budget.record("toteuma", 2025, [Line("JL", "Henkilöstökulut", -1)],
                                                           period=(D(2025, 6, 1), D(2025, 7, 31))),
                     "period_start", "1.6.2025")
    assert why(overlap, "fi") == "on päällekkäin jo kirjatun toteuman 1.1.2025–30.6.2025 kanssa (JL Henkilöstökulut)"
    late = reject(budget, target, lambda: budget.adopt(2025, [Line("TY", "MENOT", -1)], decision=KV,
                                                       effective=D(2026, 1, 2)), "effective", "2.1.2026")
    assert why(late, "fi") == "ei ole sallittu voimaantulopäivä (TA 2025: 1.1.2024–31.12.2025)"
    board = reject(budget, target, lambda: budget.amend(2025, [Line("JL", "MENOT", -1)], effective=AMEND_DAY,
                                                        decision=KH), "decision.body", "hallitus")
    assert why(board, "fi").startswith("ei voi hyväksyä eikä muuttaa talousarviota: vain valtuusto (KV) voi")


def test_reallocation_below_toteuma_recorded_on_a_sub_account(city, target):
    """The source's toteuma counts even when it was booked on a part of the account.

    TA is on JL MENOT (the binding level), toteuma on JL Henkilöstökulut (a part of
    MENOT): after moving 300 € away, JL MENOT would be -700 € against -800 € spent.
    """
    city.adopt(2025, [Line("JL", "MENOT", -1_000_00), Line("KP", "MENOT", -1_000_00)], decision=KV)
    city.record("toteuma", 2025, [Line("JL", "Henkilöstökulut", -800_00)], period=(D(2025, 1, 1), D(2025, 6, 30)))
    assert fig(city, "JL", "MENOT", "TOTEUMA") == -800_00
    reject(city, target, lambda: city.reallocate(2025, [("JL", "MENOT", "KP", "MENOT", 300_00)],
                                                 effective=D(2025, 7, 1), decision=KV),
           "amount", "300")


# --- toteuma and recorded columns ---------------------------------------------------------------


def test_toteuma_with_overlapping_periods(budget, target):
    budget.record("toteuma", 2025, [Line("JL", "Henkilöstökulut", -100_00)], period=(D(2025, 1, 1), D(2025, 6, 30)))
    reject(budget, target, lambda: budget.record("toteuma", 2025, [Line("JL", "Henkilöstökulut", -50_00)],
                                                 period=(D(2025, 6, 30), D(2025, 7, 31))),
           "period_start", "30.6.2025")


def test_toteuma_period_starting_before_the_year(budget, target):
    reject(budget, target, lambda: budget.record("toteuma", 2025, [Line("JL", "Henkilöstökulut", -1)],
                                                 period=(D(2024, 12, 1), D(2025, 1, 31))),
           "period_start", "1.12.2024")


def test_toteuma_period_ending_after_the_year(budget, target):
    reject(budget, target, lambda: budget.record("toteuma", 2025, [Line("JL", "Henkilöstökulut", -1)],
                                                 period=(D(2025, 12, 1), D(2026, 1, 31))),
           "period_end", "31.1.2026")


def test_toteuma_period_backwards(budget, target):
    reject(budget, target, lambda: budget.record("toteuma", 2025, [Line("JL", "Henkilöstökulut", -1)],
                                                 period=(D(2025, 3, 1), D(2025, 2, 1))),
           "period_start", "1.3.2025")


def test_toteuma_without_period(budget, target):
    reject(budget, target, lambda: budget.record("toteuma", 2025, [Line("JL", "Henkilöstökulut", -1)]),
           "period", None)


def test_unknown_record_kind(budget, target):
    reject(budget, target, lambda: budget.record("budjetti", 2025, [Line("JL", "MENOT", -1)]), "kind", "budjetti")


def test_ks_double_counting_account_and_its_part(city, target):
    city.record("ks", 2025, [Line("JL", "MENOT", -1_000_00)], decision=LTK)
    reject(city, target, lambda: city.record("ks", 2025, [Line("JL", "Henkilöstökulut", -600_00)], decision=LTK),
           "lines[1].account", "Henkilöstökulut")
    assert fig(city, "JL", "MENOT", "KS") == -1_000_00


def test_ks_double_counting_part_then_account(city, target):
    city.record("ks", 2025, [Line("JL", "Henkilöstökulut", -600_00)], decision=LTK)
    reject(city, target, lambda: city.record("ks", 2025, [Line("JL", "MENOT", -1_000_00)], decision=LTK),
           "lines[1].account", "MENOT")


# --- organisation -------------------------------------------------------------------------------


def test_register_duplicate_code(city, target):
    reject(city, target, lambda: city.register_unit("HP", "Toinen", "toimiala", "KJ", effective=D(2025, 1, 1)),
           "code", "HP")


def test_register_under_same_level(city, target):
    reject(city, target, lambda: city.register_unit("T2", "Toimiala 2", "toimiala", "ET", effective=D(2025, 1, 1)),
           "parent", "ET")


def test_register_under_lower_level(city, target):
    reject(city, target, lambda: city.register_unit("T3", "Toimiala 3", "toimiala", "JL", effective=D(2025, 1, 1)),
           "parent", "JL")


def test_register_under_unknown_parent(city, target):
    reject(city, target, lambda: city.register_unit("T4", "Yksikkö", "yksikkö", "NOPE", effective=D(2025, 1, 1)),
           "parent", "NOPE")


def test_register_without_parent(city, target):
    reject(city, target, lambda: city.register_unit("T5", "Yksikkö", "yksikkö", None, effective=D(2025, 1, 1)),
           "parent", None)


def test_register_with_unknown_level(city, target):
    """A level outside kaupunki/toimiala/vastuualue/yksikkö is a rule failure, not a crash."""
    reject(city, target, lambda: city.register_unit("T6", "Outo", "osasto", "KJ", effective=D(2025, 1, 1)),
           "level", "osasto")


def test_rename_to_the_same_name(city, target):
    reject(city, target, lambda: city.rename_unit("JL", "Joukkoliikenne", effective=D(2025, 1, 1)),
           "name", "Joukkoliikenne")


def test_close_unit_with_open_units_below(city, target):
    reject(city, target, lambda: city.close_unit("HP-YH", effective=D(2025, 6, 30), decision=KV),
           "unit", "HP-YH")


def test_transfer_making_a_cycle(city, target):
    # HP-YH (vastuualue) under JL, one of its own units
    reject(city, target, lambda: city.transfer("HP-YH", "JL", effective=D(2025, 1, 1), decision=KV),
           "to_parent", "JL")
    # HP (toimiala) under HP-YH, its own vastuualue
    reject(city, target, lambda: city.transfer("HP", "HP-YH", effective=D(2025, 1, 1), decision=KV),
           "to_parent", "HP-YH")


def test_transfer_under_same_or_lower_level(city, target):
    reject(city, target, lambda: city.transfer("JL", "TY", effective=D(2025, 1, 1), decision=KV), "to_parent", "TY")
    reject(city, target, lambda: city.transfer("HP-YH", "TY", effective=D(2025, 1, 1), decision=KV), "to_parent", "TY")
    reject(city, target, lambda: city.transfer("HP", "ET", effective=D(2025, 1, 1), decision=KV), "to_parent", "ET")


def test_transfer_to_where_it_already_is(city, target):
    reject(city, target, lambda: city.transfer("JL", "HP-YH", effective=D(2025, 1, 1), decision=KV),
           "to_parent", "HP-YH")


def test_transfer_to_unknown_parent(city, target):
    reject(city, target, lambda: city.transfer("JL", "NOPE", effective=D(2025, 1, 1), decision=KV),
           "to_parent", "NOPE")


def test_transfer_of_unknown_unit(city, target):
    reject(city, target, lambda: city.transfer("NOPE", "ET", effective=D(2025, 1, 1), decision=KV),
           "unit", "NOPE")


def test_transfer_to_closed_parent(city, target):
    city.register_unit("ET-VA", "Elinkeinot", "vastuualue", "ET", effective=D(2024, 1, 1))
    city.close_unit("ET-VA", effective=D(2024, 12, 31), decision=KV)
    reject(city, target, lambda: city.transfer("JL", "ET-VA", effective=D(2025, 1, 1), decision=KV),
           "to_parent", "ET-VA")


# --- reversal -------------------------------------------------------------------------------------


def test_reverse_unknown_id(budget, target):
    reject(budget, target, lambda: budget.reverse("feedfacecafe", reason="virhe"), "event", "feedfacecafe")
    reject(budget, target, lambda: budget.reverse("#999", reason="virhe"), "event", "#999")


def test_reverse_twice(budget, target):
    amended = budget.amend(2025, [Line("JL", "MENOT", -100)], effective=AMEND_DAY, decision=KV_MUUTOS)
    budget.reverse(amended.event.id, reason="virhe")
    reject(budget, target, lambda: budget.reverse(amended.event.id, reason="virhe"), "target", amended.event.id)


def test_reverse_a_reversal(budget, target):
    amended = budget.amend(2025, [Line("JL", "MENOT", -100)], effective=AMEND_DAY, decision=KV_MUUTOS)
    reversal = budget.reverse(amended.event.id, reason="virhe")
    reject(budget, target, lambda: budget.reverse(reversal.event.id, reason="virhe"), "target", reversal.event.id)


def test_reverse_without_reason(budget, target):
    amended = budget.amend(2025, [Line("JL", "MENOT", -100)], effective=AMEND_DAY, decision=KV_MUUTOS)
    reject(budget, target, lambda: budget.reverse(amended.event.id, reason=" "), "reason", " ")


def test_reverse_registration_of_unit_with_entries(budget, target):
    jl = budget.records([budget.state.units["JL"].registered[1]])
    event_id = next(iter(jl.values())).event.id
    reject(budget, target, lambda: budget.reverse(event_id, reason="virhe"), "target", event_id)


def test_reverse_registration_of_unit_with_units_transferred_under_it(city, target):
    """A registration cannot be reversed while a unit sits under it, also one moved there later."""
    registered = city.register_unit("ET-VA", "Elinkeinot", "vastuualue", "ET", effective=D(2024, 1, 1))
    city.adopt(2025, [Line("KP", "MENOT", -1_000_00)], decision=KV)
    city.transfer("KP", "ET-VA", effective=D(2025, 1, 1), decision=KV)
    assert fig(city, "KJ", "MENOT", "TA") == -1_000_00
    reject(city, target, lambda: city.reverse(registered.event.id, reason="virhe"), "target", registered.event.id)
    assert fig(city, "KJ", "MENOT", "TA") == -1_000_00


# --- happy paths -------------------------------------------------------------------------------------


def _reopened(app: Kirjuri, target) -> Kirjuri:
    return Kirjuri(target, author="lukija")


def test_adopt_then_amend(city, target):
    city.adopt(2025, [Line("JL", "Henkilöstökulut", -1_000_00), Line("TY", "Tuet ja avustukset", 400_00)], decision=KV,
               effective=D(2024, 12, 9))
    city.amend(2025, [Line("JL", "Henkilöstökulut", -250_00)], effective=D(2025, 5, 26), decision=KV_MUUTOS)
    for node in ("JL", "HP-YH", "HP", "KJ"):
        assert fig(city, node, "Henkilöstökulut", "TA") == -1_000_00
        assert fig(city, node, "Henkilöstökulut", "MUUTOS") == -250_00
        assert fig(city, node, "Henkilöstökulut", "TA+MUUTOS") == -1_250_00
        assert fig(city, node, "MENOT", "TA+MUUTOS") == -1_250_00
    assert fig(city, "KJ", "TULOT", "TA") == 400_00
    assert fig(city, "KJ", "NETTOMENO", "TA") == -600_00
    assert fig(city, "KJ", "NETTOMENO", "TA+MUUTOS") == -850_00
    assert fig(city, "ET", "MENOT", "TA") is None
    # as of before the amendment's effective date: TA only
    assert fig(city, "KJ", "MENOT", "TA+MUUTOS", point=Point(on=D(2025, 5, 25))) == -1_000_00
    other = _reopened(city, target)
    try:
        assert figures(other.state, 2025, "KJ").amounts == figures(city.state, 2025, "KJ").amounts
    finally:
        other.close()


def test_reallocate(budget, target):
    budget.reallocate(2025, [("JL", "Henkilöstökulut", "TY", "Palvelujen ostot", 100_00)],
                      effective=D(2025, 4, 1), decision=KV_MUUTOS)  # across binding units: the valtuusto's
    # the source's (negative) budget shrinks, the target's grows
    assert fig(budget, "JL", "Henkilöstökulut", "TA+MUUTOS") == -900_00
    assert fig(budget, "TY", "Palvelujen ostot", "TA+MUUTOS") == -100_00
    assert fig(budget, "HP", "MENOT", "MUUTOS") == 100_00
    assert fig(budget, "ET", "MENOT", "MUUTOS") == -100_00
    assert fig(budget, "KJ", "MENOT", "MUUTOS") == 0
    assert fig(budget, "KJ", "MENOT", "TA+MUUTOS") == fig(budget, "KJ", "MENOT", "TA") == -3_500_00


def test_toteuma_periods_add_up(budget):
    budget.record("toteuma", 2025, [Line("JL", "Henkilöstökulut", -300_00)], period=(D(2025, 1, 1), D(2025, 3, 31)))
    budget.record("toteuma", 2025, [Line("JL", "Henkilöstökulut", -200_00)], period=(D(2025, 4, 1), D(2025, 6, 30)))
    assert fig(budget, "JL", "Henkilöstökulut", "TOTEUMA") == -500_00
    assert fig(budget, "KJ", "MENOT", "TOTEUMA") == -500_00
    assert fig(budget, "KJ", "MENOT", "TOTEUMA", point=Point(on=D(2025, 5, 1))) == -300_00
    assert figures(budget.state, 2025, "JL").percent("Henkilöstökulut") == 500  # 50,0 %


def test_ks_replaces_earlier_ks(city):
    city.record("ks", 2025, [Line("JL", "Henkilöstökulut", -600_00)], decision=LTK)
    city.record("ks", 2025, [Line("JL", "Henkilöstökulut", -650_00)], effective=D(2025, 6, 1), decision=LTK)
    assert fig(city, "JL", "Henkilöstökulut", "KS") == -650_00
    assert fig(city, "KJ", "MENOT", "KS") == -650_00
    assert fig(city, "JL", "Henkilöstökulut", "KS", point=Point(on=D(2025, 5, 31))) == -600_00


def test_transfer_moves_figures_to_the_new_parent(city):
    city.adopt(2024, [Line("JL", "MENOT", -100_00)], decision=KV)
    city.adopt(2025, [Line("JL", "MENOT", -200_00)], decision=KV, effective=D(2024, 12, 9))
    city.transfer("JL", "ET", effective=D(2025, 1, 1), decision=KV)
    assert fig(city, "ET", "MENOT", "TA") == -200_00
    assert fig(city, "HP", "MENOT", "TA") is None
    assert fig(city, "KJ", "MENOT", "TA") == -200_00
    # earlier years stay where they were published
    assert fig(city, "HP", "MENOT", "TA", year=2024) == -100_00
    assert fig(city, "ET", "MENOT", "TA", year=2024) is None
    # before the transfer was effective, JL was under HP
    assert fig(city, "HP", "MENOT", "TA", point=Point(on=D(2024, 12, 31))) == -200_00


def test_reverse_restores_figures(budget):
    before = figures(budget.state, 2025, "KJ").amounts
    amended = budget.amend(2025, [Line("JL", "Henkilöstökulut", -50_00)], effective=AMEND_DAY, decision=KV_MUUTOS)
    assert fig(budget, "KJ", "MENOT", "TA+MUUTOS") == -3_550_00
    reversal = budget.reverse(amended.event.id, reason="väärä summa")
    assert figures(budget.state, 2025, "KJ").amounts == before
    # as known just before the reversal, the amendment was there
    known = budget.state.recorded_at(reversal.seq - 1)
    assert fig(budget, "KJ", "MENOT", "TA+MUUTOS", point=Point(known_at=known)) == -3_550_00


def test_close_and_rename(city):
    city.rename_unit("JL", "Joukkoliikennepalvelut", effective=D(2025, 1, 1))
    city.close_unit("TP", effective=D(2025, 6, 30), decision=KV)
    assert city.state.name("JL") == "Joukkoliikennepalvelut"
    assert city.state.name("JL", D(2024, 12, 31).toordinal()) == "Joukkoliikenne"
    assert city.state.closed_on("TP", city.state.seq) == D(2025, 6, 30).toordinal()
