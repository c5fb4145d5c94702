"""Every word of the domain a view shows, defined once, in each language Kirjuri speaks.

The CLI, the terminal UI, the refusals and verify's findings used to keep their own tables of
event kinds and columns, and nothing made them agree: ``kirjuri history`` crashed on a kind one
table lacked. Here each word is one ``Word`` (Finnish, Swedish, English), keyed by what the model
stores: an event's msgspec tag, a column, an account, a body, a check's name, a scope's code.
tests/test_vocabulary.py derives the keys from the model and fails on any word missing.

Swedish gives the term Finland's Swedish-speaking municipalities use (budget, budgetändring,
anslagsöverföring, bokslut, utfall); it repeats the Finnish only where the term of art is the
abbreviation itself (TA, KS, TP, TPE, TS as a column heading). English keeps some Finnish terms
of art as the English UI always has ("TA-muutos", "TA+muutos", "Toteuma").

An account or a body is shown by its stored name in every language (the word the books print and
a clerk types: MENOT, valtuusto); its words here say what it is in each language.

The words themselves are in the gettext catalogues (``ledger.locale``), one area per table
(``msgctxt "word.kinds"``, the key as msgid): a table here is what its area of the catalogues holds,
so a new word is a new message there. The accounts keep their words in the chart, which a municipality
extends.
"""

from __future__ import annotations

from typing import NamedTuple

from events import accounts
from events.model import KINDS as EVENT_KINDS
from ledger import locale

LANGUAGES = ("fi", "sv", "en")


class Word(NamedTuple):
    """One word of the domain in Finnish, Swedish and English."""

    fi: str
    sv: str
    en: str

    def said(self, lang: str) -> str:
        """The word in ``lang``; a language Kirjuri does not speak is refused, never guessed."""
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
        return getattr(self, lang)


def catalogued(context: str) -> dict[str, Word]:
    """The words of one area of the catalogues (``"word.kinds"``), by key (in the order of the keys)."""
    return {key: Word(*(locale.text(context, key, lang) for lang in LANGUAGES)) for key in locale.keys(context)}


#: an event's kind as a heading names it (``history``, the trail), by the event's msgspec tag
KINDS: dict[str, Word] = catalogued("word.kinds")

#: an event's kind inside a sentence ("puuttuu: TA-muutos vaatii päätöksen"), by its msgspec tag
KIND_NOUNS: dict[str, Word] = catalogued("word.kind_nouns")

#: a kind of change a rules file names (``ledger.audit.authority.KINDS``) as "päättää …" / "besluta om …"
#: / "decide a …" takes it; the English is the rules file's own key, spaced
CHANGE_KINDS: dict[str, Word] = catalogued("word.change_kinds")

#: an event's field as its detail and the forms name it, by the field's name in the model (every event's,
#: tests/test_vocabulary.py)
FIELDS: dict[str, Word] = catalogued("word.fields")

#: a column's heading: the stored columns, a book's stated ones, and those the projections derive
COLUMNS: dict[str, Word] = catalogued("word.columns")

#: the account chart and the lines derived from it: the words are the chart's own (``events/chart.toml``),
#: kept there so that a municipality's extension file brings its accounts' names with them
ACCOUNTS: dict[str, Word] = {
    **{a.key: Word(*a.names) for a in accounts.BASE.accounts.values()},
    **{d.key: Word(*d.names) for d in accounts.BASE.derived.values()},
}


def account_word(key: str) -> Word:
    """An account's or derived line's words in the chart in use (an extension's too); an account the
    chart does not know is said as its key in every language."""
    found = accounts.CHART.accounts.get(key) or accounts.CHART.derived.get(key)
    return Word(*found.names) if found is not None else Word(key, key, key)


def account_label(key: str, lang: str) -> str:
    """An account or derived line as a figures table, the tree and an event's lines label it: its stored key
    in Finnish and English (the books' own word, which the English UI keeps as a domain term), its chart name
    in Swedish, so a Swedish screen shows no Finnish chart name (an unknown key stays as it is)."""
    return account_word(key).said(lang) if lang == "sv" else key


def account_short(key: str, lang: str) -> str | None:
    """The chart's abbreviation of ``account_label`` for a column too narrow for it ("Övr. verks.int."), None where
    the chart gives none: the Swedish one on a Swedish screen, the Finnish one where the label is the key."""
    found = accounts.CHART.accounts.get(key) or accounts.CHART.derived.get(key)
    return found.abbreviated("sv" if lang == "sv" else "fi") if found is not None else None


#: the bodies that decide (``events.model.BODIES``)
BODIES: dict[str, Word] = catalogued("word.bodies")

#: a check of ``kirjuri verify`` (``Check.name``) as the committee's view titles it; a book's check is
#: named "book <source>"
CHECKS: dict[str, Word] = catalogued("word.checks")

#: what a check looked at (``Check.scope_code``), a template its params fill
SCOPES: dict[str, Word] = catalogued("word.scopes")

#: the budget parts (kuntalaki 110 §), as the chart's ``part`` names them
PARTS: dict[str, Word] = catalogued("word.parts")

#: an account's side, as the chart's ``side`` names it (``events.chart.SIDES``: tuotto, kulu, muutos)
SIDES: dict[str, Word] = catalogued("word.sides")


def labels(words: dict[str, Word], lang: str) -> dict[str, str]:
    """One table of words in ``lang``, keyed as the model keys it (a view's lookup table)."""
    return {key: word.said(lang) for key, word in words.items()}


def keyed(prefix: str, words: dict[str, Word], lang: str) -> dict[str, str]:
    """The same table under ``prefix`` ("kind." → "kind.ta_amended"), as the UI's text table keys it."""
    return {prefix + key: word.said(lang) for key, word in words.items()}


def by_class(words: dict[str, Word], lang: str) -> dict[str, str]:
    """A table keyed by msgspec tag, keyed instead by the event's class name, as a rule names the event."""
    return {cls.__name__: words[tag].said(lang) for tag, cls in EVENT_KINDS.items()}


def templates(words: dict[str, Word], langs: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Each word's languages ``langs`` as a catalog's templates (code → language → template)."""
    return {key: {lang: word.said(lang) for lang in langs} for key, word in words.items()}



#: a body as a sentence names it (``{name:body}`` in a refusal or a finding): Swedish in its definite form
#: ("styrelsen får inte besluta om …", "lades fram för nämnden"), Finnish as the word, English by the stored
#: key as ever (the term of art); the bare words, BODIES, are a list's and a label's
BODIES_DEFINITE: dict[str, Word] = catalogued("word.bodies_definite")

#: a level of the organisation (``events.model.LEVELS``) and of the investointiosa (projekti, projektiryhmä), as a
#: sentence, the palette and the committee's view name it: Swedish its own word (sektor, ansvarsområde, enhet), Finnish
#: and English the Finnish term the rules file uses
LEVELS: dict[str, Word] = catalogued("word.levels")
