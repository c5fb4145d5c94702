"""The command line as a clerk and an auditor use it, on the bundled Kemijärvi example."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ledger.app import Kirjuri
from cli.app import app
from ledger.domain.money import format_amount
from ledger.domain.refusals import field_said
from ledger.fold.projections import figures
from ledger.store.log import resolve_target

EXAMPLE = Path(__file__).parent / "data" / "kemijarvi-small.json"
runner = CliRunner()


def kirjuri(db: str, *args: str):
    return runner.invoke(app, ["--db", db, "--author", "testi", *args])


@pytest.fixture
def db(target) -> str:
    """The example restored into a fresh SQLite file or PostgreSQL database."""
    where = str(target.sqlite_path or target.postgres_url)
    result = kirjuri(where, "restore", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    return where


def head(db: str) -> str:
    return kirjuri(db, "head").stdout.strip()


def test_show_prints_the_books_figures(db):
    result = kirjuri(db, "show", "HALL", "--year", "2025")
    assert result.exit_code == 0
    # Käyttösuunnitelma 2025, Hallintopalvelut: Joukkoliikenne TA 2025 MENOT -348 070, TULOT 100 000
    joukko = result.stdout[result.stdout.index("JOUKKO Joukkoliikenne"):]
    assert "-348\u00a0070" in joukko.splitlines()[1] and "100\u00a0000" in joukko.splitlines()[2]


def test_transfers_count_under_the_new_parent_from_their_effective_date(db):
    ledger = Kirjuri(resolve_target(db))
    state = ledger.state
    assert "JOUKKO" in state.subtree("HALL", 2025) and "JOUKKO" not in state.subtree("ELTY", 2025)
    assert "JOUKKO" in state.subtree("ELTY", 2026)
    # on 31.12.2025 the organisation for 2026 still had Joukkoliikenne under Hallintopalvelut
    eve = dt.date(2025, 12, 31).toordinal()
    assert "JOUKKO" in state.subtree("HALL", 2026, eve) and "JOUKKO" not in state.subtree("ELTY", 2026, eve)
    assert figures(state, 2026, "HALL").get("MENOT", "TA") == (-1_237_350 - 314_860) * 100
    assert figures(state, 2026, "ELTY").get("MENOT", "TA") == (-334_000 - 77_780 - 96_500) * 100
    # TP 2024 stays where the 2026 book published it: the transfer moves 2026 figures on
    assert figures(state, 2024, "HALL").get("MENOT", "TP") == (-318_280 - 1_142_528 - 222_301 - 76_912 - 77_070) * 100


def test_amend_then_known_at_and_diff_show_it(db):
    before = head(db)
    result = kirjuri(db, "amend", "2025", "JOUKKO:MENOT=-12 000", "--effective", "15.6.2025",
                     "--decision", "KV 9.6.2025 § 41", "--note", "Lisämääräraha")
    assert result.exit_code == 0, result.output
    assert head(db) != before
    now = kirjuri(db, "show", "JOUKKO", "--year", "2025").stdout
    assert "-360\u00a0070" in now  # TA+muutos = -348 070 - 12 000
    then = kirjuri(db, "show", "JOUKKO", "--year", "2025", "--known-at", "1.2.2025").stdout
    assert "-360\u00a0070" not in then and "-348\u00a0070" in then
    diff = kirjuri(db, "diff", "JOUKKO", "--year", "2025", "--from-known-at", "1.2.2025").stdout
    assert "TA-muutokset" in diff and "-12\u00a0000" in diff
    history = kirjuri(db, "history", "JOUKKO").stdout
    assert "TA-muutos 2025" in history and "KV 9.6.2025 § 41" in history and "– → -12\u00a0000" in history


def test_a_change_without_effective_takes_effect_on_the_day_of_its_decision(db):
    """As the UI's forms do: --effective defaults to the date of --decision, and --help says so."""
    for args in (["amend", "2025", "JOUKKO:MENOT=-12 000", "--decision", "KV 9.6.2025 § 41"],
                 ["reallocate", "2025", "--from", "JOUKKO:MENOT", "--to", "ICT:MENOT", "--amount", "5",
                  "--decision", "KH 10.6.2025 § 42"],
                 ["transfer", "ICT", "--to", "ELTY", "--decision", "KV 11.6.2025 § 43"]):
        result = kirjuri(db, *args)
        assert result.exit_code == 0, result.output
    ledger = Kirjuri(resolve_target(db))
    try:
        events = [ledger.records([seq])[seq].event for seq in range(ledger.state.seq - 2, ledger.state.seq + 1)]
    finally:
        ledger.close()
    assert [e.effective for e in events] == [dt.date(2025, 6, 9), dt.date(2025, 6, 10), dt.date(2025, 6, 11)]
    for command in ("amend", "reallocate", "transfer"):
        assert "default: the day of --decision" in " ".join(kirjuri(db, command, "--help").stdout.split())


