"""`kirjuri`, the command line: parses what a clerk types, calls the application, prints with rich.

One module per group of commands (changes, figures, reports, books, committee, database,
ui), put together in cli/app.py. Imports run one way: cli → tui → ledger → events.
"""
