"""What ``kirjuri verify`` reports: checks that pass or fail, each with its findings.

Kept apart from the checks themselves so the integrity checks (``verify``) and the
rules-of-authority checks (``authority``) speak the same language.

A finding, and a check's scope, carries a stable code of ``ledger.domain.refusals.FINDINGS`` and
its params (raw: positions, cents, dates, tuples), as a refusal does. ``what`` and ``scope``
are the English the CLI and the reports for the minutes print; ``say`` and ``say_scope``
give the same in another language (the terminal UI's, Finnish by default).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ledger.domain.refusals import reason


@dataclass(frozen=True)
class Finding:
    """One thing wrong, at a stored position (None when it concerns the log as a whole)."""

    seq: int | None
    #: in English, as the CLI prints it: ``code`` filled with ``params``
    what: str
    event_id: str = ""
    #: a key of ``ledger.domain.refusals.FINDINGS`` ("" for a finding made of a sentence only)
    code: str = ""
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    @classmethod
    def of(cls, seq: int | None, code: str, event_id: str = "", /, **params: object) -> Finding:
        """The finding ``code`` with its params, ``what`` said in English."""
        return cls(seq, reason(code, params), event_id, code, params)


@dataclass(frozen=True)
class Check:
    """One line of the report: a name, what it checks, and what it found."""

    name: str
    title: str
    findings: tuple[Finding, ...] = ()
    #: what was looked at ("161 events", "2 checkpoints"), for the reader of the minutes
    scope: str = ""
    #: the scope's key of ``ledger.domain.refusals.FINDINGS`` and its params ("" for a scope given as text)
    scope_code: str = ""
    scope_params: Mapping[str, object] = field(default_factory=dict, hash=False)
    #: warnings a clerk confirmed when writing the event (``ledger.audit.policy``): reported, never a failure
    confirmed: tuple[Finding, ...] = ()

    @classmethod
    def of(cls, name: str, title: str, findings: Iterable[Finding], scope_code: str, /,
           **scope_params: object) -> Check:
        """A check whose scope is ``scope_code`` with its params, ``scope`` said in English."""
        return cls(name, title, tuple(findings), reason(scope_code, scope_params), scope_code, scope_params)

    @property
    def passed(self) -> bool:
        return not self.findings


def say(finding: Finding, lang: str = "en") -> str:
    """What ``finding`` says, in ``lang``; one without a code says its English in every language."""
    return reason(finding.code, finding.params, lang) if finding.code else finding.what


def say_scope(check: Check, lang: str = "en") -> str:
    """What ``check`` looked at, in ``lang`` ("" when it does not say)."""
    return reason(check.scope_code, check.scope_params, lang) if check.scope_code else check.scope


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
        """The report as JSON-ready data (``kirjuri verify --json``); a finding's code names it for a program."""
        return {
            "passed": self.passed,
            "seq": self.seq,
            "head": self.head,
            "checks": [
                {"name": c.name, "title": c.title, "passed": c.passed, "scope": c.scope,
                 "findings": [{"seq": f.seq, "event_id": f.event_id, "what": f.what, "code": f.code}
                              for f in c.findings],
                 **({"confirmed": [{"seq": f.seq, "event_id": f.event_id, "what": f.what, "code": f.code}
                                   for f in c.confirmed]} if c.confirmed else {})}
                for c in self.checks
            ],
        }
