"""Toteutumisvertailu tables read by their column edges (Seinäjoki TP 2024, 8.2 and 8.3, from the PDF):
every reference cell with its role and value, the sign and scale per table, the roles confirmed by the
table's arithmetic, and 8.2 recorded as the city's figures with every cell recorded or checked."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from ledger.books import layout, layoutplan, pdf
from ledger.books.pdf import Cell, TextLine
import seinajoki_pdf

BOOKS = Path(__file__).parents[1].parent / "shared" / "books" / "seinajoki-tp-2024"
PDF = BOOKS / "seinajoki-tilinpaatos-2024.pdf"
SECTIONS = {"8-2_tuloslaskelmaosa": (142, 143), "8-3_investointiosa": (144,)}
NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.timezone.utc)


def book() -> pdf.PdfBook:
    """The whole PDF, read once per test run (``seinajoki_pdf``)."""
    return seinajoki_pdf.book()


@pytest.fixture(scope="module")
def reading() -> layout.LayoutReading:
    assert PDF.exists(), f"the Seinäjoki book is not beside the repository: {PDF}"
    return layout.read_layout(book().lines)


def _truth(section: str) -> list[dict]:
    with (BOOKS / f"seinajoki_tp2024_{section}.truth.tsv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _matched(reading: layout.LayoutReading, section: str) -> list[tuple[dict, layout.Table | None, layout.Row | None]]:
    """Each reference cell with the table row the reader read it from: the same label and role, in book order."""
    pages = SECTIONS[section]
    rows = [(t, r) for t in reading.tables for r in t.rows if t.page in pages]
    out, at = [], 0
    for ref in _truth(section):
        hit = next((i for i in range(at, len(rows)) if rows[i][1].label == ref["label"] and ref["role"] in rows[i][1].cells),
                   None)
        if hit is None:
            out.append((ref, None, None))
            continue
        at = hit if any(r["label"] == ref["label"] and r["line"] == ref["line"] for r in _truth(section)) else hit + 1
        out.append((ref, *rows[hit]))
    return out


@pytest.mark.parametrize("section", SECTIONS)
def test_every_reference_cell_is_read_with_its_role_value_and_ledger_sign(reading, section):
    wrong = []
    for ref, table, row in _matched(reading, section):
        if row is None or not table.confirmed or row.failed:
            wrong.append((ref["line"], ref["label"], ref["role"], "not read"))
            continue
        cell = row.cells[ref["role"]]
        if cell.printed != int(ref["printed"]) or table.scale != int(ref["scale"]):
            wrong.append((ref["line"], ref["label"], ref["role"], cell.printed))
        if ref["expected"] and table.ledger(row, ref["role"]) != int(ref["expected"]):
            wrong.append((ref["line"], ref["label"], ref["role"], "sign", table.ledger(row, ref["role"])))
    assert wrong == []


def test_8_2_sign_is_read_from_the_identity_the_table_prints(reading):
    (main,) = [t for t in reading.tables if t.page == 142]
    assert main.roles == ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"]
    assert main.words[1] == "Talousarviomuutokset" and main.words[2] == "Talousarvio muutosten jälkeen"
    assert main.expenses_positive is False and main.sign_evidence.startswith("TOIMINTAKATE = ")
    assert main.scale == 1 and main.part == "tuloslaskelma"
    poistot = next(r for r in main.rows if r.account == "Suunnitelman mukaiset poistot")
    assert poistot.label == "Suunnitelman mukaiset poistot"
    assert all(c.ok or c.rounding for c in main.checks) and len(main.checks) == 35


def test_8_3_prints_expenses_positive_and_its_deviation_in_the_ledgers_sign(reading):
    menot, tulot = [t for t in reading.tables if t.page == 144]
    assert menot.expenses_positive is True and menot.deviation == {"kulu": -1}
    assert tulot.deviation == {"tuotto": 1}
    assert all(c.ok for t in (menot, tulot) for c in t.checks) and len(tulot.checks) == 15
    kadun = next(r for r in tulot.rows if r.label == "Kadunrakentaminen")
    assert set(kadun.cells) == {"TA", "TA+MUUTOS", "POIKKEAMA"}  # the empty TOTEUMA is an absent edge


def test_8_2_every_reference_cell_is_recorded_or_checked_none_listed(reading):
    statuses = {(s.line, s.role): s for s in layoutplan.statuses(reading)}
    tally = {"recorded": 0, "checked": 0, "listed": 0}
    for ref, _table, row in _matched(reading, "8-2_tuloslaskelmaosa"):
        tally[statuses[(row.line, ref["role"])].status] += 1
    assert tally == {"recorded": 66, "checked": 89, "listed": 0}  # 155 cells


def test_8_3_every_cell_is_recorded_on_its_investment_line_or_checked_none_listed(reading):
    """Each recorded cell is in the plan at its row's project group and account with the reference's ledger value."""
    from ledger.books import investplan
    from ledger.fold.state import LedgerState

    root = ("SEINAJOEN-KAUPUNKI", "Seinäjoen kaupunki")
    plan = layoutplan.plan_layout(LedgerState(), reading, year=2024, root=root, source=PDF.name, digest="0" * 64,
                                  author="testi", now=NOW)
    statuses = {(s.line, s.role): s for s in plan.statuses}
    placed = investplan.place(reading, root[0])
    column = {"TA": "TaAdopted", "MUUTOS": "TaAmended", "TOTEUMA": "TpRecorded"}
    held = {(type(e).__name__, line.unit, line.account): line.amount for e in plan.plan.events
            for line in getattr(e, "lines", ())}
    got, wrong = {}, []
    for ref, table, row in _matched(reading, "8-3_investointiosa"):
        status = statuses[(row.line, ref["role"])].status
        got[status] = got.get(status, 0) + 1
        if status == "recorded":
            where = placed[(reading.tables.index(table), row.line)]
            if held.get((column[ref["role"]], where.group.code, where.account)) != int(ref["expected"]):
                wrong.append((ref["line"], ref["label"], ref["role"]))
    assert wrong == [] and got == {"recorded": 37, "checked": 53}  # 90 cells
    opened = {e.name: e for e in plan.plan.events if type(e).__name__ == "ProjectOpened" and e.group == root[0]}
    # the investointiosa prints no cost estimate for its lines: none is recorded (0, shown as –)
    assert len(opened) == 10 and opened["Rakennukset"].cost_estimate == 0
    assert "kirja ei esitä kustannusarviota" in opened["Rakennukset"].note
    assert "Arvopaperit ja muut pitkäaikaiset sijoitukset(osakkeet ja osuudet)" in opened  # MENOT and TULOT: one line
    lines = {(line.unit, line.account) for e in plan.plan.events for line in getattr(e, "lines", ())}
    maa = opened["Maa-ja vesialueet"].code
    assert {(maa, "Maa- ja vesialueet"), (maa, "Pysyvien vastaavien hyödykkeiden luovutustulot")} <= lines
    assert (opened["Kadunrakentaminen"].code, "Rahoitusosuudet investointimenoihin") in lines


def test_8_2_is_recorded_as_the_citys_figures(reading):
    from ledger.fold.state import LedgerState

    plan = layoutplan.plan_layout(LedgerState(), reading, year=2024, root=("SEINAJOEN-KAUPUNKI", "Seinäjoen kaupunki"),
                                  source=PDF.name, digest="0" * 64, author="testi", now=NOW)
    kinds = {type(e).__name__: e for e in plan.plan.events}
    assert set(kinds) == {"UnitRegistered", "ProjectOpened", "TaAdopted", "TaAmended", "TpRecorded", "BreakdownStated"}
    ta = {line.account: line.amount for line in kinds["TaAdopted"].lines}
    assert ta["Verotulot"] == 171_000_000_00 and ta["Korkokulut"] == -6_500_000_00
    assert ta["Suunnitelman mukaiset poistot"] == -21_700_000_00
    tp = {line.account: line.amount for line in kinds["TpRecorded"].lines}
    assert tp["Poistoeron muutos"] == 33_518_00 and tp["Rahastojen muutos"] == 478_00
    stated = {(e.column, line.account): line.amount for e in plan.plan.events if type(e).__name__ == "BreakdownStated"
              for line in e.lines}
    assert stated[("TA", "Myyntituotot")] == 25_623_400_00
    assert stated[("TP", "Palkat ja palkkiot")] == -114_992_770_00
    assert stated[("TA+MUUTOS", "Kunnan tulovero")] == 120_000_000_00


def _line(number: int, *cells: tuple[str, float, float]) -> TextLine:
    return TextLine(1, number, 10.0 * number, tuple(Cell(raw, x0, x1, 9.0) for raw, x0, x1 in cells))


def _table(header: list[list[tuple[str, float, float]]], rows: list[list[tuple[str, float, float]]]) -> list[TextLine]:
    return [_line(i, *cells) for i, cells in enumerate(header + rows, 1)]


def _amounts(label: str, *values: str | None) -> list[tuple[str, float, float]]:
    edges = (100.0, 160.0, 220.0, 280.0, 340.0)
    return [(label, 10.0, 50.0)] + [(v, e - 5.0 * len(v), e) for v, e in zip(values, edges) if v is not None]


HEADER = [[("TALOUSARVIO", 10.0, 50.0), ("Alkup.", 62.0, 90.0), ("TA:n", 122.0, 140.0), ("TA", 182.0, 190.0),
           ("Toteuma", 242.0, 275.0), ("Poikkeama", 300.0, 335.0)],
          [("talous-", 62.0, 90.0), ("muu-", 122.0, 140.0), ("muutosten", 182.0, 215.0)],
          [("arvio", 62.0, 85.0), ("tokset", 122.0, 145.0), ("jälkeen", 182.0, 210.0)]]


ROWS = [_amounts("Verotulot", "100", "10", "110", "120", "10"), _amounts("Valtionosuudet", "50", None, "50", "45", "-5"),
        _amounts("Korkokulut", "-20", "-5", "-25", "-30", "-5"), _amounts("Kiinteistövero", "20", "5", "25", "30", "5")]


def test_a_header_in_other_words_hyphenated_over_three_lines_is_read_by_its_columns():
    (table,) = layout.read_layout(_table(HEADER, ROWS)).tables
    assert table.words[:3] == ["Alkup. talousarvio", "TA:n muutokset", "TA muutosten jälkeen"]
    assert table.roles == ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"] and table.confirmed
    assert table.rows[1].cells["TA+MUUTOS"].printed == 50_00 and "MUUTOS" not in table.rows[1].cells
    assert table.expenses_positive is False and table.sign_evidence == "the printed sign of its expense rows"


def test_roles_the_arithmetic_does_not_confirm_are_listed_not_read():
    lines = _table(HEADER, [_amounts("Verotulot", "100", "10", "120", "120", "0"),
                            _amounts("Valtionosuudet", "50", None, "51", "45", "-5"),
                            _amounts("Korkokulut", "-20", "-5", "-26", "-30", "-5"),
                            _amounts("Kiinteistövero", "20", "5", "25", "30", "5")])
    reading = layout.read_layout(lines)
    (table,) = reading.tables
    assert not table.confirmed and "arithmetic fails" in table.why
    assert reading.cells == [] and {item.line for item in reading.listed} == {4, 5, 6, 7}


def test_a_table_in_1000_euros_says_its_scale_and_records_printed_times_it():
    header = [[("Milj. ja 1 000 €", 10.0, 50.0)] + HEADER[0][1:]] + HEADER[1:]
    (table,) = layout.read_layout(_table(header, ROWS)).tables
    assert table.scale == 1000 and table.scale_words == "1 000 €"
    assert table.ledger(table.rows[0], "TA") == 100_000_00


def _text_tally(section: str) -> tuple[dict[str, int], list]:
    """From the section's text: reference cells recorded / checked / listed, and cells read wrong or extra."""
    text = (BOOKS / f"seinajoki_tp2024_{section}.txt").read_text(encoding="utf-8").split("\n")
    reading = layout.read_text_layout(text)
    statuses = {(s.line, s.role): s.status for s in layoutplan.statuses(reading)}
    cells = {(c.line, c.role): c.printed for t in reading.tables for c in t.cells}
    truth = {(int(r["line"]), r["role"]): int(r["printed"]) for r in _truth(section)}
    tally = {"recorded": 0, "checked": 0, "listed": 0}
    for key in truth:
        tally[statuses.get(key, "listed")] += 1
    wrong = [(key, value) for key, value in cells.items() if statuses.get(key) != "listed" and truth.get(key) != value]
    return tally, wrong