def test_a_proposal_waits_for_its_decision_then_takes_effect(db):
    result = kirjuri(db, "propose", "2025", "JOUKKO:MENOT=-12 000", "--body", "KV", "--effective", "15.6.2025",
                     "--decision", "KH 2.6.2025 § 80", "--note", "Lisämääräraha")
    assert result.exit_code == 0, result.output
    seq = result.stdout.split()[1]
    assert "-348\u00a0070" in kirjuri(db, "show", "JOUKKO", "--year", "2025").stdout, "a proposal moves nothing"
    pending = kirjuri(db, "proposals").stdout
    assert seq in pending and "odottaa päätöstä" in pending and "JOUKKO:MENOT" in pending
    decided = kirjuri(db, "decide", seq, "--approve", "--decision", "KV 9.6.2025 § 41")
    assert decided.exit_code == 0, decided.output
    assert "(TA-muutos)" in decided.stdout and "(Päätös esityksestä)" in decided.stdout
    assert "-360\u00a0070" in kirjuri(db, "show", "JOUKKO", "--year", "2025").stdout
    assert seq not in kirjuri(db, "proposals").stdout
    listed = kirjuri(db, "proposals", "--all").stdout
    assert "hyväksytty" in listed and "KV 9.6.2025 § 41" in listed
    again = kirjuri(db, "--lang", "en", "decide", seq, "--reject", "--decision", "KV 9.6.2025 § 42")
    assert again.exit_code == 1 and again.stderr.startswith("kirjuri: proposal: ") and "already decided" in again.stderr


def test_a_reallocation_proposal_and_its_rejection(db):
    result = kirjuri(db, "propose", "2025", "--from", "JOUKKO:MENOT", "--to", "ICT:MENOT", "--amount", "5 000",
                     "--body", "kaupunginhallitus", "--effective", "20.6.2025")
    assert result.exit_code == 0, result.output
    seq = result.stdout.split()[1]
    rejected = kirjuri(db, "decide", seq, "--reject", "--decision", "KH 16.6.2025 § 90")
    assert rejected.exit_code == 0, rejected.output
    assert "hylätty" in kirjuri(db, "proposals", "--all").stdout


def test_a_grouped_reallocation_is_one_event_under_one_decision(db):
    """Any number of --move: one event, one decision, every move in it (a repeated --from is refused instead)."""
    before = kirjuri(db, "head").stdout.split()[0]
    result = kirjuri(db, "reallocate", "2025", "--move", "JOUKKO:MENOT>ICT:MENOT=5 000", "--from", "JOUKKO:MENOT",
                     "--to", "HALL:MENOT", "--amount", "1 000", "--move", "ICT:MENOT>HALL:MENOT=2 000,50",
                     "--effective", "20.6.2025", "--decision", "KV 16.6.2025 § 90")
    assert result.exit_code == 0, result.output
    assert int(kirjuri(db, "head").stdout.split()[0].lstrip("#")) == int(before.lstrip("#")) + 1
    ledger = Kirjuri(resolve_target(db))
    try:
        moves = ledger.records([ledger.state.seq])[ledger.state.seq].event.moves
    finally:
        ledger.close()
    assert [(m.from_unit, m.to_unit, abs(m.amount)) for m in moves] == [
        ("JOUKKO", "HALL", 1_000_00), ("JOUKKO", "ICT", 5_000_00), ("ICT", "HALL", 2_000_50)]


