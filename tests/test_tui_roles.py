"""The terminal UI as a role of a department's PostgreSQL (`kirjuri db init`, tests/test_db_roles.py).

The auditor may only read: opened without --read-only the form opens, and a write is
refused by the database itself. The form says so in one line naming the role and the
table, nothing is written, and the UI keeps running.
"""

from __future__ import annotations

import datetime as dt

import test_db_roles
from test_db_roles import count
from test_tui import run, settled
from test_tui_forms import form_of, go_to, press

from ledger.app import Kirjuri
from ledger.store.log import Target
from tui.app import KirjuriApp
from tui.screens.form import FormScreen
from tui.screens.main import MainScreen

#: the department test_db_roles sets up (db init, then the clerk restores the small example), once for this module
dept = test_db_roles.dept


def test_the_auditors_amendment_in_the_form_is_refused_by_the_database_in_one_line(dept):
    before = count(dept)
    ledger = Kirjuri(Target(postgres_url=dept.urls["auditor"]), author="tarkastaja")
    app = KirjuriApp(ledger, today=dt.date(2025, 11, 22))

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKO")
        await press(app, "a", *"-12 000", "tab", *"KV 9.6.2025 § 41")
        form = form_of(app)
        await press(app, "ctrl+s")
        assert app.screen is form, "the form stays open"
        message = form.query_one("#message").said.plain
        assert message == (f"the database refused role {dept.names['auditor']} writing to table kirjuri_events: "
                           "permission denied (nothing was written; this role may only read the ledger)")
        assert form.query_one("#message").has_class("-wrong")
        assert ledger.state.seq == before[0]
        await press(app, "escape")
        await settled(app)
        assert isinstance(app.screen, MainScreen), "the UI keeps running"
        await go_to(app, pilot, "JOUKKO")
        await press(app, "a")
        assert isinstance(app.screen, FormScreen), "and a form opens again"
        await press(app, "escape")

    try:
        run(app, scenario)
    finally:
        ledger.close()
    assert count(dept) == before
