"""What an import assumed where the book is silent, written as a profile (``kirjuri import --write-profile``).

A tilinpäätös that names its units (a ``Palvelukeskus`` heading, ``Tulosalue NNN`` blocks, investment
lines) is read without a profile: the importer makes up what the book does not print (the city's code,
a toimiala's code, an investment line's code, the valtuusto's uncited decisions). This module writes
exactly those assumptions in the profile format ``ledger.books.plan.load_profile`` reads, so that a user
can edit them and give the file back with ``--profile``: the same file given back records the same
events, an edited code records the code written.

Strings are written as TOML basic strings through JSON's escapes (the same ``\\"``, ``\\\\`` and
``\\uXXXX``), so a name with quotes or any character reads back as printed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from ledger.books.plan import Node


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def profile_text(*, source: str, digest: str, year: int | None, root: tuple[str, str] | None,
                 nodes: Mapping[str, Node], codes: Mapping[str, str], decisions: Mapping[str, str],
                 changes: Mapping[str, str] | None = None) -> str:
    """The profile of one import: ``[root]``, a ``[nodes."title"]`` per node the book's titles name, the
    codes of the units and investment lines the book names without one under ``[codes]``, and
    ``[decisions]`` as given, with a commented example for each column of ``year`` the book cites no
    decision for and for each change printed in a column of its own (``changes``: its key, its column's
    words), which a lisätalousarvio's own decision may be given for."""
    out = [f"# What `kirjuri import` assumed reading {source} (sha256 {digest[:16]}…).",
           "# Edit a code, name, level or parent and give the file back: kirjuri import BOOK --profile FILE",
           "# A parent is the code of another node here (or the root's): change it together with that code."]
    out += ["", "[root]", f"code = {_quoted(root[0])}", f"name = {_quoted(root[1])}"] if root is not None else []
    for title, node in nodes.items():
        out += ["", f"[nodes.{_quoted(title)}]", f"code = {_quoted(node.code)}", f"name = {_quoted(node.name)}",
                f"level = {_quoted(node.level)}"]
        out += [f"parent = {_quoted(node.parent)}"] if node.parent is not None else []
        out += [f"earlier = {_quoted(node.earlier)}"] if node.earlier is not None else []
    if codes:
        out += ["", "# the codes of what the book names without a code (units, investment lines), by its name", "[codes]"]
        out += [f"{_quoted(name)} = {_quoted(code)}" for name, code in codes.items()]
    out += ["", "# the decisions the book does not cite (recorded as the valtuusto's, § \"–\", the book as the document)",
            "[decisions]"]
    out += [f"{_quoted(key)} = {_quoted(text)}" for key, text in decisions.items()]
    examples = {"TA": f"KV 11.12.{(year or 1) - 1} § 100", "MUUTOS": f"KV 16.12.{year} § 120"}
    for column, example in examples.items() if year is not None else ():
        if f"{column} {year}" not in decisions:
            out.append(f"# \"{column} {year}\" = \"{example}\"")
    for key, words in (changes or {}).items():
        if key not in decisions:
            out.append(f"# {_quoted(key)} = \"KV 16.12.{year} § 120\"  # {words}")
    return "\n".join(out) + "\n"


__all__ = ["profile_text"]
