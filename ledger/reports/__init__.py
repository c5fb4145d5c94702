"""Figures out: the books' own tables rebuilt from the ledger, workbooks, and the one atomic file writer."""
