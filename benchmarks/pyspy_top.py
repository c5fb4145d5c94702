"""Top functions (self and inclusive share of samples) from a ``py-spy record --format raw`` file.

    py-spy record --pid PID --duration 30 --format raw -o spy.txt
    python benchmarks/pyspy_top.py spy.txt [--top 25] [--under FUNCTION]

``--under`` keeps only the stacks that pass through a function (e.g. ``_seal_all``).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter

_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^()]*?)(?::\d+)?\)$")


def frame_name(frame: str, lines: bool = False) -> str:
    if lines:
        frame = re.sub(r"\(([^()]*?):(\d+)\)$", lambda m: f"(\0{m[1]}\0{m[2]})", frame.strip())
        m = re.match(r"^(?P<func>.*?) \(\0(?P<file>[^\0]*)\0(?P<line>\d+)\)$", frame)
        if m:
            return f"{m['func']} ({_short(m['file'])}:{m['line']})"
    m = _FRAME.match(frame.strip())
    if not m:
        return frame.strip()
    return f"{m['func']} ({_short(m['file'])})"


def _short(path: str) -> str:
    for marker in ("/site-packages/", "/work/main/", "/lib/python3"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--under", help="only stacks through a function whose name contains this")
    parser.add_argument("--lines", action="store_true", help="keep line numbers (self time per line)")
    args = parser.parse_args()
    own, incl, total = Counter(), Counter(), 0
    for line in open(args.file, encoding="utf-8", errors="replace"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [frame_name(f, args.lines) for f in stack.split(";")]
        frames = [f for f in frames if not f.startswith(("process ", "thread "))]
        if args.under and not any(args.under in f for f in frames):
            continue
        n = int(count)
        total += n
        if frames:
            own[frames[-1]] += n
        for f in set(frames):
            incl[f] += n
    print(f"{total} samples{' under ' + args.under if args.under else ''}")
    print(f"{'self %':>7} {'incl %':>7}  function")
    for name, n in own.most_common(args.top):
        print(f"{100 * n / total:7.1f} {100 * incl[name] / total:7.1f}  {name}")
    print("\ninclusive (top):")
    for name, n in incl.most_common(args.top):
        print(f"{100 * n / total:7.1f}  {name}")


if __name__ == "__main__":
    main()
