"""One vocabulary: every word of the domain a view shows exists once, in Finnish, Swedish and English.

The keys are derived from the model, not listed here: every Event subclass in EVENT_TYPES, every
column the model and the projections know, every account, every body, every check verify runs and
every scope a check reports. A kind added to the model without its words fails here, not as a
KeyError in ``kirjuri history`` (issue 16). Then the views: the CLI's ``history``, the terminal UI's
trail and the refusals say the vocabulary's word for every kind of event a ledger holds.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import typing
import unicodedata

import pytest
from conftest import KV, small_city
from typer.testing import CliRunner

from events import accounts
from events.model import BODIES, EVENT_TYPES, BreakdownStated, Decision, Line, kind_of
from ledger import locale
from ledger.app import Kirjuri
from ledger.audit import authority
from ledger.audit.findings import Check
from ledger.audit.verify import book_check
from cli.app import app as cli
from ledger.domain import refusals, vocabulary
from ledger.domain.vocabulary import LANGUAGES, Word
from ledger.fold import projections as pj
from ledger.fold.state import ADDITIVE_COLUMNS, SET_COLUMNS
from tui.i18n import Texts
from tui.viewmodel import kind_label

KH = Decision(body="hallitus", date=dt.date(2025, 3, 3), section="21")
KV_MAY = Decision(body="valtuusto", date=dt.date(2025, 5, 26), section="50")
KV_CARRY = Decision(body="valtuusto", date=dt.date(2026, 2, 16), section="9")

# --- the keys, as the model has them ------------------------------------------------------------


def model_kinds() -> set[str]:
    return {t.__struct_config__.tag for t in EVENT_TYPES}


def model_columns() -> set[str]:
    stated = typing.get_args(typing.get_type_hints(BreakdownStated)["column"])
    return set(pj.COLUMNS) | set(ADDITIVE_COLUMNS) | set(SET_COLUMNS) | set(stated)


def model_accounts() -> set[str]:
    return set(accounts.ACCOUNTS) | set(accounts.DERIVED)


def check_key(check: Check) -> str:
    """A check's key in the vocabulary: its name, a book's "book <source>" by its first word."""
    return check.name.split(" ", 1)[0]


def missing_words(tables: dict[str, tuple[dict[str, Word], set[str]]]) -> list[str]:
    """Every key the model has that a table of the vocabulary lacks, and every word that is
    empty, padded or holds a control character, in any language."""
    problems = []
    for name, (words, keys) in tables.items():
        problems += [f"{name}: no word for {key!r}" for key in sorted(keys - set(words))]
        for key, word in words.items():
            problems += [f"{name}[{key!r}].{lang}: {word.said(lang)!r}" for lang in LANGUAGES
                         if not _clean(word.said(lang))]
    return problems


def _clean(text: str) -> bool:
    return bool(text) and text == text.strip() and all(unicodedata.category(c)[0] != "C" for c in text)


@pytest.fixture
def every_kind(sqlite_target, clock) -> Kirjuri:
    """A ledger holding at least one event of every kind the model has."""
    app = small_city(Kirjuri(sqlite_target, create=True, author="testi", clock=clock))
    app.adopt(2025, [Line("JL", "MENOT", -300_00), Line("TP", "MENOT", -500_00), Line("TP", "TULOT", 100_00)],
              decision=KV)
    app.amend(2025, [Line("JL", "MENOT", -20_00)], effective=KV_MAY.date, decision=KV_MAY)
    app.reallocate(2025, [("TP", "MENOT", "KP", "MENOT", 10_00)], effective=KH.date, decision=KH)
    app.record("ks", 2025, [Line("JL", "Henkilöstökulut", -200_00)], decision=KH)
    app.record("toteuma", 2025, [Line("JL", "MENOT", -100_00)], period=(dt.date(2025, 1, 1), dt.date(2025, 3, 31)))
    app.record("tpe", 2025, [Line("JL", "MENOT", -310_00)])
    app.record("ts", 2026, [Line("JL", "MENOT", -330_00)], decision=KV_MAY)
    app.record("tp", 2025, [Line("JL", "MENOT", -305_00)], effective=dt.date(2026, 4, 1))
    app.submit(BreakdownStated(id=app.new_id(), effective=dt.date(2025, 1, 1), recorded_at=app.clock(),
                               author="testi", year=2025, column="TA",
                               lines=(Line("HP", "Henkilöstökulut", -250_00),)))
    proposal = app.propose(app.amendment(2025, [Line("TP", "MENOT", -5_00)], effective=KV_MAY.date, decision=None),
                           to_body="valtuusto")
    app.decide(proposal.event.id, approved=True, decision=KV_MAY)
    app.rename_unit("KP", "Kehittäminen", effective=dt.date(2025, 6, 1), decision=KH)
    app.transfer("TY", "HP", effective=dt.date(2025, 7, 1), decision=KV_MAY)
    app.register_unit("UUSI", "Uusi yksikkö", "yksikkö", "HP-YH", effective=dt.date(2025, 8, 1), decision=KH)
    app.close_unit("UUSI", effective=dt.date(2025, 9, 1), decision=KH)
    app.register_unit("INV", "Investoinnit", "toimiala", "KJ", effective=dt.date(2025, 1, 1), decision=KH)
    app.submit(app.project_opening("P1", "Koulu", group="INV", unit="HP", cost_estimate=100_00, first_year=2025,
                                   last_year=2026, effective=dt.date(2025, 1, 1), decision=KV))
    app.submit(app.project_change("P1", effective=KV_MAY.date, decision=KV_MAY, cost_estimate=200_00))
    app.submit(app.project_closing("P1", effective=dt.date(2025, 12, 1), decision=KV_MAY))
    app.carry(2025, 2026, [Line("JL", "MENOT", -1_00)], decision=KV_CARRY)
    amended = app.amend(2025, [Line("KP", "MENOT", -1_00)], effective=KV_MAY.date, decision=KV_MAY)
    app.reverse(amended.event.id, reason="kirjattu kahdesti")
    app.adopt_rules(authority.DEFAULT, decision=KV_MAY)
    assert {kind_of(app.records([seq])[seq].event) for seq in range(1, app.state.seq + 1)} == model_kinds()
    yield app
    app.close()


def verified_checks(app: Kirjuri) -> list[Check]:
    """Every check ``kirjuri verify`` runs: the ledger's with a head and rules, and a book's."""
    report = app.verify(expect_head=app.state.head, rules_of=authority.DEFAULT)
    statement = type("Statement", (), {"contradictions": (), "checks": ()})()
    return [*report.checks, book_check("kirja.xlsx", statement)]


# --- every word, in every language --------------------------------------------------------------


def test_every_word_the_model_has_is_in_finnish_swedish_and_english(every_kind):
    checks = verified_checks(every_kind)
    scopes = {c.scope_code for c in checks} | {code for code in refusals.FINDINGS if code.startswith("scope.")}
    assert {check_key(c) for c in checks} >= {"chain", "head", "reversals", "rules", "checkpoints", "authority",
                                             "reallocations", "overruns", "book"}
    tables = {
        "KINDS": (vocabulary.KINDS, model_kinds()),
        "KIND_NOUNS": (vocabulary.KIND_NOUNS, model_kinds()),
        "CHANGE_KINDS": (vocabulary.CHANGE_KINDS, set(authority.KINDS)),
        "COLUMNS": (vocabulary.COLUMNS, model_columns()),
        "FIELDS": (vocabulary.FIELDS, {f for cls in EVENT_TYPES for f in cls.__struct_fields__}),
        "ACCOUNTS": (vocabulary.ACCOUNTS, model_accounts()),
        "BODIES": (vocabulary.BODIES, set(BODIES)),
        "CHECKS": (vocabulary.CHECKS, {check_key(c) for c in checks}),
        "SCOPES": (vocabulary.SCOPES, scopes - {""}),
    }
    assert missing_words(tables) == []


def test_the_derived_check_fails_on_a_kind_without_its_words(monkeypatch):
    """The test above can fail: a kind the model gains, or a word left empty, is named."""
    assert missing_words({"KINDS": (vocabulary.KINDS, model_kinds() | {"budget_frozen"})}) == [
        "KINDS: no word for 'budget_frozen'"]
    monkeypatch.setitem(vocabulary.COLUMNS, "TS", Word("TS", "", "T\x1bS"))
    assert missing_words({"COLUMNS": (vocabulary.COLUMNS, model_columns())}) == [
        "COLUMNS['TS'].sv: ''", "COLUMNS['TS'].en: 'T\\x1bS'"]


def test_swedish_is_its_own_except_for_the_abbreviations():
    """Swedish repeats the Finnish only where the term of art is the abbreviation itself."""
    same = {(name, key) for name in ("KINDS", "KIND_NOUNS", "CHANGE_KINDS", "COLUMNS", "FIELDS", "ACCOUNTS", "BODIES",
                                     "CHECKS", "SCOPES")
            for key, word in getattr(vocabulary, name).items() if word.sv == word.fi}
    assert same == {("COLUMNS", c) for c in ("TA", "KS", "TP", "TPE", "TS")}
    assert vocabulary.KIND_NOUNS["ta_amended"].sv == "budgetändring"
    assert vocabulary.KIND_NOUNS["reallocated"].sv == "anslagsöverföring"


def test_a_scope_says_the_same_fields_in_every_language():
    formatter = string.Formatter()
    for code, word in vocabulary.SCOPES.items():
        fields = {lang: {f for _, f, _, _ in formatter.parse(word.said(lang)) if f} for lang in LANGUAGES}
        assert fields["fi"] == fields["sv"] == fields["en"], code


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'de'"):
        vocabulary.KINDS["ta_adopted"].said("de")


# --- every view says the vocabulary's word -------------------------------------------------------


def test_history_heads_every_kind_with_the_vocabulary_word(every_kind, sqlite_target):
    result = CliRunner().invoke(cli, ["--db", str(sqlite_target.sqlite_path), "history", "KJ", "--limit", "100"])
    assert result.exit_code == 0, result.output
    records = every_kind.records(range(1, every_kind.state.seq + 1))
    for seq, record in records.items():
        if kind_of(record.event) == "rules_adopted":  # of no unit: `kirjuri rules` heads its history
            continue
        word = vocabulary.KINDS[kind_of(record.event)].fi
        year = getattr(record.event, "year", None)
        assert f"#{seq} {word}{f' {year}' if year else ''}" in result.output
    assert f"({vocabulary.KINDS['ta_amended'].fi}): kirjattu kahdesti" in result.output


def test_show_heads_the_columns_with_the_vocabulary_word(every_kind, sqlite_target):
    shown = CliRunner().invoke(cli, ["--db", str(sqlite_target.sqlite_path), "show", "KJ", "--year", "2025"])
    assert shown.exit_code == 0, shown.output
    for column in ("MUUTOS", "TA+MUUTOS", "TOTEUMA", "TOTEUMA-%"):
        assert vocabulary.COLUMNS[column].fi in shown.output


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_trail_names_every_kind_with_the_vocabulary_word(every_kind, lang):
    texts = Texts(lang)
    for record in every_kind.records(range(1, every_kind.state.seq + 1)).values():
        label = kind_label(record.event, texts)
        assert label.split(" 20")[0] == vocabulary.KINDS[kind_of(record.event)].said(lang)
    for column, word in vocabulary.COLUMNS.items():
        assert texts.column(column) == word.said(lang)
    for name, word in vocabulary.CHECKS.items():
        assert texts(f"check.{name}") == word.said(lang)


def test_a_refusal_names_every_kind_with_the_vocabulary_word():
    """Finnish says the vocabulary's noun; English the class name the CLI has always printed."""
    for cls in EVENT_TYPES:
        noun = vocabulary.KIND_NOUNS[cls.__struct_config__.tag].fi
        assert refusals.reason("decision.missing", {"kind": cls.__name__}, "fi").startswith(
            f"puuttuu: {noun} vaatii päätöksen")
        assert refusals.reason("decision.missing", {"kind": cls.__name__}, "en").startswith(
            f"is missing: {cls.__name__} needs one")
    for key, word in vocabulary.CHANGE_KINDS.items():
        params = {"decision": "KH 1.1.2025 § 9", "body": "hallitus", "kind": key, "allowed": ()}
        assert f"päättää {word.fi}" in refusals.reason("authority.no_body", params, "fi")
        assert f"decide a {word.en} (" in refusals.reason("authority.no_body", params, "en")


