"""The committee's diff between two points (ledger/fold/diff.py, ``ledger.audit.committee.figure_diff``,
`kirjuri diff`): every figure that changed, with the events that explain it, and nothing else.

The property runs random histories (tests/test_ledger_invariants.py's commands) and compares the diff with
the figures of two states folded independently from the log's first A and first B events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import small_city
from hypothesis import event, given, settings
from hypothesis import strategies as st
from test_cli import kirjuri
from test_ledger_invariants import SETTINGS, UNITS, all_records, command, fold, fresh_ledger, run

from events.model import Decision, Line
from ledger.app import Kirjuri
from ledger.audit import authority
from ledger.audit.committee import figure_diff, meetings, previous_head
from ledger.domain.refusals import Rejected, field_said
from ledger.fold.diff import diff, figures_at, position
from ledger.fold.state import LedgerState

D = dt.date
ROOT = Path(__file__).parents[1]
KEMIJARVI_RULES = authority.load(ROOT / "examples" / "kemijarvi-rules.toml")
KV_41 = Decision(body="valtuusto", date=D(2026, 6, 9), section="41")
KH_42 = Decision(body="hallitus", date=D(2026, 6, 16), section="42")


def every_unit(_year: int) -> tuple[str, ...]:
    return UNITS


def figures_of(state: LedgerState, years: list[int]) -> dict:
    """Each unit's figures in each year, read now from ``state``: the independent side of the comparison."""
    return {(year, unit): figures_at(state, year, unit, state.seq) for year in years for unit in UNITS
            if unit in state.units}


@settings(max_examples=80, **SETTINGS)
@given(cmds=st.lists(command, min_size=10, max_size=40), cut=st.tuples(st.integers(0, 10_000), st.integers(0, 10_000)))
def test_the_diff_is_the_difference_of_two_states_and_each_change_is_explained(cmds, cut):
    with fresh_ledger() as app:
        run(app, cmds)
        records = all_records(app)
        # the small city's registrations are the first eight events: the points fall mostly after them
        half = len(records) // 2
        since, upto = cut[0] % (half + 1), len(records) - cut[1] % (half + 1)
        found = diff(app.state, every_unit, since, upto)
        years = app.state.years()
        before, after = figures_of(fold(records[:since]), years), figures_of(fold(records[:upto]), years)
        listed = {(c.year, c.node, c.account, c.column): c for c in found.changes}
        expected = {(year, unit, account, column) for (year, unit) in after
                    for (account, column) in set(after[(year, unit)]) | set(before.get((year, unit), {}))
                    if after[(year, unit)].get((account, column)) != before.get((year, unit), {}).get((account, column))}
        # every figure that differs is listed, and nothing unchanged is
        assert set(listed) == expected
        for (year, unit, account, column), change in listed.items():
            assert change.before == before.get((year, unit), {}).get((account, column))
            assert change.after == after[(year, unit)].get((account, column))
            assert change.before != change.after
            # every change has an event that explains it, between the two points, and their shares add up
            assert change.causes, change
            assert all(since < cause.seq <= upto for cause in change.causes)
            assert sum(cause.delta for cause in change.causes) == change.delta
        event(f"figures changed: {'some' if found.changes else 'none'}, explained by several events: "
              f"{any(len(c.causes) > 1 for c in found.changes)}")
        assert found.seqs == sorted({cause.seq for change in found.changes for cause in change.causes})


def test_nothing_between_a_point_and_itself(ledger):
    small_city(ledger).adopt(2026, [Line("JL", "MENOT", -1_000_00)], decision=KV_41)
    assert diff(ledger.state, every_unit, 9, 9).changes == ()
    assert {c.column for c in diff(ledger.state, every_unit, 8, 9).changes} == {"TA", "TA+MUUTOS"}


@pytest.fixture
def amended(kemijarvi: Kirjuri) -> Kirjuri:
    """The example, then a TA-muutos (#162) on Joukkoliikenne and a reallocation (#163) out of Elinkeinopalvelut."""
    kemijarvi.amend(2026, [Line("JOUKKOLIIKENNE", "MENOT", -12_000_00)], effective=D(2026, 6, 15), decision=KV_41)
    kemijarvi.reallocate(2026, [("ELINKEINOPALVELUT", "MENOT", "JOUKKOLIIKENNE", "MENOT", 5_000_00)],
                         effective=D(2026, 6, 20), decision=KH_42)
    return kemijarvi


