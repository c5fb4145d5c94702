"""Turn a tilinpäätös's confirmed tulosalue blocks (``ledger.books.blocks``) into the events that record them.

The book names its organisation itself: a ``Palvelukeskus`` heading is a toimiala, a ``Tulosalue NNN``
block a vastuualue under it, both under the city the caller names. Its figures are the year's
TaAdopted (the Alkuperäinen rows), one TaAmended per valtuusto decision the amendment rows cite,
effective on the decision's date (its year is the book's), and the TpRecorded (Toteutuma). The
Yhteensä, Netto and Poikkeama cells are not recorded: the reader has already checked them against
these, and the ledger derives them. Expenses are recorded negative whatever the book printed, by the
convention its blocks showed. Nothing here writes; ids come from the book's digest, so importing the
same book again records nothing new.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from events.accounts import TOIMINTAKULUT, TOIMINTATUOTOT
from events.model import Decision, Line, TaAdopted, TaAmended, TpRecorded, UnitRegistered
from ledger.books.blocks import MENOT, MUUTOS, TA, TOTEUMA, TULOT, Block, BlockReading
from ledger.books.plan import NO_SECTION, Node, Plan, Profile, slug
from ledger.domain.citation import format_decision, parse_decision
from ledger.domain.rules import Rejected
from ledger.fold.state import LedgerState

ACCOUNTS = {TULOT: TOIMINTATUOTOT, MENOT: TOIMINTAKULUT}
#: "Tilinpäätös 2024", a Swedish-speaking municipality's "Bokslut 2024"
_YEAR_RE = re.compile(r"(?:tilinpäätös|bokslut)\s+([0-9]{4})\b", re.IGNORECASE)
#: "Esimerkkilän kaupunki", "Exempelby stad", "Korsholms kommun"
_CITY_RE = re.compile(r"\b[^\W\d_]+n (?:kaupunki|kunta)\b|\b[^\W\d_]+ (?:stad|kommun)\b")


def organisation(reading: BlockReading, root: tuple[str, str], profile: Profile | None = None) -> dict[str, Node]:
    """The organisation the blocks name, by the title the book prints: each ``Palvelukeskus`` heading a
    toimiala below the city (its code the heading's slug), each block a vastuualue below its heading (its
    code the one it prints). A node the ``profile`` gives under the same title is taken as the profile
    says: what ``--write-profile`` writes and a user edits."""
    given = profile.nodes if profile is not None else {}
    found: dict[str, Node] = {}
    for block in (b for b in reading.blocks if b.cells):
        title = block_title(reading, block)
        parent = root[0]
        if block.heading:
            found.setdefault(block.heading, given.get(block.heading) or Node(slug(block.heading), block.heading,
                                                                              "toimiala", root[0]))
            parent = found[block.heading].code
        found.setdefault(title, given.get(title) or Node(block.code, block.name, "vastuualue", parent))
    return found


def block_title(reading: BlockReading, block: Block) -> str:
    """A block's title in a profile: its name, or its printed code and name where another block or a heading
    has the same name."""
    same = sum(b.name == block.name for b in reading.blocks if b.cells)
    heading = any(b.heading == block.name for b in reading.blocks if b.cells)
    return block.name if same == 1 and not heading else f"{block.code} {block.name}"


def plan_blocks(state: LedgerState, reading: BlockReading, *, year: int, root: tuple[str, str], source: str,
                digest: str, author: str, now: dt.datetime, profile: Profile | None = None) -> Plan:
    """The events that record ``reading``'s blocks for ``year`` under the city ``root`` (code, name), the
    nodes and the TA's decision as ``profile`` gives them where it does (``organisation``)."""
    if reading.expenses_positive is None and any(b.cells for b in reading.blocks):
        raise Rejected("file", source, "book.sign_unknown")
    prefix, plan = f"book-{digest[:12]}", Plan()
    stamp = {"recorded_at": now, "author": author}
    start = dt.date(year, 1, 1)
    note = f"Organisaatio kirjan {source} mukaan"
    nodes = organisation(reading, root, profile)
    units = [(root[0], root[1], "kaupunki", None)] + [(n.code, n.name, n.level, n.parent) for n in nodes.values()]
    for code, name, level, parent in dict.fromkeys(units):
        if code not in state.units:
            plan.events.append(UnitRegistered(id=f"{prefix}-unit-{code}", effective=start, code=code, name=name,
                                              level=level, parent=parent, note=note, **stamp))
    blocks = [b for b in reading.blocks if b.cells]
    codes = {id(b): nodes[block_title(reading, b)].code for b in blocks}
    sign = -1 if reading.expenses_positive else 1
    adopted = uncited("TA", year, source, profile)
    plan.events.append(TaAdopted(id=f"{prefix}-ta-{year}", effective=start, year=year, decision=adopted,
                                 lines=_lines(blocks, TA, sign, codes), note=source, **stamp))
    for text, decision in _decisions(blocks, year).items():
        lines = _lines(blocks, MUUTOS, sign, codes, decision=text)
        plan.events.append(TaAmended(id=f"{prefix}-muutos-{year}-{slug(format_decision(decision))}",
                                     effective=decision.date, year=year, decision=decision, lines=lines,
                                     note=source, **stamp))
    plan.events.append(TpRecorded(id=f"{prefix}-tp-{year}", effective=dt.date(year, 12, 31), year=year,
                                  lines=_lines(blocks, TOTEUMA, sign, codes), note=source, **stamp))
    return _new_only(state, plan)


