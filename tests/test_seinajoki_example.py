"""The bundled Seinäjoki example (issue 17 part 7): built from the text of its tilinpäätös 2024 by the importers,
beside the Kemijärvi and Kemi ones, and opened by `kirjuri demo seinajoki`."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest
import seinajoki_pdf
from conftest import restore_example
from typer.testing import CliRunner

from cli.app import app
from ledger.fold import parts
from ledger.fold.vertailu import vertailu
from ledger.store.exchange import read_export

ROOT = Path(__file__).parents[1]
BOOKS = ROOT.parent / "shared" / "books" / "seinajoki-tp-2024"
BLOCKS = BOOKS / "seinajoki_tp2024_8-1_kayttotalous_tulosalueet.truth.tsv"
#: the book's row accounts, as the ledger keeps a tulosalue's lines
LINES = {"Toimintatulot": "TULOT", "Toimintamenot": "MENOT"}


@pytest.fixture(scope="module")
def seinajoki(tmp_path_factory):
    ledger = restore_example(tmp_path_factory.mktemp("seinajoki"), "seinajoki")
    yield ledger
    ledger.close()


def test_the_bundled_ledger_is_what_the_importers_build_from_the_books_text(tmp_path):
    spec = importlib.util.spec_from_file_location("examples_build", ROOT / "examples" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    built = build.build_seinajoki(tmp_path / "built.sqlite", BOOKS, seinajoki_pdf.book())
    head, records = read_export(ROOT / "examples" / "seinajoki.json")
    assert (built.state.seq, built.state.head) == (len(records), head), \
        "rebuild examples/*.json with: python examples/build.py"
    built.close()


def _book_cells() -> list[tuple[str, str, str, int]]:
    """(tulosalue code, line, column, cents) of each TA, TA+MUUTOS and TOTEUMA the book prints in 8.1."""
    with BLOCKS.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [(row["block"].split()[0], LINES[row["account"]], row["role"], int(row["expected"]))
            for row in rows if row["role"] in ("TA", "TA+MUUTOS", "TOTEUMA") and row["account"] in LINES]


def test_every_tulosalue_of_8_1_is_the_books_cell_by_cell(seinajoki):
    cells = _book_cells()
    assert len({code for code, *_rest in cells}) == 27
    state, wrong = seinajoki.state, []
    for code, line, column, expected in cells:
        found = vertailu(state, 2024, code).line(line)
        value = {"TA": found.ta, "TA+MUUTOS": found.ta_muutos, "TOTEUMA": found.toteutuma}[column]
        if value != expected:
            wrong.append((code, line, column, expected, value))
    assert not wrong


def test_the_example_has_its_tuloslaskelma_and_investointiosa_beside_the_operating_budget(seinajoki):
    assert parts.present(seinajoki.state, 2024) == ["tuloslaskelma", "investointi"]
    held = parts.figures(seinajoki.state, 2024)
    assert held.get("Verotulot", "TP") == 166_889_243_00
    assert (held.get("Rakennukset", "TA"), held.get("Rakennukset", "TA+MUUTOS")) == (-11_515_000_00, -13_020_000_00)


def test_the_toteutumisvertailu_of_the_city_shows_its_investointiosa(seinajoki):
    from ledger.reports import tables as rp

    report = rp.toteutumisvertailu(seinajoki.state, parts.roots(seinajoki.state, 2024)[0], 2024)
    headings = [c.heading for c in report.columns]
    part = {line: dict(zip(headings, cells)) for line, cells in report.block("Investointiosa").items()}
    assert (part["Rakennukset"]["Alkuperäinen TA"], part["Rakennukset"]["TA muutosten jälkeen"]) == (
        -11_515_000_00, -13_020_000_00)
    assert {"Investointimenot", "Maa- ja vesialueet", "Koneet ja kalusto", "INVESTOINNIT NETTO"} <= set(part)
    blocks = [r.label for r in report.rows if r.kind == "block"]
    groups = [label for label in blocks if label.startswith("SEINAJOEN-KAUPUNKI-I")]
    # all ten investment lines, as the PDF reads them: the text's two rows with an empty cell are placed by
    # the Menot yhteensä below them
    assert len(groups) == 10 and blocks.index(groups[0]) > blocks.index("Investointiosa") > blocks.index(
        "Kaupunki yhteensä"), "the project groups are the investointiosa's, not units of the käyttötalous"


def test_the_project_lists_projects_are_under_rakennukset_and_the_citys_investments_stay_as_printed(seinajoki):
    from ledger.fold import investments as inv

    state = seinajoki.state
    rakennukset = next(c for c in state.projects if state.name(c) == "Rakennukset")
    projects = [c for c in state.projects if state.units[c].parent == rakennukset]
    assert len(projects) == 52 and state.name("5333") == "Tammikampus 2 muutostyöt"
    # the projects are Rakennukset's breakdown, never added to it: the city's Investointimenot as 8.3 prints them
    held = parts.figures(state, 2024)
    assert (held.get("Investointimenot", "TA+MUUTOS"), held.get("Investointimenot", "TP")) == (
        -45_253_300_00, -41_747_472_00)
    assert held.get("Rakennukset", "TA+MUUTOS") == -13_020_000_00
    stated = sum(dict(y.stated).get("TP", 0) for code in projects for y in inv.project_view(state, code).years)
    assert stated == -13_406_703_00  # the list's own toteutuma: 13 406 704 as printed, rows rounded
    # the list prints no kustannusarvio: none is recorded, so no project is over one
    assert {inv.project_view(state, code).cost_estimate for code in projects} == {0}


def test_kirjuri_demo_opens_a_named_example_and_refuses_one_it_does_not_have(tmp_path, monkeypatch, english):
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("XDG_DATA_HOME", "KIRJURI_DB", "KIRJURI_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    shown = CliRunner().invoke(app, ["demo", "seinajoki", "--tour"])
    assert shown.exit_code == 0, shown.output
    assert "410  Perusopetus" in shown.stdout and "report parts --year 2024" in shown.stdout
    assert (tmp_path / ".local" / "share" / "kirjuri" / "demo-seinajoki.sqlite").exists()
    refused = CliRunner().invoke(app, ["demo", "lahti"])
    assert refused.exit_code == 1 and "example: 'lahti' is not one of kemijarvi, kemi, seinajoki" in refused.output


def test_a_project_groups_lines_are_the_panes_and_each_account_sits_under_the_one_it_rolls_up_into(tmp_path):
    """`kirjuri show` and the figures pane print the same lines for the investment group Koneet ja kalusto, in
    the books' order: Koneet ja kalusto under Investointimenot, not below Investointitulot's parts; and no
    line of the rahoitusosa, whose cash flows are the whole city's, not a group's (``parts.node_lines``). The
    years' amounts are right-aligned like every amount."""
    from tui.i18n import Texts
    from tui.viewmodel import Selection, figures_view

    db = str(tmp_path / "s.sqlite")
    assert CliRunner().invoke(app, ["--db", db, "restore", str(ROOT / "examples" / "seinajoki.json")]).exit_code == 0
    shown = CliRunner().invoke(app, ["--db", db, "show", "SEINAJOEN-KAUPUNKI-I09", "--year", "2024"])
    assert shown.exit_code == 0, shown.output
    table, _sep, years = shown.output.replace("\xa0", " ").partition("vuosi")
    printed = [cells[1].strip() for line in table.splitlines()
               if len(cells := line.split("│")) > 2 and cells[1].startswith("  ")]
    assert printed == ["Investointimenot", "Koneet ja kalusto", "Investointitulot",
                       "Rahoitusosuudet investointimenoihin", "Pysyvien vastaavien hyödykkeiden luovutustulot",
                       "INVESTOINNIT NETTO"]  # its sales (8.3's myyntitulot: toteutuma 66 000)
    ledger = restore_example(tmp_path, "seinajoki")
    pane = figures_view(ledger.state, Selection("SEINAJOEN-KAUPUNKI-I09", 2024), Texts("fi"))
    ledger.close()
    assert [row.label.strip() for row in pane.rows if row.kind == "account"] == printed
    assert "│ 2024  │ -5 635 300 │      304 800 │" in years
