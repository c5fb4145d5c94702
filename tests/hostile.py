"""A ledger holding hostile text in every string it stores, as an older version, a restore or raw
SQL could have let it in: the events are sealed into the chain as they are, no rule asked.

What the text tries: clear the screen and home the cursor (ESC [2J ESC [H), print a fake verdict
on a line of its own, colour it with markup ([red]), reverse what follows (U+202E), an 8-bit CSI
(U+009B) and a bell. Shown as data, none of it acts: every view prints each control character as
its escape (``ledger.domain.text.shown``) and never reads stored text as markup.
"""

from __future__ import annotations

import datetime as dt

from events.codec import seal
from events.model import ChangeProposed, Decision, EntryReversed, Event, Line, TaAmended, UnitRegistered, UnitRenamed
from ledger.app import Kirjuri

HOSTILE = "\x1b[2J\x1b[H[red]verify: PASSED[/red]\n\u202e\x9b31m\x07"
#: the same as every view must show it
SHOWN = "\\x1b[2J\\x1b[H[red]verify: PASSED[/red]\\n\\u202e\\x9b31m\\x07"
#: what no view may ever print raw
RAW = ("\x1b", "\u202e", "\x9b", "\x07")
#: the hostile unit's code
EVIL = "EVIL" + HOSTILE
#: a unit no event registered: the rules refuse the amendment of it, and verify quotes its code
GHOST = "GHOST" + HOSTILE


def stored_as_is(ledger: Kirjuri, *events: Event) -> None:
    """Append ``events`` in the chain exactly as given, then fold them: no rule is asked."""
    for event in events:
        record, data = seal(event, ledger.state.seq + 1, ledger.state.head)
        ledger.eventlog.append([(record, data)])
        ledger.refresh()


def with_hostile_text(ledger: Kirjuri, parent: str = "ELTY", unit: str = "JOUKKOLIIKENNE", year: int = 2026) -> Kirjuri:
    """A unit registered under ``parent`` and ``unit`` renamed, both with hostile names; an amendment
    of both by a hostile author under a hostile decision and note; a second amendment reversed for a
    hostile reason; a pending proposal with a hostile note; and an amendment of a unit that does not
    exist, which `verify` finds and quotes; all effective in ``year``."""
    now = max(dt.datetime.now(dt.timezone.utc), ledger.state.recorded_at(ledger.state.seq) if ledger.state.seq
              else dt.datetime.min.replace(tzinfo=dt.timezone.utc))
    on = dt.date(year, 1, 1)
    kv = Decision(body="valtuusto", date=dt.date(year, 6, 9), section="41" + HOSTILE, organ="KV" + HOSTILE,
                  document="pk" + HOSTILE)
    common = {"recorded_at": now, "author": "clerk" + HOSTILE}
    stored_as_is(
        ledger,
        UnitRegistered(id="unit" + HOSTILE, effective=on, code=EVIL, name="Paha" + HOSTILE, level="yksikkö",
                       parent=parent, note="uusi" + HOSTILE, **common),
        UnitRenamed(id="rename" + HOSTILE, effective=on, code=unit, name="Joukkoliikenne" + HOSTILE, **common),
        TaAmended(id="amend" + HOSTILE, effective=dt.date(year, 6, 15), decision=kv, note="huom" + HOSTILE, year=year,
                  lines=(Line(unit, "MENOT", -1_000_00), Line(EVIL, "MENOT", -500_00)), **common),
        TaAmended(id="wrong" + HOSTILE, effective=dt.date(year, 6, 15), decision=kv, year=year,
                  lines=(Line(unit, "MENOT", -7_00),), **common),
        EntryReversed(id="undo" + HOSTILE, effective=dt.date(year, 6, 16), target="wrong" + HOSTILE,
                      reason="syy" + HOSTILE, **common),
        ChangeProposed(id="esitys" + HOSTILE, effective=dt.date(year, 7, 1), note="esitys" + HOSTILE, year=year,
                       to_body="valtuusto", lines=(Line(unit, "MENOT", -2_000_00),), **common),
        TaAmended(id="ghost" + HOSTILE, effective=dt.date(year, 6, 15), decision=kv, year=year,
                  lines=(Line(GHOST, "MENOT", -1_00),), **common),
    )
    return ledger


def assert_shown_as_data(text: str) -> None:
    """No control character of the hostile text reached ``text``, its markup was not read, and the
    fake verdict never begins a line of its own."""
    found = [char for char in RAW if char in text]
    assert not found, f"raw {found!r} in {text!r}"
    assert not any(line.lstrip().startswith("verify: PASSED") for line in text.splitlines()), text
