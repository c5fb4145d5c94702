"""Issue 18, item 2: the overrun of a binding appropriation is judged when it is written, by the same code ``verify``
judges it with (``ledger.audit.authority.overrun_breaches``), for every kind of write that moves a binding unit's
toteutumisvertailu: a service transfer (the unit's figures leave the binding units above it for those above its
new parent), a book's statement of a node's appropriation (``BreakdownStated``), a carry-over (the next year's
TA-muutos), and the reversal of each. A warning is written only once confirmed, and the event records it; the
same change written past the rules is ``verify``'s finding. On SQLite and PostgreSQL (the ``ledger`` fixture)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import HALL_KS_SAID, HALL_KS_SEQ, KH, KV, KV_2026, only_the_books_finding, small_city
from typer.testing import CliRunner

from cli.app import app as cli_app
from events.model import BreakdownStated, Decision, Line
from ledger.app import Kirjuri
from ledger.audit import authority, policy
from ledger.domain.refusals import Rejected
from ledger.store.log import Target

D = dt.date
HALF = (D(2025, 1, 1), D(2025, 6, 30))
#: the carry-over's decision: the valtuusto, by 30.6. of the year it carries to
KV_CARRY = Decision(body="valtuusto", date=D(2026, 2, 16), section="9")
runner = CliRunner()


@pytest.fixture
def city(ledger) -> Kirjuri:
    """HP-YH (a binding vastuualue) with JL and KP, TA -1 500 and a toteuma of -1 400 at JL; HP-TK, another
    vastuualue, with TK: its toteuma -200 and no budget of its own."""
    small_city(ledger)
    ledger.register_unit("HP-TK", "Tekniikka", "vastuualue", "HP", effective=D(2020, 1, 1))
    ledger.register_unit("TK", "Tilat", "yksikkö", "HP-TK", effective=D(2020, 1, 1))
    ledger.adopt(2025, [Line("JL", "MENOT", -1000_00), Line("KP", "MENOT", -500_00)], decision=KV)
    ledger.record("toteuma", 2025, [Line("JL", "MENOT", -1400_00), Line("TK", "MENOT", -200_00)], period=HALF)
    return ledger


def warned(app: Kirjuri, write) -> Rejected:
    """``write`` refused as a warning, nothing written."""
    seq = app.state.seq
    with pytest.raises(Rejected) as refusal:
        write()
    assert refusal.value.code == "rule.warn" and app.state.seq == seq == app.eventlog.head_seq()
    return refusal.value


def confirmed(app: Kirjuri, write, code: str = "authority.overrun"):
    """``write`` again with the warning confirmed: written, the event records it, verify reports it as confirmed."""
    app.confirm = frozenset({code})
    record = write()
    app.confirm = frozenset()
    assert policy.confirmed_of(record.event) == (code,)
    report = app.verify(rules_of=app.rules_of)
    assert report.passed, [f.what for c in report.checks for f in c.findings]
    assert record.seq in [f.seq for c in report.checks for f in c.confirmed]
    return record


def flagged_unchecked(app: Kirjuri, write) -> list[tuple[str, str]]:
    """``write`` past the rules (``UNCHECKED``, as an older version wrote): what verify under the rules finds."""
    app.rules_of = authority.UNCHECKED
    write()
    app.rules_of = None
    return [(f.code, f.params.get("unit")) for c in app.verify().checks for f in c.findings]


# --- a service transfer -----------------------------------------------------------------------------------------


def moved(app: Kirjuri, unit: str, to: str, decision: Decision = KH):
    return lambda: app.transfer(unit, to, effective=D(2025, 6, 1), decision=decision)


def test_a_transfer_bringing_toteuma_past_the_budget_of_its_new_binding_unit_warns_until_confirmed(city):
    refusal = warned(city, moved(city, "TK", "HP-YH"))
    assert (refusal.field, refusal.value) == ("to_parent", "authority.overrun")
    assert "2025 HP-YH NETTOMENO: TOTEUMA -1 600 overruns TA+muutos -1 500 by 100" in str(refusal)
    record = confirmed(city, moved(city, "TK", "HP-YH"))
    assert city.state.parents(2025)["TK"] == "HP-YH" and record.event.author == "testi"


def test_a_transfer_taking_the_budget_away_from_what_was_spent_warns(city):
    refusal = warned(city, moved(city, "KP", "HP-TK"))
    assert "2025 HP-YH NETTOMENO: TOTEUMA -1 400 overruns TA+muutos -1 000 by 400" in str(refusal)


def test_a_transfer_that_leaves_the_unit_binding_its_own_money_warns_of_its_overrun(city):
    """JL spent 1 400 of its 1 000, inside HP-YH, whose 1 500 covers it. Moved directly under ET, beside ET's
    own vastuualue, JL binds its own money, and its overrun is the transfer's doing. It was written without a
    word; verify then named the overrun no decision covers (found by the written-means-verified property)."""
    city.register_unit("ET-KE", "Kehittäminen", "vastuualue", "ET", effective=D(2020, 1, 1))
    refusal = warned(city, moved(city, "JL", "ET"))
    assert "2025 JL NETTOMENO: TOTEUMA -1 400 overruns TA+muutos -1 000 by 400" in str(refusal)
    confirmed(city, moved(city, "JL", "ET"))


def test_a_transfer_written_past_the_rules_is_the_overrun_finding_verify_names(city):
    assert flagged_unchecked(city, moved(city, "TK", "HP-YH")) == [("authority.overrun", "HP-YH")]


def test_a_transfer_that_leaves_every_binding_unit_within_its_budget_is_written_as_it_is(city):
    city.amend(2025, [Line("JL", "MENOT", -500_00)], effective=D(2025, 3, 1),
               decision=Decision(body="valtuusto", date=D(2025, 3, 1), section="20"))
    record = moved(city, "TK", "HP-YH")()
    assert policy.confirmed_of(record.event) == () and city.verify().passed


def test_a_transfer_the_rules_stop_is_refused_naming_the_rule(city):
    city.rules_of = authority.Rules(actions={**authority.DEFAULT.actions, "authority.overrun": "stop"})
    seq = city.state.seq
    with pytest.raises(Rejected) as refusal:
        moved(city, "TK", "HP-YH")()
    assert (refusal.value.code, refusal.value.value) == ("rule.stop", "authority.overrun")
    assert city.eventlog.head_seq() == seq


def test_reversing_the_transfer_that_brought_the_budget_warns_of_the_overrun_it_leaves(city):
    city.adopt(2025, [Line("TK", "MENOT", -300_00)], decision=KV)
    transfer = moved(city, "TK", "HP-YH")()  # HP-YH: -1 800 against -1 600
    city.confirm = frozenset({"authority.overrun"})
    city.record("toteuma", 2025, [Line("JL", "MENOT", -200_00)], period=(D(2025, 7, 1), D(2025, 9, 30)))
    city.confirm = frozenset()
    refusal = warned(city, lambda: city.reverse(transfer.event.id, reason="väärä"))
    assert refusal.field == "target"
    assert "2025 HP-YH NETTOMENO: TOTEUMA -1 600 overruns TA+muutos -1 500" in str(refusal)
    confirmed(city, lambda: city.reverse(transfer.event.id, reason="väärä"))


def test_a_transfer_from_a_year_on_checks_that_year_and_leaves_the_earlier_ones_where_they_were(city):
    """The figures of ``from_year`` and every later year follow the unit; the earlier stay where they were: TK's
    2025 toteuma would overrun HP-YH's 2025 budget, but a transfer from 2026 on does not take it there."""
    city.adopt(2026, [Line("JL", "MENOT", -1000_00), Line("KP", "MENOT", -500_00)], decision=KV_2026)
    city.record("toteuma", 2026, [Line("TK", "MENOT", -700_00)], period=(D(2026, 1, 1), D(2026, 3, 31)))
    city.record("toteuma", 2026, [Line("JL", "MENOT", -1000_00)], period=(D(2026, 1, 1), D(2026, 3, 31)))
    from_2026 = lambda: city.transfer("TK", "HP-YH", effective=D(2026, 1, 1), decision=KH)  # noqa: E731
    refusal = warned(city, from_2026)
    assert "2026 HP-YH NETTOMENO: TOTEUMA -1 700 overruns TA+muutos -1 500 by 200" in str(refusal)
    assert refusal.params["finding"][1]["year"] == 2026  # the first found; 2025 would come first
    city.amend(2026, [Line("JL", "MENOT", -300_00)], effective=D(2026, 3, 1),
               decision=Decision(body="valtuusto", date=D(2026, 2, 16), section="12"))
    record = from_2026()
    assert policy.confirmed_of(record.event) == () and city.verify().passed