def test_a_check_scope_is_the_vocabulary_template_filled(every_kind):
    for check in verified_checks(every_kind):
        if check.scope_code:
            # the vocabulary's template in the number form its count takes ("1 reversal", "2 reversals")
            template = {lang: locale.form("word.scopes", check.scope_code, lang, check.scope_params)
                        for lang in ("en", "fi")}
            assert check.scope_code in vocabulary.SCOPES
            assert check.scope == template["en"].format(**check.scope_params)
            assert refusals.reason(check.scope_code, check.scope_params, "fi") == template["fi"].format(
                **check.scope_params)


def test_a_stale_based_on_names_what_was_written_since_with_the_vocabulary_word(every_kind, sqlite_target):
    """The refusal of a stale --based-on lists the events in between as `history` heads them."""
    stale = CliRunner().invoke(cli, ["--db", str(sqlite_target.sqlite_path), "--author", "testi", "amend", "2025",
                                     "TP:MENOT=-1", "--effective", "1.6.2025", "--decision", "KV 26.5.2025 § 51",
                                     "--based-on", "9"])
    assert stale.exit_code == 1 and "Kirjattu kohdan #9 jälkeen" in stale.stdout, stale.output
    headings = dict(re.findall(r"^#(\d+) (\D+?)(?: \d{4})?  voimassa", stale.stdout, re.MULTILINE))
    records = every_kind.records(int(seq) for seq in headings)
    assert {kind_of(records[int(seq)].event) for seq in headings} >= {"change_proposed", "proposal_decided"}
    assert headings == {seq: vocabulary.KINDS[kind_of(records[int(seq)].event)].fi for seq in headings}
