"""What comes in through a door is data: text without control characters, unit codes every command can address.

A note, a name or a decision is shown to people on terminals, in a browser and in workbooks.
A control character in it (C0 such as ESC, TAB, LF and CR; DEL; C1) or a bidi override or
isolate (U+202A–U+202E, U+2066–U+2069, which reorder what a reader sees) is an instruction
to whatever shows it, not text: no new event may carry one. ``check_text`` refuses it in
one line naming the field and showing the value escaped; every door (the application's
write path, the forms, the decision parser, the importers) uses it. Events already stored
(an older version's, restored from an export) keep theirs: the views show them escaped, and
restoring reproduces their hashes, so the refusal belongs to new events only
(``check_new``, from ``Kirjuri.submit``, not ``submit_recorded``).

A unit code is refused at registration unless every syntax that names a unit can name it
(``UNIT_CODE``).
"""

from __future__ import annotations

import re
from functools import cache

from events.model import EVENT_TYPES, EntryReversed, Event, ProjectChanged, ProjectOpened, UnitRegistered, UnitRenamed
from ledger.domain.refusals import Rejected
from ledger.fold.state import LedgerState

#: C0, DEL, C1, and the bidi embeddings, overrides and isolates
_CONTROLS = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
#: what Python makes of bytes that are not UTF-8 in an argument or a file name: no text at all
_SURROGATES = "\ud800-\udfff"
CONTROL = re.compile(f"[{_CONTROLS}]")
SURROGATE = re.compile(f"[{_SURROGATES}]")
#: either of the two, found in one pass
_UNSAFE = re.compile(f"[{_CONTROLS}{_SURROGATES}]")
#: what a PDF's text or a spreadsheet cell puts where a person sees a space (a tab, a form feed,
#: a line break inside a cell); a name a file brings in has each made one space
SPACES = "\t\n\v\f\r\x85\u2028\u2029"
#: a code every syntax can address: no ":" (UNIT:ACCOUNT=AMOUNT on the command line), no "/" (a long
#: table's unit_path), not starting with "-" (a command would read it as an option), no space at
#: either end (what is typed is stripped); control characters are refused before (``check_text``)
UNIT_CODE = re.compile(r"(?![-\s])[^:/]+(?<!\s)")
#: how much of a long text a refusal shows around the character it refuses
SHOWN = 24


def control_at(text: str, allowed: str = "") -> int | None:
    """Where ``text`` holds its first control character other than those ``allowed``, or None."""
    for match in CONTROL.finditer(text):
        if match.group() not in allowed:
            return match.start()
    return None


def check_text(field: str, text: str) -> None:
    """Refuse ``text`` if it holds a control character (or bytes that are not UTF-8): one line naming
    ``field`` and the character, the value shown escaped (``Rejected`` prints it with repr) and, if
    long, only around it."""
    found = _UNSAFE.search(text)
    if found is None:
        return
    at = found.start()
    if SURROGATE.match(found.group()):
        raise Rejected(field, _around(text, at), "text.not_utf8")
    raise Rejected(field, _around(text, at), "text.control", char=f"U+{ord(text[at]):04X}")


def _around(text: str, at: int) -> str:
    """``text``, or if long the part of it around position ``at``."""
    start, end = max(0, at - SHOWN), at + SHOWN
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def spaced(text: str, keep: str = "") -> str:
    """``text`` with each whitespace control character (``SPACES``) but those in ``keep`` made a space."""
    return text.translate(_spaces(keep))


@cache
def _spaces(keep: str) -> dict[int, str]:
    return {ord(ch): " " for ch in SPACES if ch not in keep}


def check_code(field: str, code: str) -> None:
    """Refuse a unit code that a control character or any syntax naming units rules out."""
    check_text(field, code)
    if not UNIT_CODE.fullmatch(code):
        raise Rejected(field, code, "code.unaddressable")


#: the fields of each kind of event that bring text into the ledger; what an event refers to (a
#: unit's code in a line, a reversed event's id) is not new: the rules check it names something stored
_NEW_FIELDS = {kind: ("id", "author", "note") + own for kind, own in {
    **{kind: () for kind in EVENT_TYPES},
    UnitRegistered: ("code", "name"),
    UnitRenamed: ("name",),
    EntryReversed: ("reason",),
    ProjectOpened: ("code", "name"),
}.items()}
_DECISION_FIELDS = ("section", "organ", "document")


def new_texts(event: Event) -> list[tuple[str, str]]:
    """The texts ``event`` brings into the ledger, by field."""
    texts = [(name, getattr(event, name)) for name in _NEW_FIELDS[type(event)]]
    if event.decision is not None:
        texts += [(f"decision.{name}", getattr(event.decision, name)) for name in _DECISION_FIELDS]
    return texts


def check_new(state: LedgerState, event: Event) -> None:
    """Refuse a new event whose text holds a control character, or that registers a unit under a
    code no command could address: one differing from a registered code only in case is one
    (a form finds units by code with case ignored, so it could name neither)."""
    decision = event.decision
    joined = "".join([getattr(event, name) for name in _NEW_FIELDS[type(event)]])
    if decision is not None:
        joined += decision.section + decision.organ + decision.document
    if _UNSAFE.search(joined) is not None:  # one pass over all of it: a bulk import checks every event
        for field, text in new_texts(event):
            check_text(field, text)
    if isinstance(event, ProjectChanged) and event.name is not None:
        check_text("name", event.name)  # None when the name stays: not in ``_NEW_FIELDS``
    if isinstance(event, (UnitRegistered, ProjectOpened)):
        check_code("code", event.code)
        folded = event.code.casefold()
        twin = next((code for code in state.units if code.casefold() == folded and code != event.code), None)
        if twin is not None:
            raise Rejected("code", event.code, "code.case_twin", other=twin)