def test_a_proposal_may_group_moves_too(db):
    result = kirjuri(db, "propose", "2025", "--move", "JOUKKO:MENOT>ICT:MENOT=5 000", "--move",
                     "JOUKKO:MENOT>HALL:MENOT=1 000", "--body", "KV", "--effective", "20.6.2025")
    assert result.exit_code == 0, result.output
    both = kirjuri(db, "propose", "2025", "JOUKKO:MENOT=-1", "--move", "JOUKKO:MENOT>ICT:MENOT=5",
                   "--body", "KV", "--effective", "20.6.2025")
    assert both.exit_code == 1 and both.stderr.startswith("kirjuri: rivit: ")


BAD = [
    (["reallocate", "2025", "--from", "JOUKKO:MENOT", "--from", "ICT:MENOT", "--to", "HALL:MENOT", "--amount", "5",
      "--effective", "20.6.2025", "--decision", "KV 16.6.2025 § 90"], "from", "JOUKKO:MENOT | ICT:MENOT"),
    (["reallocate", "2025", "--from", "JOUKKO:MENOT", "--to", "ICT:MENOT", "--amount", "5", "--amount", "6",
      "--effective", "20.6.2025", "--decision", "KV 16.6.2025 § 90"], "amount", "5 | 6"),
    (["reallocate", "2025", "--move", "JOUKKO:MENOT=5", "--effective", "20.6.2025", "--decision", "KV 16.6.2025 § 90"],
     "move[1]", "JOUKKO:MENOT=5"),
    (["reallocate", "2025", "--move", "JOUKKO:MENOT>ICT:MENOT=-5", "--effective", "20.6.2025"], "move[1].amount", "-5"),
    (["reallocate", "2025", "--from", "JOUKKO:MENOT", "--to", "ICT:MENOT", "--effective", "20.6.2025"], "amount", "''"),
    (["reallocate", "2025", "--effective", "20.6.2025", "--decision", "KV 16.6.2025 § 90"], "move", "''"),
    (["amend", "2025", "JOUKKO:MENOT=-12 0000", "--effective", "15.6.2025", "--decision", "KV 9.6.2025 § 41"], "lines[1].amount", "-12 0000"),
    (["amend", "2025", "NOPE:MENOT=-1", "--effective", "15.6.2025", "--decision", "KV 9.6.2025 § 41"], "lines[1].unit", "NOPE"),
    (["amend", "2025", "JOUKKO:Kulut=-1", "--effective", "15.6.2025", "--decision", "KV 9.6.2025 § 41"], "lines[1].account", "Kulut"),
    (["amend", "2025", "JOUKKO:MENOT=-1", "--effective", "15.6.2026", "--decision", "KV 9.6.2025 § 41"], "effective", "15.6.2026"),
    (["amend", "2025", "JOUKKO:MENOT=-1", "--effective", "15.6.2025"], "decision", "''"),
    (["amend", "2025", "JOUKKO:MENOT=-1"], "decision", "''"),
    (["reallocate", "2025", "--from", "JOUKKO:MENOT", "--to", "ICT:MENOT", "--amount", "5"], "decision", "''"),
    (["transfer", "JOUKKO", "--to", "HALL"], "decision", "''"),
    (["unit", "close", "ICT"], "decision", "''"),
    (["unit", "rename", "ICT", "Tietohallinto"], "effective", "''"),
    (["amend", "2025", "JOUKKO:MENOT=-1", "--effective", "15.6.2025", "--decision", "KV 9.6.2025"], "decision", "KV 9.6.2025"),
    (["amend", "2025", "JOUKKO:MENOT=-1", "--effective", "31.2.2025", "--decision", "KV 9.6.2025 § 1"], "effective", "31.2.2025"),
    (["reallocate", "2025", "--from", "JOUKKO:MENOT", "--to", "ICT:TULOT", "--amount", "5 000", "--effective", "20.6.2025", "--decision", "KH 16.6.2025 § 90"], "moves[1].to_account", "TULOT"),
    (["reallocate", "2025", "--from", "JOUKKO:MENOT", "--to", "JOUKKO:MENOT", "--amount", "5 000", "--effective", "20.6.2025", "--decision", "KH 16.6.2025 § 90"], "moves[1].to_unit", "JOUKKO"),
    (["reallocate", "2025", "--from", "JOUKKO:MENOT", "--to", "ICT:MENOT", "--amount", "-5", "--effective", "20.6.2025", "--decision", "KH 16.6.2025 § 90"], "amount", "-5"),
    (["transfer", "JOUKKO", "--to", "HALL", "--effective", "1.2.2026", "--from-year", "1980", "--decision", "KV 1.1.2026 § 1"], "from_year", "1980"),
    (["transfer", "JOUKKO", "--to", "ELTY", "--effective", "1.2.2026", "--decision", "KV 1.1.2026 § 1"], "to_parent", "ELTY"),
    (["transfer", "ELTY", "--to", "JOUKKO", "--effective", "1.2.2026", "--decision", "KV 1.1.2026 § 1"], "to_parent", "JOUKKO"),
    (["transfer", "JOUKKO", "--to", "NOPE", "--effective", "1.2.2026", "--decision", "KV 1.1.2026 § 1"], "to_parent", "NOPE"),
    (["record", "toteuma", "2025", "JOUKKO:MENOT=-1", "--period", "1.6.2024-30.7.2024"], "period_start", "1.6.2024"),
    (["record", "budjetti", "2025", "JOUKKO:MENOT=-1"], "kind", "budjetti"),
    (["adopt", "2025", "JOUKKO:MENOT=-1", "--decision", "KV 1.12.2024 § 3"], "lines[1].account", "MENOT"),
    (["adopt", "2027", "JOUKKO:MENOT=-1", "--decision", "KH 1.12.2026 § 3"], "decision.body", "hallitus"),
    (["reverse", "#999", "--reason", "x"], "event", "#999"),
    (["reverse", "deadbeefdead", "--reason", "x"], "event", "deadbeefdead"),
    (["unit", "add", "JOUKKO", "Toinen", "--level", "yksikkö", "--parent", "HALL"], "code", "JOUKKO"),
    (["unit", "add", "UUSI", "Uusi", "--level", "toimiala", "--parent", "ELTY"], "parent", "ELTY"),
    (["unit", "add", "UUSI", "Uusi", "--level", "osasto", "--parent", "ELTY"], "level", "osasto"),
    (["unit", "close", "HALL", "--effective", "1.1.2026", "--decision", "KV 1.12.2025 § 9"], "unit", "HALL"),
    (["propose", "2025", "JOUKKO:MENOT=-1", "--body", "seurakunta", "--effective", "1.6.2025"], "body", "seurakunta"),
    (["propose", "2025", "NOPE:MENOT=-1", "--body", "KV", "--effective", "1.6.2025"], "lines[1].unit", "NOPE"),
    (["propose", "2025", "--from", "JOUKKO:MENOT", "--body", "KH", "--effective", "1.6.2025"], "to", ""),
    (["decide", "#1", "--approve", "--decision", "KV 9.6.2025 § 41"], "proposal", "#1"),
    (["show", "NOPE", "--year", "2025"], "unit", "NOPE"),
    (["show", "HALL", "--year", "2025", "--known-at", "eilen"], "known-at", "eilen"),
]


