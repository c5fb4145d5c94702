"""The gettext catalogues (ledger/locale): every message in Finnish, Swedish and English with the same
placeholders, every key the code asks for in them, and never a stale compiled catalogue.

A message missing in one language would be a crash (or a key shown as a text) on the one screen
that says it in that language; a placeholder one language lacks or misspells would fail as the
template is filled, in front of a clerk. Both are found here, from the files a translator edits.
"""

from __future__ import annotations

import os
import subprocess
import sys
import shutil
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from ledger import locale
from ledger.domain import vocabulary
from ledger.domain.refusals import Rejected, why
from ledger.locale import extract
from tui.i18n import Texts

ROOT = Path(__file__).parents[1]
LOCALE = ROOT / "ledger" / "locale"
SCANNED = sorted(p for folder in ("cli", "ledger", "tui") for p in (ROOT / folder).rglob("*.py"))
#: placeholders a language may leave unsaid, by (area, key): within the fiscal year the Finnish says no kind
UNSAID = {("refusal", "effective.outside_fiscal_year"): {"fi": {("kind", None, "kind")}}}


def _read(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f)


def _messages(catalog: Catalog) -> dict[tuple[str | None, str], object]:
    """The messages by (area, key); a plural message by its key (its msgid), as gettext asks for it."""
    return {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalog if m.id}


def _forms(message) -> tuple[str, ...]:
    """A message's texts: its one, or a plural message's every form (msgstr[0], msgstr[1])."""
    return tuple(message.string) if isinstance(message.string, (tuple, list)) else (message.string,)


def _fields(template: str) -> set[tuple[str, str | None, str]]:
    """A template's ``str.format`` placeholders with their conversion and spec."""
    return {(name, conversion, spec) for _text, name, spec, conversion in string.Formatter().parse(template)
            if name is not None}


@pytest.fixture(scope="module")
def template() -> dict:
    return _messages(_read(LOCALE / "messages.pot"))


@pytest.fixture(scope="module")
def catalogues() -> dict[str, dict]:
    return {lang: _messages(_read(locale.po_file(lang))) for lang in locale.LANGUAGES}


def untranslated(template: dict, catalogues: dict[str, dict]) -> list[str]:
    """Every message of the template a language lacks, leaves empty or marks fuzzy (left out when compiled),
    a plural message lacking one of its forms or plural in one language only, and every message a language
    has that the template does not."""
    problems = []
    for lang, messages in catalogues.items():
        for key in template:
            found = messages.get(key)
            if found is None or not all(_forms(found)) or found.fuzzy:
                problems.append(f"{lang}: {key[0]} {key[1]} is not translated")
            elif found.id != template[key].id or len(_forms(found)) != len(_forms(template[key])):
                problems.append(f"{lang}: {key[0]} {key[1]} has not the template's forms {template[key].id}")
        problems += [f"{lang}: {key[0]} {key[1]} is not in messages.pot" for key in messages.keys() - template.keys()]
    return problems


def misplaced(template: dict, catalogues: dict[str, dict]) -> list[str]:
    """Every message whose placeholders differ between the languages."""
    problems = []
    for key in template:
        said = {lang: set().union(*map(_fields, _forms(messages[key]))) for lang, messages in catalogues.items()
                if key in messages}
        if "en" not in said:
            continue
        for lang, fields in said.items():
            wanted = said["en"] - UNSAID.get(key, {}).get(lang, set())
            if fields != wanted:
                problems.append(f"{lang}: {key[0]} {key[1]} has {sorted(fields)}, en {sorted(said['en'])}")
    return problems


# --- complete in every language -------------------------------------------------------------------


def test_every_message_is_translated_in_finnish_swedish_and_english(template, catalogues):
    assert len(template) > 500, "the template holds too few messages: was messages.pot extracted?"
    assert untranslated(template, catalogues) == []


def test_every_message_has_the_same_placeholders_in_every_language(template, catalogues):
    assert misplaced(template, catalogues) == []


