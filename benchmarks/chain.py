"""How long the whole hash chain takes to check, and what it costs the terminal UI meanwhile.

Issue 15 asks each TUI session to verify the whole chain in the background after its first
paint, and to measure how long that takes at 1M events. This opens a ledger (an SQLite file,
e.g. the one `run.py --keep` leaves as bench-data/ledger-1000000.sqlite) twice, in fresh state:

1. `Kirjuri.check_chain()` alone: every row decoded, its hash recomputed, its link checked;
2. the TUI (Textual's headless pilot, 120x40): the time from start until the background check
   reports, and how late the event loop runs meanwhile (what a key pressed then would wait).

    .venv/bin/python benchmarks/chain.py bench-data/ledger-1000000.sqlite

Nothing is written to the ledger (its automatic checkpoints are switched off here).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ledger.app import Kirjuri  # noqa: E402
from ledger.store.log import Target  # noqa: E402


def check_alone(db: Path) -> None:
    ledger = Kirjuri(Target(sqlite_path=db), load=False)
    started = time.perf_counter()
    cpu = time.process_time()
    ledger.check_chain()
    wall, used = time.perf_counter() - started, time.process_time() - cpu
    print(f"check_chain: {ledger.eventlog.head_seq()} events in {wall:.2f} s wall, {used:.2f} s CPU; damage: {ledger.damage}; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB", flush=True)
    ledger.close()


async def in_the_ui(db: Path) -> None:
    from tui.app import KirjuriApp

    app = KirjuriApp(Kirjuri(Target(sqlite_path=db), load=False), today=dt.date(2025, 6, 1))
    started, lags = time.perf_counter(), []
    async with app.run_test(size=(120, 40)):
        loop = asyncio.get_running_loop()
        while not app.main.ledger.loaded or not app.main.ledger.state.seq:
            await asyncio.sleep(0.05)
        opened = time.perf_counter() - started
        while app.main.chain_checked is None:
            tick = loop.time()
            await asyncio.sleep(0.01)
            lags.append(loop.time() - tick - 0.01)
            if time.perf_counter() - started > 900:
                raise SystemExit("no result in 15 minutes")
        checked = app.main.chain_checked
    lags.sort()
    print(f"TUI: state folded {opened:.2f} s after start; background chain check {checked:.2f} s; "
          f"event-loop lag meanwhile: median {lags[len(lags) // 2] * 1000:.0f} ms, "
          f"p95 {lags[int(len(lags) * 0.95)] * 1000:.0f} ms, max {lags[-1] * 1000:.0f} ms", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="an SQLite ledger")
    args = parser.parse_args()
    Kirjuri._checkpoint_if_due = lambda self, state: None  # the benchmark's ledger stays as it is
    check_alone(args.db)
    asyncio.run(in_the_ui(args.db))


if __name__ == "__main__":
    main()
