"""The account chart as data (events/chart.toml): what every stored ledger folds by, and its invariants."""

from __future__ import annotations

from events import accounts, chart
from ledger.domain import vocabulary

#: the chart as it was a constant in events/accounts.py before it became data: every stored ledger and
#: export folds by exactly these keys and parents
BEFORE_DATA = {
    "MENOT": None,
    "TULOT": None,
    "TOIMINTATUOTOT": "TULOT",
    "Myyntituotot": "TOIMINTATUOTOT",
    "Maksutuotot": "TOIMINTATUOTOT",
    "Tuet ja avustukset": "TOIMINTATUOTOT",
    "Vuokratuotot": "TOIMINTATUOTOT",
    "Muut toimintatuotot": "TOIMINTATUOTOT",
    "TOIMINTAKULUT": "MENOT",
    "Henkilöstökulut": "TOIMINTAKULUT",
    "Palvelujen ostot": "TOIMINTAKULUT",
    "Aineet, tarvikkeet ja tavarat": "TOIMINTAKULUT",
    "Avustukset": "TOIMINTAKULUT",
    "Vuokrat": "TOIMINTAKULUT",
    "Muut toimintakulut": "TOIMINTAKULUT",
}


def test_the_accounts_ledgers_hold_keep_their_keys_parents_and_order():
    kept = {a: p for a, p in accounts.PARENT.items() if a in BEFORE_DATA}
    assert kept == BEFORE_DATA
    assert [a for a in accounts.ACCOUNTS if a in BEFORE_DATA] == list(BEFORE_DATA)
    assert {a: accounts.root_of(a) for a in BEFORE_DATA} == {
        a: ("TULOT" if a in ("TULOT", "TOIMINTATUOTOT") or p == "TOIMINTATUOTOT" else "MENOT")
        for a, p in BEFORE_DATA.items()}


def test_their_side_follows_the_root_they_had():
    assert {accounts.side_of(a) for a in BEFORE_DATA if accounts.root_of(a) == "MENOT"} == {"kulu"}
    assert {accounts.side_of(a) for a in BEFORE_DATA if accounts.root_of(a) == "TULOT"} == {"tuotto"}
    assert {accounts.part_of(a) for a in BEFORE_DATA} == {"käyttötalous"}


def test_nettomeno_and_toimintakate_are_derived_from_the_same_accounts():
    assert accounts.DERIVED["NETTOMENO"] == ("MENOT", "TULOT")
    assert set(accounts.DERIVED["TOIMINTAKATE"]) >= {"TOIMINTATUOTOT", "TOIMINTAKULUT"}
    assert not set(accounts.DERIVED) & set(accounts.PARENT)


def test_the_vocabulary_says_the_charts_own_names():
    for key, account in accounts.BASE.accounts.items():
        assert tuple(vocabulary.ACCOUNTS[key]) == account.names
    assert vocabulary.ACCOUNTS["Henkilöstökulut"].sv == "Personalkostnader"
    assert vocabulary.ACCOUNTS["TOIMINTAKATE"].en == "Operating margin"


def test_a_book_label_finds_its_account_by_name_or_synonym_ignoring_case():
    assert accounts.lookup("MYYNTITULOT") == "Myyntituotot"
    assert accounts.lookup("Toimintatulot") == "TOIMINTATUOTOT"
    assert accounts.lookup("toimintamenot") == "TOIMINTAKULUT"
    assert accounts.lookup("Försäljningsintäkter") == "Myyntituotot"
    assert accounts.lookup("Muut  toimintatuotot") == "Muut toimintatuotot"
    assert accounts.lookup("Verotilitykset ja muut") is None


def test_a_book_label_finds_its_account_past_a_footnotes_mark_and_no_further():
    """Books mark a row for a footnote (`Verotulot *`, `Valtionosuudet 1)`, `Korkokulut²`): the label still names
    its account; a label naming none stays none, and a number that is no mark (`Verotulot 12`) is kept."""
    for mark in ("*", " *", " **", " *)", " 1)", " (2)", "¹", " ²³"):
        assert accounts.lookup(f"Verotulot{mark}") == "Verotulot", mark
        assert accounts.lookup(f"Palvelujen ostot{mark}") == "Palvelujen ostot", mark
    assert accounts.lookup("Verotulot 12") is None and accounts.lookup("Lainasaamiset*") is None
    assert accounts.lookup("Verotulot (sis. kiinteistövero)") is None