def test_the_checks_fail_on_a_message_left_untranslated_or_a_placeholder_misspelt(template, catalogues):
    """The two tests above can fail: a Swedish text emptied, a fuzzy one, and a renamed field are named."""
    key = ("refusal", "unit.ambiguous")
    broken = {lang: dict(messages) for lang, messages in catalogues.items()}
    emptied = Catalog(locale="sv")
    emptied.add(key[1], "", context=key[0])
    broken["sv"][key] = emptied.get(key[1], context=key[0])
    guessed = Catalog(locale="fi")
    guessed.add(key[1], "sopii {count} yksikköön: {shown}", context=key[0], flags=["fuzzy"])
    broken["fi"][key] = guessed.get(key[1], context=key[0])
    assert untranslated(template, broken) == ["fi: refusal unit.ambiguous is not translated",
                                              "sv: refusal unit.ambiguous is not translated"]
    misspelt = Catalog(locale="sv")
    misspelt.add(key[1], "passar {antal} enheter: {shown}", context=key[0])
    broken = {lang: dict(messages) for lang, messages in catalogues.items()}
    broken["sv"][key] = misspelt.get(key[1], context=key[0])
    assert misplaced(template, broken) == [
        "sv: refusal unit.ambiguous has [('antal', None, ''), ('shown', None, '')], "
        "en [('count', None, ''), ('shown', None, '')]"]


# --- every key the code asks for -------------------------------------------------------------------


def _used() -> list[tuple[str, int, str, str]]:
    return [(path.relative_to(ROOT).as_posix(), line, context, key) for path in SCANNED
            for line, context, key in extract.keys_used(path.read_text(encoding="utf-8"), str(path))]


def test_every_key_the_code_names_is_in_the_template_and_every_catalogue(template):
    used = _used()
    assert len(used) > 300, "the scan found too few keys: did the calls change shape?"
    missing = [f"{where}:{line}: {context} {key}" for where, line, context, key in used
               if (context, key) not in template or not all(locale.has(context, key, lang) for lang in locale.LANGUAGES)]
    assert missing == []


def test_the_scan_reads_refusals_findings_scopes_and_labels():
    """What the extractor reads from code, and that a key no catalogue has is found (so the test above can fail)."""
    code = ('Rejected("unit", x, "unit.unknown")\n'
            'Finding.of(seq, "chain.edited" if a else "chain.again")\n'
            'Check.of("chain", title, found, "scope.events", count=1)\n'
            't("figures.title")\nself.texts("col.TA")\nt(f"kind.{tag}")\n'
            'texts("figures.nowhere")\n')
    assert list(extract.keys_used(code)) == [
        (1, "refusal", "unit.unknown"), (2, "finding", "chain.edited"), (2, "finding", "chain.again"),
        (3, "word.scopes", "scope.events"), (4, "ui", "figures.title"), (5, "word.columns", "TA"),
        (7, "ui", "figures.nowhere")]
    assert not locale.has("ui", "figures.nowhere")


# --- read at run time through gettext ---------------------------------------------------------------


def test_callers_read_the_catalogues_in_each_language():
    error = Rejected("unit", "XX", "unit.unknown")
    assert [why(error, lang) for lang in ("fi", "sv", "en")] == [
        locale.text("refusal", "unit.unknown", lang) for lang in ("fi", "sv", "en")] == [
        "ei ole tunnettu yksikkö", "är ingen känd enhet", "is not a known unit"]
    assert Texts("sv")("col.TOTEUMA") == vocabulary.COLUMNS["TOTEUMA"].said("sv") == "Utfall"
    assert vocabulary.KINDS["ks_set"] == vocabulary.Word("KS", "Dispositionsplan", "KS")


def test_a_key_no_catalogue_holds_is_an_error_not_the_key_shown():
    with pytest.raises(KeyError, match="ui figures.nowhere"):
        locale.text("ui", "figures.nowhere", "fi")
    with pytest.raises(KeyError):
        Texts("fi")("figures.nowhere")
    with pytest.raises(ValueError, match="unknown language 'de'"):
        locale.catalogue("de")


@pytest.fixture
def own_locale(tmp_path, monkeypatch):
    """A copy of the catalogues to edit, read afresh."""
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.setattr(locale, "HERE", copy)
    locale.catalogue.cache_clear()
    yield copy
    locale.catalogue.cache_clear()


