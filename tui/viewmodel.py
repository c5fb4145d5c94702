"""What the screens show, as plain data built from the ledger's projections.

Nothing here knows Textual, and nothing here computes a figure: every number comes
from ``ledger.fold.projections`` or ``ledger.fold.state`` and every amount string from
``ledger.domain.money``. Keeping it apart lets a worker thread build a whole view and lets
the tests read what a screen will show without a terminal.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

from events import accounts
from events.model import (
    BODY_ABBREVIATIONS,
    AppropriationCarried,
    ChangeProposed,
    Decision,
    EntryReversed,
    Line,
    Move,
    ProjectChanged,
    ProjectClosed,
    ProjectOpened,
    ProposalDecided,
    Reallocated,
    ServiceTransferred,
    Stored,
    UnitClosed,
    UnitRegistered,
    UnitRenamed,
    kind_of,
)
from ledger.fold import investments as inv
from ledger.fold import parts as budget_parts
from ledger.fold import projections as pj
from ledger.domain.citation import format_decision
from ledger.domain import formats, vocabulary
from ledger.domain.money import NBSP
from ledger.fold.effects import book_lines, changed
from ledger.fold.preview import Preview
from ledger.fold.projections import Figures, Point
from ledger.fold.state import FOREVER, LedgerState
from ledger.app import Stamp
from ledger.domain.text import csv_text, shown
from tui.i18n import Texts

#: the columns in the order the figures table prints them (last year's TP first)
COLUMNS = ("TP", "TA", "MUUTOS", "TA+MUUTOS", "KS", "TOTEUMA", "TOTEUMA-%", "TPE", "TS")
NOW = Point()
#: how many parts of an event a one-line change names before "… (+n)"
CHANGE_PARTS = 3


@dataclass(frozen=True)
class Selection:
    """What the screen shows: a node, a fiscal year and a point in time; results are keyed by it."""

    node: str
    year: int
    point: Point = NOW


def is_now(point: Point) -> bool:
    return point.on is None and point.known_at is None


def default_year(state: LedgerState, today: dt.date) -> int:
    """This year if the ledger has figures for it, else the latest year before it, else the first."""
    years = state.years()
    if not years or today.year in years:
        return today.year
    earlier = [y for y in years if y <= today.year]
    return max(earlier) if earlier else min(years)


def cell_text(column: str, value: int | None, sep: str = NBSP, lang: str = "fi") -> str:
    """A cell as the books print it: cents as "-6 837 670", Toteuma-% as "60,0 %", nothing as "" (in
    ``lang``'s format, ``ledger.domain.formats``; ``sep`` other than the no-break space spaces it plainly)."""
    if value is None:
        return ""
    if column == "TOTEUMA-%":
        return formats.percent(value, lang)
    text = formats.amount(value, lang)
    return text if sep == NBSP else text.replace(NBSP, sep)


# --- the organisation tree -----------------------------------------------------------------


#: a tree entry's level for a part of the budget (``ledger.fold.parts``), not a unit
PART_LEVEL = "osa"


@dataclass(frozen=True)
class TreeEntry:
    depth: int
    code: str
    name: str
    level: str


def tree_entries(state: LedgerState, year: int, point: Point = NOW, texts: Texts | None = None) -> list[TreeEntry]:
    """The organisation as it stood for ``year`` at ``point``, depth-first (the käyttötalousosa), then each other
    part of the budget the year has (``ledger.fold.parts``): the investointiosa with its project groups and
    projects below it, which the organisation's tree leaves out."""
    on, known = point.resolve(state)
    texts = texts or Texts()
    entries, inside = [], None
    for depth, code in pj.tree(state, year, None, point):
        if inside is not None and depth > inside:
            continue
        inside = depth if code in state.projects else None
        if inside is None:
            entries.append(TreeEntry(depth, code, state.name(code, on, known), state.units[code].level))
    for part in budget_parts.present(state, year, point):
        entries.append(TreeEntry(0, budget_parts.code_of(part), texts(f"part.{part}"), PART_LEVEL))
        if part == "investointi":
            entries += [TreeEntry(depth + 1, code, state.name(code, on, known), state.units[code].level)
                        for depth, code in budget_parts.projects_in(state, year, point)]
    return entries


#: a code this long or shorter is shown in the tree as it is: "ELTY", "64321000", a unit's number
CODE_WIDTH = 8
#: letters a name may end its first word in otherwise than the code spelling it (Kemijärven, KEMIJARVI)
SPELT_SLACK = 2
#: a word of a code made of words ("SEINAJOEN-KAUPUNKI-I05")
CODE_WORD = re.compile(r"[^-_./: ]+")


def tree_code(code: str, name: str) -> str | None:
    """The code a tree label shows before the name, so the name fits the tree at 80 columns (the full code is in
    the figures' header): a short code whole, unless it is the name ("KADUT" for Kadut); a long one the name
    spells ("JOUKKOLIIKENNE" for Joukkoliikenne, "KEMIJARVI" for Kemijärven kaupunki) not at all (None); a long
    one of several words by its last words, which tell its siblings apart ("…I05" for SEINAJOEN-KAUPUNKI-I05);
    a long single word by its start ("KEHITYS…")."""
    if len(code) <= CODE_WIDTH:
        return None if _letters(code) == _letters(name) else code
    if _spelt(code, name):
        return None
    starts = [word.start() for word in CODE_WORD.finditer(code)]
    fits = [start for start in starts[1:] if len(code) - start <= CODE_WIDTH - 1]
    return "…" + code[fits[0]:] if fits else code[:CODE_WIDTH - 1] + "…"


def _spelt(code: str, name: str) -> bool:
    """Whether the name begins with the code's letters, but for an inflected ending ("KEMIJARVI", Kemijärven)."""
    spelt, named = _letters(code), _letters(name)
    common = len(os.path.commonprefix([spelt, named]))
    return bool(spelt) and (common >= len(spelt) - SPELT_SLACK or common == len(named) > CODE_WIDTH)


def _letters(text: str) -> str:
    """Letters and digits only, without case or accents: "Seinäjoen kaupunki" is "seinajoenkaupunki"."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in plain if ch.isalnum() and not unicodedata.combining(ch))


def filter_entries(entries: list[TreeEntry], text: str) -> list[TreeEntry]:
    """Entries whose code or name contains ``text`` (any case), with the units above them."""
    needle = text.strip().casefold()
    if not needle:
        return entries
    keep: set[int] = set()
    path: list[int] = []
    for i, entry in enumerate(entries):
        del path[entry.depth:]
        path.append(i)
        if needle in entry.code.casefold() or needle in entry.name.casefold():
            keep.update(path)
    return [entry for i, entry in enumerate(entries) if i in keep]


# --- figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureRow:
    """One printed line: an account of the node, or one child's line."""

    label: str
    kind: str  # "account" | "heading" | "child" | "lines" | "difference" (an account's, ``_stated_rows``)
    values: tuple[int | None, ...]
    changed: tuple[bool, ...]
    #: the child's unit code, on a child's row
    code: str | None = None
    #: the label the table shows, where it is shorter than ``label`` (a child by its short code, ``child_label``);
    #: ``label`` keeps the whole code for a CSV export
    shown_label: str | None = None
    #: the label as the chart abbreviates it, for a column too narrow for ``on_screen`` (None: it has none)
    short_label: str | None = None

    @property
    def on_screen(self) -> str:
        return self.label if self.shown_label is None else self.shown_label


@dataclass(frozen=True)
class FiguresView:
    selection: Selection
    name: str
    columns: tuple[str, ...]
    rows: tuple[FigureRow, ...]

    def texts(self, row: FigureRow, sep: str = NBSP) -> list[str]:
        return [cell_text(c, v, sep) for c, v in zip(self.columns, row.values)]

    def row(self, label: str) -> FigureRow:
        """The first row with this label (an account name or "CODE name")."""
        return next(r for r in self.rows if r.label.strip() == label)


def account_lines(figures: Figures) -> list[str]:
    """MENOT / TULOT / NETTOMENO, then the käyttötalous accounts where recorded, books' order."""
    return book_lines(figures)


def child_label(code: str, name: str) -> str:
    """A child's row in the figures as the tree names it (``tree_code``): a short code whole, a long one by the words
    that tell it from its siblings, none where the name spells it; Enter on the row shows its whole code."""
    short = tree_code(code, name)
    return shown(name if short is None else f"{short} {name}")


def account_text(account: str, texts: Texts) -> str:
    """An account or derived line as the UI's language labels it (``vocabulary.account_label``), shown as data."""
    return shown(vocabulary.account_label(account, texts.lang))


def _indent(account: str, lang: str = "fi", label: str | None = None) -> str:
    """Parts sit under the account they roll into, two spaces a level; the account as the language labels it
    (``vocabulary.account_label``: in Swedish its chart name), or as ``label`` gives it."""
    depth = len(accounts.ancestors(account)) - 1 if account in accounts.PARENT else 0
    return "  " * depth + (vocabulary.account_label(account, lang) if label is None else label)


def _account_row(account: str, texts: Texts, at: Figures, now: Figures, columns: tuple[str, ...]) -> FigureRow:
    """An account's line: shown in the UI's language, its ``label`` the stored key (a CSV export's, a lookup's),
    and the chart's abbreviation of it where there is one (for a narrow label column)."""
    row = _row(_indent(account), "account", at, now, account, columns)
    short = vocabulary.account_short(account, texts.lang)
    return replace(row, shown_label=shown(_indent(account, texts.lang)),
                   short_label=shown(_indent(account, texts.lang, short)) if short else None)


def figures_view(state: LedgerState, selection: Selection, texts: Texts, child_line: str = "NETTOMENO") -> FiguresView:
    """The node's lines and its children's ``child_line``, marked where they differ from now; a part of the
    budget's lines (``part_view``); a project's children by their investment costs, then its years."""
    year, node, point = selection.year, selection.node, selection.point
    if budget_parts.part_named(node) is not None:
        return part_view(state, selection, texts)
    if inv.is_project(state, node):
        view = _node_view(state, selection, texts, budget_parts.PROJECT_LINE, PROJECT_COLUMNS)
        return replace(view, rows=view.rows + tuple(project_rows(state, selection, view.columns, texts)))
    return _node_view(state, selection, texts, child_line)


#: a project's rows of its years fill these columns, shown whatever the year's figures hold
PROJECT_COLUMNS = ("TA+MUUTOS", "TOTEUMA")


def _node_view(state: LedgerState, selection: Selection, texts: Texts, child_line: str,
               always: tuple[str, ...] = ()) -> FiguresView:
    year, node, point = selection.year, selection.node, selection.point
    rows = pj.table(state, year, node, point)
    now = {} if is_now(point) else {r.code: r.figures for r in pj.table(state, year, node, NOW)}
    head = rows[0]
    # a unit's children are its units: its projects are shown in the investointiosa, as the toteutumisvertailu does
    kids = [k for k in rows[1:] if inv.is_project(state, node) or not inv.is_project(state, k.code)]
    lines = budget_parts.node_lines(state, node, head.figures)
    now_head = now.get(node, head.figures)
    if now:
        lines += [a for a in budget_parts.node_lines(state, node, now_head) if a not in lines]
    kid_now = {k.code: now.get(k.code, Figures()) if now else k.figures for k in kids}
    pairs = [(head.figures, now_head, a) for a in lines] + [(k.figures, kid_now[k.code], child_line) for k in kids]
    columns = tuple(c for c in COLUMNS if c in always or any(f.value(a, c) is not None or g.value(a, c) is not None
                                                             for f, g, a in pairs))
    out = [row for a in lines for row in [_account_row(a, texts, head.figures, now_head, columns),
                                          *_stated_rows(a, texts, head.figures, now_head, columns)]]
    if kids:
        out.append(FigureRow(texts("figures.children", line=account_text(child_line, texts)), "heading", (None,) * len(columns),
                             (False,) * len(columns)))
        out += [replace(_row(shown(f"{k.code} {k.name}"), "child", k.figures, kid_now[k.code], child_line, columns,
                             k.code), shown_label=child_label(k.code, k.name)) for k in kids]
    return FiguresView(selection, head.name, columns, tuple(out))


def part_view(state: LedgerState, selection: Selection, texts: Texts) -> FiguresView:
    """A part of the budget: its accounts and derived lines over the whole organisation, and for the
    investointiosa each project group's investment costs; marked where they differ from now."""
    year, point = selection.year, selection.point
    part = budget_parts.part_named(selection.node)
    held = budget_parts.figures(state, year, point)
    now = held if is_now(point) else budget_parts.figures(state, year, NOW)
    lines = budget_parts.lines(part, held)
    lines += [a for a in budget_parts.lines(part, now) if a not in lines]
    kids = budget_parts.groups(state, year, point) if part == "investointi" else []
    kid = {code: (pj.figures(state, year, code, point), pj.figures(state, year, code, NOW)) for code in kids}
    line = budget_parts.PROJECT_LINE
    pairs = [(held, now, a) for a in lines] + [(at, then, line) for at, then in kid.values()]
    columns = tuple(c for c in COLUMNS if any(f.value(a, c) is not None or g.value(a, c) is not None
                                              for f, g, a in pairs))
    out = [_account_row(a, texts, held, now, columns) for a in lines]
    if kids:
        on, known = point.resolve(state)
        out.append(FigureRow(texts("figures.projects", line=account_text(line, texts)), "heading", (None,) * len(columns),
                             (False,) * len(columns)))
        names = {code: state.name(code, on, known) for code in kids}
        out += [replace(_row(shown(f"{code} {names[code]}"), "child", *kid[code], line, columns, code),
                        shown_label=child_label(code, names[code])) for code in kids]
    return FiguresView(selection, texts(f"part.{part}"), columns, tuple(out))


def project_rows(state: LedgerState, selection: Selection, columns: tuple[str, ...], texts: Texts) -> list[FigureRow]:
    """A project's whole span under its figures: its cost estimate (signed as a cost, in the TA+MUUTOS column it
    bounds), then each year's appropriation for costs (TA+muutos) and toteuma, what a book states of them as its
    group's breakdown (a project list's), and the years' totals (carry-overs counted once); appropriations past
    the estimate said so."""
    view = inv.project_view(state, selection.node, selection.point)
    blank = (None,) * len(columns)
    same = (False,) * len(columns)

    def row(label: str, budget: int | None, actual: int | None) -> FigureRow:
        values = {"TA+MUUTOS": budget, "TOTEUMA": actual}
        return FigureRow(label, "year", tuple(values.get(c) for c in columns), same)

    out = [FigureRow(texts("figures.project", first=view.first_year, last=view.last_year), "heading", blank, same),
           row(texts("figures.project_estimate"), -view.cost_estimate or None, None)]
    out += [row(f"  {y.year}", y.menot.ta_muutos, y.menot.toteutuma) for y in view.years]
    out += [row(texts("figures.project_stated", year=y.year), stated.get("TA+MUUTOS", stated.get("TA")),
                stated.get("TP")) for y in view.years if (stated := dict(y.stated))]
    spent = [y.menot.toteutuma for y in view.years if y.menot.toteutuma is not None]
    out.append(row(texts("figures.project_total"), -view.appropriated, sum(spent) if spent else None))
    if view.over is not None:
        out.append(FigureRow(texts("figures.project_over", over=formats.amount(view.over, texts.lang)), "heading",
                             blank, same))
    return out


def _stated_rows(account: str, texts: Texts, at: Figures, now: Figures, columns: tuple[str, ...]) -> list[FigureRow]:
    """Where the book states the account a figure its lines do not sum to (``projections.book``): under the
    book's figure, what the lines sum to and the difference, in the columns where they differ; else none."""
    def lines(figures: Figures) -> tuple[int | None, ...]:
        return tuple(figures.lines_of(account, c) for c in columns)

    def gap(figures: Figures) -> tuple[int | None, ...]:
        return tuple(figures.difference(account, c) for c in columns)

    if not any(v is not None for v in lines(at) + lines(now)):
        return []
    return [FigureRow(_indent(account, label="  " + texts(key)), kind, values(at), tuple(a != b for a, b in zip(values(at), values(now))))
            for key, kind, values in (("figures.lines_sum", "lines", lines), ("figures.difference", "difference", gap))]


def _row(label: str, kind: str, at: Figures, now: Figures, account: str, columns: tuple[str, ...],
         code: str | None = None) -> FigureRow:
    values = tuple(at.value(account, c) for c in columns)
    changed = tuple(v != now.value(account, c) for v, c in zip(values, columns))
    return FigureRow(label, kind, values, changed, code)


def csv_rows(view: FiguresView, texts: Texts) -> list[list[str]]:
    """The figures view as a grid for a CSV file: a heading row, then the lines as printed (an account as the
    screen names it in the UI's language, a child by its whole code); a text cell a spreadsheet would run as a
    formula neutralised (``csv_text``), the amounts left numbers."""
    year = view.selection.year
    grid = [[csv_text(texts("figures.title", name=view.name, code=view.selection.node, year=year))]
            + [csv_text(texts.column(c)) for c in view.columns]]
    grid += [[csv_text(row.on_screen if row.kind == "account" else row.label)] + view.texts(row, sep=" ")
             for row in view.rows]
    return grid


# --- time travel ---------------------------------------------------------------------------


def step_known(state: LedgerState, point: Point, direction: int) -> Point | None:
    """The point one recorded event earlier or later; None when there is nothing further.

    Events written in one transaction share a recorded time, so a step moves to the
    previous or next recorded *time*; stepping forward past the last event is now.
    """
    known = state.known_seq(point.known_at)
    if direction < 0:
        if known == 0:
            return None
        earlier = bisect.bisect_left(state.recorded, state.recorded[known - 1])
        return None if earlier == 0 else Point(point.on, state.recorded_at(earlier))
    if known >= state.seq:
        return None
    moment = state.recorded_at(known + 1)
    return Point(point.on, None if state.known_seq(moment) >= state.seq else moment)


def banner_text(state: LedgerState, point: Point, texts: Texts) -> str:
    """"Aikamatka: voimassa 30.6.2025, tiedossa 1.9.2025 12:00:00 UTC · tapahtuma #17/23"."""
    parts = []
    if point.on is not None:
        parts.append(texts("banner.on", date=formats.date(point.on, texts.lang)))
    if point.known_at is not None:
        parts.append(texts("banner.known", moment=formats.moment(point.known_at, texts.lang)))
    text = texts("banner", parts=", ".join(parts))
    if point.known_at is not None:
        text += f" · {texts('banner.seq', known=state.known_seq(point.known_at), total=state.seq)}"
    # the footer has no room for n at 80 columns: the banner says how to return
    return f"{text} · {texts('banner.keys')}"


# --- the audit trail -------------------------------------------------------------------------


@dataclass(frozen=True)
class TrailRow:
    seq: int
    effective: str
    recorded: str
    author: str
    decision: str
    kind: str
    change: str
    #: the reversal that undid it, if known at the point
    reversed_by: int | None
    #: not yet effective on the point's date
    pending: bool


def trail_units(state: LedgerState, node: str) -> set[str]:
    """The node and every unit ever below it: whose lines a one-line change names."""
    units = {node}
    for year in state.years():
        units.update(state.subtree(node, year))
    return units


def trail_accounts(node: str) -> frozenset[str] | None:
    """The accounts whose lines a part of the budget's trail names (an adopted TA lists the whole budget, the
    part's own lines are what its reader looks for); None for a unit's or project's trail, which names all."""
    part = budget_parts.part_named(node)
    return None if part is None else frozenset(accounts.in_part(part))


def trail_seqs(state: LedgerState, selection: Selection) -> Sequence[int]:
    """The node's history newest first, as far as the ledger knew it at the point; a part of the budget's, the
    events on its own figures (``ledger.fold.parts.history_seqs``)."""
    known = state.known_seq(selection.point.known_at)
    part = budget_parts.part_named(selection.node)
    seqs = pj.history_seqs(state, selection.node) if part is None else budget_parts.history_seqs(state, part)
    return seqs[bisect.bisect_left(seqs, -known, key=lambda seq: -seq):] if known < state.seq else seqs


def trail_rows(state: LedgerState, records: dict[int, Stored], seqs: Sequence[int], units: set[str], point: Point,
               texts: Texts, accounts: frozenset[str] | None = None) -> list[TrailRow]:
    on, known = point.resolve(state)
    return [_trail_row(state, records[seq], units, on, known, texts, accounts) for seq in seqs]


def _trail_row(state: LedgerState, record: Stored, units: set[str], on: int, known: int, texts: Texts,
               accounts: frozenset[str] | None = None) -> TrailRow:
    event, seq = record.event, record.seq
    undone = state.reversed_by.get(seq)
    return TrailRow(
        seq=seq,
        effective=formats.date(event.effective, texts.lang),
        recorded=formats.moment(event.recorded_at, texts.lang),
        author=shown(event.author),
        decision=shown(format_decision(event.decision, texts.lang)),
        kind=kind_label(event, texts),
        change=change_text(state, event, units, texts, accounts=accounts),
        reversed_by=undone if undone is not None and undone <= known else None,
        pending=on < FOREVER and event.effective.toordinal() > on,
    )


def kind_label(event, texts: Texts) -> str:
    """"TA hyväksytty 2025": the kind, with the fiscal year where it has one."""
    year = getattr(event, "year", None)
    label = texts(f"kind.{kind_of(event)}")
    return f"{label} {year}" if year is not None else label


def change_text(state: LedgerState, event, units: set[str], texts: Texts, named: bool | None = None,
                accounts: frozenset[str] | None = None) -> str:
    """One line saying what the event did to the given units (on the given ``accounts``, if any), its stored text
    shown as data.

    A unit's own trail (``units`` that one unit) leaves its code out of its lines: "MENOT
    -50 000" is shorter to read, and at 80 columns shorter to fit; ``named`` says otherwise.
    """
    return shown(_change_words(state, event, units, texts, named, accounts))


def _proposed_to(body: str, lang: str) -> str:
    """Whom a proposal is put to, as the trail's line says it: Swedish names the body ("för beslut av styrelsen": KH
    is no Swedish abbreviation, and KS is the operating plan's column), Finnish and English by its abbreviation."""
    if lang == "sv" and body in vocabulary.BODIES_DEFINITE:
        return vocabulary.BODIES_DEFINITE[body].said(lang)
    return BODY_ABBREVIATIONS.get(body, body)


def _change_words(state: LedgerState, event, units: set[str], texts: Texts, named: bool | None,
                  accounts: frozenset[str] | None = None) -> str:
    if isinstance(event, EntryReversed):
        return texts("change.reversed", seq=state.ids.get(event.target, "?"), reason=event.reason)
    if isinstance(event, ProposalDecided):
        return texts("change.approved" if event.approved else "change.rejected", seq=state.ids.get(event.proposal, "?"))
    if isinstance(event, ChangeProposed):
        return texts("change.proposed", body=_proposed_to(event.to_body, texts.lang),
                     change=_parts_text(state, event, units, texts, named, accounts))
    if isinstance(event, (UnitRegistered, UnitRenamed, UnitClosed, ServiceTransferred)):
        return _org_text(event, texts)
    if isinstance(event, (ProjectOpened, ProjectChanged, ProjectClosed)):
        return _project_text(event, texts)
    if isinstance(event, AppropriationCarried):
        return texts("change.carried", year=event.from_year,
                     change=_parts_text(state, event, units, texts, named, accounts))
    return _parts_text(state, event, units, texts, named, accounts)


def _project_text(event, texts: Texts) -> str:
    """An investment project's event (issue 17)."""
    if isinstance(event, ProjectOpened):
        return texts("change.project_opened", code=event.code, name=event.name, group=event.group,
                     first=event.first_year, last=event.last_year, estimate=formats.amount(event.cost_estimate, texts.lang))
    return texts("change.project_closed" if isinstance(event, ProjectClosed) else "change.project_changed",
                 code=event.code)


def trail_code(state: LedgerState, code: str) -> str:
    """A unit as a trail's line names it: by its short code as the tree shows it (``tree_code``: "…I01" for
    SEINAJOEN-KAUPUNKI-I01), so that a long code never pushes the line's amount behind "…" at 80 columns; a
    code the tree leaves to the name, whole (the line has no name); the event's detail says every code whole."""
    short = tree_code(code, state.name(code)) if code in state.units else None
    return code if short is None else short


def _parts_text(state: LedgerState, event, units: set[str], texts: Texts, named: bool | None = None,
                accounts: frozenset[str] | None = None) -> str:
    moves = getattr(event, "moves", ())
    coded = partial(trail_code, state)
    if moves:
        parts = [_move_text(m, texts.lang, coded) for m in moves if (m.from_unit in units or m.to_unit in units)
                 and (accounts is None or m.from_account in accounts or m.to_account in accounts)]
    else:
        named = len(units) > 1 if named is None else named
        parts = [_line_text(line, texts.lang, coded, named) for line in getattr(event, "lines", ())
                 if line.unit in units and (accounts is None or line.account in accounts)]
    shown = "; ".join(parts[:CHANGE_PARTS])
    extra = len(parts) - CHANGE_PARTS
    return f"{shown} {texts('change.more', count=extra)}" if extra > 0 else shown


def _line_text(line: Line, lang: str, coded: Callable[[str], str], named: bool = True) -> str:
    text = f"{vocabulary.account_label(line.account, lang)} {formats.amount(line.amount)}"
    return f"{coded(line.unit)} {text}" if named else text


def _move_text(move: Move, lang: str, coded: Callable[[str], str]) -> str:
    source, target = (vocabulary.account_label(a, lang) for a in (move.from_account, move.to_account))
    return (f"{coded(move.from_unit)} {source} → {coded(move.to_unit)} {target} "
            f"{formats.amount(abs(move.amount))}")


def _org_text(event, texts: Texts) -> str:
    if isinstance(event, UnitRegistered):
        return texts("change.registered", code=event.code, name=event.name, level=texts.level(event.level),
                     parent=event.parent or "–")
    if isinstance(event, UnitRenamed):
        return texts("change.renamed", code=event.code, name=event.name)
    if isinstance(event, UnitClosed):
        return texts("change.closed", code=event.code)
    return texts("change.transferred", unit=event.unit, source=event.from_parent or "–", target=event.to_parent,
                 year=event.from_year)


# --- one event in full ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EventDetail:
    """An event's every field, its place in the chain and what it did to the node's figures."""

    record: Stored
    kind: str
    fields: list[tuple[str, str]]
    lines: list[tuple[str, ...]]
    reversed_by: int | None
    year: int | None
    node: str
    name: str
    node_changes: list[pj.Change]
    unit_changes: list[tuple[str, pj.Change]]
    #: a service transfer's old and new parent, their rolled-up figures before → after
    parent_changes: list[tuple[str, pj.Change]] = field(default_factory=list)
    #: when and by whom the database stored it (its clock and role; on SQLite the writer's clock and OS user)
    stored: tuple[str, str] | None = None


def event_detail(state: LedgerState, record: Stored, target: Stored | None, node: str, texts: Texts,
                 stamp: Stamp | None = None) -> EventDetail:
    """Everything about one event; ``target`` is the event a reversal undoes (else None), ``stamp``
    what the database stored with it (``Kirjuri.stamps``). What it changed is ``effects.changed``'s,
    as ``kirjuri history`` says it."""
    event = record.event
    part = budget_parts.part_named(node)
    seen = node if part is None else budget_parts.anchor(state, _event_year(state, record, target), node)
    what = changed(state, record, seen, target)
    ours = _part_lines(part)
    return EventDetail(
        record=record,
        kind=kind_label(event, texts),
        fields=[(texts(f"field.{name}"), shown(field_text(getattr(event, name), texts.lang))) for name in event.__struct_fields__
                if name not in ("lines", "moves")],
        lines=_detail_lines(event, texts),
        reversed_by=state.reversed_by.get(record.seq),
        year=what.year,
        node=node,
        name=state.name(node) if part is None else texts(f"part.{part}"),
        node_changes=[c for c in what.of_node(seen) if ours is None or c.account in ours],
        unit_changes=[(unit, c) for unit, c in what.units if ours is None or c.account in ours],
        parent_changes=[(parent, change) for parent in what.parents for change in what.of_node(parent)],
        stored=None if stamp is None or not (stamp.at or stamp.by) else (field_text(stamp.at), field_text(stamp.by)),
    )


def _event_year(state: LedgerState, record: Stored, target: Stored | None) -> int:
    """The fiscal year whose organisation an event is seen in: its own, a reversal's target's, else the ledger's
    latest (an event of no year changes no figure, so any top of the organisation will do)."""
    event = target.event if target is not None else record.event
    year = getattr(event, "year", None) or getattr(event, "from_year", None)
    return year if year is not None else max(state.years(), default=dt.date.today().year)


def _part_lines(part: str | None) -> frozenset[str] | None:
    """The lines an event's effect on a part of the budget names: the part's own accounts and derived lines (its
    figures are the whole organisation's, of which the part is these lines); None for a unit or a project."""
    if part is None:
        return None
    return frozenset(accounts.in_part(part)) | {d.key for d in accounts.derived_lines() if d.part == part}


def field_text(value: object, lang: str = "fi") -> str:
    """A field's value as a person reads it in ``lang``: dates as the minutes write them, decisions as
    cited (a Finnish citation by the abbreviations of ``lang``), "–" for nothing (a field an older event
    never had, msgspec's UNSET, which is falsy, included: never its internal name), a list as its items;
    a number is a number, 0 too."""
    if value is None or not value and not isinstance(value, int):
        return "–"
    if isinstance(value, (tuple, list)):
        return ", ".join(field_text(item, lang) for item in value)
    if isinstance(value, dt.datetime):
        return formats.moment(value, lang)
    if isinstance(value, dt.date):
        return formats.date(value, lang)
    if isinstance(value, Decision):
        return format_decision(value, lang)
    return str(value)


def _detail_lines(event, texts: Texts) -> list[tuple[str, ...]]:
    if isinstance(event, Reallocated):
        return [(shown(m.from_unit), account_text(m.from_account, texts), "→", shown(m.to_unit),
                 account_text(m.to_account, texts), formats.amount(abs(m.amount))) for m in event.moves]
    return [(shown(line.unit), account_text(line.account, texts), formats.amount(line.amount))
            for line in getattr(event, "lines", ())]


# --- forms ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreviewRow:
    """One line of a form's preview, as text: who, which line and column, before, after, change."""

    node: str
    line: str
    before: str
    after: str
    change: str


def preview_rows(preview: Preview, texts: Texts) -> list[PreviewRow]:
    """The preview's lines, each node indented by its depth and named once, whole (the form cuts a name to the
    room its other columns leave, ``FormScreen._names_fitted``)."""
    rows, last = [], None
    for line in preview.lines:
        node = "" if line.node == last else " " * line.depth + shown(line.name)
        last = line.node
        change = "" if line.column == "TOTEUMA-%" else (
            ("+" if line.delta > 0 else "") + formats.amount(line.delta, texts.lang))
        rows.append(PreviewRow(node, shown(f"{_indent(line.account, texts.lang)} {texts.column(line.column)}"),
                               cell_text(line.column, line.before, lang=texts.lang) or "–",
                               cell_text(line.column, line.after, lang=texts.lang) or "–",
                               change))
    return rows


def cut(text: str, width: int) -> str:
    """``text`` whole where it fits in ``width`` cells, else ending in "…"."""
    return text if len(text) <= width else text[:max(width - 1, 0)] + "…"


def preview_parents(state: LedgerState, preview: Preview, texts: Texts) -> list[str]:
    """"Joukkoliikenne: ELTY → HALLVA" for a service transfer (or its reversal)."""
    return [texts("form.preview_parent", unit=state.name(unit), source=source or "–", target=target or "–")
            for unit, source, target in preview.parents]


def event_summary(state: LedgerState, record: Stored, texts: Texts) -> str:
    """"TA-muutos 2026 · JOUKKOLIIKENNE MENOT -50 000": what a reversal would undo, in one line."""
    event = record.event
    return f"{kind_label(event, texts)} · {change_text(state, event, set(state.units), texts)}"
