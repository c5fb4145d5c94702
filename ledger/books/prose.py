"""Budget decisions council minutes write as a sentence, not a table: ``Kaupunginhallitus esittää
kaupunginvaltuustolle, että se myöntää Lankilan sillan uusimiseen vuodelle 2025 lisämäärärahan 300.000 euroa.``

Only the minutes' own stage of an item decides (``minutes``: the stage under the minutes' body and date, or an
item with no stages): a sentence of its decision paragraph (päätös), or of its proposal (ehdotus) where the
decision paragraph adopts the proposal as printed. A sentence is a grant when it holds a grant verb and an
appropriation word (``columns.toml`` ``[minutes_prose]``); its amounts are those followed by a currency word, its
target the words after the verb. Whether it names a unit or project of the ledger, and whether it is recorded,
is ``minutesplan``'s. An item the minutes decide in a table is the table's.

Nothing here writes or knows a ledger.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache

from ledger.books.layout import VOCABULARY_FILE
from ledger.books.minutes import ITEM_RE, Meeting, Stage, stage_of
from ledger.domain.money import AmountError, parse_amount

#: an amount's digits: groups set off by a space or (in prose) a dot, cents after a comma
_NUMBER = r"(?<![\d.,])(?P<number>\d{1,3}(?:[ \u00a0.]\d{3})+|\d+)(?:,(?P<cents>\d{1,2}))?(?![\d])"
#: a sentence ends at a stop after a word (never in `300.000` or after a list's `1.`)
_STOP_RE = re.compile(r"(?<=[^\W\d_]\.)\s+|(?<=[^\W\d_]\))\.\s+")


@dataclass
class ProseGrant:
    """A sentence granting an appropriation, as the minutes' own stage of an item prints it."""

    lines: list[int]
    item: str
    stage: Stage | None
    text: str
    #: the words after the grant verb: what the grant is for
    target: str
    #: every amount with a currency word, in cents
    amounts: list[int]
    year: int | None
    #: the decision paragraph is the sentence's, or adopts the proposal holding it as printed
    adopted: bool
    #: the decision paragraph's words where it does not adopt the proposal as printed
    decided: str = ""

    @property
    def line(self) -> int:
        return self.lines[0]


@dataclass
class _Block:
    """An item's stage: its proposal's and its decision's lines."""

    item: str
    stage: Stage | None
    paragraphs: dict[str, list[int]] = field(default_factory=dict)


@cache
def vocabulary() -> dict[str, tuple[str, ...]]:
    with VOCABULARY_FILE.open("rb") as f:
        doc = tomllib.load(f)
    return {key: tuple(w.casefold() for w in words) for key, words in doc["minutes_prose"].items()}


def _heading(line: str) -> str | None:
    """``proposal`` or ``decision`` where the line is such a paragraph's heading alone (`Ehdotus`, `Päätös`)."""
    folded = " ".join(line.casefold().rstrip(":").split())
    return next((key for key in ("proposal", "decision") if folded in vocabulary()[key]), None)


def _blocks(clean: list[str], furniture: set[int]) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    kind: str | None = None
    for n, line in enumerate(clean, 1):
        if n in furniture or not line:
            continue
        if (found := ITEM_RE.match(line)) is not None:
            current, kind = _Block(found["section"], None), None
            blocks.append(current)
        elif (stage := stage_of(line, n)) is not None:
            current, kind = _Block(current.item if current else "", stage), None
            blocks.append(current)
        elif (heading := _heading(line)) is not None:
            kind = heading
        elif line.casefold().startswith(vocabulary()["presenter"]):  # `Esittelijä: …`: no sentence of it
            continue
        elif current is not None and kind is not None:
            current.paragraphs.setdefault(kind, []).append(n)
    return blocks


def _own(block: _Block, meeting: Meeting) -> bool:
    stage = block.stage
    return stage is None or (stage.date == meeting.date and stage.organ.casefold() == meeting.organ.casefold())


def _sentences(clean: list[str], lines: list[int]) -> list[tuple[str, list[int]]]:
    """The paragraph's sentences, each with the lines it is printed on."""
    text, starts = "", []
    for n in lines:
        starts.append((len(text), n))
        text += clean[n - 1] + " "
    found, at = [], 0
    for stop in [*_STOP_RE.finditer(text), None]:
        end = stop.start() if stop else len(text)
        sentence = text[at:end].strip()
        if sentence:
            found.append((sentence, [n for start, n in starts if at <= start + len(clean[n - 1]) and start < end]))
        at = stop.end() if stop else end
    return found


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w-]*", text.casefold())


def _grant_at(sentence: str) -> int | None:
    """Where the words after the grant verb begin, if the sentence grants an appropriation."""
    folded = sentence.casefold()
    words = vocabulary()
    if not any(w.startswith(a) for w in _words(folded) for a in words["appropriation"]):
        return None
    verbs = [m for verb in words["grant"] for m in re.finditer(rf"(?<!\w){re.escape(verb)}(?!\w)", folded)]
    return min(m.end() for m in verbs) if verbs else None


def amounts(text: str) -> list[int]:
    """Every amount followed by a currency word, in cents: `300.000 euroa`, `82 000 €`, `24.881,52 euron`."""
    currency = "|".join(re.escape(c) for c in sorted(vocabulary()["currency"], key=len, reverse=True))
    found = []
    for match in re.finditer(rf"{_NUMBER}\s*(?:{currency})(?![^\W\d_])", text, re.IGNORECASE):
        number = re.sub(r"[.\u00a0]", " ", match["number"])
        try:
            found.append(parse_amount(number + (f",{match['cents']}" if match["cents"] else "")))
        except AmountError:
            continue
    return found


def _year(text: str) -> int | None:
    words = "|".join(re.escape(w) for w in vocabulary()["year"])
    found = {int(m[1]) for m in re.finditer(rf"(?<!\w)(?:{words})\s+((?:19|20)\d\d)(?!\d)", text, re.IGNORECASE)}
    return found.pop() if len(found) == 1 else None


def _adopts(decision: str) -> bool:
    folded = " ".join(decision.casefold().split())
    words = vocabulary()
    return (any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", folded) for w in words["adopted"])
            and not any(w in folded for w in words["departed"]))


def read_grants(clean: list[str], furniture: set[int], meeting: Meeting, tabled: set[str]) -> list[ProseGrant]:
    """The grants the minutes' own stages decide in prose; an item decided in a table (``tabled``) aside."""
    found = []
    for block in _blocks(clean, furniture):
        if not _own(block, meeting) or block.item in tabled:
            continue
        decision = block.paragraphs.get("decision", [])
        said = " ".join(clean[n - 1] for n in decision)
        decided = _grants(clean, decision, block, True, "")
        found += decided or _grants(clean, block.paragraphs.get("proposal", []), block, _adopts(said), said)
    return found


def _grants(clean: list[str], lines: list[int], block: _Block, adopted: bool, said: str) -> list[ProseGrant]:
    found = []
    for sentence, printed in _sentences(clean, lines):
        at = _grant_at(sentence)
        if at is None:
            continue
        found.append(ProseGrant(printed, block.item, block.stage, sentence, sentence[at:].strip(), amounts(sentence),
                                _year(sentence), adopted, "" if adopted else " ".join(said.split())))
    return found
