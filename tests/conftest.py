"""Shared fixtures: every ledger test runs against SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import sqlite3
import sys
import weakref
from collections import Counter
from pathlib import Path

import pytest
import typer.testing
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).parent))

#: no example is timed: CI's six workers share two cores with whatever else runs, and a test left at
#: hypothesis's 200 ms deadline failed as flaky (an example took 252 ms, then 185 ms when replayed); a test's
#: own settings still choose its number of examples
settings.register_profile("ci", deadline=None)
settings.load_profile("ci")

#: how many times a property's CI examples a longer run takes (KIRJURI_LONG_TESTS=4: a night's run); CI must stay
#: under ten minutes on two cores, so the per-commit counts are what that budget allows
LONG_TESTS = int(os.environ.get("KIRJURI_LONG_TESTS", "1"))


def examples(n: int) -> int:
    """A property's number of examples: ``n`` in CI, more in a longer run (``LONG_TESTS``)."""
    return n * LONG_TESTS

if os.environ.get("PYTEST_XDIST_WORKER"):
    # pytest-xdist's workers start with COLUMNS=80 LINES=24 set, which Textual and Rich take over the real
    # size (a TUI in a 120x40 tmux pane would draw 80x24): a worker sees the environment a serial run sees
    for name in ("COLUMNS", "LINES"):
        os.environ.pop(name, None)

from pg_server import fresh_database  # noqa: E402

from events.model import Decision  # noqa: E402
from ledger.app import Kirjuri  # noqa: E402
from ledger.store.exchange import read_export  # noqa: E402
from ledger.store.log import Target  # noqa: E402

#: the click command each typer app becomes, built once: typer's CliRunner builds it again at each invoke (~20 ms of
#: CPU, two thirds of a short command's), thousands of times a run. No test changes an app, and the command holds
#: the same callbacks and options a fresh build would: each invoke still parses, runs and says what it did anew
_COMMANDS: dict[int, tuple[object, object]] = {}
_build_command = typer.testing._get_command


def _command_built_once(app):
    built = _COMMANDS.get(id(app))
    if built is None or built[0] is not app:
        built = _COMMANDS[id(app)] = (app, _build_command(app))
    return built[1]


typer.testing._get_command = _command_built_once

KV = Decision(body="valtuusto", date=dt.date(2024, 12, 9), section="80")
KH = Decision(body="hallitus", date=dt.date(2025, 2, 3), section="12")
#: a TA-muutos of 2025: decided in its fiscal year, as the rules of authority want (``authority.amendment_window``)
KV_MUUTOS = Decision(body="valtuusto", date=dt.date(2025, 1, 2), section="1")
#: the TA 2023's and a TA-muutos of 2023, each decided when the rules of authority want it
KV_2023 = Decision(body="valtuusto", date=dt.date(2022, 12, 12), section="90")
KV_MUUTOS_2023 = Decision(body="valtuusto", date=dt.date(2023, 2, 27), section="15")
#: a TA-muutos of 2026, decided in its fiscal year
KV_MUUTOS_2026 = Decision(body="valtuusto", date=dt.date(2026, 2, 16), section="12")
#: the TA 2026's: a decision for 2026 is made from 1.1.2025 on (``rules.decision_dated``)
KV_2026 = Decision(body="valtuusto", date=dt.date(2025, 11, 24), section="90")


class Clock:
    """A test clock: each reading is one second after the previous one."""

    def __init__(self, start: dt.datetime = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.timezone.utc)):
        self.now = start

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


@pytest.fixture(params=["sqlite", "postgres"])
def target(request, tmp_path) -> Target:
    if request.param == "sqlite":
        return Target(sqlite_path=tmp_path / "ledger.sqlite")
    return Target(postgres_url=fresh_database("k"))


@pytest.fixture
def sqlite_target(tmp_path) -> Target:
    return Target(sqlite_path=tmp_path / "ledger.sqlite")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ledger(target, clock) -> Kirjuri:
    app = Kirjuri(target, create=True, author="testi", clock=clock)
    yield app
    app.close()


def small_city(app: Kirjuri) -> Kirjuri:
    """Kemijärvi-shaped organisation: city, two toimiala, vastuualue, units."""
    on = dt.date(2020, 1, 1)
    app.register_unit("KJ", "Kemijärven kaupunki", "kaupunki", None, effective=on)
    app.register_unit("HP", "Hallintopalvelut", "toimiala", "KJ", effective=on)
    app.register_unit("ET", "Elinkeino- ja työllisyyspalvelut", "toimiala", "KJ", effective=on)
    app.register_unit("HP-YH", "Yleishallinto", "vastuualue", "HP", effective=on)
    app.register_unit("JL", "Joukkoliikenne", "yksikkö", "HP-YH", effective=on)
    app.register_unit("KP", "Kehittämisprojektit", "yksikkö", "HP-YH", effective=on)
    app.register_unit("TP", "Talouspalvelut", "yksikkö", "HP-YH", effective=on)
    app.register_unit("TY", "Työllisyyspalvelut", "yksikkö", "ET", effective=on)
    return app