def test_8_2_from_text_alone_reads_what_its_arithmetic_settles_and_lists_the_rest():
    tally, wrong = _text_tally("8-2_tuloslaskelmaosa")
    assert wrong == []
    # listed: the 2 rows of zeros (Arvonalentumiset 0, Varausten muutos 0: their column the text cannot tell);
    # Osuus yhteisöveron tuotosta is placed by the Verotulot its erittely breaks down, Poistoeron muutos and
    # Rahastojen vähennys by Tilikauden ali/ylijäämä, and the totals over the zeros are checked
    assert tally == {"recorded": 66, "checked": 87, "listed": 2}


def test_8_3_from_text_alone_records_the_rows_it_settles_and_lists_those_whose_empty_cells_it_cannot_place():
    """A row whose empty cell the row's arithmetic cannot place is placed by the stated total below it; a 0
    that sums the same in any column is listed (`Rakennukset 0 0` whole; `Koneet ja kalusto 0 66 000 66 000`
    read but for its 0, the total over it then checked)."""
    tally, wrong = _text_tally("8-3_investointiosa")
    assert wrong == [] and tally == {"recorded": 37, "checked": 50, "listed": 3}


def test_8_5_in_1000_euros_is_two_tables_side_by_side_checked_against_the_finer_figures(reading):
    from ledger.books import summary
    from ledger.books.blocks import read_blocks

    maararahat, tuloarviot = [t for t in reading.tables if t.page == 147]
    assert (maararahat.scale, maararahat.side, tuloarviot.side) == (1000, "kulu", "tuotto")
    assert maararahat.roles == tuloarviot.roles == ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"]
    blocks = read_blocks([line.text for line in book().lines])
    vaalit = next(r for r in maararahat.rows if r.label.startswith("100 Vaalit"))
    assert summary.finer(reading, blocks, maararahat, vaalit).where == "tulosalue 100"
    found = summary.checks(reading, blocks)
    held = [c for cs in found.values() for c in cs if c.ok or c.rounding]
    assert len(held) > 250 and all(c.parts in (1, 2) for c in held)


