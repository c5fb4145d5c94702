"""The toteutumisvertailu is defined once (ledger.fold.vertailu): `kirjuri report toteutumisvertailu`,
the committee's view and `kirjuri verify`'s overrun check show the same cells for every binding unit
and year, on both bundled examples and on generated histories; and the toteutuma is each unit's TP
once its year is closed, else its toteuma so far, summed over the units (never one rule for a whole
report, never the forecast)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from test_ledger_invariants import SETTINGS, commands, fresh_ledger, run

from events import accounts
from events.model import Line
from ledger.app import Kirjuri
from ledger.audit import authority
from ledger.audit.committee import VertailuRow, toteutumisvertailu
from ledger.fold.projections import Point
from ledger.fold.state import LedgerState
from ledger.fold.vertailu import vertailu
from ledger.reports import tables as rp

ROOT = Path(__file__).parents[1]
KEMIJARVI_RULES = authority.load(ROOT / "examples" / "kemijarvi-rules.toml")
#: a toteutumisvertailu line's cells in the books' order, as the committee's row holds them
CELLS = ("ta", "muutos", "ta_muutos", "actual", "poikkeama", "percent", "tpe")
#: the roots a binding line sums
ROOTS = {"NETTOMENO": (accounts.MENOT, accounts.TULOT), "MENOT": (accounts.MENOT,)}


def report_cells(state: LedgerState, unit: str, year: int, line: str, point: Point) -> tuple:
    """The binding unit's total on its line, as `kirjuri report toteutumisvertailu UNIT` prints it."""
    report = rp.toteutumisvertailu(state, unit, year, point)
    [total] = [row for row in report.rows if row.kind == "total" and row.code == unit and row.label == line][-1:]
    return total.cells


def committee_cells(row: VertailuRow) -> tuple:
    return tuple(getattr(row, name) for name in CELLS)


def verify_findings(ledger: Kirjuri, rules: authority.Rules) -> dict[tuple[int, str], dict[str, tuple[int, int]]]:
    """verify's overrun findings by (year, unit): column -> (the figure, TA+muutos)."""
    [check] = [c for c in ledger.verify(rules_of=rules).checks if c.name == "overruns"]
    found: dict[tuple[int, str], dict[str, tuple[int, int]]] = {}
    for f in check.findings:
        if f.code not in ("authority.overrun", "authority.forecast_overrun"):
            continue  # a KS planned past its budget is a finding of its own, not a vertailu cell
        p = f.params
        found.setdefault((p["year"], p["unit"]), {})[p["column"]] = (p["actual"], p["budget"])
    return found


def assert_three_views_agree(ledger: Kirjuri, rules: authority.Rules, points: tuple[Point, ...] = (Point(),)) -> int:
    """Every binding unit and year: the report's cells are the committee's, and verify finds just what the
    committee marks, with the same figures. Returns how many (year, unit) rows were compared."""
    state, compared = ledger.state, 0
    findings = verify_findings(ledger, rules)
    for point in dict.fromkeys(points):  # Point(on=None) is Point(): each point once
        for year in state.years():
            rows = {row.code: row for row in toteutumisvertailu(state, rules, year, point).rows}
            for unit in authority.binding_units(state, rules, year):
                line = rules.binding_line(unit)
                printed = report_cells(state, unit, year, line, point)
                row = rows.get(unit)
                if row is None:  # the committee leaves out a unit with nothing on its line: so blank in the report
                    assert printed == (None,) * len(CELLS), (year, unit)
                    continue
                compared += 1
                assert printed == committee_cells(row), (year, unit, point)
                if point != Point():
                    continue
                expected = {column: (row.tpe if column == "TPE" else row.actual, row.ta_muutos)
                            for column in row.overruns}
                assert findings.pop((year, unit), {}) == expected, (year, unit)
    assert not findings, f"verify found overruns at units the views do not show: {findings}"
    return compared


def test_the_three_views_agree_on_kemijarvi(kemijarvi):
    # 3 vastuualue in each of 4 years, and Hallintopalvelut (its units directly under it) in 2023-2025
    assert assert_three_views_agree(kemijarvi, KEMIJARVI_RULES) == 15
    # the gross-budgeted variant binds ASUMINEN at MENOT, and each level of the organisation binds in turn
    for rules in (dataclasses.replace(KEMIJARVI_RULES, gross=("ASUMINEN",)),
                  dataclasses.replace(KEMIJARVI_RULES, level="toimiala"),
                  dataclasses.replace(KEMIJARVI_RULES, level="yksikkö")):
        assert assert_three_views_agree(kemijarvi, rules) > 0


def test_the_three_views_agree_on_kemi_before_and_after_the_half_year(kemi):
    points = (Point(), Point(on=dt.date(2023, 6, 29)), Point(on=dt.date(2023, 6, 30)))
    assert assert_three_views_agree(kemi, authority.DEFAULT, points) == 17 * 2 * 3
    assert assert_three_views_agree(kemi, dataclasses.replace(authority.DEFAULT, level="toimiala")) > 0


