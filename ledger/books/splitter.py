"""Split a space-separated budget-book row into its label and column values.

Books 002 and 003 print a row as a label followed by numbers joined by single
spaces, and the thousands *inside* a number are single spaces too::

    TOIMINTATUOTOT 2 595 839 2 259 012 2 259 012 969 741 43 % 2 156 824

So the text alone does not always say where one number ends. This module never
guesses silently: it lists every reading that fits the known columns
(``split_row``), lets the book's own totals pick among them (``resolve``), and
only if asked applies a documented magnitude heuristic (``tie_break``).

Rules a reading must follow (how the books print a number):

* a number's first digit group has 1-3 digits, no leading zero, and may carry a
  leading ``-`` or U+2212; every later group has exactly 3 digits and no sign;
* ``0`` stands alone (the books never print ``0 123``);
* a 1-2 digit group or a signed group therefore always starts a new number,
  and a group with a leading zero (``012``) always continues the previous one.

Everything is integers: euros as ``int``, percentages as tenths of a percent
(``43 %`` -> 430, ``-2,9 %`` -> -29) like ``ledger.domain.money.parse_percent``; an
``x`` cell (nothing to show) is ``None``; text cells ("siirretty") are ``str``.
Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice
from typing import Literal

from ledger.domain.money import parse_percent
from ledger.locale.reason import Reason

__all__ = [
    "Token",
    "SplitResult",
    "tokenize",
    "splits",
    "split_row",
    "resolve",
    "tie_break",
    "percent_consistent",
    "is_percent_column",
]

Value = int | str | None
Reading = dict[str, Value]

MINUS = "\u2212"
# NBSP / narrow NBSP are single spaces inside numbers, as in ledger.domain.money.
_NBSPS = str.maketrans({"\u00a0": " ", "\u202f": " "})
_GROUP_RE = re.compile(r"[-\u2212]?[0-9]{1,3}")
_FIRST_RE = re.compile(r"[-\u2212]?(?:[1-9][0-9]{0,2}|0)")
_DECIMAL_RE = re.compile(r"[-\u2212]?[0-9]+,[0-9]+")  # "21,9": only percentages have decimals
_PERCENT_RE = re.compile(r"[-\u2212]?[0-9]+(?:,[0-9]+)?%")  # "43%", "-2,9%"
_WIDE_GAP_RE = re.compile(r"\s{2,}|\t")

#: More readings than this for one row is reported as a problem, not enumerated.
MAX_READINGS = 1000


@dataclass(frozen=True, slots=True)
class Token:
    """One cell-ish piece of a row.

    kind is ``group`` (one digit group, maybe signed: a *part* of a number),
    ``percent`` (``43 %``, ``43%``, ``-2,9 %`` or a bare decimal ``21,9``),
    ``x`` (the books' "no figure"), or ``text`` (consecutive words, e.g.
    ``elinkeino- ja``; the same phrase repeated spans several columns, see ``_text_span``).
    """

    kind: Literal["group", "percent", "x", "text"]
    text: str


@dataclass(frozen=True)
class SplitResult:
    """Outcome of splitting one row against known columns.

    ``candidates`` holds every reading that fits (one when unique, none on a
    problem); ``values`` is the reading only when it is unique, else ``{}`` --
    an ambiguous row must be decided by ``resolve`` (or, by explicit choice,
    ``tie_break``), never by position in the list. ``problem`` explains why no
    reading fits, or why ``resolve`` could not use its check.
    """

    text: str
    label: str
    columns: tuple[str, ...]
    values: Reading = field(default_factory=dict)
    candidates: list[Reading] = field(default_factory=list)
    ambiguous: bool = False
    problem: str | None = None


def is_percent_column(name: str) -> bool:
    """A column whose name contains '%' (``Toteuma-%``, ``MUUTOS %``) holds percentages."""
    return "%" in name


def _is_sign(ch: str) -> bool:
    return ch in ("-", MINUS)


def tokenize(text: str) -> tuple[str, list[Token]]:
    """Split a row into (label, cells): the label is the leading words that are not cells.

    The label ends at the first digit group, percentage or ``x`` -- or earlier, at
    the first wide gap (2+ spaces or a tab), because book 003 pads its labels
    (``MENOT   Kehityksessä ...``): words after such a gap are text cells, not label.
    A lone ``%`` after a digit group or decimal joins it as a percentage; anywhere
    else it is an ordinary word (label ``Muutos %``). Consecutive other words form
    one text token; how many columns it spans is decided by ``split_row``.
    """
    text = text.translate(_NBSPS).strip()
    words: list[tuple[str, bool]] = []  # (word, preceded by a wide gap)
    pos = 0
    for m in re.finditer(r"\S+", text):
        words.append((m.group(), bool(_WIDE_GAP_RE.search(text[pos : m.start()]))))
        pos = m.end()

    label_words: list[str] = []
    cells: list[Token] = []
    in_label = True
    for word, wide in words:
        if word == "%" and cells and cells[-1].kind in ("group", "percent") and "%" not in cells[-1].text:
            cells[-1] = Token("percent", f"{cells[-1].text} %")
            continue
        if _GROUP_RE.fullmatch(word):
            kind = "group"
        elif _PERCENT_RE.fullmatch(word) or _DECIMAL_RE.fullmatch(word):
            kind = "percent"
        elif word == "x":
            kind = "x"
        else:
            kind = "text"
        if in_label and kind == "text" and not (wide and label_words):
            label_words.append(word)
            continue
        in_label = False
        if kind == "text" and cells and cells[-1].kind == "text":
            cells[-1] = Token("text", f"{cells[-1].text} {word}")
        else:
            cells.append(Token(kind, word))
    return " ".join(label_words), cells


def _group_value(groups: Sequence[str]) -> int:
    first = groups[0]
    sign = -1 if _is_sign(first[0]) else 1
    return sign * int(first.lstrip("-" + MINUS) + "".join(groups[1:]))


@lru_cache(maxsize=4096)
def _ends(groups: tuple[str, ...]) -> tuple[tuple[int, ...], ...]:
    """For each group i, the exclusive ends j such that groups[i:j] is one number, longest first."""
    n = len(groups)
    starts = [bool(_FIRST_RE.fullmatch(g)) for g in groups]
    conts = [len(g) == 3 and g.isdigit() for g in groups]
    ends: list[tuple[int, ...]] = []
    for i in range(n):
        js: list[int] = []
        if starts[i]:
            js.append(i + 1)
            if groups[i].lstrip("-" + MINUS) != "0":
                j = i + 1
                while j < n and conts[j]:
                    j += 1
                    js.append(j)
        ends.append(tuple(js[::-1]))
    return tuple(ends)


def _iter_splits(groups: tuple[str, ...], count: int) -> Iterator[tuple[int, ...]]:
    """Lazily yield every reading of ``groups`` as ``count`` numbers.

    A memoised feasibility table (polynomial: groups x count) prunes every branch
    that cannot finish, so each reading yielded costs O(count) and a caller that
    stops early (``split_row``'s limit) never pays for the combinatorial rest.
    """
    ends, n = _ends(groups), len(groups)

    @lru_cache(maxsize=None)
    def feasible(i: int, k: int) -> bool:
        if k == 0:
            return i == n
        return n - i >= k and any(feasible(j, k - 1) for j in ends[i])

    def walk(i: int, k: int) -> Iterator[tuple[int, ...]]:
        if k == 0:
            yield ()
            return
        for j in ends[i]:
            if feasible(j, k - 1):
                head = _group_value(groups[i:j])
                for rest in walk(j, k - 1):
                    yield (head, *rest)

    if feasible(0, count):
        yield from walk(0, count)


def _can_split(groups: tuple[str, ...], count: int) -> bool:
    return next(_iter_splits(groups, count), None) is not None


def splits(groups: Sequence[str], count: int) -> list[list[int]]:
    """Every way to read a run of digit groups as exactly ``count`` numbers.

    Dynamic programming over (group index, numbers left). Order is stable:
    earlier numbers take as many groups as they can first, so for
    ``["1", "234", "567"]`` and count 2 the order is ``[1234, 567], [1, 234567]``.
    Returns ``[]`` when no reading fits; raises ValueError for a token that is
    not a digit group at all (a caller bug, not a book problem).
    """
    groups = tuple(g.translate(_NBSPS).strip() for g in groups)
    for g in groups:
        if not _GROUP_RE.fullmatch(g):
            raise ValueError(f"not a digit group: {g!r}")
    if count < 0:
        raise ValueError(f"count must be >= 0, not {count}")
    return [list(r) for r in _iter_splits(groups, count)]


def _text_span(phrase: str) -> tuple[int, str]:
    """(columns, cell text) for a text run: one column per repeat of its shortest repeating phrase.

    The books print a moved unit's note in every column it covers, so
    ``siirretty siirretty`` is two cells and ``elinkeino- ja elinkeino- ja`` two
    cells of ``elinkeino- ja``; a run that is no repetition is a single cell. Taking
    the repetition at face value (rather than also offering "one cell") keeps
    rows like ``-318 280 -348 070 -361 424 siirretty siirretty`` from pairing a
    text reading with a spurious extra number.
    """
    words = phrase.split()
    for size in range(1, len(words)):
        if len(words) % size == 0 and words[:size] * (len(words) // size) == words:
            return len(words) // size, " ".join(words[:size])
    return 1, phrase


def _readings(cells: list[Token], percent_cols: list[bool]) -> Iterator[tuple[Value, ...]]:
    """Yield every assignment of cells to all columns, in a stable order."""
    segs: list[list[str] | Token] = []
    for t in cells:
        if t.kind == "group":
            if segs and isinstance(segs[-1], list):
                segs[-1].append(t.text)
            else:
                segs.append([t.text])
        else:
            segs.append(t)
    ncols = len(percent_cols)

    def fits(seg: list[str] | Token, ci: int) -> Iterator[int]:
        """How many columns from ``ci`` the segment can fill (column-type checks only)."""
        if isinstance(seg, list):
            for k in range(1, min(len(seg), ncols - ci) + 1):
                if percent_cols[ci + k - 1]:
                    return  # a number never lands in a percent column
                if _can_split(tuple(seg), k):
                    yield k
        elif ci >= ncols:
            return
        elif seg.kind == "percent":
            if percent_cols[ci]:
                yield 1
        elif seg.kind == "x":
            yield 1
        else:
            k, _cell = _text_span(seg.text)
            if ci + k <= ncols:
                yield k

    @lru_cache(maxsize=None)
    def can(si: int, ci: int) -> bool:
        """Whether segments si.. can fill exactly columns ci..: prunes dead branches early."""
        if si == len(segs):
            return ci == ncols
        return any(can(si + 1, ci + k) for k in fits(segs[si], ci))

    def walk(si: int, ci: int) -> Iterator[tuple[Value, ...]]:
        if si == len(segs):
            yield ()
            return
        seg = segs[si]
        for k in fits(seg, ci):
            if not can(si + 1, ci + k):
                continue
            if isinstance(seg, list):
                for nums in _iter_splits(tuple(seg), k):
                    for rest in walk(si + 1, ci + k):
                        yield (*nums, *rest)
            elif seg.kind == "percent":
                value = parse_percent(seg.text.replace(MINUS, "-"))
                for rest in walk(si + 1, ci + 1):
                    yield (value, *rest)
            elif seg.kind == "x":
                for rest in walk(si + 1, ci + 1):
                    yield (None, *rest)
            else:
                cell = _text_span(seg.text)[1]
                for rest in walk(si + 1, ci + k):
                    yield (*([cell] * k), *rest)

    if not can(0, 0):
        return iter(())
    return walk(0, 0)


def _columns(count: int) -> Reason:
    """"3 columns", "1 column": a count within a reason that counts something else too, in its own number."""
    return Reason("count.columns", count=count)


def _describe_problem(label: str, text: str, cells: list[Token], columns: Sequence[str]) -> Reason:
    name = label or text
    ngroups = sum(t.kind == "group" for t in cells)
    runs = sum(1 for i, t in enumerate(cells) if t.kind == "group" and (i == 0 or cells[i - 1].kind != "group"))
    others = [t for t in cells if t.kind != "group"]
    fixed = sum(_text_span(t.text)[0] if t.kind == "text" else 1 for t in others)
    lo, hi = runs + fixed, ngroups + fixed
    found = f"{lo}" if lo == hi else f"{lo}-{hi}"
    cols = ", ".join(columns)
    if not lo <= len(columns) <= hi:
        return Reason("split.count_mismatch", name=name, found=found, groups=Reason("count.digit_groups", count=ngroups),
                      others=Reason("count.other_cells", count=len(others)), count=_columns(len(columns)), columns=cols)
    pcols = ", ".join(c for c in columns if is_percent_column(c)) or Reason("split.no_percent_columns")
    return Reason("split.percent_mismatch", name=name, found=found, count=_columns(len(columns)), columns=cols,
                  percent_columns=pcols)


def split_row(
    text: str,
    columns: Sequence[str],
    *,
    prefer_even: bool = False,
    limit: int = MAX_READINGS,
) -> SplitResult:
    """Read ``text`` as a label plus one value per column; list every reading that fits.

    Percentages, ``x`` and text cells are fixed boundaries between runs of digit
    groups; a percentage fits only a percent column (``is_percent_column``) and a
    number never does. Bad input is reported in ``problem``, never raised: a book
    row that does not fit is data to show the user. ``prefer_even`` applies the
    optional ``tie_break`` heuristic (off by default: it is a guess).
    """
    columns = tuple(columns)
    label, cells = tokenize(text)
    base = SplitResult(text=text, label=label, columns=columns)
    if not columns:
        return replace(base, problem=Reason("split.no_columns", name=label or text))
    percent_cols = [is_percent_column(c) for c in columns]
    found: list[Reading] = []
    seen: set[tuple[Value, ...]] = set()
    for reading in islice(_readings(cells, percent_cols), limit + 1):
        if reading not in seen:
            seen.add(reading)
            found.append(dict(zip(columns, reading, strict=True)))
    if len(found) > limit:
        return replace(base, problem=Reason("split.too_many", name=label or text, limit=limit))
    if not found:
        return replace(base, problem=_describe_problem(label, text, cells, columns))
    result = _with_candidates(base, found)
    return tie_break(result) if prefer_even else result


def _with_candidates(result: SplitResult, candidates: list[Reading]) -> SplitResult:
    unique = len(candidates) == 1
    return replace(
        result,
        candidates=candidates,
        values=dict(candidates[0]) if unique else {},
        ambiguous=not unique,
    )


def resolve(result: SplitResult, check: Callable[[Mapping[str, Value]], bool]) -> SplitResult:
    """Keep only the readings for which ``check`` (usually the book's own totals) holds.

    Use it to let the book decide: e.g. ``TOIMINTATUOTOT + TOIMINTAKULUT ==
    TOIMINTAKATE`` per column, or ``percent_consistent`` on Toteuma-%. A result
    that is already unique (or has a problem) is returned unchanged: a unique
    reading that fails a total is the book disagreeing with itself, which the
    ledger reports elsewhere and never "corrects" here. If no reading passes,
    the row stays ambiguous with all its readings and ``problem`` says so; if
    several pass, it stays ambiguous with those.
    """
    if result.problem is not None or not result.ambiguous:
        return result
    kept = [c for c in result.candidates if check(c)]
    if not kept:
        return replace(
            result,
            problem=Reason("split.check_fails", name=result.label or result.text, count=len(result.candidates)),
        )
    return _with_candidates(result, kept)


def _digit_groups(value: int) -> int:
    return (len(str(abs(value))) + 2) // 3


def tie_break(result: SplitResult) -> SplitResult:
    """OPTIONAL heuristic: prefer readings whose non-zero numbers have the most similar size.

    Why it usually works: a row shows the same line for several years (TP, TA,
    TPE...), so its figures differ by percent, not by factors of a thousand;
    ``2 259 012 | 969 741`` beats ``2 259 012 969 | 741``. Why it is optional:
    a real row can mix sizes (a unit that moved mid-year), so the score -- the
    spread between the most and fewest digit groups among non-zero integer cells
    -- is a guess. Ties stay ambiguous. Prefer ``resolve`` with the book's totals.
    """
    if result.problem is not None or not result.ambiguous:
        return result

    def spread(reading: Mapping[str, Value]) -> int:
        sizes = [
            _digit_groups(v)
            for c, v in reading.items()
            if isinstance(v, int) and v != 0 and not is_percent_column(c)
        ]
        return max(sizes) - min(sizes) if sizes else 0

    best = min(spread(c) for c in result.candidates)
    return _with_candidates(result, [c for c in result.candidates if spread(c) == best])


def percent_consistent(part: int, whole: int, shown_tenths: int, *, step: int = 10) -> bool:
    """Whether a printed percentage matches part/whole, given the book rounds to ``step`` tenths.

    For ``resolve`` checks on Toteuma-% (``step=10``: whole percents) or MUUTOS %
    (``step=1``). Exact integer test ``|part/whole*1000 - shown| <= step/2``. The
    books print 0 % when there is no base (whole == 0), so that case matches 0 only.
    """
    if whole == 0:
        return shown_tenths == 0
    return 2 * abs(part * 1000 - shown_tenths * whole) <= step * abs(whole)
