"""Move texts written in the old style (Python dicts) into the gettext catalogues (ledger/locale).

Until session 23 every text lived in Python tables: the refusals and findings in
``ledger/domain/catalog.py`` (``CATALOG``, ``FINDINGS``: code -> {"en", "fi", "sv"}), the terminal
UI's labels in ``tui/i18n.py`` (``_FI``, ``_SV``, ``_EN``: key -> text) and the domain's words in
``ledger/domain/vocabulary.py`` (``NAME: dict[str, Word] = {key: Word(fi, sv, en)}``). Work begun
in that style is merged later, so this script reads those tables wherever they still are, from
the working tree or from a git revision (``--rev``), and adds each entry the catalogues lack to
``ledger/locale/{en,fi,sv}/LC_MESSAGES/messages.po``. The files are only read, never imported,
so a revision whose code no longer runs can still be read.

The message's identity is its context and its stable key: a refusal is ``msgctxt "refusal"``,
a finding ``"finding"``, a UI label ``"ui"``, a vocabulary table ``"word.<table name in lower
case>"`` (``KINDS`` -> ``"word.kinds"``); the msgid is the key. An entry already in a catalogue
with the same text is left alone, so running the script again changes nothing. An entry whose
text differs from the catalogue's is only reported, unless ``--update`` is given: the catalogue
may hold the newer wording.

    .venv/bin/python tools/po_from_dicts.py                 # the working tree's old-style entries
    .venv/bin/python tools/po_from_dicts.py --rev s23-books # those of another branch
    .venv/bin/python tools/po_from_dicts.py --rev s23-books --update

Then ``pybabel extract``, ``update`` and ``compile`` as the README's developer section says.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "ledger" / "locale"
LANGUAGES = ("fi", "sv", "en")
#: the old-style tables: file -> table name -> (context, how its entries are laid out)
SOURCES = {
    "ledger/domain/catalog.py": {"CATALOG": ("refusal", "by_language"), "FINDINGS": ("finding", "by_language")},
    "tui/i18n.py": {"_FI": ("ui", "fi"), "_SV": ("ui", "sv"), "_EN": ("ui", "en")},
    "ledger/domain/vocabulary.py": {"*": ("word.", "words")},
}

#: (context, key) -> language -> text
Entries = dict[tuple[str, str], dict[str, str]]


def source(path: str, rev: str | None) -> str | None:
    """A file's text in the working tree or at ``rev``; None when it is not there."""
    if rev is None:
        file = ROOT / path
        return file.read_text(encoding="utf-8") if file.exists() else None
    shown = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=ROOT, capture_output=True, text=True)
    return shown.stdout if shown.returncode == 0 else None


class _Values:
    """Evaluates the expressions the old tables are written in: strings, their sums, and a module's
    own string constants (``_DECISION_EG``); anything else is not a text and is passed over."""

    def __init__(self, tree: ast.Module):
        self.names: dict[str, str] = {}
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                value = self.text(node.value)
                if value is not None:
                    self.names[node.targets[0].id] = value

    def text(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return self.names.get(node.id)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.text(node.left), self.text(node.right)
            return None if left is None or right is None else left + right
        return None


def _tables(tree: ast.Module) -> Iterator[tuple[str, ast.Dict]]:
    """Each module-level ``NAME = {...}`` or ``NAME: T = {...}`` with its name."""
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else getattr(node, "target", None)
        value = getattr(node, "value", None)
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(target, ast.Name) and isinstance(value, ast.Dict):
            yield target.id, value


def _items(table: ast.Dict, values: _Values) -> Iterator[tuple[str, ast.expr]]:
    """The entries of a table whose key is a text (``**spread`` entries are computed, not written)."""
    for key, value in zip(table.keys, table.values):
        said = values.text(key) if key is not None else None
        if said is not None:
            yield said, value


def entries_of(text: str, layout: dict[str, tuple[str, str]]) -> Entries:
    """The old-style entries of one file, as ``SOURCES`` lays them out."""
    tree = ast.parse(text)
    values = _Values(tree)
    found: Entries = {}
    for name, table in _tables(tree):
        context, how = layout.get(name) or layout.get("*") or (None, None)
        if how is None:
            continue
        for key, node in _items(table, values):
            if how == "by_language" and isinstance(node, ast.Dict):
                said = {lang: values.text(v) for lang, v in _items(node, values)}
                found[(context, key)] = {lang: t for lang, t in said.items() if t is not None and lang in LANGUAGES}
            elif how in LANGUAGES:
                if values.text(node) is not None:
                    found.setdefault((context, key), {})[how] = values.text(node)
            elif how == "words" and isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Word":
                said = [values.text(arg) for arg in node.args]
                if len(said) == 3 and None not in said:
                    found[(context + name.lower(), key)] = dict(zip(LANGUAGES, said))
    return found


def old_entries(rev: str | None) -> Entries:
    """Every old-style entry of the three files."""
    found: Entries = {}
    for path, layout in SOURCES.items():
        text = source(path, rev)
        if text is not None:
            for key, said in entries_of(text, layout).items():
                found.setdefault(key, {}).update(said)
    return found


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "messages.po"


def load(lang: str) -> Catalog:
    """A language's catalogue, or a new one."""
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, project="Kirjuri", version="0.1", copyright_holder="the Kirjuri authors",
                       last_translator="Kirjuri", language_team=f"Kirjuri {lang}", fuzzy=False)
    with path.open("rb") as f:
        return read_po(f, locale=lang)


def save(lang: str, catalog: Catalog) -> None:
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog)


def merge(found: Entries, update: bool) -> tuple[int, list[str]]:
    """Add the entries the catalogues lack (and, with ``update``, take the differing ones); returns
    how many texts were added or changed, and the entries that differ or lack a language."""
    added, notes = 0, []
    catalogs = {lang: load(lang) for lang in LANGUAGES}
    for (context, key), said in found.items():
        for lang in LANGUAGES:
            if lang not in said:
                notes.append(f"{context} {key}: no {lang} text in the old table (left to translate)")
                continue
            there = catalogs[lang].get(key, context=context)
            if there is not None and there.string == said[lang]:
                continue
            if there is not None and there.string and not update:
                notes.append(f"{context} {key} [{lang}]: the catalogue says {there.string!r}, "
                             f"the old table {said[lang]!r} (kept; --update takes the table's)")
                continue
            comments = [said["en"]] if lang != "en" and "en" in said else []
            if there is None:
                catalogs[lang].add(key, said[lang], context=context, auto_comments=comments)
            else:
                there.string = said[lang]
            added += 1
    for lang, catalog in catalogs.items():
        save(lang, catalog)
    return added, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", help="read the old-style tables at this git revision, not the working tree")
    parser.add_argument("--update", action="store_true", help="take the old table's text where it differs")
    args = parser.parse_args(argv)
    found = old_entries(args.rev)
    added, notes = merge(found, args.update)
    for note in notes:
        print(note)
    words = sorted({context for context, _key in found if context.startswith("word.")})
    print(f"{len(found)} old-style entries read, {added} texts added or changed in {', '.join(LANGUAGES)}")
    if words:
        print("vocabulary tables read: " + ", ".join(words) + " (a table vocabulary.py lacks needs its line there: "
              "NAME: dict[str, Word] = catalogued(\"word.name\"))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
