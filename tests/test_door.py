"""One door: the terminal UI reaches the ledger only through ``Kirjuri``'s public methods, and read-only is the
application's own property (``Kirjuri(target, read_only=True)`` refuses every write itself; `kirjuri serve`
opens only such a ledger)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest
import tomli_w
from conftest import KH, KV, KV_MUUTOS, only_the_books_finding, small_city

import ledger.app as app_module
import ledger.audit.apart as apart
from events.model import Line
from ledger.app import Kirjuri
from ledger.audit.committee import meetings
from ledger.domain import refusals
from ledger.domain.rules import Rejected
from cli import served, ui
from tui.app import KirjuriApp

D = dt.date


@pytest.fixture
def city(ledger: Kirjuri) -> Kirjuri:
    """The small city with a TA 2025, an amendment, a pending proposal and a TS."""
    small_city(ledger).adopt(2025, [Line("JL", "MENOT", -1_000_00), Line("KP", "MENOT", -2_000_00)], decision=KV)
    ledger.amend(2025, [Line("JL", "MENOT", -50_00)], effective=D(2025, 6, 1), decision=KV_MUUTOS)
    change = ledger.amendment(2025, [Line("KP", "MENOT", -70_00)], effective=D(2025, 6, 1), decision=None)
    ledger.propose(change, to_body="valtuusto", decision=KH)
    return ledger


def writes(ro: Kirjuri, proposal: int, amended: int) -> dict:
    """Every way a ledger is written to, each a call on ``ro``."""
    change = ro.amendment(2025, [Line("JL", "MENOT", -10_00)], effective=D(2025, 7, 1), decision=KV_MUUTOS)
    return {
        "register_unit": lambda: ro.register_unit("UU", "Uusi", "yksikkö", "HP-YH", effective=D(2025, 1, 1)),
        "rename_unit": lambda: ro.rename_unit("JL", "Bussit", effective=D(2025, 3, 1)),
        "close_unit": lambda: ro.close_unit("TY", effective=D(2025, 3, 1), decision=KV),
        "transfer": lambda: ro.transfer("JL", "ET", effective=D(2025, 7, 1), decision=KV),
        "adopt": lambda: ro.adopt(2026, [Line("JL", "MENOT", -1_00)], decision=KV),
        "amend": lambda: ro.amend(2025, [Line("JL", "MENOT", -1_00)], effective=D(2025, 7, 1), decision=KV_MUUTOS),
        "reallocate": lambda: ro.reallocate(2025, [("JL", "MENOT", "KP", "MENOT", 1_00)], effective=D(2025, 7, 1),
                                            decision=KV),
        "propose": lambda: ro.propose(change, to_body="valtuusto", decision=KH),
        "decide": lambda: ro.decide(f"#{proposal}", approved=True, decision=KV),
        "record": lambda: ro.record("ts", 2025, [Line("JL", "MENOT", -900_00)]),
        "reverse": lambda: ro.reverse(f"#{amended}", reason="virhe"),
        "submit": lambda: ro.submit(change),
        "submit_recorded": lambda: ro.submit_recorded(list(ro.records([1]).values())),
        "checkpoint": lambda: ro.checkpoint(quietly=False),
    }


def test_a_read_only_ledger_refuses_every_write_in_one_line_and_writes_nothing(city, target):
    proposal, amended = max(city.state.proposals), city.state.seq - 1
    with Kirjuri(target, read_only=True) as ro:
        head, checkpointed = ro.head_seq(), ro.eventlog.checkpointed_seq()
        for name, write in writes(ro, proposal, amended).items():
            with pytest.raises(Rejected) as refused:
                write()
            error = refused.value
            assert (error.field, error.code, error.value) == ("ledger", "ledger.read_only", target.describe()), name
            for lang in ("en", "fi"):
                said = refusals.say(error, lang)
                assert "\n" not in said and target.describe() in said, (name, lang)
        assert "read-only" in refusals.why(error, "en") and "vain luettavaksi" in refusals.why(error, "fi")
        assert ro.head_seq() == head == city.state.seq and ro.eventlog.checkpointed_seq() == checkpointed


def test_a_read_only_ledger_reads_and_skips_a_checkpoint_silently(city, target):
    with Kirjuri(target, read_only=True) as ro:
        assert ro.state.to_checkpoint() == city.state.to_checkpoint()
        assert ro.checkpoint() == city.state.seq  # quietly: nothing written, nothing said
        assert ro.eventlog.checkpointed_seq() == city.eventlog.checkpointed_seq()
        assert ro.verify() == city.verify() and ro.refresh() == 0
        city.amend(2025, [Line("JL", "MENOT", -1_00)], effective=D(2025, 8, 1), decision=KV_MUUTOS)
        assert ro.refresh() == 1 and ro.state.seq == city.state.seq


def test_a_read_only_ledger_is_never_created(sqlite_target):
    with pytest.raises(Rejected) as refused:
        Kirjuri(sqlite_target, create=True, read_only=True)
    assert refused.value.code == "ledger.read_only" and not sqlite_target.sqlite_path.exists()


def test_the_ui_asks_the_ledger_whether_it_may_write(city, target):
    with Kirjuri(target, read_only=True) as ro:
        app = KirjuriApp(ro, lang="en")
        assert app.read_only is True and app.sub_title == "read-only"
    assert KirjuriApp(city).read_only is False


def test_the_served_ui_opens_a_read_only_ledger(kemijarvi, monkeypatch):
    opened = []
    monkeypatch.setattr(ui.FRONTENDS, "terminal", lambda ledger, lang, read_only, rules: opened.append(ledger))
    served.main(["--db", str(kemijarvi.target.sqlite_path), "tui", "--read-only", "--lang", "en"])
    (ledger,) = opened
    try:
        assert ledger.read_only and ledger.target == kemijarvi.target
        with pytest.raises(Rejected) as refused:
            ledger.record("ts", 2025, [Line("KJ", "MENOT", -1_00)])
        assert refused.value.code == "ledger.read_only"
    finally:
        ledger.close()


def test_a_view_reads_the_decided_events_in_batches_and_may_stop(kemijarvi, monkeypatch):
    """``read_decided`` hands ``meetings`` what it reads from all the records; cancelled, it says None and leaves
    the lock free."""
    every = kemijarvi.records(range(1, kemijarvi.state.seq + 1))
    assert kemijarvi.read_decided(meetings) == meetings(kemijarvi.state, every)
    monkeypatch.setattr(app_module, "LOCKED_BATCH", 3)
    seen = []
    assert kemijarvi.read_decided(lambda state, records: seen.extend(records), lambda: len(seen) >= 3) is None
    assert len(seen) == 3
    taken = []

    def take() -> None:
        taken.append(kemijarvi.lock.acquire(timeout=2))
        kemijarvi.lock.release()

    other = threading.Thread(target=take)
    other.start()
    other.join()
    assert taken == [True]


def test_a_record_comes_with_the_record_it_reverses(city):
    amended = city.state.seq - 1
    reversal = city.reverse(f"#{amended}", reason="virhe")
    record, target = city.record_with_target(reversal.seq)
    assert record.event == reversal.event and target is not None and target.seq == amended
    assert city.record_with_target(amended)[1] is None


def test_a_verification_in_the_background_apart_says_what_verify_says(kemijarvi, monkeypatch):
    monkeypatch.setattr(app_module, "APART_FROM", 0)
    monkeypatch.setattr(kemijarvi, "verify", lambda *a, **k: pytest.fail("verified in this process"))
    report = kemijarvi.verify_in_background()
    assert only_the_books_finding(report) and (report.seq, report.head) == (kemijarvi.state.seq, kemijarvi.state.head)


def test_a_verification_apart_no_longer_wanted_is_ended(kemijarvi, monkeypatch):
    monkeypatch.setattr(app_module, "APART_FROM", 0)
    monkeypatch.setattr(apart, "CHILD", "import time; time.sleep(60)")
    started = time.monotonic()
    assert kemijarvi.verify_in_background(cancelled=lambda: time.monotonic() - started > 0.5) is None
    assert time.monotonic() - started < 10


def test_the_ui_imports_no_internal_of_the_ledger(tmp_path):
    """import-linter's "tui-door" contract (pyproject.toml) holds, and would catch a module that imports the store:
    the same forbidden list, asked of ``ledger.app`` (which does), is broken."""
    import tomllib

    from importlinter.application.use_cases import lint_imports
    from importlinter.configuration import configure

    configure()  # what the lint-imports command does first
    pyproject = Path(__file__).parents[1] / "pyproject.toml"
    assert lint_imports(str(pyproject), limit_to_contracts=("tui-door",), cache_dir=None, no_logo=True)
    config = tomllib.loads(pyproject.read_text(encoding="utf-8"))["tool"]["importlinter"]
    (door,) = [c for c in config["contracts"] if c.get("id") == "tui-door"]
    planted = tmp_path / "pyproject.toml"
    planted.write_text(tomli_w.dumps({"tool": {"importlinter": {
        "root_packages": config["root_packages"],
        "contracts": [door | {"source_modules": ["ledger.app"]}]}}}), encoding="utf-8")
    assert not lint_imports(str(planted), cache_dir=None, no_logo=True)
