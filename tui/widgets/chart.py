"""The figures chart: a node's NETTOMENO TA+muutos, toteuma and TP over the fiscal years.

Grouped bars, one group a year, in thousands of euros. The series come from
``tui.chart_data`` (integer cents); only here, at drawing time, do they become floats,
because a plot's axis needs them. Axis ticks are round thousands chosen in cents and
labelled the books' way ("-3 000"), so no float is ever printed. A year without a
value has no bar; a column without any value is left out, legend included.

The plot follows the app's theme: textual-plotext's "auto" theme paints the canvas in
$surface and $foreground, and the bars take $primary, $success and $accent, read at
each drawing, so a theme change redraws them in the new colours. The legend is a line
of its own under the plot, not plotext's, which would be drawn over the bars.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import RenderResult
from textual.color import Color
from textual_plotext import PlotextPlot

from ledger.domain.text import shown
from tui.chart_data import ChartSeries, axis_ticks, thousands
from tui.i18n import Texts
from tui.viewmodel import account_text

#: the theme variable each column's bars are drawn in
COLOURS = {"TA+MUUTOS": "primary", "TOTEUMA": "success", "TP": "accent"}
#: cents in a thousand euros: the unit of the value axis
THOUSAND = 100_000
#: rows the plot spends on its title, its frame's two lines and the years under it
FRAME_ROWS = 4
#: the bars' glyph: half blocks, twice the vertical resolution of full blocks
MARKER = "hd"


class FiguresChart(PlotextPlot):
    """Shows a ``ChartSeries``: ``show(series, texts)``, redrawn at every size and theme."""

    DEFAULT_CSS = """
    FiguresChart { height: 10; min-height: 6; background: $surface; color: $foreground; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.series: ChartSeries | None = None
        self.texts: Texts | None = None

    def show(self, series: ChartSeries, texts: Texts) -> None:
        """Draw ``series`` with ``texts``' labels (from the next refresh on)."""
        self.series = series
        self.texts = texts
        self.refresh()

    # --- drawing ---------------------------------------------------------------------------------

    def render(self) -> RenderResult:
        """The plot in all rows but the last, then the legend; as ``PlotextPlot.render``, sized each time."""
        series, texts = self.series, self.texts
        if series is None or texts is None:
            return Text()
        width, height = self.size.width, max(self.size.height - 1, 1)
        self._draw(series, texts, width, height)
        plt = self.plt
        plt.plotsize(width, height)
        plt._set_size(width, height)  # what PlotextPlot.render does too (textual-plotext issue 5)
        plt.theme(self._get_plotext_theme_name(self.app.theme))
        return Text("\n").join([Text.from_ansi(plt.build().removesuffix("\n")), self.legend(series, texts)])

    def _draw(self, series: ChartSeries, texts: Texts, width: int, height: int) -> None:
        plt = self.plt
        plt.clear_figure()
        columns = series.columns()
        if not columns:
            plt.xticks([], [])
            plt.yticks([], [])
            plt.text(texts("chart.empty", account=account_text(series.account, texts)), 0, 0, alignment="center")
            plt.xlim(-1, 1)
            plt.ylim(-1, 1)
            plt.title(self.title(series, texts, width - 2))
            return
        values = [v for _column, vs in columns for v in vs]
        ticks = axis_ticks(values, intervals=height - FRAME_ROWS - 1)
        plt.multiple_bar(
            [str(year) for year in series.years],
            [[0.0 if v is None else v / THOUSAND for v in vs] for _column, vs in columns],
            color=[self.colour(column) for column, _vs in columns],
            marker=MARKER,
        )
        labels = [thousands(t) for t in ticks]
        plt.yticks([t / THOUSAND for t in ticks], labels)
        # plotext centres the title over the canvas, right of the tick labels, and drops it if it overflows
        plt.title(self.title(series, texts, width - max(len(label) for label in labels) - 1))
        plt.ylim(ticks[0] / THOUSAND, ticks[-1] / THOUSAND)

    @staticmethod
    def title(series: ChartSeries, texts: Texts, width: int) -> str:
        """"Name (CODE) · NETTOMENO · 1000 €", the name shortened with "…" to fit (plotext drops a longer one); where
        the code leaves the name no room (a project's from a book), the name without it, else the line alone."""
        unit = " · " + texts("chart.unit")
        account = account_text(series.account, texts)
        for key in ("chart.title", "chart.title_part") if series.coded else ("chart.title_part",):
            title = texts(key, name=series.name, code=series.node, account=account) + unit
            if len(title) <= width:
                return title
            bare = texts(key, name="", code=series.node, account=account) + unit
            room = width - len(bare) - 1
            if room > 0:
                return shown(series.name)[:room] + "…" + bare
        return account + unit

    def colour(self, column: str) -> tuple[int, int, int]:
        """The column's colour in the app's theme, as plotext takes it."""
        return Color.parse(self.app.theme_variables[COLOURS[column]]).rgb

    def legend(self, series: ChartSeries, texts: Texts) -> Text:
        """"██ TA+muutos   ██ TP": each drawn column in its colour, centred."""
        parts: list[Text | str] = []
        for column, _values in series.columns():
            if parts:
                parts.append("   ")
            parts.append(Text("██", style=Style(color=Color(*self.colour(column)).rich_color)))
            parts.append(" " + texts(f"chart.{column}"))
        line = Text.assemble(*parts)
        line.align("center", self.size.width)
        return line
