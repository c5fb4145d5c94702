"""Council minutes (pöytäkirja) whose item decides a carry-over / lisämääräraha table of investment projects
(issue 17): the decision's copy recorded once under the decision the minutes state, the proposal's copy
compared with it, the rules and the rules of authority applied, the rest of the figures listed.

The minutes here are made up (another town, names, numbers and layout: amounts right-aligned in one,
left-aligned in the other), built as a town's office suite writes a PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from handmade_pdf import A4_PORTRAIT, words_pdf
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli.app import app as cli
from events.model import AppropriationCarried, Decision, Line, ProjectOpened, TaAmended
from ledger.app import Kirjuri
from ledger.books import pdf
from ledger.books.book import read_book
from ledger.books.minutes import BUDGET, CARRIED, ESTIMATE, EXTRA, UNUSED, USED, read_minutes
from ledger.fold.investments import MENOT
from ledger.store.log import Target

runner = CliRunner()
#: the right (or left) edge of each amount column (points)
EDGES = (330.0, 400.0, 470.0, 540.0)


def _pdf(path, pages: list[list[list[tuple[str, float, str]]]]) -> None:
    """A PDF (A4 portrait, Helvetica 9 pt) of pages of lines of words: (text, x, "l" or "r": x is the word's
    left or right edge)."""
    words_pdf(path, pages, size=9, media=A4_PORTRAIT, top=800.0, step=13.0)


def _text(text: str) -> list[tuple[str, float, str]]:
    return [(text, 60.0, "l")]


def _row(label: list[str], amounts: list[str], align: str) -> list[tuple[str, float, str]]:
    """A table line: its label cells (code, name) on the left, its amounts on the columns (an empty one
    left out)."""
    words = [(w, x, "l") for w, x in zip(label, (60.0, 100.0)) if w]
    at = EDGES if align == "r" else tuple(e - 50.0 for e in EDGES)
    return words + [(a, x, align) for a, x in zip(amounts, at) if a]


def _running_header(document: str, organ: str, day: str, page: int) -> list[list[tuple[str, float, str]]]:
    return [[("Esimerkkilän kaupunki", 60.0, "l"), (document, 300.0, "l"), ("3/2026", 420.0, "l"),
             (f"{page} (2)", 500.0, "l")], [(organ, 60.0, "l"), (day, 300.0, "l")], []]


CARRY_HEADER = [["Kustannusarvio", "Toteutunut", "Siirtyvä", "Lisämääräraha"], ["€", "2025 €", "määräraha 2026 €", "2026 €"]]
CARRY_ROWS = [  # (label lines above, the figures line's label, amounts, label lines below)
    ([], ["4101", "Koulukadun silta"], ["900 000", "350 000", "120 000", "30 000"], []),
    ([["4102", "Torin laidan"]], [], ["480 000", "400 000", "80 000", "0"], [["kiveys"]]),
    ([["Liikuntapaikat"]], ["4205", "Uimahallin katto"], ["600 000", "100 000", "{carried}", "0"], []),
]


def _table(header, rows, align: str, carried: str, total: list[str]) -> list[list[tuple[str, float, str]]]:
    lines = [[("Hanke", 60.0, "l")] + [(w, e, "r") for w, e in zip(header[0], EDGES) if w]]
    lines += [[(w, e, "r") for w, e in zip(header[1], EDGES) if w], [("Kadunrakentaminen", 60.0, "l")]]
    for above, label, amounts, below in rows:
        lines += [_row(words, [], align) for words in above]
        lines.append(_row(label, [a.format(carried=carried) for a in amounts], align))
        lines += [_row(words, [], align) for words in below]
    lines.append(_row(["Yhteensä"], total, align))
    return lines


def carry_minutes(path, *, organ: str = "Kaupunginvaltuusto", proposal: str = "200 000", decided: str = "200 000",
                  document: str = "Pöytäkirja", decides: str = "Kaupunginhallitus esittää valtuustolle:") -> None:
    """A valtuusto's minutes: § 21 came from the hallitus (its proposal's table) to the valtuusto, which
    decided it (its table); the table runs over the page break."""
    day = "14.03.2026"
    total = lambda c: ["", "", f"{200_000 + int(c.replace(' ', '')):,}".replace(",", " "), "30 000"]  # noqa: E731
    first = _running_header(document, organ, day, 1) + [
        _text("Kaupunginhallitus, § 40, 02.03.2026"), _text(f"{organ}, § 21, 14.03.2026"), _text("§ 21"),
        _text("Vuodelta 2025 siirtyvät investointimäärärahat"), _text("Kaupunginhallitus, 02.03.2026, § 40"),
        _text("Ehdotus"), _text("Kaupunginhallitus esittää, että keskeneräisten hankkeiden määrärahat siirretään:")]
    first += _table(CARRY_HEADER, CARRY_ROWS, "r", proposal, total(proposal))
    first += [_text("Päätös"), _text("Kaupunginhallitus hyväksyi ehdotuksen."), _text(f"{organ}, 14.03.2026, § 21"),
              _text("Ehdotus"), _text(decides)]
    decided_table = _table(CARRY_HEADER, CARRY_ROWS, "r", decided, total(decided))
    second = _running_header(document, organ, day, 2) + decided_table[5:]
    second += [_text("Päätös"), _text("Valtuusto hyväksyi ehdotuksen. Kokouksen kulut 12 500 euroa.")]
    _pdf(path, [first + decided_table[:5], second])


GRANT_HEADER = [["Määräraha", "Käytetty", "Käyttämättä", "Lisämääräraha"], ["€", "€", "2025 €", "2026 €"]]
GRANT_ROWS = [
    ([], ["7310", "Pallokenttä"], ["250 000", "90 000", "160 000", "160 000"], []),
    ([["7322", "Kirjaston"]], [], ["75 000", "15 000", "60 000", "60 000"], [["ilmanvaihto"]]),
]


EQUIPMENT_ROWS = [([], ["8801", "Lumilinko"], ["40 000", "0", "40 000", "40 000"], [])]


def grant_minutes(path, equipment: bool = False) -> None:
    """A valtuusto's lisämääräraha for the previous year's unfinished investments, amounts left-aligned; with
    ``equipment`` a second table of other projects in the same item."""
    lines = _running_header("Pöytäkirja", "Kaupunginvaltuusto", "20.04.2026", 1) + [
        _text("§ 33"), _text("Kesken jääneiden investointien lisämääräraha"), _text("Ehdotus"),
        _text("Valtuusto myöntää vuodelle 2026 lisämäärärahan kesken jääneiden investointien toteuttamiseen:")]
    for rows, total in ((GRANT_ROWS, "220 000"), (EQUIPMENT_ROWS, "40 000"))[:1 + equipment]:
        lines += [[("Kohde", 60.0, "l")] + [(w, e - 50.0, "l") for w, e in zip(GRANT_HEADER[0], EDGES)],
                  [(w, e - 50.0, "l") for w, e in zip(GRANT_HEADER[1], EDGES)]]
        for above, label, amounts, below in rows:
            lines += [_row(words, [], "l") for words in above]
            lines.append(_row(label, amounts, "l"))
            lines += [_row(words, [], "l") for words in below]
        lines += [_row(["Yhteensä"], ["", "", "", total], "l"), _text("Kalusto:")]
    lines += [_text("Päätös"), _text("Hyväksyttiin.")]
    _pdf(path, [lines])


def kirjuri(db: str, *args: str):
    return runner.invoke(cli, ["--db", db, "--author", "testi", *args])


def _applied(db: str, path) -> str:
    """`kirjuri import MINUTES --apply`, which must succeed: its words on one line."""
    result = kirjuri(db, "import", str(path), "--apply")
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def investing_city(db: str) -> None:
    """Esimerkkilä with the three projects and their 2025 TA and toteuma: 4101 left 550 000 unused, 4102
    80 000 and 4205 500 000."""
    app = Kirjuri(Target(sqlite_path=Path(db)), create=True, author="testi")
    on, kv = dt.date(2025, 1, 1), Decision(body="valtuusto", date=dt.date(2024, 12, 9), section="80")
    app.register_unit("ESIM", "Esimerkkilän kaupunki", "kaupunki", None, effective=on)
    app.register_unit("INV", "Investoinnit", "toimiala", "ESIM", effective=on)
    for code, name in (("4101", "Koulukadun silta"), ("4102", "Torin laidan kiveys"), ("4205", "Uimahallin katto")):
        app.submit(app.project_opening(code, name, group="INV", unit="INV", cost_estimate=0, first_year=2025,
                                       last_year=2026, effective=on, decision=kv))
    app.adopt(2025, [Line("4101", MENOT, -900_000_00), Line("4102", MENOT, -480_000_00), Line("4205", MENOT, -600_000_00)],
              decision=kv)
    app.record("toteuma", 2025, [Line("4101", MENOT, -350_000_00), Line("4102", MENOT, -400_000_00),
                                 Line("4205", MENOT, -100_000_00)], period=(on, dt.date(2025, 12, 31)))
    app.close()


# --- the reader ---------------------------------------------------------------------------------------------


def test_each_stages_copy_is_read_with_its_columns_rows_and_stage(tmp_path):
    """Two copies of § 21's table (the hallitus's, the valtuusto's over a page break), right-aligned amounts named
    by their stacked header words, a name printed around its amounts, the running header skipped."""
    path = tmp_path / "kv-2026-03-14.pdf"
    carry_minutes(path)
    statement = read_book(path)
    reading = read_minutes(statement.lines, statement.text_lines)
    assert reading.meeting.organ == "Kaupunginvaltuusto" and reading.meeting.date == dt.date(2026, 3, 14)
    proposal, decision = reading.tables
    assert [t.stage.organ for t in reading.tables] == ["Kaupunginhallitus", "Kaupunginvaltuusto"]
    assert {t.item for t in reading.tables} == {"21"} and decision.carry_words
    assert decision.roles == [ESTIMATE, USED, CARRIED, EXTRA] and decision.years[2:] == [2026, 2026]
    assert [(r.code, r.name) for r in decision.rows] == [("4101", "Koulukadun silta"), ("4102", "Torin laidan kiveys"),
                                                         ("4205", "Uimahallin katto")]
    assert decision.rows[1].amounts == {ESTIMATE: 480_000_00, USED: 400_000_00, CARRIED: 80_000_00, EXTRA: 0}
    assert decision.rows[2].group == "Liikuntapaikat" and decision.total[1] == {CARRIED: 400_000_00, EXTRA: 30_000_00}


def test_an_agenda_is_no_minutes_and_decides_nothing(tmp_path):
    path = tmp_path / "esityslista.pdf"
    carry_minutes(path, document="Esityslista")
    statement = read_book(path)
    assert read_minutes(statement.lines, statement.text_lines).meeting is None
    db = str(tmp_path / "l.sqlite")
    assert kirjuri(db, "init").exit_code == 0
    result = kirjuri(db, "import", str(path))
    assert result.exit_code == 1 and "Traceback" not in result.output


# --- the import ---------------------------------------------------------------------------------------------


def _carried_once(tmp_path, write, decision: str) -> tuple[Path, str, str]:
    """The minutes ``write`` makes imported into the investing city: one of its two tables decided, 4102's unused
    80 000 carried and 4101's 30 000 granted, 4205's history citing ``decision``; (path, db, what it said)."""
    path, db = tmp_path / "minutes.pdf", str(tmp_path / "l.sqlite")
    write(path)
    investing_city(db)
    said = _applied(db, path)
    assert "2 carry-over / lisämääräraha tables, 1 decided" in said
    assert "4102 Torin laidan kiveys: carried 2025 → 2026: 80 000" in said
    assert "4101 Koulukadun silta: TA-muutos 2026: 30 000" in said
    assert decision in " ".join(kirjuri(db, "history", "4205").output.split())
    return path, db, said


def test_a_valtuustos_carry_over_is_recorded_once_under_its_decision(tmp_path, english):
    """The decision's copy only: the carried column a carry-over from 2025, the lisämääräraha a TA-muutos of
    2026, both under KV 14.3.2026 § 21; the 2025 unused appropriation shows the carry; imported again, nothing."""
    path, db, said = _carried_once(tmp_path, carry_minutes, "KV 14.3.2026 § 21")
    assert "decision KV 14.3.2026 § 21, 2025 → 2026" in said
    assert "(Kaupunginhallitus 2.3.2026 § 40): the same as the decision's" in said
    assert "the book says" not in said  # the total holds
    again = kirjuri(db, "import", str(path), "--apply")
    assert again.exit_code == 0 and "to record: 0 events" in again.output


def test_the_decisions_copy_is_recorded_and_the_proposals_difference_said(tmp_path, english):
    path, db = tmp_path / "kv.pdf", str(tmp_path / "l.sqlite")
    carry_minutes(path, proposal="200 000", decided="150 000")
    investing_city(db)
    result = kirjuri(db, "import", str(path))
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "differs from the decision's (the decision's is recorded)" in said
    assert "4205 CARRIED: 200000 in the Kaupunginhallitus 2.3.2026 § 40 copy, 150000 in the decision's" in said
    assert "4205 Uimahallin katto: carried 2025 → 2026: 150 000" in said


def test_more_than_the_ledgers_unused_is_refused_in_one_line_and_nothing_written(tmp_path, english):
    path, db = tmp_path / "kv.pdf", str(tmp_path / "l.sqlite")
    carry_minutes(path, proposal="600 000", decided="600 000")  # 4205 left 500 000 unused
    investing_city(db)
    before = kirjuri(db, "head").output
    result = kirjuri(db, "import", str(path), "--apply")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "is more than" in result.output.strip().splitlines()[-1] or "unused" in result.output.strip().splitlines()[-1]
    assert kirjuri(db, "head").output == before


def test_a_hallitus_deciding_a_carry_over_meets_the_rules_of_authority(tmp_path, english):
    """Minutes of the hallitus, the item its own: the default rules let only the valtuusto carry over."""
    path, db = tmp_path / "kh.pdf", str(tmp_path / "l.sqlite")
    carry_minutes(path, organ="Kaupunginhallitus", decides="Kaupunginhallitus päättää siirtää määrärahat:")
    investing_city(db)
    before = kirjuri(db, "head").output
    result = kirjuri(db, "import", str(path), "--apply")
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "valtuusto" in result.output.strip().splitlines()[-1]
    assert kirjuri(db, "head").output == before


def test_a_lisamaararaha_for_unfinished_investments_opens_the_projects_on_an_empty_ledger(tmp_path, english):
    """Left-aligned amounts; the ledger has no 2025 figures to carry from, so each row is what the minutes grant:
    a TA-muutos of 2026, said; its projects opened under the city the minutes name."""
    path, db = tmp_path / "kv-2026-04-20.pdf", str(tmp_path / "l.sqlite")
    grant_minutes(path)
    assert kirjuri(db, "init").exit_code == 0
    said = _applied(db, path)
    assert "decision KV 20.4.2026 § 33, 2025 → 2026, columns BUDGET / USED / UNUSED / EXTRA, 2 rows" in said
    assert "7322 Kirjaston ilmanvaihto: TA-muutos 2026: 60 000" in said
    assert "the ledger holds no unused 2025 appropriation at 7322 to carry" in said
    assert "3 sums of the minutes checked, 3 hold" in said
    shown = " ".join(kirjuri(db, "project", "show", "7310").output.split())
    assert "Pallokenttä" in shown


def test_the_preview_is_said_in_finnish_by_default(tmp_path):
    path, db = tmp_path / "kv.pdf", str(tmp_path / "l.sqlite")
    grant_minutes(path)
    assert kirjuri(db, "init").exit_code == 0
    said = " ".join(kirjuri(db, "import", str(path)).output.split())
    assert "päätös KV 20.4.2026 § 33" in said and "7310 Pallokenttä: TA-muutos 2026: 160 000" in said


def test_events_carry_the_decision_and_the_investment_costs(tmp_path):
    """The plan itself: a carry-over and a TA-muutos, each line on the investointi part's costs, a cost negative."""
    from ledger.books.minutesplan import plan_minutes

    path, db = tmp_path / "kv.pdf", str(tmp_path / "l.sqlite")
    carry_minutes(path)
    investing_city(db)
    app = Kirjuri(Target(sqlite_path=Path(db)), author="testi")
    statement = read_book(path)
    plan = plan_minutes(app.state, read_minutes(statement.lines, statement.text_lines), statement.lines,
                        source=statement.source, digest=statement.digest, author="testi", now=app.clock())
    app.close()
    carried, = [e for e in plan.events if isinstance(e, AppropriationCarried)]
    granted, = [e for e in plan.events if isinstance(e, TaAmended)]
    assert not [e for e in plan.events if isinstance(e, ProjectOpened)]
    assert carried.decision == granted.decision == Decision(body="valtuusto", date=dt.date(2026, 3, 14), section="21")
    assert (carried.from_year, carried.to_year) == (2025, 2026)
    assert set(carried.lines) == {Line("4101", MENOT, -120_000_00), Line("4102", MENOT, -80_000_00),
                                  Line("4205", MENOT, -200_000_00)}
    assert granted.year == 2026 and granted.lines == (Line("4101", MENOT, -30_000_00),)
    assert BUDGET and UNUSED  # the grant minutes' columns: used above


