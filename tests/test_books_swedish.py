"""A Swedish-speaking municipality's books (issue 17: books as municipalities publish them): a bokslut's
driftsekonomidel (Ursprunglig budget / Budgetändringar / Budget efter ändringar / Utfall / Avvikelse), a budget
book (BS 2023 / Budget 2024 / Ram 2025 / Budget 2025) and a resultaträkningsdel in 1 000 euro are read as their
Finnish twins are: the same figures recorded, the same listed, out of the box. Each twin is the same page printed
in the other language (columns.toml and the chart's Swedish names and synonyms)."""

from __future__ import annotations

from handmade_pdf import landscape_pdf
from test_cli import kirjuri

from ledger.app import Kirjuri
from ledger.fold import projections as pj
from ledger.store.log import Target

EDGES = (330.0, 390.0, 450.0, 510.0, 570.0, 630.0, 680.0)
#: the driftsekonomidel's words in each language: the town, the book's title, the caption, the header, units
WORDS = {
    "sv": {"city": "Exempelby stad", "title": "BOKSLUT 2024", "caption": "Driftsekonomidelens utfall",
           "header": [["Ursprunglig", "Budget-", "Budget efter", "Utfall", "Avvikelse"],
                      ["budget", "ändringar", "ändringar", None, None]],
           "units": ["Bildningsnämnden", "Tekniska nämnden"],
           "accounts": ["Verksamhetsintäkter", "Försäljningsintäkter", "Avgiftsintäkter", "Understöd och bidrag",
                        "Verksamhetskostnader", "Personalkostnader", "Köp av tjänster",
                        "Material, förnödenheter och varor", "Verksamhetsbidrag"]},
    "fi": {"city": "Esimerkkilän kaupunki", "title": "TILINPÄÄTÖS 2024", "caption": "Käyttötalousosan toteutuminen",
           "header": [["Alkuperäinen", "Talousarvio-", "TA muutosten", "Toteutuma", "Poikkeama"],
                      ["talousarvio", "muutokset", "jälkeen", None, None]],
           "units": ["Sivistyslautakunta", "Tekninen lautakunta"],
           "accounts": ["Toimintatuotot", "Myyntituotot", "Maksutuotot", "Tuet ja avustukset", "Toimintakulut",
                        "Henkilöstökulut", "Palvelujen ostot", "Aineet, tarvikkeet ja tavarat", "Toimintakate"]},
}
#: the first nämnd's rows by the accounts above (TA, MUUTOS, TA+MUUTOS, TOTEUMA, POIKKEAMA)
FIRST = [["1 200 000", "0", "1 200 000", "1 310 500", "110 500"], ["400 000", "0", "400 000", "420 000", "20 000"],
         ["500 000", "0", "500 000", "560 500", "60 500"], ["300 000", "0", "300 000", "330 000", "30 000"],
         ["-9 000 000", "-250 000", "-9 250 000", "-9 180 000", "70 000"],
         ["-6 000 000", "-250 000", "-6 250 000", "-6 200 000", "50 000"],
         ["-2 000 000", "0", "-2 000 000", "-1 990 000", "10 000"], ["-1 000 000", "0", "-1 000 000", "-990 000", "10 000"],
         ["-7 800 000", "-250 000", "-8 050 000", "-7 869 500", "180 500"]]
#: the second's: revenue as sales only, costs as personnel and services
SECOND = [["2 000 000", "100 000", "2 100 000", "2 050 000", "-50 000"],
          ["2 000 000", "100 000", "2 100 000", "2 050 000", "-50 000"], None, None,
          ["-5 000 000", "0", "-5 000 000", "-5 100 000", "-100 000"],
          ["-1 000 000", "0", "-1 000 000", "-1 100 000", "-100 000"], ["-4 000 000", "0", "-4 000 000", "-4 000 000", "0"],
          None, ["-3 000 000", "100 000", "-2 900 000", "-3 050 000", "-150 000"]]


def _table(header: list[list[str | None]], rows: list[tuple[str, list[str]]], edges=EDGES) -> list:
    out = [[(w, e, "r") for w, e in zip(words, edges) if w] for words in header]
    return out + [[(label, 40.0, "l")] + [(v, e, "r") for v, e in zip(values, edges)] for label, values in rows]


def _bokslut(path, lang: str) -> None:
    w = WORDS[lang]
    lines = [[(w["city"], 40.0, "l")], [(w["title"], 40.0, "l")], [], [(w["caption"], 40.0, "l")], []]
    for unit, figures in zip(w["units"], (FIRST, SECOND)):
        rows = [(account, row) for account, row in zip(w["accounts"], figures) if row]
        lines += [[(unit, 40.0, "l")], [], *_table(w["header"], rows), []]
    landscape_pdf(path, lines)