def test_the_bundled_file_is_the_chart_in_use():
    assert chart.load() == accounts.BASE == accounts.CHART


# --- JHS 192: the income statement, investment and financing parts ----------------------------------------------

#: the issue's list: JHS 192's income statement, each line an account or a derived line of the chart
JHS_192 = {
    "Myyntituotot", "Maksutuotot", "Tuet ja avustukset", "Muut toimintatuotot", "Vuokratuotot",
    "Valmistus omaan käyttöön", "Henkilöstökulut", "Palkat ja palkkiot", "Henkilösivukulut", "Eläkekulut",
    "Muut henkilösivukulut", "Palvelujen ostot", "Aineet, tarvikkeet ja tavarat", "Avustukset",
    "Muut toimintakulut", "TOIMINTAKATE", "Verotulot", "Valtionosuudet", "RAHOITUSTUOTOT JA -KULUT", "VUOSIKATE",
    "Poistot ja arvonalentumiset", "SATUNNAISET ERÄT", "TILIKAUDEN TULOS", "VARAUSTEN JA RAHASTOJEN MUUTOKSET",
    "TILIKAUDEN YLIJÄÄMÄ",
}


def test_the_chart_holds_jhs_192s_income_statement():
    assert JHS_192 <= set(accounts.PARENT) | set(accounts.DERIVED)
    assert accounts.ancestors("Eläkekulut") == ("Eläkekulut", "Henkilösivukulut", "Henkilöstökulut", "TOIMINTAKULUT",
                                                "MENOT")
    assert accounts.ancestors("Palkat ja palkkiot")[1] == "Henkilöstökulut"


def test_every_part_of_the_budget_has_its_accounts_and_every_account_one_part():
    for part in chart.PARTS:
        assert accounts.in_part(part), part
    assert sorted(a for part in chart.PARTS for a in accounts.in_part(part)) == sorted(accounts.ACCOUNTS)
    assert accounts.part_of("Verotulot") == "tuloslaskelma"
    assert accounts.part_of("Investointimenot") == "investointi"
    assert accounts.part_of("Pitkäaikaisten lainojen lisäys") == "rahoitus"
    assert {d.part for d in accounts.derived_lines()} == set(chart.PARTS)


def test_every_account_has_one_root_its_parents_side_and_part_and_a_name_in_each_language():
    for key, account in accounts.CHART.accounts.items():
        chain = accounts.ancestors(key)
        assert len(set(chain)) == len(chain) and accounts.PARENT[chain[-1]] is None
        if account.parent is not None:
            parent = accounts.account(account.parent)
            assert (account.side, account.part) == (parent.side, parent.part), key
        assert all(name.strip() for name in account.names)


def test_every_derived_line_sums_accounts_and_earlier_lines_only():
    seen: set[str] = set()
    for line in accounts.derived_lines():
        assert set(line.terms) <= set(accounts.PARENT) | seen, line.key
        assert set(line.carries) < set(line.terms)
        seen.add(line.key)


def test_the_income_statement_is_derived_from_the_figures_not_from_code(ledger):
    """A city's toimintakate, verotulot, valtionosuudet, rahoituserät and poistot give vuosikate, tilikauden
    tulos and ylijäämä by the chart's formulas; a unit with only operating figures gets no vuosikate."""
    from conftest import KV
    from events.model import Line
    from ledger.fold import projections as pj

    ledger.register_unit("K", "Kaupunki", "kaupunki", None, effective=KV.date)
    ledger.register_unit("T", "Tulosalue", "toimiala", "K", effective=KV.date)
    ledger.adopt(2025, [Line("T", "Myyntituotot", 100_00), Line("T", "Palkat ja palkkiot", -700_00),
                        Line("T", "Eläkekulut", -150_00), Line("T", "Valmistus omaan käyttöön", 50_00),
                        Line("K", "Kunnan tulovero", 600_00), Line("K", "Valtionosuudet", 300_00),
                        Line("K", "Korkotuotot", 10_00), Line("K", "Korkokulut", -30_00),
                        Line("K", "Suunnitelman mukaiset poistot", -90_00), Line("K", "Poistoeron muutos", 5_00)],
                 decision=KV)
    city = pj.figures(ledger.state, 2025, "K")
    assert city.get("Henkilöstökulut", "TA") == -850_00
    assert city.get("TOIMINTAKATE", "TA") == 100_00 + 50_00 - 850_00
    assert city.get("RAHOITUSTUOTOT JA -KULUT", "TA") == -20_00
    assert city.get("VUOSIKATE", "TA") == -700_00 + 600_00 + 300_00 - 20_00
    assert city.get("TILIKAUDEN TULOS", "TA") == 180_00 - 90_00
    assert city.get("TILIKAUDEN YLIJÄÄMÄ", "TA") == 90_00 + 5_00
    assert city.get("NETTOMENO", "TA") == 150_00 - 850_00, "NETTOMENO stays käyttötalous: MENOT + TULOT"
    unit = pj.figures(ledger.state, 2025, "T")
    assert unit.get("TOIMINTAKATE", "TA") == -700_00
    assert unit.get("VUOSIKATE", "TA") is None and unit.get("TILIKAUDEN TULOS", "TA") is None


