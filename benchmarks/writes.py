"""What the rules checked at each write cost per event: an import of a history, then single amendments.

    .venv/bin/python benchmarks/writes.py [--events 10000] [--batch 500] [--amends 200] [--profile]

``import``: the history of ``benchmarks/generate.py`` (N events: the organisation, TAs, transfers,
reallocations, toteuma, ...) submitted through ``Kirjuri.submit`` in batches of ``--batch`` events, as an
import writes: each event checked against the state holding the ones before it, sealed and folded.
``amend``: then ``--amends`` single ``Kirjuri.amend`` calls (one transaction each) of +100 € on a random
unit's budgeted account of the last year. The generated history breaks some rules of authority, so every
check is set to warn and every warning confirmed: each check runs on each event, none refuses.
``--profile`` runs both under cProfile and prints where the time went (the per-event numbers are then
about three times the plain ones).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402
from events.model import Decision, Line  # noqa: E402
from ledger.app import Kirjuri  # noqa: E402
from ledger.audit.authority import POLICY, Rules  # noqa: E402
from ledger.store.log import Target  # noqa: E402

#: the functions whose cumulative time ``--profile`` reports by name
WATCHED = ("enforce", "binding_units", "binding_unit", "_mixed", "parents", "_binding_nodes", "vertailu")


def import_history(app: Kirjuri, events: list, batch: int, now: list) -> float:
    """Submit the history in batches; seconds spent in ``submit``."""
    spent = 0.0
    for chunk in generate.batches(iter(events), batch):
        now[0] = chunk[-1].recorded_at
        started = time.perf_counter()
        app.submit(*chunk)
        spent += time.perf_counter() - started
    return spent


def amend_many(app: Kirjuri, count: int, seed: int, now: list) -> list[float]:
    """``count`` single amendments on the last year's budgeted cells; seconds each."""
    year = max(app.state.years())
    cells = sorted((unit, account) for (y, unit), by_key in app.state.cells.items() if y == year
                   for account, column in by_key if column == "TA")
    rng, times = random.Random(seed), []
    decision = Decision(body="valtuusto", date=dt.date(year, 12, 1), section="1")
    for _ in range(count):
        unit, account = rng.choice(cells)
        now[0] += dt.timedelta(seconds=1)
        started = time.perf_counter()
        app.amend(year, [Line(unit, account, 10_000)], effective=dt.date(year, 12, 1), decision=decision)
        times.append(time.perf_counter() - started)
    return times


def run(args: argparse.Namespace) -> None:
    events = list(generate.generate(args.events, args.seed))
    now = [events[0].recorded_at]
    warn_all = Rules(actions={code: "warn" for code in POLICY})
    with tempfile.TemporaryDirectory() as tmp:
        app = Kirjuri(Target(sqlite_path=Path(tmp) / "writes.sqlite"), create=True, author=generate.AUTHOR,
                      clock=lambda: now[0], rules_of=warn_all, use_checkpoints=False)
        app.confirm = frozenset(POLICY)
        profile = cProfile.Profile() if args.profile else None
        if profile:
            profile.enable()
        imported = import_history(app, events, args.batch, now)
        amended = amend_many(app, args.amends, args.seed, now)
        if profile:
            profile.disable()
        report(args, imported, amended, profile)


def report(args: argparse.Namespace, imported: float, amended: list[float], profile: cProfile.Profile | None) -> None:
    ordered = sorted(amended)
    print(f"import: {args.events} events in batches of {args.batch}: {imported:.2f} s, "
          f"{1000 * imported / args.events:.2f} ms/event")
    if amended:
        print(f"amend: {len(amended)} single writes: median {1000 * statistics.median(amended):.2f} ms, "
              f"p95 {1000 * ordered[int(0.95 * (len(ordered) - 1))]:.2f} ms, total {sum(amended):.2f} s")
    if profile is None:
        return
    stats = pstats.Stats(profile)
    for (path, _line, name), (_cc, calls, _tt, cum, _callers) in sorted(stats.stats.items(),  # type: ignore[attr-defined]
                                                                       key=lambda item: -item[1][3]):
        if name in WATCHED and "/ledger/" in path:
            print(f"  {name:<16} {calls:>9} calls {cum:8.2f} s cumulative  ({Path(path).name})")
    stats.sort_stats("tottime").print_stats(args.top)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--amends", type=int, default=200)
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=15, help="with --profile: functions listed by own time")
    run(parser.parse_args(argv))


if __name__ == "__main__":
    main()
