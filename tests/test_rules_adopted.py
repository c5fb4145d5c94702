"""Issue 18, item 1: the rules are the ledger's own. A municipality's rules of authority are adopted into the
ledger as an event (``RulesAdopted``) under their decision; from then on every write, the committee's view and
``verify`` judge by them, and ``verify`` judges each event by the rules in force when it was recorded, so rules
adopted later never flag what earlier rules let by. A ledger that adopted none keeps a rules file as before."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import tomllib
from contextlib import closing

import msgspec
import pytest
from conftest import KV, small_city
from hypothesis import given, note, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli.app import app as cli_app
from events.codec import canonical, seal
from events.model import Decision, Line, RulesAdopted
from ledger.app import Kirjuri
from ledger.audit import authority, findings, policy
from ledger.domain.refusals import Rejected
from ledger.domain.rules import FINNISH_TIME
from ledger.fold.state import LedgerState
from ledger.store import guard
from ledger.store.log import LEDGER_STREAM, Target

#: decided before the test clock's first reading (1.12.2026), after every TA the tests adopt
KV_RULES = Decision(body="valtuusto", date=dt.date(2026, 11, 23), section="50")
KV_RULES_2 = Decision(body="valtuusto", date=dt.date(2026, 11, 30), section="61")
KH_RULES = Decision(body="hallitus", date=dt.date(2026, 11, 23), section="12")
KH = Decision(body="hallitus", date=dt.date(2025, 2, 3), section="12")
#: the rules only the valtuusto reallocates under, also within a binding unit
COUNCIL_ONLY = dataclasses.replace(authority.DEFAULT, municipality="Testilä",
                                   bodies={**authority.DEFAULT.bodies, "reallocation_within": ("valtuusto",)})
runner = CliRunner()


@pytest.fixture
def city(ledger) -> Kirjuri:
    small_city(ledger)
    ledger.adopt(2025, [Line("JL", "MENOT", -1_000_00), Line("KP", "MENOT", -500_00)], decision=KV)
    return ledger


def moved(app: Kirjuri, decision: Decision = KH):
    """A reallocation inside one binding unit (HP-YH), decided by ``decision``."""
    return app.reallocate(2025, [("JL", "MENOT", "KP", "MENOT", 10_00)], effective=dt.date(2025, 3, 1),
                          decision=decision)


def by_hand(app: Kirjuri, event):
    """``event`` stored past the write path (as an older version, or a raw client, would): only the database's
    guard checks it."""
    event = msgspec.structs.replace(event, recorded_at=app.clock())
    record, data = seal(event, app.state.seq + 1, app.state.head)
    app.eventlog.append([(record, data)])
    app.refresh()
    return record


def authority_findings(app: Kirjuri, rules: authority.Rules | None = None) -> list[str]:
    return [f.code for c in app.verify(rules_of=rules).checks for f in c.findings]


# --- adopting the rules -------------------------------------------------------------------------------


def test_adopted_rules_are_in_force_for_every_write_after_them(city):
    assert city.rules_in_force() == authority.DEFAULT and city.adoption_in_force() is None
    moved(city)  # the hallitus reallocates within a binding unit under kuntalaki's minimum
    record = city.adopt_rules(COUNCIL_ONLY, decision=KV_RULES)
    assert isinstance(record.event, RulesAdopted) and record.event.effective == KV_RULES.date
    assert record.event.digest == authority.digest(COUNCIL_ONLY)
    assert city.rules_in_force() == COUNCIL_ONLY and city.adoption_in_force() == record.event
    seq = city.state.seq
    with pytest.raises(Rejected) as refused:
        moved(city)
    assert refused.value.value == "authority.body" and city.state.seq == seq == city.eventlog.head_seq()
    assert authority_findings(city) == []  # the earlier reallocation was by the rules then in force


def test_adopting_is_judged_by_the_rules_in_force_and_nothing_is_written_when_refused(city):
    seq = city.state.seq
    with pytest.raises(Rejected) as refused:
        city.adopt_rules(COUNCIL_ONLY, decision=KH_RULES)
    assert (refused.value.field, refused.value.value) == ("decision", "authority.body")
    assert "hallitus" in str(refused.value) and city.eventlog.head_seq() == seq
    board_adopts = dataclasses.replace(COUNCIL_ONLY, bodies={**COUNCIL_ONLY.bodies, "rules": ("hallitus",)})
    city.adopt_rules(board_adopts, decision=KV_RULES)
    city.adopt_rules(COUNCIL_ONLY, decision=KH_RULES)  # now the rules in force entitle the hallitus
    assert city.rules_in_force() == COUNCIL_ONLY
    with pytest.raises(Rejected) as again:
        city.adopt_rules(COUNCIL_ONLY, decision=KV_RULES_2)
    assert again.value.code == "rules.unchanged"


def test_each_parts_binding_is_adopted_with_the_rules_and_tells_them_apart(city):
    per_group = dataclasses.replace(
        COUNCIL_ONLY, parts={"investointi": authority.PartBinding(authority.PROJECT_GROUP_LEVEL, "Investointimenot")})
    assert authority.digest(per_group) != authority.digest(COUNCIL_ONLY)
    city.adopt_rules(per_group, decision=KV_RULES)
    assert city.rules_in_force() == per_group
    assert city.rules_in_force().binding_of("investointi").level == authority.PROJECT_GROUP_LEVEL
    assert authority.from_doc(tomllib.loads(authority.to_toml(per_group))) == per_group


def test_an_adoption_is_never_reversed(city):
    record = city.adopt_rules(COUNCIL_ONLY, decision=KV_RULES)
    with pytest.raises(Rejected) as refused:
        city.reverse(record.event.id, reason="väärä tiedosto")
    assert refused.value.code == "event.rules_adoption"


def test_a_rules_file_is_refused_by_a_ledger_that_adopted_other_rules(city):
    city.adopt_rules(COUNCIL_ONLY, decision=KV_RULES)
    city.rules_of = authority.DEFAULT
    seq = city.state.seq
    with pytest.raises(Rejected) as refused:
        moved(city, KV)
    assert refused.value.code == "rules.not_adopted" and "KV 23.11.2026 § 50" in str(refused.value)
    assert city.eventlog.head_seq() == seq
    with pytest.raises(Rejected):
        city.verify(rules_of=authority.DEFAULT)
    city.rules_of = dataclasses.replace(COUNCIL_ONLY)  # the same rules, read from another copy of the file
    moved(city, KV)
    assert city.verify(rules_of=COUNCIL_ONLY).passed


def test_verify_judges_each_event_by_the_rules_in_force_when_it_was_recorded(city):
    """Written past the write path (no rules), a hallitus' reallocation after the adoption is a finding; the
    same reallocation before it is not, and the adoption's own rules name the later one."""
    moved(city)
    city.adopt_rules(COUNCIL_ONLY, decision=KV_RULES)
    late = by_hand(city, city.reallocation(2025, [("JL", "MENOT", "KP", "MENOT", 10_00)],
                                           effective=dt.date(2025, 3, 1), decision=KH))
    report = city.verify()
    found = [(f.seq, f.code) for c in report.checks for f in c.findings]
    assert found == [(late.seq, "authority.body")]