def _imported(tmp_path, lang: str, write) -> tuple[Kirjuri, str]:
    book, db = tmp_path / f"{lang}.pdf", str(tmp_path / f"{lang}.sqlite")
    write(book, lang)
    assert kirjuri(db, "init").exit_code == 0
    preview = kirjuri(db, "import", str(book))
    assert preview.exit_code == 0, preview.output
    done = kirjuri(db, "import", str(book), "--apply", "--confirm", "authority.overrun")
    assert done.exit_code == 0, done.output
    return Kirjuri(Target(sqlite_path=tmp_path / f"{lang}.sqlite"), author="testi"), " ".join(preview.output.split())


def _figures(ledger: Kirjuri, year: int) -> dict[str, dict[tuple[str, str], int]]:
    """Each unit's own recorded cells, by its place in the organisation (the twins' names differ; both print
    their nämnder in the same order)."""
    state = ledger.state
    return {n: state.own_figures(year, code) for n, (_depth, code) in enumerate(pj.tree(state, year))}


def test_a_swedish_bokslut_records_what_its_finnish_twin_records(tmp_path, english):
    """The driftsekonomidel of Exempelby stad's Bokslut 2024: its year, its town, both nämnder as units under it,
    and every TA, budgetändring and utfall the Finnish twin records, on the same accounts; the Swedish
    Verksamhetsbidrag is the toimintakate the arithmetic confirms."""
    ledgers = {lang: _imported(tmp_path, lang, _bokslut) for lang in ("fi", "sv")}
    (fi, fi_said), (sv, sv_said) = ledgers["fi"], ledgers["sv"]
    assert "year 2024 (the book)" in sv_said and "TA / MUUTOS / TA+MUUTOS / TOTEUMA / POIKKEAMA" in sv_said
    assert "0 listed" in sv_said and "0 contradictions" in sv_said
    names = sorted(sv.state.name(code) for code in sv.state.units)
    assert names == ["Bildningsnämnden", "Exempelby stad", "Tekniska nämnden"]
    sv_figures, fi_figures = _figures(sv, 2024), _figures(fi, 2024)
    assert sv_figures == fi_figures and sum(len(cells) for cells in sv_figures.values()) >= 20
    fi.close()
    sv.close()


def _budget_book(path, lang: str) -> None:
    head = {"sv": ["BS 2023", "Budget 2024", "Ram 2025", "Budget 2025"],
            "fi": ["TP 2023", "TA 2024", "Raami 2025", "TA 2025"]}[lang]
    title = {"sv": "BUDGET 2025 OCH EKONOMIPLAN 2026-2027", "fi": "TALOUSARVIO 2025 JA TALOUSSUUNNITELMA 2026-2027"}
    units = {"sv": ["BILDNINGSNÄMNDEN", "TEKNISKA NÄMNDEN"], "fi": ["SIVISTYSLAUTAKUNTA", "TEKNINEN LAUTAKUNTA"]}[lang]
    accounts = {"sv": ["Verksamhetsintäkter", "Verksamhetskostnader", "Verksamhetsbidrag"],
                "fi": ["Toimintatuotot", "Toimintakulut", "Toimintakate"]}[lang]
    figures = [[["1 100 000", "1 200 000", "1 250 000", "1 260 000"], ["-9 000 000", "-9 100 000", "-9 300 000",
                "-9 350 000"], ["-7 900 000", "-7 900 000", "-8 050 000", "-8 090 000"]],
               [["2 000 000", "2 100 000", "2 150 000", "2 200 000"], ["-5 000 000", "-5 100 000", "-5 200 000",
                "-5 150 000"], ["-3 000 000", "-3 000 000", "-3 050 000", "-2 950 000"]]]
    edges = (330.0, 400.0, 470.0, 540.0)
    lines = [[(WORDS[lang]["city"], 40.0, "l")], [(title[lang], 40.0, "l")], []]
    for unit, rows in zip(units, figures):
        lines += [[(unit, 40.0, "l")] + [(w, e, "r") for w, e in zip(head, edges)]]
        lines += [[(a, 40.0, "l")] + [(v, e, "r") for v, e in zip(row, edges)] for a, row in zip(accounts, rows)]
        lines.append([])
    landscape_pdf(path, lines)


