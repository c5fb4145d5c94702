"""The words of every refusal and every finding, in every language (English, Finnish, Swedish): data
only, no code.

``CATALOG`` holds a template per refusal code (``ledger.domain.refusals.Rejected``),
``FINDINGS`` one per finding and per check's scope (``ledger.audit.findings``), and
``KINDS_FI`` and ``RULES_KINDS_FI`` (``KINDS_SV``, ``RULES_KINDS_SV``) the Finnish (Swedish) names the templates' ``{name:kind}`` and
``{name:rules_kind}`` take (those names, and the checks' scopes, are the vocabulary's words,
``ledger.domain.vocabulary``). ``ledger.domain.refusals`` fills them; kept apart so a new
reason or a better Finnish phrase is a change to this table and nothing else.

Templates use ``str.format`` fields; the format specs (``eur``, ``kind``, ``rules_kind``,
``percent``, ``why``) are the formatter's in ``ledger.domain.refusals``. Every code has every
language and the same placeholders in each (tests/test_refusals.py).
"""

from __future__ import annotations

from ledger.domain import vocabulary

LANGUAGES = ("en", "fi", "sv")

_DECISION_EG = "'KV 26.5.2025 § 50'"

#: code -> language -> template; every code has every language (tests/test_refusals.py)
CATALOG: dict[str, dict[str, str]] = {
    # --- any event -------------------------------------------------------------------------
    "id.duplicate": {
        "en": "is already in the ledger",
        "fi": "on jo kirjanpidossa",
        "sv": "finns redan i bokföringen",
    },
    "key.invalid": {
        "en": "is not a usable key: 1–100 letters, digits or . _ : / -, starting with a letter or a digit",
        "fi": "ei kelpaa avaimeksi: 1–100 kirjainta, numeroa tai merkkiä . _ : / -, alussa kirjain tai numero",
        "sv": "duger inte som nyckel: 1–100 bokstäver, siffror eller . _ : / -, först en bokstav eller en siffra",
    },
    "author.empty": {
        "en": "is empty: every change names who made it",
        "fi": "on tyhjä: jokaiseen muutokseen merkitään sen tekijä",
        "sv": "är tomt: varje ändring anger vem som gjort den",
    },
    "text.control": {
        "en": "holds a control character ({char}), which a terminal would obey: write plain text",
        "fi": "sisältää ohjausmerkin ({char}), jota pääte tottelisi: kirjoita pelkkää tekstiä",
        "sv": "innehåller ett styrtecken ({char}) som en terminal skulle lyda: skriv vanlig text",
    },
    "text.not_utf8": {
        "en": "holds bytes that are not UTF-8 text: write it in UTF-8",
        "fi": "sisältää tavuja, jotka eivät ole UTF-8-tekstiä: kirjoita teksti UTF-8-merkistössä",
        "sv": "innehåller byte som inte är UTF-8-text: skriv texten i UTF-8",
    },
    "rule.stop": {
        "en": "is a rule of the ledger that refuses this: {finding:why}",
        "fi": "on kirjanpidon sääntö, joka estää tämän: {finding:why}",
        "sv": "är en regel i bokföringen som förhindrar detta: {finding:why}",
    },
    "rule.warn": {
        "en": "is a warning: {finding:why}; to write it anyway, confirm it (--confirm {rule})",
        "fi": "on varoitus: {finding:why}; kirjaa silti vahvistamalla se (--confirm {rule})",
        "sv": "är en varning: {finding:why}; bokför ändå genom att bekräfta den (--confirm {rule})",
    },
    "note.too_long": {
        "en": "is longer than {limit} characters",
        "fi": "on yli {limit} merkkiä pitkä",
        "sv": "är längre än {limit} tecken",
    },
    "choice.unknown": {
        "en": "is not one of {choices}",
        "fi": "ei ole mikään seuraavista: {choices}",
        "sv": "är inte något av följande: {choices}",
    },
    "choice.either": {
        "en": "is not {first} or {second}",
        "fi": "ei kelpaa: valitse {first} tai {second}",
        "sv": "duger inte: välj {first} eller {second}",
    },
    "value.missing": {
        "en": "is missing",
        "fi": "puuttuu",
        "sv": "saknas",
    },
    # --- decisions -------------------------------------------------------------------------
    "decision.missing": {
        "en": "is missing: {kind:kind} needs one (body, date, §, e.g. " + _DECISION_EG + ")",
        "fi": "puuttuu: {kind:kind} vaatii päätöksen (toimielin, päivämäärä, §, esim. " + _DECISION_EG + ")",
        "sv": "saknas: {kind:kind} kräver ett beslut (organ, datum, §, t.ex. 'KF 26.5.2025 § 50')",
    },
    "decision.section_empty": {
        "en": "is empty: cite the § of the minutes",
        "fi": "on tyhjä: merkitse pöytäkirjan pykälä (§)",
        "sv": "är tomt: ange protokollets paragraf (§)",
    },
    "decision.council_only": {
        "en": "may not adopt or amend the TA: only the valtuusto may (kuntalaki § 110)",
        "fi": "ei voi hyväksyä eikä muuttaa talousarviota: vain valtuusto (KV) voi hyväksyä talousarvion "
              "ja muuttaa sitä (kuntalaki 110 §)",
        "sv": "kan inte godkänna eller ändra budgeten: endast fullmäktige kan godkänna budgeten och ändra den "
              "(kommunallagen 110 §)",
    },
    "decision.invalid": {
        "en": "is not a decision: write body, date and §, e.g. " + _DECISION_EG,
        "fi": "ei ole päätös: kirjoita toimielin, päivämäärä ja §, esim. " + _DECISION_EG,
        "sv": "är inget beslut: skriv organ, datum och §, t.ex. 'KF 26.5.2025 § 50'",
    },
    "decision.unknown_body": {
        "en": "names no known body: {body!r} (KV, KH, LTK, VH or e.g. 'Sivistyslautakunta')",
        "fi": "ei nimeä tunnettua toimielintä: {body!r} (KV, KH, LTK, VH tai esim. 'Sivistyslautakunta')",
        "sv": "anger inget känt organ: {body!r} (KF, KS, SS, nämnd, tjänsteinnehavare, KV, KH eller t.ex. "
              "'Bildningsnämnden')",
    },
    "decision.abbreviation_of_language": {
        "en": "names {body!r}, a body only in a citation in Swedish ({languages}); in Finnish KS is the "
              "käyttösuunnitelma: write KH or kaupunginhallitus, or cite in Swedish (--lang sv)",
        "fi": "nimeää {body!r}, joka on toimielin vain ruotsinkielisessä viittauksessa ({languages}); suomeksi KS on "
              "käyttösuunnitelma: kirjoita KH tai kaupunginhallitus, tai viittaa ruotsiksi (--lang sv)",
        "sv": "anger {body!r}, som är ett organ endast i en hänvisning på svenska ({languages}); på finska är KS "
              "käyttösuunnitelma (dispositionsplan): skriv KH eller kommunstyrelsen, eller hänvisa på svenska "
              "(--lang sv)",
    },
    "decision.yearless": {
        "en": "names no year: {date!r} (give the book's year, or write d.m.yyyy)",
        "fi": "ei kerro vuotta: {date!r} (anna kirjan vuosi tai kirjoita p.k.vvvv)",
        "sv": "anger inget år: {date!r} (ge bokens år eller skriv d.m.åååå)",
    },
    "decision.impossible_date": {
        "en": "not a date: {date!r} (use d.m.yyyy)",
        "fi": "sisältää päivämäärän, jota ei ole: {date!r} (muoto p.k.vvvv)",
        "sv": "innehåller ett datum som inte finns: {date!r} (formen d.m.åååå)",
    },
    "decision.after_recorded": {
        "en": "is after the day the change is recorded ({recorded}): a decision is entered once it is made",
        "fi": "on kirjauspäivän ({recorded}) jälkeen: päätös kirjataan vasta, kun se on tehty",
        "sv": "är efter bokföringsdagen ({recorded}): ett beslut bokförs först när det har fattats",
    },
    "decision.before_year": {
        "en": "is before the year {year}'s TA could be adopted (earliest {earliest})",
        "fi": "on ennen kuin vuoden {year} talousarvion voi hyväksyä (aikaisintaan {earliest})",
        "sv": "är innan budgeten för år {year} kunde godkännas (tidigast {earliest})",
    },
    "decision.before_ledger": {
        "en": "is before the ledger's first year's TA could be adopted (earliest {earliest})",
        "fi": "on ennen kuin kirjanpidon ensimmäisen vuoden talousarvion voi hyväksyä (aikaisintaan {earliest})",
        "sv": "är innan budgeten för bokföringens första år kunde godkännas (tidigast {earliest})",
    },
    # --- units -----------------------------------------------------------------------------
    "unit.unknown": {
        "en": "is not a known unit",
        "fi": "ei ole tunnettu yksikkö",
        "sv": "är ingen känd enhet",
    },
    "unit.unknown_see_units": {
        "en": "is not a known unit (see `kirjuri units`)",
        "fi": "ei ole tunnettu yksikkö (ks. `kirjuri units`)",
        "sv": "är ingen känd enhet (se `kirjuri units`)",
    },
    "unit.empty": {
        "en": "is empty: type a unit's code or a part of its name",
        "fi": "on tyhjä: kirjoita yksikön koodi tai osa sen nimestä",
        "sv": "är tomt: skriv en enhets kod eller en del av dess namn",
    },
    "unit.ambiguous": {
        "en": "matches {count} units: {shown}",
        "fi": "sopii {count} yksikköön: {shown}",
        "sv": "passar {count} enheter: {shown}",
    },
    "unit.registration_reversed": {
        "en": "was registered by a reversed entry",
        "fi": "on perustettu kirjauksella, joka on peruttu",
        "sv": "inrättades genom en annullerad händelse",
    },
    "unit.not_yet": {
        "en": "does not exist yet on {on} (registered from {since})",
        "fi": "ei ole vielä olemassa {on} (toiminnassa {since} alkaen)",
        "sv": "finns ännu inte {on} (inrättad från {since})",
    },
    "unit.closed": {
        "en": "is closed (from {since})",
        "fi": "on lakkautettu ({since} alkaen)",
        "sv": "är nedlagd (från {since})",
    },
    "unit.open_children": {
        "en": "still has open units below it: {children}",
        "fi": "on yhä toiminnassa olevien yksiköiden yläyksikkö: {children}",
        "sv": "har ännu öppna enheter under sig: {children}",
    },
    "unit.no_node": {
        "en": "has no node: give the table's title a node in the profile",
        "fi": "ei vastaa mitään solmua: anna profiilissa taulukon otsikolle solmu",
        "sv": "har ingen nod: ge tabellens rubrik en nod i profilen",
    },
    "code.invalid": {
        "en": "is not a valid unit code",
        "fi": "ei kelpaa yksikön koodiksi",
        "sv": "är ingen giltig enhetskod",
    },
    "code.unaddressable": {
        "en": "is not a code every command can name: no ':' or '/', no '-' first, no space at either end",
        "fi": "ei kelpaa koodiksi, jolla jokainen komento löytää yksikön: ei merkkejä ':' tai '/', ei '-' alussa "
              "eikä välilyöntiä alussa tai lopussa",
        "sv": "är ingen kod som alla kommandon kan ange: inget ':' eller '/', inget '-' först, inget mellanslag i "
              "början eller slutet",
    },
    "code.case_twin": {
        "en": "differs from {other} only in case: a form could not tell the two apart",
        "fi": "eroaa yksiköstä {other} vain kirjainkooltaan: lomake ei erottaisi niitä toisistaan",
        "sv": "skiljer sig från {other} endast i skiftläge: ett formulär kunde inte skilja dem åt",
    },
    "code.taken": {
        "en": "is already registered ({name})",
        "fi": "on jo käytössä ({name})",
        "sv": "är redan inrättad ({name})",
    },
    "name.empty": {
        "en": "is empty",
        "fi": "on tyhjä",
        "sv": "är tomt",
    },
    "name.same": {
        "en": "is already the name of {code}",
        "fi": "on jo yksikön {code} nimi",
        "sv": "är redan namnet på {code}",
    },
    "parent.required": {
        "en": "is required for a {level}",
        "fi": "on pakollinen, kun taso on {level}",
        "sv": "krävs för en {level}",
    },
    "parent.level": {
        "en": "is a {parent_level}: a {level} must sit below a higher level",
        "fi": "on tasolla {parent_level}: yläyksikön on oltava ylemmällä tasolla kuin {level}",
        "sv": "är en {parent_level}: en {level} ska ligga under en högre nivå",
    },
    "parent.not_current": {
        "en": "is not where {unit} is on {on} (it is under {current})",
        "fi": "ei ole yksikön {unit} yläyksikkö {on} (yläyksikkö on {current})",
        "sv": "är inte där {unit} finns {on} (den ligger under {current})",
    },
    "parent.same": {
        "en": "is where {unit} already is",
        "fi": "on jo yksikön {unit} yläyksikkö",
        "sv": "är där {unit} redan finns",
    },
    "parent.cycle": {
        "en": "is {unit} itself or below it: the move would make a cycle",
        "fi": "on {unit} itse tai sen alayksikkö: yksikkö ei voi siirtyä oman itsensä alle",
        "sv": "är {unit} själv eller under den: flytten skulle bilda en cirkel",
    },
    "restated.no_node": {
        "en": "is a year whose organisation has no {code}",
        "fi": "on vuosi, jonka organisaatiossa ei ole yksikköä {code}",
        "sv": "är ett år vars organisation saknar {code}",
    },
    "unit_path.empty_code": {
        "en": "has an empty code",
        "fi": "sisältää tyhjän koodin",
        "sv": "har en tom kod",
    },
    "unit_path.wrong_end": {
        "en": "does not end in the row's unit {unit!r}",
        "fi": "ei pääty rivin yksikköön {unit!r}",
        "sv": "slutar inte med radens enhet {unit!r}",
    },
    # --- years and dates -------------------------------------------------------------------
    "year.range": {
        "en": "is outside {first}–{last}",
        "fi": "ei ole välillä {first}–{last}",
        "sv": "ligger utanför {first}–{last}",
    },
    "year.invalid": {
        "en": "is not a year (e.g. 2026)",
        "fi": "ei ole vuosiluku (esim. 2026)",
        "sv": "är inget år (t.ex. 2026)",
    },
    "year.invalid_in_file": {
        "en": "is not a year",
        "fi": "ei ole vuosiluku",
        "sv": "är inget år",
    },
    "year.no_figures_yet": {
        "en": "cannot be read: the ledger holds no figures yet",
        "fi": "ei ole luettavissa: kirjanpidossa ei ole vielä lukuja",
        "sv": "kan inte läsas: bokföringen har ännu inga siffror",
    },
    "year.no_figures": {
        "en": "has no figures in the ledger (it holds {first}–{last})",
        "fi": "on vuosi, jolta kirjanpidossa ei ole lukuja (kirjanpidossa on vuodet {first}–{last})",
        "sv": "har inga siffror i bokföringen (den har {first}–{last})",
    },
    "date.invalid": {
        "en": "is not a date (use d.m.yyyy, e.g. 26.5.2025)",
        "fi": "ei ole päivämäärä (muoto p.k.vvvv, esim. 26.5.2025)",
        "sv": "är inget datum (använd d.m.åååå, t.ex. 26.5.2025)",
    },
    "date.invalid_in_file": {
        "en": "is not a date (d.m.yyyy or yyyy-mm-dd)",
        "fi": "ei ole päivämäärä (p.k.vvvv tai vvvv-kk-pp)",
        "sv": "är inget datum (d.m.åååå eller åååå-mm-dd)",
    },
    "time.invalid": {
        "en": "is not a time (e.g. 1.9.2025, 1.9.2025 12:30 or 2025-09-01T12:30)",
        "fi": "ei ole ajankohta (esim. 1.9.2025, 1.9.2025 12:30 tai 2025-09-01T12:30)",
        "sv": "är ingen tidpunkt (t.ex. 1.9.2025, 1.9.2025 12:30 eller 2025-09-01T12:30)",
    },
    "time.skipped": {
        "en": "is no time in Finland: the clocks skip from 03:00 to 04:00 that night (times are Finnish time)",
        "fi": "ei ole aika Suomessa: kellot siirtyvät sinä yönä kello 3.00:sta 4.00:aan (ajat ovat Suomen aikaa)",
        "sv": "är ingen tid i Finland: klockorna hoppar den natten från 03.00 till 04.00 (tiderna är finsk tid)",
    },
    "effective.outside_fiscal_year": {
        "en": "is outside the window for {kind:kind} {year} ({first}–{last})",
        "fi": "ei ole talousvuoden {year} sisällä ({first}–{last})",
        "sv": "ligger utanför tiden för {kind:kind} {year} ({first}–{last})",
    },
    "effective.outside_window": {
        "en": "is outside the window for {kind:kind} {year} ({first}–{last})",
        "fi": "ei ole sallittu voimaantulopäivä ({kind:kind} {year}: {first}–{last})",
        "sv": "ligger utanför tiden för {kind:kind} {year} ({first}–{last})",
    },
    "effective.empty": {
        "en": "is empty: type the date, or the decision it follows from",
        "fi": "on tyhjä: kirjoita päivämäärä tai päätös, josta se seuraa",
        "sv": "är tomt: skriv datumet, eller beslutet det följer av",
    },
    "effective.not_period_end": {
        "en": "must be the period's end {end}",
        "fi": "on oltava kauden viimeinen päivä {end}",
        "sv": "ska vara periodens slut {end}",
    },
    "effective.missing_for_column": {
        "en": "is missing: a {column} row needs the date it takes effect",
        "fi": "puuttuu: {column}-rivi tarvitsee voimaantulopäivän",
        "sv": "saknas: en rad {column} behöver datumet den gäller från",
    },
    "period.invalid": {
        "en": "is not a period: write start-end, e.g. 1.1.2025-30.6.2025",
        "fi": "ei ole aikaväli: kirjoita alku-loppu, esim. 1.1.2025-30.6.2025",
        "sv": "är ingen period: skriv början-slut, t.ex. 1.1.2025-30.6.2025",
    },
    "period.after_end": {
        "en": "is after period_end {end}",
        "fi": "on kauden viimeisen päivän {end} jälkeen",
        "sv": "är efter periodens slut {end}",
    },
    "period.outside_fiscal_year": {
        "en": "is outside the fiscal year {year}",
        "fi": "ei ole talousvuoden {year} sisällä",
        "sv": "ligger utanför räkenskapsåret {year}",
    },
    "period.overlap": {
        "en": "overlaps toteuma {start}–{end} already recorded for {unit} {account}",
        "fi": "on päällekkäin jo kirjatun toteuman {start}–{end} kanssa ({unit} {account})",
        "sv": "överlappar utfallet {start}–{end} som redan bokförts för {unit} {account}",
    },
    "period.required": {
        "en": "is required for toteuma (e.g. 1.1.2025-30.6.2025)",
        "fi": "on pakollinen toteumalle (esim. 1.1.2025-30.6.2025)",
        "sv": "krävs för utfall (t.ex. 1.1.2025-30.6.2025)",
    },
    "period.only_toteuma": {
        "en": "is only for TOTEUMA rows",
        "fi": "kuuluu vain TOTEUMA-riveille",
        "sv": "gäller endast rader TOTEUMA (utfall)",
    },
    "period.missing": {
        "en": "is missing: TOTEUMA covers a period",
        "fi": "puuttuu: TOTEUMA koskee aikaväliä",
        "sv": "saknas: TOTEUMA (utfall) gäller en period",
    },
    "period.not_months": {
        "en": "is not MONTH-MONTH/YEAR (e.g. '01-06/2023')",
        "fi": "ei ole muotoa KK-KK/VVVV (esim. '01-06/2023')",
        "sv": "är inte MÅNAD-MÅNAD/ÅR (t.ex. '01-06/2023')",
    },
    "period.no_such_months": {
        "en": "has no such months: write e.g. '01-06/2023'",
        "fi": "sisältää kuukauden, jota ei ole: kirjoita esim. '01-06/2023'",
        "sv": "har inga sådana månader: skriv t.ex. '01-06/2023'",
    },
    "recorded_at.earlier": {
        "en": "is earlier than the event before it",
        "fi": "on aiempi kuin edellisen tapahtuman kirjausaika",
        "sv": "är tidigare än händelsen före den",
    },
    # --- lines, accounts and amounts -------------------------------------------------------
    "line.invalid": {
        "en": "is not UNIT:ACCOUNT=AMOUNT (e.g. '1100:MENOT=-68 900')",
        "fi": "ei ole muotoa YKSIKKÖ:TILI=SUMMA (esim. '1100:MENOT=-68 900')",
        "sv": "är inte ENHET:KONTO=BELOPP (t.ex. '1100:MENOT=-68 900')",
    },
    "cell.invalid": {
        "en": "is not UNIT:ACCOUNT (e.g. '1100:MENOT')",
        "fi": "ei ole muotoa YKSIKKÖ:TILI (esim. '1100:MENOT')",
        "sv": "är inte ENHET:KONTO (t.ex. '1100:MENOT')",
    },
    "move.invalid": {
        "en": "is not FROM_UNIT:ACCOUNT>TO_UNIT:ACCOUNT=AMOUNT (e.g. '1100:MENOT>1200:MENOT=5 000')",
        "fi": "ei ole muotoa YKSIKKÖ:TILI>YKSIKKÖ:TILI=SUMMA (esim. '1100:MENOT>1200:MENOT=5 000')",
        "sv": "är inte FRÅN_ENHET:KONTO>TILL_ENHET:KONTO=BELOPP (t.ex. '1100:MENOT>1200:MENOT=5 000')",
    },
    "option.repeated": {
        "en": "is given more than once: {option} takes one value; for more moves use --move as many times as needed",
        "fi": "on annettu useammin kuin kerran: {option} ottaa yhden arvon; useammat siirrot --move-valitsimella",
        "sv": "ges fler än en gång: {option} tar ett värde; för flera överföringar använd --move så många gånger "
              "som behövs",
    },
    "lines.empty": {
        "en": "are empty: nothing to record",
        "fi": "ei sisällä yhtään riviä: ei mitään kirjattavaa",
        "sv": "är tomma: inget att bokföra",
    },
    "account.unknown": {
        "en": "is not an account (see `kirjuri accounts`)",
        "fi": "ei ole tilikartan tili (ks. `kirjuri accounts`)",
        "sv": "är inget konto (se `kirjuri accounts`)",
    },
    "account.outside_chart": {
        "en": "is held by the ledger but is not in the chart in use (accounts outside it: {count}): give the"
              " municipality's chart file (--chart FILE or $KIRJURI_CHART) to write",
        "fi": "on kirjanpidossa mutta ei käytössä olevassa tilikartassa (tilejä sen ulkopuolella: {count}): anna"
              " kunnan tilikarttatiedosto (--chart TIEDOSTO tai $KIRJURI_CHART) kirjataksesi",
        "sv": "finns i bokföringen men inte i kontoplanen i bruk (konton utanför den: {count}): ge kommunens "
              "kontoplansfil (--chart FIL eller $KIRJURI_CHART) för att bokföra",
    },
    "account.twice": {
        "en": "appears twice for unit {unit}",
        "fi": "on kahdesti yksikön {unit} riveillä",
        "sv": "förekommer två gånger för enheten {unit}",
    },
    "account.with_its_part": {
        "en": "would be counted twice: {other} of unit {unit} is on the same entry",
        "fi": "laskettaisiin kahteen kertaan: samassa kirjauksessa on myös yksikön {unit} {other}",
        "sv": "skulle räknas två gånger: {other} för enheten {unit} finns i samma händelse",
    },
    "account.ta_exists": {
        "en": "already has TA {year} for unit {unit}: amend it or reverse that entry",
        "fi": "on jo yksikön {unit} talousarviossa (TA {year}): tee TA-muutos tai peru aiempi kirjaus",
        "sv": "har redan budget (TA) {year} för enheten {unit}: ändra den eller annullera den händelsen",
    },
    "account.double_count": {
        "en": "would be counted twice: unit {unit} has {column} {year} on {account}",
        "fi": "laskettaisiin kahteen kertaan: yksiköllä {unit} on jo {column} {year} tilillä {account}",
        "sv": "skulle räknas två gånger: enheten {unit} har {column} {year} på {account}",
    },
    "amount.zero": {
        "en": "changes nothing",
        "fi": "ei muuta mitään",
        "sv": "ändrar ingenting",
    },
    "amount.invalid": {
        "en": "is not a Finnish amount (e.g. '-6 837 670' or '1 204 150,50')",
        "fi": "ei ole kelvollinen euromäärä (esim. '-6 837 670' tai '1 204 150,50')",
        "sv": "är inget belopp skrivet på finskt sätt (t.ex. '-6 837 670' eller '1 204 150,50')",
    },
    "amount.limit": {
        "en": "is past the limit: an amount is at most ±{limit:eur} €",
        "fi": "ylittää rajan: summa voi olla enintään ±{limit:eur} €",
        "sv": "överskrider gränsen: ett belopp är högst ±{limit:eur} €",
    },
    "value.out_of_bounds": {
        "en": "is outside {low}…{high}: the ledger cannot hold it",
        "fi": "ei ole välillä {low}…{high}: kirjanpito ei voi tallentaa sitä",
        "sv": "ligger utanför {low}…{high}: bokföringen kan inte hålla det",
    },
    "recorded_at.no_zone": {
        "en": "has no time zone: a recorded time carries one (e.g. 2025-01-02T08:00:00Z)",
        "fi": "on ilman aikavyöhykettä: kirjausajassa on aina aikavyöhyke (esim. 2025-01-02T08:00:00Z)",
        "sv": "har ingen tidszon: en bokförd tidpunkt har en (t.ex. 2025-01-02T08:00:00Z)",
    },
    "amount.invalid_in_file": {
        "en": "is not an amount",
        "fi": "ei ole euromäärä",
        "sv": "är inget belopp",
    },
    "amount.not_cents": {
        "en": "is not an amount in euros and cents",
        "fi": "ei ole euromäärä senttien tarkkuudella",
        "sv": "är inget belopp i euro och cent",
    },
    "amount.not_positive": {
        "en": "must be positive: the appropriation moved from the source to the target",
        "fi": "ei kelpaa: siirrettävän määrärahan on oltava positiivinen (se siirtyy lähteestä kohteeseen)",
        "sv": "ska vara positivt: anslaget överförs från källan till målet",
    },
    "amount.move_not_positive": {
        "en": "must be a positive sum of appropriation to move",
        "fi": "ei ole positiivinen: siirrettävän määrärahan on oltava suurempi kuin nolla",
        "sv": "ska vara ett positivt anslagsbelopp att överföra",
    },
    "cells.too_many": {
        "en": "is past the {count} columns of the header (an unquoted ',' in an amount?)",
        "fi": "on otsikkorivin {count} sarakkeen jälkeen (summassa ',' ilman lainausmerkkejä?)",
        "sv": "går utöver rubrikradens {count} kolumner (ett ',' utan citattecken i ett belopp?)",
    },
    # --- reallocations ---------------------------------------------------------------------
    "moves.empty": {
        "en": "are empty: nothing to reallocate",
        "fi": "ei sisällä yhtään siirtoa: ei mitään siirrettävää",
        "sv": "är tomma: inget att överföra",
    },
    "moves.unbalanced": {
        "en": "the rows add up to {balance:eur}, not 0: what one row takes another must give",
        "fi": "rivien summa on {balance:eur} eikä 0: minkä yksi rivi ottaa, sen toisen on annettava",
        "sv": "raderna summerar till {balance:eur}, inte 0: det som en rad tar måste en annan ge",
    },
    "move.same_cell": {
        "en": "is the source itself: nothing moves",
        "fi": "on sama kuin lähde: mitään ei siirry",
        "sv": "är källan själv: inget överförs",
    },
    "move.other_side": {
        "en": "is on the other side of {source}: a reallocation moves MENOT to MENOT or TULOT to TULOT",
        "fi": "on eri puolella kuin {source}: määrärahasiirto siirtää MENOT-tililtä MENOT-tilille "
              "tai TULOT-tililtä TULOT-tilille",
        "sv": "är på andra sidan än {source}: en anslagsöverföring flyttar MENOT till MENOT eller TULOT till TULOT",
    },
    "move.nothing": {
        "en": "moves nothing",
        "fi": "ei siirrä mitään",
        "sv": "överför ingenting",
    },
    "move.below_toteuma": {
        "en": "would leave {unit} {account} at {after:eur}, below its toteuma {toteuma:eur}",
        "fi": "jättäisi yksikön {unit} tilin {account} määrärahaksi {after:eur} €, mikä alittaa sen toteuman "
              "{toteuma:eur} €",
        "sv": "skulle lämna {unit} {account} på {after:eur}, under dess utfall {toteuma:eur}",
    },
    # --- reversals and event references ----------------------------------------------------
    "reason.empty": {
        "en": "is empty: say why the entry is reversed",
        "fi": "on tyhjä: kerro, miksi kirjaus perutaan",
        "sv": "är tomt: säg varför händelsen annulleras",
    },
    "event.unknown": {
        "en": "is not an event in this ledger",
        "fi": "ei ole tämän kirjanpidon tapahtuma",
        "sv": "är ingen händelse i den här bokföringen",
    },
    "event.out_of_range": {
        "en": "is not in the ledger (it has #1–#{last})",
        "fi": "ei ole kirjanpidossa (siinä on tapahtumat #1–#{last})",
        "sv": "finns inte i bokföringen (den har #1–#{last})",
    },
    "event.ambiguous": {
        "en": "matches {count} events: give more of the id",
        "fi": "sopii {count} tapahtumaan: anna tunnisteesta pidempi osa",
        "sv": "passar {count} händelser: ge mer av identifieraren",
    },
    "event.already_reversed": {
        "en": "is already reversed (by event #{by})",
        "fi": "on jo peruttu (tapahtumalla #{by})",
        "sv": "är redan annullerad (genom händelse #{by})",
    },
    "event.is_reversal": {
        "en": "is itself a reversal: record the entry again instead",
        "fi": "on itse peruutus: kirjaa alkuperäinen kirjaus uudelleen",
        "sv": "är själv en annullering: bokför händelsen på nytt i stället",
    },
    "event.enacts_proposal": {
        "en": "puts into effect the approval #{decision}: reverse that decision instead, which undoes both",
        "fi": "toteuttaa hyväksymispäätöksen #{decision}: peru se päätös, niin molemmat perutaan",
        "sv": "verkställer godkännandet #{decision}: annullera det beslutet i stället, vilket upphäver båda",
    },
    # --- proposals (esitys -> päätös) -------------------------------------------------------
    "proposal.lines_or_moves": {
        "en": "has {lines} lines and {moves} moves: a proposal is a TA-muutos (lines) or a reallocation (moves)",
        "fi": "on {lines} riviä ja {moves} siirtoa: esitys on joko TA-muutos (rivit) tai määrärahasiirto (siirrot)",
        "sv": "har {lines} rader och {moves} överföringar: ett förslag är en budgetändring (rader) eller en "
              "anslagsöverföring (överföringar)",
    },
    "proposal.unknown": {
        "en": "is not a proposal in the ledger",
        "fi": "ei ole kirjanpidossa oleva esitys",
        "sv": "är inget förslag i bokföringen",
    },
    "proposal.withdrawn": {
        "en": "was reversed: there is nothing to decide",
        "fi": "on peruttu: päätettävää ei ole",
        "sv": "har annullerats: det finns inget att besluta",
    },
    "proposal.decided": {
        "en": "is already decided (event #{decision}); reverse that decision first",
        "fi": "on jo päätetty (tapahtuma #{decision}); peru ensin se päätös",
        "sv": "är redan avgjort (händelse #{decision}); annullera först det beslutet",
    },
    "proposal.other_body": {
        "en": "did not receive this proposal: it was put to the {to_body}",
        "fi": "ei saanut tätä esitystä: se tehtiin toimielimelle {to_body}",
        "sv": "har inte fått detta förslag: det lades fram för {to_body}",
    },
    "proposal.rejected_enacts": {
        "en": "is given, but a rejected proposal enacts nothing",
        "fi": "on annettu, mutta hylätty esitys ei toteuta mitään",
        "sv": "är angivet, men ett förkastat förslag verkställer ingenting",
    },
    "proposal.enacted_missing": {
        "en": "is not the change written just before the approval",
        "fi": "ei ole juuri ennen hyväksymistä kirjattu muutos",
        "sv": "är inte ändringen som skrevs strax före godkännandet",
    },
    "proposal.enacted_kind": {
        "en": "is not a {kind:kind}, which the proposal asks for",
        "fi": "ei ole esityksen mukainen {kind:kind}",
        "sv": "är ingen {kind:kind}, som förslaget gäller",
    },
    "proposal.enacted_differs": {
        "en": "differs from the proposal: the same year, lines and decision are enacted, or a new proposal is made",
        "fi": "poikkeaa esityksestä: toteutetaan sama vuosi, rivit ja päätös, tai tehdään uusi esitys",
        "sv": "skiljer sig från förslaget: samma år, rader och beslut verkställs, eller så görs ett nytt förslag",
    },
    "event.unit_in_use": {
        "en": "registered {code}, which has entries or units of its own: reverse those first",
        "fi": "perusti yksikön {code}, jolla on omia kirjauksia tai alayksiköitä: peru ne ensin",
        "sv": "inrättade {code}, som har egna händelser eller enheter: annullera dem först",
    },
    "ledger.read_only": {
        "en": "is opened read-only: nothing is written",
        "fi": "on avattu vain luettavaksi: mitään ei kirjata",
        "sv": "är öppnad endast för läsning: inget bokförs",
    },
    "event.conflict": {
        "en": "the ledger kept changing under other writers: nothing was written, try again",
        "fi": "kirjanpitoa muutettiin samaan aikaan muualta: mitään ei kirjattu, yritä uudelleen",
        "sv": "bokföringen ändrades hela tiden av andra skribenter: inget bokfördes, försök igen",
    },
    "figures.changed": {
        "en": "changed after #{since}: {written} touched it since; nothing was written, "
              "re-read the figures (now #{head}) and try again",
        "fi": "on muuttunut tapahtuman #{since} jälkeen: sitä ovat sittemmin muuttaneet {written}; "
              "mitään ei kirjattu, lue luvut uudelleen (nyt #{head}) ja yritä uudelleen",
        "sv": "har ändrats efter #{since}: {written} har ändrat den sedan dess; inget bokfördes, läs siffrorna på "
              "nytt (nu #{head}) och försök igen",
    },
    "based_on.invalid": {
        "en": "is not a position in the ledger: write e.g. 161 or '#161' (see `kirjuri head`)",
        "fi": "ei ole kirjanpidon tapahtuman numero: kirjoita esim. 161 tai '#161' (ks. `kirjuri head`)",
        "sv": "är ingen position i bokföringen: skriv t.ex. 161 eller '#161' (se `kirjuri head`)",
    },
    "based_on.out_of_range": {
        "en": "is not a position in the ledger: the last event is #{last}",
        "fi": "ei ole kirjanpidon tapahtuma: viimeisin on #{last}",
        "sv": "är ingen position i bokföringen: den sista händelsen är #{last}",
    },
    "head.too_short": {
        "en": "has {given} hex digits: give at least {digits} of the head (or all 64), as `kirjuri head` prints it",
        "fi": "sisältää {given} heksanumeroa: anna päästä vähintään {digits} ensimmäistä (tai kaikki 64), "
              "kuten `kirjuri head` sen tulostaa",
        "sv": "har {given} hexadecimala siffror: ge minst {digits} av huvudet (eller alla 64), så som `kirjuri "
              "head` skriver ut det",
    },
    "head.invalid": {
        "en": "is not a head: give its hex digits (at least the first {digits}, or all 64), as `kirjuri head` "
              "prints it",
        "fi": "ei ole pää: anna sen heksanumerot (vähintään {digits} ensimmäistä tai kaikki 64), kuten "
              "`kirjuri head` sen tulostaa",
        "sv": "är inget huvud: ge dess hexadecimala siffror (minst de {digits} första, eller alla 64), så som "
              "`kirjuri head` skriver ut det",
    },
    # --- reports ---------------------------------------------------------------------------
    "columns.none": {
        "en": "names no column: write e.g. 'TA 2026, KS 2026'",
        "fi": "ei nimeä yhtään saraketta: kirjoita esim. 'TA 2026, KS 2026'",
        "sv": "anger ingen kolumn: skriv t.ex. 'TA 2026, KS 2026'",
    },
    "columns.not_column_and_year": {
        "en": "is not a column and a year (e.g. 'TA 2026')",
        "fi": "ei ole sarake ja vuosi (esim. 'TA 2026')",
        "sv": "är inte en kolumn och ett år (t.ex. 'TA 2026')",
    },
    "columns.unknown": {
        "en": "names no column: use one of {choices}",
        "fi": "ei ole sarake: käytä jotakin näistä: {choices}",
        "sv": "anger ingen kolumn: använd någon av {choices}",
    },
    "output.report_suffix": {
        "en": "must end in .csv, .xlsx or .md",
        "fi": "ei ole .csv-, .xlsx- tai .md-tiedosto",
        "sv": "ska sluta på .csv, .xlsx eller .md",
    },
    "output.verify_suffix": {
        "en": "must end in .md, .json or .xlsx",
        "fi": "ei ole .md-, .json- tai .xlsx-tiedosto",
        "sv": "ska sluta på .md, .json eller .xlsx",
    },
    "output.figures_suffix": {
        "en": "must end in .csv or .xlsx",
        "fi": "ei ole .csv- tai .xlsx-tiedosto",
        "sv": "ska sluta på .csv eller .xlsx",
    },
    "output.is_file": {
        "en": "is a file: give a folder, or a .json path for the descriptor",
        "fi": "on tiedosto: anna kansio tai kuvaustiedoston .json-polku",
        "sv": "är en fil: ge en mapp, eller en .json-sökväg för beskrivningen",
    },
    "rules.unreadable": {
        "en": "cannot be read as a rules file: {reason}",
        "fi": "ei ole luettava sääntötiedosto: {reason}",
        "sv": "kan inte läsas som regelfil: {reason}",
    },
    "rules.day": {
        "en": "is not a day of the year (e.g. '31.12.')",
        "fi": "ei ole vuoden päivä (esim. '31.12.')",
        "sv": "är ingen dag på året (t.ex. '31.12.')",
    },
    "book.sign_unknown": {
        "en": "does not show whether it prints expenses positive or negative: its blocks disagree or add up either way",
        "fi": "ei osoita, tulostaako se menot positiivisina vai negatiivisina: sen lohkot ovat ristiriidassa "
              "tai täsmäävät kummin päin tahansa",
        "sv": "visar inte om den skriver utgifter positiva eller negativa: dess block är oense eller går ihop på "
              "båda sätten",
    },
    "book.year_unknown": {
        "en": "does not name its one year (found {years}): give it with --year",
        "fi": "ei kerro yhtä vuottaan (löytyi {years}): anna se valitsimella --year",
        "sv": "anger inte sitt enda år (hittade {years}): ge det med --year",
    },
    "book.nothing_read": {
        "en": "has {lines} lines with figures and not one of them is read as a figure to record: nothing written"
              " (the lines are said above; --list FILE writes each)",
        "fi": "sisältää {lines} riviä lukuja, eikä yhtäkään niistä luettu kirjattavaksi luvuksi: mitään ei kirjoitettu"
              " (rivit on kerrottu yllä; --list TIEDOSTO kirjoittaa jokaisen)",
        "sv": "har {lines} rader med siffror och inte en enda av dem läses som en siffra att bokföra: inget "
              "bokfördes (raderna anges ovan; --list FIL skriver ut var och en)",
    },
    "file.missing": {
        "en": "does not exist",
        "fi": "ei ole olemassa",
        "sv": "finns inte",
    },
    "db.not_empty": {
        "en": "already holds {count} events: restore needs an empty ledger",
        "fi": "sisältää jo {count} tapahtumaa: palautus vaatii tyhjän kirjanpidon",
        "sv": "har redan {count} händelser: återställning kräver en tom bokföring",
    },
    "db.init_postgres_only": {
        "en": "is not a PostgreSQL database: db init is for PostgreSQL (--url postgresql://superuser@host/db)",
        "fi": "ei ole PostgreSQL-tietokanta: db init on PostgreSQL:ää varten (--url postgresql://pääkäyttäjä@palvelin/kanta)",
        "sv": "är ingen PostgreSQL-databas: db init är för PostgreSQL (--url postgresql://superuser@host/db)",
    },
    "db.role_name": {
        "en": "is not a usable role name: 1–63 lowercase letters, digits or _, not starting with a digit or pg_",
        "fi": "ei kelpaa roolin nimeksi: 1–63 pientä kirjainta, numeroa tai _, alussa ei numeroa eikä pg_",
        "sv": "duger inte som rollnamn: 1–63 små bokstäver, siffror eller _, inte en siffra eller pg_ först",
    },
    "db.role_twice": {
        "en": "is also the {other} role: every role needs a name of its own",
        "fi": "on myös roolin {other} nimi: jokainen rooli tarvitsee oman nimensä",
        "sv": "är också rollen {other}: varje roll behöver ett eget namn",
    },
    "db.role_privileged": {
        "en": "is an existing role with more rights than the ledger gives it (superuser, CREATEDB, CREATEROLE, "
              "the database's owner, you, or a member of the owner role): choose another name",
        "fi": "on olemassa oleva rooli, jolla on enemmän oikeuksia kuin kirjanpito sille antaa (pääkäyttäjä, "
              "CREATEDB, CREATEROLE, tietokannan omistaja, sinä itse tai omistajaroolin jäsen): valitse toinen nimi",
        "sv": "är en befintlig roll med fler rättigheter än bokföringen ger den (superuser, CREATEDB, CREATEROLE, "
              "databasens ägare, du själv eller en medlem av ägarrollen): välj ett annat namn",
    },
    "demo.not_the_example": {
        "en": "is not the demo ledger (its first event is not the example's): --reset deletes only the demo",
        "fi": "ei ole esittelykirjanpito (sen ensimmäinen tapahtuma ei ole esimerkin): --reset poistaa vain "
              "esittelykirjanpidon",
        "sv": "är inte demobokföringen (dess första händelse är inte exemplets): --reset raderar endast demon",
    },
    "port.range": {
        "en": "is not a port number (1–65535)",
        "fi": "ei ole porttinumero (1–65535)",
        "sv": "är inget portnummer (1–65535)",
    },
    "serve.sessions": {
        "en": "is not a number of sessions: at least 1",
        "fi": "ei kelpaa istuntojen määräksi: vähintään 1",
        "sv": "är inget antal sessioner: minst 1",
    },
    "serve.token": {
        "en": "is not a usable access token: 16–128 letters, digits or . _ ~ -",
        "fi": "ei kelpaa pääsyavaimeksi: 16–128 kirjainta, numeroa tai merkkiä . _ ~ -",
        "sv": "duger inte som åtkomstnyckel: 16–128 bokstäver, siffror eller . _ ~ -",
    },
    "output.no_folder": {
        "en": "is in a folder that does not exist",
        "fi": "on kansiossa, jota ei ole olemassa",
        "sv": "ligger i en mapp som inte finns",
    },
    # --- actuals from the accounting system (``kirjuri import FILE --mapping MAP``) ----------
    "mapping.unreadable": {
        "en": "cannot be read as a mapping file: {reason}",
        "fi": "ei ole luettava kohdistustiedosto: {reason}",
        "sv": "kan inte läsas som mappningsfil: {reason}",
    },
    "mapping.key_unknown": {
        "en": "is not a key of a mapping file ({choices})",
        "fi": "ei ole kohdistustiedoston avain ({choices})",
        "sv": "är ingen nyckel i en mappningsfil ({choices})",
    },
    "mapping.rule_match": {
        "en": "is not a rule: give exactly one of number, numbers, range ('4000-4999') or prefix",
        "fi": "ei ole sääntö: anna täsmälleen yksi näistä: number, numbers, range ('4000-4999') tai prefix",
        "sv": "är ingen regel: ge exakt en av number, numbers, range ('4000-4999') eller prefix",
    },
    "mapping.range": {
        "en": "is not a range of numbers, low first ('4000-4999')",
        "fi": "ei ole numeroväli pienin ensin ('4000-4999')",
        "sv": "är inget nummerintervall med det minsta först ('4000-4999')",
    },
    "mapping.overlap": {
        "en": "overlaps {other} ({other_target}): a number would map to two lines",
        "fi": "menee päällekkäin säännön {other} ({other_target}) kanssa: sama numero kohdistuisi kahteen riviin",
        "sv": "överlappar {other} ({other_target}): ett nummer skulle gå till två rader",
    },
    "mapping.double_count": {
        "en": "rolls up into {other} ({ancestor}), also a target: its toteuma would be counted twice",
        "fi": "sisältyy riviin {ancestor} ({other}), joka on myös kohde: sen toteuma laskettaisiin kahdesti",
        "sv": "ingår i {other} ({ancestor}), som också är ett mål: dess utfall skulle räknas två gånger",
    },
    "mapping.scale": {
        "en": "is not a positive number to multiply the amounts by (1, 1000, 0.01)",
        "fi": "ei ole positiivinen kerroin summille (1, 1000, 0.01)",
        "sv": "är ingen positiv koefficient för beloppen (1, 1000, 0.01)",
    },
    "mapping.sign": {
        "en": "is not a sign convention: 'as-is' or 'negate'",
        "fi": "ei ole etumerkkisääntö: 'as-is' tai 'negate'",
        "sv": "är ingen teckenregel: 'as-is' eller 'negate'",
    },
    "mapping.column_missing": {
        "en": "is not a column of the file (its columns: {columns})",
        "fi": "ei ole tiedoston sarake (sen sarakkeet: {columns})",
        "sv": "är ingen kolumn i filen (dess kolumner: {columns})",
    },
    "mapping.column_twice": {
        "en": "is the name of {count} columns of the file: which one is meant cannot be told",
        "fi": "on {count} tiedoston sarakkeen nimi: ei voi tietää, mitä niistä tarkoitetaan",
        "sv": "är namnet på {count} kolumner i filen: vilken som avses kan inte avgöras",
    },
    "mapping.period": {
        "en": "is not a month (2026/01, 2026-01, 01/2026, 1.2026, 202601, or a date)",
        "fi": "ei ole kuukausi (2026/01, 2026-01, 01/2026, 1.2026, 202601 tai päivämäärä)",
        "sv": "är ingen månad (2026/01, 2026-01, 01/2026, 1.2026, 202601 eller ett datum)",
    },
    "mapping.no_year": {
        "en": "is a month without a year: map a year column or set year in the mapping",
        "fi": "on kuukausi ilman vuotta: kohdista vuosisarake tai anna year kohdistustiedostossa",
        "sv": "är en månad utan år: mappa en årskolumn eller ange year i mappningsfilen",
    },
    "mapping.not_cents": {
        "en": "times the scale {scale} is not whole cents",
        "fi": "kertoimella {scale} ei ole kokonaisia senttejä",
        "sv": "med koefficienten {scale} blir inte hela cent",
    },
    "actuals.account_unmapped": {
        "en": "matches no rule of the mapping's accounts",
        "fi": "ei osu mihinkään kohdistustiedoston tilisääntöön",
        "sv": "passar ingen av mappningsfilens kontoregler",
    },
    "actuals.centre_unmapped": {
        "en": "matches no rule of the mapping's cost centres",
        "fi": "ei osu mihinkään kohdistustiedoston kustannuspaikkasääntöön",
        "sv": "passar ingen av mappningsfilens kostnadsställeregler",
    },
    "actuals.nothing_mapped": {
        "en": "maps none of its {count} rows: nothing to record (the rows and why are listed above)",
        "fi": "yksikään sen {count} rivistä ei kohdistu: ei kirjattavaa (rivit ja syyt yllä)",
        "sv": "ingen av dess {count} rader mappas: inget att bokföra (raderna och orsakerna anges ovan)",
    },
    "actuals.unit_unknown": {
        "en": "maps to unit {unit}, which the ledger does not have",
        "fi": "kohdistuu yksikköön {unit}, jota kirjanpidossa ei ole",
        "sv": "mappas till enheten {unit}, som bokföringen saknar",
    },
    # --- backups ---------------------------------------------------------------------------
    "output.exists": {
        "en": "already exists: give another file, or --force to replace it",
        "fi": "on jo olemassa: anna toinen tiedosto tai korvaa se valitsimella --force",
        "sv": "finns redan: ge en annan fil eller ersätt den med --force",
    },
    "output.is_folder": {
        "en": "is a folder: give the file to write",
        "fi": "on kansio: anna kirjoitettava tiedosto",
        "sv": "är en mapp: ge filen som ska skrivas",
    },
    "output.is_ledger": {
        "en": "is the ledger itself: write to another file",
        "fi": "on itse kirjanpito: kirjoita toiseen tiedostoon",
        "sv": "är själva bokföringen: skriv till en annan fil",
    },
    "backup.no_pg_dump": {
        "en": "is not on PATH nor in {where}: install the PostgreSQL client (apt-get install postgresql-client)",
        "fi": "ei löydy PATHista eikä hakemistosta {where}: asenna PostgreSQL-asiakasohjelmat "
              "(apt-get install postgresql-client)",
        "sv": "finns inte i PATH eller i {where}: installera PostgreSQL-klienten (apt-get install "
              "postgresql-client)",
    },
    # --- an SQLite file that cannot be used (the value is the file) ---------------------------
    "file.not_a_database": {
        "en": "is not a Kirjuri ledger: the file is not an SQLite database ({reason}); check the path (--db, "
              "KIRJURI_DB), or restore the ledger from a backup",
        "fi": "ei ole Kirjurin kirjanpito: tiedosto ei ole SQLite-tietokanta ({reason}); tarkista polku (--db, "
              "KIRJURI_DB) tai palauta kirjanpito varmuuskopiosta",
        "sv": "är ingen Kirjuri-bokföring: filen är ingen SQLite-databas ({reason}); kontrollera sökvägen (--db, "
              "KIRJURI_DB) eller återställ bokföringen från en säkerhetskopia",
    },
    "file.another_program": {
        "en": "is another program's SQLite database (tables {tables}), not a Kirjuri ledger: check the path "
              "(--db, KIRJURI_DB); a new ledger goes in a new file",
        "fi": "on toisen ohjelman SQLite-tietokanta (taulut {tables}) eikä Kirjurin kirjanpito: tarkista polku "
              "(--db, KIRJURI_DB); uusi kirjanpito perustetaan uuteen tiedostoon",
        "sv": "är ett annat programs SQLite-databas (tabeller {tables}) och ingen Kirjuri-bokföring: kontrollera "
              "sökvägen (--db, KIRJURI_DB); en ny bokföring skapas i en ny fil",
    },
    "file.damaged": {
        "en": "is damaged: SQLite cannot read it ({reason}); nothing was written: keep the file for the "
              "investigation and restore the ledger from a backup",
        "fi": "on vioittunut: SQLite ei pysty lukemaan sitä ({reason}); mitään ei kirjattu: säilytä tiedosto "
              "selvitystä varten ja palauta kirjanpito varmuuskopiosta",
        "sv": "är skadad: SQLite kan inte läsa den ({reason}); inget bokfördes: spara filen för utredningen och "
              "återställ bokföringen från en säkerhetskopia",
    },
    "file.disk_full": {
        "en": "cannot be written: the disk is full ({reason}); nothing was written: free some space and run the "
              "command again",
        "fi": "ei ole kirjoitettavissa: levy on täynnä ({reason}); mitään ei kirjattu: vapauta tilaa ja aja komento "
              "uudelleen",
        "sv": "kan inte skrivas: disken är full ({reason}); inget bokfördes: frigör utrymme och kör kommandot igen",
    },
    "file.read_only": {
        "en": "may not be written ({reason}); nothing was written: Kirjuri needs write permission on the file and "
              "its folder, where SQLite keeps FILE-wal and FILE-shm, also to read",
        "fi": "ei ole kirjoitettavissa ({reason}); mitään ei kirjattu: Kirjuri tarvitsee kirjoitusoikeuden "
              "tiedostoon ja sen kansioon, jossa SQLite pitää tiedostoja TIEDOSTO-wal ja TIEDOSTO-shm, myös lukiessaan",
        "sv": "får inte skrivas ({reason}); inget bokfördes: Kirjuri behöver skrivrätt till filen och dess mapp, "
              "där SQLite håller FIL-wal och FIL-shm, även för att läsa",
    },
    "file.cannot_open": {
        "en": "cannot be opened ({reason}): check that its folder exists and that you may read and write the "
              "file and its folder",
        "fi": "ei aukea ({reason}): tarkista, että sen kansio on olemassa ja että sinulla on luku- ja "
              "kirjoitusoikeus tiedostoon ja sen kansioon",
        "sv": "kan inte öppnas ({reason}): kontrollera att mappen finns och att du får läsa och skriva filen och "
              "mappen",
    },
    "file.io": {
        "en": "could not be read or written: the disk failed ({reason}); nothing was written: check the disk and "
              "its free space, then run the command again",
        "fi": "ei ollut luettavissa tai kirjoitettavissa: levy petti ({reason}); mitään ei kirjattu: tarkista "
              "levy ja sen vapaa tila ja aja komento uudelleen",
        "sv": "kunde inte läsas eller skrivas: disken svek ({reason}); inget bokfördes: kontrollera disken och "
              "dess lediga utrymme och kör sedan kommandot igen",
    },
    "file.busy": {
        "en": "is locked by another program ({reason}); nothing was written: try again when it is done",
        "fi": "on toisen ohjelman lukitsema ({reason}); mitään ei kirjattu: yritä uudelleen, kun se on valmis",
        "sv": "är låst av ett annat program ({reason}); inget bokfördes: försök igen när det är klart",
    },
    "db.unreachable": {
        "en": "cannot be reached: {reason}",
        "fi": "ei ole tavoitettavissa: {reason}",
        "sv": "kan inte nås: {reason}",
    },
    "db.commit_unconfirmed": {
        "en": "lost the connection while committing: {reason}; the write may be stored: the next write, or a retry "
              "with the same key, finds out and never stores it twice",
        "fi": "yhteys katkesi kesken tallennuksen vahvistuksen: {reason}; muutos voi olla tallentunut: seuraava "
              "kirjaus tai uusi yritys samalla avaimella selvittää sen eikä tallenna sitä kahdesti",
        "sv": "förlorade förbindelsen under bekräftelsen: {reason}; ändringen kan ha lagrats: nästa bokföring, "
              "eller ett nytt försök med samma nyckel, tar reda på det och lagrar den aldrig två gånger",
    },
    # --- a damaged log: what is before the first bad row is shown, nothing is written ----------
    "ledger.damaged": {
        "en": "is damaged at #{position} ({finding:why}): nothing is written to it; run `kirjuri verify`, "
              "then `kirjuri recover --to NEW`",
        "fi": "on vioittunut kohdassa #{position} ({finding:why}): siihen ei kirjata mitään; aja `kirjuri verify` "
              "ja sitten `kirjuri recover --to UUSI`",
        "sv": "är skadad vid #{position} ({finding:why}): inget bokförs i den; kör `kirjuri verify` och sedan "
              "`kirjuri recover --to NY`",
    },
    "recover.same_ledger": {
        "en": "is the damaged ledger itself: recover into a new ledger, and keep this one as it is",
        "fi": "on itse vioittunut kirjanpito: palauta uuteen kirjanpitoon ja säilytä tämä sellaisenaan",
        "sv": "är själva den skadade bokföringen: återställ till en ny bokföring och behåll denna som den är",
    },
    "recover.not_empty": {
        "en": "already holds {count} events: recover copies into a new, empty ledger",
        "fi": "sisältää jo {count} tapahtumaa: recover kopioi uuteen, tyhjään kirjanpitoon",
        "sv": "har redan {count} händelser: recover kopierar till en ny, tom bokföring",
    },
    "ledger.damaged_notice": {
        "en": "is damaged at #{position} ({finding:why}): the figures are as of #{last}, the last good event, "
              "and nothing can be written; run `kirjuri verify`, then `kirjuri recover --to NEW`",
        "fi": "on vioittunut kohdassa #{position} ({finding:why}): luvut ovat viimeisen ehjän tapahtuman #{last} "
              "mukaiset, eikä mitään voi kirjata; aja `kirjuri verify` ja sitten `kirjuri recover --to UUSI`",
        "sv": "är skadad vid #{position} ({finding:why}): siffrorna är enligt #{last}, den sista felfria "
              "händelsen, och inget kan bokföras; kör `kirjuri verify` och sedan `kirjuri recover --to NY`",
    },
    # --- the committee's diff between two points (ledger.fold.diff) ---------------------------
    "point.invalid": {
        "en": "is not a point of the ledger: give an event (#162, or its id) or a moment (15.6.2026 12:00)",
        "fi": "ei ole kirjanpidon kohta: anna tapahtuma (#162 tai sen tunniste) tai hetki (15.6.2026 12:00)",
        "sv": "är ingen punkt i bokföringen: ange en händelse (#162 eller dess id) eller en tidpunkt (15.6.2026 12:00)",
    },
    "point.after_to": {
        "en": "is after the point compared with (#{to}): give the earlier point first",
        "fi": "on vertailukohdan (#{to}) jälkeen: anna aiempi kohta ensin",
        "sv": "är efter jämförelsepunkten (#{to}): ange den tidigare punkten först",
    },
    "diff.unit_points": {
        "en": "compares the binding units: a unit's diff takes --year and --from-as-of / --from-known-at instead",
        "fi": "vertaa sitovia yksiköitä: yksikön vertailuun anna --year ja --from-as-of / --from-known-at",
        "sv": "jämför de bindande enheterna: en enhets jämförelse tar --year och --from-as-of / --from-known-at",
    },
    "output.diff_suffix": {
        "en": "must end in .csv or .md",
        "fi": "ei ole .csv- tai .md-tiedosto",
        "sv": "är ingen .csv- eller .md-fil",
    },
    # --- investment projects and carry-over (issue 17) -----------------------------------------
    "project.unknown": {
        "en": "is not an investment project (see `kirjuri units`)",
        "fi": "ei ole investointihanke (ks. `kirjuri units`)",
        "sv": "är inget investeringsprojekt (se `kirjuri units`)",
    },
    "project.not_a_unit": {
        "en": "is an investment project: a {level} is never below one or moved as one (use `kirjuri project`)",
        "fi": "on investointihanke: taso {level} ei voi olla sen alla eikä sitä siirretä yksikkönä "
              "(käytä komentoa `kirjuri project`)",
        "sv": "är ett investeringsprojekt: nivån {level} kan inte ligga under det eller flyttas som det (använd `kirjuri project`)",
    },
    "project.account_part": {
        "en": "is of the {part} part: project {project} takes the investointi part's accounts ({accounts})",
        "fi": "kuuluu osaan {part}: hankkeelle {project} kirjataan investointiosan tilejä ({accounts})",
        "sv": "hör till delen {part}: projektet {project} bokförs på investeringsdelens konton ({accounts})",
    },
    "project.responsible_project": {
        "en": "is a project: the responsible unit is a unit of the organisation",
        "fi": "on hanke: vastuuyksikön on oltava organisaation yksikkö",
        "sv": "är ett projekt: den ansvariga enheten ska vara en enhet i organisationen",
    },
    "project.years": {
        "en": "is before the first year {first}",
        "fi": "on ennen ensimmäistä vuotta {first}",
        "sv": "är före det första året {first}",
    },
    "project.estimate": {
        "en": "is not a cost estimate: a cost as a positive amount, at most {limit:eur}",
        "fi": "ei ole kustannusarvio: kustannus positiivisena euromääränä, enintään {limit:eur}",
        "sv": "är ingen kostnadskalkyl: en kostnad som ett positivt belopp, högst {limit:eur}",
    },
    "project.nothing_changed": {
        "en": "changes nothing: give --name, --group, --estimate, --first-year or --last-year",
        "fi": "ei muuta mitään: anna --name, --group, --estimate, --first-year tai --last-year",
        "sv": "ändrar ingenting: ange --name, --group, --estimate, --first-year eller --last-year",
    },
    "carry.next_year": {
        "en": "is not the year after {from_year}: unused appropriations are carried to the next year",
        "fi": "ei ole vuotta {from_year} seuraava vuosi: käyttämättömät määrärahat siirretään seuraavalle "
              "vuodelle",
        "sv": "är inte året efter {from_year}: oanvända anslag överförs till följande år",
    },
    "carry.more_than_unused": {
        "en": "carries more than {year} left unused at {unit} {account}: {asked:eur} asked, {unused:eur} unused "
              "(TA+muutos {budget:eur}, toteutuma {toteutuma:eur}, carried already {carried:eur})",
        "fi": "siirtää enemmän kuin vuodelta {year} jäi käyttämättä: {unit} {account}: pyydetty {asked:eur} €, "
              "käyttämättä {unused:eur} € (TA+muutos {budget:eur} €, toteutuma {toteutuma:eur} €, jo siirretty "
              "{carried:eur} €)",
        "sv": "överför mer än som blev oanvänt år {year}: {unit} {account}: begärt {asked:eur} €, oanvänt {unused:eur} € (budget efter ändringar {budget:eur} €, utfall {toteutuma:eur} €, redan överfört {carried:eur} €)",
    },
    # --- s23-rules ---
    "rules.unknown_key": {
        "en": "is not a key of a rules file here: use one of {choices}",
        "fi": "ei ole sääntötiedoston avain tässä kohdassa: käytä jotakin seuraavista: {choices}",
        "sv": "är ingen nyckel i en regelfil här: använd någon av följande: {choices}",
    },
    "rules.type": {
        "en": "is of the wrong type: the rules file takes a {expected} here",
        "fi": "on väärää tyyppiä: sääntötiedostossa tässä kohdassa on oltava {expected}",
        "sv": "är av fel typ: regelfilen tar här {expected}",
    },
    "rules.digest": {
        "en": "is not the digest of the rules it adopts ({digest})",
        "fi": "ei ole hyväksyttävien sääntöjen tiiviste ({digest})",
        "sv": "är inte kontrollsumman för de regler som antas ({digest})",
    },
    "event.rules_adoption": {
        "en": "adopted the rules: an adoption is not reversed; adopt the earlier rules again instead",
        "fi": "hyväksyi säännöt: hyväksymistä ei peruta; hyväksy aiemmat säännöt uudelleen",
        "sv": "antog reglerna: ett antagande annulleras inte; anta de tidigare reglerna på nytt",
    },
    "rules.not_adopted": {
        "en": "is not the rules this ledger adopted ({decision}): the ledger judges by the rules it adopted; "
              "leave --rules out, or adopt the file with `kirjuri rules adopt`",
        "fi": "ei ole kirjanpidon hyväksymät säännöt ({decision}): kirjanpito noudattaa hyväksymiään sääntöjä; "
              "jätä --rules pois tai hyväksy tiedosto komennolla `kirjuri rules adopt`",
        "sv": "är inte de regler bokföringen antog ({decision}): bokföringen följer de regler den antog; "
              "utelämna --rules eller anta filen med `kirjuri rules adopt`",
    },
    "rules.unchanged": {
        "en": "are the rules already in force ({decision}): nothing to adopt",
        "fi": "ovat jo voimassa olevat säännöt ({decision}): hyväksyttävää ei ole",
        "sv": "är redan de gällande reglerna ({decision}): inget att anta",
    },
}