def test_the_adopted_rules_survive_a_checkpoint(city):
    city.adopt_rules(COUNCIL_ONLY, decision=KV_RULES)
    restored = LedgerState.from_checkpoint(city.state.to_checkpoint())
    assert restored.fingerprint() == city.state.fingerprint()
    assert restored.rules_adopted_at()[1].digest == authority.digest(COUNCIL_ONLY)


def test_an_adoption_written_past_the_write_path_is_a_finding(city, target):
    """Stored by hand with rules no reader can use (a body no rules file names): verify names it and keeps the
    rules before it in force; a digest that is not the rules' own is the rules' finding."""
    bad = msgspec.structs.replace(authority.to_ruleset(COUNCIL_ONLY), kinds=("ta",))
    event = RulesAdopted(id="hand", effective=KV_RULES.date, recorded_at=city.clock(), author="käsin",
                         decision=KV_RULES, rules=bad, digest=authority.rules_digest(bad))
    by_hand(city, event)
    findings_of = [f for c in city.verify().checks for f in c.findings]
    assert {f.code for f in findings_of} == {"authority.rules_invalid"}
    assert city.rules_history()[-1][1] is None
    said = {lang: findings.say(findings_of[0], lang) for lang in ("fi", "sv", "en")}
    assert "(bodies.amendment: 'amendment' ei ole mikään seuraavista: ta)" in said["fi"]  # why, in the language
    assert "(bodies.amendment: 'amendment' är inte något av följande: ta)" in said["sv"]
    assert "(bodies.amendment: 'amendment' is not one of ta)" in said["en"]


