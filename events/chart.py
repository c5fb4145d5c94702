"""The account chart as data: ``chart.toml`` beside this module, and a municipality's extension file.

The chart is data so that a municipality can add its own sub-accounts and names without a
code change, and so that the shape (which account rolls into which, its side, its budget
part, the derived lines' formulas) is read in one place by every layer. The file's format is
described at its top. A file that breaks the chart's invariants (an unknown parent, a cycle, a
side or part other than its parent's, one label for two accounts) is refused in one line naming
the file, the field and the value.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

SIDES = ("tuotto", "kulu", "muutos")
#: kuntalaki 110 §: the four parts of the talousarvio
PARTS = ("käyttötalous", "tuloslaskelma", "investointi", "rahoitus")
LANGS = ("fi", "sv", "en")
BASE_FILE = Path(__file__).with_name("chart.toml")

#: a footnote's mark a book sets after a label: stars, a star or number closed by a parenthesis, superscripts
FOOTNOTE_RE = re.compile(r"\s*(?:\*+\)?|\(?[0-9]{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$")

_ACCOUNT_FIELDS = {"parent", "side", "part", "synonyms", "short", *LANGS}
_DERIVED_FIELDS = {"part", "terms", "carries", "synonyms", "short", *LANGS}
_ITEM_FIELDS = {"accounts", "synonyms", *LANGS}


class ChartError(ValueError):
    """A chart file that cannot be used: one line naming the file, the field and the value."""


@dataclass(frozen=True)
class Account:
    key: str
    parent: str | None
    side: str
    part: str
    #: its name in fi, sv, en
    names: tuple[str, str, str]
    synonyms: tuple[str, ...] = ()
    #: the municipality's file that added it (its name); None for the bundled chart's own
    source: str | None = None
    #: (language, abbreviation) for a name too long for a narrow column (``short``)
    short: tuple[tuple[str, str], ...] = ()

    def abbreviated(self, lang: str) -> str | None:
        return dict(self.short).get(lang)


@dataclass(frozen=True)
class Derived:
    key: str
    part: str
    terms: tuple[str, ...]
    carries: tuple[str, ...]
    names: tuple[str, str, str]
    synonyms: tuple[str, ...] = ()
    short: tuple[tuple[str, str], ...] = ()

    def abbreviated(self, lang: str) -> str | None:
        return dict(self.short).get(lang)


@dataclass(frozen=True)
class Chart:
    """Accounts and derived lines in the file's order (the books' order)."""

    accounts: dict[str, Account]
    derived: dict[str, Derived]
    #: the kinds of item an account is split into (JHS 192: ulkoiset, sisäiset) -> the words books print for it
    items: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def split(self, account: str, item: str) -> str | None:
        """The account's part of that kind (``Myyntituotot, sisäiset``), if the chart splits it so."""
        key = f"{account}, {item}"
        return key if key in self.accounts and item in self.items else None

    def item_named(self, text: str) -> str | None:
        """The one kind of item a heading names (``Sisäiset``, ``Ulkoiset erät``); None for none or both
        (``ulkoiset ja sisäiset``: the whole account)."""
        words = set(_fold(text).replace(",", " ").split())
        named = {key for key, said in self.items.items() if words & {_fold(w) for w in said}}
        return named.pop() if len(named) == 1 else None

    def ancestors(self, key: str) -> tuple[str, ...]:
        """The account itself and every account it rolls up into, nearest first."""
        chain = [key]
        while (parent := self.accounts[chain[-1]].parent) is not None:
            chain.append(parent)
        return tuple(chain)

    def children(self, key: str) -> tuple[str, ...]:
        return tuple(a.key for a in self.accounts.values() if a.parent == key)

    def lookup(self, label: str) -> str | None:
        """The account or derived line a book's or a clerk's label means: its key, its name in any
        language or a synonym, ignoring case and repeated spaces, and a footnote's mark after it
        (`Verotulot *`, `Valtionosuudet 1)`, `Korkokulut²`) where the label itself names nothing."""
        folded = _fold(label)
        found = self.labels.get(folded)
        if found is None and (bare := FOOTNOTE_RE.sub("", folded)) != folded:
            return self.labels.get(bare)
        return found

    @cached_property
    def labels(self) -> dict[str, str]:
        """Every label (case folded) -> its account or line; the chart guarantees each names one."""
        found: dict[str, str] = {}
        for item in (*self.accounts.values(), *self.derived.values()):
            for label in (item.key, *item.names, *item.synonyms):
                found.setdefault(_fold(label), item.key)
        return found

    def extended(self, path: Path) -> Chart:
        """This chart with a municipality's own accounts from ``path``: new keys under known accounts."""
        doc = _read(path)
        unknown = set(doc) - {"accounts"}
        if unknown:
            raise ChartError(f"chart: '{path}': '{sorted(unknown)[0]}' is not a section of an extension"
                             " (only [accounts.KEY])")
        tables = _tables(path, doc, "accounts")
        accounts = dict(self.accounts)
        for key, table in tables.items():
            if key in accounts:
                raise ChartError(f"chart: '{path}': accounts.'{key}': is already an account of the chart")
            _fields(path, f"accounts.'{key}'", table, _ACCOUNT_FIELDS)
            parent = table.get("parent")
            if not isinstance(parent, str) or (parent not in accounts and parent not in tables):
                raise ChartError(f"chart: '{path}': accounts.'{key}'.parent: {parent!r} is not an account of the"
                                 " chart (an extension adds accounts under existing ones)")
        for key, table in tables.items():
            accounts[key] = _extension_account(path, key, table, _base_of(path, key, tables, self.accounts))
        return _checked(path, Chart(accounts, dict(self.derived), dict(self.items)))


