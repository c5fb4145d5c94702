"""A form's heading at 80×24 is read whole: the reversal's names the event and every change it undoes,
folded onto as many lines as it needs rather than cut at the screen's edge (an amount with it)."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from conftest import restore_example
from cut import screen_lines
from test_screens_80x24 import keys
from test_tui import settled, until

from tui.app import KirjuriApp
from tui.screens.form import FormScreen


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_reversal_forms_heading_folds_and_is_read_to_its_end(tmp_path, lang):
    ledger = restore_example(tmp_path, "kemijarvi")
    app = KirjuriApp(ledger, today=dt.date(2026, 11, 22), lang=lang)
    shown: list[str] = []

    async def main() -> None:
        async with app.run_test(size=(80, 24)):
            await settled(app)
            app.screen.trail.focus()
            await keys(app, "r")
            await until(lambda: isinstance(app.screen, FormScreen))
            await settled(app)
            title = app.screen.query_one("#form-title")
            await until(lambda: title.region.height > 0)
            lines = screen_lines(app)
            shown.extend(line[title.region.x:title.region.right].strip() for line in lines[title.region.y:title.region.bottom])

    asyncio.run(main())
    ledger.close()
    heading = " ".join(shown)
    assert len(shown) > 1 and heading.startswith(("Peru tapahtuma #161", "Annullera händelse #161")), shown
    assert heading.endswith("(+15)") and "-334\u00a0000;" in heading, shown
