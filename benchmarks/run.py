"""Kirjuri on SQLite at 10k / 100k / 1M events: append, rebuild, checkpoint, as-of queries, memory.

    python benchmarks/run.py --events 10000 100000 1000000 [--db-dir DIR] [--batch 5000]

Each size runs as one fresh subprocess per phase (so every peak RSS is its own), on a history
from ``benchmarks/generate.py`` (generated once into bench-data/ and reused). See
benchmarks/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402

#: the targets, stated for 1M events on a 2-core machine
TARGETS = {
    "append_eps": (">=", 30_000, "events/s"),
    "rebuild_s": ("<=", 4.0, "s"),
    "query_p95_ms": ("<=", 100.0, "ms"),
    "peak_rss_mb": ("<=", 1024.0, "MB"),
}
QUERY_KINDS = ("vastuualue as-of", "vastuualue now", "city as-of", "city now")


def rss_mb() -> float:
    """Current resident set size."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def db_mb(path: Path) -> float:
    return sum(Path(str(path) + s).stat().st_size for s in ("", "-wal") if Path(str(path) + s).exists()) / 2**20


def code_version() -> dict:
    """Which ledger code was measured: a hash over events/*.py and ledger/*.py, and their newest mtime.

    Others may be changing the code while a long run goes on; each size's worker imports it once,
    at its start, so this is taken there.
    """
    import hashlib

    files = sorted([*ROOT.glob("events/*.py"), *ROOT.glob("ledger/*.py")])
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    newest = max(path.stat().st_mtime for path in files)
    return {"sha": digest.hexdigest()[:12], "newest": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(newest))}


def _entries(cell) -> int:
    """Entries in a cell: a list of (effective, seq, cents) tuples, or a flat array of them."""
    from array import array

    return len(cell) // 3 if isinstance(cell, array) else len(cell)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


# --- one size: each phase in its own process --------------------------------------------------------

PHASES = ("append", "rebuild", "open", "raw")


def _imports():
    from events.codec import decode_stored_many
    from ledger.app import Kirjuri
    from ledger.fold.state import LedgerState

    class LogOnly(Kirjuri):
        """Kirjuri's store without folding anything: for timing the read path piece by piece."""

        name = "kirjuri"

        def load_state(self) -> LedgerState:
            return LedgerState()

    return decode_stored_many, Kirjuri, LedgerState, LogOnly


def phase_append(n: int, dataset: Path, db: Path, batch: int, r: dict) -> None:
    """Bulk append through Kirjuri.submit: rules, sealing (hash chain) and fold, one transaction a batch."""
    from ledger.store.log import StoreError, Target

    from ledger.audit.authority import POLICY, Rules

    _dec, Kirjuri, _state, _log = _imports()
    remove_db(db)
    now = [dt.datetime(2015, 1, 1, tzinfo=dt.timezone.utc)]
    # the generated history breaks some rules of authority: each check runs and warns, none refuses (writes.py)
    app = Kirjuri(Target(sqlite_path=db), create=True, author=generate.AUTHOR, clock=lambda: now[0],
                  rules_of=Rules(actions={code: "warn" for code in POLICY}))
    app.confirm = frozenset(POLICY)
    auto = {"s": 0.0, "n": 0}
    plain_checkpoint = app.checkpoint

    def timed_checkpoint(state=None):  # the app may checkpoint by itself while writing
        t = time.perf_counter()
        try:
            return plain_checkpoint(state)
        finally:
            auto["s"] += time.perf_counter() - t
            auto["n"] += 1

    app.checkpoint = timed_checkpoint  # type: ignore[method-assign]
    submit_s, done, next_report = 0.0, 0, n // 10
    for events in generate.read(dataset, batch):
        now[0] = events[-1].recorded_at  # the app stamps each batch with its clock: follow the history's time
        t = time.perf_counter()
        app.submit(*events)
        submit_s += time.perf_counter() - t
        done += len(events)
        if done >= next_report:
            log(f"{n}: submitted {done:,} ({done / submit_s:,.0f} ev/s so far)")
            next_report += n // 10
    if app.state.seq != n:
        raise StoreError(f"expected {n} events, the ledger has {app.state.seq}")
    r |= {
        "head": app.state.head, "append_eps": n / submit_s, "append_s": submit_s,
        "auto_checkpoint_s": auto["s"], "auto_checkpoints": auto["n"],
        "append_eps_excl_checkpoints": n / (submit_s - auto["s"]),
        "peak_rss_append_mb": peak_rss_mb(), "db_mb": db_mb(db),
        "entries": sum(_entries(cell) for cells in app.state.cells.values() for cell in cells.values()),
    }
    log(f"{n}: append {r['append_eps']:,.0f} ev/s ({submit_s:.1f} s, of which auto-checkpoints {auto['s']:.1f} s)")


