"""The ledger folded from its events: the state, the projections that read figures from it, previews."""
