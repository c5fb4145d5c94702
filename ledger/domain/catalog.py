"""The words of every refusal and every finding, in every language: data only, no code.

``CATALOG`` holds a template per refusal code (``ledger.domain.refusals.Rejected``),
``FINDINGS`` one per finding and per check's scope (``ledger.audit.findings``), and
``KINDS_FI`` and ``RULES_KINDS_FI`` the Finnish names the templates' ``{name:kind}`` and
``{name:rules_kind}`` take (those names, and the checks' scopes, are the vocabulary's words,
``ledger.domain.vocabulary``). ``ledger.domain.refusals`` fills them; kept apart so a new
reason or a better Finnish phrase is a change to this table and nothing else.

Templates use ``str.format`` fields; the format specs (``eur``, ``kind``, ``rules_kind``,
``percent``, ``why``) are the formatter's in ``ledger.domain.refusals``. Every code has every
language and the same placeholders in each (tests/test_refusals.py).
"""

from __future__ import annotations

from ledger.domain import vocabulary

LANGUAGES = ("en", "fi")

_DECISION_EG = "'KV 26.5.2025 § 50'"

#: code -> language -> template; every code has every language (tests/test_refusals.py)
CATALOG: dict[str, dict[str, str]] = {
    # --- any event -------------------------------------------------------------------------
    "id.duplicate": {
        "en": "is already in the ledger",
        "fi": "on jo kirjanpidossa",
    },
    "key.invalid": {
        "en": "is not a usable key: 1–100 letters, digits or . _ : / -, starting with a letter or a digit",
        "fi": "ei kelpaa avaimeksi: 1–100 kirjainta, numeroa tai merkkiä . _ : / -, alussa kirjain tai numero",
    },
    "author.empty": {
        "en": "is empty: every change names who made it",
        "fi": "on tyhjä: jokaiseen muutokseen merkitään sen tekijä",
    },
    "text.control": {
        "en": "holds a control character ({char}), which a terminal would obey: write plain text",
        "fi": "sisältää ohjausmerkin ({char}), jota pääte tottelisi: kirjoita pelkkää tekstiä",
    },
    "text.not_utf8": {
        "en": "holds bytes that are not UTF-8 text: write it in UTF-8",
        "fi": "sisältää tavuja, jotka eivät ole UTF-8-tekstiä: kirjoita teksti UTF-8-merkistössä",
    },
    "rule.stop": {
        "en": "is a rule of the ledger that refuses this: {finding:why}",
        "fi": "on kirjanpidon sääntö, joka estää tämän: {finding:why}",
    },
    "rule.warn": {
        "en": "is a warning: {finding:why}; to write it anyway, confirm it (--confirm {rule})",
        "fi": "on varoitus: {finding:why}; kirjaa silti vahvistamalla se (--confirm {rule})",
    },
    "note.too_long": {
        "en": "is longer than {limit} characters",
        "fi": "on yli {limit} merkkiä pitkä",
    },
    "choice.unknown": {
        "en": "is not one of {choices}",
        "fi": "ei ole mikään seuraavista: {choices}",
    },
    "choice.either": {
        "en": "is not {first} or {second}",
        "fi": "ei kelpaa: valitse {first} tai {second}",
    },
    "value.missing": {
        "en": "is missing",
        "fi": "puuttuu",
    },
    # --- decisions -------------------------------------------------------------------------
    "decision.missing": {
        "en": "is missing: {kind:kind} needs one (body, date, §, e.g. " + _DECISION_EG + ")",
        "fi": "puuttuu: {kind:kind} vaatii päätöksen (toimielin, päivämäärä, §, esim. " + _DECISION_EG + ")",
    },
    "decision.section_empty": {
        "en": "is empty: cite the § of the minutes",
        "fi": "on tyhjä: merkitse pöytäkirjan pykälä (§)",
    },
    "decision.council_only": {
        "en": "may not adopt or amend the TA: only the valtuusto may (kuntalaki § 110)",
        "fi": "ei voi hyväksyä eikä muuttaa talousarviota: vain valtuusto (KV) voi hyväksyä talousarvion "
              "ja muuttaa sitä (kuntalaki 110 §)",
    },
    "decision.invalid": {
        "en": "is not a decision: write body, date and §, e.g. " + _DECISION_EG,
        "fi": "ei ole päätös: kirjoita toimielin, päivämäärä ja §, esim. " + _DECISION_EG,
    },
    "decision.unknown_body": {
        "en": "names no known body: {body!r} (KV, KH, LTK, VH or e.g. 'Sivistyslautakunta')",
        "fi": "ei nimeä tunnettua toimielintä: {body!r} (KV, KH, LTK, VH tai esim. 'Sivistyslautakunta')",
    },
    "decision.yearless": {
        "en": "names no year: {date!r} (give the book's year, or write d.m.yyyy)",
        "fi": "ei kerro vuotta: {date!r} (anna kirjan vuosi tai kirjoita p.k.vvvv)",
    },
    "decision.impossible_date": {
        "en": "not a date: {date!r} (use d.m.yyyy)",
        "fi": "sisältää päivämäärän, jota ei ole: {date!r} (muoto p.k.vvvv)",
    },
    "decision.after_recorded": {
        "en": "is after the day the change is recorded ({recorded}): a decision is entered once it is made",
        "fi": "on kirjauspäivän ({recorded}) jälkeen: päätös kirjataan vasta, kun se on tehty",
    },
    "decision.before_year": {
        "en": "is before the year {year}'s TA could be adopted (earliest {earliest})",
        "fi": "on ennen kuin vuoden {year} talousarvion voi hyväksyä (aikaisintaan {earliest})",
    },
    "decision.before_ledger": {
        "en": "is before the ledger's first year's TA could be adopted (earliest {earliest})",
        "fi": "on ennen kuin kirjanpidon ensimmäisen vuoden talousarvion voi hyväksyä (aikaisintaan {earliest})",
    },
    # --- units -----------------------------------------------------------------------------
    "unit.unknown": {
        "en": "is not a known unit",
        "fi": "ei ole tunnettu yksikkö",
    },
    "unit.unknown_see_units": {
        "en": "is not a known unit (see `kirjuri units`)",
        "fi": "ei ole tunnettu yksikkö (ks. `kirjuri units`)",
    },
    "unit.empty": {
        "en": "is empty: type a unit's code or a part of its name",
        "fi": "on tyhjä: kirjoita yksikön koodi tai osa sen nimestä",
    },
    "unit.ambiguous": {
        "en": "matches {count} units: {shown}",
        "fi": "sopii {count} yksikköön: {shown}",
    },
    "unit.registration_reversed": {
        "en": "was registered by a reversed entry",
        "fi": "on perustettu kirjauksella, joka on peruttu",
    },
    "unit.not_yet": {
        "en": "does not exist yet on {on} (registered from {since})",
        "fi": "ei ole vielä olemassa {on} (toiminnassa {since} alkaen)",
    },
    "unit.closed": {
        "en": "is closed (from {since})",
        "fi": "on lakkautettu ({since} alkaen)",
    },
    "unit.open_children": {
        "en": "still has open units below it: {children}",
        "fi": "on yhä toiminnassa olevien yksiköiden yläyksikkö: {children}",
    },
    "unit.no_node": {
        "en": "has no node: give the table's title a node in the profile",
        "fi": "ei vastaa mitään solmua: anna profiilissa taulukon otsikolle solmu",
    },
    "code.invalid": {
        "en": "is not a valid unit code",
        "fi": "ei kelpaa yksikön koodiksi",
    },
    "code.unaddressable": {
        "en": "is not a code every command can name: no ':' or '/', no '-' first, no space at either end",
        "fi": "ei kelpaa koodiksi, jolla jokainen komento löytää yksikön: ei merkkejä ':' tai '/', ei '-' alussa "
              "eikä välilyöntiä alussa tai lopussa",
    },
    "code.case_twin": {
        "en": "differs from {other} only in case: a form could not tell the two apart",
        "fi": "eroaa yksiköstä {other} vain kirjainkooltaan: lomake ei erottaisi niitä toisistaan",
    },
    "code.taken": {
        "en": "is already registered ({name})",
        "fi": "on jo käytössä ({name})",
    },
    "name.empty": {
        "en": "is empty",
        "fi": "on tyhjä",
    },
    "name.same": {
        "en": "is already the name of {code}",
        "fi": "on jo yksikön {code} nimi",
    },
    "parent.required": {
        "en": "is required for a {level}",
        "fi": "on pakollinen, kun taso on {level}",
    },
    "parent.level": {
        "en": "is a {parent_level}: a {level} must sit below a higher level",
        "fi": "on tasolla {parent_level}: yläyksikön on oltava ylemmällä tasolla kuin {level}",
    },
    "parent.not_current": {
        "en": "is not where {unit} is on {on} (it is under {current})",
        "fi": "ei ole yksikön {unit} yläyksikkö {on} (yläyksikkö on {current})",
    },
    "parent.same": {
        "en": "is where {unit} already is",
        "fi": "on jo yksikön {unit} yläyksikkö",
    },
    "parent.cycle": {
        "en": "is {unit} itself or below it: the move would make a cycle",
        "fi": "on {unit} itse tai sen alayksikkö: yksikkö ei voi siirtyä oman itsensä alle",
    },
    "restated.no_node": {
        "en": "is a year whose organisation has no {code}",
        "fi": "on vuosi, jonka organisaatiossa ei ole yksikköä {code}",
    },
    "unit_path.empty_code": {
        "en": "has an empty code",
        "fi": "sisältää tyhjän koodin",
    },
    "unit_path.wrong_end": {
        "en": "does not end in the row's unit {unit!r}",
        "fi": "ei pääty rivin yksikköön {unit!r}",
    },
    # --- years and dates -------------------------------------------------------------------
    "year.range": {
        "en": "is outside {first}–{last}",
        "fi": "ei ole välillä {first}–{last}",
    },
    "year.invalid": {
        "en": "is not a year (e.g. 2026)",
        "fi": "ei ole vuosiluku (esim. 2026)",
    },
    "year.invalid_in_file": {
        "en": "is not a year",
        "fi": "ei ole vuosiluku",
    },
    "year.no_figures_yet": {
        "en": "cannot be read: the ledger holds no figures yet",
        "fi": "ei ole luettavissa: kirjanpidossa ei ole vielä lukuja",
    },
    "year.no_figures": {
        "en": "has no figures in the ledger (it holds {first}–{last})",
        "fi": "on vuosi, jolta kirjanpidossa ei ole lukuja (kirjanpidossa on vuodet {first}–{last})",
    },
    "date.invalid": {
        "en": "is not a date (use d.m.yyyy, e.g. 26.5.2025)",
        "fi": "ei ole päivämäärä (muoto p.k.vvvv, esim. 26.5.2025)",
    },
    "date.invalid_in_file": {
        "en": "is not a date (d.m.yyyy or yyyy-mm-dd)",
        "fi": "ei ole päivämäärä (p.k.vvvv tai vvvv-kk-pp)",
    },
    "time.invalid": {
        "en": "is not a time (e.g. 1.9.2025, 1.9.2025 12:30 or 2025-09-01T12:30)",
        "fi": "ei ole ajankohta (esim. 1.9.2025, 1.9.2025 12:30 tai 2025-09-01T12:30)",
    },
    "effective.outside_fiscal_year": {
        "en": "is outside the window for {kind:kind} {year} ({first}–{last})",
        "fi": "ei ole talousvuoden {year} sisällä ({first}–{last})",
    },
    "effective.outside_window": {
        "en": "is outside the window for {kind:kind} {year} ({first}–{last})",
        "fi": "ei ole sallittu voimaantulopäivä ({kind:kind} {year}: {first}–{last})",
    },
    "effective.empty": {
        "en": "is empty: type the date, or the decision it follows from",
        "fi": "on tyhjä: kirjoita päivämäärä tai päätös, josta se seuraa",
    },
    "effective.not_period_end": {
        "en": "must be the period's end {end}",
        "fi": "on oltava kauden viimeinen päivä {end}",
    },
    "effective.missing_for_column": {
        "en": "is missing: a {column} row needs the date it takes effect",
        "fi": "puuttuu: {column}-rivi tarvitsee voimaantulopäivän",
    },
    "period.invalid": {
        "en": "is not a period: write start-end, e.g. 1.1.2025-30.6.2025",
        "fi": "ei ole aikaväli: kirjoita alku-loppu, esim. 1.1.2025-30.6.2025",
    },
    "period.after_end": {
        "en": "is after period_end {end}",
        "fi": "on kauden viimeisen päivän {end} jälkeen",
    },
    "period.outside_fiscal_year": {
        "en": "is outside the fiscal year {year}",
        "fi": "ei ole talousvuoden {year} sisällä",
    },
    "period.overlap": {
        "en": "overlaps toteuma {start}–{end} already recorded for {unit} {account}",
        "fi": "on päällekkäin jo kirjatun toteuman {start}–{end} kanssa ({unit} {account})",
    },
    "period.required": {
        "en": "is required for toteuma (e.g. 1.1.2025-30.6.2025)",
        "fi": "on pakollinen toteumalle (esim. 1.1.2025-30.6.2025)",
    },
    "period.only_toteuma": {
        "en": "is only for TOTEUMA rows",
        "fi": "kuuluu vain TOTEUMA-riveille",
    },
    "period.missing": {
        "en": "is missing: TOTEUMA covers a period",
        "fi": "puuttuu: TOTEUMA koskee aikaväliä",
    },
    "period.not_months": {
        "en": "is not MONTH-MONTH/YEAR (e.g. '01-06/2023')",
        "fi": "ei ole muotoa KK-KK/VVVV (esim. '01-06/2023')",
    },
    "period.no_such_months": {
        "en": "has no such months: write e.g. '01-06/2023'",
        "fi": "sisältää kuukauden, jota ei ole: kirjoita esim. '01-06/2023'",
    },
    "recorded_at.earlier": {
        "en": "is earlier than the event before it",
        "fi": "on aiempi kuin edellisen tapahtuman kirjausaika",
    },
    # --- lines, accounts and amounts -------------------------------------------------------
    "line.invalid": {
        "en": "is not UNIT:ACCOUNT=AMOUNT (e.g. '1100:MENOT=-68 900')",
        "fi": "ei ole muotoa YKSIKKÖ:TILI=SUMMA (esim. '1100:MENOT=-68 900')",
    },
    "cell.invalid": {
        "en": "is not UNIT:ACCOUNT (e.g. '1100:MENOT')",
        "fi": "ei ole muotoa YKSIKKÖ:TILI (esim. '1100:MENOT')",
    },
    "move.invalid": {
        "en": "is not FROM_UNIT:ACCOUNT>TO_UNIT:ACCOUNT=AMOUNT (e.g. '1100:MENOT>1200:MENOT=5 000')",
        "fi": "ei ole muotoa YKSIKKÖ:TILI>YKSIKKÖ:TILI=SUMMA (esim. '1100:MENOT>1200:MENOT=5 000')",
    },
    "option.repeated": {
        "en": "is given more than once: {option} takes one value; for more moves use --move as many times as needed",
        "fi": "on annettu useammin kuin kerran: {option} ottaa yhden arvon; useammat siirrot --move-valitsimella",
    },
    "lines.empty": {
        "en": "are empty: nothing to record",
        "fi": "ei sisällä yhtään riviä: ei mitään kirjattavaa",
    },
    "account.unknown": {
        "en": "is not an account (see `kirjuri accounts`)",
        "fi": "ei ole tilikartan tili (ks. `kirjuri accounts`)",
    },
    "account.outside_chart": {
        "en": "is held by the ledger but is not in the chart in use (accounts outside it: {count}): give the"
              " municipality's chart file (--chart FILE or $KIRJURI_CHART) to write",
        "fi": "on kirjanpidossa mutta ei käytössä olevassa tilikartassa (tilejä sen ulkopuolella: {count}): anna"
              " kunnan tilikarttatiedosto (--chart TIEDOSTO tai $KIRJURI_CHART) kirjataksesi",
    },
    "account.twice": {
        "en": "appears twice for unit {unit}",
        "fi": "on kahdesti yksikön {unit} riveillä",
    },
    "account.with_its_part": {
        "en": "would be counted twice: {other} of unit {unit} is on the same entry",
        "fi": "laskettaisiin kahteen kertaan: samassa kirjauksessa on myös yksikön {unit} {other}",
    },
    "account.ta_exists": {
        "en": "already has TA {year} for unit {unit}: amend it or reverse that entry",
        "fi": "on jo yksikön {unit} talousarviossa (TA {year}): tee TA-muutos tai peru aiempi kirjaus",
    },
    "account.double_count": {
        "en": "would be counted twice: unit {unit} has {column} {year} on {account}",
        "fi": "laskettaisiin kahteen kertaan: yksiköllä {unit} on jo {column} {year} tilillä {account}",
    },
    "amount.zero": {
        "en": "changes nothing",
        "fi": "ei muuta mitään",
    },
    "amount.invalid": {
        "en": "is not a Finnish amount (e.g. '-6 837 670' or '1 204 150,50')",
        "fi": "ei ole kelvollinen euromäärä (esim. '-6 837 670' tai '1 204 150,50')",
    },
    "amount.limit": {
        "en": "is past the limit: an amount is at most ±{limit:eur} €",
        "fi": "ylittää rajan: summa voi olla enintään ±{limit:eur} €",
    },
    "value.out_of_bounds": {
        "en": "is outside {low}…{high}: the ledger cannot hold it",
        "fi": "ei ole välillä {low}…{high}: kirjanpito ei voi tallentaa sitä",
    },
    "recorded_at.no_zone": {
        "en": "has no time zone: a recorded time carries one (e.g. 2025-01-02T08:00:00Z)",
        "fi": "on ilman aikavyöhykettä: kirjausajassa on aina aikavyöhyke (esim. 2025-01-02T08:00:00Z)",
    },
    "amount.invalid_in_file": {
        "en": "is not an amount",
        "fi": "ei ole euromäärä",
    },
    "amount.not_cents": {
        "en": "is not an amount in euros and cents",
        "fi": "ei ole euromäärä senttien tarkkuudella",
    },
    "amount.not_positive": {
        "en": "must be positive: the appropriation moved from the source to the target",
        "fi": "ei kelpaa: siirrettävän määrärahan on oltava positiivinen (se siirtyy lähteestä kohteeseen)",
    },
    "amount.move_not_positive": {
        "en": "must be a positive sum of appropriation to move",
        "fi": "ei ole positiivinen: siirrettävän määrärahan on oltava suurempi kuin nolla",
    },
    "cells.too_many": {
        "en": "is past the {count} columns of the header (an unquoted ',' in an amount?)",
        "fi": "on otsikkorivin {count} sarakkeen jälkeen (summassa ',' ilman lainausmerkkejä?)",
    },
    # --- reallocations ---------------------------------------------------------------------
    "moves.empty": {
        "en": "are empty: nothing to reallocate",
        "fi": "ei sisällä yhtään siirtoa: ei mitään siirrettävää",
    },
    "move.same_cell": {
        "en": "is the source itself: nothing moves",
        "fi": "on sama kuin lähde: mitään ei siirry",
    },
    "move.other_side": {
        "en": "is on the other side of {source}: a reallocation moves MENOT to MENOT or TULOT to TULOT",
        "fi": "on eri puolella kuin {source}: määrärahasiirto siirtää MENOT-tililtä MENOT-tilille "
              "tai TULOT-tililtä TULOT-tilille",
    },
    "move.nothing": {
        "en": "moves nothing",
        "fi": "ei siirrä mitään",
    },
    "move.below_toteuma": {
        "en": "would leave {unit} {account} at {after:eur}, below its toteuma {toteuma:eur}",
        "fi": "jättäisi yksikön {unit} tilin {account} määrärahaksi {after:eur} €, mikä alittaa sen toteuman "
              "{toteuma:eur} €",
    },
    # --- reversals and event references ----------------------------------------------------
    "reason.empty": {
        "en": "is empty: say why the entry is reversed",
        "fi": "on tyhjä: kerro, miksi kirjaus perutaan",
    },
    "event.unknown": {
        "en": "is not an event in this ledger",
        "fi": "ei ole tämän kirjanpidon tapahtuma",
    },
    "event.out_of_range": {
        "en": "is not in the ledger (it has #1–#{last})",
        "fi": "ei ole kirjanpidossa (siinä on tapahtumat #1–#{last})",
    },
    "event.ambiguous": {
        "en": "matches {count} events: give more of the id",
        "fi": "sopii {count} tapahtumaan: anna tunnisteesta pidempi osa",
    },
    "event.already_reversed": {
        "en": "is already reversed (by event #{by})",
        "fi": "on jo peruttu (tapahtumalla #{by})",
    },
    "event.is_reversal": {
        "en": "is itself a reversal: record the entry again instead",
        "fi": "on itse peruutus: kirjaa alkuperäinen kirjaus uudelleen",
    },
    "event.enacts_proposal": {
        "en": "puts into effect the approval #{decision}: reverse that decision instead, which undoes both",
        "fi": "toteuttaa hyväksymispäätöksen #{decision}: peru se päätös, niin molemmat perutaan",
    },
    # --- proposals (esitys -> päätös) -------------------------------------------------------
    "proposal.lines_or_moves": {
        "en": "has {lines} lines and {moves} moves: a proposal is a TA-muutos (lines) or a reallocation (moves)",
        "fi": "on {lines} riviä ja {moves} siirtoa: esitys on joko TA-muutos (rivit) tai määrärahasiirto (siirrot)",
    },
    "proposal.unknown": {
        "en": "is not a proposal in the ledger",
        "fi": "ei ole kirjanpidossa oleva esitys",
    },
    "proposal.withdrawn": {
        "en": "was reversed: there is nothing to decide",
        "fi": "on peruttu: päätettävää ei ole",
    },
    "proposal.decided": {
        "en": "is already decided (event #{decision}); reverse that decision first",
        "fi": "on jo päätetty (tapahtuma #{decision}); peru ensin se päätös",
    },
    "proposal.other_body": {
        "en": "did not receive this proposal: it was put to the {to_body}",
        "fi": "ei saanut tätä esitystä: se tehtiin toimielimelle {to_body}",
    },
    "proposal.rejected_enacts": {
        "en": "is given, but a rejected proposal enacts nothing",
        "fi": "on annettu, mutta hylätty esitys ei toteuta mitään",
    },
    "proposal.enacted_missing": {
        "en": "is not the change written just before the approval",
        "fi": "ei ole juuri ennen hyväksymistä kirjattu muutos",
    },
    "proposal.enacted_kind": {
        "en": "is not a {kind:kind}, which the proposal asks for",
        "fi": "ei ole esityksen mukainen {kind:kind}",
    },
    "proposal.enacted_differs": {
        "en": "differs from the proposal: the same year, lines and decision are enacted, or a new proposal is made",
        "fi": "poikkeaa esityksestä: toteutetaan sama vuosi, rivit ja päätös, tai tehdään uusi esitys",
    },
    "event.unit_in_use": {
        "en": "registered {code}, which has entries or units of its own: reverse those first",
        "fi": "perusti yksikön {code}, jolla on omia kirjauksia tai alayksiköitä: peru ne ensin",
    },
    "ledger.read_only": {
        "en": "is opened read-only: nothing is written",
        "fi": "on avattu vain luettavaksi: mitään ei kirjata",
    },
    "event.conflict": {
        "en": "the ledger kept changing under other writers: nothing was written, try again",
        "fi": "kirjanpitoa muutettiin samaan aikaan muualta: mitään ei kirjattu, yritä uudelleen",
    },
    "figures.changed": {
        "en": "changed after #{since}: {written} touched it since; nothing was written, "
              "re-read the figures (now #{head}) and try again",
        "fi": "on muuttunut tapahtuman #{since} jälkeen: sitä ovat sittemmin muuttaneet {written}; "
              "mitään ei kirjattu, lue luvut uudelleen (nyt #{head}) ja yritä uudelleen",
    },
    "based_on.invalid": {
        "en": "is not a position in the ledger: write e.g. 161 or '#161' (see `kirjuri head`)",
        "fi": "ei ole kirjanpidon tapahtuman numero: kirjoita esim. 161 tai '#161' (ks. `kirjuri head`)",
    },
    "based_on.out_of_range": {
        "en": "is not a position in the ledger: the last event is #{last}",
        "fi": "ei ole kirjanpidon tapahtuma: viimeisin on #{last}",
    },
    "head.too_short": {
        "en": "has {given} hex digits: give at least {digits} of the head (or all 64), as `kirjuri head` prints it",
        "fi": "sisältää {given} heksanumeroa: anna päästä vähintään {digits} ensimmäistä (tai kaikki 64), "
              "kuten `kirjuri head` sen tulostaa",
    },
    "head.invalid": {
        "en": "is not a head: give its hex digits (at least the first {digits}, or all 64), as `kirjuri head` "
              "prints it",
        "fi": "ei ole pää: anna sen heksanumerot (vähintään {digits} ensimmäistä tai kaikki 64), kuten "
              "`kirjuri head` sen tulostaa",
    },
    # --- reports ---------------------------------------------------------------------------
    "columns.none": {
        "en": "names no column: write e.g. 'TA 2026, KS 2026'",
        "fi": "ei nimeä yhtään saraketta: kirjoita esim. 'TA 2026, KS 2026'",
    },
    "columns.not_column_and_year": {
        "en": "is not a column and a year (e.g. 'TA 2026')",
        "fi": "ei ole sarake ja vuosi (esim. 'TA 2026')",
    },
    "columns.unknown": {
        "en": "names no column: use one of {choices}",
        "fi": "ei ole sarake: käytä jotakin näistä: {choices}",
    },
    "output.report_suffix": {
        "en": "must end in .csv, .xlsx or .md",
        "fi": "ei ole .csv-, .xlsx- tai .md-tiedosto",
    },
    "output.verify_suffix": {
        "en": "must end in .md, .json or .xlsx",
        "fi": "ei ole .md-, .json- tai .xlsx-tiedosto",
    },
    "output.figures_suffix": {
        "en": "must end in .csv or .xlsx",
        "fi": "ei ole .csv- tai .xlsx-tiedosto",
    },
    "output.is_file": {
        "en": "is a file: give a folder, or a .json path for the descriptor",
        "fi": "on tiedosto: anna kansio tai kuvaustiedoston .json-polku",
    },
    "rules.unreadable": {
        "en": "cannot be read as a rules file: {reason}",
        "fi": "ei ole luettava sääntötiedosto: {reason}",
    },
    "rules.day": {
        "en": "is not a day of the year (e.g. '31.12.')",
        "fi": "ei ole vuoden päivä (esim. '31.12.')",
    },
    "book.sign_unknown": {
        "en": "does not show whether it prints expenses positive or negative: its blocks disagree or add up either way",
        "fi": "ei osoita, tulostaako se menot positiivisina vai negatiivisina: sen lohkot ovat ristiriidassa "
              "tai täsmäävät kummin päin tahansa",
    },
    "book.year_unknown": {
        "en": "does not name its one year (found {years}): give it with --year",
        "fi": "ei kerro yhtä vuottaan (löytyi {years}): anna se valitsimella --year",
    },
    "book.nothing_read": {
        "en": "has {lines} lines with figures and not one of them is read as a figure to record: nothing written"
              " (the lines are said above; --list FILE writes each)",
        "fi": "sisältää {lines} riviä lukuja, eikä yhtäkään niistä luettu kirjattavaksi luvuksi: mitään ei kirjoitettu"
              " (rivit on kerrottu yllä; --list TIEDOSTO kirjoittaa jokaisen)",
    },
    "file.missing": {
        "en": "does not exist",
        "fi": "ei ole olemassa",
    },
    "db.not_empty": {
        "en": "already holds {count} events: restore needs an empty ledger",
        "fi": "sisältää jo {count} tapahtumaa: palautus vaatii tyhjän kirjanpidon",
    },
    "db.init_postgres_only": {
        "en": "is not a PostgreSQL database: db init is for PostgreSQL (--url postgresql://superuser@host/db)",
        "fi": "ei ole PostgreSQL-tietokanta: db init on PostgreSQL:ää varten (--url postgresql://pääkäyttäjä@palvelin/kanta)",
    },
    "db.role_name": {
        "en": "is not a usable role name: 1–63 lowercase letters, digits or _, not starting with a digit or pg_",
        "fi": "ei kelpaa roolin nimeksi: 1–63 pientä kirjainta, numeroa tai _, alussa ei numeroa eikä pg_",
    },
    "db.role_twice": {
        "en": "is also the {other} role: every role needs a name of its own",
        "fi": "on myös roolin {other} nimi: jokainen rooli tarvitsee oman nimensä",
    },
    "db.role_privileged": {
        "en": "is an existing role with more rights than the ledger gives it (superuser, CREATEDB, CREATEROLE, "
              "the database's owner, you, or a member of the owner role): choose another name",
        "fi": "on olemassa oleva rooli, jolla on enemmän oikeuksia kuin kirjanpito sille antaa (pääkäyttäjä, "
              "CREATEDB, CREATEROLE, tietokannan omistaja, sinä itse tai omistajaroolin jäsen): valitse toinen nimi",
    },
    "demo.not_the_example": {
        "en": "is not the demo ledger (its first event is not the example's): --reset deletes only the demo",
        "fi": "ei ole esittelykirjanpito (sen ensimmäinen tapahtuma ei ole esimerkin): --reset poistaa vain "
              "esittelykirjanpidon",
    },
    "port.range": {
        "en": "is not a port number (1–65535)",
        "fi": "ei ole porttinumero (1–65535)",
    },
    "serve.sessions": {
        "en": "is not a number of sessions: at least 1",
        "fi": "ei kelpaa istuntojen määräksi: vähintään 1",
    },
    "serve.token": {
        "en": "is not a usable access token: 16–128 letters, digits or . _ ~ -",
        "fi": "ei kelpaa pääsyavaimeksi: 16–128 kirjainta, numeroa tai merkkiä . _ ~ -",
    },
    "output.no_folder": {
        "en": "is in a folder that does not exist",
        "fi": "on kansiossa, jota ei ole olemassa",
    },
    # --- actuals from the accounting system (``kirjuri import FILE --mapping MAP``) ----------
    "mapping.unreadable": {
        "en": "cannot be read as a mapping file: {reason}",
        "fi": "ei ole luettava kohdistustiedosto: {reason}",
    },
    "mapping.key_unknown": {
        "en": "is not a key of a mapping file ({choices})",
        "fi": "ei ole kohdistustiedoston avain ({choices})",
    },
    "mapping.rule_match": {
        "en": "is not a rule: give exactly one of number, numbers, range ('4000-4999') or prefix",
        "fi": "ei ole sääntö: anna täsmälleen yksi näistä: number, numbers, range ('4000-4999') tai prefix",
    },
    "mapping.range": {
        "en": "is not a range of numbers, low first ('4000-4999')",
        "fi": "ei ole numeroväli pienin ensin ('4000-4999')",
    },
    "mapping.overlap": {
        "en": "overlaps {other} ({other_target}): a number would map to two lines",
        "fi": "menee päällekkäin säännön {other} ({other_target}) kanssa: sama numero kohdistuisi kahteen riviin",
    },
    "mapping.double_count": {
        "en": "rolls up into {other} ({ancestor}), also a target: its toteuma would be counted twice",
        "fi": "sisältyy riviin {ancestor} ({other}), joka on myös kohde: sen toteuma laskettaisiin kahdesti",
    },
    "mapping.scale": {
        "en": "is not a positive number to multiply the amounts by (1, 1000, 0.01)",
        "fi": "ei ole positiivinen kerroin summille (1, 1000, 0.01)",
    },
    "mapping.sign": {
        "en": "is not a sign convention: 'as-is' or 'negate'",
        "fi": "ei ole etumerkkisääntö: 'as-is' tai 'negate'",
    },
    "mapping.column_missing": {
        "en": "is not a column of the file (its columns: {columns})",
        "fi": "ei ole tiedoston sarake (sen sarakkeet: {columns})",
    },
    "mapping.column_twice": {
        "en": "is the name of {count} columns of the file: which one is meant cannot be told",
        "fi": "on {count} tiedoston sarakkeen nimi: ei voi tietää, mitä niistä tarkoitetaan",
    },
    "mapping.period": {
        "en": "is not a month (2026/01, 2026-01, 01/2026, 1.2026, 202601, or a date)",
        "fi": "ei ole kuukausi (2026/01, 2026-01, 01/2026, 1.2026, 202601 tai päivämäärä)",
    },
    "mapping.no_year": {
        "en": "is a month without a year: map a year column or set year in the mapping",
        "fi": "on kuukausi ilman vuotta: kohdista vuosisarake tai anna year kohdistustiedostossa",
    },
    "mapping.not_cents": {
        "en": "times the scale {scale} is not whole cents",
        "fi": "kertoimella {scale} ei ole kokonaisia senttejä",
    },
    "actuals.account_unmapped": {
        "en": "matches no rule of the mapping's accounts",
        "fi": "ei osu mihinkään kohdistustiedoston tilisääntöön",
    },
    "actuals.centre_unmapped": {
        "en": "matches no rule of the mapping's cost centres",
        "fi": "ei osu mihinkään kohdistustiedoston kustannuspaikkasääntöön",
    },
    "actuals.nothing_mapped": {
        "en": "maps none of its {count} rows: nothing to record (the rows and why are listed above)",
        "fi": "yksikään sen {count} rivistä ei kohdistu: ei kirjattavaa (rivit ja syyt yllä)",
    },
    "actuals.unit_unknown": {
        "en": "maps to unit {unit}, which the ledger does not have",
        "fi": "kohdistuu yksikköön {unit}, jota kirjanpidossa ei ole",
    },
    # --- backups ---------------------------------------------------------------------------
    "output.exists": {
        "en": "already exists: give another file, or --force to replace it",
        "fi": "on jo olemassa: anna toinen tiedosto tai korvaa se valitsimella --force",
    },
    "output.is_folder": {
        "en": "is a folder: give the file to write",
        "fi": "on kansio: anna kirjoitettava tiedosto",
    },
    "output.is_ledger": {
        "en": "is the ledger itself: write to another file",
        "fi": "on itse kirjanpito: kirjoita toiseen tiedostoon",
    },
    "backup.no_pg_dump": {
        "en": "is not on PATH nor in {where}: install the PostgreSQL client (apt-get install postgresql-client)",
        "fi": "ei löydy PATHista eikä hakemistosta {where}: asenna PostgreSQL-asiakasohjelmat "
              "(apt-get install postgresql-client)",
    },
    # --- an SQLite file that cannot be used (the value is the file) ---------------------------
    "file.not_a_database": {
        "en": "is not a Kirjuri ledger: the file is not an SQLite database ({reason}); check the path (--db, "
              "KIRJURI_DB), or restore the ledger from a backup",
        "fi": "ei ole Kirjurin kirjanpito: tiedosto ei ole SQLite-tietokanta ({reason}); tarkista polku (--db, "
              "KIRJURI_DB) tai palauta kirjanpito varmuuskopiosta",
    },
    "file.another_program": {
        "en": "is another program's SQLite database (tables {tables}), not a Kirjuri ledger: check the path "
              "(--db, KIRJURI_DB); a new ledger goes in a new file",
        "fi": "on toisen ohjelman SQLite-tietokanta (taulut {tables}) eikä Kirjurin kirjanpito: tarkista polku "
              "(--db, KIRJURI_DB); uusi kirjanpito perustetaan uuteen tiedostoon",
    },
    "file.damaged": {
        "en": "is damaged: SQLite cannot read it ({reason}); nothing was written: keep the file for the "
              "investigation and restore the ledger from a backup",
        "fi": "on vioittunut: SQLite ei pysty lukemaan sitä ({reason}); mitään ei kirjattu: säilytä tiedosto "
              "selvitystä varten ja palauta kirjanpito varmuuskopiosta",
    },
    "file.disk_full": {
        "en": "cannot be written: the disk is full ({reason}); nothing was written: free some space and run the "
              "command again",
        "fi": "ei ole kirjoitettavissa: levy on täynnä ({reason}); mitään ei kirjattu: vapauta tilaa ja aja komento "
              "uudelleen",
    },
    "file.read_only": {
        "en": "may not be written ({reason}); nothing was written: Kirjuri needs write permission on the file and "
              "its folder, where SQLite keeps FILE-wal and FILE-shm, also to read",
        "fi": "ei ole kirjoitettavissa ({reason}); mitään ei kirjattu: Kirjuri tarvitsee kirjoitusoikeuden "
              "tiedostoon ja sen kansioon, jossa SQLite pitää tiedostoja TIEDOSTO-wal ja TIEDOSTO-shm, myös lukiessaan",
    },
    "file.cannot_open": {
        "en": "cannot be opened ({reason}): check that its folder exists and that you may read and write the "
              "file and its folder",
        "fi": "ei aukea ({reason}): tarkista, että sen kansio on olemassa ja että sinulla on luku- ja "
              "kirjoitusoikeus tiedostoon ja sen kansioon",
    },
    "file.io": {
        "en": "could not be read or written: the disk failed ({reason}); nothing was written: check the disk and "
              "its free space, then run the command again",
        "fi": "ei ollut luettavissa tai kirjoitettavissa: levy petti ({reason}); mitään ei kirjattu: tarkista "
              "levy ja sen vapaa tila ja aja komento uudelleen",
    },
    "file.busy": {
        "en": "is locked by another program ({reason}); nothing was written: try again when it is done",
        "fi": "on toisen ohjelman lukitsema ({reason}); mitään ei kirjattu: yritä uudelleen, kun se on valmis",
    },
    "db.unreachable": {
        "en": "cannot be reached: {reason}",
        "fi": "ei ole tavoitettavissa: {reason}",
    },
    "db.commit_unconfirmed": {
        "en": "lost the connection while committing: {reason}; the write may be stored: the next write, or a retry "
              "with the same key, finds out and never stores it twice",
        "fi": "yhteys katkesi kesken tallennuksen vahvistuksen: {reason}; muutos voi olla tallentunut: seuraava "
              "kirjaus tai uusi yritys samalla avaimella selvittää sen eikä tallenna sitä kahdesti",
    },
    # --- a damaged log: what is before the first bad row is shown, nothing is written ----------
    "ledger.damaged": {
        "en": "is damaged at #{position} ({finding:why}): nothing is written to it; run `kirjuri verify`, "
              "then `kirjuri recover --to NEW`",
        "fi": "on vioittunut kohdassa #{position} ({finding:why}): siihen ei kirjata mitään; aja `kirjuri verify` "
              "ja sitten `kirjuri recover --to UUSI`",
    },
    "recover.same_ledger": {
        "en": "is the damaged ledger itself: recover into a new ledger, and keep this one as it is",
        "fi": "on itse vioittunut kirjanpito: palauta uuteen kirjanpitoon ja säilytä tämä sellaisenaan",
    },
    "recover.not_empty": {
        "en": "already holds {count} events: recover copies into a new, empty ledger",
        "fi": "sisältää jo {count} tapahtumaa: recover kopioi uuteen, tyhjään kirjanpitoon",
    },
    "ledger.damaged_notice": {
        "en": "is damaged at #{position} ({finding:why}): the figures are as of #{last}, the last good event, "
              "and nothing can be written; run `kirjuri verify`, then `kirjuri recover --to NEW`",
        "fi": "on vioittunut kohdassa #{position} ({finding:why}): luvut ovat viimeisen ehjän tapahtuman #{last} "
              "mukaiset, eikä mitään voi kirjata; aja `kirjuri verify` ja sitten `kirjuri recover --to UUSI`",
    },
}

