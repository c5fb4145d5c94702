"""How an event reads on the command line: an entry of a unit's trail, with what it changed.

`kirjuri history` prints a unit's trail with it, and a write refused for a stale
--based-on prints the events written since the same way.
"""

from __future__ import annotations


from rich.markup import escape

from cli.common import _eur, _markup, _print_folded, cli_said, column_label, language, out
from events.model import EntryReversed, ServiceTransferred
from ledger.app import Kirjuri
from ledger.domain.citation import format_decision
from ledger.domain import formats
from ledger.domain.text import shown
from ledger.domain import vocabulary
from ledger.fold import projections as pj
from ledger.fold.effects import changed


def _change_text(changes: list[pj.Change], lang: str = "fi") -> str:
    """Each account's column before → after, the account as the figures label it in ``lang`` (Swedish: the chart's
    name)."""
    return "; ".join(f"{shown(vocabulary.account_label(c.account, lang))} {shown(column_label(c.column, lang))}: "
                     f"{_eur(c.before) or '–'} → {_eur(c.after) or '–'}" for c in changes)


def level_word(level: str, lang: str) -> str:
    """A level of the organisation in ``lang``'s word (ansvarsområde, enhet); one the vocabulary lacks as stored."""
    word = vocabulary.LEVELS.get(level)
    return word.said(lang) if word is not None else level


def _org_text(event, lang: str = "fi") -> str:
    """What an organisation event did, in one line in ``lang``; its stored text shown as data."""
    return shown(_org_words(event, lang))


def _org_words(event, lang: str) -> str:
    tag = event.__struct_config__.tag
    if tag == "service_transferred":
        return cli_said("org.transferred", lang, unit=event.unit, from_parent=event.from_parent,
                        to_parent=event.to_parent, year=event.from_year)
    if tag == "unit_registered":
        return cli_said("org.registered", lang, code=event.code, name=event.name, level=level_word(event.level, lang),
                        parent=event.parent or "–")
    if tag == "unit_renamed":
        return f"{event.code} → {event.name}"
    if tag == "unit_closed":
        return cli_said("org.closed", lang, code=event.code)
    return _investment_words(event, tag, lang)


def _investment_words(event, tag: str, lang: str) -> str:
    """A project's event, and where a carry-over came from (issue 17)."""
    if tag == "project_opened":
        return cli_said("project.opened", lang, code=event.code, name=event.name, group=event.group, unit=event.unit,
                        first=event.first_year, last=event.last_year, estimate=_eur(event.cost_estimate))
    if tag == "project_changed":
        given = {"project.name": event.name, "project.group": event.group,
                 "project.estimate": _eur(event.cost_estimate) or None, "project.first_year": event.first_year,
                 "project.last_year": event.last_year}
        return f"{event.code}: " + ", ".join(cli_said(k, lang, value=v) for k, v in given.items() if v is not None)
    if tag == "project_closed":
        return cli_said("project.closed", lang, code=event.code)
    if tag == "appropriation_carried":
        lines = "; ".join(f"{line.unit}:{vocabulary.account_label(line.account, lang)} {_eur(line.amount)}"
                          for line in event.lines)
        return cli_said("carried", lang, from_year=event.from_year, to_year=event.to_year, lines=lines)
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
        _print_folded(cli_said("trail.decision", lang, decision=shown(format_decision(event.decision, lang))), "    ")
    lines = [_org_text(event, lang)] if _org_text(event, lang) else []
    target = targets[state.ids[event.target]] if isinstance(event, EntryReversed) else None
    if target is not None:
        kind = vocabulary.KINDS[target.event.__struct_config__.tag].said(lang)
        lines.append(cli_said("trail.reverses", lang, seq=target.seq, kind=kind, reason=shown(event.reason)))
    what = changed(state, record, code, target, rollups=isinstance(event, ServiceTransferred))
    lines += [f"{shown(u)}: {_change_text(what.of_unit(u), lang)}" for u in what.unit_codes]
    lines += [f"{shown(p)}: {_change_text(what.of_node(p), lang)}" for p in what.parents if what.of_node(p)]
    if event.note:
        lines.append(cli_said("trail.note", lang, note=shown(event.note)))
    for line in lines:
        _print_folded(line, "    ")
