"""The audit committee's view (ledger.audit.committee): the toteutumisvertailu at the binding level marks
what `kirjuri verify` reports as overruns, and the decisions read as the minutes, meeting by meeting."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import KH, KV, small_city

from events.model import Decision, Line
from ledger.audit import authority
from ledger.app import Kirjuri
from ledger.audit.committee import change_parts, event_node, meetings, toteutumisvertailu
from ledger.domain.money import NBSP, parse_amount
from ledger.fold.projections import Point

ROOT = Path(__file__).parents[1]
KEMIJARVI_RULES = authority.load(ROOT / "examples" / "kemijarvi-rules.toml")


KV_2025 = Decision(body="valtuusto", date=dt.date(2025, 1, 1), section="5")


@pytest.fixture
def ledger_city(sqlite_target, clock) -> Kirjuri:
    app = small_city(Kirjuri(sqlite_target, create=True, author="testi", clock=clock))
    app.adopt(2025, [Line("JL", "MENOT", -100_000_00), Line("KP", "MENOT", -50_000_00),
                     Line("TY", "MENOT", -300_000_00)], decision=KV)
    yield app
    app.close()


def _plain(lines: list[str]) -> list[str]:
    """Amounts keep their thousands together with a no-break space; compared as typed."""
    return [line.replace(NBSP, " ") for line in lines]


def _label(item) -> str:
    """The kind as the caller names it (the UI gives its language's label)."""
    return item.kind + (f" {item.year}" if item.year is not None else "")


def _overruns_verify_reports(ledger: Kirjuri, rules: authority.Rules) -> set[tuple[int, str, str]]:
    report = ledger.verify(rules_of=rules)
    [check] = [c for c in report.checks if c.name == "overruns"]
    # an overrun finding keeps its year, unit and column as params, whatever language says it;
    # a forecast's (TPE) is a finding of its own; a KS planned past its budget is no overrun of the table's
    found = [f for f in check.findings if f.code != "authority.ks_over"]
    assert {f.code for f in found} <= {"authority.overrun", "authority.forecast_overrun"}
    assert all((f.code == "authority.forecast_overrun") == (f.params["column"] == "TPE") for f in found)
    return {(f.params["year"], f.params["unit"], f.params["column"]) for f in found}


def _overruns_marked(ledger: Kirjuri, rules: authority.Rules) -> set[tuple[int, str, str]]:
    return {(year, row.code, column) for year in ledger.state.years()
            for row in toteutumisvertailu(ledger.state, rules, year).rows for column in row.overruns}


# --- toteutumisvertailu ---------------------------------------------------------------------------------


def test_the_kemi_toteutumisvertailu_marks_the_seven_overruns_verify_reports(kemi):
    reported = _overruns_verify_reports(kemi, authority.DEFAULT)
    assert len(reported) == 7
    assert _overruns_marked(kemi, authority.DEFAULT) == reported
    table = toteutumisvertailu(kemi.state, authority.DEFAULT, 2023)
    assert {row.code for row in table.overrun_rows} == {
        "64130000", "64140000", "64220000", "64230000", "64320000", "64330000", "64520000"}
    assert table.columns == ("TOTEUMA",) and table.forecasts and table.level == "vastuualue" and len(table.rows) == 17


def test_a_kemi_row_has_its_budget_its_forecast_the_difference_and_the_percent(kemi):
    """Kemi 2023 has no TP yet: the toteutuma is the toteuma of 1-6/2023, and the TP-ennuste a column of its own."""
    table = toteutumisvertailu(kemi.state, authority.DEFAULT, 2023)
    talous = table.row("64130000")
    assert (talous.name, talous.line, talous.level) == ("TALOUSPALVELUT", "NETTOMENO", "vastuualue")
    assert (talous.ta, talous.muutos, talous.ta_muutos) == (-59_228_700, None, -59_228_700)
    assert (talous.actual_column, talous.actual, talous.tpe) == ("TOTEUMA", -34_299_600, -63_700_000)
    assert talous.poikkeama == parse_amount("249 291") and talous.percent == 579
    # the toteuma so far is within TA+muutos; the forecast overruns it
    assert talous.overruns == ("TPE",)
    # a TA-muutos of KV 30.6.2023 is in TA-muutokset and TA+muutos; its TPE stays within it
    hallinto = table.row("64110000")
    assert (hallinto.ta, hallinto.muutos, hallinto.ta_muutos) == (-247_647_200, -4_400_000, -252_047_200)
    assert hallinto.poikkeama == 118_719_400 and hallinto.tpe == -250_000_000 and not hallinto.overrun
    # an income a forecast falls short of is an overrun too (MAANKÄYTTÖ: TA 801 022 after its TA-muutos)
    maankaytto = table.row("64230000")
    assert maankaytto.ta_muutos == 80_102_200 and maankaytto.tpe == 37_600_000 and maankaytto.overruns == ("TPE",)
    # while its toteuma so far, 757 696 of it, is no overrun of a net income it has yet to reach
    assert maankaytto.actual == 75_769_600 and maankaytto.poikkeama == -4_332_600


def test_the_rows_follow_the_organisation_and_a_closed_year_reads_its_tp(kemi):
    table = toteutumisvertailu(kemi.state, authority.DEFAULT, 2022)
    assert table.columns == ("TP",) and not table.overrun_rows
    codes = [row.code for row in table.rows]
    assert codes == sorted(codes)  # Kemi's codes number the organisation in its order
    # no TA recorded for 2022: no budget, so nothing to compare and no overrun
    assert all(row.ta_muutos is None and row.poikkeama is None and row.percent is None for row in table.rows)


def test_the_tolerance_and_the_point_come_from_the_caller(kemi):
    generous = dataclasses.replace(authority.DEFAULT, tolerance=parse_amount("50 000"))
    assert _overruns_marked(kemi, generous) == _overruns_verify_reports(kemi, generous)
    assert {code for _y, code, _c in _overruns_marked(kemi, generous)} == {
        "64220000", "64230000", "64320000", "64330000", "64520000"}
    # the day before the half-year forecast took effect there is nothing to overrun
    before = toteutumisvertailu(kemi.state, authority.DEFAULT, 2023, Point(on=dt.date(2023, 6, 29)))
    assert not before.overrun_rows and {row.actual_column for row in before.rows} == {None}


def test_kemijarvi_under_its_rules_has_no_overrun_and_a_gross_unit_binds_at_menot(kemijarvi):
    assert _overruns_marked(kemijarvi, KEMIJARVI_RULES) == set() == _overruns_verify_reports(kemijarvi, KEMIJARVI_RULES)
    table = toteutumisvertailu(kemijarvi.state, KEMIJARVI_RULES, 2023)
    # Hallintopalvelut binds as a whole: its units sit directly under the toimiala, no vastuualue between
    assert [row.code for row in table.rows] == ["ASUMINEN", "KAUPMARK", "TYOLLISYYS", "HALL"]
    # 2026's binding units after the reorganisation, with their TA and no toteuma yet
    assert [(row.code, row.actual_column) for row in toteutumisvertailu(kemijarvi.state, KEMIJARVI_RULES, 2026).rows] \
        == [("ELTY", None), ("HALLVA", None), ("VIESTINTA", None)]
    # Elinvoima's 2023 has its TPE, but no TP nor toteuma: nothing is a toteutuma yet; Hallintopalvelut's book
    # (KS 2025) prints its TP 2023
    assert all(row.actual_column is None and row.tpe is not None and row.line == "NETTOMENO" for row in table.rows[:3])
    assert table.row("HALL").actual_column == "TP"
    gross = dataclasses.replace(KEMIJARVI_RULES, gross=("ASUMINEN",))
    asuminen = toteutumisvertailu(kemijarvi.state, gross, 2023).row("ASUMINEN")
    assert asuminen.line == "MENOT" and asuminen.ta_muutos is not None
    assert asuminen.ta_muutos != table.row("ASUMINEN").ta_muutos


# --- meetings ---------------------------------------------------------------------------------------------


def test_kemijarvi_meetings_newest_first_with_the_reorganisation_of_kv_26_5_2025(kemijarvi):
    state = kemijarvi.state
    found = meetings(state, kemijarvi.records(range(1, state.seq + 1)))
    dates = [m.date for m in found]
    assert dates == sorted(dates, reverse=True)
    assert found[0].title == "KH 1.1.2026"
    kv = next(m for m in found if m.title == "KV 26.5.2025")
    [section] = kv.sections
    assert section.section == "50" and section.document == "organisaatiomuutos"
    assert kv.count == 37 and kv.cite(section) == "KV 26.5.2025 § 50"
    lines = _plain(kv.lines(_label))
    assert "KV 26.5.2025 § 50: unit_registered, KEV Konserni- ja elinvoimapalvelut (toimiala) → KEMIJARVI" in lines
    swedish = next(m for m in meetings(state, kemijarvi.records(range(1, state.seq + 1)), "sv") if m.title == kv.title)
    assert "KV 26.5.2025 § 50: unit_registered, KEV Konserni- ja elinvoimapalvelut (sektor) → KEMIJARVI" in _plain(
        swedish.lines(_label))
    assert sum(line.startswith("KV 26.5.2025 § 50: service_transferred, ") for line in lines) == 31
    assert any(re.match(r"KV 26\.5\.2025 § 50: service_transferred, JOUKKOLIIKENNE: \S+ → \S+ \(2026–\)$", line)
               for line in lines)
    # a TA of 56 lines names its first three and counts the rest
    ta = next(m for m in found if m.title == "KV 31.12.2024")
    item = ta.sections[0].items[0]
    assert item.count == 56 and len(item.parts) == 3
    assert item.text("TA hyväksytty 2025").endswith("… (+53)")
    assert item.text("TA 2025", more=lambda n: f"and {n} more").endswith("and 53 more")


def test_meetings_group_by_body_and_day_and_order_the_sections(ledger_city):
    app = ledger_city
    kv = Decision(body="valtuusto", date=dt.date(2025, 3, 2), section="12")
    kv_5 = Decision(body="valtuusto", date=dt.date(2025, 3, 2), section="5")
    kh = Decision(body="hallitus", date=dt.date(2025, 3, 2), section="7")
    ltk = Decision(body="lautakunta", date=dt.date(2025, 3, 2), section="3", organ="Sivistyslautakunta")
    first = app.amend(2025, [Line("JL", "MENOT", -50_000_00)], effective=dt.date(2025, 3, 2), decision=kv)
    app.amend(2025, [Line("KP", "MENOT", -1_000_00), Line("TY", "TULOT", 2_000_00)], effective=dt.date(2025, 3, 2),
              decision=kv_5)
    app.reallocate(2025, [("JL", "MENOT", "KP", "MENOT", 10_000_00)], effective=dt.date(2025, 3, 2), decision=kh)
    app.record("ks", 2025, [Line("TY", "MENOT", -300_00)], decision=ltk)
    undo = app.reverse(f"#{first.seq}", reason="Väärä yksikkö")
    state = app.state
    stream = (record for seq, record in sorted(app.records(range(1, state.seq + 1)).items()))
    found = meetings(state, stream)
    assert [m.title for m in found] == ["KV 2.3.2025", "KH 2.3.2025", "Sivistyslautakunta 2.3.2025", "KV 9.12.2024"]
    council = found[0]
    assert [s.section for s in council.sections] == ["5", "12"]
    assert _plain(council.lines(_label)) == [
        "KV 2.3.2025 § 5: ta_amended 2025, KP Kehittämisprojektit MENOT -1 000; TY Työllisyyspalvelut TULOT 2 000",
        "KV 2.3.2025 § 12: ta_amended 2025, JL Joukkoliikenne MENOT -50 000",
    ]
    assert council.sections[1].items[0].reversed_by == undo.seq
    assert _plain(found[1].lines(_label)) == ["KH 2.3.2025 § 7: reallocated 2025, JL MENOT → KP MENOT 10 000"]
    assert _plain(found[2].lines(_label)) == [
        "Sivistyslautakunta 2.3.2025 § 3: ks_set 2025, TY Työllisyyspalvelut MENOT -300"]
    # the reversal carries no decision of its own, so no meeting lists it; a mapping works as well as a stream
    assert meetings(state, app.records(range(1, state.seq + 1))) == found
    assert change_parts(state, undo.event) == [f"#{first.seq}: Väärä yksikkö"]
    # in Swedish the accounts are the chart's Swedish names; codes, names and amounts stay as recorded
    swedish = meetings(state, app.records(range(1, state.seq + 1)), lang="sv")
    assert _plain(swedish[0].lines(_label))[0] == ("KV 2.3.2025 § 5: ta_amended 2025, KP Kehittämisprojektit Utgifter "
                                                   "-1 000; TY Työllisyyspalvelut Inkomster 2 000")
    assert _plain(swedish[1].lines(_label)) == ["KH 2.3.2025 § 7: reallocated 2025, JL Utgifter → KP Utgifter 10 000"]


def test_uncited_sections_come_last():
    from ledger.audit.committee import _section_key

    assert sorted(["–", "12", "5", "12a"], key=_section_key) == ["5", "12", "12a", "–"]


def test_an_event_is_seen_from_the_top_of_its_organisation(ledger_city):
    app = ledger_city
    amended = app.amend(2025, [Line("JL", "MENOT", -1_000_00)], effective=dt.date(2025, 3, 2), decision=KV_2025)
    undo = app.reverse(f"#{amended.seq}", reason="testi")
    state = app.state
    assert event_node(state, amended.event) == "KJ"
    assert event_node(state, undo.event, amended.event) == "KJ"
    registered = app.records([1])[1].event
    assert event_node(state, registered) == "KJ"
    renamed = app.rename_unit("JL", "Joukkoliikenne ja kuljetukset", effective=dt.date(2025, 3, 1),
                              decision=KV_2025)
    assert event_node(state, renamed.event) == "JL"


def test_an_esitys_and_its_approval_are_listed_at_the_meetings_that_decided_them(ledger_city):
    app = ledger_city
    change = app.amendment(2025, [Line("JL", "MENOT", -250_00)], effective=dt.date(2025, 3, 2), decision=None)
    proposed = app.propose(change, to_body="valtuusto", decision=KH, note="Kesätyöntekijät")
    approval = Decision(body="valtuusto", date=dt.date(2025, 3, 2), section="20")
    enacted, decided = app.decide(proposed.event.id, approved=True, decision=approval)
    found = meetings(app.state, app.records(range(1, app.state.seq + 1)))
    by_title = {m.title: _plain(m.lines(_label)) for m in found}
    assert by_title["KH 3.2.2025"] == ["KH 3.2.2025 § 12: change_proposed 2025, JL Joukkoliikenne MENOT -250"]
    assert sorted(by_title["KV 2.3.2025"]) == sorted([
        "KV 2.3.2025 § 20: ta_amended 2025, JL Joukkoliikenne MENOT -250",
        f"KV 2.3.2025 § 20: proposal_decided, #{proposed.seq} ✓",
    ])
    assert {item.seq for m in found for s in m.sections for item in s.items} >= {proposed.seq, enacted.seq, decided.seq}
