"""What the audit committee relies on: verify, its findings, the rules of authority, the committee's reports."""