def _edit_po(path: Path, context: str, key: str, text: str) -> None:
    catalog = _read(path)
    catalog.get(key, context=context).string = text
    with path.open("wb") as f:
        write_po(f, catalog)


def test_a_po_edited_after_its_mo_was_compiled_is_read_not_the_stale_mo(own_locale):
    po = own_locale / "sv" / "LC_MESSAGES" / "messages.po"
    mo = po.with_suffix(".mo")
    mo.write_bytes(locale.compiled(po))
    _edit_po(po, "refusal", "unit.unknown", "är ingen enhet som bokföringen känner")
    os.utime(mo, (1_000_000_000, 1_000_000_000))  # compiled long before the edit
    assert locale.text("refusal", "unit.unknown", "sv") == "är ingen enhet som bokföringen känner"


def test_a_fresh_mo_is_read_as_compiled_and_a_missing_one_is_compiled_from_the_po(own_locale):
    po = own_locale / "fi" / "LC_MESSAGES" / "messages.po"
    mo = po.with_suffix(".mo")
    mo.write_bytes(locale.compiled(po))
    _edit_po(po, "refusal", "unit.unknown", "ei ole tunnettu yksikkö (uusi)")
    os.utime(po, (1_000_000_000, 1_000_000_000))  # the .mo is the newer: it is what was installed
    assert locale.text("refusal", "unit.unknown", "fi") == "ei ole tunnettu yksikkö"
    locale.catalogue.cache_clear()
    mo.unlink()
    assert locale.text("refusal", "unit.unknown", "fi") == "ei ole tunnettu yksikkö (uusi)"


def test_the_readmes_extract_command_gives_the_template_in_the_repository(tmp_path, template):
    """messages.pot is what ``pybabel extract`` (as the README says it) makes of the code and the en catalogue
    now: a key added to either without extracting is found here."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if line.startswith(".venv/bin/pybabel extract"))
    words = line.split()
    words[words.index("-o") + 1] = str(tmp_path / "messages.pot")
    ran = subprocess.run([str(Path(sys.executable).with_name("pybabel")), *words[1:]], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    assert _messages(_read(tmp_path / "messages.pot")).keys() == template.keys()


# --- the CLI's own words in the language asked for ----------------------------------------------------


def test_show_and_history_speak_the_language_asked_for(tmp_path):
    """`kirjuri show` and `history` head their tables and events in --lang's words, Finnish by default."""
    from typer.testing import CliRunner

    from cli.app import app

    runner = CliRunner()
    db = str(tmp_path / "demo.sqlite")
    assert runner.invoke(app, ["--db", db, "demo", "--tour"]).exit_code == 0
    said = {lang: " ".join(runner.invoke(app, ["--db", db, "--lang", lang, "show", "JOUKKOLIIKENNE", "--year", "2026",
                                               "--as-of", "1.6.2026"]).stdout.split())
            for lang in ("fi", "sv", "en")}
    assert "tilanne 1.6.2026" in said["fi"] and "Yksikkö / tili" in said["fi"] and "TA+muutos" in said["fi"]
    assert "per 1.6.2026" in said["sv"] and "Enhet / konto" in said["sv"] and "TA+ändringar" in said["sv"]
    assert "as of 1.6.2026" in said["en"] and "Unit / account" in said["en"] and "TA+muutos" in said["en"]
    history = runner.invoke(app, ["--db", db, "history", "ELIN", "--limit", "1"], env={"KIRJURI_LANG": "sv"}).stdout
    assert history.startswith("Historik för Elinvoimapalvelut (ELIN), nyaste först")
    assert "Dispositionsplan 2026  gäller från 1.1.2026  bokförd 15.1.2026" in history
    assert "    beslut: SS 1.1.2026 §" in history and "kirjattu" not in history  # the board, the Swedish way