def _new_only(state: LedgerState, plan: Plan) -> Plan:
    """Leave out what an earlier import of the same book recorded (same id): counted, not planned."""
    recorded = [e for e in plan.events if e.id in state.ids]
    plan.already = sum(len(getattr(e, "lines", ())) for e in recorded)
    plan.events = [e for e in plan.events if e.id not in state.ids]
    return plan


def book_year(lines: Sequence[str], given: int | None, source: str) -> int:
    """The year a TP book is of: ``given`` (--year), else the one year its text names as
    "Tilinpäätös 2024" (or "Bokslut 2024"); none or several are refused, never guessed."""
    if given is not None:
        return given
    years = {int(m[1]) for line in lines for m in _YEAR_RE.finditer(line)}
    if len(years) != 1:
        raise Rejected("file", source, "book.year_unknown", years=tuple(sorted(years)))
    return years.pop()


def book_root(lines: Sequence[str], profile_root: tuple[str, str] | None) -> tuple[str, str]:
    """The city the blocks belong to: the profile's root, else the "Xn kaupunki"/"Xn kunta"/"X stad" the text
    names most often, X a proper name (a whole book's prose also says "perustoimeentulon kunta"; the
    first of the most named wins a tie), its code the name's slug; else a unit called Kaupunki."""
    if profile_root is not None:
        return profile_root
    named = Counter(m[0] for line in lines for m in _CITY_RE.finditer(line) if m[0][:1].isupper())
    found = max(named, key=named.__getitem__) if named else None
    return (slug(found), found) if found else ("KAUPUNKI", "Kaupunki")


def _decisions(blocks: Iterable[Block], year: int) -> dict[str, Decision]:
    """Every decision the amendment rows cite, read with the book's year, in date order."""
    cited = {c.decision for b in blocks for c in b.cells if c.role == MUUTOS}
    found = {text: parse_decision(text, "decision", year=year) for text in cited}
    return dict(sorted(found.items(), key=lambda item: (item[1].date, item[1].section)))


def uncited(column: str, year: int, source: str, profile: Profile | None = None) -> Decision:
    """The decision of a column ("TA", "MUUTOS") the book does not cite: the profile's ``decisions``
    ("TA 2024"), else the valtuusto's with § "–" and the book as its document, dated 31.12. of the year
    before (the TA) or of the year itself."""
    given = profile.decisions.get(f"{column} {year}") if profile is not None else None
    day = dt.date(year - 1, 12, 31) if column == "TA" else dt.date(year, 12, 31)
    return given or Decision(body="valtuusto", date=day, section=NO_SECTION, document=source)


def _lines(blocks: list[Block], role: str, sign: int, codes: dict[int, str], *,
           decision: str | None = None) -> tuple[Line, ...]:
    """The role's cells as ledger lines in cents under each block's code (``codes``, by the block), expenses
    negative; a MUUTOS only under its decision."""
    return tuple(Line(unit=codes[id(b)], account=ACCOUNTS[c.side], amount=c.printed * 100 * (sign if c.side == MENOT else 1))
                 for b in blocks for c in b.cells
                 if c.role == role and c.side in ACCOUNTS and (decision is None or c.decision == decision))
