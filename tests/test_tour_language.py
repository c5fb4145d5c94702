"""The README's tour in Swedish and in Finnish: a clerk who asks for a language reads no English.

Every command of the tour (restore, units, show, amend, history, diff, reverse, export, head) is
run with ``--lang sv`` and ``--lang fi``, and every word it prints is checked against the English
that Kirjuri can say: a word of the en catalogue that neither the Finnish nor the Swedish one has
is an English word left on screen, unless it is one of the domain's terms (the abbreviations of
Finnish municipal finance, the organisation's levels).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import HALL_KS_SAID, HALL_KS_SEQ
from typer.testing import CliRunner

from cli.app import app
from cut import cuts_in

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "kemijarvi.json"

#: the domain's terms, said the same in every language: the columns' and accounts' abbreviations,
#: the organisation's levels as the books name them
DOMAIN = {"TA", "KS", "TP", "TPE", "TS", "MENOT", "TULOT", "NETTOMENO", "KV", "KH", "toimiala", "vastuualue",
          "yksikkö", "kaupunki", "lisämääräraha"}
#: the tour, as the README prints it (after `kirjuri restore`), the --known-at of its diff included
TOUR = [
    ["units", "--year", "2026"],
    ["show", "HALL", "--year", "2025"],
    ["amend", "2026", "JOUKKOLIIKENNE:MENOT=-12 000", "--effective", "15.6.2026", "--decision",
     "KV 9.6.2026 § 41", "--note", "Lisämääräraha"],
    ["show", "ELTY", "--year", "2026"],
    ["show", "KEV", "--year", "2026", "--known-at", "1.2.2026"],
    ["history", "JOUKKOLIIKENNE"],
    ["history", "ELTY"],
    ["diff", "KEV", "--year", "2026", "--from-known-at", "1.2.2026"],
    ["reverse", "#162", "--reason", "Väärä yksikkö"],
    ["head"],
    # the README's reports: the book's own headings, Kirjuri's basis and findings in the language asked
    ["report", "units", "KEV"],
    ["report", "maararahat", "KEV", "--year", "2026", "--before", "HALL"],
    ["report", "toteutumisvertailu", "HALL", "--year", "2025", "--as-of", "30.6.2025"],
]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\b[^\W\d_]+\b", text))


@cache
def _catalogue_words(lang: str) -> frozenset[str]:
    """Every word one language's catalogue can put on screen (its placeholders' names left out), a plural
    message's every form. Read once a run: the catalogues do not change while the tests run, and
    english_left parsed all three anew for every output it checked."""
    path = ROOT / "ledger" / "locale" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as file:
        texts = [text for message in read_po(file) if message.id
                 for text in (message.string if isinstance(message.string, tuple) else (message.string,))]
    return frozenset(_words(re.sub(r"\{[^}]*\}", " ", " ".join(texts))))


def _chart_words() -> set[str]:
    """The account chart's Finnish and Swedish names (events/chart.toml): "Avskrivningar enligt plan"."""
    from ledger.domain.vocabulary import ACCOUNTS

    return _words(" ".join(word.said(lang) for word in ACCOUNTS.values() for lang in ("fi", "sv")))


def english_left(output: str, lang: str) -> set[str]:
    """The words of ``output`` that only English says: in the en catalogue and in neither the Finnish nor
    the Swedish one (the en catalogue names Finnish bodies, "Kaupunginhallitus", as the books do), not
    a domain term; compared without case ("Budget" in a heading is the Swedish word too)."""
    theirs = {word.lower() for word in _catalogue_words("fi") | _catalogue_words("sv") | _chart_words() | DOMAIN}
    english = {word.lower() for word in _catalogue_words("en")} - theirs
    output = re.sub(r"\bkirjuri \w+", " ", output)  # a command's name ("kirjuri diff") is what the clerk types
    output = re.sub(r"--confirm\s+[\w.]+", " ", output)  # so is a warning's code (--confirm authority.overrun)
    return {word for word in _words(output) if word.lower() in english}


@pytest.fixture
def tour(tmp_path):
    """Each command of the tour and what it printed (stdout and stderr), in ``lang``, paths left out."""
    def run(lang: str) -> list[tuple[str, str]]:
        db = str(tmp_path / f"{lang}.sqlite")
        said = []
        for args in (["restore", str(EXAMPLE)], *TOUR, ["export", "--format", "json", "-o",
                                                         str(tmp_path / f"{lang}.json")]):
            result = runner.invoke(app, ["--db", db, "--author", "testi", "--lang", lang, *args])
            assert result.exit_code == 0, (args, result.output)
            said.append((" ".join(args), (result.stdout + result.stderr).replace(str(tmp_path), "")))
        return said
    return run