def test_a_lisamaararaha_carries_what_the_ledger_left_unused_and_grants_the_rest(tmp_path, english):
    """7310's 2025 figures are in the ledger (160 000 unused): its lisämääräraha carries on; 7322's are not: granted."""
    path, db = tmp_path / "kv-2026-04-20.pdf", str(tmp_path / "l.sqlite")
    grant_minutes(path)
    app = Kirjuri(Target(sqlite_path=Path(db)), create=True, author="testi")
    on, kv = dt.date(2025, 1, 1), Decision(body="valtuusto", date=dt.date(2024, 12, 9), section="80")
    app.register_unit("ESIM", "Esimerkkilän kaupunki", "kaupunki", None, effective=on)
    app.submit(app.project_opening("7310", "Pallokenttä", group="ESIM", unit="ESIM", cost_estimate=0, first_year=2025,
                                   last_year=2026, effective=on, decision=kv))
    app.adopt(2025, [Line("7310", MENOT, -250_000_00)], decision=kv)
    app.record("toteuma", 2025, [Line("7310", MENOT, -90_000_00)], period=(on, dt.date(2025, 12, 31)))
    app.close()
    said = _applied(db, path)
    assert "7310 Pallokenttä: carried 2025 → 2026: 160 000" in said
    assert "7322 Kirjaston ilmanvaihto: TA-muutos 2026: 60 000" in said
    from ledger.fold.vertailu import vertailu

    app = Kirjuri(Target(sqlite_path=Path(db)), author="testi")
    cells = vertailu(app.state, 2025, "7310").line(MENOT)
    app.close()
    assert cells.carried == -160_000_00 and cells.unused == 0