@pytest.mark.parametrize(("args", "field", "value"), BAD, ids=[" ".join(a[:2]) + f"-{f}" for a, f, _v in BAD])
def test_bad_input_is_one_line_naming_field_and_value_and_writes_nothing(sqlite_target, args, field, value):
    db = str(sqlite_target.sqlite_path)
    assert kirjuri(db, "restore", str(EXAMPLE)).exit_code == 0
    before = head(db)
    result = kirjuri(db, *args)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"kirjuri: {field_said(field, 'fi')}: ") and value in lines[0], lines[0]  # no language asked
    assert head(db) == before


CLI_REFUSALS = [
    (["export", "--format", "xml"], "format: 'xml' is not json or toml"),
    (["record", "budjetti", "2025", "JOUKKO:MENOT=-1"], "kind: 'budjetti' is not one of ks, tp, toteuma, tpe, ts"),
    (["record", "toteuma", "2025", "JOUKKO:MENOT=-1", "--period", "2025"],
     "period: '2025' is not a period: write start-end, e.g. 1.1.2025-30.6.2025"),
    (["amend", "2025", "JOUKKO-MENOT", "--effective", "1.2.2025"],
     "lines[1]: 'JOUKKO-MENOT' is not UNIT:ACCOUNT=AMOUNT (e.g. '1100:MENOT=-68 900')"),
    (["reallocate", "2025", "--from", "JOUKKO", "--to", "ICT:MENOT", "--amount", "5", "--effective", "1.2.2025"],
     "from: 'JOUKKO' is not UNIT:ACCOUNT (e.g. '1100:MENOT')"),
    (["show", "HALL", "--year", "2025", "--known-at", "eilen"],
     "known-at: 'eilen' is not a time (e.g. 1.9.2025, 1.9.2025 12:30 or 2025-09-01T12:30)"),
    (["unit", "add", "U", "U", "--level", "osasto"],
     "level: 'osasto' is not one of kaupunki, toimiala, vastuualue, yksikkö"),
    (["history", "NOPE"], "unit: 'NOPE' is not a known unit (see `kirjuri units`)"),
    (["export-figures", "figures.pdf"], "file: 'figures.pdf' must end in .csv or .xlsx"),
    (["import", str(EXAMPLE), "--profile", "/no/such.toml"], "profile: '/no/such.toml' does not exist"),
    (["verify", "-o", "report.pdf"], "output: 'report.pdf' must end in .md, .json or .xlsx"),
]


