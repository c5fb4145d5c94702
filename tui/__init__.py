"""Kirjuri's terminal UI (Textual): browse the organisation, its figures and its audit trail."""

from __future__ import annotations

from ledger.app import Kirjuri
from ledger.audit.authority import Rules

__all__ = ["run"]


def run(ledger: Kirjuri, *, lang: str = "fi", read_only: bool = False, rules: Rules | None = None) -> None:
    """Run the UI on an open ledger until the user quits.

    Textual is imported here, not at the top, so a command that never opens the UI
    does not pay for loading it.
    """
    from tui.app import KirjuriApp

    KirjuriApp(ledger, lang=lang, read_only=read_only, rules=rules).run()
