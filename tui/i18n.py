"""The UI's words in Finnish (the default), Swedish and English.

Domain terms (TA, TA+muutos, KS, TP, TPE, TS, määräraha) and the account chart's names
(MENOT, TULOT, NETTOMENO …) are the ledger's own vocabulary, so they stay as they are in
English: a clerk reading the English UI still meets the words the books print. The Swedish UI uses the
terms of Finland's Swedish-speaking municipalities (budgetändring, anslagsöverföring, utfall, bokslut,
revisionsnämnden), and keeps the column abbreviations (TA, KS, TP, TPE, TS) as the vocabulary does.

The labels are in the gettext catalogues (``ledger/locale``): a label is the message ``msgctxt "ui"``
by its key ("figures.title"), and a key beginning ``col.``, ``kind.``, ``field.`` or ``check.`` that no
label has names the vocabulary's word ("col.TA" is ``msgctxt "word.columns"`` "TA"), so every domain
word is said as the vocabulary says it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ledger import locale
from ledger.domain.text import shown

LANGUAGES = ("fi", "sv", "en")
#: the area of the catalogues labels are in
CONTEXT = "ui"
#: a key's prefix -> the vocabulary's area it names a word of
WORDS = {"col": "word.columns", "kind": "word.kinds", "field": "word.fields", "check": "word.checks",
         "part": "word.parts", "level": "word.levels"}


def message(key: str, lang: str = "en") -> tuple[str, str] | None:
    """Where the label ``key`` is in the catalogues (area, key), or None: a label first, then a word."""
    if locale.has(CONTEXT, key, lang):
        return CONTEXT, key
    prefix, _, word = key.partition(".")
    context = WORDS.get(prefix)
    return (context, word) if context is not None and locale.has(context, word, lang) else None


class Labels(Mapping[str, str]):
    """Every label of one language by key (the labels' own and the vocabulary's words under their
    prefixes), read from the catalogue on each use."""

    def __init__(self, lang: str):
        self.lang = lang

    def __getitem__(self, key: str) -> str:
        found = message(key, self.lang)
        if found is None:
            raise KeyError(key)
        return locale.text(*found, self.lang)

    def __iter__(self) -> Iterator[str]:
        words = [f"{prefix}.{word}" for prefix, context in WORDS.items() for word in locale.keys(context, self.lang)]
        own = locale.keys(CONTEXT, self.lang)
        return iter(dict.fromkeys([*words, *own]))

    def __len__(self) -> int:
        return sum(1 for _ in self)


#: language -> key -> label, as the tables before the catalogues were
TEXTS: dict[str, Labels] = {lang: Labels(lang) for lang in LANGUAGES}


class Texts:
    """The labels of one language; ``texts("key", **fields)`` fills a label's fields.

    A field is often stored text (a unit's name, a reason, an error quoting a row): each text field
    is shown as data (``ledger.domain.text.shown``), so no label the UI fills acts on the terminal.
    """

    def __init__(self, lang: str = "fi"):
        if lang not in TEXTS:
            raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
        self.lang = lang
        self._table = TEXTS[lang]

    def __call__(self, key: str, **fields: object) -> str:
        if not fields:
            return self._table[key]
        found = message(key, self.lang)
        if found is None:
            raise KeyError(key)
        template = locale.form(*found, self.lang, fields)
        return template.format(**{k: shown(v) if isinstance(v, str) else v for k, v in fields.items()})

    def has(self, key: str) -> bool:
        return key in self._table

    def level(self, level: str) -> str:
        """A level of the organisation in the language ("ansvarsområde"); one the vocabulary lacks as it is."""
        return self._table.get(f"level.{level}", level)

    def column(self, column: str) -> str:
        """A column's heading; a column without a label (a book's stated "=TA") shows as it is."""
        return self._table.get(f"col.{column}", column)
