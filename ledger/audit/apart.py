"""The verification in a Python process of its own: what ``Kirjuri.verify_in_background`` runs on a big ledger.

On a million events ``kirjuri verify`` takes minutes of CPU and gigabytes; run in a thread of the UI's
process it would take turns with every key and keep that memory. The child opens the ledger afresh
(``ledger.audit.committee.verify_at``), verifies and hands back the report; the caller waits for it,
and ends the child if it is no longer wanted.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from ledger.audit.authority import Rules
from ledger.audit.findings import Verification
from ledger.store.log import Target

#: the verification's own process: reads (target, rules), writes the report (both pickled)
CHILD = """import pickle, sys
from ledger.audit.committee import verify_at
target, rules = pickle.load(sys.stdin.buffer)
pickle.dump(verify_at(target, rules), sys.stdout.buffer)
"""
#: where ``ledger`` is found, for the child's imports
ROOT = Path(__file__).resolve().parents[2]
#: how often (seconds) the waiting caller asks whether the report is still wanted
POLL = 0.2


def verify_apart(target: Target, rules: Rules, cancelled: Callable[[], bool] = lambda: False) -> Verification | None:
    """The verification of the ledger at ``target`` in a new Python process; None if ``cancelled()`` turned
    true first (the process is ended then). A failure in the child is a RuntimeError naming its last line.

    A plain subprocess, not multiprocessing: under Textual, stderr has no file descriptor for
    multiprocessing's resource tracker to pass on.
    """
    job: bytes | None = pickle.dumps((target, rules))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))))
    with subprocess.Popen([sys.executable, "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env) as child:
        while True:
            try:
                out, err = child.communicate(job, timeout=POLL)
                break
            except subprocess.TimeoutExpired:
                job = None  # sent: a retry only reads on
                if cancelled():
                    child.kill()
                    child.communicate()
                    return None
    if child.returncode != 0:
        lines = err.decode(errors="replace").strip().splitlines()
        raise RuntimeError(lines[-1] if lines else f"exit status {child.returncode}")
    return pickle.loads(out)