# --- a project given another group --------------------------------------------------------------------------------


def test_a_project_moved_to_a_group_whose_budget_it_overruns_warns_and_its_reversal_too(ledger):
    """The investointiosa bound per project group: 5001's TP 2025 (-1 200 000) is within KOULUT's -4 000 000, but
    moved under LIIKUNTA (no budget of its own) it overruns its -1 000 000 there; reversing the move, once
    LIIKUNTA's budget came with it, warns again."""
    from test_investments import KV_MAY, MENOT, investing_city

    city = investing_city(ledger)
    city.rules_of = authority.Rules(parts={"investointi": authority.PartBinding(authority.PROJECT_GROUP_LEVEL, MENOT)})
    city.submit(city.project_opening("LIIKUNTA", "Liikuntapaikat", group="INV", unit="HP", cost_estimate=0,
                                     first_year=2025, last_year=2026, effective=D(2025, 1, 1), decision=KV))
    city.record("tp", 2025, [Line("5001", MENOT, -1_200_000_00)], effective=D(2025, 12, 31))
    move = lambda: city.submit(city.project_change("5001", effective=D(2025, 6, 1), decision=KV_MAY,  # noqa: E731
                                                   group="LIIKUNTA"))[0]
    refusal = warned(city, move)
    assert refusal.field == "group" and "2025 LIIKUNTA Investointimenot: TP -1 200 000 overruns TA+muutos " \
        "-1 000 000 by 200 000" in str(refusal)
    moved_record = confirmed(city, move)
    city.adopt(2025, [Line("LIIKUNTA", MENOT, -2_000_000_00)], decision=KV)
    city.confirm = frozenset({"authority.overrun"})
    city.record("tp", 2025, [Line("5000", MENOT, -3_500_000_00)], effective=D(2025, 12, 31))
    city.confirm = frozenset()
    refusal = warned(city, lambda: city.reverse(moved_record.event.id, reason="väärä ryhmä"))
    assert "2025 KOULUT Investointimenot: TP -4 700 000 overruns TA+muutos -4 000 000" in str(refusal)


