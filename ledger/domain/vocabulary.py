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
"""

from __future__ import annotations

from typing import NamedTuple

from events import accounts
from events.model import KINDS as EVENT_KINDS

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


#: an event's kind as a heading names it (``history``, the trail), by the event's msgspec tag
KINDS: dict[str, Word] = {
    "unit_registered": Word("Yksikkö perustettu", "Enhet inrättad", "Unit registered"),
    "unit_renamed": Word("Yksikkö nimetty", "Enhet omdöpt", "Unit renamed"),
    "unit_closed": Word("Yksikkö lakkautettu", "Enhet nedlagd", "Unit closed"),
    "service_transferred": Word("Palvelu siirretty", "Tjänst överförd", "Service transferred"),
    "ta_adopted": Word("TA hyväksytty", "Budget godkänd", "TA adopted"),
    "ta_amended": Word("TA-muutos", "Budgetändring", "TA-muutos"),
    "reallocated": Word("Määrärahasiirto", "Anslagsöverföring", "Reallocation"),
    "ks_set": Word("KS", "Dispositionsplan", "KS"),
    "tp_recorded": Word("TP", "Bokslut", "TP"),
    "toteuma_recorded": Word("Toteuma", "Utfall", "Toteuma"),
    "tpe_recorded": Word("TPE", "Bokslutsprognos", "TPE"),
    "ts_set": Word("TS", "Ekonomiplan", "TS"),
    "entry_reversed": Word("Peruutus", "Annullering", "Reversal"),
    "breakdown_stated": Word("Erittely", "Specifikation", "Breakdown"),
    "change_proposed": Word("Esitys", "Förslag", "Proposal"),
    "proposal_decided": Word("Päätös esityksestä", "Beslut om förslag", "Decision on a proposal"),
    # issue 17: investment projects and carry-over
    "project_opened": Word("Hanke avattu", "Projekt öppnat", "Project opened"),
    "project_changed": Word("Hanke muutettu", "Projekt ändrat", "Project changed"),
    "project_closed": Word("Hanke päätetty", "Projekt avslutat", "Project closed"),
    "appropriation_carried": Word("Määrärahojen siirto", "Överföring av anslag", "Carry-over"),
    # --- s23-rules ---
    "rules_adopted": Word("Säännöt hyväksytty", "Regler antagna", "Rules adopted"),
}

#: an event's kind inside a sentence ("puuttuu: TA-muutos vaatii päätöksen"), by its msgspec tag
KIND_NOUNS: dict[str, Word] = {
    "unit_registered": Word("yksikön perustaminen", "inrättande av enhet", "unit registration"),
    "unit_renamed": Word("yksikön nimenmuutos", "namnbyte av enhet", "unit renaming"),
    "unit_closed": Word("yksikön lakkauttaminen", "nedläggning av enhet", "unit closure"),
    "service_transferred": Word("palvelun siirto", "överföring av tjänst", "service transfer"),
    "ta_adopted": Word("TA", "budget", "budget (TA)"),
    "ta_amended": Word("TA-muutos", "budgetändring", "TA amendment"),
    "reallocated": Word("määrärahasiirto", "anslagsöverföring", "reallocation"),
    "ks_set": Word("KS", "dispositionsplan", "operating plan (KS)"),
    "tp_recorded": Word("TP", "bokslut", "financial statements (TP)"),
    "toteuma_recorded": Word("toteuma", "utfall", "actuals"),
    "tpe_recorded": Word("TPE", "bokslutsprognos", "year-end forecast (TPE)"),
    "ts_set": Word("TS", "ekonomiplan", "financial plan (TS)"),
    "entry_reversed": Word("peruutus", "annullering", "reversal"),
    "breakdown_stated": Word("erittely", "specifikation", "breakdown"),
    "change_proposed": Word("esitys", "förslag", "proposal"),
    "proposal_decided": Word("päätös esityksestä", "beslut om förslag", "decision on a proposal"),
    # issue 17: investment projects and carry-over
    "project_opened": Word("hankkeen avaaminen", "öppnande av projekt", "project opening"),
    "project_changed": Word("hankkeen muutos", "ändring av projekt", "project change"),
    "project_closed": Word("hankkeen päättäminen", "avslutande av projekt", "project closure"),
    "appropriation_carried": Word("määrärahojen siirto seuraavalle vuodelle", "överföring av anslag till följande år",
                                  "carry-over of appropriations"),
    # --- s23-rules ---
    "rules_adopted": Word("sääntöjen hyväksyminen", "antagande av regler", "adoption of the rules"),
}

#: a kind of change a rules file names (``ledger.audit.authority.KINDS``) as "päättää …" / "besluta om …"
#: / "decide a …" takes it; the English is the rules file's own key, spaced
CHANGE_KINDS: dict[str, Word] = {
    "ta": Word("TA:n hyväksymisestä", "budgetens godkännande", "ta"),
    "amendment": Word("TA-muutoksesta", "budgetändring", "amendment"),
    "reallocation_within": Word("määrärahasiirrosta sitovuustason sisällä",
                                "anslagsöverföring inom bindningsnivån", "reallocation within"),
    "reallocation_across": Word("määrärahasiirrosta sitovuustason yli",
                                "anslagsöverföring över bindningsnivån", "reallocation across"),
    "ks": Word("KS:stä", "dispositionsplan", "ks"),
    "ts": Word("TS:stä", "ekonomiplan", "ts"),
    "transfer": Word("palvelun siirrosta", "överföring av tjänst", "transfer"),
    "organisation": Word("organisaatiomuutoksesta", "organisationsändring", "organisation"),
    # issue 17
    "investment": Word("investointihankkeesta", "investeringsprojekt", "investment"),
    "reallocation_projects": Word("määrärahasiirrosta hankkeiden välillä", "anslagsöverföring mellan projekt",
                                  "reallocation projects"),
    "carry": Word("määrärahojen siirrosta seuraavalle vuodelle", "överföring av anslag till följande år", "carry"),
    "tp": Word("TP:stä", "bokslut", "tp"),
    "tpe": Word("TPE:stä", "bokslutsprognos", "tpe"),
    "toteuma": Word("toteumasta", "utfall", "toteuma"),
    # --- s23-rules ---
    "rules": Word("kirjanpidon säännöistä", "bokföringens regler", "rules"),
}

#: an event's field as its detail and the forms name it, by the field's name in the model (every event's,
#: tests/test_vocabulary.py)
FIELDS: dict[str, Word] = {
    "id": Word("Tunniste", "Identifierare", "Id"),
    "effective": Word("Voimassa", "Gäller från", "Effective"),
    "recorded_at": Word("Kirjattu", "Bokförd", "Recorded"),
    "author": Word("Kirjaaja", "Bokförare", "Recorded by"),
    "decision": Word("Päätös", "Beslut", "Decision"),
    "note": Word("Selite", "Förklaring", "Note"),
    "v": Word("Versio", "Version", "Version"),
    "confirmed": Word("Vahvistetut varoitukset", "Bekräftade varningar", "Confirmed warnings"),
    "code": Word("Koodi", "Kod", "Code"),
    "name": Word("Nimi", "Namn", "Name"),
    "level": Word("Taso", "Nivå", "Level"),
    "parent": Word("Yläyksikkö", "Överordnad enhet", "Parent"),
    "unit": Word("Yksikkö", "Enhet", "Unit"),
    "from_parent": Word("Vanha yläyksikkö", "Tidigare överordnad enhet", "Old parent"),
    "to_parent": Word("Uusi yläyksikkö", "Ny överordnad enhet", "New parent"),
    "from_year": Word("Luvut vuodesta", "Siffror från år", "Figures from"),
    "year": Word("Vuosi", "År", "Year"),
    "lines": Word("Rivit", "Rader", "Lines"),
    "moves": Word("Siirrot", "Överföringar", "Moves"),
    "period_start": Word("Kausi alkaa", "Perioden börjar", "Period from"),
    "period_end": Word("Kausi päättyy", "Perioden slutar", "Period to"),
    "target": Word("Tapahtuma", "Händelse", "Event"),
    "reason": Word("Syy", "Orsak", "Reason"),
    "column": Word("Sarake", "Kolumn", "Column"),
    "to_body": Word("Päättävä toimielin", "Beslutande organ", "To body"),
    "proposal": Word("Esitys", "Förslag", "Proposal"),
    "approved": Word("Hyväksytty", "Godkänt", "Approved"),
    "enacted": Word("Toteutettu muutos", "Genomförd ändring", "Enacted change"),
    # issue 17: a project's group is its parent in the organisation; its ``unit`` is the responsible one
    "group": Word("Hankeryhmä", "Projektgrupp", "Project group"),
    "cost_estimate": Word("Kustannusarvio", "Kostnadskalkyl", "Cost estimate"),
    "first_year": Word("Ensimmäinen vuosi", "Första år", "First year"),
    "last_year": Word("Viimeinen vuosi", "Sista år", "Last year"),
    "to_year": Word("Vuodelle", "Till år", "To year"),
    # --- s23-rules ---
    "rules": Word("Säännöt", "Regler", "Rules"),
    "digest": Word("Tiiviste", "Kontrollsumma", "Digest"),
}

#: a column's heading: the stored columns, a book's stated ones, and those the projections derive
COLUMNS: dict[str, Word] = {
    "TA": Word("TA", "TA", "TA"),
    "MUUTOS": Word("TA-muutokset", "TA-ändringar", "TA amendments"),
    "TA+MUUTOS": Word("TA+muutos", "TA+ändringar", "TA+muutos"),
    "KS": Word("KS", "KS", "KS"),
    "TP": Word("TP", "TP", "TP"),
    "TOTEUMA": Word("Toteuma", "Utfall", "Actual"),
    "TOTEUMA-%": Word("Toteuma-%", "Utfall-%", "Actual %"),
    "TPE": Word("TPE", "TPE", "TPE"),
    "TS": Word("TS", "TS", "TS"),
    # issue 17: the unused appropriation carried to the next year (``AppropriationCarried``)
    "SIIRTO": Word("Siirto seuraavalle vuodelle", "Överfört till följande år", "Carried to next year"),
}

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


#: the bodies that decide (``events.model.BODIES``)
BODIES: dict[str, Word] = {
    "valtuusto": Word("valtuusto", "fullmäktige", "council"),
    "hallitus": Word("hallitus", "styrelse", "executive board"),
    "lautakunta": Word("lautakunta", "nämnd", "committee"),
    "jaosto": Word("jaosto", "sektion", "subcommittee"),
    "viranhaltija": Word("viranhaltija", "tjänsteinnehavare", "officeholder"),
}

#: a check of ``kirjuri verify`` (``Check.name``) as the committee's view titles it; a book's check is
#: named "book <source>"
CHECKS: dict[str, Word] = {
    "chain": Word("Ketju: jokaisen tapahtuman tiiviste ja ketju laskettuna tallennetuista tavuista",
                  "Kedja: varje händelses hashvärde och kedjan, beräknade från de lagrade byten",
                  "Chain: every event's hash and the hash chain, recomputed from the stored bytes"),
    "head": Word("Pää: kirjanpito jatkaa pöytäkirjaan merkittyä päätä",
                 "Huvud: bokföringen fortsätter från huvudet som antecknats i protokollet",
                 "Head: the ledger extends the head recorded in the minutes"),
    "reversals": Word("Peruutukset: kukin peruu aiemman, vielä perumattoman tapahtuman",
                      "Annulleringar: var och en annullerar en tidigare, ännu inte annullerad händelse",
                      "Reversals name an earlier event not yet reversed"),
    "rules": Word("Säännöt: jokainen tapahtuma läpäisee säännöt sitä edeltävässä tilassa",
                  "Regler: varje händelse uppfyller reglerna i tillståndet före den",
                  "Rules: every event passes the rules in the state before it"),
    "checkpoints": Word("Välitilat: tallennetut välitilat vastaavat niihin asti koottuja tapahtumia",
                        "Mellanlägen: de lagrade mellanlägena motsvarar händelserna fram till dem",
                        "Checkpoints: stored checkpoints equal the events folded up to them"),
    "authority": Word("Toimivalta: päätös toimielimeltä, jolla on siihen valta, ja oikeaan aikaan",
                      "Behörighet: beslut av ett organ som är behörigt, och i rätt tid",
                      "Authority: each decision by a body entitled to it, dated within its window"),
    "reallocations": Word("Määrärahasiirrot: sitovan tason yli vain valtuuston päätöksellä",
                          "Anslagsöverföringar: över den bindande nivån endast genom fullmäktiges beslut",
                          "Reallocations cross binding units only by the valtuusto's decision"),
    "overruns": Word("Ylitykset: toteuma, TPE ja TP sitovan määrärahan TA+muutoksen rajoissa",
                     "Överskridningar: utfall, TPE och TP inom TA+ändringar för varje bindande anslag",
                     "Overruns: toteuma, TPE and TP within TA+muutos at every binding appropriation"),
    "book": Word("Kirja: painetut summat vastaavat rivien summia",
                 "Bok: de tryckta summorna motsvarar radernas summor",
                 "Book: its printed totals equal the sums of its lines"),
}

#: what a check looked at (``Check.scope_code``), a template its params fill
SCOPES: dict[str, Word] = {
    "scope.events": Word("tapahtumia {count}", "{count} händelser", "{count} events"),
    "scope.head": Word("kohdassa #{at}, sen jälkeen tapahtumia {since}", "vid #{at}, därefter {since} händelser",
                       "at #{at}, {since} events since"),
    "scope.reversals": Word("peruutuksia {count}", "{count} annulleringar", "{count} reversals"),
    "scope.checkpoints": Word("välitiloja {count}", "{count} mellanlägen", "{count} checkpoints"),
    "scope.decisions": Word("päätöksiä {count}", "{count} beslut", "{count} decisions"),
    "scope.reallocations": Word("määrärahasiirtoja {count}", "{count} anslagsöverföringar",
                                "{count} reallocations"),
    "scope.appropriations": Word("sitovia määrärahoja {count}", "{count} bindande anslag",
                                 "{count} binding appropriations"),
    "scope.book_totals": Word("summia {totals}, pelkkiä pyöristyseroja {rounding}",
                              "{totals} summor, {rounding} avvikelser endast av avrundning",
                              "{totals} totals, {rounding} off by rounding only"),
}


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
