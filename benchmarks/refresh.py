"""Live refresh: how soon a running terminal UI shows a change another process committed.

    python benchmarks/refresh.py [--commits 30] [--backends sqlite postgres] [--url postgresql://...]

Two processes on one ledger (the Kemijärvi example, restored fresh for each backend):

* the **writer** (a process of its own, multiprocessing spawn, its own ``Kirjuri``) waits a random
  0–1 s (one poll period, so commits land at every phase of the UI's poll), commits a TA-muutos of
  JOUKKOLIIKENNE MENOT -1 000 € and reports when ``amend`` returned, i.e. after the commit;
* the **reader** (this process) runs the real terminal UI headless (``KirjuriApp`` under
  ``App.run_test``, 80x24) with the cursor on JOUKKOLIIKENNE, 2026, as a clerk has it on screen. The
  UI is unchanged: its main screen asks the store for the head every ``POLL`` second and folds and
  shows what is new. "noticed" is when the screen's ``LedgerGrew`` message is handled (the poll saw
  the new head), "shown" is when the figures table shows the new MENOT TA+muutos (looked at every
  2 ms). The writer's next commit waits until the previous one is shown.

SQLite: both on one file in a temporary folder. PostgreSQL: ``--url`` or $KIRJURI_DATABASE_URL (an
empty ledger gets the example; one without JOUKKOLIIKENNE is refused), else a fresh database on a
private server started as the tests start theirs (tests/pg_server.py). Times are ``time.monotonic``,
one clock for both processes. See benchmarks/README.md ("Live refresh").
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# `python benchmarks/refresh.py` puts benchmarks/ first on sys.path, where benchmarks/tui.py would hide ``tui``
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from events.model import Decision, Line  # noqa: E402
from ledger.app import Kirjuri  # noqa: E402
from ledger.store.exchange import read_export  # noqa: E402
from ledger.store.log import Target  # noqa: E402

EXAMPLE = ROOT / "examples" / "kemijarvi.json"
UNIT, YEAR, ACCOUNT, COLUMN = "JOUKKOLIIKENNE", 2026, "MENOT", "TA+MUUTOS"
STEP = -1_000_00  # cents per amendment
ON = dt.date(2026, 6, 9)
KV = Decision(body="valtuusto", date=ON, section="41")
SIZE = (80, 24)
WATCH = 0.002  # how often the reader looks at the figures table


def writer(target: Target, commits: int, poll: float, seed: int, go, done) -> None:
    """The other clerk's process: on each go, wait a random part of a poll period, amend, say when it committed."""
    try:
        ledger = Kirjuri(target, author="toinen")
        rng = random.Random(seed)
        for _ in range(commits):
            if go.get() is None:
                break
            time.sleep(rng.uniform(0.0, poll))
            record = ledger.amend(YEAR, [Line(UNIT, ACCOUNT, STEP)], effective=ON, decision=KV)
            done.put((record.seq, time.monotonic()))
        ledger.close()
    except BaseException as exc:  # noqa: BLE001 - reported by the reader
        done.put(("error", f"{type(exc).__name__}: {exc}"))


def restore(target: Target, create: bool) -> None:
    """The example into an empty ledger; a ledger that has one must hold the unit amended."""
    ledger = Kirjuri(target, create=create, author="bench")
    try:
        if ledger.state.seq == 0:
            ledger.submit_recorded(read_export(EXAMPLE)[1])
        if UNIT not in ledger.state.units:
            raise SystemExit(f"{target.describe()} has no unit {UNIT}: give an empty database or the example")
    finally:
        ledger.close()


