"""The four parts of the budget (kuntalaki 110 §), each binding at its own level (issue 17 part 1).

A rules file's ``[binding.<part>]`` says where the investointi-, tuloslaskelma- and rahoitusosa bind; a file
that says nothing keeps each investment project binding on its own costs and the käyttötalousosa at
``[binding]``. Reallocations across a part's binding units and overruns of a part's binding line are
judged at that part's level, when written and when verified."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from test_investments import KH_MAY, KV_MAY, MENOT, investing_city

from events.model import Decision, Line
from ledger import build
from ledger.app import Kirjuri
from ledger.audit import authority
from ledger.domain.refusals import Rejected

D = dt.date
GROUPED = {"binding": {"level": "vastuualue", "investointi": {"level": "projektiryhmä", "line": "Investointimenot"}}}


@pytest.fixture
def city(ledger) -> Kirjuri:
    return investing_city(ledger)


def _move(app: Kirjuri, source: str, target: str, decision=KH_MAY):
    return app.reallocation(2025, [(source, MENOT, target, MENOT, 1_00)], effective=D(2025, 6, 1),
                            decision=decision)


# --- the rules file ---------------------------------------------------------------------------------


def test_a_rules_file_that_says_nothing_binds_each_project_and_the_rest_as_before():
    rules = authority.from_doc({"binding": {"level": "toimiala", "line": "MENOT"}})
    assert rules.binding_of("käyttötalous") == authority.PartBinding("toimiala", "MENOT")
    assert rules.binding_of("investointi") == authority.PartBinding("projekti", "Investointimenot")
    assert rules.binding_of("tuloslaskelma") == authority.PartBinding("kaupunki", "")
    assert rules.binding_of("rahoitus") == authority.PartBinding("kaupunki", "")


def test_each_part_binds_where_its_table_says_and_the_file_reads_back_the_same():
    rules = authority.from_doc({"binding": {
        "investointi": {"level": "projektiryhmä", "line": "Investoinnit netto"},
        "tuloslaskelma": {"level": "kaupunki", "line": "Verotulot"},
        "rahoitus": {"level": "toimiala"}}})
    assert rules.binding_of("investointi") == authority.PartBinding("projektiryhmä", "INVESTOINNIT NETTO")
    assert rules.binding_of("tuloslaskelma") == authority.PartBinding("kaupunki", "Verotulot")
    assert rules.binding_of("rahoitus") == authority.PartBinding("toimiala", "")
    assert rules.binding_of("käyttötalous") == authority.PartBinding("vastuualue", "NETTOMENO")
    assert authority.from_doc(tomllib.loads(authority.to_toml(rules))) == rules


@pytest.mark.parametrize(("table", "field", "value"), [
    ({"palvelut": {"level": "toimiala"}}, "binding.palvelut", "palvelut"),
    ({"investointi": {"level": "hanke"}}, "binding.investointi.level", "hanke"),
    ({"rahoitus": {"level": "projekti"}}, "binding.rahoitus.level", "projekti"),
    ({"investointi": {"line": "Verotulot"}}, "binding.investointi.line", "Verotulot"),
    ({"tuloslaskelma": {"line": "Ei tällaista"}}, "binding.tuloslaskelma.line", "Ei tällaista"),
])
def test_a_wrong_part_binding_is_one_refusal_naming_its_key(table, field, value):
    with pytest.raises(Rejected) as refused:
        authority.from_doc({"binding": table})
    assert (refused.value.field, refused.value.value) == (field, value)
    assert field in str(refused.value) and value in str(refused.value)


# --- reallocations judged at the part's level -------------------------------------------------------


def test_per_project_a_move_between_two_projects_crosses_and_needs_the_valtuusto(city):
    with pytest.raises(Rejected, match="authority.body"):
        city.submit(_move(city, "5000", "5001"))
    city.submit(_move(city, "5000", "5001", decision=KV_MAY))


def test_bound_per_group_the_hallitus_may_move_between_projects_of_one_group(city):
    city.rules_of = authority.from_doc(GROUPED)
    stored = city.submit(_move(city, "5000", "5001"))[0]
    assert authority.kind_of(city.rules_of, city.state, stored.event) == "reallocation_within"
    assert not [c for c in city.verify(rules_of=city.rules_of).checks if c.findings and c.name != "overruns"]


def test_bound_per_group_a_move_out_of_the_group_still_needs_the_valtuusto(city):
    city.rules_of = authority.from_doc(GROUPED)
    city.submit(city.project_opening("6000", "Päiväkoti", group="INV", unit="HP", cost_estimate=100_00,
                                     first_year=2025, last_year=2026, effective=D(2025, 1, 1), decision=KV_MAY))
    with pytest.raises(Rejected) as refused:
        city.submit(_move(city, "5000", "6000"))
    assert refused.value.value == "authority.body"
    assert authority.kind_of(city.rules_of, city.state, _move(city, "5000", "6000")) == "reallocation_projects"


def test_a_move_from_the_operating_budget_to_an_investment_crosses_parts(city):
    """The same unit in two parts is two binding units: moving käyttötalous money into investments is the
    valtuusto's, even inside one vastuualue."""
    move = city.reallocation(2025, [("JL", "MENOT", "JL", MENOT, 1_00)], effective=D(2025, 6, 1), decision=KH_MAY)
    assert authority.kind_of(authority.DEFAULT, city.state, move) == "reallocation_across"
    city.rules_of = authority.from_doc({"bodies": {"reallocation_across": ["valtuusto", "hallitus"]}})
    with pytest.raises(Rejected) as refused:
        city.submit(move)
    assert refused.value.value == "authority.across"
    assert "HP-YH → HP-YH (investointi)" in str(refused.value)