@settings(max_examples=60, deadline=None)
@given(extra=st.integers(0, 10**9), unused=st.one_of(st.none(), st.integers(-10**9, 10**9)), carry=st.booleans())
def test_a_rows_lisamaararaha_is_recorded_whole_once(extra, unused, carry):
    """Whatever the row prints, what it records (carried + granted) is its lisämääräraha, a cost, never more."""
    from ledger.books.minutes import MinutesTable, Row
    from ledger.books.minutesplan import Decided, entries
    from ledger.fold.state import LedgerState

    amounts = {EXTRA: extra} | ({} if unused is None else {UNUSED: unused})
    table = MinutesTable([1], [UNUSED, EXTRA], [2025, 2026], "5", "", None, carry, rows=[Row(2, "900", "x", "", amounts)])
    one = Decided(table, None, 2025, 2026)
    entries(LedgerState(), one)
    recorded = sum(e.carried + e.granted for e in one.entries)
    assert recorded == -extra and all(e.carried <= 0 and e.granted <= 0 for e in one.entries)


def test_a_hallitus_putting_it_to_the_valtuusto_records_nothing_and_says_so(tmp_path, english):
    path, db = tmp_path / "kh.pdf", str(tmp_path / "l.sqlite")
    carry_minutes(path, organ="Kaupunginhallitus")
    assert kirjuri(db, "init").exit_code == 0  # no city yet: none registered for a proposal
    before = kirjuri(db, "head").output
    said = _applied(db, path)
    assert "KH 14.3.2026 § 21 puts it to the valtuusto: a proposal" in said and "to record: 0 events" in said
    assert kirjuri(db, "head").output == before