# --- a book's statement of a node's appropriation -------------------------------------------------------------------


def stated(app: Kirjuri, amount: int, column: str = "TA+MUUTOS"):
    return lambda: app.submit(BreakdownStated(id=app.new_id(), effective=D(2025, 1, 1), recorded_at=app.clock(),
                                              author=app.author, year=2025, column=column,
                                              lines=(Line("HP-YH", "MENOT", amount),)))[0]


def test_a_statement_cutting_the_binding_appropriation_below_the_toteuma_warns_until_confirmed(city):
    refusal = warned(city, stated(city, -1200_00))
    assert (refusal.field, refusal.value) == ("lines", "authority.overrun")
    assert "2025 HP-YH NETTOMENO: TOTEUMA -1 400 overruns TA+muutos -1 200 by 200" in str(refusal)
    confirmed(city, stated(city, -1200_00))


def test_a_statement_of_the_ta_alone_is_judged_with_the_units_changes_on_it(city):
    warned(city, stated(city, -1300_00, "TA"))
    record = stated(city, -1600_00, "TA")()
    assert policy.confirmed_of(record.event) == ()


def test_a_statement_written_past_the_rules_is_the_overrun_finding(city):
    assert flagged_unchecked(city, stated(city, -1200_00)) == [("authority.overrun", "HP-YH")]


def test_reversing_the_statement_that_gave_the_budget_warns(city):
    record = stated(city, -1600_00)()
    city.confirm = frozenset({"authority.overrun"})
    city.record("toteuma", 2025, [Line("JL", "MENOT", -150_00)], period=(D(2025, 7, 1), D(2025, 9, 30)))
    city.confirm = frozenset()
    refusal = warned(city, lambda: city.reverse(record.event.id, reason="väärä taulukko"))
    assert "TOTEUMA -1 550 overruns TA+muutos -1 500 by 50" in str(refusal)