# --- overruns judged at the part's binding line -----------------------------------------------------


def _overspend(app: Kirjuri, unit: str = "5001", amount: int = -1_100_000_00):
    """The project's TP for 2025: 5001 spent 1 100 000 of its 1 000 000 by default."""
    return build.recording(app.origin, "tp", 2025, [Line(unit, MENOT, amount)],
                           decision=Decision(body="valtuusto", date=D(2026, 5, 25), section="30"))


def test_a_project_spent_past_its_appropriation_is_a_warning_at_the_project(city):
    with pytest.raises(Rejected, match="authority.overrun") as refused:
        city.submit(_overspend(city))
    assert "5001" in str(refused.value)
    city.submit(_overspend(city), confirm=frozenset({"authority.overrun"}))
    overruns = next(c for c in city.verify().checks if c.name == "overruns")
    assert not overruns.findings and len(overruns.confirmed) == 1 and "5001" in overruns.confirmed[0].what
    assert "investointi projekti, Investointimenot" in overruns.title


def test_bound_per_group_one_project_overspent_within_its_groups_appropriation_is_no_overrun(city):
    """KOULUT has 4 000 000 for its two schools, 3 500 000 spent: 5001's 100 000 more is inside the group's."""
    city.rules_of = authority.from_doc(GROUPED)
    city.submit(_overspend(city))
    assert not next(c for c in city.verify(rules_of=city.rules_of).checks if c.name == "overruns").findings
    with pytest.raises(Rejected, match="authority.overrun") as refused:
        city.submit(_overspend(city, "5000", -3_000_000_00))
    assert "KOULUT" in str(refused.value)


def test_a_part_with_no_binding_line_is_not_checked_for_overruns(city):
    city.rules_of = authority.from_doc({"binding": {"investointi": {"level": "projekti", "line": ""}}})
    city.submit(_overspend(city))
    assert not next(c for c in city.verify(rules_of=city.rules_of).checks if c.name == "overruns").findings


# --- the parts in the terminal UI's tree and figures ------------------------------------------------


def _budgeted(app: Kirjuri) -> Kirjuri:
    """The investing city with a tuloslaskelmaosa: its verotulot and interest adopted for the city."""
    app.adopt(2025, [Line("KJ", "Kunnan tulovero", 5_000_000_00), Line("KJ", "Korkokulut", -10_000_00)],
              decision=KV_MAY)
    return app


def test_the_tree_shows_each_part_the_year_has_with_the_projects_under_the_investointiosa(city):
    from tui.i18n import Texts
    from tui.viewmodel import tree_entries

    entries = tree_entries(_budgeted(city).state, 2025, texts=Texts("sv"))
    shown = [(e.depth, e.code, e.name) for e in entries]
    assert shown[-4:] == [(0, "osa:investointi", "Investeringsdelen"), (1, "KOULUT", "Koulut"),
                          (2, "5000", "Alakylän koulu"), (2, "5001", "Keskuskoulu")]
    assert (0, "osa:tuloslaskelma", "Resultaträkningsdelen") in shown
    assert "osa:rahoitus" not in {e.code for e in entries}, "a part only derived from others is not the year's"
    assert [e.code for e in entries].count("5000") == 1, "a project is shown once, in the investointiosa"


