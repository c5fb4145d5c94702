"""The audit committee's view on a big ledger: how long until each tab shows, and what it costs the UI.

The committee's screen (v) verifies the whole ledger (from ``APART_FROM`` events in a process of
its own), computes the year's toteutumisvertailu and, when its tab is opened, reads every decided
event for the meetings. This opens a ledger (an SQLite file, e.g. ``bench-data/ledger-100000.sqlite``
that ``tui.py`` or ``run.py --keep`` leaves) in the TUI (Textual's headless pilot, 120x40), presses
v once the figures are shown, then 3 for the meetings, and reports

- v → the toteutumisvertailu shown, v → the verification's report shown, 3 → the meetings shown;
- how late the event loop runs meanwhile (what a key pressed then would wait), median / p95 / max;
- the peak RSS of the UI's process (the verification apart keeps its memory in its own).

    .venv/bin/python benchmarks/committee.py bench-data/ledger-100000.sqlite [--runs 3]

Nothing is written to the ledger: ``tui.py`` left it a checkpoint at its head, so none is due.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ledger.app import Kirjuri  # noqa: E402
from ledger.store.log import Target  # noqa: E402


async def _waiting(app, done, lags: list[float], limit: float = 900.0) -> float:
    """Seconds until ``done()``, sampling the event loop's lateness every 10 ms meanwhile."""
    loop, started = asyncio.get_running_loop(), time.perf_counter()
    while not done():
        tick = loop.time()
        await asyncio.sleep(0.01)
        lags.append(loop.time() - tick - 0.01)
        if time.perf_counter() - started > limit:
            raise SystemExit(f"nothing after {limit:.0f} s")
    return time.perf_counter() - started


async def one_run(db: Path) -> dict[str, float]:
    from tui.app import KirjuriApp
    from tui.screens.committee import CommitteeScreen

    ledger = Kirjuri(Target(sqlite_path=db), load=False)
    app = KirjuriApp(ledger, today=dt.date(2025, 6, 1))
    lags: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await _waiting(app, lambda: app.main.figures.view is not None, [])
        started = time.perf_counter()
        await pilot.press("v")
        await _waiting(app, lambda: isinstance(app.screen, CommitteeScreen), lags)
        screen = app.screen
        await _waiting(app, lambda: screen.vertailu is not None, lags)
        vertailu = time.perf_counter() - started
        await _waiting(app, lambda: screen.report is not None, lags)
        report = time.perf_counter() - started
        asked = time.perf_counter()
        await pilot.press("3")
        await _waiting(app, lambda: screen.meetings is not None, lags)
        meetings = time.perf_counter() - asked
    ledger.close()
    lags.sort()
    return {"vertailu": vertailu, "report": report, "meetings": meetings,
            "lag_median": statistics.median(lags), "lag_p95": lags[int(len(lags) * 0.95)], "lag_max": lags[-1],
            "passed": float(screen.report.passed)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = [asyncio.run(one_run(args.db)) for _ in range(args.runs)]
    for name, label, unit in (("vertailu", "v → toteutumisvertailu shown", "s"),
                              ("report", "v → verification report shown", "s"),
                              ("meetings", "3 → meetings shown", "s"),
                              ("lag_median", "event loop late, median", "ms"),
                              ("lag_p95", "event loop late, p95", "ms"),
                              ("lag_max", "event loop late, max", "ms")):
        values = sorted(r[name] * (1000 if unit == "ms" else 1) for r in results)
        print(f"{label:34} {statistics.median(values):8.2f} {unit}  ({values[0]:.2f}–{values[-1]:.2f}, n={len(values)})")
    print(f"{'peak RSS of the UI process':34} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024:8d} MB")
    print(f"{'every report passed':34} {all(r['passed'] for r in results)}")


if __name__ == "__main__":
    main()