@pytest.mark.parametrize(("args", "line"), CLI_REFUSALS, ids=[" ".join(a[:2]) for a, _l in CLI_REFUSALS])
def test_the_clis_own_refusals_are_catalog_codes_printed_in_english(sqlite_target, args, line, english):
    db = str(sqlite_target.sqlite_path)
    assert kirjuri(db, "restore", str(EXAMPLE)).exit_code == 0
    result = kirjuri(db, *args)
    assert result.exit_code == 1
    assert result.stderr == f"kirjuri: {line}\n"


def test_restore_into_a_ledger_with_events_says_how_many(sqlite_target, english):
    db = str(sqlite_target.sqlite_path)
    assert kirjuri(db, "restore", str(EXAMPLE)).exit_code == 0
    result = kirjuri(db, "restore", str(EXAMPLE))
    assert result.stderr == f"kirjuri: db: {db!r} already holds 23 events: restore needs an empty ledger\n"


def test_reverse_restores_the_earlier_figures_and_cannot_be_repeated(db):
    show = lambda: kirjuri(db, "show", "JOUKKO", "--year", "2025").stdout  # noqa: E731
    before = show()
    kirjuri(db, "amend", "2025", "JOUKKO:MENOT=-1 000", "--effective", "1.3.2025", "--decision", "KV 1.3.2025 § 5")
    assert show() != before
    seq = head(db).split()[0]
    assert kirjuri(db, "reverse", seq, "--reason", "Väärä summa").exit_code == 0
    assert show() == before
    again = kirjuri(db, "--lang", "en", "reverse", seq, "--reason", "Väärä summa")
    assert again.exit_code == 1 and "already reversed" in again.stderr
    history = kirjuri(db, "history", "JOUKKO", "--limit", "2").stdout
    assert f"[peruttu: #{int(seq[1:]) + 1}]" in history and "Väärä summa" in history


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_export_restore_round_trip_gives_the_same_ledger(db, tmp_path, fmt):
    kirjuri(db, "record", "toteuma", "2025", "JOUKKO:MENOT=-100 000,50", "--period", "1.1.2025-31.3.2025")
    exported = tmp_path / f"ledger.{fmt}"
    assert kirjuri(db, "export", "--format", fmt, "-o", str(exported)).exit_code == 0
    copy = str(tmp_path / "copy.sqlite")
    result = kirjuri(copy, "restore", str(exported))
    assert result.exit_code == 0, result.output
    assert head(copy) == head(db)
    a, b = Kirjuri(resolve_target(db)).state, Kirjuri(resolve_target(copy)).state
    assert a.fingerprint() == b.fingerprint()
    assert kirjuri(copy, "show", "KEMIJARVI", "--year", "2025").stdout == kirjuri(db, "show", "KEMIJARVI", "--year", "2025").stdout