@pytest.mark.parametrize("lang", ["sv", "fi"])
def test_the_readme_tour_prints_no_english_word(tour, lang):
    left = {command: sorted(english_left(output, lang)) for command, output in tour(lang)}
    assert not {command: words for command, words in left.items() if words}, left


def test_the_tour_says_its_writes_and_transfers_in_swedish(tour):
    said = dict(tour("sv"))
    assert said["restore " + str(EXAMPLE)].startswith("återställde 161 händelser")
    assert "(nedlagd 1.1.2026)" in said["units --year 2026"]
    assert said[" ".join(TOUR[2])].startswith("bokförd #162 ") and "(Budgetändring)" in said[" ".join(TOUR[2])]
    assert "från och med siffrorna för 2026" in said["history ELTY"]
    assert "Före" in said[" ".join(TOUR[7])] and "Förändring" in said[" ".join(TOUR[7])]


def test_the_check_finds_english_where_it_is_left():
    """The check itself can fail: the English of the tour's own texts is caught in both languages."""
    for lang in ("sv", "fi"):
        assert english_left("recorded #162 (closed 1.1.2026) no differences", lang) >= {"recorded", "closed",
                                                                                         "differences"}
        assert not english_left("TA MENOT KV 9.6.2026 § 41 JOUKKOLIIKENNE", lang)


@pytest.mark.parametrize(("lang", "words"), [
    ("sv", ("IAKTTAGELSER", "Granskning", "Vad som granskades", "i ordning", "Överskridningar: 1 iakttagelse")),
    ("fi", ("HUOMAUTETTAVAA", "Tarkastus", "Mitä tarkastettiin", "kunnossa", "Ylitykset: 1 huomautus")),
    ("en", ("FAILED", "what was checked", "pass", "163 events", "overruns: 1 finding"))])
def test_verify_on_the_terminal_speaks_the_language_asked(tour, tmp_path, lang, words):
    """The committee's `kirjuri verify` says its verdict, headings, checks and the example book's own finding
    (Hallintopalvelut's KS 2025 past its appropriation, ``conftest.HALL_KS``) in the language asked for."""
    tour(lang)
    result = runner.invoke(app, ["--db", str(tmp_path / f"{lang}.sqlite"), "--lang", lang, "verify"])
    assert result.exit_code == 1, result.output
    assert all(word in result.stdout for word in words), result.stdout
    assert f"  #{HALL_KS_SEQ} book-51b683c5dff8-t3-KS2025 {HALL_KS_SAID[lang]}\n" in result.stdout, result.stdout


@pytest.mark.parametrize(("lang", "sheets", "header"), [
    ("sv", ["Granskningar", "Iakttagelser"], ("Granskning", "Vad som granskades", "Resultat", "Iakttagelser", "Omfattning")),
    ("fi", ["Tarkastukset", "Havainnot"], ("Tarkastus", "Mitä tarkastettiin", "Tulos", "Havainnot", "Laajuus")),
])
def test_the_verify_workbook_for_the_minutes_is_in_the_language_asked(tour, tmp_path, lang, sheets, header):
    import openpyxl

    tour(lang)
    path = tmp_path / f"verify-{lang}.xlsx"
    result = runner.invoke(app, ["--db", str(tmp_path / f"{lang}.sqlite"), "--lang", lang, "verify", "-o", str(path)])
    assert result.exit_code == 1 and HALL_KS_SAID[lang] in result.stdout, result.output  # the book's own finding
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == sheets
    rows = [tuple(c for c in row if c is not None) for row in workbook[sheets[0]].iter_rows(values_only=True)]
    assert header in rows, rows
    # the checks' names ("chain", "authority") are the identifiers the minutes' report cites in every language
    words = " ".join(str(c) for row in rows[rows.index(header) + 1:] for c in row[1:]) + " " + " ".join(
        str(c) for row in rows[:rows.index(header) + 1] for c in row)
    assert not english_left(words, lang), rows