def test_the_report_for_the_minutes_is_in_the_language_asked_for_else_finnish(tmp_path):
    """`kirjuri verify -o FILE.md` writes the report in --lang's words; with no language asked, in Finnish
    like every other line of the CLI."""
    from typer.testing import CliRunner

    from cli.app import app

    runner = CliRunner()
    db = str(tmp_path / "demo.sqlite")
    assert runner.invoke(app, ["--db", db, "demo", "--tour"]).exit_code == 0
    reports = {}
    for lang in ("sv", "fi", "en", None):
        path = tmp_path / f"verify-{lang}.md"
        asked = ["--lang", lang] if lang else []
        runner.invoke(app, ["--db", db, *asked, "verify", "-o", str(path)])
        reports[lang] = path.read_text(encoding="utf-8")
    assert reports["sv"].startswith("# Kirjuri: granskning av bokföringen\n\nHuvud: #")
    assert "| Granskning | Resultat | Vad som granskades | Omfattning |" in reports["sv"]
    assert "| Kedja | i ordning | Kedja: varje händelses hashvärde" in reports["sv"]  # the check by its word
    assert "| Ketju | kunnossa | Ketju:" in reports["fi"] and "| chain | pass | Every event" in reports["en"]
    assert "| Tarkastus | Tulos | Mitä tarkastettiin | Laajuus |" in reports["fi"]
    assert reports["en"].startswith("# Kirjuri: verification of the ledger\n\nHead: #")
    assert "| Check | Result | What was checked | Scope |" in reports["en"]
    assert "| Tarkastus | Tulos | Mitä tarkastettiin | Laajuus |" in reports[None]
    assert reports[None].splitlines()[0] == reports["fi"].splitlines()[0] != reports["en"].splitlines()[0]


# --- plural forms: "1 tapahtuma", "2 tapahtumaa" ---------------------------------------------------


def test_every_plural_message_names_its_count_and_says_it_in_each_form(catalogues):
    """A plural message's msgid_plural names the field whose number chooses the form, every language has
    the Plural-Forms of one and many, and each form says the number (a form without it reads as a lie)."""
    plural = [key for key, message in catalogues["en"].items() if isinstance(message.id, tuple)]
    assert len(plural) > 30
    for lang in locale.LANGUAGES:
        assert locale.catalogue(lang).plural(1) == 0 and locale.catalogue(lang).plural(2) == 1
        for key in plural:
            message = catalogues[lang][key]
            field = message.id[1]
            assert field.startswith("{") and locale.count_field(*key, lang) == field.strip("{}")
            assert all(field in form for form in _forms(message)), f"{lang}: {key} {_forms(message)}"


def test_the_check_fails_on_a_plural_message_lacking_a_form(template, catalogues):
    key = ("cli", "import.recorded")
    lacking = Catalog(locale="sv")
    lacking.add(("import.recorded", "{count}"), ("bokförde {count} händelse; bokföringen är nu vid #{seq}", ""),
                context="cli")
    one_form = Catalog(locale="fi")
    one_form.add("import.recorded", "kirjattu {count} tapahtumaa; kirjanpito on nyt kohdassa #{seq}", context="cli")
    broken = {lang: dict(messages) for lang, messages in catalogues.items()}
    broken["sv"][key] = lacking.get("import.recorded", context="cli")
    broken["fi"][key] = one_form.get("import.recorded", context="cli")
    assert untranslated(template, broken) == [
        "fi: cli import.recorded has not the template's forms ('import.recorded', '{count}')",
        "sv: cli import.recorded is not translated"]


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("fi", "kirjattu 1 tapahtuma; kirjanpito on nyt kohdassa #7", "kirjattu 2 tapahtumaa; kirjanpito on nyt kohdassa #7"),
    ("sv", "bokförde 1 händelse; bokföringen är nu vid #7", "bokförde 2 händelser; bokföringen är nu vid #7"),
    ("en", "recorded 1 event; the ledger is at #7", "recorded 2 events; the ledger is at #7")])
def test_the_imports_recorded_line_says_one_event_and_two_events(lang, one, two):
    from cli.common import cli_said

    assert cli_said("import.recorded", lang, count=1, seq=7) == one
    assert cli_said("import.recorded", lang, count=2, seq=7) == two


