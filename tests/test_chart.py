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
