"""Kirjuri's ledger: rules, store, projections, services, importers, reports and the CLI."""