def test_a_parts_figures_are_its_accounts_and_lines_for_the_whole_city(city):
    from tui.i18n import Texts
    from tui.viewmodel import Selection, figures_view

    state = _budgeted(city).state
    view = figures_view(state, Selection("osa:tuloslaskelma", 2025), Texts("fi"))
    assert view.name == "Tuloslaskelmaosa"
    assert [r.label.strip() for r in view.rows] == ["Verotulot", "Kunnan tulovero", "Rahoituskulut", "Korkokulut",
                                                    "RAHOITUSTUOTOT JA -KULUT", "VUOSIKATE"]
    assert view.texts(view.row("VUOSIKATE"), sep=" ")[view.columns.index("TA+MUUTOS")] == "4 990 000"
    investments = figures_view(state, Selection("osa:investointi", 2025), Texts("en"))
    assert "MENOT" not in [r.label.strip() for r in investments.rows]
    group = investments.row("KOULUT Koulut")
    assert group.code == "KOULUT" and group.values[investments.columns.index("TOTEUMA")] == -3_500_000_00


def test_a_projects_figures_end_in_its_cost_estimate_and_each_years_appropriation(city):
    from tui.i18n import Texts
    from tui.viewmodel import Selection, figures_view

    city.carry(2025, 2026, [Line("5000", MENOT, -400_000_00)], decision=Decision(
        body="valtuusto", date=D(2026, 2, 15), section="9"))
    view = figures_view(city.state, Selection("5000", 2026), Texts("fi"))
    budget, actual = view.columns.index("TA+MUUTOS"), view.columns.index("TOTEUMA")
    assert view.row("Hanke 2025–2026").kind == "heading"
    assert view.row("Kustannusarvio").values[budget] == -5_000_000_00
    assert view.row("2025").values[budget] == -3_000_000_00 and view.row("2025").values[actual] == -2_500_000_00
    assert view.row("2026").values[budget] == -400_000_00
    assert view.row("Vuodet yhteensä").values[budget] == -3_000_000_00, "a carry-over is counted once"
    city.submit(city.project_change("5000", effective=D(2025, 6, 1), decision=KV_MAY, cost_estimate=2_000_000_00))
    over = figures_view(city.state, Selection("5000", 2026), Texts("fi"))
    assert over.row("Yli kustannusarvion 1\u00a0000\u00a0000").kind == "heading"


def test_a_projects_figures_are_its_investment_lines_not_the_citys_cash_flows(city):
    from tui.i18n import Texts
    from tui.viewmodel import Selection, figures_view

    view = figures_view(city.state, Selection("5000", 2025), Texts("fi"))
    lines = [r.label.strip() for r in view.rows if r.kind == "account"]
    assert lines == ["Investointimenot", "Investointitulot", "Rahoitusosuudet investointimenoihin",
                     "INVESTOINNIT NETTO"]
    netto = view.row("INVESTOINNIT NETTO").values[view.columns.index("TA+MUUTOS")]
    assert netto == -3_000_000_00 + 200_000_00
    group = figures_view(city.state, Selection("KOULUT", 2025), Texts("fi"))
    assert "RAHAVAROJEN MUUTOS" not in [r.label.strip() for r in group.rows]
    toimiala = figures_view(city.state, Selection("INV", 2025), Texts("fi"))
    assert "RAHAVAROJEN MUUTOS" in [r.label.strip() for r in toimiala.rows], "a unit's lines are as before"