def phase_rebuild(n: int, db: Path, head: str, r: dict) -> None:
    """Full rebuild end to end (fresh process: its peak is a rebuild's), checkpoint, then the pieces."""
    from ledger.store.log import StoreError, Target

    decode_stored_many, Kirjuri, LedgerState, LogOnly = _imports()
    target = Target(sqlite_path=db)
    t = time.perf_counter()
    rebuilt = Kirjuri(target, use_checkpoints=False, author=generate.AUTHOR)
    r["rebuild_s"] = time.perf_counter() - t
    assert rebuilt.state.seq == n and rebuilt.state.head == head
    r |= {"peak_rss_rebuild_mb": peak_rss_mb(), "rss_state_mb": rss_mb()}
    log(f"{n}: full rebuild {r['rebuild_s']:.2f} s")

    t = time.perf_counter()
    rebuilt.checkpoint()
    r["checkpoint_write_s"] = time.perf_counter() - t
    r["peak_rss_checkpoint_mb"] = peak_rss_mb()
    del rebuilt
    gc.collect()
    with sqlite3.connect(db) as con:
        count, total, last = con.execute(
            "SELECT count(*), sum(length(state)), (SELECT length(state) FROM kirjuri_checkpoints ORDER BY seq DESC LIMIT 1) "
            "FROM kirjuri_checkpoints"
        ).fetchone()
    r |= {"checkpoint_mb": last / 2**20, "checkpoints_stored": count, "checkpoints_total_mb": (total or 0) / 2**20}
    log(f"{n}: checkpoint write {r['checkpoint_write_s']:.2f} s ({r['checkpoint_mb']:.0f} MB)")

    # the same path piece by piece: read (SQL), decode (msgspec), fold (LedgerState.apply); GC on, then off
    def fold_pieces(gc_enabled: bool) -> tuple[float, float, float]:
        log_only = LogOnly(target)
        state = LedgerState()
        t_read = t_decode = t_fold = 0.0
        if not gc_enabled:
            gc.disable()
        try:
            rows_iter = log_only.eventlog.read_raw()
            while True:
                t = time.perf_counter()
                rows = next(rows_iter, None)
                t_read += time.perf_counter() - t
                if rows is None:
                    break
                t = time.perf_counter()
                records = decode_stored_many([data for _seq, data in rows])
                for (seq, _data), record in zip(rows, records):  # the check EventLog.read makes
                    if record.seq != seq:
                        raise StoreError(f"damaged at {seq}")
                t_decode += time.perf_counter() - t
                del rows
                t = time.perf_counter()
                state.apply_all(records)
                t_fold += time.perf_counter() - t
                del records
        finally:
            gc.enable()
        assert state.seq == n and state.head == head
        return t_read, t_decode, t_fold

    r["read_s"], r["decode_s"], r["fold_s"] = fold_pieces(gc_enabled=True)
    gc.collect()
    log(f"{n}: pieces read {r['read_s']:.2f} s, decode {r['decode_s']:.2f} s, fold {r['fold_s']:.2f} s")
    _r, r["decode_nogc_s"], r["fold_nogc_s"] = fold_pieces(gc_enabled=False)
    log(f"{n}: without gc: decode {r['decode_nogc_s']:.2f} s, fold {r['fold_nogc_s']:.2f} s")