def test_a_statement_of_a_unit_below_the_binding_level_is_no_appropriation(city):
    record = city.submit(BreakdownStated(id=city.new_id(), effective=D(2025, 1, 1), recorded_at=city.clock(),
                                         author=city.author, year=2025, column="TA+MUUTOS",
                                         lines=(Line("JL", "MENOT", -100_00),)))[0]
    assert policy.confirmed_of(record.event) == () and city.verify().passed


# --- a carry-over: the next year's TA-muutos ---------------------------------------------------------------------


def tulot_left_unused(city: Kirjuri) -> None:
    """TK's tulot 2025: 300 budgeted, 100 earned; its 2026: -1 000 budgeted, -950 spent by March."""
    city.adopt(2025, [Line("TK", "TULOT", 300_00)], decision=KV)
    city.record("toteuma", 2025, [Line("TK", "TULOT", 100_00)], period=HALF)
    city.adopt(2026, [Line("TK", "MENOT", -1000_00)], decision=KV_2026)
    city.record("toteuma", 2026, [Line("TK", "MENOT", -950_00)], period=(D(2026, 1, 1), D(2026, 3, 31)))


def test_a_carry_over_raising_the_next_years_net_budget_past_its_toteuma_warns(city):
    """Unused tulot carried on raise the next year's net appropriation: past what was already spent, an overrun."""
    tulot_left_unused(city)
    carry = lambda: city.carry(2025, 2026, [Line("TK", "TULOT", 150_00)], decision=KV_CARRY)  # noqa: E731
    refusal = warned(city, carry)
    assert "2026 HP-TK NETTOMENO: TOTEUMA -950 overruns TA+muutos -850 by 100" in str(refusal)
    confirmed(city, carry)


# --- the command line ---------------------------------------------------------------------------------------------


def cli(target: Target, *args: str):
    db = str(target.sqlite_path) if target.sqlite_path else target.postgres_url
    return runner.invoke(cli_app, ["--db", db, *args])


def test_kirjuri_transfer_warns_in_one_line_and_writes_with_confirm(city, target):
    args = ["transfer", "TK", "--to", "HP-YH", "--effective", "1.6.2025", "--decision", "KH 3.2.2025 § 12"]
    seq = city.state.seq
    refused = cli(target, *args)
    assert refused.exit_code == 1 and refused.stderr.count("\n") == 1, refused.output
    assert "--confirm authority.overrun" in refused.stderr and "Traceback" not in refused.output
    city.refresh()
    assert city.state.seq == seq
    written = cli(target, *args, "--confirm", "authority.overrun")
    assert written.exit_code == 0, written.output
    city.refresh()
    assert policy.confirmed_of(city.records([seq + 1])[seq + 1].event) == ("authority.overrun",)


def _refused_until_confirmed(city, target, args: list[str], code: str) -> None:
    """The command refused, naming ``--confirm code``; with it, written, and the event records the code."""
    refused = cli(target, *args)
    assert refused.exit_code == 1 and f"--confirm {code}" in refused.stderr, refused.output
    done = cli(target, *args, "--confirm", code)
    assert done.exit_code == 0, done.output
    city.refresh()
    assert policy.confirmed_of(city.records([city.state.seq])[city.state.seq].event) == (code,)


def test_kirjuri_carry_takes_confirm(city, target):
    tulot_left_unused(city)
    args = ["carry", "--from-year", "2025", "--to-year", "2026", "--line", "TK:TULOT=150", "--decision",
            "KV 16.2.2026 § 9"]
    _refused_until_confirmed(city, target, args, "authority.overrun")


def test_kirjuri_project_commands_take_confirm(city, target, tmp_path):
    """Under rules that only warn of a body not entitled, a project opened, changed and closed by the hallitus
    is written once --confirm authority.body is given, and records it."""
    rules = tmp_path / "rules.toml"
    rules.write_text(authority.to_toml(authority.Rules(actions={**authority.DEFAULT.actions,
                                                                "authority.body": "warn"})), encoding="utf-8")
    for command in (["project", "open", "P1", "Koulu", "--group", "HP", "--unit", "KP", "--estimate", "100 000",
                     "--first-year", "2025", "--last-year", "2026", "--effective", "1.3.2025"],
                    ["project", "change", "P1", "--name", "Uusi koulu", "--effective", "1.4.2025"],
                    ["project", "close", "P1", "--effective", "1.5.2025"]):
        args = [*command, "--decision", "KH 3.2.2025 § 12", "--rules", str(rules)]
        _refused_until_confirmed(city, target, args, "authority.body")