EXAMPLES = Path(__file__).parents[1] / "examples"


def restore_example(tmp_path: Path, name: str) -> Kirjuri:
    """A bundled example ledger (examples/NAME.json) restored into a fresh SQLite file."""
    ledger = Kirjuri(Target(sqlite_path=tmp_path / f"{name}.sqlite"), create=True, author="testi")
    ledger.submit_recorded(read_export(EXAMPLES / f"{name}.json")[1])
    return ledger


#: the one finding ``kirjuri verify`` makes on the bundled Kemijärvi example, true of the book it was built from
#: (../shared/seeds/000…txt): its määrärahat table binds Hallintopalvelut at NETTOMENO -5 520 000 for 2025, and its
#: KS 2025 plans -5 540 000 (authority.ks_over at #101, the book's KS). Kirjuri reports it, never corrects it
HALL_KS_SEQ = 101
HALL_KS = {"year": 2025, "unit": "HALL", "line": "NETTOMENO", "planned": -5_540_000_00, "budget": -5_520_000_00,
           "over": 20_000_00}
#: that finding as ``kirjuri verify`` prints it, in each language (after "#101 EVENT-ID ")
HALL_KS_SAID = {
    "en": "2025 HALL NETTOMENO: the KS -5 540 000 plans past TA+muutos -5 520 000 by 20 000",
    "fi": "2025 HALL NETTOMENO: KS -5 540 000 € ylittää TA+muutoksen -5 520 000 €, ylitys 20 000 €",
    "sv": "2025 HALL Nettoutgift: dispositionsplanen -5 540 000 € överskrider TA+ändringar -5 520 000 € med 20 000 €",
}


def only_the_books_finding(report) -> bool:
    """The Kemijärvi example's verification fails on the book's own finding (``HALL_KS``) and on nothing else."""
    failed = [check for check in report.checks if not check.passed]
    return [c.name for c in failed] == ["overruns"] and [
        (f.seq, f.code, {k: f.params.get(k) for k in HALL_KS}) for f in failed[0].findings] == [
        (HALL_KS_SEQ, "authority.ks_over", HALL_KS)]


def only_the_books_finding_said(json_text: str) -> bool:
    """``kirjuri verify --json`` on the Kemijärvi example: it fails on the book's own finding (``HALL_KS``) alone."""
    report = json.loads(json_text)
    failed = [check for check in report["checks"] if not check["passed"]]
    return not report["passed"] and [c["name"] for c in failed] == ["overruns"] and [
        (f["seq"], f["code"], f["what"]) for f in failed[0]["findings"]] == [
        (HALL_KS_SEQ, "authority.ks_over", HALL_KS_SAID["en"])]


@pytest.fixture
def kemijarvi(tmp_path):
    ledger = restore_example(tmp_path, "kemijarvi")
    yield ledger
    ledger.close()


@pytest.fixture
def kemi(tmp_path):
    ledger = restore_example(tmp_path, "kemi")
    yield ledger
    ledger.close()


def sqlite_write_locked(probe: sqlite3.Connection) -> bool:
    """Whether another connection holds the SQLite file's write lock (is inside a write), asked
    without waiting (``probe`` opened with timeout=0 and isolation_level=None)."""
    try:
        probe.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return True
        raise
    probe.execute("ROLLBACK")
    return False


def race(loser: Kirjuri, winner_write):
    """Make ``winner_write`` happen after ``loser`` sealed its events but before it appends;
    the list it returns holds what the winner wrote, once it has."""
    original = loser.eventlog.append
    raced = []

    def append(records):
        if not raced:
            raced.append(winner_write())
        return original(records)

    loser.eventlog.append = append
    return raced


