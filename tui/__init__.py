"""Kirjuri's terminal UI (Textual): browse the organisation, its figures and its audit trail."""
