"""Clerks at once: the sustained TA-muutos rate with 1, 4 and 8 concurrent clerk processes on PostgreSQL.

    python benchmarks/clerks.py [--clerks 1 4 8] [--seconds 20] [--units 3] [--blind] [--url postgresql://...]

Each clerk is its own process (multiprocessing, spawn) with its own ``Kirjuri``. It does what
a clerk at the terminal does, as fast as it can: re-read the ledger, amend one of ``--units``
units on that view (``based_on``, with an idempotency key), and when told the figures changed
meanwhile, re-read and try again. ``--blind`` adds rows without ``based_on`` (every write
goes through; only the log position is contended). All clerks amend the same units, so the
contention is the worst a department would see.

The database: ``--url`` or $KIRJURI_DATABASE_URL (the organisation is registered there if it
is missing; runs add to it), else a private throwaway PostgreSQL server started the way the
tests start theirs (tests/pg_server.py), with a fresh database per row. Every row is checked
afterwards: the events stored are exactly the amendments accepted, and each unit's MUUTOS is
the sum of the amounts accepted for it (integer cents).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from events.model import Decision, Line  # noqa: E402
from ledger.app import Conflict, FiguresChanged, Kirjuri  # noqa: E402
from ledger.fold.projections import figures  # noqa: E402
from ledger.store.log import Target  # noqa: E402

YEAR = 2025
ON = dt.date(2025, 3, 1)
KV = Decision(body="valtuusto", date=dt.date(2025, 2, 24), section="9")
ADOPTED = Decision(body="valtuusto", date=dt.date(2024, 12, 9), section="80")


def units_of_run(count: int) -> list[str]:
    return [f"B{n}" for n in range(1, count + 1)]


def muutos(app: Kirjuri, unit: str) -> int:
    return figures(app.state, YEAR, unit).get("MENOT", "MUUTOS") or 0


def set_up(url: str, units: list[str], *, create: bool) -> tuple[int, dict[str, int]]:
    """The city, a toimiala and the units with a TA for YEAR: the log position and the MUUTOS after it."""
    app = Kirjuri(Target(postgres_url=url), create=create, author="bench")
    try:
        on = dt.date(2020, 1, 1)
        if "BK" not in app.state.units:
            app.register_unit("BK", "Benchmark city", "kaupunki", None, effective=on)
            app.register_unit("BT", "Toimiala", "toimiala", "BK", effective=on)
        new = [u for u in units if u not in app.state.units]
        for unit in new:
            app.register_unit(unit, f"Yksikkö {unit}", "yksikkö", "BT", effective=on)
        if new:
            app.adopt(YEAR, [Line(u, "MENOT", -1_000_000_00) for u in new], decision=ADOPTED)
        return app.state.seq, {u: muutos(app, u) for u in units}
    finally:
        app.close()


def clerk(url: str, n: int, units: list[str], seconds: float, based: bool, queue: bool, run: str, start,
          results) -> None:
    """One clerk process: amend until the time is up; report what it got through and what it was told."""
    try:
        app = Kirjuri(Target(postgres_url=url), author=f"clerk{n}", queue_writers=queue)
        rng = random.Random(n)
        accepted, latencies, changed, busy = [], [], 0, 0
        start.wait()
        began = time.monotonic()
        deadline = began + seconds
        i = 0
        while time.monotonic() < deadline:
            unit, cents, key = units[rng.randrange(len(units))], -rng.randint(1, 1_000_000), f"{run}-c{n}-{i}"
            t0 = time.perf_counter()
            while True:
                app.refresh()
                try:
                    record = app.amend(YEAR, [Line(unit, "MENOT", cents)], effective=ON, decision=KV, key=key,
                                       based_on=app.state.seq if based else None)
                except FiguresChanged:
                    changed += 1
                    continue
                except Conflict:
                    busy += 1
                    continue
                break
            latencies.append(time.perf_counter() - t0)
            accepted.append((record.event.id, unit, cents))
            i += 1
        ended = time.monotonic()
        app.close()
        results.put({"accepted": accepted, "latencies": latencies, "changed": changed, "busy": busy,
                     "began": began, "ended": ended})
    except BaseException as exc:  # noqa: BLE001 - reported by the parent
        results.put({"error": f"clerk {n}: {type(exc).__name__}: {exc}"})


def run_row(url: str, clerks: int, units: list[str], seconds: float, based: bool, queue: bool, base: int,
            before: dict[str, int]) -> dict:
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(clerks), ctx.Queue()
    run = f"r{os.getpid()}-{time.time_ns()}"
    procs = [ctx.Process(target=clerk, args=(url, n, units, seconds, based, queue, run, start, results))
             for n in range(clerks)]
    for proc in procs:
        proc.start()
    got = [results.get(timeout=seconds + 300) for _ in procs]
    for proc in procs:
        proc.join()
    errors = [g["error"] for g in got if "error" in g]
    if errors:
        raise SystemExit("\n".join(errors))
    accepted = [a for g in got for a in g["accepted"]]
    wall = max(g["ended"] for g in got) - min(g["began"] for g in got)
    latencies = sorted(t for g in got for t in g["latencies"])
    # the check: exactly the accepted amendments are stored, each unit's MUUTOS is their sum
    app = Kirjuri(Target(postgres_url=url), author="bench")
    try:
        stored = app.state.seq - base
        assert stored == len(accepted) == len({a[0] for a in accepted}), (stored, len(accepted))
        records = app.records(range(base + 1, app.state.seq + 1))
        assert {r.event.id for r in records.values()} == {a[0] for a in accepted}
        for unit in units:
            assert muutos(app, unit) - before[unit] == sum(a[2] for a in accepted if a[1] == unit), unit
    finally:
        app.close()
    return {
        "clerks": clerks, "based_on": based, "queue": queue, "accepted": len(accepted), "wall_s": wall,
        "rate": len(accepted) / wall, "changed": sum(g["changed"] for g in got),
        "busy": sum(g["busy"] for g in got),
        "p50_ms": statistics.median(latencies) * 1000 if latencies else 0.0,
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))] * 1000 if latencies else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clerks", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--seconds", type=float, default=20.0, help="how long each row amends (default 20)")
    parser.add_argument("--units", type=int, default=3, help="how many units all clerks amend (default 3)")
    parser.add_argument("--blind", action="store_true", help="also rows without based_on")
    parser.add_argument("--writers", nargs="+", choices=("racing", "queued"), default=["racing", "queued"],
                        help="racing: optimistic, retry after a lost race (the default Kirjuri); "
                             "queued: Kirjuri(queue_writers=True), writers queue on the store's writer lock")
    parser.add_argument("--url", default=os.environ.get("KIRJURI_DATABASE_URL"),
                        help="PostgreSQL URL (default $KIRJURI_DATABASE_URL, else a private server)")
    args = parser.parse_args()
    units = units_of_run(args.units)
    if args.url is None:
        sys.path.insert(0, str(ROOT / "tests"))
        from pg_server import fresh_database

        def database() -> tuple[str, bool]:
            return fresh_database("clerks"), True
        where = "a private PostgreSQL server (tests/pg_server.py), a fresh database per row"
    else:
        def database() -> tuple[str, bool]:
            return args.url, True
        where = Target(postgres_url=args.url).describe()
    console = Console(width=150)
    console.print(f"[bold]Clerks at once[/bold]: {', '.join(map(str, args.clerks))} clerk processes, "
                  f"{args.seconds:g} s each, all amending the same {len(units)} units, on {where}; "
                  f"{os.cpu_count()} CPUs")
    rows = []
    for queue in [mode == "queued" for mode in args.writers]:
        for based in (True, False) if args.blind else (True,):
            for clerks in args.clerks:
                url, create = database()
                base, before = set_up(url, units, create=create)
                row = run_row(url, clerks, units, args.seconds, based, queue, base, before)
                rows.append(row)
                console.print(f"  {clerks} clerks, {'queued' if queue else 'racing'}"
                              f"{'' if based else ', blind'}: {row['rate']:.0f} amendments/s", highlight=False)
    table = Table(title="Sustained TA-muutos rate (each accepted amendment: read, check, seal, append, commit)")
    for name in ("clerks", "writers", "based_on", "accepted", "seconds", "amendments/s", "figures changed, retried",
                 "lost races x5, retried", "p50 ms", "p95 ms"):
        table.add_column(name, justify="right")
    for row in rows:
        table.add_row(str(row["clerks"]), "queued" if row["queue"] else "racing",
                      "yes" if row["based_on"] else "no", str(row["accepted"]),
                      f"{row['wall_s']:.1f}", f"{row['rate']:.0f}", str(row["changed"]), str(row["busy"]),
                      f"{row['p50_ms']:.1f}", f"{row['p95_ms']:.1f}")
    console.print(table)


if __name__ == "__main__":
    main()
