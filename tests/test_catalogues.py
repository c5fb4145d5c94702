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


# --- a line with two counts: each in its own number ------------------------------------------------


def _tally(lang: str, figures: int, checks: int, unread: int) -> str:
    """A book table's tally as the import's preview says it (cli/books.py: each count its own message)."""
    from cli.common import cli_said

    def said(key: str, n: int) -> str:
        return cli_said(key, lang, count=n)

    return cli_said("import.table_tally", lang, kind="TA", where="3", node="ELTY",
                    figures=said("import.n_figures_read", figures), checks=said("import.n_totals_checked", checks),
                    unread=said("import.n_lines_unread", unread))


@pytest.mark.parametrize(("lang", "lines"), [
    ("fi", ["  TA-taulukko kohdassa 3 (ELTY): 1 luku luettu, 2 summaa tarkastettu, 1 lukuja sisältävä rivi lukematta",
            "  TA-taulukko kohdassa 3 (ELTY): 2 lukua luettu, 1 summa tarkastettu, 2 lukuja sisältävää riviä lukematta"]),
    ("sv", ["  TA-tabell vid 3 (ELTY): 1 siffra läst, 2 summor granskade, 1 rad med siffror inte läst",
            "  TA-tabell vid 3 (ELTY): 2 siffror lästa, 1 summa granskad, 2 rader med siffror inte lästa"]),
    ("en", ["  TA table at 3 (ELTY): 1 figure read, 2 totals checked, 1 line with figures not read",
            "  TA table at 3 (ELTY): 2 figures read, 1 total checked, 2 lines with figures not read"])])
def test_a_book_tables_tally_says_each_count_in_its_own_number(lang, lines):
    assert [_tally(lang, 1, 2, 1), _tally(lang, 2, 1, 2)] == lines


@pytest.mark.parametrize(("lang", "lines"), [
    ("fi", ["1 summa tarkastettu, 2 täsmää, 1 ristiriita, 2 pyöristyseroa (MUUTOS € luettu x)",
            "2 summaa tarkastettu, 1 täsmää, 2 ristiriitaa, 1 pyöristysero (MUUTOS € luettu x)"]),
    ("sv", ["1 summa granskad, 2 stämmer, 1 motsägelse, 2 avrundningsdifferenser (MUUTOS € läst som x)",
            "2 summor granskade, 1 stämmer, 2 motsägelser, 1 avrundningsdifferens (MUUTOS € läst som x)"]),
    ("en", ["1 total checked, 2 hold, 1 contradiction, 2 rounding differences (MUUTOS € read as x)",
            "2 totals checked, 1 holds, 2 contradictions, 1 rounding difference (MUUTOS € read as x)"])])
def test_the_books_self_consistency_line_says_each_count_in_its_own_number(lang, lines):
    from cli.common import cli_said

    def checks(a: int, b: int) -> str:
        return cli_said("import.checks_tally", lang, checked=cli_said("import.n_totals_checked", lang, count=a),
                        held=cli_said("import.n_hold", lang, count=b),
                        contradictions=cli_said("import.n_contradictions", lang, count=a),
                        rounding=cli_said("import.n_rounding", lang, count=b), convention="x")

    assert [checks(1, 2), checks(2, 1)] == lines


@pytest.mark.parametrize(("lang", "lines"), [
    ("fi", ["on 1 rivi ja 2 siirtoa", "on 2 riviä ja 1 siirto"]),
    ("sv", ["har 1 rad och 2 överföringar", "har 2 rader och 1 överföring"]),
    ("en", ["has 1 line and 2 moves", "has 2 lines and 1 move"])])
def test_an_esitys_of_lines_and_moves_is_refused_counting_each_in_its_number(lang, lines):
    from ledger.domain.rules import lines_and_moves

    assert [why(lines_and_moves(a, b), lang).partition(":")[0] for a, b in ((1, 2), (2, 1))] == lines


