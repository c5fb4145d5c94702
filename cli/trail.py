"""How an event reads on the command line: an entry of a unit's trail, with what it changed.

`kirjuri history` prints a unit's trail with it, and a write refused for a stale
--based-on prints the events written since the same way.
"""

from __future__ import annotations


from rich.markup import escape

from cli.common import COLUMN_LABELS, _eur, _markup, _print_folded, cli_said, language, out
from events.model import EntryReversed, ServiceTransferred
from ledger.app import Kirjuri
from ledger.domain.citation import format_decision
from ledger.domain import formats
from ledger.domain.text import shown
from ledger.domain import vocabulary
from ledger.fold import projections as pj
from ledger.fold.effects import changed


def _change_text(changes: list[pj.Change]) -> str:
    return "; ".join(f"{shown(c.account)} {shown(COLUMN_LABELS.get(c.column, c.column))}: {_eur(c.before) or '–'} → "
                     f"{_eur(c.after) or '–'}" for c in changes)


def _org_text(event) -> str:
    """What an organisation event did, in one line; its stored text shown as data."""
    return shown(_org_words(event))


def _org_words(event) -> str:
    tag = event.__struct_config__.tag
    if tag == "service_transferred":
        return f"{event.unit}: {event.from_parent} → {event.to_parent} (vuoden {event.from_year} luvuista alkaen)"
    if tag == "unit_registered":
        return f"{event.code} {event.name} [{event.level}] under {event.parent or '–'}"
    if tag == "unit_renamed":
        return f"{event.code} → {event.name}"
    if tag == "unit_closed":
        return f"{event.code} closed"
    return _investment_words(event, tag)


def _investment_words(event, tag: str) -> str:
    """A project's event, and where a carry-over came from (issue 17)."""
    if tag == "project_opened":
        return (f"{event.code} {event.name} [projekti] under {event.group}, vastuuyksikkö {event.unit}, "
                f"{event.first_year}–{event.last_year}, kustannusarvio {_eur(event.cost_estimate)}")
    if tag == "project_changed":
        given = {"nimi": event.name, "ryhmä": event.group, "kustannusarvio": _eur(event.cost_estimate) or None,
                 "vuodet alkaen": event.first_year, "vuodet päättyen": event.last_year}
        return f"{event.code}: " + ", ".join(f"{k} {v}" for k, v in given.items() if v is not None)
    if tag == "project_closed":
        return f"{event.code} closed"
    if tag == "appropriation_carried":
        return f"siirretty vuoden {event.from_year} käyttämättömistä määrärahoista vuodelle {event.to_year}: " + \
            "; ".join(f"{line.unit}:{line.account} {_eur(line.amount)}" for line in event.lines)
    return ""


def _stamp_text(stamp, lang: str = "fi") -> str:
    """The database's own "when and who" (``Kirjuri.stamps``): "tallennettu 6.12.2026 09:12:01  kirjuri_clerk",
    in Finnish time."""
    when = formats.moment(stamp.at) if stamp.at is not None else "–"
    return f"{cli_said('trail.stored', lang, moment=when)}  {shown(stamp.by or '–')}"


def _print_event(ledger: Kirjuri, record, code: str, targets: dict, stamp=None) -> None:
    """One event of a trail, in the language asked for (``cli.common.language``)."""
    state, event, seq = ledger.state, record.event, record.seq
    lang = language()
    tag = event.__struct_config__.tag
    label = vocabulary.KINDS[tag].said(lang) + (f" {event.year}" if hasattr(event, "year") else "")
    if seq in state.reversed_by:
        label += " " + cli_said("trail.reversed_by", lang, seq=state.reversed_by[seq])
    effective = cli_said("trail.effective", lang, date=formats.date(event.effective))
    recorded = cli_said("trail.recorded", lang, moment=formats.moment(event.recorded_at))
    out.print(f"\n[bold]#{seq}[/bold] {escape(label)}  {escape(effective)}  {escape(recorded)}  {_markup(event.author)}",
              markup=True, highlight=False)
    if stamp is not None and (stamp.at or stamp.by):  # none on a row an older version stored
        out.print(f"    {_stamp_text(stamp, lang)}", markup=False, highlight=False)
    if event.decision is not None:
        _print_folded(cli_said("trail.decision", lang, decision=shown(format_decision(event.decision))), "    ")
    lines = [_org_text(event)] if _org_text(event) else []
    target = targets[state.ids[event.target]] if isinstance(event, EntryReversed) else None
    if target is not None:
        kind = vocabulary.KINDS[target.event.__struct_config__.tag].said(lang)
        lines.append(cli_said("trail.reverses", lang, seq=target.seq, kind=kind, reason=shown(event.reason)))
    what = changed(state, record, code, target, rollups=isinstance(event, ServiceTransferred))
    lines += [f"{shown(u)}: {_change_text(what.of_unit(u))}" for u in what.unit_codes]
    lines += [f"{shown(p)}: {_change_text(what.of_node(p))}" for p in what.parents if what.of_node(p)]
    if event.note:
        lines.append(cli_said("trail.note", lang, note=shown(event.note)))
    for line in lines:
        _print_folded(line, "    ")
