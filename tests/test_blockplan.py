"""Seinäjoki TP 2024's 8.1 tulosalue blocks recorded in a ledger: the organisation from the book's
own headings and codes, the TA, one TA-muutos per valtuusto decision on its date, the TP; then the
ledger's toteutumisvertailu prints every cell of every block as the book does, and importing the same
book again records nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import Clock

from events.model import TaAmended, UnitRegistered
from ledger.app import Kirjuri
from ledger.books.blockplan import plan_blocks
from ledger.books.blocks import MENOT, MUUTOS, NETTO, POIKKEAMA, TA, TA_MUUTOS, TOTEUMA, TULOT, read_blocks
from ledger.domain.rules import Rejected
from ledger.reports import tables as rp
from ledger.store.log import Target

BOOK = (Path(__file__).parents[1].parent / "shared" / "books" / "seinajoki-tp-2024"
        / "seinajoki_tp2024_8-1_kayttotalous_tulosalueet.txt")
ROOT = ("SEINAJOKI", "Seinäjoen kaupunki")
LINES = {TULOT: "TULOT", MENOT: "MENOT", NETTO: "NETTOMENO"}
COLUMNS = (TA, MUUTOS, TA_MUUTOS, TOTEUMA, POIKKEAMA)


@pytest.fixture
def recorded(tmp_path):
    reading = read_blocks(BOOK.read_text(encoding="utf-8").splitlines())
    ledger = Kirjuri(Target(sqlite_path=tmp_path / "ledger.sqlite"), create=True, author="testi", clock=Clock())
    plan = plan_blocks(ledger.state, reading, year=2024, root=ROOT, source=BOOK.name, digest="0123456789abcdef",
                       author="testi", now=ledger.clock())
    ledger.confirm = frozenset({"authority.overrun"})  # the book's TPs overrun: as published, confirmed
    ledger.submit(*plan.events)
    yield ledger, reading, plan
    ledger.close()


def _book_cells(block) -> dict[tuple[str, str], int | None]:
    """The block's printed cells as the ledger states them: in cents, expenses negative, muutokset
    summed per side; Poikkeama and Netto already are in the ledger's sign in this book."""
    cells: dict[tuple[str, str], int | None] = {}
    for cell in block.cells:
        flip = -1 if cell.side == MENOT and cell.role != POIKKEAMA else 1
        key = (cell.side, cell.role)
        cells[key] = cells.get(key, 0) + flip * cell.printed * 100
    return cells


def test_the_toteutumisvertailu_prints_every_cell_of_every_block(recorded):
    ledger, reading, _plan = recorded
    compared = 0
    for block in reading.blocks:
        report = rp.toteutumisvertailu(ledger.state, block.code, 2024)
        rows = {row.label: row.cells for row in report.rows if row.kind == "total" and row.code == block.code}
        printed = {key: value for key, value in _book_cells(block).items() if value is not None}
        for (side, role), value in printed.items():
            assert rows[LINES[side]][COLUMNS.index(role)] == value, (block.code, side, role)
        compared += len(printed)
    changed = {(b.code, c.side) for b in reading.blocks for c in b.cells if c.role == MUUTOS}
    assert len(reading.cells) == 405 and compared == 405 - 108 + len(changed)


def test_the_organisation_is_the_books_own(recorded):
    ledger, _reading, plan = recorded
    units = {e.code: e for e in plan.events if isinstance(e, UnitRegistered)}
    assert units["SEINAJOKI"].level == "kaupunki" and units["KONSERNIPALVELUT"].parent == "SEINAJOKI"
    assert (units["120"].name, units["120"].level, units["120"].parent) == ("Tarkastustoimi", "vastuualue",
                                                                            "KONSERNIPALVELUT")
    assert sum(u.level == "vastuualue" for u in units.values()) == 27


def test_one_amendment_per_valtuusto_decision_on_its_date(recorded):
    _ledger, _reading, plan = recorded
    amended = [e for e in plan.events if isinstance(e, TaAmended)]
    assert [(e.decision.body, e.decision.date, e.decision.section, len(e.lines)) for e in amended] == [
        ("valtuusto", dt.date(2024, 4, 22), "26", 36), ("valtuusto", dt.date(2024, 5, 27), "45", 14),
        ("valtuusto", dt.date(2024, 10, 21), "80", 1), ("valtuusto", dt.date(2024, 10, 21), "81", 30),
        ("valtuusto", dt.date(2024, 12, 9), "98", 27)]
    assert all(e.effective == e.decision.date for e in amended)
    tarkastus = {e.decision.section: e.lines for e in amended if any(line.unit == "120" for line in e.lines)}
    assert [(s, [(x.account, x.amount) for x in lines if x.unit == "120"]) for s, lines in tarkastus.items()] == [
        ("26", [("TOIMINTAKULUT", 400_000)]), ("98", [("TOIMINTAKULUT", -310_000)])]


def test_importing_the_same_book_again_records_nothing(recorded):
    ledger, reading, plan = recorded
    seq = ledger.state.seq
    again = plan_blocks(ledger.state, reading, year=2024, root=ROOT, source=BOOK.name, digest="0123456789abcdef",
                        author="testi", now=ledger.clock())
    ledger.submit(*again.events)
    assert ledger.state.seq == seq
    assert not any(isinstance(e, UnitRegistered) for e in again.events)