def phase_open(n: int, db: Path, head: str, queries: int, seed: int, r: dict) -> None:
    """Open from the checkpoint (fresh process: its peak is a reader's), query, then the open's pieces."""
    from ledger.fold.projections import Point, figures
    from ledger.store.log import Target

    _dec, Kirjuri, LedgerState, LogOnly = _imports()
    target = Target(sqlite_path=db)
    t = time.perf_counter()
    opened = Kirjuri(target, use_checkpoints=True, author=generate.AUTHOR)
    r["open_checkpoint_s"] = time.perf_counter() - t
    assert opened.state.seq == n and opened.state.head == head
    r["peak_rss_open_mb"] = peak_rss_mb()
    log(f"{n}: open from checkpoint {r['open_checkpoint_s']:.2f} s")

    state = opened.state
    rng = random.Random(seed)
    years = state.years()
    vastuualueet = sorted(c for c, u in state.units.items() if u.level == "vastuualue")
    city = next(c for c, u in state.units.items() if u.level == "kaupunki")
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)

    def point_as_of(year: int) -> Point:
        on = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        known = epoch + dt.timedelta(microseconds=state.recorded[rng.randrange(len(state.recorded))])
        return Point(on=on, known_at=known)

    for kind in QUERY_KINDS:
        times = []
        for i in range(queries + 5):
            year = rng.choice(years)
            node = city if kind.startswith("city") else rng.choice(vastuualueet)
            point = point_as_of(year) if kind.endswith("as-of") else Point()
            t = time.perf_counter()
            figures(state, year, node, point)
            if i >= 5:  # 5 warm-up queries
                times.append((time.perf_counter() - t) * 1000)
        r[f"q_{kind}"] = {"p50": pct(times, 0.50), "p95": pct(times, 0.95), "max": max(times), "n": len(times)}
    r["query_p95_ms"] = max(r[f"q_{k}"]["p95"] for k in QUERY_KINDS)
    r["peak_rss_queries_mb"] = peak_rss_mb()
    log(f"{n}: queries p95 " + ", ".join(f"{k} {r[f'q_{k}']['p95']:.1f} ms" for k in QUERY_KINDS))
    del opened, state
    gc.collect()

    # where opening from a checkpoint spends its time (GC paused, as Kirjuri.load_state may do)
    log_only = LogOnly(target)
    t = time.perf_counter()
    cp = log_only.eventlog.latest_checkpoint()
    r["checkpoint_fetch_s"] = time.perf_counter() - t
    gc.disable()
    t = time.perf_counter()
    LedgerState.from_checkpoint(cp[2])
    r["checkpoint_decode_s"] = time.perf_counter() - t
    gc.enable()


def phase_raw(n: int, db: Path, raw_db: Path, batch: int, r: dict) -> None:
    """Raw EventLog.append of records sealed already (no rules, no hashing, no fold)."""
    from ledger.store.log import Target

    decode_stored_many, _k, _s, LogOnly = _imports()
    remove_db(raw_db)
    reader = LogOnly(Target(sqlite_path=db))
    raw = LogOnly(Target(sqlite_path=raw_db), create=True, author=generate.AUTHOR)
    raw_s = 0.0
    for rows in reader.eventlog.read_raw():
        records = decode_stored_many([data for _seq, data in rows])
        for i in range(0, len(rows), batch):
            chunk = [(record, data) for record, (_seq, data) in zip(records[i:i + batch], rows[i:i + batch])]
            t = time.perf_counter()
            raw.eventlog.append(chunk)
            raw_s += time.perf_counter() - t
    assert raw.eventlog.head_seq() == n
    r["raw_append_eps"] = n / raw_s
    log(f"{n}: raw append {r['raw_append_eps']:,.0f} ev/s")
    remove_db(raw_db)


def run_phase(phase: str, n: int, args, state: dict) -> dict:
    """One phase of one size, in this process; ``state`` carries what earlier phases found (head)."""
    dataset = generate.dataset_path(args.data_dir, n, args.seed)
    db = args.db_dir / f"ledger-{n}.sqlite"
    r: dict = {"code": code_version()}
    if phase == "append":
        phase_append(n, dataset, db, args.batch, r)
    elif phase == "rebuild":
        phase_rebuild(n, db, state["head"], r)
    elif phase == "open":
        phase_open(n, db, state["head"], args.queries, args.seed, r)
    elif phase == "raw":
        phase_raw(n, db, args.db_dir / f"ledger-{n}-raw.sqlite", args.batch, r)
    r[f"peak_rss_{phase}_process_mb"] = peak_rss_mb()
    return r


