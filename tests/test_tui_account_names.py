"""The figures' account lines in the UI's language: a Swedish clerk reads the chart's Swedish names
(``events/chart.toml``), never a Finnish one; the Finnish UI keeps the stored keys the books print."""

from __future__ import annotations

from test_tui import run, settled
from test_tui_forms import demo, kirjuri  # noqa: F401  (the Kemijärvi ledger, the app on it in 2026)

from events import accounts
from tui.widgets.figures import LABEL_KEY

#: every Finnish name and key of the chart's käyttötalous accounts and derived lines, as a Swedish screen must not show
FINNISH = {a.names[0] for a in accounts.CHART.accounts.values()} | {a.key for a in accounts.CHART.accounts.values()}


def account_labels(app) -> list[str]:
    """The label cells of the figures table's account lines, as drawn."""
    table = app.main.figures
    return [table.get_cell(f"row:{i}", LABEL_KEY).plain.strip() for i, row in enumerate(table.view.rows)
            if row.kind == "account"]


def labels_in(demo, lang: str) -> list[str]:  # noqa: F811
    """The city's account lines in 2026, its books by account."""
    found: list[list[str]] = []

    async def scenario(app, pilot):
        app.main.go_to("KEMIJARVI")
        await settled(app)
        found.append(account_labels(app))

    run(kirjuri(demo, lang=lang), scenario)
    return found[0]


def test_a_swedish_figures_table_names_the_accounts_in_swedish(demo):  # noqa: F811
    labels = labels_in(demo, "sv")
    assert "Verksamhetsintäkter" in labels and "Utgifter" in labels, labels
    assert not FINNISH & set(labels), labels
    # at 80×24 a name too long for the label column is the chart's abbreviation of it, on one line
    assert "Övr. verks.int." in labels and "Material o. varor" in labels, labels
    assert [label for label in labels if "\n" in label] == [], labels


def test_a_finnish_figures_table_keeps_the_books_keys(demo):  # noqa: F811
    labels = labels_in(demo, "fi")
    assert "TOIMINTATUOTOT" in labels and "MENOT" in labels and "Verksamhetsintäkter" not in labels, labels
    assert "Aineet, tarvikkeet" in labels and [label for label in labels if "\n" in label] == [], labels