def test_8_5_findings_690_and_the_total_poikkeama_are_contradictions(reading):
    maararahat, tuloarviot = [t for t in reading.tables if t.page == 147]
    ymparisto = [c for c in tuloarviot.checks if "690" in c.what and "= TOTEUMA − TA+MUUTOS" in c.what]
    assert [(c.stated, c.computed) for c in ymparisto] == [(0, 581_000_00)]
    total = [c for c in maararahat.checks if c.what.endswith("Yhteensä POIKKEAMA = TOTEUMA − TA+MUUTOS")]
    assert len(total) == 1 and abs(total[0].stated) == 706_000_00 and abs(total[0].computed) == 19_910_000_00
    assert not total[0].ok and not total[0].rounding


def test_8_5_every_reference_cell_is_checked_or_listed_none_recorded(reading):
    from ledger.books.blocks import read_blocks

    blocks = read_blocks([line.text for line in book().lines])
    statuses = layoutplan.statuses(reading, blocks)
    pages = {i for i, t in enumerate(reading.tables) if t.page == 147}
    mine = [s for s in statuses if s.table in pages]
    assert len(mine) == 393 and not any(s.status == "recorded" for s in mine)
    assert sum(s.status == "checked" for s in mine) == 374  # 8.4's financing rows, abbreviated labels
    from ledger.books import summary

    found = {c.what: c for cs in summary.checks(reading, blocks).values() for c in cs}
    korjaus = next(c for w, c in found.items() if w.startswith("*) B Määrärahat 1000€: Tulorahoituksen korjauserät TA"))
    assert korjaus.what.endswith("(its sign the other way)") and (korjaus.ok or korjaus.rounding)


