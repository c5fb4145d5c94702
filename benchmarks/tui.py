"""Kirjuri's terminal UI on the benchmark ledger: time to first paint, figures after a keypress.

    python benchmarks/tui.py --events 1000000 [--runs 5] [--no-tmux] [--key-runs 1]

Targets (issue 4), stated for 1M events on the 2-core machine: first paint ≤ 1 s (from launching
``kirjuri tui`` until the first node's figures are on screen) and figures after a keypress ≤ 150 ms.
The ledger is run.py's ``ledger-N.sqlite`` (``run.py --keep`` leaves it; built here if missing).
See benchmarks/README.md ("The terminal UI") for what each number means.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import gc
import importlib.util
import json
import os
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

#: "python start-up" ends here: the interpreter, site and the stdlib modules above (textual needs them too)
STARTED, STARTED_PERF = time.time(), time.perf_counter()

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# `python benchmarks/tui.py` puts benchmarks/ first on sys.path, where this file would hide the ``tui`` package
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: the targets, stated for 1M events on a 2-core machine
TARGETS = {"first_paint_s": 1.0, "keypress_ms": 150.0}
SIZE = (80, 24)
#: run.py's author for the benchmark ledgers (generate.AUTHOR) and its default seed (generate.DEFAULT_SEED)
AUTHOR, DEFAULT_SEED = "bench", 1


@functools.cache
def bench_run():
    """benchmarks/run.py, loaded by path when needed (not by the timed workers: their start-up stays the CLI's).

    It puts benchmarks/ on sys.path again: taken off again.
    """
    spec = importlib.util.spec_from_file_location("run", HERE / "run.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["run"] = module
    spec.loader.exec_module(module)
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    assert (module.generate.AUTHOR, module.generate.DEFAULT_SEED) == (AUTHOR, DEFAULT_SEED)
    return module


# --- instrumentation: timestamps from wrappers around the UI's own functions ----------------------------

#: (name, start, end, detail), perf_counter seconds; appended from the event loop and the worker threads
MARKS: list[tuple] = []


def _wrap(owner, attr: str, name: str, detail=None, kind: str = "function") -> None:
    """Replace ``owner.attr`` by a wrapper that records a mark (in this process only)."""
    original = getattr(owner, attr)
    fn = original.__func__ if kind == "classmethod" else original

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            MARKS.append((name, t, time.perf_counter(), detail(*args, **kwargs) if detail else None))

    setattr(owner, attr, classmethod(wrapper) if kind == "classmethod" else wrapper)


def instrument():
    """Wrap the steps of opening the ledger and showing a selection; return the app class to run."""
    from textual.screen import Screen
    from textual.widgets import DataTable

    import tui.screens.main as main_mod
    from ledger.app import Kirjuri
    from ledger.fold.state import LedgerState
    from ledger.store.log import EventLog
    from tui.app import KirjuriApp
    from tui.widgets.audit import AuditTrail
    from tui.widgets.figures import FiguresTable
    from tui.widgets.org_tree import OrgTree

    _wrap(EventLog, "latest_checkpoint", "open.fetch")
    _wrap(EventLog, "hash_at", "open.hash_check")
    _wrap(LedgerState, "from_checkpoint", "open.decode", kind="classmethod")
    _wrap(Kirjuri, "_catch_up", "open.catch_up")
    if hasattr(Kirjuri, "load"):  # the fold deferred to the UI's worker (kirjuri tui since 7c71e75)
        _wrap(Kirjuri, "load", "open.load")
    # the screen: tree, selection, the workers' computations, the widgets filled
    _wrap(main_mod, "tree_entries", "tree.entries")
    _wrap(OrgTree, "show", "tree.widget")
    _wrap(main_mod.MainScreen, "rebuild_tree", "tree.rebuild")
    _wrap(main_mod.MainScreen, "choose", "choose", lambda self, *a, **k: self.selection)
    _wrap(main_mod, "figures_view", "figures.compute", lambda state, selection, *a, **k: selection)
    _wrap(FiguresTable, "show", "figures.shown", lambda self, view: view.selection)
    _wrap(main_mod, "trail_seqs", "trail.seqs", lambda state, selection: selection)
    _wrap(main_mod, "trail_rows", "trail.rows")
    _wrap(AuditTrail, "reset", "trail.shown", lambda self, selection, *a: selection)
    # Textual's own work on the event loop: layout and compositing a frame, measuring a DataTable's rows
    _wrap(Screen, "_on_timer_update", "render")
    _wrap(DataTable, "_update_dimensions", "dims", lambda self, *a: type(self).__name__)

    started: dict[int, float] = {}

    def on_gc(phase: str, info: dict) -> None:  # the cyclic GC's passes, whichever thread triggers them
        if phase == "start":
            started[threading.get_ident()] = time.perf_counter()
        elif threading.get_ident() in started:
            t = started.pop(threading.get_ident())
            MARKS.append((f"gc{info['generation']}", t, time.perf_counter(), info.get("collected"),
                          threading.current_thread().name))

    gc.callbacks.append(on_gc)

    class BenchApp(KirjuriApp):
        def on_mount(self) -> None:
            t = time.perf_counter()
            MARKS.append(("app.mount", t, t, None))

        def _display(self, screen, renderable) -> None:
            super()._display(screen, renderable)
            if renderable is not None:  # a frame composed (headless: not written anywhere)
                t = time.perf_counter()
                MARKS.append(("frame", t, t, None))

    return BenchApp


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def recent() -> list:
    """The marks from ``SCAN_FROM`` on: a mark that ends after a measurement's start is appended after it."""
    return MARKS[SCAN_FROM[0]:]


#: where ``recent`` starts: set at the start of each measurement, so finding its marks stays cheap
SCAN_FROM = [0]


def first(name: str, after: float = 0.0, detail=None):
    """The first mark of ``name`` starting at or after ``after`` (and matching ``detail`` if given)."""
    for mark in recent():
        if mark[0] == name and mark[1] >= after and (detail is None or mark[3] == detail):
            return mark
    return None


def gc_within(t0: float, t1: float, generations: tuple[int, ...] = (0, 1, 2)) -> tuple[float, int]:
    """Seconds the cyclic GC ran between t0 and t1, and how many full (gen 2) passes started then."""
    names = {f"gc{g}" for g in generations}
    passes = [m for m in recent() if m[0] in names and m[2] > t0 and m[1] < t1]
    return sum(min(m[2], t1) - max(m[1], t0) for m in passes), sum(m[0] == "gc2" for m in passes)


#: what took the time between a key and its figures: the event loop's parts, the workers' and the GC's
BUSY = {
    "render": "Textual: layout + compose frames",
    "dims": "Textual: DataTable measures new rows",
    "trail.shown": "AuditTrail.reset (200 rows)",
    "figures.shown": "FiguresTable.show",
    "tree.rebuild": "MainScreen.rebuild_tree",
    "trail.seqs": "worker: trail_seqs",
    "trail.rows": "worker: trail_rows",
    "figures.compute": "worker: figures_view",
    "gc": "cyclic GC",
}


def busy_within(t0: float, t1: float) -> dict[str, float]:
    """Milliseconds each of BUSY ran between t0 and t1 (the GIL lets one run at a time, GC inside the others)."""
    out = dict.fromkeys(BUSY, 0.0)
    for name, start, end, *_rest in recent():
        key = "gc" if name.startswith("gc") else name
        if key in out and end > t0 and start < t1:
            out[key] += (min(end, t1) - max(start, t0)) * 1000
    return out


def matching(app) -> bool:
    """Every key handled, and the figures and the trail on screen are the selection's."""
    if app.keys.current is not None or app.keys.waiting:
        return False
    main = app.main
    if main.selection is None:
        return False
    view = main.figures.view
    return view is not None and view.selection == main.selection and main.trail.selection == main.selection


async def until(condition, timeout: float = 60.0, step: float = 0.002) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the UI did not get there in time")
        await asyncio.sleep(step)


async def settle(app, quiet: float = 0.15) -> None:
    """Wait until the screen shows its selection everywhere, then a moment more (stray work done)."""
    await until(lambda: matching(app))
    await asyncio.sleep(quiet)
    await until(lambda: matching(app))


def open_ledger(db: Path, load: bool = True):
    """The ledger; ``load=False`` opens the store only, as ``kirjuri tui`` does where Kirjuri can (it then folds
    the state in the UI's worker, after the first paint)."""
    from ledger.app import Kirjuri
    from ledger.store.log import Target

    if not load and deferred_load():
        return Kirjuri(Target(sqlite_path=db), author=AUTHOR, load=False)
    return Kirjuri(Target(sqlite_path=db), author=AUTHOR)


def deferred_load() -> bool:
    """Whether this ledger code can open the store without folding the state (``Kirjuri(load=False)``)."""
    import inspect

    from ledger.app import Kirjuri

    return "load" in inspect.signature(Kirjuri.__init__).parameters


# --- phase: prepare (in its own process) ---------------------------------------------------------------


def phase_prepare(n: int, db: Path, r: dict) -> None:
    """Open the ledger; make sure its newest checkpoint is at its head (as after run.py's rebuild phase)."""
    ledger = open_ledger(db)
    state = ledger.state
    if state.seq != n:
        raise SystemExit(f"{db} has {state.seq} events, not {n}: remove it to rebuild it")
    before = ledger.eventlog.checkpointed_seq()
    if before < state.seq:
        log(f"{n}: checkpoint at #{before:,}; writing one at the head #{state.seq:,}")
        ledger.checkpoint()
    r |= {"head": state.head, "seq": state.seq, "checkpoint_was": before, "years": state.years(),
          "units": len(state.units)}


# --- phase: headless first paint (one fresh process per run) ----------------------------------------------


def phase_paint(db: Path, spawned: float, r: dict) -> None:
    """One launch, in-process and headless: imports, open, run_test() until the figures are filled."""
    r["python_start_s"] = STARTED - spawned  # the interpreter and site, up to this script's first line
    t = time.perf_counter()
    import tui.app  # noqa: F401
    import cli.app  # noqa: F401 - what `kirjuri tui` loads: the CLI (typer, the cli/ package) and the UI
    r["import_s"] = time.perf_counter() - t
    app_class = instrument()

    t_open = time.perf_counter()
    ledger = open_ledger(db, load=False)  # as `kirjuri tui` opens it
    r["open_s"] = time.perf_counter() - t_open
    r["deferred_load"] = not getattr(ledger, "loaded", True)
    r["open_gc_s"] = gc_within(t_open, t_open + r["open_s"])[0]
    app = app_class(ledger)

    async def scenario() -> None:
        t0 = time.perf_counter()
        async with app.run_test(size=SIZE) as _pilot:
            r["run_test_entered_s"] = time.perf_counter() - t0
            await until(lambda: app.main.selection is not None and first("figures.shown", t0, app.main.selection))
            await settle(app, quiet=0.3)
            sel = app.main.selection
            shown = first("figures.shown", t0, sel)
            frame = first("frame", shown[2])
            mount = first("app.mount", t0)
            rebuild = first("tree.rebuild", t0)
            compute = first("figures.compute", t0, sel)
            trail = first("trail.shown", t0, sel)
            first_frame = first("frame", t0)
            r.update({
                "selection": [sel.node, sel.year],
                "app_mount_s": mount[1] - t0,
                "tree_start_s": rebuild[1] - t0,
                "tree_s": rebuild[2] - rebuild[1],
                "tree_entries_s": sum(m[2] - m[1] for m in MARKS if m[0] == "tree.entries" and m[1] >= t0),
                "tree_widget_s": sum(m[2] - m[1] for m in MARKS if m[0] == "tree.widget" and m[1] >= t0),
                "tree_done_s": rebuild[2] - t0,
                "first_frame_s": first_frame[1] - t0,
                "figures_compute_start_s": compute[1] - t0,
                "figures_compute_s": compute[2] - compute[1],
                "figures_shown_s": shown[2] - t0,
                "figures_frame_s": frame[1] - t0,
                "trail_shown_s": trail[2] - t0,
                "trail_seqs_s": sum(m[2] - m[1] for m in MARKS if m[0] == "trail.seqs" and m[1] >= t0),
                "busy_ms": busy_within(t0, shown[2]),
                "gc_s": gc_within(t0, shown[2])[0],
                "gc_full": gc_within(t0, shown[2])[1],
            })
            load = first("open.load", t0)
            if load is not None and load[2] - load[1] > 0.001:  # the fold, in the screen's worker
                r.update({"load_start_s": load[1] - t0, "load_s": load[2] - load[1], "load_end_s": load[2] - t0})

    asyncio.run(scenario())
    for name in ("fetch", "hash_check", "decode", "catch_up"):  # in the open, or in the UI's worker
        r[f"open_{name}_s"] = sum(m[2] - m[1] for m in MARKS if m[0] == f"open.{name}")
    r["first_paint_s"] = r["open_s"] + r["figures_shown_s"]
    r["launch_to_figures_s"] = r["python_start_s"] + r["import_s"] + r["first_paint_s"]
    r["peak_rss_mb"] = peak_rss_mb()
    r["gc_tracked_objects"] = len(gc.get_objects())


# --- phase: keys (one process: the ledger opened once) --------------------------------------------------------


#: diagnostic what-ifs for the keys process (``--diagnose``): each changes the UI in that process only
VARIANTS = {
    "gc-freeze": "gc.freeze() after opening the ledger (its state left out of the GC's passes)",
    "no-trail": "no audit trail: load_trail posts an empty trail at once (figures alone)",
}


def phase_keys(db: Path, presses: int, variant: str | None, r: dict) -> None:
    """Press keys with Pilot; time from the press until the figures of the new selection are shown."""
    import tui.screens.main as main_mod
    from tui.messages import TrailLoaded
    from tui.viewmodel import is_now, step_known

    app_class = instrument()
    ledger = open_ledger(db)
    if variant is None:
        gc.freeze()  # as the screen's open_ledger worker does after the fold
    elif variant == "gc-freeze":
        gc.collect()
        gc.freeze()
    elif variant == "no-trail":
        def no_trail(self, selection, seqs, offset) -> None:
            self.post_message(TrailLoaded(selection, [], 0, []))

        main_mod.MainScreen.load_trail = no_trail
    elif variant is not None:
        raise SystemExit(f"unknown variant {variant}")
    state = ledger.state
    app = app_class(ledger)
    out: list[dict] = []
    r |= {"settle_s": main_mod.SETTLE, "measurements": out, "variant": variant}

    async def press(pilot, key: str, label: str) -> dict:
        main = app.main
        before = main.selection
        SCAN_FROM[0] = len(MARKS)
        t0 = time.perf_counter()
        await pilot.press(key)
        await until(lambda: main.selection != before and matching(app))
        sel = main.selection
        shown = first("figures.shown", t0, sel)
        await until(lambda: first("frame", shown[2]) is not None)
        frame = first("frame", shown[2])
        choose = first("choose", t0, sel)
        compute = first("figures.compute", t0, sel)
        trail = first("trail.shown", t0, sel)
        tree = first("tree.rebuild", t0)
        m = {
            "key": key, "what": label, "from": [before.node, before.year], "node": sel.node, "year": sel.year,
            "level": state.units[sel.node].level, "travel": sel.point.known_at is not None,
            "selected_ms": (choose[2] - t0) * 1000,
            "tree_ms": (tree[2] - tree[1]) * 1000 if tree else 0.0,
            "compute_start_ms": (compute[1] - t0) * 1000,
            "compute_ms": (compute[2] - compute[1]) * 1000,
            "shown_ms": (shown[2] - t0) * 1000,
            "frame_ms": (frame[1] - t0) * 1000,
            "trail_ms": (trail[2] - t0) * 1000,
            "t0": t0,
        }
        gc_s, full = gc_within(t0, shown[2])
        m |= {"gc_ms": gc_s * 1000, "gc_full": full, "busy_ms": busy_within(t0, shown[2])}
        out.append(m)
        await settle(app)
        return m

    async def put(pilot, code: str) -> None:
        app.main.go_to(code)
        await settle(app)

    def spread(codes: list[str], k: int) -> list[str]:
        """``k`` codes evenly spaced through ``codes``."""
        return [codes[(i * len(codes)) // k + len(codes) // (2 * k)] for i in range(min(k, len(codes)))]

    async def scenario() -> None:
        # run.py's organisation, the same at every size: K, 6 toimiala, 40 vastuualue, 400 yksikkö
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, quiet=0.5)
            main = app.main
            while main.chain_checked is None:  # the keys are timed once the session's chain check is done
                await asyncio.sleep(0.1)
            codes = main.org.codes
            level = {c: state.units[c].level for c in codes}
            root = codes[0]
            toimialat = [c for c in codes if level[c] == "toimiala"]
            vastuualueet = [c for c in codes if level[c] == "vastuualue"]
            units = [c for c in codes if level[c] == "yksikkö"]
            n_root, n_toim = 3, len(toimialat)
            n_vast = max(1, (presses - n_root - n_toim) * 2 // 5)
            n_unit = max(1, presses - n_root - n_toim - n_vast)
            for _ in range(n_root):  # the city: "up" from the first toimiala
                await put(pilot, toimialat[0])
                await press(pilot, "up", "arrow")
            for code in toimialat + spread(vastuualueet, n_vast) + spread(units, n_unit):
                await put(pilot, codes[codes.index(code) - 1])
                m = await press(pilot, "down", "arrow")
                assert m["node"] == code, (m, code)
            log(f"keys: {len(out)} arrow presses done")
            # year switch "<" and ">" (the default year is the last one; "<" first)
            for code, times in ((root, 3), (toimialat[1], 2), (vastuualueet[7], 2), (units[50], 2)):
                await put(pilot, code)
                for _ in range(times):
                    await press(pilot, "less_than_sign", "year")
                    await press(pilot, "greater_than_sign", "year")
            log("keys: year switches done")
            # time travel: "[" a few events back, "]" one forward, "n" back to now
            for code, back in ((root, 5), (toimialat[2], 3), (vastuualueet[20], 3), (units[200], 3)):
                await put(pilot, code)
                for _ in range(back):
                    if step_known(state, app.main.point, -1) is None:  # the first recorded time: a bell
                        break
                    await press(pilot, "left_square_bracket", "step")
                if step_known(state, app.main.point, 1) is not None:
                    await press(pilot, "right_square_bracket", "step")
                if not is_now(app.main.point):  # "]" may have come back to now already
                    await press(pilot, "n", "now")
            log("keys: time-travel steps done")

    asyncio.run(scenario())
    r["peak_rss_mb"] = peak_rss_mb()
    r["gc_passes"] = {f"gen{g}": stats([(m[2] - m[1]) * 1000 for m in MARKS if m[0] == f"gc{g}"]) | {
        "total_ms": sum((m[2] - m[1]) * 1000 for m in MARKS if m[0] == f"gc{g}")} for g in (0, 1, 2)}
    r["gc_tracked_objects"] = len(gc.get_objects())
    r["gc_full_slowest"] = slowest_full_passes(out)


def slowest_full_passes(presses: list[dict], k: int = 5) -> list[dict]:
    """The ``k`` longest full GC passes, each with the press it came after: where a key could wait for one."""
    full = sorted((m for m in MARKS if m[0] == "gc2"), key=lambda m: m[1] - m[2])[:k]
    return [{"ms": (m[2] - m[1]) * 1000, "collected": m[3], "thread": m[4] if len(m) > 4 else None,
             "after": next((f"{p['key']} {p['what']} {p['level']}" for p in reversed(presses)
                            if p["t0"] <= m[1]), "start")} for m in full]


# --- real terminal: tmux ---------------------------------------------------------------------------------------


EXITED = "kirjuri-bench: exited"
FIGURES_ON_SCREEN = re.compile(r"\(K\) · \d{4}")


def phase_terminal(db: Path, spawned: float, result: Path) -> None:
    """``kirjuri --db DB tui`` in this process, in the real terminal tmux gives it, with the marks of ``instrument``.

    The app quits by itself a second after the first figures are shown; the marks, as seconds since
    tmux was asked to launch the process, go to ``result``.
    """
    t = time.perf_counter()
    import cli.app
    import tui.app
    from tui.widgets.figures import FiguresTable

    import_end = time.perf_counter()
    bench_app = instrument()
    bench_app.__name__ = tui.app.KirjuriApp.__name__
    tui.app.KirjuriApp = bench_app  # what tui.run() starts: the app with the frame and mount marks
    _wrap(cli.app.ui.Kirjuri, "__init__", "open")
    shown = FiguresTable.show
    def show_then_quit(self, view) -> None:
        shown(self, view)
        if not getattr(self.app, "_bench_quitting", False):
            self.app._bench_quitting = True
            self.app.set_timer(1.0, self.app.exit)

    FiguresTable.show = show_then_quit
    sys.argv = ["kirjuri", "--db", str(db), "tui"]
    with contextlib.suppress(SystemExit):  # typer ends the CLI with SystemExit(0) once the UI quits
        cli.app.main()

    def since_launch(when: float) -> float:
        return STARTED - spawned + (when - STARTED_PERF)

    open_mark, figures, load = first("open"), first("figures.shown"), first("open.load")
    r = {
        "python_start_s": STARTED - spawned, "imports_done_s": since_launch(import_end),
        "import_s": import_end - t,
        "open_start_s": since_launch(open_mark[1]), "open_s": open_mark[2] - open_mark[1],
        "screen_mount_s": since_launch(first("app.mount")[1]),
        "tree_start_s": since_launch(first("tree.rebuild")[1]),
        "first_frame_s": since_launch(first("frame")[1]),
        "figures_compute_start_s": since_launch(first("figures.compute")[1]),
        "figures_shown_s": since_launch(figures[2]),
        "figures_frame_s": since_launch(first("frame", figures[2])[1]),
    }
    if load is not None and load[2] - load[1] > 0.001:
        r |= {"load_start_s": since_launch(load[1]), "load_s": load[2] - load[1]}
    result.write_text(json.dumps(r, indent=2))


def tmux_first_paint(db: Path, size: tuple[int, int], timeout: float, instrumented: Path | None = None) -> dict:
    """Launch ``kirjuri --db DB tui`` in a private tmux server; poll the pane until the figures are there.

    With ``instrumented`` (a result file), launch ``phase_terminal`` instead: the same CLI, with marks.
    """
    sock = f"kirjuri-bench-{os.getpid()}-{time.monotonic_ns()}"
    w, h = map(str, size)

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", sock, *args], capture_output=True, text=True).stdout

    kirjuri = ROOT / ".venv" / "bin" / "kirjuri"
    if not kirjuri.exists():
        kirjuri = Path(sys.executable).parent / "kirjuri"
    tmux("-f", "/dev/null", "new-session", "-d", "-s", "keep", "-x", w, "-y", h)
    tmux("set", "-g", "escape-time", "0")
    tmux("set", "-g", "default-terminal", "tmux-256color")
    env = "env -u KIRJURI_DATABASE_URL TERM=tmux-256color COLORTERM=truecolor"
    r: dict = {}
    try:
        # the shell says when the process is gone: the next launch must not share the CPU with its exit
        done = f"; echo {EXITED}; sleep 30"
        if instrumented is None:
            cmd = f"{env} {shlex.quote(str(kirjuri))} --db {shlex.quote(str(db))} tui{done}"
        else:
            instrumented.unlink(missing_ok=True)
            cmd = (f"{env} {shlex.quote(sys.executable)} {shlex.quote(__file__)} --worker terminal "
                   f"--db {shlex.quote(str(db))} --result {shlex.quote(str(instrumented))} "
                   f"--spawned {time.time()!r}{done}")
        t0 = time.perf_counter()
        tmux("new-session", "-d", "-s", "app", "-x", w, "-y", h, cmd)
        screen = ""
        while time.perf_counter() - t0 < timeout:
            screen = tmux("capture-pane", "-p", "-t", "app")
            now = time.perf_counter() - t0
            if "first_frame_s" not in r and "Kirjuri" in screen:
                r["first_frame_s"] = now
            if FIGURES_ON_SCREEN.search(screen) and "MENOT" in screen:
                r["figures_s"] = now
                r["screen"] = screen
                break
            time.sleep(0.01)
        else:
            raise TimeoutError(f"no figures on screen in {timeout} s; the screen:\n{screen}")
        if instrumented is None:
            t_quit = time.perf_counter()
            tmux("send-keys", "-t", "app", "q")
        # (the instrumented process quits by itself a second after its figures)
        deadline = time.perf_counter() + 60
        while EXITED not in tmux("capture-pane", "-p", "-t", "app"):
            if time.perf_counter() > deadline:
                raise TimeoutError("the UI did not exit in 60 s")
            time.sleep(0.02)
        if instrumented is None:
            r["quit_s"] = time.perf_counter() - t_quit  # "q" until the process is gone
        else:
            r["marks"] = json.loads(instrumented.read_text())
            instrumented.unlink()
    finally:
        tmux("kill-server")
    return r


# --- driver ------------------------------------------------------------------------------------------------------


def worker(phase: str, n: int, db: Path, args, extra: list[str] | None = None) -> dict:
    """Run one phase in a fresh process (its own open, its own peak RSS) and return what it found."""
    result = args.data_dir / f"tui-{n}.part.json"
    cmd = [sys.executable, __file__, "--worker", phase, "--events", str(n), "--db", str(db),
           "--data-dir", str(args.data_dir), "--result", str(result), "--presses", str(args.presses),
           "--spawned", repr(time.time()), *(extra or [])]
    subprocess.run(cmd, check=True)
    r = json.loads(result.read_text())
    result.unlink()
    return r


def ensure_ledger(n: int, db: Path, args) -> None:
    """run.py's append phase writes ledger-N.sqlite (as ``run.py --keep`` leaves it), if it is not there."""
    if db.exists():
        return
    bench_run().ensure_dataset(n, args.seed, args.data_dir)
    log(f"{n}: building {db} with run.py's append phase (1M: ~2 min)")
    part = args.data_dir / f"tui-{n}.append.json"
    subprocess.run([sys.executable, str(HERE / "run.py"), "--worker", str(n), "--phase", "append",
                    "--result", str(part), "--db-dir", str(db.parent), "--data-dir", str(args.data_dir),
                    "--seed", str(args.seed)], check=True)
    part.unlink()
    if db != db.parent / f"ledger-{n}.sqlite":
        (db.parent / f"ledger-{n}.sqlite").rename(db)


def stats(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    return {"n": len(values), "median": statistics.median(values), "p95": pct(values, 0.95), "max": max(values),
            "min": min(values)}


#: the instrumented real-terminal launch: seconds since tmux was asked to start the process
TERMINAL_MARKS = {
    "python_start_s": "python start-up done",
    "imports_done_s": "CLI and UI imported (cli.app, tui.app)",
    "open_start_s": "Kirjuri(...) starts opening the ledger",
    "open_s": "  opening takes",
    "screen_mount_s": "the app mounted",
    "first_frame_s": "first frame written",
    "load_start_s": "the state's fold starts in the screen's worker (Kirjuri.load; deferred)",
    "load_s": "  folding takes",
    "tree_start_s": "tree build starts (MainScreen.rebuild_tree)",
    "figures_compute_start_s": "figures worker computes (after SETTLE)",
    "figures_shown_s": "FiguresLoaded handled: table filled",
    "figures_frame_s": "the frame with the figures written",
    "figures_on_screen_s": "seen on screen (tmux capture-pane poll)",
}


def summarise(r: dict) -> None:
    keys = r["keys"]["measurements"]
    arrows = [m for m in keys if m["what"] == "arrow"]
    r["summary"] = {
        "tmux_figures_s": stats([x["figures_s"] for x in r["tmux"]]),
        "tmux_quit_s": stats([x["quit_s"] for x in r["tmux"] if "quit_s" in x]),
        "tmux_first_frame_s": stats([x["first_frame_s"] for x in r["tmux"] if "first_frame_s" in x]),
        "terminal": {k: stats([x[k] for x in r.get("tmux_marks", []) if k in x]) for k in TERMINAL_MARKS},
        "headless": {k: stats([p[k] for p in r["paint"] if k in p])
                     for k in sorted({k for p in r["paint"] for k, v in p.items()
                                     if isinstance(v, (int, float)) and not isinstance(v, bool)})},
        "arrow": {k: stats([m[k] for m in arrows]) for k in
                  ("shown_ms", "frame_ms", "selected_ms", "compute_start_ms", "compute_ms", "trail_ms", "gc_ms")},
        "arrow_by_level": {lv: stats([m["shown_ms"] for m in arrows if m["level"] == lv])
                           for lv in ("kaupunki", "toimiala", "vastuualue", "yksikkö")},
        "year": {k: stats([m[k] for m in keys if m["what"] == "year"]) for k in
                 ("shown_ms", "frame_ms", "tree_ms", "compute_ms", "trail_ms", "gc_ms")},
        "year_by_level": {lv: stats([m["shown_ms"] for m in keys if m["what"] == "year" and m["level"] == lv])
                          for lv in ("kaupunki", "toimiala", "vastuualue", "yksikkö")},
        "step_back": {k: stats([m[k] for m in keys if m["key"] == "left_square_bracket"]) for k in
                      ("shown_ms", "frame_ms", "tree_ms", "compute_ms", "trail_ms", "gc_ms")},
        "step_back_by_level": {lv: stats([m["shown_ms"] for m in keys if m["key"] == "left_square_bracket"
                                          and m["level"] == lv])
                               for lv in ("kaupunki", "toimiala", "vastuualue", "yksikkö")},
        "step_forward": {k: stats([m[k] for m in keys if m["key"] == "right_square_bracket"]) for k in
                         ("shown_ms", "frame_ms")},
        "now": {k: stats([m[k] for m in keys if m["key"] == "n"]) for k in ("shown_ms", "frame_ms")},
        "paint_busy": {k: stats([p["busy_ms"][k] for p in r["paint"]]) for k in BUSY},
    }
    for group, keep in (("arrow", lambda m: m["what"] == "arrow"), ("year", lambda m: m["what"] == "year"),
                        ("step_back", lambda m: m["key"] == "left_square_bracket")):
        r["summary"][f"{group}_busy"] = {k: stats([m["busy_ms"][k] for m in keys if keep(m)]) for k in BUSY}


def busy_rows(table, busy: dict, span: str) -> None:
    """Where the time between the two ends of ``span`` went: one row per part, the ones that took any."""
    table.add_row(f"  busy during {span}: median / p95 / max", "", "", "", "")
    for key, label in BUSY.items():
        st = busy[key]
        if st.get("n") and st["max"] >= 1.0:
            table.add_row(f"    {label}", f"{st['median']:.0f} / {st['p95']:.0f} / {st['max']:.0f} ms", "", "", "")


def print_report(r: dict, console) -> None:
    from rich.table import Table

    s = r["summary"]
    h = s["headless"]

    def verdict(ok: bool) -> str:
        return "[green]PASS[/]" if ok else "[red]MISS[/]"

    def sec(st: dict, key: str = "median") -> str:
        return f"{st[key]:.2f} s" if st.get("n") else "–"

    def ms(st: dict) -> str:
        return f"{st['median']:.0f} / {st['p95']:.0f} / {st['max']:.0f} ms" if st.get("n") else "–"

    def spread(st: dict, unit: str = "s") -> str:
        if not st.get("n"):
            return ""
        f = (lambda v: f"{v:.2f}") if unit == "s" else (lambda v: f"{v:.0f}")
        return f"{f(st['min'])}–{f(st['max'])} {unit}, n={st['n']}"

    table = Table(title=f"Kirjuri TUI at {SIZE[0]}x{SIZE[1]}, {r['events']:,} events (targets are stated for 1M); "
                        f"ledger code {r['code']['sha']} ({r['code']['newest']}), tui code {r['tui_code']['sha']}",
                  title_justify="left")
    for name, justify in (("metric", "left"), ("measured (median)", "right"), ("spread", "right"),
                          ("target", "right"), ("", "center")):
        table.add_column(name, justify=justify)
    paint_target = f"≤ {TARGETS['first_paint_s']:.0f} s"
    if s["tmux_figures_s"].get("n"):
        table.add_row("first paint in tmux: launch → first node's figures on screen", sec(s["tmux_figures_s"]),
                      spread(s["tmux_figures_s"]), paint_target,
                      verdict(s["tmux_figures_s"]["median"] <= TARGETS["first_paint_s"]))
        table.add_row("  launch → first frame (the header shows)", sec(s["tmux_first_frame_s"]),
                      spread(s["tmux_first_frame_s"]), "", "")
        table.add_row("  (after) q → the process is gone", sec(s["tmux_quit_s"]), spread(s["tmux_quit_s"]), "", "")
    t = s["terminal"]
    if t["figures_on_screen_s"].get("n"):
        table.add_row("first paint in tmux, instrumented (tui.py --worker terminal): since launch", "", "", "", "")
        for key, label in TERMINAL_MARKS.items():
            table.add_row(f"  {label}", sec(t[key]), spread(t[key]), "", "")
    table.add_row("launch → figures, headless: start-up + imports + open + run_test() → filled",
                  sec(h["launch_to_figures_s"]), spread(h["launch_to_figures_s"]), "", "")
    table.add_row("first paint headless: open + run_test() → figures table filled", sec(h["first_paint_s"]),
                  spread(h["first_paint_s"]), paint_target,
                  verdict(h["first_paint_s"]["median"] <= TARGETS["first_paint_s"]))
    table.add_row("  (before it) python start-up / import the CLI and the UI (cli.app, tui.app)",
                  f"{h['python_start_s']['median']:.2f} / {h['import_s']['median']:.2f} s", "", "", "")
    deferred = any(p.get("deferred_load") for p in r["paint"])
    table.add_row("  open the ledger: Kirjuri(...)" + (", the store only (load=False, as kirjuri tui)" if deferred
                  else " from the checkpoint"), sec(h["open_s"]), spread(h["open_s"]), "", "")
    table.add_row("    fetch blob / hash check / decode state / catch up",
                  " / ".join(f"{h[f'open_{k}_s']['median']:.2f}" for k in ("fetch", "hash_check", "decode", "catch_up"))
                  + " s", "", "", "")
    table.add_row("  cyclic GC during the open / run_test() → figures shown",
                  f"{h['open_gc_s']['median']:.2f} / {h['gc_s']['median']:.2f} s", "", "", "")
    table.add_row("  run_test() entry → app mounted", sec(h["app_mount_s"]), "", "", "")
    if h.get("load_s", {}).get("n"):
        table.add_row("  → the state folded in the screen's worker (Kirjuri.load): starts / takes",
                      f"{h['load_start_s']['median']:.2f} / {h['load_s']['median']:.2f} s", "", "", "")
    table.add_row("  → tree built (MainScreen.rebuild_tree ends)", sec(h["tree_done_s"]), "", "", "")
    table.add_row("    tree_entries / OrgTree.show", f"{h['tree_entries_s']['median']:.3f} / "
                  f"{h['tree_widget_s']['median']:.3f} s", "", "", "")
    table.add_row("  → first frame (no figures yet)", sec(h["first_frame_s"]), "", "", "")
    table.add_row(f"  → figures worker computes (after SETTLE {r['keys']['settle_s']:.2f} s)",
                  sec(h["figures_compute_start_s"]), "", "", "")
    table.add_row("    figures_view(...)", f"{h['figures_compute_s']['median'] * 1000:.0f} ms", "", "", "")
    table.add_row("  → FiguresLoaded handled: table filled", sec(h["figures_shown_s"]), spread(h["figures_shown_s"]),
                  "", "")
    table.add_row("  → next frame composed", sec(h["figures_frame_s"]), "", "", "")
    busy_rows(table, s["paint_busy"], "run_test() → figures shown")
    table.add_row("  → audit trail filled (trail_seqs alone)",
                  f"{h['trail_shown_s']['median']:.2f} s ({h['trail_seqs_s']['median']:.2f} s)", "", "", "")
    a = s["arrow"]
    key_target = f"≤ {TARGETS['keypress_ms']:.0f} ms"
    table.add_row("arrow key → figures shown: median / p95 / max", ms(a["shown_ms"]), f"n={a['shown_ms']['n']}",
                  key_target + " (p95)", verdict(a["shown_ms"]["p95"] <= TARGETS["keypress_ms"]))
    for lv, st in s["arrow_by_level"].items():
        if st.get("n"):
            table.add_row(f"  {lv}", ms(st), f"n={st['n']}", "", "")
    table.add_row("  → next frame composed", ms(a["frame_ms"]), "", "", "")
    table.add_row("  key → selection changed (key handling)", ms(a["selected_ms"]), "", "", "")
    table.add_row("  key → worker starts computing (incl. SETTLE)", ms(a["compute_start_ms"]), "", "", "")
    table.add_row("  figures_view(...) in the worker", ms(a["compute_ms"]), "", "", "")
    table.add_row("  key → audit trail filled", ms(a["trail_ms"]), "", "", "")
    busy_rows(table, s["arrow_busy"], "key → figures shown")
    for key, title in (("year", "year switch < > → figures shown"), ("step_back", "time travel [ → figures shown")):
        st = s[key]
        table.add_row(title, ms(st["shown_ms"]), f"n={st['shown_ms']['n']}", key_target + " (p95)",
                      verdict(st["shown_ms"]["p95"] <= TARGETS["keypress_ms"]))
        for lv, lst in s[f"{key}_by_level"].items():
            if lst.get("n"):
                table.add_row(f"  {lv}", ms(lst), f"n={lst['n']}", "", "")
        table.add_row("  tree rebuilt in the key's handler", ms(st["tree_ms"]), "", "", "")
        table.add_row("  figures_view(...) in the worker", ms(st["compute_ms"]), "", "", "")
        busy_rows(table, s[f"{key}_busy"], "key → figures shown")
        table.add_row("  key → next frame / audit trail filled",
                      f"{st['frame_ms']['median']:.0f} / {st['trail_ms']['median']:.0f} ms (median)", "", "", "")
    table.add_row("time travel ] → figures shown", ms(s["step_forward"]["shown_ms"]),
                  f"n={s['step_forward']['shown_ms']['n']}", "", "")
    table.add_row("back to now (n) → figures shown", ms(s["now"]["shown_ms"]), f"n={s['now']['shown_ms']['n']}", "", "")
    g2 = r["keys"]["gc_passes"][0]["gen2"]
    if g2.get("n"):
        table.add_row("full (gen 2) GC passes in the keys process: count, median / max",
                      f"{g2['n']}× {g2['median']:.0f} / {g2['max']:.0f} ms", "", "", "")
    table.add_row("objects the GC tracks (keys process, at the end)", f"{r['keys']['gc_tracked_objects']:,}",
                  "", "", "")
    table.add_row("peak RSS: keys process", f"{r['keys']['peak_rss_mb']:,.0f} MB", "", "", "")
    console.print(table)


def print_variants(r: dict, console) -> None:
    """The keys as measured, against each what-if: key → figures shown, median / p95 / max."""
    from rich.table import Table

    groups = (("arrow keys", lambda m: m["what"] == "arrow"), ("year switch < >", lambda m: m["what"] == "year"),
              ("time travel [", lambda m: m["key"] == "left_square_bracket"))
    table = Table(title=f"Diagnostic what-ifs, {r['events']:,} events: key → figures shown, median / p95 / max ms",
                  title_justify="left")
    table.add_column("keys process")
    for name, _keep in groups:
        table.add_column(name, justify="right")
    rows = [("as measured", r["keys"]["measurements"])]
    rows += [(f"{v}: {VARIANTS[v]}", got["measurements"]) for v, got in r["variants"].items()]
    for label, measurements in rows:
        cells = []
        for _name, keep in groups:
            st = stats([m["shown_ms"] for m in measurements if keep(m)])
            cells.append(f"{st['median']:.0f} / {st['p95']:.0f} / {st['max']:.0f}" if st.get("n") else "–")
        table.add_row(label, *cells)
    console.print(table)


def tui_code() -> dict:
    """A hash over tui/**/*.py, like run.py's code_version for ledger/ and events/."""
    import hashlib

    files = sorted(ROOT.glob("tui/**/*.py"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    newest = max(path.stat().st_mtime for path in files)
    return {"sha": digest.hexdigest()[:12], "newest": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(newest))}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="ledger size: 10000, 100000 or 1000000")
    parser.add_argument("--db", type=Path, help="the ledger (default: DATA_DIR/ledger-N.sqlite, built if missing)")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "bench-data", help="histories, ledgers, results")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--runs", type=int, default=5, help="launches for first paint (tmux and headless each)")
    parser.add_argument("--presses", type=int, default=30, help="arrow-key presses")
    parser.add_argument("--key-runs", type=int, default=1, help="keypress processes (their presses are pooled)")
    parser.add_argument("--no-tmux", action="store_true", help="skip the real-terminal first paint")
    parser.add_argument("--diagnose", action="store_true",
                        help="also run the keys under each what-if of VARIANTS (gc.freeze(), no audit trail)")
    parser.add_argument("--variant", choices=tuple(VARIANTS), help=argparse.SUPPRESS)
    parser.add_argument("--worker", choices=("prepare", "paint", "keys", "terminal"), help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--spawned", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    n = args.events
    db = (args.db or args.data_dir / f"ledger-{n}.sqlite").resolve()

    if args.worker:
        r: dict = {}
        if args.worker == "prepare":
            phase_prepare(n, db, r)
        elif args.worker == "paint":
            phase_paint(db, args.spawned, r)
        elif args.worker == "terminal":
            phase_terminal(db, args.spawned, args.result)
            return
        else:
            phase_keys(db, args.presses, args.variant, r)
        args.result.write_text(json.dumps(r, indent=2, default=str))
        return

    from rich.console import Console

    console = Console(width=None if sys.stdout.isatty() else 150)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    ensure_ledger(n, db, args)
    r = {"events": n, "db": str(db), "size": list(SIZE), "code": bench_run().code_version(), "tui_code": tui_code(),
         "targets": TARGETS}
    r["prepare"] = worker("prepare", n, db, args)
    log(f"{n}: {db.name}: {r['prepare']['seq']:,} events, years {r['prepare']['years'][0]}–{r['prepare']['years'][-1]}")
    r["tmux"], r["tmux_marks"] = [], []
    if not args.no_tmux:
        if shutil.which("tmux") is None:
            log("tmux is not installed (apt-get install -y tmux): skipping the real-terminal first paint")
        else:
            for i in range(args.runs):
                got = tmux_first_paint(db, SIZE, timeout=120)
                log(f"tmux run {i + 1}: first frame {got.get('first_frame_s', float('nan')):.2f} s, "
                    f"figures {got['figures_s']:.2f} s")
                r["tmux"].append(got)
            for i in range(args.runs):
                got = tmux_first_paint(db, SIZE, timeout=120, instrumented=args.data_dir / f"tui-{n}.terminal.json")
                log(f"tmux instrumented run {i + 1}: open at {got['marks']['open_start_s']:.2f} s, "
                    f"first frame {got['marks']['first_frame_s']:.2f} s, figures on screen {got['figures_s']:.2f} s")
                r["tmux_marks"].append(got["marks"] | {"figures_on_screen_s": got["figures_s"]})
    r["paint"] = []
    for i in range(args.runs):
        got = worker("paint", n, db, args)
        log(f"headless run {i + 1}: open {got['open_s']:.2f} s + run_test → figures {got['figures_shown_s']:.2f} s")
        r["paint"].append(got)
    runs = [worker("keys", n, db, args) for _ in range(args.key_runs)]
    r["keys"] = {"settle_s": runs[0]["settle_s"], "peak_rss_mb": max(k["peak_rss_mb"] for k in runs),
                 "gc_passes": [k["gc_passes"] for k in runs], "gc_tracked_objects": runs[0]["gc_tracked_objects"],
                 "gc_full_slowest": [k.get("gc_full_slowest") for k in runs],
                 "measurements": [m for k in runs for m in k["measurements"]]}
    if args.diagnose:
        r["variants"] = {}
        for variant in VARIANTS:
            log(f"keys with the what-if {variant}")
            r["variants"][variant] = worker("keys", n, db, args, ["--variant", variant])
    summarise(r)
    (args.data_dir / f"tui-{n}.json").write_text(json.dumps(r, indent=2, default=str))
    print_report(r, console)
    if args.diagnose:
        print_variants(r, console)


if __name__ == "__main__":
    main()