def test_the_reports_say_their_basis_and_findings_in_swedish(tour):
    said = dict(tour("sv"))
    maararahat = said["report maararahat KEV --year 2026 --before HALL"]
    assert maararahat.splitlines()[1] == "som publicerad"
    assert "iakttagelse: 2025 HALL Hallintopalvelut: Utgifter TA angivet -6 817 670" in maararahat
    assert "siffror per 30.6.2025" in said["report toteutumisvertailu HALL --year 2025 --as-of 30.6.2025"]


def test_the_proposals_flow_speaks_swedish_and_finnish(tour, tmp_path):
    """The README's propose → proposals → decide, in the language asked: the table's headings and statuses."""
    for lang, words in (("sv", ("Förslag", "väntar på beslut", "ändring")), ("fi", ("Esitykset", "odottaa päätöstä", "muutos"))):
        tour(lang)
        db = str(tmp_path / f"{lang}.sqlite")
        proposed = runner.invoke(app, ["--db", db, "--lang", lang, "propose", "2026", "JOUKKOLIIKENNE:MENOT=-12 000",
                                       "--body", "KV", "--effective", "15.6.2026", "--decision", "KH 2.6.2026 § 80"])
        assert proposed.exit_code == 0, proposed.output
        listed = runner.invoke(app, ["--db", db, "--lang", lang, "proposals"]).stdout
        assert all(word in listed for word in words) and not english_left(proposed.stdout + listed, lang), listed


def test_the_committees_diff_speaks_swedish(tour, tmp_path):
    """`kirjuri diff --from #161 --to #162`: the amendment of the tour, its binding figures said in Swedish."""
    tour("sv")
    result = runner.invoke(app, ["--db", str(tmp_path / "sv.sqlite"), "--lang", "sv", "diff", "--from", "#161", "--to", "#162"])
    assert result.exit_code == 0, result.output
    assert "ändrade siffror" in result.stdout and "förändring" in result.stdout and "TA-ändringar" in result.stdout
    assert "Budgetändring 2026 · KF 9.6.2026 § 41" in result.stdout, "a Finnish citation is said the Swedish way"
    assert not english_left(result.stdout, "sv"), result.stdout


SEED = ROOT.parent / "shared" / "seeds" / "000_9c20ad174b7e627f.txt"
ACTUALS = ROOT / "examples" / "actuals"
#: the README's other flows, after the tour: a book's preview and import, the long table out and in, actuals
#: by a mapping, the investment project, and the administrator's backup, checkpoint and recovery
FLOWS = [
    ["import", str(SEED)],
    ["export-figures", "{tmp}/figures.csv"],
    ["import", str(ACTUALS / "kemijarvi-2026-q1.csv"), "--mapping", str(ACTUALS / "kemijarvi-mapping.toml")],
    ["unit", "add", "INV", "Investoinnit", "--level", "toimiala", "--parent", "KEMIJARVI", "--effective", "1.1.2025"],
    ["project", "open", "5000", "Alakylän koulu", "--group", "INV", "--unit", "HALL", "--estimate", "3 000 000",
     "--first-year", "2025", "--last-year", "2026", "--effective", "1.1.2025", "--decision", "KV 1.1.2025 § 1"],
    ["adopt", "2025", "5000:Investointimenot=-3 300 000", "--effective", "1.1.2025", "--decision", "KV 1.1.2025 § 2"],
    ["project", "show", "5000"],
    ["report", "projects"],
    ["report", "fdp", "--year", "2026", "-o", "{tmp}/fdp"],
    ["backup", "{tmp}/backup.sqlite"],
    ["checkpoint"],
    ["recover", "--to", "{tmp}/recovered.sqlite"],
    ["verify"],
    ["accounts"],
]


def _data_left_out(output: str, tmp: Path) -> str:
    """What the clerk reads, less what is data: paths, event ids (a book's ids name it "book-…"), file names."""
    output = output.replace(str(tmp), "").replace(str(ROOT.parent), "")
    return re.sub(r"\bid \S+|#\d+ book-\S+|\S+\.(?:txt|toml|csv|json|sqlite|xlsx)\b", " ", output)


@pytest.fixture
def flows(tour, tmp_path, monkeypatch):
    """The tour, then each flow of FLOWS in ``lang`` as an 80-column terminal shows it: (command, what it printed)."""
    import cli.common

    monkeypatch.setattr(cli.common.out, "width", 80)

    def run(lang: str) -> list[tuple[str, str]]:
        tour(lang)
        db, said = str(tmp_path / f"{lang}.sqlite"), []
        out = tmp_path / lang
        out.mkdir()
        for args in FLOWS:
            args = [a.replace("{tmp}", str(out)) for a in args]
            result = runner.invoke(app, ["--db", db, "--author", "testi", "--lang", lang, *args])
            # verify: the example book's own finding (conftest.HALL_KS) fails its overruns check
            assert result.exit_code == (1 if args == ["verify"] else 0), (args, result.output)
            said.append((" ".join(Path(a).name for a in args[:2]), _data_left_out(result.stdout + result.stderr, tmp_path)))
        return said
    return run