def test_the_city_is_the_one_the_book_names_most_not_the_first_kunta_in_its_prose():
    from ledger.books.blockplan import book_root

    lines = ["perustoimeentulon kunta maksaa", "Seinäjoen kaupunki", "Lapsiystävällinen kunta",
             "Seinäjoen kaupunki 2024"]
    assert book_root(lines, None) == ("SEINAJOEN-KAUPUNKI", "Seinäjoen kaupunki")
    assert book_root(["ei kaupunkia"], None) == ("KAUPUNKI", "Kaupunki")


def test_kirjuri_import_records_8_2_says_sign_scale_and_findings_and_again_records_nothing(tmp_path, english):
    import pypdfium2

    from test_cli import kirjuri

    assert PDF.exists(), f"the Seinäjoki book is not beside the repository: {PDF}"
    source, part = pypdfium2.PdfDocument(str(PDF)), pypdfium2.PdfDocument.new()
    part.import_pages(source, list(range(141, 147)))
    cut = tmp_path / "tp-8-2-8-5.pdf"
    part.save(str(cut))
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    # the book's toteuma past a project group's TA+muutos is history, written as a confirmed warning
    first = kirjuri(db, "import", str(cut), "--year", "2024", "--apply", "--confirm", "authority.overrun")
    assert first.exit_code == 0, first.output
    output = " ".join(first.output.split())
    assert "expenses printed negative (TOIMINTAKATE = TOIMINTATUOTOT" in output
    assert "× 1000 (1000 €)" in output and "year 2024 (--year)" in output
    assert "690 Ympäristöterveydenhuolto POIKKEAMA = TOTEUMA − TA+MUUTOS: the book says 0" in output  # B: a marker
    # 8.2's 7, 8.3's ten investment lines as project groups, p. 145's 52 projects and their breakdown (2)
    assert "recorded 71 events" in output
    assert "Project opened KAUPUNKI-I03 Rakennukset 2024–2024, – " in output  # the book states no cost estimate
    again = kirjuri(db, "import", str(cut), "--year", "2024", "--apply", "--confirm", "authority.overrun")
    assert again.exit_code == 0 and "to record: 0 events" in again.output