def test_a_parts_trail_is_the_events_on_its_own_figures_and_names_only_their_lines(city):
    from ledger.fold import parts as budget_parts
    from tui.i18n import Texts
    from tui.viewmodel import NOW, Selection, trail_accounts, trail_rows, trail_seqs, trail_units

    state = _budgeted(city).state
    verotulot = state.seq
    amended = city.amend(2025, [Line("KJ", "Kunnan tulovero", -100_000_00), Line("JL", "MENOT", -5_00)],
                         effective=D(2025, 6, 1), decision=KV_MAY).seq
    undone = city.reverse(f"#{amended}", reason="väärä summa").seq
    income = trail_seqs(state, Selection("osa:tuloslaskelma", 2025))
    assert list(income) == [undone, amended, verotulot]
    investments = list(trail_seqs(state, Selection("osa:investointi", 2025)))
    city_trail = trail_seqs(state, Selection("KJ", 2025))
    assert list(city_trail) != investments and verotulot not in investments and amended not in investments
    opened = [seq for seq in city_trail if state.kind(seq) == "project_opened"]
    assert len(opened) == 3 and set(opened) <= set(investments)
    assert list(trail_seqs(state, Selection("5001", 2025))) == sorted(state.events_of("5001"), reverse=True)
    records = city.records([amended])
    units = trail_units(state, budget_parts.anchor(state, 2025, "osa:tuloslaskelma"))
    row = trail_rows(state, records, [amended], units, NOW, Texts("fi"), trail_accounts("osa:tuloslaskelma"))[0]
    assert row.change == "KJ Kunnan tulovero -100\u00a0000", "the JL line is the käyttötalousosa's"


def test_a_parts_chart_follows_its_result_and_a_projects_its_investments(city):
    from tui.chart_data import chart_series

    state = _budgeted(city).state
    income = chart_series(state, "osa:tuloslaskelma", name="Tuloslaskelmaosa")
    assert (income.account, income.name, income.coded) == ("VUOSIKATE", "Tuloslaskelmaosa", False)
    assert income.ta_muutos[income.years.index(2025)] == 4_990_000_00
    investments = chart_series(state, "osa:investointi", name="Investointiosa")
    assert investments.account == "INVESTOINNIT NETTO"
    assert investments.toteuma[investments.years.index(2025)] == -3_500_000_00
    school = chart_series(state, "5000")
    assert (school.account, school.coded) == ("INVESTOINNIT NETTO", True)
    assert school.ta_muutos[school.years.index(2025)] == -2_800_000_00
    assert chart_series(state, "JL").account == "NETTOMENO"


# --- the parts in the reports -----------------------------------------------------------------------


def test_the_parts_report_compares_each_part_and_each_project_with_its_toteutuma(city):
    from ledger.reports import tables as rp

    city.carry(2025, 2026, [Line("5000", MENOT, -400_000_00)], decision=Decision(
        body="valtuusto", date=D(2026, 2, 15), section="9"))
    report = rp.parts(_budgeted(city).state, 2025)
    blocks = [r.label for r in report.rows if r.kind == "block"]
    assert blocks == ["Tuloslaskelmaosa", "Investointiosa", "KOULUT Koulut", "5000 Alakylän koulu", "5001 Keskuskoulu"]
    headings = [c.heading for c in report.columns]
    assert "Siirto seuraavalle vuodelle" in headings and "Käyttämättä" in headings
    school = report.blocks("5000 Alakylän koulu")[0][MENOT]
    cell = dict(zip(headings, school))
    assert (cell["TA muutosten jälkeen"], cell["Toteutuma"], cell["Siirto seuraavalle vuodelle"],
            cell["Käyttämättä"]) == (-3_000_000_00, -2_500_000_00, -400_000_00, -100_000_00)
    assert dict(zip(headings, report.blocks("Tuloslaskelmaosa")[0]["VUOSIKATE"]))["Alkuperäinen TA"] == 4_990_000_00


def test_the_toteutumisvertailu_shows_the_investointiosa_after_the_organisation_as_the_parts_report_does(city):
    from ledger.reports import tables as rp

    state = city.state
    report = rp.toteutumisvertailu(state, "KJ", 2025)
    blocks = [r.label for r in report.rows if r.kind == "block"]
    total = blocks.index("Kaupunki yhteensä")
    assert blocks[total + 1:] == ["Investointiosa", "KOULUT Koulut", "5000 Alakylän koulu", "5001 Keskuskoulu"]
    assert not {"Koulut", "Alakylän koulu", "Keskuskoulu"} & set(blocks[:total]), "projects are no units"
    headings = [c.heading for c in report.columns]
    part = {line: dict(zip(headings, cells)) for line, cells in report.block("Investointiosa").items()}
    assert (part[MENOT]["TA muutosten jälkeen"], part[MENOT]["Toteutuma"]) == (-4_000_000_00, -3_500_000_00)
    assert "INVESTOINNIT NETTO" in part and "MENOT" not in part
    parts_report = rp.parts(state, 2025)
    for block in ("Investointiosa", "KOULUT Koulut", "5000 Alakylän koulu", "5001 Keskuskoulu"):
        assert report.block(block) == parts_report.block(block), block
    assert "Investointiosa" not in [r.label for r in rp.toteutumisvertailu(state, "HP-YH", 2025).rows]
    below = rp.toteutumisvertailu(state, "INV", 2025)
    assert [r.label for r in below.rows if r.kind == "block"][-3:] == [
        "KOULUT Koulut", "5000 Alakylän koulu", "5001 Keskuskoulu"]


