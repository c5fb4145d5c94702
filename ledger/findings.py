"""What ``kirjuri verify`` reports: checks that pass or fail, each with its findings.

Kept apart from the checks themselves so the integrity checks (``verify``) and the
rules-of-authority checks (``authority``) speak the same language.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    """One thing wrong, at a stored position (None when it concerns the log as a whole)."""

    seq: int | None
    what: str
    event_id: str = ""


@dataclass(frozen=True)
class Check:
    """One line of the report: a name, what it checks, and what it found."""

    name: str
    title: str
    findings: tuple[Finding, ...] = ()
    #: what was looked at ("161 events", "2 checkpoints"), for the reader of the minutes
    scope: str = ""

    @property
    def passed(self) -> bool:
        return not self.findings


@dataclass(frozen=True)
class Verification:
    """The whole report: the head it verified, and each check."""

    seq: int
    head: str
    checks: tuple[Check, ...] = field(default_factory=tuple)

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    def to_builtins(self) -> dict:
        """The report as JSON-ready data (``kirjuri verify --json``)."""
        return {
            "passed": self.passed,
            "seq": self.seq,
            "head": self.head,
            "checks": [
                {"name": c.name, "title": c.title, "passed": c.passed, "scope": c.scope,
                 "findings": [{"seq": f.seq, "event_id": f.event_id, "what": f.what} for f in c.findings]}
                for c in self.checks
            ],
        }