def test_the_citys_toimintatulot_are_its_blocks_sum_and_menot_differ_by_the_unit_no_block_prints(reading):
    from ledger.books import summary
    from ledger.books.blocks import read_blocks

    blocks = read_blocks([line.text for line in book().lines])
    found = {c.what.split(" = ")[0]: c for c in summary.city_checks(reading, blocks)}
    assert all(found[f"Toimintatulot yhteensä {role}"].ok for role in ("TA", "MUUTOS", "TA+MUUTOS"))
    menot = found["Toimintamenot yhteensä TA"]
    assert menot.difference == -9_000_00  # 8.5's 890 Rahoitus: in the statement, in no tulosalue block
    assert found["Toimintamenot yhteensä MUUTOS"].ok


def test_a_table_without_ta_records_its_ta_muutos_and_checks_its_percent():
    from ledger.fold.state import LedgerState

    header = [[("TULOSLASKELMA", 10.0, 50.0), ("Muutettu", 62.0, 95.0), ("Toteuma", 122.0, 150.0),
               ("Poikkeama", 182.0, 215.0), ("Toteuma-%", 242.0, 278.0)], [("TA", 62.0, 72.0)]]
    rows = [[("Verotulot", 10.0, 50.0), ("1 000", 80.0, 100.0), ("1 100", 140.0, 160.0), ("100", 205.0, 220.0),
             ("110,0", 255.0, 280.0)],
            [("Valtionosuudet", 10.0, 50.0), ("400", 85.0, 100.0), ("300", 145.0, 160.0), ("-100", 200.0, 220.0),
             ("75,0", 260.0, 280.0)],
            [("Korkokulut", 10.0, 50.0), ("-50", 85.0, 100.0), ("-40", 145.0, 160.0), ("10", 205.0, 220.0),
             ("79,0", 260.0, 280.0)]]
    reading = layout.read_layout(_table(header, rows))
    (table,) = reading.tables
    assert table.roles == ["TA+MUUTOS", "TOTEUMA", "POIKKEAMA", "PCT"] and table.confirmed
    statuses = {(s.line, s.role): s.status for s in layoutplan.statuses(reading)}
    assert statuses[(3, "PCT")] == "checked" and statuses[(4, "PCT")] == "checked"
    assert statuses[(5, "PCT")] == "listed"  # 40 / 50 is 80 %, not the printed 79,0
    plan = layoutplan.plan_layout(LedgerState(), reading, year=2024, root=("K", "Kunta"), source="k.pdf",
                                  digest="1" * 64, author="testi", now=NOW)
    adopted = next(e for e in plan.plan.events if e.id.endswith("-from-total"))
    assert {line.account: line.amount for line in adopted.lines} == {"Verotulot": 1_000_00, "Valtionosuudet": 400_00,
                                                                      "Korkokulut": -50_00}


def test_an_investment_table_in_other_words_and_order_records_its_lines_as_project_groups():
    """Another book: `Investoinnit`, Toteuma first, Alkup. TA / TA:n muutokset / Muutettu TA / Ylitys/alitus,
    expenses positive and the deviation as TA+MUUTOS − TOTEUMA on costs: the same reader, no profile."""
    from ledger.fold.state import LedgerState

    header = [[("INVESTOINNIT", 10.0, 50.0), ("Toteuma", 62.0, 95.0), ("Alkup.", 122.0, 145.0), ("TA:n", 182.0, 200.0),
               ("Muutettu", 242.0, 275.0), ("Ylitys/alitus", 290.0, 335.0)],
              [("TA", 122.0, 130.0), ("muutokset", 182.0, 215.0), ("TA", 242.0, 250.0)]]
    rows = [[("Menot", 10.0, 40.0)], _amounts("Rakennukset", "950", "1 000", "100", "1 100", "150"),
            _amounts("Katujen rakentaminen", "480", "500", "0", "500", "20"),
            _amounts("Menot yhteensä", "1 430", "1 500", "100", "1 600", "170"),
            [("Tulot", 10.0, 40.0)], [("Rahoitusosuudet", 10.0, 50.0)],
            _amounts("Katujen rakentaminen", "60", "50", None, "50", "10"),
            _amounts("Tulot yhteensä", "60", "50", "0", "50", "10")]
    reading = layout.read_layout(_table(header, rows))
    (table,) = reading.tables
    assert table.roles == ["TOTEUMA", "TA", "MUUTOS", "TA+MUUTOS", "POIKKEAMA"] and table.confirmed
    assert table.part == "investointi" and table.expenses_positive is True
    plan = layoutplan.plan_layout(LedgerState(), reading, year=2025, root=("K", "Kunta"), source="k.pdf",
                                  digest="2" * 64, author="testi", now=NOW)
    opened = {e.name: e for e in plan.plan.events if type(e).__name__ == "ProjectOpened"}
    assert set(opened) == {"Rakennukset", "Katujen rakentaminen"} and opened["Rakennukset"].cost_estimate == 0
    katu = opened["Katujen rakentaminen"].code
    lines = {(type(e).__name__, line.unit, line.account): line.amount for e in plan.plan.events
             for line in getattr(e, "lines", ())}
    assert lines == {("TaAdopted", opened["Rakennukset"].code, "Rakennukset"): -1_000_00,
                     ("TaAmended", opened["Rakennukset"].code, "Rakennukset"): -100_00,
                     ("TpRecorded", opened["Rakennukset"].code, "Rakennukset"): -950_00,
                     ("TaAdopted", katu, "Investointimenot"): -500_00, ("TpRecorded", katu, "Investointimenot"): -480_00,
                     ("TaAdopted", katu, "Rahoitusosuudet investointimenoihin"): 50_00,
                     ("TpRecorded", katu, "Rahoitusosuudet investointimenoihin"): 60_00}
    assert {s.status for s in plan.statuses} == {"recorded", "checked"}