# --- reporting ------------------------------------------------------------------------------------


def verdict(key: str, value: float) -> str:
    op, limit, _unit = TARGETS[key]
    ok = value >= limit if op == ">=" else value <= limit
    return "[green]PASS[/]" if ok else "[red]MISS[/]"


def target_text(key: str) -> str:
    op, limit, unit = TARGETS[key]
    return f"{'≥' if op == '>=' else '≤'} {limit:,.0f} {unit}"


def rows_of(r: dict) -> list[tuple[str, str, str, str]]:
    """(metric, measured, target, verdict)"""
    q = {k: r[f"q_{k}"] for k in QUERY_KINDS}
    out = [
        ("figure entries folded (lines and moves)", f"{r['entries']:,}", "", ""),
        (f"bulk append via Kirjuri.submit ({r['batch']:,}/txn)", f"{r['append_eps']:,.0f} ev/s", target_text("append_eps"), verdict("append_eps", r["append_eps"])),
        ("  total submit time", f"{r['append_s']:.1f} s", "", ""),
        (f"  of which auto-checkpoints ({r['auto_checkpoints']}×)", f"{r['auto_checkpoint_s']:.1f} s", "", ""),
        ("  rate without auto-checkpoints", f"{r['append_eps_excl_checkpoints']:,.0f} ev/s", "", ""),
        ("raw EventLog.append (pre-sealed)", f"{r['raw_append_eps']:,.0f} ev/s", "", ""),
        ("full rebuild: Kirjuri(use_checkpoints=False)", f"{r['rebuild_s']:.2f} s", target_text("rebuild_s"), verdict("rebuild_s", r["rebuild_s"])),
        ("  read (SQL fetch)", f"{r['read_s']:.2f} s", "", ""),
        ("  decode (msgspec)", f"{r['decode_s']:.2f} s", "", ""),
        ("  fold (LedgerState.apply)", f"{r['fold_s']:.2f} s", "", ""),
        ("  decode / fold with gc disabled (diagnostic)", f"{r['decode_nogc_s']:.2f} s / {r['fold_nogc_s']:.2f} s", "", ""),
        ("checkpoint() write", f"{r['checkpoint_write_s']:.2f} s, {r['checkpoint_mb']:.1f} MB", "", ""),
        ("open from checkpoint: Kirjuri(use_checkpoints=True)", f"{r['open_checkpoint_s']:.2f} s", "", ""),
        ("  fetch blob / decode state", f"{r['checkpoint_fetch_s']:.2f} s / {r['checkpoint_decode_s']:.2f} s", "", ""),
    ]
    for kind in QUERY_KINDS:
        out.append((f"figures() {kind}: p50 / p95", f"{q[kind]['p50']:.1f} / {q[kind]['p95']:.1f} ms",
                    target_text("query_p95_ms") + " p95", verdict("query_p95_ms", q[kind]["p95"])))
    out += [
        ("peak RSS: the worst of the phase processes", f"{r['peak_rss_mb']:,.0f} MB", target_text("peak_rss_mb"), verdict("peak_rss_mb", r["peak_rss_mb"])),
        ("  writer: the append process", f"{r['peak_rss_append_process_mb']:,.0f} MB", "", ""),
        ("  full rebuild / + checkpoint() / + pieces", f"{r['peak_rss_rebuild_mb']:,.0f} / {r['peak_rss_checkpoint_mb']:,.0f} / {r['peak_rss_rebuild_process_mb']:,.0f} MB", "", ""),
        ("  reader: open from checkpoint / + queries", f"{r['peak_rss_open_mb']:,.0f} / {r['peak_rss_queries_mb']:,.0f} MB", "", ""),
        ("  RSS right after a full rebuild", f"{r['rss_state_mb']:,.0f} MB", "", ""),
        ("database file after the append", f"{r['db_mb']:,.0f} MB", "", ""),
        ("checkpoints stored (after checkpoint())", f"{r['checkpoints_stored']} ({r['checkpoints_total_mb']:,.0f} MB)", "", ""),
    ]
    return out


