"""No table the CLI prints at 80 columns cuts an amount (issue 19, item 5): `show`, `history`, each
`report`, `verify` and `diff`, on both bundled examples, in Finnish, Swedish and English, each read
as a terminal 80 wide shows it (``tests/cut.py``). The commands run in-process, their console 80 wide.
"""

from __future__ import annotations

import re

import pytest
from conftest import HALL_KS_SAID, HALL_KS_SEQ, examples
from cut import cuts_in
from hypothesis import given, settings
from hypothesis import strategies as st
from test_screens_80x24 import EXAMPLES, LANGS, children
from typer.testing import CliRunner

import cli.common
from cli.app import app as cli_app
from ledger.fold import projections as pj


def cli_at_80(monkeypatch, ledger, *args: str) -> str:
    """The command's output as an 80-column terminal shows it."""
    monkeypatch.setattr(cli.common.out, "width", 80)
    result = CliRunner().invoke(cli_app, ["--db", str(ledger.target.sqlite_path), *args])
    assert result.exit_code in (0, 1), result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 80, args
    return result.stdout


def commands(ledger, year: int) -> list[list[str]]:
    """Every command that prints a table of figures, on the city and its first toimiala."""
    state = ledger.state
    root, first = pj.tree(state, year)[0][1], children(state, year)[0]
    y = str(year)
    reports = [["report", "units", code] for code in (root, first)]
    reports += [["report", kind, code, "--year", y] for kind in ("maararahat", "toteutumisvertailu")
                for code in (root, first)]
    reports += [["report", "kayttotalous", root], ["report", "half-year", root, "--period", f"01-06/{y}"]]
    return [["show", root, "--year", y, "--accounts"], ["show", first, "--year", y],
            ["history", root, "--limit", "30"], *reports,
            ["verify"], ["diff", root, "--year", str(year), "--from-as-of", f"1.1.{year}"],
            ["diff", "--from", "#1"]]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("example", EXAMPLES)
def test_no_command_cuts_an_amount_at_80_columns(example, lang, monkeypatch, request):
    ledger = request.getfixturevalue(example)
    found = []
    for args in commands(ledger, EXAMPLES[example][0].year):
        text = cli_at_80(monkeypatch, ledger, "--lang", lang, *args)
        found += [f"{' '.join(args)}: {cut}" for cut in cuts_in(text)]
    assert found == [], "\n".join(found)



@pytest.mark.parametrize(("lang", "args", "moment"), [
    ("fi", ["show", "TONTIT", "--year", "2024", "--known-at", "1.2.2026"], "tiedossa 1.2.2026 23:59:59"),
    ("sv", ["show", "TONTIT", "--year", "2024", "--as-of", "1.6.2024", "--known-at", "1.2.2026"],
     "känt 1.2.2026 23:59:59"),
    ("fi", ["diff", "KEV", "--year", "2026", "--from-known-at", "1.1.2026"], "tiedossa 1.1.2026 23:59:59 → nyt"),
])
def test_a_titles_point_in_time_is_never_broken_across_lines(kemijarvi, monkeypatch, lang, args, moment):
    """A narrow table's title used to wrap at the table's width, mid-time ("tiedossa 1.2.2026" / "23:59:59"):
    the title is a line of its own as wide as the terminal, its point in time whole on one line."""
    text = cli_at_80(monkeypatch, kemijarvi, "--lang", lang, *args)
    assert any(moment in line for line in text.splitlines()), text


@given(width=st.integers(40, 120), lang=st.sampled_from(["fi", "sv", "en"]))
@settings(max_examples=examples(60))
def test_verify_folds_a_finding_to_any_width_keeping_each_amount_whole_with_its_unit(width, lang):
    """`verify` folds a finding at the terminal's width between words: at 70 columns the Finnish one used to put
    "€" at the start of a line, parted from "-5 540 000"."""
    said = f"#{HALL_KS_SEQ} book-51b683c5dff8-t3-KS2025 {HALL_KS_SAID[lang]}"
    wide = cli.common.out.width
    cli.common.out.width = width
    try:
        with cli.common.out.capture() as printed:
            cli.common._print_folded(said, "  ")
    finally:
        cli.common.out.width = wide
    lines = printed.get().rstrip("\n").split("\n")
    assert " ".join(line.strip() for line in lines) == said and max(map(len, lines)) <= width
    amounts = re.findall(r"(?<![\w-])-?\d{1,3}(?: \d{3})+(?!\d)(?: €)?", said)
    assert all(any(amount in line for line in lines) for amount in amounts), lines