def test_the_part_words_of_columns_toml_name_accounts_of_that_part():
    from events import accounts

    for part in layout.part_words():
        for account in layout.part_accounts(part):
            assert accounts.part_of(account) == part, (part, account)
    assert layout.part_accounts("investointi")  # the investointiosa's Myyntitulot / Rahoitusosuudet


def test_8_4_rahoitusosa_settles_its_poikkeama_sign_per_block_and_records_the_financing_figures(reading):
    """8.4 prints POIKKEAMA as TA+MUUTOS − TOTEUMA in its toiminta ja investoinnit rows and as TOTEUMA −
    TA+MUUTOS in the netto line and the rahoitustoiminta rows: each block's own rows settle it."""
    from ledger.fold.state import LedgerState

    (table,) = [t for t in reading.tables if t.page == 146]
    assert table.confirmed and table.part == "rahoitus" and table.expenses_positive is False
    signs = {r.label: r.deviation for r in table.rows}
    assert signs["Vuosikate"] == signs["Investointimenot"] == -1
    assert signs["Toiminta ja investoinnit, netto"] == signs["Pitkäaikaisten lainojen lisäys"] == 1
    assert all(c.ok for c in table.checks) and len(table.checks) == 5  # the netto line, all five columns
    index = reading.tables.index(table)
    statuses = {}
    for s in layoutplan.statuses(reading):
        if s.table == index:
            statuses.setdefault(s.status, []).append(s.line)
    assert sorted(set(statuses["listed"])) == [3816]  # luovutustulot: 7 410 500, the investointiosa's 1 100 000
    plan = layoutplan.plan_layout(LedgerState(), reading, year=2024, root=("K", "Kunta"), source=PDF.name,
                                  digest="0" * 64, author="testi", now=NOW)
    held = {(type(e).__name__, line.unit, line.account): line.amount for e in plan.plan.events
            for line in getattr(e, "lines", ())}
    assert held[("TaAdopted", "K", "Pitkäaikaisten lainojen lisäys")] == 44_257_100_00
    assert held[("TaAmended", "K", "Pitkäaikaisten lainojen lisäys")] == 25_000_000_00
    assert held[("TpRecorded", "K", "Pitkäaikaisten lainojen vähennys")] == -37_989_524_00
    assert held[("TpRecorded", "K", "Lyhytaikaisten lainojen muutos")] == -22_500_000_00
    assert held[("TaAmended", "K", "Tulorahoituksen korjauserät")] == 4_433_000_00
    assert not any(account in ("Investointimenot", "VUOSIKATE") for _k, unit, account in held if unit == "K")


