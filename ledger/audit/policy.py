"""One rule engine for writing and for verifying (issue 18): the checks of ``ledger.audit.authority`` on an event.

A change is judged by the same functions (``authority.breaches``) when a clerk writes it (``enforce``, from
``Kirjuri``'s write path) and when the committee verifies the ledger (``Judged``, from ``kirjuri verify``'s one
pass over the log), each against the state before the event, so the two cannot come to disagree. Each check
has a stable code and an action the rules set (``Rules.actions``, defaults in ``authority.POLICY``):

- ``stop``: the change is refused, nothing is written, and the refusal names the rule;
- ``warn``: it is written only if the author confirms the warning by its code; the event then carries the
  codes it confirmed (``Event.confirmed``), and ``verify`` reports it as a confirmed warning, not a finding;
- ``off``: it is neither refused nor reported.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import replace

import msgspec

from events.model import Decision, Event, Reallocated, RulesAdopted, Stored
from ledger.audit import authority
from ledger.audit.authority import POLICY, Breach, Rules, breaches, overrun_check
from ledger.audit.findings import Check, Finding
from ledger.domain import rules as domain_rules
from ledger.domain.refusals import Rejected
from ledger.fold.state import LedgerState

#: the overrun codes: their findings are the committee's view of the ledger as a whole (``overrun_check``);
#: an event's own explains, when confirmed, the overrun it made
OVERRUNS = ("authority.overrun", "authority.forecast_overrun")


def judge(rules: Rules, state: LedgerState, event: Event) -> list[tuple[Breach, str]]:
    """Every breach of ``event`` onto ``state`` with its action under ``rules``, those turned off left out."""
    return [(breach, action) for breach in breaches(rules, state, event)
            if (action := rules.action(breach.code)) != "off"]


def enforce(rules: Rules, state: LedgerState, event: Event, confirm: Collection[str] = ()) -> Event:
    """``event`` as it may be written onto ``state``: with the warnings it confirms, or refused.

    A breach whose action is ``stop`` raises ``Rejected`` ("rule.stop") naming the rule; a ``warn`` not
    in ``confirm`` raises "rule.warn", saying how to confirm it. Confirmed, the event records the codes.
    """
    if isinstance(event, RulesAdopted):
        authority.adopted_rules(event)  # rules that cannot be used are refused, whoever adopts them
    judged = judge(rules, state, event)
    for breach, action in judged:
        if action == "stop":
            raise Rejected(breach.field, breach.code, "rule.stop", finding=(breach.code, breach.params))
    for breach, _action in judged:
        if breach.code not in confirm:
            raise Rejected(breach.field, breach.code, "rule.warn", finding=(breach.code, breach.params),
                           rule=breach.code)
    warned = tuple(sorted({breach.code for breach, _action in judged}))
    return msgspec.structs.replace(event, confirmed=warned) if warned else event


def decision_stops(rules: Rules, state: LedgerState, event: Event) -> list[Rejected]:
    """The refusals ("rule.stop") of the checks that read only the decision, the kind and the year (its body, its
    date): what a form says of its decision while another field is still wrong (``forms.evaluate``)."""
    return [Rejected(breach.field, breach.code, "rule.stop", finding=(breach.code, breach.params))
            for check in (authority.body_breaches, authority.date_breaches) for breach in check(rules, state, event)
            if rules.action(breach.code) == "stop"]


def confirmed_of(event: Event) -> tuple[str, ...]:
    """The warnings the event's author confirmed (none for an event stored before there were any)."""
    return () if event.confirmed is msgspec.UNSET else event.confirmed


