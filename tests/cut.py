"""Finding a cut amount on a screen or in a command's output, as a person reading it would.

An amount is written with a no-break space between its groups of three digits (``-6 837 670``), so a
group of one or two digits after that space is a number cut mid-way (``-5 0``, ``386 ``), an amount
ending in "…" was cut by its column, and a number whose first groups end one line and whose next group
starts the next was broken by a wrap, as is an amount whose "€" (or a percentage whose "%") starts the next
line. A table's cells are also checked by their widths: a column that does not fit beside the others is
cut at the screen's edge even where the digits left look whole.
"""

from __future__ import annotations

import io
import re

from rich.console import Console
from textual.app import App
from textual.widget import Widget
from textual.widgets import DataTable

#: the spaces inside an amount: the no-break space, and Babel's narrow one
GROUP = "\u00a0\u202f"
#: an amount ending in "…" (a number, not a hash's hex digits), or a last group of one or two digits (not a "%" or
#: a unit after the space)
CUT = re.compile(rf"(?<![\w,.])-?\d[\d{GROUP}]*…|\d[{GROUP}]\d{{1,2}}(?![\d,])")
#: a line that ends in the first groups of a number, and one that starts with its next group
ENDS_IN_NUMBER = re.compile(rf"\d{{1,3}}[{GROUP}]?$")
STARTS_WITH_GROUP = re.compile(rf"^[{GROUP}]?\d{{3}}(?![\d.])")
#: a line that starts with a unit, parted from the amount the line before ends in
STARTS_WITH_UNIT = re.compile(r"^[€%](?!\w)")


def cuts_in(text: str) -> list[str]:
    """Each cut amount in ``text`` (its lines as shown), with the line it is on."""
    found = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        found += [f"{m.group()!r} in {line.strip()!r}" for m in CUT.finditer(line)]
        following = lines[i + 1].strip(" ") if i + 1 < len(lines) else ""
        if ENDS_IN_NUMBER.search(line.rstrip(" ")) and STARTS_WITH_GROUP.match(following) \
                and _wrapped_amount(line.rstrip(" "), following):
            found.append(f"a number broken over two lines: {line.strip()!r} / {following!r}")
        if re.search(r"\d$", line.rstrip(" ")) and STARTS_WITH_UNIT.match(following):
            found.append(f"an amount parted from its unit: {line.strip()!r} / {following!r}")
    return found


def _wrapped_amount(line: str, following: str) -> bool:
    """Whether the end of ``line`` and the start of ``following`` read as one amount's groups."""
    tail = re.search(rf"(?:^|[^\d{GROUP}.,:#§/])(-?\d{{1,3}}(?:[{GROUP}]\d{{3}})*)[{GROUP}]?$", line)
    return tail is not None


def screen_lines(app: App) -> list[str]:
    """The screen as a terminal shows it, line by line, its no-break spaces kept (a screenshot's text)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, color_system=None,
                      record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False).split("\n")[:height]


def widget_text(lines: list[str], widget: Widget) -> str:
    """The part of the screen ``widget`` covers."""
    region = widget.region
    return "\n".join(line[region.x:region.right] for line in lines[region.y:region.bottom])


def table_overflow(table: DataTable) -> list[str]:
    """The columns of ``table`` that do not fit its width beside the ones before them: each is cut at the
    edge (or wholly out of view), however whole its digits may look."""
    room = table.scrollable_content_region.width
    used, over = 0, []
    for column in table.ordered_columns:
        used += column.get_render_width(table)
        if used > room and _holds_amounts(table, column.key):
            over.append(f"{type(table).__name__} column {str(column.label)!r} ends at {used} > {room}")
    return over


#: a cell that is an amount or a percentage, whole
AMOUNT_CELL = re.compile(rf"^[!\s]*-?\d{{1,3}}(?:[{GROUP}]\d{{3}})*(?:,\d+)?(?:[{GROUP} ]?%)?$")


def _holds_amounts(table: DataTable, key) -> bool:
    """Whether any cell of the column ``key`` is an amount (the trail's time or author columns are not)."""
    return any(AMOUNT_CELL.match(str(getattr(cell, "plain", cell)).strip()) for cell in table.get_column(key))


def screen_cuts(app: App) -> list[str]:
    """Every cut amount on the app's screen: in each visible widget's text, and each table's columns."""
    lines = screen_lines(app)
    found = []
    for widget in app.screen.query("*"):
        if not widget.display or not widget.region or widget.children and not isinstance(widget, DataTable):
            continue
        found += [f"{type(widget).__name__}#{widget.id}: {cut}" for cut in cuts_in(widget_text(lines, widget))]
        if isinstance(widget, DataTable) and widget.region.width > 0:
            found += table_overflow(widget)
    return found