async def measure(target: Target, commits: int, seed: int) -> dict:
    """Run the UI on ``target`` and a writer process; the latencies of each commit, in seconds."""
    from tui.app import KirjuriApp
    from tui.keys import MAIN_KEYS, localised
    from tui.messages import LedgerGrew
    from tui.screens import main as main_screen

    noticed: list[float] = []

    class Timed(main_screen.MainScreen):
        """The UI's main screen as it is; handlers run base-class-last, so this marks the moment first."""

        def on_ledger_grew(self, _message: LedgerGrew) -> None:
            noticed.append(time.monotonic())

    class App(KirjuriApp):
        def get_default_screen(self):
            return localised(Timed, MAIN_KEYS, self.texts)(self.ledger, self.texts, self.today)

    ctx = multiprocessing.get_context("spawn")
    go, done = ctx.Queue(), ctx.Queue()
    proc = ctx.Process(target=writer, args=(target, commits, main_screen.POLL, seed, go, done))
    proc.start()
    ledger = Kirjuri(target, author="lukija")
    app = App(ledger, today=dt.date(2026, 11, 22))
    rows: list[dict] = []
    try:
        async with app.run_test(size=SIZE):
            main = app.main
            await until(lambda: main.selection is not None and main.figures.view is not None)
            main.go_to(UNIT)
            await until(lambda: main.selection.node == UNIT and shown(main) is not None)
            figure = shown(main)
            for i in range(commits):
                noticed.clear()
                go.put(i)
                figure += STEP
                await until(lambda wanted=figure: shown(main) == wanted, timeout=30)
                seen = time.monotonic()
                got = await asyncio.to_thread(done.get, True, 30)
                if got[0] == "error":
                    raise SystemExit(f"writer: {got[1]}")
                seq, committed = got
                rows.append({"seq": seq, "noticed": noticed[0] - committed if noticed else None,
                             "shown": seen - committed})
                print(f"  #{seq}: shown {1000 * (seen - committed):.0f} ms after the commit", file=sys.stderr)
    finally:
        go.put(None)
        proc.join(timeout=30)
        ledger.close()
    return {"rows": rows, "poll": main_screen.POLL}


def shown(main) -> int | None:
    """The MENOT TA+muutos the figures table shows for the unit, in cents (None: not the unit's figures yet)."""
    view = main.figures.view
    if view is None or view.selection.node != UNIT or view.selection != main.selection:
        return None
    row = next((r for r in view.rows if r.label.strip() == ACCOUNT), None)
    return None if row is None else row.values[view.columns.index(COLUMN)]


async def until(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("the UI did not show the change in time")
        await asyncio.sleep(WATCH)


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"median": statistics.median(ordered), "p95": ordered[round(0.95 * (len(ordered) - 1))],
            "max": ordered[-1], "min": ordered[0]}


def source_state() -> str:
    """The commit measured, and whether tui/ or ledger/ had uncommitted changes then."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = git("status", "--porcelain", "--", "tui", "ledger", "events")
    return git("rev-parse", "--short", "HEAD") + (" + uncommitted changes in tui/ledger" if dirty else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commits", type=int, default=30, help="commits per backend (default 30)")
    parser.add_argument("--backends", nargs="+", choices=("sqlite", "postgres"), default=["sqlite", "postgres"])
    parser.add_argument("--url", default=os.environ.get("KIRJURI_DATABASE_URL"),
                        help="PostgreSQL URL (default $KIRJURI_DATABASE_URL, else a private server)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="kirjuri-refresh.") as tmp:
        for backend in args.backends:
            if backend == "sqlite":
                target, create, where = Target(sqlite_path=Path(tmp) / "ledger.sqlite"), True, "SQLite, one file"
            elif args.url:
                target, create, where = Target(postgres_url=args.url), False, Target(postgres_url=args.url).describe()
            else:
                sys.path.insert(0, str(ROOT / "tests"))
                from pg_server import fresh_database

                target, create, where = Target(postgres_url=fresh_database("refresh")), True, "PostgreSQL (private)"
            restore(target, create)
            print(f"{backend}: {where}", file=sys.stderr)
            results[backend] = asyncio.run(measure(target, args.commits, args.seed))
    print(f"Live refresh: a commit in another process until the running TUI shows it ({args.commits} commits, "
          f"poll every {results[args.backends[0]]['poll']:g} s, {os.cpu_count()} CPUs, code {source_state()})")
    print()
    print("| backend | commits | shown: median / p95 / max ms | min ms | noticed: median / p95 / max ms "
          "| noticed → shown: median / p95 / max ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    for backend, result in results.items():
        rows = result["rows"]
        shown_ms = summary([r["shown"] * 1000 for r in rows])
        noticed = [r for r in rows if r["noticed"] is not None]
        parts = [three(summary([r["shown"] * 1000 for r in rows])),
                 f"{shown_ms['min']:.0f}",
                 three(summary([r["noticed"] * 1000 for r in noticed])) if noticed else "–",
                 three(summary([(r["shown"] - r["noticed"]) * 1000 for r in noticed])) if noticed else "–"]
        print(f"| {backend} | {len(rows)} | " + " | ".join(parts) + " |")


def three(ms: dict[str, float]) -> str:
    return f"{ms['median']:.0f} / {ms['p95']:.0f} / {ms['max']:.0f}"


if __name__ == "__main__":
    main()