def test_asuminen_2023_reads_the_same_in_every_view_and_its_tpe_is_no_toteutuma(kemijarvi):
    """Kemijärvi 2023: TA and TPE recorded, no TP and no toteuma. The report showed no toteutuma,
    the committee the TPE as one (poikkeama 274 710, 84,0 %); now both show none, and TPE on its own.
    TA+muutos is the appropriation book 001 states (-1 720 000), not its units' -1 720 010."""
    row = toteutumisvertailu(kemijarvi.state, KEMIJARVI_RULES, 2023).row("ASUMINEN")
    assert committee_cells(row) == (-1_720_010_00, None, -1_720_000_00, None, None, None, -1_445_300_00)
    assert row.actual_column is None and not row.overrun
    assert report_cells(kemijarvi.state, "ASUMINEN", 2023, "NETTOMENO", Point()) == committee_cells(row)
    assert ("ASUMINEN" not in {unit for _year, unit in verify_findings(kemijarvi, KEMIJARVI_RULES)})


def test_a_closed_units_tp_and_an_open_units_toteuma_both_count(ledger):
    """The rule once taken for the whole report: one unit's TP made another's toteuma vanish."""
    from conftest import KV, small_city

    small_city(ledger)
    ledger.adopt(2025, [Line("JL", "MENOT", -3_000_000_00), Line("TP", "MENOT", -1_000_000_00)], decision=KV)
    ledger.record("toteuma", 2025, [Line("JL", "MENOT", -2_500_000_00)],
                  period=(dt.date(2025, 1, 1), dt.date(2025, 9, 30)))
    ledger.confirm = frozenset({"authority.overrun"})  # HP-YH's toteutuma now overruns: the clerk confirms it
    ledger.record("tp", 2025, [Line("TP", "MENOT", -1_600_000_00)])
    whole = vertailu(ledger.state, 2025, "HP-YH").line("MENOT")
    assert (whole.toteutuma, whole.basis, whole.closed) == (-4_100_000_00, ("TP", "TOTEUMA"), False)
    assert vertailu(ledger.state, 2025, "JL").line("MENOT").basis == ("TOTEUMA",)
    assert vertailu(ledger.state, 2025, "TP").line("MENOT").closed
    # a TPE is a forecast: it never stands in for a toteutuma
    ledger.record("tpe", 2025, [Line("KP", "MENOT", -10_00)], effective=dt.date(2025, 10, 1))
    kp = vertailu(ledger.state, 2025, "KP").line("MENOT")
    assert (kp.toteutuma, kp.tpe, kp.basis) == (None, -10_00, ())
    row = toteutumisvertailu(ledger.state, authority.DEFAULT, 2025).row("HP-YH")
    assert (row.actual, row.actual_column, row.poikkeama) == (-4_100_000_00, "TP/TOTEUMA", -100_000_00)
    assert row.overruns == ("TP/TOTEUMA",)
    overruns = next(c for c in ledger.verify().checks if c.name == "overruns")
    [confirmed] = overruns.confirmed  # the overrun the TP made, confirmed when it was written: no finding
    code, params = confirmed.params["warning"]
    assert overruns.passed and confirmed.params["by"] == "testi"
    assert (code, params["column"], params["actual"]) == ("authority.overrun", "TP/TOTEUMA", -4_100_000_00)


# --- generated histories -------------------------------------------------------------------------------------

#: each level binds in turn, and a gross-budgeted unit binds at MENOT
RULES = (authority.DEFAULT, dataclasses.replace(authority.DEFAULT, level="toimiala"),
         dataclasses.replace(authority.DEFAULT, level="yksikkö", gross=("JL", "TP")),
         dataclasses.replace(authority.DEFAULT, level="kaupunki", tolerance=0))


def oracle(state: LedgerState, year: int, unit: str, line: str, on: int) -> tuple[int | None, int | None]:
    """(toteutuma, TPE) of the unit's subtree at its line, added up from each unit's own cells by the rule
    itself: a unit's TP if it has any for the year, else its toteuma."""
    actual = forecast = None
    for code in state.subtree(unit, year, on):
        own = state.own_figures(year, code, on)
        source = "TP" if any(column == "TP" for _a, column in own) else "TOTEUMA"
        for (account, column), value in own.items():
            if accounts.root_of(account) not in ROOTS[line]:
                continue
            if column == source:
                actual = (actual or 0) + value
            elif column == "TPE":
                forecast = (forecast or 0) + value
    return actual, forecast


@settings(max_examples=60, **SETTINGS)
@given(cmds=commands, on=st.sampled_from((None, dt.date(2025, 6, 30), dt.date(2026, 3, 1))))
def test_the_three_views_agree_on_a_generated_history(cmds, on):
    with fresh_ledger() as app:
        run(app, cmds)
        point = Point(on=on)
        for rules in RULES:
            assert_three_views_agree(app, rules, (Point(), point))
            at = point.resolve(app.state)[0]
            for year in app.state.years():
                for row in toteutumisvertailu(app.state, rules, year, point).rows:
                    assert (row.actual, row.tpe) == oracle(app.state, year, row.code, row.line, at)
