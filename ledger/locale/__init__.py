"""Every text a person reads, from gettext catalogues: Finnish (the default), Swedish and English.

The catalogues are ordinary gettext ones kept with Babel (``pybabel extract / update / compile``,
README's developer section): ``messages.pot`` and ``<lang>/LC_MESSAGES/messages.po`` in this
package, compiled to ``messages.mo`` when the package is installed (``hatch_build.py``) and read
with Python's own ``gettext.GNUTranslations``.

A message is named by its area (``msgctxt``: "refusal", "finding", "ui", "cli", "word.kinds", …)
and its stable key (``msgid``: "unit.unknown", "figures.title", "ta_amended"), so the code keeps
asking by key and the English is the en catalogue's like any other language's. Texts are
``str.format`` templates with the same placeholders in every language (tests/test_catalogues.py).

A message that counts things has plural forms, the standard gettext way: ``msgid_plural`` and
``msgstr[0]`` (one) / ``msgstr[1]`` (any other number) under each language's ``Plural-Forms`` header, read
with ``npgettext``. As the msgid is a key, not an English sentence, the msgid_plural names the template's
field that holds the count (``msgid_plural "{count}"``): ``said`` and ``form`` choose the form by that field's
value, so no caller has to know which of its messages are plural.

A .mo that is missing, or older than its .po (a developer has just edited the .po), is not used:
the .po is compiled in memory instead, so no screen ever shows words the .po no longer has.
"""

from __future__ import annotations

import functools
import gettext
import io
import struct
from collections.abc import Iterator, Mapping
from pathlib import Path

LANGUAGES = ("fi", "sv", "en")
DOMAIN = "messages"
HERE = Path(__file__).resolve().parent


class MissingMessage(KeyError):
    """A key no catalogue holds: a programming error, never shown as the bare key."""


class _Missing(gettext.NullTranslations):
    """The last fallback: a message the catalogue lacks is an error, not its key said as a text."""

    def pgettext(self, context: str, message: str) -> str:
        raise MissingMessage(f"{context} {message}")


class Catalogue(gettext.GNUTranslations):
    """One language's compiled catalogue; it can also list the keys of an area (for the tables the
    tests and the vocabulary walk)."""

    def _parse(self, fp) -> None:
        """Read as gettext does, and keep what gettext drops: each plural message's msgid_plural (its count field)."""
        data = fp.read()
        super()._parse(io.BytesIO(data))
        self.counts = dict(_plural_ids(data))

    def keys(self, context: str) -> list[str]:
        """The keys of ``context``, in the catalogue's order (a plural message once)."""
        prefix = context + "\x04"
        found = (key if isinstance(key, str) else key[0] for key in self._catalog)
        return list(dict.fromkeys(key[len(prefix):] for key in found if key.startswith(prefix)))

    def has(self, context: str, key: str) -> bool:
        return f"{context}\x04{key}" in self._catalog or f"{context}\x04{key}" in self.counts

    def count_field(self, context: str, key: str) -> str | None:
        """The field whose number chooses the form of a plural message ("count"); None for any other message."""
        named = self.counts.get(f"{context}\x04{key}")
        return named.strip("{}") if named is not None else None


def _plural_ids(data: bytes) -> Iterator[tuple[str, str]]:
    """(msgctxt\\x04msgid, msgid_plural) of each plural message of a compiled catalogue (the .mo format:
    a magic number giving the byte order, then the count and offset of the table of original strings)."""
    order = "<" if struct.unpack("<I", data[:4])[0] == gettext.GNUTranslations.LE_MAGIC else ">"
    count, originals = struct.unpack(order + "4x2I", data[4:16])
    for index in range(count):
        length, offset = struct.unpack(order + "2I", data[originals + 8 * index:originals + 8 * index + 8])
        single, _, plural = data[offset:offset + length].partition(b"\x00")
        if plural:
            yield single.decode("utf-8"), plural.decode("utf-8")


def po_file(lang: str) -> Path:
    return HERE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_file(lang: str) -> Path:
    return HERE / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def compiled(po: Path) -> bytes:
    """A .po compiled to .mo bytes with Babel, as ``pybabel compile`` would (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        catalog = read_po(f)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _fresh(mo: Path, po: Path) -> bool:
    """Whether the compiled catalogue may be used: it exists and no .po beside it is newer."""
    return mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime)


@functools.cache
def catalogue(lang: str) -> Catalogue:
    """The catalogue of ``lang``: the installed .mo, or the .po compiled now when the .mo is stale."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    po, mo = po_file(lang), mo_file(lang)
    data = mo.read_bytes() if _fresh(mo, po) else compiled(po)
    found = Catalogue(io.BytesIO(data))
    found.add_fallback(_Missing())
    return found


def text(context: str, key: str, lang: str, n: int | None = None) -> str:
    """The message ``key`` of ``context`` in ``lang``; a key the catalogue lacks is a MissingMessage. A plural
    message in the form for ``n`` things (for more than one when no number is given)."""
    found = catalogue(lang)
    if found.count_field(context, key) is None:
        return found.pgettext(context, key)
    return found.npgettext(context, key, key, 2 if n is None else _number(n))


def count_field(context: str, key: str, lang: str = "en") -> str | None:
    """The field that chooses a plural message's form, None when the message has one form."""
    return catalogue(lang).count_field(context, key)


def form(context: str, key: str, lang: str, fields: Mapping[str, object]) -> str:
    """The template to fill with ``fields``: a plural message's form for the number its count field holds."""
    named = count_field(context, key, lang)
    return text(context, key, lang, fields.get(named) if named is not None else None)


def said(context: str, key: str, lang: str, **fields: object) -> str:
    """The message filled with ``fields`` ("kirjattu 1 tapahtuma", "kirjattu 2 tapahtumaa")."""
    template = form(context, key, lang, fields)
    return template.format(**fields) if fields else template


def _number(value: object) -> int:
    """A count as gettext's plural rule takes it: a number already formatted for the screen ("1 200") read back."""
    if isinstance(value, int):
        return value
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    return int(digits) if digits else 2


def has(context: str, key: str, lang: str = "en") -> bool:
    return catalogue(lang).has(context, key)


def keys(context: str, lang: str = "en") -> list[str]:
    """The keys of ``context`` (the en catalogue's by default: the English is written first)."""
    return catalogue(lang).keys(context)


class Said(Mapping[str, str]):
    """One message in every language (language -> text), as the old tables held it."""

    def __init__(self, context: str, key: str):
        self.context, self.key = context, key

    def __getitem__(self, lang: str) -> str:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return text(self.context, self.key, lang)

    def form(self, lang: str, fields: Mapping[str, object]) -> str:
        """The template in ``lang`` for these fields (a plural message's form by its count)."""
        return form(self.context, self.key, lang, fields)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


class Templates(Mapping[str, Said]):
    """The messages of one or more areas by key (key -> language -> text): ``CATALOG["unit.unknown"]["fi"]``.

    Read from the catalogues on each use, so it is never a copy that goes stale."""

    def __init__(self, *contexts: str):
        self.contexts = contexts

    def _context(self, key: str) -> str | None:
        return next((context for context in self.contexts if has(context, key)), None)

    def __getitem__(self, key: str) -> Said:
        context = self._context(key)
        if context is None:
            raise KeyError(key)
        return Said(context, key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._context(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter([key for context in self.contexts for key in keys(context)])

    def __len__(self) -> int:
        return sum(len(keys(context)) for context in self.contexts)
