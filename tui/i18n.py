"""The UI's words in Finnish (the default) and English.

Domain terms (TA, TA+muutos, KS, TP, TPE, TS, määräraha) and the account chart's names
(MENOT, TULOT, NETTOMENO …) are the ledger's own vocabulary, so they stay as they are in
both languages: a clerk reading the English UI still meets the words the books print.
"""

from __future__ import annotations

LANGUAGES = ("fi", "en")

_FI: dict[str, str] = {
    "app.read_only": "vain luku",
    "tree.title": "Organisaatio",
    "tree.filter": "Suodata koodilla tai nimellä…",
    "figures.title": "{name} ({code}) · {year}",
    "figures.account": "Tili",
    "figures.children": "Alayksiköt: {line}",
    "figures.empty": "Ei lukuja vuodelle {year}",
    "col.TP": "TP", "col.TA": "TA", "col.MUUTOS": "TA-muutokset", "col.TA+MUUTOS": "TA+muutos", "col.KS": "KS",
    "col.TOTEUMA": "Toteuma", "col.TOTEUMA-%": "Toteuma-%", "col.TPE": "TPE", "col.TS": "TS",
    "trail.title": "Muutoshistoria · {count} tapahtumaa",
    "trail.title_more": "Muutoshistoria · {shown}/{count} tapahtumaa (lisää lopussa)",
    "trail.seq": "#", "trail.effective": "Voimassa", "trail.recorded": "Kirjattu", "trail.author": "Tekijä",
    "trail.decision": "Päätös", "trail.kind": "Laji", "trail.change": "Muutos",
    "trail.reversed": "peruttu #{seq}",
    "banner": "Aikamatka: {parts}",
    "banner.seq": "tapahtuma #{known}/{total}",
    "banner.on": "voimassa {date}",
    "banner.known": "tiedossa {moment}",
    "travel.title": "Aikamatka",
    "travel.on": "Voimassa (pvm, esim. 30.6.2025; tyhjä = kaikki)",
    "travel.known": "Tiedossa (esim. 1.9.2025 12:00; tyhjä = nyt)",
    "travel.bad_date": "Ei päivämäärä: {text} (käytä muotoa p.k.vvvv)",
    "travel.bad_moment": "Ei ajankohta: {text} (esim. 1.9.2025 tai 1.9.2025 12:00)",
    "detail.title": "Tapahtuma #{seq}",
    "detail.fields": "Kentät",
    "detail.lines": "Rivit ({count})",
    "detail.chain": "Ketju",
    "detail.hash": "tiiviste (hash)",
    "detail.prev": "edellinen",
    "detail.reversed_by": "peruttu tapahtumalla",
    "detail.effect": "{name} ({code}) {year}: ennen → jälkeen",
    "detail.units": "Yksiköiden omat luvut: ennen → jälkeen",
    "detail.no_effect": "Ei vaikutusta valitun solmun lukuihin.",
    "detail.before": "Ennen", "detail.after": "Jälkeen", "detail.change": "Muutos",
    "detail.unit": "Yksikkö", "detail.column": "Sarake",
    "help.title": "Ohje: näppäimet",
    "help.key": "Näppäin", "help.action": "Toiminto",
    "key.help": "ohje", "key.filter": "suodata", "key.year_prev": "edell. vuosi", "key.year_next": "seur. vuosi",
    "key.travel": "aikamatka", "key.step_back": "askel taakse", "key.step_forward": "askel eteen",
    "key.now": "nyt", "key.back": "takaisin", "key.quit": "lopeta", "key.close": "sulje", "key.reload": "päivitä",
    "key.palette": "komennot", "key.open": "avaa tapahtuma", "key.focus": "seuraava paneeli",
    "key.move": "liiku puussa / taulukossa",
    "key.year_group": "vuosi", "key.step_group": "askel",
    "cmd.goto_unit": "Siirry yksikköön: {code} {name}",
    "cmd.goto_date": "Siirry päivään (aikamatka)…",
    "cmd.year": "Vuosi {year}",
    "cmd.export": "Vie näkymä CSV-tiedostoon",
    "cmd.now": "Palaa nykyhetkeen",
    "cmd.help": "Näytä ohje",
    "cmd.reload": "Päivitä tietokannasta",
    "note.exported": "Tallennettu {path}",
    "note.reloaded": "{count} uutta tapahtumaa",
    "note.no_years": "Kirjanpidossa ei ole vielä lukuja",
    "kind.unit_registered": "Yksikkö perustettu", "kind.unit_renamed": "Yksikkö nimetty",
    "kind.unit_closed": "Yksikkö lakkautettu", "kind.service_transferred": "Palvelu siirretty",
    "kind.ta_adopted": "TA hyväksytty", "kind.ta_amended": "TA-muutos", "kind.reallocated": "Määrärahasiirto",
    "kind.ks_set": "KS", "kind.tp_recorded": "TP", "kind.toteuma_recorded": "Toteuma", "kind.tpe_recorded": "TPE",
    "kind.ts_set": "TS", "kind.entry_reversed": "Peruutus", "kind.breakdown_stated": "Erittely",
    "change.registered": "{code} {name} [{level}] yksikön {parent} alle",
    "change.renamed": "{code} → {name}",
    "change.closed": "{code} lakkautettu",
    "change.transferred": "{unit}: {source} → {target} (vuoden {year} luvuista)",
    "change.reversed": "peruu #{seq}: {reason}",
    "change.more": "… (+{count})",
}

