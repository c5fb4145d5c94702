"""The book readers' reasons (why a line is not read, what a total is checked against) in every language.

A reason is a ``str`` holding its English, so the TSV of ``--list`` and every place that groups reasons
are unchanged; the preview says it in the language asked for. Swedish and Finnish previews of the
Seinäjoki tilinpäätös (blocks, columns, the investointiosa, a summary in thousands) leave no English.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from ledger.locale.reason import Reason, said
from test_tour_language import _data_left_out, english_left

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_9c20ad174b7e627f.txt"
SEINAJOKI = sorted((ROOT.parent / "shared" / "books" / "seinajoki-tp-2024").glob("*.txt"))
runner = CliRunner()


def test_a_reason_is_its_english_and_says_itself_in_each_language_nested_too():
    inner = Reason("layout.ta_muutos")
    outer = Reason("layout.figures_not_read", why=inner)
    assert outer == "TA + MUUTOS is not TA+MUUTOS: its figures are not read"
    assert said(outer, "sv") == "TA + MUUTOS är inte TA+MUUTOS: dess siffror läses inte"
    assert said(outer, "fi") == "TA + MUUTOS ei ole TA+MUUTOS: sen lukuja ei lueta"
    assert said("Tunnusluvut", "sv") == "Tunnusluvut", "a book's own words are data, said as they are"
    assert pickle.loads(pickle.dumps(outer)).said("sv") == said(outer, "sv")
    assert len({outer, Reason("layout.figures_not_read", why=Reason("layout.ta_muutos"))}) == 1


@pytest.mark.parametrize("lang", ["sv", "fi"])
@pytest.mark.parametrize("book", SEINAJOKI, ids=lambda p: p.stem[16:])
def test_a_tilinpaatos_preview_says_how_each_table_was_read_without_english(tmp_path, book, lang):
    db = str(tmp_path / "l.sqlite")
    runner.invoke(app, ["--db", db, "init"])
    result = runner.invoke(app, ["--db", db, "--lang", lang, "import", str(book)])
    # a refusal names the argument as the command spells it ("kirjuri: file: …"), as every refusal does
    shown = re.sub(r"(?m)^kirjuri: \w+: ", "", _data_left_out(result.stdout + result.stderr, book.parent))
    assert shown.strip() and not english_left(shown, lang), shown


@pytest.mark.parametrize(("lang", "said"), [("sv", "= dess enheter: boken anger"), ("fi", "= sen yksiköt: kirjaan on painettu"),
                                            ("en", "= its units: the book says")])
def test_verify_says_a_books_contradictions_in_the_language_asked(tmp_path, lang, said):
    """`kirjuri verify --book`: the committee reads where the book contradicts itself in its own language."""
    db = str(tmp_path / "l.sqlite")
    runner.invoke(app, ["--db", db, "init"])
    result = runner.invoke(app, ["--db", db, "--lang", lang, "verify", "--book", str(SEED)])
    assert result.exit_code == 1 and said in result.stdout, result.output
    if lang != "en":
        shown = re.sub(r"(?m)^\S+ \S+ \S+\.txt\b", "", _data_left_out(result.stdout, SEED.parent))
        assert not english_left(shown, lang), shown