def test_the_committee_diff_starts_at_the_previous_meeting_and_names_its_events(amended):
    found = amended.read_decided(meetings)
    # the last change (#163) is the meeting under review: the diff starts where the one before it left the ledger
    assert previous_head(found, amended.state.seq) == 162
    assert previous_head(found, 162) == 161
    change = amended.read(figure_diff, KEMIJARVI_RULES, 161)
    assert change.since == 161 and change.upto == 163 and change.seqs == [162]
    rows = {(c.node, c.account, c.column): (c.before, c.after, c.delta, [x.seq for x in c.causes])
            for c in change.changes}
    assert rows[("ELTY", "MENOT", "TA+MUUTOS")] == (-2_703_870_00, -2_715_870_00, -12_000_00, [162])
    # a reallocation inside one binding unit changes no binding figure
    assert all(163 not in causes for *_, causes in rows.values())


def test_a_point_is_an_event_or_a_moment_and_a_bad_one_is_refused(amended):
    state = amended.state
    assert position(state, "#162", "from") == 162 == position(state, "162", "from")
    assert position(state, "", "to") == 163
    record = amended.records([162])[162]
    assert position(state, record.event.id, "from") == 162 == position(state, record.event.id[:8], "from")
    after = record.event.recorded_at + dt.timedelta(seconds=1)
    assert position(state, after.strftime("%d.%m.%Y %H:%M:%S"), "from") >= 162
    assert position(state, "1.1.2020", "from") == 0
    for text, code in (("#999", "event.out_of_range"), ("eilen", "point.invalid")):
        with pytest.raises(Rejected) as refused:
            position(state, text, "from")
        assert (refused.value.field, refused.value.code) == ("from", code)
    with pytest.raises(Rejected) as refused:
        figure_diff(state, KEMIJARVI_RULES, "#163", "#161")
    assert refused.value.code == "point.after_to"


def test_kirjuri_diff_prints_the_changes_and_their_events_and_writes_a_file(amended, tmp_path):
    db = str(amended.target.sqlite_path)
    amended.close()
    rules = str(ROOT / "examples" / "kemijarvi-rules.toml")
    result = kirjuri(db, "diff", "--from", "#161", "--rules", rules)
    assert result.exit_code == 0, result.output
    assert "kirjuri diff #161 → #163: 4 muuttunutta lukua, 1 tapahtuma" in result.output
    row = next(line for line in result.output.replace("\u00a0", " ").splitlines() if "ELTY MENOT TA+muutos" in line)
    assert [cell.strip() for cell in row.split("  ") if cell.strip()] == [
        "2026 ELTY MENOT TA+muutos", "-2 703 870", "-2 715 870", "-12 000", "#162"]
    assert "#162 TA-muutos 2026 · KV 9.6.2026 § 41" in result.output
    out = tmp_path / "diff.csv"
    assert kirjuri(db, "diff", "--from", "#161", "--rules", rules, "-o", str(out)).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("vuosi;yksikkö;tili;sarake;ennen;jälkeen;muutos;tapahtuma")
    assert "2026;ELTY;MENOT;TA+muutos;-2 703 870;-2 715 870;-12 000;#162;TA-muutos;KV 9.6.2026 § 41;-12 000" in \
        [line.replace("\u00a0", " ") for line in lines]
    swedish = kirjuri(db, "--lang", "sv", "diff", "--from", "#161", "--rules", rules, "-o", str(tmp_path / "sv.md"))
    assert swedish.exit_code == 0 and "2026 ELTY Utgifter TA+ändringar" in swedish.output.replace("\u00a0", " ")
    table = (tmp_path / "sv.md").read_text(encoding="utf-8").replace("\u00a0", " ").splitlines()
    assert table[0] == "| år | enhet | konto | kolumn | före | efter | förändring | händelse | typ | beslut | andel |"
    assert ("| 2026 | ELTY | Utgifter | TA+ändringar | -2 703 870 | -2 715 870 | -12 000 | #162 | Budgetändring | "
            "KF 9.6.2026 § 41 | -12 000 |") in table
    for args, field in ((["--from", "eilen"], "from"), (["--from", "#163", "--to", "#161"], "from"),
                        (["--from", "#1", "-o", str(tmp_path / "diff.txt")], "output"), (["--to", "#2"], "from"),
                        (["ELTY", "--from", "#1"], "from")):
        refused = kirjuri(db, "diff", *args)
        assert refused.exit_code == 1 and refused.output.startswith(f"kirjuri: {field_said(field, 'fi')}: ")
        assert "Traceback" not in refused.output


def test_an_event_id_that_begins_with_digits_names_its_event_not_a_position():
    """A random hex id begins with eight digits about one time in forty (`39831115…`): copied as a point
    it names that event; `#39831115` is still a position, refused past the ledger's end."""
    from types import SimpleNamespace

    state = SimpleNamespace(seq=163, ids={"39831115-7d2e-4c1a-9b0f-2a6c1e5d8f30": 162, "a1b2c3d4-x": 161})
    assert position(state, "39831115", "from") == 162 == position(state, "39831115-7d2e", "from")
    with pytest.raises(Rejected) as refused:
        position(state, "#39831115", "from")
    assert refused.value.code == "event.out_of_range"
    assert position(state, "162", "from") == 162