def test_a_block_whose_poikkeama_signs_differ_is_listed_and_the_rest_of_the_table_read():
    header = [[("RAHOITUSLASKELMA", 10.0, 50.0), ("Alkup.", 62.0, 90.0), ("TA:n", 122.0, 140.0), ("TA", 182.0, 190.0),
               ("Toteuma", 242.0, 275.0), ("Poikkeama", 300.0, 335.0)],
              [("talous-", 62.0, 90.0), ("muu-", 122.0, 140.0), ("muutosten", 182.0, 215.0)],
              [("arvio", 62.0, 85.0), ("tokset", 122.0, 145.0), ("jälkeen", 182.0, 210.0)]]
    rows = [_amounts("Pitkäaikaisten lainojen lisäys", "100", "10", "110", "120", "10"),
            _amounts("Antolainasaamisten vähennykset", "50", "0", "50", "45", "5"),  # the other way in one block
            _amounts("Lainakannan muutokset", "150", "10", "160", "165", "5"),
            _amounts("Pitkäaikaisten lainojen vähennys", "-20", "-5", "-25", "-30", "-5"),
            _amounts("Lyhytaikaisten lainojen muutos", "20", "5", "25", "30", "5")]
    reading = layout.read_layout(_table(header, rows))
    (table,) = reading.tables
    assert table.confirmed and table.part == "rahoitus"
    failed = {r.label: r.failed for r in table.rows if r.failed}
    assert set(failed) == {"Pitkäaikaisten lainojen lisäys", "Antolainasaamisten vähennykset"}
    assert "sign differs between rows of its block" in failed["Antolainasaamisten vähennykset"]
    statuses = {(s.line, s.status) for s in layoutplan.statuses(reading)}
    assert {(4, "listed"), (5, "listed")} <= statuses and (7, "recorded") in statuses


def test_tables_side_by_side_in_text_are_split_by_their_arithmetic_and_the_rows_account():
    """Määrärahat | tuloarviot in one text line, other words (Muutettu) and no positions: each row's figures
    go to the table whose arithmetic they fit, a row in one table only by its account's side; in a row the
    arithmetic leaves open only as to whether a figure is TA or MUUTOS (`Korkokulut B 40 40 38 2`), what every
    reading agrees on is read and that figure listed."""
    text = ["Määrärahat 1 000 € Tuloarviot 1 000 €",
            "*) Alkuperäinen Muutokset Muutettu Toteuma Poikkeama Alkuperäinen Muutokset Muutettu Toteuma Poikkeama",
            "Kaavoitus B 100 10 110 120 -10 50 5 55 60 5",
            "Rakennusvalvonta B 80 -5 75 70 5 30 1 31 29 -2",
            "Verotulot B 1 000 -30 970 990 20",
            "Korkokulut B 40 40 38 2"]
    reading = layout.read_text_layout(text)
    menot, tulot = reading.tables
    assert (menot.side, tulot.side, menot.scale, tulot.scale) == ("kulu", "tuotto", 1000, 1000)
    assert menot.roles == tulot.roles == ["TA", "MUUTOS", "TA+MUUTOS", "TOTEUMA", "POIKKEAMA"]
    assert menot.confirmed and tulot.confirmed and menot.deviation == {"kulu": -1}
    assert [r.label for r in menot.rows] == ["Kaavoitus B", "Rakennusvalvonta B", "Korkokulut B"]
    assert [r.label for r in tulot.rows] == ["Kaavoitus B", "Rakennusvalvonta B", "Verotulot B"]
    assert {k: c.printed for k, c in tulot.rows[2].cells.items()} == {
        "TA": 1_000_00, "MUUTOS": -30_00, "TA+MUUTOS": 970_00, "TOTEUMA": 990_00, "POIKKEAMA": 20_00}
    korkokulut = menot.rows[2]
    assert {k: c.printed for k, c in korkokulut.cells.items() if k not in korkokulut.listed_cells} == {
        "TA+MUUTOS": 40_00, "TOTEUMA": 38_00, "POIKKEAMA": 2_00}
    assert list(korkokulut.listed_cells) == ["TA"]
    assert [(item.line, item.role) for item in reading.listed] == [(6, "TA")]  # the import's list names it
    statuses = {s.role: s.status for s in layoutplan.statuses(reading) if s.line == 6}
    assert statuses["TA"] == statuses["TA+MUUTOS"] == "listed"


