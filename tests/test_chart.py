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