#: an event's kind as a Finnish clerk names it; English keeps the class name the CLI has always printed
KINDS_FI = vocabulary.by_class(vocabulary.KIND_NOUNS, "fi")

# --- verify findings -----------------------------------------------------------------------------
# What ``kirjuri verify`` found (``ledger.audit.findings.Finding``), and what each check looked at (its
# scope), by the same codes and the same formatter as the refusals above. The English is the text
# the CLI and the reports for the minutes have always printed, word for word.

#: code -> language -> template of a finding or a check's scope; every code has every language
FINDINGS: dict[str, dict[str, str]] = {
    # --- the hash chain --------------------------------------------------------------------
    "chain.skips": {
        "en": "the log skips from #{last} to #{position}",
        "fi": "tapahtuman #{last} jälkeen tulee #{position}: välistä puuttuu tapahtumia",
    },
    "chain.again": {
        "en": "position #{position} comes again",
        "fi": "tapahtumanumero #{position} esiintyy toiseen kertaan",
    },
    "chain.undecodable": {
        "en": "the stored record does not decode: {error}",
        "fi": "tallennettua tietuetta ei voi lukea: {error}",
    },
    "chain.not_bytes": {
        "en": "the stored record is {kind}, not bytes (BLOB)",
        "fi": "tallennettu tietue on {kind} eikä tavuja (BLOB)",
    },
    "chain.misnumbered": {
        "en": "the record says it is #{says} but is stored at #{position}",
        "fi": "tietueen mukaan se on #{says}, mutta se on tallennettu kohtaan #{position}",
    },
    "chain.link": {
        "en": "the record links to {prev:.12}…, the event before it hashes to {head:.12}…",
        "fi": "tietue viittaa edeltäjään {prev:.12}…, mutta edellisen tapahtuman tiiviste on {head:.12}…",
    },
    "chain.edited": {
        "en": "the event's bytes do not hash to the hash stored with them: it was edited",
        "fi": "tapahtuman tavuista laskettu tiiviste ei vastaa tallennettua: tapahtumaa on muokattu",
    },
    "chain.not_canonical": {
        "en": "the event is not stored in its canonical form",
        "fi": "tapahtumaa ei ole tallennettu vakiomuodossaan",
    },
    "chain.topic": {
        "en": "stored under topic {topic!r}, but the event is {tag!r}",
        "fi": "tallennettu tyyppitunnuksella {topic!r}, mutta tapahtuma on {tag!r}",
    },
    "head.unknown": {
        "en": "no stored event has the hash {head}: the history before it was rewritten, or it is another ledger's",
        "fi": "millään tallennetulla tapahtumalla ei ole tiivistettä {head}: historiaa on kirjoitettu uudelleen "
              "ennen sitä, tai tiiviste on toisen kirjanpidon",
    },
    "head.ambiguous": {
        "en": "{count} stored hashes begin with {head}: give more of the head recorded in the minutes",
        "fi": "{count} tallennettua tiivistettä alkaa {head}: anna pöytäkirjaan merkitystä päästä enemmän numeroita",
    },
    # --- reversals, rules and checkpoints --------------------------------------------------
    "reversal.no_target": {
        "en": "reverses {target}, which is not an earlier event",
        "fi": "peruu tapahtuman {target}, joka ei ole aiempi tapahtuma",
    },
    "reversal.again": {
        "en": "reverses #{target}, already reversed by #{by}",
        "fi": "peruu tapahtuman #{target}, jonka tapahtuma #{by} on jo perunut",
    },
    #: the refusal is said in the language (``{refusal:why}``): the template itself is the same in both
    "rules.refused": {
        "en": "{field}: {value!r} {refusal:why}",
        "fi": "{field}: {value!r} {refusal:why}",
    },
    "rules.unfoldable": {
        "en": "the event cannot be folded ({error}): the checks go on without its effect",
        "fi": "tapahtumaa ei voi koota kirjanpidon tilaan ({error}): tarkastus jatkuu ilman sen vaikutusta",
    },
    "checkpoint.differs": {
        "en": "the checkpoint at #{at} differs from the events folded up to it",
        "fi": "välitila kohdassa #{at} ei vastaa siihen asti koottuja tapahtumia",
    },
    "checkpoint.unreadable": {
        "en": "the checkpoint at #{at} cannot be read ({error}): the ledger folds the events instead",
        "fi": "välitilaa kohdassa #{at} ei voi lukea ({error}): kirjanpito kokoaa tilan tapahtumista",
    },
    "checkpoint.digest": {
        "en": "the checkpoint at #{at} is not what its digest says: it was altered after it was written",
        "fi": "välitila kohdassa #{at} ei vastaa sen omaa tiivistettä: sitä on muutettu tallentamisen jälkeen",
    },
    "checkpoint.past_end": {
        "en": "the checkpoint at #{at} is past the last event",
        "fi": "välitila kohdassa #{at} on viimeisen tapahtuman jälkeen",
    },
    # --- rules of authority (``{decision}`` is the citation, "KV 26.5.2025 § 50") ----------
    "authority.body": {
        "en": "{decision}: a {body} may not decide a {kind:rules_kind} (the rules allow: {allowed})",
        "fi": "{decision}: {body} ei saa sääntöjen mukaan päättää {kind:rules_kind} "
              "(säännöt sallivat: {allowed})",
    },
    "authority.no_body": {
        "en": "{decision}: a {body} may not decide a {kind:rules_kind} (the rules allow: no body)",
        "fi": "{decision}: {body} ei saa sääntöjen mukaan päättää {kind:rules_kind}: säännöt eivät anna sitä "
              "kenenkään päätettäväksi",
    },
    "authority.amendment_window": {
        "en": "{decision}: a TA-muutos for {year} decided on {date}, outside 1.1.{year}–{latest}",
        "fi": "{decision}: vuoden {year} TA-muutos päätetty {date}, ajan 1.1.{year}–{latest} ulkopuolella",
    },
    "authority.amendment_late": {
        "en": "{decision}: decided after {by}: valid only as an overrun approved before the tilinpäätös",
        "fi": "{decision}: päätetty {by} jälkeen: pätee vain ennen tilinpäätöstä hyväksyttynä määrärahan "
              "ylityksenä",
    },
    "authority.ta_late": {
        "en": "{decision}: the TA for {year} adopted only on {date}",
        "fi": "{decision}: vuoden {year} TA hyväksytty vasta {date}",
    },
    "authority.across": {
        "en": "moves appropriation between binding units ({moves}) without a valtuusto decision",
        "fi": "siirtää määrärahaa sitovien yksiköiden välillä ({moves}) ilman valtuuston päätöstä",
    },
    "authority.overrun": {
        "en": "{year} {unit} {line}: {column} {actual:eur} overruns TA+muutos {budget:eur} by {over:eur}, "
              "with no council decision covering it",
        "fi": "{year} {unit} {line}: {column} {actual:eur} € ylittää TA+muutoksen {budget:eur} €, ylitys "
              "{over:eur} €, eikä sitä kata valtuuston päätös",
    },
    "authority.forecast_overrun": {
        "en": "{year} {unit} {line}: the forecast, {column} {actual:eur}, overruns TA+muutos {budget:eur} by "
              "{over:eur}, with no council decision covering it",
        "fi": "{year} {unit} {line}: ennuste {column} {actual:eur} € ylittää TA+muutoksen {budget:eur} €, "
              "ylitys {over:eur} €, eikä sitä kata valtuuston päätös",
    },
    # --- issue 18: the checks the write path makes too (``ledger.audit.policy``) ---------------------
    "authority.proposal_body": {
        "en": "is put to a {to_body}, which may not decide a {kind:rules_kind} (the rules allow: {allowed})",
        "fi": "on osoitettu elimelle {to_body}, joka ei saa sääntöjen mukaan päättää {kind:rules_kind} "
              "(säännöt sallivat: {allowed})",
    },
    "authority.confirmed": {
        "en": "{warning:why} (a warning {by} confirmed when writing it)",
        "fi": "{warning:why} (varoitus, jonka {by} vahvisti kirjatessaan)",
    },
    "authority.ks_over": {
        "en": "{year} {unit} {line}: the KS {planned:eur} plans past TA+muutos {budget:eur} by {over:eur}",
        "fi": "{year} {unit} {line}: KS {planned:eur} € ylittää TA+muutoksen {budget:eur} €, ylitys {over:eur} €",
    },
    # --- a budget book against its own lines ----------------------------------------------------
    "book.contradiction": {
        "en": "line {line}: {what}: the book says {stated:eur}, its lines sum to {computed:eur}",
        "fi": "rivi {line}: {what}: kirjaan on painettu {stated:eur}, mutta sen rivien summa on "
              "{computed:eur}",
    },
    "book.contradiction_percent": {
        "en": "line {line}: {what}: the book says {stated:percent}, its lines sum to {computed:percent}",
        "fi": "rivi {line}: {what}: kirjaan on painettu {stated:percent}, mutta sen riveistä laskettuna "
              "{computed:percent}",
    },
    # --- a node's stated (binding) figure against its units' lines ------------------------------
    "binding.contradiction": {
        "en": "{year} {unit} {name}: {line} {column} stated {stated:eur}, its {parts} units sum to {lines:eur}: "
              "a difference of {difference:eur}, a contradiction (parts printed to {precision:eur} € explain at most "
              "{tolerance:eur})",
        "fi": "{year} {unit} {name}: {line} {column} on kirjan mukaan {stated:eur} €, sen {parts} yksikön summa "
              "{lines:eur} €: ero {difference:eur} € on ristiriita ({precision:eur} euron tarkkuudella painetut "
              "osat selittävät enintään {tolerance:eur} €)",
    },
    "binding.rounding": {
        "en": "{year} {unit} {name}: {line} {column} stated {stated:eur}, its {parts} units sum to {lines:eur}: "
              "a difference of {difference:eur}, rounding (parts printed to {precision:eur} € explain up to {tolerance:eur})",
        "fi": "{year} {unit} {name}: {line} {column} on kirjan mukaan {stated:eur} €, sen {parts} yksikön summa "
              "{lines:eur} €: ero {difference:eur} € on pyöristystä ({precision:eur} euron tarkkuudella "
              "painetut osat selittävät enintään {tolerance:eur} €)",
    },
    # --- what each check looked at (``Check.scope``) -----------------------------------------
    **vocabulary.templates(vocabulary.SCOPES, LANGUAGES),
}

#: a kind of change a rules file names (``ledger.audit.authority.KINDS``) as Finnish "päättää …" takes it;
#: English says the key with spaces ("reallocation within")
RULES_KINDS_FI = vocabulary.labels(vocabulary.CHANGE_KINDS, "fi")
