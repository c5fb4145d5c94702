"""Where the UI's exports go: to the browser under `kirjuri serve`, else a new file beside the user.

Under `kirjuri serve` the UI runs on the server, in the server's working directory: a
file written there would reach no committee member, and would pile up on the server. So
in a browser (Textual's ``App.is_web``) an export is handed to the browser as a download
(``deliver_binary``, relayed by textual-serve) and nothing is written on the server. In a
terminal it is written to the working directory through ``ledger.reports.output.write_atomic``:
whole or not at all, never over the open ledger, and never over an existing file: a
name that is taken gets ``-2``, ``-3`` … before its suffix.
"""

from __future__ import annotations

import io
import itertools
import os
from collections.abc import Iterable
from pathlib import Path

from textual.app import App

from ledger.reports.output import write_atomic
from ledger.domain.refusals import Rejected


def deliver(app: App, filename: str, data: bytes, *, mime_type: str, protect: Iterable[Path] = (),
            folder: Path | None = None) -> Path | None:
    """Give ``data`` to the user as ``filename``: a download in a browser (None), else the path written."""
    if app.is_web:
        app.deliver_binary(io.BytesIO(data), save_filename=filename, mime_type=mime_type)
        return None
    return write_new(Path.cwd() if folder is None else folder, filename, data, protect=protect)


def write_new(folder: Path, filename: str, data: bytes, *, protect: Iterable[Path] = ()) -> Path:  # type: ignore[return]
    """Write ``data`` under the first free name of ``filename``, ``stem-2.suffix``, … in ``folder``.

    A name taken meanwhile by another process (``write_atomic`` refuses to rename over it)
    moves on to the next; any other refusal or a disk that fails is raised.
    """
    protect = list(protect)
    first = folder / filename
    for number in itertools.count(1):
        path = first if number == 1 else first.with_name(f"{first.stem}-{number}{first.suffix}")
        if os.path.lexists(path):
            continue
        try:
            return write_atomic(path, lambda fh: fh.write(data), binary=True, protect=protect)
        except Rejected as refusal:
            if refusal.code != "output.exists":
                raise
