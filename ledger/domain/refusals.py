"""Why a command was refused, said in English, Finnish or Swedish: one stable code per reason.

A rule that fails raises ``Rejected(field, value, code, **params)``. The code names a
reason in ``CATALOG``, which holds its template in every language; the params fill it.
So the CLI keeps printing one English line (``why``), while the terminal UI, in
Finnish by default, says the same reason in Finnish (``why(error, "fi")``).

Params are kept raw and formatted when said: a ``date`` as "26.5.2025", cents with
``{name:eur}`` as "-6 837 670" (integer cents, never float), a tuple as "a, b", and an
event's kind with ``{name:kind}`` in the language's own words.

What ``kirjuri verify`` finds is said the same way: ``FINDINGS`` holds a template per
finding (and per check's scope) in every language, filled by the same formatter, which also
takes ``{name:percent}`` (tenths of a percent), ``{name:rules_kind}`` (a kind of change a rules
file names) and ``{name:why}`` (a refusal within a finding, said in the language).

A decision and a deciding body are said in the language too, so a finding or a refusal carries them
raw: a ``Decision`` as "KV 26.5.2025 § 50" in Finnish, "KF 26.5.2025 § 50" in Swedish
(``ledger.domain.citation.format_decision``), a body's key (or a tuple of keys) with ``{name:body}``
as the vocabulary's word as a sentence names it, "hallitus" or "styrelsen" (Swedish's definite form,
``vocabulary.BODIES_DEFINITE``); English keeps the Finnish key, as it keeps KV. A level of the
organisation with ``{name:level}`` likewise: "vastuualue", "ansvarsområde" (``vocabulary.LEVELS``).

The templates themselves are data, in ``ledger.domain.catalog``; this module is the code
that fills them. A reason with no code in the catalog is a programming error, refused
when the ``Rejected`` is made, so every refusal can be said in every language.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping

from events.model import Decision
from ledger.domain.catalog import CATALOG, FINDINGS, KIND_NAMES, KINDS_FI, LANGUAGES, RULES_KIND_NAMES, RULES_KINDS_FI
from ledger.domain import formats, vocabulary
from ledger.domain.money import NBSP
from ledger.domain.text import shown
from ledger import locale
from ledger.locale.reason import Reason, said

__all__ = ["CATALOG", "FINDINGS", "KINDS_FI", "LANGUAGES", "RULES_KINDS_FI", "Rejected", "bodies_said", "field_said", "value_said",
           "reason", "say", "why"]


class Rejected(ValueError):
    """A command that breaks a rule: nothing was written.

    ``code`` is a key of ``CATALOG`` and ``params`` fill its template; any other code (a
    misspelt one, a finding's, an English sentence) is a ValueError of its own, raised here.
    """

    def __init__(self, field: str, value: object, code: str, /, **params: object):
        if code not in CATALOG:
            raise ValueError(f"unknown refusal code {code!r}: add it to ledger.domain.catalog.CATALOG")
        self.field, self.value, self.code, self.params = field, value, code, params
        super().__init__(f"{field}: {value!r} {self.why}")

    @property
    def why(self) -> str:
        """The reason in English, as the CLI prints it after the field and the value."""
        return why(self, "en")

    def as_field(self, field: str) -> Rejected:
        """The same refusal for another name of the field (a form's name for a rule's field)."""
        return Rejected(field, self.value, self.code, **self.params)


def why(error: Rejected, lang: str = "en") -> str:
    """The reason ``error`` was refused, in ``lang``."""
    return reason(error.code, error.params, lang)


def say(error: Rejected, lang: str = "en") -> str:
    """The value typed and the reason, as a form shows it after the field's label.

    E.g. "'50 000,5,5' ei ole kelvollinen euromäärä (…)"; without a value, only the reason.
    """
    text = why(error, lang)
    return text if error.value in ("", None) else f"{value_said(error, lang)!r} {text}"


def value_said(error: Rejected, lang: str) -> object:
    """The refused value as ``lang`` says it: a decision refused for its body carries the body's stored key
    ("hallitus"), which is said in the language's word ("styrelse"), as every other line names a body; any
    other value as it was typed."""
    field = str(error.field).rsplit(".", 1)[-1]
    if field in ("body", "decision") and isinstance(error.value, str) and error.value in vocabulary.BODIES:
        return bodies_said(error.value, lang)
    return error.value


def reason(code: str, params: Mapping[str, object], lang: str = "en") -> str:
    """The template of ``code`` (a refusal's, or a finding's in ``FINDINGS``) in ``lang`` filled with ``params``."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    templates = CATALOG if code in CATALOG else FINDINGS
    return _Formatter(lang).format(templates[code].form(lang, params), **params)


class _Formatter(string.Formatter):
    """Fills a template the Finnish way: dates d.m.yyyy, cents with spaces, lists with commas."""

    def __init__(self, lang: str):
        self.lang = lang

    def get_value(self, key: int | str, args, kwargs) -> object:
        """A field naming an account (``line``, ``account``: "MENOT") as the figures label it in the language
        (``vocabulary.account_label``: in Swedish the chart's name), and in Swedish a ledger column the Finnish
        code names (``column``: "TA+MUUTOS") by its word; the numbers, names and keys of every other field as given."""
        value = super().get_value(key, args, kwargs)
        if not isinstance(value, str):
            return value
        if key in ("line", "account"):
            return vocabulary.account_label(value, self.lang)
        if key == "column" and self.lang == "sv" and value in vocabulary.COLUMNS:
            return vocabulary.COLUMNS[value].said(self.lang)
        return value

    def format_field(self, value: object, format_spec: str) -> str:
        """Each field as the language writes it; a value quoting stored text shows its control characters
        escaped (``ledger.domain.text.shown``), so a refusal or a finding is one line that acts on no terminal."""
        return shown(self._field(value, format_spec))

    def _field(self, value: object, format_spec: str) -> str:
        if isinstance(value, Reason):  # a book reader's reason within (a book check's total): said in the language
            return value.said(self.lang)
        if isinstance(value, Decision):
            return _cited(value, self.lang)
        if format_spec == "field":  # a refused field: its word in the language (``field_said``)
            return field_said(value, self.lang)
        if format_spec == "body":
            return bodies_said(value, self.lang, vocabulary.BODIES_DEFINITE)
        if format_spec == "level":
            return vocabulary.LEVELS[value].said(self.lang) if value in vocabulary.LEVELS else str(value)
        if format_spec == "eur":  # ordinary spaces, as the minutes and JSON print it; screens hold them (formats.held)
            return formats.amount(value, self.lang).replace(NBSP, " ")
        if format_spec == "kind":
            return KIND_NAMES[self.lang].get(value, value) if self.lang in KIND_NAMES else str(value)
        if format_spec == "rules_kind":
            return RULES_KIND_NAMES[self.lang].get(value, value) if self.lang in RULES_KIND_NAMES else value.replace("_", " ")
        if format_spec == "percent":
            return formats.percent(value, self.lang)
        if format_spec == "why":  # a refusal or a finding within, as (code, params)
            return reason(*value, self.lang)
        if isinstance(value, dt.date):
            return formats.date(value, self.lang)
        if isinstance(value, (tuple, list)):
            return ", ".join(str(item) for item in value)
        return super().format_field(value, format_spec)


def _cited(decision: Decision, lang: str) -> str:
    """A decision as ``lang`` cites it. Imported here, not at the top: ``citation`` reads decisions with the
    rules' ``Rejected``, which is this module's."""
    from ledger.domain.citation import format_decision

    return format_decision(decision, lang)


def bodies_said(value: object, lang: str, words_of: Mapping[str, vocabulary.Word] | None = None) -> str:
    """A body's key, or a tuple of them, in ``lang``'s words; English keeps the stored key (the term of art).
    ``words_of`` is which words: the bare ones (a list, a label) by default, ``BODIES_DEFINITE`` in a sentence."""
    table = vocabulary.BODIES if words_of is None else words_of
    keys = value if isinstance(value, (tuple, list)) else (value,)
    words = [key if lang == "en" or key not in table else table[key].said(lang) for key in keys]
    return ", ".join(str(word) for word in words)


def field_said(field: object, lang: str) -> str:
    """A refusal's field in ``lang``: "summa", "rivi 2, tili" for ``lines[2].account``, a reader's Reason said.

    Only a name the "field" area of the catalogues holds in every part is ours to translate; anything else
    (a column of the user's own file, an environment variable, an option as typed) is printed as it is.
    """
    if isinstance(field, Reason):
        return said(field, lang)
    matches = [re.fullmatch(r"([a-z_]+)(?:\[(\d+)\])?", part) for part in str(field).split(".")]  # name, item's index
    if not all(match and locale.has("field", match[1]) for match in matches):
        return str(field)
    parts = [_part_said(match[1], match[2], lang) for match in matches]
    whole = parts[0]
    for part in parts[1:]:
        whole = locale.said("field.shape", "part", lang, whole=whole, part=part)
    return whole


def _part_said(name: str, index: str | None, lang: str) -> str:
    """One part: the name's word, or an item's word ("rivi", else the list's own) with its index."""
    if index is None:
        return locale.said("field", name, lang)
    item = f"{name}[]" if locale.has("field", f"{name}[]") else name
    return locale.said("field.shape", "indexed", lang, word=locale.said("field", item, lang), index=index)
