"""The account chart: MENOT / TULOT and the käyttötalous accounts that roll into them.

NETTOMENO (MENOT + TULOT) and TOIMINTAKATE (TOIMINTATUOTOT + TOIMINTAKULUT) are
derived and therefore never stored; they are not accounts here.
"""

MENOT = "MENOT"
TULOT = "TULOT"
TOIMINTATUOTOT = "TOIMINTATUOTOT"
TOIMINTAKULUT = "TOIMINTAKULUT"

#: account -> the account it rolls up into (None for the two roots)
PARENT: dict[str, str | None] = {
    MENOT: None,
    TULOT: None,
    TOIMINTATUOTOT: TULOT,
    "Myyntituotot": TOIMINTATUOTOT,
    "Maksutuotot": TOIMINTATUOTOT,
    "Tuet ja avustukset": TOIMINTATUOTOT,
    "Vuokratuotot": TOIMINTATUOTOT,
    "Muut toimintatuotot": TOIMINTATUOTOT,
    TOIMINTAKULUT: MENOT,
    "Henkilöstökulut": TOIMINTAKULUT,
    "Palvelujen ostot": TOIMINTAKULUT,
    "Aineet, tarvikkeet ja tavarat": TOIMINTAKULUT,
    "Avustukset": TOIMINTAKULUT,
    "Vuokrat": TOIMINTAKULUT,
    "Muut toimintakulut": TOIMINTAKULUT,
}

ACCOUNTS: tuple[str, ...] = tuple(PARENT)

#: derived lines: name -> the accounts summed to get it
DERIVED: dict[str, tuple[str, ...]] = {
    "NETTOMENO": (MENOT, TULOT),
    "TOIMINTAKATE": (TOIMINTATUOTOT, TOIMINTAKULUT),
}


def root_of(account: str) -> str:
    """MENOT or TULOT: the side of the budget an account belongs to."""
    while (parent := PARENT[account]) is not None:
        account = parent
    return account


def ancestors(account: str) -> tuple[str, ...]:
    """The account itself and every account it rolls up into, nearest first."""
    chain = [account]
    while (parent := PARENT[chain[-1]]) is not None:
        chain.append(parent)
    return tuple(chain)


def children(account: str) -> tuple[str, ...]:
    return tuple(a for a, p in PARENT.items() if p == account)