_EN: dict[str, str] = {
    "app.read_only": "read-only",
    "tree.title": "Organisation",
    "tree.filter": "Filter by code or name…",
    "figures.title": "{name} ({code}) · {year}",
    "figures.account": "Account",
    "figures.children": "Units below: {line}",
    "figures.empty": "No figures for {year}",
    "col.TP": "TP", "col.TA": "TA", "col.MUUTOS": "TA amendments", "col.TA+MUUTOS": "TA+muutos", "col.KS": "KS",
    "col.TOTEUMA": "Actual", "col.TOTEUMA-%": "Actual %", "col.TPE": "TPE", "col.TS": "TS",
    "trail.title": "Audit trail · {count} events",
    "trail.title_more": "Audit trail · {shown}/{count} events (more at the end)",
    "trail.seq": "#", "trail.effective": "Effective", "trail.recorded": "Recorded", "trail.author": "Author",
    "trail.decision": "Decision", "trail.kind": "Kind", "trail.change": "Change",
    "trail.reversed": "reversed #{seq}",
    "banner": "Time travel: {parts}",
    "banner.seq": "event #{known}/{total}",
    "banner.on": "effective {date}",
    "banner.known": "known at {moment}",
    "travel.title": "Time travel",
    "travel.on": "Effective (date, e.g. 30.6.2025; empty = all)",
    "travel.known": "Known at (e.g. 1.9.2025 12:00; empty = now)",
    "travel.bad_date": "Not a date: {text} (use d.m.yyyy)",
    "travel.bad_moment": "Not a time: {text} (e.g. 1.9.2025 or 1.9.2025 12:00)",
    "detail.title": "Event #{seq}",
    "detail.fields": "Fields",
    "detail.lines": "Lines ({count})",
    "detail.chain": "Chain",
    "detail.hash": "hash",
    "detail.prev": "previous",
    "detail.reversed_by": "reversed by event",
    "detail.effect": "{name} ({code}) {year}: before → after",
    "detail.units": "The units' own figures: before → after",
    "detail.no_effect": "No effect on the selected node's figures.",
    "detail.before": "Before", "detail.after": "After", "detail.change": "Change",
    "detail.unit": "Unit", "detail.column": "Column",
    "help.title": "Help: keys",
    "help.key": "Key", "help.action": "Action",
    "key.help": "help", "key.filter": "filter", "key.year_prev": "prev. year", "key.year_next": "next year",
    "key.travel": "time travel", "key.step_back": "step back", "key.step_forward": "step forward",
    "key.now": "now", "key.back": "back", "key.quit": "quit", "key.close": "close", "key.reload": "reload",
    "key.palette": "commands", "key.open": "open event", "key.focus": "next panel",
    "key.move": "move in the tree / table",
    "key.year_group": "year", "key.step_group": "step",
    "cmd.goto_unit": "Go to unit: {code} {name}",
    "cmd.goto_date": "Go to date (time travel)…",
    "cmd.year": "Year {year}",
    "cmd.export": "Export this view as CSV",
    "cmd.now": "Back to now",
    "cmd.help": "Show help",
    "cmd.reload": "Reload from the database",
    "note.exported": "Saved {path}",
    "note.reloaded": "{count} new events",
    "note.no_years": "The ledger holds no figures yet",
    "kind.unit_registered": "Unit registered", "kind.unit_renamed": "Unit renamed",
    "kind.unit_closed": "Unit closed", "kind.service_transferred": "Service transferred",
    "kind.ta_adopted": "TA adopted", "kind.ta_amended": "TA-muutos", "kind.reallocated": "Reallocation",
    "kind.ks_set": "KS", "kind.tp_recorded": "TP", "kind.toteuma_recorded": "Toteuma", "kind.tpe_recorded": "TPE",
    "kind.ts_set": "TS", "kind.entry_reversed": "Reversal", "kind.breakdown_stated": "Breakdown",
    "change.registered": "{code} {name} [{level}] under {parent}",
    "change.renamed": "{code} → {name}",
    "change.closed": "{code} closed",
    "change.transferred": "{unit}: {source} → {target} (figures from {year})",
    "change.reversed": "reverses #{seq}: {reason}",
    "change.more": "… (+{count})",
}

TEXTS: dict[str, dict[str, str]] = {"fi": _FI, "en": _EN}


class Texts:
    """The labels of one language; ``texts("key", **fields)`` fills a label's fields."""

    def __init__(self, lang: str = "fi"):
        if lang not in TEXTS:
            raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
        self.lang = lang
        self._table = TEXTS[lang]

    def __call__(self, key: str, **fields: object) -> str:
        return self._table[key].format(**fields) if fields else self._table[key]

    def column(self, column: str) -> str:
        """A column's heading; a column without a label (a book's stated "=TA") shows as it is."""
        return self._table.get(f"col.{column}", column)
