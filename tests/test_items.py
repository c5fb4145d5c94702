"""Ulkoiset ja sisäiset erät (JHS 192): a book that splits an account into its external and internal items
is read into the chart's parts of that account (``[items]`` in events/chart.toml, data, not a rule for one
book), whether it prints them in the label or under a heading; a row the chart cannot split is listed,
never recorded as the whole account; a book that prints the whole account records the account."""

from __future__ import annotations

import pytest
from test_columns import HEADER, NOW, _amounts, _line

from events import accounts
from events.model import BreakdownStated
from ledger.app import Kirjuri
from ledger.books import layout, layoutplan
from ledger.fold import projections as pj
from ledger.fold.state import LedgerState
from ledger.store.log import Target


def _plan(rows: list) -> layoutplan.LayoutPlan:
    """The rows under the header of a table titled as the income-statement part, the one table whose operating
    accounts are the city's own (a table of units states the same accounts per lautakunta)."""
    title = _line(0, ("TULOSLASKELMAOSA", 10.0, 80.0))
    reading = layout.read_layout([title] + [_line(i, *cells) for i, cells in enumerate(HEADER + rows, 1)])
    return layoutplan.plan_layout(LedgerState(), reading, year=2025, root=("K", "Kunta"), source="k.pdf",
                                  digest="4" * 64, author="testi", now=NOW)


def _stated(plan: layoutplan.LayoutPlan, column: str) -> dict[str, int]:
    event = next(e for e in plan.plan.events if isinstance(e, BreakdownStated) and e.column == column)
    return {line.account: line.amount for line in event.lines}


@pytest.mark.parametrize("account", ["Myyntituotot", "Vuokratuotot", "Palvelujen ostot", "Vuokrat"])
def test_each_split_account_has_its_external_and_internal_part_below_it(account):
    chart = accounts.CHART
    for item, fi in (("ulkoiset", "ulkoiset"), ("sisäiset", "sisäiset")):
        part = chart.split(account, item)
        assert part == f"{account}, {item}" and chart.accounts[part].parent == account
        assert (chart.accounts[part].side, chart.accounts[part].part) == (chart.accounts[account].side, "käyttötalous")
        name = chart.accounts[account].names[0]
        for printed in (f"{name}, {fi}", f"{fi.capitalize()} {name.lower()}", f"{name} ({fi})"):
            assert chart.lookup(printed) == part
    assert chart.split("Henkilöstökulut", "sisäiset") is None


def test_a_heading_names_one_kind_of_item_or_the_whole_accounts():
    chart = accounts.CHART
    assert chart.item_named("Sisäiset") == "sisäiset" and chart.item_named("ULKOISET ERÄT") == "ulkoiset"
    assert chart.item_named("TULOSLASKELMAOSA KAUPUNKI ulkoiset ja sisäiset") is None
    assert chart.item_named("TOIMINTATUOTOT") is None


def test_items_in_the_label_are_recorded_as_the_accounts_parts_and_roll_up_once(tmp_path):
    plan = _plan([[("TOIMINTATUOTOT", 10.0, 50.0)],
                  _amounts("Myyntituotot, ulkoiset", "100", "0", "100", "110", "10"),
                  _amounts("Sisäiset myyntituotot", "20", "0", "20", "20", "0"),
                  _amounts("Maksutuotot", "50", "0", "50", "50", "0"),
                  _amounts("Toimintatuotot yhteensä", "170", "0", "170", "180", "10")])
    assert _stated(plan, "TP") == {"Myyntituotot, ulkoiset": 110_00, "Myyntituotot, sisäiset": 20_00,
                                   "Maksutuotot": 50_00}
    assert {s.status for s in plan.statuses} == {"recorded", "checked"}
    ledger = Kirjuri(Target(sqlite_path=tmp_path / "l.sqlite"), create=True, author="testi")
    try:
        ledger.submit(*plan.plan.events)
        stated = pj.breakdown(ledger.state, 2025, "K")
        assert stated.get("Myyntituotot", "TP") == 130_00 and stated.get("TOIMINTATUOTOT", "TP") == 180_00
    finally:
        ledger.close()


def test_items_under_headings_are_the_parts_and_an_account_not_split_is_listed():
    plan = _plan([[("Ulkoiset", 10.0, 50.0)], _amounts("Myyntituotot", "100", "0", "100", "110", "10"),
                  _amounts("Palvelujen ostot", "-50", "0", "-50", "-50", "0"),
                  [("Sisäiset", 10.0, 50.0)], _amounts("Myyntituotot", "20", "0", "20", "20", "0"),
                  _amounts("Vuokrat", "-20", "0", "-20", "-20", "0"),
                  _amounts("Henkilöstökulut", "-5", "0", "-5", "-5", "0")])
    assert _stated(plan, "TA") == {"Myyntituotot, ulkoiset": 100_00, "Palvelujen ostot, ulkoiset": -50_00,
                                   "Myyntituotot, sisäiset": 20_00, "Vuokrat, sisäiset": -20_00}
    listed = {s.line for s in plan.statuses if s.status == "listed"}
    assert listed == {11}  # Henkilöstökulut under Sisäiset (the title is line 1): the chart has no such part


def test_a_table_of_both_items_together_records_the_whole_account():
    plan = _plan([[("ulkoiset ja sisäiset", 10.0, 50.0)], _amounts("Myyntituotot", "120", "0", "120", "130", "10"),
                  _amounts("Maksutuotot", "30", "0", "30", "30", "0"),
                  _amounts("Palvelujen ostot", "-50", "0", "-50", "-50", "0")])
    assert _stated(plan, "TA") == {"Myyntituotot": 120_00, "Maksutuotot": 30_00, "Palvelujen ostot": -50_00}


def test_a_municipalitys_extension_keeps_the_items(tmp_path):
    extension = tmp_path / "oma.toml"
    extension.write_text('[accounts."Sisäiset vuokrat, tilat"]\nparent = "Vuokrat, sisäiset"\n', encoding="utf-8")
    chart = accounts.CHART.extended(extension)
    assert chart.items == accounts.CHART.items and chart.split("Vuokrat", "sisäiset") == "Vuokrat, sisäiset"
    assert chart.ancestors("Sisäiset vuokrat, tilat")[:3] == ("Sisäiset vuokrat, tilat", "Vuokrat, sisäiset", "Vuokrat")