#: an event's kind as a Finnish clerk names it; English keeps the class name the CLI has always printed
KINDS_FI = vocabulary.by_class(vocabulary.KIND_NOUNS, "fi")
#: the same in Swedish ("saknas: budgetändring kräver ett beslut")
KINDS_SV = vocabulary.by_class(vocabulary.KIND_NOUNS, "sv")

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
        "sv": "loggen hoppar från #{last} till #{position}",
    },
    "chain.again": {
        "en": "position #{position} comes again",
        "fi": "tapahtumanumero #{position} esiintyy toiseen kertaan",
        "sv": "position #{position} förekommer igen",
    },
    "chain.undecodable": {
        "en": "the stored record does not decode: {error}",
        "fi": "tallennettua tietuetta ei voi lukea: {error}",
        "sv": "den lagrade posten kan inte avkodas: {error}",
    },
    "chain.not_bytes": {
        "en": "the stored record is {kind}, not bytes (BLOB)",
        "fi": "tallennettu tietue on {kind} eikä tavuja (BLOB)",
        "sv": "den lagrade posten är {kind}, inte byte (BLOB)",
    },
    "chain.misnumbered": {
        "en": "the record says it is #{says} but is stored at #{position}",
        "fi": "tietueen mukaan se on #{says}, mutta se on tallennettu kohtaan #{position}",
        "sv": "posten säger att den är #{says} men är lagrad som #{position}",
    },
    "chain.link": {
        "en": "the record links to {prev:.12}…, the event before it hashes to {head:.12}…",
        "fi": "tietue viittaa edeltäjään {prev:.12}…, mutta edellisen tapahtuman tiiviste on {head:.12}…",
        "sv": "posten länkar till {prev:.12}…, händelsen före den har hashvärdet {head:.12}…",
    },
    "chain.edited": {
        "en": "the event's bytes do not hash to the hash stored with them: it was edited",
        "fi": "tapahtuman tavuista laskettu tiiviste ei vastaa tallennettua: tapahtumaa on muokattu",
        "sv": "händelsens byte ger inte hashvärdet som lagrats med dem: den har redigerats",
    },
    "chain.not_canonical": {
        "en": "the event is not stored in its canonical form",
        "fi": "tapahtumaa ei ole tallennettu vakiomuodossaan",
        "sv": "händelsen är inte lagrad i sin kanoniska form",
    },
    "chain.topic": {
        "en": "stored under topic {topic!r}, but the event is {tag!r}",
        "fi": "tallennettu tyyppitunnuksella {topic!r}, mutta tapahtuma on {tag!r}",
        "sv": "lagrad under ämnet {topic!r}, men händelsen är {tag!r}",
    },
    "head.unknown": {
        "en": "no stored event has the hash {head}: the history before it was rewritten, or it is another ledger's",
        "fi": "millään tallennetulla tapahtumalla ei ole tiivistettä {head}: historiaa on kirjoitettu uudelleen "
              "ennen sitä, tai tiiviste on toisen kirjanpidon",
        "sv": "ingen lagrad händelse har hashvärdet {head}: historien före den har skrivits om, eller så är den en "
              "annan bokförings",
    },
    "head.ambiguous": {
        "en": "{count} stored hashes begin with {head}: give more of the head recorded in the minutes",
        "fi": "{count} tallennettua tiivistettä alkaa {head}: anna pöytäkirjaan merkitystä päästä enemmän numeroita",
        "sv": "{count} lagrade hashvärden börjar med {head}: ge mer av huvudet som antecknats i protokollet",
    },
    # --- reversals, rules and checkpoints --------------------------------------------------
    "reversal.no_target": {
        "en": "reverses {target}, which is not an earlier event",
        "fi": "peruu tapahtuman {target}, joka ei ole aiempi tapahtuma",
        "sv": "annullerar {target}, som inte är en tidigare händelse",
    },
    "reversal.again": {
        "en": "reverses #{target}, already reversed by #{by}",
        "fi": "peruu tapahtuman #{target}, jonka tapahtuma #{by} on jo perunut",
        "sv": "annullerar #{target}, som redan annullerats genom #{by}",
    },
    #: the refusal is said in the language (``{refusal:why}``): the template itself is the same in both
    "rules.refused": {
        "en": "{field}: {value!r} {refusal:why}",
        "fi": "{field}: {value!r} {refusal:why}",
        "sv": "{field}: {value!r} {refusal:why}",
    },
    "rules.unfoldable": {
        "en": "the event cannot be folded ({error}): the checks go on without its effect",
        "fi": "tapahtumaa ei voi koota kirjanpidon tilaan ({error}): tarkastus jatkuu ilman sen vaikutusta",
        "sv": "händelsen kan inte läggas in i tillståndet ({error}): granskningarna fortsätter utan dess verkan",
    },
    "checkpoint.differs": {
        "en": "the checkpoint at #{at} differs from the events folded up to it",
        "fi": "välitila kohdassa #{at} ei vastaa siihen asti koottuja tapahtumia",
        "sv": "mellanläget vid #{at} skiljer sig från händelserna fram till det",
    },
    "checkpoint.unreadable": {
        "en": "the checkpoint at #{at} cannot be read ({error}): the ledger folds the events instead",
        "fi": "välitilaa kohdassa #{at} ei voi lukea ({error}): kirjanpito kokoaa tilan tapahtumista",
        "sv": "mellanläget vid #{at} kan inte läsas ({error}): bokföringen räknas från händelserna i stället",
    },
    "checkpoint.digest": {
        "en": "the checkpoint at #{at} is not what its digest says: it was altered after it was written",
        "fi": "välitila kohdassa #{at} ei vastaa sen omaa tiivistettä: sitä on muutettu tallentamisen jälkeen",
        "sv": "mellanläget vid #{at} är inte vad dess kontrollsumma säger: det har ändrats efter att det skrevs",
    },
    "checkpoint.past_end": {
        "en": "the checkpoint at #{at} is past the last event",
        "fi": "välitila kohdassa #{at} on viimeisen tapahtuman jälkeen",
        "sv": "mellanläget vid #{at} ligger efter den sista händelsen",
    },
    # --- rules of authority (``{decision}`` is the citation, "KV 26.5.2025 § 50") ----------
    "authority.body": {
        "en": "{decision}: a {body} may not decide a {kind:rules_kind} (the rules allow: {allowed})",
        "fi": "{decision}: {body} ei saa sääntöjen mukaan päättää {kind:rules_kind} "
              "(säännöt sallivat: {allowed})",
        "sv": "{decision}: {body} får inte besluta om {kind:rules_kind} (reglerna tillåter: {allowed})",
    },
    "authority.no_body": {
        "en": "{decision}: a {body} may not decide a {kind:rules_kind} (the rules allow: no body)",
        "fi": "{decision}: {body} ei saa sääntöjen mukaan päättää {kind:rules_kind}: säännöt eivät anna sitä "
              "kenenkään päätettäväksi",
        "sv": "{decision}: {body} får inte besluta om {kind:rules_kind} (reglerna tillåter: inget organ)",
    },
    "authority.amendment_window": {
        "en": "{decision}: a TA-muutos for {year} decided on {date}, outside 1.1.{year}–{latest}",
        "fi": "{decision}: vuoden {year} TA-muutos päätetty {date}, ajan 1.1.{year}–{latest} ulkopuolella",
        "sv": "{decision}: en budgetändring för {year} beslutad {date}, utanför 1.1.{year}–{latest}",
    },
    "authority.amendment_late": {
        "en": "{decision}: decided after {by}: valid only as an overrun approved before the tilinpäätös",
        "fi": "{decision}: päätetty {by} jälkeen: pätee vain ennen tilinpäätöstä hyväksyttynä määrärahan "
              "ylityksenä",
        "sv": "{decision}: beslutat efter {by}: giltigt endast som en överskridning som godkänts före bokslutet",
    },
    "authority.ta_late": {
        "en": "{decision}: the TA for {year} adopted only on {date}",
        "fi": "{decision}: vuoden {year} TA hyväksytty vasta {date}",
        "sv": "{decision}: budgeten för {year} godkändes först {date}",
    },
    "authority.across": {
        "en": "moves appropriation between binding units ({moves}) without a valtuusto decision",
        "fi": "siirtää määrärahaa sitovien yksiköiden välillä ({moves}) ilman valtuuston päätöstä",
        "sv": "överför anslag mellan bindande enheter ({moves}) utan fullmäktiges beslut",
    },
    "authority.overrun": {
        "en": "{year} {unit} {line}: {column} {actual:eur} overruns TA+muutos {budget:eur} by {over:eur}, "
              "with no council decision covering it",
        "fi": "{year} {unit} {line}: {column} {actual:eur} € ylittää TA+muutoksen {budget:eur} €, ylitys "
              "{over:eur} €, eikä sitä kata valtuuston päätös",
        "sv": "{year} {unit} {line}: {column} {actual:eur} överskrider TA+ändringar {budget:eur} med {over:eur}, "
              "utan fullmäktigebeslut som täcker det",
    },
    "authority.forecast_overrun": {
        "en": "{year} {unit} {line}: the forecast, {column} {actual:eur}, overruns TA+muutos {budget:eur} by "
              "{over:eur}, with no council decision covering it",
        "fi": "{year} {unit} {line}: ennuste {column} {actual:eur} € ylittää TA+muutoksen {budget:eur} €, "
              "ylitys {over:eur} €, eikä sitä kata valtuuston päätös",
        "sv": "{year} {unit} {line}: prognosen, {column} {actual:eur}, överskrider TA+ändringar {budget:eur} med "
              "{over:eur}, utan fullmäktigebeslut som täcker det",
    },
    # --- issue 18: the checks the write path makes too (``ledger.audit.policy``) ---------------------
    "authority.proposal_body": {
        "en": "is put to a {to_body}, which may not decide a {kind:rules_kind} (the rules allow: {allowed})",
        "fi": "on osoitettu elimelle {to_body}, joka ei saa sääntöjen mukaan päättää {kind:rules_kind} "
              "(säännöt sallivat: {allowed})",
        "sv": "är riktat till {to_body}, som enligt reglerna inte får besluta om {kind:rules_kind} (reglerna tillåter: {allowed})",
    },
    "authority.confirmed": {
        "en": "{warning:why} (a warning {by} confirmed when writing it)",
        "fi": "{warning:why} (varoitus, jonka {by} vahvisti kirjatessaan)",
        "sv": "{warning:why} (en varning som {by} bekräftade vid bokföringen)",
    },
    "authority.ks_over": {
        "en": "{year} {unit} {line}: the KS {planned:eur} plans past TA+muutos {budget:eur} by {over:eur}",
        "fi": "{year} {unit} {line}: KS {planned:eur} € ylittää TA+muutoksen {budget:eur} €, ylitys {over:eur} €",
        "sv": "{year} {unit} {line}: dispositionsplanen {planned:eur} € överskrider TA+ändringar {budget:eur} € med {over:eur} €",
    },
    # --- a budget book against its own lines ----------------------------------------------------
    "book.contradiction": {
        "en": "line {line}: {what}: the book says {stated:eur}, its lines sum to {computed:eur}",
        "fi": "rivi {line}: {what}: kirjaan on painettu {stated:eur}, mutta sen rivien summa on "
              "{computed:eur}",
        "sv": "rad {line}: {what}: boken anger {stated:eur}, dess rader summerar till {computed:eur}",
    },
    "book.contradiction_percent": {
        "en": "line {line}: {what}: the book says {stated:percent}, its lines sum to {computed:percent}",
        "fi": "rivi {line}: {what}: kirjaan on painettu {stated:percent}, mutta sen riveistä laskettuna "
              "{computed:percent}",
        "sv": "rad {line}: {what}: boken anger {stated:percent}, dess rader summerar till {computed:percent}",
    },
    # --- a node's stated (binding) figure against its units' lines ------------------------------
    "binding.contradiction": {
        "en": "{year} {unit} {name}: {line} {column} stated {stated:eur}, its {parts} units sum to {lines:eur}: "
              "a difference of {difference:eur}, a contradiction (parts printed to {precision:eur} € explain at most "
              "{tolerance:eur})",
        "fi": "{year} {unit} {name}: {line} {column} on kirjan mukaan {stated:eur} €, sen {parts} yksikön summa "
              "{lines:eur} €: ero {difference:eur} € on ristiriita ({precision:eur} euron tarkkuudella painetut "
              "osat selittävät enintään {tolerance:eur} €)",
        "sv": "{year} {unit} {name}: {line} {column} angivet {stated:eur}, dess {parts} enheter summerar till "
              "{lines:eur}: en skillnad på {difference:eur}, en motsägelse (delar tryckta till {precision:eur} € "
              "förklarar högst {tolerance:eur})",
    },
    "binding.rounding": {
        "en": "{year} {unit} {name}: {line} {column} stated {stated:eur}, its {parts} units sum to {lines:eur}: "
              "a difference of {difference:eur}, rounding (parts printed to {precision:eur} € explain up to {tolerance:eur})",
        "fi": "{year} {unit} {name}: {line} {column} on kirjan mukaan {stated:eur} €, sen {parts} yksikön summa "
              "{lines:eur} €: ero {difference:eur} € on pyöristystä ({precision:eur} euron tarkkuudella "
              "painetut osat selittävät enintään {tolerance:eur} €)",
        "sv": "{year} {unit} {name}: {line} {column} angivet {stated:eur}, dess {parts} enheter summerar till "
              "{lines:eur}: en skillnad på {difference:eur}, avrundning (delar tryckta till {precision:eur} € "
              "förklarar upp till {tolerance:eur})",
    },
    # --- investment projects and carry-over (issue 17) -----------------------------------------
    "authority.carry_late": {
        "en": "{decision}: a carry-over from {year} decided after {by}, the rules' deadline for it",
        "fi": "{decision}: siirto vuodelta {year} päätetty määräajan {by} jälkeen",
        "sv": "{decision}: överföring från år {year} beslutad efter {by}, reglernas tidsfrist för den",
    },
    "project.over_estimate": {
        "en": "project {project} {name}: its years' appropriations {appropriated:eur} exceed its cost estimate "
              "{estimate:eur} by {over:eur}",
        "fi": "hanke {project} {name}: vuosien määrärahat {appropriated:eur} € ylittävät kustannusarvion "
              "{estimate:eur} € määrällä {over:eur} €",
        "sv": "projekt {project} {name}: årens anslag {appropriated:eur} € överskrider kostnadskalkylen {estimate:eur} € med {over:eur} €",
    },
    # --- s23-rules ---
    "authority.rules_invalid": {
        "en": "{decision}: the rules it adopts cannot be used ({reason}); the rules before it stay in force",
        "fi": "{decision}: sen hyväksymiä sääntöjä ei voi käyttää ({reason}); aiemmat säännöt pysyvät voimassa",
        "sv": "{decision}: de regler det antar kan inte användas ({reason}); de tidigare reglerna gäller",
    },
    # --- what each check looked at (``Check.scope``) -----------------------------------------
    **vocabulary.templates(vocabulary.SCOPES, LANGUAGES),
}

#: a kind of change a rules file names (``ledger.audit.authority.KINDS``) as Finnish "päättää …" takes it;
#: English says the key with spaces ("reallocation within")
RULES_KINDS_FI = vocabulary.labels(vocabulary.CHANGE_KINDS, "fi")
RULES_KINDS_SV = vocabulary.labels(vocabulary.CHANGE_KINDS, "sv")

#: the kinds' and the kinds of change's names by language; English keeps the class name and the rules
#: file's key, as the CLI has always printed them
KIND_NAMES = {"fi": KINDS_FI, "sv": KINDS_SV}
RULES_KIND_NAMES = {"fi": RULES_KINDS_FI, "sv": RULES_KINDS_SV}