def test_blocks_that_do_not_show_the_sign_are_refused():
    text = """Tulosalue 1 Koe
Talous Talousarvio € Toteutuma € Poikkeama €
Toimintatulot Alkuperäinen 0
Yhteensä 0 0 0
Toimintamenot Alkuperäinen 0
Yhteensä 0 0 0
Netto (Toimintakate) 0 0 0""".splitlines()
    reading = read_blocks(text)
    assert reading.cells and reading.expenses_positive is None
    with pytest.raises(Rejected) as caught:
        plan_blocks(None, reading, year=2024, root=ROOT, source="koe.txt", digest="00", author="t",
                    now=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    assert caught.value.code == "book.sign_unknown"


def test_kirjuri_import_reads_previews_records_and_then_records_nothing_new(tmp_path, english):
    """The user's path: the book's text alone, no profile, no --year (the text names it)."""
    from test_cli import kirjuri

    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    preview = kirjuri(db, "import", str(BOOK))
    assert preview.exit_code == 0, preview.output
    assert "tulosalue blocks: 27 of 27 read; year 2024 (the book); expenses printed positive" in preview.output
    assert "figures: 405 read, 216 to record, 189 checked" in preview.output
    assert "KV 22.4.2024 § 26" in preview.output and "nothing written" in preview.output
    unconfirmed = kirjuri(db, "import", str(BOOK), "--apply")  # the book's TP overruns what it was given
    assert unconfirmed.exit_code == 1 and "lines: 2024 120 NETTOMENO" in unconfirmed.output
    assert "--confirm authority.overrun" in unconfirmed.output and kirjuri(db, "head").output.startswith("#0")
    applied = kirjuri(db, "import", str(BOOK), "--apply", "--confirm", "authority.overrun")
    assert applied.exit_code == 0 and "recorded 39 events" in applied.output
    again = kirjuri(db, "import", str(BOOK), "--apply")
    assert "to record: 0 events" in again.output and "216 figures already in the ledger" in again.output
    report = kirjuri(db, "report", "toteutumisvertailu", "120", "--year", "2024").output.replace("\xa0", " ")
    assert "-192 100" in report and "-191 200" in report and "-203 437" in report and "-12 237" in report


def test_the_year_is_the_books_or_given_never_guessed(tmp_path, english):
    from test_cli import kirjuri

    yearless = tmp_path / "tp.txt"
    body = BOOK.read_text(encoding="utf-8").splitlines()[1:]
    yearless.write_text("\n".join(body) + "\n", encoding="utf-8")
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    refused = kirjuri(db, "import", str(yearless))
    assert refused.exit_code == 1 and "kirjuri: file: 'tp.txt' does not name its one year" in refused.output
    given = kirjuri(db, "import", str(yearless), "--year", "2024", "--apply", "--confirm", "authority.overrun")
    assert given.exit_code == 0 and "year 2024 (--year)" in given.output and "recorded 39 events" in given.output
    assert "KAUPUNKI  Kaupunki  [kaupunki]" in kirjuri(db, "units").output


def test_the_published_pdf_reads_every_block_too(tmp_path, english):
    """8.1's 63 pages of the PDF as published: the same 27 blocks and 405 figures as from its text;
    the prose and key-figure tables between them listed by page and line, never read as figures."""
    import pypdfium2

    from test_cli import kirjuri

    source, part = pypdfium2.PdfDocument(str(BOOK.parent / "seinajoki-tilinpaatos-2024.pdf")), pypdfium2.PdfDocument.new()
    part.import_pages(source, list(range(78, 141)))
    book = tmp_path / "tp-8-1.pdf"
    part.save(str(book))
    db, listing = str(tmp_path / "l.sqlite"), tmp_path / "unread.tsv"
    assert kirjuri(db, "init").exit_code == 0
    result = kirjuri(db, "import", str(book), "--year", "2024", "--list", str(listing), "--apply",
                     "--confirm", "authority.overrun")
    assert result.exit_code == 0, result.output
    assert "tulosalue blocks: 27 of 27 read; year 2024 (--year); expenses printed positive" in result.output
    assert "figures: 405 read, 216 to record, 189 checked" in result.output
    assert "recorded 39 events" in result.output
    rows = listing.read_text(encoding="utf-8").splitlines()[1:]
    assert rows and all(row.split("\t")[0].count(":") == 1 for row in rows)


def test_the_citys_total_is_the_income_statements_toimintatulot(recorded):
    """Σ of the 27 blocks, by the ledger's own roll-up: 8.2 prints Toimintatulot 80 879 600 TA and
    404 800 muutokset; its menot TA is 9 000 € more (unit 890 has no 8.1 block), so 8.1 alone says
    -261 149 000."""
    ledger, _reading, _plan = recorded
    report = rp.toteutumisvertailu(ledger.state, "SEINAJOKI", 2024, lines=rp.KATE_LINES)
    totals = {row.label: row.cells[:3] for row in report.rows if row.kind == "total" and row.code == "SEINAJOKI"}
    assert totals["TOIMINTATUOTOT"] == (8_087_960_000, 40_480_000, 8_128_440_000)
    assert totals["TOIMINTAKULUT"][0] == -26_114_900_000


def test_history_shows_each_amendment_under_its_decision(recorded, tmp_path):
    from test_cli import kirjuri

    shown = kirjuri(str(tmp_path / "ledger.sqlite"), "history", "120").output.replace("\xa0", " ")
    assert shown.index("päätös: KV 9.12.2024 § 98") < shown.index("päätös: KV 22.4.2024 § 26")
    assert "TOIMINTAKULUT TA-muutokset: 4 000 → 900" in shown
