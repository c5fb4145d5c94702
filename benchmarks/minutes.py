"""What `kirjuri import` makes of council minutes the repository does not hold (issue 17): their carry-over /
lisämääräraha tables of investment projects.

    .venv/bin/python benchmarks/minutes.py MINUTES.pdf [MORE.pdf ...]

Each file is read and planned as the import's preview plans it on an empty ledger. Per file: the tables found
(every stage's copy), the items decided, the amount cells printed in the decided copies, of them *recorded*
(a carried or granted cell that became an event's line), *checked* (another column of a recorded row, each
checked by the row's arithmetic or compared with a proposal's copy) and *listed* (a row left out, with why),
the cells of the proposals' copies *compared*, the grants decided in a sentence (*prose*) and of them those
*prose_recorded* and *prose_listed* (with why; on an empty ledger no sentence names a project, so all are
listed; ``--ledger DB`` plans against a ledger instead), the events planned, and the seconds the reading took.
``--why`` prints each listed prose grant's line and why.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from ledger.books.book import read_book  # noqa: E402
from ledger.books.minutes import CARRIED, EXTRA, read_minutes  # noqa: E402
from ledger.books.minutesplan import plan_minutes  # noqa: E402
from ledger.fold.state import LedgerState  # noqa: E402


def measure(path: Path, why: bool = False, state: LedgerState | None = None) -> dict[str, object]:
    start = time.perf_counter()
    statement = read_book(path)
    reading = read_minutes(statement.lines, statement.text_lines)
    plan = plan_minutes(state or LedgerState(), reading, statement.lines, source=statement.source, digest=statement.digest,
                        author="benchmark", now=dt.datetime.now(dt.timezone.utc))
    if why:
        for line, reason in plan.prose_listed:
            print(f"# {path.name} {statement.place(line)}: {reason}", file=sys.stderr)
    printed = sum(len(r.amounts) for one in plan.decided for r in one.table.rows)
    recorded_rows = {id(e.row) for one in plan.decided for e in one.entries}
    recorded = sum(sum(role in (CARRIED, EXTRA) for role in r.amounts) for one in plan.decided
                   for r in one.table.rows if id(r) in recorded_rows)
    listed = sum(len(r.amounts) for one in plan.decided for r in one.table.rows if id(r) not in recorded_rows)
    return {"file": path.name, "tables": len(reading.tables), "decided": len(plan.decided), "printed": printed,
            "recorded": recorded, "checked": printed - recorded - listed, "listed": listed,
            "compared": sum(len(r.amounts) for one in plan.decided for c in one.copies for r in c.rows),
            "differences": sum(len(one.differences) for one in plan.decided), "prose": len(reading.grants),
            "prose_recorded": len(plan.prose), "prose_listed": len(plan.prose_listed), "events": len(plan.events),
            "seconds": round(time.perf_counter() - start, 1)}


def main(argv: list[str]) -> None:
    why = "--why" in argv
    state = None
    if "--ledger" in argv:  # plan against a ledger (SQLite) that holds the projects and units, not an empty one
        from ledger.app import Kirjuri
        from ledger.store.log import Target

        at = argv.index("--ledger")
        app = Kirjuri(Target(sqlite_path=Path(argv[at + 1])), author="benchmark")
        state, argv = app.state, argv[:at] + argv[at + 2:]
        app.close()
    rows = [measure(Path(a), why, state) for a in argv if a != "--why"]
    keys = list(rows[0]) if rows else []
    print("\t".join(keys))
    for row in rows:
        print("\t".join(str(row[k]) for k in keys))
    if rows:
        print("\t".join(["all"] + [str(sum(r[k] for r in rows)) if k != "seconds" else
                                   str(round(sum(r[k] for r in rows), 1)) for k in keys[1:]]))


if __name__ == "__main__":
    main(sys.argv[1:])
