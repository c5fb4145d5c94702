"""How ``pybabel extract`` finds Kirjuri's messages (``babel.cfg`` names these two extractors).

A message is asked for by its area and key, not by an English sentence in the code, so Babel's own
Python extractor finds nothing. ``from_code`` reads a module's syntax tree for the keys it names:
a refusal's code (``Rejected(field, value, "unit.unknown")``), a finding's and a scope's
(``Finding.of(seq, "chain.edited")``, ``Check.of(name, title, found, "scope.events")``, either branch
of a conditional), a UI label (``t("figures.title")``, ``texts(…)``, ``self.texts(…)``) a text of the
CLI's own (``cli_said("history.title")``) and of the minutes' report (``report_said("verify.title")``). Keys
made at run time (``t(f"kind.{tag}")``, the vocabulary's tables) cannot be read from the code;
they are the en catalogue's, so ``from_english`` takes every message of the en .po as declared,
with its English as the translators' comment (a plural message's two forms, its msgid_plural kept). A key the code names that no catalogue holds lands
in messages.pot untranslated, and tests/test_catalogues.py fails until it is written in each language.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import IO

from ledger import locale

#: the calls whose argument at this index is a key, by (owner, name); owner None: any
KEYED = {
    (None, "Rejected"): (2, "refusal"),
    ("Finding", "of"): (1, "finding"),
    ("Check", "of"): (3, "finding"),
    (None, "t"): (0, "ui"),
    (None, "texts"): (0, "ui"),
    (None, "cli_said"): (0, "cli"),
    (None, "report_said"): (0, "report"),
    (None, "Reason"): (0, "reason"),
}
#: a UI key's prefix -> the vocabulary's area it may name a word of (as tui.i18n reads it)
UI_WORDS = {"col": "word.columns", "kind": "word.kinds", "field": "word.fields", "check": "word.checks"}


def _callee(call: ast.Call) -> tuple[str | None, str]:
    func = call.func
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else None
        return owner, func.attr
    return None, getattr(func, "id", "")


def _strings(node: ast.expr) -> list[str]:
    """The keys an argument names: a string, or both of ``"a" if x else "b"``; a key made at run time
    (an f-string, a variable) names none."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def _area(context: str, key: str) -> tuple[str, str]:
    """Where a key the code names lives: a scope among the vocabulary's scopes, a UI key that no label has
    among the vocabulary's words when its prefix names a table that holds it."""
    if context == "finding" and locale.has("word.scopes", key):
        return "word.scopes", key
    if context == "ui" and not locale.has("ui", key):
        prefix, _, word = key.partition(".")
        if prefix in UI_WORDS and locale.has(UI_WORDS[prefix], word):
            return UI_WORDS[prefix], word
    return context, key


def keys_used(source: str, filename: str = "<code>") -> Iterator[tuple[int, str, str]]:
    """Every (line, area, key) a module's code names as a constant."""
    for node in ast.walk(ast.parse(source, filename=filename)):
        if not isinstance(node, ast.Call):
            continue
        owner, name = _callee(node)
        found = KEYED.get((owner, name)) or KEYED.get((None, name))
        if found is None or (name == "of" and owner is None):
            continue
        index, context = found
        if len(node.args) > index:
            for key in _strings(node.args[index]):
                yield (node.lineno, *_area(context, key))


def from_code(fileobj: IO[bytes], keywords, comment_tags, options) -> Iterator[tuple[int, str, tuple[str, str], list]]:
    """Babel's extractor for Kirjuri's Python modules."""
    for lineno, context, key in keys_used(fileobj.read().decode("utf-8"), getattr(fileobj, "name", "<code>")):
        yield _message(lineno, context, key, locale.count_field(context, key) if locale.has(context, key) else None, [])


def from_english(fileobj: IO[bytes], keywords, comment_tags, options) -> Iterator[tuple[int, str, tuple[str, str], list]]:
    """Babel's extractor for the en catalogue: each of its messages, its English as the comment."""
    from babel.messages.pofile import read_po

    for message in read_po(fileobj):
        if message.id and message.context:
            if isinstance(message.id, tuple):
                key, plural = message.id
                yield message.lineno, "npgettext", (message.context, key, plural), [" / ".join(message.string)]
            else:
                yield message.lineno, "pgettext", (message.context, message.id), [message.string]


def _message(lineno: int, context: str, key: str, count: str | None, comments: list[str]):
    """A key as Babel takes it: a plural message (``npgettext``) with its count field as the msgid_plural."""
    if count is None:
        return lineno, "pgettext", (context, key), comments
    return lineno, "npgettext", (context, key, "{" + count + "}"), comments