def test_restore_refuses_an_altered_export(tmp_path, english):
    text = EXAMPLE.read_text(encoding="utf-8").replace("-34807000", "-34807100", 1)
    altered = tmp_path / "altered.json"
    altered.write_text(text, encoding="utf-8")
    result = kirjuri(str(tmp_path / "x.sqlite"), "restore", str(altered))
    assert result.exit_code == 1 and "hash chain breaks at event #" in result.stderr


def test_restore_refuses_a_ledger_that_is_not_empty(db, english):
    result = kirjuri(db, "restore", str(EXAMPLE))
    assert result.exit_code == 1 and "restore needs an empty ledger" in result.stderr


def test_commands_on_a_missing_ledger_say_to_run_init(tmp_path):
    result = kirjuri(str(tmp_path / "none.sqlite"), "show", "HALL", "--year", "2025")
    assert result.exit_code == 1 and "kirjuri init" in result.stderr
    assert not (tmp_path / "none.sqlite").exists()


def test_demo_opens_the_example_with_no_setup(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("KIRJURI_DB", raising=False)
    monkeypatch.delenv("KIRJURI_DATABASE_URL", raising=False)
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "Elinkeino- ja työllisyyspalvelut" in result.stdout and "Palvelu siirretty" in result.stdout
    assert (tmp_path / ".local" / "share" / "kirjuri" / "demo.sqlite").exists()


def test_figures_fit_an_80_column_terminal_without_cutting_a_number(db):
    """At 80 columns the columns are split over several tables; no amount is truncated."""
    import io

    from rich.console import Console

    from cli.figures import _figures_tables
    from ledger.fold.projections import table

    assert kirjuri(db, "record", "toteuma", "2025", "JOUKKO:MENOT=-200 000", "--period", "1.1.2025-30.6.2025").exit_code == 0
    assert kirjuri(db, "amend", "2025", "JOUKKO:MENOT=-12 000", "--effective", "15.6.2025",
                   "--decision", "KV 9.6.2025 § 41").exit_code == 0
    state = Kirjuri(resolve_target(db)).state
    rows = table(state, 2025, "HALL")
    screen = io.StringIO()
    console = Console(file=screen, width=80, force_terminal=False)
    tables = _figures_tables(state, rows, True, 80)
    for t in tables:
        console.print(t)
    text = screen.getvalue()
    assert len(tables) > 1
    assert "…" not in text and max(len(line) for line in text.splitlines()) <= 80
    assert "-3\u00a0769\u00a0580" in text and "5,3 %" in text  # HALL TA+muutos and toteuma-%


@pytest.mark.parametrize("example", ["kemijarvi", "kemi"])
def test_show_fits_80_columns_on_every_node_of_both_examples(example, request):
    """A long unit name folds; no amount is ever cut, and every figure of the table is printed whole."""
    import io

    from rich.console import Console

    from cli.figures import _figures_tables
    from ledger.fold.projections import table

    state = request.getfixturevalue(example).state
    years = {"kemijarvi": (2022, 2023, 2024, 2025, 2026), "kemi": (2023,)}[example]
    shown_amounts = 0
    for year in years:
        for code in sorted(state.units):
            rows = table(state, year, code)
            if not rows:
                continue
            screen = io.StringIO()
            console = Console(file=screen, width=80, force_terminal=False)
            for t in _figures_tables(state, rows, True, 80):
                console.print(t)
            text = screen.getvalue()
            assert "…" not in text and max(len(line) for line in text.splitlines()) <= 80, (code, year)
            for row in rows:
                for account in row.figures.accounts():
                    value = row.figures.get(account, "TA")
                    if value is not None:
                        assert format_amount(value, decimals=0) in text, (code, year, account)
                        shown_amounts += 1
    assert shown_amounts > 100