def test_two_tables_of_one_item_are_each_decided(tmp_path, english):
    """Not copies (no code in common): each recorded under § 33, neither compared with the other."""
    path, db = tmp_path / "kv-2026-04-20.pdf", str(tmp_path / "l.sqlite")
    grant_minutes(path, equipment=True)
    assert kirjuri(db, "init").exit_code == 0
    said = _applied(db, path)
    assert "2 carry-over / lisämääräraha tables, 2 decided" in said and "copy at" not in said
    assert "8801 Lumilinko: TA-muutos 2026: 40 000" in said and "7310 Pallokenttä: TA-muutos 2026: 160 000" in said


def test_the_preview_speaks_swedish_with_the_swedish_citation(tmp_path):
    path, db = tmp_path / "kv.pdf", str(tmp_path / "l.sqlite")
    grant_minutes(path)
    assert kirjuri(db, "init").exit_code == 0
    said = " ".join(runner.invoke(cli, ["--db", db, "--lang", "sv", "import", str(path)]).output.split())
    assert "beslut KF 20.4.2026 § 33" in said and "7310 Pallokenttä: budgetändring 2026: 160 000" in said


# --- a Swedish-speaking town's protokoll ------------------------------------------------------------------

SV_HEADER = [["Kostnadskalkyl", "Utfall", "Överförs", "Tilläggsanslag"], ["€", "2025 €", "anslag 2026 €", "2026 €"]]