@pytest.mark.parametrize(("lang", "lines"), [
    ("fi", ["1 tapahtuma (0 yksikköä); 0 lukua jo kirjanpidossa",
            "2 tapahtumaa (1 yksikkö); 1 luku jo kirjanpidossa"]),
    ("sv", ["1 händelse (0 enheter); 0 siffror redan i bokföringen",
            "2 händelser (1 enhet); 1 siffra redan i bokföringen"]),
    ("en", ["1 event (0 units); 0 figures already in the ledger", "2 events (1 unit); 1 figure already in the ledger"])])
def test_the_previews_to_record_line_says_one_event_and_two_events(lang, lines):
    from cli.common import cli_said

    def tally(n: int) -> str:
        return cli_said("import.plan_tally", lang, events=n, units=cli_said("import.unit_count", lang, count=n - 1),
                        already=cli_said("import.figures_already", lang, count=n - 1))

    assert [tally(n) for n in (1, 2)] == lines


@pytest.mark.parametrize(("lang", "findings", "confirmed"), [
    ("fi", ["authority: 1 huomautus", "authority: 2 huomautusta"],
     ["authority: 1 kirjattaessa vahvistettu varoitus", "authority: 2 kirjattaessa vahvistettua varoitusta"]),
    ("sv", ["authority: 1 iakttagelse", "authority: 2 iakttagelser"],
     ["authority: 1 varning bekräftad vid bokföringen", "authority: 2 varningar bekräftade vid bokföringen"]),
    ("en", ["authority: 1 finding", "authority: 2 findings"],
     ["authority: 1 warning confirmed when written", "authority: 2 warnings confirmed when written"])])
def test_verifys_findings_and_confirmed_warnings_are_counted_in_the_right_number(lang, findings, confirmed):
    from ledger.audit.verify import said

    assert [said("verify.findings", lang, check="authority", count=n) for n in (1, 2)] == findings
    assert [said("verify.confirmed", lang, check="authority", count=n) for n in (1, 2)] == confirmed


@pytest.mark.parametrize(("lang", "reloaded", "trail"), [
    ("fi", ["1 uusi tapahtuma", "2 uutta tapahtumaa"], ["Muutoshistoria · 1 tapahtuma", "Muutoshistoria · 2 tapahtumaa"]),
    ("sv", ["1 ny händelse", "2 nya händelser"], ["Ändringshistorik · 1 händelse", "Ändringshistorik · 2 händelser"]),
    ("en", ["1 new event", "2 new events"], ["Audit trail · 1 event", "Audit trail · 2 events"])])
def test_the_tuis_status_lines_count_events_in_the_right_number(lang, reloaded, trail):
    texts = Texts(lang)
    assert [texts("note.reloaded", count=n) for n in (1, 2)] == reloaded
    assert [texts("trail.title", count=n) for n in (1, 2)] == trail


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("fi", "sisältää jo 1 tapahtuman: palautus vaatii tyhjän kirjanpidon",
     "sisältää jo 2 tapahtumaa: palautus vaatii tyhjän kirjanpidon"),
    ("sv", "har redan 1 händelse: återställning kräver en tom bokföring",
     "har redan 2 händelser: återställning kräver en tom bokföring"),
    ("en", "already holds 1 event: restore needs an empty ledger", "already holds 2 events: restore needs an empty ledger")])
def test_a_refusal_and_a_checks_scope_take_the_number_of_their_count(lang, one, two):
    from ledger.domain.refusals import reason

    assert [why(Rejected("db", "x", "db.not_empty", count=n), lang) for n in (1, 2)] == [one, two]
    assert reason("scope.events", {"count": 1}, lang) != reason("scope.events", {"count": 2}, lang)


def test_the_extractor_keeps_a_plural_message_plural_in_the_template(template):
    """``pybabel extract`` (README) writes each plural message with its msgid_plural, so update keeps its forms."""
    assert template[("cli", "import.recorded")].id == ("import.recorded", "{count}")
    assert list(extract._message(3, "cli", "import.recorded", "count", []))[1:3] == [
        "npgettext", ("cli", "import.recorded", "{count}")]