@pytest.mark.parametrize(("lang", "lines"), [
    ("fi", ["rivi 'x': solut luettiin 1 arvoksi (2 numeroryhmää, 1 muu solu), mutta taulukossa on 2 saraketta",
            "rivi 'x': solut luettiin 2 arvoksi (1 numeroryhmä, 2 muuta solua), mutta taulukossa on 1 sarake"]),
    ("sv", ["rad 'x': cellerna lästes som 1 värde (2 siffergrupper, 1 annan cell) men tabellen har 2 kolumner",
            "rad 'x': cellerna lästes som 2 värden (1 siffergrupp, 2 andra celler) men tabellen har 1 kolumn"]),
    ("en", ["row 'x': cells read as 1 value (2 digit groups, 1 other cell) but the table has 2 columns",
            "row 'x': cells read as 2 values (1 digit group, 2 other cells) but the table has 1 column"])])
def test_a_row_whose_cells_do_not_fit_its_columns_counts_each_in_its_number(lang, lines):
    from ledger.locale.reason import Reason

    def mismatch(a: int, b: int) -> str:
        return Reason("split.count_mismatch", name="x", found=str(a), groups=Reason("count.digit_groups", count=b),
                      others=Reason("count.other_cells", count=a), count=Reason("count.columns", count=b),
                      columns="TA").said(lang).rpartition(" (")[0]

    assert [mismatch(1, 2), mismatch(2, 1)] == lines


@pytest.mark.parametrize(("lang", "scopes"), [
    ("fi", ["kohdassa #3, sen jälkeen 1 tapahtuma", "kohdassa #3, sen jälkeen 2 tapahtumaa",
            "1 summa, 2 poikkeaa vain pyöristyksen verran", "2 summaa, 1 poikkeaa vain pyöristyksen verran"]),
    ("sv", ["vid #3, därefter 1 händelse", "vid #3, därefter 2 händelser",
            "1 summa, 2 avviker endast genom avrundning", "2 summor, 1 avviker endast genom avrundning"]),
    ("en", ["at #3, 1 event since", "at #3, 2 events since", "1 total, 2 off by rounding only",
            "2 totals, 1 off by rounding only"])])
def test_verifys_scopes_count_in_the_number_of_each_count(lang, scopes):
    from ledger.domain.refusals import reason

    assert [reason("scope.head", {"at": 3, "since": n}, lang) for n in (1, 2)] + [
        reason("scope.book_totals", {"totals": a, "rounding": b}, lang) for a, b in ((1, 2), (2, 1))] == scopes


def test_finnish_says_the_number_before_the_noun_in_one_and_many():
    """"14 tapahtumaa" as "1 tapahtuma": no Finnish count puts the number after its noun in one form only."""
    from ledger.domain.refusals import reason

    assert [reason(key, {"count": n}, "fi") for key in ("scope.events", "scope.decisions") for n in (1, 14)] == [
        "1 tapahtuma", "14 tapahtumaa", "1 päätös", "14 päätöstä"]
    for key, message in _messages(_read(locale.po_file("fi"))).items():
        forms = _forms(message)
        if isinstance(message.id, tuple):
            count = message.id[1]
            first = [form.startswith(count) for form in forms]
            assert all(first) or not any(first), f"{key}: {forms}"


@pytest.mark.parametrize(("lang", "one", "two"), [
    ("fi", "Kirjurissa on jo 1 avoin istunto", "Kirjurissa on jo 2 avointa istuntoa"),
    ("sv", "Kirjuri har redan 1 öppen session", "Kirjuri har redan 2 öppna sessioner"),
    ("en", "Kirjuri already has 1 session open", "Kirjuri already has 2 sessions open")])
def test_serves_page_for_a_full_server_counts_its_sessions_in_their_number(lang, one, two):
    """`kirjuri serve --max-sessions 1` is allowed: its page for the next browser says one session."""
    texts = Texts(lang)
    assert texts("serve.full", limit=1).startswith(one + (" " if lang == "sv" else ","))
    assert texts("serve.full", limit=2).startswith(two)


@pytest.mark.parametrize(("lang", "counts"), [
    ("fi", ["· 0 ylitystä", "· 1 ylitys", "· 2 ylitystä"]),
    ("sv", ["· 0 överskridningar", "· 1 överskridning", "· 2 överskridningar"]),
    ("en", ["· 0 overruns", "· 1 overrun", "· 2 overruns"])])
def test_the_vertailus_title_counts_its_overruns_number_first_in_their_number(lang, counts):
    texts = Texts(lang)
    said = [texts("committee.vertailu", year=2026, level="toimiala", overruns=n) for n in (0, 1, 2)]
    assert [line[line.rindex("·"):] for line in said] == counts