def test_a_swedish_budget_book_records_its_budget_and_lists_the_frame_and_earlier_years(tmp_path, english):
    """BS 2023 / Budget 2024 / Ram 2025 / Budget 2025: the year's budget recorded as the TA, as the Finnish
    twin's TA 2025; the frame (ram) and the earlier years listed with why, never recorded."""
    ledgers = {lang: _imported(tmp_path, lang, _budget_book) for lang in ("fi", "sv")}
    (fi, _fi_said), (sv, sv_said) = ledgers["fi"], ledgers["sv"]
    assert "year 2025 (the book)" in sv_said and "OTHER-YEAR / OTHER-YEAR 2 / PROPOSAL / TA" in sv_said
    assert _figures(sv, 2025) == _figures(fi, 2025)
    budgets = {cells[("TOIMINTAKULUT", "TA")] for cells in _figures(sv, 2025).values() if cells}
    assert budgets == {-9_350_000_00, -5_150_000_00}
    fi.close()
    sv.close()


def _resultatrakning(path, lang: str) -> None:
    w = {"sv": ("Exempelby stad", "BOKSLUT 2024", "Resultaträkningsdelens utfall, 1 000 euro",
                ["Verksamhetsintäkter", "Verksamhetskostnader", "Verksamhetsbidrag", "Skatteinkomster", "Statsandelar",
                 "Årsbidrag", "Avskrivningar och nedskrivningar", "Räkenskapsperiodens resultat"]),
         "fi": ("Esimerkkilän kaupunki", "TILINPÄÄTÖS 2024", "Tuloslaskelmaosan toteutuminen, 1 000 euroa",
                ["Toimintatuotot", "Toimintakulut", "Toimintakate", "Verotulot", "Valtionosuudet", "Vuosikate",
                 "Poistot ja arvonalentumiset", "Tilikauden tulos"])}[lang]
    figures = [["20 000", "0", "20 000", "21 000", "1 000"], ["-150 000", "-2 000", "-152 000", "-151 000", "1 000"],
               ["-130 000", "-2 000", "-132 000", "-130 000", "2 000"], ["90 000", "0", "90 000", "92 000", "2 000"],
               ["50 000", "1 000", "51 000", "51 500", "500"], ["10 000", "-1 000", "9 000", "13 500", "4 500"],
               ["-8 000", "0", "-8 000", "-8 200", "-200"], ["2 000", "-1 000", "1 000", "5 300", "4 300"]]
    lines = [[(w[0], 40.0, "l")], [(w[1], 40.0, "l")], [], [(w[2], 40.0, "l")],
             *_table(WORDS[lang]["header"], list(zip(w[3], figures)))]
    landscape_pdf(path, lines)


def test_a_swedish_resultatrakningsdel_in_thousands_is_recorded_times_a_thousand(tmp_path, english):
    """`1 000 euro` in the caption is the scale; Skatteinkomster, Statsandelar and the rest are the chart's
    accounts by their Swedish names, recorded as printed × 1000 as the Finnish twin's."""
    ledgers = {lang: _imported(tmp_path, lang, _resultatrakning) for lang in ("fi", "sv")}
    (fi, _fi_said), (sv, sv_said) = ledgers["fi"], ledgers["sv"]
    assert "× 1000" in sv_said
    sv_figures = _figures(sv, 2024)
    assert sv_figures == _figures(fi, 2024)
    city = next(cells for cells in sv_figures.values() if cells)
    assert (city[("Verotulot", "TA")], city[("Valtionosuudet", "TP")]) == (90_000_000_00, 51_500_000_00)
    fi.close()
    sv.close()


def test_a_label_set_with_a_ligature_names_its_account(tmp_path):
    """A typesetting program sets `fi` as one glyph (`ﬁ`, as in `finansiella`, or `ﬀ` in `Aﬀärsverket`): pdfminer
    gives that glyph, and the label kept it, a name no one types (a unit so named is not found by its name). It
    reads as the letters it joins, and names the same account."""
    from ledger.books import layout, pdf

    rows = [("Skatteinkomster", ["90 000", "0", "90 000", "92 000", "2 000"]),
            ("Statsandelar", ["50 000", "1 000", "51 000", "51 500", "500"]),
            ("Finansiella intäkter", ["1 000", "0", "1 000", "1 200", "200"])]
    accounts = {}
    for name, label in (("plain", "finansiella intäkter"), ("ligature", "\ufb01nansiella intäkter")):
        lines = [[("Exempelby stad", 40.0, "l")], [("BOKSLUT 2024", 40.0, "l")], [],
                 [("Resultaträkningsdelens utfall, 1 000 euro", 40.0, "l")],
                 *_table(WORDS["sv"]["header"], [*rows[:2], (label, rows[2][1])])]
        landscape_pdf(tmp_path / f"{name}.pdf", lines)
        (table,) = layout.read_layout(pdf.read_pdf(tmp_path / f"{name}.pdf").lines, year=2024).tables
        accounts[name] = [(row.label, row.account) for row in table.rows]
    assert accounts["ligature"] == accounts["plain"] and accounts["plain"][2][1] is not None