def test_a_units_figures_in_the_terminal_ui_list_its_units_not_its_projects(city):
    from tui.i18n import Texts
    from tui.viewmodel import Selection, figures_view

    toimiala = figures_view(city.state, Selection("INV", 2025), Texts("fi"))
    assert not [r for r in toimiala.rows if r.kind == "child"], "KOULUT is shown under the investointiosa"
    group = figures_view(city.state, Selection("KOULUT", 2025), Texts("fi"))
    assert [r.code for r in group.rows if r.kind == "child"] == ["5000", "5001"]


def test_kirjuri_report_parts_prints_each_part_and_writes_a_file(city, tmp_path):
    from typer.testing import CliRunner

    from cli.app import app as cli

    _budgeted(city)
    db = str(city.target.sqlite_path or city.target.postgres_url)
    shown = CliRunner().invoke(cli, ["--db", db, "report", "parts", "--year", "2025"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    assert "Tuloslaskelmaosa" in shown.output and "5001 Keskuskoulu" in shown.output
    written = CliRunner().invoke(cli, ["--db", db, "report", "parts", "--year", "2025", "-o", str(tmp_path / "p.csv")])
    assert written.exit_code == 0 and "Investointiosa" in (tmp_path / "p.csv").read_text(encoding="utf-8-sig")
    wrong = CliRunner().invoke(cli, ["--db", db, "report", "parts", "-o", str(tmp_path / "p.pdf")])
    assert wrong.exit_code == 1 and "p.pdf" in wrong.output and "Traceback" not in wrong.output


# --- the carry-over form in the terminal UI -----------------------------------------------------------


@pytest.fixture
def investing(sqlite_target, clock):
    app = investing_city(Kirjuri(sqlite_target, create=True, author="virkailija", clock=clock))
    yield app
    app.close()


def test_e_carries_a_projects_unused_appropriation_through_the_form_after_its_preview(investing):
    from test_tui import run, settled
    from test_tui_forms import checked, form_of, go_to, kirjuri, press

    from events.model import AppropriationCarried
    from tui.screens.main import MainScreen
    from tui.viewmodel import preview_rows

    seq = investing.state.seq

    async def scenario(app, pilot):
        await go_to(app, pilot, "5000")
        await press(app, "e")
        form = form_of(app)
        assert (form.values()["year"], form.values()["account"], form.focused.id) == ("2025", MENOT, "amount")
        await press(app, *"-600 000", "tab", *"KV 15.2.2026 § 9")
        await checked(form)
        assert form.outcome.error.field == "amount" and form.outcome.error.code == "carry.more_than_unused"
        await press(app, "ctrl+s")
        assert investing.state.seq == seq, "nothing is written past the unused appropriation"
        form.query_one("#amount").value = "-400 000"
        await checked(form)
        assert form.outcome.ok, form.outcome.error
        rows = [(r.node.strip(), r.line, r.after) for r in preview_rows(form.outcome.preview, app.texts)]
        at = [node for node, _line, _after in rows].index("Alakylän koulu")
        assert ("Investointimenot TA+muutos", "-400\xa0000") in [(line, after) for _n, line, after in rows[at:]]
        await press(app, "ctrl+s")
        await settled(app)
        assert isinstance(app.screen, MainScreen)

    run(kirjuri(investing), scenario)
    event = investing.records([investing.state.seq])[investing.state.seq].event
    assert isinstance(event, AppropriationCarried) and (event.from_year, event.to_year) == (2025, 2026)
    assert [(line.unit, line.account, line.amount) for line in event.lines] == [("5000", MENOT, -400_000_00)]


def test_the_carry_form_checks_the_rules_through_the_app_and_names_the_field(investing):
    from ledger.domain import forms

    typed = {"year": "2025", "unit": "Alakylän", "account": MENOT, "amount": "-100", "decision": "KH 15.2.2026 § 9"}
    outcome = forms.evaluate(investing, "carry", typed)
    assert (outcome.error.field, outcome.error.value) == ("decision", "authority.body")
    late = forms.evaluate(investing, "carry", typed | {"decision": "KV 1.8.2026 § 9"})
    assert (late.error.field, late.error.value) == ("decision", "authority.carry_late")
    wrong = forms.evaluate(investing, "carry", {"year": "x", "unit": "", "account": "", "amount": "", "decision": ""})
    assert [e.field for e in wrong.problems] == ["year", "unit", "account", "amount", "effective"]
    assert not any(o.event for o in (outcome, late, wrong))


# --- an event opened from a part's trail, a child's row by its short code (issue 19) -------------------


def test_an_event_opened_from_the_investointiosas_trail_shows_its_effect_on_that_part(investing):
    """The adopted TA also budgets JL's MENOT: seen from the investointiosa it changed the part's lines only,
    headed by the part's name, never the city's NETTOMENO nor an internal code."""
    from test_tui import run, settled, text_of
    from test_tui_forms import go_to, kirjuri

    from events import accounts
    from events.model import TaAdopted
    from tui.screens.event import EventScreen

    adopted = next(seq for seq in range(1, investing.state.seq + 1) if investing.state.kind(seq) == "ta_adopted")
    investment_lines = set(accounts.in_part("investointi")) | {"INVESTOINNIT NETTO"}

    async def scenario(app, pilot):
        await go_to(app, pilot, "osa:investointi")
        await app.main.open_event(list(app.main.trail.seqs).index(adopted))
        await settled(app)
        screen = app.screen
        assert isinstance(screen, EventScreen) and isinstance(screen.detail.record.event, TaAdopted)
        changed = {c.account for c in screen.detail.node_changes}
        assert MENOT in changed and changed <= investment_lines, changed
        assert {unit for unit, _c in screen.detail.unit_changes} == {"5000", "5001"}, "JL's MENOT is not the part's"
        heading = text_of(screen.query("Static.section")[-2 if screen.detail.unit_changes else -1])
        assert heading.startswith("Investointiosa 2025:") and "osa:" not in heading and "KJ" not in heading, heading

    run(kirjuri(investing), scenario)


def test_the_figures_name_a_child_by_its_short_code_as_the_tree_does_and_a_csv_keeps_the_whole(investing):
    """A child's row fits the label column at 80 columns by the tree's short code; its whole code stays in the
    view's label, which a CSV export writes."""
    from cut import screen_lines
    from test_tui import run
    from test_tui_forms import go_to, kirjuri

    from events.model import Decision as Decided
    from tui.i18n import Texts
    from tui.viewmodel import Selection, child_label, csv_rows, figures_view, tree_code

    long_code, NAME = "KEMIJARVEN-KAUPUNKI-KOULUT-I05", "Pöyliön koulun peruskorjaus ja laajennus"
    investing.submit(investing.project_opening(long_code, NAME, group="KOULUT", unit="HP",
                                               cost_estimate=1_00, first_year=2025, last_year=2025,
                                               effective=D(2025, 1, 1), decision=Decided(
                                                   body="valtuusto", date=D(2024, 12, 9), section="80")))
    short = tree_code(long_code, NAME)
    assert short is not None and short.startswith("…") and len(short) < len(long_code)

    async def scenario(app, pilot):
        await go_to(app, pilot, "KOULUT")
        table = app.main.figures
        labels = [" ".join(str(table.get_cell_at((row, 0))).split()) for row in range(table.row_count)]
        assert f"{short} {NAME}" in labels and not [label for label in labels if long_code in label]
        assert child_label("5000", "Alakylän koulu") in labels, "a short code is shown whole"
        await go_to(app, pilot, long_code)
        title = app.main.query_one("#figures-title")
        shown = " ".join(line.strip() for line in screen_lines(app)[title.region.y:title.region.bottom])
        assert f"({long_code}) · 2025" in shown, "the header keeps the whole code and the year on a second line"

    run(kirjuri(investing), scenario)
    view = figures_view(investing.state, Selection("KOULUT", 2025), Texts("fi"))
    assert [row[0] for row in csv_rows(view, Texts("fi")) if long_code in row[0]] == [f"{long_code} {NAME}"]