# --- the database's guard knows the new kind --------------------------------------------------------------


def test_the_guard_takes_an_adoption_from_a_raw_client_and_refuses_a_wrong_one(city, target):
    """The guard's digest over the kinds (``guard.VERSION``) is this version's: it knows the new kind, and checks
    each value its rules hold (a level no organisation has is refused, on both backends)."""
    from test_db_guard import head_of, insert, kind_row
    from test_store import stored
    from test_verify import execute

    head = head_of(target)
    event = msgspec.structs.replace(city.rules_adoption(COUNCIL_ONLY, decision=KV_RULES),
                                    recorded_at=head.recorded_at + dt.timedelta(seconds=1))
    wrong = kind_row(head, "rules_adopted", canonical(event).replace(b'"level":"vastuualue"', b'"level":"osasto"'))
    assert guard.REASONS["field"] in insert(target, wrong)
    row = kind_row(head, "rules_adopted", canonical(event))
    if target.is_postgres:
        execute(target, ("INSERT INTO kirjuri_events (originator_id, originator_version, topic, state) "
                         "VALUES (?, ?, ?, ?)", (row.stream, row.seq, row.topic, row.state)))
    else:
        checked = guard.Guard(LEDGER_STREAM)
        with closing(sqlite3.connect(target.sqlite_path)) as conn:
            checked.register(conn)
            conn.execute("INSERT INTO stored_events (originator_id, originator_version, topic, state, stored_at, "
                         "stored_by) VALUES (?, ?, ?, ?, ?, ?)", [row.stream, row.seq, row.topic, row.state,
                                                                 *checked.stamp()])
            conn.commit()
    assert stored(target)[-1][2] == "rules_adopted"
    city.refresh()
    assert city.rules_in_force() == COUNCIL_ONLY


# --- the command line ------------------------------------------------------------------------------------


def cli(target: Target, *args: str):
    db = str(target.sqlite_path) if target.sqlite_path else target.postgres_url
    return runner.invoke(cli_app, ["--db", db, *args])