def load(path: Path = BASE_FILE) -> Chart:
    """A whole chart (the bundled one by default): accounts, their items and derived lines."""
    doc = _read(path)
    unknown = set(doc) - {"accounts", "derived", "items"}
    if unknown:
        raise ChartError(f"chart: '{path}': '{sorted(unknown)[0]}' is not a section of a chart")
    accounts = {key: _account(path, key, table) for key, table in _tables(path, doc, "accounts").items()}
    items = _tables(path, doc, "items")
    accounts = _with_items(path, accounts, items)
    derived: dict[str, Derived] = {}
    for key, table in _tables(path, doc, "derived").items():
        derived[key] = _derived(path, key, table, accounts, derived)
    words = {key: tuple(_text(path, f"items.'{key}'", t, lang) for lang in LANGS) + _synonyms(path, f"items.'{key}'", t)
             for key, t in items.items()}
    return _checked(path, Chart(accounts, derived, words))


def _with_items(path: Path, accounts: dict[str, Account], items: dict[str, dict]) -> dict[str, Account]:
    """The accounts with each one an item splits (``[items.sisäiset] accounts``) followed by its parts of
    each kind: ``Myyntituotot, sisäiset``, its side and part, named and read as books print them
    (``Myyntituotot, sisäiset``, ``Sisäiset myyntituotot``, ``Myyntituotot (sisäiset)``)."""
    parts: dict[str, list[Account]] = {}
    for key, table in items.items():
        where = f"items.'{key}'"
        _fields(path, where, table, _ITEM_FIELDS)
        said = tuple(_text(path, where, table, lang) for lang in LANGS)
        finnish = (said[0], *_synonyms(path, where, table))
        split = table.get("accounts", [])
        if not isinstance(split, list) or not split:
            raise ChartError(f"chart: '{path}': {where}.accounts: {split!r} is not a list of accounts")
        for name in split:
            base = accounts.get(name) if isinstance(name, str) else None
            if base is None:
                raise ChartError(f"chart: '{path}': {where}.accounts: {name!r} is not an account of the chart")
            pairs = [*zip(base.names, said), *((label, w) for label in (base.names[0], *base.synonyms) for w in finnish)]
            synonyms = tuple(dict.fromkeys(f for label, w in pairs for f in (
                f"{label} {w}", f"{label}, {w}", f"{label} ({w})", f"{w} {label}")))
            names = tuple(f"{n}, {w}" for n, w in zip(base.names, said))
            parts.setdefault(name, []).append(Account(f"{name}, {key}", name, base.side, base.part, names, synonyms))
    return {a.key: a for account in accounts.values() for a in (account, *parts.get(account.key, ()))}


def _fold(label: str) -> str:
    return " ".join(label.split()).casefold()


def _read(path: Path) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise ChartError(f"chart: '{path}': not TOML: {exc}") from None
    except OSError as exc:
        raise ChartError(f"chart: '{path}': cannot be read: {exc.strerror}") from None


def _tables(path: Path, doc: dict, section: str) -> dict[str, dict]:
    tables = doc.get(section, {})
    if not isinstance(tables, dict):
        raise ChartError(f"chart: '{path}': {section}: is not a table of tables")
    for key, table in tables.items():
        if not isinstance(table, dict):
            raise ChartError(f"chart: '{path}': {section}.'{key}': is not a table")
        if not key.strip() or key != key.strip() or any(ord(c) < 32 or c == ":" for c in key):
            raise ChartError(f"chart: '{path}': {section}.'{key}': is not an account key"
                             " (no ':', no control characters, no space at either end)")
    return tables


def _text(path: Path, where: str, table: dict, name: str, default: str | None = None) -> str:
    value = table.get(name, default)
    if not isinstance(value, str) or not value.strip() or any(ord(c) < 32 for c in value):
        raise ChartError(f"chart: '{path}': {where}.{name}: {value!r} is not a name")
    return value