# --- the TUI's service transfer form ----------------------------------------------------------------------------------


def test_the_transfer_form_shows_the_overrun_on_the_first_ctrl_s_and_writes_it_confirmed_on_the_second(sqlite_target):
    """Kemijärvi 2026: HALLVA's units have spent -4 000 000 of its -4 466 560 and JOUKKOLIIKENNE -2 000 000 of
    ELTY's -2 317 170; moving JOUKKOLIIKENNE to HALLVA takes its toteuma there (the book states HALLVA's
    appropriation: it stays as stated) and leaves HALLVA overrun, its KS too (JOUKKOLIIKENNE's KS comes with it).
    The first ctrl+s writes nothing and shows the warnings, the second writes the transfer with them recorded as
    confirmed by the clerk."""
    from test_tui import run, settled, until
    from test_tui_forms import EXAMPLE, form_of, go_to, kirjuri, press
    from textual.widgets import Static

    from events.model import ServiceTransferred
    from ledger.store.exchange import read_export
    from tui.screens.form import FormScreen
    from tui.screens.main import MainScreen

    demo = Kirjuri(sqlite_target, create=True, author="virkailija")
    demo.submit_recorded(read_export(EXAMPLE)[1])
    demo.record("toteuma", 2026, [Line("JOUKKOLIIKENNE", "MENOT", -2_000_000_00),
                                  Line("TALOUSPALVELUT", "MENOT", -4_000_000_00)],
                period=(D(2026, 1, 1), D(2026, 6, 30)))
    seq = demo.state.seq
    app = kirjuri(demo)

    async def scenario(app, pilot):
        await go_to(app, pilot, "JOUKKOLIIKENNE")
        await press(app, "s", *"hallva", "tab", *"KV 15.6.2026 § 45")
        form = form_of(app)
        await until(lambda: form.outcome is not None and form.outcome.values == form.values())
        warnings = [w.value for w in form.outcome.warnings]
        assert form.outcome.ok and warnings == ["authority.overrun", "authority.ks_over"], warnings
        await press(app, "ctrl+s")
        assert isinstance(app.screen, FormScreen) and demo.state.seq == seq, "the first ctrl+s writes nothing"
        said = str(form.query_one("#message", Static).render())
        assert "Varoitus:" in said and "HALLVA" in said and "^s uudelleen" in said, said
        await press(app, "ctrl+s")
        await until(lambda: demo.state.seq == seq + 1)
        await settled(app)
        assert isinstance(app.screen, MainScreen)

    try:
        run(app, scenario)
        event = demo.records([seq + 1])[seq + 1].event
        assert isinstance(event, ServiceTransferred) and event.confirmed == ("authority.ks_over", "authority.overrun")
        assert event.author == "virkailija" and only_the_books_finding(demo.verify())
    finally:
        demo.close()


# --- imports: a long table and actuals by a mapping are judged like any write ------------------------------------


def test_a_long_table_whose_tp_overruns_is_refused_until_confirmed(city, target, tmp_path, english):
    table = tmp_path / "tp.csv"
    table.write_text("year;column;unit;account;amount\n2025;TP;JL;MENOT;-1 800\n", encoding="utf-8")
    seq = city.state.seq
    refused = cli(target, "import", str(table), "--apply")
    assert refused.exit_code == 1 and refused.stderr.count("\n") == 1, refused.output
    assert "lines: 2025 HP-YH NETTOMENO: TP" in refused.stderr
    assert "Traceback" not in refused.output
    city.refresh()
    assert city.state.seq == seq
    written = cli(target, "import", str(table), "--apply", "--confirm", "authority.overrun")
    assert written.exit_code == 0, written.output
    city.refresh()
    assert policy.confirmed_of(city.records([seq + 1])[seq + 1].event) == ("authority.overrun",)