def test_8_5_from_the_books_text_is_checked_where_the_arithmetic_settles_its_columns():
    """The sections' texts read as one text: 8.5's rows the arithmetic places are checked against the
    sections before it; every cell checked has the reference's role and value."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("books_benchmark", Path(__file__).parents[1] / "benchmarks" / "books.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    tallies = bench.text_tallies(BOOKS)
    assert tallies["seinajoki_tp2024_8-5_yhteenveto_maararahat_tuloarviot"] == {
        "recorded": 0, "checked": 286, "listed": 107, "wrong": 0}
    assert tallies["seinajoki_tp2024_8-3_investointiosa"] == {"recorded": 37, "checked": 50, "listed": 3, "wrong": 0}


SYNTHETIC_BOOK = """Esimerkkilän kunta
TILINPÄÄTÖS 2025
INVESTOINNIT Toteuma Alkup. TA:n Muutettu Ylitys/alitus
talousarvio muutokset talousarvio
Menot
Rakennukset 950 1 000 100 1 100 150
Katujen rakentaminen 480 500 0 500 20
Menot yhteensä 1 430 1 500 100 1 600 170
Tulot
Rahoitusosuudet
Katujen rakentaminen 60 50 0 50 -10
Tulot yhteensä 60 50 0 50 -10
RAHOITUSLASKELMA Toteuma Alkup. TA:n Muutettu Ylitys/alitus
talousarvio muutokset talousarvio
Pitkäaikaisten lainojen lisäys 1 200 1 000 100 1 100 -100
Pitkäaikaisten lainojen vähennys 800 900 0 900 100
Antolainasaamisten vähennykset 40 30 5 35 -5
"""


def test_kirjuri_import_reads_another_towns_investment_and_financing_text_with_no_profile(tmp_path, english):
    """Another town's book as text: Toteuma first, other header words, expenses positive, deviation as
    TA+MUUTOS − TOTEUMA: its investment lines become project groups, its financing rows the town's own."""
    from test_cli import kirjuri

    book = tmp_path / "esimerkkila-tp-2025.txt"
    book.write_text(SYNTHETIC_BOOK, encoding="utf-8")
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    first = kirjuri(db, "import", str(book), "--apply")
    assert first.exit_code == 0, first.output
    assert "year 2025 (the book)" in first.output and "recorded 6 events" in first.output
    assert "INVESTOINNIT at 3: TOTEUMA / TA / MUUTOS / TA+MUUTOS / POIKKEAMA" in first.output
    history = " ".join(kirjuri(db, "--lang", "fi", "history", "ESIMERKKILAN-KUNTA").output.split())
    assert "ESIMERKKILAN-KUNTA: Antolainasaamisten vähennykset TA: – → 30; Pitkäaikaisten lainojen lisäys TA: – → 1 000;" \
           " Pitkäaikaisten lainojen vähennys TA: – → -900" in history
    assert "ESIMERKKILAN-KUNTA-I02: Investointimenot TP: – → -480; Rahoitusosuudet investointimenoihin TP: – → 60" in history
    assert "ESIMERKKILAN-KUNTA-I01: Rakennukset TA-muutokset: – → -100" in history
    again = kirjuri(db, "import", str(book), "--apply")
    assert again.exit_code == 0 and "to record: 0 events" in again.output


def test_a_project_list_is_read_by_its_arithmetic_and_listed_as_no_cost_estimate():
    """A project list (use before the year, the year's TA and toteutuma, use so far) has no cost estimate:
    its columns are confirmed by use so far = before + toteutuma (one euro of rounding), its rows listed."""
    header = [[("Aiempien", 62.0, 95.0), ("Talousarvio", 122.0, 158.0), ("Toteutuma", 182.0, 215.0),
               ("Poikkeama", 242.0, 278.0), ("Käyttö", 302.0, 330.0)],
              [("vuosien", 62.0, 90.0), ("2025", 140.0, 158.0), ("2025", 200.0, 218.0), ("yhteensä", 302.0, 338.0)],
              [("käyttö", 62.0, 88.0)]]
    rows = [_amounts("5000 Koulu", "1 000", "500", "450", "50", "1 450"),
            _amounts("5001 Päiväkoti", "200", "100", "120", "-20", "321"),  # a euro of rounding
            _amounts("5002 Halli", None, "80", "60", "20", "60"),
            _amounts("5003 Uimala", "10", "40", "30", "10", "45")]  # 10 + 30 is not 45
    reading = layout.read_layout(_table(header, rows))
    (table,) = reading.tables
    assert table.roles == ["PRIOR", "TA", "TOTEUMA", "POIKKEAMA", "CUMULATIVE"] and table.confirmed
    assert [r.label for r in table.rows if r.failed] == ["5003 Uimala"]
    statuses = {s.status for s in layoutplan.statuses(reading)}
    assert statuses == {"listed"}
    why = {s.why for s in layoutplan.statuses(reading) if s.line == 4}
    assert len(why) == 1 and why.pop().startswith("a project list")


@pytest.mark.parametrize("short, full, same", [
    ("Pitkäaik.lainojen lisäys", "Pitkäaikaisten lainojen lisäys", True),
    ("Liikuntapaikkarakent.", "Liikuntapaikkarakentaminen", True),
    ("Muut pitkävaik.menot", "Muut pitkävaikutteiset menot", True),
    ("Pitkäaik.lainojen lisäys", "Pitkäaikaisten lainojen vähennys", False),
    ("Rakennukset", "Rakennukset", False),  # no abbreviation: the plain comparison's
    ("Muut pitk.", "Muut pitkävaikutteiset menot", False),
])
def test_a_summarys_abbreviated_label_is_its_finer_rows_word_by_word(short, full, same):
    from ledger.books import summary

    assert summary._abbreviates(short, full) is same
