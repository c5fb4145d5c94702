"""Property (issue 18): written means verified. One rule engine judges a change when it is written and when
the ledger is verified (``ledger.audit.policy``), so under any rules a municipality may have:

- everything the write path accepts, ``verify`` under the same rules passes, but for the warnings that were
  confirmed when written, which it reports as confirmed, never as findings;
- everything ``verify`` would flag was refused (a stop, or a warning not confirmed) or confirmed: a change the
  write path refused, written anyway without the rules, is a finding.

Rules are generated (binding level and line, the bodies per kind of change, every check's action, deadlines,
tolerance), and so are command sequences: amendments decided in and out of their year, reallocations within
and across binding units by every body, proposals to any body and their decisions, KS, and toteuma, TPE and TP
that overrun, KS plans of the whole budget, service transfers of a unit to another parent, a book's statements
of a node's appropriation (``BreakdownStated``), and reversals of any of them. A second profile keeps kuntalaki's
bodies and plans the budget, then cuts it: a KS past TA+muutos is judged alike on every write that makes one
(``authority.ks_over``). Each command is tried as a clerk would: unconfirmed, and if
a warning stops it, sometimes again confirming what the warning names. Runs on SQLite, and a smaller profile on
PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import msgspec
import pytest
from conftest import KV, Clock, small_city
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from pg_server import fresh_database

from events.model import BODIES, BreakdownStated, Decision, Line, Stored
from ledger.app import Kirjuri
from ledger.audit import authority
from ledger.audit.policy import OVERRUNS, confirmed_of
from ledger.domain.refusals import Rejected
from ledger.store.log import Target

D = dt.date
LEAVES = ("JL", "KP", "TP", "TY")
#: decisions a clerk may type: of each body, in the year, after it (an overrun's approval) and before it
DECISIONS = (
    Decision(body="valtuusto", date=D(2025, 3, 10), section="21"),
    Decision(body="valtuusto", date=D(2025, 12, 15), section="90"),
    Decision(body="valtuusto", date=D(2026, 2, 16), section="9"),
    Decision(body="valtuusto", date=D(2026, 5, 4), section="40"),
    Decision(body="valtuusto", date=D(2024, 12, 9), section="80"),
    Decision(body="hallitus", date=D(2025, 4, 7), section="55"),
    Decision(body="lautakunta", date=D(2025, 5, 12), section="7", organ="Elinvoimalautakunta"),
    Decision(body="viranhaltija", date=D(2025, 6, 2), section="3"),
)
#: the kinds of change the generated rules set the bodies of (the rest keep kuntalaki's minimum)
KINDS = ("amendment", "reallocation_within", "reallocation_across", "ks", "tp", "tpe", "toteuma", "transfer")
COUNTS: Counter = Counter()

SETTINGS = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                     HealthCheck.too_slow])


# --- strategies -------------------------------------------------------------------------------------


@st.composite
def rules(draw) -> authority.Rules:
    bodies = dict(authority.DEFAULT.bodies)
    for kind in KINDS:
        bodies[kind] = tuple(draw(st.lists(st.sampled_from(BODIES), unique=True, max_size=3)))
    actions = {code: draw(st.sampled_from(authority.ACTIONS)) for code in authority.POLICY}
    return dataclasses.replace(
        authority.DEFAULT, level=draw(st.sampled_from(("toimiala", "vastuualue", "yksikkö"))),
        line=draw(st.sampled_from(("NETTOMENO", "MENOT"))), gross=tuple(draw(st.sets(st.sampled_from(LEAVES)))),
        tolerance=draw(st.sampled_from((0, 100, 50_000))), bodies=bodies, actions=actions,
        amendments_by=draw(st.sampled_from(((31, 12), (30, 11)))),
        overruns_by=draw(st.sampled_from(((31, 3), (28, 2)))))


cents = st.integers(1, 800_000)
decisions = st.sampled_from(DECISIONS)


@st.composite
def lines(draw, negative: bool = True) -> tuple[Line, ...]:
    units = draw(st.lists(st.sampled_from(LEAVES), min_size=1, max_size=2, unique=True))
    sign = -1 if negative else draw(st.sampled_from((-1, 1)))
    return tuple(Line(unit, "MENOT", sign * draw(cents)) for unit in units)


moves = st.lists(st.tuples(st.sampled_from(LEAVES), st.sampled_from(LEAVES), cents).filter(lambda m: m[0] != m[1]),
                 min_size=1, max_size=2)
#: where a transfer may move a unit (an empty vastuualue ET-KE under ET included), and the nodes a book may state
#: an appropriation of (binding or not, by the rules drawn)
PARENTS = ("HP-YH", "ET-KE", "ET", "HP")
STATED = ("HP-YH", "ET-KE", "HP", "JL", "TY")
#: the kinds a generated reversal picks its target from
REVERSIBLE = ("ta_adopted", "ta_amended", "reallocated", "ks_set", "toteuma_recorded", "tpe_recorded", "tp_recorded",
              "service_transferred", "breakdown_stated")
statement = st.tuples(st.sampled_from(STATED), st.sampled_from(("TA", "TA+MUUTOS")),
                      st.sampled_from(("MENOT", "TULOT")), st.integers(0, 2_000_000))
command = st.one_of(
    st.tuples(st.just("transfer"), st.sampled_from(LEAVES), st.sampled_from(PARENTS), decisions),
    st.tuples(st.just("breakdown"), statement),
    st.tuples(st.just("reverse"), st.integers(0, 40)),
    st.tuples(st.just("amend"), lines(negative=False), decisions),
    st.tuples(st.just("realloc"), moves, decisions),
    st.tuples(st.just("propose_amend"), lines(negative=False), st.sampled_from(BODIES)),
    st.tuples(st.just("propose_realloc"), moves, st.sampled_from(BODIES)),
    st.tuples(st.just("decide"), st.integers(0, 5), st.booleans(), decisions),
    st.tuples(st.just("ks"), lines(), st.one_of(st.none(), decisions)),
    st.tuples(st.just("plan"), moves, decisions),
    st.tuples(st.just("toteuma"), lines(), st.integers(0, 3)),
    st.tuples(st.just("tpe"), lines(), st.one_of(st.none(), decisions)),
    st.tuples(st.just("tp"), lines(), st.one_of(st.none(), decisions)),
)
#: the writes that move a binding unit's KS or its TA+muutos, each decided by the valtuusto in the year (entitled
#: to every kind of change, in every window): a plan of the whole budget, then what may cut it
entitled = st.just(DECISIONS[0])
ks_command = st.one_of(
    st.tuples(st.just("plan"), moves, entitled),
    st.tuples(st.just("amend"), lines(negative=False), entitled),
    st.tuples(st.just("realloc"), moves, entitled),
    st.tuples(st.just("transfer"), st.sampled_from(LEAVES), st.sampled_from(PARENTS), entitled),
    st.tuples(st.just("breakdown"), statement),
    st.tuples(st.just("reverse"), st.integers(0, 40)),
)
#: how the clerk answers a warning: never confirms, or confirms the warning named and tries again
clerk = st.sampled_from(("never", "confirms", "confirms"))


# --- running commands ------------------------------------------------------------------------------


def execute(app: Kirjuri, cmd: tuple) -> list[Stored]:
    kind = cmd[0]
    on = D(2025, 6, 1)
    if kind == "amend":
        return [app.amend(2025, list(cmd[1]), effective=on, decision=cmd[2])]
    if kind == "realloc":
        return [app.reallocate(2025, [(a, "MENOT", b, "MENOT", c) for a, b, c in cmd[1]], effective=on,
                               decision=cmd[2])]
    if kind == "propose_amend":
        change = app.amendment(2025, list(cmd[1]), effective=on, decision=None)
        return [app.propose(change, to_body=cmd[2])]
    if kind == "propose_realloc":
        change = app.reallocation(2025, [(a, "MENOT", b, "MENOT", c) for a, b, c in cmd[1]], effective=on,
                                  decision=None)
        return [app.propose(change, to_body=cmd[2])]
    if kind == "decide":
        pending = [seq for seq in app.state.proposals if app.state.standing_decision(seq) is None
                   and app.state.alive(seq, app.state.seq)]
        if not pending:
            raise Rejected("proposal", "", "proposal.unknown")
        proposal = app.state.proposals[pending[cmd[1] % len(pending)]]
        decision = msgspec.structs.replace(cmd[3], body=proposal.to_body)
        return app.decide(proposal.id, approved=cmd[2], decision=decision)
    if kind in ("transfer", "breakdown", "reverse"):
        return _organised(app, cmd)
    if kind == "plan":
        return [app.record("ks", 2025, planned(app, cmd[1]), decision=cmd[2])]
    if kind == "toteuma":
        start = D(2025, 1, 1) + dt.timedelta(days=91 * cmd[2])
        return [app.record("toteuma", 2025, list(cmd[1]), period=(start, start + dt.timedelta(days=90)))]
    return [app.record(kind, 2025, list(cmd[1]), decision=cmd[2])]


def planned(app: Kirjuri, shifts: list[tuple[str, str, int]]) -> list[Line]:
    """A KS of the whole budget: each unit's MENOT and TULOT planned at its own TA+muutos (HK's too), with
    ``shifts`` of MENOT moved from one unit's plan to another's (a unit planned past its own appropriation on its
    binding unit's slack), so that what cuts a binding unit's TA+muutos next (a reversal, a transfer, a statement)
    takes it below its KS."""
    own = {unit: app.state.own_figures(2025, unit) for unit in (*LEAVES, "HK")}
    plan = {(unit, account): cells.get((account, "TA"), 0) + cells.get((account, "MUUTOS"), 0)
            for unit, cells in own.items() for account in ("MENOT", "TULOT")}
    for source, to, amount in shifts:
        plan[(source, "MENOT")] += amount
        plan[(to, "MENOT")] -= amount
    return [Line(unit, account, amount) for (unit, account), amount in plan.items() if amount]


def _organised(app: Kirjuri, cmd: tuple) -> list[Stored]:
    """A service transfer, a statement of a node's appropriation (MENOT a cost, TULOT an income), or the reversal
    of one of the events written so far (picked by ``cmd[1]`` among those a reversal may undo)."""
    kind, on = cmd[0], D(2025, 6, 1)
    if kind == "transfer":  # to another parent than its own (the same one is a plain refusal, not the rules')
        now = app.state.parents(2025).get(cmd[1])
        to = cmd[2] if cmd[2] != now else PARENTS[(PARENTS.index(cmd[2]) + 1) % len(PARENTS)]
        return [app.transfer(cmd[1], to, effective=on, decision=cmd[3])]
    if kind == "breakdown":
        unit, column, account, cents_ = cmd[1]
        line = Line(unit, account, -cents_ if account == "MENOT" else cents_)
        return app.submit(BreakdownStated(id=app.new_id(), effective=on, recorded_at=app.clock(), author=app.author,
                                          year=2025, column=column, lines=(line,)))
    state = app.state
    targets = [seq for seq in range(1, state.seq + 1) if state.kind(seq) in REVERSIBLE and state.alive(seq, state.seq)]
    if not targets:
        raise Rejected("target", "", "event.unknown")
    return [app.reverse(f"#{targets[cmd[1] % len(targets)]}", reason="kirjattu väärin")]


def attempt(app: Kirjuri, cmd: tuple, answer: str) -> tuple[list[Stored], Rejected | None]:
    """The command as a clerk runs it: refused, or written (after confirming the warnings, if the clerk does)."""
    app.confirm = frozenset()
    confirming: set[str] = set()
    while True:
        seq = app.state.seq
        try:
            return execute(app, cmd), None
        except Rejected as refusal:
            assert app.state.seq == seq == app.eventlog.head_seq(), "refused, yet something was written"
            if refusal.code != "rule.warn" or answer == "never" or refusal.value in confirming:
                return [], refusal
            confirming.add(refusal.value)
            app.confirm = frozenset(confirming)


@contextmanager
def city_on(target: Target):
    """The small city with its TA 2025, an empty vastuualue ET-KE a transfer may fill, and HK under HP-YH (no
    command names it) that has spent most of its budget: a change that moves HP-YH's budget meets a toteuma."""
    app = Kirjuri(target, create=True, author="kirjaaja", clock=Clock())
    try:
        small_city(app)
        app.register_unit("ET-KE", "Kehittäminen", "vastuualue", "ET", effective=D(2020, 1, 1))
        app.register_unit("HK", "Hankinnat", "yksikkö", "HP-YH", effective=D(2020, 1, 1))
        app.adopt(2025, [Line("JL", "MENOT", -1_000_000), Line("KP", "MENOT", -600_000), Line("TP", "MENOT", -400_000),
                         Line("TY", "MENOT", -900_000), Line("TY", "TULOT", 200_000), Line("HK", "MENOT", -1_000_000)],
                  decision=KV)
        app.record("toteuma", 2025, [Line("HK", "MENOT", -900_000)], period=(D(2025, 1, 1), D(2025, 12, 31)))
        yield app
    finally:
        app.close()


# --- the property ------------------------------------------------------------------------------------


def written_means_verified(target: Target, the_rules: authority.Rules, cmds: list[tuple], answers: list[str]) -> None:
    with city_on(target) as app:
        app.rules_of = the_rules
        refused = None
        for cmd, answer in zip(cmds, answers):
            written, refusal = attempt(app, cmd, answer)
            note(f"{cmd} -> {refusal or [type(r.event).__name__ for r in written]}")
            COUNTS["commands"] += 1
            if refusal is not None:
                COUNTS["refused"] += 1
                COUNTS[f"{cmd[0]}: refused ({refusal.code})"] += 1
                if refusal.code in ("rule.stop", "rule.warn"):
                    COUNTS[f"refused by the rules ({refusal.code})"] += 1
                    COUNTS[f"{cmd[0]}: judged {refusal.value}"] += 1
                    COUNTS[f"{cmd[0]}: refused by the rules"] += 1
                    refused = cmd
                continue
            COUNTS["accepted"] += 1
            COUNTS[f"{cmd[0]}: accepted"] += 1
            for code in {code for r in written for code in confirmed_of(r.event)}:
                COUNTS[f"{cmd[0]}: judged {code}"] += 1
            if any(confirmed_of(r.event) for r in written):
                COUNTS["accepted with a confirmed warning"] += 1
                COUNTS[f"{cmd[0]}: accepted with a confirmed warning"] += 1
        app.confirm = frozenset()
        report = app.verify(rules_of=the_rules)
        assert report.passed, [(c.name, [f.what for f in c.findings]) for c in report.checks if not c.passed]
        confirmations = [f for c in report.checks for f in c.confirmed]
        COUNTS["confirmed warnings verify reported"] += len(confirmations)
        for finding in confirmations:
            record = app.records([finding.seq])[finding.seq]
            assert finding.params["warning"][0] in confirmed_of(record.event)
            assert finding.params["by"] == record.event.author
        if refused is not None:
            flagged_once_written_without_the_rules(app, the_rules, refused)


def flagged_once_written_without_the_rules(app: Kirjuri, the_rules: authority.Rules, cmd: tuple) -> None:
    """The last change the rules refused, if they would still refuse it: written without them (as a clerk of an
    older version would have), verify under the same rules names it; or, refused for an overrun, verify explains
    it by an overrun as large confirmed there before (gone since, and back): the write path warns of it again."""
    try:
        execute(app, cmd)  # as it stands now, with nothing confirmed
    except Rejected as exc:
        if exc.code not in ("rule.stop", "rule.warn"):
            return
        refusal = exc
    else:
        return  # the ledger has changed since: nothing would be refused now
    app.rules_of = authority.UNCHECKED
    written = execute(app, cmd)
    report = app.verify(rules_of=the_rules)
    seqs = {r.seq for r in written}
    found = [f for c in report.checks for f in c.findings if f.seq in seqs or f.seq is None]
    if not found and refusal.value in OVERRUNS:
        assert explained_before(report, *refusal.params["finding"]), f"{cmd}: refused, neither flagged nor explained"
        COUNTS["refused as an overrun, written without the rules, explained by an earlier confirmation"] += 1
        return
    assert found, f"{cmd}: refused by the rules, yet verify under them finds nothing once it is written"
    COUNTS["refused, written without the rules, flagged by verify"] += 1


def explained_before(report, code: str, params: dict) -> bool:
    """Verify reports a confirmed warning of the same overrun (year, binding unit, line), as large or larger."""
    key = ("year", "unit", "line")
    return any(f.params["warning"][0] == code and all(f.params["warning"][1][k] == params[k] for k in key)
               and f.params["warning"][1]["over"] >= params["over"] for c in report.checks for f in c.confirmed)


examples = st.tuples(rules(), st.lists(st.tuples(command, clerk), min_size=1, max_size=16))


@st.composite
def binding(draw) -> authority.Rules:
    """Kuntalaki's bodies and every check's own action (nothing stops a plan or what cuts it), bound where drawn."""
    return dataclasses.replace(
        authority.DEFAULT, level=draw(st.sampled_from(("toimiala", "vastuualue", "yksikkö"))),
        line=draw(st.sampled_from(("NETTOMENO", "MENOT"))), gross=tuple(draw(st.sets(st.sampled_from(LEAVES)))),
        tolerance=draw(st.sampled_from((0, 100))))


ks_examples = st.tuples(binding(), st.lists(st.tuples(ks_command, clerk), min_size=1, max_size=10))


def _run(target_of, max_examples: int, strategy=examples, derandomize: bool = False) -> Counter:
    COUNTS.clear()

    @settings(max_examples=max_examples, derandomize=derandomize, **SETTINGS)
    @given(example=strategy)
    def check(example):
        the_rules, steps = example
        COUNTS["examples"] += 1
        written_means_verified(target_of(), the_rules, [c for c, _a in steps], [a for _c, a in steps])

    check()
    print(f"\nwritten means verified ({max_examples} examples asked):", dict(sorted(COUNTS.items())))
    return Counter(COUNTS)


def test_written_means_verified_on_sqlite():
    tmp = tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None)  # no disk waits
    paths = (Path(tmp.name) / f"l{i}.sqlite" for i in range(10_000))
    try:
        counts = _run(lambda: Target(sqlite_path=next(paths)), 300)
    finally:
        tmp.cleanup()
    # the generator reaches every outcome the property speaks of
    assert counts["accepted"] and counts["refused by the rules (rule.stop)"]
    assert counts["refused by the rules (rule.warn)"] and counts["confirmed warnings verify reported"]
    assert counts["refused, written without the rules, flagged by verify"]
    judged = {kind: counts[f"{kind}: accepted with a confirmed warning"] + counts[f"{kind}: refused by the rules"]
              for kind in ("transfer", "breakdown", "reverse")}
    assert all(counts[f"{kind}: accepted"] for kind in judged) and judged["transfer"] and sum(judged.values()) > 10


def test_a_ks_past_its_budget_is_judged_alike_written_and_verified():
    """A plan of the whole budget, then the writes that may cut TA+muutos below it: the KS warning (confirmed or
    not) comes from a reversal, a transfer and a book's statement as from a TA-muutos, and verify agrees."""
    tmp = tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None)
    paths = (Path(tmp.name) / f"l{i}.sqlite" for i in range(10_000))
    try:
        counts = _run(lambda: Target(sqlite_path=next(paths)), 100, ks_examples, derandomize=True)  # the same reach
    finally:
        tmp.cleanup()
    assert all(counts[f"{kind}: judged authority.ks_over"] for kind in ("amend", "reverse", "transfer", "breakdown"))


def test_written_means_verified_on_postgres():
    counts = _run(lambda: Target(postgres_url=fresh_database("wv")), 12)
    assert counts["accepted"] and counts["refused"]


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__, "-s", "-n", "0"])
