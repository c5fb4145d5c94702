"""The figures pane shows what the book states (issue 17): the same figures as ``kirjuri report kayttotalous``.

A toimiala's account rows (Myyntituotot, Henkilöstökulut …) are often printed only as the stated breakdown of
units that print their TOIMINTATUOTOT and TOIMINTAKULUT alone. The node shows its statement and the node above
sums what it shows; a node whose own figures the book states (a city's tuloslaskelmaosa, to the cent) shows
them, with what its lines sum to and the difference beneath wherever the two differ.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import small_city
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events.model import BreakdownStated, Line
from ledger.fold import projections as pj
from ledger.reports import tables as rp
from tui.i18n import Texts
from tui.viewmodel import Selection, figures_view

YEAR = 2025
END = dt.date(YEAR, 12, 31)


def _state(app, column: str, lines: list[Line]) -> None:
    app.submit(BreakdownStated(id=app.new_id(), effective=END, recorded_at=app.clock(), author="testi", year=YEAR,
                               column=column, lines=tuple(lines)))


@pytest.fixture
def city(sqlite_target, clock):
    """HP's units print their totals only, HP states its accounts; ET's unit holds its own; the city states its
    own income statement to the cent."""
    from ledger.app import Kirjuri

    app = small_city(Kirjuri(sqlite_target, create=True, author="testi", clock=clock))
    app.record("tp", YEAR, [Line("JL", "TOIMINTATUOTOT", 40_00), Line("JL", "TOIMINTAKULUT", -300_00),
                            Line("TP", "TOIMINTATUOTOT", 60_00), Line("TP", "TOIMINTAKULUT", -500_00),
                            Line("TY", "Maksutuotot", 5_00), Line("TY", "Henkilöstökulut", -90_00)],
               effective=END)
    _state(app, "TP", [Line("HP", "Myyntituotot", 70_00), Line("HP", "Maksutuotot", 30_00),
                       Line("HP", "Henkilöstökulut", -600_00), Line("HP", "Palvelujen ostot", -201_00)])
    _state(app, "TP", [Line("KJ", "Myyntituotot", 70_40), Line("KJ", "Maksutuotot", 35_00),
                       Line("KJ", "Henkilöstökulut", -690_00), Line("KJ", "Palvelujen ostot", -200_60)])
    yield app
    app.close()


def test_a_parent_sums_the_accounts_its_toimiala_states_for_units_printing_only_totals(city):
    et = pj.book(city.state, YEAR, "ET")
    assert et.get("Maksutuotot", "TP") == 5_00
    hp = pj.book(city.state, YEAR, "HP")
    assert hp.get("Maksutuotot", "TP") == 30_00 and hp.get("Henkilöstökulut", "TP") == -600_00
    # HP's stated costs are 1 € more than its units print: the book's figure, its lines' sum beside it
    assert hp.get("TOIMINTAKULUT", "TP") == -801_00 and hp.lines_of("TOIMINTAKULUT", "TP") == -800_00
    assert hp.get("MENOT", "TP") == -800_00  # the appropriation's line stays the units' (``binding``)
    # the city sums HP's breakdown with ET's own: 30 + 5, not the 5 € its units alone record
    lines = pj.book(city.state, YEAR, "KJ", structure=2026)  # restated: no statement, the units' lines only
    assert lines.get("Maksutuotot", "TP") == 5_00 and not lines.lines
    kj = pj.book(city.state, YEAR, "KJ")
    assert kj.get("Maksutuotot", "TP") == 35_00 and kj.lines_of("Maksutuotot", "TP") is None
    assert kj.get("Myyntituotot", "TP") == 70_40 and kj.lines_of("Myyntituotot", "TP") == 70_00
    # the city's lines are what HP and ET show: HP's stated 801 € of costs, not its units' 800 €
    assert kj.get("TOIMINTAKULUT", "TP") == -890_60 and kj.lines_of("TOIMINTAKULUT", "TP") == -891_00
    assert kj.get("TOIMINTAKATE", "TP") == 105_40 - 890_60
    assert kj.lines_of("TOIMINTAKATE", "TP") == 105_00 - 891_00


def test_a_statement_adds_no_money_the_lines_do_not_hold(city):
    """A breakdown stated for a unit with no figures of its own (a project list stated as its group's
    breakdown) breaks down nothing: no node above it counts it."""
    before = pj.book(city.state, YEAR, "KJ").amounts
    _state(city, "TP", [Line("KP", "Myyntituotot", 999_00), Line("KP", "Henkilöstökulut", -999_00)])
    assert pj.book(city.state, YEAR, "KJ").amounts == before
    assert pj.book(city.state, YEAR, "KP").get("Myyntituotot", "TP") is None


def test_a_citys_income_statement_stands_where_no_unit_holds_that_money(city):
    """A book whose only table of a column is the city's tuloslaskelmaosa by account (no unit prints a TA):
    the city shows it, to the cent, in the figures and the pane, as no appropriation (no MENOT); a unit below
    stating the same column still adds nothing."""
    _state(city, "TA", [Line("KJ", "Myyntituotot", 80_00), Line("KJ", "Henkilöstökulut", -700_25)])
    _state(city, "TA", [Line("HP", "Maksutuotot", 11_00)])
    kj = pj.book(city.state, YEAR, "KJ")
    assert (kj.get("Myyntituotot", "TA"), kj.get("TOIMINTAKULUT", "TA")) == (80_00, -700_25)
    assert kj.get("TOIMINTAKATE", "TA") == 80_00 - 700_25 and kj.get("Maksutuotot", "TA") is None
    assert kj.get("MENOT", "TA") is None and pj.table(city.state, YEAR, "KJ")[0].figures.amounts == kj.amounts
    assert pj.book(city.state, YEAR, "HP").get("Maksutuotot", "TA") is None
    view = figures_view(city.state, Selection("KJ", YEAR), Texts("fi"))
    ta = view.columns.index("TA")
    assert {row.label.strip(): row.values[ta] for row in view.rows if row.kind == "account"}["Myyntituotot"] == 80_00
    # the statement's TA after the changes: its change is the difference, on every line it moves
    _state(city, "TA+MUUTOS", [Line("KJ", "Myyntituotot", 90_00), Line("KJ", "Henkilöstökulut", -700_25)])
    kj = pj.book(city.state, YEAR, "KJ")
    assert [kj.get(line, "MUUTOS") for line in ("Myyntituotot", "TOIMINTAKULUT", "TOIMINTAKATE")] == [10_00, 0, 10_00]
    assert all(kj.get(line, "TA") + kj.get(line, "MUUTOS") == kj.get(line, "TA+MUUTOS")
               for line in ("Myyntituotot", "TOIMINTATUOTOT", "TOIMINTAKATE"))


def _report(state, node: str) -> dict[str, int | None]:
    report = rp.kayttotalous(state, node, [("TP", YEAR)])
    return {row.label.strip(): row.cells[0] for row in report.rows if row.kind != "block"}


def _pane(state, node: str, lang: str = "fi") -> dict[str, int | None]:
    view = figures_view(state, Selection(node, YEAR), Texts(lang))
    tp = view.columns.index("TP")
    return {row.label.strip(): row.values[tp] for row in view.rows if row.kind == "account"}


@pytest.mark.parametrize("node", ["KJ", "HP", "HP-YH", "JL", "ET"])
def test_the_pane_and_the_report_agree_line_by_line(city, node):
    report, pane = _report(city.state, node), _pane(city.state, node)
    shared = [line for line in report if report[line] is not None or pane.get(line) is not None]
    assert shared, report
    assert {line: pane.get(line) for line in shared} == {line: report[line] for line in shared}


def test_under_a_stated_figure_the_pane_shows_its_lines_sum_and_the_difference(city):
    for lang, (summed, difference) in {"en": ("sum of lines", "difference"), "fi": ("rivien summa", "ero"),
                                       "sv": ("radernas summa", "skillnad")}.items():
        view = figures_view(city.state, Selection("KJ", YEAR), Texts(lang))
        tp = view.columns.index("TP")
        labels = [row.label.strip() for row in view.rows]
        at = labels.index("Myyntituotot")
        assert [(row.label.strip(), row.kind, row.values[tp]) for row in view.rows[at:at + 3]] == [
            ("Myyntituotot", "account", 70_40), (summed, "lines", 70_00), (difference, "difference", 40)]
        # where the book and the lines agree, nothing more is said
        after = labels.index("Maksutuotot")
        assert view.rows[after + 1].kind == "account"
    # a node the book states nothing of has no such row
    assert {row.kind for row in figures_view(city.state, Selection("ET", YEAR), Texts("en")).rows} <= {
        "account", "heading", "child"}


def _summed(figures: pj.Figures, account: str) -> int:
    """What a node's lines sum to in TP: the figure itself where the book states no other."""
    summed = figures.lines_of(account, "TP")
    return figures.get(account, "TP") if summed is None else summed