@pytest.mark.parametrize("lang", ["sv", "fi"])
def test_the_readmes_other_flows_print_no_english_word(flows, lang):
    """Import's preview (tables, self-consistency, what it would record, the lines not read and why), the long
    table out and actuals in, the project, fdp, backup, checkpoint, recover, verify and the account chart: in the language asked for."""
    said = flows(lang)
    left = {command: sorted(english_left(output, lang)) for command, output in said}
    assert not {command: words for command, words in left.items() if words}, left
    assert not [(command, cuts_in(output)) for command, output in said if cuts_in(output)], "an amount cut at 80 columns"


def test_the_import_preview_and_the_administrators_lines_speak_swedish(flows, tmp_path):
    said = dict(flows("sv"))
    empty = str(tmp_path / "empty.sqlite")
    runner.invoke(app, ["--db", empty, "init"])
    preview = runner.invoke(app, ["--db", empty, "--lang", "sv", "import", str(SEED)]).stdout
    preview = re.sub(r"\s+", " ", preview)  # as read, not as an 80-column terminal folds it
    assert "intern konsekvens: 175 summor granskade" in preview and "MOTSÄGELSE" in preview
    assert "6 rader nyckeltal (tunnusluvut / suoritteet), inte budgetkonton: inte importerade" in preview
    book = runner.invoke(app, ["--db", empty, "--lang", "sv", "import", str(SEED.with_name("003_1b329ab6df95eed4.txt"))])
    book = re.sub(r"\s+", " ", book.stdout)
    assert "en rad ur nyckeltalstabellen tryckt inne i denna tabell" in book, "a reader's reason said in Swedish"
    assert "ingen benämning, bara siffror" in book and "key-figure" not in book and "only figures" not in book
    assert "Budget godkänd 2025 56 rader, KF 31.12.2024 § –" in preview, "a Finnish KV is said KF in Swedish"
    assert "Dispositionsplan 2025 56 rader, SS 1.1.2025 § –" in preview, "the board is SS beside the KS column"
    assert said["project show"].startswith("5000 Alakylän koulu  grupp INV  enhet HALL  år 2025–2026")
    assert "iakttagelse:" in said["project show"]
    assert said["backup backup.sqlite"].startswith("skrev ") and ": 166 händelser, huvud " in said["backup backup.sqlite"]
    assert said["checkpoint"].startswith("skrev ett mellanläge vid #166 ")
    assert "återställde 166 händelser" in said["recover --to"] and "är inte skadad" in said["recover --to"]
    assert "Kedja " in said["verify"] and "Behörighet " in said["verify"]
    assert said["accounts"].startswith("Driftsekonomidelen\n  MENOT") and "Investeringsdelen" in said["accounts"]


def test_what_was_recorded_is_said_by_its_kind_in_english_too(tour, tmp_path):
    """`recorded #162 … (TA-muutos)`: the kind in words (English keeps the Finnish term), never the event's
    internal tag ("ta_amended")."""
    db = str(tmp_path / "en.sqlite")
    runner.invoke(app, ["--db", db, "restore", str(EXAMPLE)])
    result = runner.invoke(app, ["--db", db, "--lang", "en", *TOUR[2]])
    assert result.exit_code == 0 and "ta_amended" not in result.stdout and "(TA-muutos)" in result.stdout, result.stdout


@pytest.mark.parametrize("lang", ["sv", "fi"])
def test_the_demos_tour_speaks_the_language_asked_for(tmp_path, lang):
    """`kirjuri demo --tour --lang sv`: its heading, its tables and its hint, not only the UI it would open."""
    result = runner.invoke(app, ["--db", str(tmp_path / "demo.sqlite"), "demo", "--tour", "--lang", lang])
    assert result.exit_code == 0, result.output
    assert ("Prova: kirjuri" if lang == "sv" else "Kokeile: kirjuri") in result.stdout
    # the product's name and the commands the hint says to type are what the clerk types, not words to read
    said = re.sub(r"kirjuri --db .*", " ", _data_left_out(result.stdout, tmp_path).replace("Kirjuri demo", " "))
    assert not english_left(said, lang), said[:2000]