# --- a municipality's extension -----------------------------------------------------------------------------------

import tomli_w  # noqa: E402
from hypothesis import given, settings, strategies as st  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from cli.app import app as cli  # noqa: E402

BASE_KEYS = sorted(accounts.BASE.accounts)
#: where a new account's parent points: an account of the chart, another new one (maybe itself), or nothing known
parents = st.one_of(st.sampled_from(BASE_KEYS).map(lambda k: ("chart", k)),
                    st.integers(0, 5).map(lambda i: ("new", i)), st.just(("none", "Ei tiliä")))


def _expected_base(news: list[tuple[tuple[str, object], str | None]], i: int) -> str | None:
    """The chart account new account ``i`` finally rolls into, or None (unknown parent, cycle)."""
    seen = {i}
    kind, target = news[i][0]
    while kind == "new":
        if target >= len(news) or target in seen:
            return None
        seen.add(target)
        kind, target = news[target][0]
    return target if kind == "chart" else None


@settings(max_examples=150, deadline=None)
@given(news=st.lists(st.tuples(parents, st.sampled_from([None, *chart.SIDES])), min_size=1, max_size=6))
def test_an_extension_adds_accounts_under_existing_ones_only_and_keeps_the_chart_a_forest(tmp_path_factory, news):
    doc = {"accounts": {}}
    for i, ((kind, target), side) in enumerate(news):
        table = {"parent": f"Oma {target}" if kind == "new" else target, "fi": f"Oma {i}", "en": f"Own {i}"}
        if side is not None:
            table["side"] = side
        doc["accounts"][f"Oma {i}"] = table
    path = tmp_path_factory.mktemp("chart") / "oma.toml"
    path.write_text(tomli_w.dumps(doc), encoding="utf-8")
    bases = [_expected_base(news, i) for i in range(len(news))]
    valid = None not in bases and all(side in (None, accounts.BASE.accounts[b].side)
                                      for (_p, side), b in zip(news, bases))
    try:
        extended = accounts.extended(path)
    except chart.ChartError as exc:
        assert not valid, exc
        assert str(exc).startswith(f"chart: '{path}': accounts.") and "\n" not in str(exc)
        return
    assert valid
    assert {k: a.parent for k, a in extended.accounts.items() if k in BASE_KEYS} == accounts.PARENT
    for i, base in enumerate(bases):
        key = f"Oma {i}"
        chain = extended.ancestors(key)
        assert base in chain and chain[-1] == accounts.ancestors(base)[-1] and len(set(chain)) == len(chain)
        assert (extended.accounts[key].side, extended.accounts[key].part) == (accounts.side_of(base),
                                                                              accounts.part_of(base))
        assert extended.accounts[key].names == (key, key, f"Own {i}")
    assert extended.derived == accounts.BASE.derived


def test_an_extension_may_not_take_a_label_the_chart_uses_or_redefine_an_account(tmp_path):
    path = tmp_path / "oma.toml"
    path.write_text('[accounts.Kuljetukset]\nparent = "Palvelujen ostot"\nsynonyms = ["Myyntitulot"]\n',
                    encoding="utf-8")
    try:
        accounts.extended(path)
        raise AssertionError("a label of two accounts was taken")
    except chart.ChartError as exc:
        assert "'myyntitulot' already names 'Myyntituotot'" in str(exc)
    path.write_text('[accounts.Verotulot]\nparent = "TULOT"\n', encoding="utf-8")
    try:
        accounts.extended(path)
        raise AssertionError("an account was redefined")
    except chart.ChartError as exc:
        assert str(exc) == f"chart: '{path}': accounts.'Verotulot': is already an account of the chart"


