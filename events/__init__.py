"""Kirjuri's event vocabulary (model, accounts, canonical codec).

Imports nothing from the rest of Kirjuri, so every other package can depend on it.
"""