def _sv_table(rows, total: list[str]) -> list[list[tuple[str, float, str]]]:
    lines = [[("Projekt", 60.0, "l")] + [(w, e, "r") for w, e in zip(SV_HEADER[0], EDGES)]]
    lines += [[(w, e, "r") for w, e in zip(SV_HEADER[1], EDGES)], [("Gatubyggnad", 60.0, "l")]]
    for above, label, amounts, below in rows:
        lines += [_row(words, [], "r") for words in above]
        lines.append(_row(label, [a.format(carried="200 000") for a in amounts], "r"))
        lines += [_row(words, [], "r") for words in below]
    return lines + [_row(["Totalt"], total, "r")]


def sv_carry_minutes(path) -> None:
    """Stadsfullmäktige's protokoll: § 21 came from stadsstyrelsen (its förslag's table) to fullmäktige, which
    decided it; the Finnish ``carry_minutes`` in Swedish, the same projects and figures."""
    def header(page: int) -> list[list[tuple[str, float, str]]]:
        return [[("Exempelby stad", 60.0, "l"), ("Protokoll", 300.0, "l"), ("3/2026", 420.0, "l"),
                 (f"{page} (2)", 500.0, "l")], [("Stadsfullmäktige", 60.0, "l"), ("14.03.2026", 300.0, "l")], []]

    total = ["", "", "400 000", "30 000"]
    first = header(1) + [
        _text("Stadsstyrelsen, § 40, 02.03.2026"), _text("Stadsfullmäktige, § 21, 14.03.2026"), _text("§ 21"),
        _text("Investeringsanslag som överförs från år 2025"), _text("Stadsstyrelsen, 02.03.2026, § 40"),
        _text("Förslag"), _text("Stadsstyrelsen föreslår att anslagen för pågående projekt överförs:")]
    first += _sv_table(CARRY_ROWS, total)
    first += [_text("Beslut"), _text("Stadsstyrelsen godkände förslaget."),
              _text("Stadsfullmäktige, 14.03.2026, § 21"), _text("Förslag"),
              _text("Stadsstyrelsen föreslår till fullmäktige:")]
    decided = _sv_table(CARRY_ROWS, total)
    second = header(2) + decided[5:] + [_text("Beslut"), _text("Fullmäktige godkände förslaget.")]
    _pdf(path, [first + decided[:5], second])


def test_a_swedish_protokoll_records_the_carry_over_its_finnish_twin_records(tmp_path, english):
    """The same carry-over table in a Swedish-speaking town's protokoll (Projekt / Kostnadskalkyl / Utfall /
    Överförs / Tilläggsanslag, Förslag and Beslut, Totalt): fullmäktige's copy recorded once under its decision,
    stadsstyrelsen's compared with it, as the Finnish minutes are."""
    _path, _db, said = _carried_once(tmp_path, sv_carry_minutes, "Stadsfullmäktige 14.3.2026 § 21")
    assert "Stadsfullmäktige 14.3.2026 § 21, 2025 → 2026" in said