EXTENSION = """\
[accounts.Koulukuljetukset]
parent = "Palvelujen ostot"
fi = "Koulukuljetukset"
sv = "Skolskjutsar"
en = "School transport"
synonyms = ["Oppilaskuljetukset"]
"""


def kirjuri(db, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def ta(stdout: str, label: str) -> str:
    """The TA cell of the first row of `kirjuri show` labelled ``label`` (the city's)."""
    for line in stdout.replace("\xa0", " ").splitlines():
        cells = [c.strip() for c in line.split("│")]
        if len(cells) > 2 and cells[1] == label:
            return cells[2]
    raise AssertionError(f"no row {label!r} in {stdout}")


def test_a_ledger_with_its_municipalitys_accounts_reads_without_the_file_but_writes_only_with_it(tmp_path, english):
    db, ext = tmp_path / "l.sqlite", tmp_path / "tilikartta.toml"
    ext.write_text(EXTENSION, encoding="utf-8")
    kv = ["--decision", "KV 9.12.2024 § 80"]
    for args in (["init"], ["unit", "add", "K", "Kaupunki", "--level", "kaupunki"],
                 ["unit", "add", "S", "Sivistys", "--level", "toimiala", "--parent", "K"]):
        assert kirjuri(db, *args).exit_code == 0
    without = kirjuri(db, "adopt", "2025", "S:Koulukuljetukset=-100 000", *kv)
    assert without.exit_code == 1 and "is not an account" in without.stderr
    adopted = kirjuri(db, "--chart", str(ext), "adopt", "2025", "S:Oppilaskuljetukset=-100 000",
                      "S:Henkilöstökulut=-50 000", *kv)
    assert adopted.exit_code == 0, adopted.stderr
    assert accounts.CHART is accounts.BASE, "the file is the command's, not the process's"

    shown = kirjuri(db, "--chart", str(ext), "show", "K", "--year", "2025", "--accounts")
    assert shown.exit_code == 0 and shown.stderr == ""
    assert (ta(shown.stdout, "Koulukuljetukset"), ta(shown.stdout, "Palvelujen ostot"), ta(shown.stdout, "MENOT")) == (
        "-100 000", "-100 000", "-150 000")

    read = kirjuri(db, "show", "K", "--year", "2025", "--accounts")
    assert read.exit_code == 0, read.stderr
    assert (ta(read.stdout, "Koulukuljetukset"), ta(read.stdout, "MENOT")) == ("-100 000", "-50 000")
    assert "Palvelujen ostot" not in read.stdout, "without the file it rolls up into nothing"
    assert read.stderr.startswith("kirjuri: warning: the ledger holds accounts the chart does not know"
                                  " ('Koulukuljetukset')")
    head = kirjuri(db, "head").stdout
    refused = kirjuri(db, "amend", "2025", "S:Henkilöstökulut=-1 000", "--effective", "1.6.2025",
                      "--decision", "KV 1.6.2025 § 3")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines()[0] == (
        "kirjuri: account: 'Koulukuljetukset' is held by the ledger but is not in the chart in use (accounts"
        " outside it: 1): give the municipality's chart file (--chart FILE or $KIRJURI_CHART) to write")
    assert kirjuri(db, "head").stdout == head, "nothing was written"
    amended = CliRunner().invoke(cli, ["--db", str(db), "amend", "2025", "S:Henkilöstökulut=-1 000", "--effective",
                                       "1.6.2025", "--decision", "KV 1.6.2025 § 3"], env={"KIRJURI_CHART": str(ext)})
    assert amended.exit_code == 0, amended.stderr


def test_a_chart_file_that_cannot_be_used_is_one_line_and_nothing_opened(tmp_path):
    ext = tmp_path / "tilikartta.toml"
    ext.write_text('[accounts.Kuljetukset]\nparent = "Ostot"\n', encoding="utf-8")
    result = kirjuri(tmp_path / "l.sqlite", "--chart", str(ext), "init")
    assert result.exit_code == 1
    assert result.stderr == (f"kirjuri: chart: '{ext}': accounts.'Kuljetukset'.parent: 'Ostot' is not an account"
                             " of the chart (an extension adds accounts under existing ones)\n")
    assert not (tmp_path / "l.sqlite").exists()


def test_kirjuri_accounts_lists_each_account_once_under_its_part_with_its_side_and_name(tmp_path):
    import re

    ext = tmp_path / "tilikartta.toml"
    ext.write_text(EXTENSION, encoding="utf-8")
    result = kirjuri(tmp_path / "l.sqlite", "--chart", str(ext), "accounts", "--lang", "en")
    assert result.exit_code == 0 and result.stderr == ""
    listed: dict[str, list[list[str]]] = {}
    indent: dict[str, int] = {}
    for line in result.stdout.splitlines():
        if not line.startswith(" "):
            part = line
            listed[part] = []
            continue
        cells = re.split(r"\s{2,}", line.strip())
        listed[part].append(cells)
        indent[cells[0]] = len(line) - len(line.lstrip())
    assert list(listed) == list(chart.PARTS)
    for part, rows in listed.items():
        keys = [r[0] for r in rows if not r[0].startswith("= ")]
        assert sorted(keys) == sorted(accounts.in_part(part) + (("Koulukuljetukset",) if part == "käyttötalous"
                                                                 else ())), part
        assert [r[0][2:] for r in rows if r[0].startswith("= ")] == [d.key for d in accounts.derived_lines()
                                                                    if d.part == part]
    rows = {r[0]: r[1:] for part_rows in listed.values() for r in part_rows}
    assert rows["Koulukuljetukset"] == ["kulu", "School transport", "tilikartta.toml"]
    assert indent["Koulukuljetukset"] == indent["Palvelujen ostot"] + 2
    assert rows["Verotulot"] == ["tuotto", "Tax revenue"]
    assert rows["= VUOSIKATE"] == ["Annual margin", "= TOIMINTAKATE + Verotulot + Valtionosuudet + RAHOITUSTUOTOT JA -KULUT"]


def test_the_uis_serve_starts_use_the_same_chart_file(tmp_path):
    """`kirjuri --chart FILE serve`: each browser's UI is another process; the file goes with it."""
    from cli import ui
    from cli.common import use_chart
    from ledger.store.log import Target

    ext = tmp_path / "tilikartta.toml"
    ext.write_text(EXTENSION, encoding="utf-8")
    try:
        use_chart(str(ext))
        assert accounts.known("Koulukuljetukset")
        _command, env = ui.served_command(Target(sqlite_path=tmp_path / "l.sqlite"), "fi")
        assert env == {"KIRJURI_CHART": str(ext.resolve())}
    finally:
        use_chart(None)
    assert not accounts.known("Koulukuljetukset")
    assert ui.served_command(Target(sqlite_path=tmp_path / "l.sqlite"), "fi")[1] == {}


def test_the_ui_says_on_every_screen_that_the_ledger_holds_accounts_the_chart_does_not_know(tmp_path):
    import datetime as dt

    from test_tui import run, settled, text_of

    from ledger.app import Kirjuri
    from tui.app import KirjuriApp
    from tui.widgets.banner import DamageBanner

    db, ext = tmp_path / "l.sqlite", tmp_path / "tilikartta.toml"
    ext.write_text(EXTENSION, encoding="utf-8")
    for args in (["init"], ["unit", "add", "K", "Kaupunki", "--level", "kaupunki"],
                 ["--chart", str(ext), "adopt", "2025", "K:Koulukuljetukset=-100 000", "--decision",
                  "KV 9.12.2024 § 80"]):
        assert kirjuri(db, *args).exit_code == 0
    from ledger.store.log import Target

    ledger = Kirjuri(Target(sqlite_path=db), author="virkailija", load=False)
    app = KirjuriApp(ledger, lang="en", today=dt.date(2025, 9, 1))

    async def scenario(app, pilot):
        await settled(app)
        shown = app.screen.query(DamageBanner).first()
        assert shown.display
        assert text_of(shown).startswith("⚠ The ledger holds accounts the chart in use does not know"
                                         " (Koulukuljetukset)")

    run(app, scenario, size=(100, 30))
    ledger.close()


def test_a_chart_abbreviates_a_long_name_by_language_and_refuses_a_short_it_cannot_use(tmp_path):
    """``short = { sv = … }``: the name a narrow column shows (the terminal's figures at 80 columns), not a label
    a book's line is read by; a language the chart lacks, or a short name that is not text, refused."""
    assert vocabulary.account_short("Muut toimintatuotot", "sv") == "Övr. verks.int."
    assert vocabulary.account_short("Muut toimintatuotot", "fi") == "Muut toim.tuotot"
    assert vocabulary.account_short("Muut toimintatuotot", "en") == "Muut toim.tuotot"  # the en screen shows the key
    assert vocabulary.account_short("MENOT", "sv") is None and vocabulary.account_short("EI-TILI", "sv") is None
    assert accounts.CHART.lookup("Övr. verks.int.") is None  # shown, never read: an import maps as before
    path = tmp_path / "oma.toml"
    path.write_text('[accounts.Koulukuljetukset]\nparent = "Palvelujen ostot"\nsv = "Skolskjutsar"\n'
                    'short = { sv = "Skolskj." }\n', encoding="utf-8")
    assert accounts.extended(path).accounts["Koulukuljetukset"].abbreviated("sv") == "Skolskj."
    for short, said in (('{ de = "Schulbus" }', "{'de': 'Schulbus'} is not a table of names by language"),
                        ('"Skolskj."', "'Skolskj.' is not a table of names by language"),
                        ('{ sv = "" }', ".short.sv: '' is not a name")):
        path.write_text(f'[accounts.Koulukuljetukset]\nparent = "Palvelujen ostot"\nshort = {short}\n',
                        encoding="utf-8")
        try:
            accounts.extended(path)
            raise AssertionError(f"short = {short} was taken")
        except chart.ChartError as exc:
            assert said in str(exc) and "accounts.'Koulukuljetukset'" in str(exc)


def _printed_under_their_parents(order: tuple[str, ...], chart_in_use: chart.Chart) -> None:
    """Each account followed at once by every account that rolls up into it (a book's table), its parts in
    the order the files list them; MENOT and TULOT aside, the summary lines above an operating table."""
    listed = list(chart_in_use.accounts)
    for n, account in enumerate(order):
        below = {a for a in order if account in chart_in_use.ancestors(a)[1:]}
        if account in (accounts.MENOT, accounts.TULOT):
            continue
        assert set(order[n + 1:n + 1 + len(below)]) == below, account
        parts = [a for a in order if chart_in_use.accounts[a].parent == account]
        assert parts == sorted(parts, key=listed.index), account
    assert order.index("TOIMINTATUOTOT") < order.index("TOIMINTAKULUT"), "revenue first, as books print it"


def test_each_account_is_printed_under_the_one_it_rolls_up_into_whatever_the_files_order(tmp_path):
    """The chart lists Palkat ja palkkiot long after Henkilöstökulut's siblings and Koneet ja kalusto after
    Investointitulot's parts; a municipality's file appends its accounts at its end. Every view and report
    prints an account under its parent all the same: `kirjuri show --accounts` with a municipality's account."""
    _printed_under_their_parents(accounts.ACCOUNTS, accounts.BASE)
    assert accounts.in_order({"Investointitulot", "Koneet ja kalusto", "Investointimenot", "Palkat ja palkkiot",
                              "Henkilöstökulut", "Palvelujen ostot"}) == [
        "Henkilöstökulut", "Palkat ja palkkiot", "Palvelujen ostot", "Investointimenot", "Koneet ja kalusto",
        "Investointitulot"]
    ext = tmp_path / "tilikartta.toml"
    ext.write_text(EXTENSION, encoding="utf-8")
    extended = accounts.extended(ext)
    try:
        accounts.use(extended)
        _printed_under_their_parents(accounts.ACCOUNTS, extended)
    finally:
        accounts.use()
    db = tmp_path / "l.sqlite"
    for args in (["init"], ["unit", "add", "K", "Kaupunki", "--level", "kaupunki"]):
        assert kirjuri(db, *args).exit_code == 0
    assert kirjuri(db, "--chart", str(ext), "adopt", "2025", "K:Koulukuljetukset=-100 000", "K:Vuokrat=-5 000",
                   "K:Aineet, tarvikkeet ja tavarat=-20 000", "--decision", "KV 9.12.2024 § 80").exit_code == 0
    shown = kirjuri(db, "--chart", str(ext), "show", "K", "--year", "2025", "--accounts").stdout
    labels = [line.split("│")[1].strip() for line in shown.splitlines() if line.count("│") > 2]
    assert labels.index("Palvelujen ostot") + 1 == labels.index("Koulukuljetukset") < labels.index(
        "Aineet, tarvikkeet ja tavarat") < labels.index("Vuokrat")