def code_text(r: dict) -> str:
    versions = sorted({f"{c['sha']} ({c['newest']})" for c in r["codes"].values()})
    return versions[0] if len(versions) == 1 else "CHANGED DURING THE RUN: " + ", ".join(
        f"{phase} {c['sha']}" for phase, c in r["codes"].items())


def print_size(r: dict, console) -> None:
    from rich.table import Table

    table = Table(title=f"Kirjuri on SQLite, {r['events']:,} events (targets are stated for 1M); code {code_text(r)}",
                  title_justify="left")
    for name, justify in (("metric", "left"), ("measured", "right"), ("target", "right"), ("", "center")):
        table.add_column(name, justify=justify)
    for row in rows_of(r):
        table.add_row(*row)
    console.print(table)


def print_summary(results: list[dict], console) -> None:
    from rich.table import Table

    table = Table(title="Summary (SQLite)", title_justify="left")
    table.add_column("metric")
    table.add_column("target (1M)", justify="right")
    for r in results:
        table.add_column(f"{r['events']:,}", justify="right")
    per_size = [rows_of(r) for r in results]
    for i, (metric, _m, target, _v) in enumerate(per_size[0]):
        cells = [f"{rows[i][1]} {rows[i][3]}".strip() for rows in per_size]
        table.add_row(metric, target, *cells)
    console.print(table)


# --- driver -------------------------------------------------------------------------------------------


def ensure_dataset(n: int, seed: int, data_dir: Path) -> Path:
    path = generate.dataset_path(data_dir, n, seed)
    meta = path.with_suffix(".meta.json")
    if path.exists() and meta.exists() and json.loads(meta.read_text()).get("events") == n:
        return path
    log(f"{n}: generating the history into {path}")
    subprocess.run([sys.executable, str(Path(generate.__file__)), "--events", str(n), "--seed", str(seed),
                    "--out", str(path)], check=True, stdout=subprocess.DEVNULL)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--db-dir", type=Path, default=ROOT / "bench-data", help="where the SQLite files go")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "bench-data", help="where generated histories go")
    parser.add_argument("--batch", type=int, default=5000, help="events per Kirjuri.submit transaction")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind (≥ 200)")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark ledger file (ledger-N.sqlite)")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--head", help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.db_dir.mkdir(parents=True, exist_ok=True)

    if args.worker:
        r = run_phase(args.phase, args.worker, args, {"head": args.head})
        args.result.write_text(json.dumps(r, indent=2))
        return

    from rich.console import Console

    console = Console(width=None if sys.stdout.isatty() else 132)
    results = []
    for n in args.events:
        ensure_dataset(n, args.seed, args.data_dir)
        r: dict = {"events": n, "batch": args.batch, "codes": {}}
        part = args.data_dir / f"results-{n}.part.json"
        for phase in PHASES:  # each phase in a fresh process: its peak RSS is its own
            cmd = [sys.executable, __file__, "--worker", str(n), "--phase", phase, "--result", str(part),
                   "--db-dir", str(args.db_dir), "--data-dir", str(args.data_dir), "--batch", str(args.batch),
                   "--queries", str(args.queries), "--seed", str(args.seed), "--head", r.get("head", "")]
            subprocess.run(cmd, check=True)
            got = json.loads(part.read_text())
            r["codes"][phase] = got.pop("code")
            r |= got
        part.unlink()
        r["peak_rss_mb"] = max(r[f"peak_rss_{phase}_process_mb"] for phase in ("append", "rebuild", "open"))
        if not args.keep:
            remove_db(args.db_dir / f"ledger-{n}.sqlite")
        (args.data_dir / f"results-{n}.json").write_text(json.dumps(r, indent=2))
        results.append(r)
        print_size(r, console)
    if len(results) > 1:
        print_summary(results, console)


if __name__ == "__main__":
    main()
