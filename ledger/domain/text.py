"""Stored text shown as data: what a unit's name, a note or a key holds never acts on the reader.

A string in the ledger may hold anything an older version, a restore or raw SQL let in: an
escape sequence that clears an auditor's screen and prints a fake "verify: PASSED", a newline
that starts a line of its own, a bidi override that shows "-100" as "001-". Every view (the
CLI, the terminal UI and so ``serve``, the reports) shows stored text through ``shown``, which
writes each such character as its escape (``\\x1b``, ``\\u202e``, ``\\n``); markup is the
views' own concern (rich and Textual print stored text as text, never as markup).

A spreadsheet is another reader that acts on text: a CSV cell that begins with "=" is a
formula. ``csv_text`` neutralises such a cell (OWASP's rule for CSV injection) and
``from_csv_text`` undoes it when Kirjuri reads its own CSV back, so nothing is lost.
"""

from __future__ import annotations

import re

#: C0 controls, DEL, C1 controls (ESC and the 8-bit CSI among them), the bidi marks, embeddings,
#: overrides and isolates (U+061C, U+200E/F, U+202A–202E, U+2066–2069) and the line and
#: paragraph separators: characters a terminal or a browser acts on instead of showing
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def shown(text: str) -> str:
    """``text`` with every control and bidi character written as its escape (``\\x1b``, ``\\u202e``).

    Ordinary text, Finnish letters and the no-break space included, is returned as it is, so a
    view that shows every stored string through this changes nothing a clerk typed.
    """
    if text.isprintable():  # none of them (a C loop over the text: most stored text is shown as it is)
        return text
    return CONTROL.sub(_escape, text)


#: what ``in_json`` escapes: ``CONTROL`` but the whitespace between a document's lines (inside a
#: string the encoders already write TAB, LF and CR as escapes)
_IN_STRINGS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def in_json(text: str) -> str:
    """A JSON (or TOML basic-string) document with the characters ``shown`` escapes written as ``\\uXXXX``.

    Outside its strings such a document holds none of them but line breaks and indents, which
    stay; inside a string the escape means the same character: the document says exactly what it
    said, and a terminal it is printed on acts on nothing.
    """
    if text.isprintable():  # a line of an export, as most are: nothing to escape
        return text
    return _IN_STRINGS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


#: what a spreadsheet reads as the start of a formula (OWASP), in ASCII and in full width
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NEUTRALISED = re.compile("'*[" + re.escape("".join(FORMULA_START)) + "]")


def csv_text(text: str) -> str:
    """A text cell of a CSV file that no spreadsheet reads as a formula: "=HYPERLINK(…)" as "'=HYPERLINK(…)".

    For text cells only: an amount ("-6 837 670") is a number and stays as it is. A text that
    already begins with quotes before such a character gets one more, so ``from_csv_text`` can
    tell the quote added here from one that was typed.
    """
    return "'" + text if _NEUTRALISED.match(text) else text


def from_csv_text(text: str) -> str:
    """A cell as ``csv_text`` was given it: the quote it added taken off again."""
    return text[1:] if text.startswith("'") and _NEUTRALISED.match(text, 1) else text
