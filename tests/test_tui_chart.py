"""The figures chart (tui.chart_data, tui.widgets.chart): what it draws is what the projections say.

``chart_series`` is checked on the bundled Kemijärvi example against ``ledger.fold.projections``
and against figures read from the books, now and at points before an event; the widget
is driven with Textual's Pilot in a tiny app at 80×24, and the bars plotext holds are
compared with the series, in thousands of euros and in the theme's colours.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import Clock
from test_tui import run, settled, until
from textual.app import App, ComposeResult
from textual.color import Color

from events.model import Line
from ledger.fold import projections as pj
from ledger.app import Kirjuri
from ledger.domain.citation import parse_decision
from ledger.store.exchange import read_export
from ledger.domain.money import NBSP
from ledger.fold.projections import Point
from tui.app import KirjuriApp
from tui.keys import help_rows
from tui.viewmodel import is_now
from tui.chart_data import ChartSeries, axis_ticks, chart_series, thousands
from tui.i18n import TEXTS, Texts
from tui.widgets.chart import FiguresChart

EXAMPLE = Path(__file__).parents[1] / "examples" / "kemijarvi.json"
NODE = "JOUKKOLIIKENNE"
YEARS = (2022, 2023, 2024, 2025, 2026)
#: NETTOMENO of Joukkoliikenne in the example, in cents (books 001, 000 and 003)
TA_MUUTOS = (None, None, -244_500_00, -248_070_00, -244_000_00)
TP = (None, -162_792_00, -280_474_00, None, None)
#: the TP for 2024 and the TA for 2026 were recorded on 15.1.2026 at 08:00:02 UTC
BEFORE_2026_BOOK = dt.datetime(2026, 1, 15, 8, 0, 1, tzinfo=dt.UTC)
AMENDED_ON = dt.date(2026, 6, 15)


@pytest.fixture
def kemijarvi(sqlite_target) -> Kirjuri:
    """The example restored into a fresh SQLite ledger; new events are recorded from 1.3.2026 on."""
    app = Kirjuri(sqlite_target, create=True, author="testi",
                  clock=Clock(dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)))
    app.submit_recorded(read_export(EXAMPLE)[1])
    yield app
    app.close()


# --- the data ------------------------------------------------------------------------------------


def test_the_series_is_the_nodes_nettomeno_as_the_projections_give_it(kemijarvi):
    state = kemijarvi.state
    series = chart_series(state, NODE)
    assert (series.node, series.name, series.account) == (NODE, "Joukkoliikenne", "NETTOMENO")
    assert series.years == YEARS
    assert series.ta_muutos == TA_MUUTOS
    assert series.tp == TP
    assert series.toteuma == (None,) * 5  # the example's books print no toteuma, and none is made up from TP
    for i, year in enumerate(YEARS):
        figures = pj.figures(state, year, NODE)
        assert series.ta_muutos[i] == figures.get("NETTOMENO", "TA+MUUTOS")
        assert series.tp[i] == figures.get("NETTOMENO", "TP")
    assert [column for column, _values in series.columns()] == ["TA+MUUTOS", "TP"]


def test_a_toimiala_is_rolled_up_in_each_years_own_organisation(kemijarvi):
    state = kemijarvi.state
    series = chart_series(state, "HALL")
    assert series.ta_muutos[YEARS.index(2024)] == -5_420_000_00
    assert series.tp[YEARS.index(2023)] == -4_680_582_00
    # Hallintopalvelut was closed in the 2026 reorganisation: it has no 2026 budget of its own
    assert series.ta_muutos[YEARS.index(2026)] == pj.figures(state, 2026, "HALL").get("NETTOMENO", "TA+MUUTOS")
    assert series.ta_muutos[YEARS.index(2026)] is None


def test_known_before_the_2026_book_the_series_lacks_what_that_book_recorded(kemijarvi):
    series = chart_series(kemijarvi.state, NODE, Point(known_at=BEFORE_2026_BOOK))
    assert series.tp == (None, -162_792_00, None, None, None)
    assert series.ta_muutos == (None, None, -244_500_00, -248_070_00, None)
    assert series.point == Point(known_at=BEFORE_2026_BOOK)


def test_an_amendment_shows_from_its_effective_date_and_its_recording_on(kemijarvi):
    before = kemijarvi.state.recorded_at(kemijarvi.state.seq)
    stored = kemijarvi.amend(2026, [Line(NODE, "MENOT", -12_000_00)], effective=AMENDED_ON,
                             decision=parse_decision("KV 23.2.2026 § 41"), note="Lisämääräraha")
    state = kemijarvi.state
    assert stored.event.recorded_at > before
    now = chart_series(state, NODE)
    assert now.ta_muutos[-1] == -256_000_00 == pj.figures(state, 2026, NODE).get("NETTOMENO", "TA+MUUTOS")
    on_the_eve = chart_series(state, NODE, Point(on=AMENDED_ON - dt.timedelta(days=1)))
    known_before = chart_series(state, NODE, Point(known_at=before))
    assert on_the_eve.ta_muutos[-1] == known_before.ta_muutos[-1] == -244_000_00
    assert on_the_eve.ta_muutos[:-1] == known_before.ta_muutos[:-1] == now.ta_muutos[:-1] == TA_MUUTOS[:-1]


def test_known_before_the_first_event_the_series_is_empty(kemijarvi):
    series = chart_series(kemijarvi.state, NODE, Point(known_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)))
    assert series.years == YEARS
    assert series.empty and series.columns() == []


def test_axis_ticks_are_round_thousands_in_cents_covering_zero_and_every_value():
    assert axis_ticks([None, -162_792_00, -280_474_00], 3) == (-300_000_00, -200_000_00, -100_000_00, 0)
    assert axis_ticks([-280_474_00], 6) == (-300_000_00, -250_000_00, -200_000_00, -150_000_00, -100_000_00,
                                           -50_000_00, 0)
    assert axis_ticks([1_00, 50_000_00, -20_000_00], 3) == (-50_000_00, 0, 50_000_00)
    assert axis_ticks([1_00, 50_000_00, -20_000_00], 4) == (-20_000_00, 0, 20_000_00, 40_000_00, 60_000_00)
    assert axis_ticks([None, None], 3) == (0,)
    assert axis_ticks([5_00], 1) == (0, 10_00)  # never finer than 10 €
    for values, intervals in (([-7_072_000_00, 3_00], 2), ([123_456_789], 4), ([-1], 1)):
        ticks = axis_ticks(values, intervals)
        assert len(ticks) - 1 <= intervals and ticks[0] <= min(0, *values) and ticks[-1] >= max(0, *values)


def test_tick_labels_are_thousands_of_euros_as_the_books_print_them():
    assert thousands(-300_000_000_00) == f"-300{NBSP}000"
    assert thousands(-300_000_00) == "-300"
    assert thousands(50_000) == "0,50"
    assert thousands(0) == "0"
    with pytest.raises(ValueError):
        thousands(-280_474_00)


def test_every_chart_label_exists_in_both_languages_and_the_domain_terms_stay():
    keys = {key for key in TEXTS["fi"] if key.startswith("chart.")}
    assert keys == {key for key in TEXTS["en"] if key.startswith("chart.")}
    for lang in ("fi", "en"):
        texts = Texts(lang)
        assert [texts(f"chart.{c}") for c in ("TA+MUUTOS", "TOTEUMA", "TP")] == ["TA+muutos", "Toteuma", "TP"]
        assert texts("chart.unit") == "1000 €"


# --- the widget ------------------------------------------------------------------------------------


class ChartApp(App):
    """Nothing but the chart, as the main screen will hold it."""

    def compose(self) -> ComposeResult:
        yield FiguresChart(id="chart")


def _bars(chart: FiguresChart) -> list[tuple[float, tuple[int, int, int]]]:
    """(height in thousands, colour) of each bar plotext holds, series by series, year by year."""
    monitor = chart.plt.monitor
    return [(ys[0], colours[0]) for ys, colours in zip(monitor.y, monitor.color, strict=True)]


def _theme_rgb(app: App, variable: str) -> tuple[int, int, int]:
    return Color.parse(app.theme_variables[variable]).rgb


def test_the_chart_draws_the_series_at_80x24_in_the_themes_colours(kemijarvi):
    series = chart_series(kemijarvi.state, NODE)

    async def scenario():
        app = ChartApp()
        async with app.run_test(size=(80, 24)) as pilot:
            chart = app.query_one(FiguresChart)
            chart.show(series, Texts("fi"))
            await pilot.pause()
            assert (chart.size.width, chart.size.height) == (80, 10)
            text = chart.render()
            lines = text.plain.split("\n")
            assert len(lines) == 10 and all(len(line) <= 80 for line in lines)
            assert lines[0].strip() == "Joukkoliikenne (JOUKKOLIIKENNE) · NETTOMENO · 1000 €"
            assert all(str(year) in lines[-2] for year in YEARS)
            assert lines[-1].split() == ["██", "TA+muutos", "██", "TP"]  # no toteuma recorded: none in the legend
            assert "-300" in text.plain and "-100" in text.plain

            blue, orange = _theme_rgb(app, "primary"), _theme_rgb(app, "accent")
            bars = _bars(chart)
            assert [h for h, c in bars if c == blue] == pytest.approx([0, 0, -244.5, -248.07, -244.0])
            assert [h for h, c in bars if c == orange] == pytest.approx([0, -162.792, -280.474, 0, 0])
            assert len(bars) == 10

            legend_colours = {span.style.color.get_truecolor()[:3] for span in text.spans
                              if not isinstance(span.style, str) and span.style.color is not None}
            assert {blue, orange} <= legend_colours

            app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
            await pilot.pause()
            chart.render()
            new_blue = _theme_rgb(app, "primary")
            assert new_blue != blue
            assert {c for _h, c in _bars(chart)} == {new_blue, _theme_rgb(app, "accent")}

    asyncio.run(scenario())


def test_a_long_name_is_shortened_so_that_plotext_keeps_the_title(kemijarvi):
    series = chart_series(kemijarvi.state, "KEV")
    assert series.name == "Konserni- ja elinvoimapalvelut"
    texts = Texts("fi")
    assert FiguresChart.title(series, texts, 80) == "Konserni- ja elinvoimapalvelut (KEV) · NETTOMENO · 1000 €"
    assert FiguresChart.title(series, texts, 47) == "Konserni- ja elinvo… (KEV) · NETTOMENO · 1000 €"
    assert FiguresChart.title(series, texts, 20) == "NETTOMENO · 1000 €", "no room for a name: the line alone"
    project = replace(series, name="Liikuntapaikkarakentaminen", node="SEINAJOEN-KAUPUNKI-I05",
                      account="INVESTOINNIT NETTO")
    assert FiguresChart.title(project, texts, 48) == "Liikuntapaikkarak… · INVESTOINNIT NETTO · 1000 €", \
        "a book's long code gives way to the name"

    async def scenario():
        app = ChartApp()
        async with app.run_test(size=(54, 24)) as pilot:  # the figures' side of the main screen at 80 columns
            chart = app.query_one(FiguresChart)
            chart.show(series, texts)
            await pilot.pause()
            title = chart.render().plain.split("\n")[0].strip()
            assert title.startswith("Konserni- ja") and title.endswith("… (KEV) · NETTOMENO · 1000 €")

    asyncio.run(scenario())


def test_the_chart_says_so_when_there_is_nothing_to_draw():
    empty = ChartSeries(NODE, "Joukkoliikenne", YEARS, (None,) * 5, (None,) * 5, (None,) * 5)

    async def scenario():
        app = ChartApp()
        async with app.run_test(size=(80, 24)) as pilot:
            chart = app.query_one(FiguresChart)
            chart.show(empty, Texts("en"))
            await pilot.pause()
            plain = chart.render().plain
            assert "No figures: NETTOMENO" in plain
            assert chart.plt.monitor.y == []

    asyncio.run(scenario())


def test_a_chart_not_yet_shown_draws_nothing():
    async def scenario():
        app = ChartApp()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.query_one(FiguresChart).render().plain == ""

    asyncio.run(scenario())


# --- on the main screen -------------------------------------------------------------------------


def test_g_shows_the_chart_of_the_selected_node_and_follows_the_cursor(kemijarvi):
    app = KirjuriApp(kemijarvi, today=dt.date(2026, 11, 22))

    async def scenario(app, pilot):
        main = app.main
        assert main.chart is None, "the chart (and plotext) is loaded only when first asked for"
        await pilot.press("g")
        await until(lambda: main.chart.series is not None and main.chart.series.node == main.selection.node)
        assert main.chart.display
        main.go_to(NODE)
        await settled(app)
        await until(lambda: main.chart.series.node == NODE)
        assert main.chart.series == chart_series(kemijarvi.state, NODE)
        await pilot.press("g")
        assert not main.chart.display
        await pilot.press("g")
        assert main.chart.display and len(main.query("#chart")) == 1

    run(app, scenario)


@pytest.mark.parametrize("lang, said", [("fi", "kuvaaja (Esc sulkee)"), ("sv", "diagram (Esc stänger)"),
                                        ("en", "chart (Esc closes it)")])
def test_escape_closes_the_chart_as_it_closes_a_screen_and_the_help_says_so(kemijarvi, lang, said):
    app = KirjuriApp(kemijarvi, today=dt.date(2026, 11, 22), lang=lang)

    async def scenario(app, pilot):
        main = app.main
        main.go_to(NODE)
        main.set_point(Point(on=dt.date(2026, 6, 1)))
        await settled(app)
        await pilot.press("g")
        await until(lambda: main.chart.series is not None)
        await pilot.press("escape")
        await settled(app)
        assert not main.chart.display and app.screen is main
        assert main.selection.node == NODE and not is_now(main.point), "the first Esc closes the chart, no more"
        await pilot.press("escape")
        await settled(app)
        assert is_now(main.point), "the next leaves the time travel, as before"
        assert ("g", said) in help_rows(app.texts)

    run(app, scenario)