#: the rules of authority as the committee reads them: in force, a rules file's adoption previewed, in force on a day
RULES = [["rules"], ["rules", "adopt", "{tmp}/rules.toml", "--decision", "KV 30.11.2026 § 5", "--dry-run"],
         ["rules", "--on", "1.1.2026"], ["rules", "--known-at", "1.12.2026 12:00"]]


@pytest.mark.parametrize("lang", ["sv", "fi"])
def test_the_rules_of_authority_print_no_english_word(tour, tmp_path, lang):
    """`kirjuri rules`: each entry and its value (who decides, deadlines, what a rule does) in the language
    asked for; a finding's code ("authority.overrun") is left, as it is what --confirm takes."""
    tour(lang)
    db = str(tmp_path / f"{lang}.sqlite")
    toml = runner.invoke(app, ["--db", db, "rules", "--toml"]).stdout
    (tmp_path / "rules.toml").write_text(re.sub(r"(?m)^tolerance = .*$", 'tolerance = "0,00"', toml))
    said = {}
    for args in RULES:
        result = runner.invoke(app, ["--db", db, "--lang", lang, *[a.replace("{tmp}", str(tmp_path)) for a in args]])
        assert result.exit_code == 0, (args, result.output)
        said[" ".join(args)] = re.sub(r"\bauthority\.\w+", " ", _data_left_out(result.stdout, tmp_path))
    assert "→" in said[" ".join(RULES[1])], "the preview names the entry the adoption changes"
    left = {command: sorted(english_left(output, lang)) for command, output in said.items()}
    assert not {command: words for command, words in left.items() if words}, left
    council = "fullmäktige" if lang == "sv" else "valtuusto"
    assert any(line.split()[-1:] == [council] for line in said["rules"].splitlines()), said["rules"]


#: what a clerk gets wrong on the tour's way: a ledger not there, a usage error (an option, an argument, a file
#: missing), a refusal, an actuals file whose row cannot be read, and a recovery from no ledger
MISTAKES = [
    ["--db", "{tmp}/none.sqlite", "show", "KEV", "--year", "2026"],
    ["show", "KEV"],
    ["show"],
    ["amend", "2026"],
    ["import", "{tmp}/nosuch.pdf"],
    ["show", "NOPE", "--year", "2026"],
    ["amend", "2026", "JOUKKOLIIKENNE:MENOT=12,3,4", "--effective", "15.6.2026", "--decision", "KV 9.6.2026 § 41"],
    ["import", "{tmp}/bad.csv", "--mapping", str(ACTUALS / "kemijarvi-mapping.toml"), "--apply"],
    ["--db", "{tmp}/none.sqlite", "recover", "--to", "{tmp}/new.sqlite"],
]


@pytest.mark.parametrize("lang", ["sv", "fi"])
def test_the_tours_mistakes_are_said_in_one_line_with_no_english_word(tour, tmp_path, lang):
    """Each mistake is one line in the language asked for (the field's name, the value and the command to type
    aside), a non-zero exit, nothing written, no traceback."""
    tour(lang)
    db = str(tmp_path / f"{lang}.sqlite")
    (tmp_path / "bad.csv").write_text("Kustannuspaikka;Tili;Kausi;Summa\n1100;4400;2026/01;12,3,4\n", encoding="utf-8")
    head = runner.invoke(app, ["--db", db, "head"]).stdout
    said = {}
    for args in MISTAKES:
        args = [a.replace("{tmp}", str(tmp_path)) for a in args]
        result = runner.invoke(app, ["--db", db, "--author", "testi", "--lang", lang, *args], prog_name="kirjuri")
        assert result.exit_code in (1, 2) and result.stdout == "" and "Traceback" not in result.output, (args, result.output)
        assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("kirjuri: "), (args, result.stderr)
        typed = re.sub(r"^kirjuri: [\w.\[\]-]+: |\bkirjuri(?: [\w-]+)* --help$", " ", result.stderr.strip())
        said[" ".join(args)] = _data_left_out(typed, tmp_path)
    assert runner.invoke(app, ["--db", db, "head"]).stdout == head
    assert not (tmp_path / "none.sqlite").exists() and not (tmp_path / "new.sqlite").exists()
    left = {command: sorted(english_left(output, lang)) for command, output in said.items()}
    assert not {command: words for command, words in left.items() if words}, left
