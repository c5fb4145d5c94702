"""`kirjuri accounts` says each account's side in the language asked, by the vocabulary's words."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from cli.app import app
from events import accounts
from ledger.domain import vocabulary

runner = CliRunner()


def sides(tmp_path, lang: str) -> dict[str, str]:
    """Each account's side as the listing shows it, by the account's key."""
    result = runner.invoke(app, ["--db", str(tmp_path / "l.sqlite"), "accounts", "--lang", lang])
    assert result.exit_code == 0 and result.stderr == "", result.output
    listed = {}
    for line in result.stdout.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if line.startswith(" ") and not cells[0].startswith("= "):
            listed[cells[0]] = cells[1]
    return listed


@pytest.mark.parametrize(("lang", "words"), [("sv", {"intäkt", "kostnad", "förändring"}),
                                              ("fi", {"tuotto", "kulu", "muutos"}),
                                              ("en", {"tuotto", "kulu", "muutos"})])
def test_each_accounts_side_is_said_in_the_language(tmp_path, lang, words):
    listed = sides(tmp_path, lang)
    assert sorted(listed) == sorted(accounts.ACCOUNTS)
    assert set(listed.values()) <= words and {"intäkt", "kostnad"} & set(listed.values()) == (
        {"intäkt", "kostnad"} if lang == "sv" else set())
    for key, side in listed.items():
        expected = accounts.side_of(key)
        assert side == (expected if lang == "en" else vocabulary.SIDES[expected].said(lang)), key


def test_the_vocabulary_has_a_word_for_every_side_the_chart_allows():
    from events.chart import SIDES

    assert set(vocabulary.SIDES) == set(SIDES)