@settings(max_examples=25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(stated=st.lists(st.integers(-10**9, 10**9), min_size=4, max_size=4),
       city_stated=st.lists(st.integers(-10**9, 10**9), min_size=4, max_size=4))
def test_each_stated_figure_less_its_lines_sum_is_the_difference_shown(city, stated, city_stated):
    """Whatever the book states (a later statement replaces the earlier): a figure with no difference is its
    lines' sum; every difference row is the book's figure less the lines' sum above it; the city's lines are
    what its toimialat show, summed."""
    accounts = ("Myyntituotot", "Maksutuotot", "Henkilöstökulut", "Palvelujen ostot")
    _state(city, "TP", [Line("HP", a, v) for a, v in zip(accounts, stated)])
    _state(city, "TP", [Line("KJ", a, v) for a, v in zip(accounts, city_stated)])
    kj, hp, et = (pj.book(city.state, YEAR, code) for code in ("KJ", "HP", "ET"))
    for account, said in zip(accounts, city_stated):
        assert kj.get(account, "TP") == said
        assert _summed(kj, account) == hp.get(account, "TP") + (et.get(account, "TP") or 0)
    view = figures_view(city.state, Selection("KJ", YEAR), Texts("en"))
    tp = view.columns.index("TP")
    for above, lines, gap in zip(view.rows, view.rows[1:], view.rows[2:]):
        if lines.kind == "lines":
            assert above.kind == "account" and gap.kind == "difference"
            assert gap.values[tp] == above.values[tp] - lines.values[tp] != 0


def _show_at_80(monkeypatch, app, lang: str, node: str) -> list[str]:
    """`kirjuri show NODE --accounts` as an 80-column terminal shows it, each line's words."""
    import cli.common
    from typer.testing import CliRunner

    from cli.app import app as cli_app

    monkeypatch.setattr(cli.common.out, "width", 80)
    result = CliRunner().invoke(cli_app, ["--db", str(app.target.sqlite_path), "--lang", lang, "show", node,
                                          "--year", str(YEAR), "--accounts"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    return [" ".join(line.replace("│", " ").replace("\xa0", " ").split()) for line in lines]


def test_show_prints_under_a_stated_figure_its_lines_sum_and_the_difference(city, monkeypatch):
    """`kirjuri show` says what the pane says (the one ``projections.book``): the book's figure, then where the
    lines sum to another what they sum to and the difference, cents kept (a 0,40 gap never reads as 0)."""
    from ledger.domain import vocabulary

    for lang, (summed, difference) in {"en": ("sum of lines", "difference"), "fi": ("rivien summa", "ero"),
                                       "sv": ("radernas summa", "skillnad")}.items():
        lines = _show_at_80(monkeypatch, city, lang, "KJ")
        at = lines.index(f"{vocabulary.account_label('Myyntituotot', lang)} 70,40")
        assert lines[at + 1:at + 3] == [f"{summed} 70", f"{difference} 0,40"], lines
        maksu = lines.index(f"{vocabulary.account_label('Maksutuotot', lang)} 35")
        assert not lines[maksu + 1].startswith(summed)  # the book and the lines agree: nothing more is said
        # as many as the pane shows for KJ and its children
        pane = sum(row.kind == "lines" for code in ("KJ", "ET", "HP")
                   for row in figures_view(city.state, Selection(code, YEAR), Texts(lang)).rows
                   if row.code is None)
        assert sum(line.startswith(f"{summed} ") for line in lines) == pane
        assert sum(line.startswith(f"{difference} ") for line in lines) == pane
    assert not any(line.startswith("sum of lines") for line in _show_at_80(monkeypatch, city, "en", "ET"))
