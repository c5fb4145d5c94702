"""The account chart in use: the bundled ``chart.toml``, or it extended by a municipality's file.

The chart is data (``events.chart``); this module is the lookup every layer reads. Its tables
(``PARENT``, ``ANCESTORS``, ``RELATED``, ``DERIVED``) are filled in place by ``use``, so a module
that imported one of them sees the chart the process uses: the CLI calls ``use`` with the
``--chart`` file at the start of a command and ``use()`` at its end.

Derived lines (NETTOMENO = MENOT + TULOT, TOIMINTAKATE, …) are computed, never stored; they
are not accounts here. An account a ledger holds that the chart in use does not know (a
municipality's account, the ledger opened without its file) rolls up into nothing: reads show
it on its own, and writes are refused until the file is given (``ledger.app``).
"""

from __future__ import annotations

from pathlib import Path

from events.chart import BASE_FILE, Account, Chart, Derived, load

MENOT = "MENOT"
TULOT = "TULOT"
TOIMINTATUOTOT = "TOIMINTATUOTOT"
TOIMINTAKULUT = "TOIMINTAKULUT"

#: the bundled chart, and the one in use
BASE: Chart = load(BASE_FILE)
CHART: Chart = BASE
#: account -> the account it rolls up into (None for a root)
PARENT: dict[str, str | None] = {}
#: account -> the account itself and every account above it, nearest first
ANCESTORS: dict[str, tuple[str, ...]] = {}
#: an account, the accounts it rolls up into and its parts: the ones that share its money
RELATED: dict[str, tuple[str, ...]] = {}
#: derived line -> the accounts and lines summed to get it
DERIVED: dict[str, tuple[str, ...]] = {}
#: the accounts in the books' order (``_books_order``)
ACCOUNTS: tuple[str, ...] = ()
#: derived lines in order: (line, its terms, the terms that make it appear)
LINES: list[tuple[str, tuple[str, ...], frozenset[str]]] = []


def use(chart: Chart | None = None) -> Chart:
    """Make ``chart`` (the bundled one by default) the chart every lookup reads."""
    global CHART, ACCOUNTS
    CHART = BASE if chart is None else chart
    PARENT.clear()
    PARENT.update({a.key: a.parent for a in CHART.accounts.values()})
    ANCESTORS.clear()
    ANCESTORS.update({a: CHART.ancestors(a) for a in CHART.accounts})
    ACCOUNTS = _books_order(tuple(CHART.accounts))
    below: dict[str, list[str]] = {a: [] for a in ACCOUNTS}
    for account in ACCOUNTS:
        for above in ANCESTORS[account][1:]:
            below[above].append(account)
    RELATED.clear()
    RELATED.update({a: ANCESTORS[a] + tuple(below[a]) for a in ACCOUNTS})
    DERIVED.clear()
    DERIVED.update({d.key: d.terms for d in CHART.derived.values()})
    LINES[:] = [(d.key, d.terms, frozenset(d.terms) - set(d.carries)) for d in CHART.derived.values()]
    return CHART


def _books_order(listed: tuple[str, ...]) -> tuple[str, ...]:
    """The accounts as books print them: each right under the account it rolls up into, after its siblings
    listed before it in the file, whatever the file's order (the chart lists Palkat ja palkkiot long after
    Henkilöstökulut's siblings; a municipality's file appends its sub-accounts at its end). MENOT and TULOT
    are the summary lines above an operating table, their accounts in the file's order beneath (revenue
    first, as books print it)."""
    at = {account: n for n, account in enumerate(listed)}

    def key(account: str) -> tuple[int, ...]:
        path = tuple(at[a] for a in reversed(ANCESTORS[account]) if a not in (MENOT, TULOT))
        return path or (at[account],)

    return tuple(sorted(listed, key=key))


def extended(path: Path) -> Chart:
    """The bundled chart with a municipality's accounts from ``path`` (not yet in use)."""
    return BASE.extended(path)


def account(key: str) -> Account:
    return CHART.accounts[key]


def derived_lines() -> tuple[Derived, ...]:
    return tuple(CHART.derived.values())


def known(key: str) -> bool:
    return key in PARENT


def root_of(account: str) -> str:
    """The root an account rolls up into (MENOT, TULOT, Verotulot, …)."""
    return ANCESTORS[account][-1]


def side_of(account: str) -> str:
    """tuotto, kulu or muutos: what the sign of the account's figures means."""
    return CHART.accounts[account].side


def part_of(account: str) -> str:
    """The budget part (kuntalaki 110 §) the account belongs to."""
    return CHART.accounts[account].part


def in_part(part: str) -> tuple[str, ...]:
    return tuple(a.key for a in CHART.accounts.values() if a.part == part)


def ancestors(account: str) -> tuple[str, ...]:
    """The account itself and every account it rolls up into, nearest first."""
    return ANCESTORS[account]


def children(account: str) -> tuple[str, ...]:
    return CHART.children(account)


def in_order(present: set[str] | list[str]) -> list[str]:
    """The accounts among ``present`` in the chart's order, then those the chart does not know (by name);
    derived lines are left out."""
    held = set(present)
    ordered = [a for a in ACCOUNTS if a in held]
    return ordered + sorted(a for a in held if a not in PARENT and a not in DERIVED)


def derived_in_order(present: set[str] | list[str]) -> list[str]:
    """The derived lines among ``present``, NETTOMENO aside, in the chart's order."""
    held = set(present)
    return [d for d in DERIVED if d in held and d != "NETTOMENO"]


def lookup(label: str) -> str | None:
    """The account or derived line a label names: its key, a name in any language or a book's synonym,
    ignoring case (``known`` tells an account from a line)."""
    return CHART.lookup(label)


use()
