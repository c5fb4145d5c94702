"""The words of every refusal and every finding, in every language (English, Finnish, Swedish): tables
only, no code.

The texts themselves are in the gettext catalogues (``ledger/locale``, kept with Babel): a refusal is
the message ``msgctxt "refusal"``, a finding ``"finding"`` and a check's scope ``"word.scopes"``, each
by its stable code (``msgid "unit.unknown"``). ``CATALOG`` and ``FINDINGS`` read them as the old
tables did (code -> language -> template), so a new reason or a better Finnish phrase is a change to
the .po files and nothing else. ``KINDS_FI`` and ``RULES_KINDS_FI`` (``KINDS_SV``, ``RULES_KINDS_SV``)
are the Finnish (Swedish) names the templates' ``{name:kind}`` and ``{name:rules_kind}`` take (the
vocabulary's words, ``ledger.domain.vocabulary``); ``ledger.domain.refusals`` fills the templates.

Templates use ``str.format`` fields; the format specs (``eur``, ``kind``, ``rules_kind``,
``percent``, ``why``) are the formatter's in ``ledger.domain.refusals``. Every code has every
language and the same placeholders in each (tests/test_refusals.py, tests/test_catalogues.py).
"""

from __future__ import annotations

from ledger.domain import vocabulary
from ledger.locale import Templates

LANGUAGES = ("en", "fi", "sv")

#: code -> language -> template of a refusal (``ledger.domain.refusals.Rejected``)
CATALOG = Templates("refusal")

#: an event's kind as a Finnish clerk names it; English keeps the class name the CLI has always printed
KINDS_FI = vocabulary.by_class(vocabulary.KIND_NOUNS, "fi")
#: the same in Swedish ("saknas: budgetändring kräver ett beslut")
KINDS_SV = vocabulary.by_class(vocabulary.KIND_NOUNS, "sv")

#: code -> language -> template of what ``kirjuri verify`` found (``ledger.audit.findings.Finding``) or
#: what a check looked at (its scope); the English is the text the CLI and the reports for the minutes
#: have always printed, word for word
FINDINGS = Templates("finding", "word.scopes")

#: a kind of change a rules file names (``ledger.audit.authority.KINDS``) as Finnish "päättää …" takes it;
#: English says the key with spaces ("reallocation within")
RULES_KINDS_FI = vocabulary.labels(vocabulary.CHANGE_KINDS, "fi")
RULES_KINDS_SV = vocabulary.labels(vocabulary.CHANGE_KINDS, "sv")

#: the kinds' and the kinds of change's names by language; English keeps the class name and the rules
#: file's key, as the CLI has always printed them
KIND_NAMES = {"fi": KINDS_FI, "sv": KINDS_SV}
RULES_KIND_NAMES = {"fi": RULES_KINDS_FI, "sv": RULES_KINDS_SV}
