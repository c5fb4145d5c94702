"""A decision is not dated after the day its change is recorded, nor before its year's TA could be adopted
(``ledger.domain.rules.decision_dated``): refused at write time for every kind that carries a decision,
from the API and the CLI, on SQLite and PostgreSQL; an export written before the rule still restores,
and ``verify`` names what breaks it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import small_city
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli.app import app as cli_app
from events.codec import seal
from events.model import Decision, Line, TaAmended, TpRecorded
from ledger.app import Kirjuri
from ledger.domain import rules
from ledger.domain.money import format_date
from ledger.domain.refusals import why
from ledger.domain.rules import Rejected
from ledger.store.log import Target

D = dt.date
EXAMPLE = Path(__file__).parent / "data" / "kemijarvi-small.json"
runner = CliRunner()
TA_2026 = Decision(body="valtuusto", date=D(2025, 11, 24), section="90")


def kv(day: dt.date) -> Decision:
    return Decision(body="valtuusto", date=day, section="7")


def refused(app: Kirjuri, call) -> Rejected:
    """``call`` is refused naming decision.date in one line, and nothing is written."""
    seq, head = app.state.seq, app.state.head
    with pytest.raises(Rejected) as info:
        call()
    assert info.value.field == "decision.date" and "\n" not in str(info.value)
    assert (app.state.seq, app.state.head, app.eventlog.head_seq()) == (seq, head, seq)
    return info.value


@pytest.fixture
def city(ledger, clock) -> Kirjuri:
    small_city(ledger)
    ledger.adopt(2026, [Line("JL", "MENOT", -1_000_00)], decision=TA_2026)
    return ledger


def _today(clock) -> dt.date:
    """The day the next event is recorded, in Finnish time (the test clock ticks a second per reading)."""
    return rules.recorded_day(TaAmended(id="x", effective=D(2026, 1, 1), recorded_at=clock.now, author="t",
                                        year=2026, lines=()))


# --- the API, each kind that carries a decision --------------------------------------------------------------


def test_a_ta_muutos_decided_after_the_day_it_is_recorded_is_refused(city, clock):
    later = _today(clock) + dt.timedelta(days=1)
    error = refused(city, lambda: city.amend(2026, [Line("JL", "MENOT", -1_00)], effective=D(2026, 3, 1),
                                             decision=kv(later)))
    assert error.code == "decision.after_recorded" and error.value == format_date(later)
    assert str(error) == (f"decision.date: {format_date(later)!r} is after the day the change is recorded "
                          f"({format_date(_today(clock))}): a decision is entered once it is made")
    assert why(error, "fi").startswith(f"on kirjauspäivän ({format_date(_today(clock))}) jälkeen")


@pytest.mark.parametrize("kind, year, extra", [
    ("tp", 2025, {}),
    ("tpe", 2026, {"effective": D(2026, 6, 30)}),
    ("toteuma", 2026, {"period": (D(2026, 1, 1), D(2026, 3, 31))}),
    ("ks", 2026, {}),
])
def test_tp_tpe_toteuma_and_ks_decisions_are_checked_like_the_rest(city, clock, kind, year, extra):
    for day, code in ((D(2099, 1, 1), "decision.after_recorded"), (D(1900, 1, 1), "decision.before_year")):
        error = refused(city, lambda: city.record(kind, year, [Line("JL", "MENOT", -1_00)], decision=kv(day),
                                                  **extra))
        assert error.code == code and error.value == format_date(day)
    assert city.record(kind, year, [Line("JL", "MENOT", -1_00)], decision=kv(D(year - 1, 1, 1)), **extra)


def test_a_decision_before_the_year_before_is_refused_naming_the_earliest_day(city):
    error = refused(city, lambda: city.amend(2026, [Line("JL", "MENOT", -1_00)], effective=D(2026, 3, 1),
                                             decision=kv(D(2024, 12, 31))))
    assert (error.code, error.params) == ("decision.before_year", {"year": 2026, "earliest": D(2025, 1, 1)})
    assert "earliest 1.1.2025" in str(error) and "aikaisintaan 1.1.2025" in why(error, "fi")


def test_a_ts_decision_may_be_as_old_as_its_window(city):
    """A TS adopted with the TA of 2022 already plans 2026: its window reaches five years back."""
    assert city.record("ts", 2026, [Line("JL", "MENOT", -1_00)], effective=D(2022, 1, 1), decision=kv(D(2021, 1, 1)))
    error = refused(city, lambda: city.record("ts", 2027, [Line("JL", "MENOT", -1_00)], effective=D(2022, 1, 1),
                                              decision=kv(D(2021, 12, 31))))
    assert error.params["earliest"] == D(2022, 1, 1)


def test_an_event_of_no_year_is_bounded_by_the_ledgers_first_year(city):
    error = refused(city, lambda: city.rename_unit("JL", "Joukkoliikenne", effective=D(2026, 1, 1),
                                                   decision=kv(D(1900, 1, 1))))
    assert (error.code, error.params) == ("decision.before_ledger", {"earliest": D(rules.FIRST_YEAR - 1, 1, 1)})


def test_the_recorded_day_is_finnish(sqlite_target):
    """At 00:30 in Helsinki on 2.12. it is still 1.12. in UTC: a decision of 2.12. is recorded on its day."""
    at = dt.datetime(2026, 12, 1, 22, 30, tzinfo=dt.timezone.utc)
    app = Kirjuri(sqlite_target, create=True, author="testi", clock=lambda: at)
    try:
        small_city(app)
        app.adopt(2026, [Line("JL", "MENOT", -1_000_00)], decision=TA_2026)
        assert app.amend(2026, [Line("JL", "MENOT", -1_00)], effective=D(2026, 3, 1), decision=kv(D(2026, 12, 2)))
        refused(app, lambda: app.amend(2026, [Line("JL", "MENOT", -1_00)], effective=D(2026, 3, 1),
                                       decision=kv(D(2026, 12, 3))))
    finally:
        app.close()


# --- the property ------------------------------------------------------------------------------------------


_RECORDED = st.datetimes(min_value=dt.datetime(1995, 1, 1), max_value=dt.datetime(2099, 12, 31),
                         timezones=st.just(dt.timezone.utc))
_KINDS = st.sampled_from([TaAmended, TpRecorded])


def _event(kind, year: int, at: dt.datetime, day: dt.date):
    effective = D(year, 12, 31) if kind is TpRecorded else D(year, 6, 1)
    return kind(id="e", effective=effective, recorded_at=at, author="t", decision=kv(day), year=year, lines=())


@settings(max_examples=300, deadline=None)
@given(kind=_KINDS, year=st.integers(rules.FIRST_YEAR, rules.LAST_YEAR), at=_RECORDED,
       after=st.integers(1, 40_000))
def test_any_decision_dated_after_its_recording_is_refused(kind, year, at, after):
    event = _event(kind, year, at, rules.recorded_day(_event(kind, year, at, D(2000, 1, 1))) + dt.timedelta(days=after))
    with pytest.raises(Rejected) as info:
        rules.decision_dated(event)
    assert info.value.code == "decision.after_recorded"


@settings(max_examples=300, deadline=None)
@given(kind=_KINDS, year=st.integers(rules.FIRST_YEAR, rules.LAST_YEAR), at=_RECORDED, data=st.data())
def test_any_decision_within_the_bounds_is_accepted(kind, year, at, data):
    probe = _event(kind, year, at, D(2000, 1, 1))
    first, last = rules.earliest_decision(probe), rules.recorded_day(probe)
    day = data.draw(st.dates(min_value=first, max_value=max(first, last)))
    event = _event(kind, year, at, day)
    if first <= last:
        rules.decision_dated(event)
    else:  # recorded before its year's TA could be adopted: no day is within the bounds
        with pytest.raises(Rejected):
            rules.decision_dated(event)


# --- the command line -----------------------------------------------------------------------------------------


def kirjuri(db: str, *args: str):
    return runner.invoke(cli_app, ["--db", db, "--author", "testi", *args])


@pytest.fixture
def db(target) -> str:
    where = str(target.sqlite_path or target.postgres_url)
    assert kirjuri(where, "restore", str(EXAMPLE)).exit_code == 0
    return where


@pytest.mark.parametrize("args, value", [
    (["amend", "2026", "JOUKKO:MENOT=-1", "--effective", "15.6.2026"], "after"),
    (["amend", "2026", "JOUKKO:MENOT=-1", "--effective", "15.6.2026"], "1.1.1900"),
    (["record", "tp", "2025", "JOUKKO:MENOT=-1"], "after"),
    (["record", "tpe", "2026", "JOUKKO:MENOT=-1", "--effective", "30.6.2026"], "1.1.1900"),
    (["record", "toteuma", "2026", "JOUKKO:MENOT=-1", "--period", "1.1.2026-31.3.2026"], "after"),
])
def test_the_cli_refuses_a_decision_out_of_its_dates_in_one_line(db, args, value):
    """'after' is two days after today (the CLI records on the real clock), as a clerk mistypes a year."""
    if value == "after":
        later = dt.datetime.now(rules.FINNISH_TIME).date() + dt.timedelta(days=2)
        value = format_date(later)
    before = kirjuri(db, "head").stdout
    result = kirjuri(db, *args, "--decision", f"KV {value} § 5")
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"kirjuri: päätös, päivämäärä: {value!r} ") and result.stderr.count("\n") == 1
    assert kirjuri(db, "head").stdout == before


# --- history written before the rule ----------------------------------------------------------------------


def test_an_export_written_before_the_rule_restores_opens_and_verify_names_it(city, clock, tmp_path):
    """Restore keeps what an older version stored; the rules check of verify reports it, nothing refuses to open."""
    older = TaAmended(id="vanha", effective=D(2026, 3, 1), recorded_at=clock(), author="testi",
                      decision=kv(D(2099, 1, 1)), year=2026, lines=(Line("JL", "MENOT", -1_00),))
    city.submit_recorded([seal(older, city.state.seq + 1, city.state.head)[0]])
    source = str(city.target.sqlite_path or city.target.postgres_url)
    exported = tmp_path / "vanha.json"
    assert kirjuri(source, "export", "--output", str(exported)).exit_code == 0
    fresh = Target(sqlite_path=tmp_path / "restored.sqlite")
    restored = kirjuri(str(fresh.sqlite_path), "restore", str(exported))
    assert restored.exit_code == 0, restored.output
    again = Kirjuri(fresh)
    try:
        assert again.state.head == city.state.head
        report = {c.name: c for c in again.verify().checks}
        assert report["chain"].passed
        [finding] = report["rules"].findings
        assert finding.event_id == "vanha" and finding.params["refusal"][0] == "decision.after_recorded"
    finally:
        again.close()
