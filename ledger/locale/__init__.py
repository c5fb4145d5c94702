"""Every text a person reads, from gettext catalogues: Finnish (the default), Swedish and English.

The catalogues are ordinary gettext ones kept with Babel (``pybabel extract / update / compile``,
README's developer section): ``messages.pot`` and ``<lang>/LC_MESSAGES/messages.po`` in this
package, compiled to ``messages.mo`` when the package is installed (``hatch_build.py``) and read
with Python's own ``gettext.GNUTranslations``.

A message is named by its area (``msgctxt``: "refusal", "finding", "ui", "cli", "word.kinds", …)
and its stable key (``msgid``: "unit.unknown", "figures.title", "ta_amended"), so the code keeps
asking by key and the English is the en catalogue's like any other language's. Texts are
``str.format`` templates with the same placeholders in every language (tests/test_catalogues.py).

A .mo that is missing, or older than its .po (a developer has just edited the .po), is not used:
the .po is compiled in memory instead, so no screen ever shows words the .po no longer has.
"""

from __future__ import annotations

import functools
import gettext
import io
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

    def keys(self, context: str) -> list[str]:
        """The keys of ``context``, in the catalogue's order."""
        prefix = context + "\x04"
        return [key[len(prefix):] for key in self._catalog if isinstance(key, str) and key.startswith(prefix)]

    def has(self, context: str, key: str) -> bool:
        return f"{context}\x04{key}" in self._catalog


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


def text(context: str, key: str, lang: str) -> str:
    """The message ``key`` of ``context`` in ``lang``; a key the catalogue lacks is a MissingMessage."""
    return catalogue(lang).pgettext(context, key)


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
