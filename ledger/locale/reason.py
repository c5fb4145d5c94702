"""A reason a reader of the books gives (why a line is not read, what a total is checked against),
said in any language by its key.

A ``Reason`` is a ``str`` holding its English, so every place that groups, writes (``--list``'s TSV)
or compares the readers' reasons keeps working unchanged; the screen says it in the language asked
for with ``said``. Its key is a message of the "reason" area of the catalogues, its parameters fill
the template the same way in every language, and a parameter that is itself a Reason is said in the
same language (a reason within a reason: "not read: it follows line 12, which holds …").
"""

from __future__ import annotations

from ledger import locale

AREA = "reason"


class Reason(str):
    """A reader's reason: its English as the string, its key and parameters to say it in another."""

    key: str
    params: dict[str, object]

    def __new__(cls, key: str, **params: object) -> Reason:
        made = super().__new__(cls, _fill(key, params, "en"))
        made.key, made.params = key, params
        return made

    def __reduce__(self):
        return _rebuilt, (self.key, self.params)

    def said(self, lang: str) -> str:
        """The reason in ``lang``."""
        return _fill(self.key, self.params, lang)


def _rebuilt(key: str, params: dict[str, object]) -> Reason:
    return Reason(key, **params)


def said(text: object, lang: str) -> str:
    """``text`` in ``lang`` when it is a Reason, else as it is (a book's own words are data)."""
    return text.said(lang) if isinstance(text, Reason) else str(text)


def _fill(key: str, params: dict[str, object], lang: str) -> str:
    values = {name: said(value, lang) if isinstance(value, Reason) else value for name, value in params.items()}
    return locale.said(AREA, key, lang, **values)