class Judged:
    """What ``kirjuri verify`` finds event by event, by the same checks as the write path: fed each stored event
    with the state before it, it gives the committee's lines (``checks``)."""

    def __init__(self, rules: Rules, final: Rules | None = None):
        #: the rules in force for the next event: the file's (or kuntalaki's minimum), then each adoption's
        self.rules = rules
        #: s23-rules: the rules in force at the end of the log when the ledger adopted any (None: the file's
        #: throughout), by which the committee's view of the overruns is judged (``checks``)
        self.final = final
        self.findings: dict[str, list[Finding]] = {"authority": [], "reallocations": [], "overruns": []}
        self.confirmed: dict[str, list[Finding]] = {name: [] for name in self.findings}
        #: (year, binding unit, line, forecast) -> the largest overrun a clerk confirmed there
        self.overruns: dict[tuple, int] = {}
        self.decisions = self.reallocations = 0

    def event(self, state: LedgerState, record: Stored) -> None:
        event = record.event
        if event.decision is not None or isinstance(event, domain_rules.NEEDS_DECISION):
            self.decisions += 1
        if isinstance(event, Reallocated):
            self.reallocations += 1
        confirmed = confirmed_of(event)
        judged = judge(self.rules, state, event)
        if self.final is not None and self.final != self.rules:
            self._explained_then(state, event, judged, confirmed)
        for breach, action in judged:
            check = POLICY[breach.code][0]
            if action == "warn" and breach.code in confirmed:
                self.confirmed[check].append(Finding.of(record.seq, "authority.confirmed", event.id,
                                                        warning=(breach.code, breach.params), by=event.author))
                if breach.code in OVERRUNS:
                    p = breach.params
                    key = (p["year"], p["unit"], p["line"], breach.code != "authority.overrun")
                    self.overruns[key] = max(self.overruns.get(key, p["over"]), p["over"])
            elif breach.code not in OVERRUNS:
                self.findings[check].append(replace(breach.finding, seq=record.seq, event_id=event.id))
        if isinstance(event, RulesAdopted):
            self._adopted(record)

    def checks(self, state: LedgerState) -> list[Check]:
        """The committee's lines: who decided and when, reallocations across binding units, and overruns."""
        rules = self.rules
        authority_check = Check.of("authority", "Every decision by a body entitled to it under the rules, dated within "
                             "its window", self.findings["authority"], "scope.decisions", count=self.decisions)
        moves = Check.of("reallocations", f"Reallocations stay inside a binding unit ({rules.level}) unless the "
                         "valtuusto decided them", self.findings["reallocations"], "scope.reallocations",
                         count=self.reallocations)
        overruns = overrun_check(self.final or rules, state, self.overruns, tuple(self.findings["overruns"]))
        return [replace(check, confirmed=tuple(self.confirmed[check.name]))
                for check in (authority_check, moves, overruns)]

    # --- s23-rules: each event judged by the rules in force when it was recorded ---

    def _adopted(self, record: Stored) -> None:
        """The rules an adoption holds are in force for every event recorded after it; an adoption whose rules
        cannot be used (written past the write path, by hand) is a finding, and the rules before it stay."""
        event = record.event
        try:
            self.rules = authority.adopted_rules(event)
        except Rejected as exc:
            self.findings["authority"].append(Finding.of(
                record.seq, "authority.rules_invalid", event.id, decision=_cited(event),
                reason=("rules.refused", {"field": exc.field, "value": exc.value, "refusal": (exc.code, exc.params)})))

    def _explained_then(self, state: LedgerState, event: Event, judged: list[tuple[Breach, str]],
                        confirmed: tuple[str, ...]) -> None:
        """An event the rules then in force let by without an unconfirmed overrun explains the overruns it made
        as the rules in force now see them (their binding level and line, to the cent): rules adopted later
        do not flag it after the fact."""
        if any(b.code in OVERRUNS and b.code not in confirmed for b, _action in judged):
            return
        now = dataclasses.replace(self.final, tolerance=0)
        for breach in authority.overrun_breaches(now, state, event):
            p = breach.params
            key = (p["year"], p["unit"], p["line"], breach.code != "authority.overrun")
            self.overruns[key] = max(self.overruns.get(key, p["over"]), p["over"])


def _cited(event: Event) -> Decision | str:
    """The event's decision, said in the finding's language when the finding is (a dash when it has none)."""
    return event.decision if event.decision is not None else "–"


__all__ = ["Judged", "confirmed_of", "enforce", "judge"]