def _choice(path: Path, where: str, name: str, value: object, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ChartError(f"chart: '{path}': {where}.{name}: {value!r} is none of {', '.join(choices)}")
    return value  # type: ignore[return-value]


def _fields(path: Path, where: str, table: dict, allowed: set[str]) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise ChartError(f"chart: '{path}': {where}.{extra[0]}: is not a field (fields: {', '.join(sorted(allowed))})")


def _synonyms(path: Path, where: str, table: dict) -> tuple[str, ...]:
    value = table.get("synonyms", [])
    if not isinstance(value, list):
        raise ChartError(f"chart: '{path}': {where}.synonyms: {value!r} is not a list of labels")
    return tuple(_text(path, where, {"synonyms": s}, "synonyms") for s in value)


def _account(path: Path, key: str, table: dict) -> Account:
    where = f"accounts.'{key}'"
    _fields(path, where, table, _ACCOUNT_FIELDS)
    parent = table.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise ChartError(f"chart: '{path}': {where}.parent: {parent!r} is not an account key")
    return Account(key, parent, _choice(path, where, "side", table.get("side"), SIDES),
                   _choice(path, where, "part", table.get("part"), PARTS),
                   tuple(_text(path, where, table, lang) for lang in LANGS),  # type: ignore[arg-type]
                   _synonyms(path, where, table), short=_short(path, where, table))


def _extension_account(path: Path, key: str, table: dict, base: Account) -> Account:
    """A municipality's account: the side and part of the chart's account it rolls up into."""
    where = f"accounts.'{key}'"
    for name in ("side", "part"):
        if name in table and table[name] != getattr(base, name):
            raise ChartError(f"chart: '{path}': {where}.{name}: {table[name]!r} is not its parent's"
                             f" ({getattr(base, name)})")
    fi = _text(path, where, table, "fi", key)
    names = (fi, _text(path, where, table, "sv", fi), _text(path, where, table, "en", fi))
    return Account(key, table["parent"], base.side, base.part, names, _synonyms(path, where, table), path.name,
                   _short(path, where, table))


def _base_of(path: Path, key: str, tables: dict[str, dict], chart: dict[str, Account]) -> Account:
    """The account of the chart an extension account finally rolls up into; a cycle is refused."""
    seen = [key]
    parent = tables[key]["parent"]
    while parent not in chart:
        if parent in seen:
            raise ChartError(f"chart: '{path}': accounts.'{key}'.parent: {parent!r} makes a cycle")
        seen.append(parent)
        parent = tables[parent]["parent"]
    return chart[parent]


def _derived(path: Path, key: str, table: dict, accounts: dict[str, Account], earlier: dict[str, Derived]) -> Derived:
    where = f"derived.'{key}'"
    _fields(path, where, table, _DERIVED_FIELDS)
    if key in accounts:
        raise ChartError(f"chart: '{path}': {where}: is also an account (a derived line is never stored)")
    terms, carries = table.get("terms"), table.get("carries", [])
    if not isinstance(terms, list) or not terms:
        raise ChartError(f"chart: '{path}': {where}.terms: {terms!r} is not a list of accounts and lines")
    for term in terms:
        if term not in accounts and term not in earlier:
            raise ChartError(f"chart: '{path}': {where}.terms: {term!r} is not an account or an earlier line")
    if not isinstance(carries, list) or not set(carries) < set(terms):
        raise ChartError(f"chart: '{path}': {where}.carries: {carries!r} is not some of its terms")
    return Derived(key, _choice(path, where, "part", table.get("part"), PARTS), tuple(terms), tuple(carries),
                   tuple(_text(path, where, table, lang) for lang in LANGS),  # type: ignore[arg-type]
                   _synonyms(path, where, table), _short(path, where, table))


def _short(path: Path, where: str, table: dict) -> tuple[tuple[str, str], ...]:
    """``short = { sv = "Övr. verks.int." }``: the name a language abbreviates to where a column is too narrow
    for the whole (the terminal's figures at 80 columns); a language it leaves out is never abbreviated. Shown
    only: a book's or a clerk's label is not looked up among them, so no import reads a line otherwise."""
    value = table.get("short", {})
    if not isinstance(value, dict) or not set(value) <= set(LANGS):
        raise ChartError(f"chart: '{path}': {where}.short: {value!r} is not a table of names by language"
                         f" ({', '.join(LANGS)})")
    return tuple((lang, _text(path, f"{where}.short", value, lang)) for lang in LANGS if lang in value)


def _checked(path: Path, chart: Chart) -> Chart:
    """Every parent known, no cycle, a side and part as the parent's, each label one account's."""
    for account in chart.accounts.values():
        where = f"chart: '{path}': accounts.'{account.key}'"
        seen = {account.key}
        up = account
        while up.parent is not None:
            if up.parent not in chart.accounts:
                raise ChartError(f"{where}.parent: {up.parent!r} is not an account of the chart")
            if up.parent in seen:
                raise ChartError(f"{where}.parent: {up.parent!r} makes a cycle")
            seen.add(up.parent)
            up = chart.accounts[up.parent]
        parent = chart.accounts.get(account.parent) if account.parent else None
        for name in ("side", "part"):
            if parent is not None and getattr(parent, name) != getattr(account, name):
                raise ChartError(f"{where}.{name}: {getattr(account, name)!r} is not its parent's"
                                 f" ({getattr(parent, name)})")
    owner: dict[str, str] = {}
    for item in (*chart.accounts.values(), *chart.derived.values()):
        for label in {_fold(x) for x in (item.key, *item.names, *item.synonyms)}:
            if owner.setdefault(label, item.key) != item.key:
                raise ChartError(f"chart: '{path}': '{item.key}': the label {label!r} already names"
                                 f" '{owner[label]}'")
    return chart