def test_actuals_by_a_mapping_that_overrun_are_refused_until_confirmed(target, tmp_path, english):
    """Kemijärvi 2026: a month's costs at Kaupunginhallitus past HALLVA's whole appropriation."""
    from pathlib import Path

    examples = Path(__file__).parents[1] / "examples"
    assert cli(target, "restore", str(examples / "kemijarvi.json")).exit_code == 0
    export = tmp_path / "export.csv"
    export.write_text("Kustannuspaikka;Kustannuspaikan nimi;Tili;Tilin nimi;Kausi;Summa\r\n"
                      "1100;Kaupunginhallitus;4000;Palkat ja palkkiot;2026/01;9000000,00\r\n", encoding="utf-8")
    mapping = examples / "actuals" / "kemijarvi-mapping.toml"
    head = cli(target, "head").stdout
    refused = cli(target, "import", str(export), "--mapping", str(mapping), "--apply")
    assert refused.exit_code == 1 and "lines: 2026 HALLVA NETTOMENO: TOTEUMA" in refused.stderr, \
        refused.output
    assert cli(target, "head").stdout == head
    written = cli(target, "import", str(export), "--mapping", str(mapping), "--apply", "--confirm", "authority.overrun")
    assert written.exit_code == 0, written.output
    report = cli(target, "verify")  # the confirmed overrun explained; the book's own finding still said
    assert report.exit_code == 1 and "confirmed" in report.stdout.lower(), report.output
    assert (f"overruns: 1 finding\n  #{HALL_KS_SEQ} book-51b683c5dff8-t3-KS2025 {HALL_KS_SAID['en']}\n"
            in report.stdout), report.output


# --- a KS past its budget: warned only when a write makes it, or makes it larger --------------------------------


def test_a_ta_cut_below_the_ks_warns_and_one_that_adds_appropriation_does_not(city):
    """HP-YH's KS plans its TA+muutos -1 500 in full: cutting the TA+muutos to -1 450 leaves the KS 50 past it
    (a warning until confirmed); adding appropriation leaves it within."""
    city.record("ks", 2025, [Line("JL", "MENOT", -1000_00), Line("KP", "MENOT", -500_00)], decision=KH)
    refusal = warned(city, lambda: city.amend(2025, [Line("KP", "MENOT", 50_00)], effective=D(2025, 6, 1),
                                              decision=KV_2026))
    assert refusal.value == "authority.ks_over" and refusal.params["finding"][1]["over"] == 50_00
    added = city.amend(2025, [Line("KP", "MENOT", -50_00)], effective=D(2025, 6, 1), decision=KV_2026)
    assert policy.confirmed_of(added.event) == ()


def test_on_kemijarvi_an_overrun_already_held_is_warned_of_only_when_a_write_makes_it_larger(kemijarvi):
    """HALL's KS 2025 set 20 000 past its TA+muutos (confirmed, as the book's own KS was past its TA): a TA-muutos
    adding appropriation, or a KS planning less though still past it, is written with no warning; a KS planning
    more asks for the confirmation, naming the larger overrun."""
    def ks(amount: int, day: int):
        return lambda: kemijarvi.record("ks", 2025, [Line("JOUKKOLIIKENNE", "MENOT", amount)],
                                        effective=D(2025, 6, day), decision=KH_JUNE)
    kemijarvi.confirm = frozenset({"authority.ks_over"})
    assert policy.confirmed_of(ks(-368_070_00, 1)().event) == ("authority.ks_over",)
    kemijarvi.confirm = frozenset()
    added = kemijarvi.amend(2025, [Line("JOUKKOLIIKENNE", "MENOT", -100_000_00)], effective=D(2025, 6, 2),
                            decision=KV_JUNE)
    assert policy.confirmed_of(added.event) == ()
    assert policy.confirmed_of(ks(-358_070_00, 3)().event) == ()  # still past it, by 10 000: no larger
    refusal = warned(kemijarvi, ks(-378_070_00, 4))
    assert refusal.value == "authority.ks_over" and refusal.params["finding"][1]["unit"] == "HALL"
    assert (refusal.params["finding"][1]["over"], refusal.params["finding"][1]["planned"]) == (30_000_00, -5_570_000_00)


KH_JUNE = Decision(body="hallitus", date=D(2025, 5, 26), section="7")
KV_JUNE = Decision(body="valtuusto", date=D(2025, 5, 26), section="41")