def test_rules_adopt_previews_then_writes_and_rules_shows_what_is_in_force_and_its_history(city, target, tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(authority.to_toml(COUNCIL_ONLY), encoding="utf-8")
    shown = cli(target, "rules")
    assert shown.exit_code == 0 and "kuntalain vähimmäisvaatimukset (kirjanpitoon ei ole hyväksytty sääntöjä)" in shown.stdout
    dry = cli(target, "rules", "adopt", str(path), "--decision", "KV 23.11.2026 § 50", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "päättää määrärahasiirrosta sitovuustason sisällä: valtuusto, hallitus, lautakunta → valtuusto" in dry.stdout
    assert "mitään ei kirjattu" in dry.stdout and city.eventlog.head_seq() == city.state.seq
    written = cli(target, "rules", "adopt", str(path), "--decision", "KV 23.11.2026 § 50", "--effective", "1.12.2026")
    assert written.exit_code == 0 and "(Säännöt hyväksytty)" in written.stdout, written.output
    shown = cli(target, "rules")
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    assert lines[0].startswith("voimassa olevat säännöt: hyväksytty KV 23.11.2026 § 50, voimassa 1.12.2026 alkaen, "
                               "kirjattu #")
    assert any(line.split() == ["päättää", "määrärahasiirrosta", "sitovuustason", "sisällä", "valtuusto"] for line in lines)
    assert "  varoittaa  sitovan määrärahan ylitys (--confirm authority.overrun)" in lines
    assert "historia: 1 hyväksyntä" in shown.stdout
    before = cli(target, "rules", "--known-at", "30.11.2026")
    assert before.exit_code == 0 and "kuntalain vähimmäisvaatimukset" in before.stdout
    toml = cli(target, "rules", "--toml")
    assert toml.exit_code == 0 and authority.from_doc(tomllib.loads(toml.stdout)) == COUNCIL_ONLY


@pytest.mark.parametrize("text, field", [
    ('[binding]\nlevle = "toimiala"\n', "binding.levle"),
    ('surprise = 1\n', "surprise"),
    ('[binding]\ngross = "JL"\n', "binding.gross"),
    ('[bodies]\namendment = "valtuusto"\n', "bodies.amendment"),
    ('[deadlines]\namendments = 1979-05-27\n', "deadlines.amendments"),
    ('municipality = "Testi\\u0007lä"\n', "municipality"),
    ('[actions]\n"authority.body" = "maybe"\n', "actions.authority.body"),
    ('[binding\n', "rules"),
    ('[binding.investointi]\nlevle = "projekti"\n', "binding.investointi.levle"),
    ('[binding.investointi]\nlevel = 3\n', "binding.investointi.level"),
])
def test_a_bad_rules_file_is_refused_in_one_line_naming_the_key_and_nothing_is_written(city, target, tmp_path,
                                                                                        text, field):
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    result = cli(target, "rules", "adopt", str(path), "--decision", "KV 23.11.2026 § 50")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.output
    assert result.stderr.startswith(f"kirjuri: {field}: ") and "Traceback" not in result.output
    assert city.eventlog.head_seq() == city.state.seq


def test_adopting_by_a_body_not_entitled_or_with_a_control_character_is_refused(city, target, tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(authority.to_toml(COUNCIL_ONLY), encoding="utf-8")
    board = cli(target, "rules", "adopt", str(path), "--decision", "KH 23.11.2026 § 12")
    assert board.exit_code == 1 and board.stderr.count("\n") == 1 and "KH 23.11.2026 § 12: hallitus" in board.stderr
    note_ = cli(target, "rules", "adopt", str(path), "--decision", "KV 23.11.2026 § 50", "--note", "a\x1b[2Jb")
    assert note_.exit_code == 1 and note_.stderr.startswith("kirjuri: selite: ")
    assert city.eventlog.head_seq() == city.state.seq


def test_a_rules_file_still_works_for_a_ledger_that_adopted_none_and_is_refused_once_it_did(city, target, tmp_path, english):
    path = tmp_path / "rules.toml"
    path.write_text(authority.to_toml(COUNCIL_ONLY), encoding="utf-8")
    other = tmp_path / "other.toml"
    other.write_text(authority.to_toml(authority.DEFAULT), encoding="utf-8")
    realloc = ["reallocate", "2025", "--move", "JL:MENOT>KP:MENOT=5", "--effective", "1.3.2025", "--decision",
               "KH 3.2.2025 § 12"]
    by_file = cli(target, "--rules", str(path), *realloc)
    assert by_file.exit_code == 1 and "KH 3.2.2025 § 12: a hallitus may not decide" in by_file.stderr
    assert cli(target, "rules", "adopt", str(path), "--decision", "KV 23.11.2026 § 50").exit_code == 0
    refused = cli(target, "--rules", str(other), "verify")
    assert refused.exit_code == 1 and refused.stderr.count("\n") == 1 and "not the rules this ledger adopted" in \
        refused.stderr
    same = cli(target, "--rules", str(path), "verify")
    assert same.exit_code == 0 and "PASSED" in same.stdout, same.output


# --- property: what the rules in force let by, verify passes after any rules adopted later -----------------


def _stricter(draw, rules: authority.Rules) -> authority.Rules:
    """Rules a municipality may adopt later: fewer bodies per kind, actions raised, tolerance and deadlines cut,
    and another binding level or line."""
    bodies = {kind: tuple(b for b in names if draw(st.booleans())) for kind, names in rules.bodies.items()}
    bodies["rules"] = rules.bodies["rules"]
    raised = {"off": ("off", "warn", "stop"), "warn": ("warn", "stop"), "stop": ("stop",)}
    actions = {code: draw(st.sampled_from(raised[rules.action(code)])) for code in authority.POLICY}
    return dataclasses.replace(
        rules, municipality="myöhemmin", bodies=bodies, actions=actions,
        level=draw(st.sampled_from(("toimiala", "vastuualue", "yksikkö"))), line=draw(st.sampled_from(
            ("NETTOMENO", "MENOT"))), tolerance=draw(st.sampled_from((0, rules.tolerance))),
        amendments_by=draw(st.sampled_from((rules.amendments_by, (30, 6)))),
        overruns_by=draw(st.sampled_from((rules.overruns_by, (31, 1)))))


@st.composite
def histories(draw):
    from test_written_verified import clerk, command, rules

    first = draw(rules())
    steps = draw(st.lists(st.tuples(command, clerk), min_size=1, max_size=10))
    return first, steps, _stricter(draw, first), draw(st.lists(st.tuples(command, clerk), max_size=4))


COUNTS: dict[str, int] = {}


def accepted_then_stricter_rules_adopted(target: Target, first, steps, later, more) -> None:
    from test_written_verified import city_on

    with city_on(target) as app:
        app.adopt_rules(first, decision=KV_RULES)
        accepted = _run(app, steps)
        app.confirm = frozenset()
        app.adopt_rules(later, decision=KV_RULES_2) if authority.digest(later) != authority.digest(first) else None
        accepted += _run(app, more)
        report = app.verify()
        assert report.passed, [(c.name, [f.what for f in c.findings]) for c in report.checks if not c.passed]
        COUNTS["accepted"] = COUNTS.get("accepted", 0) + accepted
        COUNTS["earlier events the later rules would flag"] = (
            COUNTS.get("earlier events the later rules would flag", 0) + _flagged_by(app, later))


def _run(app: Kirjuri, steps) -> int:
    from test_written_verified import attempt

    accepted = 0
    for cmd, answer in steps:
        written, refusal = attempt(app, cmd, answer)
        note(f"{cmd} -> {refusal or [type(r.event).__name__ for r in written]}")
        accepted += bool(written)
    return accepted


def _flagged_by(app: Kirjuri, later: authority.Rules) -> int:
    """How many events written before ``later`` was adopted it would have refused or warned of unconfirmed:
    what "no retroactive findings" spares them (the property would be empty without)."""
    state, flagged = LedgerState(), 0
    for chunk in app.eventlog.read():
        for record in chunk:
            if isinstance(record.event, RulesAdopted) and record.event.digest == authority.digest(later):
                return flagged
            confirmed = policy.confirmed_of(record.event)
            flagged += any(b.code not in confirmed for b, _a in policy.judge(later, state, record.event))
            state.apply(record)
    return flagged


@pytest.mark.parametrize("backend, examples", [("sqlite", 60), ("postgres", 6)])
def test_what_was_accepted_passes_verify_after_stricter_rules_are_adopted(backend, examples, tmp_path):
    from pg_server import fresh_database

    paths = iter(range(10_000))
    COUNTS.clear()

    @settings(max_examples=examples, deadline=None, database=None)
    @given(example=histories())
    def check(example):
        target = (Target(sqlite_path=tmp_path / f"l{next(paths)}.sqlite") if backend == "sqlite"
                  else Target(postgres_url=fresh_database("ra")))
        accepted_then_stricter_rules_adopted(target, *example)

    check()
    print(f"\nstricter rules adopted later ({backend}, {examples} examples):", COUNTS)
    assert COUNTS["accepted"]
    if backend == "sqlite":
        assert COUNTS["earlier events the later rules would flag"]


# --- item 5: a reversal that leaves an appropriation overrun is warned of when written ---------------------


def test_reversing_the_amendment_that_covered_the_toteuma_warns_of_the_overrun_it_leaves(city):
    from conftest import KV_MUUTOS

    amended = city.amend(2025, [Line("JL", "MENOT", -300_00)], effective=dt.date(2025, 2, 1), decision=KV_MUUTOS)
    city.record("toteuma", 2025, [Line("JL", "MENOT", -1_700_00)], period=(dt.date(2025, 1, 1), dt.date(2025, 3, 31)))
    seq = city.state.seq
    with pytest.raises(Rejected) as warned:
        city.reverse(amended.event.id, reason="kirjattu väärin")
    assert (warned.value.code, warned.value.value) == ("rule.warn", "authority.overrun")
    assert "HP-YH NETTOMENO" in str(warned.value) and city.eventlog.head_seq() == seq
    city.confirm = frozenset({"authority.overrun"})
    reversal = city.reverse(amended.event.id, reason="kirjattu väärin")
    assert policy.confirmed_of(reversal.event) == ("authority.overrun",)
    report = city.verify()
    assert report.passed and [f.seq for c in report.checks for f in c.confirmed] == [reversal.seq]


def test_reversing_a_toteuma_leaves_no_overrun_to_warn_of(city):
    city.confirm = frozenset({"authority.overrun"})
    recorded = city.record("toteuma", 2025, [Line("JL", "MENOT", -1_700_00)],
                           period=(dt.date(2025, 1, 1), dt.date(2025, 3, 31)))
    city.confirm = frozenset()
    reversal = city.reverse(recorded.event.id, reason="väärä kausi")
    assert policy.confirmed_of(reversal.event) == ()


def test_an_edited_adoption_is_the_chains_finding_and_verify_still_reports(city, target):
    """Someone with the owner's rights edits the stored adoption: verify reads on and names the row, never
    stops at the rules it can no longer trust."""
    from test_verify import data_at, put, unlock

    record = city.adopt_rules(COUNCIL_ONLY, decision=KV_RULES)
    unlock(target)
    put(target, record.seq, data_at(target, record.seq).replace(b'"Testil', b'"Muokattu Testil'))
    reopened = Kirjuri(target)
    try:
        report = reopened.verify()
    finally:
        reopened.close()
    assert not report.passed and {f.code for c in report.checks for f in c.findings} >= {"chain.edited"}


# --- s24-rules: the rules in force on an effective date -----------------------------------------------------


def test_rules_on_a_date_are_the_adoption_effective_latest_by_then_in_each_language(city, target):
    """Adopted on 23.11. in force from 1.12.2026, and on 30.11. other rules in force from 1.1.2027: on a day
    before either takes effect the rules are kuntalaki's minimum, then the first, from New Year the second;
    --known-at before the second was recorded knows only the first."""
    first = city.adopt_rules(COUNCIL_ONLY, decision=KV_RULES, effective=dt.date(2026, 12, 1))
    later = dataclasses.replace(COUNCIL_ONLY, tolerance=0)
    second = city.adopt_rules(later, decision=KV_RULES_2, effective=dt.date(2027, 1, 1))
    assert city.rules_on(dt.date(2026, 11, 30)) == (None, authority.DEFAULT)
    assert city.rules_on(dt.date(2026, 12, 31)) == (first, COUNCIL_ONLY)
    assert city.rules_on(dt.date(2027, 1, 1)) == (second, later)
    assert city.rules_on(dt.date(2027, 1, 1), known=first.seq) == (first, COUNCIL_ONLY)
    before = cli(target, "rules", "--on", "30.11.2026")
    assert before.exit_code == 0, before.output
    assert before.stdout.splitlines()[0] == ("30.11.2026 voimassa olevat säännöt: kuntalain vähimmäisvaatimukset "
                                             "(mikään hyväksyntä ei ole tuolloin vielä voimassa)")
    assert "historia: 2 hyväksyntää" in before.stdout
    december = cli(target, "--lang", "sv", "rules", "--on", "31.12.2026")
    assert december.exit_code == 0, december.output
    assert december.stdout.startswith("regler som gäller 31.12.2026: antagna KF 23.11.2026 § 50, ")
    assert any(line.split() == ["tolerans", "för", "överskridning", "1,00", "€"] for line in december.stdout.splitlines())
    january = cli(target, "--lang", "en", "rules", "--on", "1.1.2027")
    assert january.stdout.startswith("rules in force on 1.1.2027: adopted KV 30.11.2026 § 61, "), january.output
    assert any(line.split() == ["binding.tolerance", "0,00", "€"] for line in january.stdout.splitlines())
    known = cli(target, "--lang", "en", "rules", "--on", "1.1.2027", "--known-at",
                first.event.recorded_at.astimezone(FINNISH_TIME).strftime("%d.%m.%Y %H:%M:%S"))
    assert known.exit_code == 0 and "adopted KV 23.11.2026 § 50" in known.stdout, known.output
    toml = cli(target, "rules", "--toml", "--on", "1.1.2027")
    assert toml.exit_code == 0 and authority.from_doc(tomllib.loads(toml.stdout)) == later
    wrong = cli(target, "rules", "--on", "31.2.2027")
    assert wrong.exit_code == 1 and wrong.stderr.startswith("kirjuri: on: ") and wrong.stderr.count("\n") == 1


def test_rules_adopt_takes_confirm_where_the_rules_in_force_only_warn_of_the_body(city, target, tmp_path):
    """Rules in force that warn of a body not entitled: the hallitus' adoption of other rules is refused until
    --confirm authority.body, and then records it."""
    warns = dataclasses.replace(COUNCIL_ONLY, actions={**COUNCIL_ONLY.actions, "authority.body": "warn"})
    city.adopt_rules(warns, decision=KV_RULES)
    path = tmp_path / "rules.toml"
    path.write_text(authority.to_toml(dataclasses.replace(warns, municipality="Toinen")), encoding="utf-8")
    args = ["rules", "adopt", str(path), "--decision", "KH 23.11.2026 § 12"]
    refused = cli(target, *args)
    assert refused.exit_code == 1 and "--confirm authority.body" in refused.stderr, refused.output
    written = cli(target, *args, "--confirm", "authority.body")
    assert written.exit_code == 0, written.output
    city.refresh()
    assert city.adoption_in_force().confirmed == ("authority.body",)


# --- the checks said in words, the code only where --confirm takes it (issue 19) ---------------------------

#: per language: what the rules say of a warning, of a stop and of a check turned off
SAID_CHECKS = {
    "fi": ("  varoittaa      määrärahasiirto sitovuustason yli ilman valtuuston päätöstä (--confirm authority.across)",
           "  estää          päättäjä ilman toimivaltaa", "  ei tarkisteta  KS yli TA+muutoksen"),
    "sv": ("  varnar             anslagsöverföring över bindningsnivån utan fullmäktiges beslut (--confirm "
           "authority.across)", "  förhindrar         beslut av ett organ utan behörighet",
           "  kontrolleras inte  dispositionsplan (KS) över TA+ändringar"),
    "en": ("  warn  a reallocation across binding units not decided by the valtuusto (--confirm authority.across)",
           "  stop  a body not entitled to decide the change", "  off   a KS planned past TA+muutos"),
}


@pytest.mark.parametrize("lang", sorted(SAID_CHECKS))
def test_rules_say_each_check_in_words_and_its_code_only_where_confirm_takes_it(sqlite_target, clock, tmp_path,
                                                                                lang):
    app = Kirjuri(sqlite_target, create=True, author="virkailija", clock=clock)
    small_city(app)
    app.close()
    rules = tmp_path / "rules.toml"
    rules.write_text('[actions]\n"authority.across" = "warn"\n"authority.ks_over" = "off"\n', encoding="utf-8")
    shown = runner.invoke(cli_app, ["--db", str(sqlite_target.sqlite_path), "--lang", lang, "--rules", str(rules),
                                    "rules"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    lines = shown.stdout.splitlines()
    warning, stop, off = SAID_CHECKS[lang]
    assert " ".join(warning.split()) in [" ".join(line.split()) for line in lines], shown.stdout
    assert stop in lines and off in lines, shown.stdout
    codes = [line for line in lines if "authority." in line]
    warned = [code for code in authority.POLICY if code != "authority.ks_over"
              and (code == "authority.across" or authority.POLICY[code][1] == "warn")]
    assert len(codes) == len(warned) and all(line.endswith(f"(--confirm {code})") for line, code in zip(
        codes, [code for code in authority.POLICY if code in warned])), "a code is shown only to be confirmed"


# --- a change the rules stop, as the CLI says it (issue 19) -------------------------------------------------

#: per language: what the rules found of the hallitus' reallocation, and how a warning is confirmed
RULE_SAID = {
    "fi": ("päätös: KH 3.2.2025 § 12: hallitus ei saa sääntöjen mukaan päättää määrärahasiirrosta",
           "; kirjaa silti vahvistamalla varoitus (--confirm authority.body)"),
    "sv": ("beslut: SS 3.2.2025 § 12: styrelsen får inte besluta om anslagsöverföring",
           "; bokför ändå genom att bekräfta varningen (--confirm authority.body)"),
}


@pytest.mark.parametrize("lang", sorted(RULE_SAID))
@pytest.mark.parametrize("action", ["stop", "warn"])
def test_a_change_the_rules_stop_is_said_by_what_they_found_and_a_warning_by_the_code_to_confirm(
        city, target, tmp_path, lang, action):
    """The CLI says what the rules found in the language asked, as the form does, never "'authority.body' är en
    regel …" with the rule's code as the value; a warning adds the --confirm that writes it anyway."""
    rules = dataclasses.replace(COUNCIL_ONLY, actions={**COUNCIL_ONLY.actions, "authority.body": action})
    path = tmp_path / "rules.toml"
    path.write_text(authority.to_toml(rules), encoding="utf-8")
    seq = city.state.seq
    refused = cli(target, "--lang", lang, "--rules", str(path), "reallocate", "2025", "--move", "JL:MENOT>KP:MENOT=5",
                  "--effective", "1.3.2025", "--decision", "KH 3.2.2025 § 12")
    found, confirm = RULE_SAID[lang]
    line = refused.stderr
    assert refused.exit_code == 1 and line.count("\n") == 1 and line.startswith(f"kirjuri: {found}"), refused.output
    assert "'authority." not in line and line.rstrip().endswith(confirm) == (action == "warn"), line
    assert ("--confirm" in line) == (action == "warn"), line
    city.refresh()
    assert city.state.seq == city.eventlog.head_seq() == seq