@pytest.fixture(autouse=True)
def _no_language_asked(monkeypatch):
    """The language comes from --lang, $KIRJURI_LANG, then the locale: a test runs as under a C locale,
    whatever the machine's, and asks for a language where it means to."""
    for name in ("KIRJURI_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def english(monkeypatch):
    """A test that reads what Kirjuri says in English asks for it ($KIRJURI_LANG=en): with no language asked,
    every line of the CLI is Finnish."""
    monkeypatch.setenv("KIRJURI_LANG", "en")


@pytest.fixture(scope="module", autouse=True)
def _earlier_files_frozen() -> None:
    """What the files before this one left alive (pytest, the imported modules, their caches) is
    frozen out of the collector's full passes, as the TUI freezes the state it folded (``MainScreen.open_ledger``).
    The garbage is collected first, so nothing a file left behind is kept: what a test makes is collected as
    before, and the passes walk only that (the TUI's idle pass, ``tui.idle_gc``, makes several a test: they
    walked the whole worker's heap, 0.15-0.4 s each under load, a third of test_tui.py's CPU)."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True)
def _earlier_tests_frozen(request) -> None:
    """In a file that drives the TUI, also what the tests before this one left alive (Textual's caches of drawn
    lines fill as its apps draw): a fifth less CPU again for test_tui.py, where the collection each test costs
    pays back at the first idle pass; in the other files each test's collection would cost more than it saves."""
    if hasattr(request.module, "KirjuriApp"):
        gc.collect()
        gc.freeze()


#: every PostgreSQL ledger a test opened, until it is collected: one left open holds a connection pool whose
#: threads outlive it, and the collector closes it later in whatever thread it runs, a test the leak is not of
#: ("cannot join current thread" on a pool thread)
_OPENED: weakref.WeakSet = weakref.WeakSet()
#: those opened while a fixture of a wider scope than a test's was set up: open until that scope ends
_SCOPED: weakref.WeakSet = weakref.WeakSet()
_IN_WIDE_FIXTURE: list[str] = []
_kirjuri_init = Kirjuri.__init__


def _counted_init(self, *args, **kwargs) -> None:
    """``Kirjuri.__init__``, the ledger counted first: one whose opening failed halfway is counted too."""
    (_SCOPED if _IN_WIDE_FIXTURE else _OPENED).add(self)
    _kirjuri_init(self, *args, **kwargs)


Kirjuri.__init__ = _counted_init


def _left_open(ledgers) -> list[str]:
    """The PostgreSQL ledgers of ``ledgers`` still open: a pool made and never closed."""
    pools = [(app, getattr(getattr(getattr(app, "factory", None), "datastore", None), "pool", None))
             for app in list(ledgers)]
    return sorted(app.target.describe() for app, pool in pools
                  if pool is not None and app.target.is_postgres and not pool.closed)


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef):
    """A ledger a module's (or the session's) fixture opens is closed by its teardown, not the test's."""
    wide = fixturedef.scope != "function"
    if wide:
        _IN_WIDE_FIXTURE.append(fixturedef.argname)
    try:
        yield
    finally:
        if wide:
            _IN_WIDE_FIXTURE.pop()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A test that leaves a PostgreSQL ledger open fails, naming it, once its fixtures are torn down (those of
    its module too, after its last test): a leak is found in the test that made it, not where the collector
    later runs. Counted, not collected: it costs no pass of the collector."""
    yield
    left = _left_open(_OPENED)
    if nextitem is None or nextitem.module is not item.module:
        left += _left_open(_SCOPED)
    _OPENED.clear()
    if nextitem is None or nextitem.module is not item.module:
        _SCOPED.clear()
    if left:
        pytest.fail(f"{len(left)} PostgreSQL ledger(s) left open (never closed): {', '.join(left)}", pytrace=False)


@pytest.fixture(scope="session", autouse=True)
def _shared_by_the_workers(tmp_path_factory) -> None:
    """The run's directory every xdist worker shares (a lone run: its own), for ``seinajoki_pdf``."""
    import seinajoki_pdf

    base = tmp_path_factory.getbasetemp()
    seinajoki_pdf.SHARED = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


#: files of few tests that each take long (measured with --durations under load, stop 25: mean 10-90 s a test);
#: xdist hands out the files with the most tests first, which left these last and one of them alone on a worker
#: at the end of the run; a file whose tests grow long to the same measure belongs here. The longest files go
#: first, longest first: the TUI's forms, main screen and committee files (120-190 s each on one worker under
#: load, stop 30) came out of the count order after the middle of the run and one of them ended it ~40 s after
#: every other worker was done
LONG_FILES = ("test_tui_forms.py", "test_tui.py", "test_screens_80x24.py", "test_tui_committee.py",
              "test_readme_commands.py", "test_faults.py", "test_tui_roles.py", "test_form_heading.py",
              "test_tui_snapshots.py", "test_tui_terminal.py", "test_written_verified.py", "test_ledger_invariants.py")


def pytest_collection_modifyitems(items) -> None:
    """The files in the order the workers take them (pyproject: --no-loadscope-reorder): LONG_FILES first, then
    the rest as xdist would order them, most tests first, so the run ends on short files that fill the gaps.
    Each file's tests stay together and in their order."""
    tests = Counter(item.path.name for item in items)
    long = {name: rank for rank, name in enumerate(LONG_FILES)}
    items.sort(key=lambda item: (long.get(item.path.name, len(long)), -tests[item.path.name]))
