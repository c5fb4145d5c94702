"""Importers: turn budget-book text (PDF extracts) into exact figures, reporting what they cannot decide."""
